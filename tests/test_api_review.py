"""Roles on every write, CSRF for browser writes, and every change in the history and audit log;
on SQLite and (with DOCKET_TEST_POSTGRES_URL) PostgreSQL."""

from __future__ import annotations

from fastapi.testclient import TestClient

pytest_plugins = ["api_fixtures"]


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


EDIT = {"action": "edit", "field": "killed.best", "value": 3, "reason": "second report"}


def test_login_required_beyond_loopback(team_client: TestClient) -> None:
    response = team_client.get("/api/incidents")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "E032"
    bad = team_client.get("/api/incidents", headers=bearer("dkt_not-a-token"))
    assert bad.status_code == 401
    anonymous = team_client.get("/api/auth/me").json()
    assert anonymous["name"] is None and anonymous["csrf"]
    assert team_client.get("/").status_code == 200  # the web app sends you to the login page
    assert team_client.get("/", follow_redirects=False).headers["location"] == "/login?next=/"


def test_viewer_token_reads_but_cannot_write(team_client: TestClient, team: dict[str, str]) -> None:
    viewer = bearer(team["viewer"])
    assert team_client.get("/api/incidents", headers=viewer).json()["total"] == 3
    response = team_client.post("/api/review/incident/inc-ganja", json=EDIT, headers=viewer)
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "E021"
    history = team_client.get("/api/incidents/inc-ganja/history", headers=viewer).json()
    assert [r["action"] for r in history] == ["create"]  # nothing written
    made = team_client.post("/api/auth/users", json={"name": "x"}, headers=viewer)
    assert made.status_code == 403


def test_analyst_edit_shows_in_history_and_audit_log(
    team_client: TestClient, team: dict[str, str]
) -> None:
    analyst = bearer(team["analyst"])
    response = team_client.post("/api/review/incident/inc-stepanakert", json=EDIT, headers=analyst)
    assert response.status_code == 200, response.text
    assert response.json()["revisions"] == [2]
    incident = team_client.get("/api/incidents/inc-stepanakert", headers=analyst).json()
    assert incident["killed"]["best"] == 3
    assert (incident["status"], incident["revision"]) == ("edited", 2)
    history = team_client.get("/api/incidents/inc-stepanakert/history", headers=analyst).json()
    last = history[-1]
    assert (last["revision"], last["action"], last["author"]) == (2, "edit", "analyst1")
    assert last["reason"] == "second report" and last["data"]["killed"]["best"] == 3
    audit = team_client.get("/api/audit", headers=analyst).json()
    entry = next(e for e in audit if e["target"] == "inc-stepanakert" and e["action"] == "edit")
    assert entry["who"] == "analyst1" and entry["at"]
    assert entry["detail"]["revision"] == 2


def test_invalid_edits_are_refused_with_codes(
    team_client: TestClient, team: dict[str, str]
) -> None:
    analyst = bearer(team["analyst"])
    bad = {"action": "edit", "field": "category", "value": "picnic"}
    response = team_client.post("/api/review/incident/inc-ganja", json=bad, headers=analyst)
    assert (response.status_code, response.json()["error"]["code"]) == (400, "E054")
    missing = team_client.post("/api/review/incident/inc-none", json=EDIT, headers=analyst)
    assert (missing.status_code, missing.json()["error"]["code"]) == (404, "E019")


def test_accept_reject_merge_and_split(team_client: TestClient, team: dict[str, str]) -> None:
    analyst = bearer(team["analyst"])

    def act(incident: str, **body: object) -> None:
        response = team_client.post(f"/api/review/incident/{incident}", json=body, headers=analyst)
        assert response.status_code == 200, response.text

    def get(incident: str) -> dict[str, object]:
        return dict(team_client.get(f"/api/incidents/{incident}", headers=analyst).json())

    act("inc-kharkiv", action="accept")
    assert get("inc-kharkiv")["status"] == "accepted"
    queue = team_client.get("/api/review/queue", headers=analyst).json()
    assert "inc-kharkiv" not in {i["id"] for i in queue["items"]}
    act("inc-ganja", action="merge", into="inc-stepanakert")
    assert get("inc-ganja")["merged_into"] == "inc-stepanakert"
    assert get("inc-ganja")["status"] == "merged"
    kept = get("inc-stepanakert")
    assert kept["status"] != "merged" and "merged_into" not in kept
    assert [r["id"] for r in kept["reports"]] == ["inc-ganja", "inc-stepanakert"]  # type: ignore[attr-defined]
    assert {"Cluster munitions hit Stepanakert on 4 October 2020",
            "Shelling struck Ganja on 11 October 2020"} <= {e["quote"] for e in kept["evidence"]}  # type: ignore[attr-defined]  # fmt: skip
    act("inc-ganja", action="split")
    assert "merged_into" not in get("inc-ganja")
    assert get("inc-ganja")["status"] == "split"
    assert "reports" not in get("inc-stepanakert")
    act("inc-ganja", action="reject", reason="not an attack")
    assert get("inc-ganja")["status"] == "rejected"
    actions = [r["action"] for r in team_client.get("/api/incidents/inc-ganja/history",
                                                    headers=analyst).json()]  # fmt: skip
    assert actions == ["create", "merge", "split", "reject"]


def test_browser_session_writes_need_the_csrf_token(
    team_client: TestClient, team: dict[str, str]
) -> None:
    page = team_client.get("/login")
    csrf = page.text.split('name="csrf" value="')[1].split('"')[0]
    login = team_client.post(
        "/login",
        data={"name": "analyst1", "password": "pw-analyst", "csrf": csrf, "next": "/review"},
        follow_redirects=False,
    )
    assert login.status_code == 303 and login.headers["location"] == "/review"
    me = team_client.get("/api/auth/me").json()
    assert (me["name"], me["role"]) == ("analyst1", "analyst")
    without = team_client.post("/api/review/incident/inc-ganja", json={"action": "accept"})
    assert (without.status_code, without.json()["error"]["code"]) == (403, "E034")
    form = {"action": "accept", "csrf": "forged", "back": "/review"}
    assert team_client.post("/review/incident/inc-ganja", data=form).status_code == 403
    form["csrf"] = me["csrf"]
    done = team_client.post("/review/incident/inc-ganja", data=form, follow_redirects=False)
    assert done.status_code == 303
    with_header = team_client.post(
        "/api/review/incident/inc-kharkiv",
        json={"action": "accept"},
        headers={"X-CSRF-Token": me["csrf"]},
    )
    assert with_header.status_code == 200
    statuses = [
        team_client.get(f"/api/incidents/{i}").json()["status"]
        for i in ("inc-ganja", "inc-kharkiv")
    ]
    assert statuses == ["accepted", "accepted"]


def test_local_mode_acts_as_local_admin_but_still_checks_csrf(local_client: TestClient) -> None:
    me = local_client.get("/api/auth/me").json()
    assert (me["name"], me["role"], me["local"]) == ("local", "admin", True)
    refused = local_client.post("/api/review/incident/inc-ganja", json={"action": "accept"})
    assert refused.status_code == 403  # a page on another site cannot write through the browser
    ok = local_client.post(
        "/api/review/incident/inc-ganja",
        json={"action": "accept"},
        headers={"X-CSRF-Token": me["csrf"]},
    )
    assert ok.status_code == 200
    history = local_client.get("/api/incidents/inc-ganja/history").json()
    assert history[-1]["author"] == "local"


def test_admin_manages_users_and_tokens(team_client: TestClient, team: dict[str, str]) -> None:
    admin = bearer(team["admin"])
    made = team_client.post(
        "/api/auth/users", json={"name": "reader2", "role": "viewer"}, headers=admin
    )
    assert made.status_code == 201
    token = team_client.post("/api/auth/users/reader2/tokens", json={}, headers=admin).json()
    assert team_client.get("/api/incidents", headers=bearer(token["token"])).status_code == 200
    assert team_client.delete("/api/auth/users/reader2", headers=admin).status_code == 204
    assert team_client.get("/api/incidents", headers=bearer(token["token"])).status_code == 401
    names = [u["name"] for u in team_client.get("/api/auth/users", headers=admin).json()]
    assert "reader2" not in names
    audit = team_client.get("/api/audit", headers=admin).json()
    assert {("admin1", "user.add"), ("admin1", "token.create"), ("admin1", "user.remove")} <= {
        (e["who"], e["action"]) for e in audit
    }


def test_api_login_starts_a_session(team_client: TestClient) -> None:
    csrf = team_client.get("/api/auth/me").json()["csrf"]
    refused = team_client.post("/api/auth/login", json={"name": "viewer1", "password": "pw-viewer"})
    assert refused.json()["error"]["code"] == "E034"
    wrong = team_client.post(
        "/api/auth/login",
        json={"name": "viewer1", "password": "nope"},
        headers={"X-CSRF-Token": csrf},
    )
    assert (wrong.status_code, wrong.json()["error"]["code"]) == (401, "E032")
    ok = team_client.post(
        "/api/auth/login",
        json={"name": "viewer1", "password": "pw-viewer"},
        headers={"X-CSRF-Token": csrf},
    )
    assert ok.status_code == 200 and ok.json()["role"] == "viewer"
    assert team_client.get("/api/incidents").json()["total"] == 3
    session_csrf = ok.json()["csrf"]
    out = team_client.post("/api/auth/logout", headers={"X-CSRF-Token": session_csrf})
    assert out.status_code == 204
    assert team_client.get("/api/incidents").status_code == 401
