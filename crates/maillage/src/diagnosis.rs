//! One value holding every result of a diagnosis, so that the command line, Python and
//! the report read the same thing.

use crate::gaps::{find_gaps_with, GapOptions, Gaps};
use crate::model::{Date, Territory, ZoneIx, ZoneRef};
use crate::network::report::{analyse, NetworkOptions, NetworkReport};
use crate::network::Network;
use crate::spatial::{zone_coverage, Coverage};
use indexmap::IndexMap;
use serde::Serialize;
use std::collections::BTreeMap;

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
}

/// Every result of a diagnosis.
#[derive(Debug, Clone, Serialize)]
pub struct Diagnosis {
    /// Headline figures.
    pub summary: Summary,
    /// Coverage of each zone of the coverage layer, in file order, and priority zones
    /// against the others (spec/ANALYSES.md §2).
    pub coverage: Coverage,
    /// Every network figure (spec/ANALYSES.md §1).
    pub network: NetworkReport,
    /// Service, need, group and articulation gaps, and suggested links (§3).
    pub gaps: Gaps,
}

impl Diagnosis {
    /// Diagnoses a territory on its manifest date (every relation when it has none).
    ///
    /// # Example
    /// ```
    /// # let territory = maillage::io::load_bundle("../../data/lyon7".as_ref()).unwrap().territory;
    /// let d = maillage::Diagnosis::of(&territory);
    /// assert_eq!(d.summary.actors, territory.actors.len());
    /// assert!(d.coverage.zones.iter().any(|z| z.priority));
    /// ```
    pub fn of(territory: &Territory) -> Self {
        Self::with_options(territory, &NetworkOptions::for_territory(territory))
    }

    /// Diagnoses a territory with chosen network options (partition, betweenness
    /// sampling, seed, number of key players); the gaps use the same partition.
    pub fn with_options(territory: &Territory, options: &NetworkOptions) -> Self {
        let date = territory.date;
        // The zones' coverage does not depend on the network: it is computed beside it.
        let ((network, report), coverage) = rayon::join(
            || {
                let network = Network::project(territory, date);
                let report = analyse(territory, &network, options);
                (network, report)
            },
            || zone_coverage(territory, territory.analysis.coverage_layer),
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
        };
        let gap_options = GapOptions {
            partition: options.partition.clone(),
            ..GapOptions::for_territory(territory)
        };
        // the report holds the dispositifs' articulation: the gaps read it there
        let gaps = find_gaps_with(
            territory,
            &network,
            &coverage,
            &gap_options,
            &report.dispositifs,
        );
        Self {
            summary,
            coverage,
            network: report,
            gaps,
        }
    }

    /// The zone of the coverage layer that row `i` of [`Coverage::zones`] describes.
    pub fn zone_ref(&self, territory: &Territory, i: usize) -> ZoneRef {
        ZoneRef {
            layer: territory.analysis.coverage_layer,
            zone: ZoneIx(i as u32),
        }
    }
}
