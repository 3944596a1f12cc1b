//! `guidebook host` search endpoints over real HTTP: the results page (no JavaScript
//! needed), the JSON API, limits, and archived editions searching their own index.

use crate::support::server::{Server, build, write_site};

struct Hosted {
    _tmp: tempfile::TempDir,
    server: Server,
}

/// The test site, with an archived edition (another site's build) under editions/old/.
fn hosted() -> Hosted {
    let tmp = tempfile::tempdir().unwrap();
    let site = write_site(tmp.path(), &[]);
    let out = tmp.path().join("out");
    build(&site, &out);
    let old = tmp.path().join("old");
    crate::support::server::write(
        &old.join("guidebook.toml"),
        "title = \"Old edition\"\nbase_url = \"/editions/old/\"\ndefault_visibility = \"public\"\n",
    );
    crate::support::server::write(
        &old.join("content/_index.md"),
        "+++\ntitle = \"Old edition\"\nsummary = \"The old home.\"\n+++\n\nThe old home.\n",
    );
    crate::support::server::write(
        &old.join("content/guidance/quarantine.md"),
        "+++\ntitle = \"Quarantine rules\"\nsummary = \"Withdrawn rules.\"\n+++\n\nThe withdrawn quarantine rules.\n",
    );
    build(&old, &out.join("editions/old"));
    let server = Server::host_quiet(&out);
    Hosted { _tmp: tmp, server }
}

#[test]
fn search_page_is_rendered_on_the_server() {
    let h = hosted();
    let r = h.server.get("/search/?q=clean+laptop");
    assert_eq!(r.status, 200);
    assert_eq!(r.header("content-type"), Some("text/html; charset=utf-8"));
    assert_eq!(r.header("cache-control"), Some("no-store"));
    let html = r.text();
    assert!(
        html.contains("<p class=\"search-count\">1 page matches <q>clean laptop</q>.</p>"),
        "{html}"
    );
    assert!(
        html.contains("href=\"/guidance/travel/?highlight=clean+laptop\""),
        "{html}"
    );
    assert!(html.contains("<title>clean laptop – Search"), "{html}");
    assert!(html.contains("id=\"search-q\" name=\"q\" type=\"search\" autocomplete=\"off\" spellcheck=\"false\" aria-describedby=\"search-help\" value=\"clean laptop\""), "{html}");
    assert!(!html.contains("<!--guidebook:search-results-->"));
    let empty = h.server.get("/search/");
    assert_eq!(empty.status, 200);
    assert!(empty.text().contains("<!--guidebook:search-results-->"));
}

#[test]
fn the_query_is_escaped_wherever_it_is_echoed() {
    let h = hosted();
    let r = h
        .server
        .get("/search/?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E%22");
    assert_eq!(r.status, 200);
    let html = r.text();
    assert!(!html.contains("<script>alert(1)"), "{html}");
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt;&quot;"),
        "{html}"
    );
}

#[test]
fn json_api_with_kind_and_limit() {
    let h = hosted();
    let r = h.server.get("/_search/api?q=export&limit=5");
    assert_eq!(r.status, 200);
    assert_eq!(r.header("content-type"), Some("application/json"));
    let v: serde_json::Value = serde_json::from_slice(&r.body).unwrap();
    assert_eq!(v["query"], "export");
    // Only the contact who answers matches: it is not counted as a page.
    assert_eq!(v["total"], 0, "{v}");
    assert_eq!(v["hits"][0]["url"], "contacts/ada/");
    assert_eq!(v["hits"][0]["contact"]["name"], "Ada Example");
    let r = h.server.get("/_search/api?q=laptop&kind=contact");
    let v: serde_json::Value = serde_json::from_slice(&r.body).unwrap();
    assert_eq!(v["total"], 0, "{v}");
    let r = h.server.get("/_search/api?q=laptop&kind=guidance&limit=50");
    let v: serde_json::Value = serde_json::from_slice(&r.body).unwrap();
    let urls: Vec<&str> = v["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["url"].as_str().unwrap())
        .collect();
    assert_eq!(urls, ["guidance/devices/", "guidance/travel/"], "{v}");
    let r = h.server.get("/_search/api?q=laptop&limit=1");
    let v: serde_json::Value = serde_json::from_slice(&r.body).unwrap();
    assert_eq!(
        (v["total"].as_u64(), v["hits"].as_array().unwrap().len()),
        (Some(2), 1),
        "{v}"
    );
}

#[test]
fn refuses_long_queries_and_big_limits() {
    let h = hosted();
    let long = "a".repeat(257);
    let cases = [
        (
            format!("/_search/api?q={long}"),
            "400 Bad Request: the query is longer than 256 characters\n",
        ),
        (
            format!("/search/?q={long}"),
            "400 Bad Request: the query is longer than 256 characters\n",
        ),
        (
            "/_search/api?q=x&limit=51".into(),
            "400 Bad Request: limit must be a number from 1 to 50\n",
        ),
        (
            "/_search/api?q=x&limit=-1".into(),
            "400 Bad Request: limit must be a number from 1 to 50\n",
        ),
        (
            "/_search/api?q=x&kind=secret".into(),
            "400 Bad Request: kind is not a kind of page\n",
        ),
        (
            "/_search/api?q=x&page=0".into(),
            "400 Bad Request: page must be a number from 1 to 100\n",
        ),
    ];
    for (path, body) in cases {
        let r = h.server.get(&path);
        assert_eq!((r.status, r.text().as_str()), (400, body), "{path}");
    }
    let ok = h.server.get(&format!("/_search/api?q={}", "a".repeat(256)));
    assert_eq!(ok.status, 200);
    assert_eq!(
        h.server
            .req("POST", "/_search/api?q=x", &[("Content-Length", "0")])
            .status,
        405
    );
}

#[test]
fn archived_editions_search_their_own_index() {
    let h = hosted();
    let r = h.server.get("/editions/old/_search/api?q=quarantine");
    assert_eq!(r.status, 200);
    let v: serde_json::Value = serde_json::from_slice(&r.body).unwrap();
    assert_eq!(v["total"], 1, "{v}");
    assert_eq!(v["hits"][0]["url"], "guidance/quarantine/");
    let current: serde_json::Value =
        serde_json::from_slice(&h.server.get("/_search/api?q=quarantine").body).unwrap();
    assert_eq!(current["total"], 0, "{current}");
    let page = h.server.get("/editions/old/search/?q=quarantine").text();
    assert!(
        page.contains("href=\"/editions/old/guidance/quarantine/?highlight=quarantine\""),
        "{page}"
    );
    assert_eq!(h.server.get("/editions/none/_search/api?q=x").status, 404);
}
