//! `directory.csv`: the "who does what" directory coordinators ask for (docs/outputs.md
//! "Tables"): each actor with its kind, sector, themes, the zones it is located in or
//! serves, the dispositifs it belongs to, and the contact columns kept from the bundle.

use crate::diagnosis::Diagnosis;
use crate::model::{ActorIx, LayerIx, Territory, ZoneRef};
use crate::outputs::tables::Table;

/// Fixed columns of `directory.csv`, before the bundle's own columns.
const DIRECTORY_COLUMNS: [&str; 7] = [
    "id",
    "name",
    "kind_label",
    "sector_label",
    "themes",
    "zones",
    "dispositifs",
];

/// The extra columns of `actors.csv` (those the format does not define), in bundle
/// order, each with the name it is written under: its own, or `attr_<name>` when that
/// would clash with a column the writer already uses (`reserved`).
pub(super) fn extra_actor_columns(
    territory: &Territory,
    reserved: &[&str],
) -> Vec<(String, String)> {
    let mut names: Vec<&str> = Vec::new();
    for a in &territory.actors {
        for (k, _) in &a.attributes {
            if !names.contains(&k.as_str()) {
                names.push(k);
            }
        }
    }
    rename_clashes(&names, reserved)
}

/// Pairs each name with an output name that clashes neither with `reserved` nor with
/// the other outputs: the name itself, else `attr_` prefixes until it is free.
pub(super) fn rename_clashes(names: &[&str], reserved: &[&str]) -> Vec<(String, String)> {
    let mut taken: Vec<String> = reserved.iter().map(|s| (*s).to_owned()).collect();
    taken.extend(
        names
            .iter()
            .filter(|n| !reserved.contains(n))
            .map(|n| (*n).to_owned()),
    );
    names
        .iter()
        .map(|&n| {
            let mut out = n.to_owned();
            if reserved.contains(&n) {
                while taken.contains(&out) {
                    out = format!("attr_{out}");
                }
                taken.push(out.clone());
            }
            (n.to_owned(), out)
        })
        .collect()
}

/// The zones each actor is located in (one per layer, coverage layer first, then the
/// other layers in manifest order, with the border rule of docs/analyses.md §2) followed
/// by the zones it serves, as `layer:id`, without repeats; indexed by actor index.
fn actor_zones(territory: &Territory, diagnosis: &Diagnosis) -> Vec<Vec<String>> {
    let coverage = territory.analysis.coverage_layer;
    let layers = std::iter::once(coverage).chain(
        (0..territory.layers.len() as u32)
            .map(LayerIx)
            .filter(|&l| l != coverage),
    );
    let mut zones: Vec<Vec<String>> = vec![Vec::new(); territory.actors.len()];
    for layer in layers {
        for (i, zone) in diagnosis.placements[layer.0 as usize].iter().enumerate() {
            if let Some(zone) = *zone {
                zones[i].push(territory.zone_label(ZoneRef { layer, zone }));
            }
        }
    }
    for (i, a) in territory.actors.iter().enumerate() {
        for &z in &a.serves {
            let label = territory.zone_label(z);
            if !zones[i].contains(&label) {
                zones[i].push(label);
            }
        }
    }
    zones
}

/// The dispositifs each actor belongs to (through `member` and `instance` relations on
/// the date), in bundle order, indexed by actor index.
pub(crate) fn dispositifs_by_actor(
    territory: &Territory,
    diagnosis: &Diagnosis,
) -> Vec<Vec<ActorIx>> {
    let mut dispositifs: Vec<Vec<ActorIx>> = vec![Vec::new(); territory.actors.len()];
    // BTreeMap: dispositifs in index (bundle) order.
    for (d, ms) in &diagnosis.memberships {
        for m in ms {
            dispositifs[m.index()].push(*d);
        }
    }
    dispositifs
}

/// The "who does what" directory (`directory.csv`).
pub(crate) fn directory_table<'a>(territory: &'a Territory, diagnosis: &'a Diagnosis) -> Table<'a> {
    let extras = extra_actor_columns(territory, &DIRECTORY_COLUMNS);
    let zones = actor_zones(territory, diagnosis);
    let dispositifs = dispositifs_by_actor(territory, diagnosis);
    let header: Vec<String> = DIRECTORY_COLUMNS
        .iter()
        .map(|s| (*s).to_owned())
        .chain(extras.iter().map(|(_, out)| out.clone()))
        .collect();
    let rows = territory.actors.iter().enumerate().map(move |(i, a)| {
        let taxonomy = &territory.taxonomy;
        let mut row: Vec<String> = vec![
            a.id.clone(),
            a.name.clone(),
            taxonomy
                .kind(&a.kind)
                .map_or_else(|| a.kind.clone(), |k| k.label.clone()),
            taxonomy
                .sector(&a.sector)
                .map_or_else(|| a.sector.clone(), |s| s.label.clone()),
            a.themes
                .iter()
                .map(|t| t.label())
                .collect::<Vec<_>>()
                .join("|"),
            zones[i].join("|"),
            dispositifs[i]
                .iter()
                .map(|&d| territory.actor(d).id.as_str())
                .collect::<Vec<_>>()
                .join("|"),
        ];
        row.extend(
            extras
                .iter()
                .map(|(column, _)| a.attribute(column).unwrap_or("").to_owned()),
        );
        row
    });
    Table::new(header, rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renames_extra_columns_that_clash() {
        let out = rename_clashes(&["phone", "zones", "attr_zones"], &["id", "zones"]);
        assert_eq!(out[0], ("phone".into(), "phone".into()));
        assert_eq!(out[1], ("zones".into(), "attr_attr_zones".into()));
        assert_eq!(out[2], ("attr_zones".into(), "attr_zones".into()));
    }
}
