"""Actors: the actors named by stored incidents and claims."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from docket.faces.api.deps import Reader, StoreDep
from docket.faces.api.schemas import ERRORS, Page, page

router = APIRouter(prefix="/actors", tags=["actors"], responses=ERRORS)


@router.get("", response_model=Page, summary="List actors")
def list_actors(
    _: Reader,
    s: StoreDep,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> dict[str, Any]:
    items, total = s.actors(limit=limit, offset=offset)
    return page(items, total, limit, offset)
