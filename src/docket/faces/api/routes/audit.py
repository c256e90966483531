"""The audit log: who did what to which record, and when (readable by every user)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Response

from docket.faces.api.deps import Reader, StoreDep
from docket.faces.api.schemas import ERRORS, AuditOut

router = APIRouter(prefix="/audit", tags=["audit"], responses=ERRORS)


@router.get(
    "",
    response_model=list[AuditOut],
    summary="The newest audit entries first, a page at a time (X-Total-Count: how many in all)",
)
def audit_log(
    _: Reader,
    s: StoreDep,
    response: Response,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> list[dict[str, Any]]:
    response.headers["X-Total-Count"] = str(s.audit_count())
    return [entry.to_json() for entry in s.audit_log(limit, offset)]
