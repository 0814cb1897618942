//! The GIS formats (docs/outputs.md, "GeoPackage", "GeoParquet"): `diagnostic.gpkg`
//! read back with SQLite, and the GeoParquet files with parquet's reader, each against
//! the GeoJSON map it holds the features of: the same features in the same order, the
//! same properties, the same coordinates (in WGS84, or projected to Lambert-93), the
//! same classes and colours in the QGIS styles; byte-identical from run to run.

use maillage::bundle::load_bundle;
use maillage::crs::{Crs, Projections};
use maillage::model::{LonLat, Territory};
use maillage::outputs::{gis_layer_names, layer_parquet, OutputFile, OutputOptions};
use maillage::Diagnosis;
use parquet::file::reader::{FileReader, SerializedFileReader};
use parquet::record::Field;
use rusqlite::types::ValueRef;
use rusqlite::Connection;
use serde_json::Value;
use std::path::PathBuf;

fn lyon7() -> Territory {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data/lyon7");
    load_bundle(&path).unwrap().territory
}

fn geojson(t: &Territory, d: &Diagnosis, file: OutputFile, o: &OutputOptions) -> Value {
    serde_json::from_slice(&file.render(t, d, o)).unwrap()
}

/// The gpkg opened from its bytes.
fn open(bytes: &[u8]) -> (tempfile::TempDir, Connection) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("diagnostic.gpkg");
    std::fs::write(&path, bytes).unwrap();
    let db = Connection::open(&path).unwrap();
    (dir, db)
}

/// A Parquet reader over bytes (through an unnamed temporary file).
fn parquet_reader(bytes: &[u8]) -> SerializedFileReader<std::fs::File> {
    use std::io::Write;
    let mut file = tempfile::tempfile().unwrap();
    file.write_all(bytes).unwrap();
    SerializedFileReader::new(file).unwrap()
}

/// The coordinates of a GeoPackage geometry: its header checked, its WKB read.
fn gpkg_coordinates(blob: &[u8], srs: i32) -> Vec<[f64; 2]> {
    assert_eq!(&blob[..3], b"GP\0");
    assert_eq!(i32::from_le_bytes(blob[4..8].try_into().unwrap()), srs);
    let envelope = match (blob[3] >> 1) & 0b111 {
        0 => 0,
        1 => 32,
        other => panic!("envelope {other}"),
    };
    wkb_coordinates(&blob[8 + envelope..])
}

/// Every coordinate of a WKB point, line or multipolygon, in order.
fn wkb_coordinates(wkb: &[u8]) -> Vec<[f64; 2]> {
    let mut at = 0usize;
    let mut out = Vec::new();
    let u32_at = |at: &mut usize| {
        let v = u32::from_le_bytes(wkb[*at..*at + 4].try_into().unwrap());
        *at += 4;
        v
    };
    let f64_at = |at: &mut usize| {
        let v = f64::from_le_bytes(wkb[*at..*at + 8].try_into().unwrap());
        *at += 8;
        v
    };
    fn header(wkb: &[u8], at: &mut usize) -> u32 {
        assert_eq!(wkb[*at], 1, "little-endian");
        let kind = u32::from_le_bytes(wkb[*at + 1..*at + 5].try_into().unwrap());
        *at += 5;
        kind
    }
    match header(wkb, &mut at) {
        1 => out.push([f64_at(&mut at), f64_at(&mut at)]),
        2 => {
            for _ in 0..u32_at(&mut at) {
                out.push([f64_at(&mut at), f64_at(&mut at)]);
            }
        }
        6 => {
            for _ in 0..u32_at(&mut at) {
                assert_eq!(header(wkb, &mut at), 3);
                for _ in 0..u32_at(&mut at) {
                    for _ in 0..u32_at(&mut at) {
                        out.push([f64_at(&mut at), f64_at(&mut at)]);
                    }
                }
            }
        }
        other => panic!("WKB type {other}"),
    }
    assert_eq!(at, wkb.len());
    out
}

/// Every coordinate of a GeoJSON geometry, in order (a polygon's rings as a
/// multipolygon's).
fn geojson_coordinates(g: &Value) -> Vec<[f64; 2]> {
    fn walk(v: &Value, out: &mut Vec<[f64; 2]>) {
        match v.as_array() {
            Some(a) if a.len() == 2 && a[0].is_number() => {
                out.push([a[0].as_f64().unwrap(), a[1].as_f64().unwrap()])
            }
            Some(a) => a.iter().for_each(|x| walk(x, out)),
            None => panic!("{v}"),
        }
    }
    let mut out = Vec::new();
    walk(&g["coordinates"], &mut out);
    out
}

/// A property of the GeoJSON as the GIS formats hold it: lists as JSON text.
fn as_cell(v: &Value) -> Value {
    match v {
        Value::Array(_) | Value::Object(_) => Value::String(v.to_string()),
        other => other.clone(),
    }
}

fn sqlite_value(v: ValueRef<'_>, declared: &str) -> Value {
    match v {
        ValueRef::Null => Value::Null,
        ValueRef::Integer(i) if declared == "BOOLEAN" => Value::Bool(i != 0),
        ValueRef::Integer(i) => Value::from(i),
        ValueRef::Real(x) => Value::from(x),
        ValueRef::Text(t) => Value::String(String::from_utf8(t.to_vec()).unwrap()),
        ValueRef::Blob(_) => panic!("a blob in an attribute"),
    }
}

#[test]
fn the_geopackage_holds_the_geojson_maps_in_lambert93() {
    let t = lyon7();
    let d = Diagnosis::of(&t);
    let options = OutputOptions {
        crs: Crs::Lambert93,
        ..OutputOptions::default()
    };
    let bytes = OutputFile::DiagnosisGpkg.render(&t, &d, &options);
    assert_eq!(
        bytes,
        OutputFile::DiagnosisGpkg.render(&t, &d, &options),
        "byte-identical"
    );
    let (_dir, db) = open(&bytes);
    let pragma = |p: &str| {
        db.query_row(&format!("PRAGMA {p}"), [], |r| r.get::<_, i64>(0))
            .unwrap()
    };
    assert_eq!(pragma("application_id"), 0x4750_4B47);
    assert_eq!(pragma("user_version"), 10300);
    assert_eq!(
        db.query_row("PRAGMA integrity_check", [], |r| r.get::<_, String>(0))
            .unwrap(),
        "ok"
    );

    let contents: Vec<(String, String, String)> = db
        .prepare("SELECT table_name, data_type, last_change FROM gpkg_contents ORDER BY rowid")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let names: Vec<&str> = contents.iter().map(|c| c.0.as_str()).collect();
    let mut expected: Vec<&str> = gis_layer_names().to_vec();
    expected.push("layer_styles");
    assert_eq!(names, expected);
    for (name, kind, date) in &contents {
        assert_eq!(
            kind,
            if ["zones", "actors", "ties"].contains(&name.as_str()) {
                "features"
            } else {
                "attributes"
            }
        );
        assert_eq!(date, "2024-06-30T00:00:00.000Z", "the territory's date");
    }

    let mut projections = Projections::default();
    for (layer, file) in [
        ("zones", OutputFile::ZonesGeojson),
        ("actors", OutputFile::ActorsGeojson),
        ("ties", OutputFile::NetworkGeojson),
    ] {
        let map = geojson(&t, &d, file, &options);
        let features = map["features"].as_array().unwrap();
        let srs: i32 = db
            .query_row(
                "SELECT srs_id FROM gpkg_geometry_columns WHERE table_name = ?1",
                [layer],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(srs, 2154);
        let columns: Vec<(String, String)> = db
            .prepare(&format!(
                "SELECT name, type FROM pragma_table_info('{layer}')"
            ))
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        assert_eq!(columns[0].0, "fid");
        assert_eq!(columns[1].0, "geom");
        let mut statement = db
            .prepare(&format!("SELECT * FROM \"{layer}\" ORDER BY fid"))
            .unwrap();
        let mut rows = statement.query([]).unwrap();
        let mut n = 0;
        while let Some(row) = rows.next().unwrap() {
            let feature = &features[n];
            n += 1;
            let blob: Vec<u8> = row.get(1).unwrap();
            let got = gpkg_coordinates(&blob, 2154);
            let want = geojson_coordinates(&feature["geometry"]);
            assert_eq!(got.len(), want.len(), "{layer} {n}");
            for (g, [lon, lat]) in got.iter().zip(want) {
                let (x, y) = projections.from_wgs84(2154, LonLat { lon, lat }).unwrap();
                assert!(
                    (g[0] - x).abs() < 1e-6 && (g[1] - y).abs() < 1e-6,
                    "{layer} {n}"
                );
            }
            let properties = feature["properties"].as_object().unwrap();
            for (c, (name, declared)) in columns.iter().enumerate().skip(2) {
                let cell = sqlite_value(row.get_ref(c).unwrap(), declared);
                let want = properties.get(name).map_or(Value::Null, as_cell);
                assert_eq!(cell, want, "{layer} feature {n}, {name}");
            }
        }
        assert_eq!(n, features.len(), "{layer}");
        assert!(n > 0, "{layer}");
    }
}

#[test]
fn the_styles_name_the_classes_and_colours_of_the_maps() {
    let t = lyon7();
    let d = Diagnosis::of(&t);
    let options = OutputOptions::default();
    let (_dir, db) = open(&OutputFile::DiagnosisGpkg.render(&t, &d, &options));
    let style = |layer: &str| -> String {
        db.query_row(
            "SELECT styleQML FROM layer_styles WHERE f_table_name = ?1 AND f_geometry_column = 'geom' AND useAsDefault",
            [layer],
            |r| r.get(0),
        )
        .unwrap()
    };
    let rgb = |hex: &str| {
        let h = hex.trim_start_matches('#');
        let p = |i| u8::from_str_radix(&h[i..i + 2], 16).unwrap();
        format!("\"{},{},{},255\"", p(0), p(2), p(4))
    };
    let zones = geojson(&t, &d, OutputFile::ZonesGeojson, &options);
    let legend: maillage::outputs::Legend = {
        let l = &zones["legend"];
        let classes = l["classes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| maillage::outputs::Class {
                min: c["min"].as_f64().unwrap(),
                max: c["max"].as_f64().unwrap(),
                color: c["color"].as_str().unwrap().to_owned(),
            })
            .collect();
        maillage::outputs::Legend {
            title: l["title"].as_str().unwrap().to_owned(),
            property: l["property"].as_str().unwrap().to_owned(),
            classes,
            missing: l["missing"].as_str().unwrap().to_owned(),
            min_count: None,
        }
    };
    let qml = style("zones");
    assert!(qml.contains("type=\"RuleRenderer\""));
    assert!(legend.classes.len() >= 3);
    for (class, label) in legend.classes.iter().zip(legend.class_labels()) {
        assert!(qml.contains(&format!("label=\"{label}\"")), "{label}");
        assert!(qml.contains(&rgb(&class.color)), "{}", class.color);
    }
    assert!(qml.contains("filter=\"ELSE\""));
    // the report's legend names the same classes
    let report = String::from_utf8(OutputFile::ReportHtml.render(&t, &d, &options)).unwrap();
    for label in legend.class_labels() {
        assert!(report.contains(&format!("<span>{label}</span>")), "{label}");
    }
    for (layer, file) in [
        ("actors", OutputFile::ActorsGeojson),
        ("ties", OutputFile::NetworkGeojson),
    ] {
        let qml = style(layer);
        let map = geojson(&t, &d, file, &options);
        for item in map["legend"]["items"].as_array().unwrap() {
            let label = item["label"].as_str().unwrap();
            assert!(
                qml.contains(&format!("label=\"{}\"", label.replace('\'', "&#39;"))),
                "{layer}: {label}"
            );
            assert!(
                qml.contains(&rgb(item["color"].as_str().unwrap())),
                "{layer}"
            );
        }
    }
}

#[test]
fn the_geoparquet_files_hold_the_maps_with_their_geo_metadata() {
    let t = lyon7();
    let d = Diagnosis::of(&t);
    let options = OutputOptions::default();
    for (file, map_file, kind) in [
        (
            OutputFile::ZonesParquet,
            OutputFile::ZonesGeojson,
            "MultiPolygon",
        ),
        (
            OutputFile::ActorsParquet,
            OutputFile::ActorsGeojson,
            "Point",
        ),
        (
            OutputFile::TiesParquet,
            OutputFile::NetworkGeojson,
            "LineString",
        ),
    ] {
        let bytes = file.render(&t, &d, &options);
        assert_eq!(bytes, file.render(&t, &d, &options), "byte-identical");
        let reader = parquet_reader(&bytes);
        let meta = reader.metadata().file_metadata();
        let geo = meta
            .key_value_metadata()
            .unwrap()
            .iter()
            .find(|kv| kv.key == "geo")
            .and_then(|kv| kv.value.clone())
            .unwrap();
        let geo: Value = serde_json::from_str(&geo).unwrap();
        assert_eq!(geo["version"], "1.1.0");
        assert_eq!(geo["primary_column"], "geometry");
        let column = &geo["columns"]["geometry"];
        assert_eq!(column["encoding"], "WKB");
        assert_eq!(column["geometry_types"], serde_json::json!([kind]));
        assert!(column.get("crs").is_none(), "OGC:CRS84 is the default");
        let bbox: Vec<f64> = column["bbox"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_f64().unwrap())
            .collect();
        let map = geojson(&t, &d, map_file, &options);
        let features = map["features"].as_array().unwrap();
        assert_eq!(meta.num_rows() as usize, features.len(), "{file}");
        for (row, feature) in reader.get_row_iter(None).unwrap().zip(features) {
            let row = row.unwrap();
            let properties = feature["properties"].as_object().unwrap();
            for (name, field) in row.get_column_iter() {
                if name == "geometry" {
                    let Field::Bytes(wkb) = field else {
                        panic!("{field:?}")
                    };
                    let got = wkb_coordinates(wkb.data());
                    assert_eq!(got, geojson_coordinates(&feature["geometry"]), "{file}");
                    for [x, y] in got {
                        assert!(bbox[0] <= x && x <= bbox[2] && bbox[1] <= y && y <= bbox[3]);
                    }
                    continue;
                }
                let want = properties.get(name).map_or(Value::Null, as_cell);
                let got = match field {
                    Field::Null => Value::Null,
                    Field::Bool(b) => Value::Bool(*b),
                    Field::Long(i) => Value::from(*i),
                    Field::Double(x) => Value::from(*x),
                    Field::Str(s) => Value::String(s.clone()),
                    other => panic!("{other:?}"),
                };
                assert_eq!(got, want, "{file}: {name}");
            }
        }
    }
}

#[test]
fn lambert93_geoparquet_says_its_crs_and_tables_are_typed() {
    let t = lyon7();
    let d = Diagnosis::of(&t);
    let options = OutputOptions {
        crs: Crs::Lambert93,
        ..OutputOptions::default()
    };
    let bytes = layer_parquet(&t, &d, &options, "zones").unwrap();
    let reader = parquet_reader(&bytes);
    let geo = reader
        .metadata()
        .file_metadata()
        .key_value_metadata()
        .unwrap()[0]
        .value
        .clone()
        .unwrap();
    let geo: Value = serde_json::from_str(&geo).unwrap();
    assert_eq!(geo["columns"]["geometry"]["crs"]["id"]["code"], 2154);
    let bbox = &geo["columns"]["geometry"]["bbox"];
    assert!(bbox[0].as_f64().unwrap() > 800_000.0, "metres: {bbox}");

    let gaps = layer_parquet(&t, &d, &options, "table_actors").unwrap();
    let reader = parquet_reader(&gaps);
    assert!(
        reader
            .metadata()
            .file_metadata()
            .key_value_metadata()
            .is_none(),
        "a table has no geometry"
    );
    let schema = reader.metadata().file_metadata().schema_descr();
    let column = |name: &str| {
        (0..schema.num_columns())
            .map(|i| schema.column(i))
            .find(|c| c.name() == name)
            .unwrap()
            .physical_type()
    };
    use parquet::basic::Type;
    assert_eq!(column("degree"), Type::INT64);
    assert_eq!(column("betweenness"), Type::DOUBLE);
    assert_eq!(column("articulation_point"), Type::BOOLEAN);
    assert_eq!(column("id"), Type::BYTE_ARRAY);
    assert_eq!(
        reader.metadata().file_metadata().num_rows() as usize,
        t.actors.len()
    );

    let e = layer_parquet(&t, &d, &options, "routes").unwrap_err();
    assert!(e.to_string().contains("table_gaps"), "{e}");
}
