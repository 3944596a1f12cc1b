//! The static fallback agrees with tantivy: the real search.js, run under Node on the
//! files `guidebook build` exported to `_search/static/`, returns the same hits in the
//! same order (and the same totals, answer cards and snippets) as the tantivy query,
//! analyses text into the same terms, and renders results to the same markup.

use std::collections::BTreeSet;

use crate::support::root;
use crate::support::search::{build, fallback, node, open, search, unpacked};
use guidebook::search::analyze::Analyzer;
use guidebook::search::html::results_html;

/// Queries covering every stage: all words, typos, any word (no page has all),
/// phrases, synonyms, prefixes, question words, kinds, names and odd input.
const QUERIES: &[(&str, Option<&str>, usize)] = &[
    ("export control", None, 10),
    ("who do I contact about export licences", None, 10),
    ("export licence", None, 10),
    ("ECO", None, 10),
    ("\"export control order\"", None, 10),
    ("expot control", None, 10),
    ("licen", None, 10),
    ("ATAS", None, 10),
    ("Academic Technology Approval Scheme", None, 10),
    ("does my visiting researcher need ATAS", None, 10),
    ("national security act", None, 10),
    ("nationl security act", None, 10),
    ("\"foreign interference\"", None, 10),
    ("natio", None, 10),
    ("NSI", None, 20),
    ("spin-out investment", None, 10),
    ("NPSA", None, 10),
    ("cyber security", None, 10),
    ("HEECA", None, 10),
    ("trusted research", None, 20),
    ("travel", None, 10),
    ("burner laptop", None, 10),
    ("due diligence on a partner", None, 10),
    ("sanctoins", None, 10),
    ("academic freedom", None, 10),
    ("data protection", None, 10),
    ("which processes apply to my project", None, 10),
    ("University of Manchester", None, 10),
    ("risk appetite", None, 10),
    ("Priya Natarajan", None, 10),
    ("p.natarajan@example.ac.uk", None, 10),
    ("01632 960412", None, 10),
    ("export unicorns", None, 10),
    ("zebra", None, 10),
    ("research", None, 50),
    ("security", Some("legislation"), 10),
    ("travel", Some("contact"), 10),
    ("export", Some("training"), 10),
    ("export", Some("no-such-kind"), 10),
    ("\"the secretary of state\"", None, 10),
    ("Tomás Ferreira", None, 10),
    ("ask about atas", None, 10),
    ("  ", None, 10),
    ("\"", None, 10),
    ("what is research security", None, 5),
];

#[test]
fn fallback_returns_the_same_results_as_tantivy() {
    let (_tmp, out) = build(&root());
    let s = open(&out);
    let js = fallback(&out, QUERIES);
    assert_eq!(js.len(), QUERIES.len());
    let mut differ = Vec::new();
    for ((q, kind, limit), j) in QUERIES.iter().zip(&js) {
        let r = search(&s, q, *kind, *limit);
        let urls = |x: &guidebook::search::SearchResults| -> Vec<(String, bool)> {
            x.hits
                .iter()
                .map(|h| (h.url.clone(), h.contact.is_some()))
                .collect()
        };
        if r.total != j.total || urls(&r) != urls(j) {
            differ.push(format!(
                "{q:?}: tantivy {} {:?}\n   search.js {} {:?}",
                r.total,
                urls(&r),
                j.total,
                urls(j)
            ));
            continue;
        }
        for (a, b) in r.hits.iter().zip(&j.hits) {
            assert_eq!(a.snippet, b.snippet, "snippet of {} for {q:?}", a.url);
            assert_eq!(a.contact, b.contact, "card for {q:?}");
            assert_eq!(
                (&a.title, &a.kind, &a.breadcrumb),
                (&b.title, &b.kind, &b.breadcrumb)
            );
            let tolerance = 1e-4 * a.score.abs().max(1.0);
            assert!(
                (a.score - b.score).abs() <= tolerance,
                "score of {} for {q:?}: {} vs {}",
                a.url,
                a.score,
                b.score
            );
        }
    }
    assert!(
        differ.is_empty(),
        "search.js and tantivy differ on {} of {} queries:\n{}",
        differ.len(),
        QUERIES.len(),
        differ.join("\n")
    );
    let answered = QUERIES.iter().zip(&js).filter(|(_, j)| j.total > 0).count();
    assert!(answered >= 30, "only {answered} queries found anything");
}

#[test]
fn search_js_analyses_text_as_the_index_does() {
    let (_tmp, out) = build(&root());
    let mut texts: Vec<String> = vec![
        "Who do I contact about Export-Licences? Café ÆTHER Straße ŁÓDŹ İstanbul ΣΊΣΥΦΟΣ данные 数据 x²".into(),
        "Don't re-export 3.5mm dual‑use items (e.g. lasers) — see §2(b)!".into(),
        format!("{} short", "a".repeat(41)),
    ];
    for entry in std::fs::read_dir(out.join("_search/static/d")).unwrap() {
        let text = unpacked(&entry.unwrap().path());
        let rec: serde_json::Value = serde_json::from_slice(&text).unwrap();
        for key in ["t", "s", "x"] {
            texts.push(rec[key].as_str().unwrap_or_default().to_string());
        }
    }
    let js = node(&serde_json::json!({"dir": out.join("_search/static"), "analyze": texts}));
    let mut a = Analyzer::new();
    let mut words = BTreeSet::new();
    for (text, got) in texts.iter().zip(js["analyzed"].as_array().unwrap()) {
        let mut tokens = Vec::new();
        a.analyze(text, &mut tokens);
        let want: Vec<serde_json::Value> = tokens
            .iter()
            .map(|t| serde_json::json!([t.surface, t.stem, t.position]))
            .collect();
        assert_eq!(got.as_array().unwrap(), &want, "analysis of {text:?}");
        words.extend(tokens.into_iter().map(|t| t.surface));
    }
    assert!(
        words.len() > 2000,
        "only {} distinct words compared",
        words.len()
    );
}

#[test]
fn search_js_renders_the_same_markup() {
    let (_tmp, out) = build(&root());
    let s = open(&out);
    let results: Vec<_> = [
        "export control",
        "ATAS",
        "zebra",
        "\"foreign interference\"",
    ]
    .iter()
    .map(|q| search(&s, q, None, 10))
    .collect();
    let js = node(&serde_json::json!({
        "dir": out.join("_search/static"),
        "render": results,
        "prefix": "/rs/",
    }));
    for (r, html) in results.iter().zip(js["html"].as_array().unwrap()) {
        assert_eq!(
            html.as_str().unwrap(),
            results_html(r, "/rs/"),
            "markup for {:?}",
            r.query
        );
    }
    assert!(
        results_html(&results[0], "/rs/").contains(
            "<a href=\"/rs/legislation/export-control-order/?highlight=export+control\">"
        )
    );
}

#[test]
fn a_one_word_query_fetches_a_small_part_of_the_export() {
    let (_tmp, out) = build(&root());
    let js = node(&serde_json::json!({
        "dir": out.join("_search/static"),
        "queries": [{"q": "laptop", "limit": 10}],
    }));
    let fetched: Vec<(String, u64)> = serde_json::from_value(js["bytes"][0].clone()).unwrap();
    let names: Vec<&str> = fetched.iter().map(|(n, _)| n.as_str()).collect();
    let shards: Vec<&&str> = names.iter().filter(|n| !n.starts_with("d/")).collect();
    assert_eq!(
        shards.len(),
        3,
        "meta, one word shard, one term shard: {names:?}"
    );
    assert!(
        names.iter().all(|n| !n.starts_with("p/")),
        "no positions for a word: {names:?}"
    );
    let total: u64 = fetched.iter().map(|(_, b)| b).sum();
    let export: u64 = walk_size(&out.join("_search/static"));
    assert!(total * 4 < export, "fetched {total} of {export} bytes");
}

fn walk_size(dir: &std::path::Path) -> u64 {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            if e.file_type().unwrap().is_dir() {
                walk_size(&e.path())
            } else {
                e.metadata().unwrap().len()
            }
        })
        .sum()
}
