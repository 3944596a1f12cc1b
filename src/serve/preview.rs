//! `serve`: build the site into a private folder, serve it on 127.0.0.1 with live
//! reload, watch the site, and apply each batch of changes incrementally. Problems
//! are printed in the terminal and shown, in the same words, in an overlay on every
//! open page, while the last good pages keep being served.
//!
//! Input: the site folder and where to listen. Output: the URL on stdout, one line per
//! rebuild and every problem on stderr. Writes only its private folder in the system's
//! temporary folder, removed on exit; never the site's content or `public/`.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, mpsc};
use std::time::{Duration, Instant};

use axum::Router;
use axum::routing::get;
use tokio::sync::watch;

use super::files::FsSite;
use super::http;
use super::listener::{ClientAddr, GuardedListener, Limits};
use super::live::{self, LiveHub};
use super::log::AccessLog;
use super::respond::App;
use super::searches::Searches;
use super::watch::{Batch, Watcher};
use super::{host, layers, shutdown};
use crate::error::{Error, Result};
use crate::pipeline::incremental::{Preview, PreviewOptions, Update};

#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub site: PathBuf,
    pub bind: SocketAddr,
    /// Open the preview in the default browser.
    pub open: bool,
    pub drafts: bool,
}

/// Serve a live preview of `opts.site` until Ctrl-C or SIGTERM.
pub fn serve(opts: &ServeOptions) -> Result<()> {
    let work = work_dir();
    let result = run(opts, &work);
    let _ = std::fs::remove_dir_all(&work);
    result
}

/// A new private folder for this run.
fn work_dir() -> PathBuf {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    std::env::temp_dir().join(format!("guidebook-serve-{}-{nanos:x}", std::process::id()))
}

fn run(opts: &ServeOptions, work: &Path) -> Result<()> {
    let popts = PreviewOptions {
        site: opts.site.clone(),
        work: work.to_path_buf(),
        drafts: opts.drafts,
    };
    let (engine, first) = Preview::start(&popts)?;
    let (stop_tx, stop_rx) = watch::channel(false);
    let hub = Arc::new(LiveHub::new(stop_rx.clone()));
    let mut reporter = Reporter::default();
    reporter.report(&engine, &first, &hub);
    let app = Arc::new(App {
        site: FsSite::open(engine.site_dir())?,
        mount: engine.config().url_prefix.clone(),
        searches: Searches::default(),
        search_log: None,
        live: Some(hub.clone()),
    });
    let (tx, rx) = mpsc::channel::<Batch>();
    let mut watcher = Watcher::start(tx.clone())?;
    watcher.watch(&engine.watch_roots())?;
    let loop_hub = hub.clone();
    let engine_thread = std::thread::Builder::new()
        .name("guidebook preview".into())
        .spawn(move || engine_loop(engine, watcher, rx, loop_hub, reporter))
        .map_err(|e| Error::Other(format!("cannot start the preview: {e}")))?;
    let rt = host::runtime()?;
    let served = rt.block_on(listen(app, hub, opts, stop_tx, stop_rx));
    let _ = tx.send(Batch::Stop);
    let _ = engine_thread.join();
    served
}

async fn listen(
    app: Arc<App>,
    hub: Arc<LiveHub>,
    opts: &ServeOptions,
    stop_tx: watch::Sender<bool>,
    stop_rx: watch::Receiver<bool>,
) -> Result<()> {
    let listener = host::bind(opts.bind).await?;
    let addr = listener
        .local_addr()
        .map_err(|e| Error::Other(format!("cannot read the bound address: {e}")))?;
    let (log, writer) = AccessLog::start(true);
    let events = Router::new()
        .route("/__guidebook/events", get(live::events))
        .with_state(hub);
    let router = Router::new()
        .route("/__guidebook/live.js", get(live::script))
        .route("/__guidebook/live.css", get(live::style))
        .fallback(http::handle)
        .with_state(app.clone())
        .merge(events);
    let router = layers::wrap(router, log, None);
    tokio::spawn(shutdown::install(stop_tx));
    let url = format!("http://{addr}{}", app.mount);
    if !addr.ip().is_loopback() {
        eprintln!(
            "warning: the preview listens on {addr}, so anyone who can reach this machine can read every page of the site, internal ones too, with no password; use --bind 127.0.0.1 to keep it on this machine"
        );
    }
    println!("Serving a live preview of {} at {url}", opts.site.display());
    println!("Press Ctrl-C to stop.");
    if opts.open {
        open_browser(&url);
    }
    let served = axum::serve(
        GuardedListener::new(listener, Limits::default()),
        router.into_make_service_with_connect_info::<ClientAddr>(),
    )
    .with_graceful_shutdown(shutdown::requested(stop_rx))
    .await;
    writer.finish();
    served.map_err(|e| Error::Other(format!("the server stopped: {e}")))
}

/// Apply batches of changes until told to stop; between batches, background work.
fn engine_loop(
    mut engine: Preview,
    mut watcher: Watcher,
    rx: mpsc::Receiver<Batch>,
    hub: Arc<LiveHub>,
    mut reporter: Reporter,
) {
    loop {
        let wait = engine
            .deadline()
            .map(|d| d.saturating_duration_since(Instant::now()))
            .unwrap_or(Duration::from_secs(3600));
        let batch = match rx.recv_timeout(wait) {
            Ok(b) => b,
            Err(mpsc::RecvTimeoutError::Timeout) => {
                if let Some(u) = engine.tick() {
                    reporter.report(&engine, &u, &hub);
                }
                continue;
            }
            Err(mpsc::RecvTimeoutError::Disconnected) => break,
        };
        let paths = match batch {
            Batch::Stop => break,
            Batch::Rescan => vec![engine.config().root.join(crate::config::CONFIG_FILE)],
            Batch::Paths(mut p) => {
                while let Ok(Batch::Paths(more)) = rx.try_recv() {
                    p.extend(more);
                }
                p
            }
        };
        engine.set_open(hub.open_paths());
        let mut u = engine.apply(&paths);
        // Folders that appeared (a new templates/): watch them, then read them as
        // they are now, in case files arrived before the watch did.
        match watcher.watch(&engine.watch_roots()) {
            Ok(added) if !added.is_empty() => {
                let again = engine.apply(&added);
                u.changed.extend(again.changed);
                u.rendered += again.rendered;
                u.everything |= again.everything;
            }
            Ok(_) => {}
            Err(e) => eprintln!("warning: {e}"),
        }
        if !u.what.is_empty() {
            reporter.report(&engine, &u, &hub);
        }
    }
    engine.finish();
}

/// Tells the terminal and the open pages what each update did.
struct Reporter {
    last_problems: String,
    /// Print the time of each step (`GUIDEBOOK_SERVE_STEPS=1`, for benchmarks).
    steps: bool,
}

impl Default for Reporter {
    fn default() -> Reporter {
        Reporter {
            last_problems: String::new(),
            steps: std::env::var_os("GUIDEBOOK_SERVE_STEPS").is_some(),
        }
    }
}

impl Reporter {
    fn report(&mut self, engine: &Preview, u: &Update, hub: &LiveHub) {
        if u.what != "start" && (!u.changed.is_empty() || u.everything) {
            hub.reload(&u.changed, u.everything, &u.done);
        }
        let problems = engine.problems();
        let text = problems.text();
        if text != self.last_problems {
            if text.is_empty() {
                eprintln!("No problems now.");
            } else {
                eprint!("{text}");
            }
            self.last_problems = text;
        }
        hub.problems(&problems.error_text(), problems.errors());
        let background = ["search index", "checks", "site-wide files"].contains(&u.what.as_str());
        if background && u.changed.is_empty() && !self.steps {
            return;
        }
        if u.what == "search index" {
            let ms = u.elapsed.as_secs_f64() * 1000.0;
            eprintln!("Search index updated ({ms:.0} ms)");
            return;
        }
        let errors = match problems.errors() {
            0 => String::new(),
            n => format!(", {}", count(n, "error", "errors")),
        };
        eprintln!(
            "{}: {} rendered, {}{errors} ({:.0} ms)",
            if u.what == "start" { "Built" } else { &u.what },
            count(u.rendered, "page", "pages"),
            count(u.changed.len(), "file changed", "files changed"),
            u.elapsed.as_secs_f64() * 1000.0
        );
        if self.steps && !u.steps.is_empty() {
            eprintln!("  steps: {}", u.steps);
        }
    }
}

fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Open `url` in the desktop's browser; a failure is only reported.
fn open_browser(url: &str) {
    let cmd: (&str, Vec<&str>) = if cfg!(target_os = "macos") {
        ("open", vec![url])
    } else if cfg!(windows) {
        ("cmd", vec!["/C", "start", "", url])
    } else {
        ("xdg-open", vec![url])
    };
    if std::process::Command::new(cmd.0)
        .args(&cmd.1)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .is_err()
    {
        eprintln!("warning: could not open a browser; open {url} yourself");
    }
}
