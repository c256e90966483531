"""The UCDP GED-shaped CSV: the 49 columns of UCDP's Georeferenced Event Dataset in its order
(UCDP GED Codebook 23.1; docs/exports.md gives each column's definition and what docket writes),
then docket's companion columns, which say where docket knows less than a column asks."""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from docket.exports.acled import actor_type, live
from docket.exports.places import Places
from docket.exports.tables import csv_text, imported_sources

if TYPE_CHECKING:
    from docket.record import ActorRef, Incident, Victim
    from docket.store import StoredIncident

UCDP_COLUMNS = (
    "id", "relid", "year", "active_year", "code_status", "type_of_violence", "conflict_dset_id",
    "conflict_new_id", "conflict_name", "dyad_dset_id", "dyad_new_id", "dyad_name",
    "side_a_dset_id", "side_a_new_id", "side_a", "side_b_dset_id", "side_b_new_id", "side_b",
    "number_of_sources", "source_article", "source_office", "source_date", "source_headline",
    "source_original", "where_prec", "where_coordinates", "where_description", "adm_1", "adm_2",
    "latitude", "longitude", "geom_wkt", "priogrid_gid", "country", "country_id", "region",
    "event_clarity", "date_prec", "date_start", "date_end", "deaths_a", "deaths_b",
    "deaths_civilians", "deaths_unknown", "best", "high", "low", "gwnoa", "gwnob",
)  # fmt: skip
# After GED's own columns: whether docket knows the toll, the record's review status, and for a
# row of an imported file, where it came from.
COMPANION_COLUMNS = ("docket_deaths_known", "docket_status", "docket_imported_from")
# The codebook's types: integers, a boolean, floats, dates; every other column is text.
UCDP_TYPES: dict[str, str] = {
    **{c: "str" for c in UCDP_COLUMNS},
    **{c: "int" for c in (
        "id", "year", "type_of_violence", "conflict_new_id", "dyad_new_id", "side_a_new_id",
        "side_b_new_id", "number_of_sources", "where_prec", "priogrid_gid", "country_id",
        "event_clarity", "date_prec", "deaths_a", "deaths_b", "deaths_civilians",
        "deaths_unknown", "best", "high", "low")},
    "active_year": "bool",
    "latitude": "float",
    "longitude": "float",
    "date_start": "date",
    "date_end": "date",
    "docket_deaths_known": "bool",
}  # fmt: skip
# docket's place precision -> UCDP's where_prec: 1 the exact location, 3 a second-order
# administrative division (district), 4 a first-order one (province), 6 only the country.
WHERE_PREC = {"point": 1, "town": 1, "district": 3, "region": 4, "country": 6}
ONE_SIDED = frozenset({"attack_on_civilians"})


def ucdp_id(incident_id: str) -> int:
    """A stable integer for GED's integer ``id``: the first 60 bits of the sha256 of docket's
    incident id (which ``relid`` carries as is)."""
    return int(hashlib.sha256(incident_id.encode()).hexdigest()[:15], 16)


def priogrid_gid(lat: float, lon: float) -> int:
    """The PRIO-GRID cell (0.5 degree, numbered from the south-west corner row by row) of a
    point, as GED's ``priogrid_gid`` gives it."""
    row = min(int(math.floor((lat + 90.0) / 0.5)), 359)
    col = min(int(math.floor((lon + 180.0) / 0.5)), 719)
    return row * 720 + col + 1


def type_of_violence(i: Incident) -> int | None:
    """3 one-sided violence (an attack on civilians), 1 state-based (a state among the
    perpetrators), 2 non-state (armed groups on both sides); None where docket cannot tell."""
    if i.category in ONE_SIDED:
        return 3
    kinds = {actor_type(p) for p in i.perpetrators}
    if "state" in kinds:
        return 1
    if kinds == {"armed_group"} and i.victims and all(v.actor for v in i.victims):
        return 2
    return None


def date_prec(i: Incident) -> int | None:
    """GED's date precision from the incident's interval: 1 one day, 2 two to six days, 3 a
    week, 4 eight to thirty days (or a month), 5 longer, within a year."""
    start, end = i.when.start, i.when.end or i.when.start
    if start is None or end is None:
        return {"month": 4, "year": 5}.get(i.when.precision)
    days = (end - start).days + 1
    if days <= 1:
        return 1
    if i.when.precision == "week" and days == 7:
        return 3
    if days <= 6:
        return 2
    return 4 if days <= 31 else 5


def state_number(ref: ActorRef | Victim) -> int | None:
    """The Gleditsch-Ward number of a side that is a state docket knows (its actor id the ISO
    alpha-3 code), else None."""
    from docket.knowledge.actors.registry import load_registry
    from docket.knowledge.gleditsch_ward import gw_number

    actor = getattr(ref, "actor", None)
    if not actor:
        return None
    kind = getattr(ref, "type", None)
    if kind is None:  # a victim, or a perpetrator typed by the registry only
        known = load_registry().actors.get(actor)
        kind = known.type if known else None
    return gw_number(actor) if kind == "state" else None


def ucdp_row(stored: StoredIncident, places: Places | None = None) -> list[Any]:
    """One incident in GED's columns and docket's companion columns. The registry's codes
    (conflict, dyad and side ids and names) are an imported GED row's own, else empty;
    ``country_id``, ``gwnoa`` and ``gwnob`` are the imported row's, else the Gleditsch-Ward
    numbers of the country and of a side that is a state."""
    from docket.knowledge.gleditsch_ward import gw_number

    i = stored.incident
    kept: dict[str, Any] = (i.model_extra or {}).get("ucdp") or {}
    place = i.location
    where = (places or Places()).where(place)
    violence = type_of_violence(i)
    sides_a = [p.name or p.actor or p.text for p in i.perpetrators]
    sides_b = [v.actor or v.text for v in i.victims]
    if violence == 3 and not sides_b:
        sides_b = ["Civilians"]
    killed = i.killed
    toll = killed.best if killed is not None else None
    known = toll is not None
    lat, lon = (place.lat, place.lon) if place else (None, None)
    point = lat is not None and lon is not None
    start = i.when.start or i.when.end
    end = i.when.end or i.when.start
    sources = stored.sources
    gwnoa = kept.get("gwnoa") or (state_number(i.perpetrators[0]) if i.perpetrators else None)
    gwnob = kept.get("gwnob") or (state_number(i.victims[0]) if i.victims else None)
    return [
        ucdp_id(i.id),
        i.id,
        start.year if start else None,
        kept.get("active_year"),
        kept.get("code_status"),
        violence,
        kept.get("conflict_dset_id"),
        kept.get("conflict_new_id"),
        kept.get("conflict_name"),
        kept.get("dyad_dset_id"),
        kept.get("dyad_new_id"),
        kept.get("dyad_name"),
        kept.get("side_a_dset_id"),
        kept.get("side_a_new_id"),
        "; ".join(sides_a) or None,
        kept.get("side_b_dset_id"),
        kept.get("side_b_new_id"),
        "; ".join(sides_b) or None,
        len(sources),
        "; ".join(_citation(s) for s in sources) or None,
        "; ".join(s.outlet or "" for s in sources).strip("; ") or None,
        "; ".join(s.published.isoformat() if s.published else "" for s in sources).strip("; ")
        or None,
        "; ".join(s.title or "" for s in sources).strip("; ") or None,
        None,
        WHERE_PREC.get(place.precision) if place else None,
        (place.name or place.text) if place else None,
        place.text if place else None,
        where.admin1,
        where.admin2,
        lat,
        lon,
        f"POINT ({lon} {lat})" if point else None,
        priogrid_gid(lat, lon) if point else None,  # type: ignore[arg-type]
        where.country,
        kept.get("country_id") or gw_number(where.iso3),
        where.ucdp_region,
        kept.get("event_clarity"),
        date_prec(i),
        start.isoformat() if start else None,
        end.isoformat() if end else None,
        0 if known else None,
        0 if known else None,
        toll if known and violence == 3 else (0 if known else None),
        toll if known and violence != 3 else (0 if known else None),
        toll,
        (killed.high if killed.high is not None else toll) if killed and known else None,
        (killed.low if killed.low is not None else toll) if killed and known else None,
        gwnoa,
        gwnob,
        known,
        stored.status,
        imported_sources(stored),
    ]


def _citation(source: Any) -> str:
    """A source as GED's source_article names one: outlet, date, headline, URL."""
    parts = [
        source.outlet,
        source.published.isoformat() if source.published else None,
        f'"{source.title}"' if source.title else None,
        source.url,
    ]
    return ", ".join(p for p in parts if p) or source.id


def ucdp_rows(incidents: Iterable[StoredIncident], places: Places | None = None) -> Iterator[str]:
    """GED's header and docket's companion columns, then one row per live incident."""
    places = places or Places()
    header = UCDP_COLUMNS + COMPANION_COLUMNS
    return csv_text(header, (ucdp_row(s, places) for s in live(incidents)))
