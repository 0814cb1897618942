//! Geographic layers and their zones (IRIS, quartiers, QPV, communes).

use super::LonLat;
use geo::MultiPolygon;
use serde::Serialize;
use std::collections::BTreeMap;

/// Dense index of a layer in [`Territory::layers`](super::Territory::layers).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct LayerIx(pub u32);

/// Dense index of a zone inside its layer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct ZoneIx(pub u32);

/// A zone of a given layer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct ZoneRef {
    /// The layer.
    pub layer: LayerIx,
    /// The zone in that layer.
    pub zone: ZoneIx,
}

/// One zone, a feature of a layer file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Zone {
    /// Id from the layer's `id` property, unique in the layer.
    pub id: String,
    /// Display name from the layer's `name` property, else the id.
    pub name: String,
    /// Population from the layer's `population` property, when present.
    pub population: Option<f64>,
    /// Outline in WGS84 degrees.
    #[serde(skip)]
    pub geometry: MultiPolygon<f64>,
    /// The anchor point: the centroid when it lies inside the outline, else a point
    /// on its surface (docs/analyses.md §2).
    pub anchor: LonLat,
    /// Every property of the feature, as in the file.
    pub properties: serde_json::Map<String, serde_json::Value>,
    /// Index of the feature in the layer file.
    pub feature: usize,
    /// The values of the layer's declared indicators ([`Layer::indicators`]), by
    /// property: `None` where the feature has no value.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub indicators: BTreeMap<String, Option<f64>>,
    /// The zone's age-weighted demand, when its layer declares one ([`Layer::demand`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub demand: Option<super::ZoneDemand>,
}

/// Whether a higher value of an indicator is better or worse for the zone's people.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Better {
    /// A higher value is better (e.g. a share of patients with a médecin traitant).
    Higher,
    /// A lower value is better (e.g. a poverty rate).
    Lower,
}

impl Better {
    /// The word written in the manifest: `higher` or `lower`.
    pub fn as_str(self) -> &'static str {
        match self {
            Better::Higher => "higher",
            Better::Lower => "lower",
        }
    }
}

/// A numeric zone property declared in the manifest as an indicator
/// (`[layers.NAME.indicators.PROPERTY]`, docs/bundle.md).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Indicator {
    /// The property of the layer's features holding the value.
    pub property: String,
    /// The French text shown to coordinators.
    pub label: String,
    /// The unit (`%`, `pour 1 000`...), when given.
    pub unit: Option<String>,
    /// Whether a higher value is better.
    pub better: Better,
}

impl Indicator {
    /// The label with its unit, as a column header: `Taux de pauvreté (%)`.
    ///
    /// # Example
    /// ```
    /// use maillage::model::{Better, Indicator};
    /// let i = Indicator {
    ///     property: "pauvrete".into(),
    ///     label: "Taux de pauvreté".into(),
    ///     unit: Some("%".into()),
    ///     better: Better::Lower,
    /// };
    /// assert_eq!(i.header(), "Taux de pauvreté (%)");
    /// ```
    pub fn header(&self) -> String {
        match &self.unit {
            Some(u) => format!("{} ({u})", self.label),
            None => self.label.clone(),
        }
    }
}

/// Whether a name is one the zone outputs (`zones.csv`, `zones.geojson`) already give a
/// property of their own (`population`, `actors`, `count_<kind>`, `access_<kind>`, the
/// map's style keys...): an indicator cannot be named so (docs/bundle.md).
///
/// # Example
/// ```
/// assert!(maillage::model::reserved_zone_property("access_medecin_generaliste"));
/// assert!(!maillage::model::reserved_zone_property("taux_pauvrete"));
/// ```
pub fn reserved_zone_property(name: &str) -> bool {
    const NAMES: [&str; 17] = [
        "id",
        "name",
        "population",
        "demand",
        "priority",
        "actors",
        "overlap",
        "dispositifs",
        "actions",
        "gaps",
        "suppressed",
        "fill",
        "fill-opacity",
        "stroke",
        "stroke-width",
        "title",
        "description",
    ];
    const PREFIXES: [&str; 4] = ["count_", "density_", "access_", "nearest_m_"];
    NAMES.contains(&name) || PREFIXES.iter().any(|p| name.starts_with(p))
}

/// The mean weight of a layer's age-weighted demand: Σ demand / Σ population over the
/// zones whose demand comes from all their bands (not estimated) and that have a
/// population; 1 when there is none. A zone missing a band gets its population × this
/// (docs/bundle.md, "Demand by age").
///
/// # Example
/// ```
/// # let territory = maillage::bundle::load_bundle("../../data/lyon7".as_ref()).unwrap().territory;
/// // a layer without demand by age weighs 1
/// assert_eq!(maillage::model::mean_demand_weight(&territory.coverage_layer().zones), 1.0);
/// ```
pub fn mean_demand_weight(zones: &[Zone]) -> f64 {
    let (demand, population) = zones
        .iter()
        .filter_map(|z| {
            let d = z.demand.filter(|d| !d.estimated)?;
            Some((d.weighted, z.population.filter(|&p| p > 0.0)?))
        })
        .fold((0.0, 0.0), |(sd, sp), (d, p)| (sd + d, sp + p));
    if population > 0.0 {
        demand / population
    } else {
        1.0
    }
}

/// A geographic layer: one GeoJSON file of the bundle.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Layer {
    /// The layer's name, its key in `territory.toml`.
    pub name: String,
    /// File path relative to the bundle.
    pub file: String,
    /// Whether the layer marks priority zones (QPV-like).
    pub priority: bool,
    /// The zones, in file order.
    pub zones: Vec<Zone>,
    /// The indicators declared on the layer, in manifest order; each zone holds their
    /// values in [`Zone::indicators`].
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub indicators: Vec<Indicator>,
    /// The demand by age declared on the layer (`[layers.NAME.demand]`); each zone
    /// holds its weighted demand in [`Zone::demand`].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub demand: Option<super::Demand>,
}

impl Layer {
    /// The zone with this id.
    pub fn zone_by_id(&self, id: &str) -> Option<ZoneIx> {
        self.zones
            .iter()
            .position(|z| z.id == id)
            .map(|i| ZoneIx(i as u32))
    }

    /// Total population of the layer's zones (absent populations count as 0).
    pub fn population(&self) -> f64 {
        self.zones.iter().filter_map(|z| z.population).sum()
    }
}
