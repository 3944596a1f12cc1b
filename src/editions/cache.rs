//! The cache of rendered editions. An archived edition never changes, so its
//! rendered output (pages, files, search index) only changes when something it is
//! rendered with does: its snapshot, the templates and theme assets, the
//! configuration and build options, the guidebook binary, or what the edition switcher
//! and banner on its pages link to (which of its pages the other versions have).
//! All of that goes into one key. The previous build's output is the cache: an
//! edition rendered cleanly carries a [`Stamp`] in `editions/<id>/.guidebook-edition`
//! (its key, and the summary of its pages), and a build whose key matches reuses
//! that folder instead of rendering it, without even reading the edition's pages.
//!
//! Input: the parts of the key; the previous output folder. Output: the keys, the
//! stamp, the files to reuse. Reads the previous output; never writes (the pipeline
//! writes through the staging folder).

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use walkdir::WalkDir;

use super::summary::PageSummary;
use crate::config::Config;
use crate::render::context::AssetUrls;
use crate::render::editions::EditionsNav;
use crate::util::identity::binary_identity;

/// The file, inside an edition's output folder, that says what it was built from.
pub const STAMP: &str = ".guidebook-edition";

/// Bump when the rendering of editions changes in a way the other parts do not show.
const FORMAT: &str = "guidebook-edition-cache 2";

/// What the previous build recorded about an edition it rendered cleanly.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Stamp {
    /// The whole key ([`key`]).
    pub key: String,
    /// The part of it that does not depend on the other versions ([`base_key`]).
    pub base: String,
    /// Its pages, so a later build with the same base key need not read them.
    pub pages: Vec<PageSummary>,
}

impl Stamp {
    pub fn text(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// The key of everything an edition's pages are made from, apart from the other
/// versions: its files (the hash of their manifest), its configuration, the build
/// options that shape output, and the guidebook binary.
pub fn base_key(snapshot: &str, config: &Config, options: &str) -> String {
    hash(&[
        FORMAT,
        &binary_identity(),
        snapshot,
        &serde_json::to_string(&config.settings).unwrap_or_default(),
        &serde_json::to_string(&config.profile).unwrap_or_default(),
        &config.url_prefix,
        if config.has_config_file {
            "config"
        } else {
            "bare"
        },
        options,
    ])
}

/// The whole key: the base key, the templates and theme assets, and what the
/// switcher and banner of edition `reading` of `nav` show (every version's id, title,
/// date and prefix, and which of them have each page of this edition).
pub fn key(
    base: &str,
    templates: &str,
    assets: &AssetUrls,
    nav: &EditionsNav,
    reading: usize,
) -> String {
    let mut parts: Vec<String> = vec![
        base.into(),
        templates.into(),
        assets.css.clone(),
        assets.js.clone(),
    ];
    for s in &nav.sites {
        let date = s.date.map(|d| d.to_string()).unwrap_or_default();
        parts.extend([s.id.clone(), s.title.clone(), date, s.prefix.clone()]);
    }
    if let Some(me) = nav.sites.get(reading) {
        let mut paths: Vec<&String> = me.paths.iter().collect();
        paths.sort();
        for path in paths {
            let has: String = nav
                .sites
                .iter()
                .map(|s| if s.paths.contains(path) { '1' } else { '0' })
                .collect();
            parts.extend([path.clone(), has]);
        }
    }
    let refs: Vec<&str> = parts.iter().map(String::as_str).collect();
    hash(&refs)
}

fn hash(parts: &[&str]) -> String {
    let mut h = blake3::Hasher::new();
    for p in parts {
        h.update(&(p.len() as u64).to_le_bytes());
        h.update(p.as_bytes());
    }
    h.finalize().to_hex().to_string()
}

/// The stamp of the edition the previous build wrote to `out/base`, if any.
pub fn read_stamp(out: &Path, base: &str) -> Option<Stamp> {
    let text = std::fs::read_to_string(out.join(base).join(STAMP)).ok()?;
    serde_json::from_str(&text).ok()
}

/// Every file of the edition the previous build wrote to `out/base` (except its
/// stamp), as (source path, path relative to `out`).
pub fn files(out: &Path, base: &str) -> Option<Vec<(PathBuf, String)>> {
    let dir = out.join(base);
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
        let base = base_key("s", &config, "o");
        assert_eq!(base, base_key("s", &config, "o"));
        assert_ne!(base, base_key("s2", &config, "o"));
        assert_ne!(base, base_key("s", &config, "drafts"));
        let k = |nav: &EditionsNav, base: &str| key(base, "t", &assets, nav, 1);
        let k1 = k(&nav(&["", "x/"]), &base);
        assert_eq!(k1, k(&nav(&["", "x/"]), &base));
        // a page the edition does not have: same key
        assert_eq!(k1, k(&nav(&["", "x/", "new/"]), &base));
        // a page of the edition removed from the current site: new key
        assert_ne!(k1, k(&nav(&[""]), &base));
        assert_ne!(k1, key(&base, "t2", &assets, &nav(&["", "x/"]), 1));
    }
}
