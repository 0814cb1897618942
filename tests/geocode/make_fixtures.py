#!/usr/bin/env python3
"""Builds the geocoding fixtures of tests/geocode/ from real public address data.

Run from the repository root (it is not run by the tests; its outputs are committed):

    python tests/geocode/make_fixtures.py [--source DIR]

DIR holds the source files listed in tests/geocode/SOURCES.md (by default the project's
shared data folder ``../shared/data/real/addresses``, next to the repository). Every input is
checked against the sha256 recorded below before anything is written. pyproj is needed for
the Lambert-93 ``x``/``y`` columns (``pip install pyproj``).

Outputs (all UTF-8, LF, ``;``-separated):

- ``ban/adresses-48-bano2015.csv``: the 12,250 BANO 2015 points of Lozère in the 23-column
  BAN department layout;
- ``ban/adresses-54084-ban2022.csv``: the 486 BAN points of Mont-Bonvillers (2022 export)
  in the same layout;
- ``queries.csv``: the test addresses, written as a coordinator would, with the point they
  are expected at and where that point comes from.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import random
import re
import sys
import unicodedata
from collections import OrderedDict, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_SOURCE = HERE.parents[2] / "shared" / "data" / "real" / "addresses"

SOURCES = {
    "bano": ("bano_48_lozere_20150323.csv",
             "3a1a4b14104d8b4dc459a1c75797d9889a15ae05181f35e6b0c3efde49161746"),
    "bal2022": ("ban_csvbal_54084_mont-bonvillers_2022.csv",
                "5599ae16b418886672fcb1e5f7a373bdf7464d19c38bf91ca52b39bd75d9b2d9"),
    "ban2019": ("ban_odbl_54_extract_54084_54295_2019.csv",
                "7dd0a1c28f5945706199df4e3ec449dbf1427d673877cb85b6de3f79f5a7c383"),
    "vaccination": ("covid_centres_vaccination_20210323_dep30_38_48_69.csv",
                    "9ef0ec83c77b3d87446f5f39669a4a6954c813974c190f23b4b8ba31a40f61d0"),
    "prelevements": ("covid_sites_prelevements_2020-11_dep30_38_48_69.csv",
                     "529e7ecd20209dc5b3654346a13c359c26d6e3d3f3cdc9c7ab4db13ecfe6a0d1"),
    "tester": ("geocoder_tester_languedocroussillon_dep30_48.csv", None),
}

BAN_COLUMNS = (
    "id;id_fantoir;numero;rep;nom_voie;code_postal;code_insee;nom_commune;"
    "code_insee_ancienne_commune;nom_ancienne_commune;x;y;lon;lat;type_position;alias;"
    "nom_ld;libelle_acheminement;nom_afnor;source_position;source_nom_voie;"
    "certification_commune;cad_parcelles"
).split(";")

QUERY_COLUMNS = ["id", "address", "postcode", "citycode", "commune",
                 "expected_lon", "expected_lat", "oracle", "variant"]

# BANO number suffixes → BAN `rep` (lower case, as the BAN writes them).
REP_WORDS = {"BIS": "bis", "TER": "ter", "QUATER": "quater", "T": "t", "Q": "q"}

# Mont-Bonvillers: postcode (not in the 2022 export; the 2019 file gives it).
POSTCODE_54084 = "54111"


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def check_sources(source: Path) -> dict[str, Path]:
    paths = {}
    for key, (name, digest) in SOURCES.items():
        path = source / name
        if not path.exists():
            sys.exit(f"missing source file {path}")
        if digest and sha256(path) != digest:
            sys.exit(f"{path}: sha256 differs from the one recorded in SOURCES.md")
        paths[key] = path
    return paths


def ascii_upper(text: str) -> str:
    """Upper case without accents, apostrophes and hyphens as spaces (La Poste style)."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"[’'`\-]", " ", text.upper())
    return re.sub(r"\s+", " ", text).strip()


def acheminement(commune: str) -> str:
    """Derived postal line of a commune: SAINT/SAINTE shortened as La Poste writes them."""
    text = ascii_upper(commune)
    text = re.sub(r"\bSAINTE\b", "STE", text)
    return re.sub(r"\bSAINT\b", "ST", text)


def split_numero(numero: str) -> tuple[str, str]:
    """BANO `1BIS` → ('1', 'bis'); `12A` → ('12', 'a'); `7` → ('7', '')."""
    match = re.fullmatch(r"(\d+)\s*([A-Za-z]*)", numero.strip())
    if not match:
        raise ValueError(f"unexpected BANO number {numero!r}")
    digits, suffix = match.groups()
    suffix = suffix.upper()
    return str(int(digits)), REP_WORDS.get(suffix, suffix.lower())


def ban_id(insee: str, rivoli: str, numero: str, rep: str) -> str:
    ident = f"{insee}_{rivoli.lower()}_{int(numero):05d}"
    return f"{ident}_{rep}" if rep else ident


class Lambert93:
    def __init__(self):
        try:
            from pyproj import Transformer
        except ImportError:  # pragma: no cover
            sys.exit("pyproj is needed for the Lambert-93 x/y columns: pip install pyproj")
        self.transformer = Transformer.from_crs("EPSG:4326", "EPSG:2154", always_xy=True)

    def __call__(self, lon: str, lat: str) -> tuple[str, str]:
        x, y = self.transformer.transform(float(lon), float(lat))
        return f"{x:.2f}", f"{y:.2f}"


def bano_to_ban(path: Path, to_l93: Lambert93) -> list[dict]:
    """BANO 2015 rows (`id,numero,voie,code_post,nom_comm,source,lat,lon`) → BAN rows."""
    rows = []
    with path.open(encoding="utf-8", newline="") as f:
        for rec in csv.DictReader(f):
            insee, rest = rec["id"][:5], rec["id"][5:]
            rivoli = rest.split("-")[0][:4]  # FANTOIR RIVOLI code; the 5th char is its key
            numero, rep = split_numero(rec["numero"])
            x, y = to_l93(rec["lon"], rec["lat"])
            source_position = "osm" if rec["source"] == "OSM" else "cadastre"
            source_nom_voie = "cadastre" if rec["source"] == "CAD" else "osm"
            rows.append({
                "id": ban_id(insee, rivoli, numero, rep),
                "id_fantoir": f"{insee}_{rivoli.lower()}",
                "numero": numero,
                "rep": rep,
                "nom_voie": rec["voie"],
                "code_postal": rec["code_post"],
                "code_insee": insee,
                "nom_commune": rec["nom_comm"],
                "code_insee_ancienne_commune": "",
                "nom_ancienne_commune": "",
                "x": x,
                "y": y,
                "lon": rec["lon"],
                "lat": rec["lat"],
                "type_position": "",
                "alias": "",
                "nom_ld": "",
                "libelle_acheminement": acheminement(rec["nom_comm"]),
                "nom_afnor": ascii_upper(rec["voie"]),
                "source_position": source_position,
                "source_nom_voie": source_nom_voie,
                "certification_commune": "0",
                "cad_parcelles": "",
            })
    return rows


def bal2022_to_ban(path: Path) -> list[dict]:
    """The 2022 BAN export of Mont-Bonvillers (BAL-style columns) → BAN rows."""
    rows = []
    with path.open(encoding="utf-8", newline="") as f:
        for rec in csv.DictReader(f, delimiter=";"):
            key = rec["cle_interop"]
            rows.append({
                "id": key,
                "id_fantoir": "_".join(key.split("_")[:2]),
                "numero": rec["numero"],
                "rep": rec["suffixe"],
                "nom_voie": rec["voie_nom"],
                "code_postal": POSTCODE_54084,
                "code_insee": rec["commune_insee"],
                "nom_commune": rec["commune_nom"],
                "code_insee_ancienne_commune": rec["commune_deleguee_insee"],
                "nom_ancienne_commune": rec["commune_deleguee_nom"],
                "x": rec["x"],
                "y": rec["y"],
                "lon": rec["long"],
                "lat": rec["lat"],
                "type_position": rec["position"],
                "alias": "",
                "nom_ld": rec["lieudit_complement_nom"],
                "libelle_acheminement": acheminement(rec["commune_nom"]),
                "nom_afnor": ascii_upper(rec["voie_nom"]),
                "source_position": rec["source"],
                "source_nom_voie": "",
                "certification_commune": rec["certification_commune"],
                "cad_parcelles": rec["cad_parcelles"],
            })
    return rows


def write_csv(path: Path, columns: list[str], rows: list[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, columns, delimiter=";", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


# --- how a coordinator writes an address -------------------------------------------------

STREET_TYPES = OrderedDict([
    ("rue", ["r", "R.", "RUE", "rue"]),
    ("avenue", ["av", "Av.", "AV", "ave"]),
    ("boulevard", ["bd", "Bd", "BD", "boul"]),
    ("place", ["pl", "Pl.", "PL"]),
    ("chemin", ["chem", "ch", "CHE"]),
    ("impasse", ["imp", "Imp.", "IMP"]),
    ("route", ["rte", "Rte", "RTE"]),
    ("allee", ["all", "All.", "ALL"]),
    ("faubourg", ["fg", "Fbg", "FG"]),
    ("square", ["sq", "SQ"]),
    ("quai", ["qu", "QUAI"]),
    ("cours", ["crs", "CRS"]),
    ("lotissement", ["lot", "LOT"]),
    ("quartier", ["qua", "QUA"]),
    ("montee", ["mte", "MTE"]),
    ("traverse", ["tra", "TRA"]),
    ("residence", ["res", "RES"]),
])

COMPLEMENTS_BEFORE = ["Bât. B, ", "Bâtiment A - ", "Résidence Les Tilleuls, ", "Appt 12, ",
                      "2e étage, "]
COMPLEMENTS_AFTER = [", BP 12", " - CS 40012", ", BP 104", " (Bât. C)", ", esc. 2"]


def strip_accents(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c))


def abbreviate(street: str, rng: random.Random) -> str | None:
    """Abbreviates the street type (and Saint/Sainte inside the name), or None."""
    words = street.split(" ")
    key = strip_accents(words[0]).lower()
    if key not in STREET_TYPES:
        return None
    words[0] = rng.choice(STREET_TYPES[key])
    out = " ".join(words)
    out = re.sub(r"\bSainte\b", "Ste", out)
    return re.sub(r"\bSaint\b", "St", out)


def number_text(numero: str, rep: str, rng: random.Random) -> str:
    if not rep:
        return numero
    if rep in ("bis", "ter", "quater"):
        return rng.choice([f"{numero} {rep}", f"{numero}{rep}", f"{numero} {rep.upper()}",
                           f"{numero}{rep.upper()}"])
    return rng.choice([f"{numero} {rep.upper()}", f"{numero}{rep.upper()}", f"{numero}{rep}"])


VARIANTS = ["canonical", "lower_no_accents", "abbreviated", "upper_afnor", "complement",
            "citycode_only", "postcode_only", "one_line", "cedex"]


def render(variant: str, numero: str, rep: str, street: str, postcode: str, citycode: str,
           commune: str, rng: random.Random) -> dict:
    """A query row (address/postcode/citycode/commune) for one address and one variant."""
    num = number_text(numero, rep, rng)
    address = f"{num} {street}"
    out = {"address": address, "postcode": postcode, "citycode": "", "commune": commune}
    if variant == "lower_no_accents":
        out["address"] = strip_accents(address).lower()
        out["commune"] = strip_accents(commune).lower()
    elif variant == "abbreviated":
        short = abbreviate(street, rng)
        if short is None:  # no street type to shorten: lower case instead
            out["address"] = f"{num} {street.lower()}"
        else:
            out["address"] = f"{num} {short}"
    elif variant == "upper_afnor":
        short = abbreviate(street, rng) or street
        out["address"] = ascii_upper(f"{num} {short}")
        out["commune"] = acheminement(commune)
    elif variant == "complement":
        if rng.random() < 0.5:
            out["address"] = rng.choice(COMPLEMENTS_BEFORE) + address
        else:
            out["address"] = address + rng.choice(COMPLEMENTS_AFTER)
    elif variant == "citycode_only":
        out.update(postcode="", citycode=citycode, commune="")
    elif variant == "postcode_only":
        out.update(commune="")
    elif variant == "one_line":
        sep = rng.choice([", ", " ", " - "])
        out.update(address=f"{address}{sep}{postcode} {commune}", postcode="", commune="")
    elif variant == "cedex":
        out["address"] = address + rng.choice(COMPLEMENTS_AFTER[:3])
        out["commune"] = f"{acheminement(commune)} CEDEX"
    return out


def bano_queries(ban_rows: list[dict], rng: random.Random, total: int = 330) -> list[dict]:
    """A sample of the BANO addresses of every commune, each written one way."""
    by_commune = defaultdict(list)
    for row in ban_rows:
        by_commune[row["code_insee"]].append(row)
    n = len(ban_rows)
    picked = []
    for insee in sorted(by_commune):
        rows = by_commune[insee]
        k = max(2, round(total * len(rows) / n))
        k = min(k, len(rows))
        with_rep = [r for r in rows if r["rep"]]
        sample = rng.sample(rows, k)
        # Make sure number suffixes are represented where a commune has them.
        if with_rep and not any(r["rep"] for r in sample):
            sample[-1] = rng.choice(with_rep)
        picked.extend(sample)
    out = []
    for i, row in enumerate(picked):
        variant = VARIANTS[i % len(VARIANTS)]
        q = render(variant, row["numero"], row["rep"], row["nom_voie"], row["code_postal"],
                   row["code_insee"], row["nom_commune"], rng)
        q.update(id=f"bano48-{row['id']}", expected_lon=row["lon"], expected_lat=row["lat"],
                 oracle="bano2015_point", variant=variant)
        out.append(q)
    return out


def mont_bonvillers_queries(path: Path, rng: random.Random, k: int = 40) -> list[dict]:
    """Addresses of the 2019 BAN file of Mont-Bonvillers, expected at their 2019 point.

    The index holds the 2022 export, so the oracle is independent of the indexed point.
    """
    with path.open(encoding="utf-8", newline="") as f:
        rows = [r for r in csv.DictReader(f, delimiter=";") if r["code_insee"] == "54084"]
    out = []
    for i, row in enumerate(rng.sample(rows, k)):
        variant = VARIANTS[i % len(VARIANTS)]
        street = row["nom_voie"]
        street = street[:1].upper() + street[1:]
        q = render(variant, row["numero"], row["rep"], street, row["code_post"],
                   row["code_insee"], row["nom_commune"], rng)
        q.update(id=f"ban2019-{row['id']}", expected_lon=row["lon"], expected_lat=row["lat"],
                 oracle="ban2019_point", variant=variant)
        out.append(q)
    return out


def health_site_queries(vaccination: Path, prelevements: Path, tester: Path) -> list[dict]:
    """The health sites of Lozère with their own points, written as their files give them."""
    out = []
    with vaccination.open(encoding="utf-8", newline="") as f:
        for rec in csv.DictReader(f, delimiter=";"):
            if not rec["com_insee"].startswith("48"):
                continue
            address = f"{rec['adr_num']} {rec['adr_voie']}".strip()
            out.append({"id": f"vaccination-{rec['gid']}", "address": address,
                        "postcode": rec["com_cp"], "citycode": "", "commune": rec["com_nom"],
                        "expected_lon": rec["long_coor1"], "expected_lat": rec["lat_coor1"],
                        "oracle": "site_point", "variant": "as_published"})
    with prelevements.open(encoding="utf-8", newline="") as f:
        for rec in csv.DictReader(f):
            match = re.search(r"^(.*?)\s+(48\d{3})\s+(.+)$", rec["adresse"])
            if not match:
                continue
            street, postcode, commune = match.groups()
            out.append({"id": f"prelevement-{rec['finess']}", "address": street,
                        "postcode": postcode, "citycode": "", "commune": commune,
                        "expected_lon": rec["longitude"], "expected_lat": rec["latitude"],
                        "oracle": "site_point", "variant": "as_published_finess"})
    with tester.open(encoding="utf-8", newline="") as f:
        for i, rec in enumerate(csv.DictReader(f)):
            if not rec["expected_postcode"].startswith("48") or not rec["lon"]:
                continue
            street = rec["query"]
            out.append({"id": f"geocoder-tester-lr-{i + 2}", "address": street,
                        "postcode": rec["expected_postcode"], "citycode": "", "commune": "",
                        "expected_lon": rec["lon"], "expected_lat": rec["lat"],
                        "oracle": "geocoder_tester_point", "variant": "as_published"})
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    args = parser.parse_args()
    paths = check_sources(args.source)
    to_l93 = Lambert93()

    bano = bano_to_ban(paths["bano"], to_l93)
    write_csv(HERE / "ban" / "adresses-48-bano2015.csv", BAN_COLUMNS, bano)
    bal = bal2022_to_ban(paths["bal2022"])
    write_csv(HERE / "ban" / "adresses-54084-ban2022.csv", BAN_COLUMNS, bal)

    rng = random.Random(4815)
    queries = bano_queries(bano, rng)
    queries += mont_bonvillers_queries(paths["ban2019"], rng)
    queries += health_site_queries(paths["vaccination"], paths["prelevements"], paths["tester"])
    write_csv(HERE / "queries.csv", QUERY_COLUMNS, queries)

    for name in ("ban/adresses-48-bano2015.csv", "ban/adresses-54084-ban2022.csv",
                 "queries.csv"):
        path = HERE / name
        lines = path.read_text(encoding="utf-8").count("\n") - 1
        print(f"{name}: {lines} rows, sha256 {sha256(path)}")


if __name__ == "__main__":
    main()
