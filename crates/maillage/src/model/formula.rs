//! Text that a spreadsheet would run as a formula (CSV injection, after OWASP's
//! "CSV Injection" advice): a cell opened in Excel or LibreOffice Calc that starts with
//! `=`, `+`, `-`, `@`, a tab or a carriage return is read as a formula, and a formula
//! such as `=HYPERLINK(…)` or a DDE call runs on the reader's machine. The bundle's
//! readers warn on such cells, and the outputs meant for a spreadsheet neutralise them
//! (docs/outputs.md, "Safe to open").

use std::borrow::Cow;

/// The first characters that make a spreadsheet read a cell as a formula.
pub const FORMULA_TRIGGERS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Whether a spreadsheet would read `cell` as a formula: it starts with one of
/// [`FORMULA_TRIGGERS`] and is not a number (`-0.35`, `+33` stay numbers, which
/// spreadsheets read as such and which a neutralised cell would turn into text).
///
/// ```
/// use maillage::model::looks_like_formula;
/// assert!(looks_like_formula("=HYPERLINK(\"http://x\";\"Cliquez\")"));
/// assert!(looks_like_formula("@SUM(A1)"));
/// assert!(looks_like_formula("-2+3"));
/// assert!(!looks_like_formula("-0.35"));
/// assert!(!looks_like_formula("Maison de santé"));
/// ```
pub fn looks_like_formula(cell: &str) -> bool {
    cell.starts_with(FORMULA_TRIGGERS) && !is_plain_number(cell)
}

/// A sign, then digits with a decimal point or an exponent: what a spreadsheet reads
/// as a number (`-inf` or `+nan`, which Rust would parse, are formulas to it).
fn is_plain_number(cell: &str) -> bool {
    let unsigned = cell.strip_prefix(['-', '+']).unwrap_or(cell);
    unsigned.starts_with(|c: char| c.is_ascii_digit() || c == '.')
        && unsigned.parse::<f64>().is_ok()
}

/// `cell`, with a leading apostrophe when a spreadsheet would read it as a formula:
/// the spreadsheet then shows the text as written (the apostrophe is not shown in
/// Calc and Excel) and runs nothing.
///
/// ```
/// use maillage::model::neutralise_formula;
/// assert_eq!(neutralise_formula("=1+1"), "'=1+1");
/// assert_eq!(neutralise_formula("-0.35"), "-0.35");
/// assert_eq!(neutralise_formula("CMP Gerland"), "CMP Gerland");
/// ```
pub fn neutralise_formula(cell: &str) -> Cow<'_, str> {
    if looks_like_formula(cell) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_trigger_is_neutralised_and_numbers_are_not() {
        for trigger in FORMULA_TRIGGERS {
            let cell = format!("{trigger}cmd|' /C calc'!A0");
            assert!(looks_like_formula(&cell), "{cell:?}");
            assert_eq!(neutralise_formula(&cell), format!("'{cell}"));
        }
        for number in ["-1", "+33", "-1.5e3", "-0", "-.5"] {
            assert!(!looks_like_formula(number), "{number}");
        }
        for formula in ["-inf", "+nan", "--1", "-1-1"] {
            assert!(looks_like_formula(formula), "{formula}");
        }
        for text in ["", "a=b", " =1", "'=1", "Dr. Martin-Dupont"] {
            assert!(!looks_like_formula(text), "{text:?}");
        }
    }
}
