//! What an edition keeps of each page for the switcher, the change log and the
//! rendered-output cache: its path, title, URL, text digest and change notes.
//!
//! Input: a loaded [`Site`]. Output: one [`PageSummary`] a page. Pure.

use serde::{Deserialize, Serialize};

use super::manifest;
use crate::content::Site;
use crate::content::fields::Change;

/// What the edition switcher and the change log need of one page.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct PageSummary {
    /// Path in the content folder; `None` for a section page made up for a folder.
    pub rel: Option<String>,
    pub title: String,
    /// URL path without the site prefix.
    pub path: String,
    /// BLAKE3 of the file's text.
    pub digest: String,
    pub changes: Vec<Change>,
}

/// The summaries of every page of a loaded site.
pub fn summarise(site: &Site) -> Vec<PageSummary> {
    site.pages
        .iter()
        .map(|p| PageSummary {
            rel: p.file.as_ref().map(|_| p.rel.clone()),
            title: p.title.clone(),
            path: p.path.clone(),
            digest: manifest::hash(p.text.as_bytes()),
            changes: p.fm.changes.clone(),
        })
        .collect()
}
