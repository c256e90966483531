"""Incident reports get a span class, and the linker's index leads with it (time-bounded lookup);
incidents get an index for the bounding-box filter.

The linker looks for stored reports whose interval overlaps a new report's; indexed by
(when_start, lat, lon) alone, a lookup had to read every report starting up to MAX_SPAN_DAYS
(400 days) before the new one. With the span class first, each class is read over its own
bound only (a day-precision report: a month of reports, not 14 months). Existing reports are
given their class here.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from docket.store.link_tables import span_class

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

BATCH = 1000


def upgrade() -> None:
    op.add_column("incident_reports", sa.Column("span_class", sa.SmallInteger(), nullable=True))
    reports = sa.table(
        "incident_reports",
        sa.column("report_id", sa.String()),
        sa.column("when_start", sa.Date()),
        sa.column("when_end", sa.Date()),
        sa.column("span_class", sa.SmallInteger()),
    )
    conn = op.get_bind()
    rows = conn.execute(
        sa.select(reports.c.report_id, reports.c.when_start, reports.c.when_end).where(
            reports.c.when_start.is_not(None)
        )
    ).all()
    update = (
        reports.update()
        .where(reports.c.report_id == sa.bindparam("id"))
        .values(span_class=sa.bindparam("k"))
    )
    for first in range(0, len(rows), BATCH):
        batch = rows[first : first + BATCH]
        conn.execute(
            update, [{"id": r.report_id, "k": span_class(r.when_start, r.when_end)} for r in batch]
        )
    op.drop_index("ix_incident_reports_when_start_lat_lon", table_name="incident_reports")
    op.create_index(
        "ix_incident_reports_span_class_when_start_lat_lon",
        "incident_reports",
        ["span_class", "when_start", "lat", "lon"],
    )
    op.create_index("ix_incidents_lat_lon", "incidents", ["lat", "lon"])


def downgrade() -> None:
    op.drop_index("ix_incidents_lat_lon", table_name="incidents")
    op.drop_index(
        "ix_incident_reports_span_class_when_start_lat_lon", table_name="incident_reports"
    )
    op.create_index(
        "ix_incident_reports_when_start_lat_lon", "incident_reports", ["when_start", "lat", "lon"]
    )
    with op.batch_alter_table("incident_reports") as batch:
        batch.drop_column("span_class")
