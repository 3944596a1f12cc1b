//! Stage timings for profiling a build: when the environment variable
//! `GUIDEBOOK_TIMINGS` is set, each stage's wall time goes to stderr as
//! `timing: <stage> <ms> ms (rss <MiB> MiB, peak <MiB> MiB)`, the memory figures read
//! from `/proc/self/status` where there is one. Off by default; never part of a
//! report or a test.

use std::sync::Mutex;
use std::time::Instant;

/// A clock that reports the time since its last lap, when switched on.
pub struct Stopwatch {
    on: bool,
    last: Mutex<Instant>,
}

impl Stopwatch {
    /// On when `GUIDEBOOK_TIMINGS` is set to anything but `0` or empty.
    pub fn from_env() -> Stopwatch {
        let on = std::env::var("GUIDEBOOK_TIMINGS").is_ok_and(|v| !v.is_empty() && v != "0");
        Stopwatch {
            on,
            last: Mutex::new(Instant::now()),
        }
    }

    /// Report the time since the previous lap under `stage`.
    pub fn lap(&self, stage: &str) {
        if !self.on {
            return;
        }
        let mut last = self.last.lock().unwrap_or_else(|e| e.into_inner());
        let now = Instant::now();
        eprintln!(
            "timing: {stage} {} ms{}",
            (now - *last).as_millis(),
            memory().unwrap_or_default()
        );
        *last = now;
    }
}

/// ` (rss N MiB, peak N MiB)` from `/proc/self/status`, where the platform has it.
fn memory() -> Option<String> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let field = |name: &str| -> Option<u64> {
        let line = status.lines().find(|l| l.starts_with(name))?;
        line.split_whitespace().nth(1)?.parse().ok()
    };
    let (rss, peak) = (field("VmRSS:")?, field("VmHWM:")?);
    Some(format!(" (rss {} MiB, peak {} MiB)", rss >> 10, peak >> 10))
}
