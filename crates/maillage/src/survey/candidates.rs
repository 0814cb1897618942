//! Who answers a survey, and which actors each form lists as possible partners
//! (docs/survey.md, "Forms").

use crate::lang::{Lang, Msg};
use crate::model::{haversine_m, ActorIx, RelationKind, Territory, ZoneRef};
use crate::network::dispositif_members;
use crate::spatial::assign_actors;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// The families of the actors a survey asks: organisations that can answer for
/// themselves. Professionals are individuals (they are neither asked nor listed:
/// docs/outputs.md, "Privacy"); working groups answer through their dispositif.
pub const SURVEYED_FAMILIES: [&str; 4] = ["structure", "dispositif", "institution", "association"];

/// Why a form lists an actor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    /// A relation between the two is known already (either direction, any date).
    KnownRelation,
    /// Both lie in the same zone of the coverage layer, or one serves the zone the
    /// other lies in or serves.
    SameZone,
    /// Both are located within the territory's catchment distance of each other.
    Nearby,
    /// They share a theme.
    SharedThemes,
    /// Both are members of one dispositif, or one is a member of the other.
    SameDispositif,
}

impl Reason {
    /// The French words the form writes (forms are written in French, for the
    /// partners).
    pub fn label(self) -> &'static str {
        match self {
            Reason::KnownRelation => Msg::ReasonKnownRelation,
            Reason::SameZone => Msg::ReasonSameZone,
            Reason::Nearby => Msg::ReasonNearby,
            Reason::SharedThemes => Msg::ReasonSharedThemes,
            Reason::SameDispositif => Msg::ReasonSameDispositif,
        }
        .text(Lang::Fr)
    }
}

/// An actor a form lists: the reasons, and the kinds of the relations known from
/// the respondent to it (pre-filled in the form).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Candidate {
    /// The possible partner.
    pub actor: ActorIx,
    /// Why it is listed, in the order of [`Reason`].
    pub reasons: Vec<Reason>,
    /// Kinds of the relations known from the respondent to it, in the format's order.
    pub known: Vec<RelationKind>,
}

/// The actors a survey asks: those of [`SURVEYED_FAMILIES`], in bundle order.
///
/// # Example
/// ```
/// # let territory = maillage::load_bundle("../../data/lyon7".as_ref()).unwrap().territory;
/// let asked = maillage::survey::respondents(&territory);
/// assert!(asked.iter().all(|&a| !territory.actor(a).is_individual()));
/// ```
pub fn respondents(territory: &Territory) -> Vec<ActorIx> {
    (0..territory.actors.len() as u32)
        .map(ActorIx)
        .filter(|&a| SURVEYED_FAMILIES.contains(&territory.actor(a).family.as_str()))
        .collect()
}

/// What the candidates of every form are computed from, once for the territory.
pub(crate) struct Neighbourhood<'t> {
    territory: &'t Territory,
    /// Each actor's zones: its zone of the coverage layer, and the zones it serves.
    zones: Vec<BTreeSet<ZoneRef>>,
    /// The zones each actor lies in, on every layer.
    located_in: Vec<BTreeSet<ZoneRef>>,
    /// The dispositifs each actor belongs to.
    dispositifs: Vec<BTreeSet<ActorIx>>,
    /// The relation kinds known between two actors, by ordered pair (source, target).
    known: BTreeMap<(ActorIx, ActorIx), BTreeSet<RelationKind>>,
    asked: Vec<ActorIx>,
}

impl<'t> Neighbourhood<'t> {
    pub(crate) fn of(territory: &'t Territory) -> Self {
        let n = territory.actors.len();
        let mut located_in = vec![BTreeSet::new(); n];
        let mut zones = vec![BTreeSet::new(); n];
        for l in 0..territory.layers.len() as u32 {
            let layer = crate::model::LayerIx(l);
            for (i, zone) in assign_actors(territory, layer).into_iter().enumerate() {
                if let Some(zone) = zone {
                    let at = ZoneRef { layer, zone };
                    located_in[i].insert(at);
                    if layer == territory.analysis.coverage_layer {
                        zones[i].insert(at);
                    }
                }
            }
        }
        for (i, a) in territory.actors.iter().enumerate() {
            zones[i].extend(a.serves.iter().copied());
        }
        let mut dispositifs = vec![BTreeSet::new(); n];
        for (d, members) in dispositif_members(territory, territory.date) {
            for m in members {
                dispositifs[m.index()].insert(d);
            }
        }
        let mut known: BTreeMap<(ActorIx, ActorIx), BTreeSet<RelationKind>> = BTreeMap::new();
        for r in &territory.relations {
            known
                .entry((r.source, r.target))
                .or_default()
                .insert(r.kind);
        }
        Self {
            territory,
            zones,
            located_in,
            dispositifs,
            known,
            asked: respondents(territory),
        }
    }

    /// The reasons to list `other` in the form of `respondent`.
    fn reasons(&self, respondent: ActorIx, other: ActorIx) -> Vec<Reason> {
        let (a, b) = (respondent.index(), other.index());
        let t = self.territory;
        let mut reasons = Vec::new();
        if self.known.contains_key(&(respondent, other))
            || self.known.contains_key(&(other, respondent))
        {
            reasons.push(Reason::KnownRelation);
        }
        let serves_where = |x: usize, y: usize| {
            t.actors[x]
                .serves
                .iter()
                .any(|z| self.located_in[y].contains(z))
        };
        let same_zone =
            !self.zones[a].is_disjoint(&self.zones[b]) || serves_where(a, b) || serves_where(b, a);
        if same_zone {
            reasons.push(Reason::SameZone);
        } else if let (Some(p), Some(q)) = (t.actors[a].location, t.actors[b].location) {
            if haversine_m(p, q) <= t.analysis.catchment_m {
                reasons.push(Reason::Nearby);
            }
        }
        let themes_of =
            |x: usize| -> BTreeSet<&str> { t.actors[x].themes.iter().map(|th| th.key()).collect() };
        if !themes_of(a).is_disjoint(&themes_of(b)) {
            reasons.push(Reason::SharedThemes);
        }
        if !self.dispositifs[a].is_disjoint(&self.dispositifs[b])
            || self.dispositifs[a].contains(&other)
            || self.dispositifs[b].contains(&respondent)
        {
            reasons.push(Reason::SameDispositif);
        }
        reasons
    }

    /// The candidates of one form: the other surveyed actors with a reason to be
    /// listed, those with a known relation first, then by name.
    pub(crate) fn candidates(&self, respondent: ActorIx) -> Vec<Candidate> {
        let t = self.territory;
        let mut found: Vec<Candidate> = self
            .asked
            .iter()
            .filter(|&&other| other != respondent)
            .filter_map(|&other| {
                let reasons = self.reasons(respondent, other);
                (!reasons.is_empty()).then(|| Candidate {
                    actor: other,
                    reasons,
                    known: self
                        .known
                        .get(&(respondent, other))
                        .map(|k| k.iter().copied().collect())
                        .unwrap_or_default(),
                })
            })
            .collect();
        found.sort_by(|x, y| {
            let known = |c: &Candidate| !c.reasons.contains(&Reason::KnownRelation);
            (known(x), &t.actor(x.actor).name, x.actor).cmp(&(
                known(y),
                &t.actor(y.actor).name,
                y.actor,
            ))
        });
        found
    }
}

/// The actors the form of `respondent` lists as possible partners (docs/survey.md,
/// "Forms"): the other surveyed actors in the same zone or nearby, sharing a theme or
/// a dispositif, or already in relation with it; those in relation first, then by
/// name.
///
/// # Example
/// ```
/// # let territory = maillage::load_bundle("../../data/lyon7".as_ref()).unwrap().territory;
/// use maillage::survey::{candidates, Reason};
/// use maillage::model::RelationKind;
/// let ars = territory.actor_by_id("ars_ara").unwrap();
/// let msp = territory.actor_by_id("msp_gerland").unwrap();
/// let listed = candidates(&territory, ars);
/// let row = listed.iter().find(|c| c.actor == msp).unwrap();
/// assert!(row.reasons.contains(&Reason::KnownRelation));
/// assert_eq!(row.known, [RelationKind::Cofunding]);
/// ```
pub fn candidates(territory: &Territory, respondent: ActorIx) -> Vec<Candidate> {
    Neighbourhood::of(territory).candidates(respondent)
}
