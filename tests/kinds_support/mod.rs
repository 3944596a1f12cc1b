//! Helpers for the kinds tests: build a copy of a fixture site with the real binary
//! on a fixed date, read its output, and pull links out of built HTML.
#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;

/// The date the fixtures are built on, so review dates never fall due in a test.
pub const TODAY: &str = "2026-11-22";

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A copy of `tests/fixtures/<case>` in a temporary folder; returns (guard, site).
pub fn copy_fixture(case: &str) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().expect("temp dir");
    let site = tmp.path().join(case);
    copy_dir(&root().join("tests/fixtures").join(case), &site);
    (tmp, site)
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let dest = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &dest);
        } else {
            fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

/// Run `guidebook ARGS` in `dir`.
pub fn run(dir: &Path, args: &[&str]) -> Output {
    Command::cargo_bin("guidebook")
        .expect("binary")
        .current_dir(dir)
        .args(args)
        .output()
        .expect("run guidebook")
}

/// `guidebook build SITE --out OUT --today TODAY`.
pub fn build(site: &Path, out: &Path) -> Output {
    run(
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
    let (tmp, site) = copy_fixture(case);
    let out = tmp.path().join("public");
    let o = build(&site, &out);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(err.starts_with("Built "), "expected no diagnostics:\n{err}");
    (tmp, out)
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

pub fn read(path: impl AsRef<Path>) -> String {
    let p = path.as_ref();
    fs::read_to_string(p).unwrap_or_else(|e| panic!("cannot read {}: {e}", p.display()))
}

/// Replace `from` (which must occur) with `to` in the file at `path`.
pub fn edit(path: impl AsRef<Path>, from: &str, to: &str) {
    let text = read(&path);
    assert!(
        text.contains(from),
        "`{from}` not in {}",
        path.as_ref().display()
    );
    fs::write(path, text.replacen(from, to, 1)).unwrap();
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
