//! Serving: `host` (a hardened, read-only server of a built site with server-side
//! search) and `serve` (the editors' live preview: build, watch, rebuild only what a
//! change touches, reload open pages, show problems in an overlay).
//!
//! Both share one request handler (`http.rs`) over a site folder (`files.rs`), the same
//! layers (security headers, compression, access log) and the same search endpoints;
//! the preview serves a private copy of the site written by
//! [`crate::pipeline::incremental`] and adds its live-reload endpoints. This module
//! never writes into a site folder or its `public/`, and binds to 127.0.0.1 unless told
//! otherwise.

mod files;
mod host;
mod http;
mod layers;
mod listener;
mod live;
mod log;
mod mime;
mod path;
mod preview;
mod respond;
mod search;
mod search_log;
mod search_page;
mod searches;
mod shutdown;
mod watch;

pub use host::{HostOptions, PER_CLIENT, host, parse_bind};
pub use preview::{ServeOptions, serve};
pub use search_log::DEFAULT_MAX_BYTES as SEARCH_LOG_MAX_BYTES;
