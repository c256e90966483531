"""Exports of the (filtered) incidents: JSON Lines, GeoJSON and CSV, with stable ordering."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter
from fastapi.responses import Response, StreamingResponse

from docket import exports
from docket.faces.api.deps import Reader, StoreDep
from docket.faces.api.routes.incidents import Filter
from docket.faces.api.schemas import ERRORS

router = APIRouter(prefix="/exports", tags=["exports"], responses=ERRORS)


@router.get(
    "/incidents.{fmt}",
    summary="Every incident matching the filters, ordered by when it was stored",
    response_class=StreamingResponse,
)
def export_incidents(
    fmt: Literal["jsonl", "geojson", "csv", "acled-csv"],
    _: Reader,
    s: StoreDep,
    f: Filter,
) -> Any:
    headers = {"Content-Disposition": f'attachment; filename="incidents.{fmt}"'}
    text = exports.write(fmt, exports.stored_incidents(s, f))
    if fmt == "geojson":  # one document, sent whole with its length
        return Response("".join(text), media_type=exports.MEDIA_TYPES[fmt], headers=headers)
    return StreamingResponse(text, media_type=exports.MEDIA_TYPES[fmt], headers=headers)
