//! Accuracy of the offline geocoder on real address points, against oracles known
//! apart from the index (see docs/geocode.md, "Accuracy"):
//!
//! (a) BANO Lozère (2015) with every other house number of each side of each street
//!     held out: the held-out addresses are geocoded against the rest, which forces
//!     interpolation, and compared with their own BANO point;
//! (b) the health sites of Lozère (COVID vaccination centres and testing sites, with
//!     their published point) and the geocoder-tester cases of Lozère, geocoded
//!     against the whole of BANO Lozère.
//!
//! `cargo run --release -p maillage --example geocode_accuracy`

use maillage::geocode::{read_ban, AddressQuery, BanIndex, Geocoded, MatchType};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Figures of one oracle.
#[derive(Debug, Default)]
pub struct Accuracy {
    /// Addresses asked.
    pub asked: usize,
    /// Results by type ("none" for not found).
    pub by_type: BTreeMap<&'static str, usize>,
    /// Distances to the oracle, metres, sorted.
    pub distances: Vec<f64>,
}

impl Accuracy {
    /// Share of addresses found at the house number or the street.
    pub fn housenumber_or_street(&self) -> f64 {
        let n = self.by_type.get("housenumber").unwrap_or(&0)
            + self.by_type.get("street").unwrap_or(&0);
        n as f64 / self.asked.max(1) as f64
    }

    /// The distance at quantile `q` (0–1), metres.
    pub fn quantile(&self, q: f64) -> f64 {
        if self.distances.is_empty() {
            return f64::NAN;
        }
        let i = ((self.distances.len() - 1) as f64 * q).round() as usize;
        self.distances[i]
    }

    fn add(&mut self, found: Option<&Geocoded>, truth: (f64, f64)) {
        self.asked += 1;
        let kind = found.map_or("none", |g| g.kind.as_str());
        *self.by_type.entry(kind).or_default() += 1;
        if let Some(g) = found {
            self.distances.push(metres((g.lon, g.lat), truth));
        }
    }

    fn finish(&mut self) {
        self.distances.sort_by(f64::total_cmp);
    }

    /// One line of figures.
    pub fn summary(&self) -> String {
        let types: Vec<String> = self
            .by_type
            .iter()
            .map(|(k, v)| format!("{k} {v}"))
            .collect();
        format!(
            "{} addresses: {}; housenumber or street {:.1} %; distance median {:.1} m, 95th percentile {:.1} m",
            self.asked,
            types.join(", "),
            100.0 * self.housenumber_or_street(),
            self.quantile(0.5),
            self.quantile(0.95)
        )
    }
}

/// Great-circle distance, metres.
pub fn metres(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (la1, la2) = (a.1.to_radians(), b.1.to_radians());
    let dla = la2 - la1;
    let dlo = (b.0 - a.0).to_radians();
    let h = (dla / 2.0).sin().powi(2) + la1.cos() * la2.cos() * (dlo / 2.0).sin().powi(2);
    2.0 * 6_371_008.8 * h.sqrt().asin()
}

/// The folder of the real address files.
pub fn data() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/geocode")
}

struct BanoRow {
    line: String,
    citycode: String,
    postcode: String,
    city: String,
    voie: String,
    number: Option<u32>,
    plain: bool,
    lon: f64,
    lat: f64,
}

fn bano_rows() -> Vec<BanoRow> {
    let path = data().join("bano_48_lozere_20150323.csv.gz");
    let file = std::fs::File::open(&path).expect("the BANO Lozère file");
    let mut rows = Vec::new();
    let mut problems = Vec::new();
    read_ban(
        &path.display().to_string(),
        file,
        &mut |r| {
            let digits = r.numero.bytes().take_while(u8::is_ascii_digit).count();
            let voie = if r.voie.contains(',') || r.voie.contains('"') {
                format!("\"{}\"", r.voie.replace('"', "\"\""))
            } else {
                r.voie.to_owned()
            };
            rows.push(BanoRow {
                line: format!(
                    "{}000,{},{voie},{},{},X,{},{}",
                    r.citycode, r.numero, r.postcode, r.city, r.lat, r.lon
                ),
                citycode: r.citycode.to_owned(),
                postcode: r.postcode.to_owned(),
                city: r.city.to_owned(),
                voie: r.voie.to_owned(),
                number: r.numero[..digits].parse().ok(),
                plain: digits == r.numero.len(),
                lon: r.lon,
                lat: r.lat,
            });
        },
        &mut problems,
    )
    .expect("BANO read");
    rows
}

/// One side of a street: (INSEE code, street, parity).
type Side<'a> = (&'a str, &'a str, u32);

/// (a): every other house number of each side of each street held out.
pub fn holdout() -> Accuracy {
    let rows = bano_rows();
    // (commune, street, parity) → plain numbers, sorted
    let mut sides: BTreeMap<Side, Vec<(u32, usize)>> = BTreeMap::new();
    for (i, r) in rows.iter().enumerate() {
        if let (Some(n), true) = (r.number, r.plain) {
            sides
                .entry((&r.citycode, &r.voie, n % 2))
                .or_default()
                .push((n, i));
        }
    }
    let mut held = vec![false; rows.len()];
    for numbers in sides.values_mut() {
        numbers.sort();
        for (k, &(_, i)) in numbers.iter().enumerate() {
            held[i] = k % 2 == 1;
        }
    }
    let kept: String = rows
        .iter()
        .zip(&held)
        .filter(|(_, h)| !**h)
        .map(|(r, _)| format!("{}\n", r.line))
        .collect();
    let index = BanIndex::from_reader("bano-48-kept.csv", kept.as_bytes()).expect("index");
    let asked: Vec<(&BanoRow, AddressQuery)> = rows
        .iter()
        .zip(&held)
        .filter(|(_, h)| **h)
        .map(|(r, _)| {
            let q = AddressQuery::new(format!("{} {}", r.number.unwrap_or(0), r.voie))
                .with_postcode(r.postcode.clone())
                .with_city(r.city.clone());
            (r, q)
        })
        .collect();
    let queries: Vec<AddressQuery> = asked.iter().map(|(_, q)| q.clone()).collect();
    let found = index.geocode_many(&queries);
    let mut accuracy = Accuracy::default();
    for ((r, _), g) in asked.iter().zip(&found) {
        accuracy.add(g.as_ref(), (r.lon, r.lat));
    }
    accuracy.finish();
    accuracy
}

/// (b): health sites and geocoder-tester cases of Lozère against the whole of BANO 48.
pub fn health_sites() -> (Accuracy, Vec<String>) {
    let index = BanIndex::read(&[data().join("bano_48_lozere_20150323.csv.gz")]).expect("index");
    let mut cases: Vec<(AddressQuery, (f64, f64))> = Vec::new();
    let read = |name: &str, delimiter: u8| {
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .from_path(data().join(name))
            .unwrap();
        let header: Vec<String> = reader
            .headers()
            .unwrap()
            .iter()
            .map(str::to_owned)
            .collect();
        let rows: Vec<Vec<String>> = reader
            .records()
            .map(|r| r.unwrap().iter().map(str::to_owned).collect())
            .collect();
        (header, rows)
    };
    let col = |h: &[String], n: &str| h.iter().position(|c| c == n).unwrap();
    let (h, rows) = read(
        "covid_centres_vaccination_20210323_dep30_38_48_69.csv",
        b';',
    );
    for r in rows
        .iter()
        .filter(|r| r[col(&h, "com_insee")].starts_with("48"))
    {
        let address = format!("{} {}", r[col(&h, "adr_num")], r[col(&h, "adr_voie")]);
        let q = AddressQuery::new(address)
            .with_postcode(r[col(&h, "com_cp")].clone())
            .with_city(r[col(&h, "com_nom")].clone());
        let truth = (
            r[col(&h, "long_coor1")].parse().unwrap(),
            r[col(&h, "lat_coor1")].parse().unwrap(),
        );
        cases.push((q, truth));
    }
    let (h, rows) = read("covid_sites_prelevements_2020-11_dep30_38_48_69.csv", b',');
    for r in rows
        .iter()
        .filter(|r| r[col(&h, "adresse")].contains(" 48"))
    {
        let truth = (
            r[col(&h, "longitude")].parse().unwrap(),
            r[col(&h, "latitude")].parse().unwrap(),
        );
        cases.push((AddressQuery::new(r[col(&h, "adresse")].clone()), truth));
    }
    let (h, rows) = read("geocoder_tester_languedocroussillon_dep30_48.csv", b',');
    for r in rows.iter().filter(|r| {
        r[col(&h, "expected_postcode")].starts_with("48") && !r[col(&h, "lon")].is_empty()
    }) {
        let truth = (
            r[col(&h, "lon")].parse().unwrap(),
            r[col(&h, "lat")].parse().unwrap(),
        );
        cases.push((
            AddressQuery::new(r[col(&h, "query")].clone())
                .with_postcode(r[col(&h, "expected_postcode")].clone()),
            truth,
        ));
    }
    let mut accuracy = Accuracy::default();
    let mut lines = Vec::new();
    for (q, truth) in &cases {
        let g = index.geocode(q);
        accuracy.add(g.as_ref(), *truth);
        lines.push(match &g {
            Some(g) => format!(
                "{:<55} → {} [{} {:.2}] {:.0} m",
                q.address,
                g.label,
                g.kind,
                g.score,
                metres((g.lon, g.lat), *truth)
            ),
            None => format!("{:<55} → not found", q.address),
        });
    }
    accuracy.finish();
    (accuracy, lines)
}

#[allow(dead_code)]
fn main() {
    let started = std::time::Instant::now();
    let a = holdout();
    println!(
        "(a) BANO Lozère, every other number held out: {}",
        a.summary()
    );
    let (b, lines) = health_sites();
    println!(
        "(b) health sites and geocoder-tester cases of Lozère: {}",
        b.summary()
    );
    for l in lines {
        println!("    {l}");
    }
    let _ = MatchType::ALL;
    println!("({:.1} s)", started.elapsed().as_secs_f64());
}
