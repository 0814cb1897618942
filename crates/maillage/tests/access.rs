//! Accessibility (docs/analyses.md §2): 2SFCA and E2SFCA worked by hand, conservation
//! of supply and agreement with a dense brute force on seeded random cases, the sparse
//! cost matrix and the nearest distance against brute force, and the coverage of the
//! minimal bundle. PySAL `access` is the reference of `tests/python/test_access_pysal.py`.

mod common;

use maillage::model::haversine_m;
use maillage::model::LonLat;
use maillage::network::SeededRng;
use maillage::spatial::{
    enhanced_two_step_fca, nearest_distance, two_step_fca, zone_coverage, Acceptance, CostMatrix,
    DistanceDecay, SiteIndex, Suppliers, PER_INHABITANTS,
};
use std::path::Path;

fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol * (1.0 + a.abs().max(b.abs()))
}

/// Three zones, two GPs, catchment 1,000:
///
/// ```text
///          S1 (2 FTE)          S2 (1 FTE)
/// Z1 1000    500                 –
/// Z2 2000    900                300
/// Z3  500   1500 (beyond)      1200 (beyond)
/// ```
fn hand_case() -> CostMatrix {
    CostMatrix::from_entries(
        3,
        2,
        2000.0,
        [
            (0, 0, 500.0),
            (1, 0, 900.0),
            (1, 1, 300.0),
            (2, 0, 1500.0),
            (2, 1, 1200.0),
        ],
    )
}

#[test]
fn two_step_fca_matches_the_hand_worked_case() {
    // R1 = 2 / (1000 + 2000) = 1/1500, R2 = 1 / 2000
    // A1 = 1/1500, A2 = 1/1500 + 1/2000 = 7/6000, A3 = 0 (nothing in reach)
    let a = two_step_fca(&[1000.0, 2000.0, 500.0], &[2.0, 1.0], &hand_case(), 1000.0);
    let per_10k: Vec<f64> = a.iter().map(|x| x * PER_INHABITANTS).collect();
    assert!(close(per_10k[0], 1e4 / 1500.0, 1e-14), "{per_10k:?}");
    assert!(close(per_10k[1], 7e4 / 6000.0, 1e-14), "{per_10k:?}");
    assert_eq!(per_10k[2], 0.0);
    assert!(per_10k[2].is_sign_positive());
    // the wider catchment reaches Z3 too: R1 = 2/3500, R2 = 1/2500
    let wide = two_step_fca(&[1000.0, 2000.0, 500.0], &[2.0, 1.0], &hand_case(), 2000.0);
    assert!(close(wide[2], 2.0 / 3500.0 + 1.0 / 2500.0, 1e-14));
}

#[test]
fn enhanced_two_step_fca_matches_the_hand_worked_case() {
    // weights: 1 up to 600 m, 0.5 up to 1,000 m
    // R1 = 2 / (1000·1 + 2000·0.5) = 1/1000, R2 = 1 / (2000·1) = 1/2000
    // A1 = 1/1000, A2 = 0.5/1000 + 1/2000 = 1/1000, A3 = 0
    let w = DistanceDecay::steps(&[(1000.0, 0.5), (600.0, 1.0)]);
    let a = enhanced_two_step_fca(
        &[1000.0, 2000.0, 500.0],
        &[2.0, 1.0],
        &hand_case(),
        1000.0,
        &w,
    );
    assert!(
        close(a[0], 1e-3, 1e-14) && close(a[1], 1e-3, 1e-14),
        "{a:?}"
    );
    assert_eq!(a[2], 0.0);
    // Gaussian decay: each pair weighs exp(−d²/2σ²)
    let sigma = 400.0;
    let g = |d: f64| (-d * d / (2.0 * sigma * sigma)).exp();
    let r1 = 2.0 / (1000.0 * g(500.0) + 2000.0 * g(900.0));
    let r2 = 1.0 / (2000.0 * g(300.0));
    let a = enhanced_two_step_fca(
        &[1000.0, 2000.0, 500.0],
        &[2.0, 1.0],
        &hand_case(),
        1000.0,
        &DistanceDecay::gaussian(sigma),
    );
    assert!(close(a[0], r1 * g(500.0), 1e-14));
    assert!(close(a[1], r1 * g(900.0) + r2 * g(300.0), 1e-14));
}

#[test]
#[should_panic(expected = "beyond the cost matrix")]
fn refuses_a_catchment_wider_than_the_cost_matrix() {
    two_step_fca(&[1.0, 1.0, 1.0], &[1.0, 1.0], &hand_case(), 5000.0);
}

/// Random points in a box of about 12 × 12 km around Lyon.
fn random_points(rng: &mut SeededRng, n: usize) -> Vec<LonLat> {
    (0..n)
        .map(|_| LonLat {
            lon: 4.78 + 0.16 * rng.next_f64(),
            lat: 45.70 + 0.11 * rng.next_f64(),
        })
        .collect()
}

fn dense_fca(
    zones: &[LonLat],
    sites: &[LonLat],
    demand: &[f64],
    supply: &[f64],
    d0: f64,
    w: impl Fn(f64) -> f64,
) -> Vec<f64> {
    let d = |z: usize, j: usize| haversine_m(zones[z], sites[j]);
    let ratio: Vec<f64> = (0..sites.len())
        .map(|j| {
            let reached: f64 = (0..zones.len())
                .filter(|&z| d(z, j) <= d0)
                .map(|z| demand[z] * w(d(z, j)))
                .sum();
            if reached > 0.0 {
                supply[j] / reached
            } else {
                0.0
            }
        })
        .collect();
    (0..zones.len())
        .map(|z| {
            (0..sites.len())
                .filter(|&j| d(z, j) <= d0)
                .map(|j| ratio[j] * w(d(z, j)))
                .sum()
        })
        .collect()
}

#[test]
fn supply_is_conserved_and_matches_a_dense_brute_force() {
    let mut rng = SeededRng::new(7);
    for case in 0..40 {
        let (nz, ns) = (1 + rng.below(60), 1 + rng.below(25));
        let zones = random_points(&mut rng, nz);
        let sites = random_points(&mut rng, ns);
        let demand: Vec<f64> = (0..nz)
            .map(|_| {
                if rng.below(5) == 0 {
                    0.0
                } else {
                    (rng.below(5000) + 1) as f64
                }
            })
            .collect();
        let supply: Vec<f64> = (0..ns).map(|_| 0.2 + 2.0 * rng.next_f64()).collect();
        let d0 = 500.0 + 3000.0 * rng.next_f64();
        let cost = CostMatrix::haversine_within(&zones, &sites, d0);
        let steps = DistanceDecay::steps(&[(d0 / 3.0, 1.0), (2.0 * d0 / 3.0, 0.68), (d0, 0.22)]);
        let gaussian = DistanceDecay::gaussian(d0 / 2.0);
        for (name, a, expected, w) in [
            (
                "2SFCA",
                two_step_fca(&demand, &supply, &cost, d0),
                dense_fca(&zones, &sites, &demand, &supply, d0, |_| 1.0),
                None,
            ),
            (
                "E2SFCA steps",
                enhanced_two_step_fca(&demand, &supply, &cost, d0, &steps),
                dense_fca(&zones, &sites, &demand, &supply, d0, |c| steps.weight(c)),
                Some(&steps),
            ),
            (
                "E2SFCA gaussian",
                enhanced_two_step_fca(&demand, &supply, &cost, d0, &gaussian),
                dense_fca(&zones, &sites, &demand, &supply, d0, |c| gaussian.weight(c)),
                Some(&gaussian),
            ),
        ] {
            for z in 0..nz {
                assert!(
                    close(a[z], expected[z], 1e-12),
                    "case {case} {name} zone {z}: {} vs {}",
                    a[z],
                    expected[z]
                );
            }
            // Σ_z A_z·P_z = Σ_j S_j over the sites with (weighted) demand in reach
            let weight = |c: f64| w.map_or(1.0, |w| w.weight(c));
            let served: f64 = (0..ns)
                .filter(|&j| {
                    cost.zones_of(j)
                        .iter()
                        .any(|&(z, c)| demand[z as usize] * weight(c) > 0.0)
                })
                .map(|j| supply[j])
                .sum();
            let delivered: f64 = (0..nz).map(|z| a[z] * demand[z]).sum();
            assert!(
                close(delivered, served, 1e-12),
                "case {case} {name}: Σ A·P = {delivered}, Σ S = {served}"
            );
        }
    }
}

#[test]
fn cost_matrix_holds_exactly_the_pairs_within_the_catchment() {
    let mut rng = SeededRng::new(11);
    for _ in 0..20 {
        let nz = 1 + rng.below(80);
        let zones = random_points(&mut rng, nz);
        let ns = rng.below(40);
        let sites = random_points(&mut rng, ns);
        let d0 = 100.0 + 4000.0 * rng.next_f64();
        let cost = CostMatrix::haversine_within(&zones, &sites, d0);
        let mut expected = Vec::new();
        for (z, &p) in zones.iter().enumerate() {
            for (j, &q) in sites.iter().enumerate() {
                let d = haversine_m(p, q);
                if d <= d0 {
                    expected.push((z, j, d));
                }
            }
        }
        assert_eq!(cost.entries().collect::<Vec<_>>(), expected);
        for j in 0..sites.len() {
            let column: Vec<(usize, f64)> = expected
                .iter()
                .filter(|e| e.1 == j)
                .map(|e| (e.0, e.2))
                .collect();
            let stored: Vec<(usize, f64)> = cost
                .zones_of(j)
                .iter()
                .map(|&(z, c)| (z as usize, c))
                .collect();
            assert_eq!(stored, column);
        }
    }
}

#[test]
fn includes_a_site_exactly_at_the_catchment() {
    let zone = LonLat {
        lon: 4.84,
        lat: 45.75,
    };
    let site = LonLat {
        lon: 4.85,
        lat: 45.75,
    };
    let d = haversine_m(zone, site);
    assert_eq!(
        CostMatrix::haversine_within(&[zone], &[site], d).entry_count(),
        1
    );
    let below = d * (1.0 - 1e-12);
    assert_eq!(
        CostMatrix::haversine_within(&[zone], &[site], below).entry_count(),
        0
    );
}

#[test]
fn nearest_distance_equals_brute_force() {
    let mut rng = SeededRng::new(3);
    for case in 0..30 {
        let nz = 1 + rng.below(100);
        let zones = random_points(&mut rng, nz);
        let ns = rng.below(50);
        let mut sites = random_points(&mut rng, ns);
        // repeated sites and a site exactly at a zone's anchor
        if sites.len() > 2 {
            sites.push(sites[0]);
            sites.push(zones[0]);
        }
        let found = nearest_distance(&zones, &sites);
        for (z, &p) in zones.iter().enumerate() {
            let brute = sites
                .iter()
                .map(|&q| haversine_m(p, q))
                .min_by(f64::total_cmp);
            assert_eq!(found[z], brute, "case {case} zone {z}");
        }
    }
}

#[test]
fn nearest_distance_is_exact_across_the_globe() {
    // the unit-vector index has no seam at the antimeridian and no pole singularity
    let mut rng = SeededRng::new(5);
    let mut world = |n: usize| -> Vec<LonLat> {
        (0..n)
            .map(|_| LonLat {
                lon: -180.0 + 360.0 * rng.next_f64(),
                lat: (2.0 * rng.next_f64() - 1.0).asin().to_degrees(),
            })
            .collect()
    };
    let mut zones = world(300);
    let mut sites = world(200);
    zones.push(LonLat {
        lon: 179.999,
        lat: 0.0,
    });
    sites.push(LonLat {
        lon: -179.999,
        lat: 0.0,
    });
    zones.push(LonLat {
        lon: 0.0,
        lat: 90.0,
    });
    let found = nearest_distance(&zones, &sites);
    for (z, &p) in zones.iter().enumerate() {
        let brute = sites
            .iter()
            .map(|&q| haversine_m(p, q))
            .min_by(f64::total_cmp);
        assert_eq!(found[z], brute, "zone {z}");
    }
    let across = found[300].unwrap();
    assert!(across < 250.0, "{across}"); // 0.002° of longitude at the equator
    let index = SiteIndex::new(&sites);
    assert_eq!(index.nearest(zones[300]).map(|n| n.0), Some(200));
}

#[test]
fn large_inputs_stay_sparse() {
    // 60,000 zones × 20,000 sites would be 1.2e9 dense pairs; a 300 m catchment keeps a few
    let mut rng = SeededRng::new(13);
    let zones = random_points(&mut rng, 60_000);
    let sites = random_points(&mut rng, 20_000);
    let cost = CostMatrix::haversine_within(&zones, &sites, 300.0);
    assert_eq!(cost.zone_count(), 60_000);
    assert!(cost.entry_count() < 5_000_000, "{}", cost.entry_count());
    for z in (0..zones.len()).step_by(997) {
        let brute: Vec<u32> = (0..sites.len())
            .filter(|&j| haversine_m(zones[z], sites[j]) <= 300.0)
            .map(|j| j as u32)
            .collect();
        let stored: Vec<u32> = cost.sites_of(z).iter().map(|e| e.0).collect();
        assert_eq!(stored, brute);
    }
    let demand = vec![100.0; zones.len()];
    let supply = vec![1.0; sites.len()];
    let a = two_step_fca(&demand, &supply, &cost, 300.0);
    let served = (0..sites.len())
        .filter(|&j| !cost.zones_of(j).is_empty())
        .count() as f64;
    let delivered: f64 = a.iter().map(|x| x * 100.0).sum();
    assert!(close(delivered, served, 1e-9), "{delivered} {served}");
}

fn minimal() -> maillage::Territory {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/bundles/valid/minimal");
    maillage::bundle::load_bundle(&dir).unwrap().territory
}

#[test]
fn accepting_only_keeps_gps_who_take_new_patients() {
    let t = minimal();
    let ids = |s: &Suppliers| -> Vec<String> {
        s.actors.iter().map(|&a| t.actor(a).id.clone()).collect()
    };
    let all = Suppliers::of_kind(&t, "medecin_generaliste", Acceptance::Any);
    let open = Suppliers::of_kind(&t, "medecin_generaliste", Acceptance::AcceptingOnly);
    assert_eq!(ids(&all), ["mg1", "mg2", "mg3"]);
    assert_eq!(ids(&open), ["mg1", "mg3"]); // mg2 is `false`, mg3 `TRUE`
    assert_eq!(all.capacity, [1.0, 0.8, 1.0]);
}

#[test]
fn coverage_of_the_minimal_bundle() {
    let t = minimal();
    let c = zone_coverage(&t, t.analysis.coverage_layer);
    assert_eq!(c.layer, "quartiers");
    let ids: Vec<&str> = c.zones.iter().map(|z| z.id.as_str()).collect();
    assert_eq!(ids, ["Q1", "Q2", "Q3"]);
    let (q1, q2, q3) = (&c.zones[0], &c.zones[1], &c.zones[2]);
    // mg1, ph1, ide1 and cpts1 lie in Q1 (8,420 inhabitants)
    assert_eq!(q1.actors, 4);
    assert_eq!(q1.count_by_kind["medecin_generaliste"], 1);
    assert!(close(
        q1.density["medecin_generaliste"].unwrap(),
        1e4 / 8420.0,
        1e-15
    ));
    // the QPV contains Q2's anchor: Q2 is a priority zone, served by the ASV
    assert!(q2.priority && !q1.priority && !q3.priority);
    assert_eq!(q2.dispositifs, ["cpts1", "asv1"]);
    assert_eq!(q2.overlap, 2);
    assert_eq!(q3.overlap, 0);
    // A1 runs in Q1 and Q2 until the end of 2024; A2 (QPV, March 2024) is over on the date
    assert_eq!(q1.actions, ["A1"]);
    assert_eq!(q2.actions, ["A1"]);
    assert!(q3.actions.is_empty());
    // access: same as the functions on the anchors, × 10,000
    let anchors: Vec<LonLat> = t.coverage_layer().zones.iter().map(|z| z.anchor).collect();
    let demand = [8420.0, 11350.0, 9875.0];
    let gps = Suppliers::of_kind(&t, "medecin_generaliste", Acceptance::Any);
    let cost = CostMatrix::haversine_within(&anchors, &gps.locations, 1000.0);
    let a = two_step_fca(&demand, &gps.capacity, &cost, 1000.0);
    for (z, zone) in c.zones.iter().enumerate() {
        assert_eq!(zone.access["medecin_generaliste"], a[z] * PER_INHABITANTS);
    }
    // no pharmacy has a capacity: access counts pharmacies
    assert_eq!(c.supply["pharmacie"], maillage::spatial::SupplyBasis::Sites);
    assert!(q1.access["pharmacie"] > 0.0);
    let nearest = nearest_distance(&anchors, &gps.locations);
    assert_eq!(q3.nearest_m["medecin_generaliste"], nearest[2]);
    // the comparison: Q2 alone on the priority side
    let cmp = &c.comparison;
    assert_eq!((cmp.priority_zones, cmp.other_zones), (1, 2));
    assert_eq!(cmp.priority_population, 11350.0);
    let access = cmp
        .indicators
        .iter()
        .find(|i| i.indicator == "access[medecin_generaliste]")
        .unwrap();
    assert_eq!(access.priority, Some(q2.access["medecin_generaliste"]));
    let other = (8420.0 * q1.access["medecin_generaliste"]
        + 9875.0 * q3.access["medecin_generaliste"])
        / (8420.0 + 9875.0);
    assert!(close(access.other.unwrap(), other, 1e-14));
    // serialises with ids only
    let json = serde_json::to_value(&c).unwrap();
    assert_eq!(json["zones"][1]["dispositifs"][1], "asv1");
}

/// `[analysis] access` chooses the method of the coverage: the enhanced variants equal
/// `enhanced_two_step_fca` with the documented weights, and an unknown name is refused
/// with its line.
#[test]
fn the_manifest_chooses_the_access_method() {
    use maillage::model::AccessMethod;
    use maillage::spatial::{
        e2sfca_steps, enhanced_two_step_fca, Acceptance, CostMatrix, DistanceDecay, Suppliers,
    };
    let source =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/bundles/valid/minimal");
    for (name, method) in [
        ("e2sfca", AccessMethod::EnhancedSteps),
        ("e2sfca-gaussian", AccessMethod::EnhancedGaussian),
        ("2sfca", AccessMethod::TwoStep),
    ] {
        let dir = tempfile::tempdir().unwrap();
        common::copy_dir(&source, dir.path());
        let manifest = std::fs::read_to_string(dir.path().join("territory.toml")).unwrap();
        let manifest = manifest.replace("[analysis]", &format!("[analysis]\naccess = \"{name}\""));
        std::fs::write(dir.path().join("territory.toml"), manifest).unwrap();
        let t = maillage::bundle::load_bundle(dir.path()).unwrap().territory;
        assert_eq!(t.analysis.access, method);
        let c = maillage::spatial::zone_coverage(&t, t.analysis.coverage_layer);
        assert_eq!(c.access_method, method);
        let d0 = t.analysis.catchment_m;
        let layer = t.coverage_layer();
        let anchors: Vec<_> = layer.zones.iter().map(|z| z.anchor).collect();
        let demand: Vec<f64> = layer
            .zones
            .iter()
            .map(|z| z.population.unwrap_or(0.0))
            .collect();
        let gps = Suppliers::of_kind(&t, "medecin_generaliste", Acceptance::Any);
        let cost = CostMatrix::haversine_within(&anchors, &gps.locations, d0);
        let want = match method {
            AccessMethod::EnhancedSteps => {
                enhanced_two_step_fca(&demand, &gps.capacity, &cost, d0, &e2sfca_steps(d0))
            }
            AccessMethod::EnhancedGaussian => enhanced_two_step_fca(
                &demand,
                &gps.capacity,
                &cost,
                d0,
                &DistanceDecay::gaussian(d0 / 2.0),
            ),
            AccessMethod::TwoStep => {
                maillage::spatial::two_step_fca(&demand, &gps.capacity, &cost, d0)
            }
        };
        for (z, w) in c.zones.iter().zip(&want) {
            assert!(
                (z.access["medecin_generaliste"] - w * 1e4).abs() < 1e-9,
                "{name} {}",
                z.id
            );
        }
    }
    let mut problems = Vec::new();
    let text = "format = 1\nname = \"x\"\n[layers.q]\nfile = \"q.geojson\"\nid = \"id\"\n[analysis]\naccess = \"3sfca\"\n";
    maillage::bundle::parse_manifest(text, &mut problems).unwrap();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].line(), Some(7));
    assert!(problems[0]
        .message_in(maillage::lang::Lang::En)
        .contains("e2sfca-gaussian"));
}
