//! The network outputs (docs/outputs.md): `network.graphml` and `network.gexf` read
//! back with quick-xml's reader, `actors.geojson` and `network.geojson` checked against
//! RFC 7946 and the privacy rule, and `directory.csv`; and every output streamed to its
//! file as it is made, atomically.

mod common;

use maillage::atomic::write_all_atomic_with;
use maillage::bundle::load_bundle;
use maillage::model::Territory;
use maillage::network::Network;
use maillage::outputs::{write_outputs, OutputFile, OutputOptions};
use maillage::Diagnosis;
use quick_xml::events::Event;
use quick_xml::{Reader, XmlVersion};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn load(path: &Path) -> Territory {
    load_bundle(path).unwrap().territory
}

fn lyon7() -> Territory {
    load(&repo().join("data/lyon7"))
}

fn minimal() -> Territory {
    load(&repo().join("tests/bundles/valid/minimal"))
}

// ---------------------------------------------------------------------------------
// A small XML tree, read with quick-xml's reader (which checks well-formedness).

#[derive(Debug, Default)]
struct Element {
    name: String,
    attributes: BTreeMap<String, String>,
    text: String,
    children: Vec<Element>,
}

impl Element {
    fn children<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Element> + 'a {
        self.children.iter().filter(move |c| c.name == name)
    }

    fn child(&self, name: &str) -> &Element {
        self.children
            .iter()
            .find(|c| c.name == name)
            .unwrap_or_else(|| panic!("<{}> has no <{name}>", self.name))
    }

    fn attr(&self, name: &str) -> &str {
        self.attributes
            .get(name)
            .unwrap_or_else(|| panic!("<{}> has no {name}", self.name))
    }
}

/// Parses a whole document; panics on anything that is not well-formed XML.
fn parse(bytes: &[u8]) -> Element {
    let text = std::str::from_utf8(bytes).expect("UTF-8");
    let mut reader = Reader::from_str(text);
    let mut stack = vec![Element::default()];
    let open = |e: &quick_xml::events::BytesStart<'_>| Element {
        name: e.name().as_ref().to_owned(),
        attributes: e
            .attributes()
            .map(|a| {
                let a = a.expect("well-formed attribute");
                (
                    a.key.as_ref().to_owned(),
                    a.normalized_value(XmlVersion::Explicit1_0)
                        .expect("known entities")
                        .into_owned(),
                )
            })
            .collect(),
        ..Element::default()
    };
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) => stack.push(open(&e)),
            Event::Empty(e) => {
                let element = open(&e);
                stack.last_mut().unwrap().children.push(element);
            }
            Event::End(_) => {
                let done = stack.pop().unwrap();
                stack.last_mut().unwrap().children.push(done);
            }
            Event::Text(t) => stack.last_mut().unwrap().text.push_str(&t.xml10_content()),
            Event::GeneralRef(r) => {
                let resolved = match r.resolve_char_ref().expect("valid reference") {
                    Some(c) => c.to_string(),
                    None => quick_xml::escape::resolve_predefined_entity(&r)
                        .expect("predefined entity")
                        .to_owned(),
                };
                stack.last_mut().unwrap().text.push_str(&resolved);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    assert_eq!(stack.len(), 1, "unclosed elements");
    let mut document = stack.pop().unwrap();
    assert_eq!(document.children.len(), 1, "one root element");
    document.children.pop().unwrap()
}

/// Attribute name → (type, value).
type Attributes = BTreeMap<String, (String, String)>;

/// A graph read back: nodes by id, edges in file order as (id, source, target, attributes).
struct Graph {
    nodes: Vec<(String, Attributes)>,
    edges: Vec<(String, String, String, Attributes)>,
}

impl Graph {
    fn node(&self, id: &str) -> &Attributes {
        &self.nodes.iter().find(|(n, _)| n == id).unwrap().1
    }
}

/// An output rendered with the default options, individuals shown or not.
fn rendered(file: OutputFile, territory: &Territory, d: &Diagnosis, individuals: bool) -> Vec<u8> {
    let options = OutputOptions {
        include_individuals: individuals,
        ..OutputOptions::default()
    };
    file.render(territory, d, &options)
}

fn graphml(territory: &Territory, d: &Diagnosis) -> Vec<u8> {
    rendered(OutputFile::NetworkGraphml, territory, d, false)
}

fn gexf(territory: &Territory, d: &Diagnosis) -> Vec<u8> {
    rendered(OutputFile::NetworkGexf, territory, d, false)
}

fn actors_collection(
    territory: &Territory,
    d: &Diagnosis,
    individuals: bool,
) -> geojson::FeatureCollection {
    let bytes = rendered(OutputFile::ActorsGeojson, territory, d, individuals);
    serde_json::from_slice(&bytes).unwrap()
}

fn network_collection(
    territory: &Territory,
    d: &Diagnosis,
    individuals: bool,
) -> geojson::FeatureCollection {
    let bytes = rendered(OutputFile::NetworkGeojson, territory, d, individuals);
    serde_json::from_slice(&bytes).unwrap()
}

/// A coordinate as the GeoJSON outputs write it: 6 decimals (about 0.1 m).
fn round6(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}

fn read_graphml(bytes: &[u8]) -> Graph {
    let root = parse(bytes);
    assert_eq!(root.name, "graphml");
    assert_eq!(root.attr("xmlns"), "http://graphml.graphdrawing.org/xmlns");
    let mut keys: BTreeMap<String, (String, String, String)> = BTreeMap::new();
    for k in root.children("key") {
        let ty = k.attr("attr.type").to_owned();
        assert!(
            ["string", "double", "int", "long", "boolean"].contains(&ty.as_str()),
            "{ty}"
        );
        let previous = keys.insert(
            k.attr("id").to_owned(),
            (k.attr("for").to_owned(), k.attr("attr.name").to_owned(), ty),
        );
        assert!(previous.is_none(), "key ids are unique");
    }
    let graph = root.child("graph");
    assert_eq!(graph.attr("edgedefault"), "directed");
    let data = |e: &Element, domain: &str| -> Attributes {
        let mut out = Attributes::new();
        for d in e.children("data") {
            let (for_, name, ty) = &keys[d.attr("key")];
            assert_eq!(for_, domain, "key {} used on a {domain}", d.attr("key"));
            assert!(
                out.insert(name.clone(), (ty.clone(), d.text.clone()))
                    .is_none(),
                "one value per key"
            );
        }
        out
    };
    Graph {
        nodes: graph
            .children("node")
            .map(|n| (n.attr("id").to_owned(), data(n, "node")))
            .collect(),
        edges: graph
            .children("edge")
            .map(|e| {
                (
                    e.attr("id").to_owned(),
                    e.attr("source").to_owned(),
                    e.attr("target").to_owned(),
                    data(e, "edge"),
                )
            })
            .collect(),
    }
}

/// GEXF read back, with GEXF's native `label` and `weight` as attributes and its
/// `integer` type named `int`, so that it compares with GraphML.
fn read_gexf(bytes: &[u8]) -> Graph {
    let root = parse(bytes);
    assert_eq!(root.name, "gexf");
    assert_eq!(root.attr("xmlns"), "http://gexf.net/1.3");
    assert_eq!(root.attr("version"), "1.3");
    let graph = root.child("graph");
    assert_eq!(graph.attr("defaultedgetype"), "directed");
    let mut declared: BTreeMap<String, BTreeMap<String, (String, String)>> = BTreeMap::new();
    for a in graph.children("attributes") {
        let class = declared.entry(a.attr("class").to_owned()).or_default();
        for d in a.children("attribute") {
            let ty = match d.attr("type") {
                "integer" => "int",
                t => t,
            };
            assert!(
                ["string", "double", "int", "long", "boolean"].contains(&ty),
                "{ty}"
            );
            class.insert(
                d.attr("id").to_owned(),
                (d.attr("title").to_owned(), ty.to_owned()),
            );
        }
    }
    let values = |e: &Element, class: &str| -> Attributes {
        let mut out = Attributes::new();
        for v in e.children("attvalues").flat_map(|a| a.children("attvalue")) {
            let (title, ty) = &declared[class][v.attr("for")];
            let previous = out.insert(title.clone(), (ty.clone(), v.attr("value").to_owned()));
            assert!(previous.is_none(), "one value per attribute");
        }
        out
    };
    Graph {
        nodes: graph
            .child("nodes")
            .children("node")
            .map(|n| {
                let mut a = values(n, "node");
                a.insert(
                    "label".into(),
                    ("string".into(), n.attr("label").to_owned()),
                );
                (n.attr("id").to_owned(), a)
            })
            .collect(),
        edges: graph
            .child("edges")
            .children("edge")
            .map(|e| {
                let mut a = values(e, "edge");
                a.insert(
                    "weight".into(),
                    ("double".into(), e.attr("weight").to_owned()),
                );
                assert_eq!(Some(e.attr("kind")), a.get("kind").map(|(_, k)| k.as_str()));
                (
                    e.attr("id").to_owned(),
                    e.attr("source").to_owned(),
                    e.attr("target").to_owned(),
                    a,
                )
            })
            .collect(),
    }
}

fn value<'a>(attributes: &'a Attributes, name: &str) -> Option<&'a str> {
    attributes.get(name).map(|(_, v)| v.as_str())
}

// ---------------------------------------------------------------------------------
// Graph exchange.

#[test]
fn graph_files_hold_one_node_per_actor_and_one_edge_per_relation() {
    let territory = lyon7();
    let d = Diagnosis::of(&territory);
    for graph in [
        read_graphml(&graphml(&territory, &d)),
        read_gexf(&gexf(&territory, &d)),
    ] {
        let ids: Vec<&str> = graph.nodes.iter().map(|(id, _)| id.as_str()).collect();
        let expected: Vec<&str> = territory.actors.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, expected);
        assert_eq!(graph.edges.len(), territory.relations.len());
        for ((_, source, target, a), r) in graph.edges.iter().zip(&territory.relations) {
            assert_eq!(source, &territory.actor(r.source).id);
            assert_eq!(target, &territory.actor(r.target).id);
            assert_eq!(value(a, "kind"), Some(r.kind.as_str()));
            assert_eq!(
                value(a, "weight").unwrap().parse::<f64>().unwrap(),
                r.weight
            );
            let valid = territory.date.is_none_or(|day| r.validity.contains(day));
            assert_eq!(
                value(a, "valid"),
                Some(if valid { "true" } else { "false" })
            );
        }
        let ids: std::collections::BTreeSet<&str> =
            graph.edges.iter().map(|(id, ..)| id.as_str()).collect();
        assert_eq!(ids.len(), graph.edges.len(), "edge ids are unique");
    }
}

#[test]
fn graph_files_carry_the_report_figures_with_their_types() {
    let territory = lyon7();
    let d = Diagnosis::of(&territory);
    for graph in [
        read_graphml(&graphml(&territory, &d)),
        read_gexf(&gexf(&territory, &d)),
    ] {
        for ((id, a), m) in graph.nodes.iter().zip(&d.network.actor_metrics) {
            assert_eq!(id, &m.id);
            assert_eq!(a["degree"], ("int".to_owned(), m.degree.to_string()));
            assert_eq!(a["betweenness"].0, "double");
            assert_eq!(a["betweenness"].1.parse::<f64>().unwrap(), m.betweenness);
            assert_eq!(a["closeness"].1.parse::<f64>().unwrap(), m.closeness);
            assert_eq!(
                value(a, "pagerank").map(|p| p.parse::<f64>().unwrap()),
                m.pagerank
            );
            assert_eq!(
                value(a, "constraint").map(|p| p.parse::<f64>().unwrap()),
                m.constraint
            );
            assert_eq!(
                a["articulation_point"],
                ("boolean".to_owned(), m.articulation_point.to_string())
            );
            assert_eq!(
                a["brokerage_total"],
                ("long".to_owned(), m.brokerage.total.to_string())
            );
            assert_eq!(a["community"].1, m.community.to_string());
            assert_eq!(a["fragility"].1, m.fragility.to_string());
            assert_eq!(value(a, "group"), Some(m.group.as_str()));
        }
        let mg = graph.node("mg_001");
        let actor = territory.actor(territory.actor_by_id("mg_001").unwrap());
        let p = actor.location.unwrap();
        assert_eq!(mg["longitude"].0, "double");
        assert_eq!(mg["longitude"].1.parse::<f64>().unwrap(), round6(p.lon));
        assert_eq!(mg["latitude"].1.parse::<f64>().unwrap(), round6(p.lat));
        assert_eq!(value(mg, "kind_label"), Some("Médecin généraliste"));
        assert_eq!(value(mg, "family"), Some("professional"));
        assert_eq!(mg["accepting"].0, "boolean");
        assert_eq!(value(mg, "phone"), actor.attribute("phone"));
    }
}

#[test]
fn graph_files_leave_absent_values_out() {
    let territory = lyon7();
    let d = Diagnosis::of(&territory);
    let graphml = graphml(&territory, &d);
    let gexf = gexf(&territory, &d);
    for bytes in [&graphml, &gexf] {
        let text = String::from_utf8(bytes.clone()).unwrap();
        assert!(!text.contains("NaN"), "no NaN");
        assert!(!text.contains("value=\"\"") && !text.contains("\"></data>"));
    }
    for graph in [read_graphml(&graphml), read_gexf(&gexf)] {
        // The CPTS has no fixed place: no coordinates rather than empty ones.
        let cpts = graph.node("cpts_lyon7");
        assert!(!cpts.contains_key("longitude") && !cpts.contains_key("latitude"));
        assert!(!cpts.contains_key("accepting"));
        for (_, a) in &graph.nodes {
            for (ty, v) in a.values() {
                assert!(!v.is_empty());
                if ty == "double" {
                    assert!(v.parse::<f64>().unwrap().is_finite(), "{v}");
                }
            }
        }
    }
}

#[test]
fn graphml_and_gexf_hold_the_same_attributes() {
    for territory in [lyon7(), minimal()] {
        let d = Diagnosis::of(&territory);
        let graphml = read_graphml(&graphml(&territory, &d));
        let gexf = read_gexf(&gexf(&territory, &d));
        assert_eq!(graphml.nodes, gexf.nodes);
        assert_eq!(graphml.edges, gexf.edges);
    }
}

#[test]
fn graph_files_are_byte_identical_across_runs() {
    let territory = lyon7();
    let d = Diagnosis::of(&territory);
    let again = Diagnosis::of(&territory);
    assert_eq!(graphml(&territory, &d), graphml(&territory, &again));
    assert_eq!(gexf(&territory, &d), gexf(&territory, &again));
}

/// The `start` and `end` of a GEXF `<spell>`, as written.
type Spell = (Option<String>, Option<String>);

/// The spells of each edge of a GEXF graph, in file order.
fn edge_spells(graph: &Element) -> Vec<Vec<Spell>> {
    graph
        .child("edges")
        .children("edge")
        .map(|e| {
            let spells: Vec<&Element> = e.children("spells").collect();
            assert!(spells.len() <= 1, "one <spells> at most");
            spells
                .iter()
                .flat_map(|s| s.children("spell"))
                .map(|s| {
                    for name in s.attributes.keys() {
                        assert!(["start", "end"].contains(&name.as_str()), "{name}");
                    }
                    (
                        s.attributes.get("start").cloned(),
                        s.attributes.get("end").cloned(),
                    )
                })
                .collect()
        })
        .collect()
}

/// `network.gexf` is a dynamic graph whose edges carry their relation's dates as one
/// spell each, and both graph files keep them as the `since` and `until` attributes:
/// checked against `relations.csv` as written, read with the csv crate.
#[test]
fn gexf_edges_carry_the_dates_of_relations_csv_as_spells() {
    let territory = lyon7();
    let d = Diagnosis::of(&territory);
    let bytes = gexf(&territory, &d);
    let root = parse(&bytes);
    let graph = root.child("graph");
    assert_eq!(graph.attr("mode"), "dynamic");
    assert_eq!(graph.attr("timeformat"), "date");
    assert_eq!(graph.attr("timerepresentation"), "interval");

    let mut reader = csv::Reader::from_path(repo().join("data/lyon7/relations.csv")).unwrap();
    let header = reader.headers().unwrap().clone();
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    let (since, until) = (column("since"), column("until"));
    let dates: Vec<Spell> = reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            let cell = |i: usize| Some(r[i].to_owned()).filter(|c| !c.is_empty());
            (cell(since), cell(until))
        })
        .collect();

    let spells = edge_spells(graph);
    assert_eq!(spells.len(), dates.len());
    for (i, (found, expected)) in spells.iter().zip(&dates).enumerate() {
        if *expected == (None, None) {
            assert!(found.is_empty(), "r{i}: no date, no spell");
        } else {
            assert_eq!(found, &vec![expected.clone()], "r{i}");
        }
    }
    // The example holds both kinds: ties still running and ties that ended.
    assert!(dates.iter().any(|(_, u)| u.is_none()));
    assert!(dates.iter().any(|(s, u)| s.is_some() && u.is_some()));

    // Actors have no dates in the model: no node carries a spell.
    for node in graph.child("nodes").children("node") {
        assert!(
            node.children("spells").next().is_none(),
            "{}",
            node.attr("id")
        );
    }

    // Both files keep the dates as attributes besides.
    for graph in [read_graphml(&graphml(&territory, &d)), read_gexf(&bytes)] {
        for ((id, _, _, a), (since, until)) in graph.edges.iter().zip(&dates) {
            assert_eq!(value(a, "since"), since.as_deref(), "{id}");
            assert_eq!(value(a, "until"), until.as_deref(), "{id}");
        }
    }
}

/// A copy of the minimal bundle with extra columns holding XML's special characters,
/// a line break, a control character, and names the writers already use.
fn awkward_bundle(dir: &Path) -> Territory {
    let source = repo().join("tests/bundles/valid/minimal");
    common::copy_dir(&source, dir);
    let add_columns = |file: &str, columns: &[&str], cells: &dyn Fn(&str) -> Vec<String>| {
        let path = dir.join(file);
        let mut reader = csv::Reader::from_path(&path).unwrap();
        let mut header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
        header.extend(columns.iter().map(|c| (*c).to_owned()));
        let rows: Vec<Vec<String>> = reader
            .records()
            .map(|r| {
                let r = r.unwrap();
                let mut row: Vec<String> = r.iter().map(String::from).collect();
                let key = format!("{}>{}", &row[0], &row[1]);
                row.extend(cells(if file == "actors.csv" { &row[0] } else { &key }));
                row
            })
            .collect();
        let mut writer = csv::Writer::from_path(&path).unwrap();
        writer.write_record(&header).unwrap();
        for row in rows {
            writer.write_record(&row).unwrap();
        }
        writer.flush().unwrap();
    };
    add_columns("actors.csv", &["degree", "note"], &|id| match id {
        "mg1" => vec![
            "beaucoup & <plus>".into(),
            "ligne 1\nligne 2 \"entre guillemets\" 'apostrophes'\ttab".into(),
        ],
        "ph1" => vec![String::new(), "bip\u{7}".into()],
        _ => vec![String::new(), String::new()],
    });
    add_columns(
        "relations.csv",
        &["note", "valid", "spells"],
        &|key| match key {
            "mg1>psy1" => vec!["a < b && c > d".into(), "oui".into(), "trois".into()],
            _ => vec![String::new(), String::new(), String::new()],
        },
    );
    load(dir)
}

#[test]
fn graph_files_escape_text_and_rename_clashing_columns() {
    let dir = tempfile::tempdir().unwrap();
    let territory = awkward_bundle(dir.path());
    let d = Diagnosis::of(&territory);
    for graph in [
        read_graphml(&graphml(&territory, &d)),
        read_gexf(&gexf(&territory, &d)),
    ] {
        let mg = graph.node("mg1");
        assert_eq!(mg["degree"].0, "int", "the figure keeps its name");
        assert_eq!(
            mg["attr_degree"],
            ("string".to_owned(), "beaucoup & <plus>".to_owned())
        );
        assert_eq!(
            value(mg, "note"),
            Some("ligne 1\nligne 2 \"entre guillemets\" 'apostrophes'\ttab")
        );
        assert_eq!(value(graph.node("ph1"), "note"), Some("bip\u{FFFD}"));
        let (_, _, _, referral) = graph
            .edges
            .iter()
            .find(|(_, s, t, _)| s == "mg1" && t == "psy1")
            .unwrap();
        assert_eq!(value(referral, "note"), Some("a < b && c > d"));
        assert_eq!(value(referral, "attr_valid"), Some("oui"));
        // networkx's GEXF reader sets `spells` from the <spells> element.
        assert_eq!(value(referral, "attr_spells"), Some("trois"));
        assert!(!referral.contains_key("spells"));
        assert_eq!(referral["valid"].0, "boolean");
        // Relations that ended before the date are kept, flagged as not valid.
        let (_, _, _, ended) = graph
            .edges
            .iter()
            .find(|(_, s, t, _)| s == "cs1" && t == "asso1")
            .unwrap();
        assert_eq!(value(ended, "valid"), Some("false"));
        assert_eq!(value(ended, "until"), Some("2024-01-01"));
    }
}

// ---------------------------------------------------------------------------------
// GeoJSON.

fn professionals(territory: &Territory) -> Vec<&str> {
    territory
        .actors
        .iter()
        .filter(|a| a.family == "professional")
        .map(|a| a.id.as_str())
        .collect()
}

fn property<'a>(feature: &'a geojson::Feature, name: &str) -> &'a Value {
    feature.properties.as_ref().unwrap().get(name).unwrap()
}

#[test]
fn actors_geojson_shows_professionals_only_when_asked() {
    let territory = lyon7();
    let d = Diagnosis::of(&territory);
    let pros = professionals(&territory);
    assert!(!pros.is_empty());
    let public = actors_collection(&territory, &d, false);
    let ids: Vec<&str> = public
        .features
        .iter()
        .map(|f| property(f, "id").as_str().unwrap())
        .collect();
    assert!(!ids.is_empty());
    assert!(ids.iter().all(|id| !pros.contains(id)));
    let expected: Vec<&str> = territory
        .actors
        .iter()
        .filter(|a| a.location.is_some() && a.family != "professional")
        .map(|a| a.id.as_str())
        .collect();
    assert_eq!(ids, expected);

    let all = actors_collection(&territory, &d, true);
    let ids: Vec<&str> = all
        .features
        .iter()
        .map(|f| property(f, "id").as_str().unwrap())
        .collect();
    assert!(ids.contains(&"mg_001"));
    let located = territory
        .actors
        .iter()
        .filter(|a| a.location.is_some())
        .count();
    assert_eq!(ids.len(), located);
}

#[test]
fn network_geojson_drops_ties_to_hidden_professionals() {
    for territory in [lyon7(), minimal()] {
        let d = Diagnosis::of(&territory);
        let pros = professionals(&territory);
        let ends = |fc: &geojson::FeatureCollection| -> Vec<(String, String)> {
            fc.features
                .iter()
                .map(|f| {
                    (
                        property(f, "source").as_str().unwrap().to_owned(),
                        property(f, "target").as_str().unwrap().to_owned(),
                    )
                })
                .collect()
        };
        let public = ends(&network_collection(&territory, &d, false));
        assert!(public
            .iter()
            .all(|(s, t)| !pros.contains(&s.as_str()) && !pros.contains(&t.as_str())));
        let all = ends(&network_collection(&territory, &d, true));
        assert!(all
            .iter()
            .any(|(s, t)| pros.contains(&s.as_str()) || pros.contains(&t.as_str())));
        // Every edge of the projection with two located ends, and only those.
        let network = Network::project(&territory, territory.date);
        let located = |i: usize| territory.actors[i].location.is_some();
        let expected = network
            .graph
            .edge_indices()
            .filter(|&e| {
                let (a, b) = network.graph.edge_endpoints(e).unwrap();
                located(a.index()) && located(b.index())
            })
            .count();
        assert_eq!(all.len(), expected);
    }
}

#[test]
fn network_geojson_lists_relation_kinds_and_group_crossings() {
    let territory = minimal();
    let d = Diagnosis::of(&territory);
    let fc = network_collection(&territory, &d, true);
    let edge = |a: &str, b: &str| {
        fc.features
            .iter()
            .find(|f| {
                let (s, t) = (property(f, "source"), property(f, "target"));
                (s == a && t == b) || (s == b && t == a)
            })
            .unwrap_or_else(|| panic!("no edge {a}–{b}"))
    };
    // cpts1 → mg3 (communication) and mg3 → cpts1 (member): one edge, two kinds.
    let e = edge("cpts1", "mg3");
    assert_eq!(
        property(e, "kinds"),
        &serde_json::json!(["member", "communication"])
    );
    assert_eq!(property(e, "weight"), &serde_json::json!(2.0));
    assert_eq!(property(e, "crosses_groups"), &Value::Bool(true));
    let e = edge("mg2", "ph1");
    assert_eq!(property(e, "crosses_groups"), &Value::Bool(false));
    // cs1 → asso1 ended on 2024-01-01, before the date: no edge.
    assert!(!fc.features.iter().any(|f| {
        let (s, t) = (property(f, "source"), property(f, "target"));
        (s == "cs1" && t == "asso1") || (s == "asso1" && t == "cs1")
    }));
}

/// Every number of a coordinate array, as written.
fn coordinates(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Array(items) => items.iter().for_each(|i| coordinates(i, out)),
        Value::Number(n) => out.push(n.to_string()),
        other => panic!("not a coordinate: {other}"),
    }
}

#[test]
fn network_maps_follow_rfc_7946() {
    let territory = lyon7();
    let d = Diagnosis::of(&territory);
    for (fc, numbers, booleans) in [
        (
            actors_collection(&territory, &d, true),
            &["degree", "betweenness"][..],
            &[][..],
        ),
        (
            network_collection(&territory, &d, true),
            &["weight", "stroke-width", "stroke-opacity"][..],
            &["crosses_groups"][..],
        ),
    ] {
        let json: Value = serde_json::from_str(&serde_json::to_string(&fc).unwrap()).unwrap();
        assert_eq!(json["type"], "FeatureCollection");
        assert!(json.get("crs").is_none());
        assert!(json["legend"]["items"]
            .as_array()
            .is_some_and(|i| !i.is_empty()));
        for f in json["features"].as_array().unwrap() {
            let mut written = Vec::new();
            coordinates(&f["geometry"]["coordinates"], &mut written);
            for n in written {
                let decimals = n.split_once('.').map_or(0, |(_, d)| d.len());
                assert!(decimals <= 6 && !n.contains('e'), "{n}");
            }
            let p = &f["properties"];
            for key in numbers {
                assert!(p[key].is_number(), "{key}: {}", p[key]);
            }
            for key in booleans {
                assert!(p[key].is_boolean(), "{key}");
            }
            for (key, _) in p.as_object().unwrap() {
                assert!(key.is_ascii() && !key.contains(char::is_uppercase), "{key}");
            }
        }
    }
    let fc = actors_collection(&territory, &d, false);
    let first = &fc.features[0];
    assert!(property(first, "themes").is_array());
    assert!(property(first, "marker-color")
        .as_str()
        .unwrap()
        .starts_with('#'));
    assert!(
        ["small", "medium", "large"].contains(&property(first, "marker-size").as_str().unwrap())
    );
}

#[test]
fn network_maps_are_byte_identical_across_runs() {
    let territory = lyon7();
    let d = Diagnosis::of(&territory);
    let bytes = |include| {
        (
            serde_json::to_vec(&actors_collection(&territory, &d, include)).unwrap(),
            serde_json::to_vec(&network_collection(&territory, &d, include)).unwrap(),
        )
    };
    assert_eq!(bytes(false), bytes(false));
    assert_eq!(bytes(true), bytes(true));
}

// ---------------------------------------------------------------------------------
// Directory.

fn directory(territory: &Territory) -> Vec<BTreeMap<String, String>> {
    let d = Diagnosis::of(territory);
    let bytes = OutputFile::DirectoryCsv.render(territory, &d, &OutputOptions::default());
    assert_eq!(
        bytes,
        OutputFile::DirectoryCsv.render(territory, &d, &OutputOptions::default()),
        "deterministic"
    );
    let mut reader = csv::Reader::from_reader(&bytes[..]);
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    reader
        .records()
        .map(|r| {
            header
                .iter()
                .cloned()
                .zip(r.unwrap().iter().map(String::from))
                .collect()
        })
        .collect()
}

#[test]
fn directory_has_one_row_per_actor_with_its_dispositifs() {
    let territory = lyon7();
    let rows = directory(&territory);
    let ids: Vec<&str> = rows.iter().map(|r| r["id"].as_str()).collect();
    let expected: Vec<&str> = territory.actors.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(
        ids, expected,
        "every actor, professionals included, in bundle order"
    );
    let row = |id: &str| rows.iter().find(|r| r["id"] == id).unwrap();
    // A GP of the CPTS (relations.csv: mg_001,cpts_lyon7,member).
    let gp = row("mg_001");
    assert_eq!(gp["dispositifs"], "cpts_lyon7");
    assert_eq!(gp["kind_label"], "Médecin généraliste");
    assert_eq!(gp["sector_label"], "Soins de ville");
    assert!(gp["zones"].starts_with("iris:"));
    assert!(gp["zones"].split('|').any(|z| z == "arrondissement:69387"));
    assert_eq!(gp["phone"], "04 65 71 00 42");
    // The CPTS serves the arrondissement and has no fixed place.
    assert_eq!(row("cpts_lyon7")["zones"], "arrondissement:69387");
    assert_eq!(row("cpts_lyon7")["email"], "cpts@example.org");
    for column in ["address", "phone", "email", "website"] {
        assert!(rows[0].contains_key(column), "{column}");
    }
}

#[test]
fn directory_lists_memberships_and_seats_of_the_minimal_bundle() {
    let territory = minimal();
    let rows = directory(&territory);
    let row = |id: &str| rows.iter().find(|r| r["id"] == id).unwrap().clone();
    assert_eq!(row("mg1")["dispositifs"], "cpts1");
    // asso1 sits in the ASV's steering committee (instance).
    assert_eq!(row("asso1")["dispositifs"], "asv1");
    assert_eq!(row("cs1")["dispositifs"], "");
    // Serves Q1 and Q2, and is located in one of them: each listed once.
    let zones: Vec<String> = row("cpts1")["zones"].split('|').map(String::from).collect();
    assert!(
        zones.contains(&"quartiers:Q1".to_owned()) && zones.contains(&"quartiers:Q2".to_owned())
    );
    let mut unique = zones.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), zones.len());
    // Located in QP1 and serving it.
    assert_eq!(
        row("asv1")["zones"]
            .split('|')
            .filter(|z| *z == "qpv:QP1")
            .count(),
        1
    );
}

// ---------------------------------------------------------------------------------
// Streaming: every output written as it is made, the same bytes as in memory.

/// A writer that keeps what it is given and the largest piece.
#[derive(Default)]
struct Pieces {
    bytes: Vec<u8>,
    largest: usize,
    count: usize,
}

impl std::io::Write for Pieces {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.bytes.extend_from_slice(buf);
        self.largest = self.largest.max(buf.len());
        self.count += 1;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// A synthetic territory of the smallest size (500 actors, 4,000 relations, 50 IRIS),
/// written as a bundle and loaded.
fn synthetic() -> (tempfile::TempDir, Territory) {
    let dir = tempfile::tempdir().unwrap();
    let drawn = maillage::synth::generate(&maillage::synth::Size::S.spec(), 7);
    maillage::bundle::write_bundle(&drawn, dir.path()).unwrap();
    let territory = load(dir.path());
    (dir, territory)
}

/// The options of the tests: the default ones, and every choice at once.
fn option_sets(territory: &Territory) -> Vec<OutputOptions> {
    vec![
        OutputOptions::default(),
        OutputOptions {
            indicators: vec![
                maillage::outputs::default_indicator(territory),
                "actors".to_owned(),
            ],
            include_individuals: true,
            min_count: 11,
            crs: maillage::crs::Crs::Lambert93,
        },
    ]
}

#[test]
fn every_output_streams_the_bytes_it_renders_in_bounded_pieces() {
    let (_dir, synthetic) = synthetic();
    for territory in [lyon7(), synthetic] {
        let d = Diagnosis::of(&territory);
        for options in option_sets(&territory) {
            for file in OutputFile::ALL {
                let mut out = Pieces::default();
                file.render_to(&territory, &d, &options, &mut out).unwrap();
                let rendered = file.render(&territory, &d, &options);
                assert!(
                    out.bytes == rendered,
                    "{file}: streamed and rendered differ"
                );
                assert!(
                    out.largest <= 256 << 10,
                    "{file}: a piece of {}",
                    out.largest
                );
                if rendered.len() > 1 << 20 {
                    assert!(out.count > 2, "{file}: written whole");
                }
            }
        }
    }
}

/// The ties of `network.geojson` are the edges of the network on the report's date,
/// with their summed weights.
#[test]
fn network_geojson_holds_the_edges_of_the_network() {
    let (_dir, territory) = synthetic();
    let d = Diagnosis::of(&territory);
    let network = Network::project(&territory, d.network.date);
    let mut expected: Vec<(String, String, f64)> = network
        .graph
        .edge_indices()
        .filter_map(|e| {
            let (u, v) = network.graph.edge_endpoints(e).unwrap();
            let (a, b) = (u.index().min(v.index()), u.index().max(v.index()));
            let (a, b) = (&territory.actors[a], &territory.actors[b]);
            (a.location.is_some() && b.location.is_some())
                .then(|| (a.id.clone(), b.id.clone(), network.graph[e]))
        })
        .collect();
    let fc = network_collection(&territory, &d, true);
    let found: Vec<(String, String, f64)> = fc
        .features
        .iter()
        .map(|f| {
            let id = |k| property(f, k).as_str().unwrap().to_owned();
            (
                id("source"),
                id("target"),
                property(f, "weight").as_f64().unwrap(),
            )
        })
        .collect();
    expected.sort_by(|x, y| (&x.0, &x.1).cmp(&(&y.0, &y.1)));
    let mut sorted = found.clone();
    sorted.sort_by(|x, y| (&x.0, &x.1).cmp(&(&y.0, &y.1)));
    assert!(!found.is_empty());
    assert_eq!(sorted, expected);
}

/// The files of the temporary folder that are left-over temporary files.
fn temporaries(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect()
}

#[test]
fn write_outputs_writes_what_render_gives_and_leaves_no_temporary() {
    let (_dir, territory) = synthetic();
    let d = Diagnosis::of(&territory);
    let out = tempfile::tempdir().unwrap();
    // A subset, in an order of the caller's, and a file twice.
    let files = [
        OutputFile::ReportHtml,
        OutputFile::GroupsCsv,
        OutputFile::NetworkGexf,
        OutputFile::GroupsCsv,
    ];
    for options in option_sets(&territory) {
        let written = write_outputs(out.path(), &territory, &d, &files, &options).unwrap();
        assert_eq!(
            written,
            files.map(|f| out.path().join(f.file_name())).to_vec()
        );
        for f in files {
            assert!(
                std::fs::read(out.path().join(f.file_name())).unwrap()
                    == f.render(&territory, &d, &options),
                "{f}"
            );
        }
        assert!(temporaries(out.path()).is_empty());
    }
}

/// A file larger than the background flushes, streamed: its bytes on disk, whole.
#[test]
fn a_large_file_is_streamed_to_disk_whole() {
    let dir = tempfile::tempdir().unwrap();
    let line: Vec<u8> = (0..=255u8).cycle().take(1000).collect();
    let lines = 80_000; // 80 MB, more than two background flushes
    let written = write_all_atomic_with(dir.path(), &["big.bin", "small.txt"], |i, out| {
        if i == 1 {
            return out.write_all(b"small\n");
        }
        for _ in 0..lines {
            out.write_all(&line)?;
        }
        Ok(())
    })
    .unwrap();
    assert_eq!(written.len(), 2);
    let big = std::fs::read(dir.path().join("big.bin")).unwrap();
    assert_eq!(big.len(), lines * line.len());
    assert!(big.chunks(line.len()).all(|c| c == line.as_slice()));
    assert_eq!(
        std::fs::read(dir.path().join("small.txt")).unwrap(),
        b"small\n"
    );
    assert!(temporaries(dir.path()).is_empty());
}

/// A file that fails half-way, while another is large: nothing replaced, no
/// temporary file left, the error names the file that failed.
#[test]
fn a_failure_in_one_file_leaves_every_previous_file() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["a.txt", "b.txt", "c.txt"] {
        std::fs::write(dir.path().join(name), format!("old {name}")).unwrap();
    }
    let error = write_all_atomic_with(dir.path(), &["a.txt", "b.txt", "c.txt"], |i, out| {
        let block = vec![b'x'; 1 << 20];
        for k in 0..40 {
            out.write_all(&block)?;
            if i == 1 && k == 3 {
                return Err(std::io::Error::other("disk full"));
            }
        }
        Ok(())
    })
    .unwrap_err();
    assert_eq!(error.path, dir.path().join("b.txt"));
    assert!(error.to_string().contains("disk full"), "{error}");
    for name in ["a.txt", "b.txt", "c.txt"] {
        assert_eq!(
            std::fs::read_to_string(dir.path().join(name)).unwrap(),
            format!("old {name}")
        );
    }
    assert!(temporaries(dir.path()).is_empty());
}

/// A panic while a file is made removes every temporary file, then goes on.
#[test]
fn a_panic_in_one_file_leaves_no_temporary() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), "old").unwrap();
    let outcome = std::panic::catch_unwind(|| {
        write_all_atomic_with(dir.path(), &["a.txt", "b.txt"], |i, out| {
            out.write_all(b"new")?;
            assert!(i == 0, "a bug while writing b.txt");
            Ok(())
        })
    });
    assert!(outcome.is_err());
    assert_eq!(
        std::fs::read_to_string(dir.path().join("a.txt")).unwrap(),
        "old"
    );
    assert!(!dir.path().join("b.txt").exists());
    assert!(temporaries(dir.path()).is_empty());
}

/// A destination that is a folder is refused before any file is written.
#[test]
fn a_folder_in_the_way_is_refused_before_anything_is_written() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("b.txt")).unwrap();
    let calls = std::sync::atomic::AtomicUsize::new(0);
    let error = write_all_atomic_with(dir.path(), &["a.txt", "b.txt"], |_, out| {
        calls.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        out.write_all(b"x")
    })
    .unwrap_err();
    assert_eq!(error.path, dir.path().join("b.txt"));
    assert_eq!(calls.into_inner(), 0);
    assert!(!dir.path().join("a.txt").exists());
}
