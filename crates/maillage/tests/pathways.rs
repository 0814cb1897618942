//! Referral pathways through the outputs (docs/analyses.md §5, docs/outputs.md): the
//! rows of pathways.csv, the pathway gaps of gaps.csv and the report's section on
//! data/lyon7, worked out from its relations.csv and the zones' outlines.

mod common;

use maillage::outputs::{OutputFile, OutputOptions};
use maillage::{load_bundle, Diagnosis, Territory};

fn lyon7() -> (Territory, Diagnosis) {
    let territory = load_bundle("../../data/lyon7".as_ref()).unwrap().territory;
    let diagnosis = Diagnosis::of(&territory);
    (territory, diagnosis)
}

fn rows(bytes: &[u8]) -> Vec<csv::StringRecord> {
    csv::Reader::from_reader(bytes)
        .records()
        .map(|r| r.unwrap())
        .collect()
}

#[test]
fn pathways_csv_has_a_row_per_pathway_and_entry_point() {
    let (t, d) = lyon7();
    let table = rows(&OutputFile::PathwaysCsv.render(&t, &d, &OutputOptions::default()));
    let expected: usize = d.pathways.iter().map(|p| p.entries.len()).sum();
    assert_eq!(table.len(), expected);
    let row = |pathway: &str, entry: &str| {
        table
            .iter()
            .find(|r| &r[0] == pathway && &r[1] == entry)
            .unwrap_or_else(|| panic!("no row {pathway} {entry}"))
            .clone()
    };
    // relations.csv: ped_001 → ortho_001 ("petite enfance"), ped_001 → orthopt_002.
    let ped = row("langage de l'enfant", "ped_001");
    assert_eq!(&ped[4], "1");
    assert_eq!(&ped[5], "ortho_001");
    assert_eq!(&ped[6], "1");
    assert_eq!(&ped[7], "ped_001|ortho_001");
    // pmi_jean_mace → appor → pedopsy_cmp: a child psychiatrist, no orthophoniste.
    let pmi = row("langage de l'enfant", "pmi_jean_mace");
    assert_eq!((&pmi[4], &pmi[6], &pmi[7]), ("0", "", ""));
    // mg_003 → arhm_cmp_lyon7 ("santé mentale"), a CMP.
    let mg = row("santé mentale", "mg_003");
    assert!(mg[5].split('|').any(|id| id == "arhm_cmp_lyon7"), "{mg:?}");
}

#[test]
fn zones_without_a_chain_in_reach_are_pathway_gaps() {
    let (t, d) = lyon7();
    let gaps = &d.gaps.pathways;
    let catchment = t.analysis.catchment_m;
    assert!(!gaps.is_empty());
    for g in gaps {
        assert!(g.nearest_m.is_none_or(|m| m > catchment), "{g:?}");
    }
    let language: Vec<&str> = gaps
        .iter()
        .filter(|g| g.pathway == "langage de l'enfant")
        .map(|g| g.zone_name.as_str())
        .collect();
    assert_eq!(language, ["Tony Garnier", "La Mouche-Le Port"]);
    let table = rows(&OutputFile::GapsCsv.render(&t, &d, &OutputOptions::default()));
    let listed = table.iter().filter(|r| &r[0] == "pathway").count();
    assert_eq!(listed, gaps.len());
}

#[test]
fn the_report_shows_where_pathways_break_without_naming_professionals() {
    let (t, d) = lyon7();
    let html = |include_individuals| {
        let options = OutputOptions {
            include_individuals,
            ..OutputOptions::default()
        };
        String::from_utf8(OutputFile::ReportHtml.render(&t, &d, &options)).unwrap()
    };
    let public = html(false);
    let start = public.find("id=\"parcours\"").expect("the section");
    let section = &public[start..start + public[start..].find("</section>").unwrap()];
    assert!(section.contains("Parcours d’orientation"));
    assert!(section.contains("PMI Jean Macé"));
    assert!(section.contains("Tony Garnier"));
    let gp = t.actor(t.actor_by_id("mg_001").unwrap()).name.clone();
    assert!(
        !section.contains(&gp),
        "a GP named without --include-individuals"
    );
    assert!(html(true).contains(&gp));
}

/// A copy of data/lyon7 whose manifest ends with `extra`.
fn lyon7_with(extra: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    common::copy_dir("../../data/lyon7".as_ref(), dir.path());
    let manifest = dir.path().join("territory.toml");
    let mut text = std::fs::read_to_string(&manifest).unwrap();
    text.push_str(extra);
    std::fs::write(&manifest, text).unwrap();
    dir
}

#[test]
fn a_manifest_defines_its_own_pathways_and_replaces_a_default_one() {
    let dir = lyon7_with(
        "\n[pathways.nutrition]\nthemes = []\nentry_kinds = [\"medecin_generaliste\"]\nspecialised_kinds = [\"dieteticien\"]\n\
         \n[pathways.\"langage de l'enfant\"]\nthemes = [\"langage\"]\nentry_kinds = [\"pmi\"]\nspecialised_kinds = [\"orthophoniste\", \"psychiatre\"]\n",
    );
    let t = load_bundle(dir.path()).unwrap().territory;
    let names: Vec<&str> = t
        .analysis
        .pathways
        .iter()
        .map(|p| p.name.as_str())
        .collect();
    assert_eq!(names, ["langage de l'enfant", "santé mentale", "nutrition"]);
    let d = Diagnosis::of(&t);
    let nutrition = &d.pathways[2];
    // mg_001 refers to a dietitian (relations.csv, 2021-07-26, no theme)
    let mg_001 = nutrition
        .entries
        .iter()
        .find(|e| t.actor(e.entry).id == "mg_001")
        .unwrap();
    assert!(mg_001.reached.iter().any(|&a| t.actor(a).id == "diet_001"));
    assert_eq!(mg_001.shortest_length(), 1);
    // the replaced default: PMI entry points only
    assert!(d.pathways[0]
        .entries
        .iter()
        .all(|e| t.actor(e.entry).kind == "pmi"));
    // written back by the bundle writer, read back the same
    let out = tempfile::tempdir().unwrap();
    maillage::bundle::write_bundle(&t, out.path()).unwrap();
    let back = load_bundle(out.path()).unwrap().territory;
    assert_eq!(back.analysis.pathways, t.analysis.pathways);
}

#[test]
fn a_bad_pathway_is_named_with_every_fault() {
    let dir = lyon7_with(
        "\n[pathways.vide]\nthemes = []\nentry_kinds = []\nspecialised_kinds = [\"orthophonist\"]\n",
    );
    let errors = load_bundle(dir.path()).unwrap_err();
    let fields: Vec<String> = errors
        .errors
        .iter()
        .filter_map(|p| p.field.clone())
        .collect();
    assert_eq!(
        fields,
        [
            "pathways.vide.entry_kinds",
            "pathways.vide.specialised_kinds"
        ]
    );
    assert!(errors.errors[1]
        .message
        .to_string()
        .contains("orthophoniste"));
}
