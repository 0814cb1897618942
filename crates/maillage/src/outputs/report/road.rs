//! "Accès par la route et à vol d'oiseau": with a cost table, each required kind's
//! access by the table against access by straight line, as the diagnosis compared them
//! ([`crate::spatial::RoadComparison`], docs/analyses.md §2, "With a cost table"): the
//! worst served zones by each and those that change. Its texts come from the catalogue,
//! in the language of the messages (French unless `--lang en`).

use super::html::{note, num_col, table, text_col, Row};
use super::text::{decimals_for, escape, number_in};
use super::{Body, Context, Section};
use crate::lang::{language, Lang, Message, Msg};
use crate::model::CostUnit;
use crate::spatial::RoadAccess;

/// "Accès par la route et à vol d'oiseau": present only when access used a cost table.
pub(crate) fn road_access<'c>(ctx: &'c Context<'_>) -> Option<Section<'c>> {
    ctx.diagnosis.coverage.road_comparison.as_ref()?;
    let lang = language();
    Some(Section {
        id: "route",
        title: Msg::ReportRoadTitle.text(lang).to_owned(),
        body: Body::write(move |out| write_road(ctx, lang, out)),
    })
}

fn write_road(ctx: &Context<'_>, lang: Lang, out: &mut super::html::Page<'_>) {
    let coverage = &ctx.diagnosis.coverage;
    let (Some(road), Some(costs)) = (&coverage.road_comparison, &coverage.travel_costs) else {
        return;
    };
    let text = |m: Message| escape(&m.render(lang));
    let number = |x: f64, d: usize| number_in(lang, x, d);
    let ranked = road.kinds.first().map_or(0, |k| k.zones.len());
    out.push_str(&note(&text(crate::msg!(
        ReportRoadIntro,
        file = &costs.file,
        catchment = number(costs.catchment, decimals_for(&[costs.catchment], 0)),
        unit = match costs.unit {
            CostUnit::Minutes => Msg::ReportRoadMinutes,
            CostUnit::Metres => Msg::ReportRoadMetres,
        }
        .text(lang),
        catchment_m = number(coverage.catchment_m, 0),
        ranked = ranked,
        layer = &coverage.layer,
        worst = road.worst
    ))));
    for kind in &road.kinds {
        out.push_str(&format!(
            "<h3>{}</h3>\n",
            escape(ctx.kind_label(&kind.kind))
        ));
        write_kind(kind, lang, out);
    }
}

/// The names of the zones with these ids, in their order.
fn names(kind: &RoadAccess, ids: &[String]) -> String {
    ids.iter()
        .filter_map(|id| kind.zones.iter().find(|z| &z.id == id))
        .map(|z| z.name.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

fn write_kind(kind: &RoadAccess, lang: Lang, out: &mut super::html::Page<'_>) {
    let text = |m: Message| escape(&m.render(lang));
    out.push_str(&note(&text(crate::msg!(
        ReportRoadWorstByRoad,
        zones = names(kind, &kind.worst_by_road)
    ))));
    out.push_str(&note(&text(crate::msg!(
        ReportRoadWorstByLine,
        zones = names(kind, &kind.worst_by_straight_line)
    ))));
    if kind.only_by_road.is_empty() {
        out.push_str(&note(&escape(Msg::ReportRoadUnchanged.text(lang))));
    } else {
        out.push_str(&note(&text(crate::msg!(
            ReportRoadOnlyByRoad,
            zones = names(kind, &kind.only_by_road)
        ))));
        out.push_str(&note(&text(crate::msg!(
            ReportRoadOnlyByLine,
            zones = names(kind, &kind.only_by_straight_line)
        ))));
    }
    let mut shown: Vec<_> = kind
        .zones
        .iter()
        .filter(|z| {
            kind.worst_by_road.contains(&z.id) || kind.worst_by_straight_line.contains(&z.id)
        })
        .collect();
    shown.sort_by_key(|z| z.road_rank);
    let values: Vec<f64> = shown
        .iter()
        .flat_map(|z| [z.by_road, z.by_straight_line])
        .collect();
    let places = decimals_for(&values, 1);
    let number = |x: f64, d: usize| number_in(lang, x, d);
    out.push_str(&note(&escape(Msg::ReportRoadTableNote.text(lang))));
    let rows = shown.iter().map(|z| {
        Row::from(vec![
            escape(&z.name),
            number(z.by_road, places),
            number(z.road_rank as f64, 0),
            number(z.by_straight_line, places),
            number(z.straight_line_rank as f64, 0),
        ])
    });
    out.push_str(&table(
        &[
            text_col(Msg::ReportIndicatorsZone.text(lang)),
            num_col(Msg::ReportRoadAccessByRoad.text(lang)),
            num_col(Msg::ReportRoadRankByRoad.text(lang)),
            num_col(Msg::ReportRoadAccessByLine.text(lang)),
            num_col(Msg::ReportRoadRankByLine.text(lang)),
        ],
        rows,
    ));
}
