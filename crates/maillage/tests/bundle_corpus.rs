//! Every bundle of `tests/bundles/` loads, or is refused, exactly as its
//! `expected.toml` says: each listed problem with its file, line or feature, field and
//! code, and the whole bundle refused iff an error is expected.

use maillage::bundle::{load_bundle, Location, Problem, ProblemCode};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

#[derive(Deserialize, Default)]
struct Expected {
    #[serde(default)]
    error: Vec<ExpectedProblem>,
    #[serde(default)]
    warning: Vec<ExpectedProblem>,
    loaded: Option<ExpectedLoad>,
}

#[derive(Deserialize, Debug)]
struct ExpectedProblem {
    file: String,
    line: Option<u64>,
    feature: Option<usize>,
    field: Option<String>,
    code: String,
    #[serde(default)]
    contains: Vec<String>,
}

#[derive(Deserialize, Default)]
struct ExpectedLoad {
    actors: Option<usize>,
    relations: Option<usize>,
    actions: Option<usize>,
    needs: Option<usize>,
    warnings: Option<usize>,
    #[serde(default)]
    names: BTreeMap<String, String>,
    #[serde(flatten)]
    zones: BTreeMap<String, toml::Value>,
}

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/bundles")
}

fn cases() -> Vec<PathBuf> {
    let mut dirs = Vec::new();
    for group in ["valid", "invalid"] {
        for entry in std::fs::read_dir(corpus().join(group)).unwrap() {
            let path = entry.unwrap().path();
            if path.join("expected.toml").is_file() {
                dirs.push(path);
            }
        }
    }
    dirs.sort();
    dirs
}

fn matches(p: &Problem, e: &ExpectedProblem) -> bool {
    let location = match (e.line, e.feature) {
        (Some(l), _) => Location::Line(l),
        (None, Some(f)) => Location::Feature(f),
        (None, None) => Location::File,
    };
    let message = p.message.to_lowercase();
    p.file == e.file
        && p.location == location
        && p.field.as_deref() == e.field.as_deref()
        && p.code.as_str() == e.code
        && e.contains
            .iter()
            .all(|c| message.contains(&c.to_lowercase()))
}

fn check_case(dir: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(dir.join("expected.toml")).unwrap();
    let expected: Expected = toml::from_str(&text).unwrap();
    let mut failures = Vec::new();
    let (errors, warnings, loaded) = match load_bundle(dir) {
        Ok(l) => (Vec::new(), l.warnings, Some(l.territory)),
        Err(e) => (e.errors, e.warnings, None),
    };
    let show = |ps: &[Problem]| {
        ps.iter()
            .map(|p| format!("\n      [{}] {p}", p.code))
            .collect::<String>()
    };
    for e in &expected.error {
        if !errors.iter().any(|p| matches(p, e)) {
            failures.push(format!("missing error {e:?}; got:{}", show(&errors)));
        }
    }
    for e in &expected.warning {
        if !warnings.iter().any(|p| matches(p, e)) {
            failures.push(format!("missing warning {e:?}; got:{}", show(&warnings)));
        }
    }
    if expected.error.is_empty() && loaded.is_none() {
        failures.push(format!(
            "refused, expected to load; errors:{}",
            show(&errors)
        ));
    }
    if !expected.error.is_empty() && loaded.is_some() {
        failures.push("loaded, expected to be refused".to_owned());
    }
    if let (Some(t), Some(l)) = (&loaded, &expected.loaded) {
        let counts = [
            ("actors", l.actors, t.actors.len()),
            ("relations", l.relations, t.relations.len()),
            ("actions", l.actions, t.actions.len()),
            ("needs", l.needs, t.needs.len()),
            ("warnings", l.warnings, warnings.len()),
        ];
        for (what, want, got) in counts {
            if want.is_some_and(|w| w != got) {
                failures.push(format!(
                    "{what}: expected {want:?}, got {got}{}",
                    if what == "warnings" {
                        show(&warnings)
                    } else {
                        String::new()
                    }
                ));
            }
        }
        for (key, want) in &l.zones {
            let Some(layer) = key.strip_prefix("zones_") else {
                continue;
            };
            let got = t.layer_by_name(layer).map(|i| t.layer(i).zones.len());
            if got.map(|g| g as i64) != want.as_integer() {
                failures.push(format!("{key}: expected {want}, got {got:?}"));
            }
        }
        for (id, name) in &l.names {
            let got = t.actor_by_id(id).map(|a| t.actor(a).name.clone());
            if got.as_deref() != Some(name.as_str()) {
                failures.push(format!("name of {id}: expected {name:?}, got {got:?}"));
            }
        }
    }
    failures
}

#[test]
fn every_corpus_bundle_gives_its_expected_problems() {
    let cases = cases();
    assert!(cases.len() >= 20, "the corpus holds {} cases", cases.len());
    let mut report = String::new();
    for dir in &cases {
        for f in check_case(dir) {
            report.push_str(&format!(
                "\n{}: {f}",
                dir.file_name().unwrap().to_string_lossy()
            ));
        }
    }
    assert!(report.is_empty(), "{report}");
}

#[test]
fn the_corpus_covers_every_kind_of_malformed_bundle_the_format_names() {
    let mut codes = std::collections::BTreeSet::new();
    for dir in cases() {
        let e: Expected =
            toml::from_str(&std::fs::read_to_string(dir.join("expected.toml")).unwrap()).unwrap();
        codes.extend(e.error.iter().chain(&e.warning).map(|p| p.code.clone()));
    }
    for code in [
        ProblemCode::MissingFile,
        ProblemCode::MissingColumn,
        ProblemCode::DuplicateId,
        ProblemCode::UnknownKind,
        ProblemCode::UnknownActor,
        ProblemCode::BadNumber,
        ProblemCode::BadDate,
        ProblemCode::BadCrs,
        ProblemCode::InvalidJson,
        ProblemCode::MissingProperty,
        ProblemCode::Encoding,
        ProblemCode::EmptyFile,
        ProblemCode::SwappedCoordinates,
        ProblemCode::InvalidPolygon,
        ProblemCode::NoPopulation,
        ProblemCode::OutsideZones,
    ] {
        assert!(codes.contains(code.as_str()), "no case for {code}");
    }
}

#[test]
fn error_lines_render_as_file_line_field_message() {
    let err = load_bundle(&corpus().join("invalid/several_errors_at_once")).unwrap_err();
    assert!(err.errors.len() >= 5);
    let text = err.to_string();
    assert!(text.contains("actors.csv:5: kind: unknown kind"), "{text}");
    assert!(
        text.contains("zones/qpv.geojson#feature 0: code_qp:"),
        "{text}"
    );
}
