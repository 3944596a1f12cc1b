//! The small site-wide files: `sitemap.xml` and `robots.txt`.

use crate::config::{Config, Robots};
use crate::util::html::escape;

/// A sitemap of the given `(path, lastmod)` pairs. Locations are absolute when
/// `base_url` is set, else site-relative.
pub fn sitemap_xml(config: &Config, pages: &[(String, Option<String>)]) -> String {
    let base = config.settings.base_url.trim_end_matches('/');
    let origin = match base.find("://") {
        Some(i) => match base[i + 3..].find('/') {
            Some(j) => &base[..i + 3 + j],
            None => base,
        },
        None => "",
    };
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

pub fn robots_txt(config: &Config) -> String {
    match config.settings.output.robots {
        Robots::DisallowAll => "User-agent: *\nDisallow: /\n".into(),
        Robots::AllowAll => format!(
            "User-agent: *\nAllow: /\n{}",
            if config.settings.base_url.is_empty() {
                String::new()
            } else {
                format!(
                    "Sitemap: {}/sitemap.xml\n",
                    config.settings.base_url.trim_end_matches('/')
                )
            }
        ),
    }
}
