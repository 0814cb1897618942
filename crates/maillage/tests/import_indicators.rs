//! `maillage import indicators` (docs/import.md): an INSEE-style table joined to the IRIS
//! of a copy of data/lyon7, from the fixtures of tests/import/indicators (made-up
//! values, see the README beside them).

mod common;

use maillage::bundle::{Location, ProblemCode};
use maillage::import::{import_indicators, IndicatorOptions, COMMUNE_LEVEL_SUFFIX};
use maillage::model::Better;
use maillage::outputs::OutputOptions;
use maillage::{load_bundle, Diagnosis};
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/import/indicators")
        .join(name)
}

/// A copy of data/lyon7 in a temporary folder.
fn lyon7() -> tempfile::TempDir {
    example_copy("lyon7")
}

/// A copy of an example of data/ in a temporary folder.
fn example_copy(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    common::copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../data")
            .join(name),
        dir.path(),
    );
    dir
}

fn options(key: &str, better: &[(&str, Better)]) -> IndicatorOptions {
    IndicatorOptions {
        layer: "iris".into(),
        key: key.into(),
        better: better.iter().map(|(c, b)| ((*c).to_owned(), *b)).collect(),
        ..IndicatorOptions::default()
    }
}

fn files(dir: &Path) -> (Vec<u8>, Vec<u8>) {
    (
        std::fs::read(dir.join("territory.toml")).unwrap(),
        std::fs::read(dir.join("zones/iris.geojson")).unwrap(),
    )
}

#[test]
fn an_iris_table_is_joined_declared_and_diagnosed() {
    let dir = lyon7();
    let (manifest_before, _) = files(dir.path());
    let mut o = options(
        "CODE_IRIS",
        &[
            ("DEC_TP6021", Better::Lower),
            ("P21_POP75P_PART", Better::Lower),
        ],
    );
    o.labels
        .insert("DEC_TP6021".into(), "Taux de pauvreté".into());
    o.units.insert("DEC_TP6021".into(), "%".into());
    let report = import_indicators(dir.path(), &fixture("iris_indicateurs.csv"), &o).unwrap();
    assert_eq!(report.level, "zone");
    assert_eq!(report.columns, ["DEC_TP6021", "P21_POP75P_PART"]); // LIBIRIS is text
    assert_eq!((report.rows, report.matched_rows), (4, 3));
    assert_eq!((report.zones, report.zones_with_row), (24, 3));
    assert_eq!(report.zones_without_row.len(), 21);
    assert_eq!(report.unmatched_keys, ["693880101"]);
    assert_eq!(report.declared, ["DEC_TP6021", "P21_POP75P_PART"]);

    // the manifest is the old one with two tables appended
    let (manifest, _) = files(dir.path());
    let manifest = String::from_utf8(manifest).unwrap();
    assert!(manifest.starts_with(std::str::from_utf8(&manifest_before).unwrap()));
    assert!(manifest.ends_with(
        "\n[layers.iris.indicators.DEC_TP6021]\nlabel = \"Taux de pauvreté\"\nunit = \"%\"\nbetter = \"lower\"\n\n[layers.iris.indicators.P21_POP75P_PART]\nlabel = \"P21_POP75P_PART\"\nbetter = \"lower\"\n"
    ));

    // the bundle loads with the values, and diagnose --indicator works
    let t = load_bundle(dir.path()).unwrap().territory;
    let iris = t.layers.iter().find(|l| l.name == "iris").unwrap();
    let zone = |id: &str| iris.zones.iter().find(|z| z.id == id).unwrap();
    assert_eq!(zone("693870101").indicators["DEC_TP6021"], Some(12.5));
    assert_eq!(zone("693870802").indicators["P21_POP75P_PART"], None);
    assert_eq!(zone("693870701").indicators["P21_POP75P_PART"], Some(6.4));
    assert_eq!(zone("693870102").indicators["DEC_TP6021"], None);
    assert!(zone("693870101").indicators["tchom"].is_some()); // kept
    let d = Diagnosis::of(&t);
    let out = OutputOptions {
        indicators: vec!["DEC_TP6021".into()],
        ..OutputOptions::default()
    };
    out.check(&t, &d).unwrap();

    // re-importing replaces the values and keeps the declarations as they are
    let manifest_now = std::fs::read(dir.path().join("territory.toml")).unwrap();
    let o2 = options("CODE_IRIS", &[]);
    let again = import_indicators(dir.path(), &fixture("iris_indicateurs.csv"), &o2).unwrap();
    assert!(again.declared.is_empty());
    assert_eq!(
        std::fs::read(dir.path().join("territory.toml")).unwrap(),
        manifest_now
    );
}

#[test]
fn a_commune_table_is_carried_down_to_the_iris() {
    let dir = lyon7();
    let o = options("CODGEO", &[("TP60", Better::Lower)]);
    let report = import_indicators(dir.path(), &fixture("communes_indicateurs.csv"), &o).unwrap();
    assert_eq!(report.level, "commune");
    assert_eq!((report.matched_rows, report.zones_with_row), (1, 24));
    assert_eq!(report.unmatched_keys, ["69381"]);
    let manifest = std::fs::read_to_string(dir.path().join("territory.toml")).unwrap();
    assert!(manifest.contains(&format!("label = \"TP60{COMMUNE_LEVEL_SUFFIX}\"")));
    let t = load_bundle(dir.path()).unwrap().territory;
    let iris = t.layers.iter().find(|l| l.name == "iris").unwrap();
    assert!(iris
        .zones
        .iter()
        .all(|z| z.indicators["TP60"] == Some(15.2)));
}

#[test]
fn bad_tables_give_every_located_error_and_write_nothing() {
    let dir = lyon7();
    let before = files(dir.path());
    let o = options("CODE_IRIS", &[("DEC_TP6021", Better::Lower)]);
    let mut o = o;
    o.columns = vec!["DEC_TP6021".into()];
    let e = import_indicators(dir.path(), &fixture("invalide_cp1252.csv"), &o).unwrap_err();
    let found: Vec<(Location, Option<&str>, ProblemCode)> = e
        .errors
        .iter()
        .map(|p| (p.location, p.field.as_deref(), p.code))
        .collect();
    assert_eq!(
        found,
        [
            (
                Location::Line(3),
                Some("DEC_TP6021"),
                ProblemCode::BadNumber
            ),
            (
                Location::Line(4),
                Some("CODE_IRIS"),
                ProblemCode::DuplicateId
            ),
            (
                Location::Line(5),
                Some("DEC_TP6021"),
                ProblemCode::BadNumber
            ),
        ]
    );
    let text = e.to_string();
    assert!(text.contains("invalide_cp1252.csv:4"), "{text}");
    assert!(text.contains("n.d."), "{text}");
    assert_eq!(files(dir.path()), before);

    // a new column without --better, an unknown layer, a missing key column
    let e = import_indicators(
        dir.path(),
        &fixture("iris_indicateurs.csv"),
        &options("CODE_IRIS", &[("DEC_TP6021", Better::Lower)]),
    )
    .unwrap_err();
    assert_eq!(e.errors.len(), 1);
    assert_eq!(e.errors[0].field.as_deref(), Some("P21_POP75P_PART"));
    let mut o = options("CODE_IRIS", &[]);
    o.layer = "cantons".into();
    let e = import_indicators(dir.path(), &fixture("iris_indicateurs.csv"), &o).unwrap_err();
    assert_eq!(e.errors[0].code, ProblemCode::UnknownLayer);
    let e = import_indicators(
        dir.path(),
        &fixture("iris_indicateurs.csv"),
        &options("IRIS", &[]),
    )
    .unwrap_err();
    assert_eq!(e.errors[0].code, ProblemCode::MissingColumn);
    assert_eq!(files(dir.path()), before);
}

#[test]
fn a_windows_1252_table_with_semicolons_and_decimal_commas_is_read_as_written() {
    let dir = lyon7();
    let o = options(
        "CODE_IRIS",
        &[
            ("taux_chômage_15_24", Better::Lower),
            ("part_75_ans_et_plus", Better::Lower),
        ],
    );
    let report = import_indicators(dir.path(), &fixture("iris_cp1252.csv"), &o).unwrap();
    assert_eq!(
        report.columns,
        ["taux_chômage_15_24", "part_75_ans_et_plus"]
    );
    assert_eq!((report.rows, report.matched_rows), (4, 3));
    assert_eq!(report.unmatched_keys, ["693880101"]);
    // the manifest stays UTF-8, the accented name quoted as a TOML key
    let manifest = std::fs::read_to_string(dir.path().join("territory.toml")).unwrap();
    assert!(manifest.contains("[layers.iris.indicators.\"taux_chômage_15_24\"]"));

    // a rule raising a need from the imported indicator: the zones above 20 %
    let mut manifest = manifest;
    manifest.push_str(
        "\n[[needs_from_indicators]]\nindicator = \"taux_chômage_15_24\"\nabove = 20\ntheme = \"insertion des jeunes\"\nlevel = 3\n",
    );
    std::fs::write(dir.path().join("territory.toml"), manifest).unwrap();
    let t = load_bundle(dir.path()).unwrap().territory;
    let iris = t.layers.iter().find(|l| l.name == "iris").unwrap();
    let zone = |id: &str| iris.zones.iter().find(|z| z.id == id).unwrap();
    assert_eq!(
        zone("693870101").indicators["taux_chômage_15_24"],
        Some(22.5)
    );
    assert_eq!(
        zone("693870802").indicators["taux_chômage_15_24"],
        Some(31.75)
    );
    assert_eq!(
        zone("693870701").indicators["taux_chômage_15_24"],
        Some(9.0)
    );
    assert_eq!(zone("693870802").indicators["part_75_ans_et_plus"], None);
    let raised: Vec<String> = t
        .needs
        .iter()
        .filter(|n| n.raised_by.is_some())
        .map(|n| t.zone_label(n.zone))
        .collect();
    assert_eq!(raised, ["iris:693870101", "iris:693870802"]);
}

#[test]
fn a_table_whose_keys_match_no_zone_is_refused_naming_them() {
    let dir = lyon7();
    let before = files(dir.path());
    let e = import_indicators(
        dir.path(),
        &fixture("aucune_zone.csv"),
        &options("CODE_IRIS", &[("pauvrete", Better::Lower)]),
    )
    .unwrap_err();
    assert_eq!(e.errors.len(), 1, "{e}");
    let p = &e.errors[0];
    assert_eq!(
        (p.field.as_deref(), p.code),
        (Some("pauvrete"), ProblemCode::MissingValue)
    );
    let french = p.message_in(maillage::lang::Lang::Fr);
    assert!(
        french.contains("693880101") && french.contains("attendu"),
        "{french}"
    );
    assert_eq!(files(dir.path()), before);
}

#[test]
fn renamed_columns_secret_cells_and_values_only_on_real_insee_tables() {
    let dir = example_copy("cevennes"); // its real commune tables in sources/
    let table = dir
        .path()
        .join("sources/insee_filosofi2021_communes_cevennes.csv");
    // the expected values, read here from the INSEE file itself (`;`, decimal commas, `s`)
    let text = std::fs::read_to_string(&table).unwrap();
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split(';').collect();
    let col = |name: &str| header.iter().position(|h| *h == name).unwrap();
    let (code, med, poverty) = (col("CODGEO"), col("MED21"), col("TP6021"));
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split(';').collect()).collect();
    let secret = rows
        .iter()
        .flat_map(|r| [r[med], r[poverty]])
        .filter(|c| *c == "s")
        .count();
    assert!(secret > 20, "the small communes' poverty rates are secret");

    let mut options = IndicatorOptions {
        layer: "cpts".into(),
        key: "CODGEO".into(),
        rename: [
            ("MED21".to_owned(), "median".to_owned()),
            ("TP6021".to_owned(), "pauvrete".to_owned()),
        ]
        .into(),
        better: [
            ("median".to_owned(), Better::Higher),
            ("pauvrete".to_owned(), Better::Lower),
        ]
        .into(),
        ..IndicatorOptions::default()
    };
    let report = import_indicators(dir.path(), &table, &options).unwrap();
    assert_eq!(report.columns, ["median", "pauvrete"]);
    assert_eq!(report.declared, ["median", "pauvrete"]);
    assert_eq!(report.secret_cells, secret);
    let loaded = load_bundle(dir.path()).unwrap().territory;
    let layer = loaded.layers.iter().find(|l| l.name == "cpts").unwrap();
    for zone in &layer.zones {
        let row = rows.iter().find(|r| r[code] == zone.id);
        let expected = |i: usize| {
            row.and_then(|r| (r[i] != "s").then(|| r[i].replace(',', ".").parse::<f64>().unwrap()))
        };
        assert_eq!(zone.indicators["median"], expected(med), "{}", zone.id);
        assert_eq!(
            zone.indicators["pauvrete"],
            expected(poverty),
            "{}",
            zone.id
        );
    }

    // values only: the manifest is left as it was, the layer gets the properties
    let manifest = std::fs::read(dir.path().join("territory.toml")).unwrap();
    options.values_only = true;
    options.better.clear();
    options.rename = [("NBMENFISC21".to_owned(), "menages".to_owned())].into();
    let report = import_indicators(dir.path(), &table, &options).unwrap();
    assert!(report.declared.is_empty());
    assert_eq!(
        std::fs::read(dir.path().join("territory.toml")).unwrap(),
        manifest
    );
    let layer = std::fs::read_to_string(dir.path().join("zones/cpts.geojson")).unwrap();
    assert!(layer.contains("\"menages\":"));
    // without --values-only the same column needs its direction
    options.values_only = false;
    let errors = import_indicators(dir.path(), &table, &options).unwrap_err();
    assert_eq!(errors.errors.len(), 1);
    assert_eq!(errors.errors[0].field.as_deref(), Some("menages"));
}
