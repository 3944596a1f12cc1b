//! `guidebook import SOURCE --out SITE`: a Hugo, Jekyll or MkDocs site becomes a
//! configured guidebook site that builds, and SOURCE is never changed.

use std::fs;
use std::path::{Path, PathBuf};

use crate::support::*;

/// A Hugo site: hugo.toml, content/ (the import-hugo fixture) and static/.
fn hugo_source(tmp: &Path) -> PathBuf {
    let src = tmp.join("src");
    copy_dir(
        &root().join("tests/fixtures/import-hugo"),
        &src.join("content"),
    );
    fs::write(
        src.join("hugo.toml"),
        "baseURL = \"https://lab.example.ac.uk/handbook/\"\ntitle = \"Lab handbook\"\nlanguageCode = \"en-GB\"\n",
    )
    .unwrap();
    fs::create_dir_all(src.join("static/img")).unwrap();
    fs::write(src.join("static/img/logo.png"), "png").unwrap();
    src
}

/// An MkDocs site: mkdocs.yml with a nav, and docs/ (the import-mkdocs fixture).
fn mkdocs_source(tmp: &Path) -> PathBuf {
    let src = tmp.join("src");
    copy_dir(
        &root().join("tests/fixtures/import-mkdocs"),
        &src.join("docs"),
    );
    fs::write(
        src.join("mkdocs.yml"),
        "site_name: Data protection\nsite_url: https://dp.example.ac.uk/\ntheme:\n  name: material\n  language: en\n\
         markdown_extensions:\n  - pymdownx.emoji:\n      emoji_index: !!python/name:material.extensions.emoji.twemoji\n\
         nav:\n  - Home: index.md\n  - Guides:\n    - Reporting a breach: guides/reporting.md\n    - guides/index.md\n  - Blog: blog/posts/new-policy.md\n",
    )
    .unwrap();
    src
}

/// Import `src` into `tmp/site`; returns the import's stderr and exit code.
fn import(tmp: &Path, args: &[&str]) -> (String, Option<i32>) {
    let mut all = vec!["import", "src", "--out", "site"];
    all.extend_from_slice(args);
    let o = run_in(tmp, &all);
    (stderr(&o), o.status.code())
}

/// Build the imported site; returns its stderr without the summary line.
fn build_imported(tmp: &Path) -> String {
    let o = run_in(tmp, &["build", "site"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(err.contains("(0 errors, "), "{err}");
    without_summary(&err)
}

fn files(dir: &Path) -> Vec<String> {
    tree(dir).into_iter().map(|(p, _)| p).collect()
}

#[test]
fn a_hugo_site_becomes_a_configured_site_that_builds() {
    let tmp = tempfile::tempdir().unwrap();
    let src = hugo_source(tmp.path());
    let before = tree(&src);
    let (err, code) = import(tmp.path(), &[]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(tree(&src), before, "SOURCE is never changed");
    insta::assert_snapshot!("hugo_import", err);
    let site = tmp.path().join("site");
    assert_eq!(
        files(&site),
        [
            "content/_index.md",
            "content/docs/HasSuffix.md",
            "content/docs/_index.md",
            "content/docs/faq.md",
            "content/docs/faq/_index.md",
            "content/docs/guide/_index.md",
            "content/docs/guide/first-steps.md",
            "content/docs/install.md",
            "content/docs/setup.md",
            "content/templates/404.md",
            "guidebook.toml",
            "static/img/logo.png",
        ]
    );
    insta::assert_snapshot!("hugo_config", read(site.join("guidebook.toml")));
    insta::assert_snapshot!("hugo_install", read(site.join("content/docs/install.md")));
    assert_eq!(
        read(site.join("content/docs/faq.md")),
        "+++\nslug = \"faq-2\"\nsummary = \"Questions, as a page beside a folder that has its own index.\"\ntitle = \"FAQ (page)\"\n+++\n\nQuestions, as a page beside a folder that has its own index.\n"
    );
    assert_eq!(
        read(site.join("content/docs/guide/first-steps.md")),
        "+++\nsummary = \"Log in, then read the guide.\"\ntitle = \"First steps\"\n+++\n\nLog in, then read the [guide](_index.md).\n"
    );
    build_imported(tmp.path());
    let public = site.join("public");
    assert!(
        read(public.join("docs/install/index.html"))
            .contains("<a href=\"/handbook/docs/setup/\">setup notes</a>")
    );
    assert!(read(public.join("old-install/index.html")).contains("url=/handbook/docs/install/"));
    assert!(public.join("img/logo.png").is_file());
    assert!(public.join("docs/faq-2/index.html").is_file());
}

#[test]
fn a_jekyll_site_becomes_a_configured_site_that_builds() {
    let tmp = tempfile::tempdir().unwrap();
    let src = tmp.path().join("src");
    copy_dir(&root().join("tests/fixtures/import-jekyll"), &src);
    let before = tree(&src);
    let (err, code) = import(tmp.path(), &[]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(tree(&src), before);
    insta::assert_snapshot!("jekyll_import", err);
    let site = tmp.path().join("site");
    assert_eq!(
        read(site.join("content/_docs/_index.md")),
        "+++\naliases = [\"/old-docs/\"]\nsummary = \"What the handbook covers.\"\ntags = [\"basics\", \"onboarding\"]\ntitle = \"Introduction\"\n+++\n\nSee [usage](usage.md) and [setup](setup/).\n\n\n"
    );
    insta::assert_snapshot!("jekyll_usage", read(site.join("content/_docs/usage.md")));
    assert!(!site.join("content/_config.yml").exists());
    let report = build_imported(tmp.path());
    assert!(!report.contains("shortcode"), "{report}");
    let usage = read(site.join("public/docs/usage/index.html"));
    assert!(
        usage.contains("<p>Liquid looks like {{ this }}.</p>"),
        "{usage}"
    );
}

#[test]
fn an_mkdocs_site_keeps_its_nav_order_and_callouts() {
    let tmp = tempfile::tempdir().unwrap();
    let src = mkdocs_source(tmp.path());
    let before = tree(&src);
    let (err, code) = import(tmp.path(), &[]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(tree(&src), before);
    insta::assert_snapshot!("mkdocs_import", err);
    let site = tmp.path().join("site");
    assert_eq!(
        read(site.join("content/guides/reporting.md")),
        "+++\nsummary = \"Reporting a breach\"\nweight = 10\n+++\n\n# Reporting a breach\n\n> [!IMPORTANT]\n> Call the data protection officer first.\n"
    );
    assert!(read(site.join("content/guides/index.md")).contains("\nweight = 20\n"));
    assert!(read(site.join("content/index.md")).contains(
        "\n!!! note \"Before you share data\"\n    Check the **data sharing agreement** first.\n"
    ));
    build_imported(tmp.path());
    assert!(read(site.join("public/guides/index.html")).contains("href=\"/guides/reporting/\""));
    let home = read(site.join("public/index.html"));
    assert!(
        home.contains("<div class=\"callout callout-note\" role=\"note\">"),
        "{home}"
    );
    assert!(
        home.contains("<details class=\"callout callout-warning\" open>"),
        "{home}"
    );
}

#[test]
fn import_refuses_a_folder_that_is_not_empty_or_inside_the_source() {
    let tmp = tempfile::tempdir().unwrap();
    hugo_source(tmp.path());
    fs::create_dir_all(tmp.path().join("site")).unwrap();
    fs::write(tmp.path().join("site/notes.txt"), "mine").unwrap();
    let (err, code) = import(tmp.path(), &[]);
    assert_eq!(code, Some(2));
    assert_eq!(
        err,
        "error: site already exists and is not empty; import into a new folder\n"
    );
    assert_eq!(read(tmp.path().join("site/notes.txt")), "mine");
    let o = run_in(tmp.path(), &["import", "src", "--out", "src/new"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        "error: src/new is inside src; import into a folder outside the site you import, which is never changed\n"
    );
    assert!(!tmp.path().join("src/new").exists());
}

#[test]
fn import_says_which_generators_it_reads_when_it_cannot_tell() {
    let tmp = tempfile::tempdir().unwrap();
    fs::create_dir_all(tmp.path().join("src")).unwrap();
    fs::write(tmp.path().join("src/page.md"), "# Page\n").unwrap();
    let (err, code) = import(tmp.path(), &[]);
    assert_eq!(code, Some(2));
    assert_eq!(
        err,
        "error: src has no _config.yml, hugo.toml, config.toml or mkdocs.yml; say which generator made it with --from jekyll, hugo or mkdocs\n"
    );
    // told, it reads the folder as that generator's site
    let (err, code) = import(tmp.path(), &["--from", "jekyll"]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(
        read(tmp.path().join("site/content/page.md")),
        "+++\nsummary = \"Page\"\n+++\n# Page\n"
    );
}
