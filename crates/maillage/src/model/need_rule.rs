//! Needs raised from a zone indicator by a rule of the manifest
//! (`[[needs_from_indicators]]`, docs/bundle.md): each zone whose value passes the
//! threshold gets the rule's need, beside the needs of `needs.csv`.

use super::{LayerIx, Need, Theme, Zone, ZoneIx, ZoneRef};
use serde::Serialize;
use std::collections::HashMap;

/// Which side of its threshold a zone's value must lie on to raise the need.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Threshold {
    /// `above = X`: a value strictly greater than X.
    Above(f64),
    /// `below = X`: a value strictly less than X.
    Below(f64),
}

impl Threshold {
    /// Whether a value passes: strictly above, or strictly below, the threshold.
    ///
    /// # Example
    /// ```
    /// use maillage::model::Threshold;
    /// assert!(Threshold::Above(15.0).passes(15.5));
    /// assert!(!Threshold::Above(15.0).passes(15.0));
    /// assert!(Threshold::Below(10.0).passes(7.3));
    /// ```
    pub fn passes(self, value: f64) -> bool {
        match self {
            Threshold::Above(t) => value > t,
            Threshold::Below(t) => value < t,
        }
    }

    /// The manifest's key (`above` or `below`) and the threshold.
    pub fn key_and_value(self) -> (&'static str, f64) {
        match self {
            Threshold::Above(t) => ("above", t),
            Threshold::Below(t) => ("below", t),
        }
    }
}

/// A rule raising a need from an indicator, one `[[needs_from_indicators]]` table of
/// the manifest, checked: its layer declares the indicator, its zones are zones of
/// that layer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NeedRule {
    /// The layer whose zones the rule reads.
    pub layer: LayerIx,
    /// The indicator's property ([`super::Indicator::property`]).
    pub indicator: String,
    /// The threshold and its side.
    pub threshold: Threshold,
    /// The theme of the need raised.
    pub theme: Theme,
    /// Its level, 1 (watch) to 3 (priority).
    pub level: u8,
    /// The zones the rule is limited to; empty: every zone of the layer.
    pub zones: Vec<ZoneIx>,
    /// The source of the needs raised, in the language of the messages:
    /// `indicateur tchom > 15`.
    pub source: String,
    /// Line of the rule's table in the manifest.
    pub line: u64,
}

impl NeedRule {
    /// The text a raised need's source holds: the indicator, the side and the
    /// threshold (`indicateur tchom > 15`; `indicator tchom > 15` in English), with
    /// the indicator's unit when it has one.
    ///
    /// # Example
    /// ```
    /// use maillage::model::{NeedRule, Threshold};
    /// let text = NeedRule::source_text("tchom", Threshold::Above(15.0), Some("%"));
    /// assert!(text.ends_with("tchom > 15 %"));
    /// ```
    pub fn source_text(indicator: &str, threshold: Threshold, unit: Option<&str>) -> String {
        let (key, value) = threshold.key_and_value();
        let sign = if key == "above" { ">" } else { "<" };
        let unit = unit.map_or_else(String::new, |u| format!(" {u}"));
        crate::msg!(
            NeedRaisedSource,
            indicator = indicator,
            sign = sign,
            threshold = format!("{value}{unit}")
        )
        .to_string()
    }

    /// The zones of `zones` (the rule's layer) whose value of the indicator passes, in
    /// layer order; a zone without a value raises nothing.
    pub fn passing<'z>(&'z self, zones: &'z [Zone]) -> impl Iterator<Item = ZoneIx> + 'z {
        let all = self.zones.is_empty();
        zones
            .iter()
            .enumerate()
            .map(|(i, z)| (ZoneIx(i as u32), z))
            .filter(move |(i, _)| all || self.zones.contains(i))
            .filter(move |(_, z)| {
                z.indicators
                    .get(&self.indicator)
                    .copied()
                    .flatten()
                    .is_some_and(|v| self.threshold.passes(v))
            })
            .map(|(i, _)| i)
    }
}

/// The needs the rules raise, to follow the needs of `needs.csv` (`written`): for each
/// rule in manifest order, each passing zone in layer order, a need marked with
/// [`Need::raised_by`]. A written need of the same zone and theme (themes compared
/// without case or accents) wins and nothing is raised; between rules raising the same
/// zone and theme, the higher level wins (the first rule of that level), at the place
/// of the first one raised.
///
/// # Example
/// ```
/// # let territory = maillage::load_bundle("../../data/lyon7".as_ref()).unwrap().territory;
/// // lyon7 declares no rule
/// let raised = maillage::model::raise_needs(&territory.layers, &[], &territory.needs);
/// assert!(raised.is_empty());
/// ```
pub fn raise_needs(layers: &[super::Layer], rules: &[NeedRule], written: &[Need]) -> Vec<Need> {
    raise_needs_in(
        |l| layers.get(l.0 as usize).map(|l| l.zones.as_slice()),
        rules,
        written,
    )
}

/// [`raise_needs`] with the zones of each layer given by `zones` (the loader holds its
/// layers apart).
pub(crate) fn raise_needs_in<'z>(
    zones: impl Fn(LayerIx) -> Option<&'z [Zone]>,
    rules: &[NeedRule],
    written: &[Need],
) -> Vec<Need> {
    let key = |zone: ZoneRef, theme: &Theme| (zone, theme.key().to_owned());
    let hand: std::collections::HashSet<(ZoneRef, String)> =
        written.iter().map(|n| key(n.zone, &n.theme)).collect();
    let mut raised: Vec<Need> = Vec::new();
    let mut at: HashMap<(ZoneRef, String), usize> = HashMap::new();
    for (r, rule) in rules.iter().enumerate() {
        let Some(layer_zones) = zones(rule.layer) else {
            continue;
        };
        for zone in rule.passing(layer_zones) {
            let zone = ZoneRef {
                layer: rule.layer,
                zone,
            };
            let k = key(zone, &rule.theme);
            if hand.contains(&k) {
                continue;
            }
            let need = Need {
                zone,
                theme: rule.theme.clone(),
                level: rule.level,
                source: Some(rule.source.clone()),
                attributes: Vec::new(),
                line: rule.line,
                raised_by: Some(r),
            };
            match at.get(&k) {
                Some(&i) if raised[i].level < rule.level => raised[i] = need,
                Some(_) => {}
                None => {
                    at.insert(k, raised.len());
                    raised.push(need);
                }
            }
        }
    }
    raised
}
