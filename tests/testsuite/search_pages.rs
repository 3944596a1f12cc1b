//! Results pages: 20 pages of results a page on the host's `/search/?q=&page=` and in
//! search.js, the count line ("Showing 21–40 of 44."), the status region, the
//! previous/next links (keeping `q` and `kind`), past the last page, bad `page=`
//! values, the contact card that answers only on the first page and never counted,
//! result links carrying `?highlight=`, and the host and search.js agreeing page by page.

use guidebook::search::SearchResults;
use guidebook::search::html::{results_html, status_text};

use crate::support::search::{card, fallback_pages, node, open, search_page};
use crate::support::server::{Server, build, write_site};

/// Guidance notes that all match "export", besides the fixture's own pages.
const NOTES: usize = 44;

struct Hosted {
    tmp: tempfile::TempDir,
    server: Server,
}

impl Hosted {
    fn out(&self) -> std::path::PathBuf {
        self.tmp.path().join("out")
    }
}

/// The test site with [`NOTES`] notes about export and three adviser guides; Ada (a
/// contact, "Export control adviser") answers "export" and "adviser".
fn hosted() -> Hosted {
    let tmp = tempfile::tempdir().unwrap();
    let notes: Vec<(String, String)> = (1..=NOTES)
        .map(|n| {
            (
                format!("content/guidance/note-{n:02}.md"),
                format!(
                    "+++\ntitle = \"Note {n:02}\"\nsummary = \"Part {n:02}.\"\nowner = \"ada\"\n\
                     reviewed = 2026-01-01\n+++\n\nExport rules, part {n:02}.\n"
                ),
            )
        })
        .chain((1..=3).map(|n| {
            (
                format!("content/guidance/adviser-{n}.md"),
                format!(
                    "+++\ntitle = \"Adviser guide {n}\"\nsummary = \"Advisers.\"\nowner = \"ada\"\n\
                     reviewed = 2026-01-01\n+++\n\nWhat an adviser does, guide {n}.\n"
                ),
            )
        }))
        .collect();
    let extra: Vec<(&str, &str)> = notes
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    let site = write_site(tmp.path(), &extra);
    build(&site, &tmp.path().join("out"));
    let server = Server::host_quiet(&tmp.path().join("out"));
    Hosted { tmp, server }
}

/// The inside of `<div id="search-results">` on a results page.
fn results_region(html: &str) -> &str {
    let open = "<div id=\"search-results\" class=\"search-results\">";
    let start = html.find(open).expect("results region") + open.len();
    let end = html[start..]
        .find("</div>\n<p class=\"search-nojs\">")
        .expect("end of the results region");
    &html[start..start + end]
}

/// The text of the status region (`#search-status`, role=status).
fn status(html: &str) -> &str {
    let open =
        "<p id=\"search-status\" class=\"visually-hidden\" role=\"status\" aria-live=\"polite\">";
    let start = html.find(open).expect("status region") + open.len();
    let end = html[start..].find("</p>").expect("end of the status");
    &html[start..start + end]
}

fn page_html(h: &Hosted, path: &str) -> String {
    let r = h.server.get(path);
    assert_eq!(r.status, 200, "{path}");
    r.text()
}

#[test]
fn host_results_pages_page_by_page() {
    let h = hosted();
    let one = page_html(&h, "/search/?q=export");
    assert_eq!(
        status(&one),
        "44 pages match. Showing 1–20 of 44. Contact: Ada Example, Export control adviser."
    );
    insta::assert_snapshot!("page_1", results_region(&one));
    let two = page_html(&h, "/search/?q=export&page=2");
    assert_eq!(status(&two), "44 pages match. Showing 21–40 of 44.");
    assert!(two.contains("<title>export (page 2) – Search"), "{two}");
    insta::assert_snapshot!("page_2", results_region(&two));
    let last = page_html(&h, "/search/?q=export&page=3");
    assert_eq!(status(&last), "44 pages match. Showing 41–44 of 44.");
    insta::assert_snapshot!("page_3", results_region(&last));
    let past = page_html(&h, "/search/?q=export&page=9");
    assert_eq!(
        status(&past),
        "44 pages match. Page 9 is past the last page of results, page 3."
    );
    insta::assert_snapshot!("page_9", results_region(&past));
}

#[test]
fn a_bad_page_is_refused_like_the_other_parameters() {
    let h = hosted();
    for page in ["0", "101", "two", "-1", "2.5", "99999999999999999999999"] {
        for endpoint in ["/search/", "/_search/api"] {
            let path = format!("{endpoint}?q=export&page={page}");
            let r = h.server.get(&path);
            assert_eq!(
                (r.status, r.text().as_str()),
                (
                    400,
                    "400 Bad Request: page must be a number from 1 to 100\n"
                ),
                "{path}"
            );
        }
    }
    let r = h.server.get("/search/?q=export&page=");
    assert_eq!(r.status, 200);
    assert!(status(&r.text()).contains("Showing 1–20 of 44."));
}

#[test]
fn the_links_keep_the_query_and_the_kind() {
    let h = hosted();
    let html = page_html(&h, "/search/?q=export+rules&kind=guidance&page=2");
    assert!(
        html.contains("<option value=\"guidance\" selected>"),
        "{html}"
    );
    let region = results_region(&html);
    assert!(
        region.contains(
            "<nav class=\"search-pages\" aria-label=\"Search results pages\">\n\
             <a rel=\"prev\" href=\"/search/?q=export+rules&amp;kind=guidance&amp;page=1\">Previous page</a>\n\
             <span class=\"search-page-number\">Page 2 of 3</span>\n\
             <a rel=\"next\" href=\"/search/?q=export+rules&amp;kind=guidance&amp;page=3\">Next page</a>\n\
             </nav>\n"
        ),
        "{region}"
    );
    assert!(
        region.contains("<ol class=\"search-hits\" start=\"21\">"),
        "{region}"
    );
    assert!(
        region.contains("<a href=\"/guidance/note-21/?highlight=export+rules\">Note 21</a>"),
        "{region}"
    );
    let api: serde_json::Value = serde_json::from_slice(
        &h.server
            .get("/_search/api?q=export&kind=guidance&limit=5&page=9")
            .body,
    )
    .unwrap();
    assert_eq!(
        (&api["total"], &api["offset"], &api["limit"], &api["kind"]),
        (
            &serde_json::json!(44),
            &serde_json::json!(40),
            &serde_json::json!(5),
            &serde_json::json!("guidance")
        ),
        "{api}"
    );
    assert_eq!(api["hits"].as_array().map(Vec::len), Some(4), "{api}");
}

#[test]
fn the_answering_contact_is_on_the_first_page_only_and_not_counted() {
    let h = hosted();
    let s = open(&h.out());
    let mut listed = Vec::new();
    for page in 1..=3 {
        let r = search_page(&s, "export", None, 20, page);
        assert_eq!(r.total, NOTES, "page {page}");
        let cards: Vec<&str> = r
            .hits
            .iter()
            .filter(|h| h.contact.is_some())
            .map(|h| h.url.as_str())
            .collect();
        let expected: &[&str] = if page == 1 { &["contacts/ada/"] } else { &[] };
        assert_eq!(cards, expected, "page {page}");
        listed.extend(
            r.hits
                .iter()
                .filter(|h| h.contact.is_none())
                .map(|h| h.url.clone()),
        );
    }
    let expected: Vec<String> = (1..=NOTES)
        .map(|n| format!("guidance/note-{n:02}/"))
        .collect();
    assert_eq!(listed, expected);
    let past = search_page(&s, "export", None, 20, 4);
    assert_eq!((past.total, past.hits.len()), (NOTES, 0));
    // The guides outrank Ada: with one page a page she is not among those fetched,
    // and still not counted.
    for limit in [1, 2, 20] {
        let r = search_page(&s, "adviser", None, limit, 1);
        assert_eq!(
            (r.total, card(&r)),
            (3, Some("contacts/ada/")),
            "limit {limit}"
        );
    }
    // A contact that answers alone: no page is counted, the card still shows.
    let alone = search_page(&s, "control", None, 20, 1);
    assert_eq!(alone.total, 0);
    assert!(results_html(&alone, "/").starts_with(
        "<p class=\"search-count\">1 contact matches <q>control</q>.</p>\n\
         <section class=\"search-answer\" aria-label=\"Who to contact\">\n\
         <div class=\"contact-card\">\n\
         <p class=\"contact-name\"><a href=\"/contacts/ada/?highlight=control\">Ada Example</a></p>"
    ));
    assert_eq!(
        status_text(&alone),
        "1 contact matches. Contact: Ada Example, Export control adviser."
    );
}

/// (query, kind) pairs asked page by page of both searches.
const ASKED: &[(&str, Option<&str>)] = &[
    ("export", None),
    ("export rules", Some("guidance")),
    ("part", None),
    ("laptop", None),
    ("adviser", None),
    ("control", None),
    ("zebra", None),
    // Other white space than ASCII stays in the query of the links.
    (" export\u{a0}rules\u{85} part ", None),
];

#[test]
fn the_host_and_search_js_show_the_same_pages() {
    let h = hosted();
    let s = open(&h.out());
    let mut asked = Vec::new();
    for (q, kind) in ASKED {
        for page in 1..=4 {
            asked.push((*q, *kind, 20, page));
        }
    }
    let rust: Vec<SearchResults> = asked
        .iter()
        .map(|(q, kind, limit, page)| search_page(&s, q, *kind, *limit, *page))
        .collect();
    let js = fallback_pages(&h.out(), &asked);
    for ((r, j), a) in rust.iter().zip(&js).zip(&asked) {
        assert_eq!(
            (r.total, r.offset, r.limit, &r.kind, urls(r)),
            (j.total, j.offset, j.limit, &j.kind, urls(j)),
            "{a:?}"
        );
    }
    let rendered = node(&serde_json::json!({
        "dir": h.out().join("_search/static"),
        "render": rust,
        "prefix": "/",
    }));
    for (i, r) in rust.iter().enumerate() {
        let (q, kind, _, page) = asked[i];
        assert_eq!(
            rendered["html"][i].as_str(),
            Some(results_html(r, "/").as_str()),
            "{:?}",
            asked[i]
        );
        assert_eq!(
            rendered["status"][i].as_str(),
            Some(status_text(r).as_str()),
            "{:?}",
            asked[i]
        );
        let path = host_path(q, kind, page);
        let html = page_html(&h, &path);
        assert_eq!(results_region(&html), results_html(r, "/"), "{path}");
        assert_eq!(status(&html), status_text(r), "{path}");
    }
}

fn host_path(q: &str, kind: Option<&str>, page: usize) -> String {
    let mut query = url::form_urlencoded::Serializer::new(String::new());
    query.append_pair("q", q);
    if let Some(k) = kind {
        query.append_pair("kind", k);
    }
    query.append_pair("page", &page.to_string());
    format!("/search/?{}", query.finish())
}

fn urls(r: &SearchResults) -> Vec<&str> {
    r.hits.iter().map(|h| h.url.as_str()).collect()
}
