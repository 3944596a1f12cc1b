// Archived editions: a copy of the site with one edition cut (and one page changed
// since) is built and served both ways; the edition's pages, with their banner and
// edition switcher, the edition's search and the "What changed" page pass axe-core,
// the keyboard checks, reflow, print, text and contrast checks and the Nu HTML Checker.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, describe } from "node:test";
import { axeViolations, describeViolations } from "../lib/axe.js";
import { PHONE, REFLOW } from "../lib/browser.js";
import { operateProblems, skipLinkWorks, tabThrough } from "../lib/keyboard.js";
import { contrastProblems, printProblems, reflowProblems, typographyProblems } from "../lib/layout.js";
import { SITE } from "../lib/paths.js";
import { siteWithEdition } from "../lib/site.js";
import { newPage, openSite, QUERY, visit } from "../lib/suite.js";
import { test } from "../lib/timed.js";
import { checkDirectory } from "../lib/vnu.js";

const copy = siteWithEdition(SITE);
const site = await openSite({ site: copy });
after(async () => {
  await site.close();
  fs.rmSync(copy, { recursive: true, force: true });
});

const changes = site.pages.find((p) => p.kind === "changes");
const targets = [
  ...site.reps.filter((r) => r.name.startsWith("edition ")),
  ...(site.searchNeeded ? [{ name: "edition search results", url: `/editions/2026-10/search/?q=${encodeURIComponent(QUERY)}` }] : []),
  ...(changes ? [{ name: "what changed", url: changes.url }] : []),
];

describe("archived editions", () => {
  test("the build has the edition, its pages and a What changed page", () => {
    assert.ok(fs.existsSync(path.join(site.publicDir, "editions", "2026-10", "index.html")), "editions/2026-10/index.html is missing");
    assert.ok(changes, "no page of kind changes");
    assert.ok(targets.length >= 3, targets.map((t) => t.url).join(", "));
  });

  test("the edition's HTML is valid", () => {
    const errors = checkDirectory(path.join(site.publicDir, "editions"));
    assert.deepEqual(errors, [], errors.join("\n"));
  });

  for (const server of site.servers) {
    for (const t of targets) {
      test(`${server.name}: ${t.name} ${t.url}`, async () => {
        const problems = [];
        const on = async (options, check) => {
          const page = await newPage(site.browser, options);
          try {
            await visit(page, server, t.url);
            return await check(page);
          } finally {
            await page.context().close();
          }
        };
        const v = await on({}, axeViolations);
        assert.deepEqual(v.map((x) => x.id), [], describeViolations(v));
        problems.push(...(await on({ colorScheme: "dark" }, axeViolations)).map((x) => `dark: axe ${x.id}`));
        problems.push(...(await on({}, async (p) => (await tabThrough(p)).problems)));
        problems.push(...(await on({}, skipLinkWorks)));
        problems.push(...(await on({}, async (p) => (await operateProblems(p)).problems)));
        problems.push(...(await on({ viewport: REFLOW }, reflowProblems)));
        problems.push(...(await on({}, printProblems)).map((m) => `print: ${m}`));
        problems.push(...(await on({ viewport: PHONE }, (p) => typographyProblems(p, { minPx: 16, maxChars: 75 }))));
        problems.push(...(await on({}, (p) => typographyProblems(p, { minPx: 16, maxChars: 75 }))));
        problems.push(...(await on({}, contrastProblems)));
        problems.push(...(await on({ colorScheme: "dark" }, contrastProblems)).map((m) => `dark: ${m}`));
        assert.deepEqual(problems, []);
      });
    }
  }
});
