//! CSV tables for spreadsheets and pandas (docs/outputs.md "Tables"): UTF-8,
//! comma-separated, a header row, one file per table, rows in a stable order.

use crate::network::analysis::NetworkReport;
use crate::Territory;
use std::io::{self, Write};

/// Formats an optional number: empty when absent.
fn opt(x: Option<f64>) -> String {
    x.map(|v| v.to_string()).unwrap_or_default()
}

/// The columns of a pair of actors: their ids and names.
const PAIR_COLUMNS: [&str; 4] = ["a", "a_name", "b", "b_name"];

/// The cells of [`PAIR_COLUMNS`]; the name is empty for an id the territory does not
/// hold.
fn pair_cells(territory: &Territory, a: &str, b: &str) -> Vec<String> {
    let name = |id: &str| {
        territory
            .actor_with_id(id)
            .map(|a| a.name.clone())
            .unwrap_or_default()
    };
    vec![a.to_owned(), name(a), b.to_owned(), name(b)]
}

/// Writes a header and rows as CSV, one row at a time.
fn write_csv<W: Write>(
    out: &mut W,
    header: &[String],
    rows: impl Iterator<Item = Vec<String>>,
) -> io::Result<()> {
    let mut w = csv::WriterBuilder::new().from_writer(out);
    w.write_record(header)?;
    for row in rows {
        w.write_record(&row)?;
    }
    w.flush()
}

/// The bytes a table writer writes, gathered in memory.
pub(super) fn in_memory(write: impl FnOnce(&mut Vec<u8>) -> io::Result<()>) -> Vec<u8> {
    let mut bytes = Vec::new();
    // Writing to memory cannot fail.
    write(&mut bytes).expect("write to memory");
    bytes
}

/// `actors.csv`: the figures of every actor (degree, strength, betweenness, closeness,
/// PageRank, clustering, constraint, effective size, E-I, brokerage roles, articulation
/// point, fragility, community), in bundle order.
///
/// # Example
/// ```
/// # let territory = maillage::bundle::load_bundle("../../data/lyon7".as_ref()).unwrap().territory;
/// let d = maillage::Diagnosis::of(&territory);
/// let csv = String::from_utf8(maillage::outputs::actors_table(&d.network)).unwrap();
/// assert!(csv.starts_with("id,name,kind,group,degree,strength,betweenness"));
/// assert_eq!(csv.lines().count(), territory.actors.len() + 1);
/// ```
pub fn actors_table(report: &NetworkReport) -> Vec<u8> {
    in_memory(|out| write_actors_table(report, out))
}

/// Writes [`actors_table`] to `out`, a row at a time.
pub(crate) fn write_actors_table<W: Write>(report: &NetworkReport, out: &mut W) -> io::Result<()> {
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
    write_csv(out, &header, rows)
}

/// `groups.csv`: one row per group with its actors, internal and external edges, E-I
/// index, and its row of the mixing matrix (`edges_to_<group>` columns).
pub fn groups_table(report: &NetworkReport) -> Vec<u8> {
    in_memory(|out| write_groups_table(report, out))
}

/// Writes [`groups_table`] to `out`, a row at a time.
pub(crate) fn write_groups_table<W: Write>(report: &NetworkReport, out: &mut W) -> io::Result<()> {
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
    write_csv(out, &header, rows)
}

/// `dispositifs.csv`: one row per pair of dispositifs with their articulation: direct
/// relations, shared members, cross ties, joint actions, distance, bridging actors
/// (lists `|`-separated, as in the bundle).
pub fn dispositifs_table(territory: &Territory, report: &NetworkReport) -> Vec<u8> {
    in_memory(|out| write_dispositifs_table(territory, report, out))
}

/// Writes [`dispositifs_table`] to `out`, a row at a time.
pub(crate) fn write_dispositifs_table<W: Write>(
    territory: &Territory,
    report: &NetworkReport,
    out: &mut W,
) -> io::Result<()> {
    let header: Vec<String> = PAIR_COLUMNS
        .into_iter()
        .chain([
            "articulated",
            "direct",
            "shared_members",
            "cross_ties",
            "joint_actions",
            "distance",
            "bridging_actors",
        ])
        .map(String::from)
        .collect();
    let rows = report.dispositifs.iter().map(|p| {
        let mut row = pair_cells(territory, &p.a, &p.b);
        row.extend([
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
        ]);
        row
    });
    write_csv(out, &header, rows)
}

/// `zones.csv`: the zone indicators of `zones.geojson` without geometry: id, name,
/// population, priority, actors, then per required kind its count, density per 10,000,
/// 2SFCA access per 10,000 and distance to the nearest (metres), then counts per
/// sector, overlap, dispositifs and actions (`|`-separated).
///
/// # Example
/// ```
/// # let territory = maillage::bundle::load_bundle("../../data/lyon7".as_ref()).unwrap().territory;
/// let d = maillage::Diagnosis::of(&territory);
/// let csv = String::from_utf8(maillage::outputs::zones_table(&territory, &d)).unwrap();
/// assert_eq!(csv.lines().count(), 25);
/// assert!(csv.lines().next().unwrap().contains("access_medecin_generaliste"));
/// ```
pub fn zones_table(territory: &Territory, diagnosis: &crate::Diagnosis) -> Vec<u8> {
    in_memory(|out| write_zones_table(territory, diagnosis, out))
}

/// Writes [`zones_table`] to `out`, a row at a time.
pub(crate) fn write_zones_table<W: Write>(
    territory: &Territory,
    diagnosis: &crate::Diagnosis,
    out: &mut W,
) -> io::Result<()> {
    let required = &territory.analysis.required;
    let sectors: Vec<&String> = territory.taxonomy.sectors.keys().collect();
    let mut header: Vec<String> = ["id", "name", "population", "priority", "actors"]
        .map(String::from)
        .to_vec();
    for k in required {
        for what in ["count", "density", "access", "nearest_m"] {
            header.push(format!("{what}_{k}"));
        }
    }
    header.extend(sectors.iter().map(|s| format!("count_{s}")));
    header.extend(["overlap", "dispositifs", "actions"].map(String::from));
    let rows = diagnosis.coverage.zones.iter().map(|z| {
        let mut row = vec![
            z.id.clone(),
            z.name.clone(),
            z.population.to_string(),
            z.priority.to_string(),
            z.actors.to_string(),
        ];
        for k in required {
            row.push(z.count_by_kind.get(k).copied().unwrap_or(0).to_string());
            row.push(opt(z.density.get(k).copied().flatten()));
            row.push(opt(z.access.get(k).copied()));
            row.push(opt(z.nearest_m.get(k).copied().flatten()));
        }
        row.extend(
            sectors
                .iter()
                .map(|s| z.count_by_sector.get(*s).copied().unwrap_or(0).to_string()),
        );
        row.push(z.overlap.to_string());
        row.push(z.dispositifs.join("|"));
        row.push(z.actions.join("|"));
        row
    });
    write_csv(out, &header, rows)
}

/// `gaps.csv`: every gap of docs/analyses.md §3 in one table: `type` (service, need,
/// group, isolated_actor, unarticulated_dispositifs), `status` (absent_in_zone,
/// out_of_reach, uncovered, no_joint_action, covered, no_tie...), `subject` (the zone,
/// group pair, actor or dispositif pair), `detail` (kind, theme...), `value` (distance,
/// level...), and `answers` (actors and actions that answer a need).
pub fn gaps_table(diagnosis: &crate::Diagnosis) -> Vec<u8> {
    in_memory(|out| write_gaps_table(diagnosis, out))
}

/// Writes [`gaps_table`] to `out`, a row at a time.
pub(crate) fn write_gaps_table<W: Write>(
    diagnosis: &crate::Diagnosis,
    out: &mut W,
) -> io::Result<()> {
    let header = [
        "type",
        "status",
        "subject",
        "subject_name",
        "detail",
        "value",
        "answers",
    ]
    .map(String::from);
    let g = &diagnosis.gaps;
    let service = g.service.iter().map(|s| {
        vec![
            "service".into(),
            s.gap.as_str().into(),
            s.zone.clone(),
            s.zone_name.clone(),
            s.kind.clone(),
            opt(s.nearest_m),
            String::new(),
        ]
    });
    let needs = g.needs.iter().map(|n| {
        let status = serde_json::to_value(n.status)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default();
        let answers: Vec<String> = n.actors.iter().chain(&n.actions).cloned().collect();
        vec![
            "need".into(),
            status,
            n.zone.clone(),
            n.zone_name.clone(),
            n.theme.clone(),
            n.level.to_string(),
            answers.join("|"),
        ]
    });
    let groups = g.groups.iter().map(|p| {
        vec![
            "group".into(),
            "no_tie".into(),
            format!("{}|{}", p.a, p.b),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
        ]
    });
    let isolated = g.isolated_actors.iter().map(|a| {
        vec![
            "isolated_actor".into(),
            "no_tie".into(),
            a.id.clone(),
            a.name.clone(),
            a.kind.clone(),
            String::new(),
            String::new(),
        ]
    });
    let unarticulated = g.unarticulated_dispositifs.iter().map(|p| {
        vec![
            "unarticulated_dispositifs".into(),
            "no_relation_member_or_action".into(),
            format!("{}|{}", p.a, p.b),
            String::new(),
            format!("{} cross ties", p.cross_ties),
            p.distance.map(|d| d.to_string()).unwrap_or_default(),
            String::new(),
        ]
    });
    let rows = service
        .chain(needs)
        .chain(groups)
        .chain(isolated)
        .chain(unarticulated);
    write_csv(out, &header, rows)
}

/// `suggestions.csv`: the suggested links, best first: the two actors and their groups,
/// the score and its two parts (Jaccard of themes, Adamic–Adar of common neighbours),
/// and the reasons (shared themes, common neighbours, distance, common zones).
pub fn suggestions_table(territory: &Territory, diagnosis: &crate::Diagnosis) -> Vec<u8> {
    in_memory(|out| write_suggestions_table(territory, diagnosis, out))
}

/// Writes [`suggestions_table`] to `out`, a row at a time.
pub(crate) fn write_suggestions_table<W: Write>(
    territory: &Territory,
    diagnosis: &crate::Diagnosis,
    out: &mut W,
) -> io::Result<()> {
    let header: Vec<String> = std::iter::once("rank")
        .chain(PAIR_COLUMNS)
        .chain([
            "group_a",
            "group_b",
            "score",
            "jaccard",
            "adamic_adar",
            "shared_themes",
            "common_neighbours",
            "distance_m",
            "common_zones",
        ])
        .map(String::from)
        .collect();
    let rows = diagnosis
        .gaps
        .suggested_links
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let mut row = vec![(i + 1).to_string()];
            row.extend(pair_cells(territory, &l.a, &l.b));
            row.extend([
                l.group_a.clone(),
                l.group_b.clone(),
                l.score.to_string(),
                l.jaccard.to_string(),
                l.adamic_adar.to_string(),
                l.shared_themes.join("|"),
                l.common_neighbours.join("|"),
                opt(l.distance_m),
                l.common_zones.join("|"),
            ]);
            row
        });
    write_csv(out, &header, rows)
}
