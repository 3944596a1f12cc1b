//! The kinds of page: what a page is decides its fields, template and listing.

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, PartialOrd, Ord)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    Home,
    Section,
    Guidance,
    Legislation,
    CaseStudy,
    Checklist,
    Training,
    Support,
    Contact,
    Decision,
}

pub const PAGE_KINDS: &[Kind] = &[
    Kind::Guidance,
    Kind::Legislation,
    Kind::CaseStudy,
    Kind::Checklist,
    Kind::Training,
    Kind::Support,
    Kind::Contact,
    Kind::Decision,
];

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::Home => "home",
            Kind::Section => "section",
            Kind::Guidance => "guidance",
            Kind::Legislation => "legislation",
            Kind::CaseStudy => "case-study",
            Kind::Checklist => "checklist",
            Kind::Training => "training",
            Kind::Support => "support",
            Kind::Contact => "contact",
            Kind::Decision => "decision",
        }
    }

    /// What readers see, e.g. in search results: "Case study".
    pub fn label(self) -> &'static str {
        match self {
            Kind::Home => "Home",
            Kind::Section => "Section",
            Kind::Guidance => "Guidance",
            Kind::Legislation => "Legislation",
            Kind::CaseStudy => "Case study",
            Kind::Checklist => "Checklist",
            Kind::Training => "Training",
            Kind::Support => "Support",
            Kind::Contact => "Contact",
            Kind::Decision => "Triage",
        }
    }

    pub fn from_name(name: &str) -> Option<Kind> {
        PAGE_KINDS
            .iter()
            .chain([Kind::Home, Kind::Section].iter())
            .copied()
            .find(|k| k.name() == name)
    }

    /// The kind implied by a page's top-level section folder.
    pub fn from_section(dir: &str) -> Kind {
        match dir {
            "legislation" => Kind::Legislation,
            "case-studies" | "case-study" => Kind::CaseStudy,
            "checklists" | "checklist" => Kind::Checklist,
            "training" => Kind::Training,
            "support" => Kind::Support,
            "contacts" | "people" => Kind::Contact,
            "triage" | "decisions" => Kind::Decision,
            _ => Kind::Guidance,
        }
    }
}
