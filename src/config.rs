//! Site configuration: `guidebook.toml` → [`Config`], with every path resolved once.
//!
//! Every setting has a default, so a folder without `guidebook.toml` builds. Unknown
//! keys are errors (a near miss gets a "did you mean" hint), reported as a
//! [`Diagnostic`] naming the file, line and column, and so are settings that parse
//! but cannot work (`config/checks.rs`: `base_url`, `theme`). Nothing else reads the
//! file.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{Diagnostic, Error, Result, Severity};

mod checks;

pub const CONFIG_FILE: &str = "guidebook.toml";

/// `guidebook.toml`, as written by the user (all fields optional).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Settings {
    pub title: String,
    pub description: String,
    /// Where the site is published, e.g. `https://intranet.example.ac.uk/research-security/`.
    /// Its path becomes the prefix of every URL.
    pub base_url: String,
    pub language: String,
    pub theme: String,
    /// `public` or `internal`: visibility of pages that say nothing.
    pub default_visibility: Visibility,
    pub markdown: MarkdownSettings,
    pub links: LinkSettings,
    pub output: OutputSettings,
    pub review: ReviewSettings,
    pub search: SearchSettings,
    pub profiles: BTreeMap<String, Profile>,
    /// `[check]`: the level of each rule that should not be its default, e.g.
    /// `review_overdue = "error"`. Keys are rule codes, with `_` or `-`.
    pub check: BTreeMap<String, RuleLevel>,
    /// Free data for templates.
    pub extra: toml::Table,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            title: String::new(),
            description: String::new(),
            base_url: String::new(),
            language: "en-GB".into(),
            theme: "default".into(),
            default_visibility: Visibility::Internal,
            markdown: MarkdownSettings::default(),
            links: LinkSettings::default(),
            output: OutputSettings::default(),
            review: ReviewSettings::default(),
            search: SearchSettings::default(),
            profiles: BTreeMap::new(),
            check: BTreeMap::new(),
            extra: toml::Table::new(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Visibility {
    Public,
    #[default]
    Internal,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct MarkdownSettings {
    /// Clean raw HTML in Markdown (no script, no event handlers, no `javascript:`).
    pub sanitize_html: bool,
    /// Smart punctuation (curly quotes, dashes).
    pub smart_punctuation: bool,
}

impl Default for MarkdownSettings {
    fn default() -> Self {
        MarkdownSettings {
            sanitize_html: true,
            smart_punctuation: false,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Error,
    Warning,
    Ignore,
}

/// The level a site sets for a rule in its `[check]` table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RuleLevel {
    Warning,
    Error,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct LinkSettings {
    /// A link to a page that does not exist. Defaults to `error` when the site has a
    /// guidebook.toml and to `warning` for a bare folder of Markdown.
    pub broken: Option<Level>,
    /// A link to a `#heading` that does not exist on the target page.
    pub missing_anchor: Level,
}

impl Default for LinkSettings {
    fn default() -> Self {
        LinkSettings {
            broken: None,
            missing_anchor: Level::Warning,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Robots {
    DisallowAll,
    AllowAll,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct OutputSettings {
    /// `disallow-all` (the default: an intranet) or `allow-all`.
    pub robots: Robots,
    /// Write `sitemap.xml`.
    pub sitemap: bool,
}

impl Default for OutputSettings {
    fn default() -> Self {
        OutputSettings {
            robots: Robots::DisallowAll,
            sitemap: true,
        }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct ReviewSettings {
    /// Review interval for pages that give none, e.g. `"12 months"`.
    pub every: String,
    /// A review due within this many days is a warning.
    pub due_soon_days: u32,
    /// Link from the review dashboard to edit a page; `{path}` is replaced by the
    /// file's path, e.g. `https://git.example.ac.uk/rs/-/edit/main/{path}`.
    pub edit_url: Option<String>,
}

impl Default for ReviewSettings {
    fn default() -> Self {
        ReviewSettings {
            every: "12 months".into(),
            due_soon_days: 30,
            edit_url: None,
        }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize, Default)]
#[serde(deny_unknown_fields, default)]
pub struct SearchSettings {
    /// Acronyms and synonyms: `ATAS = ["Academic Technology Approval Scheme"]`.
    pub synonyms: BTreeMap<String, Vec<String>>,
}

#[derive(Debug, Clone, Deserialize, Serialize, Default)]
#[serde(deny_unknown_fields, default)]
pub struct Profile {
    /// The least visibility an item needs to appear in this profile's build.
    pub visibility: Option<Visibility>,
    /// Override of `base_url` for this profile.
    pub base_url: Option<String>,
}

/// The resolved configuration a run works from.
#[derive(Debug, Clone)]
pub struct Config {
    pub settings: Settings,
    /// The site folder.
    pub root: PathBuf,
    /// Whether `guidebook.toml` exists (a bare folder of Markdown is more lenient).
    pub has_config_file: bool,
    /// Where pages are read from: `content/`, or the site folder itself.
    pub content_dir: PathBuf,
    pub templates_dir: PathBuf,
    pub static_dir: PathBuf,
    pub theme_dir: PathBuf,
    pub editions_dir: PathBuf,
    /// The URL path every link starts with: `/` or `/research-security/`.
    pub url_prefix: String,
    /// The profile this run builds (`None`: the intranet build, everything).
    pub profile: Option<Profile>,
    pub profile_name: Option<String>,
}

impl Config {
    /// Read `SITE/guidebook.toml` if it exists and resolve the site's folders.
    pub fn load(root: &Path) -> Result<Config> {
        if !root.is_dir() {
            return Err(Error::Usage(format!(
                "site folder {} does not exist or is not a folder",
                root.display()
            )));
        }
        let file = root.join(CONFIG_FILE);
        let (settings, has_config_file) = if file.is_file() {
            let text = std::fs::read_to_string(&file).map_err(|e| Error::read(&file, e))?;
            let settings = parse(&text)?;
            if let Some(d) = checks::check(&settings, &text, root) {
                return Err(Error::Config(Box::new(d)));
            }
            (settings, true)
        } else {
            (Settings::default(), false)
        };
        Ok(Config::resolve(root, settings, has_config_file))
    }

    /// Resolve folders and the URL prefix for already-parsed settings.
    pub fn resolve(root: &Path, settings: Settings, has_config_file: bool) -> Config {
        let content = root.join("content");
        let content_dir = if content.is_dir() {
            content
        } else {
            root.to_path_buf()
        };
        let url_prefix = url_prefix(&settings.base_url);
        let lenient = content_dir == root && !has_config_file;
        let layout = |name: &str| site_folder(root, name, lenient);
        Config {
            theme_dir: layout("themes").join(&settings.theme),
            templates_dir: layout("templates"),
            static_dir: layout("static"),
            editions_dir: root.join("editions"),
            root: root.to_path_buf(),
            has_config_file,
            content_dir,
            url_prefix,
            settings,
            profile: None,
            profile_name: None,
        }
    }

    /// Select the profile `name` from `[profiles.NAME]`; `public` and `internal` exist
    /// even when not configured.
    pub fn with_profile(mut self, name: Option<&str>) -> Result<Config> {
        let Some(name) = name else {
            return Ok(self);
        };
        let profile = match (self.settings.profiles.get(name), name) {
            (Some(p), _) => p.clone(),
            (None, "public") => Profile {
                visibility: Some(Visibility::Public),
                base_url: None,
            },
            (None, "internal" | "intranet") => Profile::default(),
            (None, _) => {
                let mut known: Vec<&str> =
                    self.settings.profiles.keys().map(|k| k.as_str()).collect();
                known.extend(["public", "internal"]);
                let hint = crate::error::did_you_mean(name, &known)
                    .map(|s| format!("; did you mean `{s}`?"))
                    .unwrap_or_default();
                return Err(Error::Usage(format!(
                    "unknown profile `{name}`: define it as [profiles.{name}] in guidebook.toml{hint}"
                )));
            }
        };
        if let Some(base) = &profile.base_url {
            self.settings.base_url = base.clone();
            self.url_prefix = url_prefix(base);
        }
        self.profile = Some(profile);
        self.profile_name = Some(name.to_string());
        Ok(self)
    }

    /// The site title, or the folder name when none is configured.
    pub fn title(&self) -> String {
        if !self.settings.title.is_empty() {
            return self.settings.title.clone();
        }
        self.root
            .canonicalize()
            .ok()
            .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
            .unwrap_or_else(|| "Guidebook".into())
    }

    /// The severity the site's `[check]` table sets for rule `code`, if it sets one.
    pub fn rule_level(&self, code: &str) -> Option<Severity> {
        self.settings
            .check
            .iter()
            .find(|(key, _)| crate::check::rules::code_of(key) == Some(code))
            .map(|(_, level)| match level {
                RuleLevel::Warning => Severity::Warning,
                RuleLevel::Error => Severity::Error,
            })
    }

    /// How a link to a missing page is reported.
    pub fn broken_link_level(&self) -> Level {
        self.settings
            .links
            .broken
            .unwrap_or(if self.has_config_file {
                Level::Error
            } else {
                Level::Warning
            })
    }

    /// Whether the content folder is the site folder itself (a bare folder of Markdown).
    pub fn is_bare(&self) -> bool {
        self.content_dir == self.root
    }

    /// A bare folder without `guidebook.toml`: most likely another generator's pages,
    /// so their conventions are adopted and every problem is a warning. A site with a
    /// `guidebook.toml` or `content/` keeps the strict rules.
    pub fn is_lenient(&self) -> bool {
        self.is_bare() && !self.has_config_file
    }

    /// A path for messages: relative to the site folder where possible.
    pub fn display_path(&self, path: &Path) -> String {
        path.strip_prefix(&self.root)
            .unwrap_or(path)
            .to_string_lossy()
            .replace('\\', "/")
    }
}

/// The folder `name` of the site's layout (`templates`, `static`, `themes`). In a bare
/// folder without guidebook.toml one that holds Markdown is pages (another
/// generator's site), so the layout role points at a folder that does not exist.
fn site_folder(root: &Path, name: &str, lenient: bool) -> PathBuf {
    let dir = root.join(name);
    if lenient && crate::util::paths::holds_markdown(&dir) {
        root.join(".guidebook-none").join(name)
    } else {
        dir
    }
}

/// The path part of `base_url`, always starting and ending with `/`.
fn url_prefix(base_url: &str) -> String {
    let without_scheme = match base_url.find("://") {
        Some(i) => {
            let rest = &base_url[i + 3..];
            rest.find('/').map(|j| &rest[j..]).unwrap_or("/")
        }
        None => base_url,
    };
    let trimmed = without_scheme.trim_matches('/');
    if trimmed.is_empty() {
        "/".into()
    } else {
        format!("/{trimmed}/")
    }
}

/// Parse the text of `guidebook.toml`.
pub fn parse(text: &str) -> Result<Settings> {
    toml::from_str::<Settings>(text)
        .map_err(|e| Error::Config(Box::new(config_diagnostic(text, &e))))
}

const KNOWN_KEYS: &[&str] = &[
    "title",
    "check",
    "description",
    "base_url",
    "language",
    "theme",
    "default_visibility",
    "markdown",
    "links",
    "output",
    "review",
    "search",
    "profiles",
    "extra",
    "sanitize_html",
    "smart_punctuation",
    "broken",
    "missing_anchor",
    "robots",
    "sitemap",
    "every",
    "due_soon_days",
    "edit_url",
    "synonyms",
    "visibility",
];

fn config_diagnostic(text: &str, e: &toml::de::Error) -> Diagnostic {
    let message = e.message().trim().to_string();
    let (line, column, span) = match e.span() {
        Some(r) => {
            let (l, c) = line_col(text, r.start);
            (l, c, r.end.saturating_sub(r.start).max(1))
        }
        None => (1, 1, 1),
    };
    let mut d =
        Diagnostic::error("config", CONFIG_FILE, first_line(&message)).at(text, line, column, span);
    if let Some(key) = unknown_key(&message)
        && let Some(s) = crate::error::did_you_mean(key, KNOWN_KEYS)
    {
        d = d.hint(format!("did you mean `{s}`?"));
    } else if message.contains("unknown field") {
        d = d.hint("see the README for the settings guidebook.toml accepts");
    }
    d
}

fn first_line(s: &str) -> String {
    s.lines().next().unwrap_or("").to_string()
}

fn unknown_key(message: &str) -> Option<&str> {
    let rest = message.strip_prefix("unknown field `")?;
    rest.split('`').next()
}

/// 1-based line and column of byte `offset` in `text`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..floor_char_boundary(text, offset)];
    let line = before.matches('\n').count() + 1;
    let col = before
        .rsplit('\n')
        .next()
        .map(|l| l.chars().count())
        .unwrap_or(0)
        + 1;
    (line, col)
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_without_file() {
        let s = parse("").unwrap();
        assert_eq!(s.default_visibility, Visibility::Internal);
        assert!(s.markdown.sanitize_html);
        assert_eq!(s.output.robots, Robots::DisallowAll);
    }

    #[test]
    fn unknown_key_is_an_error_with_line_and_hint() {
        let text = "title = \"X\"\nthem = \"default\"\n";
        let Err(Error::Config(d)) = parse(text) else {
            panic!("expected a config error")
        };
        assert_eq!(d.line, 2);
        assert!(
            d.message.starts_with("unknown field `them`"),
            "{}",
            d.message
        );
        assert_eq!(d.hint.as_deref(), Some("did you mean `theme`?"));
    }

    #[test]
    fn url_prefix_from_base_url() {
        assert_eq!(url_prefix(""), "/");
        assert_eq!(url_prefix("https://example.ac.uk"), "/");
        assert_eq!(url_prefix("https://example.ac.uk/rs"), "/rs/");
        assert_eq!(url_prefix("/a/b/"), "/a/b/");
    }
}
