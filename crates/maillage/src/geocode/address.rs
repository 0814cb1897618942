//! Parsing a postal address as coordinators and national files write it: "12 bis rue
//! Jean Macé, bât. B, 3e étage, 69007 Lyon", "61 AV BERTHELOT 69007 LYON", "BP 139
//! 01300 BELLEY CEDEX".
//!
//! The address is cut into parts at commas and line breaks; the parts and words that
//! are complements of delivery (building, floor, residence, BP, CS, CEDEX, apartment…)
//! are dropped; the postcode is the last five-digit word, the commune the words after
//! it; the house number, its suffix (bis, ter, quater, a letter) and the first number
//! of a range ("12-14" → 12) start the street part.

use super::codes::{arrondissement_of_name, is_code};
use super::normalize::{fold, normalize_city, normalize_street, street_type};

/// The longest address read, in characters: longer text is cut (a spreadsheet cell
/// pasted with a whole letter holds the address in its first lines).
pub const MAX_ADDRESS_CHARS: usize = 500;

/// An address split into what the matching uses.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ParsedAddress {
    /// The house number (the first of a range).
    pub number: Option<u32>,
    /// The number's suffix, folded: "BIS", "TER", "QUATER", "A", "B"…
    pub suffix: Option<String>,
    /// The street or place name, folded with its abbreviations spelt out
    /// ([`normalize_street`]); empty when the address names none.
    pub street: String,
    /// The postcode written in the address, if any.
    pub postcode: Option<String>,
    /// Whether that postcode is a CEDEX code (a mail sorting code, not the commune's
    /// postcode: only its department is trusted).
    pub cedex: bool,
    /// The commune written after the postcode, folded ([`normalize_city`]).
    pub city: Option<String>,
}

/// Words that start a complement of delivery, never part of a street name in an
/// address: what follows them in their part is dropped.
const COMPLEMENTS: &[&str] = &[
    "BATIMENT",
    "BAT",
    "BATT",
    "BT",
    "BLOC",
    "ETAGE",
    "ETG",
    "ESCALIER",
    "ESC",
    "APPARTEMENT",
    "APPART",
    "APPT",
    "APT",
    "APP",
    "LOGEMENT",
    "LGT",
    "PORTE",
    "IMMEUBLE",
    "IMM",
    "RESIDENCE",
    "RES",
    "BP",
    "CS",
    "TSA",
    "CEDEX",
    "CHEZ",
    "HALL",
    "ENTREE",
    "NIVEAU",
    "RDC",
    "SECTEUR",
    "SERVICE",
    "POLE",
    "CASE",
    "BOITE",
];

fn is_complement_word(word: &str) -> bool {
    COMPLEMENTS.contains(&word)
}

/// An ordinal that announces a floor or an apartment: "3E ETAGE", "1ER ETAGE".
fn is_ordinal(word: &str) -> bool {
    let digits = word.bytes().take_while(u8::is_ascii_digit).count();
    digits > 0 && matches!(&word[digits..], "E" | "EME" | "ER" | "ERE")
}

fn is_suffix_word(word: &str) -> bool {
    matches!(word, "BIS" | "TER" | "QUATER" | "QUINQUIES")
}

/// Parses an address (see the module documentation).
///
/// # Example
/// ```
/// use maillage::geocode::parse_address;
/// let a = parse_address("12 bis rue Jean Macé, bât. B, 69007 Lyon");
/// assert_eq!(a.number, Some(12));
/// assert_eq!(a.suffix.as_deref(), Some("BIS"));
/// assert_eq!(a.street, "RUE JEAN MACE");
/// assert_eq!(a.postcode.as_deref(), Some("69007"));
/// assert_eq!(a.city.as_deref(), Some("LYON"));
/// ```
pub fn parse_address(text: &str) -> ParsedAddress {
    let text: String = text
        .chars()
        .take(MAX_ADDRESS_CHARS)
        .map(|c| if c.is_control() && c != '\n' { ' ' } else { c })
        .collect();
    let text = dashes_as_commas(&text);
    let mut out = ParsedAddress::default();
    // parts of folded words, the raw part kept for the number ("12-14" before folding)
    let mut parts: Vec<Vec<String>> = Vec::new();
    for raw in text.split([',', '\n', ';']) {
        let words = number_words(raw);
        if !words.is_empty() {
            parts.push(words);
        }
    }
    // postcode: the last five-digit word; the commune follows it in its part
    'postcode: for p in (0..parts.len()).rev() {
        for w in (0..parts[p].len()).rev() {
            let word = &parts[p][w];
            // a number starting the first part is a house number, not a postcode
            if is_code(word) && !(p == 0 && w == 0 && parts.len() > 1) {
                out.postcode = Some(word.to_ascii_uppercase());
                let after: Vec<String> = parts[p].split_off(w + 1);
                parts[p].pop();
                out.cedex = after.iter().any(|w| w == "CEDEX");
                let city = normalize_city(&after.join(" "));
                if !city.is_empty() {
                    out.city = Some(city);
                }
                if parts[p].is_empty() {
                    parts.remove(p);
                }
                break 'postcode;
            }
        }
    }
    if out.postcode.is_none() && parts.len() > 1 {
        // "12 rue X, Lyon": a last part without a number and with no street type is the commune
        let last = parts.last().map(|p| p.join(" ")).unwrap_or_default();
        let first_word = parts.last().and_then(|p| p.first()).map(String::as_str);
        let arrondissement = arrondissement_of_name(&normalize_city(&last)).is_some();
        if (arrondissement || !last.chars().any(|c| c.is_ascii_digit()))
            && first_word.is_some_and(|w| street_type(w).is_none() && !is_complement_word(w))
        {
            out.city = Some(normalize_city(&last));
            parts.pop();
        }
    }
    out.cedex |= parts.iter().flatten().any(|w| w == "CEDEX");
    // a part that is a number alone ("12, rue X") belongs to the next one
    let mut merged: Vec<Vec<String>> = Vec::new();
    let mut pending: Vec<String> = Vec::new();
    for part in parts {
        let number_only = part.len() <= 2
            && part[0].bytes().next().is_some_and(|b| b.is_ascii_digit())
            && part
                .iter()
                .skip(1)
                .all(|w| is_suffix_word(w) || w.len() == 1);
        if number_only && !is_complement_word(&part[0]) {
            pending.extend(part);
            continue;
        }
        let mut words = std::mem::take(&mut pending);
        words.extend(part);
        merged.push(words);
    }
    if !pending.is_empty() {
        merged.push(pending);
    }
    // the street part: the first one that starts with a number or a street type and is
    // not a complement; else the first that is not a complement
    let cleaned: Vec<Vec<String>> = merged.into_iter().map(drop_complements).collect();
    let starts_with_number =
        |p: &Vec<String>| p.len() > 1 && p[0].bytes().next().is_some_and(|b| b.is_ascii_digit());
    let pick = cleaned
        .iter()
        .position(starts_with_number)
        .or_else(|| {
            cleaned.iter().position(|p| {
                p.first()
                    .is_some_and(|w| street_type(w).is_some_and(|t| t != "RESIDENCE"))
            })
        })
        .or_else(|| cleaned.iter().position(|p| !p.is_empty()));
    let Some(pick) = pick else {
        return out;
    };
    let words = &cleaned[pick];
    let (number, suffix, rest) = split_number(words);
    out.number = number;
    out.suffix = suffix;
    out.street = normalize_street(&rest.join(" "));
    out
}

/// A dash between spaces separates parts as a comma does ("Bâtiment A - 4 rue X"),
/// except after a number, where it makes a range ("12 - 14 rue X").
fn dashes_as_commas(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let dash = matches!(c, '-' | '–' | '—');
        let spaced = text[..i].ends_with(' ') && chars.peek().is_some_and(|&(_, next)| next == ' ');
        let after_number = text[..i]
            .trim_end()
            .chars()
            .last()
            .is_some_and(|p| p.is_ascii_digit());
        if dash && spaced && !after_number {
            out.push(',');
        } else {
            out.push(c);
        }
    }
    out
}

/// Folds a part into words, keeping a range's first number: "12-14" → "12", "12/14"
/// → "12", "12 à 14" → "12"; "N°12" → "12".
fn number_words(raw: &str) -> Vec<String> {
    let folded = fold(raw);
    let mut words: Vec<String> = Vec::new();
    let mut iter = folded.split(' ').filter(|w| !w.is_empty()).peekable();
    let mut first = true;
    while let Some(word) = iter.next() {
        if first
            && matches!(word, "N" | "NO" | "NUM" | "NUMERO")
            && iter
                .peek()
                .is_some_and(|w| w.starts_with(|c: char| c.is_ascii_digit()))
        {
            continue;
        }
        first = false;
        words.push(word.to_owned());
    }
    // drop the second number of a range: "12 14" (from "12-14" or "12/14"), "12 A 14",
    // "12 ET 14", "12 AU 14"
    let all_digits = |w: Option<&String>| w.is_some_and(|w| w.bytes().all(|b| b.is_ascii_digit()));
    if all_digits(words.first()) {
        if all_digits(words.get(1)) && words.len() > 2 {
            words.remove(1);
        } else if matches!(words.get(1).map(String::as_str), Some("A" | "ET" | "AU"))
            && all_digits(words.get(2))
        {
            words.drain(1..3);
        }
    }
    words
}

/// Drops the complements of delivery of a part: from the first complement word (or an
/// ordinal followed by ETAGE) to the end, unless the part starts with it and holds
/// nothing else worth keeping (then the part is empty).
fn drop_complements(words: Vec<String>) -> Vec<String> {
    let cut = (0..words.len()).find(|&i| {
        let w = words[i].as_str();
        if is_complement_word(w) {
            // "RES" and "PORTE" start street names too ("Résidence du Parc" is a BAN
            // voie); they only cut after a street has begun
            return i > 0 || !matches!(w, "RESIDENCE" | "RES" | "PORTE" | "HALL" | "POLE");
        }
        is_ordinal(w)
            && words
                .get(i + 1)
                .is_some_and(|n| matches!(n.as_str(), "ETAGE" | "ETG" | "ESC" | "ESCALIER"))
    });
    match cut {
        Some(i) => words.into_iter().take(i).collect(),
        None => words,
    }
}

/// Splits the house number, its suffix and the rest of the street part.
fn split_number(words: &[String]) -> (Option<u32>, Option<String>, &[String]) {
    let Some(first) = words.first() else {
        return (None, None, words);
    };
    let digits = first.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 5 {
        return (None, None, words);
    }
    let number: Option<u32> = first[..digits].parse().ok();
    let attached = &first[digits..];
    let mut rest = &words[1..];
    let mut suffix = None;
    if !attached.is_empty() {
        if is_suffix_word(attached) || attached.len() == 1 {
            suffix = Some(attached.to_owned());
        } else if is_ordinal(first) {
            return (None, None, words);
        } else {
            // "12BIS2": keep the number, drop the rest
            suffix = None;
        }
    } else if let Some(next) = rest.first() {
        let street_follows = rest.get(1).is_some_and(|w| street_type(w).is_some());
        if is_suffix_word(next)
            || (next.len() == 1
                && next.as_bytes()[0].is_ascii_alphabetic()
                && street_type(next).is_none()
                && street_follows)
        {
            suffix = Some(next.clone());
            rest = &rest[1..];
        }
    }
    (number, suffix, rest)
}

/// The canonical form of a suffix for comparison: "B" and "BIS" are one, as are "T"
/// and "TER", "Q" and "QUATER".
pub fn canonical_suffix(suffix: &str) -> String {
    let folded = fold(suffix);
    match folded.as_str() {
        "B" => "BIS".to_owned(),
        "T" => "TER".to_owned(),
        "Q" => "QUATER".to_owned(),
        _ => folded,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> ParsedAddress {
        parse_address(s)
    }

    #[test]
    fn reads_a_finess_style_address() {
        // covid sites file: LBM Unilians Berthelot
        let a = parse("61 AV BERTHELOT 69007 LYON");
        assert_eq!(a.number, Some(61));
        assert_eq!(a.street, "AVENUE BERTHELOT");
        assert_eq!(a.postcode.as_deref(), Some("69007"));
        assert_eq!(a.city.as_deref(), Some("LYON"));
    }

    #[test]
    fn reads_suffixes_attached_or_apart() {
        // BANO 48: "1BIS" Ancien Chemin Royal, Aumont-Aubrac
        let a = parse("1BIS Ancien Chemin Royal");
        assert_eq!((a.number, a.suffix.as_deref()), (Some(1), Some("BIS")));
        assert_eq!(a.street, "ANCIEN CHEMIN ROYAL");
        let a = parse("3 ter rue du Pont Neuf 48000 Mende");
        assert_eq!((a.number, a.suffix.as_deref()), (Some(3), Some("TER")));
        let a = parse("5 quater avenue Foch");
        assert_eq!(a.suffix.as_deref(), Some("QUATER"));
        let a = parse("12B rue Basse");
        assert_eq!(a.suffix.as_deref(), Some("B"));
        let a = parse("12 t rue Basse");
        assert_eq!(a.suffix.as_deref(), Some("T"));
        assert_eq!(a.street, "RUE BASSE");
        // "1 R DE LA PAIX": the lone R is the street type, not a suffix
        let a = parse("1 R DE LA PAIX");
        assert_eq!(a.suffix, None);
        assert_eq!(a.street, "RUE DE LA PAIX");
        assert_eq!(canonical_suffix("b"), canonical_suffix("bis"));
        assert_eq!(canonical_suffix("Ter"), "TER");
    }

    #[test]
    fn keeps_the_first_number_of_a_range() {
        for text in [
            "12-14 rue Jean Macé",
            "12/14 rue Jean Macé",
            "12 à 14 rue Jean Macé",
            "12 - 14 rue Jean Macé",
        ] {
            let a = parse(text);
            assert_eq!(a.number, Some(12), "{text}");
            assert_eq!(a.street, "RUE JEAN MACE", "{text}");
        }
    }

    #[test]
    fn strips_complements_of_delivery() {
        let a = parse("Résidence Les Tilleuls, Bât. B, 3e étage, 12 rue Jean Macé, 69007 Lyon");
        assert_eq!(a.number, Some(12));
        assert_eq!(a.street, "RUE JEAN MACE");
        let a = parse("12 rue Jean Macé bâtiment B 3e étage 69007 Lyon");
        assert_eq!(a.street, "RUE JEAN MACE");
        let a = parse("12 rue Jean Macé appartement 4 69007 Lyon");
        assert_eq!(a.street, "RUE JEAN MACE");
        // FINESS, CH de Trévoux: "14 R DE L'HOPITAL, BP 615, 01606 TREVOUX CEDEX"
        let a = parse("14 R DE L'HOPITAL BP 615 01606 TREVOUX CEDEX");
        assert_eq!(a.street, "RUE DE L HOPITAL");
        assert_eq!(a.city.as_deref(), Some("TREVOUX"));
        assert!(a.cedex);
        let a = parse("700 AV DE NARVIK, CS 70139, 01300 BELLEY");
        assert_eq!(a.street, "AVENUE DE NARVIK");
        assert!(!a.cedex);
        let a = parse("Résidence du Parc");
        assert_eq!(a.street, "RESIDENCE DU PARC");
        // a complement before a dash (tests/geocode/queries.csv, variant "complement")
        let a = parse("Bâtiment A - 6a Rue Léopold Monestier");
        assert_eq!((a.number, a.suffix.as_deref()), (Some(6), Some("A")));
        assert_eq!(a.street, "RUE LEOPOLD MONESTIER");
        let a = parse("Bâtiment A – 4 Rue du Dix-Neuf Mars 1962");
        assert_eq!(a.street, "RUE DU DIX NEUF MARS 1962");
        let a = parse("6176 Rue de la Cime - CS 40012 48230 ESCLANEDES CEDEX");
        assert_eq!(a.street, "RUE DE LA CIME");
        let a = parse("12 - 14 rue Jean Macé");
        assert_eq!((a.number, a.street.as_str()), (Some(12), "RUE JEAN MACE"));
    }

    #[test]
    fn merges_a_number_written_apart() {
        let a = parse("12, rue Jean Macé, Lyon");
        assert_eq!(a.number, Some(12));
        assert_eq!(a.street, "RUE JEAN MACE");
        assert_eq!(a.city.as_deref(), Some("LYON"));
    }

    #[test]
    fn survives_hostile_text() {
        let long = "rue ".repeat(5000);
        let a = parse(&long);
        assert!(a.street.len() <= MAX_ADDRESS_CHARS);
        let a = parse("\u{0}12\u{7} rue\u{1b}Basse");
        assert_eq!(a.number, Some(12));
        assert_eq!(a.street, "RUE BASSE");
        assert_eq!(parse(""), ParsedAddress::default());
        assert_eq!(parse("99999999999 rue X").number, None);
        let _ = parse("N° - / à ,,, ; 75001");
    }
}
