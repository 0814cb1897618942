//! Before and after (docs/analyses.md §4): `diagnose --since` on data/lyon7, the
//! expected values read from its actions.csv and relations.csv.

use maillage::diagnosis::DiagnosisOptions;
use maillage::model::Date;
use maillage::outputs::{OutputFile, OutputOptions};
use maillage::{load_bundle, Diagnosis};

fn since(territory: &maillage::Territory, date: &str) -> Diagnosis {
    let options = DiagnosisOptions {
        since: Some(date.parse().unwrap()),
        ..Default::default()
    };
    Diagnosis::run(territory, &options).unwrap()
}

#[test]
fn what_changed_in_lyon_7e_since_january_2022() {
    let t = load_bundle("../../data/lyon7".as_ref()).unwrap().territory;
    let d = since(&t, "2022-01-01");
    let e = d.evolution.as_ref().unwrap();
    // the same comparison as network::compare on the two dates
    let c = maillage::network::compare(
        &t,
        Date::new(2022, 1, 1).unwrap(),
        t.date.unwrap(),
        &t.analysis.partition,
    );
    assert_eq!(e.comparison, c);
    // actions.csv: started after 2022-01-01 and by 2024-06-30 (acces_mt starts on the
    // day itself and was already running; jmd_2024 is in November 2024)
    assert_eq!(
        e.actions_started,
        [
            "avmpp",
            "prev_obesite_diabete",
            "place_a_ma_sante",
            "webinaire_repppop",
            "snp_lyon7",
            "sism_2023"
        ]
    );
    assert_eq!(
        e.actions_ended,
        ["place_a_ma_sante", "webinaire_repppop", "sism_2023"]
    );
    // relations.csv line 297: the DAC became the CPTS's partner on 2022-06-01
    let pair = e
        .dispositif_pairs
        .iter()
        .find(|p| p.a == "cpts_lyon7" && p.b == "dac_rhone")
        .unwrap();
    assert!(!pair.before && pair.after);
    // every gained tie is counted under at least one kind of relation
    let by_kind: usize = e.gained_by_kind.iter().map(|(_, n)| n).sum();
    assert!(by_kind >= c.gained.len());
    // the needs then and now, as need_gaps gives them on each date
    let then = maillage::gaps::need_gaps(&t, Some(Date::new(2022, 1, 1).unwrap()));
    assert_eq!(d.needs_since.as_ref().unwrap(), &then);

    let options = OutputOptions::default();
    let table = String::from_utf8(OutputFile::EvolutionCsv.render(&t, &d, &options)).unwrap();
    assert!(table.contains("\naction_started,snp_lyon7,"));
    assert!(table.contains(&format!(
        "\nties,all,,{},{}\n",
        c.lost.len(),
        c.gained.len()
    )));
    let changed_needs = then
        .iter()
        .zip(&d.gaps.needs)
        .filter(|(a, b)| a.status != b.status)
        .count();
    assert_eq!(table.matches("\nneed,").count(), changed_needs);
    let report = String::from_utf8(OutputFile::ReportHtml.render(&t, &d, &options)).unwrap();
    assert!(report.contains("Avant / après"));
    assert!(report.contains("Actions communes commencées"));
    let summary = String::from_utf8(OutputFile::SummaryTxt.render(&t, &d, &options)).unwrap();
    assert!(summary.contains(&format!(
        "depuis le 2022-01-01 : {} liens créés",
        c.gained.len()
    )));
}

#[test]
fn without_a_since_date_nothing_is_added() {
    let t = load_bundle("../../data/lyon7".as_ref()).unwrap().territory;
    let d = Diagnosis::of(&t);
    assert!(d.evolution.is_none() && d.needs_since.is_none());
    let options = OutputOptions::default();
    let table = String::from_utf8(OutputFile::EvolutionCsv.render(&t, &d, &options)).unwrap();
    assert_eq!(table, "item,subject,subject_name,before,after\n");
    let report = String::from_utf8(OutputFile::ReportHtml.render(&t, &d, &options)).unwrap();
    assert!(!report.contains("Avant / après"));
}
