// Bytes a browser fetches to search a static site, for guidebook's static export
// (themes/default/static/search.js over _search/static/) and for Pagefind, on the
// same built pages. Each query runs cold, as on a fresh page load: every file it
// needs is counted once. Pagefind's runtime (pagefind.js + WebAssembly) runs here
// under Node with `fetch` served from disk.
//
//   node benches/search/fetch.js '{"site": OUT, "queries": ["word", "three word query"], "results": 10}'
//
// Prints JSON: for each tool and query, the files fetched, their bytes as stored and
// gzip-compressed (what a server sending Content-Encoding: gzip would transfer;
// Pagefind's index files and guidebook's `*.json.gz` are stored gzip-compressed
// already), split into index
// (everything but the search code) and code.
"use strict";
const fs = require("fs");
const path = require("path");
const zlib = require("zlib");
const { pathToFileURL } = require("url");

const input = JSON.parse(process.argv[2]);
const site = input.site;
const topN = input.results || 10;

function sizes(file) {
  const buf = fs.readFileSync(file);
  const gz = /\.pf_|wasm\.|\.gz$/.test(file) ? buf.length : zlib.gzipSync(buf, { level: 6 }).length;
  return { raw: buf.length, gzip: gz };
}
function sum(list) {
  return list.reduce((a, f) => ({ raw: a.raw + f.raw, gzip: a.gzip + f.gzip }), { raw: 0, gzip: 0 });
}

async function ours(q) {
  const search = require(path.join(__dirname, "..", "..", "themes", "default", "static", "search.js"));
  const dir = path.join(site, "_search", "static");
  const files = [];
  const engine = new search.Engine((name) => {
    const file = path.join(dir, name.split("?")[0]);
    files.push({ name: name.split("?")[0], ...sizes(file) });
    const stored = fs.readFileSync(file);
    const gzip = stored[0] === 0x1f && stored[1] === 0x8b;
    return Promise.resolve(JSON.parse((gzip ? zlib.gunzipSync(stored) : stored).toString("utf8")));
  });
  const r = await engine.search({ q, limit: topN });
  const code = sizes(path.join(__dirname, "..", "..", "themes", "default", "static", "search.js"));
  const index = files.filter((f) => !f.name.startsWith("d/"));
  const records = files.filter((f) => f.name.startsWith("d/"));
  return { q, total: r.total, files: files.length, index: sum(index), results: sum(records), code, top: r.hits.slice(0, 3).map((h) => h.url) };
}

let instance = 0;
async function pagefind(q) {
  const dir = path.join(site, "pagefind");
  const files = [];
  const realFetch = globalThis.fetch;
  globalThis.fetch = async (url) => {
    const u = new URL(url, "http://localhost/pagefind/");
    const file = path.join(site, decodeURIComponent(u.pathname));
    files.push({ name: path.relative(dir, file), ...sizes(file) });
    const buf = fs.readFileSync(file);
    return new Response(buf, { status: 200 });
  };
  try {
    instance += 1;
    const pf = await import(pathToFileURL(path.join(dir, "pagefind.js")).href + "?cold=" + instance);
    await pf.options({ basePath: "http://localhost/pagefind/" });
    await pf.init();
    const r = await pf.search(q);
    const data = await Promise.all(r.results.slice(0, topN).map((x) => x.data()));
    const isCode = (f) => f.name === "pagefind.js" || /wasm\./.test(f.name);
    const code = sum(files.filter(isCode).concat([{ name: "pagefind.js", ...sizes(path.join(dir, "pagefind.js")) }]));
    const records = files.filter((f) => /fragment/.test(f.name));
    const index = files.filter((f) => !isCode(f) && !/fragment/.test(f.name));
    return { q, total: r.results.length, files: files.length + 1, index: sum(index), results: sum(records), code, top: data.slice(0, 3).map((d) => d.url) };
  } finally {
    globalThis.fetch = realFetch;
  }
}

(async () => {
  const out = { ours: [], pagefind: [] };
  for (const q of input.queries) {
    out.ours.push(await ours(q));
    if (fs.existsSync(path.join(site, "pagefind", "pagefind.js"))) out.pagefind.push(await pagefind(q));
  }
  process.stdout.write(JSON.stringify(out, null, 1) + "\n");
})().catch((e) => {
  process.stderr.write(String((e && e.stack) || e) + "\n");
  process.exit(1);
});
