//! Reading and writing: the bundle loader, its problems, and the output writers.

mod atomic;
mod bundle;
mod confidentiality;
mod csv_table;
mod directory;
mod graph_exchange;
mod layer;
mod manifest;
mod maps;
mod network_maps;
mod outputs;
mod problem;
mod style;
mod tables;
mod text;

pub use atomic::{
    write_all_atomic, write_all_atomic_with, write_atomic, write_atomic_with, AtomicWriteError,
};
pub use bundle::{
    load_bundle, load_bundle_bytes, Loaded, ACTIONS_FILE, ACTORS_FILE, MAX_LAYER_BYTES,
    MAX_MANIFEST_BYTES, MAX_TABLE_BYTES, NEEDS_FILE, RELATIONS_FILE,
};
pub use confidentiality::{Suppression, PUBLICATION_MIN_COUNT};
pub use csv_table::{parse_number, CsvTable, Reported, Row, MAX_LINE_BYTES, MAX_ROWS};
pub use directory::directory_table;
pub use graph_exchange::{network_gexf, network_graphml};
pub use layer::MAX_FEATURES;
pub use manifest::{parse_manifest, LayerSpec, Manifest, FORMAT_VERSION, MANIFEST_FILE};
pub use maps::{
    default_indicator, rfc7946_geometry, round6, zone_indicators, zones_geojson, Legend,
};
pub(crate) use maps::{ZonesMap, SECRET};
pub use network_maps::{actors_geojson, network_geojson, CategoryLegend, LegendItem};
pub(crate) use network_maps::{Tie, Ties};
pub use outputs::{write_outputs, OutputError, OutputFile, OutputOptions};
pub use problem::{BundleErrors, Location, Problem, ProblemCode, Severity, MAX_ERRORS_PER_FILE};
pub use style::{class_color, quantile_classes, Class, Palettes};
pub use tables::{
    actors_table, dispositifs_table, gaps_table, groups_table, suggestions_table, zones_table,
};
pub use text::{decode_text, Encoding};
