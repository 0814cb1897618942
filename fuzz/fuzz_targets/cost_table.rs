//! Fuzzes the cost-table reader through `maillage_fuzz::cost_table` (see harness.rs).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| maillage_fuzz::cost_table(data));
