//! `guidebook build [SITE] [--out DIR] [--drafts] [--strict] [--profile P] [--today DATE]`

use std::io::IsTerminal;
use std::path::PathBuf;

use clap::Args;

use super::Outcome;
use crate::content::Date;
use crate::error::{Error, Result};
use crate::pipeline::{self, BuildOptions};

#[derive(Debug, Args)]
pub struct BuildArgs {
    /// The site folder (holding guidebook.toml and content/, or just Markdown files).
    #[arg(default_value_os_t = super::default_site())]
    pub site: PathBuf,
    /// Where to write the site (default: SITE/public, or SITE/public-P with --profile P).
    #[arg(long, short)]
    pub out: Option<PathBuf>,
    /// Include pages marked `draft = true`.
    #[arg(long)]
    pub drafts: bool,
    /// Treat warnings as errors.
    #[arg(long)]
    pub strict: bool,
    /// Build a profile from guidebook.toml, e.g. `public` (leaves out internal items).
    #[arg(long)]
    pub profile: Option<String>,
    /// Measure review dates against this day (YYYY-MM-DD) instead of today.
    #[arg(long, env = "GUIDEBOOK_TODAY", value_parser = parse_date)]
    pub today: Option<Date>,
}

/// Parse a `YYYY-MM-DD` command-line date.
pub fn parse_date(s: &str) -> Result<Date, String> {
    Date::parse(s).ok_or_else(|| format!("`{s}` is not a date; write it as YYYY-MM-DD"))
}

pub fn run(a: BuildArgs) -> Result<Outcome> {
    let opts = BuildOptions {
        site: a.site,
        out: a.out,
        drafts: a.drafts,
        progress: std::io::stderr().is_terminal(),
        strict: a.strict,
        today: a.today,
        profile: a.profile,
    };
    let report = pipeline::build(&opts).map_err(|e| match e {
        Error::Usage(_) | Error::Busy { .. } => e,
        cause => Error::BuildFailed {
            cause: Box::new(cause),
            out: opts.out_dir(),
        },
    })?;
    if let Some(record) = &report.unchanged {
        eprint!("{}", record.report);
        return Ok(Outcome {
            summary: Some(format!(
                "Nothing changed since the last build ({}, {}) in {:.2}s; {} was left as it was",
                count(record.pages, "page", "pages"),
                count(record.warnings, "warning", "warnings"),
                report.elapsed.as_secs_f64(),
                report.out.display()
            )),
            ..Outcome::default()
        });
    }
    let d = &report.diagnostics;
    let counts = format!(
        "{}, {}",
        count(d.errors(), "error", "errors"),
        count(d.warnings(), "warning", "warnings")
    );
    let summary = if report.written {
        let warning = report
            .swap_warning
            .as_ref()
            .map(|w| format!("warning: {w}\n"))
            .unwrap_or_default();
        format!(
            "{warning}Built {} in {} ({counts}) in {:.2}s → {}",
            count(report.pages, "page", "pages"),
            count(report.sections, "section", "sections"),
            report.elapsed.as_secs_f64(),
            report.out.display()
        )
    } else {
        format!(
            "Build failed ({counts}); {} was left as it was",
            report.out.display()
        )
    };
    Ok(Outcome {
        failed: !report.written,
        summary: Some(summary),
        diagnostics: report.diagnostics,
    })
}

/// `1 page`, `2 pages`.
fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", plural(n, one, many))
}

fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}
