//! The Atom feed of `/changes/` (`changes/atom.xml`): one entry per edition, newest
//! first, and one for the current site's changes since the latest edition.
//!
//! Input: the site [`Config`] (for absolute URLs) and the [`ChangeLog`]. Output: the
//! feed's text. No IO. Links are absolute when `base_url` names a host, otherwise
//! site-relative; entry ids are stable across builds either way.

use std::fmt::Write as _;

use super::changelog::{ChangeLog, ChangeSet};
use crate::config::Config;
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
    let title = format!("{}: what changed", config.title());
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    out.push_str("<feed xmlns=\"http://www.w3.org/2005/Atom\">\n");
    let _ = writeln!(out, "<title>{}</title>", escape(&title));
    let _ = writeln!(out, "<id>{}</id>", escape(&id("feed")));
    let _ = writeln!(
        out,
        "<link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>",
        escape(&format!("{page}atom.xml"))
    );
    let _ = writeln!(out, "<link rel=\"alternate\" href=\"{}\"/>", escape(&page));
    let _ = writeln!(out, "<updated>{}</updated>", timestamp(updated));
    let _ = writeln!(
        out,
        "<author><name>{}</name></author>",
        escape(&config.title())
    );
    for (set, anchor) in &sets {
        entry(
            &mut out,
            set,
            &id(anchor),
            &format!("{page}#{anchor}"),
            &origin,
        );
    }
    out.push_str("</feed>\n");
    out
}

fn entry(out: &mut String, set: &ChangeSet, id: &str, link: &str, origin: &str) {
    let title = if set.id.is_empty() {
        set.title.clone()
    } else {
        format!("{} edition", set.title)
    };
    out.push_str("<entry>\n");
    let _ = writeln!(out, "<title>{}</title>", escape(&title));
    let _ = writeln!(out, "<id>{}</id>", escape(id));
    let _ = writeln!(out, "<link rel=\"alternate\" href=\"{}\"/>", escape(link));
    let _ = writeln!(out, "<updated>{}</updated>", timestamp(&set.updated_iso));
    if !set.summary.is_empty() {
        let _ = writeln!(out, "<summary>{}</summary>", escape(&set.summary));
    }
    let _ = writeln!(
        out,
        "<content type=\"html\">{}</content>",
        escape(&content_html(set, origin))
    );
    out.push_str("</entry>\n");
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

/// `https://host` of a base URL, or "" when it names no host.
fn origin(base_url: &str) -> String {
    let base = base_url.trim_end_matches('/');
    match base.find("://") {
        Some(i) => match base[i + 3..].find('/') {
            Some(j) => base[..i + 3 + j].to_string(),
            None => base.to_string(),
        },
        None => String::new(),
    }
}

fn timestamp(date_iso: &str) -> String {
    let d = if date_iso.is_empty() {
        "1970-01-01"
    } else {
        date_iso
    };
    format!("{d}T00:00:00Z")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origin_of_base_urls() {
        assert_eq!(origin("https://x.ac.uk/rs/"), "https://x.ac.uk");
        assert_eq!(origin("https://x.ac.uk"), "https://x.ac.uk");
        assert_eq!(origin("/rs/"), "");
    }
}
