"""The report explored in a real browser (docs/outputs.md, "Report", "Exploring the
report"): Selenium drives Debian's chromium through Debian's chromedriver
(``apt-get install chromium chromium-driver``, done by ``.ci/run``; ``pip install
selenium``, a test extra). Typing in the directory's search box filters its rows,
its lists filter by kind, its pages turn; clicking a zone or an actor opens its card,
with the figures of the bundle; the map and the network zoom, pan and come back;
sectors and layers switch off; the « Avant / après » section shows the figures of
``Territory.compare`` between two dates chosen here; and the page makes no network
request (the browser's performance log, which a probe page with external references
shows would record them).

The report is written by the Python API from a copy of ``data/lyon7`` observed on
``AFTER`` (its manifest's date rewritten), diagnosed ``since=BEFORE``."""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import unicodedata
from pathlib import Path

import pytest

from conftest import LYON7, REPO_ROOT, tomllib

import maillage

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")

try:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.actions.wheel_input import ScrollOrigin
    from selenium.webdriver.common.by import By
except ImportError:  # pragma: no cover - reported below
    webdriver = None

MISSING = (
    "selenium is not installed (pip install -e '.[test]')"
    if webdriver is None
    else None
    if CHROMIUM.exists() and CHROMEDRIVER.exists()
    else "needs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver)"
)

if MISSING and os.environ.get("CI"):
    # in CI the browser is installed by .ci/run: its absence is a failure, not a skip
    raise RuntimeError(MISSING)
pytestmark = pytest.mark.skipif(MISSING is not None, reason=MISSING or "")

BEFORE = "2021-06-30"
AFTER = "2023-12-31"


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Path:
    bundle = tmp_path_factory.mktemp("lyon7")
    shutil.copytree(LYON7, bundle, dirs_exist_ok=True)
    manifest = bundle / "territory.toml"
    text = manifest.read_text("utf-8")
    assert 'date = "2024-06-30"' in text
    manifest.write_text(text.replace('date = "2024-06-30"', f'date = "{AFTER}"'), "utf-8")
    out = tmp_path_factory.mktemp("rapport")
    maillage.load(bundle).diagnose(since=BEFORE).write(out, ["report.html"])
    return out / "report.html"


@pytest.fixture(scope="module")
def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--window-size=1280,1000",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-default-apps",
        "--disable-extensions",
    ):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    yield driver
    driver.quit()


@pytest.fixture
def page(browser, report):
    browser.get(report.as_uri())
    browser.get_log("performance")  # what opening the page asked is read by its test
    return browser


def fold(text: str) -> str:
    """Text without case or accents, as the directory's search compares it."""
    return "".join(
        c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c)
    ).lower()


def french_number(text: str) -> float:
    """A number as the report writes it (thin spaces, decimal comma), or — for none."""
    text = (
        text.replace("\u202f", "")
        .replace("\u00a0", "")
        .replace(" ", "")
        .replace(",", ".")
        .replace("\u2212", "-")
    )
    return float("nan") if text in ("—", "") else float(text)


def visible(elements) -> list:
    return [e for e in elements if e.is_displayed()]


def view_box(driver, svg_id: str) -> list[float]:
    return [float(x) for x in driver.find_element(By.ID, svg_id).get_dom_attribute("viewBox").split()]


def shown_actors() -> list[dict]:
    """The actors the report may list by default, read from the bundle's CSV and the
    taxonomy (not from the library): those whose kind is not of family
    ``professional``."""
    taxonomy = tomllib.loads(
        (REPO_ROOT / "crates" / "maillage" / "data" / "taxonomy.toml").read_text("utf-8")
    )
    kinds = dict(taxonomy["kinds"])
    manifest = tomllib.loads((LYON7 / "territory.toml").read_text("utf-8"))
    for kind, spec in manifest.get("taxonomy", {}).get("kinds", {}).items():
        kinds[kind] = {**kinds.get(kind, {}), **spec}
    with open(LYON7 / "actors.csv", newline="", encoding="utf-8") as f:
        actors = list(csv.DictReader(f))
    for a in actors:
        a["label"] = kinds[a["kind"]].get("label", a["kind"])
    return [a for a in actors if kinds[a["kind"]]["family"] != "professional"]


# ----------------------------------------------------------------- directory


def test_the_directory_search_box_filters_its_rows(page):
    directory = page.find_element(By.ID, "annuaire")
    rows = directory.find_elements(By.CSS_SELECTOR, "tbody tr")
    actors = shown_actors()
    assert len(rows) == len(actors)
    count = directory.find_element(By.CSS_SELECTOR, ".annuaire-compte")
    assert count.text == f"{len(actors)} acteurs"
    # a page of 50 rows at a time
    assert len(visible(rows)) == min(50, len(actors))

    page.execute_script("arguments[0].scrollIntoView()", directory)
    search = directory.find_element(By.CSS_SELECTOR, "input[type=search]")
    search.send_keys("SANTE Mentale")  # capitals, no accent: « santé mentale » is found
    shown = visible(rows)
    assert 0 < len(shown) < len(actors)
    for row in rows:
        text = fold(row.get_attribute("textContent"))
        assert (row in shown) == ("sante" in text and "mentale" in text), text
    assert count.text == f"{len(shown)} sur {len(actors)} acteurs"

    search.clear()
    search.send_keys("x")
    search.clear()
    page.execute_script("arguments[0].dispatchEvent(new Event('input'))", search)
    assert len(visible(rows)) == min(50, len(actors))


def test_the_directory_filters_by_kind_and_turns_its_pages(page):
    directory = page.find_element(By.ID, "annuaire")
    page.execute_script("arguments[0].scrollIntoView()", directory)
    rows = directory.find_elements(By.CSS_SELECTOR, "tbody tr")
    actors = shown_actors()
    kind = "Pharmacie"
    expected = sorted(a["name"] for a in actors if a["label"] == kind)
    assert expected
    select = directory.find_element(By.CSS_SELECTOR, "select[data-filtre=type]")
    select.find_element(By.XPATH, f"option[. = '{kind}']").click()
    names = sorted(r.find_element(By.TAG_NAME, "td").text for r in visible(rows))
    assert names == expected
    select.find_element(By.XPATH, "option[@value = '']").click()

    pages = directory.find_element(By.CSS_SELECTOR, ".annuaire-pages")
    assert "Page 1 sur 2" in pages.text
    first = [r.get_attribute("textContent") for r in visible(rows)]
    pages.find_element(By.XPATH, "button[contains(., 'Suivante')]").click()
    second = [r.get_attribute("textContent") for r in visible(rows)]
    assert len(first) == 50 and len(second) == len(actors) - 50
    assert not set(first) & set(second)
    assert "Page 2 sur 2" in pages.text


# ----------------------------------------------------------------- cards


def zone_populations() -> dict[str, tuple[str, float]]:
    """Each IRIS of the bundle: its name and population, from the GeoJSON."""
    features = json.loads((LYON7 / "zones" / "iris.geojson").read_text("utf-8"))["features"]
    return {
        str(f["properties"]["id"]): (f["properties"]["libiris"], float(f["properties"]["p12_pop"]))
        for f in features
    }


def card_lines(card) -> dict[str, str]:
    terms = card.find_elements(By.TAG_NAME, "dt")
    values = card.find_elements(By.TAG_NAME, "dd")
    return {t.text: v.text for t, v in zip(terms, values)}


def test_clicking_a_zone_opens_its_card(page):
    page.execute_script("arguments[0].scrollIntoView()", page.find_element(By.ID, "carte"))
    zones = zone_populations()
    clicked = 0
    for path in page.find_elements(By.CSS_SELECTOR, "#carte-1 path.zone")[:6]:
        ActionChains(page).move_to_element(path).click().perform()
        card = page.find_element(By.ID, "fiche")
        assert card.is_displayed()
        title = card.find_element(By.TAG_NAME, "h3").text
        match = re.fullmatch(r"(.+) \((\d+)\)", title)
        assert match, title
        name, population = zones[match.group(2)]
        assert match.group(1) == name
        assert french_number(card_lines(card)["Population"]) == round(population)
        clicked += 1
        card.find_element(By.CSS_SELECTOR, "button.fermer").click()
        assert not card.is_displayed()
    assert clicked == 6


def test_clicking_an_actor_opens_its_card_without_hidden_professionals(page):
    page.execute_script("arguments[0].scrollIntoView()", page.find_element(By.ID, "reseau"))
    names = {a["id"]: a["name"] for a in shown_actors()}
    circle = max(
        page.find_elements(By.CSS_SELECTOR, "#reseau-figure circle.actor"),
        key=lambda c: float(c.get_dom_attribute("r")),
    )
    ActionChains(page).move_to_element(circle).click().perform()
    card = page.find_element(By.ID, "fiche")
    assert card.find_element(By.TAG_NAME, "h3").text == names[circle.get_dom_attribute("data-acteur")]
    assert "Partenaires directs" in card_lines(card)
    partners = [li.text for li in card.find_elements(By.CSS_SELECTOR, "li")]
    listed = set(names.values())
    for p in partners:
        assert p in listed or re.fullmatch(r"et \d+ professionnel·le(s)?", p), p


# ------------------------------------------------------------ zoom, pan, layers


def test_zoom_and_pan_change_the_map_view_and_come_back(page):
    page.execute_script("arguments[0].scrollIntoView()", page.find_element(By.ID, "carte"))
    home = view_box(page, "carte-1")
    page.find_element(By.CSS_SELECTOR, "[data-cible=carte-1] button[data-zoom=plus]").click()
    zoomed = view_box(page, "carte-1")
    assert zoomed[2] < home[2] and zoomed[3] < home[3]
    # the wheel, over the map
    svg = page.find_element(By.ID, "carte-1")
    ActionChains(page).scroll_from_origin(ScrollOrigin.from_element(svg), 0, -120).perform()
    wheeled = view_box(page, "carte-1")
    assert wheeled[2] < zoomed[2]
    # a drag pans
    ActionChains(page).move_to_element(svg).click_and_hold().move_by_offset(60, 40).release().perform()
    panned = view_box(page, "carte-1")
    assert panned[2] == pytest.approx(wheeled[2])
    assert panned[0] < wheeled[0] and panned[1] < wheeled[1]
    page.find_element(By.CSS_SELECTOR, "[data-cible=carte-1] button[data-zoom=recentrer]").click()
    assert view_box(page, "carte-1") == home


def test_sectors_and_layers_switch_off(page):
    page.execute_script("arguments[0].scrollIntoView()", page.find_element(By.ID, "reseau"))
    circles = page.find_elements(By.CSS_SELECTOR, "#reseau-figure circle.actor")
    before = len(visible(circles))
    box = page.find_elements(By.CSS_SELECTOR, ".legende[data-cible=reseau-figure] input[data-secteur]")[0]
    sector = box.get_dom_attribute("data-secteur")
    of_sector = [c for c in circles if c.get_dom_attribute("data-secteur") == sector]
    assert of_sector
    box.click()
    assert len(visible(circles)) == before - len(of_sector)
    for tie in page.find_elements(By.CSS_SELECTOR, "#reseau-figure line.tie"):
        if sector in tie.get_dom_attribute("data-secteurs").split():
            assert not tie.is_displayed()
    box.click()
    assert len(visible(circles)) == before

    page.execute_script("arguments[0].scrollIntoView()", page.find_element(By.ID, "carte"))
    qpv = page.find_elements(By.CSS_SELECTOR, "#carte-1 path.qpv")
    assert qpv and all(q.is_displayed() for q in qpv)
    page.find_element(By.CSS_SELECTOR, "[data-cible=carte-1] input[data-couche=qpv]").click()
    assert not any(q.is_displayed() for q in qpv)


# ----------------------------------------------------------- before / after


def test_before_and_after_shows_the_figures_of_compare(page):
    expected = maillage.load(LYON7).compare(BEFORE, AFTER)
    section = page.find_element(By.ID, "avant-apres")
    table = section.find_element(By.TAG_NAME, "table")
    header = [th.text for th in table.find_elements(By.TAG_NAME, "th")]
    assert header == ["Indicateur", "Au 30 juin 2021", "Au 31 décembre 2023"]
    rows = {
        tr.find_elements(By.TAG_NAME, "td")[0].text: [
            french_number(td.text) for td in tr.find_elements(By.TAG_NAME, "td")[1:]
        ]
        for tr in table.find_elements(By.CSS_SELECTOR, "tbody tr")
    }
    for label, key, decimals in [
        ("Relations valides", "relations", 0),
        ("Liens", "edges", 0),
        ("Densité", "density", 4),
        ("Indice E-I", "ei_index", 3),
        ("Liens entre groupes", "cross_group_edges", 0),
        ("Composantes", "components", 0),
        ("Acteurs isolés", "isolated_actors", 0),
    ]:
        for shown, when in zip(rows[label], ("before", "after")):
            assert shown == pytest.approx(round(expected[when][key], decimals), abs=1e-12), (label, when)
    gained, lost = len(expected["gained"]), len(expected["lost"])
    assert gained > 0 and lost > 0
    said = section.text
    assert (
        f"{gained} liens créés, dont {expected['gained_cross_group']} entre groupes ; "
        f"{lost} perdu{'s' if lost > 1 else ''}, dont {expected['lost_cross_group']} entre groupes."
    ) in said.replace("\u202f", "")


# ----------------------------------------------------------- nothing fetched


def requests(driver) -> list[str]:
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


def test_exploring_makes_no_network_request(browser, report, tmp_path):
    # the log sees a request when a page makes one
    probe = tmp_path / "probe.html"
    probe.write_text(
        '<!DOCTYPE html><img src="http://203.0.113.9/x.png"><script>fetch("https://example.org/y")</script>',
        "utf-8",
    )
    browser.get(probe.as_uri())
    seen = requests(browser)
    assert any(u.startswith("http") for u in seen), seen
    browser.get_log("browser")  # the probe's errors

    browser.get(report.as_uri())
    browser.find_element(By.CSS_SELECTOR, "#annuaire input[type=search]").send_keys("cpts")
    ActionChains(browser).move_to_element(
        browser.find_element(By.CSS_SELECTOR, "#carte-1 path.zone")
    ).click().perform()
    browser.find_element(By.CSS_SELECTOR, "[data-cible=reseau-figure] button[data-zoom=plus]").click()
    seen = requests(browser)
    assert seen, "the page itself is requested"
    assert all(u.startswith(("file:", "data:", "about:")) for u in seen), seen
    errors = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert not errors, errors
