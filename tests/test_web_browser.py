"""The web app in headless Chromium (the system's /usr/bin/chromium driven by Playwright) over a
store with the bundled sample ingested by the real pipeline: the map, filters, an incident page,
a review edit that shows in the history and the audit log, and an article with a script in it
that renders inert.

Skips when /usr/bin/chromium is absent, unless DOCKET_REQUIRE_BROWSER=1 (CI), which fails instead.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from docket.demo import sample_path
from docket.faces.api.serve import running
from docket.ingest import ingest
from docket.record import content_hash
from docket.settings import Settings

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]
# Nagorno-Karabakh, roughly: west, south, east, north.
KARABAKH = (45.5, 39.0, 47.5, 40.5)
HOSTILE = (
    "Cluster munitions struck Stepanakert on 4 October 2020, Human Rights Watch said.\n\n"
    'The statement ended with <script>window.__pwned = 1; alert("script ran")</script> and '
    "<img src=x onerror=\"window.__pwned = 2; alert('onerror ran')\"> in its text.\n"
)
TIMEOUT_MS = 20_000
# an incident on the map: a marker, a cluster, or an area (a district, region or country)
DRAWN = ".pin, .marker-cluster, .leaflet-overlay-pane path.leaflet-interactive"


def _need_browser() -> None:
    if CHROMIUM.exists():
        return
    reason = f"{CHROMIUM} not found: install Debian's chromium package (apt-get install chromium)"
    if os.environ.get("DOCKET_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason}; DOCKET_REQUIRE_BROWSER=1 says browser tests must run")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A server on a free loopback port over the sample and one hostile article, ingested once."""
    _need_browser()
    folder = tmp_path_factory.mktemp("web")
    hostile = folder / "hostile-article.txt"
    hostile.write_text(HOSTILE, "utf-8")
    settings = Settings(data_dir=folder / "data", host="127.0.0.1", port=0)
    summary = ingest([str(sample_path()), str(hostile)], settings)
    assert not summary.failed, summary.failed
    with running(settings) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    _need_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    opened.set_default_timeout(TIMEOUT_MS)
    opened.dialogs = []
    opened.on("dialog", lambda dialog: (opened.dialogs.append(dialog.message), dialog.dismiss()))
    yield opened
    context.close()


def _api(base_url: str, path: str) -> Any:
    return httpx.get(base_url + path, timeout=30).json()


def test_founding_article_on_the_map_over_karabakh(base_url: str, page: Any) -> None:
    west, south, east, north = KARABAKH
    founding = json.loads(sample_path().read_text("utf-8").splitlines()[0])
    document = content_hash(founding["text"].encode("utf-8"))
    box = f"{west},{south},{east},{north}"
    over_karabakh = _api(base_url, f"/api/incidents?document={document}&bbox={box}")
    assert over_karabakh["total"] >= 1, "the founding article's incidents lie in Nagorno-Karabakh"
    page.goto(f"{base_url}/?document={document}")
    page.wait_for_selector("body[data-markers]")
    assert page.locator(DRAWN).count() >= 1
    center = page.evaluate("[window.docketMap.getCenter().lat, window.docketMap.getCenter().lng]")
    assert south - 5 < center[0] < north + 5 and west - 5 < center[1] < east + 5
    assert page.dialogs == []


def test_map_filter_incident_and_review(base_url: str, page: Any) -> None:
    # the page shows live records: an incident merged into another is listed through that one
    everything = _api(base_url, "/api/incidents?live=true&limit=5000")["items"]
    assert everything, "the sample yields incidents"
    placed = [i for i in everything if (i.get("location") or {}).get("lat") is not None]

    page.goto(base_url + "/")
    page.wait_for_selector("body[data-markers]")
    assert page.get_attribute("body", "data-markers") == str(len(placed))
    assert page.locator(DRAWN).count() >= min(1, len(placed))
    assert page.locator("svg path").count() > 100  # the country outlines
    assert page.locator("#timeline svg rect, #timeline").count() >= 1
    assert page.locator("#list li").count() == len(everything)

    # Filter by the category of the founding article's first incident (placed ones first).
    target = (placed or everything)[0]
    page.select_option("select[name=category]", target["category"])
    page.click("#filters button[type=submit]")
    page.wait_for_selector("body[data-markers]")
    expected = _api(base_url, f"/api/incidents?category={target['category']}&live=true&limit=5000")
    assert 1 <= expected["total"] < len(everything)
    assert page.locator("#list li").count() == expected["total"]
    assert page.locator("#summary").inner_text().startswith(f"{expected['total']} incident")

    # Open the incident.
    page.click(f"#list a[href='/incidents/{target['id']}']")
    page.wait_for_url(f"**/incidents/{target['id']}")
    assert page.locator("h1").inner_text().startswith(target["category"].replace("_", " "))
    assert page.locator(".source mark.hl-evidence").count() >= 1
    assert page.locator("#revision").inner_text() == "1"

    # Review: edit a field; the new revision appears in the history.
    page.select_option(".review select[name=field]", "killed.best")
    page.fill(".review input[name=value]", "7")
    page.fill(".review input[name=reason]", "browser test edit")
    page.click(".review form.edit button[type=submit]")
    page.wait_for_url(f"**/incidents/{target['id']}")
    assert page.locator("#revision").inner_text() == "2"
    assert page.locator("#status").inner_text() == "edited"
    last = page.locator("#history li").last.inner_text()
    assert "revision 2: edit by local" in last and "browser test edit" in last
    assert _api(base_url, f"/api/incidents/{target['id']}")["killed"]["best"] == 7

    page.goto(base_url + "/audit")
    first_row = page.locator("#audit tbody tr").first.inner_text()
    assert "local" in first_row and "edit" in first_row and target["id"] in first_row
    assert page.dialogs == []


def test_article_with_script_renders_inert(base_url: str, page: Any) -> None:
    found = _api(base_url, "/api/documents?q=onerror")["items"]
    assert len(found) == 1
    document_id = found[0]["id"]
    page.goto(f"{base_url}/documents/{document_id}")
    text = page.locator(".text").inner_text()
    assert "<script>window.__pwned = 1;" in text and "onerror=" in text  # shown as text
    incidents = _api(base_url, f"/api/incidents?document={document_id}")["items"]
    for incident in incidents:
        page.goto(f"{base_url}/incidents/{incident['id']}")
        assert "<script>" in page.locator(".source .text").first.inner_text()
    page.goto(f"{base_url}/?q=onerror")
    page.wait_for_selector("body[data-markers]")
    page.wait_for_timeout(300)
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.dialogs == []
    assert page.locator("script:not([src])").count() == 0  # no inline scripts at all
