//! The command line: one file per subcommand. Each calls the pipeline (or another
//! library entry point) and returns an [`Outcome`]; `main.rs` prints it and picks the
//! exit code. No subcommand holds logic of its own beyond arguments and wording.

mod build;
mod check;
mod edition;
mod host;
mod import;
mod init;
mod new;
mod search;
mod searches;
mod serve;

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::error::{Diagnostics, Result};

#[derive(Debug, Parser)]
#[command(
    name = "guidebook",
    version,
    about = "Compile Markdown guidance into a versioned static intranet site with search"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// Print every diagnostic in full, notes included, instead of grouping repeated
    /// warnings.
    #[arg(long, short, global = true)]
    pub verbose: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into SITE/public (or --out).
    Build(build::BuildArgs),
    /// Run every check (links, contacts, review dates, profiles) without writing output.
    Check(check::CheckArgs),
    /// Cut, list and compare editions: frozen snapshots of content/.
    Edition(edition::EditionArgs),
    /// Create a new site in DIR that builds at once.
    Init(init::InitArgs),
    /// Make a guidebook site from a Jekyll, Hugo or MkDocs site (which is not changed).
    Import(import::ImportArgs),
    /// Serve a built site read-only, with server-side search.
    Host(host::HostArgs),
    /// Write a new page of KIND with the front matter it needs (never overwrites).
    New(new::NewArgs),
    /// Preview the site while you edit it: build, watch, reload the browser.
    Serve(serve::ServeArgs),
    /// Search a built site's index from the terminal.
    Search(search::SearchArgs),
    /// Report what staff searched for on `host`'s results page, and what found nothing.
    Searches(searches::SearchesArgs),
}

/// What a command produced, for `main` to print.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Content problems, printed to stderr rustc-style.
    pub diagnostics: Diagnostics,
    /// A closing line for stderr ("Built 57 pages ...").
    pub summary: Option<String>,
    /// Exit 1 even without error diagnostics (e.g. a build that wrote nothing).
    pub failed: bool,
}

impl Outcome {
    pub fn exit_code(&self) -> u8 {
        if self.failed || self.diagnostics.has_errors() {
            1
        } else {
            0
        }
    }
}

/// Run a parsed command line.
pub fn run(cli: Cli) -> Result<Outcome> {
    match cli.command {
        Command::Build(a) => build::run(a),
        Command::Check(a) => check::run(a),
        Command::Edition(a) => edition::run(a),
        Command::Init(a) => init::run(a),
        Command::Import(a) => import::run(a),
        Command::Host(a) => host::run(a),
        Command::New(a) => new::run(a),
        Command::Serve(a) => serve::run(a),
        Command::Search(a) => search::run(a),
        Command::Searches(a) => searches::run(a),
    }
}

fn default_site() -> PathBuf {
    PathBuf::from(".")
}
