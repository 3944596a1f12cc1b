//! The site-wide files after an edit (feeds, printable sections, tag pages, site map,
//! review dashboard...), written by the full build's own code on a thread of their
//! own. On a large site they take seconds; on the engine's thread they held up the
//! next edit that long. The engine starts a job once edits pause, keeps taking edits
//! while it runs, and moves the finished files into the preview folder; an edit made
//! meanwhile marks the files due again, so a newer job follows.
//!
//! Input: a snapshot of the site, the theme's files and the editions. Output: a
//! scratch folder holding the files, for the engine to sync into the preview folder.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::thread::JoinHandle;

use super::search_job::Snapshot;
use crate::content::Date;
use crate::editions::snapshot::Snapshot as Edition;
use crate::error::{Error, Result};
use crate::output::{Staging, ThemeAssets};
use crate::render::Renderer;

/// What the files are written from.
pub struct Inputs {
    pub snap: Snapshot,
    pub theme: ThemeAssets,
    pub editions: Arc<Vec<Edition>>,
    pub today: Date,
}

pub struct SiteFilesJob {
    scratch: PathBuf,
    running: Option<JoinHandle<Result<Staging>>>,
}

impl SiteFilesJob {
    /// `scratch` is a path the job may create (beside the preview folder).
    pub fn new(scratch: PathBuf) -> SiteFilesJob {
        SiteFilesJob {
            scratch,
            running: None,
        }
    }

    pub fn is_running(&self) -> bool {
        self.running.is_some()
    }

    /// Start writing on a thread; `false` when no thread could be started.
    pub fn start(&mut self, inputs: Inputs) -> bool {
        let scratch = self.scratch.clone();
        let spawned = std::thread::Builder::new()
            .name("guidebook site files".into())
            .spawn(move || write_owned(inputs, &scratch));
        self.running = spawned.ok();
        self.running.is_some()
    }

    /// The result of a job that has finished, if one has.
    pub fn finished(&mut self) -> Option<Result<Staging>> {
        if !self.running.as_ref().is_some_and(|h| h.is_finished()) {
            return None;
        }
        self.wait()
    }

    /// Wait for a running job.
    pub fn wait(&mut self) -> Option<Result<Staging>> {
        let h = self.running.take()?;
        Some(
            h.join()
                .unwrap_or_else(|_| Err(Error::Other("writing the site-wide files failed".into()))),
        )
    }
}

/// Write from a copy of the site model made on this thread, so the engine can change
/// its own meanwhile without copying it on the reload path.
fn write_owned(inputs: Inputs, scratch: &Path) -> Result<Staging> {
    let Inputs {
        snap,
        theme,
        editions,
        today,
    } = inputs;
    let site = Arc::new((*snap.site).clone());
    drop(snap.site);
    let staging = Staging::begin(scratch)?;
    let renderer = Renderer::new(&snap.config, &site, &snap.templates, snap.assets.clone())?
        .with_editions(&snap.nav, 0);
    super::super::write_current_site_files(&renderer, &theme, &editions, &staging, today)?;
    Ok(staging)
}
