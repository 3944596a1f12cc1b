//! Helpers for the kinds tests: build a copy of a fixture site with the real binary
//! on a fixed date, read its output, and pull links out of built HTML.
use std::path::{Path, PathBuf};
use std::process::Output;

use super::{TODAY, fixture, run_in, stderr};

/// `guidebook build SITE --out OUT --today TODAY`.
pub fn build(site: &Path, out: &Path) -> Output {
    run_in(
        site,
        &[
            "build",
            ".",
            "--out",
            out.to_str().unwrap(),
            "--today",
            TODAY,
        ],
    )
}

/// Build the fixture `case`; panics unless the build succeeds with no diagnostics.
/// Returns (guard, output folder).
pub fn built(case: &str) -> (tempfile::TempDir, PathBuf) {
    let (tmp, site) = fixture(case);
    let out = tmp.path().join("public");
    let o = build(&site, &out);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(err.starts_with("Built "), "expected no diagnostics:\n{err}");
    (tmp, out)
}

/// Every `href="…"` in `html`, in order, with `&amp;` decoded.
pub fn hrefs(html: &str) -> Vec<String> {
    html.split("href=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(|h| h.replace("&amp;", "&"))
        .collect()
}

/// The text between `<main` and `</main>`.
pub fn main_of(html: &str) -> &str {
    let start = html.find("<main").unwrap_or(0);
    let end = html.find("</main>").unwrap_or(html.len());
    &html[start..end]
}

/// The text of the first `<h1>` in `html`, tags removed.
pub fn h1(html: &str) -> String {
    let start = html.find("<h1").expect("an h1");
    let open_end = start + html[start..].find('>').unwrap() + 1;
    let close = open_end + html[open_end..].find("</h1>").unwrap();
    html[open_end..close].to_string()
}
