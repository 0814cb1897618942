//! Statistical confidentiality of the presentation outputs (docs/outputs.md "Privacy"):
//! with a threshold `min_count`, a zone count from 1 to `min_count − 1` is suppressed
//! (written `null`, the zone flagged `suppressed: true`), and so is its density, which
//! would give it back through the population.
//!
//! A suppressed count must not be recoverable by subtraction either. The outputs publish
//! sums: a zone's located actors are the sum of its sector counts, a sector count the
//! sum of its kind counts, and the territory's totals (key figures of the report) the
//! sum of a column over the zones. When one of these sums has exactly one suppressed
//! term, the smallest other non-zero term is suppressed too (secondary suppression), and
//! so on until no sum gives a suppressed count away, as statistical offices do for
//! tables.
//!
//! Zero is published: that a zone has no pharmacy says nothing about a person.

use crate::diagnosis::Diagnosis;
use crate::model::Territory;
use std::collections::{BTreeSet, HashSet};

/// The threshold of `--min-count` when given without a value: 11, the rule of French
/// health-data publication (counts of 1 to 10 are not published, as in the SNDS and
/// the statistics of the Assurance maladie). `3`, the rule of three units of INSEE's
/// statistical secrecy for establishments, is the lighter choice.
pub const PUBLICATION_MIN_COUNT: u64 = 11;

/// Which zone counts of a diagnosis a presentation output suppresses.
///
/// # Example
/// ```
/// # let territory = maillage::bundle::load_bundle("../../data/lyon7".as_ref()).unwrap().territory;
/// use maillage::outputs::Suppression;
/// let diagnosis = maillage::Diagnosis::of(&territory);
/// let none = Suppression::of(&territory, &diagnosis, 0);
/// assert!(!none.is_active());
/// let strict = Suppression::of(&territory, &diagnosis, 11);
/// // Every count from 1 to 10 is hidden, and some larger ones with them.
/// for (i, z) in diagnosis.coverage.zones.iter().enumerate() {
///     if (1..11).contains(&z.actors) {
///         assert!(strict.is_suppressed(i, "actors"));
///     }
/// }
/// ```
#[derive(Debug, Clone, Default)]
pub struct Suppression {
    min_count: u64,
    /// For each zone of the coverage, the names of its suppressed count properties.
    cells: Vec<BTreeSet<String>>,
}

impl Suppression {
    /// The suppression of the zone counts of `diagnosis` under `min_count` (0 or 1:
    /// nothing suppressed).
    ///
    /// # Complexity
    /// O(passes · zones · counted properties); a pass adds at least one suppressed
    /// count, and in practice two or three passes settle.
    pub fn of(territory: &Territory, diagnosis: &Diagnosis, min_count: u64) -> Self {
        let zones = &diagnosis.coverage.zones;
        if min_count <= 1 {
            return Self {
                min_count,
                cells: vec![BTreeSet::new(); zones.len()],
            };
        }
        let kinds = mapped_kinds(territory, diagnosis);
        let sectors: Vec<&String> = territory.taxonomy.sectors.keys().collect();
        // The counted properties, one column each: located actors, sectors, kinds.
        let mut columns: Vec<String> = vec!["actors".to_owned()];
        columns.extend(sectors.iter().map(|s| format!("count_{s}")));
        columns.extend(kinds.iter().map(|k| format!("count_{k}")));
        let sector_column = |s: usize| 1 + s;
        let kind_column = |k: usize| 1 + sectors.len() + k;
        let values: Vec<Vec<u64>> = zones
            .iter()
            .map(|z| {
                let mut row = vec![u64::from(z.actors)];
                row.extend(
                    sectors
                        .iter()
                        .map(|s| u64::from(z.count_by_sector.get(*s).copied().unwrap_or(0))),
                );
                row.extend(
                    kinds
                        .iter()
                        .map(|k| u64::from(z.count_by_kind.get(k).copied().unwrap_or(0))),
                );
                row
            })
            .collect();
        // The published sums, each as the cells (zone, column) it ties together.
        let mut sums: Vec<Vec<(usize, usize)>> = Vec::new();
        for (z, row) in values.iter().enumerate() {
            let mut by_sector = vec![0];
            by_sector.extend((0..sectors.len()).map(sector_column));
            if exact(row, &by_sector) {
                sums.push(by_sector.into_iter().map(|c| (z, c)).collect());
            }
            for (s, sector) in sectors.iter().enumerate() {
                let mut by_kind = vec![sector_column(s)];
                by_kind.extend(
                    kinds
                        .iter()
                        .enumerate()
                        .filter(|(_, k)| {
                            territory
                                .taxonomy
                                .kind(k)
                                .is_some_and(|kind| &kind.sector == *sector)
                        })
                        .map(|(k, _)| kind_column(k)),
                );
                if by_kind.len() > 1 && exact(row, &by_kind) {
                    sums.push(by_kind.into_iter().map(|c| (z, c)).collect());
                }
            }
        }
        // Column totals are published without a cell of their own.
        for c in 0..columns.len() {
            sums.push((0..zones.len()).map(|z| (z, c)).collect());
        }
        let mut hidden: Vec<Vec<bool>> = values
            .iter()
            .map(|row| row.iter().map(|&v| v > 0 && v < min_count).collect())
            .collect();
        loop {
            let mut changed = false;
            for sum in &sums {
                let suppressed = sum.iter().filter(|&&(z, c)| hidden[z][c]).count();
                if suppressed != 1 {
                    continue;
                }
                // The smallest other term, non-zero ones first; cell order breaks ties.
                let other = sum
                    .iter()
                    .filter(|&&(z, c)| !hidden[z][c])
                    .min_by_key(|&&(z, c)| (values[z][c] == 0, values[z][c]));
                if let Some(&(z, c)) = other {
                    hidden[z][c] = true;
                    changed = true;
                }
            }
            if !changed {
                break;
            }
        }
        let cells = hidden
            .iter()
            .map(|row| {
                row.iter()
                    .zip(&columns)
                    .filter(|(h, _)| **h)
                    .map(|(_, name)| name.clone())
                    .collect()
            })
            .collect();
        Self { min_count, cells }
    }

    /// The threshold.
    pub fn min_count(&self) -> u64 {
        self.min_count
    }

    /// Whether anything can be suppressed (a threshold above 1).
    pub fn is_active(&self) -> bool {
        self.min_count > 1
    }

    /// Whether the property `property` (`actors`, `count_<kind>`, `count_<sector>` or
    /// `density_<kind>`) of the zone at index `zone` of the coverage is suppressed.
    pub fn is_suppressed(&self, zone: usize, property: &str) -> bool {
        let Some(cells) = self.cells.get(zone).filter(|c| !c.is_empty()) else {
            return false;
        };
        match property.strip_prefix("density_") {
            Some(kind) => cells.contains(&format!("count_{kind}")),
            None => cells.contains(property),
        }
    }

    /// Whether any count of the zone at index `zone` is suppressed.
    pub fn zone_has_suppressed(&self, zone: usize) -> bool {
        self.cells.get(zone).is_some_and(|c| !c.is_empty())
    }

    /// How many zone counts are suppressed in all.
    pub fn suppressed_count(&self) -> usize {
        self.cells.iter().map(BTreeSet::len).sum()
    }
}

/// Whether the first column of `columns` is the sum of the others in `row`.
fn exact(row: &[u64], columns: &[usize]) -> bool {
    let (total, terms) = columns.split_first().expect("a sum has a total");
    row[*total] == terms.iter().map(|&c| row[c]).sum::<u64>()
}

/// Kinds that get a `count_<kind>` property: the required kinds, then every kind with
/// a located actor, in taxonomy order.
pub(crate) fn mapped_kinds(territory: &Territory, diagnosis: &Diagnosis) -> Vec<String> {
    // The kinds counted in some zone, found in one pass over the zones.
    let counted: HashSet<&str> = diagnosis
        .coverage
        .zones
        .iter()
        .flat_map(|z| z.count_by_kind.keys().map(String::as_str))
        .collect();
    let present = |k: &str| counted.contains(k);
    let mut kinds = territory.analysis.required.clone();
    kinds.extend(
        territory
            .taxonomy
            .kinds
            .keys()
            .filter(|k| present(k) && !territory.analysis.required.contains(k))
            .cloned(),
    );
    kinds
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lyon7() -> (Territory, Diagnosis) {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/lyon7");
        let t = crate::bundle::load_bundle(&dir).unwrap().territory;
        let d = Diagnosis::of(&t);
        (t, d)
    }

    #[test]
    fn no_threshold_suppresses_nothing() {
        let (t, d) = lyon7();
        for m in [0, 1] {
            let s = Suppression::of(&t, &d, m);
            assert!(!s.is_active());
            assert_eq!(s.suppressed_count(), 0);
        }
    }

    /// Every small count is hidden, zeros never are, and no published sum has exactly
    /// one hidden term.
    #[test]
    fn small_counts_are_hidden_and_cannot_be_recovered() {
        let (t, d) = lyon7();
        for m in [2, 3, 5, 11] {
            let s = Suppression::of(&t, &d, m);
            let kinds = mapped_kinds(&t, &d);
            let count = |z: &crate::spatial::ZoneIndicators, k: &str| {
                u64::from(z.count_by_kind.get(k).copied().unwrap_or(0))
            };
            for (i, z) in d.coverage.zones.iter().enumerate() {
                let actors = u64::from(z.actors);
                if actors > 0 && actors < m {
                    assert!(s.is_suppressed(i, "actors"));
                }
                for k in &kinds {
                    let v = count(z, k);
                    if v > 0 && v < m {
                        assert!(
                            s.is_suppressed(i, &format!("count_{k}")),
                            "{m} {} {k}",
                            z.id
                        );
                        assert!(s.is_suppressed(i, &format!("density_{k}")));
                    }
                }
            }
            for (i, z) in d.coverage.zones.iter().enumerate() {
                let hidden = std::iter::once("actors".to_owned())
                    .chain(t.taxonomy.sectors.keys().map(|s| format!("count_{s}")))
                    .filter(|p| s.is_suppressed(i, p))
                    .count();
                assert_ne!(
                    hidden, 1,
                    "zone {} at {m}: one hidden term of its total",
                    z.id
                );
            }
            for k in &kinds {
                let hidden = (0..d.coverage.zones.len())
                    .filter(|&i| s.is_suppressed(i, &format!("count_{k}")))
                    .count();
                assert_ne!(hidden, 1, "column count_{k} at {m} has one hidden cell");
            }
            assert!(s.suppressed_count() > 0);
        }
    }

    #[test]
    fn a_lone_small_count_takes_the_next_smallest_with_it() {
        let (t, d) = lyon7();
        // At 2, only ones are primary; the secondary suppressions keep sums safe.
        let s = Suppression::of(&t, &d, 2);
        let ones: usize = d
            .coverage
            .zones
            .iter()
            .map(|z| z.count_by_kind.values().filter(|&&v| v == 1).count())
            .sum();
        assert!(s.suppressed_count() >= ones);
    }
}
