//! Content that tries to reach outside the site: symbolic links, links that climb
//! out of the content folder, addresses in front matter, bad settings. Each is a
//! diagnostic with the file and line; nothing outside the site is read or published.

use std::fs;
use std::path::{Path, PathBuf};

use crate::support::*;

/// A configured site with a home page and `pages` (content path, text).
fn site(pages: &[(&str, &str)]) -> (tempfile::TempDir, PathBuf) {
    let t = tempfile::tempdir().unwrap();
    let site = t.path().join("site");
    fs::create_dir_all(site.join("content")).unwrap();
    fs::write(site.join("guidebook.toml"), "title = \"Safety\"\n").unwrap();
    fs::write(
        site.join("content/_index.md"),
        "+++\ntitle = \"Home\"\nsummary = \"Home.\"\n+++\nHello.\n",
    )
    .unwrap();
    for (rel, text) in pages {
        let p = site.join("content").join(rel);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, text).unwrap();
    }
    (t, site)
}

/// The diagnostics of stderr whose first line starts with `head`, each whole.
fn blocks(stderr: &str, head: &str) -> Vec<String> {
    stderr
        .split("\n\n")
        .filter(|b| b.starts_with(head))
        .map(|b| format!("{b}\n"))
        .collect()
}

fn page(front: &str, body: &str) -> String {
    format!("+++\ntitle = \"P\"\nsummary = \"A page.\"\n{front}+++\n\n{body}\n")
}

#[test]
fn symbolic_links_out_of_the_content_folder_are_not_followed() {
    let outside = tempfile::tempdir().unwrap();
    fs::write(outside.path().join("secret.txt"), "TOP SECRET").unwrap();
    fs::write(
        outside.path().join("private.md"),
        "# Private\n\nTOP SECRET page\n",
    )
    .unwrap();
    fs::create_dir(outside.path().join("dir")).unwrap();
    fs::write(
        outside.path().join("dir/inner.md"),
        "# Inner\n\nTOP SECRET\n",
    )
    .unwrap();
    let (_t, site) = site(&[("guidance/ok.md", &page("", "Fine."))]);
    let c = site.join("content");
    std::os::unix::fs::symlink(outside.path().join("secret.txt"), c.join("secret.txt")).unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("private.md"),
        c.join("guidance/private.md"),
    )
    .unwrap();
    std::os::unix::fs::symlink(outside.path().join("dir"), c.join("linked")).unwrap();
    std::os::unix::fs::symlink(c.join("guidance/ok.md"), c.join("guidance/alias-of-ok.md"))
        .unwrap();
    let o = run_in(&site, &["build", "--out", "../out"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    let real = outside.path().canonicalize().unwrap();
    assert_eq!(
        blocks(&err, "error[symlink]"),
        [
            format!(
                "error[symlink]: this is a symbolic link to {}, outside the content folder; guidebook does not follow it\n --> content/guidance/private.md\n  = help: copy the file into the content folder instead of linking to it, or remove the link\n",
                real.join("private.md").display()
            ),
            format!(
                "error[symlink]: this is a symbolic link to {}, outside the content folder; guidebook does not follow it\n --> content/linked\n  = help: copy the file into the content folder instead of linking to it, or remove the link\n",
                real.join("dir").display()
            ),
            format!(
                "error[symlink]: this is a symbolic link to {}, outside the content folder; guidebook does not follow it\n --> content/secret.txt\n  = help: copy the file into the content folder instead of linking to it, or remove the link\n",
                real.join("secret.txt").display()
            ),
        ]
    );
    assert!(!site.join("../out").exists());
    // without the links out, the link inside the folder is followed and it builds
    for l in ["secret.txt", "guidance/private.md", "linked"] {
        fs::remove_file(c.join(l)).unwrap();
    }
    let o = run_in(&site, &["build", "--out", "../out"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        site.join("../out/guidance/alias-of-ok/index.html")
            .is_file()
    );
}

#[test]
fn the_preview_never_reads_a_file_through_a_link_out_of_the_folder() {
    let outside = tempfile::tempdir().unwrap();
    fs::write(
        outside.path().join("private.md"),
        "# Private\n\nTOP SECRET\n",
    )
    .unwrap();
    let (_t, site) = site(&[]);
    std::os::unix::fs::symlink(outside.path().join("private.md"), site.join("content/p.md"))
        .unwrap();
    let config = guidebook::config::Config::load(&site).unwrap();
    let (page, diags) = guidebook::content::read_page(&config, "p.md");
    assert!(page.is_none());
    assert_eq!(diags[0].code, "symlink");
}

#[test]
fn links_out_of_the_content_folder_are_errors_and_never_published() {
    let body = "[a](../../../../etc/passwd) ![b](@/../../etc/hostname)\n[c](/etc/passwd) [d](file:///etc/passwd) [e](C:\\Users\\me\\notes.docx)\n\n[fine](/guidance/travel/) [home](/) [search](/search/?q=x)";
    let (_t, site) = site(&[
        ("guidance/leak.md", &page("", body)),
        ("guidance/travel.md", &page("", "Travel.")),
    ]);
    let o = run_in(&site, &["check"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    let line6 = "6 | [a](../../../../etc/passwd) ![b](@/../../etc/hostname)";
    let line7 = "7 | [c](/etc/passwd) [d](file:///etc/passwd) [e](C:\\Users\\me\\notes.docx)";
    let outside = |dest: &str, at: &str, line: &str, pad: usize| {
        format!(
            "error[outside-link]: link to `{dest}`, a file outside the content folder: guidebook never publishes it\n --> content/guidance/leak.md:{at}\n  |\n{line}\n  | {}{}\n  = help: link to a page or file inside the content folder (`@/` starts from it), or to a web address\n",
            " ".repeat(pad),
            "^".repeat(dest.chars().count())
        )
    };
    assert_eq!(
        blocks(&err, "error[outside-link]"),
        [
            outside("../../../../etc/passwd", "6:5", line6, 4),
            outside("@/../../etc/hostname", "6:34", line6, 33),
            outside("file:///etc/passwd", "7:22", line7, 21),
            outside("C:\\Users\\me\\notes.docx", "7:46", line7, 45),
        ]
    );
    assert_eq!(
        blocks(&err, "error[broken-link]"),
        [
            "error[broken-link]: link to `/etc/passwd`, but the site has no page or file at that address\n --> content/guidance/leak.md:7:5\n  |\n7 | [c](/etc/passwd) [d](file:///etc/passwd) [e](C:\\Users\\me\\notes.docx)\n  |     ^^^^^^^^^^^\n  = help: link to pages by their file (`@/guidance/travel.md`), so the link follows the page if its address changes\n"
        ]
    );
    // in a bare folder they are warnings, and the page never carries the path
    fs::remove_file(site.join("guidebook.toml")).unwrap();
    let o = run_in(&site, &["build", "--out", "../bare-out"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let html = read(site.join("../bare-out/guidance/leak/index.html"));
    for leaked in ["../etc/passwd", "etc/hostname", "file:", "notes.docx"] {
        assert!(!html.contains(leaked), "{leaked} in {html}");
    }
    assert!(html.contains("<a href=\"#\">a</a>"), "{html}");
}

fn front_matter_problem(front: &str) -> String {
    let (_t, site) = site(&[("guidance/p.md", &page(front, "Text."))]);
    let o = run_in(&site, &["build"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(!site.join("public").exists(), "nothing is written");
    blocks(&stderr(&o), "error[front-matter]").join("")
}

#[test]
fn aliases_slugs_and_permalinks_must_be_addresses_on_the_site() {
    let help =
        "  = help: write a path such as `/old/page/`: letters, digits, `-`, `_`, `.` and `/`\n";
    assert_eq!(
        front_matter_problem("aliases = [\"/ok/\", \"javascript:alert(1)\", \"/%2e%2e/x/\"]\n"),
        format!(
            "error[front-matter]: alias `javascript:alert(1)` cannot be an address on this site: it holds `:`; an address is a path such as `/old/page/`\n --> content/guidance/p.md:4:21\n  |\n4 | aliases = [\"/ok/\", \"javascript:alert(1)\", \"/%2e%2e/x/\"]\n  |                     ^^^^^^^^^^^^^^^^^^^\n{help}\
             error[front-matter]: alias `/%2e%2e/x/` cannot be an address on this site: it holds `%`; an address is a path such as `/old/page/`\n --> content/guidance/p.md:4:44\n  |\n4 | aliases = [\"/ok/\", \"javascript:alert(1)\", \"/%2e%2e/x/\"]\n  |                                            ^^^^^^^^^^\n{help}"
        )
    );
    assert_eq!(
        front_matter_problem("permalink = \"/_search/index/\"\n"),
        format!(
            "error[front-matter]: permalink `/_search/index/` cannot be an address on this site: it is inside /_search/, which guidebook writes itself\n --> content/guidance/p.md:4:14\n  |\n4 | permalink = \"/_search/index/\"\n  |              ^^^^^^^^^^^^^^^\n{help}"
        )
    );
    assert_eq!(
        front_matter_problem("permalink = \"../../x/\"\n"),
        format!(
            "error[front-matter]: permalink `../../x/` cannot be an address on this site: it holds `.` or `..`; an address cannot climb out of the site\n --> content/guidance/p.md:4:14\n  |\n4 | permalink = \"../../x/\"\n  |              ^^^^^^^^\n{help}"
        )
    );
    assert_eq!(
        front_matter_problem("aliases = [\"/search/\"]\n"),
        format!(
            "error[front-matter]: alias `/search/` cannot be an address on this site: is the address of a page guidebook makes\n --> content/guidance/p.md:4:13\n  |\n4 | aliases = [\"/search/\"]\n  |             ^^^^^^^^\n{help}"
        )
    );
    assert_eq!(
        front_matter_problem("slug = \"!!!\"\n"),
        format!(
            "error[front-matter]: slug `!!!` cannot be an address on this site: has no letter or digit to make an address from\n --> content/guidance/p.md:4:9\n  |\n4 | slug = \"!!!\"\n  |         ^^^\n{help}"
        )
    );
    let (_t, s) = site(&[("assets/p.md", &page("", "In assets."))]);
    let o = run_in(&s, &["check"]);
    assert_eq!(
        blocks(&stderr(&o), "error[front-matter]"),
        [
            "error[front-matter]: this page's address /assets/p/ is inside /assets/, which guidebook writes itself\n --> content/assets/p.md:1:1\n  |\n1 | +++\n  | ^\n  = help: give the page another `slug` or `permalink`, or move the file to another folder\n"
        ]
    );
}

#[test]
fn two_pages_at_one_address_name_the_line_that_decides_it() {
    let (_t, site) = site(&[
        ("a.md", &page("", "A.")),
        ("b.md", &page("slug = \"a\"\n", "B.")),
    ]);
    let o = run_in(&site, &["check", "--format", "json"]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let dup: Vec<&serde_json::Value> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "duplicate-url")
        .collect();
    assert_eq!(dup.len(), 1);
    assert_eq!(dup[0]["path"], "content/b.md");
    assert_eq!(
        (dup[0]["line"].as_u64(), dup[0]["column"].as_u64()),
        (Some(4), Some(1))
    );
}

#[test]
fn yaml_errors_give_one_line_number() {
    let (_t, site) = site(&[(
        "y.md",
        "---\ntitle: A\nsummary: B\ntags: [a, b\nowner: x\n---\nBody\n",
    )]);
    let o = run_in(&site, &["build"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        blocks(&stderr(&o), "error[front-matter]"),
        [
            "error[front-matter]: invalid YAML front matter: illegal placement of ':' indicator\n --> content/y.md:5:6\n  |\n5 | owner: x\n  |      ^\n  = help: YAML front matter looks like `title: Travel advice`\n"
        ]
    );
}

fn config_error(toml: &str, themes: &[&str]) -> (i32, String) {
    let (_t, site) = site(&[]);
    fs::write(site.join("guidebook.toml"), toml).unwrap();
    for t in themes {
        fs::create_dir_all(site.join("themes").join(t).join("templates")).unwrap();
    }
    let o = run_in(&site, &["build"]);
    if o.status.code() != Some(0) {
        assert!(!Path::new(&site.join("public")).exists());
    }
    (o.status.code().unwrap(), stderr(&o))
}

#[test]
fn a_misspelt_theme_names_the_themes_there_are() {
    assert_eq!(
        config_error("title = \"T\"\ntheme = \"defualt\"\n", &["campus"]),
        (
            2,
            "error[config]: unknown theme `defualt`; did you mean `default`?\n --> guidebook.toml:2:9\n  |\n2 | theme = \"defualt\"\n  |         ^^^^^^^^^\n  = help: themes available: default, campus (`default` is built in; a theme of your own is a folder in themes/)\n\nBuild failed; ./public was left as it was\n".to_string()
        )
    );
    assert_eq!(config_error("theme = \"campus\"\n", &["campus"]).0, 0);
}

#[test]
fn base_url_must_be_a_web_address_or_a_path() {
    assert_eq!(
        config_error("base_url = \"javascript:alert(1)\"\n", &[]),
        (
            2,
            "error[config]: base_url `javascript:alert(1)` is not a web address or a path\n --> guidebook.toml:1:12\n  |\n1 | base_url = \"javascript:alert(1)\"\n  |            ^^^^^^^^^^^^^^^^^^^^^\n  = help: write it as https://host/path/ (where the site is published) or as a path such as /research-security/\n\nBuild failed; ./public was left as it was\n".to_string()
        )
    );
}
