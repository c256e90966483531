"""An outlet's latest documents are found through an index on ``(outlet, seq)``.

Places are read with the outlet's usual places (``docket.resolve.places.outlets``): the places
docket read in the outlet's latest stored documents. Without the index that question scans every
document.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07
"""

from __future__ import annotations

from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_documents_outlet_seq", "documents", ["outlet", "seq"])


def downgrade() -> None:
    op.drop_index("ix_documents_outlet_seq", table_name="documents")
