"""Linked incidents in the store: which incident each report belongs to, joining and rebuilding.

Automatic linking (docket.store.linking) and an analyst's merge and split
(docket.store.link_decisions) change incidents only through :func:`union` and :func:`rebuild`:
the kept incident is revised to the combination of its reports (docket.link.combine), with the
sources and claims of all of them; an incident absorbed gets a revision with ``merged_into`` and
the status ``merged``. Every change is a new revision.
"""

from __future__ import annotations

import functools
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Connection

from docket.errors import DocketError
from docket.link.combine import OWN_KEYS, Report, combine
from docket.record import Claim, Incident
from docket.store import link_tables as lt
from docket.store import review
from docket.store import tables as t

R = lt.incident_reports.c

# The statements a join runs for each report and incident, built once with their values bound
# at each run: building a statement and its cache key anew each time cost as much as running it.
_HEAD = sa.select(R.incident_id).where(R.report_id == sa.bindparam("report"))
_MEMBERS = (
    sa.select(lt.incident_reports)
    .where(R.incident_id == sa.bindparam("head"))
    .order_by(R.report_id)
)
_REPORT = sa.select(R.data, R.document_id, R.claims).where(R.report_id == sa.bindparam("report"))
_CLAIMS = sa.select(t.claims.c.id, t.claims.c.data).where(
    t.claims.c.id.in_(sa.bindparam("ids", expanding=True))
)
_STATUS = sa.select(t.incidents.c.status).where(t.incidents.c.id == sa.bindparam("head"))


def now() -> datetime:
    return datetime.now(UTC)


def head_of(conn: Connection, incident_id: str) -> str:
    """The incident a report (or incident) id belongs to now."""
    head = conn.scalar(_HEAD, {"report": incident_id})
    return head or incident_id


def members(conn: Connection, head: str) -> list[Any]:
    """The report rows of the linked incident ``head``, in id order."""
    return list(conn.execute(_MEMBERS, {"head": head}))


def union(
    conn: Connection,
    heads: set[str],
    head: str,
    author: str,
    reason: str,
    at: datetime,
    action: str = "merge",
) -> dict[str, int]:
    """Make one incident ``head`` of the incidents ``heads``; the others are merged into it.

    Returns the revision written for each incident (the absorbed ones and ``head``).
    """
    written: dict[str, int] = {}
    for other in sorted(heads - {head}):
        mine = conn.execute(_REPORT, {"report": other}).first()
        if mine is None:
            raise DocketError("E019", f"incident {other} is not registered for linking")
        data = {k: v for k, v in dict(mine.data).items() if k not in OWN_KEYS}
        data["merged_into"] = head
        why = f"merged into {head}: {reason}"
        written[other] = review.revise(
            conn, "incident", other, action, data, author, why, at, status="merged"
        )
        _sync(conn, t.incident_sources, "document_id", other, {mine.document_id})
        _sync(conn, t.incident_claims, "claim_id", other, _existing_claims(conn, mine.claims))
    conn.execute(
        lt.incident_reports.update().where(R.incident_id.in_(heads)).values(incident_id=head)
    )
    written[head] = rebuild(conn, head, action, author, reason, at)
    review.add_audit(conn, author, action, head, {"incidents": sorted(heads), "reason": reason}, at)
    return written


def rebuild(
    conn: Connection, head: str, action: str, author: str, reason: str, at: datetime
) -> int:
    """Revise ``head`` to the combination of its reports; sync its sources and claims.

    Returns the revision's number.
    """
    rows = members(conn, head)
    claim_ids = sorted({c for row in rows for c in row.claims})
    claims = {
        row.id: Claim.model_validate(row.data) for row in conn.execute(_CLAIMS, {"ids": claim_ids})
    }
    reports = [
        Report(Incident.model_validate(r.data), r.document_id, r.origin_id, tuple(r.claims))
        for r in rows
    ]
    data: dict[str, Any] | Incident
    if len(reports) == 1:
        data = {k: v for k, v in rows[0].data.items() if k not in OWN_KEYS}
    else:
        data = combine(head, reports, claims)
    before = conn.scalar(_STATUS, {"head": head})
    if before == "merged":
        before = "split" if action == "split" else "machine"
    status = before or "machine"  # a join keeps the head's review status
    number = review.revise(conn, "incident", head, action, data, author, reason, at, status)
    _sync(conn, t.incident_sources, "document_id", head, {r.document_id for r in rows})
    _sync(conn, t.incident_claims, "claim_id", head, set(claims))
    return number


def _existing_claims(conn: Connection, ids: list[str]) -> set[str]:
    return {row.id for row in conn.execute(_CLAIMS, {"ids": ids})}


@functools.cache
def _link_statements(table: sa.Table, column: str) -> tuple[Any, Any, Any]:
    """A link table's statements for :func:`_sync`: its values of one head, deleting some of
    them, inserting rows."""
    c = table.c
    head = c.incident_id == sa.bindparam("head")
    return (
        sa.select(c[column]).where(head),
        table.delete().where(head, c[column].in_(sa.bindparam("stale", expanding=True))),
        table.insert(),
    )


def _sync(conn: Connection, table: sa.Table, column: str, head: str, wanted: set[str]) -> None:
    """Make the head's rows in a link table (sources, claims) exactly those of its reports."""
    select, delete, insert = _link_statements(table, column)
    have = set(conn.scalars(select, {"head": head}))
    stale = have - wanted
    if stale:
        conn.execute(delete, {"head": head, "stale": sorted(stale)})
    rows: list[dict[str, Any]] = [
        {"incident_id": head, column: value} for value in sorted(wanted - have)
    ]
    if rows and table is t.incident_sources:
        rows = [row | {"position": 0} for row in rows]
    if rows:
        conn.execute(insert, rows)
