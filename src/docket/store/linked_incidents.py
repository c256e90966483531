"""Linked incidents in the store: which incident each report belongs to, joining and rebuilding.

Automatic linking (docket.store.linking) and an analyst's merge and split
(docket.store.link_decisions) change incidents only through :func:`union` and :func:`rebuild`:
the kept incident is revised to the combination of its reports (docket.link.combine), with the
sources and claims of all of them; an incident absorbed gets a revision with ``merged_into`` and
the status ``merged``. Every change is a new revision.
"""

from __future__ import annotations

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


def now() -> datetime:
    return datetime.now(UTC)


def head_of(conn: Connection, incident_id: str) -> str:
    """The incident a report (or incident) id belongs to now."""
    head = conn.scalar(sa.select(R.incident_id).where(R.report_id == incident_id))
    return head or incident_id


def members(conn: Connection, head: str) -> list[Any]:
    """The report rows of the linked incident ``head``, in id order."""
    return list(
        conn.execute(
            sa.select(lt.incident_reports).where(R.incident_id == head).order_by(R.report_id)
        )
    )


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
        mine = conn.execute(
            sa.select(R.data, R.document_id, R.claims).where(R.report_id == other)
        ).first()
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
        data["id"]: Claim.model_validate(data)
        for data in conn.scalars(sa.select(t.claims.c.data).where(t.claims.c.id.in_(claim_ids)))
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
    before = conn.scalar(sa.select(t.incidents.c.status).where(t.incidents.c.id == head))
    if before == "merged":
        before = "split" if action == "split" else "machine"
    status = before or "machine"  # a join keeps the head's review status
    number = review.revise(conn, "incident", head, action, data, author, reason, at, status)
    _sync(conn, t.incident_sources, "document_id", head, {r.document_id for r in rows})
    _sync(conn, t.incident_claims, "claim_id", head, set(claims))
    return number


def _existing_claims(conn: Connection, ids: list[str]) -> set[str]:
    return set(conn.scalars(sa.select(t.claims.c.id).where(t.claims.c.id.in_(ids))))


def _sync(conn: Connection, table: sa.Table, column: str, head: str, wanted: set[str]) -> None:
    """Make the head's rows in a link table (sources, claims) exactly those of its reports."""
    c = table.c
    have = set(conn.scalars(sa.select(c[column]).where(c.incident_id == head)))
    stale = have - wanted
    if stale:
        conn.execute(table.delete().where(c.incident_id == head, c[column].in_(stale)))
    rows: list[dict[str, Any]] = [
        {"incident_id": head, column: value} for value in sorted(wanted - have)
    ]
    if rows and table is t.incident_sources:
        rows = [row | {"position": 0} for row in rows]
    if rows:
        conn.execute(table.insert(), rows)
