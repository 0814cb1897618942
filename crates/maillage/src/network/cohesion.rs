//! Who holds the network together: articulation points, bridges, the fragility of each
//! actor and Borgatti's key players (docs/analyses.md §1).
//!
//! The graph is expected to be simple, as [`Network::project`](super::Network::project)
//! builds it (no self-loops, no parallel edges): rustworkx-core, which finds the
//! articulation points and bridges, assumes so. [`fragility`] and [`key_players`]
//! ignore self-loops and merge parallel edges.

use super::adjacency::Adjacency;
use super::SeededRng;
use petgraph::graph::UnGraph;
use rayon::prelude::*;
use serde::Serialize;
use std::sync::Arc;

/// The articulation points: the nodes whose removal disconnects their component
/// (rustworkx-core).
///
/// # Arguments
/// * `graph` — the network, simple.
///
/// # Returns
/// Their node indices, sorted.
///
/// # Complexity
/// O(n + m), one depth-first search.
///
/// # Example
/// ```
/// use maillage::network::articulation_points;
/// use petgraph::graph::UnGraph;
/// // 0 – 1 – 2 – 3
/// let path = UnGraph::<(), f64>::from_edges([(0, 1), (1, 2), (2, 3)]);
/// assert_eq!(articulation_points(&path), [1, 2]);
/// ```
pub fn articulation_points<N>(graph: &UnGraph<N, f64>) -> Vec<usize> {
    let mut points: Vec<usize> = rustworkx_core::connectivity::articulation_points(graph, None)
        .into_iter()
        .map(|v| v.index())
        .collect();
    points.sort_unstable();
    points
}

/// The bridges: the edges whose removal disconnects their component (rustworkx-core).
///
/// # Arguments
/// * `graph` — the network, simple.
///
/// # Returns
/// Each bridge as (smaller, larger) node index, sorted.
///
/// # Complexity
/// O(n + m), one depth-first search.
///
/// # Example
/// ```
/// use maillage::network::bridges;
/// use petgraph::graph::UnGraph;
/// // a triangle 0 – 1 – 2 with a tail 2 – 3
/// let graph = UnGraph::<(), f64>::from_edges([(0, 1), (1, 2), (2, 0), (3, 2)]);
/// assert_eq!(bridges(&graph), [(2, 3)]);
/// ```
pub fn bridges<N>(graph: &UnGraph<N, f64>) -> Vec<(usize, usize)> {
    let mut bridges: Vec<(usize, usize)> = rustworkx_core::connectivity::bridges(graph)
        .into_iter()
        .map(|(u, v)| (u.index().min(v.index()), u.index().max(v.index())))
        .collect();
    bridges.sort_unstable();
    bridges
}

const UNSEEN: u32 = u32::MAX;

/// The state of a node in the depth-first search, kept together so that reaching a
/// neighbour touches one cache line.
#[derive(Clone, Copy)]
struct Visit {
    disc: u32,
    low: u32,
    parent: u32,
    size: u32,
}

/// What removing a node does to its component.
#[derive(Clone, Copy, Default)]
struct Cut {
    /// Size of the node's component.
    component: u32,
    /// Sum of the sizes of the child subtrees the node separates from the rest.
    separated: u32,
    /// Largest of those subtrees.
    largest_separated: u32,
    /// Pairs of nodes connected inside those subtrees, Σ s(s − 1)/2.
    separated_pairs: u64,
}

/// What removing each node does to its component, for the nodes not yet removed: the
/// component's size, and the pieces the component falls into without the node.
struct CutProfile {
    /// By node.
    cuts: Vec<Cut>,
    /// Sizes of the components, in the order of their smallest node.
    sizes: Vec<u64>,
}

impl CutProfile {
    /// One iterative depth-first search over the nodes not `removed`, recording
    /// Hopcroft–Tarjan low points and subtree sizes: without v, a child subtree c of v
    /// is cut off exactly when low(c) ≥ disc(v) (always at the root); the rest of the
    /// component (parent side and the other children) stays in one piece.
    fn new(adjacency: &Adjacency, removed: &[bool]) -> Self {
        let n = adjacency.len();
        assert!(u32::try_from(n).is_ok(), "more than u32::MAX nodes");
        let mut visits = vec![
            Visit {
                disc: UNSEEN,
                low: 0,
                parent: UNSEEN,
                size: 0,
            };
            n
        ];
        let mut profile = CutProfile {
            cuts: vec![Cut::default(); n],
            sizes: Vec::new(),
        };
        let mut time = 0u32;
        // (node, position of its next neighbour)
        let mut stack: Vec<(u32, usize)> = Vec::new();
        let mut visited: Vec<u32> = Vec::new();
        for root in 0..n {
            if removed[root] || visits[root].disc != UNSEEN {
                continue;
            }
            visited.clear();
            visits[root] = Visit {
                disc: time,
                low: time,
                parent: UNSEEN,
                size: 1,
            };
            time += 1;
            visited.push(root as u32);
            stack.push((root as u32, 0));
            while let Some(top) = stack.last_mut() {
                let v = top.0 as usize;
                let neighbours = adjacency.neighbours(v);
                // scan v's neighbours up to its next unseen child, its low point and
                // parent held in registers
                let (mut i, mut low, parent) = (top.1, visits[v].low, visits[v].parent);
                let mut child = None;
                while let Some(&w) = neighbours.get(i) {
                    i += 1;
                    let w = w as usize;
                    if removed[w] {
                        continue;
                    }
                    let disc = visits[w].disc;
                    if disc == UNSEEN {
                        child = Some(w);
                        break;
                    } else if w as u32 != parent {
                        low = low.min(disc);
                    }
                }
                top.1 = i;
                visits[v].low = low;
                if let Some(w) = child {
                    visits[w] = Visit {
                        disc: time,
                        low: time,
                        parent: v as u32,
                        size: 1,
                    };
                    time += 1;
                    visited.push(w as u32);
                    stack.push((w as u32, 0));
                } else {
                    stack.pop();
                    if let Some(&(p, _)) = stack.last() {
                        let p = p as usize;
                        let child = visits[v];
                        let parent = &mut visits[p];
                        parent.low = parent.low.min(child.low);
                        parent.size += child.size;
                        if child.low >= parent.disc {
                            let cut = &mut profile.cuts[p];
                            let s = child.size;
                            cut.separated += s;
                            cut.largest_separated = cut.largest_separated.max(s);
                            cut.separated_pairs += u64::from(s) * u64::from(s - 1) / 2;
                        }
                    }
                }
            }
            let size = visits[root].size;
            for &v in &visited {
                profile.cuts[v as usize].component = size;
            }
            profile.sizes.push(u64::from(size));
        }
        profile
    }

    /// Size of v's component.
    fn component(&self, v: usize) -> u64 {
        u64::from(self.cuts[v].component)
    }

    /// Size of the rest of v's component once v and the subtrees it separates are out.
    fn rest(&self, v: usize) -> u64 {
        let cut = self.cuts[v];
        u64::from(cut.component) - 1 - u64::from(cut.separated)
    }

    /// Largest component of C − v, C v's component.
    fn largest_piece(&self, v: usize) -> u64 {
        u64::from(self.cuts[v].largest_separated).max(self.rest(v))
    }

    /// Connected pairs of nodes of C − v.
    fn pairs_without(&self, v: usize) -> u64 {
        let rest = self.rest(v);
        self.cuts[v].separated_pairs + rest * rest.saturating_sub(1) / 2
    }

    /// Connected pairs of nodes of the graph, Σ over components of s(s − 1)/2.
    fn pairs(&self) -> u64 {
        self.sizes.iter().map(|s| s * (s - 1) / 2).sum()
    }

    /// Connected pairs of the graph once v is removed too.
    fn pairs_after_removing(&self, total: u64, v: usize) -> u64 {
        let c = self.component(v);
        total - c * (c - 1) / 2 + self.pairs_without(v)
    }
}

/// The fragility of each actor (docs/analyses.md §1): if v left, with C v's component
/// and P the largest component of C − v, fragility = |C| − 1 − |P|, the number of actors
/// that lose their link to the rest. 0 for a node that is not an articulation point.
///
/// Computed from one depth-first search that records, for each node, the sizes of the
/// child subtrees it separates (those whose low point does not climb above it): the
/// pieces of C − v are these subtrees and the rest of C, so |P| is the largest of them,
/// without removing any node.
///
/// # Arguments
/// * `graph` — the network; self-loops are ignored.
///
/// # Returns
/// The fragility of each node, in node-index order; positive exactly at the
/// articulation points.
///
/// # Complexity
/// O(n + m log m) (the neighbour lists are sorted once; the search itself is linear).
///
/// # Example
/// ```
/// use maillage::network::fragility;
/// use petgraph::graph::UnGraph;
/// // 0 – 1 – 2 – 3 – 4: without 1, node 0 is cut off; without 2, two actors are
/// let path = UnGraph::<(), f64>::from_edges([(0, 1), (1, 2), (2, 3), (3, 4)]);
/// assert_eq!(fragility(&path), [0, 1, 2, 1, 0]);
/// ```
pub fn fragility<N>(graph: &UnGraph<N, f64>) -> Vec<usize> {
    let adjacency = Adjacency::of(graph);
    let removed = vec![false; adjacency.len()];
    let profile = CutProfile::new(&adjacency, &removed);
    (0..adjacency.len())
        .map(|v| (profile.component(v) - 1 - profile.largest_piece(v)) as usize)
        .collect()
}

/// Borgatti's fragmentation F = 1 − Σ_k s_k(s_k − 1) / (n(n − 1)) of the graph once
/// the nodes `removed` are taken out: the share of pairs of remaining nodes that cannot
/// reach each other. n is the number of remaining nodes and s_k the sizes of the
/// remaining components; F = 0 when fewer than two nodes remain (no pair to cut).
///
/// # Arguments
/// * `graph` — the network; self-loops are ignored.
/// * `removed` — node indices to take out (repetitions allowed).
///
/// # Returns
/// F in [0, 1]: 0 for a connected graph, 1 when no two nodes are linked.
///
/// # Panics
/// When a removed index is not a node of the graph.
///
/// # Complexity
/// O(n + m log m).
///
/// # Example
/// ```
/// use maillage::network::fragmentation;
/// use petgraph::graph::UnGraph;
/// // 0 – 1 – 2: without 1, the two ends cannot reach each other
/// let path = UnGraph::<(), f64>::from_edges([(0, 1), (1, 2)]);
/// assert_eq!(fragmentation(&path, &[]), 0.0);
/// assert_eq!(fragmentation(&path, &[1]), 1.0);
/// ```
pub fn fragmentation<N>(graph: &UnGraph<N, f64>, removed: &[usize]) -> f64 {
    let adjacency = Adjacency::of(graph);
    let mut mask = vec![false; adjacency.len()];
    for &v in removed {
        mask[v] = true;
    }
    let profile = CutProfile::new(&adjacency, &mask);
    let remaining = mask.iter().filter(|&&r| !r).count() as u64;
    fragmentation_of(profile.pairs(), remaining)
}

fn fragmentation_of(connected_pairs: u64, nodes: u64) -> f64 {
    if nodes < 2 {
        0.0
    } else {
        1.0 - connected_pairs as f64 / (nodes * (nodes - 1) / 2) as f64
    }
}

/// A set of key players and what their removal does.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KeyPlayers {
    /// The players' node indices, sorted.
    pub players: Vec<usize>,
    /// Fragmentation F of the whole graph.
    pub fragmentation_before: f64,
    /// Fragmentation F of the graph without the players, over its remaining nodes.
    pub fragmentation_after: f64,
    /// Sizes of the components of the graph without the players, decreasing.
    pub component_sizes: Vec<usize>,
}

/// Picks, among the candidates, one of those whose removal leaves the fewest connected
/// pairs, at random among ties; `None` when there is no candidate.
fn best_removal(
    profile: &CutProfile,
    removed: &[bool],
    total: u64,
    rng: &mut SeededRng,
) -> Option<(usize, u64)> {
    let mut best = u64::MAX;
    let mut ties: Vec<usize> = Vec::new();
    for v in (0..removed.len()).filter(|&v| !removed[v]) {
        let after = profile.pairs_after_removing(total, v);
        if after < best {
            best = after;
            ties.clear();
        }
        if after == best {
            ties.push(v);
        }
    }
    (!ties.is_empty()).then(|| (ties[rng.below(ties.len())], best))
}

/// Borgatti's key players, KPP-Neg (Borgatti 2006, "Identifying sets of key players in
/// a social network", *Computational and Mathematical Organization Theory* 12): the set
/// of k nodes whose removal fragments the network most, by fragmentation
/// F = 1 − Σ_k s_k(s_k − 1) / (n(n − 1)) of the graph *after* removal, n its remaining
/// nodes (see [`fragmentation`]).
///
/// Since n is the same for every set of k nodes, maximising F is minimising the number
/// of connected pairs, an integer: comparisons are exact. The search is the heuristic
/// of the paper with a greedy start: add, k times, the node whose removal leaves the
/// fewest connected pairs; then pass over the set, replacing each member by the outside
/// node that improves it most (if any strictly does), until a whole pass improves
/// nothing. The result is optimal for k = 1 and, in general, a local optimum: no single
/// swap of a member for a non-member increases F, which can fall short of the optimum
/// when it takes two changes at once (on a path 0 – 1 – 2 – 3 – 4, {1, 3} cuts every
/// pair; the greedy start removes 2, then one of 0, 1, 3, 4 at random, and from {0, 2}
/// or {2, 4} no single swap improves).
/// Ties are broken with a [`SeededRng`]: the same seed gives the same set.
///
/// Each step scores every candidate at once from one depth-first search (the pieces a
/// node separates, as in [`fragility`]), rather than removing each candidate in turn.
/// A set of removed nodes met again (a pass that changes nothing puts back and takes
/// out the same nodes) is not searched again, and the searches of a pass that would
/// change nothing, the last pass's case, are run ahead on several threads: with k = 2
/// and nothing to improve, four searches instead of six, three one after the other.
///
/// # Arguments
/// * `graph` — the network; self-loops are ignored.
/// * `k` — the number of players; every node when k ≥ n.
/// * `seed` — seed of the tie-breaking.
///
/// # Returns
/// The [`KeyPlayers`]: the set, F before and after, the remaining components' sizes.
///
/// # Complexity
/// O(k·(p + 1)·(n + m)) for p improvement passes (each pass strictly reduces the
/// connected pairs, so p ≤ n²/2; in practice a few), plus O(m log m) once; memory
/// O(n + m) for each of the few searches kept.
///
/// # Example
/// ```
/// use maillage::network::key_players;
/// use petgraph::graph::UnGraph;
/// // two stars, centres 0 and 4, joined by the edge 0 – 4
/// let graph = UnGraph::<(), f64>::from_edges([
///     (0, 1), (0, 2), (0, 3), (4, 5), (4, 6), (4, 7), (0, 4),
/// ]);
/// let kp = key_players(&graph, 2, 42);
/// assert_eq!(kp.players, [0, 4]);
/// assert_eq!(kp.fragmentation_after, 1.0);
/// assert_eq!(kp.component_sizes, [1; 6]);
/// ```
pub fn key_players<N>(graph: &UnGraph<N, f64>, k: usize, seed: u64) -> KeyPlayers {
    let adjacency = Adjacency::of(graph);
    let n = adjacency.len();
    let k = k.min(n);
    let mut rng = SeededRng::new(seed);
    let mut removed = vec![false; n];
    let mut players: Vec<usize> = Vec::with_capacity(k);
    let mut profiles = Profiles::new(&adjacency);

    let initial = profiles.get(&[]);
    let fragmentation_before = fragmentation_of(initial.pairs(), n as u64);

    // greedy start
    for _ in 0..k {
        let profile = profiles.get(&players);
        let total = profile.pairs();
        let (v, _) = best_removal(&profile, &removed, total, &mut rng).expect("k ≤ n");
        removed[v] = true;
        players.push(v);
    }

    // swap passes: put member i back, and remove instead the best node (itself included)
    loop {
        // the sets a pass looks at if it changes nothing, the last pass's case, and
        // the final set: searched at once, on several threads
        let mut ahead: Vec<Vec<usize>> = (0..players.len())
            .map(|i| without(&players, i))
            .take(rayon::current_num_threads().max(2) - 1)
            .collect();
        ahead.push(players.clone());
        profiles.prepare(ahead);
        let mut improved = false;
        for i in 0..players.len() {
            let u = players[i];
            removed[u] = false;
            let profile = profiles.get(&without(&players, i));
            let total = profile.pairs();
            let current = profile.pairs_after_removing(total, u);
            let (v, best) =
                best_removal(&profile, &removed, total, &mut rng).expect("u is a candidate");
            if best < current {
                players[i] = v;
                improved = true;
            }
            removed[players[i]] = true;
        }
        if !improved {
            break;
        }
    }

    let profile = profiles.get(&players);
    let mut component_sizes: Vec<usize> = profile.sizes.iter().map(|&s| s as usize).collect();
    component_sizes.sort_unstable_by(|a, b| b.cmp(a));
    players.sort_unstable();
    KeyPlayers {
        players,
        fragmentation_before,
        fragmentation_after: fragmentation_of(profile.pairs(), (n - k) as u64),
        component_sizes,
    }
}

/// The players but the i-th.
fn without(players: &[usize], i: usize) -> Vec<usize> {
    let mut set = players.to_vec();
    set.remove(i);
    set
}

/// The cut profiles of the last few sets of removed nodes: the search for key players
/// comes back to the same sets (a swap pass that changes nothing puts back and takes
/// out the same nodes), and each profile is a search of the whole graph.
struct Profiles<'a> {
    adjacency: &'a Adjacency,
    /// (sorted set of removed nodes, its profile), most recently used last.
    kept: Vec<(Vec<usize>, Arc<CutProfile>)>,
}

impl<'a> Profiles<'a> {
    fn new(adjacency: &'a Adjacency) -> Self {
        Self {
            adjacency,
            kept: Vec::new(),
        }
    }

    fn capacity() -> usize {
        rayon::current_num_threads().max(2) + 2
    }

    fn compute(adjacency: &Adjacency, set: &[usize]) -> CutProfile {
        let mut removed = vec![false; adjacency.len()];
        for &v in set {
            removed[v] = true;
        }
        CutProfile::new(adjacency, &removed)
    }

    fn keep(&mut self, set: Vec<usize>, profile: Arc<CutProfile>) {
        self.kept.push((set, profile));
        if self.kept.len() > Self::capacity() {
            self.kept.remove(0);
        }
    }

    /// The profile of the graph without the nodes of `set` (in any order).
    fn get(&mut self, set: &[usize]) -> Arc<CutProfile> {
        let mut set = set.to_vec();
        set.sort_unstable();
        if let Some(i) = self.kept.iter().position(|(s, _)| *s == set) {
            let entry = self.kept.remove(i);
            let profile = Arc::clone(&entry.1);
            self.kept.push(entry);
            return profile;
        }
        let profile = Arc::new(Self::compute(self.adjacency, &set));
        self.keep(set, Arc::clone(&profile));
        profile
    }

    /// Computes the profiles of the sets not kept yet, in parallel.
    fn prepare(&mut self, sets: Vec<Vec<usize>>) {
        let mut missing: Vec<Vec<usize>> = sets
            .into_iter()
            .map(|mut s| {
                s.sort_unstable();
                s
            })
            .filter(|s| !self.kept.iter().any(|(k, _)| k == s))
            .collect();
        missing.dedup();
        let adjacency = self.adjacency;
        let profiles: Vec<CutProfile> = missing
            .par_iter()
            .map(|set| Self::compute(adjacency, set))
            .collect();
        for (set, profile) in missing.into_iter().zip(profiles) {
            self.keep(set, Arc::new(profile));
        }
    }
}
