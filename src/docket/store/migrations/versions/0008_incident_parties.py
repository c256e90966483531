"""The actor filter gets an index: the case-folded names of each incident's perpetrators and
victims (actor id, words, resolved name) in ``incident_parties``.

Before, the actor filter read the JSON of every incident whose text held the name and checked it
in Python: at 10,000 incidents 400 ms a request. Existing incidents are indexed here from their
current revision's JSON; saving and review keep the table in step
(``docket.store.saving.write_index``).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

from docket.store.saving import party_names

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

BATCH = 1000


def upgrade() -> None:
    op.create_table(
        "incident_parties",
        sa.Column("incident_id", sa.String(), sa.ForeignKey("incidents.id"), primary_key=True),
        sa.Column("name", sa.String(), primary_key=True),
    )
    op.create_index("ix_incident_parties_name", "incident_parties", ["name"])
    incidents = sa.table("incidents", sa.column("id", sa.String()), sa.column("data", sa.JSON()))
    parties = sa.table(
        "incident_parties", sa.column("incident_id", sa.String()), sa.column("name", sa.String())
    )
    conn = op.get_bind()
    rows = []
    for row in conn.execute(sa.select(incidents.c.id, incidents.c.data)):
        data = json.loads(row.data) if isinstance(row.data, str) else row.data
        rows += [{"incident_id": row.id, "name": name} for name in sorted(party_names(data))]
    for first in range(0, len(rows), BATCH):
        conn.execute(parties.insert(), rows[first : first + BATCH])


def downgrade() -> None:
    op.drop_index("ix_incident_parties_name", table_name="incident_parties")
    op.drop_table("incident_parties")
