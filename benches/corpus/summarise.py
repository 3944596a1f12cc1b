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
    """Measured runs by tool; warm-up runs of tools with no measured run; failures."""
    runs, warm, failed = {}, {}, {}
    for line in open(path, encoding="utf-8"):
        f = line.split()
        if len(f) != 7:
            continue
        if f[6] != "0":
            failed.setdefault(f[0], []).append((f[1], f[6], f[2]))
            continue
        row = (float(f[2]), float(f[3]) + float(f[4]), int(f[5]), f[1])
        (warm if f[1] == "0" else runs).setdefault(f[0], []).append(row)
    for t in list(warm):
        if t in runs:
            del warm[t]
    return runs, warm, failed


def medians(rows):
    return tuple(statistics.median(r[i] for r in rows) for i in range(3))


def fmt_mib(kb):
    return f"{kb / 1024:,.0f} MiB"


def main():
    raw, n = sys.argv[1], int(sys.argv[2])
    runs, warm, failed = load(raw)
    for t, rows in warm.items():
        runs[t + " (warm-up only)"] = rows
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
    for t, fails in failed.items():
        what = ", ".join(
            f"round {r}: " + ("timed out" if code == "124" else f"exit {code}") + f" after {w} s"
            for r, code, w in fails
        )
        print(f"\n{t} failed ({what}).")
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
        paired(runs, shown)


def paired(runs, shown):
    """Median over rounds of the ratio within each round: steadier when load drifts."""
    print()
    print("| ratio (median of per-round ratios) | wall | CPU | peak RSS | rounds |")
    print("| --- | --- | --- | --- | --- |")
    for a, b, label in shown:
        rb = {r[3]: r for r in runs[b]}
        pairs = [(r, rb[r[3]]) for r in runs[a] if r[3] in rb]
        if not pairs:
            continue
        med = [statistics.median(x[i] / y[i] for x, y in pairs) for i in range(3)]
        print(f"| {label} | {med[0]:.2f} | {med[1]:.2f} | {med[2]:.2f} | {len(pairs)} |")


if __name__ == "__main__":
    main()
