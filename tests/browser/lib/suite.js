// The shared setup of every test file: build the site with the real binary, serve it
// twice (a plain static server, and `guidebook host` once that command exists), open
// Chromium, and pick one page of each kind to check in depth.
import fs from "node:fs";
import path from "node:path";
import { launch } from "./browser.js";
import { startHost } from "./host.js";
import { REPO, SITE } from "./paths.js";
import { buildSite, editionIds, hostRequired, listPages, searchRequired } from "./site.js";
import { startStaticServer } from "./static-server.js";

/** The kinds and URLs the repository's own site must have (not checked for other sites). */
export const REQUIRED_KINDS = [
  "home",
  "section",
  "guidance",
  "legislation",
  "case-study",
  "checklist",
  "contact",
  "decision",
  "triage-question",
  "triage-outcome",
  "search",
  "not-found",
  "sitemap",
  "review",
  "section-print",
  "tags",
  "tag",
];
export const REQUIRED_URLS = { register: "/legislation/", directory: "/contacts/", triage: "/triage/" };

/** The query used for search results pages and screenshots. */
export const QUERY = "export control";

/**
 * Pages to check in depth: `{ name, url }`. One page of each kind found in the build
 * (the largest, which uses the most of the theme), the register, the directory and the
 * triage start, the search results page once search exists, and each archived edition.
 */
export function representatives(publicDir, pages, { search, editions }) {
  const byKind = new Map();
  for (const p of pages) {
    // Archived editions are added below; the current site stands for each kind.
    if (p.redirect || !p.kind || p.url.startsWith("/editions/")) continue;
    const size = fs.statSync(path.join(publicDir, p.rel)).size;
    const best = byKind.get(p.kind);
    if (!best || size > best.size) byKind.set(p.kind, { ...p, size });
  }
  const out = [...byKind.entries()].sort().map(([kind, p]) => ({ name: kind, url: p.url }));
  for (const [name, url] of Object.entries(REQUIRED_URLS)) {
    if (pages.some((p) => p.url === url)) out.push({ name, url });
  }
  if (search) out.push({ name: "search results", url: `/search/?q=${encodeURIComponent(QUERY)}` });
  for (const id of editions) {
    out.push({ name: `edition ${id}`, url: `/editions/${id}/` });
    const first = pages.find((p) => !p.redirect && p.url.startsWith(`/editions/${id}/`) && p.kind && p.kind !== "home" && p.kind !== "section");
    if (first) out.push({ name: `edition ${id} ${first.kind}`, url: first.url });
    if (search) out.push({ name: `edition ${id} search results`, url: `/editions/${id}/search/?q=${encodeURIComponent(QUERY)}` });
  }
  return out;
}

/** How many of the current site's tag pages the "every page" checks visit. */
export const TAG_SAMPLE = 6;

/**
 * The pages the "every page" checks visit: every page but redirects, except that the
 * tag pages (one template drawn once per tag: hundreds on a real site) are cut to a
 * sample: the current site's TAG_SAMPLE tag pages with the longest and the shortest
 * lists (by file size). An archived edition's tag pages are the same template over
 * older data and are left out; every tag index (`/tags/`) is kept.
 */
export function everyPage(publicDir, pages) {
  const kept = pages.filter((p) => !p.redirect && p.kind !== "tag");
  const tags = pages
    .filter((p) => !p.redirect && p.kind === "tag" && !p.url.startsWith("/editions/"))
    .map((p) => ({ ...p, size: fs.statSync(path.join(publicDir, p.rel)).size }))
    .sort((a, b) => b.size - a.size || a.url.localeCompare(b.url));
  const half = Math.ceil(TAG_SAMPLE / 2);
  const sample = tags.length <= TAG_SAMPLE ? tags : [...tags.slice(0, half), ...tags.slice(-(TAG_SAMPLE - half))];
  return [...kept, ...sample.map(({ size, ...p }) => p)];
}

/**
 * Build and serve `site`. Returns `{ publicDir, pages, everyPage, servers, browser, reps,
 * hostNeeded, searchNeeded, editions, close }`. `servers` has the static server and,
 * when `host` is required, the host server: if host is required and fails to start,
 * this throws and every test of the file fails with the reason.
 */
export async function openSite({ site = SITE, withHost = true } = {}) {
  const publicDir = buildSite(site);
  const pages = listPages(publicDir);
  const editions = editionIds(site);
  const searchNeeded = searchRequired(publicDir);
  const hostNeeded = withHost && hostRequired();
  const servers = [await startStaticServer(publicDir)];
  if (hostNeeded) servers.push(await startHost(publicDir));
  const browser = await launch();
  const reps = representatives(publicDir, pages, { search: searchNeeded, editions });
  return {
    everyPage: everyPage(publicDir, pages),
    site,
    isRepoSite: path.resolve(site) === REPO,
    publicDir,
    pages,
    servers,
    browser,
    reps,
    hostNeeded,
    searchNeeded,
    editions,
    async close() {
      await browser.close();
      for (const s of servers) await s.close();
      fs.rmSync(path.dirname(publicDir), { recursive: true, force: true });
    },
  };
}

/**
 * A new page in a fresh context; `options` as for `browser.newContext`, plus
 * `blockScripts`: every .js request fails, as if JavaScript were off, while the test
 * can still run scripts of its own in the page (axe needs timers, which
 * `javaScriptEnabled: false` stops). The theme has no inline script (its CSP forbids
 * one), so blocking its files turns all of its JavaScript off.
 */
export async function newPage(browser, { blockScripts = false, ...options } = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, ...options });
  if (blockScripts) await context.route(/\.js(\?.*)?$/, (route) => route.abort());
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  page.errors = errors;
  return page;
}

/** Load `url` on `server` and return the response; fails on anything but the expected status. */
export async function visit(page, server, url, expected = url === "/this-page-does-not-exist/" ? 404 : 200) {
  const res = await page.goto(server.base + url, { waitUntil: "load" });
  const status = res?.status();
  if (status !== expected) throw new Error(`${server.name} ${url}: status ${status}, expected ${expected}`);
  // The search page fetches its index or the server's answers after load.
  if (url.includes("/search/")) await page.waitForLoadState("networkidle");
  return res;
}
