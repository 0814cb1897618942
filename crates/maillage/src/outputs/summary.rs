//! `summary.txt`: the diagnosis in a few screens of text, as `maillage diagnose` prints
//! it: actors and relations, the network's cohesion and the actors that hold it, the
//! dispositifs' articulation, the zones' coverage, the gaps and the most solicited
//! actors.

use crate::diagnosis::Diagnosis;
use crate::gaps::NeedStatus;
use crate::lang::{language, Arg, Lang, Message, Msg};
use crate::model::{AccessMethod, Territory};
use std::fmt::{self, Write};

/// The text summary of a diagnosis, the one `maillage diagnose` prints and writes to
/// `summary.txt`, in the current language ([`crate::lang::language`], French unless
/// chosen otherwise).
///
/// # Example
/// ```
/// # let territory = maillage::bundle::load_bundle("../../data/lyon7".as_ref()).unwrap().territory;
/// let d = maillage::Diagnosis::of(&territory);
/// use maillage::outputs::{OutputFile, OutputOptions};
/// let bytes = OutputFile::SummaryTxt.render(&territory, &d, &OutputOptions::default());
/// let text = String::from_utf8(bytes).unwrap();
/// assert!(text.starts_with("Lyon 7e arrondissement : réseau au 2024-06-30\n"));
/// assert!(text.contains("articulation entre dispositifs :"));
/// ```
pub fn summary_text(territory: &Territory, diagnosis: &Diagnosis) -> String {
    summary_text_in(territory, diagnosis, language())
}

/// [`summary_text`] in a language given explicitly.
///
/// # Example
/// ```
/// # let territory = maillage::bundle::load_bundle("../../data/lyon7".as_ref()).unwrap().territory;
/// use maillage::lang::Lang;
/// use maillage::outputs::summary_text_in;
/// let d = maillage::Diagnosis::of(&territory);
/// let english = summary_text_in(&territory, &d, Lang::En);
/// assert!(english.starts_with("Lyon 7e arrondissement: network on 2024-06-30\n"));
/// assert!(english.contains("articulation between dispositifs:"));
/// ```
pub fn summary_text_in(territory: &Territory, diagnosis: &Diagnosis, lang: Lang) -> String {
    let mut out = Summary {
        text: String::new(),
        lang,
    };
    // Writing to a String cannot fail.
    write_summary(&mut out, territory, diagnosis).expect("write to a string");
    out.text
}

/// The summary being written, and its language.
struct Summary {
    text: String,
    lang: Lang,
}

impl Summary {
    /// One line: a message of the catalogue in the summary's language.
    fn line(&mut self, message: Message) -> fmt::Result {
        writeln!(self.text, "{}", message.render(self.lang))
    }

    /// A word of the catalogue in the summary's language.
    fn word(&self, key: Msg) -> &'static str {
        key.text(self.lang)
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

fn write_summary(out: &mut Summary, t: &Territory, d: &Diagnosis) -> fmt::Result {
    let s = &d.summary;
    let date = s.date.map_or_else(
        || out.word(Msg::SummaryAllDates).to_owned(),
        |d| d.to_string(),
    );
    out.line(crate::msg!(
        SummaryTitle,
        territory = &s.territory,
        date = &date
    ))?;
    out.line(crate::msg!(
        SummaryActors,
        actors = s.actors,
        located = s.located_actors
    ))?;
    for (sector, n) in &s.actors_by_sector {
        let label = t
            .taxonomy
            .sector(sector)
            .map_or(sector.as_str(), |x| x.label.as_str());
        writeln!(out.text, "  {label:<40} {n:>6}")?;
    }
    out.line(crate::msg!(
        SummaryRelations,
        date = &date,
        relations = s.relations,
        total = s.relations_total
    ))?;
    for (kind, n) in &s.relations_by_kind {
        let label = t
            .taxonomy
            .relation_kinds
            .get(kind)
            .map_or(kind.as_str(), |x| x.label.as_str());
        writeln!(out.text, "  {label:<40} {n:>6}")?;
    }
    out.line(crate::msg!(
        SummaryNetwork,
        edges = s.edges,
        density = format!("{:.4}", s.density),
        components = s.components,
        components_s = plural(s.components),
        largest = s.largest_component,
        share = format!("{:.1}", 100.0 * s.largest_component_share),
        isolated = s.isolated_actors,
        isolated_s = plural(s.isolated_actors)
    ))?;
    write_reciprocity(out, d)?;
    write_network(out, t, d)?;
    write_coverage(out, t, d)?;
    write_declared(out, d)?;
    write_road(out, t, d)?;
    write_gaps(out, t, d)?;
    write_absent(out, t, d)?;
    write_solicitation(out, t, d)?;
    write_membership(out, t, d)?;
    write_evolution(out, d)?;
    write_pathways(out, d)?;
    write_two_mode(out, t, d)?;
    Ok(())
}

/// One line when something is missing (docs/analyses.md §5, "Missing sectors and
/// families"): what the territory holds nothing of, the flagged marked `!`, and how
/// many absences the zones have beyond what their population usually holds.
fn write_absent(out: &mut Summary, t: &Territory, d: &Diagnosis) -> fmt::Result {
    use crate::gaps::Scope;
    let absent = &d.gaps.absent;
    if absent.is_empty() {
        return Ok(());
    }
    let territory: Vec<String> = absent
        .iter()
        .filter(|a| a.scope == Scope::Territory)
        .map(|a| {
            let flag = if a.flagged { " (!)" } else { "" };
            format!("{}{flag}", a.missing.label(t))
        })
        .collect();
    let zones = absent
        .iter()
        .filter(|a| a.scope != Scope::Territory)
        .count();
    out.line(crate::msg!(
        SummaryAbsent,
        absent = if territory.is_empty() {
            "—".to_owned()
        } else {
            territory.join(", ")
        },
        zones = zones,
        zones_s = plural(zones)
    ))
}

/// One line: each dispositif's members among the actors of its territory, and on the
/// `since` date when one was given (docs/analyses.md §5, "Membership and reach").
fn write_membership(out: &mut Summary, t: &Territory, d: &Diagnosis) -> fmt::Result {
    let parts: Vec<String> = d
        .dispositif_reach
        .iter()
        .filter(|m| !m.eligible.is_empty())
        .map(|m| {
            let reached = m.direct.len() + m.through_structures.len();
            let mut part = format!(
                "{} {reached}/{} ({:.1} %)",
                t.actor(m.dispositif).id,
                m.eligible.len(),
                100.0 * m.rate().unwrap_or(0.0)
            );
            if let Some(then) = &m.reached_since {
                part.push_str(&format!(" [{}]", then.len()));
            }
            part
        })
        .collect();
    if parts.is_empty() {
        return Ok(());
    }
    let since = d.since.map(|s| s.to_string()).unwrap_or_default();
    out.line(crate::msg!(
        SummaryMembership,
        list = parts.join(", "),
        since = if since.is_empty() {
            String::new()
        } else {
            crate::msg!(SummaryMembershipSince, date = since).render(out.lang)
        }
    ))
}

/// One line when a `since` date was given (docs/analyses.md §4, "Before and after"):
/// the ties created and lost, density, E-I index and articulated pairs then and now,
/// joint actions started and ended, needs covered since.
fn write_evolution(out: &mut Summary, d: &Diagnosis) -> fmt::Result {
    let Some(e) = &d.evolution else {
        return Ok(());
    };
    let c = &e.comparison;
    let ei = |x: Option<f64>| x.map_or_else(|| "—".to_owned(), |v| format!("{v:.3}"));
    let covered = d.needs_since.as_ref().map_or(0, |then| {
        then.iter()
            .zip(&d.gaps.needs)
            .filter(|(x, y)| {
                !matches!(x.status, NeedStatus::Covered) && matches!(y.status, NeedStatus::Covered)
            })
            .count()
    });
    out.line(crate::msg!(
        SummaryEvolution,
        since = c.before.date.to_string(),
        gained = c.gained.len(),
        cross = c.gained_cross_group,
        lost = c.lost.len(),
        density_then = format!("{:.4}", c.before.density),
        density_now = format!("{:.4}", c.after.density),
        ei_then = ei(c.before.ei_index),
        ei_now = ei(c.after.ei_index),
        pairs_then = e.dispositif_pairs.iter().filter(|p| p.before).count(),
        pairs_now = e.dispositif_pairs.iter().filter(|p| p.after).count(),
        started = e.actions_started.len(),
        ended = e.actions_ended.len(),
        covered = covered
    ))
}

/// One line per referral pathway: how many of its entry points reach specialised care
/// (docs/analyses.md §5, "Referral pathways").
fn write_pathways(out: &mut Summary, d: &Diagnosis) -> fmt::Result {
    for p in &d.pathways {
        let entries = p.entries.len();
        if entries == 0 {
            continue;
        }
        let reaching = p.entries.iter().filter(|e| !e.reached.is_empty()).count();
        out.line(crate::msg!(
            SummaryPathway,
            pathway = &p.definition.name,
            reaching = reaching,
            entries = entries,
            entries_s = plural(entries)
        ))?;
    }
    Ok(())
}

/// How many pairs of structures and dispositifs the summary names.
const OVERLAP_NAMED: usize = 5;

/// Three lines on what dispositifs and structures have in common (docs/analyses.md §5):
/// the pairs of dispositifs with a shared theme, the structures whose members are
/// mostly a dispositif's (the first of them), and the two-mode view.
fn write_two_mode(out: &mut Summary, t: &Territory, d: &Diagnosis) -> fmt::Result {
    let with = d
        .shared_themes
        .iter()
        .filter(|p| !p.themes.is_empty())
        .count();
    out.line(crate::msg!(
        SummarySharedThemes,
        pairs = with,
        pairs_s = plural(with),
        total = d.shared_themes.len()
    ))?;
    let mut mostly: Vec<_> = d
        .overlap
        .iter()
        .filter(|o| o.structure_share >= 0.5)
        .collect();
    mostly.sort_by(|x, y| y.dispositif_share.total_cmp(&x.dispositif_share));
    let mut structures: Vec<&str> = mostly.iter().map(|o| o.structure.as_str()).collect();
    structures.sort_unstable();
    structures.dedup();
    out.line(crate::msg!(
        SummaryOverlap,
        count = structures.len(),
        count_s = plural(structures.len())
    ))?;
    let name = |id: &str| {
        t.actor_with_id(id)
            .map_or_else(|| id.to_owned(), |a| a.name.clone())
    };
    for o in mostly.iter().take(OVERLAP_NAMED) {
        out.line(crate::msg!(
            SummaryOverlapPair,
            structure = name(&o.structure),
            dispositif = name(&o.dispositif),
            structure_share = format!("{:.0}", 100.0 * o.structure_share),
            dispositif_share = format!("{:.0}", 100.0 * o.dispositif_share)
        ))?;
    }
    let a = &d.affiliation;
    out.line(crate::msg!(
        SummaryAffiliation,
        actors = a.actors,
        actions = a.actions,
        dispositifs = a.dispositifs,
        ties = a.action_ties + a.dispositif_ties,
        pairs = a.pairs,
        without = a.pairs_without_relation
    ))
}

/// One line when a survey brought ties: how many both sides named (docs/analyses.md,
/// "Confirmed ties and reciprocity").
fn write_reciprocity(out: &mut Summary, d: &Diagnosis) -> fmt::Result {
    let Some(r) = d.summary.reciprocity else {
        return Ok(());
    };
    out.line(crate::msg!(
        SummaryReciprocity,
        both = r.named_by_both,
        ties = r.ties,
        rate = format!("{:.1}", 100.0 * r.rate()),
        one_side = r.ties - r.named_by_both
    ))
}

/// How many of the most solicited actors the summary names.
const SOLICITED_NAMED: usize = 5;

/// One line: how many actors reach the solicitation threshold, and the first of them.
fn write_solicitation(out: &mut Summary, t: &Territory, d: &Diagnosis) -> fmt::Result {
    let load = &d.solicitation;
    let most = &load.most_solicited;
    let lang = out.lang;
    let out = &mut out.text;
    out.push_str(
        &crate::msg!(
            SummarySolicited,
            threshold = load.threshold,
            count = most.len(),
            count_s = plural(most.len())
        )
        .render(lang),
    );
    let named: Vec<String> = most
        .iter()
        .take(SOLICITED_NAMED)
        .filter_map(|id| t.actor_by_id(id))
        .map(|a| &load.actors[a.index()])
        .map(|a| format!("{} ({}) {}", a.name, a.id, a.solicitation))
        .collect();
    if !named.is_empty() {
        write!(out, "{}{}", Msg::Colon.text(lang), named.join(", "))?;
        if most.len() > SOLICITED_NAMED {
            out.push_str(", …");
        }
    }
    out.push('\n');
    Ok(())
}

fn kind_label<'a>(t: &'a Territory, kind: &'a str) -> &'a str {
    t.taxonomy.kind(kind).map_or(kind, |k| k.label.as_str())
}

fn write_coverage(out: &mut Summary, t: &Territory, d: &Diagnosis) -> fmt::Result {
    let c = &d.coverage;
    let required = &c.required;
    out.line(crate::msg!(
        SummaryCoverage,
        layer = &c.layer,
        method = AccessMethod::NAMES
            .iter()
            .find(|(_, m)| *m == c.access_method)
            .map_or("2sfca", |(n, _)| n)
            .to_uppercase(),
        catchment = c.catchment_m
    ))?;
    let mut header = format!(
        "  {:<28} {:>8} {:>6}",
        out.word(Msg::SummaryZone),
        out.word(Msg::SummaryPopulation),
        out.word(Msg::SummaryActorsColumn)
    );
    for k in required {
        header.push_str(&format!(" {:>14}", truncate(kind_label(t, k), 14)));
    }
    writeln!(out.text, "{header}")?;
    for z in &c.zones {
        let mut line = format!(
            "  {:<28} {:>8} {:>6}",
            truncate(&z.name, 28),
            format!("{}", z.population.round()),
            z.actors
        );
        for k in required {
            let n = z.count_by_kind.get(k).copied().unwrap_or(0);
            let access = z.access.get(k).copied().unwrap_or(0.0);
            line.push_str(&format!(" {:>14}", format!("{n} · {access:.1}")));
        }
        if z.priority {
            line.push_str("  ");
            line.push_str(out.word(Msg::SummaryPriority));
        }
        writeln!(out.text, "{line}")?;
    }
    let cmp = &c.comparison;
    if cmp.priority_zones > 0 && cmp.other_zones > 0 {
        out.line(crate::msg!(
            SummaryPriorityVersusElsewhere,
            priority_zones = cmp.priority_zones,
            priority_population = cmp.priority_population.round(),
            other_zones = cmp.other_zones,
            other_population = cmp.other_population.round()
        ))?;
        for i in cmp
            .indicators
            .iter()
            .filter(|i| i.indicator.starts_with("access"))
        {
            let show = |x: Option<f64>| x.map_or_else(|| "—".to_owned(), |v| format!("{v:.2}"));
            writeln!(
                out.text,
                "  {:<40} {:>8} {:>8}",
                i.indicator,
                show(i.priority),
                show(i.other)
            )?;
        }
    }
    for note in &c.notes {
        out.line(crate::msg!(SummaryNote, note = note))?;
    }
    Ok(())
}

/// One line per declared indicator of the coverage layer (docs/analyses.md §2,
/// "Declared zone indicators"): its means over priority zones and the others, and the
/// worst-off zone.
fn write_declared(out: &mut Summary, d: &Diagnosis) -> fmt::Result {
    let show = |x: Option<f64>| x.map_or_else(|| "—".to_owned(), |v| format!("{v:.2}"));
    for i in &d.coverage.declared {
        let c = &i.comparison;
        let label = match &i.unit {
            Some(u) => format!("{} ({u})", i.label),
            None => i.label.clone(),
        };
        out.line(crate::msg!(
            SummaryIndicator,
            label = label,
            better = out.word(match i.better {
                crate::model::Better::Lower => Msg::ReportIndicatorsBetterLower,
                crate::model::Better::Higher => Msg::ReportIndicatorsBetterHigher,
            }),
            priority = show(c.priority),
            other = show(c.other),
            with_value = c.priority_with_value + c.other_with_value,
            zones = d.coverage.zones.len(),
            worst = i
                .ranking
                .first()
                .map_or_else(|| "—".to_owned(), |r| format!("{} ({})", r.name, r.value))
        ))?;
    }
    Ok(())
}

/// With a cost table, one line per required kind: the worst served zones by road and by
/// straight line (docs/analyses.md §2, "With a cost table"), and how many change.
fn write_road(out: &mut Summary, t: &Territory, d: &Diagnosis) -> fmt::Result {
    let Some(road) = &d.coverage.road_comparison else {
        return Ok(());
    };
    for k in &road.kinds {
        out.line(crate::msg!(
            SummaryRoad,
            kind = kind_label(t, &k.kind),
            worst = road.worst,
            road = k.worst_by_road.join(", "),
            line = k.worst_by_straight_line.join(", "),
            changed = k.only_by_road.len()
        ))?;
    }
    Ok(())
}

fn write_gaps(out: &mut Summary, t: &Territory, d: &Diagnosis) -> fmt::Result {
    let g = &d.gaps;
    let out_of_reach = g
        .service
        .iter()
        .filter(|s| s.gap.as_str() == "out_of_reach")
        .count();
    out.line(crate::msg!(
        SummaryGaps,
        service = g.service.len(),
        out_of_reach = out_of_reach,
        uncovered = g
            .needs
            .iter()
            .filter(|n| matches!(n.status, NeedStatus::Uncovered))
            .count(),
        needs = g.needs.len(),
        groups = g.groups.len(),
        isolated = g.isolated_actors.len(),
        unarticulated = g.unarticulated_dispositifs.len()
    ))?;
    let raised = g.needs.iter().filter(|n| n.raised).count();
    if raised > 0 {
        out.line(crate::msg!(SummaryNeedsRaised, raised = raised))?;
    }
    for n in g
        .needs
        .iter()
        .filter(|n| !matches!(n.status, NeedStatus::Covered))
    {
        let status = match n.status {
            NeedStatus::Uncovered => Msg::SummaryNeedUncovered,
            _ => Msg::SummaryNeedNoJointAction,
        };
        out.line(crate::msg!(
            SummaryNeed,
            theme = format!("{:<28}", truncate(&n.theme, 28)),
            zone = format!("{:<28}", truncate(&n.zone_name, 28)),
            status = Message::new(status)
        ))?;
    }
    let name = |id: &str| {
        t.actor_with_id(id)
            .map_or_else(|| id.to_owned(), |a| a.name.clone())
    };
    if !g.suggested_links.is_empty() {
        out.line(Msg::SummarySuggestedLinks.into())?;
        let colon = out.word(Msg::Colon);
        for l in g.suggested_links.iter().take(5) {
            writeln!(
                out.text,
                "  {} – {} ({:.2}{colon}{})",
                name(&l.a),
                name(&l.b),
                l.score,
                l.shared_themes.join(", ")
            )?;
        }
    }
    Ok(())
}

/// At most `n` characters, with an ellipsis when cut.
fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_owned()
    } else {
        let mut t: String = s.chars().take(n - 1).collect();
        t.push('…');
        t
    }
}

fn write_network(out: &mut Summary, t: &Territory, d: &Diagnosis) -> fmt::Result {
    let r = &d.network;
    let label = |id: &str| {
        t.actor_with_id(id)
            .map_or_else(|| id.to_owned(), |a| format!("{} ({id})", a.name))
    };
    out.line(match r.ei_index {
        Some(ei) => crate::msg!(
            SummaryEiIndex,
            partition = &r.partition,
            ei = format!("{ei:+.3}")
        ),
        None => crate::msg!(SummaryEiIndexNoTie, partition = &r.partition),
    })?;
    for g in &r.groups {
        let ei = g
            .ei_index
            .map_or_else(|| "—".to_owned(), |x| format!("{x:+.3}"));
        out.line(crate::msg!(
            SummaryGroup,
            group = format!("{:<40}", t.group_label(&r.partition, &g.group)),
            ei = format!("{ei:>7}"),
            inside = format!("{:>4}", g.internal_edges),
            outside = format!("{:>4}", g.external_edges)
        ))?;
    }
    let mut by_betweenness: Vec<_> = r.actor_metrics.iter().collect();
    by_betweenness.sort_by(|a, b| {
        b.betweenness
            .total_cmp(&a.betweenness)
            .then(a.id.cmp(&b.id))
    });
    // closeness is exact unless the network is above the exact size: said only then,
    // so that the summaries of exact networks read as they always did
    if r.closeness != "exact" {
        out.line(crate::msg!(SummaryCloseness, method = &r.closeness))?;
    }
    out.line(crate::msg!(SummaryHoldingActors, method = &r.betweenness))?;
    for a in by_betweenness.iter().take(5) {
        let cut_off = if a.articulation_point {
            crate::msg!(SummaryWouldCutOff, count = a.fragility).render(out.lang)
        } else {
            String::new()
        };
        writeln!(
            out.text,
            "  {:<60} {:.3}{cut_off}",
            label(&a.id),
            a.betweenness,
        )?;
    }
    out.line(crate::msg!(
        SummaryArticulationPoints,
        points = r.articulation_points.len(),
        bridges = r.bridges.len(),
        count = r.key_players.actors.len(),
        actors = r
            .key_players
            .actors
            .iter()
            .map(|a| label(a))
            .collect::<Vec<_>>()
            .join(", "),
        before = format!("{:.3}", r.key_players.fragmentation_before),
        after = format!("{:.3}", r.key_players.fragmentation_after)
    ))?;
    out.line(crate::msg!(
        SummaryCommunities,
        count = r.communities.len(),
        modularity = format!("{:.3}", r.modularity)
    ))?;
    if !r.dispositifs.is_empty() {
        out.line(Msg::SummaryDispositifsTitle.into())?;
        for p in &r.dispositifs {
            let bridging: Vec<String> =
                p.bridging_actors.iter().take(4).map(|a| label(a)).collect();
            out.line(crate::msg!(
                SummaryDispositifPair,
                a = label(&p.a),
                b = label(&p.b),
                status = Message::new(if p.articulated {
                    Msg::SummaryArticulated
                } else {
                    Msg::SummaryNotArticulated
                }),
                shared = p.shared_members.len(),
                cross = p.cross_ties.len(),
                joint = p.joint_actions.len(),
                bridged = if bridging.is_empty() {
                    Arg::text("")
                } else {
                    crate::msg!(SummaryBridgedBy, actors = bridging.join(", ")).into()
                }
            ))?;
        }
    }
    for note in &r.notes {
        out.line(crate::msg!(SummaryNote, note = note))?;
    }
    Ok(())
}
