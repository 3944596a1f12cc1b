//! The "What changed" page, `/changes/`, rendered from the theme's `changes.html`.
//!
//! Input: the current site's [`Renderer`] and the [`ChangeLog`]. Output: the page's
//! HTML, or `None` when the site has its own page at `/changes/`. No IO.

use super::changelog::ChangeLog;
use crate::error::Result;
use crate::render::Renderer;

/// The URL path of the page, without the site prefix.
pub const PATH: &str = "changes/";

/// The page's HTML.
pub fn html(renderer: &Renderer<'_>, log: &ChangeLog) -> Result<Option<String>> {
    if renderer.site.pages.iter().any(|p| p.path == PATH) {
        return Ok(None);
    }
    let data = serde_json::to_value(log).unwrap_or_default();
    renderer
        .generated_html(
            "changes.html",
            "What changed",
            "Pages added, changed and removed in each edition of this site, with the notes that explain each change.",
            "changes",
            &data,
        )
        .map(Some)
}
