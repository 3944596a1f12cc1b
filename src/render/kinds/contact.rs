//! Contacts: the one place a contact page's fields become what readers see, and the
//! vCard (`.vcf`) each contact can be downloaded as.
//!
//! Input: a contact [`Page`]. Output: a [`ContactCtx`] (cards, the directory, "Who to
//! contact" boxes, triage outcomes all read it from here) and vCard text. Pure.

use crate::config::Config;
use crate::content::Page;
use crate::render::context::ContactCtx;
use crate::util::html::tel_link;

/// What readers may see of a contact. Every card, directory entry and vCard is built
/// from this, so a field left out here is left out everywhere.
pub fn contact_ctx(config: &Config, page: &Page) -> ContactCtx {
    let fm = &page.fm;
    let s = |v: &Option<String>| v.clone().unwrap_or_default();
    let phone = s(&fm.phone);
    let url = format!("{}{}", config.url_prefix, page.path);
    ContactCtx {
        id: page.contact_id().to_string(),
        vcard: format!("{url}{}", vcard_file_name(page)),
        url,
        name: fm.name.clone().unwrap_or_else(|| page.title.clone()),
        role: s(&fm.role),
        team: s(&fm.team),
        faculty: s(&fm.faculty),
        email: s(&fm.email),
        phone_link: tel_link(&phone),
        phone,
        location: s(&fm.location),
        hours: s(&fm.hours),
        topics: fm.topics.clone(),
    }
}

/// The vCard's file name: `export-control-manager.vcf`, beside the contact's page.
pub fn vcard_file_name(page: &Page) -> String {
    format!("{}.vcf", page.contact_id())
}

/// Honorifics that go in the prefix part of a vCard name, not the given name.
const PREFIXES: &[&str] = &[
    "Dr",
    "Dr.",
    "Prof",
    "Prof.",
    "Professor",
    "Mr",
    "Mrs",
    "Ms",
    "Miss",
    "Mx",
    "Sir",
    "Dame",
    "Rev",
    "Revd",
];

/// Words that mark a contact as a team or office rather than a person.
const GROUP_WORDS: &[&str] = &[
    "team", "office", "service", "services", "unit", "desk", "mailbox", "centre", "center",
    "helpdesk", "network", "group",
];

/// A vCard 3.0 (RFC 2426) for `c`: CRLF line ends, text escaped, lines folded at 75
/// octets. `site_url` (the site's `base_url`, may be empty) makes the URL absolute;
/// `organisation` (from `[extra] organisation`, may be empty) leads the ORG field.
pub fn vcard(c: &ContactCtx, site_url: &str, organisation: &str) -> String {
    let mut lines = vec!["BEGIN:VCARD".to_string(), "VERSION:3.0".to_string()];
    let group = is_group(c);
    lines.push(format!("N:{}", structured_name(&c.name, group)));
    lines.push(format!("FN:{}", esc(&c.name)));
    let org: Vec<String> = [organisation, c.team.as_str()]
        .iter()
        .filter(|s| !s.is_empty())
        .map(|s| esc(s))
        .collect();
    if group && org.is_empty() {
        lines.push(format!("ORG:{}", esc(&c.name)));
    } else if !org.is_empty() {
        lines.push(format!("ORG:{}", org.join(";")));
    }
    let adr = (!c.location.is_empty()).then(|| format!(";{};;;;;", esc(&c.location)));
    let note = (!c.hours.is_empty()).then(|| esc(&format!("Hours: {}", c.hours)));
    // A vCard is read outside the site, so a link only helps when it is absolute.
    let url = absolute(site_url, &c.url).filter(|u| u.contains("://"));
    let fields = [
        ("TITLE", Some(esc(&c.role))),
        ("EMAIL;TYPE=INTERNET,WORK", Some(esc(&c.email))),
        ("TEL;TYPE=WORK,VOICE", Some(esc(&c.phone_link))),
        ("ADR;TYPE=WORK", adr),
        ("NOTE", note),
        ("URL", url),
    ];
    for (name, value) in fields {
        if let Some(v) = value.filter(|v| !v.is_empty()) {
            lines.push(format!("{name}:{v}"));
        }
    }
    lines.push("END:VCARD".to_string());
    lines.iter().map(|l| fold(l)).collect()
}

fn is_group(c: &ContactCtx) -> bool {
    c.name == c.team
        || c.name
            .split_whitespace()
            .any(|w| GROUP_WORDS.contains(&w.to_lowercase().as_str()))
}

/// `Dr Priya Natarajan` → `Natarajan;Priya;;Dr;` (family; given; additional; prefix;
/// suffix). A team has an empty structured name.
fn structured_name(name: &str, group: bool) -> String {
    if group {
        return ";;;;".into();
    }
    let words: Vec<&str> = name.split_whitespace().collect();
    let n_prefix = words.iter().take_while(|w| PREFIXES.contains(w)).count();
    let (prefix, rest) = words.split_at(n_prefix);
    let (family, given, additional) = match rest {
        [] => ("", "", &[][..]),
        [only] => (*only, "", &[][..]),
        [first, middle @ .., last] => (*last, *first, middle),
    };
    format!(
        "{};{};{};{};",
        esc(family),
        esc(given),
        esc(&additional.join(" ")),
        esc(&prefix.join(" "))
    )
}

/// `url` (which starts with the base URL's path) on the base URL's scheme and host.
fn absolute(site_url: &str, url: &str) -> Option<String> {
    let base = site_url.trim_end_matches('/');
    let host_at = base.find("://")? + 3;
    let origin_end = base[host_at..]
        .find('/')
        .map(|j| host_at + j)
        .unwrap_or(base.len());
    Some(format!("{}{url}", &base[..origin_end]))
}

/// Escape a text value: backslash, comma, semicolon and line breaks.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '\\' => out.push_str("\\\\"),
            ',' => out.push_str("\\,"),
            ';' => out.push_str("\\;"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// One content line, folded so no line exceeds 75 octets (never inside a UTF-8
/// character), ended with CRLF.
fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let mut width = 0;
    for ch in line.chars() {
        let n = ch.len_utf8();
        if width + n > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(ch);
        width += n;
    }
    out.push_str("\r\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn card() -> ContactCtx {
        ContactCtx {
            id: "eco".into(),
            url: "/guide/contacts/eco/".into(),
            vcard: "/guide/contacts/eco/eco.vcf".into(),
            name: "Dr Priya Natarajan".into(),
            role: "Export Control Manager".into(),
            team: "Research Governance; Integrity".into(),
            faculty: String::new(),
            email: "p.natarajan@example.ac.uk".into(),
            phone: "01632 960412".into(),
            phone_link: "+441632960412".into(),
            location: "Room 2.14, Elmfield Building".into(),
            hours: String::new(),
            topics: vec![],
        }
    }

    #[test]
    fn fields_are_escaped() {
        let v = vcard(&card(), "https://intra.example.ac.uk/guide/", "");
        assert_eq!(
            v,
            "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Natarajan;Priya;;Dr;\r\nFN:Dr Priya Natarajan\r\n\
             ORG:Research Governance\\; Integrity\r\nTITLE:Export Control Manager\r\n\
             EMAIL;TYPE=INTERNET,WORK:p.natarajan@example.ac.uk\r\nTEL;TYPE=WORK,VOICE:+441632960412\r\n\
             ADR;TYPE=WORK:;Room 2.14\\, Elmfield Building;;;;;\r\n\
             URL:https://intra.example.ac.uk/guide/contacts/eco/\r\nEND:VCARD\r\n"
        );
    }

    #[test]
    fn long_lines_fold_at_75_octets_between_characters() {
        let line = format!("NOTE:{}", "é".repeat(60));
        let folded = fold(&line);
        for l in folded.split("\r\n") {
            assert!(l.len() <= 75, "{l:?}");
        }
        let unfolded = folded.replace("\r\n ", "");
        assert_eq!(unfolded, format!("{line}\r\n"));
    }

    #[test]
    fn names() {
        assert_eq!(
            structured_name("Professor Margaret Anne Lindqvist", false),
            "Lindqvist;Margaret;Anne;Professor;"
        );
        assert_eq!(
            structured_name("Niamh O'Sullivan", false),
            "O'Sullivan;Niamh;;;"
        );
        let mut team = card();
        team.name = "Research Security Team".into();
        assert!(is_group(&team));
        assert!(!is_group(&card()));
    }

    #[test]
    fn phone_links() {
        assert_eq!(tel_link("01632 960412"), "+441632960412");
        assert_eq!(tel_link("+1 (555) 010-0000"), "+15550100000");
        assert_eq!(tel_link("0044 20 7946 0000"), "00442079460000");
    }
}
