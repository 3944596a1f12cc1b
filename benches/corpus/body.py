"""Bodies of the benchmark corpus: paragraphs, headings, lists, tables and links.

Input: the plan from model.py. Output: each Page's `body` (format-neutral Markdown,
links as placeholders) and `links`. Links only point at files and headings that
exist, so every format builds without a broken link.
"""

LINK = "\x01{}\x01"
SECTION_HEADINGS = ("In this section", "About this section")


def heading_id(text):
    """The id guidebook, Hugo (github style) and mdBook all give a plain heading."""
    out = []
    for c in text.strip():
        if c.isalnum() or c in "-_":
            out.append(c.lower())
        elif c == " ":
            out.append("-")
    return "".join(out) or "section"


class Bodies:
    def __init__(self, rng, text, pages):
        self.rng = rng
        self.text = text
        self.by_rel = {p.rel: p for p in pages}
        self.regular = [p for p in pages if p.kind == "page"]
        self.sections = [p for p in pages if p.kind == "section"]
        self.contacts = [p for p in pages if p.kind == "contact"]

    def fill(self, pages):
        for p in pages:
            if p.kind == "page":
                p.body = self.page_body(p)
            elif p.kind == "contact":
                p.body = self.contact_body(p)
            else:
                p.body = self.index_body(p)

    # --- links -------------------------------------------------------------

    def add_link(self, p, target, anchor="", style="abs"):
        p.links.append((target.rel, anchor, style))
        return LINK.format(len(p.links) - 1)

    def pick_target(self, p):
        r = self.rng.random()
        d = p.rel.rsplit("/", 1)[0]
        siblings = self.by_rel[d + "/_index.md"].children if p.kind == "page" else []
        if r < 0.45 and len(siblings) > 1:
            t = self.by_rel[self.rng.choice(siblings)]
            style = "rel"
        elif r < 0.75:
            t, style = self.rng.choice(self.regular), self.rng.choice(["abs", "rel"])
        elif r < 0.88:
            t, style = self.rng.choice(self.sections), "abs"
        else:
            t, style = self.rng.choice(self.contacts), "abs"
        if t is p:
            t = self.sections[0]
        anchor = ""
        if t.kind == "page" and t.headings and self.rng.random() < 0.3:
            anchor = heading_id(self.rng.choice(t.headings)[1])
        return t, anchor, style

    def linked_sentence(self, p):
        t, anchor, style = self.pick_target(p)
        ph = self.add_link(p, t, anchor, style)
        if self.rng.random() < 0.5:
            label = t.title
        else:
            label = " ".join(self.text.words(self.rng.randint(2, 3)))
        before = " ".join(self.text.words(self.rng.randint(3, 8)))
        after = " ".join(self.text.words(self.rng.randint(2, 6)))
        return f"{before.capitalize()} [{label}]({ph}) {after}."

    # --- blocks ------------------------------------------------------------

    def paragraph(self, p, links=0):
        sentences = [self.text.sentence() for _ in range(self.rng.randint(2, 4))]
        for _ in range(links):
            sentences.insert(self.rng.randint(0, len(sentences)), self.linked_sentence(p))
        return " ".join(sentences)

    def bullet_list(self, numbered=False):
        items = []
        for i in range(self.rng.randint(4, 7)):
            mark = f"{i + 1}." if numbered else "-"
            items.append(f"{mark} {' '.join(self.text.words(self.rng.randint(5, 12)))}")
        return "\n".join(items)

    def table(self):
        cols = [self.text.phrase(1, 2) for _ in range(3)]
        rows = ["| " + " | ".join(cols) + " |", "| --- | --- | --- |"]
        for _ in range(self.rng.randint(4, 6)):
            cells = [" ".join(self.text.words(self.rng.randint(1, 4))) for _ in range(3)]
            rows.append("| " + " | ".join(cells) + " |")
        return "\n".join(rows)

    # --- pages -------------------------------------------------------------

    def page_body(self, p):
        n_links = self.rng.randint(6, 10)
        blocks = [self.paragraph(p, 1), self.paragraph(p, 0)]
        slots = len(p.headings)
        per = [0] * slots
        for _ in range(n_links - 1):
            per[self.rng.randrange(slots)] += 1
        own = self.rng.choice(p.headings)[1]
        for i, (level, h) in enumerate(p.headings):
            blocks.append(f"{'#' * level} {h}")
            blocks.append(self.paragraph(p, per[i]))
            if level == 2:
                blocks.append(self.paragraph(p, 0))
            if i == 1:
                blocks.append(self.bullet_list())
            if i == 3 and self.rng.random() < 0.7:
                blocks.append(self.table())
            if i == 4:
                blocks.append(self.bullet_list(numbered=True))
                blocks.append(f"Read [{own.lower()}](#{heading_id(own)}) again before you start.")
        return "\n\n".join(blocks) + "\n"

    def contact_body(self, p):
        blocks = [self.paragraph(p, 1), self.paragraph(p, 0)]
        return "\n\n".join(blocks) + "\n"

    def index_body(self, p):
        blocks = [self.paragraph(p, 1), f"## {SECTION_HEADINGS[0]}"]
        items = []
        for rel in p.children:
            c = self.by_rel[rel]
            ph = self.add_link(p, c, "", "rel")
            items.append(f"- [{c.title}]({ph}): {c.summary}")
        blocks.append("\n".join(items))
        blocks.append(f"## {SECTION_HEADINGS[1]}")
        blocks.append(self.paragraph(p, 0))
        blocks.append(self.paragraph(p, 0))
        return "\n\n".join(blocks) + "\n"
