"""``maillage.geocode``: a bundle geocoded in place, or a DataFrame geocoded into a new
one, offline against the real BANO rows of Lozère in ``tests/geocode/ban/``."""

from __future__ import annotations

from pathlib import Path

import pytest

import maillage
from conftest import REPO_ROOT

BAN = REPO_ROOT / "tests" / "geocode" / "ban" / "adresses-48-bano2015.csv"

ACTORS = (
    "id;name;kind;x;y;adresse;code_postal;commune\n"
    "cab;Cabinet du Prieuré;medecin_generaliste;;;2 Rue du Prieuré;48130;Aumont-Aubrac\n"
    "cpts;CPTS Lozère;cpts;;;;;\n"
    "lab;Oxylab;laboratoire;;;1 all. piencourt, 48000 mende;;\n"
    "dr;Dr Élise;medecin_generaliste;3.5;44.5;31 AV FOCH;48300;Langogne\n"
    "x;Inconnu;association;;;3 rue de Nulle Part;48000;Mende\n"
)


@pytest.fixture
def bundle(tmp_path: Path) -> Path:
    (tmp_path / "territory.toml").write_text('format = 1\nname = "Lozère"\ncrs = "EPSG:4326"\n', encoding="utf-8")
    (tmp_path / "actors.csv").write_text(ACTORS, encoding="utf-8")
    return tmp_path


def test_geocodes_a_bundle_in_place_and_returns_the_report(bundle: Path, english: None):
    report = maillage.geocode(bundle, ban=[BAN])
    assert report["counts"] == {"housenumber": 2, "municipality": 1}
    assert (report["geocoded"], report["kept"], report["without_address"]) == (3, 1, 1)
    assert report["written"] is True
    assert [str(p) for p in report["low_score"]] == [
        'actors.csv:6: address: "3 rue de Nulle Part" matched "Mende" (municipality) with score 0.30 only '
        "(expected 0.60 or more: check the point)"
    ]
    assert report["unresolved"] == []
    assert report["rows"][0] == {
        "line": 2, "id": "cab", "address": "2 Rue du Prieuré",
        "found": {"lon": 3.28506, "lat": 44.723177, "score": 1.0, "type": "housenumber",
                  "label": "2 Rue du Prieuré 48130 Aumont-Aubrac", "citycode": "48009",
                  "postcode": "48130", "interpolated": False},
    }
    lines = (bundle / "actors.csv").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "id;name;kind;x;y;adresse;code_postal;commune;geocode_score;geocode_type;geocode_label"
    assert lines[1] == ("cab;Cabinet du Prieuré;medecin_generaliste;3.285060;44.723177;2 Rue du Prieuré;48130;"
                        "Aumont-Aubrac;1.00;housenumber;2 Rue du Prieuré 48130 Aumont-Aubrac")
    assert lines[4] == "dr;Dr Élise;medecin_generaliste;3.5;44.5;31 AV FOCH;48300;Langogne;;;"
    # a second run keeps every point; a single path works as well as a list
    again = maillage.geocode(str(bundle), ban=str(BAN))
    assert (again["geocoded"], again["kept"], again["written"]) == (0, 4, False)


def test_overwrite_replaces_a_hand_entered_point(bundle: Path):
    report = maillage.geocode(bundle, ban=[BAN], overwrite=True)
    assert report["kept"] == 0
    text = (bundle / "actors.csv").read_text(encoding="utf-8")
    assert "dr;Dr Élise;medecin_generaliste;3.856463;44.728816;31 AV FOCH;" in text


def test_a_bad_address_file_raises_bundle_error_and_leaves_the_bundle(bundle: Path, tmp_path: Path):
    not_ban = tmp_path / "not-ban.csv"
    not_ban.write_text("nom;prenom\nDupont;Jean\n", encoding="utf-8")
    with pytest.raises(maillage.BundleError) as e:
        maillage.geocode(bundle, ban=[not_ban])
    assert e.value.errors[0].file.endswith("not-ban.csv")
    assert "colonnes absentes" in e.value.errors[0].message
    assert (bundle / "actors.csv").read_text(encoding="utf-8") == ACTORS


def test_an_unreachable_server_raises_bundle_error_naming_it(bundle: Path):
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(maillage.BundleError) as e:
        maillage.geocode(bundle, api=f"http://127.0.0.1:{port}")
    assert e.value.errors[0].file == f"http://127.0.0.1:{port}/search/csv/"
    assert "impossible de joindre le serveur d’adresses" in e.value.errors[0].message
    assert (bundle / "actors.csv").read_text(encoding="utf-8") == ACTORS


def test_usage_errors_are_value_errors(bundle: Path):
    with pytest.raises(ValueError, match="rien pour géocoder"):
        maillage.geocode(bundle)
    with pytest.raises(ValueError, match="pas les deux"):
        maillage.geocode(bundle, ban=[BAN], api="http://127.0.0.1:1")
    with pytest.raises(ValueError, match="min_score"):
        maillage.geocode(bundle, ban=[BAN], min_score=2)
    with pytest.raises(TypeError):
        maillage.geocode(42, ban=[BAN])


def test_geocodes_a_dataframe_into_a_new_one():
    pd = pytest.importorskip("pandas")
    df = pd.DataFrame({
        "nom": ["Cabinet", "CPTS", "Oxylab", "Dr Élise", "Inconnu"],
        "adresse": ["2 Rue du Prieuré", None, "1 all. piencourt, 48000 mende", "31 AV FOCH", "nulle part"],
        "code_postal": [48130, None, None, 48300, 99999],  # floats with NaN, as pandas reads them
        "commune": ["Aumont-Aubrac", None, None, "Langogne", None],
        "x": [None, None, None, 3.5, None],
        "y": [None, None, None, 44.5, None],
    })
    out = maillage.geocode(df, ban=BAN)
    assert out is not df and "geocode_type" not in df.columns
    assert list(out.columns) == ["nom", "adresse", "code_postal", "commune", "x", "y",
                                 "geocode_score", "geocode_type", "geocode_label"]
    assert out.loc[0, ["x", "y", "geocode_score"]].tolist() == [3.28506, 44.723177, 1.0]
    assert out.loc[0, "geocode_type"] == "housenumber"
    assert out.loc[0, "geocode_label"] == "2 Rue du Prieuré 48130 Aumont-Aubrac"
    assert out.loc[2, "geocode_label"] == "1 Allée Piencourt 48000 Mende"
    assert pd.isna(out.loc[1, "x"]) and out.loc[1, "geocode_type"] is None
    # the hand-entered point is kept, unless overwrite
    assert out.loc[3, ["x", "y"]].tolist() == [3.5, 44.5] and out.loc[3, "geocode_type"] is None
    assert pd.isna(out.loc[4, "x"])
    assert out["x"].dtype == "float64"
    over = maillage.geocode(df, ban=[BAN], overwrite=True)
    assert over.loc[3, "geocode_label"] == "31 Avenue Foch 48300 Langogne"


def test_a_dataframe_without_address_column_is_refused():
    pd = pytest.importorskip("pandas")
    with pytest.raises(ValueError, match="aucune colonne d'adresse"):
        maillage.geocode(pd.DataFrame({"nom": ["a"]}), ban=[BAN])


def test_the_rows_function_takes_plain_lists():
    found = maillage._maillage.geocode_rows(
        ["adresse", "cp"], [["2 Rue du Prieuré", "48130"], ["", ""]], ban=[str(BAN)])
    assert found[0][3:] == ("housenumber", "2 Rue du Prieuré 48130 Aumont-Aubrac")
    assert found[1] is None


BAN_HEADER = ("id;id_fantoir;numero;rep;nom_voie;code_postal;code_insee;nom_commune;"
              "code_insee_ancienne_commune;nom_ancienne_commune;x;y;lon;lat;type_position;alias;"
              "nom_ld;libelle_acheminement;nom_afnor;source_position;source_nom_voie;"
              "certification_commune;cad_parcelles")


def test_import_file_with_ban_places_professionals_at_their_practice(tmp_path: Path):
    ban = tmp_path / "adresses-30.csv"
    ban.write_text(BAN_HEADER + "\n30269_0001_00001;;1;;Rue Exemple;30270;30269;Saint-Jean-du-Gard;;;0;0;"
                   "3.883100;44.104000;entrée;;;;;commune;commune;1;\n", encoding="utf-8")
    rpps = REPO_ROOT / "tests" / "import" / "rpps" / "PS_LibreAcces_Personne_activite_extrait.txt"
    bundle = tmp_path / "bundle"
    report = maillage.import_file("rpps", rpps, bundle, territory=["30269"], ban=[str(ban)])
    assert report["geocode"]["counts"]["housenumber"] >= 1
    rows = {line.split(",")[0]: line for line in (bundle / "actors.csv").read_text(encoding="utf-8").splitlines()}
    assert "3.883100,44.104000" in rows["rpps:10100000001"]
    assert "1 Rue Exemple 30270 Saint-Jean-du-Gard" in rows["rpps:10100000001"]
    with pytest.raises(maillage.BundleError):
        maillage.import_file("rpps", rpps, tmp_path / "other", territory=["30269"], ban=[str(rpps)])
    assert not (tmp_path / "other").exists()
