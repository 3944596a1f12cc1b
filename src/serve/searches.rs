//! The server's memory of search: each site's (or edition's) index opened once, and
//! again only when a new build replaced it on disk, and recent results, so a query
//! asked again of the same index build is answered without searching.
//!
//! Input: index folders and the searches asked. Output: open searchers and remembered
//! results. Reads index metadata; never writes.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use tokio::sync::{Semaphore, SemaphorePermit};

use crate::search::{SearchResults, Searcher};

/// What identifies one build of an index on disk.
pub type Stamp = Vec<(u64, SystemTime, u64)>;

/// A search asked before: index folder, its build, query, kind, limit, page.
pub type Asked = (PathBuf, Stamp, String, Option<String>, usize, usize);

/// Searches run at once, for each core. A search keeps its core busy, so many more
/// at once only switch between them, and the last to come waits longest (p99 at 64
/// connections halved, `benches/RESULTS.md`); one a core leaves cores idle while a
/// finished search hands its place on.
const SLOTS_PER_CORE: usize = 4;

/// Results kept at most; beyond, they are forgotten all at once.
const RESULTS_MAX: usize = 4096;

/// The search indexes opened so far, by folder, recent results (a query asked
/// again of the same index build is answered from memory), and the places for
/// searches running at once.
pub struct Searches {
    open: Mutex<HashMap<PathBuf, (Stamp, Arc<Searcher>)>>,
    results: Mutex<HashMap<Asked, Arc<Found>>>,
    /// [`SLOTS_PER_CORE`] places for each core: a search holds one while it runs,
    /// and the others wait in the order they came (the semaphore is fair).
    slots: Semaphore,
}

impl Default for Searches {
    fn default() -> Self {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        Searches::with_slots(SLOTS_PER_CORE * cores)
    }
}

impl Searches {
    /// No index open yet, and `slots` places for searches running at once.
    pub fn with_slots(slots: usize) -> Searches {
        Searches {
            open: Mutex::default(),
            results: Mutex::default(),
            slots: Semaphore::new(slots),
        }
    }

    /// Wait for a place to run a search in, first come first served; the search
    /// runs while the permit is held.
    pub async fn slot(&self) -> Option<SemaphorePermit<'_>> {
        self.slots.acquire().await.ok()
    }

    /// The searcher for the index in `dir` as built at `stamp`, opened again if the
    /// index changed.
    /// Fails with the reason when the index is there but cannot be opened.
    pub fn get(&self, dir: &Path, stamp: &Stamp) -> Result<Arc<Searcher>, String> {
        if let Ok(open) = self.open.lock()
            && let Some((s, searcher)) = open.get(dir)
            && s == stamp
        {
            return Ok(searcher.clone());
        }
        let searcher = Arc::new(Searcher::open(dir).map_err(|e| e.to_string())?);
        if let Ok(mut open) = self.open.lock() {
            open.insert(dir.to_path_buf(), (stamp.clone(), searcher.clone()));
        }
        Ok(searcher)
    }

    pub fn remembered(&self, asked: &Asked) -> Option<Arc<Found>> {
        self.results.lock().ok()?.get(asked).cloned()
    }

    /// Keep `found` for `asked`. When full, forget every result at once, dropping
    /// them after the lock is let go so other searches do not wait for that.
    pub fn remember(&self, asked: Asked, found: Arc<Found>) {
        let forgotten = self.results.lock().ok().map(|mut r| {
            let old = if r.len() >= RESULTS_MAX {
                std::mem::take(&mut *r)
            } else {
                HashMap::new()
            };
            r.insert(asked, found);
            old
        });
        drop(forgotten);
    }
}

/// The two files a new build of an index always replaces.
pub fn stamp(dir: &Path) -> Option<Stamp> {
    ["index/meta.json", "static/meta.json"]
        .iter()
        .map(|f| {
            let m = fs::metadata(dir.join(f)).ok()?;
            #[cfg(unix)]
            let ino = std::os::unix::fs::MetadataExt::ino(&m);
            #[cfg(not(unix))]
            let ino = 0;
            Some((ino, m.modified().ok()?, m.len()))
        })
        .collect()
}

/// The results of one search, with the URL prefix of the site they belong to.
pub struct Found {
    pub results: SearchResults,
    pub prefix: String,
}
