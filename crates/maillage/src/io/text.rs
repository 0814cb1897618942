//! Reading text files as spreadsheets export them: UTF-8 with or without BOM, or
//! Windows-1252 (Excel's "CSV" on a French Windows).

use super::{Location, Problem, ProblemCode};

/// The encoding a file was read with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8, possibly with a byte order mark.
    Utf8,
    /// Windows-1252, detected because the bytes are not valid UTF-8.
    Windows1252,
}

/// Decodes a file's bytes: a UTF-8 BOM is dropped; bytes that are not valid UTF-8 are
/// read as Windows-1252 (every byte sequence is valid there), with a warning.
///
/// # Example
/// ```
/// use maillage::io::decode_text;
/// let (text, warning) = decode_text("actors.csv", b"\xEF\xBB\xBFid;name\n");
/// assert_eq!(text, "id;name\n");
/// assert!(warning.is_none());
/// let (text, warning) = decode_text("actors.csv", b"P\xE9diatre");
/// assert_eq!(text, "Pédiatre");
/// assert!(warning.is_some());
/// ```
pub fn decode_text(file: &str, bytes: &[u8]) -> (String, Option<Problem>) {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => (s.to_owned(), None),
        Err(_) => {
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            let warning = Problem::warning(
                file,
                Location::File,
                None,
                ProblemCode::Encoding,
                "not valid UTF-8, read as Windows-1252 (expected UTF-8; re-save the file as \"CSV UTF-8\" to silence this warning)",
            );
            (text.into_owned(), Some(warning))
        }
    }
}
