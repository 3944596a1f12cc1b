//! Helpers for the `host` and `serve` integration tests: a small site written into a
//! temporary folder, the real binary started on an ephemeral port (its URL read from
//! stdout), requests through `support::http` and a Server-Sent Events reader.
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub use super::http::{self, Response};

/// The test site: (path, text). Every page has an owner, a summary and a review date,
/// so the site builds without warnings about them.
pub const SITE: &[(&str, &str)] = &[
    (
        "guidebook.toml",
        "title = \"Serve Fixture\"\ndefault_visibility = \"public\"\n\n[review]\nevery = \"100 years\"\n",
    ),
    (
        "content/_index.md",
        "+++\ntitle = \"Serve Fixture\"\nsummary = \"Home.\"\nowner = \"ada\"\nreviewed = 2026-01-01\n+++\n\nRead the [travel advice](guidance/travel.md), the [devices page](guidance/devices.md) and ask [Ada](contacts/ada.md).\n",
    ),
    (
        "content/guidance/_index.md",
        "+++\ntitle = \"Guidance\"\nsummary = \"How to.\"\nowner = \"ada\"\nreviewed = 2026-01-01\n+++\n\nAll the guidance.\n",
    ),
    (
        "content/guidance/travel.md",
        "+++\ntitle = \"Travel advice\"\nsummary = \"Before you travel abroad.\"\nowner = \"ada\"\nreviewed = 2026-01-01\naliases = [\"/old/travel/\"]\ncontacts = [\"ada\"]\n+++\n\nTake a clean laptop when you travel.\n\n![Map of the campus](map.png)\n",
    ),
    (
        "content/guidance/devices.md",
        "+++\ntitle = \"Devices\"\nsummary = \"Phones and laptops.\"\nowner = \"ada\"\nreviewed = 2026-01-01\n+++\n\nKeep devices updated.\n",
    ),
    (
        "content/contacts/_index.md",
        "+++\ntitle = \"Contacts\"\nsummary = \"Who to ask.\"\nowner = \"ada\"\nreviewed = 2026-01-01\n+++\n\nWho to ask.\n",
    ),
    (
        "content/contacts/ada.md",
        "+++\ntitle = \"Ada Example\"\nsummary = \"Export control adviser.\"\nowner = \"ada\"\nreviewed = 2026-01-01\nname = \"Ada Example\"\nrole = \"Export control adviser\"\nemail = \"ada@example.ac.uk\"\n+++\n\nAsk Ada about export licences.\n",
    ),
    ("static/docs/handbook.txt", "The handbook.\n"),
];

/// A tiny valid PNG (1×1).
pub const PNG: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 0,
    1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1f, 0x15, 0xc4, 0x89, 0, 0, 0, 0x0d, 0x49, 0x44, 0x41, 0x54,
    0x78, 0x9c, 0x63, 0, 1, 0, 0, 5, 0, 1, 0x0d, 0x0a, 0x2d, 0xb4, 0, 0, 0, 0, 0x49, 0x45, 0x4e,
    0x44, 0xae, 0x42, 0x60, 0x82,
];

/// Write the test site (plus `extra` files) under `dir/site`.
pub fn write_site(dir: &Path, extra: &[(&str, &str)]) -> PathBuf {
    let site = dir.join("site");
    for (rel, text) in SITE.iter().chain(extra) {
        write(&site.join(rel), text);
    }
    std::fs::write(site.join("content/guidance/map.png"), PNG).unwrap();
    site
}

pub fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// Save like an editor does: write a temporary file beside it, then rename.
pub fn save_atomically(path: &Path, text: &str) {
    let tmp = path.with_file_name(format!(
        ".{}.tmp~",
        path.file_name().unwrap().to_string_lossy()
    ));
    std::fs::write(&tmp, text).unwrap();
    std::fs::rename(&tmp, path).unwrap();
}

pub fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_guidebook"))
}

/// `guidebook build SITE --out OUT`, which must succeed.
pub fn build(site: &Path, out: &Path) {
    let o = Command::new(bin())
        .args([
            "build",
            site.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "build failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
}

/// A running `guidebook host` or `guidebook serve`, stopped when dropped.
pub struct Server {
    pub child: Child,
    /// `127.0.0.1:PORT`
    pub addr: String,
    /// The URL printed, e.g. `http://127.0.0.1:PORT/`.
    pub url: String,
    pub stdout: Arc<Mutex<String>>,
    pub stderr: Arc<Mutex<String>>,
    /// The threads copying the child's stdout and stderr; they end at EOF.
    readers: Vec<std::thread::JoinHandle<()>>,
}

impl Server {
    /// Start `guidebook ARGS` and wait (bounded) until it prints its URL.
    pub fn start(args: &[&str]) -> Server {
        Server::start_with_env(args, &[])
    }

    /// [`Server::start`] with more environment variables (e.g. `TMPDIR`, to find the
    /// preview's private folder).
    pub fn start_with_env(args: &[&str], env: &[(&str, &Path)]) -> Server {
        let mut child = Command::new(bin())
            .args(args)
            .envs(env.iter().copied())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stdout = Arc::new(Mutex::new(String::new()));
        let stderr = Arc::new(Mutex::new(String::new()));
        let (tx, rx) = mpsc::channel();
        let readers = vec![
            collect(child.stdout.take().unwrap(), stdout.clone(), Some(tx)),
            collect(child.stderr.take().unwrap(), stderr.clone(), None),
        ];
        let url = match rx.recv_timeout(Duration::from_secs(120)) {
            Ok(u) => u,
            Err(_) => {
                let _ = child.kill();
                panic!("no URL printed; stderr: {}", stderr.lock().unwrap());
            }
        };
        let addr = url
            .trim_start_matches("http://")
            .split('/')
            .next()
            .unwrap()
            .to_string();
        Server {
            child,
            addr,
            url,
            stdout,
            stderr,
            readers,
        }
    }

    /// `guidebook host OUT` on a free loopback port, without its access log.
    pub fn host_quiet(out: &Path) -> Server {
        Server::start(&[
            "host",
            out.to_str().unwrap(),
            "--bind",
            "127.0.0.1:0",
            "--quiet",
        ])
    }

    /// `GET path` with ureq.
    pub fn get(&self, path: &str) -> Response {
        http::request(&self.addr, "GET", path, &[])
    }

    /// `METHOD path` with `headers`, with ureq.
    pub fn req(&self, method: &str, path: &str, headers: &[(&str, &str)]) -> Response {
        http::request(&self.addr, method, path, headers)
    }

    /// `METHOD path` sent byte for byte as written, for paths and request lines that
    /// a well-behaved client would refuse or normalise (traversal, malformed requests).
    pub fn raw(&self, method: &str, path: &str, headers: &[(&str, &str)]) -> Response {
        http::raw_request(&self.addr, method, path, headers)
    }

    pub fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    pub fn stdout(&self) -> String {
        self.stdout.lock().unwrap().clone()
    }

    /// Send SIGTERM and wait (bounded) for the exit status.
    pub fn terminate(&mut self) -> std::process::ExitStatus {
        let pid = self.child.id().to_string();
        Command::new("kill").args(["-TERM", &pid]).status().unwrap();
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Some(s) = self.child.try_wait().unwrap() {
                // Everything the server wrote is read before its output is looked at.
                for reader in self.readers.drain(..) {
                    let _ = reader.join();
                }
                return s;
            }
            assert!(
                Instant::now() < deadline,
                "the server did not stop on SIGTERM"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Server {
    /// Stop gracefully (so the preview removes its private folder), then for sure.
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let pid = self.child.id().to_string();
            let _ = Command::new("kill").args(["-TERM", &pid]).status();
            let deadline = Instant::now() + Duration::from_secs(5);
            while Instant::now() < deadline && matches!(self.child.try_wait(), Ok(None)) {
                std::thread::sleep(Duration::from_millis(20));
            }
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Copy lines of `from` into `into`; send the first `http://` URL seen to `url`.
fn collect(
    from: impl Read + Send + 'static,
    into: Arc<Mutex<String>>,
    url: Option<mpsc::Sender<String>>,
) -> std::thread::JoinHandle<()> {
    std::thread::spawn(move || {
        let mut sent = url.is_none();
        for line in BufReader::new(from).lines() {
            let Ok(line) = line else { break };
            if !sent && let Some(at) = line.find("http://") {
                let _ = url.as_ref().unwrap().send(line[at..].trim().to_string());
                sent = true;
            }
            let mut s = into.lock().unwrap();
            s.push_str(&line);
            s.push('\n');
        }
    })
}

/// A Server-Sent Events connection.
pub struct Events {
    reader: BufReader<TcpStream>,
}

/// One event: its name and data.
#[derive(Debug, Clone)]
pub struct Event {
    pub name: String,
    pub data: String,
}

impl Events {
    pub fn connect(addr: &str, path: &str) -> Events {
        let mut s = TcpStream::connect(addr).unwrap();
        let req =
            format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\nAccept: text/event-stream\r\n\r\n");
        s.write_all(req.as_bytes()).unwrap();
        let mut reader = BufReader::new(s);
        let mut line = String::new();
        loop {
            line.clear();
            reader.read_line(&mut line).unwrap();
            if line == "\r\n" || line.is_empty() {
                break;
            }
        }
        Events { reader }
    }

    /// The next event (not a comment), waiting at most `wait`.
    pub fn next(&mut self, wait: Duration) -> Option<Event> {
        let deadline = Instant::now() + wait;
        let (mut name, mut data) = (String::new(), String::new());
        let mut line = String::new();
        loop {
            let left = deadline.checked_duration_since(Instant::now())?;
            self.reader
                .get_ref()
                .set_read_timeout(Some(left.max(Duration::from_millis(1))))
                .ok()?;
            line.clear();
            if self.reader.read_line(&mut line).ok()? == 0 {
                return None;
            }
            let l = line.trim_end_matches(['\r', '\n']);
            // chunk-size lines of the chunked stream are hex numbers alone
            if l.is_empty() {
                if !data.is_empty() || !name.is_empty() {
                    return Some(Event { name, data });
                }
            } else if let Some(v) = l.strip_prefix("event:") {
                name = v.trim().to_string();
            } else if let Some(v) = l.strip_prefix("data:") {
                data.push_str(v.trim_start());
            }
        }
    }

    /// Wait (bounded) for an event called `name` whose data holds `needle`.
    pub fn wait_for(&mut self, name: &str, needle: &str, wait: Duration) -> Option<Event> {
        let deadline = Instant::now() + wait;
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            let e = self.next(left)?;
            if e.name == name && e.data.contains(needle) {
                return Some(e);
            }
        }
        None
    }
}
