//! Fuzzes the importers' parsers through `maillage_fuzz::import_files` (see harness.rs).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| maillage_fuzz::import_files(data));
