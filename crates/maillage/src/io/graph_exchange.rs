//! Graph exchange files for Gephi, Cytoscape, networkx and igraph (spec/OUTPUTS.md
//! "Graph exchange"): `network.graphml` and `network.gexf`.
//!
//! Both hold the same graph: one node per actor, in bundle order, with every actor
//! attribute, the figures of the [`NetworkReport`] and the actor's `longitude` and
//! `latitude`; one directed edge per relation, in file order, with every relation
//! attribute. Attributes have the same names and types in both files (`string`,
//! `double`, `int`, `long`, `boolean`); an absent value (no location, a figure that is
//! undefined for the actor, an empty cell) is left out, never written as `NaN` or `""`.
//! The XML is written by quick-xml, which escapes text and attribute values; characters
//! XML 1.0 cannot hold (control characters other than tab and line breaks) become
//! U+FFFD. No timestamp is written: the same input gives byte-identical files.

use super::directory::{extra_actor_columns, rename_clashes};
use super::maps::round6;
use super::style::Palettes;
use crate::model::{LonLat, Territory};
use crate::network::report::{ActorMetrics, NetworkReport};
use crate::spatial::EARTH_RADIUS_M;
use quick_xml::events::{BytesDecl, BytesText, Event};
use quick_xml::Writer;
use std::borrow::Cow;
use std::collections::HashMap;
use std::io;

const GRAPHML_NS: &str = "http://graphml.graphdrawing.org/xmlns";
const GRAPHML_SCHEMA: &str =
    "http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd";
const GEXF_NS: &str = "http://gexf.net/1.3";
const GEXF_VIZ_NS: &str = "http://gexf.net/1.3/viz";
const GEXF_SCHEMA: &str = "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd";
const XSI_NS: &str = "http://www.w3.org/2001/XMLSchema-instance";

/// Units of GEXF `viz:position`: metres per unit (the layout is in 10 m units east and
/// north of the located actors' mean point, so a town spans a few hundred units, the
/// scale of Gephi's own layouts).
const VIZ_METRES_PER_UNIT: f64 = 10.0;

/// The type of an attribute, named as GraphML and GEXF name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Type {
    String,
    Double,
    Int,
    Long,
    Boolean,
}

impl Type {
    fn graphml(self) -> &'static str {
        match self {
            Self::String => "string",
            Self::Double => "double",
            Self::Int => "int",
            Self::Long => "long",
            Self::Boolean => "boolean",
        }
    }

    fn gexf(self) -> &'static str {
        match self {
            Self::Int => "integer",
            other => other.graphml(),
        }
    }
}

/// One attribute value.
#[derive(Debug, Clone, PartialEq)]
enum Value {
    Text(String),
    Double(f64),
    Int(i64),
    Long(u64),
    Bool(bool),
}

impl Value {
    /// The value as written in the file; `None` for a non-finite number (absent).
    fn lexical(&self) -> Option<String> {
        match self {
            Self::Text(s) => Some(s.clone()),
            Self::Double(x) if x.is_finite() => Some(x.to_string()),
            Self::Double(_) => None,
            Self::Int(i) => Some(i.to_string()),
            Self::Long(u) => Some(u.to_string()),
            Self::Bool(b) => Some(b.to_string()),
        }
    }
}

/// A text value, absent when empty.
fn text(s: &str) -> Option<Value> {
    (!s.is_empty()).then(|| Value::Text(s.to_owned()))
}

/// A declared attribute.
#[derive(Debug, Clone)]
struct Column {
    name: String,
    ty: Type,
    /// Written by GEXF as an XML attribute of the element (node `label`, edge `weight`)
    /// rather than declared.
    gexf_native: bool,
}

/// Node attributes written for every territory, in file order.
const NODE_COLUMNS: &[(&str, Type)] = &[
    ("label", Type::String),
    ("name", Type::String),
    ("kind", Type::String),
    ("kind_label", Type::String),
    ("sector", Type::String),
    ("sector_label", Type::String),
    ("family", Type::String),
    ("themes", Type::String),
    ("capacity", Type::Double),
    ("accepting", Type::Boolean),
    ("serves", Type::String),
    ("longitude", Type::Double),
    ("latitude", Type::Double),
    ("group", Type::String),
    ("degree", Type::Int),
    ("strength", Type::Double),
    ("betweenness", Type::Double),
    ("closeness", Type::Double),
    ("pagerank", Type::Double),
    ("clustering", Type::Double),
    ("constraint", Type::Double),
    ("effective_size", Type::Double),
    ("ei_index", Type::Double),
    ("brokerage_coordinator", Type::Long),
    ("brokerage_itinerant", Type::Long),
    ("brokerage_gatekeeper", Type::Long),
    ("brokerage_liaison", Type::Long),
    ("brokerage_total", Type::Long),
    ("articulation_point", Type::Boolean),
    ("fragility", Type::Int),
    ("community", Type::Int),
];

/// Edge attributes written for every territory, in file order.
const EDGE_COLUMNS: &[(&str, Type)] = &[
    ("kind", Type::String),
    ("kind_label", Type::String),
    ("weight", Type::Double),
    ("themes", Type::String),
    ("since", Type::String),
    ("until", Type::String),
    ("valid", Type::Boolean),
];

/// Names readers give a meaning of their own (networkx's GEXF reader sets `id`,
/// `label` and `viz`), kept free for them.
const READER_NAMES: &[&str] = &["id", "label", "viz", "pid", "source", "target"];

/// Values of one node or edge, one slot per column.
struct Row<'c> {
    columns: &'c [Column],
    values: Vec<Option<Value>>,
}

impl<'c> Row<'c> {
    fn new(columns: &'c [Column]) -> Self {
        Self {
            columns,
            values: vec![None; columns.len()],
        }
    }

    /// Sets a column by name (a name not declared is a bug of this module).
    fn set(&mut self, name: &str, value: Option<Value>) {
        let i = self
            .columns
            .iter()
            .position(|c| c.name == name)
            .unwrap_or_else(|| panic!("undeclared column {name}"));
        self.values[i] = value;
    }

    /// The written (column, lexical value) pairs, absent values left out.
    fn written(&self) -> impl Iterator<Item = (usize, String)> + '_ {
        self.values
            .iter()
            .enumerate()
            .filter_map(|(i, v)| v.as_ref().and_then(Value::lexical).map(|s| (i, s)))
    }
}

struct Node<'c> {
    id: String,
    label: String,
    location: Option<LonLat>,
    color: String,
    row: Row<'c>,
}

struct Edge<'c> {
    id: String,
    source: String,
    target: String,
    kind: &'static str,
    weight: f64,
    row: Row<'c>,
}

/// The graph both writers write.
struct Exchange {
    title: String,
    graph_data: Vec<(&'static str, String)>,
    /// Extra columns of `actors.csv`: (bundle name, written name).
    actor_extras: Vec<(String, String)>,
    /// Extra columns of `relations.csv`: (bundle name, written name).
    relation_extras: Vec<(String, String)>,
    node_columns: Vec<Column>,
    edge_columns: Vec<Column>,
}

fn columns(fixed: &[(&str, Type)], gexf_native: &str, extras: &[(String, String)]) -> Vec<Column> {
    fixed
        .iter()
        .map(|&(name, ty)| Column {
            name: name.to_owned(),
            ty,
            gexf_native: name == gexf_native,
        })
        .chain(extras.iter().map(|(_, out)| Column {
            name: out.clone(),
            ty: Type::String,
            gexf_native: false,
        }))
        .collect()
}

/// Names extra columns must not take: the fixed columns and the readers' own.
fn reserved(fixed: &[(&'static str, Type)]) -> Vec<&'static str> {
    READER_NAMES
        .iter()
        .copied()
        .chain(fixed.iter().map(|&(name, _)| name))
        .collect()
}

impl Exchange {
    fn new(territory: &Territory, report: &NetworkReport) -> Self {
        let actor_extras = extra_actor_columns(territory, &reserved(NODE_COLUMNS));
        let mut relation_names: Vec<&str> = Vec::new();
        for r in &territory.relations {
            for (k, _) in &r.attributes {
                if !relation_names.contains(&k.as_str()) {
                    relation_names.push(k);
                }
            }
        }
        let relation_extras = rename_clashes(&relation_names, &reserved(EDGE_COLUMNS));
        let mut graph_data = vec![("name", territory.name.clone())];
        if let Some(d) = report.date {
            graph_data.push(("date", d.to_string()));
        }
        graph_data.push(("partition", report.partition.clone()));
        graph_data.push(("betweenness_mode", report.betweenness.clone()));
        let title = match report.date {
            Some(d) => format!("{} : réseau des partenariats au {d}", territory.name),
            None => format!("{} : réseau des partenariats", territory.name),
        };
        Self {
            title,
            graph_data,
            node_columns: columns(NODE_COLUMNS, "label", &actor_extras),
            edge_columns: columns(EDGE_COLUMNS, "weight", &relation_extras),
            actor_extras,
            relation_extras,
        }
    }

    fn nodes<'c>(&'c self, territory: &Territory, report: &NetworkReport) -> Vec<Node<'c>> {
        let metrics: HashMap<&str, &ActorMetrics> = report
            .actor_metrics
            .iter()
            .map(|m| (m.id.as_str(), m))
            .collect();
        let palettes = Palettes::builtin();
        let taxonomy = &territory.taxonomy;
        territory
            .actors
            .iter()
            .map(|a| {
                let mut row = Row::new(&self.node_columns);
                row.set("label", text(&a.name));
                row.set("name", text(&a.name));
                row.set("kind", text(&a.kind));
                row.set(
                    "kind_label",
                    taxonomy.kind(&a.kind).and_then(|k| text(&k.label)),
                );
                row.set("sector", text(&a.sector));
                row.set(
                    "sector_label",
                    taxonomy.sector(&a.sector).and_then(|s| text(&s.label)),
                );
                row.set("family", text(&a.family));
                let themes: Vec<&str> = a.themes.iter().map(|t| t.label()).collect();
                row.set("themes", text(&themes.join("|")));
                row.set("capacity", Some(Value::Double(a.capacity)));
                row.set("accepting", a.accepting.map(Value::Bool));
                let serves: Vec<String> =
                    a.serves.iter().map(|&z| territory.zone_label(z)).collect();
                row.set("serves", text(&serves.join("|")));
                if let Some(p) = a.location {
                    row.set("longitude", Some(Value::Double(round6(p.lon))));
                    row.set("latitude", Some(Value::Double(round6(p.lat))));
                }
                if let Some(m) = metrics.get(a.id.as_str()) {
                    set_metrics(&mut row, m);
                }
                for (column, out) in &self.actor_extras {
                    row.set(out, a.attribute(column).and_then(text));
                }
                Node {
                    id: a.id.clone(),
                    label: a.name.clone(),
                    location: a.location,
                    color: palettes.sector_color(&a.sector).to_owned(),
                    row,
                }
            })
            .collect()
    }

    fn edges<'c>(&'c self, territory: &Territory, report: &NetworkReport) -> Vec<Edge<'c>> {
        territory
            .relations
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let mut row = Row::new(&self.edge_columns);
                let kind = r.kind.as_str();
                row.set("kind", text(kind));
                row.set(
                    "kind_label",
                    territory
                        .taxonomy
                        .relation_kinds
                        .get(kind)
                        .and_then(|k| text(&k.label)),
                );
                row.set("weight", Some(Value::Double(r.weight)));
                let themes: Vec<&str> = r.themes.iter().map(|t| t.label()).collect();
                row.set("themes", text(&themes.join("|")));
                row.set(
                    "since",
                    r.validity.since.map(|d| Value::Text(d.to_string())),
                );
                row.set(
                    "until",
                    r.validity.until.map(|d| Value::Text(d.to_string())),
                );
                row.set(
                    "valid",
                    Some(Value::Bool(
                        report.date.is_none_or(|d| r.validity.contains(d)),
                    )),
                );
                for (column, out) in &self.relation_extras {
                    let cell = r
                        .attributes
                        .iter()
                        .find(|(k, _)| k == column)
                        .map_or("", |(_, v)| v.as_str());
                    row.set(out, text(cell));
                }
                Edge {
                    id: format!("r{i}"),
                    source: territory.actor(r.source).id.clone(),
                    target: territory.actor(r.target).id.clone(),
                    kind,
                    weight: r.weight,
                    row,
                }
            })
            .collect()
    }
}

fn set_metrics(row: &mut Row<'_>, m: &ActorMetrics) {
    let double = |x: f64| Some(Value::Double(x));
    row.set("group", text(&m.group));
    row.set("degree", Some(Value::Int(m.degree as i64)));
    row.set("strength", double(m.strength));
    row.set("betweenness", double(m.betweenness));
    row.set("closeness", double(m.closeness));
    row.set("pagerank", m.pagerank.map(Value::Double));
    row.set("clustering", double(m.clustering));
    row.set("constraint", m.constraint.map(Value::Double));
    row.set("effective_size", m.effective_size.map(Value::Double));
    row.set("ei_index", m.ei_index.map(Value::Double));
    let b = &m.brokerage;
    row.set("brokerage_coordinator", Some(Value::Long(b.coordinator)));
    row.set("brokerage_itinerant", Some(Value::Long(b.itinerant)));
    row.set("brokerage_gatekeeper", Some(Value::Long(b.gatekeeper)));
    row.set("brokerage_liaison", Some(Value::Long(b.liaison)));
    row.set("brokerage_total", Some(Value::Long(b.total)));
    row.set(
        "articulation_point",
        Some(Value::Bool(m.articulation_point)),
    );
    row.set("fragility", Some(Value::Int(m.fragility as i64)));
    row.set("community", Some(Value::Int(i64::from(m.community))));
}

/// Text XML 1.0 can hold: characters outside its `Char` production (control
/// characters other than tab, line feed and carriage return; U+FFFE, U+FFFF) become
/// U+FFFD. Escaping itself is left to quick-xml.
fn xml_safe(s: &str) -> Cow<'_, str> {
    let allowed = |c: char| {
        matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && c != '\u{FFFE}' && c != '\u{FFFF}')
    };
    if s.chars().all(allowed) {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(
            s.chars()
                .map(|c| if allowed(c) { c } else { '\u{FFFD}' })
                .collect(),
        )
    }
}

/// An element with only text content, e.g. `<data key="n1">Lyon</data>`.
fn text_element(
    w: &mut Writer<Vec<u8>>,
    name: &str,
    attrs: &[(&str, &str)],
    content: &str,
) -> io::Result<()> {
    w.create_element(name)
        .with_attributes(attrs.iter().map(|&(k, v)| (k, xml_safe(v))))
        .write_text_content(BytesText::new(&xml_safe(content)))?;
    Ok(())
}

/// An empty element with attributes.
fn empty_element(w: &mut Writer<Vec<u8>>, name: &str, attrs: &[(&str, &str)]) -> io::Result<()> {
    w.create_element(name)
        .with_attributes(attrs.iter().map(|&(k, v)| (k, xml_safe(v))))
        .write_empty()?;
    Ok(())
}

fn new_writer() -> io::Result<Writer<Vec<u8>>> {
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    Ok(w)
}

fn finish(w: Writer<Vec<u8>>) -> Vec<u8> {
    let mut bytes = w.into_inner();
    bytes.push(b'\n');
    bytes
}

/// `network.graphml`: the directed relation graph in GraphML, for Gephi, Cytoscape,
/// yEd, networkx (`read_graphml`) and igraph.
///
/// * Graph data: `name` (territory), `date` (the report's date, when it has one),
///   `partition`, `betweenness_mode`.
/// * One `<node>` per actor, `id` the actor's id, with `label` (its name, the column
///   Gephi shows), `name`, `kind`, `kind_label`, `sector`, `sector_label`, `family`,
///   `themes` (`|`-separated), `capacity`, `accepting`, `serves` (`layer:id`,
///   `|`-separated), `longitude` and `latitude` (WGS84 degrees, 6 decimals, for Gephi's
///   geo layout), `group` (under the report's partition), the report's figures
///   (`degree`, `strength`, `betweenness`, `closeness`, `pagerank`, `clustering`,
///   `constraint`, `effective_size`, `ei_index`, `brokerage_coordinator`,
///   `brokerage_itinerant`, `brokerage_gatekeeper`, `brokerage_liaison`,
///   `brokerage_total`, `articulation_point`, `fragility`, `community`), then every
///   extra column of `actors.csv` as a string.
/// * One `<edge>` per relation, whatever its dates, `id` `r<i>` (its 0-based row in
///   `relations.csv`), with `kind`, `kind_label`, `weight`, `themes`, `since`, `until`
///   (`YYYY-MM-DD`), `valid` (whether it holds on the report's date, the network the
///   figures describe) and every extra column of `relations.csv`.
///
/// An extra column whose name is already used is written as `attr_<name>`.
///
/// # Arguments
/// * `territory`: the territory.
/// * `report`: its network report (figures are matched to actors by id).
///
/// # Returns
/// The file, UTF-8, ready for [`write_atomic`](crate::io::write_atomic).
///
/// # Example
/// ```
/// # let territory = maillage::io::load_bundle("../../data/lyon7".as_ref()).unwrap().territory;
/// let d = maillage::Diagnosis::of(&territory);
/// let xml = String::from_utf8(maillage::io::network_graphml(&territory, &d.network)).unwrap();
/// assert!(xml.contains(r#"<graph id="G" edgedefault="directed">"#));
/// assert_eq!(xml.matches("<node ").count(), territory.actors.len());
/// assert_eq!(xml.matches("<edge ").count(), territory.relations.len());
/// assert!(xml.contains(r#"attr.name="betweenness" attr.type="double""#));
/// ```
pub fn network_graphml(territory: &Territory, report: &NetworkReport) -> Vec<u8> {
    // Writing to a Vec cannot fail.
    graphml(territory, report).expect("write to memory")
}

fn graphml(territory: &Territory, report: &NetworkReport) -> io::Result<Vec<u8>> {
    let x = Exchange::new(territory, report);
    let nodes = x.nodes(territory, report);
    let edges = x.edges(territory, report);
    let mut w = new_writer()?;
    w.create_element("graphml")
        .with_attributes([
            ("xmlns", GRAPHML_NS),
            ("xmlns:xsi", XSI_NS),
            ("xsi:schemaLocation", GRAPHML_SCHEMA),
        ])
        .write_inner_content(|w| {
            for (i, (name, _)) in x.graph_data.iter().enumerate() {
                graphml_key(w, &format!("g{i}"), "graph", name, Type::String)?;
            }
            for (i, c) in x.node_columns.iter().enumerate() {
                graphml_key(w, &format!("n{i}"), "node", &c.name, c.ty)?;
            }
            for (i, c) in x.edge_columns.iter().enumerate() {
                graphml_key(w, &format!("e{i}"), "edge", &c.name, c.ty)?;
            }
            w.create_element("graph")
                .with_attributes([("id", "G"), ("edgedefault", "directed")])
                .write_inner_content(|w| {
                    for (i, (_, value)) in x.graph_data.iter().enumerate() {
                        text_element(w, "data", &[("key", &format!("g{i}"))], value)?;
                    }
                    for n in &nodes {
                        graphml_element(w, "node", &[("id", &n.id)], "n", &n.row)?;
                    }
                    for e in &edges {
                        let ends = [("id", &*e.id), ("source", &e.source), ("target", &e.target)];
                        graphml_element(w, "edge", &ends, "e", &e.row)?;
                    }
                    Ok(())
                })?;
            Ok(())
        })?;
    Ok(finish(w))
}

/// A GraphML `<key>` declaration.
fn graphml_key(
    w: &mut Writer<Vec<u8>>,
    id: &str,
    domain: &str,
    name: &str,
    ty: Type,
) -> io::Result<()> {
    let attrs = [
        ("id", id),
        ("for", domain),
        ("attr.name", name),
        ("attr.type", ty.graphml()),
    ];
    empty_element(w, "key", &attrs)
}

/// A GraphML `<node>` or `<edge>` with one `<data>` per value, keys named
/// `<prefix><column>`.
fn graphml_element(
    w: &mut Writer<Vec<u8>>,
    name: &str,
    attrs: &[(&str, &str)],
    prefix: &str,
    row: &Row<'_>,
) -> io::Result<()> {
    let data: Vec<(usize, String)> = row.written().collect();
    w.create_element(name)
        .with_attributes(attrs.iter().map(|&(k, v)| (k, xml_safe(v))))
        .write_inner_content(|w| {
            for (i, value) in &data {
                text_element(w, "data", &[("key", &format!("{prefix}{i}"))], value)?;
            }
            Ok(())
        })?;
    Ok(())
}

/// `network.gexf`: the same graph as [`network_graphml`] in GEXF 1.3
/// (`http://gexf.net/1.3`), Gephi's own format, also read by networkx (`read_gexf`).
///
/// Static, `defaultedgetype="directed"`. The node's name is its `label` and the
/// relation's weight the edge's `weight`, as GEXF defines them; every other attribute
/// of [`network_graphml`] is declared with its type in `<attributes class="node">` or
/// `<attributes class="edge">` (`int` is GEXF's `integer`). Each edge's `kind` is its
/// relation kind, so Gephi keeps parallel relations of different kinds apart. Nodes
/// carry a `viz:color` (their sector's colour) and, when located, a `viz:position` in
/// 10-metre units east and north of the located actors' mean point (an equirectangular
/// projection, so the graph opens laid out as a map).
///
/// # Arguments
/// * `territory`: the territory.
/// * `report`: its network report.
///
/// # Returns
/// The file, UTF-8, ready for [`write_atomic`](crate::io::write_atomic).
///
/// # Example
/// ```
/// # let territory = maillage::io::load_bundle("../../data/lyon7".as_ref()).unwrap().territory;
/// let d = maillage::Diagnosis::of(&territory);
/// let xml = String::from_utf8(maillage::io::network_gexf(&territory, &d.network)).unwrap();
/// assert!(xml.contains(r#"<gexf xmlns="http://gexf.net/1.3""#));
/// assert!(xml.contains(r#"defaultedgetype="directed""#));
/// assert_eq!(xml.matches("<node ").count(), territory.actors.len());
/// assert_eq!(xml.matches("<edge ").count(), territory.relations.len());
/// ```
pub fn network_gexf(territory: &Territory, report: &NetworkReport) -> Vec<u8> {
    // Writing to a Vec cannot fail.
    gexf(territory, report).expect("write to memory")
}

/// Where a located actor goes in GEXF's `viz:position`: (x east, y north).
fn viz_positions(nodes: &[Node<'_>]) -> Vec<Option<(f64, f64)>> {
    let located: Vec<LonLat> = nodes.iter().filter_map(|n| n.location).collect();
    if located.is_empty() {
        return vec![None; nodes.len()];
    }
    let k = located.len() as f64;
    let lon0 = located.iter().map(|p| p.lon).sum::<f64>() / k;
    let lat0 = located.iter().map(|p| p.lat).sum::<f64>() / k;
    let metres_per_degree = EARTH_RADIUS_M * std::f64::consts::PI / 180.0;
    let units = |x: f64| (x * metres_per_degree / VIZ_METRES_PER_UNIT * 10.0).round() / 10.0;
    nodes
        .iter()
        .map(|n| {
            n.location.map(|p| {
                (
                    units((p.lon - lon0) * lat0.to_radians().cos()),
                    units(p.lat - lat0),
                )
            })
        })
        .collect()
}

/// `#rrggbb` as (r, g, b); grey for anything else.
fn rgb(hex: &str) -> [u8; 3] {
    let channel = |i: usize| {
        hex.get(1 + 2 * i..3 + 2 * i)
            .and_then(|h| u8::from_str_radix(h, 16).ok())
    };
    match (hex.len(), channel(0), channel(1), channel(2)) {
        (7, Some(r), Some(g), Some(b)) => [r, g, b],
        _ => [153, 153, 153],
    }
}

fn gexf(territory: &Territory, report: &NetworkReport) -> io::Result<Vec<u8>> {
    let x = Exchange::new(territory, report);
    let nodes = x.nodes(territory, report);
    let edges = x.edges(territory, report);
    let positions = viz_positions(&nodes);
    let mut w = new_writer()?;
    w.create_element("gexf")
        .with_attributes([
            ("xmlns", GEXF_NS),
            ("xmlns:viz", GEXF_VIZ_NS),
            ("xmlns:xsi", XSI_NS),
            ("xsi:schemaLocation", GEXF_SCHEMA),
            ("version", "1.3"),
        ])
        .write_inner_content(|w| {
            w.create_element("meta").write_inner_content(|w| {
                text_element(w, "creator", &[], "maillage")?;
                text_element(w, "description", &[], &x.title)
            })?;
            w.create_element("graph")
                .with_attributes([("mode", "static"), ("defaultedgetype", "directed")])
                .write_inner_content(|w| {
                    gexf_attributes(w, "node", &x.node_columns)?;
                    gexf_attributes(w, "edge", &x.edge_columns)?;
                    w.create_element("nodes").write_inner_content(|w| {
                        for (n, position) in nodes.iter().zip(&positions) {
                            gexf_node(w, n, *position)?;
                        }
                        Ok(())
                    })?;
                    w.create_element("edges").write_inner_content(|w| {
                        for e in &edges {
                            let weight = e.weight.to_string();
                            let attrs = [
                                ("id", &*e.id),
                                ("source", &e.source),
                                ("target", &e.target),
                                ("kind", e.kind),
                                ("weight", &weight),
                            ];
                            w.create_element("edge")
                                .with_attributes(attrs.map(|(k, v)| (k, xml_safe(v))))
                                .write_inner_content(|w| attvalues(w, &e.row))?;
                        }
                        Ok(())
                    })?;
                    Ok(())
                })?;
            Ok(())
        })?;
    Ok(finish(w))
}

/// The `<attributes>` declaration of a class: the columns GEXF does not hold natively,
/// with their index as id.
fn gexf_attributes(w: &mut Writer<Vec<u8>>, class: &str, columns: &[Column]) -> io::Result<()> {
    w.create_element("attributes")
        .with_attribute(("class", class))
        .write_inner_content(|w| {
            for (i, c) in columns.iter().enumerate().filter(|(_, c)| !c.gexf_native) {
                let id = i.to_string();
                let attrs = [("id", &*id), ("title", &c.name), ("type", c.ty.gexf())];
                empty_element(w, "attribute", &attrs)?;
            }
            Ok(())
        })?;
    Ok(())
}

/// A GEXF `<node>` with its values, its sector's colour and, when located, its place.
fn gexf_node(
    w: &mut Writer<Vec<u8>>,
    node: &Node<'_>,
    position: Option<(f64, f64)>,
) -> io::Result<()> {
    w.create_element("node")
        .with_attributes([("id", xml_safe(&node.id)), ("label", xml_safe(&node.label))])
        .write_inner_content(|w| {
            attvalues(w, &node.row)?;
            let [r, g, b] = rgb(&node.color).map(|c| c.to_string());
            empty_element(w, "viz:color", &[("r", &r), ("g", &g), ("b", &b)])?;
            if let Some((px, py)) = position {
                let (px, py) = (px.to_string(), py.to_string());
                empty_element(w, "viz:position", &[("x", &px), ("y", &py), ("z", "0")])?;
            }
            Ok(())
        })?;
    Ok(())
}

/// `<attvalues>` of a node or edge: the declared (non-native) columns with a value.
fn attvalues(w: &mut Writer<Vec<u8>>, row: &Row<'_>) -> io::Result<()> {
    let values: Vec<(usize, String)> = row
        .written()
        .filter(|(i, _)| !row.columns[*i].gexf_native)
        .collect();
    if values.is_empty() {
        return Ok(());
    }
    w.create_element("attvalues").write_inner_content(|w| {
        for (i, value) in &values {
            empty_element(w, "attvalue", &[("for", &i.to_string()), ("value", value)])?;
        }
        Ok(())
    })?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_characters_xml_cannot_hold() {
        assert_eq!(xml_safe("a\tb\nc"), "a\tb\nc");
        assert_eq!(xml_safe("a\u{1}b\u{FFFF}"), "a\u{FFFD}b\u{FFFD}");
    }

    #[test]
    fn absent_numbers_are_not_written() {
        assert_eq!(Value::Double(f64::NAN).lexical(), None);
        assert_eq!(Value::Double(0.5).lexical().as_deref(), Some("0.5"));
        assert_eq!(text(""), None);
    }

    #[test]
    fn reads_hex_colours() {
        assert_eq!(rgb("#0072B2"), [0, 114, 178]);
        assert_eq!(rgb("red"), [153, 153, 153]);
    }
}
