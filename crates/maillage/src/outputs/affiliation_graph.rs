//! The two-mode graph files (docs/outputs.md "Graph exchange"): `affiliation.graphml`
//! and `affiliation.gexf`, the affiliation view of docs/analyses.md §5 for Gephi and
//! networkx.
//!
//! One undirected graph: a node per affiliated actor (its id), then a node per joint
//! action (`action:` and its id) and per dispositif (`dispositif:` and its id), each
//! with the attribute `bipartite`, 0 for the actors and 1 for what they belong to, as
//! networkx's `bipartite` module expects; an edge per tie with its `role`. Like
//! `network.graphml`, it names every actor, professionals included: the graph files are
//! for the analyst. The same diagnosis gives the same bytes.

use super::graph_exchange::{
    close_line, empty_line, escape_to, gexf_head, open_line, send_full, text_line, write_uint,
    CHUNK, DECLARATION, GRAPHML_NS, GRAPHML_SCHEMA, XSI_NS,
};
use crate::diagnosis::Diagnosis;
use crate::model::Territory;
use crate::network::Affiliation;
use std::io::{self, Write};

/// The nodes' attributes, in file order (`label` is GEXF's own).
const NODE_ATTRIBUTES: [(&str, &str); 6] = [
    ("label", "string"),
    ("bipartite", "int"),
    ("type", "string"),
    ("kind", "string"),
    ("sector", "string"),
    ("family", "string"),
];

/// A node: its id and the values of [`NODE_ATTRIBUTES`] (empty when absent).
struct Node {
    id: String,
    values: [String; 6],
}

/// The nodes of the view: the actors, then the affiliations.
fn nodes<'a>(
    territory: &'a Territory,
    diagnosis: &'a Diagnosis,
) -> impl Iterator<Item = Node> + 'a {
    let view = &diagnosis.affiliations;
    let actors = view.actors.iter().map(move |&a| {
        let actor = territory.actor(a);
        Node {
            id: actor.id.clone(),
            values: [
                actor.name.clone(),
                "0".into(),
                "actor".into(),
                actor.kind.clone(),
                actor.sector.clone(),
                actor.family.clone(),
            ],
        }
    });
    let affiliations = (0..view.affiliations.len()).map(move |i| {
        let values = match view.affiliations[i] {
            Affiliation::Action(k) => [
                territory.actions[k].name.clone(),
                "1".into(),
                "action".into(),
                String::new(),
                String::new(),
                String::new(),
            ],
            Affiliation::Dispositif(d) => {
                let d = territory.actor(d);
                [
                    d.name.clone(),
                    "1".into(),
                    "dispositif".into(),
                    d.kind.clone(),
                    d.sector.clone(),
                    d.family.clone(),
                ]
            }
        };
        Node {
            id: view.node_id(territory, i),
            values,
        }
    });
    actors.chain(affiliations)
}

/// Appends the start of the edge of tie `i`, indented, up to its target's closing
/// quote: `<edge id="t3" source="mg_001" target="action:fa1"`.
fn edge_start(
    buf: &mut Vec<u8>,
    indent: &[u8],
    territory: &Territory,
    diagnosis: &Diagnosis,
    i: usize,
) {
    let view = &diagnosis.affiliations;
    let t = &view.ties[i];
    buf.extend_from_slice(indent);
    buf.extend_from_slice(b"<edge id=\"t");
    write_uint(buf, i as u64);
    buf.extend_from_slice(b"\" source=\"");
    escape_to(buf, &territory.actor(t.actor).id, true);
    buf.extend_from_slice(b"\" target=\"");
    escape_to(buf, &view.node_id(territory, t.affiliation), true);
    buf.push(b'"');
}

/// The graph's title.
fn title(territory: &Territory) -> String {
    crate::msg!(AffiliationGraphTitle, territory = &territory.name).render(crate::lang::Lang::Fr)
}

/// Writes `affiliation.graphml` to `out`, a node or an edge at a time.
pub(crate) fn write_affiliation_graphml<W: Write>(
    territory: &Territory,
    diagnosis: &Diagnosis,
    out: &mut W,
) -> io::Result<()> {
    let view = &diagnosis.affiliations;
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
    let graph_key = [
        ("id", "g0"),
        ("for", "graph"),
        ("attr.name", "name"),
        ("attr.type", "string"),
    ];
    empty_line(&mut buf, 1, "key", &graph_key);
    for (i, (name, ty)) in NODE_ATTRIBUTES.iter().enumerate() {
        let id = format!("n{i}");
        let key = [
            ("id", id.as_str()),
            ("for", "node"),
            ("attr.name", name),
            ("attr.type", ty),
        ];
        empty_line(&mut buf, 1, "key", &key);
    }
    let edge_key = [
        ("id", "e0"),
        ("for", "edge"),
        ("attr.name", "role"),
        ("attr.type", "string"),
    ];
    empty_line(&mut buf, 1, "key", &edge_key);
    open_line(
        &mut buf,
        1,
        "graph",
        &[("id", "G"), ("edgedefault", "undirected")],
    );
    text_line(&mut buf, 2, "data", &[("key", "g0")], &title(territory));
    for node in nodes(territory, diagnosis) {
        buf.extend_from_slice(b"    <node id=\"");
        escape_to(&mut buf, &node.id, true);
        buf.extend_from_slice(b"\">");
        for (i, value) in node.values.iter().enumerate() {
            if value.is_empty() {
                continue;
            }
            buf.extend_from_slice(b"<data key=\"n");
            write_uint(&mut buf, i as u64);
            buf.extend_from_slice(b"\">");
            escape_to(&mut buf, value, false);
            buf.extend_from_slice(b"</data>");
        }
        buf.extend_from_slice(b"</node>\n");
        send_full(out, &mut buf)?;
    }
    for (i, t) in view.ties.iter().enumerate() {
        edge_start(&mut buf, b"    ", territory, diagnosis, i);
        buf.extend_from_slice(b"><data key=\"e0\">");
        buf.extend_from_slice(t.role.as_str().as_bytes());
        buf.extend_from_slice(b"</data></edge>\n");
        send_full(out, &mut buf)?;
    }
    close_line(&mut buf, 1, "graph");
    close_line(&mut buf, 0, "graphml");
    out.write_all(&buf)
}

/// Writes `affiliation.gexf` to `out`, a node or an edge at a time.
pub(crate) fn write_affiliation_gexf<W: Write>(
    territory: &Territory,
    diagnosis: &Diagnosis,
    out: &mut W,
) -> io::Result<()> {
    let view = &diagnosis.affiliations;
    let mut buf: Vec<u8> = Vec::with_capacity(CHUNK + 4096);
    gexf_head(&mut buf, &title(territory), false);
    open_line(
        &mut buf,
        1,
        "graph",
        &[("mode", "static"), ("defaultedgetype", "undirected")],
    );
    open_line(&mut buf, 2, "attributes", &[("class", "node")]);
    for (i, (name, ty)) in NODE_ATTRIBUTES.iter().enumerate().skip(1) {
        let id = i.to_string();
        let ty = if *ty == "int" { "integer" } else { ty };
        empty_line(
            &mut buf,
            3,
            "attribute",
            &[("id", &id), ("title", name), ("type", ty)],
        );
    }
    close_line(&mut buf, 2, "attributes");
    open_line(&mut buf, 2, "attributes", &[("class", "edge")]);
    empty_line(
        &mut buf,
        3,
        "attribute",
        &[("id", "0"), ("title", "role"), ("type", "string")],
    );
    close_line(&mut buf, 2, "attributes");
    open_line(&mut buf, 2, "nodes", &[]);
    for node in nodes(territory, diagnosis) {
        buf.extend_from_slice(b"      <node id=\"");
        escape_to(&mut buf, &node.id, true);
        buf.extend_from_slice(b"\" label=\"");
        escape_to(&mut buf, &node.values[0], true);
        buf.extend_from_slice(b"\"><attvalues>");
        for (i, value) in node.values.iter().enumerate().skip(1) {
            if value.is_empty() {
                continue;
            }
            buf.extend_from_slice(b"<attvalue for=\"");
            write_uint(&mut buf, i as u64);
            buf.extend_from_slice(b"\" value=\"");
            escape_to(&mut buf, value, true);
            buf.extend_from_slice(b"\"/>");
        }
        buf.extend_from_slice(b"</attvalues></node>\n");
        send_full(out, &mut buf)?;
    }
    close_line(&mut buf, 2, "nodes");
    open_line(&mut buf, 2, "edges", &[]);
    for (i, t) in view.ties.iter().enumerate() {
        edge_start(&mut buf, b"      ", territory, diagnosis, i);
        buf.extend_from_slice(b"><attvalues><attvalue for=\"0\" value=\"");
        buf.extend_from_slice(t.role.as_str().as_bytes());
        buf.extend_from_slice(b"\"/></attvalues></edge>\n");
        send_full(out, &mut buf)?;
    }
    close_line(&mut buf, 2, "edges");
    close_line(&mut buf, 1, "graph");
    close_line(&mut buf, 0, "gexf");
    out.write_all(&buf)
}
