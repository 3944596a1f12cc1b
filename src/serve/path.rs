//! Request paths: turn the raw path of a request into safe segments of a relative
//! path, or refuse it.
//!
//! Input: the path part of a request URI, exactly as received. Output: a
//! [`RequestPath`] whose segments can be joined onto the site folder without leaving
//! it, or a [`Refusal`]. Pure: no IO (symlinks are checked where files are opened, in
//! `files.rs`).

use crate::util::paths::{has_escape, percent_decode_strict};

/// A request path that is safe to join onto the site folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestPath {
    /// Decoded segments, none empty, none `.` or `..`, none hidden.
    pub segments: Vec<String>,
    /// The path ended with `/` (or was `/`).
    pub trailing_slash: bool,
}

/// Why a request path was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// Malformed or hostile: answered with 400.
    BadRequest(&'static str),
    /// Names something that is never served (a dotfile): answered with 404.
    Hidden,
}

/// The longest decoded path accepted.
pub const MAX_PATH_BYTES: usize = 1024;

/// Decode and check a raw request path such as `/guidance/travel/`.
pub fn parse(raw: &str) -> Result<RequestPath, Refusal> {
    if !raw.starts_with('/') {
        return Err(Refusal::BadRequest("the path must start with /"));
    }
    let bytes = percent_decode_strict(raw.as_bytes())
        .ok_or(Refusal::BadRequest("the path has a bad % escape"))?;
    if bytes.len() > MAX_PATH_BYTES {
        return Err(Refusal::BadRequest("the path is too long"));
    }
    let decoded =
        String::from_utf8(bytes).map_err(|_| Refusal::BadRequest("the path is not UTF-8"))?;
    check_characters(&decoded)?;
    let trailing_slash = decoded.ends_with('/');
    let mut segments = Vec::new();
    for part in decoded.split('/') {
        match part {
            "" => {}
            "." | ".." => return Err(Refusal::BadRequest("the path has a dot segment")),
            p if p.starts_with('.') => return Err(Refusal::Hidden),
            p => segments.push(p.to_string()),
        }
    }
    Ok(RequestPath {
        segments,
        trailing_slash,
    })
}

/// Characters that have no business in a URL path of a built site.
fn check_characters(decoded: &str) -> Result<(), Refusal> {
    if decoded.chars().any(|c| c.is_control()) {
        return Err(Refusal::BadRequest("the path holds a control character"));
    }
    if decoded.contains('\\') {
        return Err(Refusal::BadRequest("the path holds a backslash"));
    }
    if decoded.contains(':') {
        return Err(Refusal::BadRequest("the path holds a colon"));
    }
    if has_escape(decoded.as_bytes()) {
        return Err(Refusal::BadRequest("the path is encoded twice"));
    }
    Ok(())
}

/// Percent-encode a relative URL path for a `Location` header: keeps unreserved
/// characters and `/`, escapes the rest byte by byte.
pub fn encode(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/!$&'()*+,;=@".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(raw: &str) -> Vec<String> {
        parse(raw).expect(raw).segments
    }

    #[test]
    fn plain_paths() {
        assert_eq!(ok("/"), Vec::<String>::new());
        assert!(parse("/").unwrap().trailing_slash);
        assert_eq!(ok("/guidance/travel/"), ["guidance", "travel"]);
        assert_eq!(ok("//guidance//travel"), ["guidance", "travel"]);
        assert_eq!(ok("/a%20b.pdf"), ["a b.pdf"]);
        assert_eq!(ok("/caf%C3%A9/"), ["café"]);
    }

    #[test]
    fn refuses_escapes_from_the_folder() {
        let bad = [
            "/../etc/passwd",
            "/a/../../etc/passwd",
            "/%2e%2e/etc/passwd",
            "/%2E%2E%2Fetc%2Fpasswd",
            "/%252e%252e/etc/passwd",
            "/..%2fetc/passwd",
            "/..%5c..%5cwindows",
            "/a\\..\\b",
            "/index.html%00.txt",
            "/C:/Windows/win.ini",
            "/%c0%ae%c0%ae/etc/passwd",
            "/.",
            "/%",
            "/%zz",
            "etc/passwd",
        ];
        for raw in bad {
            assert!(
                matches!(parse(raw), Err(Refusal::BadRequest(_))),
                "{raw} was not refused: {:?}",
                parse(raw)
            );
        }
    }

    #[test]
    fn hides_dotfiles() {
        assert_eq!(parse("/.guidebook-output"), Err(Refusal::Hidden));
        assert_eq!(parse("/.git/config"), Err(Refusal::Hidden));
        assert_eq!(parse("/a/.env"), Err(Refusal::Hidden));
        assert_eq!(parse("/%2eguidebook-output"), Err(Refusal::Hidden));
    }

    #[test]
    fn encodes_for_location() {
        assert_eq!(encode("a b/café/"), "a%20b/caf%C3%A9/");
        assert_eq!(encode("guidance/travel/"), "guidance/travel/");
    }
}
