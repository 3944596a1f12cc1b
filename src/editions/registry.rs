//! The registry of published editions, `editions/editions.toml`.
//!
//! Input: the file's text. Output: a [`Registry`] with the editions in date order
//! (the order they were published). A malformed file is a configuration error naming
//! its line. [`entry_toml`] gives the text `edition cut` appends; the file is never
//! rewritten, so comments and hand-written summaries stay as they are.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::{REGISTRY_FILE, invalid_id};
use crate::config::{Config, line_col};
use crate::content::Date;
use crate::error::{Diagnostic, Error, Result};

/// One published edition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Edition {
    pub id: String,
    pub title: String,
    pub date: Date,
    pub summary: String,
    /// BLAKE3 of the edition's manifest (`editions/<id>.b3`), as hex.
    pub checksum: String,
}

/// Every edition, oldest first.
#[derive(Debug, Clone, Default)]
pub struct Registry {
    pub editions: Vec<Edition>,
    /// `editions/editions.toml`.
    pub path: PathBuf,
    /// The registry file exists (it may still list no edition).
    pub exists: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    edition: Vec<Entry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    id: String,
    #[serde(default)]
    title: Option<String>,
    date: DateField,
    #[serde(default)]
    summary: String,
    #[serde(default)]
    checksum: String,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum DateField {
    Toml(toml::value::Datetime),
    Text(String),
}

impl DateField {
    fn date(&self) -> Option<Date> {
        match self {
            DateField::Toml(d) => Date::parse(&d.to_string()),
            DateField::Text(s) => Date::parse(s),
        }
    }
}

impl Registry {
    /// Read `editions/editions.toml`; a site without it has no editions.
    pub fn load(config: &Config) -> Result<Registry> {
        let path = config.editions_dir.join(REGISTRY_FILE);
        if !path.is_file() {
            return Ok(Registry {
                path,
                ..Registry::default()
            });
        }
        let text = std::fs::read_to_string(&path).map_err(|e| Error::read(&path, e))?;
        let shown = config.display_path(&path);
        let editions = parse(&text, &shown).map_err(Error::Config)?;
        Ok(Registry {
            editions,
            path,
            exists: true,
        })
    }

    pub fn get(&self, id: &str) -> Option<&Edition> {
        self.editions.iter().find(|e| e.id == id)
    }

    pub fn latest(&self) -> Option<&Edition> {
        self.editions.last()
    }

    /// The edition published before `id`.
    pub fn previous(&self, id: &str) -> Option<&Edition> {
        let i = self.editions.iter().position(|e| e.id == id)?;
        i.checked_sub(1).map(|j| &self.editions[j])
    }

    /// The edition in force on `date` (the latest dated on or before it) and the one
    /// that replaced it, if any.
    pub fn in_force(&self, date: Date) -> Option<(&Edition, Option<&Edition>)> {
        let i = self.editions.iter().rposition(|e| e.date <= date)?;
        Some((&self.editions[i], self.editions.get(i + 1)))
    }
}

/// Parse the registry text; `shown` is its path for messages.
pub fn parse(text: &str, shown: &str) -> Result<Vec<Edition>, Box<Diagnostic>> {
    let file: File = toml::from_str(text).map_err(|e| {
        let (line, col, span) = match e.span() {
            Some(r) => {
                let (l, c) = line_col(text, r.start);
                (l, c, r.end.saturating_sub(r.start).max(1))
            }
            None => (1, 1, 1),
        };
        let message = e.message().lines().next().unwrap_or("").to_string();
        Box::new(
            Diagnostic::error("editions", shown, message)
                .at(text, line, col, span)
                .hint("each edition is a table: [[edition]] with id, title, date = YYYY-MM-DD, summary, checksum"),
        )
    })?;
    let mut out: Vec<Edition> = Vec::new();
    for entry in file.edition {
        let at = |msg: String| {
            let line = find_line(text, &entry.id);
            Box::new(Diagnostic::error("editions", shown, msg).at(text, line, 1, 1))
        };
        if let Some(why) = invalid_id(&entry.id) {
            return Err(at(format!("invalid edition id `{}`: {why}", entry.id)));
        }
        if out.iter().any(|e| e.id == entry.id) {
            return Err(at(format!("edition `{}` is listed twice", entry.id)));
        }
        let Some(date) = entry.date.date() else {
            return Err(at(format!(
                "edition `{}` has no valid date; write it as date = YYYY-MM-DD",
                entry.id
            )));
        };
        out.push(Edition {
            title: entry
                .title
                .filter(|t| !t.trim().is_empty())
                .unwrap_or_else(|| super::default_title(&entry.id)),
            id: entry.id,
            date,
            summary: entry.summary,
            checksum: entry.checksum,
        });
    }
    out.sort_by_key(|e| e.date);
    Ok(out)
}

/// The line of `id = "<id>"` in the text, for messages (1 when not found).
fn find_line(text: &str, id: &str) -> usize {
    text.lines()
        .position(|l| {
            let l = l.trim();
            l.starts_with("id") && l.contains(&format!("\"{id}\""))
        })
        .map_or(1, |i| i + 1)
}

/// The heading written at the top of a new registry.
pub const HEADER: &str = "# Published editions of this site, oldest first. `guidebook edition cut` appends\n\
# to this file. Each edition's files are frozen in editions/<id>/ and checked against\n\
# editions/<id>.b3 (its checksum is recorded here); never edit them.\n";

/// The TOML text of one edition, as appended to the registry.
pub fn entry_toml(e: &Edition) -> String {
    let q = |s: &str| toml::Value::String(s.to_string()).to_string();
    format!(
        "\n[[edition]]\nid = {}\ntitle = {}\ndate = {}\nsummary = {}\nchecksum = {}\n",
        q(&e.id),
        q(&e.title),
        e.date,
        q(&e.summary),
        q(&e.checksum)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ed(id: &str, date: &str) -> Edition {
        Edition {
            id: id.into(),
            title: super::super::default_title(id),
            date: Date::parse(date).unwrap(),
            summary: "A \"quoted\" summary".into(),
            checksum: "ab".into(),
        }
    }

    #[test]
    fn entries_round_trip_in_date_order() {
        let text = format!(
            "{HEADER}{}{}",
            entry_toml(&ed("2026-09", "2026-09-01")),
            entry_toml(&ed("2026-03", "2026-03-02"))
        );
        let eds = parse(&text, "editions/editions.toml").unwrap();
        assert_eq!(
            eds,
            vec![ed("2026-03", "2026-03-02"), ed("2026-09", "2026-09-01")]
        );
        let reg = Registry {
            editions: eds,
            ..Registry::default()
        };
        let d = |s| Date::parse(s).unwrap();
        assert!(reg.in_force(d("2026-01-01")).is_none());
        let (e, next) = reg.in_force(d("2026-05-01")).unwrap();
        assert_eq!(
            (e.id.as_str(), next.map(|n| n.id.as_str())),
            ("2026-03", Some("2026-09"))
        );
        assert_eq!(reg.in_force(d("2027-01-01")).unwrap().0.id, "2026-09");
        assert_eq!(reg.previous("2026-09").unwrap().id, "2026-03");
    }

    #[test]
    fn quoted_dates_and_missing_titles_are_accepted() {
        let eds = parse(
            "[[edition]]\nid = \"2026-03\"\ndate = \"2026-03-02\"\n",
            "x",
        )
        .unwrap();
        assert_eq!(eds[0].title, "March 2026");
    }

    #[test]
    fn problems_name_the_line() {
        let d = parse(
            "[[edition]]\nid = \"a\"\ndate = 2026-03-02\ntittle = \"x\"\n",
            "e.toml",
        )
        .unwrap_err();
        assert_eq!(d.line, 4, "{d}");
        assert!(
            d.message.starts_with("unknown field `tittle`"),
            "{}",
            d.message
        );
        let d = parse(
            "[[edition]]\nid = \"a\"\ndate = 2026-03-02\n[[edition]]\nid = \"a\"\ndate = 2026-03-03\n",
            "e.toml",
        )
        .unwrap_err();
        assert_eq!(d.message, "edition `a` is listed twice");
        let d = parse("[[edition]]\nid = \"a b\"\ndate = 2026-03-02\n", "e.toml").unwrap_err();
        assert_eq!(d.line, 2);
    }
}
