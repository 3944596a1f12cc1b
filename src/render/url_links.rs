//! Links written as URLs rather than as file paths, the way Hugo, Jekyll and MkDocs
//! sites often write them: `../other-page/` (relative to the page's own URL, as a
//! browser reads it), `/docs/page/` or `/docs/page.html` (from the site's root), or a
//! folder holding an image beside the page (`../announcing/figure-1.png`). When a
//! page or file of the site has that URL, the link is to it.
//!
//! Input: the site and the URL path of the page the link is in. Output: a link
//! [`Target`]. Pure.

use crate::content::Site;
use crate::content::urls::{Target, slugify};
use crate::util::paths::percent_decode_lossy;

/// What `dest`, written in the page at URL path `from_path`, points at.
pub fn target(site: &Site, prefix: &str, from_path: &str, dest: &str) -> Option<Target> {
    let dest = dest.trim();
    if dest.is_empty() || dest.starts_with('#') || dest.starts_with("//") || has_scheme(dest) {
        return None;
    }
    let (path, anchor) = match dest.split_once('#') {
        Some((p, a)) => (p, Some(percent_decode_lossy(a))),
        None => (dest, None),
    };
    let path = percent_decode_lossy(path.split('?').next().unwrap_or(path));
    let joined = match path.strip_prefix('/') {
        Some(abs) => {
            let site_prefix = prefix.trim_start_matches('/');
            abs.strip_prefix(site_prefix).unwrap_or(abs).to_string()
        }
        None => format!("{from_path}{path}"),
    };
    let clean = normalise(&joined)?;
    if let Some(p) = page_at(site, &clean) {
        return Some(Target::Page {
            rel: p.to_string(),
            anchor,
        });
    }
    site.has_asset(&clean).then_some(Target::File(clean))
}

/// The content path of the page whose URL is `path` (with or without `index.html`,
/// `.html` or `.md`), as written or as guidebook makes URLs from file names (other
/// generators keep `v3.2`, `api_reference` and capitals where guidebook's URLs have
/// `v3-2`, `api-reference`, lowercase).
fn page_at<'s>(site: &'s Site, path: &str) -> Option<&'s str> {
    let base = ["index.html", ".html", ".md", "/"]
        .iter()
        .fold(path, |p, suffix| p.strip_suffix(suffix).unwrap_or(p));
    let key = if base.is_empty() {
        String::new()
    } else {
        format!("{base}/")
    };
    let slugged: Vec<String> = base
        .split('/')
        .map(slugify)
        .filter(|s| !s.is_empty())
        .collect();
    let slug_key = if slugged.is_empty() {
        String::new()
    } else {
        format!("{}/", slugged.join("/"))
    };
    site.page_by_path(&key)
        .or_else(|| site.page_by_path(&slug_key))
        .map(|p| p.rel.as_str())
}

fn has_scheme(dest: &str) -> bool {
    match dest.find(':') {
        Some(i) => dest[..i]
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')),
        None => false,
    }
}

/// Collapse `.` and `..`; `None` when the path climbs out of the site.
fn normalise(path: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    for p in path.split('/') {
        match p {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            other => parts.push(other),
        }
    }
    let trailing = path.ends_with('/') && !parts.is_empty();
    Some(parts.join("/") + if trailing { "/" } else { "" })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> Site {
        let mut s = Site::default();
        for (i, (rel, path)) in [
            ("docs/install.md", "docs/install/"),
            ("docs/guide/_index.md", "docs/guide/"),
            ("about.md", "about/"),
        ]
        .iter()
        .enumerate()
        {
            s.by_rel.insert(rel.to_string(), i);
            s.by_path.insert(path.to_string(), i);
            s.pages.push(crate::content::Page {
                rel: rel.to_string(),
                path: path.to_string(),
                ..page()
            });
        }
        s.asset_rels.insert("docs/install/figure.png".into());
        s
    }

    fn page() -> crate::content::Page {
        let config = crate::config::Config::resolve(
            std::path::Path::new("/nowhere"),
            Default::default(),
            false,
        );
        crate::content::page_from_bytes(&config, "x.md", b"x".to_vec())
            .0
            .expect("a page")
    }

    fn page_target(rel: &str, anchor: Option<&str>) -> Option<Target> {
        Some(Target::Page {
            rel: rel.into(),
            anchor: anchor.map(String::from),
        })
    }

    #[test]
    fn relative_to_the_page_url() {
        let s = site();
        assert_eq!(
            target(&s, "/", "docs/guide/", "../install/"),
            page_target("docs/install.md", None)
        );
        assert_eq!(
            target(&s, "/", "docs/install/", "../guide/#part"),
            page_target("docs/guide/_index.md", Some("part"))
        );
        // written percent-encoded, as browsers copy them
        assert_eq!(
            target(&s, "/", "docs/install/", "../guide/#katk%C4%B1da"),
            page_target("docs/guide/_index.md", Some("katkıda"))
        );
        assert_eq!(
            target(&s, "/", "docs/install/", "../gu%69de/"),
            page_target("docs/guide/_index.md", None)
        );
        assert_eq!(
            target(&s, "/", "docs/install/", "figure.png"),
            Some(Target::File("docs/install/figure.png".into()))
        );
        assert_eq!(target(&s, "/", "docs/install/", "../../../x/"), None);
    }

    #[test]
    fn from_the_site_root() {
        let s = site();
        assert_eq!(
            target(&s, "/", "docs/guide/", "/about.html"),
            page_target("about.md", None)
        );
        assert_eq!(
            target(&s, "/rs/", "docs/guide/", "/rs/docs/install/index.html"),
            page_target("docs/install.md", None)
        );
        assert_eq!(target(&s, "/", "a/", "/missing/"), None);
        assert_eq!(
            target(&s, "/", "a/", "/Docs/Install.html"),
            page_target("docs/install.md", None)
        );
        assert_eq!(target(&s, "/", "a/", "https://x.org/about/"), None);
    }
}
