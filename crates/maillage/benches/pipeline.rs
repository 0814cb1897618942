//! Every step of a diagnosis on a synthetic territory (`maillage::synth`): loading,
//! projection, each network figure, assignment, coverage and access, gaps and the
//! writers. Size S by default (500 actors, what CI runs); `MAILLAGE_BENCH_SIZE=M`
//! (or L, XL) for larger ones.
//!
//! Run: `cargo bench -p maillage --bench pipeline`.

use criterion::{criterion_group, criterion_main, Criterion};
use maillage::bundle::load_bundle;
use maillage::gaps::{find_gaps, suggested_links, GapOptions};
use maillage::model::ActorIx;
use maillage::network::{self, Network};
use maillage::network::{analyse, NetworkOptions};
use maillage::outputs::{write_outputs, OutputFile, OutputOptions};
use maillage::spatial::{assign_actors, zone_coverage};
use maillage::synth::{generate, Size};
use maillage::Diagnosis;
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    let size: Size = std::env::var("MAILLAGE_BENCH_SIZE")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(Size::S);
    let dir = tempfile::tempdir().expect("a temporary folder");
    maillage::bundle::write_bundle(&generate(&size.spec(), 1), dir.path())
        .expect("the bundle is written");
    let territory = load_bundle(dir.path()).expect("the bundle loads").territory;
    let network = Network::project(&territory, territory.date);
    let g = &network.graph;
    let options = NetworkOptions::for_territory(&territory);
    let labels: Vec<&str> = (0..g.node_count())
        .map(|i| territory.group_of(ActorIx(i as u32), "sector"))
        .collect();
    let partition = network::Partition::from_labels(&labels);
    let layer = territory.analysis.coverage_layer;
    let coverage = zone_coverage(&territory, layer);
    let diagnosis = Diagnosis::with_options(&territory, &options);
    let out = tempfile::tempdir().expect("a temporary folder");

    let mut group = c.benchmark_group(format!("pipeline {}", size.name()));
    group.sample_size(10);
    group.bench_function("load", |b| {
        b.iter(|| load_bundle(black_box(dir.path())).unwrap())
    });
    group.bench_function("projection", |b| {
        b.iter(|| Network::project(black_box(&territory), territory.date))
    });
    group.bench_function("betweenness (k = 256)", |b| {
        b.iter(|| network::betweenness_sampled(black_box(g), 256, 42).unwrap())
    });
    group.bench_function("closeness (k = 256)", |b| {
        b.iter(|| network::closeness_sampled(black_box(g), 256, 42))
    });
    group.bench_function("pagerank", |b| {
        b.iter(|| {
            network::pagerank(
                black_box(g),
                network::PAGERANK_ALPHA,
                network::PAGERANK_TOL,
                network::PAGERANK_MAX_ITER,
            )
        })
    });
    group.bench_function("clustering", |b| {
        b.iter(|| network::clustering(black_box(g)))
    });
    group.bench_function("constraint", |b| {
        b.iter(|| network::constraint(black_box(g)))
    });
    group.bench_function("effective size", |b| {
        b.iter(|| network::effective_size(black_box(g)))
    });
    group.bench_function("articulation points and bridges", |b| {
        b.iter(|| (network::articulation_points(g), network::bridges(g)))
    });
    group.bench_function("components", |b| {
        b.iter(|| black_box(&network).components())
    });
    group.bench_function("fragility", |b| b.iter(|| network::fragility(black_box(g))));
    group.bench_function("key players", |b| {
        b.iter(|| network::key_players(black_box(g), options.key_players, 42))
    });
    group.bench_function("louvain", |b| {
        b.iter(|| network::louvain(black_box(g), 1.0, 42))
    });
    group.bench_function("E-I index and brokerage", |b| {
        b.iter(|| {
            (
                network::ei_index(g, &partition),
                network::brokerage(g, &partition),
            )
        })
    });
    group.bench_function("dispositifs", |b| {
        b.iter(|| network::dispositif_articulation(black_box(&territory), &network))
    });
    group.bench_function("network report", |b| {
        b.iter(|| analyse(black_box(&territory), &network, &options))
    });
    group.bench_function("assignment", |b| {
        b.iter(|| assign_actors(black_box(&territory), layer))
    });
    group.bench_function("coverage and access", |b| {
        b.iter(|| zone_coverage(black_box(&territory), layer))
    });
    group.bench_function("gaps", |b| {
        b.iter(|| {
            find_gaps(
                black_box(&territory),
                &network,
                &coverage,
                &GapOptions::for_territory(&territory),
            )
        })
    });
    group.bench_function("suggested links", |b| {
        b.iter(|| suggested_links(black_box(&territory), &network, "sector", 20))
    });
    group.bench_function("writers", |b| {
        b.iter(|| {
            write_outputs(
                out.path(),
                &territory,
                black_box(&diagnosis),
                &OutputFile::ALL,
                &OutputOptions::default(),
            )
            .unwrap()
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
