//! Graceful shutdown: Ctrl-C (SIGINT) or SIGTERM sets a watch channel that stops the
//! server and ends long-lived responses (the live-reload stream). Handlers are
//! installed before the server says it is listening, so a signal sent as soon as the
//! URL is printed is never lost.

use std::future::Future;

use tokio::sync::watch;

/// Install the signal handlers now; the returned future completes (and tells every
/// receiver of `tx`) when a signal arrives. Must be called inside the runtime.
pub fn install(tx: watch::Sender<bool>) -> impl Future<Output = ()> + Send + 'static {
    #[cfg(unix)]
    let signals = {
        use tokio::signal::unix::{SignalKind, signal};
        (
            signal(SignalKind::interrupt()).ok(),
            signal(SignalKind::terminate()).ok(),
        )
    };
    async move {
        #[cfg(unix)]
        {
            let (mut int, mut term) = signals;
            tokio::select! {
                _ = recv(&mut int) => {},
                _ = recv(&mut term) => {},
            }
        }
        #[cfg(not(unix))]
        {
            let _ = tokio::signal::ctrl_c().await;
        }
        let _ = tx.send(true);
    }
}

#[cfg(unix)]
async fn recv(s: &mut Option<tokio::signal::unix::Signal>) {
    match s {
        Some(s) => {
            s.recv().await;
        }
        None => std::future::pending::<()>().await,
    }
}

/// A future that completes once shutdown was asked for.
pub async fn requested(mut rx: watch::Receiver<bool>) {
    while !*rx.borrow_and_update() {
        if rx.changed().await.is_err() {
            return;
        }
    }
}
