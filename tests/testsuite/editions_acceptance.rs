//! Editions, end to end on `tests/fixtures/editions-basic`: cut an edition, edit a
//! legislation page, add one page and remove another (the new files are in
//! `tests/fixtures/editions-changes`), cut a second edition, change the live content
//! once more, build, and check what readers and auditors see.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use crate::support::*;

/// The review date every run measures against, so the fixture never goes overdue.
const TODAY: &str = "2026-10-15";

fn gb(site: &Path, args: &[&str]) -> Output {
    guidebook()
        .current_dir(site)
        .env("GUIDEBOOK_TODAY", TODAY)
        .env("NO_COLOR", "1")
        .args(args)
        .output()
        .expect("run guidebook")
}

fn ok(o: &Output) -> String {
    assert_eq!(o.status.code(), Some(0), "stderr: {}", stderr(o));
    stdout(o)
}

/// The fixture with two editions cut and one more change to the live content.
fn two_editions() -> (tempfile::TempDir, PathBuf) {
    let (t, site) = fixture("editions-basic");
    let out = ok(&gb(
        &site,
        &[
            "edition",
            "cut",
            "2026-03",
            "--title",
            "March 2026",
            "--date",
            "2026-03-02",
        ],
    ));
    assert_eq!(
        out,
        "Cut edition 2026-03 (March 2026, 2 March 2026): 7 pages frozen in editions/2026-03/\n\
         First edition: 7 pages.\n"
    );
    let content = site.join("content");
    let changes = root().join("tests/fixtures/editions-changes/content");
    fs::copy(
        changes.join("legislation/atas.md"),
        content.join("legislation/atas.md"),
    )
    .unwrap();
    fs::copy(
        changes.join("guidance/partners.md"),
        content.join("guidance/partners.md"),
    )
    .unwrap();
    fs::remove_file(content.join("guidance/visiting-delegations.md")).unwrap();
    let out = ok(&gb(
        &site,
        &["edition", "cut", "2026-09", "--date", "2026-09-01"],
    ));
    assert_eq!(
        out,
        "Cut edition 2026-09 (September 2026, 1 September 2026): 7 pages frozen in editions/2026-09/\n\
         1 page added, 1 removed, 1 changed since the 2026-03 edition.\n"
    );
    // changed after the second edition
    fs::copy(
        changes.join("guidance/travel.md"),
        content.join("guidance/travel.md"),
    )
    .unwrap();
    (t, site)
}

fn build(site: &Path) -> PathBuf {
    let o = gb(site, &["build"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(without_summary(&stderr(&o)), "", "no diagnostics expected");
    site.join("public")
}

#[test]
fn list_diff_and_at_describe_the_editions() {
    let (_t, site) = two_editions();
    assert_eq!(
        ok(&gb(&site, &["edition", "list"])),
        "ID       DATE        TITLE           SUMMARY\n\
         2026-03  2026-03-02  March 2026      First edition: 7 pages.\n\
         2026-09  2026-09-01  September 2026  1 page added, 1 removed, 1 changed since the 2026-03 edition.\n"
    );
    assert_eq!(
        ok(&gb(&site, &["edition", "diff", "2026-03", "2026-09"])),
        r#"Comparing edition 2026-03 (March 2026, 2 March 2026) with edition 2026-09 (September 2026, 1 September 2026):
1 page added, 1 removed, 1 changed.

Added:
  + guidance/partners.md  Choosing partners
      1 June 2026: New page.

Removed:
  - guidance/visiting-delegations.md  Visiting delegations

Changed:
  ~ legislation/atas.md  Academic Technology Approval Scheme
      10 May 2026: Applications now go through the online portal.

--- editions/2026-03/legislation/atas.md
+++ editions/2026-09/legislation/atas.md
@@ -5,7 +5,11 @@
 department = "Foreign, Commonwealth and Development Office"
 requires = "A certificate before some international researchers start work."
 owner = "lead"
-reviewed = 2026-02-01
+reviewed = 2026-05-10
+
+[[changes]]
+date = 2026-05-10
+note = "Applications now go through the online portal."
 
 [[changes]]
 date = 2026-02-01
@@ -14,4 +18,4 @@
 
 ## How to apply
 
-Applicants send the paper application form by post. Allow twenty working days.
+Applicants apply through the online portal. Allow twenty working days.
"#
    );
    assert_eq!(
        ok(&gb(
            &site,
            &["edition", "diff", "2026-09", "current", "--brief"]
        )),
        "Comparing edition 2026-09 (September 2026, 1 September 2026) with the current content (content/):\n\
         0 pages added, 0 removed, 1 changed.\n\
         \n\
         Changed:\n  ~ guidance/travel.md  Travelling overseas\n      1 October 2026: Added the travel desk phone number.\n"
    );
    assert_eq!(
        ok(&gb(&site, &["edition", "at", "2026-05-01"])),
        "2026-03 (March 2026): in force from 2 March 2026 until replaced by 2026-09 on 1 September 2026\n"
    );
    assert_eq!(
        ok(&gb(&site, &["edition", "at", "2026-09-01"])),
        "2026-09 (September 2026): in force since 1 September 2026 (the latest edition)\n"
    );
    let o = gb(&site, &["edition", "at", "2026-01-01"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o),
        "No edition was in force on 1 January 2026: the first, 2026-03, dates from 2 March 2026\n"
    );
    let o = gb(&site, &["edition", "diff", "2026-3", "current"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        "error: unknown edition `2026-3` (use an edition id, or `current` for the live content); did you mean `2026-03`?\n"
    );
}

#[test]
fn archived_pages_keep_their_old_text_and_the_current_site_the_new() {
    let (_t, site) = two_editions();
    let public = build(&site);
    let old = read(public.join("editions/2026-03/legislation/atas/index.html"));
    let new = read(public.join("legislation/atas/index.html"));
    let sept = read(public.join("editions/2026-09/legislation/atas/index.html"));
    assert!(old.contains("Applicants send the paper application form by post."));
    assert!(!old.contains("online portal"));
    assert!(new.contains("Applicants apply through the online portal."));
    assert!(!new.contains("paper application form"));
    assert!(sept.contains("Applicants apply through the online portal."));
    // the removed page lives on in its edition only; the added one is not in the old
    assert!(
        public
            .join("editions/2026-03/guidance/visiting-delegations/index.html")
            .is_file()
    );
    assert!(
        !public
            .join("guidance/visiting-delegations/index.html")
            .exists()
    );
    assert!(
        !public
            .join("editions/2026-03/guidance/partners/index.html")
            .exists()
    );
    // the banner and its wording, on a page the current site still has
    assert!(old.contains(
        "<p>You are reading the March 2026 edition (<time datetime=\"2026-03-02\">2 March 2026</time>). \
         <a href=\"/legislation/atas/\">Read the current version of this page</a></p>"
    ));
    // and on one it no longer has
    let gone = read(public.join("editions/2026-03/guidance/visiting-delegations/index.html"));
    assert!(gone.contains(
        "This page is not in the current version. <a href=\"/\">Go to the current home page</a>"
    ));
    assert!(
        !new.contains("Archived edition"),
        "no banner on the current site"
    );
    // page history at the foot of the page
    assert!(new.contains(
        "<p>Last updated <time datetime=\"2026-05-10\">10 May 2026</time>: Applications now go through the online portal.</p>"
    ));
    assert!(new.contains("<summary>Show all updates</summary>"));
}

#[test]
fn every_page_has_a_switcher_that_keeps_the_reader_on_the_same_page() {
    let (_t, site) = two_editions();
    let public = build(&site);
    let html = read(public.join("legislation/atas/index.html"));
    assert!(html.contains(
        "<li><a href=\"/legislation/atas/\" aria-current=\"page\">Current version</a></li>\n\
         <li><a href=\"/editions/2026-09/legislation/atas/\">September 2026 edition</a> <span class=\"edition-date\">(<time datetime=\"2026-09-01\">1 September 2026</time>)</span></li>\n\
         <li><a href=\"/editions/2026-03/legislation/atas/\">March 2026 edition</a> <span class=\"edition-date\">(<time datetime=\"2026-03-02\">2 March 2026</time>)</span></li>\n"
    ), "{html}");
    // a page only the current site and the latest edition have
    let html = read(public.join("guidance/partners/index.html"));
    assert!(html.contains(
        "<li><a href=\"/editions/2026-03/\">March 2026 edition</a> <span class=\"edition-date\">(<time datetime=\"2026-03-02\">2 March 2026</time>)</span> <span class=\"edition-note\">home page: this page is not in it</span></li>"
    ));
    // every link in every banner and switcher of every page resolves to a file
    let mut checked = 0;
    for (rel, bytes) in tree(&public) {
        if !rel.ends_with(".html") {
            continue;
        }
        let text = String::from_utf8(bytes).unwrap();
        for href in edition_links(&text) {
            assert!(
                target(&public, &href).is_file(),
                "{rel}: {href} does not resolve"
            );
            checked += 1;
        }
    }
    assert!(checked > 60, "only {checked} links checked");
}

/// The hrefs inside the edition switcher and the archived-edition banner.
fn edition_links(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (start, end) in [
        ("<nav class=\"edition-switcher\"", "</nav>"),
        (
            "<div class=\"notification-banner edition-banner\"",
            "</div>\n</div>",
        ),
    ] {
        if let Some(i) = html.find(start) {
            let block = &html[i..];
            let block = &block[..block.find(end).unwrap()];
            for part in block.split("href=\"").skip(1) {
                out.push(part[..part.find('"').unwrap()].to_string());
            }
        }
    }
    out
}

fn target(public: &Path, href: &str) -> PathBuf {
    let p = public.join(href.trim_start_matches('/'));
    if href.ends_with('/') {
        p.join("index.html")
    } else {
        p
    }
}

#[test]
fn changes_page_lists_each_edition_and_the_current_changes_with_notes() {
    let (_t, site) = two_editions();
    let public = build(&site);
    let html = read(public.join("changes/index.html"));
    let section = |id: &str| {
        let start = html
            .find(&format!(
                "<section class=\"changes-set\" aria-labelledby=\"{id}\">"
            ))
            .unwrap();
        let len = html[start..].find("</section>").unwrap();
        html[start..start + len].to_string()
    };
    assert_eq!(
        section("edition-2026-09"),
        r#"<section class="changes-set" aria-labelledby="edition-2026-09">
<h2 id="edition-2026-09">September 2026 edition <span class="edition-date">(<time datetime="2026-09-01">1 September 2026</time>)</span></h2>
<p>1 page added, 1 removed, 1 changed since the 2026-03 edition.</p>
<p><a href="/editions/2026-09/">Read the September 2026 edition</a></p>
<p>Compared with the March 2026 edition:</p>
<h3>Added (1)</h3>
<ul class="change-list">
<li><a href="/editions/2026-09/guidance/partners/">Choosing partners</a>
<ul>
<li><time datetime="2026-06-01">1 June 2026</time>: New page.</li>
</ul></li>
</ul>
<h3>Changed (1)</h3>
<ul class="change-list">
<li><a href="/editions/2026-09/legislation/atas/">Academic Technology Approval Scheme</a>
<ul>
<li><time datetime="2026-05-10">10 May 2026</time>: Applications now go through the online portal.</li>
</ul></li>
</ul>
<h3>Removed (1)</h3>
<ul class="change-list">
<li><a href="/editions/2026-03/guidance/visiting-delegations/">Visiting delegations</a></li>
</ul>


"#
    );
    let current = section("changes-current");
    assert!(current.contains("<h2 id=\"changes-current\">Since the September 2026 edition</h2>"));
    assert!(current.contains(
        "<li><a href=\"/guidance/travel/\">Travelling overseas</a>\n<ul>\n<li><time datetime=\"2026-10-01\">1 October 2026</time>: Added the travel desk phone number.</li>"
    ));
    assert_eq!(current.matches("<li><a href=").count(), 1);
    assert!(section("edition-2026-03").contains("<p>The first edition, with 7 pages.</p>"));
    // every link of the page resolves
    for part in html.split("href=\"").skip(1) {
        let href = &part[..part.find('"').unwrap()];
        if href.starts_with('/') {
            assert!(target(&public, href).is_file(), "{href} does not resolve");
        }
    }
    let feed = read(public.join("changes/atom.xml"));
    assert!(feed.starts_with("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n<title>Editions Fixture: what changed</title>\n<id>https://intranet.example.ac.uk/changes/#feed</id>\n"), "{feed}");
    assert!(feed.contains("<updated>2026-10-01T00:00:00Z</updated>"));
    assert_eq!(feed.matches("<entry>").count(), 3);
    assert!(feed.contains(
        "<entry>\n<title>September 2026 edition</title>\n<id>https://intranet.example.ac.uk/changes/#edition-2026-09</id>\n"
    ));
    assert!(feed.contains("Applications now go through the online portal."));
}

#[test]
fn each_edition_is_searched_on_its_own() {
    let (_t, site) = two_editions();
    build(&site);
    let search = |dir: &str, q: &str| ok(&gb(&site, &["search", q, "--site", dir]));
    assert_eq!(
        search("public/editions/2026-03", "paper"),
        " 1. Academic Technology Approval Scheme (Legislation)\n    /editions/2026-03/legislation/atas/\n    \
         How to apply Applicants send the paper application form by post. Allow twenty working days.\n\n\
         1 page matches \"paper\".\n"
    );
    assert_eq!(
        search("public/editions/2026-03", "portal"),
        "No pages match \"portal\".\n"
    );
    assert_eq!(
        search("public/editions/2026-09", "paper"),
        "No pages match \"paper\".\n"
    );
    assert!(
        search("public/editions/2026-09", "portal")
            .contains("    /editions/2026-09/legislation/atas/\n")
    );
    assert_eq!(search("public", "paper"), "No pages match \"paper\".\n");
    assert!(search("public", "portal").contains("    /legislation/atas/\n"));
    // the removed page is found in its edition only
    assert!(search("public/editions/2026-03", "delegation").contains("Visiting delegations"));
    assert_eq!(
        search("public", "delegation"),
        "No pages match \"delegation\".\n"
    );
}
