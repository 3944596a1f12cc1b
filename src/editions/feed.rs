//! The Atom feed of `/changes/` (`changes/atom.xml`): one entry per edition, newest
//! first, and one for the current site's changes since the latest edition.
//!
//! Input: the site [`Config`] (for absolute URLs) and the [`ChangeLog`]. Output: the
//! feed's text. No IO. Links are absolute when `base_url` names a host, otherwise
//! site-relative; entry ids are stable across builds either way.

use std::fmt::Write as _;

use super::changelog::{ChangeLog, ChangeSet};
use crate::config::Config;
use crate::util::atom::{self, Entry, Feed, origin};
use crate::util::html::escape;

/// The feed's XML.
pub fn atom(config: &Config, log: &ChangeLog) -> String {
    let origin = origin(&config.settings.base_url);
    let page = format!("{origin}{}changes/", config.url_prefix);
    let id = |anchor: &str| {
        if origin.is_empty() {
            format!("urn:guidebook:changes:{anchor}")
        } else {
            format!("{page}#{anchor}")
        }
    };
    let mut sets: Vec<(&ChangeSet, String)> = Vec::new();
    if !log.current.groups.is_empty() {
        sets.push((&log.current, "changes-current".to_string()));
    }
    for ed in &log.editions {
        sets.push((ed, format!("edition-{}", ed.id)));
    }
    let updated = sets
        .iter()
        .map(|(s, _)| s.updated_iso.as_str())
        .max()
        .unwrap_or("1970-01-01");
    atom::write(&Feed {
        title: format!("{}: what changed", config.title()),
        id: id("feed"),
        self_url: format!("{page}atom.xml"),
        page_url: page.clone(),
        updated: updated.to_string(),
        author: config.title(),
        entries: sets
            .iter()
            .map(|(set, anchor)| entry(set, id(anchor), format!("{page}#{anchor}"), &origin))
            .collect(),
    })
}

fn entry(set: &ChangeSet, id: String, link: String, origin: &str) -> Entry {
    let title = if set.id.is_empty() {
        set.title.clone()
    } else {
        format!("{} edition", set.title)
    };
    Entry {
        title,
        id,
        link,
        updated: set.updated_iso.clone(),
        summary: set.summary.clone(),
        content_html: content_html(set, origin),
    }
}

/// The entry's body: the same lists as the page.
fn content_html(set: &ChangeSet, origin: &str) -> String {
    let mut h = String::new();
    if set.first {
        let _ = write!(
            h,
            "<p>The first edition, with {}.</p>",
            super::pages(set.pages)
        );
    } else if set.groups.is_empty() {
        h.push_str("<p>No pages were added, removed or changed.</p>");
    }
    for g in &set.groups {
        let _ = write!(h, "<h3>{} ({})</h3><ul>", g.label, g.items.len());
        for item in &g.items {
            let _ = write!(
                h,
                "<li><a href=\"{}\">{}</a>",
                escape(&format!("{origin}{}", item.url)),
                escape(&item.title)
            );
            for n in &item.notes {
                let _ = write!(h, "<br>{}: {}", escape(&n.date), escape(&n.note));
            }
            h.push_str("</li>");
        }
        h.push_str("</ul>");
    }
    h
}
