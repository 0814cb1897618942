//! Writes the steering-committee report of a bundle: one self-contained HTML page.
//!
//! Run with `cargo run -p maillage --example write_report -- BUNDLE OUT.html
//! [--indicator PROPERTY] [--include-individuals]`, e.g.
//! `cargo run -p maillage --example write_report -- data/lyon7 /tmp/report.html`.

use maillage::atomic::write_atomic;
use maillage::bundle::load_bundle;
use maillage::outputs::{OutputFile, OutputOptions};
use maillage::Diagnosis;
use std::path::PathBuf;

const USAGE: &str =
    "usage: write_report BUNDLE OUT.html [--indicator PROPERTY] [--include-individuals]";

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut options = OutputOptions::default();
    let mut paths = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--include-individuals" => options.include_individuals = true,
            "--indicator" => options.indicators.push(args.next().ok_or(USAGE)?),
            _ if arg.starts_with("--") => return Err(USAGE.into()),
            _ => paths.push(PathBuf::from(arg)),
        }
    }
    let [bundle, out] = &paths[..] else {
        return Err(USAGE.into());
    };
    let territory = load_bundle(bundle)?.territory;
    let diagnosis = Diagnosis::of(&territory);
    let html = OutputFile::ReportHtml.render(&territory, &diagnosis, &options);
    if let Some(parent) = out.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)?;
    }
    write_atomic(out, &html)?;
    println!("written: {} ({} bytes)", out.display(), html.len());
    Ok(())
}
