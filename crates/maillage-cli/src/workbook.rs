//! `maillage template` and `maillage convert`: the coordinator's workbook, blank or
//! holding a bundle's tables, and back to CSV. Their messages are in French.

use crate::{print_error, say};
use clap::Args;
use maillage::bundle::{
    load_bundle, parse_manifest, write_bundle, write_template, write_workbook_bundle, Loaded,
    MANIFEST_FILE,
};
use maillage::lang::Message;
use maillage::model::Taxonomy;
use maillage::msg;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// `maillage template OUT.xlsx [--bundle BUNDLE]`.
#[derive(Args)]
pub struct TemplateArgs {
    /// Le classeur écrit (.xlsx).
    out: PathBuf,
    /// Un bundle dont la taxonomie (avec ses propres types d'acteurs) remplit les
    /// listes déroulantes ; par défaut la taxonomie intégrée.
    #[arg(long)]
    bundle: Option<PathBuf>,
}

/// `maillage convert BUNDLE OUT.xlsx|OUT_DIR`.
#[derive(Args)]
pub struct ConvertArgs {
    /// Le bundle à convertir (tables CSV ou classeur).
    bundle: PathBuf,
    /// Un fichier .xlsx : le classeur écrit, territory.toml et les couches copiés à
    /// côté de lui. Un dossier : le bundle réécrit en fichiers CSV.
    out: PathBuf,
}

fn is_xlsx(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"))
}

/// Writes the blank template.
pub fn template(args: TemplateArgs) -> ExitCode {
    if !is_xlsx(&args.out) {
        print_error(msg!(TemplateIsXlsx, path = args.out.display().to_string()));
        return ExitCode::from(2);
    }
    let taxonomy = match &args.bundle {
        None => Taxonomy::builtin(),
        Some(bundle) => match bundle_taxonomy(bundle) {
            Ok(t) => t,
            Err(message) => {
                print_error(message);
                return ExitCode::from(1);
            }
        },
    };
    match write_template(&args.out, &taxonomy) {
        Ok(()) => {
            say(msg!(
                TemplateWritten,
                path = args.out.display().to_string(),
                kinds = taxonomy.kinds.len()
            ));
            ExitCode::SUCCESS
        }
        Err(e) => {
            print_error(e);
            ExitCode::from(1)
        }
    }
}

/// The taxonomy of a bundle's manifest, with its own kinds.
fn bundle_taxonomy(bundle: &Path) -> Result<Taxonomy, Message> {
    let path = bundle.join(MANIFEST_FILE);
    let bytes = std::fs::read(&path).map_err(|e| {
        msg!(
            FileCannotBeReadDetail,
            path = path.display().to_string(),
            detail = e.to_string()
        )
    })?;
    let text = String::from_utf8_lossy(&bytes);
    let mut problems = Vec::new();
    let manifest = parse_manifest(&text, &mut problems);
    let errors: Vec<String> = problems
        .iter()
        .filter(|p| p.severity == maillage::bundle::Severity::Error)
        .map(|p| format!("\n  {p}"))
        .collect();
    match manifest {
        Some(m) if errors.is_empty() => Ok(m.taxonomy),
        _ => Err(msg!(
            ManifestHasErrors,
            path = path.display().to_string(),
            problems = errors.concat()
        )),
    }
}

/// Converts a bundle to a workbook bundle, or back to CSV.
pub fn convert(args: ConvertArgs) -> ExitCode {
    if is_xlsx(&args.out) {
        return match write_workbook_bundle(&args.bundle, &args.out) {
            Ok(()) => {
                let folder = args.out.parent().unwrap_or(Path::new("."));
                say(msg!(
                    WorkbookBundleWritten,
                    path = args.out.display().to_string(),
                    folder = folder.display().to_string()
                ));
                ExitCode::SUCCESS
            }
            Err(e) => {
                print_error(e);
                ExitCode::from(1)
            }
        };
    }
    if args.out.extension().is_some_and(|e| {
        ["ods", "xlsm", "xls", "csv"]
            .iter()
            .any(|x| e.eq_ignore_ascii_case(x))
    }) {
        print_error(msg!(
            ConvertOutputKind,
            path = args.out.display().to_string()
        ));
        return ExitCode::from(2);
    }
    let Loaded { territory, .. } = match load_bundle(&args.bundle) {
        Ok(l) => l,
        Err(e) => {
            print_error(maillage::bundle::ConvertError::Bundle(e));
            return ExitCode::from(1);
        }
    };
    if args.out.join("actors.csv").exists() || args.out.join(MANIFEST_FILE).exists() {
        let same = args.bundle.canonicalize().ok() == args.out.canonicalize().ok();
        if same || has_workbook(&args.out) {
            print_error(msg!(
                FolderHoldsBundle,
                path = args.out.display().to_string()
            ));
            return ExitCode::from(1);
        }
    }
    match write_bundle(&territory, &args.out) {
        Ok(()) => {
            say(msg!(
                CsvBundleWritten,
                path = args.out.display().to_string(),
                actors = territory.actors.len(),
                relations = territory.relations.len()
            ));
            ExitCode::SUCCESS
        }
        Err(e) => {
            print_error(msg!(
                BundleCannotBeWrittenTo,
                path = args.out.display().to_string(),
                detail = e.to_string()
            ));
            ExitCode::from(1)
        }
    }
}

fn has_workbook(dir: &Path) -> bool {
    std::fs::read_dir(dir).is_ok_and(|entries| {
        entries.filter_map(Result::ok).any(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            maillage::bundle::WORKBOOK_EXTENSIONS
                .iter()
                .any(|x| name.to_lowercase().ends_with(&format!(".{x}")))
        })
    })
}
