//! The key figures of one territory, read from its diagnosis.

use crate::diagnosis::Diagnosis;
use crate::gaps::NeedStatus;
use crate::model::Territory;
use serde::{Deserialize, Serialize};

/// Actors of one sector placed in a zone of the coverage layer, and per 10,000
/// inhabitants of the layer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SectorFigure {
    /// Sector id (taxonomy).
    pub id: String,
    /// Sector label (taxonomy).
    pub label: String,
    /// Actors of the sector placed in a zone of the coverage layer: the sum of the
    /// zones' `count_by_sector`.
    pub actors: usize,
    /// `actors` per 10,000 inhabitants of the layer; `None` without population.
    pub per_10000: Option<f64>,
}

/// Access to one required kind in the priority zones and elsewhere: the diagnosis's
/// comparison of priority zones ([`crate::spatial::PriorityComparison`], indicator
/// `access[kind]`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AccessFigure {
    /// Kind id.
    pub kind: String,
    /// Kind label (taxonomy).
    pub label: String,
    /// Population-weighted mean access over the priority zones; `None` without one.
    pub priority: Option<f64>,
    /// The same over the other zones.
    pub other: Option<f64>,
}

/// The gaps of a territory counted by type, as the rows of its `gaps.csv`
/// (docs/outputs.md); needs counted when not covered.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GapCounts {
    /// Service gaps (`service`).
    pub service: usize,
    /// Needs not covered: uncovered, or without a joint action (`need`).
    pub needs: usize,
    /// Pairs of groups without a tie (`group`).
    pub groups: usize,
    /// Isolated actors (`isolated_actor`).
    pub isolated_actors: usize,
    /// Pairs of dispositifs not articulated (`unarticulated_dispositifs`).
    pub unarticulated_dispositifs: usize,
    /// Zones with no referral chain in reach (`pathway`).
    pub pathways: usize,
    /// Sectors, families and reference groups absent (`absent`).
    pub absent: usize,
}

impl GapCounts {
    /// Each count with its type, as the `type` column of `gaps.csv` writes it.
    pub fn by_type(&self) -> [(&'static str, usize); 7] {
        [
            ("service", self.service),
            ("need", self.needs),
            ("group", self.groups),
            ("isolated_actor", self.isolated_actors),
            ("unarticulated_dispositifs", self.unarticulated_dispositifs),
            ("pathway", self.pathways),
            ("absent", self.absent),
        ]
    }
}

/// A zone of the coverage layer, for what territories share: two bundles hold the
/// same zone when it has the same id and name in both (an IRIS or commune code and
/// its name, as `maillage import` writes them).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ZoneKey {
    /// Zone id.
    pub id: String,
    /// Zone name.
    pub name: String,
    /// Its population.
    pub population: f64,
}

/// An actor, for what territories share: two bundles hold the same actor when it
/// has the same id and name in both (a FINESS or RPPS number and its name, as
/// `maillage import` writes them; a bundle's own ids, such as `coord_cpts`, name
/// different actors in different bundles).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActorKey {
    /// Actor id.
    pub id: String,
    /// Actor name.
    pub name: String,
    /// Its sector.
    pub sector: String,
    /// Whether it is placed in a zone of the coverage layer.
    pub in_zone: bool,
}

/// The key figures of one territory, every one read from its [`Diagnosis`]
/// (docs/compare.md): what a comparison sets side by side. Plain data, serialisable,
/// so that it travels from a worker of a cluster to the machine that compares.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KeyFigures {
    /// The territory's name in the comparison: its bundle folder's name, unique in a
    /// comparison, and the folder its own outputs are written to.
    pub name: String,
    /// The territory's name (manifest).
    pub territory: String,
    /// The date the network was observed on (ISO), if the manifest gives one.
    pub date: Option<String>,
    /// The coverage layer.
    pub layer: String,
    /// Zones of the coverage layer.
    pub zones: usize,
    /// Population of the coverage layer.
    pub population: f64,
    /// Actors.
    pub actors: usize,
    /// Actors per sector placed in a zone, in taxonomy order, every sector of the
    /// taxonomy (0 when none).
    pub sectors: Vec<SectorFigure>,
    /// Network density (`summary.density`).
    pub density: f64,
    /// The partition of the E-I index.
    pub partition: String,
    /// Global E-I index (`network.ei_index`); `None` without ties.
    pub ei_index: Option<f64>,
    /// Fragmentation of the network as it is (`network.key_players.fragmentation_before`).
    pub fragmentation: f64,
    /// Pairs of dispositifs (`network.dispositifs`).
    pub dispositif_pairs: usize,
    /// Of them, articulated: a direct relation, a shared member or a joint action.
    pub articulated_pairs: usize,
    /// `articulated_pairs / dispositif_pairs`; `None` without a pair.
    pub articulation: Option<f64>,
    /// Access to each required kind in priority zones and elsewhere, in the manifest's
    /// order of required kinds.
    pub access: Vec<AccessFigure>,
    /// Gaps by type.
    pub gaps: GapCounts,
    /// The zones of the coverage layer, in file order.
    pub zone_keys: Vec<ZoneKey>,
    /// The actors, in bundle order.
    pub actor_keys: Vec<ActorKey>,
}

/// `n` per 10,000 of `population`; `None` without population.
pub(crate) fn per_10000(n: usize, population: f64) -> Option<f64> {
    (population > 0.0).then(|| n as f64 / population * 10_000.0)
}

impl KeyFigures {
    /// The key figures of a territory, read from its diagnosis; `name` is its name in
    /// the comparison.
    ///
    /// # Example
    /// ```
    /// # let territory = maillage::load_bundle("../../data/lyon7".as_ref()).unwrap().territory;
    /// use maillage::compare::KeyFigures;
    /// let d = maillage::Diagnosis::of(&territory);
    /// let k = KeyFigures::of("lyon7", &territory, &d);
    /// assert_eq!(k.density, d.summary.density);
    /// assert_eq!(k.zones, d.coverage.zones.len());
    /// let placed: usize = k.sectors.iter().map(|s| s.actors).sum();
    /// assert_eq!(placed, d.coverage.zones.iter().map(|z| z.actors as usize).sum::<usize>());
    /// ```
    pub fn of(name: &str, territory: &Territory, diagnosis: &Diagnosis) -> KeyFigures {
        let coverage = &diagnosis.coverage;
        let population = coverage.zones.iter().fold(0.0, |s, z| s + z.population);
        let sectors = territory
            .taxonomy
            .sectors
            .iter()
            .map(|(id, sector)| {
                let n: usize = coverage
                    .zones
                    .iter()
                    .map(|z| z.count_by_sector.get(id).copied().unwrap_or(0) as usize)
                    .sum();
                SectorFigure {
                    id: id.clone(),
                    label: sector.label.clone(),
                    actors: n,
                    per_10000: per_10000(n, population),
                }
            })
            .collect();
        let pairs = &diagnosis.network.dispositifs;
        let articulated = pairs.iter().filter(|p| p.articulated).count();
        let comparison = &coverage.comparison;
        let access = coverage
            .required
            .iter()
            .map(|kind| {
                let indicator = format!("access[{kind}]");
                let found = comparison
                    .indicators
                    .iter()
                    .find(|i| i.indicator == indicator);
                AccessFigure {
                    kind: kind.clone(),
                    label: territory
                        .taxonomy
                        .kind(kind)
                        .map_or_else(|| kind.clone(), |k| k.label.clone()),
                    priority: found.and_then(|i| i.priority),
                    other: found.and_then(|i| i.other),
                }
            })
            .collect();
        let g = &diagnosis.gaps;
        let gaps = GapCounts {
            service: g.service.len(),
            needs: g
                .needs
                .iter()
                .filter(|n| !matches!(n.status, NeedStatus::Covered))
                .count(),
            groups: g.groups.len(),
            isolated_actors: g.isolated_actors.len(),
            unarticulated_dispositifs: g.unarticulated_dispositifs.len(),
            pathways: g.pathways.len(),
            absent: g.absent.len(),
        };
        let placement = diagnosis
            .placements
            .get(territory.analysis.coverage_layer.0 as usize);
        KeyFigures {
            name: name.to_owned(),
            territory: diagnosis.summary.territory.clone(),
            date: diagnosis.summary.date.map(|d| d.to_string()),
            layer: coverage.layer.clone(),
            zones: coverage.zones.len(),
            population,
            actors: diagnosis.summary.actors,
            sectors,
            density: diagnosis.summary.density,
            partition: diagnosis.network.partition.clone(),
            ei_index: diagnosis.network.ei_index,
            fragmentation: diagnosis.network.key_players.fragmentation_before,
            dispositif_pairs: pairs.len(),
            articulated_pairs: articulated,
            articulation: (!pairs.is_empty()).then(|| articulated as f64 / pairs.len() as f64),
            access,
            gaps,
            zone_keys: coverage
                .zones
                .iter()
                .map(|z| ZoneKey {
                    id: z.id.clone(),
                    name: z.name.clone(),
                    population: z.population,
                })
                .collect(),
            actor_keys: territory
                .actors
                .iter()
                .enumerate()
                .map(|(i, a)| ActorKey {
                    id: a.id.clone(),
                    name: a.name.clone(),
                    sector: a.sector.clone(),
                    in_zone: placement.is_some_and(|p| p.get(i).is_some_and(Option::is_some)),
                })
                .collect(),
        }
    }

    /// The figure of [`crate::compare`]'s list `code` (docs/compare.md, "Figures"):
    /// `acteurs_pour_10000[SECTOR]`, `densite`, `indice_ei`, `fragmentation`,
    /// `articulation_dispositifs`, `acces_prioritaire[KIND]`, `acces_ailleurs[KIND]`,
    /// `lacunes[TYPE]`; `None` when the territory has no value for it.
    pub fn figure(&self, code: &str) -> Option<f64> {
        let inner = |prefix: &str| {
            code.strip_prefix(prefix)
                .and_then(|rest| rest.strip_suffix(']'))
        };
        if let Some(sector) = inner("acteurs_pour_10000[") {
            return self
                .sectors
                .iter()
                .find(|s| s.id == sector)
                .and_then(|s| s.per_10000);
        }
        if let Some(kind) = inner("acces_prioritaire[") {
            return self.access.iter().find(|a| a.kind == kind)?.priority;
        }
        if let Some(kind) = inner("acces_ailleurs[") {
            return self.access.iter().find(|a| a.kind == kind)?.other;
        }
        if let Some(kind) = inner("lacunes[") {
            return self
                .gaps
                .by_type()
                .iter()
                .find(|(t, _)| *t == kind)
                .map(|&(_, n)| n as f64);
        }
        match code {
            "densite" => Some(self.density),
            "indice_ei" => self.ei_index,
            "fragmentation" => Some(self.fragmentation),
            "articulation_dispositifs" => self.articulation,
            _ => None,
        }
    }
}

impl ZoneKey {
    /// What makes it the same zone in two bundles: its id and name.
    pub fn key(&self) -> (&str, &str) {
        (&self.id, &self.name)
    }
}

impl ActorKey {
    /// What makes it the same actor in two bundles: its id and name.
    pub fn key(&self) -> (&str, &str) {
        (&self.id, &self.name)
    }
}
