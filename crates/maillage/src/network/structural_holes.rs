//! Burt's structural holes: how much an actor's ties are redundant with each other
//! (constraint, effective size), as networkx `constraint(G, weight="weight")` and
//! `effective_size(G, nodes=list(G), weight="weight")` compute them
//! (docs/analyses.md §1).
//!
//! The spec names `effective_size(G, weight="weight")`; without `nodes`, networkx 3.6
//! takes a sparse-matrix path that, on weighted graphs, divides each tie by the
//! strongest tie of the wrong end (a broadcasting slip, networkx PR #8906): its values
//! then depart from Burt's definition, from networkx's own per-node computation and
//! from UCINET and igraph (by up to 2.8 on Les Misérables). Here, Burt's definition;
//! the two networkx paths agree when all weights are equal.
//!
//! Both rest on the proportional tie strength p_uv = (w_uv + w_vu) / Σ_k (w_uk + w_ku),
//! which on an undirected graph is w_uv / s_u, s_u the strength of u (the sum of its
//! edge weights). An actor with low constraint, or an effective size close to its
//! degree, bridges contacts who are not tied to each other: a broker between networks.
//!
//! The graph is expected to be simple, as [`Network::project`](super::Network::project)
//! builds it, with positive weights: self-loops are ignored and parallel edges merged
//! (weights summed). An isolated node has no figure (`None`, NaN in networkx).

use petgraph::graph::UnGraph;
use petgraph::visit::EdgeRef;
use rayon::prelude::*;

/// Distinct neighbours of each node, sorted, with the summed weight of the edges to
/// each; no self-loops (compressed rows).
struct WeightedAdjacency {
    offsets: Vec<usize>,
    targets: Vec<usize>,
    weights: Vec<f64>,
    /// Sum of each node's weights.
    strength: Vec<f64>,
}

impl WeightedAdjacency {
    fn of<N>(graph: &UnGraph<N, f64>) -> Self {
        let mut lists: Vec<Vec<(usize, f64)>> = vec![Vec::new(); graph.node_count()];
        for e in graph.edge_references() {
            let (a, b, w) = (e.source().index(), e.target().index(), *e.weight());
            if a != b {
                lists[a].push((b, w));
                lists[b].push((a, w));
            }
        }
        let mut offsets = Vec::with_capacity(lists.len() + 1);
        let mut targets = Vec::with_capacity(2 * graph.edge_count());
        let mut weights = Vec::with_capacity(2 * graph.edge_count());
        let mut strength = Vec::with_capacity(lists.len());
        offsets.push(0);
        for mut list in lists {
            // stable: parallel edges are summed in edge order
            list.sort_by_key(|&(t, _)| t);
            let mut s = 0.0;
            for (t, w) in list {
                if targets.len() > *offsets.last().unwrap() && targets.last() == Some(&t) {
                    *weights.last_mut().unwrap() += w;
                } else {
                    targets.push(t);
                    weights.push(w);
                }
                s += w;
            }
            strength.push(s);
            offsets.push(targets.len());
        }
        Self {
            offsets,
            targets,
            weights,
            strength,
        }
    }

    fn len(&self) -> usize {
        self.strength.len()
    }

    /// Neighbours of `v` (sorted) and the weights of the ties to them.
    fn ties(&self, v: usize) -> (&[usize], &[f64]) {
        let range = self.offsets[v]..self.offsets[v + 1];
        (&self.targets[range.clone()], &self.weights[range])
    }

    /// Calls `f(w, weight(u, w), weight(v, w))` for each common neighbour w of `u` and
    /// `v`, in increasing order of w: walks the smaller neighbourhood and looks each
    /// node up in the larger one.
    fn for_common_neighbours(&self, u: usize, v: usize, mut f: impl FnMut(usize, f64, f64)) {
        let (tu, wu) = self.ties(u);
        let (tv, wv) = self.ties(v);
        if tu.len() <= tv.len() {
            for (&w, &weight_u) in tu.iter().zip(wu) {
                if let Ok(i) = tv.binary_search(&w) {
                    f(w, weight_u, wv[i]);
                }
            }
        } else {
            for (&w, &weight_v) in tv.iter().zip(wv) {
                if let Ok(i) = tu.binary_search(&w) {
                    f(w, wu[i], weight_v);
                }
            }
        }
    }
}

/// Burt's constraint: networkx `constraint(G, weight="weight")`.
///
/// c(u) = Σ_{v ∈ N(u)} (p_uv + Σ_{w ∈ N(u) ∩ N(v)} p_uw p_wv)², with p_uv = w_uv / s_u
/// the share of u's tie strength invested in v. High when u's contacts are few or tied
/// to each other (1 for a single tie, 9/8 in a triangle of equal ties), low for a
/// broker (1/d for the centre of a star of d equal ties).
///
/// # Arguments
/// * `graph`: the network, edge weight = summed relation weights (positive).
///
/// # Returns
/// The constraint of each node, indexed by node index; `None` for a node with no tie
/// of positive strength (NaN in networkx).
///
/// # Complexity
/// O(n + m log m + Σ_{(u,v) ∈ E} min(d(u), d(v)) log max(d(u), d(v))) time: near-linear
/// in m for bounded degree. O(n + m) memory. Nodes are computed in parallel (rayon);
/// each node's value does not depend on the number of threads.
///
/// # Example
/// ```
/// use maillage::network::constraint;
/// use petgraph::graph::UnGraph;
/// // a star of centre 0, and an isolated node 4
/// let mut g = UnGraph::<(), f64>::from_edges([(0, 1, 1.0), (0, 2, 1.0), (0, 3, 1.0)]);
/// g.add_node(());
/// let c = constraint(&g);
/// assert!((c[0].unwrap() - 1.0 / 3.0).abs() < 1e-15); // three ties of 1/3, none redundant
/// assert_eq!(c[1], Some(1.0)); // one tie: fully constrained
/// assert_eq!(c[4], None);
/// ```
pub fn constraint<N>(graph: &UnGraph<N, f64>) -> Vec<Option<f64>> {
    let adjacency = WeightedAdjacency::of(graph);
    let strength = &adjacency.strength;
    over_ties(&adjacency, |u, v, p_uv| {
        let s_u = strength[u];
        let mut indirect = 0.0;
        adjacency.for_common_neighbours(u, v, |w, w_uw, w_vw| {
            indirect += (w_uw / s_u) * (w_vw / strength[w]);
        });
        (p_uv + indirect) * (p_uv + indirect)
    })
}

/// For each node u, in parallel: `None` when it has no tie of positive strength, else
/// the sum of `tie(u, v, p_uv)` over its ties of positive share p_uv = w_uv / s_u (as
/// networkx's matrix form, which sums over positive p_uv only), in neighbour order.
fn over_ties(
    adjacency: &WeightedAdjacency,
    tie: impl Fn(usize, usize, f64) -> f64 + Sync,
) -> Vec<Option<f64>> {
    (0..adjacency.len())
        .into_par_iter()
        .map(|u| {
            let s_u = adjacency.strength[u];
            if s_u == 0.0 {
                return None;
            }
            let (neighbours, weights) = adjacency.ties(u);
            let mut sum = 0.0;
            for (&v, &w_uv) in neighbours.iter().zip(weights) {
                let p_uv = w_uv / s_u;
                if p_uv <= 0.0 {
                    continue;
                }
                sum += tie(u, v, p_uv);
            }
            Some(sum)
        })
        .collect()
}

/// Burt's effective size: networkx `effective_size(G, nodes=list(G), weight="weight")`
/// (see the module documentation for networkx's other path).
///
/// e(u) = Σ_{v ∈ N(u)} (1 − Σ_{w ∈ N(u) ∩ N(v)} p_uw m_vw), with p_uw = w_uw / s_u
/// and m_vw = w_vw / max_k w_vk (v's tie to w relative to v's strongest tie): the
/// number of u's contacts, less their redundancy with each other. Equals the degree
/// when no two contacts are tied.
///
/// # Arguments
/// * `graph`: the network, edge weight = summed relation weights (positive).
///
/// # Returns
/// The effective size of each node, indexed by node index; `None` for a node with no
/// tie of positive strength (NaN in networkx).
///
/// # Complexity
/// As [`constraint`]: near-linear in m for bounded degree, O(n + m) memory, nodes in
/// parallel (rayon) with a result independent of the number of threads.
///
/// # Example
/// ```
/// use maillage::network::effective_size;
/// use petgraph::graph::UnGraph;
/// // a triangle 0 1 2 and a pendant 3 on 0
/// let g = UnGraph::<(), f64>::from_edges([(0, 1, 1.0), (1, 2, 1.0), (0, 2, 1.0), (0, 3, 1.0)]);
/// let e = effective_size(&g);
/// // 0's contacts 1 and 2 are tied: each is 1/3 redundant
/// assert!((e[0].unwrap() - (3.0 - 2.0 / 3.0)).abs() < 1e-15);
/// assert_eq!(e[3], Some(1.0));
/// ```
pub fn effective_size<N>(graph: &UnGraph<N, f64>) -> Vec<Option<f64>> {
    let adjacency = WeightedAdjacency::of(graph);
    let strength = &adjacency.strength;
    let strongest: Vec<f64> = (0..adjacency.len())
        .map(|v| adjacency.ties(v).1.iter().copied().fold(0.0, f64::max))
        .collect();
    over_ties(&adjacency, |u, v, _| {
        let s_u = strength[u];
        let mut redundancy = 0.0;
        adjacency.for_common_neighbours(u, v, |_, w_uw, w_vw| {
            redundancy += (w_uw / s_u) * (w_vw / strongest[v]);
        });
        1.0 - redundancy
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weighted_adjacency_sums_parallel_edges_and_drops_self_loops() {
        let g =
            UnGraph::<(), f64>::from_edges([(0, 1, 1.0), (1, 0, 2.0), (1, 1, 5.0), (2, 1, 0.5)]);
        let a = WeightedAdjacency::of(&g);
        assert_eq!(a.ties(0), (&[1][..], &[3.0][..]));
        assert_eq!(a.ties(1), (&[0, 2][..], &[3.0, 0.5][..]));
        assert_eq!(a.strength, [3.0, 3.5, 0.5]);
    }

    #[test]
    fn common_neighbours_are_found_from_either_side() {
        // 0 has neighbours 1, 2, 3; 1 has neighbours 0, 2
        let g =
            UnGraph::<(), f64>::from_edges([(0, 1, 1.0), (0, 2, 2.0), (0, 3, 1.0), (1, 2, 4.0)]);
        let a = WeightedAdjacency::of(&g);
        for (u, v) in [(0, 1), (1, 0)] {
            let mut seen = Vec::new();
            a.for_common_neighbours(u, v, |w, wu, wv| seen.push((w, wu, wv)));
            let expected = if u == 0 { (2, 2.0, 4.0) } else { (2, 4.0, 2.0) };
            assert_eq!(seen, [expected]);
        }
    }
}
