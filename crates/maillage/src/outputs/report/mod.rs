//! The steering-committee report (docs/outputs.md "Report"): one self-contained HTML5
//! page, in French, that opens offline in any browser and prints on A4.
//!
//! The page holds the territory's key figures, a map per chosen zone indicator and the
//! network diagram (both inline SVG, on the same equirectangular projection), and the
//! tables a coordinator brings to a steering committee: who holds the network together,
//! the articulation points and key players, the articulation between dispositifs, the
//! most solicited partners, the zones, the gaps and suggested links, and priority zones
//! against the others; and the calendar of the joint actions and relations, on a time
//! axis.
//!
//! Nothing is fetched: one small inline script of our own (`explore.js`: the directory
//! searched, the figures zoomed, a card per zone and actor), no web font, no image by
//! URL, styles inline; the same
//! diagnosis gives the same bytes (no timestamp). Every user text goes through
//! [`escape`], every number through [`french_number`].
//!
//! Privacy (docs/outputs.md "Privacy"): an actor of family `professional` (one person)
//! is never drawn nor named unless [`OutputOptions::include_individuals`]; such actors
//! are counted in their zone (zone table) and, in the tables, written as their kind
//! ("Orthophoniste (professionnel·le)").
//!
//! # Adding a section
//! Each section is a function `fn(&Context) -> Option<Section>` reading the
//! [`Diagnosis`]; `SECTIONS` lists them in page order. A new result of the diagnosis
//! gets its section by writing such a function (in its own file when it is a new
//! concept) and adding it to the list. A section gives its title at once and its body
//! either made (a `String`) or as a function that writes it into the page when its
//! turn comes: the page is written as it is made, and a section that grows with the
//! territory (a map of fifty thousand zones, a network of a million ties) is never
//! held whole.

mod directory;
mod evolution;
mod explore;
mod gaps;
pub(crate) mod html;
mod indicators;
mod map;
mod membership;
mod network_diagram;
mod pathways;
mod road;
mod sections;
mod solicitation;
mod svg;
pub(crate) mod text;
mod timeline;
mod twomode;

pub(crate) use text::escape;

use crate::model::{Actor, Territory};
use crate::network::analysis::ActorMetrics;
use crate::outputs::{OutputOptions, Suppression};
use crate::Diagnosis;
use std::collections::HashMap;
use std::io::{self, Write};

/// How many actors the "who holds the network together" table and the numbered
/// markers of the network diagram show.
pub const HOLDERS: usize = 10;

/// How many actors a table cell names before "et N autres".
pub const LISTED: usize = 6;

/// Above this many actors the report summarises, so that a national territory still
/// opens in a browser (docs/outputs.md, "A report at national size"): the network
/// diagram links sectors rather than actors, each table shows its first
/// [`NATIONAL_TABLE_ROWS`] rows and the directory its first
/// [`NATIONAL_DIRECTORY_ROWS`], the map leaves out its per-zone cards and tooltips;
/// the page says so, and the CSV tables and the workbook hold every row.
pub const NATIONAL_FROM_ACTORS: usize = 5_000;
/// The rows of a table in a report at national size.
pub const NATIONAL_TABLE_ROWS: usize = 100;
/// The rows of the directory in a report at national size.
pub const NATIONAL_DIRECTORY_ROWS: usize = 2_000;

/// Writes the report ([`report_html`]) to `out` as it is made: the titles of the
/// sections first (for the table of contents), then each section's body in turn,
/// written piece by piece, so that the page is never held whole.
pub(crate) fn write_report_html<W: Write>(
    territory: &Territory,
    diagnosis: &Diagnosis,
    options: &OutputOptions,
    out: &mut W,
) -> io::Result<()> {
    let context = Context::new(territory, diagnosis, options);
    let sections: Vec<Section<'_>> = SECTIONS.iter().filter_map(|s| s(&context)).collect();
    let mut page = html::Page::new(out);
    if context.national() {
        page.cap_rows(NATIONAL_TABLE_ROWS);
    }
    html::page(&context, sections, &mut page);
    page.finish()
}

/// One section of the page: its anchor and title, known first for the table of
/// contents, and its body, written after.
pub(crate) struct Section<'c> {
    /// Anchor of the section (ASCII, unique in the page).
    pub id: &'static str,
    /// Its French title.
    pub title: String,
    /// Its HTML body, every user text escaped.
    pub body: Body<'c>,
}

/// The body of a section: made already (the small ones), or made as it is written
/// (those that grow with the territory: maps, network, long tables).
pub(crate) enum Body<'c> {
    /// The body's HTML.
    Html(String),
    /// Writes the body's HTML into the page.
    Write(Box<dyn FnOnce(&mut html::Page<'_>) + 'c>),
}

impl From<String> for Body<'_> {
    fn from(html: String) -> Self {
        Body::Html(html)
    }
}

impl<'c> Section<'c> {
    /// A section whose body `write` writes from the context when its turn comes.
    pub fn written<'t>(
        id: &'static str,
        title: &str,
        ctx: &'c Context<'t>,
        write: fn(&Context<'t>, &mut html::Page<'_>),
    ) -> Self {
        Section {
            id,
            title: title.to_owned(),
            body: Body::write(move |out| write(ctx, out)),
        }
    }
}

impl<'c> Body<'c> {
    /// A body written when its turn comes.
    pub fn write(write: impl FnOnce(&mut html::Page<'_>) + 'c) -> Self {
        Body::Write(Box::new(write))
    }
}

/// A section of the report: `None` leaves it out (nothing to show).
pub(crate) type SectionFn = for<'c, 't> fn(&'c Context<'t>) -> Option<Section<'c>>;

/// The sections of the report, in page order.
pub(crate) const SECTIONS: &[SectionFn] = &[
    sections::key_figures,
    map::zone_maps,
    network_diagram::network_diagram,
    sections::holders,
    sections::sectors,
    sections::articulation_points,
    sections::key_players,
    sections::dispositifs,
    evolution::evolution,
    timeline::timeline,
    membership::membership,
    solicitation::solicitation,
    pathways::pathways,
    twomode::shared_themes,
    twomode::overlap,
    twomode::affiliation,
    gaps::service_gaps,
    gaps::absent_groups,
    gaps::needs,
    gaps::suggested_links,
    gaps::network_gaps,
    gaps::priority_comparison,
    indicators::indicators,
    road::road_access,
    sections::zones,
    directory::directory,
    sections::method,
];

/// What every section reads: the territory, its diagnosis and the options, with the
/// look-ups sections share.
pub(crate) struct Context<'a> {
    /// The territory.
    pub territory: &'a Territory,
    /// Its diagnosis.
    pub diagnosis: &'a Diagnosis,
    /// The report's options.
    pub options: &'a OutputOptions,
    /// The zone counts suppressed for confidentiality.
    pub suppression: Suppression,
    metrics: HashMap<&'a str, &'a ActorMetrics>,
}

impl<'a> Context<'a> {
    /// The context of a report.
    pub fn new(
        territory: &'a Territory,
        diagnosis: &'a Diagnosis,
        options: &'a OutputOptions,
    ) -> Self {
        let metrics = diagnosis
            .network
            .actor_metrics
            .iter()
            .map(|m| (m.id.as_str(), m))
            .collect();
        Self {
            territory,
            diagnosis,
            options,
            suppression: Suppression::of(territory, diagnosis, options.min_count),
            metrics,
        }
    }

    /// Whether the territory is large enough for the report to summarise
    /// ([`NATIONAL_FROM_ACTORS`]).
    pub fn national(&self) -> bool {
        self.territory.actors.len() > NATIONAL_FROM_ACTORS
    }

    /// The names of the actions of some ids, escaped and `;`-separated, `None` for no
    /// id: an id names the first action of that id, as a search in file order finds it,
    /// or stands for itself. The look-up is made once, for every row of a table.
    pub fn action_names(&self) -> impl Fn(&[String]) -> Option<String> + 'a {
        let mut actions: HashMap<&str, &str> = HashMap::new();
        for a in &self.territory.actions {
            actions.entry(a.id.as_str()).or_insert(a.name.as_str());
        }
        move |ids| {
            if ids.is_empty() {
                return None;
            }
            let names: Vec<&str> = ids
                .iter()
                .map(|id| actions.get(id.as_str()).copied().unwrap_or(id.as_str()))
                .collect();
            Some(escape(&names.join(" ; ")))
        }
    }

    /// The network figures of an actor.
    pub fn metrics(&self, id: &str) -> Option<&'a ActorMetrics> {
        self.metrics.get(id).copied()
    }

    /// Whether the report may draw and name this actor.
    pub fn shows(&self, actor: &Actor) -> bool {
        self.options.include_individuals || !actor.is_individual()
    }

    /// The French label of a kind (the id when the taxonomy has none).
    pub fn kind_label(&self, kind: &'a str) -> &'a str {
        self.territory
            .taxonomy
            .kind(kind)
            .map_or(kind, |k| k.label.as_str())
    }

    /// The French label of a sector (the id when the taxonomy has none).
    pub fn sector_label(&self, sector: &'a str) -> &'a str {
        self.territory
            .taxonomy
            .sector(sector)
            .map_or(sector, |s| s.label.as_str())
    }

    /// The French label of a group of the report's partition.
    pub fn group_label(&self, group: &'a str) -> &'a str {
        self.territory
            .group_label(&self.diagnosis.network.partition, group)
    }

    /// What the groups are, in French: "secteur", "type d'acteur"...
    pub fn partition_label(&self) -> String {
        match self.diagnosis.network.partition.as_str() {
            "sector" => "secteur".to_owned(),
            "kind" => "type d’acteur".to_owned(),
            "family" => "famille d’acteurs".to_owned(),
            column => format!("groupe (colonne « {column} »)"),
        }
    }

    /// An actor for a table cell, escaped: its name, or for an individual the report
    /// may not name, its kind followed by "(professionnel·le)"; the id when unknown.
    pub fn actor_html(&self, id: &str) -> String {
        match self.territory.actor_with_id(id) {
            Some(a) if self.shows(a) => escape(&a.name),
            Some(a) => format!(
                "<span class=\"anonyme\">{} (professionnel·le)</span>",
                escape(self.kind_label(&a.kind))
            ),
            None => escape(id),
        }
    }

    /// An actor's name for a table that gives its kind in another column, escaped: the
    /// name, or "non nommé·e" for an individual the report may not name.
    pub fn actor_name_html(&self, id: &str) -> String {
        match self.territory.actor_with_id(id) {
            Some(a) if !self.shows(a) => {
                "<span class=\"anonyme\">professionnel·le non nommé·e</span>".to_owned()
            }
            _ => self.actor_html(id),
        }
    }

    /// Actors for a table cell, escaped: the first [`LISTED`] names the report may show,
    /// in the given order, how many more, then how many individuals it may not name,
    /// with their kinds; `—` for none.
    pub fn actors_html(&self, ids: &[String]) -> String {
        let mut named = Vec::new();
        let mut hidden: Vec<&str> = Vec::new();
        for id in ids {
            match self.territory.actor_with_id(id) {
                Some(a) if !self.shows(a) => hidden.push(self.kind_label(&a.kind)),
                _ => named.push(self.actor_html(id)),
            }
        }
        // "et 1 autre" would take the room of the name itself.
        let more = if named.len() > LISTED + 1 {
            named.len() - LISTED
        } else {
            0
        };
        if more > 0 {
            named.truncate(LISTED);
            named.push(format!("et {}", text::count_of(more, "autre", "autres")));
        }
        if !hidden.is_empty() {
            let mut kinds: Vec<&str> = Vec::new();
            for k in &hidden {
                if !kinds.contains(k) {
                    kinds.push(k);
                }
            }
            named.push(format!(
                "<span class=\"anonyme\">{} ({})</span>",
                text::count_of(hidden.len(), "professionnel·le", "professionnel·les"),
                escape(&kinds.join(", "))
            ));
        }
        if named.is_empty() {
            "—".to_owned()
        } else {
            named.join(", ")
        }
    }

    /// The actors who hold the network together: the [`HOLDERS`] shown actors of
    /// highest betweenness (above zero), highest first, ties in bundle order.
    pub fn holders(&self) -> Vec<(&'a Actor, &'a ActorMetrics)> {
        let mut v: Vec<(usize, &Actor, &ActorMetrics)> = self
            .territory
            .actors
            .iter()
            .enumerate()
            .filter(|(_, a)| self.shows(a))
            .filter_map(|(i, a)| self.metrics(&a.id).map(|m| (i, a, m)))
            .filter(|(_, _, m)| m.betweenness > 0.0)
            .collect();
        v.sort_by(|x, y| {
            y.2.betweenness
                .total_cmp(&x.2.betweenness)
                .then(x.0.cmp(&y.0))
        });
        v.into_iter()
            .take(HOLDERS)
            .map(|(_, a, m)| (a, m))
            .collect()
    }

    /// How many actors the report may not name.
    pub fn hidden_individuals(&self) -> usize {
        self.territory
            .actors
            .iter()
            .filter(|a| !self.shows(a))
            .count()
    }
}
