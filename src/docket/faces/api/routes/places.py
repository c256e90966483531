"""Places: the places named by stored incidents and claims."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request

from docket import review
from docket.errors import DocketError
from docket.faces.api.deps import Reader, StoreDep, gazetteer
from docket.faces.api.schemas import ERRORS, Page, page
from docket.store import parse_bbox

router = APIRouter(prefix="/places", tags=["places"], responses=ERRORS)


@router.get("", response_model=Page, summary="List places")
def list_places(
    _: Reader,
    s: StoreDep,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> dict[str, Any]:
    items, total = s.places(limit=limit, offset=offset)
    return page(items, total, limit, offset)


@router.get("/search", summary="Gazetteer places by name, for setting an incident's place")
def search_places(
    _: Reader,
    request: Request,
    q: Annotated[str, Query(min_length=1, description="the start of a place name")],
    country: Annotated[str | None, Query(description="ISO 3166-1 alpha-2 to narrow to")] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
) -> list[dict[str, Any]]:
    return review.place_choices(gazetteer(request), q, country, limit)


@router.get("/towns", summary="The most populous gazetteer towns in a box (map labels)")
def towns(
    _: Reader,
    request: Request,
    bbox: Annotated[str, Query(description="west,south,east,north in degrees")],
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> list[dict[str, Any]]:
    box = parse_bbox(bbox)
    if box is None:
        raise DocketError("E033", "towns need a bbox: west,south,east,north in degrees")
    return [
        {"id": p.id, "name": p.name, "lat": p.lat, "lon": p.lon, "population": p.population}
        for p in gazetteer(request).towns_in(*box, limit=limit)
    ]
