//! The affiliation view (docs/analyses.md §5, "Two-mode view"): the two-mode network
//! of the actors and what they belong to, the joint actions and the dispositifs. A
//! joint action links all its actors to each other in it (docs/bundle.md), as a
//! dispositif links its members: its one-mode projection onto the actors counts, for
//! each pair of actors, the actions and dispositifs they share.

use super::adjacency::Adjacency;
use super::Network;
use crate::model::{ActorIx, Date, RelationKind, Territory};
use rayon::prelude::*;
use serde::Serialize;

/// The prefix of the node of a joint action in the two-mode graph files and in
/// Python (`action:fa1`), beside the actors' nodes named by their ids.
pub const ACTION_NODE_PREFIX: &str = "action:";

/// The prefix of the node of a dispositif as an affiliation (`dispositif:cpts_lyon7`):
/// the dispositif is also an actor, which may lead an action or belong to another
/// dispositif, under its own id.
pub const DISPOSITIF_NODE_PREFIX: &str = "dispositif:";

/// How many pairs of organisations that meet without a relation the summary of the
/// view names, most shared affiliations first.
pub const UNACQUAINTED_LISTED: usize = 20;

/// What an actor belongs to: a joint action (its index in [`Territory::actions`]) or a
/// dispositif.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Affiliation {
    /// A joint action, by index.
    Action(usize),
    /// A dispositif.
    Dispositif(ActorIx),
}

/// The part an actor takes in an affiliation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AffiliationRole {
    /// Leads the joint action.
    Lead,
    /// A partner of the action, not leading it.
    Partner,
    /// A funder of the action, neither leading it nor a partner.
    Funder,
    /// A `member` relation to the dispositif.
    Member,
    /// An `instance` relation to the dispositif, and no `member` one.
    Instance,
}

impl AffiliationRole {
    /// The role's name in the outputs: `lead`, `partner`, `funder`, `member`, `instance`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Lead => "lead",
            Self::Partner => "partner",
            Self::Funder => "funder",
            Self::Member => "member",
            Self::Instance => "instance",
        }
    }
}

/// One edge of the two-mode network: an actor and what it belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AffiliationTie {
    /// The actor.
    pub actor: ActorIx,
    /// The affiliation, by its index in [`AffiliationView::affiliations`].
    pub affiliation: usize,
    /// Its part in it.
    pub role: AffiliationRole,
}

/// The two-mode network of the actors and their joint actions and dispositifs on a
/// date.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AffiliationView {
    /// The actors with at least one affiliation, in bundle order (the actors' side).
    pub actors: Vec<ActorIx>,
    /// The affiliations' side: the joint actions valid on the date in file order, then
    /// every dispositif in bundle order (one without members stands alone).
    pub affiliations: Vec<Affiliation>,
    /// The edges, by affiliation, then actor.
    pub ties: Vec<AffiliationTie>,
}

/// A pair of actors of the one-mode projection of the affiliation view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CoAffiliation {
    /// The actor of smaller index.
    pub a: ActorIx,
    /// The other.
    pub b: ActorIx,
    /// How many joint actions and dispositifs both belong to (networkx
    /// `weighted_projected_graph`'s weight).
    pub shared: u32,
}

/// The two-mode network of `territory` on `date` (every relation and action when
/// `None`): each actor of a valid joint action (lead, partner, funder: the first that
/// applies is its role), and each actor with a valid `member` or `instance` relation
/// to a dispositif (not the dispositif itself), tied to it once.
///
/// # Complexity
/// O(R + Σ actors of the actions + T log T) for R relations and T ties.
///
/// # Example
/// ```
/// # let territory = maillage::load_bundle("../../data/lyon7".as_ref()).unwrap().territory;
/// use maillage::network::{affiliation_view, Affiliation};
/// let view = affiliation_view(&territory, territory.date);
/// let cpts = territory.actor_by_id("cpts_lyon7").unwrap();
/// let slot = view.affiliations.iter().position(|&a| a == Affiliation::Dispositif(cpts)).unwrap();
/// assert!(view.ties.iter().filter(|t| t.affiliation == slot).count() > 100);
/// ```
pub fn affiliation_view(territory: &Territory, date: Option<Date>) -> AffiliationView {
    let mut affiliations = Vec::new();
    let mut ties = Vec::new();
    for (i, action) in territory.actions.iter().enumerate() {
        if !date.is_none_or(|d| action.validity.contains(d)) {
            continue;
        }
        let slot = affiliations.len();
        affiliations.push(Affiliation::Action(i));
        let roles = [
            (&action.lead, AffiliationRole::Lead),
            (&action.partners, AffiliationRole::Partner),
            (&action.funders, AffiliationRole::Funder),
        ];
        let start = ties.len();
        for (actors, role) in roles {
            ties.extend(actors.iter().map(|&actor| AffiliationTie {
                actor,
                affiliation: slot,
                role,
            }));
        }
        // by actor, the first role of each (Lead < Partner < Funder)
        ties[start..].sort_by_key(|t| (t.actor, t.role));
        dedup_from(&mut ties, start);
    }
    let first_dispositif = affiliations.len();
    let mut slot_of = vec![usize::MAX; territory.actors.len()];
    for (i, a) in territory.actors.iter().enumerate() {
        if a.is_dispositif() {
            slot_of[i] = affiliations.len();
            affiliations.push(Affiliation::Dispositif(ActorIx(i as u32)));
        }
    }
    let start = ties.len();
    for r in &territory.relations {
        let slot = slot_of[r.target.index()];
        let role = match r.kind {
            RelationKind::Member => AffiliationRole::Member,
            RelationKind::Instance => AffiliationRole::Instance,
            _ => continue,
        };
        if slot != usize::MAX && r.source != r.target && date.is_none_or(|d| r.validity.contains(d))
        {
            ties.push(AffiliationTie {
                actor: r.source,
                affiliation: slot,
                role,
            });
        }
    }
    ties[start..].sort_by_key(|t| (t.affiliation, t.actor, t.role));
    dedup_from(&mut ties, start);
    debug_assert!(ties[start..]
        .iter()
        .all(|t| t.affiliation >= first_dispositif));
    let mut affiliated = vec![false; territory.actors.len()];
    for t in &ties {
        affiliated[t.actor.index()] = true;
    }
    let actors = (0..territory.actors.len() as u32)
        .map(ActorIx)
        .filter(|a| affiliated[a.index()])
        .collect();
    AffiliationView {
        actors,
        affiliations,
        ties,
    }
}

/// Keeps the first tie of each (affiliation, actor) from `start` on, ties sorted.
fn dedup_from(ties: &mut Vec<AffiliationTie>, start: usize) {
    let mut kept = ties.split_off(start);
    kept.dedup_by_key(|t| (t.affiliation, t.actor));
    ties.extend(kept);
}

/// The headline figures of the affiliation view.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct AffiliationSummary {
    /// Actors with at least one affiliation.
    pub actors: usize,
    /// Joint actions valid on the date.
    pub actions: usize,
    /// Dispositifs.
    pub dispositifs: usize,
    /// Ties between actors and joint actions.
    pub action_ties: usize,
    /// Ties between actors and dispositifs.
    pub dispositif_ties: usize,
    /// Pairs of actors that share at least one affiliation (the edges of the one-mode
    /// projection).
    pub pairs: u64,
    /// Among them, the pairs with no relation on the date (no edge of the network).
    pub pairs_without_relation: u64,
    /// The pairs of organisations (neither a professional) that share at least two
    /// affiliations and have no relation, most shared first (ties by bundle order), at
    /// most [`UNACQUAINTED_LISTED`]: they meet without working together.
    pub unacquainted: Vec<UnacquaintedPair>,
}

/// Two organisations that meet in joint actions or dispositifs without a relation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UnacquaintedPair {
    /// The first actor's id (bundle order).
    pub a: String,
    /// The second actor's id.
    pub b: String,
    /// How many joint actions and dispositifs both belong to.
    pub shared: u32,
}

/// The view's ties in compressed rows, both ways: each actor's affiliations and each
/// affiliation's actors.
struct Rows {
    by_actor: (Vec<usize>, Vec<u32>),
    by_affiliation: (Vec<usize>, Vec<u32>),
}

impl Rows {
    fn new(view: &AffiliationView, n: usize) -> Self {
        let rows = |count: usize, key: &dyn Fn(&AffiliationTie) -> (usize, u32)| {
            let mut offsets = vec![0usize; count + 1];
            for t in &view.ties {
                offsets[key(t).0 + 1] += 1;
            }
            for i in 0..count {
                offsets[i + 1] += offsets[i];
            }
            let mut fill = offsets.clone();
            let mut targets = vec![0u32; view.ties.len()];
            for t in &view.ties {
                let (row, target) = key(t);
                targets[fill[row]] = target;
                fill[row] += 1;
            }
            (offsets, targets)
        };
        Self {
            by_actor: rows(n, &|t| (t.actor.index(), t.affiliation as u32)),
            by_affiliation: rows(view.affiliations.len(), &|t| (t.affiliation, t.actor.0)),
        }
    }

    fn row(rows: &(Vec<usize>, Vec<u32>), i: usize) -> &[u32] {
        &rows.1[rows.0[i]..rows.0[i + 1]]
    }

    /// The actors v > u sharing an affiliation with u, with how many they share, by
    /// increasing v; `count` is all zero on entry and on return.
    fn partners_of(&self, u: usize, count: &mut [u32], touched: &mut Vec<u32>) {
        touched.clear();
        for &f in Self::row(&self.by_actor, u) {
            let members = Self::row(&self.by_affiliation, f as usize);
            // the affiliation's actors are sorted: those after u only
            let after = members.partition_point(|&v| v as usize <= u);
            for &v in &members[after..] {
                if count[v as usize] == 0 {
                    touched.push(v);
                }
                count[v as usize] += 1;
            }
        }
        touched.sort_unstable();
    }
}

impl AffiliationView {
    /// The node of an affiliation in the graph files and Python: `action:` and the
    /// action's id, or `dispositif:` and the dispositif's id.
    ///
    /// # Example
    /// ```
    /// # let territory = maillage::load_bundle("../../data/lyon7".as_ref()).unwrap().territory;
    /// use maillage::network::{affiliation_view, AffiliationView};
    /// let view = affiliation_view(&territory, territory.date);
    /// assert!(view.node_id(&territory, 0).starts_with("action:"));
    /// ```
    pub fn node_id(&self, territory: &Territory, affiliation: usize) -> String {
        match self.affiliations[affiliation] {
            Affiliation::Action(i) => {
                format!("{ACTION_NODE_PREFIX}{}", territory.actions[i].id)
            }
            Affiliation::Dispositif(d) => {
                format!("{DISPOSITIF_NODE_PREFIX}{}", territory.actor(d).id)
            }
        }
    }

    /// The one-mode projection onto the actors: every pair of actors that share an
    /// affiliation, with how many they share, by (a, b). networkx's
    /// `bipartite.weighted_projected_graph` on the actors' side gives the same edges
    /// and weights.
    ///
    /// # Complexity
    /// O(Σ_f k_f²) for affiliations of k_f actors: a dispositif of a thousand members
    /// makes half a million pairs.
    ///
    /// # Example
    /// ```
    /// # let territory = maillage::load_bundle("../../data/lyon7".as_ref()).unwrap().territory;
    /// use maillage::network::affiliation_view;
    /// let view = affiliation_view(&territory, territory.date);
    /// let pairs = view.co_affiliation(territory.actors.len());
    /// assert!(pairs.iter().all(|p| p.a < p.b && p.shared >= 1));
    /// ```
    pub fn co_affiliation(&self, actors: usize) -> Vec<CoAffiliation> {
        let rows = Rows::new(self, actors);
        let mut count = vec![0u32; actors];
        let mut touched = Vec::new();
        let mut pairs = Vec::new();
        for &u in &self.actors {
            rows.partners_of(u.index(), &mut count, &mut touched);
            for &v in &touched {
                pairs.push(CoAffiliation {
                    a: u,
                    b: ActorIx(v),
                    shared: std::mem::take(&mut count[v as usize]),
                });
            }
        }
        pairs
    }
}

/// The headline figures of the affiliation view against the network of relations: how
/// many pairs of actors it brings together, how many of them have no relation, and the
/// organisations that meet most often without one.
///
/// # Complexity
/// O(Σ_f k_f² + P log d) for affiliations of k_f actors and P pairs, on several
/// threads; the pairs are counted, not kept.
///
/// # Example
/// ```
/// # let territory = maillage::load_bundle("../../data/lyon7".as_ref()).unwrap().territory;
/// use maillage::network::{affiliation_summary, affiliation_view, Network};
/// let network = Network::project(&territory, territory.date);
/// let view = affiliation_view(&territory, territory.date);
/// let summary = affiliation_summary(&territory, &network, &view);
/// assert!(summary.pairs_without_relation <= summary.pairs);
/// ```
pub fn affiliation_summary(
    territory: &Territory,
    network: &Network,
    view: &AffiliationView,
) -> AffiliationSummary {
    let n = territory.actors.len();
    let rows = Rows::new(view, n);
    let adjacency = Adjacency::of(&network.graph);
    let chunk = view
        .actors
        .len()
        .div_ceil(4 * rayon::current_num_threads())
        .max(1);
    let organisation = |a: u32| !territory.actor(ActorIx(a)).is_individual();
    let (pairs, without, mut unacquainted) = view
        .actors
        .par_chunks(chunk)
        .map(|chunk| {
            let mut count = vec![0u32; n];
            let mut touched = Vec::new();
            let (mut pairs, mut without) = (0u64, 0u64);
            let mut unacquainted: Vec<(u32, u32, u32)> = Vec::new();
            for &u in chunk {
                let u = u.index();
                rows.partners_of(u, &mut count, &mut touched);
                pairs += touched.len() as u64;
                let neighbours = adjacency.neighbours(u);
                for &v in &touched {
                    let shared = std::mem::take(&mut count[v as usize]);
                    if neighbours.binary_search(&v).is_err() {
                        without += 1;
                        if shared >= 2 && organisation(u as u32) && organisation(v) {
                            unacquainted.push((shared, u as u32, v));
                        }
                    }
                }
                if unacquainted.len() > 4 * UNACQUAINTED_LISTED {
                    keep_most_shared(&mut unacquainted);
                }
            }
            keep_most_shared(&mut unacquainted);
            (pairs, without, unacquainted)
        })
        .reduce(
            || (0, 0, Vec::new()),
            |(p, w, mut u), (p2, w2, u2)| {
                u.extend(u2);
                keep_most_shared(&mut u);
                (p + p2, w + w2, u)
            },
        );
    keep_most_shared(&mut unacquainted);
    let actions = view
        .affiliations
        .iter()
        .filter(|a| matches!(a, Affiliation::Action(_)))
        .count();
    let action_ties = view
        .ties
        .iter()
        .filter(|t| matches!(view.affiliations[t.affiliation], Affiliation::Action(_)))
        .count();
    AffiliationSummary {
        actors: view.actors.len(),
        actions,
        dispositifs: view.affiliations.len() - actions,
        action_ties,
        dispositif_ties: view.ties.len() - action_ties,
        pairs,
        pairs_without_relation: without,
        unacquainted: unacquainted
            .into_iter()
            .map(|(shared, a, b)| UnacquaintedPair {
                a: territory.actor(ActorIx(a)).id.clone(),
                b: territory.actor(ActorIx(b)).id.clone(),
                shared,
            })
            .collect(),
    }
}

/// Sorts pairs (shared, a, b) by decreasing shared, then (a, b), and keeps the first
/// [`UNACQUAINTED_LISTED`].
fn keep_most_shared(pairs: &mut Vec<(u32, u32, u32)>) {
    pairs.sort_by(|x, y| y.0.cmp(&x.0).then((x.1, x.2).cmp(&(y.1, y.2))));
    pairs.truncate(UNACQUAINTED_LISTED);
}
