//! Prints, for a bundle, what an independent implementation of accessibility needs to
//! check ours: the zones of the coverage layer (id, anchor point, population, and the
//! demand access divides by: the age-weighted demand when the layer declares one, else
//! the population), the
//! suppliers of each required kind (id, location, supply), the pairs within the
//! catchment, and our 2SFCA and E2SFCA results. The Python test
//! `tests/python/test_access_pysal.py` compares them with PySAL `access`.
//!
//! Run with `cargo run -q -p maillage --example access_fixture -- data/lyon7`.

use maillage::bundle::load_bundle;
use maillage::spatial::{
    e2sfca_steps, enhanced_two_step_fca, nearest_distance, two_step_fca, zone_coverage, Acceptance,
    CostMatrix, DistanceDecay, Suppliers, SupplyBasis,
};
use serde::Serialize;
use std::path::PathBuf;

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
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let bundle = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .ok_or("usage: access_fixture BUNDLE")?;
    let territory = load_bundle(&bundle)?.territory;
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
    };
    println!("{}", serde_json::to_string(&fixture)?);
    Ok(())
}
