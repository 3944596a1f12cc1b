// The Nu HTML Checker: zero errors in every HTML and CSS file of the build, and in
// the pages `guidebook host` renders itself (search results and their page 2 and
// past the last page, 404).
import assert from "node:assert/strict";
import { after, describe } from "node:test";
import { test } from "../lib/timed.js";
import { openSite, QUERY } from "../lib/suite.js";
import { checkDirectory, checkHtml } from "../lib/vnu.js";

const site = await openSite();
after(() => site.close());

describe("Nu HTML Checker", () => {
  test("every HTML and CSS file of the build is valid", () => {
    const errors = checkDirectory(site.publicDir);
    assert.deepEqual(errors, [], errors.join("\n"));
  });

  const host = site.servers.find((s) => s.name === "host");
  if (host) {
    const q = encodeURIComponent(QUERY);
    const urls = { [`/search/?q=${q}`]: 200, [`/search/?q=${q}&page=2`]: 200, [`/search/?q=${q}&page=9`]: 200, "/search/?q=%3Cscript%3E": 200, "/no-such-page/": 404 };
    for (const [url, status] of Object.entries(urls)) {
      test(`host's ${url} is valid`, async () => {
        const res = await fetch(host.base + url);
        assert.equal(res.status, status, `${url} answered ${res.status}`);
        const errors = checkHtml(await res.text());
        assert.deepEqual(errors, [], errors.join("\n"));
      });
    }
  }
});
