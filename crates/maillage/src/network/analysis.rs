//! Every figure of docs/analyses.md §1 for a territory's network, gathered in one
//! serialisable report with the user's ids (no graph index leaves the library).

use super::centrality::{self, PAGERANK_ALPHA, PAGERANK_MAX_ITER, PAGERANK_TOL};
use super::cohesion::{articulation_points, bridges, fragility, key_players, KeyPlayers};
use super::communities::{composition, louvain, Communities};
use super::dispositifs::{dispositif_articulation, DispositifPair};
use super::groups::{
    brokerage, ei_index, mixing_matrix, Brokerage, EiIndex, MixingMatrix, Partition,
};
use super::structural_holes::{constraint, effective_size};
use super::Network;
use crate::model::{ActorIx, Date, RelationKind, Territory};
use petgraph::graph::UnGraph;
use serde::Serialize;
use std::collections::BTreeMap;

/// Networks larger than this got sampled betweenness and closeness by default, before
/// the batched searches made exact figures cheap up to
/// [`EXACT_UP_TO_ACTORS_TIMES_TIES`].
#[deprecated(note = "the default is now set by actors × ties: see `exact_by_default`")]
pub const EXACT_BETWEENNESS_UP_TO: usize = 5_000;

/// Networks of at most this many actors × ties get exact betweenness and closeness by
/// default, larger ones sampled figures (docs/analyses.md §1). Both exact figures cost
/// O(actors × ties): a department of 50,000 actors and 345,000 ties (1.7·10¹⁰) stays
/// exact, a region of 500,000 actors and 3.5 million ties (1.7·10¹²) is sampled.
pub const EXACT_UP_TO_ACTORS_TIMES_TIES: u64 = 20_000_000_000;

/// Whether a network of `actors` and `ties` gets exact betweenness and closeness by
/// default: actors × ties at most [`EXACT_UP_TO_ACTORS_TIMES_TIES`].
///
/// # Example
/// ```
/// use maillage::network::exact_by_default;
/// assert!(exact_by_default(50_000, 345_259));
/// assert!(!exact_by_default(500_000, 3_500_000));
/// ```
pub fn exact_by_default(actors: usize, ties: usize) -> bool {
    (actors as u64).saturating_mul(ties as u64) <= EXACT_UP_TO_ACTORS_TIMES_TIES
}

/// Default number of pivots of sampled betweenness: on a generated territory of 50,000
/// actors it ranks the 100 most central as the exact figure does with a Spearman
/// correlation of 0.95–0.98 (0.94 with 256 pivots; benches/README.md).
pub const DEFAULT_PIVOTS: usize = 1024;

/// Default number of pivots per component of sampled closeness, a figure that
/// settles with fewer pivots than betweenness (a mean of distances rather than a sum
/// of rare shortest paths): on a generated territory of 50,000 actors it ranks the 100
/// most central as the exact figure does with a Spearman correlation of 0.97
/// (0.966–0.978 over five seeds; benches/README.md).
pub const DEFAULT_CLOSENESS_PIVOTS: usize = 256;

/// Default seed of every random choice (pivots, Louvain order, key-player ties).
pub const DEFAULT_SEED: u64 = 42;

/// How betweenness is computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum BetweennessMode {
    /// Exact up to [`EXACT_UP_TO_ACTORS_TIMES_TIES`] actors × ties
    /// ([`exact_by_default`]), else sampled with [`DEFAULT_PIVOTS`] pivots, and
    /// closeness with [`DEFAULT_CLOSENESS_PIVOTS`].
    Auto,
    /// Exact (Brandes over every source).
    Exact,
    /// Estimated from `k` seeded pivots (exact when `k >= n`); closeness too when the
    /// network is above [`EXACT_UP_TO_ACTORS_TIMES_TIES`] actors × ties, exact below.
    Sampled {
        /// Number of pivots.
        k: usize,
    },
}

/// Choices of a network analysis.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NetworkOptions {
    /// Actor attribute defining the groups: `sector`, `kind`, `family` or a column.
    pub partition: String,
    /// Betweenness computation.
    pub betweenness: BetweennessMode,
    /// Seed of every random choice.
    pub seed: u64,
    /// How many key players to look for ("which departures would hurt most").
    pub key_players: usize,
}

impl NetworkOptions {
    /// The territory's defaults: its manifest's partition, automatic betweenness, two
    /// key players.
    pub fn for_territory(territory: &Territory) -> Self {
        Self {
            partition: territory.analysis.partition.clone(),
            betweenness: BetweennessMode::Auto,
            seed: DEFAULT_SEED,
            key_players: 2,
        }
    }
}

/// The figures of one actor.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActorMetrics {
    /// Actor id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Kind id.
    pub kind: String,
    /// Group under the partition.
    pub group: String,
    /// Number of neighbours.
    pub degree: usize,
    /// Sum of edge weights.
    pub strength: f64,
    /// Normalised betweenness (exact or estimated, see [`NetworkReport::betweenness`]).
    pub betweenness: f64,
    /// Closeness (Wasserman–Faust).
    pub closeness: f64,
    /// PageRank; `None` if the power iteration did not converge.
    pub pagerank: Option<f64>,
    /// Local clustering coefficient.
    pub clustering: f64,
    /// Burt's constraint; `None` for an isolated actor.
    pub constraint: Option<f64>,
    /// Burt's effective size; `None` for an isolated actor.
    pub effective_size: Option<f64>,
    /// E-I index over the actor's ties; `None` for an isolated actor.
    pub ei_index: Option<f64>,
    /// Gould–Fernandez brokerage roles.
    pub brokerage: Brokerage,
    /// Whether the actor's departure would split its component.
    pub articulation_point: bool,
    /// How many actors would lose their link to the rest if it left.
    pub fragility: usize,
    /// Louvain community number.
    pub community: u32,
}

/// The figures of one group of the partition.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupMetrics {
    /// Group name (sector id by default).
    pub group: String,
    /// Actors in the group.
    pub actors: usize,
    /// Edges inside the group.
    pub internal_edges: u64,
    /// Edges from the group to other groups.
    pub external_edges: u64,
    /// E-I index over the edges touching the group; `None` when none does.
    pub ei_index: Option<f64>,
    /// Edges to each group (the group's row of the mixing matrix), by group name.
    pub mixing: BTreeMap<String, u64>,
}

/// A Louvain community and what it is made of.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CommunitySummary {
    /// Community number.
    pub community: u32,
    /// Number of actors.
    pub size: usize,
    /// Actors per group.
    pub composition: BTreeMap<String, usize>,
}

/// Which actors' departure would fragment the network most (Borgatti's KPP-Neg).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KeyPlayerSummary {
    /// The actors' ids.
    pub actors: Vec<String>,
    /// Fragmentation F of the network as it is.
    pub fragmentation_before: f64,
    /// Fragmentation F without them.
    pub fragmentation_after: f64,
}

/// The articulation of two dispositifs, with ids.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DispositifArticulation {
    /// First dispositif id.
    pub a: String,
    /// Second dispositif id.
    pub b: String,
    /// Relation kinds between them.
    pub direct: Vec<RelationKind>,
    /// Ids of their shared members.
    pub shared_members: Vec<String>,
    /// Ties between their members, as (member of a, member of b) ids.
    pub cross_ties: Vec<(String, String)>,
    /// Ids of their joint actions.
    pub joint_actions: Vec<String>,
    /// Hops between them; `None` when not connected.
    pub distance: Option<u32>,
    /// Ids of the actors holding them together (shared members first).
    pub bridging_actors: Vec<String>,
    /// A direct relation, a shared member or a joint action.
    pub articulated: bool,
}

/// Every network figure of a territory on a date.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NetworkReport {
    /// The date relations were filtered on.
    pub date: Option<Date>,
    /// The partition attribute.
    pub partition: String,
    /// Actors n.
    pub actors: usize,
    /// Edges m.
    pub edges: usize,
    /// 2m / (n(n−1)).
    pub density: f64,
    /// Component sizes, largest first.
    pub component_sizes: Vec<usize>,
    /// `"exact"` or `"sampled (k = K, seed = S)"`, followed by why when sampled by
    /// default (above [`EXACT_UP_TO_ACTORS_TIMES_TIES`] actors × ties).
    pub betweenness: String,
    /// How closeness was computed: `"exact"` or `"sampled (k = K pivots per component,
    /// seed = S)"` (networks above [`EXACT_UP_TO_ACTORS_TIMES_TIES`] actors × ties),
    /// followed by why when sampled by default.
    pub closeness: String,
    /// Global E-I index; `None` without edges.
    pub ei_index: Option<f64>,
    /// Per actor, in bundle order.
    pub actor_metrics: Vec<ActorMetrics>,
    /// Per group, by name.
    pub groups: Vec<GroupMetrics>,
    /// Ids of the articulation points.
    pub articulation_points: Vec<String>,
    /// Bridges as id pairs.
    pub bridges: Vec<(String, String)>,
    /// Louvain modularity Q.
    pub modularity: f64,
    /// Louvain communities, largest first.
    pub communities: Vec<CommunitySummary>,
    /// Key players.
    pub key_players: KeyPlayerSummary,
    /// Articulation of every pair of dispositifs.
    pub dispositifs: Vec<DispositifArticulation>,
    /// Anything that qualifies the figures (e.g. PageRank not converging).
    pub notes: Vec<String>,
}

/// Computes every figure of §1 on a network.
///
/// # Complexity
/// Dominated by betweenness and closeness: O(n m) exact, O(k m) sampled; the other
/// figures are near-linear in m for bounded degrees.
///
/// # Example
/// ```
/// # let territory = maillage::bundle::load_bundle("../../data/lyon7".as_ref()).unwrap().territory;
/// use maillage::network::{analyse, Network, NetworkOptions};
/// let network = Network::project(&territory, territory.date);
/// let report = analyse(&territory, &network, &NetworkOptions::for_territory(&territory));
/// assert_eq!(report.actor_metrics.len(), territory.actors.len());
/// assert!(report.ei_index.is_some());
/// ```
pub fn analyse(
    territory: &Territory,
    network: &Network,
    options: &NetworkOptions,
) -> NetworkReport {
    let g = &network.graph;
    let n = g.node_count();
    let id = |i: usize| territory.actors[i].id.clone();
    let labels: Vec<&str> = (0..n)
        .map(|i| territory.group_of(ActorIx(i as u32), &options.partition))
        .collect();
    let partition = Partition::from_labels(&labels);
    let f = Figures::compute(g, &partition, options);
    let notes = f
        .betweenness_note
        .iter()
        .chain(&f.pagerank_note)
        .cloned()
        .collect();
    let composition = composition(&f.communities, &labels);
    let actor_metrics = actor_metrics(territory, g, &labels, &f);
    let groups = group_metrics(&partition, &f.mixing, &f.ei);
    let components = network.components();
    let dispositifs =
        articulation_with_ids(territory, &dispositif_articulation(territory, network));
    NetworkReport {
        date: network.date,
        partition: options.partition.clone(),
        actors: n,
        edges: g.edge_count(),
        density: network.density(),
        component_sizes: components.members.iter().map(Vec::len).collect(),
        betweenness: f.betweenness_label,
        closeness: f.closeness_label,
        ei_index: f.ei.global,
        actor_metrics,
        groups,
        articulation_points: f.articulation.iter().map(|&i| id(i)).collect(),
        bridges: bridges(g)
            .into_iter()
            .map(|(u, v)| (id(u), id(v)))
            .collect(),
        modularity: f.communities.modularity,
        communities: composition
            .into_iter()
            .enumerate()
            .map(|(c, composition)| CommunitySummary {
                community: c as u32,
                size: f.communities.members[c].len(),
                composition,
            })
            .collect(),
        key_players: KeyPlayerSummary {
            actors: f.key.players.iter().map(|&i| id(i)).collect(),
            fragmentation_before: f.key.fragmentation_before,
            fragmentation_after: f.key.fragmentation_after,
        },
        dispositifs,
        notes,
    }
}

/// The figures of §1 that take time, computed side by side.
struct Figures {
    betweenness: Vec<f64>,
    betweenness_label: String,
    /// Why sampled betweenness was refused, when it was.
    betweenness_note: Option<String>,
    closeness: Vec<f64>,
    closeness_label: String,
    /// `None` for every actor when pagerank did not converge, with the reason.
    pagerank: Vec<Option<f64>>,
    pagerank_note: Option<String>,
    clustering: Vec<f64>,
    constraint: Vec<Option<f64>>,
    effective_size: Vec<Option<f64>>,
    communities: Communities,
    ei: EiIndex,
    mixing: MixingMatrix,
    brokerage: Vec<Brokerage>,
    articulation: Vec<usize>,
    fragility: Vec<usize>,
    key: KeyPlayers,
}

impl Figures {
    /// The figures are independent of one another: the searches (betweenness,
    /// closeness) spread over every thread, and the figures computed on one thread
    /// (Louvain, the cut vertices and pieces, brokerage) run beside them instead of
    /// after them. Each figure is the same whatever runs beside it.
    fn compute(g: &UnGraph<ActorIx, f64>, partition: &Partition, options: &NetworkOptions) -> Self {
        let n = g.node_count();
        let (((betweenness, closeness), (pagerank, clustering)), (holes, (groups_figures, cuts))) =
            rayon::join(
                || {
                    rayon::join(
                        || {
                            rayon::join(
                                || betweenness_figure(g, options),
                                || closeness_figure(g, options),
                            )
                        },
                        || {
                            rayon::join(
                                || {
                                    centrality::pagerank(
                                        g,
                                        PAGERANK_ALPHA,
                                        PAGERANK_TOL,
                                        PAGERANK_MAX_ITER,
                                    )
                                },
                                || centrality::clustering(g),
                            )
                        },
                    )
                },
                || {
                    rayon::join(
                        || rayon::join(|| constraint(g), || effective_size(g)),
                        || {
                            rayon::join(
                                || {
                                    (
                                        louvain(g, 1.0, options.seed),
                                        ei_index(g, partition),
                                        mixing_matrix(g, partition),
                                    )
                                },
                                || {
                                    (
                                        brokerage(g, partition),
                                        articulation_points(g),
                                        fragility(g),
                                        key_players(g, options.key_players.min(n), options.seed),
                                    )
                                },
                            )
                        },
                    )
                },
            );
        let ((betweenness, betweenness_label, betweenness_note), (closeness, closeness_label)) =
            (betweenness, closeness);
        let (constraint, effective_size) = holes;
        let ((communities, ei, mixing), (brokerage, articulation, fragility, key)) =
            (groups_figures, cuts);
        let (pagerank, pagerank_note) = match pagerank {
            Ok(p) => (p.into_iter().map(Some).collect(), None),
            Err(e) => (vec![None; n], Some(e.to_string())),
        };
        Self {
            betweenness,
            betweenness_label,
            betweenness_note,
            closeness,
            closeness_label,
            pagerank,
            pagerank_note,
            clustering,
            constraint,
            effective_size,
            communities,
            ei,
            mixing,
            brokerage,
            articulation,
            fragility,
            key,
        }
    }
}

/// Every actor's figures, with its id, name, kind and group.
fn actor_metrics(
    territory: &Territory,
    g: &UnGraph<ActorIx, f64>,
    labels: &[&str],
    f: &Figures,
) -> Vec<ActorMetrics> {
    let degree = centrality::degree(g);
    let strength = centrality::strength(g);
    (0..g.node_count())
        .map(|i| {
            let a = &territory.actors[i];
            ActorMetrics {
                id: a.id.clone(),
                name: a.name.clone(),
                kind: a.kind.clone(),
                group: labels[i].to_owned(),
                degree: degree[i],
                strength: strength[i],
                betweenness: f.betweenness[i],
                closeness: f.closeness[i],
                pagerank: f.pagerank[i],
                clustering: f.clustering[i],
                constraint: f.constraint[i],
                effective_size: f.effective_size[i],
                ei_index: f.ei.by_actor[i],
                brokerage: f.brokerage[i],
                articulation_point: f.articulation.binary_search(&i).is_ok(),
                fragility: f.fragility[i],
                community: f.communities.community_of[i],
            }
        })
        .collect()
}

/// Every group's size, ties within and across, E-I index and row of the mixing matrix.
fn group_metrics(partition: &Partition, mixing: &MixingMatrix, ei: &EiIndex) -> Vec<GroupMetrics> {
    partition
        .names
        .iter()
        .enumerate()
        .map(|(gi, name)| GroupMetrics {
            group: name.clone(),
            actors: partition
                .group_of
                .iter()
                .filter(|&&x| x as usize == gi)
                .count(),
            internal_edges: mixing.get(gi, gi),
            external_edges: (0..partition.names.len())
                .filter(|&h| h != gi)
                .map(|h| mixing.get(gi, h))
                .sum(),
            ei_index: ei.by_group[gi],
            mixing: partition
                .names
                .iter()
                .enumerate()
                .map(|(h, other)| (other.clone(), mixing.get(gi, h)))
                .collect(),
        })
        .collect()
}

/// Why a figure was sampled by default, for its label.
fn above_threshold(g: &UnGraph<ActorIx, f64>) -> String {
    format!(
        "{} actors × {} ties above the exact size of {EXACT_UP_TO_ACTORS_TIMES_TIES}",
        g.node_count(),
        g.edge_count()
    )
}

/// Betweenness as the options ask, its label, and a note when sampling was refused.
fn betweenness_figure(
    g: &UnGraph<ActorIx, f64>,
    options: &NetworkOptions,
) -> (Vec<f64>, String, Option<String>) {
    let exact = || (centrality::betweenness(g), "exact".to_owned(), None);
    let (k, why) = match options.betweenness {
        BetweennessMode::Exact => return exact(),
        BetweennessMode::Auto if exact_by_default(g.node_count(), g.edge_count()) => {
            return exact()
        }
        BetweennessMode::Auto => (DEFAULT_PIVOTS, format!(": {}", above_threshold(g))),
        BetweennessMode::Sampled { k } => (k, String::new()),
    };
    match centrality::betweenness_sampled(g, k, options.seed) {
        Ok(b) => (
            b,
            format!("sampled (k = {k}, seed = {}){why}", options.seed),
            None,
        ),
        Err(e) => (
            centrality::betweenness(g),
            "exact".to_owned(),
            Some(format!("{e}; exact betweenness computed instead")),
        ),
    }
}

/// Closeness, and its label: exact up to the exact size whatever the betweenness
/// pivots (it costs seconds there), sampled above it with the betweenness' pivots or
/// [`DEFAULT_CLOSENESS_PIVOTS`].
fn closeness_figure(g: &UnGraph<ActorIx, f64>, options: &NetworkOptions) -> (Vec<f64>, String) {
    let k = match options.betweenness {
        BetweennessMode::Exact => return (centrality::closeness(g), "exact".to_owned()),
        _ if exact_by_default(g.node_count(), g.edge_count()) => {
            return (centrality::closeness(g), "exact".to_owned())
        }
        BetweennessMode::Sampled { k } => k.max(2),
        BetweennessMode::Auto => DEFAULT_CLOSENESS_PIVOTS,
    };
    (
        centrality::closeness_sampled(g, k, options.seed),
        format!(
            "sampled (k = {k} pivots per component, seed = {}): {}",
            options.seed,
            above_threshold(g)
        ),
    )
}

fn articulation_with_ids(
    territory: &Territory,
    pairs: &[DispositifPair],
) -> Vec<DispositifArticulation> {
    let id = |a: ActorIx| territory.actor(a).id.clone();
    pairs
        .iter()
        .map(|p| DispositifArticulation {
            a: id(p.a),
            b: id(p.b),
            direct: p.direct.clone(),
            shared_members: p.shared_members.iter().map(|&a| id(a)).collect(),
            cross_ties: p.cross_ties.iter().map(|&(u, v)| (id(u), id(v))).collect(),
            joint_actions: p
                .joint_actions
                .iter()
                .map(|&i| territory.actions[i].id.clone())
                .collect(),
            distance: p.distance,
            bridging_actors: p.bridging_actors.iter().map(|&a| id(a)).collect(),
            articulated: p.is_articulated(),
        })
        .collect()
}
