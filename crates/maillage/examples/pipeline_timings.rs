//! Times every step of a diagnosis on a bundle, for `benches/peers.py`, which runs the
//! same steps with networkx, rustworkx, python-igraph, geopandas and PySAL access on
//! the same bundle (written by `maillage generate`) and prints the ratios.
//!
//! Usage: `pipeline_timings BUNDLE OUT.json [--pivots K] [--exact-closeness]
//! [--exact-betweenness] [--outputs DIR]`. Prints the time of each step in seconds as JSON on stdout and
//! writes the figures (by actor id, by zone) to OUT.json so that the script can check
//! they agree with the peers'. Each step is timed alone, on the data the previous
//! steps produced. The heap each step takes at its peak above what was held before it
//! (its results and its transient buffers) is printed on stderr as JSON, in MB: the
//! allocations are counted by a global allocator of this program only. With
//! `--outputs`, the time of each output rendered alone (into nothing, so without the
//! disk) is printed on stderr too.

use maillage::bundle::load_bundle;
use maillage::gaps::{
    group_gaps, isolated_actors, need_gaps, service_gaps, suggested_links,
    unarticulated_dispositifs,
};
use maillage::model::ActorIx;
use maillage::network::{self, Network};
use maillage::network::{analyse, BetweennessMode, NetworkOptions};
use maillage::outputs::{write_outputs, OutputFile, OutputOptions};
use maillage::spatial::{assign_actors, zone_coverage};
use maillage::Diagnosis;
use serde_json::json;
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use std::time::Instant;

/// The system allocator, counting the bytes held and their peak since the last
/// [`start`].
struct CountingAllocator;

static HELD: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

fn grew(by: usize) {
    let held = HELD.fetch_add(by, Relaxed) + by;
    PEAK.fetch_max(held, Relaxed);
}

// SAFETY: every call is passed on to the system allocator unchanged; only counters are
// added.
unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        grew(layout.size());
        System.alloc(layout)
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        HELD.fetch_sub(layout.size(), Relaxed);
        System.dealloc(ptr, layout)
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, size: usize) -> *mut u8 {
        if size > layout.size() {
            grew(size - layout.size());
        } else {
            HELD.fetch_sub(layout.size() - size, Relaxed);
        }
        System.realloc(ptr, layout, size)
    }
}

#[global_allocator]
static ALLOCATOR: CountingAllocator = CountingAllocator;

/// The start of a step: its time, the heap held before it, from which its peak is
/// counted, and the peak of the steps around it, given back when it ends.
fn start() -> (Instant, usize, usize) {
    let held = HELD.load(Relaxed);
    let outer_peak = PEAK.swap(held, Relaxed);
    (Instant::now(), held, outer_peak)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 3 {
        return Err("usage: pipeline_timings BUNDLE OUT.json [--pivots K] [--exact-closeness] [--outputs DIR]".into());
    }
    let flag = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
    };
    let pivots: Option<usize> = flag("--pivots").map(|k| k.parse()).transpose()?;
    let exact_closeness = args.iter().any(|a| a == "--exact-closeness");
    let mut times = serde_json::Map::new();
    let mut heap = serde_json::Map::new();
    let mut time = |name: &str, (start, held, outer_peak): (Instant, usize, usize)| {
        times.insert(name.to_owned(), json!(start.elapsed().as_secs_f64()));
        let peak = PEAK.fetch_max(outer_peak, Relaxed);
        let above = peak.saturating_sub(held) as f64 / 1e6;
        heap.insert(name.to_owned(), json!((above * 10.0).round() / 10.0));
    };

    let t = start();
    let territory = load_bundle(args[1].as_ref())
        .map_err(|e| format!("{} errors, first: {}", e.errors.len(), e.errors[0]))?
        .territory;
    time("load", t);
    let t = start();
    let network = Network::project(&territory, territory.date);
    time("projection", t);
    let g = &network.graph;
    let n = g.node_count();

    let t = start();
    let betweenness = match pivots {
        Some(k) => network::betweenness_sampled(g, k, 42)?,
        None => network::betweenness(g),
    };
    time("betweenness", t);
    // for the error of sampled betweenness: the exact figure too, untimed
    let betweenness_exact = args
        .iter()
        .any(|a| a == "--exact-betweenness")
        .then(|| network::betweenness(g));
    let t = start();
    let closeness = match pivots {
        Some(k) if !exact_closeness => network::closeness_sampled(g, k, 42),
        _ => network::closeness(g),
    };
    time("closeness", t);
    let t = start();
    let pagerank = network::pagerank(
        g,
        network::PAGERANK_ALPHA,
        network::PAGERANK_TOL,
        network::PAGERANK_MAX_ITER,
    )?;
    time("pagerank", t);
    let t = start();
    let clustering = network::clustering(g);
    time("clustering", t);
    let t = start();
    let constraint = network::constraint(g);
    time("constraint", t);
    let t = start();
    let effective_size = network::effective_size(g);
    time("effective_size", t);
    let t = start();
    let articulation = network::articulation_points(g);
    time("articulation_points", t);
    let t = start();
    let bridges = network::bridges(g);
    time("bridges", t);
    let t = start();
    let components = network.components();
    time("components", t);
    let t = start();
    let louvain = network::louvain(g, 1.0, 42);
    time("louvain", t);
    let labels: Vec<&str> = (0..n)
        .map(|i| territory.group_of(ActorIx(i as u32), "sector"))
        .collect();
    let partition = network::Partition::from_labels(&labels);
    let t = start();
    let ei = network::ei_index(g, &partition);
    let _ = network::mixing_matrix(g, &partition);
    time("ei_index_and_mixing", t);
    let t = start();
    let brokerage = network::brokerage(g, &partition);
    time("brokerage", t);
    let t = start();
    let _ = network::fragility(g);
    time("fragility", t);
    let t = start();
    let _ = network::key_players(g, 2, 42);
    time("key_players", t);
    let t = start();
    let pairs = network::dispositif_articulation(&territory, &network);
    time("dispositifs", t);

    let layer = territory.analysis.coverage_layer;
    let t = start();
    let placement = assign_actors(&territory, layer);
    time("assignment", t);
    let t = start();
    let coverage = zone_coverage(&territory, layer);
    time("coverage_and_access", t);

    let t = start();
    let _ = service_gaps(&coverage);
    let _ = need_gaps(&territory, network.date);
    let _ = group_gaps(&territory, &network, "sector");
    let _ = isolated_actors(&territory, &network, "sector");
    time("gaps", t);
    let t = start();
    let _ = unarticulated_dispositifs(&territory, &network);
    time("gaps_dispositifs", t);
    let t = start();
    let links = suggested_links(&territory, &network, "sector", 20);
    time("suggested_links", t);
    let t = start();
    let load = network::solicitation_load(
        &territory,
        territory.date,
        territory.analysis.solicitation_threshold,
    );
    time("solicitation", t);
    let t = start();
    let followed = network::pathways(&territory, territory.date, &territory.analysis.pathways);
    let _ = maillage::gaps::pathway_gaps(&territory, &followed, &coverage, &placement);
    time("pathways", t);
    let placements: Vec<_> = (0..territory.layers.len() as u32)
        .map(|l| {
            if l == layer.0 {
                placement.clone()
            } else {
                assign_actors(&territory, maillage::model::LayerIx(l))
            }
        })
        .collect();
    let t = start();
    let reach = maillage::gaps::membership_reach(&territory, &placements, territory.date, None);
    time("membership", t);
    let t = start();
    let absent = maillage::gaps::absent_groups(&territory, &placement);
    time("absent", t);
    eprintln!(
        "membership: {} dispositifs, {} eligible in all; absent: {} rows, {} flagged",
        reach.len(),
        reach.iter().map(|m| m.eligible.len()).sum::<usize>(),
        absent.len(),
        absent.iter().filter(|a| a.flagged).count()
    );
    // docs/analyses.md §5: shared themes of the articulation's pairs, overlap of
    // structures and dispositifs, the two-mode view and its figures
    // (each also timed alone: two_mode is the four together)
    let whole = start();
    let t = start();
    let pair_ixs: Vec<(ActorIx, ActorIx)> = pairs.iter().map(|p| (p.a, p.b)).collect();
    let _ = network::shared_themes(&territory, territory.date, &pair_ixs);
    time("shared_themes", t);
    let t = start();
    let _ = network::structure_overlap(&territory, territory.date);
    time("overlap", t);
    let t = start();
    let view = network::affiliation_view(&territory, territory.date);
    time("affiliation_view", t);
    let t = start();
    let _ = network::affiliation_summary(&territory, &network, &view);
    time("affiliation_summary", t);
    time("two_mode", whole);

    let mut options = NetworkOptions::for_territory(&territory);
    if let Some(k) = pivots {
        options.betweenness = BetweennessMode::Sampled { k };
    }
    let t = start();
    let diagnosis = Diagnosis::with_options(&territory, &options);
    time("diagnosis_whole", t);
    let _ = analyse; // the whole network report is inside the diagnosis
    if let Some(dir) = flag("--outputs") {
        let t = start();
        write_outputs(
            dir.as_ref(),
            &territory,
            &diagnosis,
            &OutputFile::ALL,
            &OutputOptions::default(),
        )?;
        time("writers", t);
        // each output rendered alone into nothing: where the writers' time goes
        let mut rendering = serde_json::Map::new();
        for file in OutputFile::ALL {
            let t = Instant::now();
            file.render_to(
                &territory,
                &diagnosis,
                &OutputOptions::default(),
                &mut std::io::sink(),
            )?;
            rendering.insert(
                file.file_name().to_owned(),
                json!(t.elapsed().as_secs_f64()),
            );
        }
        eprintln!(
            "rendering alone (s): {}",
            serde_json::Value::Object(rendering)
        );
    }

    let ids: Vec<&str> = territory.actors.iter().map(|a| a.id.as_str()).collect();
    let zone_ids: Vec<&str> = territory
        .layer(layer)
        .zones
        .iter()
        .map(|z| z.id.as_str())
        .collect();
    let figures = json!({
        "ids": ids, "betweenness": betweenness, "betweenness_exact": betweenness_exact, "closeness": closeness, "pagerank": pagerank,
        "clustering": clustering, "constraint": constraint, "effective_size": effective_size,
        "articulation_points": articulation.iter().map(|&i| ids[i]).collect::<Vec<_>>(),
        "bridges": bridges.len(), "components": components.count(), "louvain_modularity": louvain.modularity,
        "ei_global": ei.global, "brokerage_total": brokerage.iter().map(|b| b.total).sum::<u64>(),
        "dispositif_pairs": pairs.len(), "suggested_links": links.len(),
        "most_solicited": load.most_solicited.len(),
        "zone_ids": zone_ids,
        "assignment": placement.iter().map(|z| z.map(|z| zone_ids[z.0 as usize])).collect::<Vec<_>>(),
        "access": coverage.zones.iter().map(|z| &z.access).collect::<Vec<_>>(),
        "edges": network.edge_count(),
    });
    std::fs::write(&args[2], serde_json::to_vec(&figures)?)?;
    eprintln!("{}", serde_json::Value::Object(heap));
    println!("{}", serde_json::Value::Object(times));
    Ok(())
}
