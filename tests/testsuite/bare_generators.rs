//! Bare folders of other generators' pages (Hugo, Jekyll, MkDocs) build as they are:
//! each pattern of tests/fixtures/import-{hugo,jekyll,mkdocs} gives a page, a warning
//! that says what was left out, or nothing at all, and the build exits 0. The same
//! pages inside a configured site keep guidebook's strict rules.

use std::path::Path;

use crate::support::snap::cli_output;
use crate::support::*;

/// Every page file of a built site (`index.html` at any depth), sorted.
fn pages(public: &Path) -> Vec<String> {
    tree(public)
        .into_iter()
        .map(|(p, _)| p)
        .filter(|p| p.ends_with("index.html"))
        .collect()
}

fn build(case: &str, extra: &[&str]) -> (tempfile::TempDir, std::path::PathBuf, String) {
    let (t, site) = fixture(case);
    let mut args = vec!["build"];
    args.extend_from_slice(extra);
    let o = run_in(&site, &args);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(0), "{err}");
    (t, site, without_summary(&err))
}

#[test]
fn a_hugo_folder_builds_with_its_shortcodes_aliases_and_section_pages() {
    let (_t, site, err) = build("import-hugo", &[]);
    insta::assert_snapshot!("hugo_report", err);
    let public = site.join("public");
    assert_eq!(
        pages(&public),
        [
            "docs/faq-2/index.html",
            "docs/faq/index.html",
            "docs/guide/first-steps/index.html",
            "docs/guide/index.html",
            "docs/guide/print/index.html",
            "docs/hassuffix/index.html",
            "docs/index.html",
            "docs/install/index.html",
            "docs/print/index.html",
            "docs/setup/index.html",
            "index.html",
            "old-install/index.html",
            "review/index.html",
            "search/index.html",
            "sitemap/index.html",
            "tags/client/index.html",
            "tags/index.html",
            "tags/setup/index.html",
            "templates/404/index.html",
            "templates/index.html",
            "templates/print/index.html",
        ]
    );
    let install = read(public.join("docs/install/index.html"));
    // ref shortcodes and URL-style links resolve to pages; code keeps its shortcodes
    assert!(install.contains("<p>Read the <a href=\"/docs/setup/\">setup notes</a> and the <a href=\"/docs/faq/#vpn\">FAQ</a> first.</p>"), "{install}");
    assert!(install.contains("<pre><code class=\"language-sh\">./install --yes\n</code></pre>"));
    assert!(install.contains("<code>{{&lt; ref \"x\" &gt;}}</code>"));
    assert!(install.contains("<pre><code class=\"language-go-html-template\">{{&lt; ref \"docs/setup\" &gt;}}\n</code></pre>"));
    assert!(!install.contains("youtube"));
    // a callout shortcode is a callout; linkTitle names the page in its section's list
    assert!(install.contains("<div class=\"callout callout-warning\" role=\"note\">\n<p class=\"callout-title\"><span class=\"callout-label\">Warning<span class=\"visually-hidden\">:</span></span> Before you start</p>\n<p>Back up your <strong>files</strong>.</p>\n</div>"));
    assert!(read(public.join("docs/index.html")).contains(">Install</a>"));
    assert!(install.contains("<dt>Tags</dt><dd><ul class=\"tag-list\">\n<li><a href=\"/tags/setup/\">setup</a></li>\n<li><a href=\"/tags/client/\">client</a></li>\n</ul></dd>"));
    assert!(
        install
            .contains("<dt>Last updated</dt><dd><time datetime=\"2024-05-02\">2 May 2024</time>")
    );
    // the relative alias redirects; the one equal to the page's URL makes nothing
    assert!(read(public.join("old-install/index.html")).contains("url=/docs/install/"));
    assert!(!public.join("docs/Install").exists());
    // foo.md beside foo/ is that folder's page; templates/ holding Markdown is content
    assert!(
        read(public.join("docs/guide/index.html"))
            .contains("The guide’s own page, beside its folder.")
            || read(public.join("docs/guide/index.html"))
                .contains("The guide's own page, beside its folder.")
    );
    assert!(
        read(public.join("docs/guide/first-steps/index.html"))
            .contains("<a href=\"/docs/guide/\">guide</a>")
    );
    assert!(read(public.join("templates/404/index.html")).contains("<h1>Page templates</h1>"));
    // an expired page is not built
    assert!(!public.join("docs/retired").exists());
}

#[test]
fn a_jekyll_folder_builds_with_liquid_permalinks_and_redirects() {
    let (_t, site, err) = build("import-jekyll", &[]);
    insta::assert_snapshot!("jekyll_report", err);
    let public = site.join("public");
    assert_eq!(
        pages(&public),
        [
            "about/index.html",
            "about/print/index.html",
            "about/team/index.html",
            "docs/index.html",
            "docs/moved/index.html",
            "docs/print/index.html",
            "docs/setup/index.html",
            "docs/setup/print/index.html",
            "docs/setup/storage/index.html",
            "docs/usage/index.html",
            "index.html",
            "old-docs/index.html",
            "posts/2024-01-02-new-cluster/index.html",
            "posts/index.html",
            "posts/print/index.html",
            "review/index.html",
            "search/index.html",
            "sitemap/index.html",
        ]
    );
    let home = read(public.join("index.html"));
    assert!(home.contains("<p>Read the <a href=\"/docs/\">documentation</a> or the <a href=\"/posts/2024-01-02-new-cluster/\">announcement</a>.\nSource: <a href=\"https://git.example.ac.uk/rc/handbook\">repository</a>.</p>"), "{home}");
    let intro = read(public.join("docs/index.html"));
    assert!(
        intro.contains(
            "<p>See <a href=\"/docs/usage/\">usage</a> and <a href=\"/docs/setup/\">setup</a>.</p>"
        ),
        "{intro}"
    );
    assert!(intro.contains("<p class=\"lead\">What the handbook covers.</p>"));
    let usage = read(public.join("docs/usage/index.html"));
    assert!(
        usage.contains(
            "<pre><code class=\"language-ruby\">puts \"{{ not liquid }}\"\n</code></pre>"
        ),
        "{usage}"
    );
    assert!(usage.contains("<p>Liquid looks like {{ this }}.</p>"));
    assert!(!usage.contains("editor"));
    assert!(read(public.join("old-docs/index.html")).contains("url=/docs/"));
    assert!(
        read(public.join("docs/moved/index.html")).contains("url=https://www.example.ac.uk/rc/")
    );
    assert!(!public.join("docs/unpublished").exists());
    // a Jekyll HTML page where a section page goes is not copied over it
    let about = read(public.join("about/index.html"));
    assert!(
        about.contains("<h1>About</h1>") && !about.contains("{{"),
        "{about}"
    );
}

#[test]
fn an_mkdocs_folder_builds_with_admonitions_and_blog_dates() {
    let (_t, site, err) = build("import-mkdocs", &[]);
    insta::assert_snapshot!("mkdocs_report", err);
    let public = site.join("public");
    let home = read(public.join("index.html"));
    let content = home
        .split("<div class=\"content\">\n")
        .nth(1)
        .and_then(|c| c.split("\n</div>\n<h2").next())
        .unwrap();
    insta::assert_snapshot!("mkdocs_callouts", content);
    assert!(!home.contains("On this page"), "hide: [toc]");
    let post = read(public.join("blog/posts/new-policy/index.html"));
    assert!(
        post.contains(
            "<dt>Last updated</dt><dd><time datetime=\"2024-02-01\">1 February 2024</time>"
        )
    );
    assert!(post.contains(
        "<dt>Tags</dt><dd><ul class=\"tag-list\">\n<li><a href=\"/tags/policy/\">Policy</a></li>\n</ul></dd>"
    ));
    // a pymdownx `/// details` block is a collapsed callout
    assert!(read(public.join("guides/index.html")).contains("<details class=\"callout callout-note\">\n<summary class=\"callout-title\"><span class=\"callout-label\">Note<span class=\"visually-hidden\">:</span></span> How long records are kept</summary>\n<p>Six years after the project ends.</p>\n</details>"));
    let reporting = read(public.join("guides/reporting/index.html"));
    assert!(reporting.contains("<div class=\"callout callout-important\" role=\"note\">"));
    assert!(reporting.contains("<h1>Reporting a breach</h1>"));
}

#[test]
fn verbose_lists_every_diagnostic_and_note_in_full() {
    let (_t, _site, err) = build("import-hugo", &["--verbose"]);
    insta::assert_snapshot!("hugo_verbose", err);
}

#[test]
fn check_json_lists_notes_with_the_warnings() {
    let (_t, site) = fixture("import-hugo");
    let o = run_in(&site, &["check", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let doc: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(doc["summary"]["warnings"], 4);
    assert_eq!(doc["summary"]["errors"], 0);
    let severities: Vec<(&str, &str)> = doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["severity"].as_str().unwrap(), d["code"].as_str().unwrap()))
        .collect();
    assert_eq!(
        severities,
        [
            ("note", "front-matter"),
            ("warning", "duplicate-url"),
            ("warning", "template"),
            ("note", "front-matter"),
            ("warning", "shortcode"),
            ("warning", "shortcode"),
        ]
    );
}

/// The same pages in a configured site (`content/` and guidebook.toml) keep the
/// strict rules: a page beside its folder's index is a duplicate URL and `alias` is
/// a typo of `aliases`.
#[test]
fn a_configured_site_keeps_the_strict_rules() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    copy_dir(
        &root().join("tests/fixtures/import-hugo"),
        &site.join("content"),
    );
    std::fs::write(site.join("guidebook.toml"), "title = \"Lab\"\n").unwrap();
    let o = run_in(&site, &["build"]);
    assert_eq!(o.status.code(), Some(1));
    insta::assert_snapshot!("configured_strict", cli_output(&o, &[(&site, "[SITE]")]));
}

/// A bare folder of many pages with the same warnings reports one line per rule and
/// key, with a count and the first three places.
#[test]
fn many_repeated_warnings_report_in_a_few_lines() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    std::fs::create_dir_all(&site).unwrap();
    for i in 0..40 {
        let body = format!(
            "---\ntitle: Page {i:02}\nlayout: docs\n---\n\nText {{{{< youtube v{i} >}}}} and {{{{% tab %}}}}more{{{{% /tab %}}}}.\n"
        );
        std::fs::write(site.join(format!("p{i:02}.md")), body).unwrap();
    }
    let o = run_in(&site, &["build"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        without_summary(&stderr(&o)),
        "warning[shortcode]: `{{< youtube >}}` is another generator's template tag; it is left out of the page (40 times: p00.md:6, p01.md:6, p02.md:6, …)\n\
         warning[shortcode]: `{{% tab %}}` is another generator's template tag; it is left out of the page (40 times: p00.md:6, p01.md:6, p02.md:6, …)\n\
         warning[sitemap]: no sitemap.xml was written: a sitemap needs absolute addresses, and `base_url` does not say where the site is published (guidebook.toml)\n\
         warning[template]: template `docs` does not exist; the page uses page.html (40 times: p00.md:3, p01.md:3, p02.md:3, …)\n\
         note: repeated warnings are grouped; --verbose prints every one in full"
    );
}

/// `template` naming one of guidebook's own templates (`redirect.html`) used to stop
/// the build with a template error (exit 2); in a configured site it is now a content
/// error on the page's line (exit 1), and the previous output stays.
#[test]
fn a_non_page_template_is_an_error_in_a_configured_site() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    std::fs::create_dir_all(site.join("content")).unwrap();
    std::fs::write(site.join("guidebook.toml"), "title = \"Lab\"\n").unwrap();
    std::fs::write(
        site.join("content/moved.md"),
        "+++\ntitle = \"Moved\"\nsummary = \"Gone.\"\ntemplate = \"redirect.html\"\n+++\n\nText.\n",
    )
    .unwrap();
    let o = run_in(&site, &["build"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    insta::assert_snapshot!("non_page_template", cli_output(&o, &[(&site, "[SITE]")]));
}

/// A folder with guidebook.toml and its pages beside it (no content/) is configured:
/// the strict rules hold there too.
#[test]
fn a_folder_with_guidebook_toml_is_not_lenient() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    copy_dir(&root().join("tests/fixtures/import-hugo/docs"), &site);
    std::fs::write(site.join("guidebook.toml"), "title = \"Lab\"\n").unwrap();
    let o = run_in(&site, &["check"]);
    assert_eq!(o.status.code(), Some(1));
    insta::assert_snapshot!("toml_beside_pages", cli_output(&o, &[(&site, "[SITE]")]));
}

#[test]
fn a_relative_alias_is_checked_where_it_leads() {
    let t = tempfile::tempdir().unwrap();
    let site = t.path().join("site");
    std::fs::create_dir_all(site.join("docs")).unwrap();
    std::fs::write(
        site.join("docs/new.md"),
        "---\ntitle: New\naliases: [../assets/x/, ../old/]\n---\nText.\n",
    )
    .unwrap();
    let o = run_in(&site, &["build"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert_eq!(
        without_summary(&err),
        format!("warning[front-matter]: alias `../assets/x/` cannot be an address on this site: it is inside /assets/, which guidebook writes itself
 --> docs/new.md:3:11
  |
3 | aliases: [../assets/x/, ../old/]
  |           ^^^^^^^^^^^^
  = help: write a path such as `/old/page/`: letters, digits, `-`, `_`, `.` and `/`

{NO_SITEMAP}")
    );
    let public = site.join("public");
    assert!(read(public.join("old/index.html")).contains("/docs/new/"));
    assert!(!public.join("assets/x").exists());
}

#[test]
fn a_link_that_climbs_out_as_a_file_path_is_read_as_the_url_it_is() {
    let t = tempfile::tempdir().unwrap();
    let site = t.path().join("site");
    std::fs::create_dir_all(&site).unwrap();
    std::fs::write(
        site.join("notices.md"),
        "# Notices\n\nSee [the legal page](../legal/#licences) and [this](../../secret/).\n",
    )
    .unwrap();
    std::fs::write(site.join("legal.md"), "# Legal\n\n## Licences\n\nText.\n").unwrap();
    let o = run_in(&site, &["build"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert_eq!(
        without_summary(&err),
        NO_SITEMAP.to_string() + "\nwarning[outside-link]: link to `../../secret/`, a file outside the content folder: guidebook never publishes it
 --> notices.md:3:53
  |
3 | See [the legal page](../legal/#licences) and [this](../../secret/).
  |                                                     ^^^^^^^^^^^^^
  = help: link to a page or file inside the content folder (`@/` starts from it), or to a web address
"
    );
    let html = read(site.join("public/notices/index.html"));
    assert!(
        html.contains(
            r##"<a href="/legal/#licences">the legal page</a> and <a href="#">this</a>"##
        ),
        "{html}"
    );
}
