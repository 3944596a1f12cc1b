// Edit-to-visible latency of `guidebook serve` in a real browser (the acceptance point
// "editing a page in content/ updates the open browser page within a second").
//
//   node benches/serve/browser-reload.mjs BIN SITE [EDITS]
//
// Copies SITE (guidebook.toml, content/, and templates/, themes/, static/, editions/
// when present) to a temporary folder, starts `BIN serve COPY --bind 127.0.0.1:0`,
// opens the first content page in headless Chromium (Debian's /usr/bin/chromium via
// tests/browser's playwright-core, loopback only), then EDITS times (default 10): saves
// the page with a new sentence (temporary file renamed over it, as editors do) and
// times until the sentence is in the page the browser shows. Prints JSON with every
// sample and the median. Each wait is bounded (10 s).
import { createRequire } from "node:module";
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const require = createRequire(path.join(repo, "tests", "browser", "package.json"));
const { chromium } = require("playwright-core");
const ARGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
  "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost , EXCLUDE 127.* , EXCLUDE ::1",
];
const WAIT_MS = 10000;

const [bin, siteArg, editsArg] = process.argv.slice(2);
if (!bin || !siteArg) {
  console.error("usage: node benches/serve/browser-reload.mjs BIN SITE [EDITS]");
  process.exit(2);
}
const edits = Number(editsArg || 10);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function copySite(from) {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "guidebook-browser-reload-"));
  const site = path.join(work, "site");
  fs.mkdirSync(site);
  for (const name of ["guidebook.toml", "content", "templates", "themes", "static", "editions"]) {
    const src = path.join(from, name);
    if (fs.existsSync(src)) fs.cpSync(src, path.join(site, name), { recursive: true });
  }
  return { work, site };
}

function firstPage(content) {
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(dir, e.name);
      if (e.isDirectory() && e.name !== "contacts") {
        const found = walk(p);
        if (found) return found;
      } else if (e.isFile() && e.name.endsWith(".md") && !e.name.startsWith("_")) {
        return p;
      }
    }
    return null;
  };
  return walk(content);
}

function startServe(site) {
  const proc = spawn(bin, ["serve", site, "--bind", "127.0.0.1:0"], { stdio: ["ignore", "pipe", "ignore"] });
  return new Promise((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error("serve did not print its URL")), 120000);
    proc.stdout.on("data", (d) => {
      out += d;
      const m = out.match(/http:\/\/127\.0\.0\.1:\d+\//);
      if (m) {
        clearTimeout(timer);
        resolve({ proc, url: m[0] });
      }
    });
    proc.on("exit", () => reject(new Error("serve exited: " + out)));
  });
}

function save(file, text) {
  const tmp = path.join(path.dirname(file), "." + path.basename(file) + ".tmp");
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, file);
}

async function shows(page, needle) {
  try {
    return await page.evaluate((n) => document.body !== null && document.body.innerText.includes(n), needle);
  } catch {
    return false; // the page is navigating (reloading)
  }
}

const { work, site } = copySite(path.resolve(siteArg));
const content = path.join(site, "content");
const file = firstPage(content);
const rel = path.relative(content, file).split(path.sep).join("/");
const original = fs.readFileSync(file, "utf8");
const { proc, url } = await startServe(site);
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", headless: true, args: ARGS });
const samples = [];
try {
  const page = await browser.newPage();
  await page.goto(url + rel.replace(/\.md$/, "/"), { waitUntil: "load" });
  await sleep(1000); // the live-reload script connects
  for (let i = 0; i < edits; i++) {
    const needle = `Browser reload check ${i} zq${i}x.`;
    const t0 = performance.now();
    save(file, original + `\n${needle}\n`);
    while (!(await shows(page, needle))) {
      if (performance.now() - t0 > WAIT_MS) throw new Error(`edit ${i} not shown within ${WAIT_MS} ms`);
      await sleep(5);
    }
    samples.push(performance.now() - t0);
    await sleep(700);
  }
} finally {
  await browser.close();
  proc.kill("SIGTERM");
  await sleep(500);
  fs.rmSync(work, { recursive: true, force: true });
}
const sorted = [...samples].sort((a, b) => a - b);
const r1 = (x) => Math.round(x * 10) / 10;
console.log(JSON.stringify({
  page: rel,
  edits: samples.length,
  median_ms: r1(sorted[Math.floor((sorted.length - 1) / 2)] / 2 + sorted[Math.ceil((sorted.length - 1) / 2)] / 2),
  max_ms: r1(sorted[sorted.length - 1]),
  min_ms: r1(sorted[0]),
  samples_ms: samples.map(r1),
}, null, 2));
