//! Times loading the same territory from its CSV bundle and from its workbook bundle
//! (benches/workbook_load.sh): the fastest of several loads of each, alternated (the
//! machine's other work only slows a load down), and their median.
//!
//! `cargo run --release -p maillage --example workbook_load -- CSV_DIR WORKBOOK_DIR [RUNS]`

use std::path::Path;
use std::time::Instant;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(csv), Some(workbook)) = (args.first(), args.get(1)) else {
        eprintln!("usage: workbook_load CSV_DIR WORKBOOK_DIR [RUNS]");
        std::process::exit(2);
    };
    let runs: usize = args.get(2).and_then(|r| r.parse().ok()).unwrap_or(5);
    let (mut a, mut b) = (Vec::new(), Vec::new());
    let mut sizes = (0, 0);
    for _ in 0..runs {
        for (dir, times) in [(csv, &mut a), (workbook, &mut b)] {
            let start = Instant::now();
            let loaded =
                maillage::load_bundle(Path::new(dir)).unwrap_or_else(|e| panic!("{dir}: {e}"));
            times.push(start.elapsed().as_secs_f64());
            sizes = (
                loaded.territory.actors.len(),
                loaded.territory.relations.len(),
            );
            // freed outside the timing
            drop(loaded);
        }
    }
    let fastest = |v: &[f64]| v.iter().copied().fold(f64::INFINITY, f64::min);
    let (fa, fb) = (fastest(&a), fastest(&b));
    let (a, b) = (median(a), median(b));
    println!(
        "{} actors, {} relations; load, fastest of {runs}: CSV {fa:.3} s, workbook {fb:.3} s, ratio {:.2}; median: CSV {a:.3} s, workbook {b:.3} s, ratio {:.2}",
        sizes.0,
        sizes.1,
        fb / fa,
        b / a
    );
}
