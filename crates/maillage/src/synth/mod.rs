//! Seeded synthetic territories, for benchmarks and for trying the library at the
//! scale of a region or of France.
//!
//! A synthetic territory is a valid bundle (docs/bundle.md): an irregular tiling of
//! "IRIS" (a jittered grid whose cells share their borders exactly) with populations
//! around a few towns; "communes" made of 4 × 4 IRIS; "QPV" among the densest IRIS
//! (one IRIS in 33); actors clustered like real practices (professionals grouped in a
//! cabinet, an MSP or a health centre, pharmacies, schools, social services, placed in
//! proportion to the population); coordination schemes (a CPTS per 3 × 3 communes, a
//! CLSM for one CPTS area in two, a CLS for one in three, an ASV per QPV); relations
//! mixing memberships, local ties between neighbours (most within the same or the next
//! IRIS, a share across sectors) and a few long ties, with weights and dates; joint
//! actions around their lead; needs in every QPV and some IRIS.
//!
//! Everything is drawn from one seed with [`SeededRng`]: the same size and seed give
//! the same bytes.
//!
//! # Example
//! ```
//! use maillage::synth::{generate, Size};
//! let dir = tempfile::tempdir().unwrap();
//! let territory = generate(&Size::S.spec(), 7);
//! territory.write_bundle(dir.path()).unwrap();
//! let loaded = maillage::bundle::load_bundle(dir.path()).unwrap();
//! assert_eq!(loaded.territory.actors.len(), 500);
//! assert_eq!(loaded.territory.relations.len(), Size::S.spec().relations);
//! ```

mod actors;
mod geography;
mod ties;

use crate::model::UnknownName;
use crate::network::SeededRng;
use actors::{SynthActor, THEMES};
use geography::{round6, Tiling};
use std::fmt::Write as _;
use std::io::{BufWriter, Write};
use std::path::Path;
use std::str::FromStr;
use ties::{SynthAction, SynthNeed, SynthRelation};

/// The date the synthetic network is observed at (the manifest's `date`).
pub const OBSERVED_ON: &str = "2024-06-30";

/// The four standard sizes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Size {
    /// 500 actors, 4,000 relations, 50 IRIS: a small town.
    S,
    /// 5,000 actors, 40,000 relations, 500 IRIS: a city.
    M,
    /// 50,000 actors, 400,000 relations, 5,000 IRIS: a département.
    L,
    /// 500,000 actors, 4,000,000 relations, 50,000 IRIS (about 1,500 QPV): France.
    XL,
}

impl Size {
    /// Every size, smallest first.
    pub const ALL: [Size; 4] = [Size::S, Size::M, Size::L, Size::XL];

    /// How many actors, relations and zones this size has.
    pub fn spec(self) -> Spec {
        match self {
            Size::S => Spec::custom(500, 4_000, 50),
            Size::M => Spec::custom(5_000, 40_000, 500),
            Size::L => Spec::custom(50_000, 400_000, 5_000),
            Size::XL => Spec::custom(500_000, 4_000_000, 50_000),
        }
    }

    /// The size's name: `S`, `M`, `L` or `XL`.
    pub fn name(self) -> &'static str {
        match self {
            Size::S => "S",
            Size::M => "M",
            Size::L => "L",
            Size::XL => "XL",
        }
    }
}

impl FromStr for Size {
    type Err = UnknownName;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Size::ALL
            .into_iter()
            .find(|size| size.name().eq_ignore_ascii_case(s))
            .ok_or_else(|| UnknownName::new("size", s, &Size::ALL.map(Size::name)))
    }
}

/// The size of a synthetic territory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spec {
    /// Number of actors.
    pub actors: usize,
    /// Number of relations (rows of relations.csv; about one in twelve has ended by
    /// [`OBSERVED_ON`], some start later).
    pub relations: usize,
    /// About how many IRIS the coverage layer has (the tiling rounds to a grid).
    pub zones: usize,
}

impl Spec {
    /// A size of one's own.
    pub fn custom(actors: usize, relations: usize, zones: usize) -> Self {
        Self {
            actors,
            relations,
            zones: zones.max(4),
        }
    }
}

/// A drawn territory, ready to be written as a bundle.
pub struct Synthetic {
    name: String,
    tiling: Tiling,
    actors: Vec<SynthActor>,
    relations: Vec<SynthRelation>,
    actions: Vec<SynthAction>,
    needs: Vec<SynthNeed>,
}

/// Draws a synthetic territory of the given size from a seed.
///
/// # Complexity
/// O(actors + relations + zones) time and memory.
pub fn generate(spec: &Spec, seed: u64) -> Synthetic {
    let mut rng = SeededRng::new(seed);
    let tiling = Tiling::new(spec, &mut rng);
    let actors = actors::draw_actors(&tiling, spec.actors, &mut rng);
    let mut relations = ties::draw_relations(&actors, &tiling, spec.relations, &mut rng);
    relations.truncate(spec.relations);
    let actions = ties::draw_actions(&actors, &tiling, spec.actors / 40 + 1, &mut rng);
    let needs = ties::draw_needs(&tiling, &mut rng);
    Synthetic {
        name: format!(
            "Territoire synthétique ({} acteurs, graine {seed})",
            spec.actors
        ),
        tiling,
        actors,
        relations,
        actions,
        needs,
    }
}

impl Synthetic {
    /// Number of actors.
    pub fn actor_count(&self) -> usize {
        self.actors.len()
    }

    /// Number of relations.
    pub fn relation_count(&self) -> usize {
        self.relations.len()
    }

    /// Number of IRIS (zones of the coverage layer).
    pub fn zone_count(&self) -> usize {
        self.tiling.cells()
    }

    /// Number of QPV.
    pub fn qpv_count(&self) -> usize {
        self.tiling.qpv.len()
    }

    /// Writes the bundle into `dir` (created if needed): territory.toml, actors.csv,
    /// relations.csv, actions.csv, needs.csv and zones/{iris,qpv,communes}.geojson.
    ///
    /// # Errors
    /// Any I/O error.
    pub fn write_bundle(&self, dir: &Path) -> std::io::Result<()> {
        std::fs::create_dir_all(dir.join("zones"))?;
        std::fs::write(dir.join("territory.toml"), self.manifest())?;
        self.write_actors(&dir.join("actors.csv"))?;
        self.write_relations(&dir.join("relations.csv"))?;
        self.write_actions(&dir.join("actions.csv"))?;
        self.write_needs(&dir.join("needs.csv"))?;
        self.write_zones(dir)
    }

    fn manifest(&self) -> String {
        format!(
            r#"# A synthetic territory drawn by `maillage generate`: no real actor, no real place.
format = 1
name = "{name}"
crs = "EPSG:4326"
date = "{OBSERVED_ON}"

[layers.iris]
file = "zones/iris.geojson"
id = "code"
name = "nom"
population = "population"

[layers.qpv]
file = "zones/qpv.geojson"
id = "code"
name = "nom"
population = "population"
priority = true

[layers.communes]
file = "zones/communes.geojson"
id = "code"
name = "nom"
population = "population"

[analysis]
coverage_layer = "iris"
catchment_m = 2000
required = ["medecin_generaliste", "pharmacie", "orthophoniste"]
partition = "sector"
"#,
            name = self.name
        )
    }

    fn write_actors(&self, path: &Path) -> std::io::Result<()> {
        let mut w = BufWriter::with_capacity(1 << 20, std::fs::File::create(path)?);
        writeln!(
            w,
            "id,name,kind,sector,themes,x,y,capacity,serves,accepting"
        )?;
        let mut line = String::new();
        for (i, a) in self.actors.iter().enumerate() {
            line.clear();
            let _ = write!(
                line,
                "a{i},{} {i},{},{},",
                a.kind.replace('_', " "),
                a.kind,
                a.sector
            );
            push_themes(&mut line, &a.themes);
            match a.location {
                Some((x, y)) => {
                    let _ = write!(line, ",{x},{y},");
                }
                None => line.push_str(",,,"),
            }
            if let Some(c) = a.capacity {
                let _ = write!(line, "{c}");
            }
            line.push(',');
            line.push_str(&a.serves.join("|"));
            line.push(',');
            if let Some(accepting) = a.accepting {
                let _ = write!(line, "{accepting}");
            }
            writeln!(w, "{line}")?;
        }
        w.flush()
    }

    fn write_relations(&self, path: &Path) -> std::io::Result<()> {
        let mut w = BufWriter::with_capacity(1 << 20, std::fs::File::create(path)?);
        writeln!(w, "source,target,kind,weight,themes,since,until")?;
        for r in &self.relations {
            let (y, m, d) = r.since;
            write!(
                w,
                "a{},a{},{},{},,{y:04}-{m:02}-{d:02},",
                r.source, r.target, r.kind, r.weight
            )?;
            if let Some((y, m, d)) = r.until {
                write!(w, "{y:04}-{m:02}-{d:02}")?;
            }
            writeln!(w)?;
        }
        w.flush()
    }

    fn write_actions(&self, path: &Path) -> std::io::Result<()> {
        let mut w = BufWriter::new(std::fs::File::create(path)?);
        writeln!(w, "id,name,themes,lead,partners,funders,zones,start,end")?;
        let ids = |list: &[u32]| {
            list.iter()
                .map(|i| format!("a{i}"))
                .collect::<Vec<_>>()
                .join("|")
        };
        for (i, a) in self.actions.iter().enumerate() {
            let mut themes = String::new();
            push_themes(&mut themes, &a.themes);
            let (y, m, d) = a.start;
            writeln!(
                w,
                "act{i},Action {i},{themes},a{},{},{},{},{y:04}-{m:02}-{d:02},",
                a.lead,
                ids(&a.partners),
                ids(&a.funders),
                a.zone
            )?;
        }
        w.flush()
    }

    fn write_needs(&self, path: &Path) -> std::io::Result<()> {
        let mut w = BufWriter::new(std::fs::File::create(path)?);
        writeln!(w, "zone,theme,level,source")?;
        for n in &self.needs {
            writeln!(
                w,
                "{},{},{},diagnostic local de santé",
                n.zone, THEMES[n.theme as usize], n.level
            )?;
        }
        w.flush()
    }

    fn write_zones(&self, dir: &Path) -> std::io::Result<()> {
        let t = &self.tiling;
        let iris = (0..t.cells()).map(|c| {
            feature(
                t.ring(c),
                format!("I{c}"),
                format!("IRIS {c}"),
                f64::from(t.population[c]),
            )
        });
        write_layer(&dir.join("zones/iris.geojson"), iris)?;
        let qpv = t.qpv.iter().enumerate().map(|(q, &c)| {
            feature(
                t.ring(c),
                format!("QP{q}"),
                format!("QPV {q}"),
                (0.8 * f64::from(t.population[c])).round(),
            )
        });
        write_layer(&dir.join("zones/qpv.geojson"), qpv)?;
        let (crows, ccols) = t.commune_grid();
        let mut commune_population = vec![0.0; crows * ccols];
        for c in 0..t.cells() {
            commune_population[t.commune_of(c)] += f64::from(t.population[c]);
        }
        let communes = (0..crows * ccols).map(|c| {
            feature(
                t.commune_ring(c),
                format!("C{c}"),
                format!("Commune {c}"),
                commune_population[c],
            )
        });
        write_layer(&dir.join("zones/communes.geojson"), communes)
    }
}

fn push_themes(out: &mut String, themes: &[u8]) {
    for (i, &t) in themes.iter().enumerate() {
        if i > 0 {
            out.push('|');
        }
        out.push_str(THEMES[t as usize]);
    }
}

fn feature(ring: Vec<(f64, f64)>, code: String, name: String, population: f64) -> geojson::Feature {
    let ring = ring.into_iter().map(|(x, y)| (round6(x), round6(y)));
    let mut properties = geojson::JsonObject::new();
    properties.insert("code".into(), code.into());
    properties.insert("nom".into(), name.into());
    properties.insert("population".into(), population.into());
    geojson::Feature {
        bbox: None,
        geometry: Some(geojson::Geometry::new_polygon([ring])),
        id: None,
        properties: Some(properties),
        foreign_members: None,
    }
}

fn write_layer(
    path: &Path,
    features: impl Iterator<Item = geojson::Feature>,
) -> std::io::Result<()> {
    let collection = geojson::FeatureCollection {
        bbox: None,
        features: features.collect(),
        foreign_members: None,
    };
    let mut w = BufWriter::new(std::fs::File::create(path)?);
    serde_json::to_writer(&mut w, &collection)?;
    w.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_bundle_other_seed_other_bundle() {
        let spec = Spec::custom(300, 2_000, 40);
        let (a, b, c) = (
            tempfile::tempdir().unwrap(),
            tempfile::tempdir().unwrap(),
            tempfile::tempdir().unwrap(),
        );
        generate(&spec, 1).write_bundle(a.path()).unwrap();
        generate(&spec, 1).write_bundle(b.path()).unwrap();
        generate(&spec, 2).write_bundle(c.path()).unwrap();
        let read = |d: &tempfile::TempDir, f: &str| std::fs::read(d.path().join(f)).unwrap();
        for f in [
            "actors.csv",
            "relations.csv",
            "actions.csv",
            "zones/iris.geojson",
        ] {
            assert_eq!(read(&a, f), read(&b, f), "{f}");
        }
        assert_ne!(read(&a, "relations.csv"), read(&c, "relations.csv"));
    }

    #[test]
    fn sizes_parse_from_their_names() {
        assert_eq!("xl".parse::<Size>(), Ok(Size::XL));
        assert!("XXL".parse::<Size>().is_err());
        assert_eq!(Size::XL.spec().relations, 4_000_000);
    }

    #[test]
    fn bundle_loads_without_errors_and_has_located_clustered_actors() {
        let dir = tempfile::tempdir().unwrap();
        generate(&Size::M.spec(), 3)
            .write_bundle(dir.path())
            .unwrap();
        let loaded = crate::bundle::load_bundle(dir.path()).unwrap();
        let t = &loaded.territory;
        assert_eq!(t.actors.len(), 5_000);
        assert!(t.actors.iter().filter(|a| a.location.is_some()).count() > 4_500);
        assert!(t.actions.len() > 100 && !t.needs.is_empty());
        let d = crate::Diagnosis::of(t);
        assert!(
            d.summary.largest_component_share > 0.9,
            "{}",
            d.summary.largest_component_share
        );
        assert!(d.coverage.zones.iter().any(|z| z.priority));
    }
}
