//! Graceful shutdown: a future that completes on Ctrl-C (SIGINT) or SIGTERM, and a
//! watch channel that tells long-lived responses (the live-reload stream) to end so
//! the server can finish.

use tokio::sync::watch;

/// Wait for Ctrl-C or SIGTERM, then tell every `watch` receiver.
pub async fn on_signal(tx: watch::Sender<bool>) {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
    let _ = tx.send(true);
}

/// A future that completes once shutdown was asked for.
pub async fn requested(mut rx: watch::Receiver<bool>) {
    while !*rx.borrow_and_update() {
        if rx.changed().await.is_err() {
            return;
        }
    }
}
