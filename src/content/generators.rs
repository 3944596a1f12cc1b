//! Other generators' front matter: the keys Hugo, Jekyll and MkDocs pages carry,
//! rewritten into guidebook's own before the typed front matter is read.
//!
//! Input: the plain map of one page's front matter. Output: the same map in
//! guidebook's keys, plus what could not be carried over. A key with a meaning here
//! is mapped (`linkTitle` → `nav_title`, `keywords` → `tags`, `date: {created}` →
//! `date`, ...; the table is in the README); in a bare folder the values are also
//! coerced to the type guidebook expects (`aliases: /old/` → a list). Knows nothing
//! of files or HTML. `import` writes what this returns.

use serde_json::{Map, Value};

/// A key was moved or dropped: `from` is the key as written, `to` where it went
/// (`None`: it was dropped because its value says nothing guidebook can use).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Moved {
    pub from: String,
    pub to: Option<&'static str>,
    pub why: String,
}

/// Keys renamed as they are: (other generator's key, guidebook's key).
const RENAMED: &[(&str, &str)] = &[
    ("linkTitle", "nav_title"),
    ("linktitle", "nav_title"),
    ("sidebar_label", "nav_title"),
    ("url", "permalink"),
    ("expiryDate", "expires"),
    ("expirydate", "expires"),
    ("expiry_date", "expires"),
    ("publishDate", "date"),
    ("publishdate", "date"),
    ("pubDate", "date"),
    ("lastmod", "updated"),
    ("last_modified_at", "updated"),
    ("excerpt", "summary"),
    ("layout", "template"),
    ("nav_order", "weight"),
    ("sidebar_position", "weight"),
];

/// Keys whose values are added to a list of guidebook's.
const MERGED_INTO_TAGS: &[&str] = &["keywords", "categories", "category"];

/// Keys that, when true, keep a page out of its section's listing.
const HIDING: &[&str] = &["nav_exclude", "toc_hide"];

/// Guidebook's keys and the type each takes, for coercion in a bare folder.
const LISTS: &[&str] = &[
    "redirect_from",
    "tags",
    "topics",
    "audience",
    "contacts",
    "aliases",
    "internal_fields",
];
const TEXTS: &[&str] = &[
    "title",
    "description",
    "summary",
    "owner",
    "slug",
    "permalink",
    "template",
    "nav_title",
    "redirect_to",
    "review_every",
    "kind",
];
const BOOLS: &[&str] = &["draft", "hidden", "toc"];
const NUMBERS: &[&str] = &["weight"];

/// Rewrite `map` in guidebook's keys. `bare`: the page is in a folder without
/// guidebook's configuration, so values are coerced to the types guidebook reads.
pub fn translate(map: &mut Map<String, Value>, bare: bool) -> Vec<Moved> {
    let mut moved = Vec::new();
    for &(from, to) in RENAMED {
        if let Some(v) = map.remove(from) {
            if map.contains_key(to) {
                moved.push(dropped(from, format!("`{to}` is already set")));
            } else {
                map.insert(to.to_string(), v);
                moved.push(Moved {
                    from: from.into(),
                    to: Some(to),
                    why: String::new(),
                });
            }
        }
    }
    merge_tags(map, &mut moved);
    map_date(map, &mut moved);
    map_flags(map, &mut moved);
    map_params(map, &mut moved);
    map_redirect_to(map, &mut moved);
    drop_placeholder_permalink(map, &mut moved);
    if bare {
        coerce(map, &mut moved);
    }
    moved
}

fn dropped(from: &str, why: String) -> Moved {
    Moved {
        from: from.into(),
        to: None,
        why,
    }
}

/// `keywords`, `categories` and `category` join `tags`, each tag once.
fn merge_tags(map: &mut Map<String, Value>, moved: &mut Vec<Moved>) {
    for &key in MERGED_INTO_TAGS {
        let Some(v) = map.remove(key) else { continue };
        let mut tags = map.remove("tags").map(as_list).unwrap_or_default();
        for t in as_list(v) {
            if !tags.contains(&t) {
                tags.push(t);
            }
        }
        map.insert("tags".into(), Value::Array(tags));
        moved.push(Moved {
            from: key.into(),
            to: Some("tags"),
            why: String::new(),
        });
    }
}

/// MkDocs' blog: `date: {created: 2024-01-01, updated: 2024-02-01}`.
fn map_date(map: &mut Map<String, Value>, moved: &mut Vec<Moved>) {
    let Some(Value::Object(parts)) = map.get("date").cloned() else {
        return;
    };
    map.remove("date");
    if let Some(created) = parts.get("created") {
        map.insert("date".into(), created.clone());
        moved.push(Moved {
            from: "date.created".into(),
            to: Some("date"),
            why: String::new(),
        });
    }
    if let Some(updated) = parts
        .get("updated")
        .filter(|_| !map.contains_key("updated"))
    {
        map.insert("updated".into(), updated.clone());
        moved.push(Moved {
            from: "date.updated".into(),
            to: Some("updated"),
            why: String::new(),
        });
    }
}

/// `published: false` → a draft; `hide: [toc]` → no contents; `nav_exclude: true`
/// → hidden from the listing.
fn map_flags(map: &mut Map<String, Value>, moved: &mut Vec<Moved>) {
    if let Some(v) = map.remove("published") {
        if v == Value::Bool(false) && !map.contains_key("draft") {
            map.insert("draft".into(), Value::Bool(true));
            moved.push(Moved {
                from: "published".into(),
                to: Some("draft"),
                why: String::new(),
            });
        } else {
            moved.push(dropped(
                "published",
                "pages are published unless they are drafts".into(),
            ));
        }
    }
    if let Some(v) = map.remove("hide") {
        let hides_toc = as_list(v).iter().any(|h| h == "toc");
        if hides_toc && !map.contains_key("toc") {
            map.insert("toc".into(), Value::Bool(false));
            moved.push(Moved {
                from: "hide".into(),
                to: Some("toc"),
                why: String::new(),
            });
        } else {
            moved.push(dropped(
                "hide",
                "only `hide: [toc]` means something here".into(),
            ));
        }
    }
    for &key in HIDING {
        if let Some(v) = map.remove(key)
            && v == Value::Bool(true)
            && !map.contains_key("hidden")
        {
            map.insert("hidden".into(), Value::Bool(true));
            moved.push(Moved {
                from: key.into(),
                to: Some("hidden"),
                why: String::new(),
            });
        }
    }
}

/// Hugo's `params` are free data: they join `[extra]`.
fn map_params(map: &mut Map<String, Value>, moved: &mut Vec<Moved>) {
    let Some(Value::Object(params)) = map.remove("params") else {
        return;
    };
    let mut extra = match map.remove("extra") {
        Some(Value::Object(e)) => e,
        _ => Map::new(),
    };
    for (k, v) in params {
        extra.entry(k).or_insert(v);
    }
    map.insert("extra".into(), Value::Object(extra));
    moved.push(Moved {
        from: "params".into(),
        to: Some("extra"),
        why: String::new(),
    });
}

/// Jekyll's `redirect_to` may be a list; the first address is the one that counts.
fn map_redirect_to(map: &mut Map<String, Value>, _moved: &mut [Moved]) {
    if let Some(Value::Array(list)) = map.get("redirect_to") {
        let first = list.first().cloned().unwrap_or(Value::Null);
        map.insert("redirect_to".into(), first);
    }
}

/// A permalink with placeholders (`/:categories/:title/`) describes a pattern, not
/// a URL; the page keeps the URL of its file.
fn drop_placeholder_permalink(map: &mut Map<String, Value>, moved: &mut Vec<Moved>) {
    let pattern = map
        .get("permalink")
        .and_then(Value::as_str)
        .is_some_and(|p| p.split('/').any(|part| part.starts_with(':')));
    if pattern {
        map.remove("permalink");
        moved.push(dropped(
            "permalink",
            "it is a pattern with placeholders; the page keeps its file's URL".into(),
        ));
    }
}

/// Give each of guidebook's keys a value of the type it takes, where the value says
/// it plainly (`aliases: /old/`, `title: 2024`, `weight: "3"`); drop `null`s.
fn coerce(map: &mut Map<String, Value>, moved: &mut Vec<Moved>) {
    let keys: Vec<String> = map.keys().cloned().collect();
    for key in keys {
        let k = key.as_str();
        let v = map.remove(k).unwrap_or(Value::Null);
        let coerced = if v.is_null() {
            None
        } else if LISTS.contains(&k) {
            Some(Value::Array(as_list(v)))
        } else if TEXTS.contains(&k) {
            as_text(&v).map(Value::String)
        } else if BOOLS.contains(&k) {
            as_bool(&v).map(Value::Bool)
        } else if NUMBERS.contains(&k) {
            as_number(&v).map(Value::from)
        } else {
            Some(v)
        };
        match coerced {
            Some(c) => {
                map.insert(key, c);
            }
            None => moved.push(dropped(
                k,
                "its value is empty or of a type guidebook cannot read".into(),
            )),
        }
    }
}

/// A list of texts from a list, a comma-separated text or a single value.
fn as_list(v: Value) -> Vec<Value> {
    match v {
        Value::Array(items) => items
            .into_iter()
            .filter_map(|i| as_text(&i))
            .map(Value::String)
            .collect(),
        Value::String(s) => s
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|s| Value::String(s.to_string()))
            .collect(),
        Value::Null => Vec::new(),
        other => as_text(&other).map(Value::String).into_iter().collect(),
    }
}

fn as_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

fn as_bool(v: &Value) -> Option<bool> {
    match v {
        Value::Bool(b) => Some(*b),
        Value::String(s) => s.trim().to_ascii_lowercase().parse().ok(),
        _ => None,
    }
}

fn as_number(v: &Value) -> Option<i64> {
    match v {
        Value::Number(n) => n.as_i64().or_else(|| n.as_f64().map(|f| f.round() as i64)),
        Value::String(s) => s.trim().parse::<f64>().ok().map(|f| f.round() as i64),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn run(v: Value, bare: bool) -> (Value, Vec<Moved>) {
        let Value::Object(mut m) = v else { panic!() };
        let moved = translate(&mut m, bare);
        (Value::Object(m), moved)
    }

    #[test]
    fn hugo_keys() {
        let (m, _) = run(
            json!({"title": "T", "linkTitle": "Short", "url": "/x/", "expiryDate": "2020-01-01",
                   "publishDate": "2021-02-03", "keywords": ["a", "b"], "tags": ["b", "c"],
                   "params": {"colour": "red"}, "lastmod": "2022-01-01"}),
            false,
        );
        assert_eq!(
            m,
            json!({"title": "T", "nav_title": "Short", "permalink": "/x/", "expires": "2020-01-01",
                   "date": "2021-02-03", "tags": ["b", "c", "a"], "extra": {"colour": "red"},
                   "updated": "2022-01-01"})
        );
    }

    #[test]
    fn jekyll_and_mkdocs_keys() {
        let (m, moved) = run(
            json!({"permalink": "/:categories/:title/", "published": false, "excerpt": "E",
                   "categories": "news, events", "redirect_to": ["https://x.org/"],
                   "date": {"created": "2024-01-01", "updated": "2024-02-01"},
                   "hide": ["navigation", "toc"], "layout": "post", "nav_order": 3}),
            false,
        );
        assert_eq!(
            m,
            json!({"draft": true, "summary": "E", "tags": ["news", "events"],
                   "redirect_to": "https://x.org/", "date": "2024-01-01", "updated": "2024-02-01",
                   "toc": false, "template": "post", "weight": 3})
        );
        assert!(
            moved
                .iter()
                .any(|m| m.from == "permalink" && m.to.is_none())
        );
    }

    #[test]
    fn bare_folders_coerce_plain_values() {
        let (m, moved) = run(
            json!({"aliases": "/old/", "title": 2024, "weight": "3", "draft": "false",
                   "summary": null, "owner": {"a": 1}}),
            true,
        );
        assert_eq!(
            m,
            json!({"aliases": ["/old/"], "title": "2024", "weight": 3, "draft": false})
        );
        let gone: Vec<&str> = moved
            .iter()
            .filter(|m| m.to.is_none())
            .map(|m| m.from.as_str())
            .collect();
        assert_eq!(gone, ["owner", "summary"]);
    }
}
