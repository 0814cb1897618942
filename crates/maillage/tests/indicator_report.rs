//! The declared zone indicators in the diagnosis and its outputs (docs/analyses.md §2,
//! "Declared zone indicators"; docs/outputs.md): priority zones against the others, the
//! zones ranked from the worst off, the report's « Indicateurs des quartiers », the
//! summary's line and indicators.csv.
//!
//! data/lyon7 declares `tchom`, the unemployment rate of its IRIS (real INSEE values,
//! 7.34 % to 22.3 %, better lower); its one priority zone is Cité-Jardin. The variant
//! built below changes that bundle's values to make ties and turns the indicator
//! around (better higher): those values are SYNTHETIC, made up for the test.

use maillage::bundle::load_bundle_bytes;
use maillage::lang::{set_language, Lang};
use maillage::model::Better;
use maillage::outputs::{OutputFile, OutputOptions};
use maillage::{load_bundle, Diagnosis, Territory};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn data(bundle: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../data")
        .join(bundle)
}

fn lyon7() -> Territory {
    load_bundle(&data("lyon7")).unwrap().territory
}

fn render(file: OutputFile, t: &Territory, d: &Diagnosis) -> String {
    String::from_utf8(file.render(t, d, &OutputOptions::default())).unwrap()
}

/// The report's « Indicateurs des quartiers » section.
fn section(report: &str) -> &str {
    let start = report
        .find("<section id=\"indicateurs\">")
        .expect("the section");
    &report[start..start + report[start..].find("</section>").unwrap()]
}

#[test]
fn lyon7_unemployment_in_priority_zones_and_elsewhere() {
    let t = lyon7();
    let d = Diagnosis::of(&t);
    let [tchom] = &d.coverage.declared[..] else {
        panic!("one declared indicator")
    };
    assert_eq!(
        (tchom.property.as_str(), tchom.better),
        ("tchom", Better::Lower)
    );
    let c = &tchom.comparison;
    // Cité-Jardin alone: its own rate
    assert_eq!(c.priority, Some(22.3));
    // Σ P·x / Σ P over the 23 other IRIS, from zones.csv by hand: 12.8264727707...
    assert!((c.other.unwrap() - 12.826_472_770_711_83).abs() < 1e-9);
    assert_eq!((c.priority_with_value, c.other_with_value), (1, 23));
    assert!(tchom.without_value.is_empty());
}

#[test]
fn lyon7_zones_ranked_from_the_highest_unemployment() {
    let t = lyon7();
    let d = Diagnosis::of(&t);
    let ranking = &d.coverage.declared[0].ranking;
    assert_eq!(ranking.len(), 24);
    let first: Vec<(&str, f64)> = ranking[..4]
        .iter()
        .map(|r| (r.name.as_str(), r.value))
        .collect();
    assert_eq!(
        first,
        [
            ("Cite-Jardin", 22.3),
            ("Saint-Michel", 18.53),
            ("Tony Garnier", 17.96),
            ("Jean-Jaurès Nord", 17.83)
        ]
    );
    let last = ranking.last().unwrap();
    assert_eq!(
        (last.name.as_str(), last.value, last.rank),
        ("Le Fleuve", 7.34, 24)
    );
    for w in ranking.windows(2) {
        assert!(w[0].value >= w[1].value);
        assert_eq!(w[1].rank, w[0].rank + 1);
    }
    // the figures beside each zone are the coverage's
    let cite = &ranking[0];
    let z = &d.coverage.zones[cite.zone];
    assert!(cite.priority && z.priority && z.id == cite.id);
    assert_eq!(cite.count["medecin_generaliste"], 1);
    assert_eq!(
        cite.access["medecin_generaliste"],
        z.access["medecin_generaliste"]
    );
    assert_eq!(cite.actors, z.actors);
}

#[test]
fn the_report_summary_and_table_give_the_figures_in_french_and_in_english() {
    let t = lyon7();
    let d = Diagnosis::of(&t);
    // one test sets the language, so that no other test renders in English meanwhile
    set_language(Lang::Fr);
    let report = render(OutputFile::ReportHtml, &t, &d);
    let s = section(&report);
    assert!(s.contains("<h2>Indicateurs des quartiers</h2>"));
    assert!(s.contains("Taux de chômage (%) <span class=\"note\">(plus bas est mieux)</span></td><td class=\"num\">22,30</td><td class=\"num\">12,83</td><td class=\"num\">9,47</td><td class=\"num\">1 / 23</td><td class=\"num\">0</td>"));
    assert!(s.contains("<td class=\"num\">1</td><td>Cite-Jardin <span class=\"note\">(693870703)</span></td><td>oui</td><td class=\"num\">22,30</td><td class=\"num\">4\u{202F}591</td><td class=\"num\">14</td><td class=\"num\">1 · 2,4</td>"));
    // ten zones shown, the fourteen others summarised
    assert_eq!(s.matches("<tr><td class=\"num\">").count(), 10);
    assert!(s.contains("Les 14 autres zones classées vont de 13,51 à 7,34, dont 0 prioritaire"));
    assert!(s.contains("id=\"carte-indicateur-1\""));
    assert!(report.contains("<a href=\"#indicateurs\">Indicateurs des quartiers</a>"));
    let summary = render(OutputFile::SummaryTxt, &t, &d);
    assert!(summary.contains("indicateur « Taux de chômage (%) » (plus bas est mieux) : zones prioritaires 22.30, autres zones 12.83 (moyennes pondérées par la population ; 24 zones renseignées sur 24) ; la plus touchée : Cite-Jardin (22.3)\n"));

    set_language(Lang::En);
    let english = render(OutputFile::ReportHtml, &t, &d);
    let summary_en = render(OutputFile::SummaryTxt, &t, &d);
    set_language(Lang::Fr);
    let s = section(&english);
    assert!(s.contains("<h2>Neighbourhood indicators</h2>"));
    assert!(s.contains(
        "(lower is better)</span></td><td class=\"num\">22.30</td><td class=\"num\">12.83</td>"
    ));
    assert!(s.contains("<td>Cite-Jardin <span class=\"note\">(693870703)</span></td><td>yes</td><td class=\"num\">22.30</td><td class=\"num\">4,591</td>"));
    assert!(s.contains("The 14 other ranked zones range from 13.51 to 7.34, 0 of them priority"));
    assert!(!s.contains("plus bas est mieux"));
    assert!(summary_en.contains("indicator \"Taux de chômage (%)\" (lower is better): priority zones 22.30, other zones 12.83"));

    let csv = render(OutputFile::IndicatorsCsv, &t, &d);
    let mut lines = csv.lines();
    assert!(lines.next().unwrap().starts_with(
        "indicator,better,rank,id,name,priority,population,value,actors,count_medecin_generaliste,access_medecin_generaliste,"
    ));
    assert!(lines
        .next()
        .unwrap()
        .starts_with("tchom,lower,1,693870703,Cite-Jardin,true,4591,22.3,14,1,"));
    assert_eq!(csv.lines().count(), 25);
}

#[test]
fn a_layer_without_indicators_gives_no_section() {
    let t = load_bundle(&data("grenoble_sud")).unwrap().territory;
    assert!(t.coverage_layer().indicators.is_empty());
    let d = Diagnosis::of(&t);
    assert!(d.coverage.declared.is_empty());
    let report = render(OutputFile::ReportHtml, &t, &d);
    assert!(!report.contains("id=\"indicateurs\""));
    assert!(!report.contains("carte-indicateur"));
    let csv = render(OutputFile::IndicatorsCsv, &t, &d);
    assert_eq!(csv.lines().count(), 1, "the header only");
}

/// data/lyon7 with SYNTHETIC values: `tchom` now better higher, Pasteur and Mairie at
/// 5 (a tie), Cité-Jardin at 9, Le Fleuve without a value, every other IRIS at 20
/// plus its feature's index.
fn turned_around() -> Territory {
    let dir = data("lyon7");
    let mut files = BTreeMap::new();
    for name in [
        "territory.toml",
        "actors.csv",
        "relations.csv",
        "actions.csv",
        "needs.csv",
        "zones/iris.geojson",
        "zones/qpv.geojson",
        "zones/arrondissement.geojson",
    ] {
        files.insert(name.to_owned(), std::fs::read(dir.join(name)).unwrap());
    }
    let manifest = String::from_utf8(files["territory.toml"].clone()).unwrap();
    let manifest = manifest.replacen("better = \"lower\"", "better = \"higher\"", 1);
    files.insert("territory.toml".into(), manifest.into_bytes());
    let mut iris: serde_json::Value = serde_json::from_slice(&files["zones/iris.geojson"]).unwrap();
    for (i, f) in iris["features"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .enumerate()
    {
        let p = f["properties"].as_object_mut().unwrap();
        let value = match p["libiris"].as_str().unwrap() {
            "Pasteur" | "Mairie" => serde_json::json!(5.0),
            "Cite-Jardin" => serde_json::json!(9.0),
            "Le Fleuve" => serde_json::Value::Null,
            _ => serde_json::json!(20.0 + i as f64),
        };
        p.insert("tchom".into(), value);
    }
    files.insert(
        "zones/iris.geojson".into(),
        serde_json::to_vec(&iris).unwrap(),
    );
    load_bundle_bytes(&files).unwrap().territory
}

#[test]
fn better_higher_ranks_the_lowest_first_ties_by_zone_id_and_darkens_the_lowest() {
    let t = turned_around();
    let d = Diagnosis::of(&t);
    let tchom = &d.coverage.declared[0];
    assert_eq!(tchom.better, Better::Higher);
    let first: Vec<(&str, &str, f64)> = tchom.ranking[..3]
        .iter()
        .map(|r| (r.id.as_str(), r.name.as_str(), r.value))
        .collect();
    // Pasteur (693870101) before Mairie (693870203): equal values, by zone id
    assert_eq!(
        first,
        [
            ("693870101", "Pasteur", 5.0),
            ("693870203", "Mairie", 5.0),
            ("693870703", "Cite-Jardin", 9.0)
        ]
    );
    assert_eq!(tchom.ranking.len(), 23);
    assert_eq!(tchom.without_value, ["693870602"]); // Le Fleuve
    let c = &tchom.comparison;
    assert_eq!(
        (c.priority, c.priority_with_value, c.other_with_value),
        (Some(9.0), 1, 22)
    );
    assert!(tchom.ranking[3..]
        .windows(2)
        .all(|w| w[0].value < w[1].value));
    assert_eq!(tchom.ranking.last().unwrap().value, 20.0 + 23.0);

    // the map: the lowest values (worst off here) take the darkest colour
    let options = OutputOptions {
        indicators: vec!["tchom".into()],
        ..OutputOptions::default()
    };
    let map: serde_json::Value =
        serde_json::from_slice(&OutputFile::ZonesGeojson.render(&t, &d, &options)).unwrap();
    let classes = map["legend"]["classes"].as_array().unwrap();
    let palette = maillage::outputs::Palettes::builtin();
    let darkest = palette.default_sequential().last().unwrap();
    assert_eq!(classes[0]["min"], 5.0);
    assert_eq!(&classes[0]["color"], darkest.as_str());
    // and lyon7 as it is, better lower: the highest rate is the darkest
    let lyon = lyon7();
    let map: serde_json::Value = serde_json::from_slice(&OutputFile::ZonesGeojson.render(
        &lyon,
        &Diagnosis::of(&lyon),
        &options,
    ))
    .unwrap();
    let classes = map["legend"]["classes"].as_array().unwrap();
    assert_eq!(classes.last().unwrap()["max"], 22.3);
    assert_eq!(&classes.last().unwrap()["color"], darkest.as_str());

    // the report: the zone without a value named, not ranked; its map said to be above
    let report = String::from_utf8(OutputFile::ReportHtml.render(&t, &d, &options)).unwrap();
    let s = section(&report);
    assert!(s.contains("Sans valeur, donc non classée : 1 zone (Le Fleuve)."));
    assert!(s.contains("La carte de « Taux de chômage (%) » est plus haut"));
    assert!(!s.contains("carte-indicateur-1"));
    assert!(s.contains("1 / 22</td><td class=\"num\">1</td>"));
}
