//! The choropleth map of the coverage layer: one SVG path per zone, filled with the
//! quantile class of the chosen indicator, priority zones outlined, the outlines of
//! priority layers (QPV) dashed, a tooltip per zone, a legend, a scale bar and a north
//! arrow.
//!
//! Colours, classes and legend are those of `zones.geojson` ([`crate::io::zones_geojson`]):
//! the report reads that collection's properties and legend rather than classing the
//! values again, so the map and the GeoJSON always agree.

use super::html::note;
use super::svg::{coordinate, north_arrow, scale_bar, swatch, Extent, Projection};
use super::text::{count_of, decimals_for, escape, french_count, french_number};
use super::{Context, Section};
use crate::io::{zones_map, SECRET};
use geojson::JsonValue;
use serde::Deserialize;

/// Largest size of the drawn zones, in SVG units.
const MAP_WIDTH: f64 = 620.0;
const MAP_HEIGHT: f64 = 560.0;
/// Room around the zones.
const MARGIN: f64 = 16.0;
/// Room below the zones for the scale bar.
const FOOTER: f64 = 34.0;

/// Outline of a priority zone (as in `zones.geojson`).
const PRIORITY_STROKE: &str = "#d7301f";

/// The legend member of `zones.geojson`, read back.
#[derive(Debug, Deserialize)]
struct LegendRead {
    title: String,
    property: String,
    classes: Vec<ClassRead>,
    missing: String,
}

#[derive(Debug, Deserialize)]
struct ClassRead {
    min: f64,
    max: f64,
    color: String,
}

/// What the map draws of one zone, read from its feature's properties.
struct ZoneShape {
    id: String,
    name: String,
    fill: String,
    stroke: String,
    stroke_width: f64,
    value: Option<f64>,
    population: f64,
    /// `None` when suppressed.
    actors: Option<u64>,
    priority: bool,
}

fn read_zone(p: &geojson::JsonObject, property: &str) -> ZoneShape {
    let s = |k: &str| {
        p.get(k)
            .and_then(JsonValue::as_str)
            .unwrap_or("")
            .to_owned()
    };
    let f = |k: &str| p.get(k).and_then(JsonValue::as_f64);
    ZoneShape {
        id: s("id"),
        name: s("name"),
        fill: s("fill"),
        stroke: s("stroke"),
        stroke_width: f("stroke-width").unwrap_or(1.0),
        value: f(property),
        population: f("population").unwrap_or(0.0),
        actors: p.get("actors").and_then(JsonValue::as_u64),

        priority: p
            .get("priority")
            .and_then(JsonValue::as_bool)
            .unwrap_or(false),
    }
}

/// "Carte": the choropleth of each chosen indicator, one figure each.
pub(crate) fn zone_maps(ctx: &Context<'_>) -> Option<Section> {
    let indicators = ctx.options.indicators(ctx.territory);
    let maps: Vec<(String, String)> = indicators.iter().filter_map(|i| zone_map(ctx, i)).collect();
    let (title, body) = match &maps[..] {
        [] => return None,
        [(title, body)] => (title.clone(), body.clone()),
        several => (
            "Cartes".to_owned(),
            several
                .iter()
                .map(|(title, body)| format!("<h3>{}</h3>\n{body}", escape(title)))
                .collect(),
        ),
    };
    Some(Section {
        id: "carte",
        title,
        body,
    })
}

/// The map of one indicator: its title and its HTML.
fn zone_map(ctx: &Context<'_>, indicator: &str) -> Option<(String, String)> {
    let t = ctx.territory;
    let d = ctx.diagnosis;
    let fc = zones_map(t, d, indicator, &ctx.suppression);
    let legend: LegendRead = fc
        .foreign_members
        .as_ref()
        .and_then(|m| m.get("legend"))
        .and_then(|l| serde_json::from_value(l.clone()).ok())?;
    let outlines: Vec<_> = (0..fc.features.len())
        .map(|i| &t.zone(d.zone_ref(t, i)).geometry)
        .collect();
    let extent = Extent::of(outlines.iter().copied())?;
    let fitted = Projection::fit(&extent, MAP_WIDTH, MAP_HEIGHT, (MARGIN, MARGIN));
    let (w, h) = fitted.size();
    let (width, height) = (w + 2.0 * MARGIN, h + 2.0 * MARGIN + FOOTER);
    let zones: Vec<ZoneShape> = fc
        .features
        .iter()
        .map(|f| {
            f.properties.as_ref().map_or_else(
                || read_zone(&Default::default(), ""),
                |p| read_zone(p, &legend.property),
            )
        })
        .collect();

    let bounds: Vec<f64> = legend.classes.iter().flat_map(|c| [c.min, c.max]).collect();
    let decimals = decimals_for(
        &bounds,
        if bounds.iter().any(|b| b.abs() >= 100.0) {
            0
        } else {
            1
        },
    );
    let secret = |i: usize| ctx.suppression.is_suppressed(i, &legend.property);
    let value_text = |i: usize, z: &ZoneShape| match z.value {
        Some(v) => french_number(v, decimals),
        None if secret(i) => SECRET.to_owned(),
        None => "non renseigné".to_owned(),
    };

    let mut svg = format!(
        "<svg class=\"carte\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" role=\"img\" aria-label=\"{}\">\n<title>{}</title>\n<g class=\"zones\" fill-rule=\"evenodd\" stroke-linejoin=\"round\">\n",
        escape(&format!("Carte des zones : {}", legend.title)),
        escape(&format!("Carte des zones : {}", legend.title)),
        w = coordinate(width),
        h = coordinate(height),
    );
    for (i, (z, outline)) in zones.iter().zip(&outlines).enumerate() {
        let mut tooltip = format!(
            "{} ({})\n{} : {}\nPopulation : {}\nActeurs localisés : {}",
            z.name,
            z.id,
            legend.title,
            value_text(i, z),
            french_number(z.population, 0),
            z.actors
                .map_or_else(|| SECRET.to_owned(), |n| french_count(n as usize))
        );
        if z.priority {
            tooltip.push_str("\nZone prioritaire");
        }
        svg.push_str(&format!(
            "<path class=\"zone\" d=\"{}\" fill=\"{}\" stroke=\"#616e7c\" stroke-width=\"0.6\"><title>{}</title></path>\n",
            fitted.path(outline),
            escape(&z.fill),
            escape(&tooltip)
        ));
    }
    svg.push_str("</g>\n");
    // Priority outlines on top, so that no neighbour's edge hides them.
    svg.push_str("<g class=\"prioritaires\" fill=\"none\" stroke-linejoin=\"round\">\n");
    for (z, outline) in zones.iter().zip(&outlines).filter(|(z, _)| z.priority) {
        svg.push_str(&format!(
            "<path class=\"zone-prioritaire\" d=\"{}\" stroke=\"{}\" stroke-width=\"{}\"/>\n",
            fitted.path(outline),
            escape(if z.stroke.is_empty() {
                PRIORITY_STROKE
            } else {
                &z.stroke
            }),
            coordinate(z.stroke_width.max(2.5))
        ));
    }
    svg.push_str("</g>\n");
    // The outlines of the priority layers (QPV) other than the coverage layer.
    let priority_layers: Vec<&crate::model::Layer> = t
        .layers
        .iter()
        .enumerate()
        .filter(|(i, l)| l.priority && *i != t.analysis.coverage_layer.0 as usize)
        .map(|(_, l)| l)
        .collect();
    let mut qpv = 0;
    for layer in &priority_layers {
        for z in &layer.zones {
            qpv += 1;
            svg.push_str(&format!(
                "<path class=\"qpv\" d=\"{}\" fill=\"none\" stroke=\"#7a0177\" stroke-width=\"1.6\" stroke-dasharray=\"6 3\"><title>{}</title></path>\n",
                fitted.path(&z.geometry),
                escape(&format!("{} : périmètre prioritaire (couche « {} »)", z.name, layer.name))
            ));
        }
    }
    svg.push_str(&scale_bar(&fitted, MARGIN, height - 12.0, w.min(200.0)));
    svg.push_str(&north_arrow(width - MARGIN - 8.0, MARGIN));
    svg.push_str("</svg>");

    // Legend: classes with their number of zones, missing values, outlines.
    let mut items = String::new();
    for c in &legend.classes {
        let n = zones
            .iter()
            .filter(|z| z.fill == c.color && z.value.is_some())
            .count();
        let range = if french_number(c.min, decimals) == french_number(c.max, decimals) {
            french_number(c.min, decimals)
        } else {
            format!(
                "{} à {}",
                french_number(c.min, decimals),
                french_number(c.max, decimals)
            )
        };
        items.push_str(&format!(
            "<li>{}<span>{}</span><span class=\"effectif\">{}</span></li>\n",
            swatch(&c.color, "#ffffff", 1.0, false),
            escape(&range),
            escape(&count_of(n, "zone", "zones"))
        ));
    }
    let missing = zones.iter().filter(|z| z.value.is_none()).count();
    let secrets = (0..zones.len()).filter(|&i| secret(i)).count();
    for (label, n) in [("non renseigné", missing - secrets), (SECRET, secrets)] {
        if n > 0 {
            items.push_str(&format!(
                "<li>{}<span>{label}</span><span class=\"effectif\">{}</span></li>\n",
                swatch(&legend.missing, "#ffffff", 1.0, false),
                escape(&count_of(n, "zone", "zones"))
            ));
        }
    }
    let priority = zones.iter().filter(|z| z.priority).count();
    let mut outlines_legend = String::new();
    if priority > 0 {
        outlines_legend.push_str(&format!(
            "<li>{}<span>Zone prioritaire</span><span class=\"effectif\">{}</span></li>\n",
            swatch("#ffffff", PRIORITY_STROKE, 2.5, false),
            escape(&count_of(priority, "zone", "zones"))
        ));
    }
    if qpv > 0 {
        outlines_legend.push_str(&format!(
            "<li>{}<span>{}</span></li>\n",
            swatch("#ffffff", "#7a0177", 1.6, true),
            escape(&format!(
                "Périmètre prioritaire (couche « {} »)",
                priority_layers
                    .iter()
                    .map(|l| l.name.as_str())
                    .collect::<Vec<_>>()
                    .join(" », « ")
            ))
        ));
    }
    let mut aside = format!(
        "<div class=\"legende\">\n<h3>{}</h3>\n<ul>\n{items}</ul>\n",
        escape(&legend.title)
    );
    if !outlines_legend.is_empty() {
        aside.push_str(&format!("<ul>\n{outlines_legend}</ul>\n"));
    }
    aside.push_str(&note(&escape(
        "Classes par quantiles : chaque couleur regroupe à peu près autant de zones. Survolez une zone pour lire ses valeurs.",
    )));
    if ctx.suppression.is_active() {
        aside.push_str(&note(&escape(&suppression_note(
            ctx.suppression.min_count(),
        ))));
    }
    aside.push_str("</div>\n");

    let mut body = String::new();
    if missing == zones.len() {
        body.push_str(&note(&escape(&format!(
            "Aucune zone n’a de valeur pour l’indicateur « {} » : la carte le montre non renseigné partout.",
            legend.property
        ))));
    }
    body.push_str(&format!(
        "<figure class=\"illustration\">\n{svg}\n{aside}</figure>\n<p class=\"note\">{}</p>\n",
        escape(&format!(
            "Couche « {} », {} ; indicateur « {} ».",
            d.coverage.layer,
            count_of(zones.len(), "zone", "zones"),
            legend.property
        ))
    ));
    Some((format!("Carte : {}", legend.title), body))
}

/// What the report says of suppressed counts.
pub(crate) fn suppression_note(min_count: u64) -> String {
    format!(
        "Secret statistique : les effectifs de 1 à {} par zone sont masqués, ainsi que ceux qui permettraient de les retrouver par différence.",
        min_count - 1
    )
}
