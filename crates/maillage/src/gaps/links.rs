//! Suggested links: pairs of actors of different groups that share a theme and a place
//! but have no relation yet, ranked by how much they have in common.

use crate::model::haversine_m;
use crate::model::Reach;
use crate::model::{ActorIx, LonLat, Territory, ZoneRef};
use crate::network::{Adjacency, Network};
use crate::spatial::{chord, unit_vector};
use rayon::prelude::*;
use serde::Serialize;
use std::cmp::Ordering;
use std::collections::{BinaryHeap, HashMap};
use std::hash::{BuildHasherDefault, Hasher};

/// A link worth making, with the reasons.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SuggestedLink {
    /// One actor's id (the smaller id of the two).
    pub a: String,
    /// The other actor's id.
    pub b: String,
    /// `jaccard + adamic_adar`.
    pub score: f64,
    /// Jaccard similarity of their themes.
    pub jaccard: f64,
    /// Σ 1 / ln(deg w) over their common neighbours w (Adamic–Adar).
    pub adamic_adar: f64,
    /// Group of `a`.
    pub group_a: String,
    /// Group of `b`.
    pub group_b: String,
    /// Their shared themes, as `a` writes them, by comparison key.
    pub shared_themes: Vec<String>,
    /// Ids of their common neighbours, in bundle order.
    pub common_neighbours: Vec<String>,
    /// Distance between them, when both are located.
    ///
    /// # Units
    /// Metres.
    pub distance_m: Option<f64>,
    /// Zones both serve (`layer:id`), a zone of the coverage layer counting as served
    /// when a served zone of another layer contains its anchor point.
    pub common_zones: Vec<String>,
}

/// Suggested links (docs/analyses.md §3): pairs (u, v) with no relation on the
/// network's date, in different groups, sharing at least one theme, and either within
/// the catchment distance of each other or serving a common zone. Score =
/// Jaccard(themes(u), themes(v)) + Σ_{w ∈ N(u) ∩ N(v)} 1 / ln(deg w) (Adamic–Adar; a
/// common neighbour has degree ≥ 2).
///
/// Candidates never come from all n² pairs: the located actors are bucketed in cubes
/// of the catchment's size (on the unit sphere), so that the actors within the
/// catchment of one lie in the cubes around its own, and each (served zone, theme)
/// yields the actors serving that zone. Each actor scores its candidates on one of
/// several threads, keeping only the best `top` pairs met so far; the order being total
/// (ids break ties), the result does not depend on the number of threads.
///
/// # Arguments
/// * `territory`: the territory (catchment from its analysis settings).
/// * `network`: its projection on the date of interest.
/// * `attribute`: the partition defining groups (`sector`, `kind`, ...).
/// * `top`: how many links to return.
///
/// # Returns
/// At most `top` links, by decreasing score, ties broken by (a, b) ids.
///
/// # Complexity
/// O(n + m + Q + P · (θ + d) + P log top) for Q pairs of located actors in
/// neighbouring cubes (a bounded multiple of the pairs within the catchment), P
/// candidate pairs (pairs sharing a theme within the catchment or a served zone), θ
/// themes and d degree per actor; pairs whose score cannot reach the best `top` skip
/// the common neighbours. Memory O(n + m), never O(P).
///
/// # Example
/// ```
/// # let territory = maillage::bundle::load_bundle("../../data/lyon7".as_ref()).unwrap().territory;
/// use maillage::gaps::suggested_links;
/// use maillage::network::Network;
/// let network = Network::project(&territory, territory.date);
/// let links = suggested_links(&territory, &network, "sector", 5);
/// assert_eq!(links.len(), 5);
/// assert!(links.windows(2).all(|w| w[0].score >= w[1].score));
/// assert!(links.iter().all(|l| l.group_a != l.group_b && !l.shared_themes.is_empty()));
/// ```
pub fn suggested_links(
    territory: &Territory,
    network: &Network,
    attribute: &str,
    top: usize,
) -> Vec<SuggestedLink> {
    let n = territory.actors.len();
    if top == 0 || n == 0 {
        return Vec::new();
    }
    let themes = ThemeIds::new(territory);
    let groups = group_ids(territory, attribute);
    let served = served_zones(territory);
    let scoring = Scoring {
        territory,
        adjacency: Neighbours::of(network),
        serving: serving_by_zone_theme(&served, &themes),
        themes,
        groups,
        served,
    };
    let grid = Grid::new(
        territory,
        territory.analysis.catchment_m,
        &scoring.themes,
        &scoring.groups,
    );
    // the actors with no location that serve a zone: the others have no candidate
    let unlocated: Vec<u32> = (0..n)
        .filter(|&i| territory.actors[i].location.is_none() && !scoring.served[i].is_empty())
        .map(|i| i as u32)
        .collect();

    // Each actor u gathers its candidates v > u: those sharing a theme in the cells
    // around its own, within the catchment, and those serving a zone it serves with a
    // theme it has. The best `top` pairs are kept as they come, so that no list of
    // every candidate pair is ever built. Work goes by cell of the grid (then by
    // unlocated actor), in parallel.
    let units = grid.cells.len() + unlocated.len();
    let best = (0..units)
        .into_par_iter()
        .fold(
            || (Best::new(top), Vec::new(), Vec::new()),
            |(mut best, mut near, mut candidates), unit| {
                let actors: &[u32] = if unit < grid.cells.len() {
                    grid.near_pairs(unit, &mut near);
                    &grid.actors[grid.cells[unit].range()]
                } else {
                    near.clear();
                    std::slice::from_ref(&unlocated[unit - grid.cells.len()])
                };
                // `near` holds (u, v) pairs by u, in the order of `actors`
                let mut next = 0;
                for &u in actors {
                    candidates.clear();
                    while next < near.len() && near[next].0 == u {
                        candidates.push(near[next].1);
                        next += 1;
                    }
                    scoring.offer_candidates(u as usize, &mut candidates, &mut best);
                }
                (best, near, candidates)
            },
        )
        .map(|(best, _, _)| best)
        .reduce(
            || Best::new(top),
            |mut x, y| {
                for c in y.heap {
                    x.offer(c);
                }
                x
            },
        );

    best.heap
        .into_sorted_vec()
        .into_iter()
        .map(|c| scoring.link(&c, attribute))
        .collect()
}

/// For each (served zone, theme), the actors serving the zone with that theme, by
/// increasing index.
fn serving_by_zone_theme(
    served: &[Vec<ZoneRef>],
    themes: &ThemeIds,
) -> HashMap<(ZoneRef, u32), Vec<u32>, Fnv> {
    let mut serving: HashMap<(ZoneRef, u32), Vec<u32>, Fnv> = HashMap::default();
    for (i, zones) in served.iter().enumerate() {
        for &zone in zones {
            for &t in themes.of(i) {
                serving.entry((zone, t)).or_default().push(i as u32);
            }
        }
    }
    serving
}

/// What scoring a pair of actors reads.
struct Scoring<'t> {
    territory: &'t Territory,
    adjacency: Neighbours,
    themes: ThemeIds<'t>,
    groups: Vec<u32>,
    served: Vec<Vec<ZoneRef>>,
    serving: HashMap<(ZoneRef, u32), Vec<u32>, Fnv>,
}

impl<'t> Scoring<'t> {
    /// Adds to `candidates` (u's near actors) the actors after u serving a zone u
    /// serves with a theme u has, then offers each pair of a different group and with
    /// no tie to `best`.
    fn offer_candidates(&self, u: usize, candidates: &mut Vec<u32>, best: &mut Best<'t>) {
        let ku = self.themes.of(u);
        for &zone in &self.served[u] {
            for &t in ku {
                let list = &self.serving[&(zone, t)];
                let after = list.partition_point(|&v| v as usize <= u);
                candidates.extend_from_slice(&list[after..]);
            }
        }
        candidates.sort_unstable();
        candidates.dedup();
        for &v in candidates.iter() {
            let v = v as usize;
            if self.groups[u] == self.groups[v] || self.adjacency.has_edge(u, v) {
                continue;
            }
            let kv = self.themes.of(v);
            let shared = count_common(ku, kv);
            let union = ku.len() + kv.len() - shared;
            let jaccard = shared as f64 / union as f64;
            if let Some(worst) = best.worst() {
                // the sum over every neighbour bounds the sum over the common ones,
                // rounding included (non-negative terms added in the same order)
                let bound = jaccard + self.adjacency.bound[u].min(self.adjacency.bound[v]);
                if bound < worst {
                    continue;
                }
            }
            let adamic_adar = self.adjacency.adamic_adar(u, v);
            let score = jaccard + adamic_adar;
            if best.worst().is_some_and(|worst| score < worst) {
                continue;
            }
            let (au, av) = (&self.territory.actors[u], &self.territory.actors[v]);
            let (a, b) = if au.id <= av.id { (au, av) } else { (av, au) };
            best.offer(Candidate {
                score,
                a: &a.id,
                b: &b.id,
                u: u as u32,
                v: v as u32,
                jaccard,
                adamic_adar,
            });
        }
    }

    /// A kept pair with its reasons.
    fn link(&self, c: &Candidate, attribute: &str) -> SuggestedLink {
        let territory = self.territory;
        let (u, v) = (c.u as usize, c.v as usize);
        let (au, av) = (&territory.actors[u], &territory.actors[v]);
        let (a, b) = if au.id <= av.id { (u, v) } else { (v, u) };
        let label = |t: u32| {
            let key = self.themes.key(t);
            territory.actors[a]
                .themes
                .iter()
                .find(|x| x.key() == key)
                .map_or_else(|| key.to_owned(), |x| x.label().to_owned())
        };
        SuggestedLink {
            a: territory.actors[a].id.clone(),
            b: territory.actors[b].id.clone(),
            score: c.score,
            jaccard: c.jaccard,
            adamic_adar: c.adamic_adar,
            group_a: territory.group_of(ActorIx(a as u32), attribute).to_owned(),
            group_b: territory.group_of(ActorIx(b as u32), attribute).to_owned(),
            shared_themes: common(self.themes.of(u), self.themes.of(v))
                .into_iter()
                .map(label)
                .collect(),
            common_neighbours: common(self.adjacency.of_node(u), self.adjacency.of_node(v))
                .into_iter()
                .map(|w| territory.actors[w as usize].id.clone())
                .collect(),
            distance_m: au.location.zip(av.location).map(|(p, q)| haversine_m(p, q)),
            common_zones: common(&self.served[u], &self.served[v])
                .into_iter()
                .map(|z| territory.zone_label(z))
                .collect(),
        }
    }
}

/// The located actors in cubes of the space of unit vectors (x, y, z on the unit
/// sphere), of side at least the chord of the catchment: the actors within the
/// catchment of an actor lie in the 27 cubes around its own. The straight-line chord
/// between unit vectors grows with the great-circle distance, with no distortion
/// anywhere on the sphere (no trouble at the poles or the antimeridian).
struct Grid<'a> {
    cells: Vec<Cell>,
    lookup: HashMap<[i64; 3], u32, Fnv>,
    /// Actor indices grouped by cell, increasing within a cell; with, entry by entry,
    /// the actor's unit vector, location, theme mask and group.
    actors: Vec<u32>,
    vectors: Vec<[f64; 3]>,
    locations: Vec<LonLat>,
    masks: Vec<u64>,
    groups: Vec<u32>,
    catchment: Catchment,
    themes: &'a ThemeIds<'a>,
}

/// "Within the catchment" (haversine distance ≤ the catchment), told from the chord
/// between unit vectors when it is clear of the catchment's chord by a margin far
/// above rounding error (c = 2 sin(d / 2R): the same distance), from the haversine
/// distance otherwise.
#[derive(Debug, Clone, Copy)]
struct Catchment {
    metres: f64,
    /// Chord² above which two points are surely farther, and at or below which they
    /// are surely within the catchment; haversine decides in between.
    outside: f64,
    inside: f64,
    /// Side of the grid's cubes: at least the longest chord within the catchment.
    side: f64,
}

impl Catchment {
    /// `None` when no two points can be within it (a negative or NaN catchment).
    fn new(metres: f64) -> Option<Self> {
        if metres.is_nan() || metres < 0.0 {
            return None;
        }
        let reach = chord(metres);
        let outer = reach * (1.0 + 1e-6) + 1e-12;
        let inner = reach * (1.0 - 1e-6) - 1e-12;
        Some(Self {
            metres,
            outside: outer * outer,
            inside: if inner > 0.0 { inner * inner } else { -1.0 },
            side: outer * 1.001,
        })
    }

    /// Whether p and q (unit vectors pu and qu) are within the catchment.
    fn contains(&self, pu: [f64; 3], qu: [f64; 3], p: LonLat, q: LonLat) -> bool {
        let (x, y, z) = (pu[0] - qu[0], pu[1] - qu[1], pu[2] - qu[2]);
        let c2 = x * x + y * y + z * z;
        c2 <= self.inside || (c2 <= self.outside && haversine_m(p, q) <= self.metres)
    }
}

struct Cell {
    key: [i64; 3],
    start: usize,
    end: usize,
}

impl Cell {
    fn range(&self) -> std::ops::Range<usize> {
        self.start..self.end
    }
}

impl<'a> Grid<'a> {
    fn new(
        territory: &Territory,
        catchment_m: f64,
        themes: &'a ThemeIds<'a>,
        groups: &[u32],
    ) -> Self {
        let catchment = Catchment::new(catchment_m);
        let mut entries: Vec<([i64; 3], u32, [f64; 3])> = match catchment {
            Some(c) => territory
                .actors
                .iter()
                .enumerate()
                .filter_map(|(i, a)| {
                    let p = unit_vector(a.location?);
                    let key = p.map(|x| (x / c.side).floor() as i64);
                    Some((key, i as u32, p))
                })
                .collect(),
            None => Vec::new(),
        };
        entries.sort_unstable_by(|x, y| x.0.cmp(&y.0).then(x.1.cmp(&y.1)));
        let mut cells: Vec<Cell> = Vec::new();
        for (i, e) in entries.iter().enumerate() {
            match cells.last_mut() {
                Some(c) if c.key == e.0 => c.end = i + 1,
                _ => cells.push(Cell {
                    key: e.0,
                    start: i,
                    end: i + 1,
                }),
            }
        }
        let lookup = cells
            .iter()
            .enumerate()
            .map(|(i, c)| (c.key, i as u32))
            .collect();
        let actors: Vec<u32> = entries.iter().map(|e| e.1).collect();
        Self {
            cells,
            lookup,
            vectors: entries.iter().map(|e| e.2).collect(),
            locations: actors
                .iter()
                .filter_map(|&i| territory.actors[i as usize].location)
                .collect(),
            masks: actors.iter().map(|&i| themes.mask(i as usize)).collect(),
            groups: actors.iter().map(|&i| groups[i as usize]).collect(),
            actors,
            // with no catchment, no cell: the value is never read
            catchment: catchment.unwrap_or(Catchment {
                metres: f64::NAN,
                outside: -1.0,
                inside: -1.0,
                side: 1.0,
            }),
            themes,
        }
    }

    /// Fills `pairs` with the pairs (u, v), u in cell `c` and v > u, of actors of
    /// different groups sharing a theme within the catchment, by u in cell order.
    fn near_pairs(&self, c: usize, pairs: &mut Vec<(u32, u32)>) {
        pairs.clear();
        let key = self.cells[c].key;
        let mut around: Vec<usize> = Vec::with_capacity(27);
        for dx in -1..=1 {
            for dy in -1..=1 {
                for dz in -1..=1 {
                    let k = [key[0] + dx, key[1] + dy, key[2] + dz];
                    if let Some(&i) = self.lookup.get(&k) {
                        around.push(i as usize);
                    }
                }
            }
        }
        for i in self.cells[c].range() {
            let (u, pu, mu, gu) = (
                self.actors[i],
                self.vectors[i],
                self.masks[i],
                self.groups[i],
            );
            let ku = self.themes.of(u as usize);
            for &d in &around {
                for j in self.cells[d].range() {
                    let v = self.actors[j];
                    if v <= u || self.masks[j] & mu == 0 || self.groups[j] == gu {
                        continue;
                    }
                    let (pv, located) = (self.vectors[j], self.locations[i]);
                    if !self.catchment.contains(pu, pv, located, self.locations[j]) {
                        continue;
                    }
                    if shares_one(ku, self.themes.of(v as usize)) {
                        pairs.push((u, v));
                    }
                }
            }
        }
    }
}

/// One candidate pair, scored; ordered best first (decreasing score, then ids), so that
/// the greatest is the one to drop.
struct Candidate<'t> {
    score: f64,
    /// The smaller id of the two, and the other.
    a: &'t str,
    b: &'t str,
    /// The two actors, u < v.
    u: u32,
    v: u32,
    jaccard: f64,
    adamic_adar: f64,
}

impl Ord for Candidate<'_> {
    fn cmp(&self, other: &Self) -> Ordering {
        other
            .score
            .total_cmp(&self.score)
            .then_with(|| self.a.cmp(other.a))
            .then_with(|| self.b.cmp(other.b))
    }
}

impl PartialOrd for Candidate<'_> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for Candidate<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Candidate<'_> {}

/// The best `top` candidates offered so far. Pairs are distinct and the order is total
/// (ids break ties), so the best of a union is the best of the parts' best, whatever
/// the split among threads.
struct Best<'t> {
    top: usize,
    heap: BinaryHeap<Candidate<'t>>,
}

impl<'t> Best<'t> {
    fn new(top: usize) -> Self {
        Self {
            top,
            heap: BinaryHeap::new(),
        }
    }

    /// The score of the worst pair kept, once `top` pairs are.
    fn worst(&self) -> Option<f64> {
        (self.heap.len() >= self.top)
            .then(|| self.heap.peek().map(|c| c.score))
            .flatten()
    }

    fn offer(&mut self, c: Candidate<'t>) {
        if self.heap.len() < self.top {
            self.heap.push(c);
        } else if self.heap.peek().is_some_and(|worst| c < *worst) {
            self.heap.pop();
            self.heap.push(c);
        }
    }
}

/// Sorted, deduplicated neighbour lists of the network, without self-loops, with a
/// bound on each node's Adamic–Adar index.
struct Neighbours {
    adjacency: Adjacency,
    /// For each node u, Σ 1 / ln(deg w) over its neighbours w of degree ≥ 2, in
    /// increasing order: a bound on u's Adamic–Adar index with any node.
    bound: Vec<f64>,
}

impl Neighbours {
    fn of(network: &Network) -> Self {
        let adjacency = Adjacency::of(&network.graph);
        let bound = (0..adjacency.len())
            .into_par_iter()
            .map(|u| {
                adjacency.neighbours(u).iter().fold(0.0, |sum, &w| {
                    let degree = adjacency.degree(w as usize);
                    if degree >= 2 {
                        sum + 1.0 / (degree as f64).ln()
                    } else {
                        sum
                    }
                })
            })
            .collect();
        Self { adjacency, bound }
    }

    fn degree(&self, v: usize) -> usize {
        self.adjacency.degree(v)
    }

    fn of_node(&self, v: usize) -> &[u32] {
        self.adjacency.neighbours(v)
    }

    fn has_edge(&self, u: usize, v: usize) -> bool {
        self.of_node(u).binary_search(&(v as u32)).is_ok()
    }

    /// Σ 1 / ln(deg w) over the common neighbours w of u and v, in increasing order.
    fn adamic_adar(&self, u: usize, v: usize) -> f64 {
        let (mut a, mut b) = (self.of_node(u), self.of_node(v));
        if a.len() > b.len() {
            std::mem::swap(&mut a, &mut b);
        }
        let term = |w: u32| 1.0 / (self.degree(w as usize) as f64).ln();
        let mut sum = 0.0;
        if a.len() * 16 < b.len() {
            // a hub and a small node: look the small node's neighbours up in the hub's
            let mut from = 0;
            for &w in a {
                from += b[from..].partition_point(|&x| x < w);
                if b.get(from) == Some(&w) {
                    sum += term(w);
                }
            }
        } else {
            // a merge that advances without branching on the comparison
            let (mut i, mut j) = (0, 0);
            while i < a.len() && j < b.len() {
                let (x, y) = (a[i], b[j]);
                if x == y {
                    sum += term(x);
                }
                i += usize::from(x <= y);
                j += usize::from(y <= x);
            }
        }
        sum
    }
}

/// Each actor's themes as numbers, sorted; numbers follow the order of the comparison
/// keys.
struct ThemeIds<'t> {
    keys: Vec<&'t str>,
    offsets: Vec<usize>,
    ids: Vec<u32>,
}

impl<'t> ThemeIds<'t> {
    fn new(territory: &'t Territory) -> Self {
        // number the keys as they come, then renumber them in key order
        let mut first_seen: HashMap<&str, u32, Fnv> = HashMap::default();
        let mut offsets = Vec::with_capacity(territory.actors.len() + 1);
        let mut ids = Vec::new();
        offsets.push(0);
        for a in &territory.actors {
            for t in &a.themes {
                let next = first_seen.len() as u32;
                ids.push(*first_seen.entry(t.key()).or_insert(next));
            }
            offsets.push(ids.len());
        }
        let mut keys: Vec<(&str, u32)> = first_seen.into_iter().collect();
        keys.sort_unstable();
        let mut rank = vec![0u32; keys.len()];
        for (r, &(_, id)) in keys.iter().enumerate() {
            rank[id as usize] = r as u32;
        }
        // sort each actor's numbers, drop repeated ones, close the gaps
        let mut write = 0;
        for a in 0..territory.actors.len() {
            let (start, end) = (offsets[a], offsets[a + 1]);
            for id in &mut ids[start..end] {
                *id = rank[*id as usize];
            }
            ids[start..end].sort_unstable();
            offsets[a] = write;
            for i in start..end {
                if i == start || ids[i] != ids[i - 1] {
                    ids[write] = ids[i];
                    write += 1;
                }
            }
        }
        offsets[territory.actors.len()] = write;
        ids.truncate(write);
        Self {
            keys: keys.into_iter().map(|(k, _)| k).collect(),
            offsets,
            ids,
        }
    }

    fn of(&self, actor: usize) -> &[u32] {
        &self.ids[self.offsets[actor]..self.offsets[actor + 1]]
    }

    /// A bit per theme (theme number modulo 64): actors with disjoint masks share no
    /// theme.
    fn mask(&self, actor: usize) -> u64 {
        self.of(actor).iter().fold(0, |m, &t| m | 1 << (t % 64))
    }

    fn key(&self, id: u32) -> &'t str {
        self.keys[id as usize]
    }
}

/// A number per group of the partition: equal numbers, equal groups.
fn group_ids(territory: &Territory, attribute: &str) -> Vec<u32> {
    let mut number: HashMap<&str, u32, Fnv> = HashMap::default();
    (0..territory.actors.len())
        .map(|i| {
            let next = number.len() as u32;
            *number
                .entry(territory.group_of(ActorIx(i as u32), attribute))
                .or_insert(next)
        })
        .collect()
}

/// The zones each actor serves, sorted: those it names, and the zones of the coverage
/// layer they reach.
fn served_zones(territory: &Territory) -> Vec<Vec<ZoneRef>> {
    let mut reach = Reach::new(territory);
    let coverage_layer = territory.analysis.coverage_layer;
    territory
        .actors
        .iter()
        .map(|a| {
            let mut zones = Vec::new();
            for &named in &a.serves {
                zones.push(named);
                zones.extend(reach.zones(named, coverage_layer).iter().map(|&z| ZoneRef {
                    layer: coverage_layer,
                    zone: z,
                }));
            }
            zones.sort_unstable();
            zones.dedup();
            zones
        })
        .collect()
}

/// FNV-1a: a fast hash for the small keys of this module's maps (theme keys, group
/// names, cells), whose order is never observed.
#[derive(Default)]
struct FnvHasher(u64);

impl Hasher for FnvHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

type Fnv = BuildHasherDefault<FnvHasher>;

/// Whether two sorted lists have an element in common.
fn shares_one(a: &[u32], b: &[u32]) -> bool {
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            Ordering::Less => i += 1,
            Ordering::Greater => j += 1,
            Ordering::Equal => return true,
        }
    }
    false
}

/// How many elements two sorted lists have in common.
fn count_common(a: &[u32], b: &[u32]) -> usize {
    let (mut i, mut j, mut count) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            Ordering::Less => i += 1,
            Ordering::Greater => j += 1,
            Ordering::Equal => {
                count += 1;
                i += 1;
                j += 1;
            }
        }
    }
    count
}

/// The common elements of two sorted lists.
fn common<T: Ord + Copy>(a: &[T], b: &[T]) -> Vec<T> {
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            Ordering::Less => i += 1,
            Ordering::Greater => j += 1,
            Ordering::Equal => {
                out.push(a[i]);
                i += 1;
                j += 1;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{common, count_common, haversine_m, shares_one, unit_vector, Catchment, LonLat};
    use crate::network::SeededRng;

    #[test]
    fn catchment_agrees_with_haversine_at_its_border() {
        let mut rng = SeededRng::new(5);
        let mut border = 0;
        for metres in [0.0, 0.5, 30.0, 2_000.0, 50_000.0, 3_000_000.0] {
            let catchment = Catchment::new(metres).unwrap();
            for _ in 0..20_000 {
                let p = LonLat {
                    lon: -180.0 + 360.0 * rng.next_f64(),
                    lat: -89.0 + 178.0 * rng.next_f64(),
                };
                // the point at the catchment's distance on a random bearing, moved a
                // relative 1e-3 to 1e-15 in or out (the destination on the sphere)
                let bearing = std::f64::consts::TAU * rng.next_f64();
                let relative = 10f64.powi(-3 - rng.below(13) as i32);
                let scale = 1.0 + (2.0 * rng.next_f64() - 1.0) * relative;
                let delta = metres * scale / crate::model::EARTH_RADIUS_M;
                let (lat1, lon1) = (p.lat.to_radians(), p.lon.to_radians());
                let lat2 =
                    (lat1.sin() * delta.cos() + lat1.cos() * delta.sin() * bearing.cos()).asin();
                let lon2 = lon1
                    + (bearing.sin() * delta.sin() * lat1.cos())
                        .atan2(delta.cos() - lat1.sin() * lat2.sin());
                let q = LonLat {
                    lon: lon2.to_degrees(),
                    lat: lat2.to_degrees(),
                };
                assert_eq!(
                    catchment.contains(unit_vector(p), unit_vector(q), p, q),
                    haversine_m(p, q) <= metres,
                    "{metres} {p:?} {q:?}"
                );
                border += usize::from((haversine_m(p, q) - metres).abs() <= 1e-9 * metres);
            }
        }
        // many points within a nanometre per metre of the border
        assert!(border > 10_000, "{border}");
        assert!(Catchment::new(-1.0).is_none() && Catchment::new(f64::NAN).is_none());
    }

    #[test]
    fn intersects_sorted_lists() {
        assert_eq!(common(&[1, 3, 5, 7], &[2, 3, 7, 9]), [3, 7]);
        assert!(common::<u32>(&[], &[1]).is_empty());
        assert_eq!(count_common(&[1, 3, 5, 7], &[2, 3, 7, 9]), 2);
        assert!(shares_one(&[1, 4], &[0, 4, 9]));
        assert!(!shares_one(&[1, 4], &[0, 3, 9]));
    }
}
