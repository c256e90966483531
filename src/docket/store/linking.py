"""The linking step at ingest: each report of a new document joins the stored incident it matches,
or stands alone; near-duplicate documents get their origin. Every change is a store revision.

Each incident a document yields is kept as a *report* (``incident_reports``, its JSON unchanged)
and compared with every stored report that the (span class, when_start, lat, lon) prefilter
lets through (an indexed window of time and place, docket.store.link_tables),
never with the combined incident, so ingesting reports in any order gives the same groups (the
connected components of the symmetric :func:`docket.link.matching.match`). A linked incident's
id is the smallest id among its heads; its content is combined from its reports and its grade
recomputed (docket.store.linked_incidents). The store calls these through ``Store.save_linked``
and ``Store.link``; the matching itself is pure (docket.link).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy import Connection

from docket.link import origins
from docket.link.matching import (
    MAX_SPAN_DAYS,
    PLACE_KM,
    PRECISION_RANK,
    TIME_TOLERANCE,
    Match,
    interval,
    match,
    place_names,
)
from docket.record import Extraction, Incident
from docket.store import link_tables as lt
from docket.store import tables as t
from docket.store.linked_incidents import head_of, now, union
from docket.store.origins import find_origin, index_document, root_origin

if TYPE_CHECKING:
    from datasketch import MinHash

    from docket.store.store import Store

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


# -- saving a document with its origin, then linking it ------------------------------------------


def save_linked(
    store: Store, extraction: Extraction, raw: bytes, source: str, author: str = "docket"
) -> bool:
    """``Store.save`` with near-duplicate origin detection before and incident linking after.

    Returns what ``store.save`` returns: False, changing nothing, for a document already stored.
    """
    doc = extraction.document
    if store.has_document(doc.id):
        return False
    minhash = origins.signature(doc.text)
    found = None
    if minhash is not None:
        with store._read() as conn:
            found = find_origin(conn, minhash, exclude=doc.id)
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
        origin = root_origin(conn, doc.id)
        result.origin = origin if origin != doc.id else None
        if minhash is not None:
            index_document(conn, doc.id, minhash, len(origins.shingles(doc.text)))
        fresh = [
            incident
            for incident in extraction.incidents
            if add_report(conn, incident, doc.id, origin, at, place_names(extraction, incident))
        ]
        for incident in fresh:
            found = _link_report(conn, incident, doc.id, origin, author, at)
            if found:
                result.matches[incident.id] = found
        for incident in extraction.incidents:
            result.incidents[incident.id] = head_of(conn, incident.id)
    return result


def needs_linking(conn: Connection, doc_id: str) -> bool:
    """Whether a stored document missed its linking (a run stopped between saving and linking):
    an incident of it without a report, or no near-duplicate signature."""
    s = t.incident_sources.c
    unreported = sa.select(s.incident_id).where(
        s.document_id == doc_id, ~sa.exists().where(R.report_id == s.incident_id)
    )
    if conn.scalar(unreported.limit(1)) is not None:
        return True
    m = lt.document_minhash.c
    return conn.scalar(sa.select(m.document_id).where(m.document_id == doc_id)) is None


def unlinked(conn: Connection) -> list[str]:
    """Stored documents a stopped run saved but never linked, in the order they were saved: one
    of its incidents has no report, or it has no near-duplicate signature though its text is long
    enough for one."""
    d, s, m = t.documents.c, t.incident_sources.c, lt.document_minhash.c
    unreported = sa.exists().where(
        s.document_id == d.id, ~sa.exists().where(R.report_id == s.incident_id)
    )
    no_signature = ~sa.exists().where(m.document_id == d.id)
    rows = conn.execute(
        sa.select(d.id, unreported.label("unreported"), d.text)
        .where(unreported | no_signature)
        .order_by(d.seq)
    )
    return [row.id for row in rows if row.unreported or origins.signature(row.text) is not None]


def add_report(
    conn: Connection,
    incident: Incident,
    doc_id: str,
    origin: str,
    at: datetime,
    places: list[str] | None = None,
) -> bool:
    """Keep a stored incident as a report of its document (once); False when it is not added."""
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
            "span_class": lt.span_class(*span) if span else None,
            "lat": location.lat if location else None,
            "lon": location.lon if location else None,
            "country": location.country if location else None,
            "precision": location.precision if location else None,
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
    """Stored reports that may be the same incident: same origin, or near in time and place.

    "Near in time": the intervals overlap once widened by the largest tolerance on each side. A
    stored report of span class k lasts at most ``SPANS[k]`` days, so it can overlap only when it
    starts at most that long before the new interval: one indexed range of when_start per class
    (reports longer than MAX_SPAN_DAYS: within MAX_SPAN_DAYS, as the matching compares no more).
    """
    near: sa.ColumnElement[bool] = R.origin_id == origin
    span = interval(incident.when)
    if span is not None:
        slack = timedelta(days=2 * MAX_TOLERANCE + 1)
        place: sa.ColumnElement[bool] = sa.true()
        location = incident.location
        if location is not None and location.lat is not None and location.lon is not None:
            place = near_place(location.lat, location.lon, location.precision)
        windows = [
            sa.and_(
                R.span_class == k,
                R.when_start.between(
                    span[0] - slack - timedelta(days=min(longest, MAX_SPAN_DAYS)), span[1] + slack
                ),
                R.when_end >= span[0] - slack,
                place,
            )
            for k, longest in enumerate([*lt.SPANS, MAX_SPAN_DAYS])
        ]
        near = sa.or_(near, *windows)
    query = sa.select(lt.incident_reports).where(
        near, R.document_id != doc_id, R.pinned.is_(False), R.report_id != incident.id
    )
    return list(conn.execute(query.order_by(R.report_id)))


def near_place(lat: float, lon: float, precision: str) -> sa.ColumnElement[bool]:
    """Stored reports whose place may agree with a place at ``lat, lon`` of ``precision``.

    Two places agree only within the distance allowed at the coarser of their precisions
    (``PLACE_KM``: two towns 25 km, a town and a region 150 km), so each stored precision gets
    its own box: a town's report is compared with the towns within 25 km, not every report within
    150 km, which is what keeps the candidates few as the store fills. Reports placed at country
    precision or not at all (matched by names, or by country) keep the widest box, as do reports
    stored before the precision column.
    """

    def box(km: float) -> sa.ColumnElement[bool]:
        dlat = km / 111.0
        dlon = km / max(1.0, 111.0 * abs(_cos(lat)))
        return sa.and_(R.lat.between(lat - dlat, lat + dlat), R.lon.between(lon - dlon, lon + dlon))

    rank = PRECISION_RANK.get(precision, len(PRECISION_RANK))
    boxes: list[sa.ColumnElement[bool]] = []
    if precision in PLACE_KM:
        for stored in PLACE_KM:
            coarser = stored if PRECISION_RANK[stored] > rank else precision
            boxes.append(sa.and_(R.precision == stored, box(PLACE_KM[coarser])))
        others = sa.or_(R.precision.is_(None), R.precision.not_in(list(PLACE_KM)))
        boxes.append(sa.and_(others, box(MAX_KM)))
    else:
        boxes.append(box(MAX_KM))
    return sa.or_(R.lat.is_(None), *boxes)


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


# -- reading the links back ----------------------------------------------------------------------


def linked_groups(conn: Connection, key: str = "source") -> dict[str, set[str]]:
    """Each stored document (named by its file name, or by id) -> the incidents its reports are in."""
    r, d = R, t.documents.c
    rows = conn.execute(
        sa.select(d.id, d.source, r.incident_id).join(lt.incident_reports, r.document_id == d.id)
    )
    groups: dict[str, set[str]] = {}
    for row in rows:
        name = row.source.replace("\\", "/").rsplit("/", 1)[-1] if key == "source" else row.id
        groups.setdefault(name, set()).add(row.incident_id)
    return groups


def report_links(conn: Connection) -> dict[str, str]:
    """Each report id -> the linked incident it belongs to now."""
    return {
        row.report_id: row.incident_id
        for row in conn.execute(sa.select(R.report_id, R.incident_id))
    }
