//! The pipeline: the only place the stages are sequenced.
//!
//! config → content (load) → render (Markdown + templates, in parallel, written to a
//! staging folder as each page is done) → check → output (site-wide files, then the
//! atomic swap). A content error stops the swap, so the previous site stays as it was.

mod check_only;
pub mod incremental;

pub use check_only::{CheckReport, CheckRunOptions, check};

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use walkdir::WalkDir;

use crate::check;
use crate::config::Config;
use crate::content::{self, LoadOptions, Site, urls::alias_path};
use crate::error::{Diagnostics, Error, Result};
use crate::output::{self, Staging, page_file};
use crate::render::{Renderer, Templates, markdown::Rendered};
use crate::search;

#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// The site folder.
    pub site: PathBuf,
    /// Output folder; `SITE/public` when not given.
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

#[derive(Debug)]
pub struct BuildReport {
    pub pages: usize,
    pub sections: usize,
    pub diagnostics: Diagnostics,
    pub out: PathBuf,
    pub elapsed: Duration,
    /// Whether the new site was swapped into place.
    pub written: bool,
}

/// Build the site. `Err` is a fatal failure; content problems are in the report, and
/// when any is an error the output folder is left as it was.
pub fn build(opts: &BuildOptions) -> Result<BuildReport> {
    let start = Instant::now();
    let config = Config::load(&opts.site)?.with_profile(opts.profile.as_deref())?;
    let out = opts
        .out
        .clone()
        .unwrap_or_else(|| config.root.join("public"));
    let staging = Staging::begin(&out)?;
    let load_opts = LoadOptions {
        drafts: opts.drafts,
        skip: vec![out.clone(), staging.dir().to_path_buf()],
    };
    let (site, mut diags) = content::load(&config, &load_opts)?;
    let templates = Templates::load(&config)?;
    let theme = output::theme_assets(&config)?;
    let renderer = Renderer::new(&config, &site, &templates, theme.urls.clone())?;
    let rendered = render_pages(&renderer, &staging, opts.progress, start)?;
    let check_opts = check::CheckOptions {
        today: opts.today.unwrap_or_else(|| check::CheckOptions::default().today),
    };
    diags.extend(check::run_with(&config, &site, &rendered, &check_opts));
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
    };
    if report.diagnostics.has_errors() {
        return Ok(report);
    }
    for (path, bytes) in &theme.files {
        staging.write(path, bytes)?;
    }
    write_site_files(&config, &site, &renderer, &staging)?;
    write_review_dashboard(&config, &site, &renderer, &staging, check_opts.today)?;
    search::build(&config, &site, &rendered, &renderer, &staging)?;
    staging.commit()?;
    report.written = true;
    report.elapsed = start.elapsed();
    Ok(report)
}

/// Render every page in parallel, writing each to the staging folder as it is done.
/// Returns what each page's Markdown held (links, anchors, text), without its HTML.
fn render_pages(
    renderer: &Renderer<'_>,
    staging: &Staging,
    progress: bool,
    start: Instant,
) -> Result<Vec<Rendered>> {
    let n = renderer.site.pages.len();
    let bar = ProgressBar::with_draw_target(Some(n as u64), ProgressDrawTarget::hidden());
    if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} pages") {
        bar.set_style(style);
    }
    let shown = AtomicBool::new(false);
    let result = (0..n)
        .into_par_iter()
        .map(|i| {
            let mut md = renderer.markdown(i);
            let html = renderer.page_html(i, &md)?;
            staging.write(&page_file(&renderer.site.pages[i].path), html.as_bytes())?;
            md.html = String::new();
            bar.inc(1);
            if progress
                && start.elapsed() > Duration::from_secs(1)
                && !shown.swap(true, Ordering::Relaxed)
            {
                bar.set_draw_target(ProgressDrawTarget::stderr());
            }
            Ok(md)
        })
        .collect::<Result<Vec<_>>>();
    bar.finish_and_clear();
    result
}

/// Everything beside the pages: 404, redirects, assets, static files, sitemap, robots.
pub(crate) fn write_site_files(
    config: &Config,
    site: &Site,
    renderer: &Renderer<'_>,
    staging: &Staging,
) -> Result<()> {
    staging.write("404.html", renderer.not_found_html()?.as_bytes())?;
    for (i, page) in site.pages.iter().enumerate() {
        for alias in &page.fm.aliases {
            let path = alias_path(alias);
            if !path.is_empty() {
                staging.write(&page_file(&path), renderer.redirect_html(i)?.as_bytes())?;
            }
        }
    }
    for asset in &site.assets {
        staging.copy(&asset.file, &asset.rel)?;
    }
    copy_tree(
        &config.theme_dir.join("static"),
        staging,
        &["style.css", "guidebook.js", "search.js"],
    )?;
    copy_tree(&config.static_dir, staging, &[])?;
    staging.write("robots.txt", output::robots_txt(config).as_bytes())?;
    if config.settings.output.sitemap {
        let mut entries: Vec<(String, Option<String>)> = site
            .pages
            .iter()
            .map(|p| (p.path.clone(), p.fm.reviewed.map(|d| d.to_string())))
            .collect();
        entries.sort();
        staging.write(
            "sitemap.xml",
            output::sitemap_xml(config, &entries).as_bytes(),
        )?;
    }
    Ok(())
}

/// The internal review dashboard at `/review/`, left out of profiles that drop
/// internal items (and where a page of the site already has that URL).
fn write_review_dashboard(
    config: &Config,
    site: &Site,
    renderer: &Renderer<'_>,
    staging: &Staging,
    today: crate::content::Date,
) -> Result<()> {
    let internal = crate::config::Visibility::Internal;
    if !content::profile::admits(config.profile.as_ref(), internal)
        || site.pages.iter().any(|p| p.path == "review/")
    {
        return Ok(());
    }
    let items = check::review::items(config, site, today);
    let data = serde_json::json!({ "items": items, "today": today.human() });
    let html = renderer.generated_html(
        "review.html",
        "Review dashboard",
        "Every page by the date its review is due, with its owner and status.",
        "review",
        &data,
    )?;
    staging.write("review/index.html", html.as_bytes())
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
