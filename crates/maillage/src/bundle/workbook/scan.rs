//! Opening a workbook: the archive checked (a damaged zip, a part that decompresses
//! beyond [`MAX_WORKBOOK_PART_BYTES`], an `.ods` whose repeated rows and columns spread
//! beyond [`MAX_WORKBOOK_CELLS`]), then an `.xlsx` handed to our reader (`xlsx`) and an
//! `.ods` to calamine, whose cells are read into a [`Grid`]; the cell budget the sheets
//! share.

use super::grid::{Grid, Merge, ERROR};
use super::{bad_workbook, Book, MAX_WORKBOOK_CELLS, MAX_WORKBOOK_PART_BYTES};
use crate::bundle::{Location, Problem, ProblemCode};
use calamine::{Data, ExcelDateTime, Ods, Reader};
use quick_xml::events::{BytesStart, Event};
use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::{BufReader, Cursor, Read};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

pub(super) type Archive<'a> = zip::ZipArchive<Cursor<&'a [u8]>>;

/// The most merged ranges kept for an `.ods` table (only those of the header matter).
const MAX_MERGES: usize = 10_000;
/// The longest run of spaces an `.ods` cell may ask for (`text:s text:c`): a cell
/// holds at most 32,767 characters.
const MAX_SPACES: u64 = 32_767;
/// The rows of an `.ods` table whose merged ranges are kept (those of the header).
const ODS_MERGE_ROWS: u64 = 64;

/// Opens a workbook's bytes; `None`, with the problem pushed, when it cannot be read.
pub(crate) fn open<'a>(
    file: &str,
    bytes: &'a [u8],
    problems: &mut Vec<Problem>,
) -> Option<Box<dyn Book<'a> + 'a>> {
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        problems.push(bad_workbook(file, crate::msg!(OldOrProtectedWorkbook)));
        return None;
    }
    if !bytes.starts_with(b"PK") {
        problems.push(bad_workbook(file, crate::msg!(NotAZipArchive)));
        return None;
    }
    let mut zip = match zip::ZipArchive::new(Cursor::new(bytes)) {
        Ok(z) => z,
        Err(e) => {
            problems.push(bad_workbook(
                file,
                crate::msg!(DamagedArchive, detail = e.to_string()),
            ));
            return None;
        }
    };
    let names: HashMap<String, String> = zip
        .file_names()
        .map(|n| (n.to_lowercase(), n.to_owned()))
        .collect();
    let is_ods = read_part(&mut zip, &names, "mimetype", 1024)
        .ok()
        .flatten()
        .is_some_and(|m| m.starts_with(b"application/vnd.oasis.opendocument.spreadsheet"));
    if is_ods {
        return open_ods(file, bytes, zip, &names, problems);
    }
    if !names.contains_key("xl/workbook.xml") {
        problems.push(bad_workbook(file, crate::msg!(NotASpreadsheet)));
        return None;
    }
    let book = super::xlsx::open_xlsx(file, bytes, zip, names, problems)?;
    Some(Box::new(book))
}

/// A part of the archive too large once decompressed.
pub(super) fn too_large_part(file: &str, part: &str) -> Problem {
    Problem::error(
        file,
        Location::File,
        None,
        ProblemCode::TooLarge,
        crate::msg!(
            PartTooLarge,
            part = part,
            mib = MAX_WORKBOOK_PART_BYTES >> 20
        ),
    )
}

/// A part of the archive by its name (any case), decompressed up to `limit` bytes:
/// `Ok(None)` when absent, `Err(true)` when beyond the limit, `Err(false)` when damaged.
pub(super) fn read_part(
    zip: &mut Archive,
    names: &HashMap<String, String>,
    part: &str,
    limit: u64,
) -> Result<Option<Vec<u8>>, bool> {
    let Some(name) = names.get(part) else {
        return Ok(None);
    };
    let entry = zip.by_name(name).map_err(|_| false)?;
    let mut bytes = Vec::new();
    entry
        .take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|_| false)?;
    if bytes.len() as u64 > limit {
        return Err(true);
    }
    Ok(Some(bytes))
}

/// An XML reader over a part of the archive, decompressed up to the part limit.
type PartReader<'z, 'a> =
    quick_xml::Reader<BufReader<std::io::Take<zip::read::ZipFile<'z, Cursor<&'a [u8]>>>>>;

fn part_reader<'z, 'a>(
    zip: &'z mut Archive<'a>,
    names: &HashMap<String, String>,
    part: &str,
) -> Option<PartReader<'z, 'a>> {
    let name = names.get(part)?;
    let entry = zip.by_name(name).ok()?;
    let mut reader =
        quick_xml::Reader::from_reader(BufReader::new(entry.take(MAX_WORKBOOK_PART_BYTES + 1)));
    reader.config_mut().check_end_names = false;
    Some(reader)
}

fn attribute(e: &BytesStart, key: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == key)
        .map(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map_or_else(|_| a.value.to_string(), |v| v.into_owned())
        })
}

/// A number as the format reads it back: the shortest text of the same double.
pub(super) fn push_number(text: &mut String, x: f64) {
    // writing to a String cannot fail
    let _ = write!(text, "{x}");
}

/// A spreadsheet date as an ISO date (with its time when it has one).
pub(super) fn push_date(text: &mut String, d: &ExcelDateTime) {
    if !d.is_datetime() {
        return push_number(text, d.as_f64());
    }
    let (y, m, day, h, min, s, ms) = d.to_ymd_hms_milli();
    let _ = if (h, min, s, ms) == (0, 0, 0, 0) {
        write!(text, "{y:04}-{m:02}-{day:02}")
    } else {
        write!(text, "{y:04}-{m:02}-{day:02} {h:02}:{min:02}:{s:02}")
    };
}

/// An OpenDocument date (`2024-06-30` or `2024-06-30T00:00:00`) as an ISO date.
fn iso_text(s: &str) -> &str {
    s.strip_suffix("T00:00:00").unwrap_or(s)
}

/// The cells a workbook may still have read ([`MAX_WORKBOOK_CELLS`]), shared by the
/// sheets read at the same time.
pub(crate) struct CellBudget {
    left: AtomicU64,
    exhausted: AtomicBool,
}

/// The cells a sheet takes from the budget at once, so that the sheets read together
/// do not contend for each cell.
const CELL_BATCH: u64 = 4096;

impl CellBudget {
    pub(crate) fn new(cells: u64) -> Self {
        Self {
            left: AtomicU64::new(cells),
            exhausted: AtomicBool::new(false),
        }
    }

    /// Whether a sheet was refused for want of cells.
    pub(crate) fn exhausted(&self) -> bool {
        self.exhausted.load(Ordering::Relaxed)
    }

    /// Gives back cells taken by readings whose cells were dropped.
    pub(super) fn give_back(&self, cells: u64) {
        self.left.fetch_add(cells, Ordering::AcqRel);
    }

    pub(super) fn sheet(&self) -> SheetCells<'_> {
        SheetCells {
            budget: self,
            batch: 0,
        }
    }
}

/// A sheet's share of the [`CellBudget`], taken in batches; what it did not read is
/// given back when the sheet is done, so that sheets read one after the other share
/// the budget exactly.
pub(super) struct SheetCells<'b> {
    budget: &'b CellBudget,
    batch: u64,
}

impl SheetCells<'_> {
    /// Whether one more cell may be read; pushes the problem when not.
    pub(super) fn take(&mut self, sheet: &str, problems: &mut Vec<Problem>) -> bool {
        if self.batch == 0 {
            let taken =
                self.budget
                    .left
                    .fetch_update(Ordering::AcqRel, Ordering::Acquire, |left| {
                        (left > 0).then(|| left - left.min(CELL_BATCH))
                    });
            match taken {
                Ok(before) => self.batch = before.min(CELL_BATCH),
                Err(_) => {
                    self.budget.exhausted.store(true, Ordering::Relaxed);
                    problems.push(Problem::error(
                        sheet,
                        Location::File,
                        None,
                        ProblemCode::TooLarge,
                        crate::msg!(TooManyCells, max = MAX_WORKBOOK_CELLS),
                    ));
                    return false;
                }
            }
        }
        self.batch -= 1;
        true
    }
}

impl Drop for SheetCells<'_> {
    fn drop(&mut self) {
        self.budget.left.fetch_add(self.batch, Ordering::AcqRel);
    }
}

pub(super) fn full_text_buffer(sheet: &str) -> Problem {
    Problem::error(
        sheet,
        Location::File,
        None,
        ProblemCode::TooLarge,
        crate::msg!(WorkbookCellsTooLarge),
    )
}

// ----------------------------------------------------------------------------- ods

struct OdsBook<'a> {
    ods: Ods<Cursor<&'a [u8]>>,
    /// Each table's merged ranges near its top, found by the check of content.xml.
    merges: HashMap<String, Vec<Merge>>,
}

fn open_ods<'a>(
    file: &str,
    bytes: &'a [u8],
    mut zip: Archive<'a>,
    names: &HashMap<String, String>,
    problems: &mut Vec<Problem>,
) -> Option<Box<dyn Book<'a> + 'a>> {
    let merges = match check_ods_content(&mut zip, names) {
        Ok(m) => m,
        Err(OdsRefusal::TooLarge) => {
            problems.push(too_large_part(file, "content.xml"));
            return None;
        }
        Err(OdsRefusal::Cells(n)) => {
            problems.push(Problem::error(
                file,
                Location::File,
                None,
                ProblemCode::TooLarge,
                crate::msg!(RepeatedCellsTooMany, cells = n, max = MAX_WORKBOOK_CELLS),
            ));
            return None;
        }
        Err(OdsRefusal::Spaces) => {
            problems.push(bad_workbook(
                file,
                crate::msg!(TooManySpaces, max = MAX_SPACES),
            ));
            return None;
        }
        Err(OdsRefusal::Unclosed) => {
            problems.push(bad_workbook(file, crate::msg!(SheetsTruncated)));
            return None;
        }
    };
    match Ods::new(Cursor::new(bytes)) {
        Ok(ods) => Some(Box::new(OdsBook { ods, merges })),
        Err(e) => {
            problems.push(bad_workbook(
                file,
                crate::msg!(WorkbookCannotBeRead, detail = e.to_string()),
            ));
            None
        }
    }
}

enum OdsRefusal {
    TooLarge,
    Cells(u64),
    Spaces,
    /// The content ends inside a table, a row or a comment (a truncated file), or is
    /// not well-formed XML: calamine's reader, lenient with end tags, would read on to
    /// the end and wait there forever.
    Unclosed,
}

/// The elements of content.xml that calamine reads until they close: a file that ends
/// inside one of them is refused before calamine reads it.
const ODS_CLOSED_ELEMENTS: [&str; 3] = ["table:table", "table:table-row", "office:annotation"];

/// Checks an `.ods`'s content.xml before calamine reads it whole: its size once
/// decompressed, and the cells its repeated rows and columns spread to (calamine makes
/// a rectangle of each table's cells, from its first to its last row with a value);
/// and finds the merged ranges near each table's top.
fn check_ods_content(
    zip: &mut Archive,
    names: &HashMap<String, String>,
) -> Result<HashMap<String, Vec<Merge>>, OdsRefusal> {
    let mut merges: HashMap<String, Vec<Merge>> = HashMap::new();
    let Some(mut xml) = part_reader(zip, names, "content.xml") else {
        return Ok(merges);
    };
    let mut buf = Vec::new();
    let mut table = String::new();
    let (mut row, mut col) = (0u64, 0u64);
    let mut repeat_rows = 1u64;
    let mut row_max_col = 0u64;
    // per table: first and last row with a value, widest column with a value
    let mut first_row: Option<u64> = None;
    let (mut last_row, mut max_col) = (0u64, 0u64);
    let mut total = 0u64;
    let count = |v: Option<String>| {
        v.and_then(|s| s.trim().parse::<u64>().ok())
            .unwrap_or(1)
            .max(1)
    };
    // how many of each of ODS_CLOSED_ELEMENTS are open
    let mut open = [0u64; ODS_CLOSED_ELEMENTS.len()];
    let which = |name: &str| ODS_CLOSED_ELEMENTS.iter().position(|n| *n == name);
    loop {
        let event = xml.read_event_into(&mut buf);
        match &event {
            Ok(Event::Start(e)) => {
                if let Some(i) = which(e.name().as_ref()) {
                    open[i] += 1;
                }
            }
            Ok(Event::End(e)) => {
                if let Some(i) = which(e.name().as_ref()) {
                    open[i] = open[i].saturating_sub(1);
                }
            }
            Ok(Event::Eof) if open.iter().any(|&n| n > 0) => return Err(OdsRefusal::Unclosed),
            _ => {}
        }
        match event {
            Ok(Event::Start(ref e) | Event::Empty(ref e)) => match e.name().as_ref() {
                "table:table" => {
                    table = attribute(e, "table:name").unwrap_or_default();
                    (row, first_row, last_row, max_col) = (0, None, 0, 0);
                }
                "table:table-row" => {
                    repeat_rows = count(attribute(e, "table:number-rows-repeated"));
                    col = 0;
                    row_max_col = 0;
                    if matches!(event, Ok(Event::Empty(_))) {
                        row = row.saturating_add(repeat_rows);
                    }
                }
                "table:table-cell" | "table:covered-table-cell" => {
                    let repeat = count(attribute(e, "table:number-columns-repeated"));
                    let valued = e
                        .attributes()
                        .flatten()
                        .any(|a| matches!(a.key.as_ref(), "office:value-type" | "table:formula"));
                    let spans = (
                        count(attribute(e, "table:number-rows-spanned")),
                        count(attribute(e, "table:number-columns-spanned")),
                    );
                    if spans != (1, 1) && row < ODS_MERGE_ROWS {
                        let list = merges.entry(table.clone()).or_default();
                        if list.len() < MAX_MERGES {
                            let (r, c) =
                                (row as u32 + 1, col.min(u64::from(u32::MAX / 2)) as u32 + 1);
                            list.push(Merge {
                                first_row: r,
                                first_col: c,
                                last_row: r.saturating_add(spans.0.min(1 << 20) as u32 - 1),
                                last_col: c.saturating_add(spans.1.min(1 << 14) as u32 - 1),
                            });
                        }
                    }
                    col = col.saturating_add(repeat);
                    if valued {
                        row_max_col = row_max_col.max(col.min(16_384));
                    }
                }
                "text:s" if count(attribute(e, "text:c")) > MAX_SPACES => {
                    return Err(OdsRefusal::Spaces);
                }
                _ => {}
            },
            Ok(Event::End(ref e)) => match e.name().as_ref() {
                "table:table-row" => {
                    if row_max_col > 0 {
                        first_row.get_or_insert(row);
                        last_row = row.saturating_add(repeat_rows);
                        max_col = max_col.max(row_max_col);
                    }
                    row = row.saturating_add(repeat_rows);
                }
                "table:table" => {
                    if let Some(first) = first_row {
                        let rows = last_row.min(1 << 20).saturating_sub(first);
                        // the values and the formulas, a rectangle each
                        total =
                            total.saturating_add(rows.saturating_mul(max_col).saturating_mul(2));
                        if total > MAX_WORKBOOK_CELLS.saturating_mul(2) {
                            return Err(OdsRefusal::Cells(total / 2));
                        }
                    }
                }
                _ => {}
            },
            Ok(Event::Eof) => break,
            Err(_) if xml.get_ref().get_ref().limit() == 0 => return Err(OdsRefusal::TooLarge),
            Err(_) => return Err(OdsRefusal::Unclosed),
            _ => {}
        }
        buf.clear();
    }
    if xml.into_inner().into_inner().limit() == 0 {
        return Err(OdsRefusal::TooLarge);
    }
    Ok(merges)
}

impl<'a> Book<'a> for OdsBook<'a> {
    fn second_reader(&self) -> Option<Box<dyn Book<'a> + 'a>> {
        None
    }

    fn sheets(&self) -> Vec<(String, bool)> {
        self.ods
            .sheets_metadata()
            .iter()
            .map(|s| (s.name.clone(), s.visible == calamine::SheetVisible::Visible))
            .collect()
    }

    fn grid(
        &mut self,
        sheet: &str,
        cells: &CellBudget,
        problems: &mut Vec<Problem>,
    ) -> Option<Grid> {
        let mut cells = cells.sheet();
        let range = match self.ods.worksheet_range(sheet) {
            Ok(r) => r,
            Err(e) => {
                problems.push(bad_workbook(
                    sheet,
                    crate::msg!(SheetCannotBeRead, detail = e.to_string()),
                ));
                return None;
            }
        };
        let formulas: Vec<(u32, u32)> = self
            .ods
            .worksheet_formula(sheet)
            .map(|f| {
                let (r0, c0) = f.start().unwrap_or((0, 0));
                f.used_cells()
                    .filter(|(_, _, v)| !v.is_empty())
                    .map(|(r, c, _)| (r0 + r as u32 + 1, c0 + c as u32 + 1))
                    .collect()
            })
            .unwrap_or_default();
        let mut grid = Grid::with_merges(self.merges.get(sheet).cloned().unwrap_or_default());
        let (r0, c0) = range.start().unwrap_or((0, 0));
        for (r, c, value) in range.used_cells() {
            let mut flags = 0;
            let text = grid.next_text();
            match value {
                Data::Empty => continue,
                Data::Int(i) => {
                    let _ = write!(text, "{i}");
                }
                Data::Float(x) => push_number(text, *x),
                Data::String(s) => text.push_str(s),
                Data::Bool(b) => text.push_str(if *b { "true" } else { "false" }),
                Data::DateTime(d) => push_date(text, d),
                Data::DateTimeIso(s) => text.push_str(iso_text(s)),
                Data::DurationIso(s) => text.push_str(s),
                Data::Error(e) => {
                    text.push_str(&e.to_string());
                    flags = ERROR;
                }
            }
            if grid.written().trim().is_empty() && flags == 0 {
                continue;
            }
            if !cells.take(sheet, problems) {
                return None;
            }
            let (row, col) = (r0 + r as u32 + 1, c0 + c as u32 + 1);
            if !grid.commit(row, col, flags) {
                problems.push(full_text_buffer(sheet));
                return None;
            }
        }
        grid.mark_formulas(&formulas);
        Some(grid)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheets_read_in_turn_share_the_cell_budget_exactly() {
        let budget = CellBudget::new(CELL_BATCH + 10);
        let mut problems = Vec::new();
        // the first sheet takes a batch, reads 10 cells, and gives the rest back
        let mut first = budget.sheet();
        assert!((0..10).all(|_| first.take("a", &mut problems)));
        drop(first);
        let mut second = budget.sheet();
        assert!((0..CELL_BATCH).all(|_| second.take("b", &mut problems)));
        assert!(!budget.exhausted());
        assert!(!second.take("b", &mut problems));
        assert!(budget.exhausted());
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].file, "b");
        assert_eq!(problems[0].code, ProblemCode::TooLarge);
    }
}
