// axe-core, WCAG 2.0/2.1/2.2 A and AA: zero violations on every page of the build
// (static server; tag pages sampled, see everyPage in lib/suite.js), on one page of each kind under `guidebook host` (with its
// server-rendered search page and Content-Security-Policy), in the dark colour scheme
// and with JavaScript off.
import assert from "node:assert/strict";
import { after, describe } from "node:test";
import { test } from "../lib/timed.js";
import { axeViolations, describeViolations } from "../lib/axe.js";
import { newPage, openSite, REQUIRED_KINDS, REQUIRED_URLS, visit } from "../lib/suite.js";

const site = await openSite();
after(() => site.close());
const [staticServer] = site.servers;

describe("the build", () => {
  test("has every page kind the theme must be proven on", { skip: site.isRepoSite ? false : "not the repository's own site" }, () => {
    const kinds = new Set(site.pages.map((p) => p.kind));
    assert.deepEqual(REQUIRED_KINDS.filter((k) => !kinds.has(k)), [], `kinds built: ${[...kinds].sort().join(", ")}`);
    const urls = new Set(site.pages.map((p) => p.url));
    assert.deepEqual(Object.values(REQUIRED_URLS).filter((u) => !urls.has(u)), []);
  });

  test("under host too, when the host command exists", { skip: site.hostNeeded ? false : "guidebook has no host command" }, () => {
    assert.deepEqual(site.servers.map((s) => s.name), ["static", "host"]);
  });
});

describe("axe-core, every page, static server", () => {
  for (const p of site.everyPage) {
    test(`${p.url} (${p.kind})`, async () => {
      const page = await newPage(site.browser);
      try {
        await visit(page, staticServer, p.url);
        const v = await axeViolations(page);
        assert.deepEqual(v.map((x) => x.id), [], describeViolations(v));
      } finally {
        await page.context().close();
      }
    });
  }
});

for (const server of site.servers) {
  for (const variant of [
    { label: "dark colour scheme", options: { colorScheme: "dark" } },
    { label: "JavaScript off", options: { blockScripts: true } },
    ...(server.name === "host" ? [{ label: "light, JavaScript on", options: {} }] : []),
  ]) {
    describe(`axe-core, one page of each kind, ${server.name}, ${variant.label}`, () => {
      for (const r of site.reps) {
        test(`${r.name}: ${r.url}`, async () => {
          const page = await newPage(site.browser, variant.options);
          try {
            await visit(page, server, r.url);
            const v = await axeViolations(page);
            assert.deepEqual(v.map((x) => x.id), [], describeViolations(v));
            const csp = page.errors.filter((e) => /Content Security Policy/i.test(e));
            assert.deepEqual(csp, [], "the page breaks its Content-Security-Policy");
          } finally {
            await page.context().close();
          }
        });
      }
    });
  }
}
