//! `territory.toml`: the bundle's manifest, read with the line of every key so that a
//! bad value is reported where it is written.

use super::{Location, Problem, ProblemCode};
use crate::crs::Crs;
use crate::lang::Message;
use crate::model::{
    AccessMethod, Kind, Sector, Taxonomy, DEFAULT_CATCHMENT_M, DEFAULT_SOLICITATION_THRESHOLD,
};
use indexmap::IndexMap;
use serde::Deserialize;
use toml::{Spanned, Value};

/// The manifest's file name.
pub const MANIFEST_FILE: &str = "territory.toml";

/// Whether a path written in a bundle leaves the bundle folder by its text alone: an
/// absolute path (`/…`, `\\…`, `C:…`) or one with a `..` part. Symbolic links pointing
/// out are found when the file is opened.
pub(crate) fn leaves_folder(path: &str) -> bool {
    let bytes = path.as_bytes();
    path.starts_with(['/', '\\'])
        || (bytes.len() >= 2 && bytes[1] == b':' && bytes[0].is_ascii_alphabetic())
        || path.split(['/', '\\']).any(|part| part == "..")
}

/// The bundle format version this library reads.
pub const FORMAT_VERSION: i64 = 1;

/// One `[layers.NAME]` table, checked.
#[derive(Debug, Clone, PartialEq)]
pub struct LayerSpec {
    /// The layer's name.
    pub name: String,
    /// File path relative to the bundle.
    pub file: String,
    /// Property holding the zone id.
    pub id: String,
    /// Property holding the display name.
    pub name_property: Option<String>,
    /// Property holding the population.
    pub population: Option<String>,
    /// CRS of the file's coordinates (unless the file says otherwise).
    pub crs: Option<Crs>,
    /// Whether the layer marks priority zones.
    pub priority: bool,
    /// `[layers.NAME.indicators.PROPERTY]`: the numeric properties declared as
    /// indicators, in manifest order, each with the line of its table.
    pub indicators: Vec<(crate::model::Indicator, u64)>,
    /// `[layers.NAME.demand]`: the demand by age, checked and resolved, with the line
    /// of its table.
    pub demand: Option<(crate::model::Demand, u64)>,
    /// Line of the table in the manifest.
    pub line: u64,
}

/// The manifest, checked, with defaults applied where the format gives one.
#[derive(Debug, Clone, PartialEq)]
pub struct Manifest {
    /// Name shown in reports.
    pub name: String,
    /// CRS of x/y in actors.csv.
    pub crs: Crs,
    /// Observation date.
    pub date: Option<crate::model::Date>,
    /// Layers in manifest order.
    pub layers: Vec<LayerSpec>,
    /// `[analysis] coverage_layer`, when given (with its line).
    pub coverage_layer: Option<(String, u64)>,
    /// `[analysis] catchment_m`.
    pub catchment_m: f64,
    /// `[analysis] required`, with the line.
    pub required: (Vec<String>, u64),
    /// `[analysis] partition`, with the line.
    pub partition: (String, u64),
    /// `[analysis] access`: how access per zone is computed.
    pub access: AccessMethod,
    /// `[analysis] solicitation_threshold`: the solicitation from which an actor is
    /// over-solicited.
    pub solicitation_threshold: u32,
    /// `[analysis.capacity_unit]`: how the capacity of each kind named is read.
    pub capacity_units: std::collections::BTreeMap<String, crate::model::CapacityUnit>,
    /// `[analysis.costs]`: the settings of a cost table (empty when absent).
    pub costs: crate::model::CostSettings,
    /// `[expected.ID]`: the user's expectations, in manifest order.
    pub expected: Vec<crate::model::Expectation>,
    /// The pathways followed: the defaults, replaced or followed by `[pathways.NAME]`.
    pub pathways: Vec<crate::model::PathwayDefinition>,
    /// Built-in taxonomy plus the bundle's kinds.
    pub taxonomy: Taxonomy,
    /// `allow_files_outside = true`: layer files may lie outside the bundle folder
    /// (absolute paths, `..`, symbolic links pointing out). Refused otherwise, so that a
    /// manifest received from someone else reads nothing but its own bundle.
    pub allow_files_outside: bool,
    /// `[[needs_from_indicators]]`: the rules raising needs from an indicator, in
    /// manifest order, checked for their own keys (the loader checks their layer,
    /// indicator and zones against the layers).
    pub need_rules: Vec<NeedRuleSpec>,
}

/// One `[[needs_from_indicators]]` table, its keys checked: `indicator` and `theme`
/// (texts), exactly one of `above` and `below` (a number), `level` (1, 2 or 3, default
/// 2), and optionally `layer` (a layer's name) and `zones` (`layer:id` references).
#[derive(Debug, Clone, PartialEq)]
pub struct NeedRuleSpec {
    /// The layer named, when the rule names one.
    pub layer: Option<String>,
    /// The indicator's property.
    pub indicator: String,
    /// The threshold and its side.
    pub threshold: crate::model::Threshold,
    /// The theme of the need raised.
    pub theme: String,
    /// Its level.
    pub level: u8,
    /// The zones the rule is limited to (`layer:id`), empty for every zone.
    pub zones: Vec<String>,
    /// Line of the table in the manifest.
    pub line: u64,
    /// The rule's number, from 1, in manifest order.
    pub number: usize,
}

#[derive(Deserialize, Default)]
struct RawManifest {
    format: Option<Spanned<Value>>,
    name: Option<Spanned<Value>>,
    crs: Option<Spanned<Value>>,
    date: Option<Spanned<Value>>,
    allow_files_outside: Option<Spanned<Value>>,
    #[serde(default)]
    layers: IndexMap<String, Spanned<RawLayer>>,
    #[serde(default)]
    analysis: RawAnalysis,
    #[serde(default)]
    taxonomy: RawTaxonomy,
    #[serde(default)]
    expected: IndexMap<String, Spanned<Value>>,
    #[serde(default)]
    pathways: IndexMap<String, Spanned<Value>>,
    #[serde(default)]
    needs_from_indicators: Vec<Spanned<Value>>,
}

#[derive(Deserialize, Default)]
struct RawLayer {
    file: Option<Spanned<Value>>,
    id: Option<Spanned<Value>>,
    name: Option<Spanned<Value>>,
    population: Option<Spanned<Value>>,
    crs: Option<Spanned<Value>>,
    priority: Option<Spanned<Value>>,
    #[serde(default)]
    indicators: IndexMap<String, Spanned<Value>>,
    demand: Option<Spanned<Value>>,
}

#[derive(Deserialize, Default)]
struct RawAnalysis {
    coverage_layer: Option<Spanned<Value>>,
    catchment_m: Option<Spanned<Value>>,
    required: Option<Spanned<Value>>,
    partition: Option<Spanned<Value>>,
    access: Option<Spanned<Value>>,
    solicitation_threshold: Option<Spanned<Value>>,
    #[serde(default)]
    capacity_unit: IndexMap<String, Spanned<Value>>,
    costs: Option<Spanned<Value>>,
}

#[derive(Deserialize, Default)]
struct RawTaxonomy {
    #[serde(default)]
    sectors: IndexMap<String, Spanned<RawEntry>>,
    #[serde(default)]
    kinds: IndexMap<String, Spanned<RawEntry>>,
}

#[derive(Deserialize, Default)]
struct RawEntry {
    label: Option<Spanned<Value>>,
    sector: Option<Spanned<Value>>,
    family: Option<Spanned<Value>>,
}

/// Reads the manifest text, pushing every problem found. Returns `None` when the
/// manifest cannot be used at all (not TOML, or a format version this library does not
/// read); otherwise a manifest with defaults in place of the bad values, so that the
/// rest of the bundle can still be checked.
pub fn parse_manifest(text: &str, problems: &mut Vec<Problem>) -> Option<Manifest> {
    let raw: RawManifest = match toml::from_str(text) {
        Ok(raw) => raw,
        Err(e) => {
            let loc = e
                .span()
                .map_or(Location::File, |s| Location::Line(line_at(text, s.start)));
            problems.push(Problem::error(
                MANIFEST_FILE,
                loc,
                None,
                ProblemCode::BadManifest,
                crate::msg!(BadManifestToml, detail = e.message()),
            ));
            return None;
        }
    };
    let mut ctx = Ctx { text, problems };
    if !ctx.format(&raw.format) {
        return None;
    }
    let name = ctx
        .string(&raw.name, "name", crate::msg!(ExpectedTerritoryName))
        .unwrap_or_default();
    if raw.name.is_none() {
        ctx.error(
            0..0,
            "name",
            ProblemCode::BadManifest,
            crate::msg!(MissingNameKey),
        );
    }
    let crs = ctx.crs(&raw.crs, "crs").unwrap_or_default();
    let date = ctx.date(&raw.date);
    let allow_files_outside = ctx
        .boolean(&raw.allow_files_outside, "allow_files_outside")
        .unwrap_or(false);
    let layers = ctx.layers(&raw.layers, allow_files_outside);
    let a = &raw.analysis;
    let coverage_layer = ctx
        .string(
            &a.coverage_layer,
            "analysis.coverage_layer",
            crate::msg!(ExpectedLayerName),
        )
        .map(|s| (s, ctx.line_of(&a.coverage_layer)));
    let catchment_m = ctx.catchment(&a.catchment_m);
    let required = ctx.required(&a.required);
    let partition = match ctx.string(
        &a.partition,
        "analysis.partition",
        crate::msg!(ExpectedActorAttribute),
    ) {
        Some(p) => (p, ctx.line_of(&a.partition)),
        None => ("sector".to_owned(), 0),
    };
    let access = ctx.access(&a.access);
    let solicitation_threshold = ctx.solicitation_threshold(&a.solicitation_threshold);
    let costs = ctx.costs(&a.costs, allow_files_outside);
    let taxonomy = ctx.taxonomy(&raw.taxonomy);
    let expected = ctx.expected(&raw.expected, &taxonomy);
    let capacity_units = ctx.capacity_units(&a.capacity_unit, &taxonomy);
    let pathways = ctx.pathways(&raw.pathways, &taxonomy);
    let need_rules = ctx.need_rules(&raw.needs_from_indicators);
    Some(Manifest {
        name,
        crs,
        date,
        layers,
        coverage_layer,
        catchment_m,
        required,
        partition,
        access,
        solicitation_threshold,
        costs,
        expected,
        pathways,
        capacity_units,
        taxonomy,
        allow_files_outside,
        need_rules,
    })
}

/// A TOML value as a message quotes it: at most 80 characters.
fn clip_value(v: &Value) -> crate::lang::Arg {
    super::problem::clip(&v.to_string(), 80)
}

/// The 1-based line of a byte offset.
pub(crate) fn line_at(text: &str, offset: usize) -> u64 {
    let offset = offset.min(text.len());
    1 + text.as_bytes()[..offset]
        .iter()
        .filter(|&&b| b == b'\n')
        .count() as u64
}

struct Ctx<'a> {
    text: &'a str,
    problems: &'a mut Vec<Problem>,
}

impl Ctx<'_> {
    fn error(
        &mut self,
        span: std::ops::Range<usize>,
        field: &str,
        code: ProblemCode,
        message: Message,
    ) {
        let location = if span.is_empty() && span.start == 0 {
            Location::File
        } else {
            Location::Line(line_at(self.text, span.start))
        };
        self.problems.push(Problem::error(
            MANIFEST_FILE,
            location,
            Some(field),
            code,
            message,
        ));
    }

    /// An `unknown_kind` error for a kind the taxonomy does not hold, naming the closest.
    fn unknown_kind(
        &mut self,
        span: std::ops::Range<usize>,
        field: &str,
        kind: &str,
        taxonomy: &Taxonomy,
    ) {
        self.error(
            span,
            field,
            ProblemCode::UnknownKind,
            crate::msg!(
                UnknownKind,
                kind = kind,
                closest = taxonomy.closest_kinds(kind, 3).join(", ")
            ),
        );
    }

    /// The line of a value, 0 when it is absent.
    fn line_of(&self, v: &Option<Spanned<Value>>) -> u64 {
        v.as_ref().map_or(0, |v| line_at(self.text, v.span().start))
    }

    /// Whether the manifest says `format = 1`; an error when it says no format or another.
    fn format(&mut self, format: &Option<Spanned<Value>>) -> bool {
        match format {
            None => {
                self.error(
                    0..0,
                    "format",
                    ProblemCode::BadManifest,
                    crate::msg!(MissingFormatKey),
                );
                false
            }
            Some(v) => match v.get_ref().as_integer() {
                Some(FORMAT_VERSION) => true,
                _ => {
                    self.error(
                        v.span(),
                        "format",
                        ProblemCode::UnsupportedFormat,
                        crate::msg!(
                            UnsupportedFormat,
                            format = v.get_ref().to_string(),
                            supported = FORMAT_VERSION
                        ),
                    );
                    false
                }
            },
        }
    }

    fn date(&mut self, v: &Option<Spanned<Value>>) -> Option<crate::model::Date> {
        let v = v.as_ref()?;
        let text = match v.get_ref() {
            Value::String(s) => s.clone(),
            Value::Datetime(d) => d.to_string(),
            other => other.to_string(),
        };
        text.parse()
            .map_err(|_| {
                self.error(
                    v.span(),
                    "date",
                    ProblemCode::BadDate,
                    crate::msg!(BadDate, value = &text),
                )
            })
            .ok()
    }

    /// The `[layers.NAME]` tables with both a file and an id, in manifest order.
    fn layers(
        &mut self,
        raw: &IndexMap<String, Spanned<RawLayer>>,
        allow_files_outside: bool,
    ) -> Vec<LayerSpec> {
        if raw.is_empty() {
            self.error(
                0..0,
                "layers",
                ProblemCode::BadManifest,
                crate::msg!(NoLayerDeclared),
            );
        }
        raw.iter()
            .filter_map(|(name, spanned)| self.layer(name, spanned, allow_files_outside))
            .collect()
    }

    fn layer(
        &mut self,
        layer_name: &str,
        spanned: &Spanned<RawLayer>,
        allow_files_outside: bool,
    ) -> Option<LayerSpec> {
        let table_line = line_at(self.text, spanned.span().start);
        let l = spanned.get_ref();
        let field = |k: &str| format!("layers.{layer_name}.{k}");
        let mut file = self.string(&l.file, &field("file"), crate::msg!(ExpectedLayerPath));
        if let (Some(path), Some(value), false) = (&file, &l.file, allow_files_outside) {
            if leaves_folder(path) {
                self.error(
                    value.span(),
                    &field("file"),
                    ProblemCode::OutsideBundle,
                    crate::msg!(LayerPathOutside, path = path),
                );
                file = None;
            }
        }
        let id = self.string(&l.id, &field("id"), crate::msg!(ExpectedIdProperty));
        for (key, value) in [("file", &l.file), ("id", &l.id)] {
            if value.is_none() {
                self.error(
                    spanned.span(),
                    &field(key),
                    ProblemCode::BadManifest,
                    crate::msg!(LayerKeyMissing, layer = layer_name, key = key),
                );
            }
        }
        let name_property = self.string(&l.name, &field("name"), crate::msg!(ExpectedNameProperty));
        let population = self.string(
            &l.population,
            &field("population"),
            crate::msg!(ExpectedPopulationProperty),
        );
        let crs = self.crs(&l.crs, &field("crs"));
        let priority = self
            .boolean(&l.priority, &field("priority"))
            .unwrap_or(false);
        let indicators = self.indicators(layer_name, &l.indicators);
        let demand = l.demand.as_ref().and_then(|v| self.demand(layer_name, v));
        Some(LayerSpec {
            name: layer_name.to_owned(),
            file: file?,
            id: id?,
            name_property,
            population,
            crs,
            priority,
            indicators,
            demand,
            line: table_line,
        })
    }

    /// `[layers.NAME.demand]` (docs/bundle.md, "Demand by age"): `counts` (a list of
    /// INSEE census columns, or a table property = ages) or `shares` (a table property
    /// = ages, in % of the population), and `weights` (a preset's name, or a table
    /// ages = weight). Every fault is reported at the table's line; `None` then.
    fn demand(&mut self, layer: &str, v: &Spanned<Value>) -> Option<(crate::model::Demand, u64)> {
        use crate::model::DemandWeights;
        use crate::model::{AgeBand, AgeRange, BandValues, Demand, DemandError, DemandPreset};
        let field = format!("layers.{layer}.demand");
        let line = line_at(self.text, v.span().start);
        let errors_before = self.problems.len();
        let error = |ctx: &mut Self, message: Message| {
            ctx.error(v.span(), &field, ProblemCode::BadManifest, message)
        };
        let bad = crate::msg!(BadDemand, layer = layer, value = clip_value(v.get_ref()));
        let Some(table) = v.get_ref().as_table() else {
            error(self, bad);
            return None;
        };
        let unknown_key = table
            .keys()
            .any(|k| !matches!(k.as_str(), "counts" | "shares" | "weights"));
        let (values, bands) = match (table.get("counts"), table.get("shares")) {
            (Some(b), None) if !unknown_key => (BandValues::Counts, b),
            (None, Some(b)) if !unknown_key => (BandValues::Shares, b),
            _ => {
                error(self, bad);
                return None;
            }
        };
        let ages = |ctx: &mut Self, text: &Value| match text.as_str().map(str::parse::<AgeRange>) {
            Some(Ok(r)) => Some(r),
            _ => {
                let value = text
                    .as_str()
                    .map_or_else(|| text.to_string(), str::to_owned);
                error(ctx, crate::msg!(BadAgeRange, layer = layer, value = value));
                None
            }
        };
        let mut declared = Vec::new();
        match (bands, values) {
            (Value::Array(columns), BandValues::Counts) if !columns.is_empty() => {
                for c in columns {
                    let Some(name) = c.as_str() else {
                        error(self, bad.clone());
                        continue;
                    };
                    match AgeRange::from_insee_column(name.trim()) {
                        Some(ages) => declared.push(AgeBand {
                            property: name.trim().to_owned(),
                            ages,
                        }),
                        None => error(
                            self,
                            crate::msg!(NotInseeAgeColumn, layer = layer, column = name),
                        ),
                    }
                }
            }
            (Value::Table(t), _) if !t.is_empty() => {
                for (property, text) in t {
                    if let Some(ages) = ages(self, text) {
                        declared.push(AgeBand {
                            property: property.clone(),
                            ages,
                        });
                    }
                }
            }
            _ => error(self, bad.clone()),
        }
        let weights = match table.get("weights") {
            Some(Value::String(name)) => {
                match DemandPreset::NAMES.iter().find(|(n, _)| *n == name.trim()) {
                    Some((_, p)) => Some(DemandWeights::Preset(*p)),
                    None => {
                        let names: Vec<&str> =
                            DemandPreset::NAMES.iter().map(|(n, _)| *n).collect();
                        error(
                            self,
                            crate::msg!(
                                UnknownDemandPreset,
                                layer = layer,
                                value = super::problem::clip(name, 80),
                                expected = names.join(", ")
                            ),
                        );
                        None
                    }
                }
            }
            Some(Value::Table(t)) if !t.is_empty() => {
                let mut given = Vec::new();
                for (range, w) in t {
                    let Some(r) = ages(self, &Value::String(range.clone())) else {
                        continue;
                    };
                    match w.as_float().or(w.as_integer().map(|i| i as f64)) {
                        Some(x) if x.is_finite() && x >= 0.0 => given.push((r, x)),
                        _ => error(
                            self,
                            crate::msg!(
                                BadDemandWeight,
                                layer = layer,
                                ages = r.to_string(),
                                value = clip_value(w)
                            ),
                        ),
                    }
                }
                Some(DemandWeights::Given(given))
            }
            _ => {
                error(self, bad);
                None
            }
        };
        if self.problems.len() > errors_before {
            return None;
        }
        let weights = weights?;
        match Demand::new(values, declared, weights) {
            Ok(demand) => {
                let coarse: Vec<String> = demand
                    .coarse_parts()
                    .map(|p| format!("{} → {:.4} ({})", p.ages, p.weight, p.covers))
                    .collect();
                if !coarse.is_empty() {
                    self.problems.push(Problem::warning(
                        MANIFEST_FILE,
                        Location::Line(line),
                        Some(&field),
                        ProblemCode::BadManifest,
                        crate::msg!(DemandCoarseBands, layer = layer, bands = coarse.join(", ")),
                    ));
                }
                Some((demand, line))
            }
            Err(errors) => {
                for e in errors {
                    let message = match e {
                        DemandError::Gap {
                            weights: false,
                            ages,
                        } => {
                            crate::msg!(DemandBandsGap, layer = layer, ages = ages.to_string())
                        }
                        DemandError::Gap {
                            weights: true,
                            ages,
                        } => {
                            crate::msg!(DemandWeightsGap, layer = layer, ages = ages.to_string())
                        }
                        DemandError::Overlap {
                            weights,
                            ages,
                            bands,
                        } => {
                            let (ages, bands) = (ages.to_string(), bands.join(", "));
                            if weights {
                                crate::msg!(
                                    DemandWeightsOverlap,
                                    layer = layer,
                                    ages = ages,
                                    bands = bands
                                )
                            } else {
                                crate::msg!(
                                    DemandBandsOverlap,
                                    layer = layer,
                                    ages = ages,
                                    bands = bands
                                )
                            }
                        }
                        DemandError::NotAligned { ages, grid } => {
                            let grid: Vec<String> = grid.iter().map(AgeRange::to_string).collect();
                            crate::msg!(
                                DemandBandNotAligned,
                                layer = layer,
                                ages = ages.to_string(),
                                grid = grid.join(", ")
                            )
                        }
                    };
                    error(self, message);
                }
                None
            }
        }
    }

    /// `[layers.NAME.indicators.PROPERTY]`: `label` (a text), `unit` (a text, optional)
    /// and `better` (`"higher"` or `"lower"`); a property named like a column of the
    /// zone outputs is refused. Every bad entry is named and left out.
    fn indicators(
        &mut self,
        layer_name: &str,
        raw: &IndexMap<String, Spanned<Value>>,
    ) -> Vec<(crate::model::Indicator, u64)> {
        use crate::model::{Better, Indicator};
        let mut indicators = Vec::new();
        for (property, v) in raw {
            let field = format!("layers.{layer_name}.indicators.{property}");
            let bad = |ctx: &mut Self| {
                ctx.error(
                    v.span(),
                    &field,
                    ProblemCode::BadManifest,
                    crate::msg!(
                        BadIndicator,
                        property = property,
                        value = clip_value(v.get_ref())
                    ),
                )
            };
            let Some(table) = v.get_ref().as_table() else {
                bad(self);
                continue;
            };
            let text = |key: &str| {
                table
                    .get(key)
                    .map(|x| x.as_str().map(str::trim).filter(|t| !t.is_empty()))
            };
            let label = text("label");
            let unit = text("unit");
            let better = table
                .get("better")
                .map(|x| match x.as_str().map(str::trim) {
                    Some("higher") => Some(Better::Higher),
                    Some("lower") => Some(Better::Lower),
                    _ => None,
                });
            let unknown_key = table
                .keys()
                .any(|k| !matches!(k.as_str(), "label" | "unit" | "better"));
            let (Some(Some(label)), Some(Some(better)), None | Some(Some(_)), false) =
                (label, better, unit, unknown_key)
            else {
                bad(self);
                continue;
            };
            if crate::model::reserved_zone_property(property) {
                self.error(
                    v.span(),
                    &field,
                    ProblemCode::BadManifest,
                    crate::msg!(ReservedIndicatorName, property = property),
                );
                continue;
            }
            indicators.push((
                Indicator {
                    property: property.clone(),
                    label: label.to_owned(),
                    unit: unit.flatten().map(str::to_owned),
                    better,
                },
                line_at(self.text, v.span().start),
            ));
        }
        indicators
    }

    /// `[[needs_from_indicators]]`: each rule's keys checked, every bad one named at
    /// the rule's line; a rule with a bad key is left out.
    fn need_rules(&mut self, raw: &[Spanned<Value>]) -> Vec<NeedRuleSpec> {
        use crate::model::Threshold;
        let mut rules = Vec::new();
        for (n, v) in raw.iter().enumerate() {
            let number = n + 1;
            let field = |key: &str| format!("needs_from_indicators[{number}].{key}");
            let span = v.span();
            let before = self.problems.len();
            let Some(table) = v.get_ref().as_table() else {
                self.error(
                    span,
                    &format!("needs_from_indicators[{number}]"),
                    ProblemCode::BadManifest,
                    crate::msg!(
                        NeedRuleNotTable,
                        number = number,
                        value = clip_value(v.get_ref())
                    ),
                );
                continue;
            };
            for key in table.keys() {
                if !matches!(
                    key.as_str(),
                    "layer" | "indicator" | "above" | "below" | "theme" | "level" | "zones"
                ) {
                    self.error(
                        span.clone(),
                        &field(key),
                        ProblemCode::BadManifest,
                        crate::msg!(NeedRuleUnknownKey, number = number, key = key),
                    );
                }
            }
            let text = |ctx: &mut Self, key: &str, required: bool| -> Option<String> {
                match table.get(key) {
                    Some(Value::String(s)) if !s.trim().is_empty() => Some(s.trim().to_owned()),
                    None if !required => None,
                    other => {
                        ctx.error(
                            span.clone(),
                            &field(key),
                            ProblemCode::BadManifest,
                            crate::msg!(
                                NeedRuleBadText,
                                number = number,
                                key = key,
                                value = other.map_or_else(|| "∅".into(), clip_value)
                            ),
                        );
                        None
                    }
                }
            };
            let layer = text(self, "layer", false);
            let indicator = text(self, "indicator", true);
            let theme = text(self, "theme", true);
            let number_of = |ctx: &mut Self, key: &str| -> Option<f64> {
                let x = table.get(key)?;
                let value = x
                    .as_float()
                    .or_else(|| x.as_integer().map(|i| i as f64))
                    .filter(|f| f.is_finite());
                if value.is_none() {
                    ctx.error(
                        span.clone(),
                        &field(key),
                        ProblemCode::BadNumber,
                        crate::msg!(
                            NeedRuleBadThreshold,
                            number = number,
                            key = key,
                            value = clip_value(x)
                        ),
                    );
                }
                value
            };
            let above = number_of(self, "above");
            let below = number_of(self, "below");
            let threshold = match (table.contains_key("above"), table.contains_key("below")) {
                (true, true) | (false, false) => {
                    self.error(
                        span.clone(),
                        &field("above"),
                        ProblemCode::BadManifest,
                        crate::msg!(NeedRuleOneThreshold, number = number),
                    );
                    None
                }
                (true, false) => above.map(Threshold::Above),
                (false, true) => below.map(Threshold::Below),
            };
            let level = match table.get("level") {
                None => Some(2),
                Some(x) => match x.as_integer() {
                    Some(l @ 1..=3) => Some(l as u8),
                    _ => {
                        self.error(
                            span.clone(),
                            &field("level"),
                            ProblemCode::BadNumber,
                            crate::msg!(NeedRuleBadLevel, number = number, value = clip_value(x)),
                        );
                        None
                    }
                },
            };
            let zones = match table.get("zones") {
                None => Some(Vec::new()),
                Some(Value::Array(items)) => items
                    .iter()
                    .map(|i| i.as_str().map(|s| s.trim().to_owned()))
                    .collect::<Option<Vec<String>>>()
                    .filter(|z| !z.is_empty()),
                Some(_) => None,
            };
            if zones.is_none() {
                self.error(
                    span.clone(),
                    &field("zones"),
                    ProblemCode::BadManifest,
                    crate::msg!(
                        NeedRuleBadZones,
                        number = number,
                        value = table.get("zones").map_or_else(|| "∅".into(), clip_value)
                    ),
                );
            }
            if let (Some(indicator), Some(threshold), Some(theme), Some(level), Some(zones), true) = (
                indicator,
                threshold,
                theme,
                level,
                zones,
                self.problems.len() == before,
            ) {
                rules.push(NeedRuleSpec {
                    layer,
                    indicator,
                    threshold,
                    theme,
                    level,
                    zones,
                    line: line_at(self.text, span.start),
                    number,
                });
            }
        }
        rules
    }

    /// `[analysis] catchment_m`: a positive number of metres.
    fn catchment(&mut self, v: &Option<Spanned<Value>>) -> f64 {
        let Some(v) = v else {
            return DEFAULT_CATCHMENT_M;
        };
        match v
            .get_ref()
            .as_float()
            .or(v.get_ref().as_integer().map(|i| i as f64))
        {
            Some(x) if x.is_finite() && x > 0.0 => x,
            _ => {
                self.error(
                    v.span(),
                    "analysis.catchment_m",
                    ProblemCode::BadNumber,
                    crate::msg!(BadCatchment, value = v.get_ref().to_string()),
                );
                DEFAULT_CATCHMENT_M
            }
        }
    }

    /// `[analysis] solicitation_threshold`: a whole number of bodies and joint actions,
    /// at least 1.
    fn solicitation_threshold(&mut self, v: &Option<Spanned<Value>>) -> u32 {
        let Some(v) = v else {
            return DEFAULT_SOLICITATION_THRESHOLD;
        };
        match v.get_ref().as_integer().map(u32::try_from) {
            Some(Ok(n)) if n >= 1 => n,
            _ => {
                self.error(
                    v.span(),
                    "analysis.solicitation_threshold",
                    ProblemCode::BadNumber,
                    crate::msg!(BadSolicitationThreshold, value = v.get_ref().to_string()),
                );
                DEFAULT_SOLICITATION_THRESHOLD
            }
        }
    }

    /// `[expected.ID]`: for a kind, sector or family of the taxonomy, `per_10000` (a
    /// density, at least 0) and/or `at_least` (a whole number); every bad entry named.
    fn expected(
        &mut self,
        raw: &IndexMap<String, Spanned<Value>>,
        taxonomy: &Taxonomy,
    ) -> Vec<crate::model::Expectation> {
        let mut expected = Vec::new();
        for (id, v) in raw {
            let field = format!("expected.{id}");
            let known = taxonomy.kind(id).is_some()
                || taxonomy.sector(id).is_some()
                || taxonomy.family(id).is_some();
            if !known {
                self.error(
                    v.span(),
                    &field,
                    ProblemCode::BadManifest,
                    crate::msg!(ExpectedUnknownGroup, id = id),
                );
                continue;
            }
            let table = v.get_ref().as_table();
            let per_10000 = table.and_then(|t| t.get("per_10000")).map(|x| {
                x.as_float()
                    .or_else(|| x.as_integer().map(|n| n as f64))
                    .filter(|d| d.is_finite() && *d >= 0.0)
            });
            let at_least = table
                .and_then(|t| t.get("at_least"))
                .map(|x| x.as_integer().and_then(|n| u32::try_from(n).ok()));
            let unknown_key =
                table.is_some_and(|t| t.keys().any(|k| k != "per_10000" && k != "at_least"));
            match (table, per_10000, at_least) {
                (Some(_), Some(Some(_)) | None, Some(Some(_)) | None)
                    if !unknown_key && (per_10000.is_some() || at_least.is_some()) =>
                {
                    expected.push(crate::model::Expectation {
                        id: id.clone(),
                        per_10000: per_10000.flatten(),
                        at_least: at_least.flatten(),
                    });
                }
                _ => self.error(
                    v.span(),
                    &field,
                    ProblemCode::BadManifest,
                    crate::msg!(BadExpectation, value = v.get_ref().to_string()),
                ),
            }
        }
        expected
    }

    /// `[pathways.NAME]`: `themes` (a list of themes, possibly empty), `entry_kinds`
    /// and `specialised_kinds` (non-empty lists of kinds of the taxonomy). A pathway
    /// named like a default one replaces it; the others follow, in manifest order.
    fn pathways(
        &mut self,
        raw: &IndexMap<String, Spanned<Value>>,
        taxonomy: &Taxonomy,
    ) -> Vec<crate::model::PathwayDefinition> {
        let mut pathways = crate::model::default_pathways();
        for (name, v) in raw {
            let Some(table) = v.get_ref().as_table() else {
                self.error(
                    v.span(),
                    &format!("pathways.{name}"),
                    ProblemCode::BadManifest,
                    crate::msg!(BadPathway),
                );
                continue;
            };
            let strings = |key: &str| -> Option<Vec<String>> {
                match table.get(key) {
                    None => Some(Vec::new()),
                    Some(x) => x
                        .as_array()
                        .and_then(|a| a.iter().map(|i| i.as_str().map(str::to_owned)).collect()),
                }
            };
            let mut ok = true;
            for key in table.keys() {
                if !matches!(key.as_str(), "themes" | "entry_kinds" | "specialised_kinds") {
                    self.error(
                        v.span(),
                        &format!("pathways.{name}.{key}"),
                        ProblemCode::BadManifest,
                        crate::msg!(BadPathway),
                    );
                    ok = false;
                }
            }
            let themes = strings("themes");
            let mut kinds = |key: &str| -> Vec<String> {
                let field = format!("pathways.{name}.{key}");
                match strings(key) {
                    Some(list) if !list.is_empty() => {
                        for k in &list {
                            if taxonomy.kind(k).is_none() {
                                self.unknown_kind(v.span(), &field, k, taxonomy);
                                ok = false;
                            }
                        }
                        list
                    }
                    _ => {
                        self.error(
                            v.span(),
                            &field,
                            ProblemCode::BadManifest,
                            crate::msg!(BadPathway),
                        );
                        ok = false;
                        Vec::new()
                    }
                }
            };
            let entry_kinds = kinds("entry_kinds");
            let specialised_kinds = kinds("specialised_kinds");
            let Some(themes) = themes else {
                self.error(
                    v.span(),
                    &format!("pathways.{name}.themes"),
                    ProblemCode::BadManifest,
                    crate::msg!(BadPathway),
                );
                continue;
            };
            if !ok {
                continue;
            }
            let definition = crate::model::PathwayDefinition {
                name: name.clone(),
                themes: themes.iter().map(|t| crate::model::Theme::new(t)).collect(),
                entry_kinds,
                specialised_kinds,
            };
            match pathways.iter_mut().find(|p| p.name == *name) {
                Some(p) => *p = definition,
                None => pathways.push(definition),
            }
        }
        pathways
    }

    /// `[analysis.capacity_unit]`: for kinds of the taxonomy, `"as-given"` or
    /// `"consultations"`; every bad entry named and left out.
    fn capacity_units(
        &mut self,
        raw: &IndexMap<String, Spanned<Value>>,
        taxonomy: &Taxonomy,
    ) -> std::collections::BTreeMap<String, crate::model::CapacityUnit> {
        use crate::model::CapacityUnit;
        let mut units = std::collections::BTreeMap::new();
        for (kind, v) in raw {
            let field = format!("analysis.capacity_unit.{kind}");
            if taxonomy.kind(kind).is_none() {
                self.unknown_kind(v.span(), &field, kind, taxonomy);
                continue;
            }
            let found = v
                .get_ref()
                .as_str()
                .and_then(|s| CapacityUnit::NAMES.iter().find(|(n, _)| *n == s.trim()));
            match found {
                Some((_, unit)) => {
                    units.insert(kind.clone(), *unit);
                }
                None => {
                    let names: Vec<&str> = CapacityUnit::NAMES.iter().map(|(n, _)| *n).collect();
                    self.error(
                        v.span(),
                        &field,
                        ProblemCode::BadManifest,
                        crate::msg!(
                            BadCapacityUnit,
                            kind = kind,
                            value = clip_value(v.get_ref()),
                            expected = names.join(", ")
                        ),
                    );
                }
            }
        }
        units
    }

    /// `[analysis] required`: a list of kind ids, with its line.
    fn required(&mut self, v: &Option<Spanned<Value>>) -> (Vec<String>, u64) {
        let Some(v) = v else {
            return (Vec::new(), 0);
        };
        let items: Option<Vec<String>> = v
            .get_ref()
            .as_array()
            .and_then(|arr| arr.iter().map(|x| x.as_str().map(str::to_owned)).collect());
        match items {
            Some(items) => (items, line_at(self.text, v.span().start)),
            None => {
                self.error(
                    v.span(),
                    "analysis.required",
                    ProblemCode::BadManifest,
                    crate::msg!(BadRequiredKinds),
                );
                (Vec::new(), 0)
            }
        }
    }

    /// `[analysis] access`: one of the access methods' names.
    fn access(&mut self, v: &Option<Spanned<Value>>) -> AccessMethod {
        let Some(v) = v else {
            return AccessMethod::default();
        };
        let found = v
            .get_ref()
            .as_str()
            .and_then(|s| AccessMethod::NAMES.iter().find(|(n, _)| *n == s.trim()));
        match found {
            Some((_, m)) => *m,
            None => {
                let names: Vec<&str> = AccessMethod::NAMES.iter().map(|(n, _)| *n).collect();
                self.error(
                    v.span(),
                    "analysis.access",
                    ProblemCode::BadManifest,
                    crate::msg!(
                        BadAccessMethod,
                        value = v.get_ref().to_string(),
                        expected = names.join(", ")
                    ),
                );
                AccessMethod::default()
            }
        }
    }

    /// `[analysis.costs]` (docs/bundle.md, "Travel costs"): `file`, `unit` (`minutes`
    /// or `metres`), `catchment` (a positive number in the unit), `decay` (`"none"`,
    /// `"apl"`, `"gaussian"` with `sigma`, or steps `[[upper, weight], …]`). Every bad
    /// key is named and left out.
    fn costs(
        &mut self,
        v: &Option<Spanned<Value>>,
        allow_files_outside: bool,
    ) -> crate::model::CostSettings {
        use crate::model::{CostDecay, CostSettings, CostUnit};
        let mut settings = CostSettings::default();
        let Some(v) = v else {
            return settings;
        };
        let span = v.span();
        let Some(table) = v.get_ref().as_table() else {
            self.error(
                span,
                "analysis.costs",
                ProblemCode::BadManifest,
                crate::msg!(BadCostsTable, value = clip_value(v.get_ref())),
            );
            return settings;
        };
        let bad = |ctx: &mut Self, key: &str, value: &Value, expected: Message| {
            ctx.error(
                span.clone(),
                &format!("analysis.costs.{key}"),
                ProblemCode::BadManifest,
                crate::msg!(BadCostsKey, value = clip_value(value), expected = expected),
            );
        };
        let positive = |x: &Value| {
            x.as_float()
                .or(x.as_integer().map(|i| i as f64))
                .filter(|x| x.is_finite() && *x > 0.0)
        };
        let mut sigma = None;
        let mut decay_name = None;
        for (key, value) in table {
            match key.as_str() {
                "file" => match value.as_str().map(str::trim).filter(|t| !t.is_empty()) {
                    Some(path) if allow_files_outside || !leaves_folder(path) => {
                        settings.file = Some(path.to_owned())
                    }
                    Some(path) => self.error(
                        span.clone(),
                        "analysis.costs.file",
                        ProblemCode::OutsideBundle,
                        crate::msg!(LayerPathOutside, path = path),
                    ),
                    None => bad(self, key, value, crate::msg!(ExpectedCostsFile)),
                },
                "unit" => match value.as_str().map(str::trim) {
                    Some("minutes") => settings.unit = Some(CostUnit::Minutes),
                    Some("metres") => settings.unit = Some(CostUnit::Metres),
                    _ => bad(self, key, value, crate::msg!(ExpectedCostsUnit)),
                },
                "catchment" => match positive(value) {
                    Some(x) => settings.catchment = Some(x),
                    None => bad(self, key, value, crate::msg!(ExpectedCostsCatchment)),
                },
                "sigma" => match positive(value) {
                    Some(x) => sigma = Some(x),
                    None => bad(self, key, value, crate::msg!(ExpectedCostsSigma)),
                },
                "decay" => match value {
                    Value::String(name) => match name.trim() {
                        "none" => settings.decay = Some(CostDecay::Flat),
                        "apl" => settings.decay = Some(CostDecay::Apl),
                        "gaussian" => decay_name = Some("gaussian"),
                        _ => bad(self, key, value, crate::msg!(ExpectedCostsDecay)),
                    },
                    Value::Array(rows) => {
                        let bands: Option<Vec<(f64, f64)>> = rows
                            .iter()
                            .map(|row| match row.as_array().map(Vec::as_slice) {
                                Some([upper, weight]) => {
                                    let weight = weight
                                        .as_float()
                                        .or(weight.as_integer().map(|i| i as f64))
                                        .filter(|w| w.is_finite() && *w >= 0.0)?;
                                    Some((positive(upper)?, weight))
                                }
                                _ => None,
                            })
                            .collect();
                        match bands {
                            Some(mut bands) if !bands.is_empty() => {
                                bands.sort_by(|a, b| a.0.total_cmp(&b.0));
                                if bands.windows(2).any(|w| w[0].0 == w[1].0) {
                                    bad(self, key, value, crate::msg!(ExpectedCostsDecay));
                                } else {
                                    settings.decay = Some(CostDecay::Steps { bands });
                                }
                            }
                            _ => bad(self, key, value, crate::msg!(ExpectedCostsDecay)),
                        }
                    }
                    _ => bad(self, key, value, crate::msg!(ExpectedCostsDecay)),
                },
                _ => self.error(
                    span.clone(),
                    &format!("analysis.costs.{key}"),
                    ProblemCode::BadManifest,
                    crate::msg!(
                        UnknownCostsKey,
                        key = key,
                        expected = "file, unit, catchment, decay, sigma"
                    ),
                ),
            }
        }
        match (decay_name, sigma) {
            (Some(_), sigma) => settings.decay = Some(CostDecay::Gaussian { sigma }),
            (None, Some(x)) => bad(
                self,
                "sigma",
                &Value::Float(x),
                crate::msg!(SigmaWithoutGaussian),
            ),
            (None, None) => {}
        }
        if settings.decay == Some(CostDecay::Apl) && settings.unit == Some(CostUnit::Metres) {
            bad(
                self,
                "decay",
                &Value::String("apl".into()),
                crate::msg!(AplNeedsMinutes),
            );
            settings.decay = None;
        }
        settings
    }

    fn string(
        &mut self,
        v: &Option<Spanned<Value>>,
        field: &str,
        expected: Message,
    ) -> Option<String> {
        let v = v.as_ref()?;
        match v.get_ref() {
            Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_owned()),
            other => {
                self.error(
                    v.span(),
                    field,
                    ProblemCode::BadManifest,
                    crate::msg!(
                        NotAUsableText,
                        value = other.to_string(),
                        expected = expected
                    ),
                );
                None
            }
        }
    }

    fn boolean(&mut self, v: &Option<Spanned<Value>>, field: &str) -> Option<bool> {
        let v = v.as_ref()?;
        match v.get_ref() {
            Value::Boolean(b) => Some(*b),
            other => {
                self.error(
                    v.span(),
                    field,
                    ProblemCode::BadBoolean,
                    crate::msg!(NotABooleanValue, value = other.to_string()),
                );
                None
            }
        }
    }

    fn crs(&mut self, v: &Option<Spanned<Value>>, field: &str) -> Option<Crs> {
        let v = v.as_ref()?;
        let parsed = v.get_ref().as_str().and_then(|s| s.parse::<Crs>().ok());
        if parsed.is_none() {
            self.error(
                v.span(),
                field,
                ProblemCode::BadCrs,
                crate::msg!(BadCrs, value = v.get_ref().to_string()),
            );
        }
        parsed
    }

    fn taxonomy(&mut self, raw: &RawTaxonomy) -> Taxonomy {
        let mut taxonomy = Taxonomy::builtin();
        for (id, entry) in &raw.sectors {
            let field = format!("taxonomy.sectors.{id}.label");
            match self.string(&entry.get_ref().label, &field, crate::msg!(ExpectedLabel)) {
                Some(label) => {
                    taxonomy.sectors.insert(
                        id.clone(),
                        Sector {
                            label,
                            description: String::new(),
                        },
                    );
                }
                None if !taxonomy.sectors.contains_key(id) => self.error(
                    entry.span(),
                    &field,
                    ProblemCode::BadManifest,
                    crate::msg!(NewSectorWithoutLabel, id = id),
                ),
                None => {}
            }
        }
        for (id, entry) in &raw.kinds {
            let e = entry.get_ref();
            let field = |k: &str| format!("taxonomy.kinds.{id}.{k}");
            let label = self.string(&e.label, &field("label"), crate::msg!(ExpectedLabel));
            let sector = self.string(&e.sector, &field("sector"), crate::msg!(ExpectedSectorId));
            let family = self.string(&e.family, &field("family"), crate::msg!(ExpectedFamilyId));
            if let (Some(s), Some(v)) = (&sector, &e.sector) {
                if taxonomy.sector(s).is_none() {
                    let known: Vec<&str> = taxonomy.sectors.keys().map(String::as_str).collect();
                    self.error(
                        v.span(),
                        &field("sector"),
                        ProblemCode::UnknownSector,
                        crate::msg!(UnknownSector, sector = s, expected = known.join(", ")),
                    );
                    continue;
                }
            }
            if let (Some(f), Some(v)) = (&family, &e.family) {
                if taxonomy.family(f).is_none() {
                    let known: Vec<&str> = taxonomy.families.keys().map(String::as_str).collect();
                    self.error(
                        v.span(),
                        &field("family"),
                        ProblemCode::UnknownFamily,
                        crate::msg!(UnknownFamily, family = f, expected = known.join(", ")),
                    );
                    continue;
                }
            }
            match taxonomy.kinds.get_mut(id) {
                Some(k) => {
                    // Overriding a built-in kind: only the given keys change.
                    if let Some(l) = label {
                        k.label = l;
                    }
                    if let Some(s) = sector {
                        k.sector = s;
                    }
                    if let Some(f) = family {
                        k.family = f;
                    }
                }
                None => match (label, sector, family) {
                    (Some(label), Some(sector), Some(family)) => {
                        taxonomy.kinds.insert(
                            id.clone(),
                            Kind {
                                label,
                                sector,
                                family,
                            },
                        );
                    }
                    _ => self.error(
                        entry.span(),
                        &format!("taxonomy.kinds.{id}"),
                        ProblemCode::BadManifest,
                        crate::msg!(NewKindIncomplete, id = id),
                    ),
                },
            }
        }
        taxonomy
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"format = 1
name = "Test"
crs = "EPSG:2154"
date = "2024-06-30"

[layers.quartiers]
file = "zones/q.geojson"
id = "code"
population = "pop"

[layers.qpv]
file = "zones/qpv.geojson"
id = "code_qp"
priority = true

[analysis]
coverage_layer = "quartiers"
catchment_m = 1500
required = ["medecin_generaliste"]
solicitation_threshold = 4

[taxonomy.kinds.mediatrice_sante]
label = "Médiatrice santé"
sector = "social"
family = "professional"
"#;

    #[test]
    fn reads_a_full_manifest_in_order() {
        let mut p = vec![];
        let m = parse_manifest(GOOD, &mut p).unwrap();
        assert!(p.is_empty(), "{p:?}");
        assert_eq!(m.crs, Crs::Lambert93);
        assert_eq!(m.layers.len(), 2);
        assert_eq!(m.layers[0].name, "quartiers");
        assert_eq!(m.layers[0].line, 6);
        assert!(m.layers[1].priority);
        assert_eq!(m.catchment_m, 1500.0);
        assert_eq!(m.partition.0, "sector");
        assert_eq!(m.solicitation_threshold, 4);
        let without = GOOD.replace("solicitation_threshold = 4\n", "");
        let m = parse_manifest(&without, &mut p).unwrap();
        assert_eq!(m.solicitation_threshold, DEFAULT_SOLICITATION_THRESHOLD);
        assert_eq!(
            m.taxonomy.kind("mediatrice_sante").unwrap().sector,
            "social"
        );
    }

    #[test]
    fn reports_every_bad_value_with_its_line() {
        let text = GOOD
            .replace("crs = \"EPSG:2154\"", "crs = \"EPSG:3857\"")
            .replace("catchment_m = 1500", "catchment_m = -3")
            .replace("sector = \"social\"", "sector = \"socia\"");
        let mut p = vec![];
        parse_manifest(&text, &mut p).unwrap();
        let codes: Vec<_> = p.iter().map(|x| (x.code, x.line())).collect();
        assert_eq!(
            codes,
            vec![
                (ProblemCode::BadCrs, Some(3)),
                (ProblemCode::BadNumber, Some(18)),
                (ProblemCode::UnknownSector, Some(24)),
            ]
        );
    }

    #[test]
    fn refuses_a_solicitation_threshold_that_is_not_a_whole_number_from_1() {
        for bad in ["0", "-2", "2.5", "\"5\"", "4294967296"] {
            let text = GOOD.replace(
                "solicitation_threshold = 4",
                &format!("solicitation_threshold = {bad}"),
            );
            let mut p = vec![];
            let m = parse_manifest(&text, &mut p).unwrap();
            assert_eq!(m.solicitation_threshold, DEFAULT_SOLICITATION_THRESHOLD);
            assert_eq!(p.len(), 1, "{bad}: {p:?}");
            assert_eq!((p[0].code, p[0].line()), (ProblemCode::BadNumber, Some(20)));
            assert_eq!(
                p[0].field.as_deref(),
                Some("analysis.solicitation_threshold")
            );
            assert!(
                p[0].message_in(crate::lang::Lang::En)
                    .contains("at least 1"),
                "{}",
                p[0].message
            );
        }
    }

    #[test]
    fn refuses_other_format_versions_and_bad_toml() {
        let mut p = vec![];
        assert!(parse_manifest(&GOOD.replace("format = 1", "format = 2"), &mut p).is_none());
        assert_eq!(p[0].code, ProblemCode::UnsupportedFormat);
        let mut p = vec![];
        assert!(parse_manifest("format = 1\nname = \"x\n", &mut p).is_none());
        assert_eq!(p[0].code, ProblemCode::BadManifest);
        assert_eq!(p[0].line(), Some(2));
    }
}
