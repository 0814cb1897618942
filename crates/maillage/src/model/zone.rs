//! Geographic layers and their zones (IRIS, quartiers, QPV, communes).

use super::LonLat;
use geo::MultiPolygon;
use serde::Serialize;

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
