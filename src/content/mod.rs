//! Content: the site model read from disk. Pages, sections, contacts and their URLs.
//!
//! Input: a [`Config`]. Output: a [`Site`] (plain data) and the [`Diagnostics`] found
//! while reading it. Reads files; never produces HTML (that is `render`), never writes.

mod addresses;
mod bare;
pub mod decision;
pub mod description;
pub mod fields;
pub mod fingerprint;
pub mod frontmatter;
pub mod generators;
pub mod kind;
mod load;
pub mod profile;
mod sections;
pub mod tags;
pub mod urls;
pub mod walk;

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

pub use fields::{Date, FrontMatter};
pub use kind::Kind;
pub use load::read_page;
pub use load::{Files, LoadOptions, load, page_from_bytes, read_files, refused_link};
/// Assemble a [`Site`] from already-read pages (used by incremental rebuilds).
pub(crate) use sections::assemble;

use crate::config::Visibility;

/// One page: a Markdown file, or a section index guidebook made up for a folder
/// without `_index.md`.
#[derive(Debug, Clone)]
pub struct Page {
    /// Path relative to the content folder, `/`-separated: the key links resolve to.
    pub rel: String,
    /// Absolute path of the file (none for a made-up section index).
    pub file: Option<PathBuf>,
    /// Path as shown in messages, relative to the site folder.
    pub display_path: String,
    /// The whole file text (kept so diagnostics can quote lines).
    pub text: String,
    /// Byte offset and 1-based line where the Markdown body starts.
    pub body_offset: usize,
    pub body_line: usize,
    /// URL path without the site prefix: `guidance/travel/` (`""` for home).
    pub path: String,
    pub kind: Kind,
    pub title: String,
    /// The title came from the body's first `# Heading` (which is then not repeated).
    pub title_from_heading: bool,
    pub fm: FrontMatter,
    /// The page's first paragraph as plain text (at most 160 characters), shown where
    /// its `summary` would be when it gives none; empty when it gives one.
    pub description: String,
    /// Index into [`Site::sections`] of the section this page is listed in.
    pub section: usize,
    /// This page is the index page of a section (that section's index).
    pub is_index: bool,
    /// The folder this page is the section page of, when that is not its own folder
    /// (a bare folder's `foo.md` beside `foo/`; see `bare.rs`).
    pub index_of: Option<String>,
    pub visibility: Visibility,
    /// Loading found an error in this page (reported already); rules that judge a
    /// page's metadata skip it so one mistake gives one message.
    pub has_errors: bool,
}

impl Page {
    pub fn body(&self) -> &str {
        &self.text[self.body_offset.min(self.text.len())..]
    }

    /// The page's `summary`, else its description (its first paragraph).
    pub fn summary(&self) -> &str {
        match self.fm.summary.as_deref() {
            Some(s) if !s.trim().is_empty() => s,
            _ => &self.description,
        }
    }

    /// The title navigation, breadcrumbs and listings show: `nav_title`, else the title.
    pub fn nav_title(&self) -> &str {
        self.fm
            .nav_title
            .as_deref()
            .filter(|t| !t.trim().is_empty())
            .unwrap_or(&self.title)
    }

    /// Whether a build includes this page: not a draft (unless `drafts`), and not
    /// past its `expires` date.
    pub fn is_built(&self, drafts: bool) -> bool {
        let today = || Date(chrono::Local::now().date_naive());
        (drafts || !self.fm.draft) && self.fm.expires.is_none_or(|e| e > today())
    }

    /// The id other pages use to name this page when it is a contact: its file stem.
    pub fn contact_id(&self) -> &str {
        let file = self.rel.rsplit('/').next().unwrap_or(&self.rel);
        file.strip_suffix(".md").unwrap_or(file)
    }
}

/// A folder of pages.
#[derive(Debug, Clone)]
pub struct Section {
    /// Folder relative to the content folder (`""` for the root).
    pub dir: String,
    /// Index into [`Site::pages`] of this section's index page.
    pub index: usize,
    pub parent: Option<usize>,
    /// Pages listed in this section (not its index), in reading order.
    pub pages: Vec<usize>,
    pub subsections: Vec<usize>,
}

/// A file under the content folder that is not Markdown, copied beside its pages.
#[derive(Debug, Clone)]
pub struct Asset {
    pub rel: String,
    pub file: PathBuf,
}

/// The whole site as read from disk.
#[derive(Debug, Clone, Default)]
pub struct Site {
    pub pages: Vec<Page>,
    pub sections: Vec<Section>,
    pub assets: Vec<Asset>,
    /// Content path → page index.
    pub by_rel: HashMap<String, usize>,
    /// URL path (without the site prefix, as [`Page::path`]) → page index.
    pub by_path: HashMap<String, usize>,
    /// Values Liquid tags in a bare Jekyll folder read (`site.repository` from
    /// `_config.yml`).
    pub vars: HashMap<String, String>,
    /// Contact id → page index.
    pub contacts: HashMap<String, usize>,
    /// Content paths of the assets.
    pub asset_rels: HashSet<String>,
    /// Content paths of pages this build's profile left out (internal pages in a
    /// public build), so links to them are reported as such.
    pub dropped: HashSet<String>,
    /// Tags, their pages, and what related pages are chosen from.
    pub tags: tags::TagIndex,
}

/// A build needs at least one Markdown file: a folder without any is most likely not
/// the site the user meant, so nothing is written.
/// (Only when the site has no page from a file is the folder walked again, to tell
/// "no Markdown at all" from "every page was a draft or left out by the profile".)
pub fn require_pages(
    config: &crate::config::Config,
    site: &Site,
    skip: &[PathBuf],
) -> crate::error::Result<()> {
    if site.pages.iter().any(|p| p.file.is_some())
        || !walk::walk(&config.content_dir, config.is_bare(), skip)?
            .pages
            .is_empty()
    {
        return Ok(());
    }
    Err(crate::error::Error::Usage(format!(
        "no Markdown files found in {}: nothing to build (pages are files ending in .md); is this the site folder?",
        config.content_dir.display()
    )))
}

impl Site {
    pub fn home(&self) -> &Page {
        &self.pages[self.sections[0].index]
    }

    /// The page at URL path `path` (`guidance/travel/`, no site prefix).
    pub fn page_by_path(&self, path: &str) -> Option<&Page> {
        self.by_path.get(path).map(|&i| &self.pages[i])
    }

    pub fn page_by_rel(&self, rel: &str) -> Option<&Page> {
        self.by_rel.get(rel).map(|&i| &self.pages[i])
    }

    pub fn contact(&self, id: &str) -> Option<&Page> {
        self.contacts.get(id).map(|&i| &self.pages[i])
    }

    /// The sections from the home down to the one `page` is in (for breadcrumbs).
    pub fn ancestry(&self, page: usize) -> Vec<usize> {
        let p = &self.pages[page];
        let mut chain = Vec::new();
        let mut s = Some(p.section);
        while let Some(i) = s {
            chain.push(i);
            s = self.sections[i].parent;
        }
        chain.reverse();
        chain
    }

    /// Whether an asset exists at this content path.
    pub fn has_asset(&self, rel: &str) -> bool {
        self.asset_rels.contains(rel)
    }
}
