//! The template contract of the kind-specific pages: what `contacts.html`,
//! `legislation-register.html`, `case-studies.html`, the triage templates and
//! `page.triage` see. Documented in the README's "Templates" section with the rest of
//! `context/mod.rs`; renaming a field breaks users' templates.

use serde::Serialize;

use super::ContactCtx;

/// A link to a page, for grouped lists.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct LinkCtx {
    pub title: String,
    pub url: String,
}

/// A named group of links (a faculty, a topic, an institution, a year).
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct GroupCtx {
    pub name: String,
    /// An id for the group's heading, unique on the page.
    pub id: String,
    pub links: Vec<LinkCtx>,
}

/// `directory` on a contacts section page (`contacts.html`).
#[derive(Debug, Clone, Serialize)]
pub struct DirectoryCtx {
    pub count: usize,
    /// Contacts grouped by team, teams in reading order.
    pub teams: Vec<TeamCtx>,
    /// The same contacts by faculty (those without one under "Central services").
    pub faculties: Vec<GroupCtx>,
    /// The same contacts by topic, A to Z.
    pub topics: Vec<GroupCtx>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TeamCtx {
    pub name: String,
    pub id: String,
    pub entries: Vec<DirectoryEntry>,
}

/// One contact in the directory, with what the filter matches on.
#[derive(Debug, Clone, Serialize)]
pub struct DirectoryEntry {
    pub contact: ContactCtx,
    /// The faculty, or "Central services".
    pub faculty: String,
    /// The topics, lowercased and joined with `|`.
    pub topics: String,
}

/// One row of `register` on a legislation section page (`legislation-register.html`).
#[derive(Debug, Clone, Serialize)]
pub struct RegisterRow {
    pub title: String,
    pub url: String,
    pub short_name: String,
    pub department: String,
    pub requires: String,
    pub status: String,
    pub in_force: String,
    pub in_force_iso: String,
    pub reviewed: String,
    pub reviewed_iso: String,
}

/// `case_studies` on a case-study section page (`case-studies.html`).
#[derive(Debug, Clone, Serialize)]
pub struct CaseStudiesCtx {
    pub rows: Vec<CaseStudyRow>,
    pub by_institution: Vec<GroupCtx>,
    /// Newest first.
    pub by_year: Vec<GroupCtx>,
    pub by_topic: Vec<GroupCtx>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CaseStudyRow {
    pub title: String,
    pub url: String,
    pub summary: String,
    pub institution: String,
    pub year: Option<i64>,
    pub topics: Vec<String>,
}

/// `page.triage` on a decision page: where the questions start.
#[derive(Debug, Clone, Serialize)]
pub struct TriageCtx {
    /// The first question's page; empty when the tree has no valid start.
    pub start_url: String,
    pub questions: usize,
    pub outcomes: usize,
    /// The most questions any path asks.
    pub most_questions: usize,
}

/// `triage` on a question or outcome page (`triage-question.html`, `triage-outcome.html`).
#[derive(Debug, Clone, Serialize)]
pub struct StepCtx {
    /// The decision page's title and URL ("start again").
    pub title: String,
    pub url: String,
    pub start_url: String,
    /// The answers that led here, each with a link to change it.
    pub answers_so_far: Vec<AnswerSoFar>,
    /// This step's number (1 for the first question).
    pub number: usize,
    pub question: Option<QuestionCtx>,
    pub outcome: Option<OutcomeCtx>,
}

#[derive(Debug, Clone, Serialize)]
pub struct AnswerSoFar {
    pub question: String,
    pub answer: String,
    /// The page of that question, with the answers before it kept.
    pub change_url: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct QuestionCtx {
    pub id: String,
    pub text: String,
    /// The help text, rendered from Markdown.
    pub help: String,
    pub answers: Vec<LinkCtx>,
}

#[derive(Debug, Clone, Serialize)]
pub struct OutcomeCtx {
    pub id: String,
    pub title: String,
    /// The body, rendered from Markdown.
    pub body: String,
    /// The pages of the processes that apply.
    pub processes: Vec<ProcessCtx>,
    pub contacts: Vec<ContactCtx>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ProcessCtx {
    pub title: String,
    pub url: String,
    pub summary: String,
}
