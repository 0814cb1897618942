//! The help of the command in the language of the messages: the about of the command
//! and of each subcommand, and the help of each argument, all from the catalogue
//! (`maillage::lang`), set on the command clap derives before it parses.

use clap::{Arg, ArgAction, Command};
use maillage::lang::{Lang, Msg};

/// The help of each subcommand, by its path of names (`""` the command itself,
/// `"survey merge"`), and of each argument, by its subcommand's path and its id
/// (`"diagnose out"`); `"* id"` for an argument that several subcommands share.
const HELP: &[(&str, Msg)] = &[
    ("", Msg::HelpAbout),
    ("* lang", Msg::CommandLangHelp),
    ("* bundle", Msg::HelpBundleOrExample),
    ("* quiet", Msg::HelpQuiet),
    ("* indicator", Msg::HelpIndicator),
    ("* partition", Msg::HelpPartition),
    ("* betweenness_pivots", Msg::HelpBetweennessPivots),
    ("* seed", Msg::HelpSeed),
    ("* suggestions", Msg::HelpSuggestions),
    ("* include_individuals", Msg::HelpIncludeIndividuals),
    ("* min_count", Msg::HelpMinCount),
    ("* confirmed_only", Msg::HelpConfirmedOnly),
    ("* since", Msg::HelpSince),
    ("* crs", Msg::HelpCrs),
    ("* costs", Msg::HelpCosts),
    ("* json", Msg::HelpReportJson),
    ("validate", Msg::HelpValidate),
    ("validate json", Msg::HelpValidateJson),
    ("diagnose", Msg::HelpDiagnose),
    ("diagnose out", Msg::HelpOutFolder),
    ("compare", Msg::HelpCompare),
    ("compare bundles", Msg::HelpCompareBundles),
    ("compare out", Msg::HelpCompareOut),
    ("diagnose format", Msg::HelpDiagnoseFormat),
    ("export", Msg::HelpExport),
    ("export format", Msg::HelpExportFormat),
    ("export out", Msg::HelpExportOut),
    ("import", Msg::HelpImport),
    ("import source", Msg::HelpImportSource),
    ("import file", Msg::HelpImportFile),
    ("import territory", Msg::HelpImportTerritory),
    ("import into", Msg::HelpImportInto),
    ("import mapping", Msg::HelpImportMapping),
    ("import date", Msg::HelpImportDate),
    ("import population", Msg::HelpImportPopulation),
    ("import services", Msg::HelpImportServices),
    ("import layer_name", Msg::HelpImportLayerName),
    ("import commune_layer", Msg::HelpImportCommuneLayer),
    ("import ban", Msg::HelpImportBan),
    ("import layer", Msg::HelpImportLayer),
    ("import key", Msg::HelpImportKey),
    ("import columns", Msg::HelpImportColumns),
    ("import label", Msg::HelpImportLabel),
    ("import unit", Msg::HelpImportUnit),
    ("import better", Msg::HelpImportBetter),
    ("import rename", Msg::HelpImportAs),
    ("import values_only", Msg::HelpImportValuesOnly),
    ("geocode", Msg::HelpGeocode),
    ("geocode bundle", Msg::HelpGeocodeBundle),
    ("geocode ban", Msg::HelpGeocodeBan),
    ("geocode api", Msg::HelpGeocodeApi),
    ("geocode overwrite", Msg::HelpGeocodeOverwrite),
    ("geocode min_score", Msg::HelpGeocodeMinScore),
    ("template", Msg::HelpTemplate),
    ("template out", Msg::HelpTemplateOut),
    ("template bundle", Msg::HelpTemplateBundle),
    ("convert", Msg::HelpConvert),
    ("convert bundle", Msg::HelpConvertBundle),
    ("convert out", Msg::HelpConvertOut),
    ("survey", Msg::HelpSurvey),
    ("survey bundle", Msg::HelpSurveyBundle),
    ("survey out", Msg::HelpSurveyOut),
    ("survey merge", Msg::HelpSurveyMerge),
    ("survey merge bundle", Msg::HelpSurveyMergeBundle),
    ("survey merge dir", Msg::HelpSurveyMergeDir),
    ("generate", Msg::HelpGenerate),
    ("generate size", Msg::HelpGenerateSize),
    ("generate seed", Msg::HelpGenerateSeed),
    ("generate out", Msg::HelpGenerateOut),
];

/// The help of a subcommand (`path`), or of one of its arguments (`path` and `arg`).
pub(crate) fn help_key(path: &str, arg: Option<&str>) -> Option<Msg> {
    let find = |key: &str| HELP.iter().find(|(k, _)| *k == key).map(|&(_, m)| m);
    match arg {
        None => find(path),
        Some(id) => find(format!("{path} {id}").trim_start()).or_else(|| find(&format!("* {id}"))),
    }
}

/// The command with every help text in `lang`: abouts, arguments' help, the help and
/// version flags and the headings clap writes itself.
pub(crate) fn localized(command: Command, lang: Lang) -> Command {
    let command = command
        .disable_version_flag(true)
        .arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help(Msg::HelpVersion.text(lang)),
        )
        .disable_help_subcommand(true);
    localize(command, "", lang)
}

fn localize(mut command: Command, path: &str, lang: Lang) -> Command {
    if let Some(about) = help_key(path, None) {
        command = command.about(about.text(lang)).long_about(None);
    }
    command = command
        .help_template(format!(
            "{{before-help}}{{about-with-newline}}\n{} {{usage}}\n\n{{all-args}}{{after-help}}",
            Msg::HelpUsageHeading.text(lang)
        ))
        .subcommand_help_heading(Msg::HelpCommandsHeading.text(lang))
        .disable_help_flag(true)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help(Msg::HelpHelp.text(lang)),
        );
    let ids: Vec<String> = command
        .get_arguments()
        .map(|a| a.get_id().to_string())
        .filter(|id| id != "help" && id != "version")
        .collect();
    for id in ids {
        if let Some(help) = help_key(path, Some(&id)) {
            let text = if help == Msg::HelpExportFormat {
                // the outputs' names, from the one list of them
                use maillage::outputs::OutputFile;
                let files: Vec<&str> = OutputFile::ALL
                    .iter()
                    .chain(&OutputFile::GIS)
                    .map(|f| f.file_name())
                    .collect();
                maillage::msg!(HelpExportFormat, files = files.join(", ")).render(lang)
            } else {
                help.text(lang).to_string()
            };
            command = command.mut_arg(&id, |a| a.help(text).long_help(None));
        }
    }
    let names: Vec<String> = command
        .get_subcommands()
        .map(|s| s.get_name().to_owned())
        .collect();
    for name in names {
        let sub_path = format!("{path} {name}").trim_start().to_owned();
        command = command.mut_subcommand(&name, |s| localize(s, &sub_path, lang));
    }
    command
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    /// Every subcommand and every argument of the command, with its path.
    fn walk(command: &Command, path: &str, found: &mut Vec<(String, Option<String>)>) {
        found.push((path.to_owned(), None));
        for a in command.get_arguments() {
            found.push((path.to_owned(), Some(a.get_id().to_string())));
        }
        for s in command.get_subcommands() {
            walk(s, format!("{path} {}", s.get_name()).trim_start(), found);
        }
    }

    #[test]
    fn every_subcommand_and_argument_has_a_help_in_both_languages() {
        let mut found = Vec::new();
        walk(&crate::Cli::command(), "", &mut found);
        assert!(found.len() > 50, "{found:?}");
        let missing: Vec<_> = found
            .iter()
            .filter(|(path, arg)| help_key(path, arg.as_deref()).is_none())
            .collect();
        assert!(
            missing.is_empty(),
            "no help in the catalogue for {missing:?}"
        );
        for lang in Lang::ALL {
            let mut built = localized(crate::Cli::command(), lang);
            built.build();
            let mut all = Vec::new();
            walk(&built, "", &mut all);
            for (path, arg) in &all {
                let command = path
                    .split_whitespace()
                    .fold(&built, |c, name| c.find_subcommand(name).unwrap());
                let help = match arg {
                    None => command.get_about(),
                    Some(id) => command
                        .get_arguments()
                        .find(|a| a.get_id() == id.as_str())
                        .and_then(|a| a.get_help()),
                };
                assert!(help.is_some(), "{lang}: no help for {path} {arg:?}");
            }
        }
    }

    #[test]
    fn a_help_is_found_by_its_subcommand_then_shared() {
        assert_eq!(help_key("diagnose", Some("out")), Some(Msg::HelpOutFolder));
        assert_eq!(help_key("export", Some("seed")), Some(Msg::HelpSeed));
        assert_eq!(help_key("survey merge", None), Some(Msg::HelpSurveyMerge));
        assert_eq!(help_key("diagnose", Some("no_such_option")), None);
    }
}
