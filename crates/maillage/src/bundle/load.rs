//! Loading a bundle folder (docs/bundle.md) into a [`Territory`]: every file read,
//! every row checked, every reference resolved, and every problem reported at once.

use super::csv_table::{too_many_problems, CsvTable, ErrorBudget, Row, TablePlace};
use super::layer::parse_layer;
use super::manifest::{leaves_folder, parse_manifest, LayerSpec, Manifest, MANIFEST_FILE};
use super::problem::MAX_ERRORS_PER_FILE;
use super::workbook::{find_workbook, read_workbook_file};
use super::{decode_text, BundleErrors, Location, Problem, ProblemCode, Severity};
use crate::crs::{Crs, ToWgs84};
use crate::lang::Message;
use crate::model::default_capacity;
use crate::model::id_index::IdIndex;
use crate::model::ZoneIndex;
use crate::model::{
    split_themes, Action, Actor, ActorIx, AnalysisSettings, Layer, LayerIx, LonLat, Need, Relation,
    RelationKind, Taxonomy, Territory, Theme, Validity, ZoneIx, ZoneRef,
};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

/// Actors file name.
pub const ACTORS_FILE: &str = "actors.csv";
/// Relations file name.
pub const RELATIONS_FILE: &str = "relations.csv";
/// Actions file name.
pub const ACTIONS_FILE: &str = "actions.csv";
/// Needs file name.
pub const NEEDS_FILE: &str = "needs.csv";

/// The columns of each table the format defines, in the order the writer puts them.
pub(super) const ACTOR_COLUMNS: &[&str] = &[
    "id",
    "name",
    "kind",
    "sector",
    "themes",
    "x",
    "y",
    "capacity",
    "serves",
    "accepting",
];
pub(super) const RELATION_COLUMNS: &[&str] = &[
    "source", "target", "kind", "weight", "themes", "since", "until",
];
pub(super) const ACTION_COLUMNS: &[&str] = &[
    "id", "name", "themes", "lead", "partners", "funders", "zones", "start", "end",
];
pub(super) const NEED_COLUMNS: &[&str] = &["zone", "theme", "level", "source"];

/// A loaded territory and the warnings found on the way.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The territory, complete.
    pub territory: Territory,
    /// Doubtful values that were kept (point outside every zone, swapped coordinates,
    /// invalid polygon, zone without population, Windows-1252 file...).
    pub warnings: Vec<Problem>,
    /// The CRS of the bundle's coordinates (the manifest's `crs`): the territory holds
    /// them in WGS84, and the GIS outputs are written in this one unless asked
    /// otherwise.
    pub crs: Crs,
}

/// Loads a bundle folder.
///
/// # Arguments
/// * `dir`: the bundle folder, holding `territory.toml`, `actors.csv`, `relations.csv`,
///   optionally `actions.csv` and `needs.csv`, and the layer files the manifest names.
///
/// # Returns
/// The whole territory with its warnings.
///
/// # Errors
/// [`BundleErrors`] with every error found in every file, each naming the file, the
/// line (or GeoJSON feature) and the field. Nothing is returned half-loaded.
///
/// # Example
/// ```
/// let loaded = maillage::bundle::load_bundle("../../data/lyon7".as_ref()).unwrap();
/// assert!(loaded.territory.actors.len() >= 150);
/// assert_eq!(loaded.territory.coverage_layer().zones.len(), 24);
/// ```
pub fn load_bundle(dir: &Path) -> Result<Loaded, BundleErrors> {
    if !dir.is_dir() {
        let p = vec![Problem::error(
            dir.display().to_string(),
            Location::File,
            None,
            ProblemCode::MissingFile,
            crate::msg!(NoSuchBundleFolder),
        )];
        return Err(split(p).unwrap_err());
    }
    load_from(&Source::folder(dir))
}

/// Loads a bundle held in memory: the same checks as [`load_bundle`], on a map from
/// each file's path relative to the bundle (`territory.toml`, `actors.csv`,
/// `zones/quartiers.geojson`...) to its bytes. A file absent from the map is a missing
/// file. Useful to programs that receive a bundle as an upload or an archive, and to
/// fuzzing.
///
/// # Errors
/// As [`load_bundle`], including the size limits of [`MAX_TABLE_BYTES`],
/// [`MAX_LAYER_BYTES`] and [`MAX_MANIFEST_BYTES`].
///
/// # Example
/// ```
/// use std::collections::BTreeMap;
/// let mut files: BTreeMap<String, Vec<u8>> = BTreeMap::new();
/// files.insert("territory.toml".into(), b"format = 1\nname = \"T\"\n\n[layers.q]\nfile = \"q.geojson\"\nid = \"code\"\n".to_vec());
/// files.insert("q.geojson".into(), br#"{"type": "FeatureCollection", "features": [{"type": "Feature",
///   "properties": {"code": "A"}, "geometry": {"type": "Polygon",
///   "coordinates": [[[4.8, 45.7], [4.9, 45.7], [4.9, 45.8], [4.8, 45.7]]]}}]}"#.to_vec());
/// files.insert("actors.csv".into(), b"id,name,kind,x,y\nm1,Dr A,medecin_generaliste,4.88,45.72\n".to_vec());
/// files.insert("relations.csv".into(), b"source,target,kind\n".to_vec());
/// let loaded = maillage::bundle::load_bundle_bytes(&files).unwrap();
/// assert_eq!(loaded.territory.actors.len(), 1);
///
/// files.insert("actors.csv".into(), b"id,name,kind\nm1,Dr A,generalist\n".to_vec());
/// let refused = maillage::bundle::load_bundle_bytes(&files).unwrap_err();
/// let english = refused.errors[0].render(maillage::lang::Lang::En);
/// assert_eq!(english.split(':').take(3).collect::<Vec<_>>(), ["actors.csv", "2", " kind"]);
/// ```
pub fn load_bundle_bytes(files: &BTreeMap<String, Vec<u8>>) -> Result<Loaded, BundleErrors> {
    load_from(&Source::Memory(files))
}

/// A table read (or `None`), and the problems of reading it.
pub(crate) type Parsed = (Option<CsvTable>, Vec<Problem>);

/// Where the files of a bundle come from.
pub(crate) enum Source<'a> {
    /// A folder; `confined` while its files may not lie outside it (the manifest's
    /// `allow_files_outside` unset).
    Folder {
        dir: &'a Path,
        confined: bool,
    },
    Memory(&'a BTreeMap<String, Vec<u8>>),
}

impl<'a> Source<'a> {
    /// A bundle folder, whose files must lie inside it.
    pub(crate) fn folder(dir: &'a Path) -> Self {
        Self::Folder {
            dir,
            confined: true,
        }
    }
}

/// The problem of a file that lies outside its bundle folder: by its path (absolute,
/// `..`) or as a symbolic link pointing out. `None` for a file inside, or one that
/// does not exist (reported when it is read).
fn outside_bundle(dir: &Path, name: &str) -> Option<Problem> {
    let why = if leaves_folder(name) {
        crate::msg!(LiesOutsideBundle)
    } else {
        let real = dir.join(name).canonicalize().ok()?;
        let root = dir.canonicalize().ok()?;
        if real.starts_with(&root) {
            return None;
        }
        crate::msg!(SymlinkOutsideBundle, target = real.display().to_string())
    };
    Some(Problem::error(
        name,
        Location::File,
        None,
        ProblemCode::OutsideBundle,
        crate::msg!(OutsideBundle, why = why, folder = dir.display().to_string()),
    ))
}

fn load_from(source: &Source) -> Result<Loaded, BundleErrors> {
    let mut p = Vec::new();
    let manifest = read_file(source, MANIFEST_FILE, &mut p).and_then(|bytes| {
        let (text, warning) = decode_text(MANIFEST_FILE, &bytes);
        p.extend(warning);
        parse_manifest(&text, &mut p)
    });
    // The manifest says whether the other files may lie outside the folder.
    let unconfined;
    let source = match (source, &manifest) {
        (Source::Folder { dir, .. }, Some(m)) if m.allow_files_outside => {
            unconfined = Source::Folder {
                dir,
                confined: false,
            };
            &unconfined
        }
        _ => source,
    };
    let workbook = find_workbook(source, &mut p);
    // relations.csv, the largest file by far, is parsed while the layers and the other
    // tables are read and the actors checked, on every thread; the problems of each
    // file are then reported where a reading one after the other puts them.
    let specs = manifest
        .as_ref()
        .map_or_else(Vec::new, |m| m.layers.clone());
    let mut loader = Loader::new(manifest, &mut p);
    let parse = |name: &str, required: bool| {
        let mut problems = Vec::new();
        let table = read_file_opt(source, name, required, &mut problems)
            .and_then(|bytes| CsvTable::parse(name, &bytes, &mut problems));
        problems.extend(table.iter().flat_map(CsvTable::formula_warnings));
        (table, problems)
    };
    let (relations_parsed, (actors, actions_parsed, needs_parsed)) = match workbook {
        // A workbook: its sheets are read together, then checked as the CSV tables.
        Some(Ok(name)) => {
            let (layers, tables) = rayon::join(
                || read_layers(source, &specs),
                || read_workbook_file(source, &name),
            );
            let (general, mut tables) = tables;
            for (table, problems) in &mut tables {
                problems.extend(table.iter().flat_map(CsvTable::formula_warnings));
            }
            let [actors, relations, actions, needs] = tables;
            loader.problems.extend(general);
            let actors = loader.actors_after(layers, actors);
            (relations, (actors, actions, needs))
        }
        Some(Err(())) => {
            let layers = read_layers(source, &specs);
            let none = || (None, Vec::new());
            let actors = loader.actors_after(layers, none());
            (none(), (actors, none(), none()))
        }
        None => rayon::join(
            || parse(RELATIONS_FILE, true),
            || {
                let (layers, tables) = rayon::join(
                    || read_layers(source, &specs),
                    || {
                        [
                            (ACTORS_FILE, true),
                            (ACTIONS_FILE, false),
                            (NEEDS_FILE, false),
                        ]
                        .into_par_iter()
                        .map(|(name, required)| parse(name, required))
                        .collect::<Vec<_>>()
                    },
                );
                let mut tables = tables.into_iter();
                let mut next = || tables.next().expect("three tables");
                let (actors, actions, needs) = (next(), next(), next());
                let actors = loader.actors_after(layers, actors);
                (actors, actions, needs)
            },
        ),
    };
    let (relations_table, relations_problems) = relations_parsed;
    loader.problems.extend(relations_problems);
    let relations = relations_table
        .map(|t| loader.read_relations(&t))
        .unwrap_or_default();
    let (actions_table, problems) = actions_parsed;
    loader.problems.extend(problems);
    let actions = actions_table
        .map(|t| loader.read_actions(&t))
        .unwrap_or_default();
    let (needs_table, problems) = needs_parsed;
    loader.problems.extend(problems);
    let mut needs = needs_table
        .map(|t| loader.read_needs(&t))
        .unwrap_or_default();
    let need_rules = loader.need_rules();
    // a layer with errors raises nothing: the bundle is refused anyway
    let raised = crate::model::raise_needs_in(
        |l| {
            let layer = loader.layers.get(l.0 as usize)?.as_ref()?;
            Some(layer.zones.as_slice())
        },
        &need_rules,
        &needs,
    );
    needs.extend(raised);
    loader.warn_about_locations(&actors);
    let costs = loader.read_costs(source, &actors);
    let Loader {
        manifest,
        layers,
        coverage_layer,
        problems,
        ..
    } = loader;
    let warnings = split(std::mem::take(problems))?;
    let manifest = manifest.expect("no error, so the manifest was read");
    let layers: Vec<Layer> = layers
        .into_iter()
        .map(|l| l.expect("no error, so every layer was read"))
        .collect();
    let crs = manifest.crs;
    let territory = Territory::from_checked_parts(
        manifest.name,
        manifest.date,
        manifest.taxonomy,
        actors,
        relations,
        actions,
        needs,
        layers,
        AnalysisSettings {
            coverage_layer,
            catchment_m: manifest.catchment_m,
            required: manifest.required.0,
            partition: manifest.partition.0,
            access: manifest.access,
            solicitation_threshold: manifest.solicitation_threshold,
            expected: manifest.expected,
            pathways: manifest.pathways,
            capacity_units: manifest.capacity_units,
            need_rules,
            cost_settings: manifest.costs,
            costs: costs.map(std::sync::Arc::new),
        },
    );
    Ok(Loaded {
        territory,
        warnings,
        crs,
    })
}

/// Splits problems into errors (then `Err`) or warnings (then `Ok`).
fn split(problems: Vec<Problem>) -> Result<Vec<Problem>, BundleErrors> {
    let (errors, warnings): (Vec<_>, Vec<_>) = problems
        .into_iter()
        .partition(|p| p.severity == Severity::Error);
    if errors.is_empty() {
        Ok(warnings)
    } else {
        Err(BundleErrors { errors, warnings })
    }
}

/// The largest CSV table read (`actors.csv`, `relations.csv`...): 1 GiB. France's
/// whole network (500,000 actors, 4 million relations, `maillage generate --size XL`)
/// takes about 160 MiB of relations.csv. Larger files are refused unread.
pub const MAX_TABLE_BYTES: u64 = 1 << 30;
/// The largest GeoJSON layer read: 128 MiB, several times France's IRIS outlines for a
/// whole region. Larger files are refused unread.
pub const MAX_LAYER_BYTES: u64 = 128 << 20;
/// The largest manifest read: 1 MiB.
pub const MAX_MANIFEST_BYTES: u64 = 1 << 20;

/// The size limit of a file of the bundle, by its kind.
fn size_limit(name: &str) -> u64 {
    if name == MANIFEST_FILE {
        MAX_MANIFEST_BYTES
    } else if name.ends_with(".csv") {
        MAX_TABLE_BYTES
    } else if super::workbook::is_workbook_name(name) {
        super::MAX_WORKBOOK_BYTES
    } else {
        MAX_LAYER_BYTES
    }
}

/// Reads a file of the bundle; a missing required file is an error, a missing optional
/// one is `None` without a problem.
fn read_file(source: &Source, name: &str, problems: &mut Vec<Problem>) -> Option<Vec<u8>> {
    read_file_opt(source, name, true, problems)
}

/// A file too large to read, refused before reading it.
fn too_large(name: &str, size: Option<u64>, limit: u64) -> Problem {
    let size = size.map_or_else(|| crate::msg!(MoreThanLimit).into(), crate::lang::Arg::text);
    Problem::error(
        name,
        Location::File,
        None,
        ProblemCode::TooLarge,
        crate::msg!(FileTooLarge, size = size, limit = limit, mib = limit >> 20),
    )
}

/// Reads at most `limit + 1` bytes of a file, so that a huge file, a device or a pipe
/// never fills the memory.
fn read_bounded(path: &Path, limit: u64) -> std::io::Result<Result<Vec<u8>, Option<u64>>> {
    use std::io::Read;
    let file = std::fs::File::open(path)?;
    let size = file.metadata()?.len();
    if size > limit {
        return Ok(Err(Some(size)));
    }
    let mut bytes = Vec::with_capacity(size as usize);
    file.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Ok(Err(None));
    }
    Ok(Ok(bytes))
}

pub(crate) fn read_file_opt(
    source: &Source,
    name: &str,
    required: bool,
    problems: &mut Vec<Problem>,
) -> Option<Vec<u8>> {
    read_file_limited(source, name, required, size_limit(name), problems)
}

/// [`read_file_opt`] with a size limit of the caller's.
pub(crate) fn read_file_limited(
    source: &Source,
    name: &str,
    required: bool,
    limit: u64,
    problems: &mut Vec<Problem>,
) -> Option<Vec<u8>> {
    let read = match source {
        Source::Folder { dir, confined } => {
            if *confined {
                if let Some(problem) = outside_bundle(dir, name) {
                    problems.push(problem);
                    return None;
                }
            }
            read_bounded(&dir.join(name), limit)
        }
        Source::Memory(files) => match files.get(name) {
            Some(bytes) if bytes.len() as u64 > limit => Ok(Err(Some(bytes.len() as u64))),
            Some(bytes) => Ok(Ok(bytes.clone())),
            None => Err(std::io::ErrorKind::NotFound.into()),
        },
    };
    let where_ = match source {
        Source::Folder { dir, .. } => {
            crate::msg!(InBundleFolder, folder = dir.display().to_string())
        }
        Source::Memory(_) => crate::msg!(AmongBundleFiles),
    };
    reported(read, name, required, limit, where_, problems)
}

/// A file given apart from a bundle (`--costs FILE`), at most `limit` bytes.
pub(crate) fn read_path(
    path: &Path,
    name: &str,
    limit: u64,
    problems: &mut Vec<Problem>,
) -> Option<Vec<u8>> {
    let read = read_bounded(path, limit);
    reported(read, name, true, limit, crate::msg!(GivenApart), problems)
}

/// The bytes read, or the problem of a file too large, missing or unreadable.
fn reported(
    read: std::io::Result<Result<Vec<u8>, Option<u64>>>,
    name: &str,
    required: bool,
    limit: u64,
    where_: crate::lang::Message,
    problems: &mut Vec<Problem>,
) -> Option<Vec<u8>> {
    match read {
        Ok(Ok(bytes)) => Some(bytes),
        Ok(Err(size)) => {
            problems.push(too_large(name, size, limit));
            None
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && !required => None,
        Err(e) => {
            let why = if e.kind() == std::io::ErrorKind::NotFound {
                crate::msg!(FileNotFound)
            } else {
                crate::msg!(CannotBeRead, detail = e.to_string())
            };
            problems.push(Problem::error(
                name,
                Location::File,
                None,
                ProblemCode::MissingFile,
                crate::msg!(MissingFile, why = why, file = name, place = where_),
            ));
            None
        }
    }
}

struct Loader<'p> {
    manifest: Option<Manifest>,
    taxonomy: Taxonomy,
    crs: Crs,
    /// One entry per layer of the manifest; `None` when the layer file had errors.
    layers: Vec<Option<Layer>>,
    /// Each layer's zones by id (empty for a layer that had errors): a national
    /// directory names tens of thousands of zones in its `serves` cells.
    zone_index: Vec<IdIndex<ZoneIx>>,
    coverage_layer: LayerIx,
    actor_index: IdIndex<ActorIx>,
    /// Where the actors' table lies (actors.csv, or a workbook's sheet), for the
    /// problems found after reading it.
    actors_place: Option<TablePlace>,
    /// Whether every row of actors.csv was read, so that an id missing from
    /// `actor_index` is really unknown (not on a row left unread).
    actors_read: bool,
    problems: &'p mut Vec<Problem>,
}

impl<'p> Loader<'p> {
    fn new(manifest: Option<Manifest>, problems: &'p mut Vec<Problem>) -> Self {
        Self {
            taxonomy: manifest
                .as_ref()
                .map_or_else(Taxonomy::builtin, |m| m.taxonomy.clone()),
            crs: manifest.as_ref().map_or_else(Crs::default, |m| m.crs),
            manifest,
            layers: Vec::new(),
            zone_index: Vec::new(),
            coverage_layer: LayerIx(0),
            actor_index: IdIndex::default(),
            actors_place: None,
            actors_read: false,
            problems,
        }
    }

    /// Takes the layers, checks the analysis settings, then reads the actors' table:
    /// the steps before the other tables, which refer to actors and zones.
    fn actors_after(
        &mut self,
        layers: (Vec<Option<Layer>>, Vec<Problem>),
        (table, problems): Parsed,
    ) -> Vec<Actor> {
        self.take_layers(layers);
        self.check_analysis();
        self.problems.extend(problems);
        let actors = table
            .as_ref()
            .map(|t| self.read_actors(t))
            .unwrap_or_default();
        self.check_partition(table.as_ref());
        actors
    }

    /// Takes the layers read by [`read_layers`] and indexes their zones by id.
    fn take_layers(&mut self, (layers, problems): (Vec<Option<Layer>>, Vec<Problem>)) {
        self.problems.extend(problems);
        for layer in layers {
            let index = layer.as_ref().map_or_else(IdIndex::default, |l| {
                let mut index = IdIndex::with_capacity(l.zones.len());
                for (i, z) in l.zones.iter().enumerate() {
                    // the first zone of an id, as a search in file order finds it
                    index.insert_first(&z.id, ZoneIx(i as u32));
                }
                index
            });
            self.zone_index.push(index);
            self.layers.push(layer);
        }
    }

    fn manifest_error(&mut self, line: u64, field: &str, code: ProblemCode, message: Message) {
        let location = if line == 0 {
            Location::File
        } else {
            Location::Line(line)
        };
        self.problems.push(Problem::error(
            MANIFEST_FILE,
            location,
            Some(field),
            code,
            message,
        ));
    }

    fn check_analysis(&mut self) {
        let Some(m) = &self.manifest else { return };
        let names: Vec<String> = m.layers.iter().map(|l| l.name.clone()).collect();
        let coverage = m.coverage_layer.clone();
        let (required, line) = m.required.clone();
        if let Some((name, line)) = coverage {
            match names.iter().position(|n| *n == name) {
                Some(i) => self.coverage_layer = LayerIx(i as u32),
                None => self.manifest_error(
                    line,
                    "analysis.coverage_layer",
                    ProblemCode::UnknownLayer,
                    crate::msg!(NoLayerNamed, name = &name, expected = names.join(", ")),
                ),
            }
        }
        for kind in required {
            if self.taxonomy.kind(&kind).is_none() {
                let closest = self.taxonomy.closest_kinds(&kind, 3).join(", ");
                self.manifest_error(
                    line,
                    "analysis.required",
                    ProblemCode::UnknownKind,
                    crate::msg!(UnknownKind, kind = &kind, closest = closest),
                );
            }
        }
    }

    fn check_partition(&mut self, actors: Option<&CsvTable>) {
        let Some(m) = &self.manifest else { return };
        let (partition, line) = m.partition.clone();
        let builtin = ["sector", "kind", "family"];
        let known = builtin.contains(&partition.as_str())
            || actors.is_none_or(|t| t.column(&partition).is_some());
        if !known {
            self.manifest_error(
                line,
                "analysis.partition",
                ProblemCode::MissingColumn,
                crate::msg!(
                    NoPartitionColumn,
                    file = self.actors_file(),
                    partition = &partition
                ),
            );
        }
    }

    /// Resolves a `layer:id` reference. `Ok(None)` when the layer exists but could not
    /// be read (its own errors are already reported), or when the manifest is unusable.
    fn zone_ref(&self, text: &str) -> Result<Option<ZoneRef>, (ProblemCode, Message)> {
        let Some(m) = &self.manifest else {
            return Ok(None);
        };
        let Some((layer_name, id)) = text.split_once(':') else {
            return Err((
                ProblemCode::BadZoneReference,
                crate::msg!(
                    BadZoneReference,
                    text = text,
                    layer = m.layers.first().map_or("quartiers", |l| l.name.as_str())
                ),
            ));
        };
        let (layer_name, id) = (layer_name.trim(), id.trim());
        let Some(li) = m.layers.iter().position(|l| l.name == layer_name) else {
            let names: Vec<&str> = m.layers.iter().map(|l| l.name.as_str()).collect();
            return Err((
                ProblemCode::UnknownLayer,
                crate::msg!(
                    NoLayerNamedIn,
                    name = layer_name,
                    text = text,
                    expected = names.join(", ")
                ),
            ));
        };
        let Some(layer) = self.layers.get(li).and_then(Option::as_ref) else {
            return Ok(None);
        };
        match self.zone_index[li].get(id) {
            Some(zone) => Ok(Some(ZoneRef {
                layer: LayerIx(li as u32),
                zone,
            })),
            None => Err((
                ProblemCode::UnknownZone,
                crate::msg!(
                    UnknownZone,
                    layer = layer_name,
                    id = id,
                    count = layer.zones.len(),
                    example = layer.zones.first().map_or("", |z| z.id.as_str())
                ),
            )),
        }
    }

    fn zone_refs(&mut self, row: &Row, column: &str) -> Vec<ZoneRef> {
        let mut refs = Vec::new();
        for item in row.list(column) {
            match self.zone_ref(item) {
                Ok(Some(r)) => {
                    if !refs.contains(&r) {
                        refs.push(r)
                    }
                }
                Ok(None) => {}
                Err((code, message)) => self.problems.push(row.error(column, code, message)),
            }
        }
        refs
    }

    fn actor_refs(&mut self, row: &Row, column: &str) -> Vec<ActorIx> {
        let mut found = Vec::new();
        for id in row.list(column) {
            match self.actor_index.get(id) {
                Some(a) => found.push(a),
                None if self.actors_read => {
                    let file = self.actors_file();
                    self.problems.push(unknown_actor(row, column, id, &file))
                }
                None => {}
            }
        }
        found
    }

    /// The actors' table's file or sheet, as messages name it.
    fn actors_file(&self) -> String {
        self.actors_place
            .as_ref()
            .map_or_else(|| ACTORS_FILE.to_owned(), |p| p.file.clone())
    }

    fn read_actors(&mut self, t: &CsvTable) -> Vec<Actor> {
        self.actors_place = Some(t.place());
        if !t.require_columns(&["id", "name", "kind"], self.problems) {
            return Vec::new();
        }
        let extra = t.extra_columns(ACTOR_COLUMNS);
        let to_wgs84 = ToWgs84::new(self.crs);
        let mut first_line: IdIndex<u64> = IdIndex::with_capacity(t.len());
        let mut theme_cache = ThemeCache::default();
        self.actor_index = IdIndex::with_capacity(t.len());
        let mut actors = Vec::with_capacity(t.len());
        self.actors_read = true;
        let mut budget = ErrorBudget::new(&t.file, self.problems);
        for row in t.rows() {
            if budget.exhausted(self.problems) {
                self.actors_read = false;
                break;
            }
            let p = &mut *self.problems;
            let id = row.required("id", crate::msg!(ExpectedUniqueActorId), p);
            let name = row.required("name", crate::msg!(ExpectedDisplayName), p);
            let kind_id = row.required("kind", crate::msg!(ExpectedKind), p);
            if let Some(id) = id {
                if let Some(first) = first_line.insert_first(id, row.line) {
                    p.push(row.error(
                        "id",
                        ProblemCode::DuplicateId,
                        crate::msg!(DuplicateActorId, id = id, first = first),
                    ));
                }
            }
            let taxonomy = &self.taxonomy;
            // the kind's family and default sector, all an actor keeps of it
            let kind = kind_id.and_then(|k| {
                let found = taxonomy.kind(k);
                if found.is_none() {
                    let closest = taxonomy.closest_kinds(k, 3).join(", ");
                    p.push(row.error(
                        "kind",
                        ProblemCode::UnknownKind,
                        crate::msg!(UnknownKind, kind = k, closest = closest),
                    ));
                }
                found.map(|k| (k.family.clone(), k.sector.clone()))
            });
            let sector = match row.get("sector") {
                Some(s) if self.taxonomy.sector(s).is_none() => {
                    let known: Vec<&str> =
                        self.taxonomy.sectors.keys().map(String::as_str).collect();
                    p.push(row.error(
                        "sector",
                        ProblemCode::UnknownSector,
                        crate::msg!(UnknownSector, sector = s, expected = known.join(", ")),
                    ));
                    None
                }
                Some(s) => Some(s.to_owned()),
                None => kind.as_ref().map(|(_, sector)| sector.clone()),
            };
            let location = read_location(&row, &to_wgs84, p);
            let capacity = row.number("capacity", crate::msg!(ExpectedCapacity), |x| x >= 0.0, p);
            let accepting = row.boolean("accepting", p);
            let serves = self.zone_refs(&row, "serves");
            let (
                Some(id),
                Some(name),
                Some((family, _)),
                Some(sector),
                Ok(location),
                Ok(capacity),
                Ok(accepting),
            ) = (id, name, kind, sector, location, capacity, accepting)
            else {
                continue;
            };
            let capacity = capacity.unwrap_or_else(|| default_capacity(&family));
            let ix = ActorIx(actors.len() as u32);
            self.actor_index.insert_first(id, ix);
            actors.push(Actor {
                id: id.to_owned(),
                name: name.to_owned(),
                kind: kind_id.unwrap_or_default().to_owned(),
                sector,
                family,
                themes: theme_cache.of(&row, "themes"),
                location,
                capacity,
                serves,
                accepting,
                attributes: row.attributes(&extra),
                line: row.line,
            });
        }
        // Ids seen on refused rows still count as known, so relations to them are not
        // reported a second time as unknown actors.
        if actors.len() < t.len() {
            for id in t.rows().filter_map(|row| row.get("id")) {
                if first_line.contains(id) {
                    self.actor_index.insert_first(id, ActorIx(u32::MAX));
                }
            }
        }
        actors
    }

    fn read_relations(&mut self, t: &CsvTable) -> Vec<Relation> {
        if !t.require_columns(&["source", "target", "kind"], self.problems) {
            return Vec::new();
        }
        let extra = t.extra_columns(RELATION_COLUMNS);
        // Blocks of rows read on every thread (a national file holds millions), each
        // stopping at the error limit; joined in file order below, so relations and
        // problems come out as a reading row by row gives them.
        let actors_file = self.actors_file();
        let reader = RelationReader {
            actor_index: &self.actor_index,
            actors_file: &actors_file,
            actors_read: self.actors_read,
            extra: &extra,
        };
        let blocks: Vec<(Vec<Relation>, RowProblems)> = (0..t.len())
            .step_by(ROW_BLOCK)
            .collect::<Vec<usize>>()
            .into_par_iter()
            .map(|start| {
                let mut relations = Vec::new();
                let mut problems = Vec::new();
                let mut themes = ThemeCache::default();
                let mut errors = 0;
                for i in start..(start + ROW_BLOCK).min(t.len()) {
                    if errors >= MAX_ERRORS_PER_FILE {
                        break;
                    }
                    let mut p = Vec::new();
                    relations.extend(reader.read(t.row(i), &mut themes, &mut p));
                    if !p.is_empty() {
                        errors += p.iter().filter(|p| p.severity == Severity::Error).count();
                        problems.push((i, p));
                    }
                }
                (relations, problems)
            })
            .collect();
        let mut relations = Vec::with_capacity(t.len());
        let mut errors = 0;
        for (block, problems) in blocks {
            relations.extend(block);
            for (i, p) in problems {
                if errors >= MAX_ERRORS_PER_FILE {
                    // the row after the one that reached the limit is left unchecked
                    self.problems.push(too_many_problems(&t.file));
                    return relations;
                }
                errors += p.iter().filter(|p| p.severity == Severity::Error).count();
                self.problems.extend(p);
                if errors >= MAX_ERRORS_PER_FILE && i + 1 < t.len() {
                    self.problems.push(too_many_problems(&t.file));
                    return relations;
                }
            }
        }
        relations
    }

    fn read_actions(&mut self, t: &CsvTable) -> Vec<Action> {
        if !t.require_columns(&["id", "name", "lead"], self.problems) {
            return Vec::new();
        }
        let extra = t.extra_columns(ACTION_COLUMNS);
        let mut first_line: IdIndex<u64> = IdIndex::default();
        let mut actions = Vec::new();
        let mut budget = ErrorBudget::new(&t.file, self.problems);
        for row in t.rows() {
            if budget.exhausted(self.problems) {
                break;
            }
            let p = &mut *self.problems;
            let id = row.required("id", crate::msg!(ExpectedUniqueActionId), p);
            let name = row.required("name", crate::msg!(ExpectedActionName), p);
            let lead_present = row
                .required("lead", crate::msg!(ExpectedLeadActor), p)
                .is_some();
            if let Some(id) = id {
                if let Some(first) = first_line.insert_first(id, row.line) {
                    p.push(row.error(
                        "id",
                        ProblemCode::DuplicateId,
                        crate::msg!(DuplicateActionId, id = id, first = first),
                    ));
                }
            }
            let validity = read_validity(&row, "start", "end", EndDate::Included, p);
            let before = self.problems.len();
            let lead = self.actor_refs(&row, "lead");
            let partners = self.actor_refs(&row, "partners");
            let funders = self.actor_refs(&row, "funders");
            let zones = self.zone_refs(&row, "zones");
            let refs_ok = self.problems.len() == before;
            let (Some(id), Some(name), true, Some(validity), true) =
                (id, name, lead_present, validity, refs_ok)
            else {
                continue;
            };
            actions.push(Action {
                id: id.to_owned(),
                name: name.to_owned(),
                themes: row.themes("themes"),
                lead,
                partners,
                funders,
                zones,
                validity,
                attributes: row.attributes(&extra),
                line: row.line,
            });
        }
        actions
    }

    fn read_needs(&mut self, t: &CsvTable) -> Vec<Need> {
        if !t.require_columns(&["zone", "theme"], self.problems) {
            return Vec::new();
        }
        let extra = t.extra_columns(NEED_COLUMNS);
        let mut needs = Vec::new();
        let mut budget = ErrorBudget::new(&t.file, self.problems);
        for row in t.rows() {
            if budget.exhausted(self.problems) {
                break;
            }
            let p = &mut *self.problems;
            let zone_text = row.required("zone", crate::msg!(ExpectedZoneReference), p);
            let theme = row.required("theme", crate::msg!(ExpectedTheme), p);
            let level = row.number(
                "level",
                crate::msg!(ExpectedNeedLevel),
                |x| [1.0, 2.0, 3.0].contains(&x),
                p,
            );
            let zone = zone_text.map(|z| self.zone_ref(z));
            let zone = match zone {
                Some(Ok(z)) => z,
                Some(Err((code, message))) => {
                    self.problems.push(row.error("zone", code, message));
                    None
                }
                None => None,
            };
            let (Some(zone), Some(theme), Ok(level)) = (zone, theme, level) else {
                continue;
            };
            needs.push(Need {
                zone,
                theme: crate::model::Theme::new(theme),
                level: level.map_or(2, |l| l as u8),
                source: row.get("source").map(str::to_owned),
                attributes: row.attributes(&extra),
                line: row.line,
                raised_by: None,
            });
        }
        needs
    }

    /// The rules of `[[needs_from_indicators]]` resolved against the layers: the layer
    /// named, or the one layer declaring the indicator; the zones, of that layer. Every
    /// rule that cannot be resolved is an error at its line.
    fn need_rules(&mut self) -> Vec<crate::model::NeedRule> {
        let Some(m) = &self.manifest else {
            return Vec::new();
        };
        let specs = m.need_rules.clone();
        let layer_specs: Vec<(String, Vec<crate::model::Indicator>)> = m
            .layers
            .iter()
            .map(|l| {
                let indicators = l.indicators.iter().map(|(i, _)| i.clone()).collect();
                (l.name.clone(), indicators)
            })
            .collect();
        let mut rules = Vec::new();
        for spec in specs {
            let field = |key: &str| format!("needs_from_indicators[{}].{key}", spec.number);
            let number = spec.number;
            let declaring: Vec<usize> = layer_specs
                .iter()
                .enumerate()
                .filter(|(_, (_, indicators))| {
                    indicators.iter().any(|i| i.property == spec.indicator)
                })
                .map(|(i, _)| i)
                .collect();
            let layer = match &spec.layer {
                Some(name) => match layer_specs.iter().position(|(n, _)| n == name) {
                    Some(li) if declaring.contains(&li) => Some(li),
                    Some(li) => {
                        let declared: Vec<&str> = layer_specs[li]
                            .1
                            .iter()
                            .map(|i| i.property.as_str())
                            .collect();
                        self.manifest_error(
                            spec.line,
                            &field("indicator"),
                            ProblemCode::BadManifest,
                            crate::msg!(
                                NeedRuleLayerLacksIndicator,
                                number = number,
                                layer = name,
                                indicator = &spec.indicator,
                                expected = declared.join(", ")
                            ),
                        );
                        None
                    }
                    None => {
                        let names: Vec<&str> =
                            layer_specs.iter().map(|(n, _)| n.as_str()).collect();
                        self.manifest_error(
                            spec.line,
                            &field("layer"),
                            ProblemCode::UnknownLayer,
                            crate::msg!(
                                NeedRuleUnknownLayer,
                                number = number,
                                layer = name,
                                expected = names.join(", ")
                            ),
                        );
                        None
                    }
                },
                None => match declaring.as_slice() {
                    [li] => Some(*li),
                    [] => {
                        let declared: Vec<String> = layer_specs
                            .iter()
                            .flat_map(|(n, indicators)| {
                                indicators
                                    .iter()
                                    .map(move |i| format!("{n}.{}", i.property))
                            })
                            .collect();
                        self.manifest_error(
                            spec.line,
                            &field("indicator"),
                            ProblemCode::BadManifest,
                            crate::msg!(
                                NeedRuleUnknownIndicator,
                                number = number,
                                indicator = &spec.indicator,
                                expected = declared.join(", ")
                            ),
                        );
                        None
                    }
                    several => {
                        let names: Vec<&str> = several
                            .iter()
                            .map(|&li| layer_specs[li].0.as_str())
                            .collect();
                        self.manifest_error(
                            spec.line,
                            &field("layer"),
                            ProblemCode::BadManifest,
                            crate::msg!(
                                NeedRuleAmbiguousIndicator,
                                number = number,
                                indicator = &spec.indicator,
                                layers = names.join(", ")
                            ),
                        );
                        None
                    }
                },
            };
            let Some(li) = layer else { continue };
            let layer_name = layer_specs[li].0.clone();
            let mut zones = Vec::new();
            let mut zones_ok = true;
            for text in &spec.zones {
                let problem = match self.zone_ref(text) {
                    Ok(Some(z)) if z.layer.0 as usize == li => {
                        zones.push(z.zone);
                        continue;
                    }
                    Ok(Some(_)) => {
                        crate::msg!(NeedRuleZoneOtherLayer, zone = text, layer = &layer_name)
                    }
                    Ok(None) => {
                        zones_ok = false; // the layer's own errors are reported
                        continue;
                    }
                    Err((_, message)) => message,
                };
                zones_ok = false;
                self.manifest_error(
                    spec.line,
                    &field("zones"),
                    ProblemCode::UnknownZone,
                    crate::msg!(NeedRuleZone, number = number, problem = problem),
                );
            }
            if !zones_ok {
                continue;
            }
            let unit = layer_specs[li]
                .1
                .iter()
                .find(|i| i.property == spec.indicator)
                .and_then(|i| i.unit.clone());
            zones.sort_unstable();
            zones.dedup();
            rules.push(crate::model::NeedRule {
                layer: LayerIx(li as u32),
                source: crate::model::NeedRule::source_text(
                    &spec.indicator,
                    spec.threshold,
                    unit.as_deref(),
                ),
                indicator: spec.indicator,
                threshold: spec.threshold,
                theme: crate::model::Theme::new(&spec.theme),
                level: spec.level,
                zones,
                line: spec.line,
            });
        }
        rules
    }

    /// The manifest's cost table (`[analysis.costs] file`), read once the actors and
    /// the coverage layer are: `None` when there is none, or when they could not be
    /// read whole (their own errors say why).
    fn read_costs(
        &mut self,
        source: &Source,
        actors: &[Actor],
    ) -> Option<crate::model::TravelCosts> {
        let manifest = self.manifest.as_ref()?;
        let file = manifest.costs.file.as_deref()?;
        let bytes = read_file_limited(
            source,
            file,
            true,
            super::costs::MAX_COSTS_BYTES,
            self.problems,
        )?;
        let layer = self.layers.get(self.coverage_layer.0 as usize)?.as_ref()?;
        if !self.actors_read {
            return None;
        }
        super::costs::read_costs(
            file,
            &bytes,
            &manifest.costs,
            manifest.catchment_m,
            actors,
            layer,
            self.problems,
        )
    }

    /// Warns about located actors that lie in no zone of any layer, telling apart
    /// the ones whose coordinates look swapped.
    fn warn_about_locations(&mut self, actors: &[Actor]) {
        let layers: Vec<&Layer> = self.layers.iter().flatten().collect();
        if layers.is_empty() || self.layers.len() != layers.len() {
            return; // without every layer, "outside every zone" cannot be told
        }
        let indexes: Vec<ZoneIndex> = layers.iter().map(|l| ZoneIndex::new(l)).collect();
        let inside = |p: LonLat| indexes.iter().any(|ix| ix.locate(p).is_some());
        let located = actors.iter().filter(|a| a.location.is_some()).count();
        // one search per actor, on every thread: half a million actors at national scale
        let is_outside: Vec<bool> = actors
            .par_iter()
            .map(|a| a.location.is_some_and(|p| !inside(p)))
            .collect();
        let outside = is_outside.iter().filter(|&&o| o).count();
        if located >= 2 && outside == located {
            // Not one actor in the territory: the declared CRS is the likeliest culprit.
            let crs = self.crs;
            self.problems.push(Problem::warning(
                MANIFEST_FILE,
                Location::File,
                Some("crs"),
                ProblemCode::WrongCrs,
                crate::msg!(
                    WrongCrs,
                    located = located,
                    file = self.actors_file(),
                    crs = crs.to_string()
                ),
            ));
        }
        for (a, _) in actors.iter().zip(is_outside).filter(|(_, o)| *o) {
            let Some(loc) = a.location else { continue };
            let swapped = LonLat {
                lon: loc.lat,
                lat: loc.lon,
            };
            let (code, message) =
                if self.crs == Crs::Wgs84 && (inside(swapped) || looks_like_france(swapped)) {
                    (
                        ProblemCode::SwappedCoordinates,
                        crate::msg!(SwappedCoordinates, x = loc.lon, y = loc.lat),
                    )
                } else {
                    (
                        ProblemCode::OutsideZones,
                        crate::msg!(
                            OutsideZones,
                            id = &a.id,
                            x = format!("{:.6}", loc.lon),
                            y = format!("{:.6}", loc.lat)
                        ),
                    )
                };
            let field = (code == ProblemCode::SwappedCoordinates).then_some("x");
            let (file, location, field) = match &self.actors_place {
                Some(place) => (
                    place.file.clone(),
                    place.location(a.line, field.unwrap_or("id")),
                    field.map(|f| place.field(f)),
                ),
                None => (
                    ACTORS_FILE.to_owned(),
                    Location::Line(a.line),
                    field.map(str::to_owned),
                ),
            };
            self.problems.push(Problem::warning(
                file,
                location,
                field.as_deref(),
                code,
                message,
            ));
        }
    }
}

/// Metropolitan France with Corsica, in degrees: used to recognise swapped lon/lat
/// when no zone tells.
/// The problems of a block's rows, by row index (rows without problems left out).
type RowProblems = Vec<(usize, Vec<Problem>)>;

/// Rows read by a block of [`Loader::read_relations`].
const ROW_BLOCK: usize = 1 << 16;

/// Reads the manifest's layers, in order: `None` for a layer that had errors.
fn read_layers(source: &Source, specs: &[LayerSpec]) -> (Vec<Option<Layer>>, Vec<Problem>) {
    let mut problems = Vec::new();
    let layers = specs
        .iter()
        .map(|spec| {
            read_file(source, &spec.file, &mut problems)
                .and_then(|bytes| parse_layer(spec, &bytes, &mut problems))
        })
        .collect();
    (layers, problems)
}

/// What reading a row of relations.csv needs: the actors, read before.
struct RelationReader<'a> {
    actor_index: &'a IdIndex<ActorIx>,
    actors_file: &'a str,
    actors_read: bool,
    extra: &'a [usize],
}

impl RelationReader<'_> {
    /// The relation of a row, or `None` with its problems in `p`.
    fn read(&self, row: Row, themes: &mut ThemeCache, p: &mut Vec<Problem>) -> Option<Relation> {
        let source = row.required("source", crate::msg!(ExpectedActorId), p);
        let target = row.required("target", crate::msg!(ExpectedActorId), p);
        let kind_text = row.required("kind", crate::msg!(ExpectedRelationKind), p);
        let mut ends = [None, None];
        for (slot, (column, id)) in ends
            .iter_mut()
            .zip([("source", source), ("target", target)])
        {
            if let Some(id) = id {
                match self.actor_index.get(id) {
                    Some(a) => *slot = Some(a),
                    None if self.actors_read => {
                        p.push(unknown_actor(&row, column, id, self.actors_file))
                    }
                    None => {}
                }
            }
        }
        let kind = kind_text.and_then(|k| {
            let parsed = k.parse::<RelationKind>().ok();
            if parsed.is_none() {
                let all: Vec<&str> = RelationKind::ALL.iter().map(|k| k.as_str()).collect();
                p.push(row.error(
                    "kind",
                    ProblemCode::UnknownRelationKind,
                    crate::msg!(UnknownRelationKind, kind = k, expected = all.join(", ")),
                ));
            }
            parsed
        });
        let weight = row.number("weight", crate::msg!(ExpectedWeight), |x| x > 0.0, p);
        let validity = read_validity(&row, "since", "until", EndDate::Excluded, p);
        let (Some(source), Some(target), Some(kind), Ok(weight), Some(validity)) =
            (ends[0], ends[1], kind, weight, validity)
        else {
            return None;
        };
        if source == target {
            p.push(row.warning(
                "target",
                ProblemCode::SelfRelation,
                crate::msg!(SelfRelation, id = source_id(&row)),
            ));
        }
        Some(Relation {
            source,
            target,
            kind,
            weight: weight.unwrap_or(1.0),
            themes: themes.of(&row, "themes"),
            validity,
            attributes: row.attributes(self.extra),
            line: row.line,
        })
    }
}

/// The themes of each distinct cell, folded once: a national file repeats a few
/// hundred theme lists over millions of rows.
#[derive(Default)]
struct ThemeCache {
    folded: HashMap<String, Vec<Theme>>,
}

impl ThemeCache {
    fn of(&mut self, row: &Row, column: &str) -> Vec<Theme> {
        let Some(cell) = row.get(column) else {
            return Vec::new();
        };
        if let Some(themes) = self.folded.get(cell) {
            return themes.clone();
        }
        let themes = split_themes(cell);
        self.folded.insert(cell.to_owned(), themes.clone());
        themes
    }
}

fn looks_like_france(p: LonLat) -> bool {
    (-5.5..=10.0).contains(&p.lon) && (41.0..=51.5).contains(&p.lat)
}

fn source_id<'a>(row: &Row<'a>) -> &'a str {
    row.get("source").unwrap_or("")
}

fn unknown_actor(row: &Row, column: &str, id: &str, actors_file: &str) -> Problem {
    row.error(
        column,
        ProblemCode::UnknownActor,
        crate::msg!(UnknownActor, id = id, file = actors_file),
    )
}

/// How the end column of a date pair is meant.
#[derive(Clone, Copy, PartialEq)]
enum EndDate {
    /// The first day no longer valid (relations' `until`).
    Excluded,
    /// The last day (actions' `end`: a one-day event has `start = end`).
    Included,
}

/// Reads a pair of date columns into a `[since, until)` validity and checks their order.
fn read_validity(
    row: &Row,
    start: &str,
    end: &str,
    end_date: EndDate,
    p: &mut Vec<Problem>,
) -> Option<Validity> {
    let since = row.date(start, p);
    let until = row.date(end, p);
    let (Ok(since), Ok(until)) = (since, until) else {
        return None;
    };
    let until = match end_date {
        EndDate::Excluded => until,
        EndDate::Included => until.map(crate::model::Date::next_day),
    };
    if let (Some(s), Some(u)) = (since, until) {
        if u <= s {
            let message = match end_date {
                EndDate::Excluded => crate::msg!(
                    EndNotAfterStart,
                    end = end,
                    shown = u.to_string(),
                    start = start,
                    since = s.to_string()
                ),
                EndDate::Included => crate::msg!(
                    EndBeforeStart,
                    end = end,
                    shown = row.date(end, p).ok().flatten().unwrap_or(u).to_string(),
                    start = start,
                    since = s.to_string()
                ),
            };
            p.push(row.error(end, ProblemCode::DateOrder, message));
            return None;
        }
    }
    Some(Validity { since, until })
}

/// Reads the `x`, `y` pair of an actor: both or neither, numbers in the range of the
/// bundle's CRS, converted to WGS84.
fn read_location(
    row: &Row,
    to_wgs84: &ToWgs84,
    p: &mut Vec<Problem>,
) -> Result<Option<LonLat>, ()> {
    match (row.get("x"), row.get("y")) {
        (None, None) => return Ok(None),
        (Some(_), Some(_)) => {}
        (x, _) => {
            let (missing, given) = if x.is_none() { ("x", "y") } else { ("y", "x") };
            p.push(row.error(
                missing,
                ProblemCode::BadCoordinates,
                crate::msg!(HalfCoordinates, given = given, missing = missing),
            ));
            return Err(());
        }
    }
    let x = row.number("x", crate::msg!(ExpectedCoordinate), |_| true, p);
    let y = row.number("y", crate::msg!(ExpectedCoordinate), |_| true, p);
    let (Ok(Some(x)), Ok(Some(y))) = (x, y) else {
        return Err(());
    };
    let crs = to_wgs84.crs();
    if !crs.in_range(x, y) {
        let message = match crs {
            Crs::Wgs84 if Crs::Lambert93.in_range(x, y) => {
                crate::msg!(OutOfRangeLooksLambert93, x = x, y = y)
            }
            Crs::Lambert93 if Crs::Wgs84.in_range(x, y) => {
                crate::msg!(OutOfRangeLooksWgs84, x = x, y = y)
            }
            Crs::Wgs84 => crate::msg!(OutOfRangeWgs84, x = x, y = y),
            Crs::Lambert93 => crate::msg!(OutOfRangeLambert93, x = x, y = y),
        };
        p.push(row.error("x", ProblemCode::BadCoordinates, message));
        return Err(());
    }
    match to_wgs84.convert(x, y) {
        Some((lon, lat)) => Ok(Some(LonLat { lon, lat })),
        None => {
            p.push(row.error(
                "x",
                ProblemCode::BadCoordinates,
                crate::msg!(CannotConvert, x = x, y = y, crs = crs.to_string()),
            ));
            Err(())
        }
    }
}
