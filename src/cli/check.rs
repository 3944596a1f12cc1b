//! `guidebook check [SITE] [--format text|json] [--strict] [--today DATE] [--profile P]`
//!
//! Runs every rule without writing output. `--format json` prints one document on
//! stdout (schema in the README: `version`, `summary`, `diagnostics`, `review`).

use std::io::Write as _;
use std::path::PathBuf;

use clap::{Args, ValueEnum};
use serde::Serialize;

use super::Outcome;
use super::build::parse_date;
use crate::check::review::ReviewItem;
use crate::content::Date;
use crate::error::{Diagnostic, Error, Result};
use crate::pipeline::{self, CheckRunOptions};

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Format {
    Text,
    Json,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The site folder.
    #[arg(default_value_os_t = super::default_site())]
    pub site: PathBuf,
    /// `text` (rustc-style, on stderr) or `json` (one document on stdout).
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Treat warnings as errors.
    #[arg(long)]
    pub strict: bool,
    /// Measure review dates against this day (YYYY-MM-DD) instead of today.
    #[arg(long, env = "GUIDEBOOK_TODAY", value_parser = parse_date)]
    pub today: Option<Date>,
    /// Check the site as this profile would build it, e.g. `public`.
    #[arg(long)]
    pub profile: Option<String>,
    /// Include pages marked `draft = true`.
    #[arg(long)]
    pub drafts: bool,
}

/// The JSON document `check --format json` prints. Version 1; fields only ever added.
#[derive(Serialize)]
struct JsonReport<'a> {
    version: u32,
    summary: Summary,
    diagnostics: Vec<&'a Diagnostic>,
    review: &'a [ReviewItem],
}

#[derive(Serialize)]
struct Summary {
    pages: usize,
    errors: usize,
    warnings: usize,
}

pub fn run(a: CheckArgs) -> Result<Outcome> {
    let opts = CheckRunOptions {
        site: a.site,
        strict: a.strict,
        today: a.today,
        profile: a.profile,
        drafts: a.drafts,
    };
    let report = pipeline::check(&opts)?;
    let d = &report.diagnostics;
    let (errors, warnings) = (d.errors(), d.warnings());
    match a.format {
        Format::Json => {
            let doc = JsonReport {
                version: 1,
                summary: Summary {
                    pages: report.pages,
                    errors,
                    warnings,
                },
                diagnostics: d.iter().collect(),
                review: &report.review,
            };
            let text =
                serde_json::to_string_pretty(&doc).map_err(|e| Error::Other(e.to_string()))?;
            // a closed pipe (`| head`) is not an error worth a panic
            let _ = writeln!(std::io::stdout().lock(), "{text}");
            Ok(Outcome {
                failed: errors > 0,
                ..Outcome::default()
            })
        }
        Format::Text => Ok(Outcome {
            summary: Some(format!(
                "Checked {} pages: {errors} {}, {warnings} {}",
                report.pages,
                if errors == 1 { "error" } else { "errors" },
                if warnings == 1 { "warning" } else { "warnings" },
            )),
            diagnostics: report.diagnostics,
            failed: false,
        }),
    }
}
