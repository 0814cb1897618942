//! Seeded synthetic territories, for benchmarks and for trying the library at the
//! scale of a region or of France.
//!
//! A synthetic territory is a valid bundle (docs/bundle.md): an irregular tiling of
//! "IRIS" (a jittered grid whose cells share their borders exactly) with populations
//! around a few towns; "communes" made of 4 × 4 IRIS; "QPV" among the densest IRIS
//! (one IRIS in 33); actors clustered like real practices (professionals grouped in a
//! cabinet, an MSP or a health centre, pharmacies, schools, social services, placed in
//! proportion to the population); coordination schemes (a CPTS per 3 × 3 communes, a
//! CLSM for one CPTS area in two, a CLS for one in three, an ASV per QPV); relations
//! mixing memberships, local ties between neighbours (most within the same or the next
//! IRIS, a share across sectors) and a few long ties, with weights and dates; joint
//! actions around their lead; needs in every QPV and some IRIS.
//!
//! Everything is drawn from one seed with [`SeededRng`]: the same size and seed give
//! the same bytes.
//!
//! # Example
//! ```
//! use maillage::synth::{generate, Size};
//! let dir = tempfile::tempdir().unwrap();
//! let territory = generate(&Size::S.spec(), 7);
//! maillage::bundle::write_bundle(&territory, dir.path()).unwrap();
//! let loaded = maillage::bundle::load_bundle(dir.path()).unwrap();
//! assert_eq!(loaded.territory.actors.len(), 500);
//! assert_eq!(loaded.territory.relations.len(), Size::S.spec().relations);
//! ```

mod actors;
mod geography;
mod ties;

use crate::model::default_capacity;
use crate::model::{
    anchor_point, AccessMethod, Action, Actor, ActorIx, AnalysisSettings, Date, Layer, LayerIx,
    LonLat, Need, Relation, RelationKind, Taxonomy, Territory, Theme, UnknownName, Validity, Zone,
    ZoneIx, ZoneRef,
};
use crate::network::SeededRng;
use actors::{SynthActor, THEMES};
use geo::{LineString, MultiPolygon, Polygon};
use geography::{round6, Tiling};
use std::collections::HashMap;
use std::str::FromStr;
use ties::{SynthAction, SynthNeed, SynthRelation};

/// The kinds every zone should reach (the manifest's `required`).
const REQUIRED: [&str; 3] = ["medecin_generaliste", "pharmacie", "orthophoniste"];

/// The date the synthetic network is observed at (the manifest's `date`).
pub const OBSERVED_ON: &str = "2024-06-30";

/// The four standard sizes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Size {
    /// 500 actors, 4,000 relations, 50 IRIS: a small town.
    S,
    /// 5,000 actors, 40,000 relations, 500 IRIS: a city.
    M,
    /// 50,000 actors, 400,000 relations, 5,000 IRIS: a département.
    L,
    /// 500,000 actors, 4,000,000 relations, 50,000 IRIS (about 1,500 QPV): France.
    XL,
}

impl Size {
    /// Every size, smallest first.
    pub const ALL: [Size; 4] = [Size::S, Size::M, Size::L, Size::XL];

    /// How many actors, relations and zones this size has.
    pub fn spec(self) -> Spec {
        match self {
            Size::S => Spec::custom(500, 4_000, 50),
            Size::M => Spec::custom(5_000, 40_000, 500),
            Size::L => Spec::custom(50_000, 400_000, 5_000),
            Size::XL => Spec::custom(500_000, 4_000_000, 50_000),
        }
    }

    /// The size's name: `S`, `M`, `L` or `XL`.
    pub fn name(self) -> &'static str {
        match self {
            Size::S => "S",
            Size::M => "M",
            Size::L => "L",
            Size::XL => "XL",
        }
    }
}

impl FromStr for Size {
    type Err = UnknownName;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Size::ALL
            .into_iter()
            .find(|size| size.name().eq_ignore_ascii_case(s))
            .ok_or_else(|| {
                UnknownName::new(crate::lang::Msg::WhatSize, s, &Size::ALL.map(Size::name))
            })
    }
}

/// The size of a synthetic territory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spec {
    /// Number of actors.
    pub actors: usize,
    /// Number of relations (rows of relations.csv; about one in twelve has ended by
    /// [`OBSERVED_ON`], some start later).
    pub relations: usize,
    /// About how many IRIS the coverage layer has (the tiling rounds to a grid).
    pub zones: usize,
}

impl Spec {
    /// A size of one's own.
    pub fn custom(actors: usize, relations: usize, zones: usize) -> Self {
        Self {
            actors,
            relations,
            zones: zones.max(4),
        }
    }
}

/// A drawn territory, before it becomes a [`Territory`].
struct Synthetic {
    name: String,
    tiling: Tiling,
    actors: Vec<SynthActor>,
    relations: Vec<SynthRelation>,
    actions: Vec<SynthAction>,
    needs: Vec<SynthNeed>,
}

/// Draws a synthetic territory of the given size from a seed; write it as a bundle
/// with [`write_bundle`](crate::bundle::write_bundle).
///
/// # Complexity
/// O(actors + relations + zones) time and memory.
pub fn generate(spec: &Spec, seed: u64) -> Territory {
    draw(spec, seed).territory()
}

fn draw(spec: &Spec, seed: u64) -> Synthetic {
    let mut rng = SeededRng::new(seed);
    let tiling = Tiling::new(spec, &mut rng);
    let actors = actors::draw_actors(&tiling, spec.actors, &mut rng);
    let mut relations = ties::draw_relations(&actors, &tiling, spec.relations, &mut rng);
    relations.truncate(spec.relations);
    let actions = ties::draw_actions(&actors, &tiling, spec.actors / 40 + 1, &mut rng);
    let needs = ties::draw_needs(&tiling, &mut rng);
    Synthetic {
        name: format!(
            "Territoire synthétique ({} acteurs, graine {seed})",
            spec.actors
        ),
        tiling,
        actors,
        relations,
        actions,
        needs,
    }
}

impl Synthetic {
    /// The drawn territory as the loader gives it from its bundle: the built-in taxonomy, the three layers (IRIS, QPV, communes), every actor, relation,
    /// action and need, observed on [`OBSERVED_ON`].
    fn territory(&self) -> Territory {
        let taxonomy = Taxonomy::builtin();
        let layers = self.layers();
        let mut zone_refs: HashMap<String, ZoneRef> = HashMap::new();
        for (l, layer) in layers.iter().enumerate() {
            for (z, zone) in layer.zones.iter().enumerate() {
                zone_refs.insert(
                    format!("{}:{}", layer.name, zone.id),
                    ZoneRef {
                        layer: LayerIx(l as u32),
                        zone: ZoneIx(z as u32),
                    },
                );
            }
        }
        let zone = |label: &str| zone_refs[label];
        let date = |(y, m, d): (u16, u8, u8)| Date::new(i32::from(y), m, d);
        let themes = |list: &[u8]| -> Vec<Theme> {
            list.iter()
                .map(|&t| Theme::new(THEMES[t as usize]))
                .collect()
        };
        let actors = self
            .actors
            .iter()
            .enumerate()
            .map(|(i, a)| {
                let family = taxonomy
                    .kind(a.kind)
                    .map_or_else(String::new, |k| k.family.clone());
                let capacity = a.capacity.unwrap_or_else(|| default_capacity(&family));
                Actor {
                    id: format!("a{i}"),
                    name: format!("{} {i}", a.kind.replace('_', " ")),
                    kind: a.kind.to_owned(),
                    sector: a.sector.to_owned(),
                    family,
                    themes: themes(&a.themes),
                    location: a.location.map(|(lon, lat)| LonLat { lon, lat }),
                    capacity,
                    serves: a.serves.iter().map(|s| zone(s)).collect(),
                    accepting: a.accepting,
                    attributes: Vec::new(),
                    line: i as u64 + 2,
                }
            })
            .collect();
        let relations = self
            .relations
            .iter()
            .enumerate()
            .map(|(i, r)| Relation {
                source: ActorIx(r.source),
                target: ActorIx(r.target),
                kind: r.kind.parse().unwrap_or(RelationKind::Partner),
                weight: f64::from(r.weight),
                themes: Vec::new(),
                validity: Validity {
                    since: date(r.since),
                    until: r.until.and_then(date),
                },
                attributes: Vec::new(),
                line: i as u64 + 2,
            })
            .collect();
        let ixs = |list: &[u32]| list.iter().map(|&i| ActorIx(i)).collect::<Vec<_>>();
        let actions = self
            .actions
            .iter()
            .enumerate()
            .map(|(i, a)| Action {
                id: format!("act{i}"),
                name: format!("Action {i}"),
                themes: themes(&a.themes),
                lead: vec![ActorIx(a.lead)],
                partners: ixs(&a.partners),
                funders: ixs(&a.funders),
                zones: vec![zone(&a.zone)],
                validity: Validity {
                    since: date(a.start),
                    until: None,
                },
                attributes: Vec::new(),
                line: i as u64 + 2,
            })
            .collect();
        let needs = self
            .needs
            .iter()
            .enumerate()
            .map(|(i, n)| Need {
                zone: zone(&n.zone),
                theme: Theme::new(THEMES[n.theme as usize]),
                level: n.level,
                source: Some("diagnostic local de santé".to_owned()),
                attributes: Vec::new(),
                line: i as u64 + 2,
                raised_by: None,
            })
            .collect();
        let analysis = AnalysisSettings {
            coverage_layer: LayerIx(0),
            catchment_m: 2000.0,
            required: REQUIRED.map(str::to_owned).to_vec(),
            partition: "sector".to_owned(),
            access: AccessMethod::TwoStep,
            solicitation_threshold: crate::model::DEFAULT_SOLICITATION_THRESHOLD,
            expected: Vec::new(),
            pathways: crate::model::default_pathways(),
            capacity_units: Default::default(),
            need_rules: Vec::new(),
            cost_settings: crate::model::CostSettings::default(),
            costs: None,
        };
        Territory::from_checked_parts(
            self.name.clone(),
            OBSERVED_ON.parse().ok(),
            taxonomy,
            actors,
            relations,
            actions,
            needs,
            layers,
            analysis,
        )
    }

    /// The IRIS, the QPV (the densest IRIS, 80 % of their population) and the communes.
    fn layers(&self) -> Vec<Layer> {
        let t = &self.tiling;
        let iris = (0..t.cells())
            .map(|c| {
                zone(
                    t.ring(c),
                    format!("I{c}"),
                    format!("IRIS {c}"),
                    f64::from(t.population[c]),
                    c,
                )
            })
            .collect();
        let qpv = t
            .qpv
            .iter()
            .enumerate()
            .map(|(q, &c)| {
                zone(
                    t.ring(c),
                    format!("QP{q}"),
                    format!("QPV {q}"),
                    (0.8 * f64::from(t.population[c])).round(),
                    q,
                )
            })
            .collect();
        let (crows, ccols) = t.commune_grid();
        let mut commune_population = vec![0.0; crows * ccols];
        for c in 0..t.cells() {
            commune_population[t.commune_of(c)] += f64::from(t.population[c]);
        }
        let communes = (0..crows * ccols)
            .map(|c| {
                zone(
                    t.commune_ring(c),
                    format!("C{c}"),
                    format!("Commune {c}"),
                    commune_population[c],
                    c,
                )
            })
            .collect();
        let layer = |name: &str, priority: bool, zones: Vec<Zone>| Layer {
            name: name.to_owned(),
            file: format!("zones/{name}.geojson"),
            priority,
            zones,
            indicators: Vec::new(),
            demand: None,
        };
        vec![
            layer("iris", false, iris),
            layer("qpv", true, qpv),
            layer("communes", false, communes),
        ]
    }
}

/// A zone of a synthetic layer: one polygon, its coordinates rounded to 6 decimals
/// (about 0.1 m), with the properties `code`, `nom` and `population`.
fn zone(
    ring: Vec<(f64, f64)>,
    code: String,
    name: String,
    population: f64,
    feature: usize,
) -> Zone {
    let ring: Vec<(f64, f64)> = ring
        .into_iter()
        .map(|(x, y)| (round6(x), round6(y)))
        .collect();
    let geometry = MultiPolygon(vec![Polygon::new(LineString::from(ring), Vec::new())]);
    let anchor = anchor_point(&geometry).unwrap_or(LonLat { lon: 0.0, lat: 0.0 });
    let mut properties = serde_json::Map::new();
    properties.insert("code".into(), code.clone().into());
    properties.insert("nom".into(), name.clone().into());
    properties.insert("population".into(), population.into());
    Zone {
        id: code,
        name,
        population: Some(population),
        geometry,
        anchor,
        properties,
        feature,
        indicators: Default::default(),
        demand: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bundle::write_bundle;

    #[test]
    fn same_seed_same_bundle_other_seed_other_bundle() {
        let spec = Spec::custom(300, 2_000, 40);
        let (a, b, c) = (
            tempfile::tempdir().unwrap(),
            tempfile::tempdir().unwrap(),
            tempfile::tempdir().unwrap(),
        );
        write_bundle(&generate(&spec, 1), a.path()).unwrap();
        write_bundle(&generate(&spec, 1), b.path()).unwrap();
        write_bundle(&generate(&spec, 2), c.path()).unwrap();
        let read = |d: &tempfile::TempDir, f: &str| std::fs::read(d.path().join(f)).unwrap();
        for f in [
            "actors.csv",
            "relations.csv",
            "actions.csv",
            "zones/iris.geojson",
        ] {
            assert_eq!(read(&a, f), read(&b, f), "{f}");
        }
        assert_ne!(read(&a, "relations.csv"), read(&c, "relations.csv"));
    }

    #[test]
    fn sizes_parse_from_their_names() {
        assert_eq!("xl".parse::<Size>(), Ok(Size::XL));
        assert!("XXL".parse::<Size>().is_err());
        assert_eq!(Size::XL.spec().relations, 4_000_000);
    }

    #[test]
    fn bundle_loads_without_errors_and_has_located_clustered_actors() {
        let dir = tempfile::tempdir().unwrap();
        write_bundle(&generate(&Size::M.spec(), 3), dir.path()).unwrap();
        let loaded = crate::bundle::load_bundle(dir.path()).unwrap();
        let t = &loaded.territory;
        assert_eq!(t.actors.len(), 5_000);
        assert!(t.actors.iter().filter(|a| a.location.is_some()).count() > 4_500);
        assert!(t.actions.len() > 100 && !t.needs.is_empty());
        let d = crate::Diagnosis::of(t);
        assert!(
            d.summary.largest_component_share > 0.9,
            "{}",
            d.summary.largest_component_share
        );
        assert!(d.coverage.zones.iter().any(|z| z.priority));
    }
}
