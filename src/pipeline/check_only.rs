//! `check`: the build's stages up to the rules, writing nothing.
//!
//! config → content (load) → templates (compiled, so template errors show) → Markdown
//! (in parallel) → every rule → the review data behind the dashboard.

use std::path::PathBuf;

use rayon::prelude::*;

use crate::check::{self, CheckOptions, review::ReviewItem};
use crate::config::Config;
use crate::content::{self, Date, LoadOptions};
use crate::error::{Diagnostics, Result};
use crate::output;
use crate::render::{Renderer, Templates};

#[derive(Debug, Clone, Default)]
pub struct CheckRunOptions {
    pub site: PathBuf,
    pub strict: bool,
    pub today: Option<Date>,
    pub profile: Option<String>,
    pub drafts: bool,
}

#[derive(Debug)]
pub struct CheckReport {
    pub diagnostics: Diagnostics,
    pub review: Vec<ReviewItem>,
    pub pages: usize,
}

pub fn check(opts: &CheckRunOptions) -> Result<CheckReport> {
    let config = Config::load(&opts.site)?.with_profile(opts.profile.as_deref())?;
    let load_opts = LoadOptions {
        drafts: opts.drafts,
        skip: vec![config.root.join("public")],
    };
    let (site, mut diags) = content::load(&config, &load_opts)?;
    let templates = Templates::load(&config)?;
    let theme = output::theme_assets(&config)?;
    let renderer = Renderer::new(&config, &site, &templates, theme.urls)?;
    let rendered: Vec<_> = (0..site.pages.len())
        .into_par_iter()
        .map(|i| renderer.markdown(i))
        .collect();
    let check_opts = CheckOptions {
        today: opts.today.unwrap_or_else(|| CheckOptions::default().today),
    };
    diags.extend(check::run_with(&config, &site, &rendered, &check_opts));
    diags.extend(crate::editions::manifest::verify(&config));
    if opts.strict {
        diags.make_strict();
    }
    diags.sort();
    Ok(CheckReport {
        review: check::review::items(&config, &site, check_opts.today),
        pages: site.pages.len(),
        diagnostics: diags,
    })
}
