"""Small helpers shared by the actor finders: ActorRefs, mention labels, head tokens, spans."""

from __future__ import annotations

from typing import Any

from docket.analysis import Entity
from docket.knowledge.actors.registry import Actor
from docket.record import ActorRef, MentionLabel, Span


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
