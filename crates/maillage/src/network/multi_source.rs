//! Multi-source breadth-first searches: many sources walk the graph together, one bit
//! per source in words per node, so that each arc is read once per distance at which
//! any of the sources crosses it rather than once per source (Then et al., "The More
//! the Merrier: Efficient Multi-Source Graph Traversal", VLDB 2014; their batched
//! Brandes, BTW 2017).
//!
//! Sources that lie close to one another reach each node at nearly the same distance,
//! so the searches take them in batches of consecutive numbers of the graph renumbered
//! in breadth-first order ([`Adjacency::in_search_order`]).

use super::adjacency::Adjacency;
use super::centrality::Credit;
use rayon::prelude::*;

/// Words of sources per node in the distance searches: 256 sources per pass, where
/// only bit operations are done per arc, so wider words cost little more than one.
const LANES: usize = 4;

/// Sources in one pass of the distance searches.
const DISTANCE_BATCH: usize = 64 * LANES;

/// Sources in one pass of the batched Brandes: path counts and dependencies are one
/// float per source and node, so 64 sources already hold 512 bytes per node.
const BRANDES_BATCH: usize = 64;

/// Most blocks the batches are split into, each summed alone and the blocks added in
/// order: a constant, so that the float sums never depend on the number of threads.
const BLOCKS: usize = 64;

type Word = [u64; LANES];

/// Mistakes the tests make the searches commit, one at a time, to show that their
/// comparisons with one search per source and with rustworkx-core reject them. Only
/// the tests set one (`tests::with_fault`); elsewhere `injected` is a constant
/// `false` and the searches compile as if this did not exist.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Fault {
    /// Distances counted from 0 at the first ring instead of 1.
    DistanceOffByOne,
    /// The last word of sources not carried along the arcs (sources 192 to 255 of a
    /// pass never leave their node).
    LastLaneDropped,
    /// The sources' bits not cleared between passes.
    StaleSeen,
    /// A node marked as reached at its first predecessor, so that the others at the
    /// same distance no longer add their path counts.
    SeenTooEarly,
    /// The farthest distance skipped when gathering dependencies.
    FarthestSkipped,
}

/// Whether the tests asked for `fault`.
#[cfg(test)]
fn injected(fault: Fault) -> bool {
    tests::FAULT.with(|f| f.get() == Some(fault))
}

#[cfg(not(test))]
#[inline(always)]
fn injected(_: Fault) -> bool {
    false
}

const EMPTY: Word = [0; LANES];

#[inline]
fn is_empty(w: &Word) -> bool {
    w.iter().all(|&x| x == 0)
}

/// The distances from many sources, summed per node.
pub(super) struct DistanceSums {
    /// Each node's sum of its distances from the sources that reach it.
    pub(super) sums: Vec<u64>,
    /// How many sources other than the node itself reach it.
    pub(super) reached: Vec<u32>,
}

/// One breadth-first search from each of `sources` (distinct nodes), `DISTANCE_BATCH`
/// at a time; the distances are integers, so the sums are exact and do not depend on
/// the order of the batches nor on the threads. `sources` should be sorted, so that a
/// batch holds nearby nodes.
pub(super) fn distance_sums(
    adjacency: &Adjacency,
    sources: &[u32],
    parallel: bool,
) -> DistanceSums {
    let n = adjacency.len();
    let fresh = || DistanceSums {
        sums: vec![0; n],
        reached: vec![0; n],
    };
    let add = |mut a: DistanceSums, b: DistanceSums| {
        for (x, y) in a.sums.iter_mut().zip(b.sums) {
            *x += y;
        }
        for (x, y) in a.reached.iter_mut().zip(b.reached) {
            *x += y;
        }
        a
    };
    let batches: Vec<&[u32]> = sources.chunks(DISTANCE_BATCH).collect();
    if parallel && batches.len() > 1 {
        let per_block = batches.len().div_ceil(BLOCKS).max(1);
        batches
            .par_chunks(per_block)
            .map_init(
                || DistanceWork::new(n),
                |work, block| {
                    let mut out = fresh();
                    for batch in block {
                        work.search(adjacency, batch, &mut out);
                    }
                    out
                },
            )
            .reduce(fresh, add)
    } else {
        let mut work = DistanceWork::new(n);
        let mut out = fresh();
        for batch in batches {
            work.search(adjacency, batch, &mut out);
        }
        out
    }
}

/// The bit sets of one distance search, all empty between batches.
struct DistanceWork {
    /// The sources that have reached each node.
    seen: Vec<Word>,
    /// The sources whose search reached each node at the current distance.
    visit: Vec<Word>,
    /// The sources that reach each node at the next distance (before removing `seen`).
    next: Vec<Word>,
    /// The nodes whose `visit` is not empty, in increasing order.
    frontier: Vec<u32>,
}

impl DistanceWork {
    fn new(n: usize) -> Self {
        Self {
            seen: vec![EMPTY; n],
            visit: vec![EMPTY; n],
            next: vec![EMPTY; n],
            frontier: Vec::new(),
        }
    }

    /// Adds the distances from the sources of `batch` to `out`.
    fn search(&mut self, adjacency: &Adjacency, batch: &[u32], out: &mut DistanceSums) {
        let Self {
            seen,
            visit,
            next,
            frontier,
        } = self;
        frontier.clear();
        for (i, &s) in batch.iter().enumerate() {
            let (word, bit) = (i / 64, 1u64 << (i % 64));
            seen[s as usize][word] |= bit;
            visit[s as usize][word] |= bit;
            frontier.push(s);
        }
        frontier.sort_unstable();
        let mut distance = 0u64;
        let first = u64::from(!injected(Fault::DistanceOffByOne));
        let lanes = LANES - usize::from(injected(Fault::LastLaneDropped));
        while !frontier.is_empty() {
            distance += 1;
            for &v in frontier.iter() {
                let from = std::mem::replace(&mut visit[v as usize], EMPTY);
                for &w in adjacency.neighbours(v as usize) {
                    let to = &mut next[w as usize];
                    for l in 0..lanes {
                        to[l] |= from[l];
                    }
                }
            }
            // one sweep in node order finds the nodes reached for the first time, and
            // lists them in order for the next round
            frontier.clear();
            for w in 0..next.len() {
                let reaching = &mut next[w];
                if is_empty(reaching) {
                    continue;
                }
                let mut count = 0u32;
                let (s, v) = (&mut seen[w], &mut visit[w]);
                for l in 0..LANES {
                    let new = reaching[l] & !s[l];
                    s[l] |= new;
                    v[l] = new;
                    count += new.count_ones();
                }
                *reaching = EMPTY;
                if count > 0 {
                    out.sums[w] += (distance + first - 1) * u64::from(count);
                    out.reached[w] += count;
                    frontier.push(w as u32);
                }
            }
        }
        if !injected(Fault::StaleSeen) {
            seen.fill(EMPTY);
        }
    }
}

/// Sum over `pivots` (distinct nodes) of each node's credit ([`Credit`]), unscaled:
/// Brandes' algorithm, [`BRANDES_BATCH`] sources per pass. The forward searches count
/// the shortest paths of every source of the batch at once, their distances told by
/// bit sets; the dependencies are then gathered from the farthest distance back, each
/// node pulling the coefficients of its successors for the sources it precedes.
///
/// The batches are split into at most [`BLOCKS`] blocks (a split that depends on the
/// number of pivots only), processed in parallel when `parallel`; each block adds its
/// batches in order and the blocks are added in order, so the result is the same bit
/// for bit whatever the number of threads. Path counts are integers, exact in a float
/// below 2⁵³, so only the dependencies' order of summation differs from the
/// single-source search: the two agree to a few units in the last place.
pub(super) fn brandes_batched(
    adjacency: &Adjacency,
    pivots: &[usize],
    credit: Credit,
    parallel: bool,
) -> Vec<f64> {
    let n = adjacency.len();
    let batches: Vec<&[usize]> = pivots.chunks(BRANDES_BATCH).collect();
    let blocks = if parallel {
        batches.len().clamp(1, BLOCKS)
    } else {
        1
    };
    let per_block = batches.len().div_ceil(blocks).max(1);
    let run_block = |work: &mut BrandesBatch, block: &[&[usize]]| {
        let mut sum = vec![0.0; n];
        for batch in block {
            work.accumulate(adjacency, batch, credit, &mut sum);
        }
        sum
    };
    let partials: Vec<Vec<f64>> = if blocks > 1 {
        batches
            .par_chunks(per_block)
            .map_init(|| BrandesBatch::new(n), run_block)
            .collect()
    } else {
        let mut work = BrandesBatch::new(n);
        batches
            .chunks(per_block)
            .map(|block| run_block(&mut work, block))
            .collect()
    };
    let mut total = vec![0.0; n];
    for partial in partials {
        for (t, p) in total.iter_mut().zip(partial) {
            *t += p;
        }
    }
    total
}

/// Buffers of one batched Brandes pass.
struct BrandesBatch {
    /// The sources that have reached each node.
    seen: Vec<u64>,
    /// The sources reaching each node at the next distance.
    next: Vec<u64>,
    /// The sources for which each node lies at the distance after the one being
    /// gathered (the successors' distance).
    successors: Vec<u64>,
    /// Per node, one float per source of the batch: the number of shortest paths from
    /// the source during the forward searches, then, once the node's dependency is
    /// known, its coefficient (1 or 1/d, plus the dependency) divided by that number,
    /// which is all its predecessors read from it.
    values: Vec<f64>,
    /// (node, sources) reached at each distance, distance after distance.
    levels: Vec<(u32, u64)>,
    /// Where each distance starts in `levels`, and its end.
    level_starts: Vec<usize>,
}

impl BrandesBatch {
    fn new(n: usize) -> Self {
        Self {
            seen: vec![0; n],
            next: vec![0; n],
            successors: vec![0; n],
            values: vec![0.0; n * BRANDES_BATCH],
            levels: Vec::new(),
            level_starts: Vec::new(),
        }
    }

    /// Adds the credits of the sources of `batch` (at most [`BRANDES_BATCH`]) to `sum`.
    fn accumulate(
        &mut self,
        adjacency: &Adjacency,
        batch: &[usize],
        credit: Credit,
        sum: &mut [f64],
    ) {
        const W: usize = BRANDES_BATCH;
        let Self {
            seen,
            next,
            successors,
            values,
            levels,
            level_starts,
        } = self;
        values.fill(0.0);
        levels.clear();
        level_starts.clear();
        level_starts.push(0);
        let mut sources: Vec<(u32, u64)> = batch
            .iter()
            .enumerate()
            .map(|(i, &s)| (s as u32, 1u64 << i))
            .collect();
        sources.sort_unstable();
        for &(s, bit) in &sources {
            seen[s as usize] |= bit;
            values[s as usize * W + bit.trailing_zeros() as usize] = 1.0;
        }
        levels.extend(sources);
        let seen_too_early = injected(Fault::SeenTooEarly);
        // forward: path counts, one distance after the other. A node's path count for a
        // source is the sum of its predecessors' for that source: the neighbours that
        // the source reached at the distance before, hence `mask & !seen`.
        loop {
            let (start, end) = (level_starts[level_starts.len() - 1], levels.len());
            level_starts.push(end);
            for &(v, mask) in &levels[start..end] {
                let v = v as usize;
                let from: [f64; W] = values[v * W..(v + 1) * W].try_into().expect("row");
                for &w in adjacency.neighbours(v) {
                    let w = w as usize;
                    let mut bits = mask & !seen[w];
                    if bits == 0 {
                        continue;
                    }
                    next[w] |= bits;
                    if seen_too_early {
                        seen[w] |= bits;
                    }
                    let to = &mut values[w * W..(w + 1) * W];
                    while bits != 0 {
                        let i = bits.trailing_zeros() as usize & (W - 1);
                        to[i] += from[i];
                        bits &= bits - 1;
                    }
                }
            }
            for (w, reaching) in next.iter_mut().enumerate() {
                if *reaching != 0 {
                    seen[w] |= *reaching;
                    levels.push((w as u32, std::mem::take(reaching)));
                }
            }
            if levels.len() == end {
                break;
            }
        }
        // backward: dependencies, farthest distance first; the distance-0 sources are
        // credited nothing. With linear credits, the dependency holds Σ_t (share through
        // v) / d(s, t) and v's credit is d(s, v) times it.
        let depth = level_starts.len() - 2;
        let mut gathered = [0.0f64; W];
        let farthest = depth - usize::from(injected(Fault::FarthestSkipped) && depth > 1);
        for d in (1..=farthest).rev() {
            let (own, times) = match credit {
                Credit::Whole => (1.0, 1.0),
                Credit::Linear => (1.0 / d as f64, d as f64),
            };
            for &(v, mask) in &levels[level_starts[d]..level_starts[d + 1]] {
                let v = v as usize;
                let mut bits = mask;
                while bits != 0 {
                    gathered[bits.trailing_zeros() as usize & (W - 1)] = 0.0;
                    bits &= bits - 1;
                }
                if d < depth {
                    for &w in adjacency.neighbours(v) {
                        let w = w as usize;
                        let mut bits = mask & successors[w];
                        if bits == 0 {
                            continue;
                        }
                        let coefficients = &values[w * W..(w + 1) * W];
                        while bits != 0 {
                            let i = bits.trailing_zeros() as usize & (W - 1);
                            gathered[i] += coefficients[i];
                            bits &= bits - 1;
                        }
                    }
                }
                let row = &mut values[v * W..(v + 1) * W];
                let mut credited = sum[v];
                let mut bits = mask;
                while bits != 0 {
                    let i = bits.trailing_zeros() as usize & (W - 1);
                    let paths = row[i];
                    let dependency = paths * gathered[i];
                    credited += times * dependency;
                    row[i] = (own + dependency) / paths;
                    bits &= bits - 1;
                }
                sum[v] = credited;
            }
            // this distance's nodes are the successors of the next one gathered
            if d < depth {
                for &(w, _) in &levels[level_starts[d + 1]..level_starts[d + 2]] {
                    successors[w as usize] = 0;
                }
            }
            for &(v, mask) in &levels[level_starts[d]..level_starts[d + 1]] {
                successors[v as usize] = mask;
            }
        }
        if depth >= 1 {
            for &(w, _) in &levels[level_starts[1]..level_starts[2]] {
                successors[w as usize] = 0;
            }
        }
        seen.fill(0);
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::Fault;
    use std::cell::Cell;

    thread_local! {
        /// The fault the searches of this thread commit, if any.
        pub(super) static FAULT: Cell<Option<Fault>> = const { Cell::new(None) };
    }

    /// Runs `check` with the searches committing `fault`, on a pool of one thread so
    /// that the parallel searches commit it too.
    pub(in crate::network) fn with_fault<T: Send>(
        fault: Fault,
        check: impl FnOnce() -> T + Send,
    ) -> T {
        rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build()
            .expect("a pool of one thread")
            .install(|| {
                FAULT.with(|f| f.set(Some(fault)));
                let result = check();
                FAULT.with(|f| f.set(None));
                result
            })
    }
}
