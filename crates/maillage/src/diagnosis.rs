//! One value holding every result of a diagnosis, so that the command line, Python and
//! the report read the same thing.

use crate::gaps::{gaps_of_diagnosis, membership_reach, GapOptions, Gaps, Membership};
use crate::model::{ActorIx, Date, LayerIx, Reciprocity, Territory, ZoneIx, ZoneRef};
use crate::network::analysis::{
    analyse, BetweennessMode, NetworkOptions, NetworkReport, DEFAULT_SEED,
};
use crate::network::calendar::calendar_with;
use crate::network::{
    affiliation_summary, affiliation_view, shared_themes, structure_overlap, AffiliationSummary,
    AffiliationView, DispositifThemes, StructureOverlap,
};
use crate::network::{
    dispositif_members, evolution, pathways, solicitation_load, Evolution, Pathway,
    SolicitationLoad,
};
use crate::network::{Calendar, Network, Ties};
use crate::spatial::{assign_actors, zone_coverage_placed, ActorPlacement, Coverage};
use indexmap::IndexMap;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// The headline figures of a territory.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    /// Territory name.
    pub territory: String,
    /// The date relations were observed at.
    pub date: Option<Date>,
    /// Number of actors.
    pub actors: usize,
    /// Actors with a location.
    pub located_actors: usize,
    /// Actors per sector id, in taxonomy order (sectors with no actor omitted).
    pub actors_by_sector: IndexMap<String, usize>,
    /// Relations valid on the date.
    pub relations: usize,
    /// Relations in the bundle, whatever their dates.
    pub relations_total: usize,
    /// Valid relations per kind, in the order of the bundle format (kinds with no
    /// relation omitted).
    pub relations_by_kind: IndexMap<String, usize>,
    /// Edges of the network (pairs of actors in relation).
    pub edges: usize,
    /// Network density 2m / (n(n−1)).
    pub density: f64,
    /// Number of connected components (isolated actors included).
    pub components: usize,
    /// Size of the largest component.
    pub largest_component: usize,
    /// Largest component's share of the actors.
    pub largest_component_share: f64,
    /// Actors with no relation on the date.
    pub isolated_actors: usize,
    /// Among the ties a survey brought, those both sides named (docs/analyses.md,
    /// "Confirmed ties and reciprocity"); `None` without relations of survey
    /// provenance.
    pub reciprocity: Option<Reciprocity>,
}

/// The user's choices for a diagnosis, the same from the command line, Python and Rust;
/// [`DiagnosisOptions::network_options`] checks them against the territory, the one
/// place where they are checked.
///
/// # Example
/// ```
/// # let territory = maillage::load_bundle("../../data/lyon7".as_ref()).unwrap().territory;
/// use maillage::diagnosis::{DiagnosisOptions, OptionsError};
/// let options = DiagnosisOptions { partition: Some("kind".into()), ..Default::default() };
/// let d = maillage::Diagnosis::run(&territory, &options)?;
/// assert_eq!(d.network.partition, "kind");
/// let bad = DiagnosisOptions { betweenness_pivots: Some(1), ..Default::default() };
/// assert_eq!(bad.network_options(&territory), Err(OptionsError::TooFewPivots(1)));
/// # Ok::<(), maillage::diagnosis::OptionsError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiagnosisOptions {
    /// Actor attribute defining the groups: `sector`, `kind`, `family` or a column of
    /// actors.csv; `None`: the manifest's partition.
    pub partition: Option<String>,
    /// Estimate betweenness from this many seeded pivots (at least 2); `None`: exact
    /// up to the documented size, sampled above it.
    pub betweenness_pivots: Option<usize>,
    /// Seed of every random choice (pivots, communities, key players).
    pub seed: u64,
    /// How many key players to look for ("which departures would hurt most").
    pub key_players: usize,
    /// How many links to suggest, best first.
    pub suggestions: usize,
    /// Diagnose the confirmed ties only: the relations entered by hand, and those of a
    /// survey that both sides named ([`Territory::confirmed_only`]). The outputs are
    /// then written from that territory too.
    pub confirmed_only: bool,
    /// An earlier date to set the figures that follow change against (the
    /// dispositifs' reach then and on the analysis date); before the manifest's date.
    pub since: Option<Date>,
}

impl Default for DiagnosisOptions {
    fn default() -> Self {
        Self {
            partition: None,
            betweenness_pivots: None,
            seed: DEFAULT_SEED,
            key_players: 2,
            suggestions: crate::gaps::DEFAULT_SUGGESTIONS,
            confirmed_only: false,
            since: None,
        }
    }
}

/// A choice of [`DiagnosisOptions`] that the territory cannot take.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OptionsError {
    /// The partition names no attribute of the actors.
    #[error("{}", crate::msg!(UnknownPartition, value = .0))]
    UnknownPartition(String),
    /// Sampled betweenness needs two pivots at least.
    #[error("{}", crate::msg!(TooFewPivots, count = *.0))]
    TooFewPivots(usize),
    /// The `since` date is not before the analysis date.
    #[error("{}", crate::msg!(SinceNotBefore, since = .since.to_string(), date = .date.to_string()))]
    SinceNotBefore {
        /// The earlier date asked for.
        since: Date,
        /// The analysis date (the manifest's).
        date: Date,
    },
}

/// Checks that `partition` names an attribute of the territory's actors.
///
/// # Errors
/// [`OptionsError::UnknownPartition`] otherwise.
pub fn check_partition(territory: &Territory, partition: &str) -> Result<(), OptionsError> {
    if territory.has_partition(partition) {
        Ok(())
    } else {
        Err(OptionsError::UnknownPartition(partition.to_owned()))
    }
}

impl DiagnosisOptions {
    /// The territory a diagnosis with these choices reads, and its outputs must be
    /// written from: the territory, or its confirmed relations only.
    ///
    /// # Example
    /// ```
    /// # let territory = maillage::load_bundle("../../data/lyon7".as_ref()).unwrap().territory;
    /// use maillage::diagnosis::DiagnosisOptions;
    /// let options = DiagnosisOptions { confirmed_only: true, ..Default::default() };
    /// // no survey in the example: every relation was entered by hand, and is kept
    /// assert_eq!(options.observed(&territory).relations.len(), territory.relations.len());
    /// ```
    pub fn observed<'t>(&self, territory: &'t Territory) -> std::borrow::Cow<'t, Territory> {
        if self.confirmed_only {
            territory.confirmed_only()
        } else {
            std::borrow::Cow::Borrowed(territory)
        }
    }

    /// The network options these choices give on `territory`, checked.
    ///
    /// # Errors
    /// An unknown partition, or fewer than 2 betweenness pivots.
    pub fn network_options(&self, territory: &Territory) -> Result<NetworkOptions, OptionsError> {
        let mut options = NetworkOptions::for_territory(territory);
        if let Some(p) = &self.partition {
            check_partition(territory, p)?;
            options.partition = p.clone();
        }
        if let Some(k) = self.betweenness_pivots {
            if k < 2 {
                return Err(OptionsError::TooFewPivots(k));
            }
            options.betweenness = BetweennessMode::Sampled { k };
        }
        options.seed = self.seed;
        options.key_players = self.key_players;
        Ok(options)
    }
}

/// Every result of a diagnosis.
#[derive(Debug, Clone, Serialize)]
pub struct Diagnosis {
    /// Headline figures.
    pub summary: Summary,
    /// Coverage of each zone of the coverage layer, in file order, and priority zones
    /// against the others (docs/analyses.md §2).
    pub coverage: Coverage,
    /// Every network figure (docs/analyses.md §1).
    pub network: NetworkReport,
    /// Service, need, group and articulation gaps, and suggested links (§3).
    pub gaps: Gaps,
    /// What each actor is asked into, and the most solicited, from the manifest's
    /// threshold (§5).
    pub solicitation: SolicitationLoad,
    /// The referral pathways followed on the date (docs/analyses.md §5), in the order
    /// of the territory's (`analysis.pathways`).
    #[serde(skip)]
    pub pathways: Vec<Pathway>,
    /// The zone each actor is located in, one placement per layer in manifest order
    /// (indexed by [`LayerIx`]), with the border rule of docs/analyses.md §2.
    #[serde(skip)]
    pub placements: Vec<ActorPlacement>,
    /// The members of each dispositif on the date (through `member` and `instance`
    /// relations), dispositifs and members in bundle order.
    #[serde(skip)]
    pub memberships: BTreeMap<ActorIx, BTreeSet<ActorIx>>,
    /// Each dispositif's reach: its members among the actors of the territory it
    /// serves, directly or through a member structure (docs/analyses.md §5), in
    /// bundle order.
    #[serde(skip)]
    pub dispositif_reach: Vec<Membership>,
    /// The `since` date the reach was also measured on, when one was given.
    #[serde(skip)]
    pub since: Option<Date>,
    /// What changed in the network since that date (docs/analyses.md §4, "Before and
    /// after"), when one was given and the manifest has a date.
    #[serde(skip)]
    pub evolution: Option<Evolution>,
    /// Every need with what answered it on the `since` date, in bundle order, beside
    /// [`Gaps::needs`] on the analysis date.
    #[serde(skip)]
    pub needs_since: Option<Vec<crate::gaps::NeedGap>>,
    /// The network's ties with the relation kinds between their ends, for the maps,
    /// the graph files and the report.
    #[serde(skip)]
    pub ties: Ties,
    /// The themes each pair of dispositifs of [`NetworkReport::dispositifs`] shares,
    /// in the same order (docs/analyses.md §5, "Shared themes").
    pub shared_themes: Vec<DispositifThemes>,
    /// How far each structure's members are a dispositif's (§5, "Structures and
    /// dispositifs: the same actors").
    pub overlap: Vec<StructureOverlap>,
    /// The figures of the two-mode view of the actors, the joint actions and the
    /// dispositifs (§5, "Two-mode view").
    pub affiliation: AffiliationSummary,
    /// The two-mode view itself, for its table and graph files.
    #[serde(skip)]
    pub affiliations: AffiliationView,
    /// Each dispositif's joint actions over time, the periods when several run at
    /// once and those when none does, and the relations started and ended each year
    /// (docs/analyses.md §4, "Calendar").
    #[serde(skip)]
    pub calendar: Calendar,
}

impl Diagnosis {
    /// Diagnoses a territory on its manifest date (every relation when it has none).
    ///
    /// # Example
    /// ```
    /// # let territory = maillage::bundle::load_bundle("../../data/lyon7".as_ref()).unwrap().territory;
    /// let d = maillage::Diagnosis::of(&territory);
    /// assert_eq!(d.summary.actors, territory.actors.len());
    /// assert!(d.coverage.zones.iter().any(|z| z.priority));
    /// ```
    pub fn of(territory: &Territory) -> Self {
        Self::with_options(territory, &NetworkOptions::for_territory(territory))
    }

    /// Diagnoses a territory with the user's choices, checked first.
    ///
    /// # Errors
    /// The choices the territory cannot take ([`DiagnosisOptions::network_options`]).
    pub fn run(territory: &Territory, options: &DiagnosisOptions) -> Result<Self, OptionsError> {
        let network_options = options.network_options(territory)?;
        if let (Some(since), Some(date)) = (options.since, territory.date) {
            if since >= date {
                return Err(OptionsError::SinceNotBefore { since, date });
            }
        }
        let observed = options.observed(territory);
        Ok(Self::diagnose(
            &observed,
            &network_options,
            options.suggestions,
            options.since,
        ))
    }

    /// Diagnoses a territory with chosen network options (partition, betweenness
    /// sampling, seed, number of key players); the gaps use the same partition.
    pub fn with_options(territory: &Territory, options: &NetworkOptions) -> Self {
        Self::diagnose(territory, options, crate::gaps::DEFAULT_SUGGESTIONS, None)
    }

    fn diagnose(
        territory: &Territory,
        options: &NetworkOptions,
        suggestions: usize,
        since: Option<Date>,
    ) -> Self {
        let date = territory.date;
        // What the zones hold, the solicitation load (read from the relations and the
        // actions) and what the outputs read besides the figures do not depend on the
        // network: they are made beside it. The actors are placed once per layer, and
        // the coverage and the gaps read those placements.
        let coverage_layer = territory.analysis.coverage_layer;
        let threshold = territory.analysis.solicitation_threshold;
        let ((network, report), ((placements, coverage), extras)) = rayon::join(
            || {
                let network = Network::project(territory, date);
                let report = analyse(territory, &network, options);
                (network, report)
            },
            || {
                rayon::join(
                    || {
                        let placements: Vec<ActorPlacement> = (0..territory.layers.len() as u32)
                            .into_par_iter()
                            .map(|l| assign_actors(territory, LayerIx(l)))
                            .collect();
                        let coverage = zone_coverage_placed(
                            territory,
                            coverage_layer,
                            &placements[coverage_layer.0 as usize],
                        );
                        (placements, coverage)
                    },
                    || {
                        (
                            dispositif_members(territory, date),
                            Ties::of(territory, date),
                            solicitation_load(territory, date, threshold),
                            pathways(territory, date, &territory.analysis.pathways),
                            structure_overlap(territory, date),
                            affiliation_view(territory, date),
                        )
                    },
                )
            },
        );
        let (memberships, ties, solicitation, pathways, overlap, affiliations) = extras;
        let dispositif_reach = membership_reach(territory, &placements, date, since);
        let calendar = calendar_with(territory, &memberships);
        let (evolution, needs_since) = match (since, date) {
            (Some(since), Some(date)) => (
                Some(evolution(territory, since, date, &options.partition)),
                Some(crate::gaps::need_gaps_placed(
                    territory,
                    Some(since),
                    |layer| std::borrow::Cow::Borrowed(&placements[layer.0 as usize]),
                )),
            ),
            _ => (None, None),
        };
        // The shared themes follow the pairs the articulation lists; the view's pairs
        // are checked against the network's ties.
        let (shared_themes, affiliation) = rayon::join(
            || {
                let pairs: Vec<(ActorIx, ActorIx)> = report
                    .dispositifs
                    .iter()
                    .filter_map(|p| {
                        Some((territory.actor_by_id(&p.a)?, territory.actor_by_id(&p.b)?))
                    })
                    .collect();
                shared_themes(territory, date, &pairs)
            },
            || affiliation_summary(territory, &network, &affiliations),
        );
        // The report already holds the components, largest first.
        let sizes = &report.component_sizes;
        let largest = sizes.first().copied().unwrap_or(0);
        let valid: Vec<_> = territory
            .relations
            .iter()
            .filter(|r| date.is_none_or(|d| r.validity.contains(d)))
            .collect();
        let mut by_sector: BTreeMap<&str, usize> = BTreeMap::new();
        for a in &territory.actors {
            *by_sector.entry(a.sector.as_str()).or_default() += 1;
        }
        let actors_by_sector = territory
            .taxonomy
            .sectors
            .keys()
            .filter_map(|s| by_sector.get(s.as_str()).map(|&n| (s.clone(), n)))
            .collect();
        let relations_by_kind = crate::model::RelationKind::ALL
            .iter()
            .map(|k| {
                (
                    k.as_str().to_owned(),
                    valid.iter().filter(|r| r.kind == *k).count(),
                )
            })
            .filter(|(_, n)| *n > 0)
            .collect();
        let n = territory.actors.len();
        let summary = Summary {
            territory: territory.name.clone(),
            date,
            actors: n,
            located_actors: territory
                .actors
                .iter()
                .filter(|a| a.location.is_some())
                .count(),
            actors_by_sector,
            relations: valid.len(),
            relations_total: territory.relations.len(),
            relations_by_kind,
            edges: report.edges,
            density: report.density,
            components: sizes.len(),
            largest_component: largest,
            largest_component_share: if n == 0 {
                0.0
            } else {
                largest as f64 / n as f64
            },
            isolated_actors: sizes.iter().filter(|&&s| s == 1).count(),
            reciprocity: Reciprocity::of(territory),
        };
        let gap_options = GapOptions {
            partition: options.partition.clone(),
            suggestions,
        };
        let gaps = gaps_of_diagnosis(
            territory,
            &network,
            &coverage,
            &gap_options,
            &report,
            &placements,
            &pathways,
        );
        Self {
            summary,
            coverage,
            network: report,
            gaps,
            solicitation,
            pathways,
            placements,
            memberships,
            dispositif_reach,
            since,
            evolution,
            needs_since,
            ties,
            shared_themes,
            overlap,
            affiliation,
            affiliations,
            calendar,
        }
    }

    /// The id of the zone of `layer` that an actor lies in (docs/analyses.md §2), from
    /// the placements the diagnosis made.
    pub fn zone_id<'t>(
        &self,
        territory: &'t Territory,
        actor: ActorIx,
        layer: LayerIx,
    ) -> Option<&'t str> {
        let zone = self.placements.get(layer.0 as usize)?[actor.index()]?;
        Some(territory.layer(layer).zones[zone.0 as usize].id.as_str())
    }

    /// The zone of the coverage layer that row `i` of [`Coverage::zones`] describes.
    pub fn zone_ref(&self, territory: &Territory, i: usize) -> ZoneRef {
        ZoneRef {
            layer: territory.analysis.coverage_layer,
            zone: ZoneIx(i as u32),
        }
    }
}
