//! Plain neighbour lists shared by the algorithms that walk a simple graph.

use petgraph::graph::UnGraph;
use petgraph::visit::EdgeRef;

/// Sorted, deduplicated neighbour lists without self-loops: the simple graph under a
/// graph that may hold parallel edges or loops.
pub(crate) fn simple_adjacency<N>(graph: &UnGraph<N, f64>) -> Vec<Vec<u32>> {
    let mut adjacency = vec![Vec::new(); graph.node_count()];
    for e in graph.edge_references() {
        let (u, v) = (e.source().index(), e.target().index());
        if u != v {
            adjacency[u].push(v as u32);
            adjacency[v].push(u as u32);
        }
    }
    for list in &mut adjacency {
        list.sort_unstable();
        list.dedup();
    }
    adjacency
}
