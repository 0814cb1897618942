//! Solicitation load (docs/analyses.md §5): how many bodies and joint actions each actor
//! is asked into, the "risque de sur-sollicitation des partenaires" that coordinators
//! name when the same few partners sit in every instance.

use crate::model::{ActorIx, Date, RelationKind, Territory};
use serde::Serialize;
use std::collections::BTreeSet;

/// Default threshold of an over-solicited actor: five bodies and joint actions on the
/// date (the manifest's `[analysis] solicitation_threshold` changes it).
pub const DEFAULT_SOLICITATION_THRESHOLD: u32 = 5;

/// What one actor is asked into on the date, in parts that do not overlap.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Solicitation {
    /// Dispositifs the actor belongs to (a `member` or `instance` relation to them).
    pub dispositifs: u32,
    /// Working groups (family `working_group`) it belongs to, the same way.
    pub working_groups: u32,
    /// Other bodies it sits in: targets of its `instance` relations that are neither
    /// dispositifs nor working groups (a hospital's or a commune's committee).
    pub other_instances: u32,
    /// Joint actions (valid on the date) it leads.
    pub actions_led: u32,
    /// Joint actions it joins as a partner or a funder without leading them.
    pub actions_joined: u32,
}

impl Solicitation {
    /// The sum of the parts: every body and joint action the actor is asked into.
    pub fn total(&self) -> u32 {
        self.dispositifs
            + self.working_groups
            + self.other_instances
            + self.actions_led
            + self.actions_joined
    }
}

/// The solicitation load of every actor on `date` (every relation and action when
/// `None`), indexed by [`ActorIx`].
///
/// Each body counts once per actor, however many relations tie the actor to it; a
/// relation from an actor to itself counts for nothing.
///
/// # Complexity
/// O(r + Σ actors of the actions) for r relations.
///
/// # Example
/// ```
/// # let territory = maillage::load_bundle("../../data/lyon7".as_ref()).unwrap().territory;
/// use maillage::network::solicitation;
/// let load = solicitation(&territory, territory.date);
/// let cmp = territory.actor_by_id("cmp_pedo_7").unwrap();
/// assert!(load[cmp.index()].total() >= 1);
/// ```
pub fn solicitation(territory: &Territory, date: Option<Date>) -> Vec<Solicitation> {
    let n = territory.actors.len();
    let mut dispositifs: Vec<BTreeSet<ActorIx>> = vec![BTreeSet::new(); n];
    let mut groups: Vec<BTreeSet<ActorIx>> = vec![BTreeSet::new(); n];
    let mut instances: Vec<BTreeSet<ActorIx>> = vec![BTreeSet::new(); n];
    for r in &territory.relations {
        if r.source == r.target || date.is_some_and(|d| !r.validity.contains(d)) {
            continue;
        }
        let body = territory.actor(r.target);
        let sets = match r.kind {
            RelationKind::Member | RelationKind::Instance if body.is_dispositif() => {
                &mut dispositifs
            }
            RelationKind::Member | RelationKind::Instance if body.family == "working_group" => {
                &mut groups
            }
            RelationKind::Instance => &mut instances,
            _ => continue,
        };
        sets[r.source.index()].insert(r.target);
    }
    let mut load: Vec<Solicitation> = (0..n)
        .map(|i| Solicitation {
            dispositifs: dispositifs[i].len() as u32,
            working_groups: groups[i].len() as u32,
            other_instances: instances[i].len() as u32,
            ..Solicitation::default()
        })
        .collect();
    for action in &territory.actions {
        if date.is_some_and(|d| !action.validity.contains(d)) {
            continue;
        }
        let lead: BTreeSet<ActorIx> = action.lead.iter().copied().collect();
        for &a in &lead {
            load[a.index()].actions_led += 1;
        }
        let joined: BTreeSet<ActorIx> = action
            .partners
            .iter()
            .chain(&action.funders)
            .copied()
            .filter(|a| !lead.contains(a))
            .collect();
        for a in joined {
            load[a.index()].actions_joined += 1;
        }
    }
    load
}

/// The actors whose load reaches `threshold`, most solicited first (ties by index).
///
/// # Example
/// ```
/// # let territory = maillage::load_bundle("../../data/lyon7".as_ref()).unwrap().territory;
/// use maillage::network::{most_solicited, solicitation};
/// let load = solicitation(&territory, territory.date);
/// let top = most_solicited(&load, 5);
/// assert!(top.windows(2).all(|w| load[w[0].index()].total() >= load[w[1].index()].total()));
/// ```
pub fn most_solicited(load: &[Solicitation], threshold: u32) -> Vec<ActorIx> {
    let mut actors: Vec<ActorIx> = (0..load.len())
        .filter(|&i| load[i].total() >= threshold.max(1))
        .map(|i| ActorIx(i as u32))
        .collect();
    actors.sort_by_key(|a| (std::cmp::Reverse(load[a.index()].total()), *a));
    actors
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bundle(actors: &str, relations: &str, actions: &str) -> Territory {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("territory.toml"),
            "format = 1\nname = \"t\"\n[layers.z]\nfile = \"z.geojson\"\nid = \"code\"\n",
        )
        .unwrap();
        std::fs::write(
            dir.path().join("z.geojson"),
            r#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"Z"},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1],[0,0]]]}}]}"#,
        )
        .unwrap();
        std::fs::write(dir.path().join("actors.csv"), actors).unwrap();
        std::fs::write(dir.path().join("relations.csv"), relations).unwrap();
        std::fs::write(dir.path().join("actions.csv"), actions).unwrap();
        crate::bundle::load_bundle(dir.path()).unwrap().territory
    }

    #[test]
    fn each_body_counts_once_in_one_part() {
        let t = bundle(
            "id,name,kind\ngp,GP,medecin_generaliste\ncpts,CPTS,cpts\ngt,GT,groupe_de_travail\nch,CH,centre_hospitalier\n",
            "source,target,kind,since,until\n\
             gp,cpts,member,,\n\
             gp,cpts,instance,,\n\
             gp,gt,member,,\n\
             gp,ch,instance,,\n\
             gp,ch,partner,,\n\
             gp,gp,instance,,\n\
             ch,cpts,member,2020-01-01,2021-01-01\n",
            "id,name,lead,partners,funders,start,end\n\
             a1,A1,gp,ch,,,\n\
             a2,A2,ch,gp|cpts,gp,,\n\
             a3,A3,ch|gp,gp,,,\n\
             a4,A4,ch,gp,,2019-01-01,2019-12-31\n",
        );
        let load = solicitation(&t, Some(Date::new(2024, 6, 30).unwrap()));
        let gp = Solicitation {
            dispositifs: 1,
            working_groups: 1,
            other_instances: 1,
            actions_led: 2,
            actions_joined: 1,
        };
        assert_eq!(load[0], gp);
        assert_eq!(load[0].total(), 6);
        // the CH's membership of the CPTS ended in 2021
        assert_eq!(load[3].dispositifs, 0);
        assert_eq!((load[3].actions_led, load[3].actions_joined), (2, 1));
        // every relation and action when no date is given
        let all = solicitation(&t, None);
        assert_eq!(all[3].dispositifs, 1);
        assert_eq!(all[0].actions_joined, 2);
        assert_eq!(most_solicited(&load, 4), vec![ActorIx(0)]);
        assert_eq!(most_solicited(&load, 3), vec![ActorIx(0), ActorIx(3)]);
    }
}
