//! Measures how well sampled betweenness (or closeness) ranks the most central actors,
//! against the exact figure, on a bundle (benches/README.md records it for the
//! generated L territory).
//!
//! Usage: `betweenness_accuracy BUNDLE [--figure betweenness|closeness]
//! [--pivots 256,1024] [--seeds 5] [--top 100] [--exact FILE]`. The exact figure (a
//! minute or two for betweenness on 50,000 actors, seconds for closeness) is read from
//! FILE when it exists, else computed and written there (little-endian f64 by node).
//! Prints, for each k and seed, Spearman's rank correlation between the sampled and
//! the exact figure over the `top` actors of highest exact figure, and how many of
//! them the sampled figure also puts in its top; then the mean and the worst per k.

use maillage::bundle::load_bundle;
use maillage::network::{self, Network};
use std::time::Instant;

/// Ranks from 0, ties given their mean rank.
fn ranks(x: &[f64]) -> Vec<f64> {
    let mut order: Vec<usize> = (0..x.len()).collect();
    order.sort_by(|&a, &b| x[a].total_cmp(&x[b]));
    let mut ranks = vec![0.0; x.len()];
    let mut i = 0;
    while i < order.len() {
        let mut j = i;
        while j + 1 < order.len() && x[order[j + 1]] == x[order[i]] {
            j += 1;
        }
        for &o in &order[i..=j] {
            ranks[o] = (i + j) as f64 / 2.0;
        }
        i = j + 1;
    }
    ranks
}

fn spearman(a: &[f64], b: &[f64]) -> f64 {
    let (ra, rb) = (ranks(a), ranks(b));
    let n = ra.len() as f64;
    let (ma, mb) = (ra.iter().sum::<f64>() / n, rb.iter().sum::<f64>() / n);
    let (mut c, mut va, mut vb) = (0.0, 0.0, 0.0);
    for (x, y) in ra.iter().zip(&rb) {
        c += (x - ma) * (y - mb);
        va += (x - ma) * (x - ma);
        vb += (y - mb) * (y - mb);
    }
    c / (va * vb).sqrt()
}

/// The `top` nodes of highest value, ties by index.
fn top_nodes(x: &[f64], top: usize) -> Vec<usize> {
    let mut order: Vec<usize> = (0..x.len()).collect();
    order.sort_by(|&a, &b| x[b].total_cmp(&x[a]).then(a.cmp(&b)));
    order.truncate(top);
    order
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let usage = "usage: betweenness_accuracy BUNDLE [--figure betweenness|closeness] [--pivots 256,1024] [--seeds 5] [--top 100] [--exact FILE]";
    let bundle = args.get(1).ok_or(usage)?;
    let flag = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
    };
    let pivots: Vec<usize> = flag("--pivots")
        .map_or("256,1024", String::as_str)
        .split(',')
        .map(str::parse)
        .collect::<Result<_, _>>()?;
    let seeds: u64 = flag("--seeds").map_or(Ok(5), |s| s.parse())?;
    let top: usize = flag("--top").map_or(Ok(100), |s| s.parse())?;
    let closeness = match flag("--figure").map_or("betweenness", String::as_str) {
        "betweenness" => false,
        "closeness" => true,
        other => return Err(format!("unknown figure {other}; {usage}").into()),
    };
    let figure = if closeness {
        "closeness"
    } else {
        "betweenness"
    };

    let territory = load_bundle(bundle.as_ref())
        .map_err(|e| format!("{} errors, first: {}", e.errors.len(), e.errors[0]))?
        .territory;
    let network = Network::project(&territory, territory.date);
    let g = &network.graph;
    let exact: Vec<f64> = match flag("--exact").map(std::fs::read) {
        Some(Ok(bytes)) if bytes.len() == 8 * g.node_count() => bytes
            .chunks_exact(8)
            .map(|c| f64::from_le_bytes(c.try_into().expect("8 bytes")))
            .collect(),
        _ => {
            let t = Instant::now();
            let exact = if closeness {
                network::closeness(g)
            } else {
                network::betweenness(g)
            };
            eprintln!("exact {figure}: {:.1} s", t.elapsed().as_secs_f64());
            if let Some(path) = flag("--exact") {
                let bytes: Vec<u8> = exact.iter().flat_map(|x| x.to_le_bytes()).collect();
                std::fs::write(path, bytes)?;
            }
            exact
        }
    };
    let best = top_nodes(&exact, top);
    let exact_top: Vec<f64> = best.iter().map(|&v| exact[v]).collect();
    println!(
        "{} actors, {} edges; top {top} by exact {figure}",
        g.node_count(),
        g.edge_count()
    );
    for &k in &pivots {
        let mut rhos = Vec::new();
        for seed in 1..=seeds {
            let t = Instant::now();
            let sampled = if closeness {
                network::closeness_sampled(g, k, seed)
            } else {
                network::betweenness_sampled(g, k, seed)?
            };
            let seconds = t.elapsed().as_secs_f64();
            let sampled_top: Vec<f64> = best.iter().map(|&v| sampled[v]).collect();
            let rho = spearman(&exact_top, &sampled_top);
            let found = top_nodes(&sampled, top)
                .iter()
                .filter(|v| best.contains(v))
                .count();
            println!("k = {k}, seed {seed}: Spearman {rho:.3}, {found} of the top {top} found, {seconds:.2} s");
            rhos.push(rho);
        }
        let mean = rhos.iter().sum::<f64>() / rhos.len() as f64;
        let worst = rhos.iter().copied().fold(f64::INFINITY, f64::min);
        println!("k = {k}: mean Spearman {mean:.3}, worst {worst:.3}");
    }
    Ok(())
}
