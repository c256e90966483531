"""What the words around toponyms say about where a document is: demonyms and "capital".

Two kinds of evidence that are not themselves toponyms:

- a demonym or national adjective in the text ("the Costa Rican capital", "Syrian troops") speaks
  of its country as a toponym would, and counts towards the document's country focus;
- "capital" written beside a name ("San José, the Costa Rican capital", "the capital, Kabul",
  "Santiago, capital of Chile") says the name is a national capital. The capitals of states and
  provinces ("the state capital") and former or second capitals ("the former capital", "the
  commercial capital") are not national capitals and do not count.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from docket.knowledge.gazetteer.names import normalise
from docket.knowledge.gazetteer.store import Candidate, Gazetteer

_POSSESSIVE = re.compile(r"['’]s?$")

# A capitalised word ("Syrian"); demonyms are one or two of them ("Costa Rican").
_WORD = re.compile(r"\b[A-Z][a-z]+\b")
# words that make "capital" something other than a country's seat of government
_NOT_NATIONAL = (
    r"state|provincial|regional|county|district|departmental|divisional|prefectural|former|old|"
    r"ancient|onetime|one-time|erstwhile|historic|historical|commercial|economic|financial|"
    r"business|cultural|de facto|rebel|insurgent|summer|winter|religious|spiritual|royal|"
    r"administrative|judicial|legislative|second|fashion|music|film|tourist|murder|crime|party|"
    r"world|european|venture|human|social|political|working|share|capital"
)
_FOLLOWS = r"(?=\s*(?:[,.;:)]|$)|\s+(?:of|city|and|on|in|where|which|that|was|is|has|had)\b)"
_QUALIFIER = r"(?P<q>(?!(?:" + _NOT_NATIONAL + r")\b)[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)?)"
# "X, the Costa Rican capital", "X, the capital of Chile", "X, Chile's capital"
_AFTER = re.compile(
    r"^\s*(?:,|\(|--?|–|—)\s*(?:(?:the|its|their|a|an)\s+)?(?:" + _QUALIFIER + r"\s+)?"
    r"(?:(?:nation|country)['’]s\s+)?capital" + _FOLLOWS + r"(?:\s+(?:city\s+)?of\s+"
    r"(?:the\s+)?(?P<of>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2}))?"
)
# "the capital, X", "the Syrian capital X", "the capital city X" (not "the capital of X")
_BEFORE = re.compile(
    r"(?:^|[^\w'’-])(?:(?P<q>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)?)|(?P<word>[\w'’-]+))\s+"
    r"capital(?:\s+city)?,?\s*$"
)


def demonym_spans(
    gazetteer: Gazetteer, text: str, spans: Sequence[tuple[int, int]]
) -> list[tuple[int, int, tuple[Candidate, ...]]]:
    """``(start, end, candidates)`` of each demonym or national adjective in ``text`` outside the
    toponym ``spans`` ("two Syrian soldiers": "Syrian"; "the Costa Rican capital": "Costa
    Rican"), with the countries or regions it may refer to."""
    taken = bytearray(len(text) + 1)
    for s, e in spans:
        taken[s:e] = b"\x01" * (e - s)
    words = [m.span() for m in _WORD.finditer(text) if not taken[m.start()]]
    found: list[tuple[int, int, tuple[Candidate, ...]]] = []
    i = 0
    while i < len(words):
        start, end = words[i]
        cands: tuple[Candidate, ...] = ()
        if i + 1 < len(words) and words[i + 1][0] == end + 1 and text[end] in " -":
            # two words: "Costa Rican", "South Sudanese", "Sri Lankan"
            cands = gazetteer.demonym(text[start : words[i + 1][1]].lower().replace("-", " "))
            if cands:
                i += 1
                end = words[i][1]
        if not cands:
            cands = gazetteer.demonym(text[start:end].lower())
        if cands:
            found.append((start, end, cands))
        i += 1
    return found


def demonym_countries(
    gazetteer: Gazetteer, text: str, spans: Sequence[tuple[int, int]]
) -> Counter[str]:
    """The countries (ISO codes) named by demonyms in ``text`` outside the toponym ``spans``, one
    count per occurrence ("two Syrian soldiers and a Turkish officer": SY 1, TR 1; "the Costa
    Rican capital": CR 1)."""
    found: Counter[str] = Counter()
    for _, _, cands in demonym_spans(gazetteer, text, spans):
        codes = {c.place.country for c in cands if c.place.country}
        if len(codes) == 1:
            found[codes.pop()] += 1
    return found


def called_capital(text: str, start: int, end: int) -> str | None:
    """Whether the words right beside ``text[start:end]`` call it a national capital: None if
    they do not, else the country words that qualify it ("Costa Rican", "Chile's", "Chile" of
    "the capital of Chile"; possessive and article as written), or "" for a plain "the capital"."""
    after = _AFTER.match(text[end : end + 60])
    if after is not None:
        return _POSSESSIVE.sub("", after.group("q") or after.group("of") or "")
    before = _BEFORE.search(text[max(0, start - 40) : start])
    if before is None:
        return None
    if before.group("q"):
        return _POSSESSIVE.sub("", before.group("q"))
    word = before.group("word").lower()
    return None if re.fullmatch(_NOT_NATIONAL, word) else ""


def qualified_countries(gazetteer: Gazetteer, words: str) -> set[str] | None:
    """The countries the words qualifying "capital" name ("Costa Rican", "Chile"): None when
    they name no place (the capital is then any country's), empty when they name only places
    that are not countries ("the Texas capital", "the Ontario capital")."""
    if not words:
        return None
    key = normalise(words)
    cands = gazetteer.demonym(key) or gazetteer.lookup_normal(key)
    if not cands:
        return None
    return {c.place.country for c in cands if c.place.kind == "country"}


# "Washington state", "Kano State", "the state of Washington", "Mayo county", "the province of Alberta"
_DIVISION_AFTER = re.compile(
    r"^\s+(?P<w>state|province|region|oblast|governorate|prefecture|county|parish|district)\b",
    re.IGNORECASE,
)
_DIVISION_BEFORE = re.compile(
    r"\b(?P<w>state|province|region|oblast|governorate|prefecture|county|parish|district)\s+of\s+"
    r"(?:the\s+)?$",
    re.IGNORECASE,
)
DIVISION_KINDS = {
    "state": "admin1",
    "province": "admin1",
    "region": "admin1",  # "Donetsk region", "the Tigray region": first-level in most countries
    "oblast": "admin1",
    "governorate": "admin1",
    "prefecture": "admin1",
    "county": "admin2",
    "parish": "admin2",
    "district": "admin2",
}


def division_named(text: str, start: int, end: int) -> str | None:
    """The kind of division ("admin1", "admin2") that a division word written right beside
    ``text[start:end]`` calls it ("Washington state", "the province of Alberta"), else None."""
    match = _DIVISION_AFTER.match(text[end : end + 20]) or _DIVISION_BEFORE.search(
        text[max(0, start - 30) : start]
    )
    return DIVISION_KINDS[match.group("w").lower()] if match else None


@dataclass
class Beside:
    """What the words beside a document's toponyms say, by normalised name."""

    capital: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    divisions: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))


def words_beside(text: str, keys: Sequence[str], spans: Sequence[tuple[int, int]]) -> Beside:
    """For each name (``keys``, one per span), the words that call it a capital
    (:func:`called_capital`) and the kinds of division it is called (:func:`division_named`),
    wherever it is written in ``text``."""
    found = Beside()
    for key, (start, end) in zip(keys, spans, strict=True):
        words = called_capital(text, start, end)
        if words is not None:
            found.capital[key].append(words)
        kind = division_named(text, start, end)
        if kind is not None:
            found.divisions[key].add(kind)
    return found
