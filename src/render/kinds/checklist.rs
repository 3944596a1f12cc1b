//! Checklists: Markdown task lists (`- [ ] Book a loan laptop`) as real checkboxes,
//! each item one control: `<input type="checkbox" id="task-…"><label for="task-…">`,
//! in a `<ul class="task-list">` that the theme's script counts and remembers.
//!
//! Used by `markdown.rs` while it rewrites the event stream: [`TaskLists::see`] before
//! each event, [`TaskLists::marker`] for pulldown-cmark's task marker, and
//! [`TaskLists::finish`] once at the end. Pure.

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use crate::content::urls::heading_id;

/// Task list state while one page's events are rewritten.
#[derive(Debug, Default)]
pub struct TaskLists {
    /// Open lists: (output index of their start, whether they hold a task).
    lists: Vec<(usize, bool)>,
    /// Output indexes of the starts of lists that hold tasks.
    task_lists: Vec<usize>,
    /// The item whose label is open: (placeholder index, label text, checked).
    open: Option<(usize, String, bool)>,
    /// Finished items: (placeholder index, label text, checked).
    items: Vec<(usize, String, bool)>,
}

/// Whether `e` starts or ends a block, where an item's label must end.
fn ends_label(e: &Event<'_>) -> bool {
    match e {
        Event::Start(t) => !matches!(
            t,
            Tag::Emphasis
                | Tag::Strong
                | Tag::Strikethrough
                | Tag::Link { .. }
                | Tag::Image { .. }
                | Tag::Superscript
                | Tag::Subscript
        ),
        Event::End(t) => matches!(
            t,
            TagEnd::Paragraph | TagEnd::Item | TagEnd::List(_) | TagEnd::BlockQuote(_)
        ),
        Event::Rule => true,
        _ => false,
    }
}

/// A heading-style id of at most about 40 characters, cut between words.
fn short_id(text: &str) -> String {
    let id = heading_id(text);
    if id.chars().count() <= 40 {
        return id;
    }
    let head: String = id.chars().take(40).collect();
    let cut = head.rfind('-').filter(|&i| i >= 16).unwrap_or(head.len());
    head[..cut].trim_end_matches('-').to_string()
}

impl TaskLists {
    /// Call with each event before it is pushed onto `out`.
    pub fn see(&mut self, e: &Event<'_>, out: &mut Vec<Event<'_>>) {
        if self.open.is_some() && ends_label(e) {
            self.close(out);
        }
        match e {
            Event::Start(Tag::List(_)) => self.lists.push((out.len(), false)),
            Event::End(TagEnd::List(_)) => {
                if let Some((start, true)) = self.lists.pop() {
                    self.task_lists.push(start);
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, text, _)) = &mut self.open {
                    text.push_str(t);
                }
            }
            _ => {}
        }
    }

    /// pulldown-cmark's task marker: a placeholder for the checkbox, and a label opens.
    pub fn marker(&mut self, checked: bool, out: &mut Vec<Event<'_>>) {
        if let Some(top) = self.lists.last_mut() {
            top.1 = true;
        }
        if self.open.is_some() {
            self.close(out);
        }
        self.open = Some((out.len(), String::new(), checked));
        out.push(Event::Html(CowStr::Borrowed("")));
    }

    fn close(&mut self, out: &mut Vec<Event<'_>>) {
        if let Some(item) = self.open.take() {
            out.push(Event::Html(CowStr::Borrowed("</label>")));
            self.items.push(item);
        }
    }

    /// Write the checkboxes and the task lists' class into `out`; `unique` turns a
    /// wanted id into one not yet used on the page.
    pub fn finish(mut self, out: &mut Vec<Event<'_>>, mut unique: impl FnMut(String) -> String) {
        self.close(out);
        for (at, text, checked) in self.items {
            let id = unique(format!("task-{}", short_id(&text)));
            let checked = if checked { " checked" } else { "" };
            out[at] = Event::Html(
                format!("<input type=\"checkbox\" id=\"{id}\"{checked}><label for=\"{id}\">")
                    .into(),
            );
        }
        for at in self.task_lists {
            let html = match &out[at] {
                Event::Start(Tag::List(Some(1))) => "<ol class=\"task-list\">\n".to_string(),
                Event::Start(Tag::List(Some(n))) => {
                    format!("<ol class=\"task-list\" start=\"{n}\">\n")
                }
                _ => "<ul class=\"task-list\">\n".to_string(),
            };
            out[at] = Event::Html(html.into());
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::render::markdown::{MarkdownOptions, Resolver, render};

    struct None_;
    impl Resolver for None_ {
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

    fn html(md: &str) -> String {
        render(md, "c.md", 1, MarkdownOptions::default(), &None_).html
    }

    #[test]
    fn each_task_is_one_labelled_checkbox() {
        assert_eq!(
            html("- [ ] Book a *loan* laptop\n- [x] Check `VPN`\n- Plain item\n"),
            "<ul class=\"task-list\">\n\
             <li><input type=\"checkbox\" id=\"task-book-a-loan-laptop\"><label for=\"task-book-a-loan-laptop\">Book a <em>loan</em> laptop</label></li>\n\
             <li><input type=\"checkbox\" id=\"task-check-vpn\" checked><label for=\"task-check-vpn\">Check <code>VPN</code></label></li>\n\
             <li>Plain item</li>\n\
             </ul>\n"
        );
    }

    #[test]
    fn nested_lists_and_loose_items_close_the_label_first() {
        let out = html("1. [ ] Pack\n   - [ ] Charger\n   - Socks\n\n2. [ ] Go\n\n   Now.\n");
        assert!(out.starts_with("<ol class=\"task-list\">\n<li>\n<p><input type=\"checkbox\" id=\"task-pack\"><label for=\"task-pack\">Pack</label></p>\n<ul class=\"task-list\">\n<li><input type=\"checkbox\" id=\"task-charger\"><label for=\"task-charger\">Charger</label></li>"), "{out}");
        assert!(
            out.contains("<label for=\"task-go\">Go</label></p>\n<p>Now.</p>"),
            "{out}"
        );
    }

    #[test]
    fn repeated_items_get_unique_ids_and_plain_lists_stay_plain() {
        let out = html("- [ ] Same\n- [ ] Same\n\n3. a\n");
        assert!(
            out.contains("id=\"task-same\"") && out.contains("id=\"task-same-1\""),
            "{out}"
        );
        assert!(out.contains("<ol start=\"3\">"), "{out}");
    }
}
