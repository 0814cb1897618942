//! Workbooks as bundles (docs/bundle.md, "A workbook instead of the CSV tables"): one
//! `.xlsx` or `.ods` file holding the sheets `acteurs`, `relations`, `actions` and
//! `besoins`, read into the same [`CsvTable`] as the CSV files, so that every rule of
//! the format applies once, with problems located at the sheet's cells
//! (`acteurs!C14`); and the writing of such workbooks (`maillage convert`,
//! `maillage template`).

mod grid;
mod scan;
mod segments;
mod write;
mod xlsx;
mod xml;

use super::csv_table::CsvTable;
use super::load::{read_file_opt, Parsed, Source};
use super::{Location, Problem, ProblemCode};
use crate::lang::{Arg, Message};
use grid::Grid;
use scan::CellBudget;
use std::path::Path;
use unicode_normalization::UnicodeNormalization;

pub use write::{write_template, write_workbook_bundle, ConvertError};

/// The largest workbook file read: 256 MiB (compressed; a workbook of 50,000 actors and
/// 400,000 relations takes about 15 MiB). Larger files are refused unread.
pub const MAX_WORKBOOK_BYTES: u64 = 256 << 20;
/// The largest part of a workbook decompressed to be checked or held whole (the shared
/// strings of an `.xlsx`, the `content.xml` of an `.ods`): 1 GiB, counted while
/// decompressing, so that a "zip bomb" is refused after reading at most that much.
pub const MAX_WORKBOOK_PART_BYTES: u64 = 1 << 30;
/// The most cells read from a workbook: 20,000,000, a whole sheet of 1,048,575 rows
/// and 19 columns. An `.ods` counts the cells its repeated rows and columns would
/// spread to, before any is read.
pub const MAX_WORKBOOK_CELLS: u64 = 20_000_000;
/// The most columns of a table's sheet, up to its last header: 1,024.
pub const MAX_SHEET_COLUMNS: u32 = 1024;
/// The rows searched for a table's header (title rows above it are skipped): 10.
pub const HEADER_SEARCH_ROWS: usize = 10;

/// The extensions of the workbooks a bundle may hold instead of its CSV tables.
pub const WORKBOOK_EXTENSIONS: &[&str] = &["xlsx", "xlsm", "ods"];

/// One table of the bundle as a workbook holds it: the names of its sheet, and its
/// columns with the names a sheet may give them (the first is the one written).
pub(crate) struct TableSpec {
    /// The CSV file the table replaces.
    pub(crate) csv: &'static str,
    /// Accepted sheet names, the first written (French, then English).
    pub(crate) sheets: &'static [&'static str],
    /// Whether the workbook must hold the sheet.
    pub(crate) required: bool,
    /// The required columns, by their format names (to find the header row).
    pub(crate) required_columns: &'static [&'static str],
    /// Each column of the format and the names a sheet may give it, the first written.
    pub(crate) columns: &'static [(&'static str, &'static [&'static str])],
    /// The sheet's name of each column, written (`kind` → `type`).
    pub(crate) written: &'static [(&'static str, &'static str)],
}

/// Columns holding `|`-separated lists, whose merged headers spread over several
/// columns join their cells.
const LIST_COLUMNS: &[&str] = &["themes", "serves", "lead", "partners", "funders", "zones"];
/// Columns holding dates.
const DATE_COLUMNS: &[&str] = &["since", "until", "start", "end"];
/// Columns holding numbers, written as numbers.
const NUMBER_COLUMNS: &[&str] = &["x", "y", "capacity", "weight", "level"];

/// The four tables, in the order actors, relations, actions, needs.
pub(crate) const TABLES: [TableSpec; 4] = [
    TableSpec {
        csv: super::ACTORS_FILE,
        sheets: &["acteurs", "actors"],
        required: true,
        required_columns: &["id", "name", "kind"],
        columns: &[
            ("id", &["id", "identifiant"]),
            ("name", &["nom", "name"]),
            ("kind", &["type", "kind"]),
            ("sector", &["secteur", "sector"]),
            ("themes", &["thèmes", "themes", "thématiques"]),
            ("x", &["x"]),
            ("y", &["y"]),
            ("capacity", &["capacité", "capacity"]),
            ("serves", &["dessert", "serves"]),
            ("accepting", &["accepte", "accepting"]),
            ("address", &["adresse", "address"]),
            ("postcode", &["code_postal", "postcode"]),
            ("citycode", &["code_insee", "citycode"]),
            ("phone", &["téléphone", "phone"]),
            ("email", &["courriel", "email", "mail"]),
            ("website", &["site_web", "website", "site_internet"]),
        ],
        written: &[
            ("id", "id"),
            ("name", "nom"),
            ("kind", "type"),
            ("sector", "secteur"),
            ("themes", "thèmes"),
            ("x", "x"),
            ("y", "y"),
            ("capacity", "capacité"),
            ("serves", "dessert"),
            ("accepting", "accepte"),
            ("address", "adresse"),
            ("postcode", "code_postal"),
            ("citycode", "code_insee"),
            ("phone", "téléphone"),
            ("email", "courriel"),
            ("website", "site_web"),
        ],
    },
    TableSpec {
        csv: super::RELATIONS_FILE,
        sheets: &["relations", "partenariats"],
        required: true,
        required_columns: &["source", "target", "kind"],
        columns: &[
            ("source", &["source"]),
            ("target", &["cible", "target"]),
            ("kind", &["type", "kind"]),
            ("weight", &["poids", "weight"]),
            ("themes", &["thèmes", "themes", "thématiques"]),
            ("since", &["depuis", "since", "début"]),
            ("until", &["jusqu'à", "until", "fin"]),
        ],
        written: &[
            ("source", "source"),
            ("target", "cible"),
            ("kind", "type"),
            ("weight", "poids"),
            ("themes", "thèmes"),
            ("since", "depuis"),
            ("until", "jusqu'à"),
        ],
    },
    TableSpec {
        csv: super::ACTIONS_FILE,
        sheets: &["actions", "fiches_actions"],
        required: false,
        required_columns: &["id", "name", "lead"],
        columns: &[
            ("id", &["id", "identifiant"]),
            ("name", &["nom", "name"]),
            ("themes", &["thèmes", "themes", "thématiques"]),
            ("lead", &["pilote", "pilotes", "lead"]),
            ("partners", &["partenaires", "partners"]),
            ("funders", &["financeurs", "funders"]),
            ("zones", &["zones"]),
            ("start", &["début", "start"]),
            ("end", &["fin", "end"]),
        ],
        written: &[
            ("id", "id"),
            ("name", "nom"),
            ("themes", "thèmes"),
            ("lead", "pilote"),
            ("partners", "partenaires"),
            ("funders", "financeurs"),
            ("zones", "zones"),
            ("start", "début"),
            ("end", "fin"),
        ],
    },
    TableSpec {
        csv: super::NEEDS_FILE,
        sheets: &["besoins", "needs"],
        required: false,
        required_columns: &["zone", "theme"],
        columns: &[
            ("zone", &["zone"]),
            ("theme", &["thème", "theme"]),
            ("level", &["niveau", "level"]),
            ("source", &["source"]),
        ],
        written: &[
            ("zone", "zone"),
            ("theme", "thème"),
            ("level", "niveau"),
            ("source", "source"),
        ],
    },
];

/// A name as sheets and headers are compared: lower case, without accents, letters and
/// digits only (`Jusqu’à` = `jusqua`, `Code postal` = `code_postal`).
pub(crate) fn fold(name: &str) -> String {
    name.nfd()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

impl TableSpec {
    /// The format's name of a header written in a sheet, if it names a column.
    pub(crate) fn canonical(&self, header: &str) -> Option<&'static str> {
        let key = fold(header);
        if key.is_empty() {
            return None;
        }
        self.columns
            .iter()
            .find(|(canonical, aliases)| {
                fold(canonical) == key || aliases.iter().any(|a| fold(a) == key)
            })
            .map(|(canonical, _)| *canonical)
    }

    /// Whether a sheet's name names this table.
    fn names_sheet(&self, sheet: &str) -> bool {
        let key = fold(sheet);
        self.sheets.iter().any(|s| fold(s) == key)
    }
}

/// Whether a file name is a workbook's (by its extension).
pub(crate) fn is_workbook_name(name: &str) -> bool {
    Path::new(name)
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| {
            WORKBOOK_EXTENSIONS
                .iter()
                .any(|w| e.eq_ignore_ascii_case(w))
        })
}

/// Whether a file is a spreadsheet's lock or temporary file (`~$x.xlsx` of Excel,
/// `.~lock.x.ods#` of LibreOffice), left beside a workbook while it is open.
pub(crate) fn is_lock_file(name: &str) -> bool {
    name.starts_with("~$") || name.starts_with('.')
}

/// The workbook holding the bundle's tables: `None` when the bundle has CSV tables
/// (or neither: the missing CSV files are then reported), `Some(Err)` when which one
/// holds them cannot be told (the problem pushed).
pub(crate) fn find_workbook(
    source: &Source,
    problems: &mut Vec<Problem>,
) -> Option<Result<String, ()>> {
    let names: Vec<String> = match source {
        Source::Folder { dir, .. } => std::fs::read_dir(dir)
            .map(|entries| {
                entries
                    .filter_map(Result::ok)
                    .filter(|e| e.file_type().is_ok_and(|t| !t.is_dir()))
                    .filter_map(|e| e.file_name().into_string().ok())
                    .collect()
            })
            .unwrap_or_default(),
        Source::Memory(files) => files.keys().filter(|k| !k.contains('/')).cloned().collect(),
    };
    let mut workbooks: Vec<&String> = names
        .iter()
        .filter(|n| is_workbook_name(n) && !is_lock_file(n))
        .collect();
    workbooks.sort();
    let csv: Vec<&str> = [super::ACTORS_FILE, super::RELATIONS_FILE]
        .into_iter()
        .filter(|c| names.iter().any(|n| n == c))
        .collect();
    let ambiguous = |message: Message| {
        Problem::error(
            workbooks[0].as_str(),
            Location::File,
            None,
            ProblemCode::AmbiguousTables,
            message,
        )
    };
    match (workbooks.len(), csv.is_empty()) {
        (0, _) => None,
        (1, true) => Some(Ok(workbooks[0].clone())),
        (_, false) => {
            problems.push(ambiguous(crate::msg!(
                WorkbookAndCsv,
                workbook = workbooks[0].as_str(),
                tables = csv.join(", ")
            )));
            Some(Err(()))
        }
        (_, true) => {
            let all: Vec<&str> = workbooks.iter().map(|w| w.as_str()).collect();
            problems.push(ambiguous(crate::msg!(
                SeveralWorkbooks,
                count = all.len(),
                workbooks = all.join(", ")
            )));
            Some(Err(()))
        }
    }
}

/// Reads the bundle's workbook `name`: its problems as a whole, and each table
/// (actors, relations, actions, needs) with its own problems.
pub(crate) fn read_workbook_file(source: &Source, name: &str) -> (Vec<Problem>, [Parsed; 4]) {
    let mut problems = Vec::new();
    let none = || (None, Vec::new());
    let Some(bytes) = read_file_opt(source, name, true, &mut problems) else {
        return (problems, [none(), none(), none(), none()]);
    };
    let read = read_workbook(name, &bytes);
    problems.extend(read.problems);
    (problems, read.tables)
}

/// The tables of a workbook, read as the CSV tables they replace.
#[derive(Debug)]
pub struct WorkbookTables {
    /// The problems of the workbook as a whole (unreadable, sheets missing or twice).
    pub problems: Vec<Problem>,
    /// Actors, relations, actions and needs: each table (`None` when its sheet is
    /// absent or unusable) and the problems of its sheet.
    pub(crate) tables: [Parsed; 4],
}

impl WorkbookTables {
    /// Every problem: the workbook's, then each sheet's.
    pub fn all_problems(&self) -> impl Iterator<Item = &Problem> {
        self.problems
            .iter()
            .chain(self.tables.iter().flat_map(|(_, p)| p.iter()))
    }

    /// The number of rows read from each table's sheet (actors, relations, actions,
    /// needs), `None` for a sheet absent or unusable.
    pub fn rows(&self) -> [Option<usize>; 4] {
        std::array::from_fn(|i| self.tables[i].0.as_ref().map(CsvTable::len))
    }
}

/// Reads a workbook's bytes (`.xlsx` or `.ods`; `file` names it in problems) into the
/// tables it holds, each as the CSV table it replaces, with every problem located at
/// its sheet's cell. Never panics; what cannot be read is a problem.
///
/// # Example
/// ```
/// # let territory = maillage::load_bundle("../../data/lyon7".as_ref()).unwrap().territory;
/// let dir = tempfile::tempdir().unwrap();
/// maillage::bundle::write_workbook_bundle("../../data/lyon7".as_ref(), &dir.path().join("lyon7.xlsx")).unwrap();
/// let bytes = std::fs::read(dir.path().join("lyon7.xlsx")).unwrap();
/// let read = maillage::bundle::read_workbook("lyon7.xlsx", &bytes);
/// assert_eq!(read.all_problems().count(), 0);
/// assert_eq!(read.rows()[0], Some(territory.actors.len()));
///
/// let refused = maillage::bundle::read_workbook("broken.xlsx", b"PK\x03\x04 not a zip");
/// assert_eq!(refused.problems[0].code.as_str(), "bad_workbook");
/// ```
pub fn read_workbook(file: &str, bytes: &[u8]) -> WorkbookTables {
    let (problems, tables) = read_workbook_tables(file, bytes, &TABLES);
    let mut tables = tables.into_iter();
    WorkbookTables {
        problems,
        tables: std::array::from_fn(|_| tables.next().unwrap_or((None, Vec::new()))),
    }
}

/// Reads the sheets of a workbook that hold the tables `specs` describe (the bundle's
/// four, or a survey form's), each as a table with its own problems, in the order of
/// `specs`; the problems of the workbook as a whole first. Never panics.
pub(crate) fn read_workbook_tables(
    file: &str,
    bytes: &[u8],
    specs: &[TableSpec],
) -> (Vec<Problem>, Vec<Parsed>) {
    let mut problems = Vec::new();
    let empty = || specs.iter().map(|_| (None, Vec::new())).collect();
    // calamine, which reads the .ods, is not written against hostile input: any panic
    // is caught and reported as an unreadable workbook (the checks of `scan` keep its
    // memory bounded).
    let read = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let mut problems = Vec::new();
        let tables = read_sheets(file, bytes, specs, &mut problems);
        (problems, tables)
    }));
    match read {
        Ok((p, tables)) => {
            problems.extend(p);
            (problems, tables.unwrap_or_else(empty))
        }
        Err(_) => {
            problems.push(bad_workbook(file, crate::msg!(WorkbookUnreadable)));
            (problems, empty())
        }
    }
}

/// An unreadable workbook.
pub(crate) fn bad_workbook(file: &str, why: Message) -> Problem {
    Problem::error(
        file,
        Location::File,
        None,
        ProblemCode::BadWorkbook,
        crate::msg!(BadWorkbook, why = why),
    )
}

/// Names joined by « et » / "and", in the language the message is shown in.
fn both(names: &[&str]) -> Arg {
    let (last, rest) = names.split_last().unwrap_or((&"", &[]));
    rest.iter().rev().fold(Arg::text(last), |later, name| {
        crate::msg!(Both, first = *name, second = later).into()
    })
}

/// The sheets of the workbook that hold each table, then each read as a table.
fn read_sheets(
    file: &str,
    bytes: &[u8],
    specs: &[TableSpec],
    problems: &mut Vec<Problem>,
) -> Option<Vec<Parsed>> {
    let mut book = scan::open(file, bytes, problems)?;
    let sheets = book.sheets();
    let mut found: Vec<Option<(String, bool)>> = vec![None; specs.len()];
    let first_names = |required: bool| -> Vec<&str> {
        specs
            .iter()
            .filter(|s| s.required == required)
            .map(|s| s.sheets[0])
            .collect()
    };
    let expected = match first_names(false).as_slice() {
        [] => crate::msg!(ExpectedSheets, required = both(&first_names(true))),
        optional => crate::msg!(
            ExpectedSheetsAndOptional,
            required = both(&first_names(true)),
            optional = both(optional)
        ),
    };
    for (t, spec) in specs.iter().enumerate() {
        let matching: Vec<&(String, bool)> =
            sheets.iter().filter(|(n, _)| spec.names_sheet(n)).collect();
        let visible: Vec<&&(String, bool)> = matching.iter().filter(|(_, v)| *v).collect();
        match (matching.len(), visible.len()) {
            (0, _) => {
                if spec.required {
                    let names: Vec<&str> = sheets.iter().map(|(n, _)| n.as_str()).collect();
                    problems.push(Problem::error(
                        file,
                        Location::File,
                        None,
                        ProblemCode::MissingFile,
                        crate::msg!(
                            MissingSheet,
                            sheet = spec.sheets[0],
                            expected = expected.clone(),
                            found = names.join(", ")
                        ),
                    ));
                }
            }
            (1, _) => found[t] = Some(matching[0].clone()),
            (_, 1) => found[t] = Some((*visible[0]).clone()),
            _ => {
                let names: Vec<&str> = matching.iter().map(|(n, _)| n.as_str()).collect();
                problems.push(Problem::error(
                    file,
                    Location::File,
                    None,
                    ProblemCode::AmbiguousTables,
                    crate::msg!(
                        SheetsHoldSameTable,
                        sheets = names.join(", "),
                        table = spec.sheets[0]
                    ),
                ));
            }
        }
    }
    let read_table = |book: &mut dyn Book<'_>, t: usize, cells: &CellBudget| -> Parsed {
        let Some((sheet, visible)) = &found[t] else {
            return (None, Vec::new());
        };
        let mut p = Vec::new();
        if !visible {
            p.push(Problem::warning(
                sheet.as_str(),
                Location::File,
                None,
                ProblemCode::HiddenSheet,
                crate::msg!(HiddenSheet),
            ));
        }
        let grid = book.grid(sheet, cells, &mut p);
        let table = grid.and_then(|g| g.into_table(sheet, &specs[t], &mut p));
        (table, p)
    };
    // The relations sheet of a bundle, most of the cells, is read on one thread while
    // the others are on another, by a second reader of the workbook, sharing the cell
    // budget; when the budget runs out, which sheet is refused depends on the threads,
    // and the sheets are read again one after the other, as the problems must be.
    let apart = specs
        .iter()
        .position(|s| s.sheets[0] == TABLES[1].sheets[0])
        .filter(|&a| found[a].is_some());
    if let Some((apart, mut second)) = apart.zip(book.second_reader()) {
        let cells = CellBudget::new(MAX_WORKBOOK_CELLS);
        let others: Vec<usize> = (0..specs.len()).filter(|&t| t != apart).collect();
        let (alone, mut tables) = rayon::join(
            || read_table(book.as_mut(), apart, &cells),
            || {
                others
                    .iter()
                    .map(|&t| read_table(second.as_mut(), t, &cells))
                    .collect::<Vec<Parsed>>()
            },
        );
        if !cells.exhausted() {
            tables.insert(apart, alone);
            return Some(tables);
        }
    }
    let cells = CellBudget::new(MAX_WORKBOOK_CELLS);
    Some(
        (0..specs.len())
            .map(|t| read_table(book.as_mut(), t, &cells))
            .collect(),
    )
}

/// A workbook opened for reading: its sheets, each read into a [`Grid`].
pub(crate) trait Book<'a>: Send {
    /// Every sheet: its name and whether it is visible.
    fn sheets(&self) -> Vec<(String, bool)>;
    /// A sheet's cells, as many as the budget gives (those read taken from it).
    fn grid(
        &mut self,
        sheet: &str,
        cells: &CellBudget,
        problems: &mut Vec<Problem>,
    ) -> Option<Grid>;
    /// A second reader of the workbook, for a sheet read on another thread, when that
    /// saves time: an `.xlsx` is read sheet by sheet (the second reader shares what
    /// the first read when opening it), whereas an `.ods` reader holds every sheet once
    /// opened.
    fn second_reader(&self) -> Option<Box<dyn Book<'a> + 'a>>;
}
