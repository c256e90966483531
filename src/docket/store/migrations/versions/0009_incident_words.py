"""The word filter gets an index: the case-folded words of each incident's JSON values in
``incident_words``.

Before, the word filter matched every incident's JSON text in SQL (``LIKE``) and again in Python:
a scan of the whole table for each request (at 10,000 incidents 300 ms). Existing incidents are
indexed here from their current revision's JSON; saving and review keep the table in step
(``docket.store.saving.write_index``). A word now matches a whole word of the incident's values,
as the full-text search of its documents does, not any part of its JSON text.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

from docket.store.saving import words_of

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

BATCH = 5000


def upgrade() -> None:
    op.create_table(
        "incident_words",
        sa.Column("incident_id", sa.String(), sa.ForeignKey("incidents.id"), primary_key=True),
        sa.Column("word", sa.String(), primary_key=True),
    )
    op.create_index("ix_incident_words_word", "incident_words", ["word"])
    incidents = sa.table("incidents", sa.column("id", sa.String()), sa.column("data", sa.JSON()))
    words = sa.table(
        "incident_words", sa.column("incident_id", sa.String()), sa.column("word", sa.String())
    )
    conn = op.get_bind()
    rows: list[dict[str, str]] = []
    for row in conn.execute(sa.select(incidents.c.id, incidents.c.data)):
        data = json.loads(row.data) if isinstance(row.data, str) else row.data
        rows += [{"incident_id": row.id, "word": word} for word in sorted(words_of(data))]
        if len(rows) >= BATCH:
            conn.execute(words.insert(), rows)
            rows = []
    if rows:
        conn.execute(words.insert(), rows)


def downgrade() -> None:
    op.drop_index("ix_incident_words_word", table_name="incident_words")
    op.drop_table("incident_words")
