//! Assigns points to the zones of a GeoJSON layer with [`ZoneIndex`], the library's
//! border rule (a point on a shared border belongs to the zone that comes first in the
//! file), and prints one line per point: the zone's index in the file, or -1.
//!
//! The layer is read by the bundle loader itself (a one-layer bundle is written to a
//! temporary folder), so the outlines are exactly those an analysis would use. The
//! points are a CSV file with columns `lon,lat` (WGS84 degrees). The Python test
//! `tests/python/test_assignment_shapely.py` compares the result with shapely.
//!
//! Run with
//! `cargo run -q -p maillage --example assign_points -- LAYER.geojson ID_PROPERTY POINTS.csv`.

use maillage::bundle::load_bundle;
use maillage::model::LonLat;
use maillage::model::ZoneIndex;
use std::io::{BufWriter, Write};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [layer, id_property, points] = args.as_slice() else {
        return Err("usage: assign_points LAYER.geojson ID_PROPERTY POINTS.csv".into());
    };

    let bundle = tempfile::tempdir()?;
    std::fs::copy(layer, bundle.path().join("zones.geojson"))?;
    std::fs::write(
        bundle.path().join("territory.toml"),
        format!(
            "format = 1\nname = \"points\"\ncrs = \"EPSG:4326\"\n\n[layers.zones]\nfile = \"zones.geojson\"\nid = {}\n",
            toml_string(id_property)
        ),
    )?;
    std::fs::write(
        bundle.path().join("actors.csv"),
        "id,name,kind\nnobody,Nobody,association\n",
    )?;
    std::fs::write(bundle.path().join("relations.csv"), "source,target,kind\n")?;
    let territory = load_bundle(bundle.path())?.territory;
    let index = ZoneIndex::new(&territory.layers[0]);

    let mut reader = csv::Reader::from_path(points)?;
    let out = std::io::stdout();
    let mut out = BufWriter::new(out.lock());
    for row in reader.records() {
        let row = row?;
        let lon: f64 = row[0].trim().parse()?;
        let lat: f64 = row[1].trim().parse()?;
        match index.locate(LonLat { lon, lat }) {
            Some(z) => writeln!(out, "{}", territory.layers[0].zones[z.0 as usize].feature)?,
            None => writeln!(out, "-1")?,
        }
    }
    out.flush()?;
    Ok(())
}

/// A TOML basic string.
fn toml_string(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}
