"""The site plan of the benchmark corpus: which files exist, their front matter, and
their bodies, independent of the output format.

A body is Markdown in which each internal link is written `[text](\\x01K\\x01)`, K being
an index into the page's `links` list of (target rel, anchor or "", style). The writers
turn those into guidebook's `@/...` or relative links, Hugo's or mdBook's form.
Everything comes from one `random.Random(seed)`, drawn in a fixed order.
"""

import random
from dataclasses import dataclass, field

import words

TOP_SECTIONS = [
    ("guidance", "Guidance"),
    ("legislation", "Legislation"),
    ("checklists", "Checklists"),
    ("training", "Training"),
    ("support", "Support"),
    ("case-studies", "Case studies"),
]
PAGES_PER_SUBSECTION = 50
TAGS = [
    "export control", "due diligence", "travel", "visitors", "partnerships", "ATAS",
    "sanctions", "data protection", "cyber security", "governance", "contracts",
    "intellectual property", "funding", "reputation", "academic freedom", "training",
    "incidents", "devices", "publication", "conferences", "recruitment", "students",
    "laboratories", "equipment", "investment", "compliance", "escalation", "reporting",
]
SURNAMES = """okafor smith patel nowak garcia chen jones murphy haddad silva kowalski
ahmed larsen rossi novak tanaka dubois hughes kaur ibrahim""".split()
GIVEN = """ada ben chloe dev ewa farah george hana ivan jun kemi luca maya nils
omar priya quinn rosa sam tomas""".split()


@dataclass
class Page:
    rel: str
    kind: str  # home | section | page | contact
    title: str
    summary: str
    weight: int
    tags: list = field(default_factory=list)
    owner: str = ""
    contacts: list = field(default_factory=list)
    reviewed: str = ""
    review_every: str = ""
    headings: list = field(default_factory=list)  # (level, text)
    extra: dict = field(default_factory=dict)  # contact fields
    children: list = field(default_factory=list)  # rels, for index pages
    links: list = field(default_factory=list)
    body: str = ""


class Text:
    """Sentences and phrases drawn from the Zipf vocabulary."""

    def __init__(self, rng):
        self.rng = rng
        self.vocab = words.vocabulary(rng)
        self.cum = words.zipf_cumulative(len(self.vocab))
        self.real = words.DOMAIN_WORDS

    def words(self, n):
        return self.rng.choices(self.vocab, cum_weights=self.cum, k=n)

    def phrase(self, lo, hi):
        w = self.rng.sample(self.real, self.rng.randint(lo, hi))
        return " ".join(w).capitalize()

    def sentence(self, lo=8, hi=20):
        w = self.words(self.rng.randint(lo, hi))
        r = self.rng.random()
        if r < 0.08 and len(w) > 4:
            w[2] = f"**{w[2]}**"
        elif r < 0.14 and len(w) > 4:
            w[3] = f"*{w[3]}*"
        elif r < 0.17 and len(w) > 4:
            w[1] = f"`{w[1]}`"
        return " ".join(w).capitalize() + "."


def date(rng):
    return f"2026-{rng.randint(1, 10):02d}-{rng.randint(1, 28):02d}"


def plan(n_pages, seed):
    """Every file of an n_pages corpus, with front matter and headings, no bodies."""
    rng = random.Random(seed)
    text = Text(rng)
    n_contacts = max(10, min(500, n_pages // 100))
    fixed = 2 + len(TOP_SECTIONS) + n_contacts
    if n_pages < fixed + 2:
        raise SystemExit(f"--pages must be at least {fixed + 2}")
    pages = [Page("_index.md", "home", "Research Security Knowledge Base",
                  "Guidance, legislation, checklists and contacts.", 0)]
    contacts = plan_contacts(rng, text, n_contacts)
    ids = [c.rel[len("contacts/"):-3] for c in contacts]
    contact_index = Page("contacts/_index.md", "section", "Contacts",
                         "Whom to ask about research security.", 90)
    contact_index.children = [c.rel for c in contacts]
    tops = []
    for w, (slug, title) in enumerate(TOP_SECTIONS):
        tops.append(Page(f"{slug}/_index.md", "section", title,
                         text.sentence(8, 14), 10 * (w + 1)))
    left = n_pages - fixed
    subs = []
    k = 0
    while left > 0:
        top = tops[k % len(tops)]
        size = min(left, PAGES_PER_SUBSECTION + 1)
        if left - size == 1:
            size -= 1  # never leave a lone index with no pages
        sub_dir = f"{top.rel[:-len('_index.md')]}topic-{k + 1:04d}"
        sub = Page(f"{sub_dir}/_index.md", "section", text.phrase(2, 4),
                   text.sentence(8, 14), k + 1)
        top.children.append(sub.rel)
        for j in range(size - 1):
            title = text.phrase(3, 6)
            slug = "-".join(title.lower().split()[:3])
            p = Page(f"{sub_dir}/{slug}-{j + 1:02d}.md", "page", title,
                     text.sentence(10, 18), j + 1)
            sub.children.append(p.rel)
            subs.append(p)
        subs.append(sub)
        left -= size
        k += 1
    pages += [contact_index] + contacts + tops + subs
    for p in pages:
        front_matter(rng, text, p, ids)
    pages[0].children = [contact_index.rel] + [t.rel for t in tops]
    return rng, text, pages, ids


def plan_contacts(rng, text, n):
    out = []
    for i in range(n):
        given, surname = rng.choice(GIVEN), rng.choice(SURNAMES)
        cid = f"{given}-{surname}-{i + 1:03d}"
        p = Page(f"contacts/{cid}.md", "contact", f"{given.title()} {surname.title()}",
                 text.sentence(10, 16), i + 1)
        p.extra = {
            "name": p.title,
            "role": text.phrase(2, 3),
            "team": text.phrase(2, 3),
            "email": f"{given}.{surname}{i + 1}@example.ac.uk",
            "phone": f"01632 9{rng.randint(10000, 99999)}",
            "location": f"Room {rng.randint(1, 400)}, {text.phrase(1, 2)} Building",
            "hours": "Monday to Friday, 9am to 5pm",
        }
        out.append(p)
    return out


def front_matter(rng, text, p, ids):
    p.owner = rng.choice(ids)
    p.reviewed = date(rng)
    p.review_every = rng.choice(["24 months", "36 months"])
    if p.kind == "contact":
        return
    p.tags = rng.sample(TAGS, rng.randint(2, 4))
    p.contacts = rng.sample(ids, rng.randint(1, 3))
    if p.kind == "page":
        headings, seen = [], set()
        for s in range(rng.randint(5, 7)):
            h = unique_heading(text, seen)
            headings.append((2, h))
            if s % 2 == 1:
                headings.append((3, unique_heading(text, seen)))
        p.headings = headings
    elif p.kind in ("section", "home"):
        p.headings = [(2, "In this section"), (2, "About this section")]


def unique_heading(text, seen):
    while True:
        h = text.phrase(2, 5)
        key = h.lower()
        if key not in seen and key not in ("in this section", "about this section"):
            seen.add(key)
            return h
