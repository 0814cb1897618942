//! Synthetic actors: coordination schemes over communes and QPV, institutions, and
//! practices (professionals grouped in a cabinet or a health centre, pharmacies,
//! schools, social services...) placed where people live.

use super::geography::Tiling;
use crate::network::SeededRng;

/// Themes the actors work on, by family of kinds.
pub(super) const THEMES: &[&str] = &[
    "accès aux soins",
    "santé mentale",
    "prévention",
    "diabète",
    "obésité",
    "alimentation",
    "activité physique",
    "petite enfance",
    "langage",
    "vieillissement",
    "addictions",
    "handicap",
    "précarité",
    "parcours",
    "soins non programmés",
    "santé sexuelle",
    "vaccination",
    "lien social",
];

/// One actor row.
pub(super) struct SynthActor {
    pub kind: &'static str,
    pub sector: &'static str,
    /// Cell of the tiling it sits in (or the cell at the centre of what it serves).
    pub cell: usize,
    /// Location, `None` for schemes and institutions without a fixed place.
    pub location: Option<(f64, f64)>,
    /// Indices into [`THEMES`].
    pub themes: Vec<u8>,
    pub capacity: Option<f64>,
    pub accepting: Option<bool>,
    /// `layer:id` references.
    pub serves: Vec<String>,
    /// The structure its professionals belong to (MSP, centre de santé), if any.
    pub practice: Option<u32>,
}

/// A kind of practice: what it holds and how often it appears.
struct PracticeKind {
    weight: u32,
    /// The structure's kind, if the practice is a structure.
    structure: Option<(&'static str, &'static str)>,
    /// Kinds of the professionals inside, with their sector.
    staff: &'static [(&'static str, &'static str)],
    /// Most professionals inside.
    most: usize,
    themes: &'static [u8],
}

const GP: (&str, &str) = ("medecin_generaliste", "ambulatory");
const NURSE: (&str, &str) = ("infirmier", "ambulatory");
const PHYSIO: (&str, &str) = ("masseur_kinesitherapeute", "ambulatory");
const SPEECH: (&str, &str) = ("orthophoniste", "ambulatory");
const DENTIST: (&str, &str) = ("chirurgien_dentiste", "ambulatory");
const MIDWIFE: (&str, &str) = ("sage_femme", "ambulatory");
const PSYCHOLOGIST: (&str, &str) = ("psychologue", "ambulatory");
const PHARMACIST: (&str, &str) = ("pharmacien", "ambulatory");
const SOCIAL_WORKER: (&str, &str) = ("travailleur_social", "social");

const PRACTICES: &[PracticeKind] = &[
    // a cabinet of independent professionals, no structure
    PracticeKind {
        weight: 40,
        structure: None,
        staff: &[
            GP,
            GP,
            NURSE,
            PHYSIO,
            SPEECH,
            DENTIST,
            MIDWIFE,
            PSYCHOLOGIST,
        ],
        most: 3,
        themes: &[0, 2, 13, 14],
    },
    PracticeKind {
        weight: 6,
        structure: Some(("msp", "ambulatory")),
        staff: &[GP, GP, GP, NURSE, NURSE, PHYSIO, SPEECH, MIDWIFE],
        most: 10,
        themes: &[0, 2, 3, 13, 14],
    },
    PracticeKind {
        weight: 2,
        structure: Some(("centre_de_sante", "ambulatory")),
        staff: &[GP, GP, NURSE, DENTIST, SOCIAL_WORKER],
        most: 8,
        themes: &[0, 12, 2, 16],
    },
    PracticeKind {
        weight: 8,
        structure: Some(("pharmacie", "ambulatory")),
        staff: &[PHARMACIST],
        most: 2,
        themes: &[2, 16, 3],
    },
    PracticeKind {
        weight: 5,
        structure: Some(("ecole", "education")),
        staff: &[],
        most: 0,
        themes: &[7, 8, 5],
    },
    PracticeKind {
        weight: 2,
        structure: Some(("college", "education")),
        staff: &[],
        most: 0,
        themes: &[10, 15, 6],
    },
    PracticeKind {
        weight: 2,
        structure: Some(("creche", "education")),
        staff: &[],
        most: 0,
        themes: &[7, 8],
    },
    PracticeKind {
        weight: 2,
        structure: Some(("centre_social", "social")),
        staff: &[SOCIAL_WORKER],
        most: 2,
        themes: &[12, 17, 5, 6],
    },
    PracticeKind {
        weight: 1,
        structure: Some(("ccas", "social")),
        staff: &[SOCIAL_WORKER],
        most: 2,
        themes: &[12, 9, 0],
    },
    PracticeKind {
        weight: 2,
        structure: Some(("ehpad", "medico_social")),
        staff: &[NURSE],
        most: 3,
        themes: &[9, 13],
    },
    PracticeKind {
        weight: 1,
        structure: Some(("pmi", "medico_social")),
        staff: &[MIDWIFE],
        most: 2,
        themes: &[7, 8, 16],
    },
    PracticeKind {
        weight: 1,
        structure: Some(("esms_handicap", "medico_social")),
        staff: &[],
        most: 0,
        themes: &[11, 13],
    },
    PracticeKind {
        weight: 1,
        structure: Some(("cmp", "hospital")),
        staff: &[PSYCHOLOGIST, ("psychiatre", "ambulatory")],
        most: 2,
        themes: &[1, 10],
    },
    PracticeKind {
        weight: 4,
        structure: Some(("association", "associative")),
        staff: &[],
        most: 0,
        themes: &[17, 6, 12, 1, 10, 3],
    },
    PracticeKind {
        weight: 1,
        structure: Some(("laboratoire", "ambulatory")),
        staff: &[],
        most: 0,
        themes: &[2, 3],
    },
];

/// Draws `spec.actors` actors on the tiling: first the schemes and institutions, then
/// practices until the count is reached.
pub(super) fn draw_actors(tiling: &Tiling, actors: usize, rng: &mut SeededRng) -> Vec<SynthActor> {
    let mut out: Vec<SynthActor> = Vec::with_capacity(actors);
    draw_schemes(tiling, actors, rng, &mut out);
    draw_practices(tiling, actors, rng, &mut out);
    out.truncate(actors);
    out
}

impl SynthActor {
    /// An actor without a fixed place: a scheme or an institution.
    fn unplaced(
        kind: &'static str,
        sector: &'static str,
        cell: usize,
        serves: Vec<String>,
        themes: Vec<u8>,
    ) -> Self {
        Self {
            kind,
            sector,
            cell,
            location: None,
            themes,
            capacity: None,
            accepting: None,
            serves,
            practice: None,
        }
    }

    /// An actor at `place`, serving no zone in particular.
    fn placed(
        kind: &'static str,
        sector: &'static str,
        cell: usize,
        place: (f64, f64),
        themes: Vec<u8>,
    ) -> Self {
        Self {
            location: Some(place),
            ..Self::unplaced(kind, sector, cell, Vec::new(), themes)
        }
    }
}

/// Each theme of `from` with a chance of two in three; one of them when none is drawn.
fn pick_themes(rng: &mut SeededRng, from: &[u8]) -> Vec<u8> {
    let mut themes: Vec<u8> = from.iter().copied().filter(|_| rng.below(3) > 0).collect();
    if themes.is_empty() && !from.is_empty() {
        themes.push(from[rng.below(from.len())]);
    }
    themes
}

/// The ARS; a CPTS per 3 × 3 communes, a CLSM for one in two, a CLS for one in three;
/// an ASV per QPV; a commune (town hall) for each commune once the territory is large
/// enough.
fn draw_schemes(tiling: &Tiling, actors: usize, rng: &mut SeededRng, out: &mut Vec<SynthActor>) {
    let (crows, ccols) = tiling.commune_grid();
    let communes = crows * ccols;
    let centre_cell = |commune: usize| {
        let (br, bc) = (commune / ccols, commune % ccols);
        let r = (br * super::geography::COMMUNE_BLOCK + 1).min(tiling.rows - 1);
        let c = (bc * super::geography::COMMUNE_BLOCK + 1).min(tiling.cols - 1);
        r * tiling.cols + c
    };
    let scheme = |kind: &'static str, cell: usize, serves: Vec<String>, themes: Vec<u8>| {
        SynthActor::unplaced(kind, "coordination", cell, serves, themes)
    };
    out.push(SynthActor::unplaced(
        "ars",
        "institution",
        0,
        Vec::new(),
        vec![0, 2, 13],
    ));
    let per_cpts = 3;
    let (prow, pcol) = (crows.div_ceil(per_cpts), ccols.div_ceil(per_cpts));
    for area in 0..prow * pcol {
        let (ar, ac) = (area / pcol, area % pcol);
        let members: Vec<usize> = (ar * per_cpts..((ar + 1) * per_cpts).min(crows))
            .flat_map(|r| {
                (ac * per_cpts..((ac + 1) * per_cpts).min(ccols)).map(move |c| r * ccols + c)
            })
            .collect();
        let serves: Vec<String> = members.iter().map(|m| format!("communes:C{m}")).collect();
        let cell = centre_cell(members[0]);
        out.push(scheme(
            "cpts",
            cell,
            serves.clone(),
            pick_themes(rng, &[0, 13, 14, 2, 1]),
        ));
        if area % 2 == 0 {
            out.push(scheme(
                "clsm",
                cell,
                serves.clone(),
                pick_themes(rng, &[1, 7, 8, 10]),
            ));
        }
        if area % 3 == 0 {
            out.push(scheme(
                "cls",
                cell,
                serves,
                pick_themes(rng, &[0, 2, 12, 5]),
            ));
        }
    }
    for (q, &cell) in tiling.qpv.iter().enumerate() {
        out.push(scheme(
            "asv",
            cell,
            vec![format!("qpv:QP{q}")],
            pick_themes(rng, &[12, 2, 5, 0, 3]),
        ));
    }
    if actors >= 2_000 {
        for commune in 0..communes {
            out.push(SynthActor::unplaced(
                "commune",
                "institution",
                centre_cell(commune),
                vec![format!("communes:C{commune}")],
                vec![12, 9],
            ));
        }
    }
}

/// Practices where people live until `actors` are drawn, and a centre hospitalier per
/// 400 actors or so, in dense cells.
fn draw_practices(tiling: &Tiling, actors: usize, rng: &mut SeededRng, out: &mut Vec<SynthActor>) {
    let mut cumulative = Vec::with_capacity(tiling.cells());
    let mut total = 0u64;
    for &p in &tiling.population {
        total += u64::from(p) * u64::from(p) / 1000; // denser places hold more services
        cumulative.push(total);
    }
    let practice_total: u32 = PRACTICES.iter().map(|p| p.weight).sum();
    let mut hospitals = 0usize;
    while out.len() < actors {
        let x = rng.next_u64() % total.max(1);
        let cell = cumulative
            .partition_point(|&c| c <= x)
            .min(tiling.cells() - 1);
        let (u, v) = (0.1 + 0.8 * rng.next_f64(), 0.1 + 0.8 * rng.next_f64());
        let place = tiling.point_in(cell, u, v);
        if hospitals * 400 < out.len() {
            hospitals += 1;
            out.push(SynthActor::placed(
                "centre_hospitalier",
                "hospital",
                cell,
                place,
                vec![0, 1, 13, 14],
            ));
            continue;
        }
        let mut pick = rng.below(practice_total as usize) as u32;
        let kind = PRACTICES
            .iter()
            .find(|p| {
                if pick < p.weight {
                    true
                } else {
                    pick -= p.weight;
                    false
                }
            })
            .unwrap_or(&PRACTICES[0]);
        draw_practice(kind, cell, place, actors, rng, out);
    }
}

/// One practice at `place`: its structure, if it is one, and its professionals, a few
/// metres apart.
fn draw_practice(
    kind: &PracticeKind,
    cell: usize,
    place: (f64, f64),
    actors: usize,
    rng: &mut SeededRng,
    out: &mut Vec<SynthActor>,
) {
    let structure = kind.structure.map(|(k, sector)| {
        let themes = pick_themes(rng, kind.themes);
        out.push(SynthActor::placed(k, sector, cell, place, themes));
        (out.len() - 1) as u32
    });
    let staff = if kind.most == 0 {
        0
    } else {
        1 + rng.below(kind.most)
    };
    for _ in 0..staff {
        if out.len() >= actors {
            break;
        }
        let (k, sector) = kind.staff[rng.below(kind.staff.len())];
        // professionals of one place sit a few metres apart
        let jitter = |x: f64, rng: &mut SeededRng| {
            super::geography::round6(x + (rng.next_f64() - 0.5) * 0.0002)
        };
        let location = (jitter(place.0, rng), jitter(place.1, rng));
        let (capacity, accepting) = if k == GP.0 {
            (Some([0.5, 0.8, 1.0][rng.below(3)]), Some(rng.below(3) > 0))
        } else {
            (None, None)
        };
        out.push(SynthActor {
            capacity,
            accepting,
            practice: structure,
            ..SynthActor::placed(k, sector, cell, location, pick_themes(rng, kind.themes))
        });
    }
}
