//! Gaps (docs/analyses.md §3) on the minimal bundle, worked by hand, and on the Lyon 7e
//! example, where the seeds' findings must show: the year-long wait for a speech
//! assessment as an orthophoniste gap in the IRIS that report a language need, the
//! ASV/CPTS diabetes programme answering the QPV's diabetes need, and the addictions
//! need that nobody answers. Suggested links are checked against a brute force over
//! every pair, need gaps against every actor and action, and the articulation of
//! dispositifs against its definition, on generated and random territories and on any
//! number of threads.

use geo::{Intersects, Point};
use maillage::gaps::{
    find_gaps, group_gaps, isolated_actors, need_gaps, service_gaps, suggested_links,
    unarticulated_dispositifs, GapOptions, Gaps, NeedStatus, ServiceGapKind, SuggestedLink,
};
use maillage::model::haversine_m;
use maillage::model::{ActorIx, ZoneIx, ZoneRef};
use maillage::network::Network;
use maillage::spatial::zone_coverage;
use maillage::Territory;
use petgraph::graph::NodeIndex;
use std::collections::BTreeSet;
use std::path::Path;

fn load(relative: &str) -> Territory {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(relative);
    maillage::bundle::load_bundle(&dir).unwrap().territory
}

fn all_gaps(t: &Territory) -> Gaps {
    let network = Network::project(t, t.date);
    let coverage = zone_coverage(t, t.analysis.coverage_layer);
    find_gaps(t, &network, &coverage, &GapOptions::for_territory(t))
}

#[test]
fn minimal_bundle_gaps_worked_by_hand() {
    let t = load("tests/bundles/valid/minimal");
    let gaps = all_gaps(&t);
    // pharmacies: only ph1, in Q1. Q2's anchor is 691 m from it, Q3's 1,131 m (> 1,000)
    let service: Vec<(&str, &str, ServiceGapKind)> = gaps
        .service
        .iter()
        .map(|g| (g.zone.as_str(), g.kind.as_str(), g.gap))
        .collect();
    assert_eq!(
        service,
        [
            ("Q2", "pharmacie", ServiceGapKind::AbsentInZone),
            ("Q3", "pharmacie", ServiceGapKind::OutOfReach),
        ]
    );
    assert!(gaps.service[1].nearest_m.unwrap() > 1000.0);
    // mental health in the QPV: the ASV is there and serves it, the CPTS serves Q2 whose
    // outline holds the QPV's anchor; the only action (A2, March 2024) is over
    let qpv = &gaps.needs[0];
    assert_eq!(
        (qpv.zone.as_str(), qpv.theme.as_str()),
        ("qpv:QP1", "santé mentale")
    );
    assert_eq!(qpv.status, NeedStatus::NoJointAction);
    assert_eq!(qpv.actors, ["cpts1", "asv1"]);
    assert!(qpv.actions.is_empty());
    // access to care in Q3: nobody there carries the theme
    assert_eq!(gaps.needs[1].zone, "quartiers:Q3");
    assert_eq!(gaps.needs[1].status, NeedStatus::Uncovered);
    // on the day of the March 2024 action, the need was covered
    let during = need_gaps(&t, "2024-03-15".parse().ok());
    assert_eq!(during[0].status, NeedStatus::Covered);
    assert_eq!(during[0].actions, ["A2"]);
    // the CPTS and the ASV: no relation, no shared member, no joint action
    assert_eq!(gaps.unarticulated_dispositifs.len(), 1);
    let pair = &gaps.unarticulated_dispositifs[0];
    assert_eq!((pair.a.as_str(), pair.b.as_str()), ("cpts1", "asv1"));
    assert_eq!(pair.distance, Some(2)); // through ars1
    assert!(gaps.isolated_actors.is_empty());
    // the hospital sector (psy1) is tied only to ambulatory (mg1) and population (asso1)
    assert!(gaps
        .groups
        .iter()
        .any(|g| (g.a.as_str(), g.b.as_str()) == ("coordination", "hospital")));
    assert!(!gaps
        .groups
        .iter()
        .any(|g| (g.a.as_str(), g.b.as_str()) == ("ambulatory", "hospital")));
    // mental health brings asso1, mg3, psy1 and asv1 together, none tied to another
    let links: Vec<(&str, &str)> = gaps
        .suggested_links
        .iter()
        .map(|l| (l.a.as_str(), l.b.as_str()))
        .collect();
    assert_eq!(
        links,
        [("asso1", "mg3"), ("asso1", "psy1"), ("asv1", "psy1")]
    );
    assert!(gaps.suggested_links.iter().all(|l| l.score == 0.5));
}

#[test]
fn lyon7_long_wait_for_speech_therapy_shows_as_an_orthophoniste_gap() {
    let t = load("data/lyon7");
    let gaps = all_gaps(&t);
    let language_iris: BTreeSet<String> = t
        .needs
        .iter()
        .filter(|n| n.theme.key() == "langage" && t.layer(n.zone.layer).name == "iris")
        .map(|n| t.zone(n.zone).id.clone())
        .collect();
    assert_eq!(language_iris.len(), 4);
    for iris in &language_iris {
        let gap = gaps
            .service
            .iter()
            .find(|g| &g.zone == iris && g.kind == "orthophoniste")
            .unwrap_or_else(|| panic!("no orthophoniste gap in IRIS {iris}"));
        assert!(matches!(
            gap.gap,
            ServiceGapKind::AbsentInZone | ServiceGapKind::OutOfReach
        ));
    }
    // Cité-Jardin (the QPV's IRIS) has no speech therapist within the 1 km catchment
    let cite_jardin = gaps
        .service
        .iter()
        .find(|g| g.zone == "693870703" && g.kind == "orthophoniste")
        .unwrap();
    assert_eq!(cite_jardin.gap, ServiceGapKind::OutOfReach);
    assert!(cite_jardin.priority);
    // only 4 orthophonistes for 24 IRIS: most IRIS lack one
    let without = gaps
        .service
        .iter()
        .filter(|g| g.kind == "orthophoniste")
        .count();
    assert!(without >= 20, "{without}");
}

#[test]
fn lyon7_diabetes_need_is_covered_by_the_asv_cpts_programme() {
    let t = load("data/lyon7");
    let gaps = all_gaps(&t);
    let need = gaps
        .needs
        .iter()
        .find(|n| n.zone == "qpv:QP069033" && n.theme == "diabète")
        .unwrap();
    assert_eq!(need.status, NeedStatus::Covered);
    assert!(need.actions.contains(&"prev_obesite_diabete".to_owned()));
    let action = t
        .actions
        .iter()
        .find(|a| a.id == "prev_obesite_diabete")
        .unwrap();
    let leads: Vec<&str> = action
        .lead
        .iter()
        .map(|&a| t.actor(a).id.as_str())
        .collect();
    assert_eq!(leads, ["cpts_lyon7", "asv_gerland"]);
    // the one-day events of 2023 and November 2024 are not valid on 2024-06-30
    assert!(!need.actions.contains(&"place_a_ma_sante".to_owned()));
    assert!(!need.actions.contains(&"jmd_2024".to_owned()));
}

#[test]
fn lyon7_addictions_need_is_uncovered() {
    let t = load("data/lyon7");
    let gaps = all_gaps(&t);
    let addictions: Vec<_> = gaps
        .needs
        .iter()
        .filter(|n| n.theme == "addictions")
        .collect();
    assert_eq!(addictions.len(), 2);
    for need in addictions {
        assert_eq!(need.status, NeedStatus::Uncovered, "{}", need.zone);
        assert!(need.actors.is_empty() && need.actions.is_empty());
    }
}

#[test]
fn need_status_follows_its_definition() {
    for bundle in ["tests/bundles/valid/minimal", "data/lyon7"] {
        let t = load(bundle);
        for need in need_gaps(&t, t.date) {
            let expected = match (need.actors.is_empty(), need.actions.is_empty()) {
                (true, true) => NeedStatus::Uncovered,
                (false, true) => NeedStatus::NoJointAction,
                (_, false) => NeedStatus::Covered,
            };
            assert_eq!(need.status, expected, "{bundle} {}", need.zone);
        }
    }
}

#[test]
fn service_gaps_follow_counts_and_nearest_distances() {
    for bundle in ["tests/bundles/valid/minimal", "data/lyon7"] {
        let t = load(bundle);
        let coverage = zone_coverage(&t, t.analysis.coverage_layer);
        let gaps = service_gaps(&coverage);
        let mut expected = Vec::new();
        for z in &coverage.zones {
            for k in &t.analysis.required {
                if z.count_by_kind[k] == 0 {
                    let out = z.nearest_m[k].is_none_or(|d| d > t.analysis.catchment_m);
                    expected.push((z.id.clone(), k.clone(), out));
                }
            }
        }
        let found: Vec<(String, String, bool)> = gaps
            .into_iter()
            .map(|g| (g.zone, g.kind, g.gap == ServiceGapKind::OutOfReach))
            .collect();
        assert_eq!(found, expected, "{bundle}");
    }
}

#[test]
fn group_gaps_are_the_zeros_of_the_mixing_matrix() {
    for bundle in ["tests/bundles/valid/minimal", "data/lyon7"] {
        let t = load(bundle);
        let network = Network::project(&t, t.date);
        let groups: BTreeSet<&str> = (0..t.actors.len())
            .map(|i| t.group_of(ActorIx(i as u32), "sector"))
            .collect();
        let tied = |g: &str, h: &str| {
            network.graph.edge_indices().any(|e| {
                let (u, v) = network.graph.edge_endpoints(e).unwrap();
                let (gu, gv) = (
                    t.group_of(ActorIx(u.index() as u32), "sector"),
                    t.group_of(ActorIx(v.index() as u32), "sector"),
                );
                (gu, gv) == (g, h) || (gu, gv) == (h, g)
            })
        };
        let mut expected = Vec::new();
        for &g in &groups {
            for &h in
                groups.range::<&str, _>((std::ops::Bound::Excluded(g), std::ops::Bound::Unbounded))
            {
                if !tied(g, h) {
                    expected.push((g.to_owned(), h.to_owned()));
                }
            }
        }
        let found: Vec<(String, String)> = group_gaps(&t, &network, "sector")
            .into_iter()
            .map(|g| (g.a, g.b))
            .collect();
        assert_eq!(found, expected, "{bundle}");
    }
}

#[test]
fn lyon7_isolated_actors_and_unarticulated_dispositifs() {
    let t = load("data/lyon7");
    let network = Network::project(&t, t.date);
    let isolated = isolated_actors(&t, &network, "sector");
    // the eight actors with no relation at all are among them
    for (i, a) in t.actors.iter().enumerate() {
        let any_relation = t
            .relations
            .iter()
            .any(|r| r.source.index() == i || r.target.index() == i);
        if !any_relation {
            assert!(isolated.iter().any(|x| x.id == a.id), "{}", a.id);
        }
    }
    for x in &isolated {
        let ix = t.actor_by_id(&x.id).unwrap();
        assert_eq!(network.degree(ix), 0);
    }
    // the three dispositifs of the handout are articulated with each other
    let pairs = unarticulated_dispositifs(&t, &network);
    for (a, b) in [
        ("cpts_lyon7", "asv_gerland"),
        ("cpts_lyon7", "clsm_lyon7"),
        ("asv_gerland", "clsm_lyon7"),
    ] {
        assert!(
            !pairs
                .iter()
                .any(|p| (p.a == a && p.b == b) || (p.a == b && p.b == a)),
            "{a} {b}"
        );
    }
}

/// Every suggested link by brute force over all pairs, best first.
fn brute_force_links(t: &Territory, network: &Network) -> Vec<(String, String, f64)> {
    let n = t.actors.len();
    let cov = t.analysis.coverage_layer;
    let anchors: Vec<Point> = t
        .layer(cov)
        .zones
        .iter()
        .map(|z| Point::new(z.anchor.lon, z.anchor.lat))
        .collect();
    let served: Vec<BTreeSet<ZoneRef>> = t
        .actors
        .iter()
        .map(|a| {
            let mut s = BTreeSet::new();
            for &named in &a.serves {
                s.insert(named);
                for (z, anchor) in anchors.iter().enumerate() {
                    let zone = ZoneRef {
                        layer: cov,
                        zone: ZoneIx(z as u32),
                    };
                    if named == zone
                        || (named.layer != cov && t.zone(named).geometry.intersects(anchor))
                    {
                        s.insert(zone);
                    }
                }
            }
            s
        })
        .collect();
    let neighbours = |u: usize| -> BTreeSet<usize> {
        network
            .graph
            .neighbors(NodeIndex::new(u))
            .map(|w| w.index())
            .collect()
    };
    let keys =
        |u: usize| -> BTreeSet<&str> { t.actors[u].themes.iter().map(|x| x.key()).collect() };
    let mut links = Vec::new();
    for u in 0..n {
        for v in u + 1..n {
            let (au, av) = (&t.actors[u], &t.actors[v]);
            if au.sector == av.sector || neighbours(u).contains(&v) {
                continue;
            }
            let (ku, kv) = (keys(u), keys(v));
            let shared = ku.intersection(&kv).count();
            if shared == 0 {
                continue;
            }
            let near = match (au.location, av.location) {
                (Some(p), Some(q)) => haversine_m(p, q) <= t.analysis.catchment_m,
                _ => false,
            };
            if !near && served[u].is_disjoint(&served[v]) {
                continue;
            }
            let jaccard = shared as f64 / ku.union(&kv).count() as f64;
            let aa: f64 = neighbours(u)
                .intersection(&neighbours(v))
                .map(|&w| 1.0 / (neighbours(w).len() as f64).ln())
                .sum();
            let (a, b) = if au.id <= av.id { (au, av) } else { (av, au) };
            links.push((a.id.clone(), b.id.clone(), jaccard + aa));
        }
    }
    links.sort_by(|x, y| y.2.total_cmp(&x.2).then(x.0.cmp(&y.0)).then(x.1.cmp(&y.1)));
    links
}

#[test]
fn suggested_links_equal_a_brute_force_over_all_pairs() {
    for bundle in ["tests/bundles/valid/minimal", "data/lyon7"] {
        let t = load(bundle);
        let network = Network::project(&t, t.date);
        let expected = brute_force_links(&t, &network);
        let found = suggested_links(&t, &network, "sector", usize::MAX);
        assert_eq!(found.len(), expected.len(), "{bundle}");
        for (f, e) in found.iter().zip(&expected) {
            assert_eq!((&f.a, &f.b), (&e.0, &e.1), "{bundle}");
            assert!((f.score - e.2).abs() < 1e-12, "{bundle} {} {}", f.a, f.b);
        }
        let top: Vec<SuggestedLink> = suggested_links(&t, &network, "sector", 10);
        assert_eq!(top[..], found[..10.min(found.len())]);
    }
}

#[test]
fn lyon7_suggested_links_give_their_reasons() {
    let t = load("data/lyon7");
    let network = Network::project(&t, t.date);
    let links = suggested_links(&t, &network, "sector", 20);
    assert_eq!(links.len(), 20);
    for l in &links {
        assert!(l.a < l.b);
        assert_ne!(l.group_a, l.group_b);
        assert!(!l.shared_themes.is_empty());
        assert!((l.score - l.jaccard - l.adamic_adar).abs() < 1e-12);
        let within = l.distance_m.is_some_and(|d| d <= t.analysis.catchment_m);
        assert!(within || !l.common_zones.is_empty(), "{} {}", l.a, l.b);
        assert_eq!(l.adamic_adar > 0.0, !l.common_neighbours.is_empty());
    }
    // the pedopsychiatric CMP and the PMI both work on children's language, 100 m apart,
    // and meet in the CLSM's commission: the best link to make
    assert_eq!(
        (links[0].a.as_str(), links[0].b.as_str()),
        ("cmp_pedo_7", "pmi_jean_mace")
    );
    assert!(links[0]
        .common_neighbours
        .contains(&"gt_enfance_clsm".to_owned()));
}

#[test]
fn gaps_are_deterministic_and_serialise_with_ids() {
    let t = load("data/lyon7");
    let first = serde_json::to_string(&all_gaps(&t)).unwrap();
    let second = serde_json::to_string(&all_gaps(&t)).unwrap();
    assert_eq!(first, second);
    let json: serde_json::Value = serde_json::from_str(&first).unwrap();
    assert!(json["needs"][0]["zone"].as_str().unwrap().contains(':'));
    assert!(json["suggested_links"][0]["a"].is_string());
    assert_eq!(json["service"][0]["gap"], "absent_in_zone");
}

#[test]
fn suggested_links_scale_with_the_candidates_not_the_pairs() {
    // 20,000 actors over 45 × 45 km: 2·10⁸ pairs, of which a few thousand share a theme
    // within the 500 m catchment or a served zone
    let dir = tempfile::tempdir().unwrap();
    let (west, south, east, north) = (4.5, 45.5, 5.1, 45.9);
    std::fs::write(
        dir.path().join("zones.geojson"),
        format!(
            r#"{{"type":"FeatureCollection","features":[
            {{"type":"Feature","properties":{{"id":"W"}},"geometry":{{"type":"Polygon","coordinates":[[[{west},{south}],[4.8,{south}],[4.8,{north}],[{west},{north}],[{west},{south}]]]}}}},
            {{"type":"Feature","properties":{{"id":"E"}},"geometry":{{"type":"Polygon","coordinates":[[[4.8,{south}],[{east},{south}],[{east},{north}],[4.8,{north}],[4.8,{south}]]]}}}}]}}"#
        ),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("territory.toml"),
        "format = 1\nname = \"large\"\n[layers.z]\nfile = \"zones.geojson\"\nid = \"id\"\n[analysis]\ncatchment_m = 500\n",
    )
    .unwrap();
    let mut rng = maillage::network::SeededRng::new(29);
    let kinds = [
        "medecin_generaliste",
        "association",
        "pmi",
        "centre_social",
        "cpts",
    ];
    let mut actors = String::from("id,name,kind,themes,x,y,serves\n");
    let n = 20_000;
    for i in 0..n {
        let (t1, t2) = (rng.below(30), rng.below(30));
        let x = west + (east - west) * rng.next_f64();
        let y = south + (north - south) * rng.next_f64();
        let serves = if rng.below(100) == 0 { "z:E" } else { "" };
        actors.push_str(&format!(
            "a{i},Actor {i},{},theme {t1}|theme {t2},{x},{y},{serves}\n",
            kinds[rng.below(kinds.len())]
        ));
    }
    std::fs::write(dir.path().join("actors.csv"), actors).unwrap();
    let mut relations = String::from("source,target,kind\n");
    for _ in 0..n {
        let (u, v) = (rng.below(n), rng.below(n));
        if u != v {
            relations.push_str(&format!("a{u},a{v},partner\n"));
        }
    }
    std::fs::write(dir.path().join("relations.csv"), relations).unwrap();
    let t = maillage::bundle::load_bundle(dir.path()).unwrap().territory;
    let network = Network::project(&t, t.date);
    let start = std::time::Instant::now();
    let links = suggested_links(&t, &network, "sector", 100);
    eprintln!("suggested links among {n} actors: {:?}", start.elapsed());
    assert_eq!(links.len(), 100);
    assert!(links.windows(2).all(|w| w[0].score >= w[1].score));
    for l in &links {
        let within = l.distance_m.is_some_and(|d| d <= 500.0);
        assert!(within || !l.common_zones.is_empty());
    }
}

/// A bundle of `others` actors and `schemes` dispositifs, tied at random: memberships
/// (some between schemes), partnerships (some between schemes, some ended or not yet
/// begun on the date), joint actions (some out of date), in a 10 × 10 km square.
fn random_schemes_bundle(dir: &Path, seed: u64, schemes: usize, others: usize) {
    let mut rng = maillage::network::SeededRng::new(seed);
    std::fs::write(
        dir.join("zones.geojson"),
        r#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"Z"},"geometry":{"type":"Polygon","coordinates":[[[4.7,45.7],[4.85,45.7],[4.85,45.8],[4.7,45.8],[4.7,45.7]]]}}]}"#,
    )
    .unwrap();
    std::fs::write(
        dir.join("territory.toml"),
        "format = 1\nname = \"schemes\"\ndate = \"2024-06-30\"\n[layers.z]\nfile = \"zones.geojson\"\nid = \"id\"\n",
    )
    .unwrap();
    let scheme_kinds = ["cpts", "asv", "clsm", "cls"];
    let other_kinds = ["medecin_generaliste", "association", "pmi", "centre_social"];
    let n = schemes + others;
    // schemes and other actors interleaved, so that indices mix them
    let is_scheme: Vec<bool> = {
        let mut v: Vec<bool> = (0..n).map(|i| i < schemes).collect();
        rng.shuffle(&mut v);
        v
    };
    let mut actors = String::from("id,name,kind\n");
    for (i, &s) in is_scheme.iter().enumerate() {
        let kind = if s {
            scheme_kinds[rng.below(4)]
        } else {
            other_kinds[rng.below(4)]
        };
        actors.push_str(&format!("a{i},Actor {i},{kind}\n"));
    }
    // three schemes with no tie at all, the first in a joint action: their pairs lie
    // in two components
    for i in n..n + 3 {
        actors.push_str(&format!("a{i},Actor {i},cls\n"));
    }
    std::fs::write(dir.join("actors.csv"), actors).unwrap();
    let scheme_ids: Vec<usize> = (0..n).filter(|&i| is_scheme[i]).collect();
    let dates = [",", "2020-01-01,", ",2022-01-01", "2025-01-01,"];
    let date = |rng: &mut maillage::network::SeededRng| {
        if rng.below(6) == 0 {
            dates[1 + rng.below(3)]
        } else {
            dates[0]
        }
    };
    let mut relations = String::from("source,target,kind,weight,themes,since,until\n");
    for i in 0..n {
        for _ in 0..rng.below(3) {
            let d = scheme_ids[rng.below(scheme_ids.len())];
            let kind = if rng.below(5) == 0 {
                "instance"
            } else {
                "member"
            };
            relations.push_str(&format!("a{i},a{d},{kind},,,{}\n", date(&mut rng)));
        }
    }
    for _ in 0..n / 2 {
        let (u, v) = (rng.below(n), rng.below(n));
        relations.push_str(&format!("a{u},a{v},partner,,,{}\n", date(&mut rng)));
    }
    for _ in 0..schemes / 4 {
        let (a, b) = (
            scheme_ids[rng.below(scheme_ids.len())],
            scheme_ids[rng.below(scheme_ids.len())],
        );
        relations.push_str(&format!("a{a},a{b},communication,,,{}\n", date(&mut rng)));
    }
    std::fs::write(dir.join("relations.csv"), relations).unwrap();
    let mut actions = String::from("id,name,themes,lead,partners,funders,zones,start,end\n");
    actions.push_str(&format!(
        "alone,Alone,santé,a{n},a{},,z:Z,2023-01-01,\n",
        scheme_ids[0]
    ));
    for k in 0..schemes / 3 {
        let pick = |rng: &mut maillage::network::SeededRng| {
            (0..1 + rng.below(3))
                .map(|_| format!("a{}", rng.below(n)))
                .collect::<Vec<_>>()
                .join("|")
        };
        let (lead, partners) = (pick(&mut rng), pick(&mut rng));
        let when = if rng.below(5) == 0 {
            "2019-01-01,2020-01-01"
        } else {
            "2023-01-01,"
        };
        actions.push_str(&format!(
            "act{k},Action {k},santé,{lead},{partners},,z:Z,{when}\n"
        ));
    }
    std::fs::write(dir.join("actions.csv"), actions).unwrap();
}

/// The articulation of every pair of dispositifs by its definition (docs/analyses.md
/// §1): members, shared members, cross ties, joint actions, breadth-first distance.
fn brute_force_articulation(
    t: &Territory,
    network: &Network,
) -> Vec<maillage::network::DispositifPair> {
    use maillage::model::RelationKind;
    let n = t.actors.len();
    let valid: Vec<_> = t
        .relations
        .iter()
        .filter(|r| t.date.is_none_or(|d| r.validity.contains(d)))
        .collect();
    let schemes: Vec<usize> = (0..n).filter(|&i| t.actors[i].is_dispositif()).collect();
    let members: Vec<BTreeSet<usize>> = (0..n)
        .map(|d| {
            valid
                .iter()
                .filter(|r| {
                    matches!(r.kind, RelationKind::Member | RelationKind::Instance)
                        && r.target.index() == d
                        && r.source != r.target
                        && t.actors[d].is_dispositif()
                })
                .map(|r| r.source.index())
                .collect()
        })
        .collect();
    let neighbours: Vec<BTreeSet<usize>> = (0..n)
        .map(|u| {
            network
                .graph
                .neighbors(NodeIndex::new(u))
                .map(|w| w.index())
                .collect()
        })
        .collect();
    let hops_from = |s: usize| {
        let mut dist = vec![u32::MAX; n];
        let mut queue = std::collections::VecDeque::from([s]);
        dist[s] = 0;
        while let Some(u) = queue.pop_front() {
            for &w in &neighbours[u] {
                if dist[w] == u32::MAX {
                    dist[w] = dist[u] + 1;
                    queue.push_back(w);
                }
            }
        }
        dist
    };
    let side = |d: usize, x: ActorIx| x.index() == d || members[d].contains(&x.index());
    let mut pairs = Vec::new();
    for (i, &a) in schemes.iter().enumerate() {
        let dist = hops_from(a);
        for &b in &schemes[i + 1..] {
            let mut direct: Vec<RelationKind> = valid
                .iter()
                .filter(|r| {
                    (r.source.index(), r.target.index()) == (a, b)
                        || (r.source.index(), r.target.index()) == (b, a)
                })
                .map(|r| r.kind)
                .collect();
            direct.sort_unstable();
            direct.dedup();
            let shared: Vec<ActorIx> = members[a]
                .intersection(&members[b])
                .map(|&x| ActorIx(x as u32))
                .collect();
            let only = |d: usize, e: usize| -> Vec<usize> {
                members[d]
                    .iter()
                    .copied()
                    .filter(|&x| !members[e].contains(&x) && x != a && x != b)
                    .collect()
            };
            let (only_a, only_b) = (only(a, b), only(b, a));
            let mut cross_ties = Vec::new();
            for &x in &only_a {
                for &y in &only_b {
                    if neighbours[x].contains(&y) {
                        cross_ties.push((ActorIx(x as u32), ActorIx(y as u32)));
                    }
                }
            }
            let joint_actions: Vec<usize> = t
                .actions
                .iter()
                .enumerate()
                .filter(|(_, action)| {
                    let actors = action.actors();
                    t.date.is_none_or(|d| action.validity.contains(d))
                        && actors.iter().any(|&x| side(a, x))
                        && actors.iter().any(|&x| side(b, x))
                })
                .map(|(k, _)| k)
                .collect();
            if schemes.len() > maillage::network::ALL_PAIRS_UP_TO
                && direct.is_empty()
                && shared.is_empty()
                && cross_ties.is_empty()
                && joint_actions.is_empty()
            {
                continue;
            }
            let mut ties_of: std::collections::BTreeMap<ActorIx, usize> = Default::default();
            for &(x, y) in &cross_ties {
                *ties_of.entry(x).or_default() += 1;
                *ties_of.entry(y).or_default() += 1;
            }
            let mut by_ties: Vec<(usize, ActorIx)> =
                ties_of.into_iter().map(|(x, c)| (c, x)).collect();
            by_ties.sort_by(|p, q| q.0.cmp(&p.0).then(p.1.cmp(&q.1)));
            let bridging_actors = shared
                .iter()
                .copied()
                .chain(by_ties.into_iter().map(|(_, x)| x))
                .collect();
            pairs.push(maillage::network::DispositifPair {
                a: ActorIx(a as u32),
                b: ActorIx(b as u32),
                direct,
                shared_members: shared,
                cross_ties,
                joint_actions,
                distance: (dist[b] != u32::MAX).then_some(dist[b]),
                bridging_actors,
            });
        }
    }
    pairs
}

fn with_threads<T: Send>(threads: usize, f: impl FnOnce() -> T + Send) -> T {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .unwrap()
        .install(f)
}

#[test]
fn dispositif_articulation_equals_its_definition_on_random_territories() {
    use maillage::network::dispositif_articulation;
    let mut seen = BTreeSet::new();
    // below and above the number of schemes from which only related pairs are listed
    for (seed, schemes, others) in [(1, 40, 200), (2, 12, 300), (3, 320, 400)] {
        let dir = tempfile::tempdir().unwrap();
        random_schemes_bundle(dir.path(), seed, schemes, others);
        let t = maillage::bundle::load_bundle(dir.path()).unwrap().territory;
        let network = Network::project(&t, t.date);
        let expected = brute_force_articulation(&t, &network);
        let found = with_threads(1, || dispositif_articulation(&t, &network));
        assert_eq!(found.len(), expected.len(), "seed {seed}");
        for (f, e) in found.iter().zip(&expected) {
            assert_eq!(f, e, "seed {seed}");
        }
        assert_eq!(
            with_threads(3, || dispositif_articulation(&t, &network)),
            found
        );
        let unarticulated = with_threads(3, || unarticulated_dispositifs(&t, &network));
        let id = |a: ActorIx| t.actors[a.index()].id.clone();
        let expected: Vec<_> = expected
            .iter()
            .filter(|p| !p.is_articulated())
            .map(|p| (id(p.a), id(p.b), p.distance, p.cross_ties.len()))
            .collect();
        let unarticulated: Vec<_> = unarticulated
            .into_iter()
            .map(|p| (p.a, p.b, p.distance, p.cross_ties))
            .collect();
        assert_eq!(unarticulated, expected, "seed {seed}");
        seen.extend(found.iter().map(|p| p.distance));
    }
    // pairs searched beyond their neighbourhoods, and pairs in two components
    assert!(seen.iter().any(|d| d.is_some_and(|d| d > 3)));
    assert!(seen.contains(&None));
}

/// Every need's actors and actions by their definition (docs/analyses.md §3), looking
/// at every actor and action.
fn brute_force_needs(t: &Territory) -> Vec<(Vec<String>, Vec<String>)> {
    let reaches = |named: ZoneRef, zone: ZoneRef| {
        let anchor = t.zone(zone).anchor;
        named == zone
            || (named.layer != zone.layer
                && t.zone(named)
                    .geometry
                    .intersects(&Point::new(anchor.lon, anchor.lat)))
    };
    t.needs
        .iter()
        .map(|need| {
            let placement = maillage::spatial::assign_actors(t, need.zone.layer);
            let key = need.theme.key();
            let actors = t
                .actors
                .iter()
                .enumerate()
                .filter(|(i, a)| {
                    a.themes.iter().any(|x| x.key() == key)
                        && (placement[*i] == Some(need.zone.zone)
                            || a.serves.iter().any(|&n| reaches(n, need.zone)))
                })
                .map(|(_, a)| a.id.clone())
                .collect();
            let actions = t
                .actions
                .iter()
                .filter(|a| {
                    t.date.is_none_or(|d| a.validity.contains(d))
                        && a.themes.iter().any(|x| x.key() == key)
                        && a.zones.iter().any(|&n| reaches(n, need.zone))
                })
                .map(|a| a.id.clone())
                .collect();
            (actors, actions)
        })
        .collect()
}

#[test]
fn links_and_needs_equal_their_definitions_on_generated_territories() {
    for seed in [3, 11] {
        let dir = tempfile::tempdir().unwrap();
        let drawn = maillage::synth::generate(&maillage::synth::Spec::custom(400, 3_000, 30), seed);
        maillage::bundle::write_bundle(&drawn, dir.path()).unwrap();
        let t = maillage::bundle::load_bundle(dir.path()).unwrap().territory;
        let network = Network::project(&t, t.date);
        let expected = brute_force_links(&t, &network);
        let found = with_threads(1, || suggested_links(&t, &network, "sector", usize::MAX));
        assert!(found.len() > 100, "seed {seed}: {}", found.len());
        assert_eq!(found.len(), expected.len(), "seed {seed}");
        for (f, e) in found.iter().zip(&expected) {
            assert_eq!((&f.a, &f.b), (&e.0, &e.1), "seed {seed}");
            assert!((f.score - e.2).abs() < 1e-12, "seed {seed} {} {}", f.a, f.b);
        }
        // the best few, on any number of threads, are the head of the whole list
        for threads in [1, 3] {
            let top = with_threads(threads, || suggested_links(&t, &network, "sector", 15));
            assert_eq!(top[..], found[..15], "seed {seed}");
        }
        let needs = need_gaps(&t, t.date);
        assert!(!needs.is_empty());
        let found: Vec<_> = needs.into_iter().map(|n| (n.actors, n.actions)).collect();
        assert_eq!(found, brute_force_needs(&t), "seed {seed}");
    }
}
