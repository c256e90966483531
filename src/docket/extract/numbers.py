"""The number a noun phrase carries ("at least four incidents", "12 people", "dozens of"), read from
the parse; used when the quantities stage has not marked it."""

from __future__ import annotations

from typing import Any

from docket.record import Number

WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "hundred": 100,
    "a": 1,
    "an": 1,
}
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
    word = word.lower().replace(",", "")
    if word.isdigit():
        return int(word)
    return WORDS.get(word) if word not in ("a", "an") else None


def number_at(noun: Any) -> Number | None:
    """The number modifying ``noun`` (a spaCy token), with its qualifier, or None."""
    for child in noun.children:
        if child.dep_ != "nummod":
            continue
        value = value_of(child.text)
        if value is None:
            continue
        doc = noun.doc
        before = [doc[k] for k in range(max(0, child.i - 2), child.i)]
        words = tuple(t.lower_ for t in before)
        qualifier = QUALIFIERS.get(words[-2:]) or QUALIFIERS.get(words[-1:]) or "exact"
        n_words = 2 if QUALIFIERS.get(words[-2:]) else 1 if QUALIFIERS.get(words[-1:]) else 0
        start = before[len(before) - n_words].idx if n_words else child.idx
        text = noun.doc.text[start : noun.idx + len(noun.text)]
        low = value if qualifier in ("at_least", "more_than", "exact") else None
        return Number(low=low, best=value, qualifier=qualifier, text=text)  # type: ignore[arg-type]
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ == "of" and noun.lower_ in VAGUE:
            return Number(qualifier=VAGUE[noun.lower_], text=noun.text)  # type: ignore[arg-type]
    return None
