"""Review: the queue of machine-made incidents and the actions an analyst takes on a record."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request

from docket import review as actions
from docket.faces.api.deps import Analyst, Reader, StoreDep, gazetteer
from docket.faces.api.schemas import ERRORS, Page, ReviewRequest, ReviewResult
from docket.store import IncidentFilter

router = APIRouter(prefix="/review", tags=["review"], responses=ERRORS)


@router.get("/queue", response_model=Page, summary="Incidents awaiting review, oldest first")
def queue(
    _: Reader,
    s: StoreDep,
    status: Annotated[str, Query(description="review state to list")] = "machine",
    limit: Annotated[int, Query(ge=1, le=1000)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> dict[str, Any]:
    found, total = s.find_incidents(
        IncidentFilter(status=status), sort="created", limit=limit, offset=offset
    )
    return {"items": [i.to_json() for i in found], "total": total, "limit": limit, "offset": offset}


@router.post(
    "/{record_type}/{record_id}",
    response_model=ReviewResult,
    summary="Accept, edit, reject, merge or split a record (analyst); writes revisions",
)
def review(
    record_type: str,
    record_id: str,
    body: ReviewRequest,
    user: Analyst,
    s: StoreDep,
    request: Request,
) -> dict[str, Any]:
    numbers = actions.review(
        s,
        record_type,
        record_id,
        body.action,
        user.name,
        field=body.field,
        value=body.value,
        data=body.data,
        into=body.into,
        reason=body.reason,
        gazetteer=gazetteer(request) if body.action == "place" else None,
    )
    return {
        "record_type": record_type,
        "record_id": record_id,
        "action": body.action,
        "revisions": numbers,
    }
