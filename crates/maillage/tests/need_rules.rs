//! Needs raised from a zone indicator by `[[needs_from_indicators]]` (docs/bundle.md,
//! docs/analyses.md §3), on a copy of data/lyon7 whose IRIS layer declares the
//! unemployment rate `tchom` (real values, 7.34 to 22.3 %). The zones each rule must
//! raise are computed here from the GeoJSON file itself, not from the loader.

mod common;

use maillage::bundle::{load_bundle, write_bundle, Location, ProblemCode};
use maillage::gaps::{need_gaps, NeedStatus};
use maillage::model::Threshold;
use maillage::outputs::{OutputFile, OutputOptions};
use maillage::{Diagnosis, Territory};
use std::path::{Path, PathBuf};

/// A copy of data/lyon7 with `rules` appended to its manifest (and `needs` appended
/// to its needs.csv).
fn bundle_with(rules: &str, needs: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let bundle = dir.path().join("lyon7");
    common::copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/lyon7"),
        &bundle,
    );
    let mut manifest = std::fs::read_to_string(bundle.join("territory.toml")).unwrap();
    manifest.push_str(rules);
    std::fs::write(bundle.join("territory.toml"), manifest).unwrap();
    let mut csv = std::fs::read_to_string(bundle.join("needs.csv")).unwrap();
    csv.push_str(needs);
    std::fs::write(bundle.join("needs.csv"), csv).unwrap();
    (dir, bundle)
}

/// The IRIS of data/lyon7 with their `tchom`, read from the GeoJSON file.
fn iris_tchom() -> Vec<(String, f64)> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/lyon7/zones/iris.geojson");
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    json["features"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let p = &f["properties"];
            (
                format!("iris:{}", p["id"].as_str().unwrap()),
                p["tchom"].as_f64().unwrap(),
            )
        })
        .collect()
}

/// The raised needs of a territory as (zone, theme, level, source).
fn raised(t: &Territory) -> Vec<(String, String, u8, String)> {
    t.needs
        .iter()
        .filter(|n| n.raised_by.is_some())
        .map(|n| {
            (
                t.zone_label(n.zone),
                n.theme.label().to_owned(),
                n.level,
                n.source.clone().unwrap(),
            )
        })
        .collect()
}

const ABOVE_15: &str = r#"
[[needs_from_indicators]]
indicator = "tchom"
above = 15
theme = "insertion"
level = 2
"#;

#[test]
fn a_rule_raises_a_need_in_each_zone_above_its_threshold() {
    let (_dir, bundle) = bundle_with(ABOVE_15, "");
    let loaded = load_bundle(&bundle).unwrap();
    let t = &loaded.territory;
    let expected: Vec<String> = iris_tchom()
        .into_iter()
        .filter(|(_, v)| *v > 15.0)
        .map(|(z, _)| z)
        .collect();
    assert_eq!(expected.len(), 7, "the real values: 15.45 to 22.3");
    let got = raised(t);
    assert_eq!(
        got.iter().map(|r| r.0.clone()).collect::<Vec<_>>(),
        expected
    );
    for (_, theme, level, source) in &got {
        assert_eq!((theme.as_str(), *level), ("insertion", 2));
        assert_eq!(source, "indicateur tchom > 15 %");
    }
    // the written needs come first, unchanged
    let plain = load_bundle(Path::new("../../data/lyon7"))
        .unwrap()
        .territory;
    assert_eq!(t.needs[..plain.needs.len()], plain.needs[..]);
    assert_eq!(t.needs.len(), plain.needs.len() + 7);
    assert_eq!(t.analysis.need_rules.len(), 1);
    assert_eq!(t.analysis.need_rules[0].threshold, Threshold::Above(15.0));
    assert_eq!(t.analysis.need_rules[0].line, 40);

    // they join the need gaps, marked, and no actor of lyon7 works on "insertion"
    let gaps = need_gaps(t, t.date);
    let marked: Vec<&str> = gaps
        .iter()
        .filter(|g| g.raised)
        .map(|g| g.zone.as_str())
        .collect();
    assert_eq!(marked, expected);
    assert!(gaps
        .iter()
        .filter(|g| g.raised)
        .all(|g| g.status == NeedStatus::Uncovered));
    assert_eq!(gaps.iter().filter(|g| !g.raised).count(), plain.needs.len());
}

#[test]
fn the_outputs_show_the_raised_needs_and_where_they_come_from() {
    let (_dir, bundle) = bundle_with(ABOVE_15, "");
    let t = load_bundle(&bundle).unwrap().territory;
    let d = Diagnosis::of(&t);
    let options = OutputOptions::default();
    let gaps = OutputFile::GapsCsv.render(&t, &d, &options);
    let mut reader = csv::Reader::from_reader(gaps.as_slice());
    let header = reader.headers().unwrap().clone();
    assert_eq!(header.len(), 8);
    assert_eq!(&header[7], "raised_from");
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert!(rows.iter().all(|r| r.len() == 8));
    let raised_rows: Vec<&csv::StringRecord> = rows.iter().filter(|r| !r[7].is_empty()).collect();
    assert_eq!(raised_rows.len(), 7);
    assert!(raised_rows
        .iter()
        .all(|r| &r[0] == "need" && &r[4] == "insertion" && &r[7] == "indicateur tchom > 15 %"));
    assert_eq!(
        rows.iter().filter(|r| &r[0] == "need").count(),
        t.needs.len()
    );

    let report = String::from_utf8(OutputFile::ReportHtml.render(&t, &d, &options)).unwrap();
    assert!(report.contains("Dont 7 levés d’un indicateur de zone"));
    assert_eq!(
        report
            .matches(&common::escaped("indicateur tchom > 15 %"))
            .count(),
        7
    );
    let summary = String::from_utf8(OutputFile::SummaryTxt.render(&t, &d, &options)).unwrap();
    assert!(
        summary.contains("dont 7 besoins levés d’un indicateur"),
        "{summary}"
    );

    // without a rule, gaps.csv keeps its seven columns
    let plain = load_bundle(Path::new("../../data/lyon7"))
        .unwrap()
        .territory;
    let plain_gaps = OutputFile::GapsCsv.render(&plain, &Diagnosis::of(&plain), &options);
    let mut reader = csv::Reader::from_reader(plain_gaps.as_slice());
    assert_eq!(reader.headers().unwrap().len(), 7);
}

#[test]
fn a_written_need_wins_and_the_higher_level_of_two_rules_wins() {
    let values = iris_tchom();
    // a need written by hand in the worst IRIS, on the same theme written otherwise
    let worst = values
        .iter()
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .unwrap()
        .0
        .clone();
    let rules = format!(
        "{ABOVE_15}\n[[needs_from_indicators]]\nlayer = \"iris\"\nindicator = \"tchom\"\nabove = 17.5\ntheme = \"INSERTION\"\nlevel = 3\n"
    );
    let (_dir, bundle) = bundle_with(&rules, &format!("{worst},Insertion,1,CLS\n"));
    let t = load_bundle(&bundle).unwrap().territory;
    let mut expected: Vec<(String, u8)> = values
        .iter()
        .filter(|(z, v)| *v > 15.0 && *z != worst)
        .map(|(z, v)| (z.clone(), if *v > 17.5 { 3 } else { 2 }))
        .collect();
    expected.sort();
    let mut got: Vec<(String, u8)> = raised(&t).into_iter().map(|r| (r.0, r.2)).collect();
    got.sort();
    assert_eq!(got, expected);
    assert_eq!(expected.iter().filter(|e| e.1 == 3).count(), 3);
    // one need per zone and theme
    let mut keys: Vec<(String, String)> = t
        .needs
        .iter()
        .map(|n| (t.zone_label(n.zone), n.theme.key().to_owned()))
        .filter(|(_, theme)| theme == "insertion")
        .collect();
    let before = keys.len();
    keys.sort();
    keys.dedup();
    assert_eq!(keys.len(), before);
    let written = t
        .needs
        .iter()
        .find(|n| t.zone_label(n.zone) == worst && n.theme.key() == "insertion")
        .unwrap();
    assert_eq!((written.level, written.raised_by), (1, None));
    // the level-3 needs say the second rule's threshold
    assert!(t
        .needs
        .iter()
        .filter(|n| n.raised_by == Some(1))
        .all(|n| n.source.as_deref() == Some("indicateur tchom > 17.5 %") && n.level == 3));
}

#[test]
fn a_rule_below_a_threshold_limited_to_some_zones() {
    let values = iris_tchom();
    let chosen: Vec<&str> = values.iter().take(12).map(|(z, _)| z.as_str()).collect();
    let rules = format!(
        "\n[[needs_from_indicators]]\nindicator = \"tchom\"\nbelow = 10.5\ntheme = \"prévention\"\nlevel = 1\nzones = [{}]\n",
        chosen
            .iter()
            .map(|z| format!("\"{z}\""))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let (_dir, bundle) = bundle_with(&rules, "");
    let t = load_bundle(&bundle).unwrap().territory;
    let expected: Vec<String> = values
        .iter()
        .take(12)
        .filter(|(_, v)| *v < 10.5)
        .map(|(z, _)| z.clone())
        .collect();
    let all_below = values.iter().filter(|(_, v)| *v < 10.5).count();
    assert!(!expected.is_empty() && expected.len() < all_below);
    let got = raised(&t);
    assert_eq!(
        got.iter().map(|r| r.0.clone()).collect::<Vec<_>>(),
        expected
    );
    assert!(got
        .iter()
        .all(|r| r.2 == 1 && r.3 == "indicateur tchom < 10.5 %"));
}

#[test]
fn the_bundle_writer_writes_the_rules_back_not_the_needs_they_raise() {
    let values = iris_tchom();
    let rules = format!(
        "{ABOVE_15}\n[[needs_from_indicators]]\nindicator = \"tchom\"\nbelow = 9\ntheme = \"veille\"\nlevel = 1\nzones = [\"{}\", \"{}\"]\n",
        values[0].0, values[1].0
    );
    let (dir, bundle) = bundle_with(&rules, "");
    let t = load_bundle(&bundle).unwrap().territory;
    let out = dir.path().join("written");
    write_bundle(&t, &out).unwrap();
    let manifest = std::fs::read_to_string(out.join("territory.toml")).unwrap();
    assert_eq!(manifest.matches("[[needs_from_indicators]]").count(), 2);
    let needs_csv = std::fs::read_to_string(out.join("needs.csv")).unwrap();
    assert!(!needs_csv.contains("insertion") && !needs_csv.contains("indicateur"));
    let again = load_bundle(&out).unwrap().territory;
    common::assert_same(&t, &again, "written back");
    assert_eq!(raised(&again), raised(&t));
    // and once more: the same text
    let out2 = dir.path().join("written2");
    write_bundle(&again, &out2).unwrap();
    assert_eq!(
        std::fs::read_to_string(out2.join("territory.toml")).unwrap(),
        manifest
    );
}

/// The one error of a bundle whose manifest ends with `rule`, at the rule's line.
fn refused(rule: &str) -> maillage::bundle::Problem {
    let (_dir, bundle) = bundle_with(rule, "");
    let errors = load_bundle(&bundle).unwrap_err().errors;
    assert_eq!(errors.len(), 1, "{errors:?}");
    let p = errors.into_iter().next().unwrap();
    assert_eq!(p.file, "territory.toml");
    assert_eq!(p.location, Location::Line(40), "{p}");
    let french = p.message_in(maillage::lang::Lang::Fr);
    let english = p.message_in(maillage::lang::Lang::En);
    assert!(french.contains("attendu"), "{french}");
    assert!(english.contains("expected"), "{english}");
    assert!(
        french.starts_with("[[needs_from_indicators]] n° 1 : "),
        "{french}"
    );
    p
}

#[test]
fn a_bad_rule_is_refused_where_it_is_written() {
    let rule = |body: &str| format!("\n[[needs_from_indicators]]\n{body}\n");
    let p = refused(&rule(
        "indicator = \"chomage\"\nabove = 15\ntheme = \"insertion\"",
    ));
    assert_eq!(
        p.field.as_deref(),
        Some("needs_from_indicators[1].indicator")
    );
    assert!(p
        .message_in(maillage::lang::Lang::Fr)
        .contains("iris.tchom"));

    let p = refused(&rule(
        "layer = \"qpv\"\nindicator = \"tchom\"\nabove = 15\ntheme = \"insertion\"",
    ));
    assert!(p
        .message_in(maillage::lang::Lang::Fr)
        .contains("la couche « qpv » ne déclare pas"));

    let p = refused(&rule(
        "layer = \"communes\"\nindicator = \"tchom\"\nabove = 15\ntheme = \"insertion\"",
    ));
    assert_eq!(p.code, ProblemCode::UnknownLayer);

    let p = refused(&rule(
        "indicator = \"tchom\"\nabove = 15\nbelow = 8\ntheme = \"insertion\"",
    ));
    assert!(p
        .message_in(maillage::lang::Lang::Fr)
        .contains("ni above ni below, ou les deux"));
    refused(&rule("indicator = \"tchom\"\ntheme = \"insertion\""));

    let p = refused(&rule(
        "indicator = \"tchom\"\nabove = \"quinze\"\ntheme = \"insertion\"",
    ));
    assert_eq!(
        (p.code, p.field.as_deref()),
        (
            ProblemCode::BadNumber,
            Some("needs_from_indicators[1].above")
        )
    );
    refused(&rule(
        "indicator = \"tchom\"\nabove = nan\ntheme = \"insertion\"",
    ));

    for level in ["0", "4", "\"2\"", "2.5"] {
        let p = refused(&rule(&format!(
            "indicator = \"tchom\"\nabove = 15\ntheme = \"insertion\"\nlevel = {level}"
        )));
        assert_eq!(p.field.as_deref(), Some("needs_from_indicators[1].level"));
    }
    refused(&rule("indicator = \"tchom\"\nabove = 15"));
    refused(&rule("indicator = \"tchom\"\nabove = 15\ntheme = \"  \""));
    let p = refused(&rule(
        "indicator = \"tchom\"\nabove = 15\ntheme = \"insertion\"\nseuil = 3",
    ));
    assert!(p
        .message_in(maillage::lang::Lang::Fr)
        .contains("clé inconnue « seuil »"));
    let p = refused(&rule(
        "indicator = \"tchom\"\nabove = 15\ntheme = \"insertion\"\nzones = [\"qpv:QP069033\"]",
    ));
    assert!(p
        .message_in(maillage::lang::Lang::Fr)
        .contains("n’est pas de la couche « iris »"));
    let p = refused(&rule(
        "indicator = \"tchom\"\nabove = 15\ntheme = \"insertion\"\nzones = [\"iris:999\"]",
    ));
    assert!(p
        .message_in(maillage::lang::Lang::Fr)
        .contains("n’a pas de zone « 999 »"));
    refused(&rule(
        "indicator = \"tchom\"\nabove = 15\ntheme = \"insertion\"\nzones = []",
    ));
    refused(&rule(
        "indicator = \"tchom\"\nabove = 15\ntheme = \"insertion\"\nzones = \"iris:693870101\"",
    ));
}
