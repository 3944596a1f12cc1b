//! What the commands say when things go wrong or are not what they seem: template
//! errors, a folder without Markdown, profile builds, a new site's review dates.

use std::fs;

use crate::support::snap::cli_output;
use crate::support::*;

fn one_page_site() -> (tempfile::TempDir, std::path::PathBuf) {
    let t = tempfile::tempdir().unwrap();
    let site = t.path().join("site");
    fs::create_dir_all(site.join("content")).unwrap();
    fs::write(
        site.join("guidebook.toml"),
        "title = \"T\"\ndefault_visibility = \"public\"\n",
    )
    .unwrap();
    fs::write(
        site.join("content/_index.md"),
        "+++\ntitle = \"Home\"\nsummary = \"Home.\"\nreviewed = 2026-11-01\n+++\nHello.\n",
    )
    .unwrap();
    (t, site)
}

#[test]
fn template_errors_name_the_template_and_line_and_say_the_build_failed() {
    let (_t, site) = one_page_site();
    fs::create_dir_all(site.join("templates")).unwrap();
    for (text, message) in [
        (
            "<p>\n{{ page.title | nosuchfilter }}\n",
            "templates/index.html:2:17: Unknown filter `nosuchfilter`",
        ),
        (
            "{% include \"nope.html\" %}\n",
            "templates/index.html:1:12: Unknown template `nope.html`",
        ),
    ] {
        fs::write(site.join("templates/index.html"), text).unwrap();
        let o = run_in(&site, &["build"]);
        assert_eq!(o.status.code(), Some(2));
        assert_eq!(
            stderr(&o),
            format!(
                "error: template error in {message}\nBuild failed; ./public was left as it was\n"
            )
        );
    }
}

#[test]
fn a_folder_without_markdown_says_so_and_writes_nothing() {
    let t = tempfile::tempdir().unwrap();
    fs::write(t.path().join("notes.txt"), "not a page").unwrap();
    let o = run_in(t.path(), &["build"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        "error: no Markdown files found in .: nothing to build (pages are files ending in .md); is this the site folder?\n"
    );
    assert!(!t.path().join("public").exists());
}

#[test]
fn counts_in_the_summary_agree_with_their_nouns() {
    let (_t, site) = one_page_site();
    let o = run_in(&site, &["build"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    insta::assert_snapshot!("one_page_built", cli_output(&o, &[(&site, "[SITE]")]));
    let again = run_in(&site, &["build"]);
    insta::assert_snapshot!(
        "one_page_unchanged",
        cli_output(&again, &[(&site, "[SITE]")])
    );
}

#[test]
fn a_profile_builds_beside_the_full_site_not_over_it() {
    let (_t, site) = fixture("profiles");
    let o = run_in(&site, &["build"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let full = tree(&site.join("public"));
    let o = run_in(&site, &["build", "--profile", "public"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    insta::assert_snapshot!("profile_built", cli_output(&o, &[(&site, "[SITE]")]));
    assert_eq!(
        tree(&site.join("public")),
        full,
        "the full build is untouched"
    );
    assert!(site.join("public-public/index.html").is_file());
    // and the full build does not read the profile's output as content
    let o = run_in(&site, &["build"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(tree(&site.join("public")), full);
}

#[test]
fn a_new_site_is_reviewed_today_whenever_it_is_made() {
    let t = tempfile::tempdir().unwrap();
    let o = guidebook()
        .current_dir(t.path())
        .env("GUIDEBOOK_TODAY", "2031-06-15")
        .args(["init", "new-site"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let site = t.path().join("new-site");
    let home = read(site.join("content/_index.md"));
    assert!(home.contains("\nreviewed = 2031-06-15\n"), "{home}");
    assert!(!home.contains("2026"), "{home}");
    let o = guidebook()
        .current_dir(&site)
        .env("GUIDEBOOK_TODAY", "2031-06-15")
        .arg("build")
        .output()
        .unwrap();
    // no diagnostic at all
    insta::assert_snapshot!("new_site_built", cli_output(&o, &[(&site, "[SITE]")]));
}

#[test]
fn new_stays_in_the_content_folder_and_its_todos_block_a_strict_build() {
    let (_t, site) = one_page_site();
    for outside in ["/etc/x", "../x", "guidance/../../x"] {
        let o = run_in(&site, &["new", "guidance", outside]);
        assert_eq!(o.status.code(), Some(2), "{outside}");
        assert_eq!(
            stderr(&o),
            format!(
                "error: `{outside}` is outside the content folder: guidebook new writes only under content/; give a path inside it, like `guidance/travel-visas`\n"
            )
        );
    }
    assert!(!site.join("content/etc").exists());
    let o = run_in(&site, &["new", "guidance", "visas"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = run_in(&site, &["check", "--strict", "--format", "json"]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let placeholder: Vec<&serde_json::Value> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "placeholder")
        .collect();
    assert_eq!(placeholder.len(), 1);
    assert_eq!(placeholder[0]["severity"], "error");
    assert_eq!(placeholder[0]["path"], "content/visas.md");
    assert_eq!(placeholder[0]["line"], 3);
    assert_eq!(
        placeholder[0]["message"],
        "this page still has `TODO` placeholders on 2 lines"
    );
    let o = run_in(&site, &["build", "--strict"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        !site.join("public").exists(),
        "an unfinished page is not published"
    );
}
