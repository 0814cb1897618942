//! Missing sectors and families (docs/analyses.md §5): what a territory, or a zone of
//! it, holds nothing of, set against what a territory of its population usually has
//! ("pas d'association de patients", "pas d'établissements de santé implantés").

use crate::model::{Territory, ZoneIx};
use crate::spatial::ActorPlacement;
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

/// The built-in reference densities: national counts of actors over the population
/// they serve, each sourced (docs/analyses.md §5).
pub const BUILTIN_REFERENCES: &str = include_str!("../../data/reference_densities.toml");

/// How many actors a density must predict for their absence to be a gap: were actors
/// spread like the population (a Poisson count), a place expected to hold 3 would hold
/// none less than 5 % of the time (e⁻³ ≈ 0.05). Below that, an absence is listed but
/// not flagged: a small commune without an orthoptist is the rule, not a gap.
pub const FLAGGED_FROM_EXPECTED: f64 = 3.0;

/// What a territory usually holds of a group of actors.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reference {
    /// The group's id (`medecins`, or the taxonomy id of a user's expectation).
    pub id: String,
    /// Its French label.
    pub label: String,
    /// What it counts.
    pub members: Members,
    /// Actors expected per 10,000 inhabitants.
    pub per_10000: Option<f64>,
    /// Actors expected in the territory as a whole.
    pub at_least: Option<u32>,
    /// Where the figure comes from: a source of the built-in table, or `manifeste`.
    pub source: String,
}

/// The actors a [`Reference`] counts.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Members {
    /// Actors of these kinds.
    Kinds(Vec<String>),
    /// Actors of this sector.
    Sector(String),
    /// Actors of this family.
    Family(String),
}

impl Members {
    fn counts(&self, actor: &crate::model::Actor) -> bool {
        match self {
            Members::Kinds(kinds) => kinds.contains(&actor.kind),
            Members::Sector(s) => actor.sector == *s,
            Members::Family(f) => actor.family == *f,
        }
    }
}

#[derive(Deserialize)]
struct RawTable {
    sources: indexmap::IndexMap<String, RawSource>,
    groups: indexmap::IndexMap<String, RawGroup>,
}

#[derive(Deserialize)]
struct RawSource {
    population: f64,
}

#[derive(Deserialize)]
struct RawGroup {
    label: String,
    #[serde(default)]
    kinds: Vec<String>,
    sector: Option<String>,
    count: f64,
    source: String,
}

/// The built-in reference densities, in the table's order.
///
/// # Example
/// ```
/// let references = maillage::gaps::builtin_references();
/// let gps = references.iter().find(|r| r.id == "medecins").unwrap();
/// // 119,382 liberal doctors for 64,933,400 inhabitants in 2011
/// assert!((gps.per_10000.unwrap() - 18.385).abs() < 1e-3);
/// ```
pub fn builtin_references() -> &'static [Reference] {
    static REFERENCES: OnceLock<Vec<Reference>> = OnceLock::new();
    REFERENCES.get_or_init(|| {
        let raw: RawTable =
            toml::from_str(BUILTIN_REFERENCES).expect("the built-in reference table is valid");
        raw.groups
            .into_iter()
            .map(|(id, g)| {
                let population = raw.sources[&g.source].population;
                Reference {
                    id,
                    label: g.label,
                    members: match g.sector {
                        Some(s) => Members::Sector(s),
                        None => Members::Kinds(g.kinds),
                    },
                    per_10000: Some(g.count / population * 10_000.0),
                    at_least: None,
                    source: g.source,
                }
            })
            .collect()
    })
}

/// The references a territory is read against: the built-in ones, then the manifest's
/// `[expected.ID]`, each of which replaces a built-in reference counting the same
/// actors (a kind alone, or a sector).
pub fn references(territory: &Territory) -> Vec<Reference> {
    let tax = &territory.taxonomy;
    let own: Vec<Reference> = territory
        .analysis
        .expected
        .iter()
        .map(|e| {
            let (members, label) = if let Some(k) = tax.kind(&e.id) {
                (Members::Kinds(vec![e.id.clone()]), k.label.clone())
            } else if let Some(s) = tax.sector(&e.id) {
                (Members::Sector(e.id.clone()), s.label.clone())
            } else {
                let label = tax.family(&e.id).map_or(e.id.clone(), |f| f.label.clone());
                (Members::Family(e.id.clone()), label)
            };
            Reference {
                id: e.id.clone(),
                label,
                members,
                per_10000: e.per_10000,
                at_least: e.at_least,
                source: "manifeste".to_owned(),
            }
        })
        .collect();
    let mut all: Vec<Reference> = builtin_references()
        .iter()
        .filter(|b| !own.iter().any(|o| o.members == b.members))
        .cloned()
        .collect();
    all.extend(own);
    all
}

/// Where something is missing: the whole territory, or a zone of the coverage layer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// The whole territory.
    Territory,
    /// A zone of the coverage layer.
    Zone(ZoneIx),
}

/// What is missing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Missing {
    /// A sector of the taxonomy.
    Sector(String),
    /// A family of the taxonomy.
    Family(String),
    /// A group of kinds of a [`Reference`], by its id (a reference of a sector or a
    /// family is read on that sector's or family's row).
    Reference(String),
}

impl Missing {
    /// Its French label: the sector's or family's of the taxonomy, or the reference
    /// group's.
    pub fn label(&self, territory: &Territory) -> String {
        let tax = &territory.taxonomy;
        match self {
            Missing::Sector(id) => tax.sector(id).map_or(id.clone(), |s| s.label.clone()),
            Missing::Family(id) => tax.family(id).map_or(id.clone(), |f| f.label.clone()),
            Missing::Reference(id) => references(territory)
                .into_iter()
                .find(|r| r.id == *id)
                .map_or(id.clone(), |r| r.label),
        }
    }
}

/// A sector, family or reference group with no actor in a scope.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AbsentGroup {
    /// Where.
    pub scope: Scope,
    /// The zone's id, empty for the territory.
    pub zone: String,
    /// The zone's name, or the territory's.
    pub zone_name: String,
    /// What.
    pub missing: Missing,
    /// How many a place of that population usually holds, when a reference says.
    pub expected: Option<f64>,
    /// Whether the absence is a gap: a density predicts at least
    /// [`FLAGGED_FROM_EXPECTED`] actors, or the manifest asks for at least one.
    pub flagged: bool,
}

/// Every absence of docs/analyses.md §5: for the territory (its actors placed in a zone
/// of the coverage layer, or not located), each sector and family of the taxonomy with
/// no actor, and each reference group with none; for each zone of
/// the coverage layer (`placement` places the actors in it), each reference group
/// with none where a density predicts at least [`FLAGGED_FROM_EXPECTED`], except the
/// groups made of `required`
/// kinds only, whose absence the service gaps already give (§3). The territory's
/// population is the coverage layer's; a reference's `at_least` applies to the
/// territory only. Territory first (sectors, families, references, each in their
/// table's order), then the zones in layer order.
///
/// # Example
/// ```
/// # let territory = maillage::load_bundle("../../data/cevennes".as_ref()).unwrap().territory;
/// use maillage::gaps::{absent_groups, Missing, Scope};
/// let placement = maillage::spatial::assign_actors(&territory, territory.analysis.coverage_layer);
/// let absent = absent_groups(&territory, &placement);
/// // no social actor (CCAS, centre social…) and no school in the Cévennes bundle
/// assert!(absent.iter().any(|a| a.scope == Scope::Territory && a.missing == Missing::Sector("social".into())));
/// ```
pub fn absent_groups(territory: &Territory, placement: &ActorPlacement) -> Vec<AbsentGroup> {
    let tax = &territory.taxonomy;
    let references = references(territory);
    let layer = territory.coverage_layer();
    let population = layer.population();
    let mut absent = Vec::new();
    // in the territory: placed in a zone of the coverage layer; or, not located, serving
    // a zone whose anchor point lies in one (a hospital known by its commune) or
    // naming none (a scheme, an institution without an address)
    let index = crate::model::ZoneIndex::new(layer);
    let inside: Vec<&crate::model::Actor> = territory
        .actors
        .iter()
        .zip(placement)
        .filter(|(a, zone)| {
            zone.is_some()
                || (a.location.is_none()
                    && (a.serves.is_empty()
                        || a.serves
                            .iter()
                            .any(|z| index.locate(territory.zone(*z).anchor).is_some())))
        })
        .map(|(a, _)| a)
        .collect();
    let none = |counts: &dyn Fn(&crate::model::Actor) -> bool| !inside.iter().any(|a| counts(a));
    let expected_of = |r: &Reference| r.per_10000.map(|d| d * population / 10_000.0);
    let covering = |members: &Members| references.iter().find(|r| r.members == *members);
    // a sector or a family is one row, read against the reference that counts it
    // (built-in, or the manifest's); a reference of kinds is a row of its own
    let mut push_territory = |missing: Missing, reference: Option<&Reference>| {
        let by_density = reference.and_then(expected_of);
        let at_least = reference.and_then(|r| r.at_least);
        let expected = match (by_density, at_least) {
            (Some(e), Some(n)) => Some(e.max(f64::from(n))),
            (e, n) => e.or(n.map(f64::from)),
        };
        absent.push(AbsentGroup {
            scope: Scope::Territory,
            zone: String::new(),
            zone_name: territory.name.clone(),
            missing,
            expected,
            flagged: by_density.is_some_and(|e| e >= FLAGGED_FROM_EXPECTED)
                || at_least.is_some_and(|n| n >= 1),
        });
    };
    for id in tax.sectors.keys() {
        if none(&|a| a.sector == *id) {
            let members = Members::Sector(id.clone());
            push_territory(Missing::Sector(id.clone()), covering(&members));
        }
    }
    for id in tax.families.keys() {
        if none(&|a| a.family == *id) {
            let members = Members::Family(id.clone());
            push_territory(Missing::Family(id.clone()), covering(&members));
        }
    }
    for r in &references {
        if matches!(r.members, Members::Kinds(_)) && none(&|a| r.members.counts(a)) {
            push_territory(Missing::Reference(r.id.clone()), Some(r));
        }
    }
    let required = &territory.analysis.required;
    let by_zone: Vec<&Reference> = references
        .iter()
        .filter(|r| r.per_10000.is_some())
        .filter(|r| match &r.members {
            Members::Kinds(kinds) => !kinds.iter().all(|k| required.contains(k)),
            _ => true,
        })
        .collect();
    let mut held = vec![vec![false; by_zone.len()]; layer.zones.len()];
    for (actor, zone) in territory.actors.iter().zip(placement) {
        let Some(z) = zone else { continue };
        for (i, r) in by_zone.iter().enumerate() {
            if r.members.counts(actor) {
                held[z.0 as usize][i] = true;
            }
        }
    }
    for (z, zone) in layer.zones.iter().enumerate() {
        let population = zone.population.unwrap_or(0.0);
        for (i, r) in by_zone.iter().enumerate() {
            let expected = r.per_10000.map(|d| d * population / 10_000.0);
            if !held[z][i] && expected.is_some_and(|e| e >= FLAGGED_FROM_EXPECTED) {
                absent.push(AbsentGroup {
                    scope: Scope::Zone(ZoneIx(z as u32)),
                    zone: zone.id.clone(),
                    zone_name: zone.name.clone(),
                    missing: Missing::Reference(r.id.clone()),
                    expected,
                    flagged: true,
                });
            }
        }
    }
    absent
}
