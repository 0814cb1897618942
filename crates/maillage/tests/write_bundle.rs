//! `write_bundle` writes the format back: loading what it wrote gives the same
//! territory, for the example bundles (real outlines, Lambert-93 points, extra columns,
//! the bundle's own kinds) and for a generated one.

mod common;
use common::assert_same;
use maillage::bundle::{load_bundle, write_bundle};
use maillage::Territory;
use std::path::Path;

fn round_trip(t: &Territory, what: &str) -> Territory {
    let dir = tempfile::tempdir().unwrap();
    write_bundle(t, dir.path()).unwrap();
    let again = load_bundle(dir.path())
        .unwrap_or_else(|e| panic!("{what}: {e}"))
        .territory;
    assert_same(t, &again, what);
    again
}

#[test]
fn the_example_bundles_load_back_equal() {
    for name in ["lyon7", "grenoble_sud", "cevennes"] {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../data")
            .join(name);
        let t = load_bundle(&dir).unwrap().territory;
        let again = round_trip(&t, name);
        // the zones keep their other properties
        for (l, layer) in t.layers.iter().enumerate() {
            for (z, zone) in layer.zones.iter().enumerate() {
                for (k, v) in &zone.properties {
                    if !["id", "name", "population"].contains(&k.as_str()) {
                        assert_eq!(
                            again.layers[l].zones[z].properties.get(k),
                            Some(v),
                            "{name}"
                        );
                    }
                }
            }
        }
        // writing twice gives the same bytes
        let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        write_bundle(&t, a.path()).unwrap();
        write_bundle(&again, b.path()).unwrap();
        for file in [
            "territory.toml",
            "actors.csv",
            "relations.csv",
            "actions.csv",
            "needs.csv",
        ] {
            assert_eq!(
                std::fs::read(a.path().join(file)).unwrap(),
                std::fs::read(b.path().join(file)).unwrap(),
                "{name} {file}"
            );
        }
    }
}

#[test]
fn a_generated_territory_loads_back_equal() {
    let spec = maillage::synth::Spec::custom(400, 2_500, 30);
    // the drawn territory is the one its bundle loads
    round_trip(&maillage::synth::generate(&spec, 3), "generated");
}

#[test]
fn a_changed_territory_is_written_as_changed() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/lyon7");
    let mut t = load_bundle(&dir).unwrap().territory;
    t.name = "Lyon 7e, \"révisé\"".into();
    t.actors[0].name = "Centre, avec virgule; et point-virgule".into();
    let removed = t.relations.pop().unwrap();
    let again = round_trip(&t, "changed");
    assert_eq!(again.name, t.name);
    assert_eq!(again.relations.len(), t.relations.len());
    assert!(!again.relations.contains(&removed) || t.relations.contains(&removed));
}

/// A capacity equal to the default (1 for a professional, 0 otherwise) is written as an
/// empty cell, as a person leaves it: a program reading the file (PySAL access, a
/// spreadsheet) sees no capacity rather than a structure's supply of 0.
#[test]
fn a_default_capacity_is_left_empty() {
    let t = maillage::synth::generate(&maillage::synth::Spec::custom(400, 2_500, 30), 3);
    let dir = tempfile::tempdir().unwrap();
    write_bundle(&t, dir.path()).unwrap();
    let mut reader = csv::Reader::from_path(dir.path().join("actors.csv")).unwrap();
    let column = reader
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == "capacity")
        .unwrap();
    let (mut empty, mut given) = (0, 0);
    for (record, actor) in reader.records().zip(&t.actors) {
        let cell = record.unwrap()[column].to_owned();
        if actor.capacity == maillage::model::default_capacity(&actor.family) {
            assert_eq!(cell, "", "{}", actor.id);
            empty += 1;
        } else {
            assert_eq!(cell.parse::<f64>().unwrap(), actor.capacity, "{}", actor.id);
            given += 1;
        }
    }
    assert!(empty > 0 && given > 0, "{empty} empty, {given} given");
}
