"""Queries the faces need beyond the store's public methods, read-only over the store's tables.

Incident search with every filter of the API (time range, bounding box, country, actor, weapon
class, category, grade, flag, full text), sorting and paging; the weekly timeline; claims,
figures, actors and places listings. Column filters run in SQL; filters on the incident's JSON
(actor, weapon, flag, words) run over the rows SQL narrowed down.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import sqlalchemy as sa

from docket.errors import DocketError
from docket.store import Store, StoredIncident
from docket.store import tables as t

SORTS: dict[str, tuple[str, bool]] = {
    "when": ("when_start", False),
    "-when": ("when_start", True),
    "created": ("created_at", False),
    "-created": ("created_at", True),
    "category": ("category", False),
    "grade": ("grade", False),
}
MAX_WEEKS = 520
# Enough to search every document of a working store; the word filter also reads incident JSON.
MAX_TEXT_MATCHES = 100_000


@dataclass(frozen=True)
class IncidentFilter:
    """What the incident list, the map and the timeline are narrowed by; None means any."""

    since: date | None = None
    until: date | None = None
    bbox: tuple[float, float, float, float] | None = None  # west, south, east, north
    country: str | None = None
    actor: str | None = None
    weapon: str | None = None
    category: str | None = None
    grade: str | None = None
    flag: str | None = None
    q: str | None = None
    status: str | None = None
    document: str | None = None


def parse_bbox(value: str | None) -> tuple[float, float, float, float] | None:
    """``west,south,east,north`` in degrees, or E033."""
    if not value:
        return None
    try:
        west, south, east, north = (float(part) for part in value.split(","))
    except ValueError as exc:
        raise DocketError(
            "E033", f"bbox must be west,south,east,north in degrees: {value!r}"
        ) from exc
    if not (-90 <= south <= north <= 90 and -180 <= west <= 180 and -180 <= east <= 180):
        raise DocketError("E033", f"bbox out of range: {value!r}")
    return west, south, east, north


def _sql_filter(f: IncidentFilter) -> sa.Select[Any]:
    c = t.incidents.c
    query = sa.select(c.id, c.data, c.when_start)
    if f.category:
        query = query.where(c.category == f.category)
    if f.country:
        query = query.where(c.country == f.country.upper())
    if f.grade:
        query = query.where(c.grade == f.grade)
    if f.status:
        query = query.where(c.status == f.status)
    if f.since:
        query = query.where(sa.func.coalesce(c.when_end, c.when_start) >= f.since)
    if f.until:
        query = query.where(c.when_start <= f.until)
    if f.bbox:
        west, south, east, north = f.bbox
        query = query.where(c.lat.between(south, north))
        if west <= east:
            query = query.where(c.lon.between(west, east))
        else:  # the box crosses the antimeridian
            query = query.where(sa.or_(c.lon >= west, c.lon <= east))
    s = t.incident_sources.c
    if f.document:
        query = query.where(c.id.in_(sa.select(s.incident_id).where(s.document_id == f.document)))
    return query


def _text_documents(store: Store, q: str) -> set[str]:
    return {d.id for d in store.search_documents(q, limit=MAX_TEXT_MATCHES)}


def _sources_of(conn: sa.Connection, ids: list[str]) -> dict[str, set[str]]:
    s = t.incident_sources.c
    found: dict[str, set[str]] = {}
    for row in conn.execute(sa.select(s.incident_id, s.document_id).where(s.incident_id.in_(ids))):
        found.setdefault(row.incident_id, set()).add(row.document_id)
    return found


def matches(data: dict[str, Any], f: IncidentFilter) -> bool:
    """The JSON-level filters: actor (perpetrator or victim, by id or words), weapon, flag."""
    if f.actor:
        wanted = f.actor.casefold()
        people = [*data.get("perpetrators", []), *data.get("victims", [])]
        names = {
            str(value).casefold()
            for ref in people
            for value in (ref.get("actor"), ref.get("text"), ref.get("name"))
            if value
        }
        if wanted not in names:
            return False
    if f.weapon and f.weapon not in {w.get("class") for w in data.get("weapons", [])}:
        return False
    if f.flag:
        codes = {
            v for flag in data.get("flags", []) for v in (flag.get("code"), flag.get("treaty"))
        }
        if f.flag not in codes:
            return False
    return True


def _words_in(data: dict[str, Any], q: str) -> bool:
    text = json.dumps(data, ensure_ascii=False).casefold()
    return all(word in text for word in q.casefold().split())


def incident_ids(store: Store, f: IncidentFilter, sort: str = "-when") -> list[str]:
    """Ids of the incidents that pass every filter, in the order asked for."""
    if sort not in SORTS:
        raise DocketError("E033", f"unknown sort {sort!r}; use one of {', '.join(SORTS)}")
    column, descending = SORTS[sort]
    c = t.incidents.c
    order = c[column].desc().nulls_last() if descending else c[column].asc().nulls_last()
    query = _sql_filter(f).order_by(order, c.id)
    with store.engine.connect() as conn:
        rows = [row for row in conn.execute(query) if matches(row.data, f)]
        if not f.q:
            return [row.id for row in rows]
        documents = _text_documents(store, f.q)
        sources = _sources_of(conn, [row.id for row in rows])
    return [
        row.id for row in rows if sources.get(row.id, set()) & documents or _words_in(row.data, f.q)
    ]


def find_incidents(
    store: Store, f: IncidentFilter, sort: str = "-when", limit: int = 50, offset: int = 0
) -> tuple[list[StoredIncident], int]:
    """One page of matching incidents and how many match in all."""
    ids = incident_ids(store, f, sort)
    return [store.incident(i) for i in ids[offset : offset + limit]], len(ids)


def week_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def timeline(store: Store, f: IncidentFilter) -> dict[str, Any]:
    """Incidents per week (weeks start on Monday) and category, dated by their start."""
    ids = set(incident_ids(store, f))
    c = t.incidents.c
    with store.engine.connect() as conn:
        rows = [r for r in conn.execute(sa.select(c.id, c.category, c.when_start)) if r.id in ids]
    dated = [(week_of(r.when_start), r.category) for r in rows if r.when_start is not None]
    counts = Counter(dated)
    weeks: list[date] = []
    if dated:
        first = min(w for w, _ in dated)
        last = max(w for w, _ in dated)
        if (last - first).days // 7 >= MAX_WEEKS:
            first = last - timedelta(weeks=MAX_WEEKS - 1)
        weeks = [first + timedelta(weeks=i) for i in range((last - first).days // 7 + 1)]
    categories = sorted({category for _, category in dated})
    return {
        "weeks": [w.isoformat() for w in weeks],
        "series": {cat: [counts[(w, cat)] for w in weeks] for cat in categories},
        "undated": sum(1 for r in rows if r.when_start is None),
    }


def _page(query: sa.Select[Any], store: Store, limit: int, offset: int) -> tuple[list[Any], int]:
    with store.engine.connect() as conn:
        total = int(conn.scalar(sa.select(sa.func.count()).select_from(query.subquery())) or 0)
        rows = list(conn.execute(query.limit(limit).offset(offset)))
    return rows, total


def claims(
    store: Store,
    *,
    incident: str | None = None,
    actor: str | None = None,
    stance: str | None = None,
    document: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> tuple[list[dict[str, Any]], int]:
    """Claims in contract form plus ``document_id``, filtered by incident, speaker, stance."""
    c, ic = t.claims.c, t.incident_claims.c
    query = sa.select(c.id, c.document_id, c.data)
    if incident:
        query = query.where(c.id.in_(sa.select(ic.claim_id).where(ic.incident_id == incident)))
    if actor:
        query = query.where(c.source_actor == actor)
    if stance:
        query = query.where(c.stance == stance)
    if document:
        query = query.where(c.document_id == document)
    rows, total = _page(query.order_by(c.document_id, c.position), store, limit, offset)
    return [row.data | {"document_id": row.document_id} for row in rows], total


def claim(store: Store, claim_id: str) -> dict[str, Any]:
    c, ic = t.claims.c, t.incident_claims.c
    with store.engine.connect() as conn:
        row = conn.execute(sa.select(c.document_id, c.data).where(c.id == claim_id)).first()
        if row is None:
            raise DocketError("E019", f"no stored claim {claim_id}")
        linked = list(conn.scalars(sa.select(ic.incident_id).where(ic.claim_id == claim_id)))
    return row.data | {"document_id": row.document_id, "incidents": linked}


def figures(
    store: Store,
    *,
    measure: str | None = None,
    document: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> tuple[list[dict[str, Any]], int]:
    """Figures (aggregate numbers with their attribution) plus ``document_id``."""
    f = t.figures.c
    query = sa.select(f.id, f.document_id, f.data)
    if measure:
        query = query.where(f.measure == measure)
    if document:
        query = query.where(f.document_id == document)
    rows, total = _page(query.order_by(f.document_id, f.position), store, limit, offset)
    return [row.data | {"document_id": row.document_id} for row in rows], total


def actors(store: Store, limit: int = 100, offset: int = 0) -> tuple[list[dict[str, Any]], int]:
    a = t.actors.c
    rows, total = _page(sa.select(t.actors).order_by(a.id), store, limit, offset)
    return [dict(row._mapping) for row in rows], total


def places(store: Store, limit: int = 100, offset: int = 0) -> tuple[list[dict[str, Any]], int]:
    p = t.places.c
    rows, total = _page(sa.select(t.places).order_by(p.name), store, limit, offset)
    return [dict(row._mapping) for row in rows], total


def figure(store: Store, figure_id: str) -> dict[str, Any]:
    f = t.figures.c
    with store.engine.connect() as conn:
        row = conn.execute(sa.select(f.document_id, f.data).where(f.id == figure_id)).first()
    if row is None:
        raise DocketError("E019", f"no stored figure {figure_id}")
    return row.data | {"document_id": row.document_id}
