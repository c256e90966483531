"""The API's response and request bodies (the record's own JSON form is the contract's)."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, Field


class Page(BaseModel):
    """One page of a list: the items, how many match in all, and where this page starts."""

    items: list[dict[str, Any]]
    total: int
    limit: int
    offset: int


def page(items: list[dict[str, Any]], total: int, limit: int, offset: int) -> dict[str, Any]:
    """A :class:`Page` as the routes return it."""
    return {"items": items, "total": total, "limit": limit, "offset": offset}


class ErrorDetail(BaseModel):
    code: str = Field(description="stable error code, listed in docs/errors.md")
    message: str
    meaning: str
    hint: str


class ErrorBody(BaseModel):
    error: ErrorDetail


class ReviewRequest(BaseModel):
    """One review action. ``edit`` takes ``field`` (a dotted path such as ``when.start``) and
    ``value``, or the whole new record in ``data``; ``merge`` takes ``into`` (the incident kept);
    ``split`` undoes a merge; ``place`` sets an incident's place to the gazetteer entry whose
    id is ``value`` (name, id, point, country and precision together)."""

    action: Literal["accept", "edit", "reject", "merge", "split", "place"]
    field: str | None = None
    value: Any = None
    data: dict[str, Any] | None = None
    into: str | None = None
    reason: str | None = None


class ReviewResult(BaseModel):
    record_type: str
    record_id: str
    action: str
    revisions: list[int]


class UserOut(BaseModel):
    name: str
    role: str


class UserIn(BaseModel):
    name: str
    role: Literal["viewer", "analyst", "admin"] = "viewer"
    password: str | None = None


class TokenIn(BaseModel):
    label: str | None = None


class TokenOut(BaseModel):
    user: str
    token: str = Field(description="shown once; only its SHA-256 digest is stored")


class LoginIn(BaseModel):
    name: str
    password: str


class Me(BaseModel):
    name: str | None = Field(description="null before login")
    role: str | None
    local: bool
    csrf: str | None = Field(description="token a browser sends as X-CSRF-Token on writes")


class AuditOut(BaseModel):
    id: int
    at: datetime
    who: str
    action: str
    target: str | None = None
    detail: dict[str, Any] | None = None


ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorBody, "description": "invalid request (E033, E020)"},
    401: {"model": ErrorBody, "description": "not signed in (E032)"},
    403: {"model": ErrorBody, "description": "role or CSRF token missing (E021, E034)"},
    404: {"model": ErrorBody, "description": "unknown id (E012, E019)"},
}
