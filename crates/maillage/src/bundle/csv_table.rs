//! A CSV file read whole, with its header checked, and typed access to its cells that
//! records every problem instead of stopping at the first.

use super::problem::{clip, MAX_ERRORS_PER_FILE};
use super::{decode_text, Location, Problem, ProblemCode};
use crate::lang::Message;
use crate::model::{looks_like_formula, split_themes, Date, Theme};

/// A CSV file of the bundle, decoded and split into rows.
///
/// The cells are kept in one buffer, row after row, rather than one string each: a
/// national relations file (4 million rows of 7 cells) then takes the size of its text
/// plus 4 bytes a cell, instead of an allocation a cell.
#[derive(Debug, Clone)]
pub struct CsvTable {
    /// File path relative to the bundle.
    pub file: String,
    /// Column names as written (trimmed).
    pub headers: Vec<String>,
    /// Every cell of every kept row, concatenated in reading order.
    cells: String,
    /// End of each cell in `cells` (`headers.len()` cells a row).
    cell_ends: Vec<u32>,
    /// The physical line each kept row starts on (a sheet's row, for a table read from
    /// a workbook).
    lines: Vec<u64>,
    /// For a table read from a workbook's sheet: where its columns lie in the sheet,
    /// so that problems name cells (`acteurs!C14`) and headers as written.
    origin: Option<Box<SheetOrigin>>,
}

/// Where the columns of a table read from a workbook's sheet lie.
#[derive(Debug, Clone)]
pub(crate) struct SheetOrigin {
    /// The header's row in the sheet (1-based; its last row, for a header on several rows).
    pub(crate) header_row: u32,
    /// Each column's place in the sheet, 1-based (A = 1), in header order.
    pub(crate) columns: Vec<u32>,
    /// Each header as written in the sheet (`nom`, `Type`...), in header order.
    pub(crate) written: Vec<String>,
    /// The first column after the table's header, where a missing column would go.
    pub(crate) next_column: u32,
    /// The sheet's name of each column of the format (`kind` → `type`), for the
    /// columns the sheet lacks.
    pub(crate) names: &'static [(&'static str, &'static str)],
}

/// Where a table's problems lie: its file (or sheet) and, for a sheet, its columns.
#[derive(Debug, Clone)]
pub(crate) struct TablePlace {
    pub(crate) file: String,
    headers: Vec<String>,
    origin: Option<Box<SheetOrigin>>,
}

impl TablePlace {
    /// The place of a file's whole line (CSV), or of a row's cell in `column`
    /// (a sheet; the row's first column when the table has no such column).
    pub(crate) fn location(&self, line: u64, column: &str) -> Location {
        match &self.origin {
            None => Location::Line(line),
            Some(o) => Location::Cell {
                row: u32::try_from(line).unwrap_or(u32::MAX),
                column: self
                    .headers
                    .iter()
                    .position(|h| h == column)
                    .and_then(|i| o.columns.get(i).copied())
                    .or_else(|| o.columns.first().copied())
                    .unwrap_or(1),
            },
        }
    }

    /// The column's name as the file writes it: the header of the sheet (`type` for
    /// `kind`), or the format's name.
    pub(crate) fn field(&self, column: &str) -> String {
        let Some(o) = &self.origin else {
            return column.to_owned();
        };
        match self.headers.iter().position(|h| h == column) {
            Some(i) => o.written[i].clone(),
            None => o
                .names
                .iter()
                .find(|(canonical, _)| *canonical == column)
                .map_or(column, |(_, name)| name)
                .to_owned(),
        }
    }
}

/// The longest line read in a CSV file: 1 MiB (a spreadsheet cell holds at most 32,767
/// characters). A longer line refuses the file, naming the line.
pub const MAX_LINE_BYTES: usize = 1 << 20;
/// The most rows read in a CSV file: twenty million (France's whole network holds
/// about 4 million relations). More refuses the file.
pub const MAX_ROWS: usize = 20_000_000;

/// The most `formula_text` warnings located in one table; the others are counted.
pub const MAX_FORMULA_WARNINGS: usize = 20;

/// Byte offsets of every `\n`.
fn memchr_all(bytes: &[u8]) -> Vec<usize> {
    bytes
        .iter()
        .enumerate()
        .filter_map(|(i, &b)| (b == b'\n').then_some(i))
        .collect()
}

/// Picks `;` when the header line holds more semicolons than commas, else `,`.
pub(crate) fn detect_delimiter(text: &str) -> u8 {
    let header = text.lines().next().unwrap_or("");
    let count = |c| header.chars().filter(|&x| x == c).count();
    if count(';') > count(',') {
        b';'
    } else {
        b','
    }
}

impl CsvTable {
    /// Parses a CSV file's bytes. Problems (encoding, empty file, malformed rows, rows
    /// with the wrong number of fields, duplicate columns) go to `problems`; `None` when
    /// nothing usable could be read.
    pub fn parse(file: &str, bytes: &[u8], problems: &mut Vec<Problem>) -> Option<Self> {
        let (text, warning) = decode_text(file, bytes);
        problems.extend(warning);
        if text.trim().is_empty() {
            problems.push(Problem::error(
                file,
                Location::File,
                None,
                ProblemCode::EmptyFile,
                crate::msg!(EmptyFileNeedsHeader),
            ));
            return None;
        }
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(detect_delimiter(&text))
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        let mut record = csv::StringRecord::new();
        let headers: Vec<String> = match reader.read_record(&mut record) {
            Ok(true) => record.iter().map(|c| c.trim().to_owned()).collect(),
            Err(e) => {
                problems.push(csv_error(file, &e));
                return None;
            }
            Ok(false) => return None,
        };
        for (i, h) in headers.iter().enumerate() {
            if !h.is_empty() && headers[..i].contains(h) {
                problems.push(Problem::error(
                    file,
                    Location::Line(1),
                    Some(h),
                    ProblemCode::DuplicateColumn,
                    crate::msg!(DuplicateColumn, column = h),
                ));
            }
        }
        // Lines are counted from byte offsets: the csv crate's own line count is off
        // after CRLF line endings, where a record's offset points at the `\n` ending the
        // previous line (hence `<=`).
        let newlines: Vec<usize> = memchr_all(text.as_bytes());
        if let Some(problem) = check_line_lengths(file, &newlines, text.len()) {
            problems.push(problem);
            return None;
        }
        if newlines.len() > MAX_ROWS + 1 {
            problems.push(Problem::error(
                file,
                Location::Line(MAX_ROWS as u64 + 2),
                None,
                ProblemCode::TooLarge,
                crate::msg!(TooManyLines, lines = newlines.len() + 1, max = MAX_ROWS),
            ));
            return None;
        }
        let mut budget = ErrorBudget::new(file, problems);
        let line_of = |byte: u64| 1 + newlines.partition_point(|&nl| (nl as u64) <= byte) as u64;
        let width = headers.len();
        let mut cells = String::with_capacity(text.len());
        let mut cell_ends: Vec<u32> = Vec::new();
        let mut lines = Vec::new();
        // one record reused for every row: no allocation per row
        loop {
            if budget.exhausted(problems) {
                break;
            }
            match reader.read_record(&mut record) {
                Ok(false) => break,
                Ok(true) => {
                    let line = record.position().map_or(0, |p| line_of(p.byte()));
                    if record.iter().all(|c| c.trim().is_empty()) {
                        continue; // blank lines and rows of empty cells left by spreadsheets
                    }
                    if record.len() != width {
                        problems.push(Problem::error(
                            file,
                            Location::Line(line),
                            None,
                            ProblemCode::BadCsv,
                            crate::msg!(RowWidth, fields = record.len(), width = width),
                        ));
                        continue;
                    }
                    for cell in record.iter() {
                        cells.push_str(cell);
                        // the text is at most a few GiB (MAX_TABLE_BYTES, decoded)
                        cell_ends.push(u32::try_from(cells.len()).unwrap_or(u32::MAX));
                    }
                    lines.push(line);
                }
                Err(e) => {
                    let mut problem = csv_error(file, &e);
                    if let Some(p) = e.position() {
                        problem.location = Location::Line(line_of(p.byte()));
                    }
                    problems.push(problem);
                }
            }
        }
        if u32::try_from(cells.len()).is_err() {
            problems.push(Problem::error(
                file,
                Location::File,
                None,
                ProblemCode::TooLarge,
                crate::msg!(CellsTooLarge),
            ));
            return None;
        }
        Some(Self {
            file: file.to_owned(),
            headers,
            cells,
            cell_ends,
            lines,
            origin: None,
        })
    }

    /// A table read from a workbook's sheet: `headers` are the format's names of its
    /// columns, `cells` every kept row's cells in header order (`cell_ends` as in a
    /// parsed file), `lines` each row's number in the sheet.
    pub(crate) fn from_sheet(
        sheet: &str,
        headers: Vec<String>,
        origin: SheetOrigin,
        cells: String,
        cell_ends: Vec<u32>,
        lines: Vec<u64>,
    ) -> Self {
        Self {
            file: sheet.to_owned(),
            headers,
            cells,
            cell_ends,
            lines,
            origin: Some(Box::new(origin)),
        }
    }

    /// Where this table's problems lie.
    pub(crate) fn place(&self) -> TablePlace {
        TablePlace {
            file: self.file.clone(),
            headers: self.headers.clone(),
            origin: self.origin.clone(),
        }
    }

    /// The position of a column.
    pub fn column(&self, name: &str) -> Option<usize> {
        self.headers.iter().position(|h| h == name)
    }

    /// Checks that every required column is present; reports each missing one.
    pub fn require_columns(&self, required: &[&str], problems: &mut Vec<Problem>) -> bool {
        let mut ok = true;
        for &name in required {
            if self.column(name).is_none() {
                ok = false;
                let tabs_in_header = self.headers.iter().any(|h| h.contains('\t'));
                let place = self.place();
                let (location, found) = match &self.origin {
                    None => (Location::Line(1), self.headers.join(", ")),
                    Some(o) => (
                        Location::Cell {
                            row: o.header_row,
                            column: o.next_column,
                        },
                        o.written.join(", "),
                    ),
                };
                let expected: Vec<String> = required.iter().map(|c| place.field(c)).collect();
                let name = place.field(name);
                problems.push(Problem::error(
                    &self.file,
                    location,
                    Some(&name),
                    ProblemCode::MissingColumn,
                    if tabs_in_header {
                        crate::msg!(
                            MissingColumnWithTabs,
                            column = &name,
                            expected = expected.join(", "),
                            found = clip(&found, 200)
                        )
                    } else {
                        crate::msg!(
                            MissingColumn,
                            column = &name,
                            expected = expected.join(", "),
                            found = clip(&found, 200)
                        )
                    },
                ));
            }
        }
        ok
    }

    /// The number of rows kept (rows of the wrong width and blank rows are left out).
    pub fn len(&self) -> usize {
        self.lines.len()
    }

    /// Whether no row was kept.
    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// The typed reader of row `index` (< [`len`](Self::len)).
    pub fn row(&self, index: usize) -> Row<'_> {
        Row {
            table: self,
            line: self.lines[index],
            index,
        }
    }

    /// Typed readers over the rows, each recording its problems.
    pub fn rows<'t>(&'t self) -> impl Iterator<Item = Row<'t>> + 't {
        (0..self.len()).map(move |index| self.row(index))
    }

    /// The untrimmed text of row `row`'s cell in column `column`.
    fn raw_cell(&self, row: usize, column: usize) -> &str {
        let i = row * self.headers.len() + column;
        let start = if i == 0 {
            0
        } else {
            self.cell_ends[i - 1] as usize
        };
        &self.cells[start..self.cell_ends[i] as usize]
    }

    /// Warnings for the cells that a spreadsheet would run as a formula (docs/bundle.md,
    /// "Cells a spreadsheet would run"): the first [`MAX_FORMULA_WARNINGS`] located,
    /// the others counted in one last warning.
    pub(crate) fn formula_warnings(&self) -> Vec<Problem> {
        let mut warnings = Vec::new();
        let mut more = 0usize;
        for row in self.rows() {
            for (i, cell) in row.cells().enumerate() {
                if !looks_like_formula(cell) {
                    continue;
                }
                if warnings.len() == MAX_FORMULA_WARNINGS {
                    more += 1;
                    continue;
                }
                warnings.push(row.warning(
                    &self.headers[i],
                    ProblemCode::FormulaText,
                    crate::msg!(FormulaText, value = clip(cell, 60)),
                ));
            }
        }
        if more > 0 {
            warnings.push(Problem::warning(
                &self.file,
                Location::File,
                None,
                ProblemCode::FormulaText,
                crate::msg!(MoreFormulaTexts, count = more),
            ));
        }
        warnings
    }

    /// Columns that are not in `known`, in header order: kept as attributes.
    pub fn extra_columns(&self, known: &[&str]) -> Vec<usize> {
        (0..self.headers.len())
            .filter(|&i| !self.headers[i].is_empty() && !known.contains(&self.headers[i].as_str()))
            .collect()
    }
}

/// Counts the errors pushed for one file, so that checking stops after
/// [`MAX_ERRORS_PER_FILE`] of them (each problem is looked at once).
#[derive(Debug)]
pub(crate) struct ErrorBudget {
    file: String,
    seen: usize,
    errors: usize,
}

impl ErrorBudget {
    /// A budget for the problems pushed after now.
    pub(crate) fn new(file: &str, problems: &[Problem]) -> Self {
        Self {
            file: file.to_owned(),
            seen: problems.len(),
            errors: 0,
        }
    }

    /// Whether the file has used up its errors; if so, pushes the one
    /// `too_many_problems` error, and the caller stops checking.
    pub(crate) fn exhausted(&mut self, problems: &mut Vec<Problem>) -> bool {
        let new = &problems[self.seen.min(problems.len())..];
        self.errors += new
            .iter()
            .filter(|p| p.severity == super::Severity::Error)
            .count();
        self.seen = problems.len();
        if self.errors < MAX_ERRORS_PER_FILE {
            return false;
        }
        problems.push(too_many_problems(&self.file));
        true
    }
}

/// The error that ends the checking of a file with too many errors.
pub(crate) fn too_many_problems(file: &str) -> Problem {
    Problem::error(
        file,
        Location::File,
        None,
        ProblemCode::TooManyProblems,
        crate::msg!(TooManyProblems, max = MAX_ERRORS_PER_FILE),
    )
}

/// The first line longer than [`MAX_LINE_BYTES`], as an error.
fn check_line_lengths(file: &str, newlines: &[usize], len: usize) -> Option<Problem> {
    let ends = newlines.iter().copied().chain(std::iter::once(len));
    let mut start = 0;
    for (i, end) in ends.enumerate() {
        if end - start > MAX_LINE_BYTES {
            return Some(Problem::error(
                file,
                Location::Line(i as u64 + 1),
                None,
                ProblemCode::TooLarge,
                crate::msg!(LineTooLong, bytes = end - start, max = MAX_LINE_BYTES),
            ));
        }
        start = end + 1;
    }
    None
}

fn csv_error(file: &str, e: &csv::Error) -> Problem {
    let line = e
        .position()
        .map_or(Location::File, |p| Location::Line(p.line()));
    Problem::error(
        file,
        line,
        None,
        ProblemCode::BadCsv,
        crate::msg!(UnreadableCsv, detail = e.to_string()),
    )
}

/// A bad value whose problem has already been pushed to the problem list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reported;

/// One row of a [`CsvTable`], with typed accessors that push a [`Problem`] naming the
/// file, line and column on a bad value and return `None`.
#[derive(Debug, Clone, Copy)]
pub struct Row<'t> {
    table: &'t CsvTable,
    /// Physical line the row starts on.
    pub line: u64,
    index: usize,
}

impl<'t> Row<'t> {
    /// The trimmed cell of a column; `None` when the column is absent or the cell empty.
    pub fn get(&self, column: &str) -> Option<&'t str> {
        let i = self.table.column(column)?;
        let v = self.cell(i);
        (!v.is_empty()).then_some(v)
    }

    /// The cell at a column position, trimmed.
    pub fn cell(&self, i: usize) -> &'t str {
        self.table.raw_cell(self.index, i).trim()
    }

    /// Every cell of the row, as written (untrimmed), in header order.
    pub fn cells(&self) -> impl Iterator<Item = &'t str> + 't {
        let (table, index) = (self.table, self.index);
        (0..table.headers.len()).map(move |i| table.raw_cell(index, i))
    }

    /// An error on this row (on its cell in `column`, for a sheet).
    pub fn error(&self, column: &str, code: ProblemCode, message: Message) -> Problem {
        let mut p = self.warning(column, code, message);
        p.severity = super::Severity::Error;
        p
    }

    /// A warning on this row (on its cell in `column`, for a sheet).
    pub fn warning(&self, column: &str, code: ProblemCode, message: Message) -> Problem {
        let (location, field) = match &self.table.origin {
            None => (
                Location::Line(self.line),
                std::borrow::Cow::Borrowed(column),
            ),
            Some(_) => {
                let place = self.table.place();
                (
                    place.location(self.line, column),
                    std::borrow::Cow::Owned(place.field(column)),
                )
            }
        };
        Problem::warning(&self.table.file, location, Some(&field), code, message)
    }

    /// A required, non-empty cell.
    pub fn required(
        &self,
        column: &str,
        expected: Message,
        problems: &mut Vec<Problem>,
    ) -> Option<&'t str> {
        let v = self.get(column);
        if v.is_none() && self.table.column(column).is_some() {
            problems.push(self.error(
                column,
                ProblemCode::MissingValue,
                crate::msg!(EmptyValue, expected = expected),
            ));
        }
        v
    }

    /// An optional number; `Ok(None)` when empty. Accepts a decimal comma (`0,5`), as
    /// French spreadsheets write it.
    pub fn number(
        &self,
        column: &str,
        expected: Message,
        valid: impl Fn(f64) -> bool,
        problems: &mut Vec<Problem>,
    ) -> Result<Option<f64>, Reported> {
        let Some(text) = self.get(column) else {
            return Ok(None);
        };
        match parse_number(text) {
            Some(x) if valid(x) => Ok(Some(x)),
            _ => {
                problems.push(self.error(
                    column,
                    ProblemCode::BadNumber,
                    crate::msg!(BadNumber, value = clip(text, 80), expected = expected),
                ));
                Err(Reported)
            }
        }
    }

    /// An optional ISO date.
    pub fn date(
        &self,
        column: &str,
        problems: &mut Vec<Problem>,
    ) -> Result<Option<Date>, Reported> {
        let Some(text) = self.get(column) else {
            return Ok(None);
        };
        text.parse().map(Some).map_err(|_| {
            problems.push(self.error(
                column,
                ProblemCode::BadDate,
                crate::msg!(BadDate, value = clip(text, 80)),
            ));
            Reported
        })
    }

    /// An optional boolean: true/false, 1/0, yes/no, oui/non, vrai/faux, any case.
    pub fn boolean(
        &self,
        column: &str,
        problems: &mut Vec<Problem>,
    ) -> Result<Option<bool>, Reported> {
        let Some(text) = self.get(column) else {
            return Ok(None);
        };
        match text.to_lowercase().as_str() {
            "true" | "1" | "yes" | "oui" | "vrai" | "o" | "y" => Ok(Some(true)),
            "false" | "0" | "no" | "non" | "faux" | "n" => Ok(Some(false)),
            _ => {
                problems.push(self.error(
                    column,
                    ProblemCode::BadBoolean,
                    crate::msg!(BadBoolean, value = clip(text, 80)),
                ));
                Err(Reported)
            }
        }
    }

    /// Themes of a `|`-separated cell.
    pub fn themes(&self, column: &str) -> Vec<Theme> {
        self.get(column).map(split_themes).unwrap_or_default()
    }

    /// The `|`-separated items of a cell, trimmed, empty items dropped.
    pub fn list(&self, column: &str) -> Vec<&'t str> {
        self.get(column)
            .map(|v| {
                v.split('|')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The extra columns' values, in header order, as written.
    pub fn attributes(&self, extra: &[usize]) -> Vec<(String, String)> {
        extra
            .iter()
            .map(|&i| (self.table.headers[i].clone(), self.cell(i).to_owned()))
            .collect()
    }
}

/// Reads a number written by a person: `12`, `0.5`, `0,5`, ` 3 `. Refuses NaN and
/// infinities.
pub fn parse_number(text: &str) -> Option<f64> {
    let t = text.trim();
    let t = if t.contains(',') && !t.contains('.') {
        std::borrow::Cow::Owned(t.replacen(',', ".", 1))
    } else {
        std::borrow::Cow::Borrowed(t)
    };
    t.parse::<f64>().ok().filter(|x| x.is_finite())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_semicolons_and_commas() {
        assert_eq!(detect_delimiter("id;name;kind\n"), b';');
        assert_eq!(detect_delimiter("id,name,kind\n"), b',');
        assert_eq!(detect_delimiter("id\n"), b',');
    }

    #[test]
    fn reports_rows_with_the_wrong_number_of_fields() {
        let mut p = vec![];
        let t = CsvTable::parse("a.csv", b"id,name\n1,x\n2\n3,z\n", &mut p).unwrap();
        assert_eq!(t.len(), 2);
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].location, Location::Line(3));
        assert_eq!(p[0].code, ProblemCode::BadCsv);
    }

    #[test]
    fn counts_physical_lines_across_quoted_newlines() {
        let mut p = vec![];
        let t = CsvTable::parse("a.csv", b"id,name\n1,\"two\nlines\"\n2,y\n", &mut p).unwrap();
        assert!(p.is_empty());
        let lines: Vec<u64> = t.rows().map(|r| r.line).collect();
        assert_eq!(lines, [2, 4]);
    }

    #[test]
    fn counts_lines_after_crlf_endings() {
        let mut p = vec![];
        let t = CsvTable::parse("a.csv", b"id,name\r\n1,x\r\n2,y\r\n", &mut p).unwrap();
        assert_eq!(t.rows().nth(1).map(|r| r.line), Some(3));
    }

    #[test]
    fn reads_decimal_commas() {
        assert_eq!(parse_number("0,5"), Some(0.5));
        assert_eq!(parse_number(" 12 "), Some(12.0));
        assert_eq!(parse_number("NaN"), None);
        assert_eq!(parse_number("1,000.5"), None);
    }
}
