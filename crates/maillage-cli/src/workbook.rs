//! `maillage template` and `maillage convert`: the coordinator's workbook, blank or
//! holding a bundle's tables, and back to CSV. Their messages are in French.

use clap::Args;
use maillage::bundle::{
    load_bundle, parse_manifest, write_bundle, write_template, write_workbook_bundle, Loaded,
    MANIFEST_FILE,
};
use maillage::model::Taxonomy;
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
        eprintln!(
            "erreur : {} : le modèle s'écrit dans un fichier .xlsx",
            args.out.display()
        );
        return ExitCode::from(2);
    }
    let taxonomy = match &args.bundle {
        None => Taxonomy::builtin(),
        Some(bundle) => match bundle_taxonomy(bundle) {
            Ok(t) => t,
            Err(message) => {
                eprintln!("erreur : {message}");
                return ExitCode::from(1);
            }
        },
    };
    match write_template(&args.out, &taxonomy) {
        Ok(()) => {
            println!(
                "écrit : {} (feuilles Lisez-moi, acteurs, relations, actions, besoins, listes ; {} types d'acteurs)",
                args.out.display(),
                taxonomy.kinds.len()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("erreur : {e}");
            ExitCode::from(1)
        }
    }
}

/// The taxonomy of a bundle's manifest, with its own kinds.
fn bundle_taxonomy(bundle: &Path) -> Result<Taxonomy, String> {
    let path = bundle.join(MANIFEST_FILE);
    let bytes = std::fs::read(&path)
        .map_err(|e| format!("{} ne peut pas être lu : {e}", path.display()))?;
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
        _ => Err(format!(
            "{} a des erreurs :{}",
            path.display(),
            errors.concat()
        )),
    }
}

/// Converts a bundle to a workbook bundle, or back to CSV.
pub fn convert(args: ConvertArgs) -> ExitCode {
    if is_xlsx(&args.out) {
        return match write_workbook_bundle(&args.bundle, &args.out) {
            Ok(()) => {
                let folder = args.out.parent().unwrap_or(Path::new("."));
                println!(
                    "écrit : {} (avec territory.toml et les couches dans {})",
                    args.out.display(),
                    folder.display()
                );
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("erreur : {e}");
                ExitCode::from(1)
            }
        };
    }
    if args.out.extension().is_some_and(|e| {
        ["ods", "xlsm", "xls", "csv"]
            .iter()
            .any(|x| e.eq_ignore_ascii_case(x))
    }) {
        eprintln!(
            "erreur : {} : la sortie est un classeur .xlsx ou un dossier (pour un .ods, ouvrez le .xlsx dans LibreOffice Calc et enregistrez-le en .ods)",
            args.out.display()
        );
        return ExitCode::from(2);
    }
    let Loaded { territory, .. } = match load_bundle(&args.bundle) {
        Ok(l) => l,
        Err(e) => {
            eprintln!(
                "erreur : le bundle a {} erreur{}, à corriger avant de le convertir :",
                e.errors.len(),
                if e.errors.len() == 1 { "" } else { "s" }
            );
            for p in &e.errors {
                eprintln!("  {p}");
            }
            return ExitCode::from(1);
        }
    };
    if args.out.join("actors.csv").exists() || args.out.join(MANIFEST_FILE).exists() {
        let same = args.bundle.canonicalize().ok() == args.out.canonicalize().ok();
        if same || has_workbook(&args.out) {
            eprintln!(
                "erreur : {} tient déjà un bundle : choisissez un dossier vide",
                args.out.display()
            );
            return ExitCode::from(1);
        }
    }
    match write_bundle(&territory, &args.out) {
        Ok(()) => {
            println!(
                "écrit : {} (territory.toml, actors.csv, relations.csv, actions.csv, needs.csv et les couches : {} acteurs, {} relations)",
                args.out.display(),
                territory.actors.len(),
                territory.relations.len()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!(
                "erreur : le bundle ne peut pas être écrit dans {} : {e}",
                args.out.display()
            );
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
