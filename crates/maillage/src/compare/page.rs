//! `comparaison.html`: the territories side by side and ranked on each figure, in
//! French, one self-contained page written with the report's helpers and style sheet
//! (nothing fetched), each territory's own report linked.

use super::write::{fr, gap_label, ranked, ranks, shared, FigureSpec, Format};
use super::Comparison;
use crate::lang::{Message, Msg};
use crate::outputs::report::html::{note, num_col, table, text_col, Column, Row, CSS};
use crate::outputs::report::text::{escape, french_count, french_number, french_percent};
use std::io::{self, Write};

/// The overlapping pairs the page lists at most; `comparaison_chevauchements.csv`
/// holds them all.
const OVERLAPS_SHOWN: usize = 200;

/// The kind whose access the first table shows (GPs); the others have their own.
const GP: &str = "medecin_generaliste";

/// A catalogue text in French, escaped for HTML.
fn text(key: Msg) -> String {
    escape(&fr(Message::new(key)))
}

/// A value of a figure as the page writes it; `—` without one.
fn value(x: Option<f64>, format: Format) -> String {
    match x {
        None => "—".to_owned(),
        Some(v) => match format {
            Format::Number(d) => french_number(v, d),
            Format::Percent(d) => french_percent(v, d),
            Format::Count => french_number(v, 0),
        },
    }
}

/// A path segment percent-encoded for a link (the folder of a territory's outputs).
fn url_segment(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for b in name.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A territory's name linked to its own report.
fn linked(name: &str, territory: &str) -> String {
    format!(
        "<a href=\"{}/report.html\">{}</a> <span class=\"note\">({})</span>",
        escape(&url_segment(name)),
        escape(territory),
        escape(name)
    )
}

/// Writes the page.
pub(crate) fn write_page(
    out: &mut impl Write,
    c: &Comparison,
    specs: &[FigureSpec],
) -> io::Result<()> {
    let mut html = String::with_capacity(64 << 10);
    let title = fr(crate::msg!(CompareTitle, count = c.territories.len()));
    html.push_str("<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"utf-8\">\n");
    html.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    html.push_str(&format!(
        "<meta name=\"generator\" content=\"maillage {}\">\n<link rel=\"icon\" href=\"data:,\">\n",
        env!("CARGO_PKG_VERSION")
    ));
    html.push_str(&format!(
        "<title>{}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<div class=\"page\">\n",
        escape(&title)
    ));
    html.push_str(&format!(
        "<header class=\"entete\">\n<p class=\"surtitre\">{}</p>\n<h1>{}</h1>\n<p class=\"sous-titre\">{}</p>\n</header>\n",
        text(Msg::CompareOverline),
        escape(&title),
        escape(&fr(crate::msg!(
            CompareSubtitle,
            population = french_count(c.totals.population.round() as usize),
            zones = french_count(c.totals.zones),
            actors = french_count(c.totals.actors),
            failed = c.failures.len()
        )))
    ));
    let mut sections: Vec<(&str, String, String)> = vec![
        (
            "cote-a-cote",
            text(Msg::CompareSideBySide),
            side_by_side(c, specs),
        ),
        ("secteurs", text(Msg::CompareSectorsTitle), sectors(c)),
        ("acces", text(Msg::CompareAccessTitle), access(c)),
        ("lacunes", text(Msg::CompareGapsTitle), gaps(c)),
        (
            "classements",
            text(Msg::CompareRankingsTitle),
            rankings(c, specs),
        ),
    ];
    sections.push((
        "recouvrements",
        text(Msg::CompareOverlapsTitle),
        overlaps(c),
    ));
    if !c.failures.is_empty() {
        sections.push(("echecs", text(Msg::CompareFailuresTitle), failures(c)));
    }
    sections.push(("methode", text(Msg::CompareMethodTitle), method()));
    html.push_str("<nav class=\"sommaire\" aria-label=\"Sommaire\">\n<ol>\n");
    for (id, title, _) in &sections {
        html.push_str(&format!("<li><a href=\"#{id}\">{title}</a></li>\n"));
    }
    html.push_str("</ol>\n</nav>\n<main>\n");
    for (id, title, body) in &sections {
        html.push_str(&format!(
            "<section id=\"{id}\">\n<h2>{title}</h2>\n{body}\n</section>\n"
        ));
    }
    html.push_str(&format!(
        "</main>\n<footer>{}</footer>\n</div>\n</body>\n</html>\n",
        escape(&fr(crate::msg!(
            CompareFooter,
            version = env!("CARGO_PKG_VERSION")
        )))
    ));
    out.write_all(html.as_bytes())?;
    out.flush()
}

/// The key figures of each territory, one row each, and the totals.
fn side_by_side(c: &Comparison, specs: &[FigureSpec]) -> String {
    let main: Vec<&FigureSpec> = specs
        .iter()
        .filter(|s| {
            let other_access =
                s.code.starts_with("acces_") && !s.code.ends_with(&format!("[{GP}]"));
            !(s.code.starts_with("acteurs_pour_10000[")
                || s.code.starts_with("lacunes[")
                || other_access)
        })
        .collect();
    let headers: Vec<String> = [
        Msg::CompareTerritory,
        Msg::ComparePopulation,
        Msg::CompareZones,
        Msg::ReportActors,
    ]
    .iter()
    .map(|&k| fr(Message::new(k)))
    .chain(main.iter().map(|s| s.label.clone()))
    .chain(std::iter::once(fr(Message::new(Msg::CompareOverlapsWith))))
    .collect();
    let columns: Vec<_> = headers
        .iter()
        .enumerate()
        .map(|(i, h)| {
            if i == 0 || i == headers.len() - 1 {
                text_col(h)
            } else {
                num_col(h)
            }
        })
        .collect();
    let shared = shared(c);
    let mut rows: Vec<Row> = c
        .territories
        .iter()
        .zip(&shared)
        .map(|(t, s)| {
            let mut cells = vec![
                linked(&t.name, &t.territory),
                french_count(t.population.round() as usize),
                french_count(t.zones),
                french_count(t.actors),
            ];
            cells.extend(
                main.iter()
                    .map(|spec| value(t.figure(&spec.code), spec.format)),
            );
            cells.push(if s.3.is_empty() {
                String::new()
            } else {
                escape(&fr(crate::msg!(
                    CompareSharesWith,
                    zones = french_count(s.0),
                    actors = french_count(s.2),
                    names = s.3.join(", ")
                )))
            });
            Row::from(cells)
        })
        .collect();
    let mut total = vec![
        text(Msg::CompareTotals),
        french_count(c.totals.population.round() as usize),
        french_count(c.totals.zones),
        french_count(c.totals.actors),
    ];
    total.extend(main.iter().map(|_| String::new()));
    total.push(String::new());
    rows.push(Row {
        cells: total,
        class: "total",
    });
    let mut body = note(&text(Msg::CompareSideBySideNote));
    body.push_str(&table(&columns, rows));
    body
}

/// The headers of a table of the territories by `labels`: the territory, then a column
/// per label.
fn territory_headers(labels: impl Iterator<Item = String>) -> Vec<String> {
    std::iter::once(fr(Message::new(Msg::CompareTerritory)))
        .chain(labels)
        .collect()
}

/// The columns of such a table: the territory's as text, the others as numbers.
fn territory_columns(headers: &[String]) -> Vec<Column<'_>> {
    headers
        .iter()
        .enumerate()
        .map(|(i, h)| if i == 0 { text_col(h) } else { num_col(h) })
        .collect()
}

/// Actors per 10,000 inhabitants, territories by sectors, and the totals.
fn sectors(c: &Comparison) -> String {
    let headers = territory_headers(c.sectors.iter().map(|(_, label)| label.clone()));
    let columns = territory_columns(&headers);
    let mut rows: Vec<Row> = c
        .territories
        .iter()
        .map(|t| {
            let mut cells = vec![linked(&t.name, &t.territory)];
            cells.extend(c.sectors.iter().map(|(id, _)| {
                value(
                    t.figure(&format!("acteurs_pour_10000[{id}]")),
                    Format::Number(1),
                )
            }));
            Row::from(cells)
        })
        .collect();
    let mut total = vec![text(Msg::CompareTotals)];
    total.extend(
        c.totals
            .sectors
            .iter()
            .map(|s| value(s.per_10000, Format::Number(1))),
    );
    rows.push(Row {
        cells: total,
        class: "total",
    });
    let mut body = note(&text(Msg::CompareSectorsNote));
    body.push_str(&table(&columns, rows));
    body
}

/// Access to each required kind in the priority zones and elsewhere, territories by
/// kinds.
fn access(c: &Comparison) -> String {
    let headers = territory_headers(c.access_kinds.iter().map(|(_, label)| label.clone()));
    let columns = territory_columns(&headers);
    let rows = c.territories.iter().map(|t| {
        let mut cells = vec![linked(&t.name, &t.territory)];
        cells.extend(c.access_kinds.iter().map(|(kind, _)| {
            let priority = t.figure(&format!("acces_prioritaire[{kind}]"));
            let other = t.figure(&format!("acces_ailleurs[{kind}]"));
            if priority.is_none() && other.is_none() {
                "—".to_owned()
            } else {
                format!(
                    "{} / {}",
                    value(priority, Format::Number(2)),
                    value(other, Format::Number(2))
                )
            }
        }));
        Row::from(cells)
    });
    let mut body = note(&text(Msg::CompareAccessNote));
    body.push_str(&table(&columns, rows));
    body
}

/// Gaps by type, territories by types.
fn gaps(c: &Comparison) -> String {
    let types = super::GapCounts::default().by_type();
    let headers = territory_headers(types.iter().map(|(kind, _)| fr(gap_label(kind))));
    let columns = territory_columns(&headers);
    let rows = c.territories.iter().map(|t| {
        let mut cells = vec![linked(&t.name, &t.territory)];
        cells.extend(t.gaps.by_type().iter().map(|(_, n)| french_count(*n)));
        Row::from(cells)
    });
    let mut body = note(&text(Msg::CompareGapsNote));
    body.push_str(&table(&columns, rows));
    body
}

/// A table per figure: the territories by rank.
fn rankings(c: &Comparison, specs: &[FigureSpec]) -> String {
    let mut body = note(&text(Msg::CompareRankingsNote));
    let headers = [
        fr(Message::new(Msg::CompareRank)),
        fr(Message::new(Msg::CompareTerritory)),
        fr(Message::new(Msg::CompareValue)),
    ];
    for spec in specs {
        let r = ranks(&c.territories, spec);
        body.push_str(&format!(
            "<h3>{}</h3>\n{}",
            escape(&spec.label),
            note(&text(if spec.higher_is_better {
                Msg::CompareHigherFirst
            } else {
                Msg::CompareLowerFirst
            }))
        ));
        let rows = ranked(&r).into_iter().map(|i| {
            let t = &c.territories[i];
            Row::from(vec![
                r[i].map_or_else(|| "—".to_owned(), |n| n.to_string()),
                linked(&t.name, &t.territory),
                value(t.figure(&spec.code), spec.format),
            ])
        });
        body.push_str(&table(
            &[
                num_col(&headers[0]),
                text_col(&headers[1]),
                num_col(&headers[2]),
            ],
            rows,
        ));
    }
    body
}

/// The pairs of territories that share zones or actors.
fn overlaps(c: &Comparison) -> String {
    if c.overlaps.is_empty() {
        return note(&text(Msg::CompareNoOverlap));
    }
    let headers = [
        fr(Message::new(Msg::CompareTerritory)),
        fr(Message::new(Msg::CompareTerritory)),
        fr(Message::new(Msg::CompareSharedZones)),
        fr(Message::new(Msg::CompareSharedPopulation)),
        fr(Message::new(Msg::CompareSharedActors)),
    ];
    let columns = [
        text_col(&headers[0]),
        text_col(&headers[1]),
        num_col(&headers[2]),
        num_col(&headers[3]),
        num_col(&headers[4]),
    ];
    let rows = c.overlaps.iter().take(OVERLAPS_SHOWN).map(|o| {
        Row::from(vec![
            escape(&o.a),
            escape(&o.b),
            french_count(o.zones),
            french_count(o.population.round() as usize),
            french_count(o.actors),
        ])
    });
    let mut body = note(&text(Msg::CompareOverlapsNote));
    body.push_str(&table(&columns, rows));
    if c.overlaps.len() > OVERLAPS_SHOWN {
        body.push_str(&note(&escape(&fr(crate::msg!(
            CompareOverlapsCapped,
            shown = OVERLAPS_SHOWN,
            total = french_count(c.overlaps.len())
        )))));
    }
    body
}

/// The bundles left out, and why.
fn failures(c: &Comparison) -> String {
    let headers = [
        fr(Message::new(Msg::CompareBundle)),
        fr(Message::new(Msg::CompareReason)),
    ];
    let rows = c.failures.iter().map(|f| {
        Row::from(vec![
            escape(&f.bundle),
            escape(&f.reason.render(crate::lang::Lang::Fr)).replace('\n', "<br>"),
        ])
    });
    let mut body = note(&text(Msg::CompareFailuresNote));
    body.push_str(&table(
        &[text_col(&headers[0]), text_col(&headers[1])],
        rows,
    ));
    body
}

/// How each figure is read from each territory's diagnosis.
fn method() -> String {
    let mut body = String::from("<ul class=\"constats\">\n");
    for key in [
        Msg::CompareMethodSectors,
        Msg::CompareMethodNetwork,
        Msg::CompareMethodArticulation,
        Msg::CompareMethodAccess,
        Msg::CompareMethodGaps,
        Msg::CompareMethodOverlap,
    ] {
        body.push_str(&format!("<li>{}</li>\n", text(key)));
    }
    body.push_str("</ul>\n");
    body
}
