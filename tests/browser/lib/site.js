// Building a site with the real guidebook binary and finding its pages and their kinds.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { BIN, REPO } from "./paths.js";

/** Build `siteDir` into a fresh temporary folder; returns the `public` folder. */
export function buildSite(siteDir, extraArgs = []) {
  if (!fs.existsSync(BIN)) {
    throw new Error(`guidebook binary not found at ${BIN}: run \`cargo build\` first (run.sh does)`);
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "guidebook-browser-"));
  const out = path.join(tmp, "public");
  const run = spawnSync(BIN, ["build", siteDir, "--out", out, ...extraArgs], { encoding: "utf8" });
  if (run.status !== 0) {
    throw new Error(`guidebook build ${siteDir} exited ${run.status}:\n${run.stdout}\n${run.stderr}`);
  }
  return out;
}

/** Every .html file under `dir`, as paths relative to it with forward slashes. */
export function htmlFiles(dir) {
  const found = [];
  const walk = (rel) => {
    for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(child);
      else if (entry.name.endsWith(".html")) found.push(child);
    }
  };
  walk("");
  return found.sort();
}

/** The URL path a static server answers a built file at (`a/index.html` → `/a/`). */
export function urlOf(rel) {
  if (rel === "index.html") return "/";
  if (rel.endsWith("/index.html")) return `/${rel.slice(0, -"index.html".length)}`;
  return `/${rel}`;
}

/**
 * The site's pages: `{ rel, url, kind, redirect }`, with `kind` read from the body's
 * `kind-…` class and `redirect` true for alias pages (meta refresh), which have no body
 * to audit. `404.html` is listed with the URL of a page that does not exist.
 */
export function listPages(publicDir) {
  return htmlFiles(publicDir).map((rel) => {
    const html = fs.readFileSync(path.join(publicDir, rel), "utf8");
    const kind = /<body[^>]*class="[^"]*\bkind-([a-z0-9-]+)/.exec(html)?.[1] ?? null;
    const redirect = /http-equiv="refresh"/i.test(html);
    const url = rel === "404.html" ? "/this-page-does-not-exist/" : urlOf(rel);
    return { rel, url, kind, redirect };
  });
}

/** Does the binary have the `host` subcommand? */
export function hostAvailable() {
  if (!fs.existsSync(BIN)) return false;
  return spawnSync(BIN, ["host", "--help"], { encoding: "utf8" }).status === 0;
}

/**
 * Must the `host` run be part of the suite? Yes once the command exists in the
 * source tree or the binary: from then on a missing or broken `host` fails the suite.
 */
export function hostRequired() {
  return fs.existsSync(path.join(REPO, "src", "cli", "host.rs")) || hostAvailable();
}

/**
 * Must the site have a search page? Yes once the build writes one, or once the
 * search-page module exists in the source tree: from then on its absence fails.
 */
export function searchRequired(publicDir) {
  return (
    fs.existsSync(path.join(publicDir, "search", "index.html")) ||
    fs.existsSync(path.join(REPO, "src", "search", "page.rs"))
  );
}

/** The site's archived editions: the folders under `editions/` (one per edition). */
export function editionIds(siteDir) {
  const dir = path.join(siteDir, "editions");
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

/**
 * A copy of `siteDir` with one archived edition: `edition cut` with a fixed id and
 * date, then one guidance page changed afterwards, so the build has an archived
 * edition, its banner and switcher, and a "What changed" page. Returns the copy's path.
 */
export function siteWithEdition(siteDir, id = "2026-10") {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "guidebook-edition-site-"));
  for (const name of ["guidebook.toml", "content", "templates", "static", "themes"]) {
    const from = path.join(siteDir, name);
    if (fs.existsSync(from)) fs.cpSync(from, path.join(tmp, name), { recursive: true });
  }
  const cut = spawnSync(BIN, ["edition", "cut", id, "--title", "October 2026", "--date", "2026-10-01", "--site", tmp], { encoding: "utf8" });
  if (cut.status !== 0) throw new Error(`guidebook edition cut exited ${cut.status}:\n${cut.stdout}\n${cut.stderr}`);
  const guidance = path.join(tmp, "content", "guidance");
  const page = fs.existsSync(guidance) && fs.readdirSync(guidance).filter((f) => f.endsWith(".md") && f !== "_index.md").sort()[0];
  if (page) fs.appendFileSync(path.join(guidance, page), "\n\nThis paragraph was added after the October 2026 edition.\n");
  return tmp;
}
