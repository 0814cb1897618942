//! What every workbook maillage writes shares (the bundle's workbooks and template,
//! and the diagnosis workbook): a fixed creation time, so that the same input gives
//! the same bytes, and the look of a header row.

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, FormatBorder, Workbook};

/// A new workbook titled `title`, created at a fixed time (2024-01-01): its bytes depend
/// on its content only.
pub(crate) fn new_workbook(title: &str) -> Workbook {
    let mut book = Workbook::new();
    let created = ExcelDateTime::from_ymd(2024, 1, 1).unwrap_or_else(|_| unreachable!());
    book.set_properties(
        &DocProperties::new()
            .set_creation_datetime(&created)
            .set_author("maillage")
            .set_title(title),
    );
    book
}

/// The format of a header row: bold, on a light blue, underlined.
pub(crate) fn header_format() -> Format {
    Format::new()
        .set_bold()
        .set_background_color(0xDDEBF7)
        .set_border_bottom(FormatBorder::Thin)
}
