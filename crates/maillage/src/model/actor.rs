//! Actors: the professionals, structures, schemes and institutions of a territory.

use super::{Theme, ZoneRef};
use serde::Serialize;

/// Dense index of an actor in [`Territory::actors`](super::Territory::actors).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct ActorIx(pub u32);

impl ActorIx {
    /// The index as a `usize`, for slices.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// A point in WGS84 degrees.
///
/// # Units
/// Degrees of longitude and latitude (EPSG:4326, RFC 7946 axis order).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct LonLat {
    /// Longitude, degrees east.
    pub lon: f64,
    /// Latitude, degrees north.
    pub lat: f64,
}

/// One actor of the territory, a row of `actors.csv`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Actor {
    /// The user's id, unique and case-sensitive.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Kind id of the taxonomy.
    pub kind: String,
    /// Sector id: the `sector` column, else the kind's default.
    pub sector: String,
    /// Family id, from the kind.
    pub family: String,
    /// Themes the actor works on.
    pub themes: Vec<Theme>,
    /// Location in WGS84, when the actor has a fixed place.
    pub location: Option<LonLat>,
    /// Supply for accessibility (full-time equivalents): the `capacity` column, else 1
    /// for professionals and 0 otherwise.
    pub capacity: f64,
    /// Zones the actor serves (a CPTS its communes, an ASV its QPV).
    pub serves: Vec<ZoneRef>,
    /// Whether the actor takes new patients (e.g. a GP as *médecin traitant*), when known.
    pub accepting: Option<bool>,
    /// Other columns of the row, in header order, kept as written.
    pub attributes: Vec<(String, String)>,
    /// Line of the row in `actors.csv`.
    pub line: u64,
}

/// The capacity of an actor whose `capacity` cell is empty: 1 for a professional of
/// the family `family`, 0 for anything else (docs/analyses.md, "Access supply").
pub fn default_capacity(family: &str) -> f64 {
    if family == "professional" {
        1.0
    } else {
        0.0
    }
}

impl Actor {
    /// The value of an extra column.
    pub fn attribute(&self, column: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(k, _)| k == column)
            .map(|(_, v)| v.as_str())
    }

    /// Whether the actor is one person (family `professional`): presentation outputs
    /// show such actors only when asked.
    pub fn is_individual(&self) -> bool {
        self.family == "professional"
    }

    /// Whether the actor is a coordination scheme (family `dispositif`).
    pub fn is_dispositif(&self) -> bool {
        self.family == "dispositif"
    }
}
