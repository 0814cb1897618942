"""``--api``: the same addresses geocoded offline (``maillage.geocode(df, ban=...)``) and
online (``maillage.geocode(df, api=...)``, through a local addok loaded with the same
BAN rows) agree on the house number.

The server is the harness of ``tests/python/addok_server.py`` (Debian's redis-server and
addok 1.2.1 with addok-fr, addok-france and addok-csv from ``.venv-addok``, made by
``scripts/addok_install.sh``). Without them the tests skip, except in CI (``CI`` set),
where they fail.
"""

from __future__ import annotations

import math
import shutil
import sys
import unicodedata
from pathlib import Path

import pytest

import maillage
from conftest import REPO_ROOT

sys.path.insert(0, str(Path(__file__).resolve().parent))

from addok_server import addok_fixture  # noqa: E402

GEOCODE = REPO_ROOT / "tests" / "geocode"
BAN_FILES = sorted((GEOCODE / "ban").glob("*.csv"))

#: Two answers on the same house number: within this distance, or the same label.
SAME_POINT_M = 5.0
#: The share of addresses on which both must agree (issue 15).
MIN_AGREEMENT = 0.95


def distance_m(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371008.8 * math.asin(math.sqrt(a))


def folded(label: object) -> str:
    text = unicodedata.normalize("NFKD", str(label or "")).encode("ascii", "ignore").decode()
    return " ".join(text.upper().replace("-", " ").replace("'", " ").split())


addok = addok_fixture(BAN_FILES)


@pytest.fixture(scope="module")
def queries():
    pd = pytest.importorskip("pandas")
    df = pd.read_csv(GEOCODE / "queries.csv", sep=";", dtype=str, keep_default_na=False)
    assert len(df) == 399
    return df


@pytest.fixture(scope="module")
def both(addok, queries):
    address_columns = queries[["id", "address", "postcode", "citycode", "commune"]]
    offline = maillage.geocode(address_columns, ban=BAN_FILES)
    online = maillage.geocode(address_columns, api=addok.url)
    return offline, online


def agreement(offline, online) -> tuple[int, list[str]]:
    agree, differ = 0, []
    for (_, a), (_, b) in zip(offline.iterrows(), online.iterrows()):
        same = (
            a["geocode_type"] == "housenumber" == b["geocode_type"]
            and (distance_m(a["x"], a["y"], b["x"], b["y"]) <= SAME_POINT_M
                 or folded(a["geocode_label"]) == folded(b["geocode_label"]))
        )
        if same:
            agree += 1
        else:
            differ.append(f"{a['address']!r}: offline {a['geocode_type']} {a['geocode_label']!r}, "
                          f"online {b['geocode_type']} {b['geocode_label']!r}")
    return agree, differ


def test_offline_and_online_agree_on_the_house_number(both, queries):
    offline, online = both
    assert list(online.columns[-5:]) == ["x", "y", "geocode_score", "geocode_type", "geocode_label"]
    agree, differ = agreement(offline, online)
    share = agree / len(queries)
    same_street = [d for d in differ if "offline street" in d and "online street" in d
                   and d.split("offline street ")[1].split(", online street ")[0]
                   == d.split(", online street ")[1]]
    print(f"\noffline and online agree on the house number for {agree}/{len(queries)} "
          f"addresses ({share:.1%}); of the {len(differ)} others, {len(same_street)} get the "
          f"same street from both (no such number in the BAN rows); the rest:")
    for line in differ:
        if line not in same_street:
            print("  " + line)
    assert share >= MIN_AGREEMENT, differ


def test_online_answers_carry_the_same_columns_as_offline(both):
    _, online = both
    found = online[online["geocode_type"].notna()]
    assert len(found) >= 390
    assert found["geocode_type"].isin(["housenumber", "street", "locality", "municipality"]).all()
    assert found["geocode_score"].between(0, 1).all()
    assert found["x"].between(3.0, 6.0).all() and found["y"].between(44.0, 50.0).all()
    assert (found["geocode_label"].str.len() > 0).all()


def test_a_bundle_is_geocoded_online_like_offline(addok, tmp_path):
    def bundle(name: str) -> Path:
        folder = tmp_path / name
        folder.mkdir()
        (folder / "territory.toml").write_text('format = 1\nname = "Lozère"\ncrs = "EPSG:2154"\n',
                                               encoding="utf-8")
        shutil.copy(GEOCODE / "queries.csv", folder / "actors.csv")
        return folder

    offline = maillage.geocode(bundle("offline"), ban=BAN_FILES)
    online = maillage.geocode(bundle("online"), api=addok.url)
    assert offline["written"] and online["written"]
    assert len(online["rows"]) == len(offline["rows"]) == 399
    assert online["counts"]["housenumber"] >= 380
    header = (tmp_path / "online" / "actors.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header.endswith(";x;y;geocode_score;geocode_type;geocode_label")


def test_batches_give_the_same_answers_as_one_request(addok, queries):
    """Addresses are sent in batches (5,000 by default): batches of 7 give the same
    answers, in the same order, as one request."""
    rows = [[a, p, c, n] for a, p, c, n in
            queries[["address", "postcode", "citycode", "commune"]].head(40).itertuples(index=False)]
    header = ["address", "postcode", "citycode", "commune"]
    whole = maillage._maillage.geocode_rows(header, rows, api=addok.url)
    batched = maillage._maillage.geocode_rows(header, rows, api=addok.url, batch=7)
    assert batched == whole
    assert sum(p is not None for p in whole) >= 38
