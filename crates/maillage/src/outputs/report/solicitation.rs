//! The section that reads the solicitation load of the diagnosis (docs/analyses.md §5):
//! the partners asked into the most dispositifs, working groups, instances and joint
//! actions, the "risque de sur-sollicitation des partenaires" coordinators name.

use super::html::{capitalise, note, num_col, text_col, write_table, Page, Row};
use super::text::{count_of, escape, french_count};
use super::{Context, Section};

/// How many of the over-solicited actors the table shows, most solicited first; the
/// others are in `solicitation.csv`.
pub const SOLICITED_SHOWN: usize = 30;

/// "Sur-sollicitation des partenaires": the actors whose solicitation reaches the
/// manifest's threshold, with its parts.
pub(crate) fn solicitation<'c>(ctx: &'c Context<'_>) -> Option<Section<'c>> {
    Some(Section::written(
        "sollicitation",
        "Sur-sollicitation des partenaires",
        ctx,
        write_solicitation,
    ))
}

/// The body of "Sur-sollicitation des partenaires", an actor at a time.
fn write_solicitation(ctx: &Context<'_>, out: &mut Page<'_>) {
    let load = &ctx.diagnosis.solicitation;
    let most = &load.most_solicited;
    let threshold = load.threshold as usize;
    let mut intro = "Pour chaque acteur, ce à quoi il est associé à la date d’observation : les dispositifs dont il est membre ou où il siège, les groupes de travail, les autres instances (comités d’un hôpital, d’une commune), les actions communes qu’il pilote et celles auxquelles il participe comme partenaire ou financeur ; chaque instance et chaque action compte une fois. ".to_owned();
    let sollicitations = count_of(threshold, "sollicitation", "sollicitations");
    if most.is_empty() {
        intro.push_str(&format!(
            "Aucun acteur n’atteint le seuil de {sollicitations} à la fois (solicitation_threshold dans le manifeste)."
        ));
    } else {
        intro.push_str(&format!(
            "{} au moins {sollicitations} à la fois (seuil fixé par solicitation_threshold dans le manifeste) : {}",
            capitalise(&count_of(most.len(), "acteur cumule", "acteurs cumulent")),
            if most.len() == 1 {
                "sollicité partout, il risque de s’épuiser ; d’autres partenaires peuvent prendre le relais."
            } else {
                "sollicités partout, ils risquent de s’épuiser ; d’autres partenaires peuvent prendre le relais."
            }
        ));
    }
    out.push_str(&note(&escape(&intro)));
    if most.is_empty() {
        return;
    }
    if most.len() > SOLICITED_SHOWN {
        out.push_str(&note(&escape(&format!(
            "Les {SOLICITED_SHOWN} plus sollicités sont ci-dessous ; les {} autres sont dans le tableau solicitation.csv.",
            french_count(most.len() - SOLICITED_SHOWN)
        ))));
    }
    let rows = most
        .iter()
        .take(SOLICITED_SHOWN)
        .filter_map(|id| ctx.territory.actor_by_id(id))
        .map(|ix| {
            let actor = ctx.territory.actor(ix);
            let a = &load.actors[ix.index()];
            let p = &a.parts;
            Row::from(vec![
                ctx.actor_name_html(&a.id),
                escape(ctx.kind_label(&actor.kind)),
                french_count(p.dispositifs as usize),
                french_count(p.working_groups as usize),
                french_count(p.other_instances as usize),
                french_count(p.actions_led as usize),
                french_count(p.actions_joined as usize),
                format!("<strong>{}</strong>", french_count(a.solicitation as usize)),
            ])
        });
    write_table(
        out,
        &[
            text_col("Acteur"),
            text_col("Type"),
            num_col("Dispositifs"),
            num_col("Groupes de travail"),
            num_col("Autres instances"),
            num_col("Actions pilotées"),
            num_col("Actions rejointes"),
            num_col("Sollicitations"),
        ],
        rows,
    );
}
