"""Running the store's Alembic migrations from code: no alembic.ini, no command line needed.

``open_store`` upgrades every database it opens to the newest revision; these functions are
for tests and for anyone who wants to move a database to a given revision by hand.
"""

from __future__ import annotations

import importlib

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, MetaData

SCRIPT_LOCATION = "docket.store:migrations"
# Modules that add tables to the store's one MetaData (besides docket.store.tables). A module
# with new tables is listed here and gets a migration of its own.
TABLE_MODULES: tuple[str, ...] = (
    "docket.store.tables",
    "docket.store.account_tables",
    "docket.store.link_tables",
    "docket.store.release_tables",
)


def full_metadata() -> MetaData:
    """The MetaData holding every table of the store, as the newest migration leaves it."""
    for name in TABLE_MODULES:
        importlib.import_module(name)
    from docket.store.tables import metadata

    return metadata


def alembic_config(connection: Connection | None = None) -> Config:
    """An Alembic config for docket's migrations, bound to ``connection`` when given."""
    config = Config()
    config.set_main_option("script_location", SCRIPT_LOCATION)
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head() -> str:
    """The newest revision of the schema."""
    revision = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert revision is not None
    return revision


def current(engine: Engine) -> str | None:
    """The revision the database is at, or None for an empty one."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Move the database up to ``revision``, in one transaction (SQLite and PostgreSQL both can).

    Two processes opening a new database at once are serialised: the second finds it upgraded.
    """
    with engine.connect() as plain:
        connection = plain.execution_options(docket_write=True)  # SQLite: BEGIN IMMEDIATE
        with connection.begin():
            command.upgrade(alembic_config(connection), revision)


def downgrade(engine: Engine, revision: str = "base") -> None:
    """Move the database down to ``revision``; ``base`` removes every table docket made."""
    with engine.connect() as plain:
        connection = plain.execution_options(docket_write=True)
        with connection.begin():
            command.downgrade(alembic_config(connection), revision)
