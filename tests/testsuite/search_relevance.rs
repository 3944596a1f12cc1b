//! Relevance: the knowledge base in content/, built with the real binary, must answer
//! staff questions with the obvious page first (or in the top three where two pages
//! are equally right), and lead with the right contact when a person is the answer.
//! Natural questions, acronyms, phrases, misspellings, search-as-you-type prefixes,
//! names, emails, phone numbers and kind filters.

use crate::support::root;
use crate::support::search::{build, card, open, pages, run, search};

/// Where the expected page must be among the pages listed (the answer card aside).
#[derive(Debug, Clone, Copy)]
enum Rank {
    First(&'static str),
    Top3(&'static str),
    /// The contact card is the whole answer (its page is not listed again).
    CardOnly,
}

struct Case {
    q: &'static str,
    kind: Option<&'static str>,
    page: Rank,
    /// The contact whose card must lead the results, if one must.
    card: Option<&'static str>,
}

const fn case(q: &'static str, page: Rank, card: Option<&'static str>) -> Case {
    Case {
        q,
        kind: None,
        page,
        card,
    }
}

use Rank::{CardOnly, First, Top3};

const ECO: &str = "legislation/export-control-order/";
const ECM: &str = "contacts/export-control-manager/";
const ATAS: &str = "legislation/atas/";
const NSA: &str = "legislation/national-security-act/";
const NSI: &str = "legislation/national-security-and-investment-act/";
const FIRS: &str = "legislation/foreign-influence-registration-scheme/";
const SANCTIONS: &str = "legislation/sanctions/";
/// The sanctions and foreign influence compliance officer.
const SFI: &str = "contacts/sanctions-and-foreign-influence/";
const SCREENING: &str = "checklists/before-you-pay-or-ship-abroad/";
const HOSTING: &str = "guidance/hosting-visitors-and-events/";
const COLLAB: &str = "guidance/collaboration-tools-and-sharing-data-abroad/";

fn cases() -> Vec<Case> {
    vec![
        case("export control", First(ECO), Some(ECM)),
        case("export controls", First(ECO), Some(ECM)),
        case(
            "who do I contact about export licences",
            Top3(ECO),
            Some(ECM),
        ),
        case("who do I ask about export control", First(ECO), Some(ECM)),
        case("export licence", Top3(ECO), Some(ECM)),
        case("ECO", First(ECO), Some(ECM)),
        case("\"export control order\"", First(ECO), Some(ECM)),
        case("dual-use", First(ECO), Some(ECM)),
        case("expot control", Top3(ECO), Some(ECM)),
        case("licen", Top3(ECO), None),
        case("ATAS", First(ATAS), Some("contacts/atas-adviser/")),
        case(
            "Academic Technology Approval Scheme",
            First(ATAS),
            Some("contacts/atas-adviser/"),
        ),
        case("does my visiting researcher need ATAS", First(ATAS), None),
        case(
            "national security act",
            First(NSA),
            Some("contacts/research-security-lead/"),
        ),
        case(
            "nationl security act",
            First(NSA),
            Some("contacts/research-security-lead/"),
        ),
        case(
            "\"foreign interference\"",
            First(NSA),
            Some("contacts/research-security-lead/"),
        ),
        case("natio", Top3(NSA), None),
        case("NSI", First(NSI), Some("contacts/research-contracts/")),
        case(
            "national security and investment act",
            First(NSI),
            Some("contacts/research-contracts/"),
        ),
        case("spin-out investment", First(NSI), None),
        case("NPSA", First("support/npsa/"), None),
        case(
            "National Protective Security Authority",
            First("support/npsa/"),
            None,
        ),
        case("NCSC", First("support/ncsc/"), None),
        case(
            "cyber security",
            First("support/ncsc/"),
            Some("contacts/information-security/"),
        ),
        case("RCAT", First("support/rcat/"), None),
        case("HEECA", Top3("support/sector-forums/"), None),
        case("UKRI", First("guidance/ukri-principles-2021/"), None),
        case("CPNI", First("guidance/cpni-trusted-research-2019/"), None),
        case(
            "trusted research",
            Top3("guidance/cpni-trusted-research-2019/"),
            None,
        ),
        case(
            "trusted research training",
            First("training/trusted-research-training/"),
            None,
        ),
        case(
            "travel",
            Top3("guidance/overseas-travel/"),
            Some("contacts/travel-security/"),
        ),
        case(
            "before you travel",
            First("checklists/before-you-travel/"),
            None,
        ),
        case("burner laptop", Top3("checklists/before-you-travel/"), None),
        case(
            "taking a laptop abroad",
            Top3("guidance/overseas-travel/"),
            None,
        ),
        case(
            "due diligence on a partner",
            First("guidance/partner-due-diligence/"),
            Some("contacts/due-diligence-adviser/"),
        ),
        case("sanctoins", Top3(SANCTIONS), Some(SFI)),
        // The Foreign Influence Registration Scheme (issue 18).
        case("FIRS", First(FIRS), Some(SFI)),
        case(
            "Foreign Influence Registration Scheme",
            First(FIRS),
            Some(SFI),
        ),
        case(
            "do I need to register with the foreign influence scheme",
            Top3(FIRS),
            None,
        ),
        case(
            "who do I contact about FIRS registration",
            Top3(FIRS),
            Some(SFI),
        ),
        case("lobbying for a foreign government", Top3(FIRS), None),
        // Sanctions: OFSI, financial and trade sanctions, screening (issue 18).
        case("OFSI", First(SANCTIONS), Some(SFI)),
        case(
            "Office of Financial Sanctions Implementation",
            First(SANCTIONS),
            Some(SFI),
        ),
        case("financial sanctions", First(SANCTIONS), Some(SFI)),
        case("SAMLA", First(SANCTIONS), None),
        case("consolidated list", Top3(SANCTIONS), Some(SFI)),
        case("sanctions screening of a payee", Top3(SCREENING), Some(SFI)),
        case(
            "do I need to check sanctions before paying someone abroad",
            Top3(SANCTIONS),
            None,
        ),
        case(
            "difference between sanctions and export control",
            Top3(SANCTIONS),
            None,
        ),
        case("trade sanctions", Top3(SANCTIONS), Some(ECM)),
        // Hosting visitors and events; collaboration tools and data abroad (issue 18).
        case("hosting visiting researchers", Top3(HOSTING), None),
        case("hosting a delegation", Top3(HOSTING), None),
        case("guest speaker at a conference", Top3(HOSTING), None),
        case(
            "collaboration tools",
            First(COLLAB),
            Some("contacts/information-security/"),
        ),
        case("can I use WhatsApp with partners", Top3(COLLAB), None),
        case("sharing data abroad", Top3(COLLAB), None),
        case("video calls with overseas partners", Top3(COLLAB), None),
        case(
            "project notification form",
            Top3("case-studies/project-notification-form/"),
            None,
        ),
        case(
            "academic freedom",
            First("guidance/academic-freedom/"),
            None,
        ),
        case("free speech", First("guidance/academic-freedom/"), None),
        case(
            "data protection",
            Top3("guidance/protecting-research/"),
            Some("contacts/data-protection-officer/"),
        ),
        case(
            "which processes apply to my project",
            First("triage/which-processes-apply/"),
            None,
        ),
        case(
            "University of Manchester",
            First("case-studies/university-of-manchester/"),
            None,
        ),
        case(
            "transnational education",
            First("guidance/protecting-partnerships/"),
            Some("contacts/international-partnerships-office/"),
        ),
        case(
            "risk appetite",
            First("guidance/governance-and-senior-ownership/"),
            Some("contacts/pro-vice-chancellor-research/"),
        ),
        case(
            "mitigations",
            First("checklists/mitigations-by-area/"),
            None,
        ),
        case(
            "sign a partnership",
            First("checklists/before-you-sign-a-partnership/"),
            None,
        ),
        case(
            "what is research security",
            Top3("guidance/why-research-security-matters/"),
            Some("contacts/research-security-team/"),
        ),
        case(
            "reporting a concern",
            Top3("guidance/protecting-reputation-and-values/"),
            Some("contacts/research-security-team/"),
        ),
        case("Priya Natarajan", CardOnly, Some(ECM)),
        case("p.natarajan@example.ac.uk", First(ECM), None),
        case("01632 960412", First(ECM), None),
        Case {
            q: "export",
            kind: Some("training"),
            page: First("training/export-control-training/"),
            card: None,
        },
        Case {
            q: "travel",
            kind: Some("contact"),
            page: CardOnly,
            card: Some("contacts/travel-security/"),
        },
        Case {
            q: "security",
            kind: Some("legislation"),
            page: First(NSA),
            card: None,
        },
        Case {
            q: "sanctions",
            kind: Some("legislation"),
            page: First(SANCTIONS),
            card: None,
        },
    ]
}

#[test]
fn the_obvious_page_ranks_first() {
    let (_tmp, out) = build(&root());
    let s = open(&out);
    let mut failures = Vec::new();
    let all = cases();
    assert!(all.len() >= 30);
    for c in &all {
        let r = crate::support::search::search(&s, c.q, c.kind, 10);
        let listed = pages(&r);
        let ok_page = match c.page {
            First(url) => listed.first() == Some(&url),
            Top3(url) => listed.iter().take(3).any(|u| *u == url),
            CardOnly => c.card.is_some(),
        };
        let ok_card = c.card.is_none_or(|want| card(&r) == Some(want));
        if !ok_page || !ok_card {
            failures.push(format!(
                "{:?} (kind {:?}): wanted {:?} and card {:?}; got card {:?}, pages {:?}",
                c.q,
                c.kind,
                c.page,
                c.card,
                card(&r),
                listed.iter().take(5).collect::<Vec<_>>()
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} queries failed:\n{}",
        failures.len(),
        all.len(),
        failures.join("\n")
    );
}

#[test]
fn every_hit_has_title_url_kind_breadcrumb_and_snippet() {
    let (_tmp, out) = build(&root());
    let s = open(&out);
    let r = search(&s, "export control", None, 5);
    assert_eq!(r.query, "export control");
    // Five pages and the contact card that answers (issue 17).
    assert_eq!(r.hits.len(), 6);
    let eco = &r.hits[1];
    assert_eq!(eco.title, "Export Control Order 2008");
    assert_eq!(eco.url, ECO);
    assert_eq!(eco.kind, "legislation");
    assert_eq!(eco.breadcrumb, vec!["Home", "Legislation register"]);
    assert!(
        eco.snippet
            .contains("<mark>Export</mark> <mark>Control</mark>"),
        "{}",
        eco.snippet
    );
    let answer = r.hits[0].contact.as_ref().expect("card");
    assert_eq!(
        (
            answer.name.as_str(),
            answer.role.as_str(),
            answer.email.as_str(),
            answer.phone.as_str()
        ),
        (
            "Dr Priya Natarajan",
            "Export Control Manager",
            "p.natarajan@example.ac.uk",
            "01632 960412"
        )
    );
    assert!(r.hits[1..].iter().all(|h| h.contact.is_none()));
}

#[test]
fn terminal_search_lists_the_export_control_order_first() {
    let (_tmp, out) = build(&root());
    let site = out.to_string_lossy().into_owned();
    let (code, stdout, stderr) = run(&["search", "export control", "--site", &site]);
    assert_eq!(code, 0, "{stderr}");
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(
        lines[..4],
        [
            "Contact: Dr Priya Natarajan (Export Control Manager, Research Governance and Integrity)",
            "         p.natarajan@example.ac.uk · 01632 960412 · /contacts/export-control-manager/",
            "",
            " 1. Export Control Order 2008 (Legislation)",
        ]
    );
    assert_eq!(lines[4], "    /legislation/export-control-order/");
    assert!(
        stdout.ends_with(
            "1 contact and 33 pages match \"export control\"; showing 10 of the pages.\n"
        ),
        "{stdout}"
    );
}
