//! What dispositifs and structures have in common (docs/analyses.md §5): the shared
//! themes of each pair of dispositifs, the overlap of structures and dispositifs, and
//! the two-mode view of actors × joint actions and dispositifs, on the three example
//! bundles, with the figures worked out from their actors.csv, relations.csv,
//! actions.csv and needs.csv (the relations and actions valid on the manifest's date).

use maillage::network::{affiliation_view, AffiliationSummary, StructureOverlap};
use maillage::outputs::{OutputFile, OutputOptions};
use maillage::{load_bundle, Diagnosis, Territory};

fn example(name: &str) -> (Territory, Diagnosis) {
    let territory = load_bundle(format!("../../data/{name}").as_ref())
        .unwrap()
        .territory;
    let diagnosis = Diagnosis::of(&territory);
    (territory, diagnosis)
}

fn rows(bytes: &[u8]) -> Vec<csv::StringRecord> {
    csv::Reader::from_reader(bytes)
        .records()
        .map(|r| r.unwrap())
        .collect()
}

fn overlap<'d>(d: &'d Diagnosis, structure: &str, dispositif: &str) -> &'d StructureOverlap {
    d.overlap
        .iter()
        .find(|o| o.structure == structure && o.dispositif == dispositif)
        .unwrap_or_else(|| panic!("no overlap {structure} {dispositif}"))
}

fn view_counts(a: &AffiliationSummary) -> [u64; 7] {
    [
        a.actors as u64,
        a.actions as u64,
        a.dispositifs as u64,
        a.action_ties as u64,
        a.dispositif_ties as u64,
        a.pairs,
        a.pairs_without_relation,
    ]
}

#[test]
fn lyon7_cpts_and_asv_share_prevention_food_and_access_to_care() {
    let (_, d) = example("lyon7");
    let pair = d
        .shared_themes
        .iter()
        .find(|p| (p.a.as_str(), p.b.as_str()) == ("cpts_lyon7", "asv_gerland"))
        .unwrap();
    assert_eq!(pair.themes.len(), 13);
    let theme = |name: &str| pair.themes.iter().find(|t| t.theme == name).unwrap();
    // "alimentation": 4 on the CPTS's side (dieticians among its members), the ASV and
    // one of its members; prev_obesite_diabete, led by both; a need of the QPV, which
    // the ASV serves and whose anchor lies in the arrondissement the CPTS serves.
    let food = theme("alimentation");
    assert_eq!((food.actors_a, food.actors_b), (4, 2));
    assert_eq!(food.joint_actions, ["prev_obesite_diabete"]);
    assert_eq!(food.need_zones, ["qpv:QP069033"]);
    // "prévention": the CPTS and 32 of its members, the ASV and 3 of its; the balades
    // santé (ASV lead, CPTS partner) are the one joint action on it valid on 2024-06-30
    // (place_a_ma_sante and jmd_2024 come later).
    let prevention = theme("prévention");
    assert_eq!((prevention.actors_a, prevention.actors_b), (33, 4));
    assert_eq!(prevention.joint_actions, ["balades_sante"]);
    assert!(prevention.need_zones.is_empty() && prevention.from_members());
    // "lien social" comes from the balades santé alone: nobody on either side has it.
    let social = theme("lien social");
    assert!(!social.from_members() && social.joint_actions == ["balades_sante"]);
    // The ASV and the DAC share nothing.
    let empty = d
        .shared_themes
        .iter()
        .find(|p| (p.a.as_str(), p.b.as_str()) == ("asv_gerland", "dac_rhone"))
        .unwrap();
    assert!(empty.themes.is_empty());
    assert_eq!(d.shared_themes.len(), d.network.dispositifs.len());
}

#[test]
fn lyon7_msp_members_are_all_in_the_cpts() {
    let (_, d) = example("lyon7");
    // msp_gerland: 6 members (mg_019, ide_012...), each a member of the CPTS, the MSP
    // itself not; the CPTS has 115 members on the date.
    let msp = overlap(&d, "msp_gerland", "cpts_lyon7");
    assert_eq!(
        (
            msp.structure_members,
            msp.dispositif_members,
            msp.shared_members
        ),
        (6, 115, 6)
    );
    assert_eq!(msp.structure_share, 1.0);
    assert_eq!(msp.dispositif_share, 6.0 / 115.0);
    assert_eq!(msp.jaccard, 6.0 / 115.0);
    assert!(!msp.structure_is_member);
    // the health centre is a member of the CPTS: its two members come with it
    let cds = overlap(&d, "cds_jean_mace", "cpts_lyon7");
    assert_eq!((cds.structure_members, cds.shared_members), (2, 2));
    assert!(cds.structure_is_member);
    assert_eq!(d.overlap.len(), 5);
}

#[test]
fn lyon7_affiliation_view_worked_out() {
    let (t, d) = example("lyon7");
    // 5 actions valid on 2024-06-30 with 67 actors in all, 4 dispositifs with 137
    // members; 148 actors in one or the other; 6,961 pairs meet, 6,721 of them with no
    // relation (mostly members of the CPTS who do not work together).
    assert_eq!(
        view_counts(&d.affiliation),
        [148, 5, 4, 67, 137, 6961, 6721]
    );
    // the ARS and the CPAM fund acces_mt and snp_lyon7 and sit in a dispositif, with no
    // relation between them
    let first = &d.affiliation.unacquainted[0];
    assert_eq!(
        (first.a.as_str(), first.b.as_str(), first.shared),
        ("ars_ara", "cpam_rhone", 3)
    );
    let view = affiliation_view(&t, t.date);
    assert_eq!(view, d.affiliations);
    let pairs = view.co_affiliation(t.actors.len());
    assert_eq!(pairs.len() as u64, d.affiliation.pairs);
    let ars = t.actor_by_id("ars_ara").unwrap();
    let cpam = t.actor_by_id("cpam_rhone").unwrap();
    let p = pairs.iter().find(|p| (p.a, p.b) == (ars, cpam)).unwrap();
    assert_eq!(p.shared, 3);
}

#[test]
fn cevennes_cpts_is_carried_by_its_three_msp() {
    let (_, d) = example("cevennes");
    // The three MSP are members of the CPTS, their 28, 13 and 17 professionals members
    // of their MSP; the CPTS's own members are 14 (3 MSP, the coordinator, 6
    // professionals, 4 working groups and committees through `instance`): 72 in all.
    for (msp, members) in [("msp_sjg", 28), ("msp_lasalle", 13), ("msp_sauve", 17)] {
        let o = overlap(&d, msp, "cpts_ecm");
        assert_eq!(
            (o.structure_members, o.dispositif_members, o.shared_members),
            (members, 72, members)
        );
        assert!(o.structure_is_member);
        assert_eq!(o.dispositif_share, members as f64 / 72.0);
    }
    assert_eq!(d.overlap.len(), 3);
    let themes: Vec<&str> = d.shared_themes[0]
        .themes
        .iter()
        .map(|t| t.theme.as_str())
        .collect();
    assert_eq!(
        themes,
        [
            "accès aux soins",
            "handicap",
            "parcours",
            "santé des femmes",
            "transports"
        ]
    );
    assert_eq!(view_counts(&d.affiliation), [21, 6, 2, 25, 14, 115, 98]);
    let first = &d.affiliation.unacquainted[0];
    assert_eq!(
        (first.a.as_str(), first.b.as_str(), first.shared),
        ("msp_sjg", "msp_sauve", 5)
    );
}

#[test]
fn grenoble_sud_figures_worked_out() {
    let (_, d) = example("grenoble_sud");
    // msp_ech: 8 members, 6 of them members of the CPTS, the MSP itself not.
    let msp = overlap(&d, "msp_ech", "cpts_sud");
    assert_eq!(
        (
            msp.structure_members,
            msp.dispositif_members,
            msp.shared_members
        ),
        (8, 68, 6)
    );
    assert_eq!(msp.structure_share, 0.75);
    assert!(!msp.structure_is_member);
    // 24 of the 28 pairs of the 8 dispositifs share a theme; the cité éducative, the
    // CLSPD of Le Pont-de-Claix, the PCAET and the DAC share none two by two.
    assert_eq!(d.shared_themes.len(), 28);
    assert_eq!(
        d.shared_themes
            .iter()
            .filter(|p| !p.themes.is_empty())
            .count(),
        24
    );
    assert_eq!(
        view_counts(&d.affiliation),
        [128, 11, 8, 132, 104, 2958, 2745]
    );
    let first = &d.affiliation.unacquainted[0];
    assert_eq!(
        (first.a.as_str(), first.b.as_str(), first.shared),
        ("ccas_ech", "ccas_pdc", 6)
    );
}

#[test]
fn tables_summary_and_report_show_the_figures() {
    let (t, d) = example("cevennes");
    let options = OutputOptions::default();
    let overlap = rows(&OutputFile::DispositifOverlapCsv.render(&t, &d, &options));
    assert_eq!(overlap.len(), 3);
    assert_eq!(&overlap[0][0], "msp_sjg");
    assert_eq!(&overlap[0][7], "28");
    let themes = rows(&OutputFile::SharedThemesCsv.render(&t, &d, &options));
    assert_eq!(themes.len(), 5);
    let dispositifs = rows(&OutputFile::DispositifsCsv.render(&t, &d, &options));
    assert_eq!(
        &dispositifs[0][11],
        "accès aux soins|handicap|parcours|santé des femmes|transports"
    );
    let affiliations = rows(&OutputFile::AffiliationsCsv.render(&t, &d, &options));
    assert_eq!(affiliations.len(), 25 + 14);
    let summary = String::from_utf8(OutputFile::SummaryTxt.render(&t, &d, &options)).unwrap();
    assert!(summary.contains(
        "  MSP de Saint-Jean-du-Gard – CPTS Entre Châtaigne et Micocoule : 100 % de ses membres, 39 % de ceux du dispositif"
    ));
    assert!(summary.contains("115 paires d'acteurs réunies, dont 98 sans relation déclarée"));
    let report = String::from_utf8(OutputFile::ReportHtml.render(&t, &d, &options)).unwrap();
    for title in [
        "Sujets communs entre dispositifs",
        "Structures et dispositifs : les mêmes acteurs ?",
        "Qui se retrouve où : actions communes et dispositifs",
    ] {
        assert!(report.contains(title), "{title}");
    }
    let graphml =
        String::from_utf8(OutputFile::AffiliationGraphml.render(&t, &d, &options)).unwrap();
    assert!(graphml.contains("<node id=\"dispositif:cpts_ecm\">"));
    assert_eq!(graphml.matches("<edge ").count(), 39);
}
