//! The cache of rendered editions. An archived edition never changes, so its
//! rendered output (pages, files, search index) only changes when something it is
//! rendered with does: its snapshot, the templates and theme assets, the
//! configuration and build options, the guidebook binary, or what the edition switcher
//! and banner on its pages link to (which of its pages the other versions have).
//! All of that goes into one key. The previous build's output is the cache: an
//! edition rendered cleanly carries its key in `editions/<id>/.guidebook-edition`,
//! and a build whose key matches copies that folder instead of rendering it.
//!
//! Input: the parts of the key; the previous output folder. Output: the key, and
//! the files to copy. Reads the previous output; never writes (the pipeline copies
//! through the staging folder).

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::config::Config;
use crate::render::context::AssetUrls;
use crate::render::editions::EditionsNav;

/// The file, inside an edition's output folder, that holds the key it was built with.
pub const STAMP: &str = ".guidebook-edition";

/// Bump when the rendering of editions changes in a way the other parts do not show.
const FORMAT: &str = "guidebook-edition-cache 1";

/// Everything an edition's rendered output depends on.
pub struct KeyParts<'a> {
    /// The snapshot's fingerprint (hash of its manifest as it is now).
    pub snapshot: &'a str,
    /// [`crate::render::Templates::fingerprint`].
    pub templates: &'a str,
    pub assets: &'a AssetUrls,
    /// The edition's configuration.
    pub config: &'a Config,
    /// The build options that change output (drafts, profile, strictness, ...).
    pub options: &'a str,
    pub nav: &'a EditionsNav,
    /// Which site of `nav` the edition is.
    pub reading: usize,
}

/// The cache key, as hex.
pub fn key(p: &KeyParts<'_>) -> String {
    let mut h = blake3::Hasher::new();
    let mut part = |s: &str| {
        h.update(&(s.len() as u64).to_le_bytes());
        h.update(s.as_bytes());
    };
    part(FORMAT);
    part(&binary_identity());
    part(p.snapshot);
    part(p.templates);
    part(&p.assets.css);
    part(&p.assets.js);
    part(&serde_json::to_string(&p.config.settings).unwrap_or_default());
    part(&serde_json::to_string(&p.config.profile).unwrap_or_default());
    part(&p.config.url_prefix);
    part(if p.config.has_config_file {
        "config"
    } else {
        "bare"
    });
    part(p.options);
    for s in &p.nav.sites {
        let date = s.date.map(|d| d.to_string()).unwrap_or_default();
        for x in [
            s.id.as_str(),
            s.title.as_str(),
            date.as_str(),
            s.prefix.as_str(),
        ] {
            part(x);
        }
    }
    if let Some(me) = p.nav.sites.get(p.reading) {
        let mut paths: Vec<&String> = me.paths.iter().collect();
        paths.sort();
        for path in paths {
            let has: String = p
                .nav
                .sites
                .iter()
                .map(|s| if s.paths.contains(path) { '1' } else { '0' })
                .collect();
            part(path);
            part(&has);
        }
    }
    h.finalize().to_hex().to_string()
}

/// The guidebook version and the running binary's size and modification time, so
/// output rendered by another guidebook is never reused.
fn binary_identity() -> String {
    let exe = std::env::current_exe()
        .ok()
        .and_then(|p| p.metadata().ok())
        .map(|m| format!("{}:{:?}", m.len(), m.modified().ok()))
        .unwrap_or_default();
    format!("{} {exe}", env!("CARGO_PKG_VERSION"))
}

/// When `out/base` holds an edition rendered with `key`, every file in it (except
/// the stamp) as (source path, path relative to `out`); else `None`.
pub fn cached(out: &Path, base: &str, key: &str) -> Option<Vec<(PathBuf, String)>> {
    let dir = out.join(base);
    let stamp = std::fs::read_to_string(dir.join(STAMP)).ok()?;
    if stamp.trim() != key {
        return None;
    }
    let mut files = Vec::new();
    for entry in WalkDir::new(&dir).sort_by_file_name() {
        let entry = entry.ok()?;
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry.path().strip_prefix(&dir).ok()?;
        let rel = rel.to_string_lossy().replace('\\', "/");
        if rel == STAMP {
            continue;
        }
        files.push((entry.path().to_path_buf(), format!("{base}{rel}")));
    }
    Some(files)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::editions::NavSite;

    #[test]
    fn key_changes_with_what_the_output_depends_on() {
        let config = Config::resolve(Path::new("/site"), Default::default(), true);
        let site = |id: &str, paths: &[&str]| NavSite {
            id: id.into(),
            title: id.into(),
            date: None,
            prefix: format!("/{id}"),
            paths: paths.iter().map(|p| p.to_string()).collect(),
        };
        let nav = |current: &[&str]| EditionsNav {
            sites: vec![site("", current), site("a", &["", "x/"])],
        };
        let assets = AssetUrls::default();
        let k = |nav: &EditionsNav, snapshot: &str| {
            key(&KeyParts {
                snapshot,
                templates: "t",
                assets: &assets,
                config: &config,
                options: "o",
                nav,
                reading: 1,
            })
        };
        let k1 = k(&nav(&["", "x/"]), "s");
        assert_eq!(k1, k(&nav(&["", "x/"]), "s"));
        // a page the edition does not have: same key
        assert_eq!(k1, k(&nav(&["", "x/", "new/"]), "s"));
        // a page of the edition removed from the current site: new key
        assert_ne!(k1, k(&nav(&[""]), "s"));
        assert_ne!(k1, k(&nav(&["", "x/"]), "s2"));
    }
}
