// A section's printable version (`SECTION/print/`) and the links to it and to the
// section's feed: reached by keyboard from the section page, every Tab stop visible,
// axe finds nothing, ids are unique, and printing puts each page on a new sheet with
// its links' addresses written out and no navigation.
import assert from "node:assert/strict";
import fs from "node:fs";
import { after, describe } from "node:test";
import { test } from "../lib/timed.js";
import { axeViolations, describeViolations } from "../lib/axe.js";
import { enterFollowsLink, tabThrough } from "../lib/keyboard.js";
import { printProblems } from "../lib/layout.js";
import { newPage, openSite, visit } from "../lib/suite.js";

const site = await openSite({ withHost: false });
after(() => site.close());
const [server] = site.servers;
const prints = site.pages.filter((p) => p.kind === "section-print");
const register = prints.find((p) => p.url === "/legislation/print/");

async function withPage(fn) {
  const page = await newPage(site.browser);
  try {
    return await fn(page);
  } finally {
    await page.context().close();
  }
}

describe("printable sections", { skip: register ? false : "the site has no /legislation/print/" }, () => {
  test("the section page's links: Enter on “Print this section” opens it; the feed link names an Atom feed", async () => {
    await withPage(async (page) => {
      await visit(page, server, "/legislation/");
      const follow = page.locator("main a[href='/legislation/atom.xml']");
      assert.equal(await follow.textContent(), "Follow this section: Legislation register (Atom feed)");
      assert.equal(await follow.getAttribute("type"), "application/atom+xml");
      const feed = await page.request.get(server.base + "/legislation/atom.xml");
      assert.equal(feed.status(), 200);
      assert.match(await feed.text(), /^<\?xml version="1\.0" encoding="utf-8"\?>\n<feed xmlns="http:\/\/www\.w3\.org\/2005\/Atom">/);
      const head = await page.evaluate(() =>
        [...document.querySelectorAll("head link[type='application/atom+xml']")].map((l) => l.getAttribute("href")),
      );
      assert.deepEqual(head.filter((h) => h !== "/changes/atom.xml"), ["/atom.xml", "/legislation/atom.xml"]);
      const print = page.locator("main a[href='/legislation/print/']");
      assert.equal(await print.textContent(), "Print this section: Legislation register");
      assert.deepEqual(await enterFollowsLink(page, "main a[href='/legislation/print/']"), []);
      assert.equal(await page.locator("h1").textContent(), "Legislation register");
    });
  });

  test("every Tab stop is visible and reached; axe finds nothing; ids are unique", async () => {
    await withPage(async (page) => {
      await visit(page, server, register.url);
      const { problems } = await tabThrough(page);
      assert.deepEqual(problems, []);
      const violations = await axeViolations(page);
      assert.equal(violations.length, 0, describeViolations(violations));
      const repeated = await page.evaluate(() => {
        const seen = new Set();
        return [...document.querySelectorAll("[id]")].map((e) => e.id).filter((id) => seen.has(id) || !seen.add(id));
      });
      assert.deepEqual(repeated, []);
      const robots = await page.locator("meta[name=robots]").getAttribute("content");
      assert.equal(robots, "noindex");
    });
  });

  test("printed: a new sheet for each page, link addresses written out, no navigation", async () => {
    await withPage(async (page) => {
      await visit(page, server, register.url);
      await page.emulateMedia({ media: "print" });
      const printed = await page.evaluate(() => {
        const articles = [...document.querySelectorAll("main article.print-article")];
        const after = (sel) => {
          const a = document.querySelector(sel);
          return a ? getComputedStyle(a, "::after").content : null;
        };
        return {
          articles: articles.length,
          breaks: articles.map((a) => getComputedStyle(a).breakBefore),
          external: after(".print-article .content a[href^='http']"),
          internal: after(".print-article .content a[href^='/']"),
          source: after(".print-article .print-url"),
          contents: getComputedStyle(document.querySelector(".print-contents")).display,
          stamp: document.querySelector(".print-stamp").textContent,
        };
      });
      await page.emulateMedia({ media: "screen" });
      assert.ok(printed.articles >= 2, `${printed.articles} articles`);
      assert.deepEqual(printed.breaks, Array(printed.articles).fill("page"));
      assert.match(printed.external, /^" \(" attr\(href\) "\)"$|^" \(https?:\/\/[^"]+\)"$/);
      assert.match(printed.internal, /^" \(" attr\(href\) "\)"$|^" \(\/[^"]*\)"$/);
      assert.equal(printed.source, "none");
      assert.equal(printed.contents, "none");
      assert.match(printed.stamp, /^Research Security at Example University\. .+\. Printed from the site as built on \d{1,2} [A-Z][a-z]+ \d{4}\.$/);
      assert.deepEqual(await printProblems(page), []);
      fs.mkdirSync("output", { recursive: true });
      await page.pdf({ path: "output/legislation-print.pdf", format: "A4" });
    });
  });

  test("every section with pages has a printable version, and no other page is one", () => {
    const urls = prints.map((p) => p.url).sort();
    assert.deepEqual(urls, [
      "/case-studies/print/",
      "/checklists/print/",
      "/contacts/print/",
      "/guidance/print/",
      "/legislation/print/",
      "/support/print/",
      "/training/print/",
      "/triage/print/",
    ]);
  });
});
