//! CSV tables for spreadsheets and pandas (docs/outputs.md "Tables"): UTF-8,
//! comma-separated, a header row, one file per table, rows in a stable order.

use crate::model::neutralise_formula;
use crate::network::analysis::NetworkReport;
use crate::Territory;
use std::collections::HashMap;
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

/// A table of the outputs: its columns, and its rows made one at a time as they are
/// written. The CSV files and the sheets of the diagnosis workbook are the same tables.
pub(crate) struct Table<'a> {
    /// The columns' names, as the CSV files write them.
    pub(crate) header: Vec<String>,
    /// The rows, each a cell per column.
    pub(crate) rows: Box<dyn Iterator<Item = Vec<String>> + 'a>,
}

impl<'a> Table<'a> {
    pub(crate) fn new(header: Vec<String>, rows: impl Iterator<Item = Vec<String>> + 'a) -> Self {
        Self {
            header,
            rows: Box::new(rows),
        }
    }
}

/// Writes a table as CSV, one row at a time, every cell that a spreadsheet would run
/// as a formula neutralised (docs/outputs.md, "Safe to open"): the tables are meant
/// to be opened in one.
pub(crate) fn write_csv<W: Write>(out: &mut W, table: Table) -> io::Result<()> {
    let mut w = csv::WriterBuilder::new().from_writer(out);
    let mut write_row = |row: &[String]| {
        for cell in row {
            w.write_field(neutralise_formula(cell).as_bytes())?;
        }
        w.write_record(None::<&[u8]>)
    };
    write_row(&table.header)?;
    for row in table.rows {
        write_row(&row)?;
    }
    w.flush()
}

/// The actors and their network figures (`actors.csv`).
pub(crate) fn actors_table(report: &NetworkReport) -> Table<'_> {
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
    Table::new(header.to_vec(), rows)
}

/// The groups, their E-I index and mixing (`groups.csv`).
pub(crate) fn groups_table(report: &NetworkReport) -> Table<'_> {
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
    let rows = report.groups.iter().map(move |g| {
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
    Table::new(header, rows)
}

/// The pairs of dispositifs and their articulation (`dispositifs.csv`), with the
/// themes they share (docs/analyses.md §5), `|`-separated, in the last column.
pub(crate) fn dispositifs_table<'a>(
    territory: &'a Territory,
    diagnosis: &'a crate::Diagnosis,
) -> Table<'a> {
    let report = &diagnosis.network;
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
            "shared_themes",
        ])
        .map(String::from)
        .collect();
    let rows = report.dispositifs.iter().enumerate().map(move |(i, p)| {
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
            diagnosis
                .shared_themes
                .get(i)
                .map(|s| {
                    s.themes
                        .iter()
                        .map(|t| t.theme.as_str())
                        .collect::<Vec<_>>()
                        .join("|")
                })
                .unwrap_or_default(),
        ]);
        row
    });
    Table::new(header, rows)
}

/// The zones of the coverage layer and their coverage (`zones.csv`).
pub(crate) fn zones_table<'a>(
    territory: &'a Territory,
    diagnosis: &'a crate::Diagnosis,
) -> Table<'a> {
    let required = &territory.analysis.required;
    let sectors: Vec<&String> = territory.taxonomy.sectors.keys().collect();
    let mut header: Vec<String> = ["id", "name", "population", "priority", "actors"]
        .map(String::from)
        .to_vec();
    // the age-weighted demand, after the population, when the layer declares one
    let weighted = territory.coverage_layer().demand.is_some();
    if weighted {
        header.insert(3, "demand".to_owned());
    }
    for k in required {
        for what in ["count", "density", "access", "nearest_m"] {
            header.push(format!("{what}_{k}"));
        }
    }
    header.extend(sectors.iter().map(|s| format!("count_{s}")));
    header.extend(["overlap", "dispositifs", "actions"].map(String::from));
    // the coverage layer's declared indicators, after the coverage's own columns
    let indicators = &territory.coverage_layer().indicators;
    header.extend(indicators.iter().map(|i| i.property.clone()));
    let rows = diagnosis
        .coverage
        .zones
        .iter()
        .enumerate()
        .map(move |(i, z)| {
            let mut row = vec![
                z.id.clone(),
                z.name.clone(),
                z.population.to_string(),
                z.priority.to_string(),
                z.actors.to_string(),
            ];
            if weighted {
                row.insert(3, opt(z.demand));
            }
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
            if !indicators.is_empty() {
                let values = &territory.zone(diagnosis.zone_ref(territory, i)).indicators;
                row.extend(
                    indicators
                        .iter()
                        .map(|d| opt(values.get(&d.property).copied().flatten())),
                );
            }
            row
        });
    Table::new(header, rows)
}

/// Every gap, one a row (`gaps.csv`); when a need was raised from an indicator, a last
/// column `raised_from` says, on each raised need's row, the rule's indicator and
/// threshold.
pub(crate) fn gaps_table(diagnosis: &crate::Diagnosis) -> Table<'_> {
    let mut header = [
        "type",
        "status",
        "subject",
        "subject_name",
        "detail",
        "value",
        "answers",
    ]
    .map(String::from)
    .to_vec();
    let g = &diagnosis.gaps;
    let raised = g.needs.iter().any(|n| n.raised);
    if raised {
        header.push("raised_from".to_owned());
    }
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
    let needs = g.needs.iter().map(move |n| {
        let status = n.status.as_str().to_owned();
        let answers: Vec<String> = n.actors.iter().chain(&n.actions).cloned().collect();
        let mut row = vec![
            "need".into(),
            status,
            n.zone.clone(),
            n.zone_name.clone(),
            n.theme.clone(),
            n.level.to_string(),
            answers.join("|"),
        ];
        if raised {
            row.push(if n.raised {
                n.source.clone().unwrap_or_default()
            } else {
                String::new()
            });
        }
        row
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
    let pathways = g.pathways.iter().map(|p| {
        vec![
            "pathway".into(),
            "no_chain_in_reach".into(),
            p.zone.clone(),
            p.zone_name.clone(),
            p.pathway.clone(),
            opt(p.nearest_m),
            String::new(),
        ]
    });
    let absent = g.absent.iter().map(|a| {
        let detail = match &a.missing {
            crate::gaps::Missing::Sector(s) => format!("sector:{s}"),
            crate::gaps::Missing::Family(f) => format!("family:{f}"),
            crate::gaps::Missing::Reference(r) => format!("reference:{r}"),
        };
        vec![
            "absent".into(),
            if a.flagged { "expected" } else { "none" }.into(),
            a.zone.clone(),
            a.zone_name.clone(),
            detail,
            opt(a.expected),
            String::new(),
        ]
    });
    let rows = service
        .chain(needs)
        .chain(groups)
        .chain(isolated)
        .chain(unarticulated)
        .chain(pathways)
        .chain(absent);
    // the other gaps' rows, one cell short when the needs have their raised_from
    let width = header.len();
    let rows = rows.map(move |mut row| {
        row.resize(width, String::new());
        row
    });
    Table::new(header, rows)
}

/// The links suggested to create, best first (`suggestions.csv`).
pub(crate) fn suggestions_table<'a>(
    territory: &'a Territory,
    diagnosis: &'a crate::Diagnosis,
) -> Table<'a> {
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
        .map(move |(i, l)| {
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
    Table::new(header, rows)
}

/// The solicitation load (`solicitation.csv`), a row per actor in bundle order: the
/// parts of its load, their sum and whether it reaches the threshold (docs/analyses.md
/// §5). An analysis table: every actor is named, individuals included.
pub(crate) fn solicitation_table(diagnosis: &crate::Diagnosis) -> Table<'_> {
    let header = [
        "id",
        "name",
        "kind",
        "dispositifs",
        "working_groups",
        "other_instances",
        "actions_led",
        "actions_joined",
        "solicitation",
        "over_solicited",
    ]
    .map(String::from);
    let rows = diagnosis.solicitation.actors.iter().map(|a| {
        let p = &a.parts;
        vec![
            a.id.clone(),
            a.name.clone(),
            a.kind.clone(),
            p.dispositifs.to_string(),
            p.working_groups.to_string(),
            p.other_instances.to_string(),
            p.actions_led.to_string(),
            p.actions_joined.to_string(),
            a.solicitation.to_string(),
            a.over_solicited.to_string(),
        ]
    });
    Table::new(header.to_vec(), rows)
}

/// The referral pathways (`pathways.csv`), a row per pathway and entry point in bundle
/// order: where its chains of referrals lead (docs/analyses.md §5). An analysis table:
/// every actor is named, individuals included; lists are `|`-separated ids, the
/// shortest chain from the entry point to the specialised actor.
pub(crate) fn pathways_table<'a>(
    territory: &'a Territory,
    diagnosis: &'a crate::Diagnosis,
) -> Table<'a> {
    let header = [
        "pathway",
        "entry",
        "entry_name",
        "entry_kind",
        "reached",
        "reached_ids",
        "chain_length",
        "shortest_chain",
        "single_points",
    ]
    .map(String::from);
    let ids = |actors: &[crate::model::ActorIx]| {
        actors
            .iter()
            .map(|&a| territory.actor(a).id.as_str())
            .collect::<Vec<_>>()
            .join("|")
    };
    let rows = diagnosis.pathways.iter().flat_map(move |p| {
        p.entries.iter().map(move |e| {
            let entry = territory.actor(e.entry);
            vec![
                p.definition.name.clone(),
                entry.id.clone(),
                entry.name.clone(),
                entry.kind.clone(),
                e.reached.len().to_string(),
                ids(&e.reached),
                if e.reached.is_empty() {
                    String::new()
                } else {
                    e.shortest_length().to_string()
                },
                ids(&e.shortest_chain),
                ids(&e.single_points),
            ]
        })
    });
    Table::new(header.to_vec(), rows)
}

/// The themes each pair of dispositifs shares (`shared_themes.csv`), a row per pair and
/// theme, pairs as in `dispositifs.csv`, themes alphabetical: how many of each side
/// work on it, the joint actions on it and the zones served by both with a need on it
/// (docs/analyses.md §5).
pub(crate) fn shared_themes_table<'a>(
    territory: &'a Territory,
    diagnosis: &'a crate::Diagnosis,
) -> Table<'a> {
    let header: Vec<String> = PAIR_COLUMNS
        .into_iter()
        .chain([
            "theme",
            "actors_a",
            "actors_b",
            "from_members",
            "joint_actions",
            "need_zones",
        ])
        .map(String::from)
        .collect();
    let rows = diagnosis.shared_themes.iter().flat_map(move |p| {
        p.themes.iter().map(move |t| {
            let mut row = pair_cells(territory, &p.a, &p.b);
            row.extend([
                t.theme.clone(),
                t.actors_a.to_string(),
                t.actors_b.to_string(),
                t.from_members().to_string(),
                t.joint_actions.join("|"),
                t.need_zones.join("|"),
            ]);
            row
        })
    });
    Table::new(header, rows)
}

/// The overlap of structures and dispositifs (`dispositif_overlap.csv`), a row per
/// structure and dispositif sharing members, structures then dispositifs in bundle
/// order (docs/analyses.md §5).
pub(crate) fn overlap_table<'a>(
    territory: &'a Territory,
    diagnosis: &'a crate::Diagnosis,
) -> Table<'a> {
    let header = [
        "structure",
        "structure_name",
        "structure_kind",
        "dispositif",
        "dispositif_name",
        "structure_members",
        "dispositif_members",
        "shared_members",
        "structure_share",
        "dispositif_share",
        "jaccard",
        "structure_is_member",
    ]
    .map(String::from);
    let rows = diagnosis.overlap.iter().map(move |o| {
        let actor = |id: &str| territory.actor_with_id(id);
        vec![
            o.structure.clone(),
            actor(&o.structure)
                .map(|a| a.name.clone())
                .unwrap_or_default(),
            actor(&o.structure)
                .map(|a| a.kind.clone())
                .unwrap_or_default(),
            o.dispositif.clone(),
            actor(&o.dispositif)
                .map(|a| a.name.clone())
                .unwrap_or_default(),
            o.structure_members.to_string(),
            o.dispositif_members.to_string(),
            o.shared_members.to_string(),
            o.structure_share.to_string(),
            o.dispositif_share.to_string(),
            o.jaccard.to_string(),
            o.structure_is_member.to_string(),
        ]
    });
    Table::new(header.to_vec(), rows)
}

/// The edges of the two-mode view (`affiliations.csv`): each actor and each joint
/// action or dispositif it belongs to, with its role, actions first in file order, then
/// dispositifs in bundle order, actors in bundle order (docs/analyses.md §5). An
/// analysis table: every actor is named.
pub(crate) fn affiliations_table<'a>(
    territory: &'a Territory,
    diagnosis: &'a crate::Diagnosis,
) -> Table<'a> {
    use crate::network::Affiliation;
    let header = [
        "actor",
        "actor_name",
        "actor_kind",
        "affiliation",
        "affiliation_type",
        "affiliation_name",
        "role",
    ]
    .map(String::from);
    let view = &diagnosis.affiliations;
    let rows = view.ties.iter().map(move |t| {
        let actor = territory.actor(t.actor);
        let (kind, name) = match view.affiliations[t.affiliation] {
            Affiliation::Action(i) => ("action", territory.actions[i].name.clone()),
            Affiliation::Dispositif(d) => ("dispositif", territory.actor(d).name.clone()),
        };
        vec![
            actor.id.clone(),
            actor.name.clone(),
            actor.kind.clone(),
            view.node_id(territory, t.affiliation),
            kind.to_owned(),
            name,
            t.role.as_str().to_owned(),
        ]
    });
    Table::new(header.to_vec(), rows)
}

/// The reach of each dispositif (`membership.csv`, docs/analyses.md §5): for each
/// dispositif in bundle order, a `total` row, then a row per family, per kind (in the
/// taxonomy's order) and per zone of the coverage layer (in the layer's order) that
/// holds an eligible actor. `reached_since` is empty unless the diagnosis was given a
/// `since` date. Counts only: no actor is named.
pub(crate) fn membership_table<'a>(
    territory: &'a Territory,
    diagnosis: &'a crate::Diagnosis,
) -> Table<'a> {
    let header = [
        "dispositif",
        "dispositif_name",
        "breakdown",
        "group",
        "group_name",
        "eligible",
        "direct",
        "reached",
        "rate",
        "reached_since",
        "members_outside",
    ]
    .map(String::from);
    let tax = &territory.taxonomy;
    let layer = territory.analysis.coverage_layer;
    let zones = &territory.layer(layer).zones;
    let zone_order: HashMap<&str, usize> = zones
        .iter()
        .enumerate()
        .map(|(i, z)| (z.id.as_str(), i))
        .collect();
    let rows = diagnosis.dispositif_reach.iter().flat_map(move |m| {
        let d = territory.actor(m.dispositif);
        let row = |breakdown: &str, g: &crate::gaps::ReachGroup, name: &str, outside: &str| {
            vec![
                d.id.clone(),
                d.name.clone(),
                breakdown.to_owned(),
                g.group.clone(),
                name.to_owned(),
                g.eligible.to_string(),
                g.direct.to_string(),
                g.reached.to_string(),
                opt(g.rate()),
                g.reached_since.map(|n| n.to_string()).unwrap_or_default(),
                outside.to_owned(),
            ]
        };
        let mut rows = Vec::new();
        for total in m.breakdown(|_| Some("total".to_owned())) {
            rows.push(row("total", &total, "", &m.members_outside.to_string()));
        }
        let families = m.breakdown(|a| Some(territory.actor(a).family.clone()));
        for (id, f) in &tax.families {
            if let Some(g) = families.iter().find(|g| &g.group == id) {
                rows.push(row("family", g, &f.label, ""));
            }
        }
        let kinds = m.breakdown(|a| Some(territory.actor(a).kind.clone()));
        for (id, k) in &tax.kinds {
            if let Some(g) = kinds.iter().find(|g| &g.group == id) {
                rows.push(row("kind", g, &k.label, ""));
            }
        }
        // in the layer's order, each zone found by its id once rather than every zone
        // looked for among the groups
        let mut by_zone: Vec<(usize, crate::gaps::ReachGroup)> = m
            .breakdown(|a| diagnosis.zone_id(territory, a, layer).map(str::to_owned))
            .into_iter()
            .filter_map(|g| Some((*zone_order.get(g.group.as_str())?, g)))
            .collect();
        by_zone.sort_by_key(|&(i, _)| i);
        for (i, g) in &by_zone {
            rows.push(row("zone", g, &zones[*i].name, ""));
        }
        rows
    });
    Table::new(header.to_vec(), rows)
}

/// The eligible actors each dispositif does not reach yet (`non_members.csv`, docs/
/// analyses.md §5): whom to invite, dispositifs and actors in bundle order, with the
/// zone of the coverage layer they lie in. Individual professionals are listed only
/// when `include_individuals` is set; otherwise `membership.csv` counts them.
pub(crate) fn non_members_table<'a>(
    territory: &'a Territory,
    diagnosis: &'a crate::Diagnosis,
    include_individuals: bool,
) -> Table<'a> {
    let header = [
        "dispositif",
        "dispositif_name",
        "id",
        "name",
        "kind",
        "family",
        "zone",
    ]
    .map(String::from);
    let layer = territory.analysis.coverage_layer;
    let rows = diagnosis.dispositif_reach.iter().flat_map(move |m| {
        let d = territory.actor(m.dispositif);
        m.non_members()
            .into_iter()
            .filter(|&a| include_individuals || !territory.actor(a).is_individual())
            .map(|a| {
                let actor = territory.actor(a);
                vec![
                    d.id.clone(),
                    d.name.clone(),
                    actor.id.clone(),
                    actor.name.clone(),
                    actor.kind.clone(),
                    actor.family.clone(),
                    diagnosis
                        .zone_id(territory, a, layer)
                        .unwrap_or_default()
                        .to_owned(),
                ]
            })
            .collect::<Vec<_>>()
    });
    Table::new(header.to_vec(), rows)
}

/// The declared indicators of the coverage layer ranked (`indicators.csv`,
/// docs/analyses.md §2, "Declared zone indicators"): a row per indicator and zone with a
/// value, indicators in manifest order, zones from the worst off, each with its
/// priority status, population, located actors, and the count of and access to each
/// required kind. Zones without a value are left out. Only the header when the layer
/// declares no indicator.
pub(crate) fn indicators_table<'a>(diagnosis: &'a crate::Diagnosis) -> Table<'a> {
    let coverage = &diagnosis.coverage;
    let required = &coverage.required;
    let mut header: Vec<String> = [
        "indicator",
        "better",
        "rank",
        "id",
        "name",
        "priority",
        "population",
        "value",
        "actors",
    ]
    .map(String::from)
    .to_vec();
    for k in required {
        header.push(format!("count_{k}"));
        header.push(format!("access_{k}"));
    }
    let rows = coverage.declared.iter().flat_map(move |d| {
        d.ranking.iter().map(move |r| {
            let mut row = vec![
                d.property.clone(),
                d.better.as_str().to_owned(),
                r.rank.to_string(),
                r.id.clone(),
                r.name.clone(),
                r.priority.to_string(),
                r.population.to_string(),
                r.value.to_string(),
                r.actors.to_string(),
            ];
            for k in required {
                row.push(r.count.get(k).copied().unwrap_or(0).to_string());
                row.push(opt(r.access.get(k).copied()));
            }
            row
        })
    });
    Table::new(header, rows)
}

/// Each required kind's access by the cost table and by straight line
/// (`access_road.csv`, docs/analyses.md §2, "With a cost table"): a row per kind and
/// inhabited zone, kinds in manifest order, zones by rank by road (the worst served
/// first), with both accesses, both ranks and whether the zone is among the worst
/// served by each. Only the header without a cost table.
pub(crate) fn access_road_table(diagnosis: &crate::Diagnosis) -> Table<'_> {
    let header = [
        "kind",
        "id",
        "name",
        "access_road",
        "access_straight_line",
        "rank_road",
        "rank_straight_line",
        "worst_road",
        "worst_straight_line",
    ]
    .map(String::from);
    let kinds = diagnosis
        .coverage
        .road_comparison
        .iter()
        .flat_map(|r| r.kinds.iter());
    let rows = kinds.flat_map(|k| {
        let mut zones: Vec<_> = k.zones.iter().collect();
        zones.sort_by_key(|z| z.road_rank);
        zones.into_iter().map(move |z| {
            vec![
                k.kind.clone(),
                z.id.clone(),
                z.name.clone(),
                z.by_road.to_string(),
                z.by_straight_line.to_string(),
                z.road_rank.to_string(),
                z.straight_line_rank.to_string(),
                k.worst_by_road.contains(&z.id).to_string(),
                k.worst_by_straight_line.contains(&z.id).to_string(),
            ]
        })
    });
    Table::new(header.to_vec(), rows)
}

/// What changed since the `since` date (`evolution.csv`, docs/analyses.md §4, "Before
/// and after"): a row per figure then and now, per kind of tie gained or lost, per pair
/// of dispositifs, bridge, cut point and joint action that changed, and per need whose
/// status changed. Only the header without a `since` date.
pub(crate) fn evolution_table<'a>(
    territory: &'a Territory,
    diagnosis: &'a crate::Diagnosis,
) -> Table<'a> {
    let header = ["item", "subject", "subject_name", "before", "after"].map(String::from);
    let mut rows: Vec<Vec<String>> = Vec::new();
    let name = |id: &str| {
        territory
            .actor_with_id(id)
            .map_or_else(String::new, |a| a.name.clone())
    };
    let mut row =
        |item: &str, subject: String, subject_name: String, before: String, after: String| {
            rows.push(vec![item.to_owned(), subject, subject_name, before, after]);
        };
    if let Some(e) = &diagnosis.evolution {
        let (b, a) = (&e.comparison.before, &e.comparison.after);
        let opt_f = |x: Option<f64>| x.map(|v| v.to_string()).unwrap_or_default();
        for (figure, before, after) in [
            (
                "relations",
                b.relations.to_string(),
                a.relations.to_string(),
            ),
            ("edges", b.edges.to_string(), a.edges.to_string()),
            ("density", b.density.to_string(), a.density.to_string()),
            ("ei_index", opt_f(b.ei_index), opt_f(a.ei_index)),
            (
                "cross_group_edges",
                b.cross_group_edges.to_string(),
                a.cross_group_edges.to_string(),
            ),
            (
                "components",
                b.components.to_string(),
                a.components.to_string(),
            ),
            (
                "isolated_actors",
                b.isolated_actors.to_string(),
                a.isolated_actors.to_string(),
            ),
        ] {
            row("figure", figure.to_owned(), String::new(), before, after);
        }
        let c = &e.comparison;
        row(
            "ties",
            "all".into(),
            String::new(),
            c.lost.len().to_string(),
            c.gained.len().to_string(),
        );
        row(
            "ties",
            "across_groups".into(),
            String::new(),
            c.lost_cross_group.to_string(),
            c.gained_cross_group.to_string(),
        );
        for kind in crate::model::RelationKind::ALL {
            let count = |list: &[(crate::model::RelationKind, usize)]| {
                list.iter().find(|(k, _)| *k == kind).map_or(0, |(_, n)| *n)
            };
            let (lost, gained) = (count(&e.lost_by_kind), count(&e.gained_by_kind));
            if lost + gained > 0 {
                row(
                    "ties",
                    kind.as_str().to_owned(),
                    String::new(),
                    lost.to_string(),
                    gained.to_string(),
                );
            }
        }
        for p in &e.dispositif_pairs {
            row(
                "dispositif_pair",
                format!("{}|{}", p.a, p.b),
                format!("{} – {}", name(&p.a), name(&p.b)),
                p.before.to_string(),
                p.after.to_string(),
            );
        }
        for (list, present) in [(&e.bridges_gone, false), (&e.bridges_appeared, true)] {
            for (u, v) in list {
                row(
                    "bridge",
                    format!("{u}|{v}"),
                    format!("{} – {}", name(u), name(v)),
                    (!present).to_string(),
                    present.to_string(),
                );
            }
        }
        for (list, present) in [(&e.cut_points_gone, false), (&e.cut_points_appeared, true)] {
            for id in list {
                row(
                    "cut_point",
                    id.clone(),
                    name(id),
                    (!present).to_string(),
                    present.to_string(),
                );
            }
        }
        let action_name = |id: &str| {
            territory
                .actions
                .iter()
                .find(|a| a.id == id)
                .map_or_else(String::new, |a| a.name.clone())
        };
        for id in &e.actions_started {
            row(
                "action_started",
                id.clone(),
                action_name(id),
                "false".into(),
                "true".into(),
            );
        }
        for id in &e.actions_ended {
            row(
                "action_ended",
                id.clone(),
                action_name(id),
                "true".into(),
                "false".into(),
            );
        }
    }
    if let Some(then) = &diagnosis.needs_since {
        for (before, after) in then.iter().zip(&diagnosis.gaps.needs) {
            if before.status != after.status {
                row(
                    "need",
                    format!("{}|{}", after.zone, after.theme),
                    format!("{} : {}", after.zone_name, after.theme),
                    before.status.as_str().to_owned(),
                    after.status.as_str().to_owned(),
                );
            }
        }
    }
    Table::new(header.to_vec(), rows.into_iter())
}
