"""Figures: aggregate numbers (killed, displaced, ...) with low/best/high and attribution."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query

from docket.accounts import User
from docket.faces.api import queries
from docket.faces.api.deps import store, viewer
from docket.faces.api.schemas import ERRORS, Page
from docket.store import Store

router = APIRouter(prefix="/figures", tags=["figures"], responses=ERRORS)
Reader = Annotated[User, Depends(viewer)]
StoreDep = Annotated[Store, Depends(store)]


@router.get("", response_model=Page, summary="List figures")
def list_figures(
    _: Reader,
    s: StoreDep,
    measure: Annotated[str | None, Query(description="killed, injured, displaced, ...")] = None,
    document: Annotated[str | None, Query(description="figures read from this document")] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> dict[str, Any]:
    items, total = queries.figures(
        s, measure=measure, document=document, limit=limit, offset=offset
    )
    return {"items": items, "total": total, "limit": limit, "offset": offset}


@router.get("/{figure_id}", summary="One figure")
def get_figure(figure_id: str, _: Reader, s: StoreDep) -> dict[str, Any]:
    return queries.figure(s, figure_id)
