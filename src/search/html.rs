//! The markup of search results, put in place of `<!--guidebook:search-results-->` on
//! the search page by the server; search.js builds the same markup in the browser.
//!
//! Every text is HTML-escaped; the snippet is already escaped with `<mark>` tags.
//! Pure: no IO.

use std::fmt::Write as _;

use super::query::{ContactCard, Hit, SearchResults};
use crate::content::Kind;
use crate::util::html::{escape, tel_link};

/// The marker in the search page that results replace.
pub const MARKER: &str = "<!--guidebook:search-results-->";

/// The count line, the contact card that answers the query (if any) and the list of
/// hits. `url_prefix` is the site's prefix (`/`), joined to each hit's URL.
pub fn results_html(results: &SearchResults, url_prefix: &str) -> String {
    let mut out = String::new();
    let q = escape(results.query.trim());
    let count = match results.total {
        0 => format!("No pages match <q>{q}</q>. Check the spelling, or try fewer or other words."),
        1 => format!("1 page matches <q>{q}</q>."),
        n => format!("{n} pages match <q>{q}</q>."),
    };
    let _ = writeln!(out, "<p class=\"search-count\">{count}</p>");
    let (cards, pages): (Vec<&Hit>, Vec<&Hit>) =
        results.hits.iter().partition(|h| h.contact.is_some());
    for hit in cards {
        if let Some(card) = &hit.contact {
            out.push_str(&card_html(card, url_prefix));
        }
    }
    if !pages.is_empty() {
        out.push_str("<ol class=\"search-hits\">\n");
        for hit in pages {
            out.push_str(&hit_html(hit, url_prefix));
        }
        out.push_str("</ol>\n");
    }
    out
}

/// What readers see for a kind of page ("Case study").
pub fn kind_label(kind: &str) -> &str {
    Kind::from_name(kind).map_or(kind, |k| k.label())
}

fn hit_html(hit: &Hit, prefix: &str) -> String {
    let crumbs: Vec<String> = hit.breadcrumb.iter().map(|c| escape(c)).collect();
    format!(
        "<li class=\"search-hit\">\n<p class=\"search-hit-title\"><a href=\"{}\">{}</a></p>\n\
         <p class=\"search-hit-meta\"><span class=\"search-hit-kind\">{}</span>{}</p>\n\
         <p class=\"search-hit-snippet\">{}</p>\n</li>\n",
        escape(&format!("{prefix}{}", hit.url)),
        escape(&hit.title),
        escape(kind_label(&hit.kind)),
        if crumbs.is_empty() {
            String::new()
        } else {
            format!(" in {}", crumbs.join(" › "))
        },
        hit.snippet,
    )
}

/// The contact card pattern of the theme, as the answer to the query.
fn card_html(c: &ContactCard, prefix: &str) -> String {
    let mut out = String::from(
        "<section class=\"search-answer\" aria-label=\"Who to contact\">\n<div class=\"contact-card\">\n",
    );
    let _ = writeln!(
        out,
        "<p class=\"contact-name\"><a href=\"{}\">{}</a></p>",
        escape(&format!("{prefix}{}", c.url)),
        escape(&c.name)
    );
    if !c.role.is_empty() {
        let team = if c.team.is_empty() {
            String::new()
        } else {
            format!(", {}", escape(&c.team))
        };
        let _ = writeln!(
            out,
            "<p class=\"contact-role\">{}{team}</p>",
            escape(&c.role)
        );
    }
    out.push_str("<dl class=\"contact-details\">\n");
    if !c.email.is_empty() {
        let e = escape(&c.email);
        let _ = writeln!(
            out,
            "<div><dt>Email</dt><dd><a href=\"mailto:{e}\">{e}</a></dd></div>"
        );
    }
    if !c.phone.is_empty() {
        let _ = writeln!(
            out,
            "<div><dt>Phone</dt><dd><a href=\"tel:{}\">{}</a></dd></div>",
            escape(&tel_link(&c.phone)),
            escape(&c.phone)
        );
    }
    out.push_str("</dl>\n</div>\n</section>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_everything_but_the_snippet() {
        let results = SearchResults {
            query: "<b>x</b>".into(),
            total: 2,
            hits: vec![
                Hit {
                    title: "Ask <i>me</i>".into(),
                    url: "contacts/a/".into(),
                    kind: "contact".into(),
                    breadcrumb: vec!["Home".into()],
                    snippet: "<mark>x</mark> &amp;".into(),
                    score: 1.0,
                    contact: Some(ContactCard {
                        name: "A <b>".into(),
                        role: "Role".into(),
                        team: "".into(),
                        email: "a@example.ac.uk".into(),
                        phone: "01632 960000".into(),
                        url: "contacts/a/".into(),
                    }),
                },
                Hit {
                    title: "T\"".into(),
                    url: "guidance/t/".into(),
                    kind: "case-study".into(),
                    breadcrumb: vec!["Home".into(), "Guidance".into()],
                    snippet: "<mark>x</mark>".into(),
                    score: 0.5,
                    contact: None,
                },
            ],
        };
        let html = results_html(&results, "/rs/");
        assert!(html.starts_with(
            "<p class=\"search-count\">2 pages match <q>&lt;b&gt;x&lt;/b&gt;</q>.</p>\n"
        ));
        assert!(html.contains("<a href=\"/rs/contacts/a/\">A &lt;b&gt;</a>"));
        assert!(html.contains("<a href=\"tel:+441632960000\">01632 960000</a>"));
        assert!(html.contains(
            "<p class=\"search-hit-title\"><a href=\"/rs/guidance/t/\">T&quot;</a></p>\n\
             <p class=\"search-hit-meta\"><span class=\"search-hit-kind\">Case study</span> in Home › Guidance</p>\n\
             <p class=\"search-hit-snippet\"><mark>x</mark></p>"
        ));
        assert!(!html.contains("<b>"));
    }
}
