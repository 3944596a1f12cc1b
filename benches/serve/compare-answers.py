#!/usr/bin/env python3
"""Ask two `guidebook host` binaries the same search queries and count the answers
that differ (the JSON of /_search/api, byte for byte, scores included). Used to check
that a change to the host's search leaves every answer as it was.

    python3 benches/serve/compare-answers.py SITE_OUT OLD_BIN NEW_BIN [QUERIES]

When the change is to the index format too, set NEW_SITE_OUT to the same site built
by NEW_BIN: OLD_BIN then serves SITE_OUT and NEW_BIN serves NEW_SITE_OUT. Two builds
whose index has its pages in other segments may sum a page's score in another order,
so such answers are also compared with scores equal to a millionth of their size (as a
second count), and any other difference is a real one.

Queries: one to three words drawn from varied-queries.lua (every seventh quoted as a
phrase), with kinds, second pages and a few fixed questions. Binds 127.0.0.1 only.
"""
import json, os, random, re, subprocess, sys, time, urllib.request, urllib.parse
site, a, b = sys.argv[1], sys.argv[2], sys.argv[3]
n = int(sys.argv[4]) if len(sys.argv) > 4 else 2000
lua = open(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'varied-queries.lua')).read()
words = re.findall(r'"([a-z]+)"', lua)
random.seed(7)
extra = ["who do I ask about ATAS", "\"export control\"", "export licnce", "sanctons", "contact for travel",
         "research security lead", "visa", "xyzzy", "data protection officer", "\"due diligence\" partner"]
qs = []
for i in range(n):
    k = random.choice([1, 2, 2, 3])
    q = " ".join(random.choice(words) for _ in range(k))
    if i % 7 == 0: q = '"' + q + '"'
    qs.append(q)
qs += extra
def start(binp, port, site):
    p = subprocess.Popen([binp, "host", site, "--bind", f"127.0.0.1:{port}", "--quiet"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(0.5)
    return p
pa, pb = start(a, 8771, site), start(b, 8772, os.environ.get('NEW_SITE_OUT', site))
diff = 0
real = 0
def close(ra, rb):
    a, b = json.loads(ra), json.loads(rb)
    sa = [h.pop("score") for h in a.get("hits", [])]
    sb = [h.pop("score") for h in b.get("hits", [])]
    return a == b and all(abs(x - y) <= 1e-6 * max(abs(x), abs(y)) for x, y in zip(sa, sb))
try:
    for i, q in enumerate(qs):
        params = {"q": q, "limit": random.choice(["5", "10", "20"])}
        if i % 5 == 0: params["kind"] = random.choice(["guidance", "contact", "checklist"])
        if i % 11 == 0: params["page"] = "2"
        qs_ = urllib.parse.urlencode(params)
        ra = urllib.request.urlopen(f"http://127.0.0.1:8771/_search/api?{qs_}").read()
        rb = urllib.request.urlopen(f"http://127.0.0.1:8772/_search/api?{qs_}").read()
        if ra != rb:
            diff += 1
            if not close(ra, rb):
                real += 1
                if real < 4: print("DIFF", qs_, ra[:300], rb[:300])
finally:
    pa.kill(); pb.kill()
print(f"{len(qs)} queries, {diff} differ, {real} beyond a millionth of a score")
