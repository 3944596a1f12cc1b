//! Files of a served site folder: resolve a checked request path to a file inside the
//! folder (following symlinks only while they stay inside), read it, and describe it
//! for HTTP (content type, ETag, Last-Modified, alias redirect). Small files are kept
//! in a bounded cache, checked against the file's size and modification time on
//! every request, so a rebuilt site is picked up at once.
//!
//! Input: the site folder and [`RequestPath`]s. Output: [`Lookup`]s. Reads only;
//! never writes, never lists a folder.

use std::collections::HashMap;
use std::fs;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use axum::body::Bytes;
use axum::http::HeaderValue;
use chrono::{DateTime, Utc};

use super::mime;
use super::path::RequestPath;
use crate::error::{Error, Result};

/// Files up to this size are cached.
const CACHE_ENTRY_MAX: u64 = 1 << 20;
/// The cache is emptied when it would grow past this many bytes.
const CACHE_TOTAL_MAX: usize = 64 << 20;
/// Alias pages are small; larger HTML files are never read as redirects.
const REDIRECT_PAGE_MAX: usize = 4096;

/// One file, ready to send.
#[derive(Debug)]
pub struct FileEntry {
    pub body: Bytes,
    pub content_type: &'static str,
    /// A quoted entity tag.
    pub etag: String,
    pub modified: SystemTime,
    /// `etag` and `last_modified` ready for headers.
    pub etag_value: HeaderValue,
    pub last_modified_value: HeaderValue,
    /// For an alias page written by the build: the site-relative URL it points to.
    pub redirect: Option<String>,
    /// Path relative to the site folder, `/`-separated.
    pub rel: String,
    stamp: Stamp,
}

impl FileEntry {
    /// Whether this is an HTML document.
    pub fn is_html(&self) -> bool {
        mime::is_html(self.content_type)
    }
}

/// What a request path names.
#[derive(Debug)]
pub enum Lookup {
    File(Arc<FileEntry>),
    /// A folder with an index page, asked for without the trailing slash.
    AddSlash,
    NotFound,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    len: u64,
    modified: SystemTime,
    inode: u64,
    device: u64,
}

impl Stamp {
    fn of(meta: &fs::Metadata) -> Stamp {
        #[cfg(unix)]
        let (inode, device) = {
            use std::os::unix::fs::MetadataExt;
            (meta.ino(), meta.dev())
        };
        #[cfg(not(unix))]
        let (inode, device) = (0, 0);
        Stamp {
            len: meta.len(),
            modified: meta.modified().unwrap_or(SystemTime::UNIX_EPOCH),
            inode,
            device,
        }
    }
}

#[derive(Default)]
struct Cache {
    map: HashMap<PathBuf, Arc<FileEntry>>,
    bytes: usize,
}

/// Request paths answered before: (path, trailing slash) → (the path the answer
/// was read from, unresolved, and the answer).
type Routes = HashMap<(String, bool), (PathBuf, Arc<FileEntry>)>;

/// Routes remembered at most; beyond, they are forgotten all at once.
const ROUTES_MAX: usize = 100_000;

/// A site folder served read-only.
pub struct FsSite {
    root: PathBuf,
    cache: Mutex<Cache>,
    routes: Mutex<Routes>,
}

impl FsSite {
    /// Serve the folder `root`, which must exist.
    pub fn open(root: &Path) -> Result<FsSite> {
        let root = root.canonicalize().map_err(|e| Error::read(root, e))?;
        if !root.is_dir() {
            return Err(Error::Usage(format!("{} is not a folder", root.display())));
        }
        Ok(FsSite {
            root,
            cache: Mutex::new(Cache::default()),
            routes: Mutex::new(Routes::new()),
        })
    }

    /// The site folder (canonical).
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// A file served for this request path before, if it is still the same file (one
    /// `stat`: same device, inode, size and time means the file checked then).
    pub fn quick(&self, req: &RequestPath) -> Option<Arc<FileEntry>> {
        let key = (req.segments.join("/"), req.trailing_slash);
        let (path, entry) = self.routes.lock().ok()?.get(&key).cloned()?;
        let meta = fs::metadata(&path).ok()?;
        (Stamp::of(&meta) == entry.stamp).then_some(entry)
    }

    /// Resolve a request path: a folder means its `index.html`.
    pub fn lookup(&self, req: &RequestPath) -> Lookup {
        let mut path = self.root.clone();
        path.extend(&req.segments);
        let Some((real, meta)) = self.inside(&path) else {
            return Lookup::NotFound;
        };
        let found = if meta.is_dir() {
            path.push("index.html");
            match self.inside(&real.join("index.html")) {
                Some((f, m)) if m.is_file() && req.trailing_slash => self.entry(&f, &m),
                Some((_, m)) if m.is_file() => return Lookup::AddSlash,
                _ => return Lookup::NotFound,
            }
        } else if req.trailing_slash || !meta.is_file() {
            return Lookup::NotFound;
        } else {
            self.entry(&real, &meta)
        };
        if let Lookup::File(entry) = &found
            && let Ok(mut routes) = self.routes.lock()
        {
            if routes.len() >= ROUTES_MAX {
                routes.clear();
            }
            let key = (req.segments.join("/"), req.trailing_slash);
            routes.insert(key, (path, entry.clone()));
        }
        found
    }

    /// A file by its `/`-separated path relative to the site folder (e.g. `404.html`).
    pub fn file(&self, rel: &str) -> Option<Arc<FileEntry>> {
        let mut path = self.root.clone();
        path.extend(rel.split('/').filter(|s| !s.is_empty()));
        let (real, meta) = self.inside(&path)?;
        match self.entry(&real, &meta) {
            Lookup::File(f) if meta.is_file() => Some(f),
            _ => None,
        }
    }

    /// The real path and metadata of `path` if it exists, resolves inside the site
    /// folder and passes through no hidden file or folder.
    fn inside(&self, path: &Path) -> Option<(PathBuf, fs::Metadata)> {
        let real = path.canonicalize().ok()?;
        let rel = real.strip_prefix(&self.root).ok()?;
        let hidden = rel.components().any(|c| match c {
            Component::Normal(n) => n.to_string_lossy().starts_with('.'),
            _ => true,
        });
        if hidden {
            return None;
        }
        let meta = fs::metadata(&real).ok()?;
        Some((real, meta))
    }

    fn entry(&self, real: &Path, meta: &fs::Metadata) -> Lookup {
        let stamp = Stamp::of(meta);
        if let Ok(cache) = self.cache.lock()
            && let Some(e) = cache.map.get(real)
            && e.stamp == stamp
        {
            return Lookup::File(e.clone());
        }
        let Ok(bytes) = fs::read(real) else {
            return Lookup::NotFound;
        };
        let rel = real
            .strip_prefix(&self.root)
            .unwrap_or(real)
            .to_string_lossy()
            .replace('\\', "/");
        let entry = Arc::new(describe(rel, Bytes::from(bytes), stamp));
        if stamp.len <= CACHE_ENTRY_MAX
            && let Ok(mut cache) = self.cache.lock()
        {
            if cache.bytes + entry.body.len() > CACHE_TOTAL_MAX {
                cache.map.clear();
                cache.bytes = 0;
            }
            cache.bytes += entry.body.len();
            if let Some(old) = cache.map.insert(real.to_path_buf(), entry.clone()) {
                cache.bytes = cache.bytes.saturating_sub(old.body.len());
            }
        }
        Lookup::File(entry)
    }
}

fn describe(rel: String, body: Bytes, stamp: Stamp) -> FileEntry {
    let name = rel.rsplit('/').next().unwrap_or(&rel);
    let content_type = mime::content_type(name);
    let etag = if stamp.len <= CACHE_ENTRY_MAX {
        let hash = blake3::hash(&body).to_hex();
        format!("\"{}\"", &hash[..20])
    } else {
        let secs = stamp
            .modified
            .duration_since(SystemTime::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0);
        format!("W/\"{:x}-{:x}\"", stamp.len, secs)
    };
    let redirect = (mime::is_html(content_type) && body.len() <= REDIRECT_PAGE_MAX)
        .then(|| std::str::from_utf8(&body).ok().and_then(alias_target))
        .flatten();
    let last_modified = http_date(stamp.modified);
    FileEntry {
        content_type,
        etag_value: HeaderValue::from_str(&etag).unwrap_or(HeaderValue::from_static("\"\"")),
        last_modified_value: HeaderValue::from_str(&last_modified)
            .unwrap_or(HeaderValue::from_static("Thu, 01 Jan 1970 00:00:00 GMT")),
        etag,
        modified: stamp.modified,
        redirect,
        rel,
        stamp,
        body,
    }
}

/// The target of an alias page: its `<link rel="canonical">`, else its meta refresh
/// URL, accepted only when it is a path on this site (no scheme, no `//`).
pub fn alias_target(html: &str) -> Option<String> {
    let lower = html.to_ascii_lowercase();
    if !lower.contains("http-equiv=\"refresh\"") {
        return None;
    }
    let canonical = attr_after(html, &lower, "rel=\"canonical\"", "href=\"");
    let refresh = || {
        let content = attr_after(html, &lower, "http-equiv=\"refresh\"", "content=\"")?;
        let at = content.to_ascii_lowercase().find("url=")?;
        Some(content[at + 4..].trim().to_string())
    };
    let url = unescape(&canonical.or_else(refresh)?);
    let safe = url.starts_with('/')
        && !url.starts_with("//")
        && !url.chars().any(|c| c.is_control() || c == '\\' || c == '"');
    safe.then_some(url)
}

/// The value of attribute `attr` (given as `name="`) in the tag that contains `marker`.
fn attr_after(html: &str, lower: &str, marker: &str, attr: &str) -> Option<String> {
    let at = lower.find(marker)?;
    let start = lower[..at].rfind('<')?;
    let end = at + lower[at..].find('>')?;
    let tag = &lower[start..end];
    let v = tag.find(attr)? + attr.len();
    let len = tag[v..].find('"')?;
    Some(html[start + v..start + v + len].to_string())
}

fn unescape(s: &str) -> String {
    s.replace("&#x2F;", "/")
        .replace("&#47;", "/")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// A time as an HTTP date: `Sun, 06 Nov 1994 08:49:37 GMT`.
pub fn http_date(t: SystemTime) -> String {
    let dt: DateTime<Utc> = t.into();
    dt.format("%a, %d %b %Y %H:%M:%S GMT").to_string()
}

/// Parse an HTTP date (the IMF-fixdate form every current client sends).
pub fn parse_http_date(s: &str) -> Option<SystemTime> {
    DateTime::parse_from_rfc2822(s.trim())
        .ok()
        .map(|d| SystemTime::from(d.with_timezone(&Utc)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_alias_pages() {
        let page = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Moved</title>\n\
            <meta http-equiv=\"refresh\" content=\"0; url=&#x2F;guidance&#x2F;travel&#x2F;\">\n\
            <link rel=\"canonical\" href=\"&#x2F;guidance&#x2F;travel&#x2F;\"></head></html>";
        assert_eq!(alias_target(page).as_deref(), Some("/guidance/travel/"));
        let no_canonical = "<meta http-equiv=\"refresh\" content=\"0; url=/a/b/\">";
        assert_eq!(alias_target(no_canonical).as_deref(), Some("/a/b/"));
        let offsite = "<meta http-equiv=\"refresh\" content=\"0; url=https://evil.example/\">";
        assert_eq!(alias_target(offsite), None);
        let protocol_relative = "<meta http-equiv=\"refresh\" content=\"0; url=//evil.example/\">";
        assert_eq!(alias_target(protocol_relative), None);
        assert_eq!(alias_target("<p>no refresh</p>"), None);
    }

    #[test]
    fn http_dates_round_trip() {
        let t = SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(784_111_777);
        assert_eq!(http_date(t), "Sun, 06 Nov 1994 08:49:37 GMT");
        assert_eq!(parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT"), Some(t));
        assert_eq!(parse_http_date("yesterday"), None);
    }
}
