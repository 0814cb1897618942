//! Hostile input: the bundles of `tests/hostile/` (broken the way real files are), and
//! generated ones beyond the documented limits (a file far larger than memory, a line
//! of 10 MB, a million rows, 200,001 zones, a file of garbage). Each must give a clear
//! error naming its file and place, or load with a documented handling; never a
//! panic, never unbounded memory.

use maillage::bundle::{load_bundle, BundleErrors, Location, ProblemCode, MAX_ERRORS_PER_FILE};
use maillage::model::LayerIx;
use std::path::{Path, PathBuf};

fn hostile(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/hostile")
        .join(name)
}

fn refused(dir: &Path) -> BundleErrors {
    match load_bundle(dir) {
        Ok(_) => panic!("{} loaded", dir.display()),
        Err(e) => {
            for p in &e.errors {
                assert!(
                    !p.file.is_empty()
                        && p.message_in(maillage::lang::Lang::En).contains("expected"),
                    "{p}"
                );
            }
            e
        }
    }
}

fn codes(e: &BundleErrors) -> Vec<(String, Location, ProblemCode)> {
    e.errors
        .iter()
        .map(|p| (p.file.clone(), p.location, p.code))
        .collect()
}

/// A minimal valid bundle in a temporary folder, to break one file of.
fn temp_bundle() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let src = hostile("reunion_wgs84");
    for f in [
        "territory.toml",
        "actors.csv",
        "relations.csv",
        "zones/q.geojson",
    ] {
        std::fs::create_dir_all(dir.path().join(f).parent().unwrap()).unwrap();
        std::fs::copy(src.join(f), dir.path().join(f)).unwrap();
    }
    dir
}

#[test]
fn keeps_the_self_intersecting_nimes_qpv_with_a_warning_each() {
    let loaded = load_bundle(&hostile("nimes_invalid_qpv")).unwrap();
    let invalid: Vec<Location> = loaded
        .warnings
        .iter()
        .filter(|w| w.code == ProblemCode::InvalidPolygon)
        .map(|w| w.location)
        .collect();
    // the source's own caveat: features 1, 2 and 6 self-intersect
    assert_eq!(
        invalid,
        [1, 2, 6].map(Location::Feature).to_vec(),
        "{:?}",
        loaded.warnings
    );
    let t = &loaded.territory;
    assert_eq!(t.layer(LayerIx(0)).zones.len(), 7);
    // the GP in Pissevin and the pharmacy Route de Beaucaire (both invalid outlines)
    // are still counted there
    let counts = maillage::spatial::zone_counts(t, LayerIx(0));
    assert_eq!(counts.iter().map(|c| c.total).sum::<u32>(), 2);
    for id in ["QP030003", "QP030007"] {
        let zone = t.layer(LayerIx(0)).zone_by_id(id).unwrap();
        assert_eq!(counts[zone.0 as usize].total, 1, "{id}");
    }
    let _ = maillage::Diagnosis::of(t);
}

#[test]
fn refuses_empty_and_non_polygon_geometries_one_by_one() {
    let e = refused(&hostile("empty_geometries"));
    let features: Vec<usize> = e.errors.iter().filter_map(|p| p.feature()).collect();
    assert_eq!(features, vec![0, 1, 2, 3, 4, 5, 6], "{e}");
    assert!(e
        .errors
        .iter()
        .all(|p| p.code == ProblemCode::BadGeometry && p.field.as_deref() == Some("geometry")));
    let text = e.render(maillage::lang::Lang::En);
    for needle in [
        "has no ring",
        "geometry is empty",
        "has no geometry",
        "GeometryCollection",
        "cannot be a Point",
        "a ring has 3 positions",
        "the polygon has no area",
    ] {
        assert!(text.contains(needle), "{needle} not in {text}");
    }
}

#[test]
fn counts_an_actor_in_a_hole_in_the_zone_that_fills_it() {
    let loaded = load_bundle(&hostile("holes_and_multipolygons")).unwrap();
    let t = &loaded.territory;
    let layer = t.layer(LayerIx(0));
    let counts = maillage::spatial::zone_counts(t, LayerIx(0));
    let count = |id: &str| counts[layer.zone_by_id(id).unwrap().0 as usize].total;
    assert_eq!(count("outer"), 1);
    assert_eq!(count("inner"), 1);
    assert_eq!(count("islands"), 2);
    // the one between the islands lies in no zone, and says so
    let outside: Vec<u64> = loaded
        .warnings
        .iter()
        .filter(|w| w.code == ProblemCode::OutsideZones)
        .filter_map(|w| w.line())
        .collect();
    assert_eq!(outside, vec![6]);
}

#[test]
fn handles_reunion_in_lon_lat_like_any_territory() {
    let loaded = load_bundle(&hostile("reunion_wgs84")).unwrap();
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    let t = &loaded.territory;
    let counts = maillage::spatial::zone_counts(t, LayerIx(0));
    assert_eq!(counts.iter().map(|c| c.total).collect::<Vec<_>>(), [1, 1]);
    let d = maillage::Diagnosis::of(t);
    assert_eq!(d.summary.edges, 1);
}

#[test]
fn refuses_overseas_utm_metres_declared_as_lambert93_saying_why() {
    let e = refused(&hostile("guadeloupe_utm_as_lambert93"));
    let c = codes(&e);
    assert!(c.contains(&(
        "actors.csv".into(),
        Location::Line(2),
        ProblemCode::BadCoordinates
    )));
    assert!(c.contains(&(
        "zones/q.geojson".into(),
        Location::Feature(0),
        ProblemCode::BadGeometry
    )));
    assert!(
        e.render(maillage::lang::Lang::En).contains("overseas"),
        "{e}"
    );
}

#[test]
fn refuses_a_binary_file_with_few_located_errors() {
    let e = refused(&hostile("binary_actors"));
    assert!(e.errors.iter().all(|p| p.file == "actors.csv"), "{e}");
    assert!(e.errors.len() <= 2 * MAX_ERRORS_PER_FILE + 2);
    assert!(e
        .errors
        .iter()
        .any(|p| p.code == ProblemCode::MissingColumn));
    assert!(e.to_string().len() < 64 * 1024);
}

#[test]
fn refuses_json_and_toml_nested_too_deep() {
    let e = refused(&hostile("deeply_nested_json"));
    assert_eq!(
        codes(&e),
        [(
            "zones/q.geojson".into(),
            Location::Line(1),
            ProblemCode::InvalidJson
        )]
    );
    let e = refused(&hostile("deeply_nested_toml"));
    assert_eq!(e.errors[0].file, "territory.toml");
    assert_eq!(e.errors[0].code, ProblemCode::BadManifest);
}

#[test]
fn refuses_nul_bytes_and_unbalanced_quotes_by_line() {
    let e = refused(&hostile("nul_and_quotes"));
    assert!(e.errors.iter().all(|p| p.file == "actors.csv"), "{e}");
    assert!(!e.errors.is_empty());
}

#[test]
fn refuses_nan_infinities_and_overflows() {
    let e = refused(&hostile("non_finite_numbers"));
    let c = codes(&e);
    for (file, loc) in [
        ("zones/q.geojson", Location::Feature(0)),
        ("actors.csv", Location::Line(2)),
        ("actors.csv", Location::Line(3)),
        ("actors.csv", Location::Line(4)),
    ] {
        assert!(
            c.iter().any(|(f, l, _)| f == file && *l == loc),
            "{file} {loc:?} in {e}"
        );
    }
    let e = refused(&hostile("overflowing_coordinates"));
    assert_eq!(e.errors[0].file, "zones/q.geojson");
    assert_eq!(e.errors[0].code, ProblemCode::InvalidJson);
}

#[test]
fn reads_utf16_spreadsheets_with_a_warning() {
    let loaded = load_bundle(&hostile("utf16_actors")).unwrap();
    assert_eq!(loaded.territory.actors[0].name, "Médecin");
    assert!(loaded
        .warnings
        .iter()
        .any(|w| w.code == ProblemCode::Encoding
            && w.message_in(maillage::lang::Lang::En).contains("UTF-16")));
}

#[test]
fn says_a_tab_separated_file_is_tab_separated() {
    let e = refused(&hostile("tab_separated"));
    assert_eq!(e.errors[0].code, ProblemCode::MissingColumn);
    assert!(
        e.errors[0]
            .message_in(maillage::lang::Lang::En)
            .contains("tabs"),
        "{e}"
    );
}

// The bundle names /dev/zero, a device of Unix systems only.
#[cfg(unix)]
#[test]
fn reads_at_most_the_limit_of_a_device_that_never_ends() {
    let e = refused(&hostile("layer_is_a_device"));
    assert_eq!(
        codes(&e),
        [("/dev/zero".into(), Location::File, ProblemCode::TooLarge)]
    );
}

#[test]
fn refuses_a_layer_outside_the_bundle_unread() {
    let e = refused(&hostile("layer_outside_the_bundle"));
    assert_eq!(
        codes(&e),
        [(
            "territory.toml".into(),
            Location::Line(6),
            ProblemCode::OutsideBundle
        )]
    );
    assert_eq!(e.errors[0].field.as_deref(), Some("layers.q.file"));
}

#[test]
fn refuses_a_file_far_larger_than_memory_unread() {
    let dir = temp_bundle();
    // a sparse file of 1 TiB: refused from its size, never read
    let f = std::fs::File::create(dir.path().join("actors.csv")).unwrap();
    f.set_len(1 << 40).unwrap();
    let f = std::fs::File::create(dir.path().join("zones/q.geojson")).unwrap();
    f.set_len(1 << 40).unwrap();
    let e = refused(dir.path());
    assert_eq!(
        codes(&e),
        [
            (
                "zones/q.geojson".into(),
                Location::File,
                ProblemCode::TooLarge
            ),
            ("actors.csv".into(), Location::File, ProblemCode::TooLarge),
        ]
    );
    assert!(
        e.errors[1]
            .message_in(maillage::lang::Lang::En)
            .contains("1099511627776 bytes"),
        "{e}"
    );
}

#[test]
fn refuses_a_line_of_ten_megabytes_naming_it() {
    let dir = temp_bundle();
    let mut text = b"id,name,kind,x,y\nm1,Dr,medecin_generaliste,,\nm2,".to_vec();
    text.extend(std::iter::repeat_n(b'x', 10 << 20));
    text.extend(b",pharmacie,,\n");
    std::fs::write(dir.path().join("actors.csv"), text).unwrap();
    let e = refused(dir.path());
    assert_eq!(
        codes(&e),
        [(
            "actors.csv".into(),
            Location::Line(3),
            ProblemCode::TooLarge
        )]
    );
}

#[test]
fn refuses_more_rows_than_the_limit() {
    let dir = temp_bundle();
    let mut text = String::from("source,target,kind\n");
    text.push_str(&"m1,ph,partner\n".repeat(maillage::bundle::MAX_ROWS + 1));
    std::fs::write(dir.path().join("relations.csv"), text).unwrap();
    let e = refused(dir.path());
    assert_eq!(e.errors.len(), 1);
    assert_eq!(e.errors[0].code, ProblemCode::TooLarge);
    assert_eq!(e.errors[0].file, "relations.csv");
}

#[test]
fn refuses_more_zones_than_the_limit_before_reading_them() {
    let dir = temp_bundle();
    let n = maillage::bundle::MAX_FEATURES + 1;
    let mut text = String::from("{\"type\":\"FeatureCollection\",\"features\":[");
    for i in 0..n {
        if i > 0 {
            text.push(',');
        }
        text.push_str(
            "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[55.4,-20.9]}}",
        );
    }
    text.push_str("]}");
    std::fs::write(dir.path().join("zones/q.geojson"), text).unwrap();
    let e = refused(dir.path());
    assert_eq!(
        codes(&e),
        [(
            "zones/q.geojson".into(),
            Location::File,
            ProblemCode::TooLarge
        )]
    );
    assert!(
        e.errors[0]
            .message_in(maillage::lang::Lang::En)
            .contains("200001 features"),
        "{e}"
    );
}

#[test]
fn stops_checking_a_file_after_a_thousand_errors() {
    let dir = temp_bundle();
    let mut text = String::from("id,name,kind\n");
    for i in 0..20_000 {
        text.push_str(&format!("a{i},Acteur {i},inconnu\n"));
    }
    std::fs::write(dir.path().join("actors.csv"), text).unwrap();
    let e = refused(dir.path());
    let in_actors: Vec<_> = e.errors.iter().filter(|p| p.file == "actors.csv").collect();
    assert_eq!(in_actors.len(), MAX_ERRORS_PER_FILE + 1);
    let last = in_actors.last().unwrap();
    assert_eq!(last.code, ProblemCode::TooManyProblems);
    assert_eq!(last.file, "actors.csv");
}

#[test]
fn refuses_a_folder_where_a_file_should_be() {
    let dir = temp_bundle();
    std::fs::remove_file(dir.path().join("actors.csv")).unwrap();
    std::fs::create_dir(dir.path().join("actors.csv")).unwrap();
    let e = refused(dir.path());
    assert_eq!(
        codes(&e),
        [(
            "actors.csv".into(),
            Location::File,
            ProblemCode::MissingFile
        )]
    );
}
