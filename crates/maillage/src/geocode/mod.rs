//! Geocoding: from postal addresses to points, offline, against the Base Adresse
//! Nationale (BAN), a Base Adresse Locale (BAL) or BANO.
//!
//! [`BanIndex::read`] indexes the address files; [`BanIndex::geocode`] finds one
//! address, [`BanIndex::geocode_many`] many in parallel, [`geocode_table`] the rows of
//! a table, and [`geocode_bundle`] writes the points back into a bundle's actors.csv.
//! [`Addok`] sends the same addresses to an addok-compatible server instead (the
//! national address API); both are [`Geocoder`]s.
//! The matching rules, thresholds and measured accuracy are in `docs/geocode.md`.
//!
//! # Example
//! ```
//! use maillage::geocode::{AddressQuery, BanIndex, MatchType};
//! let bano = "480950001A-2,2,Boulevard Henri Bourrillon,48000,Mende,C+O,44.5180,3.4990\n\
//!             480950001A-6,6,Boulevard Henri Bourrillon,48000,Mende,C+O,44.5184,3.4998\n";
//! let index = BanIndex::from_reader("bano-48.csv", bano.as_bytes()).unwrap();
//! let query = AddressQuery::new("6 bd H. Bourrillon").with_postcode("48000");
//! let found = index.geocode(&query).unwrap();
//! assert_eq!(found.kind, MatchType::HouseNumber);
//! assert_eq!(found.label, "6 Boulevard Henri Bourrillon 48000 Mende");
//! ```

mod address;
mod ban;
mod bundle;
mod codes;
mod index;
mod matching;
mod normalize;
mod online;
mod synthetic;
mod table;

// The problems of the bundle loader: one place to re-point if they move.
pub(crate) use crate::bundle::{clip, error_list, Location, Problem, ProblemCode, Severity};

pub use address::{canonical_suffix, parse_address, ParsedAddress, MAX_ADDRESS_CHARS};
pub use ban::{
    read_ban, read_ban_file, AddressRow, BanFormat, MAX_LINE_BYTES, MAX_WARNINGS_PER_FILE,
};
pub use bundle::{
    geocode_bundle, BundleGeocoding, GeocodeBundleError, GeocodeOptions, GeocodedRow,
};
pub use codes::{
    arrondissement_of_postcode, arrondissements_of, commune_of_arrondissement, is_code,
};
pub use index::{BanIndex, SourceFile};
pub use matching::{CITY_MIN_SIMILARITY, MAX_NUMBER_OVERSHOOT, STREET_MIN_SIMILARITY};
pub use normalize::{fold, normalize_city, normalize_street, similarity, street_type, trigrams};
pub use online::{Addok, Geocoder, ADDOK_BATCH};
pub use synthetic::write_synthetic_ban;
pub use table::{geocode_table, TableColumns, TableGeocoding, NEW_COLUMNS};

use serde::Serialize;
use std::fmt;

/// An address to geocode: the address as written, and what the table gives apart.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AddressQuery {
    /// The address, e.g. "12 rue Jean Macé, 69007 Lyon" or "12 rue Jean Macé".
    pub address: String,
    /// The postcode, when given apart.
    pub postcode: Option<String>,
    /// The INSEE code of the commune (or of the arrondissement), when given apart.
    pub citycode: Option<String>,
    /// The commune's name (or its code), when given apart.
    pub city: Option<String>,
}

impl AddressQuery {
    /// A query of an address alone.
    pub fn new(address: impl Into<String>) -> Self {
        Self {
            address: address.into(),
            ..Self::default()
        }
    }

    /// The same query with its postcode.
    pub fn with_postcode(mut self, postcode: impl Into<String>) -> Self {
        self.postcode = Some(postcode.into());
        self
    }

    /// The same query with its INSEE code.
    pub fn with_citycode(mut self, citycode: impl Into<String>) -> Self {
        self.citycode = Some(citycode.into());
        self
    }

    /// The same query with its commune's name.
    pub fn with_city(mut self, city: impl Into<String>) -> Self {
        self.city = Some(city.into());
        self
    }
}

/// What a point found stands for, as the national address API names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MatchType {
    /// The house number (exact, or interpolated between its neighbours).
    #[serde(rename = "housenumber")]
    HouseNumber,
    /// The street, its number unknown or not asked.
    Street,
    /// A lieu-dit.
    Locality,
    /// The commune only.
    Municipality,
}

impl MatchType {
    /// `housenumber`, `street`, `locality` or `municipality`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::HouseNumber => "housenumber",
            Self::Street => "street",
            Self::Locality => "locality",
            Self::Municipality => "municipality",
        }
    }

    /// The four types, in this order.
    pub const ALL: [MatchType; 4] = [
        Self::HouseNumber,
        Self::Street,
        Self::Locality,
        Self::Municipality,
    ];
}

impl fmt::Display for MatchType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A point found for an address.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Geocoded {
    /// WGS84 longitude, degrees.
    pub lon: f64,
    /// WGS84 latitude, degrees.
    pub lat: f64,
    /// How sure the match is, from 0 to 1 (see `docs/geocode.md`).
    pub score: f64,
    /// What the point stands for.
    #[serde(rename = "type")]
    pub kind: MatchType,
    /// The address found, e.g. "12 Rue Jean Macé 69007 Lyon".
    pub label: String,
    /// The INSEE code of the commune found.
    pub citycode: String,
    /// The postcode of the address found, empty when the file gives none.
    pub postcode: String,
    /// Whether the house number was placed between its neighbours rather than found.
    pub interpolated: bool,
}

/// Address files that could not be read.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BanErrors {
    /// Every error, each naming its file and line.
    pub errors: Vec<Problem>,
    /// The warnings met on the way.
    pub warnings: Vec<Problem>,
}

impl BanErrors {
    /// The count of errors, then one error a line, in a language.
    pub fn render(&self, lang: crate::lang::Lang) -> String {
        error_list(crate::lang::Msg::AddressFilesHaveErrors, &self.errors, lang)
    }
}

impl fmt::Display for BanErrors {
    /// [`BanErrors::render`] in the current language.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(crate::lang::language()))
    }
}

impl std::error::Error for BanErrors {}
