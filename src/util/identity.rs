//! The running binary's identity: its version, size and modification time. Output
//! made by another guidebook binary is never reused, so the no-change check and the
//! editions cache both key on this.

/// `guidebook VERSION SIZE:MTIME` of the running binary (only the version when the
/// binary cannot be read).
pub fn binary_identity() -> String {
    let exe = std::env::current_exe()
        .ok()
        .and_then(|p| p.metadata().ok())
        .map(|m| format!("{}:{:?}", m.len(), m.modified().ok()))
        .unwrap_or_default();
    format!("guidebook {} {exe}", env!("CARGO_PKG_VERSION"))
}

#[cfg(test)]
mod tests {
    #[test]
    fn names_the_version_and_the_binary() {
        let id = super::binary_identity();
        let version = format!("guidebook {} ", env!("CARGO_PKG_VERSION"));
        assert!(id.starts_with(&version), "{id}");
        let (size, _) = id[version.len()..].split_once(':').expect("size:mtime");
        assert!(size.parse::<u64>().unwrap() > 0, "{id}");
    }
}
