//! The section that reads what changed since an earlier date (docs/analyses.md §4,
//! "Before and after"): the "suivi et évaluation" a steering committee asks for, the
//! ties created and lost, the dispositifs articulated since, the fragile places that
//! appeared or went, the joint actions started and ended, the needs covered since.

use super::html::{note, num_col, text_col, write_table, Page, Row};
use super::text::{count_of, escape, french_count, french_date, french_number};
use super::{Context, Section};
use crate::gaps::NeedStatus;

/// "Avant / après": only when the diagnosis was given a `since` date.
pub(crate) fn evolution<'c>(ctx: &'c Context<'_>) -> Option<Section<'c>> {
    ctx.diagnosis.evolution.as_ref()?;
    Some(Section::written(
        "avant-apres",
        "Avant / après",
        ctx,
        write_evolution,
    ))
}

fn need_status(s: NeedStatus) -> &'static str {
    match s {
        NeedStatus::Uncovered => "non couvert",
        NeedStatus::NoJointAction => "sans action commune",
        NeedStatus::Covered => "couvert",
    }
}

fn write_evolution(ctx: &Context<'_>, out: &mut Page<'_>) {
    let Some(e) = &ctx.diagnosis.evolution else {
        return;
    };
    let t = ctx.territory;
    let (b, a) = (&e.comparison.before, &e.comparison.after);
    out.push_str(&note(&escape(&format!(
        "Le réseau au {} et au {} : les relations valides à chacune des deux dates, les liens créés et perdus entre elles, et ce qui a changé pour les dispositifs, les points fragiles, les actions communes et les besoins.",
        french_date(b.date),
        french_date(a.date)
    ))));
    let ei = |x: Option<f64>| x.map_or_else(|| "—".to_owned(), |v| french_number(v, 3));
    let figures = [
        (
            "Relations valides",
            french_count(b.relations),
            french_count(a.relations),
        ),
        ("Liens", french_count(b.edges), french_count(a.edges)),
        (
            "Densité",
            french_number(b.density, 4),
            french_number(a.density, 4),
        ),
        ("Indice E-I", ei(b.ei_index), ei(a.ei_index)),
        (
            "Liens entre groupes",
            french_count(b.cross_group_edges as usize),
            french_count(a.cross_group_edges as usize),
        ),
        (
            "Composantes",
            french_count(b.components),
            french_count(a.components),
        ),
        (
            "Acteurs isolés",
            french_count(b.isolated_actors),
            french_count(a.isolated_actors),
        ),
    ];
    let before_col = format!("Au {}", french_date(b.date));
    let after_col = format!("Au {}", french_date(a.date));
    write_table(
        out,
        &[
            text_col("Indicateur"),
            num_col(&before_col),
            num_col(&after_col),
        ],
        figures
            .into_iter()
            .map(|(label, x, y)| Row::from(vec![escape(label), x, y])),
    );
    let c = &e.comparison;
    out.push_str(&note(&escape(&format!(
        "{} créés, dont {} entre groupes ; {} perdus, dont {} entre groupes.",
        count_of(c.gained.len(), "lien", "liens"),
        french_count(c.gained_cross_group),
        french_count(c.lost.len()),
        french_count(c.lost_cross_group),
    ))));
    let kind_label = |k: crate::model::RelationKind| {
        t.taxonomy
            .relation_kinds
            .get(k.as_str())
            .map_or(k.as_str().to_owned(), |l| l.label.clone())
    };
    let kinds = crate::model::RelationKind::ALL.iter().filter_map(|&k| {
        let count = |list: &[(crate::model::RelationKind, usize)]| {
            list.iter().find(|(x, _)| *x == k).map_or(0, |(_, n)| *n)
        };
        let (gained, lost) = (count(&e.gained_by_kind), count(&e.lost_by_kind));
        (gained + lost > 0).then(|| {
            Row::from(vec![
                escape(&kind_label(k)),
                french_count(gained),
                french_count(lost),
            ])
        })
    });
    write_table(
        out,
        &[
            text_col("Nature des liens"),
            num_col("Créés"),
            num_col("Perdus"),
        ],
        kinds,
    );
    let changed: Vec<_> = e
        .dispositif_pairs
        .iter()
        .filter(|p| p.before != p.after)
        .collect();
    let articulated_now = e.dispositif_pairs.iter().filter(|p| p.after).count();
    let articulated_then = e.dispositif_pairs.iter().filter(|p| p.before).count();
    out.push_str(&note(&escape(&format!(
        "Dispositifs articulés deux à deux : {} alors, {} aujourd’hui.",
        count_of(articulated_then, "paire", "paires"),
        count_of(articulated_now, "paire", "paires")
    ))));
    if !changed.is_empty() {
        write_table(
            out,
            &[
                text_col("Dispositifs"),
                text_col("Alors"),
                text_col("Aujourd’hui"),
            ],
            changed.iter().map(|p| {
                Row::from(vec![
                    format!("{} – {}", ctx.actor_html(&p.a), ctx.actor_html(&p.b)),
                    if p.before {
                        "articulés"
                    } else {
                        "non articulés"
                    }
                    .to_owned(),
                    if p.after {
                        "articulés"
                    } else {
                        "non articulés"
                    }
                    .to_owned(),
                ])
            }),
        );
    }
    let mut lines: Vec<String> = Vec::new();
    if !e.cut_points_appeared.is_empty() {
        lines.push(format!(
            "Nouveaux points fragiles (leur départ couperait le réseau) : {}.",
            ctx.actors_html(&e.cut_points_appeared)
        ));
    }
    if !e.cut_points_gone.is_empty() {
        lines.push(format!(
            "Points qui ne sont plus fragiles : {}.",
            ctx.actors_html(&e.cut_points_gone)
        ));
    }
    lines.push(escape(&format!(
        "Liens-ponts : {} apparus, {} disparus.",
        french_count(e.bridges_appeared.len()),
        french_count(e.bridges_gone.len())
    )));
    let action_names = |ids: &[String]| {
        ids.iter()
            .map(|id| {
                t.actions
                    .iter()
                    .find(|a| &a.id == id)
                    .map_or(id.clone(), |a| a.name.clone())
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    if !e.actions_started.is_empty() {
        lines.push(escape(&format!(
            "Actions communes commencées : {}.",
            action_names(&e.actions_started)
        )));
    }
    if !e.actions_ended.is_empty() {
        lines.push(escape(&format!(
            "Actions communes terminées : {}.",
            action_names(&e.actions_ended)
        )));
    }
    for line in lines {
        out.push_str(&note(&line));
    }
    let Some(then) = &ctx.diagnosis.needs_since else {
        return;
    };
    let needs: Vec<Row> = then
        .iter()
        .zip(&ctx.diagnosis.gaps.needs)
        .filter(|(x, y)| x.status != y.status)
        .map(|(x, y)| {
            Row::from(vec![
                escape(&y.zone_name),
                escape(&y.theme),
                escape(need_status(x.status)),
                escape(need_status(y.status)),
            ])
        })
        .collect();
    if needs.is_empty() {
        out.push_str(&note(&escape("Aucun besoin n’a changé de situation.")));
    } else {
        write_table(
            out,
            &[
                text_col("Zone"),
                text_col("Besoin"),
                text_col(&before_col),
                text_col(&after_col),
            ],
            needs,
        );
    }
}
