"""Write the planned corpus as a guidebook site, a Hugo site or an mdBook book.

The same text goes to each; only what each tool needs differs: guidebook gets TOML
front matter and `@/` or relative links, Hugo gets TOML front matter, absolute
content paths resolved by a link render hook and minimal layouts, mdBook gets a
`# Title` instead of front matter, relative links and a SUMMARY.md. Files are
written in a fixed order with fixed contents, so a seed gives byte-identical trees.
"""

import os
import posixpath
import re

PLACEHOLDER = re.compile("\x01(\\d+)\x01")
SITE_TITLE = "Research Security Knowledge Base"
HERE = os.path.dirname(os.path.abspath(__file__))


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def q(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def qlist(items):
    return "[" + ", ".join(q(i) for i in items) + "]"


def relative(target, page_rel):
    return posixpath.relpath(target, posixpath.dirname(page_rel) or ".")


def links(p, form):
    def sub(m):
        target, anchor, style = p.links[int(m.group(1))]
        if form == "guidebook":
            dest = "@/" + target if style == "abs" else relative(target, p.rel)
        elif form == "hugo":
            dest = "/" + target
        else:
            dest = relative(target, p.rel)
        return dest + ("#" + anchor if anchor else "")

    return PLACEHOLDER.sub(sub, p.body)


def front_matter(p):
    lines = ["+++", f"title = {q(p.title)}", f"summary = {q(p.summary)}"]
    if p.kind == "contact":
        for k, v in p.extra.items():
            lines.append(f"{k} = {q(v)}")
    else:
        lines.append(f"tags = {qlist(p.tags)}")
    if p.kind == "page" and p.rel.startswith("legislation/"):
        # the fields the legislation register needs (guidebook's missing-field rule)
        lines.append(f"short_name = {q(p.title.split()[0])}")
        lines.append('department = "Department for Business and Trade"')
        lines.append(f"requires = {q(p.summary)}")
    lines.append(f"owner = {q(p.owner)}")
    lines.append(f"reviewed = {p.reviewed}")
    lines.append(f"review_every = {q(p.review_every)}")
    if p.contacts:
        lines.append(f"contacts = {qlist(p.contacts)}")
    lines.append(f"weight = {p.weight}")
    lines.append("+++")
    return "\n".join(lines) + "\n\n"


GUIDEBOOK_TOML = f"""title = {q(SITE_TITLE)}
# A host, so the build writes sitemap.xml (with absolute addresses), as Hugo does.
base_url = "https://intranet.example.ac.uk/"
description = "A generated knowledge base for build benchmarks."
language = "en-GB"
default_visibility = "public"

[review]
every = "24 months"
due_soon_days = 30
"""


def write_guidebook(pages, out):
    write(os.path.join(out, "guidebook.toml"), GUIDEBOOK_TOML)
    for p in pages:
        write(os.path.join(out, "content", p.rel), front_matter(p) + links(p, "guidebook"))


HUGO_TOML = f"""baseURL = "/"
title = {q(SITE_TITLE)}
locale = "en-GB"
enableRobotsTXT = true
disableKinds = ["taxonomy", "term", "rss"]

[markup.goldmark.parser]
autoHeadingIDType = "github"
"""


def write_hugo(pages, out):
    write(os.path.join(out, "hugo.toml"), HUGO_TOML)
    layouts = os.path.join(HERE, "hugo-layouts")
    for dirpath, _, files in sorted(os.walk(layouts)):
        for name in sorted(files):
            src = os.path.join(dirpath, name)
            rel = os.path.relpath(src, layouts)
            with open(src, encoding="utf-8") as f:
                write(os.path.join(out, "layouts", rel), f.read())
    for p in pages:
        write(os.path.join(out, "content", p.rel), front_matter(p) + links(p, "hugo"))


def write_mdbook(pages, out):
    write(os.path.join(out, "book.toml"),
          f'[book]\ntitle = {q(SITE_TITLE)}\nlanguage = "en"\nsrc = "src"\n')
    by_rel = {p.rel: p for p in pages}
    summary = ["# Summary", "", f"[{pages[0].title}]({pages[0].rel})", ""]

    def entry(rel, depth):
        p = by_rel[rel]
        summary.append(f"{'  ' * depth}- [{p.title}]({p.rel})")
        for c in p.children:
            entry(c, depth + 1)

    for rel in pages[0].children:
        entry(rel, 0)
    write(os.path.join(out, "src", "SUMMARY.md"), "\n".join(summary) + "\n")
    for p in pages:
        write(os.path.join(out, "src", p.rel), f"# {p.title}\n\n" + links(p, "mdbook"))
