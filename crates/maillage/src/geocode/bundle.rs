//! Writing the points found back into a bundle's actors.csv: `x`, `y` in the bundle's
//! CRS, `geocode_score`, `geocode_type`, `geocode_label`; every other cell, row, the
//! delimiter, the line endings and the encoding kept; hand-entered coordinates kept
//! unless asked otherwise; the file replaced atomically, or not at all.

use super::table::{TableColumns, NEW_COLUMNS};
use super::{clip, AddressQuery, Geocoded, Geocoder, Location, MatchType, Problem, ProblemCode};
use crate::crs::Crs;
use crate::lang::Message;
use crate::model::LonLat;
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

/// How to geocode a bundle.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GeocodeOptions {
    /// Replace coordinates already in actors.csv (hand-entered points are kept by
    /// default).
    pub overwrite: bool,
    /// Points found with a lower score are listed as warnings.
    pub low_score: f64,
}

impl Default for GeocodeOptions {
    fn default() -> Self {
        Self {
            overwrite: false,
            low_score: 0.6,
        }
    }
}

/// What geocoding a bundle did.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BundleGeocoding {
    /// Rows given a point, by type.
    pub counts: BTreeMap<MatchType, usize>,
    /// Rows with an address and coordinates already, left as they were.
    pub kept: usize,
    /// Rows without address (schemes, institutions without a place).
    pub without_address: usize,
    /// Rows whose address was not found, one warning each with its line.
    pub unresolved: Vec<Problem>,
    /// Rows found with a score below the threshold, one warning each.
    pub low_score: Vec<Problem>,
    /// Whether actors.csv was rewritten (not when nothing changed).
    pub written: bool,
    /// Every row asked, in file order: its line, address and what was found.
    pub rows: Vec<GeocodedRow>,
}

/// One row of actors.csv that was geocoded (or tried).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GeocodedRow {
    /// Its physical line in actors.csv (the header is line 1).
    pub line: u64,
    /// Its `id` cell, empty when the table has none.
    pub id: String,
    /// The address as written.
    pub address: String,
    /// The point found, `None` when the address was not found (or found at a point
    /// the bundle's CRS cannot represent).
    pub found: Option<Geocoded>,
}

impl BundleGeocoding {
    /// Rows given a point.
    pub fn geocoded(&self) -> usize {
        self.counts.values().sum()
    }
}

impl BundleGeocoding {
    /// The report in a language: the counts, then one warning a line.
    pub fn render(&self, lang: crate::lang::Lang) -> String {
        let by_type: Vec<String> = MatchType::ALL
            .iter()
            .map(|t| format!("{} {t}", self.counts.get(t).copied().unwrap_or(0)))
            .collect();
        let mut out = crate::msg!(
            GeocodedActors,
            count = self.geocoded(),
            by_type = by_type.join(", "),
            not_found = self.unresolved.len(),
            kept = self.kept,
            without_address = self.without_address
        )
        .render(lang);
        out.push('\n');
        for p in self.unresolved.iter().chain(&self.low_score) {
            let line = crate::msg!(WarningLine, problem = p.render(lang)).render(lang);
            out.push_str(&format!("  {line}\n"));
        }
        out
    }
}

impl fmt::Display for BundleGeocoding {
    /// [`BundleGeocoding::render`] in the current language.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(crate::lang::language()))
    }
}

/// A bundle that could not be geocoded; actors.csv is then untouched.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GeocodeBundleError {
    /// What went wrong, each naming its file.
    pub errors: Vec<Problem>,
}

impl GeocodeBundleError {
    /// The error in a language: a title, then one problem a line.
    pub fn render(&self, lang: crate::lang::Lang) -> String {
        let mut out = crate::msg!(CannotGeocode).render(lang);
        for e in &self.errors {
            out.push_str("\n  ");
            out.push_str(&e.render(lang));
        }
        out
    }
}

impl fmt::Display for GeocodeBundleError {
    /// [`GeocodeBundleError::render`] in the current language.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(crate::lang::language()))
    }
}

impl std::error::Error for GeocodeBundleError {}

use crate::bundle::ACTORS_FILE as ACTORS;
const MANIFEST: &str = "territory.toml";

fn fail(file: &str, location: Location, code: ProblemCode, message: Message) -> GeocodeBundleError {
    GeocodeBundleError {
        errors: vec![Problem::error(file, location, None, code, message)],
    }
}

/// The CRS of the bundle's x/y, from its manifest.
fn bundle_crs(bundle: &Path) -> Result<Crs, GeocodeBundleError> {
    let path = bundle.join(MANIFEST);
    let text = std::fs::read_to_string(&path).map_err(|e| {
        fail(
            MANIFEST,
            Location::File,
            ProblemCode::MissingFile,
            crate::msg!(ManifestUnreadable, detail = e.to_string()),
        )
    })?;
    let table: toml::Table = text.parse().map_err(|e: toml::de::Error| {
        fail(
            MANIFEST,
            Location::File,
            ProblemCode::BadManifest,
            crate::msg!(ManifestNotToml, detail = clip(e.message(), 200)),
        )
    })?;
    match table.get("crs") {
        None => Ok(Crs::Wgs84),
        Some(toml::Value::String(s)) => s.parse().map_err(|_| {
            fail(
                MANIFEST,
                Location::File,
                ProblemCode::BadCrs,
                crate::msg!(ManifestCrsUnsupported, crs = clip(s, 60)),
            )
        }),
        Some(_) => Err(fail(
            MANIFEST,
            Location::File,
            ProblemCode::BadCrs,
            crate::msg!(ManifestCrsNotText),
        )),
    }
}

/// How actors.csv was written, to write it back the same way.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Encoding {
    Utf8 { bom: bool },
    Windows1252,
}

fn decode(bytes: &[u8]) -> Result<(String, Encoding), GeocodeBundleError> {
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return Err(fail(
            ACTORS,
            Location::File,
            ProblemCode::Encoding,
            crate::msg!(Utf16NotWritable),
        ));
    }
    let (rest, bom) = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => (rest, true),
        None => (bytes, false),
    };
    match std::str::from_utf8(rest) {
        Ok(s) => Ok((s.to_owned(), Encoding::Utf8 { bom })),
        Err(_) => {
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(rest);
            Ok((text.into_owned(), Encoding::Windows1252))
        }
    }
}

fn encode(text: &str, encoding: Encoding) -> Vec<u8> {
    match encoding {
        Encoding::Utf8 { bom } => {
            let mut out = Vec::with_capacity(text.len() + 3);
            if bom {
                out.extend_from_slice(b"\xEF\xBB\xBF");
            }
            out.extend_from_slice(text.as_bytes());
            out
        }
        Encoding::Windows1252 => encoding_rs::WINDOWS_1252.encode(text).0.into_owned(),
    }
}

/// One record of the file, with its place in the text.
struct Record {
    fields: Vec<String>,
    start: usize,
    end: usize,
    line: u64,
}

fn records(text: &str, delimiter: u8) -> Result<Vec<Record>, GeocodeBundleError> {
    let newlines: Vec<usize> = text
        .bytes()
        .enumerate()
        .filter_map(|(i, b)| (b == b'\n').then_some(i))
        .collect();
    let line_of = |byte: usize| 1 + newlines.partition_point(|&nl| nl < byte) as u64;
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut out = Vec::new();
    let mut record = csv::StringRecord::new();
    loop {
        let start = reader.position().byte() as usize;
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                // the record starts after the blank lines the reader skipped
                let mut first = record.position().map_or(start, |p| p.byte() as usize);
                // after CRLF the reader's offset points at the `\n` ending the previous line
                if text.as_bytes().get(first) == Some(&b'\n') {
                    first += 1;
                }
                let end = reader.position().byte() as usize;
                out.push(Record {
                    fields: record.iter().map(str::to_owned).collect(),
                    start: first,
                    end,
                    line: line_of(first),
                });
            }
            Err(e) => {
                let line = e.position().map_or(1, |p| line_of(p.byte() as usize));
                return Err(fail(
                    ACTORS,
                    Location::Line(line),
                    ProblemCode::BadCsv,
                    crate::msg!(ExpectedCsvTable, detail = clip(&e.to_string(), 200)),
                ));
            }
        }
    }
    Ok(out)
}

/// Geocodes the actors of a bundle that have an address and no coordinates, and
/// writes their points back into actors.csv.
///
/// # Arguments
/// * `bundle`: the bundle's folder (its territory.toml gives the CRS of x/y).
/// * `geocoder`: the address index ([`BanIndex::read`](super::BanIndex::read)), or an
///   [`Addok`](super::Addok) server.
///
/// # Returns
/// Counts by type, and the unresolved and low-score rows as warnings naming
/// `actors.csv:LINE`.
///
/// # Errors
/// An unreadable manifest or actors.csv, a table without address column, a server
/// that failed, or a failed write; actors.csv is then as it was.
///
/// # Example
/// ```
/// use maillage::geocode::{geocode_bundle, BanIndex, GeocodeOptions};
/// let dir = std::env::temp_dir().join("maillage-doc-geocode-bundle");
/// std::fs::create_dir_all(&dir).unwrap();
/// std::fs::write(dir.join("territory.toml"), "format = 1\nname = \"Florac\"\ncrs = \"EPSG:4326\"\n").unwrap();
/// std::fs::write(dir.join("actors.csv"), "id;name;kind;x;y;adresse\nm1;Dr A;medecin_generaliste;;;1 rue de l'Église 48400 Florac\n").unwrap();
/// let bano = "480610002F-1,1,Rue de l'Église,48400,Florac,C+O,44.3240,3.5940\n";
/// let index = BanIndex::from_reader("bano-48.csv", bano.as_bytes()).unwrap();
/// let report = geocode_bundle(&dir, &index, &GeocodeOptions::default()).unwrap();
/// assert_eq!(report.geocoded(), 1);
/// let written = std::fs::read_to_string(dir.join("actors.csv")).unwrap();
/// assert_eq!(written.lines().nth(1).unwrap(),
///     "m1;Dr A;medecin_generaliste;3.594000;44.324000;1 rue de l'Église 48400 Florac;1.00;housenumber;1 Rue de l'Église 48400 Florac");
/// ```
pub fn geocode_bundle<G: Geocoder + ?Sized>(
    bundle: &Path,
    geocoder: &G,
    options: &GeocodeOptions,
) -> Result<BundleGeocoding, GeocodeBundleError> {
    let crs = bundle_crs(bundle)?;
    let path = bundle.join(ACTORS);
    let (text, encoding) = read_actors(&path)?;
    let header_line = text.lines().next().unwrap_or("");
    let count = |c| header_line.bytes().filter(|&b| b == c).count();
    let delimiter = if count(b';') > count(b',') {
        b';'
    } else {
        b','
    };
    let records = records(&text, delimiter)?;
    let Some(header) = records.first() else {
        return Err(fail(
            ACTORS,
            Location::File,
            ProblemCode::EmptyFile,
            crate::msg!(EmptyFileNoHeader),
        ));
    };
    let columns = ActorColumns::of(header)?;
    let mut report = BundleGeocoding {
        counts: BTreeMap::new(),
        kept: 0,
        without_address: 0,
        unresolved: Vec::new(),
        low_score: Vec::new(),
        written: false,
        rows: Vec::new(),
    };
    let (asked_rows, asked) = rows_to_geocode(&records, &columns, options, &mut report);
    let found = geocoder
        .geocode_all(&asked)
        .map_err(|e| GeocodeBundleError { errors: vec![e] })?;
    let mut points = BundlePoints {
        crs,
        projections: crate::crs::Projections::default(),
    };
    let mut changes: BTreeMap<usize, Vec<(usize, String)>> = BTreeMap::new();
    for ((&r, query), result) in asked_rows.iter().zip(&asked).zip(found) {
        let cells = found_cells(
            &records[r],
            &columns,
            query,
            result,
            &mut points,
            options,
            &mut report,
        );
        changes.extend(cells.map(|cells| (r, cells)));
    }
    let appended = columns.all.len() - columns.header.len();
    if changes.is_empty() && appended == 0 {
        return Ok(report);
    }
    let out = rewrite(
        &text,
        &records,
        &columns.all,
        columns.header.len(),
        &changes,
        delimiter,
    );
    crate::atomic::write_atomic(&path, &encode(&out, encoding)).map_err(|e| {
        fail(
            ACTORS,
            Location::File,
            ProblemCode::MissingFile,
            crate::msg!(ActorsNotWritten, detail = e.to_string()),
        )
    })?;
    report.written = true;
    Ok(report)
}

/// The text of actors.csv and its encoding, refused when too large or unreadable.
fn read_actors(path: &Path) -> Result<(String, Encoding), GeocodeBundleError> {
    let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    if size > crate::bundle::MAX_TABLE_BYTES {
        return Err(fail(
            ACTORS,
            Location::File,
            ProblemCode::TooLarge,
            crate::msg!(
                ActorsTooLarge,
                size = size,
                max = crate::bundle::MAX_TABLE_BYTES
            ),
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| {
        fail(
            ACTORS,
            Location::File,
            ProblemCode::MissingFile,
            crate::msg!(ActorsUnreadable, detail = e.to_string()),
        )
    })?;
    decode(&bytes)
}

/// The columns of actors.csv that geocoding reads and writes.
struct ActorColumns {
    /// The header's names, trimmed.
    header: Vec<String>,
    /// The header's names and, after them, the columns geocoding adds.
    all: Vec<String>,
    address: TableColumns,
    id: Option<usize>,
    placement: Option<usize>,
    keep: Option<usize>,
    x: usize,
    y: usize,
    /// The columns of [`NEW_COLUMNS`], in its order.
    new: Vec<usize>,
}

impl ActorColumns {
    /// The columns of the header row; an error when it has no address column.
    fn of(header: &Record) -> Result<Self, GeocodeBundleError> {
        let names: Vec<String> = header.fields.iter().map(|h| h.trim().to_owned()).collect();
        let address = TableColumns::find(&names).ok_or_else(|| {
            fail(
                ACTORS,
                Location::Line(header.line),
                ProblemCode::MissingColumn,
                crate::msg!(NoAddressColumn),
            )
        })?;
        let mut all = names.clone();
        let mut position = |name: &str| match all.iter().position(|h| h == name) {
            Some(i) => i,
            None => {
                all.push(name.to_owned());
                all.len() - 1
            }
        };
        let x = position("x");
        let y = position("y");
        let new: Vec<usize> = NEW_COLUMNS.iter().map(|n| position(n)).collect();
        let column = |name: &str| names.iter().position(|h| h == name);
        Ok(Self {
            address,
            id: column("id"),
            placement: column("placement"),
            keep: column("import_keep"),
            x,
            y,
            new,
            all,
            header: names,
        })
    }
}

/// The rows to geocode, and their addresses: those with an address and without a point
/// of their own (unless `options.overwrite`). The others are counted in the report.
fn rows_to_geocode(
    records: &[Record],
    columns: &ActorColumns,
    options: &GeocodeOptions,
    report: &mut BundleGeocoding,
) -> (Vec<usize>, Vec<AddressQuery>) {
    let mut asked = Vec::new();
    let mut asked_rows = Vec::new();
    for (r, record) in records.iter().enumerate().skip(1) {
        let Some(query) = columns.address.query(&record.fields) else {
            report.without_address += 1;
            continue;
        };
        let has_point = |i: usize| record.fields.get(i).is_some_and(|c| !c.trim().is_empty());
        // an importer's stand-in (the commune's anchor point, `placement = commune`) is
        // not a point of the actor, unless a coordinator kept it (`import_keep` x or y)
        let cell = |c: Option<usize>| {
            c.and_then(|i| record.fields.get(i))
                .map_or("", |s| s.trim())
        };
        let stand_in = cell(columns.placement) == "commune"
            && !cell(columns.keep)
                .split('|')
                .any(|k| matches!(k.trim(), "x" | "y"));
        if !options.overwrite && (has_point(columns.x) || has_point(columns.y)) && !stand_in {
            report.kept += 1;
            continue;
        }
        asked.push(query);
        asked_rows.push(r);
    }
    (asked_rows, asked)
}

/// What the geocoder found for a row, in the report; and the cells to write, `None`
/// when the address was not found or its point cannot be written in the bundle's CRS.
fn found_cells(
    record: &Record,
    columns: &ActorColumns,
    query: &AddressQuery,
    result: Option<Geocoded>,
    points: &mut BundlePoints,
    options: &GeocodeOptions,
    report: &mut BundleGeocoding,
) -> Option<Vec<(usize, String)>> {
    let line = record.line;
    report.rows.push(GeocodedRow {
        line,
        id: columns
            .id
            .and_then(|i| record.fields.get(i))
            .cloned()
            .unwrap_or_default(),
        address: query.address.clone(),
        found: result.clone(),
    });
    let Some(g) = result else {
        report.unresolved.push(Problem::warning(
            ACTORS,
            Location::Line(line),
            Some("address"),
            ProblemCode::MissingValue,
            crate::msg!(AddressNotFound, address = clip(&query.address, 120)),
        ));
        return None;
    };
    let Some((gx, gy)) = points.cells(&g) else {
        if let Some(row) = report.rows.last_mut() {
            row.found = None;
        }
        report.unresolved.push(Problem::warning(
            ACTORS,
            Location::Line(line),
            Some("address"),
            ProblemCode::BadCoordinates,
            crate::msg!(
                AddressUnrepresentable,
                address = clip(&query.address, 120),
                lon = g.lon,
                lat = g.lat,
                crs = points.crs.to_string()
            ),
        ));
        return None;
    };
    *report.counts.entry(g.kind).or_default() += 1;
    if g.score < options.low_score {
        report.low_score.push(Problem::warning(
            ACTORS,
            Location::Line(line),
            Some("address"),
            ProblemCode::BadCoordinates,
            crate::msg!(
                LowScore,
                address = clip(&query.address, 120),
                label = &g.label,
                kind = g.kind.to_string(),
                score = format!("{:.2}", g.score),
                threshold = format!("{:.2}", options.low_score)
            ),
        ));
    }
    let new = &columns.new;
    let mut cells = vec![
        (columns.x, gx),
        (columns.y, gy),
        (new[0], format!("{:.2}", g.score)),
        (new[1], g.kind.as_str().to_owned()),
        (new[2], g.label.clone()),
    ];
    if let Some(p) = columns.placement {
        cells.push((p, "address".to_owned()));
    }
    Some(cells)
}

/// The bundle's CRS, and the projections to it.
struct BundlePoints {
    crs: Crs,
    projections: crate::crs::Projections,
}

impl BundlePoints {
    /// The x and y cells of a point found, in the bundle's CRS; `None` when the CRS
    /// cannot represent it.
    fn cells(&mut self, g: &Geocoded) -> Option<(String, String)> {
        match self.crs {
            Crs::Wgs84 => Some((format!("{:.6}", g.lon), format!("{:.6}", g.lat))),
            Crs::Lambert93 => {
                let (x, y) = self.projections.from_wgs84(
                    2154,
                    LonLat {
                        lon: g.lon,
                        lat: g.lat,
                    },
                )?;
                Crs::Lambert93
                    .in_range(x, y)
                    .then(|| (format!("{x:.1}"), format!("{y:.1}")))
            }
        }
    }
}

/// The text of the new file: the rows not changed copied byte for byte (with empty
/// cells for the columns added), the changed ones written anew.
fn rewrite(
    text: &str,
    records: &[Record],
    all_names: &[String],
    width: usize,
    changes: &BTreeMap<usize, Vec<(usize, String)>>,
    delimiter: u8,
) -> String {
    let appended = all_names.len() - width;
    let d = delimiter as char;
    let mut out = String::with_capacity(text.len() + records.len() * 60);
    let mut previous_end = 0;
    for (r, record) in records.iter().enumerate() {
        out.push_str(&text[previous_end..record.start]);
        previous_end = record.end;
        let raw = &text[record.start..record.end];
        let body = raw.trim_end_matches(['\r', '\n']);
        let ending = &raw[body.len()..];
        if r == 0 {
            out.push_str(body);
            for name in &all_names[width..] {
                out.push(d);
                out.push_str(name);
            }
        } else if let Some(cells) = changes.get(&r) {
            let mut fields = record.fields.clone();
            fields.resize(fields.len().max(all_names.len()), String::new());
            for (i, value) in cells {
                fields[*i] = value.clone();
            }
            let mut writer = csv::WriterBuilder::new()
                .delimiter(delimiter)
                .terminator(csv::Terminator::Any(b'\n'))
                .from_writer(Vec::new());
            // writing to a Vec cannot fail
            let _ = writer.write_record(&fields);
            let bytes = writer.into_inner().unwrap_or_default();
            let line = String::from_utf8(bytes).unwrap_or_default();
            out.push_str(line.trim_end_matches('\n'));
        } else {
            out.push_str(body);
            for _ in 0..appended {
                out.push(d);
            }
        }
        out.push_str(ending);
    }
    out.push_str(&text[previous_end..]);
    out
}
