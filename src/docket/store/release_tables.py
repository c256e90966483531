"""Releases: frozen copies of the record, in the store's MetaData (migration ``0004_releases``).

- ``releases``: one row per release: its name, when it was made, and every incident as the
  exports showed it then (``{id: flat properties}``, JSON), never changed afterwards, and the
  format of those properties (``format_version``, migration ``0006``; empty for format 1).
"""

from __future__ import annotations

import sqlalchemy as sa

from docket.store.tables import UTCDateTime, metadata

releases = sa.Table(
    "releases",
    metadata,
    sa.Column("name", sa.String(64), primary_key=True),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("data", sa.JSON, nullable=False),
    sa.Column("format_version", sa.Integer),
)
