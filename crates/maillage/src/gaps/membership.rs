//! Membership and reach of each dispositif (docs/analyses.md §5): of the actors of
//! the territory a dispositif serves, how many are its members, directly or through a
//! member structure, and who is left to invite ("Comment impliquer les professionnels
//! de santé ?").

use crate::model::{ActorIx, Date, Territory, ZoneRef};
use crate::spatial::ActorPlacement;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// The reach of one dispositif on the analysis date (and on the `since` date when one
/// is given).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Membership {
    /// The dispositif.
    pub dispositif: ActorIx,
    /// The actors it could count as members: located in a zone it serves (anywhere
    /// when it serves none), neither a dispositif nor a working group, itself left
    /// out; in bundle order.
    pub eligible: Vec<ActorIx>,
    /// The eligible actors with a valid `member` or `instance` relation to it.
    pub direct: Vec<ActorIx>,
    /// The eligible actors that are not direct members but belong (`member`) to a
    /// structure or an association that is a direct member: the professionals of an
    /// MSP that joined the CPTS.
    pub through_structures: Vec<ActorIx>,
    /// Members (direct, of any place) located outside the territory it serves, or not
    /// located: an ARS, a department, a coordinator without an address.
    pub members_outside: usize,
    /// The eligible actors reached on the `since` date, when one was given.
    pub reached_since: Option<Vec<ActorIx>>,
}

impl Membership {
    /// The eligible actors reached: direct members and members through a structure,
    /// in bundle order.
    pub fn reached(&self) -> Vec<ActorIx> {
        let mut all: Vec<ActorIx> = self
            .direct
            .iter()
            .chain(&self.through_structures)
            .copied()
            .collect();
        all.sort_unstable();
        all
    }

    /// The eligible actors not reached, in bundle order: whom to invite.
    pub fn non_members(&self) -> Vec<ActorIx> {
        let reached: BTreeSet<ActorIx> = self.reached().into_iter().collect();
        self.eligible
            .iter()
            .copied()
            .filter(|a| !reached.contains(a))
            .collect()
    }

    /// Reached / eligible; `None` when no actor is eligible.
    pub fn rate(&self) -> Option<f64> {
        rate(
            self.direct.len() + self.through_structures.len(),
            self.eligible.len(),
        )
    }

    /// The reach broken down by a grouping of the actors (a kind, a family, a zone),
    /// groups in the order of their first eligible actor,
    /// each with its eligible, direct and reached actors (and reached on the `since`
    /// date). Actors that `group_of` puts in no group are left out.
    ///
    /// # Example
    /// ```
    /// # let territory = maillage::load_bundle("../../data/cevennes".as_ref()).unwrap().territory;
    /// let d = maillage::Diagnosis::of(&territory);
    /// let cpts = d.dispositif_reach.iter().find(|m| territory.actor(m.dispositif).id == "cpts_ecm").unwrap();
    /// let by_kind = cpts.breakdown(|a| Some(territory.actor(a).kind.clone()));
    /// let gp = by_kind.iter().find(|g| g.group == "medecin_generaliste").unwrap();
    /// assert_eq!((gp.eligible, gp.reached), (16, 15));
    /// ```
    pub fn breakdown<F>(&self, group_of: F) -> Vec<ReachGroup>
    where
        F: Fn(ActorIx) -> Option<String>,
    {
        let reached: BTreeSet<ActorIx> = self.reached().into_iter().collect();
        let direct: BTreeSet<ActorIx> = self.direct.iter().copied().collect();
        let since: Option<BTreeSet<ActorIx>> = self
            .reached_since
            .as_ref()
            .map(|s| s.iter().copied().collect());
        let mut groups: Vec<ReachGroup> = Vec::new();
        let mut position: BTreeMap<String, usize> = BTreeMap::new();
        for &a in &self.eligible {
            let Some(group) = group_of(a) else { continue };
            let i = *position.entry(group.clone()).or_insert_with(|| {
                groups.push(ReachGroup {
                    group,
                    eligible: 0,
                    direct: 0,
                    reached: 0,
                    reached_since: since.as_ref().map(|_| 0),
                });
                groups.len() - 1
            });
            let g = &mut groups[i];
            g.eligible += 1;
            g.direct += usize::from(direct.contains(&a));
            g.reached += usize::from(reached.contains(&a));
            if let (Some(n), Some(s)) = (g.reached_since.as_mut(), since.as_ref()) {
                *n += usize::from(s.contains(&a));
            }
        }
        groups
    }
}

/// One group of a [`Membership::breakdown`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReachGroup {
    /// The group (a kind's id, a family's id, a zone's id).
    pub group: String,
    /// Eligible actors in the group.
    pub eligible: usize,
    /// Direct members among them.
    pub direct: usize,
    /// Reached actors in the group.
    pub reached: usize,
    /// Reached on the `since` date, when one was given.
    pub reached_since: Option<usize>,
}

impl ReachGroup {
    /// Reached / eligible.
    pub fn rate(&self) -> Option<f64> {
        rate(self.reached, self.eligible)
    }
}

fn rate(part: usize, whole: usize) -> Option<f64> {
    (whole > 0).then(|| part as f64 / whole as f64)
}

/// Whether an actor may count among a dispositif's members: schemes and their working
/// groups are articulated with it (docs/analyses.md §1), not reached by it.
fn can_be_member(territory: &Territory, a: ActorIx) -> bool {
    let actor = territory.actor(a);
    !actor.is_dispositif() && actor.family != "working_group"
}

/// The reach of every dispositif of the territory, in bundle order, on `date` (every
/// relation when `None`) and, when given, on `since` as well. `placements` are the
/// actors' zones per layer, indexed by [`crate::model::LayerIx`] ([`crate::spatial::assign_actors`]).
///
/// # Complexity
/// O(r + Σ e log e) for r relations and the e actors of the zones each dispositif
/// serves (every actor for a dispositif serving none), the dispositifs on several
/// threads.
///
/// # Example
/// ```
/// # let territory = maillage::load_bundle("../../data/cevennes".as_ref()).unwrap().territory;
/// use maillage::spatial::assign_actors;
/// use maillage::model::LayerIx;
/// let placements: Vec<_> = (0..territory.layers.len() as u32)
///     .map(|l| assign_actors(&territory, LayerIx(l)))
///     .collect();
/// let reach = maillage::gaps::membership_reach(&territory, &placements, territory.date, None);
/// let cpts = reach.iter().find(|m| territory.actor(m.dispositif).id == "cpts_ecm").unwrap();
/// assert_eq!(cpts.direct.len(), 10);
/// ```
pub fn membership_reach(
    territory: &Territory,
    placements: &[ActorPlacement],
    date: Option<Date>,
    since: Option<Date>,
) -> Vec<Membership> {
    let now = Memberships::on(territory, date);
    let then = since.map(|d| Memberships::on(territory, Some(d)));
    let placed = PlacedIn::new(placements);
    let dispositifs: Vec<ActorIx> = (0..territory.actors.len() as u32)
        .map(ActorIx)
        .filter(|&a| territory.actor(a).is_dispositif())
        .collect();
    dispositifs
        .par_iter()
        .map(|&dispositif| {
            let eligible: Vec<ActorIx> = placed
                .served_by(&territory.actor(dispositif).serves, territory.actors.len())
                .into_iter()
                .filter(|&a| a != dispositif && can_be_member(territory, a))
                .collect();
            let (direct, through_structures) = now.reach(dispositif, &eligible);
            let members_outside = now
                .direct_members(dispositif)
                .filter(|&a| can_be_member(territory, a) && eligible.binary_search(&a).is_err())
                .count();
            let reached_since = then.as_ref().map(|m| {
                let (direct, through) = m.reach(dispositif, &eligible);
                let mut all: Vec<ActorIx> = direct.into_iter().chain(through).collect();
                all.sort_unstable();
                all
            });
            Membership {
                dispositif,
                eligible,
                direct,
                through_structures,
                members_outside,
                reached_since,
            }
        })
        .collect()
}

/// The actors placed in each zone of each layer, in bundle order: the placements read
/// the other way round, so that the actors of the zones a dispositif serves are
/// gathered from those zones rather than by testing every actor.
struct PlacedIn {
    /// By layer, by zone: the actors placed there, increasing.
    by_zone: Vec<Vec<Vec<ActorIx>>>,
}

impl PlacedIn {
    fn new(placements: &[ActorPlacement]) -> Self {
        let by_zone = placements
            .iter()
            .map(|placement| {
                let zones = placement.iter().flatten().map(|z| z.0 as usize + 1).max();
                let mut by_zone = vec![Vec::new(); zones.unwrap_or(0)];
                for (a, zone) in placement.iter().enumerate() {
                    if let Some(zone) = zone {
                        by_zone[zone.0 as usize].push(ActorIx(a as u32));
                    }
                }
                by_zone
            })
            .collect();
        Self { by_zone }
    }

    /// The actors lying in one of the zones `served`, increasing; every actor (of
    /// `actors`) when none is.
    fn served_by(&self, served: &[ZoneRef], actors: usize) -> Vec<ActorIx> {
        if served.is_empty() {
            return (0..actors as u32).map(ActorIx).collect();
        }
        let mut found: Vec<ActorIx> = served
            .iter()
            .filter_map(|z| self.by_zone.get(z.layer.0 as usize)?.get(z.zone.0 as usize))
            .flatten()
            .copied()
            .collect();
        found.sort_unstable();
        found.dedup();
        found
    }
}

/// Who belongs to whom on one date: the members of each dispositif and of each
/// structure ([`crate::network::dispositif_members`], [`crate::network::structure_members`]).
struct Memberships {
    of_dispositif: BTreeMap<ActorIx, BTreeSet<ActorIx>>,
    of_body: BTreeMap<ActorIx, BTreeSet<ActorIx>>,
}

impl Memberships {
    fn on(territory: &Territory, date: Option<Date>) -> Self {
        Self {
            of_dispositif: crate::network::dispositif_members(territory, date),
            of_body: crate::network::structure_members(territory, date),
        }
    }

    fn direct_members(&self, dispositif: ActorIx) -> impl Iterator<Item = ActorIx> + '_ {
        self.of_dispositif
            .get(&dispositif)
            .into_iter()
            .flatten()
            .copied()
    }

    /// The eligible direct members, and the eligible actors reached through a member
    /// structure only, both in bundle order.
    fn reach(&self, dispositif: ActorIx, eligible: &[ActorIx]) -> (Vec<ActorIx>, Vec<ActorIx>) {
        let direct: BTreeSet<ActorIx> = self.direct_members(dispositif).collect();
        let through: BTreeSet<ActorIx> = direct
            .iter()
            .filter_map(|s| self.of_body.get(s))
            .flatten()
            .copied()
            .filter(|a| !direct.contains(a))
            .collect();
        let keep = |set: &BTreeSet<ActorIx>| {
            eligible
                .iter()
                .copied()
                .filter(|a| set.contains(a))
                .collect::<Vec<_>>()
        };
        (keep(&direct), keep(&through))
    }
}
