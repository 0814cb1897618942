//! Relations: the partnerships between actors, stored directed.

use super::UnknownName;
use super::{ActorIx, Theme, Validity};
use serde::Serialize;
use std::fmt;
use std::str::FromStr;

/// The eight relation kinds of the bundle format (docs/bundle.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RelationKind {
    /// Source belongs to target (a GP member of the CPTS).
    Member,
    /// Partnership.
    Partner,
    /// Source funds target.
    Cofunding,
    /// Source orients people to target.
    Referral,
    /// Source sits in target's steering committee or working group.
    Instance,
    /// Source trains target.
    Training,
    /// Room loan, shared staff.
    Resource,
    /// Relays information.
    Communication,
}

impl RelationKind {
    /// Every kind, in the order of the bundle format.
    pub const ALL: [RelationKind; 8] = [
        Self::Member,
        Self::Partner,
        Self::Cofunding,
        Self::Referral,
        Self::Instance,
        Self::Training,
        Self::Resource,
        Self::Communication,
    ];

    /// The id written in `relations.csv`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Member => "member",
            Self::Partner => "partner",
            Self::Cofunding => "cofunding",
            Self::Referral => "referral",
            Self::Instance => "instance",
            Self::Training => "training",
            Self::Resource => "resource",
            Self::Communication => "communication",
        }
    }
}

impl fmt::Display for RelationKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for RelationKind {
    type Err = UnknownName;

    /// Reads a kind id, ignoring case and surrounding spaces.
    fn from_str(s: &str) -> Result<Self, UnknownName> {
        let wanted = s.trim().to_ascii_lowercase();
        Self::ALL
            .into_iter()
            .find(|k| k.as_str() == wanted)
            .ok_or_else(|| {
                UnknownName::new(
                    crate::lang::Msg::WhatRelationKind,
                    s,
                    &Self::ALL.map(Self::as_str),
                )
            })
    }
}

/// One relation, a row of `relations.csv`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Relation {
    /// Source actor.
    pub source: ActorIx,
    /// Target actor.
    pub target: ActorIx,
    /// What the relation is.
    pub kind: RelationKind,
    /// Intensity, positive, default 1.
    pub weight: f64,
    /// Themes of the relation.
    pub themes: Vec<Theme>,
    /// When the relation holds.
    pub validity: Validity,
    /// Other columns of the row, in header order.
    pub attributes: Vec<(String, String)>,
    /// Line of the row in `relations.csv`.
    pub line: u64,
}
