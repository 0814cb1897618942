//! Shared themes between dispositifs (docs/analyses.md §5, "Shared themes"): the
//! subjects two coordination schemes have in common, "Quels sont les sujets communs ?",
//! each with where it comes from: their members' themes, their joint actions, the needs
//! of the zones both serve.

use super::dispositifs::dispositif_members;
use crate::model::{ActorIx, Date, LayerIx, Reach, Territory, ZoneRef};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

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

/// The dispositifs among `dispositifs` that serve each zone holding a need, sorted: a
/// dispositif serves a zone it names, and the zones of another layer whose anchor
/// point its zones' outlines hold (border included), the rule of the zones'
/// dispositifs (docs/analyses.md §2).
fn serving_need_zones(
    territory: &Territory,
    dispositifs: &BTreeSet<ActorIx>,
) -> HashMap<ZoneRef, Vec<ActorIx>> {
    let need_zones: HashSet<ZoneRef> = territory.needs.iter().map(|n| n.zone).collect();
    let layers: BTreeSet<LayerIx> = need_zones.iter().map(|z| z.layer).collect();
    let mut reach = Reach::new(territory);
    let mut serving: HashMap<ZoneRef, Vec<ActorIx>> = HashMap::new();
    for &d in dispositifs {
        for &named in &territory.actor(d).serves {
            for &layer in &layers {
                for &zone in reach.zones(named, layer) {
                    let zone = ZoneRef { layer, zone };
                    if need_zones.contains(&zone) {
                        serving.entry(zone).or_default().push(d);
                    }
                }
            }
        }
    }
    // in increasing order already, a dispositif once for each of its named zones
    for of in serving.values_mut() {
        of.dedup();
    }
    serving
}

/// Calls `each(a, b)` for every pair asked for (`partners` of each first dispositif)
/// whose two dispositifs are among `sorted`: O(Σ partners · log s), where every pair of
/// `sorted` would be s².
fn for_pairs_among(
    partners: &HashMap<ActorIx, BTreeSet<ActorIx>>,
    sorted: &[ActorIx],
    mut each: impl FnMut(ActorIx, ActorIx),
) {
    for &a in sorted {
        for &b in partners.get(&a).into_iter().flatten() {
            if sorted.binary_search(&b).is_ok() {
                each(a, b);
            }
        }
    }
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
/// O(R + Σ members' themes + Σ_actions s · p · t + N · s · p + Z + P · T) for R
/// relations, actions and needs involving s dispositifs of p pairs each on average
/// and t themes, N needs, Z zones the dispositifs of the pairs reach, P pairs and T
/// themes per dispositif; the memory is that of the pairs asked for, not of every pair
/// of dispositifs meeting in an action or a zone.
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
    // the pairs asked for, each from its first dispositif: only these are gathered
    let mut partners: HashMap<ActorIx, BTreeSet<ActorIx>> = HashMap::new();
    for &(a, b) in pairs {
        let (a, b) = ordered(a, b);
        partners.entry(a).or_default().insert(b);
    }
    // joint actions by pair and theme
    let mut joint: HashMap<(ActorIx, ActorIx), BTreeMap<&str, Vec<usize>>> = HashMap::new();
    for (i, action) in territory.actions.iter().enumerate() {
        if action.themes.is_empty() || !date.is_none_or(|d| action.validity.contains(d)) {
            continue;
        }
        let involved = sides.of_action(&action.actors());
        let keys: BTreeSet<&str> = action.themes.iter().map(|t| t.key()).collect();
        for_pairs_among(&partners, &involved, |a, b| {
            let by_theme = joint.entry((a, b)).or_default();
            for &key in &keys {
                by_theme.entry(key).or_default().push(i);
            }
        });
    }
    // needs by pair and theme, in the zones both serve
    let serving = serving_need_zones(territory, &wanted);
    let mut needs: HashMap<(ActorIx, ActorIx), BTreeMap<&str, Vec<ZoneRef>>> = HashMap::new();
    for need in &territory.needs {
        let Some(serving) = serving.get(&need.zone) else {
            continue;
        };
        for_pairs_among(&partners, serving, |a, b| {
            let zones = needs
                .entry((a, b))
                .or_default()
                .entry(need.theme.key())
                .or_default();
            if !zones.contains(&need.zone) {
                zones.push(need.zone);
            }
        });
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
