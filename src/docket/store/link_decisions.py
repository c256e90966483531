"""An analyst's merge and split of linked incidents: new revisions, never overwrites.

``merge(store, a, b)`` makes one incident of two (``a``'s id is kept): the reports of both are
joined in the link table and ``a`` is rebuilt from all of them (their sources, claims and fields
combined, docket.link.combine); ``b`` gets ``merged_into`` and the status ``merged``. ``split``
takes reports out again: the report carrying a claim, a named report, or (with neither) every
report that came from an incident merged by hand. Both record who, why, and the match verdict
between the two sides in the revision's reason and the audit log; ``docket show ID --history``
lists them. A report split off by hand is pinned: automatic linking never joins it to anything
again (an analyst's merge may). Every face reaches these through ``Store.merge_incidents`` and
``Store.split_incident`` (docket.review).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy import Connection

from docket.errors import DocketError
from docket.link.matching import match
from docket.record import Incident
from docket.store import link_tables as lt
from docket.store import review
from docket.store import tables as t
from docket.store.linked_incidents import R, head_of, members, now, rebuild, union
from docket.store.linking import add_report
from docket.store.origins import root_origin

if TYPE_CHECKING:
    from docket.store.store import Store


@dataclass
class MergeResult:
    """The incident kept, the incidents merged into it, and the revision written for each."""

    kept: str
    absorbed: list[str]
    revisions: dict[str, int] = field(default_factory=dict)


@dataclass
class SplitResult:
    """The incident split off, the incident that remains, and the revision written for each."""

    split_off: str
    remains: str
    revisions: dict[str, int] = field(default_factory=dict)


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
    add_report(conn, Incident.model_validate(data), doc, root_origin(conn, doc), now())


def _current(conn: Connection, head: str) -> Incident:
    return Incident.model_validate(
        conn.scalar(sa.select(t.incidents.c.data).where(t.incidents.c.id == head))
    )


def merge(store: Store, a: str, b: str, author: str, reason: str | None = None) -> MergeResult:
    """Merge incident ``b`` into ``a`` (either may be any report of a linked incident).

    The reports that came from ``b`` remember it (``merged_from`` in their link), so that
    ``split`` without a claim or report can take them out again.
    """
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
        for row in members(conn, head_b):
            link = dict(row.link or {})
            link["merged_from"] = [*link.get("merged_from", []), head_b]
            conn.execute(
                lt.incident_reports.update().where(R.report_id == row.report_id).values(link=link)
            )
        written = union(conn, {head_a, head_b}, head_a, author, note, now())
    return MergeResult(kept=head_a, absorbed=[head_b], revisions=written)


def _came_from(rows: list[Any], absorbed: str) -> set[str]:
    """The reports that joined by a hand merge of ``absorbed`` (or ``absorbed`` itself)."""
    marked = {row.report_id for row in rows if absorbed in (row.link or {}).get("merged_from", [])}
    return marked or {row.report_id for row in rows if row.report_id == absorbed}


def _merged_side(conn: Connection, incident_id: str, other: str | None) -> tuple[str, str]:
    """For a split without claim or report: the linked incident, and the side merged into it."""
    head = head_of(conn, incident_id)
    if head != incident_id:
        if other is not None and head_of(conn, other) != head:
            raise DocketError("E020", f"{incident_id} is not merged into {other}")
        return head, incident_id
    if other is None or other == incident_id:
        raise DocketError(
            "E020", f"{incident_id} is not merged into another incident; name the other one"
        )
    if head_of(conn, other) != head:
        raise DocketError("E020", f"{other} is not merged into {incident_id}")
    return head, other


def split(
    store: Store,
    incident_id: str,
    author: str,
    *,
    claim: str | None = None,
    report: str | None = None,
    other: str | None = None,
    reason: str | None = None,
) -> SplitResult:
    """Take reports out of the incident ``incident_id`` belongs to.

    With ``claim``: the report carrying it; with ``report``: that report; with neither: the
    reports that came from ``incident_id`` when it was merged into another incident (or, when
    ``incident_id`` is the one kept, those that came from ``other``).
    """
    if claim is not None and report is not None:
        raise DocketError("E020", "split needs at most one of a claim id or a report id")
    with store._write() as conn:
        _register(conn, incident_id)
        if claim is None and report is None:
            if other is not None:
                _register(conn, other)
            head, absorbed = _merged_side(conn, incident_id, other)
            rows = members(conn, head)
            out = _came_from(rows, absorbed)
            what = f"what came from {absorbed}"
        else:
            head = head_of(conn, incident_id)
            rows = members(conn, head)
            if claim:
                out = {row.report_id for row in rows if claim in row.claims}
            else:
                out = {row.report_id for row in rows if row.report_id == report}
            what = f"claim {claim}" if claim else f"report {report}"
        if not out:
            raise DocketError("E020", f"no report of incident {head} carries {what}")
        rest = {row.report_id for row in rows} - out
        if not rest:
            raise DocketError("E020", f"incident {head} has no other report to keep")
        out_head = head if head in out else min(out)
        rest_head = head if head in rest else min(rest)
        at = now()
        note = f"split by hand ({what}): " + (reason or "no reason given")
        conn.execute(
            lt.incident_reports.update()
            .where(R.report_id.in_(out))
            .values(incident_id=out_head, pinned=True, link={"split_from": head, "by": author})
        )
        conn.execute(
            lt.incident_reports.update().where(R.report_id.in_(rest)).values(incident_id=rest_head)
        )
        written = {
            out_head: rebuild(conn, out_head, "split", author, note, at),
            rest_head: rebuild(conn, rest_head, "split", author, note, at),
        }
        review.add_audit(
            conn, author, "split", head, {"split_off": sorted(out), "remains": rest_head}, at
        )
    return SplitResult(split_off=out_head, remains=rest_head, revisions=written)
