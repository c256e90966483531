"""Linking: MinHash signatures and LSH bands of documents, incident reports and their links.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import docket.store.link_tables  # noqa: F401  (puts the linking tables in the store's MetaData)

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

TIMESTAMP = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "document_minhash",
        sa.Column("document_id", sa.String(length=64), nullable=False),
        sa.Column("signature", sa.LargeBinary(), nullable=False),
        sa.Column("shingles", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_document_minhash_document_id_documents"),
        ),
        sa.PrimaryKeyConstraint("document_id", name=op.f("pk_document_minhash")),
    )
    op.create_table(
        "minhash_bands",
        sa.Column("band", sa.Integer(), nullable=False),
        sa.Column("key", sa.BigInteger(), nullable=False),
        sa.Column("document_id", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"], ["documents.id"], name=op.f("fk_minhash_bands_document_id_documents")
        ),
        sa.PrimaryKeyConstraint("band", "key", "document_id", name=op.f("pk_minhash_bands")),
    )
    op.create_index(op.f("ix_minhash_bands_document_id"), "minhash_bands", ["document_id"])
    op.create_table(
        "incident_reports",
        sa.Column("report_id", sa.String(), nullable=False),
        sa.Column("document_id", sa.String(length=64), nullable=False),
        sa.Column("origin_id", sa.String(length=64), nullable=False),
        sa.Column("incident_id", sa.String(), nullable=False),
        sa.Column("category", sa.String(length=64), nullable=False),
        sa.Column("when_start", sa.Date(), nullable=True),
        sa.Column("when_end", sa.Date(), nullable=True),
        sa.Column("lat", sa.Float(), nullable=True),
        sa.Column("lon", sa.Float(), nullable=True),
        sa.Column("country", sa.String(), nullable=True),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("claims", sa.JSON(), nullable=False),
        sa.Column("places", sa.JSON(), nullable=False),
        sa.Column("link", sa.JSON(), nullable=True),
        sa.Column("pinned", sa.Boolean(), nullable=False),
        sa.Column("linked_at", TIMESTAMP, nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_incident_reports_document_id_documents"),
        ),
        sa.ForeignKeyConstraint(
            ["incident_id"],
            ["incidents.id"],
            name=op.f("fk_incident_reports_incident_id_incidents"),
        ),
        sa.ForeignKeyConstraint(
            ["report_id"], ["incidents.id"], name=op.f("fk_incident_reports_report_id_incidents")
        ),
        sa.PrimaryKeyConstraint("report_id", name=op.f("pk_incident_reports")),
    )
    for columns in (["document_id"], ["origin_id"], ["incident_id"]):
        op.create_index(op.f(f"ix_incident_reports_{columns[0]}"), "incident_reports", columns)
    op.create_index(
        "ix_incident_reports_when_start_lat_lon", "incident_reports", ["when_start", "lat", "lon"]
    )


def downgrade() -> None:
    op.drop_table("incident_reports")
    op.drop_table("minhash_bands")
    op.drop_table("document_minhash")
