//! Other generators' template tags in Markdown, expanded before the Markdown is
//! parsed: Hugo shortcodes (`{{< ref "x" >}}`, `{{% notice %}}`) and Liquid (`{% link
//! x %}`, `{{ site.baseurl }}`, `{% raw %}`).
//!
//! - Cross-references (`ref`, `relref`, `{% link %}`, `{% post_url %}`) become
//!   `@/path.md` links, which resolve like any Markdown link.
//! - `{{ site.baseurl }}` and the like are empty (links then start at the site root);
//!   `{{ "/x/" | relative_url }}` is `/x/`; an unknown tag used as a link's address
//!   (`]({% page "/x/" %})`) is its path.
//! - Code shortcodes (`highlight`, `code`) and `{% highlight %}` become fenced code;
//!   callout shortcodes (`alert`, `notice`, `note`, `warning`, …) become callouts;
//!   `{% raw %}` keeps its text; `{% comment %}` and `{% capture %}` are left out.
//! - Any other tag is left out of the page (and so of search text); the paired
//!   content between its tags stays. Each one left out is listed in [`Expanded::dropped`].
//!
//! Fenced code blocks and inline code are left as written, except that the escapes
//! generators need there (`{{</* x */>}}`, `{% raw %}`) are undone. Line breaks are
//! kept, so line numbers stay right. Pure.

mod refs;
mod scan;
pub mod tag;

use std::borrow::Cow;

use crate::content::Site;

/// The Markdown after expansion, and what was left out.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Expanded<'a> {
    pub text: Cow<'a, str>,
    pub dropped: Vec<Dropped>,
}

/// A tag left out of the page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dropped {
    /// How the tag is shown in reports: `{{< youtube >}}`, `{% include %}`.
    pub shown: String,
    /// Byte offset of the tag in the original text.
    pub offset: usize,
    pub len: usize,
}

/// How cross-references find pages: the site, and the page they are written in.
pub struct Context<'a> {
    pub site: &'a Site,
    pub from_rel: &'a str,
    /// The text is written back as Markdown (`import`), not rendered: `{% raw %}`
    /// blocks keep their markers, so their text stays as written.
    pub keep_raw: bool,
}

impl Context<'_> {
    /// The `@/` link for a Hugo `ref`/`relref` argument (`docs/a`, `a.md#part`).
    fn hugo_ref(&self, arg: &str) -> String {
        let (path, anchor) = split_anchor(arg);
        let rel = refs::find_ref(self.site, self.from_rel, path)
            .unwrap_or_else(|| fallback_rel(path, self.from_rel));
        format!("@/{rel}{anchor}")
    }

    /// The `@/` link for Jekyll's `{% link path %}` (from the site root); an address
    /// of another site stays as it is.
    fn jekyll_link(&self, arg: &str) -> String {
        if arg.contains("://") || arg.starts_with("mailto:") {
            return arg.to_string();
        }
        let (path, anchor) = split_anchor(arg);
        let rel = refs::find_ref(self.site, "", &format!("/{}", path.trim_start_matches('/')))
            .unwrap_or_else(|| path.trim_start_matches('/').to_string());
        format!("@/{rel}{anchor}")
    }

    /// The `@/` link for Jekyll's `{% post_url name %}`.
    fn post_url(&self, arg: &str) -> String {
        let (name, anchor) = split_anchor(arg);
        let rel = refs::find_post(self.site, name).unwrap_or_else(|| format!("_posts/{name}.md"));
        format!("@/{rel}{anchor}")
    }
}

/// A path that names no page, as a content path a broken-link report can name.
fn fallback_rel(path: &str, from_rel: &str) -> String {
    let p = path.trim_end_matches('/');
    let with_md = if p.ends_with(".md") || p.is_empty() {
        p.to_string()
    } else {
        format!("{p}.md")
    };
    match with_md.strip_prefix('/') {
        Some(abs) => abs.to_string(),
        None => match from_rel.rsplit_once('/') {
            Some((dir, _)) => format!("{dir}/{with_md}"),
            None => with_md,
        },
    }
}

fn split_anchor(arg: &str) -> (&str, &str) {
    match arg.find('#') {
        Some(i) => (&arg[..i], &arg[i..]),
        None => (arg, ""),
    }
}

/// Expand the template tags of `text` (a page's Markdown body).
pub fn expand<'a>(text: &'a str, ctx: &Context<'_>) -> Expanded<'a> {
    if !text.contains('{') && !text.contains("--8<--") && !text.contains(":::") {
        return Expanded {
            text: Cow::Borrowed(text),
            dropped: Vec::new(),
        };
    }
    scan::Scanner::new(text, ctx).run()
}

#[cfg(test)]
mod tests;
