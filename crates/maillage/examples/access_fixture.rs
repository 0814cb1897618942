//! Prints, for a bundle, what an independent implementation of accessibility needs to
//! check ours: the zones of the coverage layer (id, anchor point, population, and the
//! demand access divides by: the age-weighted demand when the layer declares one, else
//! the population), the
//! suppliers of each required kind (id, location, supply), the pairs within the
//! catchment, and our 2SFCA and E2SFCA results. The Python test
//! `tests/python/test_access_pysal.py` compares them with PySAL `access`.
//!
//! With a cost table as second argument (docs/bundle.md, "Travel costs"), it also
//! prints, for each decay (none, the APL's steps, a Gaussian, the user's steps), the
//! access `zone_coverage` reports with that table, and the zone each supplier is placed
//! in (what a row naming a zone reaches).
//!
//! Run with `cargo run -q -p maillage --example access_fixture -- data/lyon7 [costs.csv]`.

use maillage::bundle::{load_bundle, read_cost_table};
use maillage::model::{CostDecay, TravelCosts};
use maillage::spatial::{
    e2sfca_steps, enhanced_two_step_fca, nearest_distance, two_step_fca, zone_coverage, Acceptance,
    CostMatrix, DistanceDecay, Suppliers, SupplyBasis,
};
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

#[derive(Serialize)]
struct Zone {
    id: String,
    lon: f64,
    lat: f64,
    population: f64,
    /// the demand of access (the age-weighted demand, or the population)
    demand: f64,
}

#[derive(Serialize)]
struct Supplier {
    id: String,
    lon: f64,
    lat: f64,
    supply: f64,
    /// the zone of the coverage layer the supplier is placed in
    zone: Option<String>,
}

/// The access `zone_coverage` reports with a cost table and one decay.
#[derive(Serialize)]
struct CostRun {
    /// what access used: file, unit, catchment, weights (`None`: plain 2SFCA)
    costs: maillage::spatial::AccessCosts,
    /// per required kind, per zone (× 10,000)
    access: BTreeMap<String, Vec<f64>>,
    /// per required kind stating acceptance, per zone (× 10,000)
    access_accepting: BTreeMap<String, Vec<f64>>,
}

#[derive(Serialize)]
struct KindResult {
    kind: String,
    acceptance: Acceptance,
    supply_basis: SupplyBasis,
    suppliers: Vec<Supplier>,
    /// (zone index, supplier index, metres) within the catchment
    pairs: Vec<(usize, usize, f64)>,
    /// per zone, per inhabitant (not scaled)
    two_step: Vec<f64>,
    /// per zone, with the `steps` decay
    enhanced_steps: Vec<f64>,
    /// per zone, with the `gaussian` decay
    enhanced_gaussian: Vec<f64>,
    /// per zone, metres
    nearest_m: Vec<Option<f64>>,
    /// per zone, as reported by `zone_coverage` (× 10,000)
    coverage_access: Vec<f64>,
}

#[derive(Serialize)]
struct Fixture {
    catchment_m: f64,
    steps: DistanceDecay,
    gaussian: DistanceDecay,
    zones: Vec<Zone>,
    kinds: Vec<KindResult>,
    /// with a cost table: one run per decay
    cost_runs: Vec<CostRun>,
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let bundle = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .ok_or("usage: access_fixture BUNDLE")?;
    let mut territory = load_bundle(&bundle)?.territory;
    let costs = match std::env::args().nth(2) {
        Some(path) => Some(read_cost_table(path.as_ref(), &territory)?.0),
        None => None,
    };
    let placement = maillage::spatial::assign_actors(&territory, territory.analysis.coverage_layer);
    let layer = territory.coverage_layer();
    let d0 = territory.analysis.catchment_m;
    // PySAL's default band shape (10 / 20 / 30 minutes), stretched over the catchment
    let steps = e2sfca_steps(d0);
    let gaussian = DistanceDecay::gaussian(d0 / 2.0);
    let anchors: Vec<_> = layer.zones.iter().map(|z| z.anchor).collect();
    let demand: Vec<f64> = layer
        .zones
        .iter()
        .map(|z| match z.demand {
            Some(d) => d.weighted,
            None => z.population.unwrap_or(0.0),
        })
        .collect();
    let coverage = zone_coverage(&territory, territory.analysis.coverage_layer);

    let mut kinds = Vec::new();
    for kind in &territory.analysis.required {
        let basis = coverage.supply[kind];
        let coverage_access: Vec<f64> = coverage.zones.iter().map(|z| z.access[kind]).collect();
        for acceptance in [Acceptance::Any, Acceptance::AcceptingOnly] {
            let s = Suppliers::of_kind(&territory, kind, acceptance);
            if acceptance == Acceptance::AcceptingOnly && s.is_empty() {
                continue;
            }
            let supply = basis.supply(&s);
            let cost = CostMatrix::haversine_within(&anchors, &s.locations, d0);
            kinds.push(KindResult {
                kind: kind.clone(),
                acceptance,
                supply_basis: basis,
                suppliers: s
                    .actors
                    .iter()
                    .zip(&s.locations)
                    .zip(&supply)
                    .map(|((&a, p), &supply)| Supplier {
                        id: territory.actor(a).id.clone(),
                        lon: p.lon,
                        lat: p.lat,
                        supply,
                        zone: placement[a.index()].map(|z| layer.zones[z.0 as usize].id.clone()),
                    })
                    .collect(),
                pairs: cost.entries().collect(),
                two_step: two_step_fca(&demand, &supply, &cost, d0),
                enhanced_steps: enhanced_two_step_fca(&demand, &supply, &cost, d0, &steps),
                enhanced_gaussian: enhanced_two_step_fca(&demand, &supply, &cost, d0, &gaussian),
                nearest_m: nearest_distance(&anchors, &s.locations),
                coverage_access: if acceptance == Acceptance::Any {
                    coverage_access.clone()
                } else {
                    Vec::new()
                },
            });
        }
    }
    let mut cost_runs = Vec::new();
    if let Some(table) = costs {
        let c = table.catchment;
        let decays = [
            CostDecay::Flat,
            CostDecay::Apl,
            CostDecay::Gaussian {
                sigma: Some(c / 3.0),
            },
            CostDecay::Steps {
                bands: vec![(c / 4.0, 1.0), (c / 2.0, 0.6), (c, 0.2)],
            },
        ];
        for decay in decays {
            let mut with_decay: TravelCosts = table.clone();
            with_decay.decay = Some(decay);
            territory.analysis.costs = Some(Arc::new(with_decay));
            let coverage = zone_coverage(&territory, territory.analysis.coverage_layer);
            let per_kind = |f: fn(&maillage::spatial::ZoneIndicators) -> &BTreeMap<String, f64>| {
                let mut out: BTreeMap<String, Vec<f64>> = BTreeMap::new();
                for z in &coverage.zones {
                    for (k, &a) in f(z) {
                        out.entry(k.clone()).or_default().push(a);
                    }
                }
                out
            };
            cost_runs.push(CostRun {
                costs: coverage
                    .travel_costs
                    .clone()
                    .ok_or("the table was not used")?,
                access: per_kind(|z| &z.access),
                access_accepting: per_kind(|z| &z.access_accepting),
            });
        }
    }
    let layer = territory.coverage_layer();
    let fixture = Fixture {
        catchment_m: d0,
        steps,
        gaussian,
        zones: layer
            .zones
            .iter()
            .zip(&demand)
            .map(|(z, &demand)| Zone {
                id: z.id.clone(),
                lon: z.anchor.lon,
                lat: z.anchor.lat,
                population: z.population.unwrap_or(0.0),
                demand,
            })
            .collect(),
        kinds,
        cost_runs,
    };
    println!("{}", serde_json::to_string(&fixture)?);
    Ok(())
}
