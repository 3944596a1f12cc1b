//! The request handler both servers share: GET and HEAD only, checked paths, files
//! with validators and 304s, folder redirects, alias redirects, the site's 404 page
//! (also for the files written for other web servers, `_headers` and `_redirects`),
//! and the search endpoints. `preview.rs` adds live reload on top through
//! [`super::respond::Live`].
//!
//! Input: a request and the shared [`App`]. Output: a response (made by
//! `respond.rs`). Reads the site folder through `files.rs`; never writes.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::response::Response;

use super::files::Lookup;
use super::path::{self, Refusal, RequestPath};
use super::respond::{App, file_response, not_found, redirect, text};
use crate::output::headers::SERVER_FILES;

/// The one handler: every request that is not a preview endpoint comes here.
pub async fn handle(State(app): State<Arc<App>>, req: Request) -> Response {
    if req.method() != Method::GET && req.method() != Method::HEAD {
        let mut r = text(StatusCode::METHOD_NOT_ALLOWED, "405 Method Not Allowed\n");
        r.headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return r;
    }
    let raw_path = req.uri().path().to_string();
    let query = req.uri().query().map(str::to_string);
    let Some(local) = strip_mount(&app.mount, &raw_path) else {
        return if format!("{raw_path}/") == app.mount || raw_path == "/" {
            redirect(StatusCode::FOUND, &app.mount)
        } else {
            not_found(&app)
        };
    };
    let req_path = match path::parse(local) {
        Ok(p) => p,
        Err(Refusal::BadRequest(why)) => {
            return text(
                StatusCode::BAD_REQUEST,
                &format!("400 Bad Request: {why}\n"),
            );
        }
        Err(Refusal::Hidden) => return not_found(&app),
    };
    if is_server_file(&req_path) {
        return not_found(&app);
    }
    if let Some(route) = super::search::route(&req_path) {
        let app2 = app.clone();
        let headers = req.headers().clone();
        return super::search::respond(app2, route, query, headers).await;
    }
    let lookup = match app.site.quick(&req_path) {
        Some(f) => Ok(Lookup::File(f)),
        None => {
            let app2 = app.clone();
            tokio::task::spawn_blocking(move || app2.site.lookup(&req_path)).await
        }
    };
    match lookup {
        Ok(Lookup::File(f)) => match &f.redirect {
            Some(to) => redirect(StatusCode::MOVED_PERMANENTLY, to),
            None => file_response(&app, &f, req.headers(), StatusCode::OK),
        },
        Ok(Lookup::AddSlash) => {
            let q = query.map(|q| format!("?{q}")).unwrap_or_default();
            redirect(StatusCode::MOVED_PERMANENTLY, &format!("{raw_path}/{q}"))
        }
        Ok(Lookup::NotFound) => not_found(&app),
        Err(_) => text(
            StatusCode::INTERNAL_SERVER_ERROR,
            "500 Internal Server Error\n",
        ),
    }
}

/// `_headers` and the redirect files at the site's root are read by other web
/// servers, which do not publish them: neither does this one.
fn is_server_file(p: &RequestPath) -> bool {
    matches!(p.segments.as_slice(), [name] if SERVER_FILES.contains(&name.as_str()))
}

/// The part of `path` under `mount`, keeping its leading slash.
fn strip_mount<'a>(mount: &str, path: &'a str) -> Option<&'a str> {
    if mount == "/" {
        return Some(path);
    }
    path.strip_prefix(mount.trim_end_matches('/'))
        .filter(|rest| rest.starts_with('/'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mounts() {
        assert_eq!(strip_mount("/", "/a/"), Some("/a/"));
        assert_eq!(strip_mount("/rs/", "/rs/a/"), Some("/a/"));
        assert_eq!(strip_mount("/rs/", "/rsx/a/"), None);
    }
}
