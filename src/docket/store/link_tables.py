"""Linking tables (near-duplicate index, incident reports and their links), in the store's MetaData.

Migration ``0003_links`` creates exactly these.

- ``document_minhash``: each analysed document's MinHash signature (datasketch's scheme, word shingles).
- ``minhash_bands``: the LSH index over those signatures: one row per document and band, keyed by
  a 64-bit digest of the band's hash values, so a near-duplicate lookup is one indexed query per
  band however many documents are stored.
- ``incident_reports``: every incident as one document reported it (its original JSON, kept
  unchanged), which linked incident it belongs to now, and why. Matching is done report against
  report, with a prefilter on (span_class, when_start, lat, lon): ``span_class`` (migration 0005)
  sorts reports by how long their time interval is, so the linker looks for candidates starting
  at most that long before a new report, not a whole MAX_SPAN_DAYS before it.
"""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa

from docket.store.tables import HASH, RECORD_ID, UTCDateTime, metadata

# The longest interval, in days, of each span class; longer intervals are in class len(SPANS).
SPANS = (0, 7, 31, 92, 183, 400)


def span_class(start: date | None, end: date | None) -> int | None:
    """The span class of a report's time interval (None when it has no time)."""
    if start is None or end is None:
        return None
    days = (end - start).days
    return next((k for k, bound in enumerate(SPANS) if days <= bound), len(SPANS))


document_minhash = sa.Table(
    "document_minhash",
    metadata,
    sa.Column("document_id", HASH, sa.ForeignKey("documents.id"), primary_key=True),
    sa.Column("signature", sa.LargeBinary, nullable=False),  # num_perm uint64, little-endian
    sa.Column("shingles", sa.Integer, nullable=False),
)

minhash_bands = sa.Table(
    "minhash_bands",
    metadata,
    sa.Column("band", sa.Integer, primary_key=True),
    sa.Column("key", sa.BigInteger, primary_key=True),
    sa.Column("document_id", HASH, sa.ForeignKey("documents.id"), primary_key=True, index=True),
)

incident_reports = sa.Table(
    "incident_reports",
    metadata,
    sa.Column("report_id", RECORD_ID, sa.ForeignKey("incidents.id"), primary_key=True),
    sa.Column("document_id", HASH, sa.ForeignKey("documents.id"), nullable=False, index=True),
    sa.Column("origin_id", HASH, nullable=False, index=True),  # root origin of the document
    # the linked incident this report belongs to now (itself when it stands alone)
    sa.Column("incident_id", RECORD_ID, sa.ForeignKey("incidents.id"), nullable=False, index=True),
    sa.Column("category", sa.String(64), nullable=False),
    sa.Column("when_start", sa.Date),
    sa.Column("when_end", sa.Date),
    sa.Column("span_class", sa.SmallInteger),  # span_class(when_start, when_end)
    sa.Column("lat", sa.Float),
    sa.Column("lon", sa.Float),
    sa.Column("country", sa.String()),
    sa.Column("precision", sa.String(16)),  # the place's: the linker's box depends on it
    sa.Column("data", sa.JSON, nullable=False),  # the report as read, never changed
    sa.Column("claims", sa.JSON, nullable=False),  # ids of the claims about it in its document
    sa.Column("places", sa.JSON, nullable=False),  # place names in its evidence, lower-cased
    sa.Column("link", sa.JSON),  # why it joined: matches with their field scores, or a decision
    sa.Column("pinned", sa.Boolean, nullable=False),  # split off by hand: never linked again
    sa.Column("linked_at", UTCDateTime, nullable=False),
    sa.Index(
        "ix_incident_reports_span_class_when_start_lat_lon",
        "span_class",
        "when_start",
        "lat",
        "lon",
    ),
)
