//! The network's ties with the relation kinds between their ends: what the maps, the
//! graph files and the report draw, projected once per diagnosis.

use crate::model::{ActorIx, Date, RelationKind, Territory};

/// An edge of the network: its two ends (smaller index first), its summed weight and
/// the relation kinds between them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Tie {
    /// The end of smaller index.
    pub a: ActorIx,
    /// The end of larger index.
    pub b: ActorIx,
    /// The summed weights of the relations, in file order.
    pub weight: f64,
    /// Bit `k` for [`RelationKind::ALL`]`[k]`.
    kinds: u8,
}

impl Tie {
    /// The relation kinds between the two ends, in the order of the bundle format.
    pub fn kinds(&self) -> impl Iterator<Item = RelationKind> + '_ {
        RelationKind::ALL
            .into_iter()
            .enumerate()
            .filter(|(k, _)| self.kinds & (1 << k) != 0)
            .map(|(_, kind)| kind)
    }
}

/// The edges of the network on a date (those of [`Network::project`](super::Network::project):
/// one per pair of actors tied by a relation valid that day, self-relations left out,
/// weights summed in file order), in the same order (by their ends), with the kinds of
/// each: made from the relations sorted by their ends, 12 bytes a relation, rather
/// than from the graph and a map of kinds.
#[derive(Debug, Clone, Default)]
pub struct Ties {
    /// One entry per relation valid on the date, sorted by its ends then its row.
    ends: Vec<End>,
    /// The largest weight of a tie.
    max_weight: f64,
}

/// A relation as a tie needs it: what is read while the ties are made, in one place
/// rather than in relations scattered in memory.
#[derive(Debug, Clone)]
struct End {
    a: u32,
    b: u32,
    /// Row in `relations.csv`.
    row: u32,
    /// Place of the kind in [`RelationKind::ALL`].
    kind: u8,
    weight: f64,
}

impl Ties {
    /// The ties of the relations valid on `date` (all of them for `None`).
    pub fn of(territory: &Territory, date: Option<Date>) -> Self {
        let mut ends: Vec<End> = territory
            .relations
            .iter()
            .enumerate()
            .filter(|(_, r)| r.source != r.target && date.is_none_or(|d| r.validity.contains(d)))
            .map(|(i, r)| {
                let (s, t) = (r.source.0, r.target.0);
                End {
                    a: s.min(t),
                    b: s.max(t),
                    row: i as u32,
                    kind: RelationKind::ALL
                        .iter()
                        .position(|&k| k == r.kind)
                        .unwrap_or(0) as u8,
                    weight: r.weight,
                }
            })
            .collect();
        // Unique keys (the row): the order is the same whatever the sort.
        ends.sort_unstable_by_key(|e| (e.a, e.b, e.row));
        let mut ties = Self {
            ends,
            max_weight: 0.0,
        };
        ties.max_weight = ties.iter().map(|t| t.weight).fold(0.0_f64, f64::max);
        ties
    }

    /// Every tie, by its ends.
    pub fn iter(&self) -> impl Iterator<Item = Tie> + '_ {
        self.ends
            .chunk_by(|x, y| (x.a, x.b) == (y.a, y.b))
            .map(|group| {
                let mut tie = Tie {
                    a: ActorIx(group[0].a),
                    b: ActorIx(group[0].b),
                    weight: 0.0,
                    kinds: 0,
                };
                // In file order, as the network sums them.
                for e in group {
                    tie.weight += e.weight;
                    tie.kinds |= 1 << e.kind;
                }
                tie
            })
    }

    /// The largest weight of a tie; 0 without ties.
    pub fn max_weight(&self) -> f64 {
        self.max_weight
    }
}
