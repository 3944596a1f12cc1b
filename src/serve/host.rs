//! `host`: serve a built site read-only until Ctrl-C or SIGTERM.
//!
//! Input: the built site folder and the address to bind. Output: prints the URL, then
//! one access-log line per request on stdout. Opens the site's search indexes as they
//! are built (no indexing at start-up).

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use tokio::net::TcpListener;
use tokio::sync::watch;

use super::files::FsSite;
use super::http;
use super::listener::{ClientAddr, GuardedListener, Limits};
use super::log::AccessLog;
use super::respond::App;
use super::search_log::SearchLog;
use super::searches::Searches;
use super::{layers, shutdown};
use crate::error::{Error, Result};

/// Time allowed to produce a response.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);
/// A connection with no traffic for this long is closed.
pub const IDLE_TIMEOUT: Duration = Duration::from_secs(30);
/// Time allowed to send a request's headers, however steadily they trickle in.
pub const HEADER_TIMEOUT: Duration = Duration::from_secs(10);
/// Open connections allowed from one address unless `--per-client` says otherwise.
pub const PER_CLIENT: usize = 64;

#[derive(Debug, Clone)]
pub struct HostOptions {
    /// The built site (the output of `guidebook build`).
    pub dir: PathBuf,
    pub bind: SocketAddr,
    /// The URL path the site is served under (`/` unless behind a proxy that keeps a
    /// prefix).
    pub mount: String,
    /// Do not write the access log (for tests of other things).
    pub quiet: bool,
    /// Serve a folder without guidebook's marker (not the output of a build).
    pub any_folder: bool,
    /// Open connections allowed from one client address.
    pub per_client: usize,
    /// Append one line per search made on the results page to this file.
    pub search_log: Option<PathBuf>,
    /// The size the search log may reach before it is rotated to FILE.1.
    pub search_log_max_bytes: u64,
}

/// Serve `opts.dir` until asked to stop.
pub fn host(opts: &HostOptions) -> Result<()> {
    if !opts.any_folder && !opts.dir.join(crate::output::MARKER).is_file() {
        return Err(Error::Usage(format!(
            "{} was not written by guidebook build (it has no {} file), so it is not served: a folder of other files could publish what was never meant to be; build the site and host its output, or add --any-folder to serve this folder anyway",
            opts.dir.display(),
            crate::output::MARKER
        )));
    }
    let site = FsSite::open(&opts.dir)?;
    if site.file("index.html").is_none() {
        eprintln!(
            "warning: {} has no index.html; is it the output of `guidebook build`?",
            opts.dir.display()
        );
    }
    let search_log = match &opts.search_log {
        Some(path) => Some(SearchLog::open(path, opts.search_log_max_bytes)?),
        None => None,
    };
    let app = Arc::new(App {
        searches: Searches::default(),
        search_log,
        site,
        mount: normalise_mount(&opts.mount),
        live: None,
    });
    let rt = runtime()?;
    rt.block_on(run(app, opts))
}

async fn run(app: Arc<App>, opts: &HostOptions) -> Result<()> {
    let listener = bind(opts.bind).await?;
    let addr = listener
        .local_addr()
        .map_err(|e| Error::Other(format!("cannot read the bound address: {e}")))?;
    let (log, writer) = AccessLog::start(opts.quiet);
    let router = Router::new().fallback(http::handle).with_state(app.clone());
    let router = layers::wrap(router, log, Some(REQUEST_TIMEOUT));
    let (tx, rx) = watch::channel(false);
    tokio::spawn(shutdown::install(tx));
    println!(
        "Hosting {} at http://{addr}{}",
        app.site.root().display(),
        app.mount
    );
    println!("Press Ctrl-C to stop.");
    let warm = app.clone();
    tokio::spawn(async move { super::search::warm(warm).await });
    let limits = Limits {
        idle: Some(IDLE_TIMEOUT),
        headers: Some(HEADER_TIMEOUT),
        per_client: Some(opts.per_client.max(1)),
    };
    let listener = GuardedListener::new(listener, limits);
    let served = axum::serve(
        listener,
        router.into_make_service_with_connect_info::<ClientAddr>(),
    )
    .with_graceful_shutdown(shutdown::requested(rx))
    .await;
    writer.finish();
    if let Some(l) = &app.search_log {
        l.finish();
    }
    served.map_err(|e| Error::Other(format!("the server stopped: {e}")))
}

/// Bind a TCP listener, saying which address failed.
pub async fn bind(addr: SocketAddr) -> Result<TcpListener> {
    TcpListener::bind(addr)
        .await
        .map_err(|e| Error::Usage(format!("cannot listen on {addr}: {e}")))
}

/// A tokio runtime for a server.
pub fn runtime() -> Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| Error::Other(format!("cannot start the server runtime: {e}")))
}

/// `rs`, `/rs`, `/rs/` → `/rs/`; empty → `/`.
pub fn normalise_mount(m: &str) -> String {
    let t = m.trim().trim_matches('/');
    if t.is_empty() {
        "/".into()
    } else {
        format!("/{t}/")
    }
}

/// Parse `--bind`: `IP:PORT`, or an IP alone (then `default_port`), or `localhost`.
pub fn parse_bind(s: &str, default_port: u16) -> std::result::Result<SocketAddr, String> {
    let s = s.trim();
    if let Ok(a) = s.parse::<SocketAddr>() {
        return Ok(a);
    }
    if let Ok(ip) = s.trim_matches(['[', ']']).parse::<std::net::IpAddr>() {
        return Ok(SocketAddr::new(ip, default_port));
    }
    let (host, port) = match s.rsplit_once(':') {
        Some((h, p)) => (
            h,
            p.parse::<u16>().map_err(|_| format!("bad port in `{s}`"))?,
        ),
        None => (s, default_port),
    };
    if host.eq_ignore_ascii_case("localhost") {
        return Ok(SocketAddr::from(([127, 0, 0, 1], port)));
    }
    Err(format!(
        "`{s}` is not an address to listen on; give an IP address and port such as 127.0.0.1:8080"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bind_forms() {
        assert_eq!(parse_bind("127.0.0.1:0", 8080).unwrap().port(), 0);
        assert_eq!(parse_bind("127.0.0.1", 8080).unwrap().port(), 8080);
        assert_eq!(
            parse_bind("localhost:9000", 1).unwrap().to_string(),
            "127.0.0.1:9000"
        );
        assert_eq!(parse_bind("[::1]:80", 1).unwrap().to_string(), "[::1]:80");
        assert!(parse_bind("example.org:80", 1).is_err());
        assert_eq!(normalise_mount(""), "/");
        assert_eq!(normalise_mount("rs"), "/rs/");
    }
}
