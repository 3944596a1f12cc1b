// Screenshots of home, a guidance page, search results and the contacts directory at
// desktop and phone widths, and a PDF of the guidance page as printed, written to
// tests/browser/output/ (not committed) for people to look at.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, describe } from "node:test";
import { test } from "../lib/timed.js";
import { DESKTOP, PHONE } from "../lib/browser.js";
import { OUTPUT } from "../lib/paths.js";
import { newPage, openSite, QUERY, REQUIRED_URLS, visit } from "../lib/suite.js";

const site = await openSite({ withHost: false });
after(() => site.close());
const [server] = site.servers;
fs.mkdirSync(OUTPUT, { recursive: true });

const guidance = site.reps.find((r) => r.name === "guidance");
const shots = [
  { name: "home", url: "/" },
  ...(guidance ? [{ name: "guidance", url: guidance.url }] : []),
  ...(site.searchNeeded ? [{ name: "search-results", url: `/search/?q=${encodeURIComponent(QUERY)}` }] : []),
  ...(site.pages.some((p) => p.url === REQUIRED_URLS.directory) ? [{ name: "contacts-directory", url: REQUIRED_URLS.directory }] : []),
];

/** Width and height of a PNG file, from its IHDR chunk. */
function pngSize(file) {
  const b = fs.readFileSync(file);
  assert.equal(b.toString("latin1", 1, 4), "PNG", `${file} is not a PNG`);
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

describe("screenshots", () => {
  test("the four pages to photograph exist", () => {
    if (!site.isRepoSite) return;
    assert.deepEqual(shots.map((s) => s.name), ["home", "guidance", "search-results", "contacts-directory"]);
  });

  for (const shot of shots) {
    for (const [label, viewport] of [["desktop", DESKTOP], ["phone", PHONE]]) {
      test(`${shot.name} at ${label} width`, async () => {
        const page = await newPage(site.browser, { viewport, deviceScaleFactor: 1 });
        try {
          await visit(page, server, shot.url);
          await page.waitForLoadState("networkidle");
          if (shot.name === "search-results") await page.locator("#search-results a").first().waitFor({ timeout: 5000 });
          const file = path.join(OUTPUT, `${shot.name}-${label}.png`);
          await page.screenshot({ path: file, fullPage: true });
          const size = pngSize(file);
          assert.equal(size.width, viewport.width, "a full-page screenshot wider than the viewport means the page scrolls sideways");
          assert.ok(size.height >= viewport.height / 2, `${file} is only ${size.height} px high`);
        } finally {
          await page.context().close();
        }
      });
    }
  }

  test("the guidance page prints to PDF", { skip: guidance ? false : "no guidance page" }, async () => {
    const page = await newPage(site.browser);
    try {
      await visit(page, server, guidance.url);
      const file = path.join(OUTPUT, "guidance-print.pdf");
      await page.emulateMedia({ media: "print" });
      await page.pdf({ path: file, format: "A4", printBackground: true });
      assert.equal(fs.readFileSync(file).toString("latin1", 0, 5), "%PDF-");
    } finally {
      await page.context().close();
    }
  });
});
