//! Louvain communities and modularity (docs/analyses.md §1), against hand-computed
//! values and networkx 3.6.1 on the reference graphs of `tests/fixtures/networkx/`.

mod common;

use maillage::network::{composition, louvain, modularity, Communities};
use petgraph::graph::{NodeIndex, UnGraph};
use proptest::prelude::*;

const TOLERANCE: f64 = 1e-12;

/// Two triangles {0, 1, 2} and {3, 4, 5} joined by the edge 2–3.
fn two_triangles() -> UnGraph<(), f64> {
    UnGraph::from_edges([
        (0, 1, 1.0),
        (1, 2, 1.0),
        (0, 2, 1.0),
        (3, 4, 1.0),
        (4, 5, 1.0),
        (3, 5, 1.0),
        (2, 3, 1.0),
    ])
}

/// Dense labels of a per-node group (in order of first appearance).
fn labels_of(groups: &[String]) -> Vec<u32> {
    let mut seen: Vec<&str> = Vec::new();
    groups
        .iter()
        .map(|g| match seen.iter().position(|s| s == g) {
            Some(i) => i as u32,
            None => {
                seen.push(g);
                (seen.len() - 1) as u32
            }
        })
        .collect()
}

/// Checks the invariants of a partition: every node in exactly one community, members
/// sorted, `community_of` consistent with `members`, communities numbered by decreasing
/// size then smallest member, and the reported modularity equal to `modularity`.
fn assert_valid<N>(graph: &UnGraph<N, f64>, c: &Communities, resolution: f64) {
    let n = graph.node_count();
    assert_eq!(c.community_of.len(), n);
    let mut seen = vec![false; n];
    for (i, members) in c.members.iter().enumerate() {
        assert!(!members.is_empty(), "community {i} is empty");
        assert!(
            members.windows(2).all(|w| w[0] < w[1]),
            "community {i} not sorted"
        );
        for &v in members {
            assert!(!seen[v], "node {v} in two communities");
            seen[v] = true;
            assert_eq!(c.community_of[v] as usize, i, "community_of[{v}]");
        }
    }
    assert!(seen.iter().all(|&s| s), "some node in no community");
    for w in c.members.windows(2) {
        assert!(
            w[0].len() > w[1].len() || (w[0].len() == w[1].len() && w[0][0] < w[1][0]),
            "communities out of order"
        );
    }
    let q = modularity(graph, &c.community_of, resolution);
    assert!(
        (c.modularity - q).abs() < TOLERANCE,
        "reported {} vs {q}",
        c.modularity
    );
}

#[test]
fn modularity_matches_hand_computed_values() {
    let graph = two_triangles();
    // m = 7; each triangle: 3 inside, degree sum 7: 2 (3/7 − 1/4) = 6/7 − 1/2
    let q = modularity(&graph, &[0, 0, 0, 1, 1, 1], 1.0);
    assert!((q - (6.0 / 7.0 - 0.5)).abs() < TOLERANCE, "{q}");
    // networkx: modularity(G, [{0, 1, 2}, {3, 4, 5}], resolution=2) = 6/7 − 1 = −1/7
    let q = modularity(&graph, &[5, 5, 5, 9, 9, 9], 2.0);
    assert!((q + 1.0 / 7.0).abs() < TOLERANCE, "{q}");
    // singletons: −Σ (d/2m)² = −(4·4 + 2·9) / 196 = −34/196 (networkx −0.173469387755102)
    let q = modularity(&graph, &[0, 1, 2, 3, 4, 5], 1.0);
    assert!((q + 34.0 / 196.0).abs() < TOLERANCE, "{q}");
    // all in one: 1 − γ
    assert!(modularity(&graph, &[3; 6], 1.0).abs() < TOLERANCE);
    assert!((modularity(&graph, &[3; 6], 0.5) - 0.5).abs() < TOLERANCE);
}

#[test]
fn modularity_uses_edge_weights() {
    // path 0 –2– 1 –1– 2 –0.5– 3, partition {0, 1}, {2, 3}: m = 3.5,
    // Q = 2.5/3.5 − (5/7)² − (2/7)² = 6/49; with γ = 0.5: 20.5/49.
    // networkx: G.add_weighted_edges_from([(0, 1, 2.0), (1, 2, 1.0), (2, 3, 0.5)]);
    // modularity(G, [{0, 1}, {2, 3}]) = 0.12244897959183669, resolution=0.5: 0.4183673469387755
    let graph = UnGraph::<(), f64>::from_edges([(0, 1, 2.0), (1, 2, 1.0), (2, 3, 0.5)]);
    let q = modularity(&graph, &[0, 0, 1, 1], 1.0);
    assert!((q - 0.122_448_979_591_836_69).abs() < TOLERANCE, "{q}");
    let q = modularity(&graph, &[0, 0, 1, 1], 0.5);
    assert!((q - 0.418_367_346_938_775_5).abs() < TOLERANCE, "{q}");
}

#[test]
fn modularity_of_everything_in_one_community_is_zero_on_every_reference_graph() {
    for r in common::references() {
        let q = modularity(&r.graph, &vec![0; r.graph.node_count()], 1.0);
        assert!(q.abs() < TOLERANCE, "{}: {q}", r.name);
    }
}

#[test]
fn modularity_of_karate_club_split_matches_networkx() {
    // python -c "import networkx as nx; G=nx.karate_club_graph();
    //   print(nx.community.modularity(G, [{n for n in G if G.nodes[n]['club']==c}
    //   for c in ('Mr. Hi','Officer')], weight='weight'))"        (networkx 3.6.1)
    let r = common::reference("karate");
    let labels = labels_of(r.groups.as_ref().unwrap());
    let q = modularity(&r.graph, &labels, 1.0);
    assert!((q - 0.391_437_566_762_242_06).abs() < TOLERANCE, "{q}");
}

#[test]
fn modularity_of_lyon7_sectors_matches_networkx() {
    // python -c "import json, networkx as nx;
    //   d=json.load(open('tests/fixtures/networkx/lyon7.json')); G=nx.Graph();
    //   G.add_nodes_from(range(len(d['nodes']))); G.add_weighted_edges_from(d['edges']);
    //   gs=d['groups']; print(nx.community.modularity(G, [{i for i in G if gs[i]==s}
    //   for s in sorted(set(gs))], weight='weight'))"             (networkx 3.6.1)
    let r = common::reference("lyon7");
    let labels = labels_of(r.groups.as_ref().unwrap());
    let q = modularity(&r.graph, &labels, 1.0);
    assert!((q - 0.113_883_200_338_959_1).abs() < TOLERANCE, "{q}");
}

#[test]
fn louvain_reaches_networkx_modularity_on_every_reference_graph() {
    for r in common::references() {
        let want = r.scalar("louvain_modularity");
        for seed in [42, 0, 1, 7, 2024] {
            let c = louvain(&r.graph, 1.0, seed);
            assert_valid(&r.graph, &c, 1.0);
            assert!(
                c.modularity >= want - 0.01,
                "{} seed {seed}: Q = {}, networkx {want}",
                r.name,
                c.modularity
            );
            assert!(c.levels >= 1, "{}: no level", r.name);
        }
    }
}

#[test]
fn louvain_leaves_no_single_node_move_that_improves_modularity() {
    // the rounds after the first restart from the nodes, so no node is left in a
    // community it would rather leave for a neighbouring one
    for r in common::references() {
        let c = louvain(&r.graph, 1.0, 42);
        let mut labels = c.community_of.clone();
        for v in 0..r.graph.node_count() {
            let own = labels[v];
            for w in r.graph.neighbors(NodeIndex::new(v)) {
                labels[v] = c.community_of[w.index()];
                let q = modularity(&r.graph, &labels, 1.0);
                assert!(
                    q <= c.modularity + 1e-7,
                    "{}: moving node {v} to community {} gives {q} > {}",
                    r.name,
                    labels[v],
                    c.modularity
                );
            }
            labels[v] = own;
        }
    }
}

#[test]
fn louvain_is_deterministic_for_a_seed() {
    for r in common::references() {
        let a = louvain(&r.graph, 1.0, 42);
        let b = louvain(&r.graph, 1.0, 42);
        assert_eq!(a, b, "{}", r.name);
    }
}

#[test]
fn louvain_covers_every_node_once() {
    for r in common::references() {
        for resolution in [0.5, 1.0, 2.0] {
            let c = louvain(&r.graph, resolution, 3);
            assert_valid(&r.graph, &c, resolution);
        }
    }
}

#[test]
fn louvain_splits_disjoint_cliques_into_the_cliques() {
    // cliques of sizes 3 to 8, one after the other, then two isolated nodes
    let mut graph = UnGraph::<(), f64>::default();
    let mut cliques: Vec<Vec<usize>> = Vec::new();
    for size in 3..=8 {
        let first = graph.node_count();
        let nodes: Vec<NodeIndex> = (0..size).map(|_| graph.add_node(())).collect();
        for i in 0..size {
            for j in i + 1..size {
                graph.add_edge(nodes[i], nodes[j], 1.0);
            }
        }
        cliques.push((first..first + size).collect());
    }
    let isolated = [graph.add_node(()).index(), graph.add_node(()).index()];
    cliques.sort_by_key(|m| std::cmp::Reverse(m.len()));
    cliques.extend(isolated.iter().map(|&v| vec![v]));
    for seed in 0..10 {
        let c = louvain(&graph, 1.0, seed);
        assert_valid(&graph, &c, 1.0);
        assert_eq!(c.members, cliques, "seed {seed}");
    }
}

#[test]
fn louvain_recovers_a_planted_partition() {
    // 20 dense blocks of 50 nodes (p = 0.3 inside), sparse ties between them (p = 0.002)
    let (blocks, size) = (20, 50);
    let mut rng = maillage::network::SeededRng::new(9);
    let mut graph = UnGraph::<(), f64>::default();
    for _ in 0..blocks * size {
        graph.add_node(());
    }
    for u in 0..blocks * size {
        for v in u + 1..blocks * size {
            let p = if u / size == v / size { 0.3 } else { 0.002 };
            if rng.next_f64() < p {
                graph.add_edge(NodeIndex::new(u), NodeIndex::new(v), 1.0);
            }
        }
    }
    let c = louvain(&graph, 1.0, 42);
    assert_valid(&graph, &c, 1.0);
    let mut planted: Vec<Vec<usize>> = (0..blocks)
        .map(|b| (b * size..(b + 1) * size).collect())
        .collect();
    planted.sort_by_key(|m| m[0]);
    let mut found = c.members.clone();
    found.sort_by_key(|m| m[0]);
    assert_eq!(found, planted);
}

#[test]
fn louvain_of_a_graph_without_edges_is_singletons() {
    let empty = UnGraph::<(), f64>::default();
    let c = louvain(&empty, 1.0, 42);
    assert!(c.members.is_empty() && c.community_of.is_empty());
    assert_eq!((c.modularity, c.levels), (0.0, 0));

    let mut isolated = UnGraph::<(), f64>::default();
    for _ in 0..4 {
        isolated.add_node(());
    }
    let c = louvain(&isolated, 1.0, 42);
    assert_eq!(c.members, vec![vec![0], vec![1], vec![2], vec![3]]);
    assert_eq!(c.community_of, vec![0, 1, 2, 3]);
    assert_eq!((c.modularity, c.levels), (0.0, 0));
}

#[test]
fn higher_resolution_gives_no_fewer_communities() {
    let r = common::reference("les_miserables");
    let coarse = louvain(&r.graph, 0.5, 42);
    let fine = louvain(&r.graph, 2.0, 42);
    assert!(
        fine.count() >= coarse.count(),
        "{} < {}",
        fine.count(),
        coarse.count()
    );
}

#[test]
fn composition_adds_up_to_community_sizes() {
    for r in common::references() {
        let Some(groups) = &r.groups else { continue };
        let c = louvain(&r.graph, 1.0, 42);
        let by_community = composition(&c, groups);
        assert_eq!(by_community.len(), c.count(), "{}", r.name);
        for (i, counts) in by_community.iter().enumerate() {
            assert_eq!(
                counts.values().sum::<usize>(),
                c.members[i].len(),
                "{} community {i}",
                r.name
            );
            for (group, &count) in counts {
                let want = c.members[i]
                    .iter()
                    .filter(|&&v| &groups[v] == group)
                    .count();
                assert_eq!(count, want, "{} community {i} group {group}", r.name);
            }
        }
        let total: usize = by_community.iter().flat_map(|m| m.values()).sum();
        assert_eq!(total, r.graph.node_count(), "{}", r.name);
    }
}

#[test]
fn communities_serialize_to_json() {
    let c = louvain(&two_triangles(), 1.0, 42);
    let json = serde_json::to_value(&c).unwrap();
    assert_eq!(json["community_of"], serde_json::json!([0, 0, 0, 1, 1, 1]));
    assert_eq!(json["members"], serde_json::json!([[0, 1, 2], [3, 4, 5]]));
    assert!(json["modularity"].as_f64().is_some());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// On random weighted graphs, the partition is valid, its modularity is no worse
    /// than singletons', and the seed alone decides it.
    #[test]
    fn louvain_partition_is_valid_on_random_graphs(
        n in 1usize..40,
        edges in proptest::collection::vec((0usize..40, 0usize..40, 0.1f64..5.0), 0..120),
        seed in any::<u64>(),
    ) {
        let mut graph = UnGraph::<(), f64>::default();
        for _ in 0..n {
            graph.add_node(());
        }
        for (a, b, w) in edges {
            if a < n && b < n && a != b {
                graph.add_edge(NodeIndex::new(a), NodeIndex::new(b), w);
            }
        }
        let c = louvain(&graph, 1.0, seed);
        assert_valid(&graph, &c, 1.0);
        let singletons: Vec<u32> = (0..n as u32).collect();
        prop_assert!(c.modularity >= modularity(&graph, &singletons, 1.0) - TOLERANCE);
        prop_assert_eq!(louvain(&graph, 1.0, seed), c);
    }
}
