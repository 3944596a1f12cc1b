//! Rendering pages into the preview folder. A page whose new version has an error
//! diagnostic (or whose template fails) keeps its last good file; it is rendered again
//! with every later change until it is good. After a content edit, pages are written
//! before the whole-site checks run (they take longer than rendering a page), and a
//! page the checks then fault is put back ([`Preview::confirm`]).

use std::collections::{BTreeSet, HashSet};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use super::Done;
use super::Preview;
use super::problems::fatal_text;
use crate::check;
use crate::error::Result;
use crate::output::live::Producer;
use crate::output::page_file;
use crate::render::markdown::Rendered;

/// How long after a content edit the whole-site checks run (edits in between are
/// applied first).
pub const CHECK_DELAY: Duration = Duration::from_millis(30);

/// When the whole-site checks run for a render.
pub(super) enum Check {
    /// Before writing; pages with errors are held back (start, configuration and
    /// template changes).
    Now,
    /// Do not run them: the last results stand (pages held back that are now good).
    Known,
    /// After writing, off the reload path ([`Preview::confirm`]): pages in `fresh`
    /// are written unless their file or template has an error, and put back if the
    /// checks then find one.
    Later { fresh: BTreeSet<usize> },
}

impl Preview {
    /// Render pages `dirty` and write those that changed and have no error.
    /// `structural`: pages may have moved, so remove stale files.
    pub(super) fn render_and_write(
        &mut self,
        dirty: BTreeSet<usize>,
        structural: bool,
        check: Check,
    ) -> Result<Done> {
        let n = dirty.len();
        let Some(pages) = self.render(dirty) else {
            return Ok((Vec::new(), 0));
        };
        let faulty = match &check {
            Check::Now => {
                self.problems.check =
                    check::run(&self.site.config, &self.site.model, &self.site.rendered);
                self.laps.lap("check");
                self.error_paths(None)
            }
            Check::Known => self.error_paths(None),
            Check::Later { fresh } => {
                self.check_due = Some(Instant::now() + CHECK_DELAY);
                self.error_paths(Some(fresh))
            }
        };
        let stash = matches!(check, Check::Later { .. });
        let mut changed = self.write_pages(pages, &faulty, stash)?;
        if structural {
            changed.extend(self.remove_stale_pages()?);
        }
        self.laps.lap("write");
        Ok((changed, n))
    }

    /// Render pages in parallel, keeping each one's Markdown facts; `None` when no
    /// renderer can be made (a template error in a shared partial).
    fn render(&mut self, dirty: BTreeSet<usize>) -> Option<Vec<(usize, String)>> {
        let renderer = match self.renderer() {
            Ok(r) => r,
            Err(e) => {
                self.problems.fatal.insert("render", fatal_text(&e));
                return None;
            }
        };
        let dirty: Vec<usize> = dirty
            .into_iter()
            .filter(|&i| i < self.site.model.pages.len())
            .collect();
        let results: Vec<(usize, Rendered, Result<String>)> = dirty
            .par_iter()
            .map(|&i| {
                let mut md = renderer.markdown(i);
                let html = renderer.page_html(i, &md);
                md.html = String::new();
                (i, md, html)
            })
            .collect();
        drop(renderer);
        self.laps.lap("render");
        self.problems.fatal.remove("render");
        let rendered = std::sync::Arc::make_mut(&mut self.site.rendered);
        let mut pages = Vec::with_capacity(results.len());
        for (i, md, html) in results {
            rendered[i] = md;
            let rel = &self.site.model.pages[i].rel;
            match html {
                Ok(h) => {
                    self.problems.render.remove(rel);
                    pages.push((i, h));
                }
                Err(e) => {
                    self.problems.render.insert(rel.clone(), fatal_text(&e));
                    self.problems.withheld.insert(rel.clone());
                }
            }
        }
        Some(pages)
    }

    /// Display paths of pages with an error. The whole-site checks' errors of pages
    /// in `fresh` are left out: they describe those pages before this change.
    fn error_paths(&self, fresh: Option<&BTreeSet<usize>>) -> HashSet<String> {
        let stale: HashSet<&str> = fresh
            .into_iter()
            .flatten()
            .filter_map(|&i| self.site.model.pages.get(i))
            .map(|p| p.display_path.as_str())
            .collect();
        let loaded = self
            .problems
            .files
            .values()
            .flatten()
            .chain(self.problems.assemble.iter());
        let checked = self
            .problems
            .check
            .iter()
            .filter(|d| !stale.contains(d.path.as_str()));
        loaded
            .chain(checked)
            .filter(|d| d.is_error())
            .map(|d| d.path.clone())
            .collect()
    }

    /// Write rendered pages, holding back those with errors that have a good version.
    /// `stash`: remember what each file held, to put it back if the checks object.
    fn write_pages(
        &mut self,
        pages: Vec<(usize, String)>,
        faulty: &HashSet<String>,
        stash: bool,
    ) -> Result<Vec<String>> {
        let mut changed = Vec::new();
        for (i, html) in pages {
            let page = &self.site.model.pages[i];
            let file = page_file(&page.path);
            if faulty.contains(&page.display_path) && self.out.has(&file) {
                self.problems.withheld.insert(page.rel.clone());
                continue;
            }
            if stash && !self.problems.unconfirmed.contains_key(&page.rel) {
                let before = self.out.read(&file);
                self.problems
                    .unconfirmed
                    .insert(page.rel.clone(), (file.clone(), before));
            }
            self.problems.withheld.remove(&page.rel);
            if self.out.put(&file, html.as_bytes(), Producer::Page)? {
                changed.push(file);
            }
        }
        Ok(changed)
    }

    /// Run the whole-site checks after pages were written: put back the last good
    /// version of any that now has an error, and write held-back pages that are good.
    pub(super) fn confirm(&mut self) -> Result<Vec<String>> {
        self.check_due = None;
        self.problems.check = check::run(&self.site.config, &self.site.model, &self.site.rendered);
        let faulty = self.error_paths(None);
        let mut changed = Vec::new();
        for (rel, (file, before)) in std::mem::take(&mut self.problems.unconfirmed) {
            let Some(page) = self.site.model.page_by_rel(&rel) else {
                continue;
            };
            if !faulty.contains(&page.display_path) || page_file(&page.path) != file {
                continue;
            }
            self.problems.withheld.insert(rel);
            if let Some(bytes) = before
                && self.out.put(&file, &bytes, Producer::Page)?
            {
                changed.push(file);
            }
        }
        let good: BTreeSet<usize> = self
            .problems
            .withheld
            .iter()
            .filter(|rel| !self.problems.render.contains_key(*rel))
            .filter_map(|rel| self.site.model.by_rel.get(rel).copied())
            .filter(|&i| !faulty.contains(&self.site.model.pages[i].display_path))
            .collect();
        if !good.is_empty() {
            changed.extend(self.render_and_write(good, false, Check::Known)?.0);
        }
        Ok(changed)
    }

    /// Remove page files no page writes any more.
    fn remove_stale_pages(&mut self) -> Result<Vec<String>> {
        let live: HashSet<String> = self
            .site
            .model
            .pages
            .iter()
            .map(|p| page_file(&p.path))
            .collect();
        let mut gone = Vec::new();
        for f in self.out.produced_by(Producer::Page) {
            if !live.contains(&f) {
                self.out.remove(&f)?;
                gone.push(f);
            }
        }
        Ok(gone)
    }
}
