//! `maillage geocode` as a coordinator runs it: a small bundle of Lozère with postal
//! addresses, geocoded against the real BANO rows of `tests/geocode/ban/`.

mod common;
use common::{maillage, repo};

use std::path::Path;

fn ban() -> String {
    repo()
        .join("tests/geocode/ban/adresses-48-bano2015.csv")
        .to_string_lossy()
        .into_owned()
}

const ACTORS: &str = "id,name,kind,x,y,address,postcode,commune\n\
    cab,Cabinet du Prieuré,medecin_generaliste,,,2 Rue du Prieuré,48130,Aumont-Aubrac\n\
    cpts,CPTS Lozère,cpts,,,,,\n\
    lab,Oxylab,laboratoire,,,\"1 all. piencourt, 48000 mende\",,\n\
    dr,Dr Élise,medecin_generaliste,3.5,44.5,31 AV FOCH,48300,Langogne\n\
    x,Inconnu,association,,,3 rue de Nulle Part,48000,Mende\n";

/// A bundle folder with a manifest and the actors above.
fn bundle() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("territory.toml"),
        "format = 1\nname = \"Lozère\"\ncrs = \"EPSG:4326\"\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("actors.csv"), ACTORS).unwrap();
    dir
}

fn run(dir: &Path, extra: &[&str]) -> (Option<i32>, String, String) {
    let bundle = dir.to_string_lossy().into_owned();
    let mut args = vec!["geocode", bundle.as_str()];
    args.extend_from_slice(extra);
    let o = maillage(&args, &repo());
    (
        o.status.code(),
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

#[test]
fn geocode_writes_the_points_and_reports_in_french() {
    let dir = bundle();
    let ban = ban();
    let (code, out, err) = run(dir.path(), &["--ban", &ban]);
    assert_eq!(code, Some(0), "{out}{err}");
    assert!(out.contains("3 acteurs placés sur 3"), "{out}");
    assert!(
        out.contains("au numéro                     2  (housenumber)"),
        "{out}"
    );
    assert!(out.contains("gardés tels quels             1"), "{out}");
    assert!(out.contains("sans adresse                  1"), "{out}");
    assert!(
        out.contains("  actors.csv:6 : score faible 0,30 : « 3 rue de Nulle Part » (x) placé à la commune seulement « Mende » : à vérifier"),
        "{out}"
    );
    let written = std::fs::read_to_string(dir.path().join("actors.csv")).unwrap();
    let lines: Vec<&str> = written.lines().collect();
    assert_eq!(
        lines,
        [
            "id,name,kind,x,y,address,postcode,commune,geocode_score,geocode_type,geocode_label",
            "cab,Cabinet du Prieuré,medecin_generaliste,3.285060,44.723177,2 Rue du Prieuré,48130,Aumont-Aubrac,1.00,housenumber,2 Rue du Prieuré 48130 Aumont-Aubrac",
            "cpts,CPTS Lozère,cpts,,,,,,,,",
            "lab,Oxylab,laboratoire,3.501884,44.518356,\"1 all. piencourt, 48000 mende\",,,1.00,housenumber,1 Allée Piencourt 48000 Mende",
            "dr,Dr Élise,medecin_generaliste,3.5,44.5,31 AV FOCH,48300,Langogne,,,",
            "x,Inconnu,association,3.493196,44.522673,3 rue de Nulle Part,48000,Mende,0.30,municipality,Mende",
        ]
    );
    // a coordinator corrects a point by hand: a second run keeps it, and every other one
    let corrected = written.replace("3.285060,44.723177", "3.285100,44.723200");
    std::fs::write(dir.path().join("actors.csv"), &corrected).unwrap();
    let (code, out, _) = run(dir.path(), &["--ban", &ban]);
    assert_eq!(code, Some(0));
    assert!(out.contains("actors.csv inchangé"), "{out}");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("actors.csv")).unwrap(),
        corrected
    );
    // --overwrite places it again from its address
    let (code, _, _) = run(dir.path(), &["--ban", &ban, "--overwrite"]);
    assert_eq!(code, Some(0));
    let again = std::fs::read_to_string(dir.path().join("actors.csv")).unwrap();
    assert!(again.contains("cab,Cabinet du Prieuré,medecin_generaliste,3.285060,44.723177,"));
    assert!(
        again.contains("dr,Dr Élise,medecin_generaliste,3.856463,44.728816,"),
        "{again}"
    );
}

#[test]
fn geocode_json_gives_the_counts_and_rows() {
    let dir = bundle();
    let (code, out, err) = run(dir.path(), &["--ban", &ban(), "--json"]);
    assert_eq!(code, Some(0), "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["counts"]["housenumber"], 2);
    assert_eq!(v["counts"]["municipality"], 1);
    assert_eq!(v["kept"], 1);
    assert_eq!(v["rows"][0]["line"], 2);
    assert_eq!(v["rows"][0]["found"]["type"], "housenumber");
    assert_eq!(v["low_score"][0]["location"]["index"], 6);
}

#[test]
fn a_bad_ban_file_leaves_the_bundle_byte_identical() {
    let dir = bundle();
    let not_ban = dir.path().join("not-ban.csv");
    std::fs::write(&not_ban, "nom;prenom\nDupont;Jean\n").unwrap();
    let (code, out, err) = run(dir.path(), &["--ban", not_ban.to_str().unwrap()]);
    assert_eq!(code, Some(1), "{out}");
    assert!(
        err.contains(
            "not-ban.csv:1 : ce n’est pas un fichier d’adresses de la BAN : colonnes absentes"
        ),
        "{err}"
    );
    assert!(err.contains("rien n'a été écrit"), "{err}");
    assert_eq!(
        std::fs::read(dir.path().join("actors.csv")).unwrap(),
        ACTORS.as_bytes()
    );
    // a download cut short: a gzip file truncated
    let gz = dir.path().join("adresses-48.csv.gz");
    let full = {
        use std::io::Write;
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        e.write_all(&std::fs::read(ban()).unwrap()).unwrap();
        e.finish().unwrap()
    };
    std::fs::write(&gz, &full[..full.len() / 2]).unwrap();
    let (code, _, err) = run(dir.path(), &["--ban", gz.to_str().unwrap()]);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("adresses-48.csv.gz:"), "{err}");
    assert_eq!(
        std::fs::read(dir.path().join("actors.csv")).unwrap(),
        ACTORS.as_bytes()
    );
}

#[test]
fn an_unreachable_server_is_an_error_and_writes_nothing() {
    let dir = bundle();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let url = format!("http://127.0.0.1:{port}");
    let (code, _, err) = run(dir.path(), &["--api", &url]);
    assert_eq!(code, Some(1), "{err}");
    assert!(
        err.contains(&format!(
            "{url}/search/csv/ : impossible de joindre le serveur d’adresses pour les adresses 1 à 3 sur 3"
        )),
        "{err}"
    );
    assert!(err.contains("actors.csv n'a pas été modifié"), "{err}");
    assert_eq!(
        std::fs::read(dir.path().join("actors.csv")).unwrap(),
        ACTORS.as_bytes()
    );
}

#[test]
fn geocode_usage_errors_exit_2() {
    let dir = bundle();
    assert_eq!(run(dir.path(), &[]).0, Some(2));
    assert_eq!(
        run(dir.path(), &["--ban", &ban(), "--min-score", "3"]).0,
        Some(2)
    );
    assert_eq!(
        run(dir.path(), &["--ban", &ban(), "--api", "http://x"]).0,
        Some(2)
    );
}
