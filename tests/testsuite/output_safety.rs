//! Writing the output folder safely: one writer at a time (the output lock), an
//! atomic exchange of old and new site, and nothing left behind that blocks a
//! later build.

use std::fs;
use std::io::Write as _;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use crate::support::*;

fn build_process(site: &Path) -> std::process::Child {
    Command::new(assert_cmd::cargo::cargo_bin("guidebook"))
        .current_dir(site)
        .env("GUIDEBOOK_TODAY", "2026-11-22")
        .arg("build")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start guidebook")
}

fn assert_complete(out: &Path, round: usize) {
    assert!(
        out.join("index.html").is_file(),
        "round {round}: no index.html"
    );
    assert!(
        out.join(".guidebook-output").is_file(),
        "round {round}: no marker"
    );
    let page = read(out.join("guidance/round/index.html"));
    assert!(page.contains(&format!("Round {round}")), "round {round}");
}

#[test]
fn twenty_pairs_of_simultaneous_builds_always_leave_a_whole_site() {
    let (_t, site) = fixture("basic");
    let out = site.join("public");
    for round in 0..20 {
        fs::write(
            site.join("content/guidance/round.md"),
            format!("+++\ntitle = \"Round {round}\"\nsummary = \"Which round.\"\n+++\n\nRound {round}.\n"),
        )
        .unwrap();
        let (a, b) = (build_process(&site), build_process(&site));
        let runs: Vec<Output> = [a, b]
            .into_iter()
            .map(|c| c.wait_with_output().unwrap())
            .collect();
        for o in &runs {
            assert_eq!(o.status.code(), Some(0), "round {round}: {}", stderr(o));
            assert_complete(&out, round);
        }
        let err: Vec<String> = runs.iter().map(stderr).collect();
        assert!(
            err.iter()
                .any(|e| e.contains("Built 8 pages in 4 sections")),
            "round {round}: one of the two builds the site: {err:?}"
        );
    }
    let o = run_in(&site, &["build"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let mut left: Vec<String> = fs::read_dir(&site)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    left.sort();
    assert_eq!(
        left,
        [".public.guidebook-lock"],
        "no staging folder is left behind"
    );
}

#[test]
fn a_second_writer_waits_then_names_the_process_writing() {
    let (_t, site) = fixture("basic");
    assert!(run_in(&site, &["build"]).status.success());
    fs::write(
        site.join("content/guidance/new.md"),
        "+++\ntitle = \"New\"\nsummary = \"s\"\n+++\nnew\n",
    )
    .unwrap();
    let before = tree(&site.join("public"));
    let mut lock = fs::OpenOptions::new()
        .write(true)
        .open(site.join(".public.guidebook-lock"))
        .unwrap();
    lock.lock().unwrap();
    lock.set_len(0).unwrap();
    writeln!(lock, "4242").unwrap();
    let o = guidebook()
        .current_dir(&site)
        .env("GUIDEBOOK_LOCK_WAIT", "0.3")
        .arg("build")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        "error: another guidebook process (pid 4242) is writing ./public; wait for it to finish, then run the command again\n"
    );
    assert_eq!(
        tree(&site.join("public")),
        before,
        "the output was not touched"
    );
    drop(lock);
    let o = run_in(&site, &["build"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(site.join("public/guidance/new/index.html").is_file());
}

#[test]
fn what_an_interrupted_swap_left_behind_never_blocks_later_builds() {
    let (_t, site) = fixture("basic");
    assert!(run_in(&site, &["build"]).status.success());
    // a folder of the old fixed name, not guidebook's: kept, and no obstacle
    let stray = site.join(".public.guidebook-old");
    fs::create_dir(&stray).unwrap();
    fs::write(stray.join("notes.txt"), "mine").unwrap();
    // a staging folder of a build that was killed: removed by the next build
    let killed = site.join(".public.guidebook-new-1-2-0");
    fs::create_dir(&killed).unwrap();
    fs::write(killed.join(".guidebook-output"), "").unwrap();
    for n in 0..2 {
        fs::write(
            site.join("content/guidance/n.md"),
            format!("+++\ntitle = \"N{n}\"\nsummary = \"s\"\n+++\nx\n"),
        )
        .unwrap();
        let o = run_in(&site, &["build"]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let last = stderr(&o).lines().last().unwrap_or("").to_string();
        assert!(last.starts_with("Built 8 pages in 4 sections"), "{last}");
    }
    assert_eq!(read(stray.join("notes.txt")), "mine");
    assert!(!killed.exists());
}
