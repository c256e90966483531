"""Release queries: store, list and read frozen releases (table in ``release_tables``)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from docket.errors import DocketError
from docket.store.release_tables import releases

if TYPE_CHECKING:
    from docket.store.store import Store


def save_release(store: Store, name: str, data: dict[str, Any], format_version: int) -> None:
    """Store release ``name`` once, its rows in format ``format_version`` (E060 when the name
    is taken)."""
    with store._write() as conn:
        if conn.scalar(sa.select(releases.c.name).where(releases.c.name == name)):
            raise DocketError("E060", f"release {name!r} exists already")
        conn.execute(
            releases.insert().values(
                name=name, created_at=datetime.now(UTC), data=data, format_version=format_version
            )
        )


def release_names(store: Store) -> list[tuple[str, datetime]]:
    """Every release's name and when it was made, oldest first."""
    with store._read() as conn:
        query = sa.select(releases.c.name, releases.c.created_at)
        rows = conn.execute(query.order_by(releases.c.created_at, releases.c.name))
        return [(row.name, row.created_at) for row in rows]


def release_data(store: Store, name: str) -> tuple[dict[str, dict[str, Any]], int | None]:
    """The incidents of release ``name`` by id, and the format they were frozen in (None for a
    release made before formats were recorded); E061 when there is none of that name."""
    with store._read() as conn:
        query = sa.select(releases.c.data, releases.c.format_version)
        row = conn.execute(query.where(releases.c.name == name)).first()
    if row is None:
        raise DocketError("E061", f"no release named {name!r}")
    return dict(row.data), row.format_version
