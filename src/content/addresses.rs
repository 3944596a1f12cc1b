//! Addresses written in front matter (`slug`, `permalink`, `aliases`): each must be a
//! plain path on this site, and none may take an address guidebook writes itself
//! (`assets/`, `_search/`, `editions/`, ...). A bad one is a `front-matter` error on
//! its line and is dropped, so nothing is ever written outside the output folder or
//! at a path a server refuses (`..`, `%2e%2e`, `javascript:`).
//!
//! Input: a page's typed front matter, its text and its URL path. Output:
//! diagnostics (and the bad values removed). Pure.

use super::fields::FrontMatter;
use super::frontmatter::{Split, key_position};
use super::urls::{GENERATED_PAGES, RESERVED, alias_path, slugify};
use crate::error::Diagnostic;

/// Where a page's front matter is, for locating problems.
pub struct Source<'a> {
    pub split: &'a Split<'a>,
    pub text: &'a str,
    pub display: &'a str,
    /// A bare folder: an alias may be relative to the page's folder, so aliases are
    /// checked once resolved (`bare::aliases`, through [`alias_problem`]).
    pub relative_aliases: bool,
}

/// Check `slug`, `permalink` and `aliases`, removing the values that cannot be used.
pub fn check_fields(fm: &mut FrontMatter, src: &Source<'_>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    if let Some(slug) = &fm.slug
        && slugify(slug).is_empty()
    {
        out.push(problem(
            src,
            "slug",
            slug,
            "has no letter or digit to make an address from",
        ));
        fm.slug = None;
    }
    if let Some(p) = &fm.permalink
        && let Err(why) = path_problem(p)
    {
        out.push(problem(src, "permalink", p, &why));
        fm.permalink = None;
    }
    if src.relative_aliases {
        return out;
    }
    fm.aliases.retain(|a| match alias_problem(a) {
        Some(why) => {
            out.push(problem(src, "alias", a, &why));
            false
        }
        None => true,
    });
    out
}

/// Why an alias (a path from the site's root) cannot redirect, if it cannot.
pub fn alias_problem(alias: &str) -> Option<String> {
    path_problem(alias).err().or_else(|| {
        GENERATED_PAGES
            .contains(&alias_path(alias).as_str())
            .then(|| "is the address of a page guidebook makes".to_string())
    })
}

/// A page's address (`path`, from its file name, slug or permalink) must not be
/// inside a folder guidebook writes itself.
pub fn check_path(path: &str, fm: &FrontMatter, src: &Source<'_>) -> Option<Diagnostic> {
    let first = path.split('/').next().unwrap_or("");
    if !RESERVED.contains(&first) {
        return None;
    }
    let mut d = Diagnostic::error(
        "front-matter",
        src.display,
        format!("this page's address /{path} is inside /{first}/, which guidebook writes itself"),
    )
    .hint("give the page another `slug` or `permalink`, or move the file to another folder");
    let key = if fm.permalink.is_some() {
        "permalink"
    } else {
        "slug"
    };
    if let Some((l, c)) = key_position(src.split, key) {
        d = d.at(src.text, l, c, key.len());
    } else {
        d = d.at(src.text, 1, 1, 1);
    }
    Some(d)
}

/// The message of a `front-matter` problem with an address.
pub fn not_an_address(field: &str, value: &str, why: &str) -> String {
    format!("{field} `{value}` cannot be an address on this site: {why}")
}

pub const ADDRESS_HINT: &str =
    "write a path such as `/old/page/`: letters, digits, `-`, `_`, `.` and `/`";

/// Why `raw` cannot be a path on this site, if it cannot.
fn path_problem(raw: &str) -> Result<(), String> {
    let v = raw.trim();
    if let Some(c) = v.chars().find(|c| {
        c.is_control()
            || matches!(
                c,
                ':' | '%' | '\\' | '?' | '#' | '"' | '<' | '>' | '|' | '*'
            )
    }) {
        let c = if c.is_control() {
            format!("{:?}", c)
        } else {
            c.to_string()
        };
        return Err(format!(
            "it holds `{c}`; an address is a path such as `/old/page/`"
        ));
    }
    let path = alias_path(v);
    for part in path.split('/').filter(|p| !p.is_empty()) {
        if part == "." || part == ".." {
            return Err("it holds `.` or `..`; an address cannot climb out of the site".into());
        }
        if part.starts_with('.') {
            return Err(format!(
                "its part `{part}` starts with a dot, and servers never serve those"
            ));
        }
    }
    let first = path.split('/').next().unwrap_or("");
    if RESERVED.contains(&first) {
        return Err(format!(
            "it is inside /{first}/, which guidebook writes itself"
        ));
    }
    Ok(())
}

fn problem(src: &Source<'_>, field: &str, value: &str, why: &str) -> Diagnostic {
    let d = Diagnostic::error(
        "front-matter",
        src.display,
        not_an_address(field, value, why),
    )
    .hint(ADDRESS_HINT);
    match find_value(src, value) {
        Some((line, column)) => d.at(src.text, line, column, value.chars().count()),
        None => d,
    }
}

/// The line and column of `value` within the front matter.
fn find_value(src: &Source<'_>, value: &str) -> Option<(usize, usize)> {
    src.split.front.lines().enumerate().find_map(|(i, l)| {
        l.find(value)
            .map(|c| (i + src.split.front_line, l[..c].chars().count() + 1))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths() {
        for ok in ["/old/page/", "old", "/a/b.html", "/café/"] {
            assert_eq!(path_problem(ok), Ok(()), "{ok}");
        }
        for bad in [
            "javascript:alert(1)",
            "/%2e%2e/x/",
            "/../../etc/",
            "/a/./b/",
            "/.git/",
            "/assets/x/",
            "/_search/",
            "/editions/2026/",
            "/a\\b/",
            "/a?b",
            "/sitemap.xml",
        ] {
            assert!(path_problem(bad).is_err(), "{bad}");
        }
    }
}
