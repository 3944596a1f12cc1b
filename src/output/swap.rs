//! The swap: the staging folder takes the place of the previous output.
//!
//! On Linux the two folders are exchanged with one `renameat2(RENAME_EXCHANGE)`, so
//! the output path always holds a whole site, old or new. Elsewhere (or on a file
//! system without the exchange) the previous output is renamed aside and the new one
//! renamed in, undoing the first rename if the second fails. Either way a failure
//! before the new site is in place leaves the previous one as it was; after it, the
//! only step left is removing the previous site, and a failure there is reported as a
//! warning, because the site *was* updated. What such a failure leaves behind has a
//! name of its own and is removed by the next writer ([`sweep`]), so it never blocks
//! a later build.

use std::fs;
use std::io;
use std::path::Path;

use super::{MARKER, Staging, adopt, name_of, parent_of, unique_sibling};
use crate::error::{Error, Result};

/// A swap that put the new site in place.
#[derive(Debug, Default)]
pub struct Swapped {
    /// Set when the previous site could not be removed afterwards.
    pub warning: Option<String>,
}

impl Staging {
    /// [`Staging::commit`], removing the previous output with `remove`.
    pub(super) fn commit_with(
        mut self,
        remove: impl FnOnce(&Path) -> Result<()>,
    ) -> Result<Swapped> {
        let adopted = std::mem::take(self.adopted.get_mut().unwrap_or_else(|e| e.into_inner()));
        if fs::symlink_metadata(&self.target).is_err() {
            adopt::take(&self.target, &self.dir, &adopted)?;
            fs::rename(&self.dir, &self.target).map_err(|e| Error::write(&self.target, e))?;
            self.committed = true;
            return Ok(Swapped::default());
        }
        let moved = adopt::take(&self.target, &self.dir, &adopted)?;
        let old = match exchange(&self.dir, &self.target) {
            Ok(true) => self.dir.clone(),
            Ok(false) => match self.rename_in_two_steps() {
                Ok(old) => old,
                Err(e) => {
                    adopt::give_back(&self.target, &self.dir, &moved);
                    return Err(e);
                }
            },
            Err(e) => {
                adopt::give_back(&self.target, &self.dir, &moved);
                return Err(Error::write(&self.target, e));
            }
        };
        self.committed = true;
        let warning = remove(&old).err().map(|e| {
            format!(
                "the new site is in place at {}, but the previous one could not be removed from {} ({}); the next build removes it",
                self.target.display(),
                old.display(),
                crate::error::chain(&e)
            )
        });
        Ok(Swapped { warning })
    }

    /// Rename the previous output aside, then the staging folder into its place.
    /// Returns where the previous output went; on failure it is back in place.
    fn rename_in_two_steps(&self) -> Result<std::path::PathBuf> {
        let old = unique_sibling(&self.target, "old");
        fs::rename(&self.target, &old).map_err(|e| Error::write(&self.target, e))?;
        if let Err(e) = fs::rename(&self.dir, &self.target) {
            let _ = fs::rename(&old, &self.target);
            return Err(Error::write(&self.target, e));
        }
        Ok(old)
    }
}

/// Exchange the folders at `a` and `b` in one step. `Ok(false)`: this platform or
/// file system cannot; nothing was done.
#[cfg(any(target_os = "linux", target_os = "android"))]
fn exchange(a: &Path, b: &Path) -> io::Result<bool> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    use rustix::io::Errno;
    match renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE) {
        Ok(()) => Ok(true),
        Err(e) if e == Errno::INVAL || e == Errno::NOSYS || e == Errno::OPNOTSUPP => Ok(false),
        Err(e) => Err(e.into()),
    }
}

#[cfg(not(any(target_os = "linux", target_os = "android")))]
fn exchange(_a: &Path, _b: &Path) -> io::Result<bool> {
    Ok(false)
}

/// Remove what earlier writers of `target` left beside it: staging folders of
/// builds that were killed, previous sites that could not be removed. Only folders
/// guidebook marked (or empty ones) are removed; a failure is left for next time.
/// Called with the output's lock held, so none of them is in use.
pub(super) fn sweep(target: &Path) {
    let name = name_of(target);
    let prefixes = [
        format!(".{name}.guidebook-new"),
        format!(".{name}.guidebook-old"),
    ];
    let Ok(entries) = fs::read_dir(parent_of(target)) else {
        return;
    };
    for entry in entries.flatten() {
        let file = entry.file_name().to_string_lossy().into_owned();
        if !prefixes.iter().any(|p| file.starts_with(p.as_str())) {
            continue;
        }
        let path = entry.path();
        let ours = path.join(MARKER).is_file()
            || fs::read_dir(&path).is_ok_and(|mut d| d.next().is_none());
        if ours && entry.file_type().is_ok_and(|t| t.is_dir()) {
            let _ = fs::remove_dir_all(&path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::Staging;
    use crate::error::Error;
    use std::fs;

    fn names(dir: &std::path::Path) -> Vec<String> {
        let mut v: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn a_failure_after_the_swap_is_a_warning_and_the_next_build_cleans_up() {
        let t = tempfile::tempdir().unwrap();
        let out = t.path().join("public");
        let s = Staging::begin(&out).unwrap();
        s.write("index.html", b"one").unwrap();
        assert!(s.commit().unwrap().warning.is_none());
        let s = Staging::begin(&out).unwrap();
        s.write("index.html", b"two").unwrap();
        let swapped = s
            .commit_with(|_| Err(Error::Other("the disk said no".into())))
            .unwrap();
        let warning = swapped.warning.unwrap();
        assert!(
            warning.starts_with(&format!(
                "the new site is in place at {}, but the previous one could not be removed from {}",
                out.display(),
                t.path().join(".public.guidebook-new-").display()
            )),
            "{warning}"
        );
        assert!(
            warning.ends_with(" (the disk said no); the next build removes it"),
            "{warning}"
        );
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "two");
        assert_eq!(names(t.path()).len(), 3, "{:?}", names(t.path()));
        let s = Staging::begin(&out).unwrap();
        s.write("index.html", b"three").unwrap();
        assert!(s.commit().unwrap().warning.is_none());
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "three");
        assert_eq!(names(t.path()), [".public.guidebook-lock", "public"]);
    }

    #[test]
    fn leftovers_without_the_marker_are_never_removed_and_never_block() {
        let t = tempfile::tempdir().unwrap();
        let out = t.path().join("public");
        let stray = t.path().join(".public.guidebook-old");
        fs::create_dir(&stray).unwrap();
        fs::write(stray.join("notes.txt"), "mine").unwrap();
        for text in ["one", "two"] {
            let s = Staging::begin(&out).unwrap();
            s.write("index.html", text.as_bytes()).unwrap();
            s.commit().unwrap();
        }
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "two");
        assert_eq!(fs::read_to_string(stray.join("notes.txt")).unwrap(), "mine");
    }
}
