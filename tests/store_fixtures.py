"""Fixtures for the store tests: the same tests against SQLite and PostgreSQL.

Wire them in with ``pytest_plugins = ["store_fixtures"]`` (in a test module, or once in
tests/conftest.py). PostgreSQL runs when ``DOCKET_TEST_POSTGRES_URL`` names a database
(``eval "$(.ci/postgres.sh)"`` starts one); without it those tests skip, unless
``DOCKET_REQUIRE_POSTGRES=1`` (set in CI), which turns the skip into a failure.

Each test session works in a database of its own, created next to the one named by the URL (when
the role may create databases) and dropped at the end, so parallel runs never collide.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import make_url

from docket.settings import Settings
from docket.store import Store, open_store
from docket.store.db import make_engine

POSTGRES_ENV = "DOCKET_TEST_POSTGRES_URL"
REQUIRE_ENV = "DOCKET_REQUIRE_POSTGRES"


def _skip_or_fail(reason: str) -> None:
    if os.environ.get(REQUIRE_ENV) == "1":
        pytest.fail(f"{reason} ({REQUIRE_ENV}=1: PostgreSQL tests must run, not skip)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """The URL of an empty PostgreSQL database for this test session."""
    base = os.environ.get(POSTGRES_ENV)
    if not base:
        _skip_or_fail(f'{POSTGRES_ENV} is not set; run  eval "$(.ci/postgres.sh)"  first')
        return
    admin = make_engine(base).execution_options(isolation_level="AUTOCOMMIT")
    name = f"docket_test_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    try:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
        url = make_url(base).set(database=name).render_as_string(hide_password=False)
        created = True
    except sa.exc.ProgrammingError:  # no CREATEDB privilege: use the database given, emptied
        url, created = base, False
        with admin.connect() as conn:
            conn.exec_driver_sql("DROP SCHEMA public CASCADE")
            conn.exec_driver_sql("CREATE SCHEMA public")
    except sa.exc.OperationalError as exc:
        admin.dispose()
        pytest.fail(f"cannot reach PostgreSQL at {POSTGRES_ENV}: {exc.orig}")
    try:
        yield url
    finally:
        if created:
            with admin.connect() as conn:
                conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


def empty_tables(url: str) -> None:
    """Remove every row from docket's tables (they stay in place, at the current migration)."""
    engine = make_engine(url)
    try:
        tables = set(sa.inspect(engine).get_table_names()) - {"alembic_version"}
        if tables:
            names = ", ".join(f'"{name}"' for name in sorted(tables))
            with engine.begin() as conn:
                conn.exec_driver_sql(f"TRUNCATE {names} RESTART IDENTITY CASCADE")
    finally:
        engine.dispose()


@pytest.fixture(
    params=[pytest.param("sqlite"), pytest.param("postgres", marks=pytest.mark.postgres)]
)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A database URL with no docket rows: a fresh SQLite file, or the session's PostgreSQL."""
    if request.param == "sqlite":
        (tmp_path / "store").mkdir(exist_ok=True)
        return f"sqlite:///{tmp_path / 'store' / 'docket.db'}"
    url: str = request.getfixturevalue("postgres_url")
    empty_tables(url)
    return url


@pytest.fixture
def store_settings(database_url: str, tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path / "data", database_url=database_url)


@pytest.fixture
def store(store_settings: Settings) -> Iterator[Store]:
    """An open, empty store on each backend."""
    opened = open_store(store_settings)
    try:
        yield opened
    finally:
        opened.close()
