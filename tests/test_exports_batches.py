"""Exports read the store a page at a time: a few queries per page of incidents, not one per
incident, with the same incidents in the same order as reading them one by one (SQLite and
PostgreSQL)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import sqlalchemy as sa

from docket import exports
from docket.record import DocumentInfo, Extraction, Incident, PlaceRef, Span, When, content_hash
from docket.store import IncidentFilter, Store

pytest_plugins = ["store_fixtures"]

N = 120


def extraction(k: int) -> Extraction:
    text = f"Shelling hit Kharkiv on day {k}, report {k}."
    day = date(2022, 1, 1) + timedelta(days=k % 90)
    incident = Incident(
        id=f"inc-{k:04d}",
        category="shelling_or_artillery",
        location=PlaceRef(
            text="Kharkiv", name="Kharkiv", precision="town", lat=49.99, lon=36.23, country="UA"
        ),  # fmt: skip
        when=When(precision="day", start=day, end=day),
        evidence=[Span(start=0, end=len(text), quote=text)],
    )
    info = DocumentInfo(id=content_hash(text.encode()), text=text, title=f"Report {k}",
                        outlet="Wire", published=day, language="en")  # fmt: skip
    return Extraction(document=info, incidents=[incident])


def selects(store: Store, run: Any) -> tuple[Any, list[str]]:
    """What ``run()`` returns, and the SELECT statements it sent to the database."""
    seen: list[str] = []

    def note(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            seen.append(statement)

    sa.event.listen(store.engine, "before_cursor_execute", note)
    try:
        return run(), seen
    finally:
        sa.event.remove(store.engine, "before_cursor_execute", note)


def test_export_reads_pages_not_incidents(store: Store) -> None:
    for k in range(N):
        made = extraction(k)
        store.save(made, made.document.text.encode(), f"report-{k}")
    one_by_one = [store.incident(i) for i in store.incident_ids(IncidentFilter(), "created")]
    found, seen = selects(store, lambda: list(exports.stored_incidents(store, IncidentFilter())))
    assert [s.to_json() for s in found] == [s.to_json() for s in one_by_one]
    assert len(found) == N
    # one query for the ids, then two for the page (incidents, their sources): not 2 * N
    assert len(seen) <= 3, seen
    paged, seen = selects(store, lambda: list(store.iter_incidents(IncidentFilter(), batch=50)))
    assert [s.incident.id for s in paged] == [s.incident.id for s in one_by_one]
    assert len(seen) == 1 + 2 * 3  # three pages of at most 50
