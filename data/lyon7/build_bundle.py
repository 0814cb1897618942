#!/usr/bin/env python3
"""Build the example territory bundle ``data/lyon7/`` (Lyon 7e arrondissement).

The zone layers in ``zones/`` are REAL public data (see README.md). Everything else
(actors.csv, relations.csv, actions.csv, needs.csv) is ILLUSTRATIVE: it is generated
here, deterministically (``random.Random(7)``), from the description of the CPTS /
ASV / CLSM of Lyon 7e given in a French conference handout, and from the real zone
geometry (actors are placed inside the real IRIS polygons, weighted by population).

Usage (from anywhere; only files inside this folder are read):

    pip install shapely
    python3 data/lyon7/build_bundle.py            # rewrites the four CSV files
    python3 data/lyon7/build_bundle.py --check    # rebuilds in memory, fails if a CSV differs

Optional, to re-extract the three zone files from the real-data folder they were
copied from (not needed in a fresh clone, the zone files are committed):

    python3 data/lyon7/build_bundle.py --from-sources /path/to/real/lyon7

Only the Python standard library and shapely are used.
"""

import csv
import io
import json
import math
import os
import random
import sys

from shapely.geometry import Point, shape

HERE = os.path.dirname(os.path.abspath(__file__))
ZONES = os.path.join(HERE, "zones")

ARR = "69387"
QPV = "QP069033"
QPV_2024 = "QN06930M"
CITE_JARDIN = "693870703"
OBS_DATE = "2024-06-30"
MARGIN = 0.0002  # degrees (about 15-20 m): located actors stay clear of IRIS borders


# ---------------------------------------------------------------------------
# 0. optional: extract the zone files from the real-data folder
# ---------------------------------------------------------------------------

def _dump_geojson(path, name, features):
    doc = {"type": "FeatureCollection", "name": name, "features": features}
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        json.dump(doc, f, ensure_ascii=False, separators=(",", ":"))
        f.write("\n")


def extract_zones(src):
    """Copy the Lyon 7e features of the real source files into zones/ (geometry unchanged)."""
    os.makedirs(ZONES, exist_ok=True)
    with open(os.path.join(src, "iris_lyon7_lyon8.geojson"), encoding="utf-8") as f:
        iris = [ft for ft in json.load(f)["features"] if ft["properties"]["com"] == ARR]
    assert len(iris) == 24, len(iris)
    _dump_geojson(os.path.join(ZONES, "iris.geojson"), "iris_lyon7", iris)

    with open(os.path.join(src, "qpv2015_metropole_lyon.geojson"), encoding="utf-8") as f:
        qpv = [ft for ft in json.load(f)["features"] if ft["properties"]["CODE_QP"] == QPV]
    assert len(qpv) == 1
    qpv[0]["properties"]["code_qpv_2024"] = QPV_2024  # added (ANCT QPV 2024 list)
    _dump_geojson(os.path.join(ZONES, "qpv.geojson"), "qpv_lyon7", qpv)

    pop = None
    with open(os.path.join(src, "population_communes.csv"), encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            if row["code_insee"] == ARR:
                pop = int(row["population"])
    assert pop is not None
    with open(os.path.join(src, "arrondissements_lyon.geojson"), encoding="utf-8") as f:
        arr = [ft for ft in json.load(f)["features"] if ft["properties"]["insee"] == ARR]
    assert len(arr) == 1
    arr[0]["properties"]["population"] = pop  # added (INSEE population légale, COG 2026)
    _dump_geojson(os.path.join(ZONES, "arrondissement.geojson"), "arrondissement_lyon7", arr)


# ---------------------------------------------------------------------------
# 1. zones
# ---------------------------------------------------------------------------

def load_zones():
    with open(os.path.join(ZONES, "iris.geojson"), encoding="utf-8") as f:
        iris = json.load(f)["features"]
    with open(os.path.join(ZONES, "qpv.geojson"), encoding="utf-8") as f:
        qpv = json.load(f)["features"][0]
    iris = sorted(iris, key=lambda ft: ft["properties"]["id"])
    zones = []
    for ft in iris:
        p = ft["properties"]
        zones.append({"id": p["id"], "name": p["libiris"], "pop": p["p12_pop"],
                      "type": p["typ_iris"], "geom": shape(ft["geometry"])})
    return zones, shape(qpv["geometry"])


class Placer:
    """Draws points strictly inside the IRIS polygons (and optionally inside the QPV)."""

    def __init__(self, rng, zones, qpv_geom):
        self.rng = rng
        self.zones = zones
        self.by_id = {z["id"]: z for z in zones}
        self.qpv = qpv_geom
        # residential IRIS (type H) get professionals in proportion to their 2012 population;
        # activity IRIS (type A) count for a third of theirs.
        self.weights = [z["pop"] * (1.0 if z["type"] == "H" else 0.33) for z in zones]

    def _ok(self, pt, geom):
        return geom.contains(pt) and geom.boundary.distance(pt) > MARGIN

    def in_zone(self, zone_id, extra=None):
        z = self.by_id[zone_id]
        g = z["geom"]
        minx, miny, maxx, maxy = g.bounds
        for _ in range(100000):
            x = round(self.rng.uniform(minx, maxx), 6)
            y = round(self.rng.uniform(miny, maxy), 6)
            pt = Point(x, y)
            if self._ok(pt, g) and (extra is None or self._ok(pt, extra)):
                return x, y, zone_id
        raise RuntimeError("could not place a point in " + zone_id)

    def anywhere(self):
        z = self.rng.choices(self.zones, weights=self.weights, k=1)[0]
        return self.in_zone(z["id"])

    def in_qpv(self):
        return self.in_zone(CITE_JARDIN, extra=self.qpv)

    def check_fixed(self, x, y):
        pt = Point(x, y)
        hits = [z["id"] for z in self.zones if self._ok(pt, z["geom"])]
        assert len(hits) == 1, (x, y, hits)
        return hits[0]


# ---------------------------------------------------------------------------
# 2. actors
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
]
INITIALS = "ABCDEFGHIJKLMNPRSTV"

# kind -> (count, id prefix, title, label, doctor?, capacity range, theme pools)
PROFESSIONALS = [
    ("medecin_generaliste", 35, "mg", "médecin généraliste", True,
     ["médecin traitant|accès aux soins"],
     ["diabète", "santé mentale", "prévention", "soins non programmés", "vaccination",
      "pédiatrie", "personnes âgées"]),
    ("infirmier", 22, "ide", "infirmier·e", False,
     ["soins à domicile"], ["diabète", "prévention", "vaccination", "plaies", "personnes âgées"]),
    ("masseur_kinesitherapeute", 16, "kine", "masseur-kinésithérapeute", False,
     ["rééducation"], ["activité physique", "personnes âgées", "pédiatrie", "respiratoire"]),
    ("orthophoniste", 4, "ortho", "orthophoniste", False, ["langage|petite enfance"], []),
    ("dieteticien", 3, "diet", "diététicien·ne", False, ["alimentation|diabète|obésité"], []),
    ("podologue", 4, "podo", "pédicure-podologue", False, ["diabète|prévention"], []),
    ("sage_femme", 5, "sf", "sage-femme", False, ["périnatalité|santé des femmes"],
     ["petite enfance", "prévention"]),
    ("psychologue", 6, "psy", "psychologue", False, ["santé mentale"],
     ["adolescents", "petite enfance", "psychotraumatisme"]),
    ("pediatre", 3, "ped", "pédiatre", True, ["pédiatrie|petite enfance"], ["obésité", "langage"]),
    ("chirurgien_dentiste", 10, "dent", "chirurgien-dentiste", True, ["santé bucco-dentaire"],
     ["prévention"]),
    ("psychiatre", 2, "psychiatre", "psychiatre", True, ["santé mentale"], []),
    ("orthoptiste", 2, "orthopt", "orthoptiste", False, ["vision"], ["petite enfance"]),
    ("psychomotricien", 2, "psychomot", "psychomotricien·ne", False,
     ["petite enfance|développement de l'enfant"], []),
    ("ergotherapeute", 1, "ergo", "ergothérapeute", False, ["autonomie|handicap"], []),
]
SPECIALISTS = [
    ("endocrinologue", "diabète|obésité"),
    ("cardiologue", "cardiologie|prévention"),
    ("gynécologue", "santé des femmes|périnatalité"),
    ("dermatologue", "dermatologie"),
]

# Real health establishments located in Lyon 7e (SAE 2023, postal code 69007 / ARMT 69387).
# Names, FINESS numbers and addresses are copied from lyon_sae2023_ID_entites.csv and
# lyon_sae2023_IDB_sites.csv; x,y were placed BY HAND near the address (approximate,
# about 200 m, not geocoded). The kind is inferred from the name (see README).
SAE_7E = [
    ("ch_sjsl", "CH ST JOSEPH ST LUC", "centre_hospitalier", "690805361",
     "20 quai Claude Bernard, 69007 Lyon", 4.8385, 45.7500,
     "soins non programmés|urgences|médecine"),
    ("clin_lilas_bleus", "CLINIQUE LES LILAS BLEUS", "clinique", "690030283",
     "111 avenue Berthelot, 69007 Lyon", 4.8470, 45.7465, "réadaptation"),
    ("addipsy", "ADDIPSY", "clinique", "690041488",
     "164 avenue Jean Jaurès, 69007 Lyon", 4.8395, 45.7405, "santé mentale"),
    ("addipsy_clea", "ADDIPSY CLEA", "clinique", "690045158",
     "9 rue Abraham Bloch, 69007 Lyon", 4.8430, 45.7440, "santé mentale"),
    ("c2rbp", "C2RBP LYON METROPOLE", "clinique", "690043393",
     "9 rue Abraham Bloch, 69007 Lyon", 4.8431, 45.7442, "santé mentale"),
    ("arhm_upul", "UNITE PSYCHIATRIE URGENCE LIAISON ARHM", "cmp", "690025838",
     "20 quai Claude Bernard, 69007 Lyon", 4.8388, 45.7503, "santé mentale|urgences"),
    ("arhm_hdj_gerland", "HDJ DE GERLAND - ARHM", "chs", "690031216",
     "247 avenue Jean Jaurès, 69007 Lyon", 4.8355, 45.7325, "santé mentale"),
    ("arhm_cmp_bick", "CMP & CATTP ESTHER BICK - ARHM", "cmp", "690044060",
     "106 avenue Jean Jaurès, 69007 Lyon", 4.8415, 45.7470, "santé mentale"),
    ("arhm_cmp_rimbaud", "CMP CATTP ADO ARTHUR RIMBAUD", "cmp_enfants", "690044250",
     "50 rue de Marseille, 69007 Lyon", 4.8441, 45.7509, "santé mentale|adolescents"),
    ("arhm_cmp_lyon7", "CMP CATTP LYON 7EME", "cmp", "690809223",
     "39 rue de la Madeleine, 69007 Lyon", 4.8450, 45.7525, "santé mentale"),
]


# Actors whose NAME comes from the seed document (their attributes and ties are illustrative).
NAMED_IN_SEED = {"cpts_lyon7", "asv_gerland", "clsm_lyon7", "gt_enfance_clsm",
                 "gt_mediation_asv", "gt_obesite_cpts", "appor", "repppop", "ville_lyon",
                 "ars_ara", "cpam_rhone", "metropole_lyon", "ch_vinatier", "cmp_pedo_7"}
# Real public bodies not named in the seed (their attributes and ties are illustrative).
REAL_INSTITUTIONS = {"mairie_7", "prefecture_pdv", "educ_nat_sante"}


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
            if where == "any":
                px, py, zid = self.placer.anywhere()
            elif where == "qpv":
                px, py, zid = self.placer.in_qpv()
            elif isinstance(where, tuple):
                px, py = where
                zid = self.placer.check_fixed(px, py)
            else:
                px, py, zid = self.placer.in_zone(where)
            x, y = "%.6f" % px, "%.6f" % py
            self.zone_of[id] = zid
            if not address:
                address = "quartier %s, 69007 Lyon (illustratif)" % self.placer.by_id[zid]["name"]
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

    def of_kind(self, *kinds):
        return [r["id"] for r in self.rows if r["kind"] in kinds]


def build_actors(rng, placer):
    A = Actors(rng, placer)
    ARRZ = "arrondissement:" + ARR
    QPVZ = "qpv:" + QPV

    # --- dispositifs, working groups, coordinators --------------------------------
    A.add("cpts_lyon7", "CPTS Lyon 7", "cpts", serves=ARRZ,
          themes="accès aux soins|médecin traitant|soins non programmés|parcours|prévention",
          email="cpts@example.org", website="https://example.org/cpts-lyon7")
    A.add("asv_gerland", "Atelier santé ville Cité Jardin – Gerland", "asv", serves=QPVZ,
          themes="inégalités de santé|prévention|alimentation|accès aux soins",
          email="asv@example.org")
    A.add("clsm_lyon7", "Conseil local de santé mentale Lyon 7e", "clsm", serves=ARRZ,
          themes="santé mentale|petite enfance|langage", email="clsm@example.org")
    A.add("gt_enfance_clsm", "Commission enfance petite enfance (CLSM)", "groupe_de_travail",
          serves=ARRZ, themes="langage|petite enfance|santé mentale")
    A.add("gt_adultes_clsm", "Commission adultes et logement (CLSM)", "groupe_de_travail",
          serves=ARRZ, themes="santé mentale|logement")
    A.add("gt_mediation_asv", "GT Médiation santé (ASV)", "groupe_de_travail", serves=QPVZ,
          themes="prévention|alimentation|diabète|obésité|accès aux soins")
    A.add("gt_obesite_cpts", "Groupe prévention obésité diabète (CPTS)", "groupe_de_travail",
          serves=ARRZ, themes="diabète|obésité|alimentation|activité physique|prévention")
    A.add("gt_snp_cpts", "Groupe soins non programmés (CPTS)", "groupe_de_travail",
          serves=ARRZ, themes="soins non programmés|accès aux soins")
    A.add("coord_cpts", "Coordinateur·rice CPTS Lyon 7", "coordinateur", capacity="1.0",
          themes="coordination|prévention", email="coordination.cpts@example.org")
    A.add("coord_asv", "Coordinateur·rice ASV Lyon 7e", "coordinateur", capacity="1.0",
          themes="coordination|inégalités de santé", email="coordination.asv@example.org")
    A.add("coord_clsm", "Coordinateur·rice CLSM Lyon 7e", "coordinateur", capacity="1.0",
          themes="coordination|santé mentale", email="coordination.clsm@example.org")

    # --- institutions (outside the 7e or without fixed place: no x,y) -------------
    A.add("ville_lyon", "Ville de Lyon", "commune", themes="santé publique|petite enfance",
          address="Hôtel de Ville, 69001 Lyon")
    A.add("mairie_7", "Mairie du 7e arrondissement", "commune", where="693870203",
          themes="vie locale", phone=A.phone(), email="mairie7@example.org")
    A.add("elu_sante_7", "Adjoint·e à la santé, mairie du 7e", "elu",
          themes="santé publique|santé mentale")
    A.add("metropole_lyon", "Métropole de Lyon", "epci", themes="solidarités|petite enfance")
    A.add("ars_ara", "ARS Auvergne-Rhône-Alpes", "ars", themes="santé publique")
    A.add("cpam_rhone", "CPAM du Rhône", "cpam", themes="accès aux soins|médecin traitant")
    A.add("prefecture_pdv", "Préfecture du Rhône – politique de la ville", "prefecture",
          themes="politique de la ville")
    A.add("educ_nat_sante", "Éducation nationale – service de santé scolaire (DSDEN du Rhône)",
          "education_nationale", themes="santé scolaire|obésité|langage")
    A.add("ch_vinatier", "CH Le Vinatier", "chs", themes="santé mentale",
          address="Bron (hors 7e)")
    A.add("fondation_arhm", "FONDATION ARHM", "chs", finess="690796727",
          address="290 route de Vienne, 69008 Lyon", themes="santé mentale",
          provenance="réel (SAE 2023)")
    A.add("dac_rhone", "Dispositif d'appui à la coordination (DAC) de la Métropole", "dac",
          themes="parcours|personnes âgées")

    # --- real establishments of the 7e (SAE 2023) ----------------------------------
    for id_, rs, kind, fi, adr, x, y, th in SAE_7E:
        A.add(id_, rs, kind, where=(x, y), themes=th, finess=fi, address=adr,
              provenance="réel (SAE 2023)")

    # --- public and social structures of the arrondissement -------------------------
    A.add("cmp_pedo_7", "CMP pédopsychiatrie Lyon 7e", "cmp_enfants", where="693870402",
          themes="santé mentale|petite enfance|langage", phone=A.phone())
    A.add("pmi_jean_mace", "PMI Jean Macé", "pmi", where="693870402",
          themes="petite enfance|périnatalité|langage", phone=A.phone())
    A.add("pmi_gerland", "PMI Gerland", "pmi", where="693870704",
          themes="petite enfance|périnatalité|langage", phone=A.phone())
    A.add("mdm_lyon7", "Maison de la Métropole Lyon 7e", "maison_des_solidarites",
          where="693870502", themes="action sociale|insertion|petite enfance", phone=A.phone())
    A.add("ccas_lyon7", "CCAS de Lyon – antenne 7e", "ccas", where="693870203",
          themes="action sociale|personnes âgées", phone=A.phone())
    A.add("mission_locale_7", "Mission locale Lyon – antenne 7e/8e", "mission_locale",
          where="693870403", themes="jeunes|insertion|santé mentale", phone=A.phone())
    A.add("cs_gerland", "Centre social de Gerland", "centre_social", where="qpv",
          themes="alimentation|parentalité|lien social", phone=A.phone(),
          email="centre.social@example.org")
    A.add("ecole_cite_jardin", "École élémentaire du quartier Cité Jardin", "ecole", where="qpv",
          themes="alimentation|éducation", phone=A.phone())
    A.add("college_gerland", "Collège de Gerland", "college", where="693870801",
          themes="adolescents|éducation", phone=A.phone())
    A.add("bm_gerland", "Bibliothèque municipale de Gerland", "bibliotheque", where="qpv",
          themes="lecture|langage|lien social", phone=A.phone())
    A.add("bm_jean_mace", "Bibliothèque municipale Jean Macé", "bibliotheque",
          where="693870402", themes="lecture|langage", phone=A.phone())
    for i, zid in enumerate(["693870601", "693870402", "693870703", "693870501"], 1):
        nm = placer.by_id[zid]["name"]
        A.add("creche_%02d" % i, "Crèche municipale %s" % nm, "creche", where=zid,
              themes="petite enfance", phone=A.phone())
    A.add("psy_creches", "Psychologue des crèches municipales (Ville de Lyon)", "psychologue",
          sector="education", capacity="0.8", themes="petite enfance|langage|santé mentale")
    A.add("mediateur_sante", "Médiateur·rice santé Cité Jardin – Gerland", "mediateur_sante",
          where="qpv", capacity="1.0", themes="accès aux soins|prévention|médiation")
    A.add("ts_mdm_1", "Travailleur·se social·e %s (Maison de la Métropole)" % A.surname(),
          "travailleur_social", where="693870502", capacity="1.0", themes="action sociale")
    A.add("ts_mdm_2", "Travailleur·se social·e %s (Maison de la Métropole)" % A.surname(),
          "travailleur_social", where="693870502", capacity="0.8",
          themes="action sociale|petite enfance")
    A.add("pedopsy_cmp", "Dr %s, pédopsychiatre (CMP pédo)" % A.surname(), "psychiatre",
          sector="hospital", capacity="0.6", themes="santé mentale|petite enfance",
          where=(float(A.by_id["cmp_pedo_7"]["x"]), float(A.by_id["cmp_pedo_7"]["y"])))
    A.add("ehpad_7", "EHPAD du 7e (illustratif)", "ehpad", where="693870503",
          themes="personnes âgées", phone=A.phone())
    A.add("ssiad_7", "SSIAD Lyon 7e/8e", "ssiad", where="693870401",
          themes="personnes âgées|soins à domicile", phone=A.phone())
    A.add("esms_handicap_7", "Service d'accompagnement (SAMSAH) Lyon 7e", "esms_handicap",
          where="693870602", themes="handicap|santé mentale", phone=A.phone())

    # --- associations ----------------------------------------------------------------
    A.add("appor", "APPOR – Association de prévention en orthophonie", "association",
          themes="langage|petite enfance|prévention", email="appor@example.org")
    A.add("repppop", "REPPPOP – réseau de prévention et prise en charge de l'obésité pédiatrique",
          "association", themes="obésité|pédiatrie|prévention", email="repppop@example.org")
    A.add("ireps", "Instance régionale d'éducation et de promotion de la santé (IREPS)", "codes",
          themes="promotion de la santé|prévention")
    A.add("planning_familial", "Planning familial du Rhône", "planning_familial",
          themes="santé sexuelle|santé des femmes")
    A.add("mutualite", "Mutualité française (antenne régionale)", "mutuelle",
          themes="prévention|diabète")
    A.add("asso_diabete", "Association de patients diabétiques du Rhône", "association_patients",
          themes="diabète|éducation thérapeutique")
    A.add("asso_familles_sm", "Association de familles de personnes vivant avec un trouble psychique",
          "association", themes="santé mentale|aidants")
    A.add("gem_lyon7", "Groupe d'entraide mutuelle (GEM) Lyon 7e", "association",
          where="693870502", themes="santé mentale|lien social", phone=A.phone())
    A.add("asso_sport_gerland", "Association sport santé Gerland", "association",
          where="693870802", themes="activité physique|prévention", phone=A.phone())
    A.add("epicerie_solidaire", "Épicerie solidaire de Gerland", "association", where="qpv",
          themes="alimentation|précarité", phone=A.phone())
    A.add("bailleur_social", "Bailleur social (cités sociales de Gerland)", "association",
          sector="social", where="qpv", themes="logement")
    A.add("habitants_cite_jardin", "Collectif d'habitants Cité Jardin", "habitants",
          where="qpv", themes="lien social|alimentation|activité physique")

    # --- ambulatory structures -------------------------------------------------------
    A.add("msp_gerland", "MSP de Gerland", "msp", where="693870802",
          themes="médecin traitant|accès aux soins|diabète", phone=A.phone(),
          email="msp@example.org")
    A.add("cds_jean_mace", "Centre de santé Jean Macé", "centre_de_sante", where="693870402",
          themes="accès aux soins|médecin traitant", phone=A.phone())
    for i in range(1, 3):
        A.add("labo_%02d" % i, "Laboratoire de biologie médicale %s" % A.names.pop(),
              "laboratoire", where="any", themes="dépistage", phone=A.phone())
    for i in range(1, 16):
        th = ["médicament", "prévention"]
        th += rng.sample(["vaccination", "dépistage", "diabète", "sevrage tabagique"],
                         rng.randint(0, 2))
        A.add("pharma_%03d" % i, "Pharmacie %s" % A.names.pop(), "pharmacie", where="any",
              themes="|".join(th), phone=A.phone())

    # --- liberal professionals ---------------------------------------------------------
    for kind, n, prefix, label, doctor, base, extra in PROFESSIONALS:
        for i in range(1, n + 1):
            nm = ("Dr " if doctor else "") + A.surname() + ", " + label
            th = list(base)
            if extra and rng.random() < 0.6:
                th.append(rng.choice(extra))
            cap = "%.1f" % rng.choice([0.5, 0.6, 0.7, 0.8, 0.8, 0.9, 1.0, 1.0, 1.0])
            acc = ""
            if kind == "medecin_generaliste":
                acc = "true" if i <= 21 else "false"
            where = "any"
            if kind == "medecin_generaliste" and i in (3, 17, 30):
                where = "693870802"  # GPs of the MSP de Gerland
            A.add("%s_%03d" % (prefix, i), nm, kind, where=where, themes="|".join(th),
                  capacity=cap, accepting=acc, phone=A.phone())
    for i, (spec, th) in enumerate(SPECIALISTS, 1):
        A.add("spe_%03d" % i, "Dr %s, %s" % (A.surname(), spec), "medecin_specialiste",
              where="any", themes=th, capacity="%.1f" % rng.choice([0.5, 0.8, 1.0]),
              phone=A.phone())
    A.add("apa_001", "%s, enseignant·e en activité physique adaptée" % A.surname(),
          "enseignant_apa", where="qpv", capacity="0.5",
          themes="activité physique|obésité|diabète")
    # GP acceptance: shuffle which GPs accept so it does not follow id order
    gps = A.of_kind("medecin_generaliste")
    flags = [A.by_id[g]["accepting"] for g in gps]
    rng.shuffle(flags)
    for g, f in zip(gps, flags):
        A.by_id[g]["accepting"] = f
    return A


# ---------------------------------------------------------------------------
# 3. relations
# ---------------------------------------------------------------------------

REL_COLS = ["source", "target", "kind", "weight", "themes", "since", "until"]


def rand_date(rng, start, end):
    """A random ISO date between two ISO dates (inclusive)."""
    import datetime as dt
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
        key = (s, t, kind)
        if key in self.keys:
            return False
        self.keys.add(key)
        self.rows.append({"source": s, "target": t, "kind": kind, "weight": str(weight),
                          "themes": themes, "since": since, "until": until})
        return True


def dist(a, b):
    ax, ay = float(a["x"]), float(a["y"])
    bx, by = float(b["x"]), float(b["y"])
    return math.hypot((ax - bx) * math.cos(math.radians(45.74)), ay - by)


def build_relations(rng, A):
    R = Relations(A)
    by = A.by_id
    liberal_kinds = ["medecin_generaliste", "infirmier", "masseur_kinesitherapeute",
                     "orthophoniste", "dieteticien", "podologue", "sage_femme", "pediatre",
                     "chirurgien_dentiste", "orthoptiste", "psychomotricien", "ergotherapeute",
                     "medecin_specialiste"]
    liberal = A.of_kind(*liberal_kinds)
    liberal += [a for a in A.of_kind("psychologue", "psychiatre")
                if a not in ("psy_creches", "pedopsy_cmp")]
    # professionals who stay isolated (no relation at all): realistic
    isolated = set(rng.sample([a for a in liberal if a.startswith(("mg_", "ide_", "kine_",
                                                                   "dent_", "psy_0"))], 6))

    # --- membership of the CPTS ---------------------------------------------------------
    members = []
    for a in liberal + A.of_kind("pharmacie", "laboratoire", "msp", "centre_de_sante"):
        if a in isolated:
            continue
        if a.startswith(("ortho_", "diet_", "podo_", "ped_")) or rng.random() < 0.86:
            members.append(a)
    core = ("ortho_", "diet_", "podo_", "ped_")
    ended = set(rng.sample([m for m in members if not m.startswith(core)], 4))
    future = set(rng.sample([m for m in members if m not in ended
                             and not m.startswith(core)], 3))
    for a in members:
        if a in future:
            R.add(a, "cpts_lyon7", "member", since=rand_date(rng, "2024-09-01", "2025-01-31"))
        elif a in ended:
            R.add(a, "cpts_lyon7", "member", since=rand_date(rng, "2021-03-01", "2021-12-31"),
                  until=rand_date(rng, "2023-01-01", "2024-03-31"))
        else:
            R.add(a, "cpts_lyon7", "member", since=rand_date(rng, "2021-03-01", "2023-12-31"))
    active = [m for m in members if m not in ended and m not in future]

    # --- coordinators, working groups -------------------------------------------------
    R.add("coord_cpts", "cpts_lyon7", "member", since="2021-03-01")
    R.add("coord_asv", "asv_gerland", "member", since="2019-01-01")
    R.add("coord_clsm", "clsm_lyon7", "member", since="2020-01-01")
    R.add("gt_enfance_clsm", "clsm_lyon7", "member", since="2020-06-01")
    R.add("gt_adultes_clsm", "clsm_lyon7", "member", since="2020-06-01")
    R.add("gt_mediation_asv", "asv_gerland", "member", since="2019-06-01")
    R.add("gt_obesite_cpts", "cpts_lyon7", "member", since="2022-03-01")
    R.add("gt_snp_cpts", "cpts_lyon7", "member", since="2022-01-15")
    R.add("coord_cpts", "gt_obesite_cpts", "member", since="2022-03-01")
    R.add("coord_cpts", "gt_snp_cpts", "member", since="2022-01-15")
    R.add("coord_clsm", "gt_enfance_clsm", "member", since="2020-06-01")
    R.add("coord_clsm", "gt_adultes_clsm", "member", since="2020-06-01")
    R.add("coord_asv", "gt_mediation_asv", "member", since="2019-06-01")
    # articulation between dispositifs: each coordinator sits in the others' instances
    R.add("coord_asv", "gt_obesite_cpts", "instance", themes="diabète|obésité", since="2022-03-01")
    R.add("coord_cpts", "clsm_lyon7", "instance", since="2021-09-01")
    R.add("coord_cpts", "asv_gerland", "instance", since="2021-09-01")
    R.add("coord_clsm", "cpts_lyon7", "instance", since="2021-09-01")
    R.add("coord_asv", "clsm_lyon7", "instance", since="2020-01-01")
    R.add("coord_clsm", "gt_mediation_asv", "instance", since="2021-01-01",
          until="2023-09-01")

    # CPTS group "prévention obésité diabète": nurses, podiatrists, dietician (+ a GP)
    gt_ob = [a for a in active if a.startswith("ide_")][:3]
    gt_ob += [a for a in active if a.startswith("podo_")][:2]
    gt_ob += ["diet_001"]
    gt_ob += [a for a in active if a.startswith("mg_")][:1]
    for a in gt_ob:
        R.add(a, "gt_obesite_cpts", "member", themes="diabète|obésité",
              since=rand_date(rng, "2022-03-01", "2022-09-01"))
    # a member of the CPTS group sits in the ASV GT Médiation santé
    R.add("diet_001", "gt_mediation_asv", "instance", themes="alimentation|diabète|obésité",
          since="2022-06-01")
    R.add("diet_002", "gt_obesite_cpts", "member", themes="alimentation",
          since="2024-09-01")  # joins after the observation date
    # CPTS group "soins non programmés": GPs
    for a in [g for g in active if g.startswith("mg_")][2:8]:
        R.add(a, "gt_snp_cpts", "member", since=rand_date(rng, "2022-01-15", "2023-06-30"))
    R.add("ch_sjsl", "gt_snp_cpts", "instance", themes="soins non programmés",
          since="2023-03-01")

    # ASV GT Médiation santé
    for a, since in [("mediateur_sante", "2020-09-01"), ("cs_gerland", "2019-06-01"),
                     ("ecole_cite_jardin", "2021-01-01"), ("bm_gerland", "2021-01-01"),
                     ("habitants_cite_jardin", "2019-06-01"), ("mdm_lyon7", "2019-06-01"),
                     ("educ_nat_sante", "2021-09-01"), ("epicerie_solidaire", "2022-01-01"),
                     ("asso_sport_gerland", "2022-01-01"), ("bailleur_social", "2019-06-01")]:
        R.add(a, "gt_mediation_asv", "member", since=since)
    R.add("repppop", "gt_mediation_asv", "instance", themes="obésité", since="2023-01-15")

    # CLSM commission enfance petite enfance
    for a, since in [("pmi_jean_mace", "2020-06-01"), ("pmi_gerland", "2020-06-01"),
                     ("cmp_pedo_7", "2020-06-01"), ("psy_creches", "2020-06-01"),
                     ("ortho_001", "2021-10-01"), ("ortho_002", "2021-10-01"),
                     ("ped_001", "2022-01-01"), ("appor", "2021-10-01"),
                     ("cs_gerland", "2020-06-01"), ("mdm_lyon7", "2020-06-01"),
                     ("bm_jean_mace", "2022-01-01"), ("educ_nat_sante", "2021-01-01"),
                     ("psychomot_001", "2022-01-01")]:
        R.add(a, "gt_enfance_clsm", "member", themes="langage|petite enfance", since=since)
    R.add("coord_cpts", "gt_enfance_clsm", "instance", themes="langage", since="2022-03-01")
    # CLSM commission adultes
    for a, since in [("arhm_cmp_lyon7", "2020-06-01"), ("arhm_cmp_bick", "2020-06-01"),
                     ("bailleur_social", "2020-06-01"), ("gem_lyon7", "2020-06-01"),
                     ("asso_familles_sm", "2020-06-01"), ("ccas_lyon7", "2020-06-01"),
                     ("mission_locale_7", "2021-01-01"), ("esms_handicap_7", "2021-01-01"),
                     ("psychiatre_001", "2022-01-01"), ("ts_mdm_1", "2021-01-01")]:
        R.add(a, "gt_adultes_clsm", "member", themes="santé mentale", since=since)
    # CLSM plenary members
    for a, since in [("fondation_arhm", "2020-01-01"), ("ch_vinatier", "2020-01-01"),
                     ("arhm_cmp_lyon7", "2020-01-01"), ("cmp_pedo_7", "2020-01-01"),
                     ("arhm_cmp_rimbaud", "2020-01-01"), ("mairie_7", "2020-01-01"),
                     ("mdm_lyon7", "2020-01-01"), ("cpts_lyon7", "2021-09-01"),
                     ("asso_familles_sm", "2020-01-01"), ("gem_lyon7", "2020-01-01")]:
        R.add(a, "clsm_lyon7", "member", since=since)
    R.add("elu_sante_7", "clsm_lyon7", "instance", since="2020-07-01")
    R.add("elu_sante_7", "asv_gerland", "instance", since="2020-07-01")
    R.add("ch_vinatier", "clsm_lyon7", "instance", since="2020-01-01")
    R.add("ars_ara", "cpts_lyon7", "instance", since="2021-03-01")
    R.add("cpam_rhone", "cpts_lyon7", "instance", since="2021-03-01")
    R.add("ville_lyon", "asv_gerland", "instance", since="2019-01-01")

    # --- funding ---------------------------------------------------------------------
    for s, t, since in [("ville_lyon", "asv_gerland", "2019-01-01"),
                        ("ars_ara", "asv_gerland", "2019-01-01"),
                        ("metropole_lyon", "asv_gerland", "2019-01-01"),
                        ("prefecture_pdv", "asv_gerland", "2019-01-01"),
                        ("ville_lyon", "clsm_lyon7", "2020-01-01"),
                        ("ars_ara", "clsm_lyon7", "2020-01-01"),
                        ("ch_vinatier", "clsm_lyon7", "2020-01-01"),
                        ("cpam_rhone", "cpts_lyon7", "2021-03-01"),
                        ("ars_ara", "cpts_lyon7", "2021-03-01"),
                        ("cpts_lyon7", "appor", "2022-09-01"),
                        ("ville_lyon", "appor", "2022-09-01"),
                        ("metropole_lyon", "pmi_jean_mace", "2015-01-01"),
                        ("metropole_lyon", "pmi_gerland", "2015-01-01"),
                        ("metropole_lyon", "mdm_lyon7", "2015-01-01"),
                        ("ville_lyon", "cs_gerland", "2015-01-01"),
                        ("ars_ara", "msp_gerland", "2020-01-01"),
                        ("cpam_rhone", "msp_gerland", "2020-01-01")]:
        R.add(s, t, "cofunding", since=since)
    R.add("mutualite", "asv_gerland", "cofunding", themes="diabète", since="2022-01-01",
          until="2023-12-31")
    R.add("ars_ara", "repppop", "cofunding", themes="obésité", since="2018-01-01")
    # staff carried by an institution
    R.add("ville_lyon", "coord_asv", "resource", since="2019-01-01")
    R.add("ch_vinatier", "coord_clsm", "resource", since="2020-01-01")

    # --- "A vos marques, prêts, parlez !" (CLSM / CPTS) ----------------------------------
    LP = "langage|petite enfance"
    R.add("appor", "pmi_jean_mace", "training", weight=2, themes=LP, since="2022-09-01")
    R.add("appor", "pmi_gerland", "training", weight=2, themes=LP, since="2022-09-01")
    R.add("appor", "ortho_001", "training", themes=LP, since="2022-09-01")
    R.add("appor", "ortho_002", "training", themes=LP, since="2022-09-01")
    R.add("appor", "ortho_003", "training", themes=LP, since="2024-09-15")  # planned extension
    R.add("appor", "psy_creches", "training", themes=LP, since="2024-09-15")
    for a in ["pmi_jean_mace", "pmi_gerland", "ortho_001", "ortho_002", "cmp_pedo_7",
              "psy_creches"]:
        R.add(a, "appor", "referral", weight=rng.choice([1, 2, 3]), themes=LP,
              since="2022-09-01")
    for a in ["appor", "pmi_jean_mace", "pmi_gerland"]:
        R.add(a, "pedopsy_cmp", "referral", themes=LP, since="2022-10-01")
    R.add("pedopsy_cmp", "cmp_pedo_7", "member", since="2016-09-01")
    R.add("psy_creches", "ville_lyon", "member", since="2017-01-01")
    for c in A.of_kind("creche"):
        R.add(c, "ville_lyon", "member", since="2010-01-01")
        R.add("psy_creches", c, "resource", themes="petite enfance", since="2017-01-01")
        R.add(c, "psy_creches", "referral", themes=LP, since="2022-09-01")
    R.add("cs_gerland", "clsm_lyon7", "resource", themes=LP, since="2022-09-01")
    R.add("bm_jean_mace", "clsm_lyon7", "resource", themes=LP, since="2023-01-01")
    R.add("mairie_7", "clsm_lyon7", "resource", since="2020-01-01")

    # --- "Prévention de l'obésité et du diabète" (ASV / CPTS) ---------------------------
    DO = "diabète|obésité|alimentation"
    for a, th in [("cs_gerland", "alimentation"), ("ecole_cite_jardin", "alimentation"),
                  ("bm_gerland", "alimentation")]:
        R.add(a, "asv_gerland", "resource", themes=th, since="2022-09-01")
        R.add(a, "cpts_lyon7", "resource", themes=th, since="2022-09-01")
    R.add("repppop", "cpts_lyon7", "partner", themes="obésité", since="2023-01-15")
    R.add("repppop", "asv_gerland", "partner", themes="obésité", since="2023-01-15")
    R.add("cpts_lyon7", "asv_gerland", "partner", themes=DO, since="2022-09-01")
    R.add("cpts_lyon7", "clsm_lyon7", "partner", themes=LP, since="2022-09-01")
    R.add("asv_gerland", "clsm_lyon7", "partner", themes="santé mentale", since="2020-01-01")
    R.add("educ_nat_sante", "asv_gerland", "partner", themes="obésité", since="2021-09-01")
    R.add("asso_sport_gerland", "asv_gerland", "partner", themes="activité physique",
          since="2021-10-01")
    R.add("apa_001", "asv_gerland", "partner", themes="activité physique", since="2022-09-01")
    R.add("asso_diabete", "asv_gerland", "partner", themes="diabète", since="2023-05-01")
    R.add("asso_diabete", "cpts_lyon7", "partner", themes="diabète", since="2024-10-01")
    R.add("epicerie_solidaire", "asv_gerland", "partner", themes="alimentation",
          since="2022-01-01")
    R.add("habitants_cite_jardin", "asv_gerland", "partner", since="2019-06-01",
          until="2023-06-30")
    R.add("mediateur_sante", "asv_gerland", "member", since="2020-09-01")
    R.add("ireps", "mediateur_sante", "training", themes="promotion de la santé",
          since="2021-03-01")
    R.add("ireps", "cs_gerland", "training", themes="alimentation", since="2022-03-01",
          until="2022-12-31")
    R.add("planning_familial", "asv_gerland", "partner", themes="santé sexuelle",
          since="2020-01-01")
    # REPPPOP webinar for doctors
    docs = [a for a in active if a.startswith(("mg_", "ped_"))]
    for a in rng.sample(docs, 8):
        R.add("repppop", a, "training", themes="obésité", since="2023-03-21")
    # professionals of the CPTS who animate the workshops (partner of the ASV)
    for a in rng.sample([a for a in active if a.startswith(("ide_", "podo_", "diet_",
                                                            "pharma_", "mg_"))], 8):
        R.add(a, "asv_gerland", "partner", themes="diabète|prévention",
              since=rand_date(rng, "2022-09-01", "2023-09-30"))

    # --- other partnerships -------------------------------------------------------------
    R.add("ch_sjsl", "cpts_lyon7", "partner", themes="soins non programmés",
          since="2023-03-01")
    R.add("clin_lilas_bleus", "cpts_lyon7", "partner", themes="parcours",
          since="2022-01-01", until="2023-12-31")
    R.add("dac_rhone", "cpts_lyon7", "partner", themes="parcours", since="2022-06-01")
    R.add("ssiad_7", "cpts_lyon7", "partner", themes="soins à domicile", since="2022-06-01")
    R.add("ehpad_7", "cpts_lyon7", "partner", themes="personnes âgées", since="2023-01-01")
    R.add("arhm_upul", "ch_sjsl", "partner", themes="santé mentale|urgences",
          since="2015-01-01")
    R.add("mission_locale_7", "clsm_lyon7", "partner", themes="jeunes|santé mentale",
          since="2021-01-01")
    R.add("cpam_rhone", "asv_gerland", "partner", themes="accès aux soins",
          since="2021-01-01")
    for s in ["arhm_upul", "arhm_hdj_gerland", "arhm_cmp_bick", "arhm_cmp_rimbaud",
              "arhm_cmp_lyon7"]:
        R.add(s, "fondation_arhm", "member", since="2015-01-01")  # FI_EJ in the SAE
    R.add("addipsy_clea", "addipsy", "member", since="2020-01-01")  # FI_EJ in the SAE
    # GPs of the MSP and of the centre de santé
    for g in ["mg_003", "mg_017", "mg_030"]:
        R.add(g, "msp_gerland", "member", since="2019-01-01")
    for a in ["ide_004", "kine_005", "diet_003"]:
        R.add(a, "msp_gerland", "member", since=rand_date(rng, "2019-01-01", "2022-12-31"))
    for g in ["mg_010", "mg_025"]:
        R.add(g, "cds_jean_mace", "member", since="2020-09-01")
    R.add("mg_011", "cds_jean_mace", "member", since="2024-11-04")

    # --- referrals between professionals (nearest colleagues, some randomness) -------
    located = lambda a: by[a]["x"] != ""
    pool = {k: [a for a in A.of_kind(k) if a not in isolated and located(a)] for k in
            ["infirmier", "masseur_kinesitherapeute", "psychologue", "chirurgien_dentiste",
             "dieteticien", "podologue", "sage_femme", "orthophoniste", "pediatre",
             "medecin_specialiste", "psychiatre", "orthoptiste", "psychomotricien",
             "pharmacie", "laboratoire"]}
    pool["psychiatre"] = [a for a in pool["psychiatre"] if a != "pedopsy_cmp"]

    def nearest(src, kind, k=3):
        cands = sorted(pool[kind], key=lambda t: (dist(by[src], by[t]), t))[:k]
        return rng.choice(cands) if cands else None

    gp_targets = ["infirmier", "infirmier", "masseur_kinesitherapeute", "psychologue",
                  "chirurgien_dentiste", "dieteticien", "podologue", "medecin_specialiste",
                  "sage_femme", "laboratoire", "orthophoniste", "psychiatre"]
    for g in A.of_kind("medecin_generaliste"):
        if g in isolated:
            continue
        for kind in rng.sample(gp_targets, rng.randint(2, 4)):
            t = nearest(g, kind)
            if t:
                R.add(g, t, "referral", weight=rng.choice([1, 1, 2, 3]),
                      since=rand_date(rng, "2018-01-01", "2023-12-31"))
        if rng.random() < 0.3:
            R.add(g, "arhm_cmp_lyon7", "referral", themes="santé mentale",
                  since=rand_date(rng, "2018-01-01", "2023-12-31"))
    for p in A.of_kind("pediatre"):
        for kind in ["orthophoniste", "psychomotricien", "orthoptiste", "dieteticien"]:
            t = nearest(p, kind)
            if t:
                R.add(p, t, "referral", themes="petite enfance", weight=rng.choice([1, 2]),
                      since=rand_date(rng, "2019-01-01", "2023-06-30"))
        R.add(p, "cmp_pedo_7", "referral", themes="santé mentale|petite enfance",
              since=rand_date(rng, "2019-01-01", "2023-06-30"))
    R.add("ped_001", "repppop", "referral", themes="obésité", since="2023-04-01")
    R.add("ped_002", "repppop", "referral", themes="obésité", since="2023-06-01")
    for sf in A.of_kind("sage_femme"):
        if sf in isolated:
            continue
        R.add(sf, rng.choice(["pmi_jean_mace", "pmi_gerland"]), "referral",
              themes="périnatalité", since=rand_date(rng, "2019-01-01", "2023-06-30"))
    for ph in A.of_kind("pharmacie"):
        gps = sorted([g for g in A.of_kind("medecin_generaliste")
                      if g not in isolated and by[g]["accepting"] == "true"],
                     key=lambda t: (dist(by[ph], by[t]), t))[:2]
        for g in gps:
            R.add(ph, g, "referral", themes="médecin traitant",
                  since=rand_date(rng, "2021-06-01", "2023-12-31"))
    for a in ["ide_001", "ide_002", "podo_001", "podo_002"]:
        R.add(a, "diet_001", "referral", themes="diabète", since="2022-10-01")
    R.add("mediateur_sante", "cds_jean_mace", "referral", themes="accès aux soins",
          since="2021-01-01")
    R.add("mediateur_sante", "msp_gerland", "referral", themes="accès aux soins",
          since="2021-01-01")
    R.add("mediateur_sante", "cpam_rhone", "referral", themes="accès aux soins",
          since="2021-01-01")
    R.add("ts_mdm_1", "arhm_cmp_lyon7", "referral", themes="santé mentale", since="2020-01-01")
    R.add("ts_mdm_2", "pmi_gerland", "referral", themes="petite enfance", since="2020-01-01")
    R.add("mission_locale_7", "arhm_cmp_rimbaud", "referral", themes="santé mentale",
          since="2021-06-01")
    R.add("college_gerland", "arhm_cmp_rimbaud", "referral", themes="adolescents",
          since="2021-09-01")
    R.add("arhm_upul", "arhm_cmp_lyon7", "referral", themes="santé mentale", since="2015-01-01")
    R.add("ts_mdm_1", "mdm_lyon7", "member", since="2016-01-01")
    R.add("ts_mdm_2", "mdm_lyon7", "member", since="2018-01-01")

    # --- shared practices (partner) among nearby professionals -------------------------
    for kind in ["infirmier", "masseur_kinesitherapeute", "chirurgien_dentiste", "psychologue"]:
        ps = [a for a in A.of_kind(kind) if a not in isolated and located(a)]
        rng.shuffle(ps)
        for a in ps[: len(ps) // 2]:
            others = sorted([b for b in ps if b != a], key=lambda t: (dist(by[a], by[t]), t))
            b = others[0]
            if (b, a, "partner") not in R.keys:
                R.add(a, b, "partner", since=rand_date(rng, "2016-01-01", "2023-12-31"))

    # --- communication relays ----------------------------------------------------------
    for s, t, since in [("cpts_lyon7", "asv_gerland", "2021-09-01"),
                        ("asv_gerland", "cpts_lyon7", "2021-09-01"),
                        ("clsm_lyon7", "cpts_lyon7", "2021-09-01"),
                        ("cpts_lyon7", "clsm_lyon7", "2021-09-01"),
                        ("asv_gerland", "clsm_lyon7", "2020-01-01"),
                        ("clsm_lyon7", "asv_gerland", "2020-01-01"),
                        ("mairie_7", "cpts_lyon7", "2022-01-01"),
                        ("mairie_7", "asv_gerland", "2019-01-01"),
                        ("cs_gerland", "habitants_cite_jardin", "2019-01-01"),
                        ("bm_gerland", "habitants_cite_jardin", "2021-01-01"),
                        ("asv_gerland", "cs_gerland", "2019-01-01"),
                        ("asv_gerland", "ecole_cite_jardin", "2021-01-01"),
                        ("asv_gerland", "bailleur_social", "2019-01-01"),
                        ("clsm_lyon7", "mission_locale_7", "2021-01-01"),
                        ("clsm_lyon7", "college_gerland", "2022-01-01"),
                        ("clsm_lyon7", "bm_jean_mace", "2022-01-01"),
                        ("ars_ara", "cpts_lyon7", "2021-03-01"),
                        ("cpam_rhone", "cpts_lyon7", "2021-03-01"),
                        ("educ_nat_sante", "ecole_cite_jardin", "2018-09-01"),
                        ("mediateur_sante", "habitants_cite_jardin", "2020-09-01"),
                        ("ireps", "asv_gerland", "2020-01-01")]:
        R.add(s, t, "communication", since=since)
    # CPTS newsletter relayed by pharmacies to the public (some from autumn 2024)
    for ph in rng.sample(A.of_kind("pharmacie"), 6):
        R.add(ph, "asv_gerland", "communication", themes="diabète",
              since=rng.choice(["2023-11-01", "2024-10-15"]))
    R.add("cpts_lyon7", "coord_asv", "communication", since="2021-09-01", until="2022-09-01")
    return R, isolated


# ---------------------------------------------------------------------------
# 4. actions and needs
# ---------------------------------------------------------------------------

ACTION_COLS = ["id", "name", "themes", "lead", "partners", "funders", "zones", "start", "end"]
NEED_COLS = ["zone", "theme", "level", "source"]


def build_actions(rng, A, R, isolated):
    by = A.by_id
    ARRZ = "arrondissement:" + ARR
    QPVZ = "qpv:" + QPV
    active_members = sorted(r["source"] for r in R.rows
                            if r["target"] == "cpts_lyon7" and r["kind"] == "member"
                            and r["since"] <= OBS_DATE and not r["until"]
                            and by[r["source"]]["kind"] not in ("coordinateur",
                                                                "groupe_de_travail"))
    gt_ob = sorted(r["source"] for r in R.rows
                   if r["target"] == "gt_obesite_cpts" and r["kind"] == "member"
                   and by[r["source"]]["kind"] not in ("coordinateur",))
    walkers = rng.sample([a for a in active_members if a.startswith(("ide_", "kine_", "mg_",
                                                                      "diet_", "podo_"))], 5)
    accepting = [a for a in active_members if by[a].get("accepting") == "true"]
    snp = sorted(r["source"] for r in R.rows if r["target"] == "gt_snp_cpts"
                 and r["kind"] == "member" and r["source"].startswith("mg_"))
    pharmas = [a for a in active_members if a.startswith("pharma_")]
    J = "|".join
    rows = [
        ["avmpp", "A vos marques, prêts, parlez !", "langage|petite enfance",
         J(["clsm_lyon7", "cpts_lyon7"]),
         J(["appor", "pmi_jean_mace", "pmi_gerland", "ortho_001", "ortho_002", "cmp_pedo_7",
            "pedopsy_cmp", "psy_creches", "coord_clsm", "coord_cpts"]),
         J(["cpts_lyon7", "ville_lyon"]), ARRZ, "2022-09-01", ""],
        ["prev_obesite_diabete", "Prévention de l'obésité et du diabète",
         "diabète|obésité|alimentation|activité physique", J(["cpts_lyon7", "asv_gerland"]),
         J(["ecole_cite_jardin", "cs_gerland", "bm_gerland", "repppop", "gt_obesite_cpts",
            "gt_mediation_asv", "coord_asv"] + gt_ob),
         J(["cpts_lyon7", "ars_ara"]), QPVZ, "2022-09-01", ""],
        ["balades_sante", "Balades santé du mardi matin", "activité physique|lien social|prévention",
         "asv_gerland",
         J(["mediateur_sante", "cs_gerland", "habitants_cite_jardin", "asso_sport_gerland",
            "apa_001", "cpts_lyon7"] + sorted(walkers)),
         "ville_lyon", QPVZ, "2021-10-05", ""],
        ["place_a_ma_sante", "Place à ma santé – stand dépistage et prévention diabète",
         "diabète|dépistage|prévention", "asv_gerland",
         J(["cpts_lyon7", "asso_diabete", "mediateur_sante", "cs_gerland"]
           + sorted(rng.sample(pharmas, 2)) + [a for a in gt_ob if a.startswith("ide_")][:2]),
         J(["ville_lyon", "mutualite"]), J([QPVZ, "iris:" + CITE_JARDIN]),
         "2023-06-10", "2023-06-10"],
        ["jmd_2024", "Journée mondiale du diabète à Lyon 7", "diabète|prévention|dépistage",
         J(["cpts_lyon7", "asv_gerland"]),
         J(["asso_diabete", "bm_gerland", "cs_gerland", "diet_001", "diet_002", "podo_001",
            "spe_001"] + sorted(rng.sample(pharmas, 3))),
         "cpts_lyon7", J([ARRZ, QPVZ]), "2024-11-14", "2024-11-14"],
        ["webinaire_repppop", "Webinaire obésité pédiatrique pour les médecins",
         "obésité|pédiatrie", J(["repppop", "cpts_lyon7"]),
         J(["asv_gerland", "ped_001", "ped_002"]), "", ARRZ, "2023-03-21", "2023-03-21"],
        ["acces_mt", "Accès à un médecin traitant pour les patients sans médecin",
         "accès aux soins|médecin traitant", "cpts_lyon7",
         J(["cpam_rhone", "mediateur_sante", "msp_gerland", "cds_jean_mace"]
           + sorted(rng.sample(accepting, 6))),
         J(["cpam_rhone", "ars_ara"]), ARRZ, "2022-01-01", ""],
        ["snp_lyon7", "Organisation des soins non programmés", "soins non programmés|accès aux soins",
         "cpts_lyon7", J(["ch_sjsl", "gt_snp_cpts"] + snp), J(["cpam_rhone", "ars_ara"]),
         ARRZ, "2023-03-01", ""],
        ["sism_2023", "Semaines d'information sur la santé mentale 2023 à Lyon 7",
         "santé mentale", "clsm_lyon7",
         J(["bm_jean_mace", "arhm_cmp_lyon7", "gem_lyon7", "asso_familles_sm",
            "mission_locale_7", "cs_gerland", "mairie_7"]),
         "ville_lyon", ARRZ, "2023-10-09", "2023-10-22"],
        ["ateliers_cuisine_2021", "Ateliers cuisine et dégustation (première édition)",
         "alimentation", "asv_gerland", J(["cs_gerland", "epicerie_solidaire", "habitants_cite_jardin"]),
         "mutualite", QPVZ, "2021-03-01", "2021-12-31"],
    ]
    for r in rows:
        for col in (3, 4, 5):
            for a in filter(None, r[col].split("|")):
                assert a in by, a
    return rows


def build_needs(zones):
    by_name = {z["name"]: z["id"] for z in zones}
    ARRZ = "arrondissement:" + ARR
    QPVZ = "qpv:" + QPV
    needs = [[ARRZ, "langage", "3", "CLSM commission enfance"]]
    for nm in ["Cite-Jardin", "Saint-Michel", "Tony Garnier", "Jean-Jaurès Nord"]:
        needs.append(["iris:" + by_name[nm], "langage", "3", "CLSM commission enfance"])
    needs += [
        [QPVZ, "diabète", "3", "ASV diagnostic"],
        [QPVZ, "obésité", "3", "ASV diagnostic"],
        [QPVZ, "alimentation", "2", "ASV diagnostic"],
        [QPVZ, "accès aux soins", "3", "ASV diagnostic"],
        ["iris:" + by_name["Cite-Jardin"], "obésité", "2", "Service de santé scolaire"],
        [ARRZ, "accès aux soins", "2", "CPTS diagnostic"],
        [ARRZ, "médecin traitant", "3", "CPTS diagnostic"],
        ["iris:" + by_name["Tony Garnier"], "médecin traitant", "3", "CPTS diagnostic"],
        ["iris:" + by_name["Marcel Merieux"], "médecin traitant", "2", "CPTS diagnostic"],
        [ARRZ, "soins non programmés", "2", "CPTS diagnostic"],
        [ARRZ, "santé mentale", "2", "CLSM diagnostic"],
        ["iris:" + by_name["Saint-Michel"], "santé mentale", "3", "CLSM diagnostic"],
        ["iris:" + by_name["Cite-Jardin"], "santé mentale", "2", "CLSM diagnostic"],
        ["iris:" + by_name["Saint-Michel"], "addictions", "2", "Diagnostic local (illustratif)"],
        ["iris:" + by_name["Tony Garnier"], "addictions", "2", "Diagnostic local (illustratif)"],
        [ARRZ, "personnes âgées", "1", "CPTS diagnostic"],
    ]
    return needs


# ---------------------------------------------------------------------------
# 5. output
# ---------------------------------------------------------------------------

def csv_text(cols, rows):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(cols)
    for r in rows:
        w.writerow([r[c] for c in cols] if isinstance(r, dict) else r)
    return buf.getvalue()


def build():
    rng = random.Random(7)
    zones, qpv_geom = load_zones()
    placer = Placer(rng, zones, qpv_geom)
    A = build_actors(rng, placer)
    R, isolated = build_relations(rng, A)
    actions = build_actions(rng, A, R, isolated)
    needs = build_needs(zones)
    return {
        "actors.csv": csv_text(ACTOR_COLS, A.rows),
        "relations.csv": csv_text(REL_COLS, R.rows),
        "actions.csv": csv_text(ACTION_COLS, actions),
        "needs.csv": csv_text(NEED_COLS, needs),
    }


def main(argv):
    if len(argv) >= 2 and argv[0] == "--from-sources":
        extract_zones(argv[1])
        argv = argv[2:]
    check = "--check" in argv
    out = build()
    bad = []
    for name, text in out.items():
        path = os.path.join(HERE, name)
        if check:
            with open(path, encoding="utf-8", newline="") as f:
                if f.read() != text:
                    bad.append(name)
        else:
            with open(path, "w", encoding="utf-8", newline="") as f:
                f.write(text)
    if bad:
        print("differs from the committed file: " + ", ".join(bad))
        return 1
    for name, text in out.items():
        print("%-14s %4d rows" % (name, text.count("\n") - 1))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
