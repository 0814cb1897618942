//! `diagnostic.gpkg` (docs/outputs.md, "GeoPackage"): the map layers `zones`,
//! `actors` and `ties` and the tables of the diagnosis in one OGC GeoPackage 1.3
//! (SQLite), in WGS84 lon/lat or Lambert-93, with the QGIS style of each map in the
//! `layer_styles` table as QGIS writes it, so that QGIS opens the layers coloured.
//!
//! The database is built in memory and written whole; every date in it is the
//! territory's, so the same diagnosis gives the same bytes.

use super::gis::{gis_layers, ColumnType, GisLayer, Value};
use super::qml::layer_qml;
use super::write::OutputOptions;
use crate::crs::Crs;
use crate::diagnosis::Diagnosis;
use crate::model::Territory;
use rusqlite::{params, Connection, ToSql};
use std::io::{self, Write};

/// `PRAGMA application_id`: "GPKG".
const APPLICATION_ID: i32 = 0x4750_4B47;
/// `PRAGMA user_version`: GeoPackage 1.3.0.
const USER_VERSION: i32 = 10300;
/// The geometry column of every map layer.
const GEOMETRY_COLUMN: &str = "geom";

const WKT_4326: &str = include_str!("../../data/gis/epsg4326.wkt");
const WKT_2154: &str = include_str!("../../data/gis/epsg2154.wkt");

/// The tables every GeoPackage holds (OGC 12-128r18, §1.1.2, §1.1.3, §2.1.5) and
/// QGIS's table of styles.
const SCHEMA: &str = r#"
CREATE TABLE gpkg_spatial_ref_sys (
  srs_name TEXT NOT NULL,
  srs_id INTEGER PRIMARY KEY,
  organization TEXT NOT NULL,
  organization_coordsys_id INTEGER NOT NULL,
  definition TEXT NOT NULL,
  description TEXT
);
CREATE TABLE gpkg_contents (
  table_name TEXT NOT NULL PRIMARY KEY,
  data_type TEXT NOT NULL,
  identifier TEXT UNIQUE,
  description TEXT DEFAULT '',
  last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
  min_x DOUBLE,
  min_y DOUBLE,
  max_x DOUBLE,
  max_y DOUBLE,
  srs_id INTEGER,
  CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id)
);
CREATE TABLE gpkg_geometry_columns (
  table_name TEXT NOT NULL,
  column_name TEXT NOT NULL,
  geometry_type_name TEXT NOT NULL,
  srs_id INTEGER NOT NULL,
  z TINYINT NOT NULL,
  m TINYINT NOT NULL,
  CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
  CONSTRAINT uk_gc_table_name UNIQUE (table_name),
  CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
  CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id)
);
CREATE TABLE layer_styles (
  id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
  f_table_catalog TEXT(256),
  f_table_schema TEXT(256),
  f_table_name TEXT(256),
  f_geometry_column TEXT(256),
  styleName TEXT(30),
  styleQML TEXT,
  styleSLD TEXT,
  useAsDefault BOOLEAN,
  description TEXT,
  owner TEXT(30),
  ui TEXT(30),
  update_time DATETIME DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
);
"#;

/// The `srs_id` of a CRS (its EPSG code).
fn srs_id(crs: Crs) -> i32 {
    match crs {
        Crs::Wgs84 => 4326,
        Crs::Lambert93 => 2154,
    }
}

/// A SQL identifier, quoted.
fn quoted(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// A geometry as GeoPackage stores it (§2.1.3): the `GP` header (version 0, little-
/// endian, the envelope `[min_x, max_x, min_y, max_y]` unless the geometry is a point),
/// the CRS, then the WKB.
fn gpkg_geometry(shape: &super::wkb::Shape, srs: i32) -> Vec<u8> {
    let envelope = match shape {
        super::wkb::Shape::Point(_) => None,
        other => other.envelope(),
    };
    let mut out = Vec::with_capacity(64);
    out.extend_from_slice(b"GP");
    out.push(0);
    // bit 0: little-endian; bits 1-3: 1 for an xy envelope, 0 for none
    out.push(if envelope.is_some() { 0b11 } else { 0b01 });
    out.extend_from_slice(&srs.to_le_bytes());
    for v in envelope.iter().flatten() {
        out.extend_from_slice(&v.to_le_bytes());
    }
    shape.write_wkb(&mut out);
    out
}

/// The territory's date as GeoPackage writes a time; the first day of 1970 when the
/// territory has none, so that no run's clock gets into the file.
fn last_change(territory: &Territory) -> String {
    territory
        .date
        .map_or_else(|| "1970-01-01".to_owned(), |d| d.to_string())
        + "T00:00:00.000Z"
}

fn sql(e: rusqlite::Error) -> io::Error {
    io::Error::other(format!("diagnostic.gpkg: {e}"))
}

/// Writes `diagnostic.gpkg`.
pub(crate) fn write_gpkg(
    territory: &Territory,
    diagnosis: &Diagnosis,
    options: &OutputOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    let layers = gis_layers(territory, diagnosis, options)?;
    let bytes = gpkg_bytes(&layers, &last_change(territory)).map_err(sql)?;
    out.write_all(&bytes)
}

/// The database of the layers, as bytes.
fn gpkg_bytes(layers: &[GisLayer], date: &str) -> rusqlite::Result<Vec<u8>> {
    let mut db = Connection::open_in_memory()?;
    db.execute_batch(&format!(
        "PRAGMA application_id = {APPLICATION_ID}; PRAGMA user_version = {USER_VERSION};"
    ))?;
    let tx = db.transaction()?;
    tx.execute_batch(SCHEMA)?;
    {
        let mut srs = tx.prepare(
            "INSERT INTO gpkg_spatial_ref_sys (srs_name, srs_id, organization, organization_coordsys_id, definition, description) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?;
        srs.execute(params![
            "Undefined cartesian SRS",
            -1,
            "NONE",
            -1,
            "undefined",
            "undefined cartesian coordinate reference system"
        ])?;
        srs.execute(params![
            "Undefined geographic SRS",
            0,
            "NONE",
            0,
            "undefined",
            "undefined geographic coordinate reference system"
        ])?;
        srs.execute(params![
            "WGS 84 geodetic",
            4326,
            "EPSG",
            4326,
            WKT_4326,
            "longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid"
        ])?;
        srs.execute(params![
            "RGF93 v1 / Lambert-93",
            2154,
            "EPSG",
            2154,
            WKT_2154,
            "Lambert-93, metres: the French national projection"
        ])?;
    }
    for layer in layers {
        write_layer(&tx, layer, date)?;
    }
    tx.execute(
        "INSERT INTO gpkg_contents (table_name, data_type, identifier, description, last_change) VALUES ('layer_styles', 'attributes', 'layer_styles', 'Styles QGIS des couches', ?1)",
        [date],
    )?;
    tx.commit()?;
    // a database of one file, written whole
    db.execute_batch("VACUUM;")?;
    let data = db.serialize("main")?;
    Ok(data.to_vec())
}

/// One layer: its table, its rows, its entries in `gpkg_contents` and
/// `gpkg_geometry_columns`, and its style.
fn write_layer(tx: &Connection, layer: &GisLayer, date: &str) -> rusqlite::Result<()> {
    let name = quoted(&layer.name);
    let srs = srs_id(layer.crs);
    let mut columns = vec!["fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL".to_owned()];
    if let Some(shape) = layer.shape {
        columns.push(format!("{GEOMETRY_COLUMN} {}", shape.gpkg_name()));
    }
    for c in &layer.columns {
        let kind = match c.kind {
            ColumnType::Integer => "INTEGER",
            ColumnType::Real => "REAL",
            ColumnType::Boolean => "BOOLEAN",
            ColumnType::Text => "TEXT",
        };
        columns.push(format!("{} {kind}", quoted(&c.name)));
    }
    tx.execute_batch(&format!("CREATE TABLE {name} ({});", columns.join(", ")))?;
    let geometry = usize::from(layer.shape.is_some());
    let names: Vec<String> = layer
        .shape
        .map(|_| GEOMETRY_COLUMN.to_owned())
        .into_iter()
        .chain(layer.columns.iter().map(|c| quoted(&c.name)))
        .collect();
    let marks: Vec<String> = (1..=names.len()).map(|i| format!("?{i}")).collect();
    let mut insert = tx.prepare(&format!(
        "INSERT INTO {name} ({}) VALUES ({})",
        names.join(", "),
        marks.join(", ")
    ))?;
    for (shape, cells) in &layer.rows {
        let blob = shape.as_ref().map(|s| gpkg_geometry(s, srs));
        let mut values: Vec<&dyn ToSql> = Vec::with_capacity(names.len());
        if geometry == 1 {
            values.push(&blob);
        }
        for cell in cells {
            values.push(match cell {
                Value::Null => &rusqlite::types::Null,
                Value::Integer(i) => i,
                Value::Real(x) => x,
                Value::Boolean(b) => b,
                Value::Text(t) => t,
            });
        }
        insert.execute(values.as_slice())?;
    }
    let envelope = layer.envelope();
    let bound = |i: usize| envelope.map(|e| e[i]);
    match layer.shape {
        Some(shape) => {
            tx.execute(
                "INSERT INTO gpkg_contents (table_name, data_type, identifier, description, last_change, min_x, min_y, max_x, max_y, srs_id) VALUES (?1, 'features', ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                params![layer.name, layer.title, layer.description, date, bound(0), bound(2), bound(1), bound(3), srs],
            )?;
            tx.execute(
                "INSERT INTO gpkg_geometry_columns (table_name, column_name, geometry_type_name, srs_id, z, m) VALUES (?1, ?2, ?3, ?4, 0, 0)",
                params![layer.name, GEOMETRY_COLUMN, shape.gpkg_name(), srs],
            )?;
        }
        None => {
            tx.execute(
                "INSERT INTO gpkg_contents (table_name, data_type, identifier, description, last_change) VALUES (?1, 'attributes', ?2, ?3, ?4)",
                params![layer.name, layer.title, layer.description, date],
            )?;
        }
    }
    if let (Some(qml), Some((title, _))) = (layer_qml(layer), &layer.style) {
        tx.execute(
            "INSERT INTO layer_styles (f_table_catalog, f_table_schema, f_table_name, f_geometry_column, styleName, styleQML, styleSLD, useAsDefault, description, owner, ui, update_time) VALUES ('', '', ?1, ?2, ?3, ?4, '', 1, ?5, '', NULL, ?6)",
            params![layer.name, GEOMETRY_COLUMN, layer.name, qml, title, date],
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::outputs::wkb::Shape;
    use geo::Coord;

    #[test]
    fn writes_the_geopackage_header() {
        let point = gpkg_geometry(&Shape::Point(Coord { x: 1.0, y: 2.0 }), 4326);
        assert_eq!(&point[..8], &[b'G', b'P', 0, 1, 0xE6, 0x10, 0, 0]);
        assert_eq!(point.len(), 8 + 21);
        let line = Shape::Line(geo::LineString::from(vec![(0.0, 1.0), (2.0, 3.0)]));
        let bytes = gpkg_geometry(&line, 2154);
        assert_eq!(bytes[3], 0b11);
        assert_eq!(&bytes[8..16], &0.0f64.to_le_bytes());
        assert_eq!(&bytes[16..24], &2.0f64.to_le_bytes());
        assert_eq!(bytes.len(), 8 + 32 + 9 + 32);
    }
}
