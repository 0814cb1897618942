//! `summary.txt`: the diagnosis in a few screens of text, as `maillage diagnose` prints
//! it: actors and relations, the network's cohesion and the actors that hold it, the
//! dispositifs' articulation, the zones' coverage, the gaps and the most solicited
//! actors.

use crate::diagnosis::Diagnosis;
use crate::gaps::NeedStatus;
use crate::model::{AccessMethod, Territory};
use std::fmt::{self, Write};

/// The text summary of a diagnosis, the one `maillage diagnose` prints and writes to
/// `summary.txt`.
///
/// # Example
/// ```
/// # let territory = maillage::bundle::load_bundle("../../data/lyon7".as_ref()).unwrap().territory;
/// let d = maillage::Diagnosis::of(&territory);
/// use maillage::outputs::{OutputFile, OutputOptions};
/// let bytes = OutputFile::SummaryTxt.render(&territory, &d, &OutputOptions::default());
/// let text = String::from_utf8(bytes).unwrap();
/// assert!(text.starts_with("Lyon 7e arrondissement: network on 2024-06-30\n"));
/// assert!(text.contains("articulation between dispositifs:"));
/// ```
pub fn summary_text(territory: &Territory, diagnosis: &Diagnosis) -> String {
    let mut out = String::new();
    // Writing to a String cannot fail.
    write_summary(&mut out, territory, diagnosis).expect("write to a string");
    out
}

fn write_summary(out: &mut String, t: &Territory, d: &Diagnosis) -> fmt::Result {
    let s = &d.summary;
    let date = s
        .date
        .map_or_else(|| "all dates".to_owned(), |d| d.to_string());
    writeln!(out, "{}: network on {date}", s.territory)?;
    writeln!(out, "actors: {} ({} located)", s.actors, s.located_actors)?;
    for (sector, n) in &s.actors_by_sector {
        let label = t
            .taxonomy
            .sector(sector)
            .map_or(sector.as_str(), |x| x.label.as_str());
        writeln!(out, "  {label:<40} {n:>6}")?;
    }
    writeln!(
        out,
        "relations valid on {date}: {} of {}",
        s.relations, s.relations_total
    )?;
    for (kind, n) in &s.relations_by_kind {
        let label = t
            .taxonomy
            .relation_kinds
            .get(kind)
            .map_or(kind.as_str(), |x| x.label.as_str());
        writeln!(out, "  {label:<40} {n:>6}")?;
    }
    writeln!(out,
        "network: {} ties between actors, density {:.4}, {} component{} (largest {} actors, {:.1} %), {} isolated actor{}",
        s.edges,
        s.density,
        s.components,
        if s.components == 1 { "" } else { "s" },
        s.largest_component,
        100.0 * s.largest_component_share,
        s.isolated_actors,
        if s.isolated_actors == 1 { "" } else { "s" }
    )?;
    write_reciprocity(out, d)?;
    write_network(out, t, d)?;
    write_coverage(out, t, d)?;
    write_gaps(out, t, d)?;
    write_solicitation(out, t, d)?;
    Ok(())
}

/// One line, in French, when a survey brought ties: how many both sides named
/// (docs/analyses.md, "Confirmed ties and reciprocity").
fn write_reciprocity(out: &mut String, d: &Diagnosis) -> fmt::Result {
    let Some(r) = d.summary.reciprocity else {
        return Ok(());
    };
    writeln!(
        out,
        "réciprocité des liens issus de l'enquête : {} sur {} nommés par les deux parties ({:.1} %), {} d'un seul côté",
        r.named_by_both,
        r.ties,
        100.0 * r.rate(),
        r.ties - r.named_by_both
    )
}

/// How many of the most solicited actors the summary names.
const SOLICITED_NAMED: usize = 5;

/// One line: how many actors reach the solicitation threshold, and the first of them.
fn write_solicitation(out: &mut String, t: &Territory, d: &Diagnosis) -> fmt::Result {
    let load = &d.solicitation;
    let most = &load.most_solicited;
    write!(
        out,
        "over-solicited (dispositifs, working groups, other instances, joint actions led and joined: {} or more): {} actor{}",
        load.threshold,
        most.len(),
        if most.len() == 1 { "" } else { "s" }
    )?;
    let named: Vec<String> = most
        .iter()
        .take(SOLICITED_NAMED)
        .filter_map(|id| t.actor_by_id(id))
        .map(|a| &load.actors[a.index()])
        .map(|a| format!("{} ({}) {}", a.name, a.id, a.solicitation))
        .collect();
    if !named.is_empty() {
        write!(out, ": {}", named.join(", "))?;
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

fn write_coverage(out: &mut String, t: &Territory, d: &Diagnosis) -> fmt::Result {
    let c = &d.coverage;
    let required = &c.required;
    writeln!(
        out,
        "coverage of layer {} (access: {} per 10,000 inhabitants within {} m):",
        c.layer,
        AccessMethod::NAMES
            .iter()
            .find(|(_, m)| *m == c.access_method)
            .map_or("2sfca", |(n, _)| n)
            .to_uppercase(),
        c.catchment_m
    )?;
    let mut header = format!("  {:<28} {:>8} {:>6}", "zone", "pop.", "actors");
    for k in required {
        header.push_str(&format!(" {:>14}", truncate(kind_label(t, k), 14)));
    }
    writeln!(out, "{header}")?;
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
            line.push_str("  priority");
        }
        writeln!(out, "{line}")?;
    }
    let cmp = &c.comparison;
    if cmp.priority_zones > 0 && cmp.other_zones > 0 {
        writeln!(
            out,
            "priority zones ({}, {} inh.) versus elsewhere ({}, {} inh.), population-weighted:",
            cmp.priority_zones,
            cmp.priority_population.round(),
            cmp.other_zones,
            cmp.other_population.round()
        )?;
        for i in cmp
            .indicators
            .iter()
            .filter(|i| i.indicator.starts_with("access"))
        {
            let show = |x: Option<f64>| x.map_or_else(|| "—".to_owned(), |v| format!("{v:.2}"));
            writeln!(
                out,
                "  {:<40} {:>8} {:>8}",
                i.indicator,
                show(i.priority),
                show(i.other)
            )?;
        }
    }
    for note in &c.notes {
        writeln!(out, "note: {note}")?;
    }
    Ok(())
}

fn write_gaps(out: &mut String, t: &Territory, d: &Diagnosis) -> fmt::Result {
    let g = &d.gaps;
    let out_of_reach = g
        .service
        .iter()
        .filter(|s| s.gap.as_str() == "out_of_reach")
        .count();
    writeln!(out,
        "gaps: {} service gaps ({} out of reach), {} of {} needs uncovered, {} pairs of groups without a tie, {} isolated actors, {} unarticulated pairs of dispositifs",
        g.service.len(),
        out_of_reach,
        g.needs.iter().filter(|n| matches!(n.status, NeedStatus::Uncovered)).count(),
        g.needs.len(),
        g.groups.len(),
        g.isolated_actors.len(),
        g.unarticulated_dispositifs.len()
    )?;
    for n in g
        .needs
        .iter()
        .filter(|n| !matches!(n.status, NeedStatus::Covered))
    {
        let status = match n.status {
            NeedStatus::Uncovered => "uncovered",
            _ => "no joint action",
        };
        writeln!(
            out,
            "  need {:<28} in {:<28} {status}",
            truncate(&n.theme, 28),
            truncate(&n.zone_name, 28)
        )?;
    }
    let name = |id: &str| {
        t.actor_with_id(id)
            .map_or_else(|| id.to_owned(), |a| a.name.clone())
    };
    if !g.suggested_links.is_empty() {
        writeln!(out, "suggested links (who should meet whom):")?;
        for l in g.suggested_links.iter().take(5) {
            writeln!(
                out,
                "  {} – {} ({:.2}: {})",
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

fn write_network(out: &mut String, t: &Territory, d: &Diagnosis) -> fmt::Result {
    let r = &d.network;
    let label = |id: &str| {
        t.actor_with_id(id)
            .map_or_else(|| id.to_owned(), |a| format!("{} ({id})", a.name))
    };
    match r.ei_index {
        Some(ei) => writeln!(
            out,
            "E-I index by {}: {ei:+.3} (−1: ties stay inside groups, +1: every tie crosses)",
            r.partition
        )?,
        None => writeln!(out, "E-I index by {}: no tie", r.partition)?,
    }
    for g in &r.groups {
        let ei = g
            .ei_index
            .map_or_else(|| "—".to_owned(), |x| format!("{x:+.3}"));
        writeln!(
            out,
            "  {:<40} E-I {ei:>7}  inside {:>4}  outside {:>4}",
            t.group_label(&r.partition, &g.group),
            g.internal_edges,
            g.external_edges
        )?;
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
        writeln!(out, "closeness: {}", r.closeness)?;
    }
    writeln!(
        out,
        "actors holding the network together (betweenness, {}):",
        r.betweenness
    )?;
    for a in by_betweenness.iter().take(5) {
        writeln!(
            out,
            "  {:<60} {:.3}{}",
            label(&a.id),
            a.betweenness,
            if a.articulation_point {
                format!("  would cut off {} actors", a.fragility)
            } else {
                String::new()
            }
        )?;
    }
    writeln!(out,
        "{} articulation points, {} bridges; the {} departures that would hurt most: {} (fragmentation {:.3} → {:.3})",
        r.articulation_points.len(),
        r.bridges.len(),
        r.key_players.actors.len(),
        r.key_players.actors.iter().map(|a| label(a)).collect::<Vec<_>>().join(", "),
        r.key_players.fragmentation_before,
        r.key_players.fragmentation_after
    )?;
    writeln!(
        out,
        "{} Louvain communities, modularity {:.3}",
        r.communities.len(),
        r.modularity
    )?;
    if !r.dispositifs.is_empty() {
        writeln!(out, "articulation between dispositifs:")?;
        for p in &r.dispositifs {
            let bridging: Vec<String> =
                p.bridging_actors.iter().take(4).map(|a| label(a)).collect();
            writeln!(
                out,
                "  {} – {}: {}; {} shared members, {} cross ties, {} joint actions{}",
                label(&p.a),
                label(&p.b),
                if p.articulated {
                    "articulated"
                } else {
                    "NOT articulated"
                },
                p.shared_members.len(),
                p.cross_ties.len(),
                p.joint_actions.len(),
                if bridging.is_empty() {
                    String::new()
                } else {
                    format!("; bridged by {}", bridging.join(", "))
                }
            )?;
        }
    }
    for note in &r.notes {
        writeln!(out, "note: {note}")?;
    }
    Ok(())
}
