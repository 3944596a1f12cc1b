//! Theme assets: the default theme's CSS and JS (built in), overridden by the site's
//! theme folder, fingerprinted so browsers can cache them forever. `search.js` is not
//! linked from pages: guidebook.js loads it when a search box is used, through the
//! name [`SEARCH_JS_PLACEHOLDER`], replaced here by its fingerprinted URL.

use std::path::Path;

use crate::config::Config;
use crate::error::{Error, Result};
use crate::render::context::AssetUrls;

const CSS: &str = include_str!("../../themes/default/static/style.css");
const JS: &str = include_str!("../../themes/default/static/guidebook.js");
const SEARCH_JS: &str = include_str!("../../themes/default/static/search.js");

/// The text in guidebook.js that becomes the URL of search.js.
pub const SEARCH_JS_PLACEHOLDER: &str = "__GUIDEBOOK_SEARCH_JS__";

/// The theme's stylesheet and script, with their fingerprinted output paths.
#[derive(Clone)]
pub struct ThemeAssets {
    /// (output path, bytes)
    pub files: Vec<(String, Vec<u8>)>,
    pub urls: AssetUrls,
}

pub fn theme_assets(config: &Config) -> Result<ThemeAssets> {
    let static_dir = config.theme_dir.join("static");
    let css = read_or(&static_dir.join("style.css"), CSS)?;
    let js = read_or(&static_dir.join("guidebook.js"), JS)?;
    let search_js = read_or(&static_dir.join("search.js"), SEARCH_JS)?;
    let search_path = fingerprinted("assets/search", "js", &search_js);
    let js = link_search(js, &format!("{}{}", config.url_prefix, search_path));
    let css_path = fingerprinted("assets/style", "css", &css);
    let js_path = fingerprinted("assets/guidebook", "js", &js);
    Ok(ThemeAssets {
        urls: AssetUrls {
            css: format!("{}{}", config.url_prefix, css_path),
            js: format!("{}{}", config.url_prefix, js_path),
        },
        files: vec![(css_path, css), (js_path, js), (search_path, search_js)],
    })
}

/// guidebook.js with the placeholder replaced by search.js's URL.
fn link_search(js: Vec<u8>, url: &str) -> Vec<u8> {
    match String::from_utf8(js) {
        Ok(text) => text.replace(SEARCH_JS_PLACEHOLDER, url).into_bytes(),
        Err(e) => e.into_bytes(),
    }
}

fn read_or(path: &Path, built_in: &str) -> Result<Vec<u8>> {
    if path.is_file() {
        std::fs::read(path).map_err(|e| Error::read(path, e))
    } else {
        Ok(built_in.as_bytes().to_vec())
    }
}

fn fingerprinted(stem: &str, ext: &str, bytes: &[u8]) -> String {
    let hash = blake3::hash(bytes).to_hex();
    format!("{stem}.{}.{ext}", &hash[..10])
}
