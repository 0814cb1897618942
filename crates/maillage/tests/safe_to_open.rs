//! Files safe to open (docs/outputs.md "Safe to open", docs/bundle.md "Cells a
//! spreadsheet would run" and "Files outside the bundle"): a cell that a spreadsheet
//! would run as a formula is warned on input and neutralised in the tables written for
//! spreadsheets, its raw value kept in the GeoJSON; a manifest or a table that points
//! outside the bundle folder is refused unless the manifest allows it.

mod common;
use common::copy_dir;
use maillage::bundle::{load_bundle, Loaded, Location, Problem, ProblemCode, Severity};
use maillage::outputs::{OutputFile, OutputOptions};
use maillage::Diagnosis;
use std::fs;
use std::path::{Path, PathBuf};

const HYPERLINK: &str = "=HYPERLINK(\"http://example.org/x\";\"Cliquez\")";

fn example(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../data")
        .join(name)
}

/// A copy of `data/lyon7` in a temporary folder.
fn lyon7_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&example("lyon7"), dir.path());
    dir
}

/// Replaces the first occurrence of `from` by `to` in a file of the bundle.
fn edit(dir: &Path, file: &str, from: &str, to: &str) {
    let path = dir.join(file);
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{file} has no {from:?}");
    fs::write(path, text.replacen(from, to, 1)).unwrap();
}

/// The `formula_text` warnings of a loaded bundle.
fn formula_warnings(loaded: &Loaded) -> Vec<&Problem> {
    loaded
        .warnings
        .iter()
        .filter(|w| w.code == ProblemCode::FormulaText)
        .collect()
}

/// A copy of `data/lyon7` whose pharmacy "Pharmacie Cousin" (a located structure, so
/// that it is on the map too) is named [`HYPERLINK`], and the line of actors.csv that
/// holds it.
fn lyon7_with_a_formula_name() -> (tempfile::TempDir, u64) {
    let dir = lyon7_copy();
    // the name written as a spreadsheet formula, quoted as CSV wants
    let quoted = format!("\"{}\"", HYPERLINK.replace('"', "\"\""));
    edit(
        dir.path(),
        "actors.csv",
        ",Pharmacie Cousin,",
        &format!(",{quoted},"),
    );
    let line = fs::read_to_string(dir.path().join("actors.csv"))
        .unwrap()
        .lines()
        .position(|l| l.contains("HYPERLINK"))
        .unwrap() as u64
        + 1;
    (dir, line)
}

fn csv_rows(bytes: &[u8]) -> Vec<Vec<String>> {
    csv::Reader::from_reader(bytes)
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

#[test]
fn a_formula_in_a_name_is_warned_and_neutralised_in_the_tables_only() {
    let (dir, line) = lyon7_with_a_formula_name();
    let loaded = load_bundle(dir.path()).unwrap();
    let formulas = formula_warnings(&loaded);
    assert_eq!(formulas.len(), 1, "{formulas:?}");
    assert_eq!(formulas[0].file, "actors.csv");
    assert_eq!(formulas[0].location, Location::Line(line));
    assert_eq!(formulas[0].field.as_deref(), Some("name"));
    assert_eq!(formulas[0].severity, Severity::Warning);

    let territory = loaded.territory;
    let row = line as usize - 2;
    assert_eq!(territory.actors[row].name, HYPERLINK, "kept as written");
    let diagnosis = Diagnosis::of(&territory);
    let options = OutputOptions {
        include_individuals: true,
        ..OutputOptions::default()
    };
    let render = |file: OutputFile| file.render(&territory, &diagnosis, &options);

    let neutralised = format!("'{HYPERLINK}");
    let actors = csv_rows(&render(OutputFile::ActorsCsv));
    let id = &territory.actors[row].id;
    let cell = |rows: &[Vec<String>]| rows.iter().find(|r| &r[0] == id).unwrap()[1].clone();
    assert_eq!(cell(&actors), neutralised);
    let directory = csv_rows(&render(OutputFile::DirectoryCsv));
    assert_eq!(cell(&directory), neutralised);
    // no other cell of any table starts as a formula, and negative figures stay numbers
    let mut negatives = 0;
    // every CSV table, the ones added later included
    let tables = OutputFile::ALL
        .into_iter()
        .filter(|f| f.file_name().ends_with(".csv"));
    for file in tables {
        for row in csv_rows(&render(file)) {
            for cell in row {
                assert!(!maillage::model::looks_like_formula(&cell), "{cell}");
                negatives += usize::from(cell.starts_with('-'));
            }
        }
    }
    assert!(
        negatives > 0,
        "E-I indices below zero are written as numbers"
    );
    // the GeoJSON, read by programs, keeps the raw value
    let geojson: serde_json::Value =
        serde_json::from_slice(&render(OutputFile::ActorsGeojson)).unwrap();
    let names: Vec<&str> = geojson["features"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["properties"]["name"].as_str())
        .collect();
    assert!(names.contains(&HYPERLINK), "{names:?}");
}

#[test]
fn formula_warnings_are_capped_and_counted() {
    let dir = lyon7_copy();
    let path = dir.path().join("relations.csv");
    let text = fs::read_to_string(&path).unwrap();
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    assert!(lines.len() > 26);
    // an extra column, kept as an attribute, carries a formula on 25 rows
    lines[0].push_str(",commentaire");
    for (i, line) in lines.iter_mut().enumerate().skip(1) {
        line.push_str(if i <= 25 { ",@SUM(1+1)" } else { "," });
    }
    fs::write(&path, lines.join("\n") + "\n").unwrap();
    let loaded = load_bundle(dir.path()).unwrap();
    let formulas = formula_warnings(&loaded);
    assert_eq!(formulas.len(), maillage::bundle::MAX_FORMULA_WARNINGS + 1);
    assert_eq!(formulas[0].location, Location::Line(2));
    assert_eq!(formulas[0].field.as_deref(), Some("commentaire"));
    let last = formulas.last().unwrap();
    assert_eq!(last.location, Location::File);
    assert!(
        last.message_in(maillage::lang::Lang::En)
            .starts_with("5 more cells"),
        "{}",
        last.message
    );
}

#[test]
fn a_layer_outside_the_bundle_is_refused_unless_allowed() {
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("secret.geojson");
    fs::copy(example("lyon7").join("zones/qpv.geojson"), &secret).unwrap();
    let dir = lyon7_copy();
    for written in [
        secret.display().to_string(),
        "../../../../../../etc/passwd".to_owned(),
        "zones/../../qpv.geojson".to_owned(),
    ] {
        let manifest = fs::read_to_string(example("lyon7").join("territory.toml")).unwrap();
        fs::write(
            dir.path().join("territory.toml"),
            manifest.replacen("zones/qpv.geojson", &written, 1),
        )
        .unwrap();
        let errors = load_bundle(dir.path()).unwrap_err().errors;
        let outside: Vec<_> = errors
            .iter()
            .filter(|p| p.code == ProblemCode::OutsideBundle)
            .collect();
        assert_eq!(outside.len(), 1, "{written}: {errors:?}");
        assert_eq!(outside[0].file, "territory.toml");
        assert_eq!(outside[0].field.as_deref(), Some("layers.qpv.file"));
        assert!(matches!(outside[0].location, Location::Line(_)));
        assert!(outside[0]
            .message_in(maillage::lang::Lang::En)
            .contains("allow_files_outside"));
    }
    // allowed explicitly: the file is read from where it is
    let manifest = fs::read_to_string(example("lyon7").join("territory.toml")).unwrap();
    fs::write(
        dir.path().join("territory.toml"),
        format!(
            "allow_files_outside = true\n{}",
            manifest.replacen("zones/qpv.geojson", &secret.display().to_string(), 1)
        ),
    )
    .unwrap();
    let loaded = load_bundle(dir.path()).unwrap();
    assert_eq!(loaded.territory.layers.len(), 3);
}

#[cfg(unix)]
#[test]
fn a_symbolic_link_pointing_out_is_refused_and_one_inside_is_read() {
    use std::os::unix::fs::symlink;
    let outside = tempfile::tempdir().unwrap();
    let dir = lyon7_copy();
    // a table that is a link to a file outside the folder
    let stolen = outside.path().join("actors.csv");
    fs::copy(dir.path().join("actors.csv"), &stolen).unwrap();
    fs::remove_file(dir.path().join("actors.csv")).unwrap();
    symlink(&stolen, dir.path().join("actors.csv")).unwrap();
    // a layer that is a link to a file inside the folder
    fs::rename(
        dir.path().join("zones/qpv.geojson"),
        dir.path().join("qpv-2015.geojson"),
    )
    .unwrap();
    symlink("../qpv-2015.geojson", dir.path().join("zones/qpv.geojson")).unwrap();
    let errors = load_bundle(dir.path()).unwrap_err().errors;
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].code, ProblemCode::OutsideBundle);
    assert_eq!(errors[0].file, "actors.csv");
    assert!(
        errors[0]
            .message_in(maillage::lang::Lang::En)
            .contains("symbolic link"),
        "{}",
        errors[0]
    );

    // the folder itself reached through a link is inside itself
    fs::remove_file(dir.path().join("actors.csv")).unwrap();
    fs::copy(&stolen, dir.path().join("actors.csv")).unwrap();
    let link = outside.path().join("bundle-link");
    symlink(dir.path(), &link).unwrap();
    assert!(load_bundle(&link).is_ok());
}

#[test]
fn a_formula_written_as_text_in_a_workbook_is_warned_at_its_cell() {
    let (dir, line) = lyon7_with_a_formula_name();
    let out = tempfile::tempdir().unwrap();
    maillage::bundle::write_workbook_bundle(dir.path(), &out.path().join("lyon7.xlsx")).unwrap();
    let loaded = load_bundle(out.path()).unwrap();
    let formulas = formula_warnings(&loaded);
    assert_eq!(formulas.len(), 1, "{formulas:?}");
    // the sheet's row is the CSV line (a header row, then the rows in order); the
    // name is the second column
    assert_eq!(
        formulas[0].location,
        Location::Cell {
            row: line as u32,
            column: 2
        }
    );
    assert_eq!(loaded.territory.actors[line as usize - 2].name, HYPERLINK);
}
