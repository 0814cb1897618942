//! Access by a cost table against access by straight line (docs/analyses.md §2, "With a
//! cost table"): the zones ranked both ways, the worst served by each, those that
//! change; the report's « Accès par la route et à vol d'oiseau », the summary's line and
//! access_road.csv, present only with a table.
//!
//! The cost table is DERIVED in the test from data/lyon7, not measured: minutes = the
//! haversine metres from each IRIS's anchor to each actor of a required kind, divided
//! by a speed that varies by zone (50, 100, 150 or 200 m/min by the zone's place in
//! the file), so that the table reorders the zones.

use maillage::bundle::read_cost_table_bytes;
use maillage::lang::{set_language, Lang};
use maillage::outputs::{OutputFile, OutputOptions};
use maillage::spatial::worst_count;
use maillage::{load_bundle, Diagnosis, Territory};
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

fn lyon7() -> Territory {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/lyon7");
    load_bundle(&dir).unwrap().territory
}

fn haversine_m(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (la1, la2) = (a.1.to_radians(), b.1.to_radians());
    let (dla, dlo) = (la2 - la1, (b.0 - a.0).to_radians());
    let h = (dla / 2.0).sin().powi(2) + la1.cos() * la2.cos() * (dlo / 2.0).sin().powi(2);
    2.0 * 6_371_008.8 * h.sqrt().asin()
}

/// The derived table (see the module's note) attached to `t`.
fn with_derived_costs(mut t: Territory) -> Territory {
    let mut table = String::from("origin,destination,minutes\n");
    for (i, z) in t.coverage_layer().zones.iter().enumerate() {
        let speed = 50.0 * (1 + i % 4) as f64;
        for a in &t.actors {
            let Some(p) = a.location else { continue };
            if !t.analysis.required.contains(&a.kind) {
                continue;
            }
            let m = haversine_m((z.anchor.lon, z.anchor.lat), (p.lon, p.lat));
            table.push_str(&format!("{},{},{}\n", z.id, a.id, m / speed));
        }
    }
    let (costs, _) = read_cost_table_bytes("couts_derives.csv", table.as_bytes(), &t).unwrap();
    t.analysis.costs = Some(Arc::new(costs));
    t
}

fn render(file: OutputFile, t: &Territory, d: &Diagnosis) -> String {
    String::from_utf8(file.render(t, d, &OutputOptions::default())).unwrap()
}

/// zones.csv read back: id → (population, column → value).
fn zones_csv(text: &str) -> Vec<(String, f64, BTreeMap<String, String>)> {
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    lines
        .map(|l| {
            // zones.csv quotes nothing in lyon7's access columns; names may hold commas,
            // so split from a CSV reader
            let fields = split_csv(l);
            let row: BTreeMap<String, String> = header
                .iter()
                .zip(fields)
                .map(|(h, f)| ((*h).to_owned(), f))
                .collect();
            let p = row["population"].parse().unwrap_or(0.0);
            (row["id"].clone(), p, row)
        })
        .collect()
}

fn split_csv(line: &str) -> Vec<String> {
    let (mut out, mut field, mut quoted) = (Vec::new(), String::new(), false);
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            '"' => quoted = !quoted,
            ',' if !quoted => out.push(std::mem::take(&mut field)),
            c => field.push(c),
        }
    }
    out.push(field);
    out
}

/// Ranks (1 = lowest access), ties by id, over the zones with a population.
fn ranks(
    zones: &[(String, f64, BTreeMap<String, String>)],
    column: &str,
) -> BTreeMap<String, usize> {
    let mut v: Vec<(f64, &str)> = zones
        .iter()
        .filter(|z| z.1 > 0.0)
        .map(|z| (z.2[column].parse::<f64>().unwrap(), z.0.as_str()))
        .collect();
    v.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(b.1)));
    v.into_iter()
        .enumerate()
        .map(|(r, (_, id))| (id.to_owned(), r + 1))
        .collect()
}

#[test]
fn ranks_by_road_and_straight_line_match_two_runs_zones_csv() {
    let plain_t = lyon7();
    let plain = Diagnosis::of(&plain_t);
    assert!(plain.coverage.road_comparison.is_none());
    let road_t = with_derived_costs(lyon7());
    let road = Diagnosis::of(&road_t);
    let cmp = road
        .coverage
        .road_comparison
        .as_ref()
        .expect("a comparison");
    let by_line = zones_csv(&render(OutputFile::ZonesCsv, &plain_t, &plain));
    let by_road = zones_csv(&render(OutputFile::ZonesCsv, &road_t, &road));
    let inhabited = by_road.iter().filter(|z| z.1 > 0.0).count();
    assert_eq!(inhabited, 24);
    assert_eq!(cmp.worst, 5);
    assert_eq!(worst_count(inhabited), cmp.worst);
    assert_eq!(
        cmp.kinds
            .iter()
            .map(|k| k.kind.as_str())
            .collect::<Vec<_>>(),
        ["medecin_generaliste", "pharmacie", "orthophoniste"]
    );
    let mut changed = 0;
    for k in &cmp.kinds {
        let column = format!("access_{}", k.kind);
        let (road_ranks, line_ranks) = (ranks(&by_road, &column), ranks(&by_line, &column));
        assert_eq!(k.zones.len(), 24);
        for z in &k.zones {
            assert_eq!(z.road_rank, road_ranks[&z.id], "{} {}", k.kind, z.id);
            assert_eq!(
                z.straight_line_rank, line_ranks[&z.id],
                "{} {}",
                k.kind, z.id
            );
            // the straight-line figure is the run's without the table
            let plain_zone = &plain.coverage.zones[z.zone];
            assert_eq!(z.by_straight_line, plain_zone.access[&k.kind]);
            assert_eq!(z.by_road, road.coverage.zones[z.zone].access[&k.kind]);
        }
        let worst = |r: &BTreeMap<String, usize>| {
            let mut w: Vec<(usize, String)> = r
                .iter()
                .filter(|e| *e.1 <= 5)
                .map(|(id, &n)| (n, id.clone()))
                .collect();
            w.sort();
            w.into_iter().map(|e| e.1).collect::<Vec<_>>()
        };
        assert_eq!(k.worst_by_road, worst(&road_ranks));
        assert_eq!(k.worst_by_straight_line, worst(&line_ranks));
        let only_road: Vec<String> = k
            .worst_by_road
            .iter()
            .filter(|id| line_ranks[*id] > 5)
            .cloned()
            .collect();
        let only_line: Vec<String> = k
            .worst_by_straight_line
            .iter()
            .filter(|id| road_ranks[*id] > 5)
            .cloned()
            .collect();
        assert_eq!(k.only_by_road, only_road);
        assert_eq!(k.only_by_straight_line, only_line);
        assert_eq!(k.only_by_road.len(), k.only_by_straight_line.len());
        changed += k.only_by_road.len();
    }
    // the speeds reorder the zones: some of the worst served change
    assert!(
        changed > 0,
        "the derived table changes no worst-served zone"
    );
}

#[test]
fn the_section_the_line_and_the_table_only_with_a_cost_table() {
    set_language(Lang::Fr);
    let plain_t = lyon7();
    let plain = Diagnosis::of(&plain_t);
    let road_t = with_derived_costs(lyon7());
    let road = Diagnosis::of(&road_t);
    let title = "Accès par la route et à vol d’oiseau";
    assert!(!render(OutputFile::ReportHtml, &plain_t, &plain).contains(title));
    assert!(!render(OutputFile::SummaryTxt, &plain_t, &plain).contains("par la route"));
    let header = "kind,id,name,access_road,access_straight_line,rank_road,rank_straight_line,worst_road,worst_straight_line\n";
    assert_eq!(render(OutputFile::AccessRoadCsv, &plain_t, &plain), header);

    let report = render(OutputFile::ReportHtml, &road_t, &road);
    let start = report.find("<section id=\"route\">").expect("the section");
    let section = &report[start..start + report[start..].find("</section>").unwrap()];
    assert!(section.contains(title));
    assert!(section.contains("couts_derives.csv"));
    let gp = &road.coverage.road_comparison.as_ref().unwrap().kinds[0];
    let name = |id: &str| {
        let z = road_t
            .coverage_layer()
            .zones
            .iter()
            .find(|z| z.id == id)
            .unwrap();
        z.name.clone()
    };
    assert!(section.contains(&name(&gp.only_by_road[0])));
    assert!(section.contains("pas à vol d’oiseau"));
    let summary = render(OutputFile::SummaryTxt, &road_t, &road);
    assert!(
        summary.contains(&format!("par la route {}", gp.worst_by_road.join(", "))),
        "{summary}"
    );

    let csv = render(OutputFile::AccessRoadCsv, &road_t, &road);
    assert!(csv.starts_with(header));
    assert_eq!(csv.lines().count(), 1 + 3 * 24);
    let first = split_csv(csv.lines().nth(1).unwrap());
    assert_eq!(first[0], "medecin_generaliste");
    assert_eq!(first[1], gp.worst_by_road[0]);
    assert_eq!((first[5].as_str(), first[7].as_str()), ("1", "true"));

    set_language(Lang::En);
    let english = render(OutputFile::ReportHtml, &road_t, &road);
    set_language(Lang::Fr);
    assert!(english.contains("Access by road and as the crow flies"));
    assert!(!english.contains(title));
}
