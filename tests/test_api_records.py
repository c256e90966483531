"""Documents, claims, figures, actors, places, treaties, exports and the OpenAPI description,
and the web pages printing ingested text escaped."""

from __future__ import annotations

import csv
import io
import json

import pytest
from fastapi.testclient import TestClient

pytest_plugins = ["api_fixtures"]


@pytest.fixture(scope="module")
def doc(read_client: TestClient) -> str:
    return str(read_client.get("/api/documents?q=Stepanakert").json()["items"][0]["id"])


def test_openapi_lists_every_resource_and_filter(read_client: TestClient) -> None:
    spec = read_client.get("/api/openapi.json").json()
    assert spec["openapi"].startswith("3.")
    paths = spec["paths"]
    for path in (
        "/api/incidents", "/api/incidents/{incident_id}", "/api/incidents/timeline",
        "/api/documents/{document_id}", "/api/claims", "/api/figures", "/api/actors",
        "/api/places", "/api/treaties", "/api/exports/incidents.{fmt}",
        "/api/review/{record_type}/{record_id}", "/api/audit", "/api/auth/users",
    ):  # fmt: skip
        assert path in paths, path
    params = {p["name"] for p in paths["/api/incidents"]["get"]["parameters"]}
    assert params >= {"since", "until", "bbox", "country", "actor", "weapon", "category",
                      "grade", "flag", "q", "sort", "limit", "offset"}  # fmt: skip
    assert "/" not in paths  # web pages stay out of the API description


def test_document_with_highlights_from_offsets(
    read_client: TestClient, doc: str, karabakh_text: str
) -> None:
    data = read_client.get(f"/api/documents/{doc[:12]}").json()
    text = data["document"]["text"]
    assert text == karabakh_text
    evidence = [h for h in data["highlights"] if h["kind"] == "evidence"]
    assert {text[h["start"] : h["end"]] for h in evidence} == {
        "Cluster munitions hit Stepanakert on 4 October 2020",
        "Shelling struck Ganja on 11 October 2020",
    }
    assert {h["label"] for h in data["highlights"] if h["kind"] == "claim"} == {"asserts", "denies"}


def test_raw_bytes_are_a_download_never_a_page(
    read_client: TestClient, doc: str, karabakh_text: str
) -> None:
    response = read_client.get(f"/api/documents/{doc}/raw")
    assert response.content == karabakh_text.encode()
    assert response.headers["content-type"] == "application/octet-stream"
    assert response.headers["content-disposition"].startswith("attachment")


def test_document_search(read_client: TestClient) -> None:
    found = read_client.get("/api/documents?q=Kharkiv").json()["items"]
    assert [d["title"] for d in found] == ["Kharkiv shelled"]


def test_claims_figures_actors_places(read_client: TestClient, doc: str) -> None:
    denies = read_client.get("/api/claims?stance=denies").json()
    assert [c["id"] for c in denies["items"]] == ["clm-aze"]
    claim = read_client.get("/api/claims/clm-hrw").json()
    assert claim["incidents"] == ["inc-stepanakert"] and claim["document_id"] == doc
    by_incident = read_client.get("/api/claims?incident=inc-stepanakert").json()
    assert by_incident["total"] == 2
    assert read_client.get("/api/claims/clm-none").json()["error"]["code"] == "E019"
    killed = read_client.get("/api/figures?measure=killed").json()
    assert {(f["attributed_to"]["actor"], f["value"]["best"]) for f in killed["items"]} == {
        ("hrw", 2),
        ("vladimir-putin", 5000),
    }
    actors = {a["id"] for a in read_client.get("/api/actors").json()["items"]}
    assert {"AZE", "hrw"} <= actors
    places = {p["name"] for p in read_client.get("/api/places").json()["items"]}
    assert {"Stepanakert", "Ganja", "Kharkiv"} <= places


def test_treaty_status_on_a_date(read_client: TestClient) -> None:
    ids = {t["id"] for t in read_client.get("/api/treaties").json()}
    assert "ccm" in ids
    status = read_client.get("/api/treaties/status?state=AZ&on=2020-10-04").json()
    ccm = next(row for row in status["rows"] if row["treaty"] == "ccm")
    assert ccm["status"] == "not_party"
    assert read_client.get("/api/treaties/status?state=Atlantis").status_code == 404


def test_exports(read_client: TestClient) -> None:
    lines = read_client.get("/api/exports/incidents.jsonl?country=AZ").text.splitlines()
    assert sorted(json.loads(line)["id"] for line in lines) == ["inc-ganja", "inc-stepanakert"]
    geo = read_client.get("/api/exports/incidents.geojson").json()
    point = next(f for f in geo["features"] if f["id"] == "inc-kharkiv")
    assert point["geometry"]["coordinates"] == [36.2304, 49.9935]
    rows = list(csv.DictReader(io.StringIO(read_client.get("/api/exports/incidents.csv").text)))
    assert {r["id"]: r["weapons"] for r in rows}["inc-stepanakert"] == "cluster_munition"


def test_pages_print_ingested_text_escaped(read_client: TestClient, doc: str, hostile: str) -> None:
    for url in (f"/documents/{doc}", "/incidents/inc-stepanakert"):
        html = read_client.get(url).text
        assert hostile not in html
        assert "&lt;script&gt;window.__pwned" in html
        assert "<b>in</b>" not in html  # the title too
        assert "<script>window" not in html and "<img src=x" not in html


def test_pages_have_a_strict_content_security_policy(read_client: TestClient) -> None:
    policy = read_client.get("/").headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy.split("style-src")[0]


def test_incident_page_sets_competing_figures_side_by_side(read_client: TestClient) -> None:
    html = read_client.get("/incidents/inc-stepanakert").text
    assert html.count("<circle") == 2  # one mark per figure on the chart
    assert "killed · vladimir-putin: 5000–5000, best 5000" in html
    assert "“the dead at about 5000”" in html
    sides = html.split("Denies / retracts")
    assert "Human Rights Watch" in sides[0] and "denied using cluster munitions" in sides[1]
