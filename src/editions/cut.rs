//! `edition cut`: freeze `content/` (with the static files its pages link to) into
//! `editions/<id>/`, write its checksum manifest and record it in the registry.
//!
//! The one writer of `editions/`. It creates a new edition only: an id already
//! listed, or a folder already there, is refused, and existing editions are never
//! touched. The copy is made in a hidden sibling folder and renamed into place, so a
//! failed cut leaves no half edition; the registry entry is appended last.

use std::fs;
use std::path::{Path, PathBuf};

use super::diff::{compare, read_dir};
use super::manifest::{Manifest, hash};
use super::registry::{self, Edition, Registry};
use super::{edition_config, edition_dir, invalid_id, manifest_path};
use crate::config::Config;
use crate::content::walk::walk;
use crate::content::{self, Date, LoadOptions};
use crate::error::{Diagnostics, Error, Result};

/// What to cut.
#[derive(Debug, Clone)]
pub struct CutOptions {
    pub id: String,
    pub title: Option<String>,
    pub date: Option<Date>,
    pub summary: Option<String>,
    /// The date used when `date` is not given.
    pub today: Date,
}

/// What was cut.
#[derive(Debug, Clone)]
pub struct CutReport {
    pub edition: Edition,
    pub pages: usize,
    /// Other files: images and documents beside the pages, and static files.
    pub files: usize,
    /// Of `files`, those copied from `static/`.
    pub static_files: usize,
    pub dir: PathBuf,
}

/// Cut a new edition. `Ok(Err(..))` when the content has errors (nothing is written).
pub fn cut(config: &Config, opts: &CutOptions) -> Result<Result<CutReport, Diagnostics>> {
    let registry = Registry::load(config)?;
    let date = opts.date.unwrap_or(opts.today);
    refuse(config, &registry, &opts.id, date)?;
    let (_, diags) = content::load(
        config,
        &LoadOptions {
            drafts: true,
            skip: Vec::new(),
        },
    )?;
    if diags.has_errors() {
        return Ok(Err(diags));
    }
    let files = files_to_freeze(config)?;
    let dir = edition_dir(config, &opts.id);
    let manifest = copy_into(&files, &dir)?;
    let manifest_text = manifest.text();
    let manifest_file = manifest_path(config, &opts.id);
    fs::write(&manifest_file, &manifest_text).map_err(|e| Error::write(&manifest_file, e))?;
    protect_line_endings(config)?;
    let summary = match &opts.summary {
        Some(s) => s.clone(),
        None => summary(config, &registry, &opts.id)?,
    };
    let edition = Edition {
        id: opts.id.clone(),
        title: opts
            .title
            .clone()
            .filter(|t| !t.trim().is_empty())
            .unwrap_or_else(|| super::default_title(&opts.id)),
        date,
        summary,
        checksum: hash(manifest_text.as_bytes()),
    };
    append(&registry.path, &edition)?;
    let pages = files.iter().filter(|f| f.page).count();
    Ok(Ok(CutReport {
        pages,
        files: files.len() - pages,
        static_files: files.iter().filter(|f| f.from_static).count(),
        edition,
        dir,
    }))
}

/// Refuse ids that are invalid or taken, and dates before the latest edition.
fn refuse(config: &Config, registry: &Registry, id: &str, date: Date) -> Result<()> {
    if let Some(why) = invalid_id(id) {
        return Err(Error::Usage(format!("invalid edition id `{id}`: {why}")));
    }
    let shown_reg = config.display_path(&registry.path);
    if registry.get(id).is_some() {
        return Err(Error::Usage(format!(
            "edition {id} already exists (listed in {shown_reg}); an edition is never replaced: \
             cut a new one with another id"
        )));
    }
    let dir = edition_dir(config, id);
    if dir.exists() || manifest_path(config, id).exists() {
        return Err(Error::Usage(format!(
            "{}/ already exists; an edition is never replaced: cut a new one with another id",
            config.display_path(&dir)
        )));
    }
    if let Some(last) = registry.latest().filter(|l| l.date > date) {
        return Err(Error::Usage(format!(
            "edition {id} would be dated {}, before the latest edition, {} ({}); \
             give a --date on or after {}",
            date.human(),
            last.id,
            last.date.human(),
            last.date
        )));
    }
    Ok(())
}

/// One file of the new edition.
struct Freeze {
    from: PathBuf,
    /// Path inside the edition folder.
    rel: String,
    page: bool,
    from_static: bool,
}

/// Every page and asset of `content/`, and each file of `static/` a page links to
/// (by its URL, e.g. `/files/policy.pdf`), placed at its URL path in the edition.
fn files_to_freeze(config: &Config) -> Result<Vec<Freeze>> {
    let found = walk(&config.content_dir, config.is_bare(), &[])?;
    let mut texts = Vec::with_capacity(found.pages.len());
    let mut out = Vec::new();
    for rel in &found.pages {
        let from = config.content_dir.join(rel);
        texts.push(fs::read_to_string(&from).unwrap_or_default());
        out.push(Freeze {
            from,
            rel: rel.clone(),
            page: true,
            from_static: false,
        });
    }
    for rel in found.assets {
        out.push(Freeze {
            from: config.content_dir.join(&rel),
            rel,
            page: false,
            from_static: false,
        });
    }
    if config.static_dir.is_dir() && !config.is_bare() {
        let statics = walk(&config.static_dir, false, &[])?;
        for rel in statics.pages.into_iter().chain(statics.assets) {
            let urls = [format!("{}{rel}", config.url_prefix), format!("/{rel}")];
            let used = texts.iter().any(|t| urls.iter().any(|u| t.contains(u)));
            if used && !out.iter().any(|f| f.rel == rel) {
                out.push(Freeze {
                    from: config.static_dir.join(&rel),
                    rel,
                    page: false,
                    from_static: true,
                });
            }
        }
    }
    Ok(out)
}

/// Copy `files` into a hidden folder beside `dir`, then rename it to `dir`. Returns
/// the manifest of the bytes copied.
fn copy_into(files: &[Freeze], dir: &Path) -> Result<Manifest> {
    let parent = dir.parent().unwrap_or(Path::new("."));
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = parent.join(format!(".{name}.cutting"));
    if tmp.exists() {
        fs::remove_dir_all(&tmp).map_err(|e| Error::write(&tmp, e))?;
    }
    let mut manifest = Manifest::default();
    let result = (|| {
        for f in files {
            let bytes = fs::read(&f.from).map_err(|e| Error::read(&f.from, e))?;
            let to = tmp.join(&f.rel);
            if let Some(p) = to.parent() {
                fs::create_dir_all(p).map_err(|e| Error::write(p, e))?;
            }
            fs::write(&to, &bytes).map_err(|e| Error::write(&to, e))?;
            manifest.files.insert(f.rel.clone(), hash(&bytes));
        }
        fs::create_dir_all(&tmp).map_err(|e| Error::write(&tmp, e))?;
        fs::rename(&tmp, dir).map_err(|e| Error::write(dir, e))
    })();
    if result.is_err() {
        let _ = fs::remove_dir_all(&tmp);
    }
    result.map(|()| manifest)
}

/// Keep git from converting line endings in editions, which would break checksums.
fn protect_line_endings(config: &Config) -> Result<()> {
    let path = config.editions_dir.join(".gitattributes");
    if path.exists() {
        return Ok(());
    }
    let text = "# Editions are frozen byte for byte (see the .b3 manifests): never convert line endings.\n* -text\n";
    fs::write(&path, text).map_err(|e| Error::write(&path, e))
}

/// "N pages added, …" against the latest edition, or "First edition: N pages."
fn summary(config: &Config, registry: &Registry, id: &str) -> Result<String> {
    let new = read_dir(&edition_config(config, id))?;
    let Some(prev) = registry.latest() else {
        return Ok(super::summary(
            None,
            &compare(&[], &new, Default::default(), None),
        ));
    };
    let old = read_dir(&edition_config(config, &prev.id))?;
    let c = compare(&old, &new, Default::default(), None);
    Ok(super::summary(Some(&prev.id), &c))
}

/// Append `e` to the registry, creating it with a header when it does not exist.
fn append(path: &Path, e: &Edition) -> Result<()> {
    use std::io::Write as _;
    let mut text = String::new();
    if !path.is_file() {
        text.push_str(registry::HEADER);
    }
    text.push_str(&registry::entry_toml(e));
    let mut f = fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .map_err(|e| Error::write(path, e))?;
    f.write_all(text.as_bytes())
        .map_err(|err| Error::write(path, err))
}
