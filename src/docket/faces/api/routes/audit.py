"""The audit log: who did what to which record, and when (readable by every user)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from docket.faces.api.deps import Reader, StoreDep
from docket.faces.api.schemas import ERRORS, AuditOut

router = APIRouter(prefix="/audit", tags=["audit"], responses=ERRORS)


@router.get("", response_model=list[AuditOut], summary="The newest audit entries first")
def audit_log(
    _: Reader,
    s: StoreDep,
    limit: Annotated[int, Query(ge=1, le=10_000)] = 100,
) -> list[dict[str, Any]]:
    return [entry.to_json() for entry in s.audit_log(limit)]
