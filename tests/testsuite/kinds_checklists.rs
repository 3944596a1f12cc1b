//! Checklists: Markdown task lists become real checkboxes, each labelled by its item;
//! the theme's script counts and remembers them; printing gives empty boxes.

use std::fs;

use crate::support::kinds::*;
use crate::support::*;

#[test]
fn task_items_are_label_associated_checkboxes() {
    let (_t, out) = built("kinds-site");
    let html = read(out.join("checklists/travel/index.html"));
    let main = main_of(&html);
    assert!(main.contains(
        "<ul class=\"task-list\">\n\
         <li><input type=\"checkbox\" id=\"task-check-the-export-rules-for-your\"><label for=\"task-check-the-export-rules-for-your\">Check the <a href=\"/guide/legislation/eco/\">export rules</a> for <em>your</em> destination</label></li>\n\
         <li><input type=\"checkbox\" id=\"task-book-a-loan-laptop\" checked><label for=\"task-book-a-loan-laptop\">Book a loan laptop</label></li>\n\
         <li><input type=\"checkbox\" id=\"task-book-a-loan-laptop-1\"><label for=\"task-book-a-loan-laptop-1\">Book a loan laptop</label></li>\n\
         </ul>"
    ), "{main}");
    // Nested and numbered lists: the label closes before the sub-list.
    assert!(main.contains(
        "<ol class=\"task-list\">\n\
         <li><input type=\"checkbox\" id=\"task-return-the-laptop\"><label for=\"task-return-the-laptop\">Return the laptop</label><ul class=\"task-list\">\n\
         <li><input type=\"checkbox\" id=\"task-wipe-it-first\"><label for=\"task-wipe-it-first\">Wipe it first</label></li>"
    ), "{main}");
    // No disabled, unlabelled boxes are left; every id is used once and labelled once.
    assert!(!main.contains("disabled"));
    let ids: Vec<&str> = main
        .match_indices("<input type=\"checkbox\" id=\"")
        .map(|(i, m)| main[i + m.len()..].split('"').next().unwrap())
        .collect();
    assert_eq!(ids.len(), 5);
    for id in &ids {
        assert_eq!(main.matches(&format!("id=\"{id}\"")).count(), 1, "{id}");
        assert_eq!(main.matches(&format!("for=\"{id}\"")).count(), 1, "{id}");
    }
}

#[test]
fn the_script_counts_remembers_and_resets_and_print_shows_empty_boxes() {
    let (_t, out) = built("kinds-site");
    let html = read(out.join("checklists/travel/index.html"));
    let js_url = html
        .split("<script src=\"/guide/")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .expect("the theme script");
    let js = read(out.join(js_url));
    for needle in [
        "main .task-list input[type=checkbox]",
        "\"guidebook:tasks:\" + location.pathname",
        "done + \" of \" + boxes.length + \" done\"",
        "reset.textContent = \"Clear all ticks\"",
        "store.removeItem(key)",
    ] {
        assert!(js.contains(needle), "{needle}");
    }
    let css_url = html
        .split("<link rel=\"stylesheet\" href=\"/guide/")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .expect("the stylesheet");
    let css = read(out.join(css_url));
    let print = css
        .match_indices("@media print {")
        .map(|(i, _)| &css[i..])
        .find(|block| block.contains(".task-progress"))
        .expect("a print rule for checklists");
    assert!(print.contains("appearance: none;"), "{print}");
    // Navigation is not printed (the theme's general print rule).
    assert!(
        css.contains("@media print {\n  .skip-link, .site-search, .site-nav, .breadcrumbs, .toc,")
    );
}

#[test]
fn pages_without_task_lists_are_unchanged() {
    let (_t, out) = built("kinds-site");
    let html = read(out.join("guidance/partners/index.html"));
    assert!(!html.contains("task-list"));
    assert!(!html.contains("type=\"checkbox\""));
    // The knowledge base's checklists render as checkboxes too.
    let tmp = tempfile::tempdir().unwrap();
    let kb = tmp.path().join("public");
    let o = build(&root(), &kb);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let travel = fs::read_to_string(kb.join("checklists/before-you-travel/index.html")).unwrap();
    let source =
        fs::read_to_string(root().join("content/checklists/before-you-travel.md")).unwrap();
    let items = source.lines().filter(|l| l.starts_with("- [ ] ")).count();
    assert!(items > 10);
    assert_eq!(
        travel
            .matches("<input type=\"checkbox\" id=\"task-")
            .count(),
        items
    );
    assert_eq!(travel.matches("<label for=\"task-").count(), items);
}
