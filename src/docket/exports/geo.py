"""The flat table that the GIS and columnar exports share (ACLED's columns plus docket's own,
every value a scalar), and the GeoJSON FeatureCollection of it."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from docket.exports.acled import ACLED_COLUMNS, acled_row
from docket.exports.places import Places
from docket.exports.tables import imported_sources

if TYPE_CHECKING:
    from docket.store import StoredIncident

# The type of each flat column, for the typed exports (Parquet, GeoPackage): str, int, float,
# bool or date (an ISO date string in the flat properties).
INTEGERS = frozenset(
    {"year", "time_precision", "inter1", "inter2", "interaction", "iso", "geo_precision"}
    | {"fatalities", "timestamp", "revision"}
)
FLAT_TYPES: dict[str, str] = {
    **{c: "int" if c in INTEGERS else "str" for c in ACLED_COLUMNS},
    "event_date": "date",
    "latitude": "float",
    "longitude": "float",
    "fatalities_known": "bool",
    "date_end": "date",
    "category": "str",
    "grade": "str",
    "status": "str",
    "revision": "int",
    "imported_from": "str",
}


def flat_properties(stored: StoredIncident, places: Places | None = None) -> dict[str, Any]:
    """The incident as scalar properties: ACLED's columns, then docket's own (its category,
    grade, review status and revision, and for a row of an imported file where it came from)."""
    i = stored.incident
    properties = dict(zip(ACLED_COLUMNS, acled_row(stored, places), strict=True))
    properties.update(
        {
            "fatalities_known": i.killed is not None and i.killed.best is not None,
            "date_end": i.when.end.isoformat() if i.when.end else None,
            "category": i.category,
            "grade": i.grade,
            "status": stored.status,
            "revision": stored.revision,
            "imported_from": imported_sources(stored),
        }
    )
    return properties


def flat_rows(
    incidents: Iterable[StoredIncident], places: Places | None = None
) -> Iterator[dict[str, Any]]:
    """The flat properties of each incident, in order."""
    places = places or Places()
    return (flat_properties(s, places) for s in incidents)


def geojson(incidents: Iterable[StoredIncident], places: Places | None = None) -> dict[str, Any]:
    """A FeatureCollection of the incidents that have a point; properties are flat scalars (the
    ACLED columns plus docket's category, grade, status and revision) so GIS tools show them."""
    features = []
    for properties in flat_rows(incidents, places):
        if properties["latitude"] is None or properties["longitude"] is None:
            continue
        features.append(
            {
                "type": "Feature",
                "id": properties["event_id_cnty"],
                "geometry": {
                    "type": "Point",
                    "coordinates": [properties["longitude"], properties["latitude"]],
                },
                "properties": properties,
            }
        )
    return {"type": "FeatureCollection", "features": features}


def geojson_text(incidents: Iterable[StoredIncident], places: Places | None = None) -> str:
    """The FeatureCollection as compact JSON (non-ASCII kept as is)."""
    collection = geojson(incidents, places)
    return json.dumps(collection, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
