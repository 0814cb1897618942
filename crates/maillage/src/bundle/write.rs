//! A territory written back as a bundle (docs/bundle.md): the one writer of the format,
//! for territories drawn by `maillage generate`, built from DataFrames in Python, or
//! loaded and changed in a program.

use super::load::{ACTION_COLUMNS, ACTOR_COLUMNS, NEED_COLUMNS, RELATION_COLUMNS};
use super::{ACTIONS_FILE, ACTORS_FILE, MANIFEST_FILE, NEEDS_FILE, RELATIONS_FILE};
use crate::atomic::write_atomic;
use crate::model::default_capacity;
use crate::model::{
    AccessMethod, Date, Layer, Taxonomy, Territory, Theme, Validity, Zone, ZoneRef,
};
use std::fmt::Write as _;
use std::path::{Component, Path, PathBuf};

/// Writes `territory` as a bundle in `dir` (created if needed): territory.toml,
/// actors.csv, relations.csv, actions.csv, needs.csv and one GeoJSON file per layer.
///
/// Loading the folder back gives the same territory: the same actors, relations,
/// actions, needs, zones (outlines, populations, properties) and settings, and the
/// bundle's own kinds and sectors in the manifest. Points and outlines are written in
/// WGS84 (`crs = "EPSG:4326"`), as the territory holds them, with every digit needed to
/// read back the same number; each layer's zone id, name and population are written
/// under the properties `id`, `name` and `population` (beside the zone's other
/// properties). Every file is rendered before any is written, and each is replaced
/// atomically: a failure leaves each file either as it was or whole.
///
/// # Errors
/// Any I/O error creating the folder or writing a file.
///
/// # Example
/// ```
/// # let territory = maillage::load_bundle("../../data/lyon7".as_ref()).unwrap().territory;
/// let dir = tempfile::tempdir().unwrap();
/// maillage::bundle::write_bundle(&territory, dir.path()).unwrap();
/// let again = maillage::load_bundle(dir.path()).unwrap().territory;
/// assert_eq!(again.actors.len(), territory.actors.len());
/// assert_eq!(again.relations.len(), territory.relations.len());
/// assert_eq!(again.layers[0].zones[0].geometry, territory.layers[0].zones[0].geometry);
/// ```
pub fn write_bundle(territory: &Territory, dir: &Path) -> std::io::Result<()> {
    let files = render_bundle(territory);
    for (path, _) in &files {
        if let Some(parent) = dir.join(path).parent() {
            std::fs::create_dir_all(parent)?;
        }
    }
    for (path, bytes) in &files {
        write_atomic(&dir.join(path), bytes)?;
    }
    Ok(())
}

/// Every file of the bundle of `territory`, by path inside the bundle.
fn render_bundle(territory: &Territory) -> Vec<(PathBuf, Vec<u8>)> {
    let layer_files: Vec<PathBuf> = territory
        .layers
        .iter()
        .enumerate()
        .map(|(i, l)| layer_file(l, i))
        .collect();
    let mut files = vec![
        (
            PathBuf::from(MANIFEST_FILE),
            manifest(territory, &layer_files).into_bytes(),
        ),
        (PathBuf::from(ACTORS_FILE), actors_csv(territory)),
        (PathBuf::from(RELATIONS_FILE), relations_csv(territory)),
        (PathBuf::from(ACTIONS_FILE), actions_csv(territory)),
        (PathBuf::from(NEEDS_FILE), needs_csv(territory)),
    ];
    for (layer, file) in territory.layers.iter().zip(layer_files) {
        files.push((file, layer_geojson(layer)));
    }
    files
}

/// The layer's own file when it is a plain path inside the bundle, else
/// `zones/layer<i>.geojson` (a layer read from elsewhere is written inside the bundle).
fn layer_file(layer: &Layer, i: usize) -> PathBuf {
    let path = Path::new(&layer.file);
    let inside = !layer.file.is_empty()
        && path.components().all(|c| matches!(c, Component::Normal(_)))
        && path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("geojson") || e.eq_ignore_ascii_case("json"));
    if inside {
        path.to_path_buf()
    } else {
        PathBuf::from(format!("zones/layer{i}.geojson"))
    }
}

fn toml_string(s: &str) -> String {
    toml::Value::String(s.to_owned()).to_string()
}

/// A TOML key: bare when it can be, quoted otherwise.
pub(crate) fn toml_key(s: &str) -> String {
    let bare = !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    if bare {
        s.to_owned()
    } else {
        toml_string(s)
    }
}

/// A layer's `[layers.NAME.demand]` table: the bands as a table property = ages (an
/// INSEE column reads back the same), the weights as a preset's name or a table.
fn write_demand(m: &mut String, layer: &str, demand: &crate::model::Demand) {
    let _ = writeln!(m, "\n[layers.{}.demand]", toml_key(layer));
    let bands: Vec<String> = demand
        .bands
        .iter()
        .map(|b| format!("{} = \"{}\"", toml_key(&b.property), b.ages))
        .collect();
    let key = match demand.values {
        crate::model::BandValues::Counts => "counts",
        crate::model::BandValues::Shares => "shares",
    };
    let _ = writeln!(m, "{key} = {{ {} }}", bands.join(", "));
    match &demand.weights {
        crate::model::DemandWeights::Preset(p) => {
            let _ = writeln!(m, "weights = \"{}\"", p.name());
        }
        crate::model::DemandWeights::Given(given) => {
            let weights: Vec<String> = given
                .iter()
                .map(|(ages, w)| format!("\"{ages}\" = {w:?}"))
                .collect();
            let _ = writeln!(m, "weights = {{ {} }}", weights.join(", "));
        }
    }
}

fn manifest(territory: &Territory, layer_files: &[PathBuf]) -> String {
    let mut m = String::new();
    let _ = writeln!(m, "format = {}", super::FORMAT_VERSION);
    let _ = writeln!(m, "name = {}", toml_string(&territory.name));
    m.push_str("crs = \"EPSG:4326\"\n");
    if let Some(date) = territory.date {
        let _ = writeln!(m, "date = \"{date}\"");
    }
    for (layer, file) in territory.layers.iter().zip(layer_files) {
        let _ = writeln!(m, "\n[layers.{}]", toml_key(&layer.name));
        let file = file.to_string_lossy().replace('\\', "/");
        let _ = writeln!(m, "file = {}", toml_string(&file));
        m.push_str("id = \"id\"\nname = \"name\"\npopulation = \"population\"\n");
        if layer.priority {
            m.push_str("priority = true\n");
        }
        for i in &layer.indicators {
            let _ = writeln!(
                m,
                "\n[layers.{}.indicators.{}]",
                toml_key(&layer.name),
                toml_key(&i.property)
            );
            let _ = writeln!(m, "label = {}", toml_string(&i.label));
            if let Some(unit) = &i.unit {
                let _ = writeln!(m, "unit = {}", toml_string(unit));
            }
            let _ = writeln!(m, "better = \"{}\"", i.better.as_str());
        }
        if let Some(demand) = &layer.demand {
            write_demand(&mut m, &layer.name, demand);
        }
    }
    let analysis = &territory.analysis;
    m.push_str("\n[analysis]\n");
    let coverage = &territory.layer(analysis.coverage_layer).name;
    let _ = writeln!(m, "coverage_layer = {}", toml_string(coverage));
    let _ = writeln!(m, "catchment_m = {:?}", analysis.catchment_m);
    let required: Vec<String> = analysis.required.iter().map(|k| toml_string(k)).collect();
    let _ = writeln!(m, "required = [{}]", required.join(", "));
    let _ = writeln!(m, "partition = {}", toml_string(&analysis.partition));
    let access = AccessMethod::NAMES
        .iter()
        .find(|(_, method)| *method == analysis.access)
        .map_or("2sfca", |(name, _)| name);
    let _ = writeln!(m, "access = \"{access}\"");
    let _ = writeln!(
        m,
        "solicitation_threshold = {}",
        analysis.solicitation_threshold
    );
    if !analysis.capacity_units.is_empty() {
        m.push_str("\n[analysis.capacity_unit]\n");
        for (kind, unit) in &analysis.capacity_units {
            let name = crate::model::CapacityUnit::NAMES
                .iter()
                .find(|(_, u)| u == unit)
                .map_or("as-given", |(n, _)| n);
            let _ = writeln!(m, "{} = \"{name}\"", toml_key(kind));
        }
    }
    for e in &analysis.expected {
        let _ = writeln!(m, "\n[expected.{}]", toml_key(&e.id));
        if let Some(d) = e.per_10000 {
            let _ = writeln!(m, "per_10000 = {d:?}");
        }
        if let Some(n) = e.at_least {
            let _ = writeln!(m, "at_least = {n}");
        }
    }
    let defaults = crate::model::default_pathways();
    for p in &analysis.pathways {
        if defaults.contains(p) {
            continue;
        }
        let list = |items: Vec<String>| {
            let quoted: Vec<String> = items.iter().map(|i| toml_string(i)).collect();
            format!("[{}]", quoted.join(", "))
        };
        let _ = writeln!(m, "\n[pathways.{}]", toml_key(&p.name));
        let _ = writeln!(
            m,
            "themes = {}",
            list(p.themes.iter().map(|t| t.label().to_owned()).collect())
        );
        let _ = writeln!(m, "entry_kinds = {}", list(p.entry_kinds.clone()));
        let _ = writeln!(
            m,
            "specialised_kinds = {}",
            list(p.specialised_kinds.clone())
        );
    }
    need_rules(territory, &mut m);
    taxonomy_tables(&territory.taxonomy, &mut m);
    m
}

/// `[[needs_from_indicators]]`: the rules raising needs from an indicator, each naming
/// its layer.
fn need_rules(territory: &Territory, m: &mut String) {
    for rule in &territory.analysis.need_rules {
        let layer = territory.layer(rule.layer);
        m.push_str("\n[[needs_from_indicators]]\n");
        let _ = writeln!(m, "layer = {}", toml_string(&layer.name));
        let _ = writeln!(m, "indicator = {}", toml_string(&rule.indicator));
        let (key, value) = rule.threshold.key_and_value();
        let _ = writeln!(m, "{key} = {value:?}");
        let _ = writeln!(m, "theme = {}", toml_string(rule.theme.label()));
        let _ = writeln!(m, "level = {}", rule.level);
        if !rule.zones.is_empty() {
            let zones: Vec<String> = rule
                .zones
                .iter()
                .map(|&zone| {
                    toml_string(&territory.zone_label(crate::model::ZoneRef {
                        layer: rule.layer,
                        zone,
                    }))
                })
                .collect();
            let _ = writeln!(m, "zones = [{}]", zones.join(", "));
        }
    }
}

/// The sectors and kinds that the bundle adds to, or changes in, the built-in taxonomy.
fn taxonomy_tables(taxonomy: &Taxonomy, m: &mut String) {
    let builtin = Taxonomy::builtin();
    for (id, sector) in &taxonomy.sectors {
        if builtin.sectors.get(id) != Some(sector) {
            let _ = writeln!(m, "\n[taxonomy.sectors.{}]", toml_key(id));
            let _ = writeln!(m, "label = {}", toml_string(&sector.label));
        }
    }
    for (id, kind) in &taxonomy.kinds {
        if builtin.kinds.get(id) != Some(kind) {
            let _ = writeln!(m, "\n[taxonomy.kinds.{}]", toml_key(id));
            let _ = writeln!(m, "label = {}", toml_string(&kind.label));
            let _ = writeln!(m, "sector = {}", toml_string(&kind.sector));
            let _ = writeln!(m, "family = {}", toml_string(&kind.family));
        }
    }
}

/// A CSV table: the fixed columns, then every attribute column in order of first use.
struct Table {
    writer: csv::Writer<Vec<u8>>,
    extra: Vec<String>,
}

impl Table {
    fn new<'a>(columns: &[&str], attributes: impl Iterator<Item = &'a [(String, String)]>) -> Self {
        let mut extra: Vec<String> = Vec::new();
        for row in attributes {
            for (name, _) in row {
                if !extra.contains(name) && !columns.contains(&name.as_str()) {
                    extra.push(name.clone());
                }
            }
        }
        let mut writer = csv::Writer::from_writer(Vec::new());
        let header = columns
            .iter()
            .copied()
            .chain(extra.iter().map(String::as_str));
        // Writing into memory cannot fail.
        let _ = writer.write_record(header);
        Self { writer, extra }
    }

    fn row(&mut self, cells: Vec<String>, attributes: &[(String, String)]) {
        let extra = self.extra.iter().map(|name| {
            attributes
                .iter()
                .find(|(n, _)| n == name)
                .map_or("", |(_, v)| v.as_str())
        });
        let _ = self
            .writer
            .write_record(cells.iter().map(String::as_str).chain(extra));
    }

    fn into_bytes(self) -> Vec<u8> {
        self.writer.into_inner().unwrap_or_default()
    }
}

fn themes(themes: &[Theme]) -> String {
    themes
        .iter()
        .map(Theme::label)
        .collect::<Vec<_>>()
        .join("|")
}

fn date(d: Option<Date>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

fn zones(territory: &Territory, refs: &[ZoneRef]) -> String {
    refs.iter()
        .map(|&r| territory.zone_label(r))
        .collect::<Vec<_>>()
        .join("|")
}

fn actor_ids(territory: &Territory, ixs: &[crate::model::ActorIx]) -> String {
    ixs.iter()
        .map(|&a| territory.actor(a).id.as_str())
        .collect::<Vec<_>>()
        .join("|")
}

fn actors_csv(t: &Territory) -> Vec<u8> {
    let mut table = Table::new(
        ACTOR_COLUMNS,
        t.actors.iter().map(|a| a.attributes.as_slice()),
    );
    for a in &t.actors {
        let (x, y) = a.location.map_or((String::new(), String::new()), |p| {
            (p.lon.to_string(), p.lat.to_string())
        });
        table.row(
            vec![
                a.id.clone(),
                a.name.clone(),
                a.kind.clone(),
                a.sector.clone(),
                themes(&a.themes),
                x,
                y,
                // the default is left empty, as a person writes it, and read back as such
                if a.capacity == default_capacity(&a.family) {
                    String::new()
                } else {
                    a.capacity.to_string()
                },
                zones(t, &a.serves),
                a.accepting.map(|b| b.to_string()).unwrap_or_default(),
            ],
            &a.attributes,
        );
    }
    table.into_bytes()
}

fn relations_csv(t: &Territory) -> Vec<u8> {
    let mut table = Table::new(
        RELATION_COLUMNS,
        t.relations.iter().map(|r| r.attributes.as_slice()),
    );
    for r in &t.relations {
        let Validity { since, until } = r.validity;
        table.row(
            vec![
                t.actor(r.source).id.clone(),
                t.actor(r.target).id.clone(),
                r.kind.as_str().to_owned(),
                r.weight.to_string(),
                themes(&r.themes),
                date(since),
                date(until),
            ],
            &r.attributes,
        );
    }
    table.into_bytes()
}

fn actions_csv(t: &Territory) -> Vec<u8> {
    let mut table = Table::new(
        ACTION_COLUMNS,
        t.actions.iter().map(|a| a.attributes.as_slice()),
    );
    for a in &t.actions {
        table.row(
            vec![
                a.id.clone(),
                a.name.clone(),
                themes(&a.themes),
                actor_ids(t, &a.lead),
                actor_ids(t, &a.partners),
                actor_ids(t, &a.funders),
                zones(t, &a.zones),
                date(a.start()),
                date(a.end()),
            ],
            &a.attributes,
        );
    }
    table.into_bytes()
}

fn needs_csv(t: &Territory) -> Vec<u8> {
    let mut table = Table::new(
        NEED_COLUMNS,
        t.needs.iter().map(|n| n.attributes.as_slice()),
    );
    // the needs raised from an indicator are raised again from the manifest's rules
    for n in t.needs.iter().filter(|n| n.raised_by.is_none()) {
        table.row(
            vec![
                t.zone_label(n.zone),
                n.theme.label().to_owned(),
                n.level.to_string(),
                n.source.clone().unwrap_or_default(),
            ],
            &n.attributes,
        );
    }
    table.into_bytes()
}

fn layer_geojson(layer: &Layer) -> Vec<u8> {
    let features = layer.zones.iter().map(zone_feature).collect();
    let collection = geojson::FeatureCollection {
        bbox: None,
        features,
        foreign_members: None,
    };
    serde_json::to_vec(&collection).unwrap_or_default()
}

fn zone_feature(zone: &Zone) -> geojson::Feature {
    let mut properties = zone.properties.clone();
    properties.insert("id".into(), zone.id.clone().into());
    properties.insert("name".into(), zone.name.clone().into());
    match zone.population {
        Some(p) => properties.insert("population".into(), p.into()),
        None => properties.remove("population"),
    };
    // the indicators as the zone holds them; a missing value stays as the feature had
    // it, null when it had none (so that the layer still holds the property)
    for (property, value) in &zone.indicators {
        match value {
            Some(x) => {
                // a number the feature already holds stays as written (21290, not 21290.0)
                if properties.get(property).and_then(|v| v.as_f64()) != Some(*x) {
                    properties.insert(property.clone(), (*x).into());
                }
            }
            None => {
                properties
                    .entry(property.clone())
                    .or_insert(serde_json::Value::Null);
            }
        }
    }
    geojson::Feature {
        bbox: None,
        geometry: Some(geojson::Geometry::new(geojson::GeometryValue::from(
            &zone.geometry,
        ))),
        id: None,
        properties: Some(properties),
        foreign_members: None,
    }
}
