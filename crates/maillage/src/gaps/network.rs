//! Gaps in the network: groups never tied, actors with no tie, dispositifs that ignore
//! each other.

use crate::model::{ActorIx, Territory};
use crate::network::analysis::{DispositifArticulation, GroupMetrics};
use crate::network::dispositifs::unarticulated;
use crate::network::groups::{mixing_matrix, Partition};
use crate::network::Network;
use petgraph::graph::NodeIndex;
use serde::Serialize;

/// Two groups with no edge between them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GroupGap {
    /// The first group (by name).
    pub a: String,
    /// The second group.
    pub b: String,
    /// Actors in the first group.
    pub actors_a: usize,
    /// Actors in the second group.
    pub actors_b: usize,
}

/// The partition of a network's actors by an attribute.
pub(crate) fn partition(territory: &Territory, network: &Network, attribute: &str) -> Partition {
    let labels: Vec<&str> = (0..network.node_count())
        .map(|i| territory.group_of(ActorIx(i as u32), attribute))
        .collect();
    Partition::from_labels(&labels)
}

/// Group gaps (docs/analyses.md §3): pairs of groups present in the territory with no
/// edge between them (a zero of the mixing matrix). Actors whose group is empty (no
/// value in the partition's column) form no group.
///
/// # Returns
/// Pairs (a, b), a < b by name, in order.
///
/// # Complexity
/// O(n + m + g²) for g groups.
///
/// # Example
/// ```
/// # let territory = maillage::bundle::load_bundle("../../data/lyon7".as_ref()).unwrap().territory;
/// use maillage::gaps::group_gaps;
/// use maillage::network::Network;
/// let network = Network::project(&territory, territory.date);
/// for gap in group_gaps(&territory, &network, "sector") {
///     assert!(gap.a < gap.b);
/// }
/// ```
pub fn group_gaps(territory: &Territory, network: &Network, attribute: &str) -> Vec<GroupGap> {
    let partition = partition(territory, network, attribute);
    let mixing = mixing_matrix(&network.graph, &partition);
    let mut sizes = vec![0usize; partition.group_count()];
    for &g in &partition.group_of {
        sizes[g as usize] += 1;
    }
    untied_pairs(&partition.names, &sizes, |g, h| mixing.get(g, h))
}

/// [`group_gaps`] read from the groups of a network's analysis (same partition), whose
/// mixing rows already hold the edges between every two groups.
pub(crate) fn group_gaps_of(groups: &[GroupMetrics]) -> Vec<GroupGap> {
    let names: Vec<String> = groups.iter().map(|g| g.group.clone()).collect();
    let sizes: Vec<usize> = groups.iter().map(|g| g.actors).collect();
    untied_pairs(&names, &sizes, |g, h| {
        groups[g].mixing.get(&names[h]).copied().unwrap_or(0)
    })
}

/// The pairs of named groups (names sorted, as a [`Partition`] holds them) with no edge
/// between them, a before b.
fn untied_pairs(
    names: &[String],
    sizes: &[usize],
    edges: impl Fn(usize, usize) -> u64,
) -> Vec<GroupGap> {
    (0..names.len())
        .flat_map(|g| (g + 1..names.len()).map(move |h| (g, h)))
        .filter(|&(g, h)| edges(g, h) == 0 && !names[g].is_empty() && !names[h].is_empty())
        .map(|(g, h)| GroupGap {
            a: names[g].clone(),
            b: names[h].clone(),
            actors_a: sizes[g],
            actors_b: sizes[h],
        })
        .collect()
}

/// An actor with no tie on the date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IsolatedActor {
    /// Actor id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Kind id.
    pub kind: String,
    /// Group under the partition.
    pub group: String,
}

/// Isolated actors (docs/analyses.md §3): degree 0 in the network.
///
/// # Returns
/// The actors, in bundle order.
///
/// # Example
/// ```
/// # let territory = maillage::bundle::load_bundle("../../data/lyon7".as_ref()).unwrap().territory;
/// use maillage::gaps::isolated_actors;
/// use maillage::network::Network;
/// let network = Network::project(&territory, territory.date);
/// let isolated = isolated_actors(&territory, &network, "sector");
/// assert!(isolated.len() >= 8); // eight actors have no relation at all
/// ```
pub fn isolated_actors(
    territory: &Territory,
    network: &Network,
    attribute: &str,
) -> Vec<IsolatedActor> {
    (0..network.node_count())
        .map(|i| ActorIx(i as u32))
        .filter(|a| {
            network
                .graph
                .neighbors(NodeIndex::new(a.index()))
                .next()
                .is_none()
        })
        .map(|ix| {
            let a = territory.actor(ix);
            IsolatedActor {
                id: a.id.clone(),
                name: a.name.clone(),
                kind: a.kind.clone(),
                group: territory.group_of(ix, attribute).to_owned(),
            }
        })
        .collect()
}

/// Two dispositifs with no direct relation, no shared member and no joint action.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UnarticulatedPair {
    /// First dispositif id (bundle order).
    pub a: String,
    /// Second dispositif id.
    pub b: String,
    /// Hops between them in the network; `None` when not connected.
    pub distance: Option<u32>,
    /// Ties between their members, which an articulation could build on.
    pub cross_ties: usize,
}

/// Unarticulated dispositifs (docs/analyses.md §3): the pairs that
/// [`dispositif_articulation`](crate::network::dispositif_articulation) lists on the network's
/// date and finds unarticulated, without listing their cross ties or searching the
/// distances of the articulated pairs.
///
/// # Returns
/// The pairs, in bundle order of (a, b).
///
/// # Complexity
/// That of [`dispositif_articulation`](crate::network::dispositif_articulation).
///
/// # Example
/// ```
/// # let territory = maillage::bundle::load_bundle("../../data/lyon7".as_ref()).unwrap().territory;
/// use maillage::gaps::unarticulated_dispositifs;
/// use maillage::network::Network;
/// let network = Network::project(&territory, territory.date);
/// let pairs = unarticulated_dispositifs(&territory, &network);
/// assert!(!pairs.iter().any(|p| p.a == "cpts_lyon7" && p.b == "asv_gerland"));
/// ```
pub fn unarticulated_dispositifs(
    territory: &Territory,
    network: &Network,
) -> Vec<UnarticulatedPair> {
    let id = |a: ActorIx| territory.actor(a).id.clone();
    unarticulated(territory, network)
        .into_iter()
        .map(|(a, b, distance, cross_ties)| UnarticulatedPair {
            a: id(a),
            b: id(b),
            distance,
            cross_ties,
        })
        .collect()
}

/// Unarticulated dispositifs taken from an articulation already computed, such as
/// [`NetworkReport::dispositifs`](crate::network::analysis::NetworkReport::dispositifs):
/// the same pairs as [`unarticulated_dispositifs`] on the same network.
///
/// # Example
/// ```
/// # let territory = maillage::bundle::load_bundle("../../data/lyon7".as_ref()).unwrap().territory;
/// use maillage::gaps::{unarticulated_dispositifs, unarticulated_from};
/// use maillage::network::{analyse, Network, NetworkOptions};
/// let network = Network::project(&territory, territory.date);
/// let report = analyse(&territory, &network, &NetworkOptions::for_territory(&territory));
/// assert_eq!(
///     unarticulated_from(&report.dispositifs),
///     unarticulated_dispositifs(&territory, &network)
/// );
/// ```
pub fn unarticulated_from(pairs: &[DispositifArticulation]) -> Vec<UnarticulatedPair> {
    pairs
        .iter()
        .filter(|p| !p.articulated)
        .map(|p| UnarticulatedPair {
            a: p.a.clone(),
            b: p.b.clone(),
            distance: p.distance,
            cross_ties: p.cross_ties.len(),
        })
        .collect()
}
