//! `guidebook serve` when the site's folders move under it (a branch switch, a
//! folder moved away and back), and when it listens beyond this machine.

use std::time::{Duration, Instant};

use crate::support::server::{Server, save_atomically, write_site};

const WAIT: Duration = Duration::from_secs(20);

fn wait_until(what: &str, server: &Server, mut done: impl FnMut() -> bool) {
    let deadline = Instant::now() + WAIT;
    while !done() {
        assert!(
            Instant::now() < deadline,
            "{what}; the terminal shows:\n{}",
            server.stderr()
        );
        std::thread::sleep(Duration::from_millis(25));
    }
}

#[test]
fn keeps_watching_after_the_content_folder_goes_away_and_comes_back() {
    let tmp = tempfile::tempdir().unwrap();
    let site = write_site(tmp.path(), &[]);
    let mut server = Server::start(&["serve", site.to_str().unwrap(), "--bind", "127.0.0.1:0"]);
    assert!(
        server
            .get("/guidance/devices/")
            .text()
            .contains("Keep devices updated.")
    );
    let away = tmp.path().join("content-away");
    std::fs::rename(site.join("content"), &away).unwrap();
    let missing = "error: the content folder content/ is missing; the preview shows the pages it last built, and updates when the folder is back\n";
    wait_until("the terminal says the folder is missing", &server, || {
        server.stderr().contains(missing)
    });
    assert!(
        server
            .get("/guidance/devices/")
            .text()
            .contains("Keep devices updated."),
        "the last pages are still served"
    );
    let mut events =
        crate::support::server::Events::connect(&server.addr, "/__guidebook/events?gen=0&path=/");
    let first = events.next(WAIT).unwrap();
    assert!(
        first
            .data
            .contains("the content folder content/ is missing"),
        "{}",
        first.data
    );
    std::fs::rename(&away, site.join("content")).unwrap();
    wait_until("the terminal says all is well", &server, || {
        server.stderr().contains("No problems now.")
    });
    save_atomically(
        &site.join("content/guidance/devices.md"),
        "+++\ntitle = \"Devices\"\nsummary = \"Phones and laptops.\"\nowner = \"ada\"\nreviewed = 2026-01-01\n+++\n\nEdited after the folder came back.\n",
    );
    wait_until("the edit is served", &server, || {
        server
            .get("/guidance/devices/")
            .text()
            .contains("Edited after the folder came back.")
    });
    assert!(server.terminate().success());
}

#[test]
fn warns_when_the_preview_is_reachable_from_the_network() {
    let tmp = tempfile::tempdir().unwrap();
    let site = write_site(tmp.path(), &[]);
    let mut open = Server::start(&["serve", site.to_str().unwrap(), "--bind", "0.0.0.0:0"]);
    let port = open.addr.rsplit(':').next().unwrap().to_string();
    let warning = format!(
        "warning: the preview listens on 0.0.0.0:{port}, so anyone who can reach this machine can read every page of the site, internal ones too, with no password; use --bind 127.0.0.1 to keep it on this machine\n"
    );
    assert!(open.terminate().success());
    assert!(
        open.stderr().lines().any(|l| format!("{l}\n") == warning),
        "{}",
        open.stderr()
    );
    let mut local = Server::start(&["serve", site.to_str().unwrap(), "--bind", "127.0.0.1:0"]);
    assert!(local.terminate().success());
    assert!(
        !local.stderr().contains("warning: the preview listens"),
        "{}",
        local.stderr()
    );
}
