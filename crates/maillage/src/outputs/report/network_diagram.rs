//! The network diagram: actors placed by location on the zone map's projection,
//! coloured by sector and sized by betweenness, and the ties between them.
//!
//! Placement, in this order: the actor's location; for an actor without one that
//! serves zones (a CPTS, an ASV), the anchor point of the first zone it serves; else
//! (regional institutions, actors without address, or located far outside the
//! territory) a place on a dashed ring around the map, grouped by sector. Actors that
//! fall on the same point are spread on a small circle around it. An actor of family
//! `professional` is drawn only when the options ask for individuals, and a tie only
//! when both its ends are drawn.

use super::explore::{actor_cards, layer_switches, write_cards, zoom_buttons};
use super::html::Page;
use super::html::{capitalise, note};
use super::svg::{coordinate, Extent, Projection};
use super::text::{count_of, escape, french_count, french_number};
use super::{Body, Context, Section};
use crate::model::Actor;
use crate::network::Tie;
use crate::outputs::Palettes;
use geo::MultiPolygon;
use std::collections::BTreeMap;
use std::f64::consts::{PI, SQRT_2};

/// The id of the diagram's SVG element.
const FIGURE_ID: &str = "reseau-figure";
/// Largest size of the territory inside the ring, in SVG units.
const INNER_WIDTH: f64 = 480.0;
const INNER_HEIGHT: f64 = 520.0;
/// Room between the territory's box and the ring, and around the ring (wider on the
/// sides, for the names of the actors on the ring).
const RING_GAP: f64 = 18.0;
const PAD_X: f64 = 170.0;
const PAD_Y: f64 = 34.0;
/// Longest name written beside an actor on the ring, in characters.
const RING_LABEL_CHARS: usize = 26;
/// Share of the territory's size beyond which a located actor goes on the ring.
const OUTSIDE_SHARE: f64 = 0.1;
/// Circle radii: the smallest, and what the highest betweenness adds.
const R_MIN: f64 = 3.2;
const R_SPAN: f64 = 9.0;

/// Ties across groups (the ones the E-I index counts as external), and within a group.
const CROSSING_COLOR: &str = "#cc3311";
const WITHIN_COLOR: &str = "#8a8a8a";
/// Background of the zones, and of the priority zones.
const ZONE_FILL: &str = "#edf0f3";
/// The dashed ring.
const RING_COLOR: &str = "#9aa5b1";
const PRIORITY_FILL: &str = "#fbe1dc";

/// Where an actor is drawn, and why there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Placement {
    Located,
    Served,
    Ring,
}

struct Node<'a> {
    index: usize,
    actor: &'a Actor,
    x: f64,
    y: f64,
    r: f64,
    placement: Placement,
    /// The zone an actor without location is drawn at.
    served: Option<&'a str>,
}

fn circle_swatch(fill: &str) -> String {
    format!(
        "<svg class=\"pastille\" width=\"16\" height=\"16\" viewBox=\"0 0 16 16\" aria-hidden=\"true\"><circle cx=\"8\" cy=\"8\" r=\"6\" fill=\"{}\" stroke=\"#333333\" stroke-width=\"0.8\"/></svg>",
        escape(fill)
    )
}

fn line_swatch(stroke: &str) -> String {
    format!(
        "<svg class=\"pastille\" width=\"26\" height=\"12\" viewBox=\"0 0 26 12\" aria-hidden=\"true\"><line x1=\"2\" y1=\"6\" x2=\"24\" y2=\"6\" stroke=\"{}\" stroke-width=\"2.2\"/></svg>",
        escape(stroke)
    )
}

/// "Le réseau des acteurs": the diagram and its legend.
pub(crate) fn network_diagram<'c>(ctx: &'c Context<'_>) -> Option<Section<'c>> {
    let layer = ctx.territory.coverage_layer();
    let extent = Extent::of(layer.zones.iter().map(|z| &z.geometry))?;
    Some(Section {
        id: "reseau",
        title: "Le réseau des acteurs".to_owned(),
        body: Body::write(move |out| write_network_diagram(ctx, &extent, out)),
    })
}

/// The body of "Le réseau des acteurs": the figures of the legend and the caption
/// first, then the diagram written a zone, a tie and an actor at a time.
fn write_network_diagram(ctx: &Context<'_>, extent: &Extent, out: &mut Page<'_>) {
    if ctx.national() {
        write_sector_diagram(ctx, out);
        return;
    }
    let layout = Layout::of(ctx, extent);
    let (ties, edges) = drawn_ties(ctx, &layout.nodes);
    let priority = priority_outlines(ctx);
    let (aside, caption) =
        legend_and_caption(ctx, &layout.nodes, &ties, edges, &priority, layout.ring);

    let title = "Le réseau des acteurs";
    out.push_str(&zoom_buttons(FIGURE_ID, true));
    out.push_str(&layer_switches(
        FIGURE_ID,
        &[
            ("liens", "Liens".to_owned()),
            ("noms", "Noms sur l’anneau".to_owned()),
        ],
    ));
    out.push_str("<figure class=\"illustration\">\n");
    out.push_str(&format!(
        "<svg id=\"{FIGURE_ID}\" class=\"reseau explorable\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" role=\"img\" aria-label=\"{title}\">\n<title>{title}</title>\n",
        w = coordinate(layout.width),
        h = coordinate(layout.height),
    ));
    write_background(ctx, &layout, &priority, out);
    write_ties(ctx, &layout.nodes, &ties, out);
    write_actors(ctx, &layout.nodes, out);
    write_ring_names(&layout, out);
    write_holder_numbers(ctx, &layout, out);
    out.push_str("</g>\n</svg>");

    out.push_str(&format!(
        "\n{aside}</figure>\n<p class=\"note\">{}</p>\n",
        escape(&caption)
    ));
    let shown: Vec<usize> = layout.nodes.iter().map(|n| n.index).collect();
    write_cards(out, "acteur", &actor_cards(ctx, &shown));
}

/// The diagram of a territory at national size: a circle per sector (its area
/// following its number of actors), a line per pair of sectors with ties between
/// them (its width following their number), the sectors around a circle in the
/// taxonomy's order. Counts only: no actor is named.
fn write_sector_diagram(ctx: &Context<'_>, out: &mut Page<'_>) {
    const SIZE: f64 = 640.0;
    const RADIUS: f64 = 220.0;
    let (t, d) = (ctx.territory, ctx.diagnosis);
    let palettes = Palettes::builtin();
    let mut by_order: BTreeMap<usize, (&str, usize)> = BTreeMap::new();
    for a in &t.actors {
        by_order
            .entry(sector_order(ctx, a))
            .or_insert((a.sector.as_str(), 0))
            .1 += 1;
    }
    let sectors: Vec<(&str, usize)> = by_order.into_values().collect();
    let index: std::collections::HashMap<&str, usize> = sectors
        .iter()
        .enumerate()
        .map(|(i, (s, _))| (*s, i))
        .collect();
    let n = sectors.len();
    let mut between = vec![vec![0usize; n]; n];
    let mut edges = 0;
    for tie in d.ties.iter() {
        let (i, j) = (
            index[t.actors[tie.a.index()].sector.as_str()],
            index[t.actors[tie.b.index()].sector.as_str()],
        );
        between[i.min(j)][i.max(j)] += 1;
        edges += 1;
    }
    let most_actors = sectors.iter().map(|s| s.1).max().unwrap_or(1).max(1) as f64;
    let most_ties = (0..n)
        .flat_map(|i| (i + 1..n).map(move |j| (i, j)))
        .map(|(i, j)| between[i][j])
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let centre = SIZE / 2.0;
    let at = |i: usize| {
        let angle = -std::f64::consts::FRAC_PI_2 + 2.0 * PI * i as f64 / n.max(1) as f64;
        (
            centre + RADIUS * angle.cos(),
            centre + RADIUS * angle.sin(),
            angle,
        )
    };
    let label = |i: usize| ctx.sector_label(sectors[i].0);
    out.push_str(&zoom_buttons(FIGURE_ID, false));
    out.push_str(&format!(
        "<figure class=\"illustration\">\n<svg id=\"{FIGURE_ID}\" class=\"reseau explorable\" width=\"{w}\" height=\"{s}\" viewBox=\"{x} 0 {w} {s}\" role=\"img\" aria-label=\"Le réseau par secteur\">\n<title>Le réseau par secteur</title>\n<g class=\"liens\" stroke-linecap=\"round\">\n",
        s = coordinate(SIZE),
        w = coordinate(SIZE + 2.0 * PAD_X),
        x = coordinate(-PAD_X)
    ));
    for i in 0..n {
        for j in i + 1..n {
            let ties = between[i][j];
            if ties == 0 {
                continue;
            }
            let ((x1, y1, _), (x2, y2, _)) = (at(i), at(j));
            out.push_str(&format!(
                "<line class=\"tie\" data-secteurs=\"{} {}\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{CROSSING_COLOR}\" stroke-width=\"{}\" stroke-opacity=\"0.55\"><title>{}</title></line>\n",
                escape(sectors[i].0),
                escape(sectors[j].0),
                coordinate(x1),
                coordinate(y1),
                coordinate(x2),
                coordinate(y2),
                coordinate(1.0 + 13.0 * ties as f64 / most_ties),
                escape(&format!("{} – {} : {}", label(i), label(j), count_of(ties, "lien", "liens")))
            ));
        }
    }
    out.push_str("</g>\n<g class=\"acteurs\" stroke=\"#333333\" stroke-width=\"0.8\">\n");
    let mut names = String::from("<g class=\"noms\">\n");
    for (i, (sector, actors)) in sectors.iter().enumerate() {
        let (x, y, angle) = at(i);
        let r = 6.0 + 34.0 * (*actors as f64 / most_actors).sqrt();
        out.push_str(&format!(
            "<circle class=\"secteur\" data-secteur=\"{}\" cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"{}\"><title>{}</title></circle>\n",
            escape(sector),
            coordinate(x),
            coordinate(y),
            coordinate(r),
            escape(palettes.sector_color(sector)),
            escape(&format!(
                "{} : {}, {} en son sein",
                label(i),
                count_of(*actors, "acteur", "acteurs"),
                count_of(between[i][i], "lien", "liens")
            ))
        ));
        let (dx, dy) = (angle.cos(), angle.sin());
        names.push_str(&format!(
            "<text class=\"nom\" data-secteur=\"{}\" x=\"{}\" y=\"{}\" text-anchor=\"{}\">{} ({})</text>\n",
            escape(sector),
            coordinate(x + dx * (r + 6.0)),
            coordinate(y + dy * (r + 6.0) + 4.0),
            if dx > 0.2 { "start" } else if dx < -0.2 { "end" } else { "middle" },
            escape(label(i)),
            french_count(*actors)
        ));
    }
    names.push_str("</g>\n");
    out.push_str("</g>\n");
    out.push_str(&names);
    out.push_str("</svg>\n</figure>\n");
    out.push_str(&note(&escape(&format!(
        "Au-delà de {} acteurs, le schéma résume le réseau par secteur : un cercle par secteur, sa surface suivant son nombre d’acteurs, et un trait par paire de secteurs liés, son épaisseur suivant le nombre de liens entre eux. {} et {} en tout. Le réseau acteur par acteur est dans network.gexf et network.graphml (Gephi, Cytoscape).",
        french_count(super::NATIONAL_FROM_ACTORS),
        capitalise(&count_of(t.actors.len(), "acteur", "acteurs")),
        count_of(edges, "lien", "liens")
    ))));
}

/// Where everything is drawn: the frame, the ellipse of the ring, and the actors.
struct Layout<'a> {
    width: f64,
    height: f64,
    /// The centre of the frame, and the half-axes of the ring around the territory.
    cx: f64,
    cy: f64,
    rx: f64,
    ry: f64,
    projection: Projection,
    nodes: Vec<Node<'a>>,
    /// How many actors are on the ring.
    ring: usize,
}

impl<'a> Layout<'a> {
    /// The territory fitted inside the ring, and the drawn actors placed: at their
    /// location, at the zone they serve, or on the ring.
    fn of(ctx: &Context<'a>, extent: &Extent) -> Self {
        let t = ctx.territory;
        let extent = *extent;
        let fitted = Projection::fit(&extent, INNER_WIDTH, INNER_HEIGHT, (0.0, 0.0));
        let (w, h) = fitted.size();
        let (rx, ry) = (w / 2.0 * SQRT_2 + RING_GAP, h / 2.0 * SQRT_2 + RING_GAP);
        let (width, height) = (2.0 * (rx + PAD_X), 2.0 * (ry + PAD_Y));
        let (cx, cy) = (width / 2.0, height / 2.0);
        let projection = fitted.moved_to((cx - w / 2.0, cy - h / 2.0));

        // Betweenness of the drawn actors sets the radii.
        let shown: Vec<(usize, &Actor)> = t
            .actors
            .iter()
            .enumerate()
            .filter(|(_, a)| ctx.shows(a))
            .collect();
        let betweenness = |a: &Actor| ctx.metrics(&a.id).map_or(0.0, |m| m.betweenness);
        let b_max = shown
            .iter()
            .map(|(_, a)| betweenness(a))
            .fold(0.0_f64, f64::max);
        let radius = |a: &Actor| {
            if b_max > 0.0 {
                R_MIN + R_SPAN * (betweenness(a) / b_max).sqrt()
            } else {
                R_MIN + 1.0
            }
        };

        let mut nodes: Vec<Node<'_>> = Vec::with_capacity(shown.len());
        let mut ring: Vec<(usize, &Actor)> = Vec::new();
        for &(index, actor) in &shown {
            match placed(ctx, &extent, actor) {
                Some((point, placement, served)) => {
                    let (x, y) = projection.point(point.0, point.1);
                    nodes.push(Node {
                        index,
                        actor,
                        x,
                        y,
                        r: radius(actor),
                        placement,
                        served,
                    });
                }
                None => ring.push((index, actor)),
            }
        }
        spread_shared_points(&mut nodes);
        // The ring, grouped by sector in taxonomy order.
        ring.sort_by_key(|&(i, a)| (sector_order(ctx, a), i));
        let m = ring.len() as f64;
        for (k, &(index, actor)) in ring.iter().enumerate() {
            let angle = -PI / 2.0 + 2.0 * PI * (k as f64 + 0.5) / m;
            nodes.push(Node {
                index,
                actor,
                x: cx + rx * angle.cos(),
                y: cy + ry * angle.sin(),
                r: radius(actor),
                placement: Placement::Ring,
                served: None,
            });
        }
        Self {
            width,
            height,
            cx,
            cy,
            rx,
            ry,
            projection,
            nodes,
            ring: ring.len(),
        }
    }

    /// Where a node is on the ring's ellipse, as a share of its half-axes.
    fn on_ring(&self, n: &Node<'_>) -> (f64, f64) {
        ((n.x - self.cx) / self.rx, (n.y - self.cy) / self.ry)
    }
}

/// The point an actor is drawn at (lon, lat), and why there: its location inside the
/// territory's frame, or the anchor of the first zone it serves for an actor without
/// one; `None` for the ring.
fn placed<'a>(
    ctx: &Context<'a>,
    extent: &Extent,
    actor: &Actor,
) -> Option<((f64, f64), Placement, Option<&'a str>)> {
    let t = ctx.territory;
    let located = actor
        .location
        .filter(|p| extent.contains(p.lon, p.lat, OUTSIDE_SHARE));
    let served = if actor.location.is_none() {
        actor
            .serves
            .first()
            .map(|&z| t.zone(z))
            .filter(|z| extent.contains(z.anchor.lon, z.anchor.lat, OUTSIDE_SHARE))
    } else {
        None
    };
    match (located, served) {
        (Some(p), _) => Some(((p.lon, p.lat), Placement::Located, None)),
        (None, Some(z)) => Some((
            (z.anchor.lon, z.anchor.lat),
            Placement::Served,
            Some(z.name.as_str()),
        )),
        (None, None) => None,
    }
}

/// Spreads the actors that share a point on a small circle around it.
fn spread_shared_points(nodes: &mut [Node<'_>]) {
    let mut at: BTreeMap<(String, String), Vec<usize>> = BTreeMap::new();
    for (k, n) in nodes.iter().enumerate() {
        at.entry((coordinate(n.x), coordinate(n.y)))
            .or_default()
            .push(k);
    }
    for members in at.values().filter(|m| m.len() > 1) {
        let count = members.len() as f64;
        let spread = 6.0 + 2.2 * count;
        for (j, &k) in members.iter().enumerate() {
            let angle = -PI / 2.0 + 2.0 * PI * j as f64 / count;
            nodes[k].x += spread * angle.cos();
            nodes[k].y += spread * angle.sin();
        }
    }
}

/// The rank of an actor's sector in the taxonomy (unknown sectors last).
fn sector_order(ctx: &Context<'_>, a: &Actor) -> usize {
    ctx.territory
        .taxonomy
        .sectors
        .get_index_of(a.sector.as_str())
        .unwrap_or(usize::MAX)
}

/// The ties between drawn actors, each marked when it crosses groups: within a group
/// first, across groups on top, each part by its ends; and the number of ties of the
/// network.
fn drawn_ties(ctx: &Context<'_>, nodes: &[Node<'_>]) -> (Vec<(bool, Tie)>, usize) {
    let (t, d) = (ctx.territory, ctx.diagnosis);
    let mut drawn = vec![false; t.actors.len()];
    for n in nodes {
        drawn[n.index] = true;
    }
    let partition = d.network.partition.as_str();
    let mut edges = 0;
    let mut ties: Vec<(bool, Tie)> = d
        .ties
        .iter()
        .inspect(|_| edges += 1)
        .filter(|tie| drawn[tie.a.index()] && drawn[tie.b.index()])
        .map(|tie| {
            let crosses = t.group_of(tie.a, partition) != t.group_of(tie.b, partition);
            (crosses, tie)
        })
        .collect();
    ties.sort_by_key(|(crosses, _)| *crosses);
    (ties, edges)
}

/// The priority areas tinted in the background: the zones of the priority layers
/// (QPV), or the coverage layer's priority zones when it is the only one.
fn priority_outlines<'a>(ctx: &Context<'a>) -> Vec<&'a MultiPolygon<f64>> {
    let (t, d) = (ctx.territory, ctx.diagnosis);
    let coverage_layer = t.analysis.coverage_layer.0 as usize;
    let priority: Vec<&MultiPolygon<f64>> = t
        .layers
        .iter()
        .enumerate()
        .filter(|(i, l)| l.priority && *i != coverage_layer)
        .flat_map(|(_, l)| l.zones.iter().map(|z| &z.geometry))
        .collect();
    if !priority.is_empty() {
        return priority;
    }
    t.coverage_layer()
        .zones
        .iter()
        .zip(&d.coverage.zones)
        .filter(|(_, c)| c.priority)
        .map(|(z, _)| &z.geometry)
        .collect()
}

/// Background: the zones, then the priority areas tinted; the ring when an actor is
/// on it.
fn write_background(
    ctx: &Context<'_>,
    layout: &Layout<'_>,
    priority: &[&MultiPolygon<f64>],
    out: &mut Page<'_>,
) {
    let projection = &layout.projection;
    out.push_str(
        "<g class=\"fond\" fill-rule=\"evenodd\" stroke=\"#ffffff\" stroke-width=\"1\">\n",
    );
    for z in &ctx.territory.coverage_layer().zones {
        out.push_str(&format!(
            "<path class=\"fond-zone\" d=\"{}\" fill=\"{ZONE_FILL}\"/>\n",
            projection.path(&z.geometry)
        ));
    }
    for outline in priority {
        out.push_str(&format!(
            "<path class=\"fond-prioritaire\" d=\"{}\" fill=\"{PRIORITY_FILL}\"/>\n",
            projection.path(outline)
        ));
    }
    out.push_str("</g>\n");
    if layout.ring > 0 {
        out.push_str(&format!(
            "<ellipse class=\"anneau\" cx=\"{}\" cy=\"{}\" rx=\"{}\" ry=\"{}\" fill=\"none\" stroke=\"{RING_COLOR}\" stroke-width=\"1\" stroke-dasharray=\"3 4\"/>\n",
            coordinate(layout.cx),
            coordinate(layout.cy),
            coordinate(layout.rx),
            coordinate(layout.ry),
        ));
    }
}

/// The ties, a line each, its width by its weight, its tooltip naming its ends and
/// the kinds of their relations.
fn write_ties(ctx: &Context<'_>, nodes: &[Node<'_>], ties: &[(bool, Tie)], out: &mut Page<'_>) {
    let t = ctx.territory;
    let w_max = ctx.diagnosis.ties.max_weight();
    // Where each drawn actor is, by actor index.
    let mut position: Vec<Option<(f64, f64)>> = vec![None; t.actors.len()];
    for n in nodes {
        position[n.index] = Some((n.x, n.y));
    }
    out.push_str("<g class=\"liens\" stroke-linecap=\"round\">\n");
    for (crosses, tie) in ties {
        let (u, v) = (tie.a.index(), tie.b.index());
        let (Some((x1, y1)), Some((x2, y2))) = (position[u], position[v]) else {
            continue;
        };
        let labels: Vec<&str> = tie
            .kinds()
            .map(|k| {
                t.taxonomy
                    .relation_kinds
                    .get(k.as_str())
                    .map_or(k.as_str(), |l| l.label.as_str())
            })
            .collect();
        let width = if w_max > 0.0 {
            0.6 + 1.8 * tie.weight / w_max
        } else {
            1.0
        };
        out.push_str(&format!(
            "<line class=\"tie\" data-secteurs=\"{} {}\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\" stroke-width=\"{}\" stroke-opacity=\"{}\"><title>{}</title></line>\n",
            escape(&t.actors[u].sector),
            escape(&t.actors[v].sector),
            coordinate(x1),
            coordinate(y1),
            coordinate(x2),
            coordinate(y2),
            if *crosses { CROSSING_COLOR } else { WITHIN_COLOR },
            coordinate(width),
            if *crosses { "0.6" } else { "0.45" },
            escape(&format!(
                "{} – {}\n{}",
                t.actors[u].name,
                t.actors[v].name,
                labels.join(", ")
            ))
        ));
    }
    out.push_str("</g>\n");
}

/// The actors, a circle each: largest first, so that small circles stay visible on
/// top.
fn write_actors(ctx: &Context<'_>, nodes: &[Node<'_>], out: &mut Page<'_>) {
    let palettes = Palettes::builtin();
    let mut order: Vec<usize> = (0..nodes.len()).collect();
    order.sort_by(|&i, &j| {
        nodes[j]
            .r
            .total_cmp(&nodes[i].r)
            .then(nodes[i].index.cmp(&nodes[j].index))
    });
    out.push_str("<g class=\"acteurs\" stroke=\"#333333\" stroke-width=\"0.8\">\n");
    for &k in &order {
        let n = &nodes[k];
        out.push_str(&format!(
            "<circle class=\"actor\" data-acteur=\"{}\" data-secteur=\"{}\" cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"{}\"><title>{}</title></circle>\n",
            escape(&n.actor.id),
            escape(&n.actor.sector),
            coordinate(n.x),
            coordinate(n.y),
            coordinate(n.r),
            escape(palettes.sector_color(&n.actor.sector)),
            escape(&actor_tooltip(ctx, n))
        ));
    }
    out.push_str("</g>\n");
}

/// An actor's tooltip: name, kind and sector, figures, and why it is drawn where it is.
fn actor_tooltip(ctx: &Context<'_>, n: &Node<'_>) -> String {
    let a = n.actor;
    let mut tooltip = format!(
        "{}\n{} · {}",
        a.name,
        ctx.kind_label(&a.kind),
        ctx.sector_label(&a.sector)
    );
    if let Some(m) = ctx.metrics(&a.id) {
        tooltip.push_str(&format!(
            "\nPartenaires directs : {}\nIntermédiarité : {}",
            french_count(m.degree),
            french_number(m.betweenness, 3)
        ));
    }
    match (n.placement, n.served) {
        (Placement::Served, Some(z)) => {
            tooltip.push_str(&format!("\nPlacé au centre de la zone desservie : {z}"))
        }
        (Placement::Ring, _) if a.location.is_some() => {
            tooltip.push_str("\nInstallé hors du territoire")
        }
        (Placement::Ring, _) => tooltip.push_str("\nSans adresse sur le territoire"),
        _ => {}
    }
    tooltip
}

/// Names of the actors on the ring, outside it.
fn write_ring_names(layout: &Layout<'_>, out: &mut Page<'_>) {
    out.push_str("<g class=\"noms\">\n");
    for n in layout
        .nodes
        .iter()
        .filter(|n| n.placement == Placement::Ring)
    {
        let (dx, dy) = layout.on_ring(n);
        let anchor = if dx >= 0.0 { "start" } else { "end" };
        let gap = n.r + 4.0;
        out.push_str(&format!(
            "<text class=\"nom\" data-secteur=\"{}\" x=\"{}\" y=\"{}\" text-anchor=\"{anchor}\">{}</text>\n",
            escape(&n.actor.sector),
            coordinate(n.x + dx * gap),
            coordinate(n.y + dy * gap + 3.5 + if dy > 0.9 { 6.0 } else { 0.0 }),
            escape(&shorten(&n.actor.name, RING_LABEL_CHARS))
        ));
    }
    out.push_str("</g>\n");
}

/// Numbers of the actors who hold the network together, as in their table. The group
/// is left open: the caller closes it with the diagram.
fn write_holder_numbers(ctx: &Context<'_>, layout: &Layout<'_>, out: &mut Page<'_>) {
    let holders = ctx.holders();
    out.push_str("<g class=\"numeros\">\n");
    for (rank, (actor, _)) in holders.iter().enumerate() {
        if let Some(n) = layout.nodes.iter().find(|n| std::ptr::eq(n.actor, *actor)) {
            // Up and right of the circle; inside the ring for an actor on it, whose
            // name is outside.
            let offset = n.r * 0.75 + 2.0;
            let (x, y, anchor) = if n.placement == Placement::Ring {
                let (dx, dy) = layout.on_ring(n);
                let anchor = if dx >= 0.0 { "end" } else { "start" };
                (n.x - dx * (n.r + 3.0), n.y - dy * (n.r + 3.0) + 4.0, anchor)
            } else {
                (n.x + offset, n.y - offset, "start")
            };
            out.push_str(&format!(
                "<text class=\"numero\" data-secteur=\"{}\" x=\"{}\" y=\"{}\" text-anchor=\"{anchor}\">{}</text>\n",
                escape(&n.actor.sector),
                coordinate(x),
                coordinate(y),
                rank + 1
            ));
        }
    }
}

/// The legend of the diagram (sectors, ties, priority areas, ring) and its caption.
fn legend_and_caption(
    ctx: &Context<'_>,
    nodes: &[Node<'_>],
    ties: &[(bool, Tie)],
    edges: usize,
    priority: &[&MultiPolygon<f64>],
    ring: usize,
) -> (String, String) {
    let palettes = Palettes::builtin();
    // Legend.
    let mut sectors: BTreeMap<usize, (&str, usize)> = BTreeMap::new();
    for n in nodes {
        sectors
            .entry(sector_order(ctx, n.actor))
            .or_insert((n.actor.sector.as_str(), 0))
            .1 += 1;
    }
    let mut aside =
        format!("<div class=\"legende\" data-cible=\"{FIGURE_ID}\">\n<h3>Secteurs</h3>\n<ul>\n");
    for (sector, count) in sectors.values() {
        aside.push_str(&format!(
            "<li><label><input type=\"checkbox\" data-secteur=\"{}\" checked>{}<span>{}</span></label><span class=\"effectif\">{}</span></li>\n",
            escape(sector),
            circle_swatch(palettes.sector_color(sector)),
            escape(ctx.sector_label(sector)),
            french_count(*count)
        ));
    }
    let group = ctx.partition_label();
    aside.push_str(&format!(
        "</ul>\n<h3>Liens</h3>\n<ul>\n<li>{}<span>{}</span><span class=\"effectif\">{}</span></li>\n<li>{}<span>{}</span><span class=\"effectif\">{}</span></li>\n</ul>\n",
        line_swatch(CROSSING_COLOR),
        escape(&format!("entre deux {group}s différents")),
        french_count(ties.iter().filter(|t| t.0).count()),
        line_swatch(WITHIN_COLOR),
        escape(&format!("au sein d’un même {group}")),
        french_count(ties.iter().filter(|t| !t.0).count()),
    ));
    if !priority.is_empty() {
        aside.push_str(&format!(
            "<ul>\n<li>{}<span>périmètre prioritaire</span></li>\n</ul>\n",
            super::svg::swatch(PRIORITY_FILL, "#ffffff", 1.0, false)
        ));
    }
    if ring > 0 {
        aside.push_str(&format!(
            "<ul>\n<li><svg class=\"pastille\" width=\"26\" height=\"12\" viewBox=\"0 0 26 12\" aria-hidden=\"true\"><line x1=\"2\" y1=\"6\" x2=\"24\" y2=\"6\" stroke=\"{RING_COLOR}\" stroke-width=\"1.2\" stroke-dasharray=\"3 3\"/></svg><span>anneau : acteurs sans adresse sur le territoire</span><span class=\"effectif\">{}</span></li>\n</ul>\n",
            french_count(ring)
        ));
    }
    aside.push_str(&note(&escape(
        "Taille du cercle : intermédiarité (plus il est grand, plus l’acteur relie des acteurs éloignés les uns des autres). Épaisseur du trait : poids de la relation. Numéros : voir « Les acteurs qui tiennent le réseau ». Survolez un cercle ou un trait pour le détail, cliquez un cercle pour la fiche de l’acteur ; décochez un secteur pour le masquer.",
    )));
    aside.push_str("</div>\n");

    let count = |p: Placement| nodes.iter().filter(|n| n.placement == p).count();
    let mut caption = format!(
        "{} dessinés : {} à leur adresse, {} au centre de la zone qu’ils desservent, {} sur l’anneau (sans adresse sur le territoire, ou installés au-delà). {} dessinés sur {}.",
        capitalise(&count_of(nodes.len(), "acteur", "acteurs")),
        french_count(count(Placement::Located)),
        french_count(count(Placement::Served)),
        french_count(count(Placement::Ring)),
        capitalise(&count_of(ties.len(), "lien", "liens")),
        french_count(edges)
    );
    let hidden = ctx.hidden_individuals();
    if hidden > 0 {
        caption.push_str(&format!(
            " Les {} professionnel·les ne sont pas dessiné·es, ni leurs liens : ils et elles sont compté·es dans leur zone (tableau des zones).",
            french_count(hidden)
        ));
    }
    (aside, caption)
}

/// A short form of a name for a label: the part before a dash or a parenthesis
/// ("APPOR – Association de prévention…" gives "APPOR"), cut to `max` characters with
/// an ellipsis.
pub(super) fn shorten(name: &str, max: usize) -> String {
    let name = [" – ", " - ", " ("]
        .iter()
        .filter_map(|sep| name.split_once(sep).map(|(head, _)| head.trim()))
        .filter(|head| head.chars().count() >= 3)
        .min_by_key(|head| head.len())
        .unwrap_or(name);
    if name.chars().count() <= max {
        name.to_owned()
    } else {
        let cut: String = name.chars().take(max - 1).collect();
        format!("{}…", cut.trim_end())
    }
}

#[cfg(test)]
mod tests {
    use super::shorten;

    #[test]
    fn shortens_names_to_their_head() {
        assert_eq!(
            shorten("APPOR – Association de prévention en orthophonie", 26),
            "APPOR"
        );
        assert_eq!(shorten("CPAM du Rhône", 26), "CPAM du Rhône");
        assert_eq!(
            shorten(
                "Dispositif d'appui à la coordination (DAC) de la Métropole",
                26
            ),
            "Dispositif d'appui à la c…"
        );
    }
}
