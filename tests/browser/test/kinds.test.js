// The kinds' JavaScript: checklist progress (counted, kept in localStorage across a
// reload, cleared by its button; empty boxes and no navigation in print) and the
// contacts directory filter (as you type, by topic and by faculty).
import assert from "node:assert/strict";
import { after, describe } from "node:test";
import { test } from "../lib/timed.js";
import { newPage, openSite, visit } from "../lib/suite.js";

const site = await openSite({ withHost: false });
after(() => site.close());
const [server] = site.servers;
const checklist = site.pages.find((p) => p.kind === "checklist" && !p.redirect);
const directory = site.pages.find((p) => p.url === "/contacts/");

async function withPage(fn) {
  const page = await newPage(site.browser);
  try {
    return await fn(page);
  } finally {
    await page.context().close();
  }
}

describe("checklists", { skip: checklist ? false : "the site has no checklist" }, () => {
  test(`progress is counted, remembered and cleared: ${checklist?.url}`, async () => {
    await withPage(async (page) => {
      await visit(page, server, checklist.url);
      const boxes = page.locator("main .task-list input[type=checkbox]");
      const n = await boxes.count();
      assert.ok(n > 2, `only ${n} boxes`);
      const count = page.locator(".task-count");
      assert.equal(await count.textContent(), `0 of ${n} done`);
      // Clicking the label text ticks its box: each item is one control.
      const firstId = await boxes.nth(0).getAttribute("id");
      await page.locator(`label[for="${firstId}"]`).click({ position: { x: 5, y: 5 } });
      await boxes.nth(2).check();
      assert.equal(await count.textContent(), `2 of ${n} done`);
      await page.reload({ waitUntil: "load" });
      assert.equal(await count.textContent(), `2 of ${n} done`);
      assert.ok(await boxes.nth(0).isChecked());
      assert.ok(await boxes.nth(2).isChecked());
      assert.ok(!(await boxes.nth(1).isChecked()));
      await page.getByRole("button", { name: "Clear all ticks" }).click();
      assert.equal(await count.textContent(), `0 of ${n} done`);
      await page.reload({ waitUntil: "load" });
      assert.equal(await count.textContent(), `0 of ${n} done`);
      assert.deepEqual(page.errors.filter((e) => !/Failed to load resource/.test(e)), []);
    });
  });

  test("printing gives empty boxes and no navigation", async () => {
    await withPage(async (page) => {
      await visit(page, server, checklist.url);
      await page.locator("main .task-list input[type=checkbox]").first().check();
      await page.emulateMedia({ media: "print" });
      const styles = await page.evaluate(() => {
        const box = document.querySelector("main .task-list input[type=checkbox]");
        const shown = (sel) => {
          const el = document.querySelector(sel);
          return el ? getComputedStyle(el).display !== "none" : false;
        };
        return {
          appearance: getComputedStyle(box).appearance,
          nav: shown(".site-nav"),
          breadcrumbs: shown(".breadcrumbs"),
          progress: shown(".task-progress"),
          search: shown(".site-search"),
        };
      });
      assert.deepEqual(styles, { appearance: "none", nav: false, breadcrumbs: false, progress: false, search: false });
    });
  });
});

describe("contacts directory", { skip: directory ? false : "the site has no /contacts/" }, () => {
  test("the filter narrows the cards as you type and by topic and faculty", async () => {
    await withPage(async (page) => {
      await visit(page, server, "/contacts/");
      const form = page.locator("#directory-filter");
      assert.ok(await form.isVisible(), "the script shows the filter");
      const cards = page.locator(".directory-list > li");
      const total = await cards.count();
      const count = page.locator("#directory-count");
      assert.equal(await count.textContent(), `${total} contacts`);
      await page.getByLabel("Name, role or topic").fill("export control");
      const shown = page.locator(".directory-list > li:visible");
      const n = await shown.count();
      assert.ok(n >= 1 && n < total, `${n} of ${total}`);
      assert.equal(await count.textContent(), `Showing ${n} of ${total} contacts`);
      for (const text of await shown.allTextContents()) assert.match(text.toLowerCase(), /export control/);
      await page.getByLabel("Name, role or topic").fill("");
      await page.getByLabel("Faculty", { exact: true }).selectOption("Faculty of Humanities");
      assert.equal(await shown.count(), 1);
      assert.equal(await page.locator(".directory-team:visible").count(), 1, "teams with no match are hidden");
      await page.getByLabel("Topic", { exact: true }).selectOption("export control");
      assert.equal(await shown.count(), 0);
      assert.ok(await page.locator("#directory-none").isVisible());
      await page.getByLabel("Faculty", { exact: true }).selectOption("");
      assert.ok((await shown.count()) >= 1);
      assert.deepEqual(page.errors.filter((e) => !/Failed to load resource/.test(e)), []);
    });
  });
});
