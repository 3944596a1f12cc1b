//! Checks of settings that parse but cannot work: a `base_url` that is not a web
//! address or a path, a `theme` that is neither built in nor a folder in
//! `themes/`, and a `[check]` key that names no rule a site may set. Each is a [`Diagnostic`] on the line of `guidebook.toml` that says it.
//!
//! Input: the parsed settings, the file's text and the site folder. Output: the first
//! problem found, if any. Reads only which folders `themes/` holds.

use std::path::Path;

use super::{CONFIG_FILE, Settings, line_col};
use crate::check::rules::{CONFIGURABLE, code_of};
use crate::error::{Diagnostic, did_you_mean};

/// The theme built into guidebook.
pub const BUILT_IN_THEME: &str = "default";

/// The first setting of `settings` that cannot work, located in `text`.
pub fn check(settings: &Settings, text: &str, root: &Path) -> Option<Diagnostic> {
    let bases = std::iter::once(("base_url".to_string(), settings.base_url.as_str())).chain(
        settings.profiles.iter().filter_map(|(name, p)| {
            p.base_url
                .as_deref()
                .map(|b| (format!("profiles.{name}.base_url"), b))
        }),
    );
    for (key, value) in bases {
        if let Some(d) = base_url(&key, value, text) {
            return Some(d);
        }
    }
    theme(&settings.theme, text, root).or_else(|| rules(settings, text))
}

/// Each key of `[check]` must name a rule whose level a site may set.
fn rules(settings: &Settings, text: &str) -> Option<Diagnostic> {
    let key = settings.check.keys().find(|k| code_of(k).is_none())?;
    let code = key.replace('_', "-");
    let d = if FIXED.contains(&code.as_str()) {
        Diagnostic::error(
            "config",
            CONFIG_FILE,
            format!("[check] cannot set `{key}`: a page with this problem cannot be built, so it is always an error"),
        )
        .hint("remove the line")
    } else {
        let guess = did_you_mean(&code, CONFIGURABLE)
            .map(|s| format!("; did you mean `{}`?", s.replace('-', "_")))
            .unwrap_or_default();
        Diagnostic::error(
            "config",
            CONFIG_FILE,
            format!("[check] `{key}` is not a rule{guess}"),
        )
        .hint("the rules are listed in the README under \"Checking the site\"; set each to \"warning\" or \"error\"")
    };
    Some(locate_key(d, text, key))
}

/// The rules that stop a file from being read, which `[check]` cannot soften.
const FIXED: &[&str] = &[
    "front-matter",
    "encoding",
    "duplicate-url",
    "symlink",
    "read",
    "config",
];

/// Point `d` at the line of `[check]` that sets `key`.
fn locate_key(d: Diagnostic, text: &str, key: &str) -> Diagnostic {
    let mut offset = 0;
    let mut in_check = false;
    for line in text.split_inclusive('\n') {
        let t = line.trim();
        if t.starts_with('[') {
            in_check = t.trim_start_matches('[').trim_end_matches(']').trim() == "check";
        } else if in_check {
            let name = t
                .split('=')
                .next()
                .unwrap_or("")
                .trim()
                .trim_matches(['"', '\'']);
            if name == key {
                let column = line.len() - line.trim_start().len();
                let (l, c) = line_col(text, offset + column);
                let width = t.split('=').next().unwrap_or("").trim_end().chars().count();
                return d.at(text, l, c, width);
            }
        }
        offset += line.len();
    }
    d
}

/// `base_url` must be empty, an `http(s)://` address or a path starting with `/`.
fn base_url(key: &str, value: &str, text: &str) -> Option<Diagnostic> {
    let v = value.trim();
    if v.is_empty() || is_path(v) || is_web_address(v) {
        return None;
    }
    let d = Diagnostic::error(
        "config",
        CONFIG_FILE,
        format!("{key} `{value}` is not a web address or a path"),
    )
    .hint("write it as https://host/path/ (where the site is published) or as a path such as /research-security/");
    Some(locate(d, text, value))
}

fn is_path(v: &str) -> bool {
    v.starts_with('/')
        && !v.starts_with("//")
        && !v
            .chars()
            .any(|c| c.is_control() || c.is_whitespace() || matches!(c, '\\' | '"' | '<' | '>'))
}

fn is_web_address(v: &str) -> bool {
    url::Url::parse(v).is_ok_and(|u| {
        matches!(u.scheme(), "http" | "https")
            && u.host_str().is_some_and(|h| !h.is_empty())
            && u.query().is_none()
            && u.fragment().is_none()
    })
}

/// The theme must be built in or a folder in `themes/`.
fn theme(name: &str, text: &str, root: &Path) -> Option<Diagnostic> {
    if name == BUILT_IN_THEME || (is_folder_name(name) && root.join("themes").join(name).is_dir()) {
        return None;
    }
    let mut names = vec![BUILT_IN_THEME.to_string()];
    if let Ok(entries) = std::fs::read_dir(root.join("themes")) {
        let mut found: Vec<String> = entries
            .flatten()
            .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n != BUILT_IN_THEME && !n.starts_with('.'))
            .collect();
        found.sort();
        names.extend(found);
    }
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    let guess = did_you_mean(name, &refs)
        .map(|s| format!("; did you mean `{s}`?"))
        .unwrap_or_default();
    let d = Diagnostic::error(
        "config",
        CONFIG_FILE,
        format!("unknown theme `{name}`{guess}"),
    )
    .hint(format!(
        "themes available: {} (`default` is built in; a theme of your own is a folder in themes/)",
        names.join(", ")
    ));
    Some(locate(d, text, name))
}

fn is_folder_name(name: &str) -> bool {
    !name.is_empty() && !name.starts_with('.') && !name.contains(['/', '\\'])
}

/// Point `d` at the first place `value` is written as a quoted string in `text`.
fn locate(d: Diagnostic, text: &str, value: &str) -> Diagnostic {
    let quoted = [format!("\"{value}\""), format!("'{value}'")];
    match quoted.iter().find_map(|q| text.find(q.as_str())) {
        Some(at) => {
            let (line, column) = line_col(text, at);
            d.at(text, line, column, value.chars().count() + 2)
        }
        None => d,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(text: &str) -> Option<Diagnostic> {
        let settings = super::super::parse(text).unwrap();
        check(&settings, text, Path::new("/nonexistent"))
    }

    #[test]
    fn base_urls() {
        for ok in [
            "",
            "/",
            "/rs/",
            "https://intranet.example.ac.uk/rs/",
            "http://localhost:8080/",
        ] {
            assert!(problem(&format!("base_url = \"{ok}\"\n")).is_none(), "{ok}");
        }
        for bad in [
            "javascript:alert(1)",
            "rs/",
            "//evil.example/",
            "ftp://x.org/",
            "https://x.org/?a=1",
            "data:text/html,x",
        ] {
            let d = problem(&format!("title = \"T\"\nbase_url = \"{bad}\"\n")).unwrap();
            assert_eq!(
                d.message,
                format!("base_url `{bad}` is not a web address or a path")
            );
            assert_eq!((d.line, d.column), (2, 12), "{bad}");
        }
        let d = problem("[profiles.public]\nbase_url = \"javascript:x\"\n").unwrap();
        assert_eq!(
            d.message,
            "profiles.public.base_url `javascript:x` is not a web address or a path"
        );
    }

    #[test]
    fn themes() {
        assert!(problem("theme = \"default\"\n").is_none());
        let d = problem("title = \"T\"\ntheme = \"defualt\"\n").unwrap();
        assert_eq!(
            d.render(),
            "error[config]: unknown theme `defualt`; did you mean `default`?\n --> guidebook.toml:2:9\n  |\n2 | theme = \"defualt\"\n  |         ^^^^^^^^^\n  = help: themes available: default (`default` is built in; a theme of your own is a folder in themes/)\n"
        );
    }
}
