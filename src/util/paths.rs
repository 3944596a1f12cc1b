//! Paths: percent decoding of URL paths (`%20` → space, with the `percent-encoding`
//! crate; lenient for links written in pages, strict for request paths), and what
//! counts as a Markdown file. Pure, except [`holds_markdown`], which walks a folder.

use std::path::Path;

use percent_encoding::percent_decode;
use walkdir::WalkDir;

/// Decode `%XX` escapes once, leaving a `%` that starts no escape as it is; bytes that
/// are not UTF-8 become U+FFFD. For link targets written by people.
pub fn percent_decode_lossy(s: &str) -> String {
    percent_decode(s.as_bytes())
        .decode_utf8_lossy()
        .into_owned()
}

/// Decode `%XX` escapes once, or `None` when a `%` is not followed by two hex digits.
/// For request paths, where a malformed escape is refused.
pub fn percent_decode_strict(raw: &[u8]) -> Option<Vec<u8>> {
    let well_formed = raw
        .iter()
        .enumerate()
        .filter(|(_, b)| **b == b'%')
        .all(|(i, _)| is_hex_pair(raw.get(i + 1..i + 3)));
    well_formed.then(|| percent_decode(raw).collect())
}

/// Whether `s` still holds a `%XX` escape (after one decoding: a sign of double
/// encoding).
pub fn has_escape(s: &[u8]) -> bool {
    (0..s.len()).any(|i| s[i] == b'%' && is_hex_pair(s.get(i + 1..i + 3)))
}

fn is_hex_pair(pair: Option<&[u8]>) -> bool {
    pair.is_some_and(|p| p.len() == 2 && p.iter().all(u8::is_ascii_hexdigit))
}

/// Whether a folder holds a Markdown file at any depth: in a bare folder such a
/// `templates/`, `static/` or `themes/` is pages, not guidebook's site layout.
pub fn holds_markdown(dir: &Path) -> bool {
    dir.is_dir()
        && WalkDir::new(dir)
            .follow_links(true)
            .into_iter()
            .filter_map(|e| e.ok())
            .any(|e| e.file_type().is_file() && is_markdown(&e.file_name().to_string_lossy()))
}

/// Whether a file name is a Markdown file's (`.md`, `.markdown`).
pub fn is_markdown(name: &str) -> bool {
    name.ends_with(".md") || name.ends_with(".markdown")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lenient_decoding_keeps_stray_percent_signs() {
        assert_eq!(percent_decode_lossy("a%20b%2Fc"), "a b/c");
        assert_eq!(percent_decode_lossy("100%"), "100%");
        assert_eq!(percent_decode_lossy("50%-off%zz"), "50%-off%zz");
        assert_eq!(percent_decode_lossy("caf%C3%A9"), "café");
        assert_eq!(percent_decode_lossy("%FF"), "\u{FFFD}");
    }

    #[test]
    fn strict_decoding_refuses_bad_escapes() {
        assert_eq!(percent_decode_strict(b"/a%20b"), Some(b"/a b".to_vec()));
        assert_eq!(percent_decode_strict(b"/%2e%2E/"), Some(b"/../".to_vec()));
        assert_eq!(percent_decode_strict(b"/a%2"), None);
        assert_eq!(percent_decode_strict(b"/a%g0"), None);
        assert_eq!(percent_decode_strict(b"%"), None);
    }

    #[test]
    fn double_encoding_shows_as_an_escape() {
        assert!(has_escape(b"/%2e"));
        assert!(!has_escape(b"/100%"));
        assert!(!has_escape(b"/%zz"));
    }
}
