"""The number a noun phrase carries ("at least four incidents", "12 people", "dozens of"), read from
the parse; used when the quantities stage has not marked it."""

from __future__ import annotations

from typing import Any

from docket.nlp.doc_text import doc_text
from docket.record import Number
from docket.resolve.number_words import to_number

QUALIFIERS = {
    ("at", "least"): "at_least",
    ("more", "than"): "more_than",
    ("over",): "more_than",
    ("about",): "about",
    ("around",): "about",
    ("approximately",): "about",
    ("some",): "about",
    ("nearly",): "about",
    ("almost",): "about",
    ("roughly",): "about",
    ("up", "to"): "at_most",
    ("at", "most"): "at_most",
    ("fewer", "than"): "fewer_than",
    ("less", "than"): "fewer_than",
}
VAGUE = {"dozens": "dozens", "hundreds": "hundreds", "thousands": "thousands", "tens": "tens"}


def value_of(word: str) -> int | None:
    """A whole number written in digits or words ("12", "1,000", "four"), else None; the article
    "a" counts as no number here."""
    if word.lower() in ("a", "an"):
        return None
    value = to_number(word)
    return int(value) if value is not None and value == int(value) else None


def number_at(noun: Any) -> Number | None:
    """The number modifying ``noun`` (a spaCy token), with its qualifier, or None."""
    for child in noun.children:
        if child.dep_ != "nummod":
            continue
        value = value_of(child.text)
        if value is None:
            continue
        return _qualified(value, child, noun)
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ == "of" and noun.lower_ in VAGUE:
            return Number(qualifier=VAGUE[noun.lower_], text=noun.text)  # type: ignore[arg-type]
    return None


def number_alone(token: Any) -> Number | None:
    """A number standing alone for the people it counts ("killing two and wounding 11"), with
    a qualifier before it ("at least 11"); None for a token that is no number."""
    value = value_of(token.text) if token.like_num else None
    return _qualified(value, token, token) if value is not None else None


def _qualified(value: int, number: Any, last: Any) -> Number:
    """The Number ``value`` written by token ``number``, with the qualifier of the one or two words
    before it ("at least", "about"); its text runs to token ``last`` (the noun it counts)."""
    doc = number.doc
    before = tuple(doc[k].lower_ for k in range(max(0, number.i - 2), number.i))
    qualifier = QUALIFIERS.get(before[-2:]) or QUALIFIERS.get(before[-1:]) or "exact"
    n_words = 2 if QUALIFIERS.get(before[-2:]) else 1 if QUALIFIERS.get(before[-1:]) else 0
    start = doc[number.i - n_words].idx
    text = doc_text(doc)[start : last.idx + len(last.text)]
    low = value if qualifier in ("at_least", "more_than", "exact") else None
    return Number(low=low, best=value, qualifier=qualifier, text=text)  # type: ignore[arg-type]
