"""Writes the import test fixtures, in the real layouts of the national files.

Run from the repository root: ``.venv/bin/python tests/import/make_fixtures.py``.
Needs pyproj (Lambert-93 coordinates). See tests/import/README.md for what is real and
what is illustrative in each file.
"""

import csv
import io
import json
from pathlib import Path

from pyproj import Transformer

ROOT = Path(__file__).resolve().parents[2]
HERE = ROOT / "tests" / "import"
SOURCES = ROOT / "data" / "cevennes" / "sources"
TO_L93 = Transformer.from_crs(4326, 2154, always_xy=True)


def centroids():
    """Centre of the bounding box of each Cévennes commune outline (real outlines)."""
    out = {}
    for f in json.loads((SOURCES / "communes_cevennes_candidats_15km.geojson").read_text())["features"]:
        ring = f["geometry"]["coordinates"][0]
        xs = [p[0] for p in ring]
        ys = [p[1] for p in ring]
        out[f["properties"]["code"]] = ((min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2)
    return out


C = centroids()


def l93(commune, dx=0.0, dy=0.0):
    lon, lat = C[commune]
    x, y = TO_L93.transform(lon + dx, lat + dy)
    return f"{x:.1f}", f"{y:.1f}"


# ---------------------------------------------------------------- FINESS
def structureet(no, ej, rs, rslongue, numvoie, typvoie, voie, commune3, dep, libdep,
                acheminement, tel, cat, libcat, agr, libagr, siret="", ape="", mft="",
                libmft="", sph="", libsph="", ouv="", autor="", maj="2024-01-05"):
    fields = ["structureet", no, ej, rs, rslongue, "", "", numvoie, typvoie, voie, "", "",
              commune3, dep, libdep, acheminement, tel, "", cat, libcat, agr, libagr, siret,
              ape, mft, libmft, sph, libsph, ouv, autor, maj, ""]
    assert len(fields) == 32, len(fields)
    return ";".join(fields)


def geoloc(no, x, y, source="1,ATLASANTE,100,IGN,BD_ADRESSE,V2.2,LAMBERT_93", maj="2024-01-05"):
    return ";".join(["geolocalisation", no, x, y, source, maj])


def finess_rows(year):
    s, g = [], []
    # Real rows (published etalab example): CH de Fleyriat, Viriat; Polyclinique, Les Abymes.
    s.append(structureet("010000024", "010780054", "CH DE FLEYRIAT",
                         "CENTRE HOSPITALIER DE BOURG-EN-BRESSE FLEYRIAT", "900", "RTE", "DE PARIS",
                         "451", "01", "AIN", "01440 VIRIAT", "0474454647", "355",
                         "Centre Hospitalier (C.H.)", "1102", "Centres Hospitaliers",
                         "26010004500012", "8610Z", "03", "ARS", "1", "Etablissement public de santé",
                         "1979-02-13", "1979-02-13", "2020-02-04"))
    g.append(geoloc("010000024", "870262.2", "6571540.8",
                    "1,ATLASANTE,96,BAN,EPSG:2154 RGF93 / Lambert-93 (Métropole)"))
    s.append(structureet("970100012", "970100103", "POLYCLINIQUE DE LA GUADELOUPE",
                         "POLYCLINIQUE DE GUADELOUPE", "", "", "MORNE JOLIVIERE", "101", "9A",
                         "GUADELOUPE", "97139 LES ABYMES", "0590821963", "365",
                         "Etablissement de Soins Pluridisciplinaire", "1110",
                         "Etablissements de Soins de Courte Durée", "31328539700011", "8610Z"))
    g.append(geoloc("970100012", "657242.9", "1795384.4",
                    "2,ATLASANTE,96,BAN,EPSG:5490 RGAF09/UTM Zone 20N (Antilles)"))
    # Real FINESS numbers, names and addresses of the SAE 2023 (data/cevennes/sources);
    # categories of the sites as FINESS files them; coordinates illustrative (near the
    # commune's centre).
    cev = [
        ("300016862", "300780103", "CMP ADULTES ANDUZE", "CENTRE MÉDICO-PSYCHOLOGIQUE ADULTES ANDUZE",
         "79", "CHE", "DE LA FIGUIERE", "010", "30140 ANDUZE", "156", "Centre Médico-Psychologique (C.M.P.)", "30010"),
        ("300016870", "300780103", "CMP ADULTES ST HIPPOLYTE DU FORT", "",
         "59B", "ART", "DE GANGES", "263", "30170 ST HIPPOLYTE DU FORT", "156", "Centre Médico-Psychologique (C.M.P.)", "30263"),
        ("300780251", "300000189", "CL NEURO PSYCHIATRIQUE QUISSAC", "CLINIQUE NEURO-PSYCHIATRIQUE DE QUISSAC",
         "", "DOM", "DU CROS", "210", "30260 QUISSAC", "161", "Maison de Santé pour Maladies Mentales", "30210"),
        ("300781440", "300000700", "CTRE SSR DOMAINE DU CROS QUISSAC", "",
         "", "DOM", "DU CROS", "210", "30260 QUISSAC", "109", "Etablissement de santé privé autorisé en SSR", "30210"),
    ]
    for i, (no, ej, rs, rsl, num, typ, voie, com3, ach, cat, lib, insee) in enumerate(cev):
        s.append(structureet(no, ej, rs, rsl, num, typ, voie, com3, "30", "GARD", ach, "", cat, lib,
                             "1200", "Etablissements de lutte contre les maladies mentales"))
        g.append(geoloc(no, *l93(insee, 0.002 * i, 0.001 * i)))
    # Illustrative establishments (invented numbers 3099900NN, invented names) in the
    # three MSP communes, to exercise the categories the SAE lacks.
    ill = [
        ("309990011", "MSP DE SAINT JEAN DU GARD", "603", "Maison de santé (L.6223-3)", "269", "30270 ST JEAN DU GARD", "30269"),
        ("309990029", "MSP DE LASALLE", "603", "Maison de santé (L.6223-3)", "140", "30460 LASALLE", "30140"),
        ("309990037", "MSP DE SAUVE", "603", "Maison de santé (L.6223-3)", "311", "30610 SAUVE", "30311"),
        ("309990045", "PHARMACIE EXEMPLE DU GARDON", "620", "Pharmacie d'Officine", "269", "30270 ST JEAN DU GARD", "30269"),
        ("309990052", "PHARMACIE EXEMPLE DE LASALLE", "620", "Pharmacie d'Officine", "140", "30460 LASALLE", "30140"),
        ("309990060", "PHARMACIE EXEMPLE DE SAUVE", "620", "Pharmacie d'Officine", "311", "30610 SAUVE", "30311"),
        ("309990078", "CENTRE DE PMI EXEMPLE", "223", "Protection Maternelle et Infantile (P.M.I.)", "269", "30270 ST JEAN DU GARD", "30269"),
        ("309990086", "EHPAD EXEMPLE LES CHÂTAIGNIERS", "500", "Etablissement d'hébergement pour personnes âgées dépendantes", "269", "30270 ST JEAN DU GARD", "30269"),
        ("309990094", "SSIAD EXEMPLE DES VALLEES", "354", "Service de Soins Infirmiers A Domicile", "140", "30460 LASALLE", "30140"),
        ("309990102", "RESIDENCE AUTONOMIE EXEMPLE", "202", "Résidence autonomie", "311", "30610 SAUVE", "30311"),
        ("309990110", "SERVICE AUTONOMIE EXEMPLE", "460", "Service autonomie aide", "269", "30270 ST JEAN DU GARD", "30269"),
        ("309990128", "GCS EXEMPLE", "697", "Groupement de coopération sanitaire de moyens", "269", "30270 ST JEAN DU GARD", "30269"),
        ("309990136", "LABORATOIRE EXEMPLE", "611", "Laboratoire de Biologie Médicale", "311", "30610 SAUVE", "30311"),
    ]
    for i, (no, rs, cat, lib, com3, ach, insee) in enumerate(ill):
        if year == 2026 and no == "309990052":
            continue  # closed in the later file
        if year == 2026 and no == "309990045":
            rs = "PHARMACIE EXEMPLE DU GARDON ET DES CEVENNES"  # renamed
        s.append(structureet(no, no[:8] + "X", rs, "", str(10 + i), "RUE", "EXEMPLE", com3, "30", "GARD",
                             ach, "", cat, lib, "", ""))
        if no != "309990078":  # the PMI has no geolocalisation row
            g.append(geoloc(no, *l93(insee, 0.001 * (i % 4) - 0.0015, 0.001 * (i % 3) - 0.001)))
    if year == 2026:
        s.append(structureet("309990144", "30999014X", "CENTRE DE SANTE EXEMPLE", "", "3", "PL", "DE LA MAIRIE",
                             "140", "30", "GARD", "30460 LASALLE", "", "124", "Centre de Santé", "", ""))
        g.append(geoloc("309990144", *l93("30140", 0.0005, 0.0005)))
    # A commune outside the territory (Alès).
    s.append(structureet("300780038", "300780038", "CH ALES CEVENNES", "CENTRE HOSPITALIER ALES CEVENNES",
                         "811", "AV", "DR JEAN GOUBERT", "007", "30", "GARD", "30100 ALES", "", "355",
                         "Centre Hospitalier (C.H.)", "1102", "Centres Hospitaliers"))
    g.append(geoloc("300780038", "783000.0", "6337000.0"))
    date = "2025-01-15" if year == 2025 else "2026-01-14"
    lines = [f"finess;etalab;98;{date}"] + s + g
    return "\r\n".join(lines) + "\r\n"


def write_finess():
    d = HERE / "finess"
    d.mkdir(parents=True, exist_ok=True)
    (d / "etalab-cs1100507-stock-extrait.csv").write_bytes(finess_rows(2025).encode("cp1252"))
    (d / "etalab-cs1100507-stock-extrait-2026.csv").write_bytes(finess_rows(2026).encode("cp1252"))


# ---------------------------------------------------------------- RPPS
RPPS_HEADER = ("Type d'identifiant PP|Identifiant PP|Identification nationale PP|Code civilité d'exercice|"
               "Libellé civilité d'exercice|Code civilité|Libellé civilité|Nom d'exercice|Prénom d'exercice|"
               "Code profession|Libellé profession|Code catégorie professionnelle|Libellé catégorie professionnelle|"
               "Code type savoir-faire|Libellé type savoir-faire|Code savoir-faire|Libellé savoir-faire|"
               "Code mode exercice|Libellé mode exercice|Numéro SIRET site|Numéro SIREN site|Numéro FINESS site|"
               "Numéro FINESS établissement juridique|Identifiant technique de la structure|Raison sociale site|"
               "Enseigne commerciale site|Complément destinataire (coord. structure)|"
               "Complément point géographique (coord. structure)|Numéro Voie (coord. structure)|"
               "Indice répétition voie (coord. structure)|Code type de voie (coord. structure)|"
               "Libellé type de voie (coord. structure)|Libellé Voie (coord. structure)|"
               "Mention distribution (coord. structure)|Bureau cedex (coord. structure)|"
               "Code postal (coord. structure)|Code commune (coord. structure)|Libellé commune (coord. structure)|"
               "Code pays (coord. structure)|Libellé pays (coord. structure)|Téléphone (coord. structure)|"
               "Téléphone 2 (coord. structure)|Télécopie (coord. structure)|Adresse e-mail (coord. structure)|"
               "Code Département (structure)|Libellé Département (structure)|Ancien identifiant de la structure|"
               "Autorité d'enregistrement|Code secteur d'activité|Libellé secteur d'activité|"
               "Code section tableau pharmaciens|Libellé section tableau pharmaciens|")
PROF = {"10": "Médecin", "60": "Infirmier", "70": "Masseur-Kinésithérapeute", "21": "Pharmacien",
        "91": "Orthophoniste", "50": "Sage-Femme", "40": "Chirurgien-Dentiste", "26": "Audioprothésiste",
        "93": "Psychologue", "99": "Profession sans table"}
SF = {"SM54": "Médecine générale", "SM42": "Psychiatrie", "SM40": "Pédiatrie", "SM04": "Cardiologie et maladies vasculaires"}
COMMUNES = {"30269": ("30270", "Saint-Jean-du-Gard"), "30140": ("30460", "Lasalle"),
            "30311": ("30610", "Sauve"), "30007": ("30100", "Alès"), "30010": ("30140", "Anduze")}


def rpps_row(n, last, first, prof, commune, sf="", mode="L", finess="", site=""):
    ident = f"1010{n:07d}"
    cp, lib = COMMUNES[commune]
    fields = ["8", ident, "8" + ident, "DR" if prof == "10" else "", "Docteur" if prof == "10" else "",
              "M", "Monsieur", last, first, prof, PROF[prof], "C", "Civil",
              "S" if sf else "", "Spécialité ordinale" if sf else "", sf, SF.get(sf, ""),
              mode, {"L": "Libéral", "S": "Salarié"}[mode], "", "", finess, "", f"R{n:010d}", site, "", "",
              "", "1", "", "R", "Rue", "EXEMPLE", "", f"{cp} {lib.upper()}", cp, commune, lib, "99000",
              "France", "", "", "", "", "30", "Gard", "", "ARS/ARS/ARS", "SA07", "Cabinet individuel", "", "", ""]
    assert len(fields) == len(RPPS_HEADER.split("|")), (len(fields), len(RPPS_HEADER.split("|")))
    return "|".join(fields)


def write_rpps():
    d = HERE / "rpps"
    d.mkdir(parents=True, exist_ok=True)
    rows = [RPPS_HEADER]
    n = 0
    people = [  # illustrative names
        ("ARNAUD", "CLAIRE", "10", "30269", "SM54"), ("BLANC", "PAUL", "10", "30269", "SM54"),
        ("CHAZE", "MARIE", "10", "30140", "SM54"), ("DELMAS", "JEAN", "10", "30311", "SM54"),
        ("ESPAZE", "LUCIE", "10", "30311", "SM54"), ("FABRE", "ANNE", "60", "30269", ""),
        ("GRAS", "LOUIS", "60", "30269", ""), ("HUGON", "SOPHIE", "60", "30140", ""),
        ("ISSERT", "MARC", "60", "30311", ""), ("JOUVE", "EMMA", "70", "30269", ""),
        ("LAUNE", "HUGO", "70", "30140", ""), ("MAZEL", "ROSE", "91", "30269", ""),
        ("NOGARET", "ALICE", "50", "30311", ""), ("OLIVIER", "LEA", "40", "30269", ""),
        ("PIBAROT", "YVES", "93", "30140", ""), ("QUET", "NINA", "26", "30269", ""),
        ("ROUVIERE", "LUC", "99", "30311", ""), ("SALLES", "PIERRE", "10", "30007", "SM54"),
        ("TEISSIER", "JULIE", "10", "30007", "SM04"),
    ]
    for last, first, prof, com, sf in people:
        n += 1
        rows.append(rpps_row(n, last, first, prof, com, sf))
    # A GP with a second practice in another commune of the territory.
    rows.append(rpps_row(2, "BLANC", "PAUL", "10", "30140", "SM54"))
    # Professionals at FINESS sites of the fixture (placed at the site when it is in the bundle).
    n += 1
    rows.append(rpps_row(n, "VIDAL", "THOMAS", "21", "30269", "", "L", "309990045", "PHARMACIE EXEMPLE DU GARDON"))
    n += 1
    rows.append(rpps_row(n, "VERDIER", "CAMILLE", "10", "30010", "SM42", "S", "300016862", "CMP ADULTES ANDUZE"))
    n += 1
    rows.append(rpps_row(n, "WALTER", "INES", "60", "30311", "", "L", "309990037", "MSP DE SAUVE"))
    (d / "PS_LibreAcces_Personne_activite_extrait.txt").write_text("\n".join(rows) + "\n", encoding="utf-8")


# ---------------------------------------------------------------- QPV 2024
def square(lon, lat, half=0.003, dx=0.0):
    pts = [(lon - half + dx, lat - half), (lon + half + dx, lat - half), (lon + half + dx, lat + half),
           (lon - half + dx, lat + half), (lon - half + dx, lat - half)]
    return [[list(map(lambda v: round(v, 1), TO_L93.transform(*p))) for p in pts]]


def write_qpv():
    d = HERE / "qpv"
    d.mkdir(parents=True, exist_ok=True)
    # Real codes and names of the ANCT QPV 2024 list; outlines are ILLUSTRATIVE squares.
    ech = (5.7167, 45.1435)
    feats = []
    def add(code, lib, insee, libcom, lon, lat, dx=0.0):
        feats.append({"type": "Feature", "properties": {
            "code_qp": code, "lib_qp": lib, "insee_com": insee, "lib_com": libcom,
            "siren_epci": "200040715", "lib_epci": "Grenoble-Alpes-Métropole"},
            "geometry": {"type": "Polygon", "coordinates": square(lon, lat, dx=dx)}})
    add("QN03801M", "La Luire - Viscose", "38151", "Échirolles", ech[0], ech[1] + 0.01)
    add("QN03801M", "La Luire - Viscose", "38185", "Grenoble", ech[0], ech[1] + 0.01, dx=0.006)
    add("QN03803M", "Essarts - Surieux", "38151", "Échirolles", ech[0] - 0.01, ech[1])
    add("QN03804I", "Village Sud", "38151", "Échirolles", ech[0] + 0.005, ech[1] - 0.01)
    add("QN03810M", "Iles De Mars Olympiades", "38317", "Le Pont-de-Claix", 5.698, 45.124)
    fc = {"type": "FeatureCollection", "name": "QP2024_extrait_Lambert93",
          "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::2154"}}, "features": feats}
    (d / "qpv2024_extrait.geojson").write_text(json.dumps(fc, ensure_ascii=False), encoding="utf-8")


# ---------------------------------------------------------------- IRIS
def write_iris():
    d = HERE / "iris"
    d.mkdir(parents=True, exist_ok=True)
    src = json.loads((HERE / "sources" / "iris_lyon7_lyon8.geojson").read_text())
    wanted = ["693870703", "693870701", "693870704", "693880301"]
    feats, pop = [], []
    for f in src["features"]:
        p = f["properties"]
        if p["id"] not in wanted:
            continue
        geom = f["geometry"]
        def conv(ring):
            return [[round(c, 1) for c in TO_L93.transform(*pt)] for pt in ring]
        if geom["type"] == "Polygon":
            coords = [conv(r) for r in geom["coordinates"]]
        else:
            coords = [[conv(r) for r in poly] for poly in geom["coordinates"]]
        feats.append({"type": "Feature", "properties": {
            "INSEE_COM": p["com"], "NOM_COM": p["libcom"], "IRIS": p["id"][5:], "CODE_IRIS": p["id"],
            "NOM_IRIS": p["libiris"], "TYP_IRIS": p["typ_iris"]}, "geometry": {"type": geom["type"], "coordinates": coords}})
        pop.append([p["id"], "84", "69", "00758", p["com"], p["libcom"], p["triris"], p["grd_quart"],
                    p["libiris"], p["typ_iris"], p["modif_iris"], p["lab_iris"], str(p["p12_pop"])])
    fc = {"type": "FeatureCollection", "name": "CONTOURS-IRIS_extrait",
          "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::2154"}}, "features": feats}
    (d / "contours_iris_extrait.geojson").write_text(json.dumps(fc, ensure_ascii=False), encoding="utf-8")
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=";", lineterminator="\n")
    w.writerow(["IRIS", "REG", "DEP", "UU2010", "COM", "LIBCOM", "TRIRIS", "GRD_QUART", "LIBIRIS", "TYP_IRIS",
                "MODIF_IRIS", "LAB_IRIS", "P12_POP"])
    w.writerows(pop)
    (d / "base-ic-evol-struct-pop-extrait.csv").write_text(buf.getvalue(), encoding="utf-8")


# ---------------------------------------------------------------- data·inclusion
def write_data_inclusion():
    d = HERE / "data_inclusion"
    d.mkdir(parents=True, exist_ok=True)
    cols = ["id", "siret", "rna", "nom", "commune", "code_postal", "code_insee", "adresse", "complement_adresse",
            "longitude", "latitude", "typologie", "telephone", "courriel", "site_web", "presentation_resume",
            "presentation_detail", "source", "date_maj", "antenne", "lien_source", "horaires_ouverture",
            "accessibilite", "labels_nationaux", "labels_autres", "thematiques"]
    lon, lat = C["30269"]
    rows = [  # ILLUSTRATIVE structures
        ["ccas-sjg", "", "", "CCAS de Saint-Jean-du-Gard", "Saint-Jean-du-Gard", "30270", "30269", "Place de la mairie", "",
         f"{lon:.5f}", f"{lat:.5f}", "CCAS", "", "", "", "", "", "exemple", "2025-01-10", "False", "", "", "", "", "",
         "famille,logement-hebergement"],
        ["cs-lasalle", "", "", "Centre social exemple des vallées", "Lasalle", "30460", "30140", "Rue exemple", "",
         "", "", "CS", "", "", "", "", "", "exemple", "2025-01-10", "False", "", "", "", "", "", "famille"],
        ["ft-ales", "", "", "France Travail exemple", "Saint-Jean-du-Gard", "30270", "30269", "", "",
         "", "", "FT", "", "", "", "", "", "exemple", "2025-01-10", "True", "", "", "", "", "", ""],
        ["autre-1", "", "", "Structure exemple sans typologie connue", "Lasalle", "30460", "30140", "", "",
         "", "", "AUTRE", "", "", "", "", "", "exemple", "2025-01-10", "False", "", "", "", "", "", ""],
        ["ml-ales", "", "", "Mission locale exemple", "Alès", "30100", "30007", "", "",
         "", "", "ML", "", "", "", "", "", "exemple", "2025-01-10", "False", "", "", "", "", "", ""],
    ]
    with open(d / "structures.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(cols)
        w.writerows(rows)
    scols = ["id", "structure_id", "source", "nom", "presentation_resume", "presentation_detail", "types",
             "thematiques", "prise_rdv", "frais", "frais_autres", "profils", "pre_requis", "cumulable",
             "justificatifs", "formulaire_en_ligne", "commune", "code_postal", "code_insee", "adresse",
             "complement_adresse", "longitude", "latitude", "recurrence", "date_creation", "date_suspension",
             "lien_source", "telephone", "courriel", "contact_public", "contact_nom_prenom", "date_maj",
             "modes_accueil", "modes_orientation_accompagnateur", "modes_orientation_beneficiaire",
             "zone_diffusion_type", "zone_diffusion_code", "zone_diffusion_nom"]
    srows = [  # ILLUSTRATIVE services
        ("svc-1", "ccas-sjg", "Aide alimentaire", "aide-materielle", "famille,equipement-et-alimentation"),
        ("svc-2", "ccas-sjg", "Accompagnement aux droits", "accompagnement", "acces-aux-droits-et-citoyennete"),
        ("svc-3", "cs-lasalle", "Atelier parents-enfants", "atelier", "famille"),
    ]
    with open(d / "services.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(scols)
        for sid, struct, nom, types, them in srows:
            row = [""] * len(scols)
            row[0:8] = [sid, struct, "exemple", nom, "", "", types, them]
            w.writerow(row)


if __name__ == "__main__":
    write_finess()
    write_rpps()
    write_qpv()
    write_iris()
    write_data_inclusion()
