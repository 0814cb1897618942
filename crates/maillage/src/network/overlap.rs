//! Overlap of structures and dispositifs (docs/analyses.md §5, "Structures and
//! dispositifs: the same actors"): how far the members of a structure (an MSP, a health
//! centre) are also the members of a dispositif (a CPTS), "CPTS = MSP… les mêmes
//! acteurs".

use crate::model::{ActorIx, Date, Territory};
use serde::Serialize;
use std::collections::BTreeMap;

/// How far a structure's members are a dispositif's.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StructureOverlap {
    /// The structure's id (an actor of family `structure`).
    pub structure: String,
    /// The dispositif's id.
    pub dispositif: String,
    /// Members of the structure: actors with a valid `member` or `instance` relation to
    /// it.
    pub structure_members: usize,
    /// Members of the dispositif: its own (a `member` or `instance` relation to it),
    /// and the members of the structures among them (a member MSP brings its
    /// professionals).
    pub dispositif_members: usize,
    /// Members of both.
    pub shared_members: usize,
    /// The share of the structure's members who are members of the dispositif:
    /// shared / structure members. 1 when every member of the MSP is in the CPTS.
    pub structure_share: f64,
    /// The share of the dispositif's members who are the structure's: shared /
    /// dispositif members. Near 1 when the CPTS is the MSP.
    pub dispositif_share: f64,
    /// shared / members of either (Jaccard): 1 when the two have the same members.
    pub jaccard: f64,
    /// Whether the structure itself is a member of the dispositif.
    pub structure_is_member: bool,
}

/// The overlap of every structure with members and every dispositif that shares at
/// least one of them, on `date` (every relation when `None`): structures in bundle
/// order, then dispositifs in bundle order.
///
/// A dispositif's members are its own and, one level down, those of its member
/// structures: a CPTS carried by three MSP, whose professionals are members of their
/// MSP, has them as members too.
///
/// # Complexity
/// O(R + Σ_x s(x)) for R relations, over the members x of the structures, s(x) the
/// number of dispositifs x belongs to, directly or through a structure.
///
/// # Example
/// ```
/// # let territory = maillage::load_bundle("../../data/lyon7".as_ref()).unwrap().territory;
/// use maillage::network::structure_overlap;
/// let overlap = structure_overlap(&territory, territory.date);
/// let msp = overlap.iter().find(|o| o.structure == "msp_gerland" && o.dispositif == "cpts_lyon7");
/// assert_eq!(msp.unwrap().structure_share, 1.0); // every member of the MSP is in the CPTS
/// ```
pub fn structure_overlap(territory: &Territory, date: Option<Date>) -> Vec<StructureOverlap> {
    let n = territory.actors.len();
    let is_structure = |a: ActorIx| territory.actor(a).family == "structure";
    // the members of every structure (the rule of the dispositifs' reach, §5), and the
    // dispositifs of each actor
    let mut members: Vec<Vec<ActorIx>> = vec![Vec::new(); n];
    for (s, of) in super::structure_members(territory, date) {
        members[s.index()] = of.into_iter().collect();
    }
    let mut dispositifs_of: Vec<Vec<ActorIx>> = vec![Vec::new(); n];
    for (d, of) in super::dispositif_members(territory, date) {
        for x in of {
            dispositifs_of[x.index()].push(d);
        }
    }
    // the dispositifs each actor belongs to, directly or through a structure
    let mut reach: Vec<Vec<ActorIx>> = dispositifs_of.clone();
    for (s, of) in members.iter().enumerate() {
        if dispositifs_of[s].is_empty() || !is_structure(ActorIx(s as u32)) {
            continue;
        }
        for x in of {
            reach[x.index()].extend(&dispositifs_of[s]);
        }
    }
    let mut dispositif_members = vec![0usize; n];
    for list in reach.iter_mut() {
        list.sort_unstable();
        list.dedup();
        for d in list.iter() {
            dispositif_members[d.index()] += 1;
        }
    }
    let mut overlap = Vec::new();
    for (s, structure) in territory.actors.iter().enumerate() {
        if structure.family != "structure" || members[s].is_empty() {
            continue;
        }
        let mut shared: BTreeMap<ActorIx, usize> = BTreeMap::new();
        for x in &members[s] {
            for &d in &reach[x.index()] {
                *shared.entry(d).or_default() += 1;
            }
        }
        let own = members[s].len();
        for (d, both) in shared {
            let theirs = dispositif_members[d.index()];
            overlap.push(StructureOverlap {
                structure: structure.id.clone(),
                dispositif: territory.actor(d).id.clone(),
                structure_members: own,
                dispositif_members: theirs,
                shared_members: both,
                structure_share: both as f64 / own as f64,
                dispositif_share: both as f64 / theirs as f64,
                jaccard: both as f64 / (own + theirs - both) as f64,
                structure_is_member: dispositifs_of[s].binary_search(&d).is_ok(),
            });
        }
    }
    overlap
}
