//! Section feeds and printable sections (issue 19, points 3 and 5), on
//! `tests/fixtures/feeds-print`: the site's `/atom.xml` and each section's
//! `SECTION/atom.xml` (valid Atom, exact text, absolute with `base_url`, nothing
//! internal in a public build, edition facts once editions exist), the links to them
//! from section pages, and `SECTION/print/` (every page in order, stamped, ids
//! unique, not in the sitemap or the search index), in the build and in `serve`.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::support::server::{Server, save_atomically};
use crate::support::*;

fn build(site: &Path, extra: &[&str]) -> PathBuf {
    let mut args = vec!["build", ".", "--out", "out"];
    args.extend(extra);
    let o = run_in(site, &args);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    site.join("out")
}

/// The element child `name` of `n`.
fn child<'a, 'i>(n: roxmltree::Node<'a, 'i>, name: &str) -> roxmltree::Node<'a, 'i> {
    n.children()
        .find(|c| c.is_element() && c.tag_name().name() == name)
        .unwrap_or_else(|| panic!("<{name}> missing in <{}>", n.tag_name().name()))
}

/// The feed parsed: it must be well-formed XML in the Atom namespace with the
/// elements RFC 4287 requires of a feed and of each entry. Returns the entries' ids.
fn valid_atom(xml: &str) -> Vec<String> {
    const ATOM: &str = "http://www.w3.org/2005/Atom";
    let doc = roxmltree::Document::parse(xml).expect("the feed is well-formed XML");
    let feed = doc.root_element();
    assert_eq!(feed.tag_name().name(), "feed");
    assert_eq!(feed.tag_name().namespace(), Some(ATOM));
    for name in ["id", "title", "updated"] {
        assert!(!child(feed, name).text().unwrap_or("").is_empty(), "{name}");
    }
    assert!(child(child(feed, "author"), "name").text().is_some());
    let mut ids = Vec::new();
    for entry in feed.children().filter(|c| c.tag_name().name() == "entry") {
        assert_eq!(entry.tag_name().namespace(), Some(ATOM));
        for name in ["id", "title", "updated"] {
            assert!(
                !child(entry, name).text().unwrap_or("").is_empty(),
                "{name}"
            );
        }
        let updated = child(entry, "updated").text().unwrap();
        assert!(
            updated.len() == 20 && updated.ends_with("T00:00:00Z"),
            "{updated}"
        );
        assert!(child(entry, "link").attribute("href").is_some());
        ids.push(child(entry, "id").text().unwrap().to_string());
    }
    ids
}

/// The `<main>` element of a page.
fn main_of(html: &str) -> &str {
    let start = html.find("<main").expect("<main>");
    let end = html.find("</main>").expect("</main>") + "</main>".len();
    &html[start..end]
}

/// Every `id="…"` of a page, failing on the first repeated one.
fn unique_ids(html: &str) -> usize {
    let mut seen = BTreeSet::new();
    for part in html.split(" id=\"").skip(1) {
        let id = part.split('"').next().unwrap();
        assert!(seen.insert(id.to_string()), "id {id:?} repeats");
    }
    seen.len()
}

/// The feed links of a page's `<head>`.
fn head_feeds(html: &str) -> Vec<&str> {
    let head = &html[..html.find("</head>").unwrap()];
    head.lines()
        .filter(|l| l.contains("application/atom+xml"))
        .collect()
}

#[test]
fn every_section_and_the_site_have_a_valid_atom_feed() {
    let (_t, site) = fixture("feeds-print");
    let out = build(&site, &[]);
    let site_feed = read(out.join("atom.xml"));
    assert_eq!(
        valid_atom(&site_feed),
        [
            "urn:guidebook:page:/legislation/eco/",
            "urn:guidebook:page:/checklists/travel/",
            "urn:guidebook:page:/legislation/atas/",
            "urn:guidebook:page:/legislation/",
            "urn:guidebook:page:/checklists/abroad/pay/",
            "urn:guidebook:page:/contacts/lead/",
            "urn:guidebook:page:/checklists/",
            "urn:guidebook:page:/",
            "urn:guidebook:page:/checklists/abroad/",
            "urn:guidebook:page:/empty/",
        ],
        "newest first; the undated page is left out"
    );
    insta::assert_snapshot!("site_feed", site_feed);
    let checklists = read(out.join("checklists/atom.xml"));
    assert_eq!(
        valid_atom(&checklists),
        [
            "urn:guidebook:page:/checklists/travel/",
            "urn:guidebook:page:/checklists/abroad/pay/",
            "urn:guidebook:page:/checklists/",
            "urn:guidebook:page:/checklists/abroad/",
        ],
        "a section's feed covers its sub-sections"
    );
    insta::assert_snapshot!("checklists_feed", checklists);
    for section in ["legislation", "contacts", "empty", "checklists/abroad"] {
        valid_atom(&read(out.join(section).join("atom.xml")));
    }
    insta::assert_snapshot!("legislation_feed", read(out.join("legislation/atom.xml")));
}

#[test]
fn with_base_url_feeds_use_absolute_urls_as_links_and_ids() {
    let (_t, site) = fixture("feeds-print");
    edit(
        site.join("guidebook.toml"),
        "default_visibility",
        "base_url = \"https://intranet.example.ac.uk/rs/\"\ndefault_visibility",
    );
    let out = build(&site, &[]);
    let feed = read(out.join("legislation/atom.xml"));
    assert_eq!(
        valid_atom(&feed),
        [
            "https://intranet.example.ac.uk/rs/legislation/eco/",
            "https://intranet.example.ac.uk/rs/legislation/atas/",
            "https://intranet.example.ac.uk/rs/legislation/",
        ]
    );
    insta::assert_snapshot!("legislation_feed_base_url", feed);
    let page = read(out.join("legislation/index.html"));
    assert_eq!(
        head_feeds(&page),
        [
            "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Feeds &amp; Print Guide: new and changed pages\" href=\"/rs/atom.xml\">",
            "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Legislation register: new and changed pages\" href=\"/rs/legislation/atom.xml\">",
        ]
    );
}

#[test]
fn a_public_build_feeds_no_internal_page() {
    let (_t, site) = fixture("profiles");
    let out = build(&site, &["--profile", "public"]);
    let feed = read(out.join("atom.xml"));
    assert_eq!(
        valid_atom(&feed),
        [
            "urn:guidebook:page:/contacts/",
            "urn:guidebook:page:/guidance/",
            "urn:guidebook:page:/",
            "urn:guidebook:page:/guidance/open/",
            "urn:guidebook:page:/contacts/lead/",
        ]
    );
    assert!(!feed.to_lowercase().contains("zqx"), "{feed}");
    assert!(!out.join("internal/atom.xml").exists());
    insta::assert_snapshot!("public_profile_feed", feed);
    let full = build(&site, &[]);
    assert!(read(full.join("atom.xml")).contains("Zqxpagetitlemarker internal page"));
}

#[test]
fn section_pages_link_their_feed_and_print_version() {
    let (_t, site) = fixture("feeds-print");
    let out = build(&site, &[]);
    let links = |rel: &str| {
        let html = read(out.join(rel));
        let start = html.find("<ul class=\"section-links\">");
        let list = start.map(|s| {
            let end = html[s..].find("</ul>").unwrap() + s + "</ul>".len();
            html[s..end].to_string()
        });
        (
            head_feeds(&html)
                .iter()
                .map(|l| l.to_string())
                .collect::<Vec<_>>(),
            list,
        )
    };
    let site_feed = "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Feeds &amp; Print Guide: new and changed pages\" href=\"/atom.xml\">";
    assert_eq!(
        links("legislation/index.html"),
        (
            vec![
                site_feed.to_string(),
                "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Legislation register: new and changed pages\" href=\"/legislation/atom.xml\">".to_string()
            ],
            Some("<ul class=\"section-links\">\n\
                  <li><a href=\"/legislation/atom.xml\" type=\"application/atom+xml\">Follow this section<span class=\"visually-hidden\">: Legislation register</span> (Atom feed)</a></li>\n\
                  <li><a href=\"/legislation/print/\">Print this section<span class=\"visually-hidden\">: Legislation register</span></a></li>\n\
                  </ul>".to_string())
        )
    );
    // The contacts directory (a made-up section page) links both too.
    let contacts = links("contacts/index.html").1.unwrap();
    assert!(contacts.contains("href=\"/contacts/print/\""), "{contacts}");
    // A section with no page to print links only its feed.
    assert_eq!(
        links("empty/index.html").1.as_deref(),
        Some(
            "<ul class=\"section-links\">\n\
             <li><a href=\"/empty/atom.xml\" type=\"application/atom+xml\">Follow this section<span class=\"visually-hidden\">: Empty section</span> (Atom feed)</a></li>\n\
             </ul>"
        )
    );
    assert!(!out.join("empty/print").exists());
    // Every page links the site's feed; the home page (whose feed is the site's) no other.
    assert_eq!(links("index.html"), (vec![site_feed.to_string()], None));
    assert_eq!(
        links("legislation/eco/index.html").0,
        vec![site_feed.to_string()]
    );
}

#[test]
fn a_section_prints_as_one_stamped_document() {
    let (_t, site) = fixture("feeds-print");
    let out = build(&site, &[]);
    let html = read(out.join("legislation/print/index.html"));
    assert!(html.contains("<meta name=\"robots\" content=\"noindex\">\n</head>"));
    assert!(
        html.contains("<title>Legislation register (printable) – Feeds &amp; Print Guide</title>")
    );
    assert_eq!(unique_ids(&html), 9);
    insta::assert_snapshot!("legislation_print", main_of(&html));
    // A section prints its own pages; each sub-section is listed with a link to its
    // own printable version, so no page is printed twice.
    let checklists = read(out.join("checklists/print/index.html"));
    unique_ids(&checklists);
    let order: Vec<&str> = checklists
        .split("<p class=\"print-source\">From <a class=\"print-url\" href=\"")
        .skip(1)
        .map(|s| s.split('"').next().unwrap())
        .collect();
    assert_eq!(order, ["/checklists/travel/", "/checklists/no-date/"]);
    let subs = checklists
        .find("<section class=\"print-subsections\"")
        .unwrap();
    let subs = &checklists[subs..];
    assert_eq!(
        &subs[..subs.find("</section>").unwrap() + 10],
        "<section class=\"print-subsections\" aria-labelledby=\"print-subsections-heading\">\n\
         <h2 id=\"print-subsections-heading\">Sub-sections</h2>\n\
         <p>Each sub-section of Checklists has its own printable version:</p>\n\
         <ul>\n\
         <li><a href=\"/checklists/abroad/print/\">Working abroad</a></li>\n\
         </ul>\n\
         </section>"
    );
    let abroad = read(out.join("checklists/abroad/print/index.html"));
    assert!(abroad.contains("href=\"/checklists/abroad/pay/\">/checklists/abroad/pay/</a>"));
    assert!(!abroad.contains("print-subsections"), "{abroad}");
    // The printable versions are not pages: not searched, and not in the sitemap
    // (written once base_url names the host).
    edit(
        site.join("guidebook.toml"),
        "title =",
        "base_url = \"https://guide.example.ac.uk/\"\ntitle =",
    );
    let out = build(&site, &[]);
    let sitemap = read(out.join("sitemap.xml"));
    assert!(
        sitemap.contains("<loc>https://guide.example.ac.uk/legislation/</loc>"),
        "{sitemap}"
    );
    assert!(!sitemap.contains("print/"), "{sitemap}");
    let o = run_in(&site, &["search", "--site", "out", "how to apply"]);
    let found = stdout(&o);
    assert!(found.contains("/legislation/eco/"), "{found}");
    assert!(!found.contains("print/"), "{found}");
}

#[test]
fn print_stamp_and_feeds_name_the_edition() {
    let (_t, site) = fixture("feeds-print");
    let o = run_in(
        &site,
        &[
            "edition",
            "cut",
            "2026-10",
            "--title",
            "October 2026",
            "--date",
            "2026-10-01",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = build(&site, &[]);
    let stamp = |out: &Path| {
        let html = read(out.join("legislation/print/index.html"));
        let s = html.find("<p class=\"print-stamp\">").unwrap();
        html[s..s + html[s..].find("</p>").unwrap() + 4].to_string()
    };
    assert_eq!(
        stamp(&out),
        "<p class=\"print-stamp\">Feeds &amp; Print Guide. The October 2026 edition. Printed from the site as built on <time datetime=\"2026-11-22\">22 November 2026</time>.</p>"
    );
    edit(
        site.join("content/legislation/atas.md"),
        "+++\n\n",
        "\n[[changes]]\ndate = 2026-11-02\nnote = \"Added the new subject list.\"\n+++\n\nNew subjects.\n\n",
    );
    let out = build(&site, &[]);
    assert_eq!(
        stamp(&out),
        "<p class=\"print-stamp\">Feeds &amp; Print Guide. Current version, changed since the October 2026 edition. Printed from the site as built on <time datetime=\"2026-11-22\">22 November 2026</time>.</p>"
    );
    let feed = read(out.join("legislation/atom.xml"));
    valid_atom(&feed);
    insta::assert_snapshot!("legislation_feed_editions", feed);
    // An archived edition links no feed of its own and has no printable sections.
    let archived = read(out.join("editions/2026-10/legislation/index.html"));
    assert!(!archived.contains("section-links"), "{archived}");
    assert!(!out.join("editions/2026-10/legislation/print").exists());
    assert!(!out.join("editions/2026-10/atom.xml").exists());
}

#[test]
fn the_preview_serves_feeds_and_print_pages_and_updates_them() {
    let (_t, site) = fixture("feeds-print");
    let out = site.join("built");
    crate::support::server::build(&site, &out);
    let server = Server::start(&["serve", site.to_str().unwrap(), "--bind", "127.0.0.1:0"]);
    for (url, file) in [
        ("/atom.xml", "atom.xml"),
        ("/legislation/atom.xml", "legislation/atom.xml"),
        ("/checklists/abroad/atom.xml", "checklists/abroad/atom.xml"),
    ] {
        let r = server.get(url);
        assert_eq!(r.status, 200, "{url}");
        assert_eq!(r.text(), read(out.join(file)), "{url}");
    }
    let served = server.get("/legislation/print/");
    assert_eq!(served.status, 200);
    assert_eq!(
        main_of(&served.text()),
        main_of(&read(out.join("legislation/print/index.html")))
    );
    assert_eq!(server.get("/empty/print/").status, 404);
    save_atomically(
        &site.join("content/legislation/atas.md"),
        &read(site.join("content/legislation/atas.md"))
            .replace("ATAS is a clearance", "ATAS is a zqprinted clearance"),
    );
    let deadline = Instant::now() + Duration::from_secs(20);
    while !server
        .get("/legislation/print/")
        .text()
        .contains("zqprinted")
    {
        assert!(
            Instant::now() < deadline,
            "the print page was not rewritten"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}
