#!/usr/bin/env python3
"""Generate the benchmark knowledge base: N pages, deterministic for a seed.

    python3 benches/corpus/generate.py --pages 1000 --seed 1 --out /tmp/corpus-1k \
        [--formats guidebook,hugo,mdbook]

writes OUT/guidebook (guidebook.toml + content/), OUT/hugo (hugo.toml + content/ +
layouts/) and OUT/mdbook (book.toml + src/). N counts every Markdown file, section
indexes and contact pages included. OUT must not exist yet (or be empty).
"""

import argparse
import os
import sys

sys.dont_write_bytecode = True  # keep the source folder clean
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import body  # noqa: E402
import model  # noqa: E402
import writers  # noqa: E402

FORMATS = {
    "guidebook": writers.write_guidebook,
    "hugo": writers.write_hugo,
    "mdbook": writers.write_mdbook,
}


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", required=True)
    ap.add_argument("--formats", default="guidebook,hugo,mdbook")
    a = ap.parse_args(argv)
    formats = [f for f in a.formats.split(",") if f]
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        ap.error(f"unknown format(s): {', '.join(unknown)}; choose from {', '.join(FORMATS)}")
    if os.path.exists(a.out) and os.listdir(a.out):
        ap.error(f"{a.out} exists and is not empty")
    rng, text, pages, _ = model.plan(a.pages, a.seed)
    body.Bodies(rng, text, pages).fill(pages)
    for f in formats:
        FORMATS[f](pages, os.path.join(a.out, f))
    n_words = sum(len(p.body.split()) for p in pages)
    print(f"{len(pages)} pages, {n_words} words ({n_words // len(pages)} a page), "
          f"seed {a.seed} → {a.out} ({', '.join(formats)})")


if __name__ == "__main__":
    main()
