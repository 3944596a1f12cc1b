//! The preview's reactions to each kind of change: rebuild everything, reload the
//! configuration, reload templates or theme files, read changed content files again.
//! Each ends in [`Preview::render_and_write`] (in `render.rs`).

use std::collections::BTreeSet;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::plan::{self, Before};
use super::problems::fatal_text;
use super::read::{self, Edits, Reread};
use super::render::Check;
use super::{Done, Preview};
use crate::config::Config;
use crate::content::{Asset, Page, Site, assemble};
use crate::error::{Diagnostics, Result};
use crate::output;
use crate::render::Templates;
use crate::render::markdown::Rendered;

/// The site's templates; when they do not compile, the built-in ones (so pages still
/// show) and the error.
pub fn load_templates(config: &Config, work: &Path) -> Result<(Templates, Option<String>)> {
    match Templates::load(config) {
        Ok(t) => Ok((t, None)),
        Err(e) => {
            let mut built_in = config.clone();
            built_in.templates_dir = work.join("no-templates");
            built_in.theme_dir = work.join("no-theme");
            let t = Templates::load(&built_in)?;
            Ok((t, Some(fatal_text(&e))))
        }
    }
}

/// How long after a change the site-wide files are written (edits in between are
/// applied first, and the files written once).
pub const SITE_FILES_DELAY: Duration = Duration::from_millis(150);

impl Preview {
    /// Read every content file and render every page.
    pub(super) fn rebuild_all(&mut self) -> Result<Done> {
        self.load_editions();
        // Work begun from the site as it was must not land after this rebuild: a
        // running site-files job is waited for and its files dropped, and the pages
        // left after the open ones are rendered below with all the others.
        let _ = self.site_job.wait();
        self.rest = None;
        let (pages, assets) = read::read_all(
            &self.site.config,
            self.drafts,
            &[],
            &mut self.problems.files,
        )?;
        self.assemble(pages, assets);
        self.site.rendered = Arc::new(vec![Rendered::default(); self.site.model.pages.len()]);
        self.problems.withheld.clear();
        self.problems.render.clear();
        let all = (0..self.site.model.pages.len()).collect();
        self.problems.unconfirmed.clear();
        self.check_due = None;
        let (mut changed, n) = self.render_and_write(all, true, Check::Now)?;
        changed.extend(self.site_files()?);
        changed.extend(self.build_editions()?);
        self.site_files_due = None;
        self.editions.due = false;
        self.search.mark();
        Ok((changed, n))
    }

    /// `guidebook.toml` changed: start again from it, unless it no longer parses.
    pub(super) fn reload_config(&mut self) -> Result<Done> {
        let config = match Config::load(&self.root) {
            Ok(c) => c,
            Err(e) => {
                self.problems.fatal.insert("config", fatal_text(&e));
                return Ok((Vec::new(), 0));
            }
        };
        self.problems.fatal.remove("config");
        self.problems.fatal.remove("templates");
        let (templates, error) = load_templates(&config, &self.work)?;
        if let Some(e) = error {
            self.problems.fatal.insert("templates", e);
        }
        self.site.theme = output::theme_assets(&config)?;
        self.site.config = Arc::new(config);
        self.site.templates = Arc::new(templates);
        self.rebuild_all()
    }

    /// Templates, theme or static files, and content files changed.
    pub(super) fn apply_parts(
        &mut self,
        content: &BTreeSet<String>,
        templates: bool,
        statics: bool,
    ) -> Result<Done> {
        let mut everything = false;
        if templates {
            match Templates::load(&self.site.config) {
                Ok(t) => {
                    self.site.templates = Arc::new(t);
                    self.problems.fatal.remove("templates");
                    everything = true;
                    self.search.mark();
                }
                Err(e) => {
                    self.problems.fatal.insert("templates", fatal_text(&e));
                }
            }
        }
        if statics {
            let theme = output::theme_assets(&self.site.config)?;
            everything |= theme.urls.css != self.site.theme.urls.css
                || theme.urls.js != self.site.theme.urls.js;
            self.site.theme = theme;
        }
        self.laps.lap("templates");
        let mut dirty = BTreeSet::new();
        let mut structural = false;
        if !content.is_empty() {
            let edits = read::expand(&self.site.config, &self.site.model, content)?;
            self.laps.lap("expand");
            let p = self.reread(&edits);
            structural = p.structural;
            dirty = p.dirty;
            if !edits.is_empty() {
                self.search.mark();
            }
        }
        let check = if everything {
            dirty = (0..self.site.model.pages.len()).collect();
            Check::Now
        } else {
            Check::Later {
                fresh: dirty.clone(),
            }
        };
        for rel in &self.problems.withheld {
            dirty.extend(self.site.model.by_rel.get(rel).copied());
        }
        let first = match everything {
            true => self.render_open_first(&dirty)?,
            false => None,
        };
        let done = match first {
            Some(done) => done,
            None => self.render_and_write(dirty, structural || everything, check)?,
        };
        // Any content edit can change the site and section feeds and the printable
        // sections, which are site-wide files.
        if structural || templates || statics || !content.is_empty() {
            self.site_files_due = Some(Instant::now() + SITE_FILES_DELAY);
        }
        self.editions.due |= everything;
        Ok(done)
    }

    /// Read the files in `edits` again and plan what to render.
    fn reread(&mut self, edits: &Edits) -> plan::Plan {
        let read = read::read_pages(
            &self.site.config,
            self.drafts,
            edits,
            &mut self.problems.files,
        );
        self.laps.lap("read");
        let read = match self.in_place(read, edits) {
            Ok(p) => return p,
            Err(read) => read,
        };
        let before = Before::capture(&self.site.model, &edits.pages);
        let site =
            Arc::try_unwrap(std::mem::take(&mut self.site.model)).unwrap_or_else(|s| (*s).clone());
        let (pages, assets) = read::merge(
            &self.site.config,
            site.pages,
            site.assets,
            read,
            edits,
            &self.problems.files,
        );
        self.assemble(pages, assets);
        self.laps.lap("assemble");
        self.realign(&before.rels);
        let mut p = plan::plan(&before, &self.site.model, &self.site.rendered, edits);
        if self.site.config.is_lenient() {
            // a bare folder's pages take URLs and section roles from each other
            // (content/bare.rs): a page that was not edited may have moved
            p.dirty = (0..self.site.model.pages.len()).collect();
            p.structural = true;
        }
        self.laps.lap("plan");
        p
    }

    /// An edit that changes no page's place, title or front matter (the usual case:
    /// writing text) needs no new site model: put the pages in place and render them.
    /// Gives the pages back when the edit is not of that kind.
    fn in_place(&mut self, read: Vec<Reread>, edits: &Edits) -> Result<plan::Plan, Vec<Reread>> {
        let fits = edits.assets.is_empty()
            && read
                .iter()
                .all(|r| match (&r.page, self.site.model.by_rel.get(&r.rel)) {
                    (Some(new), Some(&i)) => plan::same_face(&self.site.model.pages[i], new),
                    (None, Some(_)) => read::keeps_last_good(r, &self.problems.files),
                    _ => false,
                });
        if !fits {
            return Err(read);
        }
        let site = Arc::make_mut(&mut self.site.model);
        let mut dirty = BTreeSet::new();
        for r in read {
            let Some(&i) = site.by_rel.get(&r.rel) else {
                continue;
            };
            dirty.insert(i);
            if let Some(mut page) = r.page {
                let old = &site.pages[i];
                page.section = old.section;
                page.is_index = old.is_index;
                page.visibility = old.visibility;
                site.pages[i] = page;
            }
        }
        self.laps.lap("in place");
        Ok(plan::Plan {
            dirty,
            structural: false,
        })
    }

    /// Make the site model from pages and assets.
    pub(super) fn assemble(&mut self, pages: Vec<Page>, assets: Vec<Asset>) {
        let mut diags = Diagnostics::new();
        let pages: Vec<Page> = pages.into_iter().filter(|p| p.file.is_some()).collect();
        let site: Site = assemble(&self.site.config, pages, assets, &mut diags);
        self.problems.assemble = diags;
        self.editions.nav = Arc::new(crate::pipeline::editions::nav(
            &self.site.config,
            &site,
            &self.editions.snapshots,
        ));
        self.site.model = Arc::new(site);
    }

    /// Put each page's rendered Markdown back beside it after pages moved.
    fn realign(&mut self, old_rels: &[String]) {
        let old = std::mem::take(Arc::make_mut(&mut self.site.rendered));
        let mut by_rel: std::collections::HashMap<&str, Rendered> =
            old_rels.iter().map(String::as_str).zip(old).collect();
        let new: Vec<Rendered> = self
            .site
            .model
            .pages
            .iter()
            .map(|p| by_rel.remove(p.rel.as_str()).unwrap_or_default())
            .collect();
        self.site.rendered = Arc::new(new);
        self.problems
            .render
            .retain(|rel, _| self.site.model.by_rel.contains_key(rel));
        let site = &self.site.model;
        self.problems
            .withheld
            .retain(|rel| site.by_rel.contains_key(rel));
    }
}
