//! Synthetic partnerships, joint actions and needs: memberships of practices and
//! coordination schemes, local ties between neighbours (mostly within a few hundred
//! metres, a share across sectors), a few long ties, each dated.

use super::actors::{SynthActor, THEMES};
use super::geography::Tiling;
use crate::network::SeededRng;

/// One relation row.
pub(super) struct SynthRelation {
    pub source: u32,
    pub target: u32,
    pub kind: &'static str,
    pub weight: u8,
    pub since: (u16, u8, u8),
    pub until: Option<(u16, u8, u8)>,
}

/// One action row.
pub(super) struct SynthAction {
    pub themes: Vec<u8>,
    pub lead: u32,
    pub partners: Vec<u32>,
    pub funders: Vec<u32>,
    pub zone: String,
    pub start: (u16, u8, u8),
}

/// One need row.
pub(super) struct SynthNeed {
    pub zone: String,
    pub theme: u8,
    pub level: u8,
}

fn date(rng: &mut SeededRng, from: u16, years: usize) -> (u16, u8, u8) {
    (
        from + rng.below(years) as u16,
        1 + rng.below(12) as u8,
        1 + rng.below(28) as u8,
    )
}

fn relation(rng: &mut SeededRng, source: u32, target: u32, kind: &'static str) -> SynthRelation {
    let since = date(rng, 2014, 11);
    // one tie in twelve has ended
    let until = (rng.below(12) == 0).then(|| (since.0 + 1 + rng.below(4) as u16, since.1, since.2));
    SynthRelation {
        source,
        target,
        kind,
        weight: [1, 1, 1, 2, 2, 3][rng.below(6)],
        since,
        until,
    }
}

/// Where the schemes of each commune are, to link actors to theirs.
struct Schemes {
    cpts: Vec<Option<u32>>,
    clsm: Vec<Option<u32>>,
    cls: Vec<Option<u32>>,
    commune: Vec<Option<u32>>,
    asv_of_cell: Vec<Option<u32>>,
    ars: u32,
    all: Vec<u32>,
}

impl Schemes {
    fn of(actors: &[SynthActor], tiling: &Tiling) -> Self {
        let (crows, ccols) = tiling.commune_grid();
        let communes = crows * ccols;
        let mut s = Schemes {
            cpts: vec![None; communes],
            clsm: vec![None; communes],
            cls: vec![None; communes],
            commune: vec![None; communes],
            asv_of_cell: vec![None; tiling.cells()],
            ars: 0,
            all: Vec::new(),
        };
        let commune_number =
            |r: &str| -> Option<usize> { r.strip_prefix("communes:C")?.parse().ok() };
        for (i, a) in actors.iter().enumerate() {
            let i = i as u32;
            let slot = match a.kind {
                "cpts" => &mut s.cpts,
                "clsm" => &mut s.clsm,
                "cls" => &mut s.cls,
                "commune" => &mut s.commune,
                "asv" => {
                    s.asv_of_cell[a.cell] = Some(i);
                    s.all.push(i);
                    continue;
                }
                "ars" => {
                    s.ars = i;
                    continue;
                }
                _ => continue,
            };
            if a.kind != "commune" {
                s.all.push(i);
            }
            for c in a.serves.iter().filter_map(|r| commune_number(r)) {
                slot[c] = Some(i);
            }
        }
        s
    }
}

/// Draws the relations: memberships first, then local and long ties until `count`.
pub(super) fn draw_relations(
    actors: &[SynthActor],
    tiling: &Tiling,
    count: usize,
    rng: &mut SeededRng,
) -> Vec<SynthRelation> {
    let schemes = Schemes::of(actors, tiling);
    let mut out = Vec::with_capacity(count);
    let mut by_cell: Vec<Vec<u32>> = vec![Vec::new(); tiling.cells()];
    for (i, a) in actors.iter().enumerate() {
        if a.location.is_some() {
            by_cell[a.cell].push(i as u32);
        }
    }
    for (i, a) in actors.iter().enumerate() {
        let i = i as u32;
        let commune = tiling.commune_of(a.cell);
        let professional =
            a.practice.is_some() || matches!(a.sector, "ambulatory") && a.location.is_some();
        if let Some(p) = a.practice {
            out.push(relation(rng, i, p, "member"));
        }
        match a.kind {
            "cpts" | "clsm" | "cls" | "asv" => {
                // schemes of one area know each other more often than not
                if a.kind != "cpts" {
                    if let Some(c) = schemes.cpts[commune] {
                        if rng.below(3) > 0 {
                            out.push(relation(rng, i, c, "partner"));
                        }
                    }
                }
                if rng.below(2) == 0 {
                    out.push(relation(rng, schemes.ars, i, "cofunding"));
                }
                continue;
            }
            "commune" => {
                if let Some(c) = schemes.cls[commune] {
                    out.push(relation(rng, i, c, "instance"));
                }
                continue;
            }
            _ => {}
        }
        if professional && rng.below(5) < 2 {
            if let Some(c) = schemes.cpts[commune] {
                out.push(relation(rng, i, c, "member"));
            }
        }
        if let Some(asv) = schemes.asv_of_cell[a.cell] {
            if a.practice.is_none() && rng.below(2) == 0 {
                out.push(relation(rng, i, asv, "instance"));
            }
        }
        let mental = matches!(
            a.kind,
            "cmp" | "psychologue" | "psychiatre" | "ecole" | "college" | "pmi"
        );
        if mental && rng.below(2) == 0 {
            if let Some(c) = schemes.clsm[commune] {
                out.push(relation(rng, i, c, "instance"));
            }
        }
    }
    let located: Vec<u32> = (0..actors.len() as u32)
        .filter(|&i| actors[i as usize].location.is_some())
        .collect();
    if located.len() < 2 {
        return out;
    }
    let mut around = Vec::new();
    while out.len() < count {
        let u = located[rng.below(located.len())];
        let ua = &actors[u as usize];
        let roll = rng.below(100);
        let v = if roll < 96 {
            // a neighbour: in the same IRIS or the next ones, a few further
            tiling.around(ua.cell, if roll < 80 { 1 } else { 3 }, &mut around);
            let cell = around[rng.below(around.len())];
            let here = &by_cell[cell];
            if here.is_empty() {
                continue;
            }
            here[rng.below(here.len())]
        } else {
            located[rng.below(located.len())]
        };
        if u == v {
            continue;
        }
        let va = &actors[v as usize];
        let kind = if ua.sector == va.sector {
            if ua.sector == "ambulatory" && rng.below(2) == 0 {
                "referral"
            } else {
                "partner"
            }
        } else {
            [
                "partner",
                "partner",
                "referral",
                "resource",
                "communication",
                "training",
            ][rng.below(6)]
        };
        out.push(relation(rng, u, v, kind));
    }
    out
}

/// Joint actions led by schemes and structures with partners around them.
pub(super) fn draw_actions(
    actors: &[SynthActor],
    tiling: &Tiling,
    count: usize,
    rng: &mut SeededRng,
) -> Vec<SynthAction> {
    let schemes = Schemes::of(actors, tiling);
    let leads: Vec<u32> = (0..actors.len() as u32)
        .filter(|&i| {
            let a = &actors[i as usize];
            a.practice.is_none() && !matches!(a.kind, "commune" | "ars")
        })
        .collect();
    let mut by_cell: Vec<Vec<u32>> = vec![Vec::new(); tiling.cells()];
    for (i, a) in actors.iter().enumerate() {
        if a.location.is_some() {
            by_cell[a.cell].push(i as u32);
        }
    }
    let mut around = Vec::new();
    let mut out = Vec::with_capacity(count);
    for n in 0..count {
        // one action in three is led by a scheme
        let lead = if n % 3 == 0 && !schemes.all.is_empty() {
            schemes.all[rng.below(schemes.all.len())]
        } else {
            leads[rng.below(leads.len())]
        };
        let la = &actors[lead as usize];
        tiling.around(la.cell, 1, &mut around);
        let mut partners: Vec<u32> = (0..2 + rng.below(7))
            .filter_map(|_| {
                let here = &by_cell[around[rng.below(around.len())]];
                (!here.is_empty()).then(|| here[rng.below(here.len())])
            })
            .filter(|&p| p != lead)
            .collect();
        partners.sort_unstable();
        partners.dedup();
        let mut funders = Vec::new();
        if rng.below(3) == 0 {
            funders.push(schemes.ars);
        }
        if let Some(c) = schemes.commune[tiling.commune_of(la.cell)] {
            if rng.below(2) == 0 {
                funders.push(c);
            }
        }
        let mut themes: Vec<u8> = la
            .themes
            .iter()
            .copied()
            .filter(|_| rng.below(2) == 0)
            .collect();
        if themes.is_empty() {
            themes.push(
                la.themes
                    .first()
                    .copied()
                    .unwrap_or(rng.below(THEMES.len()) as u8),
            );
        }
        let zone = match la.serves.first() {
            Some(z) => z.clone(),
            None => format!("iris:I{}", la.cell),
        };
        out.push(SynthAction {
            themes,
            lead,
            partners,
            funders,
            zone,
            start: date(rng, 2018, 7),
        });
    }
    out
}

/// Needs: two in each QPV, and one in twenty IRIS.
pub(super) fn draw_needs(tiling: &Tiling, rng: &mut SeededRng) -> Vec<SynthNeed> {
    let mut out = Vec::new();
    for q in 0..tiling.qpv.len() {
        let first = rng.below(THEMES.len());
        let second = (first + 1 + rng.below(THEMES.len() - 1)) % THEMES.len();
        for theme in [first, second] {
            out.push(SynthNeed {
                zone: format!("qpv:QP{q}"),
                theme: theme as u8,
                level: 2 + rng.below(2) as u8,
            });
        }
    }
    for cell in 0..tiling.cells() {
        if rng.below(20) == 0 {
            out.push(SynthNeed {
                zone: format!("iris:I{cell}"),
                theme: rng.below(THEMES.len()) as u8,
                level: 1 + rng.below(3) as u8,
            });
        }
    }
    out
}
