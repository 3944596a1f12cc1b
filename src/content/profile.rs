//! Profiles: which pages and contact fields a build may contain.
//!
//! The intranet build (no profile) keeps everything. A profile such as `public`
//! keeps only items at least as visible as it asks: internal pages are dropped before
//! anything is rendered, indexed or listed, and a contact's `internal_fields` are
//! emptied. What was dropped is remembered so a public page linking to it is an error.

use std::collections::HashSet;

use super::{Asset, Page};
use crate::config::{Profile, Visibility};

/// The fields of a contact that `internal_fields` may name.
pub const CONTACT_FIELDS: &[&str] = &[
    "name", "role", "team", "faculty", "email", "phone", "location", "hours",
];

/// Whether an item of visibility `v` belongs in a build with `profile`.
pub fn admits(profile: Option<&Profile>, v: crate::config::Visibility) -> bool {
    match profile.and_then(|p| p.visibility) {
        Some(Visibility::Public) => v == Visibility::Public,
        _ => true,
    }
}

/// Split `pages` into those the profile keeps and the content paths it drops.
pub fn filter(pages: Vec<Page>, profile: Option<&Profile>) -> (Vec<Page>, HashSet<String>) {
    let mut dropped = HashSet::new();
    let mut kept = Vec::with_capacity(pages.len());
    for mut p in pages {
        if p.file.is_none() {
            continue; // made-up section indexes are made again for what is kept
        }
        if !admits(profile, p.visibility) {
            dropped.insert(p.rel.clone());
            continue;
        }
        if !admits(profile, Visibility::Internal) {
            drop_internal_fields(&mut p);
        }
        kept.push(p);
    }
    (kept, dropped)
}

/// Empty every contact field the page marks internal.
fn drop_internal_fields(p: &mut Page) {
    let fields = std::mem::take(&mut p.fm.internal_fields);
    for f in &fields {
        let slot = match f.as_str() {
            "name" => &mut p.fm.name,
            "role" => &mut p.fm.role,
            "team" => &mut p.fm.team,
            "faculty" => &mut p.fm.faculty,
            "email" => &mut p.fm.email,
            "phone" => &mut p.fm.phone,
            "location" => &mut p.fm.location,
            "hours" => &mut p.fm.hours,
            _ => continue,
        };
        *slot = None;
    }
    // The raw front matter stays in `text` for diagnostics only; it is never rendered.
}

/// The assets a restricted build may copy: those the kept pages mention by a path
/// that can reach them (relative to the page's folder, or from the content folder).
/// Files only internal pages use are left out, so they cannot leak.
pub fn referenced_assets(pages: &[Page], assets: Vec<Asset>) -> Vec<Asset> {
    assets
        .into_iter()
        .filter(|a| {
            pages.iter().any(|p| {
                let body = p.body();
                let dir = p.rel.rsplit_once('/').map(|(d, _)| d).unwrap_or("");
                let relative = a.rel.strip_prefix(dir).map(|r| r.trim_start_matches('/'));
                body.contains(a.rel.as_str())
                    || relative.is_some_and(|r| !dir.is_empty() && body.contains(r))
                    || (dir.is_empty() && body.contains(a.rel.as_str()))
            })
        })
        .collect()
}
