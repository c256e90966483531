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

import functools
import math
import re
from collections.abc import Iterable
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
    actor_ids,
    compare_categories,
    compare_intervals,
    compare_parties,
    compare_weapon_classes,
    interval,
    match,
    place_names,
    vague,
)
from docket.record import Extraction, Incident
from docket.store import link_tables as lt
from docket.store import tables as t
from docket.store.linked_incidents import head_of, members, now, rebuild, union
from docket.store.origins import find_origin, index_document, root_origin

if TYPE_CHECKING:
    from docket.link.origins import MinHash
    from docket.store.store import Store

R = lt.incident_reports.c
MAX_TOLERANCE = max(TIME_TOLERANCE.values())
MAX_KM = max(PLACE_KM.values())
# A stored report's time tolerance is at most a day unless its precision is one of WIDE (the
# default for a precision not listed is a day: docket.link.matching.compare_intervals).
NARROW_TOLERANCE = 1.0
WIDE = sorted(p for p, days in TIME_TOLERANCE.items() if days > NARROW_TOLERANCE)
# the span classes whose reports the matching may veto on time (intervals of MAX_SPAN_DAYS or less)
TIMED_CLASSES = [k for k, longest in enumerate(lt.SPANS) if longest <= MAX_SPAN_DAYS]


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


# statements run for each new report, built once (their values bound at each run)
_REGISTERED = sa.select(R.report_id).where(R.report_id == sa.bindparam("id"))
_STORED = sa.select(t.incidents.c.id).where(t.incidents.c.id == sa.bindparam("id"))
_OWN_CLAIMS = sa.select(t.incident_claims.c.claim_id).where(
    t.incident_claims.c.incident_id == sa.bindparam("id")
)
_MINE = sa.select(lt.incident_reports).where(R.report_id == sa.bindparam("id"))


def add_report(
    conn: Connection,
    incident: Incident,
    doc_id: str,
    origin: str,
    at: datetime,
    places: list[str] | None = None,
) -> bool:
    """Keep a stored incident as a report of its document (once); False when it is not added."""
    if conn.scalar(_REGISTERED, {"id": incident.id}):
        return False
    if conn.scalar(_STORED, {"id": incident.id}) is None:
        return False
    own = set(conn.scalars(_OWN_CLAIMS, {"id": incident.id}))
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


def candidates(
    conn: Connection,
    incident: Incident,
    doc_id: str,
    origin: str,
    columns: tuple[Any, ...] | None = None,
) -> list[Any]:
    """Stored reports that may be the same incident: same origin, or near in time and place
    (whole rows, or only ``columns``).

    "Near in time": the intervals overlap once widened by the largest tolerance on each side. A
    stored report of span class k lasts at most ``SPANS[k]`` days, so it can overlap only when it
    starts at most that long before the new interval: one indexed range of when_start per class
    (reports longer than MAX_SPAN_DAYS: within MAX_SPAN_DAYS, as the matching compares no more).
    A stored report of a narrow precision (a day, a week) must also be within the days the
    matching allows it (:func:`_candidate_statement`). "Near in place": :func:`near_place`. The
    statement is built once for each shape (timed or not, the place's precision, the columns)
    and run with the values bound.
    """
    params: dict[str, Any] = {"origin": origin, "doc_id": doc_id, "report_id": incident.id}
    span = interval(incident.when)
    location = incident.location
    placed = None
    compared = False
    if span is not None:
        # the most days two linked reports' intervals may be apart: this one's tolerance and
        # the largest a stored report may have (docket.link.matching.compare_intervals)
        slack = timedelta(
            days=math.ceil(TIME_TOLERANCE.get(incident.when.precision, 1.0) + MAX_TOLERANCE)
        )
        for k, longest in enumerate([*lt.SPANS, MAX_SPAN_DAYS]):
            params[f"start_{k}"] = span[0] - slack - timedelta(days=min(longest, MAX_SPAN_DAYS))
        params["start_hi"] = span[1] + slack
        params["end_lo"] = span[0] - slack
        compared = (span[1] - span[0]).days <= MAX_SPAN_DAYS
        if compared:
            # the most days apart it may be from a stored report of narrow tolerance
            close = timedelta(
                days=math.ceil(TIME_TOLERANCE.get(incident.when.precision, 1.0) + NARROW_TOLERANCE)
            )
            params["close_hi"] = span[1] + close
            params["close_lo"] = span[0] - close
        if location is not None and location.lat is not None and location.lon is not None:
            placed = location.precision
            for km in set(PLACE_KM.values()):
                dlat = km / 111.0
                dlon = km / max(1.0, 111.0 * abs(_cos(location.lat)))
                params[f"lat_lo_{km:g}"], params[f"lat_hi_{km:g}"] = (
                    location.lat - dlat,
                    location.lat + dlat,
                )
                params[f"lon_lo_{km:g}"], params[f"lon_hi_{km:g}"] = (
                    location.lon - dlon,
                    location.lon + dlon,
                )
    query = _candidate_statement(span is not None, placed, columns, compared)
    return list(conn.execute(query, params))


@functools.lru_cache(maxsize=64)
def _candidate_statement(
    timed: bool,
    precision: str | None,
    columns: tuple[Any, ...] | None,
    compared: bool = False,
    narrowed: bool = True,
) -> sa.Select[Any]:
    """The candidates' query for one shape, its values left as bound parameters.

    With ``narrowed`` (False only to test that it changes no link) two more tests leave out
    rows early, neither a row that could be linked:

    - the widest place box on its own. ``near_place`` implies it, but it reads only columns of
      the (span_class, when_start, lat, lon) index, so SQLite leaves the rows outside it before
      it reads the table (where ``near_place`` finds the precision).
    - when the new report's time can veto (``compared``: its interval is MAX_SPAN_DAYS or
      shorter), a stored report of such an interval must be within the days its narrow
      tolerance allows (``close_lo``, ``close_hi``), unless its precision is one of WIDE:
      ``compare_intervals`` vetoes the others, as ``_vetoed`` would after reading them.
    """
    near: sa.ColumnElement[bool] = R.origin_id == sa.bindparam("origin")
    if timed:
        place = sa.true() if precision is None else near_place(precision)
        widest: sa.ColumnElement[bool] = sa.true()
        close: sa.ColumnElement[bool] = sa.true()
        if narrowed and precision is not None:
            widest = sa.or_(R.lat.is_(None), _box(MAX_KM))
        if narrowed and compared:
            close = sa.or_(
                sa.and_(
                    R.when_start <= sa.bindparam("close_hi"),
                    R.when_end >= sa.bindparam("close_lo"),
                ),
                R.data["when"]["precision"].as_string().in_(_constants(WIDE)),
            )
        windows = [
            sa.and_(
                R.span_class == k,
                R.when_start.between(sa.bindparam(f"start_{k}"), sa.bindparam("start_hi")),
                widest,
                R.when_end >= sa.bindparam("end_lo"),
                place,
                close if k in TIMED_CLASSES else sa.true(),
            )
            for k in range(len(lt.SPANS) + 1)
        ]
        near = sa.or_(near, *windows)
    query = sa.select(*(columns or (lt.incident_reports,))).where(
        near,
        R.document_id != sa.bindparam("doc_id"),
        R.pinned.is_(False),
        R.report_id != sa.bindparam("report_id"),
    )
    return query.order_by(R.report_id)


def near_place(precision: str) -> sa.ColumnElement[bool]:
    """Stored reports whose place may agree with a place of ``precision`` (its coordinates are
    the bound boxes ``lat_lo_KM`` ... ``lon_hi_KM`` around it, one for each distance of
    ``PLACE_KM``).

    Two places agree only within the distance allowed at the coarser of their precisions
    (``PLACE_KM``: two towns 25 km, a town and a region 150 km), so each stored precision gets
    its own box: a town's report is compared with the towns within 25 km, not every report within
    150 km, which is what keeps the candidates few as the store fills. Reports placed at country
    precision or not at all (matched by names, or by country) keep the widest box, as do reports
    stored before the precision column.
    """

    rank = PRECISION_RANK.get(precision, len(PRECISION_RANK))
    boxes: list[sa.ColumnElement[bool]] = []
    if precision in PLACE_KM:
        for stored in PLACE_KM:
            coarser = stored if PRECISION_RANK[stored] > rank else precision
            boxes.append(sa.and_(R.precision == stored, _box(PLACE_KM[coarser])))
        others = sa.or_(R.precision.is_(None), R.precision.not_in(_constants(PLACE_KM)))
        boxes.append(sa.and_(others, _box(MAX_KM)))
    else:
        boxes.append(_box(MAX_KM))
    return sa.or_(R.lat.is_(None), *boxes)


def _constants(words: Iterable[str]) -> list[sa.ColumnElement[Any]]:
    """Fixed words of the code as SQL literals: an ``IN`` of them is written once, when the
    statement is compiled, where an ``IN`` of bound values is written again at every run."""
    for word in words:
        if not re.fullmatch(r"[a-z_]+", word):
            raise ValueError(f"not a plain word: {word!r}")
    return [sa.literal_column(f"'{word}'") for word in words]


def _box(km: float) -> sa.ColumnElement[bool]:
    """Reports within the bound box ``lat_lo_KM`` ... ``lon_hi_KM``."""
    return sa.and_(
        R.lat.between(sa.bindparam(f"lat_lo_{km:g}"), sa.bindparam(f"lat_hi_{km:g}")),
        R.lon.between(sa.bindparam(f"lon_lo_{km:g}"), sa.bindparam(f"lon_hi_{km:g}")),
    )


def _cos(lat: float) -> float:
    return math.cos(math.radians(lat))


def _words(incident: Incident) -> str:
    return re.sub(r"\W+", " ", " ".join(e.quote for e in incident.evidence)).strip().lower()


def compare(a: Any, b: Any, incident_a: Incident | None = None) -> Match:
    """``match`` of two report rows; two reports of one origin with the same evidence are copies.

    ``incident_a``: ``a``'s report, when the caller has it read already.
    """
    ia = incident_a or Incident.model_validate(a.data)
    ib = Incident.model_validate(b.data)
    if a.origin_id == b.origin_id and ia.evidence and _words(ia) == _words(ib):
        return Match(
            linked=True, score=10.0, fields={"copy": {"reason": "same origin, same evidence"}}
        )
    return match(ia, ib, tuple(a.places), tuple(b.places))


# What the linker reads of each candidate before its JSON: enough to see most vetoes.
_LIGHT = (
    R.report_id,
    R.origin_id,
    R.category,
    R.when_start,
    R.when_end,
    R.data["when"]["precision"].as_string().label("when_precision"),
    R.data["perpetrators"].label("perpetrators"),
    R.data["victims"].label("victims"),
    R.data["weapons"].label("weapons"),
)


def _ids(refs: list[dict[str, Any]] | None) -> set[str]:
    return {ref["actor"] for ref in refs or [] if ref.get("actor")}


def _vetoed(incident: Incident, span: tuple[Any, Any] | None, origin: str, row: Any) -> bool:
    """Whether ``match`` would surely veto a candidate, from its columns and the few JSON values
    read with them: another family of category, times apart, other perpetrators, weapons of
    incompatible kinds. Copies (same origin) are always read whole."""
    if row.origin_id == origin:
        return False
    if compare_categories(incident.category, row.category)[0] is None:
        return True
    if (
        compare_intervals(span, incident.when.precision, _span(row), row.when_precision or "")[0]
        is None
    ):
        return True
    mine = actor_ids(incident.perpetrators), actor_ids(incident.victims)
    if compare_parties(*mine, _ids(row.perpetrators), _ids(row.victims))[0] is None:
        return True
    classes = {w.get("class") for w in row.weapons or [] if w.get("class")}
    return compare_weapon_classes({w.weapon_class for w in incident.weapons}, classes)[0] is None


def _link_report(
    conn: Connection, incident: Incident, doc_id: str, origin: str, author: str, at: datetime
) -> list[dict[str, Any]]:
    """Compare a new report with the stored ones near it, and join it as the matches say.

    A match of two reports dated to a day or a few days joins their incidents (and a copy's
    match, whatever its dates). A report dated more vaguely (``docket.link.matching.vague``: a
    week, a month) joins one incident only, that of its best match among the precisely dated
    reports (the highest score, then the smallest report id), and never joins two; when a better
    match arrives later it moves there. A report matched only by vaguely dated reports (not
    copies) stays alone. So the incidents do not depend on the order of ingest, and a month's
    report no longer chains a busy town's events of that month into one.
    """
    mine = conn.execute(_MINE, {"id": incident.id}).one()
    span = interval(incident.when)
    light = candidates(conn, incident, doc_id, origin, _LIGHT)
    keep = [row.report_id for row in light if not _vetoed(incident, span, origin, row)]
    rows = []
    for chunk in range(0, len(keep), 500):
        query = sa.select(lt.incident_reports).where(R.report_id.in_(keep[chunk : chunk + 500]))
        rows += list(conn.execute(query))
    rows.sort(key=lambda row: row.report_id)
    found, strong, weak = [], [], []
    for row in rows:
        verdict = compare(mine, row, incident)
        theirs = _span(row)
        copy = "copy" in verdict.fields
        if not verdict.linked or (vague(span) and vague(theirs) and not copy):
            continue  # two vaguely dated reports do not link, unless one copies the other
        found.append({"report": row.report_id, "incident": row.incident_id, **verdict.to_json()})
        if copy or not (vague(span) or vague(theirs)):
            strong.append(row)
        else:
            weak.append((row, verdict.score))
    if not found:
        return []
    conn.execute(
        lt.incident_reports.update()
        .where(R.report_id == incident.id)
        .values(link={"matches": found})
    )
    best = max(found, key=lambda m: m["score"])
    agreed = ", ".join(
        f"{name} {f['score']:.2f}" for name, f in best["fields"].items() if f.get("score")
    )
    reason = f"report {incident.id} of document {doc_id[:12]} matches {best['report']} ({agreed})"
    if strong:
        heads = {head_of(conn, incident.id)} | {head_of(conn, row.report_id) for row in strong}
        if len(heads) > 1:
            union(conn, heads, min(heads), author, reason, at)
    if vague(span):
        # the new report is vague: its unit (it and its copies) takes its best precise match
        marks = [mark for row in strong if (mark := _mark(row)) is not None]
        if marks:  # a copy of a vague report attached somewhere: it shares that attachment
            partner, score = marks[0]
            attached = {"matches": found, "attached": {"report": partner, "score": score}}
            conn.execute(
                lt.incident_reports.update().where(R.report_id == incident.id).values(link=attached)
            )
        if weak:
            row, score = min(weak, key=lambda w: (-w[1], w[0].report_id))
            _attach(conn, _unit(conn, incident.id), row.report_id, score, author, reason, at)
    else:
        # the new report is precise: each vague report it matches moves here if this is better
        for row, score in weak:
            if not _better(incident.id, score, _mark(row)):
                continue  # its present attachment stands (its unit shares the mark read here)
            _attach(conn, _unit(conn, row.report_id), incident.id, score, author, reason, at)
    return found


def _unit(conn: Connection, report_id: str) -> list[Any]:
    """A vague report and its copies: the vague reports of its incident with the same unit mark
    (or, before it is attached anywhere, all of its incident)."""
    head = head_of(conn, report_id)
    rows = members(conn, head)
    mark = next(_mark(row) for row in rows if row.report_id == report_id)
    return [row for row in rows if vague(_span(row)) and _mark(row) == mark]


def _span(row: Any) -> tuple[Any, Any] | None:
    """A stored report's interval, from its columns (as ``interval`` of its ``when``)."""
    return (row.when_start, row.when_end) if row.when_start is not None else None


def _machine_made(conn: Connection, head: str, unit: list[Any]) -> bool:
    """Whether the incident ``head`` is as linking left it: no analyst reviewed it, and the unit
    did not join it by an analyst's merge."""
    status = conn.scalar(sa.select(t.incidents.c.status).where(t.incidents.c.id == head))
    return status == "machine" and not any((row.link or {}).get("merged_from") for row in unit)


def _mark(row: Any) -> tuple[str, float] | None:
    attached = (row.link or {}).get("attached")
    return (attached["report"], attached["score"]) if attached else None


def _better(partner: str, score: float, present: tuple[str, float] | None) -> bool:
    """Whether a match to ``partner`` of ``score`` beats a unit's ``present`` attachment: a
    higher score, then the smaller partner id."""
    return present is None or (-score, partner) < (-present[1], present[0])


def _attach(
    conn: Connection,
    unit: list[Any],
    partner: str,
    score: float,
    author: str,
    reason: str,
    at: datetime,
) -> None:
    """Attach a vague unit to the incident of its precise match ``partner`` when the match is
    better than the unit's present one (higher score, then smaller partner id)."""
    present = _mark(unit[0])
    if not _better(partner, score, present):
        return
    source = head_of(conn, unit[0].report_id)
    if present is not None and not _machine_made(conn, source, unit):
        return  # an analyst's merge or review of the incident it is in stands
    ids = {row.report_id for row in unit}
    for row in unit:
        link = dict(row.link or {}) | {"attached": {"report": partner, "score": score}}
        conn.execute(
            lt.incident_reports.update().where(R.report_id == row.report_id).values(link=link)
        )
    target = head_of(conn, partner)
    if target == source:
        return
    rest = {row.report_id for row in members(conn, source)} - ids
    unit_head = source
    if rest:
        unit_head = min(ids)
        rest_head = source if source in rest else min(rest)
        conn.execute(
            lt.incident_reports.update().where(R.report_id.in_(ids)).values(incident_id=unit_head)
        )
        conn.execute(
            lt.incident_reports.update().where(R.report_id.in_(rest)).values(incident_id=rest_head)
        )
        note = f"{reason}; reports {', '.join(sorted(ids))} moved to a better match"
        rebuild(conn, rest_head, "merge", author, note, at)
    union(conn, {unit_head, target}, min(unit_head, target), author, reason, at)


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
