"""Within-document coreference for actors: "the organization", "its", acronyms.

- A definite singular description whose head names a kind of actor ("the organization", "The civil
  rights organization", "the group", "the agency") binds to the most recent compatible actor before
  it; when none precedes (a lead that names the actor later), to the first compatible one after it.
- "its" binds to a non-person actor of the same clause's subject, else of the previous sentence's
  subject, else to the nearest one before it.
- An upper-case acronym binds to an earlier actor whose name's initials spell it ("Human Rights
  Watch" ... "HRW"), whether or not the registry knows either.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import Any

from docket.record import ActorRef, ActorType, Span

ORGS: frozenset[ActorType] = frozenset({"ngo", "international_organisation", "media"})
ANAPHOR_HEADS: dict[str, frozenset[ActorType]] = {
    "organization": ORGS,
    "organisation": ORGS,
    "ngo": frozenset({"ngo"}),
    "charity": frozenset({"ngo"}),
    "watchdog": frozenset({"ngo", "international_organisation"}),
    "monitor": frozenset({"ngo"}),
    "group": frozenset({"ngo", "armed_group"}),
    "agency": frozenset({"international_organisation", "media", "authority"}),
    "committee": frozenset({"international_organisation", "ngo"}),
    "body": frozenset({"international_organisation"}),
    "alliance": frozenset({"international_organisation"}),
    "bloc": frozenset({"international_organisation"}),
    "movement": frozenset({"armed_group"}),
    "militia": frozenset({"armed_group"}),
    "outlet": frozenset({"media"}),
    "newspaper": frozenset({"media"}),
}
FUNCTION_WORDS = {"of", "the", "for", "and", "in", "on", "de", "la", "du", "des", "&", "to"}


def initials(name: str) -> str:
    """The initials of a name's content words: "Human Rights Watch" -> "HRW"."""
    words = name.replace("-", " ").split()
    if len(words) < 2:
        return ""
    return "".join(
        w[0].upper() for w in words if w.lower() not in FUNCTION_WORDS and w[0].isalpha()
    )


def anaphor_span(token: Any) -> tuple[int, int] | None:
    """The character span of "the ... organization" headed by ``token``, if it is an anaphor."""
    if token.lower_ not in ANAPHOR_HEADS or token.tag_ != "NN":
        return None
    children = list(token.children)
    if not any(c.dep_ == "det" and c.lower_ in ("the", "this") for c in children):
        return None
    if any(c.dep_ in ("compound", "poss") and c.pos_ == "PROPN" for c in children):
        return None  # "the Wagner group" is a name
    if any(c.dep_ == "prep" and c.lower_ == "of" for c in children):
        return None  # "the group of experts"
    left = token.left_edge
    return left.idx, token.idx + len(token.text)


def nearest(actors: list[ActorRef], position: int, types: frozenset[ActorType]) -> ActorRef | None:
    """The compatible actor closest before ``position``, else the first one after it."""
    before = [a for a in actors if a.span and a.span.end <= position and a.type in types]
    if before:
        return max(before, key=lambda a: a.span.start if a.span else 0)
    after = [a for a in actors if a.span and a.span.start >= position and a.type in types]
    return min(after, key=lambda a: a.span.start if a.span else 0) if after else None


def bind(text: str, doc: Any, actors: list[ActorRef]) -> list[ActorRef]:
    """The actors that descriptions, possessives and acronyms in ``doc`` refer to."""
    bound: list[ActorRef] = []
    named = sorted((a for a in actors if a.span is not None), key=lambda a: a.span.start)  # type: ignore[union-attr]
    taken = {(a.span.start, a.span.end) for a in named if a.span}
    sentences = [sent for sent in doc.sents if sent.text.strip()]
    for token in doc:
        span = anaphor_span(token)
        if span is not None and span not in taken:
            target = nearest(named, span[0], ANAPHOR_HEADS[token.lower_])
            if target is not None:
                bound.append(refer(text, span, target, "description"))
            continue
        if token.lower_ == "its" and token.tag_ == "PRP$":
            target = possessor(token, named, sentences)
            if target is not None:
                bound.append(refer(text, (token.idx, token.idx + 3), target, "pronoun"))
    return bound


def possessor(token: Any, named: list[ActorRef], sentences: list[Any]) -> ActorRef | None:
    """The actor "its" refers to: subject of its clause, else of the previous sentence."""
    candidates = [a for a in named if a.type != "person" and a.span and a.span.end <= token.idx]
    if not candidates:
        return None
    index = bisect_right([sent.start for sent in sentences], token.i) - 1
    sentence = sentences[index] if index >= 0 else None
    previous = sentences[index - 1] if index > 0 else None
    for sent in (sentence, previous):
        if sent is None:
            continue
        subjects = [t for t in sent if t.dep_ in ("nsubj", "nsubjpass") and t.i < token.i]
        for subject in reversed(subjects):
            lo, hi = subject.left_edge.idx, subject.right_edge.idx + len(subject.right_edge.text)
            inside = [a for a in candidates if a.span and lo <= a.span.start and a.span.end <= hi]
            if inside:
                return inside[0]
    return candidates[-1]


def by_initials(named: list[ActorRef]) -> dict[str, list[ActorRef]]:
    """``named`` grouped by the initials of their names, in the order given (looked up by
    :func:`acronym_target` for every upper-case token, so computed once)."""
    groups: dict[str, list[ActorRef]] = {}
    for actor in named:
        key = initials(actor.text)
        if key and actor.span:
            groups.setdefault(key, []).append(actor)
    return groups


def acronym_target(
    token_text: str, groups: dict[str, list[ActorRef]], position: int
) -> ActorRef | None:
    """An earlier actor whose name's initials spell ``token_text`` (``groups`` from
    :func:`by_initials`): the last one given that ends before ``position``."""
    if not (2 <= len(token_text) <= 6 and token_text.isalpha() and token_text.isupper()):
        return None
    for actor in reversed(groups.get(token_text, ())):
        if actor.span and actor.span.end <= position:
            return actor
    return None


def refer(text: str, span: tuple[int, int], target: ActorRef, via: str) -> ActorRef:
    """An ActorRef for ``text[span]`` pointing at the same actor as ``target``."""
    ref = ActorRef(
        text=text[span[0] : span[1]],
        actor=target.actor,
        name=target.name,
        type=target.type,
        span=Span.of(text, *span),
    )
    extra = target.model_extra or {}
    for key in ("affiliation", "role"):
        if extra.get(key):
            setattr(ref, key, extra[key])
    ref.via = via  # type: ignore[attr-defined]
    return ref
