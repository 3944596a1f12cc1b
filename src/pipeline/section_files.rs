//! The files each section of the current site gets beside its page: its Atom feed
//! (`SECTION/atom.xml`, and the site's at `/atom.xml`) and its printable version
//! (`SECTION/print/`). The full build writes the printouts as it renders the pages
//! ([`super::render_pages`], with [`crate::render::print::Printout`]); the live
//! preview writes them here ([`super::write_current_site_files`]). Both make them
//! with the same code.
//!
//! Input: the current site's [`Renderer`], the change log (when the site has
//! editions) and the build's date. Output: files in the staging folder.

use rayon::prelude::*;

use crate::content::Date;
use crate::editions::changelog::ChangeLog;
use crate::editions::feeds;
use crate::error::Result;
use crate::output::{Staging, page_file};
use crate::render::Renderer;
use crate::render::print::{self, Stamp};

/// Write every section's feed.
pub(super) fn write_feeds(
    renderer: &Renderer<'_>,
    log: Option<&ChangeLog>,
    staging: &Staging,
) -> Result<()> {
    for (path, xml) in feeds::all(renderer.config, renderer.site, log) {
        staging.write(&path, xml.as_bytes())?;
    }
    Ok(())
}

/// What the printouts of a build made on `today` are stamped with.
pub(super) fn stamp(log: Option<&ChangeLog>, today: Date) -> Stamp {
    Stamp {
        edition: edition_words(log),
        date: today.human(),
        date_iso: today.to_string(),
    }
}

/// Write every section's printable version, rendering its pages again (the live
/// preview; a full build writes them while it renders the pages).
pub(super) fn write_printouts(
    renderer: &Renderer<'_>,
    stamp: &Stamp,
    staging: &Staging,
) -> Result<()> {
    (0..renderer.site.sections.len())
        .into_par_iter()
        .try_for_each(|s| {
            let Some(path) = print::path(renderer.site, s) else {
                return Ok(());
            };
            match print::html(renderer, s, stamp)? {
                Some(html) => staging.write(&page_file(&path), html.as_bytes()),
                None => Ok(()),
            }
        })
}

/// The files of every section's printable version, which the files copied from the
/// theme's and the site's `static/` folders do not overwrite.
pub(super) fn printout_files(renderer: &Renderer<'_>) -> Vec<String> {
    (0..renderer.site.sections.len())
        .filter_map(|s| print::path(renderer.site, s))
        .map(|path| page_file(&path))
        .collect()
}

/// Which version of the site a printout shows.
fn edition_words(log: Option<&ChangeLog>) -> String {
    let Some(log) = log else {
        return "Current version, not yet an edition".into();
    };
    let latest = log.editions.first().map_or("", |e| e.title.as_str());
    if log.current.groups.is_empty() {
        format!("The {latest} edition")
    } else {
        format!("Current version, changed since the {latest} edition")
    }
}
