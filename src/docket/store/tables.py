"""The store's tables (SQLAlchemy Core), one MetaData for SQLite and PostgreSQL alike.

These describe the database; the API's schemas live in the faces and the record model in
``docket.record``. The migrations in ``migrations/versions`` create exactly these tables (a test
compares them); change both together.

Incidents, claims and figures keep their whole contract JSON in a ``data`` column, which is what
is read back; the other columns are projections of it for filtering and joining.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator

metadata = sa.MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
    }
)


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp kept in UTC: naive values are taken as UTC, values come back timezone-aware."""

    impl = sa.DateTime
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> Any:
        if dialect.name == "postgresql":
            return dialect.type_descriptor(sa.DateTime(timezone=True))
        return dialect.type_descriptor(sa.DateTime())

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        value = value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
        return value if dialect.name == "postgresql" else value.replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


HASH = sa.String(64)
RECORD_ID = sa.String()  # unbounded: ids are free-form in the record model

documents = sa.Table(
    "documents",
    metadata,
    sa.Column("id", HASH, primary_key=True),  # sha256 of the raw bytes
    # A stable integer key: SQLite's full-text index refers to documents by it.
    sa.Column("seq", sa.Integer, sa.Identity(), nullable=False, unique=True),
    sa.Column("url", sa.Text),
    sa.Column("outlet", sa.Text),
    sa.Column("title", sa.Text),
    sa.Column("published", sa.Date, index=True),
    sa.Column("language", sa.String()),
    sa.Column("media_type", sa.String()),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("id_in_batch", sa.Text),
    sa.Column("origin_id", HASH, sa.ForeignKey("documents.id"), index=True),
    sa.Column("ingested_at", UTCDateTime, nullable=False, index=True),
    sa.Column("source", sa.Text, nullable=False),  # file path or name it was read from
    sa.Column("raw_size", sa.Integer, nullable=False),
    sa.Column("mention_count", sa.Integer, nullable=False),
    sa.Column("status", sa.String(32), nullable=False),  # analysed, not_analysed, ...
    sa.Column("meta", sa.JSON),  # extra keys of the document and extraction objects
    sa.Index("ix_documents_outlet_seq", "outlet", "seq"),  # an outlet's latest (migration 0010)
)

mentions = sa.Table(
    "mentions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("document_id", HASH, sa.ForeignKey("documents.id"), nullable=False, index=True),
    sa.Column("position", sa.Integer, nullable=False),
    sa.Column("start_char", sa.Integer, nullable=False),
    sa.Column("end_char", sa.Integer, nullable=False),
    sa.Column("quote", sa.Text, nullable=False),
    sa.Column("label", sa.String(32), nullable=False),
    sa.Column("canonical", sa.Text),
    sa.Column("origin", sa.String(), nullable=False),
    sa.Column("extra", sa.JSON),
    sa.Index("ix_mentions_label_canonical", "label", "canonical"),
)

actors = sa.Table(
    "actors",
    metadata,
    sa.Column("id", RECORD_ID, primary_key=True),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("type", sa.String(32)),
    sa.Column("aliases", sa.JSON, nullable=False),
    sa.Column("affiliation", RECORD_ID),
)

places = sa.Table(
    "places",
    metadata,
    sa.Column("id", RECORD_ID, primary_key=True),  # gazetteer id
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("lat", sa.Float),
    sa.Column("lon", sa.Float),
    sa.Column("country", sa.String()),
    sa.Column("precision", sa.String()),
    sa.Column("admin", sa.JSON),
)

incidents = sa.Table(
    "incidents",
    metadata,
    sa.Column("id", RECORD_ID, primary_key=True),
    sa.Column("category", sa.String(64), nullable=False),
    sa.Column("when_start", sa.Date, index=True),
    sa.Column("when_end", sa.Date),
    sa.Column("lat", sa.Float),
    sa.Column("lon", sa.Float),
    sa.Column("country", sa.String()),
    sa.Column("grade", sa.String(32)),
    sa.Column("status", sa.String(), nullable=False),  # review state: machine, accept, ...
    sa.Column("data", sa.JSON, nullable=False),  # the incident in the contract's JSON form
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("revision", sa.Integer, nullable=False),  # current revision number
    sa.Index("ix_incidents_lat_lon", "lat", "lon"),  # the bounding-box filter (migration 0005)
    # the filters' tests and the date order without reading the rows (migration 0012)
    sa.Index("ix_incidents_id_filter", "id", "status", "when_start", "when_end"),
    sa.Index("ix_incidents_country_when", "country", "when_start", "when_end", "status"),
    sa.Index("ix_incidents_category_when", "category", "status", "when_start", "id"),
)

# The names of an incident's perpetrators and victims (actor id, words, resolved name), case
# folded as Python folds them: the actor filter's index (migration 0008), kept in step with the
# incident's current revision by docket.store.saving.write_index.
incident_parties = sa.Table(
    "incident_parties",
    metadata,
    sa.Column("incident_id", RECORD_ID, sa.ForeignKey("incidents.id"), primary_key=True),
    sa.Column("name", sa.String(), primary_key=True, index=True),
)

# The words of an incident's JSON values (quotes, names, places, classes, numbers), case folded:
# the word filter's index (migration 0008), kept in step with the incident's current revision.
incident_words = sa.Table(
    "incident_words",
    metadata,
    sa.Column("incident_id", RECORD_ID, sa.ForeignKey("incidents.id"), primary_key=True),
    sa.Column("word", sa.String(), primary_key=True, index=True),
)

# The weapon classes and flag codes of an incident's current revision, as ``weapon:CLASS`` and
# ``flag:CODE`` (a flag's code and its treaty): the weapon and flag filters' index (migration
# 0009), kept in step with the incident like the two tables above.
incident_codes = sa.Table(
    "incident_codes",
    metadata,
    sa.Column("incident_id", RECORD_ID, sa.ForeignKey("incidents.id"), primary_key=True),
    sa.Column("code", sa.String(), primary_key=True, index=True),
)

incident_sources = sa.Table(
    "incident_sources",
    metadata,
    sa.Column("incident_id", RECORD_ID, sa.ForeignKey("incidents.id"), primary_key=True),
    sa.Column("document_id", HASH, sa.ForeignKey("documents.id"), primary_key=True, index=True),
    sa.Column("position", sa.Integer, nullable=False),  # order within the document
)

claims = sa.Table(
    "claims",
    metadata,
    sa.Column("id", RECORD_ID, primary_key=True),
    sa.Column("document_id", HASH, sa.ForeignKey("documents.id"), nullable=False, index=True),
    sa.Column("position", sa.Integer, nullable=False),
    sa.Column("stance", sa.String(32), nullable=False),
    sa.Column("source_actor", RECORD_ID, index=True),
    sa.Column("data", sa.JSON, nullable=False),
)

figures = sa.Table(
    "figures",
    metadata,
    sa.Column("id", RECORD_ID, primary_key=True),
    sa.Column("document_id", HASH, sa.ForeignKey("documents.id"), nullable=False, index=True),
    sa.Column("position", sa.Integer, nullable=False),
    sa.Column("measure", sa.String(32), nullable=False),
    sa.Column("data", sa.JSON, nullable=False),
)

incident_claims = sa.Table(
    "incident_claims",
    metadata,
    sa.Column("incident_id", RECORD_ID, sa.ForeignKey("incidents.id"), primary_key=True),
    sa.Column("claim_id", RECORD_ID, sa.ForeignKey("claims.id"), primary_key=True, index=True),
)

revisions = sa.Table(
    "revisions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("record_type", sa.String(32), nullable=False),
    sa.Column("record_id", RECORD_ID, nullable=False, index=True),
    sa.Column("revision", sa.Integer, nullable=False),
    sa.Column("action", sa.String(), nullable=False),
    sa.Column("data", sa.JSON),
    sa.Column("author", sa.Text, nullable=False),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("reason", sa.Text),
    sa.UniqueConstraint("record_type", "record_id", "revision"),
)

audit_log = sa.Table(
    "audit_log",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("at", UTCDateTime, nullable=False, index=True),
    sa.Column("who", sa.Text, nullable=False),
    sa.Column("action", sa.String(64), nullable=False),
    sa.Column("target", sa.Text),
    sa.Column("detail", sa.JSON),
)
