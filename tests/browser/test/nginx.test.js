// The site on Debian's nginx with the README's configuration (no guidebook server):
// the static search works in Chromium (the search box suggests and opens a page, the
// results page lists results), its script and every index file it fetches come with
// the right type, every page has the Content-Security-Policy of `_headers`, and
// nothing breaks it. Fails when nginx is missing under CI (CI=true); elsewhere the
// tests are skipped with the reason.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, describe } from "node:test";
import { test } from "../lib/timed.js";
import { nginxMissing, startNginx } from "../lib/nginx.js";
import { searchBoxProblems, searchPageProblems } from "../lib/search.js";
import { newPage, openSite, QUERY, visit } from "../lib/suite.js";

const missing = nginxMissing();
if (missing && process.env.CI === "true") throw new Error(`${missing}: CI must run the nginx tests`);
const skip = { skip: missing ? `${missing}` : false };

const site = missing ? null : await openSite({ withHost: false });
const nginx = site ? await startNginx(site.publicDir) : null;
after(async () => {
  await nginx?.close();
  await site?.close();
});

/** The Content-Security-Policy the build wrote to `_headers`. */
function csp() {
  const text = fs.readFileSync(path.join(site.publicDir, "_headers"), "utf8");
  return /^ {2}Content-Security-Policy: (.+)$/m.exec(text)[1];
}

/** Every response of `page` from now on, as `{ path, status, type }`. */
function record(page) {
  const seen = [];
  page.on("response", (r) => {
    const u = new URL(r.url());
    seen.push({ path: u.pathname, status: r.status(), type: r.headers()["content-type"] });
  });
  return seen;
}

/** The search's own files among `seen`: its script and the static index. */
function searchFiles(seen) {
  return seen.filter((r) => r.path.startsWith("/_search/static/") || /^\/assets\/search\.[0-9a-f]{10}\.js$/.test(r.path));
}

/** The type `guidebook host` gives: shards and records are stored gzip-compressed. */
function expectedType(path) {
  if (path.endsWith(".js")) return "text/javascript; charset=utf-8";
  return path.endsWith(".json.gz") ? "application/gzip" : "application/json";
}

function typeProblems(files) {
  return files
    .filter((r) => r.status !== 200 || r.type !== expectedType(r.path))
    .map((r) => `${r.path}: ${r.status} ${r.type}`);
}

describe("the site on nginx with the README's configuration", () => {
  test("nginx: the search box suggests, announces and opens a page, from the static index", skip, async () => {
    const page = await newPage(site.browser);
    try {
      const seen = record(page);
      const res = await visit(page, nginx, "/");
      assert.equal(res.headers()["content-security-policy"], csp());
      assert.deepEqual(await searchBoxProblems(page, "export"), []);
      const files = searchFiles(seen);
      assert.ok(files.some((r) => r.path.endsWith("/meta.json")), `the index was not fetched: ${JSON.stringify(files)}`);
      assert.ok(files.some((r) => /\/_search\/static\/t\/\d+\.json\.gz$/.test(r.path)), `no term shard was fetched: ${JSON.stringify(files)}`);
      assert.deepEqual(typeProblems(files), []);
      assert.deepEqual(page.errors.filter((e) => /Content Security Policy/i.test(e)), []);
    } finally {
      await page.context().close();
    }
  });

  test("nginx: the search results page lists results, fetched with the right types", skip, async () => {
    const page = await newPage(site.browser);
    try {
      const seen = record(page);
      const res = await visit(page, nginx, `/search/?q=${encodeURIComponent(QUERY)}`);
      assert.equal(res.headers()["content-security-policy"], csp());
      const expectLink = site.isRepoSite ? "/legislation/export-control-order/" : undefined;
      assert.deepEqual(await searchPageProblems(page, { expectLink }), []);
      const files = searchFiles(seen);
      assert.ok(files.some((r) => /\/_search\/static\/d\/\d+\.json\.gz$/.test(r.path)), `no result record was fetched: ${JSON.stringify(files)}`);
      assert.deepEqual(typeProblems(files), []);
      assert.deepEqual(page.errors.filter((e) => /Content Security Policy/i.test(e)), []);
    } finally {
      await page.context().close();
    }
  });
});
