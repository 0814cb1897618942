//! The taxonomy of actors: kinds, their default sector and family, and the labels users
//! read. The built-in table (docs/taxonomy.md) ships as `data/taxonomy.toml`; a bundle
//! extends it from its manifest.

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};

/// The built-in taxonomy file, read by [`Taxonomy::builtin`].
pub const BUILTIN_TAXONOMY: &str = include_str!("../../data/taxonomy.toml");

/// A sector: the group used by default for E-I index, mixing and brokerage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Sector {
    /// French label shown to users.
    pub label: String,
    /// What the sector groups (English, for documentation).
    #[serde(default)]
    pub description: String,
}

/// A family: what sort of thing an actor is (one person, a place, a scheme...).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Family {
    /// French label.
    pub label: String,
}

/// A kind of actor (`medecin_generaliste`, `cmp`, `cpts`...).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Kind {
    /// French label.
    pub label: String,
    /// Default sector id.
    pub sector: String,
    /// Family id.
    pub family: String,
}

/// A relation kind of the bundle format, with its French label.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RelationKindLabel {
    /// French label.
    pub label: String,
}

/// Kinds, sectors, families and relation-kind labels, in the order of their file.
///
/// # Example
/// ```
/// use maillage::model::Taxonomy;
/// let t = Taxonomy::builtin();
/// let cmp = t.kind("cmp").unwrap();
/// assert_eq!(cmp.sector, "hospital");
/// assert_eq!(t.sector("hospital").unwrap().label, "Établissements de santé");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Taxonomy {
    /// Sectors by id.
    pub sectors: IndexMap<String, Sector>,
    /// Families by id.
    pub families: IndexMap<String, Family>,
    /// Kinds by id.
    pub kinds: IndexMap<String, Kind>,
    /// Labels of the relation kinds by id.
    pub relation_kinds: IndexMap<String, RelationKindLabel>,
}

impl Taxonomy {
    /// The built-in taxonomy of docs/taxonomy.md.
    pub fn builtin() -> Self {
        // The file is part of the crate and checked by the tests below: a failure here is
        // a build defect, not a user error.
        toml::from_str(BUILTIN_TAXONOMY).expect("the built-in taxonomy file is valid")
    }

    /// The kind of this id.
    pub fn kind(&self, id: &str) -> Option<&Kind> {
        self.kinds.get(id)
    }

    /// The sector of this id.
    pub fn sector(&self, id: &str) -> Option<&Sector> {
        self.sectors.get(id)
    }

    /// The family of this id.
    pub fn family(&self, id: &str) -> Option<&Family> {
        self.families.get(id)
    }

    /// Known kinds closest to an unknown one, best first, for error messages.
    ///
    /// # Example
    /// ```
    /// use maillage::model::Taxonomy;
    /// let t = Taxonomy::builtin();
    /// assert_eq!(t.closest_kinds("generaliste", 1), vec!["medecin_generaliste"]);
    /// ```
    pub fn closest_kinds(&self, unknown: &str, n: usize) -> Vec<&str> {
        closest(unknown, self.kinds.keys().map(String::as_str), n)
    }
}

/// The `n` candidates closest to `word`: first those that contain it or that it
/// contains (by length difference), then the others by edit distance; ties broken by
/// candidate order.
pub(crate) fn closest<'a>(
    word: &str,
    candidates: impl Iterator<Item = &'a str>,
    n: usize,
) -> Vec<&'a str> {
    let w = crate::model::normalize_theme(word).replace([' ', '-'], "_");
    let mut scored: Vec<((u8, usize), usize, &str)> = candidates
        .enumerate()
        .map(|(i, c)| {
            let contains = !w.is_empty() && (c.contains(&w) || w.contains(c));
            let d = if contains {
                (0, c.len().abs_diff(w.len()))
            } else {
                (1, edit_distance(&w, c))
            };
            (d, i, c)
        })
        .collect();
    scored.sort();
    scored.into_iter().take(n).map(|(_, _, c)| c).collect()
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, &cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every kind of docs/taxonomy.md v1, with its sector and family.
    const SPEC_KINDS: &[(&str, &str, &str)] = &[
        ("medecin_generaliste", "ambulatory", "professional"),
        ("medecin_specialiste", "ambulatory", "professional"),
        ("pediatre", "ambulatory", "professional"),
        ("psychiatre", "ambulatory", "professional"),
        ("infirmier", "ambulatory", "professional"),
        ("masseur_kinesitherapeute", "ambulatory", "professional"),
        ("orthophoniste", "ambulatory", "professional"),
        ("orthoptiste", "ambulatory", "professional"),
        ("sage_femme", "ambulatory", "professional"),
        ("chirurgien_dentiste", "ambulatory", "professional"),
        ("pharmacien", "ambulatory", "professional"),
        ("psychologue", "ambulatory", "professional"),
        ("dieteticien", "ambulatory", "professional"),
        ("podologue", "ambulatory", "professional"),
        ("ergotherapeute", "ambulatory", "professional"),
        ("psychomotricien", "ambulatory", "professional"),
        ("enseignant_apa", "associative", "professional"),
        ("mediateur_sante", "social", "professional"),
        ("travailleur_social", "social", "professional"),
        ("coordinateur", "coordination", "professional"),
        ("pharmacie", "ambulatory", "structure"),
        ("msp", "ambulatory", "structure"),
        ("centre_de_sante", "ambulatory", "structure"),
        ("laboratoire", "ambulatory", "structure"),
        ("centre_hospitalier", "hospital", "structure"),
        ("chs", "hospital", "structure"),
        ("clinique", "hospital", "structure"),
        ("cmp", "hospital", "structure"),
        ("cmp_enfants", "hospital", "structure"),
        ("pmi", "medico_social", "structure"),
        ("ehpad", "medico_social", "structure"),
        ("ssiad", "medico_social", "structure"),
        ("esms_handicap", "medico_social", "structure"),
        ("ccas", "social", "structure"),
        ("centre_social", "social", "structure"),
        ("mission_locale", "social", "structure"),
        ("maison_des_solidarites", "social", "structure"),
        ("ecole", "education", "structure"),
        ("college", "education", "structure"),
        ("creche", "education", "structure"),
        ("bibliotheque", "education", "structure"),
        ("association", "associative", "association"),
        ("codes", "associative", "association"),
        ("planning_familial", "associative", "association"),
        ("association_patients", "population", "association"),
        ("mutuelle", "associative", "association"),
        ("ars", "institution", "institution"),
        ("cpam", "institution", "institution"),
        ("commune", "institution", "institution"),
        ("epci", "institution", "institution"),
        ("departement", "institution", "institution"),
        ("prefecture", "institution", "institution"),
        ("education_nationale", "institution", "institution"),
        ("cpts", "coordination", "dispositif"),
        ("asv", "coordination", "dispositif"),
        ("clsm", "coordination", "dispositif"),
        ("cls", "coordination", "dispositif"),
        ("clspd", "coordination", "dispositif"),
        ("dac", "coordination", "dispositif"),
        ("cite_educative", "coordination", "dispositif"),
        ("pcaet", "coordination", "dispositif"),
        ("groupe_de_travail", "coordination", "working_group"),
        ("habitants", "population", "population"),
        ("elu", "institution", "professional"),
    ];

    #[test]
    fn builtin_has_every_kind_of_the_spec_with_its_sector_and_family() {
        let t = Taxonomy::builtin();
        assert_eq!(t.kinds.len(), SPEC_KINDS.len());
        for (id, sector, family) in SPEC_KINDS {
            let k = t.kind(id).unwrap_or_else(|| panic!("kind {id} missing"));
            assert_eq!(&k.sector, sector, "sector of {id}");
            assert_eq!(&k.family, family, "family of {id}");
            assert!(!k.label.is_empty());
        }
    }

    #[test]
    fn builtin_kinds_refer_to_known_sectors_and_families() {
        let t = Taxonomy::builtin();
        assert_eq!(t.sectors.len(), 9);
        assert_eq!(t.families.len(), 7);
        for (id, k) in &t.kinds {
            assert!(t.sector(&k.sector).is_some(), "{id}");
            assert!(t.family(&k.family).is_some(), "{id}");
        }
    }

    #[test]
    fn builtin_labels_are_french() {
        let t = Taxonomy::builtin();
        assert_eq!(
            t.kind("pmi").unwrap().label,
            "Protection maternelle et infantile"
        );
        assert_eq!(t.kind("infirmier").unwrap().label, "Infirmier·e");
        assert_eq!(t.relation_kinds.len(), 8);
    }

    #[test]
    fn suggests_close_kinds() {
        let t = Taxonomy::builtin();
        assert_eq!(t.closest_kinds("pharmacy", 1), vec!["pharmacie"]);
        assert_eq!(t.closest_kinds("Orthophonist", 1), vec!["orthophoniste"]);
        assert_eq!(t.closest_kinds("cmp-enfants", 1), vec!["cmp_enfants"]);
    }
}
