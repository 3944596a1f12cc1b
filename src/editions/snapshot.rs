//! Reading every edition for a build: its snapshot loaded like `content/` (with the
//! same load options, so drafts and profiles apply to editions too), checked against
//! its manifest, and fingerprinted for the rendered-output cache.
//!
//! Input: the site [`Config`] and [`LoadOptions`]. Output: one [`Snapshot`] per
//! listed edition, oldest first, and diagnostics about the editions folder. Reads
//! files; never writes.

use super::manifest::{self, Manifest};
use super::registry::{Edition, Registry};
use crate::config::Config;
use crate::content::{self, LoadOptions, Site};
use crate::error::{Diagnostics, Result};

/// One edition, ready to render.
pub struct Snapshot {
    pub edition: Edition,
    /// The site's configuration, reading from `editions/<id>/` and publishing under
    /// `/editions/<id>/`.
    pub config: Config,
    pub site: Site,
    /// Problems found while reading it, and every difference from its manifest.
    pub diagnostics: Diagnostics,
    /// BLAKE3 of the manifest of its files as they are now.
    pub fingerprint: String,
}

/// Every listed edition whose folder exists, and the problems of the editions folder.
pub fn load_all(config: &Config, opts: &LoadOptions) -> Result<(Vec<Snapshot>, Diagnostics)> {
    let registry = Registry::load(config)?;
    let mut out = Vec::with_capacity(registry.editions.len());
    let mut diags = Diagnostics::new();
    diags.extend(manifest::unlisted(config, &registry));
    for ed in &registry.editions {
        let (now, differences) = manifest::check(config, ed);
        let Some(now) = now else {
            diags.extend(differences);
            continue;
        };
        let ed_config = super::edition_config(config, &ed.id);
        let (site, mut d) = content::load(&ed_config, opts)?;
        d.extend(differences);
        out.push(Snapshot {
            edition: ed.clone(),
            config: ed_config,
            site,
            diagnostics: d,
            fingerprint: manifest::hash(Manifest::text(&now).as_bytes()),
        });
    }
    Ok((out, diags))
}
