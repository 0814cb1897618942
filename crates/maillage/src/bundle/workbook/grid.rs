//! A sheet's cells as read, and the table they hold: the header found below title
//! rows, merged header cells resolved, and every row turned into the cells of the CSV
//! table the sheet replaces.

use super::MAX_WORKBOOK_CELLS;
use super::{TableSpec, DATE_COLUMNS, HEADER_SEARCH_ROWS, LIST_COLUMNS, MAX_SHEET_COLUMNS};
use crate::bundle::csv_table::{CsvTable, SheetOrigin};
use crate::bundle::problem::clip;
use crate::bundle::{column_letters, Location, Problem, ProblemCode};
use crate::lang::Message;
use crate::model::Date;

/// The cell's value came from a formula.
pub(crate) const FORMULA: u8 = 1;
/// The cell holds a spreadsheet error (`#N/A`...), its text the error.
pub(crate) const ERROR: u8 = 2;

/// A cell of a grid as the tests see it: row, column, text, flags.
#[cfg(test)]
pub(crate) type CellContent = (u32, u32, String, u8);

/// A merged range of cells, 1-based and inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Merge {
    pub(crate) first_row: u32,
    pub(crate) first_col: u32,
    pub(crate) last_row: u32,
    pub(crate) last_col: u32,
}

impl Merge {
    fn contains(&self, row: u32, col: u32) -> bool {
        (self.first_row..=self.last_row).contains(&row)
            && (self.first_col..=self.last_col).contains(&col)
    }

    fn name(&self) -> String {
        format!(
            "{}{}:{}{}",
            column_letters(self.first_col),
            self.first_row,
            column_letters(self.last_col),
            self.last_row
        )
    }
}

#[derive(Debug, Clone, Copy)]
struct GridCell {
    row: u32,
    col: u32,
    start: u32,
    end: u32,
    flags: u8,
}

/// The non-empty cells of a sheet (1-based rows and columns), their text in one
/// buffer, and the sheet's merged ranges.
#[derive(Debug, Default)]
pub(crate) struct Grid {
    cells: Vec<GridCell>,
    text: String,
    /// The length of `text` up to the last cell added.
    kept: usize,
    merges: Vec<Merge>,
}

impl Grid {
    /// An empty grid of a sheet with these merged ranges.
    pub(crate) fn with_merges(merges: Vec<Merge>) -> Self {
        Self {
            merges,
            ..Self::default()
        }
    }

    /// Sets the sheet's merged ranges (an `.xlsx` lists them after its cells).
    pub(crate) fn set_merges(&mut self, merges: Vec<Merge>) {
        self.merges = merges;
    }

    /// The text buffer, for the next cell's text to be written at its end, where it is
    /// kept once [committed](Self::commit) (what a cell left uncommitted is dropped).
    pub(crate) fn next_text(&mut self) -> &mut String {
        self.text.truncate(self.kept);
        &mut self.text
    }

    /// The text written for the next cell.
    pub(crate) fn written(&self) -> &str {
        &self.text[self.kept..]
    }

    /// Adds the cell whose text was written (`row`, `col` 1-based); `false` when the
    /// text buffer is full (4 GiB), and the sheet cannot be read whole.
    pub(crate) fn commit(&mut self, row: u32, col: u32, flags: u8) -> bool {
        let (start, end) = (self.kept, self.text.len());
        if self.written().trim().is_empty() && flags & ERROR == 0 {
            self.text.truncate(start);
            return true;
        }
        let (Ok(start), Ok(end)) = (u32::try_from(start), u32::try_from(end)) else {
            return false;
        };
        self.cells.push(GridCell {
            row,
            col,
            start,
            end,
            flags,
        });
        self.kept = self.text.len();
        true
    }

    /// Adds the cells of `next`, a grid of the rows that follow (its merged ranges
    /// left aside); `false` when the text buffer would be full (4 GiB).
    pub(crate) fn append(&mut self, next: Grid) -> bool {
        self.text.truncate(self.kept);
        let Ok(shift) = u32::try_from(self.kept) else {
            return false;
        };
        if u32::try_from(self.kept + next.kept).is_err() {
            return false;
        }
        self.text.push_str(&next.text[..next.kept]);
        self.kept = self.text.len();
        self.cells.extend(next.cells.into_iter().map(|c| GridCell {
            start: c.start + shift,
            end: c.end + shift,
            ..c
        }));
        true
    }

    /// The number of cells held.
    pub(crate) fn len(&self) -> usize {
        self.cells.len()
    }

    /// Marks the cells at these positions as computed by formulas.
    pub(crate) fn mark_formulas(&mut self, formulas: &[(u32, u32)]) {
        if formulas.is_empty() {
            return;
        }
        let mut sorted = formulas.to_vec();
        sorted.sort_unstable();
        for c in &mut self.cells {
            if sorted.binary_search(&(c.row, c.col)).is_ok() {
                c.flags |= FORMULA;
            }
        }
    }

    /// Each cell held, in reading order: row, column, text and flags; and the merged
    /// ranges.
    #[cfg(test)]
    pub(crate) fn contents(&self) -> (Vec<CellContent>, Vec<Merge>) {
        let cells = self
            .cells
            .iter()
            .map(|c| (c.row, c.col, self.text(c).to_owned(), c.flags))
            .collect();
        (cells, self.merges.clone())
    }

    fn text(&self, c: &GridCell) -> &str {
        &self.text[c.start as usize..c.end as usize]
    }

    /// The table the sheet holds, read as the CSV table it replaces; its problems
    /// (header, cells) pushed.
    pub(crate) fn into_table(
        mut self,
        sheet: &str,
        spec: &TableSpec,
        problems: &mut Vec<Problem>,
    ) -> Option<CsvTable> {
        // the cells in reading order, the last of a position kept
        self.cells.sort_by_key(|c| (c.row, c.col));
        self.cells.dedup_by(|later, earlier| {
            (later.row, later.col) == (earlier.row, earlier.col) && {
                *earlier = *later;
                true
            }
        });
        let rows = row_starts(&self.cells);
        if rows.is_empty() {
            problems.push(Problem::error(
                sheet,
                Location::File,
                None,
                ProblemCode::EmptyFile,
                crate::msg!(EmptySheet, example = header_example(spec)),
            ));
            return None;
        }
        let header = self.header(spec, &rows, sheet, problems)?;
        self.rows_of(sheet, spec, header, &rows, problems)
    }

    /// The first row among the first rows holding a required column's name, else the
    /// first row; and the rows merged header cells extend it to.
    fn header(
        &self,
        spec: &TableSpec,
        rows: &[(u32, usize, usize)],
        sheet: &str,
        problems: &mut Vec<Problem>,
    ) -> Option<Header> {
        let names_required = |&(_, from, to): &(u32, usize, usize)| {
            self.cells[from..to].iter().any(|c| {
                spec.canonical(self.text(c))
                    .is_some_and(|name| spec.required_columns.contains(&name))
            })
        };
        let first = rows
            .iter()
            .take(HEADER_SEARCH_ROWS)
            .find(|r| names_required(r))
            .unwrap_or(&rows[0])
            .0;
        let last = self
            .merges
            .iter()
            .filter(|m| m.first_row == first && m.last_row > first)
            .map(|m| m.last_row.min(first + 4))
            .max()
            .unwrap_or(first);
        let value_at = |row: u32, col: u32| -> Option<(&str, Option<&Merge>)> {
            let merge = self.merges.iter().find(|m| m.contains(row, col));
            let (r, c) = merge.map_or((row, col), |m| (m.first_row, m.first_col));
            let i = self
                .cells
                .binary_search_by_key(&(r, c), |cell| (cell.row, cell.col))
                .ok()?;
            let text = self.text(&self.cells[i]).trim();
            (!text.is_empty()).then_some((text, merge))
        };
        let block_cols = self
            .cells
            .iter()
            .filter(|c| (first..=last).contains(&c.row))
            .map(|c| c.col)
            .chain(
                self.merges
                    .iter()
                    .filter(|m| m.first_row <= last && m.last_row >= first)
                    .map(|m| m.last_col),
            )
            .max()
            .unwrap_or(1);
        if block_cols > MAX_SHEET_COLUMNS {
            problems.push(Problem::error(
                sheet,
                Location::Cell {
                    row: first,
                    column: block_cols,
                },
                None,
                ProblemCode::TooLarge,
                crate::msg!(
                    HeaderTooWide,
                    column = column_letters(block_cols),
                    number = block_cols,
                    max = MAX_SHEET_COLUMNS
                ),
            ));
            return None;
        }
        let mut columns = Vec::new();
        for col in 1..=block_cols {
            let found = (first..=last)
                .rev()
                .find_map(|row| value_at(row, col).map(|v| (row, v)));
            let column = match found {
                None => HeaderColumn::Unnamed,
                Some((_, (_, Some(m)))) if m.first_col != col => HeaderColumn::Continues(*m),
                Some((row, (text, _))) => HeaderColumn::Named {
                    written: text.to_owned(),
                    name: spec
                        .canonical(text)
                        .map_or_else(|| text.to_owned(), str::to_owned),
                    row,
                },
            };
            columns.push(column);
        }
        Some(Header {
            first,
            last,
            columns,
        })
    }

    fn rows_of(
        &self,
        sheet: &str,
        spec: &TableSpec,
        header: Header,
        rows: &[(u32, usize, usize)],
        problems: &mut Vec<Problem>,
    ) -> Option<CsvTable> {
        // each named column, and the sheet's columns that feed it
        let mut headers: Vec<String> = Vec::new();
        let mut written: Vec<String> = Vec::new();
        let mut sheet_columns: Vec<u32> = Vec::new();
        let mut slot_of: Vec<Option<usize>> = vec![None; header.columns.len()];
        let mut why_unnamed: Vec<Option<Message>> = vec![None; header.columns.len()];
        for (i, column) in header.columns.iter().enumerate() {
            let col = i as u32 + 1;
            match column {
                HeaderColumn::Named {
                    written: w,
                    name,
                    row,
                } => {
                    if let Some(j) = headers.iter().position(|h| h == name) {
                        problems.push(Problem::error(
                            sheet,
                            Location::Cell {
                                row: *row,
                                column: col,
                            },
                            Some(w),
                            ProblemCode::DuplicateColumn,
                            crate::msg!(
                                SameColumnTwice,
                                column = w,
                                other = &written[j],
                                cell =
                                    format!("{}{}", column_letters(sheet_columns[j]), header.first)
                            ),
                        ));
                    }
                    slot_of[i] = Some(headers.len());
                    headers.push(name.clone());
                    written.push(w.clone());
                    sheet_columns.push(col);
                }
                HeaderColumn::Continues(m) => {
                    let owner = slot_of[m.first_col as usize - 1];
                    match owner {
                        Some(j) if LIST_COLUMNS.contains(&headers[j].as_str()) => {
                            slot_of[i] = Some(j)
                        }
                        _ => {
                            why_unnamed[i] = Some(crate::msg!(HeaderInMergedCell, cells = m.name()))
                        }
                    }
                }
                HeaderColumn::Unnamed => {}
            }
        }
        let width = headers.len();
        let is_date: Vec<bool> = headers
            .iter()
            .map(|h| DATE_COLUMNS.contains(&h.as_str()))
            .collect();
        let data_rows: Vec<&(u32, usize, usize)> =
            rows.iter().filter(|(r, _, _)| *r > header.last).collect();
        if (data_rows.len() as u64).saturating_mul(width as u64) > MAX_WORKBOOK_CELLS {
            problems.push(Problem::error(
                sheet,
                Location::File,
                None,
                ProblemCode::TooLarge,
                crate::msg!(
                    SheetTooLarge,
                    rows = data_rows.len(),
                    width = width,
                    max = MAX_WORKBOOK_CELLS
                ),
            ));
            return None;
        }
        let mut cells = String::new();
        let mut cell_ends: Vec<u32> = Vec::with_capacity(data_rows.len() * width);
        let mut lines = Vec::with_capacity(data_rows.len());
        let mut row_cells: Vec<String> = vec![String::new(); width];
        let mut unnamed_seen: Vec<bool> = vec![false; MAX_SHEET_COLUMNS as usize + 2];
        let mut formulas: Vec<(u32, u32, usize)> = Vec::new(); // column, first row, count
        let mut errors = 0usize;
        for &&(row, from, to) in &data_rows {
            row_cells.iter_mut().for_each(String::clear);
            for c in &self.cells[from..to] {
                let slot = slot_of.get(c.col as usize - 1).copied().flatten();
                let Some(slot) = slot else {
                    let k = (c.col as usize).min(unnamed_seen.len() - 1);
                    if !unnamed_seen[k] {
                        unnamed_seen[k] = true;
                        let why = why_unnamed
                            .get(c.col as usize - 1)
                            .cloned()
                            .flatten()
                            .unwrap_or_else(|| {
                                crate::msg!(
                                    ColumnWithoutHeader,
                                    cell = format!("{}{}", column_letters(c.col), header.first)
                                )
                            });
                        problems.push(Problem::warning(
                            sheet,
                            Location::Cell { row, column: c.col },
                            None,
                            ProblemCode::UnnamedColumn,
                            crate::msg!(ValuesLeftOut, column = column_letters(c.col), why = why),
                        ));
                    }
                    continue;
                };
                let text = self.text(c);
                if c.flags & ERROR != 0 {
                    errors += 1;
                    if errors <= crate::bundle::MAX_ERRORS_PER_FILE {
                        problems.push(Problem::error(
                            sheet,
                            Location::Cell { row, column: c.col },
                            Some(&written[slot]),
                            ProblemCode::BadWorkbook,
                            crate::msg!(SpreadsheetError, error = clip(text, 40)),
                        ));
                    }
                    continue;
                }
                if c.flags & FORMULA != 0 {
                    match formulas.iter_mut().find(|(col, _, _)| *col == c.col) {
                        Some(f) => f.2 += 1,
                        None => formulas.push((c.col, row, 1)),
                    }
                }
                let cell = &mut row_cells[slot];
                if !cell.is_empty() {
                    cell.push('|');
                }
                if is_date[slot] {
                    cell.push_str(&french_date(text));
                } else {
                    cell.push_str(text);
                }
            }
            if row_cells.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            for c in &row_cells {
                cells.push_str(c);
                cell_ends.push(u32::try_from(cells.len()).unwrap_or(u32::MAX));
            }
            lines.push(u64::from(row));
        }
        if u32::try_from(cells.len()).is_err() {
            problems.push(Problem::error(
                sheet,
                Location::File,
                None,
                ProblemCode::TooLarge,
                crate::msg!(WorkbookCellsTooLarge),
            ));
            return None;
        }
        for (col, row, count) in formulas {
            let slot = slot_of[col as usize - 1].unwrap_or(0);
            let many = if count == 1 {
                crate::msg!(CellHoldsFormula)
            } else {
                crate::msg!(CellsHoldFormulas, count = count)
            };
            problems.push(Problem::warning(
                sheet,
                Location::Cell { row, column: col },
                Some(&written[slot]),
                ProblemCode::Formula,
                crate::msg!(FormulaValueRead, formulas = many),
            ));
        }
        let next_column = header.columns.len() as u32 + 1;
        let origin = SheetOrigin {
            header_row: header.first,
            columns: sheet_columns,
            written,
            next_column,
            names: spec.written,
        };
        Some(CsvTable::from_sheet(
            sheet, headers, origin, cells, cell_ends, lines,
        ))
    }
}

/// A table's header as found in its sheet.
struct Header {
    /// Its first and last rows (several when merged cells span them).
    first: u32,
    last: u32,
    /// Each column of the sheet up to the header's last, from column A.
    columns: Vec<HeaderColumn>,
}

enum HeaderColumn {
    /// A column with a name: the format's (`kind`) or an attribute's.
    Named {
        written: String,
        name: String,
        row: u32,
    },
    /// A column under a merged header cell that starts further left.
    Continues(Merge),
    /// A column without a header.
    Unnamed,
}

/// Each row's number and the range of its cells (cells sorted by row).
fn row_starts(cells: &[GridCell]) -> Vec<(u32, usize, usize)> {
    let mut rows = Vec::new();
    let mut start = 0;
    for i in 1..=cells.len() {
        if i == cells.len() || cells[i].row != cells[start].row {
            rows.push((cells[start].row, start, i));
            start = i;
        }
    }
    rows
}

fn header_example(spec: &TableSpec) -> String {
    spec.required_columns
        .iter()
        .map(|c| {
            spec.written
                .iter()
                .find(|(k, _)| k == c)
                .map_or(*c, |(_, w)| *w)
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// A date typed as text the French way (`30/06/2024`, `1/2/2024`) as an ISO date,
/// when it is a date; any other text as it is, for the format's checks.
fn french_date(text: &str) -> std::borrow::Cow<'_, str> {
    let mut parts = text.trim().split('/');
    if let (Some(d), Some(m), Some(y), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    {
        let digits = |s: &str, n: std::ops::RangeInclusive<usize>| {
            n.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
        };
        if digits(d, 1..=2) && digits(m, 1..=2) && digits(y, 4..=4) {
            if let (Ok(d), Ok(m), Ok(y)) = (d.parse::<u8>(), m.parse::<u8>(), y.parse::<i32>()) {
                if let Some(date) = Date::new(y, m, d) {
                    return std::borrow::Cow::Owned(date.to_string());
                }
            }
        }
    }
    std::borrow::Cow::Borrowed(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_french_dates_typed_as_text() {
        assert_eq!(french_date("30/06/2024"), "2024-06-30");
        assert_eq!(french_date("1/2/2024"), "2024-02-01");
        assert_eq!(french_date("31/02/2024"), "31/02/2024");
        assert_eq!(french_date("2024-06-30"), "2024-06-30");
    }
}
