//! The progress bar of a long build: the stage it is in and, while rendering, how many
//! pages are done. It appears on stderr only when stderr is a terminal and the build
//! has taken more than a second (`GUIDEBOOK_PROGRESS_AFTER_MS` changes the wait, for
//! tests); otherwise nothing is printed. It is cleared before the report is printed.
//!
//! Input: stage names and page counts from the pipeline. Output: an indicatif bar.

use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// How long a build runs before its progress is shown.
const DEFAULT_WAIT: Duration = Duration::from_secs(1);

/// The bar of one build; a hidden one when progress is off.
pub struct Progress {
    bar: ProgressBar,
}

impl Progress {
    /// A bar that shows itself after the wait when `enabled` (and stderr is a terminal).
    pub fn new(enabled: bool) -> Progress {
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
        if enabled {
            let shown = bar.clone();
            std::thread::spawn(move || {
                std::thread::sleep(wait());
                if !shown.is_finished() {
                    shown.set_draw_target(ProgressDrawTarget::stderr());
                    shown.enable_steady_tick(Duration::from_millis(120));
                }
            });
        }
        Progress { bar }
    }

    /// A bar that never shows (archived editions, `check`, tests).
    pub fn hidden() -> Progress {
        Progress::new(false)
    }

    /// Start stage `name` with no count: a spinner and the time so far.
    pub fn stage(&self, name: &str) {
        self.bar.set_length(0);
        self.bar.set_position(0);
        self.bar
            .set_style(style("{prefix:>10.bold} {spinner} {elapsed}"));
        self.bar.set_prefix(name.to_string());
    }

    /// Start stage `name` over `len` pages.
    pub fn pages(&self, name: &str, len: usize) {
        self.bar.set_length(len as u64);
        self.bar.set_position(0);
        self.bar
            .set_style(style("{prefix:>10.bold} [{bar:30}] {pos}/{len} pages"));
        self.bar.set_prefix(name.to_string());
    }

    /// One more page done.
    pub fn inc(&self) {
        self.bar.inc(1);
    }

    /// Remove the bar, so the report prints on a clean line.
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.finish();
    }
}

fn style(template: &str) -> ProgressStyle {
    ProgressStyle::with_template(template)
        .map(|s| s.progress_chars("=> "))
        .unwrap_or_else(|_| ProgressStyle::default_bar())
}

fn wait() -> Duration {
    std::env::var("GUIDEBOOK_PROGRESS_AFTER_MS")
        .ok()
        .and_then(|v| v.parse().ok())
        .map(Duration::from_millis)
        .unwrap_or(DEFAULT_WAIT)
}
