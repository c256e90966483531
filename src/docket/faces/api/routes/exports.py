"""Exports of the (filtered) incidents in every format of ``docket.exports``, stably ordered."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Request
from fastapi.responses import Response, StreamingResponse

from docket import exports
from docket.faces.api.deps import Reader, StoreDep, services
from docket.faces.api.routes.incidents import Filter
from docket.faces.api.schemas import ERRORS

router = APIRouter(prefix="/exports", tags=["exports"], responses=ERRORS)


@router.get(
    "/incidents.{fmt}",
    summary="Every incident matching the filters, ordered by when it was stored",
    response_class=StreamingResponse,
)
def export_incidents(
    fmt: Literal["jsonl", "geojson", "csv", "acled-csv", "ucdp-csv", "parquet", "gpkg"],
    request: Request,
    _: Reader,
    s: StoreDep,
    f: Filter,
) -> Any:
    headers = {"Content-Disposition": f'attachment; filename="incidents.{fmt}"'}
    places = exports.places_for(services(request).settings)
    data = exports.encoded(fmt, exports.stored_incidents(s, f), places)
    if fmt in ("geojson", *exports.BINARY_FORMATS):  # one document, sent whole with its length
        return Response(b"".join(data), media_type=exports.MEDIA_TYPES[fmt], headers=headers)
    return StreamingResponse(data, media_type=exports.MEDIA_TYPES[fmt], headers=headers)
