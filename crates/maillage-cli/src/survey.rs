//! `maillage survey BUNDLE --out DIR` and `maillage survey merge BUNDLE DIR`: the
//! partnership survey's forms, and the returned forms merged into relations.csv
//! (docs/survey.md).

use crate::{plural, print_error, say, warn};
use clap::{Args, Subcommand};
use maillage::msg;
use maillage::survey::{merge_forms, write_forms, SurveyError, REPORT_FILE};
use std::path::PathBuf;
use std::process::ExitCode;

/// `maillage survey BUNDLE --out DIR`, or `maillage survey merge BUNDLE DIR`.
#[derive(Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct SurveyArgs {
    #[command(subcommand)]
    merge: Option<SurveyCommand>,
    /// Le bundle du territoire.
    bundle: Option<PathBuf>,
    /// Le dossier où écrire les questionnaires (créé si besoin ; il ne doit contenir
    /// aucun classeur).
    #[arg(long, short)]
    out: Option<PathBuf>,
}

#[derive(Subcommand)]
enum SurveyCommand {
    /// Fusionne les questionnaires rendus du dossier DIR dans relations.csv du bundle,
    /// et écrit le rapport (rapport_enquete.csv) dans DIR. Code de sortie 0 une fois
    /// fait, 1 sur une erreur (rien n'est écrit).
    Merge {
        /// Le bundle du territoire (tables CSV).
        bundle: PathBuf,
        /// Le dossier des questionnaires rendus (.xlsx ou .ods).
        dir: PathBuf,
    },
}

fn failed(e: &SurveyError) -> ExitCode {
    print_error(e);
    ExitCode::from(1)
}

/// Writes the forms, or merges the returned ones.
pub fn run(args: SurveyArgs) -> ExitCode {
    if let Some(SurveyCommand::Merge { bundle, dir }) = args.merge {
        let report = match merge_forms(&bundle, &dir) {
            Ok(r) => r,
            Err(e) => return failed(&e),
        };
        for w in &report.warnings {
            warn(msg!(WarningLine, problem = w.to_string()));
        }
        match maillage::load_bundle(&bundle) {
            Ok(loaded) => print!("{}", report.text(&loaded.territory)),
            Err(e) => return failed(&SurveyError::Bundle(e)),
        }
        if report.added + report.replaced > 0 {
            say(msg!(
                Written,
                path = bundle.join("relations.csv").display().to_string()
            ));
        }
        say(msg!(
            Written,
            path = dir.join(REPORT_FILE).display().to_string()
        ));
        return ExitCode::SUCCESS;
    }
    let (Some(bundle), Some(out)) = (args.bundle, args.out) else {
        print_error(msg!(SurveyUsage));
        return ExitCode::from(2);
    };
    match write_forms(&bundle, &out) {
        Ok(written) => {
            say(msg!(
                SurveyFormsWritten,
                count = written.len(),
                count_s = plural(written.len()),
                dir = out.display().to_string()
            ));
            ExitCode::SUCCESS
        }
        Err(e) => failed(&e),
    }
}
