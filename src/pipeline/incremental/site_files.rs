//! The files beside the pages, by the full build's own code: theme assets, 404,
//! alias pages, copied files, robots.txt, sitemap.xml, the review dashboard and "What
//! changed"; and putting a finished search index build in place.

use super::Preview;
use super::site_files_job::Inputs;
use crate::error::Result;
use crate::output::Staging;
use crate::output::live::Producer;
use crate::render::Renderer;

impl Preview {
    /// A renderer of the current site, with the version switcher.
    pub(super) fn renderer(&self) -> Result<Renderer<'_>> {
        Ok(Renderer::new(
            &self.site.config,
            &self.site.model,
            &self.site.templates,
            self.site.theme.urls.clone(),
        )?
        .with_editions(&self.editions.nav, 0))
    }

    /// Theme assets, 404, alias pages, copied files, robots.txt, sitemap.xml, the
    /// review dashboard and "What changed", by the full build's own code.
    pub(super) fn site_files(&mut self) -> Result<Vec<String>> {
        let staging = Staging::begin(&self.work.join("scratch-site"))?;
        let renderer = self.renderer()?;
        let today = crate::check::CheckOptions::default().today;
        super::super::write_current_site_files(
            &renderer,
            &self.site.theme,
            &self.editions.snapshots,
            &staging,
            today,
        )?;
        drop(renderer);
        self.out.sync(staging.dir(), Producer::SiteFiles, |_| true)
    }

    /// Write the site-wide files on a thread ([`super::site_files_job`]); when no
    /// thread can be started, try again shortly.
    pub(super) fn start_site_files(&mut self) {
        let inputs = Inputs {
            snap: self.snapshot(),
            theme: self.site.theme.clone(),
            editions: self.editions.snapshots.clone(),
            today: crate::check::CheckOptions::default().today,
        };
        if !self.site_job.start(inputs) {
            self.site_files_due = Some(std::time::Instant::now() + super::JOB_POLL);
        }
    }

    /// Put the files a site-files job wrote in place, then the editions when they
    /// are due (templates or theme changed).
    pub(super) fn take_site_files(&mut self, written: Result<Staging>) -> Result<Vec<String>> {
        let staging = written?;
        let mut changed = self
            .out
            .sync(staging.dir(), Producer::SiteFiles, |_| true)?;
        if std::mem::take(&mut self.editions.due) {
            changed.extend(self.build_editions()?);
        }
        Ok(changed)
    }

    /// Put a finished search build (`_search/` and the search page) in place.
    pub(super) fn take_search(&mut self, built: Result<Staging>) -> Result<Vec<String>> {
        let staging = built?;
        self.problems.fatal.remove("search");
        let from = staging.dir().join("_search");
        let mut changed = Vec::new();
        if from.is_dir() {
            self.out.swap_dir("_search", &from, Producer::Search)?;
            changed.push("_search/".to_string());
        }
        let own_page = self.site.model.pages.iter().any(|p| p.path == "search/");
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
