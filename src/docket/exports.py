"""Incidents written out for other tools: JSON Lines (the contract's form), GeoJSON, CSV.

The one place exports are made: the API's ``/api/exports`` and ``docket incidents --format``
both write through :func:`write`.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from docket.store import IncidentFilter, Store, StoredIncident

MEDIA_TYPES = {
    "jsonl": "application/x-ndjson",
    "geojson": "application/geo+json",
    "csv": "text/csv; charset=utf-8",
}
FORMATS: tuple[str, ...] = tuple(MEDIA_TYPES)

CSV_COLUMNS = (
    "id", "category", "date_start", "date_end", "date_precision", "place", "country",
    "latitude", "longitude", "location_precision", "weapons", "perpetrators", "killed_best",
    "injured_best", "grade", "flags", "status", "revision", "sources",
)  # fmt: skip


def stored_incidents(store: Store, f: IncidentFilter) -> Iterator[StoredIncident]:
    """Every incident passing the filter, in the order they were stored (stable), one by one."""
    for incident_id in store.incident_ids(f, sort="created"):
        yield store.incident(incident_id)


def write(fmt: str, incidents: Iterable[StoredIncident]) -> Iterator[str]:
    """The incidents in one of ``FORMATS``, as text in pieces (a line or row, or the whole
    GeoJSON document)."""
    if fmt == "jsonl":
        return jsonl(incidents)
    if fmt == "csv":
        return csv_rows(incidents)
    if fmt == "geojson":
        return iter([geojson_text(incidents)])
    raise ValueError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")


def jsonl(incidents: Iterable[StoredIncident]) -> Iterator[str]:
    """One line per incident: its contract JSON plus sources and review state, keys sorted."""
    for incident in incidents:
        yield json.dumps(incident.to_json(), ensure_ascii=False, sort_keys=True) + "\n"


def geojson(incidents: Iterable[StoredIncident]) -> dict[str, Any]:
    """A FeatureCollection of the incidents that have a point; properties are the incident."""
    features = []
    for stored in incidents:
        location = stored.incident.location
        if location is None or location.lat is None or location.lon is None:
            continue
        features.append(
            {
                "type": "Feature",
                "id": stored.incident.id,
                "geometry": {"type": "Point", "coordinates": [location.lon, location.lat]},
                "properties": stored.to_json(),
            }
        )
    return {"type": "FeatureCollection", "features": features}


def geojson_text(incidents: Iterable[StoredIncident]) -> str:
    """The FeatureCollection as compact JSON (non-ASCII kept as is)."""
    collection = geojson(incidents)
    return json.dumps(collection, ensure_ascii=False, allow_nan=False, separators=(",", ":"))


def _best(number: Any) -> Any:
    return None if number is None else number.best


def csv_rows(incidents: Iterable[StoredIncident]) -> Iterator[str]:
    """One flat row per incident (lists joined with ';'), header first."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for stored in incidents:
        i = stored.incident
        place = i.location
        writer.writerow(
            [
                i.id,
                i.category,
                i.when.start,
                i.when.end,
                i.when.precision,
                place.name if place else None,
                place.country if place else None,
                place.lat if place else None,
                place.lon if place else None,
                place.precision if place else None,
                ";".join(w.weapon_class for w in i.weapons),
                ";".join(p.actor or p.text for p in i.perpetrators),
                _best(i.killed),
                _best(i.injured),
                i.grade,
                ";".join(f.code for f in i.flags),
                stored.status,
                stored.revision,
                ";".join(s.id for s in stored.sources),
            ]
        )
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    if buffer.getvalue():
        yield buffer.getvalue()
