// A plain static file server, as any web server would serve a copied site: files as
// they are, index.html for folders, 404.html with status 404 for misses. No search
// endpoint, so the search box must fall back to the static index.
import fs from "node:fs";
import http from "node:http";
import path from "node:path";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".xml": "application/xml",
  ".txt": "text/plain; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".ico": "image/x-icon",
  ".pdf": "application/pdf",
};

function fileFor(root, urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  const full = path.resolve(root, `.${decoded}`);
  if (full !== root && !full.startsWith(root + path.sep)) return null;
  return full;
}

function send(res, status, file, method, encodeGz) {
  const headers = { "content-type": TYPES[path.extname(file).toLowerCase()] || "application/octet-stream" };
  if (encodeGz && file.endsWith(".json.gz")) {
    // As Apache does with `AddEncoding gzip .gz`: the browser unpacks the file.
    headers["content-type"] = "application/json";
    headers["content-encoding"] = "gzip";
  }
  const body = fs.readFileSync(file);
  headers["content-length"] = body.length;
  res.writeHead(status, headers);
  res.end(method === "HEAD" ? undefined : body);
}

function handle(root, req, res, encodeGz) {
  const url = new URL(req.url, "http://localhost");
  const full = fileFor(root, url.pathname);
  const notFound = () => {
    const page = path.join(root, "404.html");
    if (fs.existsSync(page)) return send(res, 404, page, req.method);
    res.writeHead(404, { "content-type": "text/plain" });
    res.end("Not found");
  };
  if (!full || !fs.existsSync(full)) return notFound();
  if (fs.statSync(full).isDirectory()) {
    if (!url.pathname.endsWith("/")) {
      res.writeHead(301, { location: `${url.pathname}/${url.search}` });
      return res.end();
    }
    const index = path.join(full, "index.html");
    return fs.existsSync(index) ? send(res, 200, index, req.method) : notFound();
  }
  return send(res, 200, full, req.method, encodeGz);
}

/** Serve `root` on 127.0.0.1 at an ephemeral port; resolves `{ base, close }`.
 *  `encodeGz`: send `*.json.gz` with `Content-Encoding: gzip`, as some servers do. */
export function startStaticServer(root, { encodeGz = false } = {}) {
  const dir = path.resolve(root);
  const server = http.createServer((req, res) => {
    try {
      handle(dir, req, res, encodeGz);
    } catch (err) {
      res.writeHead(500, { "content-type": "text/plain" });
      res.end(String(err));
    }
  });
  return new Promise((resolve, reject) => {
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      resolve({
        name: "static",
        base: `http://127.0.0.1:${port}`,
        close: () =>
          new Promise((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
