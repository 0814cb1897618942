//! Importers of national open data, on fixtures in the real layouts (tests/import/).

use maillage::bundle::{Location, ProblemCode};
use maillage::import::{
    import_into, read_finess, read_iris, read_qpv, read_rpps, BundleContext, ImportOptions, Source,
    TerritoryFilter,
};
use maillage::model::{Date, LonLat};
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn fixture(p: &str) -> PathBuf {
    root().join("tests/import").join(p)
}

const FINESS_2025: &str = "finess/etalab-cs1100507-stock-extrait.csv";
const FINESS_2026: &str = "finess/etalab-cs1100507-stock-extrait-2026.csv";
const RPPS: &str = "rpps/PS_LibreAcces_Personne_activite_extrait.txt";
const CEVENNES: &[&str] = &["30269", "30140", "30311", "30010", "30263", "30210"];

fn cevennes() -> TerritoryFilter {
    TerritoryFilter::communes(CEVENNES.iter().copied())
}

#[test]
fn finess_joins_its_two_sections_and_maps_categories() {
    let mut codes: Vec<&str> = CEVENNES.to_vec();
    codes.extend(["01451", "97101"]);
    let options = ImportOptions::new(TerritoryFilter::communes(codes));
    let got = read_finess(&fixture(FINESS_2025), &options).unwrap();
    let kind = |id: &str| {
        got.actors
            .iter()
            .find(|a| a.id == id)
            .map(|a| a.kind.as_str())
    };
    assert_eq!(kind("finess:010000024"), Some("centre_hospitalier"));
    assert_eq!(kind("finess:300016862"), Some("cmp"));
    assert_eq!(kind("finess:300780251"), Some("clinique"));
    assert_eq!(kind("finess:309990011"), Some("msp"));
    assert_eq!(kind("finess:309990045"), Some("pharmacie"));
    assert_eq!(kind("finess:309990078"), Some("pmi"));
    assert_eq!(kind("finess:309990086"), Some("ehpad"));
    assert_eq!(kind("finess:309990136"), Some("laboratoire"));
    // Alès is outside the territory
    assert_eq!(kind("finess:300780038"), None);
    // Windows-1252 decoded
    let cmp = got
        .actors
        .iter()
        .find(|a| a.id == "finess:300016862")
        .unwrap();
    assert_eq!(cmp.name, "CENTRE MÉDICO-PSYCHOLOGIQUE ADULTES ANDUZE");
    assert_eq!(cmp.commune, "30010");
    // unmapped categories are reported with their label and count, not dropped silently
    let unmapped: Vec<(&str, &str, usize)> = got
        .report
        .unmapped
        .iter()
        .map(|c| (c.code.as_str(), c.label.as_str(), c.count))
        .collect();
    assert_eq!(
        unmapped,
        vec![
            ("202", "Résidence autonomie", 1),
            ("460", "Service autonomie aide", 1)
        ]
    );
    assert_eq!(got.report.skipped[0].code, "697");
    assert_eq!(got.report.date, Date::new(2025, 1, 15));
    // the PMI has no geolocalisation row: kept, attached to its commune, warned
    let pmi = got
        .actors
        .iter()
        .find(|a| a.id == "finess:309990078")
        .unwrap();
    assert_eq!((pmi.placement, pmi.location), ("commune", None));
    assert!(got
        .report
        .warnings
        .iter()
        .any(|w| w.message_in(maillage::lang::Lang::En).contains("309990078")));
}

#[test]
fn finess_coordinates_match_pyproj() {
    // pyproj 3.7: Transformer.from_crs(EPSG, 4326, always_xy=True), 8 decimals
    let options = ImportOptions::new(TerritoryFilter::communes(["01451", "97101"]));
    let got = read_finess(&fixture(FINESS_2025), &options).unwrap();
    let at = |id: &str| {
        got.actors
            .iter()
            .find(|a| a.id == id)
            .unwrap()
            .location
            .unwrap()
    };
    let close = |p: LonLat, lon: f64, lat: f64| {
        assert!(
            (p.lon - lon).abs() < 1e-6 && (p.lat - lat).abs() < 1e-6,
            "{p:?}"
        )
    };
    // Lambert-93 (EPSG:2154), CH de Fleyriat
    close(at("finess:010000024"), 5.20918113, 46.22228572);
    // RGAF09 / UTM 20N (EPSG:5490), named in sourcecoordet, Les Abymes
    close(at("finess:970100012"), -61.52873706, 16.23400433);
}

#[test]
fn finess_reports_every_bad_row_with_line_and_field() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.csv");
    let good = std::fs::read(fixture(FINESS_2025)).unwrap();
    let mut text = String::from_utf8_lossy(&good).into_owned();
    text.push_str("structureet;3001;too;few\r\n");
    text.push_str("geolocalisation;300016862;abc;6000000;LAMBERT_93;2024-01-01\r\n");
    std::fs::write(&path, text).unwrap();
    let options = ImportOptions::new(cevennes());
    let e = read_finess(&path, &options).unwrap_err();
    assert_eq!(e.errors.len(), 2, "{e}");
    assert_eq!(e.errors[0].code, ProblemCode::BadCsv);
    assert!(matches!(e.errors[0].location, Location::Line(_)));
    assert_eq!(e.errors[1].field.as_deref(), Some("coordxet"));
}

#[test]
fn rpps_maps_professions_and_places_professionals() {
    let options = ImportOptions::new(cevennes());
    let mut context = BundleContext::default();
    context.sites.insert(
        "309990045".into(),
        LonLat {
            lon: 3.88,
            lat: 44.1,
        },
    );
    let got = read_rpps(&fixture(RPPS), &options, &context).unwrap();
    let by_id = |id: &str| got.actors.iter().find(|a| a.id == id).unwrap();
    assert_eq!(by_id("rpps:10100000001").kind, "medecin_generaliste");
    assert_eq!(by_id("rpps:10100000006").kind, "infirmier");
    assert_eq!(by_id("rpps:10100000010").kind, "masseur_kinesitherapeute");
    assert_eq!(by_id("rpps:10100000015").kind, "psychologue");
    // two activities, one professional
    let two = by_id("rpps:10100000002");
    assert_eq!(
        two.columns.iter().find(|c| c.0 == "activities").unwrap().1,
        "2"
    );
    // the pharmacist works at a FINESS site of the bundle: placed there
    let ph = by_id("rpps:10100000020");
    assert_eq!(
        (ph.kind.as_str(), ph.placement),
        ("pharmacien", "finess_site")
    );
    assert_eq!(ph.location.unwrap().lon, 3.88);
    // the others: attached to their commune, counted, loss of precision reported
    assert_eq!(by_id("rpps:10100000001").placement, "commune");
    assert_eq!(got.report.placed_at_site, 1);
    assert_eq!(got.report.placed_at_commune, got.actors.len() - 1);
    assert!(got.report.warnings.iter().any(|w| w
        .message_in(maillage::lang::Lang::En)
        .contains("attached to their commune")));
    assert_eq!(got.report.unmapped[0].code, "99");
    assert_eq!(got.report.skipped[0].code, "26");
    // Alès professionals are outside the territory
    assert!(got.actors.iter().all(|a| a.commune != "30007"));
}

#[test]
fn rpps_refuses_a_file_without_its_columns() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ps.txt");
    std::fs::write(&path, "Identifiant PP|Nom\n1|X\n").unwrap();
    let e = read_rpps(
        &path,
        &ImportOptions::new(cevennes()),
        &BundleContext::default(),
    )
    .unwrap_err();
    assert!(e.errors.len() >= 4);
    assert!(e
        .errors
        .iter()
        .all(|p| p.code == ProblemCode::MissingColumn && p.location == Location::Line(1)));
}

#[test]
fn qpv_parts_are_merged_per_qpv_and_reprojected() {
    let got = read_qpv(
        &fixture("qpv/qpv2024_extrait.geojson"),
        &ImportOptions::new(TerritoryFilter::communes(["38151", "38317"])),
    )
    .unwrap();
    let layer = got.layer.unwrap();
    assert!(layer.priority);
    assert_eq!(layer.collection.features.len(), 4);
    let luire = &layer.collection.features[0];
    let props = luire.properties.as_ref().unwrap();
    assert_eq!(props["code_qp"], "QN03801M");
    assert_eq!(props["insee_com"], "38151|38185");
    let json = serde_json::to_value(luire.geometry.as_ref().unwrap()).unwrap();
    assert_eq!(json["coordinates"].as_array().unwrap().len(), 2);
    let lon = json["coordinates"][0][0][0][0].as_f64().unwrap();
    assert!((5.6..5.8).contains(&lon), "{lon}");
}

#[test]
fn iris_outlines_get_insee_population() {
    let mut options = ImportOptions::new(TerritoryFilter::communes(["69387"]));
    options.population = Some(fixture("iris/base-ic-evol-struct-pop-extrait.csv"));
    let got = read_iris(&fixture("iris/contours_iris_extrait.geojson"), &options).unwrap();
    let layer = got.layer.unwrap();
    let cite = layer
        .collection
        .features
        .iter()
        .find(|f| f.properties.as_ref().unwrap()["code_iris"] == "693870703")
        .unwrap();
    // RP 2012 population of IRIS Cite-Jardin (tests/import/README.md)
    assert_eq!(cite.properties.as_ref().unwrap()["population"], 4591);
}

/// Builds a Cévennes bundle from the fixtures: commune outlines, then FINESS.
fn bundle_with_finess(dir: &Path) {
    let mut options = ImportOptions::new(cevennes());
    options.population = Some(root().join("data/cevennes/sources/population_communes.csv"));
    import_into(
        dir,
        Source::Communes,
        &root().join("data/cevennes/sources/communes_cevennes_candidats_15km.geojson"),
        &options,
    )
    .unwrap();
    import_into(
        dir,
        Source::Finess,
        &fixture(FINESS_2025),
        &ImportOptions::new(cevennes()),
    )
    .unwrap();
}

#[test]
fn reimport_keeps_hand_made_relations_and_marks_vanished_actors() {
    let dir = tempfile::tempdir().unwrap();
    let b = dir.path();
    bundle_with_finess(b);
    // the coordinator adds actors, a column and partnerships by hand
    let actors = std::fs::read_to_string(b.join("actors.csv")).unwrap();
    let mut lines: Vec<String> = actors.lines().map(str::to_owned).collect();
    lines[0].push_str(",themes_saisis");
    for l in lines.iter_mut().skip(1) {
        l.push(',');
        if l.starts_with("finess:309990045,") {
            l.push_str("officine de garde");
        }
    }
    let n = lines[0].split(',').count();
    let mut cpts = vec![String::new(); n];
    cpts[0] = "cpts_ecm".into();
    cpts[1] = "CPTS Entre Châtaigne et Micocoule".into();
    cpts[2] = "cpts".into();
    lines.push(cpts.join(","));
    std::fs::write(b.join("actors.csv"), lines.join("\n") + "\n").unwrap();
    let relations = "source,target,kind,weight,themes,since,until\n\
        finess:309990011,cpts_ecm,member,,,2019-09-12,\n\
        finess:309990052,cpts_ecm,member,,,2019-09-12,\n\
        finess:309990045,finess:309990011,partner,,,,\n";
    std::fs::write(b.join("relations.csv"), relations).unwrap();
    assert!(maillage::load_bundle(b).is_ok());

    let report = import_into(
        b,
        Source::Finess,
        &fixture(FINESS_2026),
        &ImportOptions::new(cevennes()),
    )
    .unwrap();
    assert_eq!((report.added, report.vanished, report.returned), (1, 1, 0));
    // relations untouched, byte for byte
    assert_eq!(
        std::fs::read_to_string(b.join("relations.csv")).unwrap(),
        relations
    );
    let loaded = maillage::load_bundle(b).unwrap();
    let t = &loaded.territory;
    assert_eq!(t.relations.len(), 3);
    let attr = |id: &str, col: &str| {
        t.actor_with_id(id)
            .unwrap()
            .attributes
            .iter()
            .find(|(k, _)| k == col)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    // the closed pharmacy is kept, marked
    assert_eq!(attr("finess:309990052", "import_status"), "vanished");
    assert_eq!(attr("finess:309990052", "import_vanished"), "2026-01-14");
    // the new centre de santé is added
    assert_eq!(
        t.actor_with_id("finess:309990144").unwrap().kind,
        "centre_de_sante"
    );
    // the renamed pharmacy keeps its hand-entered column
    let ph = t.actor_with_id("finess:309990045").unwrap();
    assert_eq!(ph.name, "PHARMACIE EXEMPLE DU GARDON ET DES CEVENNES");
    assert_eq!(
        attr("finess:309990045", "themes_saisis"),
        "officine de garde"
    );
    assert_eq!(attr("finess:309990045", "import_date"), "2026-01-14");
    // the hand-made actor is still there
    assert_eq!(t.actor_with_id("cpts_ecm").unwrap().kind, "cpts");

    // the pharmacy reopens the year after: back to active
    let report = import_into(
        b,
        Source::Finess,
        &fixture(FINESS_2025),
        &ImportOptions::new(cevennes()),
    )
    .unwrap();
    assert_eq!(report.returned, 1);
}

#[test]
fn import_keep_protects_a_hand_correction() {
    let dir = tempfile::tempdir().unwrap();
    let b = dir.path();
    bundle_with_finess(b);
    let text = std::fs::read_to_string(b.join("actors.csv")).unwrap();
    let header: Vec<&str> = text.lines().next().unwrap().split(',').collect();
    let keep = header.iter().position(|h| *h == "import_keep").unwrap();
    let name = header.iter().position(|h| *h == "name").unwrap();
    let mut out = vec![text.lines().next().unwrap().to_owned()];
    let mut rdr = csv::Reader::from_reader(text.as_bytes());
    let mut w = csv::Writer::from_writer(vec![]);
    for r in rdr.records() {
        let mut r: Vec<String> = r.unwrap().iter().map(str::to_owned).collect();
        if r[0] == "finess:309990045" {
            r[name] = "Pharmacie du Gardon".into();
            r[keep] = "name".into();
        }
        w.write_record(&r).unwrap();
    }
    out.push(String::from_utf8(w.into_inner().unwrap()).unwrap());
    std::fs::write(b.join("actors.csv"), out.join("\n")).unwrap();
    import_into(
        b,
        Source::Finess,
        &fixture(FINESS_2026),
        &ImportOptions::new(cevennes()),
    )
    .unwrap();
    let t = maillage::load_bundle(b).unwrap().territory;
    assert_eq!(
        t.actor_with_id("finess:309990045").unwrap().name,
        "Pharmacie du Gardon"
    );
}

#[test]
fn rpps_professionals_are_placed_at_sites_of_the_bundle() {
    let dir = tempfile::tempdir().unwrap();
    let b = dir.path();
    bundle_with_finess(b);
    let report = import_into(
        b,
        Source::Rpps,
        &fixture(RPPS),
        &ImportOptions::new(cevennes()),
    )
    .unwrap();
    // the pharmacist (pharmacy), the psychiatrist (CMP Anduze) and the nurse (MSP Sauve)
    assert_eq!(report.placed_at_site, 3);
    let t = maillage::load_bundle(b).unwrap().territory;
    let ph = t.actor_with_id("rpps:10100000020").unwrap();
    let site = t.actor_with_id("finess:309990045").unwrap();
    assert_eq!(ph.location, site.location);
    // the others are written at the anchor point of their commune, and counted there
    assert_eq!(report.placed_at_commune_anchor, report.placed_at_commune);
    let gp = t.actor_with_id("rpps:10100000001").unwrap();
    assert_eq!(gp.attribute("placement"), Some("commune"));
    assert_eq!(gp.serves.len(), 1);
    let d = maillage::Diagnosis::of(&t);
    let sjg = d.coverage.zones.iter().find(|z| z.id == "30269").unwrap();
    assert_eq!(sjg.count_by_kind.get("medecin_generaliste"), Some(&2));
}

#[test]
fn data_inclusion_structures_get_their_services() {
    let mut options = ImportOptions::new(cevennes());
    options.services = Some(fixture("data_inclusion/services.csv"));
    let got =
        maillage::import::read_data_inclusion(&fixture("data_inclusion/structures.csv"), &options)
            .unwrap();
    let ccas = got
        .actors
        .iter()
        .find(|a| a.id == "dinclusion:exemple:ccas-sjg")
        .unwrap();
    assert_eq!(ccas.kind, "ccas");
    assert_eq!(ccas.placement, "coordinates");
    let col = |c: &str| {
        ccas.columns
            .iter()
            .find(|(k, _)| *k == c)
            .unwrap()
            .1
            .clone()
    };
    assert_eq!(
        col("services"),
        "Aide alimentaire|Accompagnement aux droits"
    );
    assert_eq!(
        col("services_thematiques"),
        "acces-aux-droits-et-citoyennete|equipement-et-alimentation|famille"
    );
    // France Travail is skipped, AUTRE unmapped, Alès outside the territory
    assert_eq!(got.report.skipped[0].code, "FT");
    assert_eq!(got.report.unmapped[0].code, "AUTRE");
    assert_eq!(got.actors.len(), 2);
}

#[test]
fn a_lambert93_bundle_gets_lambert93_coordinates() {
    let dir = tempfile::tempdir().unwrap();
    let b = dir.path();
    std::fs::write(
        b.join("territory.toml"),
        "format = 1\nname = \"L93\"\ncrs = \"EPSG:2154\"\n",
    )
    .unwrap();
    import_into(
        b,
        Source::Finess,
        &fixture(FINESS_2025),
        &ImportOptions::new(TerritoryFilter::communes(["01451"])),
    )
    .unwrap();
    let text = std::fs::read_to_string(b.join("actors.csv")).unwrap();
    let row = text
        .lines()
        .find(|l| l.starts_with("finess:010000024,"))
        .unwrap();
    let cells: Vec<&str> = row.split(',').collect();
    // the file's own Lambert-93 coordinates, back through WGS84, to the centimetre
    let (x, y): (f64, f64) = (cells[3].parse().unwrap(), cells[4].parse().unwrap());
    assert!(
        (x - 870262.2).abs() < 0.01 && (y - 6571540.8).abs() < 0.01,
        "{x} {y}"
    );
}
