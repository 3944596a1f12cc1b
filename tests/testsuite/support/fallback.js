// Runs the real themes/default/static/search.js under Node against a built site's
// static export. Reads {"dir", "queries": [{q, kind, limit, offset}], "analyze": [text],
// "render": [results], "prefix"} as JSON on stdin; prints {"results": [...],
// "analyzed": [...], "html": [...], "status": [...], "bytes": [...]} on stdout.
// "bytes" are each fetched file's size as stored (gzip-compressed but for meta.json).
// Used by tests/testsuite/search_fallback.rs (through support/search.rs); no eval, no network.
"use strict";
const fs = require("fs");
const path = require("path");
const zlib = require("zlib");
const search = require(path.join(__dirname, "..", "..", "..", "themes", "default", "static", "search.js"));

const input = JSON.parse(fs.readFileSync(0, "utf8"));
const fetched = [];
const engine = new search.Engine((name) => {
  const file = path.join(input.dir, name.split("?")[0]);
  const stored = fs.readFileSync(file);
  fetched.push([name.split("?")[0], stored.length]);
  const gzip = stored[0] === 0x1f && stored[1] === 0x8b;
  return Promise.resolve(JSON.parse((gzip ? zlib.gunzipSync(stored) : stored).toString("utf8")));
});

(async () => {
  const results = [];
  const bytes = [];
  for (const q of input.queries || []) {
    fetched.length = 0;
    results.push(await engine.search(q));
    bytes.push(fetched.slice());
  }
  await engine.load();
  const analyzed = (input.analyze || []).map((t) => engine.analyzer.analyze(t).map((x) => [x.surface, x.stem, x.position]));
  const html = (input.render || []).map((r) => search.resultsHtml(r, input.prefix || "/"));
  const status = (input.render || []).map((r) => search.statusText(r, true));
  process.stdout.write(JSON.stringify({ results, analyzed, html, status, bytes }));
})().catch((e) => {
  process.stderr.write(String(e && e.stack || e));
  process.exit(1);
});
