//! The offline geocoder on real addresses (tests/data/geocode, see its SOURCES.md):
//! each hard case of address matching, the bundle write-back, and the accuracy target.

#[path = "../examples/geocode_accuracy.rs"]
#[allow(dead_code)]
mod accuracy;

use maillage::geocode::{
    geocode_bundle, AddressQuery, BanFormat, BanIndex, GeocodeOptions, Geocoded, MatchType,
};
use std::sync::OnceLock;

fn lozere() -> &'static BanIndex {
    static INDEX: OnceLock<BanIndex> = OnceLock::new();
    INDEX.get_or_init(|| {
        BanIndex::read(&[accuracy::data().join("bano_48_lozere_20150323.csv.gz")]).unwrap()
    })
}

fn find(q: AddressQuery) -> Geocoded {
    lozere()
        .geocode(&q)
        .unwrap_or_else(|| panic!("{q:?} not found"))
}

#[test]
fn reads_bano_from_gzip_and_ban_odbl_and_bal_exports() {
    assert_eq!(lozere().len(), 12_250);
    assert_eq!(lozere().sources()[0].format, BanFormat::Bano);
    let d = accuracy::data();
    let odbl = BanIndex::read(&[d.join("ban_odbl_54_extract_54084_54295_2019.csv")]).unwrap();
    assert_eq!(
        (odbl.len(), odbl.sources()[0].format),
        (712, BanFormat::BanOdbl)
    );
    let bal = BanIndex::read(&[d.join("ban_csvbal_54084_mont-bonvillers_2022.csv")]).unwrap();
    assert_eq!((bal.len(), bal.sources()[0].format), (486, BanFormat::Bal));
    // the BAL export has no postcode: the INSEE code finds the commune
    let g = bal
        .geocode(&AddressQuery::new("4 rue Joffre").with_citycode("54084"))
        .unwrap();
    assert_eq!(
        (g.kind, g.label.as_str()),
        (MatchType::HouseNumber, "4 Rue Joffre Mont-Bonvillers")
    );
    assert!(accuracy::metres((g.lon, g.lat), (5.833513, 49.322103)) < 0.1);
}

#[test]
fn folds_case_accents_apostrophes_and_hyphens() {
    // COVID testing site, LBM Oxylab Saint-Chély: "8 PL DU TOURAL 48200 ST CHELY D APCHER"
    let g = find(AddressQuery::new("8 PL DU TOURAL 48200 ST CHELY D APCHER"));
    assert_eq!(g.label, "8 Place du Toural 48200 Saint-Chély-d'Apcher");
    let g =
        find(AddressQuery::new("27 boulevard guérin-d’apcher").with_city("SAINT-CHELY-D'APCHER"));
    assert_eq!(
        (g.kind, g.citycode.as_str()),
        (MatchType::HouseNumber, "48140")
    );
}

#[test]
fn spells_out_street_type_abbreviations() {
    // COVID testing sites of Lozère, FINESS-style addresses
    for (query, label) in [
        (
            "1 ALL PIENCOURT 48000 MENDE",
            "1 Allée Piencourt 48000 Mende",
        ),
        ("31 AV FOCH 48300 LANGOGNE", "31 Avenue Foch 48300 Langogne"),
        (
            "2 bd H. Bourrillon 48000 Mende",
            "2 Boulevard Henri Bourrillon 48000 Mende",
        ),
    ] {
        let g = find(AddressQuery::new(query));
        assert_eq!(
            (g.kind, g.label.as_str()),
            (MatchType::HouseNumber, label),
            "{query}"
        );
    }
}

#[test]
fn reads_number_suffixes_and_ranges() {
    // BANO 48: 1, 1BIS and 1TER Avenue du 8 Mai 1945, Florac
    let bis = find(AddressQuery::new("1 bis av. du 8 mai 1945 48400 Florac"));
    let ter = find(AddressQuery::new("1T avenue du 8 Mai 1945 48400 Florac"));
    let one = find(AddressQuery::new("1-3 avenue du 8 Mai 1945 48400 Florac"));
    assert_eq!(bis.label, "1 bis Avenue du 8 Mai 1945 48400 Florac");
    assert!(accuracy::metres((bis.lon, bis.lat), (3.590764, 44.328694)) < 0.1);
    assert!(accuracy::metres((ter.lon, ter.lat), (3.589906, 44.329279)) < 0.1);
    assert!(accuracy::metres((one.lon, one.lat), (3.590709, 44.328779)) < 0.1);
}

#[test]
fn strips_complements_of_delivery() {
    let g = find(AddressQuery::new(
        "Résidence du Lot, Bât. B, 2e étage, 1 allée Piencourt, BP 52, 48001 MENDE CEDEX",
    ));
    assert_eq!(
        (g.kind, g.label.as_str()),
        (MatchType::HouseNumber, "1 Allée Piencourt 48000 Mende")
    );
    let g = find(AddressQuery::new("31 av Foch appartement 3 CS 30012").with_postcode("48300"));
    assert_eq!(g.label, "31 Avenue Foch 48300 Langogne");
}

#[test]
fn takes_an_insee_code_for_a_postcode_and_the_reverse() {
    let g = find(AddressQuery::new("31 av Foch").with_postcode("48080"));
    assert_eq!(g.label, "31 Avenue Foch 48300 Langogne");
    let g = find(AddressQuery::new("31 av Foch").with_citycode("48300"));
    assert_eq!(g.label, "31 Avenue Foch 48300 Langogne");
    // a "commune" column holding a code
    let g = find(AddressQuery::new("31 av Foch").with_city("48080"));
    assert_eq!(g.citycode, "48080");
}

/// The BAN row of the Palais des sports de Gerland (COVID vaccination centre, BAN id
/// 69387_3745_00353, point of the vaccination file), in the 23-column layout.
const GERLAND: &str = "id;id_fantoir;numero;rep;nom_voie;code_postal;code_insee;nom_commune;code_insee_ancienne_commune;nom_ancienne_commune;x;y;lon;lat;type_position;alias;nom_ld;libelle_acheminement;nom_afnor;source_position;source_nom_voie;certification_commune;cad_parcelles
69387_3745_00353;69387_3745;353;;Avenue Jean Jaurès;69007;69387;Lyon;;;;;4.8378;45.7287;entrée;;;LYON;AVENUE JEAN JAURES;commune;commune;1;
";

#[test]
fn knows_the_arrondissements_of_lyon() {
    let index = BanIndex::from_reader("gerland.csv", GERLAND.as_bytes()).unwrap();
    for q in [
        AddressQuery::new("353 avenue Jean Jaurès, 69007 Lyon"),
        AddressQuery::new("353 avenue Jean Jaurès").with_citycode("69123"),
        AddressQuery::new("353 avenue Jean Jaurès").with_citycode("69387"),
        AddressQuery::new("353 avenue Jean Jaurès, Lyon 7e"),
        AddressQuery::new("353 av J. Jaurès").with_city("LYON 07"),
        AddressQuery::new("353 avenue Jean Jaurès").with_postcode("69387"),
    ] {
        let g = index.geocode(&q).unwrap_or_else(|| panic!("{q:?}"));
        assert_eq!(g.label, "353 Avenue Jean Jaurès 69007 Lyon", "{q:?}");
        assert_eq!(g.citycode, "69387");
    }
    // 350 is not in the file: the street, by the one number on its side
    let g = index
        .geocode(&AddressQuery::new("350 avenue Jean Jaurès 69007 Lyon"))
        .unwrap();
    assert_eq!(g.kind, MatchType::Street);
}

#[test]
fn finds_former_communes_and_lieux_dits() {
    // BAN ODbL 2019: "MINE DE LANDRES" is a lieu-dit of Landres (54295) without street
    let odbl = BanIndex::read(&[accuracy::data().join("ban_odbl_54_extract_54084_54295_2019.csv")])
        .unwrap();
    let g = odbl
        .geocode(&AddressQuery::new("Mine de Landres, 54970 Landres"))
        .unwrap();
    assert_eq!(
        (g.kind, g.label.as_str()),
        (MatchType::Locality, "MINE DE LANDRES 54970 Landres")
    );
    // Florac became Florac Trois Rivières (same code 48061): the postcode finds it
    let g = find(
        AddressQuery::new("1 avenue du 8 Mai 1945")
            .with_postcode("48400")
            .with_city("Florac Trois Rivières"),
    );
    assert_eq!(g.citycode, "48061");
}

#[test]
fn interpolates_and_falls_back_to_the_street_then_the_commune() {
    // 13 and 19 Avenue du 8 Mai 1945 Florac exist; 15 and 17 do not
    let g = find(AddressQuery::new("17 avenue du 8 Mai 1945 48400 Florac"));
    assert!(g.interpolated && g.kind == MatchType::HouseNumber && g.score < 1.0);
    let g = find(AddressQuery::new("701 avenue du 8 Mai 1945 48400 Florac"));
    assert_eq!(g.kind, MatchType::Street);
    let g = find(AddressQuery::new("3 rue qui n'existe pas 48400 Florac"));
    assert_eq!(
        (g.kind, g.label.as_str()),
        (MatchType::Municipality, "Florac")
    );
    assert!(g.score < 0.5);
    assert!(lozere()
        .geocode(&AddressQuery::new("3 rue de Paris 99999 Nulle-Part"))
        .is_none());
}

#[test]
fn survives_hostile_addresses() {
    let long = format!("12 {}", "rue très longue ".repeat(400));
    assert!(long.chars().count() > 5000);
    let _ = lozere().geocode(&AddressQuery::new(long).with_postcode("48000"));
    let _ = lozere().geocode(
        &AddressQuery::new("\u{0}1\u{7}\u{1b}[31m allée\tPiencourt").with_postcode("48000"),
    );
    let _ = lozere().geocode(&AddressQuery::new("").with_city(""));
}

#[test]
fn geocoding_is_deterministic_and_keeps_order() {
    let queries: Vec<AddressQuery> = [
        "31 AV FOCH 48300 LANGOGNE",
        "nowhere",
        "1 ALL PIENCOURT 48000 MENDE",
    ]
    .map(AddressQuery::new)
    .to_vec();
    let a = lozere().geocode_many(&queries);
    assert_eq!(a, lozere().geocode_many(&queries));
    assert!(a[1].is_none());
    assert_eq!(
        a[2].as_ref().unwrap().label,
        "1 Allée Piencourt 48000 Mende"
    );
}

#[test]
fn writes_points_back_into_a_lambert93_bundle_keeping_everything_else() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("territory.toml"),
        "format = 1\nname = \"Mende\"\ncrs = \"EPSG:2154\"\n",
    )
    .unwrap();
    let actors = "id;name;kind;x;y;adresse;code_postal\r\n\
                  lab;Oxylab;laboratoire;;;1 ALL PIENCOURT;48000\r\n\
                  cpts;CPTS;cpts;;;;\r\n\
                  dr;Dr Élise;medecin_generaliste;700000;6600000;31 AV FOCH;48300\r\n\
                  x;Inconnu;association;;;3 rue de Nulle Part;99999\r\n";
    let bytes = encoding_rs::WINDOWS_1252.encode(actors).0.into_owned();
    std::fs::write(dir.path().join("actors.csv"), &bytes).unwrap();
    let report = geocode_bundle(dir.path(), lozere(), &GeocodeOptions::default()).unwrap();
    assert_eq!(
        (report.geocoded(), report.kept, report.without_address),
        (1, 1, 1)
    );
    assert_eq!(report.unresolved.len(), 1);
    assert!(
        report.unresolved[0]
            .render(maillage::lang::Lang::En)
            .starts_with("actors.csv:5: address:"),
        "{report}"
    );
    let written = std::fs::read(dir.path().join("actors.csv")).unwrap();
    let (text, _, _) = encoding_rs::WINDOWS_1252.decode(&written);
    let lines: Vec<&str> = text.split("\r\n").collect();
    assert_eq!(
        lines[0],
        "id;name;kind;x;y;adresse;code_postal;geocode_score;geocode_type;geocode_label"
    );
    assert!(
        lines[1].starts_with("lab;Oxylab;laboratoire;7"),
        "{}",
        lines[1]
    );
    assert!(
        lines[1].ends_with(";1 ALL PIENCOURT;48000;1.00;housenumber;1 Allée Piencourt 48000 Mende")
    );
    assert_eq!(
        lines[3],
        "dr;Dr Élise;medecin_generaliste;700000;6600000;31 AV FOCH;48300;;;"
    );
    assert_eq!(lines.len(), 6);
    // the Lambert-93 point is the BANO point projected (1 Allée Piencourt: 3.501902, 44.518383)
    let cells: Vec<&str> = lines[1].split(';').collect();
    let (x, y): (f64, f64) = (cells[3].parse().unwrap(), cells[4].parse().unwrap());
    assert!(
        (700_000.0..800_000.0).contains(&x) && (6_350_000.0..6_400_000.0).contains(&y),
        "{x} {y}"
    );
    // a second run changes nothing but keeps the file valid
    let again = geocode_bundle(dir.path(), lozere(), &GeocodeOptions::default()).unwrap();
    assert_eq!((again.geocoded(), again.written), (0, false));
}

#[test]
fn leaves_the_bundle_untouched_on_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("territory.toml"), "crs = \"EPSG:3857\"\n").unwrap();
    std::fs::write(
        dir.path().join("actors.csv"),
        "id,address\na,1 ALL PIENCOURT 48000 MENDE\n",
    )
    .unwrap();
    let e = geocode_bundle(dir.path(), lozere(), &GeocodeOptions::default()).unwrap_err();
    assert!(
        e.render(maillage::lang::Lang::En)
            .contains("territory.toml: crs: \"EPSG:3857\" is not supported"),
        "{e}"
    );
    std::fs::write(dir.path().join("territory.toml"), "crs = \"EPSG:4326\"\n").unwrap();
    std::fs::write(dir.path().join("actors.csv"), "id,name\na,b\n").unwrap();
    let e = geocode_bundle(dir.path(), lozere(), &GeocodeOptions::default()).unwrap_err();
    assert!(
        e.render(maillage::lang::Lang::En)
            .contains("actors.csv:1: no address column"),
        "{e}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("actors.csv")).unwrap(),
        "id,name\na,b\n"
    );
}

/// The target of the issue: at least 95 % at the house number or the street, median
/// distance under 30 m, on BANO Lozère with every other number held out.
#[test]
fn meets_the_accuracy_target_on_held_out_bano_numbers() {
    let a = accuracy::holdout();
    assert!(a.asked > 4000, "{}", a.summary());
    assert!(a.housenumber_or_street() >= 0.95, "{}", a.summary());
    assert!(a.quantile(0.5) < 30.0, "{}", a.summary());
}

#[test]
fn a_postcode_shared_by_communes_takes_the_street_that_has_the_number() {
    // 48000 is the postcode of Mende and Badaroux, and both have a "Rue du Chastel";
    // only Mende's has a 16 (BANO 2015)
    let found = lozere()
        .geocode(&AddressQuery::new("16 Rue du Chastel").with_postcode("48000"))
        .unwrap();
    assert_eq!(found.kind, MatchType::HouseNumber);
    assert_eq!(found.label, "16 Rue du Chastel 48000 Mende");
    assert!(!found.interpolated);
}
