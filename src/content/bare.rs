//! Bare folders: the URL conventions of other generators' sites, adopted when a folder
//! has neither `guidebook.toml` nor `content/` (configured sites keep the strict rules
//! of `sections.rs`).
//!
//! - A page whose URL is a folder's URL, where that folder has no index of its own
//!   (`foo.md` beside `foo/`, or `permalink: /docs/` over `_docs/`), is that folder's
//!   section page.
//! - Else a folder's `README.md` is its section page, as GitHub and MkDocs show it.
//! - Two pages claiming one URL: the index (or the page whose URL comes from its file
//!   name) keeps it; the other gets a URL of its own, with a warning naming both.
//! - Aliases: one equal to the page's own URL (in any case) is dropped silently; a
//!   relative one is read from the page's folder; one that is another page's URL, or
//!   another page's alias, is dropped with a warning naming both files.
//!
//! Input: the loaded pages. Output: the same pages, adjusted, and diagnostics. No IO.

use std::collections::{BTreeSet, HashMap};

use super::urls::{alias_path, page_path};
use super::{Asset, Kind, Page};
use crate::config::Config;
use crate::error::{Diagnostic, Diagnostics};

/// Before sections are made: section pages beside their folders, then one URL each.
pub(crate) fn adopt(config: &Config, pages: &mut [Page], dirs: &[String], diags: &mut Diagnostics) {
    for p in pages.iter_mut() {
        reset(p);
    }
    section_pages(pages, dirs);
    distinct_urls(config, pages, diags);
}

/// Undo what an earlier `adopt` did to a page (the live preview assembles the same
/// pages again after an edit), so adopting is decided afresh each time.
fn reset(p: &mut Page) {
    p.path = match &p.fm.permalink {
        Some(link) => alias_path(link),
        None => page_path(&p.rel, p.fm.slug.as_deref()),
    };
    if p.index_of.take().is_some() {
        p.is_index = false;
        let explicit = p.fm.kind.as_deref().and_then(Kind::from_name);
        p.kind = match (explicit, p.rel.split_once('/')) {
            (Some(k), _) => k,
            (None, Some((top, _))) => Kind::from_section(top),
            (None, None) => Kind::Guidance,
        };
    }
}

/// The folder whose URL a page has, when that folder has no index page.
fn section_pages(pages: &mut [Page], dirs: &[String]) {
    let indexed: BTreeSet<&str> = pages
        .iter()
        .filter(|p| p.is_index)
        .map(|p| dir_of(&p.rel))
        .collect();
    let mut free: HashMap<String, String> = dirs
        .iter()
        .filter(|d| !indexed.contains(d.as_str()))
        .map(|d| (folder_url(d), d.clone()))
        .collect();
    for p in pages.iter_mut().filter(|p| !p.is_index) {
        if let Some(dir) = free.remove(&p.path) {
            make_section_page(p, dir);
        }
    }
    // as GitHub, MkDocs and GitHub Pages show them: a folder's README is its page
    let mut free: HashMap<String, String> = free.into_values().map(|d| (d.clone(), d)).collect();
    for p in pages
        .iter_mut()
        .filter(|p| !p.is_index && is_readme(&p.rel))
    {
        if let Some(dir) = free.remove(dir_of(&p.rel)) {
            p.path = folder_url(&dir);
            make_section_page(p, dir);
        }
    }
}

fn make_section_page(p: &mut Page, dir: String) {
    p.kind = if dir.is_empty() {
        Kind::Home
    } else {
        Kind::Section
    };
    p.is_index = true;
    p.index_of = Some(dir);
}

/// `README.md` in any case (`readme.md`, `Readme.markdown`).
fn is_readme(rel: &str) -> bool {
    let name = rel.rsplit('/').next().unwrap_or(rel).to_ascii_lowercase();
    matches!(name.as_str(), "readme.md" | "readme.markdown")
}

/// The URL of the section page of `dir`.
pub(crate) fn folder_url(dir: &str) -> String {
    if dir.is_empty() {
        String::new()
    } else {
        page_path(&format!("{dir}/_index.md"), None)
    }
}

fn dir_of(rel: &str) -> &str {
    rel.rsplit_once('/').map(|(d, _)| d).unwrap_or("")
}

/// Give every page a URL of its own; the one with the best claim keeps a shared URL.
fn distinct_urls(config: &Config, pages: &mut [Page], diags: &mut Diagnostics) {
    let mut order: Vec<usize> = (0..pages.len()).collect();
    order.sort_by_key(|&i| {
        let p = &pages[i];
        (!p.is_index, p.fm.permalink.is_some(), p.rel.clone())
    });
    let mut taken: HashMap<String, usize> = HashMap::new();
    for i in order {
        let path = pages[i].path.clone();
        let Some(&owner) = taken.get(&path) else {
            taken.insert(path, i);
            continue;
        };
        let new = free_path(&path, &taken);
        let other = &pages[owner].display_path;
        diags.push(
            Diagnostic::warning(
                "duplicate-url",
                &pages[i].display_path,
                format!(
                    "this page's URL {}{path} is also the URL of {other}; it is published at {}{new} instead",
                    config.url_prefix, config.url_prefix
                ),
            )
            .hint("rename one of the files, or give one a `slug` of its own")
            .key(path.clone()),
        );
        pages[i].path = new.clone();
        taken.insert(new, i);
    }
}

/// `path` with `-2`, `-3`, ... added until no page has it.
fn free_path(path: &str, taken: &HashMap<String, usize>) -> String {
    let base = match path.trim_end_matches('/') {
        "" => "home",
        b => b,
    };
    (2..)
        .map(|n| format!("{base}-{n}/"))
        .find(|p| !taken.contains_key(p))
        .unwrap_or_default()
}

/// After sections are made (so made-up section pages have their URLs): keep only the
/// aliases that can redirect.
pub(crate) fn aliases(config: &Config, pages: &mut [Page], diags: &mut Diagnostics) {
    let urls: HashMap<String, usize> = pages
        .iter()
        .enumerate()
        .map(|(i, p)| (p.path.to_lowercase(), i))
        .collect();
    let mut claimed: HashMap<String, usize> = HashMap::new();
    for i in 0..pages.len() {
        let written = std::mem::take(&mut pages[i].fm.aliases);
        let mut kept = Vec::new();
        for alias in written {
            let Some(path) = resolve_alias(&alias, &pages[i].path) else {
                diags.push(
                    Diagnostic::note(
                        "duplicate-url",
                        &pages[i].display_path,
                        format!("alias `{alias}` is not a path on this site; it is ignored"),
                    )
                    .key(alias.clone()),
                );
                continue;
            };
            let lower = path.to_lowercase();
            if lower == pages[i].path.to_lowercase() {
                continue;
            }
            if let Some(why) = super::addresses::alias_problem(&format!("/{path}")) {
                diags.push(alias_refused(&pages[i], &alias, &why));
                continue;
            }
            let other = urls.get(&lower).or_else(|| claimed.get(&lower)).copied();
            if let Some(o) = other {
                let mut d = alias_taken(config, &pages[i], &alias, &pages[o]);
                if pages[o].file.is_none() {
                    // a folder's made-up listing: the folder keeps its page
                    d.severity = crate::error::Severity::Note;
                }
                diags.push(d);
                continue;
            }
            claimed.insert(lower, i);
            kept.push(format!("/{path}"));
        }
        pages[i].fm.aliases = kept;
    }
}

fn alias_taken(config: &Config, page: &Page, alias: &str, other: &Page) -> Diagnostic {
    let d = Diagnostic::warning(
        "duplicate-url",
        &page.display_path,
        format!(
            "alias `{alias}` is the URL of {} ({}{}), so it does not redirect",
            other.display_path, config.url_prefix, other.path
        ),
    )
    .hint("remove the alias, or move the other page")
    .key(alias.to_string());
    at_alias(d, page, alias)
}

/// An alias that resolves to an address no page may redirect from (`/assets/x/`).
fn alias_refused(page: &Page, alias: &str, why: &str) -> Diagnostic {
    let d = Diagnostic::warning(
        "front-matter",
        &page.display_path,
        super::addresses::not_an_address("alias", alias, why),
    )
    .hint(super::addresses::ADDRESS_HINT)
    .key(alias.to_string());
    at_alias(d, page, alias)
}

/// Point `d` at the first place the page's text names `alias`.
fn at_alias(mut d: Diagnostic, page: &Page, alias: &str) -> Diagnostic {
    if let Some((l, c)) = page
        .text
        .lines()
        .enumerate()
        .find_map(|(i, l)| l.find(alias).map(|c| (i + 1, l[..c].chars().count() + 1)))
    {
        d = d.at(&page.text, l, c, alias.chars().count());
    }
    d
}

/// The URL path an alias names: absolute from the site's root, or (without a leading
/// `/`) from the folder of the page's URL. `None` for addresses of other sites and
/// paths that climb out of the site.
fn resolve_alias(alias: &str, page_path: &str) -> Option<String> {
    let a = alias.trim();
    if a.contains("://") || a.starts_with("//") || a.is_empty() {
        return None;
    }
    let joined = if a.starts_with('/') {
        a.to_string()
    } else {
        let parent = page_path
            .trim_end_matches('/')
            .rsplit_once('/')
            .map(|(d, _)| d)
            .unwrap_or("");
        format!("{parent}/{a}")
    };
    let mut parts: Vec<&str> = Vec::new();
    for part in joined.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    Some(alias_path(&parts.join("/")))
}

/// The files beside the pages that are copied: not one at a page's own output file
/// (the page wins), nor another generator's HTML page (front matter and Liquid, which
/// only that generator can render).
pub(crate) fn assets(assets: Vec<Asset>, pages: &[Page], diags: &mut Diagnostics) -> Vec<Asset> {
    let outputs: std::collections::HashSet<String> = pages
        .iter()
        .map(|p| format!("{}index.html", p.path))
        .collect();
    assets
        .into_iter()
        .filter(|a| {
            let why = if outputs.contains(&a.rel) {
                "it is where a page of the site is written"
            } else if a.rel.ends_with(".html") && starts_with_front_matter(&a.file) {
                "it is another generator's HTML page (front matter and template tags)"
            } else {
                return true;
            };
            diags.push(
                Diagnostic::note(
                    "duplicate-url",
                    &a.rel,
                    format!("{} is not copied: {why}", a.rel),
                )
                .key(a.rel.clone()),
            );
            false
        })
        .collect()
}

fn starts_with_front_matter(file: &std::path::Path) -> bool {
    use std::io::Read;
    let mut head = [0u8; 4];
    std::fs::File::open(file)
        .and_then(|mut f| f.read_exact(&mut head))
        .is_ok_and(|_| &head[..3] == b"---" && (head[3] == b'\n' || head[3] == b'\r'))
}

/// The values a Jekyll site's `_config.yml` gives Liquid as `site.NAME` (nested
/// keys joined with dots), for a bare folder that has one; empty otherwise.
pub(crate) fn site_vars(config: &Config) -> HashMap<String, String> {
    let mut vars = HashMap::new();
    if !config.is_lenient() {
        return vars;
    }
    let Ok(text) = std::fs::read_to_string(config.content_dir.join("_config.yml")) else {
        return vars;
    };
    if let Ok(serde_json::Value::Object(map)) = serde_saphyr::from_str::<serde_json::Value>(&text) {
        flatten("site", &serde_json::Value::Object(map), &mut vars);
    }
    vars
}

fn flatten(prefix: &str, v: &serde_json::Value, out: &mut HashMap<String, String>) {
    match v {
        serde_json::Value::Object(m) => {
            for (k, v) in m {
                flatten(&format!("{prefix}.{k}"), v, out);
            }
        }
        serde_json::Value::String(s) => {
            out.insert(prefix.to_string(), s.clone());
        }
        serde_json::Value::Number(n) => {
            out.insert(prefix.to_string(), n.to_string());
        }
        serde_json::Value::Bool(b) => {
            out.insert(prefix.to_string(), b.to_string());
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_resolve_from_the_root_or_the_page_folder() {
        assert_eq!(
            resolve_alias("/Docs/Old", "docs/new/").as_deref(),
            Some("Docs/Old/")
        );
        assert_eq!(
            resolve_alias("../changelog", "project/about/news/").as_deref(),
            Some("project/changelog/")
        );
        assert_eq!(resolve_alias("old.html", "a/b/").as_deref(), Some("a/old/"));
        assert_eq!(resolve_alias("../../../x", "a/b/"), None);
        assert_eq!(resolve_alias("https://x.org/a", "a/"), None);
    }

    #[test]
    fn free_paths_count_up() {
        let mut taken = HashMap::new();
        taken.insert("a/b/".to_string(), 0);
        taken.insert("a/b-2/".to_string(), 1);
        assert_eq!(free_path("a/b/", &taken), "a/b-3/");
        assert_eq!(free_path("", &taken), "home-2/");
    }
}
