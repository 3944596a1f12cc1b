//! Walk the content folder: which files are pages and which are assets.
//!
//! Input: the content folder and the folders to leave out. Output: sorted relative
//! paths. Reads directory entries only, never file contents.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::error::{Error, Result};

/// Files found under the content folder, relative to it, `/`-separated and sorted.
#[derive(Debug, Default, Clone)]
pub struct Found {
    pub pages: Vec<String>,
    pub assets: Vec<String>,
}

/// Folders never read as content, wherever they are.
const ALWAYS_SKIP: &[&str] = &["node_modules", "target"];
/// Folders of a site's own layout, skipped when the site folder is its content folder.
const SITE_FOLDERS: &[&str] = &["public", "templates", "static", "themes", "editions"];
/// Of those, the ones that other generators' sites use for pages: in a bare folder
/// without guidebook.toml they are content when they hold Markdown (see
/// [`holds_markdown`]).
pub const SHARED_FOLDERS: &[&str] = &["templates", "static", "themes"];

/// Whether a folder holds a Markdown file at any depth: in a bare folder such a
/// `templates/`, `static/` or `themes/` is pages, not guidebook's site layout.
pub fn holds_markdown(dir: &Path) -> bool {
    dir.is_dir()
        && WalkDir::new(dir)
            .follow_links(true)
            .into_iter()
            .filter_map(|e| e.ok())
            .any(|e| e.file_type().is_file() && is_markdown(&e.file_name().to_string_lossy()))
}

fn is_markdown(name: &str) -> bool {
    name.ends_with(".md") || name.ends_with(".markdown")
}

pub fn walk(content_dir: &Path, bare: bool, skip: &[PathBuf]) -> Result<Found> {
    let mut found = Found::default();
    let walker = WalkDir::new(content_dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            if e.depth() == 0 {
                return true;
            }
            let name = e.file_name().to_string_lossy();
            if name.starts_with('.') || ALWAYS_SKIP.contains(&name.as_ref()) {
                return false;
            }
            if e.file_type().is_dir() {
                if bare
                    && e.depth() == 1
                    && SITE_FOLDERS.contains(&name.as_ref())
                    && !(SHARED_FOLDERS.contains(&name.as_ref())
                        && !content_dir.join(crate::config::CONFIG_FILE).is_file()
                        && holds_markdown(e.path()))
                {
                    return false;
                }
                if skip.iter().any(|s| same_path(s, e.path())) {
                    return false;
                }
                if name.starts_with("public.guidebook-") {
                    return false;
                }
            }
            true
        });
    for entry in walker {
        let entry = entry.map_err(|e| {
            let path = e.path().unwrap_or(content_dir).to_path_buf();
            Error::read(path, e.into())
        })?;
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry
            .path()
            .strip_prefix(content_dir)
            .unwrap_or(entry.path())
            .to_string_lossy()
            .replace('\\', "/");
        if is_markdown(&rel) {
            found.pages.push(rel);
        } else if !(bare && entry.depth() == 1 && rel == crate::config::CONFIG_FILE) {
            found.assets.push(rel);
        }
    }
    Ok(found)
}

fn same_path(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(x), Ok(y)) => x == y,
        _ => a == b,
    }
}
