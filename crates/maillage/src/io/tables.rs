//! CSV tables for spreadsheets and pandas (spec/OUTPUTS.md "Tables"): UTF-8,
//! comma-separated, a header row, one file per table, rows in a stable order.

use crate::network::report::NetworkReport;
use crate::Territory;

/// Formats an optional number: empty when absent.
fn opt(x: Option<f64>) -> String {
    x.map(|v| v.to_string()).unwrap_or_default()
}

fn to_csv(header: &[String], rows: impl Iterator<Item = Vec<String>>) -> Vec<u8> {
    let mut w = csv::WriterBuilder::new().from_writer(Vec::new());
    // Writing to a Vec cannot fail; a failure would be a bug in the csv crate.
    w.write_record(header).expect("write to memory");
    for row in rows {
        w.write_record(&row).expect("write to memory");
    }
    w.into_inner().expect("flush to memory")
}

/// `actors.csv`: the figures of every actor (degree, strength, betweenness, closeness,
/// PageRank, clustering, constraint, effective size, E-I, brokerage roles, articulation
/// point, fragility, community), in bundle order.
///
/// # Example
/// ```
/// # let territory = maillage::io::load_bundle("../../data/lyon7".as_ref()).unwrap().territory;
/// let d = maillage::Diagnosis::of(&territory);
/// let csv = String::from_utf8(maillage::io::actors_table(&d.network)).unwrap();
/// assert!(csv.starts_with("id,name,kind,group,degree,strength,betweenness"));
/// assert_eq!(csv.lines().count(), territory.actors.len() + 1);
/// ```
pub fn actors_table(report: &NetworkReport) -> Vec<u8> {
    let header = [
        "id",
        "name",
        "kind",
        "group",
        "degree",
        "strength",
        "betweenness",
        "closeness",
        "pagerank",
        "clustering",
        "constraint",
        "effective_size",
        "ei_index",
        "brokerage_coordinator",
        "brokerage_itinerant",
        "brokerage_gatekeeper",
        "brokerage_liaison",
        "brokerage_total",
        "articulation_point",
        "fragility",
        "community",
    ]
    .map(String::from);
    let rows = report.actor_metrics.iter().map(|a| {
        vec![
            a.id.clone(),
            a.name.clone(),
            a.kind.clone(),
            a.group.clone(),
            a.degree.to_string(),
            a.strength.to_string(),
            a.betweenness.to_string(),
            a.closeness.to_string(),
            opt(a.pagerank),
            a.clustering.to_string(),
            opt(a.constraint),
            opt(a.effective_size),
            opt(a.ei_index),
            a.brokerage.coordinator.to_string(),
            a.brokerage.itinerant.to_string(),
            a.brokerage.gatekeeper.to_string(),
            a.brokerage.liaison.to_string(),
            a.brokerage.total.to_string(),
            a.articulation_point.to_string(),
            a.fragility.to_string(),
            a.community.to_string(),
        ]
    });
    to_csv(&header, rows)
}

/// `groups.csv`: one row per group with its actors, internal and external edges, E-I
/// index, and its row of the mixing matrix (`edges_to_<group>` columns).
pub fn groups_table(report: &NetworkReport) -> Vec<u8> {
    let mut header: Vec<String> = [
        "group",
        "actors",
        "internal_edges",
        "external_edges",
        "ei_index",
    ]
    .map(String::from)
    .to_vec();
    header.extend(
        report
            .groups
            .iter()
            .map(|g| format!("edges_to_{}", g.group)),
    );
    let rows = report.groups.iter().map(|g| {
        let mut row = vec![
            g.group.clone(),
            g.actors.to_string(),
            g.internal_edges.to_string(),
            g.external_edges.to_string(),
            opt(g.ei_index),
        ];
        row.extend(
            report
                .groups
                .iter()
                .map(|h| g.mixing.get(&h.group).copied().unwrap_or(0).to_string()),
        );
        row
    });
    to_csv(&header, rows)
}

/// `dispositifs.csv`: one row per pair of dispositifs with their articulation: direct
/// relations, shared members, cross ties, joint actions, distance, bridging actors
/// (lists `|`-separated, as in the bundle).
pub fn dispositifs_table(territory: &Territory, report: &NetworkReport) -> Vec<u8> {
    let header = [
        "a",
        "a_name",
        "b",
        "b_name",
        "articulated",
        "direct",
        "shared_members",
        "cross_ties",
        "joint_actions",
        "distance",
        "bridging_actors",
    ]
    .map(String::from);
    let name = |id: &str| {
        territory
            .actor_by_id(id)
            .map(|a| territory.actor(a).name.clone())
            .unwrap_or_default()
    };
    let rows = report.dispositifs.iter().map(|p| {
        vec![
            p.a.clone(),
            name(&p.a),
            p.b.clone(),
            name(&p.b),
            p.articulated.to_string(),
            p.direct
                .iter()
                .map(|k| k.as_str())
                .collect::<Vec<_>>()
                .join("|"),
            p.shared_members.join("|"),
            p.cross_ties.len().to_string(),
            p.joint_actions.join("|"),
            p.distance.map(|d| d.to_string()).unwrap_or_default(),
            p.bridging_actors.join("|"),
        ]
    });
    to_csv(&header, rows)
}
