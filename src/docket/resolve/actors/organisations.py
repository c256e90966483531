"""Organisations the registry does not know: the model's ORG entities and unlabelled proper-noun
runs that end in an organisational word, typed by that word (army, ministry, watch, ...)."""

from __future__ import annotations

from typing import Any

from docket.analysis import Analysis, Entity
from docket.knowledge.actors.registry import NameHit
from docket.record import ActorRef
from docket.resolve.actors import persons
from docket.resolve.actors.refs import reference, strip_article
from docket.resolve.actors.words import AUTHORITY, INSTITUTIONS, MEDIA, MILITARY, NGO, ORG_HEADS


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
