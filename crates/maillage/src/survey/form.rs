//! The form of one respondent: a workbook of three sheets ("Lisez-moi", "répondant",
//! "partenaires"), written by [`write_form`] and read back by `read`. The sheets'
//! columns are described once, as the tables the workbook reader reads.

use super::candidates::Candidate;
use crate::lang::{Lang, Msg};

/// The answer of a form that says "no relation with this actor": a word of the
/// form's format, read back, the same in every language.
pub(crate) const NO_RELATION: &str = "aucune";
use crate::bundle::TableSpec;
use crate::model::{ActorIx, RelationKind, Territory};
use crate::xlsx::{header_format, new_workbook};
use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, Format, ProtectionOptions, XlsxError,
};

/// The sheet identifying the respondent.
pub(crate) const RESPONDENT_SHEET: &str = "répondant";
/// The sheet of the possible partners.
pub(crate) const PARTNERS_SHEET: &str = "partenaires";
/// Blank rows left at the bottom of the partners' sheet for partners not listed and
/// second kinds of relation.
pub(crate) const BLANK_ROWS: u32 = 15;

/// The respondent's sheet: one row under its header. The date is read as a date
/// (`start` is a date column of the reader).
pub(crate) const RESPONDENT_SPEC: TableSpec = TableSpec {
    csv: RESPONDENT_SHEET,
    sheets: &[RESPONDENT_SHEET],
    required: true,
    required_columns: &["id"],
    columns: &[
        ("id", &["identifiant", "id"]),
        ("name", &["structure", "nom"]),
        ("respondent", &["répondant", "nom et fonction"]),
        ("start", &["date"]),
    ],
    written: &[
        ("id", "identifiant"),
        ("name", "structure"),
        ("respondent", "répondant"),
        ("start", "date"),
    ],
};

/// The partners' sheet: one row per possible partner and known kind.
pub(crate) const PARTNERS_SPEC: TableSpec = TableSpec {
    csv: PARTNERS_SHEET,
    sheets: &[PARTNERS_SHEET],
    required: true,
    required_columns: &["id", "relation"],
    columns: &[
        ("id", &["id", "identifiant"]),
        ("name", &["nom"]),
        ("actor_kind", &["type d'acteur"]),
        ("zone", &["zone"]),
        ("reasons", &["pourquoi"]),
        ("known", &["type connu"]),
        ("relation", &["type de relation"]),
        ("themes", &["thèmes"]),
        ("since", &["depuis"]),
    ],
    written: &[
        ("id", "id"),
        ("name", "nom"),
        ("actor_kind", "type d'acteur"),
        ("zone", "zone"),
        ("reasons", "pourquoi"),
        ("known", "type connu"),
        ("relation", "type de relation"),
        ("themes", "thèmes"),
        ("since", "depuis"),
    ],
};

/// The French label of a relation kind, as the form's drop-down writes it.
pub(crate) fn kind_label(territory: &Territory, kind: RelationKind) -> &str {
    territory
        .taxonomy
        .relation_kinds
        .get(kind.as_str())
        .map_or(kind.as_str(), |l| l.label.as_str())
}

/// The choices of the "type de relation" column: each kind's label, then "aucune".
pub(crate) fn choices(territory: &Territory) -> Vec<String> {
    RelationKind::ALL
        .iter()
        .map(|&k| kind_label(territory, k).to_owned())
        .chain(std::iter::once(NO_RELATION.to_owned()))
        .collect()
}

/// Where an actor is, in words: its zone of the coverage layer, else the zones it
/// serves.
fn place(territory: &Territory, actor: ActorIx, zone: Option<crate::model::ZoneIx>) -> String {
    if let Some(zone) = zone {
        let layer = territory.analysis.coverage_layer;
        return territory
            .zone(crate::model::ZoneRef { layer, zone })
            .name
            .clone();
    }
    let served: Vec<&str> = territory
        .actor(actor)
        .serves
        .iter()
        .map(|&z| territory.zone(z).name.as_str())
        .collect();
    served.join(", ")
}

/// The bytes of the form of `respondent`, listing `candidates`. `placement` is the
/// coverage layer's zone of each actor. The same input gives the same bytes.
pub(crate) fn write_form(
    territory: &Territory,
    respondent: ActorIx,
    candidates: &[Candidate],
    placement: &[Option<crate::model::ZoneIx>],
) -> Result<Vec<u8>, XlsxError> {
    let me = territory.actor(respondent);
    // The forms are written in French, for the partners, whatever the coordinator's
    // language.
    let title = crate::msg!(FormTitle, name = &me.name).render(Lang::Fr);
    let mut book = new_workbook(&title);
    let bold = header_format();
    let wrap = Format::new().set_text_wrap();
    let open = Format::new().set_unlocked().set_background_color(0xFFF2CC);
    let open_date = open.clone().set_num_format("dd/mm/yyyy");
    let protection = ProtectionOptions {
        format_columns: true,
        format_rows: true,
        use_autofilter: true,
        sort: true,
        ..ProtectionOptions::default()
    };

    let readme = book.add_worksheet();
    readme.set_name("Lisez-moi")?;
    readme.write_string_with_format(0, 0, &title, &Format::new().set_bold().set_font_size(14))?;
    let instructions = [
        crate::msg!(
            FormIntroduction,
            name = &me.name,
            territory = &territory.name
        ),
        Msg::FormRespondentStep.into(),
        Msg::FormPartnersStep.into(),
        Msg::FormKnownRelations.into(),
        Msg::FormOptionalColumns.into(),
        Msg::FormReturn.into(),
    ];
    for (i, text) in instructions.iter().map(|m| m.render(Lang::Fr)).enumerate() {
        let r = 2 + i as u32;
        readme.write_string_with_format(r, 0, text, &wrap)?;
        readme.set_row_height(r, 62)?;
    }
    readme.set_column_width(0, 110)?;
    readme.set_active(true);

    let sheet = book.add_worksheet();
    sheet.set_name(RESPONDENT_SHEET)?;
    for (c, (_, header)) in RESPONDENT_SPEC.written.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, *header, &bold)?;
    }
    sheet.write_string(1, 0, &me.id)?;
    sheet.write_string(1, 1, &me.name)?;
    sheet.write_blank(1, 2, &open)?;
    sheet.write_blank(1, 3, &open_date)?;
    sheet.add_data_validation(
        1,
        3,
        1,
        3,
        &DataValidation::new()
            .allow_date(rust_xlsxwriter::DataValidationRule::GreaterThan(
                rust_xlsxwriter::ExcelDateTime::from_ymd(2000, 1, 1)?,
            ))
            .set_input_message(
                "Date du jour, jj/mm/aaaa : elle indique que le questionnaire est rempli.",
            )?,
    )?;
    for (c, w) in [(0u16, 24.0), (1, 45.0), (2, 40.0), (3, 14.0)] {
        sheet.set_column_width(c, w)?;
    }
    sheet.protect_with_options(&protection);

    let sheet = book.add_worksheet();
    sheet.set_name(PARTNERS_SHEET)?;
    for (c, (_, header)) in PARTNERS_SPEC.written.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, *header, &bold)?;
    }
    let answer_col = 6u16;
    let mut r = 1u32;
    for c in candidates {
        let other = territory.actor(c.actor);
        let kind_label_of = territory
            .taxonomy
            .kind(&other.kind)
            .map_or(other.kind.as_str(), |k| k.label.as_str());
        let reasons: Vec<&str> = c.reasons.iter().map(|r| r.label()).collect();
        let known: Vec<Option<RelationKind>> = if c.known.is_empty() {
            vec![None]
        } else {
            c.known.iter().copied().map(Some).collect()
        };
        for k in known {
            sheet.write_string(r, 0, &other.id)?;
            sheet.write_string(r, 1, &other.name)?;
            sheet.write_string(r, 2, kind_label_of)?;
            sheet.write_string(r, 3, place(territory, c.actor, placement[c.actor.index()]))?;
            sheet.write_string(r, 4, reasons.join(", "))?;
            match k {
                Some(k) => {
                    sheet.write_string(r, 5, kind_label(territory, k))?;
                    sheet.write_string_with_format(
                        r,
                        answer_col,
                        kind_label(territory, k),
                        &open,
                    )?;
                }
                None => {
                    sheet.write_blank(r, answer_col, &open)?;
                }
            }
            sheet.write_blank(r, 7, &open)?;
            sheet.write_blank(r, 8, &open_date)?;
            r += 1;
        }
    }
    for _ in 0..BLANK_ROWS {
        sheet.write_blank(r, 0, &open)?;
        for c in [answer_col, 7] {
            sheet.write_blank(r, c, &open)?;
        }
        sheet.write_blank(r, 8, &open_date)?;
        r += 1;
    }
    let choices = choices(territory);
    let list = DataValidation::new()
        .allow_list_strings(&choices)?
        .set_input_title("Type de relation")?
        .set_input_message("Ce que votre structure fait avec ce partenaire ; « aucune » si vous ne travaillez pas avec lui.")?
        .set_error_style(DataValidationErrorStyle::Stop)
        .set_error_title("Valeur hors liste")?
        .set_error_message("Choisissez un type de relation dans la liste, ou « aucune ».")?;
    sheet.add_data_validation(1, answer_col, r - 1, answer_col, &list)?;
    for (c, w) in [
        (0u16, 22.0),
        (1, 40.0),
        (2, 26.0),
        (3, 24.0),
        (4, 34.0),
        (5, 24.0),
        (6, 28.0),
        (7, 28.0),
        (8, 12.0),
    ] {
        sheet.set_column_width(c, w)?;
    }
    sheet.set_freeze_panes(1, 2)?;
    sheet.protect_with_options(&protection);
    book.save_to_buffer()
}
