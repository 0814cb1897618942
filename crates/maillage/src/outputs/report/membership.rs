//! The section that reads each dispositif's reach (docs/analyses.md §5): of the actors
//! of the territory it serves, how many are its members, by kind, and whom to invite,
//! the "Comment impliquer les professionnels de santé ?" of the coordinators.

use super::html::{capitalise, note, num_col, text_col, write_table, Page, Row};
use super::text::{count_of, escape, french_count, french_date, french_percent};
use super::{Context, Section};
use crate::gaps::Membership;

/// How many non-members are named per dispositif; the others are in `non_members.csv`.
pub const NON_MEMBERS_NAMED: usize = 20;

/// "Adhésion aux dispositifs": for each dispositif with actors in its territory, its
/// reach by kind and the structures it has not reached yet.
pub(crate) fn membership<'c>(ctx: &'c Context<'_>) -> Option<Section<'c>> {
    if !ctx
        .diagnosis
        .dispositif_reach
        .iter()
        .any(|m| !m.eligible.is_empty())
    {
        return None;
    }
    Some(Section::written(
        "adhesion",
        "Adhésion aux dispositifs",
        ctx,
        write_membership,
    ))
}

fn write_membership(ctx: &Context<'_>, out: &mut Page<'_>) {
    out.push_str(&note(&escape(
        "Pour chaque dispositif, les acteurs situés dans les zones qu’il couvre (tout le territoire quand il n’en nomme pas), hors dispositifs et groupes de travail : combien en sont membres directement (relation « membre » ou « instance »), combien le sont par une structure membre (les professionnels d’une MSP adhérente), et qui reste à inviter.",
    )));
    let since = ctx.diagnosis.since;
    let mut reach: Vec<&Membership> = ctx
        .diagnosis
        .dispositif_reach
        .iter()
        .filter(|m| !m.eligible.is_empty())
        .collect();
    if ctx.national() && reach.len() > NATIONAL_DETAILED {
        // one table of all, the largest first, then the detail of the largest
        reach.sort_by_key(|m| std::cmp::Reverse(m.eligible.len()));
        write_summary(ctx, &reach, out);
        out.push_str(&note(&escape(&format!(
            "Au-delà de {} acteurs, le détail par type n’est donné que pour les {} dispositifs aux territoires les plus peuplés d’acteurs ; membership.csv et non_members.csv donnent celui de chacun des {}.",
            french_count(super::NATIONAL_FROM_ACTORS),
            NATIONAL_DETAILED,
            french_count(reach.len())
        ))));
        reach.truncate(NATIONAL_DETAILED);
    }
    for m in reach {
        write_dispositif(ctx, m, since, out);
    }
}

/// The dispositifs detailed in a report at national size.
const NATIONAL_DETAILED: usize = 10;

/// One row per dispositif: its actors, its members and its rate.
fn write_summary(ctx: &Context<'_>, reach: &[&Membership], out: &mut Page<'_>) {
    let t = ctx.territory;
    let rows = reach.iter().map(|m| {
        let reached = m.direct.len() + m.through_structures.len();
        Row::from(vec![
            escape(&t.actor(m.dispositif).name),
            french_count(m.eligible.len()),
            french_count(m.direct.len()),
            french_count(m.through_structures.len()),
            french_count(reached),
            m.rate().map_or_else(String::new, |r| french_percent(r, 0)),
        ])
    });
    write_table(
        out,
        &[
            text_col("Dispositif"),
            num_col("Acteurs du territoire"),
            num_col("Membres directs"),
            num_col("Par une structure"),
            num_col("Membres"),
            num_col("Taux"),
        ],
        rows,
    );
}

fn write_dispositif(
    ctx: &Context<'_>,
    m: &Membership,
    since: Option<crate::model::Date>,
    out: &mut Page<'_>,
) {
    let t = ctx.territory;
    let d = t.actor(m.dispositif);
    let reached = m.direct.len() + m.through_structures.len();
    out.push_str(&format!("<h3>{}</h3>", escape(&d.name)));
    let mut intro = format!(
        "{} dans son territoire ; {} membres, soit {} : {} directement, {} par une structure membre.",
        capitalise(&count_of(m.eligible.len(), "acteur", "acteurs")),
        french_count(reached),
        m.rate().map_or_else(String::new, |r| french_percent(r, 1)),
        french_count(m.direct.len()),
        french_count(m.through_structures.len()),
    );
    if let (Some(then), Some(date)) = (&m.reached_since, since) {
        intro.push_str(&format!(
            " Au {} : {} membres.",
            french_date(date),
            french_count(then.len())
        ));
    }
    if m.members_outside > 0 {
        intro.push_str(&format!(
            " {} hors de son territoire ou sans adresse.",
            capitalise(&count_of(
                m.members_outside,
                "membre est situé",
                "membres sont situés"
            ))
        ));
    }
    out.push_str(&note(&escape(&intro)));
    let by_kind = m.breakdown(|a| Some(t.actor(a).kind.clone()));
    let rows = t.taxonomy.kinds.keys().filter_map(|kind| {
        let g = by_kind.iter().find(|g| &g.group == kind)?;
        let mut cells = vec![
            escape(ctx.kind_label(kind)),
            french_count(g.eligible),
            french_count(g.direct),
            french_count(g.reached),
            g.rate().map_or_else(String::new, |r| french_percent(r, 0)),
        ];
        if let Some(n) = g.reached_since {
            cells.push(french_count(n));
        }
        Some(Row::from(cells))
    });
    let since_header = since.map(|d| format!("Membres au {}", french_date(d)));
    let mut columns = vec![
        text_col("Type"),
        num_col("Acteurs du territoire"),
        num_col("Membres directs"),
        num_col("Membres"),
        num_col("Taux"),
    ];
    if let Some(h) = &since_header {
        columns.push(num_col(h));
    }
    write_table(out, &columns, rows);
    let invite = m.non_members();
    let (individuals, others): (Vec<_>, Vec<_>) =
        invite.iter().partition(|&&a| t.actor(a).is_individual());
    if invite.is_empty() {
        return;
    }
    let mut text = String::from("À inviter : ");
    let shown: Vec<String> = others
        .iter()
        .chain(individuals.iter().filter(|&&&a| ctx.shows(t.actor(a))))
        .take(NON_MEMBERS_NAMED)
        .map(|&&a| {
            let actor = t.actor(a);
            format!("{} ({})", actor.name, ctx.kind_label(&actor.kind))
        })
        .collect();
    text.push_str(&shown.join(", "));
    let named = shown.len();
    let hidden = individuals
        .iter()
        .filter(|&&&a| !ctx.shows(t.actor(a)))
        .count();
    let more = invite.len() - named - hidden;
    if more > 0 {
        text.push_str(&format!(
            "{}et {} de plus (non_members.csv)",
            if named > 0 { ", " } else { "" },
            french_count(more)
        ));
    }
    if hidden > 0 {
        text.push_str(&format!(
            "{}{} non nommés",
            if named + more > 0 { " ; " } else { "" },
            count_of(hidden, "professionnel", "professionnels")
        ));
    }
    text.push('.');
    out.push_str(&note(&escape(&text)));
}
