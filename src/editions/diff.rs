//! Comparing two versions of the content: pages added, removed and changed, each
//! changed page with a readable line diff (the `similar` crate) and the change notes
//! its front matter gained in between.
//!
//! Input: the pages of each side as [`Doc`]s, read from a folder ([`read_dir`]),
//! taken from a loaded [`Site`] ([`docs_of`]) or from page summaries
//! ([`docs_of_summaries`]). Output: a [`Comparison`]. Pages are matched by their path
//! in the content folder and compared by digest. Reads files only in [`read_dir`].

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::Path;
use std::time::Duration;

use similar::TextDiff;

use super::manifest::hash;
use super::summary::PageSummary;
use crate::config::Config;
use crate::content::fields::Change;
use crate::content::walk::walk;
use crate::content::{Date, Site, page_from_bytes};
use crate::error::{Error, Result};

/// The longest a single page's diff may take before it is approximated.
const DIFF_TIMEOUT: Duration = Duration::from_secs(1);

/// One page of one side, borrowed from a loaded site or owned when read from a folder.
#[derive(Debug, Clone)]
pub struct Doc<'a> {
    /// Path in the content folder (`legislation/atas.md`).
    pub rel: Cow<'a, str>,
    pub title: Cow<'a, str>,
    /// URL path without the site prefix (`legislation/atas/`).
    pub path: Cow<'a, str>,
    /// The file's text (empty when only its digest is known).
    pub text: Cow<'a, str>,
    /// BLAKE3 of the text: what decides whether a page changed.
    pub digest: Cow<'a, str>,
    pub changes: Cow<'a, [Change]>,
}

/// A page in a comparison, with the change notes dated in the compared period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub rel: String,
    pub title: String,
    pub path: String,
    pub notes: Vec<Change>,
}

/// A page both sides have, with different text.
#[derive(Debug, Clone)]
pub struct Changed {
    pub entry: Entry,
    /// Unified diff of the file, old to new.
    pub diff: String,
}

#[derive(Debug, Clone, Default)]
pub struct Comparison {
    pub added: Vec<Entry>,
    pub removed: Vec<Entry>,
    pub changed: Vec<Changed>,
    pub old_pages: usize,
    pub new_pages: usize,
}

/// The period whose change notes belong to a comparison: after `since`, up to `until`.
#[derive(Debug, Clone, Copy, Default)]
pub struct Period {
    pub since: Option<Date>,
    pub until: Option<Date>,
}

impl Period {
    fn notes(&self, changes: &[Change]) -> Vec<Change> {
        let mut v: Vec<Change> = changes
            .iter()
            .filter(|c| self.since.is_none_or(|s| c.date > s))
            .filter(|c| self.until.is_none_or(|u| c.date <= u))
            .cloned()
            .collect();
        v.sort_by_key(|c| std::cmp::Reverse(c.date));
        v
    }
}

/// Compare `old` with `new`. With `labels` (naming the two sides in diff headers),
/// each changed page gets a text diff; without, only the lists are made.
pub fn compare(
    old: &[Doc<'_>],
    new: &[Doc<'_>],
    period: Period,
    labels: Option<(&str, &str)>,
) -> Comparison {
    let old_by: BTreeMap<&str, &Doc> = old.iter().map(|d| (d.rel.as_ref(), d)).collect();
    let new_by: BTreeMap<&str, &Doc> = new.iter().map(|d| (d.rel.as_ref(), d)).collect();
    let entry = |d: &Doc, notes: Vec<Change>| Entry {
        rel: d.rel.to_string(),
        title: d.title.to_string(),
        path: d.path.to_string(),
        notes,
    };
    let mut c = Comparison {
        old_pages: old_by.len(),
        new_pages: new_by.len(),
        ..Comparison::default()
    };
    for (rel, d) in &new_by {
        match old_by.get(rel) {
            None => c.added.push(entry(d, period.notes(&d.changes))),
            Some(o) if o.digest != d.digest => c.changed.push(Changed {
                entry: entry(d, period.notes(&d.changes)),
                diff: labels
                    .map(|l| unified(&o.text, &d.text, rel, l))
                    .unwrap_or_default(),
            }),
            Some(_) => {}
        }
    }
    for (rel, d) in &old_by {
        if !new_by.contains_key(rel) {
            c.removed.push(entry(d, Vec::new()));
        }
    }
    c
}

/// A unified diff of one file, with three lines of context.
pub fn unified(old: &str, new: &str, rel: &str, labels: (&str, &str)) -> String {
    let diff = TextDiff::configure()
        .timeout(DIFF_TIMEOUT)
        .diff_lines(old, new);
    diff.unified_diff()
        .context_radius(3)
        .header(
            &format!("{}/{rel}", labels.0),
            &format!("{}/{rel}", labels.1),
        )
        .to_string()
}

/// The pages of a loaded site that are files (not section pages made up for a folder
/// without an index).
pub fn docs_of(site: &Site) -> Vec<Doc<'_>> {
    site.pages
        .iter()
        .filter(|p| p.file.is_some())
        .map(|p| Doc {
            rel: Cow::Borrowed(&p.rel),
            title: Cow::Borrowed(&p.title),
            path: Cow::Borrowed(&p.path),
            text: Cow::Borrowed(&p.text),
            digest: Cow::Owned(hash(p.text.as_bytes())),
            changes: Cow::Borrowed(&p.fm.changes),
        })
        .collect()
}

/// The pages of an edition known only by their summaries (no text).
pub fn docs_of_summaries(pages: &[PageSummary]) -> Vec<Doc<'_>> {
    pages
        .iter()
        .filter_map(|p| {
            Some(Doc {
                rel: Cow::Borrowed(p.rel.as_deref()?),
                title: Cow::Borrowed(&p.title),
                path: Cow::Borrowed(&p.path),
                text: Cow::Borrowed(""),
                digest: Cow::Borrowed(&p.digest),
                changes: Cow::Borrowed(&p.changes),
            })
        })
        .collect()
}

/// Every Markdown file under `config.content_dir`, whether or not it would build
/// (a page whose front matter is broken keeps its file name as title).
pub fn read_dir(config: &Config) -> Result<Vec<Doc<'static>>> {
    let dir: &Path = &config.content_dir;
    let found = walk(dir, config.is_bare(), &[])?;
    let mut docs = Vec::with_capacity(found.pages.len());
    for rel in found.pages {
        let file = dir.join(&rel);
        let bytes = std::fs::read(&file).map_err(|e| Error::read(&file, e))?;
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let (page, _) = page_from_bytes(config, &rel, bytes);
        let (title, path, changes) = match page {
            Some(p) => (p.title, p.path, p.fm.changes),
            None => (rel.clone(), String::new(), Vec::new()),
        };
        docs.push(Doc {
            rel: Cow::Owned(rel),
            title: Cow::Owned(title),
            path: Cow::Owned(path),
            digest: Cow::Owned(hash(text.as_bytes())),
            text: Cow::Owned(text),
            changes: Cow::Owned(changes),
        });
    }
    Ok(docs)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(rel: &str, text: &str, notes: &[(&str, &str)]) -> Doc<'static> {
        Doc {
            rel: Cow::Owned(rel.into()),
            title: Cow::Owned(rel.trim_end_matches(".md").into()),
            path: Cow::Owned(rel.replace(".md", "/")),
            text: Cow::Owned(text.into()),
            digest: Cow::Owned(hash(text.as_bytes())),
            changes: notes
                .iter()
                .map(|(d, n)| Change {
                    date: Date::parse(d).unwrap(),
                    note: n.to_string(),
                })
                .collect(),
        }
    }

    #[test]
    fn added_removed_changed_with_notes_in_the_period() {
        let old = [doc("a.md", "one\ntwo\n", &[]), doc("gone.md", "x\n", &[])];
        let new = [
            doc(
                "a.md",
                "one\nTWO\n",
                &[("2026-01-01", "old note"), ("2026-05-01", "Changed two")],
            ),
            doc("new.md", "y\n", &[("2026-06-01", "New page.")]),
        ];
        let period = Period {
            since: Date::parse("2026-03-02"),
            until: Date::parse("2026-09-01"),
        };
        let c = compare(&old, &new, period, Some(("editions/A", "editions/B")));
        assert_eq!(c.added.len(), 1);
        assert_eq!(c.added[0].notes[0].note, "New page.");
        assert_eq!(c.removed[0].rel, "gone.md");
        assert_eq!(c.changed.len(), 1);
        let notes: Vec<&str> = c.changed[0]
            .entry
            .notes
            .iter()
            .map(|n| n.note.as_str())
            .collect();
        assert_eq!(notes, ["Changed two"]);
        assert_eq!(
            c.changed[0].diff,
            "--- editions/A/a.md\n+++ editions/B/a.md\n@@ -1,2 +1,2 @@\n one\n-two\n+TWO\n"
        );
    }
}
