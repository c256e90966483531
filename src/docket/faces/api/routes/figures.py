"""Figures: aggregate numbers (killed, displaced, ...) with low/best/high and attribution."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from docket.faces.api.deps import Reader, StoreDep
from docket.faces.api.schemas import ERRORS, Page, page

router = APIRouter(prefix="/figures", tags=["figures"], responses=ERRORS)


@router.get("", response_model=Page, summary="List figures")
def list_figures(
    _: Reader,
    s: StoreDep,
    measure: Annotated[str | None, Query(description="killed, injured, displaced, ...")] = None,
    document: Annotated[str | None, Query(description="figures read from this document")] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> dict[str, Any]:
    items, total = s.figures(measure=measure, document=document, limit=limit, offset=offset)
    return page(items, total, limit, offset)


@router.get("/{figure_id}", summary="One figure")
def get_figure(figure_id: str, _: Reader, s: StoreDep) -> dict[str, Any]:
    return s.figure(figure_id)
