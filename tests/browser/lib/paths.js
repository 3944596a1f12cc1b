// Where things are: the repository, the guidebook binary, the site under test, the
// output folder for screenshots. Every path can be overridden from the environment so
// the suite can be pointed at another site (GUIDEBOOK_SITE) or binary (GUIDEBOOK_BIN).
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));

/** tests/browser */
export const SUITE_DIR = path.resolve(here, "..");
/** The repository root. */
export const REPO = path.resolve(SUITE_DIR, "..", "..");
/** The guidebook binary (built by run.sh with `cargo build`). */
export const BIN =
  process.env.GUIDEBOOK_BIN ||
  path.join(process.env.CARGO_TARGET_DIR || path.join(REPO, "target"), "debug", "guidebook");
/** The site the suite builds and checks: the repository's own knowledge base by default. */
export const SITE = path.resolve(process.env.GUIDEBOOK_SITE || REPO);
/** Screenshots and PDFs (gitignored). */
export const OUTPUT = path.join(SUITE_DIR, "output");
/** Small fixture sites that must fail the checks. */
export const FIXTURES = path.join(SUITE_DIR, "fixtures");
/** Debian's Chromium. */
export const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
/** The Nu HTML Checker from the vnu-jar package. */
export const VNU_JAR = path.join(SUITE_DIR, "node_modules", "vnu-jar", "build", "dist", "vnu.jar");
