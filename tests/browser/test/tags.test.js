// Tag pages and related pages: axe-core finds nothing on `/tags/`, a tag page and a
// page with related pages (light, dark, JavaScript off); Tab reaches every tag link
// and related link with visible focus, and Enter follows them; without JavaScript a
// reader goes from a page to its tag page and on to another page with that tag.
import assert from "node:assert/strict";
import { after, describe } from "node:test";
import { test } from "../lib/timed.js";
import { axeViolations, describeViolations } from "../lib/axe.js";
import { enterFollowsLink, tabThrough } from "../lib/keyboard.js";
import { readableProblems } from "../lib/nojs.js";
import { newPage, openSite, visit } from "../lib/suite.js";

const site = await openSite();
after(() => site.close());

/** The page the checks read: one with tags, related pages and its own related section. */
const PAGE = "/guidance/overseas-travel/";
const TAG = "/tags/travel/";
const PAGES = ["/tags/", TAG, PAGE];

/** The hrefs of the links matching `selector`. */
async function hrefs(page, selector) {
  return page.locator(selector).evaluateAll((links) => links.map((a) => a.getAttribute("href")));
}

describe("the build", () => {
  test("has the tag pages and a page with tags and related pages", { skip: site.isRepoSite ? false : "not the repository's own site" }, () => {
    const urls = new Set(site.pages.map((p) => p.url));
    assert.deepEqual(PAGES.filter((u) => !urls.has(u)), []);
    assert.deepEqual(site.pages.filter((p) => PAGES.includes(p.url)).map((p) => p.kind).sort(), ["guidance", "tag", "tags"]);
  });
});

for (const server of site.servers) {
  for (const variant of [
    { label: "light", options: {} },
    { label: "dark colour scheme", options: { colorScheme: "dark" } },
    { label: "JavaScript off", options: { blockScripts: true } },
  ]) {
    describe(`axe-core, ${server.name}, ${variant.label}`, () => {
      for (const url of PAGES) {
        test(url, async () => {
          const page = await newPage(site.browser, variant.options);
          try {
            await visit(page, server, url);
            const v = await axeViolations(page);
            assert.deepEqual(v.map((x) => x.id), [], describeViolations(v));
          } finally {
            await page.context().close();
          }
        });
      }
    });
  }

  describe(`keyboard and links, ${server.name}`, () => {
    test(`Tab reaches every tag link and related link of ${PAGE}`, async () => {
      const page = await newPage(site.browser);
      try {
        await visit(page, server, PAGE);
        const tags = await hrefs(page, ".tag-list a");
        const related = await hrefs(page, ".related-pages a");
        assert.ok(tags.includes(TAG), `tag links: ${tags.join(", ")}`);
        assert.ok(related.length >= 1 && related.length <= 5, `related links: ${related.join(", ")}`);
        const tab = await tabThrough(page);
        assert.deepEqual(tab.problems, []);
        const reached = new Set(tab.stops.map((s) => s.href));
        assert.deepEqual([...tags, ...related].filter((h) => !reached.has(h)), []);
      } finally {
        await page.context().close();
      }
    });

    test("Enter on a tag link opens its tag page, and Enter there opens a page", async () => {
      const page = await newPage(site.browser);
      try {
        await visit(page, server, PAGE);
        assert.deepEqual(await enterFollowsLink(page, `.tag-list a[href="${TAG}"]`), []);
        assert.equal(await page.locator("h1").textContent(), "Pages tagged “travel”");
        assert.deepEqual(await enterFollowsLink(page, "main .page-list a"), []);
      } finally {
        await page.context().close();
      }
    });

    test("Enter on a related page opens it", async () => {
      const page = await newPage(site.browser);
      try {
        await visit(page, server, PAGE);
        assert.deepEqual(await enterFollowsLink(page, ".related-pages a"), []);
      } finally {
        await page.context().close();
      }
    });

    test("without JavaScript, every tag page is reached from /tags/ and reads in full", async () => {
      const page = await newPage(site.browser, { blockScripts: true });
      try {
        await visit(page, server, "/tags/");
        assert.deepEqual(await readableProblems(page), []);
        const listed = await hrefs(page, "main .tag-index a");
        const built = site.pages.filter((p) => p.kind === "tag" && !p.url.startsWith("/editions/")).map((p) => p.url);
        assert.deepEqual([...listed].sort(), [...built].sort());
        await page.click(`main .tag-index a[href="${TAG}"]`);
        await page.waitForURL(server.base + TAG);
        assert.deepEqual(await readableProblems(page), []);
        assert.ok((await hrefs(page, "main .page-list a")).includes(PAGE));
      } finally {
        await page.context().close();
      }
    });
  });
}
