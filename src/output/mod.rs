//! Output: the only writer of the site folder.
//!
//! A build writes into a temporary sibling folder ([`Staging`]), named after the
//! process so no two writers ever share one; only when the whole build succeeded is
//! it exchanged with the previous output in one step (`swap.rs`), so a failed build
//! leaves the previous site untouched and readers never see a missing site. The
//! writer holds the output's lock (`lock.rs`) from start to finish. guidebook marks
//! the folders it creates and refuses to replace a folder without that mark; it never
//! deletes anything outside them.

mod adopt;
mod assets;
mod files;
pub mod headers;
pub mod live;
pub mod lock;
mod swap;

pub use assets::{ThemeAssets, theme_assets};
pub use files::{origin, robots_txt, sitemap_warning, sitemap_xml};
pub use lock::OutputLock;
pub use swap::Swapped;

use std::fs;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// The file that marks a folder as written by guidebook.
pub const MARKER: &str = ".guidebook-output";

const MARKER_TEXT: &str = "This folder was written by guidebook. It is replaced on every build: do not edit it by hand.\n";

/// A temporary output folder, swapped into place by [`Staging::commit`] and removed
/// if dropped without committing. Holds the output's lock while it lives.
pub struct Staging {
    target: PathBuf,
    dir: PathBuf,
    committed: bool,
    /// Paths taken over from the previous output at the swap ([`Staging::adopt`]).
    adopted: std::sync::Mutex<Vec<String>>,
    /// Dropped after the staging folder is cleaned up (fields drop after `drop`).
    _lock: OutputLock,
}

impl Staging {
    /// Lock `target`, check that it may be replaced, then create an empty staging
    /// folder beside it (after removing what earlier writers left behind).
    pub fn begin(target: &Path) -> Result<Staging> {
        let lock = OutputLock::acquire(target)?;
        check_replaceable(target)?;
        let parent = parent_of(target);
        fs::create_dir_all(&parent).map_err(|e| Error::write(&parent, e))?;
        swap::sweep(target);
        let dir = unique_sibling(target, "new");
        fs::create_dir(&dir).map_err(|e| Error::write(&dir, e))?;
        fs::write(dir.join(MARKER), MARKER_TEXT).map_err(|e| Error::write(dir.join(MARKER), e))?;
        Ok(Staging {
            target: target.to_path_buf(),
            dir,
            committed: false,
            adopted: Default::default(),
            _lock: lock,
        })
    }

    /// The staging folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Write `bytes` at `rel` (a `/`-separated path) inside the staging folder.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> Result<()> {
        let path = safe_join(&self.dir, rel)?;
        in_folder(&path, |p| fs::write(p, bytes))?.map_err(|e| Error::write(&path, e))
    }

    /// Create the file `rel` inside the staging folder, to be written a piece at a
    /// time (and read back); returns its path and the file.
    pub fn create(&self, rel: &str) -> Result<(PathBuf, fs::File)> {
        let path = safe_join(&self.dir, rel)?;
        let open = |p: &Path| {
            fs::OpenOptions::new()
                .read(true)
                .write(true)
                .create(true)
                .truncate(true)
                .open(p)
        };
        let file = in_folder(&path, open)?.map_err(|e| Error::write(&path, e))?;
        Ok((path, file))
    }

    /// Copy the file at `from` to `rel` inside the staging folder.
    pub fn copy(&self, from: &Path, rel: &str) -> Result<()> {
        let path = safe_join(&self.dir, rel)?;
        in_folder(&path, |p| fs::copy(from, p))?.map_err(|e| Error::read(from, e))?;
        Ok(())
    }

    /// Put the file `from` of the previous output (which the swap will delete) at
    /// `rel`: a hard link where the file system allows, else a copy. Nothing writes
    /// to either path before the swap, so sharing the file is safe.
    pub fn reuse(&self, from: &Path, rel: &str) -> Result<()> {
        let path = safe_join(&self.dir, rel)?;
        if in_folder(&path, |p| fs::hard_link(from, p))?.is_ok() {
            return Ok(());
        }
        fs::copy(from, &path).map_err(|e| Error::read(from, e))?;
        Ok(())
    }

    /// Put the staging folder in place of the target: one atomic exchange where the
    /// platform offers it. `Err` means the previous output is in place as it was;
    /// once the new site is in place, a failure to remove the previous one is only a
    /// warning in [`Swapped`] (the site *was* updated).
    pub fn commit(self) -> Result<Swapped> {
        self.commit_with(remove_ours)
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed && self.dir.join(MARKER).is_file() {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

/// The folder `target` goes in (`.` for a bare name).
fn parent_of(target: &Path) -> PathBuf {
    target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .to_path_buf()
}

/// The output folder's name (`public` when it has none, e.g. `.`).
fn name_of(target: &Path) -> String {
    target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into())
}

/// `.NAME.guidebook-KIND` beside `target`.
fn sibling(target: &Path, kind: &str) -> PathBuf {
    parent_of(target).join(format!(".{}.guidebook-{kind}", name_of(target)))
}

/// `.NAME.guidebook-KIND-PID-N` beside `target`: a name no other process uses.
fn unique_sibling(target: &Path, kind: &str) -> PathBuf {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    let base = sibling(target, kind);
    let mut n = 0u32;
    loop {
        let mut name = base.as_os_str().to_owned();
        name.push(format!("-{}-{nanos:x}-{n}", std::process::id()));
        let p = PathBuf::from(name);
        if fs::symlink_metadata(&p).is_err() {
            return p;
        }
        n += 1;
    }
}

/// Run `op` on `path`; when it fails because the folder `path` goes in is missing,
/// make the folder and run it again. Most folders exist already, so this saves a
/// `mkdir` call per file. `Err` is a folder that could not be made; the inner result
/// is `op`'s.
fn in_folder<T>(
    path: &Path,
    op: impl Fn(&Path) -> std::io::Result<T>,
) -> Result<std::io::Result<T>> {
    match op(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        done => return Ok(done),
    }
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(|e| Error::write(parent, e))?;
    }
    Ok(op(path))
}

/// `target` may be replaced when it does not exist, is an empty folder, or carries
/// guidebook's marker.
fn check_replaceable(target: &Path) -> Result<()> {
    if !target.exists() {
        return Ok(());
    }
    if !target.is_dir() {
        return Err(Error::ForeignOutput {
            path: target.to_path_buf(),
            marker: MARKER,
        });
    }
    if target.join(MARKER).is_file() {
        return Ok(());
    }
    let empty = fs::read_dir(target)
        .map_err(|e| Error::read(target, e))?
        .next()
        .is_none();
    if empty {
        Ok(())
    } else {
        Err(Error::ForeignOutput {
            path: target.to_path_buf(),
            marker: MARKER,
        })
    }
}

/// Remove a folder only if guidebook wrote it.
fn remove_ours(dir: &Path) -> Result<()> {
    if dir.join(MARKER).is_file()
        || fs::read_dir(dir)
            .map(|mut d| d.next().is_none())
            .unwrap_or(false)
    {
        fs::remove_dir_all(dir).map_err(|e| Error::write(dir, e))
    } else {
        Err(Error::ForeignOutput {
            path: dir.to_path_buf(),
            marker: MARKER,
        })
    }
}

/// Join a relative output path, refusing anything that would leave the folder.
fn safe_join(dir: &Path, rel: &str) -> Result<PathBuf> {
    let mut p = dir.to_path_buf();
    for part in rel.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                return Err(Error::Other(format!(
                    "refusing to write {rel}: it would leave the output folder"
                )));
            }
            other => p.push(other),
        }
    }
    Ok(p)
}

/// The output file for a page at URL path `path` (`guidance/travel/`).
pub fn page_file(path: &str) -> String {
    format!("{path}index.html")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_foreign_folder_and_keeps_it() {
        let t = tempfile::tempdir().unwrap();
        let out = t.path().join("public");
        fs::create_dir(&out).unwrap();
        fs::write(out.join("mine.txt"), "keep").unwrap();
        let err = Staging::begin(&out).err().unwrap();
        assert!(err.to_string().starts_with("refusing to replace"), "{err}");
        assert_eq!(fs::read_to_string(out.join("mine.txt")).unwrap(), "keep");
    }

    #[test]
    fn commit_swaps_and_drop_discards() {
        let t = tempfile::tempdir().unwrap();
        let out = t.path().join("public");
        let s = Staging::begin(&out).unwrap();
        s.write("a/index.html", b"one").unwrap();
        s.commit().unwrap();
        assert_eq!(fs::read_to_string(out.join("a/index.html")).unwrap(), "one");
        let s = Staging::begin(&out).unwrap();
        s.write("a/index.html", b"two").unwrap();
        drop(s);
        assert_eq!(fs::read_to_string(out.join("a/index.html")).unwrap(), "one");
        let mut names: Vec<_> = fs::read_dir(t.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        names.sort();
        // the lock file stays beside the output; no staging folder is left
        assert_eq!(names, [".public.guidebook-lock", "public"]);
    }

    #[test]
    fn never_writes_outside() {
        let t = tempfile::tempdir().unwrap();
        let s = Staging::begin(&t.path().join("public")).unwrap();
        assert!(s.write("../escape.txt", b"x").is_err());
    }
}

/// The file in the output folder that remembers what the last build was made from.
pub const BUILD_RECORD: &str = ".guidebook-build.json";

/// What the last successful build was made from, and what it reported.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize, PartialEq, Eq)]
pub struct BuildRecord {
    pub fingerprint: String,
    pub pages: usize,
    pub sections: usize,
    pub warnings: usize,
    /// The diagnostics it printed, to print again when nothing changed.
    pub report: String,
}

/// The record of the build that wrote `out`, if guidebook wrote it.
pub fn read_record(out: &Path) -> Option<BuildRecord> {
    if !out.join(MARKER).is_file() {
        return None;
    }
    let text = fs::read_to_string(out.join(BUILD_RECORD)).ok()?;
    serde_json::from_str(&text).ok()
}

impl Staging {
    /// Remember what this build was made from (written last, before the swap).
    pub fn record(&self, record: &BuildRecord) -> Result<()> {
        let text = serde_json::to_string_pretty(record).map_err(|e| Error::Other(e.to_string()))?;
        self.write(BUILD_RECORD, text.as_bytes())
    }
}
