//! Property tests of the invariants of the network and spatial figures, on random
//! graphs and random catchments (docs/analyses.md): the E-I index lies in [−1, 1];
//! brokerage roles add up to the open pairs around each broker; the mixing matrix
//! counts every edge once; 2SFCA and enhanced 2SFCA conserve supply.

use maillage::network::{brokerage, ei_index, mixing_matrix, Partition};
use maillage::spatial::{enhanced_two_step_fca, two_step_fca, CostMatrix, DistanceDecay};
use petgraph::graph::UnGraph;
use proptest::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

/// A random graph on up to 30 nodes, with a group among four for each node. `build`
/// makes it simple, as the network projection is, except for self-loops, which the
/// figures must ignore.
fn graph_and_groups() -> impl Strategy<Value = (usize, Vec<(u32, u32)>, Vec<String>)> {
    (1usize..30).prop_flat_map(|n| {
        (
            Just(n),
            prop::collection::vec((0..n as u32, 0..n as u32), 0..80),
            prop::collection::vec(
                prop::sample::select(vec!["ambulatory", "social", "hospital", "coordination"]),
                n,
            )
            .prop_map(|v| v.into_iter().map(str::to_owned).collect()),
        )
    })
}

fn build(n: usize, edges: &[(u32, u32)]) -> UnGraph<(), f64> {
    let mut g = UnGraph::<(), f64>::with_capacity(n, edges.len());
    for _ in 0..n {
        g.add_node(());
    }
    let mut seen = BTreeSet::new();
    for &(a, b) in edges {
        if seen.insert((a.min(b), a.max(b))) {
            g.add_edge(a.into(), b.into(), 1.0);
        }
    }
    g
}

/// The simple undirected edges, self-loops dropped.
fn simple_edges(edges: &[(u32, u32)]) -> BTreeSet<(u32, u32)> {
    edges
        .iter()
        .filter(|(a, b)| a != b)
        .map(|&(a, b)| (a.min(b), a.max(b)))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn ei_index_lies_between_minus_one_and_one((n, edges, groups) in graph_and_groups()) {
        let g = build(n, &edges);
        let ei = ei_index(&g, &Partition::from_labels(&groups));
        let in_range = |x: &Option<f64>| x.is_none_or(|x| (-1.0..=1.0).contains(&x));
        prop_assert!(in_range(&ei.global));
        prop_assert!(ei.by_group.iter().all(in_range));
        prop_assert!(ei.by_actor.iter().all(in_range));
        prop_assert_eq!(ei.external + ei.internal, simple_edges(&edges).len() as u64);
        prop_assert_eq!(ei.global.is_none(), simple_edges(&edges).is_empty());
    }

    #[test]
    fn mixing_matrix_counts_every_edge_once((n, edges, groups) in graph_and_groups()) {
        let g = build(n, &edges);
        let p = Partition::from_labels(&groups);
        let mixing = mixing_matrix(&g, &p);
        let simple = simple_edges(&edges);
        prop_assert_eq!(mixing.total(), simple.len() as u64);
        for a in 0..mixing.names.len() {
            for b in 0..mixing.names.len() {
                prop_assert_eq!(mixing.get(a, b), mixing.get(b, a));
            }
        }
        // and each cell is the number of edges between its two groups
        let mut expected: BTreeMap<(u32, u32), u64> = BTreeMap::new();
        for (a, b) in simple {
            let (ga, gb) = (p.group_of[a as usize], p.group_of[b as usize]);
            *expected.entry((ga.min(gb), ga.max(gb))).or_default() += 1;
        }
        for (g1, g2, count) in mixing.pairs() {
            prop_assert_eq!(count, expected.get(&(g1 as u32, g2 as u32)).copied().unwrap_or(0));
        }
    }

    #[test]
    fn brokerage_roles_sum_to_the_open_pairs_around_each_broker((n, edges, groups) in graph_and_groups()) {
        let g = build(n, &edges);
        let roles = brokerage(&g, &Partition::from_labels(&groups));
        let simple = simple_edges(&edges);
        let adjacent = |a: u32, b: u32| simple.contains(&(a.min(b), a.max(b)));
        for (b, r) in roles.iter().enumerate() {
            let b = b as u32;
            let neighbours: Vec<u32> = (0..n as u32).filter(|&x| x != b && adjacent(x, b)).collect();
            let mut open = 0u64;
            for (i, &x) in neighbours.iter().enumerate() {
                for &y in &neighbours[i + 1..] {
                    if !adjacent(x, y) {
                        open += 1;
                    }
                }
            }
            prop_assert_eq!(r.coordinator + r.itinerant + r.gatekeeper + r.liaison, r.total);
            prop_assert_eq!(r.total, open, "broker {}", b);
        }
    }

    #[test]
    fn two_step_fca_conserves_the_supply_with_demand_in_reach(
        zones in 1usize..15,
        sites in 1usize..15,
        raw in prop::collection::vec((0usize..15, 0usize..15, 0.0f64..3000.0), 0..120),
        demand in prop::collection::vec(prop_oneof![Just(0.0), 1.0f64..5000.0], 15),
        supply in prop::collection::vec(prop_oneof![Just(0.0), 0.1f64..5.0], 15),
    ) {
        let d0 = 2000.0;
        let entries: BTreeMap<(usize, usize), f64> = raw
            .into_iter()
            .filter(|&(z, s, _)| z < zones && s < sites)
            .map(|(z, s, c)| ((z, s), c))
            .collect();
        let cost = CostMatrix::from_entries(zones, sites, 3000.0, entries.iter().map(|(&(z, s), &c)| (z, s, c)));
        let (demand, supply) = (&demand[..zones], &supply[..sites]);
        // the suppliers some inhabited zone reaches within d0
        let reached: BTreeSet<usize> = entries
            .iter()
            .filter(|(&(z, _), &c)| c <= d0 && demand[z] > 0.0)
            .map(|(&(_, s), _)| s)
            .collect();
        let expected: f64 = reached.iter().map(|&s| supply[s]).sum();
        let check = |access: Vec<f64>| -> Result<(), TestCaseError> {
            prop_assert!(access.iter().all(|a| a.is_finite() && *a >= 0.0));
            let total: f64 = access.iter().zip(demand).map(|(a, p)| a * p).sum();
            prop_assert!((total - expected).abs() <= 1e-9 * expected.max(1.0), "{} vs {}", total, expected);
            Ok(())
        };
        check(two_step_fca(demand, supply, &cost, d0))?;
        // enhanced 2SFCA, both decays: the weights cancel out of the sum
        let steps = DistanceDecay::steps(&[(d0 / 3.0, 1.0), (2.0 * d0 / 3.0, 0.68), (d0, 0.22)]);
        check(enhanced_two_step_fca(demand, supply, &cost, d0, &steps))?;
        let gaussian = DistanceDecay::gaussian(d0 / 2.0);
        check(enhanced_two_step_fca(demand, supply, &cost, d0, &gaussian))?;
    }
}
