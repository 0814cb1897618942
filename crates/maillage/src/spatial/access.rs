//! Spatial accessibility (docs/analyses.md §2): a sparse cost matrix between zones and
//! supply sites, the two-step floating catchment area (2SFCA) and its enhanced,
//! distance-weighted variant (E2SFCA), and the distance to the nearest site.
//!
//! Sites are indexed in an R-tree of their unit vectors on the sphere (x, y, z): the
//! straight-line (chord) distance between two unit vectors grows with the great-circle
//! distance, with no distortion anywhere, so "within d metres" and "nearest" are exact
//! R-tree queries, refined by the spec's haversine distance. Only the pairs within the
//! catchment are ever materialised.

use crate::model::{haversine_m, EARTH_RADIUS_M};
use crate::model::{ActorIx, Destination, LonLat, Territory, TravelCosts, ZoneIx};
use rayon::prelude::*;
use rstar::primitives::GeomWithData;
use rstar::RTree;
use serde::Serialize;
use std::f64::consts::PI;

/// Access and density are reported per this many inhabitants: multiply the ratios of
/// [`two_step_fca`] and [`enhanced_two_step_fca`] by it.
pub const PER_INHABITANTS: f64 = 10_000.0;

/// Below this many queries, the work is done on the calling thread.
const PARALLEL_THRESHOLD: usize = 256;

type Site = GeomWithData<[f64; 3], u32>;

/// The point as a unit vector of R³.
pub(crate) fn unit_vector(p: LonLat) -> [f64; 3] {
    let (lat, lon) = (p.lat.to_radians(), p.lon.to_radians());
    [lat.cos() * lon.cos(), lat.cos() * lon.sin(), lat.sin()]
}

/// The chord between two unit vectors whose great-circle distance is `distance_m`.
pub(crate) fn chord(distance_m: f64) -> f64 {
    if distance_m >= PI * EARTH_RADIUS_M {
        2.0
    } else {
        2.0 * (distance_m / (2.0 * EARTH_RADIUS_M)).sin()
    }
}

/// A chord slightly longer than [`chord`], so that rounding never drops a site whose
/// haversine distance is within `distance_m`.
fn search_chord(distance_m: f64) -> f64 {
    chord(distance_m) * (1.0 + 1e-9) + 1e-12
}

/// An R-tree over supply sites (points), answering "which sites lie within d metres"
/// and "which site is nearest", by great-circle (haversine) distance.
///
/// # Example
/// ```
/// use maillage::model::LonLat;
/// use maillage::spatial::SiteIndex;
/// let sites = [LonLat { lon: 4.84, lat: 45.75 }, LonLat { lon: 4.86, lat: 45.75 }];
/// let index = SiteIndex::new(&sites);
/// let here = LonLat { lon: 4.841, lat: 45.75 };
/// let (nearest, d) = index.nearest(here).unwrap();
/// assert_eq!(nearest, 0);
/// assert!((d - 77.6).abs() < 0.1); // 0.001° of longitude at 45.75° N
/// assert_eq!(index.within(here, 1000.0).len(), 1);
/// ```
#[derive(Debug, Clone)]
pub struct SiteIndex {
    sites: Vec<LonLat>,
    tree: RTree<Site>,
}

impl SiteIndex {
    /// Indexes sites; a site's index is its position in `sites`.
    ///
    /// # Complexity
    /// O(s log s) for s sites.
    pub fn new(sites: &[LonLat]) -> Self {
        let points = sites
            .iter()
            .enumerate()
            .map(|(i, &p)| GeomWithData::new(unit_vector(p), i as u32))
            .collect();
        Self {
            sites: sites.to_vec(),
            tree: RTree::bulk_load(points),
        }
    }

    /// Number of sites.
    pub fn len(&self) -> usize {
        self.sites.len()
    }

    /// Whether there is no site.
    pub fn is_empty(&self) -> bool {
        self.sites.is_empty()
    }

    /// The sites, in index order.
    pub fn sites(&self) -> &[LonLat] {
        &self.sites
    }

    /// Every site within `max_m` of `p` (haversine distance ≤ `max_m`).
    ///
    /// # Returns
    /// (site index, distance) pairs, by site index.
    ///
    /// # Units
    /// Metres.
    pub fn within(&self, p: LonLat, max_m: f64) -> Vec<(u32, f64)> {
        let r = search_chord(max_m);
        let mut found: Vec<(u32, f64)> = self
            .tree
            .locate_within_distance(unit_vector(p), r * r)
            .filter_map(|s| {
                let d = haversine_m(p, self.sites[s.data as usize]);
                (d <= max_m).then_some((s.data, d))
            })
            .collect();
        found.sort_unstable_by_key(|&(i, _)| i);
        found
    }

    /// The site nearest to `p` by haversine distance (the smallest index among equally
    /// near sites), with its distance; `None` when there is no site.
    ///
    /// # Units
    /// Metres.
    pub fn nearest(&self, p: LonLat) -> Option<(usize, f64)> {
        let mut best: Option<(usize, f64)> = None;
        let mut limit = f64::INFINITY;
        for (s, d2) in self
            .tree
            .nearest_neighbor_iter_with_distance_2(&unit_vector(p))
        {
            if d2.sqrt() > limit {
                break;
            }
            let i = s.data as usize;
            let d = haversine_m(p, self.sites[i]);
            let better = match best {
                None => true,
                Some((j, e)) => d < e || (d == e && i < j),
            };
            if better {
                best = Some((i, d));
                limit = search_chord(d);
            }
        }
        best
    }
}

/// Great-circle distances between zones (their anchor points) and supply sites, kept
/// only up to a maximum cost: a sparse matrix, stored by zone and by site.
///
/// # Example
/// ```
/// use maillage::model::LonLat;
/// use maillage::spatial::CostMatrix;
/// let zones = [LonLat { lon: 4.84, lat: 45.75 }, LonLat { lon: 4.90, lat: 45.75 }];
/// let sites = [LonLat { lon: 4.841, lat: 45.75 }];
/// let cost = CostMatrix::haversine_within(&zones, &sites, 1000.0);
/// assert_eq!(cost.entry_count(), 1); // the second zone is 4.6 km away
/// assert!(cost.get(0, 0).is_some() && cost.get(1, 0).is_none());
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct CostMatrix {
    zones: usize,
    sites: usize,
    max_cost: f64,
    zone_start: Vec<usize>,
    by_zone: Vec<(u32, f64)>,
    site_start: Vec<usize>,
    by_site: Vec<(u32, f64)>,
}

impl CostMatrix {
    /// The haversine distances from each origin to each site within `max_m`.
    ///
    /// # Arguments
    /// * `origins`: the zones' anchor points (zone i is `origins[i]`).
    /// * `sites`: the supply sites (site j is `sites[j]`).
    /// * `max_m`: the largest distance kept (the catchment).
    ///
    /// # Complexity
    /// O((z + s) log s + k) for z origins, s sites and k pairs within `max_m`, spread
    /// over rayon's threads; memory O(z + s + k), never O(z · s).
    ///
    /// # Units
    /// Metres.
    pub fn haversine_within(origins: &[LonLat], sites: &[LonLat], max_m: f64) -> Self {
        let index = SiteIndex::new(sites);
        let rows: Vec<Vec<(u32, f64)>> = if origins.len() < PARALLEL_THRESHOLD {
            origins.iter().map(|&p| index.within(p, max_m)).collect()
        } else {
            origins
                .par_iter()
                .with_min_len(64)
                .map(|&p| index.within(p, max_m))
                .collect()
        };
        Self::from_rows(rows, sites.len(), max_m)
    }

    /// A matrix from (zone, site, cost) entries, e.g. travel times from a routing
    /// engine; entries above `max_cost` are dropped.
    ///
    /// # Panics
    /// When an index is out of range, a cost is negative or not a number, or a pair is
    /// given twice.
    ///
    /// # Example
    /// ```
    /// use maillage::spatial::CostMatrix;
    /// let cost = CostMatrix::from_entries(2, 1, 30.0, [(0, 0, 10.0), (1, 0, 45.0)]);
    /// assert_eq!(cost.sites_of(0), [(0, 10.0)]);
    /// assert!(cost.sites_of(1).is_empty());
    /// ```
    pub fn from_entries(
        zones: usize,
        sites: usize,
        max_cost: f64,
        entries: impl IntoIterator<Item = (usize, usize, f64)>,
    ) -> Self {
        let mut rows: Vec<Vec<(u32, f64)>> = vec![Vec::new(); zones];
        for (z, s, c) in entries {
            assert!(z < zones && s < sites, "entry ({z}, {s}) out of range");
            assert!(c >= 0.0, "cost of ({z}, {s}) is {c}: expected a number ≥ 0");
            if c <= max_cost {
                rows[z].push((s as u32, c));
            }
        }
        for (z, row) in rows.iter_mut().enumerate() {
            row.sort_unstable_by_key(|&(s, _)| s);
            if let Some(w) = row.windows(2).find(|w| w[0].0 == w[1].0) {
                panic!("pair ({z}, {}) given twice", w[0].0);
            }
        }
        Self::from_rows(rows, sites, max_cost)
    }

    /// The costs of a cost table (docs/bundle.md, "Travel costs") between its origin
    /// zones and these suppliers, kept up to `max_cost`: a row naming an actor gives
    /// that actor's cost; a row naming a zone gives its cost to every supplier
    /// `placement` puts in that zone, unless a row names the supplier itself (the
    /// actor's own row wins, within reach or not). A pair the table does not give is
    /// out of reach.
    ///
    /// # Arguments
    /// * `costs`: the table; its origins are the zones (rows) of the matrix.
    /// * `suppliers`: the sites (columns), in their order.
    /// * `placement`: the zone of each actor in the layer of the table's origins.
    /// * `max_cost`: the largest cost kept, in the table's unit.
    ///
    /// # Complexity
    /// O(n + k log k) for n rows of the table and k pairs found, over rayon's threads.
    ///
    /// # Example
    /// ```
    /// use maillage::model::{ActorIx, CostUnit, Destination, LonLat, TravelCosts, ZoneIx};
    /// use maillage::spatial::{Acceptance, CostMatrix, Suppliers};
    /// let here = LonLat { lon: 4.84, lat: 45.75 };
    /// let suppliers = Suppliers {
    ///     kind: "medecin_generaliste".into(),
    ///     acceptance: Acceptance::Any,
    ///     actors: vec![ActorIx(0), ActorIx(1)],
    ///     locations: vec![here, here],
    ///     capacity: vec![1.0, 1.0],
    /// };
    /// // both GPs lie in zone 1; zone 0 reaches zone 1 in 12 minutes, GP 1 in 25
    /// let costs = TravelCosts::new("c.csv", CostUnit::Minutes, 20.0, None, 2, vec![
    ///     (ZoneIx(0), Destination::Zone(ZoneIx(1)), 12.0),
    ///     (ZoneIx(0), Destination::Actor(ActorIx(1)), 25.0),
    /// ]);
    /// let placement = [Some(ZoneIx(1)), Some(ZoneIx(1))];
    /// let cost = CostMatrix::from_travel_costs(&costs, &suppliers, &placement, 20.0);
    /// assert_eq!(cost.sites_of(0), [(0, 12.0)]);
    /// assert!(cost.sites_of(1).is_empty());
    /// ```
    pub fn from_travel_costs(
        costs: &TravelCosts,
        suppliers: &Suppliers,
        placement: &[Option<ZoneIx>],
        max_cost: f64,
    ) -> Self {
        let mut site_of_actor = vec![u32::MAX; placement.len()];
        let zones = costs.zone_count();
        let mut zone_start = vec![0usize; zones + 1];
        for (j, a) in suppliers.actors.iter().enumerate() {
            if let Some(s) = site_of_actor.get_mut(a.index()) {
                *s = j as u32;
            }
            if let Some(Some(z)) = placement.get(a.index()) {
                if (z.0 as usize) < zones {
                    zone_start[z.0 as usize + 1] += 1;
                }
            }
        }
        for i in 1..zone_start.len() {
            zone_start[i] += zone_start[i - 1];
        }
        let mut next = zone_start.clone();
        let mut sites_in_zone = vec![0u32; zone_start[zones]];
        for (j, a) in suppliers.actors.iter().enumerate() {
            if let Some(Some(z)) = placement.get(a.index()) {
                if (z.0 as usize) < zones {
                    sites_in_zone[next[z.0 as usize]] = j as u32;
                    next[z.0 as usize] += 1;
                }
            }
        }
        let row = |z: usize| {
            // (site, cost, 0 for the actor's own row, 1 through its zone)
            let mut found: Vec<(u32, f64, u8)> = Vec::new();
            for (d, c) in costs.from_zone(ZoneIx(z as u32)) {
                match d {
                    Destination::Actor(a) => match site_of_actor.get(a.index()) {
                        Some(&j) if j != u32::MAX => found.push((j, c, 0)),
                        _ => {}
                    },
                    Destination::Zone(zz) => {
                        let zz = zz.0 as usize;
                        if zz < zones {
                            let sites = &sites_in_zone[zone_start[zz]..zone_start[zz + 1]];
                            found.extend(sites.iter().map(|&j| (j, c, 1)));
                        }
                    }
                }
            }
            found.sort_unstable_by_key(|a| (a.0, a.2));
            found.dedup_by_key(|f| f.0);
            found
                .into_iter()
                .filter(|&(_, c, _)| c <= max_cost)
                .map(|(j, c, _)| (j, c))
                .collect::<Vec<(u32, f64)>>()
        };
        Self::from_rows(par_map(zones, row), suppliers.len(), max_cost)
    }

    fn from_rows(rows: Vec<Vec<(u32, f64)>>, sites: usize, max_cost: f64) -> Self {
        let zones = rows.len();
        let mut zone_start = Vec::with_capacity(zones + 1);
        zone_start.push(0);
        let mut site_count = vec![0usize; sites + 1];
        for row in &rows {
            zone_start.push(zone_start.last().copied().unwrap_or(0) + row.len());
            for &(s, _) in row {
                site_count[s as usize + 1] += 1;
            }
        }
        let mut site_start = site_count;
        for j in 1..site_start.len() {
            site_start[j] += site_start[j - 1];
        }
        let total = zone_start[zones];
        let mut by_site = vec![(0u32, 0.0); total];
        let mut next = site_start.clone();
        // zones in increasing order: each site's column comes out sorted by zone
        for (z, row) in rows.iter().enumerate() {
            for &(s, c) in row {
                by_site[next[s as usize]] = (z as u32, c);
                next[s as usize] += 1;
            }
        }
        let by_zone = rows.into_iter().flatten().collect();
        Self {
            zones,
            sites,
            max_cost,
            zone_start,
            by_zone,
            site_start,
            by_site,
        }
    }

    /// Number of zones (rows).
    pub fn zone_count(&self) -> usize {
        self.zones
    }

    /// Number of sites (columns).
    pub fn site_count(&self) -> usize {
        self.sites
    }

    /// The largest cost kept: pairs beyond it are absent.
    pub fn max_cost(&self) -> f64 {
        self.max_cost
    }

    /// Number of (zone, site) pairs stored.
    pub fn entry_count(&self) -> usize {
        self.by_zone.len()
    }

    /// The sites within reach of a zone, as (site, cost), by site index.
    pub fn sites_of(&self, zone: usize) -> &[(u32, f64)] {
        &self.by_zone[self.zone_start[zone]..self.zone_start[zone + 1]]
    }

    /// The zones within reach of a site, as (zone, cost), by zone index.
    pub fn zones_of(&self, site: usize) -> &[(u32, f64)] {
        &self.by_site[self.site_start[site]..self.site_start[site + 1]]
    }

    /// The cost between a zone and a site, when within [`CostMatrix::max_cost`].
    pub fn get(&self, zone: usize, site: usize) -> Option<f64> {
        let row = self.sites_of(zone);
        row.binary_search_by_key(&(site as u32), |&(s, _)| s)
            .ok()
            .map(|i| row[i].1)
    }

    /// Every stored (zone, site, cost), by zone then site.
    pub fn entries(&self) -> impl Iterator<Item = (usize, usize, f64)> + '_ {
        (0..self.zones).flat_map(move |z| {
            self.sites_of(z)
                .iter()
                .map(move |&(s, c)| (z, s as usize, c))
        })
    }
}

/// A step of a [`DistanceDecay::Steps`] function: `weight` for costs up to `upper`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Step {
    /// Upper bound of the band, included.
    pub upper: f64,
    /// Weight of the band.
    pub weight: f64,
}

/// How supply and demand weigh with distance in the enhanced 2SFCA, as PySAL
/// `access.weights`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum DistanceDecay {
    /// PySAL `weights.step_fn`: the weight of the first band (by increasing upper
    /// bound) whose upper bound is at least the cost; 0 beyond the last band.
    Steps {
        /// The bands, sorted by upper bound.
        bands: Vec<Step>,
    },
    /// PySAL `weights.gaussian`: exp(−c² / (2σ²)), 1 at cost 0.
    Gaussian {
        /// The width σ, in the unit of the costs.
        sigma: f64,
    },
}

impl DistanceDecay {
    /// A step function from (upper bound, weight) bands, in any order.
    ///
    /// # Panics
    /// When a weight is negative (as PySAL).
    ///
    /// # Example
    /// ```
    /// use maillage::spatial::DistanceDecay;
    /// // PySAL's default shape, for a 1,500 m catchment
    /// let w = DistanceDecay::steps(&[(1000.0, 0.68), (500.0, 1.0), (1500.0, 0.22)]);
    /// assert_eq!(w.weight(500.0), 1.0);
    /// assert_eq!(w.weight(700.0), 0.68);
    /// assert_eq!(w.weight(1600.0), 0.0);
    /// ```
    pub fn steps(bands: &[(f64, f64)]) -> Self {
        let mut bands: Vec<Step> = bands
            .iter()
            .map(|&(upper, weight)| {
                assert!(weight >= 0.0, "weight {weight} < 0: weights must be ≥ 0");
                Step { upper, weight }
            })
            .collect();
        bands.sort_by(|a, b| a.upper.total_cmp(&b.upper));
        Self::Steps { bands }
    }

    /// A Gaussian decay of width `sigma`.
    ///
    /// # Panics
    /// When `sigma` is 0 (as PySAL).
    ///
    /// # Example
    /// ```
    /// use maillage::spatial::DistanceDecay;
    /// let w = DistanceDecay::gaussian(20.0);
    /// assert_eq!(w.weight(0.0), 1.0);
    /// assert!((w.weight(20.0) - 0.6065306597126334).abs() < 1e-15);
    /// ```
    pub fn gaussian(sigma: f64) -> Self {
        assert!(sigma != 0.0, "sigma must be non-zero");
        Self::Gaussian { sigma }
    }

    /// The weight at a cost.
    pub fn weight(&self, cost: f64) -> f64 {
        match self {
            Self::Steps { bands } => bands
                .iter()
                .find(|s| cost <= s.upper)
                .map_or(0.0, |s| s.weight),
            Self::Gaussian { sigma } => (-cost * cost / (2.0 * sigma * sigma)).exp(),
        }
    }
}

/// The two-step floating catchment area (Luo & Wang 2003), as docs/analyses.md §2 and
/// PySAL `access` `two_stage_fca`.
///
/// For each site j, R_j = S_j / Σ_{z: c(z,j) ≤ d0} P_z; for each zone z,
/// A_z = Σ_{j: c(z,j) ≤ d0} R_j. A site with no demand in reach contributes nothing.
///
/// # Arguments
/// * `demand`: P_z, one value per zone of `cost` (population at the anchor point).
/// * `supply`: S_j, one value per site of `cost` (capacity).
/// * `cost`: the zone × site costs.
/// * `d0`: the catchment, at most `cost.max_cost()`.
///
/// # Returns
/// A_z per zone: supply per inhabitant (multiply by [`PER_INHABITANTS`] to report per
/// 10,000 inhabitants); 0 for a zone with no site in reach.
///
/// Where PySAL differs: it returns NaN for a zone with no site in reach (the zone is
/// missing from its sums), and infinity or NaN for a site whose catchment holds only
/// zones of population 0; here both give 0, so that Σ_z A_z·P_z = Σ_j S_j over the
/// sites with demand in reach.
///
/// # Panics
/// When the lengths do not match `cost`, or `d0 > cost.max_cost()` (pairs would be
/// missing).
///
/// # Complexity
/// O(z + s + k) for k pairs in the matrix, spread over rayon's threads.
///
/// # Example
/// ```
/// use maillage::spatial::{two_step_fca, CostMatrix, PER_INHABITANTS};
/// // two zones of 1,000 and 3,000 inhabitants share one GP; the second also reaches another
/// let cost = CostMatrix::from_entries(2, 2, 1000.0, [(0, 0, 200.0), (1, 0, 800.0), (1, 1, 100.0)]);
/// let a = two_step_fca(&[1000.0, 3000.0], &[1.0, 1.0], &cost, 1000.0);
/// assert!((a[0] * PER_INHABITANTS - 2.5).abs() < 1e-12); // 1 / 4,000 per inhabitant
/// assert!((a[1] * PER_INHABITANTS - (2.5 + 1e4 / 3000.0)).abs() < 1e-12);
/// ```
pub fn two_step_fca(demand: &[f64], supply: &[f64], cost: &CostMatrix, d0: f64) -> Vec<f64> {
    floating_catchment(demand, supply, cost, d0, |_| 1.0)
}

/// The enhanced two-step floating catchment area (Luo & Qi 2009), as PySAL `access`
/// `enhanced_two_stage_fca` with the same weight function and `max_cost = d0`: both
/// steps weigh each pair by w(c(z,j)).
///
/// R_j = S_j / Σ_{z: c(z,j) ≤ d0} P_z·w(c(z,j)); A_z = Σ_{j: c(z,j) ≤ d0} R_j·w(c(z,j)).
/// A site whose weighted demand is 0 contributes nothing.
///
/// # Arguments
/// As [`two_step_fca`], with the distance decay `decay`.
///
/// # Returns
/// A_z per zone, per inhabitant; 0 where PySAL gives NaN (see [`two_step_fca`]).
///
/// # Panics
/// As [`two_step_fca`].
///
/// # Complexity
/// O(z + s + k) weight evaluations and sums.
///
/// # Example
/// ```
/// use maillage::spatial::{enhanced_two_step_fca, two_step_fca, CostMatrix, DistanceDecay};
/// let cost = CostMatrix::from_entries(2, 1, 1000.0, [(0, 0, 200.0), (1, 0, 800.0)]);
/// let flat = DistanceDecay::steps(&[(1000.0, 1.0)]);
/// let demand = [1000.0, 3000.0];
/// assert_eq!(
///     enhanced_two_step_fca(&demand, &[1.0], &cost, 1000.0, &flat),
///     two_step_fca(&demand, &[1.0], &cost, 1000.0),
/// );
/// ```
pub fn enhanced_two_step_fca(
    demand: &[f64],
    supply: &[f64],
    cost: &CostMatrix,
    d0: f64,
    decay: &DistanceDecay,
) -> Vec<f64> {
    floating_catchment(demand, supply, cost, d0, |c| decay.weight(c))
}

/// Generic over the weight so that plain 2SFCA (weight 1) compiles to bare sums.
fn floating_catchment<W: Fn(f64) -> f64 + Sync>(
    demand: &[f64],
    supply: &[f64],
    cost: &CostMatrix,
    d0: f64,
    weight: W,
) -> Vec<f64> {
    assert_eq!(
        demand.len(),
        cost.zone_count(),
        "one demand per zone of the cost matrix"
    );
    assert_eq!(
        supply.len(),
        cost.site_count(),
        "one supply per site of the cost matrix"
    );
    assert!(
        d0 <= cost.max_cost(),
        "catchment {d0} beyond the cost matrix's maximum {}: pairs would be missing",
        cost.max_cost()
    );
    let ratio = |j: usize| {
        let reached = cost
            .zones_of(j)
            .iter()
            .filter(|&&(_, c)| c <= d0)
            .fold(0.0, |sum, &(z, c)| sum + demand[z as usize] * weight(c));
        if reached > 0.0 {
            supply[j] / reached
        } else {
            0.0
        }
    };
    let ratios: Vec<f64> = par_map(cost.site_count(), ratio);
    let access = |z: usize| {
        cost.sites_of(z)
            .iter()
            .filter(|&&(_, c)| c <= d0)
            .fold(0.0, |sum, &(j, c)| sum + ratios[j as usize] * weight(c))
    };
    par_map(cost.zone_count(), access)
}

/// `f(0), ..., f(n − 1)`, in parallel for large `n`; the order of the results (and of
/// each sum inside `f`) never depends on the threads.
fn par_map<T: Send>(n: usize, f: impl Fn(usize) -> T + Sync) -> Vec<T> {
    if n < PARALLEL_THRESHOLD {
        (0..n).map(f).collect()
    } else {
        (0..n).into_par_iter().with_min_len(64).map(&f).collect()
    }
}

/// The distance from each origin to the nearest site (`None` when there is no site),
/// by haversine distance: equal to the brute-force minimum.
///
/// # Complexity
/// O((z + s) log s) expected, spread over rayon's threads.
///
/// # Units
/// Metres.
///
/// # Example
/// ```
/// use maillage::model::LonLat;
/// use maillage::model::haversine_m;
/// use maillage::spatial::nearest_distance;
/// let zones = [LonLat { lon: 4.84, lat: 45.75 }];
/// let sites = [LonLat { lon: 4.86, lat: 45.75 }, LonLat { lon: 4.845, lat: 45.751 }];
/// let d = nearest_distance(&zones, &sites);
/// assert_eq!(d, [Some(haversine_m(zones[0], sites[1]))]);
/// assert_eq!(nearest_distance(&zones, &[]), [None]);
/// ```
pub fn nearest_distance(origins: &[LonLat], sites: &[LonLat]) -> Vec<Option<f64>> {
    let index = SiteIndex::new(sites);
    par_map(origins.len(), |i| index.nearest(origins[i]).map(|(_, d)| d))
}

/// Which actors of a kind count as supply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Acceptance {
    /// Every actor of the kind.
    Any,
    /// Only actors whose `accepting` is `true` (e.g. GPs who take new patients as
    /// *médecin traitant*); actors whose status is unknown are left out.
    AcceptingOnly,
}

/// A set of supply sites: the located actors of one kind, with their capacity.
///
/// # Example
/// ```
/// # let territory = maillage::bundle::load_bundle("../../data/lyon7".as_ref()).unwrap().territory;
/// use maillage::spatial::{Acceptance, Suppliers};
/// let gps = Suppliers::of_kind(&territory, "medecin_generaliste", Acceptance::Any);
/// let open = Suppliers::of_kind(&territory, "medecin_generaliste", Acceptance::AcceptingOnly);
/// assert!(open.len() < gps.len());
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Suppliers {
    /// The kind id.
    pub kind: String,
    /// The filter on `accepting`.
    pub acceptance: Acceptance,
    /// The actors, in index order (actors without a location are left out).
    pub actors: Vec<ActorIx>,
    /// Their locations.
    pub locations: Vec<LonLat>,
    /// Their capacities (the `capacity` column or its default).
    pub capacity: Vec<f64>,
}

impl Suppliers {
    /// The located actors of `kind` that pass `acceptance`.
    pub fn of_kind(territory: &Territory, kind: &str, acceptance: Acceptance) -> Self {
        let mut s = Self {
            kind: kind.to_owned(),
            acceptance,
            actors: Vec::new(),
            locations: Vec::new(),
            capacity: Vec::new(),
        };
        for (i, a) in territory.actors.iter().enumerate() {
            let Some(location) = a.location else { continue };
            if a.kind != kind
                || (acceptance == Acceptance::AcceptingOnly && a.accepting != Some(true))
            {
                continue;
            }
            s.actors.push(ActorIx(i as u32));
            s.locations.push(location);
            s.capacity.push(a.capacity);
        }
        s
    }

    /// Number of sites.
    pub fn len(&self) -> usize {
        self.actors.len()
    }

    /// Whether there is no site.
    pub fn is_empty(&self) -> bool {
        self.actors.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chord_grows_with_the_haversine_distance() {
        let a = LonLat {
            lon: 4.8,
            lat: 45.7,
        };
        for (lon, lat) in [(4.81, 45.7), (5.3, 46.1), (-70.0, -30.0), (-175.2, -45.7)] {
            let b = LonLat { lon, lat };
            let (u, v) = (unit_vector(a), unit_vector(b));
            let c = ((u[0] - v[0]).powi(2) + (u[1] - v[1]).powi(2) + (u[2] - v[2]).powi(2)).sqrt();
            let expected = chord(haversine_m(a, b));
            assert!((c - expected).abs() < 1e-12, "{c} {expected}");
        }
    }

    #[test]
    fn cost_matrix_columns_mirror_rows() {
        let cost = CostMatrix::from_entries(
            3,
            2,
            10.0,
            [(2, 0, 1.0), (0, 1, 2.0), (0, 0, 3.0), (1, 1, 11.0)],
        );
        assert_eq!(cost.sites_of(0), [(0, 3.0), (1, 2.0)]);
        assert_eq!(cost.zones_of(0), [(0, 3.0), (2, 1.0)]);
        assert_eq!(cost.zones_of(1), [(0, 2.0)]);
        assert_eq!(cost.entry_count(), 3);
        assert_eq!(
            cost.entries().collect::<Vec<_>>(),
            [(0, 0, 3.0), (0, 1, 2.0), (2, 0, 1.0)]
        );
    }

    #[test]
    #[should_panic(expected = "twice")]
    fn refuses_a_pair_given_twice() {
        CostMatrix::from_entries(1, 1, 10.0, [(0, 0, 1.0), (0, 0, 2.0)]);
    }

    #[test]
    fn site_with_only_empty_zones_in_reach_contributes_nothing() {
        let cost = CostMatrix::from_entries(2, 1, 10.0, [(0, 0, 1.0)]);
        assert_eq!(two_step_fca(&[0.0, 5.0], &[3.0], &cost, 10.0), [0.0, 0.0]);
    }
}
