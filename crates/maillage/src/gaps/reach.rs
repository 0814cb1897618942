//! Which zones a zone named by `serves` or an action's `zones` reaches, layer by layer,
//! resolved once per named zone.

use crate::model::{LayerIx, Territory, ZoneIx, ZoneRef};
use crate::spatial::AnchorIndex;
use std::collections::BTreeMap;

/// A memo over [`AnchorIndex::reached_by`] for every layer of a territory.
pub(crate) struct Reach<'t> {
    indexes: Vec<AnchorIndex<'t>>,
    memo: BTreeMap<(ZoneRef, LayerIx), Vec<ZoneIx>>,
}

impl<'t> Reach<'t> {
    pub(crate) fn new(territory: &'t Territory) -> Self {
        Self {
            indexes: (0..territory.layers.len() as u32)
                .map(|l| AnchorIndex::new(territory, LayerIx(l)))
                .collect(),
            memo: BTreeMap::new(),
        }
    }

    /// The zones of `layer` that `named` reaches, sorted.
    pub(crate) fn zones(&mut self, named: ZoneRef, layer: LayerIx) -> &[ZoneIx] {
        let index = &self.indexes[layer.0 as usize];
        self.memo
            .entry((named, layer))
            .or_insert_with(|| index.reached_by(named))
    }
}
