//! Keeping the preview's search index current. The index is built by the same
//! [`crate::search::build`] as a full build, from a snapshot of the preview's site, on
//! a thread of its own once edits have paused for [`QUIET`], so typing is never held
//! up by indexing and search in the preview ranks exactly as on the built site.
//!
//! Input: snapshots of the site model. Output: a scratch folder holding `_search/` and
//! `search/index.html`, for the engine to move into the preview folder.

use std::path::PathBuf;
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use crate::config::Config;
use crate::content::Site;
use crate::error::{Error, Result};
use crate::output::Staging;
use crate::render::context::AssetUrls;
use crate::render::editions::EditionsNav;
use crate::render::markdown::Rendered;
use crate::render::{Renderer, Templates};

/// How long edits must pause before the index is rebuilt.
pub const QUIET: Duration = Duration::from_millis(800);

/// What a search build reads: shared with the engine, never copied unless the
/// engine changes it while a build runs.
#[derive(Clone)]
pub struct Snapshot {
    pub config: Arc<Config>,
    pub site: Arc<Site>,
    pub rendered: Arc<Vec<Rendered>>,
    pub templates: Arc<Templates>,
    pub assets: AssetUrls,
    pub nav: Arc<EditionsNav>,
}

pub struct SearchJob {
    scratch: PathBuf,
    due: Option<Instant>,
    running: Option<JoinHandle<Result<Staging>>>,
}

impl SearchJob {
    /// `scratch` is a path the job may create (beside the preview folder).
    pub fn new(scratch: PathBuf) -> SearchJob {
        SearchJob {
            scratch,
            due: None,
            running: None,
        }
    }

    /// The index is out of date: rebuild it once edits pause.
    pub fn mark(&mut self) {
        self.due = Some(Instant::now() + QUIET);
    }

    /// When the engine should next look at the job.
    pub fn deadline(&self) -> Option<Instant> {
        if self.running.is_some() {
            Some(Instant::now() + Duration::from_millis(50))
        } else {
            self.due
        }
    }

    /// Build now, on this thread.
    pub fn build_now(&mut self, snap: &Snapshot) -> Result<Staging> {
        self.due = None;
        build(snap, &self.scratch)
    }

    /// Whether a build is due and none is running.
    pub fn due_now(&self) -> bool {
        self.running.is_none() && self.due.is_some_and(|d| Instant::now() >= d)
    }

    /// Start a build on a thread.
    pub fn start(&mut self, snap: Snapshot) {
        self.due = None;
        let scratch = self.scratch.clone();
        let spawned = std::thread::Builder::new()
            .name("guidebook search index".into())
            .spawn(move || build_owned(snap, &scratch));
        match spawned {
            Ok(h) => self.running = Some(h),
            Err(_) => self.due = Some(Instant::now() + QUIET),
        }
    }

    /// The result of a build that has finished, if one has.
    pub fn finished(&mut self) -> Option<Result<Staging>> {
        if !self.running.as_ref().is_some_and(|h| h.is_finished()) {
            return None;
        }
        let h = self.running.take()?;
        Some(
            h.join()
                .unwrap_or_else(|_| Err(Error::Other("the search index build failed".into()))),
        )
    }

    /// Wait for a running build (before the engine is dropped or rebuilds all).
    pub fn wait(&mut self) -> Option<Result<Staging>> {
        let h = self.running.take()?;
        Some(
            h.join()
                .unwrap_or_else(|_| Err(Error::Other("the search index build failed".into()))),
        )
    }
}

/// Build from copies of the site model made on this thread, so the engine can
/// change its own while the index builds without copying it on the reload path.
fn build_owned(snap: Snapshot, scratch: &std::path::Path) -> Result<Staging> {
    let Snapshot {
        config,
        site,
        rendered,
        templates,
        assets,
        nav,
    } = snap;
    let own = Snapshot {
        site: Arc::new((*site).clone()),
        rendered: Arc::new((*rendered).clone()),
        config,
        templates,
        assets,
        nav,
    };
    drop((site, rendered));
    build(&own, scratch)
}

fn build(snap: &Snapshot, scratch: &std::path::Path) -> Result<Staging> {
    let staging = Staging::begin(scratch)?;
    let renderer = Renderer::new(
        &snap.config,
        &snap.site,
        &snap.templates,
        snap.assets.clone(),
    )?
    .with_editions(&snap.nav, 0);
    crate::search::build(
        &snap.config,
        &snap.site,
        &snap.rendered,
        &renderer,
        &staging,
    )?;
    Ok(staging)
}
