//! Stage timings for profiling a build: when the environment variable
//! `GUIDEBOOK_TIMINGS` is set, each stage's wall time goes to stderr as
//! `timing: <stage> <ms> ms, cpu <ms> ms (rss <MiB> MiB, peak <MiB> MiB)`: wall time,
//! the CPU time of all threads (user + system), and memory, the last two read from
//! `/proc/self` where there is one. Off by default; never part of a
//! report or a test.

use std::sync::Mutex;
use std::time::Instant;

/// A clock that reports the time since its last lap, when switched on.
pub struct Stopwatch {
    on: bool,
    /// Wall clock and CPU milliseconds at the last lap.
    last: Mutex<(Instant, u64)>,
}

impl Stopwatch {
    /// On when `GUIDEBOOK_TIMINGS` is set to anything but `0` or empty.
    pub fn from_env() -> Stopwatch {
        let on = std::env::var("GUIDEBOOK_TIMINGS").is_ok_and(|v| !v.is_empty() && v != "0");
        Stopwatch {
            on,
            last: Mutex::new((Instant::now(), cpu_ms().unwrap_or(0))),
        }
    }

    /// Report the time since the previous lap under `stage`.
    pub fn lap(&self, stage: &str) {
        if !self.on {
            return;
        }
        let mut last = self.last.lock().unwrap_or_else(|e| e.into_inner());
        let (now, cpu) = (Instant::now(), cpu_ms().unwrap_or(0));
        eprintln!(
            "timing: {stage} {} ms, cpu {} ms{}",
            (now - last.0).as_millis(),
            cpu.saturating_sub(last.1),
            memory().unwrap_or_default()
        );
        *last = (now, cpu);
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

/// CPU time of the process so far (user + system, all threads), in milliseconds,
/// from `/proc/self/stat` (fields 14 and 15, in clock ticks of 1/100 s on Linux).
fn cpu_ms() -> Option<u64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name, which is in parentheses and may hold spaces.
    let rest = stat.get(stat.rfind(')')? + 2..)?;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| fields.get(i)?.parse::<u64>().ok();
    Some((ticks(11)? + ticks(12)?) * 10)
}
