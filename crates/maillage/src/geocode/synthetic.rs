//! A synthetic BAN department file of any size, deterministic from a seed, for the
//! benchmark of indexing and geocoding (real BAN files of a million rows are not
//! shipped with the project).

use super::AddressQuery;
use std::io::Write;

const HEADER: &str = "id;id_fantoir;numero;rep;nom_voie;code_postal;code_insee;nom_commune;code_insee_ancienne_commune;nom_ancienne_commune;x;y;lon;lat;type_position;alias;nom_ld;libelle_acheminement;nom_afnor;source_position;source_nom_voie;certification_commune;cad_parcelles";
const TYPES: [&str; 10] = [
    "Rue",
    "Avenue",
    "Boulevard",
    "Place",
    "Chemin",
    "Impasse",
    "Allée",
    "Route",
    "Quai",
    "Cours",
];
const NAMES: [&str; 24] = [
    "Jean Macé",
    "de la République",
    "Victor Hugo",
    "Pasteur",
    "de l'Église",
    "des Écoles",
    "du Général de Gaulle",
    "Jean Jaurès",
    "de la Gare",
    "des Lilas",
    "Saint-Jean",
    "du Moulin",
    "de la Fontaine",
    "Gambetta",
    "des Acacias",
    "du Stade",
    "de Verdun",
    "Anatole France",
    "de la Paix",
    "Émile Zola",
    "du Château",
    "des Vignes",
    "Marcel Pagnol",
    "Louis Pasteur",
];
const SYLLABLES: [&str; 16] = [
    "mon", "ver", "sa", "lan", "ga", "ro", "fle", "bel", "cha", "ri", "ton", "val", "mar", "be",
    "lo", "ne",
];
/// Streets per commune and house numbers per street, on average.
const STREETS_PER_COMMUNE: usize = 100;
const NUMBERS_PER_STREET: usize = 20;

/// SplitMix64: small, fast, and the same on every platform.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// One synthetic address point.
struct Row {
    commune: usize,
    street: String,
    number: u32,
    rep: &'static str,
    lon: f64,
    lat: f64,
}

fn commune_code(c: usize) -> (String, String, String) {
    let department = 1 + c % 89;
    let department = if department == 20 { 21 } else { department };
    let n = 1 + c / 89;
    let code = format!("{department:02}{n:03}");
    let postcode = format!("{department:02}{:03}", (n % 90) * 10);
    let mut rng = Rng(c as u64 ^ 0xC0DE);
    let mut name = String::new();
    for _ in 0..2 + rng.below(2) {
        name.push_str(SYLLABLES[rng.below(SYLLABLES.len())]);
    }
    let name = format!("{}{}-{c}", name[..1].to_uppercase(), &name[1..]);
    (code, postcode, name)
}

/// Every row, in file order: communes, their streets, the numbers of each street.
fn rows(count: usize, seed: u64) -> impl Iterator<Item = Row> {
    let mut rng = Rng(seed);
    let mut produced = 0usize;
    let mut commune = 0usize;
    let mut street_no = 0usize;
    let mut pending: Vec<Row> = Vec::new();
    std::iter::from_fn(move || {
        if produced >= count {
            return None;
        }
        if pending.is_empty() {
            if street_no >= STREETS_PER_COMMUNE {
                street_no = 0;
                commune += 1;
            }
            let kind = TYPES[rng.below(TYPES.len())];
            let name = NAMES[rng.below(NAMES.len())];
            // several streets of a commune share a name: "Rue Pasteur 2"
            let street = format!("{kind} {name} {}", street_no / 7 + 1);
            street_no += 1;
            let base_lon = 2.0 + (commune % 89) as f64 * 0.05 + rng.unit() * 0.01;
            let base_lat = 44.0 + (commune / 89) as f64 * 0.02 + rng.unit() * 0.01;
            let heading = rng.unit() * std::f64::consts::TAU;
            let n = NUMBERS_PER_STREET / 2 + rng.below(NUMBERS_PER_STREET);
            for i in 1..=n as u32 {
                // odd numbers on one side, even on the other, ~10 m apart
                let along = f64::from(i) * 0.00006;
                let side = if i % 2 == 0 { 0.00008 } else { -0.00008 };
                pending.push(Row {
                    commune,
                    street: street.clone(),
                    number: i,
                    rep: if rng.below(40) == 0 { "bis" } else { "" },
                    lon: base_lon + along * heading.cos() - side * heading.sin(),
                    lat: base_lat + along * heading.sin() + side * heading.cos(),
                });
            }
            pending.reverse();
        }
        produced += 1;
        pending.pop()
    })
}

/// Writes a synthetic BAN department file of `count` rows (the 23 columns of the BAN
/// CSV), the same for the same seed.
///
/// # Errors
/// Any error of `out`.
///
/// # Example
/// ```
/// use maillage::geocode::{write_synthetic_ban, BanIndex};
/// let mut file = Vec::new();
/// let queries = write_synthetic_ban(&mut file, 1000, 7, 10).unwrap();
/// let index = BanIndex::from_reader("synthetic.csv", &file[..]).unwrap();
/// assert_eq!(index.len(), 1000);
/// assert_eq!(queries.len(), 10);
/// assert!(index.geocode_many(&queries).iter().all(Option::is_some));
/// ```
///
/// # Returns
/// `queries` addresses of the file, written as coordinators would (abbreviated
/// types, lower case, some with a number the file does not hold), for the benchmark.
pub fn write_synthetic_ban(
    out: &mut impl Write,
    count: usize,
    seed: u64,
    queries: usize,
) -> std::io::Result<Vec<AddressQuery>> {
    writeln!(out, "{HEADER}")?;
    let every = (count / queries.max(1)).max(1);
    let mut asked = Vec::with_capacity(queries);
    let mut rng = Rng(seed ^ 0xA5A5);
    for (i, row) in rows(count, seed).enumerate() {
        let (code, postcode, city) = commune_code(row.commune);
        writeln!(
            out,
            "{code}_{i:07};{code}_{:04};{};{};{};{postcode};{code};{city};;;;;{:.6};{:.6};entrée;;;{};;commune;commune;1;",
            row.commune % 10_000,
            row.number,
            row.rep,
            row.street,
            row.lon,
            row.lat,
            city.to_uppercase(),
        )?;
        if i % every == every / 2 && asked.len() < queries {
            let street = match rng.below(3) {
                0 => row.street.to_lowercase(),
                1 => row
                    .street
                    .replacen("Avenue", "av", 1)
                    .replacen("Boulevard", "bd", 1)
                    .replacen("Rue", "r.", 1),
                _ => row.street.clone(),
            };
            // one in ten numbers is absent from the file: interpolated or the street
            let number = if rng.below(10) == 0 {
                row.number + 100
            } else {
                row.number
            };
            asked.push(AddressQuery::new(format!(
                "{number} {street}, {postcode} {city}"
            )));
        }
    }
    Ok(asked)
}
