//! Reading and writing: the bundle loader, its problems, and the output writers.

mod bundle;
mod csv_table;
mod layer;
mod manifest;
mod problem;
mod text;

pub use bundle::{load_bundle, Loaded, ACTIONS_FILE, ACTORS_FILE, NEEDS_FILE, RELATIONS_FILE};
pub use csv_table::{parse_number, CsvTable, Row};
pub use manifest::{parse_manifest, LayerSpec, Manifest, FORMAT_VERSION, MANIFEST_FILE};
pub use problem::{BundleErrors, Location, Problem, ProblemCode, Severity};
pub use text::{decode_text, Encoding};
