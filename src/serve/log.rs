//! The access log: one line per request, written to stdout by a thread of its own so
//! that requests never wait for the terminal. Lines are batched and flushed whenever
//! the queue runs empty.
//!
//! Input: finished requests. Output: lines such as
//! `127.0.0.1 - - [01/May/2026:10:00:00 +0000] "GET /guidance/ HTTP/1.1" 200 5120 0.31ms`.

use std::io::Write;
use std::net::SocketAddr;
use std::sync::mpsc;
use std::thread::JoinHandle;
use std::time::Duration;

use chrono::Utc;

/// A handle requests log through; cheap to clone.
#[derive(Clone)]
pub struct AccessLog {
    tx: mpsc::Sender<String>,
    quiet: bool,
}

/// The writing thread; [`LogWriter::finish`] flushes what is left.
pub struct LogWriter {
    handle: Option<JoinHandle<()>>,
}

impl AccessLog {
    /// Start the writer thread. `quiet` discards lines (tests of other things).
    pub fn start(quiet: bool) -> (AccessLog, LogWriter) {
        let (tx, rx) = mpsc::channel::<String>();
        let handle = std::thread::Builder::new()
            .name("guidebook access log".into())
            .spawn(move || write_lines(rx, quiet))
            .ok();
        (AccessLog { tx, quiet }, LogWriter { handle })
    }

    /// Log one request.
    pub fn request(&self, r: &Logged<'_>) {
        if !self.quiet {
            let _ = self.tx.send(line(r));
        }
    }

    /// Whether lines are thrown away (so there is no need to gather them).
    pub fn is_quiet(&self) -> bool {
        self.quiet
    }
}

impl LogWriter {
    /// Wait until every line sent so far is written. Every [`AccessLog`] clone must
    /// have been dropped, or this waits for them.
    pub fn finish(mut self) {
        if let Some(h) = self.handle.take() {
            let _ = h.join();
        }
    }
}

/// What is logged about one request.
pub struct Logged<'a> {
    pub client: Option<SocketAddr>,
    pub method: &'a str,
    pub target: &'a str,
    pub version: &'a str,
    pub status: u16,
    pub bytes: Option<u64>,
    pub elapsed: Duration,
}

fn line(r: &Logged<'_>) -> String {
    let client = r
        .client
        .map(|a| a.ip().to_string())
        .unwrap_or_else(|| "-".into());
    let bytes = r.bytes.map(|b| b.to_string()).unwrap_or_else(|| "-".into());
    let target: String = r
        .target
        .chars()
        .map(|c| if c == '"' || c.is_control() { '?' } else { c })
        .collect();
    format!(
        "{client} - - [{}] \"{} {target} {}\" {} {bytes} {:.2}ms\n",
        Utc::now().format("%d/%b/%Y:%H:%M:%S %z"),
        r.method,
        r.version,
        r.status,
        r.elapsed.as_secs_f64() * 1000.0
    )
}

fn write_lines(rx: mpsc::Receiver<String>, quiet: bool) {
    let stdout = std::io::stdout();
    while let Ok(first) = rx.recv() {
        let mut out = stdout.lock();
        if !quiet {
            let _ = out.write_all(first.as_bytes());
        }
        while let Ok(more) = rx.try_recv() {
            if !quiet {
                let _ = out.write_all(more.as_bytes());
            }
        }
        let _ = out.flush();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_log_format_with_duration() {
        let l = line(&Logged {
            client: "127.0.0.1:5000".parse().ok(),
            method: "GET",
            target: "/a\"b?q=x",
            version: "HTTP/1.1",
            status: 200,
            bytes: Some(12),
            elapsed: Duration::from_micros(1500),
        });
        assert!(l.starts_with("127.0.0.1 - - ["), "{l}");
        assert!(
            l.ends_with("] \"GET /a?b?q=x HTTP/1.1\" 200 12 1.50ms\n"),
            "{l}"
        );
    }
}
