// The search box: typing shows suggestions in the page, the live region announces
// how many pages match and changes with the query, arrow keys move through the
// suggestions, Enter opens one; the results page lists results and arrows reach them.
// Under the static server this exercises the static index fallback; under `host`, the
// server's endpoint. Required once the build writes search/index.html or the search
// page module exists in the source tree.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, describe } from "node:test";
import { test } from "../lib/timed.js";
import { searchBoxProblems, searchPageProblems } from "../lib/search.js";
import { newPage, openSite, QUERY, visit } from "../lib/suite.js";
import { startStaticServer } from "../lib/static-server.js";

const site = await openSite();
after(() => site.close());
const EXPECT = site.isRepoSite ? "/legislation/export-control-order/" : undefined;

describe("search", () => {
  test("the build has a search page", { skip: site.searchNeeded ? false : "search has not been built into guidebook yet" }, () => {
    assert.ok(fs.existsSync(path.join(site.publicDir, "search", "index.html")), "search/index.html is missing from the build");
  });

  for (const server of site.servers) {
    const opts = { skip: site.searchNeeded ? false : "search has not been built into guidebook yet" };
    for (const start of ["/", "/guidance/"]) {
      test(`${server.name}: the search box on ${start} suggests, announces, moves with arrows and opens with Enter`, opts, async () => {
        const page = await newPage(site.browser);
        try {
          await visit(page, server, start);
          assert.deepEqual(await searchBoxProblems(page, "export"), []);
        } finally {
          await page.context().close();
        }
      });
    }

    test(`${server.name}: the search results page lists results and the arrow keys reach them`, opts, async () => {
      await resultsPageWorks(server);
    });
  }

  // The static index's shards are stored gzip-compressed; a server that sends them
  // with `Content-Encoding: gzip` (Apache's `AddEncoding`) has them unpacked by the
  // browser, and search.js must then read them as they are.
  test("static, shards sent with Content-Encoding: gzip: the search results page lists results", { skip: site.searchNeeded ? false : "no search" }, async () => {
    const server = await startStaticServer(site.publicDir, { encodeGz: true });
    try {
      await resultsPageWorks(server);
    } finally {
      await server.close();
    }
  });
});

async function resultsPageWorks(server) {
  const page = await newPage(site.browser);
  try {
    await visit(page, server, `/search/?q=${encodeURIComponent(QUERY)}`);
    assert.deepEqual(await searchPageProblems(page, { expectLink: EXPECT }), []);
  } finally {
    await page.context().close();
  }
}
