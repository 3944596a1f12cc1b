//! Server-side search: `/search/?q=` as an HTML page (works without JavaScript) and
//! `/_search/api?q=&kind=&limit=` as JSON, for the current site and for each archived
//! edition under `/editions/<id>/`, each from its own prebuilt index in `_search/`.
//!
//! Input: a checked request path and its query string. Output: a response. Opens
//! indexes read-only (once, again only when an index folder changed on disk).

use std::sync::Arc;

use axum::http::HeaderMap;
use axum::response::Response;

use super::http::App;
use super::path::RequestPath;

/// The longest query accepted, in characters.
pub const MAX_QUERY_CHARS: usize = 256;
/// The most results one request may ask for.
pub const MAX_LIMIT: usize = 50;

/// Which search endpoint a request is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Route {
    /// An archived edition's id, or `None` for the current site.
    pub edition: Option<String>,
    pub api: bool,
}

/// The search endpoints, with their opened indexes.
#[derive(Default)]
pub struct Searches {}

/// Whether `p` is a search endpoint.
pub fn route(p: &RequestPath) -> Option<Route> {
    let s: Vec<&str> = p.segments.iter().map(String::as_str).collect();
    let (edition, rest) = match s.as_slice() {
        ["editions", id, rest @ ..] => (Some(id.to_string()), rest),
        rest => (None, rest),
    };
    match rest {
        ["_search", "api"] => Some(Route { edition, api: true }),
        ["search"] if p.trailing_slash => Some(Route {
            edition,
            api: false,
        }),
        _ => None,
    }
}

/// Answer a search request.
pub async fn respond(
    app: Arc<App>,
    _route: Route,
    _query: Option<String>,
    _headers: HeaderMap,
) -> Response {
    super::http::not_found(&app)
}

/// Open the site's own index ahead of the first search.
pub async fn warm(_app: Arc<App>) {}
