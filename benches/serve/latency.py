#!/usr/bin/env python3
"""Edit-to-reload latency of `guidebook serve`.

    python3 benches/serve/latency.py --bin target/release/guidebook --site /tmp/corpus/guidebook \
        [--edits 20] [--template-edits 5] [--gap 0.5] [--serve-log FILE]

Starts `guidebook serve SITE --bind 127.0.0.1:0` on a private copy of SITE, opens the
live-reload event stream as a page would, then saves a page (write a temporary file,
rename it over the page, as editors do) and times how long until the server sends the
`reload` event naming that page; then the same for an edit of a template: the time
until the open page reloads (it is rendered ahead of the others) and until every page
is done (the `"all":true` reload). Prints one JSON object with every sample and the medians. Loopback only; the
run is bounded (each wait times out after 30 s).
"""

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

WAIT = 30.0


def start(bin_path, site, log=None):
    env = dict(os.environ)
    if log:
        env["GUIDEBOOK_SERVE_STEPS"] = "1"
    p = subprocess.Popen(
        [bin_path, "serve", site, "--bind", "127.0.0.1:0"],
        stdout=subprocess.PIPE,
        stderr=log or subprocess.PIPE,
        text=True,
        env=env,
    )
    t0 = time.monotonic()
    line = p.stdout.readline()
    startup = time.monotonic() - t0
    if "http://" not in line:
        p.kill()
        sys.exit("serve did not print its URL: " + line + p.stderr.read())
    url = line[line.index("http://"):].strip()
    if not log:
        threading.Thread(target=lambda: [None for _ in p.stderr], daemon=True).start()
    threading.Thread(target=lambda: [None for _ in p.stdout], daemon=True).start()
    return p, url, startup


class Events:
    """A Server-Sent Events reader on a raw socket."""

    def __init__(self, host, port, path):
        self.s = socket.create_connection((host, port))
        self.s.sendall(f"GET {path} HTTP/1.1\r\nHost: {host}\r\nAccept: text/event-stream\r\n\r\n".encode())
        self.buf = b""
        while b"\r\n\r\n" not in self.buf:
            self.buf += self.s.recv(65536)
        self.buf = self.buf.split(b"\r\n\r\n", 1)[1]

    def wait_for(self, name, needle, deadline, accept=None):
        while True:
            while b"\n\n" in self.buf:
                raw, self.buf = self.buf.split(b"\n\n", 1)
                ev, data = "", ""
                for line in raw.decode("utf-8", "replace").splitlines():
                    if line.startswith("event:"):
                        ev = line[6:].strip()
                    elif line.startswith("data:"):
                        data += line[5:].strip()
                if ev == name and needle in data and (accept is None or accept(data)):
                    return time.monotonic(), data
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"no {name} event with {needle!r}")
            self.s.settimeout(left)
            chunk = self.s.recv(65536)
            if not chunk:
                raise EOFError("event stream closed")
            self.buf += chunk.replace(b"\r\n", b"\n")


def save(path, text):
    tmp = os.path.join(os.path.dirname(path), "." + os.path.basename(path) + ".tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, path)


def generation(url):
    html = urllib.request.urlopen(url, timeout=WAIT).read().decode()
    at = html.index('data-gen="') + 10
    return html[at:html.index('"', at)]


def summary(xs):
    xs = sorted(xs)
    return {
        "n": len(xs),
        "median_ms": round(statistics.median(xs) * 1000, 1),
        "p90_ms": round(xs[int(0.9 * (len(xs) - 1))] * 1000, 1),
        "max_ms": round(xs[-1] * 1000, 1),
        "min_ms": round(xs[0] * 1000, 1),
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bin", required=True)
    ap.add_argument("--site", required=True)
    ap.add_argument("--edits", type=int, default=20)
    ap.add_argument("--template-edits", type=int, default=5)
    ap.add_argument("--gap", type=float, default=0.5, help="seconds between edits")
    ap.add_argument("--page", default=None, help="content path of the page to edit")
    ap.add_argument("--serve-log", default=None,
                    help="write serve's terminal output here, with its per-step timings (GUIDEBOOK_SERVE_STEPS=1)")
    a = ap.parse_args()

    work = tempfile.mkdtemp(prefix="guidebook-latency-")
    site = os.path.join(work, "site")
    shutil.copytree(a.site, site)
    content = os.path.join(site, "content")
    page = a.page or next(
        os.path.relpath(os.path.join(d, f), content)
        for d, _, fs in sorted(os.walk(content))
        for f in sorted(fs)
        if f.endswith(".md") and not f.startswith("_") and "contacts" not in d
    )
    rel_url = "/" + page[:-3] + "/"
    page_file = os.path.join(content, page)
    original = open(page_file, encoding="utf-8").read()

    log = open(a.serve_log, "w", encoding="utf-8") if a.serve_log else None
    proc, url, startup = start(a.bin, site, log)
    host, port = url[len("http://"):].split("/")[0].split(":")
    try:
        gen = generation(url.rstrip("/") + rel_url)
        ev = Events(host, int(port), f"/__guidebook/events?gen={gen}&path={rel_url}")
        ev.wait_for("problems", "", time.monotonic() + WAIT)
        page_samples = []
        for i in range(a.edits):
            time.sleep(a.gap)
            t0 = time.monotonic()
            save(page_file, original + f"\nEdit number {i} for the latency benchmark.\n")
            t1, _ = ev.wait_for("reload", rel_url, t0 + WAIT)
            page_samples.append(t1 - t0)
        body = urllib.request.urlopen(url.rstrip("/") + rel_url, timeout=WAIT).read().decode()
        assert f"Edit number {a.edits - 1}" in body, "the last edit is not served"

        templates = os.path.join(site, "templates")
        os.makedirs(templates, exist_ok=True)
        tpl = os.path.join(templates, "page.html")
        base = open(os.path.join(os.path.dirname(__file__), "..", "..", "themes", "default", "templates", "page.html"), encoding="utf-8").read()
        save(tpl, base)
        ev.wait_for("reload", '"all":true', time.monotonic() + 120)
        template_samples, template_all_samples = [], []
        for i in range(a.template_edits):
            time.sleep(max(a.gap, 2.0))
            t0 = time.monotonic()
            # A change every page drawn with page.html shows.
            save(tpl, base.replace("{% block main %}", f"{{% block main %}}<!-- template edit {i} -->", 1))
            # The open page reloads first (it was rendered ahead of the others);
            # every page is done at the "all" reload, which may be the same event.
            t1, data = ev.wait_for("reload", "", t0 + 120, lambda d: rel_url in d or '"all":true' in d)
            t2 = t1 if '"all":true' in data else ev.wait_for("reload", '"all":true', t0 + 120)[0]
            template_samples.append(t1 - t0)
            template_all_samples.append(t2 - t0)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
        shutil.rmtree(work, ignore_errors=True)

    print(json.dumps({
        "site_pages": sum(1 for _, _, fs in os.walk(a.site) for f in fs if f.endswith(".md")),
        "page": page,
        "startup_s": round(startup, 2),
        "page_edit": summary(page_samples),
        "template_edit": summary(template_samples),
        "template_edit_all_pages": summary(template_all_samples),
        "page_samples_ms": [round(x * 1000, 1) for x in page_samples],
        "template_samples_ms": [round(x * 1000, 1) for x in template_samples],
        "template_all_pages_samples_ms": [round(x * 1000, 1) for x in template_all_samples],
    }, indent=2))


if __name__ == "__main__":
    main()
