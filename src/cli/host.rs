//! `guidebook host DIR [--bind ADDR] [--mount PATH] [--quiet] [--any-folder]
//! [--per-client N] [--search-log FILE]`: serve a built site read-only, with
//! server-side search (and, with `--search-log`, a log of searches), until Ctrl-C or
//! SIGTERM.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::Args;

use super::Outcome;
use crate::error::Result;
use crate::serve::{self, HostOptions};

#[derive(Debug, Args)]
pub struct HostArgs {
    /// The built site (the output of `guidebook build`, e.g. public/).
    pub dir: PathBuf,
    /// Address to listen on: IP:PORT, or an IP alone for port 8080. 127.0.0.1 keeps it
    /// on this machine; use 0.0.0.0 only behind a firewall or proxy.
    #[arg(long, default_value = "127.0.0.1:8080", value_parser = bind_8080)]
    pub bind: SocketAddr,
    /// The URL path the site is served under, for a proxy that keeps a prefix.
    #[arg(long, default_value = "/")]
    pub mount: String,
    /// Do not print the access log.
    #[arg(long)]
    pub quiet: bool,
    /// Serve DIR even though guidebook did not build it (it has no .guidebook-output).
    #[arg(long)]
    pub any_folder: bool,
    /// Open connections allowed from one client address; raise it behind a reverse
    /// proxy, where every request comes from the proxy's address.
    #[arg(long, default_value_t = serve::PER_CLIENT as u32, value_parser = clap::value_parser!(u32).range(1..=1024))]
    pub per_client: u32,
    /// Append one line per search made on the results page (/search/?q=; searches as
    /// you type are not logged) to FILE: the hour, the query, how many pages matched,
    /// the page and the edition, nothing about who searched. Renamed FILE.1 at 10 MiB.
    /// `guidebook searches FILE` reports on it.
    #[arg(long, value_name = "FILE")]
    pub search_log: Option<PathBuf>,
    /// The size the search log may reach before it is renamed FILE.1 (for tests).
    #[arg(long, hide = true, default_value_t = serve::SEARCH_LOG_MAX_BYTES, value_parser = clap::value_parser!(u64).range(1..))]
    pub search_log_max_bytes: u64,
}

fn bind_8080(s: &str) -> std::result::Result<SocketAddr, String> {
    serve::parse_bind(s, 8080)
}

pub fn run(a: HostArgs) -> Result<Outcome> {
    serve::host(&HostOptions {
        dir: a.dir,
        bind: a.bind,
        mount: a.mount,
        quiet: a.quiet,
        any_folder: a.any_folder,
        per_client: a.per_client as usize,
        search_log: a.search_log,
        search_log_max_bytes: a.search_log_max_bytes,
    })?;
    Ok(Outcome {
        summary: Some("Stopped.".into()),
        ..Outcome::default()
    })
}
