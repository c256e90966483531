"""One incident from several reports of it: fields combined, casualty figures side by side.

The combination depends only on the set of reports (they are taken in id order), so the same
reports always give the same incident, whichever report's id it keeps: the narrowest time and the
most precise place of any report, casualty figures from every report. Spans are offsets into
the head report's document; the evidence sentences of every report are kept, and a span (or a
field with a span) taken from another report carries that report's ``document`` id. Casualty
figures of all reports are listed under ``casualties`` and summarised as low/best/high by
:data:`CASUALTY_RULE`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from docket.judge.grade import Source, graded
from docket.link.matching import PRECISION_RANK, interval
from docket.record import Claim, Incident, Model, Number, PlaceRef

CASUALTY_RULE = (
    "best: the lowest best figure any report gives (the most conservative, as ACLED codes); "
    "low and high: the lowest and highest figure any report gives (as UCDP keeps them)"
)
# keys a report may carry that belong to it alone, not to the incident it joins
OWN_KEYS = ("merged_into", "reports", "origins", "casualties")


@dataclass(frozen=True)
class Report:
    """One document's reading of the incident, and the document and origin it came from."""

    incident: Incident
    document: str
    origin: str
    claims: tuple[str, ...] = ()  # ids of the claims about it in its document


def _tagged(item: Model, report: Report, head: Report) -> Model:
    if report.document == head.document:
        return item
    return item.model_copy(update={"document": report.document})


def _union(reports: list[Report], head: Report, attr: str, key: Any) -> list[Any]:
    seen: set[Any] = set()
    out: list[Any] = []
    for report in [head, *reports]:
        for item in getattr(report.incident, attr):
            k = key(item)
            if k not in seen:
                seen.add(k)
                out.append(_tagged(item, report, head))
    return out


def _location(reports: list[Report], head: Report) -> PlaceRef | None:
    """The most precise place any report gives (the first in id order among equals)."""
    placed = [(r, r.incident.location) for r in reports if r.incident.location is not None]
    if not placed:
        return None
    report, place = min(placed, key=lambda rp: PRECISION_RANK.get(rp[1].precision, 5))
    tagged = _tagged(place, report, head)
    assert isinstance(tagged, PlaceRef)
    return tagged


def _evidence(reports: list[Report], head: Report) -> list[Any]:
    """Every report's evidence spans, the head's first; others tagged with their document."""
    seen: set[tuple[str, int, int]] = set()
    out: list[Any] = []
    for report in [head, *reports]:
        for span in report.incident.evidence:
            key = (report.document, span.start, span.end)
            if key not in seen:
                seen.add(key)
                out.append(_tagged(span, report, head))
    return out


def casualties(reports: list[Report], measure: str) -> tuple[Number | None, dict[str, Any] | None]:
    """The summary figure for ``measure`` (killed, injured) and every report's figure."""
    figures = []
    for report in reports:
        number = getattr(report.incident, measure)
        if number is None or (number.best is None and number.low is None and number.high is None):
            continue
        figures.append(
            {"report": report.incident.id, "document": report.document, **number.to_json()}
        )
    if not figures:
        return None, None
    bests = [f["best"] for f in figures if f.get("best") is not None]
    lows = [v for f in figures for v in (f.get("low"), f.get("best")) if v is not None]
    highs = [v for f in figures for v in (f.get("high"), f.get("best")) if v is not None]
    summary = Number(
        low=min(lows) if lows else None,
        best=min(bests) if bests else None,
        high=max(highs) if highs else None,
    )
    return summary, {"figures": figures, "summary": summary.to_json(), "rule": CASUALTY_RULE}


def combine(head_id: str, reports: list[Report], claims: dict[str, Claim]) -> Incident:
    """The linked incident ``head_id`` made of ``reports``, graded from its claims."""
    reports = sorted(reports, key=lambda r: r.incident.id)
    head = next(r for r in reports if r.incident.id == head_id)
    counts = Counter(r.incident.category for r in reports)
    category = min(counts, key=lambda c: (-counts[c], c))
    location = _location(reports, head)
    dated = [(r, interval(r.incident.when)) for r in reports]
    timed = [(r, i) for r, i in dated if i is not None]
    when = (
        min(timed, key=lambda ri: (ri[1][1] - ri[1][0]).days)[0].incident.when
        if timed
        else head.incident.when
    )
    claim_ids = sorted({c for r in reports for c in r.claims if c in claims})
    flags = _union(reports, head, "flags", lambda f: (f.code, f.treaty, f.actor))
    casualty_notes: dict[str, Any] = {}
    numbers: dict[str, Number | None] = {}
    for measure in ("killed", "injured"):
        numbers[measure], note = casualties(reports, measure)
        if note:
            casualty_notes[measure] = note
    data = {k: v for k, v in head.incident.to_json().items() if k not in OWN_KEYS}
    merged = Incident.model_validate(data).model_copy(
        update={
            "category": category,
            "weapons": _union(reports, head, "weapons", lambda w: w.weapon_class),
            "perpetrators": _union(
                reports, head, "perpetrators", lambda p: p.actor or p.text.lower()
            ),
            "targets": _union(reports, head, "targets", lambda x: x.target_class or x.text.lower()),
            "victims": _union(reports, head, "victims", lambda v: v.actor or v.text.lower()),
            "location": location,
            "when": when,
            "killed": numbers["killed"],
            "injured": numbers["injured"],
            "claims": claim_ids,
            "flags": flags,
            "evidence": _evidence(reports, head),
        }
    )
    by_origin: dict[str, list[Claim]] = {}
    for report in reports:
        mine = by_origin.setdefault(report.origin, [])
        mine.extend(claims[c] for c in report.claims if c in claims and claims[c] not in mine)
    linked = graded(merged, [Source(origin, cl) for origin, cl in sorted(by_origin.items())])
    return linked.model_copy(
        update={
            "reports": [
                {"id": r.incident.id, "document": r.document, "origin": r.origin} for r in reports
            ],
            "origins": len(by_origin),
            "casualties": casualty_notes or None,
        }
    )
