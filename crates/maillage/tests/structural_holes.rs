//! Burt's constraint and effective size against networkx 3.6
//! (`tests/fixtures/networkx/`, built by `make_fixtures.py`) and on small graphs whose
//! figures are known by hand.

mod common;

use common::{assert_close, references, Reference};
use maillage::network::{constraint, effective_size};
use petgraph::graph::UnGraph;

/// Largest absolute difference with networkx where both are defined, printed for the
/// record (`cargo test -- --nocapture`).
fn deviation(r: &Reference, figure: &str, got: &[Option<f64>]) {
    let worst = r
        .per_node(figure)
        .iter()
        .zip(got)
        .filter_map(|(w, g)| Some((w.as_ref()? - g.as_ref()?).abs()))
        .fold(0.0, f64::max);
    eprintln!(
        "{:>20} {figure:>15}: largest deviation from networkx {worst:.3e}",
        r.name
    );
}

fn close(got: &[Option<f64>], want: &[Option<f64>], tolerance: f64) -> bool {
    got.len() == want.len()
        && got.iter().zip(want).all(|(g, w)| match (g, w) {
            (Some(g), Some(w)) => (g - w).abs() <= tolerance,
            (None, None) => true,
            _ => false,
        })
}

#[test]
fn constraint_agrees_with_networkx() {
    for r in references() {
        let c = constraint(&r.graph);
        deviation(&r, "constraint", &c);
        assert_close(&r, "constraint", &c, 1e-9);
    }
}

/// True when every edge has the same weight: there networkx's two computations of
/// effective size agree (see `effective_size_agrees_with_networkx_per_node`).
fn equal_weights(r: &Reference) -> bool {
    let mut weights = r.graph.edge_weights();
    let first = weights.next().copied();
    weights.all(|w| Some(*w) == first)
}

#[test]
fn effective_size_agrees_with_networkx_fixtures_on_graphs_of_equal_weights() {
    let mut checked = 0;
    for r in references().into_iter().filter(equal_weights) {
        let e = effective_size(&r.graph);
        deviation(&r, "effective_size", &e);
        assert_close(&r, "effective_size", &e, 1e-9);
        checked += 1;
    }
    assert!(checked > 0);
}

/// networkx 3.6 `effective_size(G, nodes=list(G), weight="weight")`: the per-node
/// computation, which follows Burt's definition. Without `nodes`, networkx takes a
/// sparse-matrix path that divides by the wrong node's strongest tie on weighted graphs
/// (networkx PR #8906), and `make_fixtures.py` records that path.
#[test]
fn effective_size_agrees_with_networkx_per_node() {
    for (name, want) in [
        ("karate", &NX_EFFECTIVE_SIZE_KARATE[..]),
        ("les_miserables", &NX_EFFECTIVE_SIZE_LES_MISERABLES[..]),
        ("davis_women", &NX_EFFECTIVE_SIZE_DAVIS_WOMEN[..]),
    ] {
        let r = common::reference(name);
        let got = effective_size(&r.graph);
        assert_eq!(got.len(), want.len(), "{name}");
        let mut worst: f64 = 0.0;
        for (i, (g, w)) in got.iter().zip(want).enumerate() {
            let g = g.unwrap_or_else(|| panic!("{name} node {i}: no effective size"));
            assert!(
                (g - w).abs() <= 1e-9,
                "{name} effective size of node {i} ({}): got {g}, networkx {w}",
                r.nodes[i]
            );
            worst = worst.max((g - w).abs());
        }
        eprintln!(
            "{name:>20} {:>15}: largest deviation from networkx (per node) {worst:.3e}",
            "effective_size"
        );
    }
}

/// The fixtures hold networkx's per-node `effective_size(g, nodes=list(g),
/// weight="weight")`: its default sparse path is wrong on weighted graphs (networkx
/// PR #8906).
#[test]
fn effective_size_agrees_with_networkx_fixtures() {
    for r in references() {
        let e = effective_size(&r.graph);
        deviation(&r, "effective_size", &e);
        assert_close(&r, "effective_size", &e, 1e-9);
    }
}

#[test]
fn isolated_actors_have_no_figure() {
    // lyon7 has isolated actors: networkx gives NaN, here None
    let r = common::reference("lyon7");
    let isolated = r
        .per_node("constraint")
        .iter()
        .filter(|c| c.is_none())
        .count();
    assert!(isolated > 0);
    assert_eq!(
        constraint(&r.graph).iter().filter(|c| c.is_none()).count(),
        isolated
    );
}

#[test]
fn empty_graph_has_no_figures() {
    let g = UnGraph::<(), f64>::default();
    assert!(constraint(&g).is_empty());
    assert!(effective_size(&g).is_empty());
}

#[test]
fn single_node_has_no_figure() {
    let mut g = UnGraph::<(), f64>::default();
    g.add_node(());
    assert_eq!(constraint(&g), [None]);
    assert_eq!(effective_size(&g), [None]);
}

#[test]
fn star_centre_is_unconstrained_by_unconnected_leaves() {
    // centre 0, leaves 1..=4 and an isolated node 5
    let mut g = UnGraph::<(), f64>::from_edges((1..=4).map(|i| (0, i, 1.0)));
    g.add_node(());
    let leaf = Some(1.0);
    assert!(close(
        &constraint(&g),
        &[Some(0.25), leaf, leaf, leaf, leaf, None],
        1e-15
    ));
    assert!(close(
        &effective_size(&g),
        &[Some(4.0), leaf, leaf, leaf, leaf, None],
        1e-15
    ));
}

#[test]
fn weighted_star_concentrates_constraint_on_the_strong_tie() {
    // centre 0 with ties of weight 3 and 1: p = 3/4 and 1/4
    let g = UnGraph::<(), f64>::from_edges([(0, 1, 3.0), (0, 2, 1.0)]);
    let c = constraint(&g);
    assert!((c[0].unwrap() - (0.5625 + 0.0625)).abs() < 1e-15);
    // no tie between the contacts: nothing redundant, whatever the weights
    assert_eq!(effective_size(&g)[0], Some(2.0));
}

#[test]
fn path_ends_are_fully_constrained() {
    // 0 - 1 - 2 - 3
    let g = UnGraph::<(), f64>::from_edges([(0, 1, 1.0), (1, 2, 1.0), (2, 3, 1.0)]);
    let one = Some(1.0);
    assert!(close(
        &constraint(&g),
        &[one, Some(0.5), Some(0.5), one],
        1e-15
    ));
    assert!(close(
        &effective_size(&g),
        &[one, Some(2.0), Some(2.0), one],
        1e-15
    ));
}

#[test]
fn triangle_ties_are_redundant() {
    // networkx: constraint(nx.complete_graph(3)) = 1.125, effective_size = 1.0
    let g = UnGraph::<(), f64>::from_edges([(0, 1, 1.0), (1, 2, 1.0), (2, 0, 1.0)]);
    assert!(close(&constraint(&g), &[Some(1.125); 3], 1e-15));
    assert!(close(&effective_size(&g), &[Some(1.0); 3], 1e-15));
}

/// networkx 3.6 on the graph of `weighted_triangle_with_pendant_matches_networkx`
/// (effective size: per node, `nodes=list(G)`; the sparse path gives 2.636 and 1.25
/// for nodes 0 and 2).
const NX_CONSTRAINT: [f64; 4] = [
    0.7027089072543617,
    1.3260445362718087,
    1.11352157943067,
    1.0,
];
const NX_EFFECTIVE: [f64; 4] = [2.606060606060606, 1.0, 1.0833333333333335, 1.0];

#[test]
fn weighted_triangle_with_pendant_matches_networkx() {
    // networkx 3.6: G = nx.Graph(); G.add_weighted_edges_from(
    //     [(0, 1, 2.0), (1, 2, 1.0), (0, 2, 3.0), (0, 3, 0.5)])
    let g = UnGraph::<(), f64>::from_edges([(0, 1, 2.0), (1, 2, 1.0), (0, 2, 3.0), (0, 3, 0.5)]);
    let c = constraint(&g);
    let e = effective_size(&g);
    let want_c = NX_CONSTRAINT.map(Some);
    let want_e = NX_EFFECTIVE.map(Some);
    assert!(close(&c, &want_c, 1e-12), "{c:?}");
    assert!(close(&e, &want_e, 1e-12), "{e:?}");
}

#[test]
fn parallel_edges_count_as_one_tie_of_summed_weight() {
    let merged = UnGraph::<(), f64>::from_edges([(0, 1, 3.0), (1, 2, 1.0), (0, 2, 1.0)]);
    let split = UnGraph::<(), f64>::from_edges([
        (0, 1, 1.0),
        (1, 0, 2.0),
        (1, 2, 1.0),
        (0, 2, 1.0),
        (2, 2, 4.0),
    ]);
    assert!(close(&constraint(&split), &constraint(&merged), 1e-15));
    assert!(close(
        &effective_size(&split),
        &effective_size(&merged),
        1e-15
    ));
}

// networkx 3.6, effective_size(G, nodes=list(G), weight="weight") on the reference graphs
#[rustfmt::skip]
const NX_EFFECTIVE_SIZE_KARATE: [f64; 34] = [
    13.775000000000002, 6.4672413793103445, 7.946969696969697, 3.6333333333333333, 2.225,
    2.942857142857143, 2.7846153846153845, 1.4615384615384617, 3.396078431372549, 2.0, 2.15, 1.0,
    1.3, 2.923529411764706, 1.0, 1.0, 1.0, 1.288888888888889, 1.0, 2.413333333333333, 1.0,
    1.2666666666666666, 1.0, 3.723809523809524, 2.428571428571429, 2.6258503401360542,
    1.5666666666666669, 3.5076923076923077, 2.5428571428571427, 2.4923076923076923,
    2.690909090909091, 5.141043083900226, 10.089285714285714, 15.22891865079365,
];

#[rustfmt::skip]
const NX_EFFECTIVE_SIZE_LES_MISERABLES: [f64; 77] = [
    1.0, 9.438163371488033, 1.925237191650854, 1.9674448217317486, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0,
    32.960086818281034, 1.0, 1.4731182795698925, 1.0, 1.0, 1.0, 2.4770833333333333,
    4.760483870967741, 2.4770833333333333, 2.532222222222222, 2.412179487179487,
    2.3419999999999996, 2.4185185185185185, 11.155609938394871, 7.481305291055264,
    12.710817409174954, 7.32547522487806, 11.861599247868376, 3.1920122887864824,
    4.157361087152358, 1.6296296296296298, 2.813119333755007, 1.0, 1.1505376344086022,
    2.3471582181259603, 2.3471582181259603, 2.3294232649071356, 2.3294232649071356,
    2.3294232649071356, 2.916971916971917, 1.0, 8.585981356105194, 1.926153846153846,
    1.4721062618595826, 1.5564516129032258, 1.0, 2.0, 1.0, 16.618983306722193, 4.690105408125431,
    2.0, 5.356274627663126, 2.0, 1.0, 2.463005632360471, 15.569091420528254, 1.2142857142857144,
    7.307799369747898, 9.548099835467687, 5.15304209919262, 3.613637033760873, 5.2546955624355,
    7.089789249032946, 6.175005386770091, 6.937451911360831, 6.159585694743013, 4.179131652661065,
    1.0, 6.6400992138791, 6.666300211841009, 6.618341604631928, 6.198761969634836,
    1.825426944971537, 1.5619047619047621, 1.5619047619047621, 3.8095378979994363,
    3.424469787915166,
];

#[rustfmt::skip]
const NX_EFFECTIVE_SIZE_DAVIS_WOMEN: [f64; 18] = [
    8.774523809523808, 7.0701058201058204, 9.036131996658314, 7.202639751552796, 4.544146825396826,
    6.956845238095238, 7.144510582010582, 8.109447004608297, 8.849404761904761, 8.792293233082708,
    8.02886002886003, 7.851673101673101, 8.84963768115942, 8.890088593576966, 8.704831932773109,
    8.254464285714286, 5.874149659863946, 5.874149659863946,
];
