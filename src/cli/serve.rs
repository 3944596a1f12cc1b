//! `guidebook serve [SITE] [--port N] [--bind ADDR] [--open] [--drafts]`: a live
//! preview for editors, until Ctrl-C.

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;

use clap::Args;

use super::Outcome;
use crate::error::{Error, Result};
use crate::serve::{self, ServeOptions};

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The site folder (holding guidebook.toml and content/, or just Markdown files).
    #[arg(default_value_os_t = super::default_site())]
    pub site: PathBuf,
    /// Port to listen on (default: any free port).
    #[arg(long)]
    pub port: Option<u16>,
    /// Address to listen on: an IP, or IP:PORT (default: 127.0.0.1, this machine only).
    #[arg(long)]
    pub bind: Option<String>,
    /// Open the preview in the default browser.
    #[arg(long)]
    pub open: bool,
    /// Include pages marked `draft = true`.
    #[arg(long)]
    pub drafts: bool,
}

pub fn run(a: ServeArgs) -> Result<Outcome> {
    let bind = address(a.bind.as_deref(), a.port)?;
    serve::serve(&ServeOptions {
        site: a.site,
        bind,
        open: a.open,
        drafts: a.drafts,
    })?;
    Ok(Outcome {
        summary: Some("Stopped.".into()),
        ..Outcome::default()
    })
}

/// `--bind` and `--port` together: `--port` wins over a port in `--bind`.
fn address(bind: Option<&str>, port: Option<u16>) -> Result<SocketAddr> {
    let mut addr = match bind {
        Some(b) => serve::parse_bind(b, 0).map_err(Error::Usage)?,
        None => SocketAddr::new(IpAddr::from([127, 0, 0, 1]), 0),
    };
    if let Some(p) = port {
        addr.set_port(p);
    }
    Ok(addr)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_and_any_free_port_by_default() {
        assert_eq!(address(None, None).unwrap().to_string(), "127.0.0.1:0");
        assert_eq!(
            address(None, Some(4000)).unwrap().to_string(),
            "127.0.0.1:4000"
        );
        assert_eq!(
            address(Some("127.0.0.1:5000"), Some(4000))
                .unwrap()
                .to_string(),
            "127.0.0.1:4000"
        );
        assert_eq!(
            address(Some("0.0.0.0"), None).unwrap().to_string(),
            "0.0.0.0:0"
        );
    }
}
