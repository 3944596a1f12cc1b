//! Search benchmark (not a test). For each corpus size, on the generated knowledge base
//! of `benches/corpus/generate.py` (seed 1):
//! - a whole `guidebook build`, and the search part alone (tantivy index, then the
//!   static export), with the size of `_search/index/` and `_search/static/`;
//! - query latency (p50, p99) of `Searcher::search` over N queries made from page
//!   titles (one, two and three words, misspellings, prefixes, phrases);
//! - Pagefind (`benches/node_modules/.bin/pagefind`) indexing the same built pages:
//!   time and size;
//! - bytes the browser fetches for a one-word and a three-word query, guidebook's
//!   static fallback and Pagefind side by side (`benches/search/fetch.js`).
//!
//! Run: `cargo bench --bench search -- [--pages 1000,10000] [--queries 1000] [--work DIR]`
//! (needs python3, node and `npm ci --prefix benches`). Prints Markdown for
//! benches/RESULTS.md.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use guidebook::config::Config;
use guidebook::content::{self, LoadOptions};
use guidebook::output::{self, Staging};
use guidebook::pipeline::{self, BuildOptions};
use guidebook::render::{Renderer, Templates};
use guidebook::search::{self, SearchRequest, Searcher};
use rayon::prelude::*;

const ONE_WORD: &str = "export";
const THREE_WORDS: &str = "export licence partner";

struct Args {
    pages: Vec<usize>,
    queries: usize,
    work: PathBuf,
}

fn args() -> Args {
    let mut a = Args {
        pages: vec![1000, 10_000],
        queries: 1000,
        work: std::env::temp_dir().join("guidebook-search-bench"),
    };
    let argv: Vec<String> = std::env::args().skip(1).collect();
    for w in argv.windows(2) {
        match w[0].as_str() {
            "--pages" => a.pages = w[1].split(',').filter_map(|n| n.parse().ok()).collect(),
            "--queries" => a.queries = w[1].parse().unwrap_or(a.queries),
            "--work" => a.work = PathBuf::from(&w[1]),
            _ => {}
        }
    }
    a
}

fn main() {
    let a = args();
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    println!(
        "| pages | build (whole) | index | export | index size | export size | p50 | p99 | Pagefind index | Pagefind size |"
    );
    println!("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    let mut fetches = Vec::new();
    for &n in &a.pages {
        let corpus = a.work.join(format!("corpus-{n}"));
        generate(&root, n, &corpus);
        let site = corpus.join("guidebook");
        let out = a.work.join(format!("out-{n}"));
        let whole = timed(|| build(&site, &out));
        let (index, export) = search_alone(&site, &a.work.join(format!("alone-{n}")));
        let (p50, p99) = latency(&out, a.queries);
        let (pf_time, pf_size) = pagefind(&root, &out);
        println!(
            "| {n} | {} | {} | {} | {} | {} | {:.2} ms | {:.2} ms | {} | {} |",
            secs(whole),
            secs(index),
            secs(export),
            mib(dir_size(&out.join("_search/index"))),
            mib(dir_size(&out.join("_search/static"))),
            ms(p50),
            ms(p99),
            pf_time.map(secs).unwrap_or_else(|| "-".into()),
            pf_size.map(mib).unwrap_or_else(|| "-".into()),
        );
        fetches.push((n, fetch_bytes(&root, &out)));
    }
    println!();
    println!(
        "| pages | query | tool | files | index bytes (stored / gzip) | top-10 results (stored / gzip) | code (stored / gzip) |"
    );
    println!("| ---: | --- | --- | ---: | ---: | ---: | ---: |");
    for (n, v) in fetches {
        for tool in ["ours", "pagefind"] {
            for r in v[tool].as_array().into_iter().flatten() {
                let b = |k: &str| format!("{} / {}", kib(&r[k]["raw"]), kib(&r[k]["gzip"]));
                let name = if tool == "ours" {
                    "guidebook"
                } else {
                    "Pagefind"
                };
                println!(
                    "| {n} | {} | {name} | {} | {} | {} | {} |",
                    r["q"],
                    r["files"],
                    b("index"),
                    b("results"),
                    b("code")
                );
            }
        }
    }
}

fn generate(root: &Path, n: usize, corpus: &Path) {
    if corpus.join("guidebook").is_dir() {
        return;
    }
    let _ = std::fs::remove_dir_all(corpus);
    let status = Command::new("python3")
        .arg(root.join("benches/corpus/generate.py"))
        .args([
            "--pages",
            &n.to_string(),
            "--seed",
            "1",
            "--formats",
            "guidebook",
            "--out",
        ])
        .arg(corpus)
        .status()
        .expect("python3 runs benches/corpus/generate.py");
    assert!(status.success(), "corpus generation failed");
    add_required_fields(&corpus.join("guidebook/content"));
}

/// Fields `guidebook check` requires of legislation and case-study pages, which the
/// generator does not write: added so the generated site builds without errors.
fn add_required_fields(content: &Path) {
    let extra = [
        (
            "legislation",
            "short_name = \"Act\"\ndepartment = \"Department for Research\"\nrequires = \"A check before work starts.\"\n",
        ),
        (
            "case-studies",
            "institution = \"Example University\"\nyear = 2024\n",
        ),
    ];
    for (section, fields) in extra {
        for e in walkdir::WalkDir::new(content.join(section))
            .into_iter()
            .filter_map(Result::ok)
        {
            let p = e.path();
            if !e.file_type().is_file() || p.file_name().is_some_and(|n| n == "_index.md") {
                continue;
            }
            let Ok(text) = std::fs::read_to_string(p) else {
                continue;
            };
            if let Some(rest) = text.strip_prefix("+++\n") {
                let _ = std::fs::write(p, format!("+++\n{fields}{rest}"));
            }
        }
    }
}

fn build(site: &Path, out: &Path) {
    let report = pipeline::build(&BuildOptions {
        site: site.to_path_buf(),
        out: Some(out.to_path_buf()),
        ..Default::default()
    })
    .expect("build");
    assert!(report.written, "the generated site has errors");
}

/// The search part of a build alone: (tantivy index, static export).
fn search_alone(site: &Path, out: &Path) -> (Duration, Duration) {
    let config = Config::load(site).expect("config");
    let (site, _) = content::load(&config, &LoadOptions::default()).expect("content");
    let templates = Templates::load(&config).expect("templates");
    let theme = output::theme_assets(&config).expect("assets");
    let renderer = Renderer::new(&config, &site, &templates, theme.urls.clone()).expect("renderer");
    let rendered: Vec<_> = (0..site.pages.len())
        .into_par_iter()
        .map(|i| renderer.markdown(i))
        .collect();
    let staging = Staging::begin(out).expect("staging");
    let start = Instant::now();
    let target = search::Target::CURRENT;
    let indexer = search::begin(&staging, target, rendered.len()).expect("index");
    (0..rendered.len())
        .into_par_iter()
        .try_for_each(|i| indexer.add(&site, i, &rendered[i]))
        .expect("index");
    let built = indexer.commit(&site).expect("commit");
    let committed = Instant::now();
    // The time at which the export ended, as `finish` reports it.
    let exported = std::sync::Mutex::new(committed);
    let lap = |_: &str| *exported.lock().unwrap() = Instant::now();
    search::finish(&config, &site, &built, &renderer, &staging, target, &lap).expect("search");
    let exported = exported.into_inner().unwrap();
    (committed - start, exported - committed)
}

/// p50 and p99 of `n` searches, after a warm-up.
fn latency(out: &Path, n: usize) -> (Duration, Duration) {
    let s = Searcher::open(&out.join("_search")).expect("open");
    let qs = queries(out, n);
    for q in qs.iter().take(50) {
        s.search(&SearchRequest {
            q,
            kind: None,
            limit: 10,
            offset: 0,
        })
        .expect("search");
    }
    let mut times: Vec<Duration> = qs
        .iter()
        .map(|q| {
            timed(|| {
                drop(
                    s.search(&SearchRequest {
                        q,
                        kind: None,
                        limit: 10,
                        offset: 0,
                    })
                    .expect("search"),
                )
            })
        })
        .collect();
    times.sort();
    let at = |p: f64| times[((times.len() as f64 * p) as usize).min(times.len() - 1)];
    (at(0.50), at(0.99))
}

/// Queries made from page titles: 1–3 words, a misspelling, a prefix, a phrase.
fn queries(out: &Path, n: usize) -> Vec<String> {
    let dir = out.join("_search/static/d");
    let count = std::fs::read_dir(&dir)
        .map(|d| d.count())
        .unwrap_or(0)
        .max(1);
    (0..n)
        .map(|i| {
            let file = dir.join(format!("{}.json", (i * 7919) % count));
            let rec: serde_json::Value =
                serde_json::from_str(&std::fs::read_to_string(file).unwrap_or_default())
                    .unwrap_or_default();
            let title = rec["t"].as_str().unwrap_or("research").to_lowercase();
            let words: Vec<&str> = title.split_whitespace().collect();
            let w = |k: usize| words.get(k).copied().unwrap_or("security");
            match i % 6 {
                0 => w(0).to_string(),
                1 => format!("{} {}", w(0), w(1)),
                2 => format!("{} {} {}", w(0), w(1), w(2)),
                3 => misspell(w(0)),
                4 => w(1).chars().take(4).collect(),
                _ => format!("\"{} {}\"", w(0), w(1)),
            }
        })
        .collect()
}

fn misspell(w: &str) -> String {
    let mut c: Vec<char> = w.chars().collect();
    if c.len() >= 5 {
        c.swap(2, 3);
    }
    c.into_iter().collect()
}

/// Index the built pages with Pagefind: (time, size of `pagefind/`).
fn pagefind(root: &Path, out: &Path) -> (Option<Duration>, Option<u64>) {
    let bin = root.join("benches/node_modules/.bin/pagefind");
    if !bin.exists() {
        eprintln!("Pagefind is not installed: run `npm ci --prefix benches`");
        return (None, None);
    }
    let _ = std::fs::remove_dir_all(out.join("pagefind"));
    let mut ok = false;
    let t = timed(|| {
        ok = Command::new(&bin)
            .arg("--site")
            .arg(out)
            .stdout(std::process::Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
    });
    if !ok {
        return (None, None);
    }
    (Some(t), Some(dir_size(&out.join("pagefind"))))
}

fn fetch_bytes(root: &Path, out: &Path) -> serde_json::Value {
    let input = serde_json::json!({"site": out, "queries": [ONE_WORD, THREE_WORDS], "results": 10});
    let o = Command::new("node")
        .arg(root.join("benches/search/fetch.js"))
        .arg(input.to_string())
        .output()
        .expect("node runs benches/search/fetch.js");
    if !o.status.success() {
        eprintln!("fetch.js failed: {}", String::from_utf8_lossy(&o.stderr));
    }
    serde_json::from_slice(&o.stdout).unwrap_or_default()
}

fn timed(f: impl FnOnce()) -> Duration {
    let start = Instant::now();
    f();
    start.elapsed()
}

fn dir_size(dir: &Path) -> u64 {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| e.metadata().ok())
        .map(|m| m.len())
        .sum()
}

fn secs(d: Duration) -> String {
    format!("{:.2} s", d.as_secs_f64())
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn mib(b: u64) -> String {
    format!("{:.1} MiB", b as f64 / (1024.0 * 1024.0))
}

fn kib(v: &serde_json::Value) -> String {
    format!("{:.1} KiB", v.as_f64().unwrap_or(0.0) / 1024.0)
}
