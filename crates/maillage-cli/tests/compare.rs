//! `maillage compare` as a user runs it (docs/compare.md): every figure of the
//! comparison is the one of each bundle's own `maillage diagnose` outputs, each
//! territory's outputs are those of `maillage diagnose`, and a bundle that fails is
//! reported without stopping the others.

mod common;
use common::{copy_dir, maillage, repo};

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("maillage-compare-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A CSV file as its header and rows of cells by column name.
fn read_csv(path: &Path) -> Vec<BTreeMap<String, String>> {
    let mut reader = csv::Reader::from_path(path).unwrap();
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            header
                .iter()
                .cloned()
                .zip(r.iter().map(String::from))
                .collect()
        })
        .collect()
}

fn number(cell: &str) -> f64 {
    cell.parse()
        .unwrap_or_else(|_| panic!("not a number: {cell:?}"))
}

/// `a` and `b` equal but for the rounding of a sum taken in another order.
fn close(a: f64, b: f64, what: &str) {
    assert!(
        (a - b).abs() <= 1e-9 * b.abs().max(1.0),
        "{what}: {a} in the comparison, {b} in the diagnosis"
    );
}

const EXAMPLES: [&str; 3] = ["lyon7", "grenoble_sud", "cevennes"];

#[test]
fn the_comparison_of_the_examples_holds_each_bundles_own_figures() {
    let dir = scratch("examples");
    let out = dir.join("cmp");
    let bundles: Vec<String> = EXAMPLES.iter().map(|b| format!("data/{b}")).collect();
    let mut args = vec!["compare"];
    args.extend(bundles.iter().map(String::as_str));
    args.extend(["--out", out.to_str().unwrap()]);
    let o = maillage(&args, &repo());
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(stdout.contains("territoires comparés : 3"), "{stdout}");

    let table = read_csv(&out.join("comparaison.csv"));
    assert_eq!(table.len(), 4, "three territories and the totals");
    let figures = read_csv(&out.join("comparaison_figures.csv"));
    for (row, name) in table.iter().zip(EXAMPLES) {
        assert_eq!(row["dossier"], name);
        // the territory's own outputs: byte for byte those of `maillage diagnose`
        let alone = dir.join(name);
        let o = maillage(
            &[
                "diagnose",
                &format!("data/{name}"),
                "--out",
                alone.to_str().unwrap(),
                "--quiet",
            ],
            &repo(),
        );
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let mut files: Vec<_> = std::fs::read_dir(&alone)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        files.sort();
        assert!(files.len() >= 20, "{files:?}");
        for f in &files {
            assert_eq!(
                std::fs::read(alone.join(f)).unwrap(),
                std::fs::read(out.join(name).join(f)).unwrap(),
                "{name}/{f:?} differs from maillage diagnose's"
            );
        }

        // actors per 10,000 inhabitants by sector: zones.csv's counts over its population
        let zones = read_csv(&alone.join("zones.csv"));
        let population: f64 = zones.iter().map(|z| number(&z["population"])).sum();
        close(number(&row["population"]), population, "population");
        assert_eq!(row["zones"], zones.len().to_string());
        let mut sectors = 0;
        for (column, value) in row {
            let Some(sector) = column
                .strip_prefix("acteurs_pour_10000[")
                .and_then(|r| r.strip_suffix(']'))
            else {
                continue;
            };
            let count: f64 = zones
                .iter()
                .map(|z| z.get(&format!("count_{sector}")).map_or(0.0, |c| number(c)))
                .sum();
            close(number(value), count / population * 10_000.0, column);
            sectors += 1;
        }
        assert_eq!(sectors, 9, "every sector of the taxonomy");

        // gaps by type: the rows of gaps.csv, needs when not covered
        let gaps = read_csv(&alone.join("gaps.csv"));
        for kind in [
            "service",
            "need",
            "group",
            "isolated_actor",
            "unarticulated_dispositifs",
            "pathway",
            "absent",
        ] {
            let n = gaps
                .iter()
                .filter(|g| g["type"] == kind && !(kind == "need" && g["status"] == "covered"))
                .count();
            assert_eq!(
                row[&format!("lacunes[{kind}]")],
                n.to_string(),
                "{name} {kind}"
            );
        }

        // dispositif articulation: the share of the pairs of dispositifs.csv articulated
        let pairs = read_csv(&alone.join("dispositifs.csv"));
        let articulated = pairs.iter().filter(|p| p["articulated"] == "true").count();
        assert_eq!(row["paires_dispositifs"], pairs.len().to_string());
        assert_eq!(row["paires_articulees"], articulated.to_string());
        if !pairs.is_empty() {
            close(
                number(&row["articulation_dispositifs"]),
                articulated as f64 / pairs.len() as f64,
                "articulation",
            );
        }

        // GP access in the priority zones and elsewhere: the population-weighted means
        // of zones.csv's access column
        let mean = |priority: &str| {
            let (mut px, mut p) = (0.0, 0.0);
            for z in zones.iter().filter(|z| z["priority"] == priority) {
                let pop = number(&z["population"]);
                if pop > 0.0 {
                    px += pop * number(&z["access_medecin_generaliste"]);
                    p += pop;
                }
            }
            (p > 0.0).then(|| px / p)
        };
        for (column, side) in [
            ("acces_prioritaire[medecin_generaliste]", "true"),
            ("acces_ailleurs[medecin_generaliste]", "false"),
        ] {
            match mean(side) {
                Some(m) => close(number(&row[column]), m, column),
                None => assert_eq!(row[column], "", "{name}: {column}"),
            }
        }

        // the long table holds the same values, each ranked
        for f in figures.iter().filter(|f| f["dossier"] == name) {
            assert_eq!(f["valeur"], row[&f["figure"]], "{name} {}", f["figure"]);
            assert_eq!(f["rang"].is_empty(), f["valeur"].is_empty());
        }
    }

    // ranks: 1 the highest density
    let density: Vec<_> = figures
        .iter()
        .filter(|f| f["figure"] == "densite")
        .collect();
    let best = density
        .iter()
        .max_by(|a, b| number(&a["valeur"]).total_cmp(&number(&b["valeur"])))
        .unwrap();
    assert_eq!(best["rang"], "1");
    // fragmentation: 1 the lowest
    let fragmentation: Vec<_> = figures
        .iter()
        .filter(|f| f["figure"] == "fragmentation")
        .collect();
    let least = fragmentation
        .iter()
        .min_by(|a, b| number(&a["valeur"]).total_cmp(&number(&b["valeur"])))
        .unwrap();
    assert_eq!(least["rang"], "1");

    // the page: self-contained, French, each territory's report linked
    let page = std::fs::read_to_string(out.join("comparaison.html")).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>\n<html lang=\"fr\">"));
    for name in EXAMPLES {
        assert!(
            page.contains(&format!("href=\"{name}/report.html\"")),
            "{name}"
        );
    }
    assert!(
        !page.contains("http://") && !page.contains("https://") && !page.contains("<script src")
    );
    assert!(page.contains("Classements"));

    // the same run gives the same bytes
    let again = dir.join("again");
    let mut args = vec!["compare"];
    args.extend(bundles.iter().map(String::as_str));
    args.extend(["--out", again.to_str().unwrap(), "--quiet"]);
    assert!(maillage(&args, &repo()).status.success());
    for f in [
        "comparaison.html",
        "comparaison.csv",
        "comparaison_figures.csv",
    ] {
        assert_eq!(
            std::fs::read(out.join(f)).unwrap(),
            std::fs::read(again.join(f)).unwrap(),
            "{f}"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_missing_folder_a_refused_bundle_and_a_name_taken_are_reported_and_the_others_done() {
    let dir = scratch("failures");
    // the same folder name twice: a copy of cevennes under another parent
    let copy = dir.join("copie").join("cevennes");
    copy_dir(&repo().join("data/cevennes"), &copy);
    let refused = repo().join("tests/bundles/invalid/bad_date");
    let out = dir.join("cmp");
    let o = maillage(
        &[
            "compare",
            "data/lyon7",
            "data/no_such_bundle",
            refused.to_str().unwrap(),
            "data/cevennes",
            copy.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
        &repo(),
    );
    assert_eq!(o.status.code(), Some(1), "one failed: exit 1");
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(
        stderr.contains("data/no_such_bundle : non comparé"),
        "{stderr}"
    );
    assert!(stderr.contains("bad_date : non comparé"), "{stderr}");
    assert!(
        stderr.contains("porte déjà le nom « cevennes »"),
        "{stderr}"
    );
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(
        stdout.contains("territoires comparés : 2 ; lots en échec : 3"),
        "{stdout}"
    );

    // the others are compared and written
    let table = read_csv(&out.join("comparaison.csv"));
    let names: Vec<&str> = table.iter().map(|r| r["dossier"].as_str()).collect();
    assert_eq!(names, ["lyon7", "cevennes", ""]);
    assert!(out.join("lyon7/report.html").is_file());
    assert!(out.join("cevennes/report.html").is_file());
    assert!(!out.join("bad_date").exists() && !out.join("no_such_bundle").exists());
    let failures = read_csv(&out.join("comparaison_echecs.csv"));
    assert_eq!(failures.len(), 3);
    assert!(
        failures[0]["raison"].contains("dossier"),
        "{:?}",
        failures[0]
    );
    assert!(
        failures[1]["raison"].contains("erreur"),
        "{:?}",
        failures[1]
    );
    let page = std::fs::read_to_string(out.join("comparaison.html")).unwrap();
    assert!(page.contains("Lots non comparés"));

    // in English when asked
    let o = maillage(
        &[
            "--lang",
            "en",
            "compare",
            "data/no_such_bundle",
            "data/cevennes",
            "--out",
            out.to_str().unwrap(),
        ],
        &repo(),
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("data/no_such_bundle: not compared"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn overlapping_bundles_are_said_and_not_counted_twice_in_the_totals() {
    let dir = scratch("overlap");
    // cevennes again under another folder name: every zone and actor in both
    let copy = dir.join("cevennes_copie");
    copy_dir(&repo().join("data/cevennes"), &copy);
    let out = dir.join("cmp");
    let o = maillage(
        &[
            "compare",
            "data/lyon7",
            "data/cevennes",
            copy.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "--quiet",
        ],
        &repo(),
    );
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let table = read_csv(&out.join("comparaison.csv"));
    let (lyon, cevennes, totals) = (&table[0], &table[1], &table[3]);
    assert_eq!(table[2]["acteurs"], cevennes["acteurs"]);
    for column in ["zones", "population", "acteurs"] {
        close(
            number(&totals[column]),
            number(&lyon[column]) + number(&cevennes[column]),
            column,
        );
    }
    let overlaps = read_csv(&out.join("comparaison_chevauchements.csv"));
    assert_eq!(overlaps.len(), 1, "{overlaps:?}");
    let pair = &overlaps[0];
    assert_eq!(
        (&*pair["dossier_a"], &*pair["dossier_b"]),
        ("cevennes", "cevennes_copie")
    );
    assert_eq!(pair["zones_communes"], cevennes["zones"]);
    assert_eq!(pair["acteurs_communs"], cevennes["acteurs"]);
    close(
        number(&pair["population_commune"]),
        number(&cevennes["population"]),
        "population in both",
    );
    let page = std::fs::read_to_string(out.join("comparaison.html")).unwrap();
    assert!(page.contains("33 zones et 104 acteurs partagés avec : cevennes_copie"));
    assert!(page.contains("Ensemble, sans double compte"));
    let _ = std::fs::remove_dir_all(&dir);
}
