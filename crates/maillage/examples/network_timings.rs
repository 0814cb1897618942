//! Times each network figure of docs/analyses.md §1 on a graph read from an edge list,
//! for `benches/network_peers.py`, which runs the same figures with networkx and
//! rustworkx in the same run and prints the ratios.
//!
//! Usage: `network_timings EDGES.csv GROUPS.txt OUT.json [--pivots K]`, where EDGES.csv
//! holds `u,v,w` rows (0-based node indices) and GROUPS.txt one group label per node.
//! Prints the time of each step in seconds as JSON on stdout and writes the figures to
//! OUT.json so the script can check they agree with the peers'.

use maillage::network;
use petgraph::graph::{NodeIndex, UnGraph};
use serde_json::json;
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 4 {
        return Err("usage: network_timings EDGES.csv GROUPS.txt OUT.json [--pivots K]".into());
    }
    let pivots: Option<usize> = args
        .iter()
        .position(|a| a == "--pivots")
        .and_then(|i| args.get(i + 1))
        .map(|k| k.parse())
        .transpose()?;
    let labels: Vec<String> = std::fs::read_to_string(&args[2])?
        .lines()
        .map(str::to_owned)
        .collect();
    let mut graph = UnGraph::<(), f64>::with_capacity(labels.len(), 0);
    for _ in 0..labels.len() {
        graph.add_node(());
    }
    for line in std::fs::read_to_string(&args[1])?.lines() {
        let mut f = line.split(',');
        let (u, v, w): (usize, usize, f64) = (
            f.next().ok_or("u")?.parse()?,
            f.next().ok_or("v")?.parse()?,
            f.next().ok_or("w")?.parse()?,
        );
        graph.add_edge(NodeIndex::new(u), NodeIndex::new(v), w);
    }
    let mut times = serde_json::Map::new();
    let mut time = |name: &str, start: Instant| {
        times.insert(name.to_owned(), json!(start.elapsed().as_secs_f64()));
    };
    let t = Instant::now();
    let betweenness = match pivots {
        Some(k) => network::betweenness_sampled(&graph, k, 42)?,
        None => network::betweenness(&graph),
    };
    time("betweenness", t);
    let t = Instant::now();
    let closeness = network::closeness(&graph);
    time("closeness", t);
    let t = Instant::now();
    let pagerank = network::pagerank(
        &graph,
        network::PAGERANK_ALPHA,
        network::PAGERANK_TOL,
        network::PAGERANK_MAX_ITER,
    )?;
    time("pagerank", t);
    let t = Instant::now();
    let clustering = network::clustering(&graph);
    time("clustering", t);
    let t = Instant::now();
    let constraint = network::constraint(&graph);
    time("constraint", t);
    let t = Instant::now();
    let effective_size = network::effective_size(&graph);
    time("effective_size", t);
    let t = Instant::now();
    let articulation = network::articulation_points(&graph);
    time("articulation_points", t);
    let t = Instant::now();
    let bridges = network::bridges(&graph);
    time("bridges", t);
    let t = Instant::now();
    let components = rustworkx_core::connectivity::connected_components(&graph).len();
    time("components", t);
    let t = Instant::now();
    let louvain = network::louvain(&graph, 1.0, 42);
    time("louvain", t);
    // Figures networkx does not have: timed for the record, not compared.
    let partition = network::Partition::from_labels(&labels);
    let t = Instant::now();
    let ei = network::ei_index(&graph, &partition);
    let _ = network::mixing_matrix(&graph, &partition);
    time("ei_index_and_mixing", t);
    let t = Instant::now();
    let brokerage = network::brokerage(&graph, &partition);
    time("brokerage", t);
    let t = Instant::now();
    let fragility = network::fragility(&graph);
    time("fragility", t);
    let t = Instant::now();
    let key = network::key_players(&graph, 2, 42);
    time("key_players", t);
    let figures = json!({
        "betweenness": betweenness, "closeness": closeness, "pagerank": pagerank, "clustering": clustering,
        "constraint": constraint, "effective_size": effective_size, "articulation_points": articulation,
        "bridges": bridges, "components": components, "louvain_modularity": louvain.modularity,
        "ei_global": ei.global, "brokerage_total": brokerage.iter().map(|b| b.total).sum::<u64>(),
        "fragility_max": fragility.iter().max(), "key_players": key.players,
    });
    std::fs::write(&args[3], serde_json::to_vec(&figures)?)?;
    println!("{}", serde_json::Value::Object(times));
    Ok(())
}
