//! The layers around every response of both servers: the access log, security
//! headers (the list in `output::headers`, which the build also writes to
//! `_headers`), gzip and brotli compression (with entity tags that differ per
//! encoding), and an optional request timeout.
//!
//! Input: a [`Router`]. Output: the same router, wrapped. No IO but the log.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::HttpBody;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderName, HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::Response;
use tower_http::CompressionLevel;
use tower_http::compression::CompressionLayer;
use tower_http::compression::predicate::{DefaultPredicate, NotForContentType, Predicate};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;

use super::listener::ClientAddr;
use super::log::{AccessLog, Logged};
use crate::output::headers::SECURITY_HEADERS;

/// Wrap `router` in the shared layers. `timeout` bounds the time to produce a
/// response (not the time to stream it).
pub fn wrap(router: Router, log: AccessLog, timeout: Option<Duration>) -> Router {
    let router = match timeout {
        Some(t) => router.layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            t,
        )),
        None => router,
    };
    let router = router
        .layer(
            CompressionLayer::new()
                .gzip(true)
                .br(true)
                .quality(CompressionLevel::Precise(5))
                .compress_when(not_packed()),
        )
        .layer(middleware::map_response(tag_encoding));
    let router = SECURITY_HEADERS
        .iter()
        .fold(router, |r, (name, value)| r.layer(always(name, value)));
    if log.is_quiet() {
        router
    } else {
        router.layer(middleware::from_fn_with_state(log, access_log))
    }
}

/// A header set on every response, whatever the handler set.
fn always(name: &str, value: &'static str) -> SetResponseHeaderLayer<HeaderValue> {
    let name = HeaderName::from_bytes(name.as_bytes()).expect("a valid header name");
    SetResponseHeaderLayer::overriding(name, HeaderValue::from_static(value))
}

/// What to compress: tower-http's default choice, less files stored gzip-compressed
/// (the static search's shards), which would only grow.
fn not_packed() -> impl Predicate {
    DefaultPredicate::new().and(NotForContentType::const_new("application/gzip"))
}

/// A compressed body is a different representation: give it its own entity tag.
async fn tag_encoding(mut r: Response) -> Response {
    let enc = r
        .headers()
        .get(header::CONTENT_ENCODING)
        .and_then(|v| v.to_str().ok())
        .map(|v| match v {
            "br" => "br",
            _ => "gzip",
        });
    if let Some(enc) = enc
        && let Some(tag) = r.headers().get(header::ETAG).and_then(|v| v.to_str().ok())
        && let Some(open) = tag.strip_suffix('"')
        && let Ok(v) = HeaderValue::from_str(&format!("{open}-{enc}\""))
    {
        r.headers_mut().insert(header::ETAG, v);
    }
    r
}

async fn access_log(State(log): State<AccessLog>, req: Request, next: Next) -> Response {
    let start = Instant::now();
    let client: Option<SocketAddr> = req
        .extensions()
        .get::<ConnectInfo<ClientAddr>>()
        .map(|c| c.0.0);
    let method = req.method().to_string();
    let target = req
        .uri()
        .path_and_query()
        .map(|p| p.as_str().to_string())
        .unwrap_or_else(|| "/".into());
    let version = format!("{:?}", req.version());
    let r = next.run(req).await;
    log.request(&Logged {
        client,
        method: &method,
        target: &target,
        version: &version,
        status: r.status().as_u16(),
        bytes: r.body().size_hint().exact(),
        elapsed: start.elapsed(),
    });
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_security_header_is_a_valid_header() {
        for (name, value) in SECURITY_HEADERS {
            assert!(HeaderName::from_bytes(name.as_bytes()).is_ok(), "{name}");
            assert!(HeaderValue::from_str(value).is_ok(), "{value}");
        }
    }
}
