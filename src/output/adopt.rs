//! Adopting parts of the previous output: a folder the build would otherwise copy
//! unchanged (an archived edition rendered by an earlier build) is moved from the
//! previous output into the new one during the swap, after the previous output has
//! been renamed out of the way and before the new one takes its place. One rename
//! per folder, however many files it holds; on any failure the moves are undone, so
//! the previous output is restored whole.

use std::fs;
use std::path::Path;

use super::{Staging, safe_join};
use crate::error::{Error, Result};

impl Staging {
    /// Take `rel` (a folder or file of the previous output) into the new output as it
    /// is, at the swap. Nothing may be written at `rel` in the staging folder.
    pub fn adopt(&self, rel: &str) -> Result<()> {
        safe_join(&self.dir, rel)?;
        self.adopted
            .lock()
            .map_err(|_| {
                Error::Other("the staging folder's list of adopted folders is unusable".into())
            })?
            .push(rel.to_string());
        Ok(())
    }
}

/// Move each adopted path from `old` (the previous output, already out of place) into
/// `new` (the staging folder). Returns the paths moved; on failure, moves them back.
pub(super) fn take(old: &Path, new: &Path, adopted: &[String]) -> Result<Vec<String>> {
    let mut moved = Vec::with_capacity(adopted.len());
    for rel in adopted {
        let (from, to) = (safe_join(old, rel)?, safe_join(new, rel)?);
        let step = to
            .parent()
            .map_or(Ok(()), fs::create_dir_all)
            .and_then(|()| fs::rename(&from, &to));
        if let Err(e) = step {
            give_back(old, new, &moved);
            return Err(Error::write(to, e));
        }
        moved.push(rel.clone());
    }
    Ok(moved)
}

/// Undo [`take`]: move `moved` from `new` back into `old`.
pub(super) fn give_back(old: &Path, new: &Path, moved: &[String]) {
    for rel in moved {
        if let (Ok(from), Ok(to)) = (safe_join(new, rel), safe_join(old, rel)) {
            let _ = fs::rename(from, to);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::Staging;
    use std::fs;

    #[test]
    fn adopted_folders_move_into_the_new_output_only_when_it_is_committed() {
        let t = tempfile::tempdir().unwrap();
        let out = t.path().join("public");
        let s = Staging::begin(&out).unwrap();
        s.write("editions/a/index.html", b"archived").unwrap();
        s.write("index.html", b"one").unwrap();
        s.commit().unwrap();
        // a failed build: the previous output keeps the folder
        let s = Staging::begin(&out).unwrap();
        s.adopt("editions/a").unwrap();
        drop(s);
        assert_eq!(
            fs::read_to_string(out.join("editions/a/index.html")).unwrap(),
            "archived"
        );
        // a build that succeeds takes it over
        let s = Staging::begin(&out).unwrap();
        s.adopt("editions/a").unwrap();
        s.write("index.html", b"two").unwrap();
        s.commit().unwrap();
        assert_eq!(
            fs::read_to_string(out.join("editions/a/index.html")).unwrap(),
            "archived"
        );
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "two");
        // adopting what the previous output lacks fails and leaves it as it was
        let s = Staging::begin(&out).unwrap();
        s.adopt("editions/a").unwrap();
        s.adopt("editions/missing").unwrap();
        s.write("index.html", b"three").unwrap();
        assert!(s.commit().is_err());
        assert_eq!(
            fs::read_to_string(out.join("editions/a/index.html")).unwrap(),
            "archived"
        );
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "two");
        assert!(Staging::begin(&out).unwrap().adopt("../x").is_err());
    }
}
