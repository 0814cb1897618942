//! Every output of a diagnosis (docs/outputs.md): the GeoJSON maps, the tables, the
//! graph exchange files, the HTML report, the GIS formats (GeoPackage, GeoParquet), and
//! the dispatcher that writes them all.
//!
//! Writers read a [`Diagnosis`](crate::Diagnosis) and its territory only: they compute
//! no figure of their own, so that two outputs cannot disagree.

mod affiliation_graph;
mod confidentiality;
mod directory;
mod geoparquet;
mod gis;
mod gpkg;
mod graph_exchange;
mod maps;
mod network_maps;
mod qml;
pub(crate) mod report;
mod style;
mod summary;
pub(crate) mod tables;
mod wkb;
mod workbook;
mod write;

pub use confidentiality::{Suppression, PUBLICATION_MIN_COUNT};
pub use gis::{gis_layer_names, MAP_LAYERS};
pub use maps::{default_indicator, zone_indicators, Legend};
pub(crate) use maps::{ZonesMap, SECRET};
pub use network_maps::{CategoryLegend, LegendItem};
pub use report::{NATIONAL_DIRECTORY_ROWS, NATIONAL_FROM_ACTORS, NATIONAL_TABLE_ROWS};
pub use style::{class_color, quantile_classes, Class, Palettes};
pub use summary::{summary_text, summary_text_in};
pub use write::{layer_parquet, write_outputs, OutputError, OutputFile, OutputOptions};
