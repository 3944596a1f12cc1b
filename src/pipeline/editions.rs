//! Sequencing the archived editions of a build: each runs the same per-site steps as
//! the current site ([`super::build_site`]) on its frozen snapshot, into
//! `editions/<id>/` of the same staging folder — unless the previous build's output
//! of that edition was made with the same cache key, in which case that folder is
//! carried over (moved in at the swap, or hard-linked) and its pages are not even
//! read. Then the current site's "What changed" page and its Atom feed.
//!
//! Input: the loaded snapshots ([`Snapshot`]), the current site, the shared build
//! state. Output: files in the staging folder and the editions' diagnostics.

use std::path::Path;

use rayon::prelude::*;

use super::{Job, Shared, build_site};
use crate::config::Config;
use crate::content::{self, LoadOptions, Site};
use crate::editions::cache::{self, Stamp};
use crate::editions::changelog::{self, ChangeLog, Version};
use crate::editions::diff::{docs_of, docs_of_summaries};
use crate::editions::snapshot::Snapshot;
use crate::editions::{feed, page};
use crate::error::{Diagnostics, Result};
use crate::output::Staging;
use crate::render::Renderer;
use crate::render::editions::{EditionsNav, NavSite};

/// The switcher's view of the build: the current site, then each edition, newest
/// first. Edition `k` of `snapshots` is site `reading(snapshots.len(), k)`.
pub(super) fn nav(config: &Config, site: &Site, snapshots: &[Snapshot]) -> EditionsNav {
    let mut sites = vec![NavSite {
        id: String::new(),
        title: "Current version".into(),
        date: None,
        prefix: config.url_prefix.clone(),
        paths: site.pages.iter().map(|p| p.path.clone()).collect(),
    }];
    sites.extend(snapshots.iter().rev().map(|s| NavSite {
        id: s.edition.id.clone(),
        title: s.edition.title.clone(),
        date: Some(s.edition.date),
        prefix: s.config.url_prefix.clone(),
        paths: s.pages.iter().map(|p| p.path.clone()).collect(),
    }));
    EditionsNav { sites }
}

/// Which site of [`nav`] edition `k` (oldest first) of `n` is.
fn reading(n: usize, k: usize) -> usize {
    n - k
}

/// How an edition rendered by the previous build is carried into the new output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Carry {
    /// Moved in whole at the swap ([`Staging::adopt`]): a full build.
    Adopt,
    /// Hard-linked file by file into the staging folder ([`Staging::reuse`]): for
    /// callers that read the staging folder instead of committing it (the preview).
    Link,
}

/// Build every edition into `staging`: carry over the previous output in `out` where
/// its stamp holds the same key, else render it (reading its pages if not read yet).
/// Returns the editions' diagnostics.
pub(crate) fn build_all(
    snapshots: &[Snapshot],
    shared: &Shared<'_>,
    staging: &Staging,
    out: &Path,
    load_opts: &LoadOptions,
    carry: Carry,
) -> Result<Diagnostics> {
    let mut diagnostics = Diagnostics::new();
    for (k, snap) in snapshots.iter().enumerate() {
        let base = format!("editions/{}/", snap.edition.id);
        let reading = reading(snapshots.len(), k);
        let stamp = Stamp {
            key: cache::key(
                &snap.base_key,
                shared.templates.fingerprint(),
                &shared.theme.urls,
                shared.nav,
                reading,
            ),
            base: snap.base_key.clone(),
            pages: snap.pages.clone(),
        };
        let stamp_file = format!("{base}{}", cache::STAMP);
        let cached = snap.site.is_none() && snap.stamp.as_ref().is_some_and(|s| s.key == stamp.key);
        if cached && carry == Carry::Adopt {
            staging.adopt(base.trim_end_matches('/'))?;
            continue;
        }
        if let Some(files) = cached.then(|| cache::files(out, &base)).flatten() {
            files
                .par_iter()
                .try_for_each(|(from, rel)| staging.reuse(from, rel))?;
            staging.write(&stamp_file, stamp.text().as_bytes())?;
            continue;
        }
        let loaded;
        let (site, load_diags) = match &snap.site {
            Some(site) => (site, snap.diagnostics.clone()),
            None => {
                loaded = content::load(&snap.config, load_opts)?;
                (&loaded.0, loaded.1.clone())
            }
        };
        let job = Job {
            config: &snap.config,
            site,
            base: &base,
            edition: &snap.edition.id,
            reading,
            today: snap.edition.date,
        };
        let diags = build_site(&job, load_diags, shared, staging)?;
        if diags.is_empty() {
            staging.write(&stamp_file, stamp.text().as_bytes())?;
        }
        diagnostics.extend(diags);
    }
    Ok(diagnostics)
}

/// The current site's change log: what changed between its editions and since the
/// newest (`None` without editions). The section feeds and printouts use it.
pub(super) fn change_log(renderer: &Renderer<'_>, snapshots: &[Snapshot]) -> Option<ChangeLog> {
    let mut versions: Vec<Version<'_>> = snapshots
        .iter()
        .map(|s| Version {
            edition: Some(&s.edition),
            prefix: s.config.url_prefix.clone(),
            docs: docs_of_summaries(&s.pages),
        })
        .collect();
    versions.push(Version {
        edition: None,
        prefix: renderer.config.url_prefix.clone(),
        docs: docs_of(renderer.site),
    });
    changelog::build(&versions, &renderer.config.url_prefix)
}

/// `/changes/` and `/changes/atom.xml` of the current site, from its change log.
pub(super) fn write_changes(
    renderer: &Renderer<'_>,
    log: &ChangeLog,
    staging: &Staging,
) -> Result<()> {
    if let Some(html) = page::html(renderer, log)? {
        staging.write(&format!("{}index.html", page::PATH), html.as_bytes())?;
        let atom = feed::atom(renderer.config, log);
        staging.write(&format!("{}atom.xml", page::PATH), atom.as_bytes())?;
    }
    Ok(())
}
