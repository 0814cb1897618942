//! The network report of the example bundle: the figures a coordinator reads, checked
//! against networkx's on the same network and against the bundle itself.

mod common;

use maillage::bundle::load_bundle;
use maillage::network::compare;
use maillage::network::Network;
use maillage::network::{analyse, BetweennessMode, NetworkOptions};
use maillage::{Diagnosis, Territory};
use std::path::Path;

fn lyon7() -> Territory {
    load_bundle(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/lyon7"))
        .unwrap()
        .territory
}

#[test]
fn the_report_agrees_with_networkx_on_the_example_network() {
    let t = lyon7();
    let report = Diagnosis::of(&t).network;
    let r = common::reference("lyon7");
    // the fixture's nodes are the actor ids in bundle order
    assert_eq!(
        r.nodes,
        t.actors.iter().map(|a| a.id.clone()).collect::<Vec<_>>()
    );
    assert_eq!(report.edges, r.graph.edge_count());
    assert!((report.density - r.scalar("density")).abs() < 1e-12);
    let figure = |f: fn(&maillage::network::ActorMetrics) -> Option<f64>| -> Vec<Option<f64>> {
        report.actor_metrics.iter().map(f).collect()
    };
    common::assert_close(&r, "betweenness", &figure(|a| Some(a.betweenness)), 1e-9);
    common::assert_close(&r, "closeness", &figure(|a| Some(a.closeness)), 1e-9);
    common::assert_close(&r, "pagerank", &figure(|a| a.pagerank), 1e-6);
    common::assert_close(&r, "clustering", &figure(|a| Some(a.clustering)), 1e-9);
    common::assert_close(&r, "constraint", &figure(|a| a.constraint), 1e-9);
    common::assert_close(&r, "effective_size", &figure(|a| a.effective_size), 1e-9);
    let want_ap: Vec<String> = r.expected["articulation_points"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| r.nodes[i.as_u64().unwrap() as usize].clone())
        .collect();
    let mut got_ap = report.articulation_points.clone();
    got_ap.sort();
    let mut want_ap_sorted = want_ap;
    want_ap_sorted.sort();
    assert_eq!(got_ap, want_ap_sorted);
    assert!(report.modularity >= r.scalar("louvain_modularity") - 0.01);
}

#[test]
fn the_report_names_who_bridges_the_cpts_and_the_asv() {
    let t = lyon7();
    let report = Diagnosis::of(&t).network;
    let pair = |a: &str, b: &str| {
        report
            .dispositifs
            .iter()
            .find(|p| (p.a == a && p.b == b) || (p.a == b && p.b == a))
            .unwrap_or_else(|| panic!("no pair {a} {b}"))
    };
    let cpts_asv = pair("cpts_lyon7", "asv_gerland");
    assert!(cpts_asv.articulated);
    assert!(!cpts_asv.bridging_actors.is_empty());
    // the seed: the ASV coordinator sits in the CPTS's obesity/diabetes group, and the
    // two schemes run the obesity and diabetes prevention programme together
    assert!(
        cpts_asv.bridging_actors.iter().any(|a| a == "coord_asv"),
        "{:?}",
        cpts_asv.bridging_actors
    );
    assert!(cpts_asv
        .joint_actions
        .iter()
        .any(|a| a == "prev_obesite_diabete"));
    let cpts_clsm = pair("cpts_lyon7", "clsm_lyon7");
    assert!(cpts_clsm.articulated);
    assert!(
        cpts_clsm.joint_actions.iter().any(|a| a == "avmpp"),
        "{:?}",
        cpts_clsm.joint_actions
    ); // "A vos marques, prêts, parlez !"
    assert!(pair("asv_gerland", "clsm_lyon7").articulated);
    for p in &report.dispositifs {
        // every cross tie joins a member of one scheme to a member of the other
        for (u, v) in &p.cross_ties {
            assert_ne!(u, v);
        }
        assert_eq!(
            p.articulated,
            !p.direct.is_empty() || !p.shared_members.is_empty() || !p.joint_actions.is_empty()
        );
    }
}

#[test]
fn group_figures_are_consistent() {
    let t = lyon7();
    let report = Diagnosis::of(&t).network;
    let inside: u64 = report.groups.iter().map(|g| g.internal_edges).sum();
    let outside: u64 = report.groups.iter().map(|g| g.external_edges).sum();
    // each cross-group edge is counted from both of its groups
    assert_eq!(inside + outside / 2, report.edges as u64);
    let ei = report.ei_index.unwrap();
    assert!((ei - ((outside / 2) as f64 - inside as f64) / report.edges as f64).abs() < 1e-12);
    assert_eq!(
        report.groups.iter().map(|g| g.actors).sum::<usize>(),
        t.actors.len()
    );
    for a in &report.actor_metrics {
        let b = a.brokerage;
        assert_eq!(
            b.coordinator + b.itinerant + b.gatekeeper + b.liaison,
            b.total
        );
        assert_eq!(a.articulation_point, a.fragility > 0, "{}", a.id);
    }
    assert_eq!(report.key_players.actors.len(), 2);
    assert!(report.key_players.fragmentation_after >= report.key_players.fragmentation_before);
}

#[test]
fn sampled_betweenness_is_seeded_and_exact_with_every_pivot() {
    let t = lyon7();
    let network = Network::project(&t, t.date);
    let mut options = NetworkOptions::for_territory(&t);
    let exact = analyse(&t, &network, &options);
    options.betweenness = BetweennessMode::Sampled { k: t.actors.len() };
    let all_pivots = analyse(&t, &network, &options);
    for (a, b) in exact.actor_metrics.iter().zip(&all_pivots.actor_metrics) {
        assert!((a.betweenness - b.betweenness).abs() < 1e-12);
    }
    options.betweenness = BetweennessMode::Sampled { k: 50 };
    let s1 = analyse(&t, &network, &options);
    let s2 = analyse(&t, &network, &options);
    assert_eq!(s1, s2);
    assert!(s1.betweenness.starts_with("sampled"));
    // closeness stays exact below the exact size, whatever the betweenness pivots
    assert_eq!(s1.closeness, "exact");
    assert!(maillage::network::exact_by_default(
        t.actors.len(),
        network.graph.edge_count()
    ));
}

#[test]
fn compare_reports_the_ties_created_between_two_dates() {
    let t = lyon7();
    let (d1, d2) = ("2022-01-01".parse().unwrap(), "2024-06-30".parse().unwrap());
    let c = compare(&t, d1, d2, "sector");
    let n1 = Network::project(&t, Some(d1));
    let n2 = Network::project(&t, Some(d2));
    assert_eq!(c.before.edges, n1.edge_count());
    assert_eq!(c.after.edges, n2.edge_count());
    assert_eq!(
        c.after.edges + c.lost.len(),
        c.before.edges + c.gained.len()
    );
    assert!(!c.gained.is_empty(), "the 2022 actions created ties");
    assert_eq!(
        c.gained_cross_group,
        c.gained.iter().filter(|g| g.crosses_groups).count()
    );
    // at(date) then the projection gives the same network as filtering on the date
    let at = t.at(d1);
    assert_eq!(Network::project(&at, None).edge_count(), n1.edge_count());
    // a gained tie really is absent at d1 and present at d2
    for g in &c.gained {
        let (a, b) = (t.actor_by_id(&g.a).unwrap(), t.actor_by_id(&g.b).unwrap());
        let edge = |n: &Network| {
            n.graph
                .find_edge(
                    petgraph::graph::NodeIndex::new(a.index()),
                    petgraph::graph::NodeIndex::new(b.index()),
                )
                .is_some()
        };
        assert!(!edge(&n1) && edge(&n2));
    }
}
