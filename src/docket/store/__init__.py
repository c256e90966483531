"""The record store (SQLAlchemy tables, Alembic migrations) and the archive of raw sources."""

from docket.store.archive import Archive
from docket.store.models import (
    AuditEntry,
    DocumentSummary,
    IncidentFilter,
    Revision,
    SourceRef,
    StoredIncident,
    StoredSession,
    StoredUser,
    parse_bbox,
)
from docket.store.store import Store, open_store

__all__ = [
    "Archive",
    "AuditEntry",
    "DocumentSummary",
    "IncidentFilter",
    "Revision",
    "SourceRef",
    "Store",
    "StoredIncident",
    "StoredSession",
    "StoredUser",
    "open_store",
    "parse_bbox",
]
