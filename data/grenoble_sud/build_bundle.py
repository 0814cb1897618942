#!/usr/bin/env python3
"""Build the example territory bundle ``data/grenoble_sud/`` (Échirolles and Le Pont-de-Claix).

The real public data this bundle starts from is copied, unchanged, in ``sources/`` (see
README.md for where each file comes from). From it this script writes:

- ``zones/communes.geojson``: the 49 communes of Grenoble-Alpes-Métropole, geometry and
  properties unchanged, plus a ``population`` property (INSEE population légale);
- ``zones/communes_qpv.geojson``: the same outlines of the two target communes, which both
  hold a QPV 2024, used as a COMMUNE-LEVEL PROXY of the priority zones (the QPV outlines
  are not in the sources);
- ``actors.csv``, ``relations.csv``, ``actions.csv``, ``needs.csv``: ILLUSTRATIVE, generated
  deterministically (``random.Random(38151)``) from the account of the CLS / CLSM of
  Échirolles and Le Pont-de-Claix given by its coordinator in a French seed document. The
  only real actors are health establishments of the DREES SAE 2023 (names, FINESS numbers,
  addresses read from ``sources/``; their x,y placed by hand).

Usage (from anywhere; only files inside this folder are read):

    pip install shapely
    python3 data/grenoble_sud/build_bundle.py            # rewrites zones/ and the four CSVs
    python3 data/grenoble_sud/build_bundle.py --check    # rebuilds in memory, fails if a file differs

Optional, to refresh ``sources/`` from the real-data folder the files were copied from
(not needed in a fresh clone, ``sources/`` is committed):

    python3 data/grenoble_sud/build_bundle.py --from-sources /path/to/real/grenoble_sud

Only the Python standard library and shapely are used.
"""

import csv
import datetime as dt
import io
import json
import math
import os
import random
import shutil
import sys

from shapely.geometry import Point, shape

HERE = os.path.dirname(os.path.abspath(__file__))
ZONES = os.path.join(HERE, "zones")
SOURCES = os.path.join(HERE, "sources")

SOURCE_FILES = [
    "communes_grenoble_alpes_metropole.geojson",
    "population_communes.csv",
    "qpv2024_liste_grenoble_alpes_metropole.csv",
    "grenoble_alpes_metropole_sae2023_ID_entites.csv",
    "grenoble_alpes_metropole_sae2023_IDB_sites.csv",
]

ECH = "38151"  # Échirolles
PDC = "38317"  # Le Pont-de-Claix ("Pont-de-Claix" in the COG 2018 outlines)
TARGETS = [ECH, PDC]
OBS_DATE = "2023-06-30"
MARGIN = 0.0004  # degrees (about 30-45 m): located actors stay clear of commune borders
COS_LAT = math.cos(math.radians(45.14))

# Display names and postal codes of the communes that hold actors (the outlines use the
# COG 2018 names: "Pont-de-Claix", "Tronche").
TOWN = {
    ECH: ("38130", "Échirolles"),
    PDC: ("38800", "Le Pont-de-Claix"),
    "38185": ("38100", "Grenoble"),
    "38382": ("38120", "Saint-Égrève"),
    "38516": ("38700", "La Tronche"),
}
# Built-up part of each target commune (lon/lat box intersected with the outline):
# illustrative actors are drawn there, not in the Drac banks or the chemical platform.
URBAN = {
    ECH: (5.698, 45.132, 5.738, 45.1585),
    PDC: (5.693, 45.116, 5.712, 45.1405),
}


# ---------------------------------------------------------------------------
# 0. sources and zones
# ---------------------------------------------------------------------------

def copy_sources(src):
    """Copy the five real files, byte for byte, from the real-data folder into sources/."""
    os.makedirs(SOURCES, exist_ok=True)
    for name in SOURCE_FILES:
        shutil.copyfile(os.path.join(src, name), os.path.join(SOURCES, name))


def read_csv(name):
    with open(os.path.join(SOURCES, name), encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def geojson_text(name, features):
    doc = {"type": "FeatureCollection", "name": name, "features": features}
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":")) + "\n"


def build_zones():
    """The two zone files, as text. Geometry and source properties are unchanged."""
    with open(os.path.join(SOURCES, SOURCE_FILES[0]), encoding="utf-8") as f:
        features = json.load(f)["features"]
    assert len(features) == 49, len(features)
    pop = {r["code_insee"]: int(r["population"]) for r in read_csv("population_communes.csv")}
    assert sorted(pop) == sorted(ft["properties"]["code"] for ft in features)
    for ft in features:
        ft["properties"]["population"] = pop[ft["properties"]["code"]]  # added
    qpv = {}
    for r in read_csv("qpv2024_liste_grenoble_alpes_metropole.csv"):
        qpv.setdefault(r["insee_com"], []).append((r["code_qp"], r["lib_qp"]))
    proxy = []
    for ft in features:
        code = ft["properties"]["code"]
        if code in TARGETS and code in qpv:
            p = dict(ft["properties"])
            p["qpv_2024"] = "|".join(c for c, _ in qpv[code])      # added
            p["qpv_2024_noms"] = "|".join(n for _, n in qpv[code])  # added
            p["proxy"] = ("commune entière : contours des QPV absents des sources, "
                          "priorité marquée au niveau de la commune")  # added
            proxy.append({"type": "Feature", "geometry": ft["geometry"], "properties": p})
    assert [f["properties"]["code"] for f in proxy] == [c for c in
                                                         [f["properties"]["code"] for f in features]
                                                         if c in TARGETS]
    assert len(proxy) == 2
    return {
        "zones/communes.geojson": geojson_text("communes_grenoble_alpes_metropole", features),
        "zones/communes_qpv.geojson": geojson_text(
            "communes_avec_qpv2024_echirolles_pont_de_claix", proxy),
    }, features, qpv


class Placer:
    """Draws points strictly inside a commune polygon (and its built-up box)."""

    def __init__(self, rng, features):
        self.rng = rng
        self.geom = {ft["properties"]["code"]: shape(ft["geometry"]) for ft in features}
        self.order = [ft["properties"]["code"] for ft in features]

    def _ok(self, pt, g):
        return g.contains(pt) and g.boundary.distance(pt) > MARGIN

    def in_commune(self, code):
        g = self.geom[code]
        minx, miny, maxx, maxy = URBAN.get(code, g.bounds)
        for _ in range(100000):
            x = round(self.rng.uniform(minx, maxx), 6)
            y = round(self.rng.uniform(miny, maxy), 6)
            if self._ok(Point(x, y), g):
                return x, y, code
        raise RuntimeError("could not place a point in " + code)

    def check_fixed(self, x, y):
        pt = Point(x, y)
        hits = [c for c in self.order if self._ok(pt, self.geom[c])]
        inside = [c for c in self.order if self.geom[c].contains(pt)]
        assert len(hits) == 1 and inside == hits, (x, y, hits, inside)
        return hits[0]


# ---------------------------------------------------------------------------
# 1. actors
# ---------------------------------------------------------------------------

ACTOR_COLS = ["id", "name", "kind", "sector", "themes", "x", "y", "capacity", "serves",
              "accepting", "address", "phone", "email", "website", "finess", "provenance"]

SURNAMES = [
    "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy",
    "Moreau", "Simon", "Laurent", "Lefebvre", "Michel", "Garcia", "David", "Bertrand", "Roux",
    "Vincent", "Fournier", "Morel", "Girard", "Andre", "Mercier", "Dupont", "Lambert", "Bonnet",
    "Francois", "Martinez", "Legrand", "Garnier", "Faure", "Rousseau", "Blanc", "Guerin",
    "Muller", "Henry", "Roussel", "Nicolas", "Perrin", "Morin", "Mathieu", "Clement", "Gauthier",
    "Dumont", "Lopez", "Fontaine", "Chevalier", "Robin", "Masson", "Sanchez", "Gerard", "Nguyen",
    "Boyer", "Denis", "Lemaire", "Duval", "Joly", "Gautier", "Roger", "Roche", "Roy", "Noel",
    "Meyer", "Lucas", "Meunier", "Perez", "Marchand", "Dufour", "Blanchard", "Barbier", "Brun",
    "Dumas", "Brunet", "Schmitt", "Leroux", "Colin", "Fernandez", "Renard", "Arnaud", "Rolland",
    "Caron", "Aubert", "Giraud", "Leclerc", "Vidal", "Bourgeois", "Renaud", "Lemoine", "Picard",
    "Gaillard", "Lacroix", "Fabre", "Dupuis", "Olivier", "Rodriguez", "Da Silva", "Hubert",
    "Guillot", "Riviere", "Le Gall", "Adam", "Rey", "Moulin", "Gonzalez", "Berger", "Lecomte",
    "Menard", "Fleury", "Deschamps", "Carpentier", "Julien", "Benoit", "Maillard", "Marchal",
    "Aubry", "Vasseur", "Renault", "Jacquet", "Collet", "Prevost", "Poirier", "Charpentier",
    "Royer", "Huet", "Baron", "Dupuy", "Pons", "Laine", "Carre", "Breton", "Remy", "Schneider",
    "Perrot", "Guyot", "Barre", "Marty", "Cousin", "Haddad", "Benali", "Mansouri", "Diallo",
    "Traore", "Cohen", "Ferreira", "Bouvier", "Chauvin", "Tessier", "Besson", "Gilbert", "Lebrun",
    "Millet", "Bailly", "Hamon", "Ollivier", "Pichon", "Mallet", "Rocher", "Vial", "Gros",
    "Chabert", "Bouchet", "Teyssier", "Mazet", "Perret", "Ravel", "Chapuis", "Bonnard",
    "Achard", "Allemand", "Arnoud", "Bally", "Berthet", "Blanchet", "Bouvet", "Buisson",
    "Chaix", "Charvet", "Cholat", "Collomb", "Cottin", "Dauphin", "Eymard", "Faure-Brac",
    "Francillon", "Gerin", "Guillaud", "Jourdan", "Martinet", "Michallet", "Pellissier",
    "Rabatel", "Reynaud", "Sibille", "Tournier", "Vieux", "Zanetti", "Bensaid", "Kaci",
    "Belkacem", "Ouali", "Amrani", "Toure", "Kone", "Santos", "Pereira", "Costa", "Russo",
    "Esposito", "Ricci", "Yilmaz", "Kaya", "Demir", "Petrovic", "Nowak", "Tran", "Pham",
]
INITIALS = "ABCDEFGHIJKLMNPRSTV"

# kind -> (count in Échirolles, count in Le Pont-de-Claix, id prefix, label, doctor?,
#          base themes, optional extra themes)
PROFESSIONALS = [
    ("infirmier", 16, 5, "ide", "infirmier·e", False,
     "soins à domicile", ["maladies chroniques", "personnes âgées", "vaccination", "diabète"]),
    ("masseur_kinesitherapeute", 10, 3, "kine", "masseur-kinésithérapeute", False,
     "rééducation", ["personnes âgées", "respiratoire", "activité physique"]),
    ("chirurgien_dentiste", 7, 2, "dent", "chirurgien-dentiste", True,
     "santé bucco-dentaire", ["prévention", "accès aux soins"]),
    ("sage_femme", 3, 1, "sf", "sage-femme", False,
     "périnatalité|santé des femmes", ["petite enfance", "prévention"]),
    ("orthophoniste", 3, 1, "ortho", "orthophoniste", False,
     "langage|petite enfance", []),
    ("psychologue", 3, 1, "psy", "psychologue", False,
     "santé mentale", ["adolescents", "psychotraumatisme", "petite enfance"]),
    ("psychiatre", 1, 0, "psychiatre", "psychiatre", True, "santé mentale", []),
    ("pediatre", 1, 0, "ped", "pédiatre", True, "pédiatrie|petite enfance", []),
    ("dieteticien", 1, 0, "diet", "diététicien·ne", False,
     "alimentation|maladies chroniques", []),
    ("podologue", 2, 1, "podo", "pédicure-podologue", False,
     "diabète|prévention", []),
    ("orthoptiste", 1, 0, "orthopt", "orthoptiste", False, "vision", []),
]
SPECIALISTS = [("cardiologue", "cardiologie|maladies chroniques"),
               ("gynécologue", "santé des femmes|périnatalité")]

# General practitioners: the seed counts 23 actually practising in Échirolles (63 were
# registered with the Ordre) and a third of the population without a médecin traitant.
GP_ECH, GP_PDC = 23, 6
GP_ACCEPTING_ECH, GP_ACCEPTING_PDC = 8, 2
GP_CAPACITY = [0.4, 0.5, 0.6, 0.6, 0.7, 0.8, 0.8, 0.9, 1.0, 1.0]

# Real health establishments (DREES SAE 2023): id, FINESS, table, kind, x, y, themes.
# The name and address are read from sources/ by FINESS number; the x,y were placed BY
# HAND near the street address: approximate (a few hundred metres), not geocoded. Only
# the commune (COMINSEE) is certain, and the script checks the point lies in it.
SAE = [
    # Échirolles 38151: the 3 entities of table ID ...
    ("hopital_sud", "380782722", "ID", "centre_hospitalier", 5.7215, 45.1462,
     "urgences|soins non programmés|orthopédie|rééducation"),
    ("clin_cedres", "380785956", "ID", "clinique", 5.7088, 45.1432, "chirurgie"),
    ("korian_granges", "380005918", "ID", "clinique", 5.7290, 45.1425,
     "réadaptation|personnes âgées"),
    # ... and the 11 sites of table IDB
    ("cgs_chu", "380006288", "IDB", "centre_hospitalier", 5.7224, 45.1455,
     "personnes âgées|gériatrie"),
    ("chai_cmp_oreades", "380016394", "IDB", "cmp", 5.7175, 45.1535, "santé mentale"),
    ("chai_pravs", "380019802", "IDB", "cmp", 5.7177, 45.1537, "santé mentale|violences"),
    ("chai_pdtv", "380019992", "IDB", "cmp", 5.7173, 45.1533, "santé mentale"),
    ("chai_cattp_asstriade", "380014621", "IDB", "chs", 5.7125, 45.1470, "santé mentale"),
    ("chai_cmp_enfants_ech", "380016451", "IDB", "cmp_enfants", 5.7129, 45.1473,
     "santé mentale|petite enfance|adolescents"),
    ("chai_cattp_graffiti", "380014647", "IDB", "cmp_enfants", 5.7260, 45.1395,
     "santé mentale|petite enfance"),
    ("chai_hj_jenny_aubry", "380014670", "IDB", "cmp_enfants", 5.7045, 45.1450,
     "santé mentale|petite enfance"),
    ("chai_cattp_jenny_aubry", "380016576", "IDB", "cmp_enfants", 5.7048, 45.1452,
     "santé mentale|petite enfance"),
    ("chai_hj_cassiopee", "380017582", "IDB", "chs", 5.7160, 45.1400, "santé mentale"),
    ("chai_cattp_henri_ey", "380021048", "IDB", "chs", 5.7163, 45.1402, "santé mentale"),
    # Le Pont-de-Claix 38317: the one site of table IDB
    ("chai_cmp_enfants_pdc", "380800664", "IDB", "cmp_enfants", 5.6995, 45.1265,
     "santé mentale|petite enfance|adolescents"),
    # neighbouring communes (so that catchment distances matter)
    ("chai", "380780247", "IDB", "chs", 5.6840, 45.2315, "santé mentale"),
    ("hopital_nord", "380000067", "ID", "centre_hospitalier", 5.7465, 45.2000,
     "urgences|médecine|chirurgie"),
    ("ghm_grenoble", "380012658", "ID", "centre_hospitalier", 5.7110, 45.1780,
     "médecine|chirurgie|périnatalité"),
    ("chai_cmp_enfants_villeneuve", "380016436", "IDB", "cmp_enfants", 5.7330, 45.1630,
     "santé mentale|petite enfance"),
    ("chai_pass_psy", "380019547", "IDB", "cmp", 5.7170, 45.1860,
     "santé mentale|précarité|accès aux soins"),
    ("chai_dssp", "380026955", "IDB", "cmp", 5.6843, 45.2312,
     "santé mentale|précarité"),
    # legal entity without x,y (its IDB row gives only a CEDEX postal address)
    ("chu_grenoble", "380780080", "IDB", "centre_hospitalier", None, None,
     "urgences|médecine|chirurgie|recherche"),
]
# Sites whose legal entity (FI_EJ in the SAE) is also an actor: site -> entity.
SAE_ENTITY = {"380780247": "chai", "380780080": "chu_grenoble"}
# The CH Alpes Isère row of IDB is the legal entity; its main site (ID 380000133) is at
# 3 rue de la Gare, Saint-Égrève: that is the address and place used for the actor.
CHAI_MAIN_SITE = "380000133"

STREET_TYPES = {"R": "rue", "AV": "avenue", "ALL": "allée", "CRS": "cours", "BD": "boulevard",
                "PL": "place", "RTE": "route", "CHE": "chemin"}
LOWER_WORDS = {"DE", "DU", "DES", "LA", "LE", "LES", "D'", "L'"}


def _street(words):
    """'DE LA GARE' -> 'de la Gare', "D'AUVERGNE" -> "d'Auvergne" (accents stay as in the SAE)."""
    out = []
    ws = words.split()
    for w in ws:
        if w in LOWER_WORDS and len(ws) > 1:
            out.append(w.lower())
        elif w.startswith(("D'", "L'")):
            out.append(w[:2].lower() + w[2:].capitalize())
        else:
            out.append("-".join(p.capitalize() for p in w.split("-")))
    return " ".join(out)


def sae_rows():
    """FINESS -> (name, formatted address, INSEE commune, legal entity FINESS)."""
    out = {}
    for r in read_csv("grenoble_alpes_metropole_sae2023_ID_entites.csv"):
        out[r["fi"]] = (r["rs"], r["NUMVOI"], r["TYPVOI"], r["NOMVOI"], r["COMINSEE"],
                        r["fi_ej"], r["CPO"], r["LIBCOM"], r["BP"])
    for r in read_csv("grenoble_alpes_metropole_sae2023_IDB_sites.csv"):
        out[r["FI"]] = (r["RS"], r["NUMVOI"], r["TYPVOI"], r["ADRVOIENOM"], r["COMINSEE"],
                        r["FI_EJ"], r["ADRCPOST"], r["ADRLIBCOM"], r["ADRBP"])
    res = {}
    for fi, (rs, num, typ, voie, com, ej, cp, libcom, bp) in out.items():
        if fi == "380780247":  # the legal entity: address of its main site (ID 380000133)
            num, typ, voie, cp, libcom = (out[CHAI_MAIN_SITE][i] for i in (1, 2, 3, 6, 7))
        street = " ".join(filter(None, [num, STREET_TYPES.get(typ, typ.lower()), _street(voie)]))
        street = street or bp  # the CHU's row has only a postal box
        town = TOWN[com][1] if com in TOWN else libcom
        if "CEDEX" in libcom:
            town += " Cedex" + libcom.split("CEDEX", 1)[1]
        res[fi] = (rs, ("%s, %s %s" % (street, cp, town)) if street else "%s %s" % (cp, town),
                   com, ej)
    return res


# Actors whose NAME or ROLE comes from the seed document (their attributes and ties are
# illustrative).
NAMED_IN_SEED = {
    "cls_ep", "clsm_ep", "coord_cls_clsm", "ccas_ech", "ccas_pdc", "mediatrice_ccas_ech",
    "psy_ccas_ech_1", "psy_ccas_ech_2", "referente_sante_pdc", "psy_ccas_pdc",
    "cds_communautaire", "mediatrice_pair_cds", "msp_ech", "cds_mutualiste", "cpts_sud",
    "fabrique_ts", "collectif_sante_ara", "ccoms_clsm", "cite_educative_ech", "educ_nat",
    "clspd_ech", "clspd_pdc", "pm_ech", "pcaet_gam", "services_env_ech", "sls_ech",
    "gt_situations_complexes", "gt_incurie", "gt_supervision", "ville_ech", "ville_pdc",
}
# Real public bodies not named in the seed (attributes and ties illustrative).
REAL_INSTITUTIONS = {"ars", "cpam", "departement", "prefecture", "metropole"}


class Actors:
    def __init__(self, rng, placer):
        self.rng = rng
        self.placer = placer
        self.rows = []
        self.by_id = {}
        self.zone_of = {}
        self.names = list(SURNAMES)
        rng.shuffle(self.names)
        self.phone_n = 0

    def surname(self):
        return self.rng.choice(INITIALS) + ". " + self.names.pop()

    def phone(self):
        self.phone_n += 1
        # ARCEP block reserved for fiction (04 65 71 XX XX): never given to a subscriber
        return "04 65 71 %02d %02d" % divmod(self.phone_n, 100)

    def add(self, id, name, kind, where=None, themes="", sector="", capacity="", serves="",
            accepting="", address="", phone="", email="", website="", finess="",
            provenance="illustratif"):
        assert id not in self.by_id, id
        x = y = ""
        if where is not None:
            if isinstance(where, tuple):
                px, py = where
                zid = self.placer.check_fixed(px, py)
            else:
                px, py, zid = self.placer.in_commune(where)
            x, y = "%.6f" % px, "%.6f" % py
            self.zone_of[id] = zid
            if not address:
                cp, town = TOWN[zid]
                address = "%s %s (adresse illustrative)" % (cp, town)
        row = {"id": id, "name": name, "kind": kind, "sector": sector, "themes": themes,
               "x": x, "y": y, "capacity": capacity, "serves": serves, "accepting": accepting,
               "address": address, "phone": phone, "email": email, "website": website,
               "finess": finess, "provenance": provenance}
        if provenance == "illustratif" and id in NAMED_IN_SEED:
            row["provenance"] = "nommé dans le document source"
        elif provenance == "illustratif" and id in REAL_INSTITUTIONS:
            row["provenance"] = "institution réelle"
        self.rows.append(row)
        self.by_id[id] = row
        return id

    def near(self, id, dx, dy):
        """A point a few metres from actor id (same building or street)."""
        r = self.by_id[id]
        return (round(float(r["x"]) + dx, 6), round(float(r["y"]) + dy, 6))

    def of_kind(self, *kinds):
        return [r["id"] for r in self.rows if r["kind"] in kinds]

    def in_commune(self, code, ids):
        return [a for a in ids if self.zone_of.get(a) == code]


def build_actors(rng, placer, features):
    A = Actors(rng, placer)
    E = "communes:" + ECH
    P = "communes:" + PDC
    BOTH = E + "|" + P
    QE = "communes_qpv:" + ECH
    QP = "communes_qpv:" + PDC
    ALL49 = "|".join("communes:" + ft["properties"]["code"] for ft in features)

    # --- dispositifs, working groups, coordinators ------------------------------------
    A.add("cls_ep", "Contrat local de santé Échirolles – Le Pont-de-Claix", "cls", serves=BOTH,
          themes="accès aux soins|médecin traitant|accès aux droits|santé mentale|"
                 "santé environnementale|inégalités de santé|parcours",
          email="cls@example.org")
    A.add("clsm_ep", "Conseil local de santé mentale Échirolles – Le Pont-de-Claix", "clsm",
          serves=BOTH, themes="santé mentale|parcours|situations complexes|incurie",
          email="clsm@example.org")
    A.add("gt_situations_complexes", "Plateforme situations complexes (CLSM)",
          "groupe_de_travail", serves=BOTH,
          themes="situations complexes|santé mentale|parcours|logement")
    A.add("gt_incurie", "Groupe de travail incurie (CLSM)", "groupe_de_travail", serves=BOTH,
          themes="incurie|logement|santé mentale")
    A.add("gt_supervision", "Supervision et analyse de pratiques (CLSM)", "groupe_de_travail",
          serves=BOTH, themes="santé mentale|analyse de pratiques")
    A.add("gt_acces_soins", "Groupe accès aux soins et aux droits (CLS)", "groupe_de_travail",
          serves=BOTH, themes="accès aux soins|médecin traitant|accès aux droits")
    A.add("copil_cls", "Comité de pilotage CLS / CLSM", "groupe_de_travail", serves=BOTH,
          themes="gouvernance|inégalités de santé")
    A.add("coord_cls_clsm", "Coordinatrice du CLS / CLSM Échirolles – Le Pont-de-Claix",
          "coordinateur", capacity="1.0",
          themes="coordination|santé mentale|accès aux soins|inégalités de santé",
          email="coordination.cls@example.org")
    A.add("cpts_sud", "CPTS du territoire Échirolles – Le Pont-de-Claix", "cpts", serves=BOTH,
          themes="accès aux soins|médecin traitant|soins non programmés|parcours",
          email="cpts@example.org", website="https://example.org/cpts")
    A.add("coord_cpts", "Coordinateur·rice de la CPTS", "coordinateur", capacity="0.8",
          themes="coordination|accès aux soins", email="coordination.cpts@example.org")
    A.add("cite_educative_ech", "Cité éducative d'Échirolles", "cite_educative", serves=QE,
          themes="éducation|santé des enfants|parentalité")
    A.add("coord_cite_educative", "Chef·fe de projet Cité éducative", "coordinateur",
          capacity="1.0", themes="coordination|éducation")
    A.add("clspd_ech", "CLSPD d'Échirolles", "clspd", serves=E,
          themes="prévention|tranquillité publique")
    A.add("clspd_pdc", "CLSPD du Pont-de-Claix", "clspd", serves=P,
          themes="prévention|tranquillité publique")
    A.add("pcaet_gam", "Plan climat air énergie de Grenoble-Alpes-Métropole", "pcaet",
          serves=ALL49, themes="santé environnementale|climat|qualité de l'air")
    A.add("dac_isere", "Dispositif d'appui à la coordination (DAC) de l'Isère", "dac",
          themes="parcours|situations complexes|personnes âgées")

    # --- institutions -----------------------------------------------------------------
    A.add("ville_ech", "Ville d'Échirolles", "commune", where=(5.7190, 45.1440),
          address="Hôtel de ville, 38130 Échirolles", themes="santé publique|solidarités",
          phone=A.phone(), email="ville.echirolles@example.org")
    A.add("ville_pdc", "Ville du Pont-de-Claix", "commune", where=(5.6985, 45.1240),
          address="Hôtel de ville, 38800 Le Pont-de-Claix", themes="santé publique|solidarités",
          phone=A.phone(), email="ville.pontdeclaix@example.org")
    A.add("elu_sante_ech", "Adjoint·e à la santé, Ville d'Échirolles", "elu",
          themes="santé publique|accès aux soins")
    A.add("elu_sante_pdc", "Adjoint·e à la santé, Ville du Pont-de-Claix", "elu",
          themes="santé publique|accès aux soins")
    A.add("pm_ech", "Police municipale d'Échirolles", "commune", where=ECH,
          themes="tranquillité publique|situations complexes", phone=A.phone())
    A.add("services_env_ech", "Services techniques et environnement (Ville d'Échirolles)",
          "commune", where=ECH, themes="santé environnementale|logement|climat",
          phone=A.phone())
    A.add("metropole", "Grenoble-Alpes-Métropole", "epci",
          themes="santé environnementale|climat|solidarités")
    A.add("ars", "ARS Auvergne-Rhône-Alpes – délégation départementale de l'Isère", "ars",
          themes="santé publique|accès aux soins")
    A.add("cpam", "CPAM de l'Isère", "cpam", themes="accès aux soins|médecin traitant|accès aux droits")
    A.add("departement", "Département de l'Isère", "departement",
          themes="solidarités|petite enfance|personnes âgées")
    A.add("prefecture", "Préfecture de l'Isère – politique de la ville", "prefecture",
          themes="politique de la ville")
    A.add("educ_nat", "Éducation nationale – DSDEN de l'Isère (santé scolaire)",
          "education_nationale", themes="santé scolaire|santé des enfants")

    # --- real health establishments (SAE 2023) -------------------------------------
    sae = sae_rows()
    for id_, fi, table, kind, x, y, th in SAE:
        rs, adr, com, ej = sae[fi]
        where = (x, y) if x is not None else None
        A.add(id_, rs, kind, where=where, themes=th, finess=fi, address=adr,
              provenance="réel (SAE 2023)")
        if where is not None:
            assert A.zone_of[id_] == com, (id_, A.zone_of[id_], com)

    # --- social and medico-social structures --------------------------------------------
    A.add("ccas_ech", "CCAS d'Échirolles", "ccas", where=ECH, serves=E,
          themes="action sociale|accès aux droits|santé mentale|isolement", phone=A.phone(),
          email="ccas.echirolles@example.org")
    A.add("ccas_pdc", "CCAS du Pont-de-Claix", "ccas", where=PDC, serves=P,
          themes="action sociale|accès aux droits|isolement", phone=A.phone(),
          email="ccas.pontdeclaix@example.org")
    A.add("sls_ech", "Service local de solidarité (Département de l'Isère) – Échirolles",
          "maison_des_solidarites", where=ECH, serves=BOTH,
          themes="action sociale|insertion|petite enfance|accès aux droits", phone=A.phone())
    A.add("pmi_ech_1", "PMI d'Échirolles (site 1)", "pmi", where=ECH,
          themes="petite enfance|périnatalité", phone=A.phone())
    A.add("pmi_ech_2", "PMI d'Échirolles (site 2)", "pmi", where=ECH,
          themes="petite enfance|périnatalité", phone=A.phone())
    A.add("pmi_pdc", "PMI du Pont-de-Claix", "pmi", where=PDC,
          themes="petite enfance|périnatalité", phone=A.phone())
    A.add("mission_locale", "Mission locale – antenne d'Échirolles", "mission_locale", where=ECH,
          themes="jeunes|insertion|santé mentale", phone=A.phone())
    A.add("cs_ech_est", "Centre social d'Échirolles (1)", "centre_social", where=ECH,
          themes="lien social|parentalité|accès aux droits", phone=A.phone())
    A.add("cs_ech_sud", "Centre social d'Échirolles (2)", "centre_social", where=ECH,
          themes="lien social|parentalité|alimentation", phone=A.phone())
    A.add("cs_pdc", "Centre social du Pont-de-Claix", "centre_social", where=PDC,
          themes="lien social|parentalité|isolement", phone=A.phone())
    A.add("ehpad_ech", "EHPAD d'Échirolles (illustratif)", "ehpad", where=ECH,
          themes="personnes âgées", phone=A.phone())
    A.add("ssiad_sud", "SSIAD Échirolles – Le Pont-de-Claix", "ssiad", where=PDC, serves=BOTH,
          themes="personnes âgées|soins à domicile", phone=A.phone())
    A.add("samsah", "Service d'accompagnement (SAMSAH) handicap psychique", "esms_handicap",
          where=ECH, themes="handicap|santé mentale", phone=A.phone())

    # --- people of the CCAS and the centres de santé (named in the seed) ------------------
    A.add("mediatrice_ccas_ech", "Médiatrice santé du CCAS d'Échirolles", "mediateur_sante",
          where=A.near("ccas_ech", 0.00008, 0.00005), capacity="1.0", serves=QE,
          themes="accès aux soins|accès aux droits|médiation")
    A.add("psy_ccas_ech_1", "%s, psychologue du lieu d'écoute (CCAS d'Échirolles)" % A.surname(),
          "psychologue", sector="social", capacity="0.5",
          where=A.near("ccas_ech", -0.00006, 0.00004),
          themes="santé mentale|écoute|précarité")
    A.add("psy_ccas_ech_2", "%s, psychologue du lieu d'écoute (CCAS d'Échirolles)" % A.surname(),
          "psychologue", sector="social", capacity="0.5",
          where=A.near("ccas_ech", -0.00006, -0.00005),
          themes="santé mentale|écoute|précarité")
    A.add("referente_sante_pdc", "Référente santé – médiatrice du CCAS du Pont-de-Claix",
          "mediateur_sante", where=A.near("ccas_pdc", 0.00007, 0.00005), capacity="1.0",
          serves=QP, themes="accès aux soins|accès aux droits|médiation")
    A.add("psy_ccas_pdc", "%s, psychologue du lieu d'écoute (CCAS du Pont-de-Claix)" % A.surname(),
          "psychologue", sector="social", capacity="0.5",
          where=A.near("ccas_pdc", -0.00006, 0.00004),
          themes="santé mentale|écoute|précarité")
    A.add("ts_sls_1", "%s, travailleur·se social·e (SLS)" % A.surname(), "travailleur_social",
          where=A.near("sls_ech", 0.00006, 0.00004), capacity="1.0",
          themes="action sociale|situations complexes")
    A.add("ts_sls_2", "%s, travailleur·se social·e (SLS)" % A.surname(), "travailleur_social",
          where=A.near("sls_ech", -0.00006, 0.00004), capacity="0.8",
          themes="action sociale|logement")

    # --- ambulatory structures ------------------------------------------------------------
    A.add("cds_communautaire", "Centre de santé communautaire (QPV d'Échirolles)",
          "centre_de_sante", where=ECH, serves=QE,
          themes="médecin traitant|accès aux soins|santé communautaire|médiation",
          address="quartier prioritaire, 38130 Échirolles (adresse illustrative)",
          phone=A.phone(), email="cds.communautaire@example.org")
    A.add("mediatrice_pair_cds", "Médiatrice santé pair (centre de santé communautaire)",
          "mediateur_sante", where=A.near("cds_communautaire", 0.00006, 0.00004),
          capacity="0.8", serves=QE, themes="médiation|accès aux soins|santé communautaire")
    A.add("msp_ech", "Maison de santé pluriprofessionnelle (QPV d'Échirolles)", "msp",
          where=ECH, serves=QE, themes="médecin traitant|accès aux soins|maladies chroniques",
          address="quartier prioritaire, 38130 Échirolles (adresse illustrative)",
          phone=A.phone(), email="msp@example.org")
    A.add("cds_mutualiste", "Centre de santé mutualiste (QPV d'Échirolles)", "centre_de_sante",
          where=ECH, serves=QE, themes="médecin traitant|accès aux soins|santé bucco-dentaire",
          address="quartier prioritaire, 38130 Échirolles (adresse illustrative)",
          phone=A.phone())
    for code, n in [(ECH, 2), (PDC, 1)]:
        for _ in range(n):
            i = len(A.of_kind("laboratoire")) + 1
            A.add("labo_%02d" % i, "Laboratoire de biologie médicale %s" % A.names.pop(),
                  "laboratoire", where=code, themes="dépistage", phone=A.phone())
    for code, n in [(ECH, 9), (PDC, 3)]:
        for _ in range(n):
            i = len(A.of_kind("pharmacie")) + 1
            th = ["médicament", "prévention"]
            th += rng.sample(["vaccination", "dépistage", "maladies chroniques",
                              "accès aux soins"], rng.randint(0, 2))
            A.add("pharma_%03d" % i, "Pharmacie %s" % A.names.pop(), "pharmacie", where=code,
                  themes="|".join(th), phone=A.phone())

    # --- general practitioners: 23 practising in Échirolles, 6 in Le Pont-de-Claix --------
    # Échirolles: 3 at the MSP, 2 salaried at the centre de santé communautaire, 3 at the
    # centre de santé mutualiste, 15 in private practice.
    gp_places = ([("msp_ech", "MSP")] * 3 + [("cds_communautaire", "centre de santé")] * 2
                 + [("cds_mutualiste", "centre de santé")] * 3 + [(None, None)] * 15)
    gp_th = ["santé mentale", "maladies chroniques", "personnes âgées", "pédiatrie",
             "soins non programmés", "diabète"]
    n = 0
    for code, count in [(ECH, GP_ECH), (PDC, GP_PDC)]:
        for k in range(count):
            n += 1
            struct = gp_places[k][0] if code == ECH else None
            if struct:
                where = A.near(struct, rng.choice([-1, 1]) * rng.uniform(0.00003, 0.0001),
                               rng.choice([-1, 1]) * rng.uniform(0.00003, 0.0001))
                where = (round(where[0], 6), round(where[1], 6))
            else:
                where = code
            th = ["médecin traitant", "accès aux soins"]
            if rng.random() < 0.6:
                th.append(rng.choice(gp_th))
            A.add("mg_%03d" % n, "Dr %s, médecin généraliste" % A.surname(),
                  "medecin_generaliste", where=where, themes="|".join(th),
                  capacity="%.1f" % rng.choice(GP_CAPACITY), accepting="false",
                  phone=A.phone())
    # who still takes new patients as médecin traitant: about a third
    for code, k in [(ECH, GP_ACCEPTING_ECH), (PDC, GP_ACCEPTING_PDC)]:
        gps = A.in_commune(code, A.of_kind("medecin_generaliste"))
        for g in rng.sample(gps, k):
            A.by_id[g]["accepting"] = "true"

    # --- other liberal professionals ------------------------------------------------------
    for kind, n_e, n_p, prefix, label, doctor, base, extra in PROFESSIONALS:
        i = 0
        for code, count in [(ECH, n_e), (PDC, n_p)]:
            for _ in range(count):
                i += 1
                nm = ("Dr " if doctor else "") + A.surname() + ", " + label
                th = base.split("|")
                if extra and rng.random() < 0.5:
                    th.append(rng.choice(extra))
                cap = "%.1f" % rng.choice([0.5, 0.6, 0.7, 0.8, 0.8, 0.9, 1.0, 1.0])
                A.add("%s_%03d" % (prefix, i), nm, kind, where=code, themes="|".join(th),
                      capacity=cap, phone=A.phone())
    for i, (spec, th) in enumerate(SPECIALISTS, 1):
        A.add("spe_%03d" % i, "Dr %s, %s" % (A.surname(), spec), "medecin_specialiste",
              where=ECH, themes=th, capacity="%.1f" % rng.choice([0.5, 0.8]), phone=A.phone())
    # psychiatrists of the CMP (hospital sector, CH Alpes Isère)
    A.add("psychiatre_cmp", "Dr %s, psychiatre (CMP adultes Les Oréades)" % A.surname(),
          "psychiatre", sector="hospital", capacity="0.8",
          where=A.near("chai_cmp_oreades", 0.00004, -0.00004), themes="santé mentale")
    A.add("pedopsy_cmp", "Dr %s, pédopsychiatre (CMP enfants Échirolles)" % A.surname(),
          "psychiatre", sector="hospital", capacity="0.6",
          where=A.near("chai_cmp_enfants_ech", 0.00004, -0.00004),
          themes="santé mentale|petite enfance|adolescents")

    # --- education, culture ----------------------------------------------------------------
    A.add("college_ech", "Collège (Échirolles, réseau d'éducation prioritaire)", "college",
          where=ECH, themes="adolescents|éducation", phone=A.phone())
    A.add("ecole_ech_1", "École élémentaire d'Échirolles (1)", "ecole", where=ECH,
          themes="éducation|santé des enfants", phone=A.phone())
    A.add("ecole_ech_2", "École élémentaire d'Échirolles (2)", "ecole", where=ECH,
          themes="éducation|santé des enfants", phone=A.phone())
    A.add("ecole_pdc", "École élémentaire du Pont-de-Claix", "ecole", where=PDC,
          themes="éducation|santé des enfants", phone=A.phone())
    for i, code in enumerate([ECH, ECH, PDC], 1):
        A.add("creche_%02d" % i, "Multi-accueil municipal %s n°%d" % (TOWN[code][1], i),
              "creche", where=code, themes="petite enfance", phone=A.phone())
    A.add("mediatheque_ech", "Médiathèque d'Échirolles", "bibliotheque", where=ECH,
          themes="lecture|lien social", phone=A.phone())
    A.add("mediatheque_pdc", "Médiathèque du Pont-de-Claix", "bibliotheque", where=PDC,
          themes="lecture|lien social", phone=A.phone())

    # --- associations and residents ----------------------------------------------------------
    A.add("fabrique_ts", "La Fabrique des territoires en santé", "association",
          themes="promotion de la santé|coordination")
    A.add("collectif_sante_ara", "Collectif santé Auvergne-Rhône-Alpes (animé par Labo Cités)",
          "association", themes="coordination|inégalités de santé|politique de la ville")
    A.add("ccoms_clsm", "CCOMS – centre national de ressources et d'appui aux CLSM",
          "association", sector="coordination", themes="santé mentale|coordination")
    A.add("ireps", "IREPS Auvergne-Rhône-Alpes – délégation de l'Isère", "codes",
          where="38185", themes="promotion de la santé|prévention", phone=A.phone())
    A.add("planning_familial", "Planning familial de l'Isère", "planning_familial",
          where="38185", themes="santé sexuelle|santé des femmes", phone=A.phone())
    A.add("asso_familles_sm",
          "Association de familles de personnes vivant avec un trouble psychique (Isère)",
          "association", where="38185", themes="santé mentale|aidants", phone=A.phone())
    A.add("interpretariat", "Association d'interprétariat médico-social", "association",
          where="38185", themes="accès aux soins|accès aux droits|interprétariat",
          phone=A.phone())
    A.add("pssm_formation", "Organisme de formation Premiers secours en santé mentale",
          "association", themes="santé mentale|formation")
    A.add("mutualite", "Mutualité française Isère", "mutuelle",
          themes="accès aux soins|prévention")
    A.add("gem_ech", "Groupe d'entraide mutuelle (GEM) d'Échirolles", "association", where=ECH,
          themes="santé mentale|lien social|isolement", phone=A.phone())
    A.add("prevention_specialisee", "Association de prévention spécialisée (sud agglomération)",
          "association", where=ECH, themes="jeunes|prévention|tranquillité publique",
          phone=A.phone())
    A.add("epicerie_solidaire", "Épicerie solidaire d'Échirolles", "association", where=ECH,
          themes="alimentation|précarité", phone=A.phone())
    A.add("bailleur_social", "Bailleur social (patrimoine des QPV)", "association",
          sector="social", where=ECH, serves=QE + "|" + QP, themes="logement|incurie")
    A.add("habitants_ech", "Collectif d'habitants (quartiers prioritaires d'Échirolles)",
          "habitants", where=ECH, serves=QE, themes="lien social|participation|accès aux soins")
    A.add("conseil_citoyen_pdc", "Conseil citoyen du Pont-de-Claix", "habitants", where=PDC,
          serves=QP, themes="participation|lien social")
    A.add("usagers_sm", "Représentant·es des usagers en santé mentale", "association_patients",
          themes="santé mentale|participation")
    return A


# ---------------------------------------------------------------------------
# 2. relations
# ---------------------------------------------------------------------------

REL_COLS = ["source", "target", "kind", "weight", "themes", "since", "until"]


def rand_date(rng, start, end):
    """A random ISO date between two ISO dates (inclusive)."""
    a = dt.date.fromisoformat(start)
    b = dt.date.fromisoformat(end)
    return (a + dt.timedelta(days=rng.randint(0, (b - a).days))).isoformat()


class Relations:
    def __init__(self, actors):
        self.actors = actors
        self.rows = []
        self.keys = set()

    def add(self, s, t, kind, weight="", themes="", since="", until=""):
        assert s in self.actors.by_id, s
        assert t in self.actors.by_id, t
        assert s != t, s
        assert not until or since < until, (s, t, since, until)
        key = (s, t, kind)
        if key in self.keys:
            return False
        self.keys.add(key)
        self.rows.append({"source": s, "target": t, "kind": kind, "weight": str(weight),
                          "themes": themes, "since": since, "until": until})
        return True


def dist(a, b):
    return math.hypot((float(a["x"]) - float(b["x"])) * COS_LAT, float(a["y"]) - float(b["y"]))


CLS_SIGNED = "2024-06-12"  # signature of the CLS 2024-2028, after the observation date


def build_relations(rng, A):
    R = Relations(A)
    by = A.by_id
    liberal_kinds = ["medecin_generaliste", "infirmier", "masseur_kinesitherapeute",
                     "chirurgien_dentiste", "sage_femme", "orthophoniste", "pediatre",
                     "dieteticien", "podologue", "orthoptiste", "medecin_specialiste"]
    liberal = A.of_kind(*liberal_kinds)
    liberal += [a for a in A.of_kind("psychologue") if a.startswith("psy_0")]
    liberal += [a for a in A.of_kind("psychiatre") if a.startswith("psychiatre_0")]
    # professionals who stay isolated (no relation at all): realistic in a short-staffed
    # territory where liberal professionals "had no habit of collective work" (seed)
    isolated = set(rng.sample([a for a in liberal if a.startswith(("mg_", "ide_", "kine_",
                                                                   "dent_"))
                               and by[a]["accepting"] != "true"], 7))
    gps_struct = {}
    for g in A.of_kind("medecin_generaliste"):
        for s in ["msp_ech", "cds_communautaire", "cds_mutualiste"]:
            if dist(by[g], by[s]) < 0.0002:
                gps_struct[g] = s
    isolated -= set(gps_struct)

    # --- the coordinator: CCAS staff, CLS and CLSM, and the networks she sits in --------
    R.add("coord_cls_clsm", "ccas_ech", "member", since="2018-01-01")
    R.add("ccas_ech", "coord_cls_clsm", "resource", since="2018-01-01")
    R.add("coord_cls_clsm", "clsm_ep", "member", since="2018-09-01")
    R.add("coord_cls_clsm", "cls_ep", "member", since="2019-01-01")
    R.add("coord_cls_clsm", "cpts_sud", "instance", themes="accès aux soins",
          since="2021-06-15")  # administratrice of the CPTS
    R.add("coord_cls_clsm", "fabrique_ts", "instance", since="2021-01-01")  # administratrice
    R.add("coord_cls_clsm", "collectif_sante_ara", "member", since="2019-09-01")
    R.add("coord_cls_clsm", "ccoms_clsm", "member", themes="santé mentale", since="2019-01-01")
    R.add("ccoms_clsm", "coord_cls_clsm", "training", themes="santé mentale",
          since="2019-03-01")
    R.add("collectif_sante_ara", "coord_cls_clsm", "communication", since="2019-09-01")
    R.add("fabrique_ts", "coord_cls_clsm", "communication", since="2020-01-01")

    # --- working groups of the CLS and CLSM ------------------------------------------------
    for g, d, since in [("gt_situations_complexes", "clsm_ep", "2019-06-01"),
                        ("gt_incurie", "clsm_ep", "2020-09-01"),
                        ("gt_supervision", "clsm_ep", "2021-01-15"),
                        ("gt_acces_soins", "cls_ep", "2020-01-15"),
                        ("copil_cls", "cls_ep", "2019-01-01")]:
        R.add(g, d, "member", since=since)
        R.add("coord_cls_clsm", g, "member", since=since)
    R.add("copil_cls", "clsm_ep", "member", since="2019-01-01")
    R.add("cls_ep", "clsm_ep", "partner", themes="santé mentale", since="2019-01-01")
    R.add("clsm_ep", "cls_ep", "communication", since="2019-01-01")

    # plenary of the CLSM
    for a, since in [("chai", "2019-03-01"), ("chai_cmp_oreades", "2019-03-01"),
                     ("chai_cmp_enfants_ech", "2019-03-01"), ("chai_cmp_enfants_pdc", "2019-03-01"),
                     ("ccas_ech", "2019-03-01"), ("ccas_pdc", "2019-03-01"),
                     ("sls_ech", "2019-03-01"), ("bailleur_social", "2019-03-01"),
                     ("gem_ech", "2019-03-01"), ("asso_familles_sm", "2019-03-01"),
                     ("usagers_sm", "2020-01-01"), ("pm_ech", "2019-09-01"),
                     ("mission_locale", "2020-01-01"), ("samsah", "2020-01-01"),
                     ("hopital_sud", "2021-01-01"), ("dac_isere", "2022-01-01"),
                     ("cpts_sud", "2023-09-15")]:  # the CPTS joins after the observation date
        R.add(a, "clsm_ep", "member", themes="santé mentale", since=since)
    R.add("ville_ech", "clsm_ep", "instance", since="2019-03-01")
    R.add("ville_pdc", "clsm_ep", "instance", since="2019-03-01")
    R.add("elu_sante_ech", "clsm_ep", "instance", since="2019-03-01")
    R.add("elu_sante_pdc", "clsm_ep", "instance", since="2019-03-01")
    R.add("elu_sante_ech", "cls_ep", "instance", since="2019-01-01")
    R.add("elu_sante_pdc", "cls_ep", "instance", since="2019-01-01")
    R.add("chai", "clsm_ep", "instance", themes="santé mentale", since="2019-03-01")

    # comité de pilotage (the CLS is being written; signature after the observation date)
    for a, since in [("ville_ech", "2019-01-01"), ("ville_pdc", "2019-01-01"),
                     ("ccas_ech", "2019-01-01"), ("ccas_pdc", "2019-01-01"),
                     ("ars", "2019-01-01"), ("cpam", "2020-01-01"), ("departement", "2020-01-01"),
                     ("chai", "2019-01-01"), ("chu_grenoble", "2020-01-01"),
                     ("educ_nat", "2021-09-01"), ("prefecture", "2020-01-01"),
                     ("metropole", "2022-01-01"), ("cpts_sud", "2021-09-01")]:
        R.add(a, "copil_cls", "member", since=since)
    # the signatories of the CLS 2024-2028 (after the observation date)
    for a in ["ville_ech", "ville_pdc", "ars", "prefecture", "departement", "cpam",
              "metropole", "chu_grenoble", "chai"]:
        R.add(a, "cls_ep", "partner", themes="contrat local de santé", since=CLS_SIGNED)

    # Plateforme situations complexes
    for a, since in [("chai_cmp_oreades", "2019-06-01"), ("sls_ech", "2019-06-01"),
                     ("ccas_ech", "2019-06-01"), ("ccas_pdc", "2019-06-01"),
                     ("mediatrice_ccas_ech", "2019-06-01"), ("referente_sante_pdc", "2019-06-01"),
                     ("psy_ccas_ech_1", "2019-06-01"), ("psy_ccas_pdc", "2020-01-01"),
                     ("bailleur_social", "2019-06-01"), ("dac_isere", "2022-01-01"),
                     ("pm_ech", "2020-01-01"), ("ssiad_sud", "2020-01-01"),
                     ("ts_sls_1", "2019-06-01"), ("cds_communautaire", "2020-09-01"),
                     ("samsah", "2021-01-01")]:
        R.add(a, "gt_situations_complexes", "member", themes="situations complexes",
              since=since)
    # Groupe incurie (the CLSM as a place to experiment)
    for a, since in [("bailleur_social", "2020-09-01"), ("ccas_ech", "2020-09-01"),
                     ("ccas_pdc", "2020-09-01"), ("sls_ech", "2020-09-01"),
                     ("ssiad_sud", "2020-09-01"), ("services_env_ech", "2020-09-01"),
                     ("chai_cmp_oreades", "2020-09-01"), ("pm_ech", "2021-01-01"),
                     ("ts_sls_2", "2020-09-01"), ("mediatrice_ccas_ech", "2020-09-01")]:
        R.add(a, "gt_incurie", "member", themes="incurie", since=since)
    # Supervision / analysis of practice of the "living resources"
    for a in ["psy_ccas_ech_1", "psy_ccas_ech_2", "psy_ccas_pdc", "mediatrice_ccas_ech",
              "referente_sante_pdc", "mediatrice_pair_cds"]:
        R.add(a, "gt_supervision", "member", since="2021-01-15")
    R.add("psychiatre_cmp", "gt_supervision", "instance", themes="santé mentale",
          since="2021-01-15")
    for a in ["psy_ccas_ech_1", "psy_ccas_ech_2", "psy_ccas_pdc"]:
        R.add("psychiatre_cmp", a, "training", themes="santé mentale", since="2021-01-15")
    # Groupe accès aux soins et aux droits
    for a, since in [("cpts_sud", "2021-09-01"), ("cpam", "2020-01-15"), ("msp_ech", "2020-01-15"),
                     ("cds_communautaire", "2020-01-15"), ("cds_mutualiste", "2020-01-15"),
                     ("mediatrice_ccas_ech", "2020-01-15"), ("referente_sante_pdc", "2020-01-15"),
                     ("mediatrice_pair_cds", "2020-09-01"), ("interpretariat", "2021-01-01"),
                     ("sls_ech", "2020-01-15"), ("coord_cpts", "2021-09-01")]:
        R.add(a, "gt_acces_soins", "member", themes="accès aux soins", since=since)

    # --- staff, sites and legal entities ----------------------------------------------------
    for a, s, since in [("mediatrice_ccas_ech", "ccas_ech", "2017-09-01"),
                        ("psy_ccas_ech_1", "ccas_ech", "2016-01-01"),
                        ("psy_ccas_ech_2", "ccas_ech", "2019-09-01"),
                        ("referente_sante_pdc", "ccas_pdc", "2018-01-01"),
                        ("psy_ccas_pdc", "ccas_pdc", "2019-01-01"),
                        ("mediatrice_pair_cds", "cds_communautaire", "2020-09-01"),
                        ("ts_sls_1", "sls_ech", "2015-01-01"),
                        ("ts_sls_2", "sls_ech", "2018-01-01"),
                        ("psychiatre_cmp", "chai_cmp_oreades", "2014-09-01"),
                        ("pedopsy_cmp", "chai_cmp_enfants_ech", "2016-09-01"),
                        ("coord_cpts", "cpts_sud", "2021-10-01"),
                        ("coord_cite_educative", "cite_educative_ech", "2020-01-01"),
                        ("pm_ech", "ville_ech", "2000-01-01"),
                        ("services_env_ech", "ville_ech", "2000-01-01"),
                        ("cds_mutualiste", "mutualite", "2010-01-01")]:
        R.add(a, s, "member", since=since)
    sae = sae_rows()
    for id_, fi, *_ in SAE:
        ej = sae[fi][3]
        if ej in SAE_ENTITY and SAE_ENTITY[ej] != id_:
            R.add(id_, SAE_ENTITY[ej], "member", since="2015-01-01")  # FI_EJ in the SAE
    for c in A.of_kind("pmi"):
        R.add(c, "departement", "member", since="2010-01-01")
    R.add("sls_ech", "departement", "member", since="2010-01-01")
    for c in A.of_kind("creche"):
        R.add(c, "ville_pdc" if A.zone_of[c] == PDC else "ville_ech", "member", since="2010-01-01")

    # --- funding ---------------------------------------------------------------------------
    for s, t, since, until in [
            ("ars", "clsm_ep", "2019-03-01", ""), ("ars", "cls_ep", "2019-01-01", ""),
            ("ville_ech", "clsm_ep", "2019-03-01", ""), ("ville_ech", "cls_ep", "2019-01-01", ""),
            ("ville_pdc", "clsm_ep", "2019-03-01", ""), ("ville_pdc", "cls_ep", "2019-01-01", ""),
            ("prefecture", "cls_ep", "2020-01-01", ""),
            ("metropole", "cls_ep", CLS_SIGNED, ""),
            ("ville_ech", "ccas_ech", "2000-01-01", ""), ("ville_pdc", "ccas_pdc", "2000-01-01", ""),
            ("ars", "cpts_sud", "2021-10-01", ""), ("cpam", "cpts_sud", "2021-10-01", ""),
            ("ars", "cds_communautaire", "2020-01-01", ""),
            ("cpam", "cds_communautaire", "2020-01-01", ""),
            ("cpam", "msp_ech", "2019-01-01", ""), ("ars", "msp_ech", "2018-06-01", ""),
            ("departement", "sls_ech", "2010-01-01", ""),
            ("ville_ech", "cs_ech_est", "2010-01-01", ""),
            ("ville_ech", "cs_ech_sud", "2010-01-01", ""),
            ("ville_pdc", "cs_pdc", "2010-01-01", ""),
            ("prefecture", "cite_educative_ech", "2020-01-01", ""),
            ("prefecture", "mediatrice_ccas_ech", "2017-09-01", ""),
            ("ars", "mediatrice_pair_cds", "2020-09-01", ""),
            ("metropole", "pcaet_gam", "2020-01-01", ""),
            ("ars", "gem_ech", "2015-01-01", ""),
            ("departement", "samsah", "2015-01-01", ""),
            ("ars", "ireps", "2015-01-01", ""),
            # the CLS funded the start of the CPTS (accompaniment of its setting up)
            ("cls_ep", "cpts_sud", "2020-01-01", "2021-10-01")]:
        R.add(s, t, "cofunding", since=since, until=until)
    R.add("chai", "clsm_ep", "resource", themes="santé mentale", since="2019-03-01")
    R.add("ville_pdc", "coord_cls_clsm", "resource", since="2019-01-01")  # shared post

    # --- the CLS helped the CPTS emerge (2019-2021) ------------------------------------------
    R.add("cls_ep", "cpts_sud", "resource", themes="accès aux soins", since="2019-09-01",
          until="2021-10-01")
    R.add("coord_cls_clsm", "coord_cpts", "training", themes="coordination",
          since="2021-10-01", until="2022-06-30")
    R.add("cls_ep", "cpts_sud", "partner", themes="accès aux soins|médecin traitant",
          since="2021-06-15")
    R.add("cpts_sud", "cls_ep", "partner", themes="accès aux soins", since="2021-06-15")
    R.add("ars", "cpts_sud", "instance", since="2021-06-15")
    R.add("cpam", "cpts_sud", "instance", since="2021-06-15")

    # --- the other local dynamics: co-written fiches actions -------------------------------------
    R.add("cls_ep", "cite_educative_ech", "partner", themes="santé des enfants",
          since="2021-09-01")
    R.add("coord_cite_educative", "copil_cls", "instance", since="2021-09-01")
    R.add("educ_nat", "cite_educative_ech", "member", since="2020-01-01")
    R.add("cls_ep", "clspd_ech", "partner", themes="tranquillité publique|santé mentale",
          since="2020-06-01")
    R.add("clsm_ep", "clspd_ech", "partner", themes="santé mentale", since="2020-06-01")
    R.add("clsm_ep", "clspd_pdc", "partner", themes="santé mentale", since="2021-01-01")
    R.add("coord_cls_clsm", "clspd_ech", "instance", since="2020-06-01")
    R.add("pm_ech", "clspd_ech", "member", since="2015-01-01")
    R.add("prevention_specialisee", "clspd_ech", "member", since="2015-01-01")
    R.add("prevention_specialisee", "clspd_pdc", "member", since="2015-01-01")
    R.add("cls_ep", "pcaet_gam", "partner", themes="santé environnementale|climat",
          since="2022-03-01")
    R.add("services_env_ech", "pcaet_gam", "member", since="2020-01-01")
    R.add("ccas_ech", "pcaet_gam", "partner", themes="vulnérabilité|climat",
          since="2022-03-01")  # the analyse des besoins sociaux (ABS)
    R.add("coord_cls_clsm", "pcaet_gam", "instance", themes="santé environnementale",
          since="2022-03-01")

    # --- CPTS membership -----------------------------------------------------------------------
    members = []
    for a in liberal + A.of_kind("pharmacie", "laboratoire", "msp", "centre_de_sante"):
        if a in isolated:
            continue
        if a.startswith(("ortho_", "diet_", "podo_", "ped_", "sf_")) or a in gps_struct \
                or rng.random() < 0.62:
            members.append(a)
    ended = set(rng.sample([m for m in members if m.startswith(("ide_", "kine_", "pharma_"))], 3))
    future = set(rng.sample([m for m in members if m not in ended
                             and m.startswith(("ide_", "kine_", "dent_", "mg_"))], 3))
    for a in members:
        if a in future:
            R.add(a, "cpts_sud", "member", since=rand_date(rng, "2023-09-01", "2024-03-31"))
        elif a in ended:
            R.add(a, "cpts_sud", "member", since=rand_date(rng, "2021-06-15", "2021-12-31"),
                  until=rand_date(rng, "2022-06-01", "2023-05-31"))
        else:
            R.add(a, "cpts_sud", "member", since=rand_date(rng, "2021-06-15", "2023-05-31"))
    active = [m for m in members if m not in ended and m not in future]
    R.add("mediatrice_pair_cds", "cpts_sud", "communication", since="2022-01-01")

    # GPs and other professionals of the MSP and the centres de santé
    for g, s in sorted(gps_struct.items()):
        R.add(g, s, "member", since=rand_date(rng, "2016-01-01", "2022-12-31"))
    late_gp = sorted(g for g in A.in_commune(ECH, A.of_kind("medecin_generaliste"))
                     if g not in gps_struct and g not in isolated)[0]
    R.add(late_gp, "msp_ech", "member", since="2023-11-06")  # joins after the observation date
    for a in ["ide_001", "ide_002", "kine_001", "diet_001", "podo_001"]:
        R.add(a, "msp_ech", "member", since=rand_date(rng, "2018-06-01", "2022-12-31"))
    R.add("dent_001", "cds_mutualiste", "member", since="2017-01-01")
    R.add("ide_003", "cds_communautaire", "member", since="2020-01-01")

    # --- referrals ------------------------------------------------------------------------------
    located = lambda a: by[a]["x"] != ""
    pool = {k: [a for a in A.of_kind(k) if a not in isolated and located(a)
                and by[a]["sector"] == ""] for k in
            ["infirmier", "masseur_kinesitherapeute", "psychologue", "chirurgien_dentiste",
             "dieteticien", "podologue", "sage_femme", "orthophoniste", "pediatre",
             "medecin_specialiste", "psychiatre", "orthoptiste", "pharmacie", "laboratoire"]}

    def nearest(src, kind, k=3):
        cands = sorted(pool[kind], key=lambda t: (dist(by[src], by[t]), t))[:k]
        return rng.choice(cands) if cands else None

    gp_targets = ["infirmier", "infirmier", "masseur_kinesitherapeute", "psychologue",
                  "chirurgien_dentiste", "laboratoire", "pharmacie", "sage_femme",
                  "medecin_specialiste", "podologue", "orthophoniste", "psychiatre"]
    for g in A.of_kind("medecin_generaliste"):
        if g in isolated:
            continue
        for kind in rng.sample(gp_targets, rng.randint(2, 4)):
            t = nearest(g, kind)
            if t:
                R.add(g, t, "referral", weight=rng.choice([1, 1, 2, 3]),
                      since=rand_date(rng, "2017-01-01", "2023-05-31"))
        if rng.random() < 0.4:
            cmp_ = "chai_cmp_oreades" if A.zone_of[g] == ECH or rng.random() < 0.7 else "chai_pass_psy"
            R.add(g, cmp_, "referral", themes="santé mentale",
                  since=rand_date(rng, "2017-01-01", "2023-05-31"))
        if rng.random() < 0.25:
            R.add(g, "hopital_sud", "referral", themes="soins non programmés",
                  since=rand_date(rng, "2017-01-01", "2023-05-31"))
    # pharmacies send people without a médecin traitant to the few GPs who accept
    accepting = [g for g in A.of_kind("medecin_generaliste") if by[g]["accepting"] == "true"]
    for ph in A.of_kind("pharmacie"):
        gps = sorted([g for g in accepting if g not in isolated],
                     key=lambda t: (dist(by[ph], by[t]), t))[:2]
        for g in gps:
            R.add(ph, g, "referral", themes="médecin traitant",
                  since=rand_date(rng, "2020-01-01", "2023-05-31"))
    for a, t, th, since in [
            ("mediatrice_ccas_ech", "cds_communautaire", "accès aux soins", "2018-01-01"),
            ("mediatrice_ccas_ech", "msp_ech", "accès aux soins", "2018-06-01"),
            ("mediatrice_ccas_ech", "cds_mutualiste", "accès aux soins", "2018-01-01"),
            ("mediatrice_ccas_ech", "cpam", "accès aux droits", "2018-01-01"),
            ("mediatrice_ccas_ech", "psy_ccas_ech_1", "santé mentale", "2018-01-01"),
            ("referente_sante_pdc", "cpam", "accès aux droits", "2018-06-01"),
            ("referente_sante_pdc", "psy_ccas_pdc", "santé mentale", "2019-01-01"),
            ("referente_sante_pdc", "cds_mutualiste", "accès aux soins", "2019-01-01"),
            ("mediatrice_pair_cds", "cpam", "accès aux droits", "2020-09-01"),
            ("mediatrice_pair_cds", "interpretariat", "interprétariat", "2021-01-01"),
            ("mediatrice_pair_cds", "psy_ccas_ech_2", "santé mentale", "2021-01-01"),
            ("psy_ccas_ech_1", "chai_cmp_oreades", "santé mentale", "2017-01-01"),
            ("psy_ccas_ech_2", "chai_cmp_oreades", "santé mentale", "2019-09-01"),
            ("psy_ccas_ech_2", "chai_pass_psy", "précarité", "2020-01-01"),
            ("psy_ccas_pdc", "chai_cmp_oreades", "santé mentale", "2019-01-01"),
            ("psy_ccas_pdc", "chai_dssp", "précarité", "2021-01-01"),
            ("ts_sls_1", "ccas_ech", "accès aux droits", "2016-01-01"),
            ("ts_sls_1", "chai_cmp_oreades", "santé mentale", "2018-01-01"),
            ("ts_sls_2", "bailleur_social", "logement", "2019-01-01"),
            ("ccas_pdc", "sls_ech", "action sociale", "2015-01-01"),
            ("mission_locale", "chai_cmp_oreades", "santé mentale", "2020-01-01"),
            ("mission_locale", "psy_ccas_ech_1", "jeunes", "2021-01-01"),
            ("college_ech", "chai_cmp_enfants_ech", "adolescents", "2019-09-01"),
            ("ecole_pdc", "chai_cmp_enfants_pdc", "santé des enfants", "2019-09-01"),
            ("pmi_ech_1", "chai_cmp_enfants_ech", "petite enfance", "2018-01-01"),
            ("pmi_ech_2", "chai_cattp_graffiti", "petite enfance", "2018-01-01"),
            ("pmi_pdc", "chai_cmp_enfants_pdc", "petite enfance", "2018-01-01"),
            ("chai_cmp_enfants_ech", "chai_hj_jenny_aubry", "petite enfance", "2015-01-01"),
            ("chai_cmp_enfants_pdc", "chai_cattp_jenny_aubry", "petite enfance", "2015-01-01"),
            ("chai_cmp_oreades", "chai_hj_cassiopee", "santé mentale", "2015-01-01"),
            ("chai_cmp_oreades", "chai_cattp_henri_ey", "santé mentale", "2015-01-01"),
            ("hopital_sud", "chai_cmp_oreades", "santé mentale", "2016-01-01"),
            ("hopital_sud", "cgs_chu", "personnes âgées", "2015-01-01"),
            ("clin_cedres", "korian_granges", "réadaptation", "2018-01-01"),
            ("pm_ech", "gt_situations_complexes", "situations complexes", "2020-01-01"),
            ("bailleur_social", "gt_incurie", "incurie", "2020-09-01"),
            ("ssiad_sud", "dac_isere", "situations complexes", "2022-01-01"),
            ("ccas_ech", "dac_isere", "personnes âgées", "2022-01-01"),
            ("gem_ech", "asso_familles_sm", "santé mentale", "2019-01-01"),
            ("sf_001", "pmi_ech_1", "périnatalité", "2019-01-01"),
            ("sf_004", "pmi_pdc", "périnatalité", "2019-01-01")]:
        R.add(a, t, "referral", themes=th, since=since)
    for sf in A.of_kind("sage_femme"):
        if sf not in isolated:
            R.add(sf, "ghm_grenoble", "referral", themes="périnatalité",
                  since=rand_date(rng, "2017-01-01", "2022-12-31"))
    R.add("ped_001", "chai_cmp_enfants_ech", "referral", themes="santé des enfants",
          since="2018-01-01")
    R.add("ped_001", "ortho_001", "referral", themes="langage", since="2018-01-01")
    R.add("psy_001", "chai_cmp_oreades", "referral", themes="santé mentale", since="2019-01-01")

    # --- shared practices (partner) among nearby professionals --------------------------------
    for kind in ["infirmier", "masseur_kinesitherapeute", "chirurgien_dentiste"]:
        ps = [a for a in A.of_kind(kind) if a not in isolated]
        rng.shuffle(ps)
        for a in ps[: len(ps) // 2]:
            others = sorted([b for b in ps if b != a], key=lambda t: (dist(by[a], by[t]), t))
            b = others[0]
            if (b, a, "partner") not in R.keys:
                R.add(a, b, "partner", since=rand_date(rng, "2015-01-01", "2023-05-31"))

    # --- other partnerships -----------------------------------------------------------------------
    for s, t, th, since, until in [
            ("cpam", "cds_communautaire", "accès aux droits", "2020-09-01", ""),
            ("mutualite", "cls_ep", "accès aux soins", "2020-01-01", ""),
            ("interpretariat", "cds_communautaire", "interprétariat", "2021-01-01", ""),
            ("interpretariat", "ccas_ech", "interprétariat", "2019-01-01", "2022-12-31"),
            ("gem_ech", "cs_ech_sud", "lien social", "2020-01-01", ""),
            ("asso_familles_sm", "clsm_ep", "aidants", "2019-03-01", ""),
            ("planning_familial", "cls_ep", "santé sexuelle", "2021-01-01", ""),
            ("planning_familial", "cs_ech_est", "santé sexuelle", "2021-06-01", ""),
            ("epicerie_solidaire", "ccas_ech", "précarité", "2018-01-01", ""),
            ("epicerie_solidaire", "cs_ech_sud", "alimentation", "2019-01-01", ""),
            ("habitants_ech", "cls_ep", "participation", "2019-01-01", ""),
            ("conseil_citoyen_pdc", "cls_ep", "participation", "2019-06-01", "2022-06-30"),
            ("habitants_ech", "cds_communautaire", "santé communautaire", "2020-01-01", ""),
            ("usagers_sm", "gem_ech", "santé mentale", "2020-01-01", ""),
            ("dac_isere", "cpts_sud", "parcours", "2022-06-01", ""),
            ("ssiad_sud", "cpts_sud", "soins à domicile", "2022-06-01", ""),
            ("ehpad_ech", "cgs_chu", "personnes âgées", "2018-01-01", ""),
            ("hopital_sud", "cpts_sud", "soins non programmés", "2022-09-01", ""),
            ("samsah", "chai_cmp_oreades", "handicap", "2018-01-01", ""),
            ("cs_ech_est", "cite_educative_ech", "parentalité", "2020-09-01", ""),
            ("college_ech", "cite_educative_ech", "éducation", "2020-01-01", ""),
            ("ecole_ech_1", "cite_educative_ech", "éducation", "2020-01-01", ""),
            ("ecole_ech_2", "cite_educative_ech", "éducation", "2020-01-01", ""),
            ("pmi_ech_1", "cite_educative_ech", "petite enfance", "2021-01-01", ""),
            ("mediatheque_ech", "cite_educative_ech", "lecture", "2021-01-01", ""),
            ("ireps", "cls_ep", "promotion de la santé", "2019-01-01", ""),
            ("departement", "cls_ep", "solidarités", "2020-01-01", "")]:
        R.add(s, t, "partner", themes=th, since=since, until=until)

    # --- training ----------------------------------------------------------------------------------
    for a in ["mediatrice_ccas_ech", "referente_sante_pdc", "mediatrice_pair_cds"]:
        R.add("ireps", a, "training", themes="promotion de la santé|médiation",
              since=rand_date(rng, "2018-01-01", "2021-12-31"))
    for a in ["ccas_ech", "ccas_pdc", "cs_ech_est", "cs_pdc", "mission_locale", "pm_ech",
              "bailleur_social"]:
        R.add("pssm_formation", a, "training", themes="santé mentale", since="2022-11-14")
    R.add("asso_familles_sm", "pm_ech", "training", themes="santé mentale", since="2021-03-01",
          until="2021-12-31")

    # --- rooms, staff and communication ------------------------------------------------------------
    for a, since in [("cs_ech_est", "2019-01-01"), ("cs_pdc", "2019-06-01"),
                     ("mediatheque_ech", "2021-10-01"), ("mediatheque_pdc", "2022-10-01")]:
        R.add(a, "clsm_ep", "resource", themes="santé mentale", since=since)
    R.add("ville_ech", "gem_ech", "resource", since="2016-01-01")
    for s, t, since in [("cls_ep", "cpts_sud", "2021-06-15"), ("cpts_sud", "clsm_ep", "2022-01-01"),
                        ("ville_ech", "cls_ep", "2019-01-01"), ("ville_pdc", "cls_ep", "2019-01-01"),
                        ("cls_ep", "cs_ech_est", "2019-01-01"), ("cls_ep", "cs_ech_sud", "2019-01-01"),
                        ("cls_ep", "cs_pdc", "2019-01-01"), ("cls_ep", "habitants_ech", "2019-01-01"),
                        ("cls_ep", "conseil_citoyen_pdc", "2019-06-01"),
                        ("mediatrice_ccas_ech", "habitants_ech", "2018-01-01"),
                        ("mediatrice_pair_cds", "habitants_ech", "2020-09-01"),
                        ("referente_sante_pdc", "conseil_citoyen_pdc", "2019-01-01"),
                        ("ars", "cls_ep", "2019-01-01"), ("ars", "cpts_sud", "2021-06-15"),
                        ("cpam", "cpts_sud", "2021-06-15"),
                        ("clsm_ep", "mission_locale", "2020-01-01"),
                        ("clsm_ep", "college_ech", "2021-09-01"),
                        ("clsm_ep", "gem_ech", "2019-03-01"),
                        ("metropole", "cls_ep", "2022-01-01"),
                        ("educ_nat", "college_ech", "2015-01-01"),
                        ("coord_cpts", "cls_ep", "2021-10-01")]:
        R.add(s, t, "communication", since=since)
    # health campaigns relayed by pharmacies (some from autumn 2023)
    for ph in sorted(rng.sample(A.of_kind("pharmacie"), 5)):
        R.add(ph, "cls_ep", "communication", themes="prévention",
              since=rng.choice(["2022-03-01", "2023-10-02"]))
    return R, isolated, active


# ---------------------------------------------------------------------------
# 3. actions and needs
# ---------------------------------------------------------------------------

ACTION_COLS = ["id", "name", "themes", "lead", "partners", "funders", "zones", "start", "end"]
NEED_COLS = ["zone", "theme", "level", "source"]


def build_actions(rng, A, R, active):
    by = A.by_id
    E = "communes:" + ECH
    P = "communes:" + PDC
    BOTH = E + "|" + P
    QE = "communes_qpv:" + ECH
    QP = "communes_qpv:" + PDC
    J = "|".join
    gps_active = [a for a in active if a.startswith("mg_")]
    gps_accepting = [a for a in gps_active if by[a]["accepting"] == "true"]
    founders = sorted(rng.sample(gps_active, 6))
    pharmas = [a for a in active if a.startswith("pharma_")]
    rows = [
        ["etat_lieux_mt_2019",
         "État des lieux des médecins traitants en exercice (23 pour 63 inscrits à l'Ordre)",
         "médecin traitant|accès aux soins|démographie médicale",
         J(["cls_ep", "coord_cls_clsm"]), J(["cpam", "ars", "ville_ech", "ville_pdc"]),
         "ville_ech", BOTH, "2019-01-07", "2019-12-20"],
        ["emergence_cpts", "Accompagnement de l'émergence de la CPTS",
         "accès aux soins|médecin traitant|exercice coordonné",
         J(["cls_ep", "coord_cls_clsm"]),
         J(["cpts_sud", "ars", "cpam", "msp_ech", "cds_communautaire", "cds_mutualiste"]
           + founders), J(["ars", "cls_ep"]), BOTH, "2019-09-01", "2021-10-01"],
        ["acces_mt", "Accès à un médecin traitant : orientation des patients sans médecin",
         "médecin traitant|accès aux soins|accès aux droits", J(["cpts_sud", "cls_ep"]),
         J(["gt_acces_soins", "cpam", "mediatrice_ccas_ech", "referente_sante_pdc",
            "mediatrice_pair_cds", "msp_ech", "cds_communautaire", "cds_mutualiste"]
           + sorted(rng.sample(gps_accepting, 5)) + sorted(rng.sample(pharmas, 3))),
         J(["cpam", "ars"]), BOTH, "2022-01-10", ""],
        ["plateforme_sc", "Plateforme situations complexes : réunions de concertation",
         "situations complexes|santé mentale|parcours", "clsm_ep",
         J(["gt_situations_complexes", "chai_cmp_oreades", "ccas_ech", "ccas_pdc", "sls_ech",
            "bailleur_social", "pm_ech", "dac_isere", "mediatrice_ccas_ech",
            "referente_sante_pdc", "psy_ccas_ech_1", "psy_ccas_pdc"]),
         J(["ars", "ville_ech", "ville_pdc"]), BOTH, "2019-06-01", ""],
        ["incurie", "Expérimentation : accompagnement des situations d'incurie",
         "incurie|logement|santé mentale", "clsm_ep",
         J(["gt_incurie", "bailleur_social", "ccas_ech", "ccas_pdc", "sls_ech", "ssiad_sud",
            "services_env_ech", "chai_cmp_oreades", "ts_sls_2"]),
         J(["ville_ech", "ars"]), BOTH, "2020-09-01", ""],
        ["midis_interconnaissance", "Midis de l'interconnaissance",
         "interconnaissance|santé mentale|accès aux soins", J(["clsm_ep", "cls_ep"]),
         J(["ccas_ech", "ccas_pdc", "sls_ech", "cs_ech_est", "cs_pdc", "mission_locale",
            "gem_ech", "cpts_sud", "chai_cmp_oreades", "pmi_ech_1", "bailleur_social",
            "prevention_specialisee"]), "", BOTH, "2021-10-01", ""],
        ["pssm_2022", "Formation Premiers secours en santé mentale (PSSM)",
         "santé mentale|formation", "clsm_ep",
         J(["pssm_formation", "ccas_ech", "ccas_pdc", "cs_ech_est", "cs_ech_sud", "cs_pdc",
            "mission_locale", "pm_ech", "bailleur_social", "mediatheque_ech"]),
         J(["ars", "ville_ech", "ville_pdc"]), BOTH, "2022-11-14", "2022-11-15"],
        ["supervision", "Supervision des médiatrices et des psychologues du lieu d'écoute",
         "santé mentale|analyse de pratiques", "clsm_ep",
         J(["gt_supervision", "psychiatre_cmp", "psy_ccas_ech_1", "psy_ccas_ech_2",
            "psy_ccas_pdc", "mediatrice_ccas_ech", "referente_sante_pdc",
            "mediatrice_pair_cds"]), "ars", BOTH, "2021-01-15", ""],
        ["lieu_ecoute", "Lieu d'écoute psychologique des CCAS",
         "santé mentale|écoute|précarité", J(["ccas_ech", "ccas_pdc"]),
         J(["psy_ccas_ech_1", "psy_ccas_ech_2", "psy_ccas_pdc", "chai_cmp_oreades",
            "mission_locale", "sls_ech"]), J(["ville_ech", "ville_pdc"]), BOTH,
         "2016-01-01", ""],
        ["mediation_pairs", "Médiation santé par les pairs",
         "médiation|accès aux soins|santé communautaire", "cds_communautaire",
         J(["mediatrice_pair_cds", "habitants_ech", "mediatrice_ccas_ech", "cpam",
            "interpretariat"]), "ars", QE, "2020-09-01", ""],
        ["sism_2022", "Semaines d'information sur la santé mentale 2022",
         "santé mentale", "clsm_ep",
         J(["gem_ech", "asso_familles_sm", "usagers_sm", "mediatheque_ech", "mediatheque_pdc",
            "cs_ech_sud", "cs_pdc", "chai_cmp_oreades", "mission_locale"]),
         J(["ville_ech", "ville_pdc"]), BOTH, "2022-10-10", "2022-10-23"],
        ["sism_2023", "Semaines d'information sur la santé mentale 2023",
         "santé mentale", "clsm_ep",
         J(["gem_ech", "asso_familles_sm", "usagers_sm", "mediatheque_ech", "cs_ech_est",
            "cs_pdc", "chai_cmp_enfants_ech", "college_ech", "cpts_sud"]),
         J(["ville_ech", "ville_pdc"]), BOTH, "2023-10-09", "2023-10-22"],
        ["fa_cite_educative", "Fiche action commune CLS – Cité éducative : santé des enfants",
         "santé des enfants|éducation|santé mentale",
         J(["cls_ep", "cite_educative_ech"]),
         J(["educ_nat", "coord_cite_educative", "college_ech", "ecole_ech_1", "ecole_ech_2",
            "pmi_ech_1", "chai_cmp_enfants_ech", "mediatrice_ccas_ech"]),
         J(["prefecture", "ville_ech"]), QE, "2021-09-01", ""],
        ["fa_clspd", "Fiche action commune CLSM – CLSPD : personnes en souffrance psychique "
                     "dans l'espace public",
         "santé mentale|tranquillité publique", J(["clsm_ep", "clspd_ech"]),
         J(["pm_ech", "prevention_specialisee", "bailleur_social", "chai_cmp_oreades",
            "clspd_pdc", "asso_familles_sm"]), "ville_ech", BOTH, "2020-06-01", ""],
        ["fa_pcaet", "Fiche action commune CLS – PCAET : aléas climatiques et populations "
                     "vulnérables (ABS)",
         "santé environnementale|climat|vulnérabilité|personnes âgées",
         J(["cls_ep", "pcaet_gam"]),
         J(["metropole", "ccas_ech", "ccas_pdc", "services_env_ech", "ehpad_ech", "ssiad_sud",
            "korian_granges"]), "metropole", BOTH, "2022-03-01", ""],
        ["ecriture_cls", "Diagnostic et écriture du contrat local de santé",
         "inégalités de santé|accès aux soins|santé mentale", J(["cls_ep", "coord_cls_clsm"]),
         J(["copil_cls", "ars", "ville_ech", "ville_pdc", "cpam", "departement", "metropole",
            "cpts_sud", "chai", "chu_grenoble", "habitants_ech", "conseil_citoyen_pdc"]),
         "ars", BOTH, "2019-01-01", "2024-06-12"],
        ["carnet_adresses", "Carnet d'adresses partagé des ressources locales",
         "orientation|parcours|accès aux soins", "cls_ep",
         J(["cpts_sud", "mediatrice_ccas_ech", "referente_sante_pdc", "mediatrice_pair_cds",
            "sls_ech", "dac_isere"]), "ville_ech", BOTH, "2024-09-02", ""],
    ]
    for r in rows:
        for col in (3, 4, 5):
            for a in filter(None, r[col].split("|")):
                assert a in by, a
    return rows


def build_needs():
    E = "communes:" + ECH
    P = "communes:" + PDC
    QE = "communes_qpv:" + ECH
    QP = "communes_qpv:" + PDC
    D = "Diagnostic CLS"
    M = "Diagnostic CLSM"
    return [
        [E, "médecin traitant", "3", D + " (1/3 de la population sans médecin traitant)"],
        [E, "accès aux soins", "3", D],
        [E, "santé mentale", "3", M],
        [E, "situations complexes", "2", M],
        [E, "incurie", "2", M],
        [E, "maladies chroniques", "2", D + " (taux d'ALD)"],
        [E, "personnes âgées", "2", D],
        [E, "isolement", "2", D],
        [E, "soins à domicile", "2", D + " (pénurie d'infirmiers et de kinésithérapeutes)"],
        [E, "addictions", "2", D + " (parcours addictions non encore travaillé)"],
        [E, "santé environnementale", "1", "PCAET / ABS"],
        [P, "médecin traitant", "3", D + " (1/3 de la population sans médecin traitant)"],
        [P, "accès aux soins", "3", D],
        [P, "santé mentale", "3", M],
        [P, "situations complexes", "2", M],
        [P, "maladies chroniques", "2", D + " (taux d'ALD)"],
        [P, "personnes âgées", "2", D],
        [P, "isolement", "2", D],
        [P, "soins à domicile", "2", D + " (pénurie d'infirmiers et de kinésithérapeutes)"],
        [P, "addictions", "2", D + " (parcours addictions non encore travaillé)"],
        [QE, "accès aux droits", "3", D + " (quartiers prioritaires)"],
        [QP, "accès aux droits", "3", D + " (quartier prioritaire)"],
    ]


# ---------------------------------------------------------------------------
# 4. checks and output
# ---------------------------------------------------------------------------

def norm(theme):
    import unicodedata
    t = unicodedata.normalize("NFD", theme.strip().lower())
    return "".join(c for c in t if unicodedata.category(c) != "Mn")


def check(A, R, actions, needs, qpv):
    ids = [r["id"] for r in A.rows]
    assert len(ids) == len(set(ids))
    zones = {"communes:" + c for c in A.placer.order} | {"communes_qpv:" + c for c in TARGETS}
    for r in A.rows:
        for z in filter(None, r["serves"].split("|")):
            assert z in zones, (r["id"], z)
    for a in actions:
        for z in a[6].split("|"):
            assert z in zones, (a[0], z)
    for n in needs:
        assert n[0] in zones, n
    assert all(c in qpv for c in TARGETS)
    # the gap the diagnosis must find: a need whose theme no actor and no action carries
    carried = {norm(t) for r in A.rows for t in r["themes"].split("|") if t}
    carried |= {norm(t) for a in actions for t in a[2].split("|") if t}
    uncovered = sorted({n[1] for n in needs if norm(n[1]) not in carried})
    assert uncovered == ["addictions"], uncovered
    # the seed's shortage
    gps = A.of_kind("medecin_generaliste")
    assert len(A.in_commune(ECH, gps)) == GP_ECH and len(A.in_commune(PDC, gps)) == GP_PDC


def csv_text(cols, rows):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(cols)
    for r in rows:
        w.writerow([r[c] for c in cols] if isinstance(r, dict) else r)
    return buf.getvalue()


def build():
    rng = random.Random(38151)
    out, features, qpv = build_zones()
    placer = Placer(rng, features)
    A = build_actors(rng, placer, features)
    R, isolated, active = build_relations(rng, A)
    actions = build_actions(rng, A, R, active)
    needs = build_needs()
    check(A, R, actions, needs, qpv)
    out.update({
        "actors.csv": csv_text(ACTOR_COLS, A.rows),
        "relations.csv": csv_text(REL_COLS, R.rows),
        "actions.csv": csv_text(ACTION_COLS, actions),
        "needs.csv": csv_text(NEED_COLS, needs),
    })
    return out


def main(argv):
    if len(argv) >= 2 and argv[0] == "--from-sources":
        copy_sources(argv[1])
        argv = argv[2:]
    check_only = "--check" in argv
    out = build()
    bad = []
    for name, text in out.items():
        path = os.path.join(HERE, name)
        if check_only:
            try:
                with open(path, encoding="utf-8", newline="") as f:
                    same = f.read() == text
            except FileNotFoundError:
                same = False
            if not same:
                bad.append(name)
        else:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8", newline="") as f:
                f.write(text)
    if bad:
        print("differs from the committed file: " + ", ".join(bad))
        return 1
    for name, text in out.items():
        if name.endswith(".csv"):
            print("%-27s %4d rows" % (name, text.count("\n") - 1))
        else:
            print("%-27s %4d features" % (name, text.count('"type":"Feature"')))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
