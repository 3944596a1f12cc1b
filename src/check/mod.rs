//! Check: every rule that judges the content, one file per rule family. Each returns
//! diagnostics and never stops early, so one run reports every problem.
//!
//! Input: the config, the site model and what rendering found on each page (links,
//! anchors, cards). Output: [`Diagnostics`]. No IO.

mod contacts;
mod links;

use crate::config::Config;
use crate::content::Site;
use crate::error::Diagnostics;
use crate::render::markdown::Rendered;

/// Run every rule. `rendered[i]` belongs to `site.pages[i]`.
pub fn run(config: &Config, site: &Site, rendered: &[Rendered]) -> Diagnostics {
    let mut d = Diagnostics::new();
    d.extend(links::check(config, site, rendered));
    d.extend(contacts::check(site, rendered));
    d
}
