//! Postcodes versus INSEE codes, and the municipal arrondissements of Paris, Lyon and
//! Marseille: the BAN files their addresses under the arrondissement's INSEE code
//! (69387 for Lyon 7e), the post under a postcode (69007), and other files under the
//! commune (69123).

/// The communes divided into municipal arrondissements: (commune INSEE code, first
/// arrondissement's INSEE code, number of arrondissements, first postcode).
const ARRONDISSEMENTS: [(&str, u32, u32, u32); 3] = [
    ("75056", 75101, 20, 75001),
    ("69123", 69381, 9, 69001),
    ("13055", 13201, 16, 13001),
];

/// Whether `code` looks like an INSEE code or a postcode: five digits, or 2A/2B and
/// three digits (Corsica).
pub fn is_code(code: &str) -> bool {
    let b = code.as_bytes();
    b.len() == 5
        && (b.iter().all(u8::is_ascii_digit)
            || (b[0] == b'2'
                && matches!(b[1], b'A' | b'B' | b'a' | b'b')
                && b[2..].iter().all(u8::is_ascii_digit)))
}

/// The INSEE codes of the arrondissements of a commune code (75056, 69123, 13055);
/// empty for other communes.
///
/// # Example
/// ```
/// use maillage::geocode::arrondissements_of;
/// assert_eq!(arrondissements_of("69123").len(), 9);
/// assert_eq!(arrondissements_of("69123")[6], "69387");
/// assert!(arrondissements_of("48095").is_empty());
/// ```
pub fn arrondissements_of(commune: &str) -> Vec<String> {
    ARRONDISSEMENTS
        .iter()
        .find(|a| a.0 == commune)
        .map(|&(_, first, n, _)| (first..first + n).map(|c| c.to_string()).collect())
        .unwrap_or_default()
}

/// The commune an arrondissement's INSEE code belongs to: 69387 → 69123.
///
/// # Example
/// ```
/// use maillage::geocode::commune_of_arrondissement;
/// assert_eq!(commune_of_arrondissement("69387"), Some("69123"));
/// assert_eq!(commune_of_arrondissement("75120"), Some("75056"));
/// assert_eq!(commune_of_arrondissement("69123"), None);
/// ```
pub fn commune_of_arrondissement(code: &str) -> Option<&'static str> {
    let n: u32 = code.parse().ok()?;
    ARRONDISSEMENTS
        .iter()
        .find(|&&(_, first, count, _)| (first..first + count).contains(&n))
        .map(|a| a.0)
}

/// The arrondissement's INSEE code a postcode of Paris, Lyon or Marseille designates:
/// 69007 → 69387, 75016 and 75116 → 75116, 13001 → 13201.
///
/// # Example
/// ```
/// use maillage::geocode::arrondissement_of_postcode;
/// assert_eq!(arrondissement_of_postcode("69007").as_deref(), Some("69387"));
/// assert_eq!(arrondissement_of_postcode("75116").as_deref(), Some("75116"));
/// assert_eq!(arrondissement_of_postcode("13016").as_deref(), Some("13216"));
/// assert_eq!(arrondissement_of_postcode("48000"), None);
/// ```
pub fn arrondissement_of_postcode(postcode: &str) -> Option<String> {
    if postcode == "75116" {
        return Some("75116".to_owned());
    }
    let n: u32 = postcode.parse().ok()?;
    ARRONDISSEMENTS
        .iter()
        .find_map(|&(_, first, count, first_postcode)| {
            (first_postcode..first_postcode + count)
                .contains(&n)
                .then(|| (first + n - first_postcode).to_string())
        })
}

/// The arrondissement's INSEE code a commune name designates: "Lyon 7e", "LYON 07",
/// "Paris 15e arrondissement", "Marseille 1er" (folded names), with the commune's
/// folded name.
pub fn arrondissement_of_name(folded: &str) -> Option<(String, &'static str)> {
    let mut words = folded.split(' ');
    let city = words.next()?;
    let (commune, first, count) = match city {
        "PARIS" => ("PARIS", 75101, 20),
        "LYON" => ("LYON", 69381, 9),
        "MARSEILLE" => ("MARSEILLE", 13201, 16),
        _ => return None,
    };
    let ordinal = words.next()?;
    let digits: String = ordinal.chars().take_while(char::is_ascii_digit).collect();
    let rest = &ordinal[digits.len()..];
    if !matches!(rest, "" | "E" | "EME" | "ER" | "ERE" | "EMME") {
        return None;
    }
    let n: u32 = digits.parse().ok()?;
    (1..=count)
        .contains(&n)
        .then(|| ((first + n - 1).to_string(), commune))
}

/// The department of a code: its first two characters, or three overseas (971...).
pub fn department(code: &str) -> &str {
    if code.starts_with("97") || code.starts_with("98") {
        code.get(..3).unwrap_or(code)
    } else {
        code.get(..2).unwrap_or(code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_the_three_cities_both_ways() {
        // Lyon 7e: postcode 69007, INSEE 69387, commune 69123 (the BAN's own codes)
        assert_eq!(arrondissement_of_postcode("69007").unwrap(), "69387");
        assert_eq!(commune_of_arrondissement("69387"), Some("69123"));
        assert!(arrondissements_of("69123").contains(&"69387".to_owned()));
        for n in 1..=20 {
            let postcode = format!("750{n:02}");
            let insee = arrondissement_of_postcode(&postcode).unwrap();
            assert_eq!(insee, format!("751{n:02}"));
            assert_eq!(commune_of_arrondissement(&insee), Some("75056"));
        }
        assert_eq!(arrondissement_of_postcode("13016").unwrap(), "13216");
        assert_eq!(arrondissement_of_postcode("13017"), None);
    }

    #[test]
    fn reads_arrondissements_in_commune_names() {
        assert_eq!(
            arrondissement_of_name("LYON 7E"),
            Some(("69387".to_owned(), "LYON"))
        );
        assert_eq!(
            arrondissement_of_name("LYON 07"),
            Some(("69387".to_owned(), "LYON"))
        );
        assert_eq!(
            arrondissement_of_name("PARIS 1ER ARRONDISSEMENT"),
            Some(("75101".to_owned(), "PARIS"))
        );
        assert_eq!(arrondissement_of_name("LYON 10E"), None);
        assert_eq!(arrondissement_of_name("LYON"), None);
        assert_eq!(arrondissement_of_name("MENDE 2"), None);
    }

    #[test]
    fn knows_corsican_codes() {
        assert!(is_code("2A004"));
        assert!(is_code("48095"));
        assert!(!is_code("4809"));
        assert!(!is_code("48O95"));
        assert_eq!(department("97105"), "971");
        assert_eq!(department("48095"), "48");
    }
}
