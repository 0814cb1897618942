//! Access by the cost table against access by straight line (docs/analyses.md §2, "With a
//! cost table"): for each required kind, the zones ranked from the worst served by each,
//! the worst served by each and the zones that change between the two.

use serde::Serialize;

/// Access by a cost table beside access by straight line, for every required kind.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RoadComparison {
    /// How many zones are "the worst served" by each: a fifth of the ranked zones,
    /// rounded up, at least 3, never more than the ranked zones ([`worst_count`]).
    pub worst: usize,
    /// One entry per required kind, in manifest order.
    pub kinds: Vec<RoadAccess>,
}

/// One required kind's access by the cost table and by straight line.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RoadAccess {
    /// The kind.
    pub kind: String,
    /// The ranked zones (those with a population), in file order.
    pub zones: Vec<RoadZone>,
    /// The ids of the worst served zones by the cost table, the worst first.
    pub worst_by_road: Vec<String>,
    /// The ids of the worst served zones by straight line, the worst first.
    pub worst_by_straight_line: Vec<String>,
    /// Among the worst served by the cost table and not by straight line, in the order
    /// of `worst_by_road`.
    pub only_by_road: Vec<String>,
    /// Among the worst served by straight line and not by the cost table, in the order
    /// of `worst_by_straight_line`.
    pub only_by_straight_line: Vec<String>,
}

/// A zone's access to a kind both ways, and its rank by each.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RoadZone {
    /// The zone's index in [`Coverage::zones`](super::Coverage::zones).
    pub zone: usize,
    /// Zone id.
    pub id: String,
    /// Zone name.
    pub name: String,
    /// Access with the cost table (per 10,000 inhabitants, as
    /// [`ZoneIndicators::access`](super::ZoneIndicators::access)).
    pub by_road: f64,
    /// Access by straight line, as without the table: haversine distances within
    /// `[analysis] catchment_m`, the weights of `[analysis] access`.
    pub by_straight_line: f64,
    /// Rank by the cost table: 1 for the worst served (the lowest access), ties in the
    /// order of zone ids.
    pub road_rank: usize,
    /// Rank by straight line, the same way.
    pub straight_line_rank: usize,
}

/// How many zones count as the worst served among `ranked`: a fifth, rounded up, at
/// least 3, at most `ranked`.
///
/// # Example
/// ```
/// use maillage::spatial::worst_count;
/// assert_eq!(worst_count(24), 5);
/// assert_eq!(worst_count(10), 3);
/// assert_eq!(worst_count(2), 2);
/// ```
pub fn worst_count(ranked: usize) -> usize {
    ranked.div_ceil(5).max(3).min(ranked)
}

/// The ranks of `values` (1 for the lowest), ties in the order of `ids`.
fn ranks(values: &[f64], ids: &[&str]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_by(|&i, &j| {
        values[i]
            .total_cmp(&values[j])
            .then_with(|| ids[i].cmp(ids[j]))
    });
    let mut rank = vec![0; values.len()];
    for (r, i) in order.into_iter().enumerate() {
        rank[i] = r + 1;
    }
    rank
}

/// One kind's comparison: `zones` are (index, id, name) of the ranked zones, `road` and
/// `straight` the access of every zone of the layer.
pub(super) fn road_access(
    kind: &str,
    zones: &[(usize, &str, &str)],
    road: &[f64],
    straight: &[f64],
    worst: usize,
) -> RoadAccess {
    let ids: Vec<&str> = zones.iter().map(|z| z.1).collect();
    let by_road: Vec<f64> = zones.iter().map(|z| road[z.0]).collect();
    let by_line: Vec<f64> = zones.iter().map(|z| straight[z.0]).collect();
    let (road_rank, line_rank) = (ranks(&by_road, &ids), ranks(&by_line, &ids));
    let worst_of = |rank: &[usize]| {
        let mut w: Vec<(usize, String)> = rank
            .iter()
            .zip(&ids)
            .filter(|(&r, _)| r <= worst)
            .map(|(&r, id)| (r, (*id).to_owned()))
            .collect();
        w.sort();
        w.into_iter().map(|(_, id)| id).collect::<Vec<String>>()
    };
    let (worst_by_road, worst_by_straight_line) = (worst_of(&road_rank), worst_of(&line_rank));
    let only =
        |a: &[String], b: &[String]| a.iter().filter(|id| !b.contains(id)).cloned().collect();
    RoadAccess {
        kind: kind.to_owned(),
        only_by_road: only(&worst_by_road, &worst_by_straight_line),
        only_by_straight_line: only(&worst_by_straight_line, &worst_by_road),
        worst_by_road,
        worst_by_straight_line,
        zones: zones
            .iter()
            .enumerate()
            .map(|(k, &(zone, id, name))| RoadZone {
                zone,
                id: id.to_owned(),
                name: name.to_owned(),
                by_road: by_road[k],
                by_straight_line: by_line[k],
                road_rank: road_rank[k],
                straight_line_rank: line_rank[k],
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranks_the_lowest_first_and_ties_by_id() {
        let zones = [(0, "b", "B"), (1, "a", "A"), (2, "c", "C"), (3, "d", "D")];
        let road = [1.0, 1.0, 0.5, 9.0];
        let line = [9.0, 0.5, 1.0, 0.0];
        let r = road_access("k", &zones, &road, &line, 3);
        let ranks: Vec<(usize, usize)> = r
            .zones
            .iter()
            .map(|z| (z.road_rank, z.straight_line_rank))
            .collect();
        assert_eq!(ranks, [(3, 4), (2, 2), (1, 3), (4, 1)]);
        assert_eq!(r.worst_by_road, ["c", "a", "b"]);
        assert_eq!(r.worst_by_straight_line, ["d", "a", "c"]);
        assert_eq!(
            (r.only_by_road, r.only_by_straight_line),
            (vec!["b".to_owned()], vec!["d".to_owned()])
        );
    }
}
