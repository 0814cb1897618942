//! Referral pathways as the territory defines them (docs/analyses.md §5): the two the
//! source documents name, and the manifest's own (`[pathways.NAME]`).

use super::Theme;
use serde::Serialize;

/// What a pathway is: the referrals that count for it, where it starts and where it
/// should lead.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PathwayDefinition {
    /// Its name, shown in the tables and the report (French).
    pub name: String,
    /// A referral counts for the pathway when it has no theme or shares one of these;
    /// empty: every referral counts.
    pub themes: Vec<Theme>,
    /// Kinds of the actors where people first come (PMI, crèche, school, GP).
    pub entry_kinds: Vec<String>,
    /// Kinds of the specialised care the pathway should reach.
    pub specialised_kinds: Vec<String>,
}

impl PathwayDefinition {
    pub(crate) fn new(name: &str, themes: &[&str], entry: &[&str], specialised: &[&str]) -> Self {
        let owned = |kinds: &[&str]| kinds.iter().map(|k| (*k).to_owned()).collect();
        Self {
            name: name.to_owned(),
            themes: themes.iter().map(|t| Theme::new(t)).collect(),
            entry_kinds: owned(entry),
            specialised_kinds: owned(specialised),
        }
    }

    /// Whether a referral with `themes` counts for this pathway.
    pub fn counts(&self, themes: &[Theme]) -> bool {
        self.themes.is_empty()
            || themes.is_empty()
            || themes
                .iter()
                .any(|t| self.themes.iter().any(|p| p.key() == t.key()))
    }
}

/// The pathways the diagnosis follows: the two the source documents name, the
/// children's language (PMI, crèches, schools, GPs and paediatricians towards
/// orthophonistes) and mental health (first-line actors towards the CMP and
/// psychiatry).
///
/// # Example
/// ```
/// let names: Vec<String> = maillage::network::default_pathways().into_iter().map(|p| p.name).collect();
/// assert_eq!(names, ["langage de l'enfant", "santé mentale"]);
/// ```
pub fn default_pathways() -> Vec<PathwayDefinition> {
    vec![
        PathwayDefinition::new(
            "langage de l'enfant",
            &["langage", "orthophonie", "petite enfance"],
            &["pmi", "creche", "ecole", "medecin_generaliste", "pediatre"],
            &["orthophoniste"],
        ),
        PathwayDefinition::new(
            "santé mentale",
            &["santé mentale", "psychiatrie", "souffrance psychique"],
            &[
                "medecin_generaliste",
                "pediatre",
                "pmi",
                "ecole",
                "college",
                "ccas",
                "centre_social",
                "maison_des_solidarites",
                "mission_locale",
            ],
            &["cmp", "cmp_enfants", "psychiatre", "chs"],
        ),
    ]
}
