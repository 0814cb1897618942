//! The same bundle loads identically from Lambert-93 (EPSG:2154) and from WGS84
//! (EPSG:4326) coordinates, to 1e-6 degrees. The Lambert-93 copy was produced by pyproj
//! (`tests/bundles/valid/make_lambert93.py`), an implementation independent of ours.

use geo::CoordsIter;
use maillage::bundle::load_bundle;
use std::path::Path;

fn load(name: &str) -> maillage::Territory {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/bundles/valid")
        .join(name);
    let loaded = load_bundle(&dir).unwrap_or_else(|e| panic!("{e}"));
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    loaded.territory
}

const TOLERANCE_DEG: f64 = 1e-6;

#[test]
fn actors_and_zones_agree_between_lambert93_and_wgs84() {
    let (wgs, l93) = (load("minimal"), load("minimal_lambert93"));
    assert_eq!(wgs.actors.len(), l93.actors.len());
    for (a, b) in wgs.actors.iter().zip(&l93.actors) {
        assert_eq!(a.id, b.id);
        match (a.location, b.location) {
            (None, None) => {}
            (Some(p), Some(q)) => {
                assert!(
                    (p.lon - q.lon).abs() < TOLERANCE_DEG && (p.lat - q.lat).abs() < TOLERANCE_DEG,
                    "{}: {p:?} vs {q:?}",
                    a.id
                );
            }
            other => panic!("{}: {other:?}", a.id),
        }
    }
    assert_eq!(wgs.layers.len(), l93.layers.len());
    for (la, lb) in wgs.layers.iter().zip(&l93.layers) {
        assert_eq!(la.zones.len(), lb.zones.len());
        for (za, zb) in la.zones.iter().zip(&lb.zones) {
            assert_eq!(za.id, zb.id);
            assert_eq!(za.population, zb.population);
            let (ca, cb): (Vec<_>, Vec<_>) = (
                za.geometry.coords_iter().collect(),
                zb.geometry.coords_iter().collect(),
            );
            assert_eq!(ca.len(), cb.len());
            for (p, q) in ca.iter().zip(&cb) {
                assert!(
                    (p.x - q.x).abs() < TOLERANCE_DEG && (p.y - q.y).abs() < TOLERANCE_DEG,
                    "{}: {p:?} vs {q:?}",
                    za.id
                );
            }
            assert!(
                (za.anchor.lon - zb.anchor.lon).abs() < TOLERANCE_DEG
                    && (za.anchor.lat - zb.anchor.lat).abs() < TOLERANCE_DEG
            );
        }
    }
    // Same analyses on both.
    let (da, db) = (maillage::Diagnosis::of(&wgs), maillage::Diagnosis::of(&l93));
    assert_eq!(da.summary, db.summary);
    assert_eq!(
        da.coverage
            .zones
            .iter()
            .map(|z| &z.count_by_kind)
            .collect::<Vec<_>>(),
        db.coverage
            .zones
            .iter()
            .map(|z| &z.count_by_kind)
            .collect::<Vec<_>>()
    );
}
