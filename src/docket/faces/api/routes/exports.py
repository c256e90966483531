"""Exports of the (filtered) incidents: JSON Lines, GeoJSON and CSV, with stable ordering."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Literal

from fastapi import APIRouter
from fastapi.responses import JSONResponse, StreamingResponse

from docket.faces.api import formats, queries
from docket.faces.api.deps import Reader, StoreDep
from docket.faces.api.routes.incidents import Filter
from docket.faces.api.schemas import ERRORS
from docket.store import Store, StoredIncident

router = APIRouter(prefix="/exports", tags=["exports"], responses=ERRORS)
MEDIA = {
    "jsonl": "application/x-ndjson",
    "geojson": "application/geo+json",
    "csv": "text/csv; charset=utf-8",
}


def _incidents(s: Store, f: queries.IncidentFilter) -> Iterator[StoredIncident]:
    for incident_id in queries.incident_ids(s, f, sort="created"):
        yield s.incident(incident_id)


@router.get(
    "/incidents.{fmt}",
    summary="Every incident matching the filters, ordered by when it was stored",
    response_class=StreamingResponse,
)
def export_incidents(
    fmt: Literal["jsonl", "geojson", "csv"],
    _: Reader,
    s: StoreDep,
    f: Filter,
) -> Any:
    headers = {"Content-Disposition": f'attachment; filename="incidents.{fmt}"'}
    if fmt == "geojson":
        return JSONResponse(
            formats.geojson(_incidents(s, f)), media_type=MEDIA[fmt], headers=headers
        )
    lines = (
        formats.jsonl(_incidents(s, f)) if fmt == "jsonl" else formats.csv_rows(_incidents(s, f))
    )
    return StreamingResponse(lines, media_type=MEDIA[fmt], headers=headers)
