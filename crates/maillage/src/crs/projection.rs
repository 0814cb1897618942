//! The projections national files use: Lambert-93 in metropolitan France, UTM zones
//! overseas (named by an EPSG code in FINESS's `sourcecoordet`), converted to WGS84
//! with `proj4rs`.

use crate::model::LonLat;
use proj4rs::proj::Proj;
use std::collections::HashMap;

const WGS84: &str = "+proj=longlat +ellps=WGS84 +datum=WGS84 +no_defs";

/// proj definitions of the EPSG codes FINESS uses (RGF93 and the overseas RGAF09,
/// RGFG95, RGR92, RGM04, RGSPM06 frames are all GRS80 with null datum shifts to WGS84).
fn definition(epsg: u32) -> Option<&'static str> {
    Some(match epsg {
        2154 => "+proj=lcc +lat_0=46.5 +lon_0=3 +lat_1=49 +lat_2=44 +x_0=700000 +y_0=6600000 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs",
        5490 | 4559 | 2989 => "+proj=utm +zone=20 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs",
        2972 => "+proj=utm +zone=22 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs",
        2975 => "+proj=utm +zone=40 +south +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs",
        4471 => "+proj=utm +zone=38 +south +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs",
        4467 => "+proj=utm +zone=21 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs",
        32621 => "+proj=utm +zone=21 +datum=WGS84 +units=m +no_defs",
        _ => return None,
    })
}

/// The EPSG code a FINESS `sourcecoordet` names, e.g.
/// `1,ATLASANTE,100,IGN,BD_ADRESSE,V2.2,LAMBERT_93` → 2154,
/// `2,ATLASANTE,96,BAN,EPSG:5490 RGAF09/UTM Zone 20N (Antilles)` → 5490; `None` when it
/// names none.
///
/// # Example
/// ```
/// use maillage::crs::epsg_of_source;
/// assert_eq!(epsg_of_source("1,ATLASANTE,100,IGN,BD_ADRESSE,V2.2,LAMBERT_93"), Some(2154));
/// assert_eq!(epsg_of_source("2,ATLASANTE,100,BDADRESSE,EPSG:4471 RGM04/UTM zone 38S (Mayotte)"), Some(4471));
/// assert_eq!(epsg_of_source(""), None);
/// ```
pub fn epsg_of_source(source: &str) -> Option<u32> {
    let s = source.to_ascii_uppercase();
    if let Some(i) = s.find("EPSG:") {
        let digits: String = s[i + 5..]
            .chars()
            .take_while(|c| c.is_ascii_digit())
            .collect();
        return digits.parse().ok();
    }
    let named = [
        ("LAMBERT_93", 2154),
        ("LAMBERT93", 2154),
        ("LAMBERT-93", 2154),
        ("UTM_N20", 5490),
        ("UTM_N22", 2972),
        ("UTM_S40", 2975),
        ("UTM_S38", 4471),
        ("UTM_N21", 4467),
    ];
    named
        .iter()
        .find(|(name, _)| s.contains(name))
        .map(|&(_, code)| code)
}

/// The projection a FINESS `departement` uses when `sourcecoordet` names none.
pub(crate) fn default_epsg(departement: &str) -> u32 {
    match departement {
        "9A" | "9B" | "971" | "972" | "977" | "978" => 5490,
        "9C" | "973" => 2972,
        "9D" | "974" => 2975,
        "9F" | "976" => 4471,
        "9E" | "975" => 4467,
        _ => 2154,
    }
}

/// Converters to WGS84, built once per EPSG code met.
#[derive(Default)]
pub struct Projections {
    cache: HashMap<u32, Option<Proj>>,
    wgs84: Option<Proj>,
}

impl Projections {
    /// Converts `(x, y)` of EPSG `epsg` to WGS84; `None` for an unknown code or a point
    /// the projection cannot invert.
    ///
    /// # Example
    /// ```
    /// use maillage::crs::Projections;
    /// let mut p = Projections::default();
    /// let ll = p.to_wgs84(2154, 700_000.0, 6_600_000.0).unwrap();
    /// assert!((ll.lon - 3.0).abs() < 1e-9 && (ll.lat - 46.5).abs() < 1e-9);
    /// assert!(p.to_wgs84(9999, 1.0, 2.0).is_none());
    /// ```
    pub fn to_wgs84(&mut self, epsg: u32, x: f64, y: f64) -> Option<LonLat> {
        if epsg == 4326 {
            return Some(LonLat { lon: x, lat: y });
        }
        if self.wgs84.is_none() {
            self.wgs84 = Proj::from_proj_string(WGS84).ok();
        }
        let from = self
            .cache
            .entry(epsg)
            .or_insert_with(|| definition(epsg).and_then(|d| Proj::from_proj_string(d).ok()))
            .as_ref()?;
        let to = self.wgs84.as_ref()?;
        let mut p = (x, y, 0.0);
        proj4rs::transform::transform(from, to, &mut p).ok()?;
        let (lon, lat) = (p.0.to_degrees(), p.1.to_degrees());
        (lon.is_finite() && lat.is_finite()).then_some(LonLat { lon, lat })
    }

    /// Converts WGS84 degrees to EPSG `epsg` (used to write x/y into a Lambert-93 bundle).
    pub fn from_wgs84(&mut self, epsg: u32, p: LonLat) -> Option<(f64, f64)> {
        if epsg == 4326 {
            return Some((p.lon, p.lat));
        }
        if self.wgs84.is_none() {
            self.wgs84 = Proj::from_proj_string(WGS84).ok();
        }
        let to = self
            .cache
            .entry(epsg)
            .or_insert_with(|| definition(epsg).and_then(|d| Proj::from_proj_string(d).ok()))
            .as_ref()?;
        let from = self.wgs84.as_ref()?;
        let mut q = (p.lon.to_radians(), p.lat.to_radians(), 0.0);
        proj4rs::transform::transform(from, to, &mut q).ok()?;
        (q.0.is_finite() && q.1.is_finite()).then_some((q.0, q.1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reference values computed with pyproj 3.7 (PROJ 9), `Transformer.from_crs(epsg, 4326, always_xy=True)`, 8 decimals;
    /// checked to 1e-6°.
    #[test]
    fn matches_pyproj_on_metropolitan_and_overseas_points() {
        let mut p = Projections::default();
        let cases = [
            // CH de Fleyriat, Viriat (FINESS 010000024)
            (2154, 870262.2, 6571540.8, 5.20918113, 46.22228572),
            (5490, 657242.9, 1795384.4, -61.52873706, 16.23400433),
            (2972, 353672.8, 544349.1, -52.31972734, 4.92346683),
            (2975, 323086.6, 7679599.8, 55.29820703, -20.97571086),
            (4471, 524819.9, 8587194.7, 45.22867813, -12.77988595),
        ];
        for (epsg, x, y, lon, lat) in cases {
            let ll = p.to_wgs84(epsg, x, y).unwrap();
            assert!((ll.lon - lon).abs() < 1e-6, "{epsg}: {}", ll.lon);
            assert!((ll.lat - lat).abs() < 1e-6, "{epsg}: {}", ll.lat);
        }
    }

    #[test]
    fn round_trips_lambert93() {
        let mut p = Projections::default();
        let ll = p.to_wgs84(2154, 870262.2, 6571540.8).unwrap();
        let (x, y) = p.from_wgs84(2154, ll).unwrap();
        assert!((x - 870262.2).abs() < 1e-4 && (y - 6571540.8).abs() < 1e-4);
    }
}
