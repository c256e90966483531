"""The judge.flags stage: explained legal flags on each incident, judged on the incident's date.

Flags (each with its rule, the treaty it rests on, the actor, and the facts):

- ``prohibited_weapon_state_party``: a weapon banned by a treaty, used by a state bound by it then;
- ``prohibited_weapon_non_party``: the same weapon used by a state not bound by it (not a breach of
  the treaty; the explanation says which of the states involved were parties);
- ``explosive_weapon_populated_area``: an explosive weapon with wide-area effects in a populated area;
- ``near_protected_site``: the text places the attack at or near a hospital, school, place of
  worship, humanitarian premises or journalists;
- ``populated_area_no_military_objective``: a source says no military objective was found there.

The date is the incident's (``when.end``, else ``when.start``), else the document's publication date.
"""

from __future__ import annotations

import re
from datetime import date

from docket.analysis import Analysis
from docket.intervals import index_at
from docket.judge import explain
from docket.judge.lexicons import (
    POPULATED_TARGETS,
    PROTECTED_TARGETS,
    pattern,
    protected_in,
    says_no_military,
)
from docket.judge.states import is_state, iso3, name
from docket.judge.treaties import Status, rules_for_weapon, treaties, treaty_status, wide_area
from docket.pipeline import Context, Stage
from docket.record import Flag, Incident, Span

CODES = (
    "prohibited_weapon_state_party",
    "prohibited_weapon_non_party",
    "explosive_weapon_populated_area",
    "near_protected_site",
    "populated_area_no_military_objective",
)


def incident_date(incident: Incident, published: date | None) -> tuple[date | None, str]:
    """The day to judge the incident on, and where that day comes from."""
    if incident.when.end is not None:
        return incident.when.end, "the incident's date (latest day)"
    if incident.when.start is not None:
        return incident.when.start, "the incident's date"
    if published is not None:
        return published, "the document's publication date (the incident has no date of its own)"
    return None, "no date"


def units(analysis: Analysis) -> list[Span]:
    """The analysis's sentences, cut again at line breaks: text stripped of punctuation (as
    scraped news often is) leaves the model with sentences that run across paragraphs."""
    text = analysis.text
    pieces = []
    for sentence in analysis.sentences:
        start = sentence.start
        for line in sentence.quote.split("\n"):
            end = start + len(line)
            left = start + len(line) - len(line.lstrip())
            right = start + len(line.rstrip())
            if right > left:
                pieces.append(
                    Span.of(text, left, right)
                    if text
                    else Span(start=left, end=right, quote=line.strip())
                )
            start = end + 1
    return pieces


class Units:
    """The document's :func:`units`, made once per document and found by offset."""

    def __init__(self, analysis: Analysis) -> None:
        self.spans = units(analysis)
        self._starts = [s.start for s in self.spans]
        self._ends = [s.end for s in self.spans]

    def index_of(self, span: Span) -> int | None:
        return index_at(self._starts, self._ends, span.start)


def context_sentences(
    incident: Incident, analysis: Analysis, found: Units | None = None
) -> list[Span]:
    """The sentences holding the incident's evidence and the two after each (reports elaborate on
    an attack after naming it) and those between them, leaving out the sentences after it that are
    another incident's evidence. ``found`` is the document's :class:`Units`, when made already."""
    found = found or Units(analysis)
    sentences = found.spans
    if not sentences:
        return list(incident.evidence)
    own = {i for span in incident.evidence if (i := found.index_of(span)) is not None}
    others = {
        i
        for other in analysis.incidents
        if other is not incident
        for span in other.evidence
        if (i := found.index_of(span)) is not None
    } - own
    between = set(range(min(own), max(own) + 1)) if own else set()
    chosen = ({j for i in own for j in range(i, i + 3) if j < len(sentences)} - others) | between
    return [sentences[i] for i in sorted(chosen)]


def territorial_state(incident: Incident) -> str | None:
    country = incident.location.country if incident.location else None
    return iso3(country) if country else None


def belligerents(incident: Incident, analysis: Analysis, perpetrators: list[str]) -> list[str]:
    """States the text sets against the alleged users: victims' states, and a state paired with a
    perpetrator as the two sides of a conflict ('the conflict between Baku and Yerevan',
    'confrontations between Azerbaijan and Armenia')."""
    found = [v.actor for v in incident.victims if v.actor and is_state(v.actor)]
    text = analysis.text
    states = sorted(
        (a for a in analysis.actors if a.span is not None and a.actor and is_state(a.actor)),
        key=lambda a: a.span.start if a.span else 0,
    )
    for first, second in zip(states, states[1:], strict=False):
        assert first.span is not None and second.span is not None
        if not re.fullmatch(r"\s*(?:and|&)\s*", text[first.span.end : second.span.start]):
            continue
        before = text[max(0, first.span.start - 60) : first.span.start]
        if not re.search(r"\bbetween\s+(?:the\s+)?$", before, re.IGNORECASE):
            continue
        if not pattern("conflict").search(before):
            continue
        pair = {first.actor, second.actor}
        if pair & set(perpetrators):
            found.extend(a for a in (first.actor, second.actor) if a)
    return [s for s in dict.fromkeys(found) if s not in perpetrators]


def weapon_flags(incident: Incident, analysis: Analysis, day: date, basis: str) -> list[Flag]:
    perpetrators = list(
        dict.fromkeys(p.actor for p in incident.perpetrators if p.actor and is_state(p.actor))
    )
    if not perpetrators:
        return []
    territorial = territorial_state(incident)
    others = belligerents(incident, analysis, perpetrators)
    roles: dict[str, list[str]] = {}
    for state in perpetrators:
        roles.setdefault(state, []).append("the alleged user")
    if territorial:
        roles.setdefault(territorial, []).append("the territorial state")
    for state in others:
        roles.setdefault(state, []).append("the other party to the conflict named in the text")
    flags = []
    for weapon in {w.weapon_class: w for w in incident.weapons}.values():
        for rule in rules_for_weapon(weapon.weapon_class, "prohibits"):
            treaty = treaties()[rule.treaty]
            label = f"{treaty.label} ({rule.provision})"
            for state in perpetrators:
                user = treaty_status(state, rule.treaty, day)
                if user.status == "unknown":
                    continue
                involved = [user] + [
                    treaty_status(s, rule.treaty, day) for s in roles if s != state
                ]
                facts = [
                    f"weapon: {weapon.weapon_class} (\u201c{weapon.text}\u201d)",
                    f"alleged user: {state} ({name(state)})",
                    f"territorial state: {territorial or 'unknown'}"
                    + (
                        f" (location country {incident.location.country})"
                        if incident.location
                        else ""
                    ),
                    f"date judged: {day.isoformat()}, {basis}",
                ] + [status_fact(s) for s in involved]
                if user.bound:
                    code = "prohibited_weapon_state_party"
                    text = explain.state_party(weapon.weapon_class, label, day, user, roles)
                    why = f"{treaty.short} in force for the alleged user on the incident date"
                else:
                    code = "prohibited_weapon_non_party"
                    text = explain.non_party(weapon.weapon_class, label, day, involved, roles)
                    why = (
                        f"weapon banned by the {treaty.short}; the alleged user was not bound by it"
                    )
                flags.append(
                    Flag(
                        code=code,
                        treaty=treaty.id,
                        actor=state,
                        explanation=text,
                        rule=f"{why} ({rule.relation} {rule.provision})",
                        facts=facts,
                    )
                )
    return flags


def status_fact(status: Status) -> str:
    return (
        f"{status.treaty.short} status of {status.state} on {status.on.isoformat()}: {status.status}"
        f" ({status.reason}{'; unverified' if status.unsure else ''}); table as of "
        f"{status.treaty.as_of.isoformat()}, source: {status.treaty.source}"
    )


def populated_words(incident: Incident, sentences: list[Span]) -> list[str]:
    """What places the incident among civilians: target classes, else words of its sentences."""
    targets = [t.target_class for t in incident.targets if t.target_class in POPULATED_TARGETS]
    if targets:
        return [t.replace("_", " ") for t in dict.fromkeys(targets) if t]
    words = [m.group().lower() for s in sentences for m in pattern("populated").finditer(s.quote)]
    return list(dict.fromkeys(words))[:3]


def text_flags(
    incident: Incident, analysis: Analysis, day: date, basis: str, units_: Units | None = None
) -> list[Flag]:
    sentences = context_sentences(incident, analysis, units_)
    flags = []
    populated = populated_words(incident, sentences)
    users = [p.actor for p in incident.perpetrators if p.actor and is_state(p.actor)]
    wide = [w for w in incident.weapons if wide_area(w.weapon_class)]
    if wide and populated:
        weapon = wide[0]
        endorsements = [treaty_status(s, "ewipa", day) for s in dict.fromkeys(users)]
        flags.append(
            Flag(
                code="explosive_weapon_populated_area",
                treaty="ewipa",
                actor=users[0] if users else None,
                explanation=explain.populated(
                    weapon.weapon_class, ", ".join(populated), day, endorsements
                ),
                rule="explosive weapon with wide-area effects used in a populated area",
                facts=[
                    f"weapon: {weapon.weapon_class} (\u201c{weapon.text}\u201d)",
                    f"populated area: {', '.join(populated)}",
                    f"date judged: {day.isoformat()}, {basis}",
                ]
                + [status_fact(s) for s in endorsements],
            )
        )
    kinds = [
        PROTECTED_TARGETS[t.target_class]
        for t in incident.targets
        if t.target_class in PROTECTED_TARGETS
    ]
    quote = next((t.text for t in incident.targets if t.target_class in PROTECTED_TARGETS), "")
    for sentence in sentences:
        found = protected_in(sentence.quote)
        if found:
            kinds += [kind for kind, _ in found]
            quote = quote or sentence.quote.strip()
    if kinds:
        kinds = list(dict.fromkeys(kinds))
        flags.append(
            Flag(
                code="near_protected_site",
                actor=users[0] if users else None,
                explanation=explain.protected(kinds, quote),
                rule="attack on or near a specially protected object or person, as the text says",
                facts=[f"protected: {', '.join(kinds)}", f"text: \u201c{quote}\u201d"],
            )
        )
    if populated:
        for sentence in sentences:
            match = says_no_military(sentence.quote)
            if match:
                flags.append(
                    Flag(
                        code="populated_area_no_military_objective",
                        actor=users[0] if users else None,
                        treaty="customary_ihl",
                        explanation=explain.no_objective(sentence.quote.strip()),
                        rule="a source says no military objective was found at the attacked populated area",
                        facts=[
                            f"statement: \u201c{match.group()}\u201d",
                            f"populated area: {', '.join(populated)}",
                        ],
                    )
                )
                break
    return flags


def judge(incident: Incident, analysis: Analysis, found: Units | None = None) -> list[Flag]:
    """The flags the judge raises on one incident (``found``: the document's :class:`Units`)."""
    published = analysis.published or (analysis.document.published if analysis.document else None)
    day, basis = incident_date(incident, published)
    if day is None:
        return []
    return weapon_flags(incident, analysis, day, basis) + text_flags(
        incident, analysis, day, basis, found
    )


def run(analysis: Analysis, context: Context) -> None:
    found = Units(analysis)
    for incident in analysis.incidents:
        kept = [f for f in incident.flags if f.code not in CODES]
        incident.flags = kept + judge(incident, analysis, found)


STAGE = Stage(
    name="judge.flags",
    help="Legal flags on each incident (banned weapons and treaty status on the incident's date, "
    "explosive weapons in populated areas, protected sites, no military objective), explained.",
    reads=("text", "incidents", "sentences", "actors", "published", "document"),
    writes=("incidents",),
    run=run,
)
