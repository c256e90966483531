"""Registry names in the text and what each span stands for: a state, a place, a nationality or
an organisation (capitals by their grammatical role, demonyms by the noun they modify)."""

from __future__ import annotations

from typing import Any

from docket.analysis import Analysis
from docket.knowledge.actors.registry import NameHit, is_acronym, load_registry
from docket.record import ActorRef
from docket.resolve.actors.metonymy import role
from docket.resolve.actors.organisations import organisation_entity, unlabelled_names
from docket.resolve.actors.refs import containing, head_token, label_for, reference, strip_article
from docket.resolve.actors.words import INSTITUTIONS, NAME_KIND_ORDER


def demonym_acts(token: Any) -> bool:
    """A demonym stands for its state when it modifies an institution ("Russian President") or
    an attack made with a state's weapons ("an Israeli airstrike", see ``STATE_WEAPON_KINDS``)."""
    from docket.extract.lexicons import STATE_WEAPON_KINDS, triggers

    if token is None:
        return False
    head = token
    for _ in range(3):
        if head.dep_ not in ("amod", "compound", "conj", "nmod") or head.head is head:
            break
        head = head.head
        if head.lower_ in INSTITUTIONS or head.lemma_.lower() in INSTITUTIONS:
            return True
        if head.pos_ == "NOUN":
            trigger = triggers().get((head.lemma_.lower(), "NOUN"))
            if trigger is not None and trigger.category in STATE_WEAPON_KINDS:
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
