//! Geography: coordinate systems, anchor points, the zone index, distances, and the
//! coverage of each zone.

mod access;
mod anchor;
mod coverage;
mod crs;
mod index;
mod zone_coverage;

pub(crate) use access::{chord, unit_vector};
pub use access::{
    enhanced_two_step_fca, nearest_distance, two_step_fca, Acceptance, CostMatrix, DistanceDecay,
    SiteIndex, Step, Suppliers, PER_INHABITANTS,
};
pub use anchor::{anchor_point, haversine_m, EARTH_RADIUS_M};
pub use coverage::{assign_actors, is_priority, zone_counts, ActorPlacement, ZoneCounts};
pub use crs::{Crs, ToWgs84};
pub use index::ZoneIndex;
pub use zone_coverage::{
    compare_priority, e2sfca_steps, zone_coverage, AnchorIndex, Coverage, IndicatorComparison,
    PriorityComparison, SupplyBasis, ZoneIndicators,
};
