//! Contacts: the directory at /contacts/ (grouped by team, with a filter and lists by
//! faculty and topic), a vCard per contact, the "Who to contact" box and inline cards,
//! and unknown contact ids failing the build with file and line.

use crate::support::kinds::*;
use crate::support::snap::cli_output;
use crate::support::*;

#[test]
fn directory_groups_contacts_by_team_with_a_filter_and_plain_lists() {
    let (_t, out) = built("kinds-site");
    let html = read(out.join("contacts/index.html"));
    let main = main_of(&html);
    // The filter is hidden until the script shows it; the lists work without it.
    assert!(main.contains(
        "<form class=\"directory-filter\" id=\"directory-filter\" role=\"search\" aria-label=\"Filter the directory\" hidden>"
    ));
    assert!(main.contains(
        "<p class=\"directory-count\" id=\"directory-count\" aria-live=\"polite\">3 contacts</p>"
    ));
    assert!(main.contains("<option value=\"sanctions\">Sanctions</option>"));
    assert!(
        main.contains("<option value=\"Faculty of Humanities\">Faculty of Humanities</option>")
    );
    // Teams in reading order, each contact a card carrying what the filter matches.
    let office = main
        .find("<h3 id=\"team-research-security-office\">Research Security Office</h3>")
        .unwrap();
    let champions = main
        .find("<h3 id=\"team-champions-network\">Champions Network</h3>")
        .unwrap();
    assert!(office < champions);
    let mailbox = main.find("<li data-faculty=\"Central services\" data-topics=\"general questions|incident reporting\"><div class=\"contact-card\">\n<p class=\"contact-name\"><a href=\"/guide/contacts/team-mailbox/\">Research Security Team</a></p>").unwrap();
    let ada = main.find("<li data-faculty=\"Central services\" data-topics=\"export control|sanctions\"><div class=\"contact-card\">\n<p class=\"contact-name\"><a href=\"/guide/contacts/ada/\">Dr Ada Lovelace-Byron</a></p>").unwrap();
    assert!(office < mailbox && mailbox < ada && ada < champions);
    assert!(
        main.contains(
            "</dl>\n<p class=\"contact-topics\">Ask about: export control, Sanctions</p>\n"
        )
    );
    assert!(main[champions..].contains("<li data-faculty=\"Faculty of Humanities\" data-topics=\"fieldwork abroad|general questions\">"));
    // The same contacts by faculty (central services last) and by topic, A to Z.
    assert!(main.contains(
        "<div><dt id=\"faculty-faculty-of-humanities\">Faculty of Humanities</dt><dd><ul>\n<li><a href=\"/guide/contacts/champion/\">Professor Grace Hopper</a></li>\n</ul></dd></div>\n\
         <div><dt id=\"faculty-central-services\">Central services</dt><dd><ul>\n<li><a href=\"/guide/contacts/team-mailbox/\">Research Security Team</a></li>\n<li><a href=\"/guide/contacts/ada/\">Dr Ada Lovelace-Byron</a></li>\n</ul></dd></div>"
    ));
    assert!(main.contains(
        "<div><dt id=\"topic-general-questions\">General questions</dt><dd><ul>\n<li><a href=\"/guide/contacts/team-mailbox/\">Research Security Team</a></li>\n<li><a href=\"/guide/contacts/champion/\">Professor Grace Hopper</a></li>\n</ul></dd></div>"
    ));
    let topics: Vec<&str> = main
        .match_indices("<dt id=\"topic-")
        .map(|(i, _)| main[i..].split('"').nth(1).unwrap())
        .collect();
    assert_eq!(
        topics,
        vec![
            "topic-export-control",
            "topic-fieldwork-abroad",
            "topic-general-questions",
            "topic-incident-reporting",
            "topic-sanctions"
        ]
    );
}

#[test]
fn each_contact_has_a_vcard_with_its_fields() {
    let (_t, out) = built("kinds-site");
    let vcf = read(out.join("contacts/ada/ada.vcf"));
    assert_eq!(
        vcf,
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Lovelace-Byron;Ada;;Dr;\r\nFN:Dr Ada Lovelace-Byron\r\n\
         ORG:Example University;Research Security Office\r\nTITLE:Export Control Manager\r\n\
         EMAIL;TYPE=INTERNET,WORK:a.lovelace@example.ac.uk\r\nTEL;TYPE=WORK,VOICE:+441632960412\r\n\
         ADR;TYPE=WORK:;Room 2.14\\, Elmfield Building;;;;;\r\n\
         URL:https://intranet.example.ac.uk/guide/contacts/ada/\r\nEND:VCARD\r\n"
    );
    // A team has no personal name; long lines are folded at 75 octets.
    let team = read(out.join("contacts/team-mailbox/team-mailbox.vcf"));
    assert!(
        team.contains("\r\nN:;;;;\r\nFN:Research Security Team\r\n"),
        "{team}"
    );
    assert!(
        team.contains(
            "\r\nNOTE:Hours: Monday to Friday\\, 9am to 5pm\\; replies to email within two wor\r\n king days\r\n"
        ),
        "{team}"
    );
    assert!(team.lines().all(|l| l.len() <= 75));
    // Every card links to its contact's vCard.
    let page = read(out.join("contacts/ada/index.html"));
    assert!(page.contains("<p class=\"contact-vcard\"><a href=\"/guide/contacts/ada/ada.vcf\" download>Add to your contacts<span class=\"visually-hidden\">: Dr Ada Lovelace-Byron</span> (vCard)</a></p>"));
}

#[test]
fn who_to_contact_box_and_inline_card() {
    let (_t, out) = built("kinds-site");
    let html = read(out.join("guidance/partners/index.html"));
    let boxed = &html[html
        .find("<aside class=\"who-to-contact\"")
        .expect("the box")..];
    let hopper = boxed
        .find("<a href=\"/guide/contacts/champion/\">Professor Grace Hopper</a>")
        .unwrap();
    let ada = boxed
        .find("<a href=\"/guide/contacts/ada/\">Dr Ada Lovelace-Byron</a>")
        .unwrap();
    assert!(hopper < ada, "in the order the page lists them");
    assert!(boxed.contains("<h2 id=\"who-to-contact-heading\">Who to contact</h2>"));
    assert!(
        !boxed.contains("contact-topics"),
        "topics are for the directory"
    );
    let checklist = read(out.join("checklists/travel/index.html"));
    let content = &checklist[checklist.find("<div class=\"content\">").unwrap()..];
    let content = &content[..content.find("<aside").unwrap()];
    assert!(content.contains("<div class=\"contact-card\">\n<p class=\"contact-name\"><a href=\"/guide/contacts/ada/\">Dr Ada Lovelace-Byron</a></p>\n<p class=\"contact-role\">Export Control Manager, Research Security Office</p>"));
    assert!(!content.contains("{{&lt;"), "the shortcode is replaced");
}

#[test]
fn an_unknown_contact_fails_the_build_with_file_and_line() {
    let (tmp, site) = fixture("kinds-site");
    edit(
        site.join("content/checklists/travel.md"),
        "{{< contact \"ada\" >}}",
        "{{< contact \"adda\" >}}",
    );
    edit(
        site.join("content/triage/which.md"),
        "contacts = [\"ada\"]",
        "contacts = [\"ada\", \"nobody\"]",
    );
    let out = tmp.path().join("public");
    let o = build(&site, &out);
    assert_eq!(o.status.code(), Some(1));
    insta::assert_snapshot!(
        "unknown_contact_cards",
        cli_output(&o, &[(&site, "[SITE]"), (&out, "[OUT]")])
    );
    assert!(!out.exists(), "a failed build writes nothing");
}

#[test]
fn internal_fields_stay_out_of_public_cards_directory_and_vcards() {
    let (tmp, site) = fixture("kinds-site");
    edit(
        site.join("content/contacts/ada.md"),
        "topics = [\"export control\", \"Sanctions\"]\n",
        "topics = [\"export control\", \"Sanctions\"]\ninternal_fields = [\"phone\", \"location\"]\n",
    );
    let out = tmp.path().join("public");
    let o = run_in(
        &site,
        &[
            "build",
            ".",
            "--out",
            out.to_str().unwrap(),
            "--today",
            TODAY,
            "--profile",
            "public",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let vcf = read(out.join("contacts/ada/ada.vcf"));
    assert!(vcf.contains("\r\nEMAIL;TYPE=INTERNET,WORK:a.lovelace@example.ac.uk\r\n"));
    assert!(!vcf.contains("TEL") && !vcf.contains("ADR"), "{vcf}");
    for page in [
        "contacts/index.html",
        "contacts/ada/index.html",
        "checklists/travel/index.html",
        "triage/which/partner-1/tech-1/licence/index.html",
    ] {
        let html = read(out.join(page));
        assert!(html.contains("a.lovelace@example.ac.uk"), "{page}");
        assert!(
            !html.contains("960412") && !html.contains("Elmfield"),
            "{page}"
        );
    }
}
