"""The audit log: who did what to which record, and when (readable by every user)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query

from docket.accounts import User
from docket.faces.api.deps import store, viewer
from docket.faces.api.schemas import ERRORS, AuditOut
from docket.store import Store

router = APIRouter(prefix="/audit", tags=["audit"], responses=ERRORS)


@router.get("", response_model=list[AuditOut], summary="The newest audit entries first")
def audit_log(
    _: Annotated[User, Depends(viewer)],
    s: Annotated[Store, Depends(store)],
    limit: Annotated[int, Query(ge=1, le=10_000)] = 100,
) -> list[dict[str, Any]]:
    return [entry.to_json() for entry in s.audit_log(limit)]
