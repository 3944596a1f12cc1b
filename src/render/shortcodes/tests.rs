//! Expansion of template tags, one pattern each, with exact output.

use super::*;

fn site(rels: &[&str]) -> Site {
    let mut s = Site::default();
    for (i, r) in rels.iter().enumerate() {
        s.by_rel.insert(r.to_string(), i);
    }
    s
}

fn run(text: &str) -> Expanded<'_> {
    let s = site(&[
        "docs/install.md",
        "docs/guide/_index.md",
        "docs/guide/setup.md",
        "_posts/2024-01-02-hello.md",
        "about.md",
    ]);
    let ctx = Context {
        site: &s,
        from_rel: "docs/guide/setup.md",
        keep_raw: false,
    };
    expand(text, &ctx)
}

fn shown<'e>(e: &'e Expanded<'_>) -> Vec<&'e str> {
    e.dropped.iter().map(|d| d.shown.as_str()).collect()
}

#[test]
fn hugo_refs_become_content_links() {
    let e = run(
        r#"[a]({{< ref "install" >}}) [b]({{< relref "/docs/guide#part" >}}) [c]({{< ref "setup.md" >}}) [d]({{< ref "gone" >}})"#,
    );
    assert_eq!(
        e.text,
        "[a](@/docs/install.md) [b](@/docs/guide/_index.md#part) [c](@/docs/guide/setup.md) [d](@/docs/guide/gone.md)"
    );
    assert!(e.dropped.is_empty());
}

#[test]
fn liquid_links_and_base_url() {
    let e = run(
        "[a]({% link docs/install.md %}) [p]({% post_url 2024-01-02-hello %}) [u]({{ site.baseurl }}/docs/install/) [r]({{ '/about/' | relative_url }}) [x]({% page \"/about/\" %})",
    );
    assert_eq!(
        e.text,
        "[a](@/docs/install.md) [p](@/_posts/2024-01-02-hello.md) [u](/docs/install/) [r](/about/) [x](/about/)"
    );
    assert!(e.dropped.is_empty());
}

#[test]
fn other_tags_are_left_out_and_listed() {
    let e = run(
        "Watch {{< youtube abc >}} now.\n{% include nav.html %}\nBy {{ page.author }}.\n{{% tabs %}}\nInside\n{{% /tabs %}}\n",
    );
    assert_eq!(e.text, "Watch  now.\n\nBy .\n\nInside\n\n");
    assert_eq!(
        shown(&e),
        [
            "{{< youtube >}}",
            "{% include %}",
            "{{ page.author }}",
            "{{% tabs %}}"
        ]
    );
    assert_eq!((e.dropped[0].offset, e.dropped[0].len), (6, 19));
}

#[test]
fn code_is_left_as_written_with_escapes_undone() {
    let text = "Use `{{< ref \"x\" >}}` here.\n\n```go-html-template\n{{</* note */>}}\n{% raw %}{{ page.title }}{% endraw %}\n```\n";
    let e = run(text);
    assert_eq!(
        e.text,
        "Use `{{< ref \"x\" >}}` here.\n\n```go-html-template\n{{< note >}}\n{{ page.title }}\n```\n"
    );
    assert!(e.dropped.is_empty());
}

#[test]
fn code_and_raw_blocks_keep_their_lines() {
    let e = run(
        "{% highlight ruby %}\nputs {{ x }}\n{% endhighlight %}\n\n{% raw %}\n{{ y }}\n{% endraw %}\n{% comment %}\nhidden\n{% endcomment %}\nEnd\n",
    );
    assert_eq!(
        e.text,
        "```ruby\nputs {{ x }}\n```\n\n\n{{ y }}\n\n\n\n\nEnd\n"
    );
}

#[test]
fn a_site_s_own_paired_code_shortcode_is_a_code_block() {
    let e = run(
        "{{< codeFromInline lang=\"bash\" >}}\n# a shell comment, not a heading\nkind create cluster\n{{< /codeFromInline >}}\n{{< snippet language=\"yaml\" >}}\na: 1\n{{< /snippet >}}\n{{< codeFromFile file=\"x.yaml\" >}}\n",
    );
    assert_eq!(
        e.text,
        "```bash\n# a shell comment, not a heading\nkind create cluster\n```\n```yaml\na: 1\n```\n\n"
    );
    // with no closing tag there is no body: the tag is left out and reported
    assert_eq!(shown(&e), ["{{< codeFromFile >}}"]);
}

#[test]
fn callout_shortcodes_become_callout_markers() {
    let e = run(
        "{{% alert title=\"Heads up\" color=\"warning\" %}}\nBe careful.\n{{% /alert %}}\n{% note %}\nN\n{% endnote %}\n",
    );
    assert_eq!(
        e.text,
        "<!--guidebook:callout warning box Heads up-->\nBe careful.\n<!--guidebook:callout-end-->\n<!--guidebook:callout note box -->\nN\n<!--guidebook:callout-end-->\n"
    );
}

#[test]
fn pandoc_attributes_give_images_their_alt_text() {
    let e = run(
        "![](fig/map.svg){alt='The file system: a tree'} and [x](y.md){: .btn}\n\n::: typer.Context\n",
    );
    assert_eq!(
        e.text,
        "![The file system: a tree](fig/map.svg) and [x](y.md)\n\n\n"
    );
    assert_eq!(shown(&e), ["::: (API reference)"]);
}

#[test]
fn attribute_lists_and_snippets_are_left_out() {
    let e = run(
        "## Contents\n{: .no_toc }\n[Start](x.md){ .md-button }\n--8<-- \"includes/abbr.md\"\n",
    );
    assert_eq!(e.text, "## Contents\n\n[Start](x.md)\n\n");
    assert_eq!(shown(&e), ["--8<--"]);
}

proptest::proptest! {
    /// Whatever the text, expansion never panics and keeps every line break outside
    /// the tags it rewrites.
    #[test]
    fn never_panics(text in "([{}%<>/*`~\\n a-z\"'#:!?+…—é-]|\\{\\{<|\\{%|%\\}|>\\}\\}|```){0,80}") {
        let e = run(&text);
        proptest::prop_assert!(e.text.len() < text.len() * 4 + 64);
    }
}
