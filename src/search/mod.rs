//! Search: a tantivy index built with the site, queried from the terminal, by the
//! host server and, through a static export of the same index, by the browser alone.
//!
//! Input (at build time): the [`Site`] and each page's [`Rendered`] Markdown, the same
//! model the pages are rendered from. Output, under the output folder's `_search/`:
//! `index/` (tantivy), `static/` (the export `search.js` ranks from when no server
//! answers: `meta.json`, term shards `t/`, position shards `p/`, word shards `w/`,
//! one record per page in `d/`), and the search page `search/index.html`.
//! [`query::Searcher`] opens `_search/` read-only. Only [`index`] and [`export`]
//! write, and only into the staging folder they are given.
//!
//! Files: `analyze.rs` (words → terms), `schema.rs` (the one schema), `index.rs`
//! (build), `export.rs` + `shards.rs` (static export), `plan.rs` (query → groups of
//! alternatives, shared semantics with search.js), `query.rs` (ranked hits),
//! `stats.rs` (the BM25 figures of an open index, kept), `top.rs` (count and best
//! pages, page order between equal scores),
//! `snippet.rs` (highlighted, escaped snippets), `html.rs` (results markup),
//! `page.rs` (the search page), `gaps.rs` (the search log's lines and the report of
//! what staff searched for and did not find).

pub mod analyze;
pub mod export;
pub mod gaps;
pub mod html;
pub mod index;
pub mod page;
pub mod plan;
pub mod query;
pub mod record_file;
pub mod records;
pub mod schema;
mod shards;
pub mod snippet;
mod stats;
pub mod tokenizer;
mod top;

use std::path::Path;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::config::Config;
use crate::content::Site;
use crate::error::{Error, Result};
use crate::output::Staging;
use crate::render::Renderer;
use crate::render::markdown::Rendered;

pub use index::{Built, Indexer};
pub use query::{
    ContactCard, Hit, MAX_LIMIT, MAX_QUERY_CHARS, SearchRequest, SearchResults, Searcher,
};

/// The host's record file inside `_search/` ([`record_file`]).
pub const RECORD_FILE: &str = "records";

/// The most text of one page kept for snippets, in bytes.
pub const MAX_SNIPPET_TEXT: usize = 20_000;

/// What is shown for a page in results: kept for the host in `_search/records` and
/// exported as `d/N.json.gz`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct DocRecord {
    #[serde(rename = "t")]
    pub title: String,
    /// URL path without the site prefix (`legislation/atas/`).
    #[serde(rename = "u")]
    pub url: String,
    #[serde(rename = "k")]
    pub kind: String,
    #[serde(rename = "b")]
    pub breadcrumb: Vec<String>,
    #[serde(rename = "s")]
    pub summary: String,
    /// The page's text, whitespace collapsed, cut at [`MAX_SNIPPET_TEXT`].
    #[serde(rename = "x")]
    pub text: String,
    #[serde(rename = "c", default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<ContactCard>,
}

/// Build the search index, its static export and the search page for the current
/// site, into the staging folder's `_search/` and `search/`, from every page's
/// rendered Markdown.
pub fn build(
    config: &Config,
    site: &Site,
    rendered: &[Rendered],
    renderer: &Renderer<'_>,
    staging: &Staging,
) -> Result<()> {
    let n = site.pages.len().min(rendered.len());
    let indexer = begin(staging, Target::CURRENT, n)?;
    (0..n)
        .into_par_iter()
        .try_for_each(|i| indexer.add(site, i, &rendered[i]))?;
    let built = indexer.commit(site)?;
    finish(
        config,
        site,
        &built,
        renderer,
        staging,
        Target::CURRENT,
        &|_| {},
    )
}

/// Where a site's search goes: the output sub-folder it is published under (`""` for
/// the current site, `editions/ID/` for an archived edition) and its edition id.
#[derive(Debug, Clone, Copy)]
pub struct Target<'a> {
    pub base: &'a str,
    pub edition: &'a str,
}

impl Target<'_> {
    /// The current site.
    pub const CURRENT: Target<'static> = Target {
        base: "",
        edition: "",
    };
}

/// Start the search index of the site `target` names, for `pages` pages, each added
/// with [`Indexer::add`] (a full build adds each page as it is rendered); then
/// [`Indexer::commit`] and [`finish`].
pub fn begin<'a>(staging: &'a Staging, target: Target<'_>, pages: usize) -> Result<Indexer<'a>> {
    let search_dir = format!("{}_search/", target.base);
    let index_dir = staging.dir().join(&search_dir).join("index");
    let records = records::DocFiles::new(staging, &format!("{search_dir}static/"));
    let store =
        record_file::RecordWriter::create(staging, &format!("{search_dir}{RECORD_FILE}"), pages)?;
    Indexer::new(&index_dir, target.edition, records, store, pages)
}

/// Write the static export of the committed index `built` and the search page.
/// `lap` is called with `"search export"` when the export is written (for
/// [`crate::pipeline`]'s stage timings).
pub fn finish(
    config: &Config,
    site: &Site,
    built: &Built,
    renderer: &Renderer<'_>,
    staging: &Staging,
    target: Target<'_>,
    lap: &dyn Fn(&str),
) -> Result<()> {
    let settings = shards::Settings::new(config, target.edition);
    export::write(
        built,
        &settings,
        staging,
        &format!("{}_search/static/", target.base),
    )?;
    lap("search export");
    page::write(renderer, site, staging, target.base)
}

/// Collapse whitespace and cut the text kept for snippets.
pub fn snippet_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len().min(MAX_SNIPPET_TEXT));
    for word in text.split_whitespace() {
        if out.len() + word.len() + 1 > MAX_SNIPPET_TEXT {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// A tantivy failure while writing the index in `dir`.
pub(crate) fn index_error(dir: &Path, e: tantivy::TantivyError) -> Error {
    Error::write(dir, std::io::Error::other(e.to_string()))
}

/// A tantivy failure while reading the index in `dir`.
pub(crate) fn read_error(dir: &Path, e: impl std::fmt::Display) -> Error {
    Error::read(dir, std::io::Error::other(e.to_string()))
}

/// JSON with `<`, `>` and `&` written as `\u003c`, `\u003e`, `\u0026`, so no tag or
/// entity ever appears literally, whatever the text holds. Still valid JSON.
pub fn safe_json<T: Serialize + ?Sized>(value: &T) -> String {
    let raw = serde_json::to_string(value).unwrap_or_else(|_| "null".into());
    escape_json_text(&raw)
}

/// Replace `<`, `>`, `&` in serialized JSON (they only occur inside strings). The
/// text between them is copied as it is, a run at a time.
pub fn escape_json_text(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut at = 0;
    for i in memchr::memchr3_iter(b'<', b'>', b'&', raw.as_bytes()) {
        out.push_str(&raw[at..i]);
        out.push_str(match raw.as_bytes()[i] {
            b'<' => "\\u003c",
            b'>' => "\\u003e",
            _ => "\\u0026",
        });
        at = i + 1;
    }
    out.push_str(&raw[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn safe_json_hides_tags() {
        let s = safe_json(&serde_json::json!({"t": "<script>alert(1)</script> & co"}));
        assert_eq!(
            s,
            r#"{"t":"\u003cscript\u003ealert(1)\u003c/script\u003e \u0026 co"}"#
        );
        let back: serde_json::Value = serde_json::from_str(&s).unwrap();
        assert_eq!(back["t"], "<script>alert(1)</script> & co");
    }

    #[test]
    fn snippet_text_collapses_and_cuts() {
        assert_eq!(snippet_text("a\n\n b\tc "), "a b c");
        let long = "word ".repeat(10_000);
        assert!(snippet_text(&long).len() <= MAX_SNIPPET_TEXT);
    }
}
