//! Membership and reach of the dispositifs (docs/analyses.md §5), on data/cevennes:
//! the expected figures were counted by hand from actors.csv and relations.csv (the
//! CPTS serves the 33 communes of its perimeter; its members on 2019-09-30 are 3 GPs,
//! 3 nurses, the 3 MSP and the coordinator, plus its 4 working groups, which are not
//! counted; the professionals of the MSP are reached through them).

use maillage::diagnosis::{DiagnosisOptions, OptionsError};
use maillage::model::Date;
use maillage::{load_bundle, Diagnosis};

fn cevennes() -> maillage::model::Territory {
    load_bundle("../../data/cevennes".as_ref())
        .unwrap()
        .territory
}

#[test]
fn the_cpts_reaches_its_professionals_directly_and_through_the_msp() {
    let t = cevennes();
    let d = Diagnosis::of(&t);
    let cpts = d
        .dispositif_reach
        .iter()
        .find(|m| t.actor(m.dispositif).id == "cpts_ecm")
        .unwrap();
    assert_eq!(cpts.eligible.len(), 87);
    assert_eq!(cpts.direct.len(), 10);
    assert_eq!(cpts.through_structures.len(), 58);
    assert_eq!(cpts.members_outside, 0);
    assert_eq!(cpts.rate(), Some(68.0 / 87.0));
    let by_kind = cpts.breakdown(|a| Some(t.actor(a).kind.clone()));
    let got: Vec<(&str, usize, usize)> = by_kind
        .iter()
        .map(|g| (g.group.as_str(), g.eligible, g.reached))
        .collect();
    let mut expected = vec![
        ("infirmier", 33, 22),
        ("medecin_generaliste", 16, 15),
        ("sage_femme", 1, 1),
        ("pharmacien", 7, 7),
        ("masseur_kinesitherapeute", 10, 9),
        ("msp", 3, 3),
        ("commune", 3, 0),
        ("ssiad", 1, 0),
        ("coordinateur", 1, 1),
        ("chirurgien_dentiste", 3, 3),
        ("orthophoniste", 3, 3),
        ("psychologue", 2, 2),
        ("ehpad", 1, 0),
        ("association", 1, 1),
        ("enseignant_apa", 1, 0),
        ("podologue", 1, 1),
    ];
    let mut got_sorted = got.clone();
    got_sorted.sort();
    expected.sort();
    assert_eq!(got_sorted, expected);
    // the ones to invite: 19 actors, the three communes among them
    let invite = cpts.non_members();
    assert_eq!(invite.len(), 19);
    let communes = invite
        .iter()
        .filter(|&&a| t.actor(a).kind == "commune")
        .count();
    assert_eq!(communes, 3);
}

#[test]
fn the_reach_before_the_cpts_was_founded_is_set_beside_it() {
    let t = cevennes();
    let options = DiagnosisOptions {
        since: Some(Date::new(2019, 1, 1).unwrap()),
        ..Default::default()
    };
    let d = Diagnosis::run(&t, &options).unwrap();
    let cpts = d
        .dispositif_reach
        .iter()
        .find(|m| t.actor(m.dispositif).id == "cpts_ecm")
        .unwrap();
    assert_eq!(cpts.reached_since.as_ref().map(Vec::len), Some(62));
    let by_kind = cpts.breakdown(|a| Some(t.actor(a).kind.clone()));
    let gp = by_kind
        .iter()
        .find(|g| g.group == "medecin_generaliste")
        .unwrap();
    assert_eq!((gp.reached_since, gp.reached), (Some(12), 15));
    let nurses = by_kind.iter().find(|g| g.group == "infirmier").unwrap();
    assert_eq!((nurses.reached_since, nurses.reached), (Some(19), 22));
    // a since date on or after the analysis date is refused
    let late = DiagnosisOptions {
        since: Some(Date::new(2019, 9, 30).unwrap()),
        ..Default::default()
    };
    assert!(matches!(
        Diagnosis::run(&t, &late),
        Err(OptionsError::SinceNotBefore { .. })
    ));
}

#[test]
fn the_tables_count_and_the_invitations_name_structures_only_unless_asked() {
    use maillage::outputs::{OutputFile, OutputOptions};
    let t = cevennes();
    let d = Diagnosis::of(&t);
    let options = OutputOptions::default();
    let csv = String::from_utf8(OutputFile::MembershipCsv.render(&t, &d, &options)).unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "dispositif,dispositif_name,breakdown,group,group_name,eligible,direct,reached,rate,reached_since,members_outside"
    );
    assert!(lines.contains(
        &"cpts_ecm,CPTS Entre Châtaigne et Micocoule,total,total,,87,10,68,0.7816091954022989,,0"
    ));
    assert!(lines.contains(
        &"cpts_ecm,CPTS Entre Châtaigne et Micocoule,kind,medecin_generaliste,Médecin généraliste,16,3,15,0.9375,,"
    ));
    // the zones of the coverage layer add up to the total
    let eligible_by_zone: usize = lines
        .iter()
        .filter(|l| l.starts_with("cpts_ecm,") && l.split(',').nth(2) == Some("zone"))
        .map(|l| {
            let cells: Vec<&str> = l.split(',').collect();
            cells[cells.len() - 6].parse::<usize>().unwrap()
        })
        .sum();
    assert_eq!(eligible_by_zone, 87);

    let invite = |include_individuals| {
        let options = OutputOptions {
            include_individuals,
            ..OutputOptions::default()
        };
        String::from_utf8(OutputFile::NonMembersCsv.render(&t, &d, &options)).unwrap()
    };
    let structures = invite(false);
    let cpts_rows: Vec<&str> = structures
        .lines()
        .filter(|l| l.starts_with("cpts_ecm,"))
        .collect();
    // 19 to invite, of which 14 professionals are counted but not named
    assert_eq!(cpts_rows.len(), 5);
    assert!(!structures.contains(",professional,"));
    let everyone = invite(true);
    assert_eq!(
        everyone
            .lines()
            .filter(|l| l.starts_with("cpts_ecm,"))
            .count(),
        19
    );

    let report = String::from_utf8(OutputFile::ReportHtml.render(&t, &d, &options)).unwrap();
    assert!(report.contains("Adhésion aux dispositifs"));
    assert!(report.contains("EHPAD de Saint-Jean-du-Gard"));
    assert!(report.contains("14 professionnels non nommés"));
    let summary = String::from_utf8(OutputFile::SummaryTxt.render(&t, &d, &options)).unwrap();
    assert!(summary.contains("cpts_ecm 68/87 (78.2 %)"), "{summary}");
}
