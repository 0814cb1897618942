//! What makes the report explorable in a browser, still one file that fetches nothing:
//! the cards of the zones and actors (JSON in the page, shown by `explore.js` when one
//! is clicked), the zoom buttons of a figure, and its switches (layers of the map,
//! sectors of the network). The script is small, hand-written and inline
//! ([`SCRIPT`]); the page without it is the printed one.

use super::html::Page;
use super::text::{escape, french_count, french_number};
use super::Context;
use crate::outputs::directory::dispositifs_by_actor;
use serde::Serialize;
use std::collections::BTreeMap;

/// The script, written once at the end of the page.
pub(crate) const SCRIPT: &str = include_str!("explore.js");

/// A card shown when a zone or an actor is clicked: a title, a line under it, figures
/// (label and value, French text already formatted) and lists (a title and items).
#[derive(Debug, Default, Serialize)]
pub(crate) struct Card {
    pub titre: String,
    pub sous_titre: String,
    pub lignes: Vec<(String, String)>,
    pub listes: Vec<(String, Vec<String>)>,
}

/// Writes the cards of one kind (`zone` or `acteur`), by the id the clicked elements
/// carry in `data-zone` / `data-acteur`, as a JSON script element, a card at a time (a
/// `<` written `\u003c`, so that no text closes the element).
pub(crate) fn write_cards(out: &mut Page<'_>, kind: &str, cards: &BTreeMap<String, Card>) {
    out.push_str(&format!(
        "<script type=\"application/json\" class=\"fiches\" data-genre=\"{kind}\">{{"
    ));
    let mut first = true;
    for (id, card) in cards {
        let (Ok(id), Ok(card)) = (serde_json::to_string(id), serde_json::to_string(card)) else {
            continue;
        };
        let entry = format!("{}{id}:{card}", if first { "" } else { "," });
        out.push_str(&entry.replace('<', "\\u003c"));
        first = false;
    }
    out.push_str("}</script>\n");
}

/// The buttons that zoom the figure `svg` (its element id) in and out and back;
/// `cards` when a click on the figure opens a card.
pub(crate) fn zoom_buttons(svg: &str, cards: bool) -> String {
    format!(
        "<div class=\"commandes\" data-cible=\"{svg}\"><button type=\"button\" data-zoom=\"plus\" title=\"Zoomer\">+</button><button type=\"button\" data-zoom=\"moins\" title=\"Dézoomer\">−</button><button type=\"button\" data-zoom=\"recentrer\" title=\"Revenir à la vue d’ensemble\">Vue d’ensemble</button>\
<span class=\"note\">Molette pour zoomer, glisser pour se déplacer{}.</span></div>\n",
        if cards { ", cliquer pour la fiche" } else { "" }
    )
}

/// Switches of what the figure `svg` shows: each `(class, label)` turns off the
/// elements the style sheet hides under `.sans-CLASS`.
pub(crate) fn layer_switches(svg: &str, layers: &[(&str, String)]) -> String {
    let mut out = format!("<div class=\"couches\" data-cible=\"{svg}\">");
    for (class, label) in layers {
        out.push_str(&format!(
            "<label><input type=\"checkbox\" data-couche=\"{class}\" checked> {}</label>",
            escape(label)
        ));
    }
    out.push_str("</div>\n");
    out
}

/// The card of each zone of the coverage layer: its figures as the zones table gives
/// them (a suppressed count left out), the dispositifs that serve it and its actions.
pub(crate) fn zone_cards(ctx: &Context<'_>) -> BTreeMap<String, Card> {
    let (t, d) = (ctx.territory, ctx.diagnosis);
    let names = |ids: &[String]| -> Vec<String> {
        ids.iter()
            .map(|id| {
                t.actor_with_id(id)
                    .map_or_else(|| id.clone(), |a| a.name.clone())
            })
            .collect()
    };
    d.coverage
        .zones
        .iter()
        .enumerate()
        .map(|(i, z)| {
            let mut lignes = vec![("Population".to_owned(), french_number(z.population, 0))];
            if !ctx.suppression.is_suppressed(i, "actors") {
                lignes.push((
                    "Acteurs localisés".to_owned(),
                    french_count(z.actors as usize),
                ));
            }
            for (kind, access) in &z.access {
                lignes.push((
                    format!("Accès : {} (pour 10 000 hab.)", ctx.kind_label(kind)),
                    french_number(*access, 1),
                ));
            }
            for (kind, nearest) in &z.nearest_m {
                if let Some(m) = nearest {
                    lignes.push((
                        format!("{} le plus proche", ctx.kind_label(kind)),
                        format!("{} km", french_number(m / 1000.0, 1)),
                    ));
                }
            }
            lignes.push(("Actions en cours".to_owned(), french_count(z.actions.len())));
            let mut listes = Vec::new();
            if !z.dispositifs.is_empty() {
                listes.push((
                    "Dispositifs qui la desservent".to_owned(),
                    names(&z.dispositifs),
                ));
            }
            let card = Card {
                titre: format!("{} ({})", z.name, z.id),
                sous_titre: if z.priority {
                    "Zone prioritaire".to_owned()
                } else {
                    String::new()
                },
                lignes,
                listes,
            };
            (z.id.clone(), card)
        })
        .collect()
}

/// The card of each actor of `shown` (actor indices): kind and sector, its figures,
/// its dispositifs and its partners (the hidden individuals counted, not named).
pub(crate) fn actor_cards(ctx: &Context<'_>, shown: &[usize]) -> BTreeMap<String, Card> {
    let (t, d) = (ctx.territory, ctx.diagnosis);
    let mut partners: Vec<Vec<usize>> = vec![Vec::new(); t.actors.len()];
    for tie in d.ties.iter() {
        let (a, b) = (tie.a.index(), tie.b.index());
        partners[a].push(b);
        partners[b].push(a);
    }
    let dispositifs = dispositifs_by_actor(t, d);
    shown
        .iter()
        .map(|&i| {
            let a = &t.actors[i];
            let mut lignes = Vec::new();
            if let Some(m) = ctx.metrics(&a.id) {
                lignes.push(("Partenaires directs".to_owned(), french_count(m.degree)));
                lignes.push(("Intermédiarité".to_owned(), french_number(m.betweenness, 3)));
                if m.articulation_point {
                    lignes.push((
                        "Point d’articulation".to_owned(),
                        "oui : sans lui, le réseau se coupe".to_owned(),
                    ));
                }
            }
            let mut named: Vec<String> = Vec::new();
            let mut hidden = 0;
            for &p in &partners[i] {
                if ctx.shows(&t.actors[p]) {
                    named.push(t.actors[p].name.clone());
                } else {
                    hidden += 1;
                }
            }
            named.sort();
            if hidden > 0 {
                named.push(if hidden == 1 {
                    "et 1 professionnel·le".to_owned()
                } else {
                    format!("et {} professionnel·les", french_count(hidden))
                });
            }
            let mut listes = Vec::new();
            if !dispositifs[i].is_empty() {
                listes.push((
                    "Dispositifs".to_owned(),
                    dispositifs[i]
                        .iter()
                        .map(|&dispositif| t.actor(dispositif).name.clone())
                        .collect(),
                ));
            }
            if !named.is_empty() {
                listes.push(("Partenaires".to_owned(), named));
            }
            let card = Card {
                titre: a.name.clone(),
                sous_titre: format!(
                    "{} · {}",
                    ctx.kind_label(&a.kind),
                    ctx.sector_label(&a.sector)
                ),
                lignes,
                listes,
            };
            (a.id.clone(), card)
        })
        .collect()
}
