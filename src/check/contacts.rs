//! Contacts: every contact id a page names (as owner, in `contacts`, or in an inline
//! card) must be a contact page.

use crate::content::{Site, frontmatter};
use crate::error::{Diagnostic, did_you_mean};
use crate::render::markdown::Rendered;

pub fn check(site: &Site, rendered: &[Rendered]) -> Vec<Diagnostic> {
    let mut ids: Vec<&str> = site.contacts.keys().map(|s| s.as_str()).collect();
    ids.sort();
    let mut out = Vec::new();
    for (i, page) in site.pages.iter().enumerate() {
        let mut named: Vec<(&str, &'static str, Option<usize>)> = Vec::new();
        if let Some(o) = &page.fm.owner {
            named.push((o, "owner", None));
        }
        for c in &page.fm.contacts {
            named.push((c, "contacts", None));
        }
        for card in &rendered[i].cards {
            named.push((&card.id, "card", Some(card.line)));
        }
        for (id, field, line) in named {
            if site.contacts.contains_key(id) {
                continue;
            }
            let hint = match did_you_mean(id, &ids) {
                Some(s) => format!("did you mean `{s}`?"),
                None if ids.is_empty() => "add a contact page under content/contacts/".into(),
                None => format!(
                    "contact ids are the file names in content/contacts/, such as `{}`",
                    ids[0]
                ),
            };
            let what = match field {
                "owner" => "owner",
                "contacts" => "contact",
                _ => "contact card",
            };
            let mut d = Diagnostic::error(
                "unknown-contact",
                &page.display_path,
                format!("{what} `{id}` is not a known contact"),
            )
            .hint(hint);
            let pos = line.map(|l| (l, 1)).or_else(|| key_line(page, field, id));
            if let Some((l, c)) = pos {
                d = d.at(&page.text, l, c, 1);
            }
            out.push(d);
        }
    }
    out
}

/// The line of `id` within the front matter field `field`.
fn key_line(page: &crate::content::Page, field: &str, id: &str) -> Option<(usize, usize)> {
    let split = frontmatter::split(&page.text, &page.display_path).ok()?;
    let (start, _) = frontmatter::key_position(&split, field)?;
    let quoted = format!("\"{id}\"");
    page.text
        .lines()
        .enumerate()
        .skip(start - 1)
        .take(20)
        .find_map(|(n, l)| {
            l.find(&quoted)
                .or_else(|| l.find(id))
                .map(|c| (n + 1, l[..c].chars().count() + 1))
        })
}
