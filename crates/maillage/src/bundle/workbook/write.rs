//! Workbooks written: a bundle's tables as the sheets of one `.xlsx` (`maillage
//! convert`), and the blank template a coordinator fills (`maillage template`), both
//! with French headers, drop-down lists of the taxonomy's kinds and a "Lisez-moi"
//! sheet. The output is deterministic: the same input gives the same bytes.

use super::{TableSpec, DATE_COLUMNS, NUMBER_COLUMNS, TABLES};
use crate::atomic::write_atomic;
use crate::bundle::csv_table::CsvTable;
use crate::bundle::{
    load_bundle, parse_manifest, parse_number, BundleErrors, Manifest, MANIFEST_FILE,
};
use crate::lang::{language, Message, Msg};
use crate::model::{Date, RelationKind, Taxonomy};
use crate::xlsx::{header_format, new_workbook};
use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, ExcelDateTime, Format, Formula, Workbook, Worksheet,
    XlsxError,
};
use std::fmt;
use std::path::{Component, Path, PathBuf};

/// The last row a sheet holds (Excel's and LibreOffice's limit), the header included.
const SHEET_ROWS: u32 = 1_048_576;
/// The longest text a cell holds.
const CELL_CHARS: usize = 32_767;
/// The name of the sheet of the drop-down lists.
const LISTS_SHEET: &str = "listes";
/// The name of the sheet that explains the others.
const README_SHEET: &str = "Lisez-moi";

/// Why a workbook could not be written. Its messages are in French, for the
/// coordinators who run `maillage convert` and `maillage template`.
#[derive(Debug)]
pub enum ConvertError {
    /// The bundle to convert does not load: every problem.
    Bundle(BundleErrors),
    /// The bundle cannot be written as a workbook, and why.
    Refused(Message),
    /// A file could not be read or written.
    Io(PathBuf, std::io::Error),
}

impl fmt::Display for ConvertError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Bundle(e) => f.write_str(&crate::bundle::error_list(
                Msg::BundleHasErrorsBeforeConversion,
                &e.errors,
                language(),
            )),
            Self::Refused(why) => write!(f, "{why}"),
            Self::Io(path, e) => write!(f, "{}{}{e}", path.display(), crate::msg!(Colon)),
        }
    }
}

impl std::error::Error for ConvertError {}

fn xlsx_error(e: XlsxError) -> ConvertError {
    ConvertError::Refused(crate::msg!(WorkbookCannotBeWritten, detail = e.to_string()))
}

/// Writes a bundle's tables as a workbook bundle: the workbook `workbook` (an `.xlsx`
/// path) holding the sheets acteurs, relations, actions and besoins with French
/// headers, and beside it a copy of the bundle's territory.toml and of the layer files
/// it names, so that the workbook's folder is a bundle that loads as the same
/// territory. The cells are the bundle's as written (numbers, dates and text typed for
/// the spreadsheet); the workbook also holds drop-down lists of the kinds and a
/// "Lisez-moi" sheet. The same bundle gives the same bytes.
///
/// `bundle` may hold CSV tables or a workbook.
///
/// # Errors
/// [`ConvertError::Bundle`] when the bundle does not load (it is checked whole first);
/// [`ConvertError::Refused`] when the workbook's folder is the bundle's, already holds
/// CSV tables or another workbook, when a table does not fit a sheet (1,048,575 rows,
/// 32,767 characters a cell), or when a layer file lies outside the bundle folder
/// (`..`); [`ConvertError::Io`] on a file that cannot be read or written.
///
/// # Example
/// ```
/// let dir = tempfile::tempdir().unwrap();
/// let workbook = dir.path().join("lyon7").join("lyon7.xlsx");
/// maillage::bundle::write_workbook_bundle("../../data/lyon7".as_ref(), &workbook).unwrap();
/// let csv = maillage::load_bundle("../../data/lyon7".as_ref()).unwrap().territory;
/// let xlsx = maillage::load_bundle(&dir.path().join("lyon7")).unwrap().territory;
/// assert_eq!(xlsx.actors.len(), csv.actors.len());
/// assert_eq!(xlsx.relations, csv.relations);
/// ```
pub fn write_workbook_bundle(bundle: &Path, workbook: &Path) -> Result<(), ConvertError> {
    let loaded = load_bundle(bundle).map_err(ConvertError::Bundle)?;
    let out_dir = match workbook.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    check_destination(bundle, &out_dir, workbook)?;
    let manifest_bytes = std::fs::read(bundle.join(MANIFEST_FILE))
        .map_err(|e| ConvertError::Io(bundle.join(MANIFEST_FILE), e))?;
    let manifest = manifest_of(&manifest_bytes)?;
    let tables = source_tables(bundle)?;
    let mut book = new_workbook("Acteurs et partenariats du territoire");
    add_readme(&mut book, false)?;
    for (spec, table) in TABLES.iter().zip(&tables) {
        if let Some(table) = table {
            add_table_sheet(&mut book, spec, table)?;
        }
    }
    add_lists(&mut book, &loaded.territory.taxonomy)?;
    let bytes = book.save_to_buffer().map_err(xlsx_error)?;
    // the layers and the manifest first, the workbook last: a folder with the workbook
    // is a whole bundle
    let mut copies = vec![(PathBuf::from(MANIFEST_FILE), manifest_bytes)];
    for layer in &manifest.layers {
        let path = Path::new(&layer.file);
        if path.is_absolute() {
            continue; // read from where it is, from any folder
        }
        if !path.components().all(|c| matches!(c, Component::Normal(_))) {
            return Err(ConvertError::Refused(crate::msg!(
                LayerOutsideBeforeConversion,
                layer = &layer.name,
                file = &layer.file
            )));
        }
        let bytes =
            std::fs::read(bundle.join(path)).map_err(|e| ConvertError::Io(bundle.join(path), e))?;
        copies.push((path.to_path_buf(), bytes));
    }
    for (path, bytes) in copies {
        let to = out_dir.join(&path);
        if let Some(parent) = to.parent() {
            std::fs::create_dir_all(parent).map_err(|e| ConvertError::Io(parent.into(), e))?;
        }
        write_atomic(&to, &bytes).map_err(|e| ConvertError::Io(to.clone(), e))?;
    }
    write_atomic(workbook, &bytes).map_err(|e| ConvertError::Io(workbook.into(), e))
}

fn manifest_of(bytes: &[u8]) -> Result<Manifest, ConvertError> {
    let (text, _) = crate::bundle::decode_text(MANIFEST_FILE, bytes);
    parse_manifest(&text, &mut Vec::new())
        .ok_or_else(|| ConvertError::Refused(crate::msg!(ManifestCannotBeReadForConversion)))
}

/// Refuses a destination that would hold the tables twice.
fn check_destination(bundle: &Path, out_dir: &Path, workbook: &Path) -> Result<(), ConvertError> {
    let is_xlsx = workbook
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
    if !is_xlsx {
        return Err(ConvertError::Refused(crate::msg!(
            WorkbookMustBeXlsx,
            path = workbook.display().to_string()
        )));
    }
    std::fs::create_dir_all(out_dir).map_err(|e| ConvertError::Io(out_dir.into(), e))?;
    let same = match (bundle.canonicalize(), out_dir.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    if same {
        return Err(ConvertError::Refused(crate::msg!(
            WorkbookIntoBundleFolder,
            path = out_dir.display().to_string()
        )));
    }
    let name = workbook
        .file_name()
        .map(|n| n.to_string_lossy().into_owned());
    for entry in std::fs::read_dir(out_dir).map_err(|e| ConvertError::Io(out_dir.into(), e))? {
        let Ok(entry) = entry else { continue };
        let other = entry.file_name().to_string_lossy().into_owned();
        let clash = [super::super::ACTORS_FILE, super::super::RELATIONS_FILE]
            .contains(&other.as_str())
            || (super::is_workbook_name(&other)
                && !super::is_lock_file(&other)
                && Some(&other) != name.as_ref());
        if clash {
            return Err(ConvertError::Refused(crate::msg!(
                FolderAlreadyHoldsTables,
                path = out_dir.display().to_string(),
                other = other
            )));
        }
    }
    Ok(())
}

/// The bundle's tables as written: its CSV files, or its workbook's sheets.
fn source_tables(bundle: &Path) -> Result<[Option<CsvTable>; 4], ConvertError> {
    let mut problems = Vec::new();
    let source = crate::bundle::load::Source::folder(bundle);
    if let Some(found) = super::find_workbook(&source, &mut problems) {
        let name = found.map_err(|()| {
            ConvertError::Refused(crate::msg!(
                ProblemLines,
                problems = problems
                    .iter()
                    .map(|p| p.to_string())
                    .collect::<Vec<_>>()
                    .join("\n")
            ))
        })?;
        let bytes = std::fs::read(bundle.join(&name))
            .map_err(|e| ConvertError::Io(bundle.join(&name), e))?;
        let read = super::read_workbook(&name, &bytes);
        let [a, b, c, d] = read.tables;
        return Ok([a.0, b.0, c.0, d.0]);
    }
    let mut tables: [Option<CsvTable>; 4] = [None, None, None, None];
    for (slot, spec) in tables.iter_mut().zip(&TABLES) {
        let path = bundle.join(spec.csv);
        match std::fs::read(&path) {
            Ok(bytes) => *slot = CsvTable::parse(spec.csv, &bytes, &mut problems),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && !spec.required => {}
            Err(e) => return Err(ConvertError::Io(path, e)),
        }
    }
    Ok(tables)
}

fn date_format() -> Format {
    Format::new().set_num_format("dd/mm/yyyy")
}

/// The header of each column of a table: the sheet's French name of the format's
/// columns, the attributes' own; refused when two would be read as one column.
fn sheet_headers(spec: &TableSpec, table: &CsvTable) -> Result<Vec<String>, ConvertError> {
    let mut headers: Vec<String> = Vec::new();
    let mut read_as: Vec<String> = Vec::new();
    for h in &table.headers {
        let written = spec
            .written
            .iter()
            .find(|(canonical, _)| canonical == h)
            .map_or_else(|| h.clone(), |(_, w)| (*w).to_owned());
        let read = spec
            .canonical(&written)
            .map_or_else(|| written.clone(), str::to_owned);
        if let Some(i) = read_as.iter().position(|r| *r == read) {
            return Err(ConvertError::Refused(crate::msg!(
                ColumnsReadAsOne,
                file = &table.file,
                first = &table.headers[i],
                second = h,
                read_as = &headers[i]
            )));
        }
        headers.push(written);
        read_as.push(read);
    }
    Ok(headers)
}

fn add_table_sheet(
    book: &mut Workbook,
    spec: &TableSpec,
    table: &CsvTable,
) -> Result<(), ConvertError> {
    if table.len() >= SHEET_ROWS as usize {
        return Err(ConvertError::Refused(crate::msg!(
            TableTooLongForSheet,
            file = &table.file,
            rows = table.len(),
            limit = SHEET_ROWS - 1
        )));
    }
    let headers = sheet_headers(spec, table)?;
    let sheet = book.add_worksheet();
    sheet.set_name(spec.sheets[0]).map_err(xlsx_error)?;
    write_header(sheet, spec, &headers)?;
    let kinds: Vec<(bool, bool)> = table
        .headers
        .iter()
        .map(|h| {
            (
                NUMBER_COLUMNS.contains(&h.as_str()),
                DATE_COLUMNS.contains(&h.as_str()),
            )
        })
        .collect();
    let dates = date_format();
    for (i, row) in table.rows().enumerate() {
        let r = i as u32 + 1;
        for (c, (&(number, date), text)) in kinds.iter().zip(row.cells()).enumerate() {
            let text = text.trim();
            if text.is_empty() {
                continue;
            }
            let c = c as u16;
            if text.chars().count() > CELL_CHARS {
                return Err(ConvertError::Refused(crate::msg!(
                    CellTooLongForSheet,
                    file = &table.file,
                    line = row.line,
                    column = &table.headers[c as usize],
                    limit = CELL_CHARS
                )));
            }
            let parsed_date = date.then(|| text.parse::<Date>().ok()).flatten();
            if let Some(d) = parsed_date.and_then(excel_date) {
                sheet
                    .write_datetime_with_format(r, c, &d, &dates)
                    .map_err(xlsx_error)?;
            } else if let Some(x) = number.then(|| parse_number(text)).flatten() {
                sheet.write_number(r, c, x).map_err(xlsx_error)?;
            } else {
                sheet.write_string(r, c, text).map_err(xlsx_error)?;
            }
        }
    }
    Ok(())
}

fn excel_date(d: Date) -> Option<ExcelDateTime> {
    let text = d.to_string();
    let mut parts = text.split('-').map(|p| p.parse::<u16>().ok());
    let (Some(Some(y)), Some(Some(m)), Some(Some(day))) =
        (parts.next(), parts.next(), parts.next())
    else {
        return None;
    };
    // a spreadsheet's dates start in 1900
    (1900..=9999)
        .contains(&y)
        .then(|| ExcelDateTime::from_ymd(y, m as u8, day as u8).ok())
        .flatten()
}

/// The header row, frozen, with a filter, and each column's width and help.
fn write_header(
    sheet: &mut Worksheet,
    spec: &TableSpec,
    headers: &[String],
) -> Result<(), ConvertError> {
    let bold = header_format();
    for (c, h) in headers.iter().enumerate() {
        let c = c as u16;
        sheet
            .write_string_with_format(0, c, h, &bold)
            .map_err(xlsx_error)?;
        let width = (h.chars().count() as f64 + 4.0).clamp(10.0, 40.0);
        sheet.set_column_width(c, width).map_err(xlsx_error)?;
        let canonical = spec.canonical(h);
        if canonical.is_some_and(|k| DATE_COLUMNS.contains(&k)) {
            sheet
                .set_column_format(c, &date_format())
                .map_err(xlsx_error)?;
            sheet.set_column_width(c, 12.0).map_err(xlsx_error)?;
        }
        if canonical == Some("name") {
            sheet.set_column_width(c, 40.0).map_err(xlsx_error)?;
        }
    }
    sheet.set_freeze_panes(1, 0).map_err(xlsx_error)?;
    if !headers.is_empty() {
        sheet
            .autofilter(0, 0, SHEET_ROWS - 1, headers.len() as u16 - 1)
            .map_err(xlsx_error)?;
    }
    add_validations(sheet, spec, headers)
}

/// The drop-down lists and checks of a table's columns, from row 2 to the last.
fn add_validations(
    sheet: &mut Worksheet,
    spec: &TableSpec,
    headers: &[String],
) -> Result<(), ConvertError> {
    for (c, h) in headers.iter().enumerate() {
        let Some(canonical) = spec.canonical(h) else {
            continue;
        };
        let list = |range: &str, title: &str, message: &str| -> Result<DataValidation, XlsxError> {
            DataValidation::new()
                .allow_list_formula(Formula::new(format!("={LISTS_SHEET}!{range}")))
                .set_input_title(title)?
                .set_input_message(message)
        };
        let validation = match (spec.csv, canonical) {
            ("actors.csv", "kind") => Some(list(
                "$A$2:$A$1000",
                "Type d'acteur",
                "Choisissez le type dans la liste (feuille listes, colonnes A à C).",
            )),
            ("actors.csv", "sector") => Some(list(
                "$E$2:$E$100",
                "Secteur",
                "Laissez vide pour le secteur du type, ou choisissez-en un autre.",
            )),
            ("relations.csv", "kind") => Some(list(
                "$G$2:$G$20",
                "Type de relation",
                "member : la source est membre de la cible ; partner, cofunding, referral, instance, training, resource, communication : voir Lisez-moi.",
            )),
            ("actors.csv", "accepting") => Some(
                DataValidation::new()
                    .allow_list_strings(&["oui", "non"])
                    .and_then(|v| v.set_input_message("oui si l'acteur accepte de nouveaux patients, non sinon.")),
            ),
            ("needs.csv", "level") => Some(
                DataValidation::new()
                    .allow_list_strings(&["1", "2", "3"])
                    .and_then(|v| v.set_input_message("1 : à surveiller, 2 : besoin, 3 : prioritaire.")),
            ),
            _ => None,
        };
        if let Some(v) = validation {
            let v = v
                .map_err(xlsx_error)?
                .set_error_style(DataValidationErrorStyle::Warning)
                .set_error_title("Valeur hors liste")
                .map_err(xlsx_error)?
                .set_error_message("Cette valeur n'est pas dans la liste : maillage la refusera si elle n'est pas dans la taxonomie du territoire.")
                .map_err(xlsx_error)?;
            sheet
                .add_data_validation(1, c as u16, SHEET_ROWS - 1, c as u16, &v)
                .map_err(xlsx_error)?;
        }
    }
    Ok(())
}

/// The sheet of the drop-down lists: the actor kinds (id, label, sector), the sectors
/// and the relation kinds.
fn add_lists(book: &mut Workbook, taxonomy: &Taxonomy) -> Result<(), ConvertError> {
    let sheet = book.add_worksheet();
    sheet.set_name(LISTS_SHEET).map_err(xlsx_error)?;
    let bold = header_format();
    let heads = [
        "type d'acteur",
        "libellé",
        "secteur du type",
        "",
        "secteur",
        "libellé du secteur",
        "type de relation",
        "signification",
    ];
    for (c, h) in heads.iter().enumerate() {
        sheet
            .write_string_with_format(0, c as u16, *h, &bold)
            .map_err(xlsx_error)?;
    }
    for (i, (id, kind)) in taxonomy.kinds.iter().enumerate() {
        let r = i as u32 + 1;
        sheet.write_string(r, 0, id).map_err(xlsx_error)?;
        sheet.write_string(r, 1, &kind.label).map_err(xlsx_error)?;
        sheet.write_string(r, 2, &kind.sector).map_err(xlsx_error)?;
    }
    for (i, (id, sector)) in taxonomy.sectors.iter().enumerate() {
        let r = i as u32 + 1;
        sheet.write_string(r, 4, id).map_err(xlsx_error)?;
        sheet
            .write_string(r, 5, &sector.label)
            .map_err(xlsx_error)?;
    }
    for (i, kind) in RelationKind::ALL.iter().enumerate() {
        let r = i as u32 + 1;
        sheet
            .write_string(r, 6, kind.as_str())
            .map_err(xlsx_error)?;
        sheet
            .write_string(r, 7, relation_meaning(*kind))
            .map_err(xlsx_error)?;
    }
    for (c, w) in [
        (0u16, 28.0),
        (1, 45.0),
        (2, 16.0),
        (4, 16.0),
        (5, 36.0),
        (6, 18.0),
        (7, 60.0),
    ] {
        sheet.set_column_width(c, w).map_err(xlsx_error)?;
    }
    sheet.set_freeze_panes(1, 0).map_err(xlsx_error)?;
    if taxonomy.kinds.len() > 999 || taxonomy.sectors.len() > 99 {
        return Err(ConvertError::Refused(crate::msg!(TaxonomyTooLargeForLists)));
    }
    Ok(())
}

/// What each kind of relation means, in French.
fn relation_meaning(kind: RelationKind) -> &'static str {
    match kind {
        RelationKind::Member => "la source est membre de la cible (un médecin membre de la CPTS)",
        RelationKind::Partner => "partenariat entre la source et la cible",
        RelationKind::Cofunding => "la source finance la cible",
        RelationKind::Referral => "la source oriente des personnes vers la cible",
        RelationKind::Instance => {
            "la source siège dans une instance de la cible (comité de pilotage, groupe de travail)"
        }
        RelationKind::Training => "la source forme la cible",
        RelationKind::Resource => "la source prête une ressource à la cible (salle, personnel)",
        RelationKind::Communication => "la source relaie les informations de la cible",
    }
}

/// What the "Lisez-moi" sheet says of each column: sheet, column, required, meaning.
const COLUMN_HELP: &[(&str, &str, &str, &str)] = &[
    ("acteurs", "id", "oui", "Identifiant unique de l'acteur, court et sans espace (ex. mg_dupont). Les relations, actions et zones s'y réfèrent ; la casse compte."),
    ("acteurs", "nom", "oui", "Nom affiché de l'acteur."),
    ("acteurs", "type", "oui", "Type d'acteur, choisi dans la liste (feuille listes) : medecin_generaliste, pharmacie, cmp, cpts..."),
    ("acteurs", "secteur", "non", "Secteur, si ce n'est pas celui du type (feuille listes, colonne E)."),
    ("acteurs", "thèmes", "non", "Thèmes séparés par | (ex. santé mentale|diabète) ; majuscules et accents indifférents."),
    ("acteurs", "x, y", "non", "Position : longitude et latitude en degrés (ou Lambert-93 en mètres si territory.toml le dit). Vides pour un acteur sans lieu fixe."),
    ("acteurs", "capacité", "non", "Offre, pour l'accessibilité : équivalents temps plein d'un professionnel (1 par défaut), 0 par défaut pour une structure."),
    ("acteurs", "dessert", "non", "Zones desservies, séparées par | sous la forme couche:identifiant (ex. qpv:QN06901M) : une CPTS et ses communes, un ASV et son QPV."),
    ("acteurs", "accepte", "non", "oui si l'acteur accepte de nouveaux patients (médecin traitant), non sinon."),
    ("acteurs", "adresse, code_postal, code_insee", "non", "Adresse postale : maillage geocode place l'acteur à son adresse."),
    ("acteurs", "autres colonnes", "non", "Toute autre colonne (téléphone, courriel, site_web, finess...) est gardée telle quelle et reprise dans l'annuaire."),
    ("relations", "source, cible", "oui", "Identifiants des deux acteurs liés (colonne id de la feuille acteurs)."),
    ("relations", "type", "oui", "Type de relation, choisi dans la liste (feuille listes, colonne G)."),
    ("relations", "poids", "non", "Intensité de la relation, nombre positif (1 par défaut)."),
    ("relations", "thèmes", "non", "Thèmes de la relation, séparés par |."),
    ("relations", "depuis, jusqu'à", "non", "Dates (jj/mm/aaaa) : la relation compte à partir de « depuis » et jusqu'à la veille de « jusqu'à »."),
    ("actions", "id, nom", "oui", "Identifiant unique et nom de l'action commune (fiche action)."),
    ("actions", "pilote", "oui", "Identifiants des acteurs pilotes, séparés par |."),
    ("actions", "partenaires, financeurs", "non", "Identifiants des acteurs partenaires et financeurs, séparés par |."),
    ("actions", "zones", "non", "Zones où l'action a lieu, séparées par | (couche:identifiant)."),
    ("actions", "début, fin", "non", "Dates de l'action ; « fin » est son dernier jour."),
    ("besoins", "zone", "oui", "Zone où le besoin a été constaté (couche:identifiant)."),
    ("besoins", "thème", "oui", "Un thème (ex. santé mentale)."),
    ("besoins", "niveau", "non", "1 : à surveiller, 2 : besoin (par défaut), 3 : prioritaire."),
    ("besoins", "source", "non", "D'où vient le constat (diagnostic local de santé, enquête...)."),
];

/// The "Lisez-moi" sheet: what the workbook is, and each column.
fn add_readme(book: &mut Workbook, template: bool) -> Result<(), ConvertError> {
    let sheet = book.add_worksheet();
    sheet.set_name(README_SHEET).map_err(xlsx_error)?;
    let title = Format::new().set_bold().set_font_size(14);
    let bold = header_format();
    let wrap = Format::new().set_text_wrap();
    sheet
        .write_string_with_format(0, 0, "Acteurs et partenariats du territoire", &title)
        .map_err(xlsx_error)?;
    let intro = [
        "Ce classeur tient les tables d'un territoire pour maillage : les acteurs (feuille acteurs), leurs partenariats (relations), les actions communes (actions) et les besoins constatés (besoins). Placez-le dans le dossier du territoire, à côté de territory.toml et du dossier zones, à la place des fichiers CSV.",
        "Une ligne par acteur, relation, action ou besoin ; la première ligne de chaque feuille porte les noms des colonnes, à garder tels quels (les noms anglais, name, kind..., sont acceptés aussi). Les colonnes ajoutées sont gardées. Les lignes vides sont ignorées.",
        "Vérifiez le classeur avec : maillage validate DOSSIER. Chaque problème est signalé avec sa feuille et sa cellule, par exemple acteurs!C14.",
        if template {
            "Les listes déroulantes viennent de la taxonomie (feuille listes). Les dates s'écrivent jj/mm/aaaa ; les nombres avec une virgule ou un point."
        } else {
            "Ce classeur a été écrit par maillage convert ; maillage convert DOSSIER SORTIE le remet en fichiers CSV. Les dates s'écrivent jj/mm/aaaa."
        },
    ];
    for (i, text) in intro.iter().enumerate() {
        sheet
            .merge_range(2 + i as u32, 0, 2 + i as u32, 3, text, &wrap)
            .map_err(xlsx_error)?;
        sheet.set_row_height(2 + i as u32, 48).map_err(xlsx_error)?;
    }
    let top = 3 + intro.len() as u32;
    for (c, h) in ["feuille", "colonne", "obligatoire", "ce qu'elle contient"]
        .iter()
        .enumerate()
    {
        sheet
            .write_string_with_format(top, c as u16, *h, &bold)
            .map_err(xlsx_error)?;
    }
    for (i, (sheet_name, column, required, help)) in COLUMN_HELP.iter().enumerate() {
        let r = top + 1 + i as u32;
        sheet.write_string(r, 0, *sheet_name).map_err(xlsx_error)?;
        sheet.write_string(r, 1, *column).map_err(xlsx_error)?;
        sheet.write_string(r, 2, *required).map_err(xlsx_error)?;
        sheet
            .write_string_with_format(r, 3, *help, &wrap)
            .map_err(xlsx_error)?;
    }
    for (c, w) in [(0u16, 12.0), (1, 30.0), (2, 12.0), (3, 90.0)] {
        sheet.set_column_width(c, w).map_err(xlsx_error)?;
    }
    sheet.set_active(true);
    Ok(())
}

/// The columns of a template's sheet, by their format names.
const TEMPLATE_COLUMNS: [&[&str]; 4] = [
    &[
        "id",
        "name",
        "kind",
        "sector",
        "themes",
        "x",
        "y",
        "capacity",
        "serves",
        "accepting",
        "address",
        "postcode",
        "citycode",
        "phone",
        "email",
        "website",
    ],
    &[
        "source", "target", "kind", "weight", "themes", "since", "until",
    ],
    &[
        "id", "name", "themes", "lead", "partners", "funders", "zones", "start", "end",
    ],
    &["zone", "theme", "level", "source"],
];

/// Writes a blank workbook for a coordinator to fill: the sheets acteurs, relations,
/// actions and besoins with their French headers, drop-down lists of the actor kinds,
/// sectors and relation kinds of `taxonomy` (the built-in one, or a bundle's with its
/// own kinds), and a "Lisez-moi" sheet explaining each column in French. The same
/// taxonomy gives the same bytes.
///
/// # Errors
/// [`ConvertError::Io`] when the file cannot be written.
///
/// # Example
/// ```
/// let dir = tempfile::tempdir().unwrap();
/// let out = dir.path().join("modele.xlsx");
/// maillage::bundle::write_template(&out, &maillage::model::Taxonomy::builtin()).unwrap();
/// let read = maillage::bundle::read_workbook("modele.xlsx", &std::fs::read(&out).unwrap());
/// assert_eq!(read.rows(), [Some(0), Some(0), Some(0), Some(0)]);
/// ```
pub fn write_template(out: &Path, taxonomy: &Taxonomy) -> Result<(), ConvertError> {
    let mut book = new_workbook("Acteurs et partenariats du territoire");
    add_readme(&mut book, true)?;
    for (spec, columns) in TABLES.iter().zip(TEMPLATE_COLUMNS) {
        let headers: Vec<String> = columns
            .iter()
            .map(|c| {
                spec.written
                    .iter()
                    .find(|(k, _)| k == c)
                    .map_or(*c, |(_, w)| *w)
                    .to_owned()
            })
            .collect();
        let sheet = book.add_worksheet();
        sheet.set_name(spec.sheets[0]).map_err(xlsx_error)?;
        write_header(sheet, spec, &headers)?;
    }
    add_lists(&mut book, taxonomy)?;
    let bytes = book.save_to_buffer().map_err(xlsx_error)?;
    write_atomic(out, &bytes).map_err(|e| ConvertError::Io(out.into(), e))
}
