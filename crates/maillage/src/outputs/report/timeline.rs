//! The section that puts the joint actions and the relations on a time axis
//! (docs/analyses.md §4, "Calendar"): each dispositif's actions as bars from their
//! first to their last day with their partners, the periods when several run at once
//! and those when none does, and the relations started and ended each year. It is the
//! planning coordinators ask for ("conflits d'agenda", "à tel moment dans le contrat")
//! and the network's growth over time.

use super::html::{capitalise, note, num_col, text_col, write_table, Page, Row};
use super::network_diagram::shorten;
use super::svg::{coordinate, fit_text, swatch, text_width, time_axis, TimeScale};
use super::text::{count_of, escape, french_count, french_date};
use super::{Context, Section, LISTED};
use crate::model::{ActorIx, Date};
use crate::network::{CalendarAction, CalendarRole, DispositifCalendar, Overlap, Period, YearTies};

/// How many bars the drawing and its table hold at most: the first dispositifs' in
/// bundle order; the others are counted under the drawing.
pub(crate) const CALENDAR_ROWS: usize = 60;

/// How many actions without a start are listed under the drawing and in its table.
pub(crate) const UNDATED_LISTED: usize = 30;

/// How many periods a dispositif's sentence names of each sort before "et N autres".
const PERIODS_LISTED: usize = 4;

/// The colours of the dispositifs, in turn (Okabe and Ito's, for colour-blind eyes).
const COLORS: [&str; 6] = [
    "#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9",
];

/// The colour of the actions of no dispositif.
const OTHER_COLOR: &str = "#7b8794";

/// The colour of the periods when several actions run at once.
const OVERLAP_COLOR: &str = "#f0a202";

/// The colour of the periods without any action.
const GAP_COLOR: &str = "#fde8e4";

/// The drawing's width, the label column's and where the axis runs, in pixels.
const WIDTH: f64 = 1120.0;
const AXIS_X0: f64 = 440.0;
const AXIS_X1: f64 = 1056.0;
/// The room of a label, left of the axis.
const LABEL_W: f64 = AXIS_X0 - 14.0;
/// The axis line's height, the rows' and the room under them.
const AXIS_Y: f64 = 44.0;
const HEADING_H: f64 = 26.0;
const ROW_H: f64 = 34.0;
const FOOT_H: f64 = 30.0;

/// "Calendrier des actions et des liens": left out when no action and no relation
/// has a date.
pub(crate) fn timeline<'c>(ctx: &'c Context<'_>) -> Option<Section<'c>> {
    if !ctx.diagnosis.calendar.has_dates() {
        return None;
    }
    Some(Section::written(
        "calendrier",
        "Calendrier des actions et des liens",
        ctx,
        write_timeline,
    ))
}

/// A dispositif's name, or the group of the actions of no dispositif.
fn group_name(ctx: &Context<'_>, group: &DispositifCalendar) -> String {
    group.dispositif.map_or_else(
        || "Actions sans dispositif".to_owned(),
        |d| ctx.territory.actor(d).name.clone(),
    )
}

/// How the dispositif takes part, in French.
fn role_label(role: CalendarRole) -> &'static str {
    match role {
        CalendarRole::Lead => "porteur",
        CalendarRole::Partner => "partenaire",
        CalendarRole::Funder => "financeur",
        CalendarRole::WorkingGroup => "par un groupe de travail",
    }
}

/// A period in French: "le 10 juin 2023", "du 9 au 22 octobre 2023", "du 1er mars au
/// 30 juin 2023", "du 5 octobre 2021 au 30 juin 2024".
fn period_text(p: Period) -> String {
    let (first, last) = (french_date(p.first), french_date(p.last));
    if p.first == p.last {
        return format!("le {first}");
    }
    let mut words = first.split(' ');
    let (day, month) = (words.next().unwrap_or(""), words.next().unwrap_or(""));
    if p.first.year() != p.last.year() {
        format!("du {first} au {last}")
    } else if p.first.month() != p.last.month() {
        format!("du {day} {month} au {last}")
    } else {
        format!("du {day} au {last}")
    }
}

/// When an action runs, in French.
fn dates_text(a: &CalendarAction, horizon: Option<Date>) -> String {
    match a.span {
        None => "sans date".to_owned(),
        Some(s) if s.open && horizon.is_some_and(|h| s.days.first > h) => {
            format!("à partir du {}", french_date(s.days.first))
        }
        Some(s) if s.open => format!("depuis le {}, en cours", french_date(s.days.first)),
        Some(s) => period_text(s.days),
    }
}

/// Partners in plain text (for the drawing), after `prefix`, cut to fit `max_px` at
/// `font_px`: the names the report may show, shortened, as many as fit, how many more,
/// and how many professionals it may not name.
fn actors_line(
    ctx: &Context<'_>,
    prefix: &str,
    actors: &[ActorIx],
    font_px: f64,
    max_px: f64,
) -> String {
    let mut names: Vec<String> = Vec::new();
    let mut hidden = 0;
    for &ix in actors {
        let a = ctx.territory.actor(ix);
        if ctx.shows(a) {
            names.push(shorten(&a.name, 40));
        } else {
            hidden += 1;
        }
    }
    let line = |shown: &[&String]| {
        let mut items: Vec<String> = shown.iter().map(|n| (*n).clone()).collect();
        let more = names.len() - shown.len();
        if more > 0 {
            items.push(if shown.is_empty() {
                count_of(more, "partenaire", "partenaires")
            } else {
                count_of(more, "autre", "autres")
            });
        }
        if hidden > 0 {
            items.push(count_of(hidden, "professionnel·le", "professionnel·les"));
        }
        match items.split_last() {
            None => format!("{prefix}sans partenaire"),
            Some((last, [])) => format!("{prefix}avec {last}"),
            Some((last, rest)) => format!("{prefix}avec {} et {last}", rest.join(", ")),
        }
    };
    // the names in order, each that still fits, the others counted
    let mut shown: Vec<&String> = Vec::new();
    for name in &names {
        shown.push(name);
        if text_width(&line(&shown), font_px) > max_px {
            shown.pop();
        }
    }
    fit_text(&line(&shown), font_px, max_px)
}

/// Every actor of a list in plain text (for a bar's title), professionals the report
/// may not name written as their kind.
fn all_actors_text(ctx: &Context<'_>, actors: &[ActorIx]) -> String {
    let names: Vec<String> = actors
        .iter()
        .map(|&ix| {
            let a = ctx.territory.actor(ix);
            if ctx.shows(a) {
                a.name.clone()
            } else {
                format!("{} (professionnel·le)", ctx.kind_label(&a.kind))
            }
        })
        .collect();
    if names.is_empty() {
        "—".to_owned()
    } else {
        names.join(", ")
    }
}

/// The ids of actors, for [`Context::actors_html`].
fn ids(ctx: &Context<'_>, actors: &[ActorIx]) -> Vec<String> {
    actors
        .iter()
        .map(|&ix| ctx.territory.actor(ix).id.clone())
        .collect()
}

/// What the drawing holds: the groups in order, each with its colour and the actions
/// drawn (dated ones, while they fit), and what is left out.
struct Drawn<'a> {
    groups: Vec<(
        &'a DispositifCalendar,
        &'static str,
        Vec<&'a CalendarAction>,
    )>,
    actions_left_out: usize,
    groups_left_out: usize,
    /// The actions without a start listed under the drawing (the first
    /// [`UNDATED_LISTED`] in file order), with each group they are in.
    undated: Vec<(&'a DispositifCalendar, &'a CalendarAction)>,
    /// How many other actions have no start.
    undated_left_out: usize,
}

impl<'a> Drawn<'a> {
    fn of(groups: &'a [DispositifCalendar]) -> Self {
        let mut drawn = Drawn {
            groups: Vec::new(),
            actions_left_out: 0,
            groups_left_out: 0,
            undated: Vec::new(),
            undated_left_out: 0,
        };
        let mut undated: Vec<(&DispositifCalendar, &CalendarAction)> = groups
            .iter()
            .flat_map(|g| g.actions.iter().map(move |a| (g, a)))
            .filter(|(_, a)| a.span.is_none())
            .collect();
        // the groups keep their order for each action (a stable sort)
        undated.sort_by_key(|(_, a)| a.action);
        let mut actions: Vec<usize> = undated.iter().map(|(_, a)| a.action).collect();
        actions.dedup();
        if let Some(&last) = actions.get(UNDATED_LISTED.saturating_sub(1)) {
            undated.retain(|(_, a)| a.action <= last);
        }
        drawn.undated_left_out = actions.len().saturating_sub(UNDATED_LISTED);
        drawn.undated = undated;
        let mut rows = 0;
        let mut colors = COLORS.iter().cycle();
        for g in groups {
            let color = match g.dispositif {
                Some(_) => colors.next().copied().unwrap_or(OTHER_COLOR),
                None => OTHER_COLOR,
            };
            let dated: Vec<&CalendarAction> =
                g.actions.iter().filter(|a| a.span.is_some()).collect();
            if dated.is_empty() {
                continue;
            }
            let room = CALENDAR_ROWS - rows;
            if room == 0 {
                drawn.actions_left_out += dated.len();
                drawn.groups_left_out += 1;
                continue;
            }
            drawn.actions_left_out += dated.len().saturating_sub(room);
            let kept: Vec<&CalendarAction> = dated.into_iter().take(room).collect();
            rows += kept.len();
            drawn.groups.push((g, color, kept));
        }
        drawn
    }

    /// The first and last day of the drawn actions.
    fn extent(&self) -> Option<(Date, Date)> {
        let days = self
            .groups
            .iter()
            .flat_map(|(_, _, actions)| actions)
            .filter_map(|a| a.span);
        let first = days.clone().map(|s| s.days.first).min()?;
        let last = days.map(|s| s.days.last).max()?;
        Some((first, last))
    }
}

fn write_timeline(ctx: &Context<'_>, out: &mut Page<'_>) {
    let calendar = &ctx.diagnosis.calendar;
    let horizon = calendar.horizon;
    let drawn = Drawn::of(&calendar.dispositifs);
    out.push_str(&note(&escape(&format!(
        "Les actions communes de chaque dispositif sur un axe du temps : une barre va du premier au dernier jour de l’action ; une action sans date de fin court jusqu’à la date d’observation{} et est marquée « en cours ». Une action figure sous chaque dispositif qui la porte, y participe ou la finance, lui-même ou par l’un de ses groupes de travail. Les partenaires sont ceux de la colonne « partenaires » ; le détail est dans l’infobulle de chaque barre et dans le tableau.",
        horizon.map_or_else(String::new, |h| format!(" ({})", french_date(h)))
    ))));
    if let Some((first, last)) = drawn.extent() {
        let (first, last) = match horizon {
            Some(h) => (first.min(h), last.max(h)),
            None => (first, last),
        };
        write_drawing(ctx, &drawn, first, last, out);
        write_legend(out);
    }
    if drawn.actions_left_out > 0 {
        let n = drawn.actions_left_out;
        out.push_str(&note(&escape(&format!(
            "Le calendrier dessine au plus {CALENDAR_ROWS} barres, dans l’ordre des dispositifs : {} {}{}.",
            count_of(n, "action", "actions"),
            if n > 1 { "n’y figurent pas" } else { "n’y figure pas" },
            if drawn.groups_left_out > 0 {
                format!(
                    ", dont toutes celles de {}",
                    count_of(drawn.groups_left_out, "groupe", "groupes")
                )
            } else {
                String::new()
            }
        ))));
    }
    write_undated(ctx, &drawn, out);
    write_findings(ctx, &drawn, out);
    write_actions_table(ctx, &drawn, out);
    write_ties(ctx, &calendar.ties_by_year, out);
}

/// The SVG time axis with a row per drawn action, grouped by dispositif.
fn write_drawing(
    ctx: &Context<'_>,
    drawn: &Drawn<'_>,
    first: Date,
    last: Date,
    out: &mut Page<'_>,
) {
    let horizon = ctx.diagnosis.calendar.horizon;
    let scale = TimeScale::years(first, last, AXIS_X0, AXIS_X1);
    let rows: usize = drawn.groups.iter().map(|(_, _, a)| a.len()).sum();
    let body_h = drawn.groups.len() as f64 * HEADING_H + rows as f64 * ROW_H;
    let height = AXIS_Y + 8.0 + body_h + FOOT_H;
    let title = "Calendrier des actions communes par dispositif";
    out.push_str("<figure class=\"calendrier\">\n");
    out.push_str(&format!(
        "<svg class=\"calendrier\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" role=\"img\" aria-label=\"{title}\">\n<title>{title}</title>\n",
        w = coordinate(WIDTH),
        h = coordinate(height),
    ));
    let bottom = AXIS_Y + 8.0 + body_h;
    out.push_str(&time_axis(&scale, AXIS_Y, bottom));
    out.push_str("\n");
    let mut y = AXIS_Y + 8.0;
    for (group, color, actions) in &drawn.groups {
        write_group(ctx, &scale, group, color, actions, y, out);
        y += HEADING_H + actions.len() as f64 * ROW_H;
    }
    if let Some(h) = horizon {
        let x = scale.x_after(h);
        let anchor = if x > AXIS_X1 - 120.0 { "end" } else { "middle" };
        out.push_str(&format!(
            "<g class=\"observation\"><line x1=\"{x}\" y1=\"{}\" x2=\"{x}\" y2=\"{}\" stroke=\"#1f2933\" stroke-width=\"1.2\" stroke-dasharray=\"5 3\"/>\
<text class=\"note-axe\" x=\"{x}\" y=\"{}\" text-anchor=\"{anchor}\">date d’observation : {}</text></g>\n",
            coordinate(AXIS_Y),
            coordinate(bottom + 4.0),
            coordinate(bottom + 18.0),
            escape(&french_date(h)),
            x = coordinate(x),
        ));
    }
    out.push_str("</svg>\n</figure>\n");
}

/// One dispositif: its heading with its overlaps as a strip along the axis, its gaps
/// as bands behind its rows, and a row per action.
fn write_group(
    ctx: &Context<'_>,
    scale: &TimeScale,
    group: &DispositifCalendar,
    color: &str,
    actions: &[&CalendarAction],
    top: f64,
    out: &mut Page<'_>,
) {
    let horizon = ctx.diagnosis.calendar.horizon;
    let name = group_name(ctx, group);
    let total = group.actions.len();
    out.push_str(&format!(
        "<g class=\"dispositif\"><text class=\"dispositif\" x=\"0\" y=\"{}\" fill=\"{color}\">{} <tspan class=\"compte\">({})</tspan></text>",
        coordinate(top + 18.0),
        escape(&fit_text(&shorten(&name, 60), 13.0, LABEL_W - 80.0)),
        escape(&count_of(total, "action", "actions")),
    ));
    out.push_str(&format!(
        "<line x1=\"0\" y1=\"{y}\" x2=\"{}\" y2=\"{y}\" stroke=\"#d9dee3\" stroke-width=\"1\"/>",
        coordinate(WIDTH),
        y = coordinate(top + 0.5),
    ));
    let rows_top = top + HEADING_H;
    let rows_bottom = rows_top + actions.len() as f64 * ROW_H;
    for gap in &group.gaps {
        out.push_str(&format!(
            "<rect class=\"creux\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{GAP_COLOR}\"><title>{}</title></rect>",
            coordinate(scale.x(gap.first)),
            coordinate(rows_top),
            coordinate(scale.x_after(gap.last) - scale.x(gap.first)),
            coordinate(rows_bottom - rows_top),
            escape(&format!("{} : aucune action {}", name, period_text(*gap))),
        ));
    }
    for o in &group.overlaps {
        out.push_str(&format!(
            "<rect class=\"chevauchement\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"6\" fill=\"{OVERLAP_COLOR}\"><title>{}</title></rect>",
            coordinate(scale.x(o.period.first)),
            coordinate(top + 12.0),
            coordinate((scale.x_after(o.period.last) - scale.x(o.period.first)).max(2.0)),
            escape(&format!("{} : {}", name, overlap_text(o))),
        ));
    }
    out.push_str("</g>\n");
    for (i, a) in actions.iter().enumerate() {
        let Some(span) = a.span else {
            continue;
        };
        let action = &ctx.territory.actions[a.action];
        let row = rows_top + i as f64 * ROW_H;
        let role = group
            .dispositif
            .map(|_| format!("{} · ", capitalise(role_label(a.role))))
            .unwrap_or_default();
        let tooltip = format!(
            "{} — {}{} — {} — porteurs : {} ; partenaires : {} ; financeurs : {}",
            action.name,
            name,
            group
                .dispositif
                .map(|_| format!(" ({})", role_label(a.role)))
                .unwrap_or_default(),
            dates_text(a, horizon),
            all_actors_text(ctx, &action.lead),
            all_actors_text(ctx, &action.partners),
            all_actors_text(ctx, &action.funders),
        );
        // the dispositif itself goes without saying in its own rows
        let partners: Vec<ActorIx> = action
            .partners
            .iter()
            .copied()
            .filter(|&p| Some(p) != group.dispositif)
            .collect();
        let x = scale.x(span.days.first);
        let width = (scale.x_after(span.days.last) - x).max(5.0);
        let planned = horizon.is_some_and(|h| span.days.first > h);
        let style = if planned {
            format!("fill=\"{color}\" fill-opacity=\"0.3\" stroke=\"{color}\" stroke-width=\"1.5\" stroke-dasharray=\"3 2\"")
        } else {
            format!("fill=\"{color}\"")
        };
        out.push_str(&format!(
            "<g class=\"action\" data-action=\"{}\"><title>{}</title>\
<text class=\"action\" x=\"0\" y=\"{}\">{}</text><text class=\"partenaires\" x=\"0\" y=\"{}\">{}</text>\
<rect class=\"barre\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"16\" rx=\"2\" {style}/>",
            escape(&action.id),
            escape(&tooltip),
            coordinate(row + 14.0),
            escape(&fit_text(&action.name, 12.0, LABEL_W)),
            coordinate(row + 28.0),
            escape(&actors_line(ctx, &role, &partners, 10.5, LABEL_W)),
            coordinate(x),
            coordinate(row + 8.0),
            coordinate(width),
        ));
        if span.open && !planned {
            let end = x + width;
            out.push_str(&format!(
                "<path d=\"M{},{}L{},{}L{},{}Z\" fill=\"{color}\"/><text class=\"en-cours\" x=\"{}\" y=\"{}\">en cours</text>",
                coordinate(end),
                coordinate(row + 5.0),
                coordinate(end + 8.0),
                coordinate(row + 16.0),
                coordinate(end),
                coordinate(row + 27.0),
                coordinate(end + 11.0),
                coordinate(row + 20.0),
            ));
        }
        out.push_str("</g>\n");
    }
}

/// The legend of the drawing.
fn write_legend(out: &mut Page<'_>) {
    let items = [
        (swatch(COLORS[0], COLORS[0], 1.0, false), "action datée (une couleur par dispositif)"),
        (
            swatch("#b3d5e8", COLORS[0], 1.5, true),
            "action prévue après la date d’observation",
        ),
        (
            format!("<svg class=\"pastille\" width=\"22\" height=\"14\" viewBox=\"0 0 22 14\" aria-hidden=\"true\"><rect x=\"1\" y=\"2\" width=\"12\" height=\"10\" fill=\"{}\"/><path d=\"M13,0L21,7L13,14Z\" fill=\"{}\"/></svg>", COLORS[0], COLORS[0]),
            "en cours : sans date de fin, dessinée jusqu’à la date d’observation",
        ),
        (
            swatch(OVERLAP_COLOR, OVERLAP_COLOR, 1.0, false),
            "plusieurs actions du dispositif en même temps",
        ),
        (
            swatch(GAP_COLOR, "#e8b4a8", 1.0, false),
            "un mois ou plus sans action du dispositif",
        ),
    ];
    out.push_str("<ul class=\"legende-calendrier\">\n");
    for (mark, label) in items {
        out.push_str(&format!("<li>{mark}<span>{}</span></li>\n", escape(label)));
    }
    out.push_str("</ul>\n");
}

/// The actions without a start, under the drawing.
fn write_undated(ctx: &Context<'_>, drawn: &Drawn<'_>, out: &mut Page<'_>) {
    let mut listed: Vec<(usize, Vec<String>)> = Vec::new();
    for (g, a) in &drawn.undated {
        if listed.last().map(|(i, _)| *i) != Some(a.action) {
            listed.push((a.action, Vec::new()));
        }
        if let Some((_, groups)) = listed.last_mut() {
            groups.extend(g.dispositif.map(|d| ctx.territory.actor(d).name.clone()));
        }
    }
    if listed.is_empty() {
        return;
    }
    let mut items: Vec<String> = listed
        .iter()
        .map(|(i, groups)| {
            let action = &ctx.territory.actions[*i];
            let mut text = escape(&action.name);
            if !groups.is_empty() {
                text.push_str(&format!(" ({})", escape(&groups.join(", "))));
            }
            if let Some(end) = action.end() {
                text.push_str(&format!(", fin le {}", escape(&french_date(end))));
            }
            text
        })
        .collect();
    if drawn.undated_left_out > 0 {
        items.push(escape(&format!(
            "et {}",
            count_of(drawn.undated_left_out, "autre", "autres")
        )));
    }
    out.push_str(&format!(
        "<p class=\"sans-date\"><strong>Sans date</strong> (non placées sur l’axe, faute de date de début) : {}.</p>\n",
        items.join(" ; ")
    ));
}

/// An overlap in French: "2 actions en même temps du … au …", or with its peak.
fn overlap_text(o: &Overlap) -> String {
    if o.peak == 2 {
        format!("2 actions en même temps {}", period_text(o.period))
    } else {
        format!(
            "2 actions ou plus en même temps {}, jusqu’à {} {}",
            period_text(o.period),
            o.peak,
            period_text(o.peak_period)
        )
    }
}

/// Periods written one after the other, the first [`PERIODS_LISTED`], then how many more.
fn listed(mut items: Vec<String>) -> String {
    let more = items.len().saturating_sub(PERIODS_LISTED);
    items.truncate(PERIODS_LISTED);
    let mut text = match items.len() {
        0 | 1 => items.join(""),
        n => format!("{} et {}", items[..n - 1].join(", "), items[n - 1]),
    };
    if more > 0 {
        text.push_str(&format!(
            " (et {})",
            count_of(more, "autre période", "autres périodes")
        ));
    }
    text
}

/// One sentence per drawn dispositif on its overlaps and its gaps; the dispositifs
/// with neither, and those with no action.
fn write_findings(ctx: &Context<'_>, drawn: &Drawn<'_>, out: &mut Page<'_>) {
    let calendar = &ctx.diagnosis.calendar;
    let mut sentences: Vec<String> = Vec::new();
    let mut quiet: Vec<String> = Vec::new();
    for (g, _, _) in &drawn.groups {
        let Some(d) = g.dispositif else {
            continue;
        };
        let name = ctx.territory.actor(d).name.clone();
        if g.overlaps.is_empty() && g.gaps.is_empty() {
            quiet.push(name);
            continue;
        }
        let mut parts: Vec<String> = Vec::new();
        if !g.overlaps.is_empty() {
            parts.push(listed(g.overlaps.iter().map(overlap_text).collect()));
        }
        if !g.gaps.is_empty() {
            parts.push(format!(
                "aucune action {}",
                listed(g.gaps.iter().map(|p| period_text(*p)).collect())
            ));
        }
        sentences.push(format!(
            "<li><strong>{}</strong> : {}.</li>",
            escape(&name),
            escape(&parts.join(" ; "))
        ));
    }
    if !sentences.is_empty() {
        out.push_str(&format!(
            "<h3>Chevauchements et périodes sans action</h3>\n<ul class=\"constats\">\n{}\n</ul>\n",
            sentences.join("\n")
        ));
    }
    let mut notes: Vec<String> = Vec::new();
    if !quiet.is_empty() {
        notes.push(format!(
            "Jamais deux actions en même temps ni un mois sans action : {}.",
            quiet.join(", ")
        ));
    }
    if !calendar.without_action.is_empty() {
        let mut names: Vec<String> = calendar
            .without_action
            .iter()
            .take(LISTED)
            .map(|&d| ctx.territory.actor(d).name.clone())
            .collect();
        let more = calendar.without_action.len() - names.len();
        if more > 0 {
            names.push(format!("et {}", count_of(more, "autre", "autres")));
        }
        notes.push(format!(
            "Sans action commune déclarée : {}.",
            names.join(", ")
        ));
    }
    notes.push(format!(
        "Une action sans date de fin compte jusqu’à la date d’observation ; une période sans action n’est relevée qu’à partir d’un mois ({} jours), entre la première action du dispositif et la date d’observation.",
        crate::network::CALENDAR_GAP_DAYS
    ));
    for n in notes {
        out.push_str(&note(&escape(&n)));
    }
}

/// The drawn actions (and those without a date) as a table, in a `<details>`.
fn write_actions_table(ctx: &Context<'_>, drawn: &Drawn<'_>, out: &mut Page<'_>) {
    let horizon = ctx.diagnosis.calendar.horizon;
    let mut rows: Vec<Row> = Vec::new();
    let dated = drawn
        .groups
        .iter()
        .flat_map(|(g, _, actions)| actions.iter().map(move |a| (*g, *a)));
    for (g, a) in dated.chain(drawn.undated.iter().copied()) {
        let name = group_name(ctx, g);
        let action = &ctx.territory.actions[a.action];
        let (start, end) = match a.span {
            None => (
                "sans date".to_owned(),
                action.end().map_or("—".to_owned(), french_date),
            ),
            Some(s) if s.open => (
                french_date(s.days.first),
                if horizon.is_some_and(|h| s.days.first > h) {
                    "sans date de fin".to_owned()
                } else {
                    "en cours".to_owned()
                },
            ),
            Some(s) => (french_date(s.days.first), french_date(s.days.last)),
        };
        rows.push(Row::from(vec![
            escape(&name),
            escape(&action.name),
            g.dispositif
                .map_or_else(|| "—".to_owned(), |_| escape(role_label(a.role))),
            escape(&start),
            escape(&end),
            ctx.actors_html(&ids(ctx, &action.lead)),
            ctx.actors_html(&ids(ctx, &action.partners)),
            ctx.actors_html(&ids(ctx, &action.funders)),
        ]));
    }
    if rows.is_empty() {
        return;
    }
    out.push_str("<details>\n<summary>Le calendrier des actions sous forme de tableau</summary>\n");
    write_table(
        out,
        &[
            text_col("Dispositif"),
            text_col("Action"),
            text_col("Rôle du dispositif"),
            text_col("Début"),
            text_col("Fin"),
            text_col("Porteurs"),
            text_col("Partenaires"),
            text_col("Financeurs"),
        ],
        rows,
    );
    out.push_str("\n</details>\n");
}

/// The relations started and ended each year: a bar chart, a sentence on the growth,
/// and the table in a `<details>`.
fn write_ties(ctx: &Context<'_>, years: &[YearTies], out: &mut Page<'_>) {
    if years.is_empty() {
        return;
    }
    out.push_str("<h3>Les relations au fil des années</h3>\n");
    write_ties_chart(ctx, years, out);
    let started: usize = years.iter().map(|y| y.started).sum();
    let ended: usize = years.iter().map(|y| y.ended).sum();
    let horizon = ctx.diagnosis.calendar.horizon;
    let (first, last) = (years[0], years[years.len() - 1]);
    // the last year observed whole
    let full = years
        .iter()
        .rev()
        .find(|y| horizon.is_none_or(|h| h.year() > y.year))
        .copied()
        .unwrap_or(last);
    let mut text = format!(
        "{} entre {} et {}, {}. Relations en vigueur au 31 décembre : {} en {}",
        count_of(started, "relation commencée", "relations commencées"),
        first.year,
        last.year,
        if ended == 0 {
            "aucune terminée".to_owned()
        } else {
            count_of(ended, "terminée", "terminées")
        },
        french_count(first.valid_at_end),
        first.year,
    );
    if full.year != first.year {
        text.push_str(&format!(
            ", {} en {}",
            french_count(full.valid_at_end),
            full.year
        ));
    }
    text.push('.');
    let without = ctx.diagnosis.calendar.relations_without_start;
    if without > 0 {
        text.push_str(&format!(
            " {} sans date de début {} en vigueur depuis toujours.",
            count_of(without, "relation", "relations"),
            if without > 1 {
                "sont comptées"
            } else {
                "est comptée"
            }
        ));
    }
    out.push_str(&note(&escape(&text)));
    out.push_str("<details>\n<summary>Les relations par année sous forme de tableau</summary>\n");
    write_table(
        out,
        &[
            num_col("Année"),
            num_col("Relations commencées"),
            num_col("Relations terminées"),
            num_col("En vigueur au 31 décembre"),
        ],
        years.iter().map(|y| {
            Row::from(vec![
                y.year.to_string(),
                french_count(y.started),
                french_count(y.ended),
                french_count(y.valid_at_end),
            ])
        }),
    );
    out.push_str("\n</details>\n");
}

/// The chart of the relations started (up) and ended (down) each year.
fn write_ties_chart(ctx: &Context<'_>, years: &[YearTies], out: &mut Page<'_>) {
    const W: f64 = 760.0;
    const LEFT: f64 = 20.0;
    const TOP: f64 = 30.0;
    const PLOT: f64 = 150.0;
    const STARTED: &str = "#1b7837";
    const ENDED: &str = "#d7301f";
    let most_started = years.iter().map(|y| y.started).max().unwrap_or(0);
    let most_ended = years.iter().map(|y| y.ended).max().unwrap_or(0);
    let per = PLOT / (most_started + most_ended).max(1) as f64;
    let base = TOP + most_started as f64 * per;
    let column = (W - 2.0 * LEFT) / years.len() as f64;
    let step = [1, 2, 5, 10, 20, 50]
        .into_iter()
        .find(|&s| column * f64::from(s) >= 36.0)
        .unwrap_or(100);
    let height = TOP + PLOT + 44.0;
    let title = "Relations commencées et terminées par année";
    out.push_str(&format!(
        "<figure class=\"calendrier\">\n<svg class=\"liens-annees\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" role=\"img\" aria-label=\"{title}\">\n<title>{title}</title>\n",
        w = coordinate(W),
        h = coordinate(height),
    ));
    if let Some(h) = ctx.diagnosis.calendar.horizon {
        let (first, last) = (years[0].year, years[years.len() - 1].year);
        if (first..=last).contains(&h.year()) {
            let january = Date::new(h.year(), 1, 1).expect("1 January exists");
            let share = (h.day_number() - january.day_number() + 1) as f64 / 365.25;
            let x = LEFT + ((h.year() - first) as f64 + share.min(1.0)) * column;
            let anchor = if x > W - 160.0 { "end" } else { "middle" };
            out.push_str(&format!(
                "<g class=\"observation\"><line x1=\"{x}\" y1=\"{}\" x2=\"{x}\" y2=\"{}\" stroke=\"#1f2933\" stroke-width=\"1.2\" stroke-dasharray=\"5 3\"/>\
<text class=\"note-axe\" x=\"{x}\" y=\"{}\" text-anchor=\"{anchor}\">date d’observation : {}</text></g>\n",
                coordinate(TOP - 16.0),
                coordinate(TOP + PLOT + 14.0),
                coordinate(TOP - 19.0),
                escape(&french_date(h)),
                x = coordinate(x),
            ));
        }
    }
    let bar = (column * 0.7).min(40.0);
    for (i, y) in years.iter().enumerate() {
        let cx = LEFT + (i as f64 + 0.5) * column;
        let tooltip = format!(
            "{} : {} ; {}",
            y.year,
            count_of(y.started, "relation commencée", "relations commencées"),
            count_of(y.ended, "relation terminée", "relations terminées"),
        );
        out.push_str(&format!(
            "<g class=\"annee-liens\"><title>{}</title>",
            escape(&tooltip)
        ));
        if y.started > 0 {
            let h = y.started as f64 * per;
            out.push_str(&format!(
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{STARTED}\"/><text class=\"valeur\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
                coordinate(cx - bar / 2.0),
                coordinate(base - h),
                coordinate(bar),
                coordinate(h),
                coordinate(cx),
                coordinate(base - h - 3.0),
                french_count(y.started),
            ));
        }
        if y.ended > 0 {
            let h = y.ended as f64 * per;
            out.push_str(&format!(
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{ENDED}\"/><text class=\"valeur\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
                coordinate(cx - bar / 2.0),
                coordinate(base),
                coordinate(bar),
                coordinate(h),
                coordinate(cx),
                coordinate(base + h + 11.0),
                french_count(y.ended),
            ));
        }
        // a rectangle the height of the column, so that its title shows anywhere on it
        out.push_str(&format!(
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"transparent\"/>",
            coordinate(cx - column / 2.0),
            coordinate(TOP),
            coordinate(column),
            coordinate(PLOT + 14.0),
        ));
        if y.year % step == 0 {
            out.push_str(&format!(
                "<text class=\"annee\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
                coordinate(cx),
                coordinate(TOP + PLOT + 30.0),
                y.year
            ));
        }
        out.push_str("</g>\n");
    }
    out.push_str(&format!(
        "<line x1=\"{}\" y1=\"{b}\" x2=\"{}\" y2=\"{b}\" stroke=\"#52606d\" stroke-width=\"1\"/>\n",
        coordinate(LEFT),
        coordinate(W - LEFT),
        b = coordinate(base),
    ));
    out.push_str("</svg>\n");
    out.push_str(&format!(
        "<figcaption>{} relations commencées dans l’année (au-dessus de la ligne) {} relations terminées (au-dessous).</figcaption>\n</figure>\n",
        swatch(STARTED, STARTED, 1.0, false),
        swatch(ENDED, ENDED, 1.0, false),
    ));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(first: &str, last: &str) -> Period {
        Period {
            first: first.parse().unwrap(),
            last: last.parse().unwrap(),
        }
    }

    #[test]
    fn writes_periods_as_the_french_say_them() {
        assert_eq!(
            period_text(p("2023-06-10", "2023-06-10")),
            "le 10 juin 2023"
        );
        assert_eq!(
            period_text(p("2023-10-09", "2023-10-22")),
            "du 9 au 22 octobre 2023"
        );
        assert_eq!(
            period_text(p("2023-03-01", "2023-06-30")),
            "du 1er mars au 30 juin 2023"
        );
        assert_eq!(
            period_text(p("2021-10-05", "2024-06-30")),
            "du 5 octobre 2021 au 30 juin 2024"
        );
    }

    #[test]
    fn lists_periods_with_a_last_et() {
        let items = |n: usize| (1..=n).map(|i| i.to_string()).collect::<Vec<_>>();
        assert_eq!(listed(items(1)), "1");
        assert_eq!(listed(items(3)), "1, 2 et 3");
        assert_eq!(listed(items(6)), "1, 2, 3 et 4 (et 2 autres périodes)");
    }
}
