//! Output: the only writer of the site folder.
//!
//! A build writes into a temporary sibling folder ([`Staging`]); only when the whole
//! build succeeded is it swapped into place, so a failed build leaves the previous
//! site untouched. guidebook marks the folders it creates and refuses to replace a
//! folder without that mark; it never deletes anything outside them.

mod adopt;
mod assets;
mod files;

pub use assets::{ThemeAssets, theme_assets};
pub use files::{robots_txt, sitemap_xml};

use std::fs;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// The file that marks a folder as written by guidebook.
pub const MARKER: &str = ".guidebook-output";

const MARKER_TEXT: &str = "This folder was written by guidebook. It is replaced on every build: do not edit it by hand.\n";

/// A temporary output folder, swapped into place by [`Staging::commit`] and removed
/// if dropped without committing.
pub struct Staging {
    target: PathBuf,
    dir: PathBuf,
    committed: bool,
    /// Paths taken over from the previous output at the swap ([`Staging::adopt`]).
    adopted: std::sync::Mutex<Vec<String>>,
}

impl Staging {
    /// Check that `target` may be replaced, then create an empty staging folder beside it.
    pub fn begin(target: &Path) -> Result<Staging> {
        check_replaceable(target)?;
        let parent = target
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        fs::create_dir_all(parent).map_err(|e| Error::write(parent, e))?;
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "public".into());
        let dir = parent.join(format!(".{name}.guidebook-new"));
        if dir.exists() {
            remove_ours(&dir)?;
        }
        fs::create_dir_all(&dir).map_err(|e| Error::write(&dir, e))?;
        fs::write(dir.join(MARKER), MARKER_TEXT).map_err(|e| Error::write(dir.join(MARKER), e))?;
        Ok(Staging {
            target: target.to_path_buf(),
            dir,
            committed: false,
            adopted: Default::default(),
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

    /// Put the staging folder in place of the target, atomically where the platform allows.
    pub fn commit(mut self) -> Result<()> {
        let parent = self.dir.parent().unwrap_or(Path::new(".")).to_path_buf();
        let name = self
            .target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "public".into());
        let old = parent.join(format!(".{name}.guidebook-old"));
        if old.exists() {
            remove_ours(&old)?;
        }
        let had_target = self.target.exists();
        if had_target {
            fs::rename(&self.target, &old).map_err(|e| Error::write(&self.target, e))?;
        }
        let adopted = std::mem::take(self.adopted.get_mut().unwrap_or_else(|e| e.into_inner()));
        let moved = match adopt::take(&old, &self.dir, &adopted) {
            Ok(m) => m,
            Err(e) => {
                if had_target {
                    let _ = fs::rename(&old, &self.target);
                }
                return Err(e);
            }
        };
        if let Err(e) = fs::rename(&self.dir, &self.target) {
            adopt::give_back(&old, &self.dir, &moved);
            if had_target {
                let _ = fs::rename(&old, &self.target);
            }
            return Err(Error::write(&self.target, e));
        }
        self.committed = true;
        if had_target {
            remove_ours(&old)?;
        }
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed && self.dir.join(MARKER).is_file() {
            let _ = fs::remove_dir_all(&self.dir);
        }
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
        let names: Vec<_> = fs::read_dir(t.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("public")]);
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
