//! Property tests over random bundles: a bundle written from a loaded territory loads
//! back as the same territory; actors counted per zone add up to the located actors
//! inside the zones; `Territory::at` and `network::time::compare` agree with the
//! relations' dates.
//!
//! The library has no bundle writer, so this file holds a small one (`files_of`), and
//! its inverse on a loaded territory (`spec_of`): spec → files → territory → spec must
//! give the spec back.

use geo::Contains;
use maillage::bundle::load_bundle_bytes;
use maillage::model::{Date, LayerIx, RelationKind, Territory};
use maillage::network::compare;
use maillage::network::Network;
use proptest::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

const KINDS: &[&str] = &[
    "medecin_generaliste",
    "pharmacie",
    "infirmier",
    "cpts",
    "asv",
    "cmp",
    "association",
    "ccas",
    "ecole",
];
const THEMES: &[&str] = &["santé mentale", "diabète", "Langage", "sport santé"];
const CELL: f64 = 0.01;
const ORIGIN: (f64, f64) = (4.80, 45.70);

/// A bundle as plain values, in the form a loaded territory gives back.
#[derive(Debug, Clone, PartialEq)]
struct Spec {
    date: Option<Date>,
    /// Grid cells (column, row), each a square zone, with a hole when `true`.
    zones: Vec<ZoneSpec>,
    actors: Vec<ActorSpec>,
    relations: Vec<RelationSpec>,
}

#[derive(Debug, Clone, PartialEq)]
struct ZoneSpec {
    id: String,
    name: String,
    population: Option<f64>,
    /// Exterior ring then holes, closed, as lon/lat.
    rings: Vec<Vec<(f64, f64)>>,
}

#[derive(Debug, Clone, PartialEq)]
struct ActorSpec {
    id: String,
    name: String,
    kind: String,
    themes: Vec<String>,
    location: Option<(f64, f64)>,
    capacity: f64,
    serves: Vec<String>,
    accepting: Option<bool>,
    phone: String,
}

#[derive(Debug, Clone, PartialEq)]
struct RelationSpec {
    source: String,
    target: String,
    kind: RelationKind,
    weight: f64,
    since: Option<Date>,
    until: Option<Date>,
}

fn square(x0: f64, y0: f64, side: f64) -> Vec<(f64, f64)> {
    vec![
        (x0, y0),
        (x0 + side, y0),
        (x0 + side, y0 + side),
        (x0, y0 + side),
        (x0, y0),
    ]
}

fn date() -> impl Strategy<Value = Date> {
    (2018i32..2026, 1u8..13, 1u8..29).prop_map(|(y, m, d)| Date::new(y, m, d).unwrap())
}

fn spec() -> impl Strategy<Value = Spec> {
    let zones = (
        1usize..4,
        1usize..4,
        prop::collection::vec((prop::option::of(0u32..20_000), any::<bool>()), 9),
    )
        .prop_map(|(cols, rows, extras)| {
            let mut zones = Vec::new();
            for c in 0..cols {
                for r in 0..rows {
                    let (population, hole) = extras[zones.len()];
                    let (x0, y0) = (ORIGIN.0 + c as f64 * CELL, ORIGIN.1 + r as f64 * CELL);
                    let mut rings = vec![square(x0, y0, CELL)];
                    if hole {
                        let mut h = square(x0 + 0.3 * CELL, y0 + 0.3 * CELL, 0.4 * CELL);
                        h.reverse();
                        rings.push(h);
                    }
                    zones.push(ZoneSpec {
                        id: format!("Z{c}{r}"),
                        name: format!("Zone {c}-{r}"),
                        population: population.map(f64::from),
                        rings,
                    });
                }
            }
            zones
        });
    let name = "[A-Za-zéèàç'\";,][A-Za-zéèàç '\";,|-]{0,10}[A-Za-zé]";
    let actor = (
        name,
        prop::sample::select(KINDS),
        prop::sample::subsequence(THEMES, 0..3),
        prop::option::of((-0.005f64..0.045, -0.005f64..0.045)),
        0.0f64..3.0,
        prop::collection::vec(0usize..9, 0..3),
        prop::option::of(any::<bool>()),
        "[0-9 ]{0,6}",
    );
    let relation = (
        0usize..40,
        0usize..40,
        prop::sample::select(RelationKind::ALL.to_vec()),
        0.01f64..10.0,
        prop::option::of(date()),
        prop::option::of(1u32..2000),
    );
    (
        prop::option::of(date()),
        zones,
        prop::collection::vec(actor, 1..25),
        prop::collection::vec(relation, 0..40),
    )
        .prop_map(|(date, zones, actors, relations)| {
            let actors: Vec<ActorSpec> = actors
                .into_iter()
                .enumerate()
                .map(
                    |(i, (name, kind, themes, loc, capacity, serves, accepting, phone))| {
                        let mut refs: Vec<String> = Vec::new();
                        for z in serves.into_iter().filter(|&z| z < zones.len()) {
                            let r = format!("q:{}", zones[z].id);
                            if !refs.contains(&r) {
                                refs.push(r);
                            }
                        }
                        ActorSpec {
                            id: format!("a{i}"),
                            name,
                            kind: kind.to_owned(),
                            themes: themes.into_iter().map(str::to_owned).collect(),
                            location: loc.map(|(x, y)| (ORIGIN.0 + x, ORIGIN.1 + y)),
                            capacity,
                            serves: refs,
                            accepting,
                            phone: phone.trim().to_owned(),
                        }
                    },
                )
                .collect();
            let n = actors.len();
            let relations = relations
                .into_iter()
                .map(|(s, t, kind, weight, since, days)| RelationSpec {
                    source: format!("a{}", s % n),
                    target: format!("a{}", t % n),
                    kind,
                    weight,
                    since,
                    until: days.map(|d| {
                        let mut u = since.unwrap_or(Date::new(2018, 1, 1).unwrap());
                        for _ in 0..d {
                            u = u.next_day();
                        }
                        u
                    }),
                })
                .collect();
            Spec {
                date,
                zones,
                actors,
                relations,
            }
        })
}

fn csv(rows: Vec<Vec<String>>) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    for r in rows {
        w.write_record(r).unwrap();
    }
    w.into_inner().unwrap()
}

fn opt<T: ToString>(x: Option<T>) -> String {
    x.map_or_else(String::new, |x| x.to_string())
}

/// Writes a bundle: territory.toml, one layer, actors.csv, relations.csv.
fn files_of(s: &Spec) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    let date = s
        .date
        .map_or_else(String::new, |d| format!("date = \"{d}\"\n"));
    let manifest = format!(
        "format = 1\nname = \"Propriétés\"\ncrs = \"EPSG:4326\"\n{date}\n[layers.q]\nfile = \"zones/q.geojson\"\nid = \"code\"\nname = \"nom\"\npopulation = \"pop\"\n"
    );
    files.insert("territory.toml".to_owned(), manifest.into_bytes());
    let features: Vec<serde_json::Value> = s
        .zones
        .iter()
        .map(|z| {
            let rings: Vec<Vec<[f64; 2]>> = z
                .rings
                .iter()
                .map(|r| r.iter().map(|&(x, y)| [x, y]).collect())
                .collect();
            serde_json::json!({
                "type": "Feature",
                "properties": {"code": z.id, "nom": z.name, "pop": z.population},
                "geometry": {"type": "Polygon", "coordinates": rings},
            })
        })
        .collect();
    let layer = serde_json::json!({"type": "FeatureCollection", "features": features});
    files.insert(
        "zones/q.geojson".to_owned(),
        serde_json::to_vec(&layer).unwrap(),
    );
    let mut rows = vec![[
        "id",
        "name",
        "kind",
        "themes",
        "x",
        "y",
        "capacity",
        "serves",
        "accepting",
        "tel",
    ]
    .map(str::to_owned)
    .to_vec()];
    for a in &s.actors {
        rows.push(vec![
            a.id.clone(),
            a.name.clone(),
            a.kind.clone(),
            a.themes.join("|"),
            opt(a.location.map(|l| l.0)),
            opt(a.location.map(|l| l.1)),
            a.capacity.to_string(),
            a.serves.join("|"),
            opt(a.accepting),
            a.phone.clone(),
        ]);
    }
    files.insert("actors.csv".to_owned(), csv(rows));
    let mut rows = vec![["source", "target", "kind", "weight", "since", "until"]
        .map(str::to_owned)
        .to_vec()];
    for r in &s.relations {
        rows.push(vec![
            r.source.clone(),
            r.target.clone(),
            r.kind.as_str().to_owned(),
            r.weight.to_string(),
            opt(r.since),
            opt(r.until),
        ]);
    }
    files.insert("relations.csv".to_owned(), csv(rows));
    files
}

/// Reads a loaded territory back into a spec.
fn spec_of(t: &Territory) -> Spec {
    let layer = t.layer(LayerIx(0));
    let zones = layer
        .zones
        .iter()
        .map(|z| {
            let p = &z.geometry.0[0];
            let ring = |l: &geo::LineString<f64>| l.0.iter().map(|c| (c.x, c.y)).collect();
            ZoneSpec {
                id: z.id.clone(),
                name: z.name.clone(),
                population: z.population,
                rings: std::iter::once(ring(p.exterior()))
                    .chain(p.interiors().iter().map(ring))
                    .collect(),
            }
        })
        .collect();
    let actors = t
        .actors
        .iter()
        .map(|a| ActorSpec {
            id: a.id.clone(),
            name: a.name.clone(),
            kind: a.kind.clone(),
            themes: a.themes.iter().map(|th| th.label().to_owned()).collect(),
            location: a.location.map(|l| (l.lon, l.lat)),
            capacity: a.capacity,
            serves: a
                .serves
                .iter()
                .map(|&z| format!("q:{}", t.zone(z).id))
                .collect(),
            accepting: a.accepting,
            phone: a
                .attributes
                .iter()
                .find(|(k, _)| k == "tel")
                .map(|(_, v)| v.clone())
                .unwrap_or_default(),
        })
        .collect();
    let relations = t
        .relations
        .iter()
        .map(|r| RelationSpec {
            source: t.actor(r.source).id.clone(),
            target: t.actor(r.target).id.clone(),
            kind: r.kind,
            weight: r.weight,
            since: r.validity.since,
            until: r.validity.until,
        })
        .collect();
    Spec {
        date: t.date,
        zones,
        actors,
        relations,
    }
}

fn load(s: &Spec) -> Territory {
    match load_bundle_bytes(&files_of(s)) {
        Ok(l) => l.territory,
        Err(e) => panic!("{e}\n{s:#?}"),
    }
}

/// The relations a spec says hold on a date (docs/bundle.md: since ≤ D < until).
fn valid_on(s: &Spec, d: Date) -> usize {
    s.relations
        .iter()
        .filter(|r| r.since.is_none_or(|x| x <= d) && r.until.is_none_or(|u| d < u))
        .count()
}

/// Undirected ties of a projection, as pairs of actor ids.
fn ties(t: &Territory, n: &Network) -> BTreeSet<(String, String)> {
    n.graph
        .edge_indices()
        .map(|e| {
            let (a, b) = n.graph.edge_endpoints(e).unwrap();
            let (a, b) = (&t.actor(n.graph[a]).id, &t.actor(n.graph[b]).id);
            (a.min(b).clone(), a.max(b).clone())
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn a_written_bundle_loads_back_as_the_same_territory(s in spec()) {
        let first = load(&s);
        prop_assert_eq!(&spec_of(&first), &s);
        // and again, from the territory itself
        let second = load(&spec_of(&first));
        prop_assert_eq!(spec_of(&second), spec_of(&first));
        for (a, b) in first.actors.iter().zip(&second.actors) {
            prop_assert_eq!((&a.sector, &a.family, &a.themes), (&b.sector, &b.family, &b.themes));
        }
    }

    #[test]
    fn actors_per_zone_add_up_to_the_located_actors_inside(s in spec()) {
        let t = load(&s);
        let layer = t.layer(LayerIx(0));
        let counts = maillage::spatial::zone_counts(&t, LayerIx(0));
        let inside = |a: &maillage::model::Actor| {
            a.location.is_some_and(|l| {
                let p = geo::Point::new(l.lon, l.lat);
                layer.zones.iter().any(|z| z.geometry.contains(&p))
            })
        };
        let located_inside = t.actors.iter().filter(|a| inside(a)).count();
        prop_assert_eq!(counts.iter().map(|c| c.total as usize).sum::<usize>(), located_inside);
        prop_assert!(located_inside <= t.actors.iter().filter(|a| a.location.is_some()).count());
        for (z, c) in layer.zones.iter().zip(&counts) {
            prop_assert_eq!(c.by_kind.values().sum::<u32>(), c.total);
            prop_assert_eq!(c.by_sector.values().sum::<u32>(), c.total);
            for &a in &c.actors {
                let l = t.actor(a).location.unwrap();
                prop_assert!(z.geometry.contains(&geo::Point::new(l.lon, l.lat)));
            }
        }
    }

    #[test]
    fn at_and_compare_agree_with_the_relation_dates(s in spec(), d1 in date(), d2 in date()) {
        let t = load(&s);
        let (before, after) = (d1.min(d2), d1.max(d2));
        for d in [before, after] {
            let snapshot = t.at(d);
            prop_assert_eq!(snapshot.relations.len(), valid_on(&s, d));
            prop_assert_eq!(snapshot.actors.len(), t.actors.len());
        }
        let c = compare(&t, before, after, "sector");
        let (t1, t2) = (t.at(before), t.at(after));
        let (e1, e2) = (
            ties(&t1, &Network::project(&t1, None)),
            ties(&t2, &Network::project(&t2, None)),
        );
        prop_assert_eq!(c.before.relations, valid_on(&s, before));
        prop_assert_eq!(c.after.relations, valid_on(&s, after));
        prop_assert_eq!(c.before.edges, e1.len());
        prop_assert_eq!(c.after.edges, e2.len());
        let pair = |x: &maillage::network::TieChange| (x.a.clone().min(x.b.clone()), x.a.clone().max(x.b.clone()));
        let gained: BTreeSet<_> = c.gained.iter().map(pair).collect();
        let lost: BTreeSet<_> = c.lost.iter().map(pair).collect();
        prop_assert_eq!(gained, e2.difference(&e1).cloned().collect::<BTreeSet<_>>());
        prop_assert_eq!(lost, e1.difference(&e2).cloned().collect::<BTreeSet<_>>());
        prop_assert_eq!(c.after.edges + c.lost.len(), c.before.edges + c.gained.len());
    }
}
