//! The section that reads the referral pathways of the diagnosis (docs/analyses.md §5):
//! from the entry points (PMI, crèches, schools, GPs) to specialised care, where the
//! chains of referrals break and which actors every chain goes through, the "parcours
//! amont et aval" coordinators ask about.

use super::html::{capitalise, note, num_col, text_col, write_table, Page, Row};
use super::text::{count_of, escape, french_count};
use super::{Context, Section};
use crate::model::ActorIx;
use std::collections::BTreeMap;

/// How many single points of passage, and zones without a chain in reach, are named
/// per pathway; the others are in `pathways.csv` and `gaps.csv`.
pub const PATHWAY_NAMES_SHOWN: usize = 15;

/// "Parcours d'orientation": each pathway's entry points, by kind, with or without a
/// chain to specialised care; the breaks, the single points of passage and the zones
/// with no chain in reach.
pub(crate) fn pathways<'c>(ctx: &'c Context<'_>) -> Option<Section<'c>> {
    if ctx.diagnosis.pathways.is_empty() {
        return None;
    }
    Some(Section::written(
        "parcours",
        "Parcours d’orientation",
        ctx,
        write_pathways,
    ))
}

fn write_pathways(ctx: &Context<'_>, out: &mut Page<'_>) {
    out.push_str(&note(&escape(
        "Les orientations (relations « orientation ») suivies de proche en proche, des points d’entrée où les personnes arrivent d’abord (PMI, crèches, écoles, médecins) jusqu’aux soins spécialisés. Une orientation compte pour un parcours quand elle n’a pas de thème ou qu’elle en partage un avec lui. Un point d’entrée sans chaîne est l’endroit où le parcours se rompt.",
    )));
    for p in &ctx.diagnosis.pathways {
        let d = &p.definition;
        let specialised: Vec<&str> = d
            .specialised_kinds
            .iter()
            .map(|k| ctx.kind_label(k))
            .collect();
        out.push_str(&format!("<h3>{}</h3>", escape(&capitalise(&d.name))));
        out.push_str(&note(&escape(&format!(
            "{} sur {} mènent par une chaîne d’orientations à : {} ({}).",
            capitalise(&count_of(
                p.entries_with_chain(),
                "point d’entrée",
                "points d’entrée"
            )),
            french_count(p.entries.len()),
            specialised.join(", "),
            count_of(p.referrals, "orientation comptée", "orientations comptées"),
        ))));
        let mut by_kind: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
        for e in &p.entries {
            let counts = by_kind
                .entry(ctx.territory.actor(e.entry).kind.as_str())
                .or_default();
            counts.0 += 1;
            counts.1 += usize::from(!e.reached.is_empty());
        }
        let rows = d
            .entry_kinds
            .iter()
            .filter_map(|k| by_kind.get(k.as_str()).map(|c| (k, c)))
            .map(|(kind, &(all, with_chain))| {
                Row::from(vec![
                    escape(ctx.kind_label(kind)),
                    french_count(all),
                    french_count(with_chain),
                    french_count(all - with_chain),
                ])
            });
        write_table(
            out,
            &[
                text_col("Type de point d’entrée"),
                num_col("Points d’entrée"),
                num_col("Avec une chaîne"),
                num_col("Sans chaîne"),
            ],
            rows,
        );
        let broken: Vec<String> = p
            .entries
            .iter()
            .filter(|e| e.reached.is_empty())
            .map(|e| ctx.territory.actor(e.entry).id.clone())
            .collect();
        if !broken.is_empty() {
            out.push_str(&note(&format!(
                "{} : {}.",
                escape("Sans chaîne vers les soins spécialisés"),
                ctx.actors_html(&broken)
            )));
        }
        let mut passages: BTreeMap<ActorIx, usize> = BTreeMap::new();
        for e in &p.entries {
            for &x in &e.single_points {
                *passages.entry(x).or_default() += 1;
            }
        }
        if !passages.is_empty() {
            let mut ranked: Vec<(ActorIx, usize)> = passages.into_iter().collect();
            ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            let listed: Vec<String> = ranked
                .iter()
                .take(PATHWAY_NAMES_SHOWN)
                .map(|&(x, n)| {
                    format!(
                        "{} ({})",
                        ctx.actor_name_html(&ctx.territory.actor(x).id),
                        count_of(n, "point d’entrée", "points d’entrée")
                    )
                })
                .collect();
            out.push_str(&note(&format!(
                "{} : {}.",
                escape("Points de passage obligés (toutes les chaînes d’un point d’entrée passent par eux)"),
                listed.join(", ")
            )));
        }
        let zones: Vec<&str> = ctx
            .diagnosis
            .gaps
            .pathways
            .iter()
            .filter(|g| g.pathway == d.name)
            .map(|g| g.zone_name.as_str())
            .collect();
        if !zones.is_empty() {
            let more = zones.len().saturating_sub(PATHWAY_NAMES_SHOWN);
            out.push_str(&note(&escape(&format!(
                "{} sans point d’entrée menant aux soins spécialisés, ni dans la zone ni à portée : {}{}.",
                capitalise(&count_of(zones.len(), "zone", "zones")),
                zones[..zones.len().min(PATHWAY_NAMES_SHOWN)].join(", "),
                if more > 0 {
                    format!(" et {} autres (gaps.csv)", french_count(more))
                } else {
                    String::new()
                }
            ))));
        }
    }
}
