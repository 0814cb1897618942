//! A survey round trip on data/lyon7 (docs/survey.md): the forms written, a third of
//! them returned (one blank, the others filled as partners would: ties named by both
//! sides, by one side only, a contradiction, a known kind changed), merged, and the
//! report checked pair by pair; relations entered by hand unchanged, the confirmed
//! network, a second merge changing nothing, and bad forms refused at their cells.

mod common;

use maillage::diagnosis::DiagnosisOptions;
use maillage::model::{RelationKind, Territory};
use maillage::survey::{
    merge_forms, read_form, respondents, write_forms, ChangedKind, Choice, Contradiction,
    SurveyError,
};
use maillage::{load_bundle, Diagnosis};
use rust_xlsxwriter::{ExcelDateTime, Workbook};
use std::collections::BTreeSet;
use std::path::Path;

/// One row of a returned form's partners' sheet: id, known kind, answer.
struct Row {
    id: String,
    known: Option<RelationKind>,
    answer: String,
}

fn label(t: &Territory, kind: RelationKind) -> String {
    t.taxonomy.relation_kinds[kind.as_str()].label.clone()
}

/// A returned form as a partner's spreadsheet saves it: the two sheets, the
/// respondent's row dated, the partners' rows as given.
fn returned_form(t: &Territory, respondent: &str, rows: &[Row], path: &Path) {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet().set_name("répondant").unwrap();
    for (c, h) in ["identifiant", "structure", "répondant", "date"]
        .iter()
        .enumerate()
    {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    sheet.write_string(1, 0, respondent).unwrap();
    sheet
        .write_string(1, 1, &t.actor_with_id(respondent).unwrap().name)
        .unwrap();
    sheet
        .write_string(1, 2, "Camille Martin, coordinatrice")
        .unwrap();
    let date = ExcelDateTime::from_ymd(2025, 9, 15).unwrap();
    sheet
        .write_datetime_with_format(
            1,
            3,
            &date,
            &rust_xlsxwriter::Format::new().set_num_format("dd/mm/yyyy"),
        )
        .unwrap();
    let sheet = book.add_worksheet().set_name("partenaires").unwrap();
    for (c, h) in ["id", "nom", "type connu", "type de relation"]
        .iter()
        .enumerate()
    {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    for (i, row) in rows.iter().enumerate() {
        let r = i as u32 + 1;
        sheet.write_string(r, 0, &row.id).unwrap();
        if let Some(a) = t.actor_with_id(&row.id) {
            sheet.write_string(r, 1, &a.name).unwrap();
        }
        if let Some(k) = row.known {
            sheet.write_string(r, 2, label(t, k)).unwrap();
        }
        sheet.write_string(r, 3, &row.answer).unwrap();
    }
    book.save(path).unwrap();
}

struct Round {
    _dir: tempfile::TempDir,
    bundle: std::path::PathBuf,
    returned: std::path::PathBuf,
    original: Territory,
}

/// The answers the partners give beside the pre-filled rows: (respondent, partner,
/// answer).
const ANSWERS: &[(&str, &str, &str)] = &[
    // named by both sides, with the same kind and with two kinds
    ("bm_gerland", "bm_jean_mace", "Partenaire"),
    ("bm_jean_mace", "bm_gerland", "partenaire"),
    ("ccas_lyon7", "c2rbp", "Partenaire"),
    ("c2rbp", "ccas_lyon7", "Oriente vers"),
    // named by one side only: the other leaves it blank, or did not answer
    ("asso_diabete", "asso_sport_gerland", "Partenaire"),
    ("ccas_lyon7", "cmp_pedo_7", "Oriente vers"),
    // a contradiction
    ("addipsy", "appor", "Partenaire"),
    ("appor", "addipsy", "aucune"),
];

/// The returned form left blank.
const BLANK: &str = "cmp_pedo_7";

/// Writes the forms of data/lyon7, and returns a third of them (the first 24
/// respondents by id) in another folder: one blank, the others filled.
fn round() -> Round {
    let dir = tempfile::tempdir().unwrap();
    let bundle = dir.path().join("lyon7");
    common::copy_dir(Path::new("../../data/lyon7"), &bundle);
    let original = load_bundle(&bundle).unwrap().territory;
    let forms = dir.path().join("envoyes");
    let written = write_forms(&bundle, &forms).unwrap();
    assert_eq!(written.len(), 71);
    let returned = dir.path().join("rendus");
    std::fs::create_dir_all(&returned).unwrap();
    let mut ids: Vec<String> = respondents(&original)
        .into_iter()
        .map(|a| original.actor(a).id.clone())
        .collect();
    ids.sort();
    for id in &ids[..24] {
        let name = format!("enquete_{id}.xlsx");
        let sent = std::fs::read(forms.join(&name)).unwrap();
        if id == BLANK {
            std::fs::write(returned.join(&name), &sent).unwrap();
            continue;
        }
        let form = read_form(&original, &name, &sent, &mut Vec::new()).unwrap();
        let mut rows: Vec<Row> = form
            .answers
            .iter()
            .map(|a| {
                let Choice::Kind(k) = a.choice else {
                    panic!("a form pre-fills kinds")
                };
                Row {
                    id: original.actor(a.partner).id.clone(),
                    known: a.known,
                    answer: label(&original, k),
                }
            })
            .collect();
        if id == "arhm_upul" {
            // a known partnership is in fact a referral
            let row = rows.iter_mut().find(|r| r.id == "ch_sjsl").unwrap();
            assert_eq!(row.known, Some(RelationKind::Partner));
            row.answer = "Oriente vers".into();
        }
        for (respondent, partner, answer) in ANSWERS {
            if respondent == id {
                rows.push(Row {
                    id: (*partner).into(),
                    known: None,
                    answer: (*answer).into(),
                });
            }
        }
        returned_form(
            &original,
            id,
            &rows,
            &returned.join(format!("rendu_{id}.xlsx")),
        );
    }
    Round {
        _dir: dir,
        bundle,
        returned,
        original,
    }
}

fn pair(a: &str, b: &str) -> (String, String) {
    (a.into(), b.into())
}

#[test]
fn a_survey_round_is_merged_and_reported_exactly() {
    let r = round();
    let before = std::fs::read_to_string(r.bundle.join("relations.csv")).unwrap();
    let report = merge_forms(&r.bundle, &r.returned).unwrap();

    // every relation entered by hand from a respondent of the round to an organisation
    // was pre-filled, kept by its respondent, and is confirmed, not written again;
    // the one changed is reported
    let filled: BTreeSet<String> = report.answered.iter().cloned().collect();
    let organisations: BTreeSet<_> = respondents(&r.original).into_iter().collect();
    let prefilled: BTreeSet<_> = r
        .original
        .relations
        .iter()
        .filter(|x| filled.contains(&r.original.actor(x.source).id))
        .filter(|x| organisations.contains(&x.target) && x.source != x.target)
        .map(|x| (x.source, x.target, x.kind))
        .collect();
    assert_eq!(report.forms, 24);
    assert_eq!(report.answered.len(), 23);
    assert_eq!(report.non_respondents, [BLANK]);
    assert_eq!(report.known_confirmed, prefilled.len() - 1);
    assert_eq!((report.added, report.replaced), (8, 0));
    assert_eq!(
        report.named_by_both,
        [
            pair("bm_gerland", "bm_jean_mace"),
            pair("c2rbp", "ccas_lyon7")
        ]
    );
    assert_eq!(
        report.named_by_one,
        [
            pair("addipsy", "appor"),
            pair("asso_diabete", "asso_sport_gerland"),
            pair("ccas_lyon7", "cmp_pedo_7"),
        ]
    );
    assert_eq!(
        report.contradictions,
        [Contradiction::NoRelation {
            named_by: "addipsy".into(),
            denied_by: "appor".into()
        }]
    );
    assert_eq!(
        report.changed_kinds,
        [ChangedKind {
            respondent: "arhm_upul".into(),
            partner: "ch_sjsl".into(),
            known: RelationKind::Partner,
            answered: RelationKind::Referral,
        }]
    );
    let text = report.text(&r.original);
    assert!(
        text.contains("réciprocité : 2 liens sur 5 nommés des deux côtés (40.0 %)\n"),
        "{text}"
    );
    assert!(
        text.contains("sans réponse : 1\n  CMP pédopsychiatrie Lyon 7e (cmp_pedo_7)\n"),
        "{text}"
    );
    let csv = std::fs::read_to_string(r.returned.join("rapport_enquete.csv")).unwrap();
    assert_eq!(csv.lines().count(), 1 + 1 + 2 + 3 + 1 + 1, "{csv}");
    assert!(
        csv.contains(
            "contradiction,addipsy,appor,addipsy nomme la relation, appor répond « aucune »"
        ) || csv.contains(
            "contradiction,addipsy,appor,\"addipsy nomme la relation, appor répond « aucune »\""
        ),
        "{csv}"
    );

    // the hand-entered rows are kept cell for cell, the provenance columns added empty
    let after = std::fs::read_to_string(r.bundle.join("relations.csv")).unwrap();
    let mut old = before.lines();
    let mut new = after.lines();
    assert_eq!(
        new.next().unwrap(),
        format!("{},provenance,respondent,survey_date", old.next().unwrap())
    );
    for line in old {
        assert_eq!(new.next().unwrap(), format!("{line},,,"));
    }
    let added: Vec<&str> = new.collect();
    assert_eq!(added.len(), 8);
    assert!(
        added.contains(
            &"arhm_upul,ch_sjsl,referral,,,,,survey,\"Camille Martin, coordinatrice\",2025-09-15"
        ),
        "{added:?}"
    );

    // the network: every tie, or the confirmed ones only
    let merged = load_bundle(&r.bundle).unwrap().territory;
    let base = Diagnosis::of(&r.original).summary.edges;
    let all = Diagnosis::of(&merged);
    assert_eq!(all.summary.edges, base + 5);
    let reciprocity = all.summary.reciprocity.unwrap();
    assert_eq!((reciprocity.named_by_both, reciprocity.ties), (2, 5));
    let confirmed = Diagnosis::run(
        &merged,
        &DiagnosisOptions {
            confirmed_only: true,
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(confirmed.summary.edges, base + 2);
    assert_eq!(
        merged.confirmed_only().relations.len(),
        r.original.relations.len() + 5
    );

    // the same forms merged again: the same file, the same findings
    let again = merge_forms(&r.bundle, &r.returned).unwrap();
    assert_eq!(
        std::fs::read_to_string(r.bundle.join("relations.csv")).unwrap(),
        after
    );
    assert_eq!((again.added, again.replaced), (8, 8));
    assert_eq!(again.named_by_one, report.named_by_one);
    assert_eq!(again.contradictions, report.contradictions);
}

#[test]
fn a_bad_form_is_refused_at_its_cells_and_nothing_is_written() {
    let r = round();
    let t = &r.original;
    let rows = [
        Row {
            id: "cpts_lyon_7".into(),
            known: None,
            answer: "Partenaire".into(),
        },
        Row {
            id: "asv_gerland".into(),
            known: None,
            answer: "ami".into(),
        },
    ];
    returned_form(
        t,
        "ccas_lyon7",
        &rows,
        &r.returned.join("rendu_ccas_lyon7.xlsx"),
    );
    // a second actor's id typed over a listed one: its name no longer matches
    let path = r.returned.join("zz_changed.xlsx");
    let mut book = Workbook::new();
    let sheet = book.add_worksheet().set_name("répondant").unwrap();
    for (c, h) in ["identifiant", "structure", "date"].iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    sheet.write_string(1, 0, "appor").unwrap();
    sheet
        .write_string(1, 1, "APPOR – Association de prévention en orthophonie")
        .unwrap();
    sheet.write_string(1, 2, "31/09/2025").unwrap();
    let sheet = book.add_worksheet().set_name("partenaires").unwrap();
    for (c, h) in ["id", "nom", "type de relation"].iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    sheet.write_string(1, 0, "ars_ara").unwrap();
    sheet.write_string(1, 1, "CPTS Lyon 7").unwrap();
    sheet.write_string(1, 2, "Partenaire").unwrap();
    book.save(&path).unwrap();

    let before = std::fs::read(r.bundle.join("relations.csv")).unwrap();
    let Err(SurveyError::Forms(problems)) = merge_forms(&r.bundle, &r.returned) else {
        panic!("bad forms are refused")
    };
    let shown: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
    assert_eq!(shown.len(), 4, "{shown:#?}");
    assert!(shown[0].starts_with("[rendu_ccas_lyon7.xlsx]partenaires!A2 : id : l'identifiant « cpts_lyon_7 » n'est celui d'aucun acteur"), "{shown:#?}");
    assert!(shown[1].starts_with("[rendu_ccas_lyon7.xlsx]partenaires!D3 : type de relation : « ami » n'est pas un type de relation (attendu : un choix de la liste : Membre de, Partenaire,"), "{shown:#?}");
    assert!(
        shown[2].starts_with("[zz_changed.xlsx]répondant!C2 : date : "),
        "{shown:#?}"
    );
    assert!(shown[3].starts_with("[zz_changed.xlsx]partenaires!A2 : id : l'identifiant « ars_ara » est celui de « ARS Auvergne-Rhône-Alpes », pas de « CPTS Lyon 7 »"), "{shown:#?}");
    assert_eq!(
        std::fs::read(r.bundle.join("relations.csv")).unwrap(),
        before
    );
    assert!(!r.returned.join("rapport_enquete.csv").exists());
}
