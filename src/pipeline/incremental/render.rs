//! Rendering pages into the preview folder, the site-wide files, and putting a built
//! search index in place. A page whose new version has an error diagnostic (or whose
//! template fails) keeps its last good file; it is rendered again with every later
//! change until it is good.

use std::collections::{BTreeSet, HashSet};

use rayon::prelude::*;

use super::Preview;
use super::out::Producer;
use super::problems::fatal_text;
use super::steps::Done;
use crate::check;
use crate::error::Result;
use crate::output::{Staging, page_file};
use crate::render::Renderer;
use crate::render::markdown::Rendered;

impl Preview {
    /// Render pages `dirty`, check the site, and write the pages that changed and
    /// have no error. `structural`: pages may have moved, so remove stale files.
    pub(super) fn render_and_write(
        &mut self,
        dirty: BTreeSet<usize>,
        structural: bool,
    ) -> Result<Done> {
        let renderer = match self.renderer() {
            Ok(r) => r,
            Err(e) => {
                self.fatal.insert("render", fatal_text(&e));
                return Ok((Vec::new(), 0));
            }
        };
        let dirty: Vec<usize> = dirty
            .into_iter()
            .filter(|&i| i < self.site.pages.len())
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
        self.fatal.remove("render");
        let rendered = std::sync::Arc::make_mut(&mut self.rendered);
        let mut pages = Vec::with_capacity(results.len());
        for (i, md, html) in results {
            rendered[i] = md;
            let rel = &self.site.pages[i].rel;
            match html {
                Ok(h) => {
                    self.render_errors.remove(rel);
                    pages.push((i, h));
                }
                Err(e) => {
                    self.render_errors.insert(rel.clone(), fatal_text(&e));
                    self.withheld.insert(rel.clone());
                }
            }
        }
        self.check_diags = check::run(&self.config, &self.site, &self.rendered);
        let n = dirty.len();
        let mut changed = self.write_pages(pages)?;
        if structural {
            changed.extend(self.remove_stale_pages()?);
        }
        Ok((changed, n))
    }

    /// Write rendered pages, holding back those with errors that have a good version.
    fn write_pages(&mut self, pages: Vec<(usize, String)>) -> Result<Vec<String>> {
        let faulty: HashSet<String> = self
            .problems()
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .map(|d| d.path.clone())
            .collect();
        let mut changed = Vec::new();
        for (i, html) in pages {
            let page = &self.site.pages[i];
            let file = page_file(&page.path);
            if faulty.contains(&page.display_path) && self.out.has(&file) {
                self.withheld.insert(page.rel.clone());
                continue;
            }
            self.withheld.remove(&page.rel);
            if self.out.put(&file, html.as_bytes(), Producer::Page)? {
                changed.push(file);
            }
        }
        Ok(changed)
    }

    /// Remove page files no page writes any more.
    fn remove_stale_pages(&mut self) -> Result<Vec<String>> {
        let live: HashSet<String> = self.site.pages.iter().map(|p| page_file(&p.path)).collect();
        let mut gone = Vec::new();
        for f in self.out.produced_by(Producer::Page) {
            if !live.contains(&f) {
                self.out.remove(&f)?;
                gone.push(f);
            }
        }
        Ok(gone)
    }

    /// A renderer of the current site, with the version switcher.
    pub(super) fn renderer(&self) -> Result<Renderer<'_>> {
        Ok(Renderer::new(
            &self.config,
            &self.site,
            &self.templates,
            self.theme.urls.clone(),
        )?
        .with_editions(&self.nav, 0))
    }

    /// Theme assets, 404, alias pages, copied files, robots.txt, sitemap.xml, the
    /// review dashboard and "What changed", by the full build's own code.
    pub(super) fn site_files(&mut self) -> Result<Vec<String>> {
        let staging = Staging::begin(&self.work.join("scratch-site"))?;
        let renderer = self.renderer()?;
        let today = crate::check::CheckOptions::default().today;
        super::super::write_current_site_files(
            &renderer,
            &self.theme,
            &self.snapshots,
            &staging,
            today,
        )?;
        drop(renderer);
        self.out.sync(staging.dir(), Producer::SiteFiles, |_| true)
    }

    /// Put a finished search build (`_search/` and the search page) in place.
    pub(super) fn take_search(&mut self, built: Result<Staging>) -> Result<Vec<String>> {
        let staging = built?;
        self.fatal.remove("search");
        let from = staging.dir().join("_search");
        let mut changed = Vec::new();
        if from.is_dir() {
            self.out.swap_dir("_search", &from, Producer::Search)?;
            changed.push("_search/".to_string());
        }
        let own_page = self.site.pages.iter().any(|p| p.path == "search/");
        let page = staging.dir().join("search/index.html");
        if !own_page && page.is_file() {
            let bytes = std::fs::read(&page).map_err(|e| crate::error::Error::read(&page, e))?;
            if self
                .out
                .put("search/index.html", &bytes, Producer::Search)?
            {
                changed.push("search/index.html".into());
            }
        }
        Ok(changed)
    }
}
