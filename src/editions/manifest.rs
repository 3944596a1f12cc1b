//! Checksum manifests: what makes an edition immutable.
//!
//! At cut time every file of the snapshot (the files a build reads: pages and
//! assets) is hashed with BLAKE3 into `editions/<id>.b3`, in the format `b3sum
//! --check` reads, and the manifest's own hash is recorded in the registry.
//! [`verify`] hashes the folder again and names every file changed, added or removed
//! since. Input: the site's [`Config`]. Output: diagnostics; reads files, never writes.

use std::collections::BTreeMap;
use std::path::Path;

use rayon::prelude::*;

use super::registry::{Edition, Registry};
use super::{REGISTRY_FILE, edition_dir, manifest_path};
use crate::config::Config;
use crate::content::walk::walk;
use crate::error::{Diagnostic, Error, Result};

/// The files of a snapshot and their hashes, by path relative to the snapshot.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Manifest {
    pub files: BTreeMap<String, String>,
}

impl Manifest {
    /// Hash every file a build of `dir` would read.
    pub fn scan(dir: &Path) -> Result<Manifest> {
        let found = walk(dir, false, &[])?;
        let rels: Vec<String> = found.pages.into_iter().chain(found.assets).collect();
        let files = rels
            .into_par_iter()
            .map(|rel| {
                let path = dir.join(&rel);
                let bytes = std::fs::read(&path).map_err(|e| Error::read(&path, e))?;
                Ok((rel, hash(&bytes)))
            })
            .collect::<Result<BTreeMap<_, _>>>()?;
        Ok(Manifest { files })
    }

    /// The manifest as `b3sum` writes it: `<hash>  <path>` per line, sorted by path.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for (rel, h) in &self.files {
            if rel.contains(['\\', '\n']) {
                let escaped = rel.replace('\\', "\\\\").replace('\n', "\\n");
                out.push_str(&format!("\\{h}  {escaped}\n"));
            } else {
                out.push_str(&format!("{h}  {rel}\n"));
            }
        }
        out
    }

    /// Read the text [`Manifest::text`] writes; `None` if a line is not in that form.
    pub fn parse(text: &str) -> Option<Manifest> {
        let mut files = BTreeMap::new();
        for line in text.lines().filter(|l| !l.is_empty()) {
            let (escaped, line) = match line.strip_prefix('\\') {
                Some(rest) => (true, rest),
                None => (false, line),
            };
            let (h, rel) = line.split_once("  ")?;
            if h.len() != 64 || !h.bytes().all(|b| b.is_ascii_hexdigit()) {
                return None;
            }
            let rel = if escaped {
                unescape(rel)?
            } else {
                rel.to_string()
            };
            files.insert(rel, h.to_string());
        }
        Some(Manifest { files })
    }
}

/// Undo b3sum's escaping of `\\` and `\n` in a path.
fn unescape(s: &str) -> Option<String> {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next()? {
            '\\' => out.push('\\'),
            'n' => out.push('\n'),
            _ => return None,
        }
    }
    Some(out)
}

/// BLAKE3 of `bytes`, as hex.
pub fn hash(bytes: &[u8]) -> String {
    blake3::hash(bytes).to_hex().to_string()
}

/// Every way the editions of the site differ from what was cut: files changed, added
/// or removed, missing manifests or folders, and folders no edition lists. This is
/// what `guidebook check` reports (code `edition-modified` for files).
pub fn verify(config: &Config) -> Vec<Diagnostic> {
    let registry = match Registry::load(config) {
        Ok(r) => r,
        Err(Error::Config(d)) => return vec![*d],
        Err(e) => {
            let shown = config.display_path(&config.editions_dir.join(REGISTRY_FILE));
            return vec![Diagnostic::error("editions", shown, e.to_string())];
        }
    };
    let mut out: Vec<Diagnostic> = registry
        .editions
        .iter()
        .flat_map(|ed| check(config, ed).1)
        .collect();
    out.extend(unlisted(config, &registry));
    out
}

/// Hash edition `ed` as it is now and compare it with its manifest. Returns what the
/// folder holds now (`None` when it cannot be read) and the differences.
pub fn check(config: &Config, ed: &Edition) -> (Option<Manifest>, Vec<Diagnostic>) {
    let dir = edition_dir(config, &ed.id);
    let shown_dir = format!("{}/", config.display_path(&dir));
    if !dir.is_dir() {
        let d = Diagnostic::error(
            "edition-missing",
            &shown_dir,
            format!(
                "edition {} is listed in {} but its folder {shown_dir} is missing",
                ed.id,
                registry_shown(config)
            ),
        );
        return (None, vec![d]);
    }
    let now = match Manifest::scan(&dir) {
        Ok(m) => m,
        Err(e) => {
            let d = Diagnostic::error("edition-modified", &shown_dir, format!("{e}"));
            return (None, vec![d]);
        }
    };
    let diags = match recorded(config, ed) {
        Ok(cut) => differences(config, &dir, &cut, &now),
        Err(d) => vec![*d],
    };
    (Some(now), diags)
}

/// The manifest written at cut time, checked against the registry's checksum.
fn recorded(config: &Config, ed: &Edition) -> Result<Manifest, Box<Diagnostic>> {
    let path = manifest_path(config, &ed.id);
    let shown = config.display_path(&path);
    let problem = |code: &'static str, msg: String| {
        Box::new(Diagnostic::error(code, &shown, msg).hint(
            "restore it from version control; a manifest is written once, by `guidebook edition cut`",
        ))
    };
    let bytes = std::fs::read(&path).map_err(|e| {
        problem(
            "edition-manifest",
            format!(
                "cannot read the checksum manifest of edition {}: {e}",
                ed.id
            ),
        )
    })?;
    if ed.checksum.is_empty() {
        return Err(problem(
            "edition-manifest",
            format!(
                "edition {} has no checksum in {}",
                ed.id,
                registry_shown(config)
            ),
        ));
    }
    if hash(&bytes) != ed.checksum {
        return Err(problem(
            "edition-modified",
            format!(
                "{shown} has changed since the edition was cut: its checksum is not the one in {}",
                registry_shown(config)
            ),
        ));
    }
    let text = String::from_utf8(bytes).ok();
    text.as_deref().and_then(Manifest::parse).ok_or_else(|| {
        problem(
            "edition-manifest",
            format!("{shown} is not a checksum manifest"),
        )
    })
}

/// One diagnostic per file that differs between the manifest and the folder.
fn differences(config: &Config, dir: &Path, cut: &Manifest, now: &Manifest) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let shown = |rel: &str| config.display_path(&dir.join(rel));
    let hint = |p: &str| {
        format!(
            "editions are frozen: restore the file from version control (`git checkout -- {p}`); \
             make new changes in content/ and cut a new edition"
        )
    };
    for (rel, h) in &cut.files {
        let p = shown(rel);
        let message = match now.files.get(rel) {
            Some(h2) if h2 == h => continue,
            Some(_) => format!("{p} has changed since the edition was cut"),
            None => format!("{p} was removed after the edition was cut"),
        };
        out.push(Diagnostic::error("edition-modified", &p, message).hint(hint(&p)));
    }
    for rel in now.files.keys().filter(|r| !cut.files.contains_key(*r)) {
        let p = shown(rel);
        let message = format!("{p} was added after the edition was cut");
        out.push(Diagnostic::error("edition-modified", &p, message).hint(hint(&p)));
    }
    out
}

/// Folders under `editions/` that no edition lists: they are not built.
pub(crate) fn unlisted(config: &Config, registry: &Registry) -> Vec<Diagnostic> {
    let Ok(entries) = std::fs::read_dir(&config.editions_dir) else {
        return Vec::new();
    };
    let mut names: Vec<String> = entries
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with('.') && registry.get(n).is_none())
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|n| {
            let p = format!("{}/", config.display_path(&config.editions_dir.join(&n)));
            Diagnostic::warning(
                "edition-unlisted",
                &p,
                format!(
                    "{p} is not listed in {}, so it is not built",
                    registry_shown(config)
                ),
            )
            .hint("cut editions with `guidebook edition cut ID`, which records them")
        })
        .collect()
}

fn registry_shown(config: &Config) -> String {
    config.display_path(&config.editions_dir.join(REGISTRY_FILE))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manifest_text_round_trips_including_odd_names() {
        let mut files = BTreeMap::new();
        files.insert("a/b.md".to_string(), hash(b"one"));
        files.insert("odd\\name\nx.md".to_string(), hash(b"two"));
        let m = Manifest { files };
        let text = m.text();
        assert!(
            text.starts_with(&format!("{}  a/b.md\n\\", hash(b"one"))),
            "{text}"
        );
        assert_eq!(Manifest::parse(&text), Some(m));
        assert_eq!(Manifest::parse("nothex  a.md\n"), None);
    }
}
