//! Plain neighbour lists shared by the algorithms that walk a simple graph.

use petgraph::graph::UnGraph;
use petgraph::visit::EdgeRef;

/// Distinct neighbours of each node, sorted, without self-loops, in compressed rows:
/// the simple graph under a graph that may hold parallel edges or loops.
///
/// One array of offsets and one of 4-byte targets rather than a list per node: the
/// breadth-first searches of betweenness and closeness read neighbours hundreds of
/// times over, and at national scale (half a million nodes) the memory traffic, not the
/// arithmetic, sets their speed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Adjacency {
    offsets: Vec<usize>,
    targets: Vec<u32>,
}

impl Adjacency {
    /// The simple graph under `graph`, nodes numbered as in `graph`.
    pub(crate) fn of<N>(graph: &UnGraph<N, f64>) -> Self {
        let n = graph.node_count();
        // counting sort of the edge ends: no list per node
        let mut offsets = vec![0usize; n + 1];
        for e in graph.edge_references() {
            let (a, b) = (e.source().index(), e.target().index());
            if a != b {
                offsets[a + 1] += 1;
                offsets[b + 1] += 1;
            }
        }
        for v in 0..n {
            offsets[v + 1] += offsets[v];
        }
        let mut fill = offsets.clone();
        let mut targets = vec![0u32; offsets[n]];
        for e in graph.edge_references() {
            let (a, b) = (e.source().index(), e.target().index());
            if a != b {
                targets[fill[a]] = b as u32;
                fill[a] += 1;
                targets[fill[b]] = a as u32;
                fill[b] += 1;
            }
        }
        Self::compacted(offsets, targets)
    }

    /// Sorts each row, removes repeated neighbours and closes the gaps.
    fn compacted(mut offsets: Vec<usize>, mut targets: Vec<u32>) -> Self {
        let n = offsets.len() - 1;
        let mut write = 0;
        for v in 0..n {
            let (start, end) = (offsets[v], offsets[v + 1]);
            targets[start..end].sort_unstable();
            offsets[v] = write;
            let mut last = None;
            for i in start..end {
                let w = targets[i];
                if last != Some(w) {
                    targets[write] = w;
                    write += 1;
                    last = Some(w);
                }
            }
        }
        offsets[n] = write;
        targets.truncate(write);
        Self { offsets, targets }
    }

    /// The number of nodes.
    pub(crate) fn len(&self) -> usize {
        self.offsets.len() - 1
    }

    /// The neighbours of `v`, sorted.
    #[inline]
    pub(crate) fn neighbours(&self, v: usize) -> &[u32] {
        &self.targets[self.offsets[v]..self.offsets[v + 1]]
    }

    /// The degree of `v` in the simple graph.
    #[inline]
    pub(crate) fn degree(&self, v: usize) -> usize {
        self.offsets[v + 1] - self.offsets[v]
    }

    /// The same graph with its nodes renumbered in breadth-first order (from the node
    /// of highest degree of each component, components by decreasing degree of that
    /// node), so that neighbours get close numbers and a search touches few distinct
    /// cache lines: on 500,000 actors this halved the time of a search. Returns the
    /// renumbered graph and the new number of each old node (`renumbered[old]`).
    ///
    /// The order depends only on the graph, so results computed on it are the same on
    /// every run.
    pub(crate) fn in_search_order(&self) -> (Adjacency, Vec<u32>) {
        let n = self.len();
        let mut roots: Vec<usize> = (0..n).collect();
        // highest degree first, ties by number: deterministic
        roots.sort_by_key(|&v| (std::cmp::Reverse(self.degree(v)), v));
        let mut renumbered = vec![u32::MAX; n];
        let mut order: Vec<u32> = Vec::with_capacity(n);
        for root in roots {
            if renumbered[root] != u32::MAX {
                continue;
            }
            renumbered[root] = order.len() as u32;
            order.push(root as u32);
            let mut head = order.len() - 1;
            while head < order.len() {
                let v = order[head] as usize;
                head += 1;
                for &w in self.neighbours(v) {
                    if renumbered[w as usize] == u32::MAX {
                        renumbered[w as usize] = order.len() as u32;
                        order.push(w);
                    }
                }
            }
        }
        let mut offsets = Vec::with_capacity(n + 1);
        let mut targets = Vec::with_capacity(self.targets.len());
        offsets.push(0);
        for &old in &order {
            let start = targets.len();
            targets.extend(
                self.neighbours(old as usize)
                    .iter()
                    .map(|&w| renumbered[w as usize]),
            );
            targets[start..].sort_unstable();
            offsets.push(targets.len());
        }
        (Self { offsets, targets }, renumbered)
    }
}

/// The connected components of `graph`: each node's component, and each component's
/// members in increasing order, the components in the order of their smallest node.
///
/// Union–find over the edge list with path halving and union by index (the smaller
/// root wins, so a root is its component's smallest node): no neighbour list to build
/// and no set per component, where a search needs both.
pub(crate) fn connected_components<N>(graph: &UnGraph<N, f64>) -> (Vec<u32>, Vec<Vec<u32>>) {
    let n = graph.node_count();
    let mut parent: Vec<u32> = (0..n as u32).collect();
    let root = |parent: &mut [u32], mut v: u32| {
        while parent[v as usize] != v {
            let grand = parent[parent[v as usize] as usize];
            parent[v as usize] = grand;
            v = grand;
        }
        v
    };
    for e in graph.edge_references() {
        let a = root(&mut parent, e.source().index() as u32);
        let b = root(&mut parent, e.target().index() as u32);
        if a != b {
            let (low, high) = if a < b { (a, b) } else { (b, a) };
            parent[high as usize] = low;
        }
    }
    let mut component = vec![u32::MAX; n];
    let mut members: Vec<Vec<u32>> = Vec::new();
    for v in 0..n as u32 {
        // the root is the smallest node of the component, met before any other
        let r = root(&mut parent, v) as usize;
        if component[r] == u32::MAX {
            component[r] = members.len() as u32;
            members.push(Vec::new());
        }
        let c = component[r];
        component[v as usize] = c;
        members[c as usize].push(v);
    }
    (component, members)
}

/// Sorted, deduplicated neighbour lists without self-loops: the simple graph under a
/// graph that may hold parallel edges or loops, one list per node.
pub(crate) fn simple_adjacency<N>(graph: &UnGraph<N, f64>) -> Vec<Vec<u32>> {
    let adjacency = Adjacency::of(graph);
    (0..adjacency.len())
        .map(|v| adjacency.neighbours(v).to_vec())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn components_are_numbered_by_their_smallest_node() {
        // 0–3, 1–4–2 (4 before 2 in the edge list), 5 alone, 6 with a self-loop
        let g =
            UnGraph::<(), f64>::from_edges([(3, 0, 1.0), (4, 1, 1.0), (2, 4, 1.0), (6, 6, 1.0)]);
        let (component, members) = connected_components(&g);
        assert_eq!(members, [vec![0, 3], vec![1, 2, 4], vec![5], vec![6]]);
        assert_eq!(component, [0, 1, 1, 0, 1, 2, 3]);
    }

    #[test]
    fn merges_parallel_edges_and_drops_self_loops() {
        let g =
            UnGraph::<(), f64>::from_edges([(0, 1, 1.0), (1, 0, 2.0), (1, 1, 1.0), (1, 2, 1.0)]);
        let a = Adjacency::of(&g);
        assert_eq!(a.neighbours(0), [1]);
        assert_eq!(a.neighbours(1), [0, 2]);
        assert_eq!(a.neighbours(2), [1]);
        assert_eq!(simple_adjacency(&g), [vec![1], vec![0, 2], vec![1]]);
    }

    #[test]
    fn search_order_is_the_same_graph_renumbered() {
        // two components: a star on 3 (degree 3) and a path 5 - 6
        let g =
            UnGraph::<(), f64>::from_edges([(3, 0, 1.0), (3, 1, 1.0), (3, 2, 1.0), (5, 6, 1.0)]);
        let a = Adjacency::of(&g);
        let (b, renumbered) = a.in_search_order();
        assert_eq!(renumbered[3], 0, "the hub comes first");
        let mut seen = renumbered.clone();
        seen.sort_unstable();
        assert_eq!(seen, (0..7).collect::<Vec<u32>>(), "a permutation");
        for v in 0..7 {
            let mut expected: Vec<u32> = a
                .neighbours(v)
                .iter()
                .map(|&w| renumbered[w as usize])
                .collect();
            expected.sort_unstable();
            assert_eq!(b.neighbours(renumbered[v] as usize), expected);
        }
    }
}
