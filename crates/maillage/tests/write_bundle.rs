//! `write_bundle` writes the format back: loading what it wrote gives the same
//! territory, for the example bundles (real outlines, Lambert-93 points, extra columns,
//! the bundle's own kinds) and for a generated one.

use maillage::bundle::{load_bundle, write_bundle};
use maillage::Territory;
use std::path::Path;

/// The territory without what says where it was read from (line and feature numbers,
/// file names, the zone properties that named the id, name and population).
fn comparable(t: &Territory) -> Territory {
    let mut t = t.clone();
    for a in &mut t.actors {
        a.line = 0;
    }
    for a in &mut t.actions {
        a.line = 0;
    }
    for n in &mut t.needs {
        n.line = 0;
    }
    for layer in &mut t.layers {
        layer.file.clear();
        for z in &mut layer.zones {
            z.feature = 0;
            z.properties.clear();
        }
    }
    t
}

fn assert_same(a: &Territory, b: &Territory, what: &str) {
    let (a, b) = (comparable(a), comparable(b));
    assert_eq!(a.name, b.name, "{what}");
    assert_eq!(a.date, b.date, "{what}");
    assert_eq!(a.taxonomy, b.taxonomy, "{what}");
    assert_eq!(a.analysis, b.analysis, "{what}");
    assert_eq!(a.actors, b.actors, "{what}");
    assert_eq!(a.relations, b.relations, "{what}");
    assert_eq!(a.actions, b.actions, "{what}");
    assert_eq!(a.needs, b.needs, "{what}");
    assert_eq!(a.layers, b.layers, "{what}");
}

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
