//! Tag pages and related pages, on `tests/fixtures/tags` (a site under the URL prefix
//! `/kb/`): `/tags/` lists every tag with a count, `/tags/<slug>/` the pages with the
//! tag, pages link their tags and show up to five related pages chosen by shared tags
//! and topics, leaving out those their own "Related pages" section links to. Hidden,
//! draft and section pages carry no tag; a public build has no tag of internal pages;
//! archived editions get tag pages of their own; the preview serves the same pages
//! and follows edits.

use std::path::Path;
use std::time::{Duration, Instant};

use crate::support::kinds::{hrefs, main_of};
use crate::support::server::{Server, save_atomically};
use crate::support::snap::cli_output;
use crate::support::*;

/// Build a copy of the fixture with `args` after `build . --out OUT --today TODAY`;
/// the build must succeed without diagnostics.
fn built(args: &[&str]) -> (tempfile::TempDir, std::path::PathBuf, std::path::PathBuf) {
    let (tmp, site) = fixture("tags");
    let out = tmp.path().join("out");
    let o = build_with(&site, &out, args);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(err.starts_with("Built "), "expected no diagnostics:\n{err}");
    (tmp, site, out)
}

fn build_with(site: &Path, out: &Path, args: &[&str]) -> std::process::Output {
    let mut all = vec![
        "build",
        ".",
        "--out",
        out.to_str().unwrap(),
        "--today",
        TODAY,
    ];
    all.extend_from_slice(args);
    run_in(site, &all)
}

/// Every `index.html` under `dir`, as paths relative to it.
fn pages_under(dir: &Path) -> Vec<String> {
    tree(dir)
        .into_iter()
        .map(|(p, _)| p)
        .filter(|p| p.ends_with("index.html"))
        .collect()
}

/// The end of a page's article: its related pages and its facts (with the tags).
fn related_and_meta(html: &str) -> &str {
    let start = html
        .find("<section class=\"related-pages\"")
        .or_else(|| html.find("<dl class=\"page-meta\">"))
        .expect("a page");
    let end = html[start..].find("</dl>").unwrap() + start + "</dl>".len();
    &html[start..end]
}

#[test]
fn the_tags_page_lists_every_tag_of_a_listed_page_with_its_count() {
    let (_t, _site, out) = built(&[]);
    assert_eq!(
        pages_under(&out.join("tags")),
        [
            "export-control/index.html",
            "index.html",
            "internal-only/index.html",
            "travel/index.html",
            "visas/index.html",
        ]
    );
    insta::assert_snapshot!("tags_index", main_of(&read(out.join("tags/index.html"))));
}

#[test]
fn a_tag_page_lists_its_pages_by_title_in_the_most_common_spelling() {
    let (_t, _site, out) = built(&[]);
    let html = read(out.join("tags/export-control/index.html"));
    assert!(html.contains("<title>Pages tagged “export control” – Tags Fixture</title>"));
    assert!(html.contains("<nav class=\"breadcrumbs\" aria-label=\"Breadcrumb\">\n<ol>\n<li><a href=\"/kb/\">Home</a></li>\n<li><a href=\"/kb/tags/\">Tags</a></li>\n</ol>\n</nav>"));
    insta::assert_snapshot!("tag_export_control", main_of(&html));
    insta::assert_snapshot!(
        "tag_travel",
        main_of(&read(out.join("tags/travel/index.html")))
    );
}

#[test]
fn pages_link_their_tags_and_show_up_to_five_related_pages() {
    let (_t, _site, out) = built(&[]);
    // a hand-written "Related pages" section: the chosen ones are more, never the same
    insta::assert_snapshot!(
        "travel_related",
        related_and_meta(&read(out.join("guidance/travel/index.html")))
    );
    insta::assert_snapshot!(
        "visas_related",
        related_and_meta(&read(out.join("guidance/visas/index.html")))
    );
    // a hidden page's tag that no listed page has is text, not a link
    insta::assert_snapshot!(
        "hidden_related",
        related_and_meta(&read(out.join("guidance/hidden/index.html")))
    );
    // a section page shows no tags and no related pages
    let section = read(out.join("guidance/index.html"));
    assert!(!section.contains("tag-list") && !section.contains("related-pages"));
}

#[test]
fn the_sitemap_lists_the_tag_pages() {
    let (_t, _site, out) = built(&[]);
    insta::assert_snapshot!("sitemap", read(out.join("sitemap.xml")));
}

#[test]
fn a_public_build_has_no_tag_that_only_internal_pages_have() {
    let (_t, _site, out) = built(&["--profile", "public"]);
    assert_eq!(
        pages_under(&out.join("tags")),
        [
            "export-control/index.html",
            "index.html",
            "travel/index.html",
            "visas/index.html",
        ]
    );
    let travel = read(out.join("guidance/travel/index.html"));
    let related: Vec<String> = hrefs(related_and_meta(&travel))
        .into_iter()
        .filter(|h| !h.contains("/tags/") && !h.contains("/contacts/"))
        .collect();
    assert_eq!(
        related,
        [
            "/kb/guidance/conferences/",
            "/kb/guidance/devices/",
            "/kb/checklists/packing/",
            "/kb/support/helpdesk/",
            "/kb/support/vpn/",
        ]
    );
    let tags = read(out.join("tags/index.html"));
    assert!(!tags.contains("internal"), "{tags}");
    assert!(!read(out.join("tags/travel/index.html")).contains("Internal notes"));
}

#[test]
fn a_site_with_its_own_page_under_tags_gets_no_generated_tag_pages() {
    let (tmp, site) = fixture("tags");
    std::fs::write(
        site.join("content/tags.md"),
        "+++\ntitle = \"Our tags\"\nsummary = \"Our own list.\"\nowner = \"ada\"\nreviewed = 2026-01-01\n+++\n\nOur own list of tags.\n",
    )
    .unwrap();
    let out = tmp.path().join("out");
    let o = build_with(&site, &out, &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(pages_under(&out.join("tags")), ["index.html"]);
    assert!(read(out.join("tags/index.html")).contains("<p>Our own list of tags.</p>"));
    let travel = read(out.join("guidance/travel/index.html"));
    assert!(travel.contains("<div><dt>Tags</dt><dd><ul class=\"tag-list\">\n<li>export control</li>\n<li>travel</li>\n<li>visas</li>\n</ul></dd></div>"), "{travel}");
    assert!(!read(out.join("sitemap.xml")).contains("/kb/tags/travel/"));
}

#[test]
fn links_to_tag_pages_are_checked_like_any_link_to_the_site() {
    let (tmp, site) = fixture("tags");
    edit(
        site.join("content/guidance/visas.md"),
        "Apply early.",
        "Apply early. See [travel](/kb/tags/travel/), [all tags](/kb/tags/) and [nothing](/kb/tags/nothing/).",
    );
    let o = run_in(&site, &["check", "--today", TODAY]);
    insta::assert_snapshot!("check_links", cli_output(&o, &[(tmp.path(), "[TMP]")]));
}

#[test]
fn archived_editions_link_their_own_tag_pages() {
    let (tmp, site) = fixture("tags");
    let cut = run_in(
        &site,
        &[
            "edition",
            "cut",
            "2026-06",
            "--title",
            "June 2026",
            "--date",
            "2026-06-01",
        ],
    );
    assert_eq!(cut.status.code(), Some(0), "{}", stderr(&cut));
    edit(
        site.join("content/guidance/visas.md"),
        "tags = [\"visas\", \"travel\"]",
        "tags = [\"travel\"]",
    );
    edit(site.join("content/guidance/travel.md"), "\"visas\", ", "");
    let out = tmp.path().join("out");
    let o = build_with(&site, &out, &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(!out.join("tags/visas").exists());
    let archived = out.join("editions/2026-06");
    assert_eq!(
        pages_under(&archived.join("tags")),
        [
            "export-control/index.html",
            "index.html",
            "internal-only/index.html",
            "travel/index.html",
            "visas/index.html",
        ]
    );
    let travel = read(archived.join("guidance/travel/index.html"));
    assert!(travel.contains("<li><a href=\"/kb/editions/2026-06/tags/visas/\">visas</a></li>"));
    let visas = read(archived.join("tags/visas/index.html"));
    assert!(
        visas.contains("<li><a href=\"/kb/editions/2026-06/guidance/travel/\">Travel advice</a>")
    );
    assert!(read(archived.join("sitemap.xml")).contains("/kb/editions/2026-06/tags/visas/"));
}

/// GET `path` until its body contains `needle` (bounded); returns the body.
fn wait_for_text(server: &Server, path: &str, needle: &str) -> String {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let body = server.get(path).text();
        if body.contains(needle) {
            return body;
        }
        assert!(
            Instant::now() < deadline,
            "{path} never showed {needle}:\n{body}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn the_preview_serves_the_tag_pages_and_follows_an_edit_of_tags() {
    let (tmp, site) = fixture("tags");
    let out = tmp.path().join("out");
    let o = build_with(&site, &out, &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let server = Server::start(&["serve", site.to_str().unwrap(), "--bind", "127.0.0.1:0"]);
    for page in pages_under(&out.join("tags")) {
        let url = format!("/kb/tags/{}", page.trim_end_matches("index.html"));
        let served = server.get(&url).text();
        let start = served
            .find("<link rel=\"stylesheet\" href=\"/__guidebook/")
            .unwrap();
        let end = served.find("defer></script></head>").unwrap() + "defer></script>".len();
        let served = format!("{}{}", &served[..start], &served[end..]);
        assert_eq!(served, read(out.join("tags").join(&page)), "{url}");
    }
    // Conferences leaves both of Travel's tags it had: Travel's related pages and
    // the tag pages follow, though Travel itself was not edited.
    let conferences = site.join("content/guidance/conferences.md");
    let text = read(&conferences).replace(
        "tags = [\"travel\", \"export control\"]",
        "tags = [\"events\"]",
    );
    save_atomically(&conferences, &text);
    let travel = wait_for_text(&server, "/kb/guidance/travel/", "/kb/support/vpn/");
    assert!(!travel.contains("/kb/guidance/conferences/"), "{travel}");
    wait_for_text(
        &server,
        "/kb/tags/",
        "<a href=\"/kb/tags/events/\">events</a>",
    );
    let export = server.get("/kb/tags/export-control/").text();
    assert!(
        export.contains("3 pages have the tag “Export control”."),
        "{export}"
    );
    assert!(!export.contains("Conferences"));
}
