//! Articulation between coordination schemes (CPTS, ASV, CLSM, CLS...): do they know
//! each other, share members, have ties between their members, act together?
//! (spec/ANALYSES.md §1, "Articulation between coordination schemes").

use super::Network;
use crate::model::{ActorIx, Date, RelationKind, Territory};
use petgraph::graph::NodeIndex;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, VecDeque};

/// How two dispositifs are articulated.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DispositifPair {
    /// The first dispositif (smaller index).
    pub a: ActorIx,
    /// The second dispositif.
    pub b: ActorIx,
    /// Kinds of the relations between them, in either direction, sorted.
    pub direct: Vec<RelationKind>,
    /// Members of both (actors with a `member` or `instance` relation to each).
    pub shared_members: Vec<ActorIx>,
    /// Network edges between members(a) − members(b) and members(b) − members(a),
    /// each as (member of a, member of b), sorted. The two dispositifs themselves are
    /// left out of both sets: when a CPTS is a member of a CLSM, the CPTS's ties to its
    /// own members are its membership, not ties between the schemes' members (the
    /// spec's definition read literally would count them).
    pub cross_ties: Vec<(ActorIx, ActorIx)>,
    /// Actions (indices in [`Territory::actions`]) whose actors include a or a member
    /// of a, and b or a member of b.
    pub joint_actions: Vec<usize>,
    /// Shortest-path hops between a and b in the network; `None` when not connected.
    pub distance: Option<u32>,
    /// The actors that hold the two together: shared members, then the members with
    /// cross ties, by decreasing number of cross ties, then index.
    pub bridging_actors: Vec<ActorIx>,
}

impl DispositifPair {
    /// Whether the pair is articulated: a direct relation, a shared member or a joint
    /// action (spec/ANALYSES.md §3, "unarticulated dispositifs" otherwise).
    pub fn is_articulated(&self) -> bool {
        !self.direct.is_empty() || !self.shared_members.is_empty() || !self.joint_actions.is_empty()
    }
}

/// Members of each dispositif on a date: sources of valid `member` or `instance`
/// relations whose target is the dispositif.
pub fn members(territory: &Territory, date: Option<Date>) -> BTreeMap<ActorIx, BTreeSet<ActorIx>> {
    let mut members: BTreeMap<ActorIx, BTreeSet<ActorIx>> = BTreeMap::new();
    for r in valid_relations(territory, date) {
        if matches!(r.kind, RelationKind::Member | RelationKind::Instance)
            && territory.actor(r.target).is_dispositif()
            && r.source != r.target
        {
            members.entry(r.target).or_default().insert(r.source);
        }
    }
    members
}

fn valid_relations(
    territory: &Territory,
    date: Option<Date>,
) -> impl Iterator<Item = &crate::model::Relation> {
    territory
        .relations
        .iter()
        .filter(move |r| date.is_none_or(|d| r.validity.contains(d)))
}

/// Articulation of every pair of dispositifs of the territory, on the network's date.
///
/// # Arguments
/// * `territory`: the territory.
/// * `network`: its projection on the date of interest (relations and actions are
///   filtered on `network.date`).
///
/// # Returns
/// One [`DispositifPair`] per unordered pair of actors of family `dispositif`, ordered
/// by actor index.
///
/// # Complexity
/// O(p · (m + a)) for p pairs, m edges and a action memberships.
///
/// # Example
/// ```
/// # let territory = maillage::io::load_bundle("../../data/lyon7".as_ref()).unwrap().territory;
/// use maillage::network::{dispositifs::articulation, Network};
/// let network = Network::project(&territory, territory.date);
/// let pairs = articulation(&territory, &network);
/// let cpts = territory.actor_by_id("cpts_lyon7").unwrap();
/// let asv = territory.actor_by_id("asv_gerland").unwrap();
/// let pair = pairs.iter().find(|p| (p.a, p.b) == (cpts.min(asv), cpts.max(asv))).unwrap();
/// assert!(pair.is_articulated());
/// ```
pub fn articulation(territory: &Territory, network: &Network) -> Vec<DispositifPair> {
    let date = network.date;
    let dispositifs: Vec<ActorIx> = (0..territory.actors.len() as u32)
        .map(ActorIx)
        .filter(|&a| territory.actor(a).is_dispositif())
        .collect();
    let members = members(territory, date);
    let empty = BTreeSet::new();
    let members_of = |d: ActorIx| members.get(&d).unwrap_or(&empty);
    let actions: Vec<(usize, Vec<ActorIx>)> = territory
        .actions
        .iter()
        .enumerate()
        .filter(|(_, a)| date.is_none_or(|d| a.validity.contains(d)))
        .map(|(i, a)| (i, a.actors()))
        .collect();
    let mut pairs = Vec::new();
    for (i, &a) in dispositifs.iter().enumerate() {
        for &b in &dispositifs[i + 1..] {
            let (ma, mb) = (members_of(a), members_of(b));
            let mut direct: Vec<RelationKind> = valid_relations(territory, date)
                .filter(|r| (r.source, r.target) == (a, b) || (r.source, r.target) == (b, a))
                .map(|r| r.kind)
                .collect();
            direct.sort_unstable();
            direct.dedup();
            let shared_members: Vec<ActorIx> = ma.intersection(mb).copied().collect();
            let outside_pair = |x: &&ActorIx| **x != a && **x != b;
            let only_a: BTreeSet<ActorIx> =
                ma.difference(mb).filter(outside_pair).copied().collect();
            let only_b: BTreeSet<ActorIx> =
                mb.difference(ma).filter(outside_pair).copied().collect();
            let mut cross_ties = Vec::new();
            for &u in &only_a {
                for v in network.graph.neighbors(NodeIndex::new(u.index())) {
                    let v = ActorIx(v.index() as u32);
                    if only_b.contains(&v) {
                        cross_ties.push((u, v));
                    }
                }
            }
            cross_ties.sort_unstable();
            let side_a = |x: &ActorIx| *x == a || ma.contains(x);
            let side_b = |x: &ActorIx| *x == b || mb.contains(x);
            let joint_actions = actions
                .iter()
                .filter(|(_, actors)| actors.iter().any(side_a) && actors.iter().any(side_b))
                .map(|(i, _)| *i)
                .collect();
            let mut tie_count: BTreeMap<ActorIx, usize> = BTreeMap::new();
            for &(u, v) in &cross_ties {
                *tie_count.entry(u).or_default() += 1;
                *tie_count.entry(v).or_default() += 1;
            }
            let mut by_ties: Vec<(usize, ActorIx)> =
                tie_count.into_iter().map(|(x, n)| (n, x)).collect();
            by_ties.sort_by(|p, q| q.0.cmp(&p.0).then(p.1.cmp(&q.1)));
            let bridging_actors = shared_members
                .iter()
                .copied()
                .chain(by_ties.into_iter().map(|(_, x)| x))
                .collect();
            pairs.push(DispositifPair {
                a,
                b,
                direct,
                shared_members,
                cross_ties,
                joint_actions,
                distance: hops(network, a, b),
                bridging_actors,
            });
        }
    }
    pairs
}

/// Shortest-path hops between two actors (breadth-first search).
pub fn hops(network: &Network, from: ActorIx, to: ActorIx) -> Option<u32> {
    let n = network.graph.node_count();
    let mut dist = vec![u32::MAX; n];
    let mut queue = VecDeque::from([from.index()]);
    dist[from.index()] = 0;
    while let Some(u) = queue.pop_front() {
        if u == to.index() {
            return Some(dist[u]);
        }
        for v in network.graph.neighbors(NodeIndex::new(u)) {
            if dist[v.index()] == u32::MAX {
                dist[v.index()] = dist[u] + 1;
                queue.push_back(v.index());
            }
        }
    }
    None
}
