//! `guidebook build` on fixture sites: output files, HTML content, stderr and exit code.

use crate::support::snap::cli_output;
use crate::support::*;

#[test]
fn basic_site_builds_with_pretty_urls_and_site_files() {
    let (_t, site) = fixture("basic");
    let o = run_in(&site, &["build"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    insta::assert_snapshot!("basic_build", cli_output(&o, &[(&site, "[SITE]")]));
    let public = site.join("public");
    for f in [
        "index.html",
        "guidance/index.html",
        "guidance/travel/index.html",
        "legislation/index.html",
        "legislation/eco/index.html",
        "contacts/eco-manager/index.html",
        "404.html",
        "robots.txt",
        "sitemap.xml",
        "docs/handbook.txt",
        "guidance/img/map.png",
        "old/travel/index.html",
        ".guidebook-output",
    ] {
        assert!(public.join(f).is_file(), "missing {f}");
    }
    assert!(
        !public.join("guidance/draft/index.html").exists(),
        "drafts are left out"
    );
    assert_eq!(
        read(public.join("robots.txt")),
        "User-agent: *\nDisallow: /\n"
    );
    let sitemap = read(public.join("sitemap.xml"));
    assert!(sitemap.contains(
        "<url><loc>https://intranet.example.ac.uk/guidance/travel/</loc><lastmod>2026-03-03</lastmod></url>"
    ));
    let redirect = read(public.join("old/travel/index.html"));
    assert!(
        redirect.contains("<meta http-equiv=\"refresh\" content=\"0; url=/guidance/travel/\">")
    );
}

#[test]
fn page_html_has_toc_anchors_links_and_metadata() {
    let (_t, site) = fixture("basic");
    assert!(run_in(&site, &["build"]).status.success());
    let html = read(site.join("public/guidance/travel/index.html"));
    // links rewritten to the target page's URL, anchors kept
    assert!(
        html.contains("<a href=\"/legislation/eco/#licences\">export rules</a>"),
        "{html}"
    );
    assert!(html.contains("<a href=\"#devices\">devices</a>"));
    // unique heading ids with a visible self-link
    assert!(html.contains(
        "<h2 id=\"before-you-go\">Before you go <a class=\"heading-link\" href=\"#before-you-go\">"
    ));
    assert!(html.contains("<h2 id=\"before-you-go-1\">"));
    assert!(html.contains("<h2 id=\"devices\">Devices"));
    // table of contents
    assert!(html.contains("<li class=\"toc-level-2\"><a href=\"#devices\">Devices</a></li>"));
    // tables, footnotes, strikethrough, task lists
    assert!(html.contains("<th class=\"align-left\">Step</th>"));
    assert!(html.contains("<del>old</del>"));
    assert!(html.contains("type=\"checkbox\""));
    assert!(html.contains("class=\"footnote-definition\""));
    // image resolved to the copied file
    assert!(html.contains("<img src=\"/guidance/img/map.png\" alt=\"Map of the campus\""));
    // owner, last reviewed, contacts box, history, breadcrumbs
    assert!(html.contains("<dt>Page owner</dt><dd><a href=\"/contacts/eco-manager/\">Dr Ada Example</a>, Export Control Manager</dd>"));
    assert!(html.contains(
        "<time datetime=\"2026-03-03\">3 March 2026</time> (next review due 3 March 2027)"
    ));
    assert!(html.contains("<h2 id=\"who-to-contact-heading\">Who to contact</h2>"));
    assert!(
        html.contains("<a href=\"mailto:a.example@example.ac.uk\">a.example@example.ac.uk</a>")
    );
    assert!(html.contains(
        "Last updated <time datetime=\"2026-03-03\">3 March 2026</time>: Added the device advice."
    ));
    assert!(
        html.contains(
            "<li><a href=\"/\">Home</a></li>\n<li><a href=\"/guidance/\">Guidance</a></li>"
        )
    );
    // no inline script or style; fingerprinted assets
    assert!(!html.contains("<script>") && !html.contains("<style") && !html.contains(" style=\""));
    assert!(html.contains("<link rel=\"stylesheet\" href=\"/assets/style."));
    assert!(html.contains("<title>Travel advice – Fixture Guide</title>"));
}

#[test]
fn section_listing_and_inline_contact_card() {
    let (_t, site) = fixture("basic");
    assert!(run_in(&site, &["build"]).status.success());
    let section = read(site.join("public/guidance/index.html"));
    assert!(section.contains("<li><a href=\"/guidance/travel/\">Travel advice</a><p>What to do before you travel.</p></li>"));
    assert!(
        section.contains("<p class=\"lead\">How to stay safe.</p>"),
        "description is the summary"
    );
    let eco = read(site.join("public/legislation/eco/index.html"));
    assert!(eco.contains("<div class=\"contact-card\">\n<p class=\"contact-name\"><a href=\"/contacts/eco-manager/\">Dr Ada Example</a></p>"));
    assert!(
        eco.contains("<div><dt>Department</dt><dd>Department for Business and Trade</dd></div>")
    );
    assert!(eco.contains("<a href=\"tel:+441632960001\">01632 960001</a>"));
}

#[test]
fn near_miss_key_fails_with_file_line_and_suggestion() {
    let (_t, site) = fixture("typo");
    let o = run_in(&site, &["build"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        without_summary(&stderr(&o)),
        "error[front-matter]: unknown field `tittle`, did you mean `title`?\n \
         --> content/travel.md:2:1\n  |\n2 | tittle = \"Travel advice\"\n  | ^^^^^^\n  \
         = help: rename `tittle` to `title`\n"
    );
    assert!(
        !site.join("public").exists(),
        "a failed build writes nothing"
    );
}

#[test]
fn failed_build_leaves_previous_output_byte_for_byte() {
    let (_t, site) = fixture("basic");
    assert!(run_in(&site, &["build"]).status.success());
    let before = tree(&site.join("public"));
    std::fs::write(
        site.join("content/guidance/travel.md"),
        "+++\ntitle = \"Changed\"\nowner = \"nobody-here\"\n+++\n\nNew text.\n",
    )
    .unwrap();
    let o = run_in(&site, &["build"]);
    assert_eq!(o.status.code(), Some(1));
    insta::assert_snapshot!("failed_build", cli_output(&o, &[(&site, "[SITE]")]));
    assert_eq!(tree(&site.join("public")), before);
    let leftovers: Vec<_> = std::fs::read_dir(&site)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".guidebook-") && !n.ends_with(".guidebook-lock"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn two_builds_are_identical() {
    let (_t, site) = fixture("basic");
    assert!(run_in(&site, &["build", "--out", "one"]).status.success());
    assert!(run_in(&site, &["build", "--out", "two"]).status.success());
    let strip = |t: Vec<(String, Vec<u8>)>| -> Vec<(String, Vec<u8>)> {
        t.into_iter()
            .filter(|(p, _)| !p.starts_with("_search/"))
            .collect()
    };
    assert_eq!(
        strip(tree(&site.join("one"))),
        strip(tree(&site.join("two")))
    );
}

#[test]
fn refuses_to_replace_a_folder_it_did_not_create() {
    let (_t, site) = fixture("basic");
    std::fs::create_dir_all(site.join("public")).unwrap();
    std::fs::write(site.join("public/precious.txt"), "mine").unwrap();
    let o = run_in(&site, &["build"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        "error: refusing to replace ./public: it exists but was not created by guidebook (no .guidebook-output file in it)\n\
         Build failed; ./public was left as it was\n"
    );
    assert_eq!(read(site.join("public/precious.txt")), "mine");
}

#[test]
fn bare_folder_builds_with_titles_from_headings_and_warns_on_broken_links() {
    let (_t, site) = fixture("bare");
    let o = run_in(&site, &["build"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        without_summary(&stderr(&o)),
        NO_SITEMAP.to_string()
            + "\nwarning[broken-link]: link to `missing-policy.md`, but there is no page notes/missing-policy.md\n \
         --> notes/lost-devices.md:3:86\n  |\n3 | If you lose a device, [report it](reporting.md#how-to-report). See also [the policy](missing-policy.md).\n  \
         |                                                                                      ^^^^^^^^^^^^^^^^^\n  \
         = help: check the path: links are relative to this file, or start with `@/` for the content folder\n"
    );
    let html = read(site.join("public/notes/lost-devices/index.html"));
    assert!(html.contains("<h1>Lost devices</h1>"));
    assert_eq!(
        html.matches("Lost devices</h").count(),
        1,
        "the heading is not repeated"
    );
    assert!(html.contains("<a href=\"/notes/reporting/#how-to-report\">report it</a>"));
    assert!(
        read(site.join("public/notes/reporting/index.html")).contains("<h2 id=\"how-to-report\">")
    );
    assert!(read(site.join("public/old-reporting/index.html")).contains("url=/notes/reporting/"));
    // as GitHub shows a folder: its README is its page
    assert!(!site.join("public/readme").exists());
    let home = read(site.join("public/index.html"));
    assert!(
        home.contains("<p>Read <a href=\"/notes/lost-devices/\">lost devices</a>.</p>"),
        "{home}"
    );
}

#[test]
fn with_a_config_broken_links_are_errors_and_anchors_warnings() {
    let (_t, site) = fixture("broken-link");
    let o = run_in(&site, &["build"]);
    assert_eq!(o.status.code(), Some(1));
    insta::assert_snapshot!("broken_links", cli_output(&o, &[(&site, "[SITE]")]));
}

#[test]
fn template_error_names_the_template_file_and_line() {
    let (_t, site) = fixture("template-error");
    let o = run_in(&site, &["build"]);
    assert_eq!(o.status.code(), Some(2));
    insta::assert_snapshot!("template_error", cli_output(&o, &[(&site, "[SITE]")]));
}

#[test]
fn unknown_config_key_is_a_usage_error_with_a_hint() {
    let (_t, site) = fixture("bad-config");
    let o = run_in(&site, &["build"]);
    assert_eq!(o.status.code(), Some(2));
    insta::assert_snapshot!("unknown_config_key", cli_output(&o, &[(&site, "[SITE]")]));
}

#[test]
fn init_makes_a_site_that_builds_cleanly() {
    let tmp = tempfile::tempdir().unwrap();
    let o = run_in(tmp.path(), &["init", "newsite"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = run_in(&tmp.path().join("newsite"), &["build"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    insta::assert_snapshot!("init_then_build", cli_output(&o, &[(tmp.path(), "[TMP]")]));
    let o = run_in(tmp.path(), &["init", "newsite"]);
    assert_eq!(o.status.code(), Some(2));
    insta::assert_snapshot!("init_over_a_site", cli_output(&o, &[(tmp.path(), "[TMP]")]));
}

#[test]
fn the_knowledge_base_builds_without_warnings() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    let o = run_in(&root(), &["build", ".", "--out", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(without_summary(&stderr(&o)), "", "no diagnostics expected");
}

#[test]
fn a_rebuild_with_no_change_rewrites_nothing_and_repeats_the_warnings() {
    let (_t, site) = fixture("bare");
    let first = run_in(&site, &["build"]);
    assert_eq!(first.status.code(), Some(0));
    let page = site.join("public/notes/lost-devices/index.html");
    let before = std::fs::metadata(&page).unwrap().modified().unwrap();
    let second = run_in(&site, &["build"]);
    assert_eq!(second.status.code(), Some(0));
    insta::assert_snapshot!(
        "rebuild_unchanged",
        cli_output(&second, &[(&site, "[SITE]")])
    );
    assert_eq!(
        std::fs::metadata(&page).unwrap().modified().unwrap(),
        before
    );
    // a change to any input rebuilds
    std::fs::write(site.join("notes/new.md"), "# New page\n\nText.\n").unwrap();
    let third = run_in(&site, &["build"]);
    assert!(
        stderr(&third)
            .lines()
            .last()
            .unwrap()
            .starts_with("Built 5 pages"),
        "{}",
        stderr(&third)
    );
    assert!(site.join("public/notes/new/index.html").is_file());
    // so does another option
    let fourth = run_in(&site, &["build", "--drafts"]);
    assert!(
        stderr(&fourth)
            .lines()
            .last()
            .unwrap()
            .starts_with("Built 5 pages")
    );
}
