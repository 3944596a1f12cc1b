//! The shipped knowledge base in content/: readers can answer the common questions
//! within two clicks of the home page, and every page links to and is linked from
//! another page in its text.

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use crate::support::*;

/// Build content/ once per test into a temp folder; return (guard, public dir).
fn built() -> (tempfile::TempDir, std::path::PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    let o = run_in(&root(), &["build", ".", "--out", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    (tmp, out)
}

/// Site-internal page links (`/x/y/`) in `html`, without anchors.
fn page_links(html: &str) -> BTreeSet<String> {
    html.split("href=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .filter(|h| {
            h.starts_with('/') && !h.starts_with("//") && h.ends_with('/') || h.contains("/#")
        })
        .map(|h| h.split('#').next().unwrap_or(h).to_string())
        .filter(|h| h.starts_with('/') && !h.starts_with("/assets/") && !h.starts_with("/_search/"))
        .collect()
}

fn page_html(out: &std::path::Path, url: &str) -> Option<String> {
    std::fs::read_to_string(out.join(url.trim_start_matches('/')).join("index.html")).ok()
}

/// The main text of a page: what is between `<div class="content">` and its close.
fn content_of(html: &str) -> &str {
    let start = html
        .find("<div class=\"content\">")
        .map(|i| i + 21)
        .unwrap_or(0);
    let end = html[start..]
        .find("</article>")
        .or_else(|| html[start..].find("</main>"))
        .map(|e| start + e)
        .unwrap_or(html.len());
    &html[start..end]
}

#[test]
fn common_questions_are_answered_within_two_clicks_of_home() {
    let (_t, out) = built();
    let mut depth: BTreeMap<String, usize> = BTreeMap::new();
    let mut queue = VecDeque::from([("/".to_string(), 0usize)]);
    depth.insert("/".into(), 0);
    while let Some((url, d)) = queue.pop_front() {
        if d == 2 {
            continue;
        }
        let Some(html) = page_html(&out, &url) else {
            continue;
        };
        for next in page_links(&html) {
            if !depth.contains_key(&next) {
                depth.insert(next.clone(), d + 1);
                queue.push_back((next, d + 1));
            }
        }
    }
    let within = |url: &str, needle: &str| {
        assert!(
            depth.contains_key(url),
            "{url} is not within two clicks of home"
        );
        let html = page_html(&out, url).unwrap_or_else(|| panic!("{url} missing"));
        assert!(html.contains(needle), "{url} does not say {needle:?}");
    };
    // who to contact about export control
    within("/contacts/export-control-manager/", "mailto:");
    within("/legislation/export-control-order/", "Export Control");
    // whether a visiting researcher needs ATAS
    within("/legislation/atas/", "visiting");
    // what to do before travelling to a high-risk country
    within("/checklists/before-you-travel/", "type=\"checkbox\"");
    within("/guidance/overseas-travel/", "burner");
    // the warning about border searches is a callout with a visible label
    within(
        "/guidance/overseas-travel/",
        "<div class=\"callout callout-warning\" role=\"note\">\n<p class=\"callout-title\"><span class=\"callout-label\">Warning</span></p>\n<p>Border officers",
    );
    // what the National Security Act asks of the university
    within("/legislation/national-security-act/", "Home Office");
    // whether an arrangement with a foreign government must be registered (FIRS)
    within(
        "/legislation/foreign-influence-registration-scheme/",
        "within 28 days",
    );
    within("/contacts/sanctions-and-foreign-influence/", "mailto:");
    // whether sanctions stop a payment, and how to screen a payee
    within("/legislation/sanctions/", "UK Sanctions List");
    within(
        "/checklists/before-you-pay-or-ship-abroad/",
        "type=\"checkbox\"",
    );
    // how to host visitors and events; which tools to use with partners abroad
    within("/guidance/hosting-visitors-and-events/", "delegation");
    within(
        "/guidance/collaboration-tools-and-sharing-data-abroad/",
        "Video calls",
    );
}

#[test]
fn every_page_links_to_another_and_is_linked_from_another() {
    let (_t, out) = built();
    let mut pages: Vec<String> = Vec::new();
    for (path, _) in tree(&out) {
        if let Some(dir) = path.strip_suffix("index.html")
            && !dir.starts_with("search/")
            && !dir.starts_with("review/")
            && !dir.starts_with("sitemap/")
            && !dir.starts_with("_")
            && !dir.starts_with("editions/")
            && !dir.starts_with("changes/")
            // a section's printable version repeats its pages; section pages link it
            && !dir.ends_with("/print/")
        {
            let html = read(out.join(&path));
            if html.contains("http-equiv=\"refresh\"") {
                continue; // an alias redirect
            }
            pages.push(format!("/{dir}"));
        }
    }
    let mut linked_from: BTreeMap<String, usize> = BTreeMap::new();
    let mut without_links = Vec::new();
    for url in &pages {
        let html = page_html(&out, url).unwrap();
        let links: BTreeSet<String> = page_links(content_of(&html))
            .into_iter()
            .filter(|l| l != url)
            .collect();
        if links.is_empty() {
            without_links.push(url.clone());
        }
        for l in links {
            *linked_from.entry(l).or_default() += 1;
        }
    }
    assert_eq!(
        without_links,
        Vec::<String>::new(),
        "pages whose text links nowhere"
    );
    let unlinked: Vec<&String> = pages
        .iter()
        .filter(|u| *u != "/" && !linked_from.contains_key(*u))
        .filter(|u| {
            !u.contains("/triage/which-processes-apply/") || u.ends_with("which-processes-apply/")
        })
        .collect();
    assert_eq!(
        unlinked,
        Vec::<&String>::new(),
        "pages no other page's text links to"
    );
}
