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
