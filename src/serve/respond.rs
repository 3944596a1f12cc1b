//! The responses both servers make, and what every request shares: the [`App`]
//! (site folder, mount, search state, search log, live reload), files with validators
//! and 304s, the site's 404 page, redirects and short text answers.
//!
//! Input: files read by `files.rs` and request headers. Output: responses. Never
//! reads or writes the disk itself.

use std::sync::Arc;

use axum::body::Body;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use super::files::{FileEntry, FsSite, parse_http_date};
use super::path::{self, RequestPath};
use super::search_log::SearchLog;
use super::searches::Searches;
use crate::output::headers::cache_control;

/// What an HTML page served by the preview gets added (the live-reload script).
pub trait Live: Send + Sync {
    /// The HTML to insert before `</head>` of every page.
    fn head_tag(&self) -> String;
}

/// Everything a request needs, shared by all requests.
pub struct App {
    pub site: FsSite,
    /// The URL path the site is served under: `/` or `/prefix/`.
    pub mount: String,
    pub searches: Searches,
    /// Where `host --search-log` writes searches made on the results page.
    pub search_log: Option<SearchLog>,
    /// Set by the preview server only.
    pub live: Option<Arc<dyn Live>>,
}

/// A file as a response, honouring `If-None-Match` and `If-Modified-Since`.
pub fn file_response(
    app: &App,
    f: &FileEntry,
    headers: &HeaderMap,
    status: StatusCode,
) -> Response {
    if let (Some(live), true) = (&app.live, f.is_html()) {
        let body = inject(&f.body, &live.head_tag());
        let mut r = Response::new(Body::from(body));
        *r.status_mut() = status;
        set(&mut r, header::CONTENT_TYPE, f.content_type);
        set(&mut r, header::CACHE_CONTROL, "no-store");
        return r;
    }
    if status == StatusCode::OK && not_modified(f, headers) {
        let mut r = Response::new(Body::empty());
        *r.status_mut() = StatusCode::NOT_MODIFIED;
        validators(&mut r, f);
        return r;
    }
    let mut r = Response::new(Body::from(f.body.clone()));
    *r.status_mut() = status;
    set(&mut r, header::CONTENT_TYPE, f.content_type);
    if status == StatusCode::OK {
        validators(&mut r, f);
    } else {
        set(&mut r, header::CACHE_CONTROL, "no-cache");
    }
    r
}

fn validators(r: &mut Response, f: &FileEntry) {
    let h = r.headers_mut();
    h.insert(header::ETAG, f.etag_value.clone());
    h.insert(header::LAST_MODIFIED, f.last_modified_value.clone());
    set(r, header::CACHE_CONTROL, cache_control(&f.rel));
}

/// RFC 9110 §13: `If-None-Match` wins over `If-Modified-Since`.
fn not_modified(f: &FileEntry, headers: &HeaderMap) -> bool {
    if let Some(inm) = headers.get(header::IF_NONE_MATCH) {
        let Ok(list) = inm.to_str() else { return false };
        return list
            .split(',')
            .map(str::trim)
            .any(|tag| tag == "*" || weak_eq(tag, &f.etag));
    }
    if let Some(ims) = headers.get(header::IF_MODIFIED_SINCE)
        && let Some(since) = ims.to_str().ok().and_then(parse_http_date)
    {
        return whole_seconds(f.modified) <= since;
    }
    false
}

/// HTTP dates have whole seconds: compare at that precision.
fn whole_seconds(t: std::time::SystemTime) -> std::time::SystemTime {
    let secs = t
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    std::time::UNIX_EPOCH + std::time::Duration::from_secs(secs)
}

/// Weak comparison, ignoring the `-gzip`/`-br` suffix added for compressed bodies.
fn weak_eq(a: &str, b: &str) -> bool {
    fn opaque(t: &str) -> &str {
        let t = t.strip_prefix("W/").unwrap_or(t).trim_matches('"');
        t.strip_suffix("-gzip")
            .or_else(|| t.strip_suffix("-br"))
            .unwrap_or(t)
    }
    opaque(a) == opaque(b)
}

/// Insert `tag` before `</head>` (or `</body>`, or at the end).
pub fn inject(html: &[u8], tag: &str) -> Vec<u8> {
    let lower = html.to_ascii_lowercase();
    let at = find(&lower, b"</head>")
        .or_else(|| find(&lower, b"</body>"))
        .unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + tag.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(tag.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// The site's `404.html` with status 404, or a plain text 404.
pub fn not_found(app: &App) -> Response {
    match app.site.file("404.html") {
        Some(f) => file_response(app, &f, &HeaderMap::new(), StatusCode::NOT_FOUND),
        None => text(StatusCode::NOT_FOUND, "404 Not Found\n"),
    }
}

/// A redirect to a site-relative `location` (already a URL path, maybe with a query).
pub fn redirect(status: StatusCode, location: &str) -> Response {
    let (p, q) = location.split_once('?').unwrap_or((location, ""));
    let mut loc = path::encode(&decode_lossy(p));
    if !q.is_empty() {
        loc.push('?');
        loc.push_str(q);
    }
    let mut r = Response::new(Body::empty());
    *r.status_mut() = status;
    if let Ok(v) = HeaderValue::from_str(&loc) {
        r.headers_mut().insert(header::LOCATION, v);
    }
    r
}

/// Undo percent-encoding where it is valid, so [`path::encode`] does not encode twice.
fn decode_lossy(p: &str) -> String {
    match path::parse(p) {
        Ok(RequestPath {
            segments,
            trailing_slash,
        }) => {
            let mut s = format!("/{}", segments.join("/"));
            if trailing_slash && !segments.is_empty() {
                s.push('/');
            }
            s
        }
        Err(_) => p.to_string(),
    }
}

/// A short plain-text response.
pub fn text(status: StatusCode, body: &str) -> Response {
    let mut r = (status, body.to_string()).into_response();
    set(&mut r, header::CONTENT_TYPE, "text/plain; charset=utf-8");
    r
}

/// Set a header to a fixed value.
pub fn set(r: &mut Response, name: header::HeaderName, value: &'static str) {
    r.headers_mut()
        .insert(name, HeaderValue::from_static(value));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn injects_before_head_end() {
        let out = inject(
            b"<html><head><title>x</title></HEAD><body></body></html>",
            "<s>",
        );
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "<html><head><title>x</title><s></HEAD><body></body></html>"
        );
        assert_eq!(inject(b"plain", "<s>"), b"plain<s>");
    }

    #[test]
    fn weak_comparison() {
        assert!(weak_eq("W/\"abc-gzip\"", "\"abc\""));
        assert!(!weak_eq("\"abd\"", "\"abc\""));
    }
}
