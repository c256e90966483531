"""Documents: search, one document's archived text with highlights and its reading, raw bytes."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import Response

from docket.faces.api.deps import Reader, StoreDep
from docket.faces.api.highlights import highlights
from docket.faces.api.schemas import ERRORS, Page

router = APIRouter(prefix="/documents", tags=["documents"], responses=ERRORS)


@router.get("", response_model=Page, summary="List or search documents")
def list_documents(
    _: Reader,
    s: StoreDep,
    q: Annotated[str | None, Query(description="full-text query: every word must occur")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> dict[str, Any]:
    found = s.search_documents(q, limit=limit + 1, offset=offset)
    total = offset + len(found)  # a lower bound when there are more pages
    return {
        "items": [d.to_json() for d in found[:limit]],
        "total": total,
        "limit": limit,
        "offset": offset,
    }


@router.get("/{document_id}", summary="A document's text, its reading and highlights")
def get_document(document_id: str, _: Reader, s: StoreDep) -> dict[str, Any]:
    extraction = s.extraction(s.resolve_id(document_id))
    data = extraction.to_json()
    data["highlights"] = [h.to_json() for h in highlights(extraction)]
    return data


@router.get(
    "/{document_id}/raw",
    summary="The archived raw bytes, hash-verified (as a download, never rendered)",
    response_class=Response,
)
def get_raw(document_id: str, _: Reader, s: StoreDep) -> Response:
    full = s.resolve_id(document_id)
    return Response(
        s.raw(full),
        media_type="application/octet-stream",
        headers={
            "Content-Disposition": f'attachment; filename="{full}.raw"',
            "X-Content-Type-Options": "nosniff",
        },
    )
