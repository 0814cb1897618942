//! Fuzzes the BAN, BAL and BANO reader through `maillage_fuzz::ban_reader`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| maillage_fuzz::ban_reader(data));
