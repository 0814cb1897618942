//! The files of a diagnosis (docs/outputs.md), rendered and written together: the one
//! place that knows their names, so the command line, Python and Rust programs write
//! the same bytes.

use super::affiliation_graph::{write_affiliation_gexf, write_affiliation_graphml};
use super::confidentiality::PUBLICATION_MIN_COUNT;
use super::directory::directory_table;
use super::geoparquet::write_parquet;
use super::gis::{check_projection, gis_layer};
use super::gpkg::write_gpkg;
use super::graph_exchange::{write_gexf, write_graphml};
use super::maps::{default_indicator, write_zones_geojson, zone_indicators};
use super::network_maps::{write_actors_geojson, write_network_geojson};
use super::summary::summary_text;
use super::tables::{
    access_road_table, actors_table, affiliations_table, dispositifs_table, evolution_table,
    gaps_table, groups_table, indicators_table, membership_table, non_members_table, overlap_table,
    pathways_table, shared_themes_table, solicitation_table, suggestions_table, write_csv,
    zones_table,
};
use super::workbook::write_diagnosis_workbook;
use crate::atomic::{write_all_atomic_with, AtomicWriteError};
use crate::crs::Crs;
use crate::diagnosis::Diagnosis;
use crate::model::Territory;
use crate::model::UnknownName;
use crate::outputs::report::write_report_html;
use std::fmt;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// Choices of the presentation outputs (maps, report): what the maps colour, whether
/// individuals are shown, and the confidentiality threshold.
///
/// The default shows no individual professional and suppresses no count: the counts
/// are of professionals and structures listed in public directories (the Annuaire
/// Santé and FINESS are open data), and a coordinator needs them exact. For publishing
/// counts from other sources, set `min_count` ([`PUBLICATION_MIN_COUNT`] is the rule of
/// French health-data publication).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OutputOptions {
    /// Zone properties mapped, one map each in the report; `zones.geojson` is coloured
    /// by the first. Empty: [`default_indicator`].
    pub indicators: Vec<String>,
    /// Show the actors of family `professional` (one person each) in the maps and the
    /// report. Off by default: they are counted in their zone instead.
    pub include_individuals: bool,
    /// Suppress zone counts from 1 to `min_count − 1` (and what would give them back);
    /// 0 or 1: nothing suppressed. See [`crate::outputs::Suppression`].
    pub min_count: u64,
    /// The coordinates of the GIS formats (`diagnostic.gpkg`, the GeoParquet files):
    /// WGS84 lon/lat (the default) or Lambert-93. The GeoJSON maps are WGS84 whatever
    /// this says (RFC 7946). The command gives the bundle's CRS unless `--crs` says
    /// otherwise.
    pub crs: Crs,
}

impl OutputOptions {
    /// The indicators mapped: those chosen, else the default one. Never empty.
    pub fn indicators(&self, territory: &Territory) -> Vec<String> {
        if self.indicators.is_empty() {
            vec![default_indicator(territory)]
        } else {
            self.indicators.clone()
        }
    }

    /// Checks the choices against a diagnosis: every indicator must be a numeric zone
    /// property, and every located actor and zone must have coordinates in the CRS of
    /// the GIS formats.
    ///
    /// # Errors
    /// [`OutputError::UnknownIndicator`], naming the indicator and those available;
    /// [`OutputError::Layer`] for a point that cannot be projected.
    ///
    /// # Example
    /// ```
    /// # let territory = maillage::bundle::load_bundle("../../data/lyon7".as_ref()).unwrap().territory;
    /// use maillage::outputs::OutputOptions;
    /// let diagnosis = maillage::Diagnosis::of(&territory);
    /// let options = OutputOptions { indicators: vec!["acces".into()], ..OutputOptions::default() };
    /// let error = options.check(&territory, &diagnosis).unwrap_err();
    /// assert!(error.to_string().contains("access_medecin_generaliste"));
    /// ```
    pub fn check(&self, territory: &Territory, diagnosis: &Diagnosis) -> Result<(), OutputError> {
        let available = zone_indicators(territory, diagnosis);
        if let Some(unknown) = self.indicators.iter().find(|i| !available.contains(i)) {
            return Err(OutputError::UnknownIndicator {
                indicator: unknown.clone(),
                available,
            });
        }
        check_projection(territory, diagnosis, self.crs).map_err(OutputError::Layer)
    }

    /// The options for publication: counts under [`PUBLICATION_MIN_COUNT`] suppressed.
    pub fn for_publication() -> Self {
        Self {
            min_count: PUBLICATION_MIN_COUNT,
            ..Self::default()
        }
    }
}

/// The pieces [`OutputFile::render_to`] writes: large enough that a file written
/// without a buffer of its own takes few system calls.
const RENDER_BUFFER: usize = 256 << 10;

/// One output file of a diagnosis (docs/outputs.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OutputFile {
    /// `zones.geojson`: the coverage layer's zones and their indicators.
    ZonesGeojson,
    /// `actors.geojson`: located actors (not individuals unless asked).
    ActorsGeojson,
    /// `network.geojson`: ties between located actors.
    NetworkGeojson,
    /// `network.graphml`: the relations, for Gephi, Cytoscape, networkx.
    NetworkGraphml,
    /// `network.gexf`: the relations, for Gephi.
    NetworkGexf,
    /// `actors.csv`: actor metrics.
    ActorsCsv,
    /// `groups.csv`: the mixing matrix and per-group E-I.
    GroupsCsv,
    /// `dispositifs.csv`: articulation between schemes.
    DispositifsCsv,
    /// `zones.csv`: zone indicators without geometry.
    ZonesCsv,
    /// `gaps.csv`: every gap.
    GapsCsv,
    /// `suggestions.csv`: suggested links.
    SuggestionsCsv,
    /// `directory.csv`: the "who does what" directory.
    DirectoryCsv,
    /// `solicitation.csv`: what each actor is asked into (docs/analyses.md §5).
    SolicitationCsv,
    /// `pathways.csv`: where each entry point's referrals lead (docs/analyses.md §5).
    PathwaysCsv,
    /// `membership.csv`: each dispositif's reach among the actors of its territory
    /// (docs/analyses.md §5).
    MembershipCsv,
    /// `non_members.csv`: the eligible actors each dispositif does not reach yet.
    NonMembersCsv,
    /// `evolution.csv`: what changed since the `--since` date (docs/analyses.md §4).
    EvolutionCsv,
    /// `indicators.csv`: the coverage layer's declared indicators, zones ranked from
    /// the worst off (docs/analyses.md §2).
    IndicatorsCsv,
    /// `access_road.csv`: with a cost table, each required kind's access by it and by
    /// straight line, zones ranked both ways (docs/analyses.md §2).
    AccessRoadCsv,
    /// `shared_themes.csv`: the themes each pair of dispositifs shares
    /// (docs/analyses.md §5).
    SharedThemesCsv,
    /// `dispositif_overlap.csv`: how far each structure's members are a dispositif's
    /// (docs/analyses.md §5).
    DispositifOverlapCsv,
    /// `affiliations.csv`: the ties of the two-mode view, actors × joint actions and
    /// dispositifs (docs/analyses.md §5).
    AffiliationsCsv,
    /// `affiliation.graphml`: the two-mode view, for networkx and Gephi.
    AffiliationGraphml,
    /// `affiliation.gexf`: the two-mode view, for Gephi.
    AffiliationGexf,
    /// `report.html`: the steering-committee report.
    ReportHtml,
    /// `summary.txt`: the text summary `maillage diagnose` prints.
    SummaryTxt,
    /// `diagnostic.xlsx`: the tables above in one workbook, a sheet each, French
    /// headers (docs/outputs.md, "Diagnosis workbook").
    DiagnosisXlsx,
    /// `diagnostic.gpkg`: the maps and tables in one GeoPackage, with QGIS styles
    /// (docs/outputs.md, "GeoPackage"). Not in [`OutputFile::ALL`]: see
    /// [`OutputFile::GIS`].
    DiagnosisGpkg,
    /// `zones.parquet`: the zones as GeoParquet (docs/outputs.md, "GeoParquet").
    ZonesParquet,
    /// `actors.parquet`: the located actors as GeoParquet.
    ActorsParquet,
    /// `ties.parquet`: the ties between located actors as GeoParquet.
    TiesParquet,
}

impl OutputFile {
    /// Every output, in the order `maillage diagnose` writes them.
    pub const ALL: [OutputFile; 27] = [
        OutputFile::ZonesGeojson,
        OutputFile::ActorsCsv,
        OutputFile::GroupsCsv,
        OutputFile::DispositifsCsv,
        OutputFile::ZonesCsv,
        OutputFile::GapsCsv,
        OutputFile::SuggestionsCsv,
        OutputFile::DirectoryCsv,
        OutputFile::SolicitationCsv,
        OutputFile::PathwaysCsv,
        OutputFile::MembershipCsv,
        OutputFile::NonMembersCsv,
        OutputFile::EvolutionCsv,
        OutputFile::IndicatorsCsv,
        OutputFile::AccessRoadCsv,
        OutputFile::SharedThemesCsv,
        OutputFile::DispositifOverlapCsv,
        OutputFile::AffiliationsCsv,
        OutputFile::ActorsGeojson,
        OutputFile::NetworkGeojson,
        OutputFile::NetworkGraphml,
        OutputFile::NetworkGexf,
        OutputFile::AffiliationGraphml,
        OutputFile::AffiliationGexf,
        OutputFile::ReportHtml,
        OutputFile::SummaryTxt,
        OutputFile::DiagnosisXlsx,
    ];

    /// The GIS formats, written when asked (`maillage diagnose --format gpkg --format
    /// parquet`, `maillage export diagnostic.gpkg`): the GeoPackage, then the GeoParquet
    /// files.
    pub const GIS: [OutputFile; 4] = [
        OutputFile::DiagnosisGpkg,
        OutputFile::ZonesParquet,
        OutputFile::ActorsParquet,
        OutputFile::TiesParquet,
    ];

    /// The file's name.
    pub fn file_name(self) -> &'static str {
        match self {
            OutputFile::ZonesGeojson => "zones.geojson",
            OutputFile::ActorsGeojson => "actors.geojson",
            OutputFile::NetworkGeojson => "network.geojson",
            OutputFile::NetworkGraphml => "network.graphml",
            OutputFile::NetworkGexf => "network.gexf",
            OutputFile::ActorsCsv => "actors.csv",
            OutputFile::GroupsCsv => "groups.csv",
            OutputFile::DispositifsCsv => "dispositifs.csv",
            OutputFile::ZonesCsv => "zones.csv",
            OutputFile::GapsCsv => "gaps.csv",
            OutputFile::SuggestionsCsv => "suggestions.csv",
            OutputFile::DirectoryCsv => "directory.csv",
            OutputFile::SolicitationCsv => "solicitation.csv",
            OutputFile::PathwaysCsv => "pathways.csv",
            OutputFile::MembershipCsv => "membership.csv",
            OutputFile::NonMembersCsv => "non_members.csv",
            OutputFile::EvolutionCsv => "evolution.csv",
            OutputFile::IndicatorsCsv => "indicators.csv",
            OutputFile::AccessRoadCsv => "access_road.csv",
            OutputFile::SharedThemesCsv => "shared_themes.csv",
            OutputFile::DispositifOverlapCsv => "dispositif_overlap.csv",
            OutputFile::AffiliationsCsv => "affiliations.csv",
            OutputFile::AffiliationGraphml => "affiliation.graphml",
            OutputFile::AffiliationGexf => "affiliation.gexf",
            OutputFile::ReportHtml => "report.html",
            OutputFile::SummaryTxt => "summary.txt",
            OutputFile::DiagnosisXlsx => "diagnostic.xlsx",
            OutputFile::DiagnosisGpkg => "diagnostic.gpkg",
            OutputFile::ZonesParquet => "zones.parquet",
            OutputFile::ActorsParquet => "actors.parquet",
            OutputFile::TiesParquet => "ties.parquet",
        }
    }

    /// The file's bytes for a diagnosis: deterministic (same input, same bytes). The
    /// bytes of [`OutputFile::render_to`], gathered in memory.
    ///
    /// # Example
    /// ```
    /// # let territory = maillage::bundle::load_bundle("../../data/lyon7".as_ref()).unwrap().territory;
    /// use maillage::outputs::{OutputFile, OutputOptions};
    /// let diagnosis = maillage::Diagnosis::of(&territory);
    /// let csv = OutputFile::DirectoryCsv.render(&territory, &diagnosis, &OutputOptions::default());
    /// assert!(csv.starts_with(b"id,"));
    /// ```
    pub fn render(
        self,
        territory: &Territory,
        diagnosis: &Diagnosis,
        options: &OutputOptions,
    ) -> Vec<u8> {
        let mut bytes = Vec::new();
        // Writing to memory cannot fail.
        self.render_to(territory, diagnosis, options, &mut bytes)
            .expect("write to memory");
        bytes
    }

    /// Writes the file's bytes for a diagnosis to `out` as they are made, so that a
    /// large output (the GEXF of a national network is gigabytes) is never held in
    /// memory whole: the same bytes as [`OutputFile::render`]. `out` is written in
    /// pieces of about 256 KiB: it needs no buffer of its own.
    ///
    /// # Errors
    /// The errors of `out` only.
    ///
    /// # Example
    /// ```
    /// # let territory = maillage::bundle::load_bundle("../../data/lyon7".as_ref()).unwrap().territory;
    /// use maillage::outputs::{OutputFile, OutputOptions};
    /// let diagnosis = maillage::Diagnosis::of(&territory);
    /// let options = OutputOptions::default();
    /// let mut streamed = Vec::new();
    /// OutputFile::NetworkGexf.render_to(&territory, &diagnosis, &options, &mut streamed)?;
    /// assert_eq!(streamed, OutputFile::NetworkGexf.render(&territory, &diagnosis, &options));
    /// # Ok::<(), std::io::Error>(())
    /// ```
    pub fn render_to(
        self,
        territory: &Territory,
        diagnosis: &Diagnosis,
        options: &OutputOptions,
        out: &mut dyn Write,
    ) -> std::io::Result<()> {
        let report = &diagnosis.network;
        let individuals = options.include_individuals;
        let out = &mut BufWriter::with_capacity(RENDER_BUFFER, out);
        match self {
            OutputFile::ZonesGeojson => write_zones_geojson(territory, diagnosis, options, out),
            OutputFile::ActorsGeojson => write_actors_geojson(territory, report, individuals, out),
            OutputFile::NetworkGeojson => {
                write_network_geojson(territory, diagnosis, individuals, out)
            }
            OutputFile::NetworkGraphml => write_graphml(territory, report, out),
            OutputFile::NetworkGexf => write_gexf(territory, report, out),
            OutputFile::ActorsCsv => write_csv(out, actors_table(report)),
            OutputFile::GroupsCsv => write_csv(out, groups_table(report)),
            OutputFile::DispositifsCsv => write_csv(out, dispositifs_table(territory, diagnosis)),
            OutputFile::ZonesCsv => write_csv(out, zones_table(territory, diagnosis)),
            OutputFile::GapsCsv => write_csv(out, gaps_table(diagnosis)),
            OutputFile::SuggestionsCsv => write_csv(out, suggestions_table(territory, diagnosis)),
            OutputFile::DirectoryCsv => write_csv(out, directory_table(territory, diagnosis)),
            OutputFile::SolicitationCsv => write_csv(out, solicitation_table(diagnosis)),
            OutputFile::PathwaysCsv => write_csv(out, pathways_table(territory, diagnosis)),
            OutputFile::MembershipCsv => write_csv(out, membership_table(territory, diagnosis)),
            OutputFile::NonMembersCsv => {
                write_csv(out, non_members_table(territory, diagnosis, individuals))
            }
            OutputFile::EvolutionCsv => write_csv(out, evolution_table(territory, diagnosis)),
            OutputFile::IndicatorsCsv => write_csv(out, indicators_table(diagnosis)),
            OutputFile::AccessRoadCsv => write_csv(out, access_road_table(diagnosis)),
            OutputFile::SharedThemesCsv => {
                write_csv(out, shared_themes_table(territory, diagnosis))
            }
            OutputFile::DispositifOverlapCsv => write_csv(out, overlap_table(territory, diagnosis)),
            OutputFile::AffiliationsCsv => write_csv(out, affiliations_table(territory, diagnosis)),
            OutputFile::AffiliationGraphml => write_affiliation_graphml(territory, diagnosis, out),
            OutputFile::AffiliationGexf => write_affiliation_gexf(territory, diagnosis, out),
            OutputFile::ReportHtml => write_report_html(territory, diagnosis, options, out),
            OutputFile::SummaryTxt => out.write_all(summary_text(territory, diagnosis).as_bytes()),
            OutputFile::DiagnosisXlsx => write_diagnosis_workbook(territory, diagnosis, out),
            OutputFile::DiagnosisGpkg => write_gpkg(territory, diagnosis, options, out),
            OutputFile::ZonesParquet | OutputFile::ActorsParquet | OutputFile::TiesParquet => {
                let name = self.file_name().trim_end_matches(".parquet");
                match gis_layer(name, territory, diagnosis, options) {
                    Ok(layer) => write_parquet(&layer?, out),
                    // the names of the map layers are known
                    Err(e) => Err(std::io::Error::other(e.to_string())),
                }
            }
        }?;
        out.flush()
    }

    /// Rank of the file by the work it usually takes, largest first: the order in
    /// which [`write_outputs`] starts them, so that its threads finish together.
    fn weight_rank(self) -> usize {
        match self {
            OutputFile::NetworkGexf => 0,
            OutputFile::DiagnosisXlsx => 1,
            OutputFile::NetworkGraphml => 2,
            OutputFile::ReportHtml => 3,
            OutputFile::ZonesGeojson => 4,
            OutputFile::NetworkGeojson => 5,
            OutputFile::ActorsCsv => 6,
            OutputFile::DirectoryCsv => 7,
            OutputFile::ActorsGeojson => 8,
            OutputFile::ZonesCsv => 9,
            OutputFile::SolicitationCsv => 10,
            OutputFile::PathwaysCsv => 11,
            OutputFile::GapsCsv => 12,
            OutputFile::DispositifsCsv => 13,
            OutputFile::SuggestionsCsv => 14,
            OutputFile::GroupsCsv => 15,
            OutputFile::SummaryTxt => 16,
            OutputFile::AffiliationGexf => 17,
            OutputFile::AffiliationGraphml => 18,
            OutputFile::AffiliationsCsv => 19,
            OutputFile::SharedThemesCsv => 20,
            OutputFile::DispositifOverlapCsv => 21,
            OutputFile::MembershipCsv => 22,
            OutputFile::NonMembersCsv => 23,
            OutputFile::EvolutionCsv => 24,
            OutputFile::IndicatorsCsv => 25,
            OutputFile::AccessRoadCsv => 26,
            OutputFile::DiagnosisGpkg => 27,
            OutputFile::ZonesParquet => 28,
            OutputFile::ActorsParquet => 29,
            OutputFile::TiesParquet => 30,
        }
    }
}

impl fmt::Display for OutputFile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.file_name())
    }
}

impl FromStr for OutputFile {
    type Err = UnknownName;

    /// A file name of [`OutputFile::ALL`] or [`OutputFile::GIS`] (`zones.geojson`,
    /// `report.html`, `diagnostic.gpkg`...).
    fn from_str(s: &str) -> Result<Self, UnknownName> {
        let every = || OutputFile::ALL.into_iter().chain(OutputFile::GIS);
        every().find(|f| f.file_name() == s).ok_or_else(|| {
            let names: Vec<&str> = every().map(OutputFile::file_name).collect();
            UnknownName::new(crate::lang::Msg::WhatOutput, s, &names)
        })
    }
}

/// Why outputs were not written.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    /// An indicator to map is not a numeric zone property.
    #[error("{}", crate::msg!(UnknownIndicator, indicator = indicator, available = available.join(", ")))]
    UnknownIndicator {
        /// The indicator asked for.
        indicator: String,
        /// The numeric zone properties.
        available: Vec<String>,
    },
    /// The output folder could not be created.
    #[error("{}", crate::msg!(OutputFolderNotCreated, path = path.display().to_string(), detail = source.to_string()))]
    Folder {
        /// The folder.
        path: PathBuf,
        /// What the system said.
        #[source]
        source: std::io::Error,
    },
    /// A file could not be written; no output was changed.
    #[error(transparent)]
    Write(#[from] AtomicWriteError),
    /// A layer of the GIS formats that [`crate::outputs::gis_layer_names`] does not
    /// name.
    #[error(transparent)]
    UnknownLayer(#[from] UnknownName),
    /// A layer could not be made (a point that cannot be projected to the CRS asked).
    #[error("{0}")]
    Layer(std::io::Error),
}

/// One layer or table of the GIS formats ([`crate::outputs::gis_layer_names`]) as
/// Parquet bytes: a map layer as GeoParquet, as [`OutputFile::ZonesParquet`] and the
/// others write it, a table (`table_actors`...) as plain Parquet with typed columns.
/// Python's `Diagnosis.to_arrow` reads these.
///
/// # Errors
/// [`OutputError::UnknownLayer`], [`OutputError::Layer`].
///
/// # Example
/// ```
/// # let territory = maillage::bundle::load_bundle("../../data/lyon7".as_ref()).unwrap().territory;
/// use maillage::outputs::{layer_parquet, OutputFile, OutputOptions};
/// let diagnosis = maillage::Diagnosis::of(&territory);
/// let options = OutputOptions::default();
/// let zones = layer_parquet(&territory, &diagnosis, &options, "zones")?;
/// assert_eq!(zones, OutputFile::ZonesParquet.render(&territory, &diagnosis, &options));
/// assert!(layer_parquet(&territory, &diagnosis, &options, "table_gaps")?.starts_with(b"PAR1"));
/// assert!(layer_parquet(&territory, &diagnosis, &options, "roads").is_err());
/// # Ok::<(), maillage::outputs::OutputError>(())
/// ```
pub fn layer_parquet(
    territory: &Territory,
    diagnosis: &Diagnosis,
    options: &OutputOptions,
    layer: &str,
) -> Result<Vec<u8>, OutputError> {
    options.check(territory, diagnosis)?;
    let layer = gis_layer(layer, territory, diagnosis, options)?.map_err(OutputError::Layer)?;
    let mut bytes = Vec::new();
    write_parquet(&layer, &mut bytes).map_err(OutputError::Layer)?;
    Ok(bytes)
}

/// Renders `files` of a diagnosis and writes them into `dir` (created if needed) as one
/// change: every file is streamed ([`OutputFile::render_to`]) into a temporary file
/// beside its destination, and only when all are written and flushed to disk are they
/// renamed into place, so a failure leaves the previous outputs as they were
/// ([`write_all_atomic_with`]).
///
/// No file is held in memory whole: what writing adds to the memory of the territory
/// and its diagnosis is a few buffers and the indexes each file needs. The files are
/// written in parallel (on rayon's threads, the largest first); their bytes do not
/// depend on the number of threads.
///
/// # Returns
/// The paths written, in the order of `files`.
///
/// # Errors
/// An unknown indicator (checked before anything is written), a folder that cannot be
/// created, or a file that cannot be written.
///
/// # Example
/// ```
/// # let territory = maillage::bundle::load_bundle("../../data/lyon7".as_ref()).unwrap().territory;
/// use maillage::outputs::{write_outputs, OutputFile, OutputOptions};
/// let diagnosis = maillage::Diagnosis::of(&territory);
/// let dir = std::env::temp_dir().join("maillage-doc-outputs");
/// let written = write_outputs(&dir, &territory, &diagnosis, &OutputFile::ALL, &OutputOptions::default())?;
/// assert_eq!(written.len(), OutputFile::ALL.len());
/// assert!(dir.join("report.html").is_file());
/// # Ok::<(), maillage::outputs::OutputError>(())
/// ```
pub fn write_outputs(
    dir: &Path,
    territory: &Territory,
    diagnosis: &Diagnosis,
    files: &[OutputFile],
    options: &OutputOptions,
) -> Result<Vec<PathBuf>, OutputError> {
    options.check(territory, diagnosis)?;
    std::fs::create_dir_all(dir).map_err(|source| OutputError::Folder {
        path: dir.to_owned(),
        source,
    })?;
    // Largest first, so that the threads finish together; the paths go back to the
    // order of `files` after.
    let mut order: Vec<usize> = (0..files.len()).collect();
    order.sort_by_key(|&i| files[i].weight_rank());
    let names: Vec<&str> = order.iter().map(|&i| files[i].file_name()).collect();
    let written = write_all_atomic_with(dir, &names, |k, out| {
        files[order[k]].render_to(territory, diagnosis, options, out)
    })?;
    let mut paths = vec![PathBuf::new(); files.len()];
    for (path, &i) in written.into_iter().zip(&order) {
        paths[i] = path;
    }
    Ok(paths)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_output_name_reads_back() {
        for f in OutputFile::ALL.into_iter().chain(OutputFile::GIS) {
            assert_eq!(f.file_name().parse::<OutputFile>(), Ok(f));
        }
        let e = "zones.json".parse::<OutputFile>().unwrap_err();
        assert!(e.expected.contains(&"zones.geojson") && e.expected.contains(&"report.html"));
        assert!(
            e.to_string()
                .starts_with("« zones.json » n’est pas un nom de sortie connu"),
            "{e}"
        );
    }
}
