//! `guidebook init DIR`: a new site with guidebook.toml, a home page and one page of
//! each kind, which builds at once. Never overwrites: DIR must be new or empty. The
//! pages are dated today (`--today` or `GUIDEBOOK_TODAY` to say another day).

use std::path::{Path, PathBuf};

use clap::Args;

use super::Outcome;
use crate::content::Date;
use crate::error::{Error, Result};

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The folder to create.
    pub dir: PathBuf,
    /// The date the starter pages say they were reviewed (default: today).
    #[arg(long, env = "GUIDEBOOK_TODAY", value_parser = super::build::parse_date)]
    pub today: Option<Date>,
}

/// The starter site: (path, text).
const FILES: &[(&str, &str)] = &[
    (
        "guidebook.toml",
        r#"title = "Research security guidance"
description = "Guidance, legislation, checklists and contacts for research security."
# base_url = "https://intranet.example.ac.uk/research-security/"
default_visibility = "internal"

[output]
# sitemap.xml needs base_url (its addresses are absolute): set base_url above,
# then remove this line.
sitemap = false

[review]
every = "12 months"

[search.synonyms]
ATAS = ["Academic Technology Approval Scheme"]
"#,
    ),
    (
        "content/_index.md",
        r#"+++
title = "Research security guidance"
summary = "Find guidance, the law that applies and who to ask."
owner = "research-security-team"
reviewed = {today}
+++

Start with the [guidance](@/guidance/_index.md), or find out
[who to contact](@/contacts/research-security-team.md).
"#,
    ),
    (
        "content/guidance/_index.md",
        "+++\ntitle = \"Guidance\"\nsummary = \"How to protect your research.\"\nowner = \"research-security-team\"\nreviewed = {today}\n+++\n\nGuidance for researchers and professional staff.\n",
    ),
    (
        "content/guidance/getting-started.md",
        r#"+++
title = "Getting started"
summary = "What research security is and where to begin."
tags = ["introduction"]
owner = "research-security-team"
reviewed = {today}
contacts = ["research-security-team"]
+++

Research security protects your work from people who want to misuse it.

## Where to begin

Read the [export control summary](@/legislation/export-control.md) and work through the
[partnership checklist](@/checklists/before-you-sign.md).
"#,
    ),
    (
        "content/legislation/_index.md",
        "+++\ntitle = \"Legislation\"\nsummary = \"The law that applies to research.\"\nowner = \"research-security-team\"\nreviewed = {today}\n+++\n\nOne page for each law.\n",
    ),
    (
        "content/legislation/export-control.md",
        r#"+++
title = "Export Control Order"
summary = "You may need a licence to share controlled technology abroad."
short_name = "ECO"
department = "Department for Business and Trade"
in_force = 2009-04-06
status = "In force"
requires = "A licence before exporting controlled technology."
official_url = "https://www.legislation.gov.uk/uksi/2008/3231/contents"
owner = "research-security-team"
reviewed = {today}
contacts = ["research-security-team"]
+++

## What it means for you

Ask before you send controlled technology abroad. See the [case study](@/case-studies/example.md).
"#,
    ),
    (
        "content/case-studies/_index.md",
        "+++\ntitle = \"Case studies\"\nsummary = \"What other universities did.\"\nowner = \"research-security-team\"\nreviewed = {today}\n+++\n\nLessons from real cases.\n",
    ),
    (
        "content/case-studies/example.md",
        r#"+++
title = "Illustrative case: a new partnership"
summary = "An invented example of a partnership review."
institution = "An example university"
year = {year}
owner = "research-security-team"
reviewed = {today}
+++

This case is illustrative. A researcher [notified the team](@/guidance/getting-started.md) early.
"#,
    ),
    (
        "content/checklists/_index.md",
        "+++\ntitle = \"Checklists\"\nsummary = \"Step-by-step lists.\"\nowner = \"research-security-team\"\nreviewed = {today}\n+++\n\nWork through these before you act.\n",
    ),
    (
        "content/checklists/before-you-sign.md",
        r#"+++
title = "Before you sign a partnership"
summary = "Check these before you sign."
owner = "research-security-team"
reviewed = {today}
+++

## Before you sign

- [ ] Read the [getting started guidance](@/guidance/getting-started.md).
- [ ] Tell the research security team.
"#,
    ),
    (
        "content/training/_index.md",
        "+++\ntitle = \"Training\"\nsummary = \"Courses you can take.\"\nowner = \"research-security-team\"\nreviewed = {today}\n+++\n\nSee the [trusted research course](@/training/trusted-research.md).\n",
    ),
    (
        "content/training/trusted-research.md",
        "+++\ntitle = \"Trusted research course\"\nsummary = \"An introduction for all researchers.\"\nowner = \"research-security-team\"\nreviewed = {today}\n+++\n\nA one-hour course. Start with [getting started](@/guidance/getting-started.md).\n",
    ),
    (
        "content/support/_index.md",
        "+++\ntitle = \"Support\"\nsummary = \"Who else can help.\"\nowner = \"research-security-team\"\nreviewed = {today}\n+++\n\nSee [outside help](@/support/outside-help.md).\n",
    ),
    (
        "content/support/outside-help.md",
        "+++\ntitle = \"Outside help\"\nsummary = \"Public bodies that advise universities.\"\nowner = \"research-security-team\"\nreviewed = {today}\n+++\n\nAsk the [research security team](@/contacts/research-security-team.md) first.\n",
    ),
    (
        "content/contacts/_index.md",
        "+++\ntitle = \"Contacts\"\nsummary = \"Who to ask.\"\nowner = \"research-security-team\"\nreviewed = {today}\n+++\n\nStart with the [research security team](@/contacts/research-security-team.md).\n",
    ),
    (
        "content/contacts/research-security-team.md",
        r#"+++
title = "Research security team"
name = "Research Security Team"
role = "Research security advice"
team = "Research Office"
email = "research-security@example.ac.uk"
phone = "01632 960000"
topics = ["research security", "export control", "partnerships"]
summary = "Your first stop for any research security question."
owner = "research-security-team"
reviewed = {today}
+++

Ask us anything about [research security](@/guidance/getting-started.md).
"#,
    ),
    (
        "content/triage/_index.md",
        "+++\ntitle = \"Triage\"\nsummary = \"Find out which processes apply.\"\nowner = \"research-security-team\"\nreviewed = {today}\n+++\n\nAnswer [a few questions](@/triage/which-processes.md).\n",
    ),
    (
        "content/triage/which-processes.md",
        r#"+++
title = "Which processes apply?"
summary = "Answer two questions to find out."
owner = "research-security-team"
reviewed = {today}
start = "partner"

[[questions]]
id = "partner"
text = "Do you have a partner outside the UK?"
answers = [{ label = "Yes", next = "notify" }, { label = "No", next = "none" }]

[[outcomes]]
id = "notify"
title = "Tell the research security team"
processes = ["@/guidance/getting-started.md"]
contacts = ["research-security-team"]

[[outcomes]]
id = "none"
title = "No extra process applies"
+++

Answer each question to see what applies. Read [getting started](@/guidance/getting-started.md) too.
"#,
    ),
];

pub fn run(a: InitArgs) -> Result<Outcome> {
    ensure_new_or_empty(&a.dir)?;
    let today = a
        .today
        .unwrap_or_else(|| Date(chrono::Local::now().date_naive()));
    for (rel, text) in FILES {
        let path = a.dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Error::write(parent, e))?;
        }
        std::fs::write(&path, dated(text, today)).map_err(|e| Error::write(&path, e))?;
    }
    Ok(Outcome {
        summary: Some(format!(
            "Created a new site in {}. Build it with: guidebook build {}",
            a.dir.display(),
            a.dir.display()
        )),
        ..Outcome::default()
    })
}

/// A starter file with its dates filled in: pages were reviewed `today`, so a new site
/// has nothing due for review for a whole review period, whenever it is made.
fn dated(text: &str, today: Date) -> String {
    text.replace("{today}", &today.to_string())
        .replace("{year}", &today.0.format("%Y").to_string())
}

fn ensure_new_or_empty(dir: &Path) -> Result<()> {
    if !dir.exists() {
        return Ok(());
    }
    let empty = dir.is_dir()
        && std::fs::read_dir(dir)
            .map_err(|e| Error::read(dir, e))?
            .next()
            .is_none();
    if empty {
        Ok(())
    } else {
        Err(Error::Usage(format!(
            "{} already exists and is not empty; guidebook init only creates new sites",
            dir.display()
        )))
    }
}
