//! The site being imported: which generator made it, where its pages and static files
//! are, and what its configuration says (title, base URL, language, MkDocs' `nav`).
//!
//! Input: the SOURCE folder and `--from`. Output: a [`Source`]. Reads configuration
//! files; writes nothing.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::error::{Error, Result};

/// The generators `import` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Generator {
    /// Tell from the configuration file found in SOURCE.
    Auto,
    Jekyll,
    Hugo,
    Mkdocs,
}

/// A site to import.
#[derive(Debug, Clone)]
pub struct Source {
    pub generator: Generator,
    /// The configuration file read, relative to SOURCE, if any.
    pub config_file: Option<String>,
    /// Where the Markdown pages are.
    pub content_dir: PathBuf,
    /// Folders of files copied as they are (Hugo's `static/`).
    pub static_dirs: Vec<PathBuf>,
    /// Folders under the content folder that hold no pages (Jekyll's `_layouts/`).
    pub skip: Vec<PathBuf>,
    pub title: String,
    pub description: String,
    pub base_url: String,
    pub language: String,
    /// MkDocs' `nav`, when it has one.
    pub nav: Option<Value>,
}

const HUGO_CONFIGS: &[&str] = &[
    "hugo.toml",
    "hugo.yaml",
    "hugo.yml",
    "hugo.json",
    "config.toml",
    "config.yaml",
    "config.yml",
    "config.json",
    "config/_default/hugo.toml",
    "config/_default/hugo.yaml",
    "config/_default/config.toml",
    "config/_default/config.yaml",
];

/// Jekyll folders and files that are not pages or files of the site.
const JEKYLL_SKIP: &[&str] = &[
    "_site",
    "_layouts",
    "_includes",
    "_sass",
    "_data",
    "_plugins",
    "vendor",
    ".jekyll-cache",
];

/// Read SOURCE as a site of `from` (or of whichever generator its files show).
pub fn read(source: &Path, from: Generator) -> Result<Source> {
    let generator = match from {
        Generator::Auto => detect(source).ok_or_else(|| {
            Error::Usage(format!(
                "{} has no _config.yml, hugo.toml, config.toml or mkdocs.yml; say which generator made it with --from jekyll, hugo or mkdocs",
                source.display()
            ))
        })?,
        other => other,
    };
    match generator {
        Generator::Jekyll => jekyll(source),
        Generator::Hugo => hugo(source),
        Generator::Mkdocs | Generator::Auto => mkdocs(source),
    }
}

fn detect(source: &Path) -> Option<Generator> {
    if ["mkdocs.yml", "mkdocs.yaml"]
        .iter()
        .any(|f| source.join(f).is_file())
    {
        Some(Generator::Mkdocs)
    } else if HUGO_CONFIGS.iter().any(|f| is_hugo_config(&source.join(f))) {
        Some(Generator::Hugo)
    } else if source.join("_config.yml").is_file() || source.join("_config.yaml").is_file() {
        Some(Generator::Jekyll)
    } else {
        None
    }
}

/// Whether `path` is a Hugo configuration: `hugo.*` always; a plain `config.*` (other
/// tools use that name too) when it names Hugo's `baseURL` or `contentDir`.
fn is_hugo_config(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.is_file()
        && (name.starts_with("hugo.")
            || std::fs::read_to_string(path).is_ok_and(|t| {
                let t = t.to_ascii_lowercase();
                t.contains("baseurl") || t.contains("contentdir")
            }))
}

/// The first of `names` that exists in `dir`, parsed.
fn config(dir: &Path, names: &[&str]) -> Result<(Option<String>, Value)> {
    for name in names {
        let path = dir.join(name);
        if path.is_file() {
            let text = std::fs::read_to_string(&path).map_err(|e| Error::read(&path, e))?;
            let value = parse(name, &text)
                .map_err(|e| Error::Usage(format!("cannot read {}: {e}", path.display())))?;
            return Ok((Some(name.to_string()), value));
        }
    }
    Ok((None, Value::Null))
}

fn parse(name: &str, text: &str) -> std::result::Result<Value, String> {
    if name.ends_with(".toml") {
        let table: toml::Table = toml::from_str(text).map_err(|e| e.message().to_string())?;
        serde_json::to_value(table).map_err(|e| e.to_string())
    } else if name.ends_with(".json") {
        serde_json::from_str(text).map_err(|e| e.to_string())
    } else {
        serde_saphyr::from_str::<Value>(&without_yaml_tags(text)).map_err(|e| e.to_string())
    }
}

/// MkDocs files use YAML tags for Python objects (`!!python/name:…`, `!ENV`); they
/// mean nothing here, so the tagged values are read as plain text.
fn without_yaml_tags(text: &str) -> String {
    text.lines()
        .map(|l| {
            l.split(' ')
                .filter(|w| {
                    !(w.starts_with("!!") || w.starts_with("!ENV") || w.starts_with("!relative"))
                })
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn text(v: &Value, path: &[&str]) -> String {
    let mut cur = v;
    for p in path {
        cur = match cur.get(p) {
            Some(c) => c,
            None => return String::new(),
        };
    }
    cur.as_str().map(str::to_string).unwrap_or_default()
}

fn jekyll(source: &Path) -> Result<Source> {
    let (file, cfg) = config(source, &["_config.yml", "_config.yaml"])?;
    let mut skip: Vec<PathBuf> = JEKYLL_SKIP.iter().map(|d| source.join(d)).collect();
    if let Some(list) = cfg.get("exclude").and_then(Value::as_array) {
        skip.extend(
            list.iter()
                .filter_map(Value::as_str)
                .map(|d| source.join(d.trim_matches('/'))),
        );
    }
    let url = text(&cfg, &["url"]);
    let base = text(&cfg, &["baseurl"]);
    Ok(Source {
        generator: Generator::Jekyll,
        config_file: file,
        content_dir: source.to_path_buf(),
        static_dirs: Vec::new(),
        skip,
        title: text(&cfg, &["title"]),
        description: text(&cfg, &["description"]),
        base_url: join_url(&url, &base),
        language: text(&cfg, &["lang"]),
        nav: None,
    })
}

fn hugo(source: &Path) -> Result<Source> {
    let (file, cfg) = config(source, HUGO_CONFIGS)?;
    let lang = match text(&cfg, &["defaultContentLanguage"]) {
        l if l.is_empty() => "en".to_string(),
        l => l,
    };
    let dir = [
        text(&cfg, &["languages", &lang, "contentDir"]),
        text(&cfg, &["contentDir"]),
        "content".to_string(),
    ]
    .into_iter()
    .find(|d| !d.is_empty() && source.join(d).is_dir())
    .unwrap_or_else(|| "content".into());
    let mut content_dir = source.join(dir);
    if content_dir.join(&lang).is_dir() {
        // one folder per language (Hugo modules mount content/<lang>)
        content_dir = content_dir.join(&lang);
    }
    let language = [
        text(&cfg, &["languageCode"]),
        text(&cfg, &["languages", &lang, "locale"]),
    ]
    .into_iter()
    .find(|l| !l.is_empty())
    .unwrap_or(lang);
    Ok(Source {
        generator: Generator::Hugo,
        config_file: file,
        content_dir,
        static_dirs: vec![source.join("static")],
        skip: Vec::new(),
        title: text(&cfg, &["title"]),
        description: text(&cfg, &["params", "description"]),
        base_url: text(&cfg, &["baseURL"]),
        language,
        nav: None,
    })
}

fn mkdocs(source: &Path) -> Result<Source> {
    let (file, cfg) = config(source, &["mkdocs.yml", "mkdocs.yaml"])?;
    let docs = match text(&cfg, &["docs_dir"]) {
        d if d.is_empty() => "docs".to_string(),
        d => d,
    };
    let language = [
        text(&cfg, &["theme", "language"]),
        text(&cfg, &["theme", "locale"]),
    ]
    .into_iter()
    .find(|l| !l.is_empty())
    .unwrap_or_default();
    Ok(Source {
        generator: Generator::Mkdocs,
        config_file: file,
        content_dir: source.join(docs),
        static_dirs: Vec::new(),
        skip: Vec::new(),
        title: text(&cfg, &["site_name"]),
        description: text(&cfg, &["site_description"]),
        base_url: text(&cfg, &["site_url"]),
        language,
        nav: cfg.get("nav").cloned(),
    })
}

fn join_url(url: &str, base: &str) -> String {
    match (url.trim_end_matches('/'), base.trim_matches('/')) {
        ("", "") => String::new(),
        (u, "") => format!("{u}/"),
        (u, b) => format!("{u}/{b}/"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_tags_are_read_as_text() {
        let v = parse(
            "mkdocs.yml",
            "site_name: Docs\nmarkdown_extensions:\n  - pymdownx.emoji:\n      emoji_index: !!python/name:material.extensions.emoji.twemoji\n",
        )
        .unwrap();
        assert_eq!(v["site_name"], "Docs");
    }

    #[test]
    fn a_plain_config_file_is_hugo_only_when_it_says_so() {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::write(
            tmp.path().join("config.yaml"),
            "carpentry: swc\ntitle: Shell\n",
        )
        .unwrap();
        assert_eq!(detect(tmp.path()), None);
        std::fs::write(tmp.path().join("config.yaml"), "baseURL: https://x.org/\n").unwrap();
        assert_eq!(detect(tmp.path()), Some(Generator::Hugo));
        std::fs::write(tmp.path().join("hugo.toml"), "title = \"T\"\n").unwrap();
        std::fs::write(tmp.path().join("config.yaml"), "carpentry: swc\n").unwrap();
        assert_eq!(detect(tmp.path()), Some(Generator::Hugo));
    }

    #[test]
    fn jekyll_urls_join_base() {
        assert_eq!(join_url("https://x.org", "/docs"), "https://x.org/docs/");
        assert_eq!(join_url("", "/docs"), "/docs/");
        assert_eq!(join_url("https://x.org/", ""), "https://x.org/");
    }
}
