//! The `maillage` command as a user runs it: exit codes, outputs, and the promises of
//! docs/outputs.md on `zones.geojson`.

mod common;
use common::{copy_dir, maillage, repo};

use serde_json::Value;
use std::path::Path;
use std::process::Command;

fn diagnose_example(out: &Path) -> Value {
    let o = maillage(
        &[
            "diagnose",
            "data/lyon7",
            "--out",
            out.to_str().unwrap(),
            "--quiet",
        ],
        &repo(),
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    serde_json::from_slice(&std::fs::read(out.join("zones.geojson")).unwrap()).unwrap()
}

#[test]
fn validate_exits_0_on_a_good_bundle_1_on_errors_2_on_usage() {
    let root = repo();
    assert_eq!(
        maillage(&["validate", "data/lyon7"], &root).status.code(),
        Some(0)
    );
    let bad = maillage(
        &["validate", "tests/bundles/invalid/several_errors_at_once"],
        &root,
    );
    assert_eq!(bad.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&bad.stderr);
    assert!(
        stderr.contains("actors.csv:5 : kind : type inconnu « generalist »"),
        "{stderr}"
    );
    assert!(
        stderr.contains("zones/qpv.geojson#entité 0 : code_qp :"),
        "{stderr}"
    );
    assert_eq!(
        maillage(&["validate", "--no-such-flag"], &root)
            .status
            .code(),
        Some(2)
    );
    assert_eq!(maillage(&["frobnicate"], &root).status.code(), Some(2));
}

#[test]
fn validate_json_lists_every_problem_with_its_place() {
    let o = maillage(
        &[
            "validate",
            "--json",
            "tests/bundles/invalid/several_errors_at_once",
        ],
        &repo(),
    );
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    let errors = v["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 5);
    assert!(errors.iter().any(|e| e["file"] == "needs.csv"
        && e["location"]["index"] == 2
        && e["field"] == "level"
        && e["code"] == "bad_number"));
}

#[test]
fn diagnose_without_arguments_runs_on_the_example_and_writes_out() {
    let dir = tempfile::tempdir().unwrap();
    // From a folder holding data/lyon7, like the README's command.
    let work = dir.path();
    std::fs::create_dir_all(work.join("data")).unwrap();
    copy_dir(&repo().join("data/lyon7"), &work.join("data/lyon7"));
    let o = maillage(&["diagnose"], work);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(stdout.contains("Lyon 7e arrondissement"), "{stdout}");
    assert!(stdout.contains("densité"), "{stdout}");
    assert!(work.join("out/zones.geojson").is_file());
}

#[test]
fn zones_geojson_has_one_feature_per_iris_with_the_source_populations() {
    let dir = tempfile::tempdir().unwrap();
    let zones = diagnose_example(dir.path());
    let features = zones["features"].as_array().unwrap();
    assert_eq!(features.len(), 24);
    // The populations of the source file, read independently of the library.
    let source: Value = serde_json::from_slice(
        &std::fs::read(repo().join("data/lyon7/zones/iris.geojson")).unwrap(),
    )
    .unwrap();
    let expected: f64 = source["features"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["properties"]["p12_pop"].as_f64().unwrap())
        .sum();
    let got: f64 = features
        .iter()
        .map(|f| f["properties"]["population"].as_f64().unwrap())
        .sum();
    assert!((got - expected).abs() < 1e-6, "{got} vs {expected}");
    assert!((expected - 75_746.0).abs() < 1.0);
    // Counts by kind and by sector add up to the located actors.
    let actors: u64 = features
        .iter()
        .map(|f| f["properties"]["actors"].as_u64().unwrap())
        .sum();
    let by_sector: u64 = features
        .iter()
        .flat_map(|f| {
            [
                "ambulatory",
                "hospital",
                "medico_social",
                "social",
                "associative",
                "institution",
                "education",
                "coordination",
                "population",
            ]
            .map(|s| f["properties"][format!("count_{s}")].as_u64().unwrap())
        })
        .sum();
    assert_eq!(actors, by_sector);
    assert_eq!(actors, 177);
    let qpv: Vec<_> = features
        .iter()
        .filter(|f| f["properties"]["priority"] == true)
        .collect();
    assert_eq!(qpv.len(), 1);
    assert_eq!(qpv[0]["properties"]["name"], "Cite-Jardin");
}

/// Signed area of a ring by the shoelace formula: positive when counter-clockwise.
fn signed_area(ring: &[Value]) -> f64 {
    ring.windows(2)
        .map(|w| {
            w[0][0].as_f64().unwrap() * w[1][1].as_f64().unwrap()
                - w[1][0].as_f64().unwrap() * w[0][1].as_f64().unwrap()
        })
        .sum::<f64>()
        / 2.0
}

#[test]
fn zones_geojson_follows_rfc7946_and_simplestyle() {
    let dir = tempfile::tempdir().unwrap();
    let zones = diagnose_example(dir.path());
    assert!(zones.get("crs").is_none());
    assert_eq!(zones["type"], "FeatureCollection");
    assert!(zones["legend"]["classes"]
        .as_array()
        .is_some_and(|c| !c.is_empty()));
    for f in zones["features"].as_array().unwrap() {
        let g = &f["geometry"];
        let polygons: Vec<&Value> = match g["type"].as_str().unwrap() {
            "Polygon" => vec![&g["coordinates"]],
            "MultiPolygon" => g["coordinates"].as_array().unwrap().iter().collect(),
            other => panic!("unexpected geometry {other}"),
        };
        for rings in polygons {
            for (i, ring) in rings.as_array().unwrap().iter().enumerate() {
                let ring = ring.as_array().unwrap();
                assert_eq!(ring.first(), ring.last(), "closed ring");
                let area = signed_area(ring);
                assert!(
                    if i == 0 { area > 0.0 } else { area < 0.0 },
                    "ring {i} winding"
                );
                for pos in ring {
                    let (x, y) = (pos[0].as_f64().unwrap(), pos[1].as_f64().unwrap());
                    assert!((-180.0..=180.0).contains(&x) && (-90.0..=90.0).contains(&y));
                    for c in [x, y] {
                        assert!(
                            ((c * 1e6).round() - c * 1e6).abs() < 1e-6,
                            "{c} has more than 6 decimals"
                        );
                    }
                }
            }
        }
        let p = &f["properties"];
        for key in [
            "id",
            "name",
            "population",
            "priority",
            "fill",
            "fill-opacity",
            "stroke",
            "stroke-width",
            "title",
            "description",
        ] {
            assert!(p.get(key).is_some(), "missing {key}");
        }
        assert!(
            p["population"].is_number()
                && p["actors"].is_number()
                && p["count_medecin_generaliste"].is_number()
        );
        assert!(p["fill"].as_str().unwrap().starts_with('#'));
        for key in p.as_object().unwrap().keys() {
            assert!(key.is_ascii(), "{key}");
        }
    }
}

#[test]
fn diagnose_output_is_byte_identical_across_runs() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    diagnose_example(a.path());
    diagnose_example(b.path());
    let mut names: Vec<_> = std::fs::read_dir(a.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    names.sort();
    assert!(names.len() >= 4, "{names:?}");
    for name in names {
        assert_eq!(
            std::fs::read(a.path().join(&name)).unwrap(),
            std::fs::read(b.path().join(&name)).unwrap(),
            "{name:?} differs"
        );
    }
}

#[test]
fn diagnose_refuses_a_bad_bundle_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let o = maillage(
        &[
            "diagnose",
            "tests/bundles/invalid/unknown_kind",
            "--out",
            out.to_str().unwrap(),
        ],
        &repo(),
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("rien n'a été écrit"));
    assert!(!out.exists());
}

#[test]
fn diagnose_writes_the_network_tables() {
    let dir = tempfile::tempdir().unwrap();
    diagnose_example(dir.path());
    let actors = std::fs::read_to_string(dir.path().join("actors.csv")).unwrap();
    assert_eq!(actors.lines().count(), 207); // header + 206 actors
    assert!(actors
        .lines()
        .next()
        .unwrap()
        .contains("betweenness,closeness,pagerank"));
    let groups = std::fs::read_to_string(dir.path().join("groups.csv")).unwrap();
    assert_eq!(groups.lines().count(), 10); // header + 9 sectors
    let dispositifs = std::fs::read_to_string(dir.path().join("dispositifs.csv")).unwrap();
    assert!(dispositifs
        .lines()
        .any(|l| l.starts_with("cpts_lyon7,CPTS Lyon 7,asv_gerland,") && l.contains(",true,")));
}

#[test]
fn diagnose_suggests_as_many_links_as_asked() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().to_str().unwrap();
    let o = maillage(
        &[
            "diagnose",
            "data/lyon7",
            "--out",
            out,
            "--quiet",
            "--suggestions",
            "3",
        ],
        &repo(),
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let suggestions = std::fs::read_to_string(dir.path().join("suggestions.csv")).unwrap();
    assert_eq!(suggestions.lines().count(), 4); // header + 3 links
}

#[test]
fn diagnose_summary_names_the_bridges_between_schemes() {
    let dir = tempfile::tempdir().unwrap();
    let o = maillage(
        &[
            "diagnose",
            "data/lyon7",
            "--out",
            dir.path().to_str().unwrap(),
        ],
        &repo(),
    );
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(stdout.contains("indice E-I par sector"), "{stdout}");
    assert!(
        stdout.contains("articulation entre dispositifs"),
        "{stdout}"
    );
    assert!(stdout.contains("reliés par"), "{stdout}");
}

#[test]
fn diagnose_refuses_an_unknown_partition_as_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let o = maillage(
        &[
            "diagnose",
            "data/lyon7",
            "--partition",
            "nope",
            "--out",
            dir.path().to_str().unwrap(),
        ],
        &repo(),
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("aucun attribut des acteurs de ce nom"));
}

#[test]
fn presentation_outputs_hide_individual_professionals_unless_asked() {
    let root = repo();
    let professionals: Vec<String> = std::fs::read_to_string(root.join("data/lyon7/actors.csv"))
        .unwrap()
        .lines()
        .skip(1)
        .filter(|l| l.contains(",medecin_generaliste,") || l.contains(",infirmier,"))
        .map(|l| l.split(',').next().unwrap().to_owned())
        .collect();
    assert!(professionals.len() > 40);
    let ids_in = |dir: &Path, file: &str| -> Vec<String> {
        let v: Value = serde_json::from_slice(&std::fs::read(dir.join(file)).unwrap()).unwrap();
        v["features"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|f| {
                ["id", "source", "target"].map(|k| f["properties"][k].as_str().map(str::to_owned))
            })
            .flatten()
            .collect()
    };
    // Every name of an actor of family professional (one person), for the report.
    let names: Vec<String> = std::fs::read_to_string(root.join("data/lyon7/actors.csv"))
        .unwrap()
        .lines()
        .skip(1)
        .filter(|l| {
            professionals
                .iter()
                .any(|p| l.starts_with(&format!("{p},")))
        })
        .map(|l| l.split(',').nth(1).unwrap().trim_matches('"').to_owned())
        .collect();
    assert_eq!(names.len(), professionals.len());
    let hidden = tempfile::tempdir().unwrap();
    diagnose_example(hidden.path());
    for file in ["actors.geojson", "network.geojson"] {
        let ids = ids_in(hidden.path(), file);
        assert!(
            professionals.iter().all(|p| !ids.contains(p)),
            "{file} shows a professional"
        );
    }
    for file in ["actors.geojson", "network.geojson", "report.html"] {
        let text = std::fs::read_to_string(hidden.path().join(file)).unwrap();
        for name in &names {
            assert!(!text.contains(name.as_str()), "{file} names {name}");
        }
    }
    let shown = tempfile::tempdir().unwrap();
    let o = maillage(
        &[
            "diagnose",
            "data/lyon7",
            "--include-individuals",
            "--quiet",
            "--out",
            shown.path().to_str().unwrap(),
        ],
        &root,
    );
    assert!(o.status.success());
    let ids = ids_in(shown.path(), "actors.geojson");
    assert!(professionals.iter().any(|p| ids.contains(p)));
    for file in ["actors.geojson", "network.geojson", "report.html"] {
        let text = std::fs::read_to_string(shown.path().join(file)).unwrap();
        assert!(
            names.iter().any(|n| text.contains(n.as_str())),
            "{file} names no professional with --include-individuals"
        );
    }
    // the analyst's tables keep full detail
    let directory = std::fs::read_to_string(hidden.path().join("directory.csv")).unwrap();
    assert!(professionals
        .iter()
        .all(|p| directory.lines().any(|l| l.starts_with(&format!("{p},")))));
}

/// Every file of a folder, by name.
fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().unwrap().is_file())
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

#[test]
fn export_writes_one_output_as_diagnose_does() {
    let dir = tempfile::tempdir().unwrap();
    let all = dir.path().join("all");
    diagnose_example(&all);
    // To a file...
    let file = dir.path().join("carte.geojson");
    let o = maillage(
        &[
            "export",
            "zones.geojson",
            "data/lyon7",
            "--out",
            file.to_str().unwrap(),
        ],
        &repo(),
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(
        std::fs::read(&file).unwrap(),
        std::fs::read(all.join("zones.geojson")).unwrap()
    );
    // ... and to the standard output.
    let o = maillage(
        &["export", "directory.csv", "data/lyon7", "-o", "-"],
        &repo(),
    );
    assert!(o.status.success());
    assert_eq!(o.stdout, std::fs::read(all.join("directory.csv")).unwrap());
}

#[test]
fn export_and_diagnose_refuse_unknown_outputs_and_indicators() {
    let o = maillage(&["export", "zones.json", "data/lyon7"], &repo());
    assert_eq!(o.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(
        stderr.contains("zones.geojson") && stderr.contains("report.html"),
        "{stderr}"
    );

    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let o = maillage(
        &[
            "diagnose",
            "data/lyon7",
            "--indicator",
            "acces_generaliste",
            "--out",
            out.to_str().unwrap(),
        ],
        &repo(),
    );
    assert_eq!(o.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(
        stderr.contains("--indicator « acces_generaliste » : aucune propriété de zone")
            && stderr.contains("access_medecin_generaliste"),
        "{stderr}"
    );
    assert!(!out.exists(), "nothing is written on a usage error");
}

/// A write that fails (here the report's place is taken by a folder) changes nothing:
/// every previous output stays as it was and no temporary file is left.
#[test]
fn a_failed_write_leaves_the_previous_outputs_intact() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    diagnose_example(&out);
    std::fs::remove_file(out.join("report.html")).unwrap();
    std::fs::create_dir(out.join("report.html")).unwrap();
    std::fs::write(out.join("report.html").join("keep"), "x").unwrap();
    let before = snapshot(&out);
    // every output but the report, a file each
    assert_eq!(before.len(), maillage::outputs::OutputFile::ALL.len() - 1);
    let o = maillage(
        &[
            "diagnose",
            "data/lyon7",
            "--indicator",
            "density_pharmacie",
            "--min-count",
            "--include-individuals",
            "--quiet",
            "--out",
            out.to_str().unwrap(),
        ],
        &repo(),
    );
    assert_eq!(o.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(
        stderr.contains("report.html")
            && stderr.contains("les sorties précédentes sont inchangées"),
        "{stderr}"
    );
    assert!(snapshot(&out) == before, "an output changed");
}

#[test]
fn min_count_suppresses_small_zone_counts_in_the_map() {
    let dir = tempfile::tempdir().unwrap();
    let open = diagnose_example(&dir.path().join("open"));
    let strict = dir.path().join("strict");
    let o = maillage(
        &[
            "diagnose",
            "data/lyon7",
            "--min-count",
            "--quiet",
            "--out",
            strict.to_str().unwrap(),
        ],
        &repo(),
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let strict: Value =
        serde_json::from_slice(&std::fs::read(strict.join("zones.geojson")).unwrap()).unwrap();
    assert_eq!(strict["legend"]["min_count"], 11);
    let (mut hidden, mut small) = (0, 0);
    for (a, b) in open["features"]
        .as_array()
        .unwrap()
        .iter()
        .zip(strict["features"].as_array().unwrap())
    {
        let (pa, pb) = (
            a["properties"].as_object().unwrap(),
            b["properties"].as_object().unwrap(),
        );
        assert!(!pa.contains_key("suppressed"));
        let mut any = false;
        for (k, v) in pa {
            if k == "actors" || k.starts_with("count_") {
                let n = v.as_u64().unwrap();
                if (1..11).contains(&n) {
                    small += 1;
                    assert!(pb[k].is_null(), "{k} = {n} shown in {}", pa["id"]);
                }
                if pb[k].is_null() {
                    hidden += 1;
                    any = true;
                } else {
                    assert_eq!(&pb[k], v);
                }
            }
        }
        assert_eq!(pb["suppressed"], any);
    }
    assert!(
        small > 0 && hidden >= small,
        "{small} small counts, {hidden} hidden"
    );
}

#[test]
fn diagnose_prints_the_summary_it_writes_to_summary_txt() {
    let out = tempfile::tempdir().unwrap();
    let o = maillage(
        &[
            "diagnose",
            "data/lyon7",
            "--out",
            out.path().to_str().unwrap(),
        ],
        &repo(),
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let written = std::fs::read_to_string(out.path().join("summary.txt")).unwrap();
    let printed = String::from_utf8(o.stdout).unwrap();
    assert!(written.starts_with("Lyon 7e arrondissement : réseau au 2024-06-30\n"));
    assert!(written.contains("articulation entre dispositifs :"));
    assert!(
        printed.starts_with(&written),
        "the printed summary differs from summary.txt"
    );
}

#[test]
fn survey_writes_the_forms_merges_the_returned_ones_and_refuses_a_bare_call() {
    let dir = tempfile::tempdir().unwrap();
    let bundle = dir.path().join("lyon7");
    copy_dir(&repo().join("data/lyon7"), &bundle);
    let forms = dir.path().join("questionnaires");
    let (b, f) = (bundle.to_str().unwrap(), forms.to_str().unwrap());
    let o = maillage(&["survey", b, "--out", f], dir.path());
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let written = std::fs::read_dir(&forms).unwrap().count();
    assert_eq!(
        String::from_utf8_lossy(&o.stdout).trim(),
        format!("{written} questionnaires écrits dans {f}")
    );
    assert!(written > 10);
    // Forms returned unfilled (no date): every structure is a non-respondent and
    // relations.csv stays as it was.
    let before = std::fs::read(bundle.join("relations.csv")).unwrap();
    let o = maillage(&["survey", "merge", b, f], dir.path());
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(std::fs::read(bundle.join("relations.csv")).unwrap(), before);
    assert!(forms.join("rapport_enquete.csv").is_file());
    // Written forms are not overwritten by a second round into the same folder.
    assert_eq!(
        maillage(&["survey", b, "--out", f], dir.path())
            .status
            .code(),
        Some(1)
    );
    assert_eq!(maillage(&["survey", b], dir.path()).status.code(), Some(2));
    let o = maillage(
        &["diagnose", b, "--confirmed-only", "--out", "out", "--quiet"],
        dir.path(),
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

#[test]
fn help_is_french_by_default_and_english_with_lang_en() {
    let root = repo();
    let text = |args: &[&str]| {
        let o = maillage(args, &root);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8(o.stdout).unwrap()
    };
    let french = text(&["--help"]);
    assert!(french.starts_with("Cartographie les acteurs"), "{french}");
    assert!(french.contains("Utilisation : maillage"), "{french}");
    assert!(french.contains("Vérifie un bundle"), "{french}");
    assert!(!french.contains("Print help"), "{french}");
    let english = text(&["--lang", "en", "--help"]);
    assert!(english.starts_with("Maps the actors"), "{english}");
    assert!(english.contains("Usage: maillage"), "{english}");
    assert!(english.contains("Check a bundle"), "{english}");

    let french = text(&["diagnose", "--help"]);
    assert!(
        french.contains("Fait le diagnostic d'un bundle"),
        "{french}"
    );
    assert!(
        french.contains("Dossier de sortie, créé si besoin."),
        "{french}"
    );
    assert!(french.contains("Affiche l'aide"), "{french}");
    let english = text(&["diagnose", "--help", "--lang=en"]);
    assert!(english.contains("Diagnose a bundle"), "{english}");
    assert!(
        english.contains("Output folder, created if needed."),
        "{english}"
    );
    // the environment decides when --lang is not given
    let o = Command::new(env!("CARGO_BIN_EXE_maillage"))
        .args(["validate", "data/lyon7"])
        .current_dir(&root)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "en_GB.UTF-8")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(stdout.contains("data/lyon7: valid (206 actors"), "{stdout}");
    let french = text(&["validate", "data/lyon7"]);
    assert!(
        french.contains("data/lyon7 : valide (206 acteurs"),
        "{french}"
    );
    // a language that is not one is a usage error
    assert_eq!(
        maillage(&["--lang", "de", "validate"], &root).status.code(),
        Some(2)
    );
}
