//! No input makes guidebook panic or write a partial site: every bad file gives a page
//! or a diagnostic.

use crate::support::snap::cli_output;
use crate::support::*;
use guidebook::config::Config;
use guidebook::content::page_from_bytes;
use proptest::prelude::*;

fn site_with(name: &str, bytes: &[u8]) -> (tempfile::TempDir, std::path::PathBuf) {
    let (t, site) = fixture("typo");
    std::fs::remove_file(site.join("content/travel.md")).unwrap();
    std::fs::write(site.join("content").join(name), bytes).unwrap();
    (t, site)
}

fn assert_no_panic(o: &std::process::Output) {
    let err = stderr(o);
    assert!(!err.contains("panicked"), "{err}");
    assert!(matches!(o.status.code(), Some(0) | Some(1)), "{err}");
}

#[test]
fn invalid_utf8_is_a_diagnostic() {
    let (_t, site) = site_with("bad.md", b"+++\ntitle = \"A\"\n+++\nok\n\xff\xfe bad");
    let o = run_in(&site, &["build"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        without_summary(&stderr(&o)),
        "error[encoding]: this file is not valid UTF-8 text (invalid byte at line 5, column 1)\n \
         --> content/bad.md\n  = help: save the file as UTF-8; if it is not a page, give it another extension than .md\n"
    );
}

#[test]
fn unterminated_front_matter_is_a_diagnostic() {
    let (_t, site) = site_with("open.md", b"---\ntitle: A\n\nBody text\n");
    let o = run_in(&site, &["build"]);
    assert_eq!(o.status.code(), Some(1));
    insta::assert_snapshot!(
        "unterminated_front_matter",
        cli_output(&o, &[(&site, "[SITE]")])
    );
}

#[test]
fn empty_file_binary_junk_and_deep_nesting_build() {
    for (name, bytes) in [
        ("empty.md", Vec::new()),
        (
            "junk.md",
            (0..4096u32).map(|i| (i * 7919 % 251) as u8).collect(),
        ),
        ("quotes.md", "> ".repeat(10_000).into_bytes()),
        (
            "lists.md",
            (0..10_000)
                .map(|i| format!("{}- a\n", "  ".repeat(i % 500)))
                .collect::<String>()
                .into_bytes(),
        ),
        (
            "nested.md",
            format!("{}x{}", "- ".repeat(10_000), "\n").into_bytes(),
        ),
    ] {
        let (_t, site) = site_with(name, &bytes);
        let o = run_in(&site, &["build"]);
        assert_no_panic(&o);
    }
}

#[test]
fn a_50_megabyte_page_builds() {
    let para = "Research security protects your work from people who would misuse it. ".repeat(20);
    let mut text = String::from("+++\ntitle = \"Big\"\nsummary = \"A very long page.\"\n+++\n");
    while text.len() < 50 * 1024 * 1024 {
        text.push_str(&para);
        text.push_str("\n\n");
    }
    let (_t, site) = site_with("big.md", text.as_bytes());
    let o = run_in(&site, &["build"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(site.join("public/big/index.html").metadata().unwrap().len() > 50_000_000);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]
    #[test]
    fn arbitrary_bytes_give_a_page_or_a_diagnostic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let config = Config::resolve(std::path::Path::new("/site"), Default::default(), false);
        let (page, diags) = page_from_bytes(&config, "a/page.md", bytes);
        prop_assert!(page.is_some() || diags.iter().any(|d| d.is_error()));
    }

    #[test]
    fn arbitrary_text_with_front_matter_never_panics(body in "(\\+\\+\\+|---|[a-z_]{1,8} ?[=:] ?\"?[a-z0-9-]{0,10}\"?|\\[\\[[a-z]+\\]\\]|#{1,6} [a-z]+|> |- \\[ \\] |\\|[a-z]\\||\n){0,40}") {
        let config = Config::resolve(std::path::Path::new("/site"), Default::default(), false);
        let (page, diags) = page_from_bytes(&config, "p.md", body.clone().into_bytes());
        prop_assert!(page.is_some() || diags.iter().any(|d| d.is_error()));
        if let Some(p) = page {
            let md = guidebook::render::markdown::render(p.body(), &p.rel, p.body_line, Default::default(), &NoSite);
            prop_assert!(md.html.len() < body.len() * 40 + 1000);
        }
    }
}

struct NoSite;
impl guidebook::render::markdown::Resolver for NoSite {
    fn page_url(&self, _: &str) -> Option<String> {
        None
    }
    fn asset_url(&self, _: &str) -> Option<String> {
        None
    }
    fn contact_card(&self, _: &str) -> Option<String> {
        None
    }
}
