//! Age-weighted demand (docs/bundle.md, "Demand by age"; docs/analyses.md §2): a zone
//! layer's population by age band, each band weighted by how much care its people use,
//! as the DREES's APL standardises the population of each commune.
//!
//! A declaration names the layer's properties holding each band (counts of people, or
//! shares in % of the zone's population) with its ages, and the weights: a preset
//! reproducing the DREES APL weights for GPs, or the user's own per age range. The
//! declared bands are resolved once into disjoint **parts** (overlapping or cumulative
//! bands, such as INSEE's shares of people under 15 and under 25, by difference), and
//! each part gets its weight from the weights' grid.

use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

/// The DREES APL weights of GP care by five-year age band, 2022 and 2023, as published
/// in the sheet `Paramètres` of the DREES APL workbook (source:
/// `crates/maillage/data/apl/SOURCES.md`).
pub const DREES_APL_MG_WEIGHTS: &str =
    include_str!("../../data/apl/drees_apl_mg_poids_age_2022_2023.csv");

/// An age range in whole years: from `from` to `to` included, or from `from` up when
/// `to` is `None`. Written `0-14` or `75+`.
///
/// # Example
/// ```
/// use maillage::model::AgeRange;
/// let r: AgeRange = "15-24".parse().unwrap();
/// assert_eq!((r.from, r.to), (15, Some(24)));
/// assert_eq!("80+".parse::<AgeRange>().unwrap().to_string(), "80+");
/// assert_eq!(AgeRange::from_insee_column("P16_POP0014"), Some("0-14".parse().unwrap()));
/// assert_eq!(AgeRange::from_insee_column("P21_POP75P"), Some("75+".parse().unwrap()));
/// assert!("14-0".parse::<AgeRange>().is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct AgeRange {
    /// The first age of the range, in years.
    pub from: u32,
    /// The last age of the range, included; `None` for "and over".
    pub to: Option<u32>,
}

/// The end of the half-open interval of "and over".
const OPEN: u32 = u32::MAX;

/// The oldest age a range may name: larger numbers are a typing mistake.
const MAX_AGE: u32 = 150;

impl AgeRange {
    /// The half-open interval `[from, end)` of the range; `end` is `u32::MAX` for
    /// "and over".
    fn interval(self) -> (u32, u32) {
        (self.from, self.to.map_or(OPEN, |t| t + 1))
    }

    fn of_interval((from, end): (u32, u32)) -> Self {
        Self {
            from,
            to: (end != OPEN).then(|| end - 1),
        }
    }

    /// The age range of an INSEE census column, read from its name: `PYY_POPaabb` is
    /// the population aged aa to bb in year YY (`P16_POP0014`, `P21_POP1529`), and
    /// `PYY_POPaaP` the population aged aa and over (`P21_POP75P`, `P21_POP80P`).
    pub fn from_insee_column(name: &str) -> Option<Self> {
        let rest = name.strip_prefix('P')?;
        let (year, ages) = rest.split_once("_POP")?;
        if year.len() != 2 || !year.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let digits = |s: &str| {
            (s.len() == 2 && s.bytes().all(|b| b.is_ascii_digit()))
                .then(|| s.parse::<u32>().ok())
                .flatten()
        };
        match ages.len() {
            3 if ages.ends_with('P') => Some(Self {
                from: digits(&ages[..2])?,
                to: None,
            }),
            4 => {
                let (from, to) = (digits(&ages[..2])?, digits(&ages[2..])?);
                (from <= to).then_some(Self { from, to: Some(to) })
            }
            _ => None,
        }
    }
}

impl fmt::Display for AgeRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.to {
            Some(to) => write!(f, "{}-{to}", self.from),
            None => write!(f, "{}+", self.from),
        }
    }
}

impl Serialize for AgeRange {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// The text is not an age range (`0-14`, `75+`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadAgeRange;

impl FromStr for AgeRange {
    type Err = BadAgeRange;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        let age = |t: &str| {
            let t = t.trim();
            (!t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()))
                .then(|| t.parse::<u32>().ok())
                .flatten()
                .filter(|&a| a <= MAX_AGE)
        };
        if let Some(from) = s.strip_suffix('+') {
            return Ok(Self {
                from: age(from).ok_or(BadAgeRange)?,
                to: None,
            });
        }
        // "0-14", with a hyphen or an en dash
        let (from, to) = s
            .split_once('-')
            .or_else(|| s.split_once('–'))
            .ok_or(BadAgeRange)?;
        let (from, to) = (age(from).ok_or(BadAgeRange)?, age(to).ok_or(BadAgeRange)?);
        if from > to {
            return Err(BadAgeRange);
        }
        Ok(Self { from, to: Some(to) })
    }
}

/// What the band properties hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BandValues {
    /// Numbers of people (`counts`), as the INSEE census's `P21_POP0014`.
    Counts,
    /// Shares in % of the zone's population (`shares`), as INSEE's "statistiques
    /// locales" (shares of people under 15, under 25, 25 to 64, 65 and over...).
    Shares,
}

/// One band of a declaration: the layer's property holding it, and its ages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AgeBand {
    /// The property of the layer's features.
    pub property: String,
    /// The ages the property counts.
    pub ages: AgeRange,
}

/// A built-in set of weights.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum DemandPreset {
    /// `"drees-apl-mg-2022"`: the DREES APL weights of GP care, 2022.
    #[serde(rename = "drees-apl-mg-2022")]
    DreesAplMg2022,
    /// `"drees-apl-mg-2023"`: the DREES APL weights of GP care, 2023.
    #[serde(rename = "drees-apl-mg-2023")]
    DreesAplMg2023,
}

impl DemandPreset {
    /// Every preset with its manifest name.
    pub const NAMES: [(&'static str, DemandPreset); 2] = [
        ("drees-apl-mg-2022", DemandPreset::DreesAplMg2022),
        ("drees-apl-mg-2023", DemandPreset::DreesAplMg2023),
    ];

    /// The manifest name.
    pub fn name(self) -> &'static str {
        Self::NAMES
            .iter()
            .find(|(_, p)| *p == self)
            .map_or("", |(n, _)| n)
    }

    /// The preset's weights: 19 five-year bands, 0-4 to 90+, as published.
    ///
    /// # Example
    /// ```
    /// use maillage::model::DemandPreset;
    /// let w = DemandPreset::DreesAplMg2023.weights();
    /// assert_eq!(w.len(), 19);
    /// assert_eq!((w[0].0.to_string(), w[0].1), ("0-4".to_owned(), 1.12));
    /// assert_eq!((w[18].0.to_string(), w[18].1), ("90+".to_owned(), 2.26));
    /// ```
    pub fn weights(self) -> Vec<(AgeRange, f64)> {
        let column = match self {
            DemandPreset::DreesAplMg2022 => 1,
            DemandPreset::DreesAplMg2023 => 2,
        };
        DREES_APL_MG_WEIGHTS
            .lines()
            .skip(1)
            .filter_map(|line| {
                let cells: Vec<&str> = line.split(',').collect();
                let ages = drees_age_label(cells.first()?)?;
                let weight = cells.get(column)?.trim().parse::<f64>().ok()?;
                Some((ages, weight))
            })
            .collect()
    }
}

/// The ages of a label of the DREES workbook: "Moins de 5 ans", "de 5 à 9 ans",
/// "Plus de 90 ans".
fn drees_age_label(label: &str) -> Option<AgeRange> {
    let label = label.trim().strip_suffix(" ans")?;
    let number = |s: &str| s.trim().parse::<u32>().ok();
    if let Some(n) = label.strip_prefix("Moins de ") {
        return Some(AgeRange {
            from: 0,
            to: Some(number(n)?.checked_sub(1)?),
        });
    }
    if let Some(n) = label.strip_prefix("Plus de ") {
        return Some(AgeRange {
            from: number(n)?,
            to: None,
        });
    }
    let (from, to) = label.strip_prefix("de ")?.split_once(" à ")?;
    Some(AgeRange {
        from: number(from)?,
        to: Some(number(to)?),
    })
}

/// The weights of a declaration.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DemandWeights {
    /// A built-in preset.
    Preset(DemandPreset),
    /// The user's weights, by age range, covering every age once.
    Given(Vec<(AgeRange, f64)>),
}

impl DemandWeights {
    /// The weights by age range, sorted by age.
    pub fn grid(&self) -> Vec<(AgeRange, f64)> {
        let mut grid = match self {
            DemandWeights::Preset(p) => p.weights(),
            DemandWeights::Given(w) => w.clone(),
        };
        grid.sort_by_key(|(r, _)| *r);
        grid
    }
}

/// One term of a part's value: a declared band's value, or (for shares) the whole
/// population, 100 %.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PartTerm {
    /// The value of the band of this index in [`Demand::bands`].
    Band(usize),
    /// All ages: 100 (% of the population).
    Whole,
}

/// A disjoint part of the ages: how its value is read from the declared bands, and its
/// weight.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DemandPart {
    /// The ages of the part.
    pub ages: AgeRange,
    /// Its value: Σ coefficient × term (a band itself, or the difference of two).
    pub terms: Vec<(PartTerm, f64)>,
    /// Its weight: the mean of the weights of the grid's ranges it covers.
    pub weight: f64,
    /// How many ranges of the weights' grid it covers (more than 1: a band coarser
    /// than the grid, given the mean of their weights).
    pub covers: usize,
}

/// Why a declaration cannot be used.
#[derive(Debug, Clone, PartialEq)]
pub enum DemandError {
    /// No band (or weight) covers these ages.
    Gap {
        /// Whether the weights are at fault (else the bands).
        weights: bool,
        /// The ages covered by nothing.
        ages: AgeRange,
    },
    /// Bands (or weights) overlap, and these ages cannot be told apart.
    Overlap {
        /// Whether the weights are at fault (else the bands).
        weights: bool,
        /// The ages.
        ages: AgeRange,
        /// The overlapping bands: properties, or age ranges for weights.
        bands: Vec<String>,
    },
    /// A part of the ages does not start and end on the bounds of the weights' grid.
    NotAligned {
        /// The part.
        ages: AgeRange,
        /// The grid's ranges, as written (`0-4, 5-9, ...`).
        grid: Vec<AgeRange>,
    },
}

/// A layer's age-weighted demand (`[layers.NAME.demand]`, docs/bundle.md): the bands,
/// the weights, and their resolution into weighted disjoint parts.
///
/// # Example
/// ```
/// use maillage::model::{AgeBand, BandValues, Demand, DemandPreset, DemandWeights};
/// // INSEE's shares: under 15, under 25, 25-64, 65 and over (cumulative, overlapping)
/// let bands = [("moins_15", "0-14"), ("moins_25", "0-24"), ("de_25_64", "25-64"), ("plus_65", "65+")]
///     .map(|(p, a)| AgeBand { property: p.into(), ages: a.parse().unwrap() });
/// let demand = Demand::new(
///     BandValues::Shares,
///     bands.to_vec(),
///     DemandWeights::Given(
///         [("0-14", 0.6), ("15-24", 0.5), ("25-64", 1.0), ("65+", 1.5)]
///             .map(|(a, w)| (a.parse().unwrap(), w))
///             .to_vec(),
///     ),
/// )
/// .unwrap();
/// // 15-24 is read as "under 25" minus "under 15"
/// assert_eq!(demand.parts.len(), 4);
/// // 1,000 people: 15 % under 15, 25 % under 25, 50 % 25-64, 25 % 65 and over
/// let w = demand.weighted(&[15.0, 25.0, 50.0, 25.0], 1000.0).unwrap();
/// assert!((w - (150.0 * 0.6 + 100.0 * 0.5 + 500.0 * 1.0 + 250.0 * 1.5)).abs() < 1e-9);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Demand {
    /// What the band properties hold.
    pub values: BandValues,
    /// The declared bands, in manifest order.
    pub bands: Vec<AgeBand>,
    /// The weights.
    pub weights: DemandWeights,
    /// The disjoint parts the bands resolve into, by age.
    pub parts: Vec<DemandPart>,
}

impl Demand {
    /// Resolves the bands into disjoint parts and weighs each.
    ///
    /// The ages are cut at every bound of a band. A part's value is a band equal to
    /// it, or else the difference of two bands (declared, or found so before) sharing
    /// a bound: "0-24" minus "0-14" is "15-24", "65+" minus "75+" is "65-74". For
    /// shares, all ages are 100 %. A part's weight is the mean of the weights of the
    /// grid's ranges it covers; it must start and end on bounds of the grid.
    ///
    /// # Errors
    /// Ages no band covers ([`DemandError::Gap`]), ages no difference isolates
    /// ([`DemandError::Overlap`], also for a band given twice), weights that overlap or
    /// leave ages out, and parts not aligned with the weights' grid
    /// ([`DemandError::NotAligned`]); every one found, in age order.
    pub fn new(
        values: BandValues,
        bands: Vec<AgeBand>,
        weights: DemandWeights,
    ) -> Result<Self, Vec<DemandError>> {
        let mut errors = Vec::new();
        let grid = weights.grid();
        check_tiling(&grid, &mut errors);
        let resolved = resolve(&bands, values == BandValues::Shares, &mut errors);
        let mut parts = Vec::new();
        for (ages, terms) in resolved {
            let (from, end) = ages.interval();
            let first = grid.iter().position(|(r, _)| r.interval().0 == from);
            let last = grid.iter().position(|(r, _)| r.interval().1 == end);
            match (first, last) {
                (Some(i), Some(j)) if i <= j => {
                    let covered = &grid[i..=j];
                    let weight = covered.iter().map(|(_, w)| w).sum::<f64>() / covered.len() as f64;
                    parts.push(DemandPart {
                        ages,
                        terms,
                        weight,
                        covers: covered.len(),
                    });
                }
                _ => errors.push(DemandError::NotAligned {
                    ages,
                    grid: grid.iter().map(|(r, _)| *r).collect(),
                }),
            }
        }
        if errors.is_empty() {
            Ok(Self {
                values,
                bands,
                weights,
                parts,
            })
        } else {
            Err(errors)
        }
    }

    /// The weighted demand of a zone: Σ over the parts of value × weight, where a
    /// part's value is a number of people (counts) or its share of `population`
    /// (shares, in %).
    ///
    /// # Arguments
    /// * `values`: the zone's value of each band, in the order of [`Demand::bands`].
    /// * `population`: the zone's population (read for shares only).
    ///
    /// # Errors
    /// A part whose value is negative (a cumulative band smaller than the band it
    /// contains), with its ages and value.
    pub fn weighted(&self, values: &[f64], population: f64) -> Result<f64, (AgeRange, f64)> {
        let mut total = 0.0;
        for part in &self.parts {
            let value: f64 = part
                .terms
                .iter()
                .map(|&(term, c)| {
                    c * match term {
                        PartTerm::Band(i) => values[i],
                        PartTerm::Whole => 100.0,
                    }
                })
                .sum();
            // differences of equal decimals are exact; anything below is the data's
            if value < -1e-9 {
                return Err((part.ages, value));
            }
            let people = match self.values {
                BandValues::Counts => value.max(0.0),
                BandValues::Shares => population * value.max(0.0) / 100.0,
            };
            total += people * part.weight;
        }
        Ok(total)
    }

    /// The parts coarser than the weights' grid, each with its mean weight.
    pub fn coarse_parts(&self) -> impl Iterator<Item = &DemandPart> {
        self.parts.iter().filter(|p| p.covers > 1)
    }
}

/// Whether the weights cover every age exactly once; the faults otherwise.
fn check_tiling(grid: &[(AgeRange, f64)], errors: &mut Vec<DemandError>) {
    let mut next = 0u32;
    for (i, (r, _)) in grid.iter().enumerate() {
        let (from, end) = r.interval();
        if from > next {
            errors.push(DemandError::Gap {
                weights: true,
                ages: AgeRange::of_interval((next, from)),
            });
        } else if from < next {
            errors.push(DemandError::Overlap {
                weights: true,
                ages: AgeRange::of_interval((from, next.min(end))),
                bands: vec![grid[i - 1].0.to_string(), r.to_string()],
            });
        }
        next = next.max(end);
    }
    if next != OPEN {
        errors.push(DemandError::Gap {
            weights: true,
            ages: AgeRange::of_interval((next, OPEN)),
        });
    }
}

type Terms = Vec<(PartTerm, f64)>;

/// The disjoint parts of the declared bands, each with its terms (see [`Demand::new`]).
fn resolve(
    bands: &[AgeBand],
    whole: bool,
    errors: &mut Vec<DemandError>,
) -> Vec<(AgeRange, Terms)> {
    let mut known: BTreeMap<(u32, u32), Terms> = BTreeMap::new();
    if whole {
        known.insert((0, OPEN), vec![(PartTerm::Whole, 1.0)]);
    }
    for (i, b) in bands.iter().enumerate() {
        let interval = b.ages.interval();
        if let Some(j) = bands[..i].iter().position(|a| a.ages == b.ages) {
            errors.push(DemandError::Overlap {
                weights: false,
                ages: b.ages,
                bands: vec![bands[j].property.clone(), b.property.clone()],
            });
            continue;
        }
        // a declared band takes the place of the implicit whole
        known.insert(interval, vec![(PartTerm::Band(i), 1.0)]);
    }
    // differences of two known intervals sharing a bound, until no new one comes
    loop {
        let intervals: Vec<(u32, u32)> = known.keys().copied().collect();
        let mut found = Vec::new();
        for &a in &intervals {
            for &b in &intervals {
                let rest = if a.0 == b.0 && b.1 < a.1 {
                    (b.1, a.1)
                } else if a.1 == b.1 && a.0 < b.0 {
                    (a.0, b.0)
                } else {
                    continue;
                };
                if !known.contains_key(&rest) && !found.iter().any(|(r, _)| *r == rest) {
                    found.push((rest, difference(&known[&a], &known[&b])));
                }
            }
        }
        if found.is_empty() {
            break;
        }
        known.extend(found);
    }
    let mut cuts: Vec<u32> = bands
        .iter()
        .flat_map(|b| {
            let (from, end) = b.ages.interval();
            [from, end]
        })
        .chain([0, OPEN])
        .collect();
    cuts.sort_unstable();
    cuts.dedup();
    let mut parts = Vec::new();
    for w in cuts.windows(2) {
        let part = (w[0], w[1]);
        if let Some(terms) = known.get(&part) {
            parts.push((AgeRange::of_interval(part), terms.clone()));
            continue;
        }
        let covering: Vec<&AgeBand> = bands
            .iter()
            .filter(|b| {
                let (from, end) = b.ages.interval();
                from <= part.0 && part.1 <= end
            })
            .collect();
        let ages = AgeRange::of_interval(part);
        match covering.iter().min_by_key(|b| {
            let (from, end) = b.ages.interval();
            end - from
        }) {
            None => errors.push(DemandError::Gap {
                weights: false,
                ages,
            }),
            Some(smallest) => {
                let (from, end) = smallest.ages.interval();
                let bands = bands
                    .iter()
                    .filter(|b| {
                        let (f, e) = b.ages.interval();
                        f < end && from < e
                    })
                    .map(|b| b.property.clone())
                    .collect();
                errors.push(DemandError::Overlap {
                    weights: false,
                    ages,
                    bands,
                });
            }
        }
    }
    parts
}

/// The terms of `a − b`, each term once, without zeros.
fn difference(a: &Terms, b: &Terms) -> Terms {
    let mut sum: BTreeMap<PartTerm, f64> = BTreeMap::new();
    for &(t, c) in a {
        *sum.entry(t).or_default() += c;
    }
    for &(t, c) in b {
        *sum.entry(t).or_default() -= c;
    }
    sum.into_iter().filter(|&(_, c)| c != 0.0).collect()
}

/// A zone's weighted demand, when its layer declares one.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ZoneDemand {
    /// Σ over the parts of people × weight: the population standardised by age.
    pub weighted: f64,
    /// Whether a band was missing in the zone, so that the demand is its population ×
    /// the layer's mean weight (docs/bundle.md).
    pub estimated: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn band(property: &str, ages: &str) -> AgeBand {
        AgeBand {
            property: property.into(),
            ages: ages.parse().unwrap(),
        }
    }

    #[test]
    fn the_presets_cover_every_age_in_nineteen_five_year_bands() {
        for (_, preset) in DemandPreset::NAMES {
            let grid = DemandWeights::Preset(preset).grid();
            assert_eq!(grid.len(), 19);
            let mut errors = Vec::new();
            check_tiling(&grid, &mut errors);
            assert!(errors.is_empty(), "{errors:?}");
            assert!(grid[..18].iter().all(|(r, _)| r.to.unwrap() - r.from == 4));
        }
        let w22 = DemandPreset::DreesAplMg2022.weights();
        assert_eq!(w22[14], ("70-74".parse().unwrap(), 1.52));
    }

    #[test]
    fn insee_shares_resolve_by_difference() {
        let bands = vec![
            band("m15", "0-14"),
            band("m25", "0-24"),
            band("a25_64", "25-64"),
            band("p65", "65+"),
            band("p75", "75+"),
            band("p80", "80+"),
        ];
        let d = Demand::new(
            BandValues::Shares,
            bands,
            DemandWeights::Preset(DemandPreset::DreesAplMg2023),
        )
        .unwrap();
        let ages: Vec<String> = d.parts.iter().map(|p| p.ages.to_string()).collect();
        assert_eq!(ages, ["0-14", "15-24", "25-64", "65-74", "75-79", "80+"]);
        assert_eq!(
            d.parts[1].terms,
            [(PartTerm::Band(0), -1.0), (PartTerm::Band(1), 1.0)]
        );
        // 0-14: the mean of 1.12, 0.58 and 0.51; 75-79 is one band of the grid
        assert!((d.parts[0].weight - (1.12 + 0.58 + 0.51) / 3.0).abs() < 1e-15);
        assert_eq!((d.parts[4].weight, d.parts[4].covers), (1.57, 1));
        assert_eq!(d.coarse_parts().count(), 5);
        // a cumulative share below the one it holds is a negative part
        let e = d
            .weighted(&[10.0, 8.0, 50.0, 30.0, 10.0, 5.0], 100.0)
            .unwrap_err();
        assert_eq!(e.0.to_string(), "15-24");
    }

    #[test]
    fn reports_gaps_overlaps_and_misaligned_bands() {
        let weights = DemandWeights::Preset(DemandPreset::DreesAplMg2023);
        let e = Demand::new(
            BandValues::Counts,
            vec![band("a", "0-14"), band("b", "20+")],
            weights.clone(),
        )
        .unwrap_err();
        assert_eq!(
            e,
            [DemandError::Gap {
                weights: false,
                ages: "15-19".parse().unwrap()
            }]
        );
        let e = Demand::new(
            BandValues::Counts,
            vec![band("a", "0-14"), band("b", "10-19"), band("c", "20+")],
            weights.clone(),
        )
        .unwrap_err();
        assert!(matches!(&e[0], DemandError::Overlap { bands, .. } if bands == &["a", "b"]));
        let e = Demand::new(
            BandValues::Counts,
            vec![band("a", "0-16"), band("b", "17+")],
            weights,
        )
        .unwrap_err();
        assert_eq!(e.len(), 2);
        assert!(matches!(e[0], DemandError::NotAligned { .. }));
        let e = Demand::new(
            BandValues::Counts,
            vec![band("a", "0-14"), band("b", "15+")],
            DemandWeights::Given(vec![
                ("0-19".parse().unwrap(), 1.0),
                ("15-64".parse().unwrap(), 1.0),
            ]),
        )
        .unwrap_err();
        assert!(matches!(e[0], DemandError::Overlap { weights: true, .. }));
        assert!(matches!(e[1], DemandError::Gap { weights: true, .. }));
    }
}
