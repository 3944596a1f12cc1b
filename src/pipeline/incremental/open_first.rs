//! Pages open in a browser go first. A template or theme change renders every page
//! again, which on a large site takes seconds; the pages someone is looking at are
//! rendered and written first, so they reload at once, and the rest follow from
//! [`Preview::tick`], before the site-wide files. This is what Hugo's "fast render
//! mode" does for the same reason.
//!
//! Input: the URL paths of open pages ([`Preview::set_open`], from the live-reload
//! streams) and the pages a change makes dirty. Output: two renders instead of one.

use std::collections::BTreeSet;

use super::render::Check;
use super::{Done, Preview};
use crate::error::Result;

/// Pages left to render after the open ones.
pub(super) struct Rest {
    pub pages: BTreeSet<usize>,
    /// The URL paths rendered ahead: they show the change already.
    pub done: Vec<String>,
}

impl Preview {
    /// The URL paths (with the site prefix) of the pages open in a browser now.
    pub fn set_open(&mut self, urls: Vec<String>) {
        self.open = urls;
    }

    /// Render the open pages among `dirty` now and leave the others for
    /// [`Preview::tick`]. `None` (nothing done) when no open page is dirty, or every
    /// dirty page is open: then one render does it all.
    /// The whole-site checks run first, as for any template change.
    pub(super) fn render_open_first(&mut self, dirty: &BTreeSet<usize>) -> Result<Option<Done>> {
        let prefix = &self.site.config.url_prefix;
        let ahead: BTreeSet<usize> = dirty
            .iter()
            .copied()
            .filter(|&i| {
                let path = &self.site.model.pages[i].path;
                self.open
                    .iter()
                    .any(|u| u.strip_prefix(prefix.as_str()) == Some(path))
            })
            .collect();
        if ahead.is_empty() || ahead.len() == dirty.len() {
            return Ok(None);
        }
        let done = ahead
            .iter()
            .map(|&i| format!("{prefix}{}", self.site.model.pages[i].path))
            .collect();
        let pages = dirty.difference(&ahead).copied().collect();
        let result = self.render_and_write(ahead, false, Check::Now)?;
        self.rest = Some(Rest { pages, done });
        Ok(Some(result))
    }

    /// Render the pages [`Preview::render_open_first`] left, removing stale files as
    /// a full render does. Returns what changed and the URL paths already done.
    pub(super) fn render_rest(&mut self) -> Option<(Result<Done>, Vec<String>)> {
        let rest = self.rest.take()?;
        Some((
            self.render_and_write(rest.pages, true, Check::Known),
            rest.done,
        ))
    }
}
