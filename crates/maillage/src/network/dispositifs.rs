//! Articulation between coordination schemes (CPTS, ASV, CLSM, CLS...): do they know
//! each other, share members, have ties between their members, act together?
//! (spec/ANALYSES.md §1, "Articulation between coordination schemes").

use super::adjacency::simple_adjacency;
use super::Network;
use crate::model::{ActorIx, Date, RelationKind, Territory};
use petgraph::graph::NodeIndex;
use rayon::prelude::*;
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

/// Up to this many dispositifs, every pair is listed; above, only the pairs with
/// something in common (a direct relation, a shared member, a tie between their
/// members or a joint action): a region or France holds thousands of schemes, whose
/// millions of pairs mostly lie hundreds of kilometres apart.
pub const ALL_PAIRS_UP_TO: usize = 300;

/// What two dispositifs have in common, gathered edge by edge.
#[derive(Default)]
struct Common {
    direct: Vec<RelationKind>,
    shared_members: Vec<ActorIx>,
    cross_ties: Vec<(ActorIx, ActorIx)>,
    joint_actions: Vec<usize>,
}

/// Articulation of the pairs of dispositifs of the territory, on the network's date.
///
/// # Arguments
/// * `territory`: the territory.
/// * `network`: its projection on the date of interest (relations and actions are
///   filtered on `network.date`).
///
/// # Returns
/// One [`DispositifPair`] per unordered pair of actors of family `dispositif` (with
/// more than [`ALL_PAIRS_UP_TO`] dispositifs, per pair with something in common),
/// ordered by actor index.
///
/// # Complexity
/// Near-linear: O(R + Σ_edges s(u) s(v) + Σ_actions s² + p log p) to gather, with s
/// the number of dispositifs an actor or action belongs to and p the pairs listed,
/// then one breadth-first search per dispositif for the distances, stopped once its
/// partners are reached (on several threads).
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
    let n = territory.actors.len();
    let dispositifs: Vec<ActorIx> = (0..n as u32)
        .map(ActorIx)
        .filter(|&a| territory.actor(a).is_dispositif())
        .collect();
    let mut slot = vec![u32::MAX; n];
    for (i, d) in dispositifs.iter().enumerate() {
        slot[d.index()] = i as u32;
    }
    // the dispositifs each actor is a member of, increasing
    let mut member_of: Vec<Vec<u32>> = vec![Vec::new(); n];
    for (d, set) in members(territory, date) {
        for x in set {
            member_of[x.index()].push(slot[d.index()]);
        }
    }
    let is_member = |x: usize, d: u32| member_of[x].binary_search(&d).is_ok();
    let mut common: BTreeMap<(u32, u32), Common> = BTreeMap::new();
    for r in valid_relations(territory, date) {
        let (s, t) = (slot[r.source.index()], slot[r.target.index()]);
        if s != u32::MAX && t != u32::MAX && s != t {
            common
                .entry((s.min(t), s.max(t)))
                .or_default()
                .direct
                .push(r.kind);
        }
    }
    for (x, of) in member_of.iter().enumerate() {
        for (i, &a) in of.iter().enumerate() {
            for &b in &of[i + 1..] {
                let entry = common.entry((a, b)).or_default();
                entry.shared_members.push(ActorIx(x as u32));
            }
        }
    }
    // an edge u - v is a cross tie of (a, b) when u is a member of a only, v of b
    // only, neither being a or b
    let adjacency = simple_adjacency(&network.graph);
    for (u, neighbours) in adjacency.iter().enumerate() {
        if member_of[u].is_empty() {
            continue;
        }
        for &v in neighbours {
            let v = v as usize;
            for &a in &member_of[u] {
                for &b in member_of[v].iter().filter(|&&b| b != a) {
                    let (da, db) = (
                        dispositifs[a as usize].index(),
                        dispositifs[b as usize].index(),
                    );
                    if is_member(u, b) || is_member(v, a) || u == db || v == da {
                        continue;
                    }
                    let (key, tie) = if a < b {
                        ((a, b), (u, v))
                    } else {
                        ((b, a), (v, u))
                    };
                    // each undirected edge is met from both ends: the duplicate goes
                    // at the end, when the ties are sorted and deduplicated
                    common
                        .entry(key)
                        .or_default()
                        .cross_ties
                        .push((ActorIx(tie.0 as u32), ActorIx(tie.1 as u32)));
                }
            }
        }
    }
    for (i, action) in territory.actions.iter().enumerate() {
        if !date.is_none_or(|d| action.validity.contains(d)) {
            continue;
        }
        let mut sides: Vec<u32> = Vec::new();
        for x in action.actors() {
            if slot[x.index()] != u32::MAX {
                sides.push(slot[x.index()]);
            }
            sides.extend(&member_of[x.index()]);
        }
        sides.sort_unstable();
        sides.dedup();
        for (k, &a) in sides.iter().enumerate() {
            for &b in &sides[k + 1..] {
                common.entry((a, b)).or_default().joint_actions.push(i);
            }
        }
    }
    let all_pairs = dispositifs.len() <= ALL_PAIRS_UP_TO;
    if all_pairs {
        for a in 0..dispositifs.len() as u32 {
            for b in a + 1..dispositifs.len() as u32 {
                common.entry((a, b)).or_default();
            }
        }
    }
    // distances: one search from each dispositif to its partners
    let mut partners: Vec<Vec<u32>> = vec![Vec::new(); dispositifs.len()];
    for &(a, b) in common.keys() {
        partners[a as usize].push(b);
    }
    let distances: Vec<Vec<Option<u32>>> = partners
        .par_iter()
        .enumerate()
        .map_init(
            || vec![u32::MAX; n],
            |dist, (a, to)| {
                let targets: Vec<usize> = to
                    .iter()
                    .map(|&b| dispositifs[b as usize].index())
                    .collect();
                hops_to_many(&adjacency, dist, dispositifs[a].index(), &targets)
            },
        )
        .collect();
    let mut next = vec![0usize; dispositifs.len()];
    common
        .into_iter()
        .map(|((a, b), mut c)| {
            c.direct.sort_unstable();
            c.direct.dedup();
            c.cross_ties.sort_unstable();
            c.cross_ties.dedup();
            let distance = distances[a as usize][next[a as usize]];
            next[a as usize] += 1;
            let mut tie_count: BTreeMap<ActorIx, usize> = BTreeMap::new();
            for &(u, v) in &c.cross_ties {
                *tie_count.entry(u).or_default() += 1;
                *tie_count.entry(v).or_default() += 1;
            }
            let mut by_ties: Vec<(usize, ActorIx)> =
                tie_count.into_iter().map(|(x, n)| (n, x)).collect();
            by_ties.sort_by(|p, q| q.0.cmp(&p.0).then(p.1.cmp(&q.1)));
            let bridging_actors = c
                .shared_members
                .iter()
                .copied()
                .chain(by_ties.into_iter().map(|(_, x)| x))
                .collect();
            DispositifPair {
                a: dispositifs[a as usize],
                b: dispositifs[b as usize],
                direct: c.direct,
                shared_members: c.shared_members,
                cross_ties: c.cross_ties,
                joint_actions: c.joint_actions,
                distance,
                bridging_actors,
            }
        })
        .collect()
}

/// Hops from `from` to each of `targets` (breadth-first search, stopped once every
/// target is reached); `None` for a target in another component. `dist` holds
/// `u32::MAX` for every node on entry and on return.
fn hops_to_many(
    adjacency: &[Vec<u32>],
    dist: &mut [u32],
    from: usize,
    targets: &[usize],
) -> Vec<Option<u32>> {
    if targets.is_empty() {
        return Vec::new();
    }
    let mut wanted: BTreeSet<usize> = targets.iter().copied().collect();
    let mut queue = vec![from];
    dist[from] = 0;
    let mut head = 0;
    while head < queue.len() && !wanted.is_empty() {
        let u = queue[head];
        head += 1;
        wanted.remove(&u);
        for &v in &adjacency[u] {
            if dist[v as usize] == u32::MAX {
                dist[v as usize] = dist[u] + 1;
                queue.push(v as usize);
            }
        }
    }
    let found = targets
        .iter()
        .map(|&t| (dist[t] != u32::MAX).then_some(dist[t]))
        .collect();
    for &v in &queue {
        dist[v] = u32::MAX;
    }
    found
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
