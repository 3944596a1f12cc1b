// Layout: at 320 px no page scrolls sideways; print hides navigation and search;
// text is at least 16 px with lines of at most 75 characters; every text has a
// contrast of at least 4.5:1, in the light and the dark colour scheme.
import assert from "node:assert/strict";
import { after, describe } from "node:test";
import { test } from "../lib/timed.js";
import { DESKTOP, PHONE, REFLOW } from "../lib/browser.js";
import { contrastProblems, printProblems, reflowProblems, typographyProblems } from "../lib/layout.js";
import { newPage, openSite, visit } from "../lib/suite.js";

const site = await openSite();
after(() => site.close());
const [staticServer] = site.servers;

/** Run `check` on a fresh page at `url` with context `options`. */
async function onPage(server, url, options, check) {
  const page = await newPage(site.browser, options);
  try {
    await visit(page, server, url);
    return await check(page);
  } finally {
    await page.context().close();
  }
}

describe("reflow: 320 px wide, every page (static server)", () => {
  for (const p of site.everyPage) {
    test(p.url, async () => {
      assert.deepEqual(await onPage(staticServer, p.url, { viewport: REFLOW }, reflowProblems), []);
    });
  }
});

for (const server of site.servers) {
  describe(`one page of each kind, ${server.name}`, () => {
    for (const r of site.reps) {
      test(`${r.name}: ${r.url}`, async () => {
        const problems = [];
        problems.push(...(await onPage(server, r.url, { viewport: REFLOW }, reflowProblems)).map((m) => `320 px: ${m}`));
        problems.push(...(await onPage(server, r.url, { viewport: DESKTOP }, printProblems)).map((m) => `print: ${m}`));
        for (const [label, viewport] of [["desktop", DESKTOP], ["phone", PHONE]]) {
          const t = await onPage(server, r.url, { viewport }, (p) => typographyProblems(p, { minPx: 16, maxChars: 75 }));
          problems.push(...t.map((m) => `${label}: ${m}`));
        }
        for (const colorScheme of ["light", "dark"]) {
          const c = await onPage(server, r.url, { viewport: DESKTOP, colorScheme }, (p) => contrastProblems(p, { min: 4.5 }));
          problems.push(...c.map((m) => `${colorScheme}: ${m}`));
        }
        assert.deepEqual(problems, []);
      });
    }
  });
}
