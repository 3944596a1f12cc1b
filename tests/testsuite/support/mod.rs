//! Helpers shared by the integration tests: copy a fixture site to a temporary
//! folder and run the real `guidebook` binary on it.
#![allow(dead_code)]

pub mod http;
pub mod kinds;
pub mod nginx;
pub mod search;
pub mod server;
pub mod snap;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;

/// The date the tests run on (`GUIDEBOOK_TODAY`, `--today`), so review dates never
/// fall due in a test.
pub const TODAY: &str = "2026-11-22";

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A copy of `tests/fixtures/<case>` in a new temporary folder; returns (guard, site).
pub fn fixture(case: &str) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().expect("temp dir");
    let site = tmp.path().join(case);
    copy_dir(&root().join("tests/fixtures").join(case), &site);
    (tmp, site)
}

pub fn copy_dir(from: &Path, to: &Path) {
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

/// The real binary.
pub fn guidebook() -> Command {
    let mut c = Command::cargo_bin("guidebook").expect("binary");
    // review rules measure against a fixed day, so tests do not age
    c.env("GUIDEBOOK_TODAY", TODAY);
    c
}

/// Run `guidebook` with `args` in `dir`.
pub fn run_in(dir: &Path, args: &[&str]) -> Output {
    guidebook()
        .current_dir(dir)
        .args(args)
        .output()
        .expect("run guidebook")
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
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

/// Every file under `dir` with its bytes, sorted by path.
pub fn tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    collect(dir, dir, &mut out);
    out.sort();
    out
}

fn collect(base: &Path, dir: &Path, out: &mut Vec<(String, Vec<u8>)>) {
    for entry in fs::read_dir(dir).unwrap() {
        let entry = entry.unwrap();
        let p = entry.path();
        if p.is_dir() {
            collect(base, &p, out);
        } else {
            let rel = p
                .strip_prefix(base)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            out.push((rel, fs::read(&p).unwrap()));
        }
    }
}

/// The summary line is the last line of stderr; it holds a time, so tests drop it.
/// The warning of a build whose `base_url` names no host, in full.
pub const NO_SITEMAP: &str = "warning[sitemap]: no sitemap.xml was written: a sitemap needs absolute addresses, and `base_url` does not say where the site is published\n --> guidebook.toml\n  = help: set `base_url = \"https://intranet.example.ac.uk/research-security/\"` in guidebook.toml, or `sitemap = false` under `[output]` to stop this warning\n";

pub fn without_summary(stderr: &str) -> String {
    let mut lines: Vec<&str> = stderr.lines().collect();
    if lines
        .last()
        .is_some_and(|l| l.starts_with("Built ") || l.starts_with("Build failed"))
    {
        lines.pop();
    }
    lines.join("\n")
}
