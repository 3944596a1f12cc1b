//! The host's copy of every page's display record ([`DocRecord`]): one file,
//! `_search/records`, from which a hit's record is read by page number with one
//! positional read, and taken apart without copying its texts ([`RecordView`]).
//! The records are not compressed: a hit then costs no decompression (LZ4 cost 7 %
//! of a query's instructions, for 22 % less disk), nor JSON parsing (7 %). The
//! static export keeps its own copy, as JSON, one gzip file a page (`records.rs`).
//!
//! Layout: [`MAGIC`], then each record in page order: its strings, each as its
//! length (`u32`, little endian) and its UTF-8 bytes: title, URL, kind, the number of
//! breadcrumb entries (a bare `u32`) and each entry, summary, text, then `0`, or `1`
//! and the contact card's name, role, team, email, phone and URL. Then a table with the
//! place of each page's record by page number (offset `u64`, length `u32`, little
//! endian); then the number of pages and the offset of the table (`u64` each).
//!
//! Input (writing): the number of pages, then page numbers and records from any
//! thread. Output: the file in the staging folder. Reading checks the table against
//! the file's length, so a cut or foreign file is an error, never a panic.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use super::{ContactCard, DocRecord};
use crate::error::{Error, Result};
use crate::output::Staging;

/// The first bytes of a record file (and its format version).
const MAGIC: &[u8; 8] = b"GBREC\x00\x00\x02";
/// Bytes of one table entry: offset and length.
const ENTRY: u64 = 12;
/// Bytes of the footer: number of pages and offset of the table.
const FOOTER: u64 = 16;

/// A record file being written, one page at a time, from any thread. Records are
/// kept in the order they come in a file beside it, then copied in page order, so
/// that the same site always gives the same file, in every build and in `serve`.
pub struct RecordWriter {
    path: PathBuf,
    out: File,
    /// The file the records are kept in as they come, removed when done.
    arrived_path: PathBuf,
    arrived: Mutex<Arrived>,
}

/// The records kept so far, in the order they came.
struct Arrived {
    file: BufWriter<File>,
    /// The offset the next record starts at.
    at: u64,
    /// Each page's (offset, length), by page number, once kept.
    places: Vec<Option<(u64, u32)>>,
}

impl RecordWriter {
    /// Start the record file `rel` in the staging folder, for `pages` pages.
    pub fn create(staging: &Staging, rel: &str, pages: usize) -> Result<RecordWriter> {
        let (path, out) = staging.create(rel)?;
        let (arrived_path, file) = staging.create(&format!("{rel}.unordered"))?;
        Ok(RecordWriter {
            path,
            out,
            arrived_path,
            arrived: Mutex::new(Arrived {
                file: BufWriter::new(file),
                at: 0,
                places: vec![None; pages],
            }),
        })
    }

    /// Add page `ord`'s record.
    pub fn add(&self, ord: usize, record: &DocRecord) -> Result<()> {
        let encoded = encode(record).ok_or_else(|| self.error("a record is too long"))?;
        let bytes = encoded.as_slice();
        let len = u32::try_from(bytes.len()).map_err(|_| self.error("a record is too long"))?;
        let mut a = self.arrived.lock().unwrap_or_else(|e| e.into_inner());
        let at = a.at;
        let slot = a
            .places
            .get_mut(ord)
            .ok_or_else(|| self.error("a page number is out of range"))?;
        *slot = Some((at, len));
        a.file
            .write_all(bytes)
            .map_err(|e| Error::write(&self.arrived_path, e))?;
        a.at += u64::from(len);
        Ok(())
    }

    /// Write the records in page order, then the table and the footer, and remove
    /// the file they were kept in. Every page must have been added.
    pub fn finish(self) -> Result<()> {
        let Arrived { file, places, .. } =
            self.arrived.into_inner().unwrap_or_else(|e| e.into_inner());
        let arrived = file
            .into_inner()
            .map_err(|e| Error::write(&self.arrived_path, e.into_error()))?;
        let mut out = BufWriter::new(&self.out);
        let write_err = |e| Error::write(&self.path, e);
        out.write_all(MAGIC).map_err(write_err)?;
        let mut at = MAGIC.len() as u64;
        let mut table = Vec::with_capacity(places.len() * ENTRY as usize + FOOTER as usize);
        let mut buf = Vec::new();
        for place in &places {
            let (from, len) =
                place.ok_or_else(|| Error::write(&self.path, why("a page was not indexed")))?;
            buf.resize(len as usize, 0);
            read_into(&arrived, from, &mut buf).map_err(|e| Error::read(&self.arrived_path, e))?;
            out.write_all(&buf).map_err(write_err)?;
            table.extend_from_slice(&at.to_le_bytes());
            table.extend_from_slice(&len.to_le_bytes());
            at += u64::from(len);
        }
        table.extend_from_slice(&(places.len() as u64).to_le_bytes());
        table.extend_from_slice(&at.to_le_bytes());
        out.write_all(&table)
            .and_then(|()| out.flush())
            .map_err(write_err)?;
        drop(arrived);
        std::fs::remove_file(&self.arrived_path).map_err(|e| Error::write(&self.arrived_path, e))
    }

    fn error(&self, what: &str) -> Error {
        Error::write(&self.path, why(what))
    }
}

/// An opened record file. `Send + Sync`: reads do not move a shared cursor.
pub struct RecordFile {
    path: PathBuf,
    file: File,
    /// Each page's (offset, length), by page number.
    places: Vec<(u64, u32)>,
}

impl RecordFile {
    /// Open the record file at `path` and read its table.
    pub fn open(path: &Path) -> Result<RecordFile> {
        let file = File::open(path).map_err(|e| Error::read(path, e))?;
        let size = file.metadata().map_err(|e| Error::read(path, e))?.len();
        let bad = |what: &str| Error::read(path, why(what));
        let head = MAGIC.len() as u64;
        if size < head + FOOTER || read_at(&file, 0, MAGIC.len()).ok().as_deref() != Some(MAGIC) {
            return Err(bad("not a record file of this version of guidebook"));
        }
        let footer =
            read_at(&file, size - FOOTER, FOOTER as usize).map_err(|e| Error::read(path, e))?;
        let count = u64_at(&footer, 0);
        let table = u64_at(&footer, 8);
        let table_len = count
            .checked_mul(ENTRY)
            .ok_or_else(|| bad("the table is cut"))?;
        if table < head || table.checked_add(table_len) != Some(size - FOOTER) {
            return Err(bad("the table is cut"));
        }
        let raw = read_at(&file, table, table_len as usize).map_err(|e| Error::read(path, e))?;
        let places: Vec<(u64, u32)> = raw
            .chunks_exact(ENTRY as usize)
            .map(|e| (u64_at(e, 0), u32::from_le_bytes([e[8], e[9], e[10], e[11]])))
            .collect();
        if places
            .iter()
            .any(|&(at, len)| at < head || at.saturating_add(u64::from(len)) > table)
        {
            return Err(bad("a record lies outside the file"));
        }
        Ok(RecordFile {
            path: path.to_path_buf(),
            file,
            places,
        })
    }

    /// Page `ord`'s record, read into `buf` (kept from one read to the next: only
    /// grown, never cleared) and taken apart.
    pub fn with<T>(
        &self,
        ord: u64,
        buf: &mut Vec<u8>,
        f: impl FnOnce(RecordView<'_>) -> T,
    ) -> Result<T> {
        let &(at, len) = usize::try_from(ord)
            .ok()
            .and_then(|i| self.places.get(i))
            .ok_or_else(|| self.error("no record for this page"))?;
        let len = len as usize;
        if buf.len() < len {
            buf.resize(len, 0);
        }
        let bytes = &mut buf[..len];
        read_into(&self.file, at, bytes).map_err(|e| Error::read(&self.path, e))?;
        let view = RecordView::parse(bytes).ok_or_else(|| self.error("a record is damaged"))?;
        Ok(f(view))
    }

    fn error(&self, what: &str) -> Error {
        Error::read(&self.path, why(what))
    }
}

/// A record as a hit needs it, its strings borrowed from the record's bytes.
#[derive(Debug, PartialEq, Eq)]
pub struct RecordView<'a> {
    pub title: &'a str,
    pub url: &'a str,
    pub kind: &'a str,
    pub breadcrumb: Vec<&'a str>,
    pub summary: &'a str,
    pub text: &'a str,
    pub contact: Option<ContactCard>,
}

impl<'a> RecordView<'a> {
    /// Take a record's bytes apart; `None` when they are cut or not UTF-8 where
    /// a string should be, or when bytes are left over.
    pub fn parse(bytes: &'a [u8]) -> Option<RecordView<'a>> {
        let mut r = Reader(bytes);
        let (title, url, kind) = (r.str()?, r.str()?, r.str()?);
        let n = r.u32()?;
        let breadcrumb = (0..n).map(|_| r.str()).collect::<Option<Vec<_>>>()?;
        let (summary, text) = (r.str()?, r.str()?);
        let contact = match r.take(1)? {
            [0] => None,
            [1] => {
                let mut s = || r.str().map(str::to_string);
                Some(ContactCard {
                    name: s()?,
                    role: s()?,
                    team: s()?,
                    email: s()?,
                    phone: s()?,
                    url: s()?,
                })
            }
            _ => return None,
        };
        r.0.is_empty().then_some(RecordView {
            title,
            url,
            kind,
            breadcrumb,
            summary,
            text,
            contact,
        })
    }
}

/// The bytes of a record not yet read.
struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let (head, rest) = self.0.split_at_checked(n)?;
        self.0 = rest;
        Some(head)
    }

    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }

    fn str(&mut self) -> Option<&'a str> {
        let n = usize::try_from(self.u32()?).ok()?;
        std::str::from_utf8(self.take(n)?).ok()
    }
}

/// A record's bytes; `None` when a string or list is longer than a `u32` counts.
fn encode(r: &DocRecord) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(r.text.len() + r.summary.len() + 256);
    let put = |out: &mut Vec<u8>, s: &str| -> Option<()> {
        out.extend_from_slice(&u32::try_from(s.len()).ok()?.to_le_bytes());
        out.extend_from_slice(s.as_bytes());
        Some(())
    };
    for s in [&r.title, &r.url, &r.kind] {
        put(&mut out, s)?;
    }
    out.extend_from_slice(&u32::try_from(r.breadcrumb.len()).ok()?.to_le_bytes());
    for s in &r.breadcrumb {
        put(&mut out, s)?;
    }
    put(&mut out, &r.summary)?;
    put(&mut out, &r.text)?;
    match &r.contact {
        None => out.push(0),
        Some(c) => {
            out.push(1);
            for s in [&c.name, &c.role, &c.team, &c.email, &c.phone, &c.url] {
                put(&mut out, s)?;
            }
        }
    }
    Some(out)
}

fn u64_at(b: &[u8], i: usize) -> u64 {
    let mut a = [0u8; 8];
    a.copy_from_slice(&b[i..i + 8]);
    u64::from_le_bytes(a)
}

/// `len` bytes of `file` from `offset`, without moving a cursor other readers share.
fn read_at(file: &File, offset: u64, len: usize) -> std::io::Result<Vec<u8>> {
    let mut buf = vec![0; len];
    read_into(file, offset, &mut buf)?;
    Ok(buf)
}

/// Fill `buf` with the bytes of `file` from `offset`, without moving a cursor.
#[cfg(unix)]
fn read_into(file: &File, offset: u64, buf: &mut [u8]) -> std::io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, buf, offset)
}

/// Fill `buf` with the bytes of `file` from `offset`, without moving a cursor.
#[cfg(windows)]
fn read_into(file: &File, offset: u64, buf: &mut [u8]) -> std::io::Result<()> {
    let mut done = 0;
    while done < buf.len() {
        let n =
            std::os::windows::fs::FileExt::seek_read(file, &mut buf[done..], offset + done as u64)?;
        if n == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        done += n;
    }
    Ok(())
}

/// What went wrong with a record file, as the I/O error an [`Error`] carries.
fn why(what: &str) -> std::io::Error {
    std::io::Error::other(what.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::chain;

    fn record(title: &str, text: &str, contact: bool) -> DocRecord {
        DocRecord {
            title: title.into(),
            url: format!("{}/", title.to_lowercase()),
            kind: "guidance".into(),
            breadcrumb: vec!["Home".into(), "Guidance ☃".into()],
            summary: "A summary.".into(),
            text: text.into(),
            contact: contact.then(|| ContactCard {
                name: "Dr Ada Example".into(),
                role: "Export control lead".into(),
                team: "Research security".into(),
                email: "a.example@example.ac.uk".into(),
                phone: "01632 960123".into(),
                url: "contacts/ada/".into(),
            }),
        }
    }

    fn view(r: &DocRecord) -> RecordView<'_> {
        RecordView {
            title: &r.title,
            url: &r.url,
            kind: &r.kind,
            breadcrumb: r.breadcrumb.iter().map(String::as_str).collect(),
            summary: &r.summary,
            text: &r.text,
            contact: r.contact.clone(),
        }
    }

    fn written(records: &[DocRecord], order: &[usize]) -> (tempfile::TempDir, PathBuf) {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        let staging = Staging::begin(&out).unwrap();
        let w = RecordWriter::create(&staging, "_search/records", records.len()).unwrap();
        for &i in order {
            w.add(i, &records[i]).unwrap();
        }
        w.finish().unwrap();
        staging.commit().unwrap();
        (tmp, out.join("_search/records"))
    }

    #[test]
    fn records_are_read_back_by_page_number_whatever_order_they_came_in() {
        let records = [
            record("A", "Text", false),
            record("", "", true),
            record("Ć", "naïve ☃", false),
            record("Long", &"x".repeat(70_000), true),
        ];
        let (_tmp, path) = written(&records, &[2, 0, 3, 1]);
        let f = RecordFile::open(&path).unwrap();
        // one buffer, the longest record first: a shorter one read after it must
        // not see what is left of it
        let mut buf = Vec::new();
        for (i, r) in records.iter().enumerate().rev() {
            f.with(i as u64, &mut buf, |v| assert_eq!(v, view(r)))
                .unwrap();
        }
        assert!(buf.len() > 70_000);
        let err = chain(&f.with(4, &mut buf, |_| ()).unwrap_err());
        assert_eq!(
            err,
            format!("cannot read {}: no record for this page", path.display())
        );
    }

    #[test]
    fn the_file_is_the_same_whatever_order_the_records_came_in() {
        let records = [
            record("A", "a", false),
            record("B", "b", true),
            record("C", "c", false),
        ];
        let (_t1, first) = written(&records, &[0, 1, 2]);
        let (_t2, second) = written(&records, &[2, 0, 1]);
        let bytes = std::fs::read(&first).unwrap();
        assert_eq!(bytes, std::fs::read(&second).unwrap());
        let mut expected = MAGIC.to_vec();
        let mut table = Vec::new();
        for r in &records {
            let e = encode(r).unwrap();
            table.extend_from_slice(&(expected.len() as u64).to_le_bytes());
            table.extend_from_slice(&(e.len() as u32).to_le_bytes());
            expected.extend_from_slice(&e);
        }
        let table_at = expected.len() as u64;
        expected.extend_from_slice(&table);
        expected.extend_from_slice(&3u64.to_le_bytes());
        expected.extend_from_slice(&table_at.to_le_bytes());
        assert_eq!(bytes, expected);
        // the first record, byte by byte
        let mut a = Vec::new();
        for s in ["A", "a/", "guidance"] {
            a.extend_from_slice(&(s.len() as u32).to_le_bytes());
            a.extend_from_slice(s.as_bytes());
        }
        a.extend_from_slice(&2u32.to_le_bytes());
        for s in ["Home", "Guidance ☃", "A summary.", "a"] {
            a.extend_from_slice(&(s.len() as u32).to_le_bytes());
            a.extend_from_slice(s.as_bytes());
        }
        a.push(0);
        assert_eq!(encode(&records[0]).unwrap(), a);
        let folder: Vec<_> = std::fs::read_dir(first.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(folder, ["records"], "the unordered file is removed");
    }

    #[test]
    fn a_page_never_added_is_an_error() {
        let tmp = tempfile::tempdir().unwrap();
        let staging = Staging::begin(&tmp.path().join("public")).unwrap();
        let w = RecordWriter::create(&staging, "_search/records", 2).unwrap();
        w.add(0, &record("A", "a", false)).unwrap();
        let err = chain(&w.finish().unwrap_err());
        let path = staging.dir().join("_search/records");
        assert_eq!(
            err,
            format!("cannot write {}: a page was not indexed", path.display())
        );
    }

    #[test]
    fn a_cut_or_damaged_record_is_none_not_a_panic() {
        let r = record("Title", "Some text", true);
        let bytes = encode(&r).unwrap();
        assert_eq!(RecordView::parse(&bytes), Some(view(&r)));
        for cut in 0..bytes.len() {
            assert_eq!(RecordView::parse(&bytes[..cut]), None, "cut at {cut}");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert_eq!(RecordView::parse(&longer), None, "bytes left over");
        let mut not_utf8 = bytes.clone();
        not_utf8[4] = 0xff;
        assert_eq!(RecordView::parse(&not_utf8), None);
        let mut bad_flag = encode(&record("T", "x", false)).unwrap();
        *bad_flag.last_mut().unwrap() = 2;
        assert_eq!(RecordView::parse(&bad_flag), None);
    }

    #[test]
    fn a_cut_or_foreign_file_is_an_error_not_a_panic() {
        let records = [record("A", "a", false), record("B", "b", false)];
        let (_tmp, path) = written(&records, &[0, 1]);
        let whole = std::fs::read(&path).unwrap();
        for cut in 0..whole.len() {
            std::fs::write(&path, &whole[..cut]).unwrap();
            assert!(RecordFile::open(&path).is_err(), "cut at {cut}");
        }
        let mut foreign = whole.clone();
        foreign[0] = b'X';
        std::fs::write(&path, &foreign).unwrap();
        let err = chain(&RecordFile::open(&path).err().unwrap());
        assert_eq!(
            err,
            format!(
                "cannot read {}: not a record file of this version of guidebook",
                path.display()
            )
        );
        // A damaged record: an error when that record is read, and only then.
        let mut damaged = whole;
        damaged[MAGIC.len() + 4] = 0xff;
        std::fs::write(&path, &damaged).unwrap();
        let f = RecordFile::open(&path).unwrap();
        let err = chain(&f.with(0, &mut Vec::new(), |_| ()).unwrap_err());
        assert_eq!(
            err,
            format!("cannot read {}: a record is damaged", path.display())
        );
        f.with(1, &mut Vec::new(), |v| assert_eq!(v, view(&records[1])))
            .unwrap();
    }
}
