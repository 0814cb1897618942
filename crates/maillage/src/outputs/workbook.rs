//! `diagnostic.xlsx` (docs/outputs.md, "Diagnosis workbook"): the tables of the
//! diagnosis in one workbook, a sheet each, for the coordinator who opens one file
//! rather than eight CSVs. The sheets are the CSV tables themselves (`tables`), with
//! French headers, numbers as numbers, yes/no as booleans, the header row frozen and
//! filtered, and columns as wide as their text.

use super::directory::directory_table;
use super::tables::{
    actors_table, dispositifs_table, gaps_table, groups_table, solicitation_table,
    suggestions_table, zones_table, Table,
};
use crate::diagnosis::Diagnosis;
use crate::model::Territory;
use crate::xlsx::{header_format, new_workbook};
use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};
use std::io::{self, Write};

/// The rows a sheet holds at most besides its header (a spreadsheet's 1,048,576 rows).
pub const MAX_SHEET_ROWS: usize = 1_048_575;

/// The sheet of the solicitation load.
const SOLICITATION_SHEET: &str = "sollicitations";

/// The widest a column is made, in characters (longer text wraps in the cell's view).
const MAX_COLUMN_WIDTH: usize = 50;

/// What a column holds, and so how its cells are written.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Cells {
    /// Written as text, whatever it looks like (ids such as INSEE codes keep their
    /// leading zeros).
    Text,
    /// Whole numbers, with a thousands separator.
    Count,
    /// Figures with decimals.
    Figure,
    /// `true` / `false`, written as spreadsheet booleans.
    YesNo,
}

/// A column's French header and what it holds, from its name in the CSV table of the
/// sheet `sheet`.
pub(crate) fn column(sheet: &str, name: &str, territory: &Territory) -> (String, Cells) {
    use Cells::*;
    let fixed = |label: &str, cells| (label.to_owned(), cells);
    if sheet == SOLICITATION_SHEET {
        // counts here, where other tables list the dispositifs
        match name {
            "dispositifs" => return fixed("dispositifs", Count),
            "working_groups" => return fixed("groupes de travail", Count),
            "other_instances" => return fixed("autres instances", Count),
            "actions_led" => return fixed("actions portées", Count),
            "actions_joined" => return fixed("actions rejointes", Count),
            "solicitation" => return fixed("sollicitations", Count),
            "over_solicited" => return fixed("sur-sollicité", YesNo),
            _ => {}
        }
    }
    if sheet == "zones" {
        // a declared indicator of the coverage layer: its label and unit
        if let Some(i) = territory
            .coverage_layer()
            .indicators
            .iter()
            .find(|i| i.property == name)
        {
            return (i.header(), Figure);
        }
    }
    // the label of a kind or a sector named in a column (`count_pharmacie`)
    let label = |id: &str| {
        territory
            .taxonomy
            .kind(id)
            .map(|k| k.label.clone())
            .or_else(|| territory.taxonomy.sector(id).map(|s| s.label.clone()))
            .unwrap_or_else(|| id.to_owned())
    };
    for (prefix, french, cells) in [
        ("nearest_m_", "distance au plus proche (m)", Count),
        ("count_", "nombre", Count),
        ("density_", "densité pour 10 000 hab.", Figure),
        ("access_", "accessibilité pour 10 000 hab.", Figure),
    ] {
        if let Some(id) = name.strip_prefix(prefix) {
            return (format!("{french} : {}", label(id)), cells);
        }
    }
    if let Some(group) = name.strip_prefix("edges_to_") {
        return (format!("liens vers {group}"), Count);
    }
    match name {
        "id" => fixed("identifiant", Text),
        "name" => fixed("nom", Text),
        "kind" => fixed("type", Text),
        "kind_label" => fixed("type", Text),
        "sector_label" => fixed("secteur", Text),
        "group" => fixed("groupe", Text),
        "degree" => fixed("partenaires directs (degré)", Count),
        "strength" => fixed("force des liens", Figure),
        "betweenness" => fixed("intermédiarité", Figure),
        "closeness" => fixed("proximité", Figure),
        "pagerank" => fixed("PageRank", Figure),
        "clustering" => fixed("regroupement local", Figure),
        "constraint" => fixed("contrainte (Burt)", Figure),
        "effective_size" => fixed("taille effective", Figure),
        "ei_index" => fixed("indice E-I", Figure),
        "brokerage_coordinator" => fixed("courtage : coordinateur", Count),
        "brokerage_itinerant" => fixed("courtage : itinérant", Count),
        "brokerage_gatekeeper" => fixed("courtage : gardien", Count),
        "brokerage_liaison" => fixed("courtage : liaison", Count),
        "brokerage_total" => fixed("courtage : total", Count),
        "articulation_point" => fixed("point d'articulation", YesNo),
        "fragility" => fixed("fragilité", Count),
        "community" => fixed("communauté", Count),
        "actors" => fixed("acteurs", Count),
        "internal_edges" => fixed("liens internes", Count),
        "external_edges" => fixed("liens externes", Count),
        "a" => fixed("A", Text),
        "a_name" => fixed("nom de A", Text),
        "b" => fixed("B", Text),
        "b_name" => fixed("nom de B", Text),
        "articulated" => fixed("articulés", YesNo),
        "direct" => fixed("relations directes", Text),
        "shared_members" => fixed("membres communs", Text),
        "cross_ties" => fixed("liens croisés", Count),
        "joint_actions" => fixed("actions communes", Text),
        "distance" => fixed("distance (en liens)", Count),
        "bridging_actors" => fixed("acteurs passerelles", Text),
        "population" => fixed("population", Count),
        "demand" => fixed("demande pondérée par âge (habitants standardisés)", Figure),
        "priority" => fixed("prioritaire", YesNo),
        "overlap" => fixed("dispositifs superposés", Count),
        "dispositifs" => fixed("dispositifs", Text),
        "actions" => fixed("actions", Text),
        "type" => fixed("type d'écart", Text),
        "status" => fixed("statut", Text),
        "subject" => fixed("objet", Text),
        "subject_name" => fixed("nom", Text),
        "detail" => fixed("détail", Text),
        "value" => fixed("valeur", Figure),
        "answers" => fixed("réponses", Text),
        "raised_from" => fixed("levé de l'indicateur", Text),
        "rank" => fixed("rang", Count),
        "group_a" => fixed("groupe de A", Text),
        "group_b" => fixed("groupe de B", Text),
        "score" => fixed("score", Figure),
        "jaccard" => fixed("Jaccard", Figure),
        "adamic_adar" => fixed("Adamic-Adar", Figure),
        "shared_themes" => fixed("thèmes communs", Text),
        "common_neighbours" => fixed("partenaires communs", Text),
        "distance_m" => fixed("distance (m)", Count),
        "common_zones" => fixed("zones communes", Text),
        "themes" => fixed("thèmes", Text),
        "zones" => fixed("zones", Text),
        "address" => fixed("adresse", Text),
        "phone" => fixed("téléphone", Text),
        "email" => fixed("courriel", Text),
        "website" => fixed("site web", Text),
        // an attribute of the bundle keeps its own name
        other => fixed(other, Text),
    }
}

/// The cell formats of a sheet.
struct Formats {
    header: Format,
    count: Format,
    figure: Format,
}

/// Writes one table as a sheet named `name`.
fn add_sheet(
    book: &mut Workbook,
    name: &str,
    table: Table,
    territory: &Territory,
    formats: &Formats,
) -> Result<(), XlsxError> {
    let sheet: &mut Worksheet = book.add_worksheet_with_constant_memory();
    sheet.set_name(name)?;
    let columns: Vec<(String, Cells)> = table
        .header
        .iter()
        .map(|h| column(name, h, territory))
        .collect();
    let mut widths: Vec<usize> = columns
        .iter()
        .map(|(label, _)| label.chars().count())
        .collect();
    for (c, (label, _)) in columns.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, label, &formats.header)?;
    }
    let mut rows = 0usize;
    let mut left_out = 0usize;
    for row in table.rows {
        if rows == MAX_SHEET_ROWS - 1 {
            left_out += 1;
            continue;
        }
        rows += 1;
        let r = rows as u32;
        for (c, (cell, (_, cells))) in row.iter().zip(&columns).enumerate() {
            if cell.is_empty() {
                continue;
            }
            let col = c as u16;
            widths[c] = widths[c].max(cell.chars().count().min(MAX_COLUMN_WIDTH));
            let number = || cell.parse::<f64>().ok().filter(|x| x.is_finite());
            match (cells, number()) {
                (Cells::Count, Some(x)) => {
                    sheet.write_number_with_format(r, col, x, &formats.count)
                }
                (Cells::Figure, Some(x)) => {
                    sheet.write_number_with_format(r, col, x, &formats.figure)
                }
                (Cells::YesNo, _) if cell == "true" || cell == "false" => {
                    sheet.write_boolean(r, col, cell == "true")
                }
                _ => sheet.write_string(r, col, cell),
            }?;
        }
    }
    if left_out > 0 {
        // the sheet is full: the last row says how many rows the CSV table holds more
        sheet.write_string(
            rows as u32 + 1,
            0,
            format!("… et {left_out} lignes de plus : la feuille est pleine, voir le fichier CSV de ce tableau"),
        )?;
        rows += 1;
    }
    for (c, width) in widths.iter().enumerate() {
        sheet.set_column_width(c as u16, (*width + 2).clamp(8, MAX_COLUMN_WIDTH + 2) as f64)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    if !columns.is_empty() {
        sheet.autofilter(0, 0, rows as u32, columns.len() as u16 - 1)?;
    }
    Ok(())
}

/// A "Lisez-moi" sheet: what the workbook holds and where the figures are defined.
fn add_readme(
    book: &mut Workbook,
    territory: &Territory,
    sheets: &[(&str, &str)],
    formats: &Formats,
) -> Result<(), XlsxError> {
    let sheet = book.add_worksheet();
    sheet.set_name("Lisez-moi")?;
    let title = Format::new().set_bold().set_font_size(14);
    sheet.write_string_with_format(0, 0, format!("Diagnostic : {}", territory.name), &title)?;
    let date = territory.date.map_or_else(
        || "toutes les relations".to_owned(),
        |d| format!("relations en cours au {d}"),
    );
    sheet.write_string(1, 0, format!("Réseau observé : {date}."))?;
    sheet.write_string(
        2,
        0,
        "Chaque feuille est l'un des tableaux CSV du diagnostic ; les définitions des indicateurs sont dans docs/analyses.md, celles des fichiers dans docs/outputs.md.",
    )?;
    sheet.write_string_with_format(4, 0, "feuille", &formats.header)?;
    sheet.write_string_with_format(4, 1, "contenu", &formats.header)?;
    for (i, (name, what)) in sheets.iter().enumerate() {
        sheet.write_string(5 + i as u32, 0, *name)?;
        sheet.write_string(5 + i as u32, 1, *what)?;
    }
    sheet.set_column_width(0, 16)?;
    sheet.set_column_width(1, 100)?;
    Ok(())
}

/// The tables of the diagnosis workbook, in its order: each one's sheet name, its CSV
/// file's name without `.csv`, what it holds, and the table. The GeoPackage holds the
/// same tables.
pub(crate) fn diagnosis_tables<'a>(
    territory: &'a Territory,
    diagnosis: &'a Diagnosis,
) -> [(&'static str, &'static str, &'static str, Table<'a>); 8] {
    let report = &diagnosis.network;
    [
        ("acteurs", "actors", "les acteurs et leurs indicateurs de réseau (actors.csv)", actors_table(report)),
        ("zones", "zones", "les zones de la couche de couverture : population, acteurs, densités, accessibilité (zones.csv)", zones_table(territory, diagnosis)),
        ("écarts", "gaps", "les écarts : services manquants, besoins sans réponse, groupes sans lien, acteurs isolés, dispositifs non articulés (gaps.csv)", gaps_table(diagnosis)),
        ("liens à créer", "suggestions", "les liens suggérés entre acteurs, du plus prometteur au moins (suggestions.csv)", suggestions_table(territory, diagnosis)),
        ("annuaire", "directory", "qui fait quoi : type, secteur, thèmes, zones, dispositifs et contacts de chaque acteur (directory.csv)", directory_table(territory, diagnosis)),
        ("dispositifs", "dispositifs", "l'articulation des dispositifs deux à deux (dispositifs.csv)", dispositifs_table(territory, diagnosis)),
        ("groupes", "groups", "les groupes, leur indice E-I et les liens entre eux (groups.csv)", groups_table(report)),
        (SOLICITATION_SHEET, "solicitation", "la charge de sollicitation de chaque acteur : dispositifs, groupes de travail, instances, actions portées et rejointes (solicitation.csv)", solicitation_table(diagnosis)),
    ]
}

/// Writes `diagnostic.xlsx`: a "Lisez-moi" sheet, then one sheet per table of the
/// diagnosis. The same diagnosis gives the same bytes.
pub(crate) fn write_diagnosis_workbook(
    territory: &Territory,
    diagnosis: &Diagnosis,
    out: &mut dyn Write,
) -> io::Result<()> {
    let sheets = diagnosis_tables(territory, diagnosis);
    let formats = Formats {
        header: header_format(),
        count: Format::new().set_num_format("#,##0"),
        figure: Format::new().set_num_format("#,##0.0000"),
    };
    let xlsx = |e: XlsxError| io::Error::other(format!("diagnostic.xlsx: {e}"));
    let mut book = new_workbook(&format!("Diagnostic : {}", territory.name));
    let contents: Vec<(&str, &str)> = sheets.iter().map(|(n, _, w, _)| (*n, *w)).collect();
    add_readme(&mut book, territory, &contents, &formats).map_err(xlsx)?;
    for (name, _, _, table) in sheets {
        add_sheet(&mut book, name, table, territory, &formats).map_err(xlsx)?;
    }
    let bytes = book.save_to_buffer().map_err(xlsx)?;
    out.write_all(&bytes)
}
