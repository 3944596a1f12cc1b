//! The site's feed (`/atom.xml`) and each section's (`SECTION/atom.xml`): the pages
//! of the section and of its sub-sections, newest first, at most [`LIMIT`].
//!
//! A page is dated by its latest change note, else `updated`, else `reviewed`, else
//! `date`; a page with none of them is left out (there is no date to put it in
//! order). Its entry's summary is the page's summary; its content lists what the
//! editions say of it ("Added in the March 2026 edition") and its change notes. A
//! feed's `<updated>` is its newest entry's date, so a build never depends on the
//! clock. Links and ids are absolute URLs when `base_url` names a host; otherwise
//! links are site paths and ids `urn:guidebook:…` names that stay the same.
//!
//! Input: the site [`Config`], the [`Site`] (after the profile's filter, so a
//! public build's feeds hold no internal page) and the change log, if the site has
//! editions. Output: each feed's path and text. No IO.

use std::collections::HashMap;
use std::fmt::Write as _;

use super::changelog::ChangeLog;
use crate::config::Config;
use crate::content::{Date, Page, Site};
use crate::util::atom::{self, Entry, Feed, feed_path, origin};
use crate::util::html::escape;

/// The most entries a feed holds.
pub const LIMIT: usize = 50;

/// Every feed of the site: the home page's section (the whole site) at `atom.xml`,
/// then one for each other section. Each is (output path, XML).
pub fn all(config: &Config, site: &Site, log: Option<&ChangeLog>) -> Vec<(String, String)> {
    let facts = edition_facts(log);
    let mut members: Vec<Vec<&Page>> = vec![Vec::new(); site.sections.len()];
    for (i, p) in site.pages.iter().enumerate() {
        if p.fm.redirect_to.is_none() {
            for s in site.ancestry(i) {
                members[s].push(p);
            }
        }
    }
    members
        .into_iter()
        .enumerate()
        .map(|(s, pages)| {
            let path = feed_path(&site.pages[site.sections[s].index].path);
            let xml = atom::write(&feed(config, site, s, pages, &facts));
            (path, xml)
        })
        .collect()
}

/// The feed of section `s` (the whole site for the home page's), whose pages and
/// sub-sections' pages are `pages`.
fn feed(config: &Config, site: &Site, s: usize, pages: Vec<&Page>, facts: &Facts) -> Feed {
    let origin = origin(&config.settings.base_url);
    let index = &site.pages[site.sections[s].index];
    let page_url = format!("{}{}", config.url_prefix, index.path);
    let self_url = format!("{origin}{}{}", config.url_prefix, feed_path(&index.path));
    let mut dated: Vec<(Date, &Page)> = pages
        .into_iter()
        .filter_map(|p| Some((date(p)?, p)))
        .collect();
    dated.sort_by(|a, b| {
        b.0.cmp(&a.0)
            .then_with(|| a.1.title.cmp(&b.1.title))
            .then_with(|| a.1.path.cmp(&b.1.path))
    });
    dated.truncate(LIMIT);
    let entries: Vec<Entry> = dated
        .iter()
        .map(|&(d, p)| entry(config, &origin, p, d, facts))
        .collect();
    Feed {
        title: if s == 0 {
            format!("{}: new and changed pages", config.title())
        } else {
            format!("{} – {}", index.nav_title(), config.title())
        },
        id: if origin.is_empty() {
            format!("urn:guidebook:feed:{page_url}")
        } else {
            self_url.clone()
        },
        self_url,
        page_url: format!("{origin}{page_url}"),
        updated: entries
            .first()
            .map(|e| e.updated.clone())
            .unwrap_or_default(),
        author: config.title(),
        entries,
    }
}

/// The date a page is known by: its latest change note, else `updated`, `reviewed`
/// or `date`.
fn date(p: &Page) -> Option<Date> {
    let fm = &p.fm;
    fm.changes
        .iter()
        .map(|c| c.date)
        .max()
        .or(fm.updated)
        .or(fm.reviewed)
        .or(fm.date)
}

fn entry(config: &Config, origin: &str, p: &Page, d: Date, facts: &Facts) -> Entry {
    let url = format!("{}{}", config.url_prefix, p.path);
    Entry {
        title: p.title.clone(),
        id: if origin.is_empty() {
            format!("urn:guidebook:page:{url}")
        } else {
            format!("{origin}{url}")
        },
        link: format!("{origin}{url}"),
        updated: d.to_string(),
        summary: p.summary().to_string(),
        content_html: content_html(p, facts.get(&p.path).map(Vec::as_slice)),
    }
}

/// What the editions say of the page, then its change notes, newest first.
fn content_html(p: &Page, facts: Option<&[String]>) -> String {
    let mut h = String::new();
    for fact in facts.unwrap_or_default() {
        let _ = write!(h, "<p>{}</p>", escape(fact));
    }
    let mut notes: Vec<_> = p.fm.changes.iter().collect();
    notes.sort_by_key(|n| std::cmp::Reverse(n.date));
    if !notes.is_empty() {
        h.push_str("<ul>");
        for n in notes {
            let _ = write!(h, "<li>{}: {}</li>", n.date.human(), escape(&n.note));
        }
        h.push_str("</ul>");
    }
    h
}

/// Page URL path (without prefix) → what the change log says of it, newest first.
type Facts = HashMap<String, Vec<String>>;

fn edition_facts(log: Option<&ChangeLog>) -> Facts {
    let mut facts = Facts::new();
    let Some(log) = log else {
        return facts;
    };
    for set in std::iter::once(&log.current).chain(&log.editions) {
        for g in &set.groups {
            let verb = match g.label {
                "Added" => "Added",
                "Changed" => "Changed",
                _ => continue,
            };
            let when = if set.id.is_empty() {
                format!("since the {} edition", set.since)
            } else {
                format!("in the {} edition", set.title)
            };
            for item in &g.items {
                let path = item.url.strip_prefix(&set.url).unwrap_or(&item.url);
                facts
                    .entry(path.to_string())
                    .or_default()
                    .push(format!("{verb} {when}."));
            }
        }
    }
    facts
}
