//! The small site-wide files: `sitemap.xml` (and the warning when it cannot be
//! written) and `robots.txt`.

use crate::config::{CONFIG_FILE, Config, Robots};
use crate::error::Diagnostic;
use crate::util::html::escape;

/// A sitemap of the given `(path, lastmod)` pairs, with absolute locations on
/// `origin` (see [`origin`]).
pub fn sitemap_xml(config: &Config, origin: &str, pages: &[(String, Option<String>)]) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (path, lastmod) in pages {
        out.push_str("  <url><loc>");
        out.push_str(&escape(&format!("{origin}{}{path}", config.url_prefix)));
        out.push_str("</loc>");
        if let Some(d) = lastmod {
            out.push_str("<lastmod>");
            out.push_str(d);
            out.push_str("</lastmod>");
        }
        out.push_str("</url>\n");
    }
    out.push_str("</urlset>\n");
    out
}

/// `https://host` of the site's `base_url`, when it names a host: sitemap locations
/// must be absolute, so without one there is no sitemap.
pub fn origin(config: &Config) -> Option<&str> {
    let base = config.settings.base_url.trim_end_matches('/');
    let i = base.find("://")?;
    let host_end = base[i + 3..].find('/').map_or(base.len(), |j| i + 3 + j);
    (host_end > i + 3).then(|| &base[..host_end])
}

/// Why a build that should write `sitemap.xml` did not: `base_url` names no host.
pub fn sitemap_warning(config: &Config) -> Option<Diagnostic> {
    if !config.settings.output.sitemap || origin(config).is_some() {
        return None;
    }
    let d = Diagnostic::warning(
        "sitemap",
        CONFIG_FILE,
        "no sitemap.xml was written: a sitemap needs absolute addresses, and `base_url` does not say where the site is published",
    )
    .hint("set `base_url = \"https://intranet.example.ac.uk/research-security/\"` in guidebook.toml, or `sitemap = false` under `[output]` to stop this warning");
    Some(d)
}

pub fn robots_txt(config: &Config) -> String {
    match config.settings.output.robots {
        Robots::DisallowAll => "User-agent: *\nDisallow: /\n".into(),
        Robots::AllowAll => format!(
            "User-agent: *\nAllow: /\n{}",
            match origin(config) {
                Some(_) if config.settings.output.sitemap => format!(
                    "Sitemap: {}/sitemap.xml\n",
                    config.settings.base_url.trim_end_matches('/')
                ),
                _ => String::new(),
            }
        ),
    }
}
