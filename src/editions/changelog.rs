//! The change log behind `/changes/` and its feed: for each edition, the pages added,
//! removed and changed since the one before, with their change notes; then the same
//! for the current site since the latest edition.
//!
//! Input: every version of the site, oldest first, the current site last, each as
//! its pages ([`Doc`]s), its URL prefix and its edition. Output: a [`ChangeLog`],
//! the values `changes.html` and the Atom feed are made from. No IO.

use serde::Serialize;

use super::diff::{Comparison, Doc, Entry, Period, compare};
use super::registry::Edition;
use crate::content::Date;

/// One version of the site: an edition, or the current site (`edition: None`).
pub struct Version<'a> {
    pub edition: Option<&'a Edition>,
    /// URL prefix of this version (`/editions/2026-03/`, or the site's own).
    pub prefix: String,
    pub docs: Vec<Doc<'a>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ChangeLog {
    /// The current site since the latest edition.
    pub current: ChangeSet,
    /// Each edition, newest first.
    pub editions: Vec<ChangeSet>,
    /// The Atom feed of the same.
    pub feed_url: String,
}

/// What one version changed since the one before it.
#[derive(Debug, Clone, Serialize)]
pub struct ChangeSet {
    /// The edition's id; empty for the current site.
    pub id: String,
    /// The edition's title, or "Since the <title> edition" for the current site.
    pub title: String,
    pub date: String,
    pub date_iso: String,
    /// This version's home page.
    pub url: String,
    pub summary: String,
    /// The first edition: nothing to compare with.
    pub first: bool,
    pub pages: usize,
    /// Title of the edition compared with ("" for the first).
    pub since: String,
    /// Added, Changed, Removed; only the non-empty ones.
    pub groups: Vec<Group>,
    /// The latest date this set is known by (edition date, or newest note), ISO.
    pub updated_iso: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Group {
    pub label: &'static str,
    pub items: Vec<Item>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Item {
    pub title: String,
    pub url: String,
    pub rel: String,
    pub notes: Vec<Note>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Note {
    pub date: String,
    pub date_iso: String,
    pub note: String,
}

/// The change log of `versions` (oldest first, current site last). `None` when
/// there is no edition.
pub fn build(versions: &[Version<'_>], site_prefix: &str) -> Option<ChangeLog> {
    let (current, editions) = versions.split_last()?;
    if editions.is_empty() {
        return None;
    }
    let mut sets: Vec<ChangeSet> = editions
        .iter()
        .enumerate()
        .map(|(k, v)| set(k.checked_sub(1).map(|j| &versions[j]), v))
        .collect();
    let current = set(editions.last(), current);
    sets.reverse();
    Some(ChangeLog {
        current,
        editions: sets,
        feed_url: format!("{site_prefix}changes/atom.xml"),
    })
}

/// What `v` changed since `prev`.
fn set(prev: Option<&Version<'_>>, v: &Version<'_>) -> ChangeSet {
    let period = Period {
        since: prev.and_then(|p| p.edition).map(|e| e.date),
        until: v.edition.map(|e| e.date),
    };
    let c = prev.map(|p| compare(&p.docs, &v.docs, period, None));
    let groups = match (&c, prev) {
        (Some(c), Some(p)) => groups(c, &p.prefix, &v.prefix),
        _ => Vec::new(),
    };
    let since = prev
        .and_then(|p| p.edition)
        .map(|e| e.title.clone())
        .unwrap_or_default();
    let newest_note = c.as_ref().and_then(newest_note);
    let date = v.edition.map(|e| e.date);
    let updated = date.or(newest_note).or(period.since);
    ChangeSet {
        id: v.edition.map(|e| e.id.clone()).unwrap_or_default(),
        title: match v.edition {
            Some(e) => e.title.clone(),
            None => format!("Since the {since} edition"),
        },
        date: date.map(|d| d.human()).unwrap_or_default(),
        date_iso: date.map(|d| d.to_string()).unwrap_or_default(),
        url: v.prefix.clone(),
        summary: v.edition.map(|e| e.summary.clone()).unwrap_or_default(),
        first: prev.is_none(),
        pages: v.docs.len(),
        since,
        groups,
        updated_iso: updated.map(|d| d.to_string()).unwrap_or_default(),
    }
}

fn groups(c: &Comparison, old_prefix: &str, new_prefix: &str) -> Vec<Group> {
    let items = |entries: &mut dyn Iterator<Item = &Entry>, prefix: &str| -> Vec<Item> {
        let mut v: Vec<Item> = entries
            .map(|e| Item {
                title: e.title.clone(),
                url: format!("{prefix}{}", e.path),
                rel: e.rel.clone(),
                notes: e
                    .notes
                    .iter()
                    .map(|n| Note {
                        date: n.date.human(),
                        date_iso: n.date.to_string(),
                        note: n.note.clone(),
                    })
                    .collect(),
            })
            .collect();
        v.sort_by(|a, b| a.title.cmp(&b.title).then_with(|| a.rel.cmp(&b.rel)));
        v
    };
    [
        ("Added", items(&mut c.added.iter(), new_prefix)),
        (
            "Changed",
            items(&mut c.changed.iter().map(|x| &x.entry), new_prefix),
        ),
        ("Removed", items(&mut c.removed.iter(), old_prefix)),
    ]
    .into_iter()
    .filter(|(_, items)| !items.is_empty())
    .map(|(label, items)| Group { label, items })
    .collect()
}

fn newest_note(c: &Comparison) -> Option<Date> {
    c.added
        .iter()
        .chain(c.changed.iter().map(|x| &x.entry))
        .flat_map(|e| e.notes.iter().map(|n| n.date))
        .max()
}
