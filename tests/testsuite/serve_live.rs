//! `guidebook serve` end to end: the real binary on an ephemeral port, the test
//! editing the site's files as an editor would, and a Server-Sent Events client
//! standing in for the open browser page.

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::support::server::{Events, Server, save_atomically, write_site};

/// Bound on how long a change may take to reach the page (generous for CI).
const WAIT: Duration = Duration::from_secs(20);

struct Preview {
    _tmp: tempfile::TempDir,
    site: PathBuf,
    server: Server,
}

fn preview() -> Preview {
    let tmp = tempfile::tempdir().unwrap();
    let site = write_site(tmp.path(), &[]);
    let server = Server::start(&["serve", site.to_str().unwrap(), "--bind", "127.0.0.1:0"]);
    Preview {
        _tmp: tmp,
        site,
        server,
    }
}

/// The generation a page was served at, from its live-reload script tag.
fn generation(html: &str) -> String {
    let at = html.find("data-gen=\"").expect("live-reload script") + 10;
    html[at..].split('"').next().unwrap().to_string()
}

fn open(p: &Preview, path: &str) -> (String, Events) {
    let page = p.server.get(path);
    assert_eq!(page.status, 200, "{path}");
    let html = page.text();
    let events = Events::connect(
        &p.server.addr,
        &format!("/__guidebook/events?gen={}&path={path}", generation(&html)),
    );
    (html, events)
}

fn travel(text: &str) -> String {
    format!(
        "+++\ntitle = \"Travel advice\"\nsummary = \"Before you travel abroad.\"\nowner = \"ada\"\nreviewed = 2026-01-01\naliases = [\"/old/travel/\"]\ncontacts = [\"ada\"]\n+++\n\n{text}\n"
    )
}

/// Wait (bounded) until the server has printed `needle` on stderr.
fn wait_stderr(server: &Server, needle: &str) {
    let deadline = std::time::Instant::now() + WAIT;
    while !server.stderr().contains(needle) {
        assert!(
            std::time::Instant::now() < deadline,
            "not printed in the terminal:\n{needle}\n--- the terminal shows:\n{}",
            server.stderr()
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn travel_file(site: &Path) -> PathBuf {
    site.join("content/guidance/travel.md")
}

#[test]
fn pages_load_the_live_reload_script_and_built_sites_do_not() {
    let p = preview();
    assert!(
        p.server.url.starts_with("http://127.0.0.1:"),
        "{}",
        p.server.url
    );
    let html = p.server.get("/guidance/travel/").text();
    assert!(html.contains("<link rel=\"stylesheet\" href=\"/__guidebook/live.css\"><script src=\"/__guidebook/live.js\" data-gen=\""), "{html}");
    let head_end = html.find("</head>").unwrap();
    assert!(html.find("/__guidebook/live.js").unwrap() < head_end);
    let js = p.server.get("/__guidebook/live.js");
    assert_eq!(
        js.header("content-type"),
        Some("text/javascript; charset=utf-8")
    );
    assert!(
        js.text()
            .contains("new EventSource(\"/__guidebook/events?gen=\"")
    );
    assert_eq!(
        p.server.get("/").header("content-security-policy"),
        Some("default-src 'self'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'")
    );
    let out = p._tmp.path().join("built");
    crate::support::server::build(&p.site, &out);
    let built = std::fs::read_to_string(out.join("guidance/travel/index.html")).unwrap();
    assert!(!built.contains("__guidebook"));
    assert!(
        !p.site.join("public").exists(),
        "serve must not write SITE/public"
    );
    assert_eq!(p.server.raw("GET", "/../guidebook.toml", &[]).status, 400);
}

#[test]
fn an_edit_reloads_the_page_that_shows_it() {
    let p = preview();
    let (before, mut events) = open(&p, "/guidance/travel/");
    assert!(before.contains("Take a clean laptop"));
    let hello = events.next(WAIT).expect("problems state on connect");
    assert_eq!(hello.name, "problems");
    assert_eq!(hello.data, r#"{"type":"problems","text":"","errors":0}"#);
    save_atomically(
        &travel_file(&p.site),
        &travel("Take a freshly wiped laptop."),
    );
    let e = events
        .wait_for("reload", "/guidance/travel/", WAIT)
        .expect("a reload event for the edited page");
    let v: serde_json::Value = serde_json::from_str(&e.data).unwrap();
    assert_eq!(v["paths"], serde_json::json!(["/guidance/travel/"]), "{v}");
    assert_eq!(v["all"], false);
    let after = p.server.get("/guidance/travel/").text();
    assert!(after.contains("Take a freshly wiped laptop."), "{after}");
    assert!(!after.contains("Take a clean laptop"));
    let other = p.server.get("/guidance/devices/").text();
    assert!(other.contains("Keep devices updated."));
    wait_stderr(
        &p.server,
        "content/guidance/travel.md: 1 page rendered, 1 file changed",
    );
}

#[test]
fn a_page_opened_before_a_change_catches_up_on_connecting() {
    let p = preview();
    let html = p.server.get("/guidance/devices/").text();
    let served_at = generation(&html);
    let devices = p.site.join("content/guidance/devices.md");
    let text = std::fs::read_to_string(&devices)
        .unwrap()
        .replace("Keep devices updated.", "Patch everything.");
    save_atomically(&devices, &text);
    let mut other = Events::connect(
        &p.server.addr,
        "/__guidebook/events?gen=0&path=/guidance/travel/",
    );
    other.wait_for("problems", "", WAIT).unwrap();
    let deadline = std::time::Instant::now() + WAIT;
    while !p
        .server
        .get("/guidance/devices/")
        .text()
        .contains("Patch everything.")
    {
        assert!(
            std::time::Instant::now() < deadline,
            "the edit never arrived"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    let mut late = Events::connect(
        &p.server.addr,
        &format!("/__guidebook/events?gen={served_at}&path=/guidance/devices/"),
    );
    late.wait_for("reload", "/guidance/devices/", WAIT)
        .expect("catch-up reload");
}

#[test]
fn broken_front_matter_shows_the_overlay_until_fixed() {
    let p = preview();
    let (_, mut events) = open(&p, "/guidance/devices/");
    events.wait_for("problems", "", WAIT).unwrap();
    let file = travel_file(&p.site);
    save_atomically(
        &file,
        "+++\ntitle = \"Travel advice\nowner = \"ada\"\n+++\n\nHalf-typed edit.\n",
    );
    let e = events
        .wait_for("problems", "front-matter", WAIT)
        .expect("the problems overlay");
    let v: serde_json::Value = serde_json::from_str(&e.data).unwrap();
    let text = v["text"].as_str().unwrap().to_string();
    assert!(text.starts_with("error[front-matter]: "), "{text}");
    assert!(text.contains("--> content/guidance/travel.md:2:"), "{text}");
    assert_eq!(v["errors"], 1);
    wait_stderr(&p.server, &text);
    let served = p.server.get("/guidance/travel/").text();
    assert!(
        served.contains("Take a clean laptop"),
        "the last good page keeps being served"
    );
    assert!(!served.contains("Half-typed edit."));
    let mut fresh = Events::connect(&p.server.addr, "/__guidebook/events?gen=0&path=/");
    let first = fresh.next(WAIT).unwrap();
    assert!(
        first.data.contains("front-matter"),
        "a page opened now shows the overlay: {}",
        first.data
    );

    save_atomically(&file, &travel("Fixed and saved."));
    let e = events
        .wait_for("problems", "\"errors\":0", WAIT)
        .expect("the overlay cleared");
    assert_eq!(e.data, r#"{"type":"problems","text":"","errors":0}"#);
    let served = p.server.get("/guidance/travel/").text();
    assert!(served.contains("Fixed and saved."), "{served}");
}

#[test]
fn unknown_contacts_and_template_errors_show_in_the_overlay() {
    let p = preview();
    let (_, mut events) = open(&p, "/guidance/travel/");
    events.wait_for("problems", "", WAIT).unwrap();
    let devices = p.site.join("content/guidance/devices.md");
    let text = std::fs::read_to_string(&devices)
        .unwrap()
        .replace("owner = \"ada\"", "owner = \"bob\"")
        .replace("Keep devices updated.", "Keep devices patched.");
    save_atomically(&devices, &text);
    let e = events
        .wait_for("problems", "unknown-contact", WAIT)
        .expect("unknown contact");
    assert!(
        e.data.contains("owner `bob` is not a known contact"),
        "{}",
        e.data
    );
    let served = p.server.get("/guidance/devices/").text();
    assert!(
        served.contains("Keep devices updated.") && !served.contains("patched"),
        "the last good page is served while the error stands"
    );
    save_atomically(
        &devices,
        &text.replace("owner = \"bob\"", "owner = \"ada\""),
    );
    events
        .wait_for("problems", "\"errors\":0", WAIT)
        .expect("cleared");

    let base = p.site.join("templates/page.html");
    crate::support::server::write(
        &base,
        "{% extends \"base.html\" %}{% block main %}{{ page.content | safe }{% endblock main %}",
    );
    let e = events
        .wait_for("problems", "template error", WAIT)
        .expect("template error");
    assert!(
        e.data
            .contains("error: template error in templates/page.html:1:"),
        "{}",
        e.data
    );
    assert!(
        p.server
            .get("/guidance/travel/")
            .text()
            .contains("Take a clean laptop")
    );
    std::fs::remove_file(&base).unwrap();
    events
        .wait_for("problems", "\"errors\":0", WAIT)
        .expect("cleared after removing it");
}

#[test]
fn new_renamed_and_deleted_pages() {
    let p = preview();
    let (_, mut events) = open(&p, "/guidance/");
    let new = p.site.join("content/guidance/passports.md");
    save_atomically(
        &new,
        "+++\ntitle = \"Passports\"\nsummary = \"Renewing one.\"\nowner = \"ada\"\nreviewed = 2026-01-01\n+++\n\nRenew early.\n",
    );
    events
        .wait_for("reload", "/guidance/", WAIT)
        .expect("the listing reloads");
    assert!(
        p.server
            .get("/guidance/passports/")
            .text()
            .contains("Renew early.")
    );
    assert!(p.server.get("/guidance/").text().contains("Passports"));
    let renamed = p.site.join("content/guidance/passports-and-visas.md");
    std::fs::rename(&new, &renamed).unwrap();
    events
        .wait_for("reload", "/guidance/passports-and-visas/", WAIT)
        .expect("renamed");
    assert_eq!(p.server.get("/guidance/passports/").status, 404);
    assert_eq!(p.server.get("/guidance/passports-and-visas/").status, 200);
    std::fs::remove_file(&renamed).unwrap();
    events
        .wait_for("reload", "/guidance/passports-and-visas/", WAIT)
        .expect("deleted");
    assert_eq!(p.server.get("/guidance/passports-and-visas/").status, 404);
    assert!(!p.server.get("/guidance/").text().contains("Passports"));
}

#[test]
fn search_in_the_preview_answers_as_the_built_site_does() {
    let p = preview();
    let out = p._tmp.path().join("built");
    crate::support::server::build(&p.site, &out);
    let host = Server::host_quiet(&out);
    for q in [
        "/_search/api?q=laptop",
        "/_search/api?q=export+adviser&limit=3",
        "/_search/api?q=devics",
    ] {
        let a = p.server.get(q);
        let b = host.get(q);
        assert_eq!(a.status, 200, "{q}");
        assert_eq!(a.text(), b.text(), "{q}");
    }
    let page = p.server.get("/search/?q=laptop").text();
    assert!(
        page.contains("href=\"/guidance/travel/?highlight=laptop\""),
        "{page}"
    );
    let file = travel_file(&p.site);
    save_atomically(&file, &travel("Bring a satellite phone."));
    let deadline = std::time::Instant::now() + WAIT;
    loop {
        let v: serde_json::Value =
            serde_json::from_slice(&p.server.get("/_search/api?q=satellite").body).unwrap();
        if v["total"] == 1 {
            assert_eq!(v["hits"][0]["url"], "guidance/travel/");
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the search index never caught up: {v}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn stops_on_sigterm_and_removes_its_private_folder() {
    let mut p = preview();
    let stderr_before = p.server.stderr();
    assert!(stderr_before.contains("Built: "), "{stderr_before}");
    let pid = p.server.child.id();
    let work = || -> Vec<PathBuf> {
        std::fs::read_dir(std::env::temp_dir())
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| {
                e.file_name()
                    .to_string_lossy()
                    .starts_with(&format!("guidebook-serve-{pid}-"))
            })
            .map(|e| e.path())
            .collect()
    };
    let before = work();
    assert!(!before.is_empty(), "no private folder while running");
    let status = p.server.terminate();
    assert!(status.success(), "{status:?}");
    assert!(p.server.stderr().contains("Stopped."));
    let after = work();
    assert_eq!(after.len(), before.len() - 1, "{after:?}");
}

/// In a bare folder a page beside its folder is that folder's section page; when the
/// folder gains an index of its own, the preview moves the page (which was not
/// edited) to a URL of its own, as a build would.
#[test]
fn a_bare_folder_moves_a_page_beside_its_folder_when_the_folder_gains_an_index() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import-hugo"),
        &site,
    );
    let server = Server::start(&["serve", site.to_str().unwrap(), "--bind", "127.0.0.1:0"]);
    let p = Preview {
        _tmp: tmp,
        site,
        server,
    };
    let (html, mut events) = open(&p, "/docs/guide/");
    assert!(html.contains("<h1>The guide</h1>"), "{html}");
    save_atomically(
        &p.site.join("docs/guide/_index.md"),
        "---\ntitle: Guide index\n---\n\nThe folder's own index.\n",
    );
    events
        .wait_for("reload", "/docs/guide/", WAIT)
        .expect("the section page reloads");
    assert!(
        p.server
            .get("/docs/guide/")
            .text()
            .contains("<h1>Guide index</h1>")
    );
    assert!(
        p.server
            .get("/docs/guide-2/")
            .text()
            .contains("<h1>The guide</h1>")
    );
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let dest = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &dest);
        } else {
            std::fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

#[test]
fn a_template_edit_reloads_the_open_page_first() {
    let p = preview();
    let (_, mut events) = open(&p, "/guidance/travel/");
    events.wait_for("problems", "", WAIT).unwrap();
    let theme = crate::support::root().join("themes/default/templates/page.html");
    let page = std::fs::read_to_string(theme).unwrap().replace(
        "<article class=\"page\">",
        "<article class=\"page\" data-edited=\"yes\">",
    );
    crate::support::server::write(&p.site.join("templates/page.html"), &page);
    let first = events
        .wait_for("reload", "/guidance/travel/", WAIT)
        .expect("the open page reloads");
    assert_eq!(
        first.data,
        format!(
            r#"{{"type":"reload","gen":{},"paths":["/guidance/travel/"],"all":false}}"#,
            gen_of(&first.data)
        )
    );
    assert!(
        p.server
            .get("/guidance/travel/")
            .text()
            .contains("data-edited")
    );
    let rest = events
        .wait_for("reload", "\"all\":true", WAIT)
        .expect("then every other page");
    let v: serde_json::Value = serde_json::from_str(&rest.data).unwrap();
    assert_eq!(v["done"], serde_json::json!(["/guidance/travel/"]), "{v}");
    assert!(
        p.server
            .get("/guidance/devices/")
            .text()
            .contains("data-edited")
    );
}

/// The generation number in a reload event's JSON.
fn gen_of(data: &str) -> u64 {
    let v: serde_json::Value = serde_json::from_str(data).unwrap();
    v["gen"].as_u64().unwrap()
}
