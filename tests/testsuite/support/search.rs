//! Helpers for the search tests: build a site with the real binary, open its index,
//! and run the real search.js under Node (`support/fallback.js`).
use std::io::Write;
use std::path::{Path, PathBuf};

use super::root;
use std::process::{Command as Process, Stdio};

use assert_cmd::Command;
use guidebook::search::{SearchRequest, SearchResults, Searcher};

/// Build `site` with `guidebook build SITE --out TMP/public`; returns (guard, output).
pub fn build(site: &Path) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().expect("temp dir");
    let out = tmp.path().join("public");
    let o = Command::cargo_bin("guidebook")
        .expect("binary")
        .arg("build")
        .arg(site)
        .arg("--out")
        .arg(&out)
        .output()
        .expect("run guidebook build");
    assert!(
        o.status.success(),
        "build failed:\n{}",
        String::from_utf8_lossy(&o.stderr)
    );
    (tmp, out)
}

/// Run `guidebook ARGS` and return (exit code, stdout, stderr).
/// The contents of a file of the static export: unpacked when stored
/// gzip-compressed (shards and records), as search.js unpacks it.
pub fn unpacked(file: &Path) -> Vec<u8> {
    let stored = std::fs::read(file).unwrap();
    guidebook::util::gzip::unpack(&stored).unwrap()
}

pub fn run(args: &[&str]) -> (i32, String, String) {
    let o = Command::cargo_bin("guidebook")
        .expect("binary")
        .args(args)
        .output()
        .expect("run guidebook");
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

pub fn open(out: &Path) -> Searcher {
    Searcher::open(&out.join("_search")).expect("open index")
}

pub fn search(s: &Searcher, q: &str, kind: Option<&str>, limit: usize) -> SearchResults {
    s.search(&SearchRequest {
        q,
        kind,
        limit,
        offset: 0,
    })
    .expect("search")
}

/// One results page of `limit` pages: the `page`th, from 1.
pub fn search_page(
    s: &Searcher,
    q: &str,
    kind: Option<&str>,
    limit: usize,
    page: usize,
) -> SearchResults {
    s.search(&SearchRequest {
        q,
        kind,
        limit,
        offset: (page - 1) * limit,
    })
    .expect("search")
}

/// URLs of the hits that are pages (not the contact card that answers).
pub fn pages(r: &SearchResults) -> Vec<&str> {
    r.hits
        .iter()
        .filter(|h| h.contact.is_none())
        .map(|h| h.url.as_str())
        .collect()
}

/// The URL of the contact card leading the results, if any.
pub fn card(r: &SearchResults) -> Option<&str> {
    r.hits
        .first()
        .filter(|h| h.contact.is_some())
        .map(|h| h.url.as_str())
}

/// Run support/fallback.js with `input` (JSON) and parse what it prints.
pub fn node(input: &serde_json::Value) -> serde_json::Value {
    let mut child = Process::new("node")
        .arg(root().join("tests/testsuite/support/fallback.js"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("node must be installed to test search.js (the static fallback)");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.to_string().as_bytes())
        .expect("write to node");
    let o = child.wait_with_output().expect("node output");
    assert!(
        o.status.success(),
        "search.js failed under node:\n{}",
        String::from_utf8_lossy(&o.stderr)
    );
    serde_json::from_slice(&o.stdout).expect("node printed JSON")
}

/// Results of the static fallback for `queries` ((q, kind, limit)).
pub fn fallback(out: &Path, queries: &[(&str, Option<&str>, usize)]) -> Vec<SearchResults> {
    let qs: Vec<serde_json::Value> = queries
        .iter()
        .map(|(q, kind, limit)| serde_json::json!({"q": q, "kind": kind, "limit": limit}))
        .collect();
    let v = node(&serde_json::json!({
        "dir": out.join("_search/static"),
        "queries": qs,
    }));
    serde_json::from_value(v["results"].clone()).expect("results")
}

/// Results pages of the static fallback for `asked` ((q, kind, limit, page from 1)).
pub fn fallback_pages(
    out: &Path,
    asked: &[(&str, Option<&str>, usize, usize)],
) -> Vec<SearchResults> {
    let qs: Vec<serde_json::Value> = asked
        .iter()
        .map(|(q, kind, limit, page)| {
            serde_json::json!({"q": q, "kind": kind, "limit": limit, "offset": (page - 1) * limit})
        })
        .collect();
    let v = node(&serde_json::json!({
        "dir": out.join("_search/static"),
        "queries": qs,
    }));
    serde_json::from_value(v["results"].clone()).expect("results")
}
