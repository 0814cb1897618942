//! A returned form read back: the respondent, the date, and each answer, with every
//! problem located at its form, sheet and cell (`[enquete_ccas.xlsx]partenaires!G7`).

use super::form::{choices, kind_label, PARTNERS_SPEC, RESPONDENT_SPEC};
use crate::bundle::{fold_name, read_workbook_tables, Location, Problem, ProblemCode, Severity};
use crate::model::{ActorIx, Date, RelationKind, Territory, Theme};
use serde::Serialize;

/// What a form's "type de relation" cell says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Choice {
    /// A relation of this kind, from the respondent to the partner.
    Kind(RelationKind),
    /// "aucune": the respondent says it does not work with the partner.
    NoRelation,
}

/// One answered row of a form.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Answer {
    /// The partner the row is about.
    pub partner: ActorIx,
    /// What the respondent chose.
    pub choice: Choice,
    /// The kind the form pre-filled, when the relation was known.
    pub known: Option<RelationKind>,
    /// Themes of the relation.
    pub themes: Vec<Theme>,
    /// Since when, when given.
    pub since: Option<Date>,
    /// The row of the partners' sheet.
    pub row: u64,
}

/// A form read back.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Form {
    /// The file's name in the folder of returned forms.
    pub file: String,
    /// The structure or dispositif that answers.
    pub respondent: ActorIx,
    /// Who answered, as written.
    pub person: String,
    /// The date written on the form: `None` when the form was not filled in.
    pub date: Option<Date>,
    /// Every row with a choice, in sheet order.
    pub answers: Vec<Answer>,
}

/// A problem of a sheet names its form: `[form.xlsx]sheet`, as a spreadsheet names a
/// cell of another workbook.
fn in_form(file: &str, mut p: Problem) -> Problem {
    if p.file != file {
        p.file = format!("[{file}]{}", p.file);
    }
    p
}

/// Reads a choice, a kind's label or id, or "aucune"; case, accents and spaces aside.
fn parse_choice(territory: &Territory, text: &str) -> Option<Choice> {
    let key = fold_name(text);
    if key == fold_name(super::form::NO_RELATION) || key == "aucun" || key == "none" {
        return Some(Choice::NoRelation);
    }
    RelationKind::ALL
        .into_iter()
        .find(|&k| fold_name(kind_label(territory, k)) == key || fold_name(k.as_str()) == key)
        .map(Choice::Kind)
}

/// Reads the bytes of a returned form (`.xlsx` or `.ods`) named `file`: the form, or
/// every problem; the warnings of the reader (formulas...) are pushed to `warnings`.
pub(crate) fn read_form(
    territory: &Territory,
    file: &str,
    bytes: &[u8],
    warnings: &mut Vec<Problem>,
) -> Result<Form, Vec<Problem>> {
    let (whole, tables) = read_workbook_tables(file, bytes, &[RESPONDENT_SPEC, PARTNERS_SPEC]);
    let mut problems: Vec<Problem> = whole;
    let mut tables = tables.into_iter();
    let (respondent_table, p) = tables.next().unwrap_or((None, Vec::new()));
    problems.extend(p);
    let (partners_table, p) = tables.next().unwrap_or((None, Vec::new()));
    problems.extend(p);
    let mut found = Vec::new();
    let mut respondent = None;
    let mut person = String::new();
    let mut date = None;
    if let Some(t) = &respondent_table {
        t.require_columns(&["id"], &mut found);
        match t.rows().next() {
            None => found.push(Problem::error(
                RESPONDENT_SPEC.sheets[0],
                Location::Cell { row: 2, column: 1 },
                Some("identifiant"),
                ProblemCode::MissingValue,
                crate::msg!(NoRespondentRow),
            )),
            Some(row) => {
                if let Some(id) = row.required("id", crate::msg!(ExpectedRespondentId), &mut found)
                {
                    let asked = territory.actor_by_id(id).filter(|&a| {
                        super::candidates::SURVEYED_FAMILIES
                            .contains(&territory.actor(a).family.as_str())
                    });
                    match asked {
                        None => found.push(row.error(
                            "id",
                            ProblemCode::UnknownActor,
                            crate::msg!(UnknownRespondent, id = id),
                        )),
                        Some(a) => {
                            check_name(territory, a, row.get("name"), &row, &mut found);
                            respondent = Some(a);
                        }
                    }
                }
                person = row.get("respondent").unwrap_or_default().to_owned();
                date = row.date("start", &mut found).ok().flatten();
            }
        }
    }
    let mut answers = Vec::new();
    if let Some(t) = &partners_table {
        t.require_columns(&["id", "relation"], &mut found);
        let all_choices = choices(territory);
        for row in t.rows() {
            let Some(text) = row.get("relation") else {
                continue;
            };
            let choice = parse_choice(territory, text);
            if choice.is_none() {
                found.push(row.error(
                    "relation",
                    ProblemCode::UnknownRelationKind,
                    crate::msg!(
                        UnknownChoice,
                        written = text,
                        choices = all_choices.join(", ")
                    ),
                ));
            }
            let Some(id) = row.get("id") else {
                found.push(row.error(
                    "id",
                    ProblemCode::MissingValue,
                    crate::msg!(MissingPartnerId),
                ));
                continue;
            };
            let Some(partner) = territory.actor_by_id(id) else {
                found.push(row.error(
                    "id",
                    ProblemCode::UnknownActor,
                    crate::msg!(UnknownPartner, id = id),
                ));
                continue;
            };
            if Some(partner) == respondent {
                found.push(row.error(
                    "id",
                    ProblemCode::UnknownActor,
                    crate::msg!(SelfPartner, id = id),
                ));
                continue;
            }
            check_name(territory, partner, row.get("name"), &row, &mut found);
            let since = row.date("since", &mut found).ok().flatten();
            let known = row
                .get("known")
                .and_then(|k| parse_choice(territory, k))
                .and_then(|c| match c {
                    Choice::Kind(k) => Some(k),
                    Choice::NoRelation => None,
                });
            if let Some(choice) = choice {
                answers.push(Answer {
                    partner,
                    choice,
                    known,
                    themes: row.themes("themes"),
                    since,
                    row: row.line,
                });
            }
        }
    }
    problems.extend(found);
    let (errors, others): (Vec<Problem>, Vec<Problem>) = problems
        .into_iter()
        .map(|p| in_form(file, p))
        .partition(|p| p.severity == Severity::Error);
    warnings.extend(others);
    match respondent {
        Some(respondent) if errors.is_empty() => Ok(Form {
            file: file.to_owned(),
            respondent,
            person,
            date,
            answers,
        }),
        _ if errors.is_empty() => Err(vec![in_form(
            file,
            Problem::error(
                RESPONDENT_SPEC.sheets[0],
                Location::Cell { row: 2, column: 1 },
                Some("identifiant"),
                ProblemCode::MissingValue,
                crate::msg!(NoRespondentRow),
            ),
        )]),
        _ => Err(errors),
    }
}

/// A name written beside an id must be the actor's: a partner who typed another id in
/// a row is caught, not merged under the wrong actor.
fn check_name(
    territory: &Territory,
    actor: ActorIx,
    written: Option<&str>,
    row: &crate::bundle::Row<'_>,
    found: &mut Vec<Problem>,
) {
    let a = territory.actor(actor);
    if let Some(name) = written {
        if fold_name(name) != fold_name(&a.name) {
            found.push(row.error(
                "id",
                ProblemCode::UnknownActor,
                crate::msg!(NameMismatch, id = &a.id, written = name, expected = &a.name),
            ));
        }
    }
}
