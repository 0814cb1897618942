//! The undirected simple projection: one edge per pair of actors whatever the number and
//! direction of their relations, weighted by the sum of their weights, no self-loops.

use crate::model::{ActorIx, Date, Territory};
use petgraph::graph::{NodeIndex, UnGraph};
use rayon::prelude::*;
use serde::Serialize;

/// The network of a territory on a date.
///
/// Node `i` of [`Network::graph`] is actor `ActorIx(i)`; every actor is a node, located
/// or not. Edge weights are the summed relation weights.
///
/// # Example
/// ```
/// # let territory = maillage::bundle::load_bundle("../../data/lyon7".as_ref()).unwrap().territory;
/// use maillage::network::Network;
/// let network = Network::project(&territory, territory.date);
/// assert_eq!(network.graph.node_count(), territory.actors.len());
/// assert!(network.density() > 0.0 && network.density() < 1.0);
/// ```
#[derive(Debug, Clone)]
pub struct Network {
    /// The projection.
    pub graph: UnGraph<ActorIx, f64>,
    /// The date the relations were filtered on (`None`: every relation).
    pub date: Option<Date>,
}

/// Connected components, largest first.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Components {
    /// Members of each component, sorted by index; components sorted by decreasing
    /// size, then by smallest member.
    pub members: Vec<Vec<ActorIx>>,
}

impl Components {
    /// Number of components (isolated actors count, one each).
    pub fn count(&self) -> usize {
        self.members.len()
    }

    /// Size of the largest component.
    pub fn largest(&self) -> usize {
        self.members.first().map_or(0, Vec::len)
    }
}

impl Network {
    /// Projects the relations valid on `date` (all relations when `None`).
    ///
    /// # Complexity
    /// O(r log r) for r relations, sorted on every thread.
    pub fn project(territory: &Territory, date: Option<Date>) -> Self {
        let mut ends: Vec<((u32, u32), f64)> = territory
            .relations
            .par_iter()
            .filter(|r| r.source != r.target && date.is_none_or(|d| r.validity.contains(d)))
            .map(|r| {
                let key = (r.source.0.min(r.target.0), r.source.0.max(r.target.0));
                (key, r.weight)
            })
            .collect();
        // a stable sort keeps each pair's relations in file order, so their weights are
        // summed in that order, the same bits on every run
        ends.par_sort_by_key(|&(key, _)| key);
        let mut weights: Vec<((u32, u32), f64)> = Vec::with_capacity(ends.len());
        for (key, w) in ends {
            match weights.last_mut() {
                Some((last, sum)) if *last == key => *sum += w,
                _ => weights.push((key, w)),
            }
        }
        let mut graph = UnGraph::with_capacity(territory.actors.len(), weights.len());
        for i in 0..territory.actors.len() {
            graph.add_node(ActorIx(i as u32));
        }
        for ((a, b), w) in weights {
            graph.add_edge(NodeIndex::new(a as usize), NodeIndex::new(b as usize), w);
        }
        Self { graph, date }
    }

    /// Number of actors n.
    pub fn node_count(&self) -> usize {
        self.graph.node_count()
    }

    /// Number of edges m.
    pub fn edge_count(&self) -> usize {
        self.graph.edge_count()
    }

    /// Density 2m / (n(n−1)); 0 for fewer than two actors.
    pub fn density(&self) -> f64 {
        let n = self.node_count() as f64;
        if n < 2.0 {
            0.0
        } else {
            2.0 * self.edge_count() as f64 / (n * (n - 1.0))
        }
    }

    /// Connected components, largest first (equal sizes in the order of their smallest
    /// actor), each as its sorted members.
    pub fn components(&self) -> Components {
        let (_, components) = super::adjacency::connected_components(&self.graph);
        let mut members: Vec<Vec<ActorIx>> = components
            .into_iter()
            .map(|c| c.into_iter().map(ActorIx).collect())
            .collect();
        // stable: components of one size keep the order of their smallest actor
        members.sort_by_key(|m| std::cmp::Reverse(m.len()));
        Components { members }
    }

    /// Number of neighbours of an actor.
    pub fn degree(&self, actor: ActorIx) -> usize {
        self.graph.neighbors(NodeIndex::new(actor.index())).count()
    }
}
