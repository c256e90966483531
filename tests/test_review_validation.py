"""Review edits are checked before anything is written: a value out of range, an unknown field or a
path deeper than the record is a 400 with E054 naming the field, through the API and the web form,
and the stored record, its history and the audit log stay as they were."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

pytest_plugins = ["api_fixtures"]


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def snapshot(client: TestClient, headers: dict[str, str], kind: str, record: str) -> Any:
    """What a user can see of a record and of the audit log."""
    path = {"incident": "incidents", "claim": "claims", "figure": "figures"}[kind]
    return (
        client.get(f"/api/{path}/{record}", headers=headers).json(),
        client.get(f"/api/incidents/{record}/history", headers=headers).json()
        if kind == "incident"
        else None,
        client.get("/api/audit", headers=headers).json(),
    )


BAD_EDITS = [
    ("incident", "inc-ganja", {"field": "killed.best", "value": -3}, "killed.best"),
    ("incident", "inc-ganja", {"field": "location.lat", "value": 999}, "location.lat"),
    ("incident", "inc-ganja", {"field": "location.lon", "value": -180.5}, "location.lon"),
    ("incident", "inc-ganja", {"field": "colour", "value": "red"}, "colour"),
    ("incident", "inc-ganja", {"field": "location.lat.deg", "value": 1}, "location.lat"),
    ("incident", "inc-ganja", {"field": "when." + "x." * 400 + "y", "value": 1}, "when"),
    ("incident", "inc-ganja", {"field": "killed..best", "value": 1}, "killed..best"),
    ("incident", "inc-ganja", {"field": "weapons.0.text", "value": "x"}, "weapons"),
    ("figure", "fig-hrw", {"field": "value.best", "value": -1}, "value.best"),
    ("figure", "fig-hrw", {"field": "value.worst", "value": 1}, "worst"),
    ("claim", "clm-hrw", {"field": "stance", "value": "shrugs"}, "stance"),
    ("claim", "clm-hrw", {"field": "source.text.more", "value": 1}, "source.text"),
]


@pytest.mark.parametrize(("kind", "record", "edit", "named"), BAD_EDITS)
def test_a_bad_edit_is_400_e054_naming_the_field_and_changes_nothing(
    team_client: TestClient,
    team: dict[str, str],
    kind: str,
    record: str,
    edit: dict[str, Any],
    named: str,
) -> None:
    analyst = bearer(team["analyst"])
    before = snapshot(team_client, analyst, kind, record)
    response = team_client.post(
        f"/api/review/{kind}/{record}", json={"action": "edit", **edit}, headers=analyst
    )
    assert response.status_code == 400, response.text
    error = response.json()["error"]
    assert error["code"] == "E054"
    assert named in error["message"]
    assert snapshot(team_client, analyst, kind, record) == before


def test_a_whole_record_with_an_unknown_or_bad_field_is_refused(
    team_client: TestClient, team: dict[str, str]
) -> None:
    analyst = bearer(team["analyst"])
    current = team_client.get("/api/incidents/inc-ganja", headers=analyst).json()
    data = {k: v for k, v in current.items() if k not in ("status", "revision", "sources")}
    before = snapshot(team_client, analyst, "incident", "inc-ganja")
    for bad, named in [
        ({**data, "colour": "red"}, "colour"),
        ({**data, "location": {**data["location"], "altitude": 3}}, "location.altitude"),
        ({**data, "location": {**data["location"], "lat": 999}}, "location.lat"),
    ]:
        response = team_client.post(
            "/api/review/incident/inc-ganja", json={"action": "edit", "data": bad}, headers=analyst
        )
        assert response.status_code == 400, response.text
        assert response.json()["error"]["code"] == "E054"
        assert named in response.json()["error"]["message"]
    assert snapshot(team_client, analyst, "incident", "inc-ganja") == before


def test_good_edits_still_pass(team_client: TestClient, team: dict[str, str]) -> None:
    analyst = bearer(team["analyst"])
    for kind, record, field, value in [
        ("incident", "inc-ganja", "location.lat", -90),
        ("incident", "inc-ganja", "killed.best", 0),
        ("incident", "inc-ganja", "injured.best", 4),  # an object made where there was none
        ("figure", "fig-hrw", "value.best", 3),
        ("claim", "clm-hrw", "stance", "denies"),
    ]:
        response = team_client.post(
            f"/api/review/{kind}/{record}",
            json={"action": "edit", "field": field, "value": value},
            headers=analyst,
        )
        assert response.status_code == 200, response.text
    incident = team_client.get("/api/incidents/inc-ganja", headers=analyst).json()
    assert (incident["location"]["lat"], incident["killed"]["best"]) == (-90, 0)
    assert incident["injured"]["best"] == 4


def test_the_web_form_answers_a_bad_value_with_e054(
    team_client: TestClient, team: dict[str, str]
) -> None:
    page = team_client.get("/login")
    csrf = page.text.split('name="csrf" value="')[1].split('"')[0]
    team_client.post(
        "/login",
        data={"name": "analyst1", "password": "pw-analyst", "csrf": csrf, "next": "/review"},
    )
    me = team_client.get("/api/auth/me").json()
    before = team_client.get("/api/incidents/inc-ganja").json()
    for field, value in [("killed.best", "-3"), ("location.lat", "999"), ("a" * 5000, "1")]:
        form = {"action": "edit", "field": field, "value": value, "csrf": me["csrf"]}
        response = team_client.post("/review/incident/inc-ganja", data=form)
        assert response.status_code == 400, response.text
        assert "E054" in response.text
        assert field[:60] in response.text
    assert team_client.get("/api/incidents/inc-ganja").json() == before
