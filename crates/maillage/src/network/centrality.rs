//! Centrality of the actors: degree, strength, betweenness (exact and sampled),
//! closeness, PageRank and local clustering (docs/analyses.md §1).
//!
//! Every function takes the network as an undirected graph whose edge weights are the
//! summed relation weights, and returns one value per node index. Each figure follows
//! networkx 3.6 and agrees with it on networkx's reference graphs (`tests/centrality.rs`).
//!
//! The graph is expected to be simple, as [`Network::project`](super::Network::project)
//! builds it: self-loops are ignored everywhere and parallel edges count as one tie
//! (their weights summed where a weight is used).

use super::adjacency::{connected_components, Adjacency};
use super::multi_source::{brandes_batched, distance_sums, DistanceSums};
use super::SeededRng;
use petgraph::graph::UnGraph;
use petgraph::visit::EdgeRef;
use rayon::prelude::*;

/// Node count from which betweenness and closeness run on several threads (rayon),
/// the value rustworkx recommends.
pub const PARALLEL_THRESHOLD: usize = 50;

/// Damping factor of PageRank in docs/analyses.md §1 (networkx's default).
pub const PAGERANK_ALPHA: f64 = 0.85;

/// Tolerance of PageRank in docs/analyses.md §1.
pub const PAGERANK_TOL: f64 = 1e-10;

/// Iteration limit of PageRank.
///
/// Higher than networkx's default of 100, which docs/analyses.md §1 implies but which
/// is too low for `tol = 1e-10` as soon as a component is bipartite and uneven (a
/// tree of three actors or more apart from the rest, a star): there the power
/// iteration oscillates and settles as 0.85^k only (0.85^100 ≈ 9e-8), and networkx
/// raises `PowerIterationFailedConvergence`. Wherever networkx converges, the result
/// is the same, since the iteration stops at the same step.
pub const PAGERANK_MAX_ITER: usize = 1000;

/// Node count from which betweenness runs its batched searches, many sources per pass
/// (`multi_source`). Below it each source is searched alone, as before the batched
/// searches: the time is a few milliseconds either way, and the figures of small
/// territories keep the exact bits they had (the batched dependencies add the same
/// terms in another order, a few units in the last place apart).
pub const BATCHED_FROM: usize = 1_000;

/// Most blocks the pivots of [`betweenness_sampled`] are split into: a constant, so
/// that the summation order, hence the result, never depends on the number of threads.
const PIVOT_BLOCKS: usize = 64;

/// Blocks of nodes [`clustering`] counts triangles from in parallel.
const CLUSTERING_BLOCKS: usize = 16;

/// Adds triangle counts.
fn add_counts(mut a: Vec<u32>, b: Vec<u32>) -> Vec<u32> {
    for (x, y) in a.iter_mut().zip(b) {
        *x += y;
    }
    a
}

/// Why a centrality could not be computed.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum CentralityError {
    /// PageRank's power iteration did not settle within the iteration limit.
    #[error("{}", crate::msg!(
        PageRankNotConverged,
        max_iter = *max_iter,
        change = format!("{change:e}"),
        threshold = format!("{threshold:e}")
    ))]
    PageRankNotConverged {
        /// The iteration limit.
        max_iter: usize,
        /// L1 change of the last iteration.
        change: f64,
        /// Convergence threshold n × tol.
        threshold: f64,
    },
    /// Sampled betweenness needs two pivots at least: with one, the pivot's own
    /// betweenness has no estimate (networkx gives NaN).
    #[error("{}", crate::msg!(SampledBetweennessFewPivots, n = *n, k = *k))]
    TooFewPivots {
        /// The number of pivots asked for.
        k: usize,
        /// The number of nodes.
        n: usize,
    },
}

/// Degree: the number of distinct neighbours of each node.
///
/// # Arguments
/// * `graph`: the network.
///
/// # Returns
/// The degree of each node, indexed by node index.
///
/// # Complexity
/// O(n + m log m).
///
/// # Example
/// ```
/// use maillage::network::degree;
/// use petgraph::graph::UnGraph;
/// // a star: 0 in the centre
/// let g = UnGraph::<(), f64>::from_edges([(0, 1, 1.0), (0, 2, 2.0), (0, 3, 1.0)]);
/// assert_eq!(degree(&g), [3, 1, 1, 1]);
/// ```
pub fn degree<N>(graph: &UnGraph<N, f64>) -> Vec<usize> {
    let adjacency = Adjacency::of(graph);
    (0..adjacency.len()).map(|v| adjacency.degree(v)).collect()
}

/// Strength: the sum of the weights of each node's edges.
///
/// # Arguments
/// * `graph`: the network, edge weight = summed relation weights.
///
/// # Returns
/// The strength of each node, indexed by node index (0 for an isolated node).
///
/// # Complexity
/// O(n + m).
///
/// # Example
/// ```
/// use maillage::network::strength;
/// use petgraph::graph::UnGraph;
/// let g = UnGraph::<(), f64>::from_edges([(0, 1, 1.0), (0, 2, 2.5)]);
/// assert_eq!(strength(&g), [3.5, 1.0, 2.5]);
/// ```
pub fn strength<N>(graph: &UnGraph<N, f64>) -> Vec<f64> {
    let mut strength = vec![0.0; graph.node_count()];
    for e in graph.edge_references() {
        let (a, b) = (e.source().index(), e.target().index());
        if a != b {
            strength[a] += *e.weight();
            strength[b] += *e.weight();
        }
    }
    strength
}

/// Betweenness centrality, exact, unweighted: networkx
/// `betweenness_centrality(G, normalized=True, weight=None)`.
///
/// For node v, the sum over pairs {s, t} of other nodes of the share of shortest
/// paths (in hops) between s and t that pass through v, divided by the number of such
/// pairs, (n − 1)(n − 2) / 2. Brandes' algorithm over every source, on several threads
/// from [`PARALLEL_THRESHOLD`] nodes; from [`BATCHED_FROM`] nodes, 64 sources per pass
/// (bit-parallel multi-source search, Then et al., BTW 2017: each arc is read once per
/// distance at which any of the 64 crosses it, and only the path counts and
/// dependencies are computed source by source).
///
/// This is [`betweenness_sampled`] with every node a pivot, rather than
/// rustworkx-core's `betweenness_centrality`: rustworkx adds the per-source
/// contributions in the order its threads finish, so two runs differed in the last bits
/// (up to 3e-15 relative, measured on 2,000 nodes), which would break the
/// byte-identical outputs of docs/outputs.md; the blocked summation here gives the same
/// bits on every run and whatever the number of threads. The tests check both agree to
/// 1e-12, and the batched searches with one search per source.
///
/// # Arguments
/// * `graph`: the network (weights are not used).
///
/// # Returns
/// The betweenness of each node, in [0, 1], indexed by node index; all 0 when n ≤ 2.
///
/// # Complexity
/// O(n m) time; O(n + m) memory per thread, 512 bytes per node from [`BATCHED_FROM`]
/// nodes (a path count per source of the batch). For large graphs, see
/// [`betweenness_sampled`].
///
/// # Example
/// ```
/// use maillage::network::betweenness;
/// use petgraph::graph::UnGraph;
/// // a path 0 - 1 - 2: only 1 is between, on the one pair {0, 2}
/// let g = UnGraph::<(), f64>::from_edges([(0, 1, 1.0), (1, 2, 1.0)]);
/// assert_eq!(betweenness(&g), [0.0, 1.0, 0.0]);
/// ```
pub fn betweenness<N>(graph: &UnGraph<N, f64>) -> Vec<f64> {
    let k = graph.node_count().max(2);
    // k >= n: every node is a pivot, no sampling, hence no error.
    betweenness_sampled(graph, k, 0).expect("exact betweenness has every node as a pivot")
}

/// Betweenness centrality estimated from `k` source pivots, the estimate of
/// networkx `betweenness_centrality(G, k=k, normalized=True, weight=None, seed=...)`
/// with the linear scaling of Geisberger, Sanders and Schultes (2008).
///
/// `k` distinct pivots are drawn by [`SeededRng::sample`] and a breadth-first search
/// runs from each. networkx adds each pivot s's dependencies δ_s(v) (the share of the
/// shortest paths from s through v, over every target) and rescales. Here each pair
/// (s, t) is instead shared between its two ends in proportion to where v lies on the
/// path: s's pass credits v with d(s, v) / d(s, t) of the pair, and t's pass would
/// credit the rest. Over every source this sums to the exact betweenness; over a
/// uniform sample, times n / k, it is an unbiased estimate of it, without networkx's
/// overestimate of the nodes near a pivot. On a generated territory of 50,000 actors,
/// over the 100 of highest exact betweenness, Spearman's rank correlation with the
/// exact figure rose from 0.90–0.92 (networkx's estimator) to 0.94–0.95 at k = 256 and
/// from 0.92–0.95 to 0.96–0.98 at k = 1,024 (benches/README.md). With `k ≥ n` every
/// node is a pivot and the result is the exact [`betweenness`]. The pivots differ
/// from networkx's for the same seed (networkx draws with Python's `random`), so only
/// the exact case agrees value for value.
///
/// The searches run on the graph renumbered in breadth-first order, for memory
/// locality; from [`BATCHED_FROM`] nodes, 64 pivots per pass, as in [`betweenness`],
/// the pivots taken in that order so that a pass holds nearby ones. The pivots (or
/// passes) are split into at most 64 blocks, processed in parallel (rayon) when the
/// graph has [`PARALLEL_THRESHOLD`] nodes or more; each block sums its pivots in order
/// and the blocks are added in order. The split depends only on n and k, so the result
/// is the same bit for bit whatever the number of threads.
///
/// # Arguments
/// * `graph`: the network (weights are not used).
/// * `k`: number of pivots; `k ≥ n` computes the exact figure.
/// * `seed`: seed of the pivot draw: the same seed gives the same result.
///
/// # Returns
/// The estimated betweenness of each node, indexed by node index; all 0 when n ≤ 2.
///
/// # Errors
/// [`CentralityError::TooFewPivots`] when `k < 2` and `k < n` on a graph of 3 nodes or
/// more.
///
/// # Complexity
/// O(k m) time; O(min(k, 64) n + m) memory.
///
/// # Example
/// ```
/// use maillage::network::{betweenness, betweenness_sampled};
/// use petgraph::graph::UnGraph;
/// let g = UnGraph::<(), f64>::from_edges([(0, 1, 1.0), (1, 2, 1.0), (2, 3, 1.0), (3, 4, 1.0)]);
/// let estimate = betweenness_sampled(&g, 3, 7).unwrap();
/// assert_eq!(estimate, betweenness_sampled(&g, 3, 7).unwrap()); // seeded
/// let exact = betweenness_sampled(&g, 5, 7).unwrap(); // k ≥ n: exact
/// for (a, b) in exact.iter().zip(betweenness(&g)) {
///     assert!((a - b).abs() < 1e-12);
/// }
/// assert!(betweenness_sampled(&g, 1, 7).is_err());
/// ```
pub fn betweenness_sampled<N>(
    graph: &UnGraph<N, f64>,
    k: usize,
    seed: u64,
) -> Result<Vec<f64>, CentralityError> {
    let n = graph.node_count();
    let sampled = k < n;
    if sampled && k < 2 && n > 2 {
        return Err(CentralityError::TooFewPivots { k, n });
    }
    if n <= 2 {
        // networkx: no pair can have a node strictly between
        return Ok(vec![0.0; n]);
    }
    let (adjacency, renumbered) = Adjacency::of(graph).in_search_order();
    let pivots: Vec<usize> = SeededRng::new(seed)
        .sample(n, k)
        .into_iter()
        .map(|s| renumbered[s] as usize)
        .collect();
    let targets = (n - 2) as f64;
    if !sampled {
        // Brandes' dependencies count each unordered pair from both ends; normalised by
        // the (n − 1)(n − 2) ordered pairs
        let scale = 1.0 / ((n - 1) as f64 * targets);
        let sums = credits(&adjacency, pivots, Credit::Whole);
        return Ok(renumbered
            .iter()
            .map(|&v| sums[v as usize] * scale)
            .collect());
    }
    // The linear credits of the n − 1 sources other than v sum to v's count of
    // unordered pairs (v's own search credits it nothing). Given that v is a pivot, the
    // k − 1 others are a uniform sample of those n − 1 sources, else the k are: scaled up
    // accordingly (as networkx does), then normalised by the (n − 1)(n − 2) / 2 pairs.
    // On a star whose centre is a pivot or not, this gives the exact figure.
    let scale_pivot = 2.0 / ((k - 1) as f64 * targets);
    let scale_other = 2.0 / (k as f64 * targets);
    let mut is_pivot = vec![false; n];
    for &s in &pivots {
        is_pivot[s] = true;
    }
    let sums = credits(&adjacency, pivots, Credit::Linear);
    Ok(renumbered
        .iter()
        .map(|&v| {
            let v = v as usize;
            sums[v]
                * if is_pivot[v] {
                    scale_pivot
                } else {
                    scale_other
                }
        })
        .collect())
}

/// What a source's search credits a node v with, for a target t whose shortest paths
/// from the source s pass through v.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Credit {
    /// The share of the paths through v (Brandes 2001): summed over every source, each
    /// unordered pair counted twice.
    Whole,
    /// That share times d(s, v) / d(s, t) (Geisberger, Sanders and Schultes 2008):
    /// summed over every source, each unordered pair counted once.
    Linear,
}

/// Sum over `pivots` of each node's credit ([`Credit`]), unscaled: batched searches
/// from [`BATCHED_FROM`] nodes, one search per source below.
fn credits(adjacency: &Adjacency, mut pivots: Vec<usize>, credit: Credit) -> Vec<f64> {
    let n = adjacency.len();
    if n < BATCHED_FROM {
        return brandes(adjacency, &pivots, credit);
    }
    // nearby sources in a batch reach each node at nearly the same distance
    pivots.sort_unstable();
    brandes_batched(adjacency, &pivots, credit, n >= PARALLEL_THRESHOLD)
}

/// Sum over `pivots` of each node's credit ([`Credit`]), unscaled, one search per
/// source.
fn brandes(adjacency: &Adjacency, pivots: &[usize], credit: Credit) -> Vec<f64> {
    let n = adjacency.len();
    let blocks = if n >= PARALLEL_THRESHOLD {
        pivots.len().clamp(1, PIVOT_BLOCKS)
    } else {
        1
    };
    let block_size = pivots.len().div_ceil(blocks).max(1);
    let partials: Vec<Vec<f64>> = pivots
        .par_chunks(block_size)
        .map(|block| {
            let mut work = BrandesWork::new(n);
            let mut sum = vec![0.0; n];
            for &s in block {
                work.accumulate(adjacency, s, credit, &mut sum);
            }
            sum
        })
        .collect();
    let mut total = vec![0.0; n];
    for partial in partials {
        for (t, p) in total.iter_mut().zip(partial) {
            *t += p;
        }
    }
    total
}

/// The level of a node not reached yet, in [`BrandesWork::level`].
const UNSEEN_LEVEL: u8 = u8::MAX;

/// Buffers of one single-source pass, reset after each pass on the nodes it reached.
struct BrandesWork {
    /// Each node's distance from the source modulo 3, or [`UNSEEN_LEVEL`]: the
    /// neighbours of a node at distance d lie at d − 1, d or d + 1, which differ modulo
    /// 3, so one byte per node tells predecessors from the others, and the whole array
    /// of half a million nodes stays in the processor's cache.
    level: Vec<u8>,
    /// Number of shortest paths from the source and dependency, side by side: the
    /// dependency pass reads both for each predecessor.
    paths: Vec<(f64, f64)>,
    /// The nodes reached, in breadth-first order.
    order: Vec<u32>,
    /// Where each distance starts in `order`, and its end.
    level_starts: Vec<usize>,
}

impl BrandesWork {
    fn new(n: usize) -> Self {
        Self {
            level: vec![UNSEEN_LEVEL; n],
            paths: vec![(0.0, 0.0); n],
            order: Vec::with_capacity(n),
            level_starts: Vec::new(),
        }
    }

    /// Adds source `s`'s credits to `sum` (every node but `s`).
    fn accumulate(&mut self, adjacency: &Adjacency, s: usize, credit: Credit, sum: &mut [f64]) {
        let Self {
            level,
            paths,
            order,
            level_starts,
        } = self;
        // breadth-first search, counting shortest paths, one distance after the other
        order.clear();
        level_starts.clear();
        level[s] = 0;
        paths[s] = (1.0, 0.0);
        order.push(s as u32);
        let mut head = 0;
        let mut distance = 0u32;
        while head < order.len() {
            level_starts.push(head);
            let end = order.len();
            let next = ((distance + 1) % 3) as u8;
            while head < end {
                let v = order[head] as usize;
                head += 1;
                let sigma_v = paths[v].0;
                for &w in adjacency.neighbours(v) {
                    let lw = &mut level[w as usize];
                    if *lw == UNSEEN_LEVEL {
                        *lw = next;
                        order.push(w);
                    }
                    if *lw == next {
                        paths[w as usize].0 += sigma_v;
                    }
                }
            }
            distance += 1;
        }
        level_starts.push(order.len());
        // dependencies, farthest nodes first; predecessors are the neighbours one hop
        // closer to s. With linear credits, the dependency holds Σ_t (share through w) /
        // d(s, t) and w's credit is d(s, w) times it.
        for d in (1..level_starts.len() - 1).rev() {
            let before = ((d - 1) % 3) as u8;
            let (own, times) = match credit {
                Credit::Whole => (1.0, 1.0),
                Credit::Linear => (1.0 / d as f64, d as f64),
            };
            for &w in order[level_starts[d]..level_starts[d + 1]].iter().rev() {
                let w = w as usize;
                let (sigma_w, delta_w) = paths[w];
                let coeff = (own + delta_w) / sigma_w;
                for &v in adjacency.neighbours(w) {
                    if level[v as usize] == before {
                        let pv = &mut paths[v as usize];
                        pv.1 += pv.0 * coeff;
                    }
                }
                sum[w] += times * delta_w;
            }
        }
        for &w in order.iter() {
            level[w as usize] = UNSEEN_LEVEL;
            paths[w as usize] = (0.0, 0.0);
        }
    }
}

/// Closeness centrality, unweighted, with Wasserman and Faust's correction for
/// disconnected graphs: networkx `closeness_centrality(G)`.
///
/// For node v reaching r − 1 other nodes at total distance d (in hops):
/// ((r − 1) / d) × ((r − 1) / (n − 1)); 0 for a node that reaches no other. One
/// breadth-first search per node, 256 of them per pass over the graph (a bit per
/// search in four words per node: multi-source search, Then et al., VLDB 2014), on
/// several threads from [`PARALLEL_THRESHOLD`] nodes. The distance sums are integers,
/// so the result is the same bit for bit whatever the number of threads, and the same
/// as one search per node. rustworkx-core's `closeness_centrality` gives the same
/// figures (checked by the tests).
///
/// # Arguments
/// * `graph`: the network (weights are not used).
///
/// # Returns
/// The closeness of each node, in [0, 1], indexed by node index.
///
/// # Complexity
/// O(n (n + m)) bit operations, O(n (n + m) / 256) word operations; O(n) memory per
/// thread.
///
/// # Example
/// ```
/// use maillage::network::closeness;
/// use petgraph::graph::UnGraph;
/// // a path 0 - 1 - 2 and an isolated node 3
/// let mut g = UnGraph::<(), f64>::from_edges([(0, 1, 1.0), (1, 2, 1.0)]);
/// g.add_node(());
/// let c = closeness(&g);
/// assert!((c[0] - (2.0 / 3.0) * (2.0 / 3.0)).abs() < 1e-15); // 2 reached at distance 1 + 2
/// assert!((c[1] - 2.0 / 3.0).abs() < 1e-15);
/// assert_eq!(c[3], 0.0);
/// ```
pub fn closeness<N>(graph: &UnGraph<N, f64>) -> Vec<f64> {
    let (adjacency, renumbered) = Adjacency::of(graph).in_search_order();
    let n = adjacency.len();
    // every node a source: by symmetry, the sum of a node's distances from every source
    // is its own distance sum, and the sources that reach it are those it reaches
    let sources: Vec<u32> = (0..n as u32).collect();
    let DistanceSums { sums, reached } =
        distance_sums(&adjacency, &sources, n >= PARALLEL_THRESHOLD);
    renumbered
        .iter()
        .map(|&v| {
            let (total, reached) = (sums[v as usize], f64::from(reached[v as usize]));
            if total == 0 || n < 2 {
                0.0
            } else {
                (reached / total as f64) * (reached / (n - 1) as f64)
            }
        })
        .collect()
}

/// Closeness centrality estimated from `k` source pivots per connected component,
/// seeded: the sampled counterpart of [`closeness`] for large networks, as
/// [`betweenness_sampled`] is for betweenness.
///
/// For node v in a component of r nodes, the exact figure needs D(v), the sum of the
/// hops from v to the r − 1 others. In a component of more than `k` nodes, `k` pivots
/// are drawn uniformly among its nodes ([`SeededRng::sample`], one draw per component
/// in component order) and one breadth-first search runs from each; D(v) is estimated
/// by (r − 1) × the mean distance from v to the pivots other than v (Eppstein and
/// Wang, 2004), an unbiased estimate of D(v), and the closeness by
/// ((r − 1) / D̂(v)) × ((r − 1) / (n − 1)). Components of `k` nodes or fewer are
/// computed exactly, so with `k` at least the largest component the result is the
/// exact [`closeness`], bit for bit. The component sizes are exact.
///
/// The searches run 256 pivots per pass, as in [`closeness`]. The distance sums are
/// integers, added in any order, so the result is the same bit for bit whatever the
/// number of threads.
///
/// # Arguments
/// * `graph`: the network (weights are not used).
/// * `k`: number of pivots per component (at least 1).
/// * `seed`: seed of the pivot draw: the same seed gives the same result.
///
/// # Returns
/// The estimated closeness of each node, indexed by node index.
///
/// # Complexity
/// O(k m + n) time, O(n + m) memory per thread.
///
/// # Example
/// ```
/// use maillage::network::{closeness, closeness_sampled};
/// use petgraph::graph::UnGraph;
/// let g = UnGraph::<(), f64>::from_edges((0..99).map(|i| (i, i + 1, 1.0)));
/// let estimate = closeness_sampled(&g, 10, 7);
/// assert_eq!(estimate, closeness_sampled(&g, 10, 7)); // seeded
/// assert_eq!(closeness_sampled(&g, 100, 7), closeness(&g)); // k ≥ r: exact
/// let exact = closeness(&g);
/// assert!((estimate[50] - exact[50]).abs() / exact[50] < 0.2);
/// ```
pub fn closeness_sampled<N>(graph: &UnGraph<N, f64>, k: usize, seed: u64) -> Vec<f64> {
    let adjacency = Adjacency::of(graph);
    let n = adjacency.len();
    let k = k.max(1);
    let (component, members) = connected_components(graph);
    // sources: every node of a small component, k pivots of a large one
    let mut rng = SeededRng::new(seed);
    let mut sources: Vec<usize> = Vec::new();
    let mut pivots_in = vec![0usize; members.len()];
    for (c, list) in members.iter().enumerate() {
        if list.len() <= k {
            sources.extend(list.iter().map(|&v| v as usize));
            pivots_in[c] = list.len();
        } else {
            sources.extend(
                rng.sample(list.len(), k)
                    .into_iter()
                    .map(|i| list[i] as usize),
            );
            pivots_in[c] = k;
        }
    }
    let mut is_source = vec![false; n];
    for &s in &sources {
        is_source[s] = true;
    }
    // the searches run on the graph renumbered for locality, nearby sources together;
    // sums come back by old number
    let (search_graph, renumbered) = adjacency.in_search_order();
    let mut search_sources: Vec<u32> = sources.iter().map(|&s| renumbered[s]).collect();
    search_sources.sort_unstable();
    let sums = distance_sums(&search_graph, &search_sources, n >= PARALLEL_THRESHOLD).sums;
    (0..n)
        .map(|v| {
            let c = component[v] as usize;
            let r = members[c].len();
            let reached = (r - 1) as f64;
            let pivots = pivots_in[c] - usize::from(is_source[v]);
            let sum = sums[renumbered[v] as usize];
            if sum == 0 || n < 2 || pivots == 0 {
                return 0.0;
            }
            let total = if pivots_in[c] == r {
                // every node of the component is a source: the exact sum
                sum as f64
            } else {
                sum as f64 * reached / pivots as f64
            };
            (reached / total) * (reached / (n - 1) as f64)
        })
        .collect()
}

/// PageRank on edge weights: networkx `pagerank(G, alpha, weight="weight", tol=tol,
/// max_iter=max_iter)`.
///
/// Power iteration from the uniform vector: a walker follows an edge with probability
/// proportional to its weight (each row normalised by the node's strength), a node of
/// strength 0 (dangling) sends its score to every node equally, and with probability
/// 1 − `alpha` the walker jumps to a uniformly chosen node. Iteration stops when the
/// L1 change of the score vector falls below n × `tol`, and returns the new vector,
/// as networkx does. The spec's parameters are [`PAGERANK_ALPHA`], [`PAGERANK_TOL`]
/// and [`PAGERANK_MAX_ITER`].
///
/// # Arguments
/// * `graph`: the network, edge weight = summed relation weights (non-negative).
/// * `alpha`: damping factor, in [0, 1].
/// * `tol`: convergence tolerance per node.
/// * `max_iter`: most iterations.
///
/// # Returns
/// The PageRank of each node, indexed by node index, summing to 1 (empty for an
/// empty graph).
///
/// # Errors
/// [`CentralityError::PageRankNotConverged`] when the change is still n × `tol` or
/// more after `max_iter` iterations.
///
/// # Complexity
/// O(max_iter (n + m)) time, O(n + m) memory.
///
/// # Example
/// ```
/// use maillage::network::{pagerank, PAGERANK_ALPHA, PAGERANK_MAX_ITER, PAGERANK_TOL};
/// use petgraph::graph::UnGraph;
/// let g = UnGraph::<(), f64>::from_edges([(0, 1, 1.0), (0, 2, 1.0), (0, 3, 1.0)]);
/// let pr = pagerank(&g, PAGERANK_ALPHA, PAGERANK_TOL, PAGERANK_MAX_ITER).unwrap();
/// assert!((pr.iter().sum::<f64>() - 1.0).abs() < 1e-12);
/// assert!(pr[0] > pr[1] && (pr[1] - pr[3]).abs() < 1e-15);
/// assert!(pagerank(&g, PAGERANK_ALPHA, PAGERANK_TOL, 2).is_err());
/// ```
pub fn pagerank<N>(
    graph: &UnGraph<N, f64>,
    alpha: f64,
    tol: f64,
    max_iter: usize,
) -> Result<Vec<f64>, CentralityError> {
    let n = graph.node_count();
    if n == 0 {
        return Ok(Vec::new());
    }
    let strength = strength(graph);
    let inverse: Vec<f64> = strength
        .iter()
        .map(|&s| if s != 0.0 { 1.0 / s } else { 0.0 })
        .collect();
    let dangling: Vec<usize> = (0..n).filter(|&v| strength[v] == 0.0).collect();
    // transition probabilities a → b and b → a of each edge
    let transitions: Vec<(usize, usize, f64, f64)> = graph
        .edge_references()
        .filter(|e| e.source() != e.target())
        .map(|e| {
            let (a, b, w) = (e.source().index(), e.target().index(), *e.weight());
            (a, b, inverse[a] * w, inverse[b] * w)
        })
        .collect();
    let uniform = 1.0 / n as f64;
    let threshold = n as f64 * tol;
    let mut x = vec![uniform; n];
    let mut next = vec![0.0; n];
    let mut change = f64::INFINITY;
    for _ in 0..max_iter {
        next.fill(0.0);
        for &(a, b, ab, ba) in &transitions {
            next[b] += x[a] * ab;
            next[a] += x[b] * ba;
        }
        let dangling_sum: f64 = dangling.iter().map(|&v| x[v]).sum();
        for y in &mut next {
            *y = alpha * (*y + dangling_sum * uniform) + (1.0 - alpha) * uniform;
        }
        change = next.iter().zip(&x).map(|(y, x)| (y - x).abs()).sum();
        std::mem::swap(&mut x, &mut next);
        if change < threshold {
            return Ok(x);
        }
    }
    Err(CentralityError::PageRankNotConverged {
        max_iter,
        change,
        threshold,
    })
}

/// Local clustering coefficient, unweighted: networkx `clustering(G)`.
///
/// For node v of degree d ≥ 2, the share of pairs of its neighbours that are
/// themselves neighbours: 2T(v) / (d(d − 1)), T(v) the triangles through v; 0 when
/// d < 2.
///
/// # Arguments
/// * `graph`: the network (weights are not used).
///
/// # Returns
/// The clustering of each node, in [0, 1], indexed by node index.
///
/// # Complexity
/// O(n + Σ_v d(v)²) time, O(n + m) memory.
///
/// # Example
/// ```
/// use maillage::network::clustering;
/// use petgraph::graph::UnGraph;
/// // a triangle 0 1 2 with a pendant 3 on 0
/// let g = UnGraph::<(), f64>::from_edges([(0, 1, 1.0), (1, 2, 1.0), (0, 2, 1.0), (0, 3, 1.0)]);
/// assert_eq!(clustering(&g), [1.0 / 3.0, 1.0, 1.0, 0.0]);
/// ```
pub fn clustering<N>(graph: &UnGraph<N, f64>) -> Vec<f64> {
    let adjacency = Adjacency::of(graph);
    let n = adjacency.len();
    // Each triangle is found once, from its corner of lowest rank (degree, then index),
    // along edges oriented towards higher ranks: O(m √m) rather than Σ degree², which
    // hubs (a CPTS with thousands of members) make large.
    let rank_key = |v: usize| (adjacency.degree(v), v);
    let mut forward_offsets = Vec::with_capacity(n + 1);
    let mut forward: Vec<u32> = Vec::with_capacity(adjacency.len());
    forward_offsets.push(0);
    for v in 0..n {
        forward.extend(
            adjacency
                .neighbours(v)
                .iter()
                .filter(|&&w| rank_key(w as usize) > rank_key(v)),
        );
        forward_offsets.push(forward.len());
    }
    let forward_of = |v: usize| &forward[forward_offsets[v]..forward_offsets[v + 1]];
    // blocks of corners counted in parallel, their integer counts added: the same
    // result whatever the number of threads
    let block_size = n.div_ceil(CLUSTERING_BLOCKS).max(1);
    let count_block = |block: std::ops::Range<usize>| {
        let mut triangles = vec![0u32; n];
        let mut mark = vec![u32::MAX; n];
        for v in block {
            for &w in forward_of(v) {
                mark[w as usize] = v as u32;
            }
            for &w in forward_of(v) {
                for &x in forward_of(w as usize) {
                    if mark[x as usize] == v as u32 {
                        triangles[v] += 1;
                        triangles[w as usize] += 1;
                        triangles[x as usize] += 1;
                    }
                }
            }
        }
        triangles
    };
    let blocks: Vec<std::ops::Range<usize>> = (0..n)
        .step_by(block_size)
        .map(|start| start..(start + block_size).min(n))
        .collect();
    let triangles = if n >= PARALLEL_THRESHOLD {
        blocks
            .into_par_iter()
            .map(count_block)
            .reduce(|| vec![0u32; n], add_counts)
    } else {
        count_block(0..n)
    };
    (0..n)
        .map(|v| {
            let d = adjacency.degree(v);
            // each triangle through v links two of its neighbours: 2t of d(d−1) ordered pairs
            let links = 2 * triangles[v] as usize;
            if d < 2 || links == 0 {
                0.0
            } else {
                links as f64 / (d * (d - 1)) as f64
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Closeness as it was computed before the multi-source searches, one search per
    /// node: the oracle the batched searches are compared with.
    pub(super) fn closeness_per_source<N>(graph: &UnGraph<N, f64>) -> Vec<f64> {
        let (adjacency, renumbered) = Adjacency::of(graph).in_search_order();
        let n = adjacency.len();
        let mut seen = Seen::new(n);
        let mut queue = Vec::with_capacity(n);
        (0..n)
            .map(|old| {
                let source = renumbered[old] as usize;
                let total = search_distances(&adjacency, source, &mut seen, &mut queue, |_, _| {});
                let reached = (queue.len() - 1) as f64;
                if total == 0 || n < 2 {
                    0.0
                } else {
                    (reached / total as f64) * (reached / (n - 1) as f64)
                }
            })
            .collect()
    }

    /// Nodes reached by a search, one byte each: the distance of a node is that of the
    /// round of the search that reached it, so four bytes per node need not be read.
    struct Seen(Vec<bool>);

    impl Seen {
        fn new(n: usize) -> Self {
            Self(vec![false; n])
        }

        /// Marks `v`: whether it was unmarked.
        fn insert(&mut self, v: usize) -> bool {
            !std::mem::replace(&mut self.0[v], true)
        }

        fn remove(&mut self, v: usize) {
            self.0[v] = false;
        }
    }

    /// Breadth-first search from `source`, one distance after the other: calls
    /// `reached(node, distance)` on every node reached but the source, leaves the reached
    /// nodes in `queue` (source first) and returns the sum of their distances. `seen` must
    /// be empty and is left so.
    fn search_distances(
        adjacency: &Adjacency,
        source: usize,
        seen: &mut Seen,
        queue: &mut Vec<u32>,
        mut reached: impl FnMut(usize, u32),
    ) -> u64 {
        queue.clear();
        seen.insert(source);
        queue.push(source as u32);
        let (mut head, mut total, mut next) = (0, 0u64, 1u32);
        while head < queue.len() {
            let end = queue.len();
            while head < end {
                let u = queue[head] as usize;
                head += 1;
                for &v in adjacency.neighbours(u) {
                    if seen.insert(v as usize) {
                        total += u64::from(next);
                        reached(v as usize, next);
                        queue.push(v);
                    }
                }
            }
            next += 1;
        }
        for &v in queue.iter() {
            seen.remove(v as usize);
        }
        total
    }

    fn path(n: usize) -> UnGraph<(), f64> {
        UnGraph::from_edges((1..n as u32).map(|i| (i - 1, i, 1.0)))
    }

    #[test]
    fn degree_and_strength_merge_parallel_edges_and_drop_self_loops() {
        let g =
            UnGraph::<(), f64>::from_edges([(0, 1, 1.0), (1, 0, 2.0), (1, 1, 5.0), (2, 1, 1.0)]);
        assert_eq!(degree(&g), [1, 2, 1]);
        assert_eq!(strength(&g), [3.0, 4.0, 1.0]);
    }

    /// The triangle count by rank agrees with the definition (pairs of neighbours that
    /// are linked), bit for bit, on seeded random graphs with hubs.
    #[test]
    fn clustering_matches_the_definition_on_random_graphs() {
        let mut rng = crate::network::rng::SeededRng::new(7);
        for _ in 0..50 {
            let n = 5 + rng.below(40);
            let mut edges = Vec::new();
            for a in 0..n as u32 {
                for b in a + 1..n as u32 {
                    // node 0 is a hub; the rest are sparse
                    let p = if a == 0 { 0.8 } else { 0.15 };
                    if rng.next_f64() < p {
                        edges.push((a, b, 1.0));
                    }
                }
            }
            let g = UnGraph::<(), f64>::from_edges(edges);
            let a = Adjacency::of(&g);
            let expected: Vec<f64> = (0..a.len())
                .map(|v| {
                    let nb = a.neighbours(v);
                    let d = nb.len();
                    let links = nb
                        .iter()
                        .flat_map(|&x| nb.iter().map(move |&y| (x, y)))
                        .filter(|&(x, y)| x != y && a.neighbours(x as usize).contains(&y))
                        .count();
                    if d < 2 || links == 0 {
                        0.0
                    } else {
                        links as f64 / (d * (d - 1)) as f64
                    }
                })
                .collect();
            assert_eq!(clustering(&g), expected);
        }
    }

    #[test]
    fn brandes_counts_ordered_pairs() {
        // path of 4: node 1 lies between 0 and 2, 0 and 3 (both directions)
        let a = Adjacency::of(&path(4));
        assert_eq!(
            brandes(&a, &[0, 1, 2, 3], Credit::Whole),
            [0.0, 4.0, 4.0, 0.0]
        );
        // linear credits: each unordered pair once, shared by where the node lies
        // (1 between 0 and 2 at half way, between 0 and 3 at a third and two thirds)
        let linear = brandes(&a, &[0, 1, 2, 3], Credit::Linear);
        assert!((linear[1] - 2.0).abs() < 1e-15, "{linear:?}");
    }

    #[test]
    fn brandes_splits_paths_of_equal_length() {
        // a square 0-1-2-3-0: 1 and 3 each carry half of the pair {0, 2}
        let g =
            UnGraph::<(), f64>::from_edges([(0, 1, 1.0), (1, 2, 1.0), (2, 3, 1.0), (3, 0, 1.0)]);
        let a = Adjacency::of(&g);
        assert_eq!(
            brandes(&a, &[0, 1, 2, 3], Credit::Whole),
            [1.0, 1.0, 1.0, 1.0]
        );
    }

    #[test]
    fn pagerank_error_says_what_to_change() {
        let err = pagerank(&path(3), 0.85, 1e-10, 1).unwrap_err();
        assert!(err.to_string().contains("augmentez max_iter"), "{err}");
    }

    // --- the multi-source searches against one search per source ----------------------

    use crate::network::multi_source::tests::with_fault;
    use crate::network::multi_source::{brandes_batched, distance_sums, Fault};
    use crate::network::SeededRng;
    use petgraph::graph::NodeIndex;

    /// The graphs the batched searches are checked on: trees, paths, cycles, grids,
    /// hubs, several components, isolated nodes and dense clusters (many shortest paths
    /// of equal length), from a few nodes to several batches of sources.
    fn random_graphs() -> Vec<(String, UnGraph<(), f64>)> {
        let mut rng = SeededRng::new(20);
        let mut graphs = Vec::new();
        let edges = |n: usize, list: Vec<(usize, usize)>| {
            let mut g = UnGraph::<(), f64>::with_capacity(n, list.len());
            for _ in 0..n {
                g.add_node(());
            }
            // simple graphs: rustworkx counts parallel edges as distinct paths
            for (a, b) in list {
                let (a, b) = (NodeIndex::new(a), NodeIndex::new(b));
                if a != b && g.find_edge(a, b).is_none() {
                    g.add_edge(a, b, 1.0);
                }
            }
            g
        };
        for round in 0..6 {
            let n = [3, 17, 64, 65, 300, 520][round];
            // a random tree: each node hangs from an earlier one
            let tree = (1..n).map(|v| (rng.below(v), v)).collect();
            graphs.push((format!("tree {n}"), edges(n, tree)));
            graphs.push((format!("path {n}"), path(n)));
            let cycle = (0..n).map(|v| (v, (v + 1) % n)).collect();
            graphs.push((format!("cycle {n}"), edges(n, cycle)));
            let w = (n as f64).sqrt().ceil() as usize;
            let grid = (0..n)
                .flat_map(|v| {
                    let right = (v % w + 1 < w && v + 1 < n).then_some((v, v + 1));
                    let down = (v + w < n).then_some((v, v + w));
                    right.into_iter().chain(down)
                })
                .collect();
            graphs.push((format!("grid {n}"), edges(n, grid)));
            // hubs: two nodes tied to most others, sparse ties among the rest
            let mut hubs = Vec::new();
            for v in 2..n {
                for hub in 0..2 {
                    if rng.next_f64() < 0.7 {
                        hubs.push((hub, v));
                    }
                }
                if rng.next_f64() < 0.5 {
                    hubs.push((v, 2 + rng.below(n - 2)));
                }
            }
            graphs.push((format!("hubs {n}"), edges(n, hubs)));
            // several components of random sparse ties, and a tenth of the nodes isolated
            let isolated = n / 10;
            let parts = 1 + round;
            let mut split = Vec::new();
            for _ in 0..2 * n {
                let part = rng.below(parts);
                let size = (n - isolated) / parts;
                if size >= 2 {
                    let base = isolated + part * size;
                    split.push((base + rng.below(size), base + rng.below(size)));
                }
            }
            graphs.push((format!("components {n}"), edges(n, split)));
            // dense: many equal shortest paths
            let dense = (0..4 * n).map(|_| (rng.below(n), rng.below(n))).collect();
            graphs.push((format!("dense {n}"), edges(n, dense)));
        }
        graphs
    }

    /// The first node where `ours` differs from `reference` by more than `tolerance`
    /// times the larger of 1 and the reference value, as a message; `None` when they
    /// agree.
    fn mismatch(ours: &[f64], reference: &[f64], tolerance: f64) -> Option<String> {
        if ours.len() != reference.len() {
            return Some(format!("{} values against {}", ours.len(), reference.len()));
        }
        ours.iter()
            .zip(reference)
            .enumerate()
            .find(|(_, (a, b))| {
                // a NaN on either side is a mismatch too
                let bound = tolerance * b.abs().max(1.0);
                !matches!(
                    (*a - *b).abs().partial_cmp(&bound),
                    Some(std::cmp::Ordering::Less | std::cmp::Ordering::Equal)
                )
            })
            .map(|(v, (a, b))| format!("node {v}: {a} against {b}"))
    }

    const AGREE: f64 = 1e-12;

    /// Every node a pivot, and a few pivots, in the graph's search order as the
    /// centralities use it.
    fn pivot_sets(n: usize) -> Vec<Vec<usize>> {
        let some: Vec<usize> = (0..n).step_by(3).collect();
        vec![(0..n).collect(), some]
    }

    /// The public figures, on graphs large enough to take the batched searches, against
    /// rustworkx-core (betweenness) and one search per source (closeness, bit for bit).
    #[test]
    fn batched_figures_agree_with_rustworkx_core() {
        let mut rng = SeededRng::new(3);
        let n = BATCHED_FROM + 37;
        // a grid with a hub, a tree beside it, and isolated nodes
        let mut g = UnGraph::<(), f64>::with_capacity(n, 3 * n);
        for _ in 0..n {
            g.add_node(());
        }
        let w = 25;
        for v in 0..700usize {
            if v % w + 1 < w && v + 1 < 700 {
                g.add_edge(NodeIndex::new(v), NodeIndex::new(v + 1), 1.0);
            }
            if v + w < 700 {
                g.add_edge(NodeIndex::new(v), NodeIndex::new(v + w), 1.0);
            }
            if rng.next_f64() < 0.05 {
                g.add_edge(NodeIndex::new(0), NodeIndex::new(v), 1.0);
            }
        }
        for v in 701..n - 20 {
            g.add_edge(
                NodeIndex::new(v),
                NodeIndex::new(700 + rng.below(v - 700)),
                1.0,
            );
        }
        let theirs: Vec<f64> =
            rustworkx_core::centrality::betweenness_centrality(&g, false, true, 50)
                .into_iter()
                .map(|b| b.unwrap_or(0.0))
                .collect();
        let ours = betweenness(&g);
        assert_eq!(mismatch(&ours, &theirs, AGREE), None);
        let exact = betweenness_sampled(&g, n, 1).unwrap();
        assert_eq!(mismatch(&exact, &theirs, AGREE), None);
        let theirs: Vec<f64> = rustworkx_core::centrality::closeness_centrality(&g, true, 50)
            .into_iter()
            .map(|c| c.unwrap_or(0.0))
            .collect();
        let ours = closeness(&g);
        assert_eq!(mismatch(&ours, &theirs, AGREE), None);
        assert_eq!(ours, closeness_per_source(&g));
    }

    /// The batched Brandes sums against one search per source (all pivots and a third
    /// of them, whole and linear credits, on one thread and several), and, scaled as the
    /// public exact betweenness, against rustworkx-core: the first disagreement.
    fn check_brandes(graphs: &[(String, UnGraph<(), f64>)]) -> Result<(), String> {
        for (name, g) in graphs {
            let (a, renumbered) = Adjacency::of(g).in_search_order();
            let n = a.len();
            for pivots in pivot_sets(n) {
                for credit in [Credit::Whole, Credit::Linear] {
                    let reference = brandes(&a, &pivots, credit);
                    for parallel in [false, true] {
                        let ours = brandes_batched(&a, &pivots, credit, parallel);
                        if let Some(m) = mismatch(&ours, &reference, AGREE) {
                            return Err(format!(
                                "{name}, {} pivots, {credit:?}: {m}",
                                pivots.len()
                            ));
                        }
                    }
                }
            }
            let scale = 1.0 / ((n - 1) as f64 * (n - 2) as f64);
            let sums = brandes_batched(&a, &(0..n).collect::<Vec<_>>(), Credit::Whole, true);
            let ours: Vec<f64> = renumbered
                .iter()
                .map(|&v| sums[v as usize] * scale)
                .collect();
            let theirs: Vec<f64> =
                rustworkx_core::centrality::betweenness_centrality(g, false, true, 50)
                    .into_iter()
                    .map(|b| b.unwrap_or(0.0))
                    .collect();
            if let Some(m) = mismatch(&ours, &theirs, AGREE) {
                return Err(format!("{name} against rustworkx-core: {m}"));
            }
        }
        Ok(())
    }

    /// The distance sums from every node and from a random subset (as sampled closeness
    /// draws them) against one search per source, exactly, on one thread and several;
    /// closeness against the previous implementation (bit for bit) and rustworkx-core:
    /// the first disagreement.
    fn check_distances(graphs: &[(String, UnGraph<(), f64>)]) -> Result<(), String> {
        let mut rng = SeededRng::new(9);
        for (name, g) in graphs {
            let (a, _) = Adjacency::of(g).in_search_order();
            let n = a.len();
            let some: Vec<u32> = (0..n as u32).filter(|_| rng.next_f64() < 0.4).collect();
            for sources in [(0..n as u32).collect(), some] {
                let (mut seen, mut queue) = (Seen::new(n), Vec::new());
                let (mut sums, mut reached) = (vec![0u64; n], vec![0u32; n]);
                for &s in &sources {
                    search_distances(&a, s as usize, &mut seen, &mut queue, |v, d| {
                        sums[v] += u64::from(d);
                        reached[v] += 1;
                    });
                }
                for parallel in [false, true] {
                    let ours = distance_sums(&a, &sources, parallel);
                    if (&ours.sums, &ours.reached) != (&sums, &reached) {
                        return Err(format!("{name}, {} sources: distance sums", sources.len()));
                    }
                }
            }
            let ours = closeness(g);
            if ours != closeness_per_source(g) {
                return Err(format!(
                    "{name}: closeness differs from one search per node"
                ));
            }
            let theirs: Vec<f64> = rustworkx_core::centrality::closeness_centrality(g, true, 50)
                .into_iter()
                .map(|c| c.unwrap_or(0.0))
                .collect();
            if let Some(m) = mismatch(&ours, &theirs, AGREE) {
                return Err(format!("{name}: closeness against rustworkx-core: {m}"));
            }
        }
        Ok(())
    }

    #[test]
    fn batched_searches_agree_with_one_search_per_source_and_rustworkx_core() {
        let graphs = random_graphs();
        assert_eq!(check_brandes(&graphs), Ok(()));
        assert_eq!(check_distances(&graphs), Ok(()));
    }

    /// The checks above can fail: the same checks reject the searches when they commit
    /// any of the mistakes of [`Fault`], and a result off by one part in 10¹⁰ at one
    /// node.
    #[test]
    fn the_comparisons_catch_a_broken_search() {
        let graphs = random_graphs();
        for fault in [
            Fault::DistanceOffByOne,
            Fault::LastLaneDropped,
            Fault::StaleSeen,
        ] {
            let caught = with_fault(fault, || check_distances(&graphs));
            assert!(caught.is_err(), "{fault:?} not caught");
        }
        for fault in [Fault::SeenTooEarly, Fault::FarthestSkipped] {
            let caught = with_fault(fault, || check_brandes(&graphs));
            assert!(caught.is_err(), "{fault:?} not caught");
        }
        // the faults are gone once the check returns
        assert_eq!(check_distances(&graphs[..7]), Ok(()));
        let (name, g) = &graphs[32];
        assert_eq!(name, "hubs 300");
        let (a, _) = Adjacency::of(g).in_search_order();
        let pivots: Vec<usize> = (0..a.len()).collect();
        let reference = brandes(&a, &pivots, Credit::Whole);
        let mut perturbed = brandes_batched(&a, &pivots, Credit::Whole, true);
        assert_eq!(mismatch(&perturbed, &reference, AGREE), None);
        let hub = (0..a.len())
            .max_by(|&x, &y| reference[x].total_cmp(&reference[y]))
            .unwrap();
        perturbed[hub] *= 1.0 + 1e-10;
        assert!(mismatch(&perturbed, &reference, AGREE).is_some());
    }

    /// The batched sums are the same bits on one thread and on several.
    #[test]
    fn batched_searches_do_not_depend_on_the_threads() {
        let (name, g) = random_graphs().swap_remove(39);
        assert_eq!(name, "hubs 520");
        let (a, _) = Adjacency::of(&g).in_search_order();
        let pivots: Vec<usize> = (0..a.len()).collect();
        let sources: Vec<u32> = (0..a.len() as u32).collect();
        let run = |threads: usize| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap()
                .install(|| {
                    (
                        brandes_batched(&a, &pivots, Credit::Linear, true),
                        distance_sums(&a, &sources, true).sums,
                    )
                })
        };
        assert_eq!(run(1), run(2));
        assert_eq!(run(1), run(3));
    }
}
