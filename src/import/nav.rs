//! MkDocs' `nav`: the reading order of pages and the titles navigation shows, as
//! `weight` and `nav_title` for guidebook.
//!
//! Input: the `nav` value of mkdocs.yml. Output: (content path, weight, title) per
//! page it names. Pure.

use serde_json::Value;

/// One page named by the navigation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NavPage {
    /// The file, relative to the docs folder.
    pub rel: String,
    /// Its place among its siblings: 10, 20, 30, …
    pub weight: i64,
    /// The title the navigation gives it, if it gives one.
    pub title: Option<String>,
}

/// Every page `nav` names, in order.
pub fn pages(nav: &Value) -> Vec<NavPage> {
    let mut out = Vec::new();
    walk(nav, &mut out);
    out
}

fn walk(list: &Value, out: &mut Vec<NavPage>) {
    let Some(items) = list.as_array() else {
        return;
    };
    for (i, item) in items.iter().enumerate() {
        let weight = (i as i64 + 1) * 10;
        match item {
            Value::String(path) => push(out, path, weight, None),
            Value::Object(m) => {
                for (title, v) in m {
                    match v {
                        Value::String(path) => push(out, path, weight, Some(title.clone())),
                        Value::Array(_) => walk(v, out),
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }
}

fn push(out: &mut Vec<NavPage>, path: &str, weight: i64, title: Option<String>) {
    let is_page = crate::util::paths::is_markdown(path);
    if is_page && !path.contains("://") {
        out.push(NavPage {
            rel: path
                .trim_start_matches("./")
                .trim_start_matches('/')
                .to_string(),
            weight,
            title,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_nav_gives_weights_and_titles() {
        let nav: Value = serde_saphyr::from_str(
            "- index.md\n- Guides:\n  - First: guides/first.md\n  - guides/second.md\n- Site: https://x.org/\n- About: about.md\n",
        )
        .unwrap();
        assert_eq!(
            pages(&nav),
            [
                NavPage {
                    rel: "index.md".into(),
                    weight: 10,
                    title: None
                },
                NavPage {
                    rel: "guides/first.md".into(),
                    weight: 10,
                    title: Some("First".into())
                },
                NavPage {
                    rel: "guides/second.md".into(),
                    weight: 20,
                    title: None
                },
                NavPage {
                    rel: "about.md".into(),
                    weight: 40,
                    title: Some("About".into())
                },
            ]
        );
    }
}
