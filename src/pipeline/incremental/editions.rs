//! Archived editions in the preview: read at start and when the configuration,
//! templates or theme change, and rendered by the full build's own code
//! ([`super::super::editions::build_all`]) into `editions/<id>/`. Editions are frozen,
//! so content edits never touch them.
//!
//! Input: the preview's configuration, templates and theme. Output: the editions'
//! files in the preview folder and their diagnostics.

use std::sync::Arc;

use super::Preview;
use super::problems::fatal_text;
use crate::content::LoadOptions;
use crate::editions::snapshot;
use crate::error::Result;
use crate::output::Staging;
use crate::output::live::Producer;
use crate::pipeline::{BuildOptions, Shared, cache_options, editions};

impl Preview {
    /// Read the archived editions listed in `editions/editions.toml`.
    pub(super) fn load_editions(&mut self) {
        let opts = LoadOptions {
            drafts: self.drafts,
            skip: Vec::new(),
        };
        let build_opts = BuildOptions {
            drafts: self.drafts,
            ..BuildOptions::default()
        };
        let options = cache_options(&build_opts);
        match snapshot::load_all(&self.site.config, &opts, &options, self.out.root()) {
            Ok((snaps, diags)) => {
                self.editions.snapshots = Arc::new(snaps);
                self.editions.load_diags = diags;
                self.editions.diags = self.editions.load_diags.clone();
                self.problems.fatal.remove("editions");
            }
            Err(e) => {
                self.editions.snapshots = Arc::new(Vec::new());
                self.problems.fatal.insert("editions", fatal_text(&e));
            }
        }
    }

    /// Render every archived edition (reusing what is already in the preview folder
    /// when nothing it depends on changed). Returns the paths that changed.
    pub(super) fn build_editions(&mut self) -> Result<Vec<String>> {
        let staging = Staging::begin(&self.work.join("scratch-editions"))?;
        let load_opts = LoadOptions {
            drafts: self.drafts,
            skip: Vec::new(),
        };
        let watch = super::super::Stopwatch::from_env();
        let progress = super::super::Progress::hidden();
        let shared = Shared {
            templates: &self.site.templates,
            theme: &self.site.theme,
            nav: &self.editions.nav,
            snapshots: &self.editions.snapshots,
            strict: false,
            progress: &progress,
            watch: &watch,
        };
        let done = editions::build_all(
            &self.editions.snapshots,
            &shared,
            &staging,
            self.out.root(),
            &load_opts,
            editions::Carry::Link,
        )?;
        self.editions.diags = self.editions.load_diags.clone();
        self.editions.diags.extend(done);
        self.out.sync(staging.dir(), Producer::Editions, |rel| {
            rel.starts_with("editions/")
        })
    }
}
