//! Reading an `.xlsx`: the workbook's sheets, shared strings and number formats read
//! once when it is opened, then each sheet's cells in one pass over its decompressed
//! XML (a window of it at a time, so that memory follows the cells, not the part),
//! which also finds the cells computed by formulas and the merged ranges. The cells'
//! values are those calamine reads (the comparison test below holds the two readers to
//! the same grid); what differs is that the tags are found in borrowed bytes, nothing
//! allocated per cell, and that a damaged sheet is a problem at its cell.

use super::grid::{Grid, Merge, ERROR, FORMULA};
use super::scan::{
    full_text_buffer, push_date, push_number, read_part, too_large_part, Archive, CellBudget,
    SheetCells,
};
use super::segments::{self, read_some, Segment, Segments, Uncut};
use super::xml::{self, local, next_token, Attributes, Malformed, Token};
use super::{bad_workbook, Book, MAX_WORKBOOK_PART_BYTES};
use crate::bundle::{column_letters, Location, Problem, ProblemCode};
use crate::lang::Message;
use calamine::{ExcelDateTime, ExcelDateTimeType};
use std::collections::HashMap;
use std::io::{Cursor, Read};
use std::sync::Arc;

/// The most merged ranges kept for a sheet (only those of the header matter).
const MAX_MERGES: usize = 10_000;
/// The decompressed bytes of a sheet read at once.
const WINDOW: usize = 1 << 19;

/// How a number cell's style shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NumberFormat {
    Other,
    DateTime,
    Duration,
}

/// The shared strings, in one buffer.
#[derive(Debug, Default)]
struct SharedStrings {
    text: String,
    /// Where each string ends in `text` (which, within the part limit, holds less than
    /// 4 GiB): half the memory of `usize`, for a table looked up at random.
    ends: Vec<u32>,
}

impl SharedStrings {
    fn get(&self, i: usize) -> Option<&str> {
        let end = *self.ends.get(i)? as usize;
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        self.text.get(start..end)
    }

    /// Ends the string being written at the end of `text`.
    fn end_string(&mut self) -> Result<(), Malformed> {
        let end = u32::try_from(self.text.len()).map_err(|_| Malformed::Tag)?;
        self.ends.push(end);
        Ok(())
    }
}

/// A sheet as the workbook lists it.
#[derive(Debug)]
struct SheetEntry {
    name: String,
    visible: bool,
    /// Its part in the archive, lower case (`xl/worksheets/sheet1.xml`).
    part: Option<String>,
}

/// What every sheet's reading needs: read once, shared by the readers of the sheets.
#[derive(Debug)]
struct Parts {
    /// The archive's part names, by their lower case.
    names: HashMap<String, String>,
    sheets: Vec<SheetEntry>,
    strings: SharedStrings,
    /// Each cell style's number format (`cellXfs`), by the style's index.
    formats: Vec<NumberFormat>,
    is_1904: bool,
}

pub(super) struct XlsxBook<'a> {
    file: String,
    bytes: &'a [u8],
    parts: Arc<Parts>,
    /// A sheet declared to inflate to this many bytes or more is read in segments of
    /// `segment_bytes` ([`SEGMENTED_BYTES`], [`SEGMENT_BYTES`], smaller in the tests).
    segmented_from: u64,
    segment_bytes: usize,
}

/// Opens an `.xlsx`: its sheets, shared strings and number formats; `None`, with the
/// problem pushed, when they cannot be read.
pub(super) fn open_xlsx<'a>(
    file: &str,
    bytes: &'a [u8],
    mut zip: Archive<'a>,
    names: HashMap<String, String>,
    problems: &mut Vec<Problem>,
) -> Option<XlsxBook<'a>> {
    let damaged = |part: &str| bad_workbook(file, crate::msg!(WorkbookPartDamaged, part = part));
    let strings = match read_part(
        &mut zip,
        &names,
        "xl/sharedstrings.xml",
        MAX_WORKBOOK_PART_BYTES,
    ) {
        Err(true) => {
            problems.push(too_large_part(file, "xl/sharedStrings.xml"));
            return None;
        }
        Err(false) => {
            problems.push(bad_workbook(file, crate::msg!(SharedStringsDamaged)));
            return None;
        }
        Ok(Some(xml)) => {
            if overdeclared(&xml) {
                problems.push(bad_workbook(file, crate::msg!(SharedStringsOverdeclared)));
                return None;
            }
            match shared_strings(&xml) {
                Ok(s) => s,
                Err(_) => {
                    problems.push(bad_workbook(file, crate::msg!(SharedStringsDamaged)));
                    return None;
                }
            }
        }
        Ok(None) => SharedStrings::default(),
    };
    let mut whole = |part: &str, shown: &str| match read_part(
        &mut zip,
        &names,
        part,
        MAX_WORKBOOK_PART_BYTES,
    ) {
        Ok(xml) => Ok(xml),
        Err(true) => Err(too_large_part(file, shown)),
        Err(false) => Err(damaged(shown)),
    };
    let read = (|| {
        let styles = whole("xl/styles.xml", "xl/styles.xml")?;
        let rels = whole("xl/_rels/workbook.xml.rels", "xl/_rels/workbook.xml.rels")?;
        let workbook = whole("xl/workbook.xml", "xl/workbook.xml")?;
        let formats = match styles {
            Some(xml) => number_formats(&xml).map_err(|_| damaged("xl/styles.xml"))?,
            None => Vec::new(),
        };
        let targets = match rels {
            Some(xml) => relationships(&xml).map_err(|_| damaged("xl/_rels/workbook.xml.rels"))?,
            None => HashMap::new(),
        };
        let (sheets, is_1904) = sheets(&workbook.unwrap_or_default(), &targets)
            .map_err(|_| damaged("xl/workbook.xml"))?;
        Ok((formats, sheets, is_1904))
    })();
    let (formats, sheets, is_1904) = match read {
        Ok(r) => r,
        Err(p) => {
            problems.push(p);
            return None;
        }
    };
    Some(XlsxBook {
        file: file.to_owned(),
        bytes,
        parts: Arc::new(Parts {
            names,
            sheets,
            strings,
            formats,
            is_1904,
        }),
        segmented_from: SEGMENTED_BYTES,
        segment_bytes: SEGMENT_BYTES,
    })
}

/// Whether the shared strings declare more strings than their bytes could hold (a
/// reader reserving room for the count would be asked for gigabytes).
fn overdeclared(xml: &[u8]) -> bool {
    let head = &xml[..xml.len().min(4096)];
    let declared = String::from_utf8_lossy(head)
        .split("uniqueCount=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next().map(str::to_owned))
        .and_then(|n| n.parse::<u64>().ok());
    declared.is_some_and(|n| n > xml.len() as u64 / 8 + 16)
}

/// Each `<si>`'s text: its `<t>` runs joined, phonetic runs (`<rPh>`) left out.
fn shared_strings(xml: &[u8]) -> Result<SharedStrings, Malformed> {
    let mut strings = SharedStrings::default();
    let mut text = RichText::default();
    let mut inside = false;
    let mut at = 0;
    while let Some(token) = next_token(xml, &mut at, true)? {
        match token {
            Token::Start { name, empty, .. } if local(name) == b"si" => {
                if empty {
                    strings.end_string()?;
                } else {
                    inside = true;
                    text = RichText::default();
                }
            }
            Token::End { name } if local(name) == b"si" && inside => {
                inside = false;
                strings.end_string()?;
            }
            t if inside => text.token(&t, &mut strings.text)?,
            _ => {}
        }
    }
    if inside {
        return Err(Malformed::Tag);
    }
    Ok(strings)
}

/// The text of a string made of runs (a shared string's `<si>`, a cell's `<is>`).
#[derive(Default)]
struct RichText {
    in_text: bool,
    in_phonetic: bool,
}

impl RichText {
    fn token(&mut self, token: &Token, out: &mut String) -> Result<(), Malformed> {
        match *token {
            Token::Start { name, empty, .. } => match local(name) {
                b"t" if !empty && !self.in_phonetic => self.in_text = true,
                b"rPh" if !empty => self.in_phonetic = true,
                _ => {}
            },
            Token::End { name } => match local(name) {
                b"t" => self.in_text = false,
                b"rPh" => self.in_phonetic = false,
                _ => {}
            },
            Token::Text(raw) if self.in_text => xml::push_text(raw, out, true)?,
            Token::CData(raw) if self.in_text => xml::push_cdata(raw, out)?,
            _ => {}
        }
        Ok(())
    }
}

/// Each cell style's number format: the custom formats (`numFmts`) by their id, then
/// the styles (`cellXfs`) naming them or a built-in format. A custom format's code is
/// read with its references resolved (`&quot;` as `"`), which calamine leaves as
/// written.
fn number_formats(xml: &[u8]) -> Result<Vec<NumberFormat>, Malformed> {
    let mut custom: HashMap<&[u8], NumberFormat> = HashMap::new();
    let mut formats = Vec::new();
    let (mut in_custom, mut in_styles) = (false, false);
    let mut at = 0;
    while let Some(token) = next_token(xml, &mut at, true)? {
        match token {
            Token::Start { name, attrs, empty } => match local(name) {
                b"numFmts" => in_custom = !empty,
                b"cellXfs" => in_styles = !empty,
                b"numFmt" if in_custom => {
                    let id = xml::attribute(attrs, b"numFmtId")?;
                    let code = xml::attribute(attrs, b"formatCode")?;
                    if let (Some(id), Some(code)) = (id, code) {
                        let code = xml::decoded(code)?;
                        if !code.is_empty() {
                            custom.insert(id, custom_format(&code));
                        }
                    }
                }
                b"xf" if in_styles => {
                    let id = xml::attribute(attrs, b"numFmtId")?;
                    formats.push(id.map_or(NumberFormat::Other, |id| {
                        custom
                            .get(id)
                            .copied()
                            .unwrap_or_else(|| builtin_format(id))
                    }));
                }
                _ => {}
            },
            Token::End { name } => match local(name) {
                b"numFmts" => in_custom = false,
                b"cellXfs" => in_styles = false,
                _ => {}
            },
            _ => {}
        }
    }
    Ok(formats)
}

/// The built-in formats of dates (14 to 22, 45, 47) and durations (46).
fn builtin_format(id: &[u8]) -> NumberFormat {
    match id {
        b"14" | b"15" | b"16" | b"17" | b"18" | b"19" | b"20" | b"21" | b"22" | b"45" | b"47" => {
            NumberFormat::DateTime
        }
        b"46" => NumberFormat::Duration,
        _ => NumberFormat::Other,
    }
}

/// Whether a custom format's first section shows a date (a `d`, `m`, `y`, `h` or `s`
/// outside quotes, escapes and brackets, or `AM/PM`) or a duration (`[h]`, `[mm]`,
/// `[s]`), the way calamine tells them.
fn custom_format(code: &str) -> NumberFormat {
    let (mut escaped, mut quoted, mut am_pm) = (false, false, false);
    let mut brackets = 0u8;
    let mut previous = ' ';
    let mut elapsed = false;
    for c in code.chars() {
        if escaped {
            escaped = false;
        } else if matches!(c, '_' | '\\') {
            escaped = true;
        } else if quoted {
            quoted = c != '"';
        } else {
            match c {
                '"' => quoted = true,
                ';' => return NumberFormat::Other,
                '[' => brackets = brackets.saturating_add(1),
                ']' if brackets == 1 && elapsed => return NumberFormat::Duration,
                ']' => brackets = brackets.saturating_sub(1),
                'a' | 'A' if !am_pm && brackets == 0 => am_pm = true,
                'p' | 'm' | '/' | 'P' | 'M' if am_pm && brackets == 0 => {
                    return NumberFormat::DateTime
                }
                'd' | 'm' | 'h' | 'y' | 's' | 'D' | 'M' | 'H' | 'Y' | 'S'
                    if !am_pm && brackets == 0 =>
                {
                    return NumberFormat::DateTime
                }
                _ => {
                    if !(elapsed && c.eq_ignore_ascii_case(&previous)) {
                        elapsed = previous == '[' && matches!(c, 'm' | 'h' | 's' | 'M' | 'H' | 'S');
                    }
                }
            }
        }
        previous = c;
    }
    NumberFormat::Other
}

/// The workbook's relationships: each target's part, lower case, by its id.
fn relationships(xml: &[u8]) -> Result<HashMap<Vec<u8>, String>, Malformed> {
    let mut targets = HashMap::new();
    let mut at = 0;
    while let Some(token) = next_token(xml, &mut at, true)? {
        if let Token::Start { name, attrs, .. } = token {
            if local(name) == b"Relationship" {
                let id = xml::attribute(attrs, b"Id")?;
                let target = xml::attribute(attrs, b"Target")?;
                if let (Some(id), Some(target)) = (id, target) {
                    let target = xml::decoded(target)?;
                    let part = match target.strip_prefix('/') {
                        Some(absolute) => absolute.to_owned(),
                        None if target.starts_with("xl/") => target,
                        None => format!("xl/{target}"),
                    };
                    targets.insert(id.to_vec(), part.to_lowercase());
                }
            }
        }
    }
    Ok(targets)
}

/// The sheets the workbook lists, in its order, and whether its dates count from 1904.
fn sheets(
    xml: &[u8],
    targets: &HashMap<Vec<u8>, String>,
) -> Result<(Vec<SheetEntry>, bool), Malformed> {
    let mut sheets = Vec::new();
    let mut is_1904 = false;
    let mut at = 0;
    while let Some(token) = next_token(xml, &mut at, true)? {
        let Token::Start { name, attrs, .. } = token else {
            continue;
        };
        match local(name) {
            b"sheet" => {
                let (mut sheet, mut visible, mut part) = (None, true, None);
                for a in Attributes::new(attrs) {
                    let (key, value) = a?;
                    match key {
                        b"name" => sheet = Some(xml::decoded(value)?),
                        b"state" => visible = !matches!(value, b"hidden" | b"veryHidden"),
                        _ if local(key) == b"id" => part = targets.get(value).cloned(),
                        _ => {}
                    }
                }
                if let Some(name) = sheet {
                    sheets.push(SheetEntry {
                        name,
                        visible,
                        part,
                    });
                }
            }
            b"workbookPr" => {
                is_1904 = matches!(xml::attribute(attrs, b"date1904")?, Some(b"1" | b"true"));
            }
            _ => {}
        }
    }
    Ok((sheets, is_1904))
}

/// A cell reference (`C14`) as its 1-based row and column.
fn cell_position(reference: &[u8]) -> Option<(u32, u32)> {
    let letters = reference
        .iter()
        .take_while(|b| b.is_ascii_alphabetic())
        .count();
    if letters == 0 || letters > 3 || letters == reference.len() {
        return None;
    }
    let col = reference[..letters].iter().fold(0u32, |n, b| {
        n * 26 + u32::from(b.to_ascii_uppercase() - b'A' + 1)
    });
    let row = row_number(&reference[letters..])?;
    Some((row, col))
}

/// A row number, 1-based.
fn row_number(digits: &[u8]) -> Option<u32> {
    if digits.is_empty() || digits.len() > 10 {
        return None;
    }
    let mut row = 0u32;
    for &d in digits {
        if !d.is_ascii_digit() {
            return None;
        }
        row = row.checked_mul(10)?.checked_add(u32::from(d - b'0'))?;
    }
    (row > 0).then_some(row)
}

/// A merged range (`A1:B2`), its corners in any order.
fn merge_of(range: &[u8]) -> Option<Merge> {
    let colon = memchr::memchr(b':', range)?;
    let ((r1, c1), (r2, c2)) = (
        cell_position(&range[..colon])?,
        cell_position(&range[colon + 1..])?,
    );
    Some(Merge {
        first_row: r1.min(r2),
        first_col: c1.min(c2),
        last_row: r1.max(r2),
        last_col: c1.max(c2),
    })
}

impl<'a> Book<'a> for XlsxBook<'a> {
    fn sheets(&self) -> Vec<(String, bool)> {
        self.parts
            .sheets
            .iter()
            .map(|s| (s.name.clone(), s.visible))
            .collect()
    }

    fn grid(
        &mut self,
        sheet: &str,
        cells: &CellBudget,
        problems: &mut Vec<Problem>,
    ) -> Option<Grid> {
        let parts = &*self.parts;
        let entry = parts.sheets.iter().find(|s| s.name == sheet)?;
        let Some(name) = entry.part.as_ref().and_then(|p| parts.names.get(p)) else {
            problems.push(bad_workbook(sheet, crate::msg!(SheetPartMissing)));
            return None;
        };
        let mut zip = zip::ZipArchive::new(Cursor::new(self.bytes)).ok()?;
        let part = open_part(&mut zip, name, sheet, problems)?;
        if part.size() >= self.segmented_from {
            if let Ok(grid) = read_in_segments(sheet, parts, part, cells, self.segment_bytes) {
                return Some(grid);
            }
        } else {
            drop(part);
        }
        let part = open_part(&mut zip, name, sheet, problems)?;
        let mut reader = SheetReader::new(sheet, parts, cells);
        let read = reader.read(part.take(MAX_WORKBOOK_PART_BYTES + 1));
        match read {
            Ok(()) => {
                reader.grid.set_merges(reader.merges);
                Some(reader.grid)
            }
            Err(Stop::TooLarge) => {
                problems.push(too_large_part(&self.file, name));
                None
            }
            Err(Stop::Problem(p)) => {
                problems.push(*p);
                None
            }
            Err(Stop::Pushed(p)) => {
                problems.extend(p);
                None
            }
            // only a segment's reading stops so
            Err(Stop::Unsplittable) => None,
        }
    }

    fn second_reader(&self) -> Option<Box<dyn Book<'a> + 'a>> {
        Some(Box::new(XlsxBook {
            file: self.file.clone(),
            bytes: self.bytes,
            parts: Arc::clone(&self.parts),
            segmented_from: self.segmented_from,
            segment_bytes: self.segment_bytes,
        }))
    }
}

/// The part `name` of the sheet `sheet`, opened; `None`, with the problem pushed, when
/// it cannot be.
fn open_part<'z, 'b>(
    zip: &'z mut Archive<'b>,
    name: &str,
    sheet: &str,
    problems: &mut Vec<Problem>,
) -> Option<zip::read::ZipFile<'z, Cursor<&'b [u8]>>> {
    match zip.by_name(name) {
        Ok(part) => Some(part),
        Err(e) => {
            problems.push(bad_workbook(
                sheet,
                crate::msg!(SheetCannotBeRead, detail = e.to_string()),
            ));
            None
        }
    }
}

/// Why a sheet's reading stopped before its end.
enum Stop {
    /// The part decompresses beyond [`MAX_WORKBOOK_PART_BYTES`].
    TooLarge,
    /// A problem, located.
    Problem(Box<Problem>),
    /// Problems already made (the cell budget's).
    Pushed(Vec<Problem>),
    /// A segment's rows lack their numbers: the sheet is read from its start.
    Unsplittable,
}

/// A sheet part declared to inflate to at least this many bytes (a bundle's relations
/// from about 25,000 of them) is read in segments on every thread.
const SEGMENTED_BYTES: u64 = 4 << 20;
/// The bytes of a segment.
const SEGMENT_BYTES: usize = 1 << 20;

/// A segment of a sheet read alone: its cells and merged ranges, and its first and
/// last rows and cells, which must follow those of the segment before.
struct SegmentGrid {
    index: usize,
    grid: Grid,
    merges: Vec<Merge>,
    rows: Option<(u32, u32)>,
    cells: Option<((u32, u32), (u32, u32))>,
}

/// The sheet in `part` read in segments of about `size` bytes ([`segments`]), on
/// every thread of the pool; `Err` when a segment cannot be read alone (a damaged
/// part, rows without their numbers, rows out of order across segments...), the cells
/// the segments took then given back to the budget, for the sheet to be read from its
/// start, which tells what is wrong.
fn read_in_segments<'p>(
    sheet: &str,
    parts: &Parts,
    part: impl Read + Send + 'p,
    cells: &CellBudget,
    size: usize,
) -> Result<Grid, Uncut> {
    use rayon::iter::{ParallelBridge, ParallelIterator};
    let taken = std::sync::atomic::AtomicU64::new(0);
    let read = |segment: Segment| -> Result<SegmentGrid, Uncut> {
        let mut reader = SheetReader::new(sheet, parts, cells);
        if segment.index > 0 {
            reader.phase = Phase::Rows;
            reader.row_unknown = true;
        }
        let read = reader.pass(&segment.bytes, 0, true).and_then(|_| {
            if segment.last {
                reader.finish()
            } else if reader.phase == Phase::Rows {
                Ok(())
            } else {
                Err(Stop::Unsplittable)
            }
        });
        taken.fetch_add(
            reader.grid.len() as u64,
            std::sync::atomic::Ordering::Relaxed,
        );
        read.map_err(|_| Uncut)?;
        Ok(SegmentGrid {
            index: segment.index,
            rows: reader.first_row.map(|first| (first, reader.last_row)),
            cells: reader.first_cell.map(|first| (first, reader.last_cell)),
            grid: reader.grid,
            merges: reader.merges,
        })
    };
    let read: Result<Vec<SegmentGrid>, Uncut> = std::thread::scope(|scope| {
        let inflated = segments::inflated_apart(scope, part.take(MAX_WORKBOOK_PART_BYTES + 1));
        Segments::new(inflated, size, MAX_WORKBOOK_PART_BYTES)
            .par_bridge()
            .map(|segment| read(segment?))
            .collect()
    });
    let joined = read.and_then(|mut read| {
        read.sort_unstable_by_key(|s| s.index);
        let mut read = read.into_iter();
        let first = read.next().ok_or(Uncut)?;
        let (mut grid, mut merges) = (first.grid, first.merges);
        let (mut last_row, mut last_cell) = (
            first.rows.map_or(0, |(_, last)| last),
            first.cells.map_or((0, 0), |(_, last)| last),
        );
        for s in read {
            // the checks of a reading from the start, at the segments' seams
            if let Some((first, last)) = s.rows {
                if first <= last_row {
                    return Err(Uncut);
                }
                last_row = last;
            }
            if let Some(((row, col), last)) = s.cells {
                if row < last_cell.0 || (row, col) == last_cell {
                    return Err(Uncut);
                }
                last_cell = last;
            }
            if !grid.append(s.grid) {
                return Err(Uncut);
            }
            merges.extend(s.merges);
        }
        merges.truncate(MAX_MERGES);
        grid.set_merges(merges);
        Ok(grid)
    });
    if joined.is_err() {
        cells.give_back(taken.into_inner());
    }
    joined
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    /// Before `<sheetData>`.
    BeforeCells,
    /// Between cells.
    Rows,
    /// Inside `<c>`, between its children.
    Cell,
    /// Inside `<v>`.
    Value,
    /// Inside `<f>`.
    Formula,
    /// Inside `<is>`.
    Inline,
    /// After `</sheetData>`: the merged ranges.
    AfterCells,
}

/// A cell's type (`t`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum CellType {
    /// No `t`: a number, or text when it does not read as one.
    #[default]
    Untyped,
    Number,
    Shared,
    Bool,
    Date,
    Error,
    Str,
    Inline,
    Unknown,
}

/// Which child of a cell gave its value (calamine takes the last).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum Child {
    #[default]
    None,
    Value,
    Formula,
    Inline,
}

#[derive(Debug, Default)]
struct Cell {
    row: u32,
    col: u32,
    kind: CellType,
    /// `t` as written, when unknown.
    kind_written: String,
    format: Option<NumberFormat>,
    child: Child,
    formula: bool,
}

struct SheetReader<'s> {
    sheet: &'s str,
    parts: &'s Parts,
    cells: SheetCells<'s>,
    grid: Grid,
    phase: Phase,
    /// The row the next cell without a reference is on, and its column (1-based).
    row: u32,
    next_col: u32,
    /// The last row started and the last cell read, to refuse rows out of order.
    last_row: u32,
    last_cell: (u32, u32),
    cell: Cell,
    /// The text of the cell's `<v>` or `<is>`.
    value: String,
    rich: RichText,
    merges: Vec<Merge>,
    /// A segment's reader before its first row: the row counter is unknown, so a row
    /// must give its number.
    row_unknown: bool,
    /// The first row started and the first cell read, for the checks at a segment's
    /// seam.
    first_row: Option<u32>,
    first_cell: Option<(u32, u32)>,
}

impl<'s> SheetReader<'s> {
    fn new(sheet: &'s str, parts: &'s Parts, cells: &'s CellBudget) -> Self {
        SheetReader {
            sheet,
            parts,
            cells: cells.sheet(),
            grid: Grid::default(),
            phase: Phase::BeforeCells,
            row: 1,
            next_col: 1,
            last_row: 0,
            last_cell: (0, 0),
            cell: Cell::default(),
            value: String::new(),
            rich: RichText::default(),
            merges: Vec::new(),
            row_unknown: false,
            first_row: None,
            first_cell: None,
        }
    }

    /// Reads the part through, a window at a time; a token cut by the window's end is
    /// read again with the next.
    fn read(&mut self, mut part: impl Read) -> Result<(), Stop> {
        let mut buf = vec![0u8; WINDOW];
        let (mut start, mut end, mut total, mut last) = (0usize, 0usize, 0u64, false);
        loop {
            start = self.pass(&buf[..end], start, last)?;
            if last {
                break;
            }
            // keep what is left, and read more after it
            buf.copy_within(start..end, 0);
            end -= start;
            start = 0;
            if end == buf.len() {
                // a token longer than the window: the window grows, up to the part's
                // limit
                if buf.len() as u64 >= MAX_WORKBOOK_PART_BYTES {
                    return Err(Stop::TooLarge);
                }
                buf.resize(buf.len() * 2, 0);
            }
            let read = read_some(&mut part, &mut buf[end..]).map_err(|e| {
                self.problem(crate::msg!(
                    SheetDamagedAfter,
                    cells = self.grid.len(),
                    detail = e.to_string()
                ))
            })?;
            total += read as u64;
            if total > MAX_WORKBOOK_PART_BYTES {
                return Err(Stop::TooLarge);
            }
            end += read;
            last = read == 0;
        }
        self.finish()
    }

    /// Reads the tokens of `bytes` from `at` (all of them when `last`, else up to the
    /// last whole one); where it stopped.
    fn pass(&mut self, bytes: &[u8], mut at: usize, last: bool) -> Result<usize, Stop> {
        while let Some(token) = next_token(bytes, &mut at, last).map_err(|m| self.malformed(m))? {
            let opens_cell =
                matches!(token, Token::Start { name, empty: false, .. } if local(name) == b"c");
            self.token(token)?;
            if opens_cell && self.phase == Phase::Cell {
                at += self.plain_value(&bytes[at..])?;
            }
        }
        Ok(at)
    }

    /// The end of the sheet's XML: whether its cells were read whole.
    fn finish(&self) -> Result<(), Stop> {
        match self.phase {
            Phase::AfterCells => Ok(()),
            Phase::BeforeCells => Err(self.problem(crate::msg!(SheetWithoutCells))),
            _ => Err(self.malformed_why(crate::msg!(XmlEndsEarly))),
        }
    }

    /// Most cells are `<c ...><v>text</v></c>`: when `rest`, what follows the cell's
    /// start, is that, the cell is read at once, saving a token for each tag (the
    /// bytes consumed returned; 0 when the cell is read token by token).
    fn plain_value(&mut self, rest: &[u8]) -> Result<usize, Stop> {
        const END: &[u8] = b"</v></c>";
        let Some(body) = rest.strip_prefix(b"<v>") else {
            return Ok(0);
        };
        let Some(lt) = memchr::memchr(b'<', body) else {
            return Ok(0);
        };
        if !body[lt..].starts_with(END) {
            return Ok(0);
        }
        self.cell.child = Child::Value;
        self.value.clear();
        xml::push_text(&body[..lt], &mut self.value, false).map_err(|m| self.malformed(m))?;
        self.phase = Phase::Rows;
        self.end_cell()?;
        Ok(3 + lt + END.len())
    }

    /// Where the reading is: the cell being read, else the next one.
    fn here(&self) -> Location {
        let (row, column) = match self.phase {
            Phase::Cell | Phase::Value | Phase::Formula | Phase::Inline => {
                (self.cell.row, self.cell.col)
            }
            _ => (self.row, self.next_col),
        };
        Location::Cell {
            row: row.max(1),
            column: column.max(1),
        }
    }

    fn problem(&self, why: Message) -> Stop {
        Stop::Problem(Box::new(Problem::error(
            self.sheet,
            self.here(),
            None,
            ProblemCode::BadWorkbook,
            crate::msg!(BadWorkbook, why = why),
        )))
    }

    fn malformed_why(&self, what: Message) -> Stop {
        self.problem(crate::msg!(SheetXmlDamaged, what = what))
    }

    fn malformed(&self, m: Malformed) -> Stop {
        self.malformed_why(match m {
            Malformed::Tag => crate::msg!(XmlTagMalformed),
            Malformed::Entity(entity) => crate::msg!(XmlUnknownEntity, entity = entity),
            Malformed::NotUtf8 => crate::msg!(XmlNotUtf8),
        })
    }

    fn token(&mut self, token: Token) -> Result<(), Stop> {
        match self.phase {
            Phase::Rows => self.between_cells(token),
            Phase::Cell => self.in_cell(token),
            Phase::Value => match token {
                Token::Text(raw) => xml::push_text(raw, &mut self.value, false),
                Token::CData(raw) => xml::push_cdata(raw, &mut self.value),
                Token::End { name } if local(name) == b"v" => {
                    self.phase = Phase::Cell;
                    Ok(())
                }
                _ => Ok(()),
            }
            .map_err(|m| self.malformed(m)),
            Phase::Formula => {
                if matches!(token, Token::End { name } if local(name) == b"f") {
                    self.phase = Phase::Cell;
                }
                Ok(())
            }
            Phase::Inline => match token {
                Token::End { name } if local(name) == b"is" => {
                    self.phase = Phase::Cell;
                    Ok(())
                }
                t => self
                    .rich
                    .token(&t, &mut self.value)
                    .map_err(|m| self.malformed(m)),
            },
            Phase::BeforeCells => {
                if let Token::Start { name, empty, .. } = token {
                    if local(name) == b"sheetData" {
                        self.phase = if empty {
                            Phase::AfterCells
                        } else {
                            Phase::Rows
                        };
                    }
                }
                Ok(())
            }
            Phase::AfterCells => {
                if let Token::Start { name, attrs, .. } = token {
                    if local(name) == b"mergeCell" && self.merges.len() < MAX_MERGES {
                        let range = xml::attribute(attrs, b"ref").map_err(|m| self.malformed(m))?;
                        if let Some(m) = range.and_then(merge_of) {
                            self.merges.push(m);
                        }
                    }
                }
                Ok(())
            }
        }
    }

    fn between_cells(&mut self, token: Token) -> Result<(), Stop> {
        match token {
            Token::Start { name, attrs, empty } => match local(name) {
                b"row" => {
                    let r = xml::attribute(attrs, b"r").map_err(|m| self.malformed(m))?;
                    if let Some(r) = r {
                        let Some(row) = row_number(r) else {
                            return Err(self.problem(crate::msg!(
                                BadCellReference,
                                reference = String::from_utf8_lossy(r).into_owned()
                            )));
                        };
                        if row <= self.last_row {
                            self.row = row;
                            return Err(self.problem(crate::msg!(
                                RowsOutOfOrder,
                                row = row,
                                previous = self.last_row
                            )));
                        }
                        self.row = row;
                        self.row_unknown = false;
                    } else if self.row_unknown {
                        return Err(Stop::Unsplittable);
                    }
                    self.first_row.get_or_insert(self.row);
                    self.last_row = self.row;
                    if empty {
                        self.end_row();
                    }
                    Ok(())
                }
                b"c" => self.start_cell(attrs, empty),
                _ => Ok(()),
            },
            Token::End { name } => {
                match local(name) {
                    b"row" => self.end_row(),
                    b"sheetData" => self.phase = Phase::AfterCells,
                    _ => {}
                }
                Ok(())
            }
            _ => Ok(()),
        }
    }

    fn end_row(&mut self) {
        self.row = self.row.saturating_add(1);
        self.next_col = 1;
    }

    fn start_cell(&mut self, attrs: &[u8], empty: bool) -> Result<(), Stop> {
        let (mut reference, mut style, mut kind) = (None, None, None);
        for a in Attributes::new(attrs) {
            let (key, value) = a.map_err(|m| self.malformed(m))?;
            match key {
                b"r" => reference = Some(value),
                b"s" => style = Some(value),
                b"t" => kind = Some(value),
                _ => {}
            }
        }
        let (row, col) = match reference {
            Some(r) => cell_position(r).ok_or_else(|| {
                self.problem(crate::msg!(
                    BadCellReference,
                    reference = String::from_utf8_lossy(r).into_owned()
                ))
            })?,
            None if self.row_unknown => return Err(Stop::Unsplittable),
            None => (self.row, self.next_col),
        };
        self.cell.row = row;
        self.cell.col = col;
        self.next_col = col.saturating_add(1);
        // rows in order, each once; within a row, the grid sorts the cells (and keeps
        // the last of a position, as calamine's reading did), but a cell given twice in
        // a row is refused
        let (last_row, last_col) = self.last_cell;
        if row < last_row || (row, col) == (last_row, last_col) {
            self.phase = Phase::Cell;
            return Err(self.problem(crate::msg!(
                CellsOutOfOrder,
                cell = format!("{}{row}", column_letters(col)),
                previous = format!("{}{last_row}", column_letters(last_col))
            )));
        }
        self.last_cell = (row, col);
        self.first_cell.get_or_insert((row, col));
        if empty {
            return Ok(());
        }
        self.cell.kind = match kind {
            None => CellType::Untyped,
            Some(b"n") => CellType::Number,
            Some(b"s") => CellType::Shared,
            Some(b"b") => CellType::Bool,
            Some(b"d") => CellType::Date,
            Some(b"e") => CellType::Error,
            Some(b"str") => CellType::Str,
            Some(b"inlineStr" | b"is") => CellType::Inline,
            Some(other) => {
                self.cell.kind_written = String::from_utf8_lossy(other).into_owned();
                CellType::Unknown
            }
        };
        // a style past the styles read has no format, as a cell without a style
        self.cell.format = match style {
            None => Some(NumberFormat::Other),
            Some(s) => {
                let i = std::str::from_utf8(s)
                    .ok()
                    .and_then(|s| s.parse::<usize>().ok())
                    .unwrap_or(0);
                self.parts.formats.get(i).copied()
            }
        };
        self.cell.child = Child::None;
        self.cell.formula = false;
        self.phase = Phase::Cell;
        Ok(())
    }

    fn in_cell(&mut self, token: Token) -> Result<(), Stop> {
        match token {
            Token::Start { name, empty, .. } => {
                let child = match local(name) {
                    b"v" => Child::Value,
                    b"f" => {
                        self.cell.formula = true;
                        Child::Formula
                    }
                    b"is" => Child::Inline,
                    other => {
                        let element = String::from_utf8_lossy(other).into_owned();
                        return Err(self
                            .malformed_why(crate::msg!(XmlUnexpectedElement, element = element)));
                    }
                };
                self.cell.child = child;
                self.value.clear();
                if !empty {
                    self.phase = match child {
                        Child::Value => Phase::Value,
                        Child::Formula => Phase::Formula,
                        _ => {
                            self.rich = RichText::default();
                            Phase::Inline
                        }
                    };
                }
                Ok(())
            }
            Token::End { name } if local(name) == b"c" => {
                self.phase = Phase::Rows;
                self.end_cell()
            }
            _ => Ok(()),
        }
    }

    /// The cell's value written into the grid, when it has one.
    fn end_cell(&mut self) -> Result<(), Stop> {
        let mut flags = if self.cell.formula { FORMULA } else { 0 };
        let text = self.grid.next_text();
        let value = self.value.as_str();
        match (self.cell.child, self.cell.kind) {
            (Child::None | Child::Formula, _) => return Ok(()),
            (Child::Inline, _) => text.push_str(value),
            // the `<v>` of an inline string repeats its `<is>`
            (Child::Value, CellType::Inline) => return Ok(()),
            (Child::Value, _) if value.is_empty() => return Ok(()),
            (Child::Value, CellType::Shared) => {
                let index = value.trim().parse::<usize>().ok();
                match index.and_then(|i| self.parts.strings.get(i)) {
                    Some(s) => text.push_str(s),
                    None => {
                        let (index, count) = (value.to_owned(), self.parts.strings.ends.len());
                        self.phase = Phase::Cell;
                        return Err(self.problem(crate::msg!(
                            SharedStringMissing,
                            index = index,
                            count = count
                        )));
                    }
                }
            }
            (Child::Value, CellType::Bool) => {
                text.push_str(if value == "0" { "false" } else { "true" })
            }
            (Child::Value, CellType::Date) => {
                text.push_str(value.strip_suffix("T00:00:00").unwrap_or(value))
            }
            (Child::Value, CellType::Error) => {
                if !matches!(
                    value,
                    "#DIV/0!" | "#N/A" | "#NAME?" | "#NULL!" | "#NUM!" | "#REF!" | "#VALUE!"
                ) {
                    let value = value.to_owned();
                    self.phase = Phase::Cell;
                    return Err(self.problem(crate::msg!(CellErrorUnknown, value = value)));
                }
                text.push_str(value);
                flags |= ERROR;
            }
            (Child::Value, CellType::Str) => text.push_str(value),
            (Child::Value, CellType::Number | CellType::Untyped) => match value.parse::<f64>() {
                Ok(x) => match self.cell.format {
                    Some(NumberFormat::DateTime) => push_date(
                        text,
                        &ExcelDateTime::new(x, ExcelDateTimeType::DateTime, self.parts.is_1904),
                    ),
                    Some(NumberFormat::Duration) => push_date(
                        text,
                        &ExcelDateTime::new(x, ExcelDateTimeType::TimeDelta, self.parts.is_1904),
                    ),
                    _ => push_number(text, x),
                },
                Err(_) if self.cell.kind == CellType::Untyped => text.push_str(value),
                Err(_) => {
                    let value = value.to_owned();
                    self.phase = Phase::Cell;
                    return Err(self.problem(crate::msg!(CellNumberUnreadable, value = value)));
                }
            },
            (Child::Value, CellType::Unknown) => {
                let kind = self.cell.kind_written.clone();
                self.phase = Phase::Cell;
                return Err(self.problem(crate::msg!(CellTypeUnknown, kind = kind)));
            }
        }
        if self.grid.written().trim().is_empty() && flags & ERROR == 0 {
            return Ok(());
        }
        let mut problems = Vec::new();
        if !self.cells.take(self.sheet, &mut problems) {
            return Err(Stop::Pushed(problems));
        }
        if !self.grid.commit(self.cell.row, self.cell.col, flags) {
            return Err(Stop::Pushed(vec![full_text_buffer(self.sheet)]));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fmt::Write as _;
    use std::io::Write as _;

    type Cells = Vec<super::super::grid::CellContent>;

    const STYLES: &str = r#"<styleSheet><numFmts count="3"><numFmt numFmtId="164" formatCode="dd/mm/yyyy hh:mm"/><numFmt numFmtId="165" formatCode="0.00&quot; h&quot;"/><numFmt numFmtId="166" formatCode="&quot;le &quot;dd/mm/yyyy"/></numFmts><cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs><cellXfs count="6"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"><alignment wrapText="1"/></xf><xf numFmtId="46"/><xf numFmtId="165"/><xf numFmtId="22"/></cellXfs></styleSheet>"#;
    const STRINGS: &str = r#"<sst count="4" uniqueCount="4"><si><t>plain</t></si><si><r><rPr><b/></rPr><t>ri</t></r><r><t xml:space="preserve">ch text </t></r><rPh sb="0" eb="1"><t>ルビ</t></rPh></si><si><t>a &amp; b_x000D_c</t></si><si/></sst>"#;

    /// An `.xlsx` of one sheet `s` holding this `sheetData` (and what follows it).
    fn workbook(sheet_data: &str, workbook_pr: &str) -> Vec<u8> {
        let parts = [
            (
                "xl/workbook.xml",
                format!(
                    r#"<workbook xmlns:r="r">{workbook_pr}<sheets><sheet name="s" sheetId="1" r:id="rId1"/><sheet name="cachée" sheetId="2" state="hidden" r:id="rId2"/></sheets></workbook>"#
                ),
            ),
            (
                "xl/_rels/workbook.xml.rels",
                r#"<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Target="/xl/worksheets/sheet2.xml"/></Relationships>"#.to_owned(),
            ),
            ("xl/styles.xml", STYLES.to_owned()),
            ("xl/sharedStrings.xml", STRINGS.to_owned()),
            (
                "xl/worksheets/sheet1.xml",
                format!(r#"<worksheet xmlns="main"><dimension ref="A1:P4"/>{sheet_data}</worksheet>"#),
            ),
            (
                "xl/worksheets/sheet2.xml",
                "<worksheet><sheetData/></worksheet>".to_owned(),
            ),
        ];
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for (name, xml) in parts {
            w.start_file(name, zip::write::SimpleFileOptions::default())
                .unwrap();
            w.write_all(xml.as_bytes()).unwrap();
        }
        w.finish().unwrap().into_inner()
    }

    /// The sheet's cells as our reader reads them, and its merged ranges; or the
    /// problems.
    fn ours(bytes: &[u8], sheet: &str) -> Result<(Cells, Vec<Merge>), Vec<Problem>> {
        let mut problems = Vec::new();
        let mut book = super::super::scan::open("t.xlsx", bytes, &mut problems).ok_or(Vec::new())?;
        let grid = book.grid(sheet, &CellBudget::new(1 << 30), &mut problems);
        match grid {
            Some(g) if problems.is_empty() => Ok(g.contents()),
            _ => Err(problems),
        }
    }

    /// The sheet's cells as calamine reads them (the reader this one replaced, kept
    /// here as the reference), the cells holding formulas flagged; its merged ranges.
    fn calamine_reads(bytes: &[u8], sheet: &str) -> Option<(Cells, Vec<Merge>)> {
        use calamine::{DataRef, Reader, Xlsx};
        let mut xlsx = Xlsx::new(Cursor::new(bytes)).ok()?;
        let formulas: Vec<(u32, u32)> = xlsx
            .worksheet_formula(sheet)
            .ok()?
            .used_cells()
            .filter(|(_, _, f)| !f.is_empty())
            .map(|(r, c, _)| (r as u32, c as u32))
            .collect();
        let formula_start = xlsx
            .worksheet_formula(sheet)
            .ok()?
            .start()
            .unwrap_or((0, 0));
        let formulas: Vec<(u32, u32)> = formulas
            .into_iter()
            .map(|(r, c)| (formula_start.0 + r + 1, formula_start.1 + c + 1))
            .collect();
        xlsx.load_merged_regions().ok()?;
        let merges = xlsx
            .merged_regions_by_sheet(sheet)
            .iter()
            .map(|(_, _, d)| Merge {
                first_row: d.start.0 + 1,
                first_col: d.start.1 + 1,
                last_row: d.end.0 + 1,
                last_col: d.end.1 + 1,
            })
            .collect();
        let mut grid = Grid::default();
        let mut reader = xlsx.worksheet_cells_reader(sheet).ok()?;
        while let Some(cell) = reader.next_cell().ok()? {
            let (row, col) = cell.get_position();
            let mut flags = 0;
            let text = grid.next_text();
            match cell.get_value() {
                DataRef::Empty => continue,
                DataRef::Int(i) => {
                    let _ = write!(text, "{i}");
                }
                DataRef::Float(x) => push_number(text, *x),
                DataRef::String(s) => text.push_str(s),
                DataRef::SharedString(s) => text.push_str(s),
                DataRef::Bool(b) => text.push_str(if *b { "true" } else { "false" }),
                DataRef::DateTime(d) => push_date(text, d),
                DataRef::DateTimeIso(s) => text.push_str(s.strip_suffix("T00:00:00").unwrap_or(s)),
                DataRef::DurationIso(s) => text.push_str(s),
                DataRef::Error(e) => {
                    text.push_str(&e.to_string());
                    flags = ERROR;
                }
            }
            grid.commit(row + 1, col + 1, flags);
        }
        grid.mark_formulas(&formulas);
        Some((grid.contents().0, merges))
    }

    const CELLS: &str = r#"<sheetData><row r="1" spans="1:16"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s" s="0"><v>1</v></c><c r="C1" t="inlineStr"><is><t xml:space="preserve">  in line  </t></is></c><c r="D1"><v>42.5</v></c><c r="E1" t="n"><v>1e3</v></c><c r="F1" t="b"><v>1</v></c><c r="G1" t="b"><v>0</v></c><c r="H1" t="e"><f>1/0</f><v>#N/A</v></c><c r="I1" t="str"><f>A1&amp;"x"</f><v>a &amp; b &#233; &#x00E9;</v></c><c r="J1" t="d"><v>2024-06-30T00:00:00</v></c><c r="K1" s="1"><v>45473</v></c><c r="L1" s="2"><v>45473.5</v></c><c r="M1" s="3"><v>1.5</v></c><c r="N1" s="4"><v>3</v></c><c r="O1"><v>abc</v></c><c r="P1" t="s"><v>2</v></c><c r="Q1" t="s"><v>3</v></c><c r="R1" s="9"><v>45473</v></c><c r="S1" s="5"><v>45473.25</v></c><c r="T1"/><c r="U1" t="inlineStr"><is><r><t>ri</t></r><r><t><![CDATA[ch <b>]]></t></r></is></c></row><row r="3"><c t="s"><v>0</v></c><c><v>7</v></c><c r="E3"><v>8</v></c><c><v>9</v></c></row><row><c><v>10</v></c></row><row r="6"/><row><c><v>11</v></c></row></sheetData><mergeCells count="1"><mergeCell ref="A1:B2"/></mergeCells>"#;

    #[test]
    fn reads_each_kind_of_cell_as_calamine_does() {
        let bytes = workbook(CELLS, "");
        let (cells, merges) = ours(&bytes, "s").unwrap();
        let cell = |r: u32, c: u32| -> (&str, u8) {
            cells
                .iter()
                .find(|x| (x.0, x.1) == (r, c))
                .map_or(("<none>", 0), |x| (x.2.as_str(), x.3))
        };
        assert_eq!(cell(1, 1), ("plain", 0));
        // rich text runs joined, the phonetic run left out, spaces kept
        assert_eq!(cell(1, 2), ("rich text ", 0));
        assert_eq!(cell(1, 3), ("  in line  ", 0));
        assert_eq!(cell(1, 4), ("42.5", 0));
        assert_eq!(cell(1, 5), ("1000", 0));
        assert_eq!(cell(1, 6), ("true", 0));
        assert_eq!(cell(1, 7), ("false", 0));
        assert_eq!(cell(1, 8), ("#N/A", ERROR | FORMULA));
        assert_eq!(cell(1, 9), ("a & b é é", FORMULA));
        assert_eq!(cell(1, 10), ("2024-06-30", 0));
        // built-in date format 14, a custom date format, the duration format 46
        assert_eq!(cell(1, 11), ("2024-06-30", 0));
        assert_eq!(cell(1, 12), ("2024-06-30 12:00:00", 0));
        assert_eq!(cell(1, 13), ("1.5", 0));
        // a custom format quoting its text is not a date
        assert_eq!(cell(1, 14), ("3", 0));
        assert_eq!(cell(1, 15), ("abc", 0));
        assert_eq!(cell(1, 16), ("a & b\rc", 0));
        // an empty shared string, an empty cell: no cell
        assert_eq!(cell(1, 17).0, "<none>");
        assert_eq!(cell(1, 20).0, "<none>");
        // a style past the styles: a number; built-in 22, a date and time
        assert_eq!(cell(1, 18), ("45473", 0));
        assert_eq!(cell(1, 19), ("2024-06-30 06:00:00", 0));
        assert_eq!(cell(1, 21), ("rich <b>", 0));
        // cells without a reference follow the one before, rows without one the row
        // before
        assert_eq!(cell(3, 1), ("plain", 0));
        assert_eq!(cell(3, 2), ("7", 0));
        assert_eq!(cell(3, 5), ("8", 0));
        assert_eq!(cell(3, 6), ("9", 0));
        assert_eq!(cell(4, 1), ("10", 0));
        assert_eq!(cell(7, 1), ("11", 0));
        assert_eq!(
            merges,
            vec![Merge {
                first_row: 1,
                first_col: 1,
                last_row: 2,
                last_col: 2
            }]
        );
        // calamine reads the same, but for the format whose text is quoted (`"le
        // "dd/mm/yyyy` written `&quot;le &quot;dd/mm/yyyy`), which it reads with its
        // references unresolved
        assert_eq!(calamine_reads(&bytes, "s"), Some((cells, merges)));
        let quoted = workbook(
            r#"<sheetData><row r="1"><c r="A1" s="6"><v>45473</v></c></row></sheetData>"#,
            "",
        );
        let styles = STYLES.replace(
            r#"<xf numFmtId="22"/>"#,
            r#"<xf numFmtId="22"/><xf numFmtId="166"/>"#,
        );
        let quoted = with_part(&quoted, "xl/styles.xml", styles.as_bytes());
        assert_eq!(ours(&quoted, "s").unwrap().0[0].2, "2024-06-30");
        assert_eq!(calamine_reads(&quoted, "s").unwrap().0[0].2, "45473");
    }

    /// The workbook with one part replaced.
    fn with_part(bytes: &[u8], part: &str, xml: &[u8]) -> Vec<u8> {
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for i in 0..zip.len() {
            let mut f = zip.by_index(i).unwrap();
            let name = f.name().to_owned();
            let mut data = Vec::new();
            f.read_to_end(&mut data).unwrap();
            if name == part {
                data = xml.to_vec();
            }
            w.start_file(name, zip::write::SimpleFileOptions::default())
                .unwrap();
            w.write_all(&data).unwrap();
        }
        w.finish().unwrap().into_inner()
    }

    #[test]
    fn reads_dates_of_the_1904_system_and_hidden_sheets() {
        let bytes = workbook(
            r#"<sheetData><row r="1"><c r="A1" s="1"><v>45473</v></c></row></sheetData>"#,
            r#"<workbookPr date1904="1"/>"#,
        );
        assert_eq!(ours(&bytes, "s").unwrap().0[0].2, "2028-07-01");
        assert_eq!(calamine_reads(&bytes, "s").unwrap().0[0].2, "2028-07-01");
        let mut problems = Vec::new();
        let book = super::super::scan::open("t.xlsx", &bytes, &mut problems).unwrap();
        assert_eq!(
            book.sheets(),
            vec![("s".to_owned(), true), ("cachée".to_owned(), false)]
        );
        assert_eq!(ours(&bytes, "cachée").unwrap().0, Vec::new());
    }

    /// The one problem of reading this sheet: its cell, and its English message.
    fn refused(sheet_data: &str) -> (Option<String>, String) {
        let problems = ours(&workbook(sheet_data, ""), "s").unwrap_err();
        assert_eq!(problems.len(), 1, "{problems:?}");
        let p = &problems[0];
        assert_eq!(p.file, "s");
        assert_eq!(p.code, ProblemCode::BadWorkbook);
        (p.cell(), p.message_in(crate::lang::Lang::En))
    }

    #[test]
    fn rows_out_of_order_or_twice_and_cells_twice_are_refused_at_their_cell() {
        let row = |r: u32, cells: &str| format!(r#"<row r="{r}">{cells}</row>"#);
        let (cell, why) = refused(&format!(
            "<sheetData>{}{}</sheetData>",
            row(2, r#"<c r="A2"><v>1</v></c>"#),
            row(1, r#"<c r="A1"><v>1</v></c>"#)
        ));
        assert_eq!(cell.as_deref(), Some("A1"));
        assert!(why.starts_with("row 1 comes after row 2"), "{why}");
        let (cell, why) = refused(&format!(
            "<sheetData>{}{}</sheetData>",
            row(2, ""),
            row(2, "")
        ));
        assert_eq!(cell.as_deref(), Some("A2"));
        assert!(why.starts_with("row 2 comes after row 2"), "{why}");
        let (cell, why) = refused(&format!(
            "<sheetData>{}</sheetData>",
            row(3, r#"<c r="B3"><v>1</v></c><c r="B3"><v>2</v></c>"#)
        ));
        assert_eq!(cell.as_deref(), Some("B3"));
        assert!(why.starts_with("cell B3 comes after cell B3"), "{why}");
        let (cell, _) = refused(&format!(
            "<sheetData>{}</sheetData>",
            row(3, r#"<c r="B3"><v>1</v></c><c r="B2"><v>2</v></c>"#)
        ));
        assert_eq!(cell.as_deref(), Some("B2"));
    }

    #[test]
    fn damaged_sheets_are_refused_at_the_cell_being_read() {
        let start = r#"<sheetData><row r="4"><c r="A4"><v>1</v></c>"#;
        for (rest, at, what) in [
            (
                r#"<c r="B4"<v>2</v></c></row></sheetData>"#,
                "B4",
                "a tag is malformed",
            ),
            (
                r#"<c r="B4" t="str"><v>a &nbsp; b</v></c></row></sheetData>"#,
                "B4",
                "unknown entity \"&nbsp;\"",
            ),
            (
                r#"<c r="B4"><v>2"#,
                "B4",
                "the sheet ends before its cells do",
            ),
            (
                r#"<c r="B4"><v>2</v></c>"#,
                "C4",
                "the sheet ends before its cells do",
            ),
            (
                r#"<c r="B4" t="str"><v>caf"#,
                "B4",
                "the sheet ends before its cells do",
            ),
            (
                r#"<c r="B4"><x>2</x></c></row></sheetData>"#,
                "B4",
                "unexpected element <x> in a cell",
            ),
        ] {
            let (cell, why) = refused(&format!("{start}{rest}"));
            assert_eq!(cell.as_deref(), Some(at), "{rest}: {why}");
            assert!(why.contains(what), "{rest}: {why}");
        }
        let not_utf8 = with_part(
            &workbook("", ""),
            "xl/worksheets/sheet1.xml",
            b"<worksheet><sheetData><row r=\"4\"><c r=\"A4\" t=\"str\"><v>caf\xff</v></c></row></sheetData></worksheet>",
        );
        let problems = ours(&not_utf8, "s").unwrap_err();
        assert_eq!(problems[0].cell().as_deref(), Some("A4"));
        assert!(problems[0]
            .message_in(crate::lang::Lang::En)
            .contains("some text is not UTF-8"));
        for (cell_xml, what) in [
            (
                r#"<c r="B4" t="s"><v>999</v></c>"#,
                "names shared string 999, which the workbook does not hold (it holds 4)",
            ),
            (r#"<c r="B4" t="s"><v>x</v></c>"#, "names shared string x"),
            (
                r#"<c r="B4" t="n"><v>abc</v></c>"#,
                "the number cell holds \"abc\"",
            ),
            (
                r#"<c r="B4" t="e"><v>#OOPS</v></c>"#,
                "\"#OOPS\", which is not a spreadsheet error",
            ),
            (
                r#"<c r="B4" t="zz"><v>1</v></c>"#,
                "unknown cell type \"zz\"",
            ),
            (
                r#"<c r="4B"><v>1</v></c>"#,
                "the cell reference \"4B\" is not one",
            ),
        ] {
            let (cell, why) = refused(&format!("{start}{cell_xml}</row></sheetData>"));
            assert_eq!(cell.as_deref(), Some("B4"), "{cell_xml}");
            assert!(why.contains(what), "{cell_xml}: {why}");
        }
        let (cell, why) = refused("<sheetViews/>");
        assert_eq!(cell.as_deref(), Some("A1"));
        assert!(why.contains("no cells (sheetData)"), "{why}");
    }

    #[test]
    fn a_sheet_longer_than_the_window_is_read_across_windows() {
        let mut rows = String::from("<sheetData>");
        for r in 1..=20_000u32 {
            let _ = write!(
                rows,
                r#"<row r="{r}"><c r="A{r}" t="s"><v>2</v></c><c r="B{r}"><v>{r}.5</v></c><c r="C{r}" t="inlineStr"><is><t>{}</t></is></c></row>"#,
                "x".repeat((r % 50) as usize + 1)
            );
        }
        rows.push_str("</sheetData>");
        let bytes = workbook(&rows, "");
        let (cells, _) = ours(&bytes, "s").unwrap();
        assert_eq!(cells.len(), 60_000);
        assert_eq!(cells[59_999], (20_000, 3, "x".to_owned(), 0));
        assert_eq!(calamine_reads(&bytes, "s").unwrap().0, cells);
    }

    /// Every sheet of the workbook read by both readers: the same cells, the same
    /// merged ranges.
    fn same_as_calamine(bytes: &[u8]) -> usize {
        let mut problems = Vec::new();
        let book = super::super::scan::open("t.xlsx", bytes, &mut problems).unwrap();
        let mut compared = 0;
        for (sheet, _) in book.sheets() {
            let theirs = calamine_reads(bytes, &sheet).unwrap();
            let ours = ours(bytes, &sheet).unwrap();
            assert_eq!(ours.0.len(), theirs.0.len(), "{sheet}");
            for (a, b) in ours.0.iter().zip(&theirs.0) {
                assert_eq!(a, b, "{sheet}");
            }
            assert_eq!(ours.1, theirs.1, "{sheet}");
            compared += ours.0.len();
        }
        compared
    }

    #[test]
    fn the_example_bundles_and_a_generated_territory_read_as_calamine_reads_them() {
        let dir = tempfile::tempdir().unwrap();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data");
        let generated = dir.path().join("m");
        let spec = crate::synth::Size::M.spec();
        crate::bundle::write_bundle(&crate::synth::generate(&spec, 1), &generated).unwrap();
        for bundle in [
            root.join("lyon7"),
            root.join("grenoble_sud"),
            root.join("cevennes"),
            generated,
        ] {
            let name = bundle.file_name().unwrap().to_string_lossy().into_owned();
            let out = dir.path().join(format!("{name}-xlsx/t.xlsx"));
            super::super::write_workbook_bundle(&bundle, &out).unwrap();
            let compared = same_as_calamine(&std::fs::read(&out).unwrap());
            assert!(compared > 100, "{name}: {compared}");
        }
    }

    /// The inputs of the workbook fuzz target's corpus: the harness's mode (its first
    /// byte) and the bytes; a file a running fuzzer removed meanwhile is passed over.
    fn fuzz_corpus() -> Vec<(u8, Vec<u8>)> {
        let corpus =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz/corpus/workbook");
        std::fs::read_dir(corpus)
            .unwrap()
            .flatten()
            .filter_map(|entry| std::fs::read(entry.path()).ok())
            .filter_map(|data| data.split_first().map(|(m, b)| (m % 3, b.to_vec())))
            .collect()
    }

    #[test]
    fn workbooks_of_the_fuzz_corpus_read_as_calamine_reads_them() {
        let mut compared = 0;
        for (mode, bytes) in fuzz_corpus() {
            // a whole file (the harness's mode 0) that both readers read
            if mode != 0 {
                continue;
            }
            let bytes = &bytes[..];
            let mut problems = Vec::new();
            let Some(book) = super::super::scan::open("t.xlsx", bytes, &mut problems) else {
                continue;
            };
            for (sheet, _) in book.sheets() {
                if let (Ok(a), Some(b)) = (ours(bytes, &sheet), calamine_reads(bytes, &sheet)) {
                    assert_eq!(a, b, "{sheet}");
                    compared += 1;
                }
            }
        }
        assert!(compared > 0);
    }

    /// The book of `bytes`, its sheets of `from` bytes or more read in segments of
    /// `size` bytes.
    fn book_in_segments(bytes: &[u8], from: u64, size: usize) -> XlsxBook<'_> {
        let zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        let names = zip
            .file_names()
            .map(|n| (n.to_lowercase(), n.to_owned()))
            .collect();
        let mut book = open_xlsx("t.xlsx", bytes, zip, names, &mut Vec::new()).unwrap();
        book.segmented_from = from;
        book.segment_bytes = size;
        book
    }

    /// A sheet read by `book` with a budget of `cells`: its cells and merged ranges,
    /// and the problems, as shown.
    fn read_by(
        book: &mut XlsxBook,
        sheet: &str,
        cells: u64,
    ) -> (Option<(Cells, Vec<Merge>)>, Vec<String>) {
        let mut problems = Vec::new();
        let grid = book.grid(sheet, &CellBudget::new(cells), &mut problems);
        let shown = problems
            .iter()
            .map(|p| format!("{:?} {}", p.cell(), p.message_in(crate::lang::Lang::En)))
            .collect();
        (grid.map(|g| g.contents()), shown)
    }

    /// The sheet read in segments of `size` bytes alone, without a reading from the
    /// start to fall back on.
    fn segments_only(bytes: &[u8], sheet: &str, size: usize) -> Result<Cells, Uncut> {
        let book = book_in_segments(bytes, 0, size);
        let parts = &*book.parts;
        let entry = parts.sheets.iter().find(|s| s.name == sheet).unwrap();
        let name = &parts.names[entry.part.as_ref().unwrap()];
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        let part = zip.by_name(name).unwrap();
        read_in_segments(sheet, parts, part, &CellBudget::new(1 << 30), size)
            .map(|g| g.contents().0)
    }

    #[test]
    fn a_sheet_read_in_segments_is_the_sheet_read_from_its_start() {
        let dir = tempfile::tempdir().unwrap();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data");
        let mut compared = 0;
        for bundle in ["lyon7", "grenoble_sud", "cevennes"] {
            let out = dir.path().join(format!("{bundle}/t.xlsx"));
            super::super::write_workbook_bundle(&root.join(bundle), &out).unwrap();
            let bytes = std::fs::read(&out).unwrap();
            let sheets = book_in_segments(&bytes, 0, 1).sheets();
            for (sheet, _) in sheets {
                let whole = read_by(&mut book_in_segments(&bytes, u64::MAX, 0), &sheet, 1 << 30);
                let cells = whole.0.as_ref().unwrap().0.clone();
                assert!(whole.1.is_empty(), "{bundle} {sheet}: {:?}", whole.1);
                for size in [1, 37, 256, 4096, 1 << 20] {
                    // read in segments indeed, not fallen back on a reading from the start
                    let alone = segments_only(&bytes, &sheet, size);
                    assert_eq!(alone.as_ref(), Ok(&cells), "{bundle} {sheet} {size}");
                    let segmented =
                        read_by(&mut book_in_segments(&bytes, 0, size), &sheet, 1 << 30);
                    assert_eq!(segmented, whole, "{bundle} {sheet} {size}");
                }
                compared += cells.len();
            }
        }
        assert!(compared > 1000, "{compared}");
    }

    #[test]
    fn workbooks_of_the_fuzz_corpus_read_in_segments_as_from_their_start() {
        let mut compared = 0;
        for (_, bytes) in fuzz_corpus() {
            let bytes = &bytes[..];
            let Some(book) = zip::ZipArchive::new(Cursor::new(bytes))
                .ok()
                .and_then(|zip| {
                    let names = zip
                        .file_names()
                        .map(|n| (n.to_lowercase(), n.to_owned()))
                        .collect();
                    open_xlsx("t.xlsx", bytes, zip, names, &mut Vec::new())
                })
            else {
                continue;
            };
            for (sheet, _) in book.sheets() {
                let whole = read_by(&mut book_in_segments(bytes, u64::MAX, 0), &sheet, 1 << 20);
                for size in [1, 50] {
                    let segmented = read_by(&mut book_in_segments(bytes, 0, size), &sheet, 1 << 20);
                    assert_eq!(segmented, whole, "{sheet} {size}");
                }
                compared += 1;
            }
        }
        assert!(compared > 0);
    }

    #[test]
    fn a_sheet_that_cannot_be_cut_is_read_from_its_start_with_the_same_problems() {
        let cell = |r: &str, v: u32| format!(r#"<c r="{r}" t="s"><v>{v}</v></c>"#);
        let cases = [
            // rows without their numbers: fine from the start, not in a segment
            format!(
                "<sheetData><row>{}</row><row><c t=\"s\"><v>2</v></c></row><row/><row><c t=\"s\"><v>0</v></c></row></sheetData>",
                r#"<c t="s"><v>0</v></c><c t="s"><v>1</v></c>"#
            ),
            // rows out of order across a seam
            format!(
                r#"<sheetData><row r="2">{}</row><row r="1">{}</row></sheetData>"#,
                cell("A2", 0),
                cell("A1", 1)
            ),
            // rows out of order across a seam, their cells in order
            format!(
                r#"<sheetData><row r="5">{}</row><row r="3">{}</row></sheetData>"#,
                cell("A1", 0),
                cell("A2", 1)
            ),
            // cells out of order across a seam
            format!(
                r#"<sheetData><row r="1">{}</row><row r="2">{}</row></sheetData>"#,
                cell("A2", 0),
                cell("A1", 1)
            ),
            // a cell given twice across a seam
            format!(
                r#"<sheetData><row r="1">{}</row><row r="2">{}</row></sheetData>"#,
                cell("B2", 0),
                cell("B2", 1)
            ),
            // damaged: the XML ends in a cell
            format!(
                r#"<sheetData><row r="1">{}</row><row r="2"><c r="A2"><v>2</v>"#,
                cell("A1", 0)
            ),
        ];
        for (i, data) in cases.iter().enumerate() {
            let bytes = workbook(data, "");
            assert_eq!(segments_only(&bytes, "s", 1), Err(Uncut), "case {i}");
            let whole = read_by(&mut book_in_segments(&bytes, u64::MAX, 0), "s", 1 << 30);
            let segmented = read_by(&mut book_in_segments(&bytes, 0, 1), "s", 1 << 30);
            assert_eq!(segmented, whole, "case {i}");
            // the cells the segments took are given back before the reading from the
            // start: a budget of exactly the sheet's cells still reads it
            if let Some((cells, _)) = &whole.0 {
                let exact = cells.len() as u64;
                let read = read_by(&mut book_in_segments(&bytes, 0, 1), "s", exact);
                assert_eq!(read, whole, "case {i}");
            }
        }
        // the case read whole from the start is one of them
        let first = read_by(
            &mut book_in_segments(&workbook(&cases[0], ""), 0, 1),
            "s",
            4,
        );
        assert_eq!(first.0.map(|c| c.0.len()), Some(4));
    }

    #[test]
    fn reads_cell_references_and_merged_ranges() {
        assert_eq!(cell_position(b"C14"), Some((14, 3)));
        assert_eq!(cell_position(b"aa1"), Some((1, 27)));
        assert_eq!(cell_position(b"14"), None);
        assert_eq!(cell_position(b"C"), None);
        assert_eq!(cell_position(b"C0"), None);
        assert_eq!(cell_position(b"C$1"), None);
        assert_eq!(cell_position(b"C99999999999"), None);
        assert_eq!(
            merge_of(b"B2:A1"),
            Some(Merge {
                first_row: 1,
                first_col: 1,
                last_row: 2,
                last_col: 2
            })
        );
    }

    #[test]
    fn tells_date_formats_as_calamine_does() {
        for (code, format) in [
            ("DD/MM/YY", NumberFormat::DateTime),
            ("H:MM:SS;@", NumberFormat::DateTime),
            ("#,##0\\ [$\\u20bd-46D]", NumberFormat::Other),
            ("m\"M\"d\"D\";@", NumberFormat::DateTime),
            ("[h]:mm:ss", NumberFormat::Duration),
            (
                "\"Y: \"0.00\"m\";\"Y: \"-0.00\"m\";\"Y: <num>m\";@",
                NumberFormat::Other,
            ),
            ("\"$\"#,##0_);[Red](\"$\"#,##0)", NumberFormat::Other),
            (
                "[$-404]e\"\\xfc\"m\"\\xfc\"d\"\\xfc\"",
                NumberFormat::DateTime,
            ),
            ("0_ ;[Red]\\-0\\ ", NumberFormat::Other),
            ("\\Y000000", NumberFormat::Other),
            ("#,##0.0####\" YMD\"", NumberFormat::Other),
            ("[h]", NumberFormat::Duration),
            ("[ss]", NumberFormat::Duration),
            ("[s].000", NumberFormat::Duration),
            ("[mm]", NumberFormat::Duration),
            (
                "[Blue]\\+[h]:mm;[Red]\\-[h]:mm;[Green][h]:mm",
                NumberFormat::Duration,
            ),
            ("[>=100][Magenta][s].00", NumberFormat::Duration),
            ("[>=100][Magenta].00", NumberFormat::Other),
            ("[>=100][Magenta]General", NumberFormat::Other),
            ("ha/p\\\\m", NumberFormat::DateTime),
            (
                "#,##0.00\\ _M\"H\"_);[Red]#,##0.00\\ _M\"S\"_)",
                NumberFormat::Other,
            ),
            ("dd/mm/yyyy", NumberFormat::DateTime),
            ("0.00", NumberFormat::Other),
        ] {
            assert_eq!(custom_format(code), format, "{code}");
        }
        for id in 14..=22 {
            assert_eq!(
                builtin_format(id.to_string().as_bytes()),
                NumberFormat::DateTime
            );
        }
        assert_eq!(builtin_format(b"45"), NumberFormat::DateTime);
        assert_eq!(builtin_format(b"46"), NumberFormat::Duration);
        assert_eq!(builtin_format(b"47"), NumberFormat::DateTime);
        assert_eq!(builtin_format(b"2"), NumberFormat::Other);
        assert_eq!(builtin_format(b"23"), NumberFormat::Other);
    }
}
