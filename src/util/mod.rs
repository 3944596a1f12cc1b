//! Small helpers that every stage may use: Atom feeds ([`atom`]), gzip ([`gzip`]), HTML escaping and
//! telephone links ([`html`]), percent decoding ([`paths`]), freed memory handed back ([`memory`]) and the running binary's identity
//! ([`identity`]). A leaf: nothing here imports another module of guidebook, so no
//! stage has to import another stage for them.

pub mod atom;
pub mod gzip;
pub mod html;
pub mod identity;
pub mod memory;
pub mod paths;
