#!/usr/bin/env python3
"""Build valid/minimal_lambert93/ from valid/minimal/ by reprojecting to EPSG:2154.

The result is the very same territory with actors' x/y and both zone layers in
Lambert-93 metres (3 decimals, i.e. millimetres); the loader must read both bundles to
the same territory within 1e-6 degrees. Re-run after any change to valid/minimal/:

    pip install pyproj
    python3 tests/bundles/valid/make_lambert93.py

Only files of valid/minimal/ are read; everything in valid/minimal_lambert93/ is
rewritten.
"""
import csv
import io
import json
import re
import shutil
from pathlib import Path

from pyproj import Transformer

HERE = Path(__file__).resolve().parent
SRC = HERE / "minimal"
DST = HERE / "minimal_lambert93"
TO_L93 = Transformer.from_crs("EPSG:4326", "EPSG:2154", always_xy=True)
GEOJSON_CRS = {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::2154"}}


def project(lon, lat):
    x, y = TO_L93.transform(lon, lat)
    return round(x, 3), round(y, 3)


def fmt(v):
    return f"{v:.3f}"


def dumps_fc(fc):
    """FeatureCollection with one feature per line, as in valid/minimal/zones."""
    lines = ["{"]
    for k, v in fc.items():
        if k != "features":
            lines.append(f"  {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)},")
    lines.append('  "features": [')
    lines.append(",\n".join("    " + json.dumps(f, ensure_ascii=False) for f in fc["features"]))
    lines.append("  ]")
    lines.append("}")
    return "\n".join(lines) + "\n"


def map_coords(coords):
    if isinstance(coords[0], (int, float)):
        return list(project(coords[0], coords[1]))
    return [map_coords(c) for c in coords]


def convert_layer(src, dst):
    fc = json.loads(src.read_text(encoding="utf-8"))
    out = {}
    for k, v in fc.items():
        if k == "features":
            continue
        out[k] = v
        if k == "name":
            out["crs"] = GEOJSON_CRS
    out.setdefault("crs", GEOJSON_CRS)
    feats = []
    for f in fc["features"]:
        g = dict(f["geometry"])
        g["coordinates"] = map_coords(g["coordinates"])
        feats.append({**f, "geometry": g})
    out["features"] = feats
    dst.write_text(dumps_fc(out), encoding="utf-8")


def convert_manifest(src, dst):
    text = src.read_text(encoding="utf-8")
    out = []
    in_layer = False
    for line in text.splitlines():
        if line.startswith("["):
            in_layer = line.startswith("[layers.")
        if re.match(r'^crs\s*=\s*"EPSG:4326"\s*$', line) and not in_layer:
            line = 'crs = "EPSG:2154"'
        out.append(line)
        if in_layer and re.match(r"^file\s*=", line):
            out.append('crs = "EPSG:2154"')
    dst.write_text("\n".join(out) + "\n", encoding="utf-8")


def convert_actors(src, dst):
    rows = list(csv.reader(io.StringIO(src.read_text(encoding="utf-8"), newline="")))
    header = rows[0]
    ix, iy = header.index("x"), header.index("y")
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    for r in rows[1:]:
        if r[ix] and r[iy]:
            x, y = project(float(r[ix]), float(r[iy]))
            r[ix], r[iy] = fmt(x), fmt(y)
        w.writerow(r)
    dst.write_text(buf.getvalue(), encoding="utf-8")


def main():
    if DST.exists():
        shutil.rmtree(DST)
    (DST / "zones").mkdir(parents=True)
    convert_manifest(SRC / "territory.toml", DST / "territory.toml")
    convert_actors(SRC / "actors.csv", DST / "actors.csv")
    for name in ("relations.csv", "actions.csv", "needs.csv", "expected.toml"):
        shutil.copyfile(SRC / name, DST / name)
    for layer in sorted((SRC / "zones").glob("*.geojson")):
        convert_layer(layer, DST / "zones" / layer.name)
    print(f"wrote {DST}")


if __name__ == "__main__":
    main()
