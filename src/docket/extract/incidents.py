"""The extract.incidents stage: incidents with weapons, perpetrators, targets, victims, place,
time, count and casualties, each traced to evidence spans; and weapon mentions.

Triggers come from knowledge/event_triggers.csv matched on lemmas, weapons from
knowledge/weapons.csv; arguments are read from the dependency parse (docket.extract.arguments),
mentions of one event are merged (docket.extract.merge), and each incident gets a schema category
and an ACLED sub-event type (docket.extract.acled).
"""

from __future__ import annotations

import bisect
from datetime import date
from typing import Any

from docket.analysis import Analysis
from docket.extract import acled, event_finder, full_names, reader_fillers, role_model
from docket.extract.drafts import (
    STATE_WORDS,
    TOLL_FRAMES,
    Draft,
    Party,
    attach_orphans,
    draft_of,
    responsibility_drafts,
    round_up_sum,
    trigger_of,
)
from docket.extract.event_finder import Found
from docket.extract.figure_words import reporting_verbs
from docket.extract.lexicons import Trigger
from docket.extract.merge import Group, merge_drafts, opener_span
from docket.extract.weapons import WeaponHit, find_weapons
from docket.knowledge.weapon_classes import class_map
from docket.pipeline import Context, Stage
from docket.record import (
    ActorType,
    Incident,
    Mention,
    Number,
    Perpetrator,
    PlaceRef,
    Span,
    Target,
    Victim,
    Weapon,
    When,
    record_id,
)
from docket.resolve.actors.stage import ActorFinder
from docket.resolve.places.stage import best_location, marked_metonymic, overlaps_any

REFINABLE = {"other_violence", "explosive_weapon_attack", "bombing_or_ied"}
PRIORITY = [
    "chemical_attack",
    "air_or_drone_strike",
    "shelling_or_artillery",
    "mine_or_uxo",
    "bombing_or_ied",
    "explosive_weapon_attack",
    "abduction",
    "armed_clash",
    "attack_on_civilians",
    "territory_change",
    "arson_or_destruction",
    "damage_to_infrastructure",
    "arrest",
    "riot",
    "protest",
    "other_violence",
]


def units(doc: Any) -> list[tuple[int, int]]:
    """Sentences, also cut at line breaks (headlines and captions often lack a full stop)."""
    out: list[tuple[int, int]] = []
    text = doc.text
    for sent in doc.sents:
        start = sent.start_char
        for line in text[sent.start_char : sent.end_char].split("\n"):
            end = start + len(line)
            if line.strip():
                lead = len(line) - len(line.lstrip())
                out.append((start + lead, start + len(line.rstrip())))
            start = end + 1
    return out


def drafts_for(doc: Any, hits: list[WeaponHit]) -> list[Draft]:
    """One draft per trigger (and per method weapon, "the shelling") in ``doc``."""
    by_token = {i: h for h in hits for i in range(h.i, h.j)}
    drafts: list[Draft] = []
    spans = units(doc)
    starts = [s for s, _ in spans]
    for token in doc:
        number = bisect.bisect_right(starts, token.idx) - 1
        if number < 0 or token.idx >= spans[number][1]:
            continue
        span = spans[number]
        hit = by_token.get(token.i)
        trigger: Trigger | None
        if hit is not None:
            if hit.kind != "method" or token.i != hit.head:
                continue
            category = class_map("category").get(hit.weapon_class, "other_violence")
            trigger = Trigger(token.lemma_, "NOUN", category, "event")
        else:
            trigger = trigger_of(token)
        if trigger is None:
            continue
        draft = draft_of(token, trigger, number, span, by_token)
        if hit is not None:
            draft.weapons.insert(0, hit)
        drafts.append(draft)
    attach_orphans(drafts, hits, doc)
    drafts += responsibility_drafts(doc, spans)
    drafts.sort(key=lambda d: d.trigger)
    return [d for d in drafts if d.core() or d.count]


def run(analysis: Analysis, context: Context) -> None:
    doc = analysis.doc
    if doc is None:
        return
    text = analysis.text
    hits = find_weapons(doc)
    _add_weapon_mentions(analysis, hits)
    analysis.incidents = _from_drafts(analysis, context, drafts_for(doc, hits))
    if not analysis.incidents:
        analysis.incidents = _found(analysis, context, hits)
    roles = context.resources.role_model
    if roles is not None:
        role_model.refine(doc, analysis.incidents, hits, roles)
    reader = context.resources.reader
    if reader is not None and reader.use.active:
        analysis.incidents = reader_fillers.apply(
            text, analysis.incidents, reader.read(text), hits, reader.thresholds.span, reader.use
        )
    full_names.complete(analysis, analysis.incidents)


def _from_drafts(
    analysis: Analysis, context: Context, drafts: list[Draft], found: Found | None = None
) -> list[Incident]:
    """The incidents of ``drafts``: merged, each with its arguments, place, time and types; a
    draft the event finder ``found`` takes its category from its ACLED type."""
    doc = analysis.doc
    text = analysis.text
    refs: dict[tuple[int, int], Any] = {}
    keys: dict[tuple[int, int], str] = {}
    named: set[str] = set()
    actors = ActorFinder(analysis)
    for draft in drafts:
        draft.perpetrators = [
            p for p in draft.perpetrators if not p.modifier or _acting(actors.at(p.start, p.end))
        ]
        for party in [*draft.perpetrators, *draft.victims]:
            span = (party.start, party.end)
            own = (party.start, party.people_end or party.end)  # not the group they belong to
            ref = actors.at(*own)
            refs[span] = ref
            words = text[span[0] : span[1]].lower().removeprefix("the ")
            keys[span] = (getattr(ref, "actor", None) or words) if ref is not None else words
            if getattr(ref, "actor", None) or _has_name(doc, *span):
                named.add(keys[span])
        for target in draft.targets:
            words = text[target.start : target.end].lower().removeprefix("the ")
            keys.setdefault((target.start, target.end), "target:" + words)
            if _has_name(doc, target.start, target.end):
                named.add(keys[(target.start, target.end)])
    groups = merge_drafts(drafts, keys, frozenset(named), text)
    model = context.resources.acled_model
    document_id = analysis.document.id if analysis.document else ""
    incidents = [_incident(analysis, group, refs, document_id) for group in groups]
    encoder = context.resources.sentence_encoder if model is not None and model.dense else None
    acled.type_incidents(incidents, model, encoder, categories=found is None)
    if found is not None:
        for incident in incidents:
            incident.origin = "learned"
            incident.score = round(found.score, 3)
            incident.category = event_finder.TYPE_CATEGORY.get(  # type: ignore[assignment]
                incident.acled_sub_event_type or "", "other"
            )
    lead = _round_up_date(analysis)
    if lead is not None:
        # a round-up's events are dated by its lead ("... across Iraq on Tuesday. In Taji, ...")
        for incident in incidents:
            if incident.when.start is None:
                incident.when = lead
    # an event dated after the report that tells of it has not taken place ("next month")
    return [i for i in incidents if not _after(i.when, analysis.published)]


def _found(analysis: Analysis, context: Context, hits: list[WeaponHit]) -> list[Incident]:
    """The event finder's incident, for a report where the rules found none: its best lead
    sentence, read as a trigger's (docket.extract.event_finder)."""
    finder = context.resources.event_finder
    encoder = context.resources.sentence_encoder
    doc = analysis.doc
    if finder is None or encoder is None or doc is None:
        return []
    found = event_finder.best(finder, encoder, analysis.text, units(doc))
    if found is None:
        return []
    draft = _finder_draft(doc, found, hits)
    return [] if draft is None else _from_drafts(analysis, context, [draft], found)


def _finder_draft(doc: Any, found: Found, hits: list[WeaponHit]) -> Draft | None:
    """The draft of the sentence the finder chose: read from its first trigger word, else from
    its main verb; None when the rules void any trigger of it (a threat, a plan, a toll, "a wave
    of attacks"): the rules stay the constraints."""
    by_token = {i: h for h in hits for i in range(h.i, h.j)}
    start, end = found.span
    tokens = [t for t in doc if start <= t.idx < end]
    drafts = []
    for token in tokens:
        trigger = trigger_of(token)
        if trigger is not None and token.i not in by_token:
            drafts.append(draft_of(token, trigger, found.unit, found.span, by_token))
    if any(d.void for d in drafts):
        return None
    if drafts:
        return drafts[0]
    root = next((t for t in tokens if t.dep_ == "ROOT"), None)
    if root is None:
        return None
    if root.lemma_.lower() in reporting_verbs():
        # "Rebels set up a base near Bunia, residents said": what was said, not the saying
        said = [c for c in root.children if c.dep_ in ("ccomp", "parataxis") and c.pos_ == "VERB"]
        root = said[0] if said else root
    pos = "VERB" if root.pos_ in ("VERB", "AUX") else "NOUN"
    trigger = Trigger(root.lemma_, pos, "other", "event")
    draft = draft_of(root, trigger, found.unit, found.span, by_token)
    return None if draft.void else draft


def _after(when: When, published: date | None) -> bool:
    return published is not None and when.start is not None and when.start > published


def _has_name(doc: Any, start: int, end: int) -> bool:
    """Whether the span holds a proper noun (by the parse, which also reads uniformly cased text)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    return span is not None and any(token.pos_ == "PROPN" for token in span)


def _overlapping(refs: list[Any], start: int, end: int) -> Any:
    for ref in refs:
        span = getattr(ref, "span", None)
        if span is not None and span.start < end and start < span.end:
            return ref
    return None


def _add_weapon_mentions(analysis: Analysis, hits: list[WeaponHit]) -> None:
    have = {(m.start, m.end) for m in analysis.mentions if m.label == "weapon"}
    model_spans = {(m.start, m.end) for m in analysis.mentions if m.origin == "model"}
    for hit in hits:
        if hit.kind == "method" or (hit.start, hit.end) in have:
            continue
        if (hit.start, hit.end) in model_spans:
            analysis.mentions = [
                m
                for m in analysis.mentions
                if not (m.origin == "model" and (m.start, m.end) == (hit.start, hit.end))
            ]
        analysis.mentions.append(
            Mention(
                start=hit.start,
                end=hit.end,
                quote=hit.text,
                label="weapon",
                canonical=hit.weapon_class,
                origin="rule",
            )
        )


def _category(group: Group) -> str:
    cats = {d.category for d in group.drafts if not d.claim_only}
    # class -> category, where the trigger alone says only "violence" (weapon_classes.csv)
    class_category = class_map("category")
    classes = [
        w.weapon_class for d in group.drafts for w in d.weapons if w.weapon_class in class_category
    ]
    if classes and cats <= REFINABLE | {"armed_clash", "attack_on_civilians"}:
        specific = [c for c in classes if c != "explosive_unspecified"]
        return class_category[(specific or classes)[0]]
    best = min(cats, key=lambda c: PRIORITY.index(c) if c in PRIORITY else len(PRIORITY))
    if best == "other_violence":
        civilian = any(t.target_class == "civilians" for d in group.drafts for t in d.targets)
        if civilian or any(d.victims for d in group.drafts):
            return "attack_on_civilians"
    return best


def _incident(
    analysis: Analysis, group: Group, refs: dict[tuple[int, int], Any], document_id: str
) -> Incident:
    text = analysis.text
    evidence: list[Span] = []
    for d in group.drafts:
        span = Span.of(text, *d.sentence_span)
        if span not in evidence:
            evidence.append(span)
    # the first trigger names the incident: two incidents read from one sentence keep apart
    first = min(group.drafts, key=lambda d: d.trigger)
    incident = Incident(id=record_id("inc", document_id, *first.trigger))
    incident.evidence = evidence
    incident.category = _category(group)  # type: ignore[assignment]
    seen: set[str] = set()
    for d in group.drafts:
        for w in d.weapons:
            if w.text.lower() not in seen:
                seen.add(w.text.lower())
                incident.weapons.append(
                    Weapon(
                        text=w.text, weapon_class=w.weapon_class, span=Span.of(text, w.start, w.end)
                    )  # type: ignore[arg-type]
                )
    incident.perpetrators = _perpetrators(text, group, refs)
    incident.victims = _victims(text, group, refs)
    incident.targets = _targets(text, group)
    incident.location = _location(analysis, group)
    incident.when = _when(analysis, group)
    incident.count = _first(d.count for d in group.drafts)
    incident.killed = _first(d.killed for d in group.drafts)
    incident.injured = _first(d.injured for d in group.drafts)
    return incident


def _acting(ref: Any) -> bool:
    """Whether an actor named as an event's modifier can be its attacker: a state or an armed
    group the registry knows ("a US drone strike", "a Taliban attack"; not "the Avianca
    bombing", whose company was the target, nor "the Kabul bombing", a place)."""
    return getattr(ref, "actor", None) is not None and getattr(ref, "type", None) in (
        "state",
        "armed_group",
    )


def _first(values: Any) -> Number | None:
    return next((v for v in values if v is not None), None)


def _perpetrators(text: str, group: Group, refs: dict[tuple[int, int], Any]) -> list[Perpetrator]:
    out: list[Perpetrator] = []
    seen: set[str] = set()
    for d in group.drafts:
        for p in d.perpetrators:
            ref = refs.get((p.start, p.end))
            key = getattr(ref, "actor", None) or text[p.start : p.end].lower()
            if key in seen or (p.refers_back and out):
                continue  # "the attackers" of an attack whose perpetrators are named
            seen.add(key)
            out.append(
                Perpetrator(
                    text=text[p.start : p.end],
                    actor=getattr(ref, "actor", None),
                    name=getattr(ref, "name", None),
                    type=getattr(ref, "type", None) or _organisation_type(text, p),
                    span=Span.of(text, p.start, p.end),
                    status="claimed_responsibility" if p.claimed else "alleged",
                )
            )
    return out


def _organisation_type(text: str, party: Party) -> ActorType | None:
    """An organisation the registry does not know: state forces by their head word, else an armed
    group; None for the people acting (resolved or not)."""
    if not party.organisation:
        return None
    head = text[party.start : party.end].lower().split()[-1].removesuffix("s")
    return "state" if head in STATE_WORDS else "armed_group"


def _victims(text: str, group: Group, refs: dict[tuple[int, int], Any]) -> list[Victim]:
    out: list[Victim] = []
    for d in group.drafts:
        for v in d.victims:
            quote = text[v.start : v.end]
            if all(x.text.lower() != quote.lower() for x in out):
                ref = refs.get((v.start, v.end))
                out.append(
                    Victim(
                        text=quote,
                        actor=getattr(ref, "actor", None),
                        span=Span.of(text, v.start, v.end),
                    )
                )
    return out


def _targets(text: str, group: Group) -> list[Target]:
    out: list[Target] = []
    for d in group.drafts:
        for t in d.targets:
            quote = text[t.start : t.end]
            if all(x.text.lower() != quote.lower() for x in out):
                out.append(
                    Target(
                        text=quote, target_class=t.target_class, span=Span.of(text, t.start, t.end)
                    )
                )
    return out


def _location(analysis: Analysis, group: Group) -> PlaceRef | None:
    """Where the incident happened, read from its first sentence that names a place: a known
    place there; else the place its trigger's phrase names or one the sentence names, even one
    the gazetteer does not know (the name, without coordinates, for a reviewer to place); only
    else the document's focus. A place named elsewhere in the report (where an official spoke,
    where the wounded were taken) is no answer when the incident's sentence names another. A
    headline's place counts only where the rest names none."""
    # "a US drone strike": the attacker's country is no answer to where
    attackers = [(p.start, p.end) for d in group.drafts for p in d.perpetrators if p.modifier]
    # a headline sums up; the lead below it says where
    for d in sorted(group.drafts, key=lambda d: d.headline):
        start, end = d.sentence_span
        place = best_location(analysis, start, end, focus=False, leave_out=attackers)
        if place is not None:
            return place
        for ps, pe in d.places:
            resolved = _overlapping(analysis.places, ps, pe)
            if resolved is not None:
                return resolved  # type: ignore[no-any-return]
            return PlaceRef(text=analysis.text[ps:pe], span=Span.of(analysis.text, ps, pe))
        within = [
            p
            for p in analysis.places
            if p.span
            and start <= p.span.start < end
            and not marked_metonymic(p)
            and not overlaps_any(p.span, attackers)
        ]
        if within:
            return within[0]
        named = opener_span(analysis.text, d)
        if named is not None and not any(
            m.start < named[1] and named[0] < m.end and m.label in ("time", "quantity", "weapon")
            for m in analysis.mentions
        ):
            # "In Taji, a car bomb ...": a round-up's item names its place, even one the
            # gazetteer does not know or the statistical model takes for a person's name (for a
            # reviewer to place); not the dateline's town
            return PlaceRef(
                text=analysis.text[named[0] : named[1]], span=Span.of(analysis.text, *named)
            )
        focus = best_location(analysis, start, end, leave_out=attackers)
        if focus is not None:
            return focus
    return None


def _round_up_date(analysis: Analysis) -> When | None:
    """The day a round-up's lead gives, when the report opens with one: its first two lines
    (a headline may come first) sum events over a country ("Bombs and shootings killed at least
    20 people across Iraq on Tuesday") and name a day; else None."""
    doc = analysis.doc
    for start, end in units(doc)[:2]:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or not any(
            t.pos_ == "VERB"
            and (trig := trigger_of(t)) is not None
            and trig.frame in TOLL_FRAMES
            and round_up_sum(t)
            for t in span
        ):
            continue
        days = [
            ref
            for ref in analysis.times
            if start <= ref.span.start < end
            and ref.timex_type == "DATE"
            and ref.when.precision == "day"
        ]
        if days:
            # the day of the events ("on Tuesday") comes after the dateline's day of the report
            ref = days[-1]
            return ref.when.model_copy(update={"text": ref.when.text or ref.span.quote})
    return None


def _when(analysis: Analysis, group: Group) -> When:
    for d in group.drafts:
        start, end = d.sentence_span
        for ref in analysis.times:
            if start <= ref.span.start < end and ref.timex_type == "DATE":
                return ref.when.model_copy(update={"text": ref.when.text or ref.span.quote})
    return When()


STAGE = Stage(
    name="extract.incidents",
    help="Incidents (trigger, weapons, perpetrators, targets, victims, place, time, counts) and weapon mentions.",
    reads=(
        "text",
        "document",
        "published",
        "doc",
        "sentences",
        "mentions",
        "actors",
        "places",
        "times",
    ),
    writes=("incidents", "mentions"),
    run=run,
)
