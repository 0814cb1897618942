//! Mixing matrix, E-I index and Gould–Fernandez brokerage (docs/analyses.md §1): small
//! graphs worked by hand, brute force on seeded random graphs, and the reference graphs
//! that carry groups (karate: club; lyon7: sector).

mod common;

use maillage::network::SeededRng;
use maillage::network::{brokerage, ei_index, mixing_matrix, Brokerage, Partition};
use petgraph::graph::{NodeIndex, UnGraph};
use std::collections::BTreeSet;

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

/// The first hand-worked graph. Groups: a = {0, 1, 5}, b = {2, 3}, c = {4}.
///
/// ```text
///        1(a)
///       /    \
///   4 – 0 –– 2      5 (isolated)
///  (c)  (a)  (b)
///        \  /
///        3(b)
/// ```
/// Edges: 0–1, 0–2, 0–3, 0–4, 1–2, 2–3.
fn hand_graph() -> (UnGraph<(), f64>, Partition) {
    let g = graph(6, &[(0, 1), (0, 2), (0, 3), (0, 4), (1, 2), (2, 3)]);
    (g, Partition::from_labels(&["a", "a", "b", "b", "c", "a"]))
}

#[test]
fn partition_sorts_groups_by_name() {
    let p = Partition::from_labels(&["social", "soin", "ecole", "soin"]);
    assert_eq!(p.names, ["ecole", "social", "soin"]);
    assert_eq!(p.group_of, [1, 2, 0, 2]);
    assert_eq!(p.name_of(3), "soin");
    assert_eq!((p.len(), p.group_count()), (4, 3));
}

#[test]
fn mixing_matrix_of_hand_graph() {
    // a–a: 0–1. a–b: 0–2, 0–3, 1–2. a–c: 0–4. b–b: 2–3. b–c, c–c: none. Sum 6 = m.
    let (g, p) = hand_graph();
    let mixing = mixing_matrix(&g, &p);
    assert_eq!(mixing.names, ["a", "b", "c"]);
    assert_eq!(
        mixing.counts,
        vec![vec![1, 3, 1], vec![3, 1, 0], vec![1, 0, 0]]
    );
    let pairs: Vec<_> = mixing.pairs().collect();
    assert_eq!(
        pairs,
        [
            (0, 0, 1),
            (0, 1, 3),
            (0, 2, 1),
            (1, 1, 1),
            (1, 2, 0),
            (2, 2, 0)
        ]
    );
    assert_eq!(mixing.total(), 6);
}

#[test]
fn ei_index_of_hand_graph() {
    // Global: I = a–a + b–b = 2, E = 4: (4 − 2) / 6 = 1/3.
    // a: I = 1 (0–1), E = 3 + 1 = 4: 3/5. b: I = 1 (2–3), E = 3: 2/4. c: E = 1: 1.
    // 0: I = 1 (1), E = 3 (2, 3, 4): 2/4. 1: I = 1 (0), E = 1 (2): 0.
    // 2: I = 1 (3), E = 2 (0, 1): 1/3. 3: I = 1 (2), E = 1 (0): 0. 4: E = 1: 1.
    // 5: isolated, none.
    let (g, p) = hand_graph();
    let ei = ei_index(&g, &p);
    assert_eq!((ei.external, ei.internal), (4, 2));
    let close = |a: Option<f64>, b: Option<f64>| match (a, b) {
        (Some(a), Some(b)) => (a - b).abs() < 1e-12,
        (None, None) => true,
        _ => false,
    };
    assert!(close(ei.global, Some(1.0 / 3.0)), "{:?}", ei.global);
    let groups = [Some(0.6), Some(0.5), Some(1.0)];
    assert!(
        ei.by_group.iter().zip(&groups).all(|(a, b)| close(*a, *b)),
        "{:?}",
        ei.by_group
    );
    let actors = [
        Some(0.5),
        Some(0.0),
        Some(1.0 / 3.0),
        Some(0.0),
        Some(1.0),
        None,
    ];
    assert!(
        ei.by_actor.iter().zip(&actors).all(|(a, b)| close(*a, *b)),
        "{:?}",
        ei.by_actor
    );
}

#[test]
fn ei_index_is_empty_without_edges() {
    let g = graph(3, &[]);
    let ei = ei_index(&g, &Partition::from_labels(&["a", "b", "b"]));
    assert_eq!(ei.global, None);
    assert_eq!(ei.by_group, [None, None]);
    assert_eq!(ei.by_actor, [None, None, None]);
}

#[test]
fn brokerage_of_hand_graph() {
    // Broker 0 (a), neighbours 1 (a), 2 (b), 3 (b), 4 (c); 1–2 and 2–3 are closed.
    //   {1, 3}, {1, 4}: one end in a: gatekeeper ×2. {2, 4}, {3, 4}: a, b, c: liaison ×2.
    // Broker 2 (b), neighbours 0, 1 (a), 3 (b): only {1, 3} open, 3 in b: gatekeeper.
    // Brokers 1 and 3: their two neighbours are linked. 4, 5: fewer than two neighbours.
    let (g, p) = hand_graph();
    let roles = brokerage(&g, &p);
    let gate_liaison = |gatekeeper, liaison| Brokerage {
        gatekeeper,
        liaison,
        total: gatekeeper + liaison,
        ..Brokerage::default()
    };
    let none = Brokerage::default();
    assert_eq!(
        roles,
        [
            gate_liaison(2, 2),
            none,
            gate_liaison(1, 0),
            none,
            none,
            none
        ]
    );
}

#[test]
fn brokerage_counts_each_of_the_four_roles() {
    // A star: centre 0 (a), leaves 1, 2 (a), 3, 4, 6 (b), 5 (c); one leaf edge, 3–4.
    // Pairs around 0: C(6, 2) = 15, minus {3, 4}, closed: 14.
    //   coordinator {1, 2}: 1
    //   itinerant {3, 6}, {4, 6}: 2 ({3, 4} is closed)
    //   gatekeeper {1 or 2} × {3, 4, 5, 6}: 8
    //   liaison {3, 4 or 6} × {5}: 3
    // Leaves 3 and 4 have two neighbours, linked: no opportunity.
    let g = graph(7, &[(0, 1), (0, 2), (0, 3), (0, 4), (0, 5), (0, 6), (3, 4)]);
    let p = Partition::from_labels(&["a", "a", "a", "b", "b", "c", "b"]);
    let roles = brokerage(&g, &p);
    assert_eq!(
        roles[0],
        Brokerage {
            coordinator: 1,
            itinerant: 2,
            gatekeeper: 8,
            liaison: 3,
            total: 14
        }
    );
    assert!(roles[1..].iter().all(|r| *r == Brokerage::default()));
}

#[test]
fn brokerage_ignores_parallel_edges_and_self_loops() {
    // 1 – 0 – 2 with 0–1 doubled and a loop on 0: one open pair, gatekeeper.
    let g = graph(3, &[(0, 1), (1, 0), (0, 0), (0, 2)]);
    let roles = brokerage(&g, &Partition::from_labels(&["a", "a", "b"]));
    assert_eq!(
        roles[0],
        Brokerage {
            gatekeeper: 1,
            total: 1,
            ..Brokerage::default()
        }
    );
}

#[test]
#[should_panic(expected = "the partition has 2 nodes, the graph 3")]
fn refuses_partition_of_another_size() {
    let g = graph(3, &[(0, 1)]);
    mixing_matrix(&g, &Partition::from_labels(&["a", "b"]));
}

/// A seeded random graph of 2–14 nodes, density drawn in [0, 1), 1–4 groups.
fn random_case(seed: u64) -> (UnGraph<(), f64>, Partition) {
    let mut rng = SeededRng::new(seed);
    let n = 2 + rng.below(13);
    let groups = 1 + rng.below(4);
    let p = rng.next_f64();
    let mut edges = Vec::new();
    for u in 0..n as u32 {
        for v in u + 1..n as u32 {
            if rng.next_f64() < p {
                edges.push((u, v));
            }
        }
    }
    let labels: Vec<String> = (0..n).map(|_| format!("g{}", rng.below(groups))).collect();
    (graph(n, &edges), Partition::from_labels(&labels))
}

/// Brokerage by enumerating every triple (a, b, c), a < c, both neighbours of b.
fn brokerage_by_triples(g: &UnGraph<(), f64>, p: &Partition) -> Vec<Brokerage> {
    let n = g.node_count();
    let edges: BTreeSet<(usize, usize)> = g
        .edge_indices()
        .map(|e| {
            let (u, v) = g.edge_endpoints(e).unwrap();
            (u.index().min(v.index()), u.index().max(v.index()))
        })
        .collect();
    let linked = |u: usize, v: usize| edges.contains(&(u.min(v), u.max(v)));
    let group = &p.group_of;
    let mut roles = vec![Brokerage::default(); n];
    for b in 0..n {
        for a in 0..n {
            for c in a + 1..n {
                if a == b || c == b || !linked(a, b) || !linked(b, c) || linked(a, c) {
                    continue;
                }
                let r = &mut roles[b];
                let (ga, gb, gc) = (group[a], group[b], group[c]);
                if ga == gb && gc == gb {
                    r.coordinator += 1;
                } else if ga == gc {
                    r.itinerant += 1;
                } else if ga == gb || gc == gb {
                    r.gatekeeper += 1;
                } else {
                    r.liaison += 1;
                }
                r.total += 1;
            }
        }
    }
    roles
}

#[test]
fn brokerage_equals_triple_enumeration_on_random_graphs() {
    let mut seen = Brokerage::default();
    for seed in 0..200 {
        let (g, p) = random_case(seed);
        let roles = brokerage(&g, &p);
        assert_eq!(roles, brokerage_by_triples(&g, &p), "seed {seed}");
        for r in &roles {
            assert_eq!(
                r.coordinator + r.itinerant + r.gatekeeper + r.liaison,
                r.total,
                "seed {seed}"
            );
            seen.coordinator += r.coordinator;
            seen.itinerant += r.itinerant;
            seen.gatekeeper += r.gatekeeper;
            seen.liaison += r.liaison;
        }
    }
    // the random graphs exercise every role
    assert!(seen.coordinator > 0 && seen.itinerant > 0 && seen.gatekeeper > 0 && seen.liaison > 0);
}

#[test]
fn mixing_and_ei_invariants_on_random_graphs() {
    for seed in 0..200 {
        let (g, p) = random_case(seed);
        let mixing = mixing_matrix(&g, &p);
        assert_eq!(mixing.total(), g.edge_count() as u64, "seed {seed}");
        for (gi, hi, c) in mixing.pairs() {
            assert_eq!(c, mixing.get(hi, gi), "seed {seed}: not symmetric");
        }
        let ei = ei_index(&g, &p);
        assert_eq!(
            ei.external + ei.internal,
            g.edge_count() as u64,
            "seed {seed}"
        );
        let in_range = |x: &Option<f64>| x.is_none_or(|x| (-1.0..=1.0).contains(&x));
        assert!(in_range(&ei.global), "seed {seed}");
        assert!(ei.by_group.iter().all(in_range), "seed {seed}");
        assert!(ei.by_actor.iter().all(in_range), "seed {seed}");
        for v in 0..g.node_count() {
            let isolated = g.neighbors(NodeIndex::new(v)).next().is_none();
            assert_eq!(ei.by_actor[v].is_none(), isolated, "seed {seed}, node {v}");
        }
        // one group: every tie is internal
        if p.group_count() == 1 && g.edge_count() > 0 {
            assert_eq!(ei.global, Some(-1.0), "seed {seed}");
        }
    }
}

#[test]
fn reference_graphs_with_groups() {
    for r in common::references() {
        let Some(labels) = &r.groups else { continue };
        let p = Partition::from_labels(labels);
        let mixing = mixing_matrix(&r.graph, &p);
        assert_eq!(mixing.total(), r.graph.edge_count() as u64, "{}", r.name);
        let g = r.graph.map(|_, _| (), |_, w| *w);
        assert_eq!(
            brokerage(&r.graph, &p),
            brokerage_by_triples(&g, &p),
            "{}",
            r.name
        );
        let ei = ei_index(&r.graph, &p);
        assert_eq!(
            ei.external + ei.internal,
            r.graph.edge_count() as u64,
            "{}",
            r.name
        );
    }
}
