//! Ties within and across groups of actors (sectors, by default): the mixing matrix,
//! the E-I index and Gould–Fernandez brokerage roles (docs/analyses.md §1).
//!
//! Every function takes the network as an undirected graph and a [`Partition`] that
//! gives each node a group. The graph is expected to be simple, as
//! [`Network::project`](super::Network::project) builds it: self-loops are ignored
//! everywhere, and [`brokerage`] merges parallel edges (the mixing matrix and the E-I
//! index count each edge of the graph as given).

use super::adjacency::simple_adjacency;
use petgraph::graph::UnGraph;
use petgraph::visit::EdgeRef;
use serde::Serialize;
use std::collections::BTreeMap;

/// A group for every node: dense group ids `0..names.len()`, groups sorted by name so
/// that the same labels always give the same ids.
///
/// # Example
/// ```
/// use maillage::network::Partition;
/// let p = Partition::from_labels(&["soin", "social", "soin"]);
/// assert_eq!(p.names, ["social", "soin"]);
/// assert_eq!(p.group_of, [1, 0, 1]);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Partition {
    /// Group id of each node, indexed by node index.
    pub group_of: Vec<u32>,
    /// Name of each group, indexed by group id, sorted and distinct.
    pub names: Vec<String>,
}

impl Partition {
    /// The partition given by one label per node.
    ///
    /// # Arguments
    /// * `labels` — the group label of each node, in node-index order.
    ///
    /// # Returns
    /// A partition whose groups are the distinct labels, sorted by name.
    ///
    /// # Complexity
    /// O(n log g) for n nodes and g groups.
    ///
    /// # Example
    /// ```
    /// use maillage::network::Partition;
    /// let p = Partition::from_labels(&[String::from("b"), String::from("a")]);
    /// assert_eq!(p.group_count(), 2);
    /// assert_eq!(p.name_of(0), "b");
    /// ```
    pub fn from_labels<L: AsRef<str>>(labels: &[L]) -> Self {
        let mut ids: BTreeMap<&str, u32> = labels.iter().map(|l| (l.as_ref(), 0)).collect();
        for (i, id) in ids.values_mut().enumerate() {
            *id = i as u32;
        }
        let group_of = labels.iter().map(|l| ids[l.as_ref()]).collect();
        let names = ids.keys().map(|s| (*s).to_owned()).collect();
        Self { group_of, names }
    }

    /// Number of groups.
    pub fn group_count(&self) -> usize {
        self.names.len()
    }

    /// Number of nodes.
    pub fn len(&self) -> usize {
        self.group_of.len()
    }

    /// Whether the partition has no node.
    pub fn is_empty(&self) -> bool {
        self.group_of.is_empty()
    }

    /// Name of a node's group.
    pub fn name_of(&self, node: usize) -> &str {
        &self.names[self.group_of[node] as usize]
    }

    fn check<N>(&self, graph: &UnGraph<N, f64>) {
        assert_eq!(
            self.group_of.len(),
            graph.node_count(),
            "the partition has {} nodes, the graph {}",
            self.group_of.len(),
            graph.node_count()
        );
        if let Some(&g) = self
            .group_of
            .iter()
            .find(|&&g| g as usize >= self.names.len())
        {
            panic!("group id {g} out of range: {} groups", self.names.len());
        }
    }
}

/// Number of edges between each pair of groups.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MixingMatrix {
    /// Group names, as in the [`Partition`].
    pub names: Vec<String>,
    /// Symmetric: `counts[g][h] == counts[h][g]` is the number of edges with one end in
    /// g and the other in h; `counts[g][g]` the number of edges inside g.
    pub counts: Vec<Vec<u64>>,
}

impl MixingMatrix {
    /// Number of edges between groups `g` and `h` (inside g when `g == h`).
    pub fn get(&self, g: usize, h: usize) -> u64 {
        self.counts[g][h]
    }

    /// Every unordered pair of groups `(g, h)`, `g <= h`, with its number of edges, in
    /// lexicographic order.
    pub fn pairs(&self) -> impl Iterator<Item = (usize, usize, u64)> + '_ {
        (0..self.names.len())
            .flat_map(move |g| (g..self.names.len()).map(move |h| (g, h, self.counts[g][h])))
    }

    /// Number of edges counted: m, for a graph without self-loops.
    pub fn total(&self) -> u64 {
        self.pairs().map(|(_, _, c)| c).sum()
    }
}

/// The mixing matrix: for each unordered pair of groups, the number of edges between
/// them (docs/analyses.md §1). Edge weights are not used.
///
/// # Arguments
/// * `graph` — the network; self-loops are ignored.
/// * `partition` — the group of each node.
///
/// # Returns
/// A [`MixingMatrix`] whose pairs `g <= h` sum to the number of edges m.
///
/// # Panics
/// When the partition does not have one group per node of the graph.
///
/// # Complexity
/// O(n + m + g²) for g groups.
///
/// # Example
/// ```
/// use maillage::network::{mixing_matrix, Partition};
/// use petgraph::graph::UnGraph;
/// // a – b – c, a and b in "x", c in "y"
/// let graph = UnGraph::<(), f64>::from_edges([(0, 1), (1, 2)]);
/// let p = Partition::from_labels(&["x", "x", "y"]);
/// let mixing = mixing_matrix(&graph, &p);
/// assert_eq!(mixing.get(0, 0), 1); // a – b inside x
/// assert_eq!(mixing.get(0, 1), 1); // b – c across
/// assert_eq!(mixing.get(1, 1), 0);
/// assert_eq!(mixing.total(), 2);
/// ```
pub fn mixing_matrix<N>(graph: &UnGraph<N, f64>, partition: &Partition) -> MixingMatrix {
    partition.check(graph);
    let k = partition.group_count();
    let mut counts = vec![vec![0u64; k]; k];
    for e in graph.edge_references() {
        let (u, v) = (e.source().index(), e.target().index());
        if u == v {
            continue;
        }
        let (g, h) = (
            partition.group_of[u] as usize,
            partition.group_of[v] as usize,
        );
        counts[g][h] += 1;
        if g != h {
            counts[h][g] += 1;
        }
    }
    MixingMatrix {
        names: partition.names.clone(),
        counts,
    }
}

/// Krackhardt and Stern's E-I index, globally, per group and per actor.
///
/// Each index is (E − I) / (E + I) over a set of edges, E the edges between different
/// groups and I the edges inside a group: −1 when every tie stays inside its group, +1
/// when every tie crosses. `None` when the set of edges is empty.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EiIndex {
    /// Edges between different groups (E).
    pub external: u64,
    /// Edges inside a group (I).
    pub internal: u64,
    /// Over every edge; `None` for a graph without edges.
    pub global: Option<f64>,
    /// Per group id, over the edges with at least one end in the group; `None` for a
    /// group no edge touches.
    pub by_group: Vec<Option<f64>>,
    /// Per node, over its edges; `None` for an isolated node.
    pub by_actor: Vec<Option<f64>>,
}

fn ei(external: u64, internal: u64) -> Option<f64> {
    let total = external + internal;
    (total > 0).then(|| (external as f64 - internal as f64) / total as f64)
}

/// The E-I index (Krackhardt & Stern 1988) of the whole network, of each group and of
/// each actor (docs/analyses.md §1).
///
/// # Arguments
/// * `graph` — the network; self-loops are ignored, edge weights are not used.
/// * `partition` — the group of each node.
///
/// # Returns
/// An [`EiIndex`]; every value lies in [−1, 1].
///
/// # Panics
/// When the partition does not have one group per node of the graph.
///
/// # Complexity
/// O(n + m + g²) for g groups.
///
/// # Example
/// ```
/// use maillage::network::{ei_index, Partition};
/// use petgraph::graph::UnGraph;
/// // a – b – c, a and b in "x", c in "y": one internal edge, one external
/// let graph = UnGraph::<(), f64>::from_edges([(0, 1), (1, 2)]);
/// let ei = ei_index(&graph, &Partition::from_labels(&["x", "x", "y"]));
/// assert_eq!(ei.global, Some(0.0));
/// assert_eq!(ei.by_group, [Some(0.0), Some(1.0)]); // x: 1 E, 1 I; y: 1 E
/// assert_eq!(ei.by_actor, [Some(-1.0), Some(0.0), Some(1.0)]);
/// ```
pub fn ei_index<N>(graph: &UnGraph<N, f64>, partition: &Partition) -> EiIndex {
    let mixing = mixing_matrix(graph, partition);
    let k = partition.group_count();
    let internal: u64 = (0..k).map(|g| mixing.counts[g][g]).sum();
    let external = mixing.total() - internal;
    let by_group = (0..k)
        .map(|g| {
            let inside = mixing.counts[g][g];
            let across: u64 = (0..k)
                .filter(|&h| h != g)
                .map(|h| mixing.counts[g][h])
                .sum();
            ei(across, inside)
        })
        .collect();
    let n = graph.node_count();
    let mut actor_external = vec![0u64; n];
    let mut actor_internal = vec![0u64; n];
    for e in graph.edge_references() {
        let (u, v) = (e.source().index(), e.target().index());
        if u == v {
            continue;
        }
        let tally = if partition.group_of[u] == partition.group_of[v] {
            &mut actor_internal
        } else {
            &mut actor_external
        };
        tally[u] += 1;
        tally[v] += 1;
    }
    let by_actor = (0..n)
        .map(|v| ei(actor_external[v], actor_internal[v]))
        .collect();
    EiIndex {
        external,
        internal,
        global: ei(external, internal),
        by_group,
        by_actor,
    }
}

/// Gould–Fernandez brokerage opportunities of one actor, by role (undirected).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Brokerage {
    /// Both neighbours in the broker's group.
    pub coordinator: u64,
    /// Both neighbours in one group, not the broker's.
    pub itinerant: u64,
    /// Exactly one neighbour in the broker's group (Gould–Fernandez's gatekeeper and
    /// representative, which coincide once direction is dropped).
    pub gatekeeper: u64,
    /// The two neighbours and the broker in three different groups.
    pub liaison: u64,
    /// Sum of the four: pairs of neighbours not adjacent to each other.
    pub total: u64,
}

/// The role of broker b for the pair {a, c}, given the three groups.
#[derive(Clone, Copy)]
enum Role {
    Coordinator,
    Itinerant,
    Gatekeeper,
    Liaison,
}

fn role(gb: u32, ga: u32, gc: u32) -> Role {
    match (ga == gb, gc == gb) {
        (true, true) => Role::Coordinator,
        (false, false) if ga == gc => Role::Itinerant,
        (false, false) => Role::Liaison,
        _ => Role::Gatekeeper,
    }
}

impl Brokerage {
    fn count_mut(&mut self, role: Role) -> &mut u64 {
        match role {
            Role::Coordinator => &mut self.coordinator,
            Role::Itinerant => &mut self.itinerant,
            Role::Gatekeeper => &mut self.gatekeeper,
            Role::Liaison => &mut self.liaison,
        }
    }
}

/// Gould–Fernandez brokerage, undirected (docs/analyses.md §1): for broker b, every
/// unordered pair {a, c} of neighbours of b that are not adjacent to each other is one
/// opportunity, counted in exactly one role: **coordinator** g(a) = g(b) = g(c);
/// **itinerant** g(a) = g(c) ≠ g(b); **gatekeeper** exactly one of g(a), g(c) equals
/// g(b); **liaison** g(a), g(b), g(c) all differ.
///
/// The pairs are not enumerated: for each broker, the pairs of neighbours in each role
/// follow from the tally of its neighbours per group (t same-group neighbours and o
/// others give t(t−1)/2 coordinator pairs, t·o gatekeeper pairs, ...), and the closed
/// pairs, those of the triangles through the broker, are subtracted role by role.
///
/// # Arguments
/// * `graph` — the network; self-loops are ignored, parallel edges merged, weights not
///   used.
/// * `partition` — the group of each node.
///
/// # Returns
/// One [`Brokerage`] per node, in node-index order; `total` is the number of open
/// pairs around the node (0 for fewer than two neighbours).
///
/// # Panics
/// When the partition does not have one group per node of the graph.
///
/// # Complexity
/// O(n + m log m + T) where T = O(m·a) ≤ O(m^{3/2}) is the cost of listing the
/// triangles (a the graph's arboricity), through the degree ordering of Chiba and
/// Nishizeki: near-linear in m when degrees are bounded, never Σ deg².
///
/// # Example
/// ```
/// use maillage::network::{brokerage, Partition};
/// use petgraph::graph::UnGraph;
/// // star: b (0) in "x" linked to a (1, "x"), c (2, "y"), d (3, "z"); leaves not linked
/// let graph = UnGraph::<(), f64>::from_edges([(0, 1), (0, 2), (0, 3)]);
/// let roles = brokerage(&graph, &Partition::from_labels(&["x", "x", "y", "z"]));
/// // {a, c} and {a, d}: one end in b's group; {c, d}: three groups
/// assert_eq!((roles[0].gatekeeper, roles[0].liaison, roles[0].total), (2, 1, 3));
/// assert_eq!(roles[1].total, 0);
/// ```
pub fn brokerage<N>(graph: &UnGraph<N, f64>, partition: &Partition) -> Vec<Brokerage> {
    partition.check(graph);
    let group = &partition.group_of;
    let adjacency = simple_adjacency(graph);
    let n = adjacency.len();

    // every pair of neighbours, by role, from the group tallies
    let mut roles = vec![Brokerage::default(); n];
    let mut tally = vec![0u64; partition.group_count()];
    let mut touched: Vec<u32> = Vec::new();
    for (b, neighbours) in adjacency.iter().enumerate() {
        for &a in neighbours {
            let g = group[a as usize];
            if tally[g as usize] == 0 {
                touched.push(g);
            }
            tally[g as usize] += 1;
        }
        let gb = group[b];
        let degree = neighbours.len() as u64;
        let same = tally[gb as usize];
        let other = degree - same;
        let (mut itinerant, mut squares) = (0, 0);
        for &g in &touched {
            let t = tally[g as usize];
            if g != gb {
                itinerant += t * (t - 1) / 2;
                squares += t * t;
            }
            tally[g as usize] = 0;
        }
        touched.clear();
        roles[b] = Brokerage {
            coordinator: same * same.saturating_sub(1) / 2,
            itinerant,
            gatekeeper: same * other,
            liaison: (other * other - squares) / 2,
            total: degree * degree.saturating_sub(1) / 2,
        };
    }

    // minus the closed pairs: each triangle closes one pair around each of its corners.
    // Orient each edge towards the higher (degree, index); each triangle is then found
    // once, from its lowest corner.
    let rank = |v: usize| (adjacency[v].len(), v);
    let forward: Vec<Vec<u32>> = adjacency
        .iter()
        .enumerate()
        .map(|(u, list)| {
            list.iter()
                .copied()
                .filter(|&w| rank(w as usize) > rank(u))
                .collect()
        })
        .collect();
    let mut mark = vec![usize::MAX; n];
    for (u, out) in forward.iter().enumerate() {
        for &v in out {
            mark[v as usize] = u;
        }
        for &v in out {
            for &w in &forward[v as usize] {
                if mark[w as usize] == u {
                    let (v, w) = (v as usize, w as usize);
                    for (b, a, c) in [(u, v, w), (v, u, w), (w, u, v)] {
                        *roles[b].count_mut(role(group[b], group[a], group[c])) -= 1;
                        roles[b].total -= 1;
                    }
                }
            }
        }
    }
    roles
}
