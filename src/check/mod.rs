//! Check: every rule that judges the content, one file per rule family. Each returns
//! diagnostics and never stops early, so one run reports every problem.
//!
//! Input: the config, the site model and what rendering found on each page (links,
//! anchors, cards, headings). Output: [`Diagnostics`]. No IO (but asking whether a
//! static file exists, `site_paths.rs`).
//!
//! Rule codes (stable; documented in the README): broken-link, outside-link, missing-anchor,
//! missing-file, internal-link, external-url, unknown-contact, decision-tree, missing-field,
//! missing-summary, duplicate-url, image-alt, heading-levels, empty-page, unsafe-html, orphan, placeholder,
//! no-owner, review-missing, review-interval, review-overdue, review-due-soon; and,
//! from loading, front-matter, encoding, read, config.

mod contacts;
mod links;
mod orphans;
mod placeholder;
pub mod review;
pub mod rules;
mod site_paths;
mod structure;

use crate::config::Config;
use crate::content::{Date, Site};
use crate::error::Diagnostics;
use crate::render::markdown::Rendered;

/// What the rules need besides the site.
#[derive(Debug, Clone, Copy)]
pub struct CheckOptions {
    /// The date review rules measure against.
    pub today: Date,
}

impl Default for CheckOptions {
    fn default() -> Self {
        CheckOptions {
            today: Date(chrono::Local::now().date_naive()),
        }
    }
}

/// Run every rule with today's date. `rendered[i]` belongs to `site.pages[i]`.
pub fn run(config: &Config, site: &Site, rendered: &[Rendered]) -> Diagnostics {
    run_with(config, site, rendered, &CheckOptions::default())
}

/// Run every rule, at the level the site's `[check]` table sets for it (then softened
/// in a bare folder). `rendered[i]` belongs to `site.pages[i]`.
pub fn run_with(
    config: &Config,
    site: &Site,
    rendered: &[Rendered],
    opts: &CheckOptions,
) -> Diagnostics {
    let mut d = Diagnostics::new();
    d.extend(links::check(config, site, rendered));
    d.extend(contacts::check(site, rendered));
    d.extend(crate::content::decision::check(site));
    d.extend(structure::check(config, site, rendered));
    d.extend(orphans::check(site, rendered));
    d.extend(placeholder::check(site));
    d.extend(review::check(config, site, opts.today));
    d.extend(rendered.iter().flat_map(|r| r.diagnostics.iter().cloned()));
    d.set_levels(|code| config.rule_level(code));
    if config.is_lenient() {
        d.soften();
    }
    d
}
