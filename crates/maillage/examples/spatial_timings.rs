//! Times the spatial steps for `benches/spatial_peers.py`: assignment of points to
//! zones (R-tree and point-in-polygon with the border rule) and 2SFCA access, on inputs
//! the script generates, which it also gives to geopandas and PySAL access.
//!
//! Usage: `spatial_timings ZONES.geojson POINTS.csv SUPPLY.csv CATCHMENT_M OUT.json`:
//! ZONES holds Polygon features with a `population` property; POINTS `lon,lat` rows;
//! SUPPLY `lon,lat,capacity` rows. Prints the time of each step in seconds as JSON and
//! writes the assignment and the access to OUT.json for the script to compare.

use maillage::model::{anchor_point, ZoneIndex};
use maillage::model::{Layer, LonLat, Zone};
use maillage::spatial::{two_step_fca, CostMatrix};
use rayon::prelude::*;
use serde_json::{json, Value};
use std::time::Instant;

fn read_points(path: &str) -> Result<Vec<Vec<f64>>, Box<dyn std::error::Error>> {
    let text = std::fs::read_to_string(path)?;
    text.lines()
        .map(|l| {
            l.split(',')
                .map(|x| x.parse::<f64>().map_err(Into::into))
                .collect()
        })
        .collect()
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    if args.len() != 6 {
        return Err(
            "usage: spatial_timings ZONES.geojson POINTS.csv SUPPLY.csv CATCHMENT_M OUT.json"
                .into(),
        );
    }
    let zones_json: Value = serde_json::from_slice(&std::fs::read(&args[1])?)?;
    let mut zones = Vec::new();
    for (i, f) in zones_json["features"]
        .as_array()
        .ok_or("no features")?
        .iter()
        .enumerate()
    {
        let geometry: geojson::Geometry = serde_json::from_value(f["geometry"].clone())?;
        let polygon: geo::Polygon<f64> = geometry.try_into()?;
        let geometry = geo::MultiPolygon::new(vec![polygon]);
        let anchor = anchor_point(&geometry).ok_or("empty zone")?;
        zones.push(Zone {
            id: i.to_string(),
            name: i.to_string(),
            population: f["properties"]["population"].as_f64(),
            geometry,
            anchor,
            properties: Default::default(),
            feature: i,
            indicators: Default::default(),
            demand: None,
        });
    }
    let layer = Layer {
        name: "zones".into(),
        file: args[1].clone(),
        priority: false,
        zones,
        indicators: Vec::new(),
        demand: None,
    };
    let points: Vec<LonLat> = read_points(&args[2])?
        .into_iter()
        .map(|p| LonLat {
            lon: p[0],
            lat: p[1],
        })
        .collect();
    let supply = read_points(&args[3])?;
    let catchment: f64 = args[4].parse()?;
    let mut times = serde_json::Map::new();

    let t = Instant::now();
    let index = ZoneIndex::new(&layer);
    let assigned: Vec<Option<u32>> = points
        .par_iter()
        .map(|&p| index.locate(p).map(|z| z.0))
        .collect();
    times.insert("assignment".into(), json!(t.elapsed().as_secs_f64()));

    let t = Instant::now();
    let anchors: Vec<LonLat> = layer.zones.iter().map(|z| z.anchor).collect();
    let sites: Vec<LonLat> = supply
        .iter()
        .map(|s| LonLat {
            lon: s[0],
            lat: s[1],
        })
        .collect();
    let demand: Vec<f64> = layer
        .zones
        .iter()
        .map(|z| z.population.unwrap_or(0.0))
        .collect();
    let capacity: Vec<f64> = supply.iter().map(|s| s[2]).collect();
    let cost = CostMatrix::haversine_within(&anchors, &sites, catchment);
    times.insert("cost_matrix".into(), json!(t.elapsed().as_secs_f64()));
    // A few milliseconds: the best of 7 runs, as the script does for PySAL access.
    let mut best = f64::INFINITY;
    let mut access = Vec::new();
    for _ in 0..7 {
        let t = Instant::now();
        access = two_step_fca(&demand, &capacity, &cost, catchment);
        best = best.min(t.elapsed().as_secs_f64());
    }
    times.insert("two_step_fca".into(), json!(best));

    let anchors_out: Vec<[f64; 2]> = anchors.iter().map(|a| [a.lon, a.lat]).collect();
    std::fs::write(
        &args[5],
        serde_json::to_vec(
            &json!({"assigned": assigned, "access": access, "anchors": anchors_out}),
        )?,
    )?;
    println!("{}", Value::Object(times));
    Ok(())
}
