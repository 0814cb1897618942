//! Drawing helpers shared by the zone map, the network diagram and the calendar: a
//! simple equirectangular projection, SVG path data, coordinates written compactly, a
//! scale bar, and a time axis of years and months.
//!
//! The projection is x = (lon − lon_min) · cos φ̄ · s, y = (lat_max − lat) · s, with φ̄
//! the latitude at the middle of the extent and s the pixels per degree of latitude: at
//! the scale of a city or a canton it keeps distances true to within a few per cent,
//! and needs no projection library.

use super::text::{escape, french_number};
use crate::model::Date;
use geo::{BoundingRect, LineString, MultiPolygon};

/// Metres per degree of latitude on the mean Earth sphere (R = 6 371 008.8 m).
const METRES_PER_DEGREE: f64 = 111_195.08;

/// A longitude–latitude box.
///
/// # Units
/// Degrees (WGS84).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Extent {
    pub min_lon: f64,
    pub min_lat: f64,
    pub max_lon: f64,
    pub max_lat: f64,
}

impl Extent {
    /// The box around outlines; `None` when there are none.
    pub fn of<'g>(outlines: impl IntoIterator<Item = &'g MultiPolygon<f64>>) -> Option<Self> {
        outlines
            .into_iter()
            .filter_map(BoundingRect::bounding_rect)
            .map(|r| Self {
                min_lon: r.min().x,
                min_lat: r.min().y,
                max_lon: r.max().x,
                max_lat: r.max().y,
            })
            .reduce(|a, b| Self {
                min_lon: a.min_lon.min(b.min_lon),
                min_lat: a.min_lat.min(b.min_lat),
                max_lon: a.max_lon.max(b.max_lon),
                max_lat: a.max_lat.max(b.max_lat),
            })
    }

    /// Whether a point lies in the box grown by `share` of its size on every side.
    pub fn contains(&self, lon: f64, lat: f64, share: f64) -> bool {
        let (dx, dy) = (
            (self.max_lon - self.min_lon) * share,
            (self.max_lat - self.min_lat) * share,
        );
        (self.min_lon - dx..=self.max_lon + dx).contains(&lon)
            && (self.min_lat - dy..=self.max_lat + dy).contains(&lat)
    }
}

/// The equirectangular projection of an extent into a box of pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Projection {
    min_lon: f64,
    max_lat: f64,
    /// cos of the middle latitude.
    kx: f64,
    /// Pixels per degree of latitude.
    scale: f64,
    /// Where the extent's top-left corner is drawn.
    origin: (f64, f64),
    /// Size of the drawn extent.
    size: (f64, f64),
}

impl Projection {
    /// The largest projection of `extent` that fits `max_width` × `max_height` pixels,
    /// its top-left corner at `origin`.
    pub fn fit(extent: &Extent, max_width: f64, max_height: f64, origin: (f64, f64)) -> Self {
        let mid = (extent.min_lat + extent.max_lat) / 2.0;
        let kx = mid.to_radians().cos().max(1e-6);
        // A point or a line still gets a drawable box.
        let span_x = ((extent.max_lon - extent.min_lon) * kx).max(1e-9);
        let span_y = (extent.max_lat - extent.min_lat).max(1e-9);
        let scale = (max_width / span_x).min(max_height / span_y);
        Self {
            min_lon: extent.min_lon,
            max_lat: extent.max_lat,
            kx,
            scale,
            origin,
            size: (span_x * scale, span_y * scale),
        }
    }

    /// The same projection with its extent drawn from another corner.
    pub fn moved_to(self, origin: (f64, f64)) -> Self {
        Self { origin, ..self }
    }

    /// Width and height of the drawn extent, in pixels.
    pub fn size(&self) -> (f64, f64) {
        self.size
    }

    /// Where a point is drawn.
    pub fn point(&self, lon: f64, lat: f64) -> (f64, f64) {
        (
            self.origin.0 + (lon - self.min_lon) * self.kx * self.scale,
            self.origin.1 + (self.max_lat - lat) * self.scale,
        )
    }

    /// Metres that one pixel stands for.
    pub fn metres_per_pixel(&self) -> f64 {
        METRES_PER_DEGREE / self.scale
    }

    /// SVG path data of an outline: one closed subpath per ring (holes included, to be
    /// drawn with `fill-rule="evenodd"`), points that fall on the same tenth of a pixel
    /// as the previous one dropped.
    pub fn path(&self, outline: &MultiPolygon<f64>) -> String {
        let mut d = String::new();
        for polygon in outline {
            for ring in std::iter::once(polygon.exterior()).chain(polygon.interiors()) {
                self.ring(ring, &mut d);
            }
        }
        d
    }

    fn ring(&self, ring: &LineString<f64>, d: &mut String) {
        let mut last = String::new();
        let mut written = 0;
        for c in ring.coords() {
            let (x, y) = self.point(c.x, c.y);
            let xy = format!("{},{}", coordinate(x), coordinate(y));
            if xy == last {
                continue;
            }
            d.push(if written == 0 { 'M' } else { 'L' });
            d.push_str(&xy);
            last = xy;
            written += 1;
        }
        if written > 0 {
            d.push('Z');
        }
    }
}

/// A drawing coordinate with one decimal (a tenth of a pixel), never `-0.0`.
pub(crate) fn coordinate(x: f64) -> String {
    let s = format!("{x:.1}");
    if s == "-0.0" {
        "0.0".to_owned()
    } else {
        s
    }
}

/// A distance label: `500 m`, `1 km`, `2,5 km`.
fn distance_label(metres: f64) -> String {
    if metres < 1000.0 {
        format!("{} m", french_number(metres, 0))
    } else {
        let km = metres / 1000.0;
        format!(
            "{} km",
            french_number(km, if km.fract() == 0.0 { 0 } else { 1 })
        )
    }
}

/// A scale bar whose left end is at (`x`, `y`), at most `max_px` long: the longest
/// round distance (1, 2, 2.5 or 5 × 10ⁿ metres) that fits.
pub(crate) fn scale_bar(projection: &Projection, x: f64, y: f64, max_px: f64) -> String {
    let per_px = projection.metres_per_pixel();
    let max_m = max_px * per_px;
    let mut best = 10.0;
    let mut magnitude = 10.0;
    while magnitude <= 1e7 {
        for step in [1.0, 2.0, 2.5, 5.0] {
            let m = step * magnitude;
            if m <= max_m {
                best = m;
            }
        }
        magnitude *= 10.0;
    }
    let len = best / per_px;
    format!(
        "<g class=\"echelle\"><path d=\"M{x0},{yt}V{y0}H{x1}V{yt}\" fill=\"none\" stroke=\"#333333\" stroke-width=\"1.5\"/>\
<text x=\"{xm}\" y=\"{ytext}\" text-anchor=\"middle\">{label}</text></g>",
        x0 = coordinate(x),
        x1 = coordinate(x + len),
        y0 = coordinate(y),
        yt = coordinate(y - 5.0),
        xm = coordinate(x + len / 2.0),
        ytext = coordinate(y - 8.0),
        label = escape(&distance_label(best)),
    )
}

/// A north arrow at (`x`, `y`) (the tip of the arrow).
pub(crate) fn north_arrow(x: f64, y: f64) -> String {
    format!(
        "<g class=\"nord\"><path d=\"M{},{}L{},{}L{},{}L{},{}Z\" fill=\"#333333\"/>\
<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">N</text></g>",
        coordinate(x),
        coordinate(y),
        coordinate(x + 6.0),
        coordinate(y + 16.0),
        coordinate(x),
        coordinate(y + 12.0),
        coordinate(x - 6.0),
        coordinate(y + 16.0),
        coordinate(x),
        coordinate(y + 30.0),
    )
}

/// A small SVG colour swatch for an HTML legend: a box filled with `fill`, outlined
/// with `stroke` (dashed when asked).
pub(crate) fn swatch(fill: &str, stroke: &str, stroke_width: f64, dashed: bool) -> String {
    format!(
        "<svg class=\"pastille\" width=\"22\" height=\"14\" viewBox=\"0 0 22 14\" aria-hidden=\"true\">\
<rect x=\"1.5\" y=\"1.5\" width=\"19\" height=\"11\" fill=\"{}\" stroke=\"{}\" stroke-width=\"{}\"{}/></svg>",
        escape(fill),
        escape(stroke),
        coordinate(stroke_width),
        if dashed {
            " stroke-dasharray=\"4 2\""
        } else {
            ""
        }
    )
}

/// About how wide a text is drawn at `font_px` pixels, in pixels: each character's
/// advance, about that of DejaVu Sans, the widest of the common sans-serif faces, so
/// that a label measured to fit does fit in the others.
pub(crate) fn text_width(text: &str, font_px: f64) -> f64 {
    let em: f64 = text
        .chars()
        .map(|c| match c {
            'i' | 'l' | 'j' | 'ı' | '|' | '!' | '.' | ',' | ';' | ':' | '\'' | '’' => 0.28,
            ' ' | 'f' | 't' | 'r' | '(' | ')' | '-' | '·' => 0.36,
            'm' | 'w' | 'M' | 'W' | '…' | '–' | '—' => 0.9,
            c if c.is_uppercase() => 0.68,
            _ => 0.56,
        })
        .sum();
    em * font_px
}

/// A text cut to fit in `max_px` pixels at `font_px`, with an ellipsis when cut.
pub(crate) fn fit_text(text: &str, font_px: f64, max_px: f64) -> String {
    if text_width(text, font_px) <= max_px {
        return text.to_owned();
    }
    let mut cut: String = text.to_owned();
    while !cut.is_empty() && text_width(&format!("{}…", cut.trim_end()), font_px) > max_px {
        cut.pop();
    }
    format!("{}…", cut.trim_end())
}

/// A time axis of whole years: the days from `from` (a 1 January, included) to `to` (a
/// 1 January, excluded) drawn from `x0` to `x1`, each day as wide as the others.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct TimeScale {
    from: Date,
    to: Date,
    x0: f64,
    x1: f64,
}

impl TimeScale {
    /// The whole years around two days, between `x0` and `x1` pixels: from 1 January
    /// of the first's year to 1 January after the last's.
    pub fn years(first: Date, last: Date, x0: f64, x1: f64) -> Self {
        Self {
            from: first_of(first.year(), 1),
            to: first_of(last.year().max(first.year()) + 1, 1),
            x0,
            x1,
        }
    }

    /// Pixels per day.
    pub fn pixels_per_day(&self) -> f64 {
        let days = (self.to.day_number() - self.from.day_number()).max(1);
        (self.x1 - self.x0) / days as f64
    }

    /// Where a day begins.
    pub fn x(&self, day: Date) -> f64 {
        self.x0 + (day.day_number() - self.from.day_number()) as f64 * self.pixels_per_day()
    }

    /// Where a day ends: where the next one begins.
    pub fn x_after(&self, day: Date) -> f64 {
        self.x(day.next_day())
    }
}

/// The first day of a month (1 to 12).
fn first_of(year: i32, month: u8) -> Date {
    Date::new(year, month, 1).expect("every month has a first day")
}

/// The initials of the months, for the ticks of a time axis.
const MONTH_INITIALS: [&str; 12] = ["J", "F", "M", "A", "M", "J", "J", "A", "S", "O", "N", "D"];

/// The ticks of a time axis: a line at `y` across the scale, a grid line at each
/// 1 January from above the years down to `bottom`, each year's number centred over
/// its span (every second, fifth... year when they would crowd), and a tick at each
/// month, with its initial when there is room.
pub(crate) fn time_axis(scale: &TimeScale, y: f64, bottom: f64) -> String {
    let mut out = String::from("<g class=\"axe-temps\">");
    let per_year = scale.pixels_per_day() * 365.25;
    let step = [1, 2, 5, 10, 20, 50, 100]
        .into_iter()
        .find(|&s| per_year * f64::from(s) >= 40.0)
        .unwrap_or(100);
    let per_month = per_year / 12.0;
    for year in scale.from.year()..scale.to.year() {
        let (start, end) = (scale.x(first_of(year, 1)), scale.x(first_of(year + 1, 1)));
        out.push_str(&format!(
            "<line x1=\"{x}\" y1=\"{}\" x2=\"{x}\" y2=\"{}\" stroke=\"#c3cad2\" stroke-width=\"1\"/>",
            coordinate(y - 30.0),
            coordinate(bottom),
            x = coordinate(start),
        ));
        if year % step == 0 || step == 1 {
            out.push_str(&format!(
                "<text class=\"annee\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">{year}</text>",
                coordinate((start + end) / 2.0),
                coordinate(y - 20.0),
            ));
        }
        if per_month < 4.0 {
            continue;
        }
        for month in 1..=12u8 {
            let next = if month == 12 {
                first_of(year + 1, 1)
            } else {
                first_of(year, month + 1)
            };
            let (x, next) = (scale.x(first_of(year, month)), scale.x(next));
            if month > 1 {
                out.push_str(&format!(
                    "<line x1=\"{x}\" y1=\"{}\" x2=\"{x}\" y2=\"{}\" stroke=\"#7b8794\" stroke-width=\"1\"/>",
                    coordinate(y),
                    coordinate(y + 4.0),
                    x = coordinate(x),
                ));
            }
            if per_month >= 12.0 {
                out.push_str(&format!(
                    "<text class=\"mois\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
                    coordinate((x + next) / 2.0),
                    coordinate(y - 4.0),
                    MONTH_INITIALS[usize::from(month) - 1],
                ));
            }
        }
    }
    out.push_str(&format!(
        "<line x1=\"{x}\" y1=\"{}\" x2=\"{x}\" y2=\"{}\" stroke=\"#c3cad2\" stroke-width=\"1\"/>",
        coordinate(y - 30.0),
        coordinate(bottom),
        x = coordinate(scale.x(scale.to)),
    ));
    out.push_str(&format!(
        "<line x1=\"{}\" y1=\"{y}\" x2=\"{}\" y2=\"{y}\" stroke=\"#52606d\" stroke-width=\"1\"/></g>",
        coordinate(scale.x0),
        coordinate(scale.x1),
        y = coordinate(y),
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::{polygon, MultiPolygon};

    fn square() -> MultiPolygon<f64> {
        MultiPolygon(vec![polygon![
            (x: 4.80, y: 45.70), (x: 4.90, y: 45.70), (x: 4.90, y: 45.80), (x: 4.80, y: 45.80), (x: 4.80, y: 45.70)
        ]])
    }

    #[test]
    fn flips_y_and_shrinks_longitudes_by_the_cosine_of_latitude() {
        let e = Extent::of([&square()]).unwrap();
        let p = Projection::fit(&e, 1000.0, 1000.0, (0.0, 0.0));
        let (w, h) = p.size();
        assert!((h - 1000.0).abs() < 1e-6);
        assert!((w / h - 45.75_f64.to_radians().cos()).abs() < 1e-9);
        let (x, y) = p.point(4.80, 45.80);
        assert!(x.abs() < 1e-9 && y.abs() < 1e-9);
        assert!(p.point(4.85, 45.70).1 > p.point(4.85, 45.75).1);
    }

    #[test]
    fn writes_closed_paths() {
        let e = Extent::of([&square()]).unwrap();
        let p = Projection::fit(&e, 100.0, 100.0, (10.0, 10.0));
        let d = p.path(&square());
        assert!(
            d.starts_with("M10.0,10.0") || d.starts_with("M10.0,110.0"),
            "{d}"
        );
        assert!(d.ends_with('Z'));
        assert_eq!(d.matches('M').count(), 1);
    }

    #[test]
    fn draws_later_days_further_right_over_whole_years() {
        let d = |s: &str| s.parse::<Date>().unwrap();
        let scale = TimeScale::years(d("2021-03-01"), d("2022-06-30"), 100.0, 830.0);
        assert_eq!(scale.x(d("2021-01-01")), 100.0);
        assert!((scale.x(d("2023-01-01")) - 830.0).abs() < 1e-9);
        assert!(scale.x(d("2021-03-01")) < scale.x(d("2021-03-02")));
        assert!((scale.x_after(d("2021-12-31")) - 465.0).abs() < 1e-9);
        let axis = time_axis(&scale, 40.0, 200.0);
        assert!(axis.contains(">2021</text>") && axis.contains(">2022</text>"));
        assert!(!axis.contains(">2023</text>"));
        // a grid line at each 1 January, 2021 to 2023, and 22 month ticks
        assert_eq!(axis.matches("stroke=\"#c3cad2\"").count(), 3);
        assert_eq!(axis.matches("stroke=\"#7b8794\"").count(), 22);
    }

    #[test]
    fn cuts_labels_to_fit() {
        let name = "Place à ma santé – stand dépistage et prévention diabète";
        assert_eq!(fit_text(name, 12.0, 1000.0), name);
        let cut = fit_text(name, 12.0, 150.0);
        assert!(
            cut.ends_with('…') && text_width(&cut, 12.0) <= 150.0,
            "{cut}"
        );
        assert!(name.starts_with(cut.trim_end_matches('…')));
        assert!(text_width("mmmm", 10.0) > text_width("iiii", 10.0));
    }

    #[test]
    fn labels_scale_bars_in_french() {
        assert_eq!(distance_label(500.0), "500 m");
        assert_eq!(distance_label(1000.0), "1 km");
        assert_eq!(distance_label(2500.0), "2,5 km");
    }
}
