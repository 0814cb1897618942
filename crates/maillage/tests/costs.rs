//! The cost table (docs/bundle.md, "Travel costs"): what it changes in access, and every
//! kind of bad input reported at once, located, with nothing loaded.

use maillage::bundle::{
    load_bundle, load_bundle_bytes, read_cost_table_bytes, Location, ProblemCode,
};
use maillage::lang::Lang;
use maillage::model::{CostDecay, CostUnit, Destination, Territory, ZoneIx};
use maillage::spatial::zone_coverage;
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

const MINIMAL: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../tests/bundles/valid/minimal"
);

fn minimal_files() -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    for name in [
        "territory.toml",
        "actors.csv",
        "relations.csv",
        "actions.csv",
        "needs.csv",
        "zones/quartiers.geojson",
        "zones/qpv.geojson",
    ] {
        files.insert(
            name.to_owned(),
            std::fs::read(Path::new(MINIMAL).join(name)).unwrap(),
        );
    }
    files
}

fn with_costs(settings: &str, table: &[u8]) -> BTreeMap<String, Vec<u8>> {
    let mut files = minimal_files();
    let mut manifest = String::from_utf8(files["territory.toml"].clone()).unwrap();
    manifest.push_str(&format!(
        "\n[analysis.costs]\nfile = \"couts.csv\"\n{settings}"
    ));
    files.insert("territory.toml".into(), manifest.into_bytes());
    files.insert("couts.csv".into(), table.to_vec());
    files
}

fn minimal() -> Territory {
    load_bundle(Path::new(MINIMAL)).unwrap().territory
}

#[test]
fn a_windows_1252_table_with_semicolons_and_decimal_commas_is_read_with_a_warning() {
    // an actor whose id has an accent, named by a table saved as Windows-1252
    let mut files = minimal_files();
    let mut actors = String::from_utf8(files["actors.csv"].clone()).unwrap();
    actors.push_str("médecin4,Dr Élise,medecin_generaliste,,,4.8450,45.7350,1,,,\n");
    files.insert("actors.csv".into(), actors.into_bytes());
    let table: &[u8] = b"origin;destination;minutes;metres\r\nQ1;mg1;4,5;900\r\nQ1;m\xe9decin4;12,25;2000\r\nQ2;Q1;7;1400\r\n;;;\r\n";
    let mut manifest = String::from_utf8(files["territory.toml"].clone()).unwrap();
    manifest.push_str("\n[analysis.costs]\nfile = \"couts.csv\"\ndecay = \"apl\"\n");
    files.insert("territory.toml".into(), manifest.into_bytes());
    files.insert("couts.csv".into(), table.to_vec());
    let loaded = load_bundle_bytes(&files).unwrap();
    assert!(loaded
        .warnings
        .iter()
        .any(|w| w.file == "couts.csv" && w.code == ProblemCode::Encoding));
    let costs = loaded.territory.analysis.costs.as_ref().unwrap();
    assert_eq!(
        (costs.entry_count(), costs.unit, costs.catchment),
        (3, CostUnit::Minutes, 20.0)
    );
    assert_eq!(costs.decay, Some(CostDecay::Apl));
    let q1: Vec<_> = costs.from_zone(ZoneIx(0)).collect();
    let medecin4 = loaded.territory.actor_by_id("médecin4").unwrap();
    let mg1 = loaded.territory.actor_by_id("mg1").unwrap();
    assert_eq!(
        q1,
        [
            (Destination::Actor(mg1), 4.5),
            (Destination::Actor(medecin4), 12.25)
        ]
    );
    let q2: Vec<_> = costs.from_zone(ZoneIx(1)).collect();
    assert_eq!(q2, [(Destination::Zone(ZoneIx(0)), 7.0)]);
    // the APL's steps weigh the pairs: access differs from plain 2SFCA
    let apl = zone_coverage(&loaded.territory, loaded.territory.analysis.coverage_layer);
    assert!(apl.travel_costs.as_ref().unwrap().decay.is_some());
}

#[test]
fn every_bad_row_is_reported_at_once_with_its_line_and_column() {
    let t = minimal();
    let z = &t.coverage_layer().zones[0].id;
    let table = format!(
        "origin,destination,minutes\n\
         {z},mg1,3\n\
         nowhere,mg1,3\n\
         {z},nobody,3\n\
         {z},mg2,-1\n\
         {z},mg3,NaN\n\
         {z},ph1,inf\n\
         {z},ide1,douze\n\
         {z},pmi1,\n\
         {z},mg1,4\n\
         {z},\"open,1\n\
         {z},mg2\n"
    );
    let e = read_cost_table_bytes("couts.csv", table.as_bytes(), &t).unwrap_err();
    let found: Vec<(Location, Option<&str>, ProblemCode)> = e
        .errors
        .iter()
        .map(|p| (p.location, p.field.as_deref(), p.code))
        .collect();
    use ProblemCode::*;
    assert_eq!(
        found,
        [
            (Location::Line(3), Some("origin"), UnknownZone),
            (Location::Line(4), Some("destination"), UnknownActor),
            (Location::Line(5), Some("minutes"), BadNumber),
            (Location::Line(6), Some("minutes"), BadNumber),
            (Location::Line(7), Some("minutes"), BadNumber),
            (Location::Line(8), Some("minutes"), BadNumber),
            (Location::Line(9), Some("minutes"), BadNumber),
            (Location::Line(11), None, BadCsv),
            (Location::Line(12), None, BadCsv),
            (Location::Line(10), Some("destination"), DuplicateId),
        ]
    );
    let duplicate = e.errors.last().unwrap().render(Lang::Fr);
    assert!(duplicate.contains("déjà donné ligne 2"), "{duplicate}");
    for p in &e.errors {
        assert!(
            p.render(Lang::Fr).contains("attendu"),
            "{}",
            p.render(Lang::Fr)
        );
        assert!(
            p.render(Lang::En).contains("expected"),
            "{}",
            p.render(Lang::En)
        );
    }
}

#[test]
fn the_header_is_checked_whole() {
    let t = minimal();
    let e = read_cost_table_bytes(
        "couts.csv",
        b"from,destination,temps,origin,origin\nx,y,1,z,z\n",
        &t,
    )
    .unwrap_err();
    let codes: Vec<(Option<&str>, ProblemCode)> = e
        .errors
        .iter()
        .map(|p| (p.field.as_deref(), p.code))
        .collect();
    assert_eq!(
        codes,
        [
            (Some("from"), ProblemCode::BadCsv),
            (Some("temps"), ProblemCode::BadCsv),
            (Some("origin"), ProblemCode::DuplicateColumn),
            (Some("metres"), ProblemCode::MissingColumn),
        ]
    );
    assert!(e.errors.iter().all(|p| p.location == Location::Line(1)));
    // the unit the manifest names must have its column
    let mut t = minimal();
    t.analysis.cost_settings.unit = Some(CostUnit::Metres);
    let e = read_cost_table_bytes("couts.csv", b"origin,destination,minutes\n", &t).unwrap_err();
    assert_eq!(e.errors[0].field.as_deref(), Some("metres"));
    // an empty file, a header alone
    let t = minimal();
    for empty in [&b""[..], b"\n \n", b"origin,destination,minutes\n"] {
        let e = read_cost_table_bytes("couts.csv", empty, &t).unwrap_err();
        assert_eq!(e.errors[0].code, ProblemCode::EmptyFile, "{:?}", e.errors);
    }
}

#[test]
fn an_id_both_an_actor_and_a_zone_is_refused_where_a_row_names_it() {
    let mut files = minimal_files();
    let t = minimal();
    let (a, b) = (
        &t.coverage_layer().zones[0].id,
        &t.coverage_layer().zones[1].id,
    );
    let mut actors = String::from_utf8(files["actors.csv"].clone()).unwrap();
    actors.push_str(&format!(
        "{b},Cabinet homonyme,medecin_generaliste,,,4.8431,45.7339,1,,,\n"
    ));
    files.insert("actors.csv".into(), actors.into_bytes());
    let table = format!("origin,destination,minutes\n{a},mg1,2\n{a},{b},5\n");
    let mut manifest = String::from_utf8(files["territory.toml"].clone()).unwrap();
    manifest.push_str("\n[analysis.costs]\nfile = \"couts.csv\"\n");
    files.insert("territory.toml".into(), manifest.into_bytes());
    files.insert("couts.csv".into(), table.into_bytes());
    let e = load_bundle_bytes(&files).unwrap_err();
    assert_eq!(e.errors.len(), 1);
    assert_eq!(
        (e.errors[0].location, e.errors[0].code),
        (Location::Line(3), ProblemCode::DuplicateId)
    );
    assert!(e.errors[0]
        .render(Lang::Fr)
        .contains("à la fois un acteur et une zone"));
}

#[test]
fn bad_manifest_keys_are_named() {
    let files = with_costs(
        "unit = \"heures\"\ncatchment = -5\ndecay = \"linear\"\nsigma = 3\nspeed = 30\n",
        b"origin,destination,minutes\n",
    );
    let e = load_bundle_bytes(&files).unwrap_err();
    let fields: Vec<&str> = e.errors.iter().filter_map(|p| p.field.as_deref()).collect();
    for key in ["unit", "catchment", "decay", "speed", "sigma"] {
        assert!(
            fields.contains(&format!("analysis.costs.{key}").as_str()),
            "{key}: {fields:?}"
        );
    }
    let files = with_costs(
        "unit = \"metres\"\ndecay = \"apl\"\n",
        b"origin,destination,metres\n",
    );
    let e = load_bundle_bytes(&files).unwrap_err();
    assert!(e
        .errors
        .iter()
        .any(|p| p.render(Lang::En).contains("APL's steps are in minutes")));
    let files = with_costs(
        "decay = [[10, 1], [10, 0.5]]\n",
        b"origin,destination,minutes\n",
    );
    let e = load_bundle_bytes(&files).unwrap_err();
    assert!(e
        .errors
        .iter()
        .any(|p| p.field.as_deref() == Some("analysis.costs.decay")));
}

#[test]
fn access_follows_the_table_and_an_absent_pair_is_out_of_reach() {
    let mut t = minimal();
    let plain = zone_coverage(&t, t.analysis.coverage_layer);
    assert!(plain.travel_costs.is_none());
    let zones = &t.coverage_layer().zones;
    // only the first zone reaches one GP (mg1); every other pair is absent
    let table = format!("origin,destination,minutes\n{},mg1,6.5\n", zones[0].id);
    let (costs, _) = read_cost_table_bytes("couts.csv", table.as_bytes(), &t).unwrap();
    t.analysis.costs = Some(Arc::new(costs));
    let c = zone_coverage(&t, t.analysis.coverage_layer);
    let used = c.travel_costs.as_ref().unwrap();
    assert_eq!(
        (used.unit, used.catchment, used.entries),
        (CostUnit::Minutes, 20.0, 1)
    );
    let p0 = c.zones[0].population;
    // mg1's capacity (1) shared by the first zone's population alone
    assert!((c.zones[0].access["medecin_generaliste"] - 1e4 / p0).abs() < 1e-12);
    assert!(c.zones[1..]
        .iter()
        .all(|z| z.access["medecin_generaliste"] == 0.0));
    // nearest_m stays the straight-line distance
    assert_eq!(c.zones[1].nearest_m, plain.zones[1].nearest_m);
    // beyond the catchment: out of reach
    let mut costs = (**t.analysis.costs.as_ref().unwrap()).clone();
    costs.catchment = 6.0;
    t.analysis.costs = Some(Arc::new(costs));
    let c = zone_coverage(&t, t.analysis.coverage_layer);
    assert_eq!(c.zones[0].access["medecin_generaliste"], 0.0);
}
