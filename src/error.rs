//! Errors and diagnostics: the two kinds of failure guidebook reports.
//!
//! [`Error`] is a fatal failure (IO, configuration, template compile, usage): the run
//! stops and `main` exits 2. [`Diagnostic`] is a problem in the content (bad front
//! matter, broken link, unknown contact): every one found is collected in
//! [`Diagnostics`], printed rustc-style, and the run exits 1 if any is an error.
//! This module owns the wording and layout of both; it does no IO of its own.

use std::fmt::{self, Write as _};
use std::path::PathBuf;

use serde::Serialize;

/// A fatal failure. Every variant that concerns a file carries its path.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("cannot read {path}")]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot write {path}")]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{0}")]
    Config(Box<Diagnostic>),
    #[error("template error in {path}:{line}:{column}: {message}")]
    Template {
        path: String,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{0}")]
    Usage(String),
    #[error(
        "refusing to replace {path}: it exists but was not created by guidebook (no {marker} file in it)"
    )]
    ForeignOutput { path: PathBuf, marker: &'static str },
    /// A build stopped by `cause`; the output folder `out` was left as it was.
    #[error("{cause}")]
    BuildFailed { cause: Box<Error>, out: PathBuf },
    #[error("{}", busy_message(*pid, out))]
    Busy { pid: Option<u32>, out: PathBuf },
    #[error("{0}")]
    Other(String),
}

fn busy_message(pid: Option<u32>, out: &std::path::Path) -> String {
    let who = match pid {
        Some(p) => format!("another guidebook process (pid {p})"),
        None => "another guidebook process".into(),
    };
    format!(
        "{who} is writing {}; wait for it to finish, then run the command again",
        out.display()
    )
}

/// An error and its causes on one line: `cannot write x: Permission denied`.
pub fn chain(e: &(dyn std::error::Error + 'static)) -> String {
    let mut out = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        out.push_str(": ");
        out.push_str(&s.to_string());
        source = s.source();
    }
    out
}

impl Error {
    /// A short helper for IO errors that arise while reading `path`.
    pub fn read(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Read {
            path: path.into(),
            source,
        }
    }

    /// The error to print, and the line that closes the report (for a failed build:
    /// "Build failed; OUT was left as it was").
    pub fn with_trailer(self) -> (Error, Option<String>) {
        match self {
            Error::BuildFailed { cause, out } => (
                *cause,
                Some(format!(
                    "Build failed; {} was left as it was",
                    out.display()
                )),
            ),
            e => (e, None),
        }
    }

    /// A short helper for IO errors that arise while writing `path`.
    pub fn write(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Write {
            path: path.into(),
            source,
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// How serious a content problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Something guidebook left aside on purpose (another generator's key in a bare
    /// folder, say): listed by `--verbose` and in JSON, never counted as a warning.
    Note,
    Warning,
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

/// One content problem, located in a file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// A stable, documented code such as `front-matter` or `broken-link`.
    pub code: &'static str,
    /// Path as shown to the user, relative to the site folder.
    pub path: String,
    /// 1-based line, 0 when the problem concerns the whole file.
    pub line: usize,
    /// 1-based column, 0 when unknown.
    pub column: usize,
    pub message: String,
    pub hint: Option<String>,
    /// The offending source line, printed under the location.
    #[serde(skip)]
    pub source_line: Option<String>,
    /// How many characters to underline from `column`.
    #[serde(skip)]
    pub span: usize,
    /// What the problem is about (a field name, a link target, a shortcode name):
    /// reports group repeated diagnostics by code and key.
    #[serde(skip)]
    pub key: Option<String>,
}

impl Diagnostic {
    pub fn new(severity: Severity, code: &'static str, path: impl Into<String>) -> Self {
        Diagnostic {
            severity,
            code,
            path: path.into(),
            line: 0,
            column: 0,
            message: String::new(),
            hint: None,
            source_line: None,
            span: 0,
            key: None,
        }
    }

    pub fn error(code: &'static str, path: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic::new(Severity::Error, code, path).message(message)
    }

    pub fn warning(
        code: &'static str,
        path: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic::new(Severity::Warning, code, path).message(message)
    }

    pub fn message(mut self, message: impl Into<String>) -> Self {
        self.message = message.into();
        self
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// What the problem is about, for grouping repeated diagnostics in a report.
    pub fn key(mut self, key: impl Into<String>) -> Self {
        self.key = Some(key.into());
        self
    }

    /// A note: listed by `--verbose` and in JSON, not a warning.
    pub fn note(code: &'static str, path: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic::new(Severity::Note, code, path).message(message)
    }

    /// Locate the problem at `line:column` of `source` (the whole file text), keeping the
    /// line's text for display and underlining `span` characters.
    pub fn at(mut self, source: &str, line: usize, column: usize, span: usize) -> Self {
        self.line = line;
        self.column = column.max(1);
        self.span = span.max(1);
        self.source_line = source
            .lines()
            .nth(line.saturating_sub(1))
            .map(|l| l.trim_end().to_string());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The rustc-style text of this diagnostic, without colour.
    pub fn render(&self) -> String {
        let mut out = format!("{}[{}]: {}\n", self.severity, self.code, self.message);
        let gutter = if self.line > 0 {
            self.line.to_string().len()
        } else {
            1
        };
        let pad = " ".repeat(gutter);
        if self.line > 0 {
            let _ = writeln!(
                out,
                "{pad}--> {}:{}:{}",
                self.path,
                self.line,
                self.column.max(1)
            );
        } else {
            let _ = writeln!(out, "{pad}--> {}", self.path);
        }
        if let (Some(text), true) = (&self.source_line, self.line > 0) {
            let _ = writeln!(out, "{pad} |");
            let _ = writeln!(out, "{} | {}", self.line, text);
            let lead: String = text
                .chars()
                .take(self.column.saturating_sub(1))
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            let _ = writeln!(out, "{pad} | {lead}{}", "^".repeat(self.span.max(1)));
        }
        if let Some(hint) = &self.hint {
            let _ = writeln!(out, "{pad} = help: {hint}");
        }
        out
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render())
    }
}

/// Every diagnostic of a run, in a stable order (path, line, column, code).
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(other);
    }

    pub fn errors(&self) -> usize {
        self.items.iter().filter(|d| d.is_error()).count()
    }

    pub fn warnings(&self) -> usize {
        self.count(Severity::Warning)
    }

    /// How many diagnostics have `severity`.
    pub fn count(&self, severity: Severity) -> usize {
        self.items.iter().filter(|d| d.severity == severity).count()
    }

    pub fn has_errors(&self) -> bool {
        self.errors() > 0
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Turn every warning into an error (`--strict`); notes stay notes.
    pub fn make_strict(&mut self) {
        for d in &mut self.items {
            if d.severity == Severity::Warning {
                d.severity = Severity::Error;
            }
        }
    }

    /// Give each warning or error the severity `level(code)` returns for its rule,
    /// where it returns one (a site's `[check]` table); notes stay notes.
    pub fn set_levels(&mut self, level: impl Fn(&str) -> Option<Severity>) {
        for d in &mut self.items {
            if d.severity != Severity::Note
                && let Some(s) = level(d.code)
            {
                d.severity = s;
            }
        }
    }

    /// Turn every error into a warning (a bare folder of another generator's pages
    /// always builds; `--strict` runs after this and turns them back).
    pub fn soften(&mut self) {
        soften(&mut self.items);
    }

    /// Sort into the order they are printed: by file, then position.
    pub fn sort(&mut self) {
        self.items.sort_by(|a, b| {
            (&a.path, a.line, a.column, a.code, &a.message)
                .cmp(&(&b.path, b.line, b.column, b.code, &b.message))
        });
        self.items.dedup();
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    pub fn into_vec(self) -> Vec<Diagnostic> {
        self.items
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

impl FromIterator<Diagnostic> for Diagnostics {
    fn from_iter<I: IntoIterator<Item = Diagnostic>>(iter: I) -> Self {
        Diagnostics {
            items: iter.into_iter().collect(),
        }
    }
}

/// Turn every error of `items` into a warning: what a bare folder's problems are.
pub fn soften(items: &mut [Diagnostic]) {
    for d in items {
        if d.severity == Severity::Error {
            d.severity = Severity::Warning;
        }
    }
}

/// The closest of `candidates` to `word`, if it is close enough to be a likely typo.
pub fn did_you_mean<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let word_l = word.to_ascii_lowercase();
    candidates
        .iter()
        .map(|c| (strsim::damerau_levenshtein(&word_l, c), *c))
        .filter(|(d, c)| {
            let limit = if c.len() <= 4 { 1 } else { 2 };
            *d <= limit
        })
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_rustc_style() {
        let src = "+++\ntittle = \"Travel\"\n+++\n";
        let d = Diagnostic::error(
            "front-matter",
            "content/travel.md",
            "unknown field `tittle`, did you mean `title`?",
        )
        .at(src, 2, 1, 6)
        .hint("rename it to `title`");
        assert_eq!(
            d.render(),
            "error[front-matter]: unknown field `tittle`, did you mean `title`?\n \
             --> content/travel.md:2:1\n  |\n2 | tittle = \"Travel\"\n  | ^^^^^^\n  \
             = help: rename it to `title`\n"
        );
    }

    #[test]
    fn suggests_near_misses_only() {
        let known = ["title", "summary", "tags", "owner"];
        assert_eq!(did_you_mean("tittle", &known), Some("title"));
        assert_eq!(did_you_mean("sumary", &known), Some("summary"));
        assert_eq!(did_you_mean("layout", &known), None);
        assert_eq!(did_you_mean("tag", &known), Some("tags"));
    }
}
