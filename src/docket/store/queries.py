"""The store's listings beyond single records, read-only over its tables.

Incident search with every filter of :class:`~docket.store.models.IncidentFilter` (time range,
bounding box, country, actor, weapon class, category, grade, flag, full text, status, source
document), sorting and paging; the weekly timeline; claims, figures, actors and places listings.
Every filter runs in SQL, which then also sorts, counts and pages: the column filters, the
actor, word, weapon and flag filters by their indexes (``incident_parties``, ``incident_words``:
names and words case folded as Python folds them; ``incident_codes``: weapon classes and flag
codes, exact).
Every function takes a connection; ``Store`` opens it.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Connection

from docket.errors import DocketError
from docket.store import search
from docket.store import tables as t
from docket.store.models import IncidentFilter, StoredIncident
from docket.store.reading import stored_incidents
from docket.store.saving import WORD

ID_FILTER_INDEX = "ix_incidents_id_filter"  # (id, status, when_start, when_end): migration 0012
SORTS: dict[str, tuple[str, bool]] = {
    "when": ("when_start", False),
    "-when": ("when_start", True),
    "created": ("created_at", False),
    "-created": ("created_at", True),
    "category": ("category", False),
    "grade": ("grade", False),
}
# the most periods a timeline has before it counts in a coarser unit (weeks, months, years)
MAX_WEEKS = 520


def _sql_filter(f: IncidentFilter, dialect: str, *columns: sa.ColumnElement[Any]) -> sa.Select[Any]:
    c = t.incidents.c
    query = sa.select(*columns)
    k = t.incident_codes.c
    for name in ("weapon", "flag"):  # exact codes, by their index (migration 0009)
        if value := getattr(f, name):
            query = query.where(
                c.id.in_(sa.select(k.incident_id).where(k.code == f"{name}:{value}"))
            )
    if f.category:
        query = query.where(c.category == f.category)
    if f.country:
        query = query.where(c.country == f.country.upper())
    if f.grade:
        query = query.where(c.grade == f.grade)
    if f.status:
        query = query.where(c.status == f.status)
    elif f.live:
        query = query.where(c.status.not_in(("merged", "rejected")))
    elif not f.merged:
        query = query.where(c.status != "merged")
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
    if f.q:
        query = query.where(_word_filter(dialect, f.q))
    if f.actor:  # by the index of party names (migration 0008), never a scan of the JSON
        p = t.incident_parties.c
        wanted = f.actor.casefold()
        query = query.where(c.id.in_(sa.select(p.incident_id).where(p.name == wanted)))
    if _by_ids(f, dialect):
        # the ids come from another index; this one holds what the filter tests and the order
        # (migration 0012), where SQLite would pick the primary key's and read every row
        query = query.with_hint(t.incidents, f"INDEXED BY {ID_FILTER_INDEX}", "sqlite")
    return query


def _by_ids(f: IncidentFilter, dialect: str) -> bool:
    """Whether, on SQLite, the filter's incidents are ids found in another index (a weapon,
    flag, document, words or actor), with no country or category to start from."""
    by_ids = (f.weapon, f.flag, f.document, f.q, f.actor)
    return dialect == "sqlite" and any(by_ids) and not (f.country or f.category)


def _word_filter(dialect: str, q: str) -> sa.ColumnElement[bool]:
    """The words filter: a source document matches every word (full text), or the incident's own
    values hold every word (the index of incident words, migration 0008).

    On PostgreSQL one set of ids, the union of both: it plans each part of a union by its index
    (5.7 ms on a store of 3,000 documents), while for two tests joined by OR it read every
    document's text (311 ms). SQLite answers the OR faster (197 against 228 ms at 100,000
    documents)."""
    c, s, w = t.incidents.c, t.incident_sources.c, t.incident_words.c
    sourced = sa.select(s.incident_id).where(s.document_id.in_(search.matching_ids(dialect, q)))
    words = list(dict.fromkeys(WORD.findall(q.casefold())))
    if not words:
        return c.id.in_(sourced)
    if dialect != "postgresql":
        every = [c.id.in_(sa.select(w.incident_id).where(w.word == word)) for word in words]
        return sa.or_(c.id.in_(sourced), sa.and_(*every))
    own = (  # the incidents whose values hold every word
        sa.select(w.incident_id)
        .where(w.word.in_(words))
        .group_by(w.incident_id)
        .having(sa.func.count() == len(words))
    )
    return c.id.in_(sa.union(sourced, own))


def _order(sort: str) -> tuple[sa.ColumnElement[Any], sa.ColumnElement[Any]]:
    if sort not in SORTS:
        raise DocketError("E033", f"unknown sort {sort!r}; use one of {', '.join(SORTS)}")
    column, descending = SORTS[sort]
    c = t.incidents.c
    order = c[column].desc().nulls_last() if descending else c[column].asc().nulls_last()
    return order, c.id


def incident_ids(conn: Connection, f: IncidentFilter, sort: str = "-when") -> list[str]:
    """Ids of the incidents that pass every filter, in the order asked for."""
    query = _sql_filter(f, conn.dialect.name, t.incidents.c.id)
    return list(conn.scalars(query.order_by(*_order(sort))))


def find_incidents(
    conn: Connection, f: IncidentFilter, sort: str = "-when", limit: int = 50, offset: int = 0
) -> tuple[list[StoredIncident], int]:
    """One page of matching incidents and how many match in all."""
    query = _sql_filter(f, conn.dialect.name, t.incidents.c.id)
    ordered = query.order_by(*_order(sort)).limit(limit).offset(offset)
    if _by_ids(f, conn.dialect.name):
        # every match is found and sorted before the page anyway: count them in the same pass
        rows = conn.execute(ordered.add_columns(sa.func.count().over().label("total"))).all()
        if rows or not offset:
            return load_incidents(conn, [row.id for row in rows]), rows[0].total if rows else 0
    total = int(conn.scalar(sa.select(sa.func.count()).select_from(query.subquery())) or 0)
    return load_incidents(conn, list(conn.scalars(ordered))), total


def load_incidents(conn: Connection, ids: list[str]) -> list[StoredIncident]:
    """The stored incidents with these ids, in this order."""
    if not ids:
        return []
    query = sa.select(t.incidents).where(t.incidents.c.id.in_(ids))
    rows = {row.id: row for row in conn.execute(query)}
    return stored_incidents(conn, [rows[i] for i in ids if i in rows])


def week_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _period_of(day: date, unit: str) -> date:
    if unit == "week":
        return week_of(day)
    if unit == "month":
        return day.replace(day=1)
    return day.replace(month=1, day=1)


def _periods(first: date, last: date, unit: str) -> list[date]:
    found = [first]
    while found[-1] < last:
        day = found[-1]
        if unit == "week":
            found.append(day + timedelta(weeks=1))
        elif unit == "month":
            found.append(date(day.year + day.month // 12, day.month % 12 + 1, 1))
        else:
            found.append(date(day.year + 1, 1, 1))
    return found


def timeline(conn: Connection, f: IncidentFilter) -> dict[str, Any]:
    """Incidents per period and category, dated by their start; nothing is left out.

    Periods are weeks (from Monday) while the span is at most ``MAX_WEEKS`` weeks, else months
    while it is at most ``MAX_WEEKS`` months, else years; ``bin`` says which. ``weeks`` repeats
    ``periods`` for clients of the weekly-only timeline.
    """
    c = t.incidents.c
    query = _sql_filter(f, conn.dialect.name, c.id, c.category, c.when_start)
    rows = list(conn.execute(query))
    days = [r.when_start for r in rows if r.when_start is not None]
    unit = "week"
    if days and (max(days) - min(days)).days // 7 >= MAX_WEEKS:
        span = max(days) - min(days)
        unit = "month" if span.days // 30 < MAX_WEEKS else "year"
    dated = [(_period_of(r.when_start, unit), r.category) for r in rows if r.when_start is not None]
    counts = Counter(dated)
    periods = _periods(min(p for p, _ in dated), max(p for p, _ in dated), unit) if dated else []
    categories = sorted({category for _, category in dated})
    shown = [p.isoformat() for p in periods]
    return {
        "bin": unit,
        "periods": shown,
        "weeks": shown,
        "series": {cat: [counts[(p, cat)] for p in periods] for cat in categories},
        "undated": sum(1 for r in rows if r.when_start is None),
    }


def _page(
    conn: Connection, query: sa.Select[Any], limit: int, offset: int
) -> tuple[list[Any], int]:
    total = int(conn.scalar(sa.select(sa.func.count()).select_from(query.subquery())) or 0)
    rows = list(conn.execute(query.limit(limit).offset(offset)))
    return rows, total


def claims(
    conn: Connection,
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
    rows, total = _page(conn, query.order_by(c.document_id, c.position), limit, offset)
    return [row.data | {"document_id": row.document_id} for row in rows], total


def claim(conn: Connection, claim_id: str) -> dict[str, Any]:
    """One claim in contract form plus ``document_id`` and the ``incidents`` it is linked to."""
    c, ic = t.claims.c, t.incident_claims.c
    row = conn.execute(sa.select(c.document_id, c.data).where(c.id == claim_id)).first()
    if row is None:
        raise DocketError("E019", f"no stored claim {claim_id}")
    linked = list(conn.scalars(sa.select(ic.incident_id).where(ic.claim_id == claim_id)))
    return row.data | {"document_id": row.document_id, "incidents": linked}


def figures(
    conn: Connection,
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
    rows, total = _page(conn, query.order_by(f.document_id, f.position), limit, offset)
    return [row.data | {"document_id": row.document_id} for row in rows], total


def figure(conn: Connection, figure_id: str) -> dict[str, Any]:
    """One figure in contract form plus ``document_id``."""
    f = t.figures.c
    row = conn.execute(sa.select(f.document_id, f.data).where(f.id == figure_id)).first()
    if row is None:
        raise DocketError("E019", f"no stored figure {figure_id}")
    return row.data | {"document_id": row.document_id}


def actors(conn: Connection, limit: int = 100, offset: int = 0) -> tuple[list[dict[str, Any]], int]:
    a = t.actors.c
    rows, total = _page(conn, sa.select(t.actors).order_by(a.id), limit, offset)
    return [dict(row._mapping) for row in rows], total


def places(conn: Connection, limit: int = 100, offset: int = 0) -> tuple[list[dict[str, Any]], int]:
    p = t.places.c
    rows, total = _page(conn, sa.select(t.places).order_by(p.name), limit, offset)
    return [dict(row._mapping) for row in rows], total
