//! Editions stay what was cut: edited snapshots are reported file by file, ids are
//! never reused, broken content is not frozen, static files the pages use are frozen
//! with them, profiles apply to editions, and unchanged editions are not re-rendered.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use crate::support::snap::cli_output;
use crate::support::*;
use guidebook::config::Config;

fn gb(site: &Path, args: &[&str]) -> Output {
    guidebook()
        .current_dir(site)
        .env("GUIDEBOOK_TODAY", "2026-10-15")
        .args(args)
        .output()
        .expect("run guidebook")
}

/// The fixture with edition 2026-03 cut.
fn one_edition() -> (tempfile::TempDir, PathBuf) {
    let (t, site) = fixture("editions-basic");
    let o = gb(
        &site,
        &["edition", "cut", "2026-03", "--date", "2026-03-02"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    (t, site)
}

fn messages(site: &Path) -> Vec<String> {
    let config = Config::load(site).unwrap();
    guidebook::editions::verify(&config)
        .into_iter()
        .map(|d| format!("{}[{}] {}: {}", d.severity, d.code, d.path, d.message))
        .collect()
}

#[test]
fn a_changed_edition_file_is_named_by_verify_and_fails_the_build() {
    let (_t, site) = one_edition();
    assert!(messages(&site).is_empty());
    assert_eq!(gb(&site, &["build"]).status.code(), Some(0));
    let atas = site.join("editions/2026-03/legislation/atas.md");
    let text = read(&atas).replace("twenty", "ten");
    fs::write(&atas, text).unwrap();
    fs::write(site.join("editions/2026-03/guidance/extra.md"), "# Extra\n").unwrap();
    fs::remove_file(site.join("editions/2026-03/guidance/travel.md")).unwrap();
    assert_eq!(
        messages(&site),
        [
            "error[edition-modified] editions/2026-03/guidance/travel.md: editions/2026-03/guidance/travel.md was removed after the edition was cut",
            "error[edition-modified] editions/2026-03/legislation/atas.md: editions/2026-03/legislation/atas.md has changed since the edition was cut",
            "error[edition-modified] editions/2026-03/guidance/extra.md: editions/2026-03/guidance/extra.md was added after the edition was cut",
        ]
    );
    let before = tree(&site.join("public"));
    let o = gb(&site, &["build"]);
    assert_eq!(o.status.code(), Some(1));
    insta::assert_snapshot!("build_edited_edition", cli_output(&o, &[(&site, "[SITE]")]));
    assert_eq!(
        tree(&site.join("public")),
        before,
        "a failed build writes nothing"
    );
}

#[test]
fn an_edited_manifest_or_registry_checksum_is_caught() {
    let (_t, site) = one_edition();
    let manifest = site.join("editions/2026-03.b3");
    let text = read(&manifest);
    fs::write(
        &manifest,
        text.replace("guidance/travel.md", "guidance/trip.md"),
    )
    .unwrap();
    assert_eq!(
        messages(&site),
        [
            "error[edition-modified] editions/2026-03.b3: editions/2026-03.b3 has changed since the edition was cut: its checksum is not the one in editions/editions.toml"
        ]
    );
    fs::write(&manifest, text).unwrap();
    fs::create_dir_all(site.join("editions/stray")).unwrap();
    assert_eq!(
        messages(&site),
        [
            "warning[edition-unlisted] editions/stray/: editions/stray/ is not listed in editions/editions.toml, so it is not built"
        ]
    );
}

#[test]
fn cut_refuses_taken_ids_bad_ids_earlier_dates_and_broken_content() {
    let (_t, site) = one_edition();
    let refused = |args: &[&str]| {
        let o = gb(&site, args);
        assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
        stderr(&o)
    };
    assert_eq!(
        refused(&["edition", "cut", "2026-03"]),
        "error: edition 2026-03 already exists (listed in editions/editions.toml); an edition is never replaced: cut a new one with another id\n"
    );
    assert_eq!(
        refused(&["edition", "cut", "../up"]),
        "error: invalid edition id `../up`: an edition id starts with a letter or digit and holds only letters, digits, `-`, `_` and `.` (for example `2026-03`)\n"
    );
    assert_eq!(
        refused(&["edition", "cut", "2026-01", "--date", "2026-01-01"]),
        "error: edition 2026-01 would be dated 1 January 2026, before the latest edition, 2026-03 (2 March 2026); give a --date on or after 2026-03-02\n"
    );
    fs::write(
        site.join("content/guidance/bad.md"),
        "+++\ntittle = \"Bad\"\n+++\n",
    )
    .unwrap();
    let o = gb(
        &site,
        &["edition", "cut", "2026-09", "--date", "2026-09-01"],
    );
    assert_eq!(o.status.code(), Some(1));
    insta::assert_snapshot!("cut_refused", cli_output(&o, &[(&site, "[SITE]")]));
    assert!(!site.join("editions/2026-09").exists());
    assert!(!read(site.join("editions/editions.toml")).contains("2026-09"));
}

#[test]
fn static_files_the_pages_link_to_are_frozen_with_them() {
    let (_t, site) = fixture("editions-basic");
    fs::create_dir_all(site.join("static/files")).unwrap();
    fs::write(site.join("static/files/form.pdf"), "%PDF-1.4 v1").unwrap();
    fs::write(site.join("static/files/unused.pdf"), "%PDF-1.4").unwrap();
    let travel = site.join("content/guidance/travel.md");
    let text = read(&travel) + "\nFill in the [travel form](/files/form.pdf).\n";
    fs::write(&travel, text).unwrap();
    let o = gb(
        &site,
        &["edition", "cut", "2026-03", "--date", "2026-03-02"],
    );
    assert_eq!(
        stdout(&o),
        "Cut edition 2026-03 (March 2026, 2 March 2026): 7 pages and 1 other file frozen in editions/2026-03/\n\
         First edition: 7 pages.\n"
    );
    assert_eq!(
        read(site.join("editions/2026-03/files/form.pdf")),
        "%PDF-1.4 v1"
    );
    assert!(!site.join("editions/2026-03/files/unused.pdf").exists());
    assert!(read(site.join("editions/2026-03.b3")).contains("  files/form.pdf\n"));
    fs::write(site.join("static/files/form.pdf"), "%PDF-1.4 v2").unwrap();
    assert_eq!(gb(&site, &["build"]).status.code(), Some(0));
    assert_eq!(
        read(site.join("public/editions/2026-03/files/form.pdf")),
        "%PDF-1.4 v1"
    );
    assert_eq!(read(site.join("public/files/form.pdf")), "%PDF-1.4 v2");
}

#[test]
fn the_public_profile_leaves_internal_pages_out_of_editions_too() {
    let (_t, site) = fixture("editions-basic");
    fs::write(
        site.join("content/guidance/internal-notes.md"),
        "+++\ntitle = \"Internal notes\"\nsummary = \"For staff.\"\nvisibility = \"internal\"\nowner = \"lead\"\nreviewed = 2026-02-01\n+++\n\nStaff only.\n",
    )
    .unwrap();
    let o = gb(
        &site,
        &["edition", "cut", "2026-03", "--date", "2026-03-02"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = gb(
        &site,
        &["build", "--profile", "public", "--out", "public-web"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let web = site.join("public-web");
    assert!(
        web.join("editions/2026-03/guidance/travel/index.html")
            .is_file()
    );
    assert!(
        !web.join("editions/2026-03/guidance/internal-notes")
            .exists()
    );
    let o = gb(&site, &["build"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        site.join("public/editions/2026-03/guidance/internal-notes/index.html")
            .is_file()
    );
}

#[test]
fn unchanged_editions_are_copied_from_the_previous_build_not_rendered() {
    let (_t, site) = one_edition();
    assert_eq!(gb(&site, &["build"]).status.code(), Some(0));
    let home = site.join("public/editions/2026-03/index.html");
    let stamp: serde_json::Value = serde_json::from_str(&read(
        site.join("public/editions/2026-03/.guidebook-edition"),
    ))
    .unwrap();
    assert_eq!(stamp["key"].as_str().map(str::len), Some(64));
    assert_eq!(stamp["pages"].as_array().map(Vec::len), Some(8), "{stamp}");
    // Mark the built edition: only a copy of the previous output keeps the mark.
    let marked = read(&home) + "<!-- from the previous build -->\n";
    fs::write(&home, &marked).unwrap();
    let travel = site.join("content/guidance/travel.md");
    fs::write(&travel, read(&travel) + "\nA new sentence.\n").unwrap();
    assert_eq!(gb(&site, &["build"]).status.code(), Some(0));
    assert_eq!(read(&home), marked, "the edition was reused");
    assert!(read(site.join("public/guidance/travel/index.html")).contains("A new sentence."));
    // A change the edition's pages show (a template) renders it again.
    fs::create_dir_all(site.join("templates/partials")).unwrap();
    fs::write(
        site.join("templates/partials/edition-banner.html"),
        "<p class=\"old\">Old edition: {{ site.edition.title }}</p>\n",
    )
    .unwrap();
    assert_eq!(gb(&site, &["build"]).status.code(), Some(0));
    let html = read(&home);
    assert!(!html.contains("from the previous build"));
    assert!(html.contains("<p class=\"old\">Old edition: March 2026</p>"));
    // Removing from the current site a page the edition has re-renders the edition
    // (its banner must now point to the home page).
    let before = read(site.join("public/editions/2026-03/guidance/travel/index.html"));
    fs::remove_file(&travel).unwrap();
    assert_eq!(gb(&site, &["build"]).status.code(), Some(0));
    let after = read(site.join("public/editions/2026-03/guidance/travel/index.html"));
    assert_ne!(before, after);
}

#[test]
fn a_build_with_editions_is_deterministic() {
    let (t, site) = one_edition();
    let o = gb(
        &site,
        &["build", "--out", t.path().join("a").to_str().unwrap()],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = gb(
        &site,
        &["build", "--out", t.path().join("b").to_str().unwrap()],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let strip = |dir: PathBuf| -> Vec<(String, Vec<u8>)> {
        tree(&dir)
            .into_iter()
            .filter(|(p, _)| !p.starts_with("_search/") && !p.contains("/_search/"))
            .filter(|(p, _)| p != ".guidebook-build.json")
            .collect()
    };
    assert_eq!(strip(t.path().join("a")), strip(t.path().join("b")));
}

#[test]
fn guidebook_check_fails_naming_an_edited_edition_file() {
    let (_t, site) = one_edition();
    let clean = gb(&site, &["check"]);
    assert_eq!(clean.status.code(), Some(0), "{}", stderr(&clean));
    let file = site.join("editions/2026-03/legislation/atas.md");
    let text = fs::read_to_string(&file).unwrap();
    fs::write(&file, text.replace("post", "pigeon")).unwrap();
    let o = gb(&site, &["check"]);
    assert_eq!(o.status.code(), Some(1));
    insta::assert_snapshot!("check_edited_edition", cli_output(&o, &[(&site, "[SITE]")]));
}
