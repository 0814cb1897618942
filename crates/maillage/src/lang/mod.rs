//! The languages of the messages, French first, and the one catalogue of every
//! message a person reads: problems, errors, reports and the command's words.
//!
//! A message is a [`Message`]: a key of the catalogue ([`Msg`]) and its named
//! arguments, rendered when it is shown, in a language given explicitly
//! ([`Message::render`]) or in the process's current language ([`language`], French
//! unless [`set_language`] chose otherwise). Programs keep reacting to the stable
//! codes (`ProblemCode`), which never change with the language.
//!
//! # Example
//! ```
//! use maillage::lang::{Lang, Message, Msg};
//! let message = maillage::msg!(EmptyValue, expected = maillage::msg!(ExpectedAnId));
//! assert_eq!(message.key(), Msg::EmptyValue);
//! assert_eq!(message.render(Lang::Fr), "valeur vide (attendu : un identifiant)");
//! assert_eq!(message.render(Lang::En), "empty value (expected an id)");
//! ```

use serde::{Serialize, Serializer};
use std::fmt;
use std::sync::atomic::{AtomicU8, Ordering};

mod catalogue;
pub use catalogue::Msg;

/// A language of the messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum Lang {
    /// French, the default: the coordinators who read the messages read French.
    #[default]
    Fr,
    /// English.
    En,
}

impl Lang {
    /// Both languages, French first.
    pub const ALL: [Lang; 2] = [Lang::Fr, Lang::En];

    /// `"fr"` or `"en"`.
    pub fn code(self) -> &'static str {
        match self {
            Self::Fr => "fr",
            Self::En => "en",
        }
    }

    /// The language a locale name asks for: `en`, `en_US.UTF-8`... → English; `fr`,
    /// `fr_FR.UTF-8`... → French; anything else (`C`, `POSIX`, another language) →
    /// `None`, left to the caller (French first).
    ///
    /// # Example
    /// ```
    /// use maillage::lang::Lang;
    /// assert_eq!(Lang::from_locale("en_GB.UTF-8"), Some(Lang::En));
    /// assert_eq!(Lang::from_locale("fr_FR"), Some(Lang::Fr));
    /// assert_eq!(Lang::from_locale("C.UTF-8"), None);
    /// ```
    pub fn from_locale(locale: &str) -> Option<Lang> {
        let locale = locale.trim().to_ascii_lowercase();
        if locale.starts_with("en") {
            Some(Lang::En)
        } else if locale.starts_with("fr") {
            Some(Lang::Fr)
        } else {
            None
        }
    }

    /// The language the environment asks for, with the precedence of POSIX locales:
    /// the first of `LC_ALL`, `LC_MESSAGES` and `LANG` that is set and not empty
    /// decides; English for `en*`, French for anything else or when none is set.
    ///
    /// # Example
    /// ```
    /// use maillage::lang::Lang;
    /// let env = [("LANG", "en_US.UTF-8"), ("LC_ALL", "")];
    /// let get = |name: &str| env.iter().find(|(k, _)| *k == name).map(|(_, v)| v.to_string());
    /// assert_eq!(Lang::from_env_with(get), Lang::En);
    /// assert_eq!(Lang::from_env_with(|_| None), Lang::Fr);
    /// ```
    pub fn from_env_with(get: impl Fn(&str) -> Option<String>) -> Lang {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|name| get(name))
            .find(|value| !value.trim().is_empty())
            .and_then(|value| Lang::from_locale(&value))
            .unwrap_or(Lang::Fr)
    }

    /// [`Lang::from_env_with`] on the process's environment.
    pub fn from_env() -> Lang {
        Lang::from_env_with(|name| std::env::var(name).ok())
    }
}

impl std::str::FromStr for Lang {
    type Err = Message;

    /// `"fr"` or `"en"` (any case); otherwise the message saying what is accepted.
    fn from_str(s: &str) -> Result<Self, Message> {
        match s.trim().to_ascii_lowercase().as_str() {
            "fr" => Ok(Lang::Fr),
            "en" => Ok(Lang::En),
            _ => Err(crate::msg!(UnknownLanguage, value = s)),
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// The process's current language, French until [`set_language`] says otherwise.
static CURRENT: AtomicU8 = AtomicU8::new(0);

/// Sets the language in which messages are shown from now on, in every thread
/// (`Display` of problems and errors, their JSON, the summary).
///
/// # Example
/// ```
/// use maillage::lang::{language, set_language, Lang};
/// set_language(Lang::En);
/// assert_eq!(language(), Lang::En);
/// set_language(Lang::Fr);
/// assert_eq!(language(), Lang::Fr);
/// ```
pub fn set_language(lang: Lang) {
    CURRENT.store(lang as u8, Ordering::Relaxed);
}

/// The language in which messages are shown: French unless [`set_language`] chose
/// English.
pub fn language() -> Lang {
    match CURRENT.load(Ordering::Relaxed) {
        1 => Lang::En,
        _ => Lang::Fr,
    }
}

/// The value of one argument of a message: a text as it is (a value read from a file,
/// a number), or a message of the catalogue rendered in the same language.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Arg(ArgValue);

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum ArgValue {
    Text(String),
    Message(Box<Message>),
}

impl Arg {
    /// Any displayable value, as text: the same in every language.
    pub fn text(value: impl fmt::Display) -> Arg {
        Arg(ArgValue::Text(value.to_string()))
    }

    fn render(&self, lang: Lang) -> std::borrow::Cow<'_, str> {
        match &self.0 {
            ArgValue::Text(text) => std::borrow::Cow::Borrowed(text),
            ArgValue::Message(message) => std::borrow::Cow::Owned(message.render(lang)),
        }
    }
}

impl From<Message> for Arg {
    fn from(message: Message) -> Arg {
        Arg(ArgValue::Message(Box::new(message)))
    }
}

macro_rules! text_args {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(value: $t) -> Arg {
                Arg::text(value)
            }
        }
    )*};
}
text_args!(
    &str,
    String,
    &String,
    std::borrow::Cow<'_, str>,
    char,
    usize,
    u64,
    u32,
    u16,
    u8,
    i64,
    i32,
    f64
);

/// A message of the catalogue with its arguments, rendered in a language when shown.
///
/// Built with [`msg!`](crate::msg): `msg!(Key, name = value, ...)`, where each `name`
/// is a placeholder `{name}` of the key's texts and each value a text, a number or
/// another `Message`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Message {
    key: Msg,
    args: Vec<(&'static str, Arg)>,
}

impl Message {
    /// The message of a key, without arguments yet.
    pub fn new(key: Msg) -> Message {
        Message {
            key,
            args: Vec::new(),
        }
    }

    /// The message with one more argument, for the placeholder `{name}`.
    pub fn arg(mut self, name: &'static str, value: impl Into<Arg>) -> Message {
        self.args.push((name, value.into()));
        self
    }

    /// The key of the catalogue.
    pub fn key(&self) -> Msg {
        self.key
    }

    /// The text in a language, its placeholders replaced by the arguments (a
    /// placeholder without argument is left as written).
    pub fn render(&self, lang: Lang) -> String {
        let template = self.key.text(lang);
        let mut out = String::with_capacity(template.len() + 16);
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            match after.find('}') {
                Some(close) => {
                    let name = &after[..close];
                    match self.args.iter().find(|(n, _)| *n == name) {
                        Some((_, value)) => out.push_str(&value.render(lang)),
                        None => out.push_str(&rest[open..open + close + 2]),
                    }
                    rest = &after[close + 1..];
                }
                None => {
                    out.push_str(&rest[open..]);
                    rest = "";
                }
            }
        }
        out.push_str(rest);
        out
    }
}

impl fmt::Display for Message {
    /// The text in the current language ([`language`]).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(language()))
    }
}

impl Serialize for Message {
    /// The text in the current language, as a JSON string.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.render(language()))
    }
}

impl From<Msg> for Message {
    fn from(key: Msg) -> Message {
        Message::new(key)
    }
}

/// The placeholders `{name}` of a text, in order.
pub fn placeholders(text: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else { break };
        names.push(&after[..close]);
        rest = &after[close + 1..];
    }
    names
}

/// A [`Message`] of the catalogue: `msg!(Key)` or `msg!(Key, name = value, ...)`.
///
/// # Example
/// ```
/// use maillage::lang::Lang;
/// let m = maillage::msg!(UnknownLanguage, value = "de");
/// assert_eq!(m.render(Lang::En), "unknown language \"de\" (expected fr or en)");
/// ```
#[macro_export]
macro_rules! msg {
    ($key:ident $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::lang::Message::new($crate::lang::Msg::$key)
            $(.arg(stringify!($name), $value))*
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_entry_has_both_texts_with_the_same_placeholders() {
        for &key in Msg::ALL {
            let (fr, en) = (key.text(Lang::Fr), key.text(Lang::En));
            assert!(!fr.trim().is_empty() && !en.trim().is_empty(), "{key:?}");
            // A placeholder may appear more than once in a text; a plural ending
            // (`{..._s}`) may be missing from the language whose word does not take it.
            let names = |text| -> std::collections::BTreeSet<&str> {
                placeholders(text)
                    .into_iter()
                    .filter(|n| !n.ends_with("_s"))
                    .collect()
            };
            let (fr_names, en_names) = (names(fr), names(en));
            assert_eq!(fr_names, en_names, "{key:?}: the placeholders differ");
            assert!(
                fr_names.iter().all(|n| !n.is_empty()
                    && n.chars()
                        .all(|c| c.is_ascii_lowercase() || c == '_' || c.is_ascii_digit())),
                "{key:?}: a placeholder is not a plain name"
            );
        }
    }

    #[test]
    fn no_text_is_written_twice() {
        let mut seen = std::collections::BTreeMap::new();
        for &key in Msg::ALL {
            for lang in Lang::ALL {
                if let Some(other) = seen.insert((lang, key.text(lang)), key) {
                    panic!("{key:?} and {other:?} have the same {lang} text");
                }
            }
        }
    }

    #[test]
    fn renders_nested_messages_in_the_same_language() {
        let m = crate::msg!(EmptyValue, expected = crate::msg!(ExpectedAnId));
        assert_eq!(m.render(Lang::Fr), "valeur vide (attendu : un identifiant)");
        assert_eq!(m.render(Lang::En), "empty value (expected an id)");
    }

    #[test]
    fn environment_rule_is_french_first() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(k, _)| *k == name)
                    .map(|(_, v)| v.to_string())
            }
        };
        assert_eq!(Lang::from_env_with(env(&[])), Lang::Fr);
        assert_eq!(Lang::from_env_with(env(&[("LANG", "C")])), Lang::Fr);
        assert_eq!(Lang::from_env_with(env(&[("LANG", "POSIX")])), Lang::Fr);
        assert_eq!(
            Lang::from_env_with(env(&[("LANG", "de_DE.UTF-8")])),
            Lang::Fr
        );
        assert_eq!(
            Lang::from_env_with(env(&[("LANG", "en_US.UTF-8")])),
            Lang::En
        );
        assert_eq!(
            Lang::from_env_with(env(&[("LANG", "en_US.UTF-8"), ("LC_ALL", "fr_FR.UTF-8")])),
            Lang::Fr
        );
        assert_eq!(
            Lang::from_env_with(env(&[("LANG", "fr_FR.UTF-8"), ("LC_MESSAGES", "en_GB")])),
            Lang::En
        );
        assert_eq!("EN".parse::<Lang>(), Ok(Lang::En));
        assert!("de".parse::<Lang>().is_err());
    }
}
