//! `guidebook edition cut ID [--title T] [--date YYYY-MM-DD] [--summary S] | list |
//! diff A B [--brief] | at YYYY-MM-DD`, each with `--site DIR`.
//!
//! Arguments and wording only: the work is in [`crate::editions`]. Listings and
//! diffs go to stdout; refusals and content problems to stderr.

use std::io::Write as _;
use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::Outcome;
use super::build::parse_date;
use crate::config::Config;
use crate::content::Date;
use crate::editions::cut::{CutOptions, cut};
use crate::editions::diff::{self, Comparison, Period};
use crate::editions::{Edition, Registry, edition_config, pages};
use crate::error::{Error, Result, did_you_mean};

#[derive(Debug, Args)]
pub struct EditionArgs {
    #[command(subcommand)]
    pub action: Action,
    /// The site folder.
    #[arg(long, global = true, default_value_os_t = super::default_site())]
    pub site: PathBuf,
}

#[derive(Debug, Subcommand)]
pub enum Action {
    /// Freeze content/ into editions/ID/ and record it in editions/editions.toml.
    Cut {
        /// The new edition's id, e.g. 2026-03.
        id: String,
        /// Its title (default: from the id, "March 2026" for 2026-03).
        #[arg(long)]
        title: Option<String>,
        /// Its date, YYYY-MM-DD (default: today).
        #[arg(long, value_parser = parse_date)]
        date: Option<Date>,
        /// Its summary (default: what changed since the latest edition).
        #[arg(long)]
        summary: Option<String>,
    },
    /// List the published editions, oldest first.
    List,
    /// Compare two editions (or `current`, the live content/): pages added, removed
    /// and changed, with a text diff of each changed page.
    Diff {
        a: String,
        b: String,
        /// Only list the pages, without their text diffs.
        #[arg(long)]
        brief: bool,
    },
    /// Name the edition in force on a date.
    At {
        #[arg(value_parser = parse_date)]
        date: Date,
    },
}

pub fn run(a: EditionArgs) -> Result<Outcome> {
    let config = Config::load(&a.site)?;
    match a.action {
        Action::Cut {
            id,
            title,
            date,
            summary,
        } => run_cut(
            &config,
            CutOptions {
                id,
                title,
                date,
                summary,
                today: Date(chrono::Local::now().date_naive()),
            },
        ),
        Action::List => {
            print(&list_text(&Registry::load(&config)?));
            Ok(Outcome::default())
        }
        Action::Diff { a, b, brief } => {
            print(&diff_text(&config, &a, &b, brief)?);
            Ok(Outcome::default())
        }
        Action::At { date } => at(&Registry::load(&config)?, date),
    }
}

fn print(text: &str) {
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
}

fn run_cut(config: &Config, opts: CutOptions) -> Result<Outcome> {
    match cut(config, &opts)? {
        Ok(r) => {
            let e = &r.edition;
            let mut files = pages(r.pages);
            if r.files > 0 {
                files.push_str(&format!(
                    " and {} other {}",
                    r.files,
                    if r.files == 1 { "file" } else { "files" }
                ));
            }
            print(&format!(
                "Cut edition {} ({}, {}): {files} frozen in {}/\n{}\n",
                e.id,
                e.title,
                e.date.human(),
                config.display_path(&r.dir),
                e.summary
            ));
            Ok(Outcome::default())
        }
        Err(diagnostics) => Ok(Outcome {
            diagnostics,
            summary: Some(format!(
                "Edition {} was not cut: fix the errors above first",
                opts.id
            )),
            failed: true,
        }),
    }
}

/// The `edition list` table.
pub fn list_text(registry: &Registry) -> String {
    if registry.editions.is_empty() {
        return "No editions yet: cut one with `guidebook edition cut ID`.\n".into();
    }
    let rows: Vec<[String; 4]> = registry
        .editions
        .iter()
        .map(|e| {
            [
                e.id.clone(),
                e.date.to_string(),
                e.title.clone(),
                e.summary.clone(),
            ]
        })
        .collect();
    let header = ["ID", "DATE", "TITLE", "SUMMARY"].map(String::from);
    let width = |c: usize| {
        std::iter::once(&header)
            .chain(&rows)
            .map(|r| r[c].chars().count())
            .max()
            .unwrap_or(0)
    };
    let widths = [width(0), width(1), width(2)];
    let mut out = String::new();
    for r in std::iter::once(&header).chain(&rows) {
        let line = format!(
            "{:w0$}  {:w1$}  {:w2$}  {}",
            r[0],
            r[1],
            r[2],
            r[3],
            w0 = widths[0],
            w1 = widths[1],
            w2 = widths[2]
        );
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// One side of `edition diff`: an edition, or the live content.
struct Side {
    edition: Option<Edition>,
    config: Config,
    /// Folder as shown in diff headers.
    label: String,
}

fn side(config: &Config, registry: &Registry, name: &str) -> Result<Side> {
    if name == "current" {
        let shown = config.display_path(&config.content_dir);
        return Ok(Side {
            edition: None,
            label: if shown.is_empty() { ".".into() } else { shown },
            config: config.clone(),
        });
    }
    let Some(e) = registry.get(name) else {
        let ids: Vec<&str> = registry.editions.iter().map(|e| e.id.as_str()).collect();
        let hint = match did_you_mean(name, &ids) {
            Some(s) => format!("; did you mean `{s}`?"),
            None if ids.is_empty() => "; there is no edition yet".into(),
            None => format!("; the editions are {}", ids.join(", ")),
        };
        return Err(Error::Usage(format!(
            "unknown edition `{name}` (use an edition id, or `current` for the live content){hint}"
        )));
    };
    let ed_config = edition_config(config, &e.id);
    Ok(Side {
        label: config.display_path(&ed_config.content_dir),
        edition: Some(e.clone()),
        config: ed_config,
    })
}

fn describe(s: &Side) -> String {
    match &s.edition {
        Some(e) => format!("edition {} ({}, {})", e.id, e.title, e.date.human()),
        None => format!("the current content ({}/)", s.label),
    }
}

/// The `edition diff` report.
pub fn diff_text(config: &Config, a: &str, b: &str, brief: bool) -> Result<String> {
    let registry = Registry::load(config)?;
    let (old, new) = (side(config, &registry, a)?, side(config, &registry, b)?);
    let period = Period {
        since: old.edition.as_ref().map(|e| e.date),
        until: new.edition.as_ref().map(|e| e.date),
    };
    let labels = (!brief).then_some((old.label.as_str(), new.label.as_str()));
    let (old_docs, new_docs) = (diff::read_dir(&old.config)?, diff::read_dir(&new.config)?);
    let c = diff::compare(&old_docs, &new_docs, period, labels);
    let mut out = format!(
        "Comparing {} with {}:\n{}\n",
        describe(&old),
        describe(&new),
        counts(&c)
    );
    let lists = [("Added", '+', &c.added), ("Removed", '-', &c.removed)];
    for (label, mark, entries) in lists {
        push_entries(&mut out, label, mark, entries.iter());
    }
    push_entries(&mut out, "Changed", '~', c.changed.iter().map(|x| &x.entry));
    for x in c.changed.iter().filter(|x| !x.diff.is_empty()) {
        out.push('\n');
        out.push_str(&x.diff);
    }
    Ok(out)
}

fn counts(c: &Comparison) -> String {
    if c.added.is_empty() && c.removed.is_empty() && c.changed.is_empty() {
        return "No page was added, removed or changed.".into();
    }
    format!(
        "{} added, {} removed, {} changed.",
        pages(c.added.len()),
        c.removed.len(),
        c.changed.len()
    )
}

fn push_entries<'a>(
    out: &mut String,
    label: &str,
    mark: char,
    entries: impl ExactSizeIterator<Item = &'a diff::Entry>,
) {
    if entries.len() == 0 {
        return;
    }
    out.push_str(&format!("\n{label}:\n"));
    for e in entries {
        out.push_str(&format!("  {mark} {}  {}\n", e.rel, e.title));
        for n in &e.notes {
            out.push_str(&format!("      {}: {}\n", n.date.human(), n.note));
        }
    }
}

fn at(registry: &Registry, date: Date) -> Result<Outcome> {
    let Some((e, next)) = registry.in_force(date) else {
        let why = match registry.editions.first() {
            Some(f) => format!("the first, {}, dates from {}", f.id, f.date.human()),
            None => "there is no edition yet".into(),
        };
        return Ok(Outcome {
            summary: Some(format!(
                "No edition was in force on {}: {why}",
                date.human()
            )),
            failed: true,
            ..Outcome::default()
        });
    };
    let until = match next {
        Some(n) => format!(
            "in force from {} until replaced by {} on {}",
            e.date.human(),
            n.id,
            n.date.human()
        ),
        None => format!("in force since {} (the latest edition)", e.date.human()),
    };
    print(&format!("{} ({}): {until}\n", e.id, e.title));
    Ok(Outcome::default())
}
