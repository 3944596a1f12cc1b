//! Every rule of `guidebook check`: a small site that triggers it (asserting the exact
//! code, message, file and line) and the same site corrected, which passes.

use crate::support::snap::cli_output;
use crate::support::*;
use serde_json::Value;

const CONFIG: &str = "title = \"Rules\"\n";
const HOME: &str = "+++\ntitle = \"Home\"\nsummary = \"Home page.\"\nowner = \"lead\"\nreviewed = 2026-06-01\n+++\n\nSee [the page](@/page.md).\n";
const LEAD: &str = "+++\ntitle = \"Lead\"\nname = \"Pat Lead\"\nrole = \"Lead\"\nemail = \"p@example.ac.uk\"\nsummary = \"The lead.\"\nowner = \"lead\"\nreviewed = 2026-06-01\n+++\n\nAsk me. Back [home](@/_index.md).\n";

/// A page at content/page.md with this front matter (after the common fields) and body.
fn page(extra_front: &str, body: &str) -> String {
    format!(
        "+++\ntitle = \"Page\"\nsummary = \"A page.\"\nowner = \"lead\"\nreviewed = 2026-06-01\n{extra_front}+++\n\n{body}\n"
    )
}

/// Build a site from the base files plus `files`, run `check --format json`.
fn check(files: &[(&str, &str)], extra_args: &[&str]) -> (Value, i32) {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path();
    let mut all: Vec<(&str, String)> = vec![
        ("guidebook.toml", CONFIG.into()),
        ("content/_index.md", HOME.into()),
        ("content/contacts/lead.md", LEAD.into()),
    ];
    for (p, t) in files {
        all.retain(|(q, _)| q != p);
        all.push((p, t.to_string()));
    }
    for (p, t) in &all {
        let path = site.join(p);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, t).unwrap();
    }
    let mut args = vec!["check", ".", "--format", "json"];
    args.extend_from_slice(extra_args);
    let o = run_in(site, &args);
    let json: Value =
        serde_json::from_str(&stdout(&o)).unwrap_or_else(|e| panic!("{e}: {}", stderr(&o)));
    (json, o.status.code().unwrap())
}

/// The diagnostics as (severity, code, path, line, message).
fn diags(v: &Value) -> Vec<(String, String, String, u64, String)> {
    v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["severity"].as_str().unwrap().to_string(),
                d["code"].as_str().unwrap().to_string(),
                d["path"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
                d["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn one(files: &[(&str, &str)], sev: &str, code: &str, path: &str, line: u64, message: &str) {
    let (v, status) = check(files, &[]);
    assert_eq!(
        diags(&v),
        vec![(sev.into(), code.into(), path.into(), line, message.into())]
    );
    assert_eq!(status, if sev == "error" { 1 } else { 0 });
    assert!(
        v["diagnostics"][0]["hint"]
            .as_str()
            .is_some_and(|h| !h.is_empty())
    );
}

fn clean(files: &[(&str, &str)]) {
    let (v, status) = check(files, &[]);
    assert_eq!(diags(&v), vec![], "expected no diagnostics");
    assert_eq!(status, 0);
}

#[test]
fn broken_link() {
    let bad = page("", "Go [there](nowhere.md).");
    one(
        &[("content/page.md", &bad)],
        "error",
        "broken-link",
        "content/page.md",
        8,
        "link to `nowhere.md`, but there is no page content/nowhere.md",
    );
    clean(&[("content/page.md", &page("", "Go [home](@/_index.md)."))]);
}

#[test]
fn missing_anchor_is_a_warning_by_default_and_configurable() {
    let bad = page("", "## Real heading\n\nGo to [x](#unreal-heading).");
    one(
        &[("content/page.md", &bad)],
        "warning",
        "missing-anchor",
        "content/page.md",
        10,
        "link to `#unreal-heading`, but content/page.md has no heading with id `unreal-heading`",
    );
    let strict_cfg = format!("{CONFIG}[links]\nmissing_anchor = \"error\"\n");
    let (v, status) = check(
        &[("content/page.md", &bad), ("guidebook.toml", &strict_cfg)],
        &[],
    );
    assert_eq!(diags(&v)[0].0, "error");
    assert_eq!(status, 1);
    clean(&[(
        "content/page.md",
        &page("", "## Real heading\n\nGo to [x](#real-heading)."),
    )]);
}

#[test]
fn internal_link_in_public_profile() {
    let public_page = page("visibility = \"public\"\n", "Read [the plan](@/plan.md).");
    let plan = page("visibility = \"internal\"\n", "Internal.")
        .replace("title = \"Page\"", "title = \"Plan\"");
    let home_public = HOME.replace(
        "owner = \"lead\"",
        "owner = \"lead\"\nvisibility = \"public\"",
    );
    let lead_public = LEAD.replace(
        "owner = \"lead\"",
        "owner = \"lead\"\nvisibility = \"public\"",
    );
    let files = [
        ("content/page.md", public_page.as_str()),
        ("content/plan.md", plan.as_str()),
        ("content/_index.md", home_public.as_str()),
        ("content/contacts/lead.md", lead_public.as_str()),
    ];
    let (v, status) = check(&files, &["--profile", "public"]);
    assert_eq!(
        diags(&v),
        vec![(
            "error".into(),
            "internal-link".into(),
            "content/page.md".into(),
            9,
            "link to `@/plan.md`, an internal page that the public profile leaves out".into()
        )]
    );
    assert_eq!(status, 1);
    let (v, _) = check(&files, &[]);
    assert_eq!(diags(&v), vec![], "the intranet build keeps both pages");
}

#[test]
fn unknown_contact() {
    let bad = page("contacts = [\"leed\"]\n", "Text.");
    one(
        &[("content/page.md", &bad)],
        "error",
        "unknown-contact",
        "content/page.md",
        6,
        "contact `leed` is not a known contact",
    );
    let (v, _) = check(&[("content/page.md", &bad)], &[]);
    assert_eq!(v["diagnostics"][0]["hint"], "did you mean `lead`?");
    clean(&[("content/page.md", &page("contacts = [\"lead\"]\n", "Text."))]);
}

#[test]
fn unknown_contact_in_an_inline_card() {
    let bad = page("", "Text.\n\n{{< contact \"nobody\" >}}");
    one(
        &[("content/page.md", &bad)],
        "error",
        "unknown-contact",
        "content/page.md",
        10,
        "contact card `nobody` is not a known contact",
    );
    clean(&[(
        "content/page.md",
        &page("", "Text.\n\n{{< contact \"lead\" >}}"),
    )]);
}

#[test]
fn missing_field() {
    let bad = "+++\ntitle = \"ECO\"\nsummary = \"Export control.\"\nowner = \"lead\"\nreviewed = 2026-06-01\nshort_name = \"ECO\"\nrequires = \"A licence.\"\n+++\n\nText, [home](@/_index.md).\n";
    one(
        &[
            ("content/legislation/eco.md", bad),
            ("content/page.md", &page("", "[ECO](@/legislation/eco.md)")),
        ],
        "error",
        "missing-field",
        "content/legislation/eco.md",
        1,
        "a legislation page needs `department`, and this one has none",
    );
    let good = bad.replace("short_name", "department = \"DBT\"\nshort_name");
    clean(&[
        ("content/legislation/eco.md", &good),
        ("content/page.md", &page("", "[ECO](@/legislation/eco.md)")),
    ]);
}

#[test]
fn duplicate_url() {
    let a = page("slug = \"same\"\n", "A.");
    let b = page("", "B.");
    one(
        &[("content/page.md", &a), ("content/same.md", &b)],
        "error",
        "duplicate-url",
        "content/same.md",
        1,
        "this page's URL /same/ is also the URL of content/page.md",
    );
    clean(&[
        ("content/page.md", &page("", "A. [B](@/same.md)")),
        ("content/same.md", &b),
    ]);
}

#[test]
fn missing_image() {
    let bad = page("", "![A map](map.png)");
    one(
        &[("content/page.md", &bad)],
        "error",
        "missing-file",
        "content/page.md",
        8,
        "image `map.png` does not exist",
    );
}

#[test]
fn image_without_alt_text() {
    let tmp_png = "PNG";
    let bad = page("", "![](map.png)");
    one(
        &[("content/page.md", &bad), ("content/map.png", tmp_png)],
        "error",
        "image-alt",
        "content/page.md",
        8,
        "image `map.png` has no alt text",
    );
    clean(&[
        (
            "content/page.md",
            &page("", "![A map of the site](map.png)"),
        ),
        ("content/map.png", tmp_png),
    ]);
}

#[test]
fn skipped_heading_levels() {
    let bad = page("", "## Two\n\n#### Four");
    one(
        &[("content/page.md", &bad)],
        "warning",
        "heading-levels",
        "content/page.md",
        10,
        "heading level 4 follows level 2, skipping level 3",
    );
    clean(&[("content/page.md", &page("", "## Two\n\n### Three"))]);
}

#[test]
fn unsafe_html_when_sanitising_is_off() {
    let cfg = format!("{CONFIG}[markdown]\nsanitize_html = false\n");
    let bad = page("", "<div onclick=\"steal()\">Hi</div>");
    let (v, status) = check(&[("guidebook.toml", &cfg), ("content/page.md", &bad)], &[]);
    assert_eq!(
        diags(&v),
        vec![(
            "error".into(),
            "unsafe-html".into(),
            "content/page.md".into(),
            8,
            "raw HTML with an event handler attribute, and sanitising is off".into()
        )]
    );
    assert_eq!(status, 1);
    let (v, _) = check(
        &[
            ("guidebook.toml", &cfg),
            ("content/page.md", &page("", "<div class=\"note\">Hi</div>")),
        ],
        &[],
    );
    assert_eq!(diags(&v), vec![]);
    // with sanitising on (the default) the same HTML is cleaned, not reported
    clean(&[("content/page.md", &bad)]);
}

#[test]
fn review_overdue_is_a_warning_unless_the_site_or_strict_makes_it_an_error() {
    let overdue = page("", "Text.").replace("reviewed = 2026-06-01", "reviewed = 2025-10-01");
    let message = "review overdue: last reviewed 1 October 2025, due 1 October 2026";
    one(
        &[("content/page.md", &overdue)],
        "warning",
        "review-overdue",
        "content/page.md",
        5,
        message,
    );
    // `--strict` makes it an error, and the JSON says so
    let (v, status) = check(&[("content/page.md", &overdue)], &["--strict"]);
    let expected = vec![(
        "error".to_string(),
        "review-overdue".to_string(),
        "content/page.md".to_string(),
        5,
        message.to_string(),
    )];
    assert_eq!((diags(&v), status), (expected.clone(), 1));
    // so does `[check]`, in either spelling of the rule
    for key in ["review_overdue", "\"review-overdue\""] {
        let cfg = format!("{CONFIG}[check]\n{key} = \"error\"\n");
        let (v, status) = check(
            &[("content/page.md", &overdue), ("guidebook.toml", &cfg)],
            &[],
        );
        assert_eq!((diags(&v), status), (expected.clone(), 1), "{key}");
    }
    let soon = page("", "Text.").replace("reviewed = 2026-06-01", "reviewed = 2025-12-10");
    one(
        &[("content/page.md", &soon)],
        "warning",
        "review-due-soon",
        "content/page.md",
        5,
        "review due 10 December 2026 (within 30 days)",
    );
    clean(&[("content/page.md", &page("", "Text."))]);
}

#[test]
fn check_table_can_make_an_error_a_warning() {
    let bad = page("", "Go [there](nowhere.md).");
    let cfg = format!("{CONFIG}[check]\nbroken_link = \"warning\"\n");
    let (v, status) = check(&[("content/page.md", &bad), ("guidebook.toml", &cfg)], &[]);
    assert_eq!(
        (diags(&v), status),
        (
            vec![(
                "warning".to_string(),
                "broken-link".to_string(),
                "content/page.md".to_string(),
                8,
                "link to `nowhere.md`, but there is no page content/nowhere.md".to_string(),
            )],
            0
        )
    );
}

#[test]
fn check_table_refuses_a_key_that_is_not_a_rule() {
    for (line, expected) in [
        (
            "review_overdew = \"error\"",
            "error[config]: [check] `review_overdew` is not a rule; did you mean `review_overdue`?\n --> guidebook.toml:3:1\n  |\n3 | review_overdew = \"error\"\n  | ^^^^^^^^^^^^^^\n  = help: the rules are listed in the README under \"Checking the site\"; set each to \"warning\" or \"error\"\n\n",
        ),
        (
            "front_matter = \"warning\"",
            "error[config]: [check] cannot set `front_matter`: a page with this problem cannot be built, so it is always an error\n --> guidebook.toml:3:1\n  |\n3 | front_matter = \"warning\"\n  | ^^^^^^^^^^^^\n  = help: remove the line\n\n",
        ),
        (
            "orphan = \"ignore\"",
            "error[config]: unknown variant `ignore`, expected `warning` or `error`\n --> guidebook.toml:3:10\n  |\n3 | orphan = \"ignore\"\n  |          ^^^^^^^^\n\n",
        ),
    ] {
        let cfg = format!("{CONFIG}[check]\n{line}\n");
        let tmp = tempfile::tempdir().unwrap();
        std::fs::write(tmp.path().join("guidebook.toml"), cfg).unwrap();
        std::fs::create_dir_all(tmp.path().join("content")).unwrap();
        std::fs::write(tmp.path().join("content/_index.md"), HOME).unwrap();
        let o = run_in(tmp.path(), &["check", "."]);
        assert_eq!(
            (stderr(&o), o.status.code()),
            (expected.to_string(), Some(2)),
            "{line}"
        );
    }
}

#[test]
fn page_without_owner() {
    let bad = page("", "Text.").replace("owner = \"lead\"\n", "");
    one(
        &[("content/page.md", &bad)],
        "warning",
        "no-owner",
        "content/page.md",
        1,
        "this page has no owner",
    );
}

#[test]
fn orphan_page() {
    let hidden = page("hidden = true\n", "Nobody links here.")
        .replace("title = \"Page\"", "title = \"Hidden\"");
    one(
        &[
            ("content/page.md", &page("", "Text.")),
            ("content/hidden.md", &hidden),
        ],
        "warning",
        "orphan",
        "content/hidden.md",
        0,
        "no page links to this one and it is in no listing, so readers cannot find it",
    );
    clean(&[
        ("content/page.md", &page("", "See [hidden](hidden.md).")),
        ("content/hidden.md", &hidden),
    ]);
}

#[test]
fn empty_page() {
    one(
        &[("content/page.md", &page("", ""))],
        "warning",
        "empty-page",
        "content/page.md",
        7,
        "this page has no text",
    );
}

#[test]
fn malformed_external_url() {
    let bad = page(
        "",
        "See [GOV.UK](htps://www.gov.uk) and [mail](mailto:nobody).",
    );
    let (v, _) = check(&[("content/page.md", &bad)], &[]);
    let msgs: Vec<String> = diags(&v)
        .into_iter()
        .map(|d| format!("{} {}", d.1, d.4))
        .collect();
    assert_eq!(
        msgs,
        vec![
            "external-url link to `htps://www.gov.uk`, which starts with `htps:`; did you mean `https:`?",
            "external-url link to `mailto:nobody`, which has no @ in the email address",
        ]
    );
    clean(&[(
        "content/page.md",
        &page(
            "",
            "See [GOV.UK](https://www.gov.uk) and [mail](mailto:a@example.ac.uk).",
        ),
    )]);
}

#[test]
fn strict_turns_warnings_into_errors() {
    let bad = page("", "## Two\n\n#### Four");
    let (v, status) = check(&[("content/page.md", &bad)], &["--strict"]);
    assert_eq!(diags(&v)[0].0, "error");
    assert_eq!(status, 1);
}

#[test]
fn json_carries_the_review_dashboard_data() {
    let (v, _) = check(&[("content/page.md", &page("", "Text."))], &[]);
    let first = &v["review"][0];
    assert_eq!(v["version"], 1);
    assert_eq!(v["summary"]["pages"], 4);
    for key in [
        "path",
        "url",
        "title",
        "owner",
        "owner_name",
        "reviewed",
        "review_every",
        "due",
        "status",
    ] {
        assert!(first.get(key).is_some(), "review item lacks {key}: {first}");
    }
    assert_eq!(first["owner_name"], "Pat Lead");
    assert_eq!(first["status"], "fine");
}

#[test]
fn text_format_prints_rustc_style_and_a_summary() {
    let tmp = tempfile::tempdir().unwrap();
    let (_t, site) = fixture("typo");
    let _ = tmp;
    let o = run_in(&site, &["check"]);
    assert_eq!(o.status.code(), Some(1));
    insta::assert_snapshot!("check_text", cli_output(&o, &[(&site, "[SITE]")]));
    assert!(!site.join("public").exists(), "check writes nothing");
}

#[test]
fn the_knowledge_base_passes_check_strict() {
    let o = run_in(
        &root(),
        &["check", ".", "--strict", "--today", "2026-11-22"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains(": 0 errors, 0 warnings"));
    let o = run_in(
        &root(),
        &[
            "check",
            ".",
            "--strict",
            "--profile",
            "public",
            "--today",
            "2026-11-22",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}
