//! Theme assets: the default theme's CSS and JS (built in), overridden by the site's
//! theme folder, fingerprinted so browsers can cache them forever.

use std::path::Path;

use crate::config::Config;
use crate::error::{Error, Result};
use crate::render::context::AssetUrls;

const CSS: &str = include_str!("../../themes/default/static/style.css");
const JS: &str = include_str!("../../themes/default/static/guidebook.js");

/// The theme's stylesheet and script, with their fingerprinted output paths.
pub struct ThemeAssets {
    /// (output path, bytes)
    pub files: Vec<(String, Vec<u8>)>,
    pub urls: AssetUrls,
}

pub fn theme_assets(config: &Config) -> Result<ThemeAssets> {
    let static_dir = config.theme_dir.join("static");
    let css = read_or(&static_dir.join("style.css"), CSS)?;
    let js = read_or(&static_dir.join("guidebook.js"), JS)?;
    let css_path = fingerprinted("assets/style", "css", &css);
    let js_path = fingerprinted("assets/guidebook", "js", &js);
    Ok(ThemeAssets {
        urls: AssetUrls {
            css: format!("{}{}", config.url_prefix, css_path),
            js: format!("{}{}", config.url_prefix, js_path),
        },
        files: vec![(css_path, css), (js_path, js)],
    })
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
