//! The pipeline: the only place the stages are sequenced.
//!
//! config → content (load) → render (Markdown + templates, in parallel, written to a
//! staging folder as each page is done) → check → output (site-wide files, then the
//! atomic swap). A content error stops the swap, so the previous site stays as it was.

mod check_only;
mod editions;
pub mod incremental;
mod progress;
mod section_files;
mod timings;

use progress::Progress;
use timings::Stopwatch;

pub use check_only::{CheckReport, CheckRunOptions, check};

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::check;
use crate::config::Config;
use crate::content::{self, Date, LoadOptions, Site, urls::alias_path};
use crate::editions::changelog::ChangeLog;
use crate::editions::snapshot::{self, Snapshot};
use crate::error::{Diagnostics, Error, Result};
use crate::output::{self, Staging, ThemeAssets, headers, page_file};
use crate::render::editions::EditionsNav;
use crate::render::print::{Part, Printout, Stamp};
use crate::render::{Renderer, Templates, markdown::Rendered};
use crate::search;

#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// The site folder.
    pub site: PathBuf,
    /// Output folder; `SITE/public` (`SITE/public-P` for profile P) when not given.
    pub out: Option<PathBuf>,
    pub drafts: bool,
    /// Show a progress bar on a terminal for builds that take over a second.
    pub progress: bool,
    /// Turn warnings into errors.
    pub strict: bool,
    /// The date review rules measure against (default: today).
    pub today: Option<crate::content::Date>,
    /// Build only what this profile admits (`None`: everything).
    pub profile: Option<String>,
}

impl BuildOptions {
    /// Where the build writes: `--out`, else `SITE/public`, else for a profile P
    /// `SITE/public-P`, so a profile's build never replaces the full one.
    pub fn out_dir(&self) -> PathBuf {
        match (&self.out, &self.profile) {
            (Some(out), _) => out.clone(),
            (None, Some(p)) => self.site.join(format!("public-{p}")),
            (None, None) => self.site.join("public"),
        }
    }
}

#[derive(Debug)]
pub struct BuildReport {
    pub pages: usize,
    pub sections: usize,
    pub diagnostics: Diagnostics,
    pub out: PathBuf,
    pub elapsed: Duration,
    /// Whether the new site was swapped into place.
    pub written: bool,
    /// Nothing changed since the build that wrote the output folder: it was left as
    /// it was, and this is what that build reported.
    pub unchanged: Option<output::BuildRecord>,
    /// The new site is in place, but cleaning up after the swap failed.
    pub swap_warning: Option<String>,
}

/// Build the site. `Err` is a fatal failure; content problems are in the report, and
/// when any is an error the output folder is left as it was.
pub fn build(opts: &BuildOptions) -> Result<BuildReport> {
    let start = Instant::now();
    let watch = Stopwatch::from_env();
    let config = Config::load(&opts.site)?.with_profile(opts.profile.as_deref())?;
    let out = opts.out_dir();
    let today = opts
        .today
        .unwrap_or_else(|| check::CheckOptions::default().today);
    let options = format!(
        "profile={:?} drafts={} strict={} today={today}",
        opts.profile, opts.drafts, opts.strict
    );
    // The lock is taken first: a build waiting for another one to finish then
    // finds the output that build wrote.
    let staging = Staging::begin(&out)?;
    let fingerprint = content::fingerprint::compute(&config, &options, std::slice::from_ref(&out))?;
    if let Some(record) = output::read_record(&out).filter(|r| r.fingerprint == fingerprint) {
        return Ok(BuildReport {
            pages: record.pages,
            sections: record.sections,
            diagnostics: Diagnostics::new(),
            out,
            elapsed: start.elapsed(),
            written: false,
            unchanged: Some(record),
            swap_warning: None,
        });
    }
    watch.lap("fingerprint");
    let progress = Progress::new(opts.progress);
    progress.stage("Reading");
    let load_opts = LoadOptions {
        drafts: opts.drafts,
        skip: vec![out.clone(), staging.dir().to_path_buf()],
    };
    let (site, diags) = content::load(&config, &load_opts)?;
    content::require_pages(&config, &site, &load_opts.skip)?;
    watch.lap("load");
    let (snapshots, edition_diags) =
        snapshot::load_all(&config, &load_opts, &cache_options(opts), &out)?;
    let templates = Templates::load(&config)?;
    watch.lap("editions and templates");
    let theme = output::theme_assets(&config)?;
    let nav = editions::nav(&config, &site, &snapshots);
    let shared = Shared {
        templates: &templates,
        theme: &theme,
        nav: &nav,
        snapshots: &snapshots,
        strict: opts.strict,
        progress: &progress,
        watch: &watch,
    };
    let current = Job {
        config: &config,
        site: &site,
        base: "",
        edition: "",
        reading: 0,
        today,
    };
    let mut diags = build_site(&current, diags, &shared, &staging)?;
    progress.stage("Editions");
    diags.extend(edition_diags);
    diags.extend(editions::build_all(
        &snapshots,
        &shared,
        &staging,
        &out,
        &load_opts,
        editions::Carry::Adopt,
    )?);
    watch.lap("archived editions");
    if opts.strict {
        diags.make_strict();
    }
    diags.sort();
    let mut report = BuildReport {
        pages: site.pages.len(),
        sections: site.sections.len(),
        diagnostics: diags,
        out: out.clone(),
        elapsed: start.elapsed(),
        written: false,
        unchanged: None,
        swap_warning: None,
    };
    if report.diagnostics.has_errors() {
        return Ok(report);
    }
    progress.stage("Saving");
    staging.record(&output::BuildRecord {
        fingerprint,
        pages: report.pages,
        sections: report.sections,
        warnings: report.diagnostics.warnings(),
        report: crate::report::text(&report.diagnostics, crate::report::Detail::Grouped),
    })?;
    watch.lap("record");
    report.swap_warning = staging.commit()?.warning;
    watch.lap("swap");
    report.written = true;
    report.elapsed = start.elapsed();
    progress.finish();
    Ok(report)
}

/// One site of a build: the current site (`base` empty) or an archived edition
/// (`base` = `editions/<id>/`, with a config that reads its snapshot).
struct Job<'a> {
    config: &'a Config,
    site: &'a Site,
    /// The output sub-folder the site is written to.
    base: &'a str,
    /// The edition's id (`""` for the current site), kept in its search index.
    edition: &'a str,
    /// Which site of the edition switcher this is.
    reading: usize,
    /// The date review rules measure against (an edition's own date).
    today: Date,
}

/// What every site of a build shares.
struct Shared<'a> {
    templates: &'a Templates,
    theme: &'a ThemeAssets,
    nav: &'a EditionsNav,
    snapshots: &'a [Snapshot],
    strict: bool,
    /// The build's progress bar; only the current site's stages move it.
    progress: &'a Progress,
    watch: &'a Stopwatch,
}

/// Render and check one site; when it has no error, write its files and search
/// index too. Returns its diagnostics, after `diags` (those found loading it).
fn build_site(
    job: &Job<'_>,
    mut diags: Diagnostics,
    shared: &Shared<'_>,
    staging: &Staging,
) -> Result<Diagnostics> {
    let (config, site) = (job.config, job.site);
    let renderer = Renderer::new(config, site, shared.templates, shared.theme.urls.clone())?
        .with_editions(shared.nav, job.reading);
    let current = job.base.is_empty();
    let hidden = Progress::hidden();
    let progress = if current { shared.progress } else { &hidden };
    progress.pages("Rendering", site.pages.len());
    let target = search::Target {
        base: job.base,
        edition: job.edition,
    };
    // Made from the pages' metadata alone, so made while memory is lowest (at 100,000
    // pages its template context was the largest allocation after render), and
    // written with the other site-wide files.
    let dashboard = match current {
        true => review_dashboard_html(config, site, &renderer, job.today)?,
        false => None,
    };
    crate::util::memory::release_free_memory();
    shared.watch.lap("review dashboard");
    let log = current
        .then(|| editions::change_log(&renderer, shared.snapshots))
        .flatten();
    let stamp = section_files::stamp(log.as_ref(), job.today);
    let indexer = search::begin(staging, target, site.pages.len())?;
    let printouts = current.then_some(&stamp);
    let rendered = render_pages(&renderer, staging, job.base, progress, &indexer, printouts)?;
    shared.watch.lap("render, write and index pages");
    let built = indexer.commit(site)?;
    crate::util::memory::release_free_memory();
    shared.watch.lap("search index");
    progress.stage("Checking");
    let check_opts = check::CheckOptions { today: job.today };
    diags.extend(check::run_with(config, site, &rendered, &check_opts));
    // what the checks read of each page is not needed by the steps after them
    drop(rendered);
    crate::util::memory::release_free_memory();
    if job.base.is_empty() && !diags.has_errors() {
        // said only of a build that writes a site
        diags.extend(output::sitemap_warning(config));
    }
    shared.watch.lap("check");
    if shared.strict {
        diags.make_strict();
    }
    if diags.has_errors() {
        return Ok(diags);
    }
    progress.stage("Writing");
    if current {
        write_files_beside_pages(
            &renderer,
            shared.theme,
            log.as_ref(),
            staging,
            dashboard.as_deref(),
        )?;
    } else {
        write_page_files(site, &renderer, staging, job.base)?;
        write_tag_pages(&renderer, staging, job.base)?;
        write_sitemap(config, site, staging, job.base)?;
    }
    crate::util::memory::release_free_memory();
    shared.watch.lap("site files");
    progress.stage("Indexing");
    let lap = |stage: &str| shared.watch.lap(stage);
    search::finish(config, site, &built, &renderer, staging, target, &lap)?;
    Ok(diags)
}

/// The build options that change what is written (not where).
fn cache_options(opts: &BuildOptions) -> String {
    let shaping = BuildOptions {
        site: PathBuf::new(),
        out: None,
        progress: false,
        today: None,
        ..opts.clone()
    };
    format!("{shaping:?}")
}

/// Render every page in parallel, writing each to the staging folder (under `base`)
/// and giving it to the search `indexer` as it is done. Returns what each page's
/// Markdown held for the checks (links, anchors), without its HTML or text, so no
/// page's text is held until the last page is rendered.
fn render_pages(
    renderer: &Renderer<'_>,
    staging: &Staging,
    base: &str,
    progress: &Progress,
    indexer: &search::Indexer<'_>,
    printouts: Option<&Stamp>,
) -> Result<Vec<Rendered>> {
    let site = renderer.site;
    // each section's pages, so its printout is made from the pages as they are rendered
    let mut sections: Vec<Vec<usize>> = vec![Vec::new(); site.sections.len() + 1];
    for (i, page) in site.pages.iter().enumerate() {
        let s = page.section.min(site.sections.len());
        sections[s].push(i);
    }
    let pass = PagePass {
        renderer,
        staging,
        base,
        progress,
        indexer,
    };
    let done: Vec<Vec<(usize, Rendered)>> = sections
        .into_par_iter()
        .enumerate()
        .map(|(s, pages)| pass.section(s, &pages, printouts))
        .collect::<Result<_>>()?;
    // every page is in one section: back in page order
    let mut rendered: Vec<(usize, Rendered)> = done.into_iter().flatten().collect();
    rendered.sort_unstable_by_key(|(i, _)| *i);
    debug_assert!(rendered.iter().enumerate().all(|(k, (i, _))| k == *i));
    Ok(rendered.into_iter().map(|(_, md)| md).collect())
}

/// What rendering a site's pages writes to.
struct PagePass<'a> {
    renderer: &'a Renderer<'a>,
    staging: &'a Staging,
    base: &'a str,
    progress: &'a Progress,
    indexer: &'a search::Indexer<'a>,
}

impl PagePass<'_> {
    /// Render, write and index the pages of section `s` (`pages`), and write its
    /// printout (when `printouts` gives its stamp) from them. Returns each page's
    /// number and what the checks need of it.
    fn section(
        &self,
        s: usize,
        pages: &[usize],
        printouts: Option<&Stamp>,
    ) -> Result<Vec<(usize, Rendered)>> {
        let site = self.renderer.site;
        let printout = printouts
            .filter(|_| s < site.sections.len())
            .and_then(|_| Printout::new(self.renderer, s));
        let done: Vec<(usize, Rendered, Option<Part>)> = pages
            .par_iter()
            .map(|&i| {
                let mut md = self.page(i)?;
                let part = printout
                    .as_ref()
                    .and_then(|p| p.part(self.renderer, i, &mut md));
                md.keep_for_checks();
                self.progress.inc();
                Ok((i, md, part))
            })
            .collect::<Result<_>>()?;
        let mut parts = Vec::new();
        let rendered = done
            .into_iter()
            .map(|(i, md, part)| {
                parts.extend(part);
                (i, md)
            })
            .collect();
        if let (Some(printout), Some(stamp)) = (printout, printouts) {
            let html = printout.html(self.renderer, stamp, parts)?;
            let file = format!("{}{}", self.base, page_file(printout.path()));
            self.staging.write(&file, html.as_bytes())?;
        }
        Ok(rendered)
    }

    /// Render page `i`, write its HTML and add it to the search index.
    fn page(&self, i: usize) -> Result<Rendered> {
        let renderer = self.renderer;
        let md = renderer.markdown(i);
        let html = renderer.page_html(i, &md)?;
        let file = format!("{}{}", self.base, page_file(&renderer.site.pages[i].path));
        self.staging.write(&file, html.as_bytes())?;
        self.indexer.add(renderer.site, i, &md)?;
        Ok(md)
    }
}

/// The current site's files beside its pages and search index, review dashboard
/// included ([`write_files_beside_pages`]). Called by the live preview
/// ([`incremental`]), which renders pages itself; a full build makes the dashboard
/// before its pages.
fn write_current_site_files(
    renderer: &Renderer<'_>,
    theme: &ThemeAssets,
    snapshots: &[Snapshot],
    staging: &Staging,
    today: Date,
) -> Result<()> {
    let (config, site) = (renderer.config, renderer.site);
    let dashboard = review_dashboard_html(config, site, renderer, today)?;
    let log = editions::change_log(renderer, snapshots);
    write_files_beside_pages(renderer, theme, log.as_ref(), staging, dashboard.as_deref())?;
    let stamp = section_files::stamp(log.as_ref(), today);
    section_files::write_printouts(renderer, &stamp, staging)
}

/// Theme assets, 404, redirects, copied files, tag pages, sitemap, robots, the review
/// dashboard made already (`dashboard`), "What changed", the headers and redirects for
/// other web servers, each section's feed and printable version (`section_files`).
fn write_files_beside_pages(
    renderer: &Renderer<'_>,
    theme: &ThemeAssets,
    log: Option<&ChangeLog>,
    staging: &Staging,
    dashboard: Option<&str>,
) -> Result<()> {
    let (config, site) = (renderer.config, renderer.site);
    for (path, bytes) in &theme.files {
        staging.write(path, bytes)?;
    }
    write_site_files(config, site, renderer, staging)?;
    write_server_files(config, site, theme, staging)?;
    if let Some(html) = dashboard {
        staging.write("review/index.html", html.as_bytes())?;
    }
    write_site_map(renderer, staging)?;
    if let Some(log) = log {
        editions::write_changes(renderer, log, staging)?;
    }
    section_files::write_feeds(renderer, log, staging)
}

/// The HTML site map at `/sitemap/`, unless a page of the site has that URL.
fn write_site_map(renderer: &Renderer<'_>, staging: &Staging) -> Result<()> {
    let site = renderer.site;
    if site.pages.iter().any(|p| p.path == "sitemap/") {
        return Ok(());
    }
    let sections = crate::render::site_map::sections(renderer.config, site);
    let html = renderer.generated_html(
        "sitemap.html",
        "Site map",
        "Every section of this site and the pages listed in it.",
        "site_map",
        &serde_json::json!(sections),
    )?;
    staging.write("sitemap/index.html", html.as_bytes())
}

/// `_headers`, `_redirects` and `_redirects.nginx`: what `guidebook host` adds to the
/// files (security headers, cache rules, redirects from old URLs), for other servers.
fn write_server_files(
    config: &Config,
    site: &Site,
    theme: &ThemeAssets,
    staging: &Staging,
) -> Result<()> {
    let prefix = &config.url_prefix;
    let assets: Vec<&str> = theme.files.iter().map(|(path, _)| path.as_str()).collect();
    let redirects = headers::redirects(site, prefix);
    staging.write(
        "_headers",
        headers::headers_file(prefix, &assets).as_bytes(),
    )?;
    staging.write("_redirects", headers::redirects_file(&redirects).as_bytes())?;
    staging.write(
        "_redirects.nginx",
        headers::nginx_map(&redirects).as_bytes(),
    )
}

/// Everything beside the pages: 404, redirects, assets, static files, sitemap, robots.
fn write_site_files(
    config: &Config,
    site: &Site,
    renderer: &Renderer<'_>,
    staging: &Staging,
) -> Result<()> {
    staging.write("404.html", renderer.not_found_html()?.as_bytes())?;
    write_page_files(site, renderer, staging, "")?;
    write_tag_pages(renderer, staging, "")?;
    // the printouts are written with the pages, before these files, and win
    let printouts = section_files::printout_files(renderer);
    let printouts: Vec<&str> = printouts.iter().map(String::as_str).collect();
    let theme_own = ["style.css", "guidebook.js", "search.js"];
    copy_tree(
        &config.theme_dir.join("static"),
        staging,
        &[&theme_own[..], &printouts].concat(),
    )?;
    copy_tree(&config.static_dir, staging, &printouts)?;
    staging.write("robots.txt", output::robots_txt(config).as_bytes())?;
    write_sitemap(config, site, staging, "")
}

/// `sitemap.xml` of the site published under `base`, when the config asks for one
/// and `base_url` names the host its absolute addresses need.
fn write_sitemap(config: &Config, site: &Site, staging: &Staging, base: &str) -> Result<()> {
    if let Some(origin) = output::origin(config).filter(|_| config.settings.output.sitemap) {
        let mut entries: Vec<(String, Option<String>)> = site
            .pages
            .iter()
            .map(|p| (p.path.clone(), p.fm.reviewed.map(|d| d.to_string())))
            .chain(site.tags.page_paths().into_iter().map(|p| (p, None)))
            .collect();
        entries.sort();
        staging.write(
            &format!("{base}sitemap.xml"),
            output::sitemap_xml(config, origin, &entries).as_bytes(),
        )?;
    }
    Ok(())
}

/// The files that go with the pages of a site published under `base`: redirects
/// from aliases, vCards and triage steps, and the images and documents beside the pages.
fn write_page_files(
    site: &Site,
    renderer: &Renderer<'_>,
    staging: &Staging,
    base: &str,
) -> Result<()> {
    for (i, page) in site.pages.iter().enumerate() {
        for alias in &page.fm.aliases {
            let path = alias_path(alias);
            if !path.is_empty() {
                let file = format!("{base}{}", page_file(&path));
                staging.write(&file, renderer.redirect_html(i)?.as_bytes())?;
            }
        }
    }
    for (path, bytes) in crate::render::kinds::extra_files(renderer)? {
        staging.write(&format!("{base}{path}"), &bytes)?;
    }
    for asset in &site.assets {
        staging.copy(&asset.file, &format!("{base}{}", asset.rel))?;
    }
    Ok(())
}

/// `/tags/` and a page per tag of the site published under `base` (none when the
/// site has pages of its own under `tags/`).
fn write_tag_pages(renderer: &Renderer<'_>, staging: &Staging, base: &str) -> Result<()> {
    crate::render::tags::pages(renderer, &|path, html| {
        staging.write(&format!("{base}{path}"), html.as_bytes())
    })
}

/// The HTML of the internal review dashboard at `/review/`, or `None` in profiles
/// that drop internal items (and where a page of the site already has that URL).
fn review_dashboard_html(
    config: &Config,
    site: &Site,
    renderer: &Renderer<'_>,
    today: crate::content::Date,
) -> Result<Option<String>> {
    let internal = crate::config::Visibility::Internal;
    if !content::profile::admits(config.profile.as_ref(), internal)
        || site.pages.iter().any(|p| p.path == "review/")
    {
        return Ok(None);
    }
    let items = check::review::items(config, site, today);
    let data = ReviewDashboard {
        overdue: items
            .iter()
            .filter(|i| i.status == check::review::Status::Overdue)
            .collect(),
        items: &items,
        today: today.human(),
    };
    renderer
        .generated_html(
            "review.html",
            "Review dashboard",
            "Every page by the date its review is due, with its owner and status.",
            "review",
            &data,
        )
        .map(Some)
}

/// What the review dashboard's template sees as `review`. Handed to the template
/// engine as it is, not through a JSON value first: at 100,000 pages a JSON copy of
/// every item was the build's largest passing allocation.
#[derive(serde::Serialize)]
struct ReviewDashboard<'a> {
    items: &'a [check::review::ReviewItem],
    overdue: Vec<&'a check::review::ReviewItem>,
    today: String,
}

/// Copy every file under `dir` into the output at the same relative path.
fn copy_tree(dir: &Path, staging: &Staging, except: &[&str]) -> Result<()> {
    if !dir.is_dir() {
        return Ok(());
    }
    for entry in WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.map_err(|e| Error::read(dir, e.into()))?;
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry
            .path()
            .strip_prefix(dir)
            .unwrap_or(entry.path())
            .to_string_lossy()
            .replace('\\', "/");
        if except.contains(&rel.as_str()) {
            continue;
        }
        staging.copy(entry.path(), &rel)?;
    }
    Ok(())
}
