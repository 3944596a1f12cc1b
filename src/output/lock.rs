//! The output lock: one writer at a time for each output folder.
//!
//! A writer (a build's [`super::Staging`], or the live preview's own folder) holds an
//! advisory lock on a file beside the output folder, `.NAME.guidebook-lock`, for the
//! whole of its write, from before it looks at the folder until after the swap and
//! the clean-up. The lock is on the file beside the folder, not in it, because the
//! folder itself is replaced by the swap. A second writer waits a little (ten
//! seconds, or `GUIDEBOOK_LOCK_WAIT` seconds), then gives up with
//! [`Error::Busy`] naming the process that holds the lock. The lock file is left in
//! place: removing it while another process waits on it would let two writers in.
//!
//! Input: the output folder. Output: an [`OutputLock`], released when dropped.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read as _, Seek as _, Write as _};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::error::{Error, Result};

/// How long a second writer waits before giving up, unless `GUIDEBOOK_LOCK_WAIT` says.
pub const DEFAULT_WAIT: Duration = Duration::from_secs(10);

/// The environment variable that sets the wait, in seconds.
pub const WAIT_VAR: &str = "GUIDEBOOK_LOCK_WAIT";

/// An advisory lock on one output folder, held until dropped.
#[derive(Debug)]
pub struct OutputLock {
    _file: File,
}

impl OutputLock {
    /// Lock the output folder `target`, waiting up to the configured time for another
    /// writer to finish.
    pub fn acquire(target: &Path) -> Result<OutputLock> {
        Self::acquire_within(target, wait_from_env())
    }

    /// Lock `target`, waiting at most `wait`.
    pub fn acquire_within(target: &Path, wait: Duration) -> Result<OutputLock> {
        let path = lock_path(target);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Error::write(parent, e))?;
        }
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(|e| Error::write(&path, e))?;
        let deadline = Instant::now() + wait;
        loop {
            match file.try_lock() {
                Ok(()) => break,
                Err(TryLockError::WouldBlock) if Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(25));
                }
                Err(TryLockError::WouldBlock) => {
                    return Err(Error::Busy {
                        pid: holder(&mut file),
                        out: target.to_path_buf(),
                    });
                }
                Err(TryLockError::Error(e)) => return Err(Error::write(&path, e)),
            }
        }
        let mut text = std::process::id().to_string();
        text.push('\n');
        file.set_len(0)
            .and_then(|()| file.rewind())
            .and_then(|()| file.write_all(text.as_bytes()))
            .map_err(|e| Error::write(&path, e))?;
        Ok(OutputLock { _file: file })
    }
}

/// The lock file of the output folder `target`: `.NAME.guidebook-lock` beside it.
pub fn lock_path(target: &Path) -> PathBuf {
    super::sibling(target, "lock")
}

/// The process id the holder wrote into the lock file, if it can be read.
fn holder(file: &mut File) -> Option<u32> {
    let mut text = String::new();
    file.rewind().ok()?;
    file.read_to_string(&mut text).ok()?;
    text.trim().parse().ok()
}

/// `GUIDEBOOK_LOCK_WAIT` in seconds (fractions allowed), else [`DEFAULT_WAIT`].
fn wait_from_env() -> Duration {
    std::env::var(WAIT_VAR)
        .ok()
        .and_then(|s| s.trim().parse::<f64>().ok())
        .filter(|s| s.is_finite() && *s >= 0.0 && *s <= 86_400.0)
        .map(Duration::from_secs_f64)
        .unwrap_or(DEFAULT_WAIT)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_writer_waits_then_is_told_who_holds_the_lock() {
        let t = tempfile::tempdir().unwrap();
        let out = t.path().join("public");
        let first = OutputLock::acquire_within(&out, Duration::ZERO).unwrap();
        let err = OutputLock::acquire_within(&out, Duration::from_millis(60)).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(
                "another guidebook process (pid {}) is writing {}; wait for it to finish, then run the command again",
                std::process::id(),
                out.display()
            )
        );
        drop(first);
        let again = OutputLock::acquire_within(&out, Duration::ZERO);
        assert!(again.is_ok(), "the lock is free once dropped");
        assert_eq!(
            std::fs::read_to_string(t.path().join(".public.guidebook-lock")).unwrap(),
            format!("{}\n", std::process::id())
        );
    }
}
