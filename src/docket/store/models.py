"""What the store is asked with and returns besides the record models: the incident filter,
stored incidents with their sources, document summaries, revisions, audit entries and accounts.
Plain data, in JSON form via ``to_json``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Literal

from pydantic import Field

from docket.errors import DocketError
from docket.record import Incident, Model

Action = Literal["create", "accept", "edit", "reject", "merge", "split"]
ACTIONS: tuple[str, ...] = ("create", "accept", "edit", "reject", "merge", "split")
# The review state of an incident taken from an imported file (``docket import``) as the file
# gave it: its provenance is the file and line, not docket's reading, so it is not in the review
# queue's default; an edit makes it ``edited``, an accept ``accepted``, like any record.
IMPORTED = "imported"


def parse_bbox(value: str | None) -> tuple[float, float, float, float] | None:
    """``west,south,east,north`` in degrees (None when empty), or E033."""
    if not value:
        return None
    try:
        west, south, east, north = (float(part) for part in value.split(","))
    except ValueError as exc:
        raise DocketError(
            "E033", f"bbox must be west,south,east,north in degrees: {value!r}"
        ) from exc
    return west, south, east, north


@dataclass(frozen=True)
class IncidentFilter:
    """What an incident list, the map, the timeline and the exports are narrowed by; None means
    any. ``merged=False`` leaves out incidents merged into another (listed through the one they
    joined) unless a ``status`` is asked for; ``live=True`` leaves out the merged and the
    rejected (the map's default). Raises E033 for a bounding box out of range."""

    since: date | None = None
    until: date | None = None
    bbox: tuple[float, float, float, float] | None = None  # west, south, east, north
    country: str | None = None
    actor: str | None = None
    weapon: str | None = None
    category: str | None = None
    grade: str | None = None
    flag: str | None = None
    q: str | None = None
    status: str | None = None
    document: str | None = None
    merged: bool = True
    live: bool = False

    def __post_init__(self) -> None:
        if self.bbox is None:
            return
        west, south, east, north = self.bbox
        if not (-90 <= south <= north <= 90 and -180 <= west <= 180 and -180 <= east <= 180):
            text = ",".join(f"{v:g}" for v in self.bbox)
            raise DocketError("E033", f"bbox out of range: {text!r}")


class SourceRef(Model):
    """A document an incident was read from; a row of an imported file also carries
    ``imported`` (its format, file and line), which :func:`imported_from` reads."""

    id: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: date | None = None


def imported_from(source: SourceRef) -> str | None:
    """Where an imported row came from, as ``acled:events.csv#line=12``; None for a document
    docket read."""
    imported = (source.model_extra or {}).get("imported")
    if not imported:
        return None
    return f"{imported.get('format')}:{imported.get('file')}#line={imported.get('line')}"


class StoredIncident(Model):
    """An incident as stored: its current contract JSON, where it was read, its review state."""

    incident: Incident
    sources: list[SourceRef] = Field(default_factory=list)
    status: str = "machine"  # review state; IMPORTED for a file's row nobody has reviewed
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


class StoredUser(Model):
    """An account as stored; ``password_hash`` is None for a token-only account."""

    id: int
    name: str
    role: str
    password_hash: str | None = None


class StoredSession(Model):
    """A browser session as stored: whose it is, its CSRF token, when it ends."""

    user: StoredUser
    csrf: str
    expires_at: datetime
