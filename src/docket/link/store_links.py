"""The linking step at ingest: each report of a new document joins the stored incident it matches,
or stands alone; near-duplicate documents get their origin. Every change is a store revision.

Each incident a document yields is kept as a *report* (``incident_reports``, its JSON unchanged)
and compared with every stored report that the (when_start, lat, lon) prefilter lets through,
never with the combined incident, so ingesting reports in any order gives the same groups (the
connected components of the symmetric :func:`docket.link.incidents.match`). A linked incident's
id is the smallest id among its heads, its content is combined from its reports
(docket.link.combine) and its grade recomputed; incidents absorbed into it get a ``merge``
revision with ``merged_into`` and the status ``merged``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy import Connection

from docket.errors import DocketError
from docket.link import origins
from docket.link.combine import OWN_KEYS, Report, combine
from docket.link.incidents import MAX_SPAN_DAYS, PLACE_KM, TIME_TOLERANCE, Match, interval, match
from docket.record import Claim, Extraction, Incident
from docket.store import Store, review
from docket.store import link_tables as lt

if TYPE_CHECKING:
    from datasketch import MinHash
from docket.store import tables as t

R = lt.incident_reports.c
MAX_TOLERANCE = max(TIME_TOLERANCE.values())
MAX_KM = max(PLACE_KM.values())


@dataclass
class LinkResult:
    """What linking did to one document: its origin, and the incident each report belongs to."""

    document_id: str
    origin: str | None = None
    similarity: float | None = None
    incidents: dict[str, str] = field(default_factory=dict)  # report id -> incident id
    matches: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    @property
    def joined(self) -> int:
        """How many of the document's reports joined (or were joined by) stored incidents."""
        return len(self.matches)


def now() -> datetime:
    return datetime.now(UTC)


# -- saving a document with its origin, then linking it ------------------------------------------


def save_linked(
    store: Store, extraction: Extraction, raw: bytes, source: str, author: str = "docket"
) -> bool:
    """``store.save`` with near-duplicate origin detection before and incident linking after.

    Returns what ``store.save`` returns: False, changing nothing, for a document already stored.
    """
    doc = extraction.document
    if store.has_document(doc.id):
        return False
    minhash = origins.signature(doc.text)
    found = None
    if minhash is not None:
        with store._read() as conn:
            found = origins.find_origin(conn, minhash, exclude=doc.id)
    if found is not None and not doc.origin:
        update = {"origin": found.origin_id, "origin_similarity": round(found.similarity, 3)}
        extraction = extraction.model_copy(update={"document": doc.model_copy(update=update)})
    if not store.save(extraction, raw, source, author=author):
        return False
    link_document(store, extraction, minhash=minhash, author=author)
    return True


def link_document(
    store: Store, extraction: Extraction, *, minhash: MinHash | None = None, author: str = "docket"
) -> LinkResult:
    """Index a stored document for near-duplicates and link its incidents (one transaction).

    Running it again on the same document changes nothing.
    """
    doc = extraction.document
    result = LinkResult(document_id=doc.id)
    if minhash is None:
        minhash = origins.signature(doc.text)
    at = now()
    with store._write() as conn:
        origin = origins.root_origin(conn, doc.id)
        result.origin = origin if origin != doc.id else None
        if minhash is not None:
            origins.index_document(conn, doc.id, minhash, len(origins.shingles(doc.text)))
        fresh = [
            incident
            for incident in extraction.incidents
            if _add_report(conn, incident, doc.id, origin, at, place_names(extraction, incident))
        ]
        for incident in fresh:
            found = _link_report(conn, incident, doc.id, origin, author, at)
            if found:
                result.matches[incident.id] = found
        for incident in extraction.incidents:
            result.incidents[incident.id] = head_of(conn, incident.id)
    return result


def place_names(extraction: Extraction, incident: Incident) -> list[str]:
    """The place names mentioned in the incident's evidence sentences, lower-cased."""
    spans = [(e.start, e.end) for e in incident.evidence]
    return sorted(
        {
            m.quote.lower()
            for m in extraction.mentions
            if m.label == "place" and any(s <= m.start and m.end <= e for s, e in spans)
        }
    )


def _add_report(
    conn: Connection,
    incident: Incident,
    doc_id: str,
    origin: str,
    at: datetime,
    places: list[str] | None = None,
) -> bool:
    if conn.scalar(sa.select(R.report_id).where(R.report_id == incident.id)):
        return False
    if conn.scalar(sa.select(t.incidents.c.id).where(t.incidents.c.id == incident.id)) is None:
        return False
    ic = t.incident_claims.c
    own = set(conn.scalars(sa.select(ic.claim_id).where(ic.incident_id == incident.id)))
    data = incident.to_json()
    location = incident.location
    span = interval(incident.when)
    conn.execute(
        lt.incident_reports.insert(),
        {
            "report_id": incident.id,
            "document_id": doc_id,
            "origin_id": origin,
            "incident_id": incident.id,
            "category": incident.category,
            "when_start": span[0] if span else None,
            "when_end": span[1] if span else None,
            "lat": location.lat if location else None,
            "lon": location.lon if location else None,
            "country": location.country if location else None,
            "data": data,
            "claims": sorted(own | set(incident.claims)),
            "places": places or [],
            "link": None,
            "pinned": False,
            "linked_at": at,
        },
    )
    return True


# -- matching against stored reports -------------------------------------------------------------


def candidates(conn: Connection, incident: Incident, doc_id: str, origin: str) -> list[Any]:
    """Stored reports that may be the same incident: same origin, or near in time and place."""
    near: sa.ColumnElement[bool] = R.origin_id == origin
    span = interval(incident.when)
    if span is not None:
        slack = timedelta(days=2 * MAX_TOLERANCE + 1)
        in_time: sa.ColumnElement[bool] = sa.and_(
            R.when_start.between(span[0] - slack - timedelta(days=MAX_SPAN_DAYS), span[1] + slack),
            R.when_end >= span[0] - slack,
        )
        location = incident.location
        if location is not None and location.lat is not None and location.lon is not None:
            dlat = MAX_KM / 111.0
            dlon = MAX_KM / max(1.0, 111.0 * abs(_cos(location.lat)))
            box = sa.and_(
                R.lat.between(location.lat - dlat, location.lat + dlat),
                R.lon.between(location.lon - dlon, location.lon + dlon),
            )
            in_time = sa.and_(in_time, sa.or_(R.lat.is_(None), box))
        near = sa.or_(near, in_time)
    query = sa.select(lt.incident_reports).where(
        near, R.document_id != doc_id, R.pinned.is_(False), R.report_id != incident.id
    )
    return list(conn.execute(query.order_by(R.report_id)))


def _cos(lat: float) -> float:
    import math

    return math.cos(math.radians(lat))


def _words(incident: Incident) -> str:
    return re.sub(r"\W+", " ", " ".join(e.quote for e in incident.evidence)).strip().lower()


def compare(a: Any, b: Any) -> Match:
    """``match`` of two report rows; two reports of one origin with the same evidence are copies."""
    ia, ib = Incident.model_validate(a.data), Incident.model_validate(b.data)
    if a.origin_id == b.origin_id and ia.evidence and _words(ia) == _words(ib):
        return Match(
            linked=True, score=10.0, fields={"copy": {"reason": "same origin, same evidence"}}
        )
    return match(ia, ib, tuple(a.places), tuple(b.places))


def _link_report(
    conn: Connection, incident: Incident, doc_id: str, origin: str, author: str, at: datetime
) -> list[dict[str, Any]]:
    found = []
    mine = conn.execute(sa.select(lt.incident_reports).where(R.report_id == incident.id)).one()
    for row in candidates(conn, incident, doc_id, origin):
        verdict = compare(mine, row)
        if verdict.linked:
            found.append(
                {"report": row.report_id, "incident": row.incident_id, **verdict.to_json()}
            )
    if not found:
        return []
    conn.execute(
        lt.incident_reports.update()
        .where(R.report_id == incident.id)
        .values(link={"matches": found})
    )
    heads = {head_of(conn, incident.id)} | {m["incident"] for m in found}
    best = max(found, key=lambda m: m["score"])
    agreed = ", ".join(
        f"{name} {f['score']:.2f}" for name, f in best["fields"].items() if f.get("score")
    )
    reason = f"report {incident.id} of document {doc_id[:12]} matches {best['report']} ({agreed})"
    union(conn, heads, min(heads), author, reason, at)
    return found


# -- linked incidents: union, rebuild --------------------------------------------------------------


def head_of(conn: Connection, incident_id: str) -> str:
    """The incident a report (or incident) id belongs to now."""
    head = conn.scalar(sa.select(R.incident_id).where(R.report_id == incident_id))
    return head or incident_id


def members(conn: Connection, head: str) -> list[Any]:
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
) -> None:
    """Make one incident ``head`` of the incidents ``heads``; the others are merged into it."""
    for other in sorted(heads - {head}):
        own = conn.scalar(sa.select(R.data).where(R.report_id == other))
        if own is None:
            raise DocketError("E019", f"incident {other} is not registered for linking")
        data = dict(own)
        data = {k: v for k, v in data.items() if k not in OWN_KEYS} | {"merged_into": head}
        review.revise(
            conn, "incident", other, action, data, author, f"merged into {head}: {reason}", at
        )
        _set_status(conn, other, "merged")
        mine = conn.execute(sa.select(R.document_id, R.claims).where(R.report_id == other)).one()
        _sync(conn, t.incident_sources, "document_id", other, {mine.document_id})
        _sync(conn, t.incident_claims, "claim_id", other, _existing_claims(conn, mine.claims))
    conn.execute(
        lt.incident_reports.update().where(R.incident_id.in_(heads)).values(incident_id=head)
    )
    rebuild(conn, head, action, author, reason, at)
    review.add_audit(conn, author, action, head, {"incidents": sorted(heads), "reason": reason}, at)


def rebuild(
    conn: Connection, head: str, action: str, author: str, reason: str, at: datetime
) -> None:
    """Revise ``head`` to the combination of its reports; sync its sources and claims."""
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
    if len(reports) == 1:
        data = {k: v for k, v in rows[0].data.items() if k not in OWN_KEYS}
    else:
        data = combine(head, reports, claims).to_json()
    before = conn.scalar(sa.select(t.incidents.c.status).where(t.incidents.c.id == head))
    review.revise(conn, "incident", head, action, data, author, reason, at)
    if before == "merged":
        before = "split" if action == "split" else "machine"
    _set_status(conn, head, before or "machine")
    _sync(conn, t.incident_sources, "document_id", head, {r.document_id for r in rows})
    _sync(conn, t.incident_claims, "claim_id", head, set(claims))


def _existing_claims(conn: Connection, ids: list[str]) -> set[str]:
    return set(conn.scalars(sa.select(t.claims.c.id).where(t.claims.c.id.in_(ids))))


def _set_status(conn: Connection, incident_id: str, status: str) -> None:
    conn.execute(t.incidents.update().where(t.incidents.c.id == incident_id).values(status=status))


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
