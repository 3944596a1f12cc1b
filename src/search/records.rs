//! Each page's display record for the static search (`d/N.json.gz` under the export
//! folder, gzip-compressed JSON), written while the index is built so the record is
//! read only once.
//!
//! Input: the page number and its record (JSON). Output: a file in the staging folder,
//! and the hash of the record's JSON.

use super::escape_json_text;
use crate::error::Result;
use crate::output::Staging;
use crate::util::gzip;

/// Writes each page's display record as `d/N.json.gz` under the export folder, while
/// the index is built ([`super::index::build`]).
pub struct DocFiles<'a> {
    staging: &'a Staging,
    /// The export folder (`_search/static/`).
    dir: String,
}

impl<'a> DocFiles<'a> {
    pub fn new(staging: &'a Staging, dir: &str) -> DocFiles<'a> {
        DocFiles {
            staging,
            dir: dir.to_string(),
        }
    }

    /// Write page `ord`'s record (JSON); returns the hash of its JSON.
    pub fn write(&self, ord: usize, record: &str) -> Result<[u8; 32]> {
        let text = escape_json_text(record);
        self.staging.write(
            &format!("{}d/{ord}.json.gz", self.dir),
            &gzip::pack(text.as_bytes()),
        )?;
        Ok(*blake3::hash(text.as_bytes()).as_bytes())
    }
}
