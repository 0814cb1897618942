//! The network of partnerships: the undirected simple projection of the relations
//! valid on a date, and its figures (docs/analyses.md §1 and §4).
//!
//! The algorithms take a `petgraph` [`UnGraph`](petgraph::graph::UnGraph) whose edge
//! weights are the summed relation weights, and return one value per node index, so
//! that they can be tested on any graph (networkx's reference graphs among them).

mod adjacency;
pub(crate) mod affiliation;
pub(crate) mod analysis;
pub(crate) mod calendar;
pub(crate) mod centrality;
pub(crate) mod cohesion;
pub(crate) mod communities;
pub(crate) mod dispositifs;
pub(crate) mod evolution;
pub(crate) mod groups;
mod multi_source;
pub(crate) mod overlap;
pub(crate) mod pathways;
mod projection;
mod rng;
pub(crate) mod shared_themes;
pub(crate) mod solicitation;
pub(crate) mod structural_holes;
mod ties;
pub(crate) mod time;

pub(crate) use adjacency::Adjacency;
pub use affiliation::{
    affiliation_summary, affiliation_view, Affiliation, AffiliationRole, AffiliationSummary,
    AffiliationTie, AffiliationView, CoAffiliation, UnacquaintedPair, ACTION_NODE_PREFIX,
    DISPOSITIF_NODE_PREFIX, UNACQUAINTED_LISTED,
};
pub use analysis::{
    analyse, exact_by_default, ActorMetrics, BetweennessMode, CommunitySummary,
    DispositifArticulation, GroupMetrics, KeyPlayerSummary, NetworkOptions, NetworkReport,
    DEFAULT_CLOSENESS_PIVOTS, DEFAULT_PIVOTS, DEFAULT_SEED, EXACT_UP_TO_ACTORS_TIMES_TIES,
};
pub use calendar::{
    calendar, Calendar, CalendarAction, CalendarRole, DispositifCalendar, Overlap, Period, Span,
    YearTies, CALENDAR_GAP_DAYS,
};
// still public for the code that read the former default; its users are warned
#[allow(deprecated)]
pub use analysis::EXACT_BETWEENNESS_UP_TO;
pub use centrality::{
    betweenness, betweenness_sampled, closeness, closeness_sampled, clustering, degree, pagerank,
    strength, CentralityError, BATCHED_FROM, PAGERANK_ALPHA, PAGERANK_MAX_ITER, PAGERANK_TOL,
    PARALLEL_THRESHOLD,
};
pub use cohesion::{
    articulation_points, bridges, fragility, fragmentation, key_players, KeyPlayers,
};
pub use communities::{composition, louvain, modularity, Communities};
pub use dispositifs::{
    dispositif_articulation, dispositif_members, hops, structure_members, DispositifPair,
    ALL_PAIRS_UP_TO,
};
pub use evolution::{evolution, Evolution, PairChange};
pub use groups::{brokerage, ei_index, mixing_matrix, Brokerage, EiIndex, MixingMatrix, Partition};
pub use overlap::{structure_overlap, StructureOverlap};
pub use pathways::{
    default_pathways, pathways, referral_graph, EntryChains, Pathway, PathwayDefinition,
    MAX_REFERRALS,
};
pub use projection::{Components, Network};
pub use rng::SeededRng;
pub use shared_themes::{shared_themes, DispositifThemes, SharedTheme};
pub use solicitation::{
    most_solicited, solicitation, solicitation_load, ActorSolicitation, Solicitation,
    SolicitationLoad, DEFAULT_SOLICITATION_THRESHOLD,
};
pub use structural_holes::{constraint, effective_size};
pub use ties::{Tie, Ties};
pub use time::{compare, Comparison, Snapshot, TieChange};
