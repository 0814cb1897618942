//! The files of a comparison (docs/compare.md): the table of the territories, the
//! figures in long format with each territory's rank, the pairs that overlap, the
//! bundles left out, and the page; written together, atomically.

use super::{Comparison, KeyFigures};
use crate::atomic::write_all_atomic_with;
use crate::lang::{Lang, Message, Msg};
use crate::outputs::tables::{write_csv, Table};
use crate::outputs::OutputError;
use std::path::{Path, PathBuf};

/// The comparison's own files, in the order written.
pub const COMPARISON_FILES: [&str; 5] = [
    "comparaison.html",
    "comparaison.csv",
    "comparaison_figures.csv",
    "comparaison_chevauchements.csv",
    "comparaison_echecs.csv",
];

/// One figure compared: its code (a column of `comparaison.csv`), its French label,
/// and which way is better (for the rank: 1 is the best).
pub(crate) struct FigureSpec {
    pub code: String,
    pub label: String,
    pub higher_is_better: bool,
    /// How its values are written on the page.
    pub format: Format,
}

/// How a figure's values are written on the page.
#[derive(Clone, Copy)]
pub(crate) enum Format {
    Number(usize),
    Percent(usize),
    Count,
}

/// A message of the catalogue in French: the comparison's page and labels are French,
/// as the report is.
pub(crate) fn fr(message: Message) -> String {
    message.render(Lang::Fr)
}

/// Every figure compared, in the order of the columns.
pub(crate) fn figure_specs(c: &Comparison) -> Vec<FigureSpec> {
    let mut specs = Vec::new();
    for (id, label) in &c.sectors {
        specs.push(FigureSpec {
            code: format!("acteurs_pour_10000[{id}]"),
            label: fr(crate::msg!(CompareFigureSector, sector = label.as_str())),
            higher_is_better: true,
            format: Format::Number(1),
        });
    }
    let plain = |code: &str, key: Msg, higher_is_better: bool, format: Format| FigureSpec {
        code: code.to_owned(),
        label: fr(Message::new(key)),
        higher_is_better,
        format,
    };
    specs.push(plain(
        "densite",
        Msg::CompareFigureDensity,
        true,
        Format::Percent(2),
    ));
    specs.push(plain(
        "indice_ei",
        Msg::CompareFigureEi,
        true,
        Format::Number(2),
    ));
    specs.push(plain(
        "fragmentation",
        Msg::CompareFigureFragmentation,
        false,
        Format::Number(3),
    ));
    specs.push(plain(
        "articulation_dispositifs",
        Msg::CompareFigureArticulation,
        true,
        Format::Percent(0),
    ));
    for (kind, label) in &c.access_kinds {
        specs.push(FigureSpec {
            code: format!("acces_prioritaire[{kind}]"),
            label: fr(crate::msg!(
                CompareFigureAccessPriority,
                kind = label.as_str()
            )),
            higher_is_better: true,
            format: Format::Number(2),
        });
        specs.push(FigureSpec {
            code: format!("acces_ailleurs[{kind}]"),
            label: fr(crate::msg!(CompareFigureAccessOther, kind = label.as_str())),
            higher_is_better: true,
            format: Format::Number(2),
        });
    }
    for (kind, _) in super::GapCounts::default().by_type() {
        specs.push(FigureSpec {
            code: format!("lacunes[{kind}]"),
            label: fr(crate::msg!(CompareFigureGaps, kind = gap_label(kind))),
            higher_is_better: false,
            format: Format::Count,
        });
    }
    specs
}

/// The French name of a type of gap of `gaps.csv`.
pub(crate) fn gap_label(kind: &str) -> Message {
    Message::new(match kind {
        "service" => Msg::CompareGapService,
        "need" => Msg::CompareGapNeed,
        "group" => Msg::CompareGapGroup,
        "isolated_actor" => Msg::CompareGapIsolated,
        "unarticulated_dispositifs" => Msg::CompareGapUnarticulated,
        "pathway" => Msg::CompareGapPathway,
        _ => Msg::CompareGapAbsent,
    })
}

/// Each territory's rank on a figure (1 the best; equal values share a rank, the next
/// one skipped), `None` for a territory without a value.
pub(crate) fn ranks(territories: &[KeyFigures], spec: &FigureSpec) -> Vec<Option<usize>> {
    let values: Vec<Option<f64>> = territories.iter().map(|t| t.figure(&spec.code)).collect();
    let better = |a: f64, b: f64| {
        if spec.higher_is_better {
            a > b
        } else {
            a < b
        }
    };
    values
        .iter()
        .map(|v| {
            let v = (*v)?;
            Some(1 + values.iter().flatten().filter(|&&w| better(w, v)).count())
        })
        .collect()
}

/// The territories in rank order on a figure: those with a value by rank then in the
/// order given, then those without.
pub(crate) fn ranked(ranks: &[Option<usize>]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..ranks.len()).collect();
    order.sort_by_key(|&i| (ranks[i].is_none(), ranks[i], i));
    order
}

/// Formats an optional number for a table: empty when absent.
fn cell(x: Option<f64>) -> String {
    x.map(|v| v.to_string()).unwrap_or_default()
}

/// What each territory shares with the others: (zones, their population, actors, the
/// names of the territories it overlaps).
pub(crate) fn shared(c: &Comparison) -> Vec<(usize, f64, usize, Vec<String>)> {
    use std::collections::HashMap;
    let mut zones: HashMap<(&str, &str), usize> = HashMap::new();
    let mut actors: HashMap<(&str, &str), usize> = HashMap::new();
    for t in &c.territories {
        for z in &t.zone_keys {
            *zones.entry(z.key()).or_default() += 1;
        }
        for a in &t.actor_keys {
            *actors.entry(a.key()).or_default() += 1;
        }
    }
    let overlapping = c.overlapping();
    c.territories
        .iter()
        .zip(overlapping)
        .map(|(t, others)| {
            let common: Vec<_> = t
                .zone_keys
                .iter()
                .filter(|z| zones.get(&z.key()).is_some_and(|&n| n > 1))
                .collect();
            (
                common.len(),
                common.iter().fold(0.0, |s, z| s + z.population),
                t.actor_keys
                    .iter()
                    .filter(|a| actors.get(&a.key()).is_some_and(|&n| n > 1))
                    .count(),
                others
                    .into_iter()
                    .map(|o| c.territories[o].name.clone())
                    .collect(),
            )
        })
        .collect()
}

/// `comparaison.csv`: one row per territory, a column per figure, what it shares,
/// and a last row of the territories together, shared zones and actors counted once.
fn territories_table<'a>(c: &'a Comparison, specs: &'a [FigureSpec]) -> Table<'a> {
    let mut header: Vec<String> = [
        "dossier",
        "territoire",
        "date",
        "couche",
        "zones",
        "population",
        "acteurs",
        "partition",
        "paires_dispositifs",
        "paires_articulees",
    ]
    .map(String::from)
    .to_vec();
    header.extend(specs.iter().map(|s| s.code.clone()));
    header.extend(
        [
            "zones_partagees",
            "population_partagee",
            "acteurs_partages",
            "recouvre",
        ]
        .map(String::from),
    );
    let shared = shared(c);
    let rows = c.territories.iter().zip(shared).map(move |(t, s)| {
        let mut row = vec![
            t.name.clone(),
            t.territory.clone(),
            t.date.clone().unwrap_or_default(),
            t.layer.clone(),
            t.zones.to_string(),
            t.population.to_string(),
            t.actors.to_string(),
            t.partition.clone(),
            t.dispositif_pairs.to_string(),
            t.articulated_pairs.to_string(),
        ];
        row.extend(specs.iter().map(|spec| cell(t.figure(&spec.code))));
        row.extend([
            s.0.to_string(),
            s.1.to_string(),
            s.2.to_string(),
            s.3.join("|"),
        ]);
        row
    });
    let totals = &c.totals;
    let mut total = vec![
        String::new(),
        fr(Message::new(Msg::CompareTotals)),
        String::new(),
        String::new(),
        totals.zones.to_string(),
        totals.population.to_string(),
        totals.actors.to_string(),
        String::new(),
        String::new(),
        String::new(),
    ];
    total.extend(specs.iter().map(|spec| {
        let sector = spec
            .code
            .strip_prefix("acteurs_pour_10000[")
            .and_then(|r| r.strip_suffix(']'));
        cell(sector.and_then(|id| {
            totals
                .sectors
                .iter()
                .find(|s| s.id == id)
                .and_then(|s| s.per_10000)
        }))
    }));
    total.extend([String::new(), String::new(), String::new(), String::new()]);
    Table::new(header, rows.chain(std::iter::once(total)))
}

/// `comparaison_figures.csv`: one row per territory and figure, with its rank.
fn figures_table<'a>(c: &'a Comparison, specs: &'a [FigureSpec]) -> Table<'a> {
    let header = [
        "dossier",
        "territoire",
        "figure",
        "libelle",
        "valeur",
        "rang",
    ]
    .map(String::from)
    .to_vec();
    let rows = specs.iter().flat_map(move |spec| {
        let ranks = ranks(&c.territories, spec);
        ranked(&ranks).into_iter().map(move |i| {
            let t = &c.territories[i];
            vec![
                t.name.clone(),
                t.territory.clone(),
                spec.code.clone(),
                spec.label.clone(),
                cell(t.figure(&spec.code)),
                ranks[i].map(|r| r.to_string()).unwrap_or_default(),
            ]
        })
    });
    Table::new(header, rows)
}

/// `comparaison_chevauchements.csv`: the pairs of territories that share zones or
/// actors.
fn overlaps_table(c: &Comparison) -> Table<'_> {
    let header = [
        "dossier_a",
        "dossier_b",
        "zones_communes",
        "population_commune",
        "acteurs_communs",
    ]
    .map(String::from)
    .to_vec();
    let rows = c.overlaps.iter().map(|o| {
        vec![
            o.a.clone(),
            o.b.clone(),
            o.zones.to_string(),
            o.population.to_string(),
            o.actors.to_string(),
        ]
    });
    Table::new(header, rows)
}

/// `comparaison_echecs.csv`: the bundles left out, and why (in French).
fn failures_table(c: &Comparison) -> Table<'_> {
    let header = ["lot", "raison"].map(String::from).to_vec();
    let rows = c
        .failures
        .iter()
        .map(|f| vec![f.bundle.clone(), f.reason.render(Lang::Fr)]);
    Table::new(header, rows)
}

/// Writes a comparison's files ([`COMPARISON_FILES`]) into `dir` (created if needed)
/// as one change: the page `comparaison.html` (French, self-contained, each
/// territory's own report linked at `NAME/report.html`), `comparaison.csv` (a row per
/// territory, a column per figure, a row of totals), `comparaison_figures.csv` (each
/// figure of each territory with its rank), `comparaison_chevauchements.csv` and
/// `comparaison_echecs.csv`. The same comparison gives the same bytes.
///
/// # Errors
/// The folder could not be created, or a file could not be written: then none of the
/// comparison's files is changed.
///
/// # Example
/// ```
/// use maillage::compare::{compare_bundles, write_comparison, CompareOptions};
/// let dir = std::env::temp_dir().join("maillage-doc-compare");
/// let c = compare_bundles(&["../../data/cevennes".into()], &CompareOptions::default(), Some(&dir));
/// let written = write_comparison(&dir, &c).unwrap();
/// assert_eq!(written[0], dir.join("comparaison.html"));
/// assert!(dir.join("cevennes/report.html").is_file());
/// ```
pub fn write_comparison(dir: &Path, comparison: &Comparison) -> Result<Vec<PathBuf>, OutputError> {
    std::fs::create_dir_all(dir).map_err(|source| OutputError::Folder {
        path: dir.to_path_buf(),
        source,
    })?;
    let specs = figure_specs(comparison);
    Ok(write_all_atomic_with(dir, &COMPARISON_FILES, |i, out| {
        write_file(i, comparison, &specs, &mut std::io::BufWriter::new(out))
    })?)
}

/// Writes file `i` of [`COMPARISON_FILES`].
fn write_file(
    i: usize,
    comparison: &Comparison,
    specs: &[FigureSpec],
    out: &mut impl std::io::Write,
) -> std::io::Result<()> {
    match i {
        0 => super::page::write_page(out, comparison, specs),
        1 => write_csv(out, territories_table(comparison, specs)),
        2 => write_csv(out, figures_table(comparison, specs)),
        3 => write_csv(out, overlaps_table(comparison)),
        _ => write_csv(out, failures_table(comparison)),
    }
}

/// One file of a comparison ([`COMPARISON_FILES`], e.g. `comparaison.csv`) as bytes,
/// as [`write_comparison`] writes it; `None` for another name.
///
/// # Example
/// ```
/// use maillage::compare::{compare_bundles, render_comparison_file, CompareOptions};
/// let c = compare_bundles(&["../../data/cevennes".into()], &CompareOptions::default(), None);
/// let csv = render_comparison_file(&c, "comparaison.csv").unwrap();
/// assert!(csv.starts_with(b"dossier,territoire,"));
/// assert!(render_comparison_file(&c, "report.html").is_none());
/// ```
pub fn render_comparison_file(comparison: &Comparison, name: &str) -> Option<Vec<u8>> {
    let i = COMPARISON_FILES.iter().position(|f| *f == name)?;
    let mut out = Vec::new();
    write_file(i, comparison, &figure_specs(comparison), &mut out).ok()?;
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn territory(name: &str, density: f64, ei: Option<f64>) -> KeyFigures {
        let territory = crate::load_bundle("../../data/cevennes".as_ref())
            .unwrap()
            .territory;
        let d = crate::Diagnosis::of(&territory);
        let mut k = KeyFigures::of(name, &territory, &d);
        k.density = density;
        k.ei_index = ei;
        k
    }

    #[test]
    fn equal_values_share_a_rank_and_a_missing_one_has_none() {
        let c = Comparison::assemble(vec![
            ("a".into(), Ok(territory("a", 0.1, Some(0.2)))),
            ("b".into(), Ok(territory("b", 0.3, None))),
            ("c".into(), Ok(territory("c", 0.1, Some(-0.5)))),
            ("d".into(), Ok(territory("d", 0.05, Some(0.2)))),
        ]);
        let specs = figure_specs(&c);
        let spec = |code: &str| specs.iter().find(|s| s.code == code).unwrap();
        let density = ranks(&c.territories, spec("densite"));
        assert_eq!(density, [Some(2), Some(1), Some(2), Some(4)]);
        assert_eq!(ranked(&density), [1, 0, 2, 3]);
        let ei = ranks(&c.territories, spec("indice_ei"));
        assert_eq!(ei, [Some(1), None, Some(3), Some(1)]);
        assert_eq!(ranked(&ei), [0, 3, 2, 1]);
        // lower is better for fragmentation and gaps
        assert!(!spec("fragmentation").higher_is_better);
        assert!(!spec("lacunes[service]").higher_is_better);
        // the same territory four times: every zone and actor shared, counted once
        assert_eq!(c.overlaps.len(), 6);
        assert_eq!(c.totals.actors, c.territories[0].actors);
        assert_eq!(c.totals.zones, c.territories[0].zones);
        let shared = shared(&c);
        assert_eq!(shared[0].0, c.territories[0].zones);
        assert_eq!(shared[0].3, ["b", "c", "d"]);
    }
}
