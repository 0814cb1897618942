"""A throw-away addok server for the tests: Redis and addok on free local ports.

addok (https://github.com/addok/addok) is the engine behind the national address API; with
its ``addok-csv`` plugin it answers ``POST /search/csv/``, the protocol that
``maillage geocode --api URL`` speaks. These helpers load it with BAN-format rows (the
23-column ``;`` department CSV) so that the online and the offline geocoders are tested on
the same addresses.

The addok packages live in their own virtual environment (``.venv-addok``, made by
``scripts/addok_install.sh``) so that their pinned dependencies do not clash with the test
environment; Redis is Debian's ``redis-server``. Set ``ADDOK_BIN`` / ``REDIS_SERVER`` to use
other binaries.

Plain use::

    with AddokServer([Path("tests/geocode/ban/adresses-48-bano2015.csv")]) as server:
        rows = search_csv(server.url, b"address;postcode\\n4 rue de l'Ancienne Gare;48400\\n",
                          columns=["address", "postcode"])

In pytest, ``addok_fixture(paths)`` makes a session fixture.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections import OrderedDict
from pathlib import Path
from typing import Iterable, Sequence

REPO_ROOT = Path(__file__).resolve().parents[2]
ADDOK_VENV = REPO_ROOT / ".venv-addok"

BAN_COLUMNS = (
    "id;id_fantoir;numero;rep;nom_voie;code_postal;code_insee;nom_commune;"
    "code_insee_ancienne_commune;nom_ancienne_commune;x;y;lon;lat;type_position;alias;"
    "nom_ld;libelle_acheminement;nom_afnor;source_position;source_nom_voie;"
    "certification_commune;cad_parcelles"
).split(";")

# The configuration of the national address API's addok (French processors, the BAN's
# extra fields and filters), with Redis on the given port.
CONFIG_TEMPLATE = """\
REDIS = {{
    "host": "127.0.0.1",
    "port": {redis_port},
    "unix_socket_path": None,
    "indexes": {{"db": 0}},
    "documents": {{"db": 1}},
}}
ATTRIBUTION = "BAN"
LICENCE = "ETALAB-2.0"
EXTRA_FIELDS = [
    {{"key": "citycode"}},
    {{"key": "oldcitycode"}},
    {{"key": "oldcity"}},
    {{"key": "district"}},
]
FILTERS = ["type", "citycode", "postcode"]
QUERY_PROCESSORS_PYPATHS = [
    "addok.helpers.text.check_query_length",
    "addok_france.extract_address",
    "addok_france.clean_query",
    "addok_france.remove_leading_zeros",
]
SEARCH_RESULT_PROCESSORS_PYPATHS = [
    "addok.helpers.results.match_housenumber",
    "addok_france.make_labels",
    "addok.helpers.results.score_by_importance",
    "addok.helpers.results.score_by_autocomplete_distance",
    "addok.helpers.results.score_by_ngram_distance",
    "addok.helpers.results.score_by_geo_distance",
]
PROCESSORS_PYPATHS = [
    "addok.helpers.text.tokenize",
    "addok.helpers.text.normalize",
    "addok_france.glue_ordinal",
    "addok_france.fold_ordinal",
    "addok_france.flag_housenumber",
    "addok.helpers.text.synonymize",
    "addok_fr.phonemicize",
]
BATCH_WORKERS = 1
LOG_DIR = {log_dir!r}
LOG_QUERIES = False
LOG_NOT_FOUND = False
"""

DEPARTMENTS = {
    "48": "48, Lozère, Occitanie",
    "54": "54, Meurthe-et-Moselle, Grand Est",
}


class AddokUnavailable(RuntimeError):
    """addok or redis-server is not installed (run scripts/addok_install.sh)."""


def addok_binary() -> Path:
    """The ``addok`` command: ``$ADDOK_BIN``, else the one in ``.venv-addok``."""
    env = os.environ.get("ADDOK_BIN")
    path = Path(env) if env else ADDOK_VENV / "bin" / "addok"
    if not path.exists():
        raise AddokUnavailable(f"{path} not found: run scripts/addok_install.sh")
    return path


def redis_binary() -> str:
    """The ``redis-server`` command: ``$REDIS_SERVER``, else the one on the PATH."""
    path = os.environ.get("REDIS_SERVER") or shutil.which("redis-server")
    if not path:
        raise AddokUnavailable("redis-server not found: run scripts/addok_install.sh")
    return path


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --- BAN rows → addok documents ----------------------------------------------------------


def read_ban(path: Path) -> Iterable[dict]:
    """Rows of a BAN department CSV (``;``, header of 23 columns; ``.gz`` accepted)."""
    if str(path).endswith(".gz"):
        import gzip

        handle = io.TextIOWrapper(gzip.open(path), encoding="utf-8", newline="")
    else:
        handle = open(path, encoding="utf-8", newline="")
    with handle:
        reader = csv.DictReader(handle, delimiter=";")
        missing = [c for c in ("id", "numero", "nom_voie", "code_insee", "lon", "lat")
                   if c not in (reader.fieldnames or [])]
        if missing:
            raise ValueError(f"{path}: not a BAN file, missing columns {missing}")
        yield from reader


def _number(value: str) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def ban_to_addok(rows: Iterable[dict]) -> list[dict]:
    """addok documents, as the BAN publishes them for addok, from BAN CSV rows.

    One ``street`` document per (commune, street) with its ``housenumbers`` (``"12 bis"`` →
    point and BAN id), placed at the mean of its numbers; a ``locality`` document for a
    lieu-dit (``nom_ld``) that has numbers; one ``municipality`` document per commune
    (placed at the mean of its addresses, with all its postcodes).
    """
    streets: "OrderedDict[tuple, dict]" = OrderedDict()
    localities: "OrderedDict[tuple, dict]" = OrderedDict()
    communes: "OrderedDict[str, dict]" = OrderedDict()
    for row in rows:
        lon, lat = _number(row.get("lon")), _number(row.get("lat"))
        if lon is None or lat is None:
            continue
        insee = row["code_insee"]
        city = row["nom_commune"]
        commune = communes.setdefault(insee, {
            "name": city, "postcodes": [], "lons": [], "lats": [],
            "oldcitycode": row.get("code_insee_ancienne_commune") or "",
            "oldcity": row.get("nom_ancienne_commune") or "",
        })
        postcode = row.get("code_postal") or ""
        if postcode and postcode not in commune["postcodes"]:
            commune["postcodes"].append(postcode)
        commune["lons"].append(lon)
        commune["lats"].append(lat)

        numero = row["numero"].strip()
        rep = (row.get("rep") or "").strip()
        housenumber = f"{numero} {rep}" if rep else numero
        point = {"id": row["id"], "lon": lon, "lat": lat}
        if _number(row.get("x")) is not None and _number(row.get("y")) is not None:
            point.update(x=float(row["x"]), y=float(row["y"]))
        key = (insee, row.get("id_fantoir") or row["nom_voie"], row["nom_voie"])
        target = streets
        if numero == "99999":  # a BAN lieu-dit without number
            target = localities
        doc = target.setdefault(key, {
            "id": row.get("id_fantoir") or row["id"].rsplit("_", 1)[0],
            "type": "street" if target is streets else "locality",
            "name": row["nom_voie"],
            "postcode": postcode,
            "citycode": insee,
            "oldcitycode": row.get("code_insee_ancienne_commune") or None,
            "oldcity": row.get("nom_ancienne_commune") or None,
            "city": city,
            "context": DEPARTMENTS.get(insee[:2], insee[:2]),
            "importance": 0.4,
            "housenumbers": {},
            "_lons": [], "_lats": [],
        })
        doc["_lons"].append(lon)
        doc["_lats"].append(lat)
        if target is streets:
            doc["housenumbers"][housenumber] = point
        nom_ld = (row.get("nom_ld") or "").strip()
        if nom_ld and target is streets:
            ld = localities.setdefault((insee, "ld", nom_ld), {
                "id": f"{insee}_ld_{len(localities):04d}", "type": "locality",
                "name": nom_ld, "postcode": postcode, "citycode": insee, "city": city,
                "context": DEPARTMENTS.get(insee[:2], insee[:2]), "importance": 0.3,
                "housenumbers": {}, "_lons": [], "_lats": [],
            })
            ld["_lons"].append(lon)
            ld["_lats"].append(lat)
            ld["housenumbers"][housenumber] = point

    docs = []
    for doc in list(streets.values()) + list(localities.values()):
        lons, lats = doc.pop("_lons"), doc.pop("_lats")
        doc["lon"] = round(sum(lons) / len(lons), 6)
        doc["lat"] = round(sum(lats) / len(lats), 6)
        if not doc["housenumbers"]:
            del doc["housenumbers"]
        docs.append({k: v for k, v in doc.items() if v is not None})
    for insee, c in communes.items():
        doc = {
            "id": insee, "type": "municipality", "name": c["name"],
            "postcode": c["postcodes"] or "", "citycode": insee, "city": c["name"],
            "context": DEPARTMENTS.get(insee[:2], insee[:2]), "importance": 0.6,
            "lon": round(sum(c["lons"]) / len(c["lons"]), 6),
            "lat": round(sum(c["lats"]) / len(c["lats"]), 6),
        }
        if c["oldcitycode"]:
            doc.update(oldcitycode=c["oldcitycode"], oldcity=c["oldcity"])
        docs.append(doc)
    return docs


def write_ndjson(docs: Iterable[dict], path: Path) -> None:
    with open(path, "w", encoding="utf-8") as f:
        for doc in docs:
            f.write(json.dumps(doc, ensure_ascii=False) + "\n")


# --- the server -------------------------------------------------------------------------


class AddokServer:
    """Redis + addok loaded with BAN files, on free ports of 127.0.0.1, in a temp dir."""

    def __init__(self, ban_files: Sequence[Path], startup_timeout: float = 60.0):
        self.ban_files = [Path(p) for p in ban_files]
        self.startup_timeout = startup_timeout
        self.tmp: Path | None = None
        self.redis: subprocess.Popen | None = None
        self.http: subprocess.Popen | None = None
        self.url = ""
        self.documents = 0
        self._serve_log = None
        self.timings: dict[str, float] = {}

    # context manager
    def __enter__(self) -> "AddokServer":
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def _env(self) -> dict:
        env = dict(os.environ)
        env["ADDOK_CONFIG_MODULE"] = str(self.tmp / "addok.conf")
        env.pop("PYTHONPATH", None)
        env.pop("VIRTUAL_ENV", None)
        return env

    def _run_addok(self, *args: str) -> None:
        log = self.tmp / "addok.log"
        with open(log, "a") as out:
            done = subprocess.run([str(self.addok), *args], env=self._env(), cwd=self.tmp,
                                  stdout=out, stderr=subprocess.STDOUT, timeout=600)
        if done.returncode != 0:
            raise RuntimeError(f"addok {' '.join(args)} failed:\n{log.read_text()[-3000:]}")

    def start(self) -> None:
        """Starts Redis, imports the BAN files, starts addok; cleans up if any step fails."""
        self.addok = addok_binary()
        redis = redis_binary()
        self.tmp = Path(tempfile.mkdtemp(prefix="addok-"))
        try:
            self._start(redis)
        except BaseException:
            self.stop()
            raise

    def _start(self, redis: str) -> None:
        t0 = time.perf_counter()
        redis_port = free_port()
        self.redis = subprocess.Popen(
            [redis, "--port", str(redis_port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", str(self.tmp), "--daemonize", "no",
             "--logfile", str(self.tmp / "redis.log")],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _wait_for_port(redis_port, self.startup_timeout, self.redis, "redis-server")
        (self.tmp / "addok.conf").write_text(
            CONFIG_TEMPLATE.format(redis_port=redis_port, log_dir=str(self.tmp)))
        self.timings["redis"] = time.perf_counter() - t0

        t0 = time.perf_counter()
        docs = [doc for path in self.ban_files for doc in ban_to_addok(read_ban(path))]
        ndjson = self.tmp / "documents.ndjson"
        write_ndjson(docs, ndjson)
        self.documents = len(docs)
        self._run_addok("batch", str(ndjson))
        self._run_addok("ngrams")
        self.timings["import"] = time.perf_counter() - t0

        t0 = time.perf_counter()
        port = free_port()
        self._serve_log = open(self.tmp / "serve.log", "w")
        self.http = subprocess.Popen(
            [str(self.addok), "serve", "--host", "127.0.0.1", "--port", str(port)],
            env=self._env(), cwd=self.tmp, stdout=self._serve_log, stderr=subprocess.STDOUT)
        self.url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + self.startup_timeout
        while True:
            if self.http.poll() is not None:
                raise RuntimeError("addok serve exited:\n"
                                   + (self.tmp / "serve.log").read_text()[-3000:])
            try:
                with urllib.request.urlopen(f"{self.url}/search/?q=rue&limit=1", timeout=2):
                    break
            except (urllib.error.URLError, ConnectionError, OSError):
                if time.monotonic() > deadline:
                    raise RuntimeError("addok serve did not answer in time")
                time.sleep(0.1)
        self.timings["serve"] = time.perf_counter() - t0

    def stop(self) -> None:
        for proc in (self.http, self.redis):
            if proc is not None and proc.poll() is None:
                proc.terminate()
                try:
                    proc.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()
        self.http = self.redis = None
        if getattr(self, "_serve_log", None) is not None:
            self._serve_log.close()
            self._serve_log = None
        if self.tmp is not None:
            shutil.rmtree(self.tmp, ignore_errors=True)
            self.tmp = None


def _wait_for_port(port: int, timeout: float, proc: subprocess.Popen, what: str) -> None:
    deadline = time.monotonic() + timeout
    while True:
        if proc.poll() is not None:
            raise RuntimeError(f"{what} exited with {proc.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            if time.monotonic() > deadline:
                raise RuntimeError(f"{what} did not listen on {port} in time")
            time.sleep(0.05)


# --- the /search/csv/ client ------------------------------------------------------------


def search_csv(url: str, csv_bytes: bytes, columns: Sequence[str] = (),
               citycode: str | None = None, postcode: str | None = None,
               timeout: float = 120.0, **params: str) -> list[dict]:
    """POSTs a CSV to ``URL/search/csv/`` (multipart, as the national API wants it).

    ``columns`` are the columns joined into the query; ``citycode``/``postcode`` name the
    columns used as filters. Returns the answered rows as dicts (the input columns plus
    ``latitude``, ``longitude``, ``result_label``, ``result_score``, ``result_type``,
    ``result_id``, ``result_housenumber``, ``result_citycode``…).
    """
    fields: list[tuple[str, str]] = [("columns", c) for c in columns]
    if citycode:
        fields.append(("citycode", citycode))
    if postcode:
        fields.append(("postcode", postcode))
    fields.extend(params.items())
    boundary = uuid.uuid4().hex
    body = io.BytesIO()
    for name, value in fields:
        body.write(f"--{boundary}\r\nContent-Disposition: form-data; "
                   f"name=\"{name}\"\r\n\r\n{value}\r\n".encode())
    body.write(f"--{boundary}\r\nContent-Disposition: form-data; name=\"data\"; "
               f"filename=\"queries.csv\"\r\nContent-Type: text/csv\r\n\r\n".encode())
    body.write(csv_bytes)
    body.write(f"\r\n--{boundary}--\r\n".encode())
    request = urllib.request.Request(
        url.rstrip("/") + "/search/csv/", data=body.getvalue(), method="POST",
        headers={"Content-Type": f"multipart/form-data; boundary={boundary}"})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        text = response.read().decode("utf-8-sig")
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    return list(csv.DictReader(io.StringIO(text), delimiter=delimiter))


def rows_to_csv(rows: Sequence[dict], columns: Sequence[str]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, columns, delimiter=";", lineterminator="\n",
                            extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def addok_fixture(ban_files: Sequence[Path], name: str = "addok", scope: str = "module"):
    """A pytest fixture that yields a running :class:`AddokServer` loaded with
    ``ban_files``; ``server.timings["start"]`` is the whole start-up (Redis, import,
    ngrams, server). Without addok installed the tests skip, except under CI (``CI``
    set), where they fail: CI installs addok (scripts/addok_install.sh).

    In a conftest or test module: ``addok = addok_fixture([path, ...])``.
    """
    import pytest

    @pytest.fixture(scope=scope, name=name)
    def _fixture():
        t0 = time.perf_counter()
        server = AddokServer(ban_files)
        try:
            server.start()
        except AddokUnavailable as e:
            server.stop()
            if os.environ.get("CI"):
                raise
            pytest.skip(str(e))
        server.timings["start"] = time.perf_counter() - t0
        try:
            yield server
        finally:
            server.stop()

    return _fixture


def main(argv: Sequence[str] | None = None) -> None:
    """``python3 tests/python/addok_server.py BAN.csv [...]``: serve until Ctrl-C."""
    import argparse

    parser = argparse.ArgumentParser(description="Serve BAN files with a local addok.")
    parser.add_argument("ban", nargs="+", type=Path, help="BAN department CSV files")
    args = parser.parse_args(argv)

    def on_term(*_):
        raise KeyboardInterrupt

    import signal

    signal.signal(signal.SIGTERM, on_term)
    with AddokServer(args.ban) as server:
        print(f"addok on {server.url} ({server.documents} documents); "
              f"try: curl -F data=@queries.csv -F columns=address {server.url}/search/csv/",
              flush=True)
        try:
            while server.http.poll() is None:
                time.sleep(1)
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
