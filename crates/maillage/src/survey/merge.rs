//! The returned forms merged into relations.csv, and the report of the round
//! (docs/survey.md, "Merging the answers").

use super::form::kind_label;
use crate::lang::{Message, Msg};

/// The headers of the report's CSV file.
const REPORT_HEADER: [&str; 4] = ["rubrique", "acteur", "partenaire", "détail"];

/// The report's sections, as its CSV file names them (identifiers a script reads, the
/// same in every language).
const SECTION_NON_RESPONDENT: &str = "sans_réponse";
const SECTION_BOTH: &str = "nommé_des_deux_côtés";
const SECTION_ONE_SIDE: &str = "nommé_d_un_seul_côté";
const SECTION_CONTRADICTION: &str = "contradiction";
const SECTION_CHANGED: &str = "type_modifié";
use super::read::{read_form, Choice, Form};
use super::SurveyError;
use crate::atomic::write_atomic;
use crate::bundle::{
    detect_delimiter, is_lock_file, is_workbook_name, load_bundle, CsvTable, Location, Problem,
    ProblemCode, Severity, MAX_WORKBOOK_BYTES, RELATIONS_FILE,
};
use crate::model::{
    survey_ties, ActorIx, Relation, RelationKind, SurveyTie, Territory, Validity,
    PROVENANCE_COLUMN, RESPONDENT_COLUMN, SURVEY_DATE_COLUMN, SURVEY_PROVENANCE,
};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The file of the report written beside the returned forms.
pub const REPORT_FILE: &str = "rapport_enquete.csv";

/// A contradiction between two answers, or between an answer and a relation entered
/// by hand (docs/survey.md, "Contradictions").
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Contradiction {
    /// `named_by` names a relation with `denied_by`, who answers "aucune".
    NoRelation {
        /// The actor that names the tie.
        named_by: String,
        /// The actor that answers "aucune".
        denied_by: String,
    },
    /// A relation entered by hand joins the two, and `denied_by` answers "aucune".
    DeniedByHand {
        /// The actor that answers "aucune".
        denied_by: String,
        /// The other actor.
        partner: String,
    },
    /// Each says it is a member of the other.
    MutualMembership {
        /// One actor (the smaller id).
        a: String,
        /// The other.
        b: String,
    },
}

/// A known relation kind a respondent changed in its form.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct ChangedKind {
    /// The respondent.
    pub respondent: String,
    /// The partner.
    pub partner: String,
    /// The kind the form pre-filled.
    pub known: RelationKind,
    /// The kind answered.
    pub answered: RelationKind,
}

/// What a merge did and found; ids are actors' ids.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct MergeReport {
    /// Forms read in the folder.
    pub forms: usize,
    /// Respondents whose form is filled in (dated), in id order.
    pub answered: Vec<String>,
    /// Respondents whose form is in the folder but not filled in, in id order.
    pub non_respondents: Vec<String>,
    /// Relations of survey provenance written.
    pub added: usize,
    /// Relations of survey provenance of earlier merges replaced by these answers.
    pub replaced: usize,
    /// Answers that name a relation already entered by hand (not written again).
    pub known_confirmed: usize,
    /// Ties both sides named, as `(a, b)` with `a < b`.
    pub named_by_both: Vec<(String, String)>,
    /// Ties one side only named, with no relation entered by hand: `(named_by,
    /// other)`, in order.
    pub named_by_one: Vec<(String, String)>,
    /// Contradictions, in order.
    pub contradictions: Vec<Contradiction>,
    /// Known kinds changed by their respondent, in order.
    pub changed_kinds: Vec<ChangedKind>,
    /// Warnings of the forms' reader (formulas...).
    pub warnings: Vec<Problem>,
}

impl MergeReport {
    /// The report in the current language ([`crate::lang::language`]), as `maillage
    /// survey merge` prints it.
    pub fn text(&self, territory: &Territory) -> String {
        let name = |id: &str| {
            territory
                .actor_with_id(id)
                .map_or_else(|| id.to_owned(), |a| format!("{} ({id})", a.name))
        };
        let plural = |n: usize| if n == 1 { "" } else { "s" };
        let section_line = |title: Msg, count: usize| {
            crate::msg!(SurveySection, title = Message::new(title), count = count).to_string()
        };
        let mut out = crate::msg!(
            SurveyCounts,
            forms = self.forms,
            forms_s = plural(self.forms),
            answered = self.answered.len(),
            answered_s = plural(self.answered.len()),
            added = self.added,
            replaced = self.replaced,
            known = self.known_confirmed
        )
        .to_string();
        let both = self.named_by_both.len();
        let ties = both + self.named_by_one.len();
        let rate = if ties == 0 {
            0.0
        } else {
            100.0 * both as f64 / ties as f64
        };
        out.push_str(
            &crate::msg!(
                ReciprocityLine,
                both = both,
                s = plural(both),
                ties = ties,
                rate = format!("{rate:.1}")
            )
            .to_string(),
        );
        out.push_str(&section_line(
            Msg::SectionNonRespondents,
            self.non_respondents.len(),
        ));
        for id in &self.non_respondents {
            out.push_str(&format!("  {}\n", name(id)));
        }
        for (title, pairs) in [
            (Msg::SectionNamedByBoth, &self.named_by_both),
            (Msg::SectionNamedByOne, &self.named_by_one),
        ] {
            out.push_str(&section_line(title, pairs.len()));
            for (a, b) in pairs {
                out.push_str(&format!("  {} – {}\n", name(a), name(b)));
            }
        }
        let rows = self.rows(territory);
        for (title, section, n) in [
            (
                Msg::SectionContradictions,
                SECTION_CONTRADICTION,
                self.contradictions.len(),
            ),
            (
                Msg::SectionChangedKinds,
                SECTION_CHANGED,
                self.changed_kinds.len(),
            ),
        ] {
            out.push_str(&section_line(title, n));
            for row in rows.iter().filter(|r| r[0] == section) {
                out.push_str(&format!(
                    "  {} – {}{}{}\n",
                    name(&row[1]),
                    name(&row[2]),
                    crate::msg!(Colon),
                    row[3]
                ));
            }
        }
        out
    }

    /// The rows of the report's CSV file: section, actor, partner, detail.
    fn rows(&self, territory: &Territory) -> Vec<[String; 4]> {
        let mut rows = Vec::new();
        for id in &self.non_respondents {
            rows.push([
                SECTION_NON_RESPONDENT.to_owned(),
                id.clone(),
                String::new(),
                String::new(),
            ]);
        }
        for (a, b) in &self.named_by_both {
            rows.push([SECTION_BOTH.to_owned(), a.clone(), b.clone(), String::new()]);
        }
        for (a, b) in &self.named_by_one {
            rows.push([
                SECTION_ONE_SIDE.to_owned(),
                a.clone(),
                b.clone(),
                String::new(),
            ]);
        }
        for c in &self.contradictions {
            let (a, b, detail) = match c {
                Contradiction::NoRelation {
                    named_by,
                    denied_by,
                } => (
                    named_by,
                    denied_by,
                    crate::msg!(
                        ContradictionNoRelation,
                        named_by = named_by,
                        denied_by = denied_by
                    ),
                ),
                Contradiction::DeniedByHand { denied_by, partner } => (
                    denied_by,
                    partner,
                    crate::msg!(ContradictionByHand, denied_by = denied_by),
                ),
                Contradiction::MutualMembership { a, b } => {
                    (a, b, crate::msg!(ContradictionMutualMember))
                }
            };
            rows.push([
                SECTION_CONTRADICTION.to_owned(),
                a.clone(),
                b.clone(),
                detail.to_string(),
            ]);
        }
        for c in &self.changed_kinds {
            rows.push([
                SECTION_CHANGED.to_owned(),
                c.respondent.clone(),
                c.partner.clone(),
                crate::msg!(
                    ChangedKind,
                    known = kind_label(territory, c.known),
                    answered = kind_label(territory, c.answered)
                )
                .to_string(),
            ]);
        }
        rows
    }

    /// The report as the CSV file written beside the forms ([`REPORT_FILE`]).
    pub fn csv(&self, territory: &Territory) -> Vec<u8> {
        let mut w = csv::Writer::from_writer(Vec::new());
        // Writing to a Vec cannot fail.
        let _ = w.write_record(REPORT_HEADER);
        for row in self.rows(territory) {
            let _ = w.write_record(&row);
        }
        w.into_inner().unwrap_or_default()
    }
}

/// The forms of a folder: every workbook in it (spreadsheets' lock files aside), read.
fn read_forms(
    territory: &Territory,
    dir: &Path,
    warnings: &mut Vec<Problem>,
) -> Result<Vec<Form>, SurveyError> {
    let entries = std::fs::read_dir(dir).map_err(|e| SurveyError::Io(dir.to_path_buf(), e))?;
    let mut names: Vec<String> = entries
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|n| is_workbook_name(n) && !is_lock_file(n))
        .collect();
    names.sort();
    let mut forms = Vec::new();
    let mut errors = Vec::new();
    for name in names {
        let path = dir.join(&name);
        let size = std::fs::metadata(&path).map_err(|e| SurveyError::Io(path.clone(), e))?;
        if size.len() > MAX_WORKBOOK_BYTES {
            errors.push(Problem::error(
                name.as_str(),
                Location::File,
                None,
                ProblemCode::TooLarge,
                crate::msg!(FormTooLarge, file = &name),
            ));
            continue;
        }
        let bytes = std::fs::read(&path).map_err(|e| SurveyError::Io(path.clone(), e))?;
        match read_form(territory, &name, &bytes, warnings) {
            Ok(form) => forms.push(form),
            Err(p) => errors.extend(p),
        }
    }
    // one filled form per respondent
    let mut seen: BTreeMap<ActorIx, &str> = BTreeMap::new();
    for f in forms.iter().filter(|f| f.date.is_some()) {
        if let Some(first) = seen.insert(f.respondent, &f.file) {
            errors.push(Problem::error(
                f.file.as_str(),
                Location::File,
                None,
                ProblemCode::AmbiguousTables,
                crate::msg!(
                    TwoAnsweredForms,
                    id = &territory.actor(f.respondent).id,
                    first = first,
                    second = &f.file
                ),
            ));
        }
    }
    if errors.is_empty() {
        Ok(forms)
    } else {
        Err(SurveyError::Forms(errors))
    }
}

/// One relation the merge writes: a respondent's answer.
struct NewRelation {
    source: ActorIx,
    target: ActorIx,
    kind: RelationKind,
    themes: String,
    since: String,
    person: String,
    date: String,
}

/// Merges the returned forms of `dir` into the relations.csv of `bundle` (docs/survey.md,
/// "Merging the answers"): each answer naming a relation becomes a relation of
/// provenance `survey` with its respondent and date, replacing that respondent's
/// answers of an earlier merge; a relation entered by hand is never dropped nor
/// changed; the same forms merged again give the same file. The report is returned
/// and written to `dir` ([`REPORT_FILE`]).
///
/// # Errors
/// [`SurveyError::Bundle`] when the bundle does not load; [`SurveyError::Forms`] with
/// every problem of the forms (nothing is written then); [`SurveyError::Refused`] for
/// a bundle kept as a workbook; [`SurveyError::Io`] on a file that cannot be read or
/// written.
///
/// # Example
/// ```
/// let dir = tempfile::tempdir().unwrap();
/// let bundle = dir.path().join("lyon7");
/// maillage::bundle::write_bundle(
///     &maillage::load_bundle("../../data/lyon7".as_ref()).unwrap().territory, &bundle).unwrap();
/// let forms = dir.path().join("forms");
/// let written = maillage::survey::write_forms(&bundle, &forms).unwrap();
/// assert_eq!(written.len(), 71);
/// // no form filled in yet: every respondent is reported, nothing is added
/// let report = maillage::survey::merge_forms(&bundle, &forms).unwrap();
/// assert_eq!((report.non_respondents.len(), report.added), (71, 0));
/// ```
pub fn merge_forms(bundle: &Path, dir: &Path) -> Result<MergeReport, SurveyError> {
    let territory = load_bundle(bundle).map_err(SurveyError::Bundle)?.territory;
    let relations_path = bundle.join(RELATIONS_FILE);
    if !relations_path.is_file() {
        return Err(SurveyError::Refused(crate::msg!(SurveyOfWorkbookBundle)));
    }
    let mut report = MergeReport::default();
    let forms = read_forms(&territory, dir, &mut report.warnings)?;
    report.forms = forms.len();
    let answered: Vec<&Form> = forms.iter().filter(|f| f.date.is_some()).collect();
    let answering: BTreeSet<ActorIx> = answered.iter().map(|f| f.respondent).collect();
    let id = |a: ActorIx| territory.actor(a).id.clone();
    report.answered = sorted(answering.iter().map(|&a| id(a)));
    report.non_respondents = sorted(
        forms
            .iter()
            .map(|f| f.respondent)
            .filter(|a| !answering.contains(a))
            .collect::<BTreeSet<_>>()
            .into_iter()
            .map(id),
    );

    // What is kept: every relation but the earlier answers of this round's respondents.
    let replaced = |r: &Relation| r.is_from_survey() && answering.contains(&r.source);
    report.replaced = territory.relations.iter().filter(|r| replaced(r)).count();
    let by_hand: BTreeSet<(ActorIx, ActorIx, RelationKind)> = territory
        .relations
        .iter()
        .filter(|r| !r.is_from_survey())
        .map(|r| (r.source, r.target, r.kind))
        .collect();
    let hand_pairs: BTreeSet<(ActorIx, ActorIx)> = by_hand
        .iter()
        .map(|&(s, t, _)| (s.min(t), s.max(t)))
        .collect();
    let mut new = Vec::new();
    let mut denials: Vec<(ActorIx, ActorIx)> = Vec::new();
    for form in &answered {
        let mut written: BTreeSet<(ActorIx, RelationKind)> = BTreeSet::new();
        let date = form.date.map(|d| d.to_string()).unwrap_or_default();
        for a in &form.answers {
            let (r, p) = (form.respondent, a.partner);
            let kind = match a.choice {
                Choice::NoRelation => {
                    denials.push((r, p));
                    continue;
                }
                Choice::Kind(k) => k,
            };
            if let Some(known) = a.known.filter(|&known| known != kind) {
                report.changed_kinds.push(ChangedKind {
                    respondent: id(r),
                    partner: id(p),
                    known,
                    answered: kind,
                });
            }
            let symmetric = kind == RelationKind::Partner && by_hand.contains(&(p, r, kind));
            if by_hand.contains(&(r, p, kind)) || symmetric {
                report.known_confirmed += 1;
                continue;
            }
            if !written.insert((p, kind)) {
                continue;
            }
            new.push(NewRelation {
                source: r,
                target: p,
                kind,
                themes: a
                    .themes
                    .iter()
                    .map(|t| t.label())
                    .collect::<Vec<_>>()
                    .join("|"),
                since: a.since.map(|d| d.to_string()).unwrap_or_default(),
                person: form.person.clone(),
                date: date.clone(),
            });
        }
    }
    report.added = new.len();

    // The territory as merged, to classify its ties.
    let survey_attributes = |n: &NewRelation| {
        vec![
            (PROVENANCE_COLUMN.to_owned(), SURVEY_PROVENANCE.to_owned()),
            (RESPONDENT_COLUMN.to_owned(), n.person.clone()),
            (SURVEY_DATE_COLUMN.to_owned(), n.date.clone()),
        ]
    };
    let merged_relations: Vec<Relation> = territory
        .relations
        .iter()
        .filter(|r| !replaced(r))
        .cloned()
        .chain(new.iter().map(|n| Relation {
            source: n.source,
            target: n.target,
            kind: n.kind,
            weight: 1.0,
            themes: Vec::new(),
            validity: Validity::default(),
            attributes: survey_attributes(n),
            line: 0,
        }))
        .collect();
    let merged =
        territory.with_relations(territory.date, merged_relations, territory.actions.clone());
    for ((a, b), tie) in survey_ties(&merged) {
        match tie {
            SurveyTie::NamedByBoth => report.named_by_both.push(ordered(id(a), id(b))),
            SurveyTie::NamedBy(x) => {
                let other = if x == a { b } else { a };
                report.named_by_one.push((id(x), id(other)));
            }
            SurveyTie::KnownByHand => {}
        }
    }
    report.named_by_both.sort();
    report.named_by_one.sort();
    let named: BTreeSet<(ActorIx, ActorIx)> = merged
        .relations
        .iter()
        .filter(|r| r.is_from_survey())
        .map(|r| (r.source, r.target))
        .collect();
    for (r, p) in denials {
        if named.contains(&(p, r)) {
            report.contradictions.push(Contradiction::NoRelation {
                named_by: id(p),
                denied_by: id(r),
            });
        }
        if hand_pairs.contains(&(r.min(p), r.max(p))) {
            report.contradictions.push(Contradiction::DeniedByHand {
                denied_by: id(r),
                partner: id(p),
            });
        }
    }
    let members: BTreeSet<(ActorIx, ActorIx, bool)> = merged
        .relations
        .iter()
        .filter(|r| r.kind == RelationKind::Member && r.source != r.target)
        .map(|r| (r.source, r.target, r.is_from_survey()))
        .collect();
    let mut mutual = BTreeSet::new();
    for &(s, t, from_survey) in &members {
        let back = members.contains(&(t, s, true)) || members.contains(&(t, s, false));
        let any_survey = from_survey || members.contains(&(t, s, true));
        if back && any_survey {
            mutual.insert(ordered(id(s), id(t)));
        }
    }
    report.contradictions.extend(
        mutual
            .into_iter()
            .map(|(a, b)| Contradiction::MutualMembership { a, b }),
    );
    report.contradictions.sort();
    report.changed_kinds.sort();

    // relations.csv is left as it is when the round changes no relation
    if report.added + report.replaced > 0 {
        let relations = rewrite_relations(&relations_path, &territory, &answering, &new)?;
        write_atomic(&relations_path, &relations).map_err(|e| {
            SurveyError::Refused(crate::msg!(
                RelationsCannotBeRewritten,
                detail = e.to_string()
            ))
        })?;
    }
    let report_path = dir.join(REPORT_FILE);
    write_atomic(&report_path, &report.csv(&territory))
        .map_err(|e| SurveyError::Io(report_path.clone(), e))?;
    Ok(report)
}

fn sorted(ids: impl Iterator<Item = String>) -> Vec<String> {
    let mut v: Vec<String> = ids.collect();
    v.sort();
    v
}

fn ordered(a: String, b: String) -> (String, String) {
    if a <= b {
        (a, b)
    } else {
        (b, a)
    }
}

/// relations.csv with the earlier answers of `answering` dropped, every other row kept
/// cell for cell, and the new answers appended; the provenance columns added when
/// missing.
fn rewrite_relations(
    path: &Path,
    territory: &Territory,
    answering: &BTreeSet<ActorIx>,
    new: &[NewRelation],
) -> Result<Vec<u8>, SurveyError> {
    let bytes = std::fs::read(path).map_err(|e| SurveyError::Io(path.to_path_buf(), e))?;
    let mut problems = Vec::new();
    let table = CsvTable::parse(RELATIONS_FILE, &bytes, &mut problems)
        .filter(|_| problems.iter().all(|p| p.severity != Severity::Error))
        .ok_or_else(|| SurveyError::Forms(problems.clone()))?;
    let delimiter = detect_delimiter(&String::from_utf8_lossy(&bytes));
    let mut headers = table.headers.clone();
    for c in [PROVENANCE_COLUMN, RESPONDENT_COLUMN, SURVEY_DATE_COLUMN] {
        if !headers.iter().any(|h| h == c) {
            headers.push(c.to_owned());
        }
    }
    let col = |name: &str| headers.iter().position(|h| h == name);
    let mut w = csv::WriterBuilder::new()
        .delimiter(delimiter)
        .from_writer(Vec::new());
    let csv_error = |e: csv::Error| {
        SurveyError::Refused(crate::msg!(
            RelationsCannotBeRewritten,
            detail = e.to_string()
        ))
    };
    w.write_record(&headers).map_err(csv_error)?;
    let dropped: BTreeSet<u64> = territory
        .relations
        .iter()
        .filter(|r| r.is_from_survey() && answering.contains(&r.source))
        .map(|r| r.line)
        .collect();
    for row in table.rows() {
        if dropped.contains(&row.line) {
            continue;
        }
        let mut cells: Vec<&str> = row.cells().collect();
        cells.resize(headers.len(), "");
        w.write_record(&cells).map_err(csv_error)?;
    }
    for n in new {
        let mut cells = vec![String::new(); headers.len()];
        let mut set = |name: &str, value: String| {
            if let Some(i) = col(name) {
                cells[i] = value;
            }
        };
        set("source", territory.actor(n.source).id.clone());
        set("target", territory.actor(n.target).id.clone());
        set("kind", n.kind.as_str().to_owned());
        set("themes", n.themes.clone());
        set("since", n.since.clone());
        set(PROVENANCE_COLUMN, SURVEY_PROVENANCE.to_owned());
        set(RESPONDENT_COLUMN, n.person.clone());
        set(SURVEY_DATE_COLUMN, n.date.clone());
        w.write_record(&cells).map_err(csv_error)?;
    }
    w.into_inner().map_err(|e| {
        SurveyError::Refused(crate::msg!(
            RelationsCannotBeRewritten,
            detail = e.to_string()
        ))
    })
}

/// Where the forms of a round are written (`enquete_ID.xlsx`, the id made safe for a
/// file name).
pub(crate) fn form_file_name(id: &str, taken: &mut BTreeSet<String>) -> PathBuf {
    let safe: String = id
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let mut name = format!("enquete_{safe}.xlsx");
    let mut n = 2;
    while !taken.insert(name.clone()) {
        name = format!("enquete_{safe}_{n}.xlsx");
        n += 1;
    }
    PathBuf::from(name)
}
