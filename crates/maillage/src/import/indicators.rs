//! Zone indicators from an INSEE-style table: the numeric columns of a CSV (`;` or `,`,
//! UTF-8 or Windows-1252, decimal commas) joined to a layer's zones by their id and
//! written into the layer's GeoJSON features, with their `[layers.NAME.indicators.COL]`
//! declarations in territory.toml (docs/import.md).
//!
//! A commune-level table (5-character keys) given for a layer of IRIS (9-character
//! ids) is carried down: each IRIS gets the row of its commune (its first 5
//! characters), and the label of a new declaration says so with the suffix
//! [`COMMUNE_LEVEL_SUFFIX`].

use super::display_name;
use super::zones::{no_features_array, parse_json, read_file};
use crate::atomic::write_all_atomic;
use crate::bundle::{
    decode_text, parse_manifest, parse_number, toml_key, BundleErrors, CsvTable, Location, Problem,
    ProblemCode, Severity, MANIFEST_FILE,
};
use crate::model::{reserved_zone_property, Better};
use serde::Serialize;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

/// The suffix added to the label of an indicator declared from a commune-level table
/// carried down to the IRIS of each commune.
pub const COMMUNE_LEVEL_SUFFIX: &str = " (valeur de la commune)";

/// What to import from an indicator table.
#[derive(Debug, Clone, Default)]
pub struct IndicatorOptions {
    /// The layer of the bundle whose zones get the values.
    pub layer: String,
    /// The table's column holding the zone id (`CODE_IRIS`, `IRIS`, `CODGEO`).
    pub key: String,
    /// The columns to import; empty: every column other than the key whose non-empty
    /// cells are all numbers.
    pub columns: Vec<String>,
    /// Labels of new declarations, by column (default: the column's name).
    pub labels: BTreeMap<String, String>,
    /// Units of new declarations, by column.
    pub units: BTreeMap<String, String>,
    /// Whether a higher value is better, by column: required for each column the
    /// manifest does not declare yet, unless `values_only`.
    pub better: BTreeMap<String, Better>,
    /// Columns imported under another property name, table column → property
    /// (`--as "Part des 75 ans ou + 2020=p75p"`): headers with spaces or commas become
    /// names a manifest can use. They are imported as well as `columns`; the labels,
    /// units and directions above are keyed by the property name.
    pub rename: BTreeMap<String, String>,
    /// Write the values only, declaring no indicator: for columns read by something
    /// else than the indicators, such as the age bands of a layer's demand.
    pub values_only: bool,
}

/// Whether a cell is a statistical-secret or not-available marker of the INSEE and
/// CartoSanté tables (`s`, `nd`, `nc`, `N/A - secret statistique`...): read as no
/// value, and counted.
pub(crate) fn is_missing_marker(cell: &str) -> bool {
    let c = cell.trim().to_lowercase();
    matches!(c.as_str(), "s" | "nd" | "nc" | "na" | "n/a" | "secret") || c.starts_with("n/a")
}

/// What an indicator import read, joined and wrote.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct IndicatorReport {
    /// The table read.
    pub file: String,
    /// The layer written.
    pub layer: String,
    /// `zone` (keys are the zone ids) or `commune` (commune codes carried down to the
    /// IRIS of each commune).
    pub level: &'static str,
    /// Data rows of the table (rows with an empty key left out).
    pub rows: usize,
    /// Rows whose key matches at least one zone.
    pub matched_rows: usize,
    /// Zones of the layer.
    pub zones: usize,
    /// Zones given a row.
    pub zones_with_row: usize,
    /// Ids of the zones without a row (their values of these columns are removed).
    pub zones_without_row: Vec<String>,
    /// Keys of the table matching no zone, sorted.
    pub unmatched_keys: Vec<String>,
    /// The columns imported, as properties of the features.
    pub columns: Vec<String>,
    /// The columns newly declared in territory.toml (the others were declared already
    /// and their declaration is kept as it was).
    pub declared: Vec<String>,
    /// Cells read as no value because they hold a secret or not-available marker
    /// (`s`, `nd`, `N/A - secret statistique`...).
    pub secret_cells: usize,
}

/// Reads an indicator table and writes its columns into a layer of an existing bundle:
/// the values into the layer's GeoJSON features (as numbers; a zone without a value
/// loses the property), and a declaration for each column the manifest does not
/// declare yet. Both files are written together, or neither.
///
/// # Errors
/// Every problem at once, each located (`file:line: column`): the layer or the key
/// column is absent, a key is repeated, a cell is not a number, a new column has no
/// `better`; nothing is written then.
///
/// # Example
/// ```
/// use maillage::import::{import_indicators, IndicatorOptions};
/// use maillage::model::Better;
/// let dir = tempfile::tempdir().unwrap();
/// for f in ["territory.toml", "actors.csv", "relations.csv", "zones/iris.geojson"] {
///     std::fs::create_dir_all(dir.path().join("zones")).unwrap();
///     std::fs::copy(format!("../../data/lyon7/{f}"), dir.path().join(f)).unwrap();
/// }
/// let table = dir.path().join("t.csv");
/// std::fs::write(&table, "CODE_IRIS;pauvrete\n693870101;12,5\n").unwrap();
/// let options = IndicatorOptions {
///     layer: "iris".into(),
///     key: "CODE_IRIS".into(),
///     better: [("pauvrete".to_owned(), Better::Lower)].into(),
///     ..IndicatorOptions::default()
/// };
/// let report = import_indicators(dir.path(), &table, &options).unwrap();
/// assert_eq!((report.matched_rows, report.zones_without_row.len()), (1, 23));
/// ```
pub fn import_indicators(
    bundle: &Path,
    file: &Path,
    options: &IndicatorOptions,
) -> Result<IndicatorReport, BundleErrors> {
    let mut problems = Vec::new();
    let name = display_name(file);
    let plan = plan(bundle, file, &name, options, &mut problems);
    let errors: Vec<Problem> = problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .cloned()
        .collect();
    let Some((report, files)) = plan.filter(|_| errors.is_empty()) else {
        let warnings = problems
            .into_iter()
            .filter(|p| p.severity != Severity::Error)
            .collect();
        return Err(BundleErrors { errors, warnings });
    };
    write_all_atomic(bundle, &files).map_err(|e| BundleErrors {
        errors: vec![Problem::error(
            e.path.display().to_string(),
            Location::File,
            None,
            ProblemCode::MissingFile,
            crate::msg!(CannotBeWritten, detail = e.source.to_string()),
        )],
        warnings: vec![],
    })?;
    Ok(report)
}

/// A parsed table: its values by key, column by column, and the line of each key.
struct Table {
    columns: Vec<String>,
    values: HashMap<String, Vec<Option<f64>>>,
    keys: BTreeSet<String>,
    rows: usize,
    secret_cells: usize,
}

fn layer_error(message: crate::lang::Message) -> Problem {
    Problem::error(
        MANIFEST_FILE,
        Location::File,
        None,
        ProblemCode::UnknownLayer,
        message,
    )
}

/// The files to write, by their path in the bundle.
type Files = Vec<(String, Vec<u8>)>;

/// Reads everything and prepares the two files; `None` (with errors) when any input is
/// wrong.
fn plan(
    bundle: &Path,
    file: &Path,
    name: &str,
    options: &IndicatorOptions,
    problems: &mut Vec<Problem>,
) -> Option<(IndicatorReport, Files)> {
    // the bundle's manifest and layer
    let manifest_bytes = read_file(
        &bundle.join(MANIFEST_FILE),
        crate::msg!(ExpectedIndicatorBundle),
        problems,
    )?;
    let (manifest_text, _) = decode_text(MANIFEST_FILE, &manifest_bytes);
    let manifest = parse_manifest(&manifest_text, problems)?;
    let Some(spec) = manifest.layers.iter().find(|l| l.name == options.layer) else {
        problems.push(layer_error(crate::msg!(
            IndicatorsUnknownLayer,
            layer = &options.layer,
            layers = manifest
                .layers
                .iter()
                .map(|l| l.name.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        )));
        return None;
    };
    let layer_file = spec.file.clone();
    let layer_path = bundle.join(&layer_file);
    let layer_name = layer_file.clone();
    let layer_bytes = read_file(
        &layer_path,
        crate::msg!(ExpectedFeatureCollection),
        problems,
    )?;
    let (layer_text, _) = decode_text(&layer_name, &layer_bytes);
    let mut geojson = parse_json(&layer_name, &layer_text, problems)?;
    let declared: BTreeSet<&str> = spec
        .indicators
        .iter()
        .map(|(i, _)| i.property.as_str())
        .collect();
    let own: BTreeSet<&str> = [Some(spec.id.as_str()), spec.name_property.as_deref()]
        .into_iter()
        .flatten()
        .chain(spec.population.as_deref())
        .collect();

    // the table
    let table = read_table(file, name, options, &own, problems)?;
    for column in &table.columns {
        if !options.values_only
            && !declared.contains(column.as_str())
            && !options.better.contains_key(column)
        {
            problems.push(Problem::error(
                name,
                Location::Line(1),
                Some(column),
                ProblemCode::MissingValue,
                crate::msg!(IndicatorsNeedBetter, column = column),
            ));
        }
    }

    // the join
    let Some(features) = geojson["features"].as_array_mut() else {
        problems.push(no_features_array(&layer_name));
        return None;
    };
    let ids: Vec<Option<String>> = features
        .iter()
        .map(|f| super::zones::property_text(&f["properties"], &spec.id))
        .collect();
    let commune_level = !table.keys.is_empty()
        && table.keys.iter().all(|k| k.chars().count() == 5)
        && ids.iter().flatten().all(|id| id.chars().count() == 9);
    let row_key = |id: &str| -> String {
        if commune_level {
            id.chars().take(5).collect()
        } else {
            id.to_owned()
        }
    };
    let mut report = IndicatorReport {
        file: name.to_owned(),
        layer: options.layer.clone(),
        level: if commune_level { "commune" } else { "zone" },
        rows: table.rows,
        secret_cells: table.secret_cells,
        zones: features.len(),
        columns: table.columns.clone(),
        ..IndicatorReport::default()
    };
    let mut used = BTreeSet::new();
    let mut has_value = vec![false; table.columns.len()];
    for (feature, id) in features.iter_mut().zip(&ids) {
        let row = id.as_deref().map(row_key).and_then(|k| {
            let row = table.values.get(&k);
            if row.is_some() {
                used.insert(k);
            }
            row
        });
        match row {
            Some(_) => report.zones_with_row += 1,
            None => report
                .zones_without_row
                .push(id.clone().unwrap_or_default()),
        }
        if !feature["properties"].is_object() {
            feature["properties"] = Value::Object(serde_json::Map::new());
        }
        let Some(properties) = feature["properties"].as_object_mut() else {
            continue;
        };
        for (i, column) in table.columns.iter().enumerate() {
            match row.and_then(|r| r[i]) {
                Some(v) => {
                    has_value[i] = true;
                    properties.insert(column.clone(), super::zones::population_value(v));
                }
                None => {
                    properties.remove(column);
                }
            }
        }
    }
    report.matched_rows = used.len();
    report.unmatched_keys = table.keys.difference(&used).cloned().collect();
    for (column, has) in table.columns.iter().zip(&has_value) {
        if !has {
            problems.push(Problem::error(
                name,
                Location::File,
                Some(column),
                ProblemCode::MissingValue,
                crate::msg!(
                    IndicatorsNoValue,
                    column = column,
                    layer = &options.layer,
                    example = ids.iter().flatten().next().map_or("", String::as_str),
                    keys = report
                        .unmatched_keys
                        .iter()
                        .take(5)
                        .map(String::as_str)
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ));
        }
    }

    // the declarations
    let mut manifest_out = manifest_text;
    for column in &table.columns {
        if options.values_only || declared.contains(column.as_str()) {
            continue;
        }
        let Some(better) = options.better.get(column) else {
            continue;
        };
        let mut label = options
            .labels
            .get(column)
            .cloned()
            .unwrap_or_else(|| column.clone());
        if commune_level && !label.ends_with(COMMUNE_LEVEL_SUFFIX) {
            label.push_str(COMMUNE_LEVEL_SUFFIX);
        }
        if !manifest_out.ends_with('\n') {
            manifest_out.push('\n');
        }
        manifest_out.push_str(&format!(
            "\n[layers.{}.indicators.{}]\nlabel = {}\n",
            toml_key(&options.layer),
            toml_key(column),
            toml_string(&label)
        ));
        if let Some(unit) = options.units.get(column) {
            manifest_out.push_str(&format!("unit = {}\n", toml_string(unit)));
        }
        manifest_out.push_str(&format!("better = \"{}\"\n", better.as_str()));
        report.declared.push(column.clone());
    }
    let json = serde_json::to_vec(&geojson).ok()?;
    let files = vec![
        (layer_file, json),
        (MANIFEST_FILE.to_owned(), manifest_out.into_bytes()),
    ];
    Some((report, files))
}

fn toml_string(s: &str) -> String {
    toml::Value::String(s.to_owned()).to_string()
}

/// Reads the table: the key column as text, the imported columns as numbers; every
/// duplicate key and every non-numeric cell is an error.
fn read_table(
    file: &Path,
    name: &str,
    options: &IndicatorOptions,
    own: &BTreeSet<&str>,
    problems: &mut Vec<Problem>,
) -> Option<Table> {
    let bytes = read_file(file, crate::msg!(ExpectedIndicatorTable), problems)?;
    let table = CsvTable::parse(name, &bytes, problems)?;
    let missing = |column: &str| {
        Problem::error(
            name,
            Location::Line(1),
            Some(column),
            ProblemCode::MissingColumn,
            crate::msg!(
                IndicatorsMissingColumn,
                column = column,
                found = table.headers.join(", ")
            ),
        )
    };
    let Some(key) = table.column(&options.key) else {
        problems.push(missing(&options.key));
        return None;
    };
    let chosen: Vec<&String> = options
        .columns
        .iter()
        .chain(
            options
                .rename
                .keys()
                .filter(|c| !options.columns.contains(c)),
        )
        .collect();
    let columns: Vec<usize> = if chosen.is_empty() {
        (0..table.headers.len())
            .filter(|&i| i != key)
            .filter(|&i| {
                let mut cells = table
                    .rows()
                    .map(|r| r.cell(i))
                    .filter(|c| !c.is_empty() && !is_missing_marker(c))
                    .peekable();
                cells.peek().is_some() && cells.all(|c| parse_number(c).is_some())
            })
            .collect()
    } else {
        let mut found = Vec::new();
        for c in chosen.iter().copied() {
            match table.column(c) {
                Some(i) => found.push(i),
                None => problems.push(missing(c)),
            }
        }
        found
    };
    if columns.is_empty() && chosen.is_empty() {
        problems.push(Problem::error(
            name,
            Location::Line(1),
            None,
            ProblemCode::MissingColumn,
            crate::msg!(IndicatorsNoColumn, key = &options.key),
        ));
    }
    let names: Vec<String> = columns
        .iter()
        .map(|&i| {
            let header = &table.headers[i];
            options.rename.get(header).unwrap_or(header).clone()
        })
        .collect();
    for column in &names {
        if reserved_zone_property(column) || own.contains(column.as_str()) {
            problems.push(Problem::error(
                name,
                Location::Line(1),
                Some(column),
                ProblemCode::BadManifest,
                crate::msg!(IndicatorsReservedColumn, column = column),
            ));
        }
    }
    let mut values = HashMap::new();
    let mut lines: HashMap<String, u64> = HashMap::new();
    let mut rows = 0;
    let mut secret_cells = 0;
    for row in table.rows() {
        let k = row.cell(key);
        if k.is_empty() {
            continue;
        }
        rows += 1;
        if let Some(first) = lines.get(k) {
            problems.push(row.error(
                &options.key,
                ProblemCode::DuplicateId,
                crate::msg!(IndicatorsDuplicateKey, key = k, first = *first),
            ));
            continue;
        }
        lines.insert(k.to_owned(), row.line);
        let mut cells = Vec::with_capacity(columns.len());
        for (&i, column) in columns.iter().zip(&names) {
            let text = row.cell(i);
            if text.is_empty() {
                cells.push(None);
                continue;
            }
            if is_missing_marker(text) {
                secret_cells += 1;
                cells.push(None);
                continue;
            }
            match parse_number(text) {
                Some(v) => cells.push(Some(v)),
                None => {
                    problems.push(row.error(
                        column,
                        ProblemCode::BadNumber,
                        crate::msg!(
                            BadNumber,
                            value = crate::bundle::clip(text, 80),
                            expected = crate::msg!(ExpectedIndicatorValue)
                        ),
                    ));
                    cells.push(None);
                }
            }
        }
        values.insert(k.to_owned(), cells);
    }
    Some(Table {
        columns: names,
        keys: values.keys().cloned().collect(),
        values,
        rows,
        secret_cells,
    })
}
