"""Migrations build the schema the tables describe, and take it away again, on both backends."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from docket.settings import Settings
from docket.store import migrate, open_store
from docket.store.db import make_engine

pytest_plugins = ["store_fixtures"]

TABLES = {
    "actors",
    "audit_log",
    "claims",
    "documents",
    "figures",
    "incident_claims",
    "incident_sources",
    "incidents",
    "mentions",
    "places",
    "revisions",
}


def _include(
    obj: object, name: str | None, type_: str, reflected: bool, compare_to: object
) -> bool:
    return not (name or "").startswith(("documents_fts", "alembic_version"))


def _differences(engine: sa.Engine) -> list[object]:
    with engine.connect() as conn:
        context = MigrationContext.configure(
            conn, opts={"include_object": _include, "compare_type": True}
        )
        return list(compare_metadata(context, migrate.full_metadata()))


def _docket_tables(engine: sa.Engine) -> set[str]:
    return set(sa.inspect(engine).get_table_names()) - {"alembic_version"}


def test_upgrade_from_empty_to_head_and_back_to_base(database_url: str) -> None:
    engine = make_engine(database_url)
    try:
        migrate.downgrade(engine, "base")  # the session's PostgreSQL may already be at head
        assert _docket_tables(engine) == set()
        assert migrate.current(engine) is None

        migrate.upgrade(engine)
        assert migrate.current(engine) == migrate.head()
        assert _docket_tables(engine) >= TABLES
        assert _differences(engine) == []  # the migration builds exactly what tables.py says

        migrate.downgrade(engine, "base")
        assert _docket_tables(engine) == set()
        assert migrate.current(engine) is None

        migrate.upgrade(engine)  # and up again, leaving the database usable by other tests
        assert migrate.current(engine) == migrate.head()
    finally:
        engine.dispose()


def test_full_text_index_exists(database_url: str, tmp_path: Path) -> None:
    with open_store(Settings(data_dir=tmp_path, database_url=database_url)) as store:
        engine = store.engine
        if engine.dialect.name == "sqlite":
            with engine.connect() as conn:
                names = set(
                    conn.scalars(
                        sa.text("SELECT name FROM sqlite_master WHERE name LIKE 'documents_fts%'")
                    )
                )
            assert {"documents_fts", "documents_fts_insert", "documents_fts_delete"} <= names
        else:
            indexes = {ix["name"] for ix in sa.inspect(engine).get_indexes("documents")}
            assert "documents_fts" in indexes
            # the index covers a stored vector, so ranking does not read each match's text again
            columns = {c["name"] for c in sa.inspect(engine).get_columns("documents")}
            assert "documents_fts_vector" in columns
            with engine.connect() as conn:
                indexed = conn.scalar(
                    sa.text("SELECT indexdef FROM pg_indexes WHERE indexname = 'documents_fts'")
                )
            assert "documents_fts_vector" in indexed


def test_full_text_vector_upgrades_and_downgrades(database_url: str, tmp_path: Path) -> None:
    """Migration 0011 keeps search working both ways on a store that holds documents."""
    if not database_url.startswith("postgresql"):
        pytest.skip("the stored vector is PostgreSQL's")
    settings = Settings(data_dir=tmp_path, database_url=database_url)
    with open_store(settings) as store:
        engine = store.engine
        with engine.begin() as conn:
            conn.execute(
                sa.text(
                    "INSERT INTO documents (id, seq, title, text, ingested_at, source, raw_size, "
                    "mention_count, status) VALUES ('a1', 1, 'Shelling', 'Shelling hit Ganja.', "
                    "'2026-12-07 00:00:00', 'x', 19, 0, 'analysed')"
                )
            )
        migrate.downgrade(engine, "0010")
        columns = {c["name"] for c in sa.inspect(engine).get_columns("documents")}
        assert "documents_fts_vector" not in columns
        with engine.connect() as conn:
            indexed = conn.scalar(
                sa.text("SELECT indexdef FROM pg_indexes WHERE indexname = 'documents_fts'")
            )
        assert "to_tsvector" in indexed  # the index on the expression, as before 0011
        migrate.upgrade(engine)
        # the vector is computed for the documents already stored
        assert [d.id for d in store.search_documents("shelled Ganja")] == ["a1"]


def test_opening_a_store_twice_upgrades_once(database_url: str, tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, database_url=database_url)
    with open_store(settings) as first:
        first.audit("ana", "login")
    with open_store(settings) as second:
        assert [entry.who for entry in second.audit_log()] == ["ana"]
        assert migrate.current(second.engine) == migrate.head()
