//! The report's "Calendrier des actions et des liens" (docs/outputs.md "Report",
//! docs/analyses.md §4 "Calendar"): every dated joint action drawn under each of its
//! dispositifs with its dates, later days further right, the overlaps and the periods
//! without action said in French, the relations started and ended each year, no
//! professional named unless asked, and the section left out when nothing has a date.

mod common;
use common::escaped;

use maillage::bundle::load_bundle;
use maillage::model::{Date, RelationKind, Territory};
use maillage::outputs::{OutputFile, OutputOptions};
use maillage::Diagnosis;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn report(t: &Territory, options: &OutputOptions) -> String {
    let d = Diagnosis::of(t);
    String::from_utf8(OutputFile::ReportHtml.render(t, &d, options)).unwrap()
}

/// The calendar section of a report, `None` when the report has none.
fn section(html: &str) -> Option<&str> {
    let start = html.find("<section id=\"calendrier\">")?;
    let end = html[start..].find("</section>").unwrap() + start;
    Some(&html[start..end])
}

/// A date as the French write it, written again here.
fn french(d: Date) -> String {
    const MONTHS: [&str; 12] = [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ];
    let day = if d.day() == 1 {
        "1er".to_owned()
    } else {
        d.day().to_string()
    };
    format!("{day} {} {}", MONTHS[usize::from(d.month()) - 1], d.year())
}

/// The cells of the rows of the first table after `marker` in `html`.
fn table_after(html: &str, marker: &str) -> Vec<Vec<String>> {
    let start = html.find(marker).unwrap_or_else(|| panic!("no {marker}"));
    let body = &html[start..];
    let body = &body[body.find("<tbody>").unwrap()..body.find("</tbody>").unwrap()];
    body.split("<tr>")
        .skip(1)
        .map(|row| {
            row.split("<td")
                .skip(1)
                .map(|cell| {
                    let cell = &cell[cell.find('>').unwrap() + 1..];
                    cell[..cell.find("</td>").unwrap()].to_owned()
                })
                .collect()
        })
        .collect()
}

/// The x of the bars drawn for each action id, in page order.
fn bar_xs(section: &str) -> BTreeMap<String, Vec<f64>> {
    let mut out: BTreeMap<String, Vec<f64>> = BTreeMap::new();
    for piece in section.split("<g class=\"action\" data-action=\"").skip(1) {
        let id = &piece[..piece.find('"').unwrap()];
        let rect = &piece[piece.find("<rect class=\"barre\" x=\"").unwrap() + 23..];
        let x: f64 = rect[..rect.find('"').unwrap()].parse().unwrap();
        out.entry(id.to_owned()).or_default().push(x);
    }
    out
}

/// The dispositifs of an action, found again here: those among its actors, and those
/// a working group among its actors is a member of on the territory's date.
fn dispositifs_of(t: &Territory, action: &maillage::model::Action) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for &a in action
        .lead
        .iter()
        .chain(&action.partners)
        .chain(&action.funders)
    {
        let actor = t.actor(a);
        if actor.family == "dispositif" {
            out.push(actor.name.clone());
        }
        if actor.family == "working_group" {
            for r in &t.relations {
                let valid = t.date.is_none_or(|d| r.validity.contains(d));
                if r.source == a
                    && valid
                    && matches!(r.kind, RelationKind::Member | RelationKind::Instance)
                    && t.actor(r.target).family == "dispositif"
                {
                    out.push(t.actor(r.target).name.clone());
                }
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

fn lyon7() -> Territory {
    load_bundle(&repo().join("data/lyon7")).unwrap().territory
}

#[test]
fn every_dated_action_of_lyon7_appears_under_each_dispositif_with_its_dates() {
    let t = lyon7();
    let html = report(&t, &OutputOptions::default());
    let s = section(&html).expect("the calendar section");
    assert!(s.contains("<h2>Calendrier des actions et des liens</h2>"));
    let rows = table_after(s, "Le calendrier des actions sous forme de tableau");
    let xs = bar_xs(s);
    let mut dated = 0;
    for action in &t.actions {
        let Some(start) = action.start() else {
            continue;
        };
        dated += 1;
        let dispositifs = dispositifs_of(&t, action);
        assert!(!dispositifs.is_empty(), "{}", action.id);
        let end = match action.end() {
            Some(end) => french(end),
            None => "en cours".to_owned(),
        };
        for d in &dispositifs {
            assert!(
                rows.iter().any(|r| r[0] == escaped(d)
                    && r[1] == escaped(&action.name)
                    && r[3] == french(start)
                    && r[4] == end),
                "{} under {d}, {} – {end}: not in the table",
                action.id,
                french(start)
            );
        }
        assert_eq!(
            xs.get(&action.id).map_or(0, Vec::len),
            dispositifs.len(),
            "{}: one bar per dispositif",
            action.id
        );
    }
    assert_eq!(dated, 10);
    assert_eq!(rows.len(), xs.values().map(Vec::len).sum::<usize>());
    // the CPTS, the ASV and the CLSM carry actions; the DAC none
    assert!(s.contains("Sans action commune déclarée : Dispositif d&#39;appui"));
    // every bar has its title, the action's name first
    for piece in s.split("<g class=\"action\" data-action=\"").skip(1) {
        let id = &piece[..piece.find('"').unwrap()];
        let action = t.actions.iter().find(|a| a.id == id).unwrap();
        assert!(
            piece[id.len()..].starts_with(&format!("\"><title>{} — ", escaped(&action.name))),
            "{id}"
        );
    }
}

#[test]
fn later_actions_are_drawn_further_right_and_open_ones_up_to_the_date() {
    let t = lyon7();
    let html = report(&t, &OutputOptions::default());
    let s = section(&html).unwrap();
    let xs = bar_xs(s);
    let starts: Vec<(Date, f64, &str)> = t
        .actions
        .iter()
        .filter_map(|a| Some((a.start()?, xs[&a.id][0], a.id.as_str())))
        .collect();
    for (d1, x1, a1) in &starts {
        assert!(
            xs[*a1].iter().all(|x| x == x1),
            "{a1}: one place on the axis"
        );
        for (d2, x2, a2) in &starts {
            if d1 < d2 {
                assert!(x1 < x2, "{a1} ({d1}) is not left of {a2} ({d2})");
            }
            if d1 == d2 {
                assert_eq!(x1, x2, "{a1} and {a2} start the same day");
            }
        }
    }
    // the axis is linear: the days between two starts are proportional to the pixels
    let x = |id: &str| xs[id][0];
    let days = |a: &str, b: &str| {
        let start = |id: &str| t.actions.iter().find(|x| x.id == id).unwrap().start();
        (start(b).unwrap().day_number() - start(a).unwrap().day_number()) as f64
    };
    let per_day =
        (x("jmd_2024") - x("ateliers_cuisine_2021")) / days("ateliers_cuisine_2021", "jmd_2024");
    let predicted =
        x("ateliers_cuisine_2021") + per_day * days("ateliers_cuisine_2021", "acces_mt");
    assert!(
        (predicted - x("acces_mt")).abs() < 0.2,
        "{predicted} vs {}",
        x("acces_mt")
    );
    // an action without an end runs to the date of observation, 30 June 2024, marked
    // ongoing; the dashed line of that date stands where such bars end
    let line = s
        .split("<g class=\"observation\"><line x1=\"")
        .nth(1)
        .unwrap();
    let date_x: f64 = line[..line.find('"').unwrap()].parse().unwrap();
    let piece = s.split("data-action=\"acces_mt\"").nth(1).unwrap();
    let rect = &piece[piece.find("<rect class=\"barre\"").unwrap()..];
    let width: f64 = rect
        .split("width=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert!((x("acces_mt") + width - date_x).abs() < 0.2);
    assert!(piece[..piece.find("</g>").unwrap()].contains(">en cours</text>"));
    assert!(s.contains("date d’observation : 30 juin 2024"));
    // the day after the date, the one-day event of November 2024 stands right of it
    assert!(x("jmd_2024") > date_x);
}

#[test]
fn relations_started_and_ended_each_year_in_lyon7() {
    let t = lyon7();
    let html = report(&t, &OutputOptions::default());
    let s = section(&html).unwrap();
    let rows = table_after(s, "Les relations par année sous forme de tableau");
    let mut started: BTreeMap<i32, usize> = BTreeMap::new();
    let mut ended: BTreeMap<i32, usize> = BTreeMap::new();
    for r in &t.relations {
        *started.entry(r.validity.since.unwrap().year()).or_default() += 1;
        if let Some(u) = r.validity.until {
            *ended.entry(u.previous_day().year()).or_default() += 1;
        }
    }
    assert_eq!(rows.len(), 2025 - 2010 + 1);
    for row in &rows {
        let year: i32 = row[0].parse().unwrap();
        let n = |cell: &str| cell.replace('\u{202F}', "").parse::<usize>().unwrap();
        assert_eq!(
            n(&row[1]),
            started.get(&year).copied().unwrap_or(0),
            "{year}"
        );
        assert_eq!(n(&row[2]), ended.get(&year).copied().unwrap_or(0), "{year}");
        let dec31 = Date::new(year, 12, 31).unwrap();
        let valid = t
            .relations
            .iter()
            .filter(|r| r.validity.contains(dec31))
            .count();
        assert_eq!(n(&row[3]), valid, "{year}");
    }
}

#[test]
fn names_no_professional_unless_asked() {
    let t = lyon7();
    let hidden = report(&t, &OutputOptions::default());
    let s = section(&hidden).unwrap();
    let partners: Vec<&str> = t
        .actions
        .iter()
        .flat_map(|a| a.lead.iter().chain(&a.partners).chain(&a.funders))
        .map(|&a| t.actor(a))
        .filter(|a| a.family == "professional")
        .map(|a| a.name.as_str())
        .collect();
    assert!(partners.len() > 20, "{}", partners.len());
    for name in &partners {
        assert!(!s.contains(&escaped(name)), "{name} is named");
    }
    assert!(s.contains("7 professionnel·les"));
    let shown = report(
        &t,
        &OutputOptions {
            include_individuals: true,
            ..OutputOptions::default()
        },
    );
    let s = section(&shown).unwrap();
    for name in &partners {
        assert!(s.contains(&escaped(name)), "{name} is missing");
    }
}

/// The minimal bundle with its actions replaced by a calendar whose overlaps and gaps
/// are known, and a working group of the ASV.
fn small_territory(dir: &Path, dated: bool) -> Territory {
    common::copy_dir(&repo().join("tests/bundles/valid/minimal"), dir);
    let append = |file: &str, line: &str| {
        let path = dir.join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(&path, format!("{text}{line}\n")).unwrap();
    };
    append(
        "actors.csv",
        "gt1,Groupe prévention (ASV),groupe_de_travail,,,,,,,,",
    );
    append("relations.csv", "gt1,asv1,member,,,2020-01-01,");
    let actions = "id,name,themes,lead,partners,funders,zones,start,end\n\
B1,Parcours diabète,Diabète,cpts1,mg1|ph1,,quartiers:Q1,2021-01-01,2021-08-31\n\
B2,Vaccination,prévention,cpts1,ph1,,quartiers:Q1,2021-03-01,2021-06-30\n\
B3,Semaine santé mentale,santé mentale,asv1,cpts1|cs1,,qpv:QP1,2021-04-01,2021-05-31\n\
B4,Soins non programmés,accès aux soins,cpts1,ide1,ars1,quartiers:Q2,2022-03-01,\n\
B5,Forum santé,prévention,asv1,cs1,,qpv:QP1,2024-01-01,2024-01-01\n\
B6,Projet sans date,prévention,asv1,asso1,,qpv:QP1,,\n\
B7,Stand pharmacie,Diabète,ph1,mg2,,quartiers:Q1,2022-05-10,2022-05-12\n\
B8,Marche du groupe,prévention,gt1,asso1,,qpv:QP1,2021-04-15,2021-04-15\n";
    std::fs::write(dir.join("actions.csv"), actions).unwrap();
    if !dated {
        let strip = |file: &str, columns: usize| {
            let path = dir.join(file);
            let text = std::fs::read_to_string(&path).unwrap();
            let undated: Vec<String> = text
                .lines()
                .enumerate()
                .map(|(i, line)| {
                    if i == 0 {
                        return line.to_owned();
                    }
                    let cells: Vec<&str> = line.split(',').collect();
                    let keep = cells.len() - columns;
                    let mut out: Vec<&str> = cells[..keep].to_vec();
                    out.extend(std::iter::repeat_n("", columns));
                    out.join(",")
                })
                .collect();
            std::fs::write(&path, undated.join("\n") + "\n").unwrap();
        };
        strip("relations.csv", 2);
        strip("actions.csv", 2);
    }
    load_bundle(dir).unwrap().territory
}

#[test]
fn says_where_actions_overlap_and_where_none_runs() {
    let dir = tempfile::tempdir().unwrap();
    let t = small_territory(dir.path(), true);
    let html = report(&t, &OutputOptions::default());
    let s = section(&html).unwrap();
    // B1 (January to August 2021), B2 (March to June) and B3 (April and May, led by the
    // ASV with the CPTS as partner) run at once; then nothing until B4, from March 2022
    assert!(
        s.contains(
            "<li><strong>CPTS Lyon 7 Sud</strong> : 2 actions ou plus en même temps \
du 1er mars au 30 juin 2021, jusqu’à 3 du 1er avril au 31 mai 2021 ; \
aucune action du 1er septembre 2021 au 28 février 2022.</li>"
        ),
        "{s}"
    );
    // the ASV: B3, its working group's walk inside it, then a one-day forum in 2024,
    // up to the date of observation (30 June 2024)
    assert!(
        s.contains(
            "<li><strong>Atelier santé ville Lyon 7e</strong> : 2 actions en même temps \
le 15 avril 2021 ; aucune action du 1er juin 2021 au 31 décembre 2023 et \
du 2 janvier au 30 juin 2024.</li>"
        ),
        "{s}"
    );
    // the walk is the ASV's through its working group
    let rows = table_after(s, "Le calendrier des actions sous forme de tableau");
    assert!(rows.iter().any(|r| r[0] == "Atelier santé ville Lyon 7e"
        && r[1] == "Marche du groupe"
        && r[2] == "par un groupe de travail"
        && r[3] == "15 avril 2021"
        && r[4] == "15 avril 2021"));
    // the gaps are drawn as bands behind the dispositif's rows
    assert_eq!(s.matches("<rect class=\"creux\"").count(), 3);
    // the pharmacy's stand belongs to no dispositif; the project without a date is
    // listed under the axis
    assert!(rows.iter().any(|r| r[0] == "Actions sans dispositif"
        && r[1] == "Stand pharmacie"
        && r[3] == "10 mai 2022"));
    assert!(s.contains("<strong>Sans date</strong>"));
    assert!(s.contains("Projet sans date (Atelier santé ville Lyon 7e)"));
    assert!(rows
        .iter()
        .any(|r| r[1] == "Projet sans date" && r[3] == "sans date"));
    assert!(!s.contains("data-action=\"B6\""));
    // relations: started and ended each year, valid on 31 December, counted by hand
    let years = table_after(s, "Les relations par année sous forme de tableau");
    let expected = [
        ["2019", "1", "0", "6"],
        ["2020", "2", "0", "8"],
        ["2021", "4", "0", "12"],
        ["2022", "2", "0", "14"],
        ["2023", "2", "2", "15"],
        ["2024", "1", "0", "15"],
        ["2025", "0", "1", "14"],
    ];
    assert_eq!(
        years,
        expected.map(|r| r.map(str::to_owned).to_vec()).to_vec()
    );
    assert!(s.contains("5 relations sans date de début sont comptées en vigueur depuis toujours."));
    // Dr Claire Martin, a partner of B1, is a professional
    assert!(!s.contains("Claire Martin"));
    let shown = report(
        &t,
        &OutputOptions {
            include_individuals: true,
            ..OutputOptions::default()
        },
    );
    assert!(section(&shown).unwrap().contains("Dr Claire Martin"));
}

#[test]
fn is_left_out_when_nothing_has_a_date() {
    let dir = tempfile::tempdir().unwrap();
    let t = small_territory(dir.path(), false);
    assert!(t
        .actions
        .iter()
        .all(|a| a.start().is_none() && a.end().is_none()));
    assert!(t
        .relations
        .iter()
        .all(|r| r.validity.since.is_none() && r.validity.until.is_none()));
    let html = report(&t, &OutputOptions::default());
    assert!(section(&html).is_none());
    assert!(!html.contains("href=\"#calendrier\""));
}
