//! The real government guidance sample in ../shared/corpora builds with no
//! configuration: one page per Markdown file, titles from headings, links and anchors
//! that resolve, and links to missing files reported with file:line.

use std::collections::HashSet;

use crate::support::*;

fn corpus() -> std::path::PathBuf {
    let p = root().join("../shared/corpora/moj-security-guidance");
    assert!(
        p.is_dir(),
        "the shared corpus is missing at {}",
        p.display()
    );
    p
}

#[test]
fn moj_guidance_builds_cleanly_with_no_configuration() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let o = guidebook()
        .args([
            "build",
            "--verbose",
            corpus().to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(!err.contains("error["), "{err}");

    let docs = corpus().join("docs");
    let mut ids: std::collections::HashMap<String, HashSet<String>> = Default::default();
    for entry in std::fs::read_dir(&docs).unwrap() {
        let path = entry.unwrap().path();
        let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
        let page = if stem == "index" {
            out.join("docs/index.html")
        } else {
            out.join("docs").join(&stem).join("index.html")
        };
        let html = read(&page);
        let md = read(&path);
        if let Some(h1) = md.lines().find_map(|l| l.strip_prefix("# ")) {
            let title: String = h1
                .trim()
                .chars()
                .filter(|c| !matches!(c, '`' | '*' | '_'))
                .collect();
            let title = title.replace('&', "&amp;");
            assert!(
                html.contains(&format!("<h1>{title}</h1>")),
                "{stem}: title {title}"
            );
        }
        let url = if stem == "index" {
            "/docs/".to_string()
        } else {
            format!("/docs/{stem}/")
        };
        ids.insert(url, html_ids(&html));
    }
    // every internal link resolves to a page that exists, and its anchor to an id on it,
    // unless the build reported it
    for (url, _) in ids.clone() {
        let page = out.join(url.trim_start_matches('/')).join("index.html");
        let html = read(&page);
        for href in hrefs(&html) {
            let Some(rest) = href.strip_prefix("/docs/") else {
                continue;
            };
            let (path, anchor) = rest.split_once('#').unwrap_or((rest, ""));
            // the section's feed and printable version, which section pages link
            if matches!(path, "atom.xml" | "print/") {
                let file = if path == "print/" {
                    "print/index.html"
                } else {
                    path
                };
                assert!(
                    out.join("docs").join(file).is_file(),
                    "{url} links to {href}"
                );
                continue;
            }
            let target = format!("/docs/{path}");
            let Some(target_ids) = ids.get(&target) else {
                panic!("{url} links to {href}, which was not built");
            };
            if !anchor.is_empty() && !target_ids.contains(anchor) {
                assert!(
                    err.contains(&format!("#{anchor}`")),
                    "{url}: unreported missing anchor {href}"
                );
            }
        }
    }
    // links to .md files outside the sample are warnings with file:line
    assert!(err.contains("warning[broken-link]: link to `email-blocklist-policy.md`, but there is no page docs/email-blocklist-policy.md\n  --> docs/acceptable-use.md:10:25\n"), "{err}");
    assert!(err.contains("(0 errors, "), "{err}");
    // Jekyll's redirect_from becomes a redirect page
    assert!(
        read(out.join("policies/access-control-guide/index.html"))
            .contains("url=/docs/access-control-guide/")
    );
}

fn hrefs(html: &str) -> Vec<String> {
    html.split("href=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .map(|s| s.to_string())
        .collect()
}

fn html_ids(html: &str) -> HashSet<String> {
    html.split(" id=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .map(|s| s.to_string())
        .collect()
}
