// Keyboard checks: the skip link comes first and works, every link and control is
// reached by Tab, and focus is always visible and never hidden behind other content.
// Each function returns a list of problems (empty when the page passes), so the
// suite's own tests can show that a bad page is caught.

const FOCUSABLE = [
  "a[href]",
  "area[href]",
  "button:not([disabled])",
  "input:not([disabled]):not([type=hidden])",
  "select:not([disabled])",
  "textarea:not([disabled])",
  "summary",
  "iframe",
  "[contenteditable=true]",
  "[tabindex]:not([tabindex='-1'])",
].join(",");

/**
 * Mark every focusable, visible element with `data-kb` and remember its unfocused
 * look, so a focused element can be compared with itself unfocused.
 */
function markFocusables(selector) {
  const looks = [];
  const els = [...document.querySelectorAll(selector)].filter((el) => {
    if (el.closest("[inert]")) return false;
    const closed = el.closest("details:not([open])");
    if (closed && !(el.tagName === "SUMMARY" && el.parentElement === closed)) return false;
    return el.checkVisibility({ visibilityProperty: true }) && el.getClientRects().length > 0;
  });
  els.forEach((el, i) => {
    el.setAttribute("data-kb", String(i));
    const s = getComputedStyle(el);
    looks.push({
      outline: `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}`,
      boxShadow: s.boxShadow,
      background: s.backgroundColor,
      color: s.color,
      border: `${s.borderTopWidth} ${s.borderTopColor} ${s.borderBottomWidth} ${s.borderBottomColor}`,
    });
  });
  window.__kbLooks = looks;
  return els.map((el, i) => ({ i, tag: el.tagName.toLowerCase(), text: label(el), tabindex: el.getAttribute("tabindex") }));

  function label(el) {
    const t = (el.getAttribute("aria-label") || el.textContent || el.getAttribute("href") || el.id || "").trim();
    return `${el.tagName.toLowerCase()} "${t.replace(/\s+/g, " ").slice(0, 60)}"`;
  }
}

/** What has focus now, whether it is visibly marked, and whether anything covers it. */
function describeFocus() {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  const i = el.getAttribute("data-kb");
  const s = getComputedStyle(el);
  const before = i === null ? null : window.__kbLooks[Number(i)];
  const transparent = (c) => c === "transparent" || /rgba\([^)]*,\s*0\)$/.test(c);
  const outlineShown =
    s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2 && !transparent(s.outlineColor);
  // An element that appeared after marking has no unfocused look to compare with:
  // then only an outline or a shadow counts.
  const changed = (a, b) => !before || a !== b;
  const shadowShown = s.boxShadow !== "none" && changed(s.boxShadow, before?.boxShadow);
  const backgroundShown = !!before && changed(s.backgroundColor, before.background) && !transparent(s.backgroundColor);
  const borderShown =
    !!before && changed(`${s.borderTopWidth} ${s.borderTopColor} ${s.borderBottomWidth} ${s.borderBottomColor}`, before.border);
  const r = el.getBoundingClientRect();
  const inView = r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth;
  let covered = false;
  if (inView) {
    const x = Math.min(Math.max(r.left + r.width / 2, 0), innerWidth - 1);
    const y = Math.min(Math.max(r.top + r.height / 2, 0), innerHeight - 1);
    const hit = document.elementFromPoint(x, y);
    covered = !!hit && !el.contains(hit) && !hit.contains(el) && !(el.labels && [...el.labels].some((l) => l.contains(hit)));
  }
  return {
    i: i === null ? null : Number(i),
    tag: el.tagName.toLowerCase(),
    label: `${el.tagName.toLowerCase()} "${(el.textContent || el.getAttribute("href") || el.id || "").trim().replace(/\s+/g, " ").slice(0, 60)}"`,
    href: el.getAttribute("href"),
    visible: outlineShown || shadowShown || backgroundShown || borderShown,
    inView,
    covered,
  };
}

/**
 * Tab from the top of the page to the end. Returns `{ stops, focusables, problems }`:
 * problems name the first stop if it is not a skip link, every stop without a visible
 * focus indicator or hidden from view, every focusable element Tab never reached and
 * any positive tabindex.
 */
export async function tabThrough(page, { max = 600 } = {}) {
  const focusables = await page.evaluate(markFocusables, FOCUSABLE);
  await page.evaluate(() => {
    document.activeElement?.blur?.();
    window.scrollTo(0, 0);
  });
  const stops = [];
  for (let n = 0; n < max; n++) {
    await page.keyboard.press("Tab");
    const f = await page.evaluate(describeFocus);
    if (!f) break;
    if (stops.length && f.i !== null && f.i === stops[0].i) break;
    stops.push(f);
  }
  const problems = [];
  const first = stops[0];
  if (!first || !isSkipLink(first)) {
    problems.push(`the first Tab stop is ${first ? first.label : "nothing"}, not a skip link to the main content`);
  }
  for (const s of stops) {
    if (!s.visible) problems.push(`focus is not visible on ${s.label}`);
    if (!s.inView) problems.push(`focused ${s.label} is outside the viewport`);
    if (s.covered) problems.push(`focused ${s.label} is hidden behind other content`);
  }
  const reached = new Set(stops.map((s) => s.i));
  for (const f of focusables) {
    if (!reached.has(f.i)) problems.push(`Tab never reaches ${f.text}`);
    if (f.tabindex !== null && Number(f.tabindex) > 0) problems.push(`${f.text} has a positive tabindex`);
  }
  return { stops, focusables, problems };
}

function isSkipLink(stop) {
  return stop.tag === "a" && /^#./.test(stop.href ?? "") && /skip/i.test(stop.label);
}

/**
 * The skip link works: Tab once, Enter, and focus is on its target; the next Tab
 * lands inside that target.
 */
export async function skipLinkWorks(page) {
  await page.evaluate(() => {
    document.activeElement?.blur?.();
    window.scrollTo(0, 0);
  });
  await page.keyboard.press("Tab");
  const href = await page.evaluate(() => document.activeElement?.getAttribute("href"));
  if (!href || !href.startsWith("#")) return [`the first Tab stop is not an in-page link (href ${href})`];
  await page.keyboard.press("Enter");
  const targetId = decodeURIComponent(href.slice(1));
  const focused = await page.evaluate(() => document.activeElement?.id ?? null);
  const problems = [];
  if (focused !== targetId) problems.push(`after Enter on the skip link focus is on #${focused}, not #${targetId}`);
  await page.keyboard.press("Tab");
  const inside = await page.evaluate((id) => {
    const target = document.getElementById(id);
    return !!target && target.contains(document.activeElement) && document.activeElement !== target;
  }, targetId);
  if (!inside) problems.push(`the Tab after the skip link does not land inside #${targetId}`);
  return problems;
}

/**
 * Controls work from the keyboard, without leaving the page: Enter on an in-page link
 * moves to its target; Enter and Space open and close a summary; Space ticks an
 * enabled checkbox; arrow keys change a select. Returns `{ tried, problems }`.
 */
export async function operateProblems(page) {
  const problems = [];
  const tried = [];
  const inPage = page.locator("main a[href^='#']:visible").first();
  if (await inPage.count()) {
    tried.push("in-page link");
    const href = await inPage.getAttribute("href");
    await inPage.focus();
    await page.keyboard.press("Enter");
    const ok = await page.evaluate((h) => {
      const t = document.getElementById(decodeURIComponent(h.slice(1)));
      if (!t || location.hash !== h) return false;
      const r = t.getBoundingClientRect();
      return r.top >= -1 && r.top < innerHeight;
    }, href);
    if (!ok) problems.push(`Enter on the link to ${href} does not bring its target into view`);
  }
  const summary = page.locator("summary:visible").first();
  if (await summary.count()) {
    tried.push("summary");
    const open = () => summary.evaluate((s) => s.parentElement.open);
    const was = await open();
    await summary.focus();
    await page.keyboard.press("Enter");
    if ((await open()) === was) problems.push("Enter on a summary does not open or close its details");
    await page.keyboard.press("Space");
    if ((await open()) !== was) problems.push("Space on a summary does not open or close its details");
  }
  const box = page.locator("input[type=checkbox]:not([disabled]):visible").first();
  if (await box.count()) {
    tried.push("checkbox");
    const was = await box.isChecked();
    await box.focus();
    await page.keyboard.press("Space");
    if ((await box.isChecked()) === was) problems.push("Space does not tick or untick a checkbox");
    await page.keyboard.press("Space");
  }
  const select = page.locator("select:visible").first();
  if (await select.count()) {
    tried.push("select");
    const was = await select.inputValue();
    await select.focus();
    await page.keyboard.press("ArrowDown");
    if ((await select.inputValue()) === was) problems.push("ArrowDown does not change a select");
  }
  return { tried, problems };
}

/** Enter on the link `selector` opens its page. */
export async function enterFollowsLink(page, selector) {
  const link = page.locator(selector).first();
  if (!(await link.count())) return [`no link matches ${selector}`];
  const target = await link.evaluate((a) => a.href);
  await link.focus();
  await Promise.all([page.waitForURL(target, { timeout: 5000 }).catch(() => null), page.keyboard.press("Enter")]);
  return page.url() === target ? [] : [`Enter on ${selector} went to ${page.url()}, not ${target}`];
}

/** Type in the header search box, Tab to its button, press Space: the results page opens. */
export async function spaceSubmitsSearch(page, query) {
  const input = page.locator("form.site-search input[name=q]");
  if (!(await input.count())) return ["no header search box"];
  await input.focus();
  await input.fill(query);
  const button = page.locator("form.site-search button");
  await button.focus();
  await Promise.all([page.waitForURL(/\/search\/\?q=/, { timeout: 5000 }).catch(() => null), page.keyboard.press("Space")]);
  const url = new URL(page.url());
  return url.pathname.endsWith("/search/") && url.searchParams.get("q") === query
    ? []
    : [`Space on the search button went to ${page.url()}`];
}

/**
 * A checklist's progress, by keyboard: Space on the first task ticks it and the live
 * count says one more is done; Enter on "Clear all ticks" clears every tick.
 */
export async function checklistProgressProblems(page) {
  const boxes = page.locator("main .task-list input[type=checkbox]");
  const n = await boxes.count();
  if (n === 0) return ["no task-list checkboxes"];
  const status = page.locator("main .task-progress [role=status]");
  if ((await status.count()) !== 1) return ["no progress status (role=status) above the checklist"];
  const problems = [];
  const before = (await status.textContent()).trim();
  await boxes.first().focus();
  await page.keyboard.press("Space");
  const after = (await status.textContent()).trim();
  if (!(await boxes.first().isChecked())) problems.push("Space does not tick the first task");
  if (after !== `1 of ${n} done`) problems.push(`after ticking one task the status says "${after}" (before: "${before}")`);
  const clear = page.locator("main .task-progress button");
  await clear.focus();
  await page.keyboard.press("Enter");
  if ((await boxes.first().isChecked()) || (await status.textContent()).trim() !== `0 of ${n} done`) {
    problems.push("Enter on the clear button does not clear the ticks");
  }
  return problems;
}

/**
 * The contacts directory filter, by keyboard: typing `word` in the filter hides the
 * entries that do not match and the live count says how many are shown.
 */
export async function directoryFilterProblems(page, word) {
  const input = page.locator("#directory-q");
  if (!(await input.isVisible())) return ["the directory filter is not shown"];
  const entries = page.locator(".directory-list > li");
  const total = await entries.count();
  await input.focus();
  await page.keyboard.type(word);
  const shown = await entries.evaluateAll((lis) => lis.filter((li) => li.checkVisibility()).length);
  const count = (await page.locator("#directory-count").textContent()).trim();
  const problems = [];
  if (!(shown > 0 && shown < total)) problems.push(`typing "${word}" shows ${shown} of ${total} entries`);
  if (count !== `Showing ${shown} of ${total} contacts`) problems.push(`the count says "${count}" with ${shown} of ${total} shown`);
  return problems;
}
