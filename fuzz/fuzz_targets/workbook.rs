//! Fuzzes the workbook reader through `maillage_fuzz::workbook` (see harness.rs).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| maillage_fuzz::workbook(data));
