// Keyboard: on one page of each kind, under each server, the skip link is the first
// Tab stop and moves focus to the main content; Tab reaches every link and control,
// each with a visible focus indicator and never hidden; Enter and Space work them.
import assert from "node:assert/strict";
import { after, describe } from "node:test";
import { test } from "../lib/timed.js";
import {
  checklistProgressProblems,
  directoryFilterProblems,
  enterFollowsLink,
  operateProblems,
  skipLinkWorks,
  spaceSubmitsSearch,
  tabThrough,
} from "../lib/keyboard.js";
import { newPage, openSite, QUERY, REQUIRED_URLS, visit } from "../lib/suite.js";

const site = await openSite();
after(() => site.close());

for (const server of site.servers) {
  for (const viewport of [
    { label: "desktop", size: { width: 1280, height: 800 } },
    { label: "phone", size: { width: 375, height: 667 } },
  ]) {
    describe(`keyboard, ${server.name}, ${viewport.label}`, () => {
      for (const r of site.reps) {
        test(`${r.name}: ${r.url}`, async () => {
          const page = await newPage(site.browser, { viewport: viewport.size });
          try {
            await visit(page, server, r.url);
            const tab = await tabThrough(page);
            assert.ok(tab.stops.length >= 3, `only ${tab.stops.length} Tab stops`);
            assert.deepEqual(tab.problems, []);
            await visit(page, server, r.url);
            assert.deepEqual(await skipLinkWorks(page), []);
            const operated = await operateProblems(page);
            assert.deepEqual(operated.problems, [], `tried: ${operated.tried.join(", ")}`);
          } finally {
            await page.context().close();
          }
        });
      }
    });
  }

  describe(`keyboard activation, ${server.name}`, () => {
    test("Enter on a section link in the navigation opens the section", async () => {
      const page = await newPage(site.browser);
      try {
        await visit(page, server, "/");
        assert.deepEqual(await enterFollowsLink(page, ".site-nav a"), []);
      } finally {
        await page.context().close();
      }
    });

    test("Enter on a link in the main content opens it", async () => {
      const page = await newPage(site.browser);
      try {
        await visit(page, server, "/");
        assert.deepEqual(await enterFollowsLink(page, "main a[href^='/']"), []);
      } finally {
        await page.context().close();
      }
    });

    test("Space on the search button submits the search", async () => {
      const page = await newPage(site.browser);
      try {
        await visit(page, server, "/");
        assert.deepEqual(await spaceSubmitsSearch(page, QUERY), []);
      } finally {
        await page.context().close();
      }
    });

    const checklist = site.reps.find((r) => r.name === "checklist");
    test("checklist progress: Space ticks a task, the count says so, Enter on the clear button clears", { skip: checklist ? false : "no checklist" }, async () => {
      const page = await newPage(site.browser);
      try {
        await visit(page, server, checklist.url);
        const hasTasks = (await page.locator("main .task-list input[type=checkbox]").count()) > 0;
        if (!hasTasks && !site.isRepoSite) return;
        assert.deepEqual(await checklistProgressProblems(page), []);
      } finally {
        await page.context().close();
      }
    });

    const directory = site.pages.some((p) => p.url === REQUIRED_URLS.directory);
    test("directory filter: typing narrows the list and the count says how many", { skip: directory ? false : "no directory" }, async () => {
      const page = await newPage(site.browser);
      try {
        await visit(page, server, REQUIRED_URLS.directory);
        const hasFilter = (await page.locator("#directory-filter").count()) > 0;
        if (!hasFilter && !site.isRepoSite) return;
        assert.deepEqual(await directoryFilterProblems(page, "export"), []);
      } finally {
        await page.context().close();
      }
    });

    test("the operable controls were met somewhere: in-page link, summary, select", async () => {
      const seen = new Set();
      const page = await newPage(site.browser);
      try {
        for (const r of site.reps) {
          await visit(page, server, r.url);
          for (const t of (await operateProblems(page)).tried) seen.add(t);
        }
      } finally {
        await page.context().close();
      }
      const wanted = ["in-page link", "summary", ...(site.searchNeeded ? ["select"] : [])];
      assert.deepEqual(wanted.filter((w) => !seen.has(w)), [], `met: ${[...seen].join(", ")}`);
    });
  });
}
