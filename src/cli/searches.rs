//! `guidebook searches FILE [--top N] [--since DATE] [--json]`: what staff searched
//! for on the host's results page, and what found nothing, read from the log
//! `guidebook host --search-log FILE` writes (and FILE.1, its older half).
//!
//! Reading and wording only: the counting is [`crate::search::gaps`]. The report
//! goes to stdout; a warning about lines that are not log entries to stderr.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use clap::Args;

use super::Outcome;
use super::build::parse_date;
use crate::content::Date;
use crate::error::{Error, Result};
use crate::search::gaps::{self, Count, Entry, Report};

#[derive(Debug, Args)]
pub struct SearchesArgs {
    /// The search log written by `guidebook host --search-log FILE` (FILE.1 is read
    /// too when it is there).
    pub file: PathBuf,
    /// How many queries each list shows.
    #[arg(long, default_value_t = 20, value_parser = clap::value_parser!(u32).range(1..))]
    pub top: u32,
    /// Count only searches made on this day (UTC) or later, YYYY-MM-DD.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub since: Option<Date>,
    /// Print the report as JSON: {"zero_results": [{"query", "count"}], "top": [...]}.
    #[arg(long)]
    pub json: bool,
}

pub fn run(a: SearchesArgs) -> Result<Outcome> {
    let (entries, read) = read_logs(&a.file)?;
    let since = a.since.map(|d| d.0);
    let report = gaps::report(&entries, since, a.top as usize);
    let text = if a.json {
        let mut s = serde_json::to_string_pretty(&report).unwrap_or_default();
        s.push('\n');
        s
    } else {
        table(&report, &read, a.since.map(|d| d.0.to_string()))
    };
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
    Ok(Outcome::default())
}

/// The entries of FILE.1 (older) then FILE, and the files read. Lines that are not
/// entries are skipped with one warning that counts them and names the first.
fn read_logs(file: &Path) -> Result<(Vec<Entry>, Vec<PathBuf>)> {
    let text = std::fs::read_to_string(file).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => Error::Usage(format!(
            "{} does not exist; `guidebook host DIR --search-log {}` writes it",
            file.display(),
            file.display()
        )),
        _ => Error::read(file, e),
    })?;
    let older = gaps::older_half(file);
    let mut files = Vec::new();
    if older.is_file() {
        let t = std::fs::read_to_string(&older).map_err(|e| Error::read(&older, e))?;
        files.push((older, t));
    }
    files.push((file.to_path_buf(), text));
    let mut entries = Vec::new();
    let mut bad: Vec<String> = Vec::new();
    for (path, text) in &files {
        for (n, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            match Entry::parse(line) {
                Some(e) => entries.push(e),
                None => bad.push(format!("{}:{}", path.display(), n + 1)),
            }
        }
    }
    if let Some(first) = bad.first() {
        let what = match bad.len() {
            1 => "1 line is not a search-log entry and was skipped".to_string(),
            n => format!("{n} lines are not search-log entries and were skipped"),
        };
        eprintln!("warning: {what} (the first is {first})");
    }
    Ok((entries, files.into_iter().map(|(p, _)| p).collect()))
}

/// The report as two tables for people.
fn table(r: &Report, read: &[PathBuf], since: Option<String>) -> String {
    let files: Vec<String> = read.iter().map(|p| p.display().to_string()).collect();
    let since = since.map(|d| format!(" since {d}")).unwrap_or_default();
    let searches = match r.searches {
        1 => "1 search".to_string(),
        n => format!("{n} searches"),
    };
    let queries = match r.queries {
        1 => "1 query".to_string(),
        n => format!("{n} different queries"),
    };
    let mut out = format!(
        "{searches} ({queries}){since} in {}.\n",
        files.join(" and ")
    );
    out.push_str("\nSearched for and found nothing: write or tag a page for these.\n");
    out.push_str(&counts(&r.zero_results));
    out.push_str("\nSearched for most:\n");
    out.push_str(&counts(&r.top));
    out
}

/// `  count  query` rows, or `  none`.
fn counts(rows: &[Count]) -> String {
    if rows.is_empty() {
        return "  none\n".into();
    }
    let width = rows
        .iter()
        .map(|c| c.count.to_string().len())
        .max()
        .unwrap_or(1)
        .max("count".len());
    let mut out = format!("  {:>width$}  query\n", "count");
    for c in rows {
        out.push_str(&format!("  {:>width$}  {}\n", c.count, c.query));
    }
    out
}
