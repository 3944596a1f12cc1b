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
use super::searches::{Asked, Found, stamp};
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
#[derive(Debug, Clone, PartialEq, Eq)]
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
    let page_rel = format!("{}search/index.html", route.base);
    let found = match answer(&app, &route.base, &p).await {
        Ok(found) => found,
        Err(Failure::NoIndex) if !route.api => {
            return match app.site.file(&page_rel) {
                Some(page) => respond::file_response(&app, &page, &headers, StatusCode::OK),
                None => respond::not_found(&app),
            };
        }
        Err(Failure::NoIndex) => return respond::not_found(&app),
        Err(Failure::Broken(why)) => {
            let body = format!("500 Internal Server Error: {why}\n");
            return respond::text(StatusCode::INTERNAL_SERVER_ERROR, &body);
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

/// What answering a request takes: an answer remembered, or a search.
enum Step {
    Remembered(Arc<Found>),
    Search(Asked),
}

/// The answer to `p` from the index of the site at `base`. A remembered answer
/// comes at once, looked up here: two `stat`s of the index's own files and a
/// table lookup, microseconds, cheaper than a hand-over to another thread. Only a
/// search waits for one of the places searches run in, so a query asked again
/// never queues behind running searches; it then runs on a thread that may block.
async fn answer(app: &Arc<App>, base: &str, p: &Params) -> Result<Arc<Found>, Failure> {
    let asked = match look_up(app, base, p.clone())? {
        Step::Remembered(found) => return Ok(found),
        Step::Search(asked) => asked,
    };
    let _slot = app.searches.slot().await;
    let app2 = app.clone();
    tokio::task::spawn_blocking(move || search(&app2, asked))
        .await
        .unwrap_or_else(|_| Err(Failure::Broken("the search failed".into())))
}

/// Which build of the index at `base` to search (404 when there is none), and the
/// answer if this query was asked of that build before.
fn look_up(app: &App, base: &str, p: Params) -> Result<Step, Failure> {
    let dir = app.site.root().join(base).join("_search");
    let stamp = stamp(&dir).ok_or(Failure::NoIndex)?;
    let asked = (dir, stamp, p.q, p.kind, p.limit, p.page);
    Ok(match app.searches.remembered(&asked) {
        Some(found) => Step::Remembered(found),
        None => Step::Search(asked),
    })
}

/// Search the index `asked` names and remember the answer: 404 when it is gone, 500
/// (saying why) when it cannot be read or the search fails. Its build is read
/// again: a new build may have replaced it while this search waited for a place,
/// and a stale stamp would have the searchers reopen the index for every search
/// that waited, old and new stamps in turn.
fn search(app: &App, mut asked: Asked) -> Result<Arc<Found>, Failure> {
    asked.1 = stamp(&asked.0).ok_or(Failure::NoIndex)?;
    let (dir, stamp, q, kind, limit, page) = &asked;
    let searcher = app.searches.get(dir, stamp).map_err(Failure::Broken)?;
    let prefix = searcher.url_prefix().to_string();
    let offset = (page - 1) * limit;
    let results = if q.trim().is_empty() {
        SearchResults {
            query: q.clone(),
            total: 0,
            kind: kind.clone(),
            offset,
            limit: *limit,
            hits: Vec::new(),
        }
    } else {
        let req = SearchRequest {
            q,
            kind: kind.as_deref(),
            limit: *limit,
            offset,
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
    use crate::serve::files::FsSite;
    use crate::serve::searches::Searches;
    use std::time::Duration;

    /// A served folder with the two files an index's build is known by, and no
    /// index: nothing here can be searched, only remembered.
    fn app_without_places(dir: &std::path::Path) -> Arc<App> {
        for f in ["_search/index/meta.json", "_search/static/meta.json"] {
            std::fs::create_dir_all(dir.join(f).parent().unwrap()).unwrap();
            std::fs::write(dir.join(f), "{}").unwrap();
        }
        Arc::new(App {
            site: FsSite::open(dir).unwrap(),
            mount: "/".into(),
            searches: Searches::with_slots(0),
            search_log: None,
            live: None,
        })
    }

    #[tokio::test]
    async fn a_remembered_answer_does_not_wait_for_a_place_to_search() {
        let tmp = tempfile::tempdir().unwrap();
        let app = app_without_places(tmp.path());
        let asked = |q: &str| params(Some(&format!("q={q}"))).unwrap();
        let Ok(Step::Search(key)) = look_up(&app, "", asked("visa")) else {
            panic!("a first query is searched");
        };
        let results = SearchResults {
            query: "visa".into(),
            total: 0,
            kind: None,
            offset: 0,
            limit: DEFAULT_LIMIT,
            hits: Vec::new(),
        };
        let found = Arc::new(Found {
            results,
            prefix: "/".into(),
        });
        app.searches.remember(key, found.clone());
        // every place is taken (there are none): only a remembered answer comes
        let wait = Duration::from_secs(2);
        let again = tokio::time::timeout(wait, answer(&app, "", &asked("visa"))).await;
        assert!(matches!(again, Ok(Ok(f)) if Arc::ptr_eq(&f, &found)));
        let atas = asked("ATAS");
        let new = tokio::time::timeout(Duration::from_millis(200), answer(&app, "", &atas));
        assert!(new.await.is_err(), "a new query waits for a place");
    }

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
