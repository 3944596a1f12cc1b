// Archived editions: the site's own editions, or when it has none a copy of the site
// with one edition cut (and one page changed since), built and served both ways; the edition's pages, with their banner and
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
import { editionIds, siteWithEdition } from "../lib/site.js";
import { newPage, openSite, visit } from "../lib/suite.js";
import { test } from "../lib/timed.js";
import { checkDirectory } from "../lib/vnu.js";

// The site's own editions when it has some; else a copy with one cut.
const copy = editionIds(SITE).length ? null : siteWithEdition(SITE);
const site = await openSite({ site: copy ?? SITE });
after(async () => {
  await site.close();
  if (copy) fs.rmSync(copy, { recursive: true, force: true });
});
const id = site.editions[0];

const changes = site.pages.find((p) => p.kind === "changes");
const targets = [
  ...site.reps.filter((r) => r.name.startsWith("edition ")),
  ...(changes ? [{ name: "what changed", url: changes.url }] : []),
];

describe("archived editions", () => {
  test("the build has the edition, its pages and a What changed page", () => {
    assert.ok(id, "no edition");
    assert.ok(fs.existsSync(path.join(site.publicDir, "editions", id, "index.html")), `editions/${id}/index.html is missing`);
    assert.ok(changes, "no page of kind changes");
    const names = targets.map((t) => t.name.replace(id, "ID"));
    assert.ok(names.includes("edition ID") && names.includes("what changed"), names.join(", "));
    if (site.searchNeeded) assert.ok(names.includes("edition ID search results"), names.join(", "));
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
