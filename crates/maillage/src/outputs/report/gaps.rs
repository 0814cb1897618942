//! The sections that read the coverage and gap results of the diagnosis: zones lacking
//! a required service, needs and what answers them, suggested links, groups and actors
//! without ties, and priority zones against the others (docs/analyses.md §2–3).

use super::html::{capitalise, note, num_col, table, text_col, write_table, Page, Row};
use super::text::{count_of, escape, french_count, french_number};
use super::{Context, Section};
use crate::gaps::{NeedStatus, ServiceGapKind};

/// "Services manquants": zones without a required kind, absent or out of reach.
pub(crate) fn service_gaps<'c>(ctx: &'c Context<'_>) -> Option<Section<'c>> {
    (!ctx.territory.analysis.required.is_empty()).then(|| {
        Section::written(
            "services",
            "Services manquants par zone",
            ctx,
            write_service_gaps,
        )
    })
}

/// The body of "Services manquants par zone", a gap at a time.
fn write_service_gaps(ctx: &Context<'_>, out: &mut Page<'_>) {
    let gaps = &ctx.diagnosis.gaps.service;
    let catchment = french_number(ctx.diagnosis.coverage.catchment_m, 0);
    let required: Vec<&str> = ctx
        .territory
        .analysis
        .required
        .iter()
        .map(|k| ctx.kind_label(k))
        .collect();
    let out_of_reach = gaps
        .iter()
        .filter(|g| g.gap == ServiceGapKind::OutOfReach)
        .count();
    out.push_str(&note(&escape(&format!(
        "Types requis dans chaque zone : {}. {} sans l’un d’eux, dont {} à plus de {catchment} m du plus proche.",
        required.join(", "),
        capitalise(&count_of(gaps.len(), "manque", "manques")),
        french_count(out_of_reach),
    ))));
    if gaps.is_empty() {
        return;
    }
    let mut sorted: Vec<_> = gaps.iter().enumerate().collect();
    // Out of reach first, then priority zones, then file order.
    sorted.sort_by_key(|(i, g)| (g.gap != ServiceGapKind::OutOfReach, !g.priority, *i));
    let rows = sorted.into_iter().map(|(_, g)| Row {
        cells: vec![
            escape(&g.zone_name),
            escape(ctx.kind_label(&g.kind)),
            match g.gap {
                ServiceGapKind::OutOfReach => {
                    format!("<strong>hors de portée</strong> (plus de {catchment} m)")
                }
                ServiceGapKind::AbsentInZone => {
                    format!("absent de la zone, présent à moins de {catchment} m")
                }
            },
            g.nearest_m.map_or_else(
                || "aucun".to_owned(),
                |m| format!("{} m", french_number(m, 0)),
            ),
            french_number(g.population, 0),
            if g.priority { "oui" } else { "" }.to_owned(),
        ],
        class: if g.priority { "prioritaire" } else { "" },
    });
    write_table(
        out,
        &[
            text_col("Zone"),
            text_col("Type manquant"),
            text_col("Situation"),
            num_col("Le plus proche"),
            num_col("Population"),
            text_col("Prioritaire"),
        ],
        rows,
    );
}

/// "Besoins": each need of the local diagnosis and what answers it.
pub(crate) fn needs<'c>(ctx: &'c Context<'_>) -> Option<Section<'c>> {
    (!ctx.diagnosis.gaps.needs.is_empty())
        .then(|| Section::written("besoins", "Besoins et réponses", ctx, write_needs))
}

/// The body of "Besoins et réponses", a need at a time.
fn write_needs(ctx: &Context<'_>, out: &mut Page<'_>) {
    let needs = &ctx.diagnosis.gaps.needs;
    let uncovered = needs
        .iter()
        .filter(|n| n.status == NeedStatus::Uncovered)
        .count();
    let without_action = needs
        .iter()
        .filter(|n| n.status == NeedStatus::NoJointAction)
        .count();
    out.push_str(&note(&escape(&format!(
        "{} relevés par le diagnostic local : {} sans aucun acteur ni action sur le thème, {} avec des acteurs mais sans action commune.",
        capitalise(&count_of(needs.len(), "besoin", "besoins")),
        french_count(uncovered),
        french_count(without_action)
    ))));
    let raised = needs.iter().filter(|n| n.raised).count();
    if raised > 0 {
        out.push_str(&note(&escape(&format!(
            "Dont {} levé{} d’un indicateur de zone par une règle du manifeste ([[needs_from_indicators]]) : la source dit l’indicateur et le seuil ; un besoin écrit dans needs.csv pour la même zone et le même thème l’emporte.",
            french_count(raised),
            if raised > 1 { "s" } else { "" }
        ))));
    }
    let mut sorted: Vec<_> = needs.iter().enumerate().collect();
    sorted.sort_by_key(|(i, n)| (n.status, std::cmp::Reverse(n.level), *i));
    let action_names = ctx.action_names();
    let rows = sorted.into_iter().map(|(_, n)| {
        Row::from(vec![
            escape(&n.zone_name),
            escape(&n.theme),
            format!(
                "{}{}",
                n.level,
                match n.level {
                    1 => " (veille)",
                    3 => " (prioritaire)",
                    _ => "",
                }
            ),
            match n.status {
                NeedStatus::Uncovered => "<strong>non couvert</strong>".to_owned(),
                NeedStatus::NoJointAction => "des acteurs, pas d’action commune".to_owned(),
                NeedStatus::Covered => "couvert par une action".to_owned(),
            },
            if n.actors.is_empty() {
                "—".to_owned()
            } else {
                ctx.actors_html(&n.actors)
            },
            action_names(&n.actions).unwrap_or_else(|| "—".to_owned()),
            n.source.as_deref().map_or_else(String::new, escape),
        ])
    });
    write_table(
        out,
        &[
            text_col("Zone"),
            text_col("Thème"),
            text_col("Niveau"),
            text_col("Situation"),
            text_col("Acteurs sur le thème"),
            text_col("Actions"),
            text_col("Source"),
        ],
        rows,
    );
}

/// "Liens à créer": the suggested links, best first, with their reasons.
pub(crate) fn suggested_links<'c>(ctx: &'c Context<'_>) -> Option<Section<'c>> {
    let links = &ctx.diagnosis.gaps.suggested_links;
    if links.is_empty() {
        return None;
    }
    let group = ctx.partition_label();
    let mut body = note(&escape(&format!(
        "Des paires d’acteurs de {group}s différents, sans relation aujourd’hui, qui partagent un thème et un lieu (proches l’un de l’autre ou desservant une même zone) ; classées par thèmes et partenaires en commun."
    )));
    let rows = links.iter().enumerate().map(|(i, l)| {
        let mut reasons = Vec::new();
        if let Some(m) = l.distance_m {
            reasons.push(format!("à {} m", french_number(m, 0)));
        }
        if !l.common_zones.is_empty() {
            reasons.push(count_of(
                l.common_zones.len(),
                "zone desservie en commun",
                "zones desservies en commun",
            ));
        }
        Row::from(vec![
            (i + 1).to_string(),
            ctx.actor_html(&l.a),
            ctx.actor_html(&l.b),
            escape(&format!(
                "{} / {}",
                ctx.group_label(&l.group_a),
                ctx.group_label(&l.group_b)
            )),
            escape(&l.shared_themes.join(", ")),
            if l.common_neighbours.is_empty() {
                "—".to_owned()
            } else {
                ctx.actors_html(&l.common_neighbours)
            },
            escape(&reasons.join(", ")),
            french_number(l.score, 2),
        ])
    });
    body.push_str(&table(
        &[
            num_col("n°"),
            text_col("Acteur"),
            text_col("Acteur"),
            text_col(&capitalise(&format!("{group}s"))),
            text_col("Thèmes communs"),
            text_col("Partenaires communs"),
            text_col("Proximité"),
            num_col("Score"),
        ],
        rows,
    ));
    Some(Section {
        id: "suggestions",
        title: "Liens à créer".to_owned(),
        body: body.into(),
    })
}

/// "Cloisons et isolements": pairs of groups with no tie, and actors with none.
pub(crate) fn network_gaps<'c>(ctx: &'c Context<'_>) -> Option<Section<'c>> {
    let g = &ctx.diagnosis.gaps;
    if g.groups.is_empty() && g.isolated_actors.is_empty() {
        return None;
    }
    let group = ctx.partition_label();
    let mut body = String::new();
    body.push_str(&format!(
        "<h3>{}</h3>\n",
        escape(&format!(
            "{}s sans aucun lien entre eux",
            capitalise(&group)
        ))
    ));
    if g.groups.is_empty() {
        body.push_str(&note(&escape(&format!(
            "Chaque {group} a au moins un lien avec chacun des autres."
        ))));
    } else {
        body.push_str("<ul>\n");
        for p in &g.groups {
            body.push_str(&format!(
                "<li>{} ({}) et {} ({})</li>\n",
                escape(ctx.group_label(&p.a)),
                escape(&count_of(p.actors_a, "acteur", "acteurs")),
                escape(ctx.group_label(&p.b)),
                escape(&count_of(p.actors_b, "acteur", "acteurs"))
            ));
        }
        body.push_str("</ul>\n");
    }
    body.push_str("<h3>Acteurs isolés</h3>\n");
    if g.isolated_actors.is_empty() {
        body.push_str(&note("Aucun acteur n’est isolé."));
    } else {
        let ids: Vec<String> = g.isolated_actors.iter().map(|a| a.id.clone()).collect();
        body.push_str(&format!(
            "<p>{} sans aucune relation à la date d’observation : {}.</p>\n",
            escape(&capitalise(&count_of(ids.len(), "acteur", "acteurs"))),
            ctx.actors_html(&ids)
        ));
    }
    Some(Section {
        id: "cloisons",
        title: "Cloisons et isolements".to_owned(),
        body: body.into(),
    })
}

/// A French label of an indicator of the priority comparison (`access[k]`...), its
/// decimals and its place in the table (indicator family, then kind in manifest order
/// or sector in taxonomy order); `None` for those the report leaves out (counts and
/// densities of kinds that are not required).
fn comparison_label(ctx: &Context<'_>, indicator: &str) -> Option<(String, usize, (usize, usize))> {
    match indicator {
        "actors" => return Some(("Acteurs localisés".to_owned(), 1, (0, 0))),
        "overlap" => return Some(("Dispositifs qui desservent la zone".to_owned(), 1, (7, 0))),
        "actions" => return Some(("Actions menées dans la zone".to_owned(), 1, (8, 0))),
        _ => {}
    }
    let (name, arg) = indicator.strip_suffix(']')?.split_once('[')?;
    let required = ctx
        .territory
        .analysis
        .required
        .iter()
        .position(|k| k == arg);
    let kind = || ctx.kind_label(arg);
    let rank = required.unwrap_or(usize::MAX);
    match name {
        "count" => required.map(|r| (format!("Nombre : {}", kind()), 1, (1, r))),
        "count_sector" => Some((
            format!("Acteurs du secteur : {}", ctx.sector_label(arg)),
            1,
            (
                2,
                ctx.territory
                    .taxonomy
                    .sectors
                    .get_index_of(arg)
                    .unwrap_or(usize::MAX),
            ),
        )),
        "density" => {
            required.map(|r| (format!("Densité pour 10 000 hab. : {}", kind()), 1, (3, r)))
        }
        "access" => Some((
            format!("Accès (2SFCA) pour 10 000 hab. : {}", kind()),
            1,
            (4, rank),
        )),
        "access_accepting" => Some((
            format!("Accès, acceptant de nouveaux patients : {}", kind()),
            1,
            (5, rank),
        )),
        "nearest_m" => Some((
            format!("Distance au plus proche (m) : {}", kind()),
            0,
            (6, rank),
        )),
        _ => None,
    }
}

/// "Zones prioritaires et autres zones": population-weighted means of the indicators.
pub(crate) fn priority_comparison<'c>(ctx: &'c Context<'_>) -> Option<Section<'c>> {
    let c = &ctx.diagnosis.coverage.comparison;
    if c.priority_zones == 0 || c.other_zones == 0 {
        return None;
    }
    let mut body = note(&escape(&format!(
        "Zones prioritaires : {} ({} habitants) ; autres zones : {} ({} habitants). Chaque valeur est la moyenne des zones, pondérée par leur population. Rapport : valeur des zones prioritaires divisée par celle des autres (au-dessus de 1, les zones prioritaires sont mieux pourvues, sauf pour les distances).",
        french_count(c.priority_zones),
        french_number(c.priority_population, 0),
        french_count(c.other_zones),
        french_number(c.other_population, 0),
    )));
    let mut rows: Vec<((usize, usize, usize), Row)> = c
        .indicators
        .iter()
        .enumerate()
        .filter_map(|(position, i)| {
            let (label, decimals, key) = comparison_label(ctx, &i.indicator)?;
            let value =
                |v: Option<f64>| v.map_or_else(|| "—".to_owned(), |v| french_number(v, decimals));
            let ratio = match (i.priority, i.other) {
                (Some(p), Some(o)) if o != 0.0 => french_number(p / o, 2),
                _ => "—".to_owned(),
            };
            Some((
                (key.0, key.1, position),
                Row::from(vec![
                    escape(&label),
                    value(i.priority),
                    value(i.other),
                    ratio,
                ]),
            ))
        })
        .collect();
    rows.sort_by_key(|(key, _)| *key);
    body.push_str(&table(
        &[
            text_col("Indicateur"),
            num_col("Zones prioritaires"),
            num_col("Autres zones"),
            num_col("Rapport"),
        ],
        rows.into_iter().map(|(_, row)| row),
    ));
    Some(Section {
        id: "prioritaires",
        title: "Zones prioritaires et autres zones".to_owned(),
        body: body.into(),
    })
}

/// How many zone absences the report lists; the others are in `gaps.csv`.
pub const ABSENCES_SHOWN: usize = 30;

/// "Secteurs et familles absents": what the territory holds nothing of, and where a
/// zone lacks what its population usually has (docs/analyses.md §5).
pub(crate) fn absent_groups<'c>(ctx: &'c Context<'_>) -> Option<Section<'c>> {
    (!ctx.diagnosis.gaps.absent.is_empty()).then(|| {
        Section::written(
            "absents",
            "Secteurs et familles absents",
            ctx,
            write_absent_groups,
        )
    })
}

fn write_absent_groups(ctx: &Context<'_>, out: &mut Page<'_>) {
    use crate::gaps::{Scope, FLAGGED_FROM_EXPECTED};
    let absent = &ctx.diagnosis.gaps.absent;
    out.push_str(&note(&escape(&format!(
        "Ce dont le territoire n’a aucun acteur, rapporté à ce qu’un territoire de sa population compte d’habitude : densités nationales sourcées (professionnels libéraux conventionnés, arrêté du 3 août 2011 ; établissements de santé, SAE 2023 de la DREES) et attentes du manifeste ([expected]). Une absence est signalée quand au moins {} acteurs seraient attendus (une place de cette population n’en aurait aucun moins d’une fois sur vingt) ou quand le manifeste en demande.",
        french_number(FLAGGED_FROM_EXPECTED, 0)
    ))));
    let expected = |e: Option<f64>| e.map_or_else(|| "—".to_owned(), |e| french_number(e, 1));
    let rows = absent
        .iter()
        .filter(|a| a.scope == Scope::Territory)
        .map(|a| Row {
            cells: vec![
                escape(&a.missing.label(ctx.territory)),
                expected(a.expected),
                if a.flagged {
                    "<strong>oui</strong>"
                } else {
                    ""
                }
                .to_owned(),
            ],
            class: "",
        });
    out.push_str(&format!(
        "<h3>{}</h3>",
        escape("Sur l’ensemble du territoire")
    ));
    write_table(
        out,
        &[
            text_col("Aucun acteur"),
            num_col("Attendus"),
            text_col("Signalé"),
        ],
        rows,
    );
    let zones: Vec<_> = absent
        .iter()
        .filter(|a| a.scope != Scope::Territory)
        .collect();
    if zones.is_empty() {
        return;
    }
    out.push_str(&format!("<h3>{}</h3>", escape("Par zone")));
    if zones.len() > ABSENCES_SHOWN {
        out.push_str(&note(&escape(&format!(
            "Les {ABSENCES_SHOWN} premières sont ci-dessous ; les {} autres sont dans le tableau gaps.csv (type absent).",
            french_count(zones.len() - ABSENCES_SHOWN)
        ))));
    }
    let rows = zones.iter().take(ABSENCES_SHOWN).map(|a| Row {
        cells: vec![
            escape(&a.zone_name),
            escape(&a.missing.label(ctx.territory)),
            expected(a.expected),
        ],
        class: "",
    });
    write_table(
        out,
        &[
            text_col("Zone"),
            text_col("Aucun acteur"),
            num_col("Attendus"),
        ],
        rows,
    );
}
