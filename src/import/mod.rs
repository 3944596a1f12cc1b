//! Import: turn a Jekyll, Hugo or MkDocs site into a configured guidebook site.
//!
//! SOURCE is read (never written): its configuration gives `guidebook.toml` (title,
//! base URL, language), its pages are read as a bare folder (so every convention
//! guidebook adopts from other generators applies), then each page is written to
//! `content/` with its front matter in guidebook's keys, its template tags expanded
//! and its links made relative, in MkDocs' `nav` order; aliases stay aliases and
//! other files are copied. Everything is written to a hidden sibling of SITE and
//! renamed into place at the end, so a failed import leaves nothing behind. The
//! report lists what could not be carried over.

pub mod nav;
mod pages;
pub mod source;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

pub use source::Generator;

use crate::config::{Config, Settings};
use crate::content::{self, LoadOptions, Site};
use crate::error::{Error, Result, Severity};

#[derive(Debug, Clone)]
pub struct ImportOptions {
    pub source: PathBuf,
    pub out: PathBuf,
    pub from: Generator,
}

/// What an import did.
#[derive(Debug, Clone)]
pub struct ImportReport {
    pub generator: Generator,
    pub config_file: Option<String>,
    pub pages: usize,
    pub files: usize,
    /// What could not be carried over: (what, which) → (how many, first place).
    pub left: BTreeMap<(String, String), (usize, String)>,
}

/// Import `opts.source` into the new site `opts.out`.
pub fn import(opts: &ImportOptions) -> Result<ImportReport> {
    check_out(&opts.source, &opts.out)?;
    let src = source::read(&opts.source, opts.from)?;
    if !src.content_dir.is_dir() {
        return Err(Error::Usage(format!(
            "{} has no pages: {} is not a folder",
            opts.source.display(),
            src.content_dir.display()
        )));
    }
    let config = Config::resolve(&src.content_dir, Settings::default(), false);
    let load = LoadOptions {
        drafts: true,
        skip: src.skip.clone(),
    };
    let (site, diags) = content::load(&config, &load)?;
    let mut report = ImportReport {
        generator: src.generator,
        config_file: src.config_file.clone(),
        pages: 0,
        files: 0,
        left: BTreeMap::new(),
    };
    for d in diags.iter().filter(|d| d.severity != Severity::Error) {
        let what = match (d.code, d.severity) {
            ("front-matter", _) => "front matter field",
            ("duplicate-url", Severity::Warning) if d.message.starts_with("this page's URL") => {
                "URL (another page had it)"
            }
            ("duplicate-url", _) if d.message.contains(" is not copied: ") => "file",
            ("duplicate-url", _) => "alias",
            _ => continue,
        };
        let which = d.key.clone().unwrap_or_else(|| d.message.clone());
        note(&mut report, what, which, &d.path);
    }
    let staging = staging_dir(&opts.out);
    let written = write_all(&src, &site, &staging, &mut report);
    if let Err(e) = written {
        let _ = std::fs::remove_dir_all(&staging);
        return Err(e);
    }
    if opts.out.is_dir() {
        std::fs::remove_dir(&opts.out).map_err(|e| Error::write(&opts.out, e))?;
    }
    std::fs::rename(&staging, &opts.out).map_err(|e| Error::write(&opts.out, e))?;
    Ok(report)
}

fn note(report: &mut ImportReport, what: &str, which: String, place: &str) {
    let entry = report
        .left
        .entry((what.to_string(), which))
        .or_insert((0, place.to_string()));
    entry.0 += 1;
}

/// SITE must be new or an empty folder, and outside SOURCE.
fn check_out(source: &Path, out: &Path) -> Result<()> {
    if !source.is_dir() {
        return Err(Error::Usage(format!(
            "{} is not a folder",
            source.display()
        )));
    }
    if out.exists() {
        let empty = out.is_dir()
            && std::fs::read_dir(out)
                .map_err(|e| Error::read(out, e))?
                .next()
                .is_none();
        if !empty {
            return Err(Error::Usage(format!(
                "{} already exists and is not empty; import into a new folder",
                out.display()
            )));
        }
    }
    let abs = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let src = source.canonicalize().unwrap_or_else(|_| abs(source));
    let parent = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let dest = parent
        .canonicalize()
        .map(|p| p.join(out.file_name().unwrap_or_default()))
        .unwrap_or_else(|_| abs(out));
    if dest.starts_with(&src) {
        return Err(Error::Usage(format!(
            "{} is inside {}; import into a folder outside the site you import, which is never changed",
            out.display(),
            source.display()
        )));
    }
    Ok(())
}

fn staging_dir(out: &Path) -> PathBuf {
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "site".into());
    out.with_file_name(format!(".{name}.guidebook-import"))
}

fn write_all(
    src: &source::Source,
    site: &Site,
    staging: &Path,
    report: &mut ImportReport,
) -> Result<()> {
    if staging.exists() {
        std::fs::remove_dir_all(staging).map_err(|e| Error::write(staging, e))?;
    }
    write(
        &staging.join(crate::config::CONFIG_FILE),
        settings_toml(src).as_bytes(),
    )?;
    let places = pages::new_places(site);
    let nav: HashMap<String, (i64, Option<String>)> = src
        .nav
        .as_ref()
        .map(nav::pages)
        .unwrap_or_default()
        .into_iter()
        .map(|n| (n.rel, (n.weight, n.title)))
        .collect();
    let content = staging.join("content");
    for (i, page) in site
        .pages
        .iter()
        .enumerate()
        .filter(|(_, p)| p.file.is_some())
    {
        let (text, left) = pages::convert(site, i, &places, nav.get(&page.rel));
        write(&content.join(&places[&page.rel]), text.as_bytes())?;
        for (what, which) in left {
            note(report, what, which, &page.display_path);
        }
        report.pages += 1;
    }
    for asset in &site.assets {
        if carried(src.generator, &asset.rel) {
            copy(&asset.file, &content.join(&asset.rel))?;
            report.files += 1;
        } else if src.config_file.as_deref() != Some(asset.rel.as_str()) {
            note(report, "file", asset.rel.clone(), &asset.rel);
        }
    }
    for dir in src.static_dirs.iter().filter(|d| d.is_dir()) {
        for entry in walkdir::WalkDir::new(dir)
            .into_iter()
            .filter_map(|e| e.ok())
        {
            if entry.file_type().is_file() {
                let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
                copy(entry.path(), &staging.join("static").join(rel))?;
                report.files += 1;
            }
        }
    }
    Ok(())
}

/// Whether a file beside the pages is part of the site (not a Jekyll build file).
fn carried(generator: Generator, rel: &str) -> bool {
    if generator != Generator::Jekyll {
        return true;
    }
    let first = rel.split('/').next().unwrap_or(rel);
    let build_files = [
        "Gemfile",
        "Gemfile.lock",
        "Rakefile",
        "package.json",
        "package-lock.json",
        "_config.yml",
        "_config.yaml",
        "CNAME",
    ];
    !(first.starts_with('_') || build_files.contains(&rel) || rel.ends_with(".gemspec"))
}

/// `guidebook.toml` for the imported site.
fn settings_toml(src: &source::Source) -> String {
    let mut t = toml::Table::new();
    for (k, v) in [
        ("title", &src.title),
        ("description", &src.description),
        ("base_url", &src.base_url),
        ("language", &src.language),
    ] {
        if !v.is_empty() {
            t.insert(k.into(), v.clone().into());
        }
    }
    let mut links = toml::Table::new();
    links.insert("broken".into(), "warning".into());
    t.insert("links".into(), toml::Value::Table(links));
    format!(
        "# Written by `guidebook import` from a {} site. Links that reach no page are\n# warnings until they are fixed; then remove [links] to make them errors.\n{}",
        generator_name(src.generator),
        toml::to_string(&t).unwrap_or_default()
    )
}

pub fn generator_name(g: Generator) -> &'static str {
    match g {
        Generator::Jekyll => "Jekyll",
        Generator::Hugo => "Hugo",
        Generator::Mkdocs => "MkDocs",
        Generator::Auto => "Markdown",
    }
}

fn write(path: &Path, bytes: &[u8]) -> Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| Error::write(parent, e))?;
    }
    std::fs::write(path, bytes).map_err(|e| Error::write(path, e))
}

fn copy(from: &Path, to: &Path) -> Result<()> {
    if let Some(parent) = to.parent() {
        std::fs::create_dir_all(parent).map_err(|e| Error::write(parent, e))?;
    }
    std::fs::copy(from, to)
        .map(|_| ())
        .map_err(|e| Error::write(to, e))
}
