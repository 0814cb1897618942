//! Times betweenness and closeness alone on a bundle's network, exact or sampled, for
//! benches/centrality_peers.py and benches/README.md (the peers time the same figures
//! on the same network in the same run).
//!
//! Usage: `centrality_timings BUNDLE [--figures betweenness,closeness] [--pivots K]
//! [--seed S] [--out FILE.json] [--edges FILE.csv]`. Prints the time of each figure in
//! seconds as JSON on stdout; with `--out`, writes the figures by node index so that
//! they can be compared; with `--edges`, the network's ties as `u,v` node indices, so
//! that the peers search the same graph. The threads are rayon's:
//! `RAYON_NUM_THREADS=1` for one.

use maillage::bundle::load_bundle;
use maillage::network::{self, Network};
use serde_json::json;
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let usage = "usage: centrality_timings BUNDLE [--figures betweenness,closeness] [--pivots K] [--seed S] [--out FILE.json] [--edges FILE.csv]";
    let bundle = args.get(1).ok_or(usage)?;
    let flag = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
    };
    let figures: Vec<String> = flag("--figures")
        .map_or("betweenness,closeness", |s| s.as_str())
        .split(',')
        .map(str::to_owned)
        .collect();
    let pivots: Option<usize> = flag("--pivots").map(|k| k.parse()).transpose()?;
    let seed: u64 = flag("--seed").map(|s| s.parse()).transpose()?.unwrap_or(42);
    let territory = load_bundle(bundle.as_ref())
        .map_err(|e| format!("{} errors, first: {}", e.errors.len(), e.errors[0]))?
        .territory;
    let network = Network::project(&territory, territory.date);
    let g = &network.graph;
    let mut times = serde_json::Map::new();
    let mut values = serde_json::Map::new();
    for figure in &figures {
        let t = Instant::now();
        let result = match (figure.as_str(), pivots) {
            ("betweenness", None) => network::betweenness(g),
            ("betweenness", Some(k)) => network::betweenness_sampled(g, k, seed)?,
            ("closeness", None) => network::closeness(g),
            ("closeness", Some(k)) => network::closeness_sampled(g, k, seed),
            (other, _) => return Err(format!("unknown figure {other}; {usage}").into()),
        };
        times.insert(figure.clone(), json!(t.elapsed().as_secs_f64()));
        values.insert(figure.clone(), json!(result));
    }
    if let Some(path) = flag("--edges") {
        use petgraph::visit::EdgeRef;
        let mut text = String::new();
        for e in g.edge_references() {
            text.push_str(&format!("{},{}\n", e.source().index(), e.target().index()));
        }
        std::fs::write(path, text)?;
    }
    times.insert("actors".into(), json!(g.node_count()));
    times.insert("ties".into(), json!(g.edge_count()));
    times.insert("threads".into(), json!(rayon::current_num_threads()));
    println!("{}", serde_json::Value::Object(times));
    if let Some(out) = flag("--out") {
        std::fs::write(out, serde_json::Value::Object(values).to_string())?;
    }
    Ok(())
}
