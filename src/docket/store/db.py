"""Engines for the store: SQLite (WAL, foreign keys, busy timeout) or PostgreSQL, and the one place
database errors become DocketError E013 with the URL shown without its password.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Connection, Engine, event
from sqlalchemy.dialects.sqlite.base import SQLiteCompiler
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError

from docket.errors import DocketError

BUSY_TIMEOUT_S = 30


def safe_url(url: str | sa.URL) -> str:
    """The URL with its password hidden, for messages."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "<unparseable database URL>"


def missing_sqlite_file(url: str) -> Path | None:
    """The absolute path of the SQLite file ``url`` names when there is no such file; None for
    an existing file, an in-memory database or another database system."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        return None  # make_engine reports it
    database = parsed.database
    if parsed.get_backend_name() != "sqlite" or not database or database == ":memory:":
        return None
    if database.startswith("file:"):
        return None
    path = Path(database).absolute()
    return None if path.is_file() else path


def make_engine(url: str, busy_timeout_s: float = BUSY_TIMEOUT_S) -> Engine:
    """An engine for ``url``; SQLite files get WAL mode, foreign keys and a busy timeout."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise DocketError("E013", f"not a database URL: {url!r}") from exc
    try:
        if parsed.get_backend_name() == "sqlite":
            return _sqlite_engine(parsed, busy_timeout_s)
        connect_args: dict[str, Any] = {}
        if parsed.get_backend_name() == "postgresql":
            connect_args = {"connect_timeout": 10, "options": "-c timezone=UTC"}
        return sa.create_engine(parsed, pool_pre_ping=True, connect_args=connect_args)
    except (NoSuchModuleError, ArgumentError) as exc:
        raise DocketError("E013", f"cannot use {safe_url(parsed)}: {exc}") from exc


class _HintedCompiler(SQLiteCompiler):
    """SQLite's compiler, writing a table's hint after its name in FROM (``Select.with_hint``:
    ``INDEXED BY`` an index), which SQLAlchemy's own leaves out for SQLite."""

    def get_from_hint_text(self, table: Any, text: str | None) -> str | None:
        return text


def _sqlite_engine(url: sa.URL, busy_timeout_s: float) -> Engine:
    # A database named in a folder that does not exist is a mistake (a typo in --database), not
    # a place to start a store: the folder is never made here (the data folder, where the default
    # store lives, is made by open_store).
    if url.database and url.database != ":memory:" and not url.database.startswith("file:"):
        folder = Path(url.database).parent
        if not folder.is_dir():
            raise DocketError(
                "E026", f"no folder {folder.resolve()} for {url.database}", str(folder)
            )
    # Enough pooled connections for the web server's worker threads (40), so a request waits
    # for the database, not for the pool; SQLite connections are cheap.
    engine = sa.create_engine(
        url, connect_args={"timeout": busy_timeout_s}, pool_size=10, max_overflow=40
    )
    engine.dialect.statement_compiler = _HintedCompiler

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy, not the driver, decide where transactions begin (so DDL is transactional
        # and writers can take the lock up front), then set the connection up.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        # Writers begin IMMEDIATE: they wait for the write lock at the start (busy timeout)
        # instead of failing when a read transaction would have to be upgraded.
        # A writer may ask to wait less than the busy timeout (docket_busy_timeout_s).
        options = connection.get_execution_options()
        write = options.get("docket_write", False)
        wait_ms = int(options.get("docket_busy_timeout_s", busy_timeout_s) * 1000)
        connection.exec_driver_sql(f"PRAGMA busy_timeout={wait_ms}")
        connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine


def _busy(exc: DBAPIError) -> bool:
    """Whether the database refused only because another writer holds it (try again later)."""
    detail = str(exc.orig).lower() if exc.orig else ""
    return isinstance(exc, sa.exc.OperationalError) and (
        "database is locked" in detail or "database is busy" in detail or "lock timeout" in detail
    )


@contextlib.contextmanager
def database_errors(url: str | sa.URL) -> Iterator[None]:
    """Turn the driver's connection and operational errors into DocketError E013, and a database
    (or connection pool) too busy to answer in time into E050, which a server answers with 503."""
    try:
        yield
    except sa.exc.TimeoutError as exc:  # every pooled connection in use for the pool timeout
        raise DocketError("E050", f"{safe_url(url)}: no free database connection") from exc
    except DBAPIError as exc:
        if isinstance(exc, sa.exc.IntegrityError):
            raise
        detail = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        code = "E050" if _busy(exc) else "E013"
        raise DocketError(code, f"{safe_url(url)}: {detail}") from exc
