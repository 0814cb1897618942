//! Geography: coordinate systems, anchor points, the zone index, distances, and the
//! coverage of each zone.

mod anchor;
mod coverage;
mod crs;
mod index;

pub use anchor::{anchor_point, haversine_m, EARTH_RADIUS_M};
pub use coverage::{assign_actors, is_priority, zone_counts, ActorPlacement, ZoneCounts};
pub use crs::{Crs, ToWgs84};
pub use index::ZoneIndex;
