//! The live writer: the preview's private output folder, a copy of the built site that
//! the preview server serves, updated file by file. It is `output`'s second writer
//! beside [`super::Staging`] (which writes whole builds and swaps them in); the
//! preview writes nothing except through these two. Each file is written to a
//! temporary name and renamed into place, so a request sees the old or the new file,
//! never half of one; a file whose bytes did not change is not touched. Every file is recorded with the
//! step that produced it, so a step's stale files can be removed.
//!
//! The folder is locked ([`OutputLock`]) for as long as the preview lives, like every
//! output folder guidebook writes, so no other writer can step on it.
//!
//! Input: bytes, or a scratch folder a pipeline step wrote through a
//! [`crate::output::Staging`]. Output: files under the preview folder only (never the
//! site's content or `public/`).

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use super::OutputLock;
use crate::error::{Error, Result};

/// Which step of the build wrote a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Producer {
    /// A page rendered by the incremental engine.
    Page,
    /// Theme assets, 404, alias pages, copied files, robots.txt, sitemap.xml.
    SiteFiles,
    /// `_search/` and the search page.
    Search,
    /// `editions/<id>/`: the archived editions.
    Editions,
}

pub struct PreviewDir {
    root: PathBuf,
    files: HashMap<String, (Producer, blake3::Hash)>,
    /// A counter for unique temporary names.
    seq: u64,
    _lock: OutputLock,
}

impl PreviewDir {
    /// Lock the folder at `root`, then create (or empty) it. Its parent (the preview's
    /// working folder) is created when missing.
    pub fn create(root: &Path) -> Result<PreviewDir> {
        let lock = OutputLock::acquire(root)?;
        if root.exists() {
            fs::remove_dir_all(root).map_err(|e| Error::write(root, e))?;
        }
        fs::create_dir_all(root).map_err(|e| Error::write(root, e))?;
        Ok(PreviewDir {
            root: root.to_path_buf(),
            files: HashMap::new(),
            seq: 0,
            _lock: lock,
        })
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Whether a file is there (written by any step).
    pub fn has(&self, rel: &str) -> bool {
        self.files.contains_key(rel)
    }

    /// What the file at `rel` holds now, if guidebook wrote it.
    pub fn read(&self, rel: &str) -> Option<Vec<u8>> {
        if !self.has(rel) {
            return None;
        }
        fs::read(self.path_of(rel).ok()?).ok()
    }

    /// The files one step produced.
    pub fn produced_by(&self, p: Producer) -> Vec<String> {
        let mut v: Vec<String> = self
            .files
            .iter()
            .filter(|(_, (q, _))| *q == p)
            .map(|(r, _)| r.clone())
            .collect();
        v.sort();
        v
    }

    /// Write `bytes` at `rel` unless the file already holds them. Returns whether the
    /// file changed.
    pub fn put(&mut self, rel: &str, bytes: &[u8], producer: Producer) -> Result<bool> {
        let hash = blake3::hash(bytes);
        if self.files.get(rel).is_some_and(|(_, h)| *h == hash) {
            self.files.insert(rel.to_string(), (producer, hash));
            return Ok(false);
        }
        let path = self.path_of(rel)?;
        let tmp = self.temp_name(&path);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|e| Error::write(parent, e))?;
        }
        fs::write(&tmp, bytes).map_err(|e| Error::write(&tmp, e))?;
        fs::rename(&tmp, &path).map_err(|e| Error::write(&path, e))?;
        self.files.insert(rel.to_string(), (producer, hash));
        Ok(true)
    }

    /// Remove the file at `rel` (and folders left empty by it).
    pub fn remove(&mut self, rel: &str) -> Result<()> {
        if self.files.remove(rel).is_none() {
            return Ok(());
        }
        let path = self.path_of(rel)?;
        match fs::remove_file(&path) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(Error::write(&path, e)),
        }
        let mut dir = path.parent();
        while let Some(d) = dir.filter(|d| *d != self.root) {
            if fs::remove_dir(d).is_err() {
                break;
            }
            dir = d.parent();
        }
        Ok(())
    }

    /// Take over what a step wrote into `scratch`: files whose bytes changed are moved
    /// in; files this step produced before but not now are removed, when `owns` says
    /// the step was responsible for them. Returns the paths that changed.
    pub fn sync(
        &mut self,
        scratch: &Path,
        producer: Producer,
        owns: impl Fn(&str) -> bool,
    ) -> Result<Vec<String>> {
        let mut changed = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for entry in WalkDir::new(scratch).sort_by_file_name() {
            let entry = entry.map_err(|e| Error::read(scratch, e.into()))?;
            if !entry.file_type().is_file() {
                continue;
            }
            let rel = entry
                .path()
                .strip_prefix(scratch)
                .unwrap_or(entry.path())
                .to_string_lossy()
                .replace('\\', "/");
            if rel == crate::output::MARKER || !owns(&rel) {
                continue;
            }
            seen.insert(rel.clone());
            if self.take(entry.path(), &rel, producer)? {
                changed.push(rel);
            }
        }
        for rel in self.produced_by(producer) {
            if owns(&rel) && !seen.contains(&rel) {
                self.remove(&rel)?;
                changed.push(rel);
            }
        }
        Ok(changed)
    }

    /// Move the file `from` to `rel` unless the file there holds the same bytes.
    fn take(&mut self, from: &Path, rel: &str, producer: Producer) -> Result<bool> {
        let bytes = fs::read(from).map_err(|e| Error::read(from, e))?;
        let hash = blake3::hash(&bytes);
        if self.files.get(rel).is_some_and(|(_, h)| *h == hash) {
            self.files.insert(rel.to_string(), (producer, hash));
            return Ok(false);
        }
        let path = self.path_of(rel)?;
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|e| Error::write(parent, e))?;
        }
        if fs::rename(from, &path).is_err() {
            let tmp = self.temp_name(&path);
            fs::write(&tmp, &bytes).map_err(|e| Error::write(&tmp, e))?;
            fs::rename(&tmp, &path).map_err(|e| Error::write(&path, e))?;
        }
        self.files.insert(rel.to_string(), (producer, hash));
        Ok(true)
    }

    /// Put the folder `from` in place of the folder `rel` (wholly this step's), so
    /// readers never see a mix of old and new files. Returns the files now in it.
    pub fn swap_dir(&mut self, rel: &str, from: &Path, producer: Producer) -> Result<usize> {
        let target = self.path_of(rel)?;
        self.seq += 1;
        let old = self
            .root
            .join(format!(".{}.old.{}", rel.replace('/', "_"), self.seq));
        if target.exists() {
            fs::rename(&target, &old).map_err(|e| Error::write(&target, e))?;
        }
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent).map_err(|e| Error::write(parent, e))?;
        }
        fs::rename(from, &target).map_err(|e| Error::write(&target, e))?;
        if old.exists() {
            fs::remove_dir_all(&old).map_err(|e| Error::write(&old, e))?;
        }
        let prefix = format!("{rel}/");
        self.files.retain(|r, _| !r.starts_with(&prefix));
        let mut n = 0;
        for entry in WalkDir::new(&target).into_iter().filter_map(|e| e.ok()) {
            if entry.file_type().is_file() {
                let sub = entry.path().strip_prefix(&target).unwrap_or(entry.path());
                let key = format!("{prefix}{}", sub.to_string_lossy().replace('\\', "/"));
                self.files.insert(key, (producer, blake3::hash(b"")));
                n += 1;
            }
        }
        Ok(n)
    }

    fn path_of(&self, rel: &str) -> Result<PathBuf> {
        let mut p = self.root.clone();
        for part in rel.split('/') {
            match part {
                "" | "." => {}
                ".." => {
                    return Err(Error::Other(format!(
                        "refusing to write {rel}: it would leave the preview folder"
                    )));
                }
                other => p.push(other),
            }
        }
        Ok(p)
    }

    fn temp_name(&mut self, path: &Path) -> PathBuf {
        self.seq += 1;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        path.with_file_name(format!(".{name}.{}.tmp", self.seq))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_only_changes_and_removes_stale_files() {
        let t = tempfile::tempdir().unwrap();
        let mut d = PreviewDir::create(&t.path().join("site")).unwrap();
        assert!(d.put("a/index.html", b"one", Producer::Page).unwrap());
        assert!(!d.put("a/index.html", b"one", Producer::Page).unwrap());
        assert!(d.put("a/index.html", b"two", Producer::Page).unwrap());
        let scratch = t.path().join("scratch");
        fs::create_dir_all(scratch.join("x")).unwrap();
        fs::write(scratch.join("x/f.txt"), "f").unwrap();
        fs::write(scratch.join("robots.txt"), "r").unwrap();
        let changed = d.sync(&scratch, Producer::SiteFiles, |_| true).unwrap();
        assert_eq!(changed, ["robots.txt", "x/f.txt"]);
        fs::create_dir_all(&scratch).unwrap();
        fs::write(scratch.join("robots.txt"), "r").unwrap();
        let changed = d.sync(&scratch, Producer::SiteFiles, |_| true).unwrap();
        assert_eq!(changed, ["x/f.txt"]);
        assert!(!t.path().join("site/x").exists());
        assert_eq!(
            fs::read_to_string(t.path().join("site/a/index.html")).unwrap(),
            "two"
        );
        d.remove("a/index.html").unwrap();
        assert!(!t.path().join("site/a").exists());
    }

    #[test]
    fn the_folder_is_locked_while_the_preview_lives() {
        let t = tempfile::tempdir().unwrap();
        let root = t.path().join("site");
        let d = PreviewDir::create(&root).unwrap();
        let busy = OutputLock::acquire_within(&root, std::time::Duration::ZERO);
        assert!(
            matches!(busy, Err(Error::Busy { pid: Some(p), .. }) if p == std::process::id()),
            "{busy:?}"
        );
        drop(d);
        assert!(OutputLock::acquire_within(&root, std::time::Duration::ZERO).is_ok());
    }
}
