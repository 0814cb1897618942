//! Fuzzes the bundle loader through `maillage_fuzz::manifest` (see harness.rs).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| maillage_fuzz::manifest(data));
