//! The sections that read what dispositifs and structures have in common
//! (docs/analyses.md §5): the themes each pair of dispositifs shares ("Quels sont les
//! sujets communs ?"), the structures whose members are a dispositif's ("CPTS = MSP…
//! les mêmes acteurs"), and the two-mode view of who meets where. Their texts come
//! from the catalogue, in French.

use super::html::{capitalise, note, num_col, text_col, write_table, yes_no_label, Page, Row};
use super::text::{escape, french_count, french_percent};
use super::{Context, Section};
use crate::lang::{Lang, Message, Msg};

/// How many rows each table of these sections shows; the others are in its CSV table.
pub const TWO_MODE_ROWS_SHOWN: usize = 40;

/// The share of a structure's members from which its overlap with a dispositif is
/// shown: at least half of them.
pub const OVERLAP_SHOWN_FROM: f64 = 0.5;

/// A message of the catalogue, in French.
fn fr(message: Message) -> String {
    message.render(Lang::Fr)
}

/// A word of the catalogue, in French.
fn word(key: Msg) -> &'static str {
    key.text(Lang::Fr)
}

/// The plural ending of a count.
fn s(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// A note that the table shows the first rows only, when it does.
fn more_rows(out: &mut Page<'_>, rows: usize, file: &str) {
    if rows > TWO_MODE_ROWS_SHOWN {
        out.push_str(&note(&escape(&fr(crate::msg!(
            ReportMoreRows,
            shown = TWO_MODE_ROWS_SHOWN,
            more = french_count(rows - TWO_MODE_ROWS_SHOWN),
            file = file
        )))));
    }
}

/// "Sujets communs entre dispositifs": each pair's shared themes, a row per theme,
/// with where it comes from.
pub(crate) fn shared_themes<'c>(ctx: &'c Context<'_>) -> Option<Section<'c>> {
    (!ctx.diagnosis.shared_themes.is_empty()).then(|| {
        Section::written(
            "sujets-communs",
            word(Msg::ReportSharedThemesTitle),
            ctx,
            write_shared_themes,
        )
    })
}

fn write_shared_themes(ctx: &Context<'_>, out: &mut Page<'_>) {
    let pairs = &ctx.diagnosis.shared_themes;
    let with = pairs.iter().filter(|p| !p.themes.is_empty()).count();
    out.push_str(&note(&escape(&fr(crate::msg!(
        ReportSharedThemesIntro,
        pairs = capitalise(&french_count(with)),
        pairs_s = s(with),
        total = french_count(pairs.len()),
        have = word(if with == 1 {
            Msg::ReportHaveOne
        } else {
            Msg::ReportHaveMany
        })
    )))));
    let action_names = ctx.action_names();
    let rows: Vec<Row> = pairs
        .iter()
        .flat_map(|p| p.themes.iter().map(move |t| (p, t)))
        .take(TWO_MODE_ROWS_SHOWN)
        .map(|(p, t)| {
            Row::from(vec![
                format!("{}<br>↔ {}", ctx.actor_html(&p.a), ctx.actor_html(&p.b)),
                escape(&t.theme),
                format!(
                    "{} / {}",
                    french_count(t.actors_a),
                    french_count(t.actors_b)
                ),
                action_names(&t.joint_actions).unwrap_or_else(|| "—".to_owned()),
                if t.need_zones.is_empty() {
                    "—".to_owned()
                } else {
                    let zones: Vec<String> =
                        t.need_zones.iter().map(|z| zone_name(ctx, z)).collect();
                    escape(&zones.join(", "))
                },
            ])
        })
        .collect();
    let total: usize = pairs.iter().map(|p| p.themes.len()).sum();
    write_table(
        out,
        &[
            text_col(word(Msg::ReportDispositifs)),
            text_col(word(Msg::ReportTheme)),
            text_col(word(Msg::ReportActorsOnEachSide)),
            text_col(word(Msg::ReportJointActions)),
            text_col(word(Msg::ReportNeedZones)),
        ],
        rows,
    );
    more_rows(out, total, "shared_themes.csv");
}

/// The name of a zone written `layer:id`, or the reference itself.
fn zone_name(ctx: &Context<'_>, reference: &str) -> String {
    reference
        .split_once(':')
        .and_then(|(layer, id)| {
            let l = ctx.territory.layer_by_name(layer)?;
            let layer = ctx.territory.layer(l);
            let z = layer.zone_by_id(id)?;
            Some(layer.zones[z.0 as usize].name.clone())
        })
        .unwrap_or_else(|| reference.to_owned())
}

/// "Structures et dispositifs : les mêmes acteurs ?": the structures at least half of
/// whose members are a dispositif's, the dispositif most made of the structure first.
pub(crate) fn overlap<'c>(ctx: &'c Context<'_>) -> Option<Section<'c>> {
    (!ctx.diagnosis.overlap.is_empty()).then(|| {
        Section::written(
            "memes-acteurs",
            word(Msg::ReportOverlapTitle),
            ctx,
            write_overlap,
        )
    })
}

fn write_overlap(ctx: &Context<'_>, out: &mut Page<'_>) {
    let overlap = &ctx.diagnosis.overlap;
    let mut shown: Vec<&crate::network::StructureOverlap> = overlap
        .iter()
        .filter(|o| o.structure_share >= OVERLAP_SHOWN_FROM)
        .collect();
    shown.sort_by(|x, y| {
        y.dispositif_share
            .total_cmp(&x.dispositif_share)
            .then(y.structure_share.total_cmp(&x.structure_share))
    });
    let structures = |list: &mut dyn Iterator<Item = &str>| {
        let mut ids: Vec<&str> = list.collect();
        ids.sort_unstable();
        ids.dedup();
        ids.len()
    };
    let count = structures(&mut shown.iter().map(|o| o.structure.as_str()));
    let total = structures(&mut overlap.iter().map(|o| o.structure.as_str()));
    out.push_str(&note(&escape(&fr(crate::msg!(
        ReportOverlapIntro,
        count = capitalise(&french_count(count)),
        count_s = s(count),
        total = french_count(total),
        are = word(if count == 1 {
            Msg::ReportIsOne
        } else {
            Msg::ReportIsMany
        })
    )))));
    if shown.is_empty() {
        return;
    }
    let rows: Vec<Row> = shown
        .iter()
        .take(TWO_MODE_ROWS_SHOWN)
        .map(|o| {
            Row::from(vec![
                ctx.actor_html(&o.structure),
                ctx.actor_html(&o.dispositif),
                french_count(o.structure_members),
                french_count(o.shared_members),
                french_percent(o.structure_share, 0),
                french_percent(o.dispositif_share, 0),
                yes_no_label(o.structure_is_member),
            ])
        })
        .collect();
    write_table(
        out,
        &[
            text_col(word(Msg::ReportStructure)),
            text_col(word(Msg::ReportDispositif)),
            num_col(word(Msg::ReportStructureMembers)),
            num_col(word(Msg::ReportSharedMembers)),
            num_col(word(Msg::ReportStructureShare)),
            num_col(word(Msg::ReportDispositifShare)),
            text_col(word(Msg::ReportStructureIsMember)),
        ],
        rows,
    );
    more_rows(out, shown.len(), "dispositif_overlap.csv");
}

/// "Qui se retrouve où": the two-mode view's figures and the organisations that meet
/// most often without a relation.
pub(crate) fn affiliation<'c>(ctx: &'c Context<'_>) -> Option<Section<'c>> {
    (!ctx.diagnosis.affiliations.ties.is_empty()).then(|| {
        Section::written(
            "affiliation",
            word(Msg::ReportAffiliationTitle),
            ctx,
            write_affiliation,
        )
    })
}

fn write_affiliation(ctx: &Context<'_>, out: &mut Page<'_>) {
    let a = &ctx.diagnosis.affiliation;
    out.push_str(&note(&escape(&fr(crate::msg!(
        ReportAffiliationIntro,
        actors = french_count(a.actors),
        actions = french_count(a.actions),
        dispositifs = french_count(a.dispositifs),
        action_ties = french_count(a.action_ties),
        dispositif_ties = french_count(a.dispositif_ties),
        pairs = french_count(a.pairs as usize),
        without = french_count(a.pairs_without_relation as usize)
    )))));
    let shown: Vec<Row> = a
        .unacquainted
        .iter()
        .filter(|p| {
            let shows = |id: &str| {
                ctx.territory
                    .actor_with_id(id)
                    .is_some_and(|x| ctx.shows(x))
            };
            shows(&p.a) && shows(&p.b)
        })
        .map(|p| {
            Row::from(vec![
                format!("{}<br>↔ {}", ctx.actor_html(&p.a), ctx.actor_html(&p.b)),
                french_count(p.shared as usize),
            ])
        })
        .collect();
    if shown.is_empty() {
        return;
    }
    out.push_str(&note(&escape(word(Msg::ReportUnacquaintedIntro))));
    write_table(
        out,
        &[
            text_col(word(Msg::ReportActors)),
            num_col(word(Msg::ReportMeetings)),
        ],
        shown,
    );
}
