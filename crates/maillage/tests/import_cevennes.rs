//! The Cévennes example bundle (data/cevennes), built with `maillage import`: it loads,
//! and its diagnosis shows the seed's situation (a CPTS carried by three MSP on a rural
//! territory without any health establishment of its own).

use maillage::{load_bundle, Diagnosis};
use std::path::Path;

fn bundle() -> maillage::Loaded {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/cevennes");
    load_bundle(&dir).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn cevennes_loads_with_its_imported_layers() {
    let loaded = bundle();
    let t = &loaded.territory;
    let cpts = t.coverage_layer();
    assert_eq!(cpts.name, "cpts");
    assert_eq!(cpts.zones.len(), 33);
    // INSEE populations (COG 2026) of the 33-commune proxy perimeter; Corbès (30094) was
    // merged since 2018 and has none.
    let population = cpts.population();
    assert!((14_000.0..16_000.0).contains(&population), "{population}");
    let qpv = &t.layers[t.layer_by_name("qpv").unwrap().0 as usize];
    assert!(qpv.priority);
    assert_eq!(qpv.zones[0].id, "QP030002"); // Centre Ville, Anduze
                                             // every warning is a commune without population (Corbès, Notre-Dame-de-la-Rouvière),
                                             // or the demand's age bands coarser than the DREES's five-year weights
    assert!(loaded.warnings.iter().all(|w| {
        w.code == maillage::bundle::ProblemCode::NoPopulation
            || w.field.as_deref() == Some("layers.cpts.demand")
    }));
}

#[test]
fn cevennes_professionals_come_from_the_rpps_import() {
    let t = bundle().territory;
    let imported: Vec<_> = t
        .actors
        .iter()
        .filter(|a| a.id.starts_with("rpps:"))
        .collect();
    assert!(imported.len() >= 70);
    assert!(imported
        .iter()
        .all(|a| a.attribute("import_status") == Some("active")
            && a.attribute("placement") == Some("commune")
            && a.location.is_some()));
}

#[test]
fn cevennes_diagnosis_shows_the_seed_situation() {
    let t = bundle().territory;
    let d = Diagnosis::of(&t);
    // one network around the CPTS and the MSP; the professionals outside the MSP who
    // have not joined the association stay isolated (the seed: "connaissance très
    // hétérogène des PS hors MSP de l'exercice coordonné")
    assert!(
        d.summary.largest_component_share > 0.7,
        "{}",
        d.summary.largest_component_share
    );
    assert!(
        d.summary.isolated_actors >= 10,
        "{}",
        d.summary.isolated_actors
    );
    assert_eq!(d.summary.components, d.summary.isolated_actors + 1);
    // the three MSP towns hold GPs, counted in their commune
    for town in ["30269", "30140", "30311"] {
        let z = d.coverage.zones.iter().find(|z| z.id == town).unwrap();
        assert!(
            z.count_by_kind
                .get("medecin_generaliste")
                .copied()
                .unwrap_or(0)
                >= 3,
            "{town}"
        );
    }
    // no health establishment inside the perimeter (seed: "pas d'établissements de santé
    // implantés sur le territoire CPTS")
    let hospital_in_perimeter: u32 = d
        .coverage
        .zones
        .iter()
        .map(|z| z.count_by_sector.get("hospital").copied().unwrap_or(0))
        .sum();
    assert_eq!(hospital_in_perimeter, 0);
    // the CPTS is the hub
    let cpts = t.actor_by_id("cpts_ecm").unwrap();
    let ties = t
        .relations
        .iter()
        .filter(|r| r.source == cpts || r.target == cpts)
        .count();
    assert!(ties >= 20, "{ties}");
}
