//! Shared themes between dispositifs (docs/analyses.md §5, "Shared themes"): the
//! subjects two coordination schemes have in common, "Quels sont les sujets communs ?",
//! each with where it comes from: their members' themes, their joint actions, the needs
//! of the zones both serve.

use super::dispositifs::dispositif_members;
use crate::model::{ActorIx, Date, Territory, ZoneRef};
use geo::{Intersects, Point};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// One theme two dispositifs share, with where it comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SharedTheme {
    /// The theme as first written in the bundle (actors in bundle order, then the
    /// actions, then the needs); themes are compared case- and accent-insensitively.
    pub theme: String,
    /// How many of the first dispositif and its members work on it (their `themes`).
    pub actors_a: usize,
    /// How many of the second dispositif and its members work on it.
    pub actors_b: usize,
    /// The joint actions of the two (as in their articulation) on this theme, by id,
    /// in file order.
    pub joint_actions: Vec<String>,
    /// The zones served by both where a need on this theme was found, `layer:id`, in
    /// the order of needs.csv.
    pub need_zones: Vec<String>,
}

impl SharedTheme {
    /// Whether the theme is worked on by an actor of each side (the dispositif itself
    /// or one of its members).
    ///
    /// # Example
    /// ```
    /// use maillage::network::SharedTheme;
    /// let t = SharedTheme { theme: "prévention".into(), actors_a: 3, actors_b: 0,
    ///     joint_actions: vec!["fa1".into()], need_zones: vec![] };
    /// assert!(!t.from_members());
    /// ```
    pub fn from_members(&self) -> bool {
        self.actors_a > 0 && self.actors_b > 0
    }
}

/// The themes a pair of dispositifs shares.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DispositifThemes {
    /// The first dispositif's id.
    pub a: String,
    /// The second dispositif's id.
    pub b: String,
    /// The themes shared, by comparison key (alphabetical, accents aside).
    pub themes: Vec<SharedTheme>,
}

/// What each theme is called and which dispositifs each actor and zone brings in.
struct Sides<'t> {
    territory: &'t Territory,
    /// The members of each dispositif on the date.
    members: BTreeMap<ActorIx, BTreeSet<ActorIx>>,
    /// The dispositifs each actor belongs to (as in the articulation's joint actions).
    member_of: HashMap<ActorIx, Vec<ActorIx>>,
}

impl<'t> Sides<'t> {
    fn new(territory: &'t Territory, date: Option<Date>) -> Self {
        let members = dispositif_members(territory, date);
        let mut member_of: HashMap<ActorIx, Vec<ActorIx>> = HashMap::new();
        for (&d, of) in &members {
            for &x in of {
                member_of.entry(x).or_default().push(d);
            }
        }
        Self {
            territory,
            members,
            member_of,
        }
    }

    /// The dispositifs an action involves: those among its actors, and those its
    /// actors are members of, sorted.
    fn of_action(&self, actors: &[ActorIx]) -> Vec<ActorIx> {
        let mut sides: Vec<ActorIx> = Vec::new();
        for &x in actors {
            if self.territory.actor(x).is_dispositif() {
                sides.push(x);
            }
            sides.extend(self.member_of.get(&x).into_iter().flatten());
        }
        sides.sort_unstable();
        sides.dedup();
        sides
    }

    /// How many of dispositif `d` and its members work on each theme, by key.
    fn theme_counts(&self, d: ActorIx) -> HashMap<&'t str, usize> {
        let mut counts: HashMap<&str, usize> = HashMap::new();
        let t = self.territory;
        let members = self.members.get(&d).into_iter().flatten();
        for x in std::iter::once(&d).chain(members) {
            let keys: BTreeSet<&str> = t.actor(*x).themes.iter().map(|th| th.key()).collect();
            for k in keys {
                *counts.entry(k).or_default() += 1;
            }
        }
        counts
    }
}

/// Whether a dispositif serving the zones `serves` serves `zone`: it names it, or names
/// a zone of another layer whose outline holds `zone`'s anchor point (border included),
/// the rule of the zones' dispositifs (docs/analyses.md §2).
fn serves_zone(
    territory: &Territory,
    serves: &[ZoneRef],
    zone: ZoneRef,
    memo: &mut HashMap<(ZoneRef, ZoneRef), bool>,
) -> bool {
    serves.iter().any(|&w| {
        if w == zone {
            return true;
        }
        if w.layer == zone.layer {
            return false;
        }
        *memo.entry((w, zone)).or_insert_with(|| {
            let anchor = territory.zone(zone).anchor;
            let point = Point::new(anchor.lon, anchor.lat);
            territory.zone(w).geometry.intersects(&point)
        })
    })
}

/// The themes each given pair of dispositifs shares on `date` (every relation and
/// action when `None`), aligned with `pairs`.
///
/// A theme is shared by dispositifs A and B when at least one of these holds:
/// - **members**: it is a theme of A or of a member of A, and of B or of a member of B
///   (members as in [`dispositif_members`]);
/// - **joint action**: it is a theme of a joint action of A and B (an action valid on
///   the date whose actors include A or a member of A, and B or a member of B);
/// - **needs**: a need on it was found in a zone both serve (`serves` names the zone,
///   or a zone of another layer holding its anchor point).
///
/// # Complexity
/// O(R + Σ members' themes + Σ_actions s² t + N · S + P · T) for R relations, actions
/// of s dispositifs and t themes, N needs, S zones served by the dispositifs of the
/// pairs, P pairs and T themes per dispositif.
///
/// # Example
/// ```
/// # let territory = maillage::load_bundle("../../data/lyon7".as_ref()).unwrap().territory;
/// use maillage::network::shared_themes;
/// let cpts = territory.actor_by_id("cpts_lyon7").unwrap();
/// let asv = territory.actor_by_id("asv_gerland").unwrap();
/// let shared = shared_themes(&territory, territory.date, &[(cpts, asv)]);
/// assert!(shared[0].themes.iter().any(|t| t.theme == "prévention" && t.from_members()));
/// ```
pub fn shared_themes(
    territory: &Territory,
    date: Option<Date>,
    pairs: &[(ActorIx, ActorIx)],
) -> Vec<DispositifThemes> {
    let sides = Sides::new(territory, date);
    // each theme's label: its first spelling in the bundle
    let mut labels: HashMap<&str, &str> = HashMap::new();
    let actor_themes = territory.actors.iter().flat_map(|a| &a.themes);
    let action_themes = territory.actions.iter().flat_map(|a| &a.themes);
    let need_themes = territory.needs.iter().map(|n| &n.theme);
    for t in actor_themes.chain(action_themes).chain(need_themes) {
        labels.entry(t.key()).or_insert(t.label());
    }
    let wanted: BTreeSet<ActorIx> = pairs.iter().flat_map(|&(a, b)| [a, b]).collect();
    let ordered = |a: ActorIx, b: ActorIx| (a.min(b), a.max(b));
    // joint actions by pair and theme
    let mut joint: HashMap<(ActorIx, ActorIx), BTreeMap<&str, Vec<usize>>> = HashMap::new();
    for (i, action) in territory.actions.iter().enumerate() {
        if action.themes.is_empty() || !date.is_none_or(|d| action.validity.contains(d)) {
            continue;
        }
        let involved = sides.of_action(&action.actors());
        let involved: Vec<ActorIx> = involved
            .into_iter()
            .filter(|d| wanted.contains(d))
            .collect();
        let keys: BTreeSet<&str> = action.themes.iter().map(|t| t.key()).collect();
        for (k, &a) in involved.iter().enumerate() {
            for &b in &involved[k + 1..] {
                let by_theme = joint.entry(ordered(a, b)).or_default();
                for &key in &keys {
                    by_theme.entry(key).or_default().push(i);
                }
            }
        }
    }
    // needs by pair and theme, in the zones both serve
    let mut needs: HashMap<(ActorIx, ActorIx), BTreeMap<&str, Vec<ZoneRef>>> = HashMap::new();
    let mut memo = HashMap::new();
    for need in &territory.needs {
        let serving: Vec<ActorIx> = wanted
            .iter()
            .copied()
            .filter(|&d| serves_zone(territory, &territory.actor(d).serves, need.zone, &mut memo))
            .collect();
        for (k, &a) in serving.iter().enumerate() {
            for &b in &serving[k + 1..] {
                let zones = needs
                    .entry((a, b))
                    .or_default()
                    .entry(need.theme.key())
                    .or_default();
                if !zones.contains(&need.zone) {
                    zones.push(need.zone);
                }
            }
        }
    }
    let counts: HashMap<ActorIx, HashMap<&str, usize>> =
        wanted.iter().map(|&d| (d, sides.theme_counts(d))).collect();
    pairs
        .iter()
        .map(|&(a, b)| {
            let key = ordered(a, b);
            let (ca, cb) = (&counts[&a], &counts[&b]);
            let joint = joint.get(&key);
            let needs = needs.get(&key);
            let mut themes: BTreeSet<&str> =
                ca.keys().filter(|k| cb.contains_key(*k)).copied().collect();
            themes.extend(joint.into_iter().flat_map(|j| j.keys().copied()));
            themes.extend(needs.into_iter().flat_map(|n| n.keys().copied()));
            let themes = themes
                .into_iter()
                .map(|k| SharedTheme {
                    theme: labels.get(k).copied().unwrap_or(k).to_owned(),
                    actors_a: ca.get(k).copied().unwrap_or(0),
                    actors_b: cb.get(k).copied().unwrap_or(0),
                    joint_actions: joint
                        .and_then(|j| j.get(k))
                        .into_iter()
                        .flatten()
                        .map(|&i| territory.actions[i].id.clone())
                        .collect(),
                    need_zones: needs
                        .and_then(|n| n.get(k))
                        .into_iter()
                        .flatten()
                        .map(|&z| territory.zone_label(z))
                        .collect(),
                })
                .collect();
            DispositifThemes {
                a: territory.actor(a).id.clone(),
                b: territory.actor(b).id.clone(),
                themes,
            }
        })
        .collect()
}
