"""The offline geocoder against what an analyst would do instead: a pandas merge of the
addresses on normalised street names, on the same synthetic BAN file and the same
10,000 addresses, in one run; prints both times and their ratio.

    cargo run --release -p maillage --example geocode_speed -- 1000000 10000 /tmp/ban.csv
    python benches/geocode_peers.py /tmp/ban.csv

The example writes the file and `/tmp/ban.csv.queries.csv` (the addresses asked); this
script times pandas reading the file, normalising street names (accents, case, the
street types the queries abbreviate) and merging on (postcode, street, number), then
runs the example's index and geocoding again for maillage's time. The merge finds
only exact numbers: it has no fuzzy match, no interpolation and no fallback.
"""

import re
import subprocess
import sys
import time
import unicodedata

import pandas as pd

TYPES = {"AV": "AVENUE", "BD": "BOULEVARD", "R": "RUE", "PL": "PLACE", "CHEM": "CHEMIN",
         "IMP": "IMPASSE", "ALL": "ALLEE", "CRS": "COURS", "QU": "QUAI", "RTE": "ROUTE"}


def fold(s: str) -> str:
    s = unicodedata.normalize("NFD", s)
    s = "".join(c for c in s if not unicodedata.combining(c)).upper()
    words = re.sub(r"[^A-Z0-9]+", " ", s).split()
    if len(words) > 1 and words[0] in TYPES:
        words[0] = TYPES[words[0]]
    return " ".join(words)


def main() -> None:
    ban_path = sys.argv[1]
    queries = pd.read_csv(ban_path + ".queries.csv", dtype=str)
    started = time.perf_counter()
    ban = pd.read_csv(ban_path, sep=";", dtype=str, usecols=["numero", "nom_voie", "code_postal", "lon", "lat"])
    names = pd.Series(ban["nom_voie"].unique())
    ban["street"] = ban["nom_voie"].map(dict(zip(names, names.map(fold))))
    indexed = time.perf_counter() - started
    started = time.perf_counter()
    parts = queries["address"].str.extract(r"^(\d+)\s+(.*?),\s*(\d{5})\s")
    parts.columns = ["numero", "street", "code_postal"]
    parts["street"] = parts["street"].map(fold)
    merged = parts.merge(ban[["numero", "street", "code_postal", "lon", "lat"]].drop_duplicates(["numero", "street", "code_postal"]),
                         on=["numero", "street", "code_postal"], how="left")
    found = merged["lon"].notna().sum()
    geocoded = time.perf_counter() - started
    print(f"pandas: read and normalise {len(ban)} rows in {indexed:.2f} s; merge {len(queries)} addresses in {geocoded:.3f} s ({found} found)")

    out = subprocess.run(["cargo", "run", "--release", "-q", "-p", "maillage", "--example", "geocode_speed", "--",
                          str(len(ban)), str(len(queries)), ban_path], capture_output=True, text=True, check=True).stdout
    m_index = float(re.search(r"in ([\d.]+) s\n", out.split("indexed")[1]).group(1))
    m_geo = float(re.search(r"addresses in ([\d.]+) s", out).group(1))
    print(out.strip())
    print(f"ratio (pandas / maillage): index {indexed / m_index:.1f}x, geocode {geocoded / m_geo:.1f}x, whole {(indexed + geocoded) / (m_index + m_geo):.1f}x")


if __name__ == "__main__":
    main()
