//! The sections of the report that read the network figures and the zone counts: key
//! figures, who holds the network together, cloisonnement between groups, articulation
//! points, key players, articulation between dispositifs, the zone table, and the
//! method notes.

use super::html::{
    capitalise, note, num_col, table, text_col, write_table, yes_no_label, Page, Row,
};
use super::text::{count_of, escape, french_count, french_number, french_percent};
use super::{Context, Section, HOLDERS};
use crate::model::RelationKind;

/// One key-figure card: value, label and a line of explanation (all plain text).
fn card(value: &str, label: &str, help: &str, alert: bool) -> String {
    format!(
        "<div class=\"chiffre{}\"><span class=\"valeur\">{}</span><span class=\"libelle\">{}</span><span class=\"aide\">{}</span></div>\n",
        if alert { " alerte" } else { "" },
        escape(value),
        escape(label),
        escape(help)
    )
}

/// An E-I index, or "non calculable".
fn ei(x: Option<f64>) -> String {
    x.map_or_else(|| "non calculable".to_owned(), |v| french_number(v, 2))
}

/// "Chiffres clés": actors, located actors, valid relations, ties, density, components,
/// share of the largest, isolated actors, global E-I index, modularity.
pub(crate) fn key_figures<'c>(ctx: &'c Context<'_>) -> Option<Section<'c>> {
    let s = &ctx.diagnosis.summary;
    let n = &ctx.diagnosis.network;
    let mut body = String::from("<div class=\"chiffres\">\n");
    body.push_str(&card(
        &french_count(s.actors),
        "acteurs",
        &format!(
            "dont {} dispositifs de coordination et {} professionnel·les",
            french_count(
                ctx.territory
                    .actors
                    .iter()
                    .filter(|a| a.is_dispositif())
                    .count()
            ),
            french_count(
                ctx.territory
                    .actors
                    .iter()
                    .filter(|a| a.is_individual())
                    .count()
            )
        ),
        false,
    ));
    body.push_str(&card(
        &french_count(s.located_actors),
        "acteurs localisés",
        &format!(
            "{} des acteurs ont une adresse sur la carte",
            french_percent(ratio(s.located_actors, s.actors), 0)
        ),
        false,
    ));
    body.push_str(&card(
        &french_count(s.relations),
        "relations valides",
        &format!(
            "à la date d’observation, sur {} déclarées",
            french_count(s.relations_total)
        ),
        false,
    ));
    body.push_str(&card(
        &french_count(s.edges),
        "liens",
        "paires d’acteurs en relation, quel que soit le type de relation",
        false,
    ));
    body.push_str(&card(
        &french_percent(s.density, 1),
        "densité",
        "part des paires d’acteurs possibles qui sont en lien",
        false,
    ));
    body.push_str(&card(
        &french_count(s.components),
        "composantes",
        "ensembles d’acteurs reliés entre eux, acteurs isolés compris",
        false,
    ));
    body.push_str(&card(
        &french_percent(s.largest_component_share, 1),
        "part de la plus grande",
        &format!(
            "{} acteurs peuvent se joindre par des liens successifs",
            french_count(s.largest_component)
        ),
        false,
    ));
    body.push_str(&card(
        &french_count(s.isolated_actors),
        "acteurs isolés",
        "aucune relation déclarée à la date d’observation",
        s.isolated_actors > 0,
    ));
    body.push_str(&card(
        &ei(n.ei_index),
        &format!("indice E-I global par {}", ctx.partition_label()),
        "de −1 (liens tous internes aux groupes) à +1 (tous entre groupes différents)",
        n.ei_index.is_some_and(|e| e < 0.0),
    ));
    body.push_str(&card(
        &french_number(n.modularity, 2),
        "modularité",
        &format!(
            "{} détectées (Louvain) ; au-delà de 0,3, le réseau est fait de sous-réseaux marqués",
            count_of(n.communities.len(), "communauté", "communautés")
        ),
        false,
    ));
    body.push_str("</div>\n");
    Some(Section {
        id: "chiffres",
        title: "Chiffres clés".to_owned(),
        body: body.into(),
    })
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// "Les acteurs qui tiennent le réseau": the actors of highest betweenness, numbered as
/// on the network diagram.
pub(crate) fn holders<'c>(ctx: &'c Context<'_>) -> Option<Section<'c>> {
    let holders = ctx.holders();
    if holders.is_empty() {
        return None;
    }
    let rows = holders.iter().enumerate().map(|(i, (a, m))| {
        Row::from(vec![
            (i + 1).to_string(),
            escape(&a.name),
            escape(ctx.kind_label(&a.kind)),
            escape(ctx.sector_label(&a.sector)),
            french_count(m.degree),
            french_number(m.betweenness, 3),
            if m.articulation_point {
                format!("oui ({})", count_of(m.fragility, "acteur", "acteurs"))
            } else {
                "non".to_owned()
            },
        ])
    });
    let mut body = note(&escape(&format!(
        "Les {HOLDERS} acteurs{} par lesquels passent le plus de chemins courts entre les autres (intermédiarité) : ils mettent en relation des acteurs qui, sans eux, seraient loin les uns des autres. Les numéros sont ceux du schéma du réseau.",
        if ctx.options.include_individuals {
            ""
        } else {
            " (hors professionnel·les)"
        }
    )));
    body.push_str(&table(
        &[
            num_col("n°"),
            text_col("Acteur"),
            text_col("Type"),
            text_col("Secteur"),
            num_col("Partenaires directs"),
            num_col("Intermédiarité"),
            text_col("Point d’articulation (acteurs coupés s’il partait)"),
        ],
        rows,
    ));
    Some(Section {
        id: "piliers",
        title: "Les acteurs qui tiennent le réseau".to_owned(),
        body: body.into(),
    })
}

/// "Cloisonnement": each group's internal and external ties and E-I index.
pub(crate) fn sectors<'c>(ctx: &'c Context<'_>) -> Option<Section<'c>> {
    let n = &ctx.diagnosis.network;
    if n.groups.is_empty() {
        return None;
    }
    // Taxonomy order for sectors, names otherwise.
    let order = |g: &str| {
        ctx.territory
            .taxonomy
            .sectors
            .get_index_of(g)
            .unwrap_or(usize::MAX)
    };
    let mut groups: Vec<_> = n.groups.iter().collect();
    if n.partition == "sector" {
        groups.sort_by_key(|g| (order(&g.group), g.group.clone()));
    }
    let rows = groups.iter().map(|g| {
        Row::from(vec![
            escape(ctx.group_label(&g.group)),
            french_count(g.actors),
            french_count(g.internal_edges as usize),
            french_count(g.external_edges as usize),
            ei(g.ei_index),
        ])
    });
    let partition = ctx.partition_label();
    let mut body = note(&escape(&format!(
        "Pour chaque {partition} : les liens entre ses acteurs, les liens vers les autres, et l’indice E-I (liens externes − internes) / total. Un indice proche de −1 signale un {partition} qui travaille en vase clos ; proche de +1, un {partition} tourné vers les autres."
    )));
    body.push_str(&table(
        &[
            text_col(&capitalise(&partition)),
            num_col("Acteurs"),
            num_col("Liens internes"),
            num_col("Liens vers les autres"),
            num_col("Indice E-I"),
        ],
        rows,
    ));
    Some(Section {
        id: "cloisonnement",
        title: format!("Cloisonnement par {partition}"),
        body: body.into(),
    })
}

/// "Points d'articulation": actors whose departure would split the network, by how
/// many actors they would cut off.
pub(crate) fn articulation_points<'c>(ctx: &'c Context<'_>) -> Option<Section<'c>> {
    let n = &ctx.diagnosis.network;
    let mut points: Vec<(usize, usize)> = n
        .articulation_points
        .iter()
        .filter_map(|id| ctx.territory.actor_by_id(id))
        .map(|a| {
            let fragility = ctx
                .metrics(&ctx.territory.actor(a).id)
                .map_or(0, |m| m.fragility);
            (a.index(), fragility)
        })
        .collect();
    points.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(&y.0)));
    let intro = if points.is_empty() {
        "Aucun acteur n’est à lui seul indispensable à la cohésion du réseau : chaque départ laisserait les autres reliés.".to_owned()
    } else {
        format!(
            "{} : si l’un d’eux quittait le réseau, des acteurs perdraient tout lien avec le reste. Ce sont des fragilités à sécuriser (doubler le lien, partager le contact).",
            capitalise(&count_of(points.len(), "acteur est un point d’articulation", "acteurs sont des points d’articulation"))
        )
    };
    let mut body = note(&escape(&intro));
    if !points.is_empty() {
        let rows = points.iter().map(|&(i, fragility)| {
            let a = &ctx.territory.actors[i];
            Row::from(vec![
                ctx.actor_name_html(&a.id),
                escape(ctx.kind_label(&a.kind)),
                escape(ctx.sector_label(&a.sector)),
                french_count(fragility),
            ])
        });
        body.push_str(&table(
            &[
                text_col("Acteur"),
                text_col("Type"),
                text_col("Secteur"),
                num_col("Acteurs coupés du reste s’il partait"),
            ],
            rows,
        ));
    }
    Some(Section {
        id: "articulation",
        title: "Points d’articulation".to_owned(),
        body: body.into(),
    })
}

/// "Acteurs clés": the set whose joint departure would fragment the network most.
pub(crate) fn key_players<'c>(ctx: &'c Context<'_>) -> Option<Section<'c>> {
    let k = &ctx.diagnosis.network.key_players;
    if k.actors.is_empty() {
        return None;
    }
    let mut body = note(&escape(&format!(
        "Les {} dont le départ simultané fragmenterait le plus le réseau : la part des paires d’acteurs qui ne pourraient plus se joindre passerait de {} à {}.",
        count_of(k.actors.len(), "acteur", "acteurs"),
        french_percent(k.fragmentation_before, 1),
        french_percent(k.fragmentation_after, 1)
    )));
    let rows = k.actors.iter().map(|id| {
        let (kind, sector) =
            ctx.territory
                .actor_with_id(id)
                .map_or((String::new(), String::new()), |a| {
                    (
                        escape(ctx.kind_label(&a.kind)),
                        escape(ctx.sector_label(&a.sector)),
                    )
                });
        Row::from(vec![ctx.actor_name_html(id), kind, sector])
    });
    body.push_str(&table(
        &[text_col("Acteur"), text_col("Type"), text_col("Secteur")],
        rows,
    ));
    Some(Section {
        id: "acteurs-cles",
        title: "Acteurs clés".to_owned(),
        body: body.into(),
    })
}

/// The French labels of relation kinds, joined.
fn relation_labels(ctx: &Context<'_>, kinds: &[RelationKind]) -> String {
    if kinds.is_empty() {
        return "—".to_owned();
    }
    escape(
        &kinds
            .iter()
            .map(|k| {
                ctx.territory
                    .taxonomy
                    .relation_kinds
                    .get(k.as_str())
                    .map_or(k.as_str(), |l| l.label.as_str())
            })
            .collect::<Vec<_>>()
            .join(", "),
    )
}

/// "Articulation entre dispositifs": for each pair of dispositifs, what ties them.
pub(crate) fn dispositifs<'c>(ctx: &'c Context<'_>) -> Option<Section<'c>> {
    (!ctx.diagnosis.network.dispositifs.is_empty()).then(|| {
        Section::written(
            "dispositifs",
            "Articulation entre dispositifs",
            ctx,
            write_dispositifs,
        )
    })
}

/// The body of "Articulation entre dispositifs", a pair at a time.
fn write_dispositifs(ctx: &Context<'_>, out: &mut Page<'_>) {
    let pairs = &ctx.diagnosis.network.dispositifs;
    let action_names = ctx.action_names();
    let articulated = pairs.iter().filter(|p| p.articulated).count();
    let shared_themes = &ctx.diagnosis.shared_themes;
    let rows = pairs.iter().enumerate().map(|(i, p)| {
        let themes: Vec<&str> = shared_themes
            .get(i)
            .map(|s| s.themes.iter().map(|t| t.theme.as_str()).collect())
            .unwrap_or_default();
        Row::from(vec![
            format!("{}<br>↔ {}", ctx.actor_html(&p.a), ctx.actor_html(&p.b)),
            yes_no_label(p.articulated),
            relation_labels(ctx, &p.direct),
            format!(
                "<span class=\"liste\">{}</span>",
                ctx.actors_html(&p.shared_members)
            ),
            french_count(p.cross_ties.len()),
            action_names(&p.joint_actions).map_or_else(
                || "—".to_owned(),
                |names| format!("<span class=\"liste\">{names}</span>"),
            ),
            p.distance
                .map_or_else(|| "non reliés".to_owned(), |d| french_count(d as usize)),
            format!(
                "<span class=\"liste\">{}</span>",
                ctx.actors_html(&p.bridging_actors)
            ),
            if themes.is_empty() {
                "—".to_owned()
            } else {
                format!(
                    "<span class=\"liste\">{}</span>",
                    escape(&themes.join(", "))
                )
            },
        ])
    });
    out.push_str(&note(&escape(&format!(
        "{} de dispositifs sur {} {} : une relation directe, un membre commun ou une action commune. Les liens croisés sont les liens entre les membres de l’un et ceux de l’autre ; la distance compte les liens à franchir de l’un à l’autre ; les acteurs passerelles relient l’un à l’autre.",
        capitalise(&count_of(articulated, "paire", "paires")),
        french_count(pairs.len()),
        if articulated > 1 { "sont articulées" } else { "est articulée" }
    ))));
    write_table(
        out,
        &[
            text_col("Dispositifs"),
            text_col("Articulés"),
            text_col("Relations directes"),
            text_col("Membres communs"),
            num_col("Liens croisés"),
            text_col("Actions communes"),
            num_col("Distance"),
            text_col("Acteurs passerelles"),
            text_col(crate::lang::Msg::ReportSharedThemesColumn.text(crate::lang::Lang::Fr)),
        ],
        rows,
    );
}

/// "Les zones": id, name, population, priority, located actors and the count of each
/// required kind (individuals are counted here, never drawn).
pub(crate) fn zones<'c>(ctx: &'c Context<'_>) -> Option<Section<'c>> {
    (!ctx.diagnosis.coverage.zones.is_empty())
        .then(|| Section::written("zones", "Les zones", ctx, write_zones))
}

/// The body of "Les zones", a zone at a time.
fn write_zones(ctx: &Context<'_>, out: &mut Page<'_>) {
    let c = &ctx.diagnosis.coverage;
    let required = &ctx.territory.analysis.required;
    let labels: Vec<&str> = required.iter().map(|k| ctx.kind_label(k)).collect();
    let mut columns = vec![
        text_col("Code"),
        text_col("Zone"),
        num_col("Population"),
        text_col("Prioritaire"),
        num_col("Acteurs localisés"),
    ];
    columns.extend(labels.iter().map(|l| num_col(l)));
    let count = |z: &crate::spatial::ZoneIndicators, k: &str| {
        z.count_by_kind.get(k).copied().unwrap_or(0) as usize
    };
    // A suppressed count reads "s" (secret statistique), as in INSEE's tables.
    let shown = |i: usize, property: &str, n: usize| {
        if ctx.suppression.is_suppressed(i, property) {
            "s".to_owned()
        } else {
            french_count(n)
        }
    };
    let rows = c.zones.iter().enumerate().map(|(i, z)| {
        let mut cells = vec![
            escape(&z.id),
            escape(&z.name),
            french_number(z.population, 0),
            if z.priority { "oui" } else { "" }.to_owned(),
            shown(i, "actors", z.actors as usize),
        ];
        cells.extend(
            required
                .iter()
                .map(|k| shown(i, &format!("count_{k}"), count(z, k))),
        );
        Row {
            cells,
            class: if z.priority { "prioritaire" } else { "" },
        }
    });
    let mut total = vec![
        String::new(),
        "Ensemble".to_owned(),
        french_number(c.zones.iter().map(|z| z.population).sum(), 0),
        french_count(c.zones.iter().filter(|z| z.priority).count()),
        french_count(c.zones.iter().map(|z| z.actors as usize).sum()),
    ];
    total.extend(
        required
            .iter()
            .map(|k| french_count(c.zones.iter().map(|z| count(z, k)).sum())),
    );
    let total = Row {
        cells: total,
        class: "total",
    };
    out.push_str(&note(&escape(&format!(
        "Une ligne par zone de la couche « {} », dans l’ordre du fichier. Les acteurs sont comptés dans la zone où ils sont installés{} ; les types requis sont ceux que chaque zone devrait offrir.",
        c.layer,
        if ctx.options.include_individuals {
            ""
        } else {
            ", professionnel·les compris (ils et elles ne sont pas nommé·es dans ce rapport)"
        }
    ))));
    if ctx.suppression.is_active() {
        out.push_str(&note(&escape(&format!(
            "« s » : {}",
            super::map::suppression_note(ctx.suppression.min_count())
        ))));
    }
    write_table(out, &columns, rows.chain(std::iter::once(total)));
}

/// "Méthode et précautions": what the figures mean and what qualifies them.
pub(crate) fn method<'c>(ctx: &'c Context<'_>) -> Option<Section<'c>> {
    let n = &ctx.diagnosis.network;
    let mut items = vec![
        "Un lien relie deux acteurs dès qu’une relation valide à la date d’observation les unit, dans un sens ou dans l’autre (adhésion, partenariat, cofinancement, orientation, instances, formation, moyens, information).".to_owned(),
        format!(
            "Intermédiarité : part des plus courts chemins entre deux autres acteurs qui passent par l’acteur (calcul {}).",
            if n.betweenness == "exact" {
                "exact".to_owned()
            } else {
                format!("estimé par échantillonnage : {}", n.betweenness)
            }
        ),
        format!(
            "Groupes : les acteurs sont regroupés par {} pour l’indice E-I, le cloisonnement et la couleur des liens.",
            ctx.partition_label()
        ),
        "Communautés : sous-réseaux détectés par la méthode de Louvain ; la modularité mesure à quel point le réseau se découpe en sous-réseaux.".to_owned(),
        format!(
            "Accès (2SFCA) : offre à moins de {} m du point central de chaque zone, rapportée à la population qui y a elle-même accès, pour 10 000 habitants.",
            french_number(ctx.diagnosis.coverage.catchment_m, 0)
        ),
    ];
    let hidden = ctx.hidden_individuals();
    if hidden > 0 {
        items.push(format!(
            "Confidentialité : les {} professionnel·les (une personne chacun·e) ne sont ni dessiné·es ni nommé·es ; ils et elles sont compté·es dans leur zone et désigné·es par leur profession dans les tableaux.",
            french_count(hidden)
        ));
    }
    // The diagnosis's own notes are English sentences: the report says the same in
    // French from the structured results.
    for (kind, basis) in &ctx.diagnosis.coverage.supply {
        if *basis == crate::spatial::SupplyBasis::Sites {
            items.push(format!(
                "Accès : {} — aucune capacité renseignée, chaque lieu compte pour une unité d’offre.",
                ctx.kind_label(kind)
            ));
        }
    }
    if let Some(demand) = &ctx.territory.coverage_layer().demand {
        let weights = match &demand.weights {
            crate::model::DemandWeights::Preset(p) => format!("poids {}", p.name()),
            crate::model::DemandWeights::Given(_) => "poids de l’utilisateur".to_owned(),
        };
        items.push(format!(
            "Accès par habitant standardisé : la demande de chaque zone est sa population pondérée par l’âge ({weights}, méthode de l’APL de la DREES) ; la densité reste par habitant."
        ));
    }
    let without_population: Vec<&str> = ctx
        .territory
        .coverage_layer()
        .zones
        .iter()
        .filter(|z| z.population.is_none())
        .map(|z| z.name.as_str())
        .collect();
    if !without_population.is_empty() {
        items.push(format!(
            "Population inconnue, comptée comme nulle (densité et accès non calculables) : {}.",
            without_population.join(", ")
        ));
    }
    let mut body = String::from("<ul class=\"note\">\n");
    for i in items {
        body.push_str(&format!("<li>{}</li>\n", escape(&i)));
    }
    body.push_str("</ul>\n");
    Some(Section {
        id: "methode",
        title: "Méthode et précautions".to_owned(),
        body: body.into(),
    })
}
