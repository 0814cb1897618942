//! Zone indicators (`[layers.NAME.indicators.PROPERTY]`, docs/bundle.md): declared in
//! the manifest, checked at load with located problems, written back by the bundle
//! writer, and given by zones.csv, zones.geojson (`--indicator`) and the zones sheet of
//! diagnostic.xlsx.
//!
//! The bundle here is tests/bundles/valid/minimal with two indicator properties added
//! to its quartiers: their values are SYNTHETIC, made up for the test, not measures.

use calamine::{Data, Reader, Xlsx};
use maillage::bundle::{load_bundle_bytes, write_bundle, Location, ProblemCode};
use maillage::model::Better;
use maillage::outputs::{OutputFile, OutputOptions};
use maillage::{load_bundle, Diagnosis};
use std::collections::BTreeMap;
use std::io::Cursor;
use std::path::Path;

const DECLARATIONS: &str = r#"
[layers.quartiers.indicators.taux_pauvrete]
label = "Taux de pauvreté"
unit = "%"
better = "lower"

[layers.quartiers.indicators.sans_medecin_traitant]
label = "Patients sans médecin traitant"
unit = "pour 1 000"
better = "lower"
"#;

/// The minimal bundle's files, by path.
fn minimal() -> BTreeMap<String, Vec<u8>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/bundles/valid/minimal");
    let mut files = BTreeMap::new();
    for name in [
        "territory.toml",
        "actors.csv",
        "relations.csv",
        "actions.csv",
        "needs.csv",
        "zones/quartiers.geojson",
        "zones/qpv.geojson",
    ] {
        files.insert(name.to_owned(), std::fs::read(dir.join(name)).unwrap());
    }
    files
}

/// The minimal bundle with `declarations` inserted after the quartiers table and the
/// quartiers' properties changed by `edit` (feature index, properties).
fn bundle(
    declarations: &str,
    edit: impl Fn(usize, &mut serde_json::Map<String, serde_json::Value>),
) -> BTreeMap<String, Vec<u8>> {
    let mut files = minimal();
    let manifest = String::from_utf8(files["territory.toml"].clone()).unwrap();
    let manifest = manifest.replacen("[layers.qpv]", &format!("{declarations}\n[layers.qpv]"), 1);
    files.insert("territory.toml".into(), manifest.into_bytes());
    let mut layer: serde_json::Value =
        serde_json::from_slice(&files["zones/quartiers.geojson"]).unwrap();
    for (i, f) in layer["features"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .enumerate()
    {
        edit(i, f["properties"].as_object_mut().unwrap());
    }
    files.insert(
        "zones/quartiers.geojson".into(),
        serde_json::to_vec(&layer).unwrap(),
    );
    files
}

/// Synthetic values: feature 0 holds both, feature 1 a poverty rate written as a
/// French decimal string and a null, feature 2 no value at all.
fn synthetic(i: usize, p: &mut serde_json::Map<String, serde_json::Value>) {
    match i {
        0 => {
            p.insert("taux_pauvrete".into(), 12.5.into());
            p.insert("sans_medecin_traitant".into(), 180.into());
        }
        1 => {
            p.insert("taux_pauvrete".into(), "31,2".into());
            p.insert("sans_medecin_traitant".into(), serde_json::Value::Null);
        }
        _ => {}
    }
}

fn load(files: &BTreeMap<String, Vec<u8>>) -> maillage::Territory {
    load_bundle_bytes(files)
        .unwrap_or_else(|e| panic!("{:?}", e.errors))
        .territory
}

#[test]
fn declared_indicators_are_read_with_their_values() {
    let t = load(&bundle(DECLARATIONS, synthetic));
    let layer = t.coverage_layer();
    let names: Vec<&str> = layer
        .indicators
        .iter()
        .map(|i| i.property.as_str())
        .collect();
    assert_eq!(names, ["taux_pauvrete", "sans_medecin_traitant"]);
    assert_eq!(layer.indicators[0].label, "Taux de pauvreté");
    assert_eq!(layer.indicators[0].unit.as_deref(), Some("%"));
    assert_eq!(layer.indicators[0].better, Better::Lower);
    let value = |z: usize, p: &str| layer.zones[z].indicators[p];
    assert_eq!(value(0, "taux_pauvrete"), Some(12.5));
    assert_eq!(value(0, "sans_medecin_traitant"), Some(180.0));
    assert_eq!(value(1, "taux_pauvrete"), Some(31.2));
    assert_eq!(value(1, "sans_medecin_traitant"), None);
    assert_eq!(value(2, "taux_pauvrete"), None);
    // the other layer declares none
    assert!(t.layers[1].indicators.is_empty());
    assert!(t.layers[1].zones[0].indicators.is_empty());
}

#[test]
fn bad_declarations_and_values_are_located() {
    // an unknown property: the manifest key, its line and the layer file are named
    let files = bundle(
        "\n[layers.quartiers.indicators.taux_chomage]\nlabel = \"Taux de chômage\"\nbetter = \"lower\"\n",
        |_, _| {},
    );
    let manifest = String::from_utf8(files["territory.toml"].clone()).unwrap();
    let line = 1 + manifest
        .lines()
        .position(|l| l.contains("indicators.taux_chomage"))
        .unwrap() as u64;
    let errors = load_bundle_bytes(&files).unwrap_err().errors;
    assert_eq!(errors.len(), 1, "{errors:?}");
    let e = &errors[0];
    assert_eq!(e.file, "territory.toml");
    assert_eq!(e.code, ProblemCode::MissingProperty);
    assert_eq!(
        e.field.as_deref(),
        Some("layers.quartiers.indicators.taux_chomage")
    );
    assert_eq!(e.location, Location::Line(line), "{manifest}");
    let text = e.render(maillage::lang::Lang::Fr);
    assert!(text.contains("zones/quartiers.geojson"), "{text}");

    // a value that is not a number: the feature, its zone id and the property
    let files = bundle(DECLARATIONS, |i, p| {
        synthetic(i, p);
        if i == 2 {
            p.insert("taux_pauvrete".into(), "beaucoup".into());
        }
    });
    let errors = load_bundle_bytes(&files).unwrap_err().errors;
    assert_eq!(errors.len(), 1, "{errors:?}");
    let e = &errors[0];
    assert_eq!(e.file, "zones/quartiers.geojson");
    assert_eq!(e.location, Location::Feature(2));
    assert_eq!(e.field.as_deref(), Some("taux_pauvrete"));
    assert_eq!(e.code, ProblemCode::BadNumber);
    let text = e.render(maillage::lang::Lang::Fr);
    assert!(text.contains("Q3") && text.contains("beaucoup"), "{text}");

    // declarations that are not ones, and a name the outputs already use
    for (declaration, field) in [
        ("label = \"Taux\"\nbetter = \"plus\"", "taux_pauvrete"),
        ("better = \"lower\"", "taux_pauvrete"),
        (
            "label = \"Taux\"\nbetter = \"lower\"\nseuil = 3",
            "taux_pauvrete",
        ),
        (
            "label = \"Taux\"\nunit = 3\nbetter = \"lower\"",
            "taux_pauvrete",
        ),
        ("label = \"Accès\"\nbetter = \"higher\"", "access_pharmacie"),
        ("label = \"Population\"\nbetter = \"higher\"", "population"),
    ] {
        let files = bundle(
            &format!("\n[layers.quartiers.indicators.{field}]\n{declaration}\n"),
            |_, p| {
                p.insert("taux_pauvrete".into(), 10.into());
                p.insert("access_pharmacie".into(), 10.into());
            },
        );
        let errors = load_bundle_bytes(&files).unwrap_err().errors;
        assert_eq!(errors.len(), 1, "{declaration}: {errors:?}");
        assert_eq!(errors[0].code, ProblemCode::BadManifest, "{declaration}");
        assert_eq!(
            errors[0].field.as_deref(),
            Some(format!("layers.quartiers.indicators.{field}").as_str())
        );
    }
}

#[test]
fn the_bundle_writer_writes_the_indicators_back() {
    let t = load(&bundle(DECLARATIONS, synthetic));
    let dir = tempfile::tempdir().unwrap();
    write_bundle(&t, dir.path()).unwrap();
    let manifest = std::fs::read_to_string(dir.path().join("territory.toml")).unwrap();
    assert!(manifest.contains(
        "[layers.quartiers.indicators.taux_pauvrete]\nlabel = \"Taux de pauvreté\"\nunit = \"%\"\nbetter = \"lower\"\n"
    ));
    let again = load_bundle(dir.path()).unwrap().territory;
    let (a, b) = (t.coverage_layer(), again.coverage_layer());
    assert_eq!(a.indicators, b.indicators);
    for (za, zb) in a.zones.iter().zip(&b.zones) {
        assert_eq!(za.indicators, zb.indicators, "{}", za.id);
    }
    // and again: the bundle written a second time is the same
    let dir2 = tempfile::tempdir().unwrap();
    write_bundle(&again, dir2.path()).unwrap();
    let again2 = load_bundle(dir2.path()).unwrap().territory;
    assert_eq!(again.layers, again2.layers);
}

#[test]
fn zones_csv_geojson_and_workbook_give_the_indicators() {
    let t = load(&bundle(DECLARATIONS, synthetic));
    let d = Diagnosis::of(&t);
    let options = OutputOptions::default();

    let csv = OutputFile::ZonesCsv.render(&t, &d, &options);
    let mut reader = csv::Reader::from_reader(&csv[..]);
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(
        header[header.len() - 3..],
        ["actions", "taux_pauvrete", "sans_medecin_traitant"]
    );
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect();
    let tail = |r: &Vec<String>| r[r.len() - 2..].to_vec();
    assert_eq!(tail(&rows[0]), ["12.5", "180"]);
    assert_eq!(tail(&rows[1]), ["31.2", ""]);
    assert_eq!(tail(&rows[2]), ["", ""]);

    // zones.geojson: the properties, and the map coloured by one of them
    let options = OutputOptions {
        indicators: vec!["taux_pauvrete".into()],
        ..OutputOptions::default()
    };
    options.check(&t, &d).unwrap();
    let available = maillage::outputs::zone_indicators(&t, &d);
    assert!(available.contains(&"sans_medecin_traitant".to_owned()));
    let map: serde_json::Value =
        serde_json::from_slice(&OutputFile::ZonesGeojson.render(&t, &d, &options)).unwrap();
    let features = map["features"].as_array().unwrap();
    assert_eq!(features[0]["properties"]["taux_pauvrete"], 12.5);
    assert_eq!(
        features[1]["properties"]["sans_medecin_traitant"],
        serde_json::Value::Null
    );
    assert_eq!(map["legend"]["property"], "taux_pauvrete");
    assert_eq!(map["legend"]["title"], "Taux de pauvreté (%)");
    let description = features[0]["properties"]["description"].as_str().unwrap();
    assert!(
        description.starts_with("Taux de pauvreté (%) : 12.5"),
        "{description}"
    );

    // an undeclared property is still refused
    let unknown = OutputOptions {
        indicators: vec!["nom".into()],
        ..OutputOptions::default()
    };
    assert!(unknown.check(&t, &d).is_err());

    // diagnostic.xlsx: the label and unit as the French header, numbers as numbers
    let xlsx = OutputFile::DiagnosisXlsx.render(&t, &d, &OutputOptions::default());
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(xlsx)).unwrap();
    let sheet = book.worksheet_range("zones").unwrap();
    let header: Vec<String> = sheet
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(
        header[header.len() - 2..],
        [
            "Taux de pauvreté (%)",
            "Patients sans médecin traitant (pour 1 000)"
        ]
    );
    let first = sheet.rows().nth(1).unwrap();
    assert_eq!(first[first.len() - 2], Data::Float(12.5));
}

#[test]
fn bundles_without_indicators_give_the_same_zone_outputs() {
    // the minimal bundle, with and without extra numeric properties never declared
    let plain = load(&minimal());
    let with_properties = load(&bundle("", synthetic));
    let options = OutputOptions::default();
    for file in [OutputFile::ZonesCsv, OutputFile::ZonesGeojson] {
        let (dp, dw) = (Diagnosis::of(&plain), Diagnosis::of(&with_properties));
        assert_eq!(
            file.render(&plain, &dp, &options),
            file.render(&with_properties, &dw, &options),
            "{file:?}"
        );
    }
}
