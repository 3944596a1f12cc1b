//! What a web server adds to the files of a built site: the security headers and
//! cache rules `guidebook host` sends, and a permanent redirect from every old URL
//! (a page's `aliases`, and a same-site `redirect_to`). `guidebook host` reads the
//! headers from here ([`SECURITY_HEADERS`], [`cache_control`]); the build writes the
//! same rules for other web servers as three files at the root of the output:
//!
//! - `_headers` (Netlify, Cloudflare Pages): a `/*` block with the security headers,
//!   then one block per fingerprinted theme asset with its long cache header;
//! - `_redirects` (Netlify, Cloudflare Pages; Apache reads it as a `RewriteMap`):
//!   one `FROM TO 301` line per redirect;
//! - `_redirects.nginx`: the same redirects as entries of an nginx `map` block.
//!
//! Input: the site model, its URL prefix and the theme's asset paths. Output: text
//! (the pipeline writes it). Pure.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

use crate::content::{Site, urls::alias_path};

/// `default-src 'self'` is all the theme needs; the rest closes what it leaves open.
pub const CSP: &str =
    "default-src 'self'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

/// The headers on every response, by name and value, in the order files list them.
pub const SECURITY_HEADERS: [(&str, &str); 4] = [
    ("Content-Security-Policy", CSP),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "same-origin"),
    ("X-Frame-Options", "DENY"),
];

/// `Cache-Control` of a fingerprinted theme asset: its name changes with its bytes.
pub const CACHE_FOREVER: &str = "public, max-age=31536000, immutable";

/// `Cache-Control` of every other file: kept, but checked with the server each time.
pub const CACHE_REVALIDATE: &str = "no-cache";

/// The files this module writes, at the root of the output. Servers that read them
/// do not publish them; `guidebook host` answers 404 for them too.
pub const SERVER_FILES: [&str; 3] = ["_headers", "_redirects", "_redirects.nginx"];

/// Characters left as they are in a path written to the files: letters, digits,
/// `-._~` and `/`. Everything else (spaces, which separate fields, and `$`, which
/// nginx would read as a variable) is percent-encoded.
const PATH: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'/');

/// `Cache-Control` for the file at `rel` (relative to the site folder).
pub fn cache_control(rel: &str) -> &'static str {
    if is_fingerprinted(rel) {
        CACHE_FOREVER
    } else {
        CACHE_REVALIDATE
    }
}

/// A theme asset named `assets/NAME.HASH.EXT`, HASH being ten hex digits.
pub fn is_fingerprinted(rel: &str) -> bool {
    rel.starts_with("assets/")
        && rel
            .rsplit('.')
            .nth(1)
            .is_some_and(|h| h.len() == 10 && h.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// One permanent redirect: URL paths from the site's root, prefix included.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Redirect {
    pub from: String,
    pub to: String,
}

/// Every redirect of `site` published under `prefix`: each alias to its page, and
/// each page whose `redirect_to` is a path on this site (`/…`) to that path. Pages a
/// profile leaves out are not in `site`, so neither are their aliases.
pub fn redirects(site: &Site, prefix: &str) -> Vec<Redirect> {
    let mut out = Vec::new();
    for page in &site.pages {
        for alias in &page.fm.aliases {
            let from = alias_path(alias);
            if !from.is_empty() {
                out.push(Redirect {
                    from: format!("{prefix}{from}"),
                    to: format!("{prefix}{}", page.path),
                });
            }
        }
        let same_site = page
            .fm
            .redirect_to
            .as_deref()
            .and_then(|to| to.strip_prefix('/'))
            .filter(|rest| !rest.starts_with('/'));
        if let Some(rest) = same_site {
            out.push(Redirect {
                from: format!("{prefix}{}", page.path),
                to: format!("{prefix}{rest}"),
            });
        }
    }
    out.sort_by(|a, b| a.from.cmp(&b.from));
    out
}

/// `_headers`: the security headers for every path under `prefix`, then the long
/// cache header of each fingerprinted asset (`assets`: paths relative to the site).
pub fn headers_file(prefix: &str, assets: &[&str]) -> String {
    let mut out = String::from(
        "# The headers `guidebook host` sends, for web servers that read `_headers`\n\
         # (Netlify, Cloudflare Pages). Written by guidebook on every build.\n",
    );
    out.push_str(&format!("{}*\n", encode(prefix)));
    for (name, value) in SECURITY_HEADERS {
        out.push_str(&format!("  {name}: {value}\n"));
    }
    let mut assets: Vec<&str> = assets
        .iter()
        .copied()
        .filter(|a| is_fingerprinted(a))
        .collect();
    assets.sort_unstable();
    for asset in assets {
        out.push_str(&format!(
            "\n{}{}\n  Cache-Control: {CACHE_FOREVER}\n",
            encode(prefix),
            encode(asset)
        ));
    }
    out
}

/// `_redirects`: one `FROM TO 301` line per redirect.
pub fn redirects_file(redirects: &[Redirect]) -> String {
    let mut out = String::from(
        "# Old URLs and where they moved, for web servers that read `_redirects`\n\
         # (Netlify, Cloudflare Pages; Apache as a RewriteMap). Written by guidebook.\n",
    );
    for r in redirects {
        out.push_str(&format!("{} {} 301\n", encode(&r.from), encode(&r.to)));
    }
    out
}

/// `_redirects.nginx`: the redirects as entries of an nginx `map $uri …` block
/// (`$uri` is the decoded path, so the keys are written as the paths are).
pub fn nginx_map(redirects: &[Redirect]) -> String {
    let mut out = String::from(
        "# Old URLs and where they moved, for nginx: include this file in a\n\
         # `map $uri $guidebook_redirect { }` block. Written by guidebook.\n",
    );
    for r in redirects {
        out.push_str(&format!("{} {};\n", quote(&r.from), quote(&encode(&r.to))));
    }
    out
}

fn encode(path: &str) -> String {
    utf8_percent_encode(path, PATH).to_string()
}

/// An nginx string in double quotes.
fn quote(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cache_rules() {
        assert_eq!(
            cache_control("assets/style.0123456789.css"),
            "public, max-age=31536000, immutable"
        );
        assert_eq!(cache_control("assets/style.css"), "no-cache");
        assert_eq!(cache_control("guidance/index.html"), "no-cache");
        assert_eq!(cache_control("docs/a.0123456789.css"), "no-cache");
    }

    #[test]
    fn paths_are_encoded_in_every_file() {
        let r = [Redirect {
            from: "/old page/".into(),
            to: "/a$b/\"q\"/".into(),
        }];
        assert_eq!(
            redirects_file(&r).lines().last(),
            Some("/old%20page/ /a%24b/%22q%22/ 301")
        );
        assert_eq!(
            nginx_map(&r).lines().last(),
            Some("\"/old page/\" \"/a%24b/%22q%22/\";")
        );
    }
}
