//! R-trees over the zones of a layer: the assignment of points to zones, and which
//! zones a zone named by `serves` or an action's `zones` reaches (docs/analyses.md §2).

use crate::model::{Layer, LayerIx, LonLat, Territory, ZoneIx, ZoneRef};
use geo::coordinate_position::{CoordPos, CoordinatePosition};
use geo::{BoundingRect, Coord, Intersects, Point};
use rstar::primitives::{GeomWithData, Rectangle};
use rstar::{RTree, AABB};
use std::collections::BTreeMap;

type ZoneBox = GeomWithData<Rectangle<[f64; 2]>, u32>;

/// A spatial index of one layer's zones by bounding box, answering "which zone holds
/// this point" with the border rule of docs/analyses.md §2: a point on a shared border
/// belongs to the zone that comes first in the layer file.
///
/// # Example
/// ```
/// # let territory = maillage::bundle::load_bundle("../../data/lyon7".as_ref()).unwrap().territory;
/// use maillage::model::ZoneIndex;
/// use maillage::model::LonLat;
/// let index = ZoneIndex::new(territory.coverage_layer());
/// let zone = territory.coverage_layer().zones[0].anchor;
/// assert!(index.locate(zone).is_some());
/// assert!(index.locate(LonLat { lon: 2.35, lat: 48.85 }).is_none()); // Paris
/// ```
pub struct ZoneIndex<'l> {
    layer: &'l Layer,
    tree: RTree<ZoneBox>,
}

impl<'l> ZoneIndex<'l> {
    /// Indexes a layer's zones.
    pub fn new(layer: &'l Layer) -> Self {
        let boxes = layer
            .zones
            .iter()
            .enumerate()
            .filter_map(|(i, z)| {
                let r = z.geometry.bounding_rect()?;
                Some(GeomWithData::new(
                    Rectangle::from_corners([r.min().x, r.min().y], [r.max().x, r.max().y]),
                    i as u32,
                ))
            })
            .collect();
        Self {
            layer,
            tree: RTree::bulk_load(boxes),
        }
    }

    /// The zone holding a point (border included), the first in file order when
    /// several do.
    pub fn locate(&self, p: LonLat) -> Option<ZoneIx> {
        self.tree
            .locate_in_envelope_intersecting(&AABB::from_point([p.lon, p.lat]))
            .map(|b| b.data)
            .filter(|&i| self.holds(i, p))
            .min()
            .map(ZoneIx)
    }

    /// Whether zone `i` holds the point, inside or on its boundary (ray casting, the
    /// cheapest exact test: `Intersects` goes through a general relate here).
    fn holds(&self, i: u32, p: LonLat) -> bool {
        let c = Coord { x: p.lon, y: p.lat };
        self.layer.zones[i as usize]
            .geometry
            .coordinate_position(&c)
            != CoordPos::Outside
    }

    /// Every zone holding a point (border included), in file order.
    pub fn locate_all(&self, p: LonLat) -> Vec<ZoneIx> {
        let mut found: Vec<u32> = self
            .tree
            .locate_in_envelope_intersecting(&AABB::from_point([p.lon, p.lat]))
            .map(|b| b.data)
            .filter(|&i| self.holds(i, p))
            .collect();
        found.sort_unstable();
        found.into_iter().map(ZoneIx).collect()
    }
}

/// The anchor points of one layer's zones in an R-tree, answering which of them a zone
/// named by an actor's `serves` or an action's `zones` reaches.
///
/// A named zone reaches a zone z of the layer when it is z, or when it belongs to
/// another layer and its outline contains z's anchor point (border included): a CPTS
/// serving a commune serves the IRIS whose anchor lies in that commune.
///
/// # Example
/// ```
/// # let territory = maillage::bundle::load_bundle("../../data/lyon7".as_ref()).unwrap().territory;
/// use maillage::model::ZoneRef;
/// use maillage::spatial::AnchorIndex;
/// let index = AnchorIndex::new(&territory, territory.analysis.coverage_layer);
/// let arrondissement = territory.layer_by_name("arrondissement").unwrap();
/// let whole = ZoneRef { layer: arrondissement, zone: maillage::model::ZoneIx(0) };
/// assert_eq!(index.reached_by(whole).len(), 24); // every IRIS of Lyon 7e
/// ```
pub struct AnchorIndex<'t> {
    territory: &'t Territory,
    layer: LayerIx,
    tree: RTree<GeomWithData<[f64; 2], u32>>,
}

impl<'t> AnchorIndex<'t> {
    /// Indexes the anchor points of `layer`'s zones.
    pub fn new(territory: &'t Territory, layer: LayerIx) -> Self {
        let anchors = territory
            .layer(layer)
            .zones
            .iter()
            .enumerate()
            .map(|(i, z)| GeomWithData::new([z.anchor.lon, z.anchor.lat], i as u32))
            .collect();
        Self {
            territory,
            layer,
            tree: RTree::bulk_load(anchors),
        }
    }

    /// The zones of the indexed layer that `named` reaches, by index.
    ///
    /// # Complexity
    /// O(log z + k · v) for k anchors in the named zone's bounding box and v vertices
    /// of its outline.
    pub fn reached_by(&self, named: ZoneRef) -> Vec<ZoneIx> {
        if named.layer == self.layer {
            return vec![named.zone];
        }
        let geometry = &self.territory.zone(named).geometry;
        let Some(bbox) = geometry.bounding_rect() else {
            return Vec::new();
        };
        let envelope =
            AABB::from_corners([bbox.min().x, bbox.min().y], [bbox.max().x, bbox.max().y]);
        let mut found: Vec<ZoneIx> = self
            .tree
            .locate_in_envelope_intersecting(&envelope)
            .filter(|a| geometry.intersects(&Point::new(a.geom()[0], a.geom()[1])))
            .map(|a| ZoneIx(a.data))
            .collect();
        found.sort_unstable();
        found
    }

    /// For every zone of the indexed layer, which of `named` reach it (indices into
    /// `named`, increasing). Each distinct named zone is resolved once.
    pub fn reached_by_each(&self, named: &[ZoneRef]) -> Vec<Vec<usize>> {
        let mut by_zone = vec![Vec::new(); self.territory.layer(self.layer).zones.len()];
        let mut memo: BTreeMap<ZoneRef, Vec<ZoneIx>> = BTreeMap::new();
        for (i, &n) in named.iter().enumerate() {
            let reached = memo.entry(n).or_insert_with(|| self.reached_by(n));
            for z in reached.iter() {
                by_zone[z.0 as usize].push(i);
            }
        }
        by_zone
    }
}

/// A memo over [`AnchorIndex::reached_by`] for every layer of a territory: which zones
/// a zone named by `serves` or an action's `zones` reaches, layer by layer, resolved
/// once per named zone.
pub(crate) struct Reach<'t> {
    indexes: Vec<AnchorIndex<'t>>,
    memo: BTreeMap<(ZoneRef, LayerIx), Vec<ZoneIx>>,
}

impl<'t> Reach<'t> {
    pub(crate) fn new(territory: &'t Territory) -> Self {
        Self {
            indexes: (0..territory.layers.len() as u32)
                .map(|l| AnchorIndex::new(territory, LayerIx(l)))
                .collect(),
            memo: BTreeMap::new(),
        }
    }

    /// The zones of `layer` that `named` reaches, sorted.
    pub(crate) fn zones(&mut self, named: ZoneRef, layer: LayerIx) -> &[ZoneIx] {
        let index = &self.indexes[layer.0 as usize];
        self.memo
            .entry((named, layer))
            .or_insert_with(|| index.reached_by(named))
    }
}
