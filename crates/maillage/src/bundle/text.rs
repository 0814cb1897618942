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
    /// UTF-16 (little or big endian), detected by its byte order mark: what Excel
    /// writes as "Unicode text".
    Utf16,
}

/// Decodes a file's bytes: a UTF-8 BOM is dropped; a UTF-16 BOM (Excel's "Unicode
/// text") decodes the file as UTF-16, with a warning; bytes that are not valid UTF-8
/// are read as Windows-1252 (every byte sequence is valid there), with a warning.
///
/// # Example
/// ```
/// use maillage::bundle::decode_text;
/// let (text, warning) = decode_text("actors.csv", b"\xEF\xBB\xBFid;name\n");
/// assert_eq!(text, "id;name\n");
/// assert!(warning.is_none());
/// let (text, warning) = decode_text("actors.csv", b"P\xE9diatre");
/// assert_eq!(text, "Pédiatre");
/// assert!(warning.is_some());
/// let (text, warning) = decode_text("actors.csv", b"\xFF\xFEi\0d\0");
/// assert_eq!(text, "id");
/// assert!(warning.is_some());
/// ```
pub fn decode_text(file: &str, bytes: &[u8]) -> (String, Option<Problem>) {
    for (bom, encoding, name) in [
        (&b"\xFF\xFE"[..], encoding_rs::UTF_16LE, "UTF-16LE"),
        (&b"\xFE\xFF"[..], encoding_rs::UTF_16BE, "UTF-16BE"),
    ] {
        if let Some(rest) = bytes.strip_prefix(bom) {
            let (text, _) = encoding.decode_without_bom_handling(rest);
            let warning = Problem::warning(
                file,
                Location::File,
                None,
                ProblemCode::Encoding,
                crate::msg!(ReadAsEncoding, encoding = name),
            );
            return (text.into_owned(), Some(warning));
        }
    }
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
                crate::msg!(ReadAsEncoding, encoding = "Windows-1252"),
            );
            (text.into_owned(), Some(warning))
        }
    }
}
