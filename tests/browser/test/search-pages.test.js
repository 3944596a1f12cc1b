// Results pages and highlighting, on the static server (search.js from the static
// export) and under `guidebook host` (server-rendered pages, its CSP):
// - "Next page" leads to page 2, whose status says "Showing 21–N of N", with rel=prev
//   and rel=next links kept to q; host and static draw the same page 2;
// - a result link carries ?highlight=: the page marks the query in <main>, scrolls to
//   and focuses the first mark, and "Remove highlighting" (by keyboard, with a
//   visible focus) unwraps the marks and takes highlight out of the address;
// - axe finds nothing on a results page 2 nor on a highlighted page, and nothing
//   breaks the Content-Security-Policy;
// - with JavaScript off, a page with ?highlight= is the page without it.
import assert from "node:assert/strict";
import { after, describe } from "node:test";
import { test } from "../lib/timed.js";
import { axeViolations, describeViolations } from "../lib/axe.js";
import { newPage, openSite, QUERY, visit } from "../lib/suite.js";

const site = await openSite();
after(() => site.close());
const skip = { skip: site.isRepoSite ? false : "needs the repository's own site (enough pages match the query)" };
const WAIT = 5000;

/** Wait until the results page has results (search.js fills them after load on a static server). */
async function results(page) {
  await page.locator("#search-results .search-count").first().waitFor({ timeout: WAIT });
  return page.locator("#search-results");
}

/** The status region's text, once search.js or the server filled it. */
async function statusText(page) {
  const status = page.locator("#search-status");
  await page.waitForFunction(() => document.getElementById("search-status")?.textContent.trim(), null, { timeout: WAIT });
  return (await status.textContent()).trim();
}

function cspErrors(page) {
  return page.errors.filter((e) => /Content Security Policy/i.test(e));
}

async function highlightedPage(page, server) {
  await visit(page, server, `/search/?q=${encodeURIComponent(QUERY)}`);
  const first = (await results(page)).locator(".search-hit-title a").first();
  const href = await first.getAttribute("href");
  await Promise.all([page.waitForURL((u) => u.pathname !== "/search/", { timeout: WAIT }), first.click()]);
  await page.locator("main mark.search-highlight").first().waitFor({ timeout: WAIT });
  return href;
}

describe("search results pages and highlighting", () => {
  const page2 = new Map();

  for (const server of site.servers) {
    test(`${server.name}: Next page leads to page 2, announced with its range, links both ways`, skip, async () => {
      const page = await newPage(site.browser);
      try {
        await visit(page, server, `/search/?q=${encodeURIComponent(QUERY)}`);
        await results(page);
        const one = await statusText(page);
        const m = /^(\d+) pages match\. Showing 1–20 of (\d+)\./.exec(one);
        assert.ok(m && m[1] === m[2] && Number(m[1]) > 20, `status on page 1: ${one}`);
        const total = Number(m[1]);
        const nav = page.locator('#search-results nav[aria-label="Search results pages"]');
        assert.equal(await nav.locator("a[rel=prev]").count(), 0);
        const next = nav.locator("a[rel=next]");
        assert.equal(await next.getAttribute("href"), `/search/?q=${QUERY.replace(/ /g, "+")}&page=2`);
        await Promise.all([page.waitForURL(/page=2/, { timeout: WAIT }), next.click()]);
        if (server.name === "static") await page.waitForLoadState("networkidle");
        await results(page);
        const two = await statusText(page);
        const to = Math.min(40, total);
        assert.equal(two, `${total} pages match. Showing 21–${to} of ${total}.`);
        assert.equal(
          (await page.locator("#search-results .search-count").textContent()).trim(),
          `${total} pages match ${QUERY}. Showing 21–${to} of ${total}.`,
        );
        assert.equal(await page.locator("#search-results ol.search-hits").getAttribute("start"), "21");
        assert.equal(await page.locator("#search-results .search-answer").count(), 0, "the contact card shows on page 1 only");
        assert.equal(await page.locator("#search-results .search-hit").count(), to - 20);
        assert.equal(await nav.locator("a[rel=prev]").getAttribute("href"), `/search/?q=${QUERY.replace(/ /g, "+")}&page=1`);
        assert.equal(await nav.locator("a[rel=next]").count(), total > 40 ? 1 : 0);
        page2.set(server.name, await page.locator("#search-results").innerHTML());
        assert.deepEqual(cspErrors(page), []);
      } finally {
        await page.context().close();
      }
    });

    test(`${server.name}: axe finds nothing on results page 2`, skip, async () => {
      const page = await newPage(site.browser);
      try {
        await visit(page, server, `/search/?q=${encodeURIComponent(QUERY)}&page=2`);
        await results(page);
        const v = await axeViolations(page);
        assert.deepEqual(v.map((x) => x.id), [], describeViolations(v));
        assert.deepEqual(cspErrors(page), []);
      } finally {
        await page.context().close();
      }
    });

    test(`${server.name}: a result opens its page with the query highlighted, and Remove highlighting works by keyboard`, skip, async () => {
      const page = await newPage(site.browser);
      try {
        const href = await highlightedPage(page, server);
        assert.match(href, /\?highlight=export\+control$/);
        const url = new URL(page.url());
        assert.equal(url.searchParams.get("highlight"), QUERY);
        const marks = page.locator("main mark.search-highlight");
        const n = await marks.count();
        assert.ok(n > 0 && n <= 200, `${n} marks`);
        const words = await marks.evaluateAll((ms) => [...new Set(ms.map((m) => m.textContent.toLowerCase()))]);
        assert.deepEqual(words.filter((w) => !/^(export|control)/.test(w)), [], `marked: ${words.join(", ")}`);
        const first = await page.evaluate(() => {
          const m = [...document.querySelectorAll("main mark.search-highlight")].find((x) => x.getClientRects().length);
          const r = m.getBoundingClientRect();
          return { focused: document.activeElement === m, inView: r.top >= 0 && r.bottom <= window.innerHeight };
        });
        assert.deepEqual(first, { focused: true, inView: true });
        const v = await axeViolations(page);
        assert.deepEqual(v.map((x) => x.id), [], describeViolations(v));

        // Tab from the start of <main> reaches the button first.
        await page.locator("main").focus();
        await page.keyboard.press("Tab");
        const button = page.locator("main .search-highlight-bar button");
        assert.equal(await button.textContent(), "Remove highlighting");
        assert.ok(await button.evaluate((b) => b === document.activeElement && b.matches(":focus-visible")), "Tab does not reach the button with a visible focus");
        const bg = await button.evaluate((b) => getComputedStyle(b).backgroundColor);
        assert.equal(bg, "rgb(255, 221, 0)", "the focused button does not show the focus colour");
        await page.keyboard.press("Enter");
        assert.equal(await marks.count(), 0);
        assert.equal(await page.locator(".search-highlight-bar").count(), 0);
        assert.equal(new URL(page.url()).searchParams.has("highlight"), false, page.url());
        const after = await page.locator("main").innerHTML();
        const plain = await newPage(site.browser);
        try {
          await visit(plain, server, new URL(page.url()).pathname);
          assert.equal(after, await plain.locator("main").innerHTML(), "removing the marks leaves <main> as it was");
        } finally {
          await plain.context().close();
        }
        assert.deepEqual(cspErrors(page), []);
        // The search page's probe of /_search/api fails on a static server, as designed.
        assert.deepEqual(page.errors.filter((e) => !/^Failed to load resource: .* 404/.test(e)), []);
      } finally {
        await page.context().close();
      }
    });

    test(`${server.name}: without JavaScript, ?highlight= changes nothing`, skip, async () => {
      const page = await newPage(site.browser, { blockScripts: true });
      try {
        const target = "/legislation/export-control-order/";
        await visit(page, server, target);
        const plain = await page.locator("main").innerHTML();
        await visit(page, server, `${target}?highlight=export+control`);
        assert.equal(await page.locator("main").innerHTML(), plain);
        assert.equal(await page.locator("mark.search-highlight").count(), 0);
        assert.ok(await page.locator("main h1").isVisible());
      } finally {
        await page.context().close();
      }
    });
  }

  test("host and static draw the same results page 2", { skip: site.isRepoSite && site.hostNeeded ? false : "needs host and the repository's site" }, () => {
    assert.equal(page2.size, 2, "both servers' page 2 were read");
    assert.equal(page2.get("static"), page2.get("host"));
  });
});
