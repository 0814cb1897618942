//! Themes: free words that coordinators write by hand (`santé mentale`, `Sante mentale`),
//! compared without case, accents or extra spaces.

use serde::Serialize;
use unicode_normalization::UnicodeNormalization;

/// A theme as written in the bundle, with its comparison key.
///
/// # Example
/// ```
/// use maillage::model::Theme;
/// assert_eq!(Theme::new("Santé  Mentale").key(), Theme::new("sante mentale").key());
/// assert_eq!(Theme::new("Santé  Mentale").label(), "Santé  Mentale");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Theme {
    key: String,
    label: String,
}

impl Theme {
    /// A theme from its written form (trimmed).
    pub fn new(label: &str) -> Self {
        let label = label.trim().to_owned();
        Self {
            key: normalize_theme(&label),
            label,
        }
    }

    /// The comparison key: lower case, no accents, single spaces.
    pub fn key(&self) -> &str {
        &self.key
    }

    /// The theme as first written.
    pub fn label(&self) -> &str {
        &self.label
    }
}

/// The comparison key of a theme: accents removed (Unicode NFD, combining marks
/// dropped), ligatures œ/æ spelt out, lower case, typographic apostrophes and dashes
/// made plain, runs of spaces collapsed.
///
/// # Example
/// ```
/// use maillage::model::normalize_theme;
/// assert_eq!(normalize_theme(" Santé   MENTALE "), "sante mentale");
/// assert_eq!(normalize_theme("Cœur d’enfant"), "coeur d'enfant");
/// ```
pub fn normalize_theme(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.nfd() {
        if unicode_normalization::char::is_combining_mark(c) {
            continue;
        }
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        match c {
            'œ' | 'Œ' => out.push_str("oe"),
            'æ' | 'Æ' => out.push_str("ae"),
            '’' | '‘' | 'ʼ' => out.push('\''),
            '‐' | '‑' | '‒' | '–' | '—' => out.push('-'),
            c => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// Splits a `|`-separated cell into themes, dropping empty items and duplicates
/// (by key, keeping the first spelling).
pub fn split_themes(cell: &str) -> Vec<Theme> {
    let mut themes: Vec<Theme> = Vec::new();
    for item in cell.split('|') {
        let theme = Theme::new(item);
        if !theme.key.is_empty() && !themes.iter().any(|t| t.key == theme.key) {
            themes.push(theme);
        }
    }
    themes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_accents_and_spaces() {
        let same = [
            "santé mentale",
            "Santé Mentale",
            "SANTE MENTALE",
            "sante\tmentale",
            "  santé  mentale ",
            "sante\u{0301} mentale", // decomposed accent
        ];
        for s in same {
            assert_eq!(normalize_theme(s), "sante mentale", "{s:?}");
        }
    }

    #[test]
    fn keeps_distinct_themes_apart() {
        assert_ne!(normalize_theme("diabète"), normalize_theme("obésité"));
        assert_eq!(
            normalize_theme("Éducation à la santé"),
            "education a la sante"
        );
        assert_eq!(normalize_theme("Petite-enfance"), "petite-enfance");
    }

    #[test]
    fn splits_and_deduplicates_cells() {
        let t = split_themes("Diabète| diabete |obésité||");
        assert_eq!(t.len(), 2);
        assert_eq!(t[0].label(), "Diabète");
        assert_eq!(t[1].key(), "obesite");
        assert!(split_themes("").is_empty());
    }
}
