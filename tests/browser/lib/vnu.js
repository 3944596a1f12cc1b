// The Nu HTML Checker (vnu.jar from the vnu-jar package, run with the machine's Java).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { VNU_JAR } from "./paths.js";

function run(args, input) {
  if (!fs.existsSync(VNU_JAR)) throw new Error(`vnu.jar not found at ${VNU_JAR}: run \`npm ci --ignore-scripts\` in tests/browser`);
  const res = spawnSync("java", ["-jar", VNU_JAR, "--errors-only", "--format", "json", ...args], {
    input,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (res.error) throw res.error;
  const text = res.stderr.trim() || res.stdout.trim();
  let parsed;
  try {
    parsed = JSON.parse(text || '{"messages":[]}');
  } catch {
    throw new Error(`vnu printed something that is not JSON (exit ${res.status}):\n${text.slice(0, 2000)}`);
  }
  return parsed.messages
    .filter((m) => m.type === "error" || m.subType === "fatal")
    .map((m) => `${(m.url ?? "").replace(/^file:.*?\/public\//, "/")}:${m.lastLine ?? "?"}: ${m.message}`);
}

/** Errors in every HTML and CSS file under `dir`, one string each. */
export function checkDirectory(dir) {
  return run(["--skip-non-html", "--also-check-css", dir]);
}

/** Errors in one HTML document given as a string. */
export function checkHtml(html) {
  return run(["-"], html);
}
