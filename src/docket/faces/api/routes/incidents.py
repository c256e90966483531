"""Incidents: filtered, sorted and paged; one incident with its claims and history; the timeline."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query

from docket.faces.api.deps import Reader, StoreDep
from docket.faces.api.schemas import ERRORS, Page
from docket.store import IncidentFilter, parse_bbox
from docket.store.queries import SORTS

router = APIRouter(prefix="/incidents", tags=["incidents"], responses=ERRORS)


def incident_filter(
    since: Annotated[
        date | None, Query(description="events ending on or after (YYYY-MM-DD)")
    ] = None,
    until: Annotated[date | None, Query(description="events starting on or before")] = None,
    bbox: Annotated[str | None, Query(description="west,south,east,north in degrees")] = None,
    country: Annotated[str | None, Query(description="ISO 3166-1 alpha-2 of the place")] = None,
    actor: Annotated[
        str | None, Query(description="perpetrator or victim: actor id or name")
    ] = None,
    weapon: Annotated[str | None, Query(description="weapon class, e.g. cluster_munition")] = None,
    category: Annotated[str | None, Query(description="incident category")] = None,
    grade: Annotated[str | None, Query(description="corroboration grade")] = None,
    flag: Annotated[str | None, Query(description="legal flag code or treaty id")] = None,
    q: Annotated[str | None, Query(description="words in the incident or its sources")] = None,
    status: Annotated[str | None, Query(description="review state: machine, accepted, ...")] = None,
    document: Annotated[str | None, Query(description="id of a source document")] = None,
    live: Annotated[
        bool, Query(description="leave out merged and rejected incidents (unless status is set)")
    ] = False,
) -> IncidentFilter:
    return IncidentFilter(
        since=since,
        until=until,
        bbox=parse_bbox(bbox),
        country=country,
        actor=actor,
        weapon=weapon,
        category=category,
        grade=grade,
        flag=flag,
        q=q,
        status=status,
        document=document,
        live=live,
    )


Filter = Annotated[IncidentFilter, Depends(incident_filter)]


@router.get("", response_model=Page, summary="List incidents")
def list_incidents(
    _: Reader,
    s: StoreDep,
    f: Filter,
    sort: Annotated[str, Query(description=f"one of {', '.join(SORTS)}")] = "-when",
    limit: Annotated[int, Query(ge=1, le=5000)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> dict[str, Any]:
    found, total = s.find_incidents(f, sort=sort, limit=limit, offset=offset)
    return {"items": [i.to_json() for i in found], "total": total, "limit": limit, "offset": offset}


@router.get("/timeline", summary="Incidents per week (or month, or year) and category")
def timeline(_: Reader, s: StoreDep, f: Filter) -> dict[str, Any]:
    return s.timeline(f)


@router.get("/{incident_id}", summary="One incident with its sources and review state")
def get_incident(incident_id: str, _: Reader, s: StoreDep) -> dict[str, Any]:
    return s.incident(incident_id).to_json()


@router.get("/{incident_id}/claims", summary="The claims about an incident")
def incident_claims(incident_id: str, _: Reader, s: StoreDep) -> list[dict[str, Any]]:
    return [claim.to_json() for claim in s.claims_for(incident_id)]


@router.get("/{incident_id}/history", summary="Every revision of an incident, oldest first")
def incident_history(incident_id: str, _: Reader, s: StoreDep) -> list[dict[str, Any]]:
    s.incident(incident_id)
    return [r.to_json() for r in s.history(incident_id, "incident")]
