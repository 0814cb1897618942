//! Well-Known Binary (OGC Simple Features, ISO 19125, 2D, little-endian) of the GIS
//! layers: the one encoder of the geometries of `diagnostic.gpkg` and of the GeoParquet
//! files (docs/outputs.md, "GeoPackage", "GeoParquet").

use geo::{Coord, LineString, MultiPolygon, Polygon};

/// A geometry of a GIS layer: an actor's point, a tie's line, a zone's outline (always
/// a multipolygon, so that a layer has one geometry type).
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Shape {
    /// An actor.
    Point(Coord<f64>),
    /// A tie between two actors.
    Line(LineString<f64>),
    /// A zone.
    Zone(MultiPolygon<f64>),
}

/// The geometry types of the layers, as GeoPackage and GeoParquet name them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ShapeKind {
    Point,
    Line,
    Zone,
}

impl ShapeKind {
    /// The GeoPackage `geometry_type_name`.
    pub(crate) fn gpkg_name(self) -> &'static str {
        match self {
            ShapeKind::Point => "POINT",
            ShapeKind::Line => "LINESTRING",
            ShapeKind::Zone => "MULTIPOLYGON",
        }
    }

    /// The GeoParquet `geometry_types` entry.
    pub(crate) fn geoparquet_name(self) -> &'static str {
        match self {
            ShapeKind::Point => "Point",
            ShapeKind::Line => "LineString",
            ShapeKind::Zone => "MultiPolygon",
        }
    }
}

/// `[min_x, max_x, min_y, max_y]`, the order of a GeoPackage envelope.
pub(crate) type Envelope = [f64; 4];

/// The envelope of several envelopes.
pub(crate) fn union(a: Option<Envelope>, b: Envelope) -> Envelope {
    match a {
        None => b,
        Some(a) => [
            a[0].min(b[0]),
            a[1].max(b[1]),
            a[2].min(b[2]),
            a[3].max(b[3]),
        ],
    }
}

impl Shape {
    /// Every coordinate, in order.
    fn coords(&self) -> Box<dyn Iterator<Item = Coord<f64>> + '_> {
        match self {
            Shape::Point(c) => Box::new(std::iter::once(*c)),
            Shape::Line(l) => Box::new(l.0.iter().copied()),
            Shape::Zone(m) => Box::new(m.0.iter().flat_map(|p| {
                p.exterior()
                    .0
                    .iter()
                    .chain(p.interiors().iter().flat_map(|r| r.0.iter()))
                    .copied()
            })),
        }
    }

    /// The shape with every coordinate changed by `f`, or `None` when `f` gives `None`
    /// for one of them.
    pub(crate) fn try_map(
        &self,
        mut f: impl FnMut(Coord<f64>) -> Option<Coord<f64>>,
    ) -> Option<Shape> {
        let mut line = |l: &LineString<f64>| -> Option<LineString<f64>> {
            l.0.iter()
                .map(|&c| f(c))
                .collect::<Option<Vec<_>>>()
                .map(LineString)
        };
        Some(match self {
            Shape::Point(c) => Shape::Point(line(&LineString(vec![*c]))?.0[0]),
            Shape::Line(l) => Shape::Line(line(l)?),
            Shape::Zone(m) => Shape::Zone(MultiPolygon(
                m.0.iter()
                    .map(|p| {
                        let exterior = line(p.exterior())?;
                        let interiors = p
                            .interiors()
                            .iter()
                            .map(&mut line)
                            .collect::<Option<Vec<_>>>()?;
                        Some(Polygon::new(exterior, interiors))
                    })
                    .collect::<Option<Vec<_>>>()?,
            )),
        })
    }

    /// The smallest box holding the shape; `None` for a shape without coordinates.
    pub(crate) fn envelope(&self) -> Option<Envelope> {
        self.coords()
            .fold(None, |e, c| Some(union(e, [c.x, c.x, c.y, c.y])))
    }

    /// Appends the shape's WKB (little-endian, 2D).
    pub(crate) fn write_wkb(&self, out: &mut Vec<u8>) {
        match self {
            Shape::Point(c) => {
                header(out, 1);
                coord(out, *c);
            }
            Shape::Line(l) => {
                header(out, 2);
                ring(out, l);
            }
            Shape::Zone(m) => {
                header(out, 6);
                count(out, m.0.len());
                for p in &m.0 {
                    header(out, 3);
                    count(out, 1 + p.interiors().len());
                    ring(out, p.exterior());
                    for r in p.interiors() {
                        ring(out, r);
                    }
                }
            }
        }
    }

    /// The shape's WKB.
    pub(crate) fn wkb(&self) -> Vec<u8> {
        let mut out = Vec::new();
        self.write_wkb(&mut out);
        out
    }
}

/// Byte order (1: little-endian) and geometry type.
fn header(out: &mut Vec<u8>, kind: u32) {
    out.push(1);
    out.extend_from_slice(&kind.to_le_bytes());
}

fn count(out: &mut Vec<u8>, n: usize) {
    // A ring, a line or a multipolygon of more than 4 billion parts cannot be built in
    // memory first.
    out.extend_from_slice(&(n as u32).to_le_bytes());
}

fn coord(out: &mut Vec<u8>, c: Coord<f64>) {
    out.extend_from_slice(&c.x.to_le_bytes());
    out.extend_from_slice(&c.y.to_le_bytes());
}

fn ring(out: &mut Vec<u8>, l: &LineString<f64>) {
    count(out, l.0.len());
    for &c in &l.0 {
        coord(out, c);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::{coord, polygon};

    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|b| format!("{b:02X}")).collect()
    }

    #[test]
    fn writes_the_standard_bytes() {
        // POINT (1 2), as PostGIS's ST_AsBinary writes it
        assert_eq!(
            hex(&Shape::Point(coord! { x: 1.0, y: 2.0 }).wkb()),
            "0101000000000000000000F03F0000000000000040"
        );
        let line = Shape::Line(LineString::from(vec![(0.0, 0.0), (1.0, 1.0)]));
        let wkb = line.wkb();
        assert_eq!(&wkb[..9], &[1, 2, 0, 0, 0, 2, 0, 0, 0]);
        assert_eq!(wkb.len(), 9 + 4 * 8);
        let square =
            polygon![(x: 0.0, y: 0.0), (x: 2.0, y: 0.0), (x: 2.0, y: 3.0), (x: 0.0, y: 0.0)];
        let zone = Shape::Zone(MultiPolygon(vec![square]));
        let wkb = zone.wkb();
        // multipolygon of 1 polygon of 1 ring of 4 points
        assert_eq!(
            &wkb[..18],
            &[1, 6, 0, 0, 0, 1, 0, 0, 0, 1, 3, 0, 0, 0, 1, 0, 0, 0]
        );
        // multipolygon header and count, polygon header and count, ring count, 4 points
        assert_eq!(wkb.len(), 9 + 9 + 4 + 4 * 16);
        assert_eq!(zone.envelope(), Some([0.0, 2.0, 0.0, 3.0]));
    }

    #[test]
    fn maps_every_coordinate() {
        let line = Shape::Line(LineString::from(vec![(0.0, 0.0), (1.0, 1.0)]));
        let moved = line
            .try_map(|c| Some(coord! { x: c.x + 1.0, y: c.y }))
            .unwrap();
        assert_eq!(moved.envelope(), Some([1.0, 2.0, 0.0, 1.0]));
        assert!(line.try_map(|c| (c.x < 0.5).then_some(c)).is_none());
    }
}
