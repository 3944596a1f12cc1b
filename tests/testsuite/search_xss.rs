//! A page holding `<script>alert(1)</script>` as text (title, summary, tags, inline
//! code, escaped text, a code block) never yields an unescaped tag: not in a snippet,
//! not in the terminal's JSON, not in the results markup, not in the static export,
//! not in what search.js returns or renders. The text itself is still found.

use crate::support::root;
use crate::support::search::{build, fallback, node, open, run, search, unpacked};
use guidebook::search::html::results_html;

/// Every way a tag could start that a browser would act on.
fn assert_no_tag(what: &str, s: &str) {
    let lower = s.to_lowercase();
    for bad in ["<script", "</script", "<img", "<b>", "<em>"] {
        assert!(!lower.contains(bad), "{what} holds {bad:?}:\n{s}");
    }
}

#[test]
fn markup_in_pages_never_leaves_search_unescaped() {
    let (_tmp, out) = build(&root().join("tests/fixtures/search-xss"));
    let s = open(&out);
    let queries = [
        "script alert",
        "alert",
        "img onerror",
        "scripts",
        "fixture",
        "quotes ampersands",
    ];
    for q in queries {
        let r = search(&s, q, None, 10);
        assert!(r.total > 0, "{q:?} found nothing");
        for h in &r.hits {
            assert_no_tag("a snippet", &h.snippet);
        }
        assert_no_tag("results markup", &results_html(&r, "/"));
        let site = out.to_string_lossy().into_owned();
        let (code, json, err) = run(&["search", q, "--site", &site, "--json"]);
        assert_eq!(code, 0, "{err}");
        assert_no_tag("--json output", &json);
        let parsed: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
        assert_eq!(parsed["total"], r.total);
    }
    let r = search(&s, "script alert", None, 10);
    let page = r
        .hits
        .iter()
        .find(|h| h.url == "guidance/scripts/")
        .expect("the page is found");
    assert_eq!(page.title, "Scripts <script>alert(1)</script> in titles");
    assert!(
        page.snippet.contains(
            "&lt;<mark>script</mark>&gt;<mark>alert</mark>(1)&lt;/<mark>script</mark>&gt;"
        ),
        "{}",
        page.snippet
    );
    let html = results_html(&r, "/");
    assert!(
        html.contains("Scripts &lt;script&gt;alert(1)&lt;/script&gt; in titles"),
        "{html}"
    );
}

#[test]
fn the_static_export_and_search_js_keep_it_escaped() {
    let (_tmp, out) = build(&root().join("tests/fixtures/search-xss"));
    for file in files(&out.join("_search/static")) {
        let text = String::from_utf8(unpacked(&file)).unwrap();
        assert_no_tag(&file.display().to_string(), &text);
    }
    let queries = [
        ("script alert", None, 10),
        ("alert", None, 10),
        ("img onerror", None, 10),
    ];
    let js = fallback(&out, &queries);
    for r in &js {
        assert!(r.total > 0, "{:?} found nothing", r.query);
        for h in &r.hits {
            assert_no_tag("a search.js snippet", &h.snippet);
        }
    }
    let rendered = node(&serde_json::json!({"dir": out.join("_search/static"), "render": js}));
    for html in rendered["html"].as_array().unwrap() {
        assert_no_tag("search.js markup", html.as_str().unwrap());
    }
    let page = js[0]
        .hits
        .iter()
        .find(|h| h.url == "guidance/scripts/")
        .expect("found by search.js");
    assert_eq!(page.title, "Scripts <script>alert(1)</script> in titles");
}

fn files(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(files(&p));
        } else {
            out.push(p);
        }
    }
    out
}
