"""The incidents API over a real store: every filter, sorting, paging, the timeline, errors."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

pytest_plugins = ["api_fixtures"]


def ids(client: TestClient, query: str = "") -> list[str]:
    response = client.get(f"/api/incidents?{query}")
    assert response.status_code == 200, response.text
    return [item["id"] for item in response.json()["items"]]


def test_lists_newest_event_first_with_sources_and_review_state(read_client: TestClient) -> None:
    page = read_client.get("/api/incidents").json()
    assert page["total"] == 3
    assert [i["id"] for i in page["items"]] == ["inc-kharkiv", "inc-ganja", "inc-stepanakert"]
    first = page["items"][2]
    assert first["status"] == "machine" and first["revision"] == 1
    assert first["sources"][0]["title"] == "Cluster munitions <b>in</b> Karabakh"
    assert first["location"]["lat"] == pytest.approx(39.8153)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("since=2021-01-01", ["inc-kharkiv"]),
        ("until=2020-10-05", ["inc-stepanakert"]),
        ("since=2020-10-01&until=2020-10-31", ["inc-ganja", "inc-stepanakert"]),
        ("bbox=44,38,48,42", ["inc-ganja", "inc-stepanakert"]),
        ("bbox=30,45,40,55", ["inc-kharkiv"]),
        ("country=ua", ["inc-kharkiv"]),
        ("actor=AZE", ["inc-stepanakert"]),
        ("actor=azerbaijan", ["inc-stepanakert"]),
        ("weapon=cluster_munition", ["inc-stepanakert"]),
        ("weapon=artillery", ["inc-kharkiv"]),
        ("category=shelling_or_artillery", ["inc-kharkiv", "inc-ganja"]),
        ("grade=contested", ["inc-stepanakert"]),
        ("flag=CCM_NOT_PARTY", ["inc-stepanakert"]),
        ("flag=ccm", ["inc-stepanakert"]),
        ("q=Kharkiv", ["inc-kharkiv"]),
        ("q=denied", ["inc-ganja", "inc-stepanakert"]),  # words in the source document
        ("q=nowhere+words", []),
        ("status=machine&country=AZ&weapon=cluster_munition", ["inc-stepanakert"]),
    ],
)
def test_filters(read_client: TestClient, query: str, expected: list[str]) -> None:
    assert ids(read_client, query) == expected


def test_sorting_and_paging(read_client: TestClient) -> None:
    assert ids(read_client, "sort=when") == ["inc-stepanakert", "inc-ganja", "inc-kharkiv"]
    page = read_client.get("/api/incidents?sort=when&limit=1&offset=1").json()
    assert [i["id"] for i in page["items"]] == ["inc-ganja"]
    assert (page["total"], page["limit"], page["offset"]) == (3, 1, 1)


def test_one_incident_its_claims_and_history(read_client: TestClient) -> None:
    incident = read_client.get("/api/incidents/inc-stepanakert").json()
    assert incident["flags"][0]["code"] == "CCM_NOT_PARTY"
    claims = read_client.get("/api/incidents/inc-stepanakert/claims").json()
    assert {(c["source"]["actor"], c["stance"]) for c in claims} == {
        ("hrw", "asserts"),
        ("AZE", "denies"),
    }
    history = read_client.get("/api/incidents/inc-stepanakert/history").json()
    assert [(r["revision"], r["action"]) for r in history] == [(1, "create")]


def test_timeline_counts_per_week_and_category(read_client: TestClient) -> None:
    data = read_client.get("/api/incidents/timeline?country=AZ").json()
    assert data["weeks"] == ["2020-09-28", "2020-10-05"]
    assert data["series"] == {"explosive_weapon_attack": [1, 0], "shelling_or_artillery": [0, 1]}
    assert data["undated"] == 0


@pytest.mark.parametrize(
    ("url", "status", "code"),
    [
        ("/api/incidents/inc-none", 404, "E019"),
        ("/api/incidents?bbox=1,2,3", 400, "E033"),
        ("/api/incidents?since=yesterday", 400, "E033"),
        ("/api/incidents?sort=colour", 400, "E033"),
        ("/api/incidents?limit=0", 400, "E033"),
        ("/api/documents/0000000000000000", 404, "E012"),
        ("/api/nothing-here", 404, "E019"),
    ],
)
def test_errors_are_json_with_stable_codes(
    read_client: TestClient, url: str, status: int, code: str
) -> None:
    response = read_client.get(url)
    assert response.status_code == status
    error = response.json()["error"]
    assert error["code"] == code
    assert error["message"] and error["hint"]


def test_filters_and_timeline_on_each_backend(local_client: TestClient) -> None:
    """The same queries on SQLite and (with DOCKET_TEST_POSTGRES_URL) PostgreSQL."""
    assert ids(local_client, "bbox=44,38,48,42&sort=when") == ["inc-stepanakert", "inc-ganja"]
    assert ids(local_client, "since=2021-01-01") == ["inc-kharkiv"]
    assert ids(local_client, "q=denied&weapon=cluster_munition") == ["inc-stepanakert"]
    assert ids(local_client, "country=ua&grade=contested") == []
    timeline = local_client.get("/api/incidents/timeline").json()
    assert sum(sum(counts) for counts in timeline["series"].values()) == 3
