//! "Indicateurs des quartiers": the coverage layer's declared indicators
//! (docs/analyses.md §2, "Declared zone indicators"), as the diagnosis computed them
//! ([`crate::spatial::DeclaredIndicator`]): priority zones against the others, the
//! zones ranked from the worst off with the actors that serve them, and a map of each.
//! Its texts come from the catalogue, in the language of the messages
//! ([`crate::lang::language`]: French unless `--lang en`).

use super::html::{note, num_col, table, text_col, write_table, Page, Row};
use super::map::ZoneMap;
use super::text::{decimals_for, escape, number_in};
use super::{Body, Context, Section};
use crate::lang::{language, Lang, Message, Msg};
use crate::model::{AccessMethod, Better};
use crate::outputs::SECRET;
use crate::spatial::DeclaredIndicator;

/// How many zones the ranking of an indicator shows, the worst off; the others are
/// summarised below it, and `indicators.csv` ranks them all.
pub const RANKING_SHOWN: usize = 10;

/// "Indicateurs des quartiers": present whenever the coverage layer declares
/// indicators.
pub(crate) fn indicators<'c>(ctx: &'c Context<'_>) -> Option<Section<'c>> {
    if ctx.diagnosis.coverage.declared.is_empty() {
        return None;
    }
    let lang = language();
    Some(Section {
        id: "indicateurs",
        title: Msg::ReportIndicatorsTitle.text(lang).to_owned(),
        body: Body::write(move |out| write_indicators(ctx, lang, out)),
    })
}

fn write_indicators(ctx: &Context<'_>, lang: Lang, out: &mut Page<'_>) {
    let coverage = &ctx.diagnosis.coverage;
    let declared = &coverage.declared;
    let text = |m: Message| escape(&m.render(lang));
    let list: Vec<String> = declared
        .iter()
        .map(|d| format!("{} ({})", header(d), better_word(d.better).text(lang)))
        .collect();
    out.push_str(&note(&text(crate::msg!(
        ReportIndicatorsIntro,
        layer = &coverage.layer,
        declared = format!("[layers.{}.indicators]", coverage.layer),
        list = list.join(" ; ")
    ))));
    write_comparison(ctx, lang, out);
    let mapped = ctx.options.indicators(ctx.territory);
    for (n, d) in declared.iter().enumerate() {
        out.push_str(&format!(
            "<h3>{}</h3>\n",
            text(crate::msg!(
                ReportIndicatorsRankingHeading,
                indicator = header(d)
            ))
        ));
        write_ranking(ctx, lang, d, out);
        out.push_str(&format!(
            "<h4>{}</h4>\n",
            text(crate::msg!(
                ReportIndicatorsMapHeading,
                indicator = header(d)
            ))
        ));
        if mapped.contains(&d.property) {
            out.push_str(&note(&text(crate::msg!(
                ReportIndicatorsMapAbove,
                indicator = header(d)
            ))));
        } else if let Some(map) = ZoneMap::new(ctx, &d.property) {
            out.push_str(&note(&escape(Msg::ReportIndicatorsMapNote.text(lang))));
            map.write(&format!("carte-indicateur-{}", n + 1), out);
        }
    }
}

/// The label and unit of an indicator: `Taux de chômage (%)`.
fn header(d: &DeclaredIndicator) -> String {
    match &d.unit {
        Some(u) => format!("{} ({u})", d.label),
        None => d.label.clone(),
    }
}

fn better_word(better: Better) -> Msg {
    match better {
        Better::Lower => Msg::ReportIndicatorsBetterLower,
        Better::Higher => Msg::ReportIndicatorsBetterHigher,
    }
}

/// The decimals an indicator's values are written with: enough to tell them apart, at
/// least one, at most three.
fn decimals(d: &DeclaredIndicator) -> usize {
    let values: Vec<f64> = d.ranking.iter().map(|r| r.value).collect();
    decimals_for(&values, 1)
}

/// Priority zones against the others, an indicator a row.
fn write_comparison(ctx: &Context<'_>, lang: Lang, out: &mut Page<'_>) {
    let coverage = &ctx.diagnosis.coverage;
    let c = &coverage.comparison;
    let number = |x: f64, d: usize| number_in(lang, x, d);
    let text = |m: Message| escape(&m.render(lang));
    out.push_str(&format!(
        "<h3>{}</h3>\n",
        escape(Msg::ReportIndicatorsComparisonHeading.text(lang))
    ));
    out.push_str(&note(&text(crate::msg!(
        ReportIndicatorsComparisonNote,
        priority_zones = number(c.priority_zones as f64, 0),
        priority_population = number(c.priority_population, 0),
        other_zones = number(c.other_zones as f64, 0),
        other_population = number(c.other_population, 0)
    ))));
    if c.priority_zones == 0 {
        out.push_str(&note(&text(crate::msg!(
            ReportIndicatorsNoPriority,
            layer = &coverage.layer
        ))));
    }
    let rows = coverage.declared.iter().map(|d| {
        let i = &d.comparison;
        let places = decimals(d).max(2);
        let value = |v: Option<f64>| v.map_or_else(|| "—".to_owned(), |v| number(v, places));
        let difference = match (i.priority, i.other) {
            (Some(p), Some(o)) => number(p - o, places),
            _ => "—".to_owned(),
        };
        Row::from(vec![
            format!(
                "{} <span class=\"note\">({})</span>",
                escape(&header(d)),
                escape(better_word(d.better).text(lang))
            ),
            value(i.priority),
            value(i.other),
            difference,
            format!(
                "{} / {}",
                number(i.priority_with_value as f64, 0),
                number(i.other_with_value as f64, 0)
            ),
            number(d.without_value.len() as f64, 0),
        ])
    });
    out.push_str(&table(
        &[
            text_col(Msg::ReportIndicatorsIndicator.text(lang)),
            num_col(Msg::ReportIndicatorsPriorityZones.text(lang)),
            num_col(Msg::ReportIndicatorsOtherZones.text(lang)),
            num_col(Msg::ReportIndicatorsDifference.text(lang)),
            num_col(Msg::ReportIndicatorsWithValue.text(lang)),
            num_col(Msg::ReportIndicatorsWithoutValue.text(lang)),
        ],
        rows,
    ));
}

/// The ranking of one indicator: the [`RANKING_SHOWN`] worst-off zones with their
/// actors, the others summarised, the zones without a value named.
fn write_ranking(ctx: &Context<'_>, lang: Lang, d: &DeclaredIndicator, out: &mut Page<'_>) {
    let coverage = &ctx.diagnosis.coverage;
    let text = |m: Message| escape(&m.render(lang));
    let number = |x: f64, places: usize| number_in(lang, x, places);
    let places = decimals(d);
    if d.ranking.is_empty() {
        out.push_str(&note(&escape(Msg::ReportIndicatorsNoValue.text(lang))));
    } else {
        let method = AccessMethod::NAMES
            .iter()
            .find(|(_, m)| *m == coverage.access_method)
            .map_or("2sfca", |(n, _)| n)
            .to_uppercase();
        out.push_str(&note(&text(crate::msg!(
            ReportIndicatorsRankingNote,
            order = Message::new(if d.better == Better::Lower {
                Msg::ReportIndicatorsWorstHighest
            } else {
                Msg::ReportIndicatorsWorstLowest
            }),
            method = method,
            catchment = number(coverage.catchment_m, 0)
        ))));
        let kinds: Vec<String> = coverage
            .required
            .iter()
            .map(|k| crate::msg!(ReportIndicatorsKindColumn, kind = ctx.kind_label(k)).render(lang))
            .collect();
        let value_header = header(d);
        let mut columns = vec![
            num_col(Msg::CompareRank.text(lang)),
            text_col(Msg::ReportIndicatorsZone.text(lang)),
            text_col(Msg::ReportIndicatorsPriority.text(lang)),
            num_col(&value_header),
            num_col(Msg::ComparePopulation.text(lang)),
            num_col(Msg::ReportIndicatorsLocated.text(lang)),
        ];
        columns.extend(kinds.iter().map(|k| num_col(k)));
        let secret = |zone: usize, property: &str, n: u32| {
            if ctx.suppression.is_suppressed(zone, property) {
                SECRET.to_owned()
            } else {
                number(f64::from(n), 0)
            }
        };
        let rows = d.ranking.iter().take(RANKING_SHOWN).map(|r| {
            let mut cells = vec![
                number(r.rank as f64, 0),
                format!(
                    "{} <span class=\"note\">({})</span>",
                    escape(&r.name),
                    escape(&r.id)
                ),
                escape(
                    if r.priority {
                        Msg::ReportIndicatorsYes
                    } else {
                        Msg::ReportIndicatorsNo
                    }
                    .text(lang),
                ),
                number(r.value, places),
                number(r.population, 0),
                secret(r.zone, "actors", r.actors),
            ];
            for k in &coverage.required {
                let n = r.count.get(k).copied().unwrap_or(0);
                let access = r.access.get(k).copied().unwrap_or(0.0);
                cells.push(format!(
                    "{} · {}",
                    secret(r.zone, &format!("count_{k}"), n),
                    number(access, 1)
                ));
            }
            Row::from(cells)
        });
        write_table(out, &columns, rows);
        let rest = d.ranking.get(RANKING_SHOWN..).unwrap_or_default();
        if let (Some(first), Some(last)) = (rest.first(), rest.last()) {
            let priority = rest.iter().filter(|r| r.priority).count();
            out.push_str(&note(&text(crate::msg!(
                ReportIndicatorsRest,
                more = number(rest.len() as f64, 0),
                from = number(first.value, places),
                to = number(last.value, places),
                priority = number(priority as f64, 0),
                priority_s = if priority > 1 { "s" } else { "" }
            ))));
        }
    }
    if !d.without_value.is_empty() {
        let n = d.without_value.len();
        // the first few by name, the others counted
        let shown = n.min(super::LISTED);
        let names: Vec<&str> = d.without_value[..shown]
            .iter()
            .map(|id| {
                coverage
                    .zones
                    .iter()
                    .find(|z| &z.id == id)
                    .map_or(id.as_str(), |z| z.name.as_str())
            })
            .collect();
        let mut zones = names.join(", ");
        if n > shown {
            zones.push_str(&format!(", … (+{})", number((n - shown) as f64, 0)));
        }
        out.push_str(&note(&text(crate::msg!(
            ReportIndicatorsUnranked,
            count = number(n as f64, 0),
            count_s = if n > 1 { "s" } else { "" },
            zones = zones
        ))));
    }
}
