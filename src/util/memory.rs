//! Giving freed heap memory back to the operating system between the stages of a
//! build. glibc keeps pages that the allocator has freed (the rendered text of
//! 100,000 pages, say) mapped in its arenas, where they count as resident memory
//! until a later allocation of the same size reuses them; the stages after render
//! allocate differently, so the freed pages add to the build's peak.
//! [`release_free_memory`] asks the allocator to hand them back.

/// Return the heap's free pages to the operating system (glibc's `malloc_trim`);
/// a no-op where the C library is not glibc.
pub fn release_free_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: `malloc_trim` only releases memory the allocator holds as free; it
    // does not touch live allocations and is safe to call from any thread.
    unsafe {
        libc::malloc_trim(0);
    }
}
