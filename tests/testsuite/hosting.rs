//! The files a build writes for other web servers: `_headers` (the security headers
//! and cache rules `guidebook host` sends), `_redirects` (one `FROM TO 301` line per
//! old URL) and `_redirects.nginx` (the same, for an nginx `map`). Whole files, for
//! the intranet build and for a public profile under a path prefix; the preview
//! writes the same files; `host` does not publish them.

use std::path::Path;

use crate::support::server::Server;
use crate::support::{fixture, read, run_in};

const SERVER_FILES: [&str; 3] = ["_headers", "_redirects", "_redirects.nginx"];

/// The three files, one after the other, with the theme's asset fingerprints
/// (which change with every edit of the theme) replaced by `[HASH]`.
fn server_files(out: &Path) -> String {
    let hash = regex::Regex::new(r"\.[0-9a-f]{10}\.").unwrap();
    SERVER_FILES
        .iter()
        .map(|f| format!("=== {f}\n{}", read(out.join(f))))
        .map(|text| hash.replace_all(&text, ".[HASH].").into_owned())
        .collect()
}

fn build(site: &Path, args: &[&str]) {
    let mut all = vec!["build", "."];
    all.extend(args);
    let o = run_in(site, &all);
    assert!(o.status.success(), "{}", crate::support::stderr(&o));
}

#[test]
fn the_build_writes_headers_and_redirects_for_other_web_servers() {
    let (_tmp, site) = fixture("hosting");
    build(&site, &[]);
    insta::assert_snapshot!("intranet", server_files(&site.join("public")));
}

#[test]
fn a_public_build_redirects_only_its_own_pages_under_its_prefix() {
    let (_tmp, site) = fixture("hosting");
    build(&site, &["--profile", "public"]);
    let files = server_files(&site.join("public-public"));
    assert!(
        !files.contains("zqx"),
        "an internal page's alias leaked:\n{files}"
    );
    assert!(
        !files.contains("/internal/"),
        "an internal page leaked:\n{files}"
    );
    insta::assert_snapshot!("public", files);
}

#[test]
fn host_answers_404_for_the_files_written_for_other_servers() {
    let (_tmp, site) = fixture("hosting");
    build(&site, &[]);
    let out = site.join("public");
    let host = Server::host_quiet(&out);
    let not_found = read(out.join("404.html"));
    for f in SERVER_FILES {
        assert!(out.join(f).is_file(), "{f} was not written");
        let r = host.get(&format!("/{f}"));
        assert_eq!((r.status, r.text()), (404, not_found.clone()), "/{f}");
    }
    let moved = host.get("/guidance/moved/");
    assert_eq!(
        (moved.status, moved.header("location")),
        (301, Some("/guidance/travel/"))
    );
}

#[test]
fn the_preview_writes_the_same_files_as_the_build() {
    let (tmp, site) = fixture("hosting");
    build(&site, &[]);
    let private = tmp.path().join("tmp");
    std::fs::create_dir(&private).unwrap();
    let serve = Server::start_with_env(
        &["serve", site.to_str().unwrap(), "--bind", "127.0.0.1:0"],
        &[("TMPDIR", &private)],
    );
    assert_eq!(serve.get("/_headers").status, 404);
    let folders: Vec<_> = walkdir::WalkDir::new(&private)
        .into_iter()
        .map(|e| e.unwrap().into_path())
        .filter(|p| p.ends_with("_headers"))
        .map(|p| p.parent().unwrap().to_path_buf())
        .collect();
    assert_eq!(folders.len(), 1, "the preview's folder: {folders:?}");
    for f in SERVER_FILES {
        assert_eq!(
            read(folders[0].join(f)),
            read(site.join("public").join(f)),
            "{f}"
        );
    }
}
