//! Reading every edition for a build: each snapshot is checked against its manifest
//! and keyed for the rendered-output cache; it is loaded like `content/` (with the
//! same load options, so drafts and profiles apply to editions too) only when the
//! previous build's output of it cannot be reused as it is.
//!
//! Input: the site [`Config`], [`LoadOptions`], the build options that shape output,
//! and the previous output folder. Output: one [`Snapshot`] per listed edition,
//! oldest first, and diagnostics about the editions folder. Reads files; never writes.

use std::path::Path;

use super::cache::{self, Stamp};
use super::manifest::{self, Manifest};
use super::registry::{Edition, Registry};
use super::summary::{PageSummary, summarise};
use crate::config::Config;
use crate::content::{self, LoadOptions, Site};
use crate::error::{Diagnostics, Result};

/// One edition of the build.
pub struct Snapshot {
    pub edition: Edition,
    /// The site's configuration, reading from `editions/<id>/` and publishing under
    /// `/editions/<id>/`.
    pub config: Config,
    /// The loaded pages; `None` when they were not read because the previous
    /// build's output was made from exactly these files ([`Snapshot::stamp`]).
    pub site: Option<Site>,
    pub pages: Vec<PageSummary>,
    /// Problems found reading it, and every difference from its manifest.
    pub diagnostics: Diagnostics,
    /// [`cache::base_key`] of the edition.
    pub base_key: String,
    /// The previous build's stamp, when it was made with the same base key.
    pub stamp: Option<Stamp>,
}

/// Every listed edition whose folder exists, and the problems of the editions folder.
/// `options` describes the build options that shape output; `out` is the output
/// folder, whose previous contents may be reused.
pub fn load_all(
    config: &Config,
    opts: &LoadOptions,
    options: &str,
    out: &Path,
) -> Result<(Vec<Snapshot>, Diagnostics)> {
    let registry = Registry::load(config)?;
    let mut snapshots = Vec::with_capacity(registry.editions.len());
    let mut diags = Diagnostics::new();
    diags.extend(manifest::unlisted(config, &registry));
    for ed in &registry.editions {
        let (now, differences) = manifest::check(config, ed);
        let Some(now) = now else {
            diags.extend(differences);
            continue;
        };
        let ed_config = super::edition_config(config, &ed.id);
        let fingerprint = manifest::hash(Manifest::text(&now).as_bytes());
        let base_key = cache::base_key(&fingerprint, &ed_config, options);
        let base = format!("editions/{}/", ed.id);
        let stamp = cache::read_stamp(out, &base).filter(|s| s.base == base_key);
        let mut snap = Snapshot {
            edition: ed.clone(),
            config: ed_config,
            site: None,
            pages: Vec::new(),
            diagnostics: differences.into_iter().collect(),
            base_key,
            stamp,
        };
        match (&snap.stamp, snap.diagnostics.is_empty()) {
            (Some(stamp), true) => snap.pages = stamp.pages.clone(),
            _ => snap.load(opts)?,
        }
        snapshots.push(snap);
    }
    Ok((snapshots, diags))
}

impl Snapshot {
    /// Read the edition's pages (once).
    pub fn load(&mut self, opts: &LoadOptions) -> Result<()> {
        if self.site.is_some() {
            return Ok(());
        }
        let (site, d) = content::load(&self.config, opts)?;
        self.diagnostics.extend(d);
        self.pages = summarise(&site);
        self.site = Some(site);
        Ok(())
    }
}
