"""An analyst's merge and split of linked incidents: new revisions, never overwrites.

``merge(store, a, b)`` makes one incident of two (``a``'s id is kept); ``split(store, id,
claim=...)`` takes the report that carries the claim (or a named report) out of the incident
again. Both record who, why, and the match verdict between the two sides in the revision's
reason and the audit log; ``docket show ID --history`` lists them. A report split off by hand is
pinned: automatic linking never joins it to anything again (an analyst's merge may).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Connection

from docket.errors import DocketError
from docket.link import origins
from docket.link.incidents import match
from docket.link.store_links import R, _add_report, head_of, members, now, rebuild, union
from docket.record import Incident
from docket.store import Store, review
from docket.store import link_tables as lt
from docket.store import tables as t


@dataclass
class SplitResult:
    """The incident split off and the incident that remains."""

    split_off: str
    remains: str


def _register(conn: Connection, incident_id: str) -> None:
    """Make sure an incident (stored before linking ran) is known as a report."""
    if conn.scalar(sa.select(R.report_id).where(R.report_id == incident_id)):
        return
    data = conn.scalar(sa.select(t.incidents.c.data).where(t.incidents.c.id == incident_id))
    if data is None:
        raise DocketError("E019", f"no stored incident {incident_id}")
    s = t.incident_sources.c
    doc = conn.scalar(
        sa.select(s.document_id).where(s.incident_id == incident_id).order_by(s.position)
    )
    if doc is None:
        raise DocketError("E019", f"incident {incident_id} has no source document")
    _add_report(conn, Incident.model_validate(data), doc, origins.root_origin(conn, doc), now())


def _current(conn: Connection, head: str) -> Incident:
    return Incident.model_validate(
        conn.scalar(sa.select(t.incidents.c.data).where(t.incidents.c.id == head))
    )


def merge(store: Store, a: str, b: str, author: str, reason: str | None = None) -> str:
    """Merge incident ``b`` into ``a`` (either may be any report of a linked incident)."""
    with store._write() as conn:
        _register(conn, a)
        _register(conn, b)
        head_a, head_b = head_of(conn, a), head_of(conn, b)
        if head_a == head_b:
            raise DocketError("E020", f"{a} and {b} are already one incident ({head_a})")
        verdict = match(_current(conn, head_a), _current(conn, head_b))
        note = f"merged by hand: {reason or 'no reason given'}; match score {verdict.score:.2f}"
        if verdict.veto:
            note += f" (automatic linking would not: {verdict.veto})"
        conn.execute(
            lt.incident_reports.update()
            .where(R.incident_id.in_({head_a, head_b}))
            .values(pinned=False)
        )
        union(conn, {head_a, head_b}, head_a, author, note, now())
    return head_a


def _reports_with_claim(rows: list[Any], claim: str) -> set[str]:
    return {row.report_id for row in rows if claim in row.claims}


def split(
    store: Store,
    incident_id: str,
    author: str,
    *,
    claim: str | None = None,
    report: str | None = None,
    reason: str | None = None,
) -> SplitResult:
    """Take the report carrying ``claim`` (or the report ``report``) out of the incident."""
    if (claim is None) == (report is None):
        raise DocketError("E020", "split needs exactly one of a claim id or a report id")
    with store._write() as conn:
        _register(conn, incident_id)
        head = head_of(conn, incident_id)
        rows = members(conn, head)
        ids = {row.report_id for row in rows}
        out = _reports_with_claim(rows, claim) if claim else {r for r in ids if r == report}
        if not out:
            what = f"claim {claim}" if claim else f"report {report}"
            raise DocketError("E020", f"no report of incident {head} carries {what}")
        rest = ids - out
        if not rest:
            raise DocketError("E020", f"incident {head} has no other report to keep")
        out_head = head if head in out else min(out)
        rest_head = head if head in rest else min(rest)
        at = now()
        note = f"split by hand ({'claim ' + claim if claim else 'report ' + str(report)}): " + (
            reason or "no reason given"
        )
        conn.execute(
            lt.incident_reports.update()
            .where(R.report_id.in_(out))
            .values(incident_id=out_head, pinned=True, link={"split_from": head, "by": author})
        )
        conn.execute(
            lt.incident_reports.update().where(R.report_id.in_(rest)).values(incident_id=rest_head)
        )
        rebuild(conn, out_head, "split", author, note, at)
        rebuild(conn, rest_head, "split", author, note, at)
        review.add_audit(
            conn, author, "split", head, {"split_off": sorted(out), "remains": rest_head}, at
        )
    return SplitResult(split_off=out_head, remains=rest_head)
