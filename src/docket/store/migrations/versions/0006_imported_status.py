"""Imported incidents get their own review state; releases record their format.

Incidents read from an imported file (``docket import``; their first revision's author is
``import:acled`` or ``import:ucdp``) and never reviewed are moved from ``machine`` to
``imported``, so they leave the review queue. Releases get ``format_version``; the releases
already stored keep it empty (format 1, ``country`` an ISO alpha-2 code, or format 2, told apart
by their data: ``docket.releases.format_of``).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

incidents = sa.table("incidents", sa.column("id", sa.String()), sa.column("status", sa.String()))
revisions = sa.table(
    "revisions",
    sa.column("record_type", sa.String()),
    sa.column("record_id", sa.String()),
    sa.column("revision", sa.Integer()),
    sa.column("author", sa.Text()),
)


def _imported_ids() -> sa.Select[tuple[str]]:
    r = revisions.c
    return sa.select(r.record_id).where(
        r.record_type == "incident", r.revision == 1, r.author.like("import:%")
    )


def upgrade() -> None:
    op.get_bind().execute(
        incidents.update()
        .where(incidents.c.status == "machine", incidents.c.id.in_(_imported_ids()))
        .values(status="imported")
    )
    op.add_column("releases", sa.Column("format_version", sa.Integer(), nullable=True))


def downgrade() -> None:
    op.drop_column("releases", "format_version")
    op.get_bind().execute(
        incidents.update().where(incidents.c.status == "imported").values(status="machine")
    )
