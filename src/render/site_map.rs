//! The HTML site map at `/sitemap/`: every section in reading order, each with the
//! pages listed in it, for readers (the XML `sitemap.xml` is for search engines).
//!
//! Input: the site and its URL prefix. Output: the `site_map` value `sitemap.html`
//! draws. Pure.

use serde::Serialize;

use crate::config::Config;
use crate::content::{Page, Site};

/// One section of the site map: a heading linking the section page, then its pages.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct MapSection {
    pub title: String,
    pub url: String,
    /// The heading level: 2 for the home page and top-level sections, deeper below.
    pub level: usize,
    pub pages: Vec<MapLink>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct MapLink {
    pub title: String,
    pub url: String,
}

/// The sections of `site`, depth first in reading order, leaving out hidden pages and
/// pages that only redirect.
pub fn sections(config: &Config, site: &Site) -> Vec<MapSection> {
    let mut out = Vec::new();
    if !site.sections.is_empty() {
        walk(config, site, 0, 0, &mut out);
    }
    out
}

fn walk(config: &Config, site: &Site, s: usize, depth: usize, out: &mut Vec<MapSection>) {
    let section = &site.sections[s];
    let index = &site.pages[section.index];
    out.push(MapSection {
        title: index.nav_title().to_string(),
        url: url(config, index),
        level: (depth + 2).min(6),
        pages: section
            .pages
            .iter()
            .map(|&i| &site.pages[i])
            .filter(|p| shown(p))
            .map(|p| MapLink {
                title: p.nav_title().to_string(),
                url: url(config, p),
            })
            .collect(),
    });
    for &sub in &section.subsections {
        if shown(&site.pages[site.sections[sub].index]) {
            walk(config, site, sub, depth + 1, out);
        }
    }
}

fn shown(p: &Page) -> bool {
    !p.fm.hidden && p.fm.redirect_to.is_none()
}

fn url(config: &Config, p: &Page) -> String {
    format!("{}{}", config.url_prefix, p.path)
}
