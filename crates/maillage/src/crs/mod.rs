//! Coordinate reference systems: those of the bundle format, WGS84 lon/lat (EPSG:4326)
//! and Lambert-93 (EPSG:2154), and the projections of the national files, all converted
//! to WGS84 with `proj4rs`.

mod projection;

pub(crate) use projection::default_epsg;
pub use projection::{epsg_of_source, Projections};

use crate::model::UnknownName;
use proj4rs::proj::Proj;
use std::fmt;
use std::str::FromStr;

/// A supported coordinate reference system.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Crs {
    /// WGS84 longitude/latitude in degrees.
    #[default]
    Wgs84,
    /// RGF93 / Lambert-93, metres: the French national projection.
    Lambert93,
}

const LAMBERT93: &str = "+proj=lcc +lat_0=46.5 +lon_0=3 +lat_1=49 +lat_2=44 +x_0=700000 +y_0=6600000 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs +type=crs";
const WGS84: &str = "+proj=longlat +ellps=WGS84 +datum=WGS84 +no_defs";

impl Crs {
    /// The `EPSG:NNNN` code.
    pub fn code(self) -> &'static str {
        match self {
            Crs::Wgs84 => "EPSG:4326",
            Crs::Lambert93 => "EPSG:2154",
        }
    }

    /// Whether a coordinate pair lies in the valid range of this CRS: degrees within
    /// ±180/±90, or Lambert-93 metres within the projection's domain (metropolitan
    /// France and its seas, with a margin).
    pub fn in_range(self, x: f64, y: f64) -> bool {
        match self {
            Crs::Wgs84 => (-180.0..=180.0).contains(&x) && (-90.0..=90.0).contains(&y),
            Crs::Lambert93 => {
                (-400_000.0..=1_900_000.0).contains(&x) && (5_500_000.0..=7_500_000.0).contains(&y)
            }
        }
    }
}

impl fmt::Display for Crs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Crs {
    type Err = UnknownName;

    /// Reads `EPSG:4326`, `EPSG:2154`, OGC URNs (`urn:ogc:def:crs:EPSG::2154`) and
    /// `CRS84`, in any case.
    fn from_str(s: &str) -> Result<Self, UnknownName> {
        let upper = s.trim().to_ascii_uppercase();
        let code = upper.rsplit([':', '/']).next().unwrap_or("");
        match code {
            "4326" | "CRS84" | "4171" => Ok(Crs::Wgs84),
            "2154" => Ok(Crs::Lambert93),
            _ => Err(UnknownName::new(
                crate::lang::Msg::WhatCrs,
                s,
                &["EPSG:4326", "EPSG:2154"],
            )),
        }
    }
}

/// Converts coordinates of a CRS to WGS84 lon/lat degrees.
///
/// # Example
/// ```
/// use maillage::crs::{Crs, ToWgs84};
/// let to_wgs84 = ToWgs84::new(Crs::Lambert93);
/// // Lambert-93 origin meridian and latitude of origin
/// let (lon, lat) = to_wgs84.convert(700_000.0, 6_600_000.0).unwrap();
/// assert!((lon - 3.0).abs() < 1e-9 && (lat - 46.5).abs() < 1e-9);
/// ```
pub struct ToWgs84 {
    crs: Crs,
    projections: Option<(Proj, Proj)>,
}

impl ToWgs84 {
    /// A converter from `crs`.
    pub fn new(crs: Crs) -> Self {
        let projections = match crs {
            Crs::Wgs84 => None,
            // Both strings are constants checked by the tests.
            Crs::Lambert93 => Some((
                Proj::from_proj_string(LAMBERT93).expect("valid Lambert-93 definition"),
                Proj::from_proj_string(WGS84).expect("valid WGS84 definition"),
            )),
        };
        Self { crs, projections }
    }

    /// The source CRS.
    pub fn crs(&self) -> Crs {
        self.crs
    }

    /// lon/lat in degrees, or `None` when the point cannot be projected.
    pub fn convert(&self, x: f64, y: f64) -> Option<(f64, f64)> {
        match &self.projections {
            None => Some((x, y)),
            Some((from, to)) => {
                let mut p = (x, y, 0.0);
                proj4rs::transform::transform(from, to, &mut p).ok()?;
                let (lon, lat) = (p.0.to_degrees(), p.1.to_degrees());
                (lon.is_finite() && lat.is_finite()).then_some((lon, lat))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_common_spellings() {
        assert_eq!("EPSG:2154".parse(), Ok(Crs::Lambert93));
        assert_eq!("epsg:4326".parse(), Ok(Crs::Wgs84));
        assert_eq!("urn:ogc:def:crs:EPSG::2154".parse(), Ok(Crs::Lambert93));
        assert_eq!("urn:ogc:def:crs:OGC:1.3:CRS84".parse(), Ok(Crs::Wgs84));
        assert_eq!(
            "EPSG:3857".parse::<Crs>().unwrap_err().expected,
            ["EPSG:4326", "EPSG:2154"]
        );
    }

    #[test]
    fn converts_a_known_lambert93_point() {
        // Lyon, place Bellecour, from IGN's converter (lon 4.832011, lat 45.757814):
        // Lambert-93 x = 842 210.1, y = 6 519 095.1 (checked against pyproj in the
        // Python tests on the whole example bundle).
        let (lon, lat) = ToWgs84::new(Crs::Lambert93)
            .convert(842_210.1, 6_519_095.1)
            .unwrap();
        assert!((lon - 4.832).abs() < 1e-2, "{lon}");
        assert!((lat - 45.758).abs() < 1e-2, "{lat}");
    }
}
