//! The cost table (docs/bundle.md, "Travel costs"): road minutes or metres from each
//! zone of the coverage layer to actors, or to the suppliers of other zones, read in
//! segments of whole lines on every thread, every problem located, nothing kept when
//! one is an error.

use super::csv_table::{detect_delimiter, too_many_problems, MAX_LINE_BYTES, MAX_ROWS};
use super::problem::{clip, MAX_ERRORS_PER_FILE};
use super::{decode_text, parse_number, BundleErrors, Location, Problem, ProblemCode, Severity};
use crate::model::{
    Actor, ActorIx, CostDecay, CostSettings, CostUnit, Destination, Layer, Territory, TravelCosts,
    ZoneIx, DEFAULT_CATCHMENT_MIN,
};
use rayon::prelude::*;
use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::path::Path;

/// The columns of a cost table: `origin`, `destination`, and `minutes` and/or `metres`.
pub const COST_COLUMNS: [&str; 4] = ["origin", "destination", "minutes", "metres"];

/// The largest cost table read: 2 GiB (a 10,000,000-row table of commune codes and
/// actor ids takes about 300 MiB). Larger files are refused unread.
pub const MAX_COSTS_BYTES: u64 = 2 << 30;

/// The most rows of a cost table: those of any CSV table of the bundle
/// ([`MAX_ROWS`](super::MAX_ROWS), twenty million).
pub const MAX_COST_ROWS: usize = MAX_ROWS;

/// A destination id's meaning: an actor, a zone, or both (refused where used).
const ZONE_TAG: u32 = 1 << 31;
const AMBIGUOUS: u32 = u32::MAX;

/// A row read: origin zone, destination (tagged), cost, line.
type Row = (u32, u32, f64, u32);

/// Reads a cost table from a file given outside the bundle (`maillage diagnose --costs
/// FILE`, Python's `Territory.diagnose(costs=…)`), for `territory`: its coverage layer's
/// zones are the origins, its actors and zones the destinations, with the manifest's
/// `[analysis.costs]` settings.
///
/// # Returns
/// The table and its warnings (a Windows-1252 file...).
///
/// # Errors
/// [`BundleErrors`] with every problem of the file, each at its line and column.
///
/// # Example
/// ```
/// # let territory = maillage::bundle::load_bundle("../../data/lyon7".as_ref()).unwrap().territory;
/// use maillage::bundle::read_cost_table_bytes;
/// let zone = &territory.coverage_layer().zones[0].id;
/// let csv = format!("origin;destination;minutes\n{zone};{zone};4,5\n");
/// let (costs, warnings) = read_cost_table_bytes("costs.csv", csv.as_bytes(), &territory).unwrap();
/// assert_eq!((costs.entry_count(), costs.catchment), (1, 20.0));
/// assert!(warnings.is_empty());
///
/// let refused = read_cost_table_bytes("costs.csv", b"origin,destination,minutes\nnowhere,x,-1\n", &territory).unwrap_err();
/// assert_eq!(refused.errors.len(), 3); // the origin, the destination and the time
/// ```
pub fn read_cost_table_bytes(
    file: &str,
    bytes: &[u8],
    territory: &Territory,
) -> Result<(TravelCosts, Vec<Problem>), BundleErrors> {
    let mut problems = Vec::new();
    let costs = read_costs(
        file,
        bytes,
        &territory.analysis.cost_settings,
        territory.analysis.catchment_m,
        &territory.actors,
        territory.coverage_layer(),
        &mut problems,
    );
    finish(costs, problems)
}

/// [`read_cost_table_bytes`] on a file, refused unread beyond [`MAX_COSTS_BYTES`].
///
/// # Errors
/// As [`read_cost_table_bytes`], and a file that cannot be read.
pub fn read_cost_table(
    path: &Path,
    territory: &Territory,
) -> Result<(TravelCosts, Vec<Problem>), BundleErrors> {
    let file = path.display().to_string();
    let mut problems = Vec::new();
    let bytes = super::load::read_path(path, &file, MAX_COSTS_BYTES, &mut problems);
    match bytes {
        Some(bytes) => read_cost_table_bytes(&file, &bytes, territory),
        None => finish(None, problems),
    }
}

fn finish(
    costs: Option<TravelCosts>,
    problems: Vec<Problem>,
) -> Result<(TravelCosts, Vec<Problem>), BundleErrors> {
    let (errors, warnings): (Vec<_>, Vec<_>) = problems
        .into_iter()
        .partition(|p| p.severity == Severity::Error);
    match costs {
        Some(costs) if errors.is_empty() => Ok((costs, warnings)),
        _ => Err(BundleErrors { errors, warnings }),
    }
}

/// The header's columns, by their place in a row.
struct Columns {
    origin: usize,
    destination: usize,
    cost: usize,
    unit: CostUnit,
    width: usize,
}

/// Reads a cost table's bytes; `None` (and the errors in `problems`) when any row, or
/// the header, is wrong.
///
/// # Complexity
/// O(n log n) for n rows (the duplicate pairs are found by sorting), the lines parsed
/// on every thread.
pub(crate) fn read_costs(
    file: &str,
    bytes: &[u8],
    settings: &CostSettings,
    catchment_m: f64,
    actors: &[Actor],
    layer: &Layer,
    problems: &mut Vec<Problem>,
) -> Option<TravelCosts> {
    let (text, warning) = decode_text(file, bytes);
    problems.extend(warning);
    let error = |location, field: Option<&str>, code, message| {
        Problem::error(file, location, field, code, message)
    };
    if text.trim().is_empty() {
        problems.push(error(
            Location::File,
            None,
            ProblemCode::EmptyFile,
            crate::msg!(CostsEmptyFile),
        ));
        return None;
    }
    let delimiter = detect_delimiter(&text);
    let header_end = text.find('\n').unwrap_or(text.len());
    let columns = header(file, &text[..header_end], delimiter, settings, problems)?;
    let body = text.get(header_end + 1..).unwrap_or("");

    let ids = Ids::new(actors, layer);
    let (rows, rows_read) = parse_rows(file, body, delimiter, &columns, &ids, layer, problems)?;
    if rows.is_empty() && rows_read {
        problems.push(error(
            Location::File,
            None,
            ProblemCode::EmptyFile,
            crate::msg!(CostsNoRow),
        ));
        return None;
    }
    // the pairs given twice among the rows read, even when others were wrong
    let rows = without_duplicates(file, rows, actors, layer, problems)?;
    if !rows_read {
        return None;
    }

    let catchment = settings
        .catchment
        .unwrap_or(match (&settings.decay, columns.unit) {
            (Some(CostDecay::Steps { bands }), _) => bands.last().map_or(0.0, |b| b.0),
            (_, CostUnit::Minutes) => DEFAULT_CATCHMENT_MIN,
            (_, CostUnit::Metres) => catchment_m,
        });
    if settings.decay == Some(CostDecay::Apl) && columns.unit == CostUnit::Metres {
        problems.push(error(
            Location::Line(1),
            Some("metres"),
            ProblemCode::BadManifest,
            crate::msg!(AplNeedsMinutes),
        ));
        return None;
    }
    let rows = rows
        .into_iter()
        .map(|(o, d, c, _)| {
            let d = if d & ZONE_TAG != 0 {
                Destination::Zone(ZoneIx(d & !ZONE_TAG))
            } else {
                Destination::Actor(ActorIx(d))
            };
            (ZoneIx(o), d, c)
        })
        .collect();
    Some(TravelCosts::new(
        file,
        columns.unit,
        catchment,
        settings.decay.clone(),
        layer.zones.len(),
        rows,
    ))
}

/// The header: every column known, `origin`, `destination` and the unit's column
/// present, none twice.
fn header(
    file: &str,
    line: &str,
    delimiter: u8,
    settings: &CostSettings,
    problems: &mut Vec<Problem>,
) -> Option<Columns> {
    let line = line.strip_suffix('\r').unwrap_or(line);
    let found: Vec<String> = match split_fields(line, delimiter) {
        Some(cells) => cells.iter().map(|c| c.trim().to_owned()).collect(),
        None => {
            problems.push(unbalanced_quotes(file, 1));
            return None;
        }
    };
    let errors_before = problems.len();
    let at = |name: &str| found.iter().position(|h| h == name);
    for (i, h) in found.iter().enumerate() {
        let problem = if !COST_COLUMNS.contains(&h.as_str()) {
            Some((
                ProblemCode::BadCsv,
                crate::msg!(
                    CostsUnknownColumn,
                    column = clip(h, 80),
                    expected = COST_COLUMNS.join(", ")
                ),
            ))
        } else if found[..i].contains(h) {
            Some((
                ProblemCode::DuplicateColumn,
                crate::msg!(DuplicateColumn, column = h),
            ))
        } else {
            None
        };
        if let Some((code, message)) = problem {
            problems.push(Problem::error(
                file,
                Location::Line(1),
                Some(&h.chars().take(80).collect::<String>()),
                code,
                message,
            ));
        }
    }
    let unit = settings.unit.unwrap_or(if at("minutes").is_some() {
        CostUnit::Minutes
    } else {
        CostUnit::Metres
    });
    let found_text = found.join(", ");
    for required in ["origin", "destination", unit.as_str()] {
        if at(required).is_none() {
            let message = if required == unit.as_str() && settings.unit.is_none() {
                crate::msg!(CostsNoCostColumn, found = clip(&found_text, 200))
            } else {
                crate::msg!(
                    MissingColumn,
                    column = required,
                    expected = format!("origin, destination, {}", unit.as_str()),
                    found = clip(&found_text, 200)
                )
            };
            problems.push(Problem::error(
                file,
                Location::Line(1),
                Some(required),
                ProblemCode::MissingColumn,
                message,
            ));
        }
    }
    if problems.len() > errors_before {
        return None;
    }
    Some(Columns {
        origin: at("origin")?,
        destination: at("destination")?,
        cost: at(unit.as_str())?,
        unit,
        width: found.len(),
    })
}

/// A hasher for ids read millions of times (FxHash's multiply-rotate, over 8 bytes at
/// a time): the ids come from the bundle, the map is rebuilt for each table.
#[derive(Default, Clone, Copy)]
struct IdHasher(u64);

impl std::hash::Hasher for IdHasher {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let word = u64::from_le_bytes(c.try_into().unwrap_or([0; 8]));
            self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(K);
        }
        let mut last = [0u8; 8];
        let rest = chunks.remainder();
        last[..rest.len()].copy_from_slice(rest);
        self.0 =
            (self.0.rotate_left(5) ^ u64::from_le_bytes(last) ^ rest.len() as u64).wrapping_mul(K);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

type IdMap<'a> = HashMap<&'a str, u32, BuildHasherDefault<IdHasher>>;

/// The ids a row may name: the layer's zones as origins; actors and zones as
/// destinations (an id both an actor's and a zone's marked ambiguous).
struct Ids<'a> {
    origins: IdMap<'a>,
    destinations: IdMap<'a>,
}

impl<'a> Ids<'a> {
    fn new(actors: &'a [Actor], layer: &'a Layer) -> Self {
        let mut origins = IdMap::default();
        origins.reserve(layer.zones.len());
        let mut destinations = IdMap::default();
        destinations.reserve(actors.len() + layer.zones.len());
        for (i, z) in layer.zones.iter().enumerate() {
            origins.entry(z.id.as_str()).or_insert(i as u32);
        }
        for (i, a) in actors.iter().enumerate() {
            destinations.entry(a.id.as_str()).or_insert(i as u32);
        }
        for (i, z) in layer.zones.iter().enumerate() {
            let value = destinations
                .entry(z.id.as_str())
                .or_insert(i as u32 | ZONE_TAG);
            if *value & ZONE_TAG == 0 {
                *value = AMBIGUOUS;
            }
        }
        Self {
            origins,
            destinations,
        }
    }
}

/// The rows of the body (the text after the header), parsed in segments of whole
/// lines on every thread, and whether every row was right (else the problems are
/// pushed, at most [`MAX_ERRORS_PER_FILE`] of them); `None` when the file has too many
/// lines to be read.
fn parse_rows(
    file: &str,
    body: &str,
    delimiter: u8,
    columns: &Columns,
    ids: &Ids,
    layer: &Layer,
    problems: &mut Vec<Problem>,
) -> Option<(Vec<Row>, bool)> {
    let segments = segments(body, rayon::current_num_threads() * 4);
    // the line each segment starts on (the header is line 1)
    let mut first_line = Vec::with_capacity(segments.len());
    let mut line = 2u64;
    for s in &segments {
        first_line.push(line);
        line += memchr::memchr_iter(b'\n', s.as_bytes()).count() as u64;
    }
    let lines = line - 1 - u64::from(body.ends_with('\n'));
    if lines > MAX_COST_ROWS as u64 + 1 {
        problems.push(Problem::error(
            file,
            Location::Line(MAX_COST_ROWS as u64 + 2),
            None,
            ProblemCode::TooLarge,
            crate::msg!(TooManyLines, lines = lines, max = MAX_COST_ROWS),
        ));
        return None;
    }
    let parsed: Vec<(Vec<Row>, Vec<Problem>)> = segments
        .par_iter()
        .zip(first_line.par_iter())
        .map(|(s, &first)| parse_segment(file, s, first, delimiter, columns, ids, layer))
        .collect();
    let mut rows = Vec::with_capacity(parsed.iter().map(|p| p.0.len()).sum());
    let mut errors = Vec::new();
    for (r, p) in parsed {
        rows.extend(r);
        errors.extend(p);
    }
    if errors.is_empty() {
        return Some((rows, true));
    }
    let more = errors.len() > MAX_ERRORS_PER_FILE;
    errors.truncate(MAX_ERRORS_PER_FILE);
    problems.extend(errors);
    if more {
        problems.push(too_many_problems(file));
    }
    Some((rows, false))
}

/// The text cut into about `n` pieces, each ending after a line break (the last at
/// the end of the text).
fn segments(text: &str, n: usize) -> Vec<&str> {
    let target = (text.len() / n.max(1)).max(1 << 16);
    let mut out = Vec::new();
    let mut rest = text;
    while rest.len() > target {
        match memchr::memchr(b'\n', &rest.as_bytes()[target..]) {
            Some(i) => {
                let (head, tail) = rest.split_at(target + i + 1);
                out.push(head);
                rest = tail;
            }
            None => break,
        }
    }
    if !rest.is_empty() {
        out.push(rest);
    }
    out
}

/// The rows of one segment, and its errors (at most [`MAX_ERRORS_PER_FILE`] + 1).
fn parse_segment(
    file: &str,
    segment: &str,
    first_line: u64,
    delimiter: u8,
    columns: &Columns,
    ids: &Ids,
    layer: &Layer,
) -> (Vec<Row>, Vec<Problem>) {
    let mut rows = Vec::with_capacity(segment.len() / 24);
    let mut errors = Vec::new();
    // consecutive rows usually share their origin: looked up once
    let mut last_origin: (String, Option<u32>) = ("\u{0}".to_owned(), None);
    let cost_field = columns.unit.as_str();
    // the cells of a row without quotes, borrowed from the text (at most the header's
    // four columns; more is a row too wide)
    let mut plain: [&str; COST_COLUMNS.len()] = [""; COST_COLUMNS.len()];
    for (i, raw) in segment.split_terminator('\n').enumerate() {
        if errors.len() > MAX_ERRORS_PER_FILE {
            break;
        }
        let line = first_line + i as u64;
        let text = raw.strip_suffix('\r').unwrap_or(raw);
        if text.len() > MAX_LINE_BYTES {
            errors.push(Problem::error(
                file,
                Location::Line(line),
                None,
                ProblemCode::TooLarge,
                crate::msg!(LineTooLong, bytes = text.len(), max = MAX_LINE_BYTES),
            ));
            continue;
        }
        let quoted;
        let quoted_cells: Vec<&str>;
        let cells: &[&str] = if text.contains('"') {
            let Some(fields) = split_fields(text, delimiter) else {
                errors.push(unbalanced_quotes(file, line));
                continue;
            };
            quoted = fields;
            quoted_cells = quoted.iter().map(|c| c.as_ref()).collect();
            &quoted_cells
        } else {
            let mut n = 0;
            for cell in text.split(char::from(delimiter)) {
                if n < plain.len() {
                    plain[n] = cell;
                }
                n += 1;
            }
            if n > plain.len() {
                errors.push(Problem::error(
                    file,
                    Location::Line(line),
                    None,
                    ProblemCode::BadCsv,
                    crate::msg!(RowWidth, fields = n, width = columns.width),
                ));
                continue;
            }
            &plain[..n]
        };
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue; // blank lines and rows of empty cells left by spreadsheets
        }
        if cells.len() != columns.width {
            errors.push(Problem::error(
                file,
                Location::Line(line),
                None,
                ProblemCode::BadCsv,
                crate::msg!(RowWidth, fields = cells.len(), width = columns.width),
            ));
            continue;
        }
        let mut bad = |field: &str, code, message| {
            errors.push(Problem::error(
                file,
                Location::Line(line),
                Some(field),
                code,
                message,
            ));
        };
        let origin_id = cells[columns.origin].trim();
        let origin = if origin_id == last_origin.0 {
            last_origin.1
        } else {
            let found = ids.origins.get(origin_id).copied();
            last_origin.0.clear();
            last_origin.0.push_str(origin_id);
            last_origin.1 = found;
            found
        };
        if origin.is_none() {
            let message = if origin_id.is_empty() {
                crate::msg!(EmptyValue, expected = crate::msg!(ExpectedCostsOrigin))
            } else {
                crate::msg!(
                    UnknownZone,
                    layer = &layer.name,
                    id = clip(origin_id, 80),
                    count = layer.zones.len(),
                    example = layer.zones.first().map_or("", |z| z.id.as_str())
                )
            };
            bad("origin", ProblemCode::UnknownZone, message);
        }
        let destination_id = cells[columns.destination].trim();
        let destination = ids.destinations.get(destination_id).copied();
        match destination {
            None => bad(
                "destination",
                ProblemCode::UnknownActor,
                if destination_id.is_empty() {
                    crate::msg!(EmptyValue, expected = crate::msg!(ExpectedCostsDestination))
                } else {
                    crate::msg!(
                        CostsUnknownDestination,
                        id = clip(destination_id, 80),
                        layer = &layer.name
                    )
                },
            ),
            Some(AMBIGUOUS) => bad(
                "destination",
                ProblemCode::DuplicateId,
                crate::msg!(
                    CostsAmbiguousDestination,
                    id = clip(destination_id, 80),
                    layer = &layer.name
                ),
            ),
            Some(_) => {}
        }
        let cost_text = cells[columns.cost].trim();
        let cost = parse_cost(cost_text);
        if cost.is_none() {
            bad(
                cost_field,
                ProblemCode::BadNumber,
                if cost_text.is_empty() {
                    crate::msg!(EmptyValue, expected = crate::msg!(ExpectedCost))
                } else {
                    crate::msg!(
                        BadNumber,
                        value = clip(cost_text, 80),
                        expected = crate::msg!(ExpectedCost)
                    )
                },
            );
        }
        if let (Some(o), Some(d), Some(c)) = (origin, destination, cost) {
            if d != AMBIGUOUS {
                rows.push((o, d, c, u32::try_from(line).unwrap_or(u32::MAX)));
            }
        }
    }
    (rows, errors)
}

/// A cost: a finite number ≥ 0, with a decimal point or a decimal comma.
fn parse_cost(text: &str) -> Option<f64> {
    // the common case, a plain decimal, without the copy of a decimal comma
    let x = match text.parse::<f64>() {
        Ok(x) => Some(x).filter(|x| x.is_finite()),
        Err(_) => parse_number(text),
    }?;
    (x >= 0.0).then_some(x + 0.0) // −0 read as 0
}

/// A row's fields: split at the delimiter outside double quotes, `""` inside quotes
/// read as one quote; `None` when a quote is left open (a line break inside a quoted
/// cell is not read in a cost table).
fn split_fields(line: &str, delimiter: u8) -> Option<Vec<Cow<'_, str>>> {
    let delimiter = char::from(delimiter);
    if !line.contains('"') {
        return Some(line.split(delimiter).map(Cow::Borrowed).collect());
    }
    let mut fields = Vec::new();
    let mut current = String::new();
    let mut chars = line.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                current.push('"');
                chars.next();
            }
            (true, '"') => quoted = false,
            (false, '"') => quoted = true,
            (false, c) if c == delimiter => fields.push(Cow::Owned(std::mem::take(&mut current))),
            (_, c) => current.push(c),
        }
    }
    if quoted {
        return None;
    }
    fields.push(Cow::Owned(current));
    Some(fields)
}

fn unbalanced_quotes(file: &str, line: u64) -> Problem {
    Problem::error(
        file,
        Location::Line(line),
        None,
        ProblemCode::BadCsv,
        crate::msg!(CostsUnbalancedQuotes),
    )
}

/// The rows sorted by origin then destination, each pair once; `None` when a pair is
/// given twice (each repetition pushed, at its line, with the first one's).
fn without_duplicates(
    file: &str,
    rows: Vec<Row>,
    actors: &[Actor],
    layer: &Layer,
    problems: &mut Vec<Problem>,
) -> Option<Vec<Row>> {
    // grouped by origin (a counting sort, O(n)), then each origin's rows sorted by
    // destination and line on every thread
    let mut start = vec![0usize; layer.zones.len() + 1];
    for &(o, ..) in &rows {
        start[o as usize + 1] += 1;
    }
    for i in 1..start.len() {
        start[i] += start[i - 1];
    }
    let mut next = start.clone();
    let mut grouped = vec![(0u32, 0u32, 0.0f64, 0u32); rows.len()];
    for row in rows {
        let at = &mut next[row.0 as usize];
        grouped[*at] = row;
        *at += 1;
    }
    let mut rows = grouped;
    let mut slices = Vec::with_capacity(layer.zones.len());
    let mut rest: &mut [Row] = &mut rows;
    for w in start.windows(2) {
        let (head, tail) = rest.split_at_mut(w[1] - w[0]);
        slices.push(head);
        rest = tail;
    }
    slices
        .into_par_iter()
        .for_each(|s| s.sort_unstable_by_key(|&(_, d, _, line)| (d, line)));
    let mut errors = 0;
    for w in rows.windows(2) {
        let ((o, d, _, first), (o2, d2, _, line)) = (w[0], w[1]);
        if (o, d) != (o2, d2) {
            continue;
        }
        errors += 1;
        if errors > MAX_ERRORS_PER_FILE {
            problems.push(too_many_problems(file));
            break;
        }
        let destination = if d & ZONE_TAG != 0 {
            layer.zones[(d & !ZONE_TAG) as usize].id.as_str()
        } else {
            actors[d as usize].id.as_str()
        };
        problems.push(Problem::error(
            file,
            Location::Line(u64::from(line)),
            Some("destination"),
            ProblemCode::DuplicateId,
            crate::msg!(
                CostsDuplicatePair,
                origin = clip(&layer.zones[o as usize].id, 80),
                destination = clip(destination, 80),
                first = first
            ),
        ));
    }
    (errors == 0).then_some(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_quoted_fields_and_refuses_open_quotes() {
        let f = split_fields("\"a;b\";\"say \"\"hi\"\"\";3", b';').unwrap();
        assert_eq!(f, ["a;b", "say \"hi\"", "3"]);
        assert!(split_fields("\"open;1", b';').is_none());
        assert_eq!(split_fields("a,,b", b',').unwrap(), ["a", "", "b"]);
    }

    #[test]
    fn segments_end_at_line_breaks() {
        let text: String = (0..50_000).map(|i| format!("z{i},a,{i}\n")).collect();
        let parts = segments(&text, 8);
        assert!(parts.len() > 1);
        assert!(parts.iter().all(|p| p.ends_with('\n')));
        assert_eq!(parts.concat(), text);
    }

    #[test]
    fn reads_costs_with_a_decimal_comma_and_refuses_the_rest() {
        assert_eq!(parse_cost("12,5"), Some(12.5));
        assert_eq!(parse_cost("-0"), Some(0.0));
        for bad in ["-1", "NaN", "inf", "douze", "1,2,3", ""] {
            assert_eq!(parse_cost(bad), None, "{bad}");
        }
    }
}
