//! `guidebook host` against clients that try to tie it up, and folders it was never
//! meant to serve.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use crate::support::server::{Server, bin, build, write_site};

fn built_site() -> (tempfile::TempDir, std::path::PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let site = write_site(tmp.path(), &[]);
    let out = tmp.path().join("out");
    build(&site, &out);
    (tmp, out)
}

#[test]
fn refuses_a_folder_guidebook_did_not_build_unless_told() {
    let tmp = tempfile::tempdir().unwrap();
    let etc = tmp.path().join("etc");
    std::fs::create_dir(&etc).unwrap();
    std::fs::write(etc.join("passwd"), "root:x:0:0").unwrap();
    let o = std::process::Command::new(bin())
        .args(["host", etc.to_str().unwrap(), "--bind", "127.0.0.1:0"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&o.stderr),
        format!(
            "error: {} was not written by guidebook build (it has no .guidebook-output file), so it is not served: a folder of other files could publish what was never meant to be; build the site and host its output, or add --any-folder to serve this folder anyway\n",
            etc.display()
        )
    );
    assert!(o.stdout.is_empty());
    let mut anyway = Server::start(&[
        "host",
        etc.to_str().unwrap(),
        "--bind",
        "127.0.0.1:0",
        "--quiet",
        "--any-folder",
    ]);
    assert_eq!(anyway.get("/passwd").text(), "root:x:0:0");
    assert!(anyway.terminate().success());
}

/// Whether the server has closed `s` (a read gives end of file or an error).
fn closed(s: &mut TcpStream) -> bool {
    s.set_read_timeout(Some(Duration::from_millis(200)))
        .unwrap();
    let mut buf = [0u8; 64];
    match s.read(&mut buf) {
        Ok(0) => true,
        Ok(n) => panic!(
            "the server answered: {}",
            String::from_utf8_lossy(&buf[..n])
        ),
        Err(e) => !matches!(
            e.kind(),
            std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
        ),
    }
}

#[test]
fn headers_sent_one_line_at_a_time_do_not_hold_a_connection_open() {
    let (_t, out) = built_site();
    let mut server = Server::host_quiet(&out);
    let mut s = TcpStream::connect(&server.addr).unwrap();
    s.write_all(b"GET / HTTP/1.1\r\nHost: x\r\n").unwrap();
    let mut lines = 0;
    // a line every second, for up to 40 seconds: the idle timeout never fires
    while lines < 40 && !closed(&mut s) {
        std::thread::sleep(Duration::from_millis(800));
        if s.write_all(format!("X-Slow-{lines}: 1\r\n").as_bytes())
            .is_err()
        {
            break;
        }
        lines += 1;
    }
    assert!(
        lines < 40,
        "the connection was still open after {lines} header lines"
    );
    assert!(closed(&mut s), "closed without an answer");
    // a client that sends its request at once is answered
    assert_eq!(server.get("/").status, 200);
    assert!(server.terminate().success());
}

#[test]
fn one_client_cannot_take_every_connection() {
    let (_t, out) = built_site();
    let mut server = Server::start(&[
        "host",
        out.to_str().unwrap(),
        "--bind",
        "127.0.0.1:0",
        "--quiet",
        "--per-client",
        "4",
    ]);
    let idle: Vec<TcpStream> = (0..4)
        .map(|_| TcpStream::connect(&server.addr).unwrap())
        .collect();
    std::thread::sleep(Duration::from_millis(200));
    let mut fifth = TcpStream::connect(&server.addr).unwrap();
    let _ = fifth.write_all(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n");
    assert!(
        closed(&mut fifth),
        "a fifth connection from the same address is closed"
    );
    // another address is served meanwhile
    let port: u16 = server.addr.rsplit(':').next().unwrap().parse().unwrap();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let answer = rt.block_on(async {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let sock = tokio::net::TcpSocket::new_v4().unwrap();
        sock.bind("127.0.0.2:0".parse().unwrap()).unwrap();
        let mut s = sock.connect(([127, 0, 0, 1], port).into()).await.unwrap();
        s.write_all(b"GET /robots.txt HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            .await
            .unwrap();
        let mut text = String::new();
        s.read_to_string(&mut text).await.unwrap();
        text
    });
    assert!(answer.starts_with("HTTP/1.1 200 OK\r\n"), "{answer}");
    drop(idle);
    std::thread::sleep(Duration::from_millis(200));
    assert_eq!(
        server.get("/").status,
        200,
        "the address is served again once it closes some"
    );
    assert!(server.terminate().success());
}
