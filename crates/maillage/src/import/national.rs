//! What the readers of the national files of actors (FINESS, RPPS, data·inclusion)
//! share: the file's name in problems, the problems found, the report, the codes the
//! category table skips or does not know, and the ending, where errors refuse the file
//! and warnings go to the report.

use super::mapping::{Mapped, Tally};
use super::{display_name, finish, ImportOptions, ImportReport, Imported, ImportedActor};
use crate::bundle::{BundleErrors, Location, Problem, ProblemCode};
use crate::lang::Message;
use std::path::Path;

/// The reading of one national file of actors.
pub(crate) struct ActorReading {
    /// The file as named in problems.
    pub file: String,
    pub problems: Vec<Problem>,
    pub report: ImportReport,
    unmapped: Tally,
    skipped: Tally,
}

impl ActorReading {
    /// Starts reading `file` for the source named `source` in the report.
    pub fn new(source: &str, file: &Path, options: &ImportOptions) -> Self {
        let file = display_name(file);
        Self {
            report: ImportReport {
                source: source.into(),
                file: file.clone(),
                date: options.date,
                ..ImportReport::default()
            },
            file,
            problems: Vec::new(),
            unmapped: Tally::default(),
            skipped: Tally::default(),
        }
    }

    /// An error of the file at `location`.
    pub fn error(
        &mut self,
        location: Location,
        field: Option<&str>,
        code: ProblemCode,
        message: Message,
    ) {
        self.problems
            .push(Problem::error(&self.file, location, field, code, message));
    }

    /// The file refused on its first error (it cannot be opened, or has no header).
    pub fn refused(&self, location: Location, code: ProblemCode, message: Message) -> BundleErrors {
        BundleErrors {
            errors: vec![Problem::error(&self.file, location, None, code, message)],
            warnings: vec![],
        }
    }

    /// The kind of a row whose code maps to `mapped`; a code the table skips, or does
    /// not know, is counted (as `code`, with its `label`) and gives `None`.
    pub fn kind<'m>(&mut self, mapped: Mapped<'m>, code: &str, label: &str) -> Option<&'m str> {
        match mapped {
            Mapped::Kind(kind) => Some(kind),
            Mapped::Skip => {
                self.skipped.add(code, label);
                None
            }
            Mapped::Unmapped => {
                self.unmapped.add(code, label);
                None
            }
        }
    }

    /// The placement of an actor located by the file's coordinates, or attached to its
    /// commune without them, counted in the report.
    pub fn placement(&mut self, by_coordinates: bool) -> &'static str {
        if by_coordinates {
            self.report.placed_by_coordinates += 1;
            "coordinates"
        } else {
            self.report.placed_at_commune += 1;
            "commune"
        }
    }

    /// The actors read, sorted by id, with the report: or the errors found.
    ///
    /// # Errors
    /// Every error found in the file; its warnings go with them.
    pub fn finish(mut self, mut actors: Vec<ImportedActor>) -> Result<Imported, BundleErrors> {
        actors.sort_by(|a, b| a.id.cmp(&b.id));
        self.report.imported = actors.len();
        self.report.unmapped = self.unmapped.into_codes();
        self.report.skipped = self.skipped.into_codes();
        finish(
            self.problems,
            Imported {
                actors,
                layer: None,
                report: self.report,
            },
        )
    }
}
