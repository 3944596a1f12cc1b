//! Property test: random sites (file names, front matter, Markdown, link targets,
//! many of them hostile) go through load, render, check and write without a panic,
//! and nothing is ever written outside the output folder.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use guidebook::pipeline::{self, BuildOptions};
use proptest::prelude::*;

/// Paths and addresses an attacker (or a careless author) might write.
const HOSTILE: &[&str] = &[
    "../../../pwned",
    "../../pwned.md",
    "@/../../pwned",
    "/pwned",
    "/../../pwned/",
    "file:///pwned",
    "C:\\pwned",
    "javascript:alert(1)",
    "%2e%2e/%2e%2e/pwned",
    "/assets/pwned/",
    "/_search/pwned",
    "/editions/pwned/",
    "..",
    ".",
    "",
    "/",
    "//pwned.example/",
    "a/../../pwned",
    "guidance/page.md",
    "@/guidance/page.md#top",
    "#top",
    "x\u{0}y",
    "é/ü",
    "/sitemap.xml",
];

fn hostile() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => proptest::sample::select(HOSTILE).prop_map(str::to_string),
        1 => "[a-z./%@:#-]{0,12}",
    ]
}

fn segment() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[a-z0-9_-]{1,8}",
        1 => proptest::sample::select(&["..", ".hidden", "_index", "index", "%2e%2e", "é", "a b", "assets", "_search", "editions", "public"][..])
            .prop_map(str::to_string),
    ]
}

fn file_name() -> impl Strategy<Value = String> {
    (
        proptest::collection::vec(segment(), 1..4),
        proptest::sample::select(&[".md", ".md", ".md", ".markdown", ".txt", ""][..]),
    )
        .prop_map(|(parts, ext)| format!("{}{ext}", parts.join("/")))
}

fn toml_string(s: &str) -> String {
    format!("{:?}", s)
}

fn front_matter() -> impl Strategy<Value = String> {
    (
        proptest::option::of(hostile()),
        proptest::option::of(hostile()),
        proptest::collection::vec(hostile(), 0..3),
        proptest::option::of(proptest::sample::select(
            &[
                "guidance",
                "contact",
                "legislation",
                "decision",
                "checklist",
                "nope",
            ][..],
        )),
        any::<bool>(),
    )
        .prop_map(|(slug, permalink, aliases, kind, draft)| {
            let mut fm = String::from("+++\ntitle = \"Page\"\nsummary = \"A page.\"\n");
            if let Some(s) = slug {
                fm.push_str(&format!("slug = {}\n", toml_string(&s)));
            }
            if let Some(p) = permalink {
                fm.push_str(&format!("permalink = {}\n", toml_string(&p)));
            }
            let list: Vec<String> = aliases.iter().map(|a| toml_string(a)).collect();
            fm.push_str(&format!("aliases = [{}]\n", list.join(", ")));
            if let Some(k) = kind {
                fm.push_str(&format!("kind = \"{k}\"\n"));
            }
            fm.push_str(&format!("draft = {draft}\n+++\n"));
            fm
        })
}

fn body() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            hostile().prop_map(|t| format!("[link]({t})\n")),
            hostile().prop_map(|t| format!("![image]({t})\n")),
            hostile().prop_map(|t| format!("<a href=\"{t}\">raw</a> <img src=\"{t}\">\n")),
            Just("# Heading\n".to_string()),
            Just("<svg><script>alert(1)</script></svg>\n".to_string()),
            Just("{{< contact \"nobody\" >}}\n".to_string()),
            "[a-zA-Z .,]{0,40}\n",
        ],
        0..8,
    )
    .prop_map(|v| v.concat())
}

fn page() -> impl Strategy<Value = (String, String)> {
    (file_name(), front_matter(), body())
        .prop_map(|(name, fm, body)| (name, format!("{fm}\n{body}")))
}

/// Every path under `dir`, relative to it.
fn listing(dir: &Path) -> BTreeSet<String> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .map(|e| {
            e.path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]
    #[test]
    fn random_sites_never_panic_or_write_outside_the_output(
        pages in proptest::collection::vec(page(), 1..6),
        with_config in any::<bool>(),
    ) {
        let t = tempfile::tempdir().unwrap();
        let root = t.path().join("work");
        let site = root.join("site");
        fs::create_dir_all(site.join("content/guidance")).unwrap();
        if with_config {
            fs::write(site.join("guidebook.toml"), "title = \"Prop\"\n").unwrap();
        }
        fs::write(site.join("content/guidance/page.md"), "# Page\n\n## Top\n").unwrap();
        for (name, text) in &pages {
            let path = site.join("content").join(name);
            // names that climb out are the walk's business only if they exist: skip them
            if name.split('/').any(|p| p == "..") {
                continue;
            }
            if fs::create_dir_all(path.parent().unwrap()).is_ok() && !path.is_dir() {
                let _ = fs::write(&path, text);
            }
        }
        let site_before = listing(&site);
        let out = root.join("out");
        let result = pipeline::build(&BuildOptions {
            site: site.clone(),
            out: Some(out.clone()),
            ..BuildOptions::default()
        });
        if let Ok(report) = &result && report.written {
            prop_assert!(out.join("index.html").is_file());
            prop_assert!(out.join(".guidebook-output").is_file());
        }
        prop_assert_eq!(listing(&site), site_before, "the site folder is only read");
        let top: BTreeSet<String> = fs::read_dir(&root).unwrap().flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned()).collect();
        let allowed: BTreeSet<String> = ["site", "out", ".out.guidebook-lock"].iter().map(|s| s.to_string()).collect();
        prop_assert!(top.is_subset(&allowed), "written beside the output: {:?}", top);
        let escaped = listing(t.path()).into_iter().any(|p| p.contains("pwned") && !p.starts_with("work/"));
        prop_assert!(!escaped, "a file named by a hostile path was written");
        for p in listing(&out) {
            prop_assert!(!p.split('/').any(|s| s == ".." || s.contains(':')), "{}", p);
        }
    }
}
