//! The public profile is provably free of internal material: every internal item of
//! the `profiles` fixture carries a marker starting `zqx`, and no byte of the public
//! build holds one: not the HTML, not the sitemap, not the static search shards, not
//! inside any compressed file, and not in the tantivy index's terms or stored fields.

use std::io::Read;
use std::path::Path;

use crate::support::*;
use tantivy::schema::FieldType;

const MARKER: &str = "zqx";

fn build(profile: Option<&str>) -> (tempfile::TempDir, std::path::PathBuf) {
    let (t, site) = fixture("profiles");
    let mut args = vec!["build", ".", "--out", "out"];
    if let Some(p) = profile {
        args.extend(["--profile", p]);
    }
    let o = run_in(&site, &args);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    (t, site.join("out"))
}

fn contains_marker(bytes: &[u8]) -> bool {
    bytes
        .windows(MARKER.len())
        .any(|w| w.eq_ignore_ascii_case(MARKER.as_bytes()))
}

/// Files whose bytes (or decompressed bytes) hold the marker.
fn leaking_files(out: &Path) -> Vec<String> {
    let mut found = Vec::new();
    for (path, bytes) in tree(out) {
        let mut all = vec![bytes.clone()];
        if path.ends_with(".gz") {
            let mut s = Vec::new();
            flate2::read::GzDecoder::new(&bytes[..])
                .read_to_end(&mut s)
                .unwrap();
            all.push(s);
        }
        if path.ends_with(".br") {
            let mut s = Vec::new();
            brotli::Decompressor::new(&bytes[..], 4096)
                .read_to_end(&mut s)
                .unwrap();
            all.push(s);
        }
        if all.iter().any(|b| contains_marker(b)) {
            found.push(path);
        }
    }
    found
}

/// Terms and stored documents of the tantivy index that hold the marker.
fn leaking_index_entries(index_dir: &Path) -> Vec<String> {
    let index = tantivy::Index::open_in_dir(index_dir).expect("open the built index");
    let schema = index.schema();
    let searcher = index.reader().unwrap().searcher();
    let mut found = Vec::new();
    for (field, entry) in schema.fields() {
        if !matches!(entry.field_type(), FieldType::Str(_)) {
            continue;
        }
        for segment in searcher.segment_readers() {
            let inverted = segment.inverted_index(field).unwrap();
            let mut stream = inverted.terms().stream().unwrap();
            while stream.advance() {
                if contains_marker(stream.key()) {
                    found.push(format!(
                        "term {}: {}",
                        entry.name(),
                        String::from_utf8_lossy(stream.key())
                    ));
                }
            }
        }
    }
    for (ord, segment) in searcher.segment_readers().iter().enumerate() {
        for doc in 0..segment.max_doc() {
            let d: tantivy::TantivyDocument = searcher
                .doc(tantivy::DocAddress::new(ord as u32, doc))
                .unwrap();
            let json = tantivy::Document::to_json(&d, &schema);
            if contains_marker(json.as_bytes()) {
                found.push(format!("stored document: {json}"));
            }
        }
    }
    found
}

#[test]
fn the_intranet_build_has_every_marker() {
    let (_t, out) = build(None);
    let leaks = leaking_files(&out);
    for f in [
        "guidance/secret-page/index.html",
        "internal/index.html",
        "internal/plan/index.html",
        "internal/img/zqximagefilemarker.png",
        "zqxaliasmarker/index.html",
        "contacts/lead/index.html",
        "contacts/hidden-person/index.html",
        "index.html",
        "review/index.html",
    ] {
        assert!(
            leaks.iter().any(|l| l == f),
            "{f} should hold a marker in the intranet build: {leaks:?}"
        );
    }
    assert!(
        !leaking_index_entries(&out.join("_search/index")).is_empty(),
        "the intranet index holds the internal pages"
    );
}

#[test]
fn the_public_build_holds_no_internal_material() {
    let (_t, out) = build(Some("public"));
    assert_eq!(leaking_files(&out), Vec::<String>::new());
    assert_eq!(
        leaking_index_entries(&out.join("_search/index")),
        Vec::<String>::new()
    );
    // what is public is still there
    let lead = read(out.join("contacts/lead/index.html"));
    assert!(lead.contains("p.lead@example.ac.uk"));
    assert!(
        !lead.contains("01632 960999"),
        "internal phone field dropped"
    );
    assert!(out.join("guidance/img/public-map.png").is_file());
    assert!(
        !out.join("review").exists(),
        "the review dashboard is internal"
    );
    assert!(!out.join("guidance/secret-page").exists());
}
