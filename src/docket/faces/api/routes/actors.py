"""Actors: the actors named by stored incidents and claims."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query

from docket.accounts import User
from docket.faces.api import queries
from docket.faces.api.deps import store, viewer
from docket.faces.api.schemas import ERRORS, Page
from docket.store import Store

router = APIRouter(prefix="/actors", tags=["actors"], responses=ERRORS)


@router.get("", response_model=Page, summary="List actors")
def list_actors(
    _: Annotated[User, Depends(viewer)],
    s: Annotated[Store, Depends(store)],
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> dict[str, Any]:
    items, total = queries.actors(s, limit=limit, offset=offset)
    return {"items": items, "total": total, "limit": limit, "offset": offset}
