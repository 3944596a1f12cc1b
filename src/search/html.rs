//! The markup of search results, put in place of `<!--guidebook:search-results-->` on
//! the search page by the server; search.js builds the same markup in the browser.
//!
//! One results page: the count line ("57 pages match. Showing 21–40 of 57."), the
//! contact card that answers (first page only), the list of hits (each link carries
//! `?highlight=` with the query, for guidebook.js to mark it on the page), and the
//! previous/next links. Every text is HTML-escaped; the snippet is already escaped
//! with `<mark>` tags. Pure: no IO.

use std::fmt::Write as _;

use url::form_urlencoded;

use super::query::{ContactCard, Hit, SearchResults};
use crate::content::Kind;
use crate::util::html::{escape, tel_link};

/// The marker in the search page that results replace.
pub const MARKER: &str = "<!--guidebook:search-results-->";

/// Pages listed on one results page (the host's and search.js's default `limit`).
pub const PAGE_SIZE: usize = 20;

/// The count line, the contact card that answers the query (if any), the list of
/// hits and the links to the other results pages. `url_prefix` is the site's prefix
/// (`/`), joined to each hit's URL.
pub fn results_html(results: &SearchResults, url_prefix: &str) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "<p class=\"search-count\">{}</p>",
        count_html(results, answers(results))
    );
    let (cards, pages): (Vec<&Hit>, Vec<&Hit>) =
        results.hits.iter().partition(|h| h.contact.is_some());
    let highlight = highlight_query(&results.query);
    for hit in cards {
        if let Some(card) = &hit.contact {
            out.push_str(&card_html(card, url_prefix, &highlight));
        }
    }
    if !pages.is_empty() {
        match results.offset {
            0 => out.push_str("<ol class=\"search-hits\">\n"),
            n => {
                let _ = writeln!(out, "<ol class=\"search-hits\" start=\"{}\">", n + 1);
            }
        }
        for hit in pages {
            out.push_str(&hit_html(hit, url_prefix, &highlight));
        }
        out.push_str("</ol>\n");
    }
    out.push_str(&nav_html(results, url_prefix));
    out
}

/// Where this results page stands: (page number, last page, first and last hit
/// numbers shown). The page is past the end when it is greater than the last.
struct Paging {
    page: usize,
    last: usize,
    from: usize,
    to: usize,
}

fn paging(r: &SearchResults) -> Paging {
    let size = r.limit.max(1);
    Paging {
        page: r.offset / size + 1,
        last: r.total.div_ceil(size),
        from: r.offset + 1,
        to: (r.offset + size).min(r.total),
    }
}

/// Whether the results need more than one page, or this is not the first.
fn paged(r: &SearchResults) -> bool {
    r.total > r.limit.max(1) || r.offset > 0
}

/// Whether a contact card answers (it leads the hits of the first page).
fn answers(r: &SearchResults) -> bool {
    r.hits.first().is_some_and(|h| h.contact.is_some())
}

/// The count line; `card`: a contact card answers (it is not one of the pages).
fn count_html(r: &SearchResults, card: bool) -> String {
    let q = escape(r.query.trim());
    let matched = match r.total {
        0 if card => format!("1 contact matches <q>{q}</q>."),
        0 => {
            return format!(
                "No pages match <q>{q}</q>. Check the spelling, or try fewer or other words."
            );
        }
        1 => format!("1 page matches <q>{q}</q>."),
        n => format!("{n} pages match <q>{q}</q>."),
    };
    match page_text(r) {
        Some(p) => format!("{matched} {p}"),
        None => matched,
    }
}

/// "Showing 21–40 of 57.", or why this page is empty; `None` on a single page.
fn page_text(r: &SearchResults) -> Option<String> {
    if r.total == 0 || !paged(r) {
        return None;
    }
    let p = paging(r);
    Some(if p.page > p.last {
        format!(
            "Page {} is past the last page of results, page {}.",
            p.page, p.last
        )
    } else {
        format!("Showing {}–{} of {}.", p.from, p.to, r.total)
    })
}

/// What the search page's status region (role=status) says for these results: the
/// count, the page shown and the contact who answers.
pub fn status_text(r: &SearchResults) -> String {
    let mut text = match r.total {
        0 if answers(r) => "1 contact matches.".to_string(),
        0 => "No pages match.".to_string(),
        1 => "1 page matches.".to_string(),
        n => format!("{n} pages match."),
    };
    if let Some(p) = page_text(r) {
        text = format!("{text} {p}");
    }
    if let Some(c) = r.hits.first().and_then(|h| h.contact.as_ref()) {
        let role = if c.role.is_empty() {
            String::new()
        } else {
            format!(", {}", c.role)
        };
        text = format!("{text} Contact: {}{role}.", c.name);
    }
    text
}

/// The previous and next results pages, or the way back from past the end.
fn nav_html(r: &SearchResults, prefix: &str) -> String {
    if r.total == 0 || !paged(r) {
        return String::new();
    }
    let p = paging(r);
    let mut links = Vec::new();
    if p.page > p.last {
        links.push(format!(
            "<a href=\"{}\">Go to the last page of results, page {}</a>",
            escape(&page_href(r, prefix, p.last)),
            p.last
        ));
    } else {
        if p.page > 1 {
            links.push(format!(
                "<a rel=\"prev\" href=\"{}\">Previous page</a>",
                escape(&page_href(r, prefix, p.page - 1))
            ));
        }
        links.push(format!(
            "<span class=\"search-page-number\">Page {} of {}</span>",
            p.page, p.last
        ));
        if p.page < p.last {
            links.push(format!(
                "<a rel=\"next\" href=\"{}\">Next page</a>",
                escape(&page_href(r, prefix, p.page + 1))
            ));
        }
    }
    format!(
        "<nav class=\"search-pages\" aria-label=\"Search results pages\">\n{}\n</nav>\n",
        links.join("\n")
    )
}

/// `/search/?q=export+licence&kind=legislation&page=2` (not HTML-escaped). The
/// limit is kept when it is not the usual page size.
pub fn page_href(r: &SearchResults, prefix: &str, page: usize) -> String {
    let mut query = form_urlencoded::Serializer::new(String::new());
    query.append_pair("q", &r.query);
    if let Some(k) = r.kind.as_deref().filter(|k| !k.is_empty()) {
        query.append_pair("kind", k);
    }
    if r.limit != PAGE_SIZE {
        query.append_pair("limit", &r.limit.to_string());
    }
    query.append_pair("page", &page.to_string());
    format!("{prefix}search/?{}", query.finish())
}

/// `highlight=export+licence` for the query (runs of ASCII spaces made one, as
/// search.js does), or nothing when it has no words.
fn highlight_query(q: &str) -> String {
    let words: Vec<&str> = q.split_ascii_whitespace().collect();
    if words.is_empty() {
        return String::new();
    }
    form_urlencoded::Serializer::new(String::new())
        .append_pair("highlight", &words.join(" "))
        .finish()
}

/// `url` with `query` added before its fragment (not HTML-escaped).
pub fn with_query(url: &str, query: &str) -> String {
    if query.is_empty() {
        return url.to_string();
    }
    let (path, fragment) = match url.find('#') {
        Some(i) => url.split_at(i),
        None => (url, ""),
    };
    let sep = if path.contains('?') { '&' } else { '?' };
    format!("{path}{sep}{query}{fragment}")
}

/// What readers see for a kind of page ("Case study").
pub fn kind_label(kind: &str) -> &str {
    Kind::from_name(kind).map_or(kind, |k| k.label())
}

fn hit_html(hit: &Hit, prefix: &str, highlight: &str) -> String {
    let crumbs: Vec<String> = hit.breadcrumb.iter().map(|c| escape(c)).collect();
    format!(
        "<li class=\"search-hit\">\n<p class=\"search-hit-title\"><a href=\"{}\">{}</a></p>\n\
         <p class=\"search-hit-meta\"><span class=\"search-hit-kind\">{}</span>{}</p>\n\
         <p class=\"search-hit-snippet\">{}</p>\n</li>\n",
        escape(&with_query(&format!("{prefix}{}", hit.url), highlight)),
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
fn card_html(c: &ContactCard, prefix: &str, highlight: &str) -> String {
    let mut out = String::from(
        "<section class=\"search-answer\" aria-label=\"Who to contact\">\n<div class=\"contact-card\">\n",
    );
    let _ = writeln!(
        out,
        "<p class=\"contact-name\"><a href=\"{}\">{}</a></p>",
        escape(&with_query(&format!("{prefix}{}", c.url), highlight)),
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

    fn page_hit(n: usize) -> Hit {
        Hit {
            title: format!("T{n}"),
            url: format!("guidance/t{n}/#part"),
            kind: "guidance".into(),
            breadcrumb: Vec::new(),
            snippet: "s".into(),
            score: 1.0,
            contact: None,
        }
    }

    fn results(total: usize, offset: usize, shown: usize) -> SearchResults {
        SearchResults {
            query: "export licence".into(),
            total,
            kind: Some("guidance".into()),
            offset,
            limit: 2,
            hits: (0..shown).map(page_hit).collect(),
        }
    }

    #[test]
    fn escapes_everything_but_the_snippet() {
        let results = SearchResults {
            query: "<b>x</b>".into(),
            total: 1,
            kind: None,
            offset: 0,
            limit: PAGE_SIZE,
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
            "<p class=\"search-count\">1 page matches <q>&lt;b&gt;x&lt;/b&gt;</q>.</p>\n"
        ));
        assert!(
            html.contains(
                "<a href=\"/rs/contacts/a/?highlight=%3Cb%3Ex%3C%2Fb%3E\">A &lt;b&gt;</a>"
            )
        );
        assert!(html.contains("<a href=\"tel:+441632960000\">01632 960000</a>"));
        assert!(html.contains(
            "<p class=\"search-hit-title\"><a href=\"/rs/guidance/t/?highlight=%3Cb%3Ex%3C%2Fb%3E\">T&quot;</a></p>\n\
             <p class=\"search-hit-meta\"><span class=\"search-hit-kind\">Case study</span> in Home › Guidance</p>\n\
             <p class=\"search-hit-snippet\"><mark>x</mark></p>"
        ));
        assert!(!html.contains("<b>"));
        assert!(!html.contains("<nav"));
        assert_eq!(
            status_text(&results),
            "1 page matches. Contact: A <b>, Role."
        );
    }

    #[test]
    fn a_middle_page_links_both_ways() {
        let r = results(5, 2, 2);
        assert_eq!(
            results_html(&r, "/"),
            "<p class=\"search-count\">5 pages match <q>export licence</q>. Showing 3–4 of 5.</p>\n\
             <ol class=\"search-hits\" start=\"3\">\n\
             <li class=\"search-hit\">\n<p class=\"search-hit-title\"><a href=\"/guidance/t0/?highlight=export+licence#part\">T0</a></p>\n\
             <p class=\"search-hit-meta\"><span class=\"search-hit-kind\">Guidance</span></p>\n\
             <p class=\"search-hit-snippet\">s</p>\n</li>\n\
             <li class=\"search-hit\">\n<p class=\"search-hit-title\"><a href=\"/guidance/t1/?highlight=export+licence#part\">T1</a></p>\n\
             <p class=\"search-hit-meta\"><span class=\"search-hit-kind\">Guidance</span></p>\n\
             <p class=\"search-hit-snippet\">s</p>\n</li>\n\
             </ol>\n\
             <nav class=\"search-pages\" aria-label=\"Search results pages\">\n\
             <a rel=\"prev\" href=\"/search/?q=export+licence&amp;kind=guidance&amp;limit=2&amp;page=1\">Previous page</a>\n\
             <span class=\"search-page-number\">Page 2 of 3</span>\n\
             <a rel=\"next\" href=\"/search/?q=export+licence&amp;kind=guidance&amp;limit=2&amp;page=3\">Next page</a>\n\
             </nav>\n"
        );
        assert_eq!(status_text(&r), "5 pages match. Showing 3–4 of 5.");
    }

    #[test]
    fn the_last_page_and_past_it() {
        let last = results_html(&results(5, 4, 1), "/");
        assert!(last.contains("Showing 5–5 of 5."), "{last}");
        assert!(last.contains("rel=\"prev\"") && !last.contains("rel=\"next\""));
        let past = results(5, 8, 0);
        assert_eq!(
            results_html(&past, "/"),
            "<p class=\"search-count\">5 pages match <q>export licence</q>. \
             Page 5 is past the last page of results, page 3.</p>\n\
             <nav class=\"search-pages\" aria-label=\"Search results pages\">\n\
             <a href=\"/search/?q=export+licence&amp;kind=guidance&amp;limit=2&amp;page=3\">\
             Go to the last page of results, page 3</a>\n</nav>\n"
        );
        let none = results_html(&results(0, 8, 0), "/");
        assert!(
            !none.contains("<nav") && none.contains("No pages match"),
            "{none}"
        );
    }

    #[test]
    fn adds_a_query_before_the_fragment() {
        assert_eq!(with_query("/a/#b", "h=1"), "/a/?h=1#b");
        assert_eq!(with_query("/a/?x=2", "h=1"), "/a/?x=2&h=1");
        assert_eq!(with_query("/a/", ""), "/a/");
        assert_eq!(highlight_query("  "), "");
        assert_eq!(highlight_query(" a  b "), "highlight=a+b");
    }
}
