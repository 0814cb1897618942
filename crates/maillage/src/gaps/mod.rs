//! Gaps (docs/analyses.md §3): what the territory lacks, and where. Zones without a
//! required kind of service, needs no actor or action answers, groups of actors that
//! never work together, actors with no tie, coordination schemes that ignore each
//! other, and the links worth making.
//!
//! Every result names actors, zones and groups by the user's ids, in a defined order.
//!
//! # Example
//! ```
//! # let territory = maillage::bundle::load_bundle("../../data/lyon7".as_ref()).unwrap().territory;
//! use maillage::gaps::{find_gaps, GapOptions, NeedStatus};
//! use maillage::network::Network;
//! use maillage::spatial::zone_coverage;
//! let network = Network::project(&territory, territory.date);
//! let coverage = zone_coverage(&territory, territory.analysis.coverage_layer);
//! let gaps = find_gaps(&territory, &network, &coverage, &GapOptions::for_territory(&territory));
//! assert!(gaps.needs.iter().any(|n| n.theme == "addictions" && n.status == NeedStatus::Uncovered));
//! assert!(!gaps.suggested_links.is_empty());
//! ```

mod absent;
mod links;
mod membership;
mod needs;
mod network;
mod pathway_gaps;
mod service;

pub use absent::{
    absent_groups, builtin_references, references, AbsentGroup, Members, Missing, Reference, Scope,
    BUILTIN_REFERENCES, FLAGGED_FROM_EXPECTED,
};
pub use links::{suggested_links, SuggestedLink};
pub use membership::{membership_reach, Membership, ReachGroup};
pub use needs::{need_gaps, NeedGap, NeedStatus};
pub use network::{
    group_gaps, isolated_actors, unarticulated_dispositifs, unarticulated_from, GroupGap,
    IsolatedActor, UnarticulatedPair,
};
pub use pathway_gaps::{pathway_gaps, PathwayGap};
pub use service::{service_gaps, ServiceGap, ServiceGapKind};

use crate::model::Territory;
use crate::network::analysis::NetworkReport;
use crate::network::{pathways, Network, Pathway};
use crate::spatial::{assign_actors, ActorPlacement, Coverage};
pub(crate) use needs::need_gaps_placed;
use network::group_gaps_of;
use serde::Serialize;
use std::borrow::Cow;

/// Default number of suggested links.
pub const DEFAULT_SUGGESTIONS: usize = 20;

/// Choices of a gap analysis.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GapOptions {
    /// Actor attribute defining the groups: `sector`, `kind`, `family` or a column.
    pub partition: String,
    /// How many links to suggest.
    pub suggestions: usize,
}

impl GapOptions {
    /// The territory's defaults: its manifest's partition, [`DEFAULT_SUGGESTIONS`]
    /// links.
    pub fn for_territory(territory: &Territory) -> Self {
        Self {
            partition: territory.analysis.partition.clone(),
            suggestions: DEFAULT_SUGGESTIONS,
        }
    }
}

/// Every gap of a territory.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Gaps {
    /// Zones of the coverage layer without a required kind, by zone then kind.
    pub service: Vec<ServiceGap>,
    /// Every need with what answers it, in bundle order.
    pub needs: Vec<NeedGap>,
    /// Pairs of groups with no tie between them.
    pub groups: Vec<GroupGap>,
    /// Actors with no tie, in bundle order.
    pub isolated_actors: Vec<IsolatedActor>,
    /// Pairs of dispositifs with no direct relation, shared member or joint action.
    pub unarticulated_dispositifs: Vec<UnarticulatedPair>,
    /// The best links to make, best first.
    pub suggested_links: Vec<SuggestedLink>,
    /// Zones of the coverage layer with no chain of referrals to specialised care in
    /// reach, pathway by pathway (the territory's `analysis.pathways`).
    pub pathways: Vec<PathwayGap>,
    /// Sectors, families and reference groups with no actor, in the territory and in
    /// the zones of the coverage layer, set against what a place of that population
    /// usually holds (docs/analyses.md §5).
    pub absent: Vec<AbsentGroup>,
}

/// Every gap of docs/analyses.md §3.
///
/// # Arguments
/// * `territory`: the territory.
/// * `network`: its projection on the date of interest; actions and memberships are
///   taken on `network.date`.
/// * `coverage`: the coverage of the coverage layer ([`crate::spatial::zone_coverage`]).
/// * `options`: partition and number of suggestions.
///
/// # Complexity
/// Near-linear in actors, edges and zones for a bounded density of actors per
/// catchment; the dispositif articulation lists every pair of dispositifs only up to
/// [`ALL_PAIRS_UP_TO`](crate::network::ALL_PAIRS_UP_TO) of them.
pub fn find_gaps(
    territory: &Territory,
    network: &Network,
    coverage: &Coverage,
    options: &GapOptions,
) -> Gaps {
    gaps_with(
        territory,
        network,
        coverage,
        options,
        unarticulated_dispositifs(territory, network),
    )
}

/// Every gap, as [`find_gaps`], reading what the diagnosis has already computed: the
/// dispositifs' articulation and the mixing of the groups from the network's analysis
/// (on the same network and partition), and the actors' placement in every layer.
pub(crate) fn gaps_of_diagnosis(
    territory: &Territory,
    network: &Network,
    coverage: &Coverage,
    options: &GapOptions,
    report: &NetworkReport,
    placements: &[ActorPlacement],
    pathways: &[Pathway],
) -> Gaps {
    debug_assert_eq!(report.partition, options.partition);
    let coverage_placement = &placements[territory.analysis.coverage_layer.0 as usize];
    Gaps {
        service: service_gaps(coverage),
        needs: need_gaps_placed(territory, network.date, |layer| {
            Cow::Borrowed(&placements[layer.0 as usize])
        }),
        groups: group_gaps_of(&report.groups),
        isolated_actors: isolated_actors(territory, network, &options.partition),
        unarticulated_dispositifs: unarticulated_from(&report.dispositifs),
        suggested_links: suggested_links(
            territory,
            network,
            &options.partition,
            options.suggestions,
        ),
        pathways: pathway_gaps(territory, pathways, coverage, coverage_placement),
        absent: absent_groups(territory, coverage_placement),
    }
}

fn gaps_with(
    territory: &Territory,
    network: &Network,
    coverage: &Coverage,
    options: &GapOptions,
    unarticulated_dispositifs: Vec<UnarticulatedPair>,
) -> Gaps {
    let placement = assign_actors(territory, territory.analysis.coverage_layer);
    Gaps {
        service: service_gaps(coverage),
        needs: need_gaps(territory, network.date),
        groups: group_gaps(territory, network, &options.partition),
        isolated_actors: isolated_actors(territory, network, &options.partition),
        unarticulated_dispositifs,
        suggested_links: suggested_links(
            territory,
            network,
            &options.partition,
            options.suggestions,
        ),
        pathways: pathway_gaps(
            territory,
            &pathways(territory, network.date, &territory.analysis.pathways),
            coverage,
            &placement,
        ),
        absent: absent_groups(territory, &placement),
    }
}
