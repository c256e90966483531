"""Finding the place names in a parsed text: the model's place entities, and gazetteer matches of
capitalised words the model missed or mislabelled ("Stepanakert" tagged PERSON, "Upper Karabakh"
tagged ORG).

A gazetteer match outside the model's place entities is kept only with evidence that it is a place
here: a locative preposition before it ("in Stepanakert"), or the name is a country, region or
first-level division, or a town in a country the document's place entities are about; a match
inside a longer person or organisation name is never kept.
"""

from __future__ import annotations

import re
from typing import Any

from docket.knowledge.gazetteer.names import normalise, without_article
from docket.knowledge.gazetteer.store import Gazetteer

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
LOCATIVE = frozenset(
    [
        "in",
        "at",
        "near",
        "from",
        "to",
        "into",
        "outside",
        "inside",
        "around",
        "across",
        "of",
        "toward",
        "towards",
        "through",
        "via",
        "throughout",
        "within",
        "between",
    ]
)
WIDE_KINDS = frozenset({"country", "admin1", "region", "macro-region", "continent"})
MAX_WORDS = 4
_CAPITALISED = re.compile(r"[A-Z][\w'’.-]*(?:[ -](?:[A-Z][\w'’.-]*))*")
_LEADING_WORDS = frozenset({"the", "in", "a", "an", "this", "that", "on", "at", "as"})


def _countries(gazetteer: Gazetteer, texts: list[str]) -> set[str]:
    found: set[str] = set()
    for text in texts:
        for cand in gazetteer.lookup(text):
            if cand.place.kind == "country" or cand.place.kind == "admin1":
                found.add(cand.place.country)
    return found


def _strong(gazetteer: Gazetteer, key: str, focus: set[str], locative: bool) -> bool:
    cands = gazetteer.lookup_normal(key)
    if not cands:
        return False
    if any(c.place.kind in WIDE_KINDS and c.primary for c in cands):
        return True
    if any(c.place.kind in ("region", "macro-region") for c in cands):
        return True
    if locative and any(c.place.country in focus or c.place.population >= 100_000 for c in cands):
        return True
    return locative and len(key) > 3 and any(c.place.population >= 1000 for c in cands)


def detect(doc: Any, gazetteer: Gazetteer) -> list[tuple[int, int, str]]:
    """``(start, end, origin)`` of each place name in the spaCy ``doc``; origin is ``model`` for the
    model's GPE/LOC/FAC entities and ``gazetteer`` for matches it missed or mislabelled."""
    text = doc.text
    spans: list[tuple[int, int, str]] = []
    taken = [False] * (len(text) + 1)
    for ent in doc.ents:
        if ent.label_ in PLACE_LABELS:
            start, end = ent.start_char, ent.end_char
            if ent[0].lower_ == "the":
                start = ent[1].idx if len(ent) > 1 else start
            spans.append((start, end, "model"))
            for i in range(start, end):
                taken[i] = True
    focus = _countries(gazetteer, [text[s:e] for s, e, _ in spans])
    others = {
        (e.start_char, e.end_char): e.label_ for e in doc.ents if e.label_ not in PLACE_LABELS
    }
    # a match strictly inside a longer person or organisation name is part of that name
    blocked = [
        (s, e)
        for (s, e), label in others.items()
        if label in ("PERSON", "ORG", "WORK_OF_ART", "PRODUCT", "EVENT", "LAW") and " " in text[s:e]
    ]
    for match in _CAPITALISED.finditer(text):
        words = [
            (m.start() + match.start(), m.end() + match.start())
            for m in re.finditer(r"\S+", match.group())
        ]
        i = 0
        while i < len(words):
            for n in range(min(MAX_WORDS, len(words) - i), 0, -1):
                start, end = words[i][0], words[i + n - 1][1]
                while end > start and text[end - 1] in ".,'’":
                    end -= 1
                quote = text[start:end]
                key = without_article(normalise(quote))
                if n == 1 and (key in _LEADING_WORDS or len(key) < 3):
                    continue
                inside = any(s < end and start < e and (s, e) != (start, end) for s, e in blocked)
                if any(taken[start:end]) or inside or not gazetteer.lookup_normal(key):
                    continue
                before = text[max(0, start - 12) : start].split()
                locative = bool(before) and before[-1].lower() in LOCATIVE
                if quote.isupper() and not locative:
                    continue
                if _strong(gazetteer, key, focus, locative):
                    spans.append((start, end, "gazetteer"))
                    for k in range(start, end):
                        taken[k] = True
                    i += n - 1
                    break
            i += 1
    return sorted(spans)
