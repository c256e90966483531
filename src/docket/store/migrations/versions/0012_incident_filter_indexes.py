"""The incident list's filters are answered from indexes that hold what they test.

A filter by weapon, flag, actor, words or document finds its incidents' ids through its own
index, and then had to read each incident's row (its whole JSON) to test the review status and
to sort by date: 18,719 rows for one weapon class at 100,000 documents. The index on
``(id, status, when_start, when_end)`` holds those columns, so the rows are read only for the
page shown. The country and category indexes become ``(country, when_start, when_end, status)``
and ``(category, status, when_start, id)`` (the old ones are their first column): the country and
date filter is one range of the index, not a read of every row of the country, and a category's
page is sorted from its index. On SQLite the id filters name their index (``INDEXED BY``): without
statistics (docket runs no ANALYZE) SQLite prefers the primary key's unique index, which holds
only the id.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-08
"""

from __future__ import annotations

from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_incidents_id_filter", "incidents", ["id", "status", "when_start", "when_end"]
    )
    op.drop_index("ix_incidents_country", table_name="incidents")
    op.create_index(
        "ix_incidents_country_when", "incidents", ["country", "when_start", "when_end", "status"]
    )
    op.drop_index("ix_incidents_category", table_name="incidents")
    op.create_index(
        "ix_incidents_category_when", "incidents", ["category", "status", "when_start", "id"]
    )


def downgrade() -> None:
    op.drop_index("ix_incidents_category_when", table_name="incidents")
    op.create_index("ix_incidents_category", "incidents", ["category"])
    op.drop_index("ix_incidents_country_when", table_name="incidents")
    op.create_index("ix_incidents_country", "incidents", ["country"])
    op.drop_index("ix_incidents_id_filter", table_name="incidents")
