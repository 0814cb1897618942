//! Shared helpers of the integration tests: the reference graphs of
//! `tests/fixtures/networkx/` (built by `make_fixtures.py` with networkx), the
//! comparison of two territories read from different files, and the report tests'
//! own HTML escaping.

#![allow(dead_code)]

use petgraph::graph::{NodeIndex, UnGraph};
use serde_json::Value;
use std::path::{Path, PathBuf};

/// The reference graphs, by file stem.
pub const REFERENCE_GRAPHS: &[&str] = &[
    "karate",
    "les_miserables",
    "florentine_families",
    "davis_women",
    "lyon7",
    "grenoble_sud",
];

/// A reference graph with networkx's figures.
pub struct Reference {
    /// File stem.
    pub name: String,
    /// Node labels, in node-index order.
    pub nodes: Vec<String>,
    /// Group of each node, when the fixture has groups (karate: club; lyon7: sector).
    pub groups: Option<Vec<String>>,
    /// The graph: node i is label `nodes[i]`, weights as in networkx.
    pub graph: UnGraph<usize, f64>,
    /// networkx's results (see `make_fixtures.py`).
    pub expected: Value,
}

impl Reference {
    /// A per-node figure of networkx (`None` where networkx gives NaN).
    pub fn per_node(&self, figure: &str) -> Vec<Option<f64>> {
        self.expected[figure]
            .as_array()
            .unwrap_or_else(|| panic!("{}: no figure {figure}", self.name))
            .iter()
            .map(Value::as_f64)
            .collect()
    }

    /// A scalar figure of networkx.
    pub fn scalar(&self, figure: &str) -> f64 {
        self.expected[figure]
            .as_f64()
            .unwrap_or_else(|| panic!("{}: no figure {figure}", self.name))
    }
}

pub fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/networkx")
}

/// Loads one reference graph.
pub fn reference(name: &str) -> Reference {
    let text = std::fs::read_to_string(fixtures_dir().join(format!("{name}.json"))).unwrap();
    let doc: Value = serde_json::from_str(&text).unwrap();
    let nodes: Vec<String> = doc["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n.as_str().unwrap().to_owned())
        .collect();
    let mut graph = UnGraph::with_capacity(nodes.len(), 0);
    for i in 0..nodes.len() {
        graph.add_node(i);
    }
    for e in doc["edges"].as_array().unwrap() {
        let (u, v, w) = (
            e[0].as_u64().unwrap() as usize,
            e[1].as_u64().unwrap() as usize,
            e[2].as_f64().unwrap(),
        );
        graph.add_edge(NodeIndex::new(u), NodeIndex::new(v), w);
    }
    let groups = doc["groups"]
        .as_array()
        .map(|g| g.iter().map(|x| x.as_str().unwrap().to_owned()).collect());
    Reference {
        name: name.to_owned(),
        nodes,
        groups,
        graph,
        expected: doc["expected"].clone(),
    }
}

/// Every reference graph.
pub fn references() -> Vec<Reference> {
    REFERENCE_GRAPHS.iter().map(|n| reference(n)).collect()
}

/// Asserts two per-node figures agree within `tolerance` (absolute), naming the graph,
/// the node and the figure on failure. `None` (NaN in networkx) must match `None`.
pub fn assert_close(r: &Reference, figure: &str, got: &[Option<f64>], tolerance: f64) {
    let want = r.per_node(figure);
    assert_eq!(got.len(), want.len(), "{} {figure}: length", r.name);
    for (i, (g, w)) in got.iter().zip(&want).enumerate() {
        match (g, w) {
            (Some(g), Some(w)) => assert!(
                (g - w).abs() <= tolerance,
                "{} {figure} of node {} ({}): got {g}, networkx {w}",
                r.name,
                i,
                r.nodes[i]
            ),
            (None, None) => {}
            _ => panic!(
                "{} {figure} of node {} ({}): got {g:?}, networkx {w:?}",
                r.name, i, r.nodes[i]
            ),
        }
    }
}

/// Copies a folder and everything under it (a bundle to alter in a temporary folder).
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// The territory without what says where it was read from (line and feature numbers,
/// file names, the zone properties that named the id, name and population).
pub fn comparable(t: &maillage::Territory) -> maillage::Territory {
    let mut t = t.clone();
    for a in &mut t.actors {
        a.line = 0;
    }
    for a in &mut t.actions {
        a.line = 0;
    }
    for n in &mut t.needs {
        n.line = 0;
    }
    for r in &mut t.analysis.need_rules {
        r.line = 0;
    }
    for layer in &mut t.layers {
        layer.file.clear();
        for z in &mut layer.zones {
            z.feature = 0;
            z.properties.clear();
        }
    }
    t
}

pub fn assert_same(a: &maillage::Territory, b: &maillage::Territory, what: &str) {
    let (a, b) = (comparable(a), comparable(b));
    assert_eq!(a.name, b.name, "{what}");
    assert_eq!(a.date, b.date, "{what}");
    assert_eq!(a.taxonomy, b.taxonomy, "{what}");
    assert_eq!(a.analysis, b.analysis, "{what}");
    assert_eq!(a.actors, b.actors, "{what}");
    assert_eq!(a.relations, b.relations, "{what}");
    assert_eq!(a.actions, b.actions, "{what}");
    assert_eq!(a.needs, b.needs, "{what}");
    assert_eq!(a.layers, b.layers, "{what}");
}

/// HTML escaping written again here, so that a test of the report does not trust the
/// report's own.
pub fn escaped(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}
