//! Centrality figures against networkx 3.6 (`tests/fixtures/networkx/`, built by
//! `make_fixtures.py`) and on small graphs whose figures are known by hand.

mod common;

use common::{assert_close, references, Reference};
use maillage::network::SeededRng;
use maillage::network::{
    betweenness, betweenness_sampled, closeness, clustering, degree, pagerank, strength,
    CentralityError, PAGERANK_ALPHA, PAGERANK_MAX_ITER, PAGERANK_TOL,
};
use petgraph::graph::{NodeIndex, UnGraph};

fn some(values: Vec<f64>) -> Vec<Option<f64>> {
    values.into_iter().map(Some).collect()
}

/// Largest absolute difference with networkx, printed for the record
/// (`cargo test -- --nocapture`).
fn deviation(r: &Reference, figure: &str, got: &[f64]) -> f64 {
    deviation_of(r, figure, figure, got)
}

fn deviation_of(r: &Reference, label: &str, figure: &str, got: &[f64]) -> f64 {
    let worst = r
        .per_node(figure)
        .iter()
        .zip(got)
        .map(|(w, g)| (w.unwrap() - g).abs())
        .fold(0.0, f64::max);
    eprintln!(
        "{:>20} {label:>20}: largest deviation from networkx {worst:.3e}",
        r.name
    );
    worst
}

fn check(r: &Reference, figure: &str, got: Vec<f64>, tolerance: f64) {
    deviation(r, figure, &got);
    assert_close(r, figure, &some(got), tolerance);
}

fn path(n: u32) -> UnGraph<(), f64> {
    UnGraph::from_edges((1..n).map(|i| (i - 1, i, 1.0)))
}

fn star(leaves: u32) -> UnGraph<(), f64> {
    UnGraph::from_edges((1..=leaves).map(|i| (0, i, 1.0)))
}

fn close(a: &[f64], b: &[f64], tolerance: f64) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| (x - y).abs() <= tolerance)
}

/// Spearman's rank correlation, ties given their mean rank.
fn spearman(a: &[f64], b: &[f64]) -> f64 {
    fn ranks(x: &[f64]) -> Vec<f64> {
        let mut order: Vec<usize> = (0..x.len()).collect();
        order.sort_by(|&i, &j| x[i].total_cmp(&x[j]));
        let mut ranks = vec![0.0; x.len()];
        let mut start = 0;
        while start < order.len() {
            let mut end = start;
            while end + 1 < order.len() && x[order[end + 1]] == x[order[start]] {
                end += 1;
            }
            for &i in &order[start..=end] {
                ranks[i] = (start + end) as f64 / 2.0;
            }
            start = end + 1;
        }
        ranks
    }
    let (ra, rb) = (ranks(a), ranks(b));
    let n = a.len() as f64;
    let (ma, mb) = (ra.iter().sum::<f64>() / n, rb.iter().sum::<f64>() / n);
    let cov: f64 = ra.iter().zip(&rb).map(|(x, y)| (x - ma) * (y - mb)).sum();
    let va: f64 = ra.iter().map(|x| (x - ma).powi(2)).sum();
    let vb: f64 = rb.iter().map(|y| (y - mb).powi(2)).sum();
    cov / (va * vb).sqrt()
}

/// A random graph of `n` nodes and about `m` edges, some isolated nodes likely.
fn random_graph(n: usize, m: usize, seed: u64) -> UnGraph<(), f64> {
    let mut rng = SeededRng::new(seed);
    let mut g = UnGraph::with_capacity(n, m);
    for _ in 0..n {
        g.add_node(());
    }
    for _ in 0..m {
        let (a, b) = (rng.below(n), rng.below(n));
        if a != b && g.find_edge(NodeIndex::new(a), NodeIndex::new(b)).is_none() {
            g.add_edge(
                NodeIndex::new(a),
                NodeIndex::new(b),
                1.0 + rng.below(3) as f64,
            );
        }
    }
    g
}

// --- agreement with networkx --------------------------------------------------------

#[test]
fn betweenness_agrees_with_networkx() {
    for r in references() {
        check(&r, "betweenness", betweenness(&r.graph), 1e-9);
    }
}

#[test]
fn closeness_agrees_with_networkx() {
    for r in references() {
        check(&r, "closeness", closeness(&r.graph), 1e-9);
    }
}

#[test]
fn clustering_agrees_with_networkx() {
    for r in references() {
        check(&r, "clustering", clustering(&r.graph), 1e-9);
    }
}

#[test]
fn pagerank_agrees_with_networkx() {
    for r in references() {
        let pr = pagerank(&r.graph, PAGERANK_ALPHA, PAGERANK_TOL, PAGERANK_MAX_ITER).unwrap();
        check(&r, "pagerank", pr, 1e-6);
    }
}

#[test]
fn sampled_betweenness_with_every_node_as_pivot_is_exact() {
    for r in references() {
        let n = r.graph.node_count();
        let exact = betweenness(&r.graph);
        for k in [n, n + 5] {
            let sampled = betweenness_sampled(&r.graph, k, 42).unwrap();
            assert!(close(&sampled, &exact, 1e-12), "{} k = {k}", r.name);
        }
        let all_pivots = betweenness_sampled(&r.graph, n, 0).unwrap();
        deviation_of(&r, "betweenness_sampled", "betweenness", &all_pivots);
    }
}

#[test]
fn sampled_betweenness_is_seeded() {
    let r = common::reference("les_miserables");
    let k = r.graph.node_count() / 3;
    let a = betweenness_sampled(&r.graph, k, 1).unwrap();
    assert_eq!(a, betweenness_sampled(&r.graph, k, 1).unwrap());
    assert_ne!(a, betweenness_sampled(&r.graph, k, 2).unwrap());
}

#[test]
fn sampled_betweenness_ranks_nodes_like_the_exact_figure() {
    let r = common::reference("les_miserables");
    let n = r.graph.node_count();
    let exact = betweenness(&r.graph);
    for seed in 0..10 {
        let sampled = betweenness_sampled(&r.graph, n / 2, seed).unwrap();
        let rho = spearman(&sampled, &exact);
        eprintln!("les_miserables k = n/2, seed {seed}: Spearman {rho:.4}");
        assert!(rho > 0.8, "seed {seed}: Spearman {rho}");
    }
}

#[test]
fn sampled_betweenness_is_exact_on_random_graphs_above_the_parallel_threshold() {
    for seed in 0..4 {
        let g = random_graph(300, 600, seed);
        let exact = betweenness(&g);
        let sampled = betweenness_sampled(&g, 300, seed).unwrap();
        assert!(close(&sampled, &exact, 1e-12), "seed {seed}");
    }
}

#[test]
fn sampled_betweenness_estimate_is_unbiased_on_average() {
    // averaged over many seeds, the estimate of the busiest node approaches the truth
    let g = random_graph(120, 240, 9);
    let exact = betweenness(&g);
    let hub = (0..120)
        .max_by(|&a, &b| exact[a].total_cmp(&exact[b]))
        .unwrap();
    let runs = 200;
    let mean: f64 = (0..runs)
        .map(|seed| betweenness_sampled(&g, 30, seed).unwrap()[hub])
        .sum::<f64>()
        / runs as f64;
    assert!(
        (mean - exact[hub]).abs() < 0.05 * exact[hub],
        "mean {mean}, exact {}",
        exact[hub]
    );
}

// --- edge cases --------------------------------------------------------------------

#[test]
fn empty_graph_has_no_figures() {
    let g = UnGraph::<(), f64>::default();
    assert!(degree(&g).is_empty());
    assert!(strength(&g).is_empty());
    assert!(betweenness(&g).is_empty());
    assert!(betweenness_sampled(&g, 0, 1).unwrap().is_empty());
    assert!(closeness(&g).is_empty());
    assert!(
        pagerank(&g, PAGERANK_ALPHA, PAGERANK_TOL, PAGERANK_MAX_ITER)
            .unwrap()
            .is_empty()
    );
    assert!(clustering(&g).is_empty());
}

#[test]
fn single_node_has_zero_centrality_and_all_the_pagerank() {
    let mut g = UnGraph::<(), f64>::default();
    g.add_node(());
    assert_eq!(degree(&g), [0]);
    assert_eq!(strength(&g), [0.0]);
    assert_eq!(betweenness(&g), [0.0]);
    assert_eq!(betweenness_sampled(&g, 1, 1).unwrap(), [0.0]);
    assert_eq!(closeness(&g), [0.0]);
    assert_eq!(
        pagerank(&g, PAGERANK_ALPHA, PAGERANK_TOL, PAGERANK_MAX_ITER).unwrap(),
        [1.0]
    );
    assert_eq!(clustering(&g), [0.0]);
}

#[test]
fn isolated_nodes_score_zero_and_share_pagerank_as_dangling_nodes() {
    // an edge 0 - 1 and two isolated nodes 2, 3
    let mut g = UnGraph::<(), f64>::from_edges([(0, 1, 2.0)]);
    g.add_node(());
    g.add_node(());
    assert_eq!(degree(&g), [1, 1, 0, 0]);
    assert_eq!(strength(&g), [2.0, 2.0, 0.0, 0.0]);
    assert_eq!(betweenness(&g), [0.0; 4]);
    // closeness of 0: one node reached at distance 1, scaled by 1/3 reachable
    assert!(close(
        &closeness(&g),
        &[1.0 / 3.0, 1.0 / 3.0, 0.0, 0.0],
        1e-15
    ));
    assert_eq!(clustering(&g), [0.0; 4]);
    let pr = pagerank(&g, 0.85, 1e-12, 200).unwrap();
    assert!((pr.iter().sum::<f64>() - 1.0).abs() < 1e-12);
    assert!((pr[0] - pr[1]).abs() < 1e-15 && (pr[2] - pr[3]).abs() < 1e-15);
    // stationary: x2 = 0.15/4 + 0.85 (x2 + x3)/4 and x0 = x2 + 0.85 x1
    let x2 = 0.15 / 4.0 / (1.0 - 0.85 / 2.0);
    assert!((pr[2] - x2).abs() < 1e-9, "{pr:?}");
}

#[test]
fn star_centre_is_between_every_pair_of_leaves() {
    let g = star(4);
    assert_eq!(degree(&g), [4, 1, 1, 1, 1]);
    assert_eq!(betweenness(&g), [1.0, 0.0, 0.0, 0.0, 0.0]);
    let sampled = betweenness_sampled(&g, 5, 3).unwrap();
    assert!(close(&sampled, &[1.0, 0.0, 0.0, 0.0, 0.0], 1e-15));
    // leaves reach the centre at 1 and three leaves at 2: 4 / 7
    assert!(close(
        &closeness(&g),
        &[1.0, 4.0 / 7.0, 4.0 / 7.0, 4.0 / 7.0, 4.0 / 7.0],
        1e-15
    ));
    assert_eq!(clustering(&g), [0.0; 5]);
    // stationary: c = 0.15/5 + 0.85 · 4l and l = 0.15/5 + 0.85 c/4
    let pr = pagerank(&g, PAGERANK_ALPHA, PAGERANK_TOL, PAGERANK_MAX_ITER).unwrap();
    let centre = (0.15 / 5.0 + 0.85 * 4.0 * 0.15 / 5.0) / (1.0 - 0.85 * 0.85);
    assert!((pr[0] - centre).abs() < 1e-8, "{pr:?}");
    // networkx: pagerank(nx.star_graph(4), tol=1e-10, max_iter=1000)
    assert!(
        (pr[0] - 0.4756756757886854).abs() < 1e-12 && (pr[1] - 0.13108108105282867).abs() < 1e-12
    );
}

#[test]
fn star_estimate_from_sampled_leaves_finds_the_centre() {
    // pivots drawn among 11 nodes: every pair through the centre is counted
    let g = star(10);
    for seed in 0..5 {
        let b = betweenness_sampled(&g, 4, seed).unwrap();
        assert!((b[0] - 1.0).abs() < 1e-12, "seed {seed}: {b:?}");
        assert!(b[1..].iter().all(|&x| x == 0.0));
    }
}

#[test]
fn path_betweenness_peaks_in_the_middle() {
    let g = path(5);
    // node 1 lies between 0 and {2, 3, 4}: 3 of the 6 pairs of other nodes
    assert!(close(
        &betweenness(&g),
        &[0.0, 0.5, 4.0 / 6.0, 0.5, 0.0],
        1e-15
    ));
    let c = closeness(&g);
    assert!(close(
        &c,
        &[0.4, 4.0 / 7.0, 4.0 / 6.0, 4.0 / 7.0, 0.4],
        1e-15
    ));
    assert_eq!(clustering(&g), [0.0; 5]);
    let pr = pagerank(&g, PAGERANK_ALPHA, PAGERANK_TOL, PAGERANK_MAX_ITER).unwrap();
    assert!((pr[0] - pr[4]).abs() < 1e-12 && pr[0] < pr[1]);
}

#[test]
fn strength_sums_weights_and_pagerank_follows_them() {
    // 1 is tied to 0 with weight 9 and to 2 with weight 1
    let g = UnGraph::<(), f64>::from_edges([(0, 1, 9.0), (1, 2, 1.0)]);
    assert_eq!(strength(&g), [9.0, 10.0, 1.0]);
    let pr = pagerank(&g, PAGERANK_ALPHA, PAGERANK_TOL, PAGERANK_MAX_ITER).unwrap();
    // networkx 3.6, tol=1e-10, max_iter=1000
    assert!(
        close(
            &pr,
            &[
                0.42216216210565727,
                0.48648648654926946,
                0.09135135134507304
            ],
            1e-12
        ),
        "{pr:?}"
    );
}

#[test]
fn triangle_nodes_have_full_clustering() {
    let g = UnGraph::<(), f64>::from_edges([(0, 1, 1.0), (1, 2, 1.0), (2, 0, 1.0), (2, 3, 1.0)]);
    assert!(close(&clustering(&g), &[1.0, 1.0, 1.0 / 3.0, 0.0], 1e-15));
}

#[test]
fn too_few_pivots_is_an_error_unless_the_graph_is_tiny() {
    let g = path(5);
    for k in [0, 1] {
        assert_eq!(
            betweenness_sampled(&g, k, 0),
            Err(CentralityError::TooFewPivots { k, n: 5 })
        );
    }
    // two nodes: nothing lies between, any k gives zeros as networkx does
    assert_eq!(betweenness_sampled(&path(2), 1, 0).unwrap(), [0.0, 0.0]);
}

#[test]
fn pagerank_converges_on_a_star_where_networkx_default_limit_does_not() {
    // networkx: pagerank(nx.star_graph(4), tol=1e-10) raises PowerIterationFailedConvergence
    let g = star(4);
    assert!(matches!(
        pagerank(&g, PAGERANK_ALPHA, PAGERANK_TOL, 100),
        Err(CentralityError::PageRankNotConverged { .. })
    ));
    assert!(pagerank(&g, PAGERANK_ALPHA, PAGERANK_TOL, PAGERANK_MAX_ITER).is_ok());
}

#[test]
fn pagerank_reports_non_convergence() {
    let g = path(6);
    match pagerank(&g, 0.85, 1e-10, 3) {
        Err(CentralityError::PageRankNotConverged {
            max_iter,
            change,
            threshold,
        }) => {
            assert_eq!(max_iter, 3);
            assert!(change >= threshold);
        }
        other => panic!("expected non-convergence, got {other:?}"),
    }
}

/// Our exact betweenness against rustworkx-core's on every reference graph: the two
/// implementations of Brandes' algorithm agree to 1e-12.
#[test]
fn exact_betweenness_agrees_with_rustworkx_core() {
    for r in common::references() {
        let ours = maillage::network::betweenness(&r.graph);
        let theirs = rustworkx_core::centrality::betweenness_centrality(&r.graph, false, true, 50);
        for (i, (a, b)) in ours.iter().zip(&theirs).enumerate() {
            let b = b.unwrap_or(0.0);
            assert!(
                (a - b).abs() < 1e-12,
                "{} node {i}: {a} vs rustworkx {b}",
                r.name
            );
        }
    }
}

/// Exact betweenness is the same bit for bit on every run (outputs are byte-identical).
#[test]
fn exact_betweenness_is_bit_reproducible() {
    let r = common::reference("les_miserables");
    let first = maillage::network::betweenness(&r.graph);
    for _ in 0..5 {
        assert_eq!(maillage::network::betweenness(&r.graph), first);
    }
}

/// Our closeness against rustworkx-core's on every reference graph.
#[test]
fn closeness_agrees_with_rustworkx_core() {
    for r in common::references() {
        let ours = maillage::network::closeness(&r.graph);
        let theirs = rustworkx_core::centrality::closeness_centrality(&r.graph, true, 50);
        for (i, (a, b)) in ours.iter().zip(&theirs).enumerate() {
            let b = b.unwrap_or(0.0);
            assert!(
                (a - b).abs() < 1e-12,
                "{} node {i}: {a} vs rustworkx {b}",
                r.name
            );
        }
    }
}

/// Searches go one distance after another and tell predecessors by their distance
/// modulo 3: graphs many hops deep (a path, odd and even cycles, a grid, a path with a
/// cycle at its end) against rustworkx-core and against every node taken as a pivot.
#[test]
fn deep_graphs_agree_with_rustworkx_core() {
    let cycle = |n: u32| UnGraph::<(), f64>::from_edges((0..n).map(|i| (i, (i + 1) % n, 1.0)));
    let grid = |w: u32, h: u32| {
        let mut edges = Vec::new();
        for y in 0..h {
            for x in 0..w {
                if x + 1 < w {
                    edges.push((y * w + x, y * w + x + 1, 1.0));
                }
                if y + 1 < h {
                    edges.push((y * w + x, (y + 1) * w + x, 1.0));
                }
            }
        }
        UnGraph::<(), f64>::from_edges(edges)
    };
    let mut lollipop = path(30);
    let first = lollipop.node_count() as u32 - 1;
    for i in 0..9 {
        lollipop.add_node(());
        lollipop.add_edge(
            NodeIndex::new((first + i) as usize),
            NodeIndex::new((first + i + 1) as usize),
            1.0,
        );
    }
    lollipop.add_edge(NodeIndex::new(38), NodeIndex::new(first as usize), 1.0);
    for (name, g) in [
        ("path", path(41)),
        ("odd cycle", cycle(31)),
        ("even cycle", cycle(32)),
        ("grid", grid(7, 9)),
        ("lollipop", lollipop),
    ] {
        let n = g.node_count();
        let theirs = rustworkx_core::centrality::betweenness_centrality(&g, false, true, 50);
        let ours = betweenness(&g);
        let all_pivots = betweenness_sampled(&g, n, 1).unwrap();
        for (i, b) in theirs.iter().enumerate() {
            let b = b.unwrap_or(0.0);
            assert!(
                (ours[i] - b).abs() < 1e-12,
                "{name} node {i}: {} vs {b}",
                ours[i]
            );
            assert!(
                (all_pivots[i] - b).abs() < 1e-12,
                "{name} node {i}, all pivots"
            );
        }
        let theirs = rustworkx_core::centrality::closeness_centrality(&g, true, 50);
        for (i, (a, b)) in closeness(&g).iter().zip(&theirs).enumerate() {
            assert!(
                (a - b.unwrap_or(0.0)).abs() < 1e-12,
                "{name} node {i} closeness"
            );
        }
    }
}
