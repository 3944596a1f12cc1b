//! `guidebook new KIND SLUG [--site DIR]`: write one new page with the front matter
//! its kind needs and today's date as `reviewed`, in the kind's folder (or at the path
//! SLUG names under the content folder). Refuses to overwrite; opens nothing.
//!
//! Input: the arguments and the site folder. Output: one new file under the content
//! folder (never anything else), named in the summary line.

use std::fs::OpenOptions;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use clap::Args;

use super::Outcome;
use crate::config::Config;
use crate::content::decision::is_slug;
use crate::content::kind::PAGE_KINDS;
use crate::content::{Date, Kind, frontmatter};
use crate::error::{Error, Result};

#[derive(Debug, Args)]
pub struct NewArgs {
    /// guidance, legislation, case-study, checklist, training, support, contact or decision.
    pub kind: String,
    /// The page's file name without `.md` (`travel-visas`), or its path under the
    /// content folder (`guidance/travel/visas`).
    pub slug: String,
    /// The site folder.
    #[arg(long, default_value_os_t = super::default_site())]
    pub site: PathBuf,
}

pub fn run(a: NewArgs) -> Result<Outcome> {
    let kind = Kind::from_name(&a.kind)
        .filter(|k| PAGE_KINDS.contains(k))
        .ok_or_else(|| {
            let names: Vec<&str> = PAGE_KINDS.iter().map(|k| k.name()).collect();
            Error::Usage(format!(
                "unknown kind `{}`; choose one of: {}",
                a.kind,
                names.join(", ")
            ))
        })?;
    let config = Config::load(&a.site)?;
    let rel = page_rel(&config, kind, &a.slug)?;
    let file = config.content_dir.join(&rel);
    let today = Date(chrono::Local::now().date_naive());
    let owner = section_owner(&config, &rel);
    let text = page_text(kind, &rel, today, owner.as_deref());
    write_new(&file, &text, &config)?;
    Ok(Outcome {
        summary: Some(format!(
            "Created {} ({} page). Fill in the fields marked TODO.",
            config.display_path(&file),
            kind.name()
        )),
        ..Outcome::default()
    })
}

/// The folders a kind's pages conventionally live in, preferred first.
fn folders(kind: Kind) -> &'static [&'static str] {
    match kind {
        Kind::Legislation => &["legislation"],
        Kind::CaseStudy => &["case-studies", "case-study"],
        Kind::Checklist => &["checklists", "checklist"],
        Kind::Training => &["training"],
        Kind::Support => &["support"],
        Kind::Contact => &["contacts", "people"],
        Kind::Decision => &["triage", "decisions"],
        _ => &["guidance"],
    }
}

/// The content path of the new page.
fn page_rel(config: &Config, kind: Kind, slug: &str) -> Result<String> {
    let given = slug.trim();
    if given.starts_with(['/', '\\'])
        || given.split(['/', '\\']).any(|p| p == "..")
        || given.as_bytes().get(1) == Some(&b':')
    {
        return Err(Error::Usage(format!(
            "`{given}` is outside the content folder: guidebook new writes only under {}; give a path inside it, like `guidance/travel-visas`",
            config
                .display_path(&config.content_dir)
                .trim_end_matches('/')
                .to_string()
                + "/"
        )));
    }
    let slug = given.trim_end_matches(".md").trim_matches('/');
    if slug.is_empty() || !slug.split('/').all(is_slug) {
        return Err(Error::Usage(format!(
            "`{slug}` is not a page name: use lowercase letters, digits and hyphens, like `travel-visas` (or a path such as `guidance/travel-visas`)"
        )));
    }
    if slug.contains('/') {
        return Ok(format!("{slug}.md"));
    }
    let dirs = folders(kind);
    let dir = dirs
        .iter()
        .find(|d| config.content_dir.join(d).is_dir())
        .or_else(|| (kind == Kind::Guidance).then_some(&""))
        .unwrap_or(&dirs[0]);
    Ok(if dir.is_empty() {
        format!("{slug}.md")
    } else {
        format!("{dir}/{slug}.md")
    })
}

/// The owner of the nearest section index above `rel`, to start the page with one.
fn section_owner(config: &Config, rel: &str) -> Option<String> {
    let mut dir = Path::new(rel).parent();
    while let Some(d) = dir {
        let index = config.content_dir.join(d).join("_index.md");
        if let Ok(text) = std::fs::read_to_string(&index)
            && let Ok(split) = frontmatter::split(&text, "")
            && let Ok(map) = frontmatter::parse(&split, &text, "")
            && let Some(owner) = map.get("owner").and_then(|v| v.as_str())
        {
            return Some(owner.to_string());
        }
        dir = d.parent();
    }
    None
}

/// `visa-checks` → `Visa checks`.
fn title_of(rel: &str) -> String {
    let stem = rel
        .rsplit('/')
        .next()
        .unwrap_or(rel)
        .trim_end_matches(".md");
    let words = stem.replace('-', " ");
    let mut chars = words.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The whole text of the new page.
fn page_text(kind: Kind, rel: &str, today: Date, owner: Option<&str>) -> String {
    let title = title_of(rel);
    let top = rel.split('/').next().unwrap_or("");
    let implied = if rel.contains('/') {
        Kind::from_section(top)
    } else {
        Kind::Guidance
    };
    let mut fm = format!("+++\ntitle = \"{title}\"\n");
    if implied != kind {
        fm.push_str(&format!("kind = \"{}\"\n", kind.name()));
    }
    fm.push_str(
        "summary = \"TODO: one sentence saying what this page answers, for listings and search.\"\n",
    );
    match owner {
        Some(o) => fm.push_str(&format!("owner = \"{o}\"\n")),
        None => fm.push_str("# owner = \"contact-id\"   # the contact who keeps this page true\n"),
    }
    fm.push_str(&format!(
        "reviewed = {today}\ntags = []\ntopics = []\naudience = []\ncontacts = []\n"
    ));
    fm.push_str(&kind_fields(kind, &title, today));
    fm.push_str("+++\n\n");
    fm.push_str(body(kind));
    fm
}

fn kind_fields(kind: Kind, title: &str, today: Date) -> String {
    match kind {
        Kind::Legislation => format!(
            "# Shown in the legislation register and the page's facts box.\nshort_name = \"{title}\"\n\
             department = \"TODO: the government department that runs it\"\n\
             # in_force = 2026-01-01\nstatus = \"In force\"\n\
             requires = \"TODO: what it asks of researchers, in one line\"\n\
             official_url = \"\"\n"
        ),
        Kind::CaseStudy => format!(
            "# Shown in the case-study index.\ninstitution = \"TODO: the institution\"\nyear = {}\n",
            today.0.format("%Y")
        ),
        Kind::Contact => format!(
            "# The contact card, the directory and the vCard show these.\nname = \"{title}\"\n\
             role = \"TODO: their role\"\nteam = \"\"\nfaculty = \"\"\nemail = \"\"\nphone = \"\"\n\
             location = \"\"\nhours = \"\"\n\
             # Fields that only the intranet build shows, e.g. [\"phone\", \"location\"].\n\
             internal_fields = []\n"
        ),
        Kind::Decision => "start = \"first\"\n\n[[questions]]\nid = \"first\"\n\
             text = \"TODO: the first question?\"\nhelp = \"\"\n\
             answers = [\n  { label = \"Yes\", next = \"yes\" },\n  { label = \"No\", next = \"no\" },\n]\n\n\
             [[outcomes]]\nid = \"yes\"\ntitle = \"TODO: what applies when the answer is yes\"\n\
             body = \"\"\"\nTODO: what to do next.\n\"\"\"\nprocesses = []\ncontacts = []\n\n\
             [[outcomes]]\nid = \"no\"\ntitle = \"TODO: what applies when the answer is no\"\n\
             body = \"\"\"\nTODO: what to do next.\n\"\"\"\nprocesses = []\ncontacts = []\n"
            .into(),
        _ => String::new(),
    }
}

fn body(kind: Kind) -> &'static str {
    match kind {
        Kind::Checklist => {
            "TODO: say when to use this list.\n\n## Before you start\n\n- [ ] TODO: the first task\n- [ ] TODO: the next task\n"
        }
        Kind::Contact => "TODO: what to ask this contact about, and how they can help.\n",
        Kind::Decision => "TODO: what the questions help the reader decide.\n",
        _ => "TODO: write the page. Start with what the reader needs to do.\n",
    }
}

/// Create `file` with `text`, failing if it exists (also when created meanwhile).
fn write_new(file: &Path, text: &str, config: &Config) -> Result<()> {
    if file.exists() {
        return Err(Error::Usage(format!(
            "{} already exists; guidebook new never overwrites a page",
            config.display_path(file)
        )));
    }
    if let Some(parent) = file.parent() {
        std::fs::create_dir_all(parent).map_err(|e| Error::write(parent, e))?;
    }
    let mut f = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(file)
        .map_err(|e| Error::write(file, e))?;
    f.write_all(text.as_bytes())
        .map_err(|e| Error::write(file, e))
}
