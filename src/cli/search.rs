//! `guidebook search QUERY [--site DIR] [--kind K] [--limit N] [--json]`: search a
//! built site's index from the terminal. Prints the hits on stdout (the contact who
//! answers the query first, then the pages), or the results as JSON.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use clap::Args;

use super::Outcome;
use crate::content::Kind;
use crate::error::{Error, Result};
use crate::search::{
    MAX_LIMIT, MAX_QUERY_CHARS, SearchRequest, SearchResults, Searcher, html::kind_label,
};

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// What to look for: words, "a quoted phrase" or a question.
    #[arg(required = true, num_args = 1..)]
    pub query: Vec<String>,
    /// The built site (the output folder of `guidebook build`), or a site folder whose
    /// `public/` holds one.
    #[arg(long, default_value = "public")]
    pub site: PathBuf,
    /// Only pages of this kind: guidance, legislation, case-study, checklist, training,
    /// support, contact or decision.
    #[arg(long)]
    pub kind: Option<String>,
    /// How many pages to show, 1 to 50 (the contact who answers is shown besides them).
    #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u16).range(1..=MAX_LIMIT as i64))]
    pub limit: u16,
    /// Print the results as JSON.
    #[arg(long)]
    pub json: bool,
}

pub fn run(a: SearchArgs) -> Result<Outcome> {
    if let Some(k) = &a.kind
        && Kind::from_name(k).is_none()
    {
        let names: Vec<&str> = crate::content::kind::PAGE_KINDS
            .iter()
            .map(|k| k.name())
            .collect();
        return Err(Error::Usage(format!(
            "unknown kind `{k}`; use one of: {}",
            names.join(", ")
        )));
    }
    let q = a.query.join(" ");
    if q.chars().count() > MAX_QUERY_CHARS {
        return Err(Error::Usage(format!(
            "the query is longer than {MAX_QUERY_CHARS} characters; search for fewer words"
        )));
    }
    let searcher = Searcher::open(&index_dir(&a.site))?;
    let results = searcher.search(&SearchRequest {
        q: &q,
        kind: a.kind.as_deref(),
        limit: usize::from(a.limit),
        offset: 0,
    })?;
    let text = if a.json {
        let pretty = serde_json::to_string_pretty(&results).unwrap_or_default();
        format!("{}\n", crate::search::escape_json_text(&pretty))
    } else {
        let bold = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
        plain(&results, searcher.url_prefix(), bold)
    };
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
    Ok(Outcome::default())
}

/// `DIR/_search`, or `DIR/public/_search` when DIR is a site folder.
fn index_dir(site: &Path) -> PathBuf {
    let direct = site.join("_search");
    let nested = site.join("public").join("_search");
    if !direct.is_dir() && nested.is_dir() {
        nested
    } else {
        direct
    }
}

/// The results as text for a terminal.
pub fn plain(r: &SearchResults, prefix: &str, bold: bool) -> String {
    let mut out = String::new();
    let mut n = 0;
    for hit in &r.hits {
        if let Some(c) = &hit.contact {
            let role = [c.role.as_str(), c.team.as_str()]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(", ");
            out.push_str(&format!(
                "Contact: {}{}\n",
                c.name,
                if role.is_empty() {
                    String::new()
                } else {
                    format!(" ({role})")
                }
            ));
            let details: Vec<String> = [
                c.email.clone(),
                c.phone.clone(),
                format!("{prefix}{}", c.url),
            ]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect();
            out.push_str(&format!("         {}\n\n", details.join(" · ")));
            continue;
        }
        n += 1;
        out.push_str(&format!(
            "{n:>2}. {} ({})\n",
            hit.title,
            kind_label(&hit.kind)
        ));
        out.push_str(&format!("    {prefix}{}\n", hit.url));
        out.push_str(&format!("    {}\n\n", terminal_text(&hit.snippet, bold)));
    }
    out.push_str(&closing_line(r, n));
    out
}

/// How many pages match and how many are shown. The contact who answers the query
/// is counted apart from the pages: "1 contact and 2 pages match".
fn closing_line(r: &SearchResults, shown: usize) -> String {
    let q = r.query.trim();
    let contact = r.hits.iter().any(|h| h.contact.is_some());
    let pages = r.total;
    let matched = match (contact, pages) {
        (false, 0) => return format!("No pages match \"{q}\".\n"),
        (false, 1) => "1 page matches".to_string(),
        (false, p) => format!("{p} pages match"),
        (true, 0) => "1 contact matches".to_string(),
        (true, 1) => "1 contact and 1 page match".to_string(),
        (true, p) => format!("1 contact and {p} pages match"),
    };
    if shown < pages {
        format!("{matched} \"{q}\"; showing {shown} of the pages.\n")
    } else {
        format!("{matched} \"{q}\".\n")
    }
}

/// A snippet's HTML as terminal text: entities decoded, marks in bold (or plain).
fn terminal_text(html: &str, bold: bool) -> String {
    let (on, off) = if bold {
        ("\x1b[1m", "\x1b[22m")
    } else {
        ("", "")
    };
    html.replace("<mark>", on)
        .replace("</mark>", off)
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}
