//! The search results page: the site's own `search/index.html` with the results put
//! in place of its marker, what they say in its status region (`#search-status`),
//! the query in the search boxes and in the title, and the chosen kind selected.
//! Everything taken from the request is HTML-escaped.
//!
//! Input: the page's bytes and the results. Output: HTML. Pure.

use axum::body::Body;
use axum::http::{StatusCode, header};
use axum::response::Response;

use super::respond::{self, App};
use crate::search::SearchResults;
use crate::search::html::{MARKER, results_html, status_text};
use crate::util::html::escape;

/// The search page with `results` (for their query, kind and page).
pub fn fill(page: &[u8], results: &SearchResults, prefix: &str) -> String {
    let html = String::from_utf8_lossy(page);
    let html = html.replacen(MARKER, &results_html(results, prefix), 1);
    let html = with_status(&html, &escape(&status_text(results)));
    let q_attr = escape(&results.query);
    let mut html = with_query_value(&html, &q_attr);
    if let Some(k) = results.kind.as_deref() {
        let k = escape(k);
        html = html.replacen(
            &format!("<option value=\"{k}\">"),
            &format!("<option value=\"{k}\" selected>"),
            1,
        );
    }
    let size = results.limit.max(1);
    let page = match results.offset / size + 1 {
        1 => String::new(),
        n => format!(" (page {n})"),
    };
    html.replacen("<title>", &format!("<title>{q_attr}{page} – "), 1)
}

/// Put `text` (already escaped) in the empty element `id="search-status"`.
fn with_status(html: &str, text: &str) -> String {
    let Some(at) = html.find(" id=\"search-status\"") else {
        return html.to_string();
    };
    match html[at..].find('>') {
        Some(end) if html[at + end + 1..].starts_with("</") => {
            let split = at + end + 1;
            format!("{}{text}{}", &html[..split], &html[split..])
        }
        _ => html.to_string(),
    }
}

/// Give every `<input ... name="q" ...>` the value `value` (already escaped).
fn with_query_value(html: &str, value: &str) -> String {
    let mut out = String::with_capacity(html.len() + 64);
    let mut rest = html;
    while let Some(start) = rest.find("<input") {
        let Some(len) = rest[start..].find('>') else {
            break;
        };
        let tag = &rest[start..start + len];
        out.push_str(&rest[..start]);
        if tag.contains(" name=\"q\"") && !tag.contains(" value=") {
            let (body, slash) = match tag.strip_suffix('/') {
                Some(b) => (b.trim_end(), " /"),
                None => (tag, ""),
            };
            out.push_str(body);
            out.push_str(&format!(" value=\"{value}\"{slash}"));
        } else {
            out.push_str(tag);
        }
        rest = &rest[start + len..];
    }
    out.push_str(rest);
    out
}

/// The filled page as a response (never cached: it depends on the query).
pub fn response(app: &App, html: String) -> Response {
    let body = match &app.live {
        Some(live) => String::from_utf8_lossy(&respond::inject(html.as_bytes(), &live.head_tag()))
            .into_owned(),
        None => html,
    };
    let mut r = Response::new(Body::from(body));
    *r.status_mut() = StatusCode::OK;
    respond::set(&mut r, header::CONTENT_TYPE, "text/html; charset=utf-8");
    respond::set(&mut r, header::CACHE_CONTROL, "no-store");
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn echoes_the_query_escaped() {
        let page = "<html><head><title>Search – Site</title></head><body>\
            <input id=\"site-search-q\" name=\"q\" type=\"search\">\
            <input id=\"search-q\" name=\"q\" type=\"search\" aria-describedby=\"h\">\
            <select name=\"kind\"><option value=\"\">All</option><option value=\"legislation\">Legislation</option></select>\
            <p id=\"search-status\" role=\"status\"></p>\
            <div id=\"search-results\"><!--guidebook:search-results--></div></body></html>";
        let results = SearchResults {
            query: "<script>\"x\"".into(),
            total: 0,
            kind: Some("legislation".into()),
            offset: 0,
            limit: 20,
            hits: Vec::new(),
        };
        let out = fill(page.as_bytes(), &results, "/");
        assert!(
            out.contains("<p id=\"search-status\" role=\"status\">No pages match.</p>"),
            "{out}"
        );
        assert!(
            out.contains("<title>&lt;script&gt;&quot;x&quot; – Search – Site</title>"),
            "{out}"
        );
        assert_eq!(
            out.matches("value=\"&lt;script&gt;&quot;x&quot;\"").count(),
            2,
            "{out}"
        );
        assert!(out.contains("<option value=\"legislation\" selected>"));
        assert!(
            out.contains("No pages match <q>&lt;script&gt;&quot;x&quot;</q>."),
            "{out}"
        );
        assert!(!out.contains("<script>"));
        assert!(!out.contains(MARKER));
    }
}
