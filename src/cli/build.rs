//! `guidebook build [SITE] [--out DIR] [--drafts] [--strict]`

use std::io::IsTerminal;
use std::path::PathBuf;

use clap::Args;

use super::Outcome;
use crate::content::Date;
use crate::error::Result;
use crate::pipeline::{self, BuildOptions};

#[derive(Debug, Args)]
pub struct BuildArgs {
    /// The site folder (holding guidebook.toml and content/, or just Markdown files).
    #[arg(default_value_os_t = super::default_site())]
    pub site: PathBuf,
    /// Where to write the site (default: SITE/public).
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
    let report = pipeline::build(&opts)?;
    if let Some(record) = &report.unchanged {
        eprint!("{}", record.report);
        return Ok(Outcome {
            summary: Some(format!(
                "Nothing changed since the last build ({} pages, {} {}) in {:.2}s; {} was left as it was",
                record.pages,
                record.warnings,
                plural(record.warnings, "warning", "warnings"),
                report.elapsed.as_secs_f64(),
                report.out.display()
            )),
            ..Outcome::default()
        });
    }
    let d = &report.diagnostics;
    let counts = format!(
        "{} {}, {} {}",
        d.errors(),
        plural(d.errors(), "error", "errors"),
        d.warnings(),
        plural(d.warnings(), "warning", "warnings")
    );
    let summary = if report.written {
        format!(
            "Built {} pages in {} sections ({counts}) in {:.2}s → {}",
            report.pages,
            report.sections,
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

fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}
