//! Referral pathways (docs/analyses.md §5): who refers to whom for a need, the chains
//! from the entry points (PMI, crèches, schools, GPs) to specialised care
//! (orthophonistes, CMP), and the actors every chain of an entry point goes through,
//! the "parcours amont et aval" and "orientation des familles" coordinators ask about.

pub use crate::model::{default_pathways, PathwayDefinition};
use crate::model::{ActorIx, Date, RelationKind, Territory};
use petgraph::algo::dominators::simple_fast;
use petgraph::graph::{DiGraph, NodeIndex};
use serde::Serialize;
use std::collections::{BTreeMap, VecDeque};

/// The longest chain followed, in referrals: a family is oriented a few times on its
/// way to specialised care, not ten; beyond, a chain of referrals is no longer a
/// pathway anyone follows, and the searches stay bounded on a national referral graph.
pub const MAX_REFERRALS: usize = 4;

/// Where the referrals of one entry point lead.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EntryChains {
    /// The entry point.
    pub entry: ActorIx,
    /// The specialised actors reached by a chain of at most [`MAX_REFERRALS`] referrals
    /// from it, in bundle order.
    pub reached: Vec<ActorIx>,
    /// A shortest chain to the nearest of them, the entry point first and the
    /// specialised actor last (the first in bundle order among the nearest, each step
    /// the first in bundle order); empty when none is reached.
    pub shortest_chain: Vec<ActorIx>,
    /// Actors (neither the entry point nor specialised) that every chain from the
    /// entry point to specialised care goes through, among the actors it reaches in at
    /// most [`MAX_REFERRALS`] referrals, nearest first: without one of them, the entry
    /// point reaches none.
    pub single_points: Vec<ActorIx>,
}

impl EntryChains {
    /// Referrals on the shortest chain (0 when none is reached).
    pub fn shortest_length(&self) -> usize {
        self.shortest_chain.len().saturating_sub(1)
    }
}

/// One pathway followed through the referrals of a date.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Pathway {
    /// The pathway.
    pub definition: PathwayDefinition,
    /// Referrals (arcs source → target, one per pair) that count for it.
    pub referrals: usize,
    /// Every actor of an entry kind, in bundle order, with where its referrals lead.
    pub entries: Vec<EntryChains>,
}

impl Pathway {
    /// Entry points with at least one chain to specialised care.
    pub fn entries_with_chain(&self) -> usize {
        self.entries
            .iter()
            .filter(|e| !e.reached.is_empty())
            .count()
    }
}

/// The directed referral graph of a pathway: one node per actor a counted referral
/// touches, one arc per (source, target) pair, arcs in bundle order of their targets.
pub fn referral_graph(
    territory: &Territory,
    date: Option<Date>,
    definition: &PathwayDefinition,
) -> DiGraph<ActorIx, ()> {
    let mut arcs: Vec<(ActorIx, ActorIx)> = territory
        .relations
        .iter()
        .filter(|r| {
            r.kind == RelationKind::Referral
                && r.source != r.target
                && date.is_none_or(|d| r.validity.contains(d))
                && definition.counts(&r.themes)
        })
        .map(|r| (r.source, r.target))
        .collect();
    arcs.sort_unstable();
    arcs.dedup();
    let mut graph = DiGraph::new();
    let mut node = BTreeMap::new();
    for &(s, t) in &arcs {
        for a in [s, t] {
            node.entry(a).or_insert_with(|| graph.add_node(a));
        }
    }
    for (s, t) in arcs {
        graph.add_edge(node[&s], node[&t], ());
    }
    graph
}

/// Follows each pathway of `definitions` through the referrals valid on `date` (every
/// referral when `None`).
///
/// # Complexity
/// O(e · (n_p + m_p)) for e entry points and a referral graph of n_p actors and m_p
/// referrals, each entry point searching only what it reaches.
///
/// # Example
/// ```
/// # let territory = maillage::load_bundle("../../data/lyon7".as_ref()).unwrap().territory;
/// use maillage::network::{default_pathways, pathways};
/// let followed = pathways(&territory, territory.date, &default_pathways());
/// let language = &followed[0];
/// let pmi = territory.actor_by_id("pmi_jean_mace").unwrap();
/// let from_pmi = language.entries.iter().find(|e| e.entry == pmi).unwrap();
/// // The PMI refers to APPOR and to the CMP's child psychiatrist, no further:
/// // no chain reaches an orthophoniste.
/// assert!(from_pmi.reached.is_empty());
/// ```
pub fn pathways(
    territory: &Territory,
    date: Option<Date>,
    definitions: &[PathwayDefinition],
) -> Vec<Pathway> {
    definitions
        .iter()
        .map(|definition| follow(territory, date, definition))
        .collect()
}

fn follow(territory: &Territory, date: Option<Date>, definition: &PathwayDefinition) -> Pathway {
    let graph = referral_graph(territory, date, definition);
    let node_of: BTreeMap<ActorIx, NodeIndex> =
        graph.node_indices().map(|n| (graph[n], n)).collect();
    let is_kind = |a: ActorIx, kinds: &[String]| kinds.contains(&territory.actor(a).kind);
    let mut search = Search::new(graph.node_count());
    let entries = (0..territory.actors.len() as u32)
        .map(ActorIx)
        .filter(|&a| is_kind(a, &definition.entry_kinds))
        .map(|entry| match node_of.get(&entry) {
            None => EntryChains {
                entry,
                reached: Vec::new(),
                shortest_chain: Vec::new(),
                single_points: Vec::new(),
            },
            Some(&root) => search.chains(&graph, root, |a| {
                a != entry && is_kind(a, &definition.specialised_kinds)
            }),
        })
        .collect();
    Pathway {
        definition: definition.clone(),
        referrals: graph.edge_count(),
        entries,
    }
}

/// Breadth-first search buffers, reused from one entry point to the next.
struct Search {
    parent: Vec<Option<NodeIndex>>,
    visited: Vec<bool>,
    /// Referrals from the entry point, for the nodes visited.
    depth: Vec<u8>,
    /// Each visited node's number in the graph of the actors reached.
    local: Vec<u32>,
    order: Vec<NodeIndex>,
}

impl Search {
    fn new(n: usize) -> Self {
        Self {
            parent: vec![None; n],
            visited: vec![false; n],
            depth: vec![0; n],
            local: vec![0; n],
            order: Vec::new(),
        }
    }

    fn chains(
        &mut self,
        graph: &DiGraph<ActorIx, ()>,
        root: NodeIndex,
        specialised: impl Fn(ActorIx) -> bool,
    ) -> EntryChains {
        // Breadth-first, successors in bundle order, at most MAX_REFERRALS deep: the
        // first specialised actor met is the nearest, first in bundle order at its
        // distance.
        self.order.clear();
        self.visited[root.index()] = true;
        self.depth[root.index()] = 0;
        self.order.push(root);
        let mut queue = VecDeque::from([root]);
        while let Some(v) = queue.pop_front() {
            let depth = self.depth[v.index()];
            if depth as usize == MAX_REFERRALS {
                continue;
            }
            let mut next: Vec<NodeIndex> = graph.neighbors(v).collect();
            next.sort_unstable_by_key(|&w| graph[w]);
            for w in next {
                if !self.visited[w.index()] {
                    self.visited[w.index()] = true;
                    self.parent[w.index()] = Some(v);
                    self.depth[w.index()] = depth + 1;
                    self.order.push(w);
                    queue.push_back(w);
                }
            }
        }
        let reached_nodes: Vec<NodeIndex> = self
            .order
            .iter()
            .copied()
            .filter(|&n| specialised(graph[n]))
            .collect();
        let mut shortest_chain = Vec::new();
        if let Some(&nearest) = reached_nodes.first() {
            let mut at = Some(nearest);
            while let Some(n) = at {
                shortest_chain.push(graph[n]);
                at = self.parent[n.index()];
            }
            shortest_chain.reverse();
        }
        let single_points = if reached_nodes.is_empty() {
            Vec::new()
        } else {
            // The actors on every chain to every specialised actor reached: the
            // dominators common to all of them in the graph of the actors reached, the
            // root and the specialised excepted.
            let mut reached_graph: DiGraph<NodeIndex, ()> = DiGraph::new();
            for (i, &n) in self.order.iter().enumerate() {
                reached_graph.add_node(n);
                self.local[n.index()] = i as u32;
            }
            for &v in &self.order {
                for w in graph.neighbors(v).filter(|w| self.visited[w.index()]) {
                    reached_graph.add_edge(
                        NodeIndex::new(self.local[v.index()] as usize),
                        NodeIndex::new(self.local[w.index()] as usize),
                        (),
                    );
                }
            }
            let dominators = simple_fast(&reached_graph, NodeIndex::new(0));
            let dominating = |t: NodeIndex| -> Vec<NodeIndex> {
                dominators
                    .dominators(NodeIndex::new(self.local[t.index()] as usize))
                    .map(|d| d.map(|l| reached_graph[l]).collect())
                    .unwrap_or_default()
            };
            let mut common = dominating(reached_nodes[0]);
            for &t in &reached_nodes[1..] {
                let of_t = dominating(t);
                common.retain(|d| of_t.contains(d));
            }
            // `dominators` lists a node, then its dominators up to the root: reversed,
            // nearest to the entry point first.
            common.reverse();
            common
                .into_iter()
                .map(|n| graph[n])
                .filter(|&a| graph[root] != a && !specialised(a))
                .collect()
        };
        let mut reached: Vec<ActorIx> = reached_nodes.iter().map(|&n| graph[n]).collect();
        reached.sort_unstable();
        for &n in &self.order {
            self.visited[n.index()] = false;
            self.parent[n.index()] = None;
        }
        EntryChains {
            entry: graph[root],
            reached,
            shortest_chain,
            single_points,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Territory;
    use crate::model::Theme;

    fn lyon7() -> Territory {
        crate::bundle::load_bundle(
            concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/lyon7").as_ref(),
        )
        .expect("lyon7")
        .territory
    }

    fn ids(t: &Territory, actors: &[ActorIx]) -> Vec<String> {
        actors.iter().map(|&a| t.actor(a).id.clone()).collect()
    }

    #[test]
    fn a_referral_counts_when_it_has_no_theme_or_shares_one() {
        let p = &default_pathways()[0];
        assert!(p.counts(&[]));
        assert!(p.counts(&[Theme::new("Petite enfance")]));
        assert!(!p.counts(&[Theme::new("santé mentale")]));
    }

    #[test]
    fn lyon7_language_pathway_by_hand() {
        let t = lyon7();
        let p = &pathways(&t, t.date, &default_pathways())[0];
        let of = |id: &str| {
            let a = t.actor_by_id(id).unwrap();
            p.entries.iter().find(|e| e.entry == a).unwrap()
        };
        // relations.csv: ped_001 → ortho_001 ("petite enfance", 2020-12-15).
        assert_eq!(
            ids(&t, &of("ped_001").shortest_chain),
            ["ped_001", "ortho_001"]
        );
        // pmi_jean_mace → appor, pedopsy_cmp; appor → pedopsy_cmp: no orthophoniste.
        assert!(of("pmi_jean_mace").reached.is_empty());
        assert!(of("pmi_jean_mace").single_points.is_empty());
    }
}
