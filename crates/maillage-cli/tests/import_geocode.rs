//! `maillage import --ban`: the imported actors without a point are placed at their
//! address in the same run; FINESS keeps its coordinates; a re-import keeps a
//! coordinator's corrected point.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn maillage(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_maillage"))
        // French, the default, whatever the machine's locale
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG")
        .args(args)
        .current_dir(repo())
        .output()
        .expect("the maillage binary runs")
}

const BAN_HEADER: &str = "id;id_fantoir;numero;rep;nom_voie;code_postal;code_insee;nom_commune;code_insee_ancienne_commune;nom_ancienne_commune;x;y;lon;lat;type_position;alias;nom_ld;libelle_acheminement;nom_afnor;source_position;source_nom_voie;certification_commune;cad_parcelles";

/// A BAN file in the published layout holding the "Rue Exemple" of the three communes
/// of the import fixtures (the fixtures' addresses are placeholders).
fn ban_file(dir: &Path) -> PathBuf {
    let mut text = String::from(BAN_HEADER);
    for (code, postcode, name, lon, lat) in [
        ("30269", "30270", "Saint-Jean-du-Gard", 3.8830, 44.1040),
        ("30140", "30460", "Lasalle", 3.8560, 44.0470),
        ("30311", "30610", "Sauve", 3.9480, 43.9420),
    ] {
        for n in [1, 3, 5] {
            let lon = lon + f64::from(n) * 0.0001;
            text.push_str(&format!(
                "\n{code}_0001_0000{n};;{n};;Rue Exemple;{postcode};{code};{name};;;0;0;{lon:.6};{lat:.6};entrée;;;{name};RUE EXEMPLE;commune;commune;1;"
            ));
        }
    }
    text.push('\n');
    let path = dir.join("adresses-30.csv");
    std::fs::write(&path, text).unwrap();
    path
}

/// actors.csv as rows by id, each a map column → cell.
fn actors(bundle: &Path) -> HashMap<String, HashMap<String, String>> {
    let mut reader = csv::ReaderBuilder::new()
        .from_path(bundle.join("actors.csv"))
        .unwrap();
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            let row: HashMap<String, String> = header
                .iter()
                .cloned()
                .zip(r.iter().map(String::from))
                .collect();
            (row["id"].clone(), row)
        })
        .collect()
}

fn import(source: &str, file: &str, bundle: &Path, ban: &Path) -> Output {
    let o = maillage(&[
        "import",
        source,
        &repo().join("tests/import").join(file).to_string_lossy(),
        "--territory",
        "30269,30140,30311",
        "--into",
        &bundle.to_string_lossy(),
        "--ban",
        &ban.to_string_lossy(),
    ]);
    assert!(
        o.status.success(),
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    o
}

const RPPS: &str = "rpps/PS_LibreAcces_Personne_activite_extrait.txt";

#[test]
fn rpps_professionals_are_placed_at_their_practice_address() {
    let dir = tempfile::tempdir().unwrap();
    let ban = ban_file(dir.path());
    let bundle = dir.path().join("bundle");
    let o = import("rpps", RPPS, &bundle, &ban);
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(stdout.contains(" acteurs géocodés : "), "{stdout}");
    let rows = actors(&bundle);
    let gp = &rows["rpps:10100000001"];
    assert_eq!(gp["address"], "1 Rue EXEMPLE");
    assert_eq!(
        (gp["postcode"].as_str(), gp["citycode"].as_str()),
        ("30270", "30269")
    );
    assert_eq!(gp["city"], "Saint-Jean-du-Gard");
    assert_eq!(
        (gp["x"].as_str(), gp["y"].as_str()),
        ("3.883100", "44.104000")
    );
    assert_eq!(gp["placement"], "address");
    assert_eq!(gp["geocode_type"], "housenumber");
    assert_eq!(
        gp["geocode_label"],
        "1 Rue Exemple 30270 Saint-Jean-du-Gard"
    );

    // a coordinator moves the point by hand and protects it with import_keep
    let text = std::fs::read_to_string(bundle.join("actors.csv")).unwrap();
    let header: Vec<&str> = text.lines().next().unwrap().split(',').collect();
    let col = |n: &str| header.iter().position(|h| *h == n).unwrap();
    let fixed: Vec<String> = text
        .lines()
        .map(|line| {
            if !line.starts_with("rpps:10100000001,") {
                return line.to_owned();
            }
            let mut cells: Vec<String> = line.split(',').map(String::from).collect();
            cells[col("x")] = "3.884000".into();
            cells[col("y")] = "44.105000".into();
            cells[col("import_keep")] = "x|y".into();
            cells.join(",")
        })
        .collect();
    std::fs::write(bundle.join("actors.csv"), fixed.join("\n") + "\n").unwrap();
    import("rpps", RPPS, &bundle, &ban);
    let rows = actors(&bundle);
    let gp = &rows["rpps:10100000001"];
    assert_eq!(
        (gp["x"].as_str(), gp["y"].as_str()),
        ("3.884000", "44.105000")
    );
    // the others are placed at their address again, at the same point
    let other = &rows["rpps:10100000003"];
    assert_eq!(other["placement"], "address");
    assert_eq!(other["geocode_label"], "1 Rue Exemple 30460 Lasalle");
    assert_eq!(
        (other["x"].as_str(), other["y"].as_str()),
        ("3.856100", "44.047000")
    );
}

#[test]
fn data_inclusion_structures_without_coordinates_are_geocoded_the_others_kept() {
    let dir = tempfile::tempdir().unwrap();
    let ban = ban_file(dir.path());
    let bundle = dir.path().join("bundle");
    import(
        "data-inclusion",
        "data_inclusion/structures.csv",
        &bundle,
        &ban,
    );
    let rows = actors(&bundle);
    let ccas = rows
        .values()
        .find(|r| r["id"].ends_with(":ccas-sjg"))
        .unwrap();
    assert_eq!(
        (ccas["x"].as_str(), ccas["y"].as_str()),
        ("3.8794200", "44.1097900")
    );
    assert_eq!(ccas["placement"], "coordinates");
    assert_eq!(ccas["geocode_type"], "");
    let cs = rows
        .values()
        .find(|r| r["id"].ends_with(":cs-lasalle"))
        .unwrap();
    assert_eq!(cs["address"], "Rue exemple");
    assert_eq!(
        (cs["postcode"].as_str(), cs["citycode"].as_str()),
        ("30460", "30140")
    );
    assert_eq!(cs["placement"], "address");
    assert_eq!(cs["geocode_type"], "street");
    assert_eq!(cs["geocode_label"], "Rue Exemple 30460 Lasalle");
}

#[test]
fn finess_keeps_its_own_coordinates() {
    let dir = tempfile::tempdir().unwrap();
    let ban = ban_file(dir.path());
    let bundle = dir.path().join("bundle");
    let file = "finess/etalab-cs1100507-stock-extrait.csv";
    let plain = dir.path().join("plain");
    let o = maillage(&[
        "import",
        "finess",
        &repo().join("tests/import").join(file).to_string_lossy(),
        "--territory",
        "30269,30140,30311",
        "--into",
        &plain.to_string_lossy(),
    ]);
    assert!(o.status.success());
    import("finess", file, &bundle, &ban);
    let (before, after) = (actors(&plain), actors(&bundle));
    let mut placed_by_finess = 0;
    for (id, row) in &after {
        if before[id]["placement"] == "coordinates" {
            // FINESS's own point, untouched
            placed_by_finess += 1;
            assert_eq!((&row["x"], &row["y"]), (&before[id]["x"], &before[id]["y"]));
            assert_eq!(row["placement"], "coordinates");
            assert_eq!(row["geocode_type"], "", "{row:?}");
        } else {
            // a site FINESS gives no point: placed at its address
            assert_eq!(row["placement"], "address", "{row:?}");
            assert_eq!(row["geocode_label"], "Rue Exemple 30270 Saint-Jean-du-Gard");
        }
    }
    assert!(placed_by_finess > 0);
}

#[test]
fn a_bad_ban_file_stops_the_import_before_anything_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("adresses-30.csv");
    std::fs::write(&bad, "nom;prenom\nDupont;Jean\n").unwrap();
    let bundle = dir.path().join("bundle");
    let o = maillage(&[
        "import",
        "rpps",
        &repo().join("tests/import").join(RPPS).to_string_lossy(),
        "--territory",
        "30269",
        "--into",
        &bundle.to_string_lossy(),
        "--ban",
        &bad.to_string_lossy(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("colonnes absentes"));
    assert!(!bundle.exists());
}

/// A re-import without address files, whose rows have no point of their own, leaves
/// the points already in the bundle: those geocoded from the address, and a commune's
/// stand-in that a coordinator moved by hand (without `import_keep`).
#[test]
fn a_reimport_without_a_point_keeps_the_geocoded_and_the_hand_moved_points() {
    let dir = tempfile::tempdir().unwrap();
    let ban = ban_file(dir.path());
    let bundle = dir.path().join("bundle");
    import("rpps", RPPS, &bundle, &ban);
    let before = actors(&bundle);
    assert_eq!(before["rpps:10100000001"]["placement"], "address");

    // first import without geocoding elsewhere: the actors sit at their commune
    let plain = dir.path().join("plain");
    let reimport = |into: &Path| {
        let o = maillage(&[
            "import",
            "rpps",
            &repo().join("tests/import").join(RPPS).to_string_lossy(),
            "--territory",
            "30269,30140,30311",
            "--into",
            &into.to_string_lossy(),
        ]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    };
    reimport(&plain);
    let stand_in = actors(&plain)["rpps:10100000001"].clone();
    assert_eq!(stand_in["placement"], "commune");
    let text = std::fs::read_to_string(plain.join("actors.csv")).unwrap();
    // the coordinator places the actor by hand (here the bundle has no commune layer,
    // so the import left it without a point)
    let header: Vec<&str> = text.lines().next().unwrap().split(',').collect();
    let col = |n: &str| header.iter().position(|h| *h == n).unwrap();
    let moved: Vec<String> = text
        .lines()
        .map(|line| {
            if !line.starts_with("rpps:10100000001,") {
                return line.to_owned();
            }
            let mut cells: Vec<String> = line.split(',').map(String::from).collect();
            assert_eq!(cells[col("x")], stand_in["x"]);
            cells[col("x")] = "3.884000".into();
            cells[col("y")] = "44.105000".into();
            cells.join(",")
        })
        .collect();
    std::fs::write(plain.join("actors.csv"), moved.join("\n") + "\n").unwrap();

    reimport(&bundle);
    reimport(&plain);
    let after = actors(&bundle);
    for (id, row) in &before {
        if row["placement"] == "address" {
            let point = |r: &HashMap<String, String>| -> (f64, f64) {
                (r["x"].parse().unwrap(), r["y"].parse().unwrap())
            };
            let (was, is) = (point(row), point(&after[id]));
            assert!(
                (was.0 - is.0).abs() < 1e-6 && (was.1 - is.1).abs() < 1e-6,
                "{id}: the geocoded point {was:?} is kept, not {is:?}"
            );
        }
    }
    let hand = &actors(&plain)["rpps:10100000001"];
    assert_eq!(
        (hand["x"].as_str(), hand["y"].as_str()),
        ("3.884000", "44.105000")
    );
}
