//! Review governance: every page has an owner and a review date, and none is overdue.
//! Also the data behind the review dashboard and `check --format json`.

use serde::Serialize;

use crate::config::Config;
use crate::content::fields::Interval;
use crate::content::{Date, Page, Site, frontmatter};
use crate::error::Diagnostic;

/// Where a page stands against its review date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, PartialOrd, Ord)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    Overdue,
    DueSoon,
    NeverReviewed,
    Fine,
}

impl Status {
    pub fn label(self) -> &'static str {
        match self {
            Status::Overdue => "Overdue",
            Status::DueSoon => "Due soon",
            Status::NeverReviewed => "Never reviewed",
            Status::Fine => "Fine",
        }
    }
}

/// One row of the review dashboard.
#[derive(Debug, Clone, Serialize)]
pub struct ReviewItem {
    pub path: String,
    pub url: String,
    pub title: String,
    pub owner: Option<String>,
    pub owner_name: Option<String>,
    pub reviewed: Option<String>,
    pub review_every: String,
    pub due: Option<String>,
    pub status: Status,
    pub status_label: &'static str,
    /// Where to edit the page, from `[review] edit_url`.
    pub edit_url: Option<String>,
}

/// The review state of every page with a file, soonest due first.
pub fn items(config: &Config, site: &Site, today: Date) -> Vec<ReviewItem> {
    let soon = config.settings.review.due_soon_days;
    let mut items: Vec<ReviewItem> = site
        .pages
        .iter()
        .filter(|p| p.file.is_some())
        .map(|p| {
            let every = every(config, p);
            let due =
                p.fm.reviewed
                    .zip(Interval::parse(every))
                    .map(|(d, i)| i.after(d));
            let status = match due {
                None => Status::NeverReviewed,
                Some(d) if d < today => Status::Overdue,
                Some(d) if d <= Interval::Days(soon).after(today) => Status::DueSoon,
                Some(_) => Status::Fine,
            };
            ReviewItem {
                path: p.display_path.clone(),
                url: format!("{}{}", config.url_prefix, p.path),
                title: p.title.clone(),
                owner: p.fm.owner.clone(),
                owner_name: p
                    .fm
                    .owner
                    .as_ref()
                    .and_then(|o| site.contact(o))
                    .map(|c| c.fm.name.clone().unwrap_or_else(|| c.title.clone())),
                reviewed: p.fm.reviewed.map(|d| d.to_string()),
                review_every: every.to_string(),
                due: due.map(|d| d.to_string()),
                status,
                status_label: status.label(),
                edit_url: config
                    .settings
                    .review
                    .edit_url
                    .as_ref()
                    .map(|u| u.replace("{path}", &p.display_path)),
            }
        })
        .collect();
    items.sort_by(|a, b| (a.status, &a.due, &a.path).cmp(&(b.status, &b.due, &b.path)));
    items
}

fn every<'a>(config: &'a Config, p: &'a Page) -> &'a str {
    p.fm.review_every
        .as_deref()
        .unwrap_or(&config.settings.review.every)
}

/// Owner and review rules; only for sites with a guidebook.toml (a bare folder of
/// Markdown has no governance to check).
pub fn check(config: &Config, site: &Site, today: Date) -> Vec<Diagnostic> {
    if !config.has_config_file {
        return Vec::new();
    }
    let mut out = Vec::new();
    if Interval::parse(&config.settings.review.every).is_none() {
        out.push(
            Diagnostic::error(
                "review-interval",
                crate::config::CONFIG_FILE,
                format!(
                    "`[review] every = \"{}\"` is not an interval",
                    config.settings.review.every
                ),
            )
            .hint("write it like \"12 months\", \"6 weeks\" or \"2 years\""),
        );
    }
    let soon = config.settings.review.due_soon_days;
    for p in site
        .pages
        .iter()
        .filter(|p| p.file.is_some() && !p.has_errors)
    {
        out.extend(page_rules(config, p, today, soon));
    }
    out
}

fn page_rules(config: &Config, p: &Page, today: Date, soon: u32) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let at_key = |d: Diagnostic, key: &str| -> Diagnostic {
        let pos = frontmatter::split(&p.text, &p.display_path)
            .ok()
            .and_then(|s| frontmatter::key_position(&s, key));
        match pos {
            Some((l, c)) => d.at(&p.text, l, c, key.len()),
            None => d.at(&p.text, 1, 1, 3),
        }
    };
    if p.fm.owner.is_none() {
        out.push(
            at_key(
                Diagnostic::warning("no-owner", &p.display_path, "this page has no owner"),
                "owner",
            )
            .hint("add `owner = \"<contact id>\"`: the person who keeps this page true"),
        );
    }
    let every = every(config, p);
    let Some(interval) = Interval::parse(every) else {
        out.push(
            at_key(
                Diagnostic::error(
                    "review-interval",
                    &p.display_path,
                    format!("`review_every = \"{every}\"` is not an interval"),
                ),
                "review_every",
            )
            .hint("write it like \"12 months\", \"6 weeks\" or \"2 years\""),
        );
        return out;
    };
    let Some(reviewed) = p.fm.reviewed else {
        out.push(
            at_key(
                Diagnostic::warning(
                    "review-missing",
                    &p.display_path,
                    "this page has never been reviewed",
                ),
                "reviewed",
            )
            .hint(format!("review it, then add `reviewed = {today}`")),
        );
        return out;
    };
    let due = interval.after(reviewed);
    if due < today {
        out.push(
            at_key(
                Diagnostic::warning(
                    "review-overdue",
                    &p.display_path,
                    format!(
                        "review overdue: last reviewed {}, due {}",
                        reviewed.human(),
                        due.human()
                    ),
                ),
                "reviewed",
            )
            .hint(format!(
                "review the page with its owner, then set `reviewed = {today}`"
            )),
        );
    } else if due <= Interval::Days(soon).after(today) {
        out.push(
            at_key(
                Diagnostic::warning(
                    "review-due-soon",
                    &p.display_path,
                    format!("review due {} (within {soon} days)", due.human()),
                ),
                "reviewed",
            )
            .hint("plan the review with the page owner"),
        );
    }
    out
}
