//! The search page, `search/index.html`, rendered from the theme's `search.html`.
//!
//! It holds [`super::html::MARKER`] where results go: the host server puts them there
//! for `/search/?q=`; on a plain web server search.js fills it from the static export.
//! Skipped when the site has its own page at `/search/`. Writes one file to staging.

use serde::Serialize;

use super::html::MARKER;
use crate::content::{Kind, Site};
use crate::error::Result;
use crate::output::{Staging, page_file};
use crate::render::Renderer;

#[derive(Serialize)]
struct KindOption {
    name: &'static str,
    label: &'static str,
}

/// Render and write the search page of the site published under `base`.
pub fn write(renderer: &Renderer<'_>, site: &Site, staging: &Staging, base: &str) -> Result<()> {
    if site.pages.iter().any(|p| p.path == "search/") {
        return Ok(());
    }
    let root = renderer.config.url_prefix.clone();
    let mut kinds: Vec<Kind> = site
        .pages
        .iter()
        .map(|p| p.kind)
        .filter(|k| !matches!(k, Kind::Home | Kind::Section))
        .collect();
    kinds.sort();
    kinds.dedup();
    let kinds: Vec<KindOption> = kinds
        .into_iter()
        .map(|k| KindOption {
            name: k.name(),
            label: k.label(),
        })
        .collect();
    let mut ctx = tera::Context::new();
    ctx.insert("site", &renderer.view.site_ctx(None));
    ctx.insert(
        "page",
        &serde_json::json!({
            "kind": "search",
            "title": "Search",
            "summary": "",
            "url": format!("{root}search/"),
            "breadcrumbs": [{"title": "Home", "url": root}],
        }),
    );
    ctx.insert(
        "search",
        &serde_json::json!({ "kinds": kinds, "marker": MARKER }),
    );
    let html = renderer.templates.render("search.html", &ctx)?;
    staging.write(&format!("{base}{}", page_file("search/")), html.as_bytes())
}
