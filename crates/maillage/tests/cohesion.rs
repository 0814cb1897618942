//! Articulation points, bridges, fragility and key players (docs/analyses.md §1):
//! small graphs worked by hand, brute force on seeded random graphs, and networkx's
//! figures on the reference graphs.

mod common;

use maillage::network::SeededRng;
use maillage::network::{articulation_points, bridges, fragility, fragmentation, key_players};
use petgraph::graph::{NodeIndex, UnGraph};

fn graph(n: usize, edges: &[(u32, u32)]) -> UnGraph<(), f64> {
    let mut g = UnGraph::with_capacity(n, edges.len());
    for _ in 0..n {
        g.add_node(());
    }
    for &(u, v) in edges {
        g.add_edge(NodeIndex::new(u as usize), NodeIndex::new(v as usize), 1.0);
    }
    g
}

/// Component sizes of the graph without the nodes `removed`, decreasing; by plain
/// breadth-first search, independent of the library.
fn component_sizes(g: &UnGraph<(), f64>, removed: &[usize]) -> Vec<usize> {
    let n = g.node_count();
    let mut seen = vec![false; n];
    for &v in removed {
        seen[v] = true;
    }
    let mut sizes = Vec::new();
    for s in 0..n {
        if seen[s] {
            continue;
        }
        seen[s] = true;
        let mut queue = vec![s];
        let mut size = 0;
        while let Some(v) = queue.pop() {
            size += 1;
            for w in g.neighbors(NodeIndex::new(v)) {
                if !seen[w.index()] {
                    seen[w.index()] = true;
                    queue.push(w.index());
                }
            }
        }
        sizes.push(size);
    }
    sizes.sort_unstable_by(|a, b| b.cmp(a));
    sizes
}

/// Connected pairs Σ s(s − 1)/2 of the graph without `removed`.
fn connected_pairs(g: &UnGraph<(), f64>, removed: &[usize]) -> usize {
    component_sizes(g, removed)
        .iter()
        .map(|s| s * (s - 1) / 2)
        .sum()
}

/// Fragmentation F over the remaining nodes, 0 when fewer than two remain.
fn brute_fragmentation(g: &UnGraph<(), f64>, removed: &[usize]) -> f64 {
    let n = g.node_count() - removed.len();
    if n < 2 {
        0.0
    } else {
        1.0 - connected_pairs(g, removed) as f64 / (n * (n - 1) / 2) as f64
    }
}

/// Fragility by removing v and counting again: |C| − 1 − |largest piece of C − v|.
fn brute_fragility(g: &UnGraph<(), f64>) -> Vec<usize> {
    let n = g.node_count();
    (0..n)
        .map(|v| {
            // C: v's component, found by BFS
            let mut in_c = vec![false; n];
            in_c[v] = true;
            let mut queue = vec![v];
            while let Some(x) = queue.pop() {
                for w in g.neighbors(NodeIndex::new(x)) {
                    if !in_c[w.index()] {
                        in_c[w.index()] = true;
                        queue.push(w.index());
                    }
                }
            }
            let c = in_c.iter().filter(|&&b| b).count();
            // C − v: remove v and every node outside C
            let mut removed: Vec<usize> = (0..n).filter(|&x| !in_c[x]).collect();
            removed.push(v);
            let largest = component_sizes(g, &removed).first().copied().unwrap_or(0);
            c - 1 - largest
        })
        .collect()
}

// ---------------------------------------------------------------- by hand

#[test]
fn fragility_of_a_path() {
    // 0 – 1 – 2 – 3 – 4, |C| = 5.
    // without 1: {0}, {2, 3, 4}: 5 − 1 − 3 = 1. without 2: {0, 1}, {3, 4}: 4 − 2 = 2.
    let g = graph(5, &[(0, 1), (1, 2), (2, 3), (3, 4)]);
    assert_eq!(fragility(&g), [0, 1, 2, 1, 0]);
    assert_eq!(articulation_points(&g), [1, 2, 3]);
    assert_eq!(bridges(&g), [(0, 1), (1, 2), (2, 3), (3, 4)]);
}

#[test]
fn fragility_of_a_star() {
    // centre 0, leaves 1–4: without 0, four singletons: 5 − 1 − 1 = 3.
    let g = graph(5, &[(0, 1), (0, 2), (0, 3), (0, 4)]);
    assert_eq!(fragility(&g), [3, 0, 0, 0, 0]);
    assert_eq!(articulation_points(&g), [0]);
}

#[test]
fn fragility_of_a_barbell() {
    // networkx barbell_graph(3, 1): triangles {0, 1, 2} and {4, 5, 6}, joined by
    // 2 – 3 – 4; plus an isolated node 7 and a separate edge 8 – 9. |C| = 7.
    // without 2: {0, 1}, {3, 4, 5, 6}: 6 − 4 = 2. without 3: {0, 1, 2}, {4, 5, 6}:
    // 6 − 3 = 3. without 4: 2. The others: 0 (7, 8, 9 included).
    let g = graph(
        10,
        &[
            (0, 1),
            (1, 2),
            (2, 0),
            (2, 3),
            (3, 4),
            (4, 5),
            (5, 6),
            (6, 4),
            (8, 9),
        ],
    );
    assert_eq!(fragility(&g), [0, 0, 2, 3, 2, 0, 0, 0, 0, 0]);
    assert_eq!(articulation_points(&g), [2, 3, 4]);
    assert_eq!(bridges(&g), [(2, 3), (3, 4), (8, 9)]);
}

#[test]
fn fragility_ignores_self_loops_and_parallel_edges() {
    let g = graph(3, &[(0, 1), (1, 0), (1, 1), (1, 2)]);
    assert_eq!(fragility(&g), [0, 1, 0]);
}

#[test]
fn fragmentation_of_small_graphs() {
    // 0 – 1 – 2 and 3 – 4: pairs {0,1}, {0,2}, {1,2}, {3,4} connected out of 10:
    // F = 1 − 4/10. Without 1: {0}, {2}, {3, 4} over 4 nodes: 1 − 1/6.
    let g = graph(5, &[(0, 1), (1, 2), (3, 4)]);
    assert!((fragmentation(&g, &[]) - 0.6).abs() < 1e-12);
    assert!((fragmentation(&g, &[1]) - 5.0 / 6.0).abs() < 1e-12);
    // fewer than two nodes left: no pair to cut
    assert_eq!(fragmentation(&g, &[0, 1, 2, 3]), 0.0);
}

/// Two stars with centres joined: 0 with leaves 1–4, 5 with leaves 6, 7; edge 0 – 5.
fn two_stars() -> UnGraph<(), f64> {
    graph(8, &[(0, 1), (0, 2), (0, 3), (0, 4), (5, 6), (5, 7), (0, 5)])
}

#[test]
fn key_player_is_the_centre_of_the_larger_star() {
    // without 0: {1}, {2}, {3}, {4}, {5, 6, 7}: 3 connected pairs of C(7, 2) = 21,
    // F = 1 − 3/21 = 6/7. Without 5: {6}, {7}, {0, 1, 2, 3, 4}: 10 pairs, F = 11/21.
    let g = two_stars();
    for seed in 0..10 {
        let kp = key_players(&g, 1, seed);
        assert_eq!(kp.players, [0]);
        assert_eq!(kp.fragmentation_before, 0.0);
        assert!((kp.fragmentation_after - 6.0 / 7.0).abs() < 1e-12);
        assert_eq!(kp.component_sizes, [3, 1, 1, 1, 1]);
    }
}

#[test]
fn two_key_players_are_both_centres() {
    // without 0 and 5: six isolated leaves, F = 1.
    let kp = key_players(&two_stars(), 2, 7);
    assert_eq!(kp.players, [0, 5]);
    assert_eq!(kp.fragmentation_after, 1.0);
    assert_eq!(kp.component_sizes, [1; 6]);
}

#[test]
fn key_players_tie_break_follows_the_seed() {
    // two equal stars, centres 0 and 4 joined: removing either centre gives F = 5/7
    let g = graph(8, &[(0, 1), (0, 2), (0, 3), (4, 5), (4, 6), (4, 7), (0, 4)]);
    let mut chosen = std::collections::BTreeSet::new();
    for seed in 0..20 {
        let kp = key_players(&g, 1, seed);
        assert_eq!(kp, key_players(&g, 1, seed), "same seed, same set");
        assert!((kp.fragmentation_after - 5.0 / 7.0).abs() < 1e-12);
        chosen.insert(kp.players[0]);
    }
    assert_eq!(chosen.into_iter().collect::<Vec<_>>(), [0, 4]);
}

#[test]
fn key_players_can_stop_at_a_local_optimum() {
    // 0 – 1 – 2 – 3 – 4, k = 2. The best pair {1, 3} leaves three singletons, F = 1.
    // Greedy removes 2 first ({0, 1}, {3, 4}: 2 pairs, against 3 without 1 or 3), then
    // any of the four others (1 pair left each). From {1, 2}, putting 2 back and
    // removing 3 reaches {1, 3}; from {0, 2}, every single swap leaves at least 1 pair
    // of C(3, 2) = 3: the search stops at F = 2/3 (documented). Which one depends on
    // the seed.
    let g = graph(5, &[(0, 1), (1, 2), (2, 3), (3, 4)]);
    let mut outcomes = std::collections::BTreeSet::new();
    for seed in 0..20 {
        let kp = key_players(&g, 2, seed);
        let expected = if kp.players == [1, 3] {
            1.0
        } else {
            assert!(
                kp.players == [0, 2] || kp.players == [2, 4],
                "{:?}",
                kp.players
            );
            2.0 / 3.0
        };
        assert!((kp.fragmentation_after - expected).abs() < 1e-12);
        outcomes.insert(kp.players);
    }
    assert!(
        outcomes.contains(&vec![1, 3]),
        "some seeds find the optimum"
    );
    assert!(outcomes.len() > 1, "some seeds stop at a local optimum");
}

#[test]
fn key_players_edge_cases() {
    let g = graph(3, &[(0, 1), (1, 2)]);
    let none = key_players(&g, 0, 1);
    assert!(none.players.is_empty());
    assert_eq!(
        (none.fragmentation_before, none.fragmentation_after),
        (0.0, 0.0)
    );
    assert_eq!(none.component_sizes, [3]);
    let all = key_players(&g, 5, 1);
    assert_eq!(all.players, [0, 1, 2]);
    assert!(all.component_sizes.is_empty());
    let empty = key_players(&graph(0, &[]), 2, 1);
    assert!(empty.players.is_empty());
}

// ---------------------------------------------------------- brute force

/// A seeded random graph of 2–14 nodes (at most `max_n`), density drawn in [0, 1).
fn random_graph(seed: u64, max_n: usize) -> UnGraph<(), f64> {
    let mut rng = SeededRng::new(seed);
    let n = 2 + rng.below(max_n - 1);
    // favour sparse graphs, where cut points are
    let p = rng.next_f64() * rng.next_f64();
    let mut edges = Vec::new();
    for u in 0..n as u32 {
        for v in u + 1..n as u32 {
            if rng.next_f64() < p {
                edges.push((u, v));
            }
        }
    }
    graph(n, &edges)
}

#[test]
fn fragility_equals_remove_and_recount_on_random_graphs() {
    let mut fragile = 0;
    for seed in 0..200 {
        let g = random_graph(seed, 14);
        let f = fragility(&g);
        assert_eq!(f, brute_fragility(&g), "seed {seed}");
        let points = articulation_points(&g);
        let positive: Vec<usize> = (0..g.node_count()).filter(|&v| f[v] > 0).collect();
        assert_eq!(
            positive, points,
            "seed {seed}: positive fragility at the articulation points"
        );
        fragile += points.len();
    }
    assert!(fragile > 100, "the random graphs have articulation points");
}

#[test]
fn articulation_points_and_bridges_equal_brute_force_on_random_graphs() {
    for seed in 0..200 {
        let g = random_graph(seed, 14);
        let count = component_sizes(&g, &[]).len();
        let points: Vec<usize> = (0..g.node_count())
            .filter(|&v| {
                let isolated = g.neighbors(NodeIndex::new(v)).next().is_none();
                !isolated && component_sizes(&g, &[v]).len() > count
            })
            .collect();
        assert_eq!(articulation_points(&g), points, "seed {seed}");
        let mut expected = Vec::new();
        for e in g.edge_indices() {
            let mut h = g.clone();
            let (u, v) = h.edge_endpoints(e).unwrap();
            h.remove_edge(e);
            if component_sizes(&h, &[]).len() > count {
                expected.push((u.index().min(v.index()), u.index().max(v.index())));
            }
        }
        expected.sort_unstable();
        assert_eq!(bridges(&g), expected, "seed {seed}");
    }
}

/// Every k-subset of 0..n, in lexicographic order.
fn subsets(n: usize, k: usize) -> Vec<Vec<usize>> {
    if k == 0 {
        return vec![vec![]];
    }
    let mut out = Vec::new();
    for first in 0..n {
        for mut rest in subsets(n, k - 1)
            .into_iter()
            .filter(|s| s.first().is_none_or(|&x| x > first))
        {
            rest.insert(0, first);
            out.push(rest);
        }
    }
    out
}

#[test]
fn key_players_against_exhaustive_search_on_random_graphs() {
    let mut short_of_optimum = Vec::new();
    for seed in 0..200 {
        let g = random_graph(seed, 10);
        let n = g.node_count();
        for k in 1..=2.min(n) {
            let kp = key_players(&g, k, seed);
            assert_eq!(kp.players.len(), k);
            assert!(
                kp.players.windows(2).all(|w| w[0] < w[1]),
                "sorted, distinct"
            );
            // reported figures agree with an independent count
            assert_eq!(
                kp.component_sizes,
                component_sizes(&g, &kp.players),
                "seed {seed}, k {k}"
            );
            let f = brute_fragmentation(&g, &kp.players);
            assert!(
                (kp.fragmentation_after - f).abs() < 1e-12,
                "seed {seed}, k {k}"
            );
            assert!((kp.fragmentation_before - brute_fragmentation(&g, &[])).abs() < 1e-12);
            assert!((fragmentation(&g, &kp.players) - f).abs() < 1e-12);
            // the optimum over every k-subset
            let best = subsets(n, k)
                .iter()
                .map(|s| brute_fragmentation(&g, s))
                .fold(f64::NEG_INFINITY, f64::max);
            if k == 1 {
                assert!(
                    (f - best).abs() < 1e-12,
                    "seed {seed}: k = 1 must be optimal, {f} < {best}"
                );
            } else if f < best - 1e-12 {
                short_of_optimum.push((seed, f, best));
            }
            // a local optimum: no swap of a member for a non-member improves F
            let pairs = connected_pairs(&g, &kp.players);
            for i in 0..k {
                for v in (0..n).filter(|v| !kp.players.contains(v)) {
                    let mut swapped = kp.players.clone();
                    swapped[i] = v;
                    assert!(
                        connected_pairs(&g, &swapped) >= pairs,
                        "seed {seed}, k {k}: swapping {} for {v} improves {:?}",
                        kp.players[i],
                        kp.players
                    );
                }
            }
        }
    }
    if !short_of_optimum.is_empty() {
        eprintln!(
            "k = 2, greedy + swaps short of the optimum (seed, F, best): {short_of_optimum:?}"
        );
    }
}

/// Key players by the heuristic's steps, each candidate removed and the pairs counted
/// again: the greedy start, then swap passes, ties drawn in node order with the seed.
fn step_by_step_key_players(g: &UnGraph<(), f64>, k: usize, seed: u64) -> Vec<usize> {
    let n = g.node_count();
    let k = k.min(n);
    let mut rng = SeededRng::new(seed);
    // the candidate whose removal, with `removed`, leaves the fewest connected pairs
    let best = |removed: &[usize], rng: &mut SeededRng| {
        let mut best = usize::MAX;
        let mut ties = Vec::new();
        for v in (0..n).filter(|v| !removed.contains(v)) {
            let mut set = removed.to_vec();
            set.push(v);
            let after = connected_pairs(g, &set);
            if after < best {
                best = after;
                ties.clear();
            }
            if after == best {
                ties.push(v);
            }
        }
        (ties[rng.below(ties.len())], best)
    };
    let mut players: Vec<usize> = Vec::new();
    for _ in 0..k {
        let (v, _) = best(&players, &mut rng);
        players.push(v);
    }
    loop {
        let mut improved = false;
        for i in 0..players.len() {
            let current = connected_pairs(g, &players);
            let mut others = players.clone();
            others.remove(i);
            let (v, after) = best(&others, &mut rng);
            if after < current {
                players[i] = v;
                improved = true;
            }
        }
        if !improved {
            break;
        }
    }
    players.sort_unstable();
    players
}

#[test]
fn key_players_follow_the_heuristic_step_by_step_on_random_graphs() {
    for seed in 0..150 {
        let g = random_graph(seed, 24);
        for k in 1..=3.min(g.node_count()) {
            assert_eq!(
                key_players(&g, k, seed).players,
                step_by_step_key_players(&g, k, seed),
                "seed {seed}, k {k}"
            );
        }
    }
}

#[test]
fn key_players_are_deterministic() {
    for seed in 0..50 {
        let g = random_graph(seed, 14);
        let k = 1 + (seed as usize % 3);
        assert_eq!(key_players(&g, k, seed), key_players(&g, k, seed));
    }
}

// ------------------------------------------------------------ networkx

#[test]
fn articulation_points_bridges_and_components_equal_networkx() {
    for r in common::references() {
        let expected = &r.expected;
        let want_points: Vec<usize> =
            serde_json::from_value(expected["articulation_points"].clone()).unwrap();
        let want_bridges: Vec<(usize, usize)> =
            serde_json::from_value(expected["bridges"].clone()).unwrap();
        let want_components: Vec<Vec<usize>> =
            serde_json::from_value(expected["components"].clone()).unwrap();
        assert_eq!(articulation_points(&r.graph), want_points, "{}", r.name);
        assert_eq!(bridges(&r.graph), want_bridges, "{}", r.name);

        // components: rustworkx-core's, normalised as networkx's fixture
        let mut components: Vec<Vec<usize>> =
            rustworkx_core::connectivity::connected_components(&r.graph)
                .into_iter()
                .map(|c| {
                    let mut c: Vec<usize> = c.into_iter().map(|v| v.index()).collect();
                    c.sort_unstable();
                    c
                })
                .collect();
        components.sort();
        assert_eq!(components, want_components, "{}", r.name);

        // the library's own search: component sizes (key players with k = 0) and
        // fragility positive exactly at networkx's articulation points
        let mut sizes: Vec<usize> = want_components.iter().map(Vec::len).collect();
        sizes.sort_unstable_by(|a, b| b.cmp(a));
        assert_eq!(
            key_players(&r.graph, 0, 0).component_sizes,
            sizes,
            "{}",
            r.name
        );
        let f = fragility(&r.graph);
        let positive: Vec<usize> = (0..f.len()).filter(|&v| f[v] > 0).collect();
        assert_eq!(positive, want_points, "{}", r.name);
        let g = r.graph.map(|_, _| (), |_, w| *w);
        assert_eq!(f, brute_fragility(&g), "{}", r.name);
    }
}

#[test]
fn key_players_of_reference_graphs_are_local_optima() {
    for r in common::references() {
        let g = r.graph.map(|_, _| (), |_, w| *w);
        let n = g.node_count();
        let kp = key_players(&g, 3, 42);
        let pairs = connected_pairs(&g, &kp.players);
        for i in 0..kp.players.len() {
            for v in (0..n).filter(|v| !kp.players.contains(v)) {
                let mut swapped = kp.players.clone();
                swapped[i] = v;
                assert!(
                    connected_pairs(&g, &swapped) >= pairs,
                    "{}: swap {} for {v}",
                    r.name,
                    kp.players[i]
                );
            }
        }
        // k = 1 is exact: the best single removal
        let kp1 = key_players(&g, 1, 42);
        let best = (0..n)
            .map(|v| brute_fragmentation(&g, &[v]))
            .fold(f64::NEG_INFINITY, f64::max);
        assert!((kp1.fragmentation_after - best).abs() < 1e-12, "{}", r.name);
    }
}
