//! Content originality check: no page under `content/` may reuse a run of
//! eight consecutive words from the seed texts in `tests/fixtures/seeds/`.
//!
//! Inputs: every `.md` file under `content/` and every `.txt` file under
//! `tests/fixtures/seeds/`, both relative to the crate root. Text is compared
//! after removing front matter, lowercasing, turning every non-alphanumeric
//! character into a space and splitting on whitespace. Proper names of
//! documents, laws and bodies (see `ALLOWED_NAMES`) are removed from both sides
//! first, because quoting a title is not copying prose.
//!
//! Std only: this file also compiles on its own with
//! `rustc --edition 2021 --test tests/testsuite/content_originality.rs`.

use std::collections::{BTreeSet, HashSet};
use std::fs;
use std::path::{Path, PathBuf};

/// Length of the word window that counts as copying.
const WINDOW: usize = 8;

/// Names of documents, laws, schemes and bodies that pages may quote verbatim.
/// Longer names come first so that a shorter name inside a longer one does not
/// break the longer match.
const ALLOWED_NAMES: &[&str] = &[
    "managing risks in internationalisation security related issues",
    "office of financial sanctions implementation",
    "office of trade sanctions implementation",
    "sanctions and anti money laundering act",
    "foreign influence registration scheme",
    "centre for the protection of national infrastructure",
    "counter proliferation and arms control centre",
    "department for science innovation and technology",
    "foreign commonwealth and development office",
    "higher education export control association",
    "research collaboration and advice team",
    "research security a shared responsibility",
    "trusted research and innovation principles",
    "trusted research guidance for academia",
    "national security and investment act",
    "academic technology approval scheme",
    "national protective security authority",
    "russell group trusted research forum",
    "higher education security forum",
    "department for business and trade",
    "export control joint unit",
    "national cyber security centre",
    "uk research and innovation",
    "university of manchester",
    "national security act",
    "export control order",
    "research security fund",
    "universities uk",
    "royal society",
    "russell group",
];

/// The crate root: the compile-time `CARGO_MANIFEST_DIR` under cargo, else the
/// runtime variable, else the current directory.
fn root() -> PathBuf {
    if let Some(dir) = option_env!("CARGO_MANIFEST_DIR") {
        return PathBuf::from(dir);
    }
    match std::env::var("CARGO_MANIFEST_DIR") {
        Ok(dir) if !dir.is_empty() => PathBuf::from(dir),
        _ => std::env::current_dir().expect("current directory"),
    }
}

/// Removes TOML (`+++`) or YAML (`---`) front matter from the start of a page.
fn strip_front_matter(text: &str) -> &str {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text.split_inclusive('\n');
    let first = match lines.next() {
        Some(line) => line,
        None => return text,
    };
    let fence = first.trim();
    if fence != "+++" && fence != "---" {
        return text;
    }
    let mut offset = first.len();
    for line in lines {
        offset += line.len();
        if line.trim() == fence {
            return &text[offset..];
        }
    }
    // Unclosed front matter: treat everything after the fence as body.
    &text[first.len()..]
}

/// Lowercases, maps every non-alphanumeric character to a space and splits.
fn words(text: &str) -> Vec<String> {
    let cleaned: String = text
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect::<String>()
        .to_lowercase();
    cleaned.split_whitespace().map(str::to_owned).collect()
}

/// Normalised words with every allowed proper name removed.
fn normalise(text: &str) -> Vec<String> {
    let names: Vec<Vec<String>> = ALLOWED_NAMES.iter().map(|n| words(n)).collect();
    let tokens = words(text);
    let mut out = Vec::with_capacity(tokens.len());
    let mut i = 0;
    'scan: while i < tokens.len() {
        for name in &names {
            if !name.is_empty()
                && i + name.len() <= tokens.len()
                && tokens[i..i + name.len()] == name[..]
            {
                i += name.len();
                continue 'scan;
            }
        }
        out.push(tokens[i].clone());
        i += 1;
    }
    out
}

/// All windows of `WINDOW` consecutive words, joined with single spaces.
fn windows(tokens: &[String]) -> Vec<String> {
    if tokens.len() < WINDOW {
        return Vec::new();
    }
    tokens.windows(WINDOW).map(|w| w.join(" ")).collect()
}

/// The set of windows found in the seed texts.
fn seed_windows<S: AsRef<str>>(seeds: &[S]) -> HashSet<String> {
    seeds
        .iter()
        .flat_map(|s| windows(&normalise(s.as_ref())))
        .collect()
}

/// Windows of a page body (front matter already removed) that also occur in
/// the seeds, in order of first appearance, without repeats.
fn copied_windows(body: &str, seeds: &HashSet<String>) -> Vec<String> {
    let mut seen = BTreeSet::new();
    let mut found = Vec::new();
    for w in windows(&normalise(body)) {
        if seeds.contains(&w) && seen.insert(w.clone()) {
            found.push(w);
        }
    }
    found
}

/// Every file under `dir` whose name ends in `.ext`, sorted.
fn files_with_ext(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let entries = match fs::read_dir(&d) {
            Ok(e) => e,
            Err(_) => continue,
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().and_then(|e| e.to_str()) == Some(ext) {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

fn read_seeds(root: &Path) -> Vec<String> {
    let dir = root.join("tests").join("fixtures").join("seeds");
    let files = files_with_ext(&dir, "txt");
    assert!(
        !files.is_empty(),
        "no seed texts found in {}",
        dir.display()
    );
    files
        .iter()
        .map(|p| fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display())))
        .collect()
}

#[test]
fn content_pages_do_not_copy_seed_text() {
    let root = root();
    let seeds = seed_windows(&read_seeds(&root));
    let content = root.join("content");
    let pages = files_with_ext(&content, "md");
    assert!(
        !pages.is_empty(),
        "no Markdown pages found under {}",
        content.display()
    );

    let mut report = String::new();
    let mut count = 0;
    for page in &pages {
        let text = fs::read_to_string(page).unwrap_or_else(|e| panic!("{}: {e}", page.display()));
        let copied = copied_windows(strip_front_matter(&text), &seeds);
        if copied.is_empty() {
            continue;
        }
        let shown = page.strip_prefix(&root).unwrap_or(page);
        report.push_str(&format!("\n{}:\n", shown.display()));
        for w in &copied {
            report.push_str(&format!("    \"{w}\"\n"));
            count += 1;
        }
    }
    assert!(
        report.is_empty(),
        "{count} run(s) of {WINDOW} words copied from the seed texts; rewrite them in your own words:{report}"
    );
}

#[cfg(test)]
mod checker {
    use super::*;

    const SEED: &str = "Universities are key to the UK's economic and national security. \
        Russell Group universities contribute groundbreaking R&D, delivering innovations \
        that are transforming the way the UK responds to global challenges.";

    #[test]
    fn flags_a_copied_sentence() {
        let seeds = seed_windows(&[SEED]);
        let page = "+++\ntitle = \"Copy\"\n+++\nIntro. Universities are key to the UK’s \
                    economic and NATIONAL security, we think.";
        let found = copied_windows(strip_front_matter(page), &seeds);
        assert_eq!(
            found,
            vec![
                "universities are key to the uk s economic",
                "are key to the uk s economic and",
                "key to the uk s economic and national",
                "to the uk s economic and national security",
            ]
        );
    }

    #[test]
    fn flags_a_sentence_from_the_real_seeds() {
        let seeds = seed_windows(&read_seeds(&root()));
        let page = "Research security aims to protect university R&D, worth £37.6bn each year.";
        assert!(!copied_windows(page, &seeds).is_empty());
    }

    #[test]
    fn passes_text_in_own_words() {
        let seeds = seed_windows(&[SEED]);
        let page = "UK universities matter a great deal to the country's prosperity and safety.";
        assert!(copied_windows(page, &seeds).is_empty());
    }

    #[test]
    fn allowed_names_do_not_count() {
        let seeds = seed_windows(&["See the National Security and Investment Act and the \
                                    Academic Technology Approval Scheme today."]);
        let page = "Read the National Security and Investment Act; also the Academic \
                    Technology Approval Scheme.";
        assert!(copied_windows(page, &seeds).is_empty());
        assert_eq!(
            normalise("The Export Control Order 2008"),
            vec!["the", "2008"]
        );
    }

    #[test]
    fn front_matter_is_ignored() {
        let seeds = seed_windows(&[SEED]);
        let page = "---\nsummary: Universities are key to the UK's economic and national security.\n---\nBody.";
        assert_eq!(strip_front_matter(page), "Body.");
        assert!(copied_windows(strip_front_matter(page), &seeds).is_empty());
    }
}
