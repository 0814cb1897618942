//! The QGIS styles of the map layers (QML, as QGIS stores them in a GeoPackage's
//! `layer_styles` table): a rule-based renderer whose rules are the classes of the
//! layer's legend, the legend of `zones.geojson`, `actors.geojson` and
//! `network.geojson`, with their colours, so that QGIS opens `diagnostic.gpkg`
//! coloured as the report's maps.

use super::gis::{GisLayer, StyleRule};
use super::report::text::escape;
use super::wkb::ShapeKind;

/// The QGIS version the styles are written for (QGIS reads older and newer styles).
const QGIS_VERSION: &str = "3.22.0-Białowieża";

/// `#rrggbb` as QGIS writes a colour, with an alpha from 0 to 255.
fn qgis_color(hex: &str, alpha: u8) -> String {
    let h = hex.trim_start_matches('#');
    let part = |i: usize| {
        h.get(i..i + 2)
            .and_then(|p| u8::from_str_radix(p, 16).ok())
            .unwrap_or(0)
    };
    format!("{},{},{},{alpha}", part(0), part(2), part(4))
}

/// A symbol layer's properties, written twice as QGIS writes them: an `Option` map
/// (QGIS 3.26 and later) and `prop` elements (earlier).
fn properties(pairs: &[(&str, String)]) -> String {
    let mut s = String::from("<Option type=\"Map\">");
    for (k, v) in pairs {
        s.push_str(&format!(
            "<Option name=\"{}\" type=\"QString\" value=\"{}\"/>",
            escape(k),
            escape(v)
        ));
    }
    s.push_str("</Option>");
    for (k, v) in pairs {
        s.push_str(&format!("<prop k=\"{}\" v=\"{}\"/>", escape(k), escape(v)));
    }
    s
}

/// A data-defined property of a symbol layer: `key` computed by `expression`.
fn data_defined(key: Option<(&str, &str)>) -> String {
    let mut s = String::from(
        "<data_defined_properties><Option type=\"Map\"><Option name=\"name\" type=\"QString\" value=\"\"/>",
    );
    match key {
        Some((key, expression)) => s.push_str(&format!(
            "<Option name=\"properties\" type=\"Map\"><Option name=\"{}\" type=\"Map\"><Option name=\"active\" type=\"bool\" value=\"true\"/><Option name=\"expression\" type=\"QString\" value=\"{}\"/><Option name=\"type\" type=\"int\" value=\"3\"/></Option></Option>",
            escape(key),
            escape(expression)
        )),
        None => s.push_str("<Option name=\"properties\"/>"),
    }
    s.push_str("<Option name=\"type\" type=\"QString\" value=\"collection\"/></Option></data_defined_properties>");
    s
}

/// The symbol of one rule.
fn symbol(shape: ShapeKind, n: usize, rule: &StyleRule) -> String {
    let (kind, class, alpha, props, defined) = match shape {
        ShapeKind::Zone => (
            "fill",
            "SimpleFill",
            "0.7",
            vec![
                ("color", qgis_color(&rule.color, 255)),
                ("style", "solid".to_owned()),
                ("outline_color", qgis_color("#555555", 255)),
                ("outline_style", "solid".to_owned()),
                ("outline_width", "0.26".to_owned()),
                ("outline_width_unit", "MM".to_owned()),
                ("joinstyle", "round".to_owned()),
            ],
            // priority zones outlined as in zones.geojson and the report
            data_defined(Some((
                "outlineColor",
                "CASE WHEN \"priority\" THEN '#d7301f' ELSE '#555555' END",
            ))),
        ),
        ShapeKind::Point => (
            "marker",
            "SimpleMarker",
            "1",
            vec![
                ("color", qgis_color(&rule.color, 255)),
                ("name", "circle".to_owned()),
                ("size", "2.6".to_owned()),
                ("size_unit", "MM".to_owned()),
                ("outline_color", qgis_color("#ffffff", 255)),
                ("outline_style", "solid".to_owned()),
                ("outline_width", "0.3".to_owned()),
                ("outline_width_unit", "MM".to_owned()),
            ],
            data_defined(None),
        ),
        ShapeKind::Line => (
            "line",
            "SimpleLine",
            "0.7",
            vec![
                ("line_color", qgis_color(&rule.color, 255)),
                ("line_style", "solid".to_owned()),
                ("line_width", "0.4".to_owned()),
                ("line_width_unit", "MM".to_owned()),
                ("capstyle", "round".to_owned()),
                ("joinstyle", "round".to_owned()),
            ],
            data_defined(None),
        ),
    };
    format!(
        "<symbol type=\"{kind}\" name=\"{n}\" alpha=\"{alpha}\" clip_to_extent=\"1\" force_rhr=\"0\">{}<layer class=\"{class}\" enabled=\"1\" locked=\"0\" pass=\"0\">{}{defined}</layer></symbol>",
        data_defined(None),
        properties(&props)
    )
}

/// The QML of a map layer: its rules, a symbol each; `None` for a table.
pub(crate) fn layer_qml(layer: &GisLayer) -> Option<String> {
    let shape = layer.shape?;
    let (_, rules) = layer.style.as_ref()?;
    let mut rule_elements = String::new();
    let mut symbols = String::new();
    for (n, rule) in rules.iter().enumerate() {
        rule_elements.push_str(&format!(
            "<rule key=\"{{rule-{n}}}\" symbol=\"{n}\" label=\"{}\" filter=\"{}\"/>",
            escape(&rule.label),
            escape(&rule.filter)
        ));
        symbols.push_str(&symbol(shape, n, rule));
    }
    let geometry = match shape {
        ShapeKind::Point => 0,
        ShapeKind::Line => 1,
        ShapeKind::Zone => 2,
    };
    Some(format!(
        "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n<qgis version=\"{QGIS_VERSION}\" styleCategories=\"Symbology\">\n<renderer-v2 type=\"RuleRenderer\" symbollevels=\"0\" enableorderby=\"0\" forceraster=\"0\" referencescale=\"-1\">\n<rules key=\"{{root}}\">{rule_elements}</rules>\n<symbols>{symbols}</symbols>\n</renderer-v2>\n<blendMode>0</blendMode>\n<featureBlendMode>0</featureBlendMode>\n<layerGeometryType>{geometry}</layerGeometryType>\n</qgis>\n"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_colours_as_qgis_does() {
        assert_eq!(qgis_color("#d7301f", 255), "215,48,31,255");
        assert_eq!(qgis_color("#ffffff", 178), "255,255,255,178");
    }
}
