//! The example bundles round-trip CSV → workbook → CSV: the workbook bundle loads as the
//! same territory as the CSV bundle, and `write_bundle` writes it back as CSV that loads
//! equal again; the same bundle gives the same workbook bytes.

mod common;
use common::assert_same;
use maillage::bundle::{load_bundle, write_bundle, write_workbook_bundle};
use maillage::Territory;
use std::path::Path;

#[test]
fn the_example_bundles_round_trip_csv_workbook_csv_equal() {
    for name in ["lyon7", "grenoble_sud", "cevennes"] {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../data")
            .join(name);
        let csv = load_bundle(&dir).unwrap();
        let tmp = tempfile::tempdir().unwrap();
        let workbook = tmp.path().join("classeur").join(format!("{name}.xlsx"));
        write_workbook_bundle(&dir, &workbook).unwrap();
        let xlsx =
            load_bundle(&tmp.path().join("classeur")).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_same(&csv.territory, &xlsx.territory, name);
        // the rows keep their lines: the CSV files have no line breaks in cells
        let lines = |t: &Territory| t.actors.iter().map(|a| a.line).collect::<Vec<_>>();
        assert_eq!(lines(&csv.territory), lines(&xlsx.territory), "{name}");
        // the same warnings, at the same places (a sheet's row for a CSV line)
        let places = |l: &maillage::Loaded| {
            l.warnings
                .iter()
                .map(|w| {
                    (
                        w.code,
                        w.line(),
                        w.message_in(maillage::lang::Lang::En)
                            .replace("acteurs", "actors.csv"),
                    )
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(places(&csv), places(&xlsx), "{name}");
        // back to CSV, by the one writer of the format
        let back = tmp.path().join("csv");
        write_bundle(&xlsx.territory, &back).unwrap();
        let again = load_bundle(&back).unwrap();
        assert_same(&csv.territory, &again.territory, name);
        // the same bundle, the same bytes
        let other = tmp.path().join("encore").join(format!("{name}.xlsx"));
        write_workbook_bundle(&dir, &other).unwrap();
        assert!(
            std::fs::read(&workbook).unwrap() == std::fs::read(&other).unwrap(),
            "{name}: two conversions differ"
        );
        // a workbook bundle converts again, to the same workbook
        let twice = tmp.path().join("deux").join(format!("{name}.xlsx"));
        write_workbook_bundle(&tmp.path().join("classeur"), &twice).unwrap();
        assert!(
            std::fs::read(&workbook).unwrap() == std::fs::read(&twice).unwrap(),
            "{name}: a workbook bundle converts to another workbook"
        );
    }
}

#[test]
fn convert_refuses_a_folder_that_would_hold_the_tables_twice() {
    let lyon7 = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/lyon7");
    let e = write_workbook_bundle(&lyon7, &lyon7.join("lyon7.xlsx")).unwrap_err();
    assert!(e.to_string().contains("est le dossier du bundle"), "{e}");
    assert!(!lyon7.join("lyon7.xlsx").exists());
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("actors.csv"), "id,name,kind\n").unwrap();
    let e = write_workbook_bundle(&lyon7, &tmp.path().join("t.xlsx")).unwrap_err();
    assert!(e.to_string().contains("contient déjà actors.csv"), "{e}");
    let e = write_workbook_bundle(&lyon7, &tmp.path().join("t.ods")).unwrap_err();
    assert!(e.to_string().contains("doit être un fichier .xlsx"), "{e}");
    // a bundle with errors is not converted
    let bad =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/bundles/invalid/unknown_kind");
    let e = write_workbook_bundle(&bad, &tmp.path().join("x").join("t.xlsx")).unwrap_err();
    assert!(e.to_string().starts_with("le bundle a 1 erreur"), "{e}");
}
