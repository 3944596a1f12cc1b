// With JavaScript disabled: navigation works, the search form reaches the results
// page, checklists are readable and the triage tree can be walked by following links.
// Each function takes a page from a context with `javaScriptEnabled: false` and
// returns problems (empty = pass).

/** Every link in the section navigation of `start` opens a page with a visible heading. */
export async function navigationProblems(page, base, start = "/") {
  await page.goto(base + start);
  const hrefs = await page.locator("nav[aria-label=Sections] a, .site-nav a").evaluateAll((as) => as.map((a) => a.href));
  if (hrefs.length === 0) return ["the home page has no section navigation"];
  const problems = [];
  for (const href of hrefs) {
    const res = await page.goto(href);
    if (res?.status() !== 200) problems.push(`${href}: status ${res?.status()}`);
    else if (!(await page.locator("main h1").first().isVisible())) problems.push(`${href}: no visible heading`);
  }
  return problems;
}

/**
 * The header search form submits to the search page. With `serverRendered`, that
 * page must list results (as `host` renders them); otherwise it must at least load
 * and say that searching plain files needs JavaScript.
 */
export async function searchFormProblems(page, base, query, { serverRendered, expectLink, start = "/" } = {}) {
  await page.goto(base + start);
  const input = page.locator("form.site-search input[name=q]");
  if ((await input.count()) !== 1) return ["no header search box"];
  await input.fill(query);
  await Promise.all([page.waitForURL(/\/search\//), input.press("Enter")]);
  const url = new URL(page.url());
  const problems = [];
  if (url.searchParams.get("q") !== query) problems.push(`the form sent q=${url.searchParams.get("q")}, not ${query}`);
  if (!(await page.locator("main h1").first().isVisible())) problems.push("the search page has no visible heading");
  if (serverRendered) {
    const hrefs = await page.locator("#search-results a").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
    if (hrefs.length === 0) problems.push("without JavaScript, the server-rendered search page lists no results");
    else if (expectLink && !hrefs.some((h) => h.split(/[?#]/)[0].endsWith(expectLink))) problems.push(`the results do not include ${expectLink}`);
  } else if (!(await page.locator(".search-nojs").isVisible())) {
    problems.push("without JavaScript on a static server, the search page does not explain that search needs JavaScript");
  }
  return problems;
}

/** Every paragraph, list item and checkbox of the page's main content is shown. */
export async function readableProblems(page) {
  return page.evaluate(() => {
    const problems = [];
    const main = document.querySelector("main");
    if (!main) return ["no main element"];
    for (const el of main.querySelectorAll("p, li, input[type=checkbox], label, dd, td")) {
      if (el.closest("details:not([open])") || el.closest(".search-nojs, [hidden]")) continue;
      if (el.classList.contains("visually-hidden") || el.closest(".visually-hidden")) continue;
      if (!el.checkVisibility({ visibilityProperty: true, opacityProperty: true })) {
        problems.push(`${el.tagName.toLowerCase()} "${(el.textContent || el.id || "").trim().slice(0, 40)}" is hidden without JavaScript`);
      }
    }
    return problems.slice(0, 10);
  });
}

/**
 * Walk the triage pages by following links from `start`: every triage page of the
 * build (`triageUrls`) must be reached, load, and show its heading.
 */
export async function triageWalkProblems(page, base, start, triageUrls) {
  const prefix = start;
  const seen = new Set();
  const queue = [start];
  const problems = [];
  while (queue.length && seen.size < 200) {
    const url = queue.shift();
    if (seen.has(url)) continue;
    seen.add(url);
    const res = await page.goto(base + url);
    if (res?.status() !== 200) {
      problems.push(`${url}: status ${res?.status()}`);
      continue;
    }
    if (!(await page.locator("main h1").first().isVisible())) problems.push(`${url}: no visible heading`);
    const links = await page.locator("main a[href]").evaluateAll((as) => as.map((a) => a.href));
    for (const href of links) {
      const u = new URL(href);
      // pages only: a feed or a file (the section's atom.xml) is not a step of the tree
      const isPage = u.pathname.endsWith("/");
      if (u.origin === new URL(base).origin && u.pathname.startsWith(prefix) && isPage && !seen.has(u.pathname)) queue.push(u.pathname);
    }
  }
  for (const url of triageUrls) if (!seen.has(url)) problems.push(`${url} cannot be reached from ${start} by following links`);
  return problems;
}
