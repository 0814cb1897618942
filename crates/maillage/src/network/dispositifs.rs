//! Articulation between coordination schemes (CPTS, ASV, CLSM, CLS...): do they know
//! each other, share members, have ties between their members, act together?
//! (docs/analyses.md §1, "Articulation between coordination schemes").

use super::adjacency::Adjacency;
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
    /// action (docs/analyses.md §3, "unarticulated dispositifs" otherwise).
    pub fn is_articulated(&self) -> bool {
        !self.direct.is_empty() || !self.shared_members.is_empty() || !self.joint_actions.is_empty()
    }
}

/// Members of each dispositif on a date: sources of valid `member` or `instance`
/// relations whose target is the dispositif.
pub fn dispositif_members(
    territory: &Territory,
    date: Option<Date>,
) -> BTreeMap<ActorIx, BTreeSet<ActorIx>> {
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

/// Members of each structure and association on a date: sources of valid `member`
/// relations whose target is of family `structure` or `association` (the
/// professionals of an MSP, the volunteers of an association). Through them a
/// dispositif reaches the members of its member structures (docs/analyses.md §5).
pub fn structure_members(
    territory: &Territory,
    date: Option<Date>,
) -> BTreeMap<ActorIx, BTreeSet<ActorIx>> {
    let mut members: BTreeMap<ActorIx, BTreeSet<ActorIx>> = BTreeMap::new();
    for r in valid_relations(territory, date) {
        if r.kind == RelationKind::Member
            && matches!(
                territory.actor(r.target).family.as_str(),
                "structure" | "association"
            )
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

/// What two dispositifs have in common.
#[derive(Default)]
struct Common {
    direct: Vec<RelationKind>,
    shared_members: Vec<ActorIx>,
    cross_ties: Vec<(ActorIx, ActorIx)>,
    /// Number of cross ties (when they are counted rather than listed).
    tie_count: usize,
    joint_actions: Vec<usize>,
    /// Whether the pair is listed.
    listed: bool,
    /// Whether a cross tie x – y makes a path a – x – y – b of the network.
    path_of_three: bool,
}

impl Common {
    fn is_articulated(&self) -> bool {
        !self.direct.is_empty() || !self.shared_members.is_empty() || !self.joint_actions.is_empty()
    }
}

/// Which pairs, and how much of each, to gather.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Want {
    /// Every listed pair, with its cross ties and bridging actors.
    Everything,
    /// The listed pairs that are not articulated, their cross ties only counted.
    Unarticulated,
}

/// One listed pair, as gathered.
struct Gathered {
    a: u32,
    b: u32,
    common: Common,
    distance: Option<u32>,
}

/// The dispositifs of a territory on a date, and what each actor, relation and action
/// says of them.
struct Schemes {
    /// The dispositif actors, by increasing index; a dispositif's slot is its position.
    dispositifs: Vec<ActorIx>,
    /// Slot of each actor that is a dispositif, `u32::MAX` for the others.
    slot: Vec<u32>,
    /// Slots of the dispositifs each actor is a member of, increasing.
    member_of: Vec<Vec<u32>>,
    /// Members of each dispositif, increasing.
    members: Vec<Vec<u32>>,
    /// By the smaller slot a of a pair (a, b): the kinds of the relations between them,
    /// in relation order.
    direct: Vec<Vec<(u32, RelationKind)>>,
    /// By a: the members of both, increasing.
    shared: Vec<Vec<(u32, ActorIx)>>,
    /// By a: the joint actions, increasing.
    joint: Vec<Vec<(u32, usize)>>,
}

impl Schemes {
    fn new(territory: &Territory, date: Option<Date>) -> Self {
        let n = territory.actors.len();
        let dispositifs: Vec<ActorIx> = (0..n as u32)
            .map(ActorIx)
            .filter(|&a| territory.actor(a).is_dispositif())
            .collect();
        let d = dispositifs.len();
        let mut slot = vec![u32::MAX; n];
        for (i, a) in dispositifs.iter().enumerate() {
            slot[a.index()] = i as u32;
        }
        let mut member_of: Vec<Vec<u32>> = vec![Vec::new(); n];
        let mut members: Vec<Vec<u32>> = vec![Vec::new(); d];
        let mut direct: Vec<Vec<(u32, RelationKind)>> = vec![Vec::new(); d];
        for r in valid_relations(territory, date) {
            let (s, t) = (slot[r.source.index()], slot[r.target.index()]);
            if matches!(r.kind, RelationKind::Member | RelationKind::Instance)
                && t != u32::MAX
                && r.source != r.target
            {
                member_of[r.source.index()].push(t);
                members[t as usize].push(r.source.0);
            }
            if s != u32::MAX && t != u32::MAX && s != t {
                direct[s.min(t) as usize].push((s.max(t), r.kind));
            }
        }
        for list in member_of.iter_mut().chain(members.iter_mut()) {
            list.sort_unstable();
            list.dedup();
        }
        let mut shared: Vec<Vec<(u32, ActorIx)>> = vec![Vec::new(); d];
        for (x, of) in member_of.iter().enumerate() {
            for (i, &a) in of.iter().enumerate() {
                for &b in &of[i + 1..] {
                    shared[a as usize].push((b, ActorIx(x as u32)));
                }
            }
        }
        let mut joint: Vec<Vec<(u32, usize)>> = vec![Vec::new(); d];
        let mut sides: Vec<u32> = Vec::new();
        for (i, action) in territory.actions.iter().enumerate() {
            if !date.is_none_or(|d| action.validity.contains(d)) {
                continue;
            }
            sides.clear();
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
                    joint[a as usize].push((b, i));
                }
            }
        }
        Self {
            dispositifs,
            slot,
            member_of,
            members,
            direct,
            shared,
            joint,
        }
    }

    fn is_member(&self, x: usize, d: u32) -> bool {
        self.member_of[x].binary_search(&d).is_ok()
    }

    /// The pairs (a, b), b > a, of dispositif `a` that are listed (all of them up to
    /// [`ALL_PAIRS_UP_TO`] dispositifs), by increasing b, with what they have in
    /// common; under [`Want::Unarticulated`], only the unarticulated ones.
    ///
    /// An edge x – y is a cross tie of (a, b) when x is a member of a only, y of b only,
    /// neither being a or b. Each is found once, from the member x of the smaller slot
    /// a, members by increasing index and their neighbours likewise: the ties of a pair
    /// come sorted.
    fn pairs_of(
        &self,
        a: u32,
        adjacency: &Adjacency,
        want: Want,
        common: &mut [Common],
        touched: &mut Vec<u32>,
    ) -> Vec<(u32, Common)> {
        let mut touch = |b: u32, common: &mut [Common]| {
            let c = &mut common[b as usize];
            if !c.listed {
                c.listed = true;
                touched.push(b);
            }
        };
        for &(b, kind) in &self.direct[a as usize] {
            touch(b, common);
            common[b as usize].direct.push(kind);
        }
        for &(b, x) in &self.shared[a as usize] {
            touch(b, common);
            common[b as usize].shared_members.push(x);
        }
        for &(b, i) in &self.joint[a as usize] {
            touch(b, common);
            common[b as usize].joint_actions.push(i);
        }
        let da = self.dispositifs[a as usize].index();
        for &x in &self.members[a as usize] {
            let x = x as usize;
            let x_next_to_a = adjacency.neighbours(da).binary_search(&(x as u32)).is_ok();
            for &y in adjacency.neighbours(x) {
                let y = y as usize;
                if y == da {
                    continue;
                }
                for &b in self.member_of[y].iter().filter(|&&b| b > a) {
                    if self.dispositifs[b as usize].index() == x
                        || self.is_member(x, b)
                        || self.is_member(y, a)
                    {
                        continue;
                    }
                    touch(b, common);
                    let c = &mut common[b as usize];
                    c.tie_count += 1;
                    if !c.path_of_three && x_next_to_a {
                        let db = self.dispositifs[b as usize].index();
                        c.path_of_three =
                            adjacency.neighbours(db).binary_search(&(y as u32)).is_ok();
                    }
                    if want == Want::Everything {
                        c.cross_ties.push((ActorIx(x as u32), ActorIx(y as u32)));
                    }
                }
            }
        }
        if self.dispositifs.len() <= ALL_PAIRS_UP_TO {
            for b in a + 1..self.dispositifs.len() as u32 {
                touch(b, common);
            }
        }
        touched.sort_unstable();
        let mut pairs = Vec::with_capacity(touched.len());
        for &b in touched.iter() {
            let c = std::mem::take(&mut common[b as usize]);
            if want == Want::Everything || !c.is_articulated() {
                pairs.push((b, c));
            }
        }
        touched.clear();
        pairs
    }
}

/// The listed pairs of dispositifs with what they have in common and their distance.
///
/// The pairs are gathered by dispositif a (the pairs (a, b), b > a), then the
/// distances searched by batches of 64 dispositifs, both in parallel; each piece of
/// work is self-contained, so the result does not depend on the number of threads.
fn gather(territory: &Territory, network: &Network, want: Want) -> (Schemes, Vec<Gathered>) {
    let schemes = Schemes::new(territory, network.date);
    let adjacency = Adjacency::of(&network.graph);
    let d = schemes.dispositifs.len();
    let slots: Vec<u32> = (0..d as u32).collect();
    // a few chunks per thread: each allocates its working memory once
    let chunk = d.div_ceil(4 * rayon::current_num_threads()).max(1);
    let pairs: Vec<Vec<(u32, Common)>> = slots
        .par_chunks(chunk)
        .flat_map_iter(|chunk| {
            let mut common: Vec<Common> = (0..d).map(|_| Common::default()).collect();
            let mut touched = Vec::new();
            chunk
                .iter()
                .map(|&a| schemes.pairs_of(a, &adjacency, want, &mut common, &mut touched))
                .collect::<Vec<_>>()
        })
        .collect();
    let distances = distances(&schemes, &adjacency, &pairs);
    let gathered = pairs
        .into_iter()
        .zip(distances)
        .enumerate()
        .flat_map(|(a, (list, distances))| {
            list.into_iter()
                .zip(distances)
                .map(move |((b, common), distance)| Gathered {
                    a: a as u32,
                    b,
                    common,
                    distance,
                })
        })
        .collect();
    (schemes, gathered)
}

/// Hops between the two dispositifs of each listed pair (`pairs[a]` holds the pairs
/// (a, b)), aligned with them; `None` for a pair in two components.
///
/// Pairs up to 3 hops apart are told from their neighbour lists and cross ties; the
/// others are found by breadth-first searches from 64 dispositifs at once, one bit each (the multi-source
/// search of Then et al., "The More the Merrier", VLDB 2015): a node reached by several
/// of them at the same depth is expanded once for all. A dispositif stops spreading once
/// its targets are reached, and a batch stops when all of its dispositifs have.
fn distances(
    schemes: &Schemes,
    adjacency: &Adjacency,
    pairs: &[Vec<(u32, Common)>],
) -> Vec<Vec<Option<u32>>> {
    let node = |slot: u32| schemes.dispositifs[slot as usize].index();
    // Most listed pairs are near: 1 hop when the two are tied, 2 through a common
    // neighbour (a shared member), 3 through a cross tie between members. Only the
    // others are searched.
    let (mut distances, targets): (Vec<Vec<Option<u32>>>, Vec<Vec<u32>>) = pairs
        .par_iter()
        .enumerate()
        .map(|(a, list)| {
            let from = adjacency.neighbours(node(a as u32));
            let mut far = Vec::new();
            let known = list
                .iter()
                .map(|(b, c)| {
                    let to = adjacency.neighbours(node(*b));
                    if from.binary_search(&(node(*b) as u32)).is_ok() {
                        Some(1)
                    } else if meet(from, to) {
                        Some(2)
                    } else if c.path_of_three {
                        Some(3)
                    } else {
                        far.push(*b);
                        None
                    }
                })
                .collect();
            (known, far)
        })
        .unzip();
    if targets.iter().all(Vec::is_empty) {
        return distances;
    }
    let component = component_labels(adjacency);
    let sources: Vec<u32> = (0..targets.len() as u32)
        .filter(|&a| {
            targets[a as usize]
                .iter()
                .any(|&b| component[node(b)] == component[node(a)])
        })
        .collect();
    let n = adjacency.len();
    let found: Vec<(u32, u32, u32)> = sources
        .par_chunks(64)
        .map_init(
            || Search::new(n),
            |search, batch| search.run(schemes, adjacency, &component, &targets, batch),
        )
        .flatten_iter()
        .collect();
    for (a, b, hops) in found {
        let list = &pairs[a as usize];
        let i = list
            .binary_search_by_key(&b, |(b, _)| *b)
            .expect("a searched target is a listed pair");
        distances[a as usize][i] = Some(hops);
    }
    distances
}

/// Whether two sorted lists have an element in common.
fn meet(a: &[u32], b: &[u32]) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if short.len() * 16 < long.len() {
        short.iter().any(|x| long.binary_search(x).is_ok())
    } else {
        let (mut i, mut j) = (0, 0);
        while i < short.len() && j < long.len() {
            match short[i].cmp(&long[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => return true,
            }
        }
        false
    }
}

/// The working memory of a batch of searches, one bit per source; all zero between
/// batches.
struct Search {
    /// For each node, the sources that reached it and those reaching it at the next
    /// depth, side by side: the one random access per edge the search makes.
    state: Vec<[u64; 2]>,
    /// Sources that look for each node.
    wanted: Vec<u64>,
}

impl Search {
    fn new(n: usize) -> Self {
        Self {
            state: vec![[0; 2]; n],
            wanted: vec![0; n],
        }
    }

    /// The searches from the dispositifs of `batch` (at most 64 slots): (source slot,
    /// target slot, hops) for each target reached.
    fn run(
        &mut self,
        schemes: &Schemes,
        adjacency: &Adjacency,
        component: &[u32],
        targets: &[Vec<u32>],
        batch: &[u32],
    ) -> Vec<(u32, u32, u32)> {
        const SEEN: usize = 0;
        const NEXT: usize = 1;
        let node = |slot: u32| schemes.dispositifs[slot as usize].index();
        let mut found = Vec::new();
        let mut left = [0usize; 64];
        let mut alive = 0u64;
        let mut visited: Vec<u32> = Vec::new();
        let mut wanted_nodes: Vec<u32> = Vec::new();
        // the nodes reached at the current depth, with the sources that reached them
        let mut active: Vec<(u32, u64)> = Vec::new();
        for (i, &a) in batch.iter().enumerate() {
            let (bit, from) = (1u64 << i, node(a));
            for &b in &targets[a as usize] {
                let t = node(b);
                if component[t] == component[from] {
                    if self.wanted[t] == 0 {
                        wanted_nodes.push(t as u32);
                    }
                    self.wanted[t] |= bit;
                    left[i] += 1;
                }
            }
            if left[i] > 0 {
                alive |= bit;
            }
            self.state[from][SEEN] = bit;
            visited.push(from as u32);
            active.push((from as u32, bit));
        }
        let mut reached: Vec<u32> = Vec::new();
        let mut depth = 0;
        while alive != 0 && !active.is_empty() {
            depth += 1;
            for &(v, bits) in &active {
                let spread = bits & alive;
                if spread == 0 {
                    continue;
                }
                for &w in adjacency.neighbours(v as usize) {
                    let state = &mut self.state[w as usize];
                    let new = spread & !state[SEEN];
                    if new != 0 {
                        if state[NEXT] == 0 {
                            reached.push(w);
                        }
                        state[NEXT] |= new;
                    }
                }
            }
            active.clear();
            for &w in &reached {
                let state = &mut self.state[w as usize];
                let bits = std::mem::take(&mut state[NEXT]);
                if state[SEEN] == 0 {
                    visited.push(w);
                }
                state[SEEN] |= bits;
                active.push((w, bits));
                let wanted = &mut self.wanted[w as usize];
                let mut hit = *wanted & bits;
                *wanted &= !hit;
                while hit != 0 {
                    let i = hit.trailing_zeros() as usize;
                    hit &= hit - 1;
                    found.push((batch[i], schemes.slot[w as usize], depth));
                    left[i] -= 1;
                    if left[i] == 0 {
                        alive &= !(1u64 << i);
                    }
                }
            }
            reached.clear();
        }
        for &v in &visited {
            self.state[v as usize] = [0; 2];
        }
        for &t in &wanted_nodes {
            self.wanted[t as usize] = 0;
        }
        found
    }
}

/// The connected component of each node, numbered in order of smallest node.
fn component_labels(adjacency: &Adjacency) -> Vec<u32> {
    let n = adjacency.len();
    let mut label = vec![u32::MAX; n];
    let mut queue: Vec<u32> = Vec::new();
    let mut next = 0;
    for root in 0..n {
        if label[root] != u32::MAX {
            continue;
        }
        label[root] = next;
        queue.clear();
        queue.push(root as u32);
        let mut head = 0;
        while head < queue.len() {
            let u = queue[head] as usize;
            head += 1;
            for &v in adjacency.neighbours(u) {
                if label[v as usize] == u32::MAX {
                    label[v as usize] = next;
                    queue.push(v);
                }
            }
        }
        next += 1;
    }
    label
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
/// Near-linear: O(R + m + Σ_edges s(u) s(v) + Σ_actions s² + T log T) to gather, with
/// s the number of dispositifs an actor or action belongs to and T the cross ties,
/// then one breadth-first search per dispositif for the distances, stopped as soon as
/// its partners in its component are reached (on several threads, as is the
/// gathering).
///
/// # Example
/// ```
/// # let territory = maillage::bundle::load_bundle("../../data/lyon7".as_ref()).unwrap().territory;
/// use maillage::network::{dispositif_articulation, Network};
/// let network = Network::project(&territory, territory.date);
/// let pairs = dispositif_articulation(&territory, &network);
/// let cpts = territory.actor_by_id("cpts_lyon7").unwrap();
/// let asv = territory.actor_by_id("asv_gerland").unwrap();
/// let pair = pairs.iter().find(|p| (p.a, p.b) == (cpts.min(asv), cpts.max(asv))).unwrap();
/// assert!(pair.is_articulated());
/// ```
pub fn dispositif_articulation(territory: &Territory, network: &Network) -> Vec<DispositifPair> {
    let (schemes, gathered) = gather(territory, network, Want::Everything);
    gathered
        .into_par_iter()
        .map(|g| {
            let c = g.common;
            let mut direct = c.direct;
            direct.sort_unstable();
            direct.dedup();
            // the members with cross ties, by decreasing number of ties, then index
            let mut ends: Vec<ActorIx> = c.cross_ties.iter().flat_map(|&(u, v)| [u, v]).collect();
            ends.sort_unstable();
            let mut by_ties: Vec<(usize, ActorIx)> = Vec::new();
            for run in ends.chunk_by(|x, y| x == y) {
                by_ties.push((run.len(), run[0]));
            }
            by_ties.sort_by(|p, q| q.0.cmp(&p.0).then(p.1.cmp(&q.1)));
            let bridging_actors = c
                .shared_members
                .iter()
                .copied()
                .chain(by_ties.into_iter().map(|(_, x)| x))
                .collect();
            DispositifPair {
                a: schemes.dispositifs[g.a as usize],
                b: schemes.dispositifs[g.b as usize],
                direct,
                shared_members: c.shared_members,
                cross_ties: c.cross_ties,
                joint_actions: c.joint_actions,
                distance: g.distance,
                bridging_actors,
            }
        })
        .collect()
}

/// The pairs of dispositifs that [`articulation`] lists and finds unarticulated (no
/// direct relation, shared member or joint action), as (a, b, distance, number of
/// cross ties), in the same order, without listing the ties or searching the
/// distances of the articulated pairs.
pub(crate) fn unarticulated(
    territory: &Territory,
    network: &Network,
) -> Vec<(ActorIx, ActorIx, Option<u32>, usize)> {
    let (schemes, gathered) = gather(territory, network, Want::Unarticulated);
    gathered
        .into_iter()
        .map(|g| {
            (
                schemes.dispositifs[g.a as usize],
                schemes.dispositifs[g.b as usize],
                g.distance,
                g.common.tie_count,
            )
        })
        .collect()
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
