//! guidebook compiles a folder of Markdown guidance into a static intranet site.
//!
//! The pipeline, sequenced only in [`pipeline`]: [`config`] reads `guidebook.toml`;
//! [`content`] reads every page into a plain site model; [`render`] turns pages into
//! HTML through Markdown and templates; [`check`] reports content problems as
//! diagnostics; [`output`] writes the site to a temporary folder and swaps it in only
//! when the whole build succeeded. [`cli`] parses nothing itself: `main.rs` hands it
//! arguments and prints what comes back, through [`report`].

pub mod check;
pub mod cli;
pub mod config;
pub mod content;
pub mod editions;
pub mod error;
pub mod import;
pub mod output;
pub mod pipeline;
pub mod render;
pub mod report;
pub mod search;
pub mod serve;
pub mod util;
