//! The territory model: actors, relations, actions, needs, layers of zones and the
//! taxonomy, with user ids mapped once to dense indices.

mod action;
mod actor;
mod anchor;
mod costs;
mod date;
mod demand;
mod formula;
pub(crate) mod id_index;
mod name;
mod need_rule;
mod pathway;
mod provenance;
mod relation;
mod taxonomy;
mod theme;
mod zone;
mod zone_index;

pub use action::{Action, Need};
pub use actor::{default_capacity, Actor, ActorIx, LonLat};
pub use anchor::{anchor_point, haversine_m, EARTH_RADIUS_M};
pub use costs::{
    CostDecay, CostSettings, CostUnit, Destination, TravelCosts, APL_STEPS, DEFAULT_CATCHMENT_MIN,
};
pub use date::{Date, DateParseError, Validity};
pub use demand::{
    AgeBand, AgeRange, BadAgeRange, BandValues, Demand, DemandError, DemandPart, DemandPreset,
    DemandWeights, PartTerm, ZoneDemand, DREES_APL_MG_WEIGHTS,
};
pub use formula::{looks_like_formula, neutralise_formula, FORMULA_TRIGGERS};
pub use name::UnknownName;
pub(crate) use need_rule::raise_needs_in;
pub use need_rule::{raise_needs, NeedRule, Threshold};
pub use pathway::{default_pathways, PathwayDefinition};
pub use provenance::{
    survey_ties, Reciprocity, SurveyTie, PROVENANCE_COLUMN, RESPONDENT_COLUMN, SURVEY_DATE_COLUMN,
    SURVEY_PROVENANCE,
};
pub use relation::{Relation, RelationKind};
pub use taxonomy::{Family, Kind, RelationKindLabel, Sector, Taxonomy, BUILTIN_TAXONOMY};
pub use theme::{normalize_theme, split_themes, Theme};
pub use zone::{
    mean_demand_weight, reserved_zone_property, Better, Indicator, Layer, LayerIx, Zone, ZoneIx,
    ZoneRef,
};
pub(crate) use zone_index::Reach;
pub use zone_index::{AnchorIndex, ZoneIndex};

use petgraph::graph::DiGraph;
use serde::Serialize;

/// Default catchment distance for accessibility, in metres (docs/bundle.md).
pub const DEFAULT_CATCHMENT_M: f64 = 2000.0;

/// Default threshold of an over-solicited actor (docs/analyses.md §5): five bodies and
/// joint actions on the date (the manifest's `[analysis] solicitation_threshold`
/// changes it).
pub const DEFAULT_SOLICITATION_THRESHOLD: u32 = 5;

/// How access per zone is computed (`[analysis] access` in the manifest).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum AccessMethod {
    /// `"2sfca"` (default): two-step floating catchment area, every pair within the
    /// catchment weighted 1.
    #[default]
    #[serde(rename = "2sfca")]
    TwoStep,
    /// `"e2sfca"`: enhanced 2SFCA with step weights 1, 0.68, 0.22 over the thirds of the
    /// catchment (the band shape of PySAL access's example).
    #[serde(rename = "e2sfca")]
    EnhancedSteps,
    /// `"e2sfca-gaussian"`: enhanced 2SFCA with Gaussian decay of width half the
    /// catchment.
    #[serde(rename = "e2sfca-gaussian")]
    EnhancedGaussian,
}

impl AccessMethod {
    /// Every method with its manifest name.
    pub const NAMES: [(&'static str, AccessMethod); 3] = [
        ("2sfca", AccessMethod::TwoStep),
        ("e2sfca", AccessMethod::EnhancedSteps),
        ("e2sfca-gaussian", AccessMethod::EnhancedGaussian),
    ];
}

/// How the `capacity` of a kind's actors is read for access
/// (`[analysis.capacity_unit]` in the manifest, docs/bundle.md).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CapacityUnit {
    /// `"as-given"` (default): the capacity as written (full-time equivalents...).
    #[default]
    AsGiven,
    /// `"consultations"`: yearly consultations, visits and teleconsultations, counted
    /// within the DREES APL activity bounds (`spatial::apl_activity`).
    Consultations,
}

impl CapacityUnit {
    /// Every unit with its manifest name.
    pub const NAMES: [(&'static str, CapacityUnit); 2] = [
        ("as-given", CapacityUnit::AsGiven),
        ("consultations", CapacityUnit::Consultations),
    ];
}

/// The `[analysis]` settings of the manifest, with their defaults applied.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AnalysisSettings {
    /// The layer coverage and gaps are computed on (default: the first layer).
    pub coverage_layer: LayerIx,
    /// Catchment distance for accessibility.
    ///
    /// # Units
    /// Metres.
    pub catchment_m: f64,
    /// Kinds every zone should reach (gap analysis).
    pub required: Vec<String>,
    /// Actor attribute that defines groups: `sector` (default), `kind`, `family` or
    /// the name of an extra column of `actors.csv`.
    pub partition: String,
    /// How access per zone is computed.
    pub access: AccessMethod,
    /// Solicitation from which an actor is over-solicited (docs/analyses.md §5): that
    /// many bodies and joint actions at once. At least 1.
    pub solicitation_threshold: u32,
    /// The user's own expectations of what the territory holds (`[expected.ID]`),
    /// beside the built-in reference densities (docs/analyses.md §5, "Missing sectors
    /// and families"), in manifest order.
    pub expected: Vec<Expectation>,
    /// The referral pathways followed (docs/analyses.md §5): [`default_pathways`],
    /// each replaced by the manifest's `[pathways.NAME]` of the same name, then the
    /// manifest's others in its order.
    pub pathways: Vec<PathwayDefinition>,
    /// How the capacity of each kind named in `[analysis.capacity_unit]` is read for
    /// access; the other kinds' as given.
    #[serde(skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub capacity_units: std::collections::BTreeMap<String, CapacityUnit>,
    /// The rules raising needs from zone indicators (`[[needs_from_indicators]]`), in
    /// manifest order; the needs they raise are in [`Territory::needs`], marked.
    pub need_rules: Vec<NeedRule>,
    /// `[analysis.costs]`: the settings of a cost table, as the manifest writes them
    /// (empty when it says nothing).
    #[serde(skip_serializing_if = "CostSettings::is_empty")]
    pub cost_settings: CostSettings,
    /// The cost table read (the manifest's `[analysis.costs] file`, or `maillage
    /// diagnose --costs`): access uses its costs instead of straight-line distances.
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "serialize_costs"
    )]
    pub costs: Option<std::sync::Arc<TravelCosts>>,
}

fn serialize_costs<S: serde::Serializer>(
    costs: &Option<std::sync::Arc<TravelCosts>>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    costs.as_deref().serialize(serializer)
}

/// What a territory is expected to hold of a kind, a sector or a family
/// (`[expected.ID]` in the manifest): a density, or a number for the whole territory.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Expectation {
    /// The kind, sector or family id.
    pub id: String,
    /// Actors expected per 10,000 inhabitants, in the territory and in each zone.
    pub per_10000: Option<f64>,
    /// Actors expected in the territory as a whole, whatever its population.
    pub at_least: Option<u32>,
}

/// A whole territory, as loaded from a bundle: every part checked and cross-referenced.
///
/// Built by [`crate::bundle::load_bundle`]; never half-built.
#[derive(Debug, Clone, Serialize)]
pub struct Territory {
    /// Name shown in reports.
    pub name: String,
    /// The date the network is observed at, when the manifest gives one.
    pub date: Option<Date>,
    /// Kinds, sectors and families, built-in plus the bundle's own.
    pub taxonomy: Taxonomy,
    /// Actors, in file order; [`ActorIx`] indexes this.
    pub actors: Vec<Actor>,
    /// Relations, in file order.
    pub relations: Vec<Relation>,
    /// Joint actions, in file order.
    pub actions: Vec<Action>,
    /// Needs, in file order.
    pub needs: Vec<Need>,
    /// Layers, in manifest order; [`LayerIx`] indexes this.
    pub layers: Vec<Layer>,
    /// Analysis settings.
    pub analysis: AnalysisSettings,
    #[serde(skip)]
    graph: DiGraph<ActorIx, usize>,
    #[serde(skip)]
    actor_index: id_index::IdIndex<ActorIx>,
}

impl Territory {
    /// Assembles a territory from parts already checked by the loader.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn from_checked_parts(
        name: String,
        date: Option<Date>,
        taxonomy: Taxonomy,
        actors: Vec<Actor>,
        relations: Vec<Relation>,
        actions: Vec<Action>,
        needs: Vec<Need>,
        layers: Vec<Layer>,
        analysis: AnalysisSettings,
    ) -> Self {
        let mut graph = DiGraph::with_capacity(actors.len(), relations.len());
        for i in 0..actors.len() {
            graph.add_node(ActorIx(i as u32));
        }
        for (r, rel) in relations.iter().enumerate() {
            graph.add_edge(
                petgraph::graph::NodeIndex::new(rel.source.index()),
                petgraph::graph::NodeIndex::new(rel.target.index()),
                r,
            );
        }
        let mut actor_index = id_index::IdIndex::with_capacity(actors.len());
        for (i, a) in actors.iter().enumerate() {
            actor_index.insert_first(&a.id, ActorIx(i as u32));
        }
        Self {
            name,
            date,
            taxonomy,
            actors,
            relations,
            actions,
            needs,
            layers,
            analysis,
            graph,
            actor_index,
        }
    }

    /// The territory as it stood on `date`: the relations and actions valid on that
    /// date, and `date` as its observation date (docs/analyses.md §4). Actors and zones
    /// are unchanged.
    ///
    /// # Example
    /// ```
    /// # let territory = maillage::bundle::load_bundle("../../data/lyon7".as_ref()).unwrap().territory;
    /// let before = territory.at("2021-01-01".parse().unwrap());
    /// assert!(before.relations.len() < territory.relations.len());
    /// assert_eq!(before.actors.len(), territory.actors.len());
    /// ```
    pub fn at(&self, date: Date) -> Territory {
        self.with_relations(
            Some(date),
            self.relations
                .iter()
                .filter(|r| r.validity.contains(date))
                .cloned()
                .collect(),
            self.actions
                .iter()
                .filter(|a| a.validity.contains(date))
                .cloned()
                .collect(),
        )
    }

    /// The same territory observed on `date` with these relations and actions (a part
    /// of its own, each still referring to its actors).
    pub(crate) fn with_relations(
        &self,
        date: Option<Date>,
        relations: Vec<Relation>,
        actions: Vec<Action>,
    ) -> Territory {
        Territory::from_checked_parts(
            self.name.clone(),
            date,
            self.taxonomy.clone(),
            self.actors.clone(),
            relations,
            actions,
            self.needs.clone(),
            self.layers.clone(),
            self.analysis.clone(),
        )
    }

    /// The directed relation graph: node `i` is actor `ActorIx(i)`, each edge's weight
    /// is the index of its relation in [`Territory::relations`].
    pub fn graph(&self) -> &DiGraph<ActorIx, usize> {
        &self.graph
    }

    /// The actor at an index.
    pub fn actor(&self, ix: ActorIx) -> &Actor {
        &self.actors[ix.index()]
    }

    /// The actor with this user id.
    pub fn actor_by_id(&self, id: &str) -> Option<ActorIx> {
        self.actor_index.get(id)
    }

    /// The actor with this user id, itself rather than its index.
    ///
    /// # Example
    /// ```
    /// # let territory = maillage::bundle::load_bundle("../../data/lyon7".as_ref()).unwrap().territory;
    /// assert_eq!(territory.actor_with_id("cpts_lyon7").unwrap().kind, "cpts");
    /// assert!(territory.actor_with_id("nobody").is_none());
    /// ```
    pub fn actor_with_id(&self, id: &str) -> Option<&Actor> {
        self.actor_by_id(id).map(|a| self.actor(a))
    }

    /// The layer with this name.
    pub fn layer_by_name(&self, name: &str) -> Option<LayerIx> {
        self.layers
            .iter()
            .position(|l| l.name == name)
            .map(|i| LayerIx(i as u32))
    }

    /// A layer.
    pub fn layer(&self, ix: LayerIx) -> &Layer {
        &self.layers[ix.0 as usize]
    }

    /// A zone.
    pub fn zone(&self, r: ZoneRef) -> &Zone {
        &self.layer(r.layer).zones[r.zone.0 as usize]
    }

    /// A zone reference written as in the bundle, `layer:id`.
    pub fn zone_label(&self, r: ZoneRef) -> String {
        format!("{}:{}", self.layer(r.layer).name, self.zone(r).id)
    }

    /// The layer coverage and gaps are computed on.
    pub fn coverage_layer(&self) -> &Layer {
        self.layer(self.analysis.coverage_layer)
    }

    /// Whether `partition` names an actor attribute groups can be made from: `sector`,
    /// `kind`, `family`, or a column of `actors.csv`.
    pub fn has_partition(&self, partition: &str) -> bool {
        matches!(partition, "sector" | "kind" | "family")
            || self.actors.iter().any(|a| a.attribute(partition).is_some())
    }

    /// The French label of a group under a partition: the taxonomy's label for
    /// `sector`, `kind` and `family`, the value itself for a column, "non renseigné"
    /// for the empty group.
    ///
    /// # Example
    /// ```
    /// # let territory = maillage::bundle::load_bundle("../../data/lyon7".as_ref()).unwrap().territory;
    /// assert_eq!(territory.group_label("sector", "social"), "Social");
    /// assert_eq!(territory.group_label("provenance", "illustratif"), "illustratif");
    /// ```
    pub fn group_label<'a>(&'a self, partition: &str, group: &'a str) -> &'a str {
        let t = &self.taxonomy;
        let label = match partition {
            "sector" => t.sector(group).map(|s| s.label.as_str()),
            "kind" => t.kind(group).map(|k| k.label.as_str()),
            "family" => t.family(group).map(|f| f.label.as_str()),
            _ => None,
        };
        match label {
            Some(l) => l,
            None if group.is_empty() => "non renseigné",
            None => group,
        }
    }

    /// The group of an actor under a partition: `sector`, `kind`, `family`, or an extra
    /// column (an empty or absent cell gives the empty group `""`).
    ///
    /// # Example
    /// ```
    /// # let territory = maillage::bundle::load_bundle("../../data/lyon7".as_ref()).unwrap().territory;
    /// let cpts = territory.actor_by_id("cpts_lyon7").unwrap();
    /// assert_eq!(territory.group_of(cpts, "sector"), "coordination");
    /// assert_eq!(territory.group_of(cpts, "family"), "dispositif");
    /// ```
    pub fn group_of(&self, actor: ActorIx, partition: &str) -> &str {
        let a = self.actor(actor);
        match partition {
            "sector" => &a.sector,
            "kind" => &a.kind,
            "family" => &a.family,
            column => a.attribute(column).unwrap_or(""),
        }
    }
}
