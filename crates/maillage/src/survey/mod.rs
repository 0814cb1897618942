//! The partnership survey (docs/survey.md): one form per structure and dispositif,
//! listing the actors it may work with, sent to partners and merged back into
//! relations.csv with the provenance of each answer, with a report of who did not
//! answer, which ties one side only named, and which answers contradict each other.
//!
//! The forms are workbooks written with the shared look of maillage's workbooks
//! (`crate::xlsx`) and read back by the bundle's workbook reader (`.xlsx` and `.ods`),
//! so a problem in a returned form is located as in a bundle, at its sheet and cell.

mod candidates;
mod form;
mod merge;
mod read;

pub use candidates::{candidates, respondents, Candidate, Reason, SURVEYED_FAMILIES};
pub use merge::{merge_forms, ChangedKind, Contradiction, MergeReport, REPORT_FILE};
pub use read::{Answer, Choice, Form};

use crate::atomic::write_all_atomic;
use crate::bundle::{
    error_list, is_lock_file, is_workbook_name, load_bundle, BundleErrors, Problem,
};
use crate::lang::{language, Message, Msg};
use crate::spatial::assign_actors;
use std::fmt;
use std::path::{Path, PathBuf};

/// Why a survey's forms could not be written or merged, shown in the current language
/// ([`crate::lang::language`]).
#[derive(Debug)]
pub enum SurveyError {
    /// The bundle does not load: every problem.
    Bundle(BundleErrors),
    /// The returned forms have errors, each at its form, sheet and cell; nothing was
    /// written.
    Forms(Vec<Problem>),
    /// The survey cannot be done on this bundle or folder, and why.
    Refused(Message),
    /// A file could not be read or written.
    Io(PathBuf, std::io::Error),
}

impl fmt::Display for SurveyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Bundle(e) => f.write_str(&error_list(
                Msg::BundleHasErrorsBeforeSurvey,
                &e.errors,
                language(),
            )),
            Self::Forms(problems) => {
                f.write_str(&error_list(Msg::FormsHaveErrors, problems, language()))
            }
            Self::Refused(why) => write!(f, "{why}"),
            Self::Io(path, e) => write!(f, "{}{}{e}", path.display(), crate::msg!(Colon)),
        }
    }
}

impl std::error::Error for SurveyError {}

/// Writes the forms of a survey of `bundle` into the folder `out` (created if
/// needed): one workbook `enquete_ID.xlsx` per actor of [`respondents`], listing its
/// [`candidates`] with the relations known from it pre-filled (docs/survey.md,
/// "Forms"). Every form is written, or none. Returns the paths written, in bundle
/// order. The same bundle gives the same bytes.
///
/// # Errors
/// [`SurveyError::Bundle`] when the bundle does not load; [`SurveyError::Refused`]
/// when `out` already holds workbooks (returned forms are never overwritten) or a form
/// cannot be made; [`SurveyError::Io`] when a file cannot be written.
///
/// # Example
/// ```
/// let out = tempfile::tempdir().unwrap();
/// let written = maillage::survey::write_forms("../../data/lyon7".as_ref(), out.path()).unwrap();
/// assert!(written.iter().any(|p| p.ends_with("enquete_cpts_lyon7.xlsx")));
/// // a second round in the same folder would overwrite the forms: refused
/// assert!(maillage::survey::write_forms("../../data/lyon7".as_ref(), out.path()).is_err());
/// ```
pub fn write_forms(bundle: &Path, out: &Path) -> Result<Vec<PathBuf>, SurveyError> {
    let territory = load_bundle(bundle).map_err(SurveyError::Bundle)?.territory;
    std::fs::create_dir_all(out).map_err(|e| SurveyError::Io(out.to_path_buf(), e))?;
    let held = std::fs::read_dir(out)
        .map_err(|e| SurveyError::Io(out.to_path_buf(), e))?
        .filter_map(Result::ok)
        .filter_map(|e| e.file_name().into_string().ok())
        .find(|n| is_workbook_name(n) && !is_lock_file(n));
    if let Some(name) = held {
        return Err(SurveyError::Refused(crate::msg!(
            FolderHoldsForms,
            dir = out.display().to_string(),
            name = name
        )));
    }
    let neighbourhood = candidates::Neighbourhood::of(&territory);
    let placement = assign_actors(&territory, territory.analysis.coverage_layer);
    let mut taken = std::collections::BTreeSet::new();
    let mut files = Vec::new();
    for respondent in respondents(&territory) {
        let listed = neighbourhood.candidates(respondent);
        let bytes = form::write_form(&territory, respondent, &listed, &placement).map_err(|e| {
            SurveyError::Refused(crate::msg!(FormCannotBeWritten, detail = e.to_string()))
        })?;
        let name = merge::form_file_name(&territory.actor(respondent).id, &mut taken);
        files.push((name, bytes));
    }
    let written = write_all_atomic(out, &files).map_err(|e| SurveyError::Io(e.path, e.source))?;
    Ok(written)
}

/// Reads a returned form (`.xlsx` or `.ods` bytes; `file` names it in problems)
/// against the territory it was written from: the respondent, the date and every
/// answer, or every problem, each at its form, sheet and cell
/// (`[enquete_ccas.xlsx]partenaires!G7: type de relation: …`). Warnings of the
/// reader (formulas…) go to `warnings`.
///
/// # Errors
/// Every problem of the form: an unknown or changed id, an unknown relation kind, a
/// bad date, a missing sheet or column, an unreadable workbook.
///
/// # Example
/// ```
/// let territory = maillage::load_bundle("../../data/lyon7".as_ref()).unwrap().territory;
/// let out = tempfile::tempdir().unwrap();
/// maillage::survey::write_forms("../../data/lyon7".as_ref(), out.path()).unwrap();
/// let bytes = std::fs::read(out.path().join("enquete_ars_ara.xlsx")).unwrap();
/// let form = maillage::survey::read_form(&territory, "enquete_ars_ara.xlsx", &bytes,
///     &mut Vec::new()).unwrap();
/// assert_eq!(territory.actor(form.respondent).id, "ars_ara");
/// assert_eq!(form.date, None); // not filled in yet
/// assert!(!form.answers.is_empty()); // the known relations, pre-filled
/// ```
pub fn read_form(
    territory: &crate::model::Territory,
    file: &str,
    bytes: &[u8],
    warnings: &mut Vec<Problem>,
) -> Result<Form, Vec<Problem>> {
    read::read_form(territory, file, bytes, warnings)
}
