//! The error of every `FromStr` of the crate.

use crate::lang::{Message, Msg};

/// A name that is not one of those a value can take: a relation kind, a CRS, an
/// output, an import source, a territory size. Every `FromStr` of the crate fails with
/// it, so a caller shows the same message and can list the accepted names.
///
/// # Example
/// ```
/// use maillage::model::RelationKind;
/// let e = "amitié".parse::<RelationKind>().unwrap_err();
/// assert_eq!(e.given, "amitié");
/// assert!(e.expected.contains(&"partner"));
/// let shown = e.message().render(maillage::lang::Lang::En);
/// assert!(shown.starts_with("unknown relation kind \"amitié\" (expected one of"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.message())]
pub struct UnknownName {
    /// What the name should have named (a relation kind, an output...), in the
    /// catalogue's words.
    pub what: Msg,
    /// The name given.
    pub given: String,
    /// The names accepted.
    pub expected: Vec<&'static str>,
}

impl UnknownName {
    /// The message shown, in the catalogue's words.
    pub fn message(&self) -> Message {
        crate::msg!(
            UnknownNameGiven,
            what = Message::new(self.what),
            given = &self.given,
            expected = self.expected.join(", ")
        )
    }

    pub(crate) fn new(what: Msg, given: &str, expected: &[&'static str]) -> Self {
        Self {
            what,
            given: given.to_owned(),
            expected: expected.to_vec(),
        }
    }
}
