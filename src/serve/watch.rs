//! Watching the site's folders with notify, debounced: an editor's save (often a
//! temporary file, then a rename) arrives as one batch of changed paths, which the
//! engine reads in their state after the save.
//!
//! Input: folders to watch. Output: [`Batch`]es on a channel. Reads nothing itself
//! (but whether its folders are still there).

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::mpsc;
use std::time::Duration;

use notify_debouncer_full::notify::event::{AccessKind, AccessMode};
use notify_debouncer_full::notify::{EventKind, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};

use crate::error::{Error, Result};

/// Events closer together than this are one batch.
pub const DEBOUNCE: Duration = Duration::from_millis(40);
const TICK: Duration = Duration::from_millis(10);

/// What the engine thread receives.
#[derive(Debug)]
pub enum Batch {
    /// These paths changed (in any way).
    Paths(Vec<PathBuf>),
    /// Events were lost: read everything again.
    Rescan,
    /// The server is stopping.
    Stop,
}

pub struct Watcher {
    debouncer: Debouncer<RecommendedWatcher, RecommendedCache>,
    watched: HashSet<PathBuf>,
}

impl Watcher {
    /// Start watching nothing yet; batches go to `tx`.
    pub fn start(tx: mpsc::Sender<Batch>) -> Result<Watcher> {
        let handler = move |r: DebounceEventResult| {
            let batch = match r {
                Ok(events) if events.iter().any(|e| e.need_rescan()) => Batch::Rescan,
                Ok(events) => {
                    let paths: Vec<PathBuf> = events
                        .iter()
                        .filter(|e| matters(&e.kind))
                        .flat_map(|e| e.paths.iter().cloned())
                        .collect();
                    if paths.is_empty() {
                        return;
                    }
                    Batch::Paths(paths)
                }
                Err(_) => Batch::Rescan,
            };
            let _ = tx.send(batch);
        };
        let debouncer = new_debouncer(DEBOUNCE, Some(TICK), handler)
            .map_err(|e| Error::Other(format!("cannot watch the site for changes: {e}")))?;
        Ok(Watcher {
            debouncer,
            watched: HashSet::new(),
        })
    }

    /// Watch each folder not watched yet (folders may appear after start). Returns
    /// the folders added.
    /// A folder that went away (moved, deleted, a branch switch) is forgotten, so it
    /// is watched again when it comes back.
    pub fn watch(&mut self, roots: &[(PathBuf, bool)]) -> Result<Vec<PathBuf>> {
        let gone: Vec<PathBuf> = self
            .watched
            .iter()
            .filter(|d| !d.is_dir())
            .cloned()
            .collect();
        for dir in gone {
            let _ = self.debouncer.unwatch(&dir);
            self.watched.remove(&dir);
        }
        let mut added = Vec::new();
        for (dir, recursive) in roots {
            if self.watched.contains(dir) || !dir.is_dir() {
                continue;
            }
            let mode = if *recursive {
                RecursiveMode::Recursive
            } else {
                RecursiveMode::NonRecursive
            };
            self.debouncer
                .watch(dir, mode)
                .map_err(|e| Error::Other(format!("cannot watch {}: {e}", dir.display())))?;
            self.watched.insert(dir.clone());
            added.push(dir.clone());
        }
        Ok(added)
    }
}

/// Opening or reading a file changes nothing; everything else may.
fn matters(kind: &EventKind) -> bool {
    !matches!(
        kind,
        EventKind::Access(AccessKind::Open(_))
            | EventKind::Access(AccessKind::Read)
            | EventKind::Access(AccessKind::Close(AccessMode::Read))
    )
}
