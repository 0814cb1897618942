//! Graph exchange files for Gephi, Cytoscape, networkx and igraph (docs/outputs.md
//! "Graph exchange"): `network.graphml` and `network.gexf`.
//!
//! Both hold the same graph: one node per actor, in bundle order, with every actor
//! attribute, the figures of the [`NetworkReport`] and the actor's `longitude` and
//! `latitude`; one directed edge per relation, in file order, with every relation
//! attribute. Attributes have the same names and types in both files (`string`,
//! `double`, `int`, `long`, `boolean`); an absent value (no location, a figure that is
//! undefined for the actor, an empty cell) is left out, never written as `NaN` or `""`.
//! No timestamp is written: the same input gives byte-identical files.
//!
//! `network.gexf` is a dynamic graph (GEXF 1.3, `mode="dynamic"`, `timeformat="date"`,
//! `timerepresentation="interval"`), so that Gephi's timeline plays the network's
//! history: each edge carries its relation's validity as one spell,
//! `<spells><spell start="since" end="until"/></spells>`, an open side left out and no
//! spells at all for a relation without dates. Actors have no dates in the model: their
//! nodes carry no spell, and Gephi shows them all along. Both files keep the dates as
//! the edge attributes `since` and `until` besides.
//!
//! The files are made for national networks (millions of relations): they are written
//! as they are made, one node or edge at a time, never held whole, and each node and
//! each edge is written on one line of its own (its values inline, e.g.
//! `<edge id="r0" source="a1" target="a2"><data key="e0">partner</data>...</edge>`),
//! the declarations above them indented as usual; XML readers (networkx, Gephi,
//! Cytoscape, igraph) do not mind the layout, and the files are a fifth smaller than
//! with one line per value. Text and attribute values are escaped here (`<`, `>`, `&`,
//! quotes and carriage returns; in attributes also tabs and line feeds, which attribute
//! normalisation would turn into spaces); characters XML 1.0 cannot hold (control
//! characters other than tab and line breaks, U+FFFE, U+FFFF) become U+FFFD.

use super::directory::{extra_actor_columns, rename_clashes};
use super::maps::round6;
use super::style::Palettes;
use crate::model::EARTH_RADIUS_M;
use crate::model::{Actor, ActorIx, Date, LonLat, Relation, RelationKind, Territory, Validity};
use crate::network::analysis::{ActorMetrics, NetworkReport};
use std::collections::HashMap;
use std::fmt::Write as _;
use std::hash::{BuildHasherDefault, Hasher};
use std::io::{self, Write};

pub(super) const GRAPHML_NS: &str = "http://graphml.graphdrawing.org/xmlns";
pub(super) const GRAPHML_SCHEMA: &str =
    "http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd";
const GEXF_NS: &str = "http://gexf.net/1.3";
const GEXF_VIZ_NS: &str = "http://gexf.net/1.3/viz";
const GEXF_SCHEMA: &str = "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd";
pub(super) const XSI_NS: &str = "http://www.w3.org/2001/XMLSchema-instance";

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

/// One value of a node or an edge, as it is written.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Cell<'a> {
    Text(&'a str),
    Double(f64),
    Int(i64),
    Long(u64),
    Bool(bool),
}

impl Cell<'_> {
    /// Whether the value is left out: an empty text, a number that is not finite.
    fn is_absent(&self) -> bool {
        match self {
            Self::Text(s) => s.is_empty(),
            Self::Double(x) => !x.is_finite(),
            _ => false,
        }
    }
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
/// `label`, `viz` and, from the `<spells>` element, `spells`), kept free for them.
const READER_NAMES: &[&str] = &["id", "label", "viz", "pid", "source", "target", "spells"];

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

/// What both writers need of the graph: names, declared columns, and the look-ups
/// each node and edge reads.
struct Exchange<'a> {
    territory: &'a Territory,
    report: &'a NetworkReport,
    title: String,
    graph_data: Vec<(&'static str, String)>,
    /// Extra columns of `actors.csv`: (bundle name, written name).
    actor_extras: Vec<(String, String)>,
    /// Extra columns of `relations.csv`: (bundle name, written name).
    relation_extras: Vec<(String, String)>,
    node_columns: Vec<Column>,
    edge_columns: Vec<Column>,
    metrics: HashMap<&'a str, &'a ActorMetrics>,
    palettes: Palettes,
    /// The label of each relation kind, by its place in [`RelationKind::ALL`].
    kind_labels: [Option<&'a str>; RelationKind::ALL.len()],
    /// Every date of the relations, written `YYYY-MM-DD` once.
    dates: HashMap<Date, String, BuildHasherDefault<DateHasher>>,
    /// Every actor's id escaped for an attribute, one after the other, with where each
    /// ends: the ends of a million edges are read from here, not from actors scattered
    /// in memory.
    ids: (Vec<u8>, Vec<usize>),
}

impl<'a> Exchange<'a> {
    fn new(territory: &'a Territory, report: &'a NetworkReport) -> Self {
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
            territory,
            report,
            title,
            graph_data,
            node_columns: columns(NODE_COLUMNS, "label", &actor_extras),
            edge_columns: columns(EDGE_COLUMNS, "weight", &relation_extras),
            actor_extras,
            relation_extras,
            metrics: report
                .actor_metrics
                .iter()
                .map(|m| (m.id.as_str(), m))
                .collect(),
            palettes: Palettes::builtin(),
            kind_labels: RelationKind::ALL.map(|k| {
                territory
                    .taxonomy
                    .relation_kinds
                    .get(k.as_str())
                    .map(|l| l.label.as_str())
            }),
            dates: {
                let mut dates = HashMap::default();
                for r in &territory.relations {
                    for d in [r.validity.since, r.validity.until].into_iter().flatten() {
                        dates.entry(d).or_insert_with(|| d.to_string());
                    }
                }
                dates
            },
            ids: {
                let mut ids = Vec::new();
                let mut ends = Vec::with_capacity(territory.actors.len());
                for a in &territory.actors {
                    escape_to(&mut ids, &a.id, true);
                    ends.push(ids.len());
                }
                (ids, ends)
            },
        }
    }

    /// An actor's id, escaped for an attribute.
    fn escaped_id(&self, actor: ActorIx) -> &[u8] {
        let (ids, ends) = &self.ids;
        let i = actor.index();
        let start = if i == 0 { 0 } else { ends[i - 1] };
        &ids[start..ends[i]]
    }

    /// The values of an actor's node, one per column of [`NODE_COLUMNS`] then of the
    /// extra columns, in order, `None` when absent; `tmp` holds joined lists.
    fn node_cells(&self, a: &Actor, tmp: &mut String, cells: &mut impl FnMut(Option<Cell<'_>>)) {
        let territory = self.territory;
        let taxonomy = &territory.taxonomy;
        cells(text(&a.name)); // label
        cells(text(&a.name));
        cells(text(&a.kind));
        cells(taxonomy.kind(&a.kind).and_then(|k| text(&k.label)));
        cells(text(&a.sector));
        cells(taxonomy.sector(&a.sector).and_then(|s| text(&s.label)));
        cells(text(&a.family));
        join(tmp, a.themes.iter().map(|t| t.label()));
        cells(text(tmp));
        cells(Some(Cell::Double(a.capacity)));
        cells(a.accepting.map(Cell::Bool));
        tmp.clear();
        for (i, &z) in a.serves.iter().enumerate() {
            if i > 0 {
                tmp.push('|');
            }
            let _ = write!(
                tmp,
                "{}:{}",
                territory.layer(z.layer).name,
                territory.zone(z).id
            );
        }
        cells(text(tmp));
        let located = |f: fn(&LonLat) -> f64| a.location.map(|p| Cell::Double(round6(f(&p))));
        cells(located(|p| p.lon));
        cells(located(|p| p.lat));
        let m = self.metrics.get(a.id.as_str()).copied();
        let figure = |f: fn(&ActorMetrics) -> Option<Cell<'_>>| m.and_then(f);
        cells(m.and_then(|m| text(&m.group)));
        cells(figure(|m| Some(Cell::Int(m.degree as i64))));
        cells(figure(|m| Some(Cell::Double(m.strength))));
        cells(figure(|m| Some(Cell::Double(m.betweenness))));
        cells(figure(|m| Some(Cell::Double(m.closeness))));
        cells(figure(|m| m.pagerank.map(Cell::Double)));
        cells(figure(|m| Some(Cell::Double(m.clustering))));
        cells(figure(|m| m.constraint.map(Cell::Double)));
        cells(figure(|m| m.effective_size.map(Cell::Double)));
        cells(figure(|m| m.ei_index.map(Cell::Double)));
        cells(figure(|m| Some(Cell::Long(m.brokerage.coordinator))));
        cells(figure(|m| Some(Cell::Long(m.brokerage.itinerant))));
        cells(figure(|m| Some(Cell::Long(m.brokerage.gatekeeper))));
        cells(figure(|m| Some(Cell::Long(m.brokerage.liaison))));
        cells(figure(|m| Some(Cell::Long(m.brokerage.total))));
        cells(figure(|m| Some(Cell::Bool(m.articulation_point))));
        cells(figure(|m| Some(Cell::Int(m.fragility as i64))));
        cells(figure(|m| Some(Cell::Int(i64::from(m.community)))));
        for (column, _) in &self.actor_extras {
            cells(a.attribute(column).and_then(text));
        }
    }

    /// Appends the start of the edge of relation `i`, up to its target:
    /// `<edge id="r3" source="a1" target="a2"`, indented.
    fn edge_start(&self, buf: &mut Vec<u8>, indent: &[u8], i: usize, r: &Relation) {
        buf.extend_from_slice(indent);
        buf.extend_from_slice(b"<edge id=\"r");
        write_uint(buf, i as u64);
        buf.extend_from_slice(b"\" source=\"");
        buf.extend_from_slice(self.escaped_id(r.source));
        buf.extend_from_slice(b"\" target=\"");
        buf.extend_from_slice(self.escaped_id(r.target));
    }

    /// Appends the GEXF `<spells>` of a relation: one `<spell>` from `since` to `until`,
    /// `<spells><spell start="2022-09-01" end="2024-01-01"/></spells>`, an open side
    /// left out; nothing when the relation has neither date.
    ///
    /// GEXF 1.3 intervals include both ends, and Gephi reads a date as its first
    /// instant: the spell holds from the start of `since` to the start of `until`, the
    /// first day the relation no longer holds, as the bundle's `[since, until)` says
    /// to within that one instant.
    fn edge_spells(&self, buf: &mut Vec<u8>, validity: Validity) {
        if validity.since.is_none() && validity.until.is_none() {
            return;
        }
        buf.extend_from_slice(b"<spells><spell");
        for (attribute, date) in [
            (&b" start=\""[..], validity.since),
            (b" end=\"", validity.until),
        ] {
            if let Some(d) = date {
                buf.extend_from_slice(attribute);
                // `YYYY-MM-DD`: nothing to escape.
                buf.extend_from_slice(self.dates[&d].as_bytes());
                buf.push(b'"');
            }
        }
        buf.extend_from_slice(b"/></spells>");
    }

    /// The values of a relation's edge, one per column of [`EDGE_COLUMNS`] then of the
    /// extra columns, in order, `None` when absent; `tmp` holds joined lists.
    fn edge_cells(&self, r: &Relation, tmp: &mut String, cells: &mut impl FnMut(Option<Cell<'_>>)) {
        cells(text(r.kind.as_str()));
        let k = RelationKind::ALL.iter().position(|&k| k == r.kind);
        cells(k.and_then(|k| self.kind_labels[k]).and_then(text));
        cells(Some(Cell::Double(r.weight)));
        join(tmp, r.themes.iter().map(|t| t.label()));
        cells(text(tmp));
        for date in [r.validity.since, r.validity.until] {
            cells(date.and_then(|d| self.dates.get(&d)).and_then(|d| text(d)));
        }
        let valid = self.report.date.is_none_or(|d| r.validity.contains(d));
        cells(Some(Cell::Bool(valid)));
        for (column, _) in &self.relation_extras {
            let cell = r
                .attributes
                .iter()
                .find(|(k, _)| k == column)
                .map_or("", |(_, v)| v.as_str());
            cells(text(cell));
        }
    }
}

/// A text value.
fn text(s: &str) -> Option<Cell<'_>> {
    Some(Cell::Text(s))
}

/// `tmp` made the items joined by `|`.
fn join<'s>(tmp: &mut String, items: impl Iterator<Item = &'s str>) {
    tmp.clear();
    for (i, item) in items.enumerate() {
        if i > 0 {
            tmp.push('|');
        }
        tmp.push_str(item);
    }
}

/// A hasher for dates (three small fields): a multiply and a rotate per field, where
/// the default hasher would spend more time than the look-up saves.
#[derive(Default)]
struct DateHasher(u64);

impl Hasher for DateHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }

    fn write_u8(&mut self, n: u8) {
        self.write_u64(u64::from(n));
    }

    fn write_i32(&mut self, n: i32) {
        self.write_u64(u64::from(n as u32));
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

/// Bytes of XML made before they go to the output.
pub(super) const CHUNK: usize = 64 << 10;

/// Whether a byte needs a look in XML text: markup, quotes, carriage return, control
/// characters XML cannot hold, and the first byte of U+FFFE and U+FFFF.
const TEXT_SPECIAL: [bool; 256] = special(false);
/// The same in an attribute value, where tab and line feed are written as references.
const ATTRIBUTE_SPECIAL: [bool; 256] = special(true);

const fn special(attribute: bool) -> [bool; 256] {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        t[b] = attribute || (b != b'\t' as usize && b != b'\n' as usize);
        b += 1;
    }
    t[b'<' as usize] = true;
    t[b'>' as usize] = true;
    t[b'&' as usize] = true;
    t[b'\'' as usize] = true;
    t[b'"' as usize] = true;
    t[0xEF] = true;
    t
}

/// The replacement character U+FFFD, in UTF-8.
const REPLACEMENT: &[u8] = "\u{FFFD}".as_bytes();

/// Appends `s` escaped for XML text (`attribute` false) or a double-quoted attribute
/// value (`attribute` true): `<`, `>`, `&`, `'`, `"` and carriage return as references,
/// in attributes also tab and line feed; characters XML 1.0 cannot hold as U+FFFD.
pub(super) fn escape_to(out: &mut Vec<u8>, s: &str, attribute: bool) {
    let table = if attribute {
        &ATTRIBUTE_SPECIAL
    } else {
        &TEXT_SPECIAL
    };
    let bytes = s.as_bytes();
    // Most values need nothing: one look and one copy.
    let Some(first) = bytes.iter().position(|&b| table[b as usize]) else {
        out.extend_from_slice(bytes);
        return;
    };
    out.extend_from_slice(&bytes[..first]);
    let mut i = first;
    while i < bytes.len() {
        let b = bytes[i];
        if !table[b as usize] {
            out.push(b);
            i += 1;
            continue;
        }
        let (replacement, len): (&[u8], usize) = match b {
            b'<' => (b"&lt;", 1),
            b'>' => (b"&gt;", 1),
            b'&' => (b"&amp;", 1),
            b'\'' => (b"&apos;", 1),
            b'"' => (b"&quot;", 1),
            b'\r' => (b"&#13;", 1),
            b'\n' => (b"&#10;", 1),
            b'\t' => (b"&#9;", 1),
            // U+FFFE and U+FFFF, which XML cannot hold; any other character is kept.
            0xEF => {
                if bytes.get(i + 1) == Some(&0xBF) && matches!(bytes.get(i + 2), Some(0xBE | 0xBF))
                {
                    (REPLACEMENT, 3)
                } else {
                    (&bytes[i..i + 1], 1)
                }
            }
            _ => (REPLACEMENT, 1),
        };
        out.extend_from_slice(replacement);
        i += len;
    }
}

/// Appends an integer in decimal.
fn write_int(out: &mut Vec<u8>, value: i64) {
    if value < 0 {
        out.push(b'-');
    }
    write_uint(out, value.unsigned_abs());
}

/// Appends an unsigned integer in decimal.
pub(super) fn write_uint(out: &mut Vec<u8>, mut value: u64) {
    let mut digits = [0u8; 20];
    let mut start = digits.len();
    loop {
        start -= 1;
        digits[start] = b'0' + (value % 10) as u8;
        value /= 10;
        if value == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[start..]);
}

/// Appends a number as Rust's `Display` does (shortest form that reads back the same,
/// never an exponent): whole numbers digit by digit, others through `tmp`.
fn write_f64(out: &mut Vec<u8>, x: f64, tmp: &mut String) {
    // Below 2^53 a whole number is its own shortest form; -0 keeps its sign.
    if x.fract() == 0.0 && x.abs() < 1e15 && !(x == 0.0 && x.is_sign_negative()) {
        return write_int(out, x as i64);
    }
    tmp.clear();
    let _ = write!(tmp, "{x}");
    out.extend_from_slice(tmp.as_bytes());
}

/// Appends a value in its lexical form, escaped for text or an attribute.
fn write_cell(out: &mut Vec<u8>, cell: Cell<'_>, attribute: bool, tmp: &mut String) {
    match cell {
        Cell::Text(s) => escape_to(out, s, attribute),
        Cell::Double(x) => write_f64(out, x, tmp),
        Cell::Int(i) => write_int(out, i),
        Cell::Long(u) => write_uint(out, u),
        Cell::Bool(b) => out.extend_from_slice(if b { b"true" } else { b"false" }),
    }
}

/// Appends `<name attr="value"...>` (or `.../>` when `empty`), values escaped.
fn start_tag(out: &mut Vec<u8>, name: &str, attributes: &[(&str, &str)], empty: bool) {
    out.push(b'<');
    out.extend_from_slice(name.as_bytes());
    for (key, value) in attributes {
        out.push(b' ');
        out.extend_from_slice(key.as_bytes());
        out.extend_from_slice(b"=\"");
        escape_to(out, value, true);
        out.push(b'"');
    }
    out.extend_from_slice(if empty { b"/>" } else { b">" });
}

/// Appends an indented line holding an element with text content only, e.g.
/// `  <data key="g0">Lyon</data>`.
pub(super) fn text_line(
    out: &mut Vec<u8>,
    indent: usize,
    name: &str,
    attributes: &[(&str, &str)],
    content: &str,
) {
    write_indent(out, indent);
    start_tag(out, name, attributes, false);
    escape_to(out, content, false);
    out.extend_from_slice(b"</");
    out.extend_from_slice(name.as_bytes());
    out.extend_from_slice(b">\n");
}

/// Appends an indented line holding an empty element.
pub(super) fn empty_line(
    out: &mut Vec<u8>,
    indent: usize,
    name: &str,
    attributes: &[(&str, &str)],
) {
    write_indent(out, indent);
    start_tag(out, name, attributes, true);
    out.push(b'\n');
}

/// Appends an indented line with a start tag.
pub(super) fn open_line(out: &mut Vec<u8>, indent: usize, name: &str, attributes: &[(&str, &str)]) {
    write_indent(out, indent);
    start_tag(out, name, attributes, false);
    out.push(b'\n');
}

/// Appends an indented line with an end tag.
pub(super) fn close_line(out: &mut Vec<u8>, indent: usize, name: &str) {
    write_indent(out, indent);
    out.extend_from_slice(b"</");
    out.extend_from_slice(name.as_bytes());
    out.extend_from_slice(b">\n");
}

fn write_indent(out: &mut Vec<u8>, indent: usize) {
    const SPACES: &[u8] = b"                ";
    out.extend_from_slice(&SPACES[..(2 * indent).min(SPACES.len())]);
}

/// Sends what `buf` holds to `out` once it holds a [`CHUNK`].
/// The start of a GEXF 1.3 document: the XML declaration, the opening `gexf` element
/// (with the `viz` namespace when the nodes carry positions and colours) and the
/// `meta` element naming the territory.
pub(super) fn gexf_head(buf: &mut Vec<u8>, description: &str, viz: bool) {
    buf.extend_from_slice(DECLARATION);
    let mut attributes = vec![("xmlns", GEXF_NS)];
    if viz {
        attributes.push(("xmlns:viz", GEXF_VIZ_NS));
    }
    attributes.extend([
        ("xmlns:xsi", XSI_NS),
        ("xsi:schemaLocation", GEXF_SCHEMA),
        ("version", "1.3"),
    ]);
    open_line(buf, 0, "gexf", &attributes);
    open_line(buf, 1, "meta", &[]);
    text_line(buf, 2, "creator", &[], "maillage");
    text_line(buf, 2, "description", &[], description);
    close_line(buf, 1, "meta");
}

pub(super) fn send_full<W: Write>(out: &mut W, buf: &mut Vec<u8>) -> io::Result<()> {
    if buf.len() >= CHUNK {
        out.write_all(buf)?;
        buf.clear();
    }
    Ok(())
}

pub(super) const DECLARATION: &[u8] = b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

/// Writes `network.graphml` ([`network_graphml`]) to `out`, one node or edge at a time.
pub(crate) fn write_graphml<W: Write>(
    territory: &Territory,
    report: &NetworkReport,
    out: &mut W,
) -> io::Result<()> {
    let x = Exchange::new(territory, report);
    let mut buf: Vec<u8> = Vec::with_capacity(CHUNK + 4096);
    buf.extend_from_slice(DECLARATION);
    open_line(
        &mut buf,
        0,
        "graphml",
        &[
            ("xmlns", GRAPHML_NS),
            ("xmlns:xsi", XSI_NS),
            ("xsi:schemaLocation", GRAPHML_SCHEMA),
        ],
    );
    let key = |buf: &mut Vec<u8>, id: String, domain: &str, name: &str, ty: Type| {
        let attributes = [
            ("id", id.as_str()),
            ("for", domain),
            ("attr.name", name),
            ("attr.type", ty.graphml()),
        ];
        empty_line(buf, 1, "key", &attributes);
    };
    for (i, (name, _)) in x.graph_data.iter().enumerate() {
        key(&mut buf, format!("g{i}"), "graph", name, Type::String);
    }
    for (i, c) in x.node_columns.iter().enumerate() {
        key(&mut buf, format!("n{i}"), "node", &c.name, c.ty);
    }
    for (i, c) in x.edge_columns.iter().enumerate() {
        key(&mut buf, format!("e{i}"), "edge", &c.name, c.ty);
    }
    open_line(
        &mut buf,
        1,
        "graph",
        &[("id", "G"), ("edgedefault", "directed")],
    );
    for (i, (_, value)) in x.graph_data.iter().enumerate() {
        text_line(&mut buf, 2, "data", &[("key", &format!("g{i}"))], value);
    }
    // The start tags of the values, `<data key="n7">`, made once.
    let data_tags = |prefix: &str, columns: &[Column]| -> Vec<String> {
        (0..columns.len())
            .map(|i| format!("<data key=\"{prefix}{i}\">"))
            .collect()
    };
    let node_tags = data_tags("n", &x.node_columns);
    let edge_tags = data_tags("e", &x.edge_columns);
    let (mut tmp, mut number) = (String::new(), String::new());
    for a in &territory.actors {
        buf.extend_from_slice(b"    <node id=\"");
        escape_to(&mut buf, &a.id, true);
        buf.extend_from_slice(b"\">");
        write_data(&mut buf, &mut number, &node_tags, |mut each| {
            x.node_cells(a, &mut tmp, &mut each)
        });
        buf.extend_from_slice(b"</node>\n");
        send_full(out, &mut buf)?;
    }
    for (i, r) in territory.relations.iter().enumerate() {
        x.edge_start(&mut buf, b"    ", i, r);
        buf.extend_from_slice(b"\">");
        write_data(&mut buf, &mut number, &edge_tags, |mut each| {
            x.edge_cells(r, &mut tmp, &mut each)
        });
        buf.extend_from_slice(b"</edge>\n");
        send_full(out, &mut buf)?;
    }
    close_line(&mut buf, 1, "graph");
    close_line(&mut buf, 0, "graphml");
    out.write_all(&buf)
}

/// Where located actors go in GEXF's `viz:position`: the located actors' mean point
/// and the scale of an equirectangular projection around it.
struct VizFrame {
    lon0: f64,
    lat0: f64,
    cos_lat0: f64,
}

impl VizFrame {
    fn of(actors: &[Actor]) -> Option<Self> {
        let located: Vec<LonLat> = actors.iter().filter_map(|a| a.location).collect();
        if located.is_empty() {
            return None;
        }
        let k = located.len() as f64;
        let lon0 = located.iter().map(|p| p.lon).sum::<f64>() / k;
        let lat0 = located.iter().map(|p| p.lat).sum::<f64>() / k;
        Some(Self {
            lon0,
            lat0,
            cos_lat0: lat0.to_radians().cos(),
        })
    }

    /// (x east, y north) of a point, in [`VIZ_METRES_PER_UNIT`] units to 0.1.
    fn position(&self, p: LonLat) -> (f64, f64) {
        let metres_per_degree = EARTH_RADIUS_M * std::f64::consts::PI / 180.0;
        let units = |x: f64| (x * metres_per_degree / VIZ_METRES_PER_UNIT * 10.0).round() / 10.0;
        (
            units((p.lon - self.lon0) * self.cos_lat0),
            units(p.lat - self.lat0),
        )
    }
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

/// Writes `network.gexf` ([`network_gexf`]) to `out`, one node or edge at a time.
pub(crate) fn write_gexf<W: Write>(
    territory: &Territory,
    report: &NetworkReport,
    out: &mut W,
) -> io::Result<()> {
    let x = Exchange::new(territory, report);
    let frame = VizFrame::of(&territory.actors);
    let mut buf: Vec<u8> = Vec::with_capacity(CHUNK + 4096);
    gexf_head(&mut buf, &x.title, true);
    open_line(
        &mut buf,
        1,
        "graph",
        &[
            ("mode", "dynamic"),
            ("defaultedgetype", "directed"),
            ("timeformat", "date"),
            ("timerepresentation", "interval"),
        ],
    );
    gexf_attributes(&mut buf, "node", &x.node_columns);
    gexf_attributes(&mut buf, "edge", &x.edge_columns);
    // The start of each value, `<attvalue for="7" value="`, made once; none for the
    // columns GEXF holds natively.
    let value_starts = |columns: &[Column]| -> Vec<Option<String>> {
        columns
            .iter()
            .enumerate()
            .map(|(i, c)| (!c.gexf_native).then(|| format!("<attvalue for=\"{i}\" value=\"")))
            .collect()
    };
    let node_starts = value_starts(&x.node_columns);
    let edge_starts = value_starts(&x.edge_columns);
    let (mut tmp, mut number) = (String::new(), String::new());
    open_line(&mut buf, 2, "nodes", &[]);
    for a in &territory.actors {
        buf.extend_from_slice(b"      <node id=\"");
        escape_to(&mut buf, &a.id, true);
        buf.extend_from_slice(b"\" label=\"");
        escape_to(&mut buf, &a.name, true);
        buf.extend_from_slice(b"\">");
        write_attvalues(&mut buf, &mut number, &node_starts, |mut each| {
            x.node_cells(a, &mut tmp, &mut each)
        });
        let [r, g, b] = rgb(x.palettes.sector_color(&a.sector));
        buf.extend_from_slice(b"<viz:color r=\"");
        write_uint(&mut buf, u64::from(r));
        buf.extend_from_slice(b"\" g=\"");
        write_uint(&mut buf, u64::from(g));
        buf.extend_from_slice(b"\" b=\"");
        write_uint(&mut buf, u64::from(b));
        buf.extend_from_slice(b"\"/>");
        if let (Some(frame), Some(p)) = (&frame, a.location) {
            let (px, py) = frame.position(p);
            buf.extend_from_slice(b"<viz:position x=\"");
            write_f64(&mut buf, px, &mut number);
            buf.extend_from_slice(b"\" y=\"");
            write_f64(&mut buf, py, &mut number);
            buf.extend_from_slice(b"\" z=\"0\"/>");
        }
        buf.extend_from_slice(b"</node>\n");
        send_full(out, &mut buf)?;
    }
    close_line(&mut buf, 2, "nodes");
    open_line(&mut buf, 2, "edges", &[]);
    for (i, r) in territory.relations.iter().enumerate() {
        x.edge_start(&mut buf, b"      ", i, r);
        buf.extend_from_slice(b"\" kind=\"");
        buf.extend_from_slice(r.kind.as_str().as_bytes());
        buf.extend_from_slice(b"\" weight=\"");
        // Written even when not finite, as GEXF wants a weight.
        write_f64(&mut buf, r.weight, &mut number);
        buf.extend_from_slice(b"\">");
        write_attvalues(&mut buf, &mut number, &edge_starts, |mut each| {
            x.edge_cells(r, &mut tmp, &mut each)
        });
        x.edge_spells(&mut buf, r.validity);
        buf.extend_from_slice(b"</edge>\n");
        send_full(out, &mut buf)?;
    }
    close_line(&mut buf, 2, "edges");
    close_line(&mut buf, 1, "graph");
    close_line(&mut buf, 0, "gexf");
    out.write_all(&buf)
}

/// The cells of a node or an edge, given one at a time, in the order of its columns.
type Cells<'f> = &'f mut dyn FnMut(Option<Cell<'_>>);

/// Appends the GraphML values of a node or an edge, `<data key="n7">...</data>` each,
/// from the start `tags` of its columns; absent values are left out.
fn write_data(
    buf: &mut Vec<u8>,
    number: &mut String,
    tags: &[String],
    cells: impl FnOnce(Cells<'_>),
) {
    let mut column = 0;
    cells(&mut |cell| {
        let tag = &tags[column];
        column += 1;
        if let Some(cell) = cell.filter(|c| !c.is_absent()) {
            buf.extend_from_slice(tag.as_bytes());
            write_cell(buf, cell, false, number);
            buf.extend_from_slice(b"</data>");
        }
    });
}

/// Appends the GEXF `<attvalues>` of a node or an edge, from the starts of its columns'
/// values (`None` for the columns GEXF holds natively): opened at its first value,
/// absent when every value is absent or native.
fn write_attvalues(
    buf: &mut Vec<u8>,
    number: &mut String,
    starts: &[Option<String>],
    cells: impl FnOnce(Cells<'_>),
) {
    let (mut column, mut opened) = (0, false);
    cells(&mut |cell| {
        let start = &starts[column];
        column += 1;
        if let (Some(start), Some(cell)) = (start, cell.filter(|c| !c.is_absent())) {
            if !opened {
                buf.extend_from_slice(b"<attvalues>");
                opened = true;
            }
            buf.extend_from_slice(start.as_bytes());
            write_cell(buf, cell, true, number);
            buf.extend_from_slice(b"\"/>");
        }
    });
    if opened {
        buf.extend_from_slice(b"</attvalues>");
    }
}

/// The `<attributes>` declaration of a class: the columns GEXF does not hold natively,
/// with their index as id.
fn gexf_attributes(out: &mut Vec<u8>, class: &str, columns: &[Column]) {
    open_line(out, 2, "attributes", &[("class", class)]);
    for (i, c) in columns.iter().enumerate().filter(|(_, c)| !c.gexf_native) {
        let id = i.to_string();
        let attributes = [("id", &*id), ("title", &c.name), ("type", c.ty.gexf())];
        empty_line(out, 3, "attribute", &attributes);
    }
    close_line(out, 2, "attributes");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn escaped(s: &str, attribute: bool) -> String {
        let mut out = Vec::new();
        escape_to(&mut out, s, attribute);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn replaces_characters_xml_cannot_hold() {
        assert_eq!(escaped("a\tb\nc", false), "a\tb\nc");
        assert_eq!(escaped("a\u{1}b\u{FFFF}", false), "a\u{FFFD}b\u{FFFD}");
        assert_eq!(
            escaped("\u{FFFE}\u{FFFD}\u{FF10}", true),
            "\u{FFFD}\u{FFFD}\u{FF10}"
        );
    }

    #[test]
    fn escapes_markup_quotes_and_attribute_whitespace() {
        assert_eq!(
            escaped("<a & 'b'> \"c\"\r", false),
            "&lt;a &amp; &apos;b&apos;&gt; &quot;c&quot;&#13;"
        );
        assert_eq!(escaped("a\tb\nc", true), "a&#9;b&#10;c");
        assert_eq!(escaped("Café", true), "Café");
    }

    #[test]
    fn writes_numbers_as_display_does() {
        let mut tmp = String::new();
        for x in [
            0.0,
            -0.0,
            2.0,
            -3.0,
            0.1,
            1.0 / 3.0,
            1e-7,
            123_456_789_012_345.0,
            1e15,
            1e16,
            -2.5e20,
            f64::MAX,
            f64::MIN_POSITIVE,
            f64::NAN,
            f64::INFINITY,
        ] {
            let mut out = Vec::new();
            write_f64(&mut out, x, &mut tmp);
            assert_eq!(String::from_utf8(out).unwrap(), x.to_string());
        }
        for i in [0, 7, -7, i64::MIN, i64::MAX] {
            let mut out = Vec::new();
            write_int(&mut out, i);
            assert_eq!(String::from_utf8(out).unwrap(), i.to_string());
        }
    }

    #[test]
    fn absent_values_are_not_written() {
        assert!(Cell::Double(f64::NAN).is_absent());
        assert!(Cell::Text("").is_absent());
        assert!(!Cell::Double(0.5).is_absent());
        assert!(!Cell::Bool(false).is_absent());
    }

    #[test]
    fn reads_hex_colours() {
        assert_eq!(rgb("#0072B2"), [0, 114, 178]);
        assert_eq!(rgb("red"), [153, 153, 153]);
    }
}
