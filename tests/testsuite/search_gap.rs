//! The search-gap report: `guidebook host --search-log FILE` (what a search on the
//! results page writes, what it never writes, rotation at the cap, an unwritable
//! FILE) and `guidebook searches FILE` on a hand-written log
//! (`tests/fixtures/search-log/`).

use std::path::{Path, PathBuf};

use regex::Regex;

use crate::support::server::{Server, build, write, write_site};
use crate::support::snap::cli_output;
use crate::support::{read, root, run_in};

/// The test site built into `out/`, with an archived edition under
/// `out/editions/old/`.
fn built(tmp: &Path) -> PathBuf {
    let site = write_site(tmp, &[]);
    let out = tmp.join("out");
    build(&site, &out);
    let old = tmp.join("old");
    write(
        &old.join("guidebook.toml"),
        "title = \"Old edition\"\nbase_url = \"/editions/old/\"\ndefault_visibility = \"public\"\n",
    );
    write(
        &old.join("content/_index.md"),
        "+++\ntitle = \"Old edition\"\nsummary = \"The old home.\"\n+++\n\nThe old home.\n",
    );
    write(
        &old.join("content/guidance/quarantine.md"),
        "+++\ntitle = \"Quarantine rules\"\nsummary = \"Withdrawn rules.\"\n+++\n\nThe withdrawn quarantine rules.\n",
    );
    build(&old, &out.join("editions/old"));
    out
}

/// `host OUT --search-log LOG` (quiet) with `extra` arguments.
fn host_logging(out: &Path, log: &Path, extra: &[&str]) -> Server {
    let mut args = vec![
        "host",
        out.to_str().unwrap(),
        "--bind",
        "127.0.0.1:0",
        "--quiet",
        "--search-log",
        log.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    Server::start(&args)
}

/// Search the results page and check it answered.
fn search(server: &Server, path: &str, headers: &[(&str, &str)]) {
    let r = server.req("GET", path, headers);
    assert_eq!(r.status, 200, "{path}: {}", r.text());
}

/// `text` with each line's time checked to be an hour in RFC 3339 (UTC, minutes and
/// seconds zero) and replaced by `[HOUR]`.
fn hours(text: &str) -> String {
    let hour = Regex::new(r#"^\{"time":"\d{4}-\d\d-\d\dT\d\d:00:00Z","#).unwrap();
    text.lines()
        .map(|l| {
            assert!(hour.is_match(l), "not an hour: {l}");
            format!("{}\n", hour.replace(l, r#"{"time":"[HOUR]","#))
        })
        .collect()
}

#[test]
fn host_logs_each_search_of_the_results_page() {
    let tmp = tempfile::tempdir().unwrap();
    let out = built(tmp.path());
    let log = tmp.path().join("search.log");
    let mut server = host_logging(&out, &log, &[]);
    search(&server, "/search/?q=++Clean+++LAPTOP+", &[]);
    search(&server, "/search/?q=zebra+crossing", &[]);
    search(&server, "/search/?q=laptop&kind=guidance", &[]);
    search(&server, "/search/?q=export", &[]);
    search(&server, "/search/?q=laptop&page=2", &[]);
    search(&server, "/editions/old/search/?q=quarantine", &[]);
    // Not searches on the results page: the as-you-type API and empty queries.
    // The API shows why "export" is logged with no result: no page matches;
    // only the contact who answers does, and she is not counted.
    let api = server.get("/_search/api?q=export");
    let v: serde_json::Value = serde_json::from_slice(&api.body).unwrap();
    assert_eq!(
        (&v["total"], &v["hits"][0]["contact"]["name"]),
        (&serde_json::json!(0), &serde_json::json!("Ada Example")),
        "{v}"
    );
    assert_eq!(server.get("/_search/api?q=laptop").status, 200);
    assert_eq!(
        server.get("/editions/old/_search/api?q=quarantine").status,
        200
    );
    search(&server, "/search/?q=", &[]);
    search(&server, "/search/?q=+++", &[]);
    search(&server, "/search/", &[]);
    assert!(server.terminate().success());
    assert_eq!(
        hours(&read(&log)),
        concat!(
            r#"{"time":"[HOUR]","query":"clean laptop","results":1,"page":1,"edition":"current"}"#,
            "\n",
            r#"{"time":"[HOUR]","query":"zebra crossing","results":0,"page":1,"edition":"current"}"#,
            "\n",
            r#"{"time":"[HOUR]","query":"laptop","results":2,"page":1,"edition":"current","kind":"guidance"}"#,
            "\n",
            r#"{"time":"[HOUR]","query":"export","results":0,"page":1,"edition":"current"}"#,
            "\n",
            r#"{"time":"[HOUR]","query":"laptop","results":2,"page":2,"edition":"current"}"#,
            "\n",
            r#"{"time":"[HOUR]","query":"quarantine","results":1,"page":1,"edition":"old"}"#,
            "\n",
        )
    );
    assert_eq!(server.stderr(), "Stopped.\n");
}

#[test]
fn the_log_says_nothing_about_who_searched() {
    let tmp = tempfile::tempdir().unwrap();
    let out = built(tmp.path());
    let log = tmp.path().join("search.log");
    let mut server = host_logging(&out, &log, &[]);
    let personal = [
        ("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) Tracer/1.0"),
        ("Referer", "http://intranet.example.ac.uk/staff/j.bloggs/"),
        ("Cookie", "session=s3cr3t-cookie"),
        ("X-Forwarded-For", "203.0.113.7"),
    ];
    search(&server, "/search/?q=devices", &personal);
    assert!(server.terminate().success());
    let text = read(&log);
    assert_eq!(
        hours(&text),
        concat!(
            r#"{"time":"[HOUR]","query":"devices","results":2,"page":1,"edition":"current"}"#,
            "\n"
        )
    );
    for needle in ["Tracer", "bloggs", "s3cr3t", "203.0.113.7", "127.0.0.1"] {
        assert!(!text.contains(needle), "{needle} in {text}");
    }
}

#[test]
fn the_log_is_rotated_to_file_dot_1_at_its_cap() {
    let tmp = tempfile::tempdir().unwrap();
    let out = built(tmp.path());
    let log = tmp.path().join("search.log");
    let older = tmp.path().join("search.log.1");
    let kept = r#"{"time":"2026-11-01T08:00:00Z","query":"kept","results":0,"page":1,"edition":"current"}"#;
    write(&log, &format!("{kept}\n"));
    write(&older, "the old FILE.1, replaced at the first rotation\n");
    // Lines are 80 to 90 bytes: two fit under the cap, a third does not.
    let mut server = host_logging(&out, &log, &["--search-log-max-bytes", "200"]);
    for q in ["one", "two", "three", "four"] {
        search(&server, &format!("/search/?q={q}"), &[]);
    }
    assert!(server.terminate().success());
    let line = |q: &str| {
        format!(
            "{{\"time\":\"[HOUR]\",\"query\":\"{q}\",\"results\":0,\"page\":1,\"edition\":\"current\"}}\n"
        )
    };
    assert_eq!(hours(&read(&older)), line("two") + &line("three"));
    assert_eq!(hours(&read(&log)), line("four"));
    assert_eq!(server.stderr(), "Stopped.\n");
}

#[test]
fn searches_at_once_write_whole_lines() {
    let tmp = tempfile::tempdir().unwrap();
    let out = built(tmp.path());
    let log = tmp.path().join("search.log");
    let mut server = host_logging(&out, &log, &[]);
    let queries = ["laptop", "devices", "travel", "zebra", "export", "handbook"];
    std::thread::scope(|s| {
        for q in queries {
            let server = &server;
            s.spawn(move || {
                for _ in 0..10 {
                    search(server, &format!("/search/?q={q}"), &[]);
                }
            });
        }
    });
    assert!(server.terminate().success());
    let text = read(&log);
    let mut seen: Vec<String> = hours(&text)
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            v["query"].as_str().unwrap().to_string()
        })
        .collect();
    seen.sort();
    let mut wanted: Vec<String> = queries
        .iter()
        .flat_map(|q| std::iter::repeat_n(q.to_string(), 10))
        .collect();
    wanted.sort();
    assert_eq!(seen, wanted);
}

/// `/dev/full` opens, but every write to it fails: searches still answer, and the
/// failure is reported once.
#[cfg(target_os = "linux")]
#[test]
fn a_failing_log_is_reported_once_and_searches_go_on() {
    let tmp = tempfile::tempdir().unwrap();
    let out = built(tmp.path());
    let mut server = host_logging(&out, Path::new("/dev/full"), &[]);
    for q in ["laptop", "devices", "travel"] {
        search(&server, &format!("/search/?q={q}"), &[]);
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert!(server.terminate().success());
    assert_eq!(
        server.stderr(),
        "warning: cannot write the search log /dev/full: No space left on device (os error 28); searches go on but are not logged while this lasts\nStopped.\n"
    );
}

#[test]
fn an_unwritable_log_stops_host_before_it_serves() {
    let tmp = tempfile::tempdir().unwrap();
    let out = built(tmp.path());
    let o = run_in(
        tmp.path(),
        &[
            "host",
            "out",
            "--bind",
            "127.0.0.1:0",
            "--search-log",
            "missing/search.log",
        ],
    );
    insta::assert_snapshot!(cli_output(&o, &[(&out, "[OUT]")]), @r"
    exit: 2
    --- stdout
    --- stderr
    error: cannot write missing/search.log
      caused by: No such file or directory (os error 2)
    ");
}

/// `guidebook searches ARGS` in the fixture folder, as a whole-output snapshot text.
fn searches(args: &[&str]) -> String {
    let mut all = vec!["searches"];
    all.extend_from_slice(args);
    let dir = root().join("tests/fixtures/search-log");
    cli_output(&run_in(&dir, &all), &[])
}

#[test]
fn searches_reports_zero_results_and_top_queries() {
    insta::assert_snapshot!("searches_text", searches(&["search.log"]));
    insta::assert_snapshot!("searches_json", searches(&["search.log", "--json"]));
}

#[test]
fn searches_top_and_since() {
    insta::assert_snapshot!("searches_top_2", searches(&["search.log", "--top", "2"]));
    insta::assert_snapshot!(
        "searches_since",
        searches(&["search.log", "--since", "2026-11-01"])
    );
}

#[test]
fn searches_refuses_a_bad_date_and_a_missing_file() {
    insta::assert_snapshot!(
        "searches_bad_since",
        searches(&["search.log", "--since", "1 November"])
    );
    insta::assert_snapshot!("searches_missing_file", searches(&["nothing.log"]));
}
