//! `maillage convert` and `maillage template` from the command line: the example bundles
//! as workbooks give byte-identical diagnoses, through .xlsx and through the .ods that
//! LibreOffice makes of it; the template opens in LibreOffice Calc.
//!
//! LibreOffice (`soffice`, Debian's `libreoffice-calc-nogui`) is needed for the .ods
//! and template tests: without it they are skipped, saying so, except in CI
//! (`CI=true`), where they fail.

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
        .unwrap()
}

fn ok(args: &[&str]) -> String {
    let out = maillage(args);
    assert!(
        out.status.success(),
        "maillage {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// Every file of a folder, by name, with its bytes.
fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut all: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    all.sort();
    all
}

/// Diagnoses both bundles and checks that every output is the same, byte for byte.
fn same_diagnosis(csv: &Path, other: &Path, what: &str) {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    let printed_a = ok(&["diagnose", s(csv), "--out", s(&a)]);
    let printed_b = ok(&["diagnose", s(other), "--out", s(&b)]);
    let summary = |p: &str| {
        p.lines()
            .filter(|l| !l.starts_with("écrit : "))
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(summary(&printed_a), summary(&printed_b), "{what}");
    let (fa, fb) = (files(&a), files(&b));
    assert_eq!(fa.len(), maillage::outputs::OutputFile::ALL.len(), "{what}");
    for ((na, ba), (nb, bb)) in fa.iter().zip(&fb) {
        assert_eq!(na, nb, "{what}");
        assert!(ba == bb, "{what}: {na} differs");
    }
}

/// LibreOffice's `soffice`, if installed; in CI, its absence fails the test.
fn soffice() -> Option<PathBuf> {
    for name in ["soffice", "libreoffice"] {
        if let Ok(out) = Command::new("which").arg(name).output() {
            if out.status.success() {
                let path = String::from_utf8_lossy(&out.stdout).trim().to_owned();
                return Some(PathBuf::from(path));
            }
        }
    }
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("soffice is missing: install Debian's libreoffice-calc-nogui (.ci/run does)");
    }
    eprintln!("skipped: soffice is missing (install libreoffice-calc-nogui to run this test)");
    None
}

/// Converts `file` with LibreOffice to `format` (ods, xlsx) into `out_dir`; the file
/// written.
fn libreoffice(soffice: &Path, file: &Path, format: &str, out_dir: &Path) -> PathBuf {
    let profile = tempfile::tempdir().unwrap();
    let out = Command::new(soffice)
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.path().display()
        ))
        .args(["--headless", "--convert-to", format, "--outdir"])
        .arg(out_dir)
        .arg(file)
        .output()
        .unwrap();
    let written = out_dir.join(file.with_extension(format).file_name().unwrap());
    assert!(
        out.status.success() && written.is_file(),
        "soffice {}: {}{}",
        file.display(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    written
}

/// The territory without its lines.
fn comparable(dir: &Path) -> maillage::Territory {
    let mut t = maillage::load_bundle(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .territory;
    t.actors.iter_mut().for_each(|a| a.line = 0);
    t.actions.iter_mut().for_each(|a| a.line = 0);
    t.needs.iter_mut().for_each(|n| n.line = 0);
    t
}

#[test]
fn the_examples_as_workbooks_diagnose_byte_identically_and_convert_back() {
    for name in ["lyon7", "grenoble_sud", "cevennes"] {
        let tmp = tempfile::tempdir().unwrap();
        let csv = repo().join("data").join(name);
        let folder = tmp.path().join("classeur");
        let workbook = folder.join(format!("{name}.xlsx"));
        let printed = ok(&["convert", s(&csv), s(&workbook)]);
        assert!(printed.starts_with("écrit : "), "{printed}");
        same_diagnosis(&csv, &folder, name);
        let back = tmp.path().join("csv");
        ok(&["convert", s(&folder), s(&back)]);
        same_diagnosis(&csv, &back, name);
    }
}

#[test]
fn the_examples_round_trip_through_libreoffices_ods() {
    let Some(soffice) = soffice() else { return };
    for name in ["lyon7", "grenoble_sud", "cevennes"] {
        let tmp = tempfile::tempdir().unwrap();
        let csv = repo().join("data").join(name);
        let folder = tmp.path().join("xlsx");
        let workbook = folder.join(format!("{name}.xlsx"));
        ok(&["convert", s(&csv), s(&workbook)]);
        // LibreOffice's .ods beside a copy of the manifest and the layers
        let ods_folder = tmp.path().join("ods");
        std::fs::create_dir(&ods_folder).unwrap();
        let ods = libreoffice(&soffice, &workbook, "ods", &ods_folder);
        assert_eq!(&std::fs::read(&ods).unwrap()[30..38], b"mimetype");
        std::fs::copy(
            folder.join("territory.toml"),
            ods_folder.join("territory.toml"),
        )
        .unwrap();
        std::fs::create_dir(ods_folder.join("zones")).unwrap();
        for e in std::fs::read_dir(folder.join("zones")).unwrap() {
            let e = e.unwrap();
            std::fs::copy(e.path(), ods_folder.join("zones").join(e.file_name())).unwrap();
        }
        let original = comparable(&csv);
        let from_ods = comparable(&ods_folder);
        assert_eq!(original.actors, from_ods.actors, "{name}");
        assert_eq!(original.relations, from_ods.relations, "{name}");
        assert_eq!(original.actions, from_ods.actions, "{name}");
        assert_eq!(original.needs, from_ods.needs, "{name}");
        same_diagnosis(&csv, &ods_folder, &format!("{name} (ods)"));
        let back = tmp.path().join("csv");
        ok(&["convert", s(&ods_folder), s(&back)]);
        let again = comparable(&back);
        assert_eq!(original.actors, again.actors, "{name}");
        assert_eq!(original.relations, again.relations, "{name}");
    }
}

#[test]
fn the_template_opens_in_libreoffice_and_reads_as_empty_tables() {
    let tmp = tempfile::tempdir().unwrap();
    let template = tmp.path().join("modele.xlsx");
    let printed = ok(&["template", s(&template)]);
    assert!(printed.contains("64 types d'acteurs"), "{printed}");
    // the same template, the same bytes
    let again = tmp.path().join("encore.xlsx");
    ok(&["template", s(&again)]);
    assert!(std::fs::read(&template).unwrap() == std::fs::read(&again).unwrap());
    let read = maillage::bundle::read_workbook("modele.xlsx", &std::fs::read(&template).unwrap());
    assert_eq!(read.rows(), [Some(0), Some(0), Some(0), Some(0)]);
    assert_eq!(read.all_problems().count(), 0);
    // a bundle's own kinds in the lists
    let with_bundle = tmp.path().join("lyon7.xlsx");
    let printed = ok(&[
        "template",
        s(&with_bundle),
        "--bundle",
        "tests/bundles/invalid/custom_kind_ok",
    ]);
    assert!(printed.contains("65 types d'acteurs"), "{printed}");
    let Some(soffice) = soffice() else { return };
    let ods = libreoffice(&soffice, &template, "ods", tmp.path());
    let read = maillage::bundle::read_workbook("modele.ods", &std::fs::read(&ods).unwrap());
    assert_eq!(read.rows(), [Some(0), Some(0), Some(0), Some(0)]);
    let content = {
        use std::io::Read;
        let mut zip = zip::ZipArchive::new(std::fs::File::open(&ods).unwrap()).unwrap();
        let mut text = String::new();
        zip.by_name("content.xml")
            .unwrap()
            .read_to_string(&mut text)
            .unwrap();
        text
    };
    // LibreOffice kept the drop-down lists (content validations) and the Lisez-moi sheet
    assert!(
        content.contains("table:content-validation "),
        "no validation in the .ods"
    );
    assert!(content.contains("listes"), "the lists' sheet is missing");
    assert!(content.contains("Lisez-moi"));
}

#[test]
fn the_new_commands_speak_french_and_refuse_what_they_cannot_write() {
    let out = maillage(&["template", "modele.ods"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr)
        .starts_with("erreur : modele.ods : le modèle s'écrit dans un fichier .xlsx"));
    let out = maillage(&["convert", "data/lyon7", "data/lyon7/lyon7.xlsx"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("est le dossier du bundle"));
    let out = maillage(&["convert", "data/lyon7", "data/lyon7"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("tient déjà un bundle"));
}
