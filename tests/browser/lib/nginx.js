// Debian's nginx serving a built site with the README's own configuration (the
// fenced `nginx` block under "Publishing on another web server", with the site's
// folder and a free loopback port filled in), as a child with its own configuration,
// pid, log and temporary folders. The same as tests/testsuite/support/nginx.rs.
import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { REPO } from "./paths.js";

export const NGINX = "/usr/sbin/nginx";

/** Why nginx cannot run here, or null when it can. */
export function nginxMissing() {
  return fs.existsSync(NGINX) ? null : `${NGINX} not found (apt-get install nginx-light)`;
}

/** The fenced `nginx` block of the README's section on other web servers. */
export function readmeBlock() {
  const readme = fs.readFileSync(path.join(REPO, "README.md"), "utf8");
  const at = readme.indexOf("\n## Publishing on another web server\n");
  if (at < 0) throw new Error('README.md has no section "Publishing on another web server"');
  const m = /```nginx\n([\s\S]*?)\n```/.exec(readme.slice(at));
  if (!m) throw new Error("that section has no nginx block");
  return m[1];
}

/** A port nothing listens on now. */
function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

function listening(port) {
  return new Promise((resolve) => {
    const c = net.connect(port, "127.0.0.1");
    c.once("connect", () => {
      c.destroy();
      resolve(true);
    });
    c.once("error", () => resolve(false));
  });
}

/** Start nginx on `publicDir`; resolves `{ name, base, close }`. */
export async function startNginx(publicDir, timeoutMs = 20000) {
  const block = readmeBlock();
  for (const placeholder of ["/srv/guidebook/public", "listen 80;"]) {
    if (!block.includes(placeholder)) throw new Error(`the README's nginx block no longer says \`${placeholder}\``);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "guidebook-nginx-"));
  const port = await freePort();
  fs.writeFileSync(
    path.join(dir, "site.conf"),
    block.replaceAll("/srv/guidebook/public", publicDir).replace("listen 80;", `listen 127.0.0.1:${port};`),
  );
  const temps = ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"].map((t) => `    ${t}_temp_path ${dir}/${t};`);
  fs.writeFileSync(
    path.join(dir, "nginx.conf"),
    [
      "daemon off;",
      "master_process off;",
      `pid ${dir}/nginx.pid;`,
      `error_log ${dir}/error.log;`,
      "events {}",
      "http {",
      "    include /etc/nginx/mime.types;",
      "    default_type application/octet-stream;",
      "    access_log off;",
      ...temps,
      `    include ${dir}/site.conf;`,
      "}",
      "",
    ].join("\n"),
  );
  const child = spawn(NGINX, ["-p", dir, "-c", `${dir}/nginx.conf`, "-e", `${dir}/error.log`], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (c) => (stderr += c));
  const log = () => stderr + (fs.existsSync(`${dir}/error.log`) ? fs.readFileSync(`${dir}/error.log`, "utf8") : "");
  const end = Date.now() + timeoutMs;
  while (!(await listening(port))) {
    if (child.exitCode !== null) throw new Error(`nginx exited ${child.exitCode}:\n${log()}`);
    if (Date.now() > end) {
      child.kill();
      throw new Error(`nginx did not listen within ${timeoutMs} ms:\n${log()}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    name: "nginx",
    base: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((done) => {
        const finish = () => {
          fs.rmSync(dir, { recursive: true, force: true });
          done();
        };
        if (child.exitCode !== null) return finish();
        child.once("exit", finish);
        child.kill("SIGQUIT");
      }),
  };
}
