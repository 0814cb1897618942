"""`maillage template` and `maillage convert` as a spreadsheet library reads their
workbooks: openpyxl finds the four sheets with their French headers, the drop-down lists
(data validations) of the actor kinds and relation kinds from the taxonomy, and the
"Lisez-moi" sheet."""

import os
import subprocess

import openpyxl

from maillage import load


def run(repo_root, *args):
    subprocess.run(
        ["cargo", "run", "--quiet", "--locked", "-p", "maillage-cli", "--", *args],
        cwd=repo_root, check=True, env={**os.environ, "CARGO_TERM_COLOR": "never"},
        stdout=subprocess.DEVNULL,
    )


def validations(sheet):
    """Each validated column's letter and the validation's list formula."""
    found = {}
    for dv in sheet.data_validations.dataValidation:
        for cells in dv.sqref.ranges:
            found[cells.coord.split(":")[0].rstrip("0123456789")] = (dv.type, dv.formula1)
    return found


def test_the_template_has_the_sheets_headers_and_drop_down_lists(tmp_path, repo_root):
    out = tmp_path / "modele.xlsx"
    run(repo_root, "template", str(out), "--bundle", "tests/bundles/invalid/custom_kind_ok")
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["Lisez-moi", "acteurs", "relations", "actions", "besoins", "listes"]
    headers = [c.value for c in book["acteurs"][1]]
    assert headers[:10] == ["id", "nom", "type", "secteur", "thèmes", "x", "y", "capacité",
                            "dessert", "accepte"]
    assert [c.value for c in book["relations"][1]] == [
        "source", "cible", "type", "poids", "thèmes", "depuis", "jusqu'à"]
    assert [c.value for c in book["besoins"][1]] == ["zone", "thème", "niveau", "source"]

    # the kind column's list is the taxonomy's kinds, the bundle's own one among them
    actors = validations(book["acteurs"])
    kind_type, kind_formula = actors["C"]
    assert kind_type == "list"
    sheet_name, cells = kind_formula.split("!")
    assert sheet_name == "listes"
    first, last = cells.replace("$", "").split(":")
    kinds = [row[0].value for row in book["listes"][first:last] if row[0].value]
    assert "medecin_generaliste" in kinds and "cpts" in kinds
    assert "mediatrice_sante" in kinds
    assert len(kinds) == 65
    assert actors["J"] == ("list", '"oui,non"')

    relations = validations(book["relations"])
    rel_type, rel_formula = relations["C"]
    assert rel_type == "list"
    first, last = rel_formula.split("!")[1].replace("$", "").split(":")
    relation_kinds = [row[0].value for row in book["listes"][first:last] if row[0].value]
    assert relation_kinds == ["member", "partner", "cofunding", "referral", "instance",
                              "training", "resource", "communication"]
    assert validations(book["besoins"])["C"] == ("list", '"1,2,3"')

    readme = book["Lisez-moi"]
    texts = [c.value for row in readme.iter_rows() for c in row if c.value]
    assert any("feuille acteurs" in t for t in texts)
    assert ("acteurs", "type", "oui") in [
        tuple(c.value for c in row[:3]) for row in readme.iter_rows()]


def test_a_converted_bundle_reads_in_openpyxl_with_its_rows(tmp_path, repo_root):
    out = tmp_path / "lyon7" / "lyon7.xlsx"
    run(repo_root, "convert", "data/lyon7", str(out))
    book = openpyxl.load_workbook(out)
    territory = load(str(tmp_path / "lyon7"))
    actors = book["acteurs"]
    assert actors.max_row - 1 == len(territory.actors)
    ids = [row[0].value for row in actors.iter_rows(min_row=2)]
    assert ids == [a["id"] for a in territory.actors]
    # dates are real dates in the sheet
    relations = book["relations"]
    header = [c.value for c in relations[1]]
    since = header.index("depuis")
    dated = [row[since].value for row in relations.iter_rows(min_row=2) if row[since].value]
    assert dated and all(hasattr(d, "year") for d in dated)
