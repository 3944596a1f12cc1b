//! Walk the content folder: which files are pages and which are assets.
//!
//! Symbolic links are followed only while they stay inside the content folder: a
//! link (to a file or a folder) that leads out of it, or nowhere, is not read but
//! listed in [`Found::refused`], so a link to a private file is never published.
//!
//! Input: the content folder and the folders to leave out. Output: sorted relative
//! paths. Reads directory entries only, never file contents.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::error::{Error, Result};
use crate::util::paths::{holds_markdown, is_markdown};

/// Files found under the content folder, relative to it, `/`-separated and sorted.
#[derive(Debug, Default, Clone)]
pub struct Found {
    pub pages: Vec<String>,
    pub assets: Vec<String>,
    /// Symbolic links not followed: they lead out of the content folder or nowhere.
    pub refused: Vec<Refused>,
}

/// A symbolic link under the content folder that guidebook did not follow.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused {
    /// Its path relative to the content folder.
    pub rel: String,
    /// Where it leads (outside the content folder), or `None` when it leads nowhere.
    pub target: Option<PathBuf>,
}

/// Folders never read as content, wherever they are.
const ALWAYS_SKIP: &[&str] = &["node_modules", "target"];
/// Folders of a site's own layout, skipped when the site folder is its content folder.
const SITE_FOLDERS: &[&str] = &["public", "templates", "static", "themes", "editions"];
/// Of those, the ones that other generators' sites use for pages: in a bare folder
/// without guidebook.toml they are content when they hold Markdown (see
/// [`holds_markdown`](crate::util::paths::holds_markdown)).
pub const SHARED_FOLDERS: &[&str] = &["templates", "static", "themes"];

pub fn walk(content_dir: &Path, bare: bool, skip: &[PathBuf]) -> Result<Found> {
    let mut found = Found::default();
    let mut walker = WalkDir::new(content_dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| keep(e, bare, skip));
    let rel_of = |p: &Path| {
        p.strip_prefix(content_dir)
            .unwrap_or(p)
            .to_string_lossy()
            .replace('\\', "/")
    };
    while let Some(entry) = walker.next() {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e.path().unwrap_or(content_dir).to_path_buf();
                if path.is_symlink() && !path.exists() {
                    found.refused.push(Refused {
                        rel: rel_of(&path),
                        target: None,
                    });
                    continue;
                }
                return Err(Error::read(path, e.into()));
            }
        };
        if entry.path_is_symlink()
            && let Some(real) = leads_outside(content_dir, entry.path())
        {
            found.refused.push(Refused {
                rel: rel_of(entry.path()),
                target: Some(real),
            });
            if entry.file_type().is_dir() {
                walker.skip_current_dir();
            }
            continue;
        }
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = rel_of(entry.path());
        if is_markdown(&rel) {
            found.pages.push(rel);
        } else if !(bare && entry.depth() == 1 && rel == crate::config::CONFIG_FILE) {
            found.assets.push(rel);
        }
    }
    Ok(found)
}

/// Whether the walk enters or lists `e` (hidden files, the site's own folders and
/// output folders are left out).
fn keep(e: &walkdir::DirEntry, bare: bool, skip: &[PathBuf]) -> bool {
    if e.depth() == 0 {
        return true;
    }
    let name = e.file_name().to_string_lossy();
    if is_skipped_name(&name) {
        return false;
    }
    if e.file_type().is_dir() {
        if bare && e.depth() == 1 && is_site_folder(e.path(), &name) {
            return false;
        }
        if skip.iter().any(|s| same_path(s, e.path())) {
            return false;
        }
        if is_output_folder(e.path(), &name) {
            return false;
        }
    }
    true
}

/// A file or folder name that is never content, wherever it is: hidden, or a folder
/// of tools (`node_modules`, `target`). The preview's watcher asks this too.
pub fn is_skipped_name(name: &str) -> bool {
    name.starts_with('.') || ALWAYS_SKIP.contains(&name)
}

/// Whether the folder `dir` (named `name`) at the top of a bare folder is the site's
/// own (output, templates, static files, themes, editions), not content.
pub fn is_site_folder(dir: &Path, name: &str) -> bool {
    SITE_FOLDERS.contains(&name) && !shared_folder_of_pages(dir, name)
}

/// Whether the folder `dir` (named `name`) is one guidebook writes: a build's output
/// or a staging folder left by one.
pub fn is_output_folder(dir: &Path, name: &str) -> bool {
    name.starts_with("public.guidebook-") || is_output(dir)
}

/// A `templates/`, `static/` or `themes/` folder of a bare folder without
/// guidebook.toml that holds Markdown: another generator's pages, not site layout.
fn shared_folder_of_pages(dir: &Path, name: &str) -> bool {
    SHARED_FOLDERS.contains(&name)
        && !dir
            .parent()
            .is_some_and(|p| p.join(crate::config::CONFIG_FILE).is_file())
        && holds_markdown(dir)
}

/// Where `path` (a path under `content_dir`) really is, when that is outside the
/// content folder (through a symbolic link on the way). `None` when it is inside,
/// or does not exist.
pub fn leads_outside(content_dir: &Path, path: &Path) -> Option<PathBuf> {
    let base = content_dir.canonicalize().ok()?;
    let real = path.canonicalize().ok()?;
    (!real.starts_with(&base)).then_some(real)
}

fn same_path(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(x), Ok(y)) => x == y,
        _ => a == b,
    }
}

/// A folder guidebook wrote (a build's output, e.g. `public-public/` of a profile):
/// never content, wherever it is.
pub fn is_output(dir: &Path) -> bool {
    dir.join(crate::output::MARKER).is_file()
}
