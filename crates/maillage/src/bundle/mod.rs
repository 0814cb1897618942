//! The bundle format (docs/bundle.md): the manifest, the CSV tables (or one workbook
//! holding them) and the zone layers read into a
//! [`Territory`](crate::model::Territory), with every problem at once.

mod costs;
mod csv_table;
mod layer;
mod load;
mod manifest;
mod problem;
mod text;
mod workbook;
mod write;

pub use costs::{
    read_cost_table, read_cost_table_bytes, COST_COLUMNS, MAX_COSTS_BYTES, MAX_COST_ROWS,
};
pub(crate) use csv_table::detect_delimiter;
pub use csv_table::{
    parse_number, CsvTable, Reported, Row, MAX_FORMULA_WARNINGS, MAX_LINE_BYTES, MAX_ROWS,
};
pub(crate) use layer::property_text;
pub use layer::MAX_FEATURES;
pub use load::{
    load_bundle, load_bundle_bytes, Loaded, ACTIONS_FILE, ACTORS_FILE, MAX_LAYER_BYTES,
    MAX_MANIFEST_BYTES, MAX_TABLE_BYTES, NEEDS_FILE, RELATIONS_FILE,
};
pub use manifest::{
    parse_manifest, LayerSpec, Manifest, NeedRuleSpec, FORMAT_VERSION, MANIFEST_FILE,
};
pub(crate) use problem::{clip, error_list};
pub use problem::{
    column_letters, error_count, BundleErrors, Location, Problem, ProblemCode, Severity,
    MAX_ERRORS_PER_FILE,
};
pub use text::{decode_text, Encoding};
pub(crate) use workbook::{
    fold as fold_name, is_lock_file, is_workbook_name, read_workbook_tables, TableSpec,
};
pub use workbook::{
    read_workbook, write_template, write_workbook_bundle, ConvertError, WorkbookTables,
    HEADER_SEARCH_ROWS, MAX_SHEET_COLUMNS, MAX_WORKBOOK_BYTES, MAX_WORKBOOK_CELLS,
    MAX_WORKBOOK_PART_BYTES, WORKBOOK_EXTENSIONS,
};
pub(crate) use write::toml_key;
pub use write::write_bundle;
