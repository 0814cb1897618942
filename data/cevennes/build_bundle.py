"""Builds the Cévennes example bundle (CPTS "Entre Châtaigne et Micocoule") with the
importers of `maillage import`, from the real files in `sources/` and the illustrative
professionals' file in `illustrative/`.

Run from the repository root, after `cargo build -p maillage-cli`:

    python3 data/cevennes/build_bundle.py [path/to/maillage]

Reads only `data/cevennes/sources/` and writes `data/cevennes/` (territory.toml,
zones/, actors.csv, relations.csv, actions.csv, needs.csv, illustrative/).
"""

import csv
import json
import math
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SRC = HERE / "sources"
MAILLAGE = sys.argv[1] if len(sys.argv) > 1 else str(ROOT / "target" / "debug" / "maillage")

MSP_TOWNS = {"30269": "Saint-Jean-du-Gard", "30140": "Lasalle", "30311": "Sauve"}
# The seed: "Pas d'établissements de santé implantés sur le territoire CPTS". Quissac
# hosts two SAE establishments, so it is left out of the proxy perimeter.
EXCLUDED = {"30210"}
N_COMMUNES = 33


def communes():
    d = json.loads((SRC / "communes_cevennes_candidats_15km.geojson").read_text(encoding="utf-8"))
    out = {}
    for f in d["features"]:
        ring = f["geometry"]["coordinates"][0]
        out[f["properties"]["code"]] = (
            sum(p[0] for p in ring) / len(ring),
            sum(p[1] for p in ring) / len(ring),
            f["properties"]["nom"],
        )
    return out


def km(a, b):
    return math.hypot((a[0] - b[0]) * math.cos(math.radians(44.1)) * 111.32, (a[1] - b[1]) * 110.57)


C = communes()


def perimeter():
    """The 33 communes nearest to the three MSP towns (the CPTS's own list was not found)."""
    ranked = sorted(
        (min(km(C[c], C[t]) for t in MSP_TOWNS), c) for c in C if c not in EXCLUDED
    )
    return sorted(c for _, c in ranked[:N_COMMUNES])


def run(*args):
    subprocess.run([MAILLAGE, "import", *args, "--into", str(HERE)], check=True, stdout=subprocess.DEVNULL)


def write_manifest():
    (HERE / "territory.toml").write_text(
        """# Example territory bundle (format v1): CPTS "Entre Châtaigne et Micocoule" (Gard, Lozère).
# Layers are real public data, written by `maillage import` (see build_bundle.py); actors,
# relations, actions and needs are ILLUSTRATIVE, apart from the SAE 2023 establishments.
format = 1
name = "CPTS Entre Châtaigne et Micocoule (Cévennes)"
crs = "EPSG:4326"
date = "2019-09-30"                # after the constitutive general assembly of 12/09/2019

[analysis]
coverage_layer = "cpts"            # the 33-commune proxy perimeter of the CPTS
catchment_m = 8000                 # rural territory: a longer catchment than in a city
required = ["medecin_generaliste", "infirmier", "pharmacie", "masseur_kinesitherapeute"]
partition = "sector"

# "Pas d'association de patients implantée sur le territoire": the coordinators expect one
[expected.association_patients]
at_least = 1
""",
        encoding="utf-8",
    )
    for name in ["actors.csv", "relations.csv", "actions.csv", "needs.csv"]:
        (HERE / name).unlink(missing_ok=True)
    for f in (HERE / "zones").glob("*.geojson") if (HERE / "zones").exists() else []:
        f.unlink()


def write_qpv_population():
    """QPV 2015 population (INSEE, via Hackaviz) in the layout the qpv importer joins."""
    out = HERE / "illustrative" / "qpv_population.csv"
    rows = list(csv.DictReader(open(SRC / "qpv2015_indicateurs_cevennes.csv", encoding="utf-8")))
    with open(out, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["code_qp", "pop_mun"])
        for r in rows:
            w.writerow([r["code_qp"], r["pop_mun"]])
    return out


# ------------------------------------------------------------------ illustrative RPPS file
RPPS_HEADER = (ROOT / "tests" / "import" / "rpps" / "PS_LibreAcces_Personne_activite_extrait.txt").read_text(
    encoding="utf-8").splitlines()[0]
PROFS = {
    "medecin_generaliste": ("10", "Médecin", "SM54", "Médecine générale"),
    "infirmier": ("60", "Infirmier", "", ""),
    "masseur_kinesitherapeute": ("70", "Masseur-Kinésithérapeute", "", ""),
    "pharmacien": ("21", "Pharmacien", "", ""),
    "orthophoniste": ("91", "Orthophoniste", "", ""),
    "sage_femme": ("50", "Sage-Femme", "", ""),
    "chirurgien_dentiste": ("40", "Chirurgien-Dentiste", "", ""),
    "podologue": ("80", "Pédicure-Podologue", "", ""),
    "psychologue": ("93", "Psychologue", "", ""),
}
# (commune, kind, count): about 70 professionals in the three MSP towns and 30 elsewhere.
PRACTICES = [
    ("30269", "medecin_generaliste", 5), ("30269", "infirmier", 8), ("30269", "masseur_kinesitherapeute", 4),
    ("30269", "pharmacien", 3), ("30269", "orthophoniste", 2), ("30269", "chirurgien_dentiste", 2),
    ("30269", "sage_femme", 1), ("30269", "podologue", 1), ("30269", "psychologue", 1),
    ("30140", "medecin_generaliste", 3), ("30140", "infirmier", 5), ("30140", "masseur_kinesitherapeute", 2),
    ("30140", "pharmacien", 2), ("30140", "orthophoniste", 1),
    ("30311", "medecin_generaliste", 4), ("30311", "infirmier", 6), ("30311", "masseur_kinesitherapeute", 3),
    ("30311", "pharmacien", 2), ("30311", "chirurgien_dentiste", 1), ("30311", "psychologue", 1),
    ("30172", "infirmier", 2), ("30172", "medecin_generaliste", 1), ("30168", "infirmier", 2),
    ("30106", "infirmier", 1), ("30106", "medecin_generaliste", 1), ("30329", "infirmier", 1),
    ("30095", "medecin_generaliste", 1), ("30095", "infirmier", 2), ("48148", "medecin_generaliste", 1),
    ("48148", "infirmier", 2), ("30298", "infirmier", 2), ("30298", "masseur_kinesitherapeute", 1),
    ("30054", "infirmier", 1), ("30322", "infirmier", 1),
]


def write_rpps():
    out = HERE / "illustrative" / "PS_LibreAcces_Personne_activite_illustratif.txt"
    ncols = len(RPPS_HEADER.split("|"))
    lines = [RPPS_HEADER]
    n = 0
    for commune, kind, count in PRACTICES:
        prof, plabel, sf, sflabel = PROFS[kind]
        for _ in range(count):
            n += 1
            cells = [""] * ncols
            cells[0:19] = ["8", f"199000{n:05d}", f"8199000{n:05d}", "", "", "", "", f"PS{n:03d}",
                           "EXEMPLE", prof, plabel, "C", "Civil", "S" if sf else "",
                           "Spécialité ordinale" if sf else "", sf, sflabel, "L", "Libéral"]
            cells[35] = commune  # postal codes are not needed by the importer
            cells[36] = commune
            cells[37] = C[commune][2]
            lines.append("|".join(cells))
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return out


# ------------------------------------------------------------------ hand-entered actors
HAND = [
    # id, name, kind, commune (point near its centre) or "", serves, themes
    ("cpts_ecm", "CPTS Entre Châtaigne et Micocoule", "cpts", "", "cpts_all", "accès aux soins|parcours|prévention"),
    ("coord_cpts", "Coordinatrice des MSP et de la CPTS", "coordinateur", "30269", "", "coordination|parcours"),
    ("pole_sante", "Pôle Santé St Jean du Gard et Vallée Borgne (association)", "association", "30269", "", "coordination"),
    ("msp_sjg", "MSP de Saint-Jean-du-Gard", "msp", "30269", "", "soins primaires|ETP"),
    ("msp_lasalle", "MSP de Lasalle", "msp", "30140", "", "soins primaires"),
    ("msp_sauve", "MSP de Sauve", "msp", "30311", "", "soins primaires|ETP"),
    ("gt_etp", "Groupe de travail ETP diabète et insuffisance cardiaque", "groupe_de_travail", "", "cpts_all", "ETP|diabète|insuffisance cardiaque"),
    ("gt_chutes", "Groupe de travail prévention des chutes", "groupe_de_travail", "", "cpts_all", "prévention|chutes|personnes âgées"),
    ("gt_maia", "Groupe de travail MAIA outils de coordination", "groupe_de_travail", "", "cpts_all", "coordination|sortie d'hospitalisation"),
    ("dac_gard", "Dispositif d'appui à la coordination (ex-PTA)", "dac", "", "cpts_all", "parcours complexes"),
    ("ars_occitanie", "ARS Occitanie, délégation du Gard", "ars", "", "", "contractualisation"),
    ("cpam_gard", "CPAM du Gard", "cpam", "", "", "ACI|accès aux soins"),
    ("bougez_ordonnance", "Bougez sur ordonnance (activité physique adaptée)", "association", "", "cpts_all", "activité physique adaptée"),
    ("apa_educ", "Enseignante en activité physique adaptée", "enseignant_apa", "30311", "", "activité physique adaptée"),
    ("mairie_sjg", "Commune de Saint-Jean-du-Gard", "commune", "30269", "", "élus|transports"),
    ("mairie_lasalle", "Commune de Lasalle", "commune", "30140", "", "élus|transports"),
    ("mairie_sauve", "Commune de Sauve", "commune", "30311", "", "élus|transports"),
    ("comite_elus", "Comité des élus du bassin de vie", "groupe_de_travail", "", "cpts_all", "élus|recours aux soins|transports"),
    ("collectif_patients", "Réflexion sur un collectif de patients", "habitants", "", "cpts_all", "participation"),
    ("ssiad_vallees", "SSIAD des vallées cévenoles", "ssiad", "30140", "", "maintien à domicile"),
    ("ehpad_sjg", "EHPAD de Saint-Jean-du-Gard", "ehpad", "30269", "", "personnes âgées"),
]
# SAE 2023 establishments (real FINESS numbers, names and communes; no coordinates in the
# SAE, so attached to their commune until a FINESS import gives them a point).
SAE_KIND = {"300016862": "cmp", "300016870": "cmp", "300012572": "chs", "300017092": "chs",
            "300780111": "clinique", "300780251": "clinique", "300781440": "clinique"}


def sae_rows():
    rows = []
    for f, id_col, name_col, com_col in [("cevennes_sae2023_IDB_sites.csv", "FI", "RS", "COMINSEE"),
                                         ("cevennes_sae2023_ID_entites.csv", "fi", "rs", "COMINSEE")]:
        for r in csv.DictReader(open(SRC / f, encoding="utf-8")):
            rows.append((r[id_col], r[name_col], r[com_col]))
    return rows


def write_hand_actors(cpts_codes):
    """Adds the hand-entered actors and the SAE establishments to actors.csv, written by
    the importers, through its existing columns."""
    path = HERE / "actors.csv"
    with open(path, encoding="utf-8") as f:
        reader = csv.reader(f)
        header = next(reader)
        rows = list(reader)
    for extra in ["themes", "finess"]:
        if extra not in header:
            header.append(extra)
            for r in rows:
                r.append("")
    col = {h: i for i, h in enumerate(header)}
    new = []
    for i, (aid, name, kind, commune, serves, themes) in enumerate(HAND):
        r = [""] * len(header)
        r[col["id"]], r[col["name"]], r[col["kind"]], r[col["themes"]] = aid, name, kind, themes
        if commune:
            lon, lat, _ = C[commune]
            r[col["x"]] = f"{lon + 0.0007 * (i % 5 - 2):.6f}"
            r[col["y"]] = f"{lat + 0.0005 * (i % 3 - 1):.6f}"
        if serves == "cpts_all":
            r[col["serves"]] = "|".join(f"cpts:{c}" for c in cpts_codes)
        new.append(r)
    for number, name, commune in sae_rows():
        r = [""] * len(header)
        r[col["id"]], r[col["name"]], r[col["kind"]] = f"finess:{number}", name, SAE_KIND[number]
        r[col["serves"]] = f"communes:{commune}"
        r[col["finess"]] = number
        r[col["placement"]] = "commune"
        r[col["commune"]] = commune
        r[col["themes"]] = "santé mentale" if SAE_KIND[number] in ("cmp", "chs") else "soins de suite"
        new.append(r)
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(new + rows)
    return [r[col["id"]] for r in rows], {r[col["id"]]: r for r in rows}, col


def write_relations(professionals, by_id, col):
    rel = []
    def add(s, t, kind, since="", themes=""):
        rel.append((s, t, kind, "", themes, since, ""))
    msp_of = {"30269": "msp_sjg", "30140": "msp_lasalle", "30311": "msp_sauve"}
    for pid in professionals:
        commune = by_id[pid][col["commune"]]
        if commune in msp_of:
            add(pid, msp_of[commune], "member", "2017-02-01")
        # about one in three professionals outside the MSP joined the association
        elif int(pid[-2:]) % 3 == 0:
            add(pid, "cpts_ecm", "member", "2019-09-12")
    for m in msp_of.values():
        add(m, "cpts_ecm", "member", "2017-02-01")
        add("coord_cpts", m, "resource", "2017-02-01")
    add("coord_cpts", "cpts_ecm", "member", "2017-02-01")
    add("pole_sante", "cpts_ecm", "partner", "2017-02-01")
    add("pole_sante", "msp_sjg", "member", "2016-01-01")
    add("ars_occitanie", "cpts_ecm", "cofunding", "2017-02-01", "contractualisation")
    add("cpam_gard", "cpts_ecm", "cofunding", "2019-06-30", "ACI")
    add("gt_etp", "cpts_ecm", "instance", "2017-06-01", "ETP")
    add("msp_sjg", "gt_etp", "instance", "2017-06-01", "ETP")
    add("msp_sauve", "gt_etp", "instance", "2017-06-01", "ETP")
    add("gt_chutes", "cpts_ecm", "instance", "2018-01-01", "chutes")
    add("ssiad_vallees", "gt_chutes", "instance", "2018-01-01", "chutes")
    add("apa_educ", "gt_chutes", "instance", "2018-01-01", "chutes")
    add("bougez_ordonnance", "cpts_ecm", "partner", "2018-03-01", "activité physique adaptée")
    add("apa_educ", "bougez_ordonnance", "member", "2018-03-01")
    add("gt_maia", "cpts_ecm", "instance", "2018-09-01")
    add("coord_cpts", "gt_maia", "instance", "2018-09-01")
    add("dac_gard", "gt_maia", "instance", "2019-01-01")
    add("cpts_ecm", "dac_gard", "referral", "2019-01-01", "parcours complexes")
    add("comite_elus", "cpts_ecm", "instance", "2019-09-12", "élus")
    for m in ["mairie_sjg", "mairie_lasalle", "mairie_sauve"]:
        add(m, "comite_elus", "member", "2019-09-12")
    add("collectif_patients", "cpts_ecm", "communication", "2019-09-12")
    add("ehpad_sjg", "msp_sjg", "partner", "2018-01-01", "personnes âgées")
    add("ssiad_vallees", "msp_lasalle", "partner", "2017-06-01")
    # advanced consultations and the discharge experiment with establishments outside the territory
    add("finess:300016862", "msp_sjg", "partner", "2018-01-01", "santé mentale|consultations avancées")
    add("finess:300780111", "gt_maia", "instance", "2018-09-01", "sortie d'hospitalisation")
    with open(HERE / "relations.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["source", "target", "kind", "weight", "themes", "since", "until"])
        w.writerows(rel)
    return len(rel)


def write_actions_needs(cpts_codes):
    zones = "|".join(f"cpts:{c}" for c in MSP_TOWNS)
    actions = [
        ("etp_diabete", "Programme d'ETP diabète", "ETP|diabète", "msp_sjg", "msp_sauve|gt_etp", "ars_occitanie", zones, "2017-06-01", ""),
        ("etp_ic", "Programme d'ETP insuffisance cardiaque", "ETP|insuffisance cardiaque", "msp_sauve", "msp_sjg|gt_etp", "ars_occitanie", zones, "2018-01-01", ""),
        ("chutes", "Protocole pluriprofessionnel de prévention du risque de chute", "prévention|chutes", "gt_chutes", "ssiad_vallees|apa_educ|msp_lasalle", "", zones, "2018-01-01", ""),
        ("directives", "Soirées d'information sur les directives anticipées", "directives anticipées|population", "cpts_ecm", "msp_sjg|msp_lasalle|msp_sauve|collectif_patients", "", zones, "2018-10-01", ""),
        ("depistage", "Actions de dépistage (complications du diabète, audition, vision)", "dépistage|diabète", "cpts_ecm", "msp_sjg|msp_sauve", "cpam_gard", zones, "2019-03-01", ""),
        ("handicap", "Prise en charge adaptée et coordonnée des personnes en situation de handicap", "handicap|parcours", "cpts_ecm", "coord_cpts|dac_gard", "ars_occitanie", zones, "2018-06-01", ""),
    ]
    with open(HERE / "actions.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["id", "name", "themes", "lead", "partners", "funders", "zones", "start", "end"])
        w.writerows(actions)
    needs = [(f"cpts:{c}", "accès aux soins", 3 if c not in MSP_TOWNS else 2, "diagnostic illustratif") for c in cpts_codes[:6]]
    needs += [("cpts:30269", "transports", 2, "comité des élus (illustratif)"), ("cpts:30140", "santé des femmes", 2, "enquête population (illustratif)")]
    with open(HERE / "needs.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["zone", "theme", "level", "source"])
        w.writerows(needs)


# Real indicators by commune (sources/, see README.md), joined onto the perimeter's
# communes by `maillage import indicators`, and the demand weighted by age that GP access
# reads, from INSEE's shares of each age group.
AGE_SHARES = {
    "Part des pers. âgées de - 15 ans 2020": ("part_moins_15", "0-14"),
    "Part des pers. âgées de - de 25 ans 2020": ("part_moins_25", "0-24"),
    "Part des pers. âgées de 25 à 64 ans 2020": ("part_25_64", "25-64"),
    "Part des pers. âgées de 65 ans ou + 2020": ("part_65_plus", "65+"),
    "Part des pers. âgées de 75 ans ou + 2020": ("part_75_plus", "75+"),
    "Part des pers. âgées de 80 ans ou + 2020": ("part_80_plus", "80+"),
}


def indicators(file, key, *options):
    run("indicators", str(SRC / file), "--layer", "cpts", "--key", key, *options)


def write_indicators():
    indicators(
        "drees_apl_mg_2023_communes_cevennes.csv", "Code commune INSEE",
        "--as", "APL aux médecins généralistes=apl_mg_2023",
        "--label", "apl_mg_2023=APL aux médecins généralistes 2023 (DREES)",
        "--unit", "apl_mg_2023=consultations par an et par habitant standardisé",
        "--better", "apl_mg_2023=higher",
    )
    indicators(
        "insee_filosofi2021_communes_cevennes.csv", "CODGEO",
        "--as", "MED21=revenu_median_2021", "--as", "TP6021=taux_pauvrete_2021",
        "--label", "revenu_median_2021=Revenu disponible médian par unité de consommation 2021 (INSEE Filosofi)",
        "--unit", "revenu_median_2021=€",
        "--better", "revenu_median_2021=higher",
        "--label", "taux_pauvrete_2021=Taux de pauvreté 2021 (INSEE Filosofi)",
        "--unit", "taux_pauvrete_2021=%",
        "--better", "taux_pauvrete_2021=lower",
    )
    indicators(
        "insee_sl_communes_eloignement_equipements_cevennes.csv", "Code",
        "--as", "Part de la population éloignée des équipements intermédiaires, 2021=eloignement_equipements_2021",
        "--label", "eloignement_equipements_2021=Part de la population éloignée des équipements intermédiaires 2021 (INSEE)",
        "--unit", "eloignement_equipements_2021=%",
        "--better", "eloignement_equipements_2021=lower",
    )
    shares = [a for column, (name, _) in AGE_SHARES.items() for a in ("--as", f"{column}={name}")]
    indicators("insee_sl_communes_ages_diplomes2020_cevennes.csv", "Code", "--values-only", *shares)
    bands = ", ".join(f'{name} = "{ages}"' for name, ages in AGE_SHARES.values())
    with open(HERE / "territory.toml", "a", encoding="utf-8") as f:
        f.write(f"""
# GP access weighs each commune's people by the DREES APL weights of their age (INSEE 2020 shares)
[layers.cpts.demand]
shares = {{ {bands} }}
weights = "drees-apl-mg-2023"

# The DREES calls a territory under-served ("sous-dense") when its APL is at most 2.5
[[needs_from_indicators]]
indicator = "apl_mg_2023"
below = 2.5
theme = "accès aux soins"
level = 3
""")


def main():
    cpts_codes = perimeter()
    all_codes = ",".join(sorted(C))
    (HERE / "illustrative").mkdir(exist_ok=True)
    write_manifest()
    pop = str(SRC / "population_communes.csv")
    geo = str(SRC / "communes_cevennes_candidats_15km.geojson")
    run("communes", geo, "--population", pop, "--territory", ",".join(cpts_codes), "--layer-name", "cpts", "--date", "2019-09-30")
    run("communes", geo, "--population", pop, "--territory", all_codes, "--date", "2019-09-30")
    run("qpv", str(SRC / "qpv2015_cevennes_candidats.geojson"), "--population", str(write_qpv_population()),
        "--territory", all_codes, "--date", "2019-09-30")
    run("rpps", str(write_rpps()), "--territory", ",".join(cpts_codes), "--date", "2019-09-30")
    professionals, by_id, col = write_hand_actors(cpts_codes)
    n = write_relations(professionals, by_id, col)
    write_actions_needs(cpts_codes)
    write_indicators()
    print(f"{len(cpts_codes)} communes, {len(professionals)} professionals, {n} relations")


if __name__ == "__main__":
    main()
