//! Where a relation comes from: entered by hand, or named by a partner in a survey
//! (docs/survey.md), and which ties both sides named (docs/analyses.md, "Confirmed
//! ties and reciprocity").

use super::{ActorIx, Relation, Territory};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// The relations.csv column saying where a relation comes from.
pub const PROVENANCE_COLUMN: &str = "provenance";
/// The value of [`PROVENANCE_COLUMN`] of a relation named in a survey's form; a relation
/// with any other value, or none, was entered by hand.
pub const SURVEY_PROVENANCE: &str = "survey";
/// The relations.csv column of the person who answered the form (as they wrote it).
pub const RESPONDENT_COLUMN: &str = "respondent";
/// The relations.csv column of the date the form was answered (ISO).
pub const SURVEY_DATE_COLUMN: &str = "survey_date";

impl Relation {
    /// Whether the relation was named in a survey's form (its `provenance` is
    /// `survey`): its source is the structure that answered. Any other relation was
    /// entered by hand.
    ///
    /// # Example
    /// ```
    /// # let territory = maillage::load_bundle("../../data/lyon7".as_ref()).unwrap().territory;
    /// assert!(territory.relations.iter().all(|r| !r.is_from_survey()));
    /// ```
    pub fn is_from_survey(&self) -> bool {
        self.attributes
            .iter()
            .any(|(k, v)| k == PROVENANCE_COLUMN && v.trim() == SURVEY_PROVENANCE)
    }
}

/// How a tie named in a survey stands: a pair of actors joined by at least one
/// relation of survey provenance (docs/analyses.md, "Confirmed ties and reciprocity").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SurveyTie {
    /// Both actors named the tie in their forms.
    NamedByBoth,
    /// Only this actor named it, and no relation entered by hand joins the pair.
    NamedBy(ActorIx),
    /// One side named it, and a relation entered by hand joins the pair already.
    KnownByHand,
}

/// The ties named in a survey, by pair `(a, b)` with `a < b`, self relations aside.
///
/// # Example
/// ```
/// # let territory = maillage::load_bundle("../../data/lyon7".as_ref()).unwrap().territory;
/// assert!(maillage::model::survey_ties(&territory).is_empty());
/// ```
pub fn survey_ties(territory: &Territory) -> BTreeMap<(ActorIx, ActorIx), SurveyTie> {
    let mut named: BTreeMap<(ActorIx, ActorIx), BTreeSet<ActorIx>> = BTreeMap::new();
    let mut by_hand: BTreeSet<(ActorIx, ActorIx)> = BTreeSet::new();
    for r in territory.relations.iter().filter(|r| r.source != r.target) {
        let pair = (r.source.min(r.target), r.source.max(r.target));
        if r.is_from_survey() {
            named.entry(pair).or_default().insert(r.source);
        } else {
            by_hand.insert(pair);
        }
    }
    named
        .into_iter()
        .map(|(pair, sides)| {
            let status = if sides.len() == 2 {
                SurveyTie::NamedByBoth
            } else if by_hand.contains(&pair) {
                SurveyTie::KnownByHand
            } else {
                SurveyTie::NamedBy(sides.first().copied().unwrap_or(pair.0))
            };
            (pair, status)
        })
        .collect()
}

/// The reciprocity of a survey: among the ties it brought (pairs joined by a relation
/// of survey provenance and by none entered by hand), those both sides named.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Reciprocity {
    /// Ties both sides named.
    pub named_by_both: usize,
    /// Every tie the survey brought.
    pub ties: usize,
}

impl Reciprocity {
    /// The reciprocity of the territory's survey ties; `None` when it has none.
    ///
    /// # Example
    /// ```
    /// # let territory = maillage::load_bundle("../../data/lyon7".as_ref()).unwrap().territory;
    /// use maillage::model::Reciprocity;
    /// assert_eq!(Reciprocity::of(&territory), None);
    /// ```
    pub fn of(territory: &Territory) -> Option<Self> {
        let ties = survey_ties(territory);
        let brought: Vec<&SurveyTie> = ties
            .values()
            .filter(|t| **t != SurveyTie::KnownByHand)
            .collect();
        (!brought.is_empty()).then(|| Self {
            named_by_both: brought
                .iter()
                .filter(|t| ***t == SurveyTie::NamedByBoth)
                .count(),
            ties: brought.len(),
        })
    }

    /// The share of the ties both sides named, from 0 to 1.
    pub fn rate(&self) -> f64 {
        if self.ties == 0 {
            0.0
        } else {
            self.named_by_both as f64 / self.ties as f64
        }
    }
}

impl Territory {
    /// The territory with its confirmed relations only: every relation entered by
    /// hand, and the relations of survey provenance whose tie both sides named or
    /// that a relation entered by hand joins already (docs/analyses.md, "Confirmed
    /// ties and reciprocity"). Borrowed when every relation is confirmed.
    ///
    /// # Example
    /// ```
    /// # let territory = maillage::load_bundle("../../data/lyon7".as_ref()).unwrap().territory;
    /// // no survey yet: every relation was entered by hand
    /// let confirmed = territory.confirmed_only();
    /// assert_eq!(confirmed.relations.len(), territory.relations.len());
    /// ```
    pub fn confirmed_only(&self) -> std::borrow::Cow<'_, Territory> {
        let ties = survey_ties(self);
        let confirmed = |r: &Relation| {
            !r.is_from_survey()
                || r.source == r.target
                || !matches!(
                    ties.get(&(r.source.min(r.target), r.source.max(r.target))),
                    Some(SurveyTie::NamedBy(_))
                )
        };
        if self.relations.iter().all(confirmed) {
            return std::borrow::Cow::Borrowed(self);
        }
        let relations = self
            .relations
            .iter()
            .filter(|r| confirmed(r))
            .cloned()
            .collect();
        std::borrow::Cow::Owned(self.with_relations(self.date, relations, self.actions.clone()))
    }
}
