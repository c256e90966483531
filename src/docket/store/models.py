"""What the store returns besides the record models: stored incidents with their sources,
document summaries, revisions and audit entries. Plain data, in JSON form via ``to_json``.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from pydantic import Field

from docket.record import Incident, Model

Action = Literal["create", "accept", "edit", "reject", "merge", "split"]
ACTIONS: tuple[str, ...] = ("create", "accept", "edit", "reject", "merge", "split")


class SourceRef(Model):
    """A document an incident was read from."""

    id: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: date | None = None


class StoredIncident(Model):
    """An incident as stored: its current contract JSON, where it was read, its review state."""

    incident: Incident
    sources: list[SourceRef] = Field(default_factory=list)
    status: str = "machine"
    revision: int = 1
    created_at: datetime | None = None

    def to_json(self) -> dict[str, Any]:
        """The incident in the contract's form, plus ``sources``, ``status`` and ``revision``."""
        data = self.incident.to_json()
        data["sources"] = [source.to_json() for source in self.sources]
        data["status"] = self.status
        data["revision"] = self.revision
        return data


class DocumentSummary(Model):
    """One line of a document list or search result."""

    id: str
    title: str | None = None
    published: date | None = None
    outlet: str | None = None
    url: str | None = None
    language: str | None = None
    snippet: str = ""
    ingested_at: datetime | None = None


class Revision(Model):
    """One change to a record; nothing is overwritten, every change is a new revision."""

    record_type: str
    record_id: str
    revision: int
    action: Action
    data: dict[str, Any] | None = None
    author: str
    reason: str | None = None
    created_at: datetime


class AuditEntry(Model):
    """Who did what to which target, and when."""

    id: int
    at: datetime
    who: str
    action: str
    target: str | None = None
    detail: dict[str, Any] | None = None
