//! Triage pages: a decision page's tree compiled into static pages, one per step of
//! every path (see `content::decision::unroll`), whose answers are plain links, so it
//! works without JavaScript; each shows the answers so far with a link to change each.
//!
//! Input: the [`Renderer`] (site, templates, contact cards). Output: the start link
//! of `page.triage`, the tree's links and contacts for the checks ([`add_tree_refs`]),
//! and the HTML of every step ([`pages`]) as (output path, bytes). No IO.

use serde::Serialize;

use crate::content::decision::{self, Locator, Node, Step};
use crate::content::urls::{Target, resolve};
use crate::content::{Kind, Page};
use crate::error::Result;
use crate::render::Renderer;
use crate::render::context::Crumb;
use crate::render::context::kinds::*;
use crate::render::markdown::{CardRef, LinkRef, Rendered};

/// The URL of the first question's page; empty when `start` names no question.
pub fn start_url(prefix: &str, page: &Page) -> String {
    decision::start(&page.fm)
        .map(|q| {
            let step = Step {
                answers: Vec::new(),
                node: Node::Question(q),
            };
            format!("{prefix}{}{}", page.path, step_path(page, &step))
        })
        .unwrap_or_default()
}

/// `page.triage` for a decision page.
pub fn triage_ctx(prefix: &str, page: &Page) -> TriageCtx {
    let start_url = start_url(prefix, page);
    let most_questions = decision::unroll(&page.fm)
        .iter()
        .map(|s| s.answers.len() + usize::from(matches!(s.node, Node::Question(_))))
        .max()
        .unwrap_or(0);
    TriageCtx {
        start_url,
        questions: page.fm.questions.len(),
        outcomes: page.fm.outcomes.len(),
        most_questions,
    }
}

/// The URL path of `step` below its decision page: `partner-1/role/` is question
/// `role`, reached by the first answer of `partner`.
pub fn step_path(page: &Page, step: &Step) -> String {
    let fm = &page.fm;
    let mut out = String::new();
    for &(q, a) in &step.answers {
        out.push_str(&format!("{}-{}/", fm.questions[q].id, a + 1));
    }
    let id = match step.node {
        Node::Question(q) => &fm.questions[q].id,
        Node::Outcome(o) => &fm.outcomes[o].id,
    };
    out.push_str(id);
    out.push('/');
    out
}

/// Add what the tree's texts link to, its `processes` and its outcomes' contacts to
/// the page's rendered Markdown, located on their lines, so the link and contact
/// checks see them; and the tree's words to the page's text, for search.
pub fn add_tree_refs(r: &Renderer<'_>, page: &Page, md: &mut Rendered) {
    let at = Locator::of(page);
    let add = |md: &mut Rendered, id: &str, text: &str| {
        let line = at.text_line(id, text);
        let inner = r.markdown_text(page, text, line, false);
        md.links.extend(inner.links);
        md.cards.extend(inner.cards);
        md.text.push_str(&inner.text);
    };
    for q in &page.fm.questions {
        md.text.push_str(&format!("{}\n", q.text));
        if let Some(help) = &q.help {
            add(md, &q.id, help);
        }
    }
    for o in &page.fm.outcomes {
        md.text.push_str(&format!("{}\n", o.title));
        add(md, &o.id, &o.body);
        for p in &o.processes {
            let (line, column) = at.value_line(&o.id, "processes", p);
            md.links.push(LinkRef {
                line,
                column,
                dest: p.clone(),
                target: resolve(p, &page.rel),
                is_image: false,
                empty_alt: false,
            });
        }
        for c in &o.contacts {
            let (line, _) = at.value_line(&o.id, "contacts", c);
            md.cards.push(CardRef {
                line,
                id: c.clone(),
            });
        }
    }
}

/// The page of every step of every decision page: (output path, HTML).
pub fn pages(r: &Renderer<'_>) -> Result<Vec<(String, Vec<u8>)>> {
    let mut out = Vec::new();
    for (i, page) in r.site.pages.iter().enumerate() {
        if page.kind != Kind::Decision {
            continue;
        }
        let texts = Texts::render(r, page);
        for step in decision::unroll(&page.fm) {
            let html = step_html(r, i, &texts, &step)?;
            let path = format!("{}{}index.html", page.path, step_path(page, &step));
            out.push((path, html.into_bytes()));
        }
    }
    Ok(out)
}

/// Each question's help and each outcome's body, rendered once per tree.
struct Texts {
    help: Vec<String>,
    body: Vec<String>,
}

impl Texts {
    fn render(r: &Renderer<'_>, page: &Page) -> Texts {
        let html = |t: &str| r.markdown_text(page, t, 1, false).html;
        Texts {
            help: page
                .fm
                .questions
                .iter()
                .map(|q| q.help.as_deref().map(html).unwrap_or_default())
                .collect(),
            body: page.fm.outcomes.iter().map(|o| html(&o.body)).collect(),
        }
    }
}

/// What base.html needs of a step page.
#[derive(Serialize)]
struct StepPage {
    title: String,
    summary: &'static str,
    url: String,
    kind: &'static str,
    kind_label: &'static str,
    breadcrumbs: Vec<Crumb>,
}

fn step_html(r: &Renderer<'_>, i: usize, texts: &Texts, step: &Step) -> Result<String> {
    let page = &r.site.pages[i];
    let prefix = &r.config.url_prefix;
    let base = format!("{prefix}{}", page.path);
    let answers_so_far = answers_so_far(page, step, &base);
    let (question, outcome) = match step.node {
        Node::Question(q) => (Some(question_ctx(page, texts, step, q, &base)), None),
        Node::Outcome(o) => (None, Some(outcome_ctx(r, page, texts, o))),
    };
    let heading = question
        .as_ref()
        .map(|q| q.text.clone())
        .or_else(|| outcome.as_ref().map(|o| o.title.clone()))
        .unwrap_or_default();
    let mut breadcrumbs = r.view.breadcrumbs(i);
    breadcrumbs.push(Crumb {
        title: page.title.clone(),
        url: base.clone(),
    });
    let template = if question.is_some() {
        "triage-question.html"
    } else {
        "triage-outcome.html"
    };
    let ctx_page = StepPage {
        title: format!("{heading} – {}", page.title),
        summary: "",
        url: format!("{base}{}", step_path(page, step)),
        kind: template.trim_end_matches(".html"),
        kind_label: "Triage",
        breadcrumbs,
    };
    let triage = StepCtx {
        title: page.title.clone(),
        url: base.clone(),
        start_url: start_url(prefix, page),
        answers_so_far,
        number: step.answers.len() + 1,
        question,
        outcome,
    };
    let mut ctx = tera::Context::new();
    ctx.insert("site", &r.view.site_ctx(Some(i)));
    ctx.insert("page", &ctx_page);
    ctx.insert("triage", &triage);
    r.templates.render(template, &ctx)
}

/// The answers given on the way to `step`, each with the URL of its question's page
/// on that same path (the answers before it kept).
fn answers_so_far(page: &Page, step: &Step, base: &str) -> Vec<AnswerSoFar> {
    let fm = &page.fm;
    step.answers
        .iter()
        .enumerate()
        .map(|(k, &(q, a))| {
            let earlier = Step {
                answers: step.answers[..k].to_vec(),
                node: Node::Question(q),
            };
            AnswerSoFar {
                question: fm.questions[q].text.clone(),
                answer: fm.questions[q].answers[a].label.clone(),
                change_url: format!("{base}{}", step_path(page, &earlier)),
            }
        })
        .collect()
}

fn question_ctx(page: &Page, texts: &Texts, step: &Step, q: usize, base: &str) -> QuestionCtx {
    let fm = &page.fm;
    let next_steps = decision::next_steps(fm, step);
    QuestionCtx {
        id: fm.questions[q].id.clone(),
        text: fm.questions[q].text.clone(),
        help: texts.help[q].clone(),
        answers: next_steps
            .into_iter()
            .map(|(label, next)| LinkCtx {
                title: label.to_string(),
                url: format!("{base}{}", step_path(page, &next)),
            })
            .collect(),
    }
}

fn outcome_ctx(r: &Renderer<'_>, page: &Page, texts: &Texts, o: usize) -> OutcomeCtx {
    let outcome = &page.fm.outcomes[o];
    let processes = outcome
        .processes
        .iter()
        .filter_map(|p| match resolve(p, &page.rel) {
            Target::Page { rel, anchor } => {
                let target = r.site.page_by_rel(&rel)?;
                let hash = anchor.map(|a| format!("#{a}")).unwrap_or_default();
                Some(ProcessCtx {
                    title: target.title.clone(),
                    url: format!("{}{}{hash}", r.config.url_prefix, target.path),
                    summary: target.summary().to_string(),
                })
            }
            _ => None,
        })
        .collect();
    OutcomeCtx {
        id: outcome.id.clone(),
        title: outcome.title.clone(),
        body: texts.body[o].clone(),
        processes,
        contacts: outcome
            .contacts
            .iter()
            .filter_map(|c| r.view.contact(c).cloned())
            .collect(),
    }
}
