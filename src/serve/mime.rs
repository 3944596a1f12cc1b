//! Content types by file extension, for the files a built site holds. Unknown types
//! are `application/octet-stream` (with `nosniff`, browsers then download them).
//! Pure.

/// The `Content-Type` for a file name: guidebook's own choice for the text types a
/// built site is made of (with `charset=utf-8`, JavaScript as `text/javascript` per
/// RFC 9239), `mime_guess`'s table for everything else.
pub fn content_type(file_name: &str) -> &'static str {
    let ext = file_name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    own_type(&ext)
        .or_else(|| mime_guess::from_ext(&ext).first_raw())
        .unwrap_or("application/octet-stream")
}

/// The types guidebook writes itself, where the common table differs or lacks a
/// charset.
fn own_type(ext: &str) -> Option<&'static str> {
    Some(match ext {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" | "map" => "application/json",
        // the static search's shards and records (`*.json.gz`)
        "gz" => "application/gzip",
        "xml" => "application/xml",
        "atom" => "application/atom+xml",
        "txt" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "vcf" | "vcard" => "text/vcard; charset=utf-8",
        "ics" => "text/calendar; charset=utf-8",
        "md" | "markdown" => "text/markdown; charset=utf-8",
        "ico" => "image/x-icon",
        // mime_guess still gives the pre-RFC 8081 application/font-* names.
        "woff" => "font/woff",
        "otf" => "font/otf",
        _ => return None,
    })
}

/// Whether a content type is an HTML document.
pub fn is_html(content_type: &str) -> bool {
    content_type.starts_with("text/html")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_types() {
        assert_eq!(content_type("index.html"), "text/html; charset=utf-8");
        assert_eq!(
            content_type("style.0123456789.css"),
            "text/css; charset=utf-8"
        );
        assert_eq!(content_type("Report.PDF"), "application/pdf");
        assert_eq!(content_type("sitemap.xml"), "application/xml");
        assert_eq!(content_type("ada.vcf"), "text/vcard; charset=utf-8");
        assert_eq!(content_type("meta"), "application/octet-stream");
        assert_eq!(content_type("3.json.gz"), "application/gzip");
        assert_eq!(content_type("search.js"), "text/javascript; charset=utf-8");
        assert_eq!(content_type("favicon.ico"), "image/x-icon");
        assert_eq!(content_type("feed.atom"), "application/atom+xml");
        assert_eq!(content_type("a.unknown-ext"), "application/octet-stream");
        assert!(is_html(content_type("404.html")));
    }

    #[test]
    fn the_long_tail_comes_from_mime_guess() {
        assert_eq!(content_type("a.png"), "image/png");
        assert_eq!(content_type("a.svg"), "image/svg+xml");
        assert_eq!(content_type("a.woff2"), "font/woff2");
        assert_eq!(content_type("a.woff"), "font/woff");
        assert_eq!(content_type("a.otf"), "font/otf");
        assert_eq!(content_type("a.wasm"), "application/wasm");
        assert_eq!(content_type("a.pdf"), "application/pdf");
        assert_eq!(
            content_type("a.docx"),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        );
        assert_eq!(
            content_type("a.odt"),
            "application/vnd.oasis.opendocument.text"
        );
        assert_eq!(content_type("a.mp4"), "video/mp4");
    }
}
