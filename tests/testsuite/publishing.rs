//! Publishing without friction (issue 19): a page without `summary` builds and is
//! described by its first paragraph; an overdue review warns instead of stopping the
//! build and heads the review dashboard; `sitemap.xml` only with absolute addresses,
//! and an HTML site map for readers; a progress bar only on a terminal.

use std::path::Path;

use crate::support::*;

const CONFIG: &str = "title = \"Publishing\"\n";
const HOME: &str = "+++\ntitle = \"Home\"\nsummary = \"Home page.\"\nowner = \"lead\"\nreviewed = 2026-06-01\n+++\n\nRead [the travel advice](@/guidance/travel.md) and [the export page](@/guidance/export.md).\n";
const LEAD: &str = "+++\ntitle = \"Lead\"\nname = \"Pat Lead\"\nrole = \"Lead\"\nemail = \"p@example.ac.uk\"\nsummary = \"The lead.\"\nowner = \"lead\"\nreviewed = 2026-06-01\n+++\n\nAsk me. Back [home](@/_index.md).\n";
const SECTION: &str = "+++\ntitle = \"Guidance\"\nsummary = \"How to do things.\"\nowner = \"lead\"\nreviewed = 2026-06-01\n+++\n";
/// No summary; a first paragraph longer than 160 characters.
const TRAVEL: &str = "+++\ntitle = \"Travel\"\nowner = \"lead\"\nreviewed = 2026-06-01\n+++\n\n> A quote is not the description.\n\nBefore you travel abroad with a university laptop, check whether the data on it is\ncontrolled, because carrying controlled technology across a border can itself be an export.\n\nSecond paragraph. Back [home](@/_index.md).\n";
/// Reviewed more than twelve months before [`TODAY`].
const EXPORT: &str = "+++\ntitle = \"Export\"\nsummary = \"Export licences.\"\nowner = \"lead\"\nreviewed = 2025-10-01\n+++\n\nText. Back [home](@/_index.md).\n";

/// The site above, with `config` as its guidebook.toml.
fn site(dir: &Path, config: &str) -> std::path::PathBuf {
    let site = dir.join("site");
    for (rel, text) in [
        ("guidebook.toml", config),
        ("content/_index.md", HOME),
        ("content/contacts/lead.md", LEAD),
        ("content/guidance/_index.md", SECTION),
        ("content/guidance/travel.md", TRAVEL),
        ("content/guidance/export.md", EXPORT),
    ] {
        let path = site.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    site
}

const DESCRIPTION: &str = "Before you travel abroad with a university laptop, check whether the data on it is controlled, because carrying controlled technology across a border can…";

#[test]
fn a_page_without_summary_builds_with_a_warning_and_its_first_paragraph() {
    let t = tempfile::tempdir().unwrap();
    let site = site(
        t.path(),
        &format!("base_url = \"https://rs.example.ac.uk/\"\n{CONFIG}"),
    );
    let o = run_in(&site, &["build"]);
    assert_eq!(
        without_summary(&stderr(&o)),
        "warning[review-overdue]: review overdue: last reviewed 1 October 2025, due 1 October 2026
 --> content/guidance/export.md:5:1
  |
5 | reviewed = 2025-10-01
  | ^^^^^^^^
  = help: review the page with its owner, then set `reviewed = 2026-11-22`

warning[missing-summary]: this page has no `summary`; its first paragraph is shown instead
 --> content/guidance/travel.md:1:1
  |
1 | +++
  | ^^^
  = help: add `summary = \"One sentence saying what this page answers.\"`: it is shown in listings and search
"
    );
    assert_eq!(o.status.code(), Some(0));
    assert!(DESCRIPTION.chars().count() <= 160);
    let page = read(site.join("public/guidance/travel/index.html"));
    assert!(
        page.contains(&format!(
            "<meta name=\"description\" content=\"{DESCRIPTION}\">"
        )),
        "{page}"
    );
    let listing = read(site.join("public/guidance/index.html"));
    assert!(listing.contains(DESCRIPTION), "{listing}");
}

#[test]
fn strict_and_the_check_table_make_an_overdue_review_stop_the_build() {
    let t = tempfile::tempdir().unwrap();
    let config = format!(
        "base_url = \"https://rs.example.ac.uk/\"\n{CONFIG}[check]\nreview_overdue = \"error\"\nmissing_summary = \"warning\"\n"
    );
    let site = site(t.path(), &config);
    let o = run_in(&site, &["build"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("error[review-overdue]: review overdue: last reviewed 1 October 2025, due 1 October 2026\n --> content/guidance/export.md:5:1"), "{err}");
    assert!(err.contains("warning[missing-summary]"), "{err}");
    assert!(
        err.ends_with("Build failed (1 error, 1 warning); ./public was left as it was\n"),
        "{err}"
    );
    assert!(!site.join("public").exists());
    // without the table, --strict does the same for both
    std::fs::write(
        site.join("guidebook.toml"),
        format!("base_url = \"https://rs.example.ac.uk/\"\n{CONFIG}"),
    )
    .unwrap();
    let o = run_in(&site, &["build", "--strict"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.ends_with("Build failed (2 errors, 0 warnings); ./public was left as it was\n"),
        "{err}"
    );
}

#[test]
fn the_review_dashboard_lists_overdue_pages_first() {
    let t = tempfile::tempdir().unwrap();
    let site = site(
        t.path(),
        &format!("base_url = \"https://rs.example.ac.uk/\"\n{CONFIG}"),
    );
    let o = run_in(&site, &["build"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let html = read(site.join("public/review/index.html"));
    let start = html
        .find("<section class=\"callout callout-warning\"")
        .unwrap();
    let end = start + html[start..].find("</section>").unwrap() + "</section>".len();
    assert_eq!(
        &html[start..end],
        "<section class=\"callout callout-warning\" aria-labelledby=\"overdue-heading\">
<h2 id=\"overdue-heading\">Overdue for review (1)</h2>
<ul>
<li><a href=\"/guidance/export/\">Export</a>: due 2026-10-01, owner Pat Lead</li>
</ul>
</section>"
    );
    assert!(start < html.find("<table").unwrap());
    // with nothing overdue, the dashboard says so
    edit(
        site.join("content/guidance/export.md"),
        "reviewed = 2025-10-01",
        "reviewed = 2026-10-01",
    );
    let o = run_in(&site, &["build"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let html = read(site.join("public/review/index.html"));
    assert!(html.contains("<p class=\"review-none-overdue\">No page is overdue for review.</p>"));
    assert!(!html.contains("overdue-heading"));
}

/// A copied file at the address of a page guidebook makes (the review dashboard,
/// the site map) is replaced by that page, in the build and in the preview alike:
/// the dashboard is written after the copied files, however early it is made.
#[test]
fn generated_pages_replace_copied_files_at_their_address() {
    let t = tempfile::tempdir().unwrap();
    let site = site(t.path(), CONFIG);
    for rel in [
        "static/review/index.html",
        "static/sitemap/index.html",
        "static/guidance/print/index.html",
    ] {
        let path = site.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, "STATIC\n").unwrap();
    }
    std::fs::write(site.join("static/review/notes.txt"), "kept\n").unwrap();
    let o = run_in(&site, &["build"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let review = read(site.join("public/review/index.html"));
    let map = read(site.join("public/sitemap/index.html"));
    let printout = read(site.join("public/guidance/print/index.html"));
    for html in [&review, &map, &printout] {
        assert!(html.starts_with("<!DOCTYPE html>"), "{html}");
    }
    assert!(printout.contains("<p class=\"print-stamp\">"), "{printout}");
    assert!(review.contains("<h2 id=\"overdue-heading\">Overdue for review (1)</h2>"));
    assert_eq!(read(site.join("public/review/notes.txt")), "kept\n");
    let server = crate::support::server::Server::start(&[
        "serve",
        site.to_str().unwrap(),
        "--bind",
        "127.0.0.1:0",
    ]);
    for (url, built) in [
        ("/review/", &review),
        ("/sitemap/", &map),
        ("/guidance/print/", &printout),
    ] {
        let served = server.get(url).text();
        assert!(served.starts_with("<!DOCTYPE html>"), "{url}: {served}");
        assert!(!served.contains("STATIC"), "{url}");
        let title =
            |h: &str| h[h.find("<title>").unwrap()..h.find("</title>").unwrap()].to_string();
        assert_eq!(title(&served), title(built), "{url}");
    }
    assert_eq!(server.get("/review/notes.txt").text(), "kept\n");
}

#[test]
fn sitemap_xml_has_absolute_addresses_when_base_url_names_the_host() {
    let t = tempfile::tempdir().unwrap();
    let site = site(
        t.path(),
        &format!("base_url = \"https://intranet.example.ac.uk/rs/\"\n{CONFIG}"),
    );
    let o = run_in(&site, &["build"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(!stderr(&o).contains("sitemap"));
    assert_eq!(
        read(site.join("public/sitemap.xml")),
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>
<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">
  <url><loc>https://intranet.example.ac.uk/rs/</loc><lastmod>2026-06-01</lastmod></url>
  <url><loc>https://intranet.example.ac.uk/rs/contacts/</loc></url>
  <url><loc>https://intranet.example.ac.uk/rs/contacts/lead/</loc><lastmod>2026-06-01</lastmod></url>
  <url><loc>https://intranet.example.ac.uk/rs/guidance/</loc><lastmod>2026-06-01</lastmod></url>
  <url><loc>https://intranet.example.ac.uk/rs/guidance/export/</loc><lastmod>2025-10-01</lastmod></url>
  <url><loc>https://intranet.example.ac.uk/rs/guidance/travel/</loc><lastmod>2026-06-01</lastmod></url>
</urlset>
"
    );
}

#[test]
fn without_a_host_there_is_no_sitemap_xml_and_one_warning_saying_why() {
    for base in ["", "base_url = \"/rs/\"\n"] {
        let t = tempfile::tempdir().unwrap();
        let site = site(
            t.path(),
            &format!("{base}{CONFIG}[output]\nrobots = \"allow-all\"\n"),
        );
        let o = run_in(&site, &["build"]);
        assert_eq!(o.status.code(), Some(0));
        let err = stderr(&o);
        assert_eq!(err.matches(NO_SITEMAP).count(), 1, "{err}");
        assert_eq!(err.matches("warning[").count(), 3, "{err}");
        assert!(!site.join("public/sitemap.xml").exists());
        assert_eq!(
            read(site.join("public/robots.txt")),
            "User-agent: *\nAllow: /\n"
        );
        // turning the sitemap off stops the warning
        edit(
            site.join("guidebook.toml"),
            "[output]\n",
            "[output]\nsitemap = false\n",
        );
        let o = run_in(&site, &["build"]);
        assert!(!stderr(&o).contains("sitemap"), "{}", stderr(&o));
    }
}

#[test]
fn the_html_site_map_lists_every_section_and_its_pages() {
    let t = tempfile::tempdir().unwrap();
    let site = site(
        t.path(),
        &format!("base_url = \"https://rs.example.ac.uk/\"\n{CONFIG}"),
    );
    let o = run_in(&site, &["build"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let html = read(site.join("public/sitemap/index.html"));
    let main = &html[html.find("<main").unwrap()..html.find("</main>").unwrap()];
    assert_eq!(
        main,
        "<main id=\"main-content\" tabindex=\"-1\">

<h1>Site map</h1>
<p class=\"lead\">Every section of this site and the pages listed in it.</p>
<section class=\"site-map-section\" aria-labelledby=\"site-map-1\">
<h2 id=\"site-map-1\"><a href=\"/\">Home</a></h2>
</section>
<section class=\"site-map-section\" aria-labelledby=\"site-map-2\">
<h3 id=\"site-map-2\"><a href=\"/contacts/\">Contacts</a></h3>
<ul class=\"site-map-pages\">
<li><a href=\"/contacts/lead/\">Lead</a></li>
</ul>
</section>
<section class=\"site-map-section\" aria-labelledby=\"site-map-3\">
<h3 id=\"site-map-3\"><a href=\"/guidance/\">Guidance</a></h3>
<ul class=\"site-map-pages\">
<li><a href=\"/guidance/export/\">Export</a></li>
<li><a href=\"/guidance/travel/\">Travel</a></li>
</ul>
</section>

"
    );
    // every page's footer links the HTML site map, not the XML
    let home = read(site.join("public/index.html"));
    assert!(
        home.contains("<p><a href=\"/sitemap/\">Site map</a></p>"),
        "{home}"
    );
}

#[test]
fn no_progress_is_printed_when_stderr_is_not_a_terminal() {
    let t = tempfile::tempdir().unwrap();
    let site = site(
        t.path(),
        &format!("base_url = \"https://rs.example.ac.uk/\"\n{CONFIG}"),
    );
    let o = guidebook()
        .current_dir(&site)
        .args(["build"])
        .env("GUIDEBOOK_PROGRESS_AFTER_MS", "0")
        .output()
        .unwrap();
    let err = stderr(&o);
    assert!(!err.contains('\r') && !err.contains('\u{1b}'), "{err:?}");
    assert!(!err.contains("Rendering"), "{err}");
}

/// On a terminal (a pseudo-terminal from util-linux's `script`), the bar names its
/// stage and counts pages, and is cleared before the report.
#[test]
fn a_terminal_shows_the_stage_and_page_count() {
    let t = tempfile::tempdir().unwrap();
    let site = site(
        t.path(),
        &format!("base_url = \"https://rs.example.ac.uk/\"\n{CONFIG}"),
    );
    let bin = env!("CARGO_BIN_EXE_guidebook");
    let o = std::process::Command::new("script")
        .args(["-qec", &format!("{bin} build"), "/dev/null"])
        .current_dir(&site)
        .env("GUIDEBOOK_PROGRESS_AFTER_MS", "0")
        .env("GUIDEBOOK_TODAY", TODAY)
        .output()
        .expect("script (util-linux) runs");
    let shown = without_escapes(&String::from_utf8_lossy(&o.stdout));
    assert!(shown.contains("Rendering"), "{shown:?}");
    assert!(shown.contains("/6 pages"), "{shown:?}");
    // the last thing on the terminal is the report, on a line of its own
    let last = shown.trim_end().rsplit(['\r', '\n']).next().unwrap();
    assert!(
        last.starts_with("Built 6 pages in 3 sections (0 errors, 2 warnings)"),
        "{last:?}"
    );
}

/// `text` without ANSI escape sequences (`ESC [ … letter`).
fn without_escapes(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            for e in chars.by_ref() {
                if e.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}
