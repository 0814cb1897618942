//! An R-tree over the zones of a layer, and the assignment of points to zones.

use crate::model::{Layer, LonLat, ZoneIx};
use geo::coordinate_position::{CoordPos, CoordinatePosition};
use geo::{BoundingRect, Coord};
use rstar::primitives::{GeomWithData, Rectangle};
use rstar::{RTree, AABB};

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
