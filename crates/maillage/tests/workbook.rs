//! Workbooks as bundles (docs/bundle.md, "A workbook instead of the CSV tables"): French
//! sheet and column names, problems at the sheet's cells, title rows, merged headers,
//! dates and numbers as a spreadsheet holds them, hidden sheets, formulas, and hostile
//! files refused with located problems, never a panic.

use maillage::bundle::{load_bundle, read_workbook, BundleErrors, Loaded, Problem, ProblemCode};
use rust_xlsxwriter::{ExcelDateTime, Format, Formula, Workbook};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

fn example(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../data")
        .join(name)
}

/// A folder with lyon7's manifest and layers, and `workbook` as its tables.
fn bundle_with(name: &str, workbook: &[u8]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let lyon7 = example("lyon7");
    std::fs::copy(
        lyon7.join("territory.toml"),
        dir.path().join("territory.toml"),
    )
    .unwrap();
    std::fs::create_dir(dir.path().join("zones")).unwrap();
    for e in std::fs::read_dir(lyon7.join("zones")).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), dir.path().join("zones").join(e.file_name())).unwrap();
    }
    std::fs::write(dir.path().join(name), workbook).unwrap();
    dir
}

fn load(name: &str, workbook: &[u8]) -> Result<Loaded, BundleErrors> {
    let dir = bundle_with(name, workbook);
    load_bundle(dir.path())
}

fn strings(problems: &[Problem]) -> Vec<String> {
    problems
        .iter()
        .map(|p| p.render(maillage::lang::Lang::En))
        .collect()
}

/// Rows of text written from A1 into a new sheet.
fn sheet(book: &mut Workbook, name: &str, rows: &[&[&str]]) {
    let s = book.add_worksheet();
    s.set_name(name).unwrap();
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            if !v.is_empty() {
                s.write_string(r as u32, c as u16, *v).unwrap();
            }
        }
    }
}

const ACTORS: &[&[&str]] = &[
    &["id", "nom", "type", "x", "y"],
    &["m1", "Dr A", "medecin_generaliste", "4.84", "45.74"],
    &["cpts", "CPTS Lyon 7", "cpts", "", ""],
];
const RELATIONS: &[&[&str]] = &[&["source", "cible", "type"], &["m1", "cpts", "member"]];

fn minimal(actors: &[&[&str]], relations: &[&[&str]]) -> Vec<u8> {
    let mut book = Workbook::new();
    sheet(&mut book, "acteurs", actors);
    sheet(&mut book, "relations", relations);
    book.save_to_buffer().unwrap()
}

#[test]
fn a_workbook_with_french_sheets_and_headers_loads() {
    let loaded = load("territoire.xlsx", &minimal(ACTORS, RELATIONS)).unwrap();
    let t = &loaded.territory;
    assert_eq!(t.actors.len(), 2);
    assert_eq!(t.actors[0].kind, "medecin_generaliste");
    assert_eq!(t.relations.len(), 1);
    // the rows of the sheet are the actors' lines
    assert_eq!(t.actors[1].line, 3);
    // English sheet and column names too, in any case
    let mut book = Workbook::new();
    sheet(
        &mut book,
        "Actors",
        &[
            &["ID", "Name", "Kind"],
            &["m1", "Dr A", "medecin_generaliste"],
        ],
    );
    sheet(&mut book, "RELATIONS", &[&["Source", "Target", "Kind"]]);
    let loaded = load("t.xlsx", &book.save_to_buffer().unwrap()).unwrap();
    assert_eq!(loaded.territory.actors[0].name, "Dr A");
}

#[test]
fn problems_name_the_sheet_the_cell_and_the_header_as_written() {
    let mut actors: Vec<&[&str]> = ACTORS.to_vec();
    for _ in 0..10 {
        actors.push(&["", "", "", "", ""]);
    }
    actors.push(&["m2", "Dr B", "generaliste", "", ""]);
    let e = load(
        "t.xlsx",
        &minimal(
            &actors,
            &[&["source", "cible", "type"], &["m1", "nobody", "member"]],
        ),
    )
    .unwrap_err();
    let errors = strings(&e.errors);
    assert!(
        errors[0].starts_with("acteurs!C14: type: unknown kind \"generaliste\""),
        "{errors:?}"
    );
    assert!(
        errors[1].starts_with(
            "relations!B2: cible: no actor has the id \"nobody\" (expected an id of acteurs;"
        ),
        "{errors:?}"
    );
    assert_eq!(e.errors[0].line(), Some(14));
    assert_eq!(e.errors[0].cell().as_deref(), Some("C14"));
    assert_eq!(e.errors[0].file, "acteurs");
    // a missing column names the cell where it would go, by its French name
    let e = load(
        "t.xlsx",
        &minimal(&[&["id", "nom"], &["m1", "A"]], RELATIONS),
    )
    .unwrap_err();
    assert!(
        strings(&e.errors)[0].starts_with("acteurs!C1: type: required column \"type\" is missing (expected columns id, nom, type; found id, nom)"),
        "{:?}",
        strings(&e.errors)
    );
    // the same column twice, under two names
    let e = load(
        "t.xlsx",
        &minimal(
            &[&["id", "nom", "type", "name"], &["m1", "A", "cpts", "B"]],
            RELATIONS,
        ),
    )
    .unwrap_err();
    assert_eq!(e.errors[0].code, ProblemCode::DuplicateColumn);
    assert_eq!(e.errors[0].cell().as_deref(), Some("D1"));
}

#[test]
fn a_missing_sheet_and_an_empty_one_are_named() {
    let mut book = Workbook::new();
    sheet(&mut book, "acteurs", ACTORS);
    sheet(&mut book, "notes", &[&["rien"]]);
    let e = load("t.xlsx", &book.save_to_buffer().unwrap()).unwrap_err();
    assert_eq!(
        strings(&e.errors),
        ["t.xlsx: the workbook has no sheet \"relations\" (expected the sheets acteurs and relations, and optionally actions and besoins; found acteurs, notes)"]
    );
    let mut book = Workbook::new();
    sheet(&mut book, "acteurs", &[]);
    sheet(&mut book, "relations", RELATIONS);
    let e = load("t.xlsx", &book.save_to_buffer().unwrap()).unwrap_err();
    assert_eq!(e.errors[0].code, ProblemCode::EmptyFile);
    assert_eq!(e.errors[0].file, "acteurs");
}

#[test]
fn title_rows_merged_headers_dates_and_numbers_as_a_person_means_them() {
    let mut book = Workbook::new();
    let s = book.add_worksheet();
    s.set_name("acteurs").unwrap();
    let f = Format::new();
    // a title over the table, then a header on two rows: "id" merged over A2:A3,
    // "position" over x and y, "thèmes" over two columns
    s.merge_range(0, 0, 0, 5, "Annuaire des acteurs", &f)
        .unwrap();
    s.merge_range(1, 0, 2, 0, "id", &f).unwrap();
    s.merge_range(1, 1, 2, 1, "Nom", &f).unwrap();
    s.merge_range(1, 2, 2, 2, "Type", &f).unwrap();
    s.merge_range(1, 3, 1, 4, "position", &f).unwrap();
    s.write_string(2, 3, "x").unwrap();
    s.write_string(2, 4, "y").unwrap();
    s.merge_range(1, 5, 2, 6, "Thèmes", &f).unwrap();
    s.merge_range(1, 7, 2, 7, "Capacité", &f).unwrap();
    s.write_string(3, 0, "m1").unwrap();
    s.write_string(3, 1, "Dr A").unwrap();
    s.write_string(3, 2, "medecin_generaliste").unwrap();
    s.write_number(3, 3, 4.84).unwrap();
    s.write_string(3, 4, "45,74").unwrap(); // a number stored as text, decimal comma
    s.write_string(3, 5, "santé mentale").unwrap();
    s.write_string(3, 6, "diabète").unwrap();
    s.write_string(3, 7, "0,8").unwrap();
    s.write_string(3, 8, "  ").unwrap(); // blank, beyond the header
    for r in 4..40 {
        s.write_string(r, 0, " ").unwrap(); // empty trailing rows left by the spreadsheet
    }
    let r = book.add_worksheet();
    r.set_name("relations").unwrap();
    for (c, h) in ["source", "cible", "type", "depuis", "jusqu'à"]
        .iter()
        .enumerate()
    {
        r.write_string(0, c as u16, *h).unwrap();
    }
    r.write_string(1, 0, "m1").unwrap();
    r.write_string(1, 1, "m1b").unwrap();
    r.write_string(1, 2, "partner").unwrap();
    let date = ExcelDateTime::from_ymd(2023, 5, 1).unwrap();
    r.write_datetime_with_format(1, 3, &date, &Format::new().set_num_format("dd/mm/yyyy"))
        .unwrap();
    r.write_string(1, 4, "30/06/2024").unwrap(); // a French date typed as text
    let a = book.worksheet_from_name("acteurs").unwrap();
    a.write_string(4, 0, "m1b").unwrap();
    a.write_string(4, 1, "Dr B").unwrap();
    a.write_string(4, 2, "infirmier").unwrap();
    let loaded = load("t.xlsx", &book.save_to_buffer().unwrap()).unwrap();
    let t = &loaded.territory;
    assert_eq!(t.actors.len(), 2, "{:?}", strings(&loaded.warnings));
    let m1 = &t.actors[0];
    assert_eq!(m1.line, 4);
    assert_eq!(m1.location.map(|p| (p.lon, p.lat)), Some((4.84, 45.74)));
    assert_eq!(m1.capacity, 0.8);
    let themes: Vec<&str> = m1.themes.iter().map(|t| t.label()).collect();
    assert_eq!(themes, ["santé mentale", "diabète"]);
    let v = t.relations[0].validity;
    assert_eq!(v.since.unwrap().to_string(), "2023-05-01");
    assert_eq!(v.until.unwrap().to_string(), "2024-06-30");
}

#[test]
fn a_merged_header_over_a_column_of_single_values_leaves_it_out_saying_so() {
    let mut book = Workbook::new();
    let s = book.add_worksheet();
    s.set_name("acteurs").unwrap();
    s.write_string(0, 0, "id").unwrap();
    s.write_string(0, 1, "nom").unwrap();
    s.merge_range(0, 2, 0, 3, "type", &Format::new()).unwrap();
    s.write_string(0, 5, "").unwrap();
    s.write_string(1, 0, "m1").unwrap();
    s.write_string(1, 1, "A").unwrap();
    s.write_string(1, 2, "cpts").unwrap();
    s.write_string(1, 3, "asv").unwrap();
    s.write_string(1, 5, "note sans en-tête").unwrap();
    sheet(&mut book, "relations", &[&["source", "cible", "type"]]);
    let loaded = load("t.xlsx", &book.save_to_buffer().unwrap()).unwrap();
    assert_eq!(loaded.territory.actors[0].kind, "cpts");
    let w = strings(&loaded.warnings);
    assert!(w.contains(&"acteurs!D2: values in column D are left out: its header is part of the merged cell C1:D1 (expected one header per column: unmerge it and name each column)".to_owned()), "{w:?}");
    assert!(
        w.iter().any(|x| x
            .starts_with("acteurs!F2: values in column F are left out: the column has no header")),
        "{w:?}"
    );
}

#[test]
fn hidden_sheets_and_formulas_are_read_saying_so() {
    let mut book = Workbook::new();
    sheet(&mut book, "acteurs", ACTORS);
    let s = book.worksheet_from_name("acteurs").unwrap();
    s.write_formula(
        2,
        1,
        Formula::new("=UPPER(\"cpts lyon 7\")").set_result("CPTS LYON 7"),
    )
    .unwrap();
    s.set_hidden(true);
    sheet(&mut book, "relations", RELATIONS);
    // an old copy, hidden, beside the visible sheet: the visible one is read
    sheet(
        &mut book,
        "Relations ",
        &[&["source", "cible", "type"], &["x", "y", "member"]],
    );
    book.worksheet_from_name("Relations ")
        .unwrap()
        .set_hidden(true);
    book.worksheet_from_name("relations")
        .unwrap()
        .set_active(true);
    let loaded = load("t.xlsx", &book.save_to_buffer().unwrap()).unwrap();
    assert_eq!(loaded.territory.actors[1].name, "CPTS LYON 7");
    assert_eq!(loaded.territory.relations.len(), 1);
    let codes: Vec<(ProblemCode, String)> = loaded
        .warnings
        .iter()
        .map(|w| (w.code, w.render(maillage::lang::Lang::En)))
        .collect();
    assert!(
        codes.iter().any(|(c, _)| *c == ProblemCode::HiddenSheet),
        "{codes:?}"
    );
    assert!(
        codes.iter().any(|(c, s)| *c == ProblemCode::Formula
            && s.starts_with("acteurs!B3: nom: the cell holds a formula: the value the spreadsheet last computed is read")),
        "{codes:?}"
    );
}

#[test]
fn csv_tables_beside_a_workbook_or_two_workbooks_are_refused_and_lock_files_ignored() {
    let bytes = minimal(ACTORS, RELATIONS);
    let dir = bundle_with("territoire.xlsx", &bytes);
    std::fs::write(dir.path().join("~$territoire.xlsx"), b"lock").unwrap();
    std::fs::write(dir.path().join(".~lock.territoire.xlsx#"), b"lock").unwrap();
    assert!(load_bundle(dir.path()).is_ok());
    std::fs::write(dir.path().join("actors.csv"), b"id,name,kind\n").unwrap();
    let e = load_bundle(dir.path()).unwrap_err();
    assert_eq!(e.errors.len(), 1, "{:?}", strings(&e.errors));
    assert_eq!(e.errors[0].code, ProblemCode::AmbiguousTables);
    std::fs::remove_file(dir.path().join("actors.csv")).unwrap();
    std::fs::write(dir.path().join("copie.ods"), &bytes).unwrap();
    let e = load_bundle(dir.path()).unwrap_err();
    assert!(
        strings(&e.errors)[0].contains("the bundle holds 2 workbooks: copie.ods, territoire.xlsx")
    );
}

// ------------------------------------------------------------------------- hostile

/// The parts of a zip archive, by name.
fn parts(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).unwrap();
            let mut data = Vec::new();
            f.read_to_end(&mut data).unwrap();
            (f.name().to_owned(), data)
        })
        .collect()
}

fn zip_of(parts: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, data) in parts {
        w.start_file(name.as_str(), options).unwrap();
        w.write_all(data).unwrap();
    }
    w.finish().unwrap().into_inner()
}

/// A workbook of `minimal` with one part changed.
fn with_part(part: &str, change: impl Fn(&str) -> String) -> Vec<u8> {
    let mut p = parts(&minimal(ACTORS, RELATIONS));
    for (name, data) in &mut p {
        if name == part {
            *data = change(std::str::from_utf8(data).unwrap()).into_bytes();
        }
    }
    zip_of(&p)
}

fn only_error(bytes: &[u8]) -> Problem {
    let e = load("t.xlsx", bytes).unwrap_err();
    assert_eq!(e.errors.len(), 1, "{:?}", strings(&e.errors));
    e.errors[0].clone()
}

#[test]
fn damaged_and_foreign_files_are_refused_whole() {
    let bytes = minimal(ACTORS, RELATIONS);
    let cut = only_error(&bytes[..bytes.len() / 2]);
    assert_eq!(cut.code, ProblemCode::BadWorkbook);
    assert!(
        cut.render(maillage::lang::Lang::En)
            .starts_with("t.xlsx: the archive is damaged"),
        "{cut}"
    );
    let xls = only_error(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0]);
    assert!(
        xls.message_in(maillage::lang::Lang::En)
            .contains("Excel 97-2003"),
        "{xls}"
    );
    let text = only_error(b"id;nom;type\n");
    assert!(
        text.message_in(maillage::lang::Lang::En)
            .starts_with("the file is not a workbook"),
        "{text}"
    );
    let other = only_error(&zip_of(&[("a.txt".into(), b"hello".to_vec())]));
    assert!(
        other
            .message_in(maillage::lang::Lang::En)
            .starts_with("the archive is not a spreadsheet"),
        "{other}"
    );
}

#[test]
fn shared_strings_that_lie_or_point_nowhere_are_refused() {
    // a count of four billion strings, which a reader would reserve room for
    let lying = with_part("xl/sharedStrings.xml", |x| {
        x.replacen("uniqueCount=\"", "uniqueCount=\"4000000000", 1)
    });
    let p = only_error(&lying);
    assert_eq!(p.code, ProblemCode::BadWorkbook);
    assert!(
        p.message_in(maillage::lang::Lang::En)
            .contains("declare more strings than they hold"),
        "{p}"
    );
    // a cell naming the 999th shared string of a table of a few
    let nowhere = with_part("xl/worksheets/sheet1.xml", |x| {
        x.replacen("<v>0</v>", "<v>999</v>", 1)
    });
    let p = only_error(&nowhere);
    assert_eq!(p.code, ProblemCode::BadWorkbook);
    assert_eq!(p.file, "acteurs");
}

#[test]
fn formulas_keep_their_cached_values_and_errors_are_located() {
    let mut book = Workbook::new();
    sheet(&mut book, "acteurs", ACTORS);
    sheet(&mut book, "relations", RELATIONS);
    let bytes = book.save_to_buffer().unwrap();
    // a cell whose formula failed: Excel keeps the error as its value
    let mut p = parts(&bytes);
    for (name, data) in &mut p {
        if name == "xl/worksheets/sheet1.xml" {
            let text = std::str::from_utf8(data).unwrap().replacen(
                "<c r=\"B3\" t=\"s\"><v>",
                "<c r=\"B3\" t=\"e\"><f>VLOOKUP(A3,Z:Z,2,0)</f><v>#N/A</v></c><c r=\"Z3\" t=\"s\"><v>",
                1,
            );
            *data = text.into_bytes();
        }
    }
    let e = load("t.xlsx", &zip_of(&p)).unwrap_err();
    let errors = strings(&e.errors);
    assert!(
        errors
            .iter()
            .any(|x| x.starts_with("acteurs!B3: nom: the cell holds the spreadsheet error #N/A")),
        "{errors:?}"
    );
}

#[test]
fn a_sheet_reaching_the_last_row_is_read_in_bounded_memory() {
    // a value on row 1,048,576: the rows between are not made
    let mut book = Workbook::new();
    sheet(&mut book, "acteurs", ACTORS);
    book.worksheet_from_name("acteurs")
        .unwrap()
        .write_string(1_048_575, 0, "m9")
        .unwrap();
    sheet(&mut book, "relations", RELATIONS);
    let e = load("t.xlsx", &book.save_to_buffer().unwrap()).unwrap_err();
    let errors = strings(&e.errors);
    assert!(
        errors[0].starts_with("acteurs!B1048576: nom: empty value"),
        "{errors:?}"
    );
    // a header reaching column XFD
    let mut book = Workbook::new();
    sheet(&mut book, "acteurs", ACTORS);
    book.worksheet_from_name("acteurs")
        .unwrap()
        .write_string(0, 16_383, "loin")
        .unwrap();
    sheet(&mut book, "relations", RELATIONS);
    let p = load("t.xlsx", &book.save_to_buffer().unwrap())
        .unwrap_err()
        .errors[0]
        .clone();
    assert_eq!(p.code, ProblemCode::TooLarge);
    assert_eq!(p.cell().as_deref(), Some("XFD1"));
}

/// An `.ods` archive with this content.xml.
fn ods(content: &str) -> Vec<u8> {
    zip_of(&[
        (
            "mimetype".into(),
            b"application/vnd.oasis.opendocument.spreadsheet".to_vec(),
        ),
        ("content.xml".into(), content.as_bytes().to_vec()),
        (
            "META-INF/manifest.xml".into(),
            br#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#.to_vec(),
        ),
    ])
}

const ODS_HEAD: &str = r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet>"#;
const ODS_TAIL: &str = "</office:spreadsheet></office:body></office:document-content>";

#[test]
fn an_ods_whose_repeated_cells_spread_too_far_is_refused_before_reading() {
    let bomb = format!(
        r#"{ODS_HEAD}<table:table table:name="acteurs"><table:table-row table:number-rows-repeated="1048576"><table:table-cell table:number-columns-repeated="16384" office:value-type="float" office:value="1"/></table:table-row></table:table>{ODS_TAIL}"#
    );
    let p = only_error(&ods(&bomb));
    assert_eq!(p.code, ProblemCode::TooLarge);
    assert!(
        p.message_in(maillage::lang::Lang::En)
            .contains("repeated rows and columns spread to"),
        "{p}"
    );
    let spaces = format!(
        r#"{ODS_HEAD}<table:table table:name="acteurs"><table:table-row><table:table-cell office:value-type="string"><text:p>a<text:s text:c="4000000000"/></text:p></table:table-cell></table:table-row></table:table>{ODS_TAIL}"#
    );
    assert_eq!(only_error(&ods(&spaces)).code, ProblemCode::BadWorkbook);
    // a small hand-written .ods with merged header cells reads
    let small = format!(
        r#"{ODS_HEAD}<table:table table:name="acteurs"><table:table-row><table:table-cell office:value-type="string"><text:p>id</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>nom</text:p></table:table-cell><table:table-cell table:number-columns-spanned="2" office:value-type="string"><text:p>type</text:p></table:table-cell><table:covered-table-cell/></table:table-row><table:table-row><table:table-cell office:value-type="string"><text:p>m1</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>A</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>cpts</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row></table:table><table:table table:name="relations"><table:table-row><table:table-cell office:value-type="string"><text:p>source</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>cible</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>type</text:p></table:table-cell></table:table-row></table:table>{ODS_TAIL}"#
    );
    let read = read_workbook("t.ods", &ods(&small));
    let problems: Vec<String> = read
        .all_problems()
        .map(|p| p.render(maillage::lang::Lang::En))
        .collect();
    assert_eq!(read.rows(), [Some(1), Some(0), None, None], "{problems:?}");
    assert!(problems[0].starts_with("acteurs!D2: values in column D are left out: its header is part of the merged cell C1:D1"), "{problems:?}");
}
