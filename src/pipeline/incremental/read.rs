//! Reading content files for the preview: all of them at start, then only those a
//! change names. A file that no longer parses keeps its last good page in the site
//! (and its diagnostics are reported); a file that is gone leaves the site.
//!
//! Input: the [`Config`] and content paths. Output: the site's pages and assets in
//! the order `content::walk` gives, and each file's diagnostics. Reads files only.

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet, HashMap};

use rayon::prelude::*;

use crate::config::Config;
use crate::content::urls::is_index_file;
use crate::content::walk::leads_outside;
use crate::content::walk::walk;
use crate::content::{Asset, LoadOptions, Page, Site, read_files, read_page};
use crate::error::{Diagnostic, Error, Result};
use crate::util::paths::is_markdown;

/// Each content file's diagnostics, by content path.
pub type FileDiagnostics = BTreeMap<String, Vec<Diagnostic>>;

/// Content paths to read again.
#[derive(Debug, Default)]
pub struct Edits {
    pub pages: BTreeSet<String>,
    pub assets: BTreeSet<String>,
}

impl Edits {
    pub fn is_empty(&self) -> bool {
        self.pages.is_empty() && self.assets.is_empty()
    }
}

/// The order `content::walk` visits files in: folder by folder, names sorted.
pub fn walk_order(a: &str, b: &str) -> Ordering {
    a.split('/').cmp(b.split('/'))
}

/// Read every page of the site (with the build's own reader), recording each file's
/// diagnostics.
pub fn read_all(
    config: &Config,
    drafts: bool,
    skip: &[std::path::PathBuf],
    diags: &mut FileDiagnostics,
) -> Result<(Vec<Page>, Vec<Asset>)> {
    let opts = LoadOptions {
        drafts,
        skip: skip.to_vec(),
    };
    let files = read_files(config, &opts)?;
    *diags = files.diagnostics.into_iter().collect();
    Ok((files.pages, files.assets))
}

/// Turn changed content paths (files or folders, present or gone) into the files
/// to read again or drop.
pub fn expand(config: &Config, site: &Site, changed: &BTreeSet<String>) -> Result<Edits> {
    let mut e = Edits::default();
    for rel in changed {
        let path = config.content_dir.join(rel);
        let prefix = if rel.is_empty() {
            String::new()
        } else {
            format!("{rel}/")
        };
        let known = site
            .pages
            .iter()
            .filter(|p| p.file.is_some())
            .map(|p| &p.rel)
            .chain(site.assets.iter().map(|a| &a.rel))
            .filter(|r| *r == rel || r.starts_with(&prefix));
        for r in known {
            add(&mut e, r);
        }
        if path.is_dir() {
            let found = walk(&path, rel.is_empty() && config.is_bare(), &[]).map_err(|_| {
                Error::read(&path, std::io::Error::other("cannot list this folder"))
            })?;
            for r in found.pages.iter().chain(&found.assets) {
                add(&mut e, &format!("{prefix}{r}"));
            }
        } else if !rel.is_empty() {
            add(&mut e, rel);
        }
    }
    Ok(e)
}

fn add(e: &mut Edits, rel: &str) {
    if is_markdown(rel) {
        e.pages.insert(rel.to_string());
    } else {
        e.assets.insert(rel.to_string());
    }
}

/// One content file read again.
pub struct Reread {
    pub rel: String,
    /// The file is there (it may still fail to parse).
    pub exists: bool,
    /// The page, unless the file is gone, does not parse, or is a draft left out.
    pub page: Option<Page>,
}

/// Read the pages named in `edits` again, recording each file's diagnostics.
pub fn read_pages(
    config: &Config,
    drafts: bool,
    edits: &Edits,
    diags: &mut FileDiagnostics,
) -> Vec<Reread> {
    let read: Vec<(Reread, Vec<Diagnostic>)> = edits
        .pages
        .par_iter()
        .map(|rel| {
            let exists = config.content_dir.join(rel).is_file();
            let (page, d) = if exists {
                read_page(config, rel)
            } else {
                (None, Vec::new())
            };
            let page = page.filter(|p| p.is_built(drafts));
            (
                Reread {
                    rel: rel.clone(),
                    exists,
                    page,
                },
                d,
            )
        })
        .collect();
    read.into_iter()
        .map(|(r, d)| {
            diags.remove(&r.rel);
            if !d.is_empty() {
                diags.insert(r.rel.clone(), d);
            }
            r
        })
        .collect()
}

/// Whether a file that is there but gave no page keeps its last good page: it
/// failed to parse (it has diagnostics), rather than became a draft.
pub fn keeps_last_good(r: &Reread, diags: &FileDiagnostics) -> bool {
    r.page.is_none() && r.exists && diags.contains_key(&r.rel)
}

/// Put pages read again into a site's list of pages and assets.
pub fn merge(
    config: &Config,
    mut pages: Vec<Page>,
    mut assets: Vec<Asset>,
    read: Vec<Reread>,
    edits: &Edits,
    diags: &FileDiagnostics,
) -> (Vec<Page>, Vec<Asset>) {
    pages.retain(|p| p.file.is_some());
    let at: HashMap<String, usize> = pages
        .iter()
        .enumerate()
        .map(|(i, p)| (p.rel.clone(), i))
        .collect();
    let mut gone: BTreeSet<String> = BTreeSet::new();
    let mut added = false;
    for r in read {
        let keep = keeps_last_good(&r, diags);
        match (r.page, at.get(&r.rel)) {
            (Some(p), Some(&i)) => pages[i] = p,
            (Some(p), None) => {
                pages.push(p);
                added = true;
            }
            (None, Some(_)) if keep => {}
            (None, _) => {
                gone.insert(r.rel);
            }
        }
    }
    pages.retain(|p| !gone.contains(&p.rel));
    if added {
        pages.sort_by(|a, b| walk_order(&a.rel, &b.rel));
    }
    for p in &mut pages {
        let name = p.rel.rsplit('/').next().unwrap_or(&p.rel);
        p.is_index = is_index_file(name);
    }
    for rel in &edits.assets {
        assets.retain(|a| &a.rel != rel);
        let file = config.content_dir.join(rel);
        if file.is_file() && leads_outside(&config.content_dir, &file).is_none() {
            assets.push(Asset {
                file,
                rel: rel.clone(),
            });
        }
    }
    assets.sort_by(|a, b| walk_order(&a.rel, &b.rel));
    (pages, assets)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walk_order_visits_folders_in_place() {
        let mut v = vec!["c.md", "b/x.md", "a.md", "a/y.md", "b.md"];
        v.sort_by(|a, b| walk_order(a, b));
        assert_eq!(v, ["a/y.md", "a.md", "b/x.md", "b.md", "c.md"]);
    }
}
