//! The search log of `host --search-log FILE`: one JSON line per search made on the
//! results page `/search/?q=` (see [`crate::search::gaps::Entry`]), for
//! `guidebook searches` to report what staff looked for and did not find.
//!
//! Only the HTML results page logs: the JSON API answers search-as-you-type, so
//! logging it would count every keystroke. Nothing personal is written (no address,
//! user agent, cookie or referrer; the time is cut to the hour).
//!
//! Requests never wait for the disk: they hand the line to a writer thread through
//! a bounded queue (a full queue drops the line and says so once). The thread alone
//! owns the file, so lines are whole and never interleaved; it flushes whenever the
//! queue runs empty. When the next line would take the file past its cap, FILE is
//! renamed FILE.1 (replacing the old one) and a new FILE begun. A write that fails
//! is reported once on stderr; the server goes on.

use std::fs::{self, File, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, SyncSender, TrySendError};
use std::thread::JoinHandle;

use chrono::Utc;

use crate::error::{Error, Result};
use crate::search::SearchResults;
use crate::search::gaps::{Entry, hour, normalise_query, older_half};

/// The size FILE may reach before it is rotated, unless told otherwise.
pub const DEFAULT_MAX_BYTES: u64 = 10 * 1024 * 1024;
/// Lines waiting for the writer at most; beyond, lines are dropped.
const QUEUE: usize = 4096;

enum Msg {
    Line(String),
    Stop,
}

/// The handle requests log through.
pub struct SearchLog {
    tx: SyncSender<Msg>,
    thread: Mutex<Option<JoinHandle<()>>>,
    /// Whether a dropped line was reported already.
    dropped: AtomicBool,
}

impl SearchLog {
    /// Open `path` for appending (created if missing) and start the writer. Fails,
    /// naming the path, when it cannot be opened for writing.
    pub fn open(path: &Path, max_bytes: u64) -> Result<SearchLog> {
        let file = append(path).map_err(|e| Error::write(path, e))?;
        let len = file.metadata().map(|m| m.len()).unwrap_or(0);
        let mut writer = Writer {
            path: path.to_path_buf(),
            file: BufWriter::new(file),
            len,
            max: max_bytes.max(1),
            warned: false,
        };
        let (tx, rx) = mpsc::sync_channel(QUEUE);
        let thread = std::thread::Builder::new()
            .name("guidebook search log".into())
            .spawn(move || writer.run(rx))
            .map_err(|e| Error::Other(format!("cannot start the search log: {e}")))?;
        Ok(SearchLog {
            tx,
            thread: Mutex::new(Some(thread)),
            dropped: AtomicBool::new(false),
        })
    }

    /// Queue one entry; never waits.
    pub fn record(&self, e: &Entry) {
        if let Err(TrySendError::Full(_)) = self.tx.try_send(Msg::Line(e.to_line()))
            && !self.dropped.swap(true, Ordering::Relaxed)
        {
            eprintln!("warning: the search log is falling behind; some searches were not logged");
        }
    }

    /// Write what is queued and stop the writer (when the server stops).
    pub fn finish(&self) {
        let _ = self.tx.send(Msg::Stop);
        if let Some(t) = self.thread.lock().ok().and_then(|mut t| t.take()) {
            let _ = t.join();
        }
    }
}

/// Log a search made on the results page of the site at `base` (`""` or
/// `editions/<id>/`), if the server keeps a search log and the query is not empty.
/// `page` is the results page asked for (from 1); the query, the kind and the page
/// total are the results' own.
pub fn record(log: Option<&SearchLog>, base: &str, page: usize, results: &SearchResults) {
    let Some(log) = log else { return };
    let query = normalise_query(&results.query);
    if query.is_empty() {
        return;
    }
    log.record(&Entry {
        time: hour(Utc::now()),
        query,
        results: results.total,
        page: u32::try_from(page).unwrap_or(u32::MAX),
        edition: edition(base),
        kind: results.kind.clone(),
    });
}

/// `editions/<id>/` → `<id>`; the current site → `current`.
fn edition(base: &str) -> String {
    base.strip_prefix("editions/")
        .map(|id| id.trim_end_matches('/').to_string())
        .unwrap_or_else(|| "current".into())
}

fn append(path: &Path) -> io::Result<File> {
    OpenOptions::new().create(true).append(true).open(path)
}

/// The writer thread's state: the only owner of the file.
struct Writer {
    path: PathBuf,
    file: BufWriter<File>,
    /// Bytes in FILE now.
    len: u64,
    max: u64,
    /// Whether a failure was reported already.
    warned: bool,
}

impl Writer {
    fn run(&mut self, rx: Receiver<Msg>) {
        while let Ok(first) = rx.recv() {
            let mut next = Some(first);
            while let Some(msg) = next.take() {
                match msg {
                    Msg::Line(line) => {
                        let written = self.write(&line);
                        self.check(written);
                    }
                    Msg::Stop => {
                        let flushed = self.file.flush();
                        self.check(flushed);
                        return;
                    }
                }
                next = rx.try_recv().ok();
            }
            let flushed = self.file.flush();
            self.check(flushed);
        }
    }

    fn write(&mut self, line: &str) -> io::Result<()> {
        let n = line.len() as u64;
        if self.len > 0 && self.len + n > self.max {
            self.rotate()?;
        }
        self.file.write_all(line.as_bytes())?;
        self.len += n;
        Ok(())
    }

    /// FILE → FILE.1 (replacing it), and a new, empty FILE.
    fn rotate(&mut self) -> io::Result<()> {
        self.file.flush()?;
        fs::rename(&self.path, older_half(&self.path))?;
        self.file = BufWriter::new(append(&self.path)?);
        self.len = 0;
        Ok(())
    }

    fn check(&mut self, r: io::Result<()>) {
        if let Err(e) = r
            && !self.warned
        {
            self.warned = true;
            eprintln!(
                "warning: cannot write the search log {}: {e}; searches go on but are not logged while this lasts",
                self.path.display()
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editions_by_name() {
        assert_eq!(edition(""), "current");
        assert_eq!(edition("editions/2026-11/"), "2026-11");
    }

    fn line(q: &str) -> Entry {
        Entry {
            time: "2026-12-06T20:00:00Z".into(),
            query: q.into(),
            results: 0,
            page: 1,
            edition: "current".into(),
            kind: None,
        }
    }

    #[test]
    fn rotates_before_the_cap_and_keeps_whole_lines() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.log");
        let one = line("aa").to_line();
        let log = SearchLog::open(&path, one.len() as u64 * 2).unwrap();
        for q in ["aa", "bb", "cc", "dd", "ee"] {
            log.record(&line(q));
        }
        log.finish();
        let text = |p: &Path| fs::read_to_string(p).unwrap();
        assert_eq!(text(&path), line("ee").to_line());
        assert_eq!(
            text(&older_half(&path)),
            line("cc").to_line() + &line("dd").to_line()
        );
    }

    #[test]
    fn an_unwritable_file_is_refused_with_its_path() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("none/s.log");
        let e = SearchLog::open(&path, 100).err().unwrap();
        assert_eq!(e.to_string(), format!("cannot write {}", path.display()));
    }
}
