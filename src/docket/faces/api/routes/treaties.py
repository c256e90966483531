"""Treaties: the instruments docket knows, and a state's status under them on a date."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Query

from docket.faces.api.deps import Reader
from docket.faces.api.schemas import ERRORS
from docket.judge.lookup import answer
from docket.judge.treaties import treaties

router = APIRouter(prefix="/treaties", tags=["treaties"], responses=ERRORS)


@router.get("", summary="The instruments, with their source and as-of date")
def list_treaties(_: Reader) -> list[dict[str, Any]]:
    return [
        {
            "id": t.id,
            "name": t.name,
            "short": t.short,
            "year": t.year,
            "kind": t.kind,
            "in_force": t.in_force.isoformat(),
            "source": t.source,
            "as_of": t.as_of.isoformat(),
        }
        for t in treaties().values()
    ]


@router.get("/status", summary="A state's status under every instrument, or those on a weapon")
def status(
    _: Reader,
    state: Annotated[str | None, Query(description="ISO 3166 code or English name")] = None,
    weapon: Annotated[str | None, Query(description="weapon class")] = None,
    on: Annotated[date | None, Query(description="the date (default today)")] = None,
) -> dict[str, Any]:
    return answer(state, weapon, on or date.today())
