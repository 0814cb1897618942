//! "Qui fait quoi": the directory of the actors in the report, searchable and
//! filterable in a browser (by kind, sector, theme, zone and dispositif; `explore.js`),
//! a page of rows at a time, with the contact columns of the bundle. The same actors
//! and columns as `directory.csv` (outputs/directory.rs), zones and dispositifs by
//! name; an individual professional is listed only when the options ask for
//! individuals (docs/outputs.md, "Privacy").

use super::html::{note, Page};
use super::text::{count_of, escape, french_count};
use super::{Body, Context, Section, NATIONAL_DIRECTORY_ROWS, NATIONAL_FROM_ACTORS};
use crate::model::{Actor, ZoneRef};
use crate::outputs::directory::dispositifs_by_actor;
use std::collections::BTreeSet;

/// Rows shown at a time in a browser.
const ROWS_PER_PAGE: usize = 50;

/// The contact columns of a bundle, each under its French header: the first of the
/// column names the bundle uses for it.
const CONTACT_COLUMNS: [(&str, &[&str]); 4] = [
    ("Adresse", &["address", "adresse"]),
    ("Téléphone", &["phone", "telephone", "téléphone"]),
    ("Courriel", &["email", "courriel", "mail"]),
    ("Site web", &["website", "site_web", "site"]),
];

/// The filters above the table: header, the row's `data-` attribute, and the
/// select's first option.
const FILTERS: [(&str, &str, &str); 5] = [
    ("Type", "type", "Tous les types"),
    ("Secteur", "secteurs", "Tous les secteurs"),
    ("Thème", "themes", "Tous les thèmes"),
    ("Zone", "zones", "Toutes les zones"),
    ("Dispositif", "dispositifs", "Tous les dispositifs"),
];

/// One row of the directory: the values each filter reads, and the contacts.
struct Entry<'a> {
    actor: &'a Actor,
    /// Kind, sectors, themes, zones, dispositifs: the values of each filter.
    values: [Vec<String>; 5],
    contacts: Vec<Option<&'a str>>,
}

/// "Qui fait quoi : l'annuaire des acteurs".
pub(crate) fn directory<'c>(ctx: &'c Context<'_>) -> Option<Section<'c>> {
    let t = ctx.territory;
    if !t.actors.iter().any(|a| ctx.shows(a)) {
        return None;
    }
    Some(Section {
        id: "annuaire",
        title: "Qui fait quoi : l’annuaire des acteurs".to_owned(),
        body: Body::write(move |out| write_directory(ctx, out)),
    })
}

fn write_directory(ctx: &Context<'_>, out: &mut Page<'_>) {
    let (t, d) = (ctx.territory, ctx.diagnosis);
    let coverage = t.analysis.coverage_layer;
    let placed = &d.placements[coverage.0 as usize];
    let dispositifs = dispositifs_by_actor(t, d);
    // the contact columns the bundle has, in the order of CONTACT_COLUMNS
    let contacts: Vec<(&str, &str)> = CONTACT_COLUMNS
        .iter()
        .filter_map(|(header, names)| {
            names
                .iter()
                .find(|n| t.actors.iter().any(|a| a.attribute(n).is_some()))
                .map(|n| (*header, *n))
        })
        .collect();
    let zone_name = |r: ZoneRef| t.zone(r).name.replace('|', "/");
    let mut entries: Vec<Entry<'_>> = t
        .actors
        .iter()
        .enumerate()
        .filter(|(_, a)| ctx.shows(a))
        .map(|(i, a)| {
            let mut zones: Vec<String> = placed[i]
                .map(|zone| {
                    zone_name(ZoneRef {
                        layer: coverage,
                        zone,
                    })
                })
                .into_iter()
                .collect();
            for &z in &a.serves {
                let name = zone_name(z);
                if !zones.contains(&name) {
                    zones.push(name);
                }
            }
            let clean = |s: &str| s.replace('|', "/");
            Entry {
                actor: a,
                values: [
                    vec![clean(ctx.kind_label(&a.kind))],
                    vec![clean(ctx.sector_label(&a.sector))],
                    a.themes.iter().map(|th| clean(th.label())).collect(),
                    zones,
                    dispositifs[i]
                        .iter()
                        .map(|&dispositif| clean(&t.actor(dispositif).name))
                        .collect(),
                ],
                contacts: contacts
                    .iter()
                    .map(|(_, column)| a.attribute(column).filter(|v| !v.trim().is_empty()))
                    .collect(),
            }
        })
        .collect();

    // at national size, the first rows: the dispositifs, then the others in bundle
    // order
    let listed = entries.len();
    if ctx.national() && listed > NATIONAL_DIRECTORY_ROWS {
        entries.sort_by_key(|e| !e.actor.is_dispositif());
        entries.truncate(NATIONAL_DIRECTORY_ROWS);
    }
    out.push_str(&format!(
        "<div class=\"annuaire\" data-par-page=\"{ROWS_PER_PAGE}\">\n<div class=\"annuaire-filtres\">\n<label class=\"annuaire-recherche\">Rechercher <input type=\"search\" placeholder=\"nom, thème, zone, dispositif…\" aria-label=\"Rechercher dans l’annuaire\"></label>\n"
    ));
    for (f, (header, key, all)) in FILTERS.iter().enumerate() {
        let options: BTreeSet<&str> = entries
            .iter()
            .flat_map(|e| e.values[f].iter().map(String::as_str))
            .collect();
        if options.is_empty() {
            continue;
        }
        out.push_str(&format!(
            "<label>{header} <select data-filtre=\"{key}\"><option value=\"\">{all}</option>"
        ));
        for o in options {
            out.push_str(&format!("<option>{}</option>", escape(o)));
        }
        out.push_str("</select></label>\n");
    }
    out.push_str(&format!(
        "</div>\n<p class=\"annuaire-compte note\" aria-live=\"polite\">{}</p>\n<div class=\"annuaire-defile\">\n<table>\n<thead><tr><th scope=\"col\">Nom</th><th scope=\"col\">Type</th><th scope=\"col\">Secteur</th><th scope=\"col\">Thèmes</th><th scope=\"col\">Zones</th><th scope=\"col\">Dispositifs</th>",
        escape(&count_of(entries.len(), "acteur", "acteurs"))
    ));
    for (header, _) in &contacts {
        out.push_str(&format!("<th scope=\"col\">{header}</th>"));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    let mut line = String::new();
    for e in &entries {
        line.clear();
        line.push_str("<tr");
        for (f, (_, key, _)) in FILTERS.iter().enumerate() {
            line.push_str(&format!(
                " data-{key}=\"{}\"",
                escape(&e.values[f].join("|"))
            ));
        }
        line.push_str(&format!("><td>{}</td>", escape(&e.actor.name)));
        for values in &e.values {
            line.push_str(&format!("<td>{}</td>", escape(&values.join(", "))));
        }
        for c in &e.contacts {
            line.push_str(&format!("<td>{}</td>", escape(c.unwrap_or(""))));
        }
        line.push_str("</tr>\n");
        out.push_str(&line);
    }
    out.push_str("</tbody>\n</table>\n</div>\n<div class=\"annuaire-pages\"></div>\n</div>\n");
    let hidden = ctx.hidden_individuals();
    if entries.len() < listed {
        out.push_str(&note(&escape(&format!(
            "Annuaire limité à ses {} premières lignes sur {} (les dispositifs d’abord) : au-delà de {} acteurs, le rapport résume. directory.csv et le classeur diagnostic.xlsx donnent l’annuaire complet.",
            french_count(entries.len()),
            french_count(listed),
            french_count(NATIONAL_FROM_ACTORS)
        ))));
    }
    let mut said = "Dans le navigateur, la recherche ne tient compte ni des majuscules ni des accents, et les listes filtrent par type, secteur, thème, zone (de localisation ou desservie) et dispositif. L’annuaire complet, avec les identifiants, est dans directory.csv et dans le classeur diagnostic.xlsx.".to_owned();
    if hidden > 0 {
        said.push_str(&format!(
            " Les {} professionnel·les ne sont pas listé·es ici (confidentialité) : l’option --include-individuals les ajoute.",
            french_count(hidden)
        ));
    }
    out.push_str(&note(&escape(&said)));
}
