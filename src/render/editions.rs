//! The edition switcher and the archived-edition banner.
//!
//! Input: which sites a build renders (the current site, then each archived edition,
//! newest first) and the URL paths of the pages each one has. Output, for the page at
//! a path in one of them, the template values [`EditionLink`] (one per site, pointing
//! at the same page where it exists, else at that site's home page) and, on archived
//! editions, [`EditionBanner`]. Plain data; no IO.

use std::collections::HashSet;

use super::context::{EditionBanner, EditionLink};
use crate::content::Date;

/// One site of the build, as the switcher sees it.
#[derive(Debug, Clone)]
pub struct NavSite {
    /// The edition's id; empty for the current site.
    pub id: String,
    pub title: String,
    /// The edition's date; `None` for the current site.
    pub date: Option<Date>,
    /// The URL prefix of the site (`/` or `/editions/2026-03/`).
    pub prefix: String,
    /// URL paths of its pages (`legislation/atas/`, `""` for home).
    pub paths: HashSet<String>,
}

/// Every site of the build. `sites[0]` is the current site.
#[derive(Debug, Clone, Default)]
pub struct EditionsNav {
    pub sites: Vec<NavSite>,
}

impl EditionsNav {
    /// Whether there is anything to switch between.
    pub fn has_editions(&self) -> bool {
        self.sites.len() > 1
    }

    /// The switcher for the page at `path` of site `reading`: every site, newest first.
    pub fn links(&self, reading: usize, path: &str) -> Vec<EditionLink> {
        if !self.has_editions() {
            return Vec::new();
        }
        self.sites
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let same_page = s.paths.contains(path);
                EditionLink {
                    id: s.id.clone(),
                    title: s.title.clone(),
                    date: s.date.map(|d| d.human()).unwrap_or_default(),
                    date_iso: s.date.map(|d| d.to_string()).unwrap_or_default(),
                    url: url(s, path),
                    home: s.prefix.clone(),
                    current: i == reading,
                    same_page,
                    latest: i == 0,
                }
            })
            .collect()
    }

    /// The banner for the page at `path` of site `reading`; `None` on the current site.
    pub fn banner(&self, reading: usize, path: &str) -> Option<EditionBanner> {
        if reading == 0 {
            return None;
        }
        let ed = self.sites.get(reading)?;
        let current = self.sites.first()?;
        Some(EditionBanner {
            id: ed.id.clone(),
            title: ed.title.clone(),
            date: ed.date.map(|d| d.human()).unwrap_or_default(),
            date_iso: ed.date.map(|d| d.to_string()).unwrap_or_default(),
            current_url: url(current, path),
            same_page: current.paths.contains(path),
        })
    }
}

/// The page at `path` in site `s`, or its home page when it has no such page.
fn url(s: &NavSite, path: &str) -> String {
    if s.paths.contains(path) {
        format!("{}{}", s.prefix, path)
    } else {
        s.prefix.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(id: &str, prefix: &str, paths: &[&str]) -> NavSite {
        NavSite {
            id: id.into(),
            title: if id.is_empty() {
                "Current".into()
            } else {
                id.into()
            },
            date: if id.is_empty() {
                None
            } else {
                Date::parse("2026-03-02")
            },
            prefix: prefix.into(),
            paths: paths.iter().map(|p| p.to_string()).collect(),
        }
    }

    #[test]
    fn links_keep_the_page_where_it_exists_else_go_home() {
        let nav = EditionsNav {
            sites: vec![
                site("", "/", &["", "a/"]),
                site("2026-03", "/editions/2026-03/", &["", "a/", "gone/"]),
            ],
        };
        let l = nav.links(1, "gone/");
        assert_eq!(l[0].url, "/");
        assert!(!l[0].same_page && l[0].latest && !l[0].current);
        assert_eq!(l[1].url, "/editions/2026-03/gone/");
        assert!(l[1].same_page && l[1].current);
        let b = nav.banner(1, "a/").unwrap();
        assert_eq!((b.current_url.as_str(), b.same_page), ("/a/", true));
        assert_eq!(b.date, "2 March 2026");
        assert_eq!(nav.banner(1, "gone/").unwrap().current_url, "/");
        assert!(nav.banner(0, "a/").is_none());
    }

    #[test]
    fn no_switcher_without_editions() {
        let nav = EditionsNav {
            sites: vec![site("", "/", &[""])],
        };
        assert!(nav.links(0, "").is_empty());
    }
}
