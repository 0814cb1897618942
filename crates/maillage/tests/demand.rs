//! Demand by age and the APL as the DREES publishes it (docs/analyses.md §2): a worked
//! example of the published method computed by hand, step by step, against
//! `enhanced_two_step_fca`; a bundle declaring its demand by age, loaded, weighed,
//! written back and used by the coverage; and the supply read in yearly consultations.

mod common;

use maillage::bundle::{load_bundle, write_bundle};
use maillage::model::{AgeBand, BandValues, Demand, DemandPreset, DemandWeights};
use maillage::spatial::{
    apl_activity, enhanced_two_step_fca, two_step_fca, zone_coverage, Acceptance, CostMatrix,
    DistanceDecay, Suppliers, SupplyBasis, PER_INHABITANTS,
};
use std::path::Path;

/// The 19 five-year bands of the preset, as count properties `p0`, `p5`, ... `p90`.
fn five_year_bands() -> Vec<AgeBand> {
    (0..19)
        .map(|i| AgeBand {
            property: format!("p{}", 5 * i),
            ages: if i == 18 {
                "90+".parse().unwrap()
            } else {
                format!("{}-{}", 5 * i, 5 * i + 4).parse().unwrap()
            },
        })
        .collect()
}

/// A commune's counts in the 19 bands, from (first age of the band, people).
fn counts(people: &[(usize, f64)]) -> Vec<f64> {
    let mut v = vec![0.0; 19];
    for &(age, n) in people {
        v[age / 5] = n;
    }
    v
}

/// The APL of the DREES (Barlet et al. 2012; DREES method page, 2020) for GPs, worked
/// by hand on three communes and four GPs, with the 2023 parameters as published:
/// weights by age (drees_apl_mg_poids_age_2022_2023.csv), activity bounds
/// (drees_apl_mg_bornes_activite.csv) and decay by travel time 1, 2/3, 1/3 up to 10,
/// 15 and 20 minutes, nothing beyond (drees_apl_mg_decroissance_distance.csv).
#[test]
fn the_apl_worked_by_hand_equals_the_enhanced_two_step_fca() {
    // --- 1. Standardised population of each commune: Σ_band people × weight (2023).
    // A (1,000 people): 0-4 100 × 1.12 = 112; 30-34 400 × 0.82 = 328;
    //                   60-64 300 × 1.18 = 354; 80-84 200 × 1.63 = 326   → 1,120
    // B (2,000 people): 5-9 200 × 0.58 = 116; 20-24 600 × 0.75 = 450;
    //                   45-49 800 × 0.93 = 744; 70-74 400 × 1.46 = 584   → 1,894
    // C (500 people):   15-19 100 × 0.60 = 60; 50-54 100 × 1.03 = 103;
    //                   75-79 150 × 1.57 = 235.5; 90+ 150 × 2.26 = 339   → 737.5
    let demand = Demand::new(
        BandValues::Counts,
        five_year_bands(),
        DemandWeights::Preset(DemandPreset::DreesAplMg2023),
    )
    .unwrap();
    assert!(demand.parts.iter().all(|p| p.covers == 1));
    let communes = [
        counts(&[(0, 100.0), (30, 400.0), (60, 300.0), (80, 200.0)]),
        counts(&[(5, 200.0), (20, 600.0), (45, 800.0), (70, 400.0)]),
        counts(&[(15, 100.0), (50, 100.0), (75, 150.0), (90, 150.0)]),
    ];
    let standardised: Vec<f64> = communes
        .iter()
        .map(|c| demand.weighted(c, 0.0).unwrap())
        .collect();
    let (pa, pb, pc) = (1120.0, 1894.0, 737.5);
    for (got, want) in standardised.iter().zip([pa, pb, pc]) {
        assert!((got - want).abs() < 1e-12, "{got} {want}");
    }

    // --- 2. Activity counted per GP, from the yearly consultations and visits:
    // g1 in A: 2,900 → 3,600 (251 to 3,600 count 3,600)
    // g2 in B: 4,500 → 4,500 (3,601 to 6,000 count as they are)
    // g3 in B: 7,200 → 6,000 (more than 6,000 count 6,000)
    // g4 in C:   200 → 0     (fewer than 250 count nothing)
    let supply: Vec<f64> = [2900.0, 4500.0, 7200.0, 200.0]
        .into_iter()
        .map(apl_activity)
        .collect();
    assert_eq!(supply, [3600.0, 4500.0, 6000.0, 0.0]);
    let (s1, s2, s3, s4) = (3600.0, 4500.0, 6000.0, 0.0);

    // --- 3. Travel times (minutes) and their weights:
    //        g1 (A)       g2 (B)       g3 (B)       g4 (C)
    // A      0 → 1       12 → 2/3     12 → 2/3     25 → 0 (beyond 20)
    // B     12 → 2/3      0 → 1        0 → 1       18 → 1/3
    // C     25 → 0       18 → 1/3     18 → 1/3      0 → 1
    let cost = CostMatrix::from_entries(
        3,
        4,
        20.0,
        [
            (0, 0, 0.0),
            (0, 1, 12.0),
            (0, 2, 12.0),
            (0, 3, 25.0),
            (1, 0, 12.0),
            (1, 1, 0.0),
            (1, 2, 0.0),
            (1, 3, 18.0),
            (2, 0, 25.0),
            (2, 1, 18.0),
            (2, 2, 18.0),
            (2, 3, 0.0),
        ],
    );
    assert_eq!(cost.entry_count(), 10); // the two 25-minute pairs are dropped
    let apl_steps = DistanceDecay::steps(&[(10.0, 1.0), (15.0, 2.0 / 3.0), (20.0, 1.0 / 3.0)]);
    let (w10, w15, w20) = (1.0, 2.0 / 3.0, 1.0 / 3.0);

    // --- 4. Step 1: each GP's supply over the weighted standardised demand in reach.
    // R1 = 3,600 / (1 × 1,120 + 2/3 × 1,894)              = 3,600 / 2,382.67 ≈ 1.51091
    // R2 = 4,500 / (2/3 × 1,120 + 1 × 1,894 + 1/3 × 737.5) = 4,500 / 2,886.5  ≈ 1.55898
    // R3 = 6,000 / 2,886.5 (the same communes in reach as g2)         ≈ 2.07864
    // R4 = 0 / (1/3 × 1,894 + 1 × 737.5)                  = 0
    let r1 = s1 / (w10 * pa + w15 * pb);
    let r2 = s2 / (w15 * pa + w10 * pb + w20 * pc);
    let r3 = s3 / (w15 * pa + w10 * pb + w20 * pc);
    let r4 = s4 / (w20 * pb + w10 * pc);
    assert!((w15 * pa + w10 * pb + w20 * pc - 2886.5).abs() < 1e-9);

    // --- 5. Step 2: each commune's APL, the weighted sum of the ratios in reach:
    // A_A = 1 × R1 + 2/3 × R2 + 2/3 × R3 = 1.51091 + 2.42508 ≈ 3.9360 consultations a year
    // A_B = 2/3 × R1 + R2 + R3 + 1/3 × R4 = 1.00727 + 3.63762 ≈ 4.6449
    // A_C = 1/3 × R2 + 1/3 × R3 + 1 × R4 = 3.63762 / 3       ≈ 1.2125
    // per standardised inhabitant (the DREES's unit).
    let expected = [
        w10 * r1 + w15 * r2 + w15 * r3,
        w15 * r1 + w10 * r2 + w10 * r3 + w20 * r4,
        w20 * r2 + w20 * r3 + w10 * r4,
    ];
    assert!((expected[0] - 3.936_0).abs() < 1e-4, "{expected:?}");
    assert!((expected[1] - 4.644_9).abs() < 1e-4, "{expected:?}");
    assert!((expected[2] - 1.212_5).abs() < 1e-4, "{expected:?}");

    let apl = enhanced_two_step_fca(&standardised, &supply, &cost, 20.0, &apl_steps);
    for (z, (got, want)) in apl.iter().zip(expected).enumerate() {
        assert!((got - want).abs() < 1e-12, "commune {z}: {got} {want}");
    }
    // the raw populations would give another answer (4.013, 4.734, 1.235)
    let raw = enhanced_two_step_fca(&[1000.0, 2000.0, 500.0], &supply, &cost, 20.0, &apl_steps);
    assert!(
        raw.iter().zip(&apl).any(|(r, a)| (r - a).abs() > 0.05),
        "{raw:?}"
    );
    // conservation: Σ_z A_z × P_z = Σ_j S_j over the GPs with demand in reach
    let spent: f64 = apl.iter().zip(&standardised).map(|(a, p)| a * p).sum();
    let weighted_supply: f64 = (0..4)
        .map(|j| {
            cost.zones_of(j)
                .iter()
                .map(|&(z, c)| apl_steps.weight(c) * standardised[z as usize] * [r1, r2, r3, r4][j])
                .sum::<f64>()
        })
        .sum();
    assert!((spent - weighted_supply).abs() < 1e-9);
}

/// The minimal bundle with the demand of its quartiers by age, in INSEE census columns:
/// Q1 and Q2 give every band; Q3 lacks P21_POP65P.
fn bundle_with_demand(dir: &Path, manifest_extra: &str) {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/bundles/valid/minimal");
    common::copy_dir(&corpus, dir);
    let path = dir.join("territory.toml");
    let manifest = std::fs::read_to_string(&path).unwrap().replace(
        "[layers.qpv]",
        &format!(
            "[layers.quartiers.demand]\ncounts = [\"P21_POP0014\", \"P21_POP1564\", \"P21_POP65P\", \"P21_POP80P\"]\nweights = \"drees-apl-mg-2023\"\n{manifest_extra}\n[layers.qpv]"
        ),
    );
    std::fs::write(&path, manifest).unwrap();
    let layer = dir.join("zones/quartiers.geojson");
    let mut json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&layer).unwrap()).unwrap();
    let bands = [
        [1500.0, 5800.0, 1120.0, 300.0],
        [2100.0, 7400.0, 1850.0, 600.0],
        [1800.0, 6000.0, f64::NAN, 400.0],
    ];
    for (f, b) in json["features"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .zip(bands)
    {
        let p = f["properties"].as_object_mut().unwrap();
        for (name, v) in ["P21_POP0014", "P21_POP1564", "P21_POP65P", "P21_POP80P"]
            .into_iter()
            .zip(b)
        {
            if !v.is_nan() {
                p.insert(name.into(), v.into());
            }
        }
    }
    std::fs::write(&layer, serde_json::to_string(&json).unwrap()).unwrap();
}

/// The mean of the 2023 weights of the five-year bands from `from` to `to`.
fn mean_weight(from: usize, to: usize) -> f64 {
    let w = DemandPreset::DreesAplMg2023.weights();
    let band = &w[from / 5..=to.min(90) / 5];
    band.iter().map(|(_, x)| x).sum::<f64>() / band.len() as f64
}

#[test]
fn a_bundle_weighs_its_zones_and_access_reads_the_weighted_demand() {
    let dir = tempfile::tempdir().unwrap();
    bundle_with_demand(dir.path(), "");
    let loaded = load_bundle(dir.path()).unwrap();
    let codes: Vec<&str> = loaded.warnings.iter().map(|w| w.code.as_str()).collect();
    // the coarse bands (0-14, 15-64, 65-79, 80+) in the manifest; Q3's missing band
    assert_eq!(
        codes,
        ["bad_manifest", "missing_age_band"],
        "{:?}",
        loaded.warnings
    );
    let missing = &loaded.warnings[1];
    assert_eq!(missing.file, "zones/quartiers.geojson");
    assert_eq!(missing.field.as_deref(), Some("P21_POP65P"));
    assert!(
        missing
            .message_in(maillage::lang::Lang::Fr)
            .contains("Jean")
            || missing.message_in(maillage::lang::Lang::Fr).contains("Q3")
    );
    let t = loaded.territory;
    let zones = &t.coverage_layer().zones;
    // each band's weight is the mean of the five-year weights it covers:
    // 0-14 (3 bands), 15-64 (10), 65-79 (3: 65P minus 80P), 80+ (3)
    let (w0, w15, w65, w80) = (
        mean_weight(0, 14),
        mean_weight(15, 64),
        mean_weight(65, 79),
        mean_weight(80, 90),
    );
    let q1 = 1500.0 * w0 + 5800.0 * w15 + (1120.0 - 300.0) * w65 + 300.0 * w80;
    let q2 = 2100.0 * w0 + 7400.0 * w15 + (1850.0 - 600.0) * w65 + 600.0 * w80;
    let d: Vec<_> = zones.iter().map(|z| z.demand.unwrap()).collect();
    assert!((d[0].weighted - q1).abs() < 1e-9 && !d[0].estimated);
    assert!((d[1].weighted - q2).abs() < 1e-9 && !d[1].estimated);
    // Q3: its population × the mean weight of Q1 and Q2
    let ratio = (q1 + q2) / (8420.0 + 11350.0);
    assert!((d[2].weighted - 9875.0 * ratio).abs() < 1e-9 && d[2].estimated);

    // access divides by the weighted demand; density stays per inhabitant
    let coverage = zone_coverage(&t, t.analysis.coverage_layer);
    let demand: Vec<f64> = d.iter().map(|d| d.weighted).collect();
    let gps = Suppliers::of_kind(&t, "medecin_generaliste", Acceptance::Any);
    let anchors: Vec<_> = zones.iter().map(|z| z.anchor).collect();
    let cost = CostMatrix::haversine_within(&anchors, &gps.locations, t.analysis.catchment_m);
    let expected = two_step_fca(&demand, &gps.capacity, &cost, t.analysis.catchment_m);
    for (z, e) in coverage.zones.iter().zip(&expected) {
        assert!((z.access["medecin_generaliste"] - e * PER_INHABITANTS).abs() < 1e-12);
        assert_eq!(
            z.demand,
            Some(demand[coverage.zones.iter().position(|y| y.id == z.id).unwrap()])
        );
        let n = f64::from(z.count_by_kind["medecin_generaliste"]);
        assert_eq!(
            z.density["medecin_generaliste"],
            Some(n / z.population * PER_INHABITANTS)
        );
    }
    assert!(coverage.notes.iter().any(|n| n.contains("standardis")));
    assert!(coverage.notes.iter().any(|n| n.contains("Q3")));

    // written back, the bundle loads as the same territory, demand and all
    let out = tempfile::tempdir().unwrap();
    write_bundle(&t, out.path()).unwrap();
    let again = load_bundle(out.path()).unwrap().territory;
    assert_eq!(again.coverage_layer().demand, t.coverage_layer().demand);
    let again_demand: Vec<_> = again
        .coverage_layer()
        .zones
        .iter()
        .map(|z| z.demand)
        .collect();
    let first: Vec<_> = zones.iter().map(|z| z.demand).collect();
    assert_eq!(again_demand, first);
}

#[test]
fn a_capacity_in_yearly_consultations_is_bounded_as_the_apl() {
    let dir = tempfile::tempdir().unwrap();
    bundle_with_demand(dir.path(), "");
    let path = dir.path().join("territory.toml");
    let manifest = std::fs::read_to_string(&path).unwrap()
        + "\n[analysis.capacity_unit]\nmedecin_generaliste = \"consultations\"\n";
    std::fs::write(&path, manifest).unwrap();
    // the GPs' capacity becomes their yearly consultations: 120, 9,000, 3,000, 4,800...
    let actors = dir.path().join("actors.csv");
    let text = std::fs::read_to_string(&actors).unwrap();
    let before = load_bundle(dir.path()).unwrap().territory;
    let gps = Suppliers::of_kind(&before, "medecin_generaliste", Acceptance::Any);
    assert!(gps.len() >= 2, "{gps:?}");
    let consultations = [120.0, 9000.0, 3000.0, 4800.0];
    let mut table = csv::Reader::from_reader(text.as_bytes());
    let headers = table.headers().unwrap().clone();
    let capacity = headers.iter().position(|h| h == "capacity").unwrap();
    let kind = headers.iter().position(|h| h == "kind").unwrap();
    let mut out = csv::Writer::from_writer(Vec::new());
    out.write_record(&headers).unwrap();
    let mut n = 0;
    for r in table.records() {
        let mut r: Vec<String> = r.unwrap().iter().map(str::to_owned).collect();
        if r[kind] == "medecin_generaliste" {
            r[capacity] = consultations[n % 4].to_string();
            n += 1;
        }
        out.write_record(&r).unwrap();
    }
    std::fs::write(&actors, out.into_inner().unwrap()).unwrap();
    let t = load_bundle(dir.path()).unwrap().territory;
    let coverage = zone_coverage(&t, t.analysis.coverage_layer);
    assert_eq!(
        coverage.supply["medecin_generaliste"],
        SupplyBasis::Consultations
    );
    let gps = Suppliers::of_kind(&t, "medecin_generaliste", Acceptance::Any);
    let bounded = SupplyBasis::Consultations.supply(&gps);
    let expected: Vec<f64> = gps.capacity.iter().map(|&c| apl_activity(c)).collect();
    assert_eq!(bounded, expected);
    assert!(bounded.contains(&0.0) && bounded.contains(&3600.0) && bounded.contains(&6000.0));
    let zones = &t.coverage_layer().zones;
    let demand: Vec<f64> = zones.iter().map(|z| z.demand.unwrap().weighted).collect();
    let anchors: Vec<_> = zones.iter().map(|z| z.anchor).collect();
    let cost = CostMatrix::haversine_within(&anchors, &gps.locations, t.analysis.catchment_m);
    let a = two_step_fca(&demand, &bounded, &cost, t.analysis.catchment_m);
    for (z, e) in coverage.zones.iter().zip(a) {
        assert!((z.access["medecin_generaliste"] - e * PER_INHABITANTS).abs() < 1e-9);
    }
    // and the manifest's table is written back
    let out = tempfile::tempdir().unwrap();
    write_bundle(&t, out.path()).unwrap();
    let again = load_bundle(out.path()).unwrap().territory;
    assert_eq!(again.analysis.capacity_units, t.analysis.capacity_units);
}

/// The worked example above as a bundle, the way a user states the APL: the communes'
/// counts by five-year band with `weights = "drees-apl-mg-2023"`, the GPs' yearly
/// consultations with `[analysis.capacity_unit]`, and a commune-to-commune table of
/// minutes with `decay = "apl"`; the diagnosis gives the same APL, × 10,000.
#[test]
fn the_apl_preset_through_a_bundle_gives_the_worked_example() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir_all(d.join("zones")).unwrap();
    let bands: Vec<String> = (0..19)
        .map(|i| {
            let ages = if i == 18 {
                "90+".to_owned()
            } else {
                format!("{}-{}", 5 * i, 5 * i + 4)
            };
            format!("p{} = \"{ages}\"", 5 * i)
        })
        .collect();
    std::fs::write(
        d.join("territory.toml"),
        format!(
            "format = 1\nname = \"APL\"\ncrs = \"EPSG:4326\"\ndate = \"2024-01-01\"\n\n\
             [analysis]\ncoverage_layer = \"communes\"\nrequired = [\"medecin_generaliste\"]\n\n\
             [analysis.capacity_unit]\nmedecin_generaliste = \"consultations\"\n\n\
             [analysis.costs]\nfile = \"temps.csv\"\ndecay = \"apl\"\n\n\
             [layers.communes]\nfile = \"zones/communes.geojson\"\nid = \"code\"\nname = \"nom\"\npopulation = \"pop\"\n\n\
             [layers.communes.demand]\ncounts = {{ {} }}\nweights = \"drees-apl-mg-2023\"\n",
            bands.join(", ")
        ),
    )
    .unwrap();
    // communes A, B, C: squares 0.1° apart, with the people of the worked example
    type Commune<'a> = (&'a str, f64, &'a [(usize, f64)]);
    let people: [Commune; 3] = [
        (
            "A",
            1000.0,
            &[(0, 100.0), (30, 400.0), (60, 300.0), (80, 200.0)],
        ),
        (
            "B",
            2000.0,
            &[(5, 200.0), (20, 600.0), (45, 800.0), (70, 400.0)],
        ),
        (
            "C",
            500.0,
            &[(15, 100.0), (50, 100.0), (75, 150.0), (90, 150.0)],
        ),
    ];
    let features: Vec<serde_json::Value> = people
        .iter()
        .enumerate()
        .map(|(i, (code, pop, ages))| {
            let x = 3.8 + 0.1 * i as f64;
            let mut properties = serde_json::json!({ "code": code, "nom": code, "pop": pop });
            for (band, n) in counts(ages).iter().enumerate() {
                properties[format!("p{}", 5 * band)] = (*n).into();
            }
            serde_json::json!({
                "type": "Feature",
                "properties": properties,
                "geometry": { "type": "Polygon", "coordinates": [[
                    [x, 44.0], [x + 0.1, 44.0], [x + 0.1, 44.1], [x, 44.1], [x, 44.0]
                ]] }
            })
        })
        .collect();
    let layer = serde_json::json!({ "type": "FeatureCollection", "features": features });
    std::fs::write(d.join("zones/communes.geojson"), layer.to_string()).unwrap();
    // g1 in A, g2 and g3 in B, g4 in C, with their yearly consultations
    std::fs::write(
        d.join("actors.csv"),
        "id,name,kind,x,y,capacity\n\
         g1,Dr 1,medecin_generaliste,3.85,44.05,2900\n\
         g2,Dr 2,medecin_generaliste,3.95,44.05,4500\n\
         g3,Dr 3,medecin_generaliste,3.96,44.05,7200\n\
         g4,Dr 4,medecin_generaliste,4.05,44.05,200\n",
    )
    .unwrap();
    std::fs::write(
        d.join("relations.csv"),
        "source,target,kind\ng1,g2,partner\n",
    )
    .unwrap();
    // commune to commune, as the DREES's matrix: every GP of the destination commune
    std::fs::write(
        d.join("temps.csv"),
        "origin;destination;minutes\nA;A;0\nA;B;12\nA;C;25\nB;A;12\nB;B;0\nB;C;18\nC;A;25\nC;B;18\nC;C;0\n",
    )
    .unwrap();

    let t = load_bundle(d).unwrap().territory;
    let coverage = zone_coverage(&t, t.analysis.coverage_layer);
    // the figures of the worked example (steps 1 to 5 above)
    let (pa, pb, pc) = (1120.0, 1894.0, 737.5);
    let (w15, w20) = (2.0 / 3.0, 1.0 / 3.0);
    let r1 = 3600.0 / (pa + w15 * pb);
    let r23 = (4500.0 + 6000.0) / (w15 * pa + pb + w20 * pc);
    let expected = [r1 + w15 * r23, w15 * r1 + r23, w20 * r23];
    for ((z, want), standardised) in coverage.zones.iter().zip(expected).zip([pa, pb, pc]) {
        assert!((z.demand.unwrap() - standardised).abs() < 1e-9, "{}", z.id);
        let got = z.access["medecin_generaliste"] / PER_INHABITANTS;
        assert!((got - want).abs() < 1e-12, "{}: {got} {want}", z.id);
    }
    assert!((expected[0] - 3.936_0).abs() < 1e-4 && (expected[2] - 1.212_5).abs() < 1e-4);
}
