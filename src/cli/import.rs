//! `guidebook import SOURCE --out SITE [--from auto|jekyll|hugo|mkdocs]`: a new
//! guidebook site from a Jekyll, Hugo or MkDocs site, which is never changed.

use std::path::PathBuf;

use clap::Args;

use super::Outcome;
use crate::error::Result;
use crate::import::{self, Generator, ImportOptions};
use crate::pipeline::{self, CheckRunOptions};

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The site to import (the folder holding _config.yml, hugo.toml or mkdocs.yml).
    pub source: PathBuf,
    /// The new guidebook site: a folder that does not exist yet, or an empty one.
    #[arg(long, short)]
    pub out: PathBuf,
    /// Which generator made SOURCE (default: tell from its configuration file).
    #[arg(long, value_enum, default_value_t = Generator::Auto)]
    pub from: Generator,
}

pub fn run(a: ImportArgs) -> Result<Outcome> {
    let report = import::import(&ImportOptions {
        source: a.source.clone(),
        out: a.out.clone(),
        from: a.from,
    })?;
    let mut text = format!(
        "Imported {} {} and {} other {} of a {} site{} from {} into {}\n",
        report.pages,
        if report.pages == 1 { "page" } else { "pages" },
        report.files,
        if report.files == 1 { "file" } else { "files" },
        import::generator_name(report.generator),
        report
            .config_file
            .as_deref()
            .map(|f| format!(" ({f})"))
            .unwrap_or_default(),
        a.source.display(),
        a.out.display()
    );
    if !report.left.is_empty() {
        text.push_str("Not carried over as it was:\n");
        for ((what, which), (count, place)) in &report.left {
            let times = if *count == 1 {
                String::new()
            } else {
                format!(", {count} times")
            };
            let which = if which.is_empty() {
                String::new()
            } else {
                format!(" `{which}`")
            };
            text.push_str(&format!("  {what}{which}{times}, e.g. {place}\n"));
        }
    }
    let check = pipeline::check(&CheckRunOptions {
        site: a.out.clone(),
        strict: false,
        today: None,
        profile: None,
        drafts: false,
    })?;
    let (errors, warnings) = (check.diagnostics.errors(), check.diagnostics.warnings());
    text.push_str(&format!(
        "Checked the new site: {} pages, {errors} errors, {warnings} warnings (guidebook check {} lists them). ",
        check.pages,
        a.out.display()
    ));
    if errors == 0 {
        text.push_str(&format!(
            "Build it with: guidebook build {}",
            a.out.display()
        ));
    } else {
        text.push_str("Fix the errors above, then build it.");
    }
    // the errors are what stops the new site from building: they are the outcome
    let diagnostics = check
        .diagnostics
        .into_iter()
        .filter(|d| d.is_error())
        .collect();
    Ok(Outcome {
        summary: Some(text),
        diagnostics,
        failed: false,
    })
}
