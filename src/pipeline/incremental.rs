//! Incremental rebuilds for the live preview (`guidebook serve`).
//!
//! [`Preview`] keeps the loaded configuration, templates, site model and each page's
//! rendered Markdown in memory, and a private copy of the built site on disk (a
//! folder the caller names, never the site's `public/`). Each batch of changed paths
//! is sorted ([`classify`]): a content edit reads only the files named and renders
//! only the pages that show them ([`plan`]); a template edit renders every page
//! without reading content; a static file is copied; a configuration change rebuilds
//! everything. A page whose new version has an error is not replaced, so the last
//! good page keeps being served while [`Preview::problems`] says what is wrong. The
//! search index is rebuilt by the full build's own code once edits pause.
//!
//! The stages are those of [`super::build`]; the site-wide files come from the same
//! `write_site_files`, the search index from the same `search::build`.

mod changes;
mod editions;
mod open_first;
mod plan;
mod problems;
mod read;
mod render;
mod search_job;
mod site_files;
mod site_files_job;
mod steps;
#[cfg(test)]
mod tests;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

pub use changes::{Change, classify};
pub use problems::{Problems, fatal_text};

use crate::config::Config;
use crate::content::Site;
use crate::editions::snapshot::Snapshot as Edition;
use crate::error::{Diagnostics, Error, Result};
use crate::output::live::PreviewDir;
use crate::output::{self, ThemeAssets};
use crate::render::Templates;
use crate::render::editions::EditionsNav;
use crate::render::markdown::Rendered;

use read::FileDiagnostics;
use search_job::{SearchJob, Snapshot};
use site_files_job::SiteFilesJob;

/// Changed output paths and the number of pages rendered.
type Done = (Vec<String>, usize);

/// How often the engine looks at a running site-files job.
const JOB_POLL: Duration = Duration::from_millis(50);

#[derive(Debug, Clone)]
pub struct PreviewOptions {
    /// The site folder.
    pub site: PathBuf,
    /// A private working folder for the preview (created; emptied if it exists).
    /// The served copy of the site is its `site/` subfolder.
    pub work: PathBuf,
    pub drafts: bool,
}

/// What one batch of changes did.
#[derive(Debug, Clone, Default)]
pub struct Update {
    /// What changed, for messages (`content/guidance/travel.md`, `templates`).
    pub what: String,
    /// URL paths (with the site prefix) whose bytes changed, sorted.
    pub changed: Vec<String>,
    /// Every page may have changed (templates, theme or configuration).
    pub everything: bool,
    /// Pages rendered again.
    pub rendered: usize,
    pub elapsed: Duration,
    /// Time spent in each step (`read 1.2ms, plan 0.1ms, ...`), for benchmarks.
    pub steps: String,
    /// With `everything`: URL paths that show the change already (the open pages,
    /// rendered first by an earlier update, [`open_first`]).
    pub done: Vec<String>,
}

/// Times the steps of one update.
#[derive(Debug)]
struct Laps {
    last: Instant,
    out: String,
}

impl Laps {
    fn new() -> Laps {
        Laps {
            last: Instant::now(),
            out: String::new(),
        }
    }

    /// End the step called `name`.
    fn lap(&mut self, name: &str) {
        let now = Instant::now();
        let ms = (now - self.last).as_secs_f64() * 1000.0;
        if !self.out.is_empty() {
            self.out.push_str(", ");
        }
        self.out.push_str(&format!("{name} {ms:.1}ms"));
        self.last = now;
    }
}

/// The preview's state, grouped as the site, its problems and its editions (see the
/// module documentation), beside the writer and the timers that decide what to redo.
pub struct Preview {
    root: PathBuf,
    drafts: bool,
    site: SiteState,
    problems: ProblemState,
    editions: EditionState,
    /// When to write the site-wide files again (after the pages, off the reload path).
    site_files_due: Option<Instant>,
    /// Writes them on a thread of its own ([`site_files_job`]).
    site_job: SiteFilesJob,
    /// When to run the whole-site checks on pages already written.
    check_due: Option<Instant>,
    /// URL paths of the pages open in a browser ([`Preview::set_open`]).
    open: Vec<String>,
    /// Pages still to render after the open ones ([`open_first`]).
    rest: Option<open_first::Rest>,
    out: PreviewDir,
    work: PathBuf,
    search: SearchJob,
    laps: Laps,
}

/// The site as last read and rendered.
struct SiteState {
    config: Arc<Config>,
    templates: Arc<Templates>,
    theme: ThemeAssets,
    model: Arc<Site>,
    /// Each page's rendered Markdown without its HTML; `rendered[i]` is `model.pages[i]`'s.
    rendered: Arc<Vec<Rendered>>,
}

/// What is wrong with the site now, by the stage that found it.
#[derive(Default)]
struct ProblemState {
    files: FileDiagnostics,
    /// Two pages claiming one URL and the like (from assembling the site).
    assemble: Diagnostics,
    /// From `check::run` over the whole site.
    check: Diagnostics,
    /// Content path → the error rendering that page.
    render: BTreeMap<String, String>,
    /// Failures that stop everything (config, templates, IO), by stage.
    fatal: BTreeMap<&'static str, String>,
    /// Pages whose served version is older than their content (their new one has errors).
    withheld: BTreeSet<String>,
    /// Pages written before the checks ran: content path → (file, what it held before).
    unconfirmed: BTreeMap<String, (String, Option<Vec<u8>>)>,
}

/// The archived editions (read at start and when the configuration changes).
#[derive(Default)]
struct EditionState {
    snapshots: Arc<Vec<Edition>>,
    /// Problems reading the editions, and then also rendering them.
    load_diags: Diagnostics,
    diags: Diagnostics,
    /// The version switcher: the current site and each edition.
    nav: Arc<EditionsNav>,
    /// The editions need rendering again (templates or theme changed).
    due: bool,
}

impl Preview {
    /// Read and render the whole site into `opts.work/site`. Fails only when the
    /// configuration cannot be read or the working folder cannot be written; content
    /// and template problems are in [`Preview::problems`].
    pub fn start(opts: &PreviewOptions) -> Result<(Preview, Update)> {
        let started = Instant::now();
        let root = opts
            .site
            .canonicalize()
            .map_err(|e| Error::read(&opts.site, e))?;
        let config = Config::load(&root)?;
        let out = PreviewDir::create(&opts.work.join("site"))?;
        let theme = output::theme_assets(&config)?;
        let (templates, template_error) = steps::load_templates(&config, &opts.work)?;
        let mut p = Preview {
            root,
            drafts: opts.drafts,
            site: SiteState {
                config: Arc::new(config),
                templates: Arc::new(templates),
                theme,
                model: Arc::new(Site::default()),
                rendered: Arc::new(Vec::new()),
            },
            problems: ProblemState::default(),
            editions: EditionState::default(),
            site_files_due: None,
            site_job: SiteFilesJob::new(opts.work.join("scratch-site-job")),
            check_due: None,
            open: Vec::new(),
            rest: None,
            out,
            work: opts.work.clone(),
            search: SearchJob::new(opts.work.join("scratch-search")),
            laps: Laps::new(),
        };
        if let Some(e) = template_error {
            p.problems.fatal.insert("templates", e);
        }
        let (changed, rendered) = p.rebuild_all()?;
        let staging = p.search.build_now(&p.snapshot());
        p.take_search(staging)?;
        let update = Update {
            what: "start".into(),
            changed: p.urls(changed),
            everything: true,
            rendered,
            elapsed: started.elapsed(),
            steps: String::new(),
            done: Vec::new(),
        };
        Ok((p, update))
    }

    /// The configuration in use.
    pub fn config(&self) -> &Config {
        &self.site.config
    }

    /// The folder the preview serves.
    pub fn site_dir(&self) -> &Path {
        self.out.root()
    }

    /// Folders to watch: (path, recursively).
    pub fn watch_roots(&self) -> Vec<(PathBuf, bool)> {
        let c = &self.site.config;
        let mut v = vec![(c.root.clone(), c.is_bare())];
        for d in [
            &c.content_dir,
            &c.templates_dir,
            &c.static_dir,
            &c.theme_dir,
        ] {
            if d.is_dir() && *d != c.root {
                v.push((d.clone(), true));
            }
        }
        v
    }

    /// Everything wrong right now.
    pub fn problems(&self) -> Problems {
        let mut d = Diagnostics::new();
        for v in self.problems.files.values() {
            d.extend(v.iter().cloned());
        }
        d.extend(self.problems.assemble.iter().cloned());
        d.extend(self.problems.check.iter().cloned());
        d.extend(self.editions.diags.iter().cloned());
        d.sort();
        let mut fatal: Vec<String> = self.problems.fatal.values().cloned().collect();
        for e in self.problems.render.values() {
            if !fatal.contains(e) {
                fatal.push(e.clone());
            }
        }
        Problems {
            diagnostics: d,
            fatal,
        }
    }

    /// Apply a batch of changed paths (from the watcher).
    pub fn apply(&mut self, paths: &[PathBuf]) -> Update {
        let started = Instant::now();
        self.laps = Laps::new();
        let (mut content, mut templates, mut statics, mut config) =
            (BTreeSet::new(), false, false, false);
        let mut named = BTreeSet::new();
        for p in paths {
            match classify(&self.site.config, p) {
                Change::Content(rel) => {
                    content.insert(rel);
                }
                Change::Template => templates = true,
                Change::Static => statics = true,
                Change::Config => config = true,
                Change::Ignored => continue,
            }
            named.insert(self.site.config.display_path(p));
        }
        if !self.site.config.content_dir.is_dir() {
            // keep the last pages while the folder is away; all is read when it is back
            content.clear();
        }
        let what = named.into_iter().collect::<Vec<_>>().join(", ");
        let result = if config {
            self.reload_config()
        } else {
            self.apply_parts(&content, templates, statics)
        };
        self.note_missing_content();
        let (changed, rendered, everything) = match result {
            Ok((c, r)) => {
                self.problems.fatal.remove("io");
                // with pages left to render, "everything" is said when they are done
                (c, r, (config || templates) && self.rest.is_none())
            }
            Err(e) => {
                self.problems.fatal.insert("io", fatal_text(&e));
                (Vec::new(), 0, false)
            }
        };
        Update {
            what,
            changed: self.urls(changed),
            everything,
            rendered,
            elapsed: started.elapsed(),
            steps: std::mem::take(&mut self.laps.out),
            done: Vec::new(),
        }
    }

    /// While the content folder is missing (moved away, or a branch switch in
    /// progress), say so: the preview keeps serving the last pages and takes the
    /// folder up again when it is back.
    fn note_missing_content(&mut self) {
        let dir = &self.site.config.content_dir;
        if dir.is_dir() {
            self.problems.fatal.remove("content");
        } else {
            let text = format!(
                "error: the content folder {}/ is missing; the preview shows the pages it last built, and updates when the folder is back\n",
                self.site.config.display_path(dir)
            );
            self.problems.fatal.insert("content", text);
        }
    }

    /// When [`Preview::tick`] has work to do.
    pub fn deadline(&self) -> Option<Instant> {
        let rest = self.rest.as_ref().map(|_| Instant::now());
        let job = (self.site_job.is_running()).then(|| Instant::now() + JOB_POLL);
        let files = self.site_files_due.filter(|_| !self.site_job.is_running());
        [rest, job, self.check_due, files, self.search.deadline()]
            .into_iter()
            .flatten()
            .min()
    }

    /// Work that follows a change but need not hold up the reload: the pages not
    /// open in a browser ([`open_first`]), the whole-site checks, the site-wide files,
    /// then (once edits pause) the search index. Returns an update when it did
    /// something.
    pub fn tick(&mut self) -> Option<Update> {
        let started = Instant::now();
        if let Some((result, done)) = self.render_rest() {
            return Some(self.rest_update(result, done, started));
        }
        let now = Instant::now();
        let (what, result) = if let Some(written) = self.site_job.finished() {
            ("site-wide files", self.take_site_files(written))
        } else if self.check_due.is_some_and(|d| d <= now) {
            ("checks", self.confirm())
        } else if self.site_files_due.is_some_and(|d| d <= now) && !self.site_job.is_running() {
            self.site_files_due = None;
            self.start_site_files();
            return None;
        } else {
            return self.tick_search(started);
        };
        let changed = match result {
            Ok(c) => {
                self.problems.fatal.remove(what);
                c
            }
            Err(e) => {
                self.problems.fatal.insert(what, fatal_text(&e));
                Vec::new()
            }
        };
        Some(Update {
            what: what.into(),
            changed: self.urls(changed),
            everything: false,
            rendered: 0,
            elapsed: started.elapsed(),
            steps: String::new(),
            done: Vec::new(),
        })
    }

    /// The update that ends a change whose open pages went first.
    fn rest_update(&mut self, result: Result<Done>, done: Vec<String>, started: Instant) -> Update {
        let (changed, rendered) = match result {
            Ok(d) => {
                self.problems.fatal.remove("io");
                d
            }
            Err(e) => {
                self.problems.fatal.insert("io", fatal_text(&e));
                (Vec::new(), 0)
            }
        };
        Update {
            what: "other pages".into(),
            changed: self.urls(changed),
            everything: true,
            rendered,
            elapsed: started.elapsed(),
            steps: String::new(),
            done,
        }
    }

    fn tick_search(&mut self, started: Instant) -> Option<Update> {
        if self.search.due_now() {
            let snap = self.snapshot();
            self.search.start(snap);
        }
        let staging = self.search.finished()?;
        let changed = match self.take_search(staging) {
            Ok(c) => c,
            Err(e) => {
                self.problems.fatal.insert("search", fatal_text(&e));
                Vec::new()
            }
        };
        Some(Update {
            what: "search index".into(),
            changed: self.urls(changed),
            everything: false,
            rendered: 0,
            elapsed: started.elapsed(),
            steps: String::new(),
            done: Vec::new(),
        })
    }

    /// Wait for background work (before exit).
    pub fn finish(&mut self) {
        let _ = self.search.wait();
        let _ = self.site_job.wait();
    }

    fn snapshot(&self) -> Snapshot {
        Snapshot {
            config: self.site.config.clone(),
            site: self.site.model.clone(),
            rendered: self.site.rendered.clone(),
            templates: self.site.templates.clone(),
            assets: self.site.theme.urls.clone(),
            nav: self.editions.nav.clone(),
        }
    }

    /// Output paths → URL paths: `a/index.html` → `/prefix/a/`.
    fn urls(&self, mut rels: Vec<String>) -> Vec<String> {
        rels.sort();
        rels.dedup();
        let prefix = &self.site.config.url_prefix;
        rels.into_iter()
            .map(|r| match r.strip_suffix("index.html") {
                Some(dir) if dir.is_empty() || dir.ends_with('/') => format!("{prefix}{dir}"),
                _ => format!("{prefix}{r}"),
            })
            .collect()
    }
}
