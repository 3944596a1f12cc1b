// The suite can fail. (1) The broken fixture site (an image without alt text), built
// with the real binary, fails axe-core (image-alt), the Nu HTML Checker and the axe
// test file itself when the suite is pointed at it. (2) Every other check, run on a
// small page with exactly one fault, reports that fault, and reports nothing on a
// good page.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe } from "node:test";
import { test } from "../lib/timed.js";
import { axeViolations } from "../lib/axe.js";
import { launch, PHONE, REFLOW } from "../lib/browser.js";
import {
  checklistProgressProblems,
  directoryFilterProblems,
  enterFollowsLink,
  operateProblems,
  skipLinkWorks,
  tabThrough,
} from "../lib/keyboard.js";
import { contrastProblems, printProblems, reflowProblems, typographyProblems } from "../lib/layout.js";
import { navigationProblems, readableProblems, searchFormProblems, triageWalkProblems } from "../lib/nojs.js";
import { FIXTURES, SUITE_DIR } from "../lib/paths.js";
import { searchBoxProblems, searchPageProblems } from "../lib/search.js";
import { buildSite } from "../lib/site.js";
import { startStaticServer } from "../lib/static-server.js";
import { checkDirectory } from "../lib/vnu.js";

const BROKEN = path.join(FIXTURES, "broken-alt");

describe("the broken fixture (an image without alt text) fails", () => {
  let publicDir;
  let server;
  let browser;
  before(async () => {
    publicDir = buildSite(BROKEN);
    server = await startStaticServer(publicDir);
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    if (publicDir) fs.rmSync(path.dirname(publicDir), { recursive: true, force: true });
  });

  test("axe-core reports image-alt on the page with the image", async () => {
    const page = await browser.newPage();
    await page.goto(`${server.base}/guidance/diagram/`);
    const v = await axeViolations(page);
    await page.close();
    assert.deepEqual(v.map((x) => x.id), ["image-alt"]);
    assert.match(v[0].targets[0], /^img: Element does not have an alt attribute/);
  });

  test("the Nu HTML Checker reports the missing alt attribute, on the page and in its section's printable version", () => {
    const errors = checkDirectory(publicDir);
    assert.deepEqual(
      errors.map((e) => e.replace(/:\d+:/, ":N:")).sort(),
      ["/guidance/diagram/index.html", "/guidance/print/index.html"].map(
        (f) => `${f}:N: An “img” element must have an “alt” attribute, except under certain conditions. For details, consult guidance on providing text alternatives for images.`,
      ),
      errors.join("\n"),
    );
  });

  test("the axe test file, pointed at the fixture with GUIDEBOOK_SITE, fails on image-alt", () => {
    const run = spawnSync(process.execPath, ["--test", "--test-reporter=tap", "test/axe.test.js"], {
      cwd: SUITE_DIR,
      // NODE_TEST_CONTEXT would make the inner runner report to this one instead.
      env: { ...Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== "NODE_TEST_CONTEXT")), GUIDEBOOK_SITE: BROKEN },
      encoding: "utf8",
      timeout: 280_000,
    });
    assert.notEqual(run.status, 0, `the suite passed on the broken fixture:\n${run.stdout.slice(-2000)}`);
    assert.match(run.stdout, /not ok \d+ - \/guidance\/diagram\/ \(guidance\)/);
    assert.match(run.stdout, /image-alt \(critical\)/);
    assert.match(run.stdout, /^# fail [1-9]/m);
  });
});

const GOOD_BODY = `
<a class="skip" href="#main">Skip to main content</a>
<header><nav class="site-nav" aria-label="Sections"><a href="/good.html">Home</a> <a href="/b.html">Other</a></nav>
<form class="site-search" role="search" action="/search/"><label for="q">Search</label><input id="q" name="q" type="search"><button>Search</button></form></header>
<main id="main" tabindex="-1"><h1>A page</h1>
<p>Plain text of a readable length that wraps at a comfortable measure for anyone reading it.</p>
<ul><li>One item on the list</li><li>Another item on the list</li></ul>
<p><a href="#part">Jump to part</a></p>
<details><summary>More</summary><p>Hidden detail</p></details>
<p><input type="checkbox" id="c"><label for="c">Tick me</label></p>
<h2 id="part">Part</h2><p><a href="/b.html">Another page</a></p>
</main>`;

const GOOD_STYLE = `
body { font: 19px/1.5 sans-serif; color: #0b0c0c; background: #fff; margin: 0; }
main, header { max-width: 30em; padding: 0 8px; }
a { color: #1d58b3; }
.skip { position: absolute; left: -9999px; }
.skip:focus { left: 0; }
:focus-visible { outline: 3px solid #fd0; }
input, button { font: inherit; }
@media print { nav, form, .skip { display: none; } }`;

function html(style, body, title = "Test page") {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title><style>${style}</style></head><body>${body}</body></html>`;
}

/** One page per fault; each entry is `[file, html]`. */
const PAGES = {
  "good.html": html(GOOD_STYLE, GOOD_BODY),
  "b.html": html(GOOD_STYLE, GOOD_BODY.replace("<h1>A page</h1>", "<h1>Other</h1>")),
  "no-skip.html": html(GOOD_STYLE, GOOD_BODY.replace('<a class="skip" href="#main">Skip to main content</a>', "")),
  "skip-nowhere.html": html(GOOD_STYLE, GOOD_BODY.replace('href="#main">Skip', 'href="#nowhere">Skip')),
  "no-focus-style.html": html(`${GOOD_STYLE} :focus-visible, :focus { outline: none !important; }`, GOOD_BODY),
  "unreachable.html": html(GOOD_STYLE, GOOD_BODY.replace('<a href="/b.html">Another page</a>', '<a href="/b.html" tabindex="-1">Another page</a>')),
  "positive-tabindex.html": html(GOOD_STYLE, GOOD_BODY.replace("<button>Search</button>", '<button tabindex="2">Search</button>')),
  "covered.html": html(`${GOOD_STYLE} .cover { position: fixed; left: 0; right: 0; bottom: 0; height: 100vh; background: #fff; }`, `${GOOD_BODY}<div class="cover">Cookie banner</div>`),
  "dead-controls.html": html(
    GOOD_STYLE,
    GOOD_BODY.replace('href="#part"', 'href="#missing"')
      .replace('<input type="checkbox" id="c">', '<input type="checkbox" id="c" onclick="return false">')
      .replace('<a href="/good.html">Home</a>', '<a href="/good.html" onclick="event.preventDefault()">Home</a>'),
  ),
  "wide.html": html(GOOD_STYLE, GOOD_BODY.replace("<h1>A page</h1>", '<h1>A page</h1><div style="width: 600px">Wide</div>')),
  "print-nav.html": html(GOOD_STYLE.replace("nav, form, .skip", "form, .skip"), GOOD_BODY),
  "small-text.html": html(`${GOOD_STYLE} li { font-size: 14px; }`, GOOD_BODY),
  "long-lines.html": html(`${GOOD_STYLE} main { max-width: none; }`, GOOD_BODY.replace("<p>Plain text", `<p>${"Plain text that runs on and on across a very wide column. ".repeat(6)}`)),
  "low-contrast.html": html(`${GOOD_STYLE} li { color: #999; }`, GOOD_BODY),
  "nav-broken.html": html(GOOD_STYLE, GOOD_BODY.replace('<a href="/b.html">Other</a>', '<a href="/missing.html">Other</a>')),
  "hidden-list.html": html(`${GOOD_STYLE} li { display: none; }`, GOOD_BODY),
  "checklist-broken.html": html(
    GOOD_STYLE,
    GOOD_BODY.replace("<ul><li>One item", '<ul class="task-list"><li><input type="checkbox" id="t1"><label for="t1">Task</label></li><li>One item'),
  ),
  "directory-broken.html": html(
    GOOD_STYLE,
    GOOD_BODY.replace(
      "<h1>A page</h1>",
      '<h1>Contacts</h1><p><label for="directory-q">Filter</label><input id="directory-q"></p><p id="directory-count">2 contacts</p><ul class="directory-list"><li>Export control manager</li><li>ATAS adviser</li></ul>',
    ),
  ),
  "search/index.html": html(GOOD_STYLE, GOOD_BODY.replace("<h1>A page</h1>", '<h1>Search</h1><div id="search-results"></div>')),
  "triage/index.html": html(GOOD_STYLE, GOOD_BODY.replace("<h1>A page</h1>", '<h1>Triage</h1><p><a href="/triage/q1/">Start</a></p>')),
  "triage/q1/index.html": html(GOOD_STYLE, GOOD_BODY.replace("<h1>A page</h1>", "<h1>Question one</h1>")),
  "triage/orphan/index.html": html(GOOD_STYLE, GOOD_BODY.replace("<h1>A page</h1>", "<h1>Unlinked outcome</h1>")),
};

describe("each check reports a page with its fault, and passes a good page", () => {
  let dir;
  let server;
  let browser;
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "guidebook-can-fail-"));
    for (const [file, text] of Object.entries(PAGES)) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), text);
    }
    server = await startStaticServer(dir);
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Open `file` in a fresh context with `options` and run `check` on it. */
  async function on(file, check, options = {}) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, ...options });
    const page = await context.newPage();
    try {
      await page.goto(`${server.base}/${file}`);
      return await check(page);
    } finally {
      await context.close();
    }
  }
  const tabProblems = async (p) => (await tabThrough(p)).problems;

  test("the good page passes every check", async () => {
    assert.deepEqual(await on("good.html", axeViolations), []);
    assert.deepEqual(await on("good.html", tabProblems), []);
    assert.deepEqual(await on("good.html", skipLinkWorks), []);
    const operated = await on("good.html", operateProblems);
    assert.deepEqual(operated, { tried: ["in-page link", "summary", "checkbox"], problems: [] });
    assert.deepEqual(await on("good.html", (p) => enterFollowsLink(p, ".site-nav a")), []);
    assert.deepEqual(await on("good.html", reflowProblems, { viewport: REFLOW }), []);
    assert.deepEqual(await on("good.html", printProblems), []);
    assert.deepEqual(await on("good.html", (p) => typographyProblems(p, { minPx: 16, maxChars: 75 })), []);
    assert.deepEqual(await on("good.html", (p) => typographyProblems(p, { minPx: 16, maxChars: 75 }), { viewport: PHONE }), []);
    assert.deepEqual(await on("good.html", contrastProblems), []);
    assert.deepEqual(await on("good.html", readableProblems, { javaScriptEnabled: false }), []);
  });

  test("keyboard: no skip link", async () => {
    const problems = await on("no-skip.html", tabProblems);
    assert.match(problems[0], /^the first Tab stop is a "Home", not a skip link/);
  });

  test("keyboard: a skip link to nothing", async () => {
    assert.deepEqual(await on("skip-nowhere.html", skipLinkWorks), [
      "after Enter on the skip link focus is on #, not #nowhere",
      "the Tab after the skip link does not land inside #nowhere",
    ]);
  });

  test("keyboard: focus styles removed", async () => {
    const problems = await on("no-focus-style.html", tabProblems);
    assert.ok(problems.includes('focus is not visible on a "Another page"'), problems.join("\n"));
  });

  test("keyboard: a link Tab skips", async () => {
    assert.deepEqual(await on("unreachable.html", tabProblems), ['Tab never reaches a "Another page"']);
  });

  test("keyboard: a positive tabindex", async () => {
    assert.deepEqual(await on("positive-tabindex.html", tabProblems), [
      'the first Tab stop is button "Search", not a skip link to the main content',
      'button "Search" has a positive tabindex',
    ]);
  });

  test("keyboard: focus hidden behind a fixed banner", async () => {
    const problems = await on("covered.html", tabProblems);
    assert.ok(problems.includes('focused a "Another page" is hidden behind other content'), problems.join("\n"));
  });

  test("keyboard: controls that Enter and Space do not work", async () => {
    const operated = await on("dead-controls.html", operateProblems);
    assert.deepEqual(operated.problems, [
      "Enter on the link to #missing does not bring its target into view",
      "Space does not tick or untick a checkbox",
    ]);
    const follow = await on("dead-controls.html", (p) => enterFollowsLink(p, ".site-nav a"));
    assert.match(follow[0] ?? "", /^Enter on \.site-nav a went to .*\/dead-controls\.html, not .*\/good\.html$/);
  });

  test("reflow: a 600 px box in a 320 px viewport", async () => {
    const problems = await on("wide.html", reflowProblems, { viewport: REFLOW });
    assert.match(problems[0], /^the page is \d+ px wide in a 320 px viewport: div \(right edge \d+ px\)/);
  });

  test("print: navigation printed", async () => {
    assert.deepEqual(await on("print-nav.html", printProblems), ['nav "Sections" is printed']);
  });

  test("text: 14 px list items", async () => {
    assert.deepEqual(await on("small-text.html", (p) => typographyProblems(p, { minPx: 16, maxChars: 75 })), [
      'text smaller than 16 px: li "One item on the list" is 14 px',
    ]);
  });

  test("text: lines far longer than 75 characters", async () => {
    const problems = await on("long-lines.html", (p) => typographyProblems(p, { minPx: 16, maxChars: 75 }));
    assert.match(problems[0], /^p "Plain text that runs on and on across a " holds about \d+ characters a line/);
  });

  test("contrast: grey text on white", async () => {
    const problems = await on("low-contrast.html", contrastProblems);
    assert.match(problems[0], /^li "One item on the list" has contrast 2\.85:1/);
  });

  test("no JavaScript: list items hidden", async () => {
    const problems = await on("hidden-list.html", readableProblems, { javaScriptEnabled: false });
    assert.deepEqual(problems, ['li "One item on the list" is hidden without JavaScript', 'li "Another item on the list" is hidden without JavaScript']);
  });

  test("no JavaScript: a navigation link to a missing page", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const problems = await navigationProblems(page, server.base, "/nav-broken.html");
    await context.close();
    assert.deepEqual(problems, [`${server.base}/missing.html: status 404`]);
  });

  test("no JavaScript: a search page with no server results", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const problems = await searchFormProblems(page, server.base, "export", { serverRendered: true, start: "/good.html" });
    await context.close();
    assert.deepEqual(problems, ["without JavaScript, the server-rendered search page lists no results"]);
  });

  test("no JavaScript: a triage page no link leads to", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const problems = await triageWalkProblems(page, server.base, "/triage/", ["/triage/", "/triage/q1/", "/triage/orphan/"]);
    await context.close();
    assert.deepEqual(problems, ["/triage/orphan/ cannot be reached from /triage/ by following links"]);
  });

  test("checklist: no progress count", async () => {
    assert.deepEqual(await on("checklist-broken.html", checklistProgressProblems), ["no progress status (role=status) above the checklist"]);
  });

  test("directory: a filter that filters nothing", async () => {
    assert.deepEqual(await on("directory-broken.html", (p) => directoryFilterProblems(p, "export")), [
      'typing "export" shows 2 of 2 entries',
      'the count says "2 contacts" with 2 of 2 shown',
    ]);
  });

  test("search: a search box that suggests nothing", async () => {
    assert.deepEqual(await on("good.html", (p) => searchBoxProblems(p, "export")), [
      "the search box does not control a list of suggestions (no aria-controls)",
    ]);
  });

  test("search: a results page with no results", async () => {
    assert.deepEqual(await on("search/index.html", (p) => searchPageProblems(p)), ["the search results page lists no results"]);
  });
});
