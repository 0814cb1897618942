//! The synthetic geography: an irregular tiling of "IRIS" with populations around a few
//! towns, "communes" made of blocks of IRIS, and "QPV" among the densest IRIS.

use crate::network::SeededRng;
use crate::synth::Spec;

/// Width of a grid cell, in degrees of longitude (about 1.6 km at 45° N).
const CELL_LON: f64 = 0.02;
/// Height of a grid cell, in degrees of latitude (about 1.5 km).
const CELL_LAT: f64 = 0.0135;
/// South-west corner of the tiling: south of the Massif central.
const ORIGIN: (f64, f64) = (0.5, 43.2);
/// A commune is a block of `COMMUNE_BLOCK` × `COMMUNE_BLOCK` IRIS.
pub(super) const COMMUNE_BLOCK: usize = 4;

/// A jittered grid: `rows × cols` quadrilateral cells whose shared vertices are moved
/// at random, so neighbouring zones share their borders exactly.
pub(super) struct Tiling {
    pub rows: usize,
    pub cols: usize,
    /// Vertex (r, c) at `r * (cols + 1) + c`, as (lon, lat), rounded to 6 decimals.
    vertices: Vec<(f64, f64)>,
    /// Population of each cell, row by row.
    pub population: Vec<u32>,
    /// Cells that are QPV, increasing.
    pub qpv: Vec<usize>,
}

impl Tiling {
    pub fn new(spec: &Spec, rng: &mut SeededRng) -> Self {
        let cols = ((spec.zones as f64 * 1.3).sqrt().round() as usize).max(2);
        let rows = spec.zones.div_ceil(cols).max(2);
        let mut vertices = Vec::with_capacity((rows + 1) * (cols + 1));
        for r in 0..=rows {
            for c in 0..=cols {
                // inner vertices move by up to a quarter of a cell: cells stay convex
                let (jx, jy) = if r == 0 || c == 0 || r == rows || c == cols {
                    (0.0, 0.0)
                } else {
                    (rng.next_f64() - 0.5, rng.next_f64() - 0.5)
                };
                let lon = ORIGIN.0 + (c as f64 + 0.5 * jx) * CELL_LON;
                let lat = ORIGIN.1 + (r as f64 + 0.5 * jy) * CELL_LAT;
                vertices.push((round6(lon), round6(lat)));
            }
        }
        // towns: a density of people that decays away from a few centres
        let towns = (spec.zones / 150).max(2);
        let centres: Vec<(f64, f64, f64, f64)> = (0..towns)
            .map(|_| {
                let r = rng.next_f64() * rows as f64;
                let c = rng.next_f64() * cols as f64;
                let radius = 1.5 + rng.next_f64() * 4.0;
                let weight = 0.3 + rng.next_f64();
                (r, c, radius, weight)
            })
            .collect();
        let mut density = Vec::with_capacity(rows * cols);
        for r in 0..rows {
            for c in 0..cols {
                // only nearby towns count (their density is negligible beyond 5 radii)
                let d: f64 = centres
                    .iter()
                    .filter(|t| (t.0 - r as f64).abs() < 25.0 && (t.1 - c as f64).abs() < 25.0)
                    .map(|&(tr, tc, radius, weight)| {
                        let d2 = (tr - r as f64).powi(2) + (tc - c as f64).powi(2);
                        weight * (-d2 / (2.0 * radius * radius)).exp()
                    })
                    .sum();
                density.push(d);
            }
        }
        let population: Vec<u32> = density
            .iter()
            .map(|d| (150.0 + 4500.0 * d.min(1.0) + 400.0 * rng.next_f64()).round() as u32)
            .collect();
        // QPV: among the densest IRIS, one in 33 of all IRIS
        let wanted = (rows * cols / 33).max(1);
        let mut by_density: Vec<usize> = (0..rows * cols).collect();
        by_density.sort_by(|&a, &b| population[b].cmp(&population[a]).then(a.cmp(&b)));
        let densest = by_density[0];
        let mut qpv: Vec<usize> = by_density
            .into_iter()
            .take(wanted * 3)
            .filter(|_| rng.below(3) == 0)
            .take(wanted)
            .collect();
        // a small territory may draw none: its densest IRIS then, since a layer with no
        // zone is refused by the loader
        if qpv.is_empty() {
            qpv.push(densest);
        }
        qpv.sort_unstable();
        Self {
            rows,
            cols,
            vertices,
            population,
            qpv,
        }
    }

    pub fn cells(&self) -> usize {
        self.rows * self.cols
    }

    fn vertex(&self, r: usize, c: usize) -> (f64, f64) {
        self.vertices[r * (self.cols + 1) + c]
    }

    /// The closed ring of cell `cell`, counter-clockwise.
    pub fn ring(&self, cell: usize) -> Vec<(f64, f64)> {
        let (r, c) = (cell / self.cols, cell % self.cols);
        vec![
            self.vertex(r, c),
            self.vertex(r, c + 1),
            self.vertex(r + 1, c + 1),
            self.vertex(r + 1, c),
            self.vertex(r, c),
        ]
    }

    /// A point inside cell `cell` at relative position (u, v) in (0, 1)², by bilinear
    /// interpolation of its corners (inside, since cells are convex).
    pub fn point_in(&self, cell: usize, u: f64, v: f64) -> (f64, f64) {
        let (r, c) = (cell / self.cols, cell % self.cols);
        let (a, b) = (self.vertex(r, c), self.vertex(r, c + 1));
        let (d, e) = (self.vertex(r + 1, c), self.vertex(r + 1, c + 1));
        let lerp =
            |p: (f64, f64), q: (f64, f64), t: f64| (p.0 + (q.0 - p.0) * t, p.1 + (q.1 - p.1) * t);
        let bottom = lerp(a, b, u);
        let top = lerp(d, e, u);
        let p = lerp(bottom, top, v);
        (round6(p.0), round6(p.1))
    }

    /// The cells around `cell` (itself included), up to `radius` cells away.
    pub fn around(&self, cell: usize, radius: usize, out: &mut Vec<usize>) {
        out.clear();
        let (r, c) = (cell / self.cols, cell % self.cols);
        for rr in r.saturating_sub(radius)..=(r + radius).min(self.rows - 1) {
            for cc in c.saturating_sub(radius)..=(c + radius).min(self.cols - 1) {
                out.push(rr * self.cols + cc);
            }
        }
    }

    /// Number of communes along rows and columns.
    pub fn commune_grid(&self) -> (usize, usize) {
        (
            self.rows.div_ceil(COMMUNE_BLOCK),
            self.cols.div_ceil(COMMUNE_BLOCK),
        )
    }

    /// The commune of a cell.
    pub fn commune_of(&self, cell: usize) -> usize {
        let (r, c) = (cell / self.cols, cell % self.cols);
        let (_, ccols) = self.commune_grid();
        (r / COMMUNE_BLOCK) * ccols + c / COMMUNE_BLOCK
    }

    /// The closed ring of commune `commune`: the grid vertices along its block's border,
    /// counter-clockwise, so that communes share their borders with their IRIS.
    pub fn commune_ring(&self, commune: usize) -> Vec<(f64, f64)> {
        let (_, ccols) = self.commune_grid();
        let (br, bc) = (commune / ccols, commune % ccols);
        let (r0, c0) = (br * COMMUNE_BLOCK, bc * COMMUNE_BLOCK);
        let r1 = (r0 + COMMUNE_BLOCK).min(self.rows);
        let c1 = (c0 + COMMUNE_BLOCK).min(self.cols);
        let mut ring = Vec::new();
        ring.extend((c0..c1).map(|c| self.vertex(r0, c)));
        ring.extend((r0..r1).map(|r| self.vertex(r, c1)));
        ring.extend((c0 + 1..=c1).rev().map(|c| self.vertex(r1, c)));
        ring.extend((r0 + 1..=r1).rev().map(|r| self.vertex(r, c0)));
        ring.push(self.vertex(r0, c0));
        ring
    }
}

pub(super) fn round6(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn communes_share_their_corners_with_their_iris() {
        let spec = Spec::custom(200, 1_000, 60);
        let t = Tiling::new(&spec, &mut SeededRng::new(1));
        let ring = t.commune_ring(0);
        assert_eq!(ring.first(), ring.last());
        assert_eq!(ring[0], t.ring(0)[0]);
        assert_eq!(ring.len(), 4 * COMMUNE_BLOCK + 1);
        assert!(t.population.iter().all(|&p| p >= 150));
        assert!(!t.qpv.is_empty());
    }

    #[test]
    fn every_small_territory_has_a_qpv() {
        // S draws one QPV among its three densest IRIS, kept one time in three each
        for seed in 1..=60 {
            let t = Tiling::new(&crate::synth::Size::S.spec(), &mut SeededRng::new(seed));
            assert_eq!(t.qpv.len(), 1, "seed {seed}");
        }
    }
}
