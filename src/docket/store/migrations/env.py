"""Alembic environment for docket's store.

docket runs migrations itself (``docket.store.migrate``), handing over an open connection in
``config.attributes["connection"]``; no alembic.ini is needed. For development,
``sqlalchemy.url`` in the config may name a database instead.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, create_engine

from docket.store.migrate import full_metadata


def _include(
    obj: object, name: str | None, type_: str, reflected: bool, compare_to: object
) -> bool:
    # The full-text index (FTS5 tables on SQLite; on PostgreSQL a stored vector column and its
    # GIN index) is made in SQL by the migrations and is not part of the table metadata.
    return not (name or "").startswith("documents_fts")


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=full_metadata(),
        render_as_batch=connection.dialect.name == "sqlite",
        include_object=_include,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run() -> None:
    connection = context.config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    url = context.config.get_main_option("sqlalchemy.url")
    if context.is_offline_mode():
        context.configure(url=url, target_metadata=full_metadata(), literal_binds=True)
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = create_engine(url or "sqlite://")
    with engine.connect() as conn:
        _run(conn)
    engine.dispose()


run()
