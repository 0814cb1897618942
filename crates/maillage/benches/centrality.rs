//! Centrality and structural holes on a synthetic network the size of a large
//! territory: 5,000 actors, mean degree 8, weights 1 to 3, drawn with a fixed seed.
//!
//! Run: `cargo bench -p maillage --bench centrality`. The exact figures take the
//! batched searches here (5,000 nodes); `benches/centrality_peers.py` compares them
//! with the peers on generated territories.

use criterion::{criterion_group, criterion_main, Criterion};
use maillage::network::SeededRng;
use maillage::network::{
    betweenness, betweenness_sampled, closeness, closeness_sampled, pagerank, PAGERANK_ALPHA,
    PAGERANK_MAX_ITER, PAGERANK_TOL,
};
use maillage::network::{constraint, effective_size};
use petgraph::graph::{NodeIndex, UnGraph};
use std::collections::BTreeSet;
use std::hint::black_box;

const NODES: usize = 5_000;
const MEAN_DEGREE: usize = 8;

/// A uniform random simple graph (Erdős–Rényi G(n, m)) with integer weights 1..=3.
fn synthetic(n: usize, mean_degree: usize, seed: u64) -> UnGraph<(), f64> {
    let mut rng = SeededRng::new(seed);
    let m = n * mean_degree / 2;
    let mut pairs = BTreeSet::new();
    while pairs.len() < m {
        let (a, b) = (rng.below(n), rng.below(n));
        if a != b {
            pairs.insert((a.min(b), a.max(b)));
        }
    }
    let mut graph = UnGraph::with_capacity(n, m);
    for _ in 0..n {
        graph.add_node(());
    }
    for (a, b) in pairs {
        let weight = 1.0 + rng.below(3) as f64;
        graph.add_edge(NodeIndex::new(a), NodeIndex::new(b), weight);
    }
    graph
}

fn bench(c: &mut Criterion) {
    let graph = synthetic(NODES, MEAN_DEGREE, 2024);
    let mut slow = c.benchmark_group("5000 nodes, degree 8 (all sources)");
    slow.sample_size(10);
    slow.bench_function("betweenness exact", |b| {
        b.iter(|| betweenness(black_box(&graph)))
    });
    slow.bench_function("betweenness sampled, k = n", |b| {
        b.iter(|| betweenness_sampled(black_box(&graph), NODES, 1).unwrap())
    });
    slow.bench_function("closeness", |b| b.iter(|| closeness(black_box(&graph))));
    slow.finish();

    let mut fast = c.benchmark_group("5000 nodes, degree 8");
    fast.bench_function("betweenness sampled, k = 500", |b| {
        b.iter(|| betweenness_sampled(black_box(&graph), 500, 1).unwrap())
    });
    fast.bench_function("closeness sampled, k = 256", |b| {
        b.iter(|| closeness_sampled(black_box(&graph), 256, 1))
    });
    fast.bench_function("pagerank", |b| {
        b.iter(|| {
            pagerank(
                black_box(&graph),
                PAGERANK_ALPHA,
                PAGERANK_TOL,
                PAGERANK_MAX_ITER,
            )
            .unwrap()
        })
    });
    fast.bench_function("constraint", |b| b.iter(|| constraint(black_box(&graph))));
    fast.bench_function("effective size", |b| {
        b.iter(|| effective_size(black_box(&graph)))
    });
    fast.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
