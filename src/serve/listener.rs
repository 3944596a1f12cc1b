//! The listening socket, guarded: at most [`MAX_CONNECTIONS`] open connections, and
//! (for `host`) at most a few from any one address, a deadline for receiving each
//! request's headers, and a connection that makes no progress reading or writing for
//! the idle time is closed, so slow, stalled or greedy clients cannot hold the
//! server's resources.
//!
//! Input: a bound [`TcpListener`] and its [`Limits`]. Output: connections for
//! `axum::serve`.

use std::collections::HashMap;
use std::future::Future as _;
use std::io;
use std::net::{IpAddr, SocketAddr};
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;

use axum::extract::connect_info::Connected;
use axum::serve::{IncomingStream, Listener};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tokio::time::{Instant, Sleep};

/// Connections beyond this wait in the kernel's backlog until one closes.
pub const MAX_CONNECTIONS: usize = 1024;

/// What a connection may take.
#[derive(Debug, Clone, Copy, Default)]
pub struct Limits {
    /// A connection with no traffic for this long is closed.
    pub idle: Option<Duration>,
    /// A request's headers must all arrive within this time of its first byte (of
    /// the connection's opening, for the first request).
    pub headers: Option<Duration>,
    /// Open connections allowed from one address; more are closed at once.
    pub per_client: Option<usize>,
}

/// Open connections by client address.
type Counts = Arc<Mutex<HashMap<IpAddr, usize>>>;

pub struct GuardedListener {
    inner: TcpListener,
    limits: Limits,
    slots: Arc<Semaphore>,
    counts: Counts,
}

impl GuardedListener {
    pub fn new(inner: TcpListener, limits: Limits) -> GuardedListener {
        GuardedListener {
            inner,
            limits,
            slots: Arc::new(Semaphore::new(MAX_CONNECTIONS)),
            counts: Counts::default(),
        }
    }

    /// Count a new connection from `ip`, unless that address has its fill already.
    fn admit(&self, ip: IpAddr) -> Option<ClientSlot> {
        let mut counts = self.counts.lock().unwrap_or_else(|e| e.into_inner());
        let n = counts.entry(ip).or_insert(0);
        if self.limits.per_client.is_some_and(|max| *n >= max) {
            return None;
        }
        *n += 1;
        Some(ClientSlot {
            counts: self.counts.clone(),
            ip,
        })
    }
}

/// One open connection of a client; uncounted when dropped.
struct ClientSlot {
    counts: Counts,
    ip: IpAddr,
}

impl Drop for ClientSlot {
    fn drop(&mut self) {
        let mut counts = self.counts.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(n) = counts.get_mut(&self.ip) {
            *n = n.saturating_sub(1);
            if *n == 0 {
                counts.remove(&self.ip);
            }
        }
    }
}

/// The client's address, for the access log.
#[derive(Debug, Clone, Copy)]
pub struct ClientAddr(pub SocketAddr);

impl Connected<IncomingStream<'_, GuardedListener>> for ClientAddr {
    fn connect_info(stream: IncomingStream<'_, GuardedListener>) -> Self {
        ClientAddr(*stream.remote_addr())
    }
}

impl Listener for GuardedListener {
    type Io = GuardedStream;
    type Addr = SocketAddr;

    async fn accept(&mut self) -> (GuardedStream, SocketAddr) {
        loop {
            let Ok(permit) = self.slots.clone().acquire_owned().await else {
                continue;
            };
            match self.inner.accept().await {
                Ok((stream, addr)) => {
                    // over its fill: dropped here, which closes it
                    let Some(slot) = self.admit(addr.ip()) else {
                        continue;
                    };
                    let _ = stream.set_nodelay(true);
                    let idle = self
                        .limits
                        .idle
                        .map(|d| (d, Box::pin(tokio::time::sleep(d))));
                    let io = GuardedStream {
                        inner: stream,
                        idle,
                        headers: self.limits.headers.map(HeaderClock::start),
                        _permit: permit,
                        _slot: slot,
                    };
                    return (io, addr);
                }
                // Too many open files and the like: wait a little and try again.
                Err(_) => tokio::time::sleep(Duration::from_millis(50)).await,
            }
        }
    }

    fn local_addr(&self) -> io::Result<SocketAddr> {
        self.inner.local_addr()
    }
}

/// A connection that fails with `TimedOut` after an idle period, or when a request's
/// headers take too long to arrive.
pub struct GuardedStream {
    inner: TcpStream,
    idle: Option<(Duration, Pin<Box<Sleep>>)>,
    headers: Option<HeaderClock>,
    _permit: OwnedSemaphorePermit,
    _slot: ClientSlot,
}

/// The deadline for a request's headers: started by the request's first byte (by the
/// connection's opening for the first), stopped by the empty line that ends them.
struct HeaderClock {
    limit: Duration,
    sleep: Pin<Box<Sleep>>,
    running: bool,
    /// Nothing but `\r` since the last `\n`: the next `\n` ends the headers.
    line_empty: bool,
}

impl HeaderClock {
    fn start(limit: Duration) -> HeaderClock {
        HeaderClock {
            limit,
            sleep: Box::pin(tokio::time::sleep(limit)),
            running: true,
            line_empty: false,
        }
    }

    /// Follow the bytes just read.
    fn saw(&mut self, bytes: &[u8]) {
        for &b in bytes {
            if !self.running {
                self.running = true;
                self.line_empty = false;
                self.sleep.as_mut().reset(Instant::now() + self.limit);
            }
            match b {
                b'\n' if self.line_empty => self.running = false,
                b'\n' => self.line_empty = true,
                b'\r' => {}
                _ => self.line_empty = false,
            }
        }
    }

    /// Whether the headers being read are late.
    fn expired(&mut self, cx: &mut Context<'_>) -> bool {
        self.running && self.sleep.as_mut().poll(cx).is_ready()
    }
}

impl GuardedStream {
    /// After an IO call: push the deadline back on progress, fail once it has passed.
    fn watch<T>(&mut self, cx: &mut Context<'_>, r: Poll<io::Result<T>>) -> Poll<io::Result<T>> {
        let Some((d, sleep)) = &mut self.idle else {
            return r;
        };
        match r {
            Poll::Ready(v) => {
                sleep.as_mut().reset(Instant::now() + *d);
                Poll::Ready(v)
            }
            Poll::Pending => match sleep.as_mut().poll(cx) {
                Poll::Ready(()) => Poll::Ready(Err(io::Error::new(
                    io::ErrorKind::TimedOut,
                    "connection idle for too long",
                ))),
                Poll::Pending => Poll::Pending,
            },
        }
    }
}

impl AsyncRead for GuardedStream {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let before = buf.filled().len();
        let r = Pin::new(&mut self.inner).poll_read(cx, buf);
        if let Some(clock) = &mut self.headers {
            if let Poll::Ready(Ok(())) = &r {
                clock.saw(&buf.filled()[before..]);
            }
            if clock.expired(cx) {
                return Poll::Ready(Err(io::Error::new(
                    io::ErrorKind::TimedOut,
                    "the request's headers took too long",
                )));
            }
        }
        self.watch(cx, r)
    }
}

impl AsyncWrite for GuardedStream {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let r = Pin::new(&mut self.inner).poll_write(cx, buf);
        self.watch(cx, r)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let r = Pin::new(&mut self.inner).poll_write_vectored(cx, bufs);
        self.watch(cx, r)
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }
}
