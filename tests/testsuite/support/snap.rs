//! Whole outputs for `insta` snapshots: a run's exit code, stdout and stderr in one
//! text, with what changes from run to run replaced by placeholders (temporary folders
//! by names such as `[SITE]` and `[OUT]`, build times by `[ELAPSED]`).

use std::path::Path;
use std::process::Output;

/// `exit: CODE`, then stdout and stderr under their own headings, normalised.
pub fn cli_output(o: &Output, paths: &[(&Path, &str)]) -> String {
    let text = format!(
        "exit: {}\n--- stdout\n{}--- stderr\n{}",
        o.status
            .code()
            .map_or_else(|| "signal".to_string(), |c| c.to_string()),
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr),
    );
    normalise(&text, paths)
}

/// `text` with every path in `paths` (longest first) replaced by its placeholder and
/// every duration written `in 1.23s` replaced by `in [ELAPSED]`.
pub fn normalise(text: &str, paths: &[(&Path, &str)]) -> String {
    let mut pairs: Vec<(String, &str)> = paths
        .iter()
        .map(|(p, name)| (p.to_string_lossy().into_owned(), *name))
        .collect();
    pairs.sort_by_key(|(p, _)| std::cmp::Reverse(p.len()));
    let mut out = text.to_string();
    for (path, name) in pairs {
        out = out.replace(&path, name);
    }
    elapsed(&out)
}

/// A server's access log with the time of each request replaced by `[DATE]` and how
/// long it took by `[ELAPSED]` (`127.0.0.1 - - [DATE] "GET / HTTP/1.1" 200 1090 [ELAPSED]`).
pub fn access_log(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        match (
            line.find(" - - ["),
            line.find("] \""),
            line.rsplit_once(' '),
        ) {
            (Some(open), Some(close), Some((head, took))) if took.ends_with("ms") => {
                out.push_str(&line[..open + 5]);
                out.push_str("[DATE]");
                out.push_str(&head[close + 1..]);
                out.push_str(" [ELAPSED]");
            }
            _ => out.push_str(line),
        }
        out.push('\n');
    }
    out
}

/// Replace each ` in <digits>.<digits>s` by ` in [ELAPSED]`.
fn elapsed(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(" in ") {
        let after = &rest[at + 4..];
        out.push_str(&rest[..at + 4]);
        match duration_len(after) {
            Some(len) => {
                out.push_str("[ELAPSED]");
                rest = &after[len..];
            }
            None => rest = after,
        }
    }
    out.push_str(rest);
    out
}

/// The length of a leading `<digits>.<digits>s`, if `s` starts with one.
fn duration_len(s: &str) -> Option<usize> {
    let whole = s.bytes().take_while(u8::is_ascii_digit).count();
    let tail = s[whole..].strip_prefix('.')?;
    let frac = tail.bytes().take_while(u8::is_ascii_digit).count();
    (whole > 0 && frac > 0 && tail[frac..].starts_with('s')).then_some(whole + 1 + frac + 1)
}

#[test]
fn access_log_lines_lose_their_date_and_duration_only() {
    let log = "Press Ctrl-C to stop.\n127.0.0.1 - - [06/Dec/2026:07:15:16 +0000] \"GET / HTTP/1.1\" 200 1090 0.83ms\n";
    assert_eq!(
        access_log(log),
        "Press Ctrl-C to stop.\n127.0.0.1 - - [DATE] \"GET / HTTP/1.1\" 200 1090 [ELAPSED]\n"
    );
}

#[test]
fn timings_and_paths_are_replaced_and_nothing_else() {
    let text =
        "Built 1 page in 1 section (0 errors) in 0.12s → /tmp/x/public\nin 3 sections in 2.5 s";
    assert_eq!(
        normalise(
            text,
            &[
                (Path::new("/tmp/x"), "[SITE]"),
                (Path::new("/tmp/x/public"), "[OUT]")
            ]
        ),
        "Built 1 page in 1 section (0 errors) in [ELAPSED] → [OUT]\nin 3 sections in 2.5 s"
    );
}
