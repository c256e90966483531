"""Request bodies and text fields are bounded: a body over DOCKET_MAX_REQUEST_BYTES is HTTP 413 with
E055 naming the limit and the setting (declared or streamed without a length), a field over its
length is 400 E056 naming the field, and nothing is stored. Refusals made before routing (413,
421) are JSON for API clients and a page for browsers."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from docket.faces.api import create_app
from docket.settings import Settings

pytest_plugins = ["api_fixtures"]

LIMIT = 64 * 1024


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture
def small_client(filled_settings: Settings, team: dict[str, str]) -> Iterator[TestClient]:
    settings = filled_settings.model_copy(update={"max_request_bytes": LIMIT})
    with TestClient(create_app(settings, local=False)) as client:
        yield client


def test_a_body_over_the_limit_is_413_e055_and_stores_nothing(
    small_client: TestClient, team: dict[str, str]
) -> None:
    analyst = bearer(team["analyst"])
    audit_before = small_client.get("/api/audit", headers=analyst).json()
    body = {"action": "edit", "field": "location.name", "value": "x" * (LIMIT + 10)}
    response = small_client.post("/api/review/incident/inc-ganja", json=body, headers=analyst)
    assert response.status_code == 413
    error = response.json()["error"]
    assert error["code"] == "E055"
    assert f"{LIMIT:,}" in error["message"] and "DOCKET_MAX_REQUEST_BYTES" in error["message"]
    assert "DOCKET_MAX_REQUEST_BYTES" in error["hint"]
    assert small_client.get("/api/incidents/inc-ganja", headers=analyst).json()["location"][
        "name"
    ] == ("Ganja")
    assert small_client.get("/api/audit", headers=analyst).json() == audit_before


def test_a_streamed_body_without_a_length_is_counted(
    small_client: TestClient, team: dict[str, str]
) -> None:
    payload = json.dumps({"name": "x" * (LIMIT * 3), "password": "whatever-pw"}).encode()

    def chunks() -> Iterator[bytes]:
        for start in range(0, len(payload), 4096):
            yield payload[start : start + 4096]

    response = small_client.post(
        "/api/auth/login", content=chunks(), headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "E055"
    analyst = bearer(team["analyst"])
    assert not any(
        e["action"] == "login.failed"
        for e in small_client.get("/api/audit", headers=analyst).json()
    )


def test_a_body_under_the_limit_passes(small_client: TestClient, team: dict[str, str]) -> None:
    body = {"action": "edit", "field": "location.name", "value": "Gəncə", "reason": "local name"}
    response = small_client.post(
        "/api/review/incident/inc-ganja", json=body, headers=bearer(team["analyst"])
    )
    assert response.status_code == 200, response.text


def test_a_browser_form_over_the_limit_gets_a_page(small_client: TestClient) -> None:
    response = small_client.post(
        "/login",
        data={"name": "x" * (LIMIT + 1), "password": "p"},
        headers={"Accept": "text/html,application/xhtml+xml"},
    )
    assert response.status_code == 413
    assert response.headers["content-type"].startswith("text/html")
    assert "E055" in response.text and "DOCKET_MAX_REQUEST_BYTES" in response.text


@pytest.mark.parametrize(
    ("body", "named"),
    [
        ({"action": "reject", "reason": "r" * 2001}, "reason"),
        ({"action": "merge", "into": "i" * 201}, "into"),
        ({"action": "edit", "field": "location.name", "value": "v" * 10_001}, "value"),
    ],
)
def test_a_field_over_its_length_is_400_e056_naming_it(
    team_client: TestClient, team: dict[str, str], body: dict[str, str], named: str
) -> None:
    analyst = bearer(team["analyst"])
    before = team_client.get("/api/incidents/inc-ganja/history", headers=analyst).json()
    response = team_client.post("/api/review/incident/inc-ganja", json=body, headers=analyst)
    assert response.status_code == 400, response.text
    error = response.json()["error"]
    assert error["code"] == "E056" and error["message"].startswith(named)
    assert team_client.get("/api/incidents/inc-ganja/history", headers=analyst).json() == before


def test_a_token_label_over_its_length_is_refused(
    team_client: TestClient, team: dict[str, str]
) -> None:
    admin = bearer(team["admin"])
    response = team_client.post(
        "/api/auth/users/viewer1/tokens", json={"label": "l" * 201}, headers=admin
    )
    assert response.status_code == 400, response.text
    assert response.json()["error"]["code"] == "E056"


def test_a_refused_host_is_json_for_api_clients_and_a_page_for_browsers(
    settings: Settings,
) -> None:
    evil = {"Host": "evil.example"}
    browser = evil | {"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}
    with TestClient(create_app(settings, local=True)) as client:
        page = client.get("/", headers=browser)
        api = client.get("/api/incidents", headers=browser)
        curl = client.get("/", headers=evil | {"Accept": "*/*"})
    assert page.status_code == 421 and page.headers["content-type"].startswith("text/html")
    assert "E051" in page.text and "evil.example" in page.text
    assert "<script" not in page.text
    for answer in (api, curl):
        assert answer.status_code == 421 and answer.json()["error"]["code"] == "E051"


def test_an_unreachable_database_is_503_e013_with_retry_after(tmp_path: Path) -> None:
    """The store's own translation of a database that cannot be read, answered by the API's own
    error handler: 503 with a Retry-After header."""
    import sqlalchemy as sa

    from docket.errors import DocketError
    from docket.faces.api.errors import docket_error
    from docket.store.db import database_errors

    garbage = tmp_path / "docket.db"
    garbage.write_bytes(b"this is not a database file" * 100)
    url = f"sqlite:///{garbage}"
    engine = sa.create_engine(url)
    with pytest.raises(DocketError) as caught, database_errors(url), engine.connect() as conn:
        conn.execute(sa.text("SELECT 1 FROM documents"))
    assert caught.value.code == "E013"
    answer = docket_error(None, caught.value)  # type: ignore[arg-type]
    assert answer.status_code == 503 and answer.headers["Retry-After"] == "10"
    assert json.loads(answer.body)["error"]["code"] == "E013"
