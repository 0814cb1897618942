"""Writes the hostile bundles of tests/hostile/ (run from the repository root:
python3 tests/hostile/make_fixtures.py). Each bundle breaks one thing the way real
files do; tests/hostile/README.md says what each must give.

The Nîmes QPV outlines (nimes_invalid_qpv/zones/qpv.geojson) are copied as they are
from real open data; see SOURCES.md. Everything else is written here."""

import json
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parent

LYON_SQUARE = [[[4.83, 45.73], [4.84, 45.73], [4.84, 45.74], [4.83, 45.74], [4.83, 45.73]]]


def manifest(layers, crs="EPSG:4326", extra="", top=""):
    text = f'format = 1\nname = "Hostile"\ncrs = "{crs}"\n{top}'
    for name, spec in layers.items():
        text += f"\n[layers.{name}]\n" + "".join(f'{k} = {json.dumps(v)}\n' for k, v in spec.items())
    return text + extra


def feature(props, geometry):
    return {"type": "Feature", "properties": props, "geometry": geometry}


def collection(features, **extra):
    return json.dumps({"type": "FeatureCollection", **extra, "features": features})


def bundle(name, files):
    folder = ROOT / name
    for rel, content in files.items():
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))


QUARTIERS = {"q": {"file": "zones/q.geojson", "id": "code", "name": "nom"}}
ONE_SQUARE = collection([feature({"code": "A", "nom": "A"}, {"type": "Polygon", "coordinates": LYON_SQUARE})])
NO_RELATIONS = "source,target,kind\n"
ONE_ACTOR = "id,name,kind,x,y\nm1,Dr A,medecin_generaliste,4.835,45.735\n"

# Real QPV outlines of Nîmes, three of them self-intersecting (features 1, 2 and 6).
bundle("nimes_invalid_qpv", {
    "territory.toml": manifest({"qpv": {"file": "zones/qpv.geojson", "id": "code_qp", "name": "nom_qp", "priority": True}}),
    # zones/qpv.geojson is committed as copied from the source, unchanged; see SOURCES.md
    "actors.csv": "id,name,kind,x,y\n"
                  "m1,Médecin Pissevin,medecin_generaliste,4.33265,43.82635\n"
                  "ph,Pharmacie Route de Beaucaire,pharmacie,4.3761,43.83775\n"
                  "asv,ASV de Nîmes,asv,,\n",
    "relations.csv": "source,target,kind\nm1,asv,partner\nph,asv,partner\n",
})

# Empty and wrong geometries, each in its own feature.
bundle("empty_geometries", {
    "territory.toml": manifest(QUARTIERS),
    "zones/q.geojson": collection([
        feature({"code": "empty_polygon"}, {"type": "Polygon", "coordinates": []}),
        feature({"code": "empty_multipolygon"}, {"type": "MultiPolygon", "coordinates": []}),
        feature({"code": "null"}, None),
        feature({"code": "collection"}, {"type": "GeometryCollection", "geometries": []}),
        feature({"code": "point"}, {"type": "Point", "coordinates": [4.83, 45.73]}),
        feature({"code": "short_ring"}, {"type": "Polygon", "coordinates": [[[4.83, 45.73], [4.84, 45.73], [4.83, 45.73]]]}),
        feature({"code": "flat"}, {"type": "Polygon", "coordinates": [[[4.83, 45.73], [4.84, 45.73], [4.85, 45.73], [4.83, 45.73]]]}),
        feature({"code": "ok"}, {"type": "Polygon", "coordinates": LYON_SQUARE}),
    ]),
    "actors.csv": ONE_ACTOR,
    "relations.csv": NO_RELATIONS,
})

# A zone with a hole filled by another zone, and a zone in two parts.
ring = lambda x0, y0, x1, y1: [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]
bundle("holes_and_multipolygons", {
    "territory.toml": manifest(QUARTIERS),
    "zones/q.geojson": collection([
        feature({"code": "outer", "nom": "Couronne"}, {"type": "Polygon", "coordinates": [ring(4.80, 45.70, 4.86, 45.76), ring(4.82, 45.72, 4.84, 45.74)]}),
        feature({"code": "inner", "nom": "Centre"}, {"type": "Polygon", "coordinates": [ring(4.82, 45.72, 4.84, 45.74)]}),
        feature({"code": "islands", "nom": "Deux îlots"}, {"type": "MultiPolygon", "coordinates": [[ring(4.90, 45.70, 4.91, 45.71)], [ring(4.95, 45.75, 4.96, 45.76)]]}),
    ]),
    "actors.csv": "id,name,kind,x,y\n"
                  "in_hole,Centre de santé,centre_de_sante,4.83,45.73\n"
                  "in_ring,Pharmacie,pharmacie,4.81,45.71\n"
                  "island1,Médecin 1,medecin_generaliste,4.905,45.705\n"
                  "island2,Médecin 2,medecin_generaliste,4.955,45.755\n"
                  "between,Médecin 3,medecin_generaliste,4.93,45.73\n",
    "relations.csv": NO_RELATIONS,
})

# Réunion in lon/lat: far from metropolitan France, and handled.
bundle("reunion_wgs84", {
    "territory.toml": manifest(QUARTIERS),
    "zones/q.geojson": collection([
        feature({"code": "97411-centre", "nom": "Saint-Denis centre"}, {"type": "Polygon", "coordinates": [ring(55.43, -20.90, 55.47, -20.87)]}),
        feature({"code": "97411-sud", "nom": "Saint-Denis sud"}, {"type": "Polygon", "coordinates": [ring(55.43, -20.93, 55.47, -20.90)]}),
    ]),
    "actors.csv": "id,name,kind,x,y\n"
                  "m1,Médecin,medecin_generaliste,55.45,-20.88\n"
                  "ph,Pharmacie,pharmacie,55.44,-20.91\n",
    "relations.csv": "source,target,kind\nm1,ph,partner\n",
})

# Guadeloupe in UTM 20N metres declared as Lambert-93: refused, saying why.
bundle("guadeloupe_utm_as_lambert93", {
    "territory.toml": manifest({"q": {"file": "zones/q.geojson", "id": "code", "crs": "EPSG:2154"}}, crs="EPSG:2154"),
    "zones/q.geojson": collection([
        feature({"code": "97120"}, {"type": "Polygon", "coordinates": [ring(655000, 1795000, 660000, 1800000)]}),
    ]),
    "actors.csv": "id,name,kind,x,y\nm1,Médecin,medecin_generaliste,657000,1797000\n",
    "relations.csv": NO_RELATIONS,
})

# A binary file where actors.csv should be.
rng = random.Random(2154)
bundle("binary_actors", {
    "territory.toml": manifest(QUARTIERS),
    "zones/q.geojson": ONE_SQUARE,
    "actors.csv": bytes(rng.randrange(256) for _ in range(4096)),
    "relations.csv": NO_RELATIONS,
})

# JSON nested 10,000 deep: beyond the parser's recursion limit.
bundle("deeply_nested_json", {
    "territory.toml": manifest(QUARTIERS),
    "zones/q.geojson": '{"type": "FeatureCollection", "features": ' + "[" * 10_000 + "]" * 10_000 + "}",
    "actors.csv": ONE_ACTOR,
    "relations.csv": NO_RELATIONS,
})

# TOML nested 10,000 deep.
bundle("deeply_nested_toml", {
    "territory.toml": "format = 1\nname = \"x\"\nx = " + "[" * 10_000 + "]" * 10_000 + "\n",
    "zones/q.geojson": ONE_SQUARE,
    "actors.csv": ONE_ACTOR,
    "relations.csv": NO_RELATIONS,
})

# NUL bytes, an unbalanced quote, a stray control character.
bundle("nul_and_quotes", {
    "territory.toml": manifest(QUARTIERS),
    "zones/q.geojson": ONE_SQUARE,
    "actors.csv": b"id,name,kind,x,y\nm1,Dr\x00A,medecin_generaliste,4.835,45.735\n\x00\x00\x00\nm2,\"Dr B,medecin_generaliste,4.835,45.735\nm3,Dr C,pharmacie,,\n",
    "relations.csv": NO_RELATIONS,
})

# NaN, infinities and overflowing numbers where numbers are expected.
bundle("non_finite_numbers", {
    "territory.toml": manifest({"q": {"file": "zones/q.geojson", "id": "code", "population": "pop"}}),
    "zones/q.geojson": '{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"code": "A", "pop": "NaN"}, "geometry": {"type": "Polygon", "coordinates": [[[4.83, 45.73], [4.84, 45.73], [4.84, 45.74], [4.83, 45.73]]]}}]}',
    "actors.csv": "id,name,kind,x,y,capacity\n"
                  "m1,Dr A,medecin_generaliste,NaN,45.735,\n"
                  "m2,Dr B,medecin_generaliste,4.835,inf,\n"
                  "m3,Dr C,medecin_generaliste,4.835,45.735,1e400\n",
    "relations.csv": "source,target,kind,weight\nm1,m2,partner,-inf\n",
})

# Overflowing numbers in GeoJSON coordinates.
bundle("overflowing_coordinates", {
    "territory.toml": manifest(QUARTIERS),
    "zones/q.geojson": '{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"code": "A"}, "geometry": {"type": "Polygon", "coordinates": [[[4.83, 45.73], [1e400, 45.73], [4.84, 45.74], [4.83, 45.73]]]}}]}',
    "actors.csv": ONE_ACTOR,
    "relations.csv": NO_RELATIONS,
})

# Excel's "Unicode text": UTF-16 with a byte order mark, tab-separated.
bundle("utf16_actors", {
    "territory.toml": manifest(QUARTIERS),
    "zones/q.geojson": ONE_SQUARE,
    "actors.csv": "\ufeffid,name,kind,x,y\nm1,Médecin,medecin_generaliste,4.835,45.735\n".encode("utf-16-le"),
    "relations.csv": NO_RELATIONS,
})

# A tab-separated export.
bundle("tab_separated", {
    "territory.toml": manifest(QUARTIERS),
    "zones/q.geojson": ONE_SQUARE,
    "actors.csv": "id\tname\tkind\tx\ty\nm1\tDr A\tmedecin_generaliste\t4.835\t45.735\n",
    "relations.csv": NO_RELATIONS,
})

# A layer path that leaves the bundle for a device that never ends, the manifest
# allowing files outside the bundle.
bundle("layer_is_a_device", {
    "territory.toml": manifest({"q": {"file": "/dev/zero", "id": "code"}},
                               top="allow_files_outside = true\n"),
    "actors.csv": ONE_ACTOR,
    "relations.csv": NO_RELATIONS,
})

# A received manifest whose layer is a file of the user's home, outside the bundle.
bundle("layer_outside_the_bundle", {
    "territory.toml": manifest({"q": {"file": "/root/.bashrc", "id": "code"}}),
    "actors.csv": ONE_ACTOR,
    "relations.csv": NO_RELATIONS,
})
