//! Debian's nginx (`/usr/sbin/nginx`) serving a built site with the configuration
//! the README gives (the fenced `nginx` block under "Publishing on another web
//! server", with the site's folder and a free loopback port filled in), as a child
//! process with its own configuration, pid, log and temporary folders, stopped when
//! dropped. Missing nginx fails the test under CI (`CI=true`) and skips it elsewhere.

use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use super::http::{self, Response};

pub const NGINX: &str = "/usr/sbin/nginx";

/// The README's placeholders, filled in by [`configuration`].
const README_ROOT: &str = "/srv/guidebook/public";
const README_LISTEN: &str = "listen 80;";

/// The fenced `nginx` block of the README's section on other web servers.
pub fn readme_block() -> String {
    let readme = super::read(super::root().join("README.md"));
    let section = readme
        .split_once("\n## Publishing on another web server\n")
        .expect("README.md has a section \"Publishing on another web server\"")
        .1;
    let block = section
        .split_once("```nginx\n")
        .expect("that section has an nginx block")
        .1;
    block
        .split_once("\n```")
        .expect("the block ends")
        .0
        .to_string()
}

/// The README's block for the site in `site`, listening on 127.0.0.1:`port`.
pub fn configuration(site: &Path, port: u16) -> String {
    let block = readme_block();
    assert!(
        block.contains(README_ROOT) && block.contains(README_LISTEN),
        "the README's nginx block no longer says `{README_ROOT}` and `{README_LISTEN}`"
    );
    block
        .replace(README_ROOT, &site.to_string_lossy())
        .replace(README_LISTEN, &format!("listen 127.0.0.1:{port};"))
}

/// A running nginx.
pub struct Nginx {
    child: Child,
    /// `127.0.0.1:PORT`
    pub addr: String,
    dir: tempfile::TempDir,
}

impl Nginx {
    /// nginx serving `site`, or `None` (with the reason printed) when it is not
    /// installed and this is not CI.
    pub fn start(site: &Path) -> Option<Nginx> {
        if !Path::new(NGINX).is_file() {
            let why = format!("{NGINX} not found (apt-get install nginx-light)");
            assert!(
                std::env::var("CI").as_deref() != Ok("true"),
                "{why}: CI must run this test"
            );
            eprintln!("skipped: {why}");
            return None;
        }
        let dir = tempfile::tempdir().unwrap();
        let port = free_port();
        let d = dir.path().to_string_lossy().into_owned();
        std::fs::write(dir.path().join("site.conf"), configuration(site, port)).unwrap();
        let main = format!(
            "daemon off;\nmaster_process off;\npid {d}/nginx.pid;\nerror_log {d}/error.log;\n\
             events {{}}\nhttp {{\n    include /etc/nginx/mime.types;\n    \
             default_type application/octet-stream;\n    access_log off;\n    \
             client_body_temp_path {d}/body;\n    proxy_temp_path {d}/proxy;\n    \
             fastcgi_temp_path {d}/fastcgi;\n    uwsgi_temp_path {d}/uwsgi;\n    \
             scgi_temp_path {d}/scgi;\n    include {d}/site.conf;\n}}\n"
        );
        std::fs::write(dir.path().join("nginx.conf"), main).unwrap();
        let child = Command::new(NGINX)
            .args(["-p", &d, "-c", &format!("{d}/nginx.conf")])
            .args(["-e", &format!("{d}/error.log")])
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut nginx = Nginx {
            child,
            addr: format!("127.0.0.1:{port}"),
            dir,
        };
        nginx.wait_until_listening();
        Some(nginx)
    }

    fn wait_until_listening(&mut self) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while TcpStream::connect(&self.addr).is_err() {
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!("nginx exited ({status}): {}", self.error_log());
            }
            assert!(
                Instant::now() < deadline,
                "nginx did not listen: {}",
                self.error_log()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// nginx's error log (and what it printed before it could open it).
    pub fn error_log(&mut self) -> String {
        let mut text =
            std::fs::read_to_string(self.dir.path().join("error.log")).unwrap_or_default();
        if let Ok(Some(_)) = self.child.try_wait()
            && let Some(mut err) = self.child.stderr.take()
        {
            use std::io::Read;
            let _ = err.read_to_string(&mut text);
        }
        text
    }

    /// `GET path` with ureq (no redirects followed).
    pub fn get(&self, path: &str) -> Response {
        http::request(&self.addr, "GET", path, &[])
    }
}

impl Drop for Nginx {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A port nothing listens on now.
fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}
