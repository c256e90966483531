"""Claims: who said what (asserts, denies, ...), about which incident, with the quote."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from docket.faces.api.deps import Reader, StoreDep
from docket.faces.api.schemas import ERRORS, Page, page

router = APIRouter(prefix="/claims", tags=["claims"], responses=ERRORS)


@router.get("", response_model=Page, summary="List claims")
def list_claims(
    _: Reader,
    s: StoreDep,
    incident: Annotated[str | None, Query(description="claims linked to this incident")] = None,
    actor: Annotated[str | None, Query(description="speaker's actor id")] = None,
    stance: Annotated[str | None, Query(description="asserts, denies, confirms, ...")] = None,
    document: Annotated[str | None, Query(description="claims read from this document")] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> dict[str, Any]:
    items, total = s.claims(
        incident=incident,
        actor=actor,
        stance=stance,
        document=document,
        limit=limit,
        offset=offset,
    )
    return page(items, total, limit, offset)


@router.get("/{claim_id}", summary="One claim, its document and the incidents it is about")
def get_claim(claim_id: str, _: Reader, s: StoreDep) -> dict[str, Any]:
    return s.claim(claim_id)


@router.get("/{claim_id}/history", summary="Every revision of a claim")
def claim_history(claim_id: str, _: Reader, s: StoreDep) -> list[dict[str, Any]]:
    s.claim(claim_id)
    return [r.to_json() for r in s.history(claim_id, "claim")]
