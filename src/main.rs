//! The `guidebook` binary: parse arguments, run the command, print what it produced,
//! exit 0 (fine), 1 (content errors) or 2 (usage, configuration or IO failure).

use std::error::Error as _;
use std::process::ExitCode;

use clap::Parser;
use guidebook::cli::{self, Cli};
use guidebook::report::{self, Detail};

fn main() -> ExitCode {
    let parsed = Cli::parse();
    let detail = if parsed.verbose {
        Detail::Full
    } else {
        Detail::Grouped
    };
    match cli::run(parsed) {
        Ok(outcome) => {
            eprint!("{}", report::text(&outcome.diagnostics, detail));
            if let Some(s) = &outcome.summary {
                eprintln!("{s}");
            }
            ExitCode::from(outcome.exit_code())
        }
        Err(e) => {
            let (e, trailer) = e.with_trailer();
            match &e {
                guidebook::error::Error::Config(d) => eprintln!("{}", d.render()),
                _ => {
                    eprintln!("error: {e}");
                    let mut source = e.source();
                    while let Some(s) = source {
                        eprintln!("  caused by: {s}");
                        source = s.source();
                    }
                }
            }
            if let Some(t) = trailer {
                eprintln!("{t}");
            }
            ExitCode::from(2)
        }
    }
}
