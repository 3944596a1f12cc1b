//! The legislation register at /legislation/ with a facts box on each law's page, and
//! the case-study index by institution, year and topic.

use crate::support::kinds::*;
use crate::support::*;

#[test]
fn legislation_register_lists_every_law_in_reading_order() {
    let (_t, out) = built("kinds-site");
    let html = read(out.join("legislation/index.html"));
    let main = main_of(&html);
    assert!(main.contains(
        "<tr><th scope=\"col\">Short name</th><th scope=\"col\">Full name</th><th scope=\"col\">Department</th><th scope=\"col\">What it requires</th><th scope=\"col\">In force since</th><th scope=\"col\">Last reviewed</th></tr>"
    ));
    let body = &main[main.find("<tbody>").unwrap()..main.find("</tbody>").unwrap()];
    assert_eq!(
        body,
        "<tbody>\n<tr>\n\
         <th scope=\"row\"><a href=\"/guide/legislation/nsi/\">NSI Act</a></th>\n\
         <td>National Security and Investment Act 2021</td>\n<td>Cabinet Office</td>\n\
         <td>Government approval before some acquisitions of control.</td>\n\
         <td><time datetime=\"2022-01-04\">4 January 2022</time> <span class=\"register-status\">(In force)</span></td>\n\
         <td><time datetime=\"2026-10-01\">1 October 2026</time></td>\n</tr>\n<tr>\n\
         <th scope=\"row\"><a href=\"/guide/legislation/eco/\">ECO</a></th>\n\
         <td>Export Control Order 2008</td>\n<td>Department for Business and Trade</td>\n\
         <td>A licence before exporting controlled technology.</td>\n\
         <td><time datetime=\"2009-04-06\">6 April 2009</time> <span class=\"register-status\">(In force)</span></td>\n\
         <td><time datetime=\"2026-09-14\">14 September 2026</time></td>\n</tr>\n"
    );
    // The section's own text comes first, and the laws are not listed a second time.
    assert!(main.find("The table below lists every law.").unwrap() < main.find("<table").unwrap());
    assert!(!main.contains("<ul class=\"page-list\">"));
}

#[test]
fn each_law_has_a_facts_box() {
    let (_t, out) = built("kinds-site");
    let html = read(out.join("legislation/eco/index.html"));
    assert!(html.contains(
        "<h2 id=\"facts-heading\">Key facts</h2>\n<dl class=\"summary-list\">\n\
         <div><dt>Short name</dt><dd>ECO</dd></div>\n\
         <div><dt>Department</dt><dd>Department for Business and Trade</dd></div>\n\
         <div><dt>What it requires</dt><dd>A licence before exporting controlled technology.</dd></div>\n\
         <div><dt>In force since</dt><dd><time datetime=\"2009-04-06\">6 April 2009</time></dd></div>\n\
         <div><dt>Status</dt><dd>In force</dd></div>\n\
         <div><dt>Last reviewed</dt><dd><time datetime=\"2026-09-14\">14 September 2026</time></dd></div>\n"
    ), "{html}");
}

#[test]
fn case_studies_are_indexed_by_institution_year_and_topic() {
    let (_t, out) = built("kinds-site");
    let html = read(out.join("case-studies/index.html"));
    let main = main_of(&html);
    // The table: newest first, then by title.
    let rows: Vec<&str> = main
        .match_indices("<th scope=\"row\"><a href=\"")
        .map(|(i, m)| main[i + m.len()..].split('"').next().unwrap())
        .collect();
    assert_eq!(
        rows,
        vec![
            "/guide/case-studies/south/",
            "/guide/case-studies/north/",
            "/guide/case-studies/south-again/"
        ]
    );
    assert!(
        main.contains(
            "<td>Northern University</td>\n<td>2021</td>\n<td>partnerships, research</td>"
        )
    );
    assert!(main.contains(
        "<div><dt id=\"institution-southern-college\">Southern College</dt><dd><ul>\n\
         <li><a href=\"/guide/case-studies/south/\">Southern College: a notification form</a></li>\n\
         <li><a href=\"/guide/case-studies/south-again/\">Southern College: training champions</a></li>\n</ul></dd></div>"
    ));
    let years: Vec<&str> = main
        .match_indices("<dt id=\"year-")
        .map(|(i, m)| &main[i + m.len()..i + m.len() + 4])
        .collect();
    assert_eq!(years, vec!["2023", "2021"]);
    assert!(main.contains(
        "<div><dt id=\"topic-partnerships\">partnerships</dt><dd><ul>\n\
         <li><a href=\"/guide/case-studies/north/\">Northern University: one front door</a></li>\n\
         <li><a href=\"/guide/case-studies/south/\">Southern College: a notification form</a></li>\n</ul></dd></div>"
    ));
    for h in ["By institution", "By year", "By topic"] {
        assert!(main.contains(&format!("{h}</h3>")), "{h}");
    }
}

#[test]
fn the_knowledge_base_register_has_the_six_laws() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    let o = build(&root(), &out);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let html = read(out.join("legislation/index.html"));
    let names: Vec<&str> = html
        .match_indices("<th scope=\"row\"><a href=\"/legislation/")
        .map(|(i, m)| {
            let rest = &html[i + m.len()..];
            let start = rest.find('>').unwrap() + 1;
            &rest[start..rest.find("</a>").unwrap()]
        })
        .collect();
    assert_eq!(
        names,
        vec!["ATAS", "ECO", "NSI Act", "NSA", "FIRS", "SAMLA"]
    );
}
