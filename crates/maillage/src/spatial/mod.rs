//! Geography: distances, access and the coverage of each zone.

mod access;
mod apl;
mod coverage;
mod declared;
mod road;
mod zone_coverage;

pub(crate) use zone_coverage::zone_coverage_placed;

/// The anchor index lives with the model's geometry, which every stage shares; it is
/// also here, beside the coverage that reads it.
pub use crate::model::AnchorIndex;
pub(crate) use access::{chord, unit_vector};
pub use access::{
    enhanced_two_step_fca, nearest_distance, two_step_fca, Acceptance, CostMatrix, DistanceDecay,
    SiteIndex, Step, Suppliers, PER_INHABITANTS,
};
pub use apl::{
    apl_activity, APL_ACTIVITY_CEILING, APL_ACTIVITY_FLOOR, APL_ACTIVITY_MIN,
    DREES_APL_MG_ACTIVITY_BOUNDS,
};
pub use coverage::{assign_actors, is_priority, zone_counts, ActorPlacement, ZoneCounts};
pub use declared::{declared_indicators, DeclaredIndicator, RankedZone};
pub use road::{worst_count, RoadAccess, RoadComparison, RoadZone};
pub use zone_coverage::{
    compare_priority, e2sfca_steps, zone_coverage, AccessCosts, Coverage, IndicatorComparison,
    PriorityComparison, SupplyBasis, ZoneIndicators,
};
