//! Triage (kind `decision`): the tree compiled to one static page per step, answers as
//! plain links, answers so far shown and changeable (also where two paths meet), the
//! shipped tree walked by links only, and tree errors located by file and line.

use std::collections::{BTreeSet, VecDeque};
use std::path::Path;

use crate::support::kinds::*;
use crate::support::snap::cli_output;
use crate::support::*;

/// The page a site-absolute URL path is written to (`/a/b/` → `OUT/a/b/index.html`).
fn file_of(out: &Path, prefix: &str, url: &str) -> std::path::PathBuf {
    let rel = url.strip_prefix(prefix).expect("a URL of this site");
    let rel = rel.split('#').next().unwrap_or(rel);
    out.join(rel).join("index.html")
}

/// Every page reached from `start` by following links whose URL starts with `within`.
fn walk(out: &Path, prefix: &str, start: &str, within: &str) -> Vec<(String, String)> {
    let mut seen = BTreeSet::from([start.to_string()]);
    let mut todo = VecDeque::from([start.to_string()]);
    let mut pages = Vec::new();
    while let Some(url) = todo.pop_front() {
        let html = read(file_of(out, prefix, &url));
        for href in hrefs(main_of(&html)) {
            if href.starts_with(within) && seen.insert(href.clone()) {
                todo.push_back(href);
            }
        }
        pages.push((url, html));
    }
    pages
}

/// The `title`s of the outcomes written in a decision page's front matter.
fn outcome_titles(file: &Path) -> BTreeSet<String> {
    let text = read(file);
    let front = text.split("+++").nth(1).expect("TOML front matter");
    let table: toml::Table = front.parse().expect("valid TOML");
    table["outcomes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["title"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn the_shipped_triage_reaches_every_outcome_from_the_home_page_by_links_only() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    let o = build(&root(), &out);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let tree = "/triage/which-processes-apply/";
    let home = read(out.join("index.html"));
    assert!(
        hrefs(main_of(&home)).iter().any(|h| h == tree),
        "the home page links to the triage"
    );
    let pages = walk(&out, "/", tree, tree);
    let mut reached = BTreeSet::new();
    let mut questions = BTreeSet::new();
    for (url, html) in &pages {
        if html.contains("<body class=\"kind-triage-outcome\">") {
            reached.insert(h1(html));
            assert!(
                html.contains("<h2 id=\"so-far-heading\">Your answers so far</h2>"),
                "{url}"
            );
            assert!(
                html.contains("<h2 id=\"processes-heading\">Processes that apply</h2>")
                    || url.ends_with("/no-extra-process/"),
                "{url}"
            );
        } else if html.contains("<body class=\"kind-triage-question\">") {
            // The last part of a step's URL is its question's id.
            questions.insert(
                url.trim_end_matches('/')
                    .rsplit('/')
                    .next()
                    .unwrap()
                    .to_string(),
            );
        }
    }
    let expected = outcome_titles(&root().join("content/triage/which-processes-apply.md"));
    let expected: BTreeSet<String> = expected.iter().map(|t| t.replace('\'', "&#39;")).collect();
    assert_eq!(reached, expected);
    let ids = [
        "partner",
        "role",
        "sanctions-link",
        "sensitive-abroad",
        "sensitive-home",
        "state-direction",
    ];
    assert_eq!(
        questions,
        ids.iter().map(|s| s.to_string()).collect(),
        "every question is asked"
    );
    // Every process the issue names is the subject of some result.
    let all: String = pages.iter().map(|(_, h)| h.as_str()).collect();
    for law in [
        "/legislation/atas/",
        "/legislation/export-control-order/",
        "/legislation/national-security-and-investment-act/",
        "/legislation/national-security-act/",
        "/legislation/foreign-influence-registration-scheme/",
        "/legislation/sanctions/",
        "/guidance/partner-due-diligence/",
        "/guidance/project-notification/",
    ] {
        assert!(all.contains(&format!("<li><a href=\"{law}\">")), "{law}");
    }
}

#[test]
fn each_question_is_a_page_whose_answers_are_links() {
    let (_t, out) = built("kinds-site");
    let start = read(out.join("triage/which/index.html"));
    assert!(start.contains(
        "<p class=\"triage-start\"><a class=\"button-link\" href=\"/guide/triage/which/partner/\">Start now</a></p>\n\
         <p class=\"triage-start-note\">Up to 2 questions."
    ));
    let first = read(out.join("triage/which/partner/index.html"));
    let main = main_of(&first);
    assert!(main.contains("<p class=\"page-kind\">Question 1</p>\n<h1 id=\"question-heading\">Is there a partner outside the UK?</h1>"));
    assert!(main.contains(
        "<p>Count funders too. Ask <a href=\"/guide/contacts/ada/\">Ada</a> if unsure.</p>"
    ));
    assert!(main.contains(
        "<ul class=\"triage-answers\" aria-labelledby=\"question-heading\">\n\
         <li><a href=\"/guide/triage/which/partner-1/tech/\">Yes</a></li>\n\
         <li><a href=\"/guide/triage/which/partner-2/tech/\">No</a></li>\n\
         <li><a href=\"/guide/triage/which/partner-3/ask/\">Not sure</a></li>\n</ul>"
    ));
    assert!(!main.contains("so-far-heading"), "nothing answered yet");
    assert!(
        !main.contains("<form"),
        "no form: it works without JavaScript"
    );
    assert!(first.contains("<li><a href=\"/guide/triage/\">Find the right process</a></li>\n<li><a href=\"/guide/triage/which/\">Which process applies?</a></li>"));
}

#[test]
fn answers_so_far_are_right_where_two_paths_meet() {
    let (_t, out) = built("kinds-site");
    let so_far = |path: &str| {
        let html = read(out.join(path).join("index.html"));
        let s = html
            .find("<section class=\"triage-so-far\"")
            .expect("answers so far");
        let e = s + html[s..].find("</section>").unwrap();
        html[s..e].to_string()
    };
    let yes = so_far("triage/which/partner-1/tech");
    assert!(yes.contains(
        "<div><dt>Is there a partner outside the UK?</dt><dd>Yes</dd><dd class=\"triage-change\"><a href=\"/guide/triage/which/partner/\">Change<span class=\"visually-hidden\"> your answer to: Is there a partner outside the UK?</span></a></dd></div>"
    ), "{yes}");
    let no = so_far("triage/which/partner-2/tech");
    assert!(
        no.contains("<dt>Is there a partner outside the UK?</dt><dd>No</dd>"),
        "{no}"
    );
    // The result keeps both answers, each changeable on its own page.
    let result = so_far("triage/which/partner-2/tech-1/licence");
    assert!(
        result.contains(
            "<dd>No</dd><dd class=\"triage-change\"><a href=\"/guide/triage/which/partner/\">"
        ),
        "{result}"
    );
    assert!(result.contains("<dt>Does the work use controlled technology?</dt><dd>Yes</dd><dd class=\"triage-change\"><a href=\"/guide/triage/which/partner-2/tech/\">"), "{result}");
    let html = read(out.join("triage/which/partner-2/tech-1/licence/index.html"));
    let main = main_of(&html);
    assert!(main.contains("<p class=\"page-kind\">Your result</p>\n<h1>Ask about a licence</h1>"));
    assert!(main.contains(
        "<ul class=\"page-list\">\n<li><a href=\"/guide/legislation/eco/\">Export Control Order 2008</a><p>Licences for controlled technology.</p></li>\n\
         <li><a href=\"/guide/legislation/nsi/\">National Security and Investment Act 2021</a><p>Approval for some acquisitions.</p></li>\n</ul>"
    ));
    assert!(main.contains("<h2 id=\"who-to-contact-heading\">Who to contact</h2>\n<div class=\"contact-card\">\n<p class=\"contact-name\"><a href=\"/guide/contacts/ada/\">"));
    assert!(main.contains(
        "<p class=\"triage-restart\"><a href=\"/guide/triage/which/\">Start again</a></p>"
    ));
    // Every link inside the tree leads to a page that was written.
    for (url, _) in walk(
        &out,
        "/guide/",
        "/guide/triage/which/",
        "/guide/triage/which/",
    ) {
        assert!(file_of(&out, "/guide/", &url).is_file(), "{url}");
    }
}

#[test]
fn an_answer_leading_nowhere_fails_with_the_question_id_and_its_line() {
    let (tmp, site) = fixture("kinds-site");
    edit(
        site.join("content/triage/which.md"),
        "next = \"nothing\"",
        "next = \"nothign\"",
    );
    let out = tmp.path().join("public");
    let o = build(&site, &out);
    assert_eq!(o.status.code(), Some(1));
    insta::assert_snapshot!(
        "answer_leading_nowhere",
        cli_output(&o, &[(&site, "[SITE]"), (&out, "[OUT]")])
    );
    assert!(!out.exists());
}

#[test]
fn cycles_and_a_missing_start_are_errors() {
    let (tmp, site) = fixture("kinds-site");
    let file = site.join("content/triage/which.md");
    edit(&file, "next = \"nothing\"", "next = \"partner\"");
    let out = tmp.path().join("public");
    let paths = [(site.as_path(), "[SITE]"), (out.as_path(), "[OUT]")];
    insta::assert_snapshot!("cycle", cli_output(&build(&site, &out), &paths));
    edit(&file, "start = \"partner\"\n", "");
    insta::assert_snapshot!("missing_start", cli_output(&build(&site, &out), &paths));
}
