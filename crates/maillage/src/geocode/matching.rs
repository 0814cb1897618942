//! Matching an address against the index: the commune first (INSEE code, else
//! postcode, else name), then the street within it (exact, else the best trigram
//! similarity above [`STREET_MIN_SIMILARITY`]), then the house number (exact, else
//! interpolated between the neighbouring numbers of the same side, else the street's
//! point); the commune's point as the last resort.

use super::address::{canonical_suffix, parse_address, ParsedAddress};
use super::codes::{
    arrondissement_of_name, arrondissement_of_postcode, arrondissements_of,
    commune_of_arrondissement, department, is_code,
};
use super::index::{core_of, BanIndex, NumberPoint, Street};
use super::normalize::{normalize_city, similarity, trigrams};
use super::{AddressQuery, Geocoded, MatchType};
use rayon::prelude::*;

/// The lowest trigram similarity (Jaccard, 0–1) at which a street of the commune is
/// taken for the street asked. Below it the address falls back to the commune. 0.5
/// accepts a missing article or type ("Jean Macé" for "Rue Jean Macé" scores 0.9 ×
/// its core similarity) and typos of one or two letters in names of ten letters or
/// more, and refuses two streets that share only their type ("Rue de la Gare" and
/// "Rue des Écoles": 0.24).
pub const STREET_MIN_SIMILARITY: f64 = 0.5;

/// The lowest similarity at which a commune name written with a typo is taken for a
/// commune of the index.
pub const CITY_MIN_SIMILARITY: f64 = 0.6;

/// How far past the last number of its side a house number still takes that last
/// number's point (numbers, not metres).
pub const MAX_NUMBER_OVERSHOOT: u32 = 6;

/// Factors of the score by how the point was found; the score is the street's
/// similarity × the commune's confidence × this factor.
mod factor {
    pub const EXACT: f64 = 1.0;
    pub const OTHER_SUFFIX: f64 = 0.9;
    pub const INTERPOLATED_CLOSE: f64 = 0.9;
    pub const INTERPOLATED_FAR: f64 = 0.8;
    pub const NEAREST_END: f64 = 0.75;
    pub const OTHER_SIDE: f64 = 0.7;
    pub const STREET_WITHOUT_NUMBER: f64 = 0.6;
    pub const LOCALITY: f64 = 0.9;
    pub const MUNICIPALITY_ASKED: f64 = 0.6;
    pub const MUNICIPALITY_FALLBACK: f64 = 0.3;
    /// Interpolation between numbers at most this far apart is "close".
    pub const CLOSE_GAP: u32 = 10;
}

/// The communes an address designates, and how sure that is (0–1).
struct Communes {
    units: Vec<u32>,
    confidence: f64,
}

impl BanIndex {
    fn units_of_code(&self, code: &str) -> Vec<u32> {
        self.by_code.get(code).cloned().unwrap_or_default()
    }

    /// The units of an INSEE code, with the arrondissements of Paris, Lyon and
    /// Marseille under their commune's code and the reverse.
    fn units_of_citycode(&self, code: &str) -> Vec<u32> {
        let mut units = self.units_of_code(code);
        if units.is_empty() {
            for a in arrondissements_of(code) {
                units.extend(self.units_of_code(&a));
            }
        }
        if units.is_empty() {
            if let Some(c) = commune_of_arrondissement(code) {
                units = self.units_of_code(c);
            }
        }
        units
    }

    fn units_of_postcode(&self, postcode: &str) -> Vec<u32> {
        let mut units = self.by_postcode.get(postcode).cloned().unwrap_or_default();
        if let Some(a) = arrondissement_of_postcode(postcode) {
            units.extend(self.units_of_code(&a));
        }
        units
    }

    fn root(&self, u: u32) -> u32 {
        self.units[u as usize].parent.unwrap_or(u)
    }

    fn find_communes(
        &self,
        query: &AddressQuery,
        parsed: &ParsedAddress,
        street: &mut String,
    ) -> Communes {
        let clean = |s: &Option<String>| {
            s.as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_ascii_uppercase)
        };
        let citycode = clean(&query.citycode);
        let mut city = query
            .city
            .as_deref()
            .map(normalize_city)
            .filter(|c| !c.is_empty());
        // a "commune" column holding a code rather than a name
        let citycode = citycode.or_else(|| city.clone().filter(|c| is_code(c)));
        if city.as_deref().is_some_and(is_code) {
            city = None;
        }
        let city = city.or_else(|| parsed.city.clone());
        let (postcode, cedex) = match clean(&query.postcode).filter(|p| is_code(p)) {
            Some(p) => (Some(p), false),
            None => (parsed.postcode.clone(), parsed.cedex),
        };
        let mut units: Vec<u32> = Vec::new();
        if let Some(code) = citycode.as_deref().filter(|c| is_code(c)) {
            units = self.units_of_citycode(code);
            if units.is_empty() {
                // a postcode written in the INSEE code column
                units = self.units_of_postcode(code);
            }
        }
        if let Some(pc) = postcode.as_deref().filter(|_| !cedex) {
            let mut by_postcode = self.units_of_postcode(pc);
            if by_postcode.is_empty() {
                // an INSEE code written in the postcode column
                by_postcode = self.units_of_citycode(pc);
            }
            if units.is_empty() {
                units = by_postcode;
            } else if !by_postcode.is_empty() {
                let roots: Vec<u32> = by_postcode.iter().map(|&u| self.root(u)).collect();
                let both: Vec<u32> = units
                    .iter()
                    .copied()
                    .filter(|&u| by_postcode.contains(&u) || roots.contains(&self.root(u)))
                    .collect();
                if !both.is_empty() {
                    units = both;
                }
            }
        }
        let mut confidence = 1.0;
        if let Some(name) = city.as_deref() {
            let named: Vec<u32> = match arrondissement_of_name(name) {
                Some((code, _)) => self.units_of_code(&code),
                None => self.by_name.get(name).cloned().unwrap_or_default(),
            };
            if units.is_empty() {
                units = named;
                let department = postcode.as_deref().map(department);
                if let Some(d) = department {
                    let inside: Vec<u32> = units
                        .iter()
                        .copied()
                        .filter(|&u| department_of(&self.units[u as usize].code) == d)
                        .collect();
                    if !inside.is_empty() {
                        units = inside;
                    }
                }
                if units.is_empty() {
                    let (found, sim) = self.fuzzy_city(name, department);
                    units = found;
                    confidence = sim;
                }
            } else {
                // a former commune named within the commune found by code
                let narrowed: Vec<u32> = named
                    .iter()
                    .copied()
                    .filter(|&n| {
                        units
                            .iter()
                            .any(|&u| u == n || self.root(n) == u || self.root(n) == self.root(u))
                    })
                    .collect();
                if !narrowed.is_empty() && narrowed.len() < units.len() {
                    units = narrowed;
                }
            }
        }
        if units.is_empty() && city.is_none() {
            // "4 Rue du Pommier Aimargues": the commune ends the street part
            let words: Vec<&str> = street.split(' ').collect();
            for k in (1..words.len().min(6)).rev() {
                let name = words[words.len() - k..].join(" ");
                if let Some(found) = self.by_name.get(&name) {
                    units = found.clone();
                    *street = words[..words.len() - k].join(" ");
                    confidence = 0.95;
                    break;
                }
            }
        } else if !units.is_empty() {
            // "12 rue Jean Macé Lyon" with the postcode apart: drop the commune's name
            for &u in &units {
                let name = normalize_city(&self.units[u as usize].name);
                let base = arrondissement_of_name(&name).map_or(name.as_str(), |(_, b)| b);
                for n in [name.as_str(), base] {
                    if street.len() > n.len() + 1 && street.ends_with(n) {
                        let cut = street.len() - n.len();
                        if street.as_bytes()[cut - 1] == b' ' {
                            street.truncate(cut - 1);
                        }
                    }
                }
            }
        }
        units.sort_unstable();
        units.dedup();
        Communes { units, confidence }
    }

    fn fuzzy_city(&self, name: &str, department: Option<&str>) -> (Vec<u32>, f64) {
        let query = trigrams(name);
        let mut best: Option<(f64, &str)> = None;
        for (n, t) in &self.names {
            let units = &self.by_name[n];
            if let Some(d) = department {
                if !units
                    .iter()
                    .any(|&u| department_of(&self.units[u as usize].code) == d)
                {
                    continue;
                }
            }
            let s = similarity(&query, t);
            if s >= CITY_MIN_SIMILARITY && best.is_none_or(|(b, _)| s > b) {
                best = Some((s, n));
            }
        }
        match best {
            Some((s, n)) => (self.by_name[n].clone(), s),
            None => (Vec::new(), 0.0),
        }
    }

    /// The streets of the units and of the former communes merged into them.
    fn scope(&self, units: &[u32]) -> Vec<u32> {
        let mut streets = Vec::new();
        for &u in units {
            let unit = &self.units[u as usize];
            streets.extend(&unit.streets);
            for &c in &unit.children {
                streets.extend(&self.units[c as usize].streets);
            }
        }
        streets.sort_unstable();
        streets.dedup();
        streets
    }

    /// The street of `streets` named `folded` (exactly, else the most similar). When
    /// several bear the very name (a postcode shared by communes that each have a "Rue
    /// du Chastel"), the one that has the number asked wins.
    fn best_street(
        &self,
        streets: &[u32],
        folded: &str,
        number: Option<(u32, &str)>,
    ) -> Option<(u32, f64)> {
        let exact = |locality: Option<bool>| {
            streets.iter().copied().filter(move |&s| {
                let st = &self.streets[s as usize];
                st.folded == folded && locality.is_none_or(|l| st.locality == l)
            })
        };
        let has_number = |s: u32, exact_only: bool| {
            number.is_some_and(|(n, suffix)| {
                locate_number(&self.streets[s as usize].numbers, n, suffix)
                    .is_some_and(|hit| !exact_only || !hit.interpolated)
            })
        };
        if let Some(s) = exact(Some(false))
            .find(|&s| has_number(s, true))
            .or_else(|| exact(Some(false)).find(|&s| has_number(s, false)))
            .or_else(|| exact(Some(false)).next())
            .or_else(|| exact(None).next())
        {
            return Some((s, 1.0));
        }
        let full = trigrams(folded);
        let core = core_of(folded);
        let core_t = if core.len() == folded.len() {
            full.clone()
        } else {
            trigrams(core)
        };
        let mut best: Option<(u32, f64)> = None;
        for &s in streets {
            let street = &self.streets[s as usize];
            let sim = similarity(&full, &street.trigrams)
                .max(0.9 * similarity(&core_t, &street.core_trigrams));
            if best.is_none_or(|(_, b)| sim > b) {
                best = Some((s, sim));
            }
        }
        best.filter(|&(_, sim)| sim >= STREET_MIN_SIMILARITY)
    }

    /// Geocodes one address.
    ///
    /// # Returns
    /// The point found, or `None` when not even the commune is known to the index.
    ///
    /// # Example
    /// ```
    /// use maillage::geocode::{AddressQuery, BanIndex, MatchType};
    /// let bano = "480610002F-1,1,Rue de l'Église,48400,Florac,C+O,44.3240,3.5940\n\
    ///             480610002F-5,5,Rue de l'Église,48400,Florac,C+O,44.3244,3.5948\n";
    /// let index = BanIndex::from_reader("bano-48.csv", bano.as_bytes()).unwrap();
    /// let found = index.geocode(&AddressQuery::new("1 r. de l'eglise, 48400 FLORAC")).unwrap();
    /// assert_eq!(found.kind, MatchType::HouseNumber);
    /// assert_eq!(found.label, "1 Rue de l'Église 48400 Florac");
    /// assert_eq!((found.lon, found.lat), (3.5940, 44.3240));
    /// // 3 is not in the file: halfway between 1 and 5, on the same side
    /// let found = index.geocode(&AddressQuery::new("3 rue de l'Église 48400 Florac")).unwrap();
    /// assert!(found.interpolated);
    /// assert!((found.lat - 44.3242).abs() < 1e-9);
    /// ```
    pub fn geocode(&self, query: &AddressQuery) -> Option<Geocoded> {
        let parsed = parse_address(&query.address);
        let mut street = parsed.street.clone();
        let communes = self.find_communes(query, &parsed, &mut street);
        if communes.units.is_empty() {
            return None;
        }
        let scope = self.scope(&communes.units);
        let suffix = parsed
            .suffix
            .as_deref()
            .map(canonical_suffix)
            .unwrap_or_default();
        let found = if street.is_empty() {
            None
        } else {
            self.best_street(&scope, &street, parsed.number.map(|n| (n, suffix.as_str())))
        };
        let Some((s, sim)) = found else {
            let f = if street.is_empty() {
                factor::MUNICIPALITY_ASKED
            } else {
                factor::MUNICIPALITY_FALLBACK
            };
            return Some(self.municipality(&communes.units, communes.confidence * f));
        };
        let st = &self.streets[s as usize];
        let base = sim * communes.confidence;
        if st.locality {
            return Some(self.result(
                st,
                None,
                st.centre,
                base * factor::LOCALITY,
                MatchType::Locality,
                false,
            ));
        }
        let Some(n) = parsed.number else {
            return Some(self.result(st, None, st.centre, base, MatchType::Street, false));
        };
        match locate_number(&st.numbers, n, &suffix) {
            Some(hit) => Some(self.result(
                st,
                Some((n, hit.label_suffix)),
                hit.point,
                base * hit.factor,
                MatchType::HouseNumber,
                hit.interpolated,
            )),
            None => Some(self.result(
                st,
                None,
                st.centre,
                base * factor::STREET_WITHOUT_NUMBER,
                MatchType::Street,
                false,
            )),
        }
    }

    /// Geocodes many addresses in parallel; the results keep the order of `queries`.
    ///
    /// # Example
    /// ```
    /// use maillage::geocode::{AddressQuery, BanIndex};
    /// let bano = "480610002F-1,1,Rue de l'Église,48400,Florac,C+O,44.3240,3.5940\n";
    /// let index = BanIndex::from_reader("bano-48.csv", bano.as_bytes()).unwrap();
    /// let queries = [AddressQuery::new("1 rue de l'Église 48400 Florac"), AddressQuery::new("Nowhere")];
    /// let results = index.geocode_many(&queries);
    /// assert!(results[0].is_some() && results[1].is_none());
    /// ```
    pub fn geocode_many(&self, queries: &[AddressQuery]) -> Vec<Option<Geocoded>> {
        queries.par_iter().map(|q| self.geocode(q)).collect()
    }

    fn municipality(&self, units: &[u32], score: f64) -> Geocoded {
        // the unit with the most points: the arrondissement or former commune that
        // stands for the commune when several match
        let roots: Vec<u32> = units.iter().map(|&u| self.root(u)).collect();
        let u = roots
            .iter()
            .copied()
            .max_by_key(|&u| (self.units[u as usize].points, std::cmp::Reverse(u)))
            .unwrap_or(units[0]);
        let unit = &self.units[u as usize];
        Geocoded {
            lon: unit.centre.0,
            lat: unit.centre.1,
            score: score.clamp(0.0, 1.0),
            kind: MatchType::Municipality,
            label: unit.name.clone(),
            citycode: unit.code.clone(),
            postcode: unit.postcodes.first().cloned().unwrap_or_default(),
            interpolated: false,
        }
    }

    fn result(
        &self,
        street: &Street,
        number: Option<(u32, String)>,
        point: (f64, f64),
        score: f64,
        kind: MatchType,
        interpolated: bool,
    ) -> Geocoded {
        let unit = &self.units[street.unit as usize];
        let root = &self.units[self.root(street.unit) as usize];
        let mut label = String::new();
        if let Some((n, suffix)) = &number {
            label.push_str(&n.to_string());
            if !suffix.is_empty() {
                label.push(' ');
                label.push_str(suffix);
            }
            label.push(' ');
        }
        label.push_str(&street.name);
        if !street.postcode.is_empty() {
            label.push(' ');
            label.push_str(&street.postcode);
        }
        label.push(' ');
        label.push_str(&unit.name);
        Geocoded {
            lon: point.0,
            lat: point.1,
            score: score.clamp(0.0, 1.0),
            kind,
            label,
            citycode: root.code.clone(),
            postcode: street.postcode.clone(),
            interpolated,
        }
    }
}

fn department_of(code: &str) -> &str {
    department(code)
}

/// A house number found on a street.
struct NumberHit {
    point: (f64, f64),
    factor: f64,
    interpolated: bool,
    label_suffix: String,
}

/// Finds house number `n` (suffix `suffix`, canonical, empty for none) among the
/// sorted points of a street: exact, else the same number with another suffix, else
/// interpolated between the nearest numbers below and above on the same side (same
/// parity), else the last number of the side when `n` is at most
/// [`MAX_NUMBER_OVERSHOOT`] past it, else between numbers of the other side.
fn locate_number(points: &[NumberPoint], n: u32, suffix: &str) -> Option<NumberHit> {
    let same: Vec<&NumberPoint> = points.iter().filter(|p| p.number == n).collect();
    if let Some(p) = same.iter().find(|p| &*p.suffix == suffix) {
        return Some(NumberHit {
            point: (p.lon, p.lat),
            factor: factor::EXACT,
            interpolated: false,
            label_suffix: p.suffix_label.to_string(),
        });
    }
    if let Some(p) = same.iter().find(|p| p.suffix.is_empty()).or(same.first()) {
        return Some(NumberHit {
            point: (p.lon, p.lat),
            factor: factor::OTHER_SUFFIX,
            interpolated: false,
            label_suffix: p.suffix_label.to_string(),
        });
    }
    // neighbours without suffix preferred: "12 bis" sits between 12 and 14 anyway
    let below = |parity: bool| {
        points
            .iter()
            .filter(|p| p.number < n && (!parity || p.number % 2 == n % 2))
            .max_by_key(|p| (p.number, p.suffix.is_empty()))
    };
    let above = |parity: bool| {
        points
            .iter()
            .filter(|p| p.number > n && (!parity || p.number % 2 == n % 2))
            .min_by_key(|p| (p.number, !p.suffix.is_empty()))
    };
    let between = |lo: &NumberPoint, hi: &NumberPoint| {
        let t = f64::from(n - lo.number) / f64::from(hi.number - lo.number);
        (
            lo.lon + t * (hi.lon - lo.lon),
            lo.lat + t * (hi.lat - lo.lat),
        )
    };
    let hit = |point, factor| {
        Some(NumberHit {
            point,
            factor,
            interpolated: true,
            label_suffix: String::new(),
        })
    };
    match (below(true), above(true)) {
        (Some(lo), Some(hi)) => {
            let f = if hi.number - lo.number <= factor::CLOSE_GAP {
                factor::INTERPOLATED_CLOSE
            } else {
                factor::INTERPOLATED_FAR
            };
            return hit(between(lo, hi), f);
        }
        (Some(end), None) | (None, Some(end)) if end.number.abs_diff(n) <= MAX_NUMBER_OVERSHOOT => {
            return hit((end.lon, end.lat), factor::NEAREST_END);
        }
        _ => {}
    }
    match (below(false), above(false)) {
        (Some(lo), Some(hi)) => hit(between(lo, hi), factor::OTHER_SIDE),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn point(number: u32, suffix: &str, lon: f64) -> NumberPoint {
        NumberPoint {
            number,
            suffix: canonical_suffix(suffix).into_boxed_str(),
            suffix_label: suffix.into(),
            lon,
            lat: 0.0,
        }
    }

    #[test]
    fn interpolates_on_the_same_side() {
        let points = [
            point(1, "", 1.0),
            point(2, "", 100.0),
            point(5, "", 5.0),
            point(8, "", 200.0),
        ];
        let hit = locate_number(&points, 3, "").unwrap();
        assert!(hit.interpolated);
        assert_eq!(hit.point.0, 3.0);
        let hit = locate_number(&points, 4, "").unwrap();
        assert!((hit.point.0 - (100.0 + 2.0 / 6.0 * 100.0)).abs() < 1e-9);
        // past the last odd number: its point
        assert_eq!(locate_number(&points, 9, "").unwrap().point.0, 5.0);
        // far past both ends
        assert!(locate_number(&points, 99, "").is_none());
    }

    #[test]
    fn prefers_the_suffix_asked() {
        let points = [
            point(12, "", 1.0),
            point(12, "bis", 2.0),
            point(12, "ter", 3.0),
        ];
        let hit = locate_number(&points, 12, "BIS").unwrap();
        assert_eq!((hit.point.0, hit.factor), (2.0, factor::EXACT));
        // "12 b" is "12 bis"
        assert_eq!(
            locate_number(&points, 12, &canonical_suffix("b"))
                .unwrap()
                .point
                .0,
            2.0
        );
        let hit = locate_number(&points, 12, "QUATER").unwrap();
        assert_eq!((hit.point.0, hit.factor), (1.0, factor::OTHER_SUFFIX));
        let hit = locate_number(&[point(7, "a", 4.0)], 7, "").unwrap();
        assert_eq!((hit.point.0, hit.label_suffix.as_str()), (4.0, "a"));
    }
}
