//! `guidebook host` over real HTTP: the real binary on an ephemeral port, serving a
//! site built by the real binary. Status codes, headers and bodies.

use crate::support::server::{SITE, Server, build, write_site};
use crate::support::snap::{access_log, normalise};

struct Hosted {
    _tmp: tempfile::TempDir,
    out: std::path::PathBuf,
    server: Server,
}

fn hosted() -> Hosted {
    let tmp = tempfile::tempdir().unwrap();
    // a site that says where it is published, so the build writes sitemap.xml
    let config = SITE
        .iter()
        .find(|(rel, _)| *rel == "guidebook.toml")
        .map(|(_, text)| format!("base_url = \"https://rs.example.ac.uk/\"\n{text}"))
        .unwrap();
    let site = write_site(tmp.path(), &[("guidebook.toml", &config)]);
    let out = tmp.path().join("out");
    build(&site, &out);
    let server = Server::start(&["host", out.to_str().unwrap(), "--bind", "127.0.0.1:0"]);
    Hosted {
        _tmp: tmp,
        out,
        server,
    }
}

const CSP: &str = "default-src 'self'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

#[test]
fn serves_pages_with_types_validators_and_security_headers() {
    let h = hosted();
    assert!(
        h.server.url.starts_with("http://127.0.0.1:"),
        "{}",
        h.server.url
    );
    let r = h.server.get("/guidance/travel/");
    assert_eq!(r.status, 200);
    assert_eq!(r.header("content-type"), Some("text/html; charset=utf-8"));
    assert_eq!(r.header("content-security-policy"), Some(CSP));
    assert_eq!(r.header("x-content-type-options"), Some("nosniff"));
    assert_eq!(r.header("referrer-policy"), Some("same-origin"));
    assert_eq!(r.header("x-frame-options"), Some("DENY"));
    assert_eq!(r.header("cache-control"), Some("no-cache"));
    assert!(r.text().contains("Take a clean laptop when you travel."));
    assert!(
        !r.text().contains("__guidebook"),
        "a hosted page must not load the live-reload script"
    );
    let etag = r.header("etag").unwrap().to_string();
    assert!(etag.starts_with('"') && etag.ends_with('"'), "{etag}");
    let modified = r.header("last-modified").unwrap().to_string();
    assert!(modified.ends_with(" GMT"), "{modified}");

    let r304 = h
        .server
        .req("GET", "/guidance/travel/", &[("If-None-Match", &etag)]);
    assert_eq!(r304.status, 304);
    assert!(r304.body.is_empty());
    assert_eq!(r304.header("etag"), Some(etag.as_str()));
    let r304 = h.server.req(
        "GET",
        "/guidance/travel/",
        &[("If-Modified-Since", &modified)],
    );
    assert_eq!(r304.status, 304);
    let old = h.server.req(
        "GET",
        "/guidance/travel/",
        &[("If-Modified-Since", "Mon, 01 Jan 2001 00:00:00 GMT")],
    );
    assert_eq!(old.status, 200);
    let other = h
        .server
        .req("GET", "/guidance/travel/", &[("If-None-Match", "\"nope\"")]);
    assert_eq!(other.status, 200);

    let head = h.server.req("HEAD", "/guidance/travel/", &[]);
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
    assert_eq!(
        head.header("content-length"),
        Some(r.body.len().to_string().as_str())
    );
    assert_eq!(head.header("etag"), Some(etag.as_str()));
}

#[test]
fn mime_types_caching_and_compression() {
    let h = hosted();
    let css = std::fs::read_dir(h.out.join("assets"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .find(|n| n.starts_with("style.") && n.ends_with(".css"))
        .unwrap();
    let r = h.server.get(&format!("/assets/{css}"));
    assert_eq!(r.status, 200);
    assert_eq!(r.header("content-type"), Some("text/css; charset=utf-8"));
    assert_eq!(
        r.header("cache-control"),
        Some("public, max-age=31536000, immutable")
    );
    let types = [
        ("/robots.txt", "text/plain; charset=utf-8"),
        ("/sitemap.xml", "application/xml"),
        ("/guidance/map.png", "image/png"),
        ("/docs/handbook.txt", "text/plain; charset=utf-8"),
        ("/contacts/ada/ada.vcf", "text/vcard; charset=utf-8"),
    ];
    for (path, ty) in types {
        let r = h.server.get(path);
        assert_eq!(
            (r.status, r.header("content-type")),
            (200, Some(ty)),
            "{path}"
        );
    }
    let plain = h.server.get("/");
    for (enc, tag) in [("gzip", "-gzip\""), ("br", "-br\"")] {
        let r = h.server.req("GET", "/", &[("Accept-Encoding", enc)]);
        assert_eq!(r.status, 200);
        assert_eq!(r.header("content-encoding"), Some(enc));
        assert_eq!(r.header("vary"), Some("accept-encoding"));
        assert!(
            r.body.len() < plain.body.len() / 2,
            "{enc}: {} bytes",
            r.body.len()
        );
        let etag = r.header("etag").unwrap().to_string();
        assert!(etag.ends_with(tag), "{etag}");
        let again = h.server.req(
            "GET",
            "/",
            &[("Accept-Encoding", enc), ("If-None-Match", &etag)],
        );
        assert_eq!(again.status, 304, "{enc}");
    }
}

#[test]
fn redirects_folders_and_aliases_and_answers_misses_with_the_404_page() {
    let h = hosted();
    let r = h.server.get("/guidance?x=1");
    assert_eq!(r.status, 301);
    assert_eq!(r.header("location"), Some("/guidance/?x=1"));
    let r = h.server.get("/old/travel/");
    assert_eq!(r.status, 301);
    assert_eq!(r.header("location"), Some("/guidance/travel/"));
    let r = h.server.get("/no/such/page/");
    assert_eq!(r.status, 404);
    assert_eq!(r.header("content-type"), Some("text/html; charset=utf-8"));
    assert_eq!(r.header("content-security-policy"), Some(CSP));
    let not_found = std::fs::read_to_string(h.out.join("404.html")).unwrap();
    assert_eq!(r.text(), not_found);
    for hidden in [
        "/.guidebook-output",
        "/assets/",
        "/guidance/travel/index.html/",
    ] {
        assert_eq!(h.server.get(hidden).status, 404, "{hidden}");
    }
}

#[test]
fn only_get_and_head() {
    let h = hosted();
    for m in [
        "POST",
        "PUT",
        "DELETE",
        "PATCH",
        "OPTIONS",
        "TRACE",
        "CONNECT-ME",
    ] {
        let r = h.server.req(m, "/", &[("Content-Length", "0")]);
        assert_eq!(r.status, 405, "{m}");
        assert_eq!(r.header("allow"), Some("GET, HEAD"), "{m}");
        assert_eq!(r.header("content-security-policy"), Some(CSP), "{m}");
    }
}

#[test]
fn cannot_be_walked_out_of_its_folder() {
    let h = hosted();
    let parent = h.out.parent().unwrap();
    std::fs::write(parent.join("secret.txt"), "TOP-SECRET").unwrap();
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(parent.join("secret.txt"), h.out.join("leak.txt")).unwrap();
        std::os::unix::fs::symlink(parent, h.out.join("up")).unwrap();
        std::os::unix::fs::symlink(h.out.join("robots.txt"), h.out.join("inside.txt")).unwrap();
    }
    let attempts = [
        "/../secret.txt",
        "/guidance/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E%2Fsecret.txt",
        "/%252e%252e/secret.txt",
        "/..%2fsecret.txt",
        "/..%5csecret.txt",
        "/..\\secret.txt",
        "/%c0%ae%c0%ae/secret.txt",
        "/secret.txt%00.html",
        "/guidance/%00",
        "//etc/passwd",
        "/etc/passwd",
        "/C:/Windows/win.ini",
        "/./robots.txt",
        "/leak.txt",
        "/up/secret.txt",
        "/.%2e/secret.txt",
        "/%2e/secret.txt",
    ];
    for path in attempts {
        let r = h.server.raw("GET", path, &[]);
        assert!(matches!(r.status, 400 | 404), "{path}: {}", r.status);
        assert!(!r.text().contains("TOP-SECRET"), "{path} leaked the secret");
        assert!(!r.text().contains("root:"), "{path} leaked /etc/passwd");
    }
    assert_eq!(h.server.raw("GET", "/%2e%2e/secret.txt", &[]).status, 400);
    assert_eq!(h.server.get("/leak.txt").status, 404);
    #[cfg(unix)]
    assert_eq!(
        h.server.get("/inside.txt").status,
        200,
        "a symlink inside the folder is served"
    );
}

#[test]
fn logs_each_request_and_stops_on_sigterm() {
    let mut h = hosted();
    assert_eq!(h.server.get("/").status, 200);
    assert_eq!(h.server.get("/missing/").status, 404);
    let status = h.server.terminate();
    assert!(status.success(), "{status:?}");
    let paths = [(h.out.as_path(), "[OUT]")];
    let out = access_log(&normalise(&h.server.stdout(), &paths)).replace(&h.server.addr, "[ADDR]");
    let text = format!("--- stdout\n{out}--- stderr\n{}", h.server.stderr());
    insta::assert_snapshot!("host_log_and_stop", text);
}

#[test]
fn binds_to_loopback_unless_told_otherwise() {
    let o = std::process::Command::new(crate::support::server::bin())
        .args(["host", "--help"])
        .output()
        .unwrap();
    let help = String::from_utf8_lossy(&o.stdout);
    assert!(help.contains("[default: 127.0.0.1:8080]"), "{help}");
}

#[test]
fn files_changed_on_disk_are_served_at_once() {
    let h = hosted();
    let file = h.out.join("docs/handbook.txt");
    let first = h.server.get("/docs/handbook.txt");
    assert_eq!(first.text(), "The handbook.\n");
    std::fs::write(&file, "The new handbook, longer.\n").unwrap();
    let second = h.server.get("/docs/handbook.txt");
    assert_eq!(second.text(), "The new handbook, longer.\n");
    assert_ne!(first.header("etag"), second.header("etag"));
    #[cfg(unix)]
    {
        let parent = h.out.parent().unwrap();
        std::fs::write(parent.join("secret.txt"), "TOP-SECRET").unwrap();
        std::fs::remove_file(&file).unwrap();
        std::os::unix::fs::symlink(parent.join("secret.txt"), &file).unwrap();
        let r = h.server.get("/docs/handbook.txt");
        assert_eq!(r.status, 404, "a cached path now pointing outside");
        assert!(!r.text().contains("TOP-SECRET"));
    }
    std::fs::remove_file(&file).unwrap();
    assert_eq!(h.server.get("/docs/handbook.txt").status, 404);
}
