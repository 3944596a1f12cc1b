//! The README's nginx configuration, run by Debian's nginx over a built site, gives
//! what `guidebook host` gives: the security headers and cache rules, a 301 with its
//! `Location` for each old URL (aliases and a same-site `redirect_to`), the site's
//! 404 page with status 404, and the search's script, index and shards with the
//! same content types. Every answer is compared with host's and the whole list is a
//! snapshot. (The search itself runs in Chromium: `tests/browser/test/nginx.test.js`.)

use std::path::Path;

use crate::support::nginx::Nginx;
use crate::support::server::{Response, Server};
use crate::support::{fixture, run_in, stderr};

/// The headers compared, in this order.
const HEADERS: [&str; 7] = [
    "Content-Type",
    "Cache-Control",
    "Location",
    "Content-Security-Policy",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "X-Frame-Options",
];

/// The status and the compared headers of a response. The body of a redirect is
/// the server's own (nginx writes a small page, host none), so its type is left out.
fn summary(path: &str, r: &Response) -> String {
    let mut out = format!("GET {path}\n  {}\n", r.status);
    for name in HEADERS {
        let redirect = (300..400).contains(&r.status);
        if let Some(v) = r
            .header(name)
            .filter(|_| !(redirect && name == "Content-Type"))
        {
            out.push_str(&format!("  {name}: {v}\n"));
        }
    }
    out
}

/// The path of the theme file `assets/STEM.HASH.EXT` in `out`.
fn asset(out: &Path, stem: &str) -> String {
    let name = std::fs::read_dir(out.join("assets"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .find(|n| n.starts_with(&format!("{stem}.")))
        .unwrap_or_else(|| panic!("no assets/{stem}.*"));
    format!("/assets/{name}")
}

#[test]
fn nginx_with_the_readme_configuration_answers_as_host_does() {
    let (_tmp, site) = fixture("hosting");
    let o = run_in(&site, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = site.join("public");
    let Some(nginx) = Nginx::start(&out) else {
        return;
    };
    let host = Server::host_quiet(&out);
    let paths = [
        "/".to_string(),
        "/guidance/travel/".into(),
        "/old/travel/".into(),
        "/old/travel".into(),
        "/guidance/abroad/".into(),
        "/guidance/moved/".into(),
        "/guidance/elsewhere/".into(),
        "/no/such/page/".into(),
        "/_headers".into(),
        "/_redirects".into(),
        "/_redirects.nginx".into(),
        asset(&out, "style"),
        asset(&out, "guidebook"),
        asset(&out, "search"),
        "/_search/static/meta.json".into(),
        "/_search/static/w/0.json.gz".into(),
        "/_search/static/t/0.json.gz".into(),
        "/_search/static/p/0.json.gz".into(),
        "/_search/static/d/0.json.gz".into(),
        "/contacts/ada/ada.vcf".into(),
        "/sitemap.xml".into(),
        "/robots.txt".into(),
    ];
    let not_found = std::fs::read(out.join("404.html")).unwrap();
    let mut all = String::new();
    for path in &paths {
        let (n, h) = (nginx.get(path), host.get(path));
        let seen = summary(path, &n);
        assert_eq!(seen, summary(path, &h), "nginx and host differ");
        match n.status {
            200 => assert!(n.body == h.body, "{path}: bodies differ"),
            404 => assert!(n.body == not_found, "{path}: not the site's 404 page"),
            _ => {}
        }
        all.push_str(&seen);
    }
    let hash = regex::Regex::new(r"\.[0-9a-f]{10}\.").unwrap();
    insta::assert_snapshot!("answers", hash.replace_all(&all, ".[HASH]."));
}
