// `guidebook host DIR --bind 127.0.0.1:0`: the production server, on an ephemeral
// port read back from its "Hosting … at URL" line.
import { spawn } from "node:child_process";
import { BIN } from "./paths.js";

/** Start `guidebook host` on `publicDir`; resolves `{ name, base, close }`. */
export function startHost(publicDir, timeoutMs = 15000) {
  const child = spawn(BIN, ["host", publicDir, "--bind", "127.0.0.1:0", "--quiet"], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`guidebook host did not say where it listens within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const onData = (chunk) => {
      output += chunk;
      const m = /at (http:\/\/127\.0\.0\.1:\d+)\//.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve({
          name: "host",
          base: m[1],
          close: () =>
            new Promise((done) => {
              if (child.exitCode !== null) return done();
              child.once("exit", () => done());
              child.kill("SIGINT");
            }),
        });
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`guidebook host exited ${code} before listening:\n${output}`));
    });
  });
}
