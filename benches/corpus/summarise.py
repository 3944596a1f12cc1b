#!/usr/bin/env python3
"""Summarise the raw runs of benches/compare.sh as Markdown tables.

    python3 benches/corpus/summarise.py RAW.tsv N

RAW lines: tool round wall_s user_s sys_s maxrss_kb exit. Round 0 is the warm-up and
is left out; so are runs that did not exit 0.
"""

import statistics
import sys

ORDER = ["guidebook", "guidebook-rebuild", "hugo", "hugo+pagefind", "mdbook"]


def load(path):
    runs = {}
    for line in open(path, encoding="utf-8"):
        f = line.split()
        if len(f) != 7 or f[1] == "0" or f[6] != "0":
            continue
        wall, user, sys_, rss = float(f[2]), float(f[3]), float(f[4]), int(f[5])
        runs.setdefault(f[0], []).append((wall, user + sys_, rss))
    return runs


def medians(rows):
    return tuple(statistics.median(r[i] for r in rows) for i in range(3))


def fmt_mib(kb):
    return f"{kb / 1024:,.0f} MiB"


def main():
    raw, n = sys.argv[1], int(sys.argv[2])
    runs = load(raw)
    tools = [t for t in ORDER if t in runs] + [t for t in runs if t not in ORDER]
    med = {t: medians(runs[t]) for t in tools}
    print(f"| {n:,} pages | runs | wall (median) | wall min–max | CPU (median) "
          "| peak RSS (median) | RSS per page |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for t in tools:
        w, c, m = med[t]
        walls = [r[0] for r in runs[t]]
        print(f"| {t} | {len(runs[t])} | {w:.2f} s | {min(walls):.2f}–{max(walls):.2f} s "
              f"| {c:.2f} s | {fmt_mib(m)} | {m / n:,.1f} KiB |")
    print()
    pairs = [
        ("guidebook", "hugo", "guidebook / Hugo"),
        ("guidebook", "hugo+pagefind", "guidebook / (Hugo + Pagefind)"),
        ("guidebook", "mdbook", "guidebook / mdBook"),
        ("guidebook-rebuild", "guidebook", "no-change rebuild / full build"),
    ]
    shown = [(a, b, label) for a, b, label in pairs if a in med and b in med]
    if shown:
        print("| ratio (of medians) | wall | CPU | peak RSS |")
        print("| --- | --- | --- | --- |")
        for a, b, label in shown:
            ra = [x / y for x, y in zip(med[a], med[b])]
            print(f"| {label} | {ra[0]:.2f} | {ra[1]:.2f} | {ra[2]:.2f} |")


if __name__ == "__main__":
    main()
