//! Before and after (docs/analyses.md §4, "Before and after"): what changed in the
//! network between an earlier date and the analysis date, for the steering committee's
//! "suivi et évaluation": ties gained and lost by kind and across groups, the global
//! figures then and now, the dispositifs articulated then and now, the bridges and
//! cut points that appeared or went, the joint actions started and ended.

use super::cohesion::{articulation_points, bridges};
use super::dispositifs::dispositif_articulation;
use super::time::{compare_projected, Comparison};
use super::{Network, Ties};
use crate::model::{ActorIx, Date, RelationKind, Territory};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// A pair of dispositifs, articulated or not on each date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PairChange {
    /// One dispositif's id (as in `dispositifs.csv`).
    pub a: String,
    /// The other's.
    pub b: String,
    /// Articulated (a direct relation, a shared member or a joint action) then.
    pub before: bool,
    /// Articulated now.
    pub after: bool,
}

/// What changed between two dates.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evolution {
    /// The global figures on both dates and the ties gained and lost, as
    /// [`compare`](super::compare) gives them.
    pub comparison: Comparison,
    /// Gained ties by the kinds of relation that make them now (a tie made by two
    /// kinds counts in each), in the order of [`RelationKind::ALL`].
    pub gained_by_kind: Vec<(RelationKind, usize)>,
    /// Lost ties by the kinds of relation that made them then.
    pub lost_by_kind: Vec<(RelationKind, usize)>,
    /// Every pair of dispositifs listed on either date, as in `dispositifs.csv`.
    pub dispositif_pairs: Vec<PairChange>,
    /// Bridges (ties whose loss would cut the network) present now and not then, as
    /// pairs of actor ids.
    pub bridges_appeared: Vec<(String, String)>,
    /// Bridges present then and not now.
    pub bridges_gone: Vec<(String, String)>,
    /// Cut points (actors whose departure would cut the network, the fragile places
    /// of §1) now and not then, in bundle order.
    pub cut_points_appeared: Vec<String>,
    /// Cut points then and not now.
    pub cut_points_gone: Vec<String>,
    /// Joint actions that started after the earlier date, up to the analysis date.
    pub actions_started: Vec<String>,
    /// Joint actions that ended after the earlier date, up to the analysis date.
    pub actions_ended: Vec<String>,
}

/// The network on `since` and on `date`, and what changed between them, groups by
/// `partition`.
///
/// # Example
/// ```
/// # let territory = maillage::load_bundle("../../data/lyon7".as_ref()).unwrap().territory;
/// use maillage::network::evolution;
/// let e = evolution(&territory, "2022-01-01".parse().unwrap(), "2024-06-30".parse().unwrap(), "sector");
/// assert!(e.comparison.after.edges > e.comparison.before.edges);
/// let gained: usize = e.gained_by_kind.iter().map(|(_, n)| n).sum();
/// assert!(gained >= e.comparison.gained.len());
/// ```
pub fn evolution(territory: &Territory, since: Date, date: Date, partition: &str) -> Evolution {
    let (then, now) = (
        Network::project(territory, Some(since)),
        Network::project(territory, Some(date)),
    );
    let comparison = compare_projected(territory, (since, &then), (date, &now), partition);
    let by_kind = |changes: &[super::TieChange], on: Date| {
        let ties = Ties::of(territory, Some(on));
        let kinds: BTreeMap<(ActorIx, ActorIx), Vec<RelationKind>> = ties
            .iter()
            .map(|t| ((t.a.min(t.b), t.a.max(t.b)), t.kinds().collect()))
            .collect();
        let mut counts: BTreeMap<RelationKind, usize> = BTreeMap::new();
        for c in changes {
            let (Some(a), Some(b)) = (territory.actor_by_id(&c.a), territory.actor_by_id(&c.b))
            else {
                continue;
            };
            for k in kinds.get(&(a.min(b), a.max(b))).into_iter().flatten() {
                *counts.entry(*k).or_default() += 1;
            }
        }
        RelationKind::ALL
            .iter()
            .filter_map(|k| counts.get(k).map(|&n| (*k, n)))
            .collect::<Vec<_>>()
    };
    let gained_by_kind = by_kind(&comparison.gained, date);
    let lost_by_kind = by_kind(&comparison.lost, since);
    let articulated = |network: &Network| -> BTreeMap<(String, String), bool> {
        dispositif_articulation(territory, network)
            .into_iter()
            .map(|p| {
                let articulated = p.is_articulated();
                let (a, b) = (
                    territory.actor(p.a).id.clone(),
                    territory.actor(p.b).id.clone(),
                );
                ((a, b), articulated)
            })
            .collect()
    };
    let (pairs_then, pairs_now) = (articulated(&then), articulated(&now));
    let keys: BTreeSet<&(String, String)> = pairs_then.keys().chain(pairs_now.keys()).collect();
    let dispositif_pairs = keys
        .into_iter()
        .map(|(a, b)| PairChange {
            a: a.clone(),
            b: b.clone(),
            before: pairs_then
                .get(&(a.clone(), b.clone()))
                .copied()
                .unwrap_or(false),
            after: pairs_now
                .get(&(a.clone(), b.clone()))
                .copied()
                .unwrap_or(false),
        })
        .collect();
    let id = |i: usize| territory.actors[i].id.clone();
    let bridge_set =
        |n: &Network| -> BTreeSet<(usize, usize)> { bridges(&n.graph).into_iter().collect() };
    let (b_then, b_now) = (bridge_set(&then), bridge_set(&now));
    let pairs =
        |set: BTreeSet<&(usize, usize)>| set.into_iter().map(|&(u, v)| (id(u), id(v))).collect();
    let cut_set =
        |n: &Network| -> BTreeSet<usize> { articulation_points(&n.graph).into_iter().collect() };
    let (c_then, c_now) = (cut_set(&then), cut_set(&now));
    let within = |d: Option<Date>| d.is_some_and(|d| since < d && d <= date);
    Evolution {
        gained_by_kind,
        lost_by_kind,
        dispositif_pairs,
        bridges_appeared: pairs(b_now.difference(&b_then).collect()),
        bridges_gone: pairs(b_then.difference(&b_now).collect()),
        cut_points_appeared: c_now.difference(&c_then).map(|&i| id(i)).collect(),
        cut_points_gone: c_then.difference(&c_now).map(|&i| id(i)).collect(),
        actions_started: territory
            .actions
            .iter()
            .filter(|a| within(a.validity.since))
            .map(|a| a.id.clone())
            .collect(),
        actions_ended: territory
            .actions
            .iter()
            .filter(|a| within(a.validity.until))
            .map(|a| a.id.clone())
            .collect(),
        comparison,
    }
}
