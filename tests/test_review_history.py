"""Nothing lost on edit: a claim's or figure's machine reading stays as revision 1 when an analyst
edits it, every review's audit entry says what changed (before and after), and the audit log is
read a page at a time through the API and the web app."""

from __future__ import annotations

from fastapi.testclient import TestClient

pytest_plugins = ["api_fixtures"]


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def newest(client: TestClient, headers: dict[str, str], target: str) -> dict:
    return next(
        e for e in client.get("/api/audit", headers=headers).json() if e["target"] == target
    )


def test_a_claim_edit_keeps_the_machine_reading_as_revision_1(
    team_client: TestClient, team: dict[str, str]
) -> None:
    analyst = bearer(team["analyst"])
    edit = {"action": "edit", "field": "stance", "value": "asserts", "reason": "misread"}
    response = team_client.post("/api/review/claim/clm-aze", json=edit, headers=analyst)
    assert response.status_code == 200, response.text
    assert response.json()["revisions"] == [2]
    history = team_client.get("/api/claims/clm-aze/history", headers=analyst).json()
    assert [(r["revision"], r["action"], r["author"]) for r in history] == [
        (1, "create", "docket"),
        (2, "edit", "analyst1"),
    ]
    assert history[0]["data"]["stance"] == "denies"  # "denies" can be recovered
    assert history[1]["data"]["stance"] == "asserts"
    entry = newest(team_client, analyst, "clm-aze")
    assert entry["detail"]["changes"] == [
        {"field": "stance", "before": "denies", "after": "asserts"}
    ]
    assert entry["detail"]["revision"] == 2
    # a second edit adds revision 3 and keeps both earlier ones
    again = {"action": "edit", "field": "stance", "value": "denies"}
    assert team_client.post("/api/review/claim/clm-aze", json=again, headers=analyst).json()[
        "revisions"
    ] == [3]
    history = team_client.get("/api/claims/clm-aze/history", headers=analyst).json()
    assert [r["data"]["stance"] for r in history] == ["denies", "asserts", "denies"]


def test_a_figure_edit_and_an_incident_accept_say_what_changed(
    team_client: TestClient, team: dict[str, str]
) -> None:
    analyst = bearer(team["analyst"])
    edit = {"action": "edit", "field": "value.best", "value": 3}
    assert team_client.post("/api/review/figure/fig-hrw", json=edit, headers=analyst).json()[
        "revisions"
    ] == [2]
    entry = newest(team_client, analyst, "fig-hrw")
    assert entry["detail"]["changes"] == [{"field": "value.best", "before": 2, "after": 3}]

    accept = {"action": "accept"}
    team_client.post("/api/review/incident/inc-ganja", json=accept, headers=analyst)
    entry = newest(team_client, analyst, "inc-ganja")
    assert entry["action"] == "accept"
    assert entry["detail"]["changes"] == [
        {"field": "status", "before": "machine", "after": "accepted"}
    ]
    edit = {"action": "edit", "field": "location.lat", "value": 40.5}
    team_client.post("/api/review/incident/inc-ganja", json=edit, headers=analyst)
    changes = newest(team_client, analyst, "inc-ganja")["detail"]["changes"]
    assert {"field": "location.lat", "before": 40.6828, "after": 40.5} in changes
    assert {"field": "status", "before": "accepted", "after": "edited"} in changes


def test_the_audit_log_is_paginated(team_client: TestClient, team: dict[str, str]) -> None:
    analyst = bearer(team["analyst"])
    for n in range(5):
        body = {"action": "reject" if n % 2 else "accept", "reason": f"pass {n}"}
        team_client.post("/api/review/incident/inc-kharkiv", json=body, headers=analyst)
    everything = team_client.get("/api/audit?limit=1000", headers=analyst)
    total = int(everything.headers["X-Total-Count"])
    assert total == len(everything.json()) >= 5
    pages = [
        team_client.get(f"/api/audit?limit=2&offset={o}", headers=analyst).json()
        for o in range(0, total, 2)
    ]
    assert all(len(p) <= 2 for p in pages)
    assert [e["id"] for p in pages for e in p] == [e["id"] for e in everything.json()]
    too_many = team_client.get("/api/audit?limit=100000", headers=analyst)
    assert too_many.status_code == 400


def test_the_audit_page_shows_a_page_with_links(
    team_client: TestClient, team: dict[str, str]
) -> None:
    from docket.faces.web.routes import AUDIT_PAGE

    analyst = bearer(team["analyst"])
    for n in range(AUDIT_PAGE + 5):
        body = {"action": "accept", "reason": f"note {n}"}
        team_client.post("/api/review/incident/inc-kharkiv", json=body, headers=analyst)
    total = int(team_client.get("/api/audit", headers=analyst).headers["X-Total-Count"])
    first = team_client.get("/audit", headers=analyst)
    assert first.status_code == 200
    assert first.text.count("<tr><td>") == AUDIT_PAGE
    assert f"({total} entries)" in first.text and 'href="/audit?page=2"' in first.text
    assert f"note {AUDIT_PAGE + 4}" in first.text and "note 0" not in first.text
    second = team_client.get("/audit?page=2", headers=analyst)
    assert second.text.count("<tr><td>") == total - AUDIT_PAGE
    assert 'href="/audit?page=1"' in second.text and "note 0" in second.text
