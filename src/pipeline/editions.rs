//! Sequencing the archived editions of a build: each runs the same per-site steps as
//! the current site ([`super::build_site`]) on its frozen snapshot, into
//! `editions/<id>/` of the same staging folder — unless the previous build's output
//! of that edition was made with the same cache key, in which case it is copied.
//! Then the current site's "What changed" page and its Atom feed.
//!
//! Input: the loaded snapshots ([`Snapshot`]), the current site, the shared build
//! state. Output: files in the staging folder and the editions' diagnostics.

use std::collections::HashSet;
use std::path::Path;

use rayon::prelude::*;

use super::{Job, Shared, build_site};
use crate::config::Config;
use crate::content::Site;
use crate::editions::cache::{self, KeyParts};
use crate::editions::changelog::{self, Version};
use crate::editions::diff::docs_of;
use crate::editions::snapshot::Snapshot;
use crate::editions::{feed, page};
use crate::error::{Diagnostics, Result};
use crate::output::Staging;
use crate::render::Renderer;
use crate::render::editions::{EditionsNav, NavSite};

/// The switcher's view of the build: the current site, then each edition, newest
/// first. Edition `k` of `snapshots` is site `reading(snapshots.len(), k)`.
pub(super) fn nav(config: &Config, site: &Site, snapshots: &[Snapshot]) -> EditionsNav {
    let paths = |s: &Site| -> HashSet<String> { s.pages.iter().map(|p| p.path.clone()).collect() };
    let mut sites = vec![NavSite {
        id: String::new(),
        title: "Current version".into(),
        date: None,
        prefix: config.url_prefix.clone(),
        paths: paths(site),
    }];
    sites.extend(snapshots.iter().rev().map(|s| NavSite {
        id: s.edition.id.clone(),
        title: s.edition.title.clone(),
        date: Some(s.edition.date),
        prefix: s.config.url_prefix.clone(),
        paths: paths(&s.site),
    }));
    EditionsNav { sites }
}

/// Which site of [`nav`] edition `k` (oldest first) of `n` is.
fn reading(n: usize, k: usize) -> usize {
    n - k
}

/// What an edition build did.
#[derive(Debug, Default)]
pub(super) struct Done {
    pub diagnostics: Diagnostics,
    /// Editions rendered (the others were copied from the previous build).
    pub rendered: usize,
}

/// Build every edition into `staging`, reusing the previous output in `out`.
pub(super) fn build_all(
    snapshots: &[Snapshot],
    shared: &Shared<'_>,
    staging: &Staging,
    out: &Path,
) -> Result<Done> {
    let mut done = Done::default();
    for (k, snap) in snapshots.iter().enumerate() {
        let base = format!("editions/{}/", snap.edition.id);
        let key = cache::key(&KeyParts {
            snapshot: &snap.fingerprint,
            templates: shared.templates.fingerprint(),
            assets: &shared.theme.urls,
            config: &snap.config,
            options: &shared.options,
            nav: shared.nav,
            reading: reading(snapshots.len(), k),
        });
        if snap.diagnostics.is_empty()
            && let Some(files) = cache::cached(out, &base, &key)
        {
            files
                .par_iter()
                .try_for_each(|(from, rel)| staging.copy(from, rel))?;
            staging.write(&format!("{base}{}", cache::STAMP), key.as_bytes())?;
            continue;
        }
        let job = Job {
            config: &snap.config,
            site: &snap.site,
            base: &base,
            edition: &snap.edition.id,
            reading: reading(snapshots.len(), k),
            today: snap.edition.date,
        };
        let diags = build_site(&job, snap.diagnostics.clone(), shared, staging)?;
        if diags.is_empty() {
            staging.write(&format!("{base}{}", cache::STAMP), key.as_bytes())?;
        }
        done.rendered += 1;
        done.diagnostics.extend(diags);
    }
    Ok(done)
}

/// `/changes/` and `/changes/atom.xml` of the current site, when it has editions.
pub(super) fn write_changes(
    renderer: &Renderer<'_>,
    snapshots: &[Snapshot],
    staging: &Staging,
) -> Result<()> {
    let mut versions: Vec<Version<'_>> = snapshots
        .iter()
        .map(|s| Version {
            edition: Some(&s.edition),
            prefix: s.config.url_prefix.clone(),
            docs: docs_of(&s.site),
        })
        .collect();
    versions.push(Version {
        edition: None,
        prefix: renderer.config.url_prefix.clone(),
        docs: docs_of(renderer.site),
    });
    let Some(log) = changelog::build(&versions, &renderer.config.url_prefix) else {
        return Ok(());
    };
    if let Some(html) = page::html(renderer, &log)? {
        staging.write(&format!("{}index.html", page::PATH), html.as_bytes())?;
        let atom = feed::atom(renderer.config, &log);
        staging.write(&format!("{}atom.xml", page::PATH), atom.as_bytes())?;
    }
    Ok(())
}
