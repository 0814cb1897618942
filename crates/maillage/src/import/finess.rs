//! The FINESS establishment file as etalab publishes it ("cs1100507" stock export,
//! `etalab-cs1100507-stock-AAAAMMJJ-HHMM.csv`): `;`-separated, Windows-1252, no header
//! but a first line `finess;etalab;NN;AAAA-MM-JJ`, then two sections joined on
//! `nofinesset`:
//!
//! * `structureet` rows (32 fields): section, nofinesset, nofinessej, rs, rslongue,
//!   complrs, compldistrib, numvoie, typvoie, voie, compvoie, lieuditbp, commune,
//!   departement, libdepartement, ligneacheminement, telephone, telecopie, categetab,
//!   libcategetab, categagretab, libcategagretab, siret, codeape, codemft, libmft,
//!   codesph, libsph, dateouv, dateautor, datemaj, numuai;
//! * `geolocalisation` rows (6 fields): section, nofinesset, coordxet, coordyet,
//!   sourcecoordet, datemaj. Coordinates are Lambert-93 metres in metropolitan France,
//!   UTM overseas; `sourcecoordet` names the system.

use super::mapping::{CategoryMap, Mapped};
use super::national::ActorReading;
use super::{category_map, ImportOptions, Imported, ImportedActor, FINESS_CATEGORIES};
use crate::bundle::{BundleErrors, Location, Problem, ProblemCode};
use crate::crs::{default_epsg, epsg_of_source, Projections};
use crate::model::{Date, LonLat};
use std::collections::HashMap;
use std::io::BufRead;
use std::path::Path;

const STRUCTURE_FIELDS: usize = 32;
const GEO_FIELDS: usize = 6;

/// Field positions in a `structureet` row.
mod f {
    pub const NOFINESSET: usize = 1;
    pub const NOFINESSEJ: usize = 2;
    pub const RS: usize = 3;
    pub const RSLONGUE: usize = 4;
    pub const NUMVOIE: usize = 7;
    pub const TYPVOIE: usize = 8;
    pub const VOIE: usize = 9;
    pub const LIEUDITBP: usize = 11;
    pub const COMMUNE: usize = 12;
    pub const DEPARTEMENT: usize = 13;
    pub const LIGNEACHEMINEMENT: usize = 15;
    pub const TELEPHONE: usize = 16;
    pub const CATEGETAB: usize = 18;
    pub const LIBCATEGETAB: usize = 19;
    pub const SIRET: usize = 22;
}

/// The INSEE commune code of a FINESS row: the department followed by the 3-digit
/// commune; overseas departments (`9A`…`9F`) are written `97` + commune.
///
/// # Example
/// ```
/// use maillage::import::insee_of_finess;
/// assert_eq!(insee_of_finess("01", "451"), "01451");
/// assert_eq!(insee_of_finess("9A", "101"), "97101");
/// assert_eq!(insee_of_finess("30", "14"), "30014");
/// ```
pub fn insee_of_finess(departement: &str, commune: &str) -> String {
    let commune = format!("{:0>3}", commune.trim());
    let dep = departement.trim();
    if dep.len() == 2 && dep.starts_with('9') && dep.as_bytes()[1].is_ascii_alphabetic() {
        format!("97{commune}")
    } else {
        format!("{dep}{commune}")
    }
}

struct Structure {
    line: u64,
    fields: Vec<String>,
    commune: String,
}

/// Reads a FINESS stock file, keeping the establishments of the territory whose
/// category the table maps, joined with their coordinates (converted to WGS84).
///
/// The file is read line by line; only the territory's establishments and the
/// coordinates rows are kept in memory.
///
/// # Errors
/// Every malformed row (wrong number of fields, bad FINESS number, unreadable
/// coordinates), each naming the file, line and field; or a bad category table.
///
/// # Example
/// ```
/// use maillage::import::{read_finess, ImportOptions, TerritoryFilter};
/// let options = ImportOptions::new(TerritoryFilter::communes(["01451", "97101"]));
/// let got = read_finess("../../tests/import/finess/etalab-cs1100507-stock-extrait.csv".as_ref(),
///     &options).unwrap();
/// let ch = got.actors.iter().find(|a| a.id == "finess:010000024").unwrap();
/// assert_eq!(ch.kind, "centre_hospitalier");
/// assert!((ch.location.unwrap().lon - 5.20918113).abs() < 1e-6);
/// ```
pub fn read_finess(file: &Path, options: &ImportOptions) -> Result<Imported, BundleErrors> {
    let map = category_map(FINESS_CATEGORIES, options)?;
    let mut reading = ActorReading::new("finess", file, options);
    let reader = std::fs::File::open(file).map_err(|e| {
        reading.refused(
            Location::File,
            ProblemCode::MissingFile,
            crate::msg!(FinessUnreadable, detail = e.to_string()),
        )
    })?;
    let reader = std::io::BufReader::with_capacity(1 << 16, reader);
    let sections = read_sections(reader, &map, options, &mut reading);
    reading.report.date = options.date.or(sections.extraction);
    let mut projections = Projections::default();
    let mut actors = Vec::with_capacity(sections.kept.len());
    for s in sections.kept {
        let Mapped::Kind(kind) = map.get(&s.fields[f::CATEGETAB]) else {
            continue;
        };
        let geo = sections.geo.get(&s.fields[f::NOFINESSET]);
        let location = locate(&s, geo, &mut projections, &mut reading);
        let placement = reading.placement(location.is_some());
        actors.push(establishment(s, kind, location, placement));
    }
    reading.finish(actors)
}

/// What the file holds for the territory: its establishments whose category the table
/// maps, the coordinates rows by FINESS number (with their line), and the extraction
/// date of the first line.
struct Sections {
    kept: Vec<Structure>,
    geo: HashMap<String, (u64, Vec<String>)>,
    extraction: Option<Date>,
}

/// Reads the file line by line, keeping the territory's establishments and the
/// coordinates rows.
fn read_sections(
    mut reader: impl BufRead,
    map: &CategoryMap,
    options: &ImportOptions,
    reading: &mut ActorReading,
) -> Sections {
    let mut sections = Sections {
        kept: Vec::new(),
        geo: HashMap::new(),
        extraction: None,
    };
    let mut buf = Vec::new();
    let mut line_no = 0u64;
    loop {
        buf.clear();
        match reader.read_until(b'\n', &mut buf) {
            Ok(0) => break,
            Ok(_) => {}
            Err(e) => {
                reading.error(
                    Location::Line(line_no + 1),
                    None,
                    ProblemCode::BadCsv,
                    crate::msg!(CannotBeRead, detail = e.to_string()),
                );
                break;
            }
        }
        line_no += 1;
        let text = decode_line(&buf);
        let text = text.trim_end_matches(['\n', '\r']);
        if text.trim().is_empty() {
            continue;
        }
        let fields: Vec<&str> = text.split(';').collect();
        match fields[0] {
            "finess" if line_no == 1 => {
                sections.extraction = fields.get(3).and_then(|d| d.trim().parse().ok());
            }
            "structureet" => {
                sections
                    .kept
                    .extend(structure(&fields, line_no, map, options, reading));
            }
            "geolocalisation" => {
                if fields.len() < GEO_FIELDS - 1 {
                    reading.error(
                        Location::Line(line_no),
                        None,
                        ProblemCode::BadCsv,
                        crate::msg!(GeoRowWidth, fields = fields.len(), width = GEO_FIELDS),
                    );
                    continue;
                }
                sections.geo.insert(
                    fields[1].trim().to_owned(),
                    (
                        line_no,
                        fields[2..5].iter().map(|s| s.trim().to_owned()).collect(),
                    ),
                );
            }
            other => reading.error(
                Location::Line(line_no),
                None,
                ProblemCode::BadCsv,
                crate::msg!(
                    UnknownFinessSection,
                    section = other.chars().take(40).collect::<String>()
                ),
            ),
        }
    }
    sections
}

/// A `structureet` row, kept when its establishment is in the territory and the table
/// maps its category.
fn structure(
    fields: &[&str],
    line: u64,
    map: &CategoryMap,
    options: &ImportOptions,
    reading: &mut ActorReading,
) -> Option<Structure> {
    reading.report.rows += 1;
    if fields.len() < STRUCTURE_FIELDS {
        reading.error(
            Location::Line(line),
            None,
            ProblemCode::BadCsv,
            crate::msg!(
                StructureRowWidth,
                fields = fields.len(),
                width = STRUCTURE_FIELDS
            ),
        );
        return None;
    }
    let commune = insee_of_finess(fields[f::DEPARTEMENT], fields[f::COMMUNE]);
    if !options.territory.contains(&commune) {
        return None;
    }
    reading.report.in_territory += 1;
    if !is_finess_number(fields[f::NOFINESSET].trim()) {
        reading.error(
            Location::Line(line),
            Some("nofinesset"),
            ProblemCode::BadNumber,
            crate::msg!(NotAFinessNumber, value = fields[f::NOFINESSET]),
        );
        return None;
    }
    let (code, label) = (fields[f::CATEGETAB].trim(), fields[f::LIBCATEGETAB].trim());
    reading.kind(map.get(code), code, label)?;
    Some(Structure {
        line,
        fields: fields.iter().map(|s| s.trim().to_owned()).collect(),
        commune,
    })
}

/// The WGS84 point of an establishment, from its coordinates row `geo`; `None`, with a
/// warning, when it has none.
fn locate(
    s: &Structure,
    geo: Option<&(u64, Vec<String>)>,
    projections: &mut Projections,
    reading: &mut ActorReading,
) -> Option<LonLat> {
    let fs = &s.fields;
    let Some((gline, g)) = geo else {
        reading.problems.push(Problem::warning(
            &reading.file,
            Location::Line(s.line),
            Some("nofinesset"),
            ProblemCode::BadCoordinates,
            crate::msg!(
                NoGeolocalisation,
                finess = &fs[f::NOFINESSET],
                commune = &s.commune
            ),
        ));
        return None;
    };
    let (x, y) = (parse_coord(&g[0]), parse_coord(&g[1]));
    match (x, y) {
        (Some(x), Some(y)) => {
            let epsg = epsg_of_source(&g[2]).unwrap_or_else(|| default_epsg(&fs[f::DEPARTEMENT]));
            let location = projections.to_wgs84(epsg, x, y);
            if location.is_none() {
                reading.error(
                    Location::Line(*gline),
                    Some("sourcecoordet"),
                    ProblemCode::BadCrs,
                    crate::msg!(FinessNotConvertible, x = x, y = y, epsg = epsg),
                );
            }
            location
        }
        (None, _) | (_, None) if g[0].is_empty() && g[1].is_empty() => None,
        _ => {
            reading.error(
                Location::Line(*gline),
                Some(if x.is_none() { "coordxet" } else { "coordyet" }),
                ProblemCode::BadCoordinates,
                crate::msg!(NotMetreCoordinates, x = &g[0], y = &g[1]),
            );
            None
        }
    }
}

/// The actor of an establishment of kind `kind`.
fn establishment(
    s: Structure,
    kind: &str,
    location: Option<LonLat>,
    placement: &'static str,
) -> ImportedActor {
    let fs = &s.fields;
    let no = fs[f::NOFINESSET].clone();
    let name_long = if fs[f::RSLONGUE].is_empty() {
        fs[f::RS].clone()
    } else {
        fs[f::RSLONGUE].clone()
    };
    let address = [
        fs[f::NUMVOIE].as_str(),
        fs[f::TYPVOIE].as_str(),
        fs[f::VOIE].as_str(),
        fs[f::LIEUDITBP].as_str(),
    ]
    .iter()
    .filter(|s| !s.is_empty())
    .copied()
    .collect::<Vec<_>>()
    .join(" ");
    let address = if fs[f::LIGNEACHEMINEMENT].is_empty() {
        address
    } else {
        format!("{address}, {}", fs[f::LIGNEACHEMINEMENT])
    };
    ImportedActor {
        id: format!("finess:{no}"),
        name: name_long,
        kind: kind.to_owned(),
        location,
        commune: s.commune.clone(),
        placement,
        columns: vec![
            ("finess", no),
            ("finess_ej", fs[f::NOFINESSEJ].clone()),
            ("categetab", fs[f::CATEGETAB].clone()),
            ("libcategetab", fs[f::LIBCATEGETAB].clone()),
            ("siret", fs[f::SIRET].clone()),
            ("address", address.trim_matches([',', ' ']).to_owned()),
            ("phone", fs[f::TELEPHONE].clone()),
        ],
    }
}

/// A line as text: UTF-8 when it is valid, else Windows-1252 (the FINESS encoding).
pub(crate) fn decode_line(bytes: &[u8]) -> std::borrow::Cow<'_, str> {
    match std::str::from_utf8(bytes) {
        Ok(s) => std::borrow::Cow::Borrowed(s),
        Err(_) => {
            encoding_rs::WINDOWS_1252
                .decode_without_bom_handling(bytes)
                .0
        }
    }
}

fn is_finess_number(s: &str) -> bool {
    s.len() == 9 && s.chars().all(|c| c.is_ascii_alphanumeric())
}

fn parse_coord(s: &str) -> Option<f64> {
    crate::bundle::parse_number(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_finess_commune_codes() {
        assert_eq!(insee_of_finess("2A", "004"), "2A004");
        assert_eq!(insee_of_finess("9D", "411"), "97411");
    }

    #[test]
    fn decodes_windows_1252_lines() {
        assert_eq!(decode_line(b"Centre M\xe9dico"), "Centre Médico");
        assert_eq!(decode_line("Médico".as_bytes()), "Médico");
    }
}
