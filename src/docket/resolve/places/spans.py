"""Candidate toponym spans and their features, for the learned toponym detector
(:mod:`docket.resolve.places.detector`).

The candidates are every span a reader might take for a place name: the model's GPE/LOC/FAC
entities (but for addresses: "Main Street", "Highway 19"), every run of one to four capitalised words the gazetteer knows (overlapping ones
included: "Dublin" and "Dublin City"), and the demonyms. Each gets a row of :data:`NAMES`
features: the rules' own verdict (:func:`docket.resolve.places.detect.detect` keeps it or not),
what the model's entities say of the words (label, inside or heading a longer name, a public
body's), the words around (a locative preposition, a dateline, what follows), and what the
gazetteer holds under the name (kinds, population, candidates, the document's countries).
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from docket.extract.lexicons import triggers
from docket.knowledge.gazetteer.names import normalise, without_article
from docket.knowledge.gazetteer.store import Candidate, Gazetteer
from docket.resolve.places import detect as rules
from docket.resolve.places.evidence import demonym_spans
from docket.resolve.places.ranking import named_with_kind

_LABELS = ("GPE", "LOC", "FAC", "PERSON", "ORG", "NORP", "DATE")
NAMES: tuple[str, ...] = (
    "rules_keep",
    "model_entity",
    *(f"label_{label.lower()}" for label in _LABELS),
    "label_other",
    "inside_longer_name",
    "heads_longer_name",
    "heads_public_body",
    "locative_before",
    "dateline",
    "all_upper",
    "line_start",
    "words",
    "characters",
    "demonym",
    "next_capitalised",
    "previous_capitalised",
    "next_comma",
    "part_of_named_person",
    "direction_word",
    "gaz_candidates",
    "gaz_primary",
    "gaz_country",
    "gaz_admin1",
    "gaz_admin2",
    "gaz_town",
    "gaz_wide",
    "gaz_log_population",
    "in_document_countries",
    "in_document_states",
    "same_name_kept_elsewhere",
    "longer_candidate_over",
    "shorter_candidate_under",
    "object_of_verb",
    "object_of_event_verb",
    "place_word_before",
    "place_word_after",
    "listed_with_place",
    "country_initials",
    "division_after_town",
)
# words that say the name beside them is a place ("the town of Taji", "Donetsk region")
PLACE_WORDS = frozenset(
    [
        "town",
        "city",
        "village",
        "province",
        "district",
        "region",
        "governorate",
        "state",
        "county",
        "capital",
        "port",
        "suburb",
        "suburbs",
        "area",
        "outskirts",
        "neighbourhood",
        "neighborhood",
        "camp",
        "border",
        "municipality",
        "oblast",
        "island",
        "airport",
        "valley",
        "river",
    ]
)
_LISTED = re.compile(r"^(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)$")


def _separator(ch: str) -> bool:
    """Whether ``ch`` may stand in a gap that _LISTED accepts."""
    return ch.isspace() or ch in ",andor"


@dataclass
class SpanCandidate:
    """One candidate span, how it was found, and its feature row."""

    start: int
    end: int
    origin: str  # model, gazetteer or demonym
    row: list[float] = field(default_factory=list)


def _entity_spans(doc: Any) -> list[tuple[int, int, str]]:
    out = []
    text = doc.text  # built anew on each access: once here
    for ent in doc.ents:
        start = ent[1].idx if ent[0].lower_ == "the" and len(ent) > 1 else ent.start_char
        # an entity may run over the line break after it ("... in Kharkiv\n\n"): not the name's
        words = text[start : ent.end_char]
        start += len(words) - len(words.lstrip())
        end = start + len(words.strip())
        if end > start:
            out.append((start, end, ent.label_))
    return out


def _gazetteer_runs(text: str, gazetteer: Gazetteer) -> list[tuple[int, int]]:
    """Every run of one to four capitalised words whose name the gazetteer knows, as written or
    by the word of its kind after it ("Diyala Governorate", "Kandahar Airport")."""
    found = []
    for match in rules._CAPITALISED.finditer(text):
        words = [
            (m.start() + match.start(), m.end() + match.start())
            for m in re.finditer(r"\S+", match.group())
        ]
        for i in range(len(words)):
            for n in range(1, min(rules.MAX_WORDS, len(words) - i) + 1):
                start, end = words[i][0], words[i + n - 1][1]
                while end > start and text[end - 1] in ".,'’":
                    end -= 1
                key = without_article(normalise(text[start:end]))
                if n == 1 and (key in rules._LEADING_WORDS or len(key) < 3):
                    continue
                if (
                    gazetteer.lookup_normal(key)
                    or gazetteer.acronym(text[start:end])
                    or (n > 1 and named_with_kind(gazetteer, key))
                ):
                    found.append((start, end))
    return found


def candidates(doc: Any, gazetteer: Gazetteer) -> list[SpanCandidate]:
    """The candidate toponym spans of the spaCy ``doc`` with their features, in text order."""
    text = doc.text
    kept = {(s, e): origin for s, e, origin in rules.detect(doc, gazetteer)}
    ents = _entity_spans(doc)
    places = {(s, e) for s, e, label in ents if label in rules.PLACE_LABELS}
    spans: dict[tuple[int, int], str] = {}
    for s, e in places:
        if rules._STREET.search(text[s:e]) and not gazetteer.lookup(text[s:e]):
            continue  # an address ("Main Street", "Highway 19"): below what a gazetteer holds
        if (possessive := rules._POSSESSIVE.search(text, s, e)) and possessive.start() > s:
            e = possessive.start()
        spans.setdefault((s, e), "model")
    for s, e in _gazetteer_runs(text, gazetteer):
        spans.setdefault((s, e), "gazetteer")
    for s, e, _ in demonym_spans(gazetteer, text, []):
        spans[(s, e)] = "demonym"
    for (s, e), origin in kept.items():
        spans[(s, e)] = origin
    named = {t.text for e in doc.ents if e.label_ == "PERSON" and len(e) > 1 for t in e}
    countries, states = rules._countries(gazetteer, [text[s:e] for s, e in places])
    kept_names = Counter(normalise(text[s:e]) for s, e in kept)
    public = {s for s, e, label in ents if label == "ORG" and rules._public_body(text[s:e])}
    events = _event_verbs()
    exact_labels: dict[tuple[int, int], list[str]] = {}
    for s, e, label in ents:
        exact_labels.setdefault((s, e), []).append(label)
    ent_starts = [s for s, _, _ in ents]
    ordered = sorted(spans)
    starts = [s for s, _ in ordered]
    widest = max((e - s for s, e in ordered), default=0)
    found: dict[tuple[int, int], tuple[Candidate, ...]] = {}
    for start, end in ordered:
        key = without_article(normalise(text[start:end]))
        found[(start, end)] = (
            gazetteer.lookup_normal(key)
            or gazetteer.acronym(text[start:end])
            or named_with_kind(gazetteer, key)
        )
    after_town = _divisions_after_towns(text, found)
    out = []
    for start, end in ordered:
        origin = spans[(start, end)]
        quote = text[start:end]
        key = without_article(normalise(quote))
        cands = found[(start, end)]
        demonym = origin == "demonym"
        exact = exact_labels.get((start, end), [])
        longer = _entities_over(ents, ent_starts, start, end)
        # the other candidates that hold this one or that it holds: none starts further back
        # than the widest candidate is long
        near = ordered[bisect_left(starts, start - widest) : bisect_right(starts, end)]
        before = text[max(0, start - 12) : start].split()
        # "in the Diyala Governorate", "in the United States": the article is no word between
        # the preposition and the name
        unarticled = before[:-1] if before and before[-1].lower() == "the" else before
        after = text[end : end + 20].split()
        kinds = {c.place.kind for c in cands}
        population = max((c.place.population for c in cands), default=0)
        name = normalise(quote)
        words = doc.char_span(start, end, alignment_mode="expand")
        root = words.root if words is not None and len(words) else None
        verb = root.head if root is not None and root.dep_ == "dobj" else None
        row = [
            float((start, end) in kept),
            float((start, end) in places),
            *(float(label in exact) for label in _LABELS),
            float(bool(exact) and exact[0] not in _LABELS),
            float(any(s < start or end < e for s, e in longer)),
            float(any(s == start and end < e for s, e in longer)),
            float(start in public),
            float(bool(unarticled) and unarticled[-1].lower() in rules.LOCATIVE),
            float(
                quote.isupper()
                and bool(rules._DATELINE.match(text, end))
                and rules._line_start(text, start)
            ),
            float(quote.isupper()),
            float(rules._line_start(text, start)),
            float(len(quote.split())),
            float(len(quote)),
            float(demonym),
            float(bool(after) and after[0][:1].isupper()),
            float(bool(before) and before[-1][:1].isupper()),
            float(text[end : end + 1] == ","),
            float(quote in named),
            float(key in rules._NOT_ALONE),
            float(len(cands)),
            float(any(c.primary for c in cands)),
            float("country" in kinds),
            float("admin1" in kinds),
            float("admin2" in kinds),
            float("city" in kinds),
            float(bool(kinds & {"region", "macro-region", "continent"})),
            math.log10(population + 1),
            float(any(c.place.country in countries for c in cands)),
            float(any((c.place.country, c.place.admin1) in states for c in cands)),
            float(kept_names[name] - ((start, end) in kept)),
            float(any(s <= start and end <= e and (s, e) != (start, end) for s, e in near)),
            float(any(start <= s and e <= end and (s, e) != (start, end) for s, e in near)),
            float(verb is not None),
            float(verb is not None and verb.lemma_.lower() in events),
            float(any(w.lower().strip(",.") in PLACE_WORDS for w in before[-3:])),
            float(bool(after) and after[0].lower().strip(",.") in PLACE_WORDS),
            0.0,  # listed_with_place, below
            float(bool(gazetteer.acronym(quote))),
            float((start, end) in after_town),
        ]
        out.append(SpanCandidate(start, end, origin, row))
    _listed(text, out)
    return out


_LISTED_AT = NAMES.index("listed_with_place")
_PLACE_SIGNS = [NAMES.index(n) for n in ("rules_keep", "label_gpe", "label_loc")]


def _divisions_after_towns(
    text: str, found: dict[tuple[int, int], tuple[Candidate, ...]]
) -> set[tuple[int, int]]:
    """The candidates that name, after a comma, a state, province or country holding a town of
    the candidate before the comma ("Winnipeg, Man.", "Surrey, B.C.", "Paris, Texas"): a town
    written with its division, the way news places a town. Both spans are returned."""
    ends: dict[int, list[tuple[int, int]]] = {}
    for start, end in found:
        ends.setdefault(end, []).append((start, end))
    out: set[tuple[int, int]] = set()
    for (start, end), cands in found.items():
        if not cands or text[max(0, start - 3) : start].rstrip()[-1:] != ",":
            continue
        comma = text.rfind(",", 0, start)
        divisions = {
            (c.place.country, c.place.name if c.place.kind == "admin1" else None)
            for c in cands
            if c.place.kind in ("admin1", "country")
        }
        for town in ends.get(comma, []):
            if any(
                t.place.kind == "city"
                and bool({(t.place.country, t.place.admin1), (t.place.country, None)} & divisions)
                for t in found[town]
            ):
                out.update({town, (start, end)})
    return out


def _listed(text: str, found: list[SpanCandidate]) -> None:
    """Mark the candidates listed beside a place ("Rafah and Khan Younis", "Bakhmut, Avdiivka
    and Donetsk"): next to a candidate the rules keep or the model takes for a place, with only a
    comma or a conjunction between."""
    placed = [c for c in found if any(c.row[i] for i in _PLACE_SIGNS)]
    by_end = sorted(placed, key=lambda c: c.end)
    ends = [c.end for c in by_end]
    by_start = sorted(placed, key=lambda c: c.start)
    starts = [c.start for c in by_start]
    for c in found:
        # a gap _LISTED accepts holds only separator characters: look no further than they run
        left = c.start
        while left > 0 and _separator(text[left - 1]):
            left -= 1
        right = c.end
        while right < len(text) and _separator(text[right]):
            right += 1
        before = by_end[bisect_left(ends, left) : bisect_right(ends, c.start)]
        after = by_start[bisect_left(starts, c.end) : bisect_right(starts, right)]
        c.row[_LISTED_AT] = float(
            any(o is not c and _LISTED.match(text[o.end : c.start]) for o in before)
            or any(o is not c and _LISTED.match(text[c.end : o.start]) for o in after)
        )


def _entities_over(
    ents: list[tuple[int, int, str]], starts: list[int], start: int, end: int
) -> list[tuple[int, int]]:
    """The model's entities (in text order, never overlapping; ``starts`` their starts) that
    hold ``text[start:end]`` and are longer than it: at most the last one starting at or
    before ``start``."""
    i = bisect_right(starts, start) - 1
    if i < 0:
        return []
    s, e, _ = ents[i]
    return [(s, e)] if end <= e and (s, e) != (start, end) else []


@lru_cache(maxsize=1)
def _event_verbs() -> frozenset[str]:
    """The lemmas of the incident lexicon's verbs ("shell", "strike", "attack")."""
    return frozenset(lemma for lemma, pos in triggers() if pos == "VERB")
