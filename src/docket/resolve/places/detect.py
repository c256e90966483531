"""Finding the place names in a parsed text: the model's place entities, and gazetteer matches of
capitalised words the model missed or mislabelled ("Stepanakert" tagged PERSON, "Upper Karabakh"
tagged ORG).

A gazetteer match outside the model's place entities is kept only with evidence that it is a place
here: a locative preposition before it ("in Stepanakert") or a dateline ("MANSFIELD --"), or the
name is a country (or a country's initials in capitals: "DRC"), region, first-level division or
"X County", or a town of a country or state the
document's place entities name. A match inside a longer person or organisation name is not kept,
except at the head of a public body's name ("the Georgia Public Service Commission"); nor a date
("March"), nor a lone direction word ("South"), nor the first or last name of a person named in
full in the document.

Demonyms and national adjectives ("Russian", "Palestinians") are references to their country,
marked with the origin ``demonym``: the toponym corpora that annotate them (LGL) count them as
toponyms, ``docket geoparse`` reports them marked ``demonym``, and an incident is never placed by
one ("Russian forces shelled Kharkiv" happened in Ukraine).

The model's place entities are kept but for streets and roads ("Main Street", "Highway 19") and
names it also tags as a person's that the gazetteer does not know ("Saakashvili"); a possessive is
left out of the span ("Boone County's" -> "Boone County").
"""

from __future__ import annotations

import re
from typing import Any

from docket.intervals import Intervals
from docket.knowledge.gazetteer.names import normalise, without_article
from docket.knowledge.gazetteer.store import Gazetteer
from docket.resolve.places.evidence import demonym_spans

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
TOWN_IN_STATE = 1000
# the words of a public body's name, named for the place it governs: "the Georgia Public Service
# Commission", "Clarke County Superior Court", "Dublin City Council"; not newspapers, firms,
# universities or hospitals named after a place ("The New York Times", "China Daily")
_PUBLIC = re.compile(
    r"\b(department|ministry|council|court|board|police|commission|services?|office|authority|"
    r"agency|bureau|house|senate|assembly|legislature|government|congress|district|schools?|"
    r"patrol|guard|army|sheriff'?s?|health|fire|prison|corrections|parliament|administration|"
    r"committee|county|city|state|national|public)\b",
    re.IGNORECASE,
)
_PRIVATE = re.compile(
    r"\b(times|post|news|journal|herald|tribune|gazette|daily|star|press|observer|chronicle|"
    r"constitution|inquirer|globe|university|college|hospital|medical|center|centre|zoo|clinic|"
    r"company|corporation|inc|corp|ltd|llc|co|group|laboratories|airport|airlines?|bank|club|"
    r"museum|church|hotel|mall)\b\.?$",
    re.IGNORECASE,
)


def _public_body(name: str) -> bool:
    """Whether the organisation ``name`` is a public body (named for where it governs)."""
    return bool(_PUBLIC.search(name)) and not _PRIVATE.search(name)


_DATELINE = re.compile(r",|\s*\(|\s+[-–—]")
_CAPITALISED = re.compile(r"[A-Z][\w'’.-]*(?:[ -](?:[A-Z][\w'’.-]*))*")
_LEADING_WORDS = frozenset({"the", "in", "a", "an", "this", "that", "on", "at", "as"})
_POSSESSIVE = re.compile(r"['’]s?$")
# words that are a place name somewhere but, alone and capitalised, rarely one here
_NOT_ALONE = frozenset(
    {"north", "south", "east", "west", "central", "northern", "southern", "eastern", "western"}
)
# labels under which a capitalised word is a date, a time or a number ("March", "Christmas")
_NOT_PLACES = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})
# streets and roads: addresses, below what the gazetteer and the toponym corpora hold
_STREET = re.compile(
    r"\b(street|st|avenue|ave|road|rd|drive|dr|boulevard|blvd|lane|ln|highway|hwy|route|"
    r"interstate|exit|parkway|pkwy|freeway|expressway|turnpike|way"
    r")\b\.?(\s+\d+\w*)?$|^(highway|route|interstate|exit|i-?)\s*\d+",
    re.IGNORECASE,
)
_DIVISION_WORD = re.compile(r" (county|parish|province|prefecture|governorate|oblast)$")


def _countries(gazetteer: Gazetteer, texts: list[str]) -> tuple[set[str], set[tuple[str, str]]]:
    """The countries and the first-level divisions (country, name) that ``texts`` name."""
    found: set[str] = set()
    states: set[tuple[str, str]] = set()
    for text in texts:
        for cand in gazetteer.lookup(text):
            if cand.place.kind == "country" or cand.place.kind == "admin1":
                found.add(cand.place.country)
            if cand.place.kind == "admin1" and cand.primary:
                states.add((cand.place.country, cand.place.name))
    return found, states


def _named(gazetteer: Gazetteer, key: str, quote: str) -> bool:
    """Whether the gazetteer knows the name (normalised ``key``), or ``quote`` as a country's
    initials ("DRC")."""
    return bool(gazetteer.lookup_normal(key) or gazetteer.acronym(quote))


def _strong(
    gazetteer: Gazetteer,
    key: str,
    focus: tuple[set[str], set[tuple[str, str]]],
    locative: bool,
) -> bool:
    countries, states = focus
    cands = gazetteer.lookup_normal(key)
    if not cands:
        return False
    if any(c.place.kind in WIDE_KINDS and c.primary for c in cands):
        return True
    if _DIVISION_WORD.search(key) and any(c.place.kind in ("admin1", "admin2") for c in cands):
        return True  # "Henry County", "Orleans Parish"
    if any(c.place.kind in ("region", "macro-region") for c in cands):
        return True
    if locative and any(
        c.place.country in countries or c.place.population >= 100_000 for c in cands
    ):
        return True
    if any(
        c.primary
        and c.place.population >= TOWN_IN_STATE
        and (c.place.country, c.place.admin1) in states
        for c in cands
    ):
        return True  # a town of a state the document names ("Gainesville" beside "Georgia")
    return locative and len(key) > 3 and any(c.place.population >= 1000 for c in cands)


def _line_start(text: str, start: int) -> bool:
    """Whether ``start`` begins the text, a line or a sentence, or follows a date ("March 24,
    2009 MANSFIELD --"), as a dateline does."""
    before = text[max(0, start - 80) : start].rstrip(" \t")
    return not before or before.endswith("\n") or before[-1] in ".!?" or before[-1].isdigit()


def _without_the(text: str, start: int) -> int:
    """``start`` past a leading "the "."""
    return start + 4 if text[start : start + 4].lower() == "the " else start


def _known(gazetteer: Gazetteer, name: str) -> bool:
    """Whether ``name`` is a place name or a demonym in the gazetteer."""
    return bool(gazetteer.lookup(name) or gazetteer.demonym(normalise(name)))


def detect(doc: Any, gazetteer: Gazetteer) -> list[tuple[int, int, str]]:
    """``(start, end, origin)`` of each place name in the spaCy ``doc``; origin is ``model`` for the
    model's GPE/LOC/FAC entities, ``gazetteer`` for matches it missed or mislabelled, and
    ``demonym`` for demonyms and national adjectives ("Russian", "Sri Lankan", whether the model
    took them for places or not), but not inside a longer name ("the Russian Orthodox Church")
    unless at the head of a public body's ("the Russian Foreign Ministry")."""
    text = doc.text
    spans: list[tuple[int, int, str]] = []
    taken = [False] * (len(text) + 1)
    # the names and surnames of the people the model found named in full ("Mikheil Saakashvili":
    # "Mikheil", "Saakashvili")
    named = {t.text for e in doc.ents if e.label_ == "PERSON" and len(e) > 1 for t in e}
    people = named | {e.text for e in doc.ents if e.label_ == "PERSON"}
    for ent in doc.ents:
        if ent.label_ in PLACE_LABELS:
            if ent.text in people and not _known(gazetteer, ent.text):
                continue  # a person's name the model also took for a place, and no place's
            if _STREET.search(ent.text) and not gazetteer.lookup(ent.text):
                # an address: "Main Street", "Highway 19", "Exit 6"; nor is its first word a
                # place ("Washington Avenue")
                for i in range(ent.start_char, ent.end_char):
                    taken[i] = True
                continue
            start, end = ent.start_char, ent.end_char
            if ent[0].lower_ == "the":
                start = ent[1].idx if len(ent) > 1 else start
            end = start + len(text[start:end].rstrip())  # "Kharkiv\n\n": not the line break
            # "Boone County's": the place is "Boone County"
            if (possessive := _POSSESSIVE.search(text, start, end)) and possessive.start() > start:
                end = possessive.start()
            key = normalise(text[start:end]).replace("-", " ")
            demonym = bool(gazetteer.demonym(key)) and not gazetteer.lookup_normal(key)
            spans.append((start, end, "demonym" if demonym else "model"))
            for i in range(start, end):
                taken[i] = True
    focus = _countries(gazetteer, [text[s:e] for s, e, _ in spans])
    others = {
        (e.start_char, e.end_char): e.label_ for e in doc.ents if e.label_ not in PLACE_LABELS
    }
    # a match strictly inside a longer person or organisation name is part of that name
    blocked = Intervals(
        (s, e, (s, e))
        for (s, e), label in others.items()
        if label in ("PERSON", "ORG", "WORK_OF_ART", "PRODUCT", "EVENT", "LAW") and " " in text[s:e]
    )
    # but an organisation named for its place starts with the place's name: "the Georgia Public
    # Service Commission", "the Athens Police Department", "Dublin City Council"
    leading = {
        _without_the(text, s)
        for (s, e), label in others.items()
        if label == "ORG" and _public_body(text[s:e])
    }
    # a date or a number is never a place, whatever the gazetteer holds ("March", "Christmas")
    for (s, e), label in others.items():
        if label in _NOT_PLACES:
            for k in range(s, e):
                taken[k] = True
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
                if n == 1 and (
                    key in _LEADING_WORDS or key in _NOT_ALONE or len(key) < 3 or quote in named
                ):
                    continue
                inside = start not in leading and any(
                    span != (start, end) for span in blocked.overlapping(start, end)
                )
                if any(taken[start:end]) or inside or not _named(gazetteer, key, quote):
                    continue
                before = text[max(0, start - 12) : start].split()
                locative = bool(before) and before[-1].lower() in LOCATIVE
                if quote.isupper() and _DATELINE.match(text, end) and _line_start(text, start):
                    locative = True  # a dateline: "KYIV, Ukraine (AP) --", "COLUMBIA, S.C. --"
                initials = bool(gazetteer.acronym(quote))  # "DRC", "CAR": a country, as its name
                if quote.isupper() and not locative and not initials:
                    continue
                if initials or _strong(gazetteer, key, focus, locative):
                    spans.append((start, end, "gazetteer"))
                    for k in range(start, end):
                        taken[k] = True
                    i += n - 1
                    break
            i += 1
    for start, end, _ in demonym_spans(gazetteer, text, [(s, e) for s, e, _ in spans]):
        inside = start not in leading and any(
            span != (start, end) for span in blocked.overlapping(start, end)
        )
        if not inside and not any(taken[start:end]):
            spans.append((start, end, "demonym"))
    return sorted(spans)
