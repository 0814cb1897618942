//! Folding of street and commune names to a comparable form, and the trigram
//! similarity the fuzzy matching uses.
//!
//! A name is folded to upper-case ASCII words: accents dropped ("Macé" → "MACE"),
//! ligatures spelt out ("Œuvre" → "OEUVRE"), apostrophes, hyphens and every other
//! punctuation turned into spaces ("L'Église" → "L EGLISE", "Saint-Jean" → "SAINT
//! JEAN"). Then the abbreviations of street types that postal addresses and FINESS
//! use are spelt out on the first word ("BD" → "BOULEVARD", "R" → "RUE"), and the
//! abbreviations of titles anywhere ("ST" → "SAINT", "GAL" → "GENERAL").

use unicode_normalization::UnicodeNormalization;

/// Folds a name to upper-case ASCII words separated by single spaces.
///
/// # Example
/// ```
/// use maillage::geocode::fold;
/// assert_eq!(fold("Rue de l'Église"), "RUE DE L EGLISE");
/// assert_eq!(fold("  Cœur-de-Ville\t"), "COEUR DE VILLE");
/// ```
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = true;
    let mut push = |c: char, out: &mut String| {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_uppercase());
            space = false;
        } else if !space {
            out.push(' ');
            space = true;
        }
    };
    for c in text.chars() {
        if c.is_ascii() {
            push(c, &mut out);
            continue;
        }
        match c {
            'œ' | 'Œ' => "OE".chars().for_each(|c| push(c, &mut out)),
            'æ' | 'Æ' => "AE".chars().for_each(|c| push(c, &mut out)),
            'ß' => "SS".chars().for_each(|c| push(c, &mut out)),
            _ => {
                // decomposes "é" into "e" and a combining accent, which is dropped
                for d in std::iter::once(c).nfd() {
                    if d.is_ascii() {
                        push(d, &mut out);
                    } else if !unicode_normalization::char::is_combining_mark(d) {
                        push(' ', &mut out);
                    }
                }
            }
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// Street types as written in full, with the abbreviations met in postal addresses,
/// FINESS (`typvoie`) and the AFNOR forms of the BAN (`nom_afnor`).
const STREET_TYPES: &[(&str, &[&str])] = &[
    ("RUE", &["R", "RU"]),
    ("AVENUE", &["AV", "AVE", "AVEN", "AVN"]),
    ("BOULEVARD", &["BD", "BLD", "BVD", "BOUL", "BLVD"]),
    ("PLACE", &["PL", "PLA"]),
    ("CHEMIN", &["CHEM", "CHE", "CH", "CHMN"]),
    ("IMPASSE", &["IMP"]),
    ("ALLEE", &["ALL", "AL", "ALLE"]),
    ("ALLEES", &["ALLS"]),
    ("COURS", &["CRS", "CR"]),
    ("QUAI", &["QU", "QUA", "QAI"]),
    ("ROUTE", &["RTE", "RT"]),
    ("FAUBOURG", &["FG", "FBG", "FAUB"]),
    ("SQUARE", &["SQ", "SQR"]),
    ("PASSAGE", &["PAS", "PASS", "PSG"]),
    ("PROMENADE", &["PROM", "PRM"]),
    ("LOTISSEMENT", &["LOT", "LOTIS"]),
    ("RESIDENCE", &["RES", "RESID"]),
    ("HAMEAU", &["HAM", "HAMX"]),
    ("LIEU DIT", &["LD", "LIEUDIT"]),
    ("MONTEE", &["MTE"]),
    ("TRAVERSE", &["TRA", "TRAV", "TSSE"]),
    ("VILLA", &["VLA", "VILL"]),
    ("CITE", &["CTE"]),
    ("ESPLANADE", &["ESP", "ESPL"]),
    ("ROND POINT", &["RPT", "RDPT"]),
    ("SENTIER", &["SEN", "SENT"]),
    ("CHAUSSEE", &["CHS", "CHAU"]),
    ("CARREFOUR", &["CAR", "CARR", "CRF"]),
    ("PARVIS", &["PRV"]),
    ("RUELLE", &["RLE"]),
    ("VOIE", &["VOI"]),
    ("ZONE INDUSTRIELLE", &["ZI"]),
    ("ZONE ARTISANALE", &["ZA"]),
    ("ZONE D ACTIVITES", &["ZAE"]),
    ("GRANDE", &["GR", "GDE"]),
    ("PORTE", &["PTE"]),
    ("PONT", &["PNT"]),
    ("DOMAINE", &["DOM"]),
    ("CLOS", &["CLO"]),
    ("COUR", &["CO"]),
    ("QUARTIER", &["QRT"]),
];

/// Abbreviated titles and words, spelt out wherever they stand in a name.
const WORDS: &[(&str, &str)] = &[
    ("ST", "SAINT"),
    ("STE", "SAINTE"),
    ("STS", "SAINTS"),
    ("STES", "SAINTES"),
    ("DR", "DOCTEUR"),
    ("GAL", "GENERAL"),
    ("GEN", "GENERAL"),
    ("MAL", "MARECHAL"),
    ("PDT", "PRESIDENT"),
    ("PROF", "PROFESSEUR"),
    ("CDT", "COMMANDANT"),
    ("CNE", "CAPITAINE"),
    ("LT", "LIEUTENANT"),
    ("MGR", "MONSEIGNEUR"),
    ("ND", "NOTRE DAME"),
];

/// The full form of a street type written as `word` (already folded), if it is one.
///
/// # Example
/// ```
/// use maillage::geocode::street_type;
/// assert_eq!(street_type("BD"), Some("BOULEVARD"));
/// assert_eq!(street_type("RUE"), Some("RUE"));
/// assert_eq!(street_type("JEAN"), None);
/// ```
pub fn street_type(word: &str) -> Option<&'static str> {
    STREET_TYPES
        .iter()
        .find(|(full, abbreviations)| *full == word || abbreviations.contains(&word))
        .map(|(full, _)| *full)
}

/// Folds a street name and spells out its abbreviations: the street type on the first
/// word, titles anywhere ("ST" → "SAINT").
///
/// # Example
/// ```
/// use maillage::geocode::normalize_street;
/// assert_eq!(normalize_street("bd des Belges"), "BOULEVARD DES BELGES");
/// assert_eq!(normalize_street("R. St-Jean"), "RUE SAINT JEAN");
/// assert_eq!(normalize_street("AV DU GAL LECLERC"), "AVENUE DU GENERAL LECLERC");
/// ```
pub fn normalize_street(name: &str) -> String {
    let folded = fold(name);
    let words: Vec<&str> = folded.split(' ').filter(|w| !w.is_empty()).collect();
    let mut out = String::with_capacity(folded.len() + 8);
    for (i, word) in words.iter().enumerate() {
        let full = if i == 0 && words.len() > 1 {
            street_type(word)
        } else {
            None
        }
        .or_else(|| WORDS.iter().find(|(a, _)| a == word).map(|(_, f)| *f));
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(full.unwrap_or(word));
    }
    out
}

/// Folds a commune name: "St-Chély-d'Apcher" → "SAINT CHELY D APCHER"; "CEDEX" and
/// what follows it are dropped.
///
/// # Example
/// ```
/// use maillage::geocode::normalize_city;
/// assert_eq!(normalize_city("St-Chély-d'Apcher"), "SAINT CHELY D APCHER");
/// assert_eq!(normalize_city("TREVOUX CEDEX"), "TREVOUX");
/// ```
pub fn normalize_city(name: &str) -> String {
    let folded = fold(name);
    let mut out = String::with_capacity(folded.len());
    for word in folded.split(' ').filter(|w| !w.is_empty()) {
        if word == "CEDEX" {
            break;
        }
        let full = WORDS
            .iter()
            .find(|(a, _)| *a == word)
            .map_or(word, |(_, f)| *f);
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(full);
    }
    out
}

/// The trigrams of a folded name, as sorted, deduplicated integers: each word is
/// padded with two spaces before and one after, as PostgreSQL's `pg_trgm` does, so
/// that short words and word starts weigh.
pub fn trigrams(folded: &str) -> Vec<u32> {
    let mut out = Vec::with_capacity(folded.len() + 4);
    for word in folded.split(' ').filter(|w| !w.is_empty()) {
        let bytes: Vec<u8> = [b' ', b' ']
            .into_iter()
            .chain(word.bytes())
            .chain([b' '])
            .collect();
        for w in bytes.windows(3) {
            out.push(u32::from(w[0]) << 16 | u32::from(w[1]) << 8 | u32::from(w[2]));
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// Jaccard similarity of two sorted trigram sets: shared trigrams over all trigrams,
/// from 0 (nothing shared) to 1 (the same set).
///
/// # Example
/// ```
/// use maillage::geocode::{similarity, trigrams};
/// let a = trigrams("RUE JEAN MACE");
/// assert_eq!(similarity(&a, &a), 1.0);
/// assert!(similarity(&a, &trigrams("RUE JEAN MACAI")) > 0.6);
/// assert!(similarity(&a, &trigrams("AVENUE BERTHELOT")) < 0.2);
/// ```
pub fn similarity(a: &[u32], b: &[u32]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let (mut i, mut j, mut shared) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    shared as f64 / (a.len() + b.len() - shared) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_accents_apostrophes_and_hyphens() {
        // BANO 48: "Rue de l'Épine", Florac; "Saint-Chély-d'Apcher"
        assert_eq!(fold("Rue de l'Épine"), "RUE DE L EPINE");
        assert_eq!(fold("Saint-Chély-d’Apcher"), "SAINT CHELY D APCHER");
        assert_eq!(fold("Lyon 7e Arrondissement"), "LYON 7E ARRONDISSEMENT");
        assert_eq!(fold("\u{0}\u{7}rue\u{1b}x"), "RUE X");
        assert_eq!(fold(""), "");
    }

    #[test]
    fn spells_out_street_types_only_on_the_first_word() {
        // FINESS typvoie "R" + voie "DE L'HOPITAL" (CH de Trévoux, 01)
        assert_eq!(normalize_street("R DE L'HOPITAL"), "RUE DE L HOPITAL");
        // a lone "R" is a name, not a type
        assert_eq!(normalize_street("R"), "R");
        assert_eq!(normalize_street("Place R Lafont"), "PLACE R LAFONT");
        assert_eq!(normalize_street("CHEM DES VIGNES"), "CHEMIN DES VIGNES");
        assert_eq!(normalize_street("imp. du Lavoir"), "IMPASSE DU LAVOIR");
        assert_eq!(normalize_street("all des Acacias"), "ALLEE DES ACACIAS");
        assert_eq!(normalize_street("crs Gambetta"), "COURS GAMBETTA");
        assert_eq!(normalize_street("qu de Berlin"), "QUAI DE BERLIN");
        assert_eq!(normalize_street("rte de Paris"), "ROUTE DE PARIS");
        assert_eq!(normalize_street("fg Montbernard"), "FAUBOURG MONTBERNARD");
        assert_eq!(normalize_street("sq des Lilas"), "SQUARE DES LILAS");
        assert_eq!(normalize_street("av Ste Thérèse"), "AVENUE SAINTE THERESE");
    }

    #[test]
    fn trigram_similarity_is_symmetric_and_bounded() {
        let a = trigrams("BOULEVARD DES BELGES");
        let b = trigrams("BOULEVARD BELGES");
        assert_eq!(similarity(&a, &b), similarity(&b, &a));
        assert!(similarity(&a, &b) > 0.5 && similarity(&a, &b) < 1.0);
        assert_eq!(similarity(&[], &a), 0.0);
    }
}
