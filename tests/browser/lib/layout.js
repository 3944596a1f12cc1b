// Layout checks run in the page: reflow at 320 px, print styles, text size, line
// length and text contrast. Each returns a list of problems (empty when it passes).

/** The page never scrolls sideways (WCAG 1.4.10); names what sticks out. */
export async function reflowProblems(page) {
  return page.evaluate(() => {
    const doc = document.documentElement;
    const width = doc.clientWidth;
    if (doc.scrollWidth <= width) return [];
    const scrolls = (el) => {
      for (let p = el.parentElement; p; p = p.parentElement) {
        const o = getComputedStyle(p).overflowX;
        if (o === "auto" || o === "scroll" || o === "hidden" || o === "clip") return true;
      }
      return false;
    };
    const wide = [...document.body.querySelectorAll("*")]
      .filter((el) => el.getBoundingClientRect().right > width + 1 && !scrolls(el))
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}${el.className ? "." + String(el.className).split(" ").join(".") : ""} (right edge ${Math.round(el.getBoundingClientRect().right)} px)`);
    return [`the page is ${doc.scrollWidth} px wide in a ${width} px viewport: ${wide.join(", ")}`];
  });
}

/** In print, navigation and search are hidden and the main content is shown. */
export async function printProblems(page) {
  await page.emulateMedia({ media: "print" });
  try {
    return await page.evaluate(() => {
      const problems = [];
      const shown = (el) => el.checkVisibility({ visibilityProperty: true });
      const skip = [...document.querySelectorAll("a[href^='#']")].filter((a) => /skip/i.test(a.textContent));
      const hidden = [...document.querySelectorAll("nav, [role=navigation], [role=search]"), ...skip];
      for (const el of hidden) {
        if (shown(el)) {
          const name = el.getAttribute("aria-label") || el.className || el.tagName.toLowerCase();
          problems.push(`${el.tagName.toLowerCase()} "${name}" is printed`);
        }
      }
      const h1 = document.querySelector("main h1");
      if (!h1 || !shown(h1)) problems.push("the main heading is not printed");
      const main = document.querySelector("main");
      if (!main || !shown(main)) problems.push("the main content is not printed");
      return problems;
    });
  } finally {
    await page.emulateMedia({ media: "screen" });
  }
}

/**
 * Text size and line length. Every visible text (own text nodes, not visually
 * hidden) is at least `minPx`; every paragraph-like block in main holds at most
 * `maxChars` characters a line, estimated from its width and the average width of
 * its own text in its own font.
 */
export async function typographyProblems(page, { minPx = 16, maxChars = 80 } = {}) {
  return page.evaluate(
    ({ minPx, maxChars }) => {
      const problems = [];
      const shownText = (el) => {
        if (!el.checkVisibility({ visibilityProperty: true, opacityProperty: true })) return false;
        if (el.closest("[aria-hidden=true]")) return false;
        for (let p = el; p; p = p.parentElement) {
          const s = getComputedStyle(p);
          if (s.clipPath === "inset(50%)" || (s.position === "absolute" && parseFloat(s.width) <= 1)) return false;
        }
        return [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
      };
      const small = new Map();
      for (const el of document.body.querySelectorAll("*")) {
        if (!shownText(el)) continue;
        const px = parseFloat(getComputedStyle(el).fontSize);
        if (px < minPx - 0.01) {
          const key = `${el.tagName.toLowerCase()}${el.className ? "." + String(el.className).split(" ")[0] : ""}`;
          if (!small.has(key)) small.set(key, `${key} "${el.textContent.trim().slice(0, 40)}" is ${px} px`);
        }
      }
      problems.push(...[...small.values()].map((m) => `text smaller than ${minPx} px: ${m}`));
      const canvas = document.createElement("canvas").getContext("2d");
      for (const el of document.querySelectorAll("main p, main li, main dd, main blockquote, main td, main figcaption")) {
        const text = el.textContent.replace(/\s+/g, " ").trim();
        if (text.length < 40 || !el.checkVisibility()) continue;
        const s = getComputedStyle(el);
        canvas.font = `${s.fontStyle} ${s.fontWeight} ${s.fontSize} ${s.fontFamily}`;
        const avg = canvas.measureText(text).width / text.length;
        const width = el.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight);
        // A line holds what fits, or the whole text when it is shorter than that.
        const perLine = Math.min(Math.floor(width / avg), text.length);
        if (perLine > maxChars) {
          problems.push(`${el.tagName.toLowerCase()} "${text.slice(0, 40)}" holds about ${perLine} characters a line (${Math.round(width)} px)`);
          break;
        }
      }
      return problems;
    },
    { minPx, maxChars },
  );
}

/** The widest line, in characters, of paragraph-like text in main (for the report). */
export async function longestLine(page) {
  return page.evaluate(() => {
    const canvas = document.createElement("canvas").getContext("2d");
    let most = 0;
    for (const el of document.querySelectorAll("main p, main li")) {
      const text = el.textContent.replace(/\s+/g, " ").trim();
      if (text.length < 40 || !el.checkVisibility()) continue;
      const s = getComputedStyle(el);
      canvas.font = `${s.fontStyle} ${s.fontWeight} ${s.fontSize} ${s.fontFamily}`;
      const avg = canvas.measureText(text).width / text.length;
      most = Math.max(most, Math.floor(el.clientWidth / avg));
    }
    return most;
  });
}

/**
 * Every visible text has a contrast of at least `min` with the background behind it
 * (backgrounds composited up the tree; opacity applied). Text over an image is
 * skipped, since its background cannot be known from styles.
 */
export async function contrastProblems(page, { min = 4.5 } = {}) {
  return page.evaluate((min) => {
    const parse = (c) => {
      const srgb = /color\(srgb ([^)]+)\)/.exec(c);
      if (srgb) {
        const p = srgb[1].split(/[ /]+/).filter(Boolean).map(Number);
        return { r: p[0] * 255, g: p[1] * 255, b: p[2] * 255, a: p.length > 3 ? p[3] : 1 };
      }
      const m = /rgba?\(([^)]+)\)/.exec(c);
      if (!m) return null;
      const p = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
      return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 };
    };
    const over = (top, bottom) => ({
      r: top.r * top.a + bottom.r * (1 - top.a),
      g: top.g * top.a + bottom.g * (1 - top.a),
      b: top.b * top.a + bottom.b * (1 - top.a),
      a: 1,
    });
    const lum = (c) => {
      const ch = (v) => {
        const s = v / 255;
        return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * ch(c.r) + 0.7152 * ch(c.g) + 0.0722 * ch(c.b);
    };
    const ratio = (a, b) => {
      const [l1, l2] = [lum(a), lum(b)].sort((x, y) => y - x);
      return (l1 + 0.05) / (l2 + 0.05);
    };
    const background = (el) => {
      const layers = [];
      for (let p = el; p; p = p.parentElement) {
        const s = getComputedStyle(p);
        if (s.backgroundImage !== "none") return null;
        const c = parse(s.backgroundColor);
        if (c && c.a > 0) {
          layers.push(c);
          if (c.a >= 1) break;
        }
      }
      let result = { r: 255, g: 255, b: 255, a: 1 };
      for (const c of layers.reverse()) result = over(c, result);
      return result;
    };
    const opacity = (el) => {
      let o = 1;
      for (let p = el; p; p = p.parentElement) o *= parseFloat(getComputedStyle(p).opacity);
      return o;
    };
    const problems = new Map();
    for (const el of document.body.querySelectorAll("*")) {
      const own = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
      if (!own || !el.checkVisibility({ visibilityProperty: true })) continue;
      if (el.closest("[aria-hidden=true]") && !el.closest("a, button")) continue;
      const s = getComputedStyle(el);
      if (s.clipPath === "inset(50%)") continue;
      const bg = background(el);
      const fg = parse(s.color);
      if (!bg || !fg) continue;
      const shown = over({ ...fg, a: fg.a * opacity(el) }, bg);
      const r = ratio(shown, bg);
      if (r < min) {
        const key = `${el.tagName.toLowerCase()}.${el.className}`;
        if (!problems.has(key)) {
          problems.set(key, `${el.tagName.toLowerCase()} "${el.textContent.trim().slice(0, 30)}" has contrast ${r.toFixed(2)}:1 (${s.color} on ${JSON.stringify(bg)})`);
        }
      }
    }
    return [...problems.values()];
  }, min);
}
