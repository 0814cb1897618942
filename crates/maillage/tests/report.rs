//! The steering-committee report (docs/outputs.md "Report" and "Privacy"): one
//! self-contained French HTML page whose SVG drawings are well-formed, with one path
//! per zone and one circle per actor it may show, no professional named unless asked,
//! nothing fetched, the same bytes on every run, and every user text escaped.

mod common;
use common::escaped;

use maillage::bundle::load_bundle;
use maillage::model::Territory;
use maillage::outputs::OutputOptions;
use maillage::Diagnosis;
use quick_xml::events::Event;
use quick_xml::Reader;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The Lyon 7e bundle and its diagnosis, made once.
fn lyon7() -> &'static (Territory, Diagnosis) {
    static LYON7: OnceLock<(Territory, Diagnosis)> = OnceLock::new();
    LYON7.get_or_init(|| {
        let territory = load_bundle(&repo().join("data/lyon7")).unwrap().territory;
        let diagnosis = Diagnosis::of(&territory);
        (territory, diagnosis)
    })
}

fn report(options: &OutputOptions) -> String {
    let (t, d) = lyon7();
    report_html(t, d, options)
}

/// The report as `maillage diagnose` writes it.
fn report_html(t: &Territory, d: &Diagnosis, options: &OutputOptions) -> String {
    String::from_utf8(maillage::outputs::OutputFile::ReportHtml.render(t, d, options)).unwrap()
}

fn individuals() -> OutputOptions {
    OutputOptions {
        include_individuals: true,
        ..OutputOptions::default()
    }
}

/// The `<svg>…</svg>` fragments of the page; panics when they are not balanced or nest.
fn svg_fragments(html: &str) -> Vec<&str> {
    assert_eq!(
        html.matches("<svg").count(),
        html.matches("</svg>").count(),
        "unbalanced <svg> tags"
    );
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<svg") {
        let end = rest[start..].find("</svg>").expect("closed <svg>") + start + "</svg>".len();
        let fragment = &rest[start..end];
        assert_eq!(fragment.matches("<svg").count(), 1, "nested <svg>");
        out.push(fragment);
        rest = &rest[end..];
    }
    out
}

/// Parses an SVG fragment as XML (end tags must match); returns its element names.
fn parse_xml(fragment: &str) -> Vec<String> {
    let mut reader = Reader::from_str(fragment);
    let mut depth = 0_i32;
    let mut names = Vec::new();
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => {
                depth += 1;
                names.push(e.name().as_ref().to_owned());
            }
            Ok(Event::Empty(e)) => names.push(e.name().as_ref().to_owned()),
            Ok(Event::End(_)) => depth -= 1,
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!(
                "not well-formed XML at {}: {e}\n{fragment:.300}",
                reader.buffer_position()
            ),
        }
    }
    assert_eq!(depth, 0, "unclosed elements");
    names
}

/// The values of every `src=` and `href=` attribute.
fn links(html: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for attribute in ["src=", "href="] {
        let mut rest = html;
        while let Some(at) = rest.find(attribute) {
            let after = &rest[at + attribute.len()..];
            let quote = after.chars().next().expect("a value");
            let value = if quote == '"' || quote == '\'' {
                let end = after[1..].find(quote).expect("closed quote");
                &after[1..=end]
            } else {
                after.split([' ', '>']).next().unwrap_or("")
            };
            out.push(value);
            rest = after;
        }
    }
    out
}

/// Actors the report may show by default: every actor that is not one person.
fn non_professionals(t: &Territory) -> usize {
    t.actors
        .iter()
        .filter(|a| a.family != "professional")
        .count()
}

/// Edges between two shown actors, from the relations valid on the date.
fn shown_edges(t: &Territory, include_individuals: bool) -> usize {
    let shown = |i: usize| include_individuals || t.actors[i].family != "professional";
    let pairs: BTreeSet<(usize, usize)> = t
        .relations
        .iter()
        .filter(|r| t.date.is_none_or(|d| r.validity.contains(d)))
        .map(|r| (r.source.index(), r.target.index()))
        .filter(|&(u, v)| u != v && shown(u) && shown(v))
        .map(|(u, v)| (u.min(v), u.max(v)))
        .collect();
    pairs.len()
}

#[test]
fn writes_one_french_html5_document_with_print_styles() {
    let html = report(&OutputOptions::default());
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"fr\">"));
    assert!(html.contains("<meta charset=\"utf-8\">"));
    assert!(html.trim_end().ends_with("</html>"));
    assert!(html.contains("<h1>Lyon 7e arrondissement</h1>"));
    assert!(html.contains("30 juin 2024"));
    assert!(html.contains("@media print") && html.contains("size: A4"));
    for title in [
        "Chiffres clés",
        "Carte : Accès (2SFCA) pour 10 000 hab. : Médecin généraliste",
        "Le réseau des acteurs",
        "Les acteurs qui tiennent le réseau",
        "Points d’articulation",
        "Acteurs clés",
        "Articulation entre dispositifs",
        "Les zones",
    ] {
        assert!(html.contains(&format!("{title}</h2>")), "{title}");
    }
    for label in [
        "acteurs localisés",
        "relations valides",
        "densité",
        "composantes",
        "part de la plus grande",
        "acteurs isolés",
        "indice E-I global par secteur",
        "modularité",
    ] {
        assert!(
            html.contains(&format!("<span class=\"libelle\">{label}</span>")),
            "{label}"
        );
    }
}

#[test]
fn writes_numbers_the_french_way() {
    let html = report(&OutputOptions::default());
    let (t, _) = lyon7();
    // The population of the layer, thousands grouped by a narrow no-break space.
    let total = t.coverage_layer().population();
    assert_eq!(total, 75_746.0);
    assert!(html.contains("75\u{202F}746"));
    // The density as a percentage with a decimal comma.
    let (_, d) = lyon7();
    let density = format!("{:.1}", d.summary.density * 100.0).replace('.', ",");
    assert!(html.contains(&format!(">{density}\u{202F}%<")), "{density}");
}

#[test]
fn svg_drawings_are_balanced_and_well_formed_xml() {
    for options in [OutputOptions::default(), individuals()] {
        let html = report(&options);
        let fragments = svg_fragments(&html);
        assert!(fragments.len() >= 3, "map, network and legend swatches");
        for f in &fragments {
            parse_xml(f);
        }
        let map = fragments
            .iter()
            .find(|f| f.starts_with("<svg id=\"carte-1\" class=\"carte explorable\""))
            .expect("the map");
        let map_paths = parse_xml(map).iter().filter(|n| *n == "path").count();
        assert!(map_paths >= 24);
    }
}

#[test]
fn draws_one_path_per_zone_of_the_coverage_layer() {
    let html = report(&OutputOptions::default());
    let (t, _) = lyon7();
    assert_eq!(t.coverage_layer().zones.len(), 24);
    // the map of the first section, then that of the declared indicator tchom
    // (« Indicateurs des quartiers »)
    assert_eq!(html.matches("<path class=\"zone\"").count(), 2 * 24);
    assert_eq!(html.matches("class=\"zone\"").count(), 2 * 24);
    // The priority zone (Cité Jardin) is outlined.
    assert!(html.contains("class=\"zone-prioritaire\""));
}

#[test]
fn draws_every_actor_it_may_show_and_each_tie_between_them() {
    let (t, _) = lyon7();
    let html = report(&OutputOptions::default());
    let expected = non_professionals(t);
    assert_eq!(expected, 77);
    assert_eq!(html.matches("<circle class=\"actor\"").count(), expected);
    assert_eq!(html.matches("class=\"actor\"").count(), expected);
    assert_eq!(
        html.matches("<line class=\"tie\"").count(),
        shown_edges(t, false)
    );

    let all = report(&individuals());
    assert_eq!(
        all.matches("<circle class=\"actor\"").count(),
        t.actors.len()
    );
    assert_eq!(
        all.matches("<line class=\"tie\"").count(),
        shown_edges(t, true)
    );
}

#[test]
fn never_names_a_professional_unless_asked() {
    let (t, _) = lyon7();
    let professionals: Vec<&str> = t
        .actors
        .iter()
        .filter(|a| a.family == "professional")
        .map(|a| a.name.as_str())
        .collect();
    assert_eq!(professionals.len(), 129);
    let html = report(&OutputOptions::default());
    for name in &professionals {
        assert!(!html.contains(&escaped(name)), "{name} is named");
    }
    let all = report(&individuals());
    for name in &professionals {
        assert!(all.contains(&escaped(name)), "{name} is missing");
    }
}

#[test]
fn fetches_nothing() {
    for options in [OutputOptions::default(), individuals()] {
        let html = report(&options);
        let links = links(&html);
        assert!(!links.is_empty(), "the table of contents links to sections");
        for link in links {
            assert!(
                !link.contains("http://") && !link.contains("https://") && !link.starts_with("//"),
                "external link {link}"
            );
            assert!(link.starts_with('#') || link.starts_with("data:"), "{link}");
        }
        // one script, the report's own (inline), and the cards' JSON; nothing that
        // loads or fetches
        let script = include_str!("../src/outputs/report/explore.js");
        let mut scripts = 0;
        for (at, _) in html.match_indices("<script") {
            let tag = &html[at..at + html[at..].find('>').unwrap() + 1];
            if tag == "<script>" {
                scripts += 1;
                assert!(
                    html[at + tag.len()..].starts_with(script),
                    "the script is explore.js"
                );
            } else {
                assert!(
                    tag.starts_with("<script type=\"application/json\" class=\"fiches\""),
                    "{tag}"
                );
            }
        }
        assert_eq!(scripts, 1);
        for forbidden in [
            "fetch(",
            "XMLHttpRequest",
            "import(",
            "src=",
            "WebSocket",
            "sendBeacon",
        ] {
            assert!(!html.contains(forbidden), "{forbidden}");
        }
        for forbidden in ["<img", "<iframe", "@import", "url(", "@font-face"] {
            assert!(!html.contains(forbidden), "{forbidden}");
        }
    }
}

#[test]
fn gives_the_same_bytes_on_every_run() {
    let (t, _) = lyon7();
    let first = report_html(t, &Diagnosis::of(t), &OutputOptions::default());
    let second = report_html(t, &Diagnosis::of(t), &OutputOptions::default());
    assert!(first == second, "two runs differ");
    let options = OutputOptions {
        indicators: vec!["density_pharmacie".to_owned()],
        include_individuals: true,
        min_count: 3,
        ..OutputOptions::default()
    };
    assert!(
        report_html(t, &Diagnosis::of(t), &options) == report_html(t, &Diagnosis::of(t), &options)
    );
}

#[test]
fn maps_the_chosen_indicator_and_says_when_no_zone_has_it() {
    let html = report(&OutputOptions {
        indicators: vec!["actors".to_owned()],
        ..OutputOptions::default()
    });
    assert!(html.contains("Carte : Acteurs localisés</h2>"));
    assert!(!html.contains("Aucune zone n’a de valeur"));

    let html = report(&OutputOptions {
        indicators: vec!["no_such_property".to_owned()],
        ..OutputOptions::default()
    });
    // and the map of the declared indicator tchom
    assert_eq!(html.matches("class=\"zone\"").count(), 2 * 24);
    assert!(html.contains("Aucune zone n’a de valeur pour l’indicateur « no_such_property »"));
}

#[test]
fn draws_one_map_per_indicator() {
    let html = report(&OutputOptions {
        indicators: vec![
            "access_medecin_generaliste".to_owned(),
            "density_pharmacie".to_owned(),
            "actors".to_owned(),
        ],
        ..OutputOptions::default()
    });
    assert!(html.contains("<h2 id=\"carte\">Cartes</h2>") || html.contains(">Cartes</h2>"));
    // three, and the map of the declared indicator tchom
    assert_eq!(html.matches("class=\"carte explorable\"").count(), 3 + 1);
    assert_eq!(html.matches("class=\"zone\"").count(), (3 + 1) * 24);
    assert!(html.contains("<h3>Carte : Acteurs localisés</h3>"));
}

/// With a threshold, no zone count from 1 to N−1 is printed, in the zones table or in
/// the map's pop-ups; without one, they are.
#[test]
fn suppresses_small_zone_counts_when_asked() {
    let (t, d) = lyon7();
    let small: Vec<&maillage::spatial::ZoneIndicators> = d
        .coverage
        .zones
        .iter()
        .filter(|z| (1..11).contains(&z.actors))
        .collect();
    assert!(!small.is_empty(), "the example has zones with few actors");
    let options = OutputOptions {
        indicators: vec!["actors".to_owned()],
        min_count: 11,
        ..OutputOptions::default()
    };
    let html = report_html(t, d, &options);
    assert!(html.contains("Secret statistique : les effectifs de 1 à 10"));
    for z in &small {
        assert!(
            !html.contains(&format!("Acteurs localisés : {}<", z.actors))
                && !html.contains(&format!("Acteurs localisés : {}\n", z.actors)),
            "{} shows its count",
            z.id
        );
    }
    assert!(html.contains("Acteurs localisés : secret statistique"));
    let open = report_html(
        t,
        d,
        &OutputOptions {
            min_count: 0,
            ..options
        },
    );
    assert!(!open.contains("secret statistique"));
}

#[test]
fn escapes_every_user_text() {
    const EVIL: &str = r#"<script>alert(1)</script> & "co""#;
    let dir = tempfile::tempdir().unwrap();
    common::copy_dir(&repo().join("tests/bundles/valid/minimal"), dir.path());
    let replace = |file: &str, from: &str, to: &str| {
        let path = dir.path().join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{file}: {from}");
        std::fs::write(&path, text.replace(from, to)).unwrap();
    };
    // An actor (a structure, so drawn and named), the territory and a zone.
    let csv_field = format!("\"{}\"", EVIL.replace('"', "\"\""));
    replace("actors.csv", "PMI Gerland", &csv_field);
    replace(
        "actors.csv",
        "Association Bien-être Jean Macé",
        "Asso <b>'quote'</b>",
    );
    replace(
        "territory.toml",
        "name = \"Lyon 7e — Gerland (jeu minimal)\"",
        "name = \"Gerland <i>&</i> \\\"co\\\"\"",
    );
    let zones = std::fs::read_to_string(dir.path().join("zones/quartiers.geojson")).unwrap();
    let zone_name = zones
        .split("\"nom\"")
        .nth(1)
        .and_then(|s| s.split('"').nth(1))
        .unwrap()
        .to_owned();
    replace(
        "zones/quartiers.geojson",
        &format!("\"{zone_name}\""),
        "\"Quartier <svg onload=x>\"",
    );

    let territory = load_bundle(dir.path()).unwrap().territory;
    assert!(territory.actors.iter().any(|a| a.name == EVIL));
    let html = report_html(
        &territory,
        &Diagnosis::of(&territory),
        &OutputOptions::default(),
    );
    // the report's own script only, no user text inside it
    assert_eq!(html.matches("<script>").count(), 1);
    assert!(!html.contains("<script>alert"));
    assert!(!html.contains("</script> &"));
    assert!(!html.contains("<b>") && !html.contains("<i>"));
    assert!(!html.contains("<svg onload"));
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;co&quot;"));
    assert!(html.contains("Asso &lt;b&gt;&#39;quote&#39;&lt;/b&gt;"));
    assert!(html.contains("<h1>Gerland &lt;i&gt;&amp;&lt;/i&gt; &quot;co&quot;</h1>"));
    assert!(html.contains("Quartier &lt;svg onload=x&gt;"));
    for f in svg_fragments(&html) {
        parse_xml(f);
    }
    // The minimal bundle: 3 zones, and its actors minus its 5 professionals.
    assert_eq!(html.matches("class=\"zone\"").count(), 3);
    assert_eq!(
        html.matches("class=\"actor\"").count(),
        non_professionals(&territory)
    );
}

#[test]
fn the_xml_check_rejects_what_is_not_well_formed() {
    for broken in [
        "<svg><g></svg>",
        "<svg><g>",
        "<svg><path d=\"M0,0></svg>",
        "<svg>&</svg>",
    ] {
        let caught = std::panic::catch_unwind(|| parse_xml(broken));
        assert!(caught.is_err(), "{broken} accepted");
    }
    assert!(std::panic::catch_unwind(|| svg_fragments("<svg><svg></svg></svg>")).is_err());
    assert_eq!(
        parse_xml("<svg><g><path d=\"M0,0\"/></g></svg>"),
        ["svg", "g", "path"]
    );
}

/// The HTML of the section `id`.
fn section<'h>(html: &'h str, id: &str) -> &'h str {
    let start = html
        .find(&format!("<section id=\"{id}\">"))
        .unwrap_or_else(|| panic!("section {id}"));
    let end = start + html[start..].find("</section>").unwrap();
    &html[start..end]
}

/// The cards of one kind (`zone`, `acteur`) the page holds, as JSON.
fn cards(html: &str, kind: &str) -> serde_json::Map<String, serde_json::Value> {
    let tag = format!("<script type=\"application/json\" class=\"fiches\" data-genre=\"{kind}\">");
    let start = html.find(&tag).unwrap_or_else(|| panic!("{kind} cards")) + tag.len();
    let end = start + html[start..].find("</script>").unwrap();
    match serde_json::from_str(&html[start..end]).unwrap() {
        serde_json::Value::Object(m) => m,
        other => panic!("{other}"),
    }
}

#[test]
fn the_directory_lists_the_actors_shown_with_what_its_filters_read() {
    let (t, _) = lyon7();
    for (options, with_individuals) in [(OutputOptions::default(), false), (individuals(), true)] {
        let html = report(&options);
        let directory = section(&html, "annuaire");
        let listed: Vec<&maillage::model::Actor> = t
            .actors
            .iter()
            .filter(|a| with_individuals || !a.is_individual())
            .collect();
        assert_eq!(directory.matches("<tr data-type=").count(), listed.len());
        for a in &t.actors {
            let row = format!("><td>{}</td>", escaped(&a.name));
            assert_eq!(
                directory.contains(&row),
                with_individuals || !a.is_individual(),
                "{}",
                a.name
            );
        }
        // the CPTS's row: its kind, its sector, and the dispositif it belongs to
        // (the CLSM, through a `member` relation)
        let cpts = t.actors.iter().find(|a| a.id == "cpts_lyon7").unwrap();
        let row_start = directory
            .find(&format!("><td>{}</td>", escaped(&cpts.name)))
            .unwrap();
        let row = &directory[directory[..row_start].rfind("<tr").unwrap()..row_start];
        assert!(
            row.contains("data-type=\"Communauté professionnelle territoriale de santé\""),
            "{row}"
        );
        assert!(
            row.contains("data-dispositifs=\"Conseil local de santé mentale Lyon 7e\""),
            "{row}"
        );
        // one option per value the rows hold, and a select per filter
        assert_eq!(directory.matches("<select data-filtre=").count(), 5);
        if !with_individuals {
            assert!(directory.contains("ne sont pas listé·es ici"));
        }
    }
}

#[test]
fn every_zone_and_every_actor_drawn_has_its_card_and_no_hidden_one_is_named() {
    let (t, d) = lyon7();
    let html = report(&OutputOptions::default());
    let zones = cards(&html, "zone");
    let ids: BTreeSet<&str> = d.coverage.zones.iter().map(|z| z.id.as_str()).collect();
    assert_eq!(
        zones.keys().map(String::as_str).collect::<BTreeSet<_>>(),
        ids
    );
    for z in &d.coverage.zones {
        let card = &zones[&z.id];
        assert_eq!(card["titre"], format!("{} ({})", z.name, z.id));
        assert_eq!(
            card["sous_titre"] == "Zone prioritaire",
            z.priority,
            "{}",
            z.id
        );
        let lines = card["lignes"].as_array().unwrap();
        assert_eq!(lines[0][0], "Population");
    }
    let actors = cards(&html, "acteur");
    let drawn: BTreeSet<String> = section(&html, "reseau")
        .match_indices("data-acteur=\"")
        .map(|(at, m)| {
            let rest = &html[html.find(section(&html, "reseau")).unwrap() + at + m.len()..];
            rest[..rest.find('"').unwrap()].to_owned()
        })
        .collect();
    assert_eq!(actors.keys().cloned().collect::<BTreeSet<_>>(), drawn);
    let text = serde_json::to_string(&actors).unwrap();
    for a in t.actors.iter().filter(|a| a.is_individual()) {
        assert!(!actors.contains_key(&a.id), "{}", a.id);
        assert!(!text.contains(&format!("\"{}\"", a.name)), "{}", a.name);
    }
    // the hidden partners counted: an actor tied to professionals says how many
    assert!(text.contains("professionnel·les\""), "{text}");
}

#[test]
fn a_report_at_national_size_summarises_and_says_so() {
    use maillage::outputs::{NATIONAL_DIRECTORY_ROWS, NATIONAL_FROM_ACTORS, NATIONAL_TABLE_ROWS};
    let spec = maillage::synth::Spec::custom(NATIONAL_FROM_ACTORS + 1_000, 40_000, 600);
    let t = maillage::synth::generate(&spec, 1);
    let d = Diagnosis::of(&t);
    let html = report_html(&t, &d, &OutputOptions::default());
    // the network by sector: no actor drawn, a circle per sector
    let network = section(&html, "reseau");
    assert!(!network.contains("class=\"actor\""));
    let sectors: BTreeSet<&str> = t.actors.iter().map(|a| a.sector.as_str()).collect();
    assert_eq!(
        network.matches("<circle class=\"secteur\"").count(),
        sectors.len()
    );
    assert!(network.contains("le schéma résume le réseau par secteur"));
    assert!(!html.contains("data-genre=\"acteur\"") && !html.contains("data-genre=\"zone\""));
    // every table at most its first rows (and its total), then the note
    for (at, _) in html.match_indices("<tbody>") {
        let body = &html[at..at + html[at..].find("</tbody>").unwrap()];
        let rows = body.matches("<tr").count() - body.matches("<tr class=\"total\"").count();
        assert!(rows <= NATIONAL_DIRECTORY_ROWS, "{rows}");
    }
    let capped = html
        .matches("Tableau limité à ses 100 premières lignes")
        .count();
    assert!(capped >= 2, "{capped}");
    let zones = section(&html, "zones");
    assert!(zones.matches("<tr").count() <= NATIONAL_TABLE_ROWS + 2);
    let shown = t.actors.iter().filter(|a| !a.is_individual()).count();
    assert!(shown < NATIONAL_DIRECTORY_ROWS);
    let directory = section(&html, "annuaire");
    assert_eq!(directory.matches("<tr data-type=").count(), shown);
    assert!(!directory.contains("Annuaire limité"));
    // with the individuals, the directory holds its first rows, the dispositifs first
    let with_individuals = report_html(&t, &d, &individuals());
    let directory = section(&with_individuals, "annuaire");
    assert_eq!(
        directory.matches("<tr data-type=").count(),
        NATIONAL_DIRECTORY_ROWS
    );
    assert!(
        directory.contains("Annuaire limité à ses 2\u{202f}000 premières lignes sur 6\u{202f}000")
    );
    let dispositifs = t.actors.iter().filter(|a| a.is_dispositif()).count();
    assert!(dispositifs > 0);
    let first_rows: Vec<&str> = directory
        .split("<tr data-type=")
        .skip(1)
        .take(dispositifs)
        .collect();
    for a in t.actors.iter().filter(|a| a.is_dispositif()) {
        let cell = format!("><td>{}</td>", escaped(&a.name));
        assert!(first_rows.iter().any(|r| r.contains(&cell)), "{}", a.name);
    }
    // the reach of the largest dispositifs in detail, the others in one table
    let reach = section(&html, "adhesion");
    assert!(reach.matches("<h3>").count() <= 10);
    assert!(reach.contains("le détail par type n’est donné que pour les 10 dispositifs"));
    // at the threshold itself, the report is whole
    let spec = maillage::synth::Spec::custom(NATIONAL_FROM_ACTORS, 40_000, 600);
    let t = maillage::synth::generate(&spec, 1);
    let html = report_html(&t, &Diagnosis::of(&t), &OutputOptions::default());
    assert!(section(&html, "reseau").contains("class=\"actor\""));
    assert!(!html.contains("Tableau limité"));
}
