"""The resolve.actors stage: who acts in a document, with canonical ids.

States get ISO 3166-1 alpha-3 ids, everything else a lower-case slug. Sources, in order:
registry names (:mod:`docket.knowledge.actors`), with capitals and government seats standing for
states only where the grammar says so (:mod:`docket.resolve.metonymy`) and demonyms standing for
states when they modify an institution ("Turkish exports", "the Azerbaijani Army"); organisations
the statistical model found that the registry does not know; persons, with the title that ties them
to a state ("Russian President Vladimir Putin"); then coreference (:mod:`docket.resolve.coref`).
Registry decisions replace the model's mention for the same span in ``analysis.mentions``.
"""

from __future__ import annotations

from typing import Any

from docket.analysis import Analysis, Entity
from docket.knowledge.actors.registry import Actor, NameHit, is_acronym, load_registry
from docket.pipeline import Context, Stage
from docket.record import ActorRef, Mention, MentionLabel, Span
from docket.resolve import coref, persons
from docket.resolve.metonymy import role

# heads that make a demonym or state name stand for the state: "Turkish exports"
INSTITUTIONS = frozenset(
    [
        "army",
        "armies",
        "forces",
        "force",
        "military",
        "troops",
        "soldiers",
        "government",
        "authorities",
        "officials",
        "official",
        "president",
        "minister",
        "ministers",
        "ministry",
        "embassy",
        "ambassador",
        "diplomats",
        "diplomat",
        "navy",
        "police",
        "intelligence",
        "exports",
        "imports",
        "jets",
        "warplanes",
        "aircraft",
        "drones",
        "artillery",
        "strikes",
        "airstrikes",
        "regime",
        "parliament",
        "court",
        "courts",
        "state",
        "side",
        "leader",
        "leaders",
        "prime",
        "foreign",
        "defence",
        "defense",
        "spokesman",
        "spokeswoman",
        "envoy",
        "delegation",
        "counterpart",
        "positions",
        "shelling",
        "attacks",
        "offensive",
        "guards",
        "command",
        "services",
        "security",
        "prosecutors",
        "interior",
        "premier",
        "chancellor",
        "king",
        "emir",
        "commander",
        "commanders",
        "general",
        "battalion",
        "brigade",
        "units",
        "operations",
        "administration",
        "cabinet",
        "air",
        "coast",
        "border",
        "secretary",
        "bombardment",
        "missiles",
        "aid",
        "sanctions",
        "deputy",
        "vice",
        "foreign-ministry",
        "corps",
        "division",
        "regiment",
        "marines",
        "tanks",
        "weapons",
        "arms",
        "state-",
        "run",
        "authority",
        "agency",
        "department",
    ]
)
MILITARY = frozenset(
    [
        "army",
        "forces",
        "force",
        "navy",
        "command",
        "corps",
        "brigade",
        "battalion",
        "regiment",
        "division",
        "guard",
        "guards",
        "militia",
        "front",
        "marines",
        "brigades",
    ]
)
MEDIA = frozenset(
    ["news", "times", "post", "television", "tv", "radio", "press", "herald", "journal"]
)
AUTHORITY = frozenset(
    [
        "ministry",
        "government",
        "police",
        "department",
        "court",
        "council",
        "office",
        "parliament",
        "commission",
        "administration",
        "authority",
        "service",
        "services",
    ]
)
NGO = frozenset(
    [
        "watch",
        "observatory",
        "foundation",
        "institute",
        "network",
        "centre",
        "center",
        "association",
        "society",
        "campaign",
        "committee",
        "coalition",
        "federation",
        "union",
        "organization",
        "organisation",
        "party",
        "movement",
        "group",
        "agency",
        "programme",
        "program",
        "fund",
        "trust",
        "mission",
        "red",
        "crescent",
        "council",
    ]
)
ORG_HEADS = MILITARY | MEDIA | AUTHORITY | NGO
NAME_KIND_ORDER = {"name": 0, "demonym": 1, "capital": 2, "seat": 3}
# what found an actor found by other means than a registry name, as a mention origin
RULE_ORIGINS = {"person": "model", "model": "rule", "institution": "rule"}
NER_LABELS = frozenset(["person", "organisation", "place", "actor", "other"])


def label_for(actor_type: str | None) -> MentionLabel:
    if actor_type == "person":
        return "person"
    if actor_type == "state":
        return "actor"
    return "organisation"


def reference(
    text: str, start: int, end: int, known: Actor | None, via: str, **fields: Any
) -> ActorRef:
    """An ActorRef for ``text[start:end]``: a registry actor, or the id/name/type in fields."""
    ref = ActorRef(
        text=text[start:end],
        actor=known.id if known else fields.pop("actor"),
        name=known.name if known else fields.pop("name"),
        type=known.type if known else fields.pop("type"),
        span=Span.of(text, start, end),
    )
    ref.via = via  # type: ignore[attr-defined]
    for key, value in fields.items():
        if value is not None:
            setattr(ref, key, value)
    return ref


def head_token(doc: Any, start: int, end: int) -> Any:
    if doc is None:
        return None
    span = doc.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def demonym_acts(token: Any) -> bool:
    """A demonym stands for its state when it modifies an institution: "Russian President"."""
    if token is None:
        return False
    head = token
    for _ in range(3):
        if head.dep_ not in ("amod", "compound", "conj", "nmod") or head.head is head:
            break
        head = head.head
        if head.lower_ in INSTITUTIONS or head.lemma_.lower() in INSTITUTIONS:
            return True
    return False


def best_hits(hits: list[NameHit], text: str) -> list[NameHit]:
    """One reading per span: own names before demonyms before capitals, sovereign states first."""
    chosen: dict[tuple[int, int], NameHit] = {}
    for hit in hits:
        if is_acronym(text[hit.start : hit.end]) and shouting(text, hit.start, hit.end):
            continue
        key = (hit.start, hit.end)
        rank = (NAME_KIND_ORDER[hit.kind], not hit.actor.sovereign and hit.actor.type == "state")
        old = chosen.get(key)
        if old is None or rank < (
            NAME_KIND_ORDER[old.kind],
            not old.actor.sovereign and old.actor.type == "state",
        ):
            chosen[key] = hit
    return sorted(chosen.values(), key=lambda h: h.start)


def shouting(text: str, start: int, end: int) -> bool:
    """True in upper-case text, where acronyms cannot be told from words."""
    window = text[max(0, start - 60) : end + 60]
    return not any(c.islower() for c in window)


def containing(entities: list[Entity], start: int, end: int, label: str) -> Entity | None:
    for entity in entities:
        if (
            entity.label == label
            and entity.start <= start
            and end <= entity.end
            and (entity.end - entity.start > end - start)
        ):
            return entity
    return None


def strip_article(text: str, start: int, end: int) -> tuple[int, int]:
    for article in ("the ", "The "):
        if text.startswith(article, start) and end - start > len(article):
            return start + len(article), end
    if text[end - 2 : end] in ("'s", "’s"):
        end -= 2
    return start, end


def organisation_entity(analysis: Analysis, entity: Entity, hits: list[NameHit]) -> ActorRef | None:
    """An actor for a model ORG entity the registry does not name in full."""
    text = analysis.text
    start, end = strip_article(text, entity.start, entity.end)
    words = text[start:end].replace("-", " ").split()
    if not words:
        return None
    last = words[-1].lower()
    inner = [h for h in hits if start <= h.start and h.end <= end and h.actor.type == "state"]
    if inner and last in INSTITUTIONS:
        return reference(text, start, end, inner[0].actor, "institution")
    if last not in ORG_HEADS and not any(w.lower() in ORG_HEADS for w in words):
        return None
    kind = (
        "armed_group"
        if last in MILITARY and not inner
        else "media"
        if last in MEDIA
        else "authority"
        if last in AUTHORITY
        else "ngo"
        if last in NGO
        else "other"
    )
    name = text[start:end]
    return reference(
        text, start, end, None, "model", actor=persons.slug(name), name=name, type=kind
    )


def unlabelled_names(analysis: Analysis) -> list[Entity]:
    """Runs of proper nouns the model left unlabelled that end in an organisational word
    ("Kivu Security Tracker Network"), as ORG entities."""
    if analysis.doc is None:
        return []
    labelled = [(e.start, e.end) for e in analysis.entities]
    found: list[Entity] = []
    run: list[Any] = []
    for token in [*analysis.doc, None]:
        if token is not None and (
            token.pos_ == "PROPN"
            or (
                run
                and token.lower_ in ("of", "for", "and", "the")
                and token.i + 1 < len(token.doc)
                and token.doc[token.i + 1].pos_ == "PROPN"
            )
        ):
            run.append(token)
            continue
        if len(run) >= 2 and run[-1].lower_ in ORG_HEADS and run[-1].text[:1].isupper():
            start, end = run[0].idx, run[-1].idx + len(run[-1].text)
            if not any(s < end and start < e for s, e in labelled):
                found.append(Entity(start, end, analysis.text[start:end], "ORG"))
        run = []
    return found


def registry_actors(
    analysis: Analysis,
) -> tuple[list[ActorRef], list[tuple[int, int, ActorRef | None, str]]]:
    """Actors named from the registry and the mentions they decide (span, actor, label)."""
    text, doc = analysis.text, analysis.doc
    registry = load_registry()
    hits = best_hits(registry.find(text), text)
    found: list[ActorRef] = []
    decided: list[tuple[int, int, ActorRef | None, str]] = []
    covered: list[tuple[int, int]] = []
    for entity in analysis.entities + unlabelled_names(analysis):
        if entity.label != "ORG" or any(
            h.start == entity.start and h.end == entity.end for h in hits
        ):
            continue
        bare = strip_article(analysis.text, entity.start, entity.end)
        if any(h.actor.type != "state" and h.start <= bare[0] and bare[1] <= h.end for h in hits):
            continue
        ref = organisation_entity(analysis, entity, hits)
        if ref is not None and ref.span is not None:
            found.append(ref)
            decided.append((ref.span.start, ref.span.end, ref, label_for(ref.type)))
            covered.append((entity.start, entity.end))
    for hit in hits:
        if any(s <= hit.start and hit.end <= e for s, e in covered):
            continue
        if hit.actor.type == "state" and containing(
            analysis.entities, hit.start, hit.end, "PERSON"
        ):
            continue
        token = head_token(doc, hit.start, hit.end)
        grammar = role(token) if token is not None else None
        if hit.kind == "demonym":
            if demonym_acts(token):
                ref = reference(text, hit.start, hit.end, hit.actor, "demonym")
                found.append(ref)
                decided.append((hit.start, hit.end, ref, "actor"))
            else:
                decided.append((hit.start, hit.end, None, hit.actor.id))
            continue
        acting = (
            grammar == "actor"
            if hit.kind == "capital"
            else grammar != "place"
            if hit.actor.type == "state"
            else True
        )
        if acting:
            ref = reference(text, hit.start, hit.end, hit.actor, hit.kind)
            found.append(ref)
            decided.append((hit.start, hit.end, ref, label_for(hit.actor.type)))
        else:
            decided.append((hit.start, hit.end, None, "place"))
    return found, decided


def looks_like_person(analysis: Analysis, entity: Entity) -> bool:
    """False when the document reads the same words as a place or organisation more often, or
    coordinates them with one ("Upper Karabakh or Nagorno Karabakh")."""
    votes = [e.label == "PERSON" for e in analysis.entities if e.text == entity.text]
    if votes.count(False) > votes.count(True):
        return False
    token = head_token(analysis.doc, entity.start, entity.end)
    if token is not None and token.dep_ in ("conj", "appos"):
        return token.head.ent_type_ not in ("GPE", "LOC", "ORG", "FAC")
    return True


def person_actors(analysis: Analysis, taken: list[tuple[int, int]]) -> list[ActorRef]:
    """Persons from the model's PERSON entities, with slug ids, roles and affiliations."""
    text = analysis.text
    registry = load_registry()
    spans: list[tuple[int, int]] = []
    for entity in analysis.entities:
        if entity.label != "PERSON" or any(s < entity.end and entity.start < e for s, e in taken):
            continue
        if not looks_like_person(analysis, entity):
            continue
        start, end = strip_article(text, entity.start, entity.end)
        words = text[start:end].split()
        if len(words) >= 4 and text[max(0, start - 4) : start].strip().lower() == "of":
            start = end - len(
                " ".join(words[-2:])
            )  # "leader of Nagorno Karabakh Arayik Harutyunyan"
        name = persons.clean_name(text[start:end])
        start = text.find(name, start, end) if name else -1
        if start >= 0:
            spans.append((start, start + len(name)))
    full: dict[str, str] = {}
    for start, end in spans:
        name = text[start:end]
        if len(name.split()) >= 2:
            full.setdefault(name.split()[-1], name)
    found: list[ActorRef] = []
    for start, end in spans:
        name = text[start:end]
        if len(name.split()) < 2:
            titled = persons.title_before(text[max(0, start - 25) : start], 25) is not None
            if name not in full and not titled:
                continue
            name = full.get(name, name)
        role_name, affiliation = persons.role_and_affiliation(text, start, end, registry)
        found.append(
            reference(
                text,
                start,
                end,
                None,
                "person",
                actor=persons.slug(name),
                name=name,
                type="person",
                role=role_name,
                affiliation=affiliation,
            )
        )
    by_id: dict[str, ActorRef] = {}
    for ref in found:  # a role or affiliation found once holds for every mention of the person
        first = by_id.setdefault(ref.actor or "", ref)
        for key in ("role", "affiliation"):
            if getattr(first, key, None) is None and getattr(ref, key, None) is not None:
                setattr(first, key, getattr(ref, key))
    for ref in found:
        first = by_id[ref.actor or ""]
        for key in ("role", "affiliation"):
            if getattr(first, key, None) is not None:
                setattr(ref, key, getattr(first, key))
    return found


def acronym_actors(analysis: Analysis, named: list[ActorRef]) -> list[ActorRef]:
    text, doc = analysis.text, analysis.doc
    taken = {(a.span.start, a.span.end) for a in named if a.span}
    found = []
    for token in doc or ():
        span = (token.idx, token.idx + len(token.text))
        if span in taken or token.pos_ != "PROPN":
            continue
        target = coref.acronym_target(token.text, named, token.idx)
        if target is not None:
            found.append(coref.refer(text, span, target, "acronym"))
    return found


def merge_mentions(
    analysis: Analysis, decided: list[tuple[int, int, ActorRef | None, str]]
) -> None:
    """Put the stage's decisions into analysis.mentions, replacing the model's for those spans."""
    text = analysis.text
    mentions = list(analysis.mentions)
    for start, end, ref, label in decided:
        overlapping = [
            m
            for m in mentions
            if m.origin == "model" and m.label in NER_LABELS and m.start < end and start < m.end
        ]
        if ref is None and label == "place":
            if all(m.label == "place" for m in overlapping) and overlapping:
                continue  # the model already reads it as a place; the places stage refines it
            new = Mention(
                start=start, end=end, quote=text[start:end], label="place", origin="registry"
            )
        elif ref is None:  # a nationality: "Syrian mercenaries"
            new = Mention(
                start=start,
                end=end,
                quote=text[start:end],
                label="actor",
                canonical=label,
                origin="registry",
            )
        else:
            origin = (
                "coref"
                if getattr(ref, "via", "") in ("description", "pronoun", "acronym")
                else RULE_ORIGINS.get(getattr(ref, "via", ""), "registry")
            )
            new = Mention(
                start=start,
                end=end,
                quote=text[start:end],
                label=label,
                canonical=ref.actor,
                origin=origin,
            )
        mentions = [m for m in mentions if m not in overlapping]
        mentions.append(new)
    analysis.mentions = mentions


def run(analysis: Analysis, context: Context) -> None:
    found, decided = registry_actors(analysis)
    taken = [(s, e) for s, e, _, _ in decided]
    people = person_actors(analysis, taken)
    named = sorted(found + people, key=lambda a: a.span.start if a.span else 0)
    named += acronym_actors(analysis, named)
    named.sort(key=lambda a: a.span.start if a.span else 0)
    bound = coref.bind(analysis.text, analysis.doc, named) if analysis.doc is not None else []
    decided += [
        (a.span.start, a.span.end, a, label_for(a.type))
        for a in people + named[len(found) + len(people) :] + bound
        if a.span is not None
    ]
    analysis.actors = sorted(named + bound, key=lambda a: a.span.start if a.span else 0)
    merge_mentions(analysis, decided)


def actor_at(analysis: Analysis, start: int, end: int) -> ActorRef | None:
    """The resolved actor covering ``[start, end)`` or, inside it, the one heading it."""
    inside: list[ActorRef] = []
    for actor in analysis.actors:
        if actor.span is None:
            continue
        if actor.span.start <= start and end <= actor.span.end:
            return actor
        if start <= actor.span.start and actor.span.end <= end:
            inside.append(actor)
    if not inside:
        return None
    token = head_token(analysis.doc, start, end)
    if token is not None:
        for actor in inside:
            if actor.span and actor.span.start <= token.idx < actor.span.end:
                return actor
    return inside[0]


def resolve_name(text: str) -> ActorRef | None:
    """The registry actor a name stands for ("Human Rights Watch", "Baku", "Turkish"), if any."""
    found = load_registry().lookup(text)
    if not found:
        return None
    actor, kind = min(found, key=lambda f: (NAME_KIND_ORDER[f[1]], not f[0].sovereign))
    ref = ActorRef(text=text, actor=actor.id, name=actor.name, type=actor.type)
    ref.via = kind  # type: ignore[attr-defined]
    return ref


STAGE = Stage(
    name="resolve.actors",
    help="Actors with canonical ids: registry names, capitals standing for states, demonyms, "
    "organisations, persons with their titles, and coreference within the document.",
    reads=("text", "doc", "entities", "mentions"),
    writes=("actors", "mentions"),
    run=run,
)
