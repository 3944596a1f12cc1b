// JavaScript off: navigation works, the search form reaches the search page (with
// results rendered by `guidebook host`), every page's content is shown (checklists
// included) and the triage tree can be walked by following links.
import assert from "node:assert/strict";
import { after, describe } from "node:test";
import { test } from "../lib/timed.js";
import { navigationProblems, readableProblems, searchFormProblems, triageWalkProblems } from "../lib/nojs.js";
import { newPage, openSite, QUERY, REQUIRED_URLS, visit } from "../lib/suite.js";

const site = await openSite();
after(() => site.close());

const NO_JS = { javaScriptEnabled: false };
const EXPECT = "/legislation/export-control-order/";

async function withPage(fn) {
  const page = await newPage(site.browser, NO_JS);
  try {
    return await fn(page);
  } finally {
    await page.context().close();
  }
}

for (const server of site.servers) {
  describe(`JavaScript off, ${server.name}`, () => {
    test("every section link in the navigation opens its section", async () => {
      assert.deepEqual(await withPage((p) => navigationProblems(p, server.base)), []);
    });

    test(
      server.name === "host" ? "the search form shows server-rendered results" : "the search form reaches the search page, which says search needs JavaScript here",
      { skip: site.searchNeeded ? false : "the site has no search page yet" },
      async () => {
        const serverRendered = server.name === "host";
        const expectLink = site.isRepoSite ? EXPECT : undefined;
        assert.deepEqual(await withPage((p) => searchFormProblems(p, server.base, QUERY, { serverRendered, expectLink })), []);
      },
    );

    for (const r of site.reps.filter((r) => r.name !== "search results")) {
      test(`content is shown: ${r.name} ${r.url}`, async () => {
        const problems = await withPage(async (p) => {
          await visit(p, server, r.url);
          return readableProblems(p);
        });
        assert.deepEqual(problems, []);
      });
    }

    for (const c of site.pages.filter((p) => p.kind === "checklist")) {
      test(`checklist is readable: ${c.url}`, async () => {
        const problems = await withPage(async (p) => {
          await visit(p, server, c.url);
          const items = await p.locator("main li").count();
          return items < 3 ? [`only ${items} list items`] : readableProblems(p);
        });
        assert.deepEqual(problems, []);
      });
    }

    const triage = site.pages.filter((p) => !p.redirect && p.url.startsWith(REQUIRED_URLS.triage));
    test("the triage tree is walkable by following links", { skip: triage.length ? false : "the site has no triage pages" }, async () => {
      const urls = triage.map((p) => p.url);
      assert.deepEqual(await withPage((p) => triageWalkProblems(p, server.base, REQUIRED_URLS.triage, urls)), []);
    });
  });
}
