//! The supply side of the DREES's APL (accessibilité potentielle localisée): a GP's
//! yearly activity counted within the published bounds (docs/analyses.md §2).

/// The DREES APL activity bounds for GPs, as published in the sheet `Paramètres` of
/// the DREES APL workbook (source: `crates/maillage/data/apl/SOURCES.md`).
pub const DREES_APL_MG_ACTIVITY_BOUNDS: &str =
    include_str!("../../data/apl/drees_apl_mg_bornes_activite.csv");

/// Below this many consultations a year, a GP counts for nothing.
pub const APL_ACTIVITY_MIN: f64 = 250.0;
/// Up to this many, a GP counts for this many (the floor of a working GP).
pub const APL_ACTIVITY_FLOOR: f64 = 3600.0;
/// Above this many, a GP counts for this many (the ceiling).
pub const APL_ACTIVITY_CEILING: f64 = 6000.0;

/// The activity the DREES APL counts for a GP who gave `consultations` consultations,
/// visits and teleconsultations in the year: fewer than 250 → 0; 250 to 3,600 → 3,600;
/// 3,600 to 6,000 → as is; more than 6,000 → 6,000. The published table reads "moins
/// de 250", "entre 251 et 3 600": a count of exactly 250, which it leaves out, counts
/// 3,600 here. Not a number counts 0.
///
/// The DREES imputes 5,400 to a GP without liberal activity the year before, and does
/// not bound the activity of health centres: those are the user's to give as they are
/// (docs/analyses.md §2).
///
/// # Example
/// ```
/// use maillage::spatial::apl_activity;
/// assert_eq!(apl_activity(120.0), 0.0);
/// assert_eq!(apl_activity(250.0), 3600.0);
/// assert_eq!(apl_activity(2900.0), 3600.0);
/// assert_eq!(apl_activity(4321.5), 4321.5);
/// assert_eq!(apl_activity(9000.0), 6000.0);
/// assert_eq!(apl_activity(f64::NAN), 0.0);
/// ```
pub fn apl_activity(consultations: f64) -> f64 {
    if consultations.is_nan() || consultations < APL_ACTIVITY_MIN {
        0.0
    } else if consultations <= APL_ACTIVITY_FLOOR {
        APL_ACTIVITY_FLOOR
    } else {
        consultations.min(APL_ACTIVITY_CEILING)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The bounds above are the published file's: its first column names the counts
    /// (French thousands separated by a space), its second the activity counted.
    #[test]
    fn the_bounds_are_the_published_ones() {
        let rows: Vec<(String, String)> = DREES_APL_MG_ACTIVITY_BOUNDS
            .lines()
            .skip(1)
            .map(|l| {
                let (a, b) = l.split_once(',').unwrap();
                (a.replace(' ', ""), b.to_owned())
            })
            .collect();
        assert_eq!(rows.len(), 4);
        assert_eq!(rows[0], ("Moinsde250".to_owned(), "0".to_owned()));
        assert_eq!(rows[1], ("Entre251et3600".to_owned(), "3600".to_owned()));
        assert!(rows[2].0 == "Entre3601et6000" && rows[2].1.starts_with("Nombre de consultations"));
        assert_eq!(rows[3], ("Plusde6000".to_owned(), "6000".to_owned()));
        assert_eq!(
            (APL_ACTIVITY_MIN, APL_ACTIVITY_FLOOR, APL_ACTIVITY_CEILING),
            (250.0, 3600.0, 6000.0)
        );
        assert_eq!(apl_activity(249.0), 0.0);
        assert_eq!(apl_activity(251.0), 3600.0);
        assert_eq!(apl_activity(3600.0), 3600.0);
        assert_eq!(apl_activity(3601.0), 3601.0);
        assert_eq!(apl_activity(6000.0), 6000.0);
        assert_eq!(apl_activity(6001.0), 6000.0);
    }
}
