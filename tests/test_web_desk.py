"""A review session in headless Chromium over the bundled sample, read by the real pipeline:
the queue grouped by document with its suggested duplicates, a suggested pair merged in one
click, a place corrected through the gazetteer picker, a perpetrator edited, an accept by
keyboard, the history and the audit log; then the map at a town's zoom (admin-1 boundaries and
labels, town names), live records only, the timeline brushed, and the incident page's small map.

With DOCKET_SCREENSHOTS=FOLDER the walk photographs each page there (scripts/screenshots.py
does this for docs/screenshots/). Skips without /usr/bin/chromium unless DOCKET_REQUIRE_BROWSER=1.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from docket.demo import sample_path
from docket.faces.api.serve import running
from docket.ingest import ingest
from docket.settings import Settings

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update"]  # fmt: skip
TIMEOUT_MS = 60_000  # the map loads province files and town names; CI machines are shared
DEIR_EZ_ZOR = "geonames:170794"  # the town, not the province of the same name
SHOTS = os.environ.get("DOCKET_SCREENSHOTS")


def _need_browser() -> None:
    if CHROMIUM.exists():
        return
    reason = f"{CHROMIUM} not found: install Debian's chromium package (apt-get install chromium)"
    if os.environ.get("DOCKET_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason}; DOCKET_REQUIRE_BROWSER=1 says browser tests must run")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    _need_browser()
    settings = Settings(data_dir=tmp_path_factory.mktemp("desk") / "data", host="127.0.0.1", port=0)
    summary = ingest([str(sample_path())], settings)
    assert not summary.failed, summary.failed
    with running(settings) as url:
        yield url


@pytest.fixture(scope="module")
def page(base_url: str) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        context = browser.new_context(viewport={"width": 1400, "height": 950})
        opened = context.new_page()
        opened.set_default_timeout(TIMEOUT_MS)
        errors: list[str] = []
        opened.on("pageerror", lambda error: errors.append(str(error)))
        opened.errors = errors
        yield opened
        browser.close()


def _api(base_url: str, path: str) -> Any:
    return httpx.get(base_url + path, timeout=30).json()


def _shot(page: Any, name: str, full_page: bool = False) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=full_page)


def _open_ids(base_url: str) -> set[str]:
    ids = set()
    for status in ("machine", "edited"):
        ids |= {
            i["id"]
            for i in _api(base_url, f"/api/review/queue?status={status}&limit=1000")["items"]
        }
    return ids


def test_review_session(base_url: str, page: Any) -> None:
    page.goto(base_url + "/review")
    # The queue groups what it claims: every open incident once, under its first source.
    cards = page.locator("#documents li.item")
    open_ids = _open_ids(base_url)
    assert {c.get_attribute("id")[2:] for c in cards.all()} == open_ids
    for group in page.locator(".docgroup").all():
        document = group.get_attribute("data-document")
        for card in group.locator("li.item").all():
            incident = _api(base_url, f"/api/incidents/{card.get_attribute('id')[2:]}")
            assert incident["sources"][0]["id"] == document
    # Each suggested pair: two open incidents at one place, in one family of categories.
    pairs = page.locator("li.pair")
    assert pairs.count() >= 1
    first, second = (
        pairs.first.get_attribute("data-first"),
        pairs.first.get_attribute("data-second"),
    )
    a, b = (_api(base_url, f"/api/incidents/{i}") for i in (first, second))
    assert {first, second} <= open_ids
    assert a["location"]["name"] == b["location"]["name"]
    _shot(page, "review")

    # One click merges the pair; the merged one leaves the queue, both are in the audit log.
    pairs.first.locator("form.merge-pair button").click()
    page.wait_for_url("**/review?status=open*")
    assert _api(base_url, f"/api/incidents/{second}")["status"] == "merged"
    assert page.locator(f"#q-{second}").count() == 0
    merged_sources = {s["id"] for s in _api(base_url, f"/api/incidents/{first}")["sources"]}
    assert {s["id"] for s in b["sources"]} <= merged_sources

    # The place picker: the US Central Command report's incident is placed in all of Syria.
    group = page.locator(".docgroup", has_text="Dayr az Zawr")
    card = group.locator("li.item").first
    target = card.get_attribute("id")[2:]
    assert _api(base_url, f"/api/incidents/{target}")["location"]["precision"] == "country"
    card.locator("form.place input[name=q]").fill("Dayr az Zawr")
    card.locator("form.place button").click()
    page.wait_for_url(f"**/incidents/{target}/place*")
    row = page.locator(f"#choices tr[data-place='{DEIR_EZ_ZOR}']")
    assert "Deir ez-Zor, Syria" in row.inner_text() and "town" in row.inner_text()
    _shot(page, "place")
    row.locator("button").click()
    page.wait_for_url("**/review?status=open*")
    place = _api(base_url, f"/api/incidents/{target}")["location"]
    assert (place["name"], place["gazetteer_id"], place["precision"]) == (
        "Deir ez-Zor", DEIR_EZ_ZOR, "town")  # fmt: skip
    assert abs(place["lat"] - 35.336) < 0.01 and abs(place["lon"] - 40.141) < 0.01
    card = page.locator(f"#q-{target}")
    assert "Deir ez-Zor" in card.locator(".where").inner_text()  # still open: edited

    # Edit the perpetrator: the form starts from what the record says.
    card.locator("form.edit select").select_option("perpetrators")
    current = _api(base_url, f"/api/incidents/{target}")["perpetrators"]
    shown = card.locator("form.edit input[name=value]").input_value()
    assert shown == "; ".join(f"{p['text']} ({p['status']})" for p in current)
    card.locator("form.edit input[name=value]").fill("Islamic State (alleged)")
    card.locator("form.edit input[name=reason]").fill("the report names IS")
    card.locator("form.edit button[type=submit]").click()
    page.wait_for_url("**/review?status=open*")
    perpetrators = _api(base_url, f"/api/incidents/{target}")["perpetrators"]
    assert [(p["text"], p["status"]) for p in perpetrators] == [("Islamic State", "alleged")]

    # Accept by keyboard: the card is current after the redirect ('a' accepts it).
    page.goto(f"{base_url}/review#q-{target}")
    page.wait_for_selector(f"body[data-current='{target}']")
    page.keyboard.press("a")
    page.wait_for_url("**/review?status=open*")
    assert _api(base_url, f"/api/incidents/{target}")["status"] == "accepted"
    assert page.locator(f"#q-{target}").count() == 0

    # The history says what each revision changed; the audit log has each action.
    page.goto(f"{base_url}/incidents/{target}")
    rows = [li.inner_text() for li in page.locator("#history li").all()]
    assert [r.split(":")[1].split()[0] for r in rows] == ["create", "edit", "edit", "accept"]
    assert "location.gazetteer_id" in rows[1] and "location.name" in rows[1]
    assert "changed: perpetrators" in rows[2] and "the report names IS" in rows[2]
    page.goto(base_url + "/audit")
    audit = [r.inner_text() for r in page.locator("#audit tbody tr").all()[:4]]
    assert [
        "accept" in audit[0],
        "edit" in audit[1],
        DEIR_EZ_ZOR in audit[2],
        "merge" in audit[3],
    ] == [True] * 4
    assert page.errors == []


def test_map_at_a_town_zoom(base_url: str, page: Any) -> None:
    page.goto(base_url + "/")
    page.wait_for_selector("body[data-markers]")
    live = _api(base_url, "/api/incidents?live=true&limit=5000")
    assert page.locator("#list li").count() == live["total"]
    merged = [i["id"] for i in _api(base_url, "/api/incidents?status=merged")["items"]]
    listed = page.eval_on_selector_all("#list a", "links => links.map(a => a.href)")
    assert merged and not any(m in link for m in merged for link in listed)  # live records only
    _shot(page, "map")

    # Markers are coloured by grade, clusters by their most common grade.
    grades = page.eval_on_selector_all(".pin, .marker-cluster", "els => els.map(e => e.className)")
    assert grades and all("grade-" in g for g in grades)

    page.evaluate("window.docketMap.setView([35.34, 40.14], 8, {animate: false})")  # Deir ez-Zor
    assert page.evaluate("window.docketMap.getZoom()") == 8
    # (selectors, not wait_for_function: the pages' CSP forbids evaluating strings)
    page.wait_for_selector(".town-label:text-is('Deir ez-Zor')")
    page.wait_for_selector("body[data-admin1-labels]:not([data-admin1-labels='0'])")
    towns = page.locator(".town-label").all_inner_texts()
    assert "Deir ez-Zor" in towns
    provinces = [t.casefold() for t in page.locator(".admin1-label").all_text_contents()]
    assert "dayr az zawr" in provinces and "ar raqqah" in provinces, provinces
    assert page.locator("path[stroke-dasharray='3 3']").count() > 0  # admin-1 boundaries
    _shot(page, "map-town")
    assert page.errors == []


def test_timeline_brushes_the_map_and_the_list(base_url: str, page: Any) -> None:
    page.goto(base_url + "/")
    page.wait_for_selector("body[data-markers]")
    page.wait_for_selector("#timeline svg rect[data-period]")
    data = _api(base_url, "/api/incidents/timeline?live=true")
    items = _api(base_url, "/api/incidents?live=true&limit=5000")["items"]
    dated = [i for i in items if i["when"]["start"]]
    assert sum(sum(c) for c in data["series"].values()) == len(dated)  # nothing capped
    page.evaluate("window.docketBrush('2020-10-01', '2020-10-31')")
    inside = [i for i in dated if "2020-10-01" <= i["when"]["start"] < "2020-11-02"]
    assert page.locator("#list li:not([hidden])").count() == len(inside)
    assert "brushed" in page.locator("#brushed").inner_text()
    page.get_by_role("button", name="Whole range").click()
    assert page.locator("#list li:not([hidden])").count() == len(items)


def test_incident_page_small_map_and_weapons(base_url: str, page: Any) -> None:
    items = _api(base_url, "/api/incidents?live=true&limit=5000")["items"]
    region = next(i for i in items if (i["location"] or {}).get("precision") == "region")
    page.goto(f"{base_url}/incidents/{region['id']}")
    page.wait_for_selector("body[data-minimap]")
    assert page.get_attribute("body", "data-minimap") == "area"  # drawn as its area, not a pin
    weapons = [w["class"] for w in region["weapons"]]
    fields = page.locator("table.fields").inner_text()
    for weapon in weapons:
        assert weapon in fields
    if region.get("acled_sub_event_type"):
        assert region["acled_sub_event_type"] in fields
    _shot(page, "incident", full_page=True)
    page.goto(f"{base_url}/documents/{region['sources'][0]['id']}")
    assert page.locator(".text mark.hl-evidence").count() >= 1
    _shot(page, "document")
    assert page.errors == []
