"""DNS rebinding: local mode answers only loopback host names; team mode the configured ones."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from docket.faces.api import create_app
from docket.settings import Settings


@pytest.mark.parametrize(
    "host", ["localhost", "localhost:8000", "127.0.0.1:8000", "127.0.0.2", "[::1]:8000", "[::1]"]
)
def test_local_mode_answers_loopback_names(settings: Settings, host: str) -> None:
    with TestClient(create_app(settings, local=True)) as client:
        answer = client.get("/api/auth/me", headers={"Host": host})
    assert answer.status_code == 200, answer.text
    assert answer.json()["role"] == "admin"


@pytest.mark.parametrize(
    "host", ["evil.example", "evil.example:8000", "localhost.evil.example", "127.evil.example", ""]
)
def test_local_mode_refuses_a_rebinding_host(settings: Settings, host: str) -> None:
    with TestClient(create_app(settings, local=True)) as client:
        read = client.get("/api/auth/me", headers={"Host": host})
        write = client.post(
            "/api/auth/users", json={"name": "mallory", "role": "admin"}, headers={"Host": host}
        )
        page = client.get("/", headers={"Host": host})
    for answer in (read, write, page):
        assert answer.status_code == 421
        assert answer.json()["error"]["code"] == "E051"
        assert "localhost" in answer.json()["error"]["message"]
    with TestClient(create_app(settings, local=True), base_url="http://localhost") as client:
        assert client.get("/api/auth/users").json() == []  # no admin was made


def test_team_mode_answers_only_the_configured_names(settings: Settings) -> None:
    settings = settings.model_copy(update={"allowed_hosts": ["docket.example.org"]})
    with TestClient(create_app(settings, local=False)) as client:
        ok = client.get("/api/auth/me", headers={"Host": "docket.example.org:443"})
        other = client.get("/api/auth/me", headers={"Host": "evil.example"})
    assert ok.status_code == 200
    assert other.status_code == 421 and "docket.example.org" in other.json()["error"]["message"]


def test_too_many_failed_logins_are_429_with_retry_after(settings: Settings) -> None:
    from docket.login_limits import MAX_FAILURES

    with TestClient(create_app(settings, local=False)) as client:
        csrf = client.get("/api/auth/me").json()["csrf"]
        wrong = {"name": "ana", "password": "guess"}
        answers = [
            client.post("/api/auth/login", json=wrong, headers={"X-CSRF-Token": csrf})
            for _ in range(MAX_FAILURES + 1)
        ]
    assert [a.status_code for a in answers] == [401] * MAX_FAILURES + [429]
    assert answers[-1].json()["error"]["code"] == "E053"
    assert answers[-1].headers["Retry-After"].isdigit()
