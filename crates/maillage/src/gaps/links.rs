//! Suggested links: pairs of actors of different groups that share a theme and a place
//! but have no relation yet, ranked by how much they have in common.

use super::reach::Reach;
use crate::model::{ActorIx, Territory, ZoneRef};
use crate::network::Network;
use crate::spatial::{haversine_m, SiteIndex};
use petgraph::graph::NodeIndex;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// A link worth making, with the reasons.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SuggestedLink {
    /// One actor's id (the smaller id of the two).
    pub a: String,
    /// The other actor's id.
    pub b: String,
    /// `jaccard + adamic_adar`.
    pub score: f64,
    /// Jaccard similarity of their themes.
    pub jaccard: f64,
    /// Σ 1 / ln(deg w) over their common neighbours w (Adamic–Adar).
    pub adamic_adar: f64,
    /// Group of `a`.
    pub group_a: String,
    /// Group of `b`.
    pub group_b: String,
    /// Their shared themes, as `a` writes them, by comparison key.
    pub shared_themes: Vec<String>,
    /// Ids of their common neighbours, in bundle order.
    pub common_neighbours: Vec<String>,
    /// Distance between them, when both are located.
    ///
    /// # Units
    /// Metres.
    pub distance_m: Option<f64>,
    /// Zones both serve (`layer:id`), a zone of the coverage layer counting as served
    /// when a served zone of another layer contains its anchor point.
    pub common_zones: Vec<String>,
}

/// Suggested links (spec/ANALYSES.md §3): pairs (u, v) with no relation on the
/// network's date, in different groups, sharing at least one theme, and either within
/// the catchment distance of each other or serving a common zone. Score =
/// Jaccard(themes(u), themes(v)) + Σ_{w ∈ N(u) ∩ N(v)} 1 / ln(deg w) (Adamic–Adar; a
/// common neighbour has degree ≥ 2).
///
/// Candidates never come from all n² pairs: for each theme, an R-tree of the actors
/// carrying it yields the pairs within the catchment, and each (served zone, theme)
/// yields the actors serving that zone.
///
/// # Arguments
/// * `territory`: the territory (catchment from its analysis settings).
/// * `network`: its projection on the date of interest.
/// * `attribute`: the partition defining groups (`sector`, `kind`, ...).
/// * `top`: how many links to return.
///
/// # Returns
/// At most `top` links, by decreasing score, ties broken by (a, b) ids.
///
/// # Complexity
/// O(Σ_t n_t log n_t + P · (θ + d)) for n_t actors carrying theme t, P candidate
/// pairs (pairs sharing a theme within the catchment or a served zone), θ themes and d
/// degree per actor.
///
/// # Example
/// ```
/// # let territory = maillage::io::load_bundle("../../data/lyon7".as_ref()).unwrap().territory;
/// use maillage::gaps::suggested_links;
/// use maillage::network::Network;
/// let network = Network::project(&territory, territory.date);
/// let links = suggested_links(&territory, &network, "sector", 5);
/// assert_eq!(links.len(), 5);
/// assert!(links.windows(2).all(|w| w[0].score >= w[1].score));
/// assert!(links.iter().all(|l| l.group_a != l.group_b && !l.shared_themes.is_empty()));
/// ```
pub fn suggested_links(
    territory: &Territory,
    network: &Network,
    attribute: &str,
    top: usize,
) -> Vec<SuggestedLink> {
    let n = territory.actors.len();
    let catchment = territory.analysis.catchment_m;
    let adjacency = neighbour_lists(network);
    let theme_keys: Vec<Vec<&str>> = territory
        .actors
        .iter()
        .map(|a| {
            let mut keys: Vec<&str> = a.themes.iter().map(|t| t.key()).collect();
            keys.sort_unstable();
            keys.dedup();
            keys
        })
        .collect();

    // zones each actor serves, in the coverage layer and as named
    let mut reach = Reach::new(territory);
    let coverage_layer = territory.analysis.coverage_layer;
    let served: Vec<BTreeSet<ZoneRef>> = territory
        .actors
        .iter()
        .map(|a| {
            let mut zones = BTreeSet::new();
            for &named in &a.serves {
                zones.insert(named);
                for &z in reach.zones(named, coverage_layer) {
                    zones.insert(ZoneRef {
                        layer: coverage_layer,
                        zone: z,
                    });
                }
            }
            zones
        })
        .collect();

    // candidates: same theme within the catchment, or same theme and served zone
    let mut located_by_theme: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    let mut serving_by_zone_theme: BTreeMap<(ZoneRef, &str), Vec<usize>> = BTreeMap::new();
    for (i, keys) in theme_keys.iter().enumerate() {
        for &key in keys {
            if territory.actors[i].location.is_some() {
                located_by_theme.entry(key).or_default().push(i);
            }
            for &zone in &served[i] {
                serving_by_zone_theme
                    .entry((zone, key))
                    .or_default()
                    .push(i);
            }
        }
    }
    let mut pairs: Vec<(u32, u32)> = Vec::new();
    for actors in located_by_theme.values().filter(|v| v.len() > 1) {
        let locations: Vec<_> = actors
            .iter()
            .filter_map(|&i| territory.actors[i].location)
            .collect();
        let index = SiteIndex::new(&locations);
        for (p, &u) in actors.iter().enumerate() {
            for (q, _) in index.within(locations[p], catchment) {
                let v = actors[q as usize];
                if u < v {
                    pairs.push((u as u32, v as u32));
                }
            }
        }
    }
    for actors in serving_by_zone_theme.values() {
        for (p, &u) in actors.iter().enumerate() {
            for &v in &actors[p + 1..] {
                pairs.push((u as u32, v as u32));
            }
        }
    }
    pairs.sort_unstable();
    pairs.dedup();

    let group = |i: usize| territory.group_of(ActorIx(i as u32), attribute);
    let mut links: Vec<SuggestedLink> = pairs
        .into_iter()
        .map(|(u, v)| (u as usize, v as usize))
        .filter(|&(u, v)| {
            debug_assert!(u < n && v < n);
            group(u) != group(v) && adjacency[u].binary_search(&(v as u32)).is_err()
        })
        .map(|(u, v)| {
            let (ku, kv) = (&theme_keys[u], &theme_keys[v]);
            let shared: Vec<&str> = ku.iter().filter(|k| kv.contains(k)).copied().collect();
            let union = ku.len() + kv.len() - shared.len();
            let jaccard = shared.len() as f64 / union as f64;
            let common = intersect(&adjacency[u], &adjacency[v]);
            let adamic_adar = common.iter().fold(0.0, |sum, &w| {
                sum + 1.0 / (adjacency[w as usize].len() as f64).ln()
            });
            let (au, av) = (&territory.actors[u], &territory.actors[v]);
            let (a, b) = if au.id <= av.id { (u, v) } else { (v, u) };
            let label = |key: &str| {
                territory.actors[a]
                    .themes
                    .iter()
                    .find(|t| t.key() == key)
                    .map_or_else(|| key.to_owned(), |t| t.label().to_owned())
            };
            SuggestedLink {
                a: territory.actors[a].id.clone(),
                b: territory.actors[b].id.clone(),
                score: jaccard + adamic_adar,
                jaccard,
                adamic_adar,
                group_a: group(a).to_owned(),
                group_b: group(b).to_owned(),
                shared_themes: shared.iter().map(|k| label(k)).collect(),
                common_neighbours: common
                    .iter()
                    .map(|&w| territory.actors[w as usize].id.clone())
                    .collect(),
                distance_m: au.location.zip(av.location).map(|(p, q)| haversine_m(p, q)),
                common_zones: served[u]
                    .intersection(&served[v])
                    .map(|&z| territory.zone_label(z))
                    .collect(),
            }
        })
        .collect();
    links.sort_by(|x, y| {
        y.score
            .total_cmp(&x.score)
            .then_with(|| x.a.cmp(&y.a))
            .then_with(|| x.b.cmp(&y.b))
    });
    links.truncate(top);
    links
}

/// Sorted, deduplicated neighbour lists of the network.
fn neighbour_lists(network: &Network) -> Vec<Vec<u32>> {
    (0..network.node_count())
        .map(|i| {
            let mut list: Vec<u32> = network
                .graph
                .neighbors(NodeIndex::new(i))
                .filter(|w| w.index() != i)
                .map(|w| w.index() as u32)
                .collect();
            list.sort_unstable();
            list.dedup();
            list
        })
        .collect()
}

/// The common elements of two sorted lists.
fn intersect(a: &[u32], b: &[u32]) -> Vec<u32> {
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                out.push(a[i]);
                i += 1;
                j += 1;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::intersect;

    #[test]
    fn intersects_sorted_lists() {
        assert_eq!(intersect(&[1, 3, 5, 7], &[2, 3, 7, 9]), [3, 7]);
        assert!(intersect(&[], &[1]).is_empty());
    }
}
