//! `guidebook new KIND SLUG`: a page with the front matter its kind needs and today's
//! date as `reviewed`, in the kind's folder; never overwrites; the site still builds.

use crate::support::kinds::*;
use crate::support::snap::cli_output;
use crate::support::*;

/// Today as `guidebook new` sees it; the run may straddle midnight, so both days count.
fn today_or_yesterday(text: &str) -> bool {
    let now = chrono::Local::now().date_naive();
    [now, now.pred_opt().unwrap()]
        .iter()
        .any(|d| text.contains(&format!("\nreviewed = {}\n", d.format("%Y-%m-%d"))))
}

#[test]
fn each_kind_gets_its_fields_and_the_site_still_builds_cleanly() {
    let (tmp, site) = fixture("kinds-site");
    let kinds = [
        (
            "guidance",
            "travel-visas",
            "content/guidance/travel-visas.md",
        ),
        (
            "legislation",
            "sanctions-act",
            "content/legislation/sanctions-act.md",
        ),
        (
            "case-study",
            "east-college",
            "content/case-studies/east-college.md",
        ),
        (
            "checklist",
            "before-a-visit",
            "content/checklists/before-a-visit.md",
        ),
        ("training", "basics", "content/training/basics.md"),
        ("contact", "jane-doe", "content/contacts/jane-doe.md"),
        ("decision", "visits", "content/triage/visits.md"),
    ];
    for (kind, slug, path) in kinds {
        let o = run_in(&site, &["new", kind, slug]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        assert_eq!(
            stderr(&o),
            format!("Created {path} ({kind} page). Fill in the fields marked TODO.\n")
        );
        let text = read(site.join(path));
        assert!(today_or_yesterday(&text), "{text}");
        assert!(text.starts_with("+++\ntitle = \""), "{text}");
    }
    let legislation = read(site.join("content/legislation/sanctions-act.md"));
    for field in [
        "short_name = \"Sanctions act\"",
        "department = ",
        "status = ",
        "requires = ",
        "official_url = ",
        "# in_force = ",
    ] {
        assert!(legislation.contains(field), "{field}");
    }
    assert!(
        legislation.contains("owner = \"ada\""),
        "the section's owner: {legislation}"
    );
    let contact = read(site.join("content/contacts/jane-doe.md"));
    for field in [
        "name = \"Jane doe\"",
        "role = ",
        "team = ",
        "faculty = ",
        "email = ",
        "phone = ",
        "internal_fields = []",
    ] {
        assert!(contact.contains(field), "{field}");
    }
    let case = read(site.join("content/case-studies/east-college.md"));
    assert!(
        case.contains("institution = ") && case.contains("\nyear = 20"),
        "{case}"
    );
    let checklist = read(site.join("content/checklists/before-a-visit.md"));
    assert!(checklist.contains("\n- [ ] TODO: the first task\n"));
    let training = read(site.join("content/training/basics.md"));
    assert!(!training.contains("kind = "), "the folder implies the kind");
    let decision = read(site.join("content/triage/visits.md"));
    assert!(decision.contains("start = \"first\"") && decision.contains("[[outcomes]]"));
    // The new pages build, including the new triage tree; the only diagnostics are
    // the `placeholder` warnings for the TODOs still to fill in, one per new page.
    let out = tmp.path().join("public");
    let o = build(&site, &out);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let err = stderr(&o);
    let heads: Vec<&str> = err
        .lines()
        .filter(|l| l.starts_with("warning[") || l.starts_with("error["))
        .map(|l| l.split(':').next().unwrap())
        .collect();
    assert_eq!(heads, ["warning[placeholder]"; 7], "{err}");
    assert!(
        err.lines()
            .last()
            .unwrap()
            .starts_with("Built 26 pages in 8 sections (0 errors, 7 warnings)"),
        "{err}"
    );
    assert!(out.join("triage/visits/first-1/yes/index.html").is_file());
    assert!(out.join("contacts/jane-doe/jane-doe.vcf").is_file());
}

#[test]
fn a_path_names_the_folder_and_a_kind_it_does_not_imply_is_written() {
    let (_t, site) = fixture("kinds-site");
    let o = run_in(&site, &["new", "checklist", "guidance/partners-checklist"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = read(site.join("content/guidance/partners-checklist.md"));
    assert!(
        text.starts_with("+++\ntitle = \"Partners checklist\"\nkind = \"checklist\"\n"),
        "{text}"
    );
}

#[test]
fn it_never_overwrites_and_rejects_bad_names_and_kinds() {
    let (_t, site) = fixture("kinds-site");
    let before = read(site.join("content/guidance/partners.md"));
    let o = run_in(&site, &["new", "guidance", "partners"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        "error: content/guidance/partners.md already exists; guidebook new never overwrites a page\n"
    );
    assert_eq!(read(site.join("content/guidance/partners.md")), before);
    let o = run_in(&site, &["new", "widget", "x"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        "error: unknown kind `widget`; choose one of: guidance, legislation, case-study, checklist, training, support, contact, decision\n"
    );
    let o = run_in(&site, &["new", "guidance", "../escape"]);
    assert_eq!(o.status.code(), Some(2));
    insta::assert_snapshot!("new_outside_content", cli_output(&o, &[(&site, "[SITE]")]));
    assert!(!site.join("escape.md").exists() && !site.parent().unwrap().join("escape.md").exists());
}
