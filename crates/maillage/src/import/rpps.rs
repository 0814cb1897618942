//! The Annuaire Santé extract of professionals' activities
//! (`PS_LibreAcces_Personne_activite_AAAAMMJJHHMM.txt`): `|`-separated, a header row,
//! one row per activity (a professional with two practices has two rows), no
//! coordinates. The columns read, by their published names: `Identifiant PP`,
//! `Nom d'exercice`, `Prénom d'exercice`, `Code profession`, `Libellé profession`,
//! `Code savoir-faire`, `Libellé savoir-faire`, `Code mode exercice`,
//! `Numéro FINESS site`, `Raison sociale site`, `Code commune (coord. structure)`,
//! and, when the file has them, the practice's address: `Numéro Voie`, `Indice
//! répétition voie`, `Libellé type de voie`, `Libellé Voie`, `Code postal` and
//! `Libellé commune` (each `(coord. structure)`), written into `address`, `postcode`,
//! `citycode` and `city` for the geocoder (`maillage import --ban`, `maillage geocode`).
//!
//! The national file is about 800 MB: it is streamed record by record, and only the
//! territory's professionals are kept.

use super::finess::decode_line;
use super::mapping::{CategoryMap, Mapped};
use super::national::ActorReading;
use super::{
    category_map, BundleContext, ImportOptions, Imported, ImportedActor, RPPS_PROFESSIONS,
};
use crate::bundle::{BundleErrors, Location, Problem, ProblemCode};
use crate::model::LonLat;
use std::collections::HashMap;
use std::path::Path;

const ID: &str = "Identifiant PP";
const LAST_NAME: &str = "Nom d'exercice";
const FIRST_NAME: &str = "Prénom d'exercice";
const PROFESSION: &str = "Code profession";
const PROFESSION_LABEL: &str = "Libellé profession";
const SAVOIR_FAIRE: &str = "Code savoir-faire";
const SAVOIR_FAIRE_LABEL: &str = "Libellé savoir-faire";
const MODE: &str = "Code mode exercice";
const FINESS_SITE: &str = "Numéro FINESS site";
const SITE_NAME: &str = "Raison sociale site";
const COMMUNE: &str = "Code commune (coord. structure)";
const NUMBER: &str = "Numéro Voie (coord. structure)";
const REPETITION: &str = "Indice répétition voie (coord. structure)";
const STREET_TYPE: &str = "Libellé type de voie (coord. structure)";
const STREET_TYPE_CODE: &str = "Code type de voie (coord. structure)";
const STREET: &str = "Libellé Voie (coord. structure)";
const POSTCODE: &str = "Code postal (coord. structure)";
const COMMUNE_NAME: &str = "Libellé commune (coord. structure)";

const REQUIRED: &[&str] = &[ID, LAST_NAME, FIRST_NAME, PROFESSION, FINESS_SITE, COMMUNE];

/// One professional of the territory, from the first of their activities there (an
/// activity at a FINESS site of the bundle is preferred to one known by its commune).
/// Text is boxed (`Box<str>`, no spare capacity): a national import may keep a few
/// hundred thousand of them.
struct Person {
    name: Box<str>,
    kind: Box<str>,
    profession: Box<str>,
    specialty: Box<str>,
    mode: Box<str>,
    site: Box<str>,
    site_name: Box<str>,
    commune: Box<str>,
    address: Box<str>,
    postcode: Box<str>,
    city: Box<str>,
    at: Option<LonLat>,
    activities: u32,
}

/// The street address of a practice: number, repetition index (B, T, Q are bis,
/// ter, quater), street type and name, as the geocoder reads them ("12 B Rue X").
fn street_address(number: &str, repetition: &str, street_type: &str, street: &str) -> String {
    let repetition = match repetition {
        "B" | "b" => "bis",
        "T" | "t" => "ter",
        "Q" | "q" => "quater",
        other => other,
    };
    [number, repetition, street_type, street]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Reads an RPPS activity extract, streaming it, and keeps the professionals with an
/// activity in the territory (its commune is one of the territory's, or its FINESS
/// site is an establishment of the bundle). One actor per professional,
/// `rpps:<Identifiant PP>`: placed at its FINESS site when the bundle has that site
/// with a point, else attached to its commune (`placement = commune`) and counted
/// there, the loss of precision counted in the report.
///
/// # Errors
/// Missing columns, rows with the wrong number of fields or without an id, each naming
/// the line; or a bad profession table.
///
/// # Complexity
/// Memory grows with the professionals kept, not with the file.
///
/// # Example
/// ```
/// use maillage::import::{read_rpps, BundleContext, ImportOptions, TerritoryFilter};
/// let options = ImportOptions::new(TerritoryFilter::communes(["30269", "30140", "30311"]));
/// let got = read_rpps("../../tests/import/rpps/PS_LibreAcces_Personne_activite_extrait.txt".as_ref(),
///     &options, &BundleContext::default()).unwrap();
/// let gp = got.actors.iter().find(|a| a.kind == "medecin_generaliste").unwrap();
/// assert_eq!(gp.placement, "commune");
/// assert!(got.report.placed_at_commune > 0);
/// ```
pub fn read_rpps(
    file: &Path,
    options: &ImportOptions,
    context: &BundleContext,
) -> Result<Imported, BundleErrors> {
    let map = category_map(RPPS_PROFESSIONS, options)?;
    let mut reading = ActorReading::new("rpps", file, options);
    let f = std::fs::File::open(file).map_err(|e| {
        reading.refused(
            Location::File,
            ProblemCode::MissingFile,
            crate::msg!(RppsUnreadable, detail = e.to_string()),
        )
    })?;
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b'|')
        .quoting(false)
        .has_headers(false)
        .flexible(true)
        .buffer_capacity(1 << 16)
        .from_reader(f);
    let mut record = csv::ByteRecord::new();
    let columns = Columns::of_header(&mut reader, &mut record, &reading)?;
    let people = read_people(
        &mut reader,
        &mut record,
        &columns,
        &map,
        options,
        context,
        &mut reading,
    );
    let actors = actors_of(people, &mut reading);
    if reading.report.placed_at_commune > 0 {
        let message = crate::msg!(
            ProfessionalsAtCommune,
            count = reading.report.placed_at_commune,
            total = actors.len()
        );
        reading.problems.push(Problem::warning(
            &reading.file,
            Location::File,
            Some(COMMUNE),
            ProblemCode::OutsideZones,
            message,
        ));
    }
    reading.finish(actors)
}

/// The positions of the columns read: the required ones, and the others when the file
/// has them.
struct Columns {
    /// How many cells the header has.
    header: usize,
    /// How many cells a row needs to hold every required column.
    needed: usize,
    id: usize,
    last_name: usize,
    first_name: usize,
    profession: usize,
    site: usize,
    commune: usize,
    profession_label: Option<usize>,
    savoir_faire: Option<usize>,
    savoir_faire_label: Option<usize>,
    mode: Option<usize>,
    site_name: Option<usize>,
    number: Option<usize>,
    repetition: Option<usize>,
    street_type: Option<usize>,
    street_type_code: Option<usize>,
    street: Option<usize>,
    postcode: Option<usize>,
    commune_name: Option<usize>,
}

impl Columns {
    /// Reads the header row; the file is refused when it is empty, unreadable, or
    /// lacks a required column.
    fn of_header(
        reader: &mut csv::Reader<std::fs::File>,
        record: &mut csv::ByteRecord,
        reading: &ActorReading,
    ) -> Result<Self, BundleErrors> {
        let headers: Vec<String> = match reader.read_byte_record(record) {
            Ok(true) => record
                .iter()
                .map(|c| {
                    decode_line(c)
                        .trim()
                        .trim_start_matches('\u{feff}')
                        .to_owned()
                })
                .collect(),
            Ok(false) => {
                return Err(reading.refused(
                    Location::File,
                    ProblemCode::EmptyFile,
                    crate::msg!(EmptyRppsFile),
                ))
            }
            Err(e) => {
                return Err(reading.refused(
                    Location::Line(1),
                    ProblemCode::BadCsv,
                    crate::msg!(UnreadableHeader, detail = e.to_string()),
                ))
            }
        };
        let column = |n: &str| headers.iter().position(|h| h == n);
        let missing: Vec<&str> = REQUIRED
            .iter()
            .copied()
            .filter(|c| column(c).is_none())
            .collect();
        if !missing.is_empty() {
            return Err(BundleErrors {
                errors: missing
                    .iter()
                    .map(|c| {
                        Problem::error(
                            &reading.file,
                            Location::Line(1),
                            Some(c),
                            ProblemCode::MissingColumn,
                            crate::msg!(MissingRppsColumn, column = *c),
                        )
                    })
                    .collect(),
                warnings: vec![],
            });
        }
        let col = |n: &str| column(n).expect("checked above");
        let required = [
            col(ID),
            col(LAST_NAME),
            col(FIRST_NAME),
            col(PROFESSION),
            col(FINESS_SITE),
            col(COMMUNE),
        ];
        let [id, last_name, first_name, profession, site, commune] = required;
        Ok(Self {
            header: headers.len(),
            needed: required.into_iter().max().unwrap_or(0) + 1,
            id,
            last_name,
            first_name,
            profession,
            site,
            commune,
            profession_label: column(PROFESSION_LABEL),
            savoir_faire: column(SAVOIR_FAIRE),
            savoir_faire_label: column(SAVOIR_FAIRE_LABEL),
            mode: column(MODE),
            site_name: column(SITE_NAME),
            number: column(NUMBER),
            repetition: column(REPETITION),
            street_type: column(STREET_TYPE),
            street_type_code: column(STREET_TYPE_CODE),
            street: column(STREET),
            postcode: column(POSTCODE),
            commune_name: column(COMMUNE_NAME),
        })
    }
}

/// A cell as text, trimmed; empty when the column is absent.
fn text(r: &csv::ByteRecord, i: Option<usize>) -> String {
    i.and_then(|i| r.get(i))
        .map(|b| decode_line(b).trim().to_owned())
        .unwrap_or_default()
}

/// Streams the rows, keeping the professionals of the territory by id.
fn read_people(
    reader: &mut csv::Reader<std::fs::File>,
    record: &mut csv::ByteRecord,
    columns: &Columns,
    map: &CategoryMap,
    options: &ImportOptions,
    context: &BundleContext,
    reading: &mut ActorReading,
) -> HashMap<Box<str>, Person> {
    let mut people: HashMap<Box<str>, Person> = HashMap::new();
    loop {
        match reader.read_byte_record(record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                reading.error(
                    Location::Line(line),
                    None,
                    ProblemCode::BadCsv,
                    crate::msg!(UnreadableRow, detail = e.to_string()),
                );
                if reading.problems.len() > 1000 {
                    break;
                }
                continue;
            }
        }
        if record.iter().all(|c| c.iter().all(u8::is_ascii_whitespace)) {
            continue;
        }
        activity(record, columns, map, options, context, &mut people, reading);
    }
    people
}

/// One activity row: its professional added, or counted again (and moved to this
/// activity's FINESS site when it has one and the first had none).
fn activity(
    record: &csv::ByteRecord,
    c: &Columns,
    map: &CategoryMap,
    options: &ImportOptions,
    context: &BundleContext,
    people: &mut HashMap<Box<str>, Person>,
    reading: &mut ActorReading,
) {
    let line = record.position().map_or(0, |p| p.line());
    reading.report.rows += 1;
    if record.len() < c.needed {
        reading.error(
            Location::Line(line),
            None,
            ProblemCode::BadCsv,
            crate::msg!(RppsRowWidth, fields = record.len(), width = c.header),
        );
        return;
    }
    let commune = std::str::from_utf8(&record[c.commune]).unwrap_or("").trim();
    let site = std::str::from_utf8(&record[c.site]).unwrap_or("").trim();
    let at = (!site.is_empty())
        .then(|| context.sites.get(site))
        .flatten()
        .copied();
    if !options.territory.contains(commune) && at.is_none() {
        return;
    }
    reading.report.in_territory += 1;
    let id = text(record, Some(c.id));
    if id.is_empty() {
        reading.error(
            Location::Line(line),
            Some(ID),
            ProblemCode::MissingValue,
            crate::msg!(EmptyValue, expected = crate::msg!(ExpectedRppsNumber)),
        );
        return;
    }
    let profession = text(record, Some(c.profession));
    let specialty = text(record, c.savoir_faire);
    let mapped = match map.get(&format!("{profession}/{specialty}")) {
        Mapped::Unmapped => map.get(&profession),
        m => m,
    };
    let Some(kind) = reading.kind(mapped, &profession, &text(record, c.profession_label)) else {
        return;
    };
    if let Some(p) = people.get_mut(id.as_str()) {
        p.activities += 1;
        if p.at.is_some() || at.is_none() {
            return;
        }
    }
    let activities = people.get(id.as_str()).map_or(1, |p| p.activities);
    let street = text(record, c.street);
    let address = if street.is_empty() {
        String::new()
    } else {
        let mut street_type = text(record, c.street_type);
        if street_type.is_empty() {
            street_type = text(record, c.street_type_code);
        }
        street_address(
            &text(record, c.number),
            &text(record, c.repetition),
            &street_type,
            &street,
        )
    };
    let person = Person {
        name: format!(
            "{} {}",
            text(record, Some(c.first_name)),
            text(record, Some(c.last_name))
        )
        .trim()
        .into(),
        kind: kind.into(),
        profession: profession.into(),
        specialty: if specialty.is_empty() {
            "".into()
        } else {
            format!("{specialty} {}", text(record, c.savoir_faire_label))
                .trim()
                .into()
        },
        mode: text(record, c.mode).into(),
        site: site.into(),
        site_name: text(record, c.site_name).into(),
        commune: commune.into(),
        address: address.into(),
        postcode: text(record, c.postcode).into(),
        city: text(record, c.commune_name).into(),
        at,
        activities,
    };
    people.insert(id.into_boxed_str(), person);
}

/// One actor per professional, by id: at its FINESS site, or attached to its commune.
fn actors_of(people: HashMap<Box<str>, Person>, reading: &mut ActorReading) -> Vec<ImportedActor> {
    let mut people: Vec<(Box<str>, Person)> = people.into_iter().collect();
    people.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let mut actors = Vec::with_capacity(people.len());
    for (id, p) in people {
        let placement = if p.at.is_some() {
            reading.report.placed_at_site += 1;
            "finess_site"
        } else {
            reading.report.placed_at_commune += 1;
            "commune"
        };
        actors.push(ImportedActor {
            id: format!("rpps:{id}"),
            name: p.name.into(),
            kind: p.kind.into(),
            location: p.at,
            commune: p.commune.to_string(),
            placement,
            columns: vec![
                ("rpps", id.into()),
                ("profession", p.profession.into()),
                ("specialty", p.specialty.into()),
                ("mode_exercice", p.mode.into()),
                ("finess", p.site.into()),
                ("site", p.site_name.into()),
                ("activities", p.activities.to_string()),
                ("address", p.address.into()),
                ("postcode", p.postcode.into()),
                ("citycode", p.commune.to_string()),
                ("city", p.city.into()),
            ],
        });
    }
    actors
}

#[cfg(test)]
mod tests {
    use super::street_address;

    #[test]
    fn writes_the_practice_address_as_the_geocoder_reads_it() {
        assert_eq!(
            street_address("12", "B", "Rue", "JEAN MACE"),
            "12 bis Rue JEAN MACE"
        );
        assert_eq!(
            street_address("", "", "Place", "DE LA MAIRIE"),
            "Place DE LA MAIRIE"
        );
        assert_eq!(street_address("3", "", "", "LE BOURG"), "3 LE BOURG");
    }
}
