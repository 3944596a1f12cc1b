// The search box as a keyboard and screen-reader user meets it: type, hear the count,
// arrow through the suggestions, Enter to open one. Returns problems (empty = pass).

const WAIT = 5000;

/** The text of the polite live region (role=status) next to the search box. */
async function announcement(page, input) {
  return input.evaluate((el) => {
    const form = el.closest("form");
    const region = form?.querySelector("[role=status], [aria-live]") ?? document.querySelector("[role=status]");
    return region ? region.textContent.trim() : null;
  });
}

/** Wait until `fn` returns something truthy or `ms` pass; returns the last value. */
async function until(fn, ms = WAIT) {
  const end = Date.now() + ms;
  let value;
  while (Date.now() < end) {
    value = await fn();
    if (value) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
  return value;
}

/** Wait until the HTML of `selector` has not changed for `quietMs` (results settled). */
async function settled(page, selector, quietMs = 400) {
  let last = null;
  let since = Date.now();
  const end = Date.now() + WAIT;
  while (Date.now() < end) {
    const html = await page.locator(selector).evaluate((el) => el.outerHTML).catch(() => null);
    if (html !== last) {
      last = html;
      since = Date.now();
    } else if (Date.now() - since >= quietMs) return;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * On a page with the header search box: focus it with Tab, type `query`, and check
 * that suggestions appear in a listbox the input controls, that the announcement
 * names how many pages match, that ArrowDown moves the active option (and the
 * announcement changes when the query does), and that Enter opens the active option.
 */
export async function searchBoxProblems(page, query, { refine = " licence" } = {}) {
  const problems = [];
  const input = page.locator("form.site-search input[name=q]");
  if ((await input.count()) !== 1) return ["no header search box (form.site-search input[name=q])"];
  await input.focus();
  await page.keyboard.type(query, { delay: 20 });
  const listId = await until(() => input.getAttribute("aria-controls"));
  if (!listId) return ["the search box does not control a list of suggestions (no aria-controls)"];
  const options = page.locator(`#${listId} [role=option]`);
  const shown = await until(async () => (await options.count()) > 0 && (await page.locator(`#${listId}`).isVisible()));
  if (!shown) return [`typing "${query}" shows no suggestions in #${listId}`];
  await settled(page, `#${listId}`);
  if ((await input.getAttribute("aria-expanded")) !== "true") problems.push("the combobox does not say it is expanded");
  const first = await until(async () => {
    const t = await announcement(page, input);
    return /\d+ pages? match|No pages match/.test(t ?? "") ? t : null;
  });
  if (!first) problems.push(`the announcement does not say how many pages match (it says ${JSON.stringify(await announcement(page, input))})`);

  await page.keyboard.press("ArrowDown");
  const active1 = await input.getAttribute("aria-activedescendant");
  const firstId = await options.nth(0).getAttribute("id");
  if (!active1 || active1 !== firstId) problems.push(`ArrowDown does not make the first suggestion active (active: ${active1})`);
  else if ((await page.locator(`#${active1}`).getAttribute("aria-selected")) !== "true") problems.push("the active suggestion is not aria-selected");
  await page.keyboard.press("ArrowDown");
  const active2 = await input.getAttribute("aria-activedescendant");
  if (!active2 || active2 === active1) problems.push("a second ArrowDown does not move to the next suggestion");
  await page.keyboard.press("ArrowUp");
  if ((await input.getAttribute("aria-activedescendant")) !== active1) problems.push("ArrowUp does not move back");

  if (first && refine) {
    await page.keyboard.type(refine, { delay: 20 });
    const changed = await until(async () => {
      const t = await announcement(page, input);
      return t && t !== first ? t : null;
    });
    if (!changed) problems.push(`the announcement does not change when the query becomes "${query}${refine}"`);
    await settled(page, `#${listId}`);
    await page.keyboard.press("ArrowDown");
  }

  const active = await input.getAttribute("aria-activedescendant");
  const href = active ? await page.locator(`#${active} a`).first().getAttribute("href") : null;
  if (!href) return [...problems, "no active suggestion with a link to open"];
  const before = page.url();
  await Promise.all([page.waitForURL((u) => u.href !== before, { timeout: WAIT }).catch(() => null), page.keyboard.press("Enter")]);
  const target = new URL(href, before).href;
  if (page.url() !== target) problems.push(`Enter on the active suggestion went to ${page.url()}, not ${target}`);
  return problems;
}

/**
 * The search results page with `?q=`: results are listed (by the server under
 * `host`, by search.js from the static index elsewhere), the status says how many,
 * and ArrowDown from the box moves focus to the first result.
 */
export async function searchPageProblems(page, { expectLink } = {}) {
  const problems = [];
  const links = page.locator("#search-results a");
  const found = await until(async () => (await links.count()) > 0);
  if (!found) return ["the search results page lists no results"];
  if (expectLink) {
    const hrefs = await links.evaluateAll((as) => as.map((a) => a.getAttribute("href")));
    if (!hrefs.some((h) => h.split(/[?#]/)[0].endsWith(expectLink))) problems.push(`the results do not include ${expectLink} (got ${hrefs.slice(0, 5).join(", ")})`);
  }
  const count = await page.locator("#search-results, [role=status]").allTextContents();
  if (!count.some((t) => /\d+ pages? match/.test(t))) problems.push("the results page does not say how many pages match");
  const box = page.locator("#search-q");
  if ((await box.count()) === 1) {
    await box.focus();
    await page.keyboard.press("ArrowDown");
    const onResult = await page.evaluate(() => !!document.activeElement?.closest("#search-results"));
    if (!onResult) problems.push("ArrowDown in the search box does not move focus to the first result");
  }
  return problems;
}
