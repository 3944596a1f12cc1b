//! The incremental engine against a small site written in a temporary folder: what
//! each kind of change renders, writes and reports.

use std::fs;
use std::path::{Path, PathBuf};

use super::{Preview, PreviewOptions, Update};

/// Front matter every page needs to build without problems, after `title`.
const FM: &str = "owner = \"ada\"\nreviewed = 2026-01-01\n";

const FILES: &[(&str, &str)] = &[
    (
        "guidebook.toml",
        "title = \"Test site\"\n\n[review]\nevery = \"100 years\"\n",
    ),
    (
        "content/_index.md",
        "+++\ntitle = \"Home\"\nsummary = \"Home.\"\n@\n+++\n\nSee [guidance](guidance/_index.md) and [Ada](contacts/ada.md).\n",
    ),
    (
        "content/guidance/_index.md",
        "+++\ntitle = \"Guidance\"\nsummary = \"All guidance.\"\n@\n+++\n\nAll guidance: [travel](travel.md), [devices](devices.md), [other](other.md).\n",
    ),
    (
        "content/guidance/travel.md",
        "+++\ntitle = \"Travel\"\nsummary = \"Before you go.\"\n@contacts = [\"ada\"]\n+++\n\nPack light.\n",
    ),
    (
        "content/guidance/devices.md",
        "+++\ntitle = \"Devices\"\nsummary = \"Phones.\"\n@\n+++\n\nSee [travel](travel.md).\n",
    ),
    (
        "content/guidance/other.md",
        "+++\ntitle = \"Other\"\nsummary = \"Other things.\"\n%\n+++\n\nNothing links here.\n",
    ),
    (
        "content/contacts/_index.md",
        "+++\ntitle = \"Contacts\"\nsummary = \"Who to ask.\"\n@\n+++\n\nAsk us.\n",
    ),
    (
        "content/contacts/cy.md",
        "+++\ntitle = \"Cy\"\nsummary = \"Helper.\"\n@name = \"Cy Example\"\nrole = \"Helper\"\nemail = \"cy@example.ac.uk\"\n+++\n\nAsk Cy.\n",
    ),
    (
        "content/contacts/ada.md",
        "+++\ntitle = \"Ada\"\nsummary = \"Adviser.\"\n@name = \"Ada Example\"\nrole = \"Adviser\"\nemail = \"ada@example.ac.uk\"\n+++\n\nAsk Ada.\n",
    ),
];

/// A page file's text: `@` stands for [`FM`], `%` for the same owned by Cy.
fn page(text: &str) -> String {
    let cy = FM.replace("ada", "cy");
    text.replacen("@\n", FM, 1)
        .replacen('@', FM, 1)
        .replacen("%\n", &cy, 1)
}

fn site() -> (tempfile::TempDir, PathBuf, Preview) {
    let t = tempfile::tempdir().unwrap();
    let root = t.path().join("site");
    for (rel, text) in FILES {
        let p = root.join(rel);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, page(text)).unwrap();
    }
    let opts = PreviewOptions {
        site: root.clone(),
        work: t.path().join("work"),
        drafts: false,
    };
    let (preview, _) = Preview::start(&opts).unwrap();
    let root = root.canonicalize().unwrap();
    (t, root, preview)
}

/// Save a file, apply the change, then do the work that follows it (checks,
/// site-wide files; not the search index). The update's `changed` holds both.
fn edit(p: &mut Preview, root: &Path, rel: &str, text: &str) -> Update {
    let mut u = save(p, root, rel, text);
    u.changed.extend(settle(p));
    u
}

/// Save a file and apply the change, leaving the work that follows it undone.
fn save(p: &mut Preview, root: &Path, rel: &str, text: &str) -> Update {
    let path = root.join(rel);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(&path, page(text)).unwrap();
    p.apply(&[path])
}

/// The default theme's `base.html`, as built into the binary.
fn built_in_base() -> &'static str {
    crate::render::templates::EMBEDDED
        .iter()
        .find(|(n, _)| *n == "base.html")
        .map(|(_, s)| *s)
        .unwrap()
}

/// Run background work due within a second, except the search index build.
fn settle(p: &mut Preview) -> Vec<String> {
    let mut changed = Vec::new();
    let horizon = std::time::Instant::now() + std::time::Duration::from_millis(500);
    while let Some(d) = p.deadline().filter(|d| *d < horizon) {
        std::thread::sleep(d.saturating_duration_since(std::time::Instant::now()));
        match p.tick() {
            Some(u) if u.what == "search index" => break,
            Some(u) => changed.extend(u.changed),
            None => {}
        }
    }
    changed
}

fn served(p: &Preview, rel: &str) -> String {
    fs::read_to_string(p.site_dir().join(rel)).unwrap_or_default()
}

#[test]
fn start_builds_everything_without_problems() {
    let (_t, _root, p) = site();
    assert!(served(&p, "guidance/travel/index.html").contains("Pack light."));
    assert!(served(&p, "404.html").contains("<html"));
    assert!(p.site_dir().join("_search/index/meta.json").is_file());
    assert!(served(&p, "search/index.html").contains("<!--guidebook:search-results-->"));
    assert_eq!(p.problems().text(), "");
}

#[test]
fn a_body_edit_renders_only_that_page() {
    let (_t, root, mut p) = site();
    let u = edit(
        &mut p,
        &root,
        "content/guidance/other.md",
        "+++\ntitle = \"Other\"\nsummary = \"Other things.\"\n%\n+++\n\nNow with more words.\n",
    );
    assert_eq!(u.rendered, 1);
    // the page, and the section's printable version that holds it
    assert_eq!(u.changed, ["/guidance/other/", "/guidance/print/"]);
    assert!(served(&p, "guidance/other/index.html").contains("Now with more words."));
}

#[test]
fn a_title_edit_renders_the_listing_and_linkers_too() {
    let (_t, root, mut p) = site();
    let u = edit(
        &mut p,
        &root,
        "content/guidance/other.md",
        "+++\ntitle = \"Renamed\"\nsummary = \"Other things.\"\n%\n+++\n\nNothing links here.\n",
    );
    // the listing, the page, the feeds and printable section that name it, and the
    // review dashboard and site map that list it by title
    assert_eq!(
        u.changed,
        [
            "/guidance/",
            "/guidance/other/",
            "/atom.xml",
            "/guidance/atom.xml",
            "/guidance/print/",
            "/review/",
            "/sitemap/"
        ]
    );
    assert!(served(&p, "guidance/index.html").contains("Renamed"));
    let u = edit(
        &mut p,
        &root,
        "content/guidance/travel.md",
        "+++\ntitle = \"Travel\"\nsummary = \"Before you go.\"\nslug = \"journeys\"\n@contacts = [\"ada\"]\n+++\n\nPack light.\n",
    );
    assert!(
        u.changed.contains(&"/guidance/devices/".to_string()),
        "{:?}",
        u.changed
    );
    assert!(
        u.changed.contains(&"/guidance/journeys/".to_string()),
        "{:?}",
        u.changed
    );
    assert!(
        u.changed.contains(&"/guidance/travel/".to_string()),
        "{:?}",
        u.changed
    );
    assert!(!p.site_dir().join("guidance/travel/index.html").exists());
    assert!(served(&p, "guidance/devices/index.html").contains("href=\"/guidance/journeys/\""));
}

#[test]
fn a_contact_edit_renders_pages_that_name_it() {
    let (_t, root, mut p) = site();
    let u = edit(
        &mut p,
        &root,
        "content/contacts/ada.md",
        "+++\ntitle = \"Ada\"\nsummary = \"Adviser.\"\n@name = \"Ada Lovelace\"\nrole = \"Adviser\"\nemail = \"ada@example.ac.uk\"\n+++\n\nAsk Ada.\n",
    );
    assert!(
        u.changed.contains(&"/guidance/travel/".to_string()),
        "{:?}",
        u.changed
    );
    assert!(served(&p, "guidance/travel/index.html").contains("Ada Lovelace"));
    assert!(!u.changed.contains(&"/guidance/other/".to_string()));
}

#[test]
fn broken_front_matter_keeps_the_last_good_page_until_fixed() {
    let (_t, root, mut p) = site();
    let before = served(&p, "guidance/other/index.html");
    let u = edit(
        &mut p,
        &root,
        "content/guidance/other.md",
        "+++\ntitle = \"Other\n+++\n\nBroken.\n",
    );
    assert!(u.changed.is_empty(), "{:?}", u.changed);
    let text = p.problems().error_text();
    assert!(text.starts_with("error[front-matter]:"), "{text}");
    assert!(text.contains("--> content/guidance/other.md:"), "{text}");
    assert_eq!(served(&p, "guidance/other/index.html"), before);
    let u = edit(
        &mut p,
        &root,
        "content/guidance/other.md",
        "+++\ntitle = \"Other\"\nsummary = \"Other things.\"\n%\n+++\n\nFixed.\n",
    );
    assert_eq!(p.problems().error_text(), "");
    assert_eq!(u.changed, ["/guidance/other/", "/guidance/print/"]);
    assert!(served(&p, "guidance/other/index.html").contains("Fixed."));
}

#[test]
fn an_unknown_contact_is_reported_and_the_page_held_back() {
    let (_t, root, mut p) = site();
    let u = edit(
        &mut p,
        &root,
        "content/guidance/other.md",
        "+++\ntitle = \"Other\"\nsummary = \"Other things.\"\n@contacts = [\"bob\"]\n+++\n\nNew text.\n",
    );
    // written at once, then put back when the checks found the error
    // (and the printable section and the review dashboard, which lists each page's
    // contacts, rewritten)
    assert_eq!(
        u.changed,
        [
            "/guidance/other/",
            "/guidance/other/",
            "/guidance/print/",
            "/review/"
        ]
    );
    let text = p.problems().error_text();
    assert!(
        text.contains("error[unknown-contact]: contact `bob` is not a known contact"),
        "{text}"
    );
    assert!(!served(&p, "guidance/other/index.html").contains("New text."));
    let u = edit(
        &mut p,
        &root,
        "content/contacts/bob.md",
        "+++\ntitle = \"Bob\"\nsummary = \"Bob.\"\n@name = \"Bob\"\nrole = \"Helper\"\nemail = \"bob@example.ac.uk\"\n+++\n\nAsk Bob.\n",
    );
    assert_eq!(p.problems().error_text(), "");
    assert!(
        u.changed.contains(&"/guidance/other/".to_string()),
        "{:?}",
        u.changed
    );
    assert!(served(&p, "guidance/other/index.html").contains("New text."));
}

#[test]
fn new_and_deleted_pages_update_listings() {
    let (_t, root, mut p) = site();
    let u = edit(
        &mut p,
        &root,
        "content/guidance/new.md",
        "+++\ntitle = \"Brand new\"\nsummary = \"New.\"\n@\n+++\n\nHello.\n",
    );
    assert!(
        u.changed.contains(&"/guidance/new/".to_string()),
        "{:?}",
        u.changed
    );
    assert!(served(&p, "guidance/index.html").contains("Brand new"));
    let path = root.join("content/guidance/new.md");
    fs::remove_file(&path).unwrap();
    let u = p.apply(&[path]);
    assert!(
        u.changed.contains(&"/guidance/new/".to_string()),
        "{:?}",
        u.changed
    );
    assert!(!p.site_dir().join("guidance/new/index.html").exists());
    assert!(!served(&p, "guidance/index.html").contains("Brand new"));
}

#[test]
fn a_template_edit_renders_every_page_and_a_broken_one_is_reported() {
    let (_t, root, mut p) = site();
    let base = built_in_base();
    let u = edit(
        &mut p,
        &root,
        "templates/base.html",
        &base.replace("<body", "<body data-edited=\"yes\""),
    );
    assert!(u.everything);
    assert!(served(&p, "guidance/other/index.html").contains("data-edited=\"yes\""));
    let u = edit(&mut p, &root, "templates/base.html", "{% if %}");
    assert!(u.changed.is_empty());
    let text = p.problems().error_text();
    assert!(
        text.starts_with("error: template error in templates/base.html:1:"),
        "{text}"
    );
    assert!(served(&p, "guidance/other/index.html").contains("data-edited=\"yes\""));
}

#[test]
fn after_a_template_edit_the_open_pages_go_first() {
    let (_t, root, mut p) = site();
    let base = built_in_base();
    p.set_open(vec!["/guidance/travel/".into(), "/no/such/page/".into()]);
    let first = save(
        &mut p,
        &root,
        "templates/base.html",
        &base.replace("<body", "<body data-edited=\"yes\""),
    );
    assert_eq!(
        (first.everything, first.changed.as_slice(), first.rendered),
        (false, ["/guidance/travel/".to_string()].as_slice(), 1)
    );
    assert!(served(&p, "guidance/travel/index.html").contains("data-edited=\"yes\""));
    assert!(!served(&p, "guidance/other/index.html").contains("data-edited=\"yes\""));
    let rest = p.tick().unwrap();
    assert_eq!(
        (
            rest.what.as_str(),
            rest.everything,
            rest.done,
            rest.rendered
        ),
        (
            "other pages",
            true,
            vec!["/guidance/travel/".to_string()],
            p.site.model.pages.len() - 1
        )
    );
    assert!(served(&p, "guidance/other/index.html").contains("data-edited=\"yes\""));
    // With no page open, one render does it all.
    p.set_open(Vec::new());
    let u = edit(&mut p, &root, "templates/base.html", base);
    assert!(u.everything && u.done.is_empty());
    assert!(!served(&p, "guidance/travel/index.html").contains("data-edited"));
}

#[test]
fn site_files_written_from_the_old_site_do_not_land_after_a_rebuild() {
    let (_t, root, mut p) = site();
    save(
        &mut p,
        &root,
        "content/guidance/other.md",
        "+++\ntitle = \"Other\"\nsummary = \"Other things.\"\n%\n+++\n\nMore words.\n",
    );
    // the check, then the site-files job starting on its thread
    while !p.site_job.is_running() {
        let d = p.deadline().unwrap();
        std::thread::sleep(d.saturating_duration_since(std::time::Instant::now()));
        p.tick();
    }
    save(
        &mut p,
        &root,
        "guidebook.toml",
        "title = \"Renamed site\"\n\n[review]\nevery = \"100 years\"\n",
    );
    settle(&mut p);
    assert!(served(&p, "404.html").contains("Renamed site"));
    assert!(!served(&p, "404.html").contains("Test site"));
}
