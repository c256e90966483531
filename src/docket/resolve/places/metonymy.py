"""Metonymy: a place name that stands for a government or its people, not for a location.

"Baku said", "Moscow mediated", "talks between Baku and Yerevan", "the mediation of Moscow": the
grammar makes the place an agent. Such references are actors; incident locations never use them.
The grammatical rule is shared with the actors stage (:func:`docket.resolve.actors.metonymy.role`);
here a subject of a verb that places take literally ("Stepanakert lies", "Gaza suffered") stays a
place.
"""

from __future__ import annotations

from typing import Any

from docket.resolve.actors.metonymy import role

# Verbs whose subject may be a place in the literal sense.
LITERAL_VERBS = frozenset(
    [
        "be",
        "lie",
        "sit",
        "border",
        "stand",
        "remain",
        "have",
        "host",
        "see",
        "experience",
        "suffer",
        "face",
        "witness",
        "receive",
        "become",
        "lose",
        "get",
        "fall",
        "flood",
        "burn",
        "shake",
        "sink",
        "grow",
        "house",
        "contain",
        "include",
        "cover",
        "stretch",
        "neighbour",
        "neighbor",
        "overlook",
    ]
)


def is_metonymic(doc: Any, start: int, end: int) -> bool:
    """Whether the place name at ``doc.text[start:end]`` is used for an actor (its government,
    army or people) rather than a location, judged from the dependency parse of the spaCy ``doc``."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    token = span.root
    head = token
    while head.dep_ == "conj" and head.head is not head:
        head = head.head
    if head.dep_ in ("nsubj", "nsubjpass") and head.head.lemma_.lower() in LITERAL_VERBS:
        return False
    if head.dep_ == "nsubjpass":
        return False  # "Stepanakert was shelled"
    return role(token) == "actor"
