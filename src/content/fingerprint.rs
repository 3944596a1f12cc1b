//! The fingerprint of a build: one hash over every input that can change the output
//! (the configuration, content, templates, themes, static files and editions, the
//! options, the review date, and the guidebook binary itself).
//!
//! `build` compares it with the fingerprint stored in the output folder: when they are
//! equal nothing is re-rendered or rewritten. Reads files; writes nothing.

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::config::{CONFIG_FILE, Config};
use crate::error::{Error, Result};
use crate::util::identity::binary_identity;

/// Hash every input of a build of `config` with `options` (a description of the
/// build options: profile, drafts, strict, review date).
pub fn compute(config: &Config, options: &str, skip: &[PathBuf]) -> Result<String> {
    let mut files = Vec::new();
    if config.is_bare() {
        collect(&config.root, skip, &mut files)?;
    } else {
        for dir in ["content", "templates", "themes", "static", "editions"] {
            collect(&config.root.join(dir), skip, &mut files)?;
        }
        let cfg = config.root.join(CONFIG_FILE);
        if cfg.is_file() {
            files.push(cfg);
        }
    }
    files.sort();
    let hashes: Vec<(String, [u8; 32])> = files
        .par_iter()
        .map(|f| {
            let bytes = std::fs::read(f).map_err(|e| Error::read(f, e))?;
            let rel = f
                .strip_prefix(&config.root)
                .unwrap_or(f)
                .to_string_lossy()
                .into_owned();
            Ok((rel, *blake3::hash(&bytes).as_bytes()))
        })
        .collect::<Result<_>>()?;
    let mut h = blake3::Hasher::new();
    h.update(binary_identity().as_bytes());
    h.update(b"\n");
    h.update(options.as_bytes());
    for (rel, digest) in hashes {
        h.update(rel.as_bytes());
        h.update(&[0]);
        h.update(&digest);
    }
    Ok(h.finalize().to_hex().to_string())
}

fn collect(dir: &Path, skip: &[PathBuf], out: &mut Vec<PathBuf>) -> Result<()> {
    if !dir.is_dir() {
        return Ok(());
    }
    let walker = WalkDir::new(dir)
        .follow_links(true)
        .into_iter()
        .filter_entry(|e| {
            let name = e.file_name().to_string_lossy();
            e.depth() == 0
                || !(name.starts_with('.')
                    || name == "node_modules"
                    || name == "target"
                    || skip.iter().any(|s| s == e.path())
                    || (e.file_type().is_dir() && super::walk::is_output(e.path())))
        });
    for entry in walker {
        let entry = entry.map_err(|e| Error::read(dir, e.into()))?;
        if entry.file_type().is_file() {
            out.push(entry.into_path());
        }
    }
    Ok(())
}
