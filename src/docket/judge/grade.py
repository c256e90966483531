"""Corroboration grade of an incident, from its claims and the independent origins behind them.

The rules are written out, with examples, in docs/grading.md; they are tried in order and the
first that holds gives the grade. Each graded incident carries ``grade_rule``: the rule's id,
its name, and the facts it rested on. Origins, not documents, are counted: syndicated copies of
one article share an origin (docket.link.origins).

The ``grade`` stage grades each incident of a document on that document alone (one origin);
linking (docket.store.linking) grades again when reports from other origins join.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from docket.analysis import Analysis
from docket.pipeline import Context, Stage
from docket.record import Claim, Incident

SUPPORT = {"asserts", "confirms", "reports"}
MONITORS = {"ngo", "international_organisation"}
OFFICIALS = {"state", "authority"}
FIELD_WORDS = re.compile(
    r"\b(documented|documents|investigat\w*|visited|interview\w*|examin\w*|inspect\w*|"
    r"on the ground|field research|photograph\w*|remnants|verified|site visit)\b",
    re.IGNORECASE,
)
RESPONSIBILITY = {"claimed_responsibility", "confirmed"}

RULES: dict[str, str] = {
    "G1": "discounted: the claims for it were retracted and no other source still supports it",
    "G2": "confirmed: the alleged perpetrator claimed or confirmed it",
    "G3": "confirmed: a monitoring organisation's field investigation and at least one more "
    "independent origin",
    "G4": "contested: a party denies it, or a source retracted while others still support it",
    "G5": "weak: only parties to the conflict support it",
    "G6": "fair: two or more independent origins support it",
    "G7": "single_source: one origin supports it",
}


@dataclass
class Source:
    """One independent origin (a document and its copies) and its claims about the incident."""

    origin: str
    claims: list[Claim] = field(default_factory=list)


@dataclass
class Grading:
    grade: str
    rule: str
    facts: list[str]

    def to_json(self) -> dict[str, Any]:
        name = RULES[self.rule].split(": ", 1)[1]
        return {"rule": self.rule, "grade": self.grade, "name": name, "facts": self.facts}


def claim_kind(claim: Claim, incident: Incident) -> str:
    """field_investigation, monitor, party, official, news or other."""
    parties = {p.actor for p in incident.perpetrators if p.actor}
    parties |= {v.actor for v in incident.victims if v.actor}
    source = claim.source
    if (source.actor and source.actor in parties) or source.type == "armed_group":
        return "party"
    if source.type in MONITORS:
        return "field_investigation" if FIELD_WORDS.search(claim.span.quote) else "monitor"
    if source.type in OFFICIALS:
        return "official"
    if source.type == "media" or source.actor is None:
        return "news"
    return "other"


def _name(claim: Claim) -> str:
    return claim.source.actor or claim.source.text


def grade(incident: Incident, sources: Iterable[Source]) -> Grading:
    """The grade of ``incident`` from its sources, by the first rule of RULES that holds."""
    sources = list(sources)
    perpetrators = {p.actor for p in incident.perpetrators if p.actor}
    claims = [(s.origin, c) for s in sources for c in s.claims]
    retractors = {_name(c) for _, c in claims if c.stance == "retracts"}
    supporting: dict[str, list[Claim]] = {}
    for source in sources:
        backing = [c for c in source.claims if c.stance in SUPPORT and _name(c) not in retractors]
        if backing or (not source.claims and not retractors):
            supporting[source.origin] = backing
    kinds = {claim_kind(c, incident) for backing in supporting.values() for c in backing}
    n = len(supporting)
    facts = [f"{n} independent origin{' supports' if n == 1 else 's support'} it"]
    if kinds:
        facts.append("kinds of source: " + ", ".join(sorted(kinds)))

    if retractors and not supporting:
        return Grading(
            "discounted", "G1", [*facts, "retracted by " + ", ".join(sorted(retractors))]
        )
    owned = sorted(p.actor or p.text for p in incident.perpetrators if p.status in RESPONSIBILITY)
    if owned:
        return Grading("confirmed", "G2", [*facts, "claimed or confirmed by " + ", ".join(owned)])
    if "field_investigation" in kinds and n >= 2:
        return Grading("confirmed", "G3", facts)
    deniers = sorted(
        {
            _name(c)
            for _, c in claims
            if c.stance == "denies"
            and (c.source.actor in perpetrators or claim_kind(c, incident) == "party")
        }
    )
    if deniers or retractors:
        why = [f"denied by {', '.join(deniers)}"] if deniers else []
        why += [f"retracted by {', '.join(sorted(retractors))}"] if retractors else []
        return Grading("contested", "G4", [*facts, *why])
    if kinds == {"party"}:
        return Grading("weak", "G5", facts)
    if n >= 2:
        return Grading("fair", "G6", facts)
    return Grading("single_source", "G7", facts)


def claims_about(incident: Incident, claims: Iterable[Claim]) -> list[Claim]:
    """The claims that name the incident, or that the incident names."""
    named = set(incident.claims)
    return [c for c in claims if c.id in named or incident.id in c.about]


def graded(incident: Incident, sources: Iterable[Source]) -> Incident:
    """A copy of ``incident`` with its grade and ``grade_rule``."""
    result = grade(incident, sources)
    return incident.model_copy(update={"grade": result.grade, "grade_rule": result.to_json()})


def run(analysis: Analysis, context: Context) -> None:
    assert analysis.document is not None
    origin = analysis.document.origin or analysis.document.id
    analysis.incidents = [
        graded(incident, [Source(origin, claims_about(incident, analysis.claims))])
        for incident in analysis.incidents
    ]


STAGE = Stage(
    name="grade",
    help="Grade each incident's corroboration on this document alone (confirmed, contested, "
    "weak, single_source ...; see docs/grading.md); linking grades again across origins.",
    reads=("document", "incidents", "claims"),
    writes=("incidents",),
    run=run,
)
