//! The XML of an `.xlsx`'s parts, read over borrowed bytes: one tag or text at a time,
//! found with `memchr`, nothing allocated per tag; the text of values decoded into a
//! buffer of the caller's. Only what spreadsheets write is read (elements, attributes,
//! text, CDATA, the five entities and character references); comments, processing
//! instructions and a DOCTYPE are skipped.

use memchr::{memchr, memchr3, memmem};

/// What is wrong with the XML read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Malformed {
    /// A tag, an attribute or a reference badly written, or cut by the end of the part.
    Tag,
    /// An entity other than the five of XML, or a character reference to no character.
    Entity(String),
    /// Text that is not UTF-8.
    NotUtf8,
}

/// One piece of XML.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Token<'x> {
    /// `<name attrs>` or, when `empty`, `<name attrs/>`; `attrs` as written.
    Start {
        name: &'x [u8],
        attrs: &'x [u8],
        empty: bool,
    },
    /// `</name>`.
    End { name: &'x [u8] },
    /// Text between tags, as written (references unresolved).
    Text(&'x [u8]),
    /// The content of a CDATA section.
    CData(&'x [u8]),
    /// A comment, a processing instruction or a DOCTYPE.
    Skipped,
}

/// The name without its namespace prefix (`x:c` → `c`).
pub(crate) fn local(name: &[u8]) -> &[u8] {
    match memchr(b':', name) {
        Some(i) => &name[i + 1..],
        None => name,
    }
}

fn trim_start(s: &[u8]) -> &[u8] {
    let n = s.iter().take_while(|b| b.is_ascii_whitespace()).count();
    &s[n..]
}

fn trim_end(s: &[u8]) -> &[u8] {
    let n = s
        .iter()
        .rev()
        .take_while(|b| b.is_ascii_whitespace())
        .count();
    &s[..s.len() - n]
}

/// The next token of `bytes` from `*at`, `*at` moved past it; `Ok(None)` when the rest
/// holds no whole token (the end, or more bytes needed). `last`: no bytes follow, so
/// that text runs to the end and a token cut there is malformed.
// inlined: returned through memory, the token is copied in pieces the processor cannot
// forward from the stores that wrote it
#[inline(always)]
pub(crate) fn next_token<'x>(
    bytes: &'x [u8],
    at: &mut usize,
    last: bool,
) -> Result<Option<Token<'x>>, Malformed> {
    let rest = &bytes[*at..];
    let Some(&first) = rest.first() else {
        return Ok(None);
    };
    let cut = || if last { Err(Malformed::Tag) } else { Ok(None) };
    if first != b'<' {
        return match memchr(b'<', rest) {
            Some(i) => {
                *at += i;
                Ok(Some(Token::Text(&rest[..i])))
            }
            None if last => {
                *at = bytes.len();
                Ok(Some(Token::Text(rest)))
            }
            None => Ok(None),
        };
    }
    let (token, length) = match rest.get(1) {
        None => return cut(),
        Some(b'/') => {
            let Some(gt) = memchr(b'>', rest) else {
                return cut();
            };
            let name = trim_end(&rest[2..gt]);
            if name.is_empty() {
                return Err(Malformed::Tag);
            }
            (Token::End { name }, gt + 1)
        }
        Some(b'?') => match memmem::find(&rest[2..], b"?>") {
            Some(i) => (Token::Skipped, i + 4),
            None => return cut(),
        },
        Some(b'!') => {
            const CDATA: &[u8] = b"<![CDATA[";
            const COMMENT: &[u8] = b"<!--";
            if rest.starts_with(CDATA) {
                match memmem::find(&rest[CDATA.len()..], b"]]>") {
                    Some(i) => (
                        Token::CData(&rest[CDATA.len()..CDATA.len() + i]),
                        CDATA.len() + i + 3,
                    ),
                    None => return cut(),
                }
            } else if rest.starts_with(COMMENT) {
                match memmem::find(&rest[COMMENT.len()..], b"-->") {
                    Some(i) => (Token::Skipped, COMMENT.len() + i + 3),
                    None => return cut(),
                }
            } else if CDATA.starts_with(rest) || COMMENT.starts_with(rest) {
                return cut();
            } else {
                // a DOCTYPE, its internal subset between brackets
                let mut depth = 0u32;
                let end = rest.iter().position(|&b| {
                    match b {
                        b'[' => depth += 1,
                        b']' => depth = depth.saturating_sub(1),
                        b'>' if depth == 0 => return true,
                        _ => {}
                    }
                    false
                });
                match end {
                    Some(i) => (Token::Skipped, i + 1),
                    None => return cut(),
                }
            }
        }
        Some(_) => {
            let name_end = rest[1..]
                .iter()
                .position(|&b| b.is_ascii_whitespace() || b == b'/' || b == b'>')
                .map_or(rest.len(), |i| i + 1);
            if name_end == 1 {
                return Err(Malformed::Tag);
            }
            // the closing `>`, outside the quoted values of the attributes
            let mut i = name_end;
            let gt = loop {
                match memchr3(b'>', b'"', b'\'', &rest[i..]) {
                    None => return cut(),
                    Some(j) if rest[i + j] == b'>' => break i + j,
                    Some(j) => {
                        let quote = rest[i + j];
                        match memchr(quote, &rest[i + j + 1..]) {
                            Some(k) => i = i + j + 1 + k + 1,
                            None => return cut(),
                        }
                    }
                }
            };
            // `<a/>`: the name ends at the `/`, which is not an attribute's
            let empty = rest[gt - 1] == b'/' && gt > name_end;
            let attrs_end = if empty { gt - 1 } else { gt };
            (
                Token::Start {
                    name: &rest[1..name_end],
                    attrs: &rest[name_end..attrs_end],
                    empty,
                },
                gt + 1,
            )
        }
    };
    *at += length;
    Ok(Some(token))
}

/// The attributes of a start tag, as written: `(name, value)`, the value's references
/// unresolved.
pub(crate) struct Attributes<'x> {
    rest: &'x [u8],
}

impl<'x> Attributes<'x> {
    pub(crate) fn new(attrs: &'x [u8]) -> Self {
        Self { rest: attrs }
    }
}

impl<'x> Iterator for Attributes<'x> {
    type Item = Result<(&'x [u8], &'x [u8]), Malformed>;

    fn next(&mut self) -> Option<Self::Item> {
        let s = trim_start(self.rest);
        if s.is_empty() {
            return None;
        }
        let parsed = (|| {
            let eq = memchr(b'=', s)?;
            let name = trim_end(&s[..eq]);
            if name.is_empty() || name.iter().any(u8::is_ascii_whitespace) {
                return None;
            }
            let value = trim_start(&s[eq + 1..]);
            let quote = *value.first().filter(|q| matches!(q, b'"' | b'\''))?;
            let close = memchr(quote, &value[1..])?;
            Some((name, &value[1..1 + close], &value[close + 2..]))
        })();
        match parsed {
            Some((name, value, rest)) => {
                self.rest = rest;
                Some(Ok((name, value)))
            }
            None => {
                self.rest = &[];
                Some(Err(Malformed::Tag))
            }
        }
    }
}

/// The value of the attribute `key` (its name as written, prefix included), as written.
pub(crate) fn attribute<'x>(attrs: &'x [u8], key: &[u8]) -> Result<Option<&'x [u8]>, Malformed> {
    for a in Attributes::new(attrs) {
        let (name, value) = a?;
        if name == key {
            return Ok(Some(value));
        }
    }
    Ok(None)
}

/// An attribute's value or text, its references resolved, as a new string.
pub(crate) fn decoded(raw: &[u8]) -> Result<String, Malformed> {
    let mut s = String::new();
    push_text(raw, &mut s, false)?;
    Ok(s)
}

/// Appends XML text to `out`: entity and character references resolved, line ends
/// (`\r\n`, `\r`) read as `\n`; with `excel_escapes`, Excel's escapes of control
/// characters (`_x000D_`) resolved in the text between references, as calamine does.
pub(crate) fn push_text(
    raw: &[u8],
    out: &mut String,
    excel_escapes: bool,
) -> Result<(), Malformed> {
    let mut rest = raw;
    loop {
        let (segment, after) = match memchr(b'&', rest) {
            Some(i) => (&rest[..i], Some(&rest[i + 1..])),
            None => (rest, None),
        };
        push_segment(segment, out, excel_escapes)?;
        let Some(after) = after else {
            return Ok(());
        };
        let Some(semi) = memchr(b';', after).filter(|&i| i <= 32) else {
            let shown = String::from_utf8_lossy(&after[..after.len().min(12)]).into_owned();
            return Err(Malformed::Entity(shown));
        };
        let name = &after[..semi];
        match resolve_reference(name) {
            Some(Reference::Str(s)) => out.push_str(s),
            Some(Reference::Char(c)) => out.push(c),
            None => {
                return Err(Malformed::Entity(
                    String::from_utf8_lossy(name).into_owned(),
                ))
            }
        }
        rest = &after[semi + 1..];
    }
}

/// Appends CDATA's content to `out`, line ends read as `\n`.
pub(crate) fn push_cdata(raw: &[u8], out: &mut String) -> Result<(), Malformed> {
    push_segment(raw, out, false)
}

enum Reference {
    Str(&'static str),
    Char(char),
}

fn resolve_reference(name: &[u8]) -> Option<Reference> {
    Some(match name {
        b"amp" => Reference::Str("&"),
        b"lt" => Reference::Str("<"),
        b"gt" => Reference::Str(">"),
        b"quot" => Reference::Str("\""),
        b"apos" => Reference::Str("'"),
        [b'#', b'x', hex @ ..] => Reference::Char(char_of(hex, 16)?),
        [b'#', decimal @ ..] => Reference::Char(char_of(decimal, 10)?),
        _ => return None,
    })
}

fn char_of(digits: &[u8], radix: u32) -> Option<char> {
    if digits.is_empty() || digits.len() > 8 || !digits.iter().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let n = u32::from_str_radix(std::str::from_utf8(digits).ok()?, radix).ok()?;
    char::from_u32(n).filter(|&c| c != '\0')
}

fn push_segment(segment: &[u8], out: &mut String, excel_escapes: bool) -> Result<(), Malformed> {
    let s = std::str::from_utf8(segment).map_err(|_| Malformed::NotUtf8)?;
    let has_cr = memchr(b'\r', segment).is_some();
    let has_escape = excel_escapes && memmem::find(segment, b"_x00").is_some();
    if !has_cr && !has_escape {
        out.push_str(s);
        return Ok(());
    }
    let normalized = if has_cr {
        std::borrow::Cow::Owned(s.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        std::borrow::Cow::Borrowed(s)
    };
    if has_escape {
        push_unescaped_excel(&normalized, out);
    } else {
        out.push_str(&normalized);
    }
    Ok(())
}

/// Excel writes a control character as `_x00HH_` (`_x000D_` for `\r`) in its strings.
fn push_unescaped_excel(s: &str, out: &mut String) {
    let bytes = s.as_bytes();
    let mut i = 0;
    let mut copied = 0;
    while let Some(j) = memmem::find(&bytes[i..], b"_x00") {
        let at = i + j;
        let escape = bytes
            .get(at + 4..at + 7)
            .filter(|e| e[2] == b'_' && e[..2].iter().all(u8::is_ascii_hexdigit));
        match escape {
            Some(e) => {
                out.push_str(&s[copied..at]);
                let hex = std::str::from_utf8(&e[..2]).unwrap_or("0");
                out.push(char::from(u8::from_str_radix(hex, 16).unwrap_or(0)));
                i = at + 7;
                copied = i;
            }
            None => i = at + 1,
        }
    }
    out.push_str(&s[copied..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(xml: &str) -> Vec<Token<'_>> {
        let mut at = 0;
        let mut out = Vec::new();
        while let Some(t) = next_token(xml.as_bytes(), &mut at, true).unwrap() {
            out.push(t);
        }
        out
    }

    #[test]
    fn reads_tags_text_and_what_it_skips() {
        let t = tokens(
            "<?xml version=\"1.0\"?><!-- note --><a x=\"1>2\" y='q\"'><b/>t<![CDATA[<c>]]></a>",
        );
        assert_eq!(
            t,
            vec![
                Token::Skipped,
                Token::Skipped,
                Token::Start {
                    name: b"a",
                    attrs: b" x=\"1>2\" y='q\"'",
                    empty: false
                },
                Token::Start {
                    name: b"b",
                    attrs: b"",
                    empty: true
                },
                Token::Text(b"t"),
                Token::CData(b"<c>"),
                Token::End { name: b"a" },
            ]
        );
        let attrs: Vec<_> = Attributes::new(b" x=\"1>2\" y = 'q\"'")
            .map(Result::unwrap)
            .collect();
        assert_eq!(
            attrs,
            vec![(&b"x"[..], &b"1>2"[..]), (&b"y"[..], &b"q\""[..])]
        );
        assert_eq!(tokens("<a b=\"c\"/>").len(), 1);
    }

    #[test]
    fn a_token_cut_by_the_end_of_the_bytes_waits_for_more_or_is_malformed() {
        for cut in [
            "<c r=\"A1",
            "<c r=\"A1\"",
            "</c",
            "<![CDA",
            "<!-- x -",
            "<",
            "<?xml ",
        ] {
            let mut at = 0;
            assert_eq!(
                next_token(cut.as_bytes(), &mut at, false),
                Ok(None),
                "{cut}"
            );
            assert_eq!(at, 0);
            assert_eq!(
                next_token(cut.as_bytes(), &mut at, true),
                Err(Malformed::Tag),
                "{cut}"
            );
        }
        // text waits for the next tag unless nothing follows
        let mut at = 0;
        assert_eq!(next_token(b"abc", &mut at, false), Ok(None));
        assert_eq!(
            next_token(b"abc", &mut at, true),
            Ok(Some(Token::Text(b"abc")))
        );
        for bad in ["<>", "</>", "< a>"] {
            let mut at = 0;
            assert_eq!(
                next_token(bad.as_bytes(), &mut at, true),
                Err(Malformed::Tag),
                "{bad}"
            );
        }
        assert!(Attributes::new(b" a=1").next().unwrap().is_err());
        assert!(Attributes::new(b" a").next().unwrap().is_err());
        assert!(Attributes::new(b" a=\"1").next().unwrap().is_err());
    }

    #[test]
    fn resolves_references_line_ends_and_excel_escapes() {
        let text = |raw: &str, excel: bool| {
            let mut s = String::new();
            push_text(raw.as_bytes(), &mut s, excel).map(|()| s)
        };
        assert_eq!(
            text("a &amp; b &lt;&gt;&quot;&apos;", false).unwrap(),
            "a & b <>\"'"
        );
        assert_eq!(text("caf&#233; caf&#x00E9;", false).unwrap(), "café café");
        assert_eq!(text("a\r\nb\rc", false).unwrap(), "a\nb\nc");
        assert_eq!(text("a_x000D_b_x005F_", true).unwrap(), "a\rb_");
        assert_eq!(text("a_x000D_b", false).unwrap(), "a_x000D_b");
        assert_eq!(text("_x00ZZ_ _x00", true).unwrap(), "_x00ZZ_ _x00");
        assert_eq!(
            text("a &nbsp; b", false),
            Err(Malformed::Entity("nbsp".into()))
        );
        assert!(matches!(text("a & b", false), Err(Malformed::Entity(_))));
        assert!(matches!(text("&#0;", false), Err(Malformed::Entity(_))));
        assert!(matches!(text("&#xD800;", false), Err(Malformed::Entity(_))));
        let mut s = String::new();
        assert_eq!(push_text(b"\xff", &mut s, false), Err(Malformed::NotUtf8));
    }
}
