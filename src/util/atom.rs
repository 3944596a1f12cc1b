//! Writing Atom feeds (RFC 4287): the one writer of every feed guidebook publishes
//! (`/changes/atom.xml`, `/atom.xml`, `SECTION/atom.xml`), and the two helpers their
//! addresses need (the origin of `base_url`, dates as Atom timestamps).
//!
//! Input: a [`Feed`] of plain strings. Output: the feed's XML text. Pure; every
//! value is escaped here, so callers pass text as readers should see it.

use std::fmt::Write as _;

use super::html::escape;

/// One feed: its own fields and its entries, in the order they are written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Feed {
    pub title: String,
    /// A permanent id: a URL, or a `urn:` when the site has no address.
    pub id: String,
    /// Where the feed itself is published.
    pub self_url: String,
    /// The page the feed follows.
    pub page_url: String,
    /// ISO date (`2026-03-14`) of the newest entry; never the clock, so builds repeat.
    pub updated: String,
    pub author: String,
    pub entries: Vec<Entry>,
}

/// One entry of a feed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Entry {
    pub title: String,
    pub id: String,
    pub link: String,
    /// ISO date.
    pub updated: String,
    /// Plain text; left out when empty.
    pub summary: String,
    /// HTML, written escaped as `type="html"`.
    pub content_html: String,
}

/// The feed's XML.
pub fn write(feed: &Feed) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    out.push_str("<feed xmlns=\"http://www.w3.org/2005/Atom\">\n");
    let _ = writeln!(out, "<title>{}</title>", escape(&feed.title));
    let _ = writeln!(out, "<id>{}</id>", escape(&feed.id));
    let _ = writeln!(
        out,
        "<link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>",
        escape(&feed.self_url)
    );
    let _ = writeln!(
        out,
        "<link rel=\"alternate\" href=\"{}\"/>",
        escape(&feed.page_url)
    );
    let _ = writeln!(out, "<updated>{}</updated>", timestamp(&feed.updated));
    let _ = writeln!(
        out,
        "<author><name>{}</name></author>",
        escape(&feed.author)
    );
    for e in &feed.entries {
        entry(&mut out, e);
    }
    out.push_str("</feed>\n");
    out
}

fn entry(out: &mut String, e: &Entry) {
    out.push_str("<entry>\n");
    let _ = writeln!(out, "<title>{}</title>", escape(&e.title));
    let _ = writeln!(out, "<id>{}</id>", escape(&e.id));
    let _ = writeln!(
        out,
        "<link rel=\"alternate\" href=\"{}\"/>",
        escape(&e.link)
    );
    let _ = writeln!(out, "<updated>{}</updated>", timestamp(&e.updated));
    if !e.summary.is_empty() {
        let _ = writeln!(out, "<summary>{}</summary>", escape(&e.summary));
    }
    if !e.content_html.is_empty() {
        let _ = writeln!(
            out,
            "<content type=\"html\">{}</content>",
            escape(&e.content_html)
        );
    }
    out.push_str("</entry>\n");
}

/// Where the feed of the section at URL path `section_path` is published (the
/// site's own feed for the home page's `""`).
pub fn feed_path(section_path: &str) -> String {
    format!("{section_path}atom.xml")
}

/// `https://host` of a base URL, or "" when it names no host.
pub fn origin(base_url: &str) -> String {
    let base = base_url.trim_end_matches('/');
    match base.find("://") {
        Some(i) => match base[i + 3..].find('/') {
            Some(j) => base[..i + 3 + j].to_string(),
            None => base.to_string(),
        },
        None => String::new(),
    }
}

/// An ISO date as an Atom timestamp (midnight UTC); no date is the Unix epoch.
pub fn timestamp(date_iso: &str) -> String {
    let d = if date_iso.is_empty() {
        "1970-01-01"
    } else {
        date_iso
    };
    format!("{d}T00:00:00Z")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origin_of_base_urls() {
        assert_eq!(origin("https://x.ac.uk/rs/"), "https://x.ac.uk");
        assert_eq!(origin("https://x.ac.uk"), "https://x.ac.uk");
        assert_eq!(origin("/rs/"), "");
    }

    #[test]
    fn a_whole_feed_escaped() {
        let feed = Feed {
            title: "R&D <news>".into(),
            id: "urn:x:feed".into(),
            self_url: "/atom.xml".into(),
            page_url: "/".into(),
            updated: "2026-03-14".into(),
            author: "Site".into(),
            entries: vec![
                Entry {
                    title: "A \"page\"".into(),
                    id: "urn:x:a".into(),
                    link: "/a/?x=1&y=2".into(),
                    updated: "2026-03-14".into(),
                    summary: "Short.".into(),
                    content_html: "<p>Hi & bye</p>".into(),
                },
                Entry {
                    title: "B".into(),
                    id: "urn:x:b".into(),
                    link: "/b/".into(),
                    updated: String::new(),
                    ..Entry::default()
                },
            ],
        };
        assert_eq!(
            write(&feed),
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n\
             <feed xmlns=\"http://www.w3.org/2005/Atom\">\n\
             <title>R&amp;D &lt;news&gt;</title>\n\
             <id>urn:x:feed</id>\n\
             <link rel=\"self\" type=\"application/atom+xml\" href=\"/atom.xml\"/>\n\
             <link rel=\"alternate\" href=\"/\"/>\n\
             <updated>2026-03-14T00:00:00Z</updated>\n\
             <author><name>Site</name></author>\n\
             <entry>\n\
             <title>A &quot;page&quot;</title>\n\
             <id>urn:x:a</id>\n\
             <link rel=\"alternate\" href=\"/a/?x=1&amp;y=2\"/>\n\
             <updated>2026-03-14T00:00:00Z</updated>\n\
             <summary>Short.</summary>\n\
             <content type=\"html\">&lt;p&gt;Hi &amp; bye&lt;/p&gt;</content>\n\
             </entry>\n\
             <entry>\n\
             <title>B</title>\n\
             <id>urn:x:b</id>\n\
             <link rel=\"alternate\" href=\"/b/\"/>\n\
             <updated>1970-01-01T00:00:00Z</updated>\n\
             </entry>\n\
             </feed>\n"
        );
    }
}
