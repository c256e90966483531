"""The server under load: real HTTP clients on threads against a real server over a SQLite file.

A request with an API token only reads (its use is noted at most once a minute), so readers never
wait for a writer; a write that cannot get the lock in time is answered 503 with Retry-After
(E050), never 500.
"""

from __future__ import annotations

import collections
import contextlib
import sqlite3
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
import sqlalchemy as sa

from api_fixtures import fill
from docket.accounts import Accounts, digest
from docket.faces.api.serve import running
from docket.settings import Settings
from docket.store import account_tables, open_store

CLIENTS = 20
REQUESTS_EACH = 15
PASSWORD = "a long enough password"


@dataclass
class Served:
    settings: Settings
    tokens: dict[str, str]  # user name -> API token

    @property
    def db(self) -> Path:
        return self.settings.data_dir / "docket.db"


@pytest.fixture
def served(tmp_path: Path) -> Served:
    """A filled store with a viewer (password and token) and an analyst (token only)."""
    settings = Settings(data_dir=tmp_path / "data", port=0, busy_timeout_s=2)
    with open_store(settings) as store:
        fill(store)
        accounts = Accounts(store)
        accounts.add("vera", "viewer", PASSWORD, by="test")
        accounts.add("ana", "analyst", None, by="test")
        tokens = {name: accounts.make_token(name, by="test") for name in ("vera", "ana")}
    return Served(settings, tokens)


@contextlib.contextmanager
def write_lock(db: Path) -> Iterator[None]:
    """Another process's writer holding the SQLite write lock (as a long ingest does)."""
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        conn.execute("ROLLBACK")
        conn.close()


def _hammer(base: str, headers: dict[str, str], paths: list[str]) -> collections.Counter[str]:
    """CLIENTS threads, each with its own HTTP client, REQUESTS_EACH requests each."""
    seen: collections.Counter[str] = collections.Counter()
    lock = threading.Lock()

    def client() -> None:
        with httpx.Client(base_url=base, headers=headers, timeout=60) as http:
            for n in range(REQUESTS_EACH):
                try:
                    got = str(http.get(paths[n % len(paths)]).status_code)
                except httpx.HTTPError as exc:
                    got = type(exc).__name__
                with lock:
                    seen[got] += 1

    threads = [threading.Thread(target=client) for _ in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return seen


READS = ["/api/incidents", "/api/auth/me", "/api/documents", "/api/claims"]


def _last_used(served: Served) -> object:
    with open_store(served.settings) as store, store.engine.connect() as conn:
        k = account_tables.api_tokens.c
        return conn.scalar(
            sa.select(k.last_used_at).where(k.token_hash == digest(served.tokens["vera"]))
        )


def test_token_requests_under_load_never_fail(served: Served) -> None:
    bearer = {"Authorization": f"Bearer {served.tokens['vera']}"}
    with running(served.settings, local=False) as base:
        seen = _hammer(base, bearer, READS)
        first = _last_used(served)
        _hammer(base, bearer, READS[:1])
    assert seen == {"200": CLIENTS * REQUESTS_EACH}
    assert first is not None  # the use is noted...
    assert _last_used(served) == first  # ...at most once a minute, not on every request


def test_token_reads_go_on_while_a_writer_holds_the_lock(served: Served) -> None:
    bearer = {"Authorization": f"Bearer {served.tokens['vera']}"}
    with running(served.settings, local=False) as base, write_lock(served.db):
        seen = _hammer(base, bearer, READS)
    assert seen == {"200": CLIENTS * REQUESTS_EACH}


def test_cookie_sessions_under_load_never_fail(served: Served) -> None:
    with running(served.settings, local=False) as base:
        with httpx.Client(base_url=base) as http:
            csrf = http.get("/api/auth/me").json()["csrf"]
            login = http.post(
                "/api/auth/login",
                json={"name": "vera", "password": PASSWORD},
                headers={"X-CSRF-Token": csrf},
            )
            assert login.status_code == 200, login.text
            cookie = "; ".join(f"{k}={v}" for k, v in http.cookies.items())
        with write_lock(served.db):
            seen = _hammer(base, {"Cookie": cookie}, ["/", "/review", "/audit", *READS])
    assert seen == {"200": CLIENTS * REQUESTS_EACH}


def test_a_write_blocked_too_long_is_503_with_retry_after(served: Served) -> None:
    bearer = {"Authorization": f"Bearer {served.tokens['ana']}"}
    with running(served.settings, local=False) as base, httpx.Client(base_url=base) as http:
        with write_lock(served.db):
            api = http.post(
                "/api/review/incident/inc-kharkiv", json={"action": "accept"}, headers=bearer
            )
        after = http.post(
            "/api/review/incident/inc-kharkiv", json={"action": "accept"}, headers=bearer
        )
    assert api.status_code == 503, api.text
    assert api.headers["Retry-After"].isdigit()
    assert api.json()["error"]["code"] == "E050"
    assert "try again" in api.json()["error"]["hint"]
    assert after.status_code == 200, after.text  # once the writer is done, the same write works
