//! The error of every `FromStr` of the crate.

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
/// assert!(e.to_string().starts_with("unknown relation kind \"amitié\" (expected one of"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {what} \"{given}\" (expected one of {})", expected.join(", "))]
pub struct UnknownName {
    /// What the name should have named ("relation kind", "output"...).
    pub what: &'static str,
    /// The name given.
    pub given: String,
    /// The names accepted.
    pub expected: Vec<&'static str>,
}

impl UnknownName {
    pub(crate) fn new(what: &'static str, given: &str, expected: &[&'static str]) -> Self {
        Self {
            what,
            given: given.to_owned(),
            expected: expected.to_vec(),
        }
    }
}
