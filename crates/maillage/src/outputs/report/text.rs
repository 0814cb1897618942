//! Text of the report: escaping of user text, and numbers and dates written the French
//! way. Every piece of text the report writes goes through these helpers.

use crate::model::Date;

/// Narrow no-break space (U+202F): the French thousands separator, and the space before
/// `%`.
pub const THIN_SPACE: char = '\u{202F}';

/// Escapes text for HTML and SVG, in element content and in quoted attributes alike:
/// `&`, `<`, `>`, `"` and `'` become entities that both HTML5 and XML know.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A number written the French way: `decimals` decimals after a decimal comma,
/// thousands grouped by a narrow no-break space (U+202F), a true minus sign (U+2212);
/// `—` for a value that is not finite. A value that rounds to zero has no sign.
pub fn french_number(x: f64, decimals: usize) -> String {
    if !x.is_finite() {
        return "—".to_owned();
    }
    let written = format!("{:.decimals$}", x.abs());
    let (integer, fraction) = match written.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (written.as_str(), None),
    };
    let negative = x < 0.0 && written.bytes().any(|b| (b'1'..=b'9').contains(&b));
    let mut out = String::with_capacity(written.len() + 8);
    if negative {
        out.push('\u{2212}');
    }
    let digits = integer.len();
    for (i, c) in integer.chars().enumerate() {
        if i > 0 && (digits - i) % 3 == 0 {
            out.push(THIN_SPACE);
        }
        out.push(c);
    }
    if let Some(f) = fraction {
        out.push(',');
        out.push_str(f);
    }
    out
}

/// A number as `lang` writes it: [`french_number`] in French; in English a decimal
/// point, thousands grouped by commas, the same minus sign.
pub fn number_in(lang: crate::lang::Lang, x: f64, decimals: usize) -> String {
    let french = french_number(x, decimals);
    match lang {
        crate::lang::Lang::Fr => french,
        crate::lang::Lang::En => french
            .chars()
            .map(|c| match c {
                ',' => '.',
                THIN_SPACE => ',',
                c => c,
            })
            .collect(),
    }
}

/// A count written the French way (thousands grouped).
pub fn french_count(n: usize) -> String {
    french_number(n as f64, 0)
}

/// A share (0 to 1) as a French percentage with `decimals` decimals: `93,7 %`.
pub fn french_percent(share: f64, decimals: usize) -> String {
    format!("{}{THIN_SPACE}%", french_number(share * 100.0, decimals))
}

/// A date written in French: `30 juin 2024` (`1er` for the first of the month).
pub fn french_date(date: Date) -> String {
    const MONTHS: [&str; 12] = [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ];
    let month = MONTHS[usize::from(date.month().clamp(1, 12)) - 1];
    let day = match date.day() {
        1 => "1er".to_owned(),
        d => d.to_string(),
    };
    format!("{day} {month} {}", date.year())
}

/// The fewest decimals (at least `min`, at most 3) that keep distinct values distinct
/// once written, for legends whose bounds must not read alike.
pub(crate) fn decimals_for(values: &[f64], min: usize) -> usize {
    let mut distinct: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
    distinct.sort_by(f64::total_cmp);
    distinct.dedup();
    (min..=3)
        .find(|&d| {
            let mut written: Vec<String> = distinct.iter().map(|&v| french_number(v, d)).collect();
            written.dedup();
            written.len() == distinct.len()
        })
        .unwrap_or(3)
}

/// Yes or no, in French.
pub(crate) fn yes_no(b: bool) -> &'static str {
    if b {
        "oui"
    } else {
        "non"
    }
}

/// French plural of a count and a noun: `1 acteur`, `3 acteurs`, `0 acteur`.
pub(crate) fn count_of(n: usize, singular: &str, plural: &str) -> String {
    format!(
        "{} {}",
        french_count(n),
        if n > 1 { plural } else { singular }
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_thousands_only_in_the_integer_part() {
        assert_eq!(french_number(999.5, 1), "999,5");
        assert_eq!(french_number(1000.0, 0), "1\u{202F}000");
        assert_eq!(french_number(0.12345, 4), "0,1235");
        assert_eq!(french_number(-1234.5, 1), "\u{2212}1\u{202F}234,5");
    }

    #[test]
    fn keeps_distinct_bounds_distinct() {
        assert_eq!(decimals_for(&[0.0, 2.1, 4.6], 1), 1);
        assert_eq!(decimals_for(&[2.11, 2.14], 1), 2);
        assert_eq!(decimals_for(&[3.0, 10.0], 0), 0);
    }

    #[test]
    fn writes_as_the_french_read() {
        assert_eq!(
            escape(r#"<b>Tom & "Jo's"</b>"#),
            "&lt;b&gt;Tom &amp; &quot;Jo&#39;s&quot;&lt;/b&gt;"
        );
        assert_eq!(french_number(75746.0, 0), "75\u{202F}746");
        assert_eq!(french_number(1234567.891, 2), "1\u{202F}234\u{202F}567,89");
        assert_eq!(french_number(-0.354, 2), "\u{2212}0,35");
        assert_eq!(french_number(-0.001, 2), "0,00");
        assert_eq!(french_number(f64::NAN, 1), "—");
        assert_eq!(french_count(1500), "1\u{202F}500");
        assert_eq!(french_percent(0.9369, 1), "93,7\u{202F}%");
        assert_eq!(french_date("2024-06-30".parse().unwrap()), "30 juin 2024");
        assert_eq!(
            french_date("2023-01-01".parse().unwrap()),
            "1er janvier 2023"
        );
    }

    #[test]
    fn writes_numbers_in_each_language() {
        use crate::lang::Lang;
        assert_eq!(number_in(Lang::Fr, 1234.5, 1), "1\u{202F}234,5");
        assert_eq!(number_in(Lang::En, 1234.5, 1), "1,234.5");
        assert_eq!(number_in(Lang::En, -0.25, 2), "\u{2212}0.25");
    }

    #[test]
    fn writes_plurals() {
        assert_eq!(count_of(1, "acteur", "acteurs"), "1 acteur");
        assert_eq!(count_of(0, "acteur", "acteurs"), "0 acteur");
        assert_eq!(count_of(2, "acteur", "acteurs"), "2 acteurs");
    }
}
