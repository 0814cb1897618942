//! The page around the sections: document head, inline style sheet (screen and A4
//! print), title block, table of contents, footer, written as they are made
//! ([`Page`]); and the table and list helpers the sections share.

use super::text::{escape, french_count, french_date};
use super::{Body, Context, Section};
use std::fmt;
use std::io::{self, Write};

/// The style sheet, inline: system fonts only (no web font), nothing fetched.
pub(crate) const CSS: &str = r#"
:root { --encre: #1f2933; --doux: #52606d; --trait: #d9dee3; --accent: #253494; --fond: #f3f5f8; --alerte: #d7301f; }
* { box-sizing: border-box; }
html { font-size: 15px; }
body { margin: 0; color: var(--encre); background: #ffffff; line-height: 1.45;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", "Liberation Sans", Arial, sans-serif; }
.page { max-width: 1180px; margin: 0 auto; padding: 28px 32px 48px; }
header.entete { border-bottom: 4px solid var(--accent); padding-bottom: 14px; margin-bottom: 18px; }
.surtitre { text-transform: uppercase; letter-spacing: .08em; color: var(--accent); font-weight: 700; font-size: .82rem; margin: 0; }
h1 { font-size: 2.1rem; line-height: 1.15; margin: .15em 0 .25em; }
.sous-titre { margin: 0; color: var(--doux); font-size: 1.05rem; }
h2 { font-size: 1.4rem; border-left: 6px solid var(--accent); padding-left: 10px; margin: 1.8em 0 .6em; }
h3 { font-size: 1.05rem; margin: 1.2em 0 .4em; }
p { margin: .4em 0 .8em; }
nav.sommaire { background: var(--fond); border-radius: 6px; padding: 8px 16px; font-size: .9rem; }
nav.sommaire ol { columns: 3; column-gap: 28px; margin: .3em 0; padding-left: 1.4em; }
nav.sommaire a { color: var(--accent); text-decoration: none; }
.chiffres { display: grid; grid-template-columns: repeat(auto-fill, minmax(200px, 1fr)); gap: 10px; }
.chiffre { background: var(--fond); border-top: 4px solid var(--accent); border-radius: 4px; padding: 10px 14px 12px; }
.chiffre .valeur { display: block; font-size: 1.9rem; font-weight: 700; line-height: 1.1; font-variant-numeric: tabular-nums; }
.chiffre .libelle { display: block; font-weight: 600; margin-top: 2px; }
.chiffre .aide { display: block; color: var(--doux); font-size: .82rem; line-height: 1.3; margin-top: 4px; }
.chiffre.alerte { border-top-color: var(--alerte); }
figure { margin: 0; }
.illustration { display: flex; flex-wrap: nowrap; gap: 16px 28px; align-items: flex-start; }
.illustration > svg { flex: 0 1 auto; min-width: 0; max-width: 100%; height: auto; display: block; }
.legende { flex: 0 0 280px; font-size: .9rem; }
.legende h3 { margin-top: 0; }
.legende ul { list-style: none; padding: 0; margin: 0 0 1em; }
.legende li { display: flex; align-items: center; gap: 8px; margin: 4px 0; }
.legende li svg { flex: none; }
.legende .effectif { color: var(--doux); margin-left: auto; font-variant-numeric: tabular-nums; }
figcaption { color: var(--doux); font-size: .88rem; margin-top: .6em; }
svg text { font-family: inherit; }
svg .zone:hover { stroke: #1f2933; stroke-width: 2; }
svg .actor:hover { stroke: #000000; stroke-width: 2; }
svg .tie:hover { stroke-opacity: 1; }
svg .numero { font-size: 12px; font-weight: 700; paint-order: stroke; stroke: #ffffff; stroke-width: 3px; fill: #111111; }
svg .echelle text, svg .nord text, svg .anneau-titre { font-size: 12px; fill: #333333; }
svg .nom { font-size: 10.5px; fill: #3e4c59; }
figure.calendrier { margin: .4em 0 .6em; }
figure.calendrier > svg { display: block; max-width: 100%; height: auto; }
svg .annee { font-size: 12px; font-weight: 700; fill: #1f2933; }
svg .mois { font-size: 9px; fill: #7b8794; }
svg text.dispositif { font-size: 13px; font-weight: 700; }
svg .compte { font-weight: 400; fill: #52606d; }
svg text.action { font-size: 12px; fill: #1f2933; }
svg .partenaires { font-size: 10.5px; fill: #52606d; }
svg .en-cours, svg .note-axe { font-size: 10.5px; fill: #3e4c59; font-style: italic; }
svg .valeur { font-size: 10.5px; fill: #3e4c59; paint-order: stroke; stroke: #ffffff; stroke-width: 3px; }
svg g.action:hover .barre { stroke: #1f2933; stroke-width: 1.5; }
.legende-calendrier { list-style: none; padding: 0; margin: .2em 0 1em; display: flex; flex-wrap: wrap; gap: 4px 22px; font-size: .88rem; }
.legende-calendrier li { display: flex; align-items: center; gap: 6px; }
ul.constats li { margin: .25em 0; }
details { margin: .2em 0 1.2em; }
summary { cursor: pointer; color: var(--accent); font-weight: 600; margin: .3em 0; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; margin: .4em 0 1.2em; }
th, td { border-bottom: 1px solid var(--trait); padding: 5px 8px; text-align: left; vertical-align: top; }
th { background: var(--fond); font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.num { white-space: nowrap; }
td { overflow-wrap: break-word; }
td .liste { font-size: .85rem; }
tr.total td { font-weight: 700; border-top: 2px solid var(--encre); }
tr.prioritaire td:first-child { border-left: 4px solid var(--alerte); }
.anonyme { font-style: italic; color: var(--doux); }
.note { color: var(--doux); font-size: .88rem; }
.etiquette { display: inline-block; padding: 0 6px; border-radius: 3px; font-size: .82rem; font-weight: 600; }
.etiquette.oui { background: #e3f1e6; color: #1b5e20; }
.etiquette.non { background: #fde8e4; color: #9f2a17; }
.commandes, .couches { display: flex; flex-wrap: wrap; align-items: center; gap: 6px 10px; margin: .3em 0 .5em; font-size: .88rem; }
.commandes button, .annuaire-pages button { font: inherit; padding: 2px 10px; border: 1px solid var(--trait); border-radius: 4px; background: var(--fond); cursor: pointer; }
.commandes button:hover, .annuaire-pages button:hover:not(:disabled) { border-color: var(--accent); }
.commandes .note { margin: 0; }
svg.explorable { touch-action: none; cursor: grab; }
svg.explorable line, svg.explorable path, svg.explorable ellipse { vector-effect: non-scaling-stroke; }
svg.explorable .zone, svg.explorable .actor { cursor: pointer; }
svg.sans-prioritaires .prioritaires, svg.sans-qpv .qpv, svg.sans-liens .liens, svg.sans-noms .noms { display: none; }
svg.sans-indicateur .zones .zone { fill: #eef1f4; }
.legende label { display: flex; align-items: center; gap: 6px; flex: 1; cursor: pointer; }
.fiche { position: fixed; right: 18px; top: 18px; width: 340px; max-height: calc(100vh - 36px); overflow: auto; background: #ffffff; border: 1px solid var(--trait); border-top: 4px solid var(--accent); border-radius: 6px; box-shadow: 0 6px 24px rgba(0,0,0,.18); padding: 10px 16px 14px; font-size: .9rem; z-index: 10; }
.fiche h3 { margin: .2em 1.6em .2em 0; }
.fiche h4 { margin: .8em 0 .2em; font-size: .92rem; }
.fiche dl { display: grid; grid-template-columns: auto auto; gap: 2px 12px; margin: .4em 0; }
.fiche dt { color: var(--doux); }
.fiche dd { margin: 0; text-align: right; font-variant-numeric: tabular-nums; }
.fiche ul { margin: .2em 0; padding-left: 1.2em; }
.fiche .fermer { position: absolute; right: 8px; top: 6px; border: 0; background: none; font-size: 1.4rem; cursor: pointer; color: var(--doux); }
.annuaire-filtres { display: flex; flex-wrap: wrap; gap: 8px 14px; align-items: center; font-size: .88rem; margin: .4em 0; }
.annuaire-filtres select, .annuaire-filtres input { font: inherit; max-width: 220px; }
.annuaire-filtres input { width: 260px; }
.annuaire-pages { display: flex; gap: 8px; align-items: center; font-size: .88rem; }
.annuaire tr[hidden] { display: none; }
.annuaire-defile { overflow-x: auto; }
.annuaire table { font-size: .85rem; }
footer { margin-top: 3em; border-top: 1px solid var(--trait); padding-top: 10px; color: var(--doux); font-size: .85rem; }
@media (max-width: 860px) {
  nav.sommaire ol { columns: 1; }
  .illustration { flex-wrap: wrap; }
  .legende { flex: 1 1 260px; }
}
@page { size: A4; margin: 14mm 12mm; }
@media print {
  html { font-size: 9.5pt; }
  .page { max-width: none; padding: 0; }
  nav.sommaire { display: none; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  #carte, #reseau { break-before: page; }
  h2, h3 { break-after: avoid; }
  figure, .chiffre, tr, .legende li { break-inside: avoid; }
  .illustration { flex-wrap: wrap; }
  .legende { flex: 1 1 260px; }
  .chiffres { grid-template-columns: repeat(5, 1fr); gap: 6px; }
  .chiffre { padding: 6px 8px 8px; }
  .chiffre .valeur { font-size: 1.5rem; }
  thead { display: table-header-group; }
  a { color: inherit; text-decoration: none; }
  .commandes, .couches, .annuaire-filtres, .annuaire-pages, .fiche { display: none; }
  .annuaire tr[hidden] { display: table-row; }
}
"#;

/// Bytes of HTML gathered before they go to the output.
const PAGE_BUFFER: usize = 64 << 10;

/// The page as it is written: HTML gathered in a buffer that goes to the output each
/// time it holds [`PAGE_BUFFER`] bytes. The first error of the output is kept, and
/// whatever follows it is dropped: [`Page::finish`] gives it.
pub(crate) struct Page<'w> {
    buf: String,
    out: &'w mut dyn Write,
    error: Option<io::Error>,
    /// The rows a table shows at most (a report at national size).
    row_cap: Option<usize>,
}

impl<'w> Page<'w> {
    /// A page written to `out`.
    pub fn new(out: &'w mut dyn Write) -> Self {
        Self {
            buf: String::with_capacity(PAGE_BUFFER + 1024),
            out,
            error: None,
            row_cap: None,
        }
    }

    /// Each table written from now on shows at most `rows` rows (and its total row),
    /// followed by a note giving how many it holds.
    pub fn cap_rows(&mut self, rows: usize) {
        self.row_cap = Some(rows);
    }

    /// Adds HTML.
    pub fn push_str(&mut self, html: &str) {
        self.buf.push_str(html);
        if self.buf.len() >= PAGE_BUFFER {
            self.send();
        }
    }

    fn send(&mut self) {
        if self.error.is_none() {
            if let Err(e) = self.out.write_all(self.buf.as_bytes()) {
                self.error = Some(e);
            }
        }
        self.buf.clear();
    }

    /// Writes what is left, and gives the first error of the output.
    pub fn finish(mut self) -> io::Result<()> {
        self.send();
        match self.error.take() {
            Some(e) => Err(e),
            None => self.out.flush(),
        }
    }
}

impl fmt::Write for Page<'_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.push_str(s);
        Ok(())
    }
}

/// Writes the whole document: head, title block, table of contents from the titles,
/// then each section's body in turn, and the footer.
pub(crate) fn page(ctx: &Context<'_>, sections: Vec<Section<'_>>, out: &mut Page<'_>) {
    let t = ctx.territory;
    let name = escape(&t.name);
    out.push_str("<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str(&format!(
        "<meta name=\"generator\" content=\"maillage {}\">\n",
        env!("CARGO_PKG_VERSION")
    ));
    // An empty icon, so that no browser goes looking for /favicon.ico.
    out.push_str("<link rel=\"icon\" href=\"data:,\">\n");
    out.push_str(&format!(
        "<title>Maillage territorial – {name}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<div class=\"page\">\n"
    ));
    let date = t.date.map_or_else(
        || "toutes les relations, sans date d’observation".to_owned(),
        |d| format!("réseau observé au {}", french_date(d)),
    );
    let layer = t.coverage_layer();
    out.push_str(&format!(
        "<header class=\"entete\">\n<p class=\"surtitre\">Diagnostic du maillage territorial en santé</p>\n<h1>{name}</h1>\n\
<p class=\"sous-titre\">{} · {} acteurs · {} zones ({})</p>\n</header>\n",
        escape(&capitalise(&date)),
        french_count(t.actors.len()),
        french_count(layer.zones.len()),
        escape(&layer.name),
    ));
    out.push_str("<nav class=\"sommaire\" aria-label=\"Sommaire\">\n<ol>\n");
    for s in &sections {
        out.push_str(&format!(
            "<li><a href=\"#{}\">{}</a></li>\n",
            s.id,
            escape(&s.title)
        ));
    }
    out.push_str("</ol>\n</nav>\n<main>\n");
    for s in sections {
        out.push_str(&format!(
            "<section id=\"{}\">\n<h2>{}</h2>\n",
            s.id,
            escape(&s.title),
        ));
        match s.body {
            Body::Html(html) => out.push_str(&html),
            Body::Write(write) => write(out),
        }
        out.push_str("\n</section>\n");
    }
    out.push_str(&format!(
        "</main>\n<footer>Rapport produit par maillage {} à partir du lot de données « {name} ». \
Les chiffres décrivent les acteurs et les relations déclarés dans ce lot : un lien absent peut être un lien non déclaré.</footer>\n\
</div>\n<script>{}</script>\n</body>\n</html>\n",
        env!("CARGO_PKG_VERSION"),
        super::explore::SCRIPT
    ));
}

/// The text with its first letter in capitals.
pub(crate) fn capitalise(text: &str) -> String {
    let mut c = text.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// A column of a table: its header (plain text, escaped here) and whether it holds
/// numbers (right-aligned).
pub(crate) struct Column<'c> {
    pub header: &'c str,
    pub numeric: bool,
}

/// A text column.
pub(crate) fn text_col(header: &str) -> Column<'_> {
    Column {
        header,
        numeric: false,
    }
}

/// A numeric column.
pub(crate) fn num_col(header: &str) -> Column<'_> {
    Column {
        header,
        numeric: true,
    }
}

/// A table row: its cells (HTML, already escaped) and its class (`""` for none).
pub(crate) struct Row {
    pub cells: Vec<String>,
    pub class: &'static str,
}

impl From<Vec<String>> for Row {
    fn from(cells: Vec<String>) -> Self {
        Self { cells, class: "" }
    }
}

/// A table with a header row.
pub(crate) fn table(columns: &[Column<'_>], rows: impl IntoIterator<Item = Row>) -> String {
    let mut out = String::new();
    write_table(&mut out, columns, rows);
    out
}

/// Writes a table with a header row, a row at a time.
pub(crate) fn write_table(
    out: &mut impl HtmlOut,
    columns: &[Column<'_>],
    rows: impl IntoIterator<Item = Row>,
) {
    out.push_html("<table>\n<thead><tr>");
    for c in columns {
        out.push_html(&format!(
            "<th{} scope=\"col\">{}</th>",
            if c.numeric { " class=\"num\"" } else { "" },
            escape(c.header)
        ));
    }
    out.push_html("</tr></thead>\n<tbody>\n");
    let mut line = String::new();
    let cap = out.row_cap().unwrap_or(usize::MAX);
    let (mut rows_seen, mut rows_left_out) = (0usize, 0usize);
    for row in rows {
        // a total row is kept past the cap
        if row.class != "total" {
            rows_seen += 1;
            if rows_seen > cap {
                rows_left_out += 1;
                continue;
            }
        }
        line.clear();
        if row.class.is_empty() {
            line.push_str("<tr>");
        } else {
            line.push_str(&format!("<tr class=\"{}\">", row.class));
        }
        for (cell, c) in row.cells.iter().zip(columns) {
            line.push_str(&format!(
                "<td{}>{cell}</td>",
                if c.numeric { " class=\"num\"" } else { "" }
            ));
        }
        line.push_str("</tr>\n");
        out.push_html(&line);
    }
    out.push_html("</tbody>\n</table>");
    if rows_left_out > 0 {
        out.push_html(&note(&escape(&format!(
            "Tableau limité à ses {} premières lignes sur {} : au-delà de {} acteurs, le rapport résume. Les tableaux CSV et le classeur diagnostic.xlsx les donnent toutes.",
            french_count(cap),
            french_count(rows_seen),
            french_count(super::NATIONAL_FROM_ACTORS)
        ))));
    }
}

/// Where HTML goes: a `String` for a piece made whole, or the [`Page`] being written.
pub(crate) trait HtmlOut {
    /// Adds HTML.
    fn push_html(&mut self, html: &str);
    /// The rows a table shows at most.
    fn row_cap(&self) -> Option<usize> {
        None
    }
}

impl HtmlOut for String {
    fn push_html(&mut self, html: &str) {
        self.push_str(html);
    }
}

impl HtmlOut for Page<'_> {
    fn push_html(&mut self, html: &str) {
        self.push_str(html);
    }

    fn row_cap(&self) -> Option<usize> {
        self.row_cap
    }
}

/// A paragraph of explanation (HTML, already escaped).
pub(crate) fn note(html: &str) -> String {
    format!("<p class=\"note\">{html}</p>\n")
}

/// A yes/no label, coloured.
pub(crate) fn yes_no_label(yes: bool) -> String {
    format!(
        "<span class=\"etiquette {0}\">{0}</span>",
        super::text::yes_no(yes)
    )
}
