//! What the build publishes at a URL path of the site: pages (and the files under a
//! page's address, such as vCards and triage steps), aliases, content files, static
//! files, and the addresses guidebook writes itself. Used to check links written as
//! paths on the web server (`/guidance/travel/`).
//!
//! Input: the config, the site model and a path below the site's URL prefix.
//! Output: yes or no. Its only IO is asking whether a static file exists.

use crate::config::Config;
use crate::content::Site;
use crate::content::tags::FOLDER;
use crate::content::urls::{GENERATED_PAGES, RESERVED, alias_path};

/// Whether a build of `site` writes something at `rest` (a URL path below the
/// site's prefix, without query or fragment).
pub fn published(config: &Config, site: &Site, rest: &str) -> bool {
    let path = rest.trim_start_matches('/');
    if path.is_empty() {
        return true;
    }
    let first = path.split('/').next().unwrap_or("");
    if RESERVED.contains(&first) {
        return true;
    }
    let as_dir = path.strip_suffix("index.html").unwrap_or(path);
    let dir = if as_dir.is_empty() || as_dir.ends_with('/') {
        as_dir.to_string()
    } else {
        format!("{as_dir}/")
    };
    if dir.starts_with(FOLDER) {
        if site.tags.page_paths().contains(&dir) {
            return true;
        }
    } else if GENERATED_PAGES.iter().any(|g| dir.starts_with(g)) {
        return true;
    }
    let page_there = site.pages.iter().any(|p| {
        p.path == dir
            || (!p.path.is_empty() && dir.starts_with(&p.path))
            || p.fm.aliases.iter().any(|a| alias_path(a) == dir)
    });
    page_there
        || site.has_asset(path)
        || config.static_dir.join(path).is_file()
        || config.theme_dir.join("static").join(path).is_file()
}
