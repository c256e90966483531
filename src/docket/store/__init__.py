"""The record store (SQLAlchemy tables, Alembic migrations) and the archive of raw sources."""

from docket.store.archive import Archive
from docket.store.models import (
    IMPORTED,
    AuditEntry,
    DocumentSummary,
    IncidentFilter,
    Revision,
    SourceRef,
    StoredIncident,
    StoredSession,
    StoredUser,
    imported_from,
    parse_bbox,
)
from docket.store.store import Store, open_store

__all__ = [
    "IMPORTED",
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
    "imported_from",
    "open_store",
    "parse_bbox",
]
