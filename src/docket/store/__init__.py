"""The record store (SQLAlchemy tables, Alembic migrations) and the archive of raw sources."""

from docket.store.archive import Archive
from docket.store.models import AuditEntry, DocumentSummary, Revision, SourceRef, StoredIncident
from docket.store.store import Store, open_store

__all__ = [
    "Archive",
    "AuditEntry",
    "DocumentSummary",
    "Revision",
    "SourceRef",
    "Store",
    "StoredIncident",
    "open_store",
]
