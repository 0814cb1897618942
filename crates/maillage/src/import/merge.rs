//! Merging imported actors and layers into a bundle without losing what was entered by
//! hand.
//!
//! Rules (docs/import.md):
//! * Rows are matched by id; ids of a source share a prefix (`finess:`), so a yearly
//!   file updates the same rows and every relation keeps its ends.
//! * The file is the authority for the columns it supplies (`name`, `kind`, `x`, `y`,
//!   `serves` of actors attached to a commune, and its own columns such as `finess` or
//!   `categetab`); every other column, and every row of another source or entered by
//!   hand, is left as it is. To keep a hand correction of a supplied column, list the
//!   column in the row's `import_keep` cell (`name|kind`).
//! * An actor of the source that the file no longer holds is not deleted: its
//!   `import_status` becomes `vanished` and `import_vanished` records the import date.
//!   It comes back to `active` if a later file holds it again.
//! * Each file is written atomically; columns are only ever added, never removed.

use super::{ImportReport, ImportedActor, ImportedLayer};
use crate::atomic::{write_atomic, write_atomic_with};
use crate::bundle::{
    parse_manifest, BundleErrors, CsvTable, Location, Problem, ProblemCode, Severity, ACTORS_FILE,
    MANIFEST_FILE, RELATIONS_FILE,
};
use crate::crs::Projections;
use crate::crs::{Crs, ToWgs84};
use crate::lang::Message;
use crate::model::{Date, LonLat};
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// Columns the importers add to actors.csv beside the bundle format's own: `import_source`
/// (finess, rpps...), `import_status` (`active` or `vanished`), `import_date` (the date of
/// the last import that held the actor), `import_vanished` (the date of the import that
/// first missed it), `import_keep` (supplied columns the import must not overwrite),
/// `placement` (`coordinates`, `finess_site` or `commune`) and `commune` (INSEE code).
pub const ACTOR_IMPORT_COLUMNS: &[&str] = &[
    "import_source",
    "import_status",
    "import_date",
    "import_vanished",
    "import_keep",
    "placement",
    "commune",
];

const BASE_COLUMNS: &[&str] = &["id", "name", "kind", "x", "y", "serves"];

/// Creates a bundle folder with a minimal manifest, an empty actors.csv and an empty
/// relations.csv, when they are absent. Existing files are never touched.
pub(crate) fn ensure_bundle(dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let manifest = dir.join(MANIFEST_FILE);
    if !manifest.exists() {
        let name = dir
            .file_name()
            .map_or("territoire".into(), |n| n.to_string_lossy().into_owned());
        let text = format!(
            "# Territory bundle created by `maillage import`; add layers with\n# `maillage import communes|iris|qpv` and relations by hand.\nformat = 1\nname = {}\ncrs = \"EPSG:4326\"\n",
            toml_string(&name)
        );
        write_atomic(&manifest, text.as_bytes())?;
    }
    let relations = dir.join(RELATIONS_FILE);
    if !relations.exists() {
        write_atomic(
            &relations,
            b"source,target,kind,weight,themes,since,until\n",
        )?;
    }
    let actors = dir.join(ACTORS_FILE);
    if !actors.exists() {
        write_atomic(&actors, b"id,name,kind,x,y,serves\n")?;
    }
    Ok(())
}

fn toml_string(s: &str) -> String {
    toml::Value::String(s.to_owned()).to_string()
}

/// The manifest's CRS (default WGS84 when it cannot be read).
fn bundle_crs(dir: &Path) -> Crs {
    let Ok(bytes) = std::fs::read(dir.join(MANIFEST_FILE)) else {
        return Crs::Wgs84;
    };
    let (text, _) = crate::bundle::decode_text(MANIFEST_FILE, &bytes);
    parse_manifest(&text, &mut Vec::new()).map_or(Crs::Wgs84, |m| m.crs)
}

/// The establishments already in the bundle, by FINESS number, with their WGS84 point:
/// actors `finess:<n>`, and actors with a `finess` column.
pub(crate) fn bundle_context(dir: &Path) -> super::BundleContext {
    let mut sites = HashMap::new();
    let Ok(bytes) = std::fs::read(dir.join(ACTORS_FILE)) else {
        return super::BundleContext { sites };
    };
    let Some(table) = CsvTable::parse(ACTORS_FILE, &bytes, &mut Vec::new()) else {
        return super::BundleContext { sites };
    };
    let to_wgs84 = ToWgs84::new(bundle_crs(dir));
    for row in table.rows() {
        let number = row
            .get("id")
            .and_then(|id| id.strip_prefix("finess:"))
            .or_else(|| row.get("finess"));
        let (Some(number), Some(x), Some(y)) = (number, row.get("x"), row.get("y")) else {
            continue;
        };
        let (Some(x), Some(y)) = (
            crate::bundle::parse_number(x),
            crate::bundle::parse_number(y),
        ) else {
            continue;
        };
        if let Some((lon, lat)) = to_wgs84.convert(x, y) {
            sites.insert(number.to_owned(), LonLat { lon, lat });
        }
    }
    super::BundleContext { sites }
}

fn detect_delimiter(bytes: &[u8]) -> u8 {
    let header = bytes.split(|&b| b == b'\n').next().unwrap_or(b"");
    let count = |c| header.iter().filter(|&&x| x == c).count();
    if count(b';') > count(b',') {
        b';'
    } else {
        b','
    }
}

/// Merges imported actors into the bundle's actors.csv (rules in the module docs).
///
/// # Arguments
/// * `prefix`: the id prefix of the source (`finess:`): rows with it that the file no
///   longer holds are marked vanished.
/// * `date`: the import date written in `import_date`.
/// * `commune_layer`: the layer actors without a point are attached to.
///
/// # Errors
/// actors.csv cannot be read or parsed (every problem), or cannot be written.
///
/// # Example
/// ```
/// use maillage::import::{merge_actors, ImportedActor, ImportReport};
/// use maillage::model::{Date, LonLat};
/// let dir = tempfile::tempdir().unwrap();
/// std::fs::write(dir.path().join("actors.csv"),
///     "id,name,kind,x,y,themes\nfiness:1,Old name,cmp,,,santé mentale\nmine,Mine,asv,,,\n").unwrap();
/// let actor = ImportedActor { id: "finess:2".into(), name: "CMP".into(), kind: "cmp".into(),
///     location: Some(LonLat { lon: 3.9, lat: 44.1 }), commune: "30269".into(),
///     placement: "coordinates", columns: vec![] };
/// let mut report = ImportReport::default();
/// merge_actors(dir.path(), "finess:", &[actor], Date::new(2025, 1, 1).unwrap(), "communes",
///     &mut report).unwrap();
/// assert_eq!((report.added, report.vanished), (1, 1));
/// let text = std::fs::read_to_string(dir.path().join("actors.csv")).unwrap();
/// assert!(text.contains("finess:1,Old name,cmp,,,santé mentale,,finess,vanished,"));
/// assert!(text.contains("mine,Mine,asv"));
/// ```
pub fn merge_actors(
    bundle: &Path,
    prefix: &str,
    actors: &[ImportedActor],
    date: Date,
    commune_layer: &str,
    report: &mut ImportReport,
) -> Result<(), BundleErrors> {
    let path = bundle.join(ACTORS_FILE);
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => b"id,name,kind,x,y,serves\n".to_vec(),
        Err(e) => {
            return Err(one_error(
                ACTORS_FILE,
                crate::msg!(CannotBeRead, detail = e.to_string()),
            ))
        }
    };
    let delimiter = detect_delimiter(&bytes);
    let mut problems = Vec::new();
    let table = CsvTable::parse(ACTORS_FILE, &bytes, &mut problems);
    let errors: Vec<Problem> = problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .cloned()
        .collect();
    let Some(table) = table.filter(|_| errors.is_empty()) else {
        return Err(BundleErrors {
            errors: if errors.is_empty() {
                vec![one_problem(ACTORS_FILE, crate::msg!(CannotBeParsed))]
            } else {
                errors
            },
            warnings: vec![],
        });
    };
    if table.column("id").is_none() {
        return Err(one_error(ACTORS_FILE, crate::msg!(NoIdColumn)));
    }
    let crs = bundle_crs(bundle);
    let mut projections = Projections::default();
    let anchors = commune_anchors(bundle, commune_layer);
    // Columns: existing ones, then the format's and the importers' missing ones.
    let mut headers = table.headers.clone();
    let add_column = |headers: &mut Vec<String>, name: &str| {
        if !headers.iter().any(|h| h == name) {
            headers.push(name.to_owned());
        }
    };
    for c in BASE_COLUMNS.iter().chain(ACTOR_IMPORT_COLUMNS) {
        add_column(&mut headers, c);
    }
    for a in actors {
        for (c, _) in &a.columns {
            add_column(&mut headers, c);
        }
    }
    let col: HashMap<String, usize> = headers
        .iter()
        .enumerate()
        .map(|(i, h)| (h.clone(), i))
        .collect();
    let mut rows: Vec<Vec<String>> = table
        .rows()
        .map(|row| {
            let mut r: Vec<String> = row.cells().map(str::to_owned).collect();
            r.resize(headers.len(), String::new());
            r
        })
        .collect();
    let id_col = col["id"];
    let index: HashMap<String, usize> = rows
        .iter()
        .enumerate()
        .map(|(i, r)| (r[id_col].trim().to_owned(), i))
        .collect();
    let source = prefix.trim_end_matches(':');
    let mut filler = Filler {
        col: &col,
        crs,
        projections: &mut projections,
        anchors: &anchors,
        commune_layer,
        source,
        date: date.to_string(),
    };
    let mut seen = HashSet::new();
    let mut new_actors = Vec::new();
    for a in actors {
        seen.insert(a.id.as_str());
        match index.get(&a.id) {
            Some(&i) => {
                filler.fill(&mut rows[i], a, false, report);
                report.updated += 1;
            }
            None => {
                new_actors.push(a);
                report.added += 1;
            }
        }
    }
    for row in &mut rows {
        let id = row[id_col].trim();
        if id.starts_with(prefix) && !seen.contains(id) && row[col["import_status"]] != "vanished" {
            row[col["import_status"]] = "vanished".into();
            row[col["import_vanished"]] = filler.date.clone();
            if row[col["import_source"]].is_empty() {
                row[col["import_source"]] = source.to_owned();
            }
            report.vanished += 1;
        }
    }
    if actors.iter().any(|a| a.placement == "commune") && !has_layer(bundle, commune_layer) {
        report.warnings.push(Problem::warning(
            MANIFEST_FILE,
            Location::File,
            Some("layers"),
            ProblemCode::UnknownLayer,
            crate::msg!(CommuneLayerMissing, layer = commune_layer),
        ));
    }
    // New rows are built one at a time while writing: a national import does not hold
    // two copies of its actors.
    let result = write_atomic_with(&path, |out| {
        let mut w = csv::WriterBuilder::new()
            .delimiter(delimiter)
            .from_writer(out);
        w.write_record(&headers)?;
        for r in &rows {
            w.write_record(r)?;
        }
        let mut row = vec![String::new(); headers.len()];
        for a in &new_actors {
            row.iter_mut().for_each(String::clear);
            filler.fill(&mut row, a, true, report);
            w.write_record(&row)?;
        }
        w.flush()?;
        Ok(())
    });
    result.map_err(|e| {
        one_error(
            ACTORS_FILE,
            crate::msg!(CannotBeWritten, detail = e.to_string()),
        )
    })
}

/// Writes the supplied columns of an imported actor into a row (rules in the module
/// docs).
struct Filler<'a> {
    col: &'a HashMap<String, usize>,
    crs: Crs,
    projections: &'a mut Projections,
    anchors: &'a HashMap<String, LonLat>,
    commune_layer: &'a str,
    source: &'a str,
    date: String,
}

impl Filler<'_> {
    /// Writes the imported point (or the commune's stand-in) and its placement; an
    /// actor placed at its commune serves that commune.
    fn place(
        &self,
        row: &mut [String],
        a: &ImportedActor,
        x: String,
        y: String,
        previous_placement: &str,
        set: &impl Fn(&mut [String], &str, String),
    ) {
        set(row, "x", x);
        set(row, "y", y);
        if a.placement == "commune" {
            set(
                row,
                "serves",
                format!("{}:{}", self.commune_layer, a.commune),
            );
        } else if previous_placement == "commune" {
            set(row, "serves", String::new());
        }
        set(row, "placement", a.placement.to_owned());
    }
    fn fill(
        &mut self,
        row: &mut [String],
        a: &ImportedActor,
        is_new: bool,
        report: &mut ImportReport,
    ) {
        let col = self.col;
        let keep: Vec<String> = row[col["import_keep"]]
            .split('|')
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
            .collect();
        let set = |row: &mut [String], name: &str, value: String| {
            if is_new || !keep.iter().any(|k| k == name) {
                row[col[name]] = value;
            }
        };
        set(row, "id", a.id.clone());
        set(row, "name", a.name.clone());
        set(row, "kind", a.kind.clone());
        // An actor without a point is placed at the anchor point of its commune (the
        // commune's centroid, or a point inside it), so that it is counted there.
        let location = a.location.or_else(|| {
            (a.placement == "commune")
                .then(|| self.anchors.get(&a.commune).copied())
                .flatten()
        });
        let (x, y) = location
            .and_then(|p| match self.crs {
                Crs::Wgs84 => Some((format!("{:.7}", p.lon), format!("{:.7}", p.lat))),
                Crs::Lambert93 => self
                    .projections
                    .from_wgs84(2154, p)
                    .map(|(x, y)| (format!("{x:.2}"), format!("{y:.2}"))),
            })
            .unwrap_or_default();
        let previous_placement = row[col["placement"]].clone();
        // A point the source does not give (the commune's stand-in) never replaces a
        // better one already in the row: a point geocoded from the address, or one a
        // coordinator moved by hand.
        let kept_point = !is_new
            && a.location.is_none()
            && !row[col["x"]].trim().is_empty()
            && !row[col["y"]].trim().is_empty()
            && (previous_placement != "commune"
                || (row[col["x"]].as_str(), row[col["y"]].as_str()) != (x.as_str(), y.as_str()));
        if kept_point {
            report.kept_points += 1;
        } else {
            if a.location.is_none() && location.is_some() {
                report.placed_at_commune_anchor += 1;
            }
            self.place(row, a, x, y, &previous_placement, &set);
        }
        set(row, "commune", a.commune.clone());
        for (c, v) in &a.columns {
            set(row, c, v.clone());
        }
        row[col["import_source"]] = self.source.to_owned();
        if row[col["import_status"]] == "vanished" {
            report.returned += 1;
        }
        row[col["import_status"]] = "active".into();
        row[col["import_date"]] = self.date.clone();
        row[col["import_vanished"]] = String::new();
    }
}

/// The anchor point of each zone of the commune layer, by zone id, in WGS84.
fn commune_anchors(bundle: &Path, layer: &str) -> HashMap<String, LonLat> {
    let mut out = HashMap::new();
    let Ok(bytes) = std::fs::read(bundle.join(MANIFEST_FILE)) else {
        return out;
    };
    let (text, _) = crate::bundle::decode_text(MANIFEST_FILE, &bytes);
    let Some(spec) = parse_manifest(&text, &mut Vec::new())
        .and_then(|m| m.layers.into_iter().find(|l| l.name == layer))
    else {
        return out;
    };
    let to_wgs84 = ToWgs84::new(spec.crs.unwrap_or(Crs::Wgs84));
    let Ok(bytes) = std::fs::read(bundle.join(&spec.file)) else {
        return out;
    };
    let Ok(json) = serde_json::from_slice::<serde_json::Value>(&bytes) else {
        return out;
    };
    for f in json["features"].as_array().into_iter().flatten() {
        let Some(id) = super::zones::property_text(&f["properties"], &spec.id) else {
            continue;
        };
        let g = &f["geometry"];
        let polygons: Vec<&serde_json::Value> = match g["type"].as_str() {
            Some("Polygon") => vec![&g["coordinates"]],
            Some("MultiPolygon") => g["coordinates"].as_array().into_iter().flatten().collect(),
            _ => continue,
        };
        let ring = |r: &serde_json::Value| -> geo::LineString<f64> {
            r.as_array()
                .into_iter()
                .flatten()
                .filter_map(|p| {
                    let (x, y) = (p.get(0)?.as_f64()?, p.get(1)?.as_f64()?);
                    let (lon, lat) = to_wgs84.convert(x, y)?;
                    Some(geo::Coord { x: lon, y: lat })
                })
                .collect()
        };
        let multi = geo::MultiPolygon::new(
            polygons
                .into_iter()
                .filter_map(|p| {
                    let rings = p.as_array()?;
                    let exterior = ring(rings.first()?);
                    Some(geo::Polygon::new(
                        exterior,
                        rings[1..].iter().map(ring).collect(),
                    ))
                })
                .collect(),
        );
        if let Some(anchor) = crate::model::anchor_point(&multi) {
            out.insert(id, anchor);
        }
    }
    out
}

fn has_layer(bundle: &Path, layer: &str) -> bool {
    let Ok(bytes) = std::fs::read(bundle.join(MANIFEST_FILE)) else {
        return false;
    };
    let (text, _) = crate::bundle::decode_text(MANIFEST_FILE, &bytes);
    parse_manifest(&text, &mut Vec::new()).is_some_and(|m| m.layers.iter().any(|l| l.name == layer))
}

fn one_problem(file: &str, message: Message) -> Problem {
    Problem::error(
        file,
        Location::File,
        None,
        ProblemCode::MissingFile,
        message,
    )
}

fn one_error(file: &str, message: Message) -> BundleErrors {
    BundleErrors {
        errors: vec![one_problem(file, message)],
        warnings: vec![],
    }
}

/// Writes an imported layer to `zones/<name>.geojson` (atomically) and, when the
/// manifest has no layer of that name, appends its `[layers.<name>]` table to
/// territory.toml (the rest of the manifest, comments included, is left as it is).
///
/// # Errors
/// A file cannot be written.
pub fn merge_layer(
    bundle: &Path,
    layer: &ImportedLayer,
    report: &mut ImportReport,
) -> Result<(), BundleErrors> {
    let zones = bundle.join("zones");
    std::fs::create_dir_all(&zones).map_err(|e| {
        one_error(
            "zones",
            crate::msg!(CannotBeCreated, detail = e.to_string()),
        )
    })?;
    let file = format!("zones/{}.geojson", layer.name);
    let json = serde_json::to_vec(&layer.collection).map_err(|e| {
        one_error(
            &file,
            crate::msg!(CannotBeSerialised, detail = e.to_string()),
        )
    })?;
    let existed = bundle.join(&file).exists();
    write_atomic(&bundle.join(&file), &json)
        .map_err(|e| one_error(&file, crate::msg!(CannotBeWritten, detail = e.to_string())))?;
    let n = layer.collection.features.len();
    if existed {
        report.updated += n;
    } else {
        report.added += n;
    }
    if has_layer(bundle, &layer.name) {
        return Ok(());
    }
    let path = bundle.join(MANIFEST_FILE);
    let mut text = std::fs::read_to_string(&path).map_err(|e| {
        one_error(
            MANIFEST_FILE,
            crate::msg!(CannotBeRead, detail = e.to_string()),
        )
    })?;
    if !text.ends_with('\n') {
        text.push('\n');
    }
    text.push_str(&format!(
        "\n[layers.{}]\nfile = {}\nid = {}\nname = {}\n",
        layer.name,
        toml_string(&file),
        toml_string(&layer.id),
        toml_string(&layer.name_property)
    ));
    if let Some(p) = &layer.population {
        text.push_str(&format!("population = {}\n", toml_string(p)));
    }
    if layer.priority {
        text.push_str("priority = true\n");
    }
    write_atomic(&path, text.as_bytes()).map_err(|e| {
        one_error(
            MANIFEST_FILE,
            crate::msg!(CannotBeWritten, detail = e.to_string()),
        )
    })
}
