//! The GeoParquet files (docs/outputs.md, "GeoParquet"): `zones.parquet`,
//! `actors.parquet` and `ties.parquet`, the map layers of `diagnostic.gpkg` with their
//! geometry in WKB and the `geo` metadata of GeoParquet 1.1; and any table of the
//! diagnosis as plain Parquet (what Python's `Diagnosis.to_arrow` reads). Written with
//! parquet's column writer, one row group, Snappy-compressed.

use super::gis::{ColumnType, GisLayer, Value};
use super::wkb::ShapeKind;
use crate::crs::Crs;
use parquet::basic::{Compression, LogicalType, Repetition, Type as PhysicalType};
use parquet::data_type::{BoolType, ByteArray, ByteArrayType, DoubleType, Int64Type};
use parquet::errors::ParquetError;
use parquet::file::metadata::KeyValue;
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::types::Type;
use serde_json::json;
use std::io::{self, Write};
use std::sync::Arc;

/// The geometry column of a map layer.
pub(crate) const GEOMETRY_COLUMN: &str = "geometry";

/// The PROJJSON of Lambert-93 (EPSG:2154), as PROJ writes it.
const PROJJSON_2154: &str = include_str!("../../data/gis/epsg2154.projjson");

/// The `geo` metadata of a map layer (GeoParquet 1.1.0): WKB geometry, its one type,
/// its box, and its CRS in PROJJSON, left out for WGS84 lon/lat (OGC:CRS84, the
/// default).
fn geo_metadata(layer: &GisLayer, shape: ShapeKind) -> String {
    let mut column = json!({
        "encoding": "WKB",
        "geometry_types": [shape.geoparquet_name()],
    });
    if let Some([min_x, max_x, min_y, max_y]) = layer.envelope() {
        column["bbox"] = json!([min_x, min_y, max_x, max_y]);
    }
    if layer.crs == Crs::Lambert93 {
        // A file of the crate, checked by the tests.
        column["crs"] = serde_json::from_str(PROJJSON_2154).unwrap_or(serde_json::Value::Null);
    }
    json!({
        "version": "1.1.0",
        "primary_column": GEOMETRY_COLUMN,
        "columns": { GEOMETRY_COLUMN: column },
    })
    .to_string()
}

fn parquet_error(e: ParquetError) -> io::Error {
    io::Error::other(format!("parquet: {e}"))
}

/// Writes a layer as (Geo)Parquet.
pub(crate) fn write_parquet(layer: &GisLayer, out: &mut dyn Write) -> io::Result<()> {
    let bytes = parquet_bytes(layer).map_err(parquet_error)?;
    out.write_all(&bytes)
}

fn parquet_bytes(layer: &GisLayer) -> Result<Vec<u8>, ParquetError> {
    let mut fields = Vec::new();
    if layer.shape.is_some() {
        fields.push(Arc::new(
            Type::primitive_type_builder(GEOMETRY_COLUMN, PhysicalType::BYTE_ARRAY)
                .with_repetition(Repetition::REQUIRED)
                .build()?,
        ));
    }
    for c in &layer.columns {
        let (physical, logical) = match c.kind {
            ColumnType::Integer => (PhysicalType::INT64, None),
            ColumnType::Real => (PhysicalType::DOUBLE, None),
            ColumnType::Boolean => (PhysicalType::BOOLEAN, None),
            ColumnType::Text => (PhysicalType::BYTE_ARRAY, Some(LogicalType::String)),
        };
        fields.push(Arc::new(
            Type::primitive_type_builder(&c.name, physical)
                .with_repetition(Repetition::OPTIONAL)
                .with_logical_type(logical)
                .build()?,
        ));
    }
    let schema = Arc::new(
        Type::group_type_builder("schema")
            .with_fields(fields)
            .build()?,
    );
    let metadata = layer
        .shape
        .map(|shape| vec![KeyValue::new("geo".to_owned(), geo_metadata(layer, shape))]);
    let properties = WriterProperties::builder()
        .set_compression(Compression::SNAPPY)
        .set_created_by("maillage".to_owned())
        .set_key_value_metadata(metadata)
        .build();
    let mut bytes = Vec::new();
    let mut writer = SerializedFileWriter::new(&mut bytes, schema, Arc::new(properties))?;
    let mut group = writer.next_row_group()?;
    if layer.shape.is_some() {
        let mut column = group.next_column()?.ok_or_else(missing)?;
        let wkb: Vec<ByteArray> = layer
            .rows
            .iter()
            .map(|(g, _)| ByteArray::from(g.as_ref().map(|g| g.wkb()).unwrap_or_default()))
            .collect();
        column
            .typed::<ByteArrayType>()
            .write_batch(&wkb, None, None)?;
        column.close()?;
    }
    for (c, spec) in layer.columns.iter().enumerate() {
        let mut column = group.next_column()?.ok_or_else(missing)?;
        let cells = || layer.rows.iter().map(move |(_, cells)| &cells[c]);
        let defined: Vec<i16> = cells().map(|v| i16::from(*v != Value::Null)).collect();
        match spec.kind {
            ColumnType::Integer => {
                let v: Vec<i64> = cells()
                    .filter_map(|v| match v {
                        Value::Integer(i) => Some(*i),
                        _ => None,
                    })
                    .collect();
                column
                    .typed::<Int64Type>()
                    .write_batch(&v, Some(&defined), None)?;
            }
            ColumnType::Real => {
                let v: Vec<f64> = cells()
                    .filter_map(|v| match v {
                        Value::Real(x) => Some(*x),
                        _ => None,
                    })
                    .collect();
                column
                    .typed::<DoubleType>()
                    .write_batch(&v, Some(&defined), None)?;
            }
            ColumnType::Boolean => {
                let v: Vec<bool> = cells()
                    .filter_map(|v| match v {
                        Value::Boolean(b) => Some(*b),
                        _ => None,
                    })
                    .collect();
                column
                    .typed::<BoolType>()
                    .write_batch(&v, Some(&defined), None)?;
            }
            ColumnType::Text => {
                let v: Vec<ByteArray> = cells()
                    .filter_map(|v| match v {
                        Value::Text(t) => Some(ByteArray::from(t.as_str())),
                        _ => None,
                    })
                    .collect();
                column
                    .typed::<ByteArrayType>()
                    .write_batch(&v, Some(&defined), None)?;
            }
        }
        column.close()?;
    }
    group.close()?;
    writer.close()?;
    Ok(bytes)
}

fn missing() -> ParquetError {
    ParquetError::General("a column of the schema was not written".to_owned())
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_lambert93_projjson_is_json() {
        let v: serde_json::Value = serde_json::from_str(super::PROJJSON_2154).unwrap();
        assert_eq!(v["id"]["code"], 2154);
    }
}
