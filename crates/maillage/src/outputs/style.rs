//! Colours of the maps: colour-blind-safe palettes read from `data/palettes.toml`, and
//! quantile classes of an indicator.

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};

/// The palettes file, read by [`Palettes::builtin`].
pub const BUILTIN_PALETTES: &str = include_str!("../../data/palettes.toml");

/// Palettes of the maps.
#[derive(Debug, Clone, Deserialize)]
pub struct Palettes {
    /// Sequential palettes, lowest class first.
    pub sequential: IndexMap<String, Vec<String>>,
    /// A colour per sector id.
    pub sectors: IndexMap<String, String>,
    /// Default choices.
    pub defaults: PaletteDefaults,
}

/// Default palette choices.
#[derive(Debug, Clone, Deserialize)]
pub struct PaletteDefaults {
    /// Name of the default sequential palette.
    pub sequential: String,
    /// Colour of a zone with no value.
    pub missing: String,
    /// Colour of a sector the file does not name.
    pub other_sector: String,
}

impl Palettes {
    /// The palettes shipped with the crate.
    pub fn builtin() -> Self {
        // Part of the crate, checked by the tests: a failure is a build defect.
        toml::from_str(BUILTIN_PALETTES).expect("the built-in palettes file is valid")
    }

    /// The default sequential palette.
    pub fn default_sequential(&self) -> &[String] {
        &self.sequential[&self.defaults.sequential]
    }

    /// The colour of a sector.
    pub fn sector_color(&self, sector: &str) -> &str {
        self.sectors
            .get(sector)
            .unwrap_or(&self.defaults.other_sector)
    }
}

/// One class of a choropleth: values in `[min, max]` take `color`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Class {
    /// Smallest value of the class.
    pub min: f64,
    /// Largest value of the class.
    pub max: f64,
    /// Fill colour, `#rrggbb`.
    pub color: String,
}

/// Quantile classes of the values (missing values ignored): at most `palette.len()`
/// classes holding about as many values each; classes never split equal values.
///
/// # Example
/// ```
/// use maillage::outputs::quantile_classes;
/// let palette: Vec<String> = ["#a", "#b", "#c"].map(String::from).to_vec();
/// let classes = quantile_classes(&[Some(0.0), Some(0.0), Some(1.0), Some(5.0), None, Some(9.0), Some(9.0)], &palette);
/// assert_eq!(classes.len(), 3);
/// assert_eq!((classes[0].min, classes[0].max), (0.0, 0.0));
/// assert_eq!(classes.last().unwrap().max, 9.0);
/// ```
pub fn quantile_classes(values: &[Option<f64>], palette: &[String]) -> Vec<Class> {
    let mut v: Vec<f64> = values
        .iter()
        .flatten()
        .copied()
        .filter(|x| x.is_finite())
        .collect();
    if v.is_empty() || palette.is_empty() {
        return Vec::new();
    }
    v.sort_by(f64::total_cmp);
    let k = palette.len();
    let n = v.len();
    let mut uppers: Vec<f64> = (1..=k).map(|i| v[(i * n).div_ceil(k) - 1]).collect();
    uppers.dedup();
    let c = uppers.len();
    uppers
        .iter()
        .enumerate()
        .map(|(j, &max)| {
            let min = if j == 0 {
                v[0]
            } else {
                // the smallest value above the previous class
                v[v.partition_point(|&x| x <= uppers[j - 1])]
            };
            // Spread the colours over the whole palette when there are fewer classes.
            let colour = if c == 1 { k - 1 } else { j * (k - 1) / (c - 1) };
            Class {
                min,
                max,
                color: palette[colour].clone(),
            }
        })
        .collect()
}

/// The class colour of a value, or `missing` for an absent value.
pub fn class_color<'c>(classes: &'c [Class], value: Option<f64>, missing: &'c str) -> &'c str {
    match value {
        None => missing,
        Some(x) => classes
            .iter()
            .find(|c| x <= c.max)
            .or(classes.last())
            .map_or(missing, |c| c.color.as_str()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_palettes_cover_every_sector() {
        let p = Palettes::builtin();
        let t = crate::model::Taxonomy::builtin();
        for s in t.sectors.keys() {
            assert!(p.sectors.contains_key(s), "{s}");
        }
        assert_eq!(p.default_sequential().len(), 5);
    }

    #[test]
    fn quantile_classes_hold_every_value_once() {
        let palette = Palettes::builtin().default_sequential().to_vec();
        let values: Vec<Option<f64>> = (0..23).map(|i| Some(f64::from(i * i % 17))).collect();
        let classes = quantile_classes(&values, &palette);
        assert_eq!(classes.len(), 5);
        for w in classes.windows(2) {
            assert!(w[0].max < w[1].min);
        }
        for v in values.iter().flatten() {
            assert_eq!(
                classes
                    .iter()
                    .filter(|c| c.min <= *v && *v <= c.max)
                    .count(),
                1,
                "{v}"
            );
        }
    }
}
