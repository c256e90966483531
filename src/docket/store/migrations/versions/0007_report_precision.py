"""Incident reports record their place's precision, so the linker's place box depends on it.

Two places agree only within the distance allowed at the coarser of their precisions (two towns
25 km, a region 150 km: ``docket.link.matching.PLACE_KM``); with the precision stored, the
linker compares a town's report only with the towns within 25 km instead of every report within
150 km (``docket.store.linking.near_place``). Existing reports are given the precision of the
place they were read with.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

BATCH = 1000


def _precision(data: object) -> str | None:
    if isinstance(data, str):  # a JSON column read without its type
        data = json.loads(data)
    location = data.get("location") if isinstance(data, dict) else None
    return location.get("precision") if isinstance(location, dict) else None


def upgrade() -> None:
    op.add_column("incident_reports", sa.Column("precision", sa.String(16), nullable=True))
    reports = sa.table(
        "incident_reports",
        sa.column("report_id", sa.String()),
        sa.column("data", sa.JSON()),
        sa.column("precision", sa.String()),
    )
    conn = op.get_bind()
    rows = conn.execute(sa.select(reports.c.report_id, reports.c.data)).all()
    update = (
        reports.update()
        .where(reports.c.report_id == sa.bindparam("id"))
        .values(precision=sa.bindparam("p"))
    )
    found = [{"id": r.report_id, "p": p} for r in rows if (p := _precision(r.data))]
    for first in range(0, len(found), BATCH):
        conn.execute(update, found[first : first + BATCH])


def downgrade() -> None:
    with op.batch_alter_table("incident_reports") as batch:
        batch.drop_column("precision")
