//! The choropleth map of the coverage layer: one SVG path per zone, filled with the
//! quantile class of the chosen indicator, priority zones outlined, the outlines of
//! priority layers (QPV) dashed, a tooltip per zone, a legend, a scale bar and a north
//! arrow.
//!
//! Colours, classes and legend are those of `zones.geojson` ([`crate::outputs::zones_geojson`]):
//! the report reads that map's properties and legend, zone by zone, rather than classing
//! the values again, so the map and the GeoJSON always agree.

use super::explore::{layer_switches, write_cards, zone_cards, zoom_buttons};
use super::html::{note, Page};
use super::svg::{coordinate, north_arrow, scale_bar, swatch, Extent, Projection};
use super::text::{count_of, decimals_for, escape, french_count, french_number};
use super::{Body, Context, Section};
use crate::model::Layer;
use crate::outputs::{ZonesMap, SECRET};
use geo::MultiPolygon;

/// Largest size of the drawn zones, in SVG units.
const MAP_WIDTH: f64 = 620.0;
const MAP_HEIGHT: f64 = 560.0;
/// Room around the zones.
const MARGIN: f64 = 16.0;
/// Room below the zones for the scale bar.
const FOOTER: f64 = 34.0;

/// Outline of a priority zone (as in `zones.geojson`).
const PRIORITY_STROKE: &str = "#d7301f";

/// What the map draws of one zone: what its feature of `zones.geojson` says.
struct ZoneShape<'a> {
    id: &'a str,
    name: &'a str,
    fill: &'a str,
    stroke: &'static str,
    stroke_width: f64,
    value: Option<f64>,
    population: f64,
    /// `None` when suppressed.
    actors: Option<u64>,
    priority: bool,
}

impl<'a> ZoneShape<'a> {
    /// The zone at index `i` of the coverage, as its feature's properties give it
    /// (`stroke`, `stroke-width` of a priority zone or not; a population that is not
    /// finite is written `null`, read 0).
    fn of(ctx: &'a Context<'_>, map: &'a ZonesMap<'_>, i: usize) -> Self {
        let z = &ctx.diagnosis.coverage.zones[i];
        ZoneShape {
            id: &z.id,
            name: &z.name,
            fill: map.fill(i),
            stroke: if z.priority { "#d7301f" } else { "#555555" },
            stroke_width: if z.priority { 2.5 } else { 1.0 },
            value: map.read_value(i),
            population: if z.population.is_finite() {
                z.population
            } else {
                0.0
            },
            actors: (!ctx.suppression.is_suppressed(i, "actors")).then_some(u64::from(z.actors)),
            priority: z.priority,
        }
    }
}

/// "Carte": the choropleth of each chosen indicator, one figure each.
pub(crate) fn zone_maps<'c>(ctx: &'c Context<'_>) -> Option<Section<'c>> {
    let indicators = ctx.options.indicators(ctx.territory);
    let maps: Vec<ZoneMap<'c>> = indicators
        .iter()
        .filter_map(|i| ZoneMap::new(ctx, i))
        .collect();
    let title = match &maps[..] {
        [] => return None,
        [map] => map.title(),
        _ => "Cartes".to_owned(),
    };
    Some(Section {
        id: "carte",
        title,
        body: Body::write(move |out| {
            let several = maps.len() > 1;
            for (n, map) in maps.into_iter().enumerate() {
                if several {
                    out.push_str(&format!("<h3>{}</h3>\n", escape(&map.title())));
                }
                map.write(&format!("carte-{}", n + 1), out);
            }
            if ctx.national() {
                out.push_str(&note(&escape(&format!(
                    "Au-delà de {} acteurs, la carte ne donne ni la fiche ni l’infobulle de chaque zone, pour rester légère : zones.geojson et zones.csv les donnent.",
                    french_count(super::NATIONAL_FROM_ACTORS)
                ))));
            } else {
                write_cards(out, "zone", &zone_cards(ctx));
            }
        }),
    })
}

/// The map of one indicator, its classes found and its frame fitted; drawn when its
/// turn comes.
pub(super) struct ZoneMap<'c> {
    ctx: &'c Context<'c>,
    map: ZonesMap<'c>,
    outlines: Vec<&'c MultiPolygon<f64>>,
    fitted: Projection,
}

impl<'c> ZoneMap<'c> {
    /// `None` when no zone has an outline to draw.
    pub(super) fn new(ctx: &'c Context<'_>, indicator: &str) -> Option<Self> {
        let (t, d) = (ctx.territory, ctx.diagnosis);
        let map = ZonesMap::new(t, d, indicator, &ctx.suppression);
        let outlines: Vec<_> = (0..map.len())
            .map(|i| &t.zone(d.zone_ref(t, i)).geometry)
            .collect();
        let extent = Extent::of(outlines.iter().copied())?;
        let fitted = Projection::fit(&extent, MAP_WIDTH, MAP_HEIGHT, (MARGIN, MARGIN));
        Some(Self {
            ctx,
            map,
            outlines,
            fitted,
        })
    }

    fn title(&self) -> String {
        format!("Carte : {}", self.map.legend().title)
    }

    /// Writes the figure (its SVG element's id `id`): its zoom buttons and layer
    /// switches, the zones a path at a time, then the legend and the note.
    pub(super) fn write(self, id: &str, out: &mut Page<'_>) {
        let (ctx, fitted) = (self.ctx, &self.fitted);
        let legend = self.map.legend();
        let (w, h) = fitted.size();
        let (width, height) = (w + 2.0 * MARGIN, h + 2.0 * MARGIN + FOOTER);
        let zones: Vec<ZoneShape> = (0..self.map.len())
            .map(|i| ZoneShape::of(ctx, &self.map, i))
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
        // The outlines of the priority layers (QPV) other than the coverage layer.
        let t = ctx.territory;
        let priority_layers: Vec<&Layer> = t
            .layers
            .iter()
            .enumerate()
            .filter(|(i, l)| l.priority && *i != t.analysis.coverage_layer.0 as usize)
            .map(|(_, l)| l)
            .collect();
        let aside = self.legend_aside(&zones, &priority_layers);

        if zones.iter().all(|z| z.value.is_none()) {
            out.push_str(&note(&escape(&format!(
                "Aucune zone n’a de valeur pour l’indicateur « {} » : la carte le montre non renseigné partout.",
                legend.property
            ))));
        }
        out.push_str(&zoom_buttons(id, !ctx.national()));
        let mut layers = vec![("indicateur", "Couleurs de l’indicateur".to_owned())];
        if zones.iter().any(|z| z.priority) {
            layers.push(("prioritaires", "Zones prioritaires".to_owned()));
        }
        if !priority_layers.is_empty() {
            layers.push(("qpv", "Périmètres prioritaires (QPV)".to_owned()));
        }
        out.push_str(&layer_switches(id, &layers));
        out.push_str("<figure class=\"illustration\">\n");
        out.push_str(&format!(
            "<svg id=\"{id}\" class=\"carte explorable\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" role=\"img\" aria-label=\"{}\">\n<title>{}</title>\n<g class=\"zones\" fill-rule=\"evenodd\" stroke-linejoin=\"round\" stroke=\"#616e7c\" stroke-width=\"0.6\">\n",
            escape(&format!("Carte des zones : {}", legend.title)),
            escape(&format!("Carte des zones : {}", legend.title)),
            w = coordinate(width),
            h = coordinate(height),
        ));
        self.write_zones(&zones, decimals, out);
        self.write_priority_outlines(&zones, &priority_layers, out);
        out.push_str(&scale_bar(fitted, MARGIN, height - 12.0, w.min(200.0)));
        out.push_str(&north_arrow(width - MARGIN - 8.0, MARGIN));
        out.push_str("</svg>");
        out.push_str(&format!(
            "\n{aside}</figure>\n<p class=\"note\">{}</p>\n",
            escape(&format!(
                "Couche « {} », {} ; indicateur « {} ».",
                ctx.diagnosis.coverage.layer,
                count_of(zones.len(), "zone", "zones"),
                legend.property
            ))
        ));
    }

    /// Whether the value of the zone at index `i` is suppressed.
    fn secret(&self, i: usize) -> bool {
        self.ctx
            .suppression
            .is_suppressed(i, &self.map.legend().property)
    }

    /// The legend: classes with their number of zones, missing values, outlines.
    fn legend_aside(&self, zones: &[ZoneShape], priority_layers: &[&Layer]) -> String {
        let (ctx, legend) = (self.ctx, self.map.legend());
        let mut items = String::new();
        for (c, range) in legend.classes.iter().zip(legend.class_labels()) {
            let n = zones
                .iter()
                .filter(|z| z.fill == c.color && z.value.is_some())
                .count();
            items.push_str(&format!(
                "<li>{}<span>{}</span><span class=\"effectif\">{}</span></li>\n",
                swatch(&c.color, "#ffffff", 1.0, false),
                escape(&range),
                escape(&count_of(n, "zone", "zones"))
            ));
        }
        let missing = zones.iter().filter(|z| z.value.is_none()).count();
        let secrets = (0..zones.len()).filter(|&i| self.secret(i)).count();
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
        let qpv: usize = priority_layers.iter().map(|l| l.zones.len()).sum();
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
            "Classes par quantiles : chaque couleur regroupe à peu près autant de zones. Survolez une zone pour lire ses valeurs, cliquez-la pour sa fiche.",
        )));
        if ctx.suppression.is_active() {
            aside.push_str(&note(&escape(&suppression_note(
                ctx.suppression.min_count(),
            ))));
        }
        aside.push_str("</div>\n");
        aside
    }

    /// The zones, a path each, filled with their class, with their tooltip.
    fn write_zones(&self, zones: &[ZoneShape], decimals: usize, out: &mut Page<'_>) {
        let legend = self.map.legend();
        if self.ctx.national() {
            // the outline and its class only (see `NATIONAL_FROM_ACTORS`)
            for (z, outline) in zones.iter().zip(&self.outlines) {
                out.push_str(&format!(
                    "<path d=\"{}\" fill=\"{}\"/>\n",
                    self.fitted.path(outline),
                    escape(z.fill)
                ));
            }
            out.push_str("</g>\n");
            return;
        }
        for (i, (z, outline)) in zones.iter().zip(&self.outlines).enumerate() {
            let value = match z.value {
                Some(v) => french_number(v, decimals),
                None if self.secret(i) => SECRET.to_owned(),
                None => "non renseigné".to_owned(),
            };
            let mut tooltip = format!(
                "{} ({})\n{} : {}\nPopulation : {}\nActeurs localisés : {}",
                z.name,
                z.id,
                legend.title,
                value,
                french_number(z.population, 0),
                z.actors
                    .map_or_else(|| SECRET.to_owned(), |n| french_count(n as usize))
            );
            if z.priority {
                tooltip.push_str("\nZone prioritaire");
            }
            out.push_str(&format!(
                "<path class=\"zone\" data-zone=\"{}\" d=\"{}\" fill=\"{}\" stroke=\"#616e7c\" stroke-width=\"0.6\"><title>{}</title></path>\n",
                escape(z.id),
                self.fitted.path(outline),
                escape(z.fill),
                escape(&tooltip)
            ));
        }
        out.push_str("</g>\n");
    }

    /// The priority zones' outlines on top, so that no neighbour's edge hides them;
    /// then the priority layers' outlines, dashed.
    fn write_priority_outlines(
        &self,
        zones: &[ZoneShape],
        priority_layers: &[&Layer],
        out: &mut Page<'_>,
    ) {
        let fitted = &self.fitted;
        out.push_str("<g class=\"prioritaires\" fill=\"none\" stroke-linejoin=\"round\">\n");
        for (z, outline) in zones.iter().zip(&self.outlines).filter(|(z, _)| z.priority) {
            out.push_str(&format!(
                "<path class=\"zone-prioritaire\" d=\"{}\" stroke=\"{}\" stroke-width=\"{}\"/>\n",
                fitted.path(outline),
                escape(if z.stroke.is_empty() {
                    PRIORITY_STROKE
                } else {
                    z.stroke
                }),
                coordinate(z.stroke_width.max(2.5))
            ));
        }
        out.push_str("</g>\n");
        for layer in priority_layers {
            for z in &layer.zones {
                out.push_str(&format!(
                    "<path class=\"qpv\" d=\"{}\" fill=\"none\" stroke=\"#7a0177\" stroke-width=\"1.6\" stroke-dasharray=\"6 3\"><title>{}</title></path>\n",
                    fitted.path(&z.geometry),
                    escape(&format!("{} : périmètre prioritaire (couche « {} »)", z.name, layer.name))
                ));
            }
        }
    }
}

/// What the report says of suppressed counts.
pub(crate) fn suppression_note(min_count: u64) -> String {
    format!(
        "Secret statistique : les effectifs de 1 à {} par zone sont masqués, ainsi que ceux qui permettraient de les retrouver par différence.",
        min_count - 1
    )
}
