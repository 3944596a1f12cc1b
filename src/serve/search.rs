//! Server-side search: `/search/?q=&kind=&page=` as an HTML page (works without
//! JavaScript; 20 pages of results a page) and `/_search/api?q=&kind=&limit=&page=`
//! as JSON, for the current site and for each archived edition under
//! `/editions/<id>/`, each from its own prebuilt index in `_search/`.
//!
//! Input: a checked request path and its query string. Output: a response. Indexes
//! are opened read-only through `searches.rs` (once, and again only when an index
//! changed on disk); never indexes anything itself.

use std::sync::Arc;

use axum::extract::Query;
use axum::http::{HeaderMap, StatusCode, Uri, header};
use axum::response::Response;

use super::path::RequestPath;
use super::respond::{self, App};
use super::search_page;
use super::searches::{Found, stamp};
use crate::content::Kind;
use crate::search::{SearchRequest, SearchResults};

pub use crate::search::{MAX_LIMIT, MAX_QUERY_CHARS};
/// Results when the request does not say.
pub const DEFAULT_LIMIT: usize = crate::search::html::PAGE_SIZE;
/// The last results page one may ask for (`page=`): 100 pages of 20 reach 2,000 hits.
pub const MAX_PAGE: usize = 100;

/// Which search endpoint a request is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Route {
    /// Folder of the site inside the served folder: `""`, or `editions/<id>/`.
    pub base: String,
    pub api: bool,
}

/// Whether `p` is a search endpoint.
pub fn route(p: &RequestPath) -> Option<Route> {
    let s: Vec<&str> = p.segments.iter().map(String::as_str).collect();
    let (base, rest) = match s.as_slice() {
        ["editions", id, rest @ ..] => (format!("editions/{id}/"), rest),
        rest => (String::new(), rest),
    };
    match rest {
        ["_search", "api"] => Some(Route { base, api: true }),
        ["search"] if p.trailing_slash => Some(Route { base, api: false }),
        _ => None,
    }
}

/// A checked search request.
#[derive(Debug, PartialEq, Eq)]
struct Params {
    q: String,
    kind: Option<String>,
    limit: usize,
    /// The results page, from 1.
    page: usize,
}

/// Read and check `q`, `kind`, `limit` and `page`.
fn params(query: Option<&str>) -> Result<Params, String> {
    let uri: Uri = format!("/?{}", query.unwrap_or(""))
        .parse()
        .map_err(|_| "the query string is malformed".to_string())?;
    let Query(pairs) = Query::<Vec<(String, String)>>::try_from_uri(&uri)
        .map_err(|_| "the query string is malformed".to_string())?;
    let get = |k: &str| pairs.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
    let q = get("q").unwrap_or("").to_string();
    if q.chars().count() > MAX_QUERY_CHARS {
        return Err(format!(
            "the query is longer than {MAX_QUERY_CHARS} characters"
        ));
    }
    let limit = match get("limit") {
        None | Some("") => DEFAULT_LIMIT,
        Some(l) => match l.parse::<usize>() {
            Ok(n) if (1..=MAX_LIMIT).contains(&n) => n,
            _ => return Err(format!("limit must be a number from 1 to {MAX_LIMIT}")),
        },
    };
    let kind = match get("kind") {
        None | Some("") => None,
        Some(k) if Kind::from_name(k).is_some() => Some(k.to_string()),
        Some(_) => return Err("kind is not a kind of page".into()),
    };
    let page = match get("page") {
        None | Some("") => 1,
        Some(n) => match n.parse::<usize>() {
            Ok(n) if (1..=MAX_PAGE).contains(&n) => n,
            _ => return Err(format!("page must be a number from 1 to {MAX_PAGE}")),
        },
    };
    Ok(Params {
        q,
        kind,
        limit,
        page,
    })
}

/// Answer a search request.
pub async fn respond(
    app: Arc<App>,
    route: Route,
    query: Option<String>,
    headers: HeaderMap,
) -> Response {
    let p = match params(query.as_deref()) {
        Ok(p) => p,
        Err(why) => {
            return respond::text(
                StatusCode::BAD_REQUEST,
                &format!("400 Bad Request: {why}\n"),
            );
        }
    };
    let app2 = app.clone();
    let base = route.base.clone();
    let slot = app.searches.slot().await;
    let done = tokio::task::spawn_blocking(move || (run(&app2, &base, &p), p)).await;
    drop(slot);
    let page_rel = format!("{}search/index.html", route.base);
    let (found, p) = match done {
        Ok((Ok(found), p)) => (found, p),
        Ok((Err(Failure::NoIndex), _)) if !route.api => {
            return match app.site.file(&page_rel) {
                Some(page) => respond::file_response(&app, &page, &headers, StatusCode::OK),
                None => respond::not_found(&app),
            };
        }
        Ok((Err(Failure::NoIndex), _)) => return respond::not_found(&app),
        Ok((Err(Failure::Broken(why)), _)) => {
            let body = format!("500 Internal Server Error: {why}\n");
            return respond::text(StatusCode::INTERNAL_SERVER_ERROR, &body);
        }
        Err(_) => {
            let body = "500 Internal Server Error: the search failed\n";
            return respond::text(StatusCode::INTERNAL_SERVER_ERROR, body);
        }
    };
    if route.api {
        return json(&found.results);
    }
    super::search_log::record(app.search_log.as_ref(), &route.base, p.page, &found.results);
    match app.site.file(&page_rel) {
        Some(page) if p.q.is_empty() => {
            respond::file_response(&app, &page, &headers, StatusCode::OK)
        }
        Some(page) => {
            let html = search_page::fill(&page.body, &found.results, &found.prefix);
            search_page::response(&app, html)
        }
        None => respond::not_found(&app),
    }
}

/// Why a search has no results to show.
enum Failure {
    NoIndex,
    Broken(String),
}

/// Search the index of the site at `base`: 404 when it has none, 500 (saying why)
/// when it cannot be read or the search fails.
fn run(app: &App, base: &str, p: &Params) -> Result<Arc<Found>, Failure> {
    let dir = app.site.root().join(base).join("_search");
    let stamp = stamp(&dir).ok_or(Failure::NoIndex)?;
    let asked = (dir, stamp, p.q.clone(), p.kind.clone(), p.limit, p.page);
    if let Some(found) = app.searches.remembered(&asked) {
        return Ok(found);
    }
    let searcher = app
        .searches
        .get(&asked.0, &asked.1)
        .map_err(Failure::Broken)?;
    let prefix = searcher.url_prefix().to_string();
    let results = if p.q.trim().is_empty() {
        SearchResults {
            query: p.q.clone(),
            total: 0,
            kind: p.kind.clone(),
            offset: (p.page - 1) * p.limit,
            limit: p.limit,
            hits: Vec::new(),
        }
    } else {
        let req = SearchRequest {
            q: &p.q,
            kind: p.kind.as_deref(),
            limit: p.limit,
            offset: (p.page - 1) * p.limit,
        };
        searcher
            .search(&req)
            .map_err(|e| Failure::Broken(e.to_string()))?
    };
    let found = Arc::new(Found { results, prefix });
    app.searches.remember(asked, found.clone());
    Ok(found)
}

fn json(results: &SearchResults) -> Response {
    let body = crate::search::safe_json(results);
    let mut r = Response::new(axum::body::Body::from(body));
    respond::set(&mut r, header::CONTENT_TYPE, "application/json");
    respond::set(&mut r, header::CACHE_CONTROL, "no-cache");
    r
}

/// Open the site's own index ahead of the first search; say so if it cannot be read.
pub async fn warm(app: Arc<App>) {
    let opened = tokio::task::spawn_blocking(move || {
        let dir = app.site.root().join("_search");
        stamp(&dir).map(|s| app.searches.get(&dir, &s))
    })
    .await;
    match opened {
        Ok(Some(Err(why))) => eprintln!("warning: search will fail: {why}"),
        Ok(None) => eprintln!("warning: this site has no search index (_search/)"),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req(raw: &str) -> RequestPath {
        super::super::path::parse(raw).unwrap()
    }

    #[test]
    fn routes_current_site_and_editions() {
        assert_eq!(
            route(&req("/_search/api")),
            Some(Route {
                base: "".into(),
                api: true
            })
        );
        assert_eq!(
            route(&req("/search/")),
            Some(Route {
                base: "".into(),
                api: false
            })
        );
        assert_eq!(route(&req("/search")), None);
        assert_eq!(
            route(&req("/editions/2026-11/_search/api")),
            Some(Route {
                base: "editions/2026-11/".into(),
                api: true
            })
        );
        assert_eq!(
            route(&req("/editions/2026-11/search/")),
            Some(Route {
                base: "editions/2026-11/".into(),
                api: false
            })
        );
        assert_eq!(route(&req("/guidance/search/")), None);
    }

    #[test]
    fn checks_parameters() {
        assert_eq!(
            params(Some("q=export+licence&kind=legislation&limit=5")),
            Ok(Params {
                q: "export licence".into(),
                kind: Some("legislation".into()),
                limit: 5,
                page: 1
            })
        );
        assert_eq!(params(None).map(|p| p.limit), Ok(DEFAULT_LIMIT));
        assert_eq!(params(Some("q=x&kind=")).map(|p| p.kind), Ok(None));
        assert!(params(Some(&format!("q={}", "a".repeat(257)))).is_err());
        assert!(params(Some(&format!("q={}", "é".repeat(256)))).is_ok());
        assert!(params(Some("q=x&limit=51")).is_err());
        assert!(params(Some("q=x&limit=0")).is_err());
        assert!(params(Some("q=x&limit=ten")).is_err());
        assert!(params(Some("q=x&kind=secret")).is_err());
        assert_eq!(params(Some("q=x&page=3")).map(|p| p.page), Ok(3));
        assert_eq!(params(Some("q=x&page=")).map(|p| p.page), Ok(1));
        for bad in ["0", "101", "two", "-1", "1.5", "99999999999999999999999"] {
            assert_eq!(
                params(Some(&format!("q=x&page={bad}"))),
                Err("page must be a number from 1 to 100".to_string()),
                "page={bad}"
            );
        }
    }
}
