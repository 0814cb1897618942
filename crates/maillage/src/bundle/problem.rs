//! Problems found while reading a bundle: errors that refuse it, warnings that keep it.
//!
//! Every problem names the file (relative to the bundle folder), the place in it (a
//! 1-based physical line for CSV and TOML, a 0-based feature index for GeoJSON), the
//! field, and what was expected, so that a coordinator can fix a spreadsheet without
//! reading code. Rendered as `file:line: field: message` or `file#feature N: field: message`;
//! in a workbook, the file is the sheet and the place its cell: `acteurs!C14: type: message`.

use crate::lang::{language, Arg, Lang, Message};
use serde::Serialize;
use std::fmt;

/// Whether a problem refuses the bundle or only qualifies it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The bundle cannot be loaded until this is fixed.
    Error,
    /// The bundle loads; the value is kept but doubtful.
    Warning,
}

impl Severity {
    /// `"error"` or `"warning"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Error => "error",
            Self::Warning => "warning",
        }
    }
}

/// Where in a file a problem lies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase", tag = "type", content = "index")]
pub enum Location {
    /// The whole file.
    File,
    /// A physical line, 1-based (the CSV header is line 1).
    Line(u64),
    /// A GeoJSON feature, 0-based index in the `features` array.
    Feature(usize),
    /// A cell of a workbook's sheet (the problem's file is then the sheet's name):
    /// 1-based row and column, rendered as the spreadsheet writes it (`!C14`).
    Cell {
        /// The row, 1-based, as the spreadsheet numbers it.
        row: u32,
        /// The column, 1-based (A = 1, Z = 26, AA = 27).
        column: u32,
    },
}

/// A spreadsheet's column letters of a 1-based column number: 1 → `A`, 27 → `AA`.
///
/// # Example
/// ```
/// use maillage::bundle::column_letters;
/// assert_eq!(column_letters(3), "C");
/// assert_eq!(column_letters(28), "AB");
/// assert_eq!(column_letters(16_384), "XFD");
/// ```
pub fn column_letters(column: u32) -> String {
    let mut n = column.max(1);
    let mut letters = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

/// Stable, machine-readable identifiers of problems, for tests and for programs that
/// react to a particular problem. The message says the same thing for people.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ProblemCode {
    /// A required file is missing, or cannot be read.
    MissingFile,
    /// A file holds nothing at all (not even a header).
    EmptyFile,
    /// A required column is absent from a CSV header.
    MissingColumn,
    /// The same column name appears twice in a header.
    DuplicateColumn,
    /// A required cell is empty.
    MissingValue,
    /// An id is used twice.
    DuplicateId,
    /// A kind is not in the taxonomy.
    UnknownKind,
    /// A relation kind is not one of the eight of the bundle format.
    UnknownRelationKind,
    /// A sector is not in the taxonomy.
    UnknownSector,
    /// A family is not in the taxonomy.
    UnknownFamily,
    /// An actor id refers to no actor.
    UnknownActor,
    /// A `layer:id` reference names no layer.
    UnknownLayer,
    /// A `layer:id` reference names no zone of its layer.
    UnknownZone,
    /// A zone reference is not of the form `layer:id`.
    BadZoneReference,
    /// A number could not be read, or is out of its range.
    BadNumber,
    /// A date is not an ISO date `YYYY-MM-DD`.
    BadDate,
    /// An end date is not after its start date.
    DateOrder,
    /// A boolean is not `true`/`false`.
    BadBoolean,
    /// A coordinate reference system is not supported.
    BadCrs,
    /// Only one of `x` and `y` is given, or a coordinate is not finite.
    BadCoordinates,
    /// The manifest is not valid TOML or does not follow the format.
    BadManifest,
    /// The bundle declares a format version this library does not read.
    UnsupportedFormat,
    /// A CSV file could not be parsed (unbalanced quotes, wrong number of fields...).
    BadCsv,
    /// A GeoJSON file is not valid JSON or not a FeatureCollection.
    InvalidJson,
    /// A feature has no geometry, or a geometry that is not a (Multi)Polygon.
    BadGeometry,
    /// A feature lacks the id property the manifest names.
    MissingProperty,
    /// A self-intersecting or otherwise invalid polygon (kept, warned).
    InvalidPolygon,
    /// A file was read as Windows-1252 rather than UTF-8 (kept, warned).
    Encoding,
    /// Coordinates that look like latitude/longitude swapped (kept, warned).
    SwappedCoordinates,
    /// Coordinates that look like another CRS than the one declared (kept, warned).
    WrongCrs,
    /// A located actor lies in no zone of any layer (kept, warned).
    OutsideZones,
    /// A zone without population (counted as 0, warned).
    NoPopulation,
    /// A relation from an actor to itself (ignored by the network projection, warned).
    SelfRelation,
    /// A file, a line or a layer beyond the documented limits (file size, line length,
    /// rows, features), refused before it fills the memory.
    TooLarge,
    /// A file with so many errors that the rest of it was not checked.
    TooManyProblems,
    /// A workbook that cannot be read (not a spreadsheet, a damaged archive, a
    /// password), or a cell holding a spreadsheet error (`#REF!`, `#N/A`...).
    BadWorkbook,
    /// The bundle's tables are given twice (CSV tables and a workbook, two workbooks,
    /// two sheets for one table): which one holds the data cannot be told.
    AmbiguousTables,
    /// Cells of a workbook computed by formulas: their last computed value is read
    /// (kept, warned).
    Formula,
    /// A sheet of a workbook that is hidden, read all the same (kept, warned).
    HiddenSheet,
    /// Values in a column of a sheet without a header, left out (warned).
    UnnamedColumn,
    /// A text cell that a spreadsheet would run as a formula (it starts with `=`, `+`,
    /// `-`, `@`, a tab or a carriage return): kept as text, warned, and neutralised in
    /// the outputs meant for a spreadsheet.
    FormulaText,
    /// A file named by the manifest, or a table, that lies outside the bundle folder
    /// (an absolute path, `..`, or a symbolic link pointing out), refused unless the
    /// manifest allows it.
    OutsideBundle,
    /// A zone without a value for one of its layer's age bands (`[layers.NAME.demand]`):
    /// its demand is its population × the layer's mean weight (kept, warned).
    MissingAgeBand,
}

impl ProblemCode {
    /// The snake_case name used in serialised output and in Python.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::MissingFile => "missing_file",
            Self::EmptyFile => "empty_file",
            Self::MissingColumn => "missing_column",
            Self::DuplicateColumn => "duplicate_column",
            Self::MissingValue => "missing_value",
            Self::DuplicateId => "duplicate_id",
            Self::UnknownKind => "unknown_kind",
            Self::UnknownRelationKind => "unknown_relation_kind",
            Self::UnknownSector => "unknown_sector",
            Self::UnknownFamily => "unknown_family",
            Self::UnknownActor => "unknown_actor",
            Self::UnknownLayer => "unknown_layer",
            Self::UnknownZone => "unknown_zone",
            Self::BadZoneReference => "bad_zone_reference",
            Self::BadNumber => "bad_number",
            Self::BadDate => "bad_date",
            Self::DateOrder => "date_order",
            Self::BadBoolean => "bad_boolean",
            Self::BadCrs => "bad_crs",
            Self::BadCoordinates => "bad_coordinates",
            Self::BadManifest => "bad_manifest",
            Self::UnsupportedFormat => "unsupported_format",
            Self::BadCsv => "bad_csv",
            Self::InvalidJson => "invalid_json",
            Self::BadGeometry => "bad_geometry",
            Self::MissingProperty => "missing_property",
            Self::InvalidPolygon => "invalid_polygon",
            Self::Encoding => "encoding",
            Self::SwappedCoordinates => "swapped_coordinates",
            Self::WrongCrs => "wrong_crs",
            Self::OutsideZones => "outside_zones",
            Self::NoPopulation => "no_population",
            Self::SelfRelation => "self_relation",
            Self::TooLarge => "too_large",
            Self::TooManyProblems => "too_many_problems",
            Self::BadWorkbook => "bad_workbook",
            Self::AmbiguousTables => "ambiguous_tables",
            Self::Formula => "formula",
            Self::HiddenSheet => "hidden_sheet",
            Self::UnnamedColumn => "unnamed_column",
            Self::FormulaText => "formula_text",
            Self::OutsideBundle => "outside_bundle",
            Self::MissingAgeBand => "missing_age_band",
        }
    }
}

impl fmt::Display for ProblemCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The most errors reported for one file; past it, one `too_many_problems` error says
/// the rest of the file was not checked, so that a file of garbage cannot fill the
/// memory with problems.
pub const MAX_ERRORS_PER_FILE: usize = 1000;

/// Shortens a value quoted in a message to at most `max` characters, marking the cut,
/// so that a huge cell or property never makes a huge message.
pub(crate) fn clip(text: &str, max: usize) -> Arg {
    match text.char_indices().nth(max) {
        None => Arg::text(text),
        Some((cut, _)) => {
            crate::msg!(Clipped, start = &text[..cut], count = text.chars().count()).into()
        }
    }
}

/// One problem in a bundle.
///
/// # Example
/// ```
/// use maillage::bundle::{Problem, ProblemCode, Location};
/// use maillage::lang::Lang;
/// let p = Problem::error("actors.csv", Location::Line(4), Some("kind"), ProblemCode::MissingValue,
///     maillage::msg!(EmptyValue, expected = maillage::msg!(ExpectedAnId)));
/// assert_eq!(p.render(Lang::Fr), "actors.csv:4 : kind : valeur vide (attendu : un identifiant)");
/// assert_eq!(p.render(Lang::En), "actors.csv:4: kind: empty value (expected an id)");
/// assert_eq!(p.message_in(Lang::En), "empty value (expected an id)");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Problem {
    /// Error or warning.
    pub severity: Severity,
    /// File path relative to the bundle folder, with `/` separators.
    pub file: String,
    /// Place in the file.
    pub location: Location,
    /// Column, property or manifest key concerned, if any.
    pub field: Option<String>,
    /// Machine-readable identifier.
    pub code: ProblemCode,
    /// What is wrong and, in parentheses, what was expected: a message of the
    /// catalogue, shown (and serialised) in the current language.
    pub message: Message,
}

impl Problem {
    /// A problem that refuses the bundle.
    pub fn error(
        file: impl Into<String>,
        location: Location,
        field: Option<&str>,
        code: ProblemCode,
        message: Message,
    ) -> Self {
        Self {
            severity: Severity::Error,
            file: file.into(),
            location,
            field: field.map(str::to_owned),
            code,
            message,
        }
    }

    /// A problem that keeps the bundle but qualifies a value.
    pub fn warning(
        file: impl Into<String>,
        location: Location,
        field: Option<&str>,
        code: ProblemCode,
        message: Message,
    ) -> Self {
        Self {
            severity: Severity::Warning,
            ..Self::error(file, location, field, code, message)
        }
    }

    /// The 1-based line, for CSV and TOML problems; the 1-based row, for a cell of a
    /// workbook's sheet.
    pub fn line(&self) -> Option<u64> {
        match self.location {
            Location::Line(n) => Some(n),
            Location::Cell { row, .. } => Some(u64::from(row)),
            _ => None,
        }
    }

    /// The cell as a spreadsheet names it (`C14`), for problems in a workbook's sheet.
    pub fn cell(&self) -> Option<String> {
        match self.location {
            Location::Cell { row, column } => Some(format!("{}{row}", column_letters(column))),
            _ => None,
        }
    }

    /// The message alone in a language.
    pub fn message_in(&self, lang: Lang) -> String {
        self.message.render(lang)
    }

    /// The whole problem in a language: `file:line: field: message`, French putting a
    /// space before each colon.
    pub fn render(&self, lang: Lang) -> String {
        let mut out = self.file.clone();
        match self.location {
            Location::File => {}
            Location::Line(n) => out.push_str(&format!(":{n}")),
            Location::Feature(n) => {
                out.push_str(&crate::msg!(FeatureLocator, index = n).render(lang))
            }
            Location::Cell { row, column } => {
                out.push_str(&format!("!{}{row}", column_letters(column)))
            }
        }
        let colon = crate::lang::Msg::Colon.text(lang);
        if let Some(field) = &self.field {
            out.push_str(colon);
            out.push_str(field);
        }
        out.push_str(colon);
        out.push_str(&self.message.render(lang));
        out
    }

    /// The 0-based feature index, for GeoJSON problems.
    pub fn feature(&self) -> Option<usize> {
        match self.location {
            Location::Feature(n) => Some(n),
            _ => None,
        }
    }
}

impl fmt::Display for Problem {
    /// The problem in the current language ([`Problem::render`]).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(language()))
    }
}

/// A bundle that could not be loaded: every error found, and the warnings met on the way.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BundleErrors {
    /// Every error, in file order.
    pub errors: Vec<Problem>,
    /// Warnings found before loading stopped.
    pub warnings: Vec<Problem>,
}

impl BundleErrors {
    /// The count of errors, then one error a line, in a language.
    pub fn render(&self, lang: Lang) -> String {
        error_list(crate::lang::Msg::BundleHasErrors, &self.errors, lang)
    }
}

impl fmt::Display for BundleErrors {
    /// [`BundleErrors::render`] in the current language.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(language()))
    }
}

/// The count of errors in the words of `subject` (a message with the placeholder
/// `{errors}`), then one error a line: the message of a refused file set.
pub(crate) fn error_list(subject: crate::lang::Msg, errors: &[Problem], lang: Lang) -> String {
    let count = crate::lang::Message::new(subject).arg("errors", error_count(errors.len()));
    let mut out = count.render(lang);
    for e in errors {
        out.push_str("\n  ");
        out.push_str(&e.render(lang));
    }
    out
}

/// "1 error", "N errors", in the catalogue's words.
///
/// # Example
/// ```
/// use maillage::lang::Lang;
/// assert_eq!(maillage::bundle::error_count(1).render(Lang::Fr), "1 erreur");
/// assert_eq!(maillage::bundle::error_count(3).render(Lang::En), "3 errors");
/// ```
pub fn error_count(n: usize) -> Message {
    match n {
        1 => crate::msg!(OneError),
        _ => crate::msg!(ManyErrors, count = n),
    }
}

impl std::error::Error for BundleErrors {}
