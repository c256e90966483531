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
    "acled-csv": "text/csv; charset=utf-8",
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
    if fmt == "acled-csv":
        return acled_rows(incidents)
    raise ValueError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")


def jsonl(incidents: Iterable[StoredIncident]) -> Iterator[str]:
    """One line per incident: its contract JSON plus sources and review state, keys sorted."""
    for incident in incidents:
        yield json.dumps(incident.to_json(), ensure_ascii=False, sort_keys=True) + "\n"


def geojson(incidents: Iterable[StoredIncident]) -> dict[str, Any]:
    """A FeatureCollection of the incidents that have a point; properties are flat scalars (the
    ACLED columns plus docket's category, grade, status and revision) so GIS tools show them."""
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
                "properties": flat_properties(stored),
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


# ACLED's export columns in the codebook's order (ACLED Codebook, 2023; docs/exports.md).
ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp",
)  # fmt: skip
# ACLED sub-event type -> (event type, disorder type), as the codebook groups them.
ACLED_EVENT_TYPES: dict[str, tuple[str, str]] = {
    **{s: ("Battles", "Political violence") for s in (
        "Armed clash", "Government regains territory", "Non-state actor overtakes territory")},
    **{s: ("Explosions/Remote violence", "Political violence") for s in (
        "Chemical weapon", "Air/drone strike", "Suicide bomb",
        "Shelling/artillery/missile attack", "Remote explosive/landmine/IED", "Grenade")},
    **{s: ("Violence against civilians", "Political violence") for s in (
        "Sexual violence", "Attack", "Abduction/forced disappearance")},
    **{s: ("Protests", "Demonstrations") for s in (
        "Peaceful protest", "Protest with intervention", "Excessive force against protesters")},
    **{s: ("Riots", "Demonstrations") for s in ("Violent demonstration", "Mob violence")},
    **{s: ("Strategic developments", "Strategic developments") for s in (
        "Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
        "Headquarters or base established", "Looting/property destruction",
        "Non-violent transfer of territory", "Other")},
}  # fmt: skip
# docket's precisions -> ACLED's codes (1 exact day / place, 2 near, 3 wider).
ACLED_TIME_PRECISION = {"day": 1, "week": 2, "range": 2, "approximate": 2}
ACLED_GEO_PRECISION = {"point": 1, "town": 1, "district": 2}
# Statuses left out of an ACLED export: nobody should count them as events.
NOT_LIVE = frozenset({"rejected", "merged", "withdrawn"})


def acled_row(stored: StoredIncident) -> list[Any]:
    """One incident in ACLED's columns. Where docket knows less than a column asks, the cell says
    so in ``tags`` (``fatalities unknown``) rather than passing a guess off as ACLED's own."""
    from docket.extract.acled import CATEGORY_TYPE

    i = stored.incident
    sub = i.acled_sub_event_type or CATEGORY_TYPE.get(i.category) or "Other"
    event_type, disorder = ACLED_EVENT_TYPES.get(
        sub, ("Strategic developments", "Strategic developments")
    )
    day = i.when.start or i.when.end
    place = i.location
    actors = [p.name or p.actor or p.text for p in i.perpetrators]
    victims = [v.actor or v.text for v in i.victims]
    killed = _best(i.killed)
    tags = [] if killed is not None else ["fatalities unknown"]
    return [
        i.id,
        day.isoformat() if day else None,
        day.year if day else None,
        ACLED_TIME_PRECISION.get(i.when.precision, 3),
        disorder,
        event_type,
        sub,
        actors[0] if actors else None,
        "; ".join(actors[1:]) or None,
        None,
        victims[0] if victims else None,
        "; ".join(victims[1:]) or None,
        None,
        None,
        "Civilian targeting" if i.category == "attack_on_civilians" else None,
        None,
        None,
        place.country if place else None,
        None,
        None,
        None,
        (place.name or place.text) if place else None,
        place.lat if place else None,
        place.lon if place else None,
        ACLED_GEO_PRECISION.get(place.precision, 3) if place else 3,
        "; ".join(s.outlet or s.title or s.id for s in stored.sources) or None,
        None,
        " ".join(span.quote for span in i.evidence) or None,
        killed if killed is not None else 0,
        "; ".join(tags) or None,
        int(stored.created_at.timestamp()) if stored.created_at else None,
    ]


def acled_rows(incidents: Iterable[StoredIncident]) -> Iterator[str]:
    """ACLED's header, then one row per live incident (rejected, merged, withdrawn left out)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(ACLED_COLUMNS)
    for stored in incidents:
        if stored.status in NOT_LIVE:
            continue
        writer.writerow(acled_row(stored))
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    if buffer.getvalue():
        yield buffer.getvalue()


def flat_properties(stored: StoredIncident) -> dict[str, Any]:
    """The incident as scalar properties: ACLED's columns, then docket's own."""
    i = stored.incident
    properties = dict(zip(ACLED_COLUMNS, acled_row(stored), strict=True))
    properties.update(
        {
            "fatalities_known": i.killed is not None and i.killed.best is not None,
            "date_end": i.when.end.isoformat() if i.when.end else None,
            "category": i.category,
            "grade": i.grade,
            "status": stored.status,
            "revision": stored.revision,
        }
    )
    return properties
