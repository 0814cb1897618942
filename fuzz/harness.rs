//! The fuzz targets' entry points, shared with the stable replay test
//! (`crates/maillage/tests/fuzz_corpus_replay.rs` includes this file), so that the
//! corpus replayed by `cargo test` exercises exactly what `cargo fuzz` explored.
//!
//! Each entry builds a bundle in memory around the fuzzed bytes, with the other files
//! fixed and valid, and loads it with `maillage::bundle::load_bundle_bytes`. A crash is a
//! panic, or a refused bundle whose errors do not say where and what (checked by
//! [`check_problems`]). A bundle that loads goes on to the cheap first steps of the
//! analyses (network projection, components, actors per zone, the network at its
//! date), so that odd but accepted values (zero-area zones, far-away points, huge
//! weights) reach them without slowing the fuzzing down.

use maillage::bundle::{load_bundle_bytes, BundleErrors, Location, Problem};
use std::collections::BTreeMap;

/// A manifest naming two layers, the second a priority layer.
pub const MANIFEST: &str = r#"format = 1
name = "Fuzz"
date = "2024-06-30"

[layers.q]
file = "zones/q.geojson"
id = "code"
name = "nom"
population = "pop"

[layers.qpv]
file = "zones/qpv.geojson"
id = "code_qp"
priority = true

[analysis]
coverage_layer = "q"
required = ["medecin_generaliste", "pharmacie"]
"#;

/// Two adjacent quartiers in Lyon 7e, the second with a hole.
pub const LAYER_Q: &str = r#"{"type": "FeatureCollection", "features": [
{"type": "Feature", "properties": {"code": "A", "nom": "Quartier A", "pop": 1200},
 "geometry": {"type": "Polygon", "coordinates": [[[4.83, 45.73], [4.84, 45.73], [4.84, 45.74], [4.83, 45.74], [4.83, 45.73]]]}},
{"type": "Feature", "properties": {"code": "B", "nom": "Quartier B", "pop": "800"},
 "geometry": {"type": "Polygon", "coordinates": [[[4.84, 45.73], [4.85, 45.73], [4.85, 45.74], [4.84, 45.74], [4.84, 45.73]],
   [[4.844, 45.734], [4.844, 45.736], [4.846, 45.736], [4.846, 45.734], [4.844, 45.734]]]}}
]}"#;

/// One QPV inside quartier A.
pub const LAYER_QPV: &str = r#"{"type": "FeatureCollection", "features": [
{"type": "Feature", "properties": {"code_qp": "QP069001"},
 "geometry": {"type": "MultiPolygon", "coordinates": [[[[4.832, 45.732], [4.836, 45.732], [4.836, 45.736], [4.832, 45.732]]]]}}
]}"#;

/// Actors of every family, located in both quartiers, outside them, and nowhere.
pub const ACTORS: &str = "id,name,kind,sector,themes,x,y,capacity,serves,accepting,tel
m1,Dr A,medecin_generaliste,,santé mentale|diabète,4.835,45.735,0.8,,true,04 00
m2,Dr B,medecin_generaliste,,,4.845,45.731,1,,non,
ph,Pharmacie,pharmacie,,,4.842,45.738,,,,
cpts,CPTS Lyon 7,cpts,,coordination,,,,q:A|q:B,,
asv,ASV Gerland,asv,,,,,,qpv:QP069001,,
cmp,CMP,cmp,,santé mentale,4.9,45.9,,,,
";

/// Relations of several kinds, dated and not.
pub const RELATIONS: &str = "source,target,kind,weight,themes,since,until
m1,cpts,member,,,2022-01-01,
m2,cpts,member,2,,,
ph,cpts,member,,,,2023-01-01
cpts,asv,partner,1,diabète,2023-05-01,
asv,cmp,referral,0.5,,,
cmp,m1,referral,,,,
";

/// One joint action.
pub const ACTIONS: &str = "id,name,themes,lead,partners,funders,zones,start,end
a1,Langage,langage,cpts,asv|cmp,,q:A,2023-01-01,2023-12-31
";

/// One need.
pub const NEEDS: &str = "zone,theme,level,source
q:A,santé mentale,3,diagnostic local
";

/// The fixed bundle, each file valid.
pub fn base_bundle() -> BTreeMap<String, Vec<u8>> {
    [
        ("territory.toml", MANIFEST),
        ("zones/q.geojson", LAYER_Q),
        ("zones/qpv.geojson", LAYER_QPV),
        ("actors.csv", ACTORS),
        ("relations.csv", RELATIONS),
        ("actions.csv", ACTIONS),
        ("needs.csv", NEEDS),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.as_bytes().to_vec()))
    .collect()
}

/// The CSV loaders: the input holds up to four files separated by NUL bytes, in the
/// order actors.csv, relations.csv, actions.csv, needs.csv; the files it does not
/// hold keep their valid content.
pub fn csv_tables(data: &[u8]) {
    let mut files = base_bundle();
    let names = ["actors.csv", "relations.csv", "actions.csv", "needs.csv"];
    for (name, part) in names.iter().zip(data.split(|&b| b == 0)) {
        files.insert((*name).to_owned(), part.to_vec());
    }
    load_and_check(&files);
}

/// The parts of the `.xlsx` the `workbook` target builds, in the order of the input's
/// NUL-separated pieces.
pub const XLSX_PARTS: [&str; 7] = [
    "[Content_Types].xml",
    "xl/workbook.xml",
    "xl/_rels/workbook.xml.rels",
    "xl/sharedStrings.xml",
    "xl/styles.xml",
    "xl/worksheets/sheet1.xml",
    "xl/worksheets/sheet2.xml",
];

/// The parts of the `.ods` the `workbook` target builds (after its fixed mimetype).
pub const ODS_PARTS: [&str; 2] = ["content.xml", "META-INF/manifest.xml"];

/// A zip archive of these parts, stored uncompressed with their checksums, so that the
/// fuzzed bytes reach the XML readers rather than the archive's checks.
pub fn zip_parts(parts: &[(&str, &[u8])]) -> Vec<u8> {
    use std::io::Write;
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, data) in parts {
        if w.start_file(*name, options).is_ok() {
            let _ = w.write_all(data);
        }
    }
    w.finish().map(|c| c.into_inner()).unwrap_or_default()
}

/// The workbook reader: the fixed manifest and layers, and a workbook instead of the
/// CSV tables. The first byte of the input says what the rest is: 0, the workbook file
/// itself (zip, damaged or not); 1, the NUL-separated parts of an `.xlsx`
/// ([`XLSX_PARTS`]); 2, those of an `.ods` ([`ODS_PARTS`]), zipped by [`zip_parts`].
pub fn workbook(data: &[u8]) {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let bytes = match mode % 3 {
        0 => rest.to_vec(),
        1 => {
            let pieces: Vec<(&str, &[u8])> = XLSX_PARTS
                .iter()
                .copied()
                .zip(rest.split(|&b| b == 0))
                .collect();
            zip_parts(&pieces)
        }
        _ => {
            let mut pieces: Vec<(&str, &[u8])> = vec![(
                "mimetype",
                b"application/vnd.oasis.opendocument.spreadsheet",
            )];
            pieces.extend(ODS_PARTS.iter().copied().zip(rest.split(|&b| b == 0)));
            zip_parts(&pieces)
        }
    };
    let mut files = base_bundle();
    for name in ["actors.csv", "relations.csv", "actions.csv", "needs.csv"] {
        files.remove(name);
    }
    // the reader alone: every problem located and explained
    let read = maillage::bundle::read_workbook("t.xlsx", &bytes);
    for p in read.all_problems() {
        check_problem(p);
    }
    files.insert("t.xlsx".to_owned(), bytes);
    load_and_check(&files);
}

/// The GeoJSON layer loader: the input is the coverage layer's file.
pub fn geojson_layer(data: &[u8]) {
    let mut files = base_bundle();
    files.insert("zones/q.geojson".to_owned(), data.to_vec());
    load_and_check(&files);
}

/// The manifest: the input is territory.toml, the other files fixed.
pub fn manifest(data: &[u8]) {
    let mut files = base_bundle();
    files.insert("territory.toml".to_owned(), data.to_vec());
    load_and_check(&files);
}

/// Loads the bundle; checks that a refusal says where and what; projects and counts
/// what loads.
pub fn load_and_check(files: &BTreeMap<String, Vec<u8>>) {
    match load_bundle_bytes(files) {
        Ok(loaded) => {
            for w in &loaded.warnings {
                check_problem(w);
            }
            let t = &loaded.territory;
            let network = maillage::network::Network::project(t, t.date);
            let components = network.components();
            assert_eq!(
                components.members.iter().map(Vec::len).sum::<usize>(),
                t.actors.len()
            );
            for (i, _) in t.layers.iter().enumerate() {
                let layer = maillage::model::LayerIx(i as u32);
                let counts = maillage::spatial::zone_counts(t, layer);
                let counted: u32 = counts.iter().map(|c| c.total).sum();
                assert!(counted as usize <= t.actors.len());
            }
            if let Some(date) = t.date {
                assert!(t.at(date).relations.len() <= t.relations.len());
            }
        }
        Err(e) => check_problems(&e),
    }
}

/// A refusal holds at least one error, and every problem names its file and says what
/// was expected.
pub fn check_problems(e: &BundleErrors) {
    assert!(!e.errors.is_empty(), "a refusal without errors");
    for p in e.errors.iter().chain(&e.warnings) {
        check_problem(p);
    }
    let _ = e.to_string();
}

fn check_problem(p: &Problem) {
    assert!(!p.file.is_empty(), "a problem without a file: {p:?}");
    let english = p.message_in(maillage::lang::Lang::En);
    let french = p.message_in(maillage::lang::Lang::Fr);
    assert!(
        english.contains("(expected") || english.contains("expected "),
        "a problem that does not say what was expected: {p}"
    );
    assert!(
        french.contains("attendu"),
        "a problem that does not say in French what was expected: {french}"
    );
    if let Location::Line(n) = p.location {
        assert!(n >= 1, "lines are 1-based: {p}");
    }
    assert!(
        english.len() < 4096 && french.len() < 4096,
        "a message of {} bytes: {}",
        french.len(),
        french.chars().take(200).collect::<String>()
    );
}

/// The importers' parsers (FINESS, data·inclusion, QPV, IRIS and commune outlines):
/// the first byte picks the importer, the rest is the national file. The importers
/// read paths, so the bytes go through a temporary file of this process and thread.
pub fn import_files(data: &[u8]) {
    use maillage::import::{
        read_communes, read_data_inclusion, read_finess, read_iris, read_qpv, ImportOptions,
        TerritoryFilter,
    };
    let Some((&which, file)) = data.split_first() else {
        return;
    };
    let path = std::env::temp_dir().join(format!(
        "maillage-fuzz-import-{}-{:?}",
        std::process::id(),
        std::thread::current().id()
    ));
    std::fs::write(&path, file).unwrap();
    let options = ImportOptions::new(TerritoryFilter::communes(["30189", "69387", "38151"]));
    let result = match which % 5 {
        0 => read_finess(&path, &options),
        1 => read_data_inclusion(&path, &options),
        2 => read_qpv(&path, &options),
        3 => read_iris(&path, &options),
        _ => read_communes(&path, &options),
    };
    let _ = std::fs::remove_file(&path);
    if let Err(e) = result {
        assert!(!e.errors.is_empty(), "a refusal without errors");
        for p in &e.errors {
            assert!(
                !p.file.is_empty() && !p.message_in(maillage::lang::Lang::Fr).is_empty(),
                "{p:?}"
            );
        }
    }
}

/// The address parser and the matching: the input is an address (lossy UTF-8),
/// geocoded against a small BANO index; nothing may panic and a point found must be a
/// point of the index's area with a score within 0–1.
pub fn geocode_address(data: &[u8]) {
    use maillage::geocode::{parse_address, AddressQuery, BanIndex};
    use std::sync::OnceLock;
    static INDEX: OnceLock<BanIndex> = OnceLock::new();
    let index = INDEX.get_or_init(|| {
        let bano = "480950001A-1,1,Allée Piencourt,48000,Mende,C+O,44.518383,3.501902\n\
                    480950001A-3,3,Allée Piencourt,48000,Mende,C+O,44.518483,3.502002\n\
                    480950002B-2,2BIS,Boulevard Henri Bourrillon,48000,Mende,C+O,44.5180,3.4990\n\
                    693870001A-353,353,Avenue Jean Jaurès,69007,Lyon 7e Arrondissement,C+O,45.7287,4.8378\n";
        BanIndex::from_reader("bano.csv", bano.as_bytes()).unwrap()
    });
    let text = String::from_utf8_lossy(data);
    let _ = parse_address(&text);
    let mut parts = text.splitn(3, '\u{1f}');
    let query = AddressQuery {
        address: parts.next().unwrap_or("").to_owned(),
        postcode: parts.next().map(str::to_owned),
        citycode: None,
        city: parts.next().map(str::to_owned),
    };
    if let Some(g) = index.geocode(&query) {
        assert!((0.0..=1.0).contains(&g.score), "{g:?}");
        assert!(
            (3.0..5.0).contains(&g.lon) && (44.0..46.0).contains(&g.lat),
            "{g:?}"
        );
    }
}

/// The BAN, BAL and BANO reader and the index: the input is an address file
/// (gzip-compressed or not); a refusal must name its file and say what was expected.
pub fn ban_reader(data: &[u8]) {
    use maillage::geocode::{AddressQuery, BanIndex};
    match BanIndex::from_reader("adresses-48.csv", data) {
        Ok(index) => {
            for w in &index.warnings {
                assert!(
                    !w.file.is_empty()
                        && w.message_in(maillage::lang::Lang::En).contains("expected"),
                    "{w}"
                );
            }
            let _ = index.geocode(&AddressQuery::new("1 rue de la Gare 48000 Mende"));
        }
        Err(e) => {
            assert!(!e.errors.is_empty(), "a refusal without errors");
            for p in e.errors.iter().chain(&e.warnings) {
                assert!(
                    !p.file.is_empty()
                        && p.message_in(maillage::lang::Lang::En).contains("expected"),
                    "{p}"
                );
            }
        }
    }
}

/// The bundle the `indicators` target imports into and declares indicators in: a layer
/// of three IRIS (9-character ids, of the communes 69387 and 69388) declaring `tchom`.
pub const INDICATOR_MANIFEST: &str = r#"format = 1
name = "Fuzz"
date = "2024-06-30"

[layers.iris]
file = "zones/iris.geojson"
id = "code"
name = "nom"
population = "pop"

[layers.iris.indicators.tchom]
label = "Taux de chômage"
unit = "%"
better = "lower"
"#;

/// Three IRIS of [`INDICATOR_MANIFEST`], two with a value of `tchom`.
pub const INDICATOR_LAYER: &str = r#"{"type": "FeatureCollection", "features": [
{"type": "Feature", "properties": {"code": "693870101", "nom": "Gerland 1", "pop": 2100, "tchom": 16.5},
 "geometry": {"type": "Polygon", "coordinates": [[[4.83, 45.73], [4.84, 45.73], [4.84, 45.74], [4.83, 45.74], [4.83, 45.73]]]}},
{"type": "Feature", "properties": {"code": "693870102", "nom": "Gerland 2", "pop": 1800, "tchom": 8.25},
 "geometry": {"type": "Polygon", "coordinates": [[[4.84, 45.73], [4.85, 45.73], [4.85, 45.74], [4.84, 45.74], [4.84, 45.73]]]}},
{"type": "Feature", "properties": {"code": "693880101", "nom": "Monplaisir 1", "pop": 2500},
 "geometry": {"type": "Polygon", "coordinates": [[[4.85, 45.73], [4.86, 45.73], [4.86, 45.74], [4.85, 45.74], [4.85, 45.73]]]}}
]}"#;

/// The bundle of the `indicators` target, without its manifest.
fn indicator_bundle() -> BTreeMap<String, Vec<u8>> {
    [
        ("zones/iris.geojson", INDICATOR_LAYER),
        (
            "actors.csv",
            "id,name,kind,x,y\nm1,Dr A,medecin_generaliste,4.835,45.735\n",
        ),
        ("relations.csv", "source,target,kind\nm1,m1,partner\n"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.as_bytes().to_vec()))
    .collect()
}

/// The indicator readers. The first byte says what the rest is: even, a table for
/// `maillage import indicators` (its key the first column of its first line, every
/// other column of that line given a `better`), imported into the bundle of
/// [`INDICATOR_MANIFEST`] written to a folder of this process and thread; odd, TOML
/// appended to that manifest (indicator declarations, `[[needs_from_indicators]]`
/// rules), the bundle loaded from memory.
///
/// A refusal must name its file; an import that succeeds must leave a bundle that
/// loads, its layer declaring every column imported; a bundle that loads must hold
/// only needs raised by its rules from zones whose value passes.
pub fn indicators(data: &[u8]) {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    if mode % 2 == 1 {
        let mut files = indicator_bundle();
        let mut manifest = INDICATOR_MANIFEST.as_bytes().to_vec();
        manifest.extend_from_slice(rest);
        files.insert("territory.toml".to_owned(), manifest);
        match load_bundle_bytes(&files) {
            Ok(loaded) => {
                for w in &loaded.warnings {
                    check_problem(w);
                }
                check_raised_needs(&loaded.territory);
            }
            Err(e) => check_problems(&e),
        }
        return;
    }
    indicator_import(rest);
}

/// Every need raised from an indicator comes from a rule of the territory, in a zone
/// of the rule's layer whose value passes its threshold, at most once per zone and
/// theme.
pub fn check_raised_needs(t: &maillage::Territory) {
    let mut seen = std::collections::BTreeSet::new();
    for n in &t.needs {
        if let Some(r) = n.raised_by {
            let rule = &t.analysis.need_rules[r];
            assert_eq!(n.zone.layer, rule.layer);
            let value = t.zone(n.zone).indicators[&rule.indicator].unwrap();
            assert!(rule.threshold.passes(value), "{n:?} {rule:?}");
        }
        assert!(
            seen.insert((n.zone, n.theme.key().to_owned(), n.raised_by.is_some())),
            "two raised needs of one zone and theme: {n:?}"
        );
    }
}

fn indicator_import(table: &[u8]) {
    use maillage::import::{import_indicators, IndicatorOptions};
    use maillage::model::Better;
    let dir = std::env::temp_dir().join(format!(
        "maillage-fuzz-indicators-{}-{:?}",
        std::process::id(),
        std::thread::current().id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("zones")).unwrap();
    let mut files = indicator_bundle();
    files.insert(
        "territory.toml".to_owned(),
        INDICATOR_MANIFEST.as_bytes().to_vec(),
    );
    for (name, bytes) in &files {
        std::fs::write(dir.join(name), bytes).unwrap();
    }
    let path = dir.join("table.csv");
    std::fs::write(&path, table).unwrap();
    // the first line's cells: the key, then the columns given a `better`
    let first = table.split(|&b| b == b'\n').next().unwrap_or_default();
    let first = String::from_utf8_lossy(first);
    let mut cells = first.split([';', ',', '\t']).map(|c| {
        c.trim()
            .trim_matches('"')
            .trim_start_matches('\u{feff}')
            .to_owned()
    });
    let key = cells.next().unwrap_or_default();
    let options = IndicatorOptions {
        layer: "iris".into(),
        key,
        better: cells.map(|c| (c, Better::Lower)).collect(),
        ..IndicatorOptions::default()
    };
    match import_indicators(&dir, &path, &options) {
        Ok(report) => {
            assert!(report.zones_with_row <= report.zones && report.matched_rows <= report.rows);
            let loaded = maillage::bundle::load_bundle(&dir);
            let loaded = loaded.unwrap_or_else(|e| panic!("the imported bundle is refused: {e}"));
            let layer = &loaded.territory.layers[0];
            for column in &report.columns {
                assert!(
                    layer.indicators.iter().any(|i| &i.property == column),
                    "{column} imported but not declared"
                );
            }
        }
        Err(e) => {
            assert!(!e.errors.is_empty(), "a refusal without errors");
            for p in e.errors.iter().chain(&e.warnings) {
                assert!(
                    !p.file.is_empty() && !p.message_in(maillage::lang::Lang::Fr).is_empty(),
                    "{p:?}"
                );
            }
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// The `[analysis.costs]` tables the `cost_table` target picks from by its first byte:
/// the default settings, metres, the APL's steps, the user's steps, a Gaussian decay.
pub const COST_SETTINGS: [&str; 5] = [
    "",
    "unit = \"metres\"\ncatchment = 900\n",
    "decay = \"apl\"\n",
    "unit = \"minutes\"\ndecay = [[5, 1], [12, 0.5], [30, 0.1]]\n",
    "decay = \"gaussian\"\nsigma = 7.5\ncatchment = 25\n",
];

/// The cost table (`costs.csv`, declared in `[analysis.costs]`): the first byte picks
/// the settings of [`COST_SETTINGS`], the rest is the table. The actors gain one whose
/// id is also a zone's (`B`), so that an ambiguous destination can be named. A bundle
/// that loads goes on to the coverage, whose access must be finite and ≥ 0.
pub fn cost_table(data: &[u8]) {
    let Some((&which, table)) = data.split_first() else {
        return;
    };
    let mut files = base_bundle();
    let settings = COST_SETTINGS[usize::from(which) % COST_SETTINGS.len()];
    let manifest = format!("{MANIFEST}\n[analysis.costs]\nfile = \"costs.csv\"\n{settings}");
    files.insert("territory.toml".into(), manifest.into_bytes());
    let actors = format!("{ACTORS}B,Cabinet B,medecin_generaliste,,,4.846,45.732,1,,,\n");
    files.insert("actors.csv".into(), actors.into_bytes());
    files.insert("costs.csv".into(), table.to_vec());
    match load_bundle_bytes(&files) {
        Ok(loaded) => {
            for w in &loaded.warnings {
                check_problem(w);
            }
            let t = &loaded.territory;
            let costs = t.analysis.costs.as_ref().expect("a table, read");
            assert!(costs.entry_count() >= 1 && costs.catchment > 0.0);
            let coverage = maillage::spatial::zone_coverage(t, t.analysis.coverage_layer);
            assert!(coverage.travel_costs.is_some());
            for z in &coverage.zones {
                for a in z.access.values().chain(z.access_accepting.values()) {
                    assert!(a.is_finite() && *a >= 0.0, "access {a} in {}", z.id);
                }
            }
        }
        Err(e) => check_problems(&e),
    }
}
