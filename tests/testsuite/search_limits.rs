//! The same search limits everywhere (the terminal, the host's page and API), the
//! closing line of terminal results, and what the index holds: only what pages show.

use std::process::Command;

use crate::support::server::{Server, bin, build, write_site};

fn search(out: &std::path::Path, args: &[&str]) -> (i32, String, String) {
    let o = Command::new(bin())
        .arg("search")
        .args(args)
        .args(["--site", out.to_str().unwrap()])
        .output()
        .unwrap();
    (
        o.status.code().unwrap(),
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

fn built(extra: &[(&str, &str)]) -> (tempfile::TempDir, std::path::PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let site = write_site(tmp.path(), extra);
    let out = tmp.path().join("out");
    build(&site, &out);
    (tmp, out)
}

#[test]
fn the_terminal_and_the_host_accept_the_same_limits() {
    let (_t, out) = built(&[]);
    for bad in ["0", "51", "1000"] {
        let (code, stdout, stderr) = search(&out, &["laptop", "--limit", bad]);
        assert_eq!(code, 2, "--limit {bad}");
        assert!(stdout.is_empty());
        assert!(
            stderr.starts_with(&format!(
                "error: invalid value '{bad}' for '--limit <LIMIT>': {bad} is not in 1..=50\n"
            )),
            "{stderr}"
        );
    }
    assert_eq!(search(&out, &["laptop", "--limit", "50"]).0, 0);
    let long = "laptop ".repeat(40);
    let (code, stdout, stderr) = search(&out, &[long.trim()]);
    assert_eq!((code, stdout.as_str()), (2, ""));
    assert_eq!(
        stderr,
        "error: the query is longer than 256 characters; search for fewer words\n"
    );
    let mut host = Server::host_quiet(&out);
    let q256 = "a".repeat(256);
    assert_eq!(host.get(&format!("/_search/api?q={q256}")).status, 200);
    assert_eq!(host.get(&format!("/_search/api?q={q256}a")).status, 400);
    assert_eq!(host.get("/_search/api?q=laptop&limit=50").status, 200);
    assert_eq!(host.get("/_search/api?q=laptop&limit=51").status, 400);
    assert!(host.terminate().success());
}

#[test]
fn the_contact_who_answers_is_counted_apart_from_the_pages() {
    let (_t, out) = built(&[]);
    let (code, stdout, stderr) = search(&out, &["export", "control"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.starts_with("Contact: Ada Example (Export control adviser)\n"),
        "{stdout}"
    );
    assert!(
        stdout.ends_with("1 contact matches \"export control\".\n"),
        "{stdout}"
    );
    let (_, stdout, _) = search(&out, &["ada"]);
    assert!(stdout.starts_with("Contact: Ada Example"), "{stdout}");
    assert!(
        stdout.ends_with("1 contact and 1 page match \"ada\".\n"),
        "{stdout}"
    );
    let (_, stdout, _) = search(&out, &["ada", "--limit", "1"]);
    assert!(
        // `--limit` counts pages: the contact card comes besides them (issue 17).
        stdout.ends_with("1 contact and 1 page match \"ada\".\n") && stdout.contains(" 1. "),
        "{stdout}"
    );
}

#[test]
fn text_the_sanitiser_removes_is_not_indexed() {
    let (_t, out) = built(&[(
        "content/guidance/svg.md",
        "+++\ntitle = \"Diagram\"\nsummary = \"A drawing.\"\nowner = \"ada\"\nreviewed = 2026-01-01\n+++\n\nA visible sentence about diagrams. <svg><script>alert(5)</script><style>.hiddenrule{}</style></svg> Then more visible words.\n",
    )]);
    let html = std::fs::read_to_string(out.join("guidance/svg/index.html")).unwrap();
    assert!(!html.contains("alert(5)"));
    assert!(
        html.contains("A visible sentence about diagrams.  Then more visible words."),
        "{html}"
    );
    assert_eq!(search(&out, &["alert"]).1, "No pages match \"alert\".\n");
    assert_eq!(
        search(&out, &["hiddenrule"]).1,
        "No pages match \"hiddenrule\".\n"
    );
    let (_, stdout, _) = search(&out, &["visible", "diagrams"]);
    assert!(stdout.starts_with(" 1. Diagram (Guidance)\n"), "{stdout}");
    let shards = std::fs::read_dir(out.join("_search"))
        .unwrap()
        .flatten()
        .filter(|e| e.path().is_file())
        .map(|e| std::fs::read(e.path()).unwrap())
        .any(|b| String::from_utf8_lossy(&b).contains("alert"));
    assert!(!shards, "the static export holds no trace of it");
}
