//! Many territories at once (docs/compare.md): each bundle diagnosed on its own, its key
//! figures read from its [`Diagnosis`](crate::Diagnosis), and the territories set side by side, ranked on
//! each figure, with what they share (zones, actors) counted once in the totals.
//!
//! [`KeyFigures::of`] reads one diagnosis; [`compare_bundles`] diagnoses bundles in
//! parallel (one failed bundle is reported without stopping the others) and gives a
//! [`Comparison`]; [`write_comparison`] writes its tables and its page. The per-bundle
//! step, [`territory_figures`], is also what a cluster runs on each bundle (the Python
//! package maps it over Dask workers), and [`Comparison::assemble`] puts the outcomes
//! together wherever they were made.

mod figures;
mod page;
mod run;
mod write;

pub use figures::{AccessFigure, ActorKey, GapCounts, KeyFigures, SectorFigure, ZoneKey};
pub use run::{compare_bundles, plan, territory_figures, CompareOptions, Planned};
pub use write::{render_comparison_file, write_comparison, COMPARISON_FILES};

use crate::lang::{Lang, Message};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// Why a bundle is not in a comparison.
#[derive(Debug)]
pub enum FailureReason {
    /// The bundle could not be diagnosed: a missing folder or a bundle that breaks
    /// the format (every problem found), an option the territory cannot take, outputs
    /// that could not be written.
    Error(crate::Error),
    /// Refused before being read (a name already taken), or a failure reported by a
    /// worker of a cluster, as a message.
    Other(Message),
}

impl FailureReason {
    /// The reason in a language (a refused bundle: the count of its errors and one
    /// error a line); an option or a write that failed says it in the current
    /// language.
    pub fn render(&self, lang: Lang) -> String {
        match self {
            FailureReason::Error(crate::Error::Bundle(e)) => e.render(lang),
            FailureReason::Error(e) => e.to_string(),
            FailureReason::Other(m) => m.render(lang),
        }
    }
}

/// A bundle left out of a comparison, and why.
#[derive(Debug)]
pub struct Failure {
    /// The bundle as it was given (its path).
    pub bundle: String,
    /// Why.
    pub reason: FailureReason,
}

impl Serialize for Failure {
    /// `{"bundle": ..., "reason": ...}`, the reason in the current language.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut s = serializer.serialize_struct("Failure", 2)?;
        s.serialize_field("bundle", &self.bundle)?;
        s.serialize_field("reason", &self.reason.render(crate::lang::language()))?;
        s.end()
    }
}

/// Two territories of a comparison that share zones (the same zone, id and name, in
/// their coverage layers: an IRIS or commune code) or actors (the same id and name:
/// a FINESS or RPPS number).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Overlap {
    /// The first territory's name in the comparison (in the order given).
    pub a: String,
    /// The second's.
    pub b: String,
    /// Zones of both.
    pub zones: usize,
    /// Population of the zones of both (as the first territory gives it).
    pub population: f64,
    /// Actors of both.
    pub actors: usize,
}

/// The territories of a comparison taken together, what they share counted once: each
/// zone's population once, each actor once ([`ZoneKey`], [`ActorKey`]).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Totals {
    /// Territories compared.
    pub territories: usize,
    /// Distinct zones of their coverage layers.
    pub zones: usize,
    /// Population of those zones, each counted once.
    pub population: f64,
    /// Distinct actors.
    pub actors: usize,
    /// Distinct actors of each sector placed in a zone, and per 10,000 inhabitants of
    /// the distinct zones, in the order of [`Comparison::sectors`].
    pub sectors: Vec<SectorFigure>,
}

/// Territories side by side: their key figures in the order given, the bundles left
/// out, what the territories share, and the totals.
#[derive(Debug, Serialize)]
pub struct Comparison {
    /// Key figures of each territory compared, in the order the bundles were given.
    pub territories: Vec<KeyFigures>,
    /// The bundles left out, in the order given.
    pub failures: Vec<Failure>,
    /// The pairs of territories that share zones or actors, in the order given.
    pub overlaps: Vec<Overlap>,
    /// Every sector of the territories (id, label), in the order of their taxonomies.
    pub sectors: Vec<(String, String)>,
    /// Every kind whose access is compared (id, label), in the order met.
    pub access_kinds: Vec<(String, String)>,
    /// All territories together, what they share counted once.
    pub totals: Totals,
}

/// What became of one bundle: its figures or why it failed.
pub type Outcome = Result<KeyFigures, FailureReason>;

impl Comparison {
    /// Puts the outcomes of the bundles together, in the order given: `(bundle as
    /// given, outcome)`.
    ///
    /// # Example
    /// ```
    /// use maillage::compare::{Comparison, FailureReason, KeyFigures};
    /// use maillage::diagnosis::DiagnosisOptions;
    /// let territory = maillage::load_bundle("../../data/lyon7".as_ref()).unwrap().territory;
    /// let d = maillage::Diagnosis::run(&territory, &DiagnosisOptions::default()).unwrap();
    /// let figures = KeyFigures::of("lyon7", &territory, &d);
    /// let mut again = figures.clone();
    /// again.name = "lyon7-bis".into();
    /// let failed = FailureReason::Other(maillage::msg!(CompareFailureText, detail = "?"));
    /// let c = Comparison::assemble(vec![
    ///     ("data/lyon7".into(), Ok(figures)),
    ///     ("copie/lyon7".into(), Ok(again)),
    ///     ("ailleurs".into(), Err(failed)),
    /// ]);
    /// assert_eq!((c.territories.len(), c.failures.len()), (2, 1));
    /// // the same zones and actors twice: shared, and counted once in the totals
    /// assert_eq!(c.overlaps[0].zones, 24);
    /// assert_eq!(c.totals.actors, territory.actors.len());
    /// assert_eq!(c.totals.population, c.territories[0].population);
    /// ```
    pub fn assemble(outcomes: Vec<(String, Outcome)>) -> Comparison {
        let mut territories = Vec::new();
        let mut failures = Vec::new();
        for (bundle, outcome) in outcomes {
            match outcome {
                Ok(figures) => territories.push(figures),
                Err(reason) => failures.push(Failure { bundle, reason }),
            }
        }
        let mut sectors: Vec<(String, String)> = Vec::new();
        let mut access_kinds: Vec<(String, String)> = Vec::new();
        for t in &territories {
            for s in &t.sectors {
                if !sectors.iter().any(|(id, _)| *id == s.id) {
                    sectors.push((s.id.clone(), s.label.clone()));
                }
            }
            for a in &t.access {
                if !access_kinds.iter().any(|(id, _)| *id == a.kind) {
                    access_kinds.push((a.kind.clone(), a.label.clone()));
                }
            }
        }
        let overlaps = overlaps(&territories);
        let totals = totals(&territories, &sectors);
        Comparison {
            territories,
            failures,
            overlaps,
            sectors,
            access_kinds,
            totals,
        }
    }

    /// The territories each territory shares zones or actors with, by index in
    /// [`Comparison::territories`].
    pub fn overlapping(&self) -> Vec<Vec<usize>> {
        let index: HashMap<&str, usize> = self
            .territories
            .iter()
            .enumerate()
            .map(|(i, t)| (t.name.as_str(), i))
            .collect();
        let mut out = vec![Vec::new(); self.territories.len()];
        for o in &self.overlaps {
            if let (Some(&a), Some(&b)) = (index.get(o.a.as_str()), index.get(o.b.as_str())) {
                out[a].push(b);
                out[b].push(a);
            }
        }
        for list in &mut out {
            list.sort_unstable();
        }
        out
    }
}

/// Every pair of territories sharing zones or actors, in the order given.
fn overlaps(territories: &[KeyFigures]) -> Vec<Overlap> {
    // which territories hold each zone id and each actor id
    // the territories holding each zone (with its population there) and each actor
    type Holders = Vec<(usize, f64)>;
    let mut zones: HashMap<(&str, &str), Holders> = HashMap::new();
    let mut actors: HashMap<(&str, &str), Vec<usize>> = HashMap::new();
    for (i, t) in territories.iter().enumerate() {
        for z in &t.zone_keys {
            zones.entry(z.key()).or_default().push((i, z.population));
        }
        for a in &t.actor_keys {
            actors.entry(a.key()).or_default().push(i);
        }
    }
    // (zones, population, actors) per pair (a < b)
    let mut pairs: BTreeMap<(usize, usize), (usize, f64, usize)> = BTreeMap::new();
    // in the order of the zone ids: the population sums do not depend on the hash map
    let mut ordered: Vec<((&str, &str), &Holders)> = zones
        .iter()
        .filter(|(_, l)| l.len() > 1)
        .map(|(id, l)| (*id, l))
        .collect();
    ordered.sort_unstable_by_key(|(id, _)| *id);
    for (_, holders) in ordered {
        for (x, &(a, population)) in holders.iter().enumerate() {
            for &(b, _) in &holders[x + 1..] {
                if a == b {
                    continue;
                }
                let entry = pairs.entry((a, b)).or_default();
                entry.0 += 1;
                entry.1 += population;
            }
        }
    }
    for holders in actors.values().filter(|l| l.len() > 1) {
        for (x, &a) in holders.iter().enumerate() {
            for &b in &holders[x + 1..] {
                if a != b {
                    pairs.entry((a, b)).or_default().2 += 1;
                }
            }
        }
    }
    pairs
        .into_iter()
        .map(|((a, b), (zones, population, actors))| Overlap {
            a: territories[a].name.clone(),
            b: territories[b].name.clone(),
            zones,
            population,
            actors,
        })
        .collect()
}

/// The territories together: each zone's population once (as the first territory
/// holding it gives it), each actor once (with its sector and placement in the first
/// territory holding it).
fn totals(territories: &[KeyFigures], sectors: &[(String, String)]) -> Totals {
    let mut zones: HashMap<(&str, &str), f64> = HashMap::new();
    let mut zone_order: Vec<f64> = Vec::new();
    for t in territories {
        for z in &t.zone_keys {
            if let std::collections::hash_map::Entry::Vacant(e) = zones.entry(z.key()) {
                e.insert(z.population);
                zone_order.push(z.population);
            }
        }
    }
    // summed in the order met, so that the total is the same from run to run
    let population = zone_order.iter().fold(0.0, |s, p| s + p);
    let mut actors: HashMap<(&str, &str), &ActorKey> = HashMap::new();
    for t in territories {
        for a in &t.actor_keys {
            actors.entry(a.key()).or_insert(a);
        }
    }
    let mut placed: HashMap<&str, usize> = HashMap::new();
    for a in actors.values().filter(|a| a.in_zone) {
        *placed.entry(a.sector.as_str()).or_default() += 1;
    }
    Totals {
        territories: territories.len(),
        zones: zone_order.len(),
        population,
        actors: actors.len(),
        sectors: sectors
            .iter()
            .map(|(id, label)| {
                let n = placed.get(id.as_str()).copied().unwrap_or(0);
                SectorFigure {
                    id: id.clone(),
                    label: label.clone(),
                    actors: n,
                    per_10000: figures::per_10000(n, population),
                }
            })
            .collect(),
    }
}
