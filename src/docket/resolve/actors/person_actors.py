"""Persons as actors: the model's PERSON names, with slug ids, roles and affiliations."""

from __future__ import annotations

from collections import Counter

from docket.analysis import Analysis, Entity
from docket.intervals import Intervals
from docket.knowledge.actors.registry import load_registry
from docket.record import ActorRef
from docket.resolve.actors import persons
from docket.resolve.actors.refs import head_token, reference, strip_article


def looks_like_person(analysis: Analysis, entity: Entity, votes: Counter[tuple[str, bool]]) -> bool:
    """False when the document reads the same words as a place or organisation more often
    (``votes``: how often each text is read as a person or not), or coordinates them with one
    ("Upper Karabakh or Nagorno Karabakh")."""
    if votes[entity.text, False] > votes[entity.text, True]:
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
    votes = Counter((e.text, e.label == "PERSON") for e in analysis.entities)
    blocked = Intervals((s, e, (s, e)) for s, e in taken)
    for entity in analysis.entities:
        if entity.label != "PERSON" or blocked.overlapping(entity.start, entity.end):
            continue
        if not looks_like_person(analysis, entity, votes):
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
