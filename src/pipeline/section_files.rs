//! The files each section of the current site gets beside its page: its Atom feed
//! (`SECTION/atom.xml`, and the site's at `/atom.xml`) and its printable version
//! (`SECTION/print/`). Called from [`super::write_current_site_files`], so the full
//! build and the live preview write the same files.
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

/// Write every section's feed and printable version.
pub(super) fn write(
    renderer: &Renderer<'_>,
    log: Option<&ChangeLog>,
    staging: &Staging,
    today: Date,
) -> Result<()> {
    for (path, xml) in feeds::all(renderer.config, renderer.site, log) {
        staging.write(&path, xml.as_bytes())?;
    }
    let stamp = Stamp {
        edition: edition_words(log),
        date: today.human(),
        date_iso: today.to_string(),
    };
    (0..renderer.site.sections.len())
        .into_par_iter()
        .try_for_each(|s| {
            let Some(path) = print::path(renderer.site, s) else {
                return Ok(());
            };
            match print::html(renderer, s, &stamp)? {
                Some(html) => staging.write(&page_file(&path), html.as_bytes()),
                None => Ok(()),
            }
        })
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
