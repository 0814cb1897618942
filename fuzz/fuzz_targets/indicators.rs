//! Fuzzes the indicator readers (`maillage import indicators`' table reader, the
//! manifest's indicator declarations and need rules) through `maillage_fuzz::indicators`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| maillage_fuzz::indicators(data));
