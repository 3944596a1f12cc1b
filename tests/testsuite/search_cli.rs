//! `guidebook search` as a user meets it: errors worded and exiting 2, the JSON shape,
//! the search page the build writes, and an export that is the same on every build.

use crate::support::root;
use crate::support::search::{build, run};

#[test]
fn a_folder_without_an_index_is_a_usage_error() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().to_string_lossy().into_owned();
    let (code, out, err) = run(&["search", "export", "--site", &dir]);
    assert_eq!((code, out.as_str()), (2, ""));
    assert_eq!(
        err,
        format!(
            "error: no search index in {dir}/_search: build the site first with `guidebook build`\n"
        )
    );
}

#[test]
fn an_unknown_kind_is_a_usage_error() {
    let (code, _, err) = run(&["search", "export", "--kind", "laws"]);
    assert_eq!(code, 2);
    assert_eq!(
        err,
        "error: unknown kind `laws`; use one of: guidance, legislation, case-study, checklist, training, support, contact, decision\n"
    );
}

#[test]
fn json_output_and_the_search_page() {
    let (_tmp, out) = build(&root());
    let site = out.to_string_lossy().into_owned();
    let (code, json, err) = run(&[
        "search", "nationl", "security", "act", "--site", &site, "--json", "--limit", "3",
    ]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["query"], "nationl security act");
    // `--limit 3` is three pages; the answering contact card comes besides them.
    assert_eq!(v["hits"].as_array().unwrap().len(), 4);
    let first_page = &v["hits"][1];
    for key in ["title", "url", "kind", "snippet", "score", "breadcrumb"] {
        assert!(first_page.get(key).is_some(), "no {key} in {first_page}");
    }
    assert_eq!(first_page["url"], "legislation/national-security-act/");
    assert_eq!(v["hits"][0]["contact"]["name"], "Dr Marcus Adeyemi");

    let page = std::fs::read_to_string(out.join("search/index.html")).unwrap();
    assert!(page.contains(
        "<div id=\"search-results\" class=\"search-results\"><!--guidebook:search-results--></div>"
    ));
    assert!(page.contains("<form id=\"search-page-form\" class=\"search-page-form\" role=\"search\" action=\"/search/\" method=\"get\">"));
    assert!(page.contains("<option value=\"legislation\">Legislation</option>"));
    assert!(!page.contains("<script>"), "no inline script");
    let assets: Vec<String> = std::fs::read_dir(out.join("assets"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    let search_js = assets
        .iter()
        .find(|n| n.starts_with("search.") && n.ends_with(".js"))
        .expect("search.js");
    let loader = assets
        .iter()
        .find(|n| n.starts_with("guidebook."))
        .expect("guidebook.js");
    let loader_text = std::fs::read_to_string(out.join("assets").join(loader)).unwrap();
    assert!(
        loader_text.contains(&format!("var src = \"/assets/{search_js}\";")),
        "{loader_text}"
    );
}

#[test]
fn the_static_export_is_the_same_on_every_build() {
    let (_a, one) = build(&root());
    let (_b, two) = build(&root());
    let (a, b) = (one.join("_search/static"), two.join("_search/static"));
    let (x, y) = (tree(&a, &a), tree(&b, &b));
    assert!(x.len() > 60, "{} files", x.len());
    assert!(x == y, "the export differs between two builds");
}

fn tree(base: &std::path::Path, dir: &std::path::Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(tree(base, &p));
        } else {
            let rel = p.strip_prefix(base).unwrap().to_string_lossy().into_owned();
            out.push((rel, std::fs::read(&p).unwrap()));
        }
    }
    out.sort();
    out
}
