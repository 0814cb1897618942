//! Every sentence of the survey a coordinator or a partner reads, in French, in one
//! place: the forms' instructions, the problems of returned forms and the merge's
//! report.

use super::candidates::Reason;

/// The answer of a form that says "no relation with this actor".
pub(crate) const NO_RELATION: &str = "aucune";

pub(crate) fn reason_label(reason: Reason) -> &'static str {
    match reason {
        Reason::KnownRelation => "relation connue",
        Reason::SameZone => "même zone",
        Reason::Nearby => "à proximité",
        Reason::SharedThemes => "thèmes communs",
        Reason::SameDispositif => "même dispositif",
    }
}

/// The title of a form.
pub(crate) fn form_title(name: &str) -> String {
    format!("Enquête sur les partenariats : {name}")
}

/// The "Lisez-moi" sheet of a form, paragraph by paragraph.
pub(crate) fn form_instructions(name: &str, territory: &str) -> Vec<String> {
    vec![
        format!("Ce questionnaire est adressé à {name}, dans le cadre du diagnostic des partenariats de santé du territoire {territory}. Il prend une dizaine de minutes."),
        "1. Feuille « répondant » : écrivez votre nom et votre fonction, puis la date du jour (jj/mm/aaaa). La date indique que le questionnaire est rempli : sans elle, il est compté comme non rendu.".to_owned(),
        "2. Feuille « partenaires » : pour chaque structure ou dispositif listé, choisissez dans la colonne « type de relation » ce que votre structure fait avec lui : vous en êtes membre, vous êtes partenaires, vous le financez, vous orientez des personnes vers lui, vous siégez dans ses instances, vous le formez, vous lui prêtez des moyens, vous relayez ses informations. Choisissez « aucune » si vous ne travaillez pas avec lui ; laissez vide si vous ne savez pas.".to_owned(),
        "Les relations déjà connues sont pré-remplies (colonne « type connu ») : corrigez-les si elles sont fausses. Pour indiquer deux types de relation avec un même partenaire, utilisez une ligne vide en bas du tableau avec son identifiant. Un partenaire absent de la liste peut y être ajouté de même, avec son identifiant s'il vous a été communiqué.".to_owned(),
        "Les colonnes « thèmes » (séparés par |) et « depuis » (date de début) sont facultatives. Ne modifiez pas les identifiants ni les noms : ils permettent de relier vos réponses à celles de vos partenaires.".to_owned(),
        "Le classeur peut être rempli avec Excel ou LibreOffice Calc (enregistré en .xlsx ou .ods). Renvoyez-le à la coordination qui vous l'a adressé.".to_owned(),
    ]
}

pub(crate) fn unknown_respondent(id: &str) -> String {
    format!("l'identifiant « {id} » n'est celui d'aucune structure interrogée du territoire (attendu : l'identifiant écrit dans le questionnaire, sans modification)")
}

pub(crate) fn no_respondent_row() -> String {
    "la feuille ne contient pas la ligne du répondant (attendu : l'identifiant de la structure en ligne 2)".to_owned()
}

pub(crate) fn name_mismatch(id: &str, written: &str, expected: &str) -> String {
    format!("l'identifiant « {id} » est celui de « {expected} », pas de « {written} » (attendu : l'identifiant et le nom tels que le questionnaire les a écrits)")
}

pub(crate) fn unknown_partner(id: &str) -> String {
    format!("l'identifiant « {id} » n'est celui d'aucun acteur du territoire (attendu : un identifiant de la liste, tel qu'écrit)")
}

pub(crate) fn self_partner(id: &str) -> String {
    format!("« {id} » est la structure qui répond (attendu : un autre acteur)")
}

pub(crate) fn missing_partner_id() -> String {
    "une réponse sans identifiant de partenaire (attendu : l'identifiant de l'acteur dans la colonne id)".to_owned()
}

pub(crate) fn unknown_choice(written: &str, choices: &[String]) -> String {
    format!(
        "« {written} » n'est pas un type de relation (attendu : un choix de la liste : {})",
        choices.join(", ")
    )
}

pub(crate) fn two_answered_forms(id: &str, first: &str, second: &str) -> String {
    format!("{second} et {first} sont deux questionnaires remplis de « {id} » (attendu : un seul par structure ; retirez l'autre du dossier)")
}

pub(crate) fn workbook_bundle() -> String {
    "le bundle tient ses tables dans un classeur : convertissez-le en CSV (maillage convert BUNDLE DOSSIER) avant d'y fusionner l'enquête".to_owned()
}

pub(crate) fn too_large(file: &str) -> String {
    format!(
        "{file} dépasse la taille d'un questionnaire (attendu : un classeur de moins de 256 Mo)"
    )
}

pub(crate) fn forms_have_errors(n: usize) -> String {
    format!(
        "les questionnaires ont {n} erreur{}, rien n'a été écrit :",
        if n == 1 { "" } else { "s" }
    )
}

pub(crate) fn bundle_has_errors(n: usize) -> String {
    format!(
        "le bundle a {n} erreur{}, à corriger avant l'enquête :",
        if n == 1 { "" } else { "s" }
    )
}

pub(crate) fn cannot_write_form(e: &str) -> String {
    format!("le questionnaire ne peut pas être écrit : {e}")
}

pub(crate) fn cannot_write_relations(e: &str) -> String {
    format!("relations.csv ne peut pas être réécrit : {e}")
}

/// The headers of the report's CSV file.
pub(crate) const REPORT_HEADER: [&str; 4] = ["rubrique", "acteur", "partenaire", "détail"];

/// The report's sections, as its CSV file names them.
pub(crate) const SECTION_NON_RESPONDENT: &str = "sans_réponse";
pub(crate) const SECTION_BOTH: &str = "nommé_des_deux_côtés";
pub(crate) const SECTION_ONE_SIDE: &str = "nommé_d_un_seul_côté";
pub(crate) const SECTION_CONTRADICTION: &str = "contradiction";
pub(crate) const SECTION_CHANGED: &str = "type_modifié";

pub(crate) fn contradiction_no_relation(named_by: &str, denied_by: &str) -> String {
    format!("{named_by} nomme la relation, {denied_by} répond « aucune »")
}

pub(crate) fn contradiction_by_hand(denied_by: &str) -> String {
    format!("une relation saisie à la main existe, {denied_by} répond « aucune » (la relation saisie est gardée)")
}

pub(crate) fn contradiction_mutual_member() -> String {
    "chacun se dit membre de l'autre".to_owned()
}

pub(crate) fn changed_kind(known: &str, answered: &str) -> String {
    format!("connu : {known} ; répondu : {answered} (la relation connue est gardée, la réponse ajoutée)")
}

/// The title lines of the merge's text report.
pub(crate) fn report_counts(
    forms: usize,
    answered: usize,
    added: usize,
    replaced: usize,
    known: usize,
) -> String {
    format!(
        "enquête : {forms} questionnaire{} lu{}, {answered} rempli{}\nrelations ajoutées : {added} (dont {replaced} remplaçant une réponse précédente), relations connues confirmées : {known}\n",
        plural(forms),
        plural(forms),
        plural(answered)
    )
}

pub(crate) fn report_section(title: &str, n: usize) -> String {
    format!("{title} : {n}\n")
}

pub(crate) const TITLE_NON_RESPONDENTS: &str = "sans réponse";
pub(crate) const TITLE_BOTH: &str = "liens nommés des deux côtés";
pub(crate) const TITLE_ONE_SIDE: &str = "liens nommés d'un seul côté (non confirmés)";
pub(crate) const TITLE_CONTRADICTIONS: &str = "contradictions";
pub(crate) const TITLE_CHANGED: &str = "types de relation modifiés";

pub(crate) fn reciprocity_line(both: usize, ties: usize) -> String {
    let rate = if ties == 0 {
        0.0
    } else {
        100.0 * both as f64 / ties as f64
    };
    format!(
        "réciprocité : {both} lien{} sur {ties} nommé{} des deux côtés ({rate:.1} %)\n",
        plural(both),
        plural(both)
    )
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

pub(crate) fn folder_holds_forms(dir: &str, name: &str) -> String {
    format!("{dir} contient déjà le classeur {name} : les questionnaires d'une enquête s'écrivent dans un dossier sans classeur, pour ne jamais écraser un questionnaire rendu")
}
