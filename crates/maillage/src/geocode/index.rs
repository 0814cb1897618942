//! The address index: communes (and the former communes merged into them), their
//! streets and lieux-dits, and the numbered points of each street, built once from
//! one or more BAN, BAL or BANO files.

use super::address::canonical_suffix;
use super::ban::{read_ban, read_ban_file, AddressRow, BanFormat};
use super::codes::{arrondissement_of_name, commune_of_arrondissement};
use super::normalize::{normalize_city, normalize_street, street_type, trigrams};
use super::{BanErrors, Problem, Severity};
use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

/// A house number's position.
#[derive(Debug, Clone)]
pub(crate) struct NumberPoint {
    pub number: u32,
    /// The canonical suffix ([`canonical_suffix`]), empty when none.
    pub suffix: Box<str>,
    /// The suffix as the file writes it, for the label.
    pub suffix_label: Box<str>,
    pub lon: f64,
    pub lat: f64,
}

/// A street, or a lieu-dit, of one commune.
#[derive(Debug, Clone)]
pub(crate) struct Street {
    /// The name as the file writes it.
    pub name: String,
    /// Folded, abbreviations spelt out.
    pub folded: String,
    pub trigrams: Vec<u32>,
    /// The trigrams of the name without its street type ("JEAN MACE" of "RUE JEAN
    /// MACE"); the same as `trigrams` when the name starts with no type.
    pub core_trigrams: Vec<u32>,
    pub unit: u32,
    pub postcode: String,
    /// Numbered points, sorted by number then suffix.
    pub numbers: Vec<NumberPoint>,
    /// Points without number (BAN `99999`, lieu-dit positions).
    pub others: Vec<(f64, f64)>,
    /// The point of the street: the numbered (or other) point nearest the mean of all.
    pub centre: (f64, f64),
    /// A lieu-dit (`nom_ld`) rather than a street.
    pub locality: bool,
}

/// A commune, or a former commune merged into one (then `parent` is the commune).
#[derive(Debug, Clone)]
pub(crate) struct Unit {
    pub code: String,
    pub name: String,
    pub parent: Option<u32>,
    pub children: Vec<u32>,
    pub postcodes: Vec<String>,
    pub streets: Vec<u32>,
    pub centre: (f64, f64),
    pub points: usize,
}

/// Where the points of the index came from.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct SourceFile {
    /// The file as named to [`BanIndex::read`].
    pub file: String,
    /// The layout read.
    pub format: BanFormat,
    /// Address points read.
    pub rows: usize,
}

/// An index of address points, built from BAN, BAL or BANO files, that geocodes
/// addresses ([`BanIndex::geocode`]).
///
/// # Example
/// ```
/// use maillage::geocode::BanIndex;
/// let bano = "480610002F-1,1,Rue de l'Église,48400,Florac,C+O,44.3240,3.5940\n\
///             480610002F-3,3,Rue de l'Église,48400,Florac,C+O,44.3242,3.5944\n";
/// let index = BanIndex::from_reader("bano-48.csv", bano.as_bytes()).unwrap();
/// assert_eq!(index.len(), 2);
/// assert_eq!(index.communes(), 1);
/// ```
#[derive(Debug, Clone, Default)]
pub struct BanIndex {
    pub(crate) units: Vec<Unit>,
    pub(crate) streets: Vec<Street>,
    pub(crate) by_code: HashMap<String, Vec<u32>>,
    pub(crate) by_postcode: HashMap<String, Vec<u32>>,
    pub(crate) by_name: HashMap<String, Vec<u32>>,
    /// Folded commune names with their trigrams, sorted by name, for fuzzy lookup.
    pub(crate) names: Vec<(String, Vec<u32>)>,
    points: usize,
    sources: Vec<SourceFile>,
    /// Warnings met while reading.
    pub warnings: Vec<Problem>,
}

/// Accumulates rows into an index.
#[derive(Default)]
struct Builder {
    index: BanIndex,
    unit_of: HashMap<(String, String), u32>,
    street_of: HashMap<(u32, String, bool), u32>,
    last_unit: Option<((String, String), u32)>,
    last_street: Option<((u32, String), u32)>,
}

impl Builder {
    fn unit(&mut self, code: &str, name: &str, parent: Option<u32>) -> u32 {
        let key = (
            code.to_owned(),
            parent.map_or(String::new(), |p| p.to_string()),
        );
        if let Some(&u) = self.unit_of.get(&key) {
            return u;
        }
        let u = self.index.units.len() as u32;
        self.index.units.push(Unit {
            code: code.to_owned(),
            name: name.to_owned(),
            parent,
            children: Vec::new(),
            postcodes: Vec::new(),
            streets: Vec::new(),
            centre: (0.0, 0.0),
            points: 0,
        });
        if let Some(p) = parent {
            self.index.units[p as usize].children.push(u);
        }
        self.unit_of.insert(key, u);
        u
    }

    fn add_postcode(&mut self, unit: u32, postcode: &str) {
        if postcode.is_empty() {
            return;
        }
        let u = &mut self.index.units[unit as usize];
        if !u.postcodes.iter().any(|p| p == postcode) {
            u.postcodes.push(postcode.to_owned());
        }
    }

    fn street(&mut self, unit: u32, name: &str, postcode: &str, locality: bool) -> u32 {
        if !locality {
            if let Some(((u, n), s)) = &self.last_street {
                if *u == unit && n == name {
                    return *s;
                }
            }
        }
        let key = (unit, name.to_owned(), locality);
        let s = match self.street_of.get(&key) {
            Some(&s) => s,
            None => {
                let s = self.index.streets.len() as u32;
                let folded = normalize_street(name);
                let tri = trigrams(&folded);
                let core = core_of(&folded);
                let core_trigrams = if core.len() == folded.len() {
                    tri.clone()
                } else {
                    trigrams(core)
                };
                self.index.streets.push(Street {
                    name: name.to_owned(),
                    folded,
                    trigrams: tri,
                    core_trigrams,
                    unit,
                    postcode: postcode.to_owned(),
                    numbers: Vec::new(),
                    others: Vec::new(),
                    centre: (0.0, 0.0),
                    locality,
                });
                self.index.units[unit as usize].streets.push(s);
                self.street_of.insert(key, s);
                s
            }
        };
        if !locality {
            self.last_street = Some(((unit, name.to_owned()), s));
        }
        s
    }

    fn push(&mut self, row: &AddressRow) {
        let commune = match &self.last_unit {
            Some(((code, old), u)) if code == row.citycode && old == row.old_citycode => *u,
            _ => {
                let commune = self.unit(row.citycode, row.city, None);
                let unit = if row.old_citycode.is_empty() {
                    commune
                } else {
                    let name = if row.old_city.is_empty() {
                        row.city
                    } else {
                        row.old_city
                    };
                    self.unit(row.old_citycode, name, Some(commune))
                };
                self.last_unit =
                    Some(((row.citycode.to_owned(), row.old_citycode.to_owned()), unit));
                unit
            }
        };
        let unit = commune;
        if !row.postcode.is_empty() {
            self.add_postcode(unit, row.postcode);
            if let Some(p) = self.index.units[unit as usize].parent {
                self.add_postcode(p, row.postcode);
            }
        }
        let (number, suffix) = split_numero(row.numero, row.rep);
        if !row.voie.is_empty() {
            let s = self.street(unit, row.voie, row.postcode, false);
            let street = &mut self.index.streets[s as usize];
            match number {
                Some(number) => street.numbers.push(NumberPoint {
                    number,
                    suffix: canonical_suffix(suffix).into_boxed_str(),
                    suffix_label: suffix.to_lowercase().into_boxed_str(),
                    lon: row.lon,
                    lat: row.lat,
                }),
                None => street.others.push((row.lon, row.lat)),
            }
        }
        // a lieu-dit of its own, or a BAN point of a lieu-dit without street
        if !row.lieu_dit.is_empty() && (row.lieu_dit != row.voie || row.voie.is_empty()) {
            let s = self.street(unit, row.lieu_dit, row.postcode, true);
            self.index.streets[s as usize]
                .others
                .push((row.lon, row.lat));
        }
        self.index.points += 1;
    }

    fn finish(mut self) -> BanIndex {
        let index = &mut self.index;
        let mut sums = vec![(0.0f64, 0.0f64, 0usize); index.units.len()];
        for street in &mut index.streets {
            street
                .numbers
                .sort_by(|a, b| (a.number, &a.suffix).cmp(&(b.number, &b.suffix)));
            let all = || {
                street
                    .numbers
                    .iter()
                    .map(|p| (p.lon, p.lat))
                    .chain(street.others.iter().copied())
            };
            street.centre = medoid(all());
            let s = &mut sums[street.unit as usize];
            for (lon, lat) in all() {
                s.0 += lon;
                s.1 += lat;
                s.2 += 1;
            }
        }
        for (u, unit) in index.units.iter_mut().enumerate() {
            let (sx, sy, n) = sums[u];
            unit.points = n;
            if n > 0 {
                let mean = (sx / n as f64, sy / n as f64);
                // the street centre nearest the mean: a real address point of the commune
                unit.centre = unit
                    .streets
                    .iter()
                    .map(|&s| index.streets[s as usize].centre)
                    .min_by(|a, b| dist2(*a, mean).total_cmp(&dist2(*b, mean)))
                    .unwrap_or(mean);
            }
            unit.postcodes.sort();
        }
        // a commune with former communes: its point and count over all of them
        for u in 0..index.units.len() {
            if !index.units[u].children.is_empty() && index.units[u].points == 0 {
                let best = index.units[u]
                    .children
                    .iter()
                    .max_by_key(|&&c| (index.units[c as usize].points, std::cmp::Reverse(c)))
                    .copied();
                if let Some(c) = best {
                    index.units[u].centre = index.units[c as usize].centre;
                }
                index.units[u].points = index.units[u]
                    .children
                    .iter()
                    .map(|&c| index.units[c as usize].points)
                    .sum();
            }
        }
        for (u, unit) in index.units.iter().enumerate() {
            let u = u as u32;
            index.by_code.entry(unit.code.clone()).or_default().push(u);
            for p in &unit.postcodes {
                index.by_postcode.entry(p.clone()).or_default().push(u);
            }
            let folded = normalize_city(&unit.name);
            if let Some((_, base)) = arrondissement_of_name(&folded) {
                index.by_name.entry(base.to_owned()).or_default().push(u);
            } else if commune_of_arrondissement(&unit.code).is_some() {
                if let Some(base) = folded.split(' ').next() {
                    index.by_name.entry(base.to_owned()).or_default().push(u);
                }
            }
            index.by_name.entry(folded).or_default().push(u);
        }
        for units in index
            .by_code
            .values_mut()
            .chain(index.by_postcode.values_mut())
            .chain(index.by_name.values_mut())
        {
            units.sort_unstable();
            units.dedup();
        }
        let mut names: Vec<String> = index.by_name.keys().cloned().collect();
        names.sort();
        index.names = names
            .into_iter()
            .map(|n| {
                let t = trigrams(&n);
                (n, t)
            })
            .collect();
        self.index
    }
}

/// The name without its leading street type.
pub(crate) fn core_of(folded: &str) -> &str {
    match folded.split_once(' ') {
        Some((first, rest)) if street_type(first).is_some() => rest,
        _ => folded,
    }
}

fn dist2(a: (f64, f64), b: (f64, f64)) -> f64 {
    let k = b.1.to_radians().cos();
    ((a.0 - b.0) * k).powi(2) + (a.1 - b.1).powi(2)
}

/// The point of a set nearest its mean (a real point, never one off the street).
fn medoid(points: impl Iterator<Item = (f64, f64)> + Clone) -> (f64, f64) {
    let (mut sx, mut sy, mut n) = (0.0, 0.0, 0usize);
    for (x, y) in points.clone() {
        sx += x;
        sy += y;
        n += 1;
    }
    if n == 0 {
        return (0.0, 0.0);
    }
    let mean = (sx / n as f64, sy / n as f64);
    points
        .min_by(|a, b| dist2(*a, mean).total_cmp(&dist2(*b, mean)))
        .unwrap_or(mean)
}

/// The number and suffix of a row: BAN and BAL give them apart (`12`, `bis`), BANO
/// together (`12BIS`). `99999` and empty numbers are points of a street without
/// number.
fn split_numero<'a>(numero: &'a str, rep: &'a str) -> (Option<u32>, &'a str) {
    let digits = numero.bytes().take_while(u8::is_ascii_digit).count();
    let number: Option<u32> = numero[..digits].parse().ok().filter(|&n| n != 99999);
    let suffix = if rep.is_empty() {
        numero[digits..].trim()
    } else {
        rep
    };
    (number, suffix)
}

impl BanIndex {
    /// Reads BAN, BAL or BANO files (gzip-compressed or not) into one index.
    ///
    /// # Arguments
    /// * `paths`: the files, e.g. `adresses-48.csv.gz` of several departments.
    ///
    /// # Returns
    /// The index, its reading warnings in [`BanIndex::warnings`].
    ///
    /// # Errors
    /// Every file that could not be read (missing, not a BAN file, truncated gzip),
    /// each error naming the file and the line; the warnings met on the way too.
    ///
    /// # Complexity
    /// Linear in the rows; one pass over each file, which is never held whole.
    ///
    /// # Example
    /// ```
    /// use maillage::geocode::BanIndex;
    /// let dir = std::env::temp_dir().join("maillage-doc-ban-index");
    /// std::fs::create_dir_all(&dir).unwrap();
    /// let path = dir.join("bano-48.csv");
    /// std::fs::write(&path, "480610002F-1,1,Rue de l'Église,48400,Florac,C+O,44.324,3.594\n").unwrap();
    /// let index = BanIndex::read(&[&path]).unwrap();
    /// assert_eq!(index.len(), 1);
    /// let missing = BanIndex::read(&[dir.join("absent.csv")]).unwrap_err();
    /// assert!(missing.to_string().contains("absent.csv"));
    /// ```
    pub fn read<P: AsRef<Path>>(paths: &[P]) -> Result<BanIndex, BanErrors> {
        let mut builder = Builder::default();
        let mut problems = Vec::new();
        let mut sources = Vec::new();
        for path in paths {
            let before = builder.index.points;
            let format = read_ban_file(path.as_ref(), &mut |row| builder.push(row), &mut problems);
            if let Some(format) = format {
                sources.push(SourceFile {
                    file: path.as_ref().display().to_string(),
                    format,
                    rows: builder.index.points - before,
                });
            }
        }
        Self::finish(builder, problems, sources)
    }

    /// Reads one file from a reader (see [`BanIndex::read`]); `name` names it in
    /// problems.
    ///
    /// # Errors
    /// As [`BanIndex::read`].
    ///
    /// # Example
    /// ```
    /// use maillage::geocode::BanIndex;
    /// let err = BanIndex::from_reader("actors.csv", "id,name\na,b\n".as_bytes()).unwrap_err();
    /// assert!(err.errors[0].message.to_string().contains("colonnes absentes"));
    /// ```
    pub fn from_reader(name: &str, reader: impl Read) -> Result<BanIndex, BanErrors> {
        let mut builder = Builder::default();
        let mut problems = Vec::new();
        let format = read_ban(name, reader, &mut |row| builder.push(row), &mut problems);
        let sources = format
            .map(|format| SourceFile {
                file: name.to_owned(),
                format,
                rows: builder.index.points,
            })
            .into_iter()
            .collect();
        Self::finish(builder, problems, sources)
    }

    fn finish(
        builder: Builder,
        problems: Vec<Problem>,
        sources: Vec<SourceFile>,
    ) -> Result<BanIndex, BanErrors> {
        let (errors, warnings): (Vec<Problem>, Vec<Problem>) = problems
            .into_iter()
            .partition(|p| p.severity == Severity::Error);
        if !errors.is_empty() {
            return Err(BanErrors { errors, warnings });
        }
        let mut index = builder.finish();
        index.sources = sources;
        index.warnings = warnings;
        Ok(index)
    }

    /// The number of address points read.
    pub fn len(&self) -> usize {
        self.points
    }

    /// Whether no point was read.
    pub fn is_empty(&self) -> bool {
        self.points == 0
    }

    /// The number of communes (and former communes) indexed.
    pub fn communes(&self) -> usize {
        self.units.len()
    }

    /// The number of streets and lieux-dits indexed.
    pub fn streets(&self) -> usize {
        self.streets.len()
    }

    /// The files read, with their layout and rows.
    pub fn sources(&self) -> &[SourceFile] {
        &self.sources
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_ban_and_bano_numbers() {
        assert_eq!(split_numero("12", "bis"), (Some(12), "bis"));
        assert_eq!(split_numero("1BIS", ""), (Some(1), "BIS"));
        assert_eq!(split_numero("99999", ""), (None, ""));
        assert_eq!(split_numero("", ""), (None, ""));
        assert_eq!(split_numero("99999999999", ""), (None, ""));
    }

    #[test]
    fn files_former_communes_under_their_commune() {
        let header = "id;id_fantoir;numero;rep;nom_voie;code_postal;code_insee;nom_commune;code_insee_ancienne_commune;nom_ancienne_commune;x;y;lon;lat;type_position;alias;nom_ld;libelle_acheminement;nom_afnor;source_position;source_nom_voie;certification_commune;cad_parcelles";
        // Florac Trois Rivières (48061) took in La Salle-Prunet (48166) in 2016
        let text = format!(
            "{header}\n48061_0001_00001;;1;;Rue du Pont;48400;48061;Florac Trois Rivières;48166;La Salle-Prunet;;;3.60;44.31;;;Le Mas;;;;;;\n48061_0002_00002;;2;;Rue Basse;48400;48061;Florac Trois Rivières;;;;;3.59;44.32;;;;;;;;;\n"
        );
        let index = BanIndex::from_reader("a.csv", text.as_bytes()).unwrap();
        assert_eq!(index.communes(), 2);
        let old = index.by_code["48166"][0] as usize;
        assert_eq!(index.units[old].parent, Some(index.by_code["48061"][0]));
        assert_eq!(index.units[old].name, "La Salle-Prunet");
        assert!(index
            .streets
            .iter()
            .any(|s| s.locality && s.name == "Le Mas"));
        assert_eq!(index.by_name["LA SALLE PRUNET"], [old as u32]);
    }
}
