//! Fuzzes the address parser and the matching through `maillage_fuzz::geocode_address`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| maillage_fuzz::geocode_address(data));
