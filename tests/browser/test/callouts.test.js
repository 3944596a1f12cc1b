// Callouts (GitHub alerts, MkDocs admonitions, callout shortcodes) on the fixture
// site fixtures/callouts: each has a visible label, passes axe-core and the contrast
// check in the light and the dark colour scheme, reads without JavaScript, opens and
// closes from the keyboard when it is collapsible, and is valid HTML.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, before, describe } from "node:test";
import { test } from "../lib/timed.js";
import { axeViolations, describeViolations } from "../lib/axe.js";
import { launch } from "../lib/browser.js";
import { operateProblems } from "../lib/keyboard.js";
import { contrastProblems } from "../lib/layout.js";
import { readableProblems } from "../lib/nojs.js";
import { FIXTURES } from "../lib/paths.js";
import { buildSite } from "../lib/site.js";
import { startStaticServer } from "../lib/static-server.js";
import { newPage, visit } from "../lib/suite.js";
import { checkDirectory } from "../lib/vnu.js";

const PAGE = "/guidance/callouts/";

describe("callouts", () => {
  let publicDir;
  let server;
  let browser;
  before(async () => {
    publicDir = buildSite(path.join(FIXTURES, "callouts"));
    server = await startStaticServer(publicDir);
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    if (publicDir) fs.rmSync(path.dirname(publicDir), { recursive: true, force: true });
  });

  /** Run `check` on the callouts page in a fresh context with `options`. */
  async function onPage(options, check) {
    const page = await newPage(browser, options);
    try {
      await visit(page, server, PAGE);
      return await check(page);
    } finally {
      await page.context().close();
    }
  }

  /** Each callout: its element, kind, whether it is open, and its visible title text. */
  const callouts = (page) =>
    page.evaluate(() =>
      [...document.querySelectorAll("main .callout")].map((c) => {
        const title = c.querySelector(":scope > .callout-title");
        const label = title?.querySelector(".callout-label");
        return {
          tag: c.tagName.toLowerCase(),
          kind: [...c.classList].find((k) => k.startsWith("callout-")),
          open: c.tagName === "DETAILS" ? c.open : null,
          title: title?.textContent.replace(/\s+/g, " ").trim() ?? "",
          labelShown: !!label && label.checkVisibility({ visibilityProperty: true, opacityProperty: true }),
          role: c.getAttribute("role"),
        };
      }),
    );

  test("every kind renders with a visible label, boxed or collapsible", async () => {
    const found = await onPage({}, callouts);
    assert.deepEqual(found, [
      { tag: "div", kind: "callout-note", open: null, title: "Note", labelShown: true, role: "note" },
      { tag: "div", kind: "callout-tip", open: null, title: "Tip", labelShown: true, role: "note" },
      { tag: "div", kind: "callout-important", open: null, title: "Important", labelShown: true, role: "note" },
      { tag: "div", kind: "callout-warning", open: null, title: "Warning", labelShown: true, role: "note" },
      { tag: "div", kind: "callout-caution", open: null, title: "Caution", labelShown: true, role: "note" },
      { tag: "div", kind: "callout-note", open: null, title: "Note: Before you share data", labelShown: true, role: "note" },
      { tag: "details", kind: "callout-tip", open: false, title: "Tip: How to pack", labelShown: true, role: null },
      { tag: "details", kind: "callout-warning", open: true, title: "Warning: Reporting a loss", labelShown: true, role: null },
      { tag: "div", kind: "callout-caution", open: null, title: "Caution: Heads up", labelShown: true, role: "note" },
    ]);
  });

  for (const colorScheme of ["light", "dark"]) {
    test(`axe-core finds nothing (${colorScheme})`, async () => {
      const v = await onPage({ colorScheme }, axeViolations);
      assert.deepEqual(v, [], describeViolations(v));
    });

    test(`every text has a contrast of at least 4.5:1 (${colorScheme})`, async () => {
      const open = async (page) => {
        await page.evaluate(() => document.querySelectorAll("details").forEach((d) => (d.open = true)));
        return contrastProblems(page, { min: 4.5 });
      };
      assert.deepEqual(await onPage({ colorScheme }, open), []);
    });
  }

  test("without JavaScript every callout's text is shown, and the collapsed one opens", async () => {
    const check = async (page) => {
      const problems = await readableProblems(page);
      const before = await callouts(page);
      await page.locator("details.callout-tip > summary").click();
      const opened = await page.evaluate(() => document.querySelector("details.callout-tip").open);
      return { problems, count: before.length, opened };
    };
    assert.deepEqual(await onPage({ blockScripts: true }, check), { problems: [], count: 9, opened: true });
  });

  test("Enter and Space open and close a collapsible callout", async () => {
    const result = await onPage({}, operateProblems);
    assert.ok(result.tried.includes("summary"), JSON.stringify(result));
    assert.deepEqual(result.problems, []);
  });

  test("the Nu HTML Checker finds nothing", () => {
    assert.deepEqual(checkDirectory(publicDir), []);
  });
});
