//! The solicitation load (docs/analyses.md §5) on data/lyon7, against counts worked out
//! by hand from the bundle's CSV files; the manifest's threshold; the table, the report
//! section and the summary line that show it.

use maillage::bundle::load_bundle;
use maillage::network::Solicitation;
use maillage::outputs::{OutputFile, OutputOptions};
use maillage::{Diagnosis, Territory};
use std::path::Path;

fn lyon7() -> Territory {
    load_bundle(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/lyon7"))
        .unwrap()
        .territory
}

fn parts(d: u32, w: u32, i: u32, led: u32, joined: u32) -> Solicitation {
    Solicitation {
        dispositifs: d,
        working_groups: w,
        other_instances: i,
        actions_led: led,
        actions_joined: joined,
    }
}

/// The most solicited actors of data/lyon7 on its date, 2024-06-30.
///
/// Five of the ten actions of actions.csv are valid that day: `avmpp`,
/// `prev_obesite_diabete`, `balades_sante`, `acces_mt` and `snp_lyon7` (no end);
/// `place_a_ma_sante`, `webinaire_repppop`, `sism_2023` and `ateliers_cuisine_2021`
/// ended before, `jmd_2024` starts after. The dispositifs are `cpts_lyon7`,
/// `asv_gerland` and `clsm_lyon7`; the working groups are the `gt_*` actors (kind
/// `groupe_de_travail`). From relations.csv (member and instance only) and actions.csv:
///
/// - `coord_cpts` = 7: dispositifs 3 (member of cpts_lyon7, instance of clsm_lyon7 and
///   of asv_gerland); working groups 3 (member of gt_obesite_cpts and gt_snp_cpts,
///   instance of gt_enfance_clsm); leads no action; joins 1 (partner of avmpp).
/// - `cpts_lyon7` = 6: dispositifs 1 (member of clsm_lyon7; its partner and
///   communication relations to asv_gerland do not count); leads 4 (avmpp,
///   prev_obesite_diabete, acces_mt, snp_lyon7: it also funds the first two, counted
///   once as their lead); joins 1 (partner of balades_sante).
/// - `coord_asv` = 5: dispositifs 2 (member of asv_gerland, instance of clsm_lyon7);
///   working groups 2 (member of gt_mediation_asv, instance of gt_obesite_cpts); joins 1
///   (partner of prev_obesite_diabete).
/// - `coord_clsm` = 5: dispositifs 2 (member of clsm_lyon7, instance of cpts_lyon7);
///   working groups 2 (member of gt_enfance_clsm and gt_adultes_clsm; its instance of
///   gt_mediation_asv ended on 2023-09-01); joins 1 (partner of avmpp).
///
/// Every other actor is at 4 or less, so with the default threshold of 5 these four
/// are the most solicited, coord_asv before coord_clsm by bundle order.
#[test]
fn the_most_solicited_actors_of_lyon7_counted_by_hand() {
    let t = lyon7();
    assert_eq!(t.analysis.solicitation_threshold, 5, "the default");
    let d = Diagnosis::of(&t);
    let load = &d.solicitation;
    assert_eq!(load.threshold, 5);
    assert_eq!(load.actors.len(), t.actors.len());
    assert_eq!(
        load.most_solicited,
        ["coord_cpts", "cpts_lyon7", "coord_asv", "coord_clsm"]
    );
    let of = |id: &str| &load.actors[t.actor_by_id(id).unwrap().index()];
    for (id, expected, total) in [
        ("coord_cpts", parts(3, 3, 0, 0, 1), 7),
        ("cpts_lyon7", parts(1, 0, 0, 4, 1), 6),
        ("coord_asv", parts(2, 2, 0, 0, 1), 5),
        ("coord_clsm", parts(2, 2, 0, 0, 1), 5),
    ] {
        let a = of(id);
        assert_eq!((&a.parts, a.solicitation), (&expected, total), "{id}");
        assert!(a.over_solicited, "{id}");
    }
    // Just under the threshold. ars_ara: instance of cpts_lyon7 (1); funds
    // prev_obesite_diabete, acces_mt and snp_lyon7 (3). cs_gerland: member of two
    // working groups (gt_obesite_cpts, gt_mediation_asv); partner of
    // prev_obesite_diabete and balades_sante (2).
    assert_eq!(of("ars_ara").parts, parts(1, 0, 0, 0, 3));
    assert_eq!(of("cs_gerland").parts, parts(0, 2, 0, 0, 2));
    assert!(!of("ars_ara").over_solicited);
    // A body counts for its members, not for itself: the CLSM has no membership.
    assert_eq!(of("clsm_lyon7").parts.dispositifs, 0);
    assert_eq!(
        load.actors.iter().filter(|a| a.solicitation == 4).count(),
        5,
        "ars_ara, cs_gerland, mediateur_sante, mg_001, diet_001"
    );
}

/// Other instances: an `instance` relation to a body that is neither a dispositif nor
/// a working group (the elected official's seat at a hospital's committee).
#[test]
fn an_instance_of_another_body_is_an_other_instance() {
    let dir = tempfile::tempdir().unwrap();
    maillage::bundle::write_bundle(&lyon7(), dir.path()).unwrap();
    let relations = dir.path().join("relations.csv");
    let mut text = std::fs::read_to_string(&relations).unwrap();
    // source, target, kind, then as many empty cells as the header has columns left
    let columns = text.lines().next().unwrap().split(',').count();
    text.push_str(&format!(
        "elu_sante_7,ch_vinatier,instance{}\n",
        ",".repeat(columns - 3)
    ));
    std::fs::write(&relations, text).unwrap();
    let t = load_bundle(dir.path()).unwrap().territory;
    let d = Diagnosis::of(&t);
    let elu = &d.solicitation.actors[t.actor_by_id("elu_sante_7").unwrap().index()];
    // instance of clsm_lyon7 and asv_gerland (2 dispositifs), now of ch_vinatier
    assert_eq!((elu.parts.dispositifs, elu.parts.other_instances), (2, 1));
}

#[test]
fn the_manifest_threshold_changes_the_most_solicited() {
    let dir = tempfile::tempdir().unwrap();
    maillage::bundle::write_bundle(&lyon7(), dir.path()).unwrap();
    let manifest = dir.path().join("territory.toml");
    let text = std::fs::read_to_string(&manifest).unwrap();
    assert!(text.contains("solicitation_threshold = 5\n"), "{text}");
    std::fs::write(
        &manifest,
        text.replace("solicitation_threshold = 5", "solicitation_threshold = 6"),
    )
    .unwrap();
    let t = load_bundle(dir.path()).unwrap().territory;
    assert_eq!(t.analysis.solicitation_threshold, 6);
    let d = Diagnosis::of(&t);
    assert_eq!(d.solicitation.most_solicited, ["coord_cpts", "cpts_lyon7"]);
    let text = std::fs::read_to_string(&manifest).unwrap();
    std::fs::write(
        &manifest,
        text.replace("solicitation_threshold = 6", "solicitation_threshold = 0"),
    )
    .unwrap();
    let e = load_bundle(dir.path()).unwrap_err();
    let p = &e.errors[0];
    assert_eq!(p.field.as_deref(), Some("analysis.solicitation_threshold"));
    assert!(p.line().is_some(), "{p}");
    assert!(
        p.render(maillage::lang::Lang::En).contains("at least 1"),
        "{p}"
    );
}

#[test]
fn the_table_report_and_summary_show_the_load() {
    let t = lyon7();
    let d = Diagnosis::of(&t);
    let options = OutputOptions::default();
    let csv = String::from_utf8(OutputFile::SolicitationCsv.render(&t, &d, &options)).unwrap();
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("id,name,kind,dispositifs,working_groups,other_instances,actions_led,actions_joined,solicitation,over_solicited")
    );
    assert_eq!(lines.count(), t.actors.len());
    assert!(
        csv.contains("\ncoord_cpts,Coordinateur·rice CPTS Lyon 7,coordinateur,3,3,0,0,1,7,true\n"),
        "{csv}"
    );
    // an analysis table: individuals are named
    assert!(csv.contains("\nmg_001,"));

    let summary = String::from_utf8(OutputFile::SummaryTxt.render(&t, &d, &options)).unwrap();
    let line = summary
        .lines()
        .find(|l| l.starts_with("sur-sollicités"))
        .unwrap();
    assert!(line.contains("5 ou plus) : 4 acteurs : "), "{line}");
    assert!(line.contains("CPTS Lyon 7 (cpts_lyon7) 6"), "{line}");

    // The coordinators are professionals (one person each): the report names them only
    // when asked.
    let report = String::from_utf8(OutputFile::ReportHtml.render(&t, &d, &options)).unwrap();
    let section = &report[report.find("id=\"sollicitation\"").unwrap()..];
    let section = &section[..section.find("</table>").unwrap()];
    assert!(section.contains("Sur-sollicitation des partenaires"));
    assert!(section.contains("4 acteurs cumulent au moins 5 sollicitations"));
    assert!(section.contains("CPTS Lyon 7"));
    assert!(!section.contains("Coordinateur·rice CPTS"), "{section}");
    assert_eq!(section.matches("professionnel·le non nommé·e").count(), 3);
    let shown = OutputOptions {
        include_individuals: true,
        ..OutputOptions::default()
    };
    let report = String::from_utf8(OutputFile::ReportHtml.render(&t, &d, &shown)).unwrap();
    let section = &report[report.find("id=\"sollicitation\"").unwrap()..];
    let section = &section[..section.find("</table>").unwrap()];
    assert!(section.contains("Coordinateur·rice CPTS Lyon 7"));
    assert_eq!(section.matches("<tbody>").count(), 1);
    assert_eq!(section.matches("<tr>").count(), 1 + 4);
}
