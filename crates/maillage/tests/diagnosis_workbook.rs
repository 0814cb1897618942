//! `diagnostic.xlsx` (docs/outputs.md, "Diagnosis workbook"): read back with calamine,
//! each sheet holds its CSV table cell for cell, under French headers, numbers as
//! numbers and yes/no as booleans, ids as text; the header row is frozen and filtered;
//! the same diagnosis gives the same bytes.

use calamine::{Data, Reader, Xlsx};
use maillage::outputs::{OutputFile, OutputOptions};
use maillage::{load_bundle, Diagnosis};
use std::io::{Cursor, Read};
use std::path::Path;

const SHEETS: [(&str, OutputFile); 8] = [
    ("acteurs", OutputFile::ActorsCsv),
    ("zones", OutputFile::ZonesCsv),
    ("écarts", OutputFile::GapsCsv),
    ("liens à créer", OutputFile::SuggestionsCsv),
    ("annuaire", OutputFile::DirectoryCsv),
    ("dispositifs", OutputFile::DispositifsCsv),
    ("groupes", OutputFile::GroupsCsv),
    ("sollicitations", OutputFile::SolicitationCsv),
];

fn example(name: &str) -> maillage::Territory {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../data")
        .join(name);
    load_bundle(&dir).unwrap().territory
}

/// A sheet's cell as the CSV table writes it.
fn as_csv(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Float(x) => x.to_string(),
        Data::Int(x) => x.to_string(),
        Data::Bool(b) => b.to_string(),
        other => panic!("unexpected cell {other:?}"),
    }
}

/// The CSV's cell as it reads once a number: `3` and `3.0` are the same number.
fn same_cell(csv: &str, sheet: &Data) -> bool {
    match sheet {
        Data::Float(x) => csv.parse::<f64>().is_ok_and(|y| y == *x),
        Data::Int(x) => csv.parse::<f64>().is_ok_and(|y| y == *x as f64),
        _ => csv == as_csv(sheet),
    }
}

fn check(territory: &maillage::Territory) {
    let diagnosis = Diagnosis::of(territory);
    let options = OutputOptions::default();
    let bytes = OutputFile::DiagnosisXlsx.render(territory, &diagnosis, &options);
    assert_eq!(
        bytes,
        OutputFile::DiagnosisXlsx.render(territory, &diagnosis, &options),
        "same diagnosis, same bytes"
    );
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes.clone())).unwrap();
    let names = book.sheet_names();
    let mut expected = vec!["Lisez-moi".to_owned()];
    expected.extend(SHEETS.iter().map(|(n, _)| (*n).to_owned()));
    assert_eq!(names, expected);

    let (mut numbers, mut booleans) = (0, 0);
    for (name, file) in SHEETS {
        let range = book.worksheet_range(name).unwrap();
        let csv = file.render(territory, &diagnosis, &options);
        let mut reader = csv::Reader::from_reader(csv.as_slice());
        let header: Vec<String> = reader
            .headers()
            .unwrap()
            .iter()
            .map(str::to_owned)
            .collect();
        let rows: Vec<Vec<String>> = reader
            .records()
            .map(|r| r.unwrap().iter().map(str::to_owned).collect())
            .collect();
        let sheet: Vec<&[Data]> = range.rows().collect();
        assert_eq!(sheet.len(), rows.len() + 1, "{name}: rows");
        // French headers, one per column of the CSV
        assert_eq!(sheet[0].len(), header.len(), "{name}: columns");
        for (h, cell) in header.iter().zip(sheet[0]) {
            let french = as_csv(cell);
            assert!(!french.is_empty(), "{name}: {h}");
            if ["id", "name", "degree", "priority", "articulated"].contains(&h.as_str()) {
                assert_ne!(&french, h, "{name}: {h} left in English");
            }
        }
        for (r, row) in rows.iter().enumerate() {
            let cells = sheet[r + 1];
            for (c, value) in row.iter().enumerate() {
                let cell = cells.get(c).unwrap_or(&Data::Empty);
                assert!(
                    same_cell(value, cell),
                    "{name}!{}{}: {cell:?} against {value:?} in {file}",
                    char::from(b'A' + (c % 26) as u8),
                    r + 2
                );
                numbers += usize::from(matches!(cell, Data::Float(_) | Data::Int(_)));
                booleans += usize::from(matches!(cell, Data::Bool(_)));
                if header[c] == "id" {
                    assert!(
                        matches!(cell, Data::String(_)),
                        "{name}: id {cell:?} not text"
                    );
                }
            }
        }
    }
    assert!(
        numbers > 100 && booleans > 0,
        "{numbers} numbers, {booleans} booleans"
    );

    // every table's sheet has its header row frozen and an autofilter
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    for i in 2..=SHEETS.len() + 1 {
        let mut xml = String::new();
        zip.by_name(&format!("xl/worksheets/sheet{i}.xml"))
            .unwrap()
            .read_to_string(&mut xml)
            .unwrap();
        assert!(
            xml.contains(r#"ySplit="1""#),
            "sheet {i}: header not frozen"
        );
        assert!(xml.contains("<autoFilter"), "sheet {i}: no filter");
        assert!(xml.contains("<col "), "sheet {i}: no column widths");
    }
}

#[test]
fn the_workbook_holds_each_table_under_french_headers() {
    for name in ["lyon7", "grenoble_sud", "cevennes"] {
        check(&example(name));
    }
}
