//! Fuzzes the bundle loader through `maillage_fuzz::csv_tables` (see harness.rs).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| maillage_fuzz::csv_tables(data));
