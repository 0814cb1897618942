//! Every bundle of `tests/bundles/` loads, or is refused, exactly as its
//! `expected.toml` says: each listed problem with its file, line or feature, field and
//! code, and the whole bundle refused iff an error is expected.

use maillage::bundle::{load_bundle, Location, Problem, ProblemCode};
use maillage::lang::Lang;
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
    let message = p.message_in(maillage::lang::Lang::En).to_lowercase();
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
    let text = err.render(Lang::En);
    assert!(text.contains("actors.csv:5: kind: unknown kind"), "{text}");
    assert!(
        text.contains("zones/qpv.geojson#feature 0: code_qp:"),
        "{text}"
    );
}

#[test]
fn error_lines_render_in_french() {
    let err = load_bundle(&corpus().join("invalid/several_errors_at_once")).unwrap_err();
    let text = err.render(Lang::Fr);
    assert!(text.starts_with("le dossier du territoire a "), "{text}");
    assert!(
        text.contains("actors.csv:5 : kind : type inconnu « "),
        "{text}"
    );
    assert!(
        text.contains("zones/qpv.geojson#entité 0 : code_qp :"),
        "{text}"
    );
}

/// Words of English that no French message holds: a message left in English is
/// caught by one of them (values quoted from the files are lowercase French ids).
const ENGLISH_MARKERS: &[&str] = &[
    "expected", " the ", " must ", " not ", "unknown", "missing", " should ", " is ", " has ",
    " cannot ", " of ", " found", " with ", " file ", " and ",
];

/// The English words found in a text meant to be French, leaving out the words of
/// another library that the catalogue announces as such (`[en anglais : ...]`).
fn english_in(text: &str) -> Vec<&'static str> {
    let mut kept = String::new();
    let mut rest = text;
    while let Some(start) = rest.find("[en anglais : ") {
        kept.push_str(&rest[..start]);
        rest = rest[start..].split_once(']').map_or("", |(_, after)| after);
    }
    kept.push_str(rest);
    let text = format!(" {} ", kept.to_lowercase());
    ENGLISH_MARKERS
        .iter()
        .copied()
        .filter(|m| text.contains(m))
        .collect()
}

/// Every problem of the malformed corpus (tests/bundles and tests/hostile).
fn corpus_problems() -> Vec<(PathBuf, Problem)> {
    let hostile = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/hostile");
    let mut dirs = cases();
    for entry in std::fs::read_dir(&hostile).unwrap() {
        let path = entry.unwrap().path();
        if path.join("territory.toml").is_file() {
            dirs.push(path);
        }
    }
    dirs.sort();
    let mut all = Vec::new();
    for dir in dirs {
        let problems = match load_bundle(&dir) {
            Ok(l) => l.warnings,
            Err(e) => e.errors.into_iter().chain(e.warnings).collect(),
        };
        all.extend(problems.into_iter().map(|p| (dir.clone(), p)));
    }
    all
}

#[test]
fn every_message_of_the_corpus_has_a_french_text_and_none_is_left_in_english() {
    let problems = corpus_problems();
    assert!(problems.len() >= 60, "{} problems", problems.len());
    let mut keys = std::collections::BTreeSet::new();
    let mut report = String::new();
    for (dir, p) in &problems {
        keys.insert(p.message.key());
        // the bundle's path is data, not words of a message
        let folder = dir.display().to_string();
        let (fr, en) = (
            p.message_in(Lang::Fr).replace(&folder, "DOSSIER"),
            p.message_in(Lang::En).replace(&folder, "DOSSIER"),
        );
        let name = dir.file_name().unwrap().to_string_lossy();
        if fr == en {
            report.push_str(&format!("\n{name}: the same in both languages: {fr}"));
        }
        let english = english_in(&fr);
        if !english.is_empty() {
            report.push_str(&format!("\n{name}: English {english:?} in: {fr}"));
        }
        if !fr.contains("attendu") {
            report.push_str(&format!("\n{name}: says not what was expected: {fr}"));
        }
        // the whole line too: the locator of a GeoJSON feature is French as well
        let line = p.render(Lang::Fr);
        if line.contains("#feature") {
            report.push_str(&format!("\n{name}: English locator: {line}"));
        }
    }
    assert!(report.is_empty(), "{report}");
    assert!(keys.len() >= 30, "only {} distinct messages", keys.len());
}

#[test]
fn the_english_check_catches_a_message_left_in_english() {
    // a made-up message written in English where French was due
    let left_in_english =
        "unknown kind \"generaliste\" (expected a kind of the taxonomy; closest: medecin_generaliste)";
    assert_eq!(
        english_in(left_in_english),
        ["expected", " the ", "unknown", " of "]
    );
    assert_eq!(
        english_in("JSON invalide [en anglais : expected value] (attendu : du JSON)"),
        Vec::<&str>::new()
    );
    let french = load_bundle(&corpus().join("invalid/several_errors_at_once"))
        .unwrap_err()
        .errors[0]
        .message_in(Lang::Fr);
    assert!(english_in(&french).is_empty(), "{french}");
}
