//! The network over time (docs/analyses.md §4): the figures at two dates, and the ties
//! gained and lost between them — the evidence that an articulation effort created ties.

use super::groups::{ei_index, Partition};
use super::Network;
use crate::model::{ActorIx, Date, Territory};
use serde::Serialize;
use std::collections::BTreeSet;

/// Global figures of the network on one date.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Snapshot {
    /// The date.
    pub date: Date,
    /// Relations valid on the date.
    pub relations: usize,
    /// Edges of the projection.
    pub edges: usize,
    /// Density.
    pub density: f64,
    /// Connected components.
    pub components: usize,
    /// Size of the largest component.
    pub largest_component: usize,
    /// Actors without any tie.
    pub isolated_actors: usize,
    /// Global E-I index under the partition; `None` without edges.
    pub ei_index: Option<f64>,
    /// Edges between different groups.
    pub cross_group_edges: u64,
}

/// A tie gained or lost, with whether it crosses groups.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct TieChange {
    /// One actor id (the smaller index).
    pub a: String,
    /// The other actor id.
    pub b: String,
    /// Whether the two actors are in different groups.
    pub crosses_groups: bool,
}

/// The network at two dates and what changed between them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    /// The partition attribute used for groups.
    pub partition: String,
    /// Figures at the first date.
    pub before: Snapshot,
    /// Figures at the second date.
    pub after: Snapshot,
    /// Ties present at the second date and not at the first, ordered by actor index.
    pub gained: Vec<TieChange>,
    /// Ties present at the first date and not at the second.
    pub lost: Vec<TieChange>,
    /// How many gained ties cross groups.
    pub gained_cross_group: usize,
    /// How many lost ties cross groups.
    pub lost_cross_group: usize,
}

fn snapshot(
    territory: &Territory,
    network: &Network,
    date: Date,
    partition: &Partition,
) -> Snapshot {
    let components = network.components();
    let ei = ei_index(&network.graph, partition);
    Snapshot {
        date,
        relations: territory
            .relations
            .iter()
            .filter(|r| r.validity.contains(date))
            .count(),
        edges: network.edge_count(),
        density: network.density(),
        components: components.count(),
        largest_component: components.largest(),
        isolated_actors: components.members.iter().filter(|c| c.len() == 1).count(),
        ei_index: ei.global,
        cross_group_edges: ei.external,
    }
}

fn ties(network: &Network) -> BTreeSet<(u32, u32)> {
    network
        .graph
        .edge_indices()
        .filter_map(|e| network.graph.edge_endpoints(e))
        .map(|(u, v)| {
            (
                u.index().min(v.index()) as u32,
                u.index().max(v.index()) as u32,
            )
        })
        .collect()
}

/// Compares the network at `before` and `after` under a partition (`sector`, `kind`,
/// `family` or a column).
///
/// # Complexity
/// O(r log r + m) for r relations and m edges.
///
/// # Example
/// ```
/// # let territory = maillage::bundle::load_bundle("../../data/lyon7".as_ref()).unwrap().territory;
/// use maillage::network::compare;
/// let c = compare(&territory, "2021-01-01".parse().unwrap(), "2024-06-30".parse().unwrap(), "sector");
/// assert!(c.after.edges > c.before.edges);
/// assert_eq!(c.after.edges + c.lost.len(), c.before.edges + c.gained.len());
/// ```
pub fn compare(territory: &Territory, before: Date, after: Date, partition: &str) -> Comparison {
    let (n1, n2) = (
        Network::project(territory, Some(before)),
        Network::project(territory, Some(after)),
    );
    compare_projected(territory, (before, &n1), (after, &n2), partition)
}

/// [`compare`] on the two projections already made, each with its date.
pub(crate) fn compare_projected(
    territory: &Territory,
    (before, n1): (Date, &Network),
    (after, n2): (Date, &Network),
    partition: &str,
) -> Comparison {
    let labels: Vec<&str> = (0..territory.actors.len())
        .map(|i| territory.group_of(ActorIx(i as u32), partition))
        .collect();
    let groups = Partition::from_labels(&labels);
    let (t1, t2) = (ties(n1), ties(n2));
    let change = |&(u, v): &(u32, u32)| TieChange {
        a: territory.actors[u as usize].id.clone(),
        b: territory.actors[v as usize].id.clone(),
        crosses_groups: groups.group_of[u as usize] != groups.group_of[v as usize],
    };
    let gained: Vec<TieChange> = t2.difference(&t1).map(change).collect();
    let lost: Vec<TieChange> = t1.difference(&t2).map(change).collect();
    Comparison {
        partition: partition.to_owned(),
        before: snapshot(territory, n1, before, &groups),
        after: snapshot(territory, n2, after, &groups),
        gained_cross_group: gained.iter().filter(|t| t.crosses_groups).count(),
        lost_cross_group: lost.iter().filter(|t| t.crosses_groups).count(),
        gained,
        lost,
    }
}
