//! Live reload for the preview: the script every preview page loads (external, so
//! the Content-Security-Policy holds), and the Server-Sent Events stream that tells
//! each open page to reload (when it changed) or to show or clear the problems
//! overlay.
//!
//! Input: updates from the incremental engine ([`LiveHub::reload`],
//! [`LiveHub::problems`]). Output: `/__guidebook/live.js`, `/__guidebook/live.css` and
//! the stream `/__guidebook/events?gen=N&path=/page/`. Holds no site content.

use std::collections::HashMap;
use std::convert::Infallible;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::{Query, State};
use axum::http::header;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use futures_util::stream::{self, Stream};
use serde::{Deserialize, Serialize};
use tokio::sync::{broadcast, watch};

use super::respond::Live;

pub const SCRIPT: &str = include_str!("live.js");
pub const STYLE: &str = include_str!("live.css");
/// Where the preview's own endpoints live (a name no built site uses).
pub const BASE: &str = "/__guidebook/";

/// A message to open pages.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum Message {
    /// These URL paths changed (or all of them).
    Reload {
        #[serde(rename = "gen")]
        generation: u64,
        paths: Vec<String>,
        all: bool,
        /// With `all`: pages that show the change already (they went first).
        #[serde(skip_serializing_if = "Vec::is_empty")]
        done: Vec<String>,
    },
    /// The current errors, as the terminal shows them; empty when there are none.
    Problems { text: String, errors: usize },
}

#[derive(Default)]
struct Seen {
    generation: u64,
    /// URL path → generation it last changed in.
    changed: HashMap<String, u64>,
    /// Generation of the last change to every page.
    all: u64,
    problems: (String, usize),
}

/// The live-reload state shared by the engine and the event streams.
pub struct LiveHub {
    seen: Mutex<Seen>,
    /// URL path → how many event streams are open on it.
    open: Mutex<HashMap<String, usize>>,
    tx: broadcast::Sender<Message>,
    stop: watch::Receiver<bool>,
}

impl LiveHub {
    pub fn new(stop: watch::Receiver<bool>) -> LiveHub {
        LiveHub {
            seen: Mutex::new(Seen::default()),
            open: Mutex::new(HashMap::new()),
            tx: broadcast::channel(64).0,
            stop,
        }
    }

    /// The URL paths of the pages open now, sorted.
    pub fn open_paths(&self) -> Vec<String> {
        let mut paths: Vec<String> = match self.open.lock() {
            Ok(open) => open.keys().cloned().collect(),
            Err(_) => Vec::new(),
        };
        paths.sort();
        paths
    }

    /// Pages at `paths` (or all pages, less those `done`) changed: tell the open ones
    /// to reload.
    pub fn reload(&self, paths: &[String], all: bool, done: &[String]) {
        let generation = match self.seen.lock() {
            Ok(mut s) => {
                s.generation += 1;
                let g = s.generation;
                for p in paths {
                    s.changed.insert(p.clone(), g);
                }
                if all {
                    s.all = g;
                }
                g
            }
            Err(_) => return,
        };
        let _ = self.tx.send(Message::Reload {
            generation,
            paths: paths.to_vec(),
            all,
            done: done.to_vec(),
        });
    }

    /// The errors now (empty text when none): open pages show or hide the overlay.
    pub fn problems(&self, text: &str, errors: usize) {
        if let Ok(mut s) = self.seen.lock() {
            if s.problems.0 == text {
                return;
            }
            s.problems = (text.to_string(), errors);
        }
        let _ = self.tx.send(Message::Problems {
            text: text.to_string(),
            errors,
        });
    }

    fn generation(&self) -> u64 {
        self.seen.lock().map(|s| s.generation).unwrap_or(0)
    }

    /// What a page that was served at generation `gen` must hear on connecting.
    fn catch_up(&self, since: u64, path: &str) -> Vec<Message> {
        let Ok(s) = self.seen.lock() else {
            return Vec::new();
        };
        let mut out = vec![Message::Problems {
            text: s.problems.0.clone(),
            errors: s.problems.1,
        }];
        let stale = s.all > since || s.changed.get(path).is_some_and(|g| *g > since);
        if stale {
            out.push(Message::Reload {
                generation: s.generation,
                paths: vec![path.to_string()],
                all: false,
                done: Vec::new(),
            });
        }
        out
    }
}

impl Live for LiveHub {
    fn head_tag(&self) -> String {
        format!(
            "<link rel=\"stylesheet\" href=\"{BASE}live.css\">\
             <script src=\"{BASE}live.js\" data-gen=\"{}\" defer></script>",
            self.generation()
        )
    }
}

#[derive(Debug, Deserialize)]
pub struct Connect {
    #[serde(default, rename = "gen")]
    generation: u64,
    #[serde(default)]
    path: String,
}

/// `GET /__guidebook/events`: the stream of [`Message`]s for one open page.
pub async fn events(
    State(hub): State<Arc<LiveHub>>,
    Query(c): Query<Connect>,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let first = hub.catch_up(c.generation, &c.path);
    let rx = hub.tx.subscribe();
    let stop = hub.stop.clone();
    let open = Open::new(&hub, c.path);
    let stream = stream::unfold(
        (first.into_iter(), rx, stop, open),
        |(mut first, mut rx, mut stop, open)| async move {
            if let Some(m) = first.next() {
                return Some((Ok(event(&m)), (first, rx, stop, open)));
            }
            let m = tokio::select! {
                m = rx.recv() => match m {
                    Ok(m) => m,
                    // Too far behind to know what changed: reload to be safe.
                    Err(broadcast::error::RecvError::Lagged(_)) => Message::Reload {
                        generation: 0,
                        paths: Vec::new(),
                        all: true,
                        done: Vec::new(),
                    },
                    Err(broadcast::error::RecvError::Closed) => return None,
                },
                _ = stop.wait_for(|s| *s) => return None,
            };
            Some((Ok(event(&m)), (first, rx, stop, open)))
        },
    );
    Sse::new(stream).keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
}

/// One open page, counted in [`LiveHub::open_paths`] while its stream lives.
struct Open {
    hub: Arc<LiveHub>,
    path: String,
}

impl Open {
    fn new(hub: &Arc<LiveHub>, path: String) -> Open {
        if let Ok(mut open) = hub.open.lock() {
            *open.entry(path.clone()).or_default() += 1;
        }
        Open {
            hub: Arc::clone(hub),
            path,
        }
    }
}

impl Drop for Open {
    fn drop(&mut self) {
        let Ok(mut open) = self.hub.open.lock() else {
            return;
        };
        if let Some(n) = open.get_mut(&self.path) {
            *n -= 1;
            if *n == 0 {
                open.remove(&self.path);
            }
        }
    }
}

fn event(m: &Message) -> Event {
    let name = match m {
        Message::Reload { .. } => "reload",
        Message::Problems { .. } => "problems",
    };
    Event::default()
        .event(name)
        .data(serde_json::to_string(m).unwrap_or_default())
}

/// `GET /__guidebook/live.js`
pub async fn script() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        SCRIPT,
    )
        .into_response()
}

/// `GET /__guidebook/live.css`
pub async fn style() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        STYLE,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_late_page_catches_up() {
        let (_tx, rx) = watch::channel(false);
        let hub = LiveHub::new(rx);
        assert!(hub.head_tag().contains("data-gen=\"0\""));
        hub.reload(&["/a/".to_string()], false, &[]);
        hub.problems("error[x]: y\n", 1);
        let m = hub.catch_up(0, "/a/");
        assert_eq!(m.len(), 2);
        assert!(matches!(&m[0], Message::Problems { text, errors: 1 } if text == "error[x]: y\n"));
        assert!(matches!(&m[1], Message::Reload { paths, .. } if paths == &["/a/"]));
        assert_eq!(hub.catch_up(0, "/b/").len(), 1);
        assert_eq!(hub.catch_up(1, "/a/").len(), 1);
        let json = serde_json::to_string(&m[1]).unwrap();
        assert_eq!(
            json,
            r#"{"type":"reload","gen":1,"paths":["/a/"],"all":false}"#
        );
    }

    #[test]
    fn open_pages_are_counted_while_their_streams_live() {
        let (_tx, rx) = watch::channel(false);
        let hub = Arc::new(LiveHub::new(rx));
        let a = Open::new(&hub, "/a/".into());
        let a2 = Open::new(&hub, "/a/".into());
        let b = Open::new(&hub, "/b/".into());
        assert_eq!(hub.open_paths(), ["/a/", "/b/"]);
        drop((a, b));
        assert_eq!(hub.open_paths(), ["/a/"]);
        drop(a2);
        assert!(hub.open_paths().is_empty());
        let mut sent = hub.tx.subscribe();
        hub.reload(&[], true, &["/a/".to_string()]);
        let json = serde_json::to_string(&sent.try_recv().unwrap()).unwrap();
        assert_eq!(
            json,
            r#"{"type":"reload","gen":1,"paths":[],"all":true,"done":["/a/"]}"#
        );
    }
}
