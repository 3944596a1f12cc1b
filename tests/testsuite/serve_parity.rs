//! The preview serves what `guidebook build` writes: every file of a build of the
//! knowledge base (with its archived editions) comes back from `guidebook serve`
//! byte for byte, HTML pages apart from the live-reload tags the preview adds. This
//! catches a step added to the build but not to the preview.

use std::path::Path;

use crate::support::server::Server;
use walkdir::WalkDir;

/// What the preview adds to each HTML page, before `</head>`.
fn without_live_tags(html: &str) -> String {
    let start = html.find("<link rel=\"stylesheet\" href=\"/__guidebook/live.css\">");
    let end = html.find("defer></script></head>");
    match (start, end) {
        (Some(s), Some(e)) => format!("{}{}", &html[..s], &html[e + "defer></script>".len()..]),
        _ => html.to_string(),
    }
}

#[test]
fn the_preview_serves_every_file_the_build_writes() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    crate::support::server::build(root, &out);
    let server = Server::start(&["serve", root.to_str().unwrap(), "--bind", "127.0.0.1:0"]);
    let mut checked = 0;
    for entry in WalkDir::new(&out).sort_by_file_name() {
        let entry = entry.unwrap();
        let rel = entry
            .path()
            .strip_prefix(&out)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let hidden = rel.split('/').any(|s| s.starts_with('.'));
        // tantivy names its segment files at random; the index is compared by searching
        if !entry.file_type().is_file() || hidden || rel.contains("_search/index/") {
            continue;
        }
        let built = std::fs::read(entry.path()).unwrap();
        let url = match rel.strip_suffix("index.html") {
            Some(dir) => format!("/{dir}"),
            None => format!("/{rel}"),
        };
        let r = server.get(&url);
        if ["_headers", "_redirects", "_redirects.nginx"].contains(&rel.as_str()) {
            // written for other web servers, which do not publish them (hosting.rs
            // compares the preview's copies with the build's)
            assert_eq!(r.status, 404, "{url}");
            continue;
        }
        if r.status == 301 {
            let page = String::from_utf8_lossy(&built);
            assert!(
                page.contains("http-equiv=\"refresh\""),
                "{url}: 301 for a page that is not an alias"
            );
            continue;
        }
        assert_eq!(r.status, 200, "{url}");
        if rel.ends_with(".html") {
            let served = without_live_tags(&r.text());
            assert_eq!(served, String::from_utf8_lossy(&built), "{url}");
        } else {
            assert!(r.body == built, "{url} differs");
        }
        checked += 1;
    }
    assert!(checked > 100, "only {checked} files compared");
    let host = Server::host_quiet(&out);
    for q in [
        "/_search/api?q=export+control",
        "/_search/api?q=who+do+I+ask+about+ATAS&limit=5",
    ] {
        assert_eq!(server.get(q).text(), host.get(q).text(), "{q}");
    }
}
