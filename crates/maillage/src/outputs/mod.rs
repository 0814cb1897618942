//! Every output of a diagnosis (docs/outputs.md): the GeoJSON maps, the tables, the
//! graph exchange files, the HTML report, and the dispatcher that writes them all.
//!
//! Writers read a [`Diagnosis`](crate::Diagnosis) and its territory only: they compute
//! no figure of their own, so that two outputs cannot disagree.

mod confidentiality;
mod directory;
mod graph_exchange;
mod maps;
mod network_maps;
pub mod report;
mod style;
mod summary;
mod tables;
mod write;

pub use confidentiality::{Suppression, PUBLICATION_MIN_COUNT};
pub use directory::directory_table;
pub use graph_exchange::{network_gexf, network_graphml};
pub use maps::{
    default_indicator, rfc7946_geometry, round6, zone_indicators, zones_geojson, Legend,
};
pub(crate) use maps::{ZonesMap, SECRET};
pub use network_maps::{actors_geojson, network_geojson, CategoryLegend, LegendItem};
pub use style::{class_color, quantile_classes, Class, Palettes};
pub use summary::summary_text;
pub use tables::{
    actors_table, dispositifs_table, gaps_table, groups_table, suggestions_table, zones_table,
};
pub use write::{write_outputs, OutputError, OutputFile, OutputOptions};
