//! Anchor points of zones, and great-circle distances.

use crate::model::LonLat;
use geo::{Centroid, Contains, InteriorPoint, MultiPolygon};

/// Mean Earth radius used for haversine distances (docs/analyses.md §2).
///
/// # Units
/// Metres.
pub const EARTH_RADIUS_M: f64 = 6_371_008.8;

/// The anchor point of a zone: the centroid when it lies inside the outline, otherwise
/// a point on its surface. `None` for an empty geometry.
///
/// # Example
/// ```
/// use geo::{polygon, MultiPolygon};
/// use maillage::model::anchor_point;
/// // A U-shaped zone: its centroid falls in the notch, so the anchor is moved inside.
/// let u = MultiPolygon::new(vec![polygon![(x: 0., y: 0.), (x: 3., y: 0.), (x: 3., y: 3.),
///     (x: 2., y: 3.), (x: 2., y: 1.), (x: 1., y: 1.), (x: 1., y: 3.), (x: 0., y: 3.)]]);
/// let a = anchor_point(&u).unwrap();
/// assert!(geo::Contains::contains(&u, &geo::Point::new(a.lon, a.lat)));
/// ```
pub fn anchor_point(geometry: &MultiPolygon<f64>) -> Option<LonLat> {
    let centroid = geometry.centroid()?;
    let p = if geometry.contains(&centroid) {
        centroid
    } else {
        geometry.interior_point()?
    };
    Some(LonLat {
        lon: p.x(),
        lat: p.y(),
    })
}

/// Great-circle distance between two points on a sphere of radius [`EARTH_RADIUS_M`].
///
/// # Units
/// Metres.
///
/// # Example
/// ```
/// use maillage::model::LonLat;
/// use maillage::model::haversine_m;
/// let bellecour = LonLat { lon: 4.8320, lat: 45.7578 };
/// let part_dieu = LonLat { lon: 4.8596, lat: 45.7606 };
/// let d = haversine_m(bellecour, part_dieu);
/// assert!((d - 2165.0).abs() < 10.0);
/// ```
pub fn haversine_m(a: LonLat, b: LonLat) -> f64 {
    let (phi1, phi2) = (a.lat.to_radians(), b.lat.to_radians());
    let dphi = phi2 - phi1;
    let dlambda = (b.lon - a.lon).to_radians();
    let h = (dphi / 2.0).sin().powi(2) + phi1.cos() * phi2.cos() * (dlambda / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_M * h.sqrt().min(1.0).asin()
}
